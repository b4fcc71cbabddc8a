/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-networks-page"

#include <glib/gi18n.h>

#include "vw-define-dialog.h"
#include "vw-lab-dialogs.h"
#include "vw-network-details.h"
#include "vw-network-dialog.h"
#include "vw-network.h"
#include "vw-networks-page.h"
#include "vw-widget-util.h"

/* The Networks page of the lab: the connection's virtual networks, live
 * from libvirt's events, each opening its details; and the network
 * filters, which libvirt lists without events, so they are read when the
 * page opens and after each change made here. */
struct _VwNetworksPage
{
  GtkWidget parent_instance;

  VwConnection *connection;
  GCancellable *cancellable;
  GStrv filters;

  GtkStack *stack;
  GtkWidget *list_page;
  GtkListBox *network_list;
  GtkListBox *filter_list;
  GtkLabel *filter_status;
  VwNetworkDetails *details;
};

G_DEFINE_FINAL_TYPE (VwNetworksPage, vw_networks_page, GTK_TYPE_WIDGET)

/* ----- Networks ----- */

static char *
describe (VwNetwork *network)
{
  const char *mode = vw_network_get_forward_mode (network);
  const char *how = g_strcmp0 (mode, "nat") == 0 ? _("NAT")
                    : g_strcmp0 (mode, "route") == 0 ? _("Routed")
                    : g_strcmp0 (mode, "isolated") == 0 ? _("Isolated") : mode;
  g_autofree char *subnet = NULL;

  if (vw_network_get_address (network) != NULL)
    subnet = g_strdup_printf ("%s/%u", vw_network_get_address (network), vw_network_get_prefix (network));
  /* "NAT · 192.168.122.1/24 · virbr0" */
  return g_strdup_printf ("%s · %s%s%s", how, subnet != NULL ? subnet : _("no IPv4"),
                          vw_network_get_bridge (network) != NULL ? " · " : "",
                          vw_network_get_bridge (network) != NULL ? vw_network_get_bridge (network) : "");
}

static void
update_row (GtkWidget *row)
{
  VwNetwork *network = g_object_get_data (G_OBJECT (row), "network");
  VwVirtObject *object = VW_VIRT_OBJECT (network);
  GtkWidget *state = g_object_get_data (G_OBJECT (row), "state");
  GtkWidget *spinner = g_object_get_data (G_OBJECT (row), "spinner");
  GtkWidget *icon = g_object_get_data (G_OBJECT (row), "icon");
  g_autofree char *subtitle = describe (network);
  gboolean active = vw_virt_object_get_active (object);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), vw_network_get_name (network));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_label_set_text (GTK_LABEL (state), active ? C_("network", "Active") : C_("network", "Inactive"));
  if (active)
    gtk_widget_add_css_class (state, "state-running");
  else
    gtk_widget_remove_css_class (state, "state-running");
  gtk_image_set_from_icon_name (GTK_IMAGE (icon), vw_network_is_isolated (network)
                                                    ? "network-offline-symbolic" : "network-workgroup-symbolic");
  gtk_widget_set_visible (spinner, vw_virt_object_get_busy (object));
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), vw_virt_object_get_busy (object));
}

static GtkWidget *
create_network_row (gpointer item,
                    gpointer user_data)
{
  VwNetwork *network = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *state = gtk_label_new (NULL);
  GtkWidget *spinner = gtk_spinner_new ();

  gtk_widget_add_css_class (state, "state-pill");
  gtk_widget_set_valign (state, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spinner);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), state);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "networks.show-details");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row),
                                          g_variant_new_string (vw_network_get_name (network)));
  g_object_set_data_full (G_OBJECT (row), "network", g_object_ref (network), g_object_unref);
  g_object_set_data (G_OBJECT (row), "state", state);
  g_object_set_data (G_OBJECT (row), "spinner", spinner);
  g_object_set_data (G_OBJECT (row), "icon", icon);
  g_signal_connect_object (network, "notify", G_CALLBACK (update_row), row, G_CONNECT_SWAPPED);
  update_row (row);
  return row;
}

