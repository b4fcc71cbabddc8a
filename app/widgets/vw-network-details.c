/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-network-details"

#include <glib/gi18n.h>

#include "vw-connection.h"
#include "vw-lab-dialogs.h"
#include "vw-network-details.h"
#include "vw-widget-util.h"

/* One network: what its XML says in words (how guests reach the outside,
 * its subnet and DHCP range), its lifecycle with the virsh command behind
 * each button, the leases its DHCP server gave, and its XML, editable. */
struct _VwNetworkDetails
{
  GtkWidget parent_instance;

  VwNetwork *network;
  GCancellable *cancellable;
  guint n_leases;

  GtkWidget *title;
  GtkWidget *subtitle;
  GtkWidget *spinner;
  AdwActionRow *state_row;
  GtkWidget *start_button;
  GtkWidget *stop_button;
  AdwActionRow *mode_row;
  AdwActionRow *bridge_row;
  AdwActionRow *address_row;
  AdwActionRow *dhcp_row;
  AdwActionRow *persistent_row;
  GtkSwitch *autostart_switch;
  GtkWidget *undefine_button;
  GtkListBox *leases_list;
  GtkLabel *leases_status;
  VwXmlEditor *xml_editor;
  gboolean updating;
};

G_DEFINE_FINAL_TYPE (VwNetworkDetails, vw_network_details, GTK_TYPE_WIDGET)

static const char *
mode_title (VwNetwork *network)
{
  const char *mode = vw_network_get_forward_mode (network);

  if (g_strcmp0 (mode, "nat") == 0)
    return _("NAT");
  if (g_strcmp0 (mode, "route") == 0)
    return _("Routed");
  if (g_strcmp0 (mode, "isolated") == 0)
    return _("Isolated");
  if (g_strcmp0 (mode, "open") == 0)
    return _("Open");
  if (g_strcmp0 (mode, "bridge") == 0)
    return _("Bridged to a host bridge");
  return mode;
}

static const char *
mode_explanation (VwNetwork *network)
{
  const char *mode = vw_network_get_forward_mode (network);

  if (g_strcmp0 (mode, "nat") == 0)
    return _("Guests reach the outside through the host’s own address (masquerading); the outside cannot reach them.");
  if (g_strcmp0 (mode, "route") == 0)
    return _("The host forwards the guests’ own addresses; other machines need a route back to this subnet.");
  if (g_strcmp0 (mode, "isolated") == 0)
    return _("Guests reach each other and the host only: nothing is forwarded to or from the outside.");
  return _("Guests are connected to the host’s network directly.");
}

static void
set_subtitle (AdwActionRow *row,
              const char   *text)
{
  adw_action_row_set_subtitle (row, text != NULL && *text != '\0' ? text : _("None"));
}

static void
update (VwNetworkDetails *self)
{
  VwVirtObject *object = VW_VIRT_OBJECT (self->network);
  gboolean active, busy;
  g_autofree char *address = NULL;
  g_autofree char *range = NULL;

  if (self->network == NULL)
    return;

  active = vw_virt_object_get_active (object);
  busy = vw_virt_object_get_busy (object);
  gtk_label_set_text (GTK_LABEL (self->title), vw_network_get_name (self->network));
  gtk_label_set_text (GTK_LABEL (self->subtitle), mode_title (self->network));
  gtk_widget_set_visible (self->spinner, busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), busy);

  adw_action_row_set_subtitle (self->state_row, active ? C_("network", "Active") : C_("network", "Inactive"));
  gtk_widget_set_visible (self->start_button, !active);
  gtk_widget_set_visible (self->stop_button, active);
  gtk_widget_set_sensitive (self->start_button, !busy);
  gtk_widget_set_sensitive (self->stop_button, !busy);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->mode_row), mode_title (self->network));
  adw_action_row_set_subtitle (self->mode_row, mode_explanation (self->network));
  set_subtitle (self->bridge_row, vw_network_get_bridge (self->network));
  if (vw_network_get_address (self->network) != NULL)
    address = g_strdup_printf ("%s/%u", vw_network_get_address (self->network), vw_network_get_prefix (self->network));
  set_subtitle (self->address_row, address);
  if (vw_network_get_dhcp_start (self->network) != NULL)
    range = g_strdup_printf ("%s – %s", vw_network_get_dhcp_start (self->network),
                             vw_network_get_dhcp_end (self->network));
  set_subtitle (self->dhcp_row, range);
  adw_action_row_set_subtitle (self->persistent_row,
                               vw_virt_object_get_persistent (object)
                                 ? _("Defined: it stays when stopped")
                                 : _("Transient: it disappears when stopped"));

  self->updating = TRUE;
  gtk_switch_set_active (self->autostart_switch, vw_virt_object_get_autostart (object));
  self->updating = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->autostart_switch), !busy && vw_virt_object_get_persistent (object));
  gtk_widget_set_sensitive (self->undefine_button, !busy && vw_virt_object_get_persistent (object));
}

