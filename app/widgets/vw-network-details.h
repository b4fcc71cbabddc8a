/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "vw-network.h"
#include "vw-xml-editor.h"

G_BEGIN_DECLS

#define VW_TYPE_NETWORK_DETAILS (vw_network_details_get_type ())

G_DECLARE_FINAL_TYPE (VwNetworkDetails, vw_network_details, VW, NETWORK_DETAILS, GtkWidget)

GtkWidget   *vw_network_details_new            (void);
VwNetwork   *vw_network_details_get_network    (VwNetworkDetails *self);
void         vw_network_details_set_network    (VwNetworkDetails *self,
                                                VwNetwork        *network);
VwXmlEditor *vw_network_details_get_xml_editor (VwNetworkDetails *self);
guint        vw_network_details_get_n_leases   (VwNetworkDetails *self);

G_END_DECLS
