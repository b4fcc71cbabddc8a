/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "vw-connection.h"
#include "vw-network-details.h"

G_BEGIN_DECLS

#define VW_TYPE_NETWORKS_PAGE (vw_networks_page_get_type ())

G_DECLARE_FINAL_TYPE (VwNetworksPage, vw_networks_page, VW, NETWORKS_PAGE, GtkWidget)

GtkWidget *vw_networks_page_new            (void);
void       vw_networks_page_set_connection (VwNetworksPage    *self,
                                      VwConnection *connection);

const char * const *vw_networks_page_get_filters (VwNetworksPage *self);
VwNetworkDetails   *vw_networks_page_get_details (VwNetworksPage *self);
const char         *vw_networks_page_get_filter_status (VwNetworksPage *self);

G_END_DECLS
