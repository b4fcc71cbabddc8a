/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "vw-command-log.h"
#include "vw-credentials.h"
#include "vw-domain.h"
#include "vw-virt-types.h"

G_BEGIN_DECLS

#define VW_TYPE_CONNECTION (vw_connection_get_type ())

G_DECLARE_FINAL_TYPE (VwConnection, vw_connection, VW, CONNECTION, GObject)

VwConnection       *vw_connection_new               (const char           *uri);
const char         *vw_connection_get_uri           (VwConnection         *self);
const char         *vw_connection_get_title         (VwConnection         *self);
gboolean            vw_connection_is_sandbox        (VwConnection         *self);
gboolean            vw_connection_get_loading       (VwConnection         *self);
VwConnectionStatus  vw_connection_get_status        (VwConnection         *self);
const char         *vw_connection_get_error_message (VwConnection         *self);
GListModel         *vw_connection_get_domains       (VwConnection         *self);
GListModel         *vw_connection_get_networks      (VwConnection         *self);
GListModel         *vw_connection_get_pools         (VwConnection         *self);
VwDomain           *vw_connection_find_domain       (VwConnection         *self,
                                                     const char           *name);
VwCommandLog       *vw_connection_get_command_log   (VwConnection         *self);
void                vw_connection_set_command_log   (VwConnection         *self,
                                                     VwCommandLog         *log);
void                vw_connection_set_reconnect_delays (VwConnection      *self,
                                                     guint                 first_ms,
                                                     guint                 max_ms);
void                vw_connection_open_async        (VwConnection         *self,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean            vw_connection_open_finish       (VwConnection         *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
void                vw_connection_close             (VwConnection         *self);

/* Connection-level operations, recorded like the domain ones. */
void                vw_connection_define_domain_async (VwConnection       *self,
                                                     const char           *xml,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer             user_data);
void                vw_connection_restore_async     (VwConnection         *self,
                                                     const char           *path,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
void                vw_connection_define_network_async (VwConnection      *self,
                                                     const char           *xml,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
void                vw_connection_define_pool_async (VwConnection         *self,
                                                     const char           *name,
                                                     const char           *path,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
void                vw_connection_define_pool_xml_async (VwConnection     *self,
                                                     const char           *xml,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
void                vw_connection_define_filter_async (VwConnection       *self,
                                                     const char           *xml,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
void                vw_connection_undefine_filter_async (VwConnection     *self,
                                                     const char           *name,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean            vw_connection_op_finish         (VwConnection         *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

/* Network filters: libvirt sends no events for them, so they are read
 * on demand rather than kept in a model. */
void                vw_connection_list_filters_async (VwConnection        *self,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
GStrv               vw_connection_list_filters_finish (VwConnection       *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
void                vw_connection_get_filter_xml_async (VwConnection      *self,
                                                     const char           *name,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
char               *vw_connection_get_filter_xml_finish (VwConnection     *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

G_END_DECLS
