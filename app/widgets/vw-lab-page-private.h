/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "vw-commands-panel.h"
#include "vw-lab-page.h"
#include "vw-networks-page.h"
#include "vw-storage-page.h"
#include "vw-topology-view.h"

G_BEGIN_DECLS

/* Shared by vw-lab-page.c (connections, the list, navigation),
 * vw-lab-page-connections.c (the connection menu) and
 * vw-lab-page-actions.c (what the learner does to a machine). */
struct _VwLabPage
{
  GtkWidget parent_instance;

  VwConnectionList *connections;
  VwConnection *connection;
  GSettings *settings;
  GCancellable *cancellable;
  char *pending_domain;
  char *pending_details_page;
  VwDomain *watched;
  gboolean showing_details;

  GtkLabel *connection_title;
  GtkLabel *connection_uri;
  GtkListBox *connection_list;
  GtkPopover *connection_popover;
  GtkSpinner *status_spinner;
  GtkRevealer *message_revealer;
  GtkLabel *message_label;
  GtkStack *stack;
  AdwViewStack *view_stack;
  GtkStack *machines_stack;
  VwNetworksPage *networks_page;
  VwStoragePage *storage_page;
  VwTopologyView *topology_view;
  GtkWidget *machines_list_page;
  GtkListView *list_view;
  GtkSingleSelection *selection;
  AdwStatusPage *failed_page;
  VwDomainDetails *details;
  VwCommandsPanel *commands_panel;
  GtkWidget *suspend_button;
  GtkWidget *resume_button;
};

void vw_lab_page_show_message      (VwLabPage  *self,
                                    const char *message);
void vw_lab_page_update_actions    (VwLabPage  *self);
void vw_lab_page_class_init_actions (GtkWidgetClass *widget_class);
/* vw-lab-page-connections.c: the connection menu's actions. */
void vw_lab_page_class_init_connections (GtkWidgetClass *widget_class);
void vw_lab_page_set_connection    (VwLabPage    *self,
                                    VwConnection *connection);
void vw_lab_page_open_connection   (VwLabPage    *self,
                                    VwConnection *connection);

G_END_DECLS
