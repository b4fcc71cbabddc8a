/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "vw-domain.h"
#include "vw-snapshot-list.h"

G_BEGIN_DECLS

#define VW_TYPE_SNAPSHOTS_VIEW (vw_snapshots_view_get_type ())

G_DECLARE_FINAL_TYPE (VwSnapshotsView, vw_snapshots_view, VW, SNAPSHOTS_VIEW, GtkWidget)

GtkWidget      *vw_snapshots_view_new         (void);
void            vw_snapshots_view_set_domain  (VwSnapshotsView *self,
                                               VwDomain        *domain);
VwSnapshotList *vw_snapshots_view_get_list    (VwSnapshotsView *self);

G_END_DECLS
