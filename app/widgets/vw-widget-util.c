/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>

#include <string.h>

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

  if (GTK_IS_LIST_BOX (widget))
    {
      GtkListBoxRow *row;

      /* Its first child may be the placeholder, not a row. */
      while ((row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (widget), 0)) != NULL)
        gtk_list_box_remove (GTK_LIST_BOX (widget), GTK_WIDGET (row));
      return;
    }
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

/**
 * vw_widget_set_icon_tooltip:
 *
 * An icon-only control's tooltip, and its accessible name: the tooltip
 * without a trailing "(virsh …)" or "(Ctrl+…)", which a screen reader
 * need not spell out.
 */
void
vw_widget_set_icon_tooltip (GtkWidget  *widget,
                            const char *tooltip)
{
  g_autofree char *name = g_strdup (tooltip);
  char *paren = name != NULL ? strrchr (name, '(') : NULL;

  gtk_widget_set_tooltip_text (widget, tooltip);
  if (paren != NULL && paren > name && g_str_has_suffix (name, ")"))
    *paren = '\0';
  if (name != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, g_strstrip (name), -1);
}

/**
 * vw_widget_icon_button:
 * @tooltip: what it does, with the virsh command behind it
 * @target: (nullable): the action's string parameter
 *
 * A flat icon button for a row's suffix.
 */
GtkWidget *
vw_widget_icon_button (const char *icon_name,
                       const char *tooltip,
                       const char *action_name,
                       const char *target)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  vw_widget_set_icon_tooltip (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  if (target != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (target));
  return button;
}

/* @content in the lab's page frame: margins, a clamp for wide panes and
 * vertical scrolling. */
GtkWidget *
vw_widget_scrolled_page (GtkWidget *content)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_widget_set_vexpand (scrolled, TRUE);
  return scrolled;
}

/* Text in a widget's font drawn by cairo at @x, @y (its vertical middle),
 * @align 0 to the left of @x, 1 to its right, 0.5 centred: the charts'
 * axis labels and values. The colour is the cairo source's. */
void
vw_widget_draw_text (GtkWidget  *widget,
                     cairo_t    *cr,
                     const char *text,
                     double      x,
                     double      y,
                     double      align)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  cairo_move_to (cr, x - width * align, y - height / 2.0);
  pango_cairo_show_layout (cr, layout);
}
