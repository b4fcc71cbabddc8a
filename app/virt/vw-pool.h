/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "vw-virt-object.h"
#include "vw-volume.h"

G_BEGIN_DECLS

#define VW_TYPE_POOL (vw_pool_get_type ())

G_DECLARE_FINAL_TYPE (VwPool, vw_pool, VW, POOL, VwVirtObject)

typedef enum {
  VW_POOL_ACTION_BUILD,
  VW_POOL_ACTION_START,
  VW_POOL_ACTION_STOP,
  VW_POOL_ACTION_REFRESH,
  VW_POOL_ACTION_AUTOSTART_ENABLE,
  VW_POOL_ACTION_AUTOSTART_DISABLE,
  VW_POOL_ACTION_UNDEFINE,
} VwPoolAction;

const char *vw_pool_get_name       (VwPool *self);
const char *vw_pool_get_pool_type  (VwPool *self);
const char *vw_pool_get_target     (VwPool *self);
guint64     vw_pool_get_capacity   (VwPool *self);
guint64     vw_pool_get_allocation (VwPool *self);
guint64     vw_pool_get_available  (VwPool *self);
GListModel *vw_pool_get_volumes    (VwPool *self);
VwVolume   *vw_pool_find_volume    (VwPool *self,
                                    const char *name);

/* Operations (vw-pool-ops.c); finish with vw_virt_object_op_finish(). */
void        vw_pool_run_async      (VwPool              *self,
                                    VwPoolAction         action,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
/* A new volume; @backing (nullable) is the name of a volume in the same
 * pool the new qcow2 image is an overlay on. */
void        vw_pool_create_volume_async (VwPool         *self,
                                    const char          *name,
                                    guint64              capacity,
                                    const char          *format,
                                    const char          *backing,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
/* Finish with vw_virt_object_op_finish_pointer(): a string. */
void        vw_pool_get_xml_async  (VwPool              *self,
                                    gboolean             inactive,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);

G_END_DECLS
