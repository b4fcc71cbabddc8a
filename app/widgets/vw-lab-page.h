/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "vw-connection-list.h"
#include "vw-connection.h"
#include "vw-domain-details.h"

G_BEGIN_DECLS

#define VW_TYPE_LAB_PAGE (vw_lab_page_get_type ())

G_DECLARE_FINAL_TYPE (VwLabPage, vw_lab_page, VW, LAB_PAGE, GtkWidget)

void              vw_lab_page_set_connections     (VwLabPage        *self,
                                                   VwConnectionList *connections,
                                                   GSettings        *settings);
VwConnectionList *vw_lab_page_get_connections     (VwLabPage        *self);
void              vw_lab_page_connect             (VwLabPage        *self,
                                                   const char       *uri);
VwConnection     *vw_lab_page_get_connection      (VwLabPage        *self);
gboolean          vw_lab_page_reset_sandbox_to    (VwLabPage        *self,
                                                   const char       *node_path);
void              vw_lab_page_show_console        (VwLabPage        *self,
                                                   const char       *name);
void              vw_lab_page_select_domain       (VwLabPage        *self,
                                                   const char       *name);
VwDomain         *vw_lab_page_get_selected_domain (VwLabPage        *self);
const char       *vw_lab_page_get_message         (VwLabPage        *self);
VwDomainDetails  *vw_lab_page_get_details         (VwLabPage        *self);
gboolean          vw_lab_page_get_showing_details (VwLabPage        *self);

G_END_DECLS
