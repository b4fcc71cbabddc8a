/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libvirt/libvirt.h>

#include "vw-volume.h"

G_BEGIN_DECLS

/* A volume as read in a worker thread with its pool. */
typedef struct
{
  char *name;
  char *path;
  char *format;
  char *backing;
  guint64 capacity;
  guint64 allocation;
} VwVolumeInfo;

VwVolumeInfo *vw_volume_info_read (virStorageVolPtr  vol);
void          vw_volume_info_free (VwVolumeInfo     *info);
VwVolume     *vw_volume_new       (VwPool           *pool,
                                   VwVolumeInfo     *info);
void          vw_volume_apply     (VwVolume         *self,
                                   VwVolumeInfo     *info);

G_END_DECLS
