/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-lab-page"

#include "config.h"

#include <glib/gi18n.h>

#include "vw-bench.h"
#include "vw-connection.h"
#include "vw-domain-details.h"
#include "vw-domain-row.h"
#include "vw-lab-dialogs.h"
#include "vw-lab-page-private.h"
#include "vw-sandbox.h"
#include "vw-virt-enums.h"
#include "vw-widget-util.h"

/* The lab pane: the machines of the chosen connection, sorted by name,
 * their details, and under them the virsh command behind every action.
 * Several connections stay open at once; the switcher in the header picks
 * the one shown. A URI that cannot be opened is reported here and the
 * sandbox lab is shown instead, so the learner always has a lab. When a
 * daemon goes away, the last known machines stay on screen, greyed, until
 * the connection comes back by itself. */

G_DEFINE_FINAL_TYPE (VwLabPage, vw_lab_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONNECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


/* ----- Messages ----- */

void
vw_lab_page_show_message (VwLabPage  *self,
                          const char *message)
{
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->message_revealer, message != NULL);
}

/* The message shown above the list, or %NULL; tests read it. */
const char *
vw_lab_page_get_message (VwLabPage *self)
{
  g_return_val_if_fail (VW_IS_LAB_PAGE (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->message_revealer))
    return NULL;
  return gtk_label_get_label (self->message_label);
}

/* "machines", "networks", "storage" or "topology". */
static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VwLabPage *self = VW_LAB_PAGE (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (adw_view_stack_get_child_by_name (self->view_stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}

/* For the pages inside the lab page: see vw_widget_show_message(). */
static void
show_message_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  vw_lab_page_show_message (VW_LAB_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static void
dismiss_message_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  vw_lab_page_show_message (VW_LAB_PAGE (widget), NULL);
}

/* ----- The machines ----- */

VwDomain *
vw_lab_page_get_selected_domain (VwLabPage *self)
{
  g_return_val_if_fail (VW_IS_LAB_PAGE (self), NULL);
  return gtk_single_selection_get_selected_item (self->selection);
}

VwDomainDetails *
vw_lab_page_get_details (VwLabPage *self)
{
  g_return_val_if_fail (VW_IS_LAB_PAGE (self), NULL);
  return self->details;
}

gboolean
vw_lab_page_get_showing_details (VwLabPage *self)
{
  g_return_val_if_fail (VW_IS_LAB_PAGE (self), FALSE);
  return self->showing_details;
}

static void
on_selection_changed (VwLabPage *self)
{
  VwDomain *domain = vw_lab_page_get_selected_domain (self);

  if (self->watched != domain)
    {
      if (self->watched != NULL)
        g_signal_handlers_disconnect_by_data (self->watched, self);
      g_set_object (&self->watched, domain);
      if (domain != NULL)
        g_signal_connect_swapped (domain, "notify", G_CALLBACK (vw_lab_page_update_actions), self);
    }
  /* The details page is filled when it is shown, not for every selection. */
  if (self->showing_details)
    vw_domain_details_set_domain (self->details, domain);
  if (domain == NULL && self->showing_details)
    gtk_widget_activate_action (GTK_WIDGET (self), "lab.show-list", NULL);
  vw_lab_page_update_actions (self);
}

/* For tests/bench/: the moment the sorted list shows every machine. */
static void
check_list_complete (VwLabPage *self)
{
  guint n;

  if (!vw_bench_enabled () || self->connection == NULL
      || vw_connection_get_status (self->connection) != VW_CONNECTION_STATUS_CONNECTED
      || vw_connection_get_loading (self->connection))
    return;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  if (n > 0 && n == g_list_model_get_n_items (vw_connection_get_domains (self->connection)))
    {
      vw_bench_mark ("list-complete", "%u", n);
      vw_bench_settle ();
    }
}

static void
update_stack (VwLabPage *self)
{
  VwConnectionStatus status;
  gboolean reachable;
  guint n;

  if (self->connection == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "connecting");
      return;
    }

  status = vw_connection_get_status (self->connection);
  n = g_list_model_get_n_items (vw_connection_get_domains (self->connection));
  reachable = status == VW_CONNECTION_STATUS_CONNECTED;

  gtk_spinner_set_spinning (self->status_spinner, status == VW_CONNECTION_STATUS_CONNECTING
                                                  || status == VW_CONNECTION_STATUS_RECONNECTING);
  gtk_widget_set_visible (GTK_WIDGET (self->status_spinner), gtk_spinner_get_spinning (self->status_spinner));

  /* A lost daemon: the last known machines stay, greyed, with the reason. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->view_stack), reachable);
  if (status == VW_CONNECTION_STATUS_RECONNECTING)
    vw_lab_page_show_message (self, vw_connection_get_error_message (self->connection));

  if (status == VW_CONNECTION_STATUS_FAILED)
    {
      adw_status_page_set_description (self->failed_page, vw_connection_get_error_message (self->connection));
      gtk_stack_set_visible_child_name (self->stack, "failed");
    }
  else if (status == VW_CONNECTION_STATUS_DISCONNECTED && n == 0)
    gtk_stack_set_visible_child_name (self->stack, "connecting");
  else
    gtk_stack_set_visible_child_name (self->stack, "lab");

  /* No machines: say so where the list would be (the other pages stay). */
  if (n == 0 && reachable && !self->showing_details)
    gtk_stack_set_visible_child_name (self->machines_stack, "empty");
  else if (!self->showing_details)
    gtk_stack_set_visible_child (self->machines_stack, self->machines_list_page);

  vw_lab_page_update_actions (self);
}

static void
on_status_changed (VwLabPage *self)
{
  VwConnectionStatus status = vw_connection_get_status (self->connection);

  /* The connection came back: the "lost" message goes. */
  if (status == VW_CONNECTION_STATUS_CONNECTED && vw_lab_page_get_message (self) != NULL
      && g_strcmp0 (g_object_get_data (G_OBJECT (self->connection), "vw-lost"), "yes") == 0)
    vw_lab_page_show_message (self, NULL);
  g_object_set_data (G_OBJECT (self->connection), "vw-lost",
                     status == VW_CONNECTION_STATUS_RECONNECTING ? (gpointer) "yes" : NULL);
  update_stack (self);
}

static gboolean
select_by_name (VwLabPage  *self,
                const char *name)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VwDomain) domain = g_list_model_get_item (model, i);

      if (g_strcmp0 (vw_domain_get_name (domain), name) == 0)
        {
          gtk_single_selection_set_selected (self->selection, i);
          gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", i);
          return TRUE;
        }
    }
  return FALSE;
}

