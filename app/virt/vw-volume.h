/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define VW_TYPE_VOLUME (vw_volume_get_type ())

G_DECLARE_FINAL_TYPE (VwVolume, vw_volume, VW, VOLUME, GObject)

typedef struct _VwPool VwPool;

const char *vw_volume_get_name       (VwVolume *self);
const char *vw_volume_get_path       (VwVolume *self);
const char *vw_volume_get_format     (VwVolume *self);
const char *vw_volume_get_backing    (VwVolume *self);
guint64     vw_volume_get_capacity   (VwVolume *self);
guint64     vw_volume_get_allocation (VwVolume *self);
VwPool     *vw_volume_dup_pool       (VwVolume *self);

/* Operations (vw-pool-ops.c): they run on the pool, which is busy
 * meanwhile and reread afterwards. */
void        vw_volume_delete_async   (VwVolume            *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
void        vw_volume_resize_async   (VwVolume            *self,
                                      guint64              capacity,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
gboolean    vw_volume_op_finish      (GAsyncResult        *result,
                                      GError             **error);
void        vw_volume_get_xml_async  (VwVolume            *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
char       *vw_volume_get_xml_finish (GAsyncResult        *result,
                                      GError             **error);

G_END_DECLS