/* ----- Operations ----- */

static void
op_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(VwNetworkDetails) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!vw_virt_object_op_finish (VW_VIRT_OBJECT (object), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    vw_widget_show_message (GTK_WIDGET (self), error->message);
  update (self);
}

static void
on_start (VwNetworkDetails *self)
{
  vw_network_start_async (self->network, self->cancellable, op_done, g_object_ref (self));
}

static void
stop_confirmed (gpointer user_data)
{
  VwNetworkDetails *self = user_data;

  if (self->network != NULL)
    vw_network_stop_async (self->network, self->cancellable, op_done, g_object_ref (self));
}

static void
on_stop (VwNetworkDetails *self)
{
  g_autofree char *heading = g_strdup_printf (_("Stop “%s”?"), vw_network_get_name (self->network));

  vw_confirm_dialog_show (GTK_WIDGET (self), heading,
                          _("Running guests on it lose their connection until it is started again "
                            "(virsh net-destroy)."),
                          _("_Stop"), stop_confirmed, g_object_ref (self), g_object_unref);
}

static void
on_autostart (VwNetworkDetails *self)
{
  if (self->updating || self->network == NULL)
    return;
  vw_network_set_autostart_async (self->network, gtk_switch_get_active (self->autostart_switch),
                                  self->cancellable, op_done, g_object_ref (self));
}

static void
undefine_confirmed (gpointer user_data)
{
  VwNetworkDetails *self = user_data;

  if (self->network != NULL)
    vw_network_undefine_async (self->network, self->cancellable, op_done, g_object_ref (self));
}

static void
on_undefine (VwNetworkDetails *self)
{
  g_autofree char *heading = g_strdup_printf (_("Undefine “%s”?"), vw_network_get_name (self->network));

  vw_confirm_dialog_show (GTK_WIDGET (self), heading,
                          vw_virt_object_get_active (VW_VIRT_OBJECT (self->network))
                            ? _("Its definition is removed (virsh net-undefine). It keeps running, "
                                "as a transient network, until it is stopped.")
                            : _("Its definition is removed (virsh net-undefine); machines that use it "
                                "cannot start until it is defined again."),
                          _("_Undefine"), undefine_confirmed, g_object_ref (self), g_object_unref);
}

/* ----- Leases ----- */

static void
leases_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(VwNetworkDetails) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) leases = vw_virt_object_op_finish_pointer (VW_VIRT_OBJECT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  vw_widget_remove_children (GTK_WIDGET (self->leases_list));
  self->n_leases = leases != NULL ? leases->len : 0;
  gtk_widget_set_visible (GTK_WIDGET (self->leases_list), self->n_leases > 0);
  if (leases == NULL)
    {
      gtk_label_set_text (self->leases_status, error->message);
      return;
    }
  gtk_label_set_text (self->leases_status,
                      leases->len == 0 ? _("No guest has an address from this network’s DHCP server yet.")
                                       : _("Same as: virsh net-dhcp-leases NAME"));
  for (guint i = 0; i < leases->len; i++)
    {
      VwDhcpLease *lease = leases->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = NULL;

      if (lease->expiry > 0)
        {
          g_autoptr(GDateTime) expiry = g_date_time_new_from_unix_local (lease->expiry);
          g_autofree char *when = g_date_time_format (expiry, "%X");

          /* Translators: MAC address · host name · "expires at" time */
          subtitle = g_strdup_printf (_("%s · %s · until %s"), lease->mac,
                                      lease->hostname != NULL ? lease->hostname : "–", when);
        }
      else
        subtitle = g_strdup_printf ("%s · %s", lease->mac, lease->hostname != NULL ? lease->hostname : "–");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), lease->address);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (self->leases_list, row);
    }
}

static void
load_leases (VwNetworkDetails *self)
{
  if (self->network == NULL)
    return;
  gtk_label_set_text (self->leases_status, _("Reading leases…"));
  vw_network_get_leases_async (self->network, self->cancellable, leases_done, g_object_ref (self));
}

/* ----- XML ----- */