void
vw_lab_page_select_domain (VwLabPage  *self,
                           const char *name)
{
  g_return_if_fail (VW_IS_LAB_PAGE (self));
  g_return_if_fail (name != NULL);

  /* A machine asked for by name is shown, whatever page was open. */
  adw_view_stack_set_visible_child_name (self->view_stack, "machines");
  if (self->connection == NULL
      || vw_connection_get_status (self->connection) != VW_CONNECTION_STATUS_CONNECTED)
    {
      /* Selected once the list is in. */
      g_free (self->pending_domain);
      self->pending_domain = g_strdup (name);
      return;
    }

  if (!select_by_name (self, name))
    {
      g_autofree char *message = g_strdup_printf (_("No machine is called “%s” on %s."), name,
                                                  vw_connection_get_title (self->connection));

      vw_lab_page_show_message (self, message);
      g_printerr ("%s\n", message);
      g_clear_pointer (&self->pending_details_page, g_free);
      return;
    }
  if (self->pending_details_page != NULL)
    {
      g_autofree char *page = g_steal_pointer (&self->pending_details_page);

      gtk_widget_activate_action (GTK_WIDGET (self), "lab.show-details", NULL);
      vw_domain_details_show_page (self->details, page);
    }
}

/**
 * vw_lab_page_show_console:
 *
 * Selects @name, once the connection has listed it, and opens its console.
 */
void
vw_lab_page_show_console (VwLabPage  *self,
                          const char *name)
{
  g_return_if_fail (VW_IS_LAB_PAGE (self));

  g_free (self->pending_details_page);
  self->pending_details_page = g_strdup ("console");
  vw_lab_page_select_domain (self, name);
}

/* ----- Connections ----- */

static GtkWidget *
create_connection_row (gpointer item,
                       gpointer user_data)
{
  VwConnection *connection = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), vw_connection_get_title (connection));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), vw_connection_get_uri (connection));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "lab.switch-connection");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row),
                                          g_variant_new_string (vw_connection_get_uri (connection)));
  gtk_widget_set_visible (check, connection == VW_LAB_PAGE (user_data)->connection);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), check);
  return row;
}

