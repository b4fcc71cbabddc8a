/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "vw-connection.h"
#include "vw-topology.h"

G_BEGIN_DECLS

#define VW_TYPE_TOPOLOGY_VIEW (vw_topology_view_get_type ())

G_DECLARE_FINAL_TYPE (VwTopologyView, vw_topology_view, VW, TOPOLOGY_VIEW, GtkWidget)

/* The picture asks for the height it needs at the width it gets: put it in
 * a GtkScrolledWindow. */
GtkWidget  *vw_topology_view_new             (void);
void        vw_topology_view_set_connection  (VwTopologyView   *self,
                                              VwConnection     *connection);
VwTopology *vw_topology_view_get_topology    (VwTopologyView   *self);

/* Where a node is drawn (FALSE when it is not, e.g. beyond the cap), and
 * what is under a point, as the tooltip says it; for tests and tools. */
gboolean    vw_topology_view_get_item_bounds (VwTopologyView   *self,
                                              VwTopologyKind    kind,
                                              const char       *name,
                                              graphene_rect_t  *bounds);
char       *vw_topology_view_describe_at     (VwTopologyView   *self,
                                              double            x,
                                              double            y);

G_END_DECLS
