/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define VW_TYPE_SNAPSHOT (vw_snapshot_get_type ())

G_DECLARE_FINAL_TYPE (VwSnapshot, vw_snapshot, VW, SNAPSHOT, GObject)

/* One snapshot of a domain, as read with all the others (VwSnapshotList). */
typedef struct
{
  char *name;
  char *parent;
  char *description;
  char *state;        /* the domain's state when taken: running, shutoff, … */
  gint64 created;     /* seconds since the epoch */
  gboolean current;
  gboolean external;
  guint depth;        /* 0 for a root */
  guint n_children;
} VwSnapshotInfo;

void        vw_snapshot_info_free        (VwSnapshotInfo *info);

VwSnapshot *vw_snapshot_new              (const VwSnapshotInfo *info);
const char *vw_snapshot_get_name         (VwSnapshot *self);
const char *vw_snapshot_get_parent       (VwSnapshot *self);
const char *vw_snapshot_get_description  (VwSnapshot *self);
const char *vw_snapshot_get_state        (VwSnapshot *self);
gint64      vw_snapshot_get_created      (VwSnapshot *self);
gboolean    vw_snapshot_get_current      (VwSnapshot *self);
gboolean    vw_snapshot_get_external     (VwSnapshot *self);
guint       vw_snapshot_get_depth        (VwSnapshot *self);
guint       vw_snapshot_get_n_children   (VwSnapshot *self);

G_END_DECLS