static void
rebind_connection_list (VwLabPage *self)
{
  gtk_list_box_bind_model (self->connection_list, self->connections != NULL ? G_LIST_MODEL (self->connections) : NULL,
                           create_connection_row, self, NULL);
}

static void
on_credentials_requested (VwLabPage     *self,
                          VwCredentials *credentials)
{
  vw_credentials_dialog_show (GTK_WIDGET (self), credentials);
}

void
vw_lab_page_set_connection (VwLabPage    *self,
                            VwConnection *connection)
{
  if (self->connection == connection)
    return;

  if (self->connection != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->connection, self);
      g_signal_handlers_disconnect_by_data (vw_connection_get_domains (self->connection), self);
    }

  g_set_object (&self->connection, connection);
  vw_networks_page_set_connection (self->networks_page, connection);
  vw_storage_page_set_connection (self->storage_page, connection);
  vw_topology_view_set_connection (self->topology_view, connection);
  /* The connection keeps its machines sorted by name. */
  gtk_single_selection_set_model (self->selection,
                                  connection != NULL ? vw_connection_get_domains (connection) : NULL);
  self->showing_details = FALSE;
  gtk_stack_set_visible_child (self->machines_stack, self->machines_list_page);

  if (connection != NULL)
    {
      g_signal_connect_swapped (connection, "notify::status", G_CALLBACK (on_status_changed), self);
      g_signal_connect_swapped (connection, "credentials-requested", G_CALLBACK (on_credentials_requested), self);
      if (vw_bench_enabled ())
        g_signal_connect_swapped (connection, "notify::loading", G_CALLBACK (check_list_complete), self);
      g_signal_connect_swapped (vw_connection_get_domains (connection), "items-changed",
                                G_CALLBACK (update_stack), self);
      gtk_label_set_label (self->connection_title, vw_connection_get_title (connection));
      gtk_label_set_label (self->connection_uri, vw_connection_get_uri (connection));
      if (self->settings != NULL)
        g_settings_set_string (self->settings, "current-connection",
                               vw_connection_is_sandbox (connection) ? "" : vw_connection_get_uri (connection));
    }

  rebind_connection_list (self);
  update_stack (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTION]);
}

static void
fall_back_to_sandbox (VwLabPage  *self,
                      const char *message)
{
  g_printerr ("%s\n", message);
  vw_lab_page_set_connection (self, vw_connection_list_get_sandbox (self->connections));
  vw_lab_page_open_connection (self, self->connection);
  vw_lab_page_show_message (self, message);
}

static void
open_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  VwConnection *connection = VW_CONNECTION (object);
  g_autoptr(VwLabPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!vw_connection_open_finish (connection, result, &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
          || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PENDING) || connection != self->connection)
        return;

      if (!vw_connection_is_sandbox (connection))
        {
          message = g_strdup_printf (_("Could not connect to %s: %s. The sandbox lab is open instead."),
                                     vw_connection_get_uri (connection), error->message);
          fall_back_to_sandbox (self, message);
          return;
        }

      /* The learner's copy of the sandbox does not load: set it aside and
       * start again from the shipped lab. */
      if (g_object_get_data (G_OBJECT (connection), "vw-recovered") == NULL)
        {
          g_autofree char *moved = NULL;
          g_autoptr(GError) recover_error = NULL;
          VwConnection *fresh = vw_connection_list_recover_sandbox (self->connections, &moved, &recover_error);

          if (fresh != NULL)
            {
              message = g_strdup_printf (_("The saved sandbox lab could not be loaded (%s). It was moved to %s "
                                           "and the lab starts again as shipped."), error->message, moved);
              g_printerr ("%s\n", message);
              g_object_set_data (G_OBJECT (fresh), "vw-recovered", GINT_TO_POINTER (1));
              vw_lab_page_set_connection (self, fresh);
              vw_lab_page_open_connection (self, fresh);
              vw_lab_page_show_message (self, message);
              return;
            }
        }

      message = g_strdup_printf (_("Could not open the sandbox lab: %s"), error->message);
      g_printerr ("%s\n", message);
      update_stack (self);
      return;
    }

  if (connection != self->connection)
    return;

  update_stack (self);
  check_list_complete (self);
  if (self->pending_domain != NULL)
    {
      g_autofree char *name = g_steal_pointer (&self->pending_domain);

      vw_lab_page_select_domain (self, name);
    }
}

