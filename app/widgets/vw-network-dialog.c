/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-network-dialog"

#include <glib/gi18n.h>

#include "vw-network-dialog.h"
#include "vw-network-spec.h"
#include "vw-widget-util.h"

/* "New Network": a name, how guests reach the outside, the host's address
 * on the network and a DHCP range. Every change is checked at once (the
 * range must lie inside the subnet, …) and Create stays off while anything
 * is wrong; the network is then defined like `virsh net-define FILE`, not
 * started: starting it and marking it to autostart are the next steps, as
 * in the exam's sequence. */

static const char *modes[] = { "nat", "route", "isolated" };

typedef struct
{
  GtkWidget *parent;
  VwConnection *connection;
  AdwMessageDialog *dialog;
  AdwEntryRow *name;
  AdwComboRow *mode;
  AdwEntryRow *address;
  GtkSpinButton *prefix;
  AdwEntryRow *dhcp_start;
  AdwEntryRow *dhcp_end;
  GtkLabel *problem;
} Form;

static void
form_free (Form *form)
{
  g_clear_object (&form->parent);
  g_clear_object (&form->connection);
  g_free (form);
}

static void
read_spec (Form          *form,
           VwNetworkSpec *spec)
{
  spec->name = gtk_editable_get_text (GTK_EDITABLE (form->name));
  spec->mode = modes[MIN (adw_combo_row_get_selected (form->mode), G_N_ELEMENTS (modes) - 1)];
  spec->address = gtk_editable_get_text (GTK_EDITABLE (form->address));
  spec->prefix = (guint) gtk_spin_button_get_value_as_int (form->prefix);
  spec->dhcp_start = gtk_editable_get_text (GTK_EDITABLE (form->dhcp_start));
  spec->dhcp_end = gtk_editable_get_text (GTK_EDITABLE (form->dhcp_end));
}

static void
check (Form *form)
{
  VwNetworkSpec spec;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  read_spec (form, &spec);
  ok = vw_network_spec_validate (&spec, &error);
  gtk_label_set_text (form->problem, ok ? _("Defined with net-define; start it with net-start.") : error->message);
  if (ok)
    gtk_widget_remove_css_class (GTK_WIDGET (form->problem), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (form->problem), "error");
  adw_message_dialog_set_response_enabled (form->dialog, "create", ok);
}

static void
define_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GtkWidget) parent = user_data;
  g_autoptr(GError) error = NULL;

  if (!vw_connection_op_finish (VW_CONNECTION (object), result, &error))
    vw_widget_show_message (parent, error->message);
}

static void
on_response (AdwMessageDialog *dialog,
             const char       *response,
             Form             *form)
{
  VwNetworkSpec spec;
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = NULL;

  if (g_strcmp0 (response, "create") != 0)
    return;
  read_spec (form, &spec);
  xml = vw_network_spec_to_xml (&spec, &error);
  if (xml == NULL)
    {
      vw_widget_show_message (form->parent, error->message);
      return;
    }
  vw_connection_define_network_async (form->connection, xml, NULL, define_done, g_object_ref (form->parent));
}

static AdwEntryRow *
entry_row (GtkWidget  *group,
           const char *title,
           const char *text,
           Form       *form)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_connect_swapped (row, "changed", G_CALLBACK (check), form);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return ADW_ENTRY_ROW (row);
}

/* A subnet of 192.168.100–199 that no network of the lab uses yet. */
static guint
free_third_octet (VwConnection *connection)
{
  GListModel *networks = vw_connection_get_networks (connection);

  for (guint octet = 100; octet < 200; octet++)
    {
      g_autofree char *prefix = g_strdup_printf ("192.168.%u.", octet);
      gboolean used = FALSE;

      for (guint i = 0; i < g_list_model_get_n_items (networks) && !used; i++)
        {
          g_autoptr(GObject) net = g_list_model_get_item (networks, i);
          g_autofree char *address = NULL;

          g_object_get (net, "address", &address, NULL);
          used = address != NULL && g_str_has_prefix (address, prefix);
        }
      if (!used)
        return octet;
    }
  return 100;
}

AdwMessageDialog *
vw_network_dialog_show (GtkWidget    *parent,
                        VwConnection *connection)
{
  Form *form = g_new0 (Form, 1);
  GtkRoot *root = gtk_widget_get_root (parent);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *dhcp = adw_preferences_group_new ();
  GtkWidget *prefix_row = adw_action_row_new ();
  g_autoptr(GtkStringList) mode_names = gtk_string_list_new (NULL);
  guint octet = free_third_octet (connection);
  g_autofree char *address = g_strdup_printf ("192.168.%u.1", octet);
  g_autofree char *start = g_strdup_printf ("192.168.%u.100", octet);
  g_autofree char *end = g_strdup_printf ("192.168.%u.199", octet);

  form->parent = g_object_ref (parent);
  form->connection = g_object_ref (connection);
  form->dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                             _("New Virtual Network"), NULL));
  adw_message_dialog_set_body (form->dialog,
                               _("NAT lets guests reach the outside through the host’s address; routed "
                                 "forwards their own addresses; isolated keeps them among themselves and the host."));

  form->name = entry_row (group, _("Name"), "", form);
  gtk_string_list_append (mode_names, _("NAT (net-define with <forward mode='nat'/>)"));
  gtk_string_list_append (mode_names, _("Routed (<forward mode='route'/>)"));
  gtk_string_list_append (mode_names, _("Isolated (no <forward>)"));
  form->mode = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->mode), _("Mode"));
  adw_combo_row_set_model (form->mode, G_LIST_MODEL (mode_names));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (form->mode));
  g_signal_connect_swapped (form->mode, "notify::selected", G_CALLBACK (check), form);
  form->address = entry_row (group, _("Host address"), address, form);
  form->prefix = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (8, 30, 1));
  gtk_spin_button_set_value (form->prefix, 24);
  gtk_widget_set_valign (GTK_WIDGET (form->prefix), GTK_ALIGN_CENTER);
  g_signal_connect_swapped (form->prefix, "value-changed", G_CALLBACK (check), form);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (prefix_row), _("Prefix length"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (prefix_row), _("24 gives 254 addresses"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (prefix_row), GTK_WIDGET (form->prefix));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (prefix_row), GTK_WIDGET (form->prefix));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), prefix_row);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (dhcp), _("DHCP Range"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (dhcp),
                                         _("Leave both empty for a network without DHCP."));
  form->dhcp_start = entry_row (dhcp, _("First address"), start, form);
  form->dhcp_end = entry_row (dhcp, _("Last address"), end, form);

  form->problem = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (form->problem, TRUE);
  gtk_label_set_xalign (form->problem, 0);
  gtk_widget_add_css_class (GTK_WIDGET (form->problem), "caption");
  gtk_accessible_update_property (GTK_ACCESSIBLE (form->problem), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Form check"), -1);

  gtk_box_append (GTK_BOX (box), group);
  gtk_box_append (GTK_BOX (box), dhcp);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (form->problem));
  adw_message_dialog_set_extra_child (form->dialog, box);
  adw_message_dialog_add_responses (form->dialog, "cancel", _("_Cancel"), "create", _("C_reate"), NULL);
  adw_message_dialog_set_response_appearance (form->dialog, "create", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (form->dialog, "create");
  adw_message_dialog_set_close_response (form->dialog, "cancel");
  g_signal_connect_data (form->dialog, "response", G_CALLBACK (on_response), form,
                         (GClosureNotify) (void (*) (void)) form_free, 0);
  check (form);
  gtk_window_present (GTK_WINDOW (form->dialog));
  return form->dialog;
}
