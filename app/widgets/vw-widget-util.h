/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void vw_widget_unparent_children (GtkWidget *widget);
void vw_widget_remove_children   (GtkWidget *widget);
void       vw_widget_show_message   (GtkWidget  *widget,
                                     const char *message);
void       vw_widget_set_icon_tooltip (GtkWidget *widget,
                                        const char *tooltip);
GtkWidget *vw_widget_icon_button    (const char *icon_name,
                                     const char *tooltip,
                                     const char *action_name,
                                     const char *target);
GtkWidget *vw_widget_scrolled_page  (GtkWidget  *content);

void       vw_widget_draw_text      (GtkWidget  *widget,
                                     cairo_t    *cr,
                                     const char *text,
                                     double      x,
                                     double      y,
                                     double      align);

G_END_DECLS