static VwNetwork *
find_network (VwNetworksPage *self,
              const char     *name)
{
  GListModel *networks;

  if (self->connection == NULL)
    return NULL;
  networks = vw_connection_get_networks (self->connection);
  for (guint i = 0; i < g_list_model_get_n_items (networks); i++)
    {
      g_autoptr(VwNetwork) network = g_list_model_get_item (networks, i);

      if (g_strcmp0 (vw_network_get_name (network), name) == 0)
        return network;
    }
  return NULL;
}

static void
show_list (VwNetworksPage *self)
{
  gtk_stack_set_visible_child (self->stack, self->list_page);
  vw_network_details_set_network (self->details, NULL);
}

static void
show_details_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  VwNetworksPage *self = VW_NETWORKS_PAGE (widget);
  VwNetwork *network = find_network (self, g_variant_get_string (parameter, NULL));

  if (network == NULL)
    return;
  vw_network_details_set_network (self->details, network);
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->details));
}

static void
show_list_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  show_list (VW_NETWORKS_PAGE (widget));
}

/* The network shown in details went away (undefined while stopped). */
static void
on_networks_changed (VwNetworksPage *self)
{
  VwNetwork *shown = vw_network_details_get_network (self->details);

  if (shown != NULL && find_network (self, vw_network_get_name (shown)) != shown)
    show_list (self);
}

static void
new_network_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  VwNetworksPage *self = VW_NETWORKS_PAGE (widget);

  if (self->connection != NULL)
    vw_network_dialog_show (widget, self->connection);
}

/* ----- Filters ----- */

static void load_filters (VwNetworksPage *self);

static void
filter_xml_done (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(VwNetworksPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = vw_connection_get_filter_xml_finish (VW_CONNECTION (object), result, &error);

  if (xml == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        vw_widget_show_message (GTK_WIDGET (self), error->message);
      return;
    }
  vw_xml_window_show (GTK_WIDGET (self), _("Network Filter"), _("Same as: virsh nwfilter-dumpxml NAME"), xml);
}

static void
filter_xml_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  VwNetworksPage *self = VW_NETWORKS_PAGE (widget);

  if (self->connection != NULL)
    vw_connection_get_filter_xml_async (self->connection, g_variant_get_string (parameter, NULL),
                                        self->cancellable, filter_xml_done, g_object_ref (self));
}

static void
filter_op_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(VwNetworksPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!vw_connection_op_finish (VW_CONNECTION (object), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    vw_widget_show_message (GTK_WIDGET (self), error->message);
  load_filters (self);
}

typedef struct
{
  VwNetworksPage *self;
  char *name;
} FilterChoice;

static void
filter_choice_free (FilterChoice *choice)
{
  g_object_unref (choice->self);
  g_free (choice->name);
  g_free (choice);
}

static void
undefine_filter_confirmed (gpointer user_data)
{
  FilterChoice *choice = user_data;

  if (choice->self->connection != NULL)
    vw_connection_undefine_filter_async (choice->self->connection, choice->name, choice->self->cancellable,
                                         filter_op_done, g_object_ref (choice->self));
}

static void
undefine_filter_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  FilterChoice *choice = g_new0 (FilterChoice, 1);
  g_autofree char *heading = NULL;

  choice->self = g_object_ref (VW_NETWORKS_PAGE (widget));
  choice->name = g_variant_dup_string (parameter, NULL);
  heading = g_strdup_printf (_("Undefine the Filter “%s”?"), choice->name);
  vw_confirm_dialog_show (widget, heading,
                          _("Its rules are removed (virsh nwfilter-undefine). libvirt refuses while a "
                            "running guest’s interface or another filter uses it."),
                          _("_Undefine"), undefine_filter_confirmed, choice, (GDestroyNotify) filter_choice_free);
}

