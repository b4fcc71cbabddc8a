/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-lab-page"

#include "config.h"

#include <glib/gi18n.h>

#include "vw-lab-dialogs.h"
#include "vw-lab-page-private.h"

/* The lab's connection menu: switch to another connection, add one,
 * remove the one shown, try it again, put the sandbox back as shipped or
 * as an exercise starts it. */

static void
switch_connection_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  VwLabPage *self = VW_LAB_PAGE (widget);

  gtk_popover_popdown (self->connection_popover);
  vw_lab_page_connect (self, g_variant_get_string (parameter, NULL));
}

static void
connection_chosen (const char *uri,
                   gpointer    user_data)
{
  vw_lab_page_connect (VW_LAB_PAGE (user_data), uri);
}

static void
add_connection_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  gtk_popover_popdown (VW_LAB_PAGE (widget)->connection_popover);
  vw_connection_dialog_show (widget, connection_chosen, g_object_ref (widget), g_object_unref);
}

static void
remove_connection_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  VwLabPage *self = VW_LAB_PAGE (widget);
  g_autoptr(VwConnection) current = self->connection != NULL ? g_object_ref (self->connection) : NULL;

  gtk_popover_popdown (self->connection_popover);
  if (current == NULL || vw_connection_is_sandbox (current))
    return;
  vw_lab_page_connect (self, NULL);
  vw_connection_list_remove (self->connections, current);
}

/**
 * vw_lab_page_reset_sandbox_to:
 * @node_path: (nullable): an exercise's starting lab, or %NULL for the
 *   shipped one
 *
 * Puts the sandbox back to @node_path and shows it. Returns: whether it
 * could; the message is shown when not.
 */
gboolean
vw_lab_page_reset_sandbox_to (VwLabPage  *self,
                              const char *node_path)
{
  g_autoptr(GError) error = NULL;
  VwConnection *sandbox;

  g_return_val_if_fail (VW_IS_LAB_PAGE (self), FALSE);

  sandbox = vw_connection_list_reset_sandbox_to (self->connections, node_path, &error);
  if (sandbox == NULL)
    {
      vw_lab_page_show_message (self, error->message);
      return FALSE;
    }
  vw_lab_page_set_connection (self, sandbox);
  vw_lab_page_open_connection (self, sandbox);
  return TRUE;
}

static void
reset_confirmed (gpointer user_data)
{
  vw_lab_page_reset_sandbox_to (user_data, NULL);
}

static void
reset_sandbox_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  gtk_popover_popdown (VW_LAB_PAGE (widget)->connection_popover);
  vw_confirm_dialog_show (widget, _("Reset the Sandbox Lab?"),
                          _("Every change you made in the sandbox (machines, snapshots, networks and storage) is "
                            "lost, and the lab goes back to how it was shipped."),
                          _("_Reset"), reset_confirmed, g_object_ref (widget), g_object_unref);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  VwLabPage *self = VW_LAB_PAGE (widget);

  if (self->connection != NULL)
    vw_lab_page_open_connection (self, self->connection);
}

void
vw_lab_page_class_init_connections (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "lab.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "lab.switch-connection", "s", switch_connection_action);
  gtk_widget_class_install_action (widget_class, "lab.add-connection", NULL, add_connection_action);
  gtk_widget_class_install_action (widget_class, "lab.remove-connection", NULL, remove_connection_action);
  gtk_widget_class_install_action (widget_class, "lab.reset-sandbox", NULL, reset_sandbox_action);
}
