/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "vw-virt-types.h"

G_BEGIN_DECLS

#define VW_TYPE_DOMAIN (vw_domain_get_type ())

G_DECLARE_FINAL_TYPE (VwDomain, vw_domain, VW, DOMAIN, GObject)

const char    *vw_domain_get_name       (VwDomain             *self);
const char    *vw_domain_get_uuid       (VwDomain             *self);
int            vw_domain_get_id         (VwDomain             *self);
VwDomainState  vw_domain_get_state      (VwDomain             *self);
guint          vw_domain_get_vcpus      (VwDomain             *self);
guint64        vw_domain_get_memory     (VwDomain             *self);
guint64        vw_domain_get_max_memory (VwDomain             *self);
gboolean       vw_domain_get_persistent (VwDomain             *self);
gboolean       vw_domain_get_busy       (VwDomain             *self);
gboolean       vw_domain_can            (VwDomain             *self,
                                         VwDomainAction        action);
void           vw_domain_run_async      (VwDomain             *self,
                                         VwDomainAction        action,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean       vw_domain_run_finish     (VwDomain             *self,
                                         GAsyncResult         *result,
                                         GError              **error);

G_END_DECLS