void
vw_lab_page_open_connection (VwLabPage    *self,
                             VwConnection *connection)
{
  VwConnectionStatus status = vw_connection_get_status (connection);

  if (status == VW_CONNECTION_STATUS_DISCONNECTED || status == VW_CONNECTION_STATUS_FAILED)
    vw_connection_open_async (connection, self->cancellable, open_done, g_object_ref (self));
}

/**
 * vw_lab_page_connect:
 * @uri: (nullable): a libvirt URI, or %NULL for the sandbox lab
 *
 * Shows the connection to @uri (added to the list if new) and opens it.
 */
void
vw_lab_page_connect (VwLabPage  *self,
                     const char *uri)
{
  g_autoptr(GError) error = NULL;
  VwConnection *connection;

  g_return_if_fail (VW_IS_LAB_PAGE (self));
  g_return_if_fail (self->connections != NULL);

  vw_lab_page_show_message (self, NULL);
  connection = uri != NULL ? vw_connection_list_add (self->connections, uri, &error)
                           : vw_connection_list_get_sandbox (self->connections);
  if (connection == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("%s The sandbox lab is open instead."), error->message);

      fall_back_to_sandbox (self, message);
      return;
    }

  vw_lab_page_set_connection (self, connection);
  vw_lab_page_open_connection (self, connection);
}

VwConnection *
vw_lab_page_get_connection (VwLabPage *self)
{
  g_return_val_if_fail (VW_IS_LAB_PAGE (self), NULL);
  return self->connection;
}

VwConnectionList *
vw_lab_page_get_connections (VwLabPage *self)
{
  g_return_val_if_fail (VW_IS_LAB_PAGE (self), NULL);
  return self->connections;
}

/**
 * vw_lab_page_set_connections:
 * @settings: (nullable): where the current connection is remembered
 */
void
vw_lab_page_set_connections (VwLabPage        *self,
                             VwConnectionList *connections,
                             GSettings        *settings)
{
  g_return_if_fail (VW_IS_LAB_PAGE (self));

  g_set_object (&self->connections, connections);
  g_set_object (&self->settings, settings);
  vw_commands_panel_set_log (self->commands_panel,
                             connections != NULL ? vw_connection_list_get_command_log (connections) : NULL);
  if (settings != NULL)
    {
      g_settings_bind (settings, "commands-expanded", self->commands_panel, "expanded", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "lab-view", self->view_stack, "visible-child-name", G_SETTINGS_BIND_DEFAULT);
    }
  rebind_connection_list (self);
}

/* ----- Navigation ----- */

static void
show_details_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  VwLabPage *self = VW_LAB_PAGE (widget);

  if (vw_lab_page_get_selected_domain (self) == NULL)
    return;
  self->showing_details = TRUE;
  vw_domain_details_set_domain (self->details, vw_lab_page_get_selected_domain (self));
  gtk_stack_set_visible_child_name (self->machines_stack, "details");
  adw_view_stack_set_visible_child_name (self->view_stack, "machines");
}

static void
show_list_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VwLabPage *self = VW_LAB_PAGE (widget);

  self->showing_details = FALSE;
  gtk_stack_set_visible_child (self->machines_stack, self->machines_list_page);
}

static void
select_domain_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  vw_lab_page_select_domain (VW_LAB_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static void
on_row_activated (VwLabPage   *self,
                  guint        position,
                  GtkListView *view)
{
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self), "lab.show-details", NULL);
}

static void
setup_row (GtkListItemFactory *factory,
           GtkListItem        *item,
           gpointer            user_data)
{
  gtk_list_item_set_child (item, vw_domain_row_new ());
}

static void
bind_row (GtkListItemFactory *factory,
          GtkListItem        *item,
          gpointer            user_data)
{
  vw_domain_row_set_domain (VW_DOMAIN_ROW (gtk_list_item_get_child (item)), gtk_list_item_get_item (item));
}

static void
unbind_row (GtkListItemFactory *factory,
            GtkListItem        *item,
            gpointer            user_data)
{
  vw_domain_row_set_domain (VW_DOMAIN_ROW (gtk_list_item_get_child (item)), NULL);
}

/* ----- GObject ----- */