static void
define_filter_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  VwNetworksPage *self = VW_NETWORKS_PAGE (widget);
  GtkWindow *dialog;

  if (self->connection == NULL)
    return;
  dialog = vw_define_dialog_show_kind (widget, self->connection, VW_DEFINE_FILTER);
  /* The list is read again once the dialog closes (defined or not). */
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (load_filters), self, G_CONNECT_SWAPPED);
}

static void
refresh_filters_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  load_filters (VW_NETWORKS_PAGE (widget));
}

static void
filters_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(VwNetworksPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = vw_connection_list_filters_finish (VW_CONNECTION (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  vw_widget_remove_children (GTK_WIDGET (self->filter_list));
  g_clear_pointer (&self->filters, g_strfreev);
  if (names == NULL)
    {
      gtk_label_set_text (self->filter_status, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->filter_list), FALSE);
      return;
    }
  gtk_label_set_text (self->filter_status,
                      names[0] == NULL ? _("No filters are defined.")
                                       : _("Rules libvirt applies to a guest interface that names one "
                                           "in its <filterref>."));
  gtk_widget_set_visible (GTK_WIDGET (self->filter_list), names[0] != NULL);
  for (guint i = 0; names[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), names[i]);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 vw_widget_icon_button ("vw-xml-symbolic", _("Show the XML (virsh nwfilter-dumpxml)"),
                                              "networks.filter-xml", names[i]));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 vw_widget_icon_button ("user-trash-symbolic", _("Undefine (virsh nwfilter-undefine)"),
                                              "networks.undefine-filter", names[i]));
      gtk_list_box_append (self->filter_list, row);
    }
  self->filters = g_steal_pointer (&names);
}

static void
load_filters (VwNetworksPage *self)
{
  if (self->connection == NULL)
    return;
  gtk_label_set_text (self->filter_status, _("Reading filters…"));
  vw_connection_list_filters_async (self->connection, self->cancellable, filters_done, g_object_ref (self));
}

/* Filters are read once connected, and again after a reconnection. */
static void
on_status_changed (VwNetworksPage *self)
{
  if (self->connection != NULL
      && vw_connection_get_status (self->connection) == VW_CONNECTION_STATUS_CONNECTED)
    load_filters (self);
}

/* ----- Building ----- */

static GtkWidget *
group_header (const char *title,
              const char *description,
              GtkWidget  *suffix)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), suffix);
  return group;
}

static GtkWidget *
build_list_page (VwNetworksPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *new_button = gtk_button_new_with_mnemonic (_("_New…"));
  GtkWidget *filter_buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *define_button = gtk_button_new_with_mnemonic (_("_Define…"));
  GtkWidget *networks_group, *filters_group;

  gtk_widget_set_tooltip_text (new_button, _("A new NAT, routed or isolated network (virsh net-define)"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (new_button), "networks.new");
  networks_group = group_header (_("Virtual Networks"), NULL, new_button);
  self->network_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->network_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->network_list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->network_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Virtual networks"), -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (networks_group), GTK_WIDGET (self->network_list));

  gtk_widget_set_tooltip_text (define_button, _("Define a filter from XML (virsh nwfilter-define)"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (define_button), "networks.define-filter");
  gtk_box_append (GTK_BOX (filter_buttons),
                  vw_widget_icon_button ("view-refresh-symbolic", _("Read the filters again (virsh nwfilter-list)"),
                               "networks.refresh-filters", NULL));
  gtk_box_append (GTK_BOX (filter_buttons), define_button);
  filters_group = group_header (_("Network Filters"), NULL, filter_buttons);
  self->filter_status = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->filter_status, TRUE);
  gtk_label_set_xalign (self->filter_status, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->filter_status), "dim-label");
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->filter_status), 6);
  self->filter_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->filter_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->filter_list), "boxed-list");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (filters_group), GTK_WIDGET (self->filter_status));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (filters_group), GTK_WIDGET (self->filter_list));

  gtk_box_append (GTK_BOX (box), networks_group);
  gtk_box_append (GTK_BOX (box), filters_group);
  return vw_widget_scrolled_page (box);
}