static void
xml_done (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(VwNetworkDetails) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = vw_virt_object_op_finish_pointer (VW_VIRT_OBJECT (object), result, &error);

  if (xml != NULL && !vw_xml_editor_get_editing (self->xml_editor))
    vw_xml_editor_set_document (self->xml_editor, xml);
  else if (xml == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    vw_xml_editor_set_document (self->xml_editor, error->message);
}

static void
load_xml (VwNetworkDetails *self)
{
  if (self->network != NULL)
    vw_network_get_xml_async (self->network, TRUE, self->cancellable, xml_done, g_object_ref (self));
}

static void
define_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(VwNetworkDetails) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!vw_connection_op_finish (VW_CONNECTION (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        vw_xml_editor_report_failure (self->xml_editor, error->message);
      return;
    }
  vw_xml_editor_applied (self->xml_editor);
  load_xml (self);
}

static void
on_xml_apply (VwNetworkDetails *self,
              const char       *text)
{
  g_autoptr(VwConnection) connection = self->network != NULL
                                         ? vw_virt_object_dup_connection (VW_VIRT_OBJECT (self->network)) : NULL;

  if (connection != NULL)
    vw_connection_define_network_async (connection, text, self->cancellable, define_done, g_object_ref (self));
}

/* ----- Building ----- */

static AdwActionRow *
add_row (GtkWidget  *group,
         const char *title)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return ADW_ACTION_ROW (row);
}

static GtkWidget *
pill_button (const char *label,
             const char *tooltip,
             const char *style)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  if (style != NULL)
    gtk_widget_add_css_class (button, style);
  return button;
}

static GtkWidget *
build_overview (VwNetworkDetails *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *state = adw_preferences_group_new ();
  GtkWidget *facts = adw_preferences_group_new ();
  GtkWidget *autostart_row;

  self->state_row = add_row (state, _("State"));
  self->start_button = pill_button (_("_Start"), _("Start (virsh net-start)"), "suggested-action");
  self->stop_button = pill_button (_("S_top…"), _("Stop (virsh net-destroy)"), NULL);
  g_signal_connect_swapped (self->start_button, "clicked", G_CALLBACK (on_start), self);
  g_signal_connect_swapped (self->stop_button, "clicked", G_CALLBACK (on_stop), self);
  adw_action_row_add_suffix (self->state_row, self->start_button);
  adw_action_row_add_suffix (self->state_row, self->stop_button);

  autostart_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (autostart_row), _("Start at Boot"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (autostart_row), _("virsh net-autostart [--disable]"));
  self->autostart_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->autostart_switch), GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->autostart_switch, "notify::active", G_CALLBACK (on_autostart), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (autostart_row), GTK_WIDGET (self->autostart_switch));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (autostart_row), GTK_WIDGET (self->autostart_switch));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (state), autostart_row);
  self->persistent_row = add_row (state, _("Definition"));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (facts), _("Addressing"));
  self->mode_row = add_row (facts, "");
  self->address_row = add_row (facts, _("Host address"));
  self->dhcp_row = add_row (facts, _("DHCP range"));
  self->bridge_row = add_row (facts, _("Bridge on the host"));

  self->undefine_button = pill_button (_("_Undefine…"), _("Remove the definition (virsh net-undefine)"),
                                       "destructive-action");
  gtk_widget_set_halign (self->undefine_button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->undefine_button, "clicked", G_CALLBACK (on_undefine), self);

  gtk_box_append (GTK_BOX (box), state);
  gtk_box_append (GTK_BOX (box), facts);
  gtk_box_append (GTK_BOX (box), self->undefine_button);
  return vw_widget_scrolled_page (box);
}

static GtkWidget *
build_leases (VwNetworkDetails *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *refresh = gtk_button_new_with_mnemonic (_("_Refresh"));

  self->leases_status = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->leases_status, TRUE);
  gtk_label_set_xalign (self->leases_status, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->leases_status), "dim-label");
  self->leases_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->leases_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->leases_list), "boxed-list");
  gtk_widget_set_halign (refresh, GTK_ALIGN_START);
  vw_widget_set_icon_tooltip (refresh, _("Read the leases again (virsh net-dhcp-leases)"));
  g_signal_connect_swapped (refresh, "clicked", G_CALLBACK (load_leases), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->leases_status));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->leases_list));
  gtk_box_append (GTK_BOX (box), refresh);
  return vw_widget_scrolled_page (box);
}

static void
on_page_changed (VwNetworkDetails *self,
                 GParamSpec       *pspec,
                 AdwViewStack     *stack)
{
  const char *name = adw_view_stack_get_visible_child_name (stack);

  if (g_strcmp0 (name, "leases") == 0)
    load_leases (self);
  else if (g_strcmp0 (name, "xml") == 0)
    load_xml (self);
}

