/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define VW_TYPE_POOL (vw_pool_get_type ())

G_DECLARE_FINAL_TYPE (VwPool, vw_pool, VW, POOL, GObject)

const char *vw_pool_get_name       (VwPool *self);
const char *vw_pool_get_uuid       (VwPool *self);
gboolean    vw_pool_get_active     (VwPool *self);
gboolean    vw_pool_get_persistent (VwPool *self);
gboolean    vw_pool_get_autostart  (VwPool *self);
guint64     vw_pool_get_capacity   (VwPool *self);
guint64     vw_pool_get_allocation (VwPool *self);
guint64     vw_pool_get_available  (VwPool *self);

G_END_DECLS
