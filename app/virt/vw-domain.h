/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "vw-virt-types.h"

G_BEGIN_DECLS

#define VW_TYPE_DOMAIN (vw_domain_get_type ())

G_DECLARE_FINAL_TYPE (VwDomain, vw_domain, VW, DOMAIN, GObject)

typedef struct _VwConnection VwConnection;

const char    *vw_domain_get_name            (VwDomain             *self);
const char    *vw_domain_get_uuid            (VwDomain             *self);
int            vw_domain_get_id              (VwDomain             *self);
VwDomainState  vw_domain_get_state           (VwDomain             *self);
guint          vw_domain_get_vcpus           (VwDomain             *self);
guint64        vw_domain_get_memory          (VwDomain             *self);
guint64        vw_domain_get_max_memory      (VwDomain             *self);
gboolean       vw_domain_get_persistent      (VwDomain             *self);
gboolean       vw_domain_get_autostart       (VwDomain             *self);
gboolean       vw_domain_get_has_managed_save (VwDomain            *self);
gboolean       vw_domain_get_busy            (VwDomain             *self);
VwConnection  *vw_domain_dup_connection      (VwDomain             *self);
gboolean       vw_domain_can                 (VwDomain             *self,
                                              VwDomainAction        action);

/* Operations: worker threads, a recorded virsh line, GAsyncResult back. */
void           vw_domain_run_async           (VwDomain             *self,
                                              VwDomainAction        action,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
void           vw_domain_save_async          (VwDomain             *self,
                                              const char           *path,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
void           vw_domain_undefine_async      (VwDomain             *self,
                                              VwUndefineFlags       flags,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
void           vw_domain_set_vcpus_async     (VwDomain             *self,
                                              guint                 count,
                                              gboolean              maximum,
                                              VwChangeFlags         flags,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
void           vw_domain_set_memory_async    (VwDomain             *self,
                                              guint64               kib,
                                              gboolean              maximum,
                                              VwChangeFlags         flags,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
void           vw_domain_clone_async         (VwDomain             *self,
                                              const char           *new_name,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
/* Snapshots (vw-domain-snapshots.c); finish with vw_domain_op_finish(). */
void           vw_domain_create_snapshot_async (VwDomain          *self,
                                              const char           *name,
                                              const char           *description,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
void           vw_domain_revert_snapshot_async (VwDomain          *self,
                                              const char           *name,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
void           vw_domain_delete_snapshot_async (VwDomain          *self,
                                              const char           *name,
                                              gboolean              children,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean       vw_domain_op_finish           (VwDomain             *self,
                                              GAsyncResult         *result,
                                              GError              **error);

void           vw_domain_get_removal_info_async  (VwDomain         *self,
                                                  GCancellable     *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer          user_data);
gboolean       vw_domain_get_removal_info_finish (VwDomain         *self,
                                                  GAsyncResult     *result,
                                                  GStrv            *volumes,
                                                  guint            *n_snapshots,
                                                  GError          **error);

void           vw_domain_get_xml_async       (VwDomain             *self,
                                              gboolean              inactive,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
void           vw_domain_get_snapshot_xml_async (VwDomain         *self,
                                              const char           *snapshot,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
char          *vw_domain_get_xml_finish      (VwDomain             *self,
                                              GAsyncResult         *result,
                                              GError              **error);

G_END_DECLS
