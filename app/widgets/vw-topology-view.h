/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "vw-connection.h"

G_BEGIN_DECLS

#define VW_TYPE_TOPOLOGY_VIEW (vw_topology_view_get_type ())

G_DECLARE_FINAL_TYPE (VwTopologyView, vw_topology_view, VW, TOPOLOGY_VIEW, GtkWidget)

GtkWidget *vw_topology_view_new            (void);
void       vw_topology_view_set_connection (VwTopologyView    *self,
                                      VwConnection *connection);

G_END_DECLS
