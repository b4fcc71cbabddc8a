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

/* Shows @message (a failed operation, a refusal) in the banner of the lab
 * page that holds @widget; pages inside the lab report this way rather
 * than knowing the lab page. */
void
vw_widget_show_message (GtkWidget  *widget,
                        const char *message)
{
  if (!gtk_widget_activate_action (widget, "lab.show-message", "s", message))
    g_message ("No lab page to show “%s”", message);
}