static void
vw_networks_page_init (VwNetworksPage *self)
{
  self->cancellable = g_cancellable_new ();
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_SLIDE_LEFT_RIGHT);
  self->list_page = build_list_page (self);
  self->details = VW_NETWORK_DETAILS (vw_network_details_new ());
  gtk_stack_add_named (self->stack, self->list_page, "list");
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->details), "details");
  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));
}

static void
vw_networks_page_dispose (GObject *object)
{
  VwNetworksPage *self = VW_NETWORKS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  vw_networks_page_set_connection (self, NULL);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->filters, g_strfreev);
  vw_widget_unparent_children (GTK_WIDGET (self));

  G_OBJECT_CLASS (vw_networks_page_parent_class)->dispose (object);
}

static void
vw_networks_page_class_init (VwNetworksPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vw_networks_page_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_install_action (widget_class, "networks.show-details", "s", show_details_action);
  gtk_widget_class_install_action (widget_class, "networks.show-list", NULL, show_list_action);
  gtk_widget_class_install_action (widget_class, "networks.new", NULL, new_network_action);
  gtk_widget_class_install_action (widget_class, "networks.define-filter", NULL, define_filter_action);
  gtk_widget_class_install_action (widget_class, "networks.refresh-filters", NULL, refresh_filters_action);
  gtk_widget_class_install_action (widget_class, "networks.filter-xml", "s", filter_xml_action);
  gtk_widget_class_install_action (widget_class, "networks.undefine-filter", "s", undefine_filter_action);
}

GtkWidget *
vw_networks_page_new (void)
{
  return g_object_new (VW_TYPE_NETWORKS_PAGE, NULL);
}

void
vw_networks_page_set_connection (VwNetworksPage *self,
                                 VwConnection   *connection)
{
  g_return_if_fail (VW_IS_NETWORKS_PAGE (self));

  if (self->connection == connection)
    return;
  if (self->connection != NULL)
    {
      g_signal_handlers_disconnect_by_data (vw_connection_get_networks (self->connection), self);
      g_signal_handlers_disconnect_by_data (self->connection, self);
    }
  show_list (self);
  g_set_object (&self->connection, connection);
  gtk_list_box_bind_model (self->network_list, connection != NULL ? vw_connection_get_networks (connection) : NULL,
                           create_network_row, self, NULL);
  vw_widget_remove_children (GTK_WIDGET (self->filter_list));
  gtk_label_set_text (self->filter_status, "");
  if (connection == NULL)
    return;
  g_signal_connect_swapped (vw_connection_get_networks (connection), "items-changed",
                            G_CALLBACK (on_networks_changed), self);
  g_signal_connect_swapped (connection, "notify::status", G_CALLBACK (on_status_changed), self);
  on_status_changed (self);
}

/* For tests: the filter names of the last read, or %NULL. */
const char * const *
vw_networks_page_get_filters (VwNetworksPage *self)
{
  g_return_val_if_fail (VW_IS_NETWORKS_PAGE (self), NULL);
  return (const char * const *) self->filters;
}

VwNetworkDetails *
vw_networks_page_get_details (VwNetworksPage *self)
{
  g_return_val_if_fail (VW_IS_NETWORKS_PAGE (self), NULL);
  return self->details;
}

/* The line under "Network Filters": why there are none, or what they are. */
const char *
vw_networks_page_get_filter_status (VwNetworksPage *self)
{
  g_return_val_if_fail (VW_IS_NETWORKS_PAGE (self), NULL);
  return gtk_label_get_text (self->filter_status);
}