static void
vw_network_details_init (VwNetworkDetails *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *back = gtk_button_new_from_icon_name ("go-previous-symbolic");
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *switcher = adw_view_switcher_new ();
  GtkWidget *stack = adw_view_stack_new ();
  AdwViewStackPage *page;

  self->cancellable = g_cancellable_new ();

  gtk_widget_add_css_class (header, "lab-header");
  vw_widget_set_icon_tooltip (back, _("All Networks"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (back), "networks.show-list");
  gtk_widget_add_css_class (back, "flat");
  self->title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (self->title, "heading");
  self->subtitle = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->subtitle), 0);
  gtk_widget_add_css_class (self->subtitle, "caption");
  gtk_widget_add_css_class (self->subtitle, "dim-label");
  gtk_widget_set_hexpand (titles, TRUE);
  gtk_box_append (GTK_BOX (titles), self->title);
  gtk_box_append (GTK_BOX (titles), self->subtitle);
  self->spinner = gtk_spinner_new ();
  gtk_box_append (GTK_BOX (header), back);
  gtk_box_append (GTK_BOX (header), titles);
  gtk_box_append (GTK_BOX (header), self->spinner);

  self->xml_editor = VW_XML_EDITOR (vw_xml_editor_new ());
  vw_xml_editor_set_schema (self->xml_editor, "network", "network");
  g_signal_connect_swapped (self->xml_editor, "apply", G_CALLBACK (on_xml_apply), self);

  page = adw_view_stack_add_titled (ADW_VIEW_STACK (stack), build_overview (self), "overview", _("Overview"));
  adw_view_stack_page_set_icon_name (page, "network-workgroup-symbolic");
  page = adw_view_stack_add_titled (ADW_VIEW_STACK (stack), build_leases (self), "leases", _("Leases"));
  adw_view_stack_page_set_icon_name (page, "view-list-symbolic");
  page = adw_view_stack_add_titled (ADW_VIEW_STACK (stack), GTK_WIDGET (self->xml_editor), "xml", _("XML"));
  adw_view_stack_page_set_icon_name (page, "vw-xml-symbolic");
  gtk_widget_set_vexpand (stack, TRUE);
  g_signal_connect_swapped (stack, "notify::visible-child-name", G_CALLBACK (on_page_changed), self);
  g_object_set_data (G_OBJECT (self), "stack", stack);

  adw_view_switcher_set_stack (ADW_VIEW_SWITCHER (switcher), ADW_VIEW_STACK (stack));
  adw_view_switcher_set_policy (ADW_VIEW_SWITCHER (switcher), ADW_VIEW_SWITCHER_POLICY_WIDE);
  gtk_widget_add_css_class (switcher, "lab-switcher");

  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), switcher);
  gtk_box_append (GTK_BOX (box), stack);
  gtk_widget_set_parent (box, GTK_WIDGET (self));
}

static void
vw_network_details_dispose (GObject *object)
{
  VwNetworkDetails *self = VW_NETWORK_DETAILS (object);

  g_cancellable_cancel (self->cancellable);
  vw_network_details_set_network (self, NULL);
  g_clear_object (&self->cancellable);
  vw_widget_unparent_children (GTK_WIDGET (self));

  G_OBJECT_CLASS (vw_network_details_parent_class)->dispose (object);
}

static void
vw_network_details_class_init (VwNetworkDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vw_network_details_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

GtkWidget *
vw_network_details_new (void)
{
  return g_object_new (VW_TYPE_NETWORK_DETAILS, NULL);
}

VwNetwork *
vw_network_details_get_network (VwNetworkDetails *self)
{
  g_return_val_if_fail (VW_IS_NETWORK_DETAILS (self), NULL);
  return self->network;
}

void
vw_network_details_set_network (VwNetworkDetails *self,
                                VwNetwork        *network)
{
  AdwViewStack *stack;

  g_return_if_fail (VW_IS_NETWORK_DETAILS (self));

  if (self->network == network)
    return;
  if (self->network != NULL)
    g_signal_handlers_disconnect_by_data (self->network, self);
  g_set_object (&self->network, network);
  if (network == NULL)
    return;

  g_signal_connect_swapped (network, "notify", G_CALLBACK (update), self);
  vw_xml_editor_set_editing (self->xml_editor, FALSE);
  vw_xml_editor_set_document (self->xml_editor, "");
  update (self);
  stack = g_object_get_data (G_OBJECT (self), "stack");
  on_page_changed (self, NULL, stack);
}

VwXmlEditor *
vw_network_details_get_xml_editor (VwNetworkDetails *self)
{
  g_return_val_if_fail (VW_IS_NETWORK_DETAILS (self), NULL);
  return self->xml_editor;
}

/* How many leases the last read found; tests look at it. */
guint
vw_network_details_get_n_leases (VwNetworkDetails *self)
{
  g_return_val_if_fail (VW_IS_NETWORK_DETAILS (self), 0);
  return self->n_leases;
}