static void
vw_lab_page_dispose (GObject *object)
{
  VwLabPage *self = VW_LAB_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->watched != NULL)
    g_signal_handlers_disconnect_by_data (self->watched, self);
  g_clear_object (&self->watched);
  if (self->connection != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->connection, self);
      g_signal_handlers_disconnect_by_data (vw_connection_get_domains (self->connection), self);
      g_clear_object (&self->connection);
    }
  if (self->connection_list != NULL)
    gtk_list_box_bind_model (self->connection_list, NULL, NULL, NULL, NULL);
  g_clear_object (&self->connections);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), VW_TYPE_LAB_PAGE);
  vw_widget_unparent_children (GTK_WIDGET (self));

  G_OBJECT_CLASS (vw_lab_page_parent_class)->dispose (object);
}

static void
vw_lab_page_finalize (GObject *object)
{
  VwLabPage *self = VW_LAB_PAGE (object);

  g_clear_object (&self->cancellable);
  g_free (self->pending_domain);
  g_free (self->pending_details_page);

  G_OBJECT_CLASS (vw_lab_page_parent_class)->finalize (object);
}

static void
vw_lab_page_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  VwLabPage *self = VW_LAB_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      g_value_set_object (value, self->connection);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vw_lab_page_class_init (VwLabPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vw_lab_page_dispose;
  object_class->finalize = vw_lab_page_finalize;
  object_class->get_property = vw_lab_page_get_property;

  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL, VW_TYPE_CONNECTION,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (VW_TYPE_DOMAIN);
  g_type_ensure (VW_TYPE_DOMAIN_DETAILS);
  g_type_ensure (VW_TYPE_COMMANDS_PANEL);
  g_type_ensure (VW_TYPE_NETWORKS_PAGE);
  g_type_ensure (VW_TYPE_STORAGE_PAGE);
  g_type_ensure (VW_TYPE_TOPOLOGY_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/vw-lab-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "labpage");
  gtk_widget_class_bind_template_child (widget_class, VwLabPage, connection_title);
  gtk_widget_class_bind_template_child (widget_class, VwLabPage, connection_uri);
  gtk_widget_class_bind_template_child (widget_class, VwLabPage, connection_list);
  gtk_widget_class_bind_template_child (widget_class, VwLabPage, connection_popover);
  gtk_widget_class_bind_template_child (widget_class, VwLabPage, status_spinner);
  gtk_widget_class_bind_template_child (widget_class, VwLabPage, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, VwLabPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, VwLabPage, stack);
  gtk_widget_class_bind_template_child (widget_class, VwLabPage, machines_stack);
  gtk_widget_class_bind_template_child (widget_class, VwLabPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, VwLabPage, networks_page);
  gtk_widget_class_bind_template_child (widget_class, VwLabPage, storage_page);
  gtk_widget_class_bind_template_child (widget_class, VwLabPage, topology_view);
  gtk_widget_class_bind_template_child (widget_class, VwLabPage, machines_list_page);
  gtk_widget_class_bind_template_child (widget_class, VwLabPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, VwLabPage, selection);
  gtk_widget_class_bind_template_child (widget_class, VwLabPage, failed_page);
  gtk_widget_class_bind_template_child (widget_class, VwLabPage, details);
  gtk_widget_class_bind_template_child (widget_class, VwLabPage, commands_panel);
  gtk_widget_class_bind_template_child (widget_class, VwLabPage, suspend_button);
  gtk_widget_class_bind_template_child (widget_class, VwLabPage, resume_button);
  gtk_widget_class_bind_template_callback (widget_class, setup_row);
  gtk_widget_class_bind_template_callback (widget_class, bind_row);
  gtk_widget_class_bind_template_callback (widget_class, unbind_row);
  gtk_widget_class_bind_template_callback (widget_class, on_selection_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);

  gtk_widget_class_install_action (widget_class, "lab.dismiss-message", NULL, dismiss_message_action);
  gtk_widget_class_install_action (widget_class, "lab.show-message", "s", show_message_action);
  gtk_widget_class_install_action (widget_class, "lab.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "lab.show-details", NULL, show_details_action);
  gtk_widget_class_install_action (widget_class, "lab.show-list", NULL, show_list_action);
  gtk_widget_class_install_action (widget_class, "lab.select-domain", "s", select_domain_action);
  vw_lab_page_class_init_actions (widget_class);
  vw_lab_page_class_init_connections (widget_class);
}

static void
vw_lab_page_init (VwLabPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  vw_lab_page_update_actions (self);
  update_stack (self);
}
