/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "vw-widget-util.h"

/* Widgets built on a layout manager own their children directly; call this
 * from dispose, after gtk_widget_dispose_template(). */
void
vw_widget_unparent_children (GtkWidget *widget)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    gtk_widget_unparent (child);
}

/* Empties a box (or any container of plain children) that is rebuilt. */
void
vw_widget_remove_children (GtkWidget *widget)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    {
      if (GTK_IS_BOX (widget))
        gtk_box_remove (GTK_BOX (widget), child);
      else if (GTK_IS_FLOW_BOX (widget))
        gtk_flow_box_remove (GTK_FLOW_BOX (widget), child);
      else
        gtk_widget_unparent (child);
    }
}
