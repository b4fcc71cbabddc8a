/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "vw-domain.h"
#include "vw-snapshot.h"

G_BEGIN_DECLS

#define VW_TYPE_SNAPSHOT_LIST (vw_snapshot_list_get_type ())

G_DECLARE_FINAL_TYPE (VwSnapshotList, vw_snapshot_list, VW, SNAPSHOT_LIST, GObject)

VwSnapshotList *vw_snapshot_list_new           (VwDomain       *domain);
VwDomain       *vw_snapshot_list_get_domain    (VwSnapshotList *self);
GListModel     *vw_snapshot_list_get_model     (VwSnapshotList *self);
gboolean        vw_snapshot_list_get_loaded    (VwSnapshotList *self);
const char     *vw_snapshot_list_get_error     (VwSnapshotList *self);
VwSnapshot     *vw_snapshot_list_find          (VwSnapshotList *self,
                                                const char     *name);
void            vw_snapshot_list_reload        (VwSnapshotList *self);

G_END_DECLS
