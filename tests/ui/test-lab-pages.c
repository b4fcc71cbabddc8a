/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>

#include "vw-application.h"
#include "vw-connection-list.h"
#include "vw-define-dialog.h"
#include "vw-domain-details.h"
#include "vw-lab-page.h"
#include "vw-network-details.h"
#include "vw-networks-page.h"
#include "vw-snapshots-view.h"
#include "vw-test-ops.h"
#include "vw-test-util.h"
#include "vw-ui-test-util.h"
#include "vw-window.h"
#include "vw-xml-editor.h"

/* The Networks page and the Snapshots tab driven as a learner would,
 * under Xvfb: forms that refuse bad input, confirmations, and the lab
 * changing for real. */

static VwApplication *app;
static VwWindow *window;
static VwLabPage *lab;

static gboolean
is_connected (gpointer data)
{
  VwConnection *connection = vw_lab_page_get_connection (lab);

  return connection != NULL && vw_connection_get_status (connection) == VW_CONNECTION_STATUS_CONNECTED
         && gtk_widget_get_mapped (GTK_WIDGET (window));
}

static void
open_window (void)
{
  window = vw_window_new (app, NULL);
  lab = vw_window_get_lab_page (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 800);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view-mode", "s", "lab"));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (vw_test_wait_until (is_connected, NULL, 5000));
}

static VwConnection *
connection (void)
{
  return vw_lab_page_get_connection (lab);
}

static const char *
last_command (void)
{
  VwCommandLog *log = vw_connection_list_get_command_log (vw_lab_page_get_connections (lab));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (log));
  g_autoptr(VwCommand) command = NULL;

  if (n == 0)
    return "";
  command = g_list_model_get_item (G_LIST_MODEL (log), n - 1);
  return g_intern_string (vw_command_get_text (command));
}

static gboolean
command_ends_with (gpointer data)
{
  return g_str_has_suffix (last_command (), data);
}

static void
click (GtkWidget  *root,
       const char *tooltip)
{
  GtkWidget *button = vw_test_find_button (root, tooltip);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

/* ----- Networks ----- */

static gboolean
network_active (gpointer data)
{
  gpointer *args = data;
  VwVirtObject *network = vw_test_ops_find (vw_connection_get_networks (connection ()), args[0]);

  return network != NULL && vw_virt_object_get_active (network) == GPOINTER_TO_INT (args[1])
         && !vw_virt_object_get_busy (network);
}

static void
expect_active (const char *name,
               gboolean    active)
{
  gpointer args[] = { (gpointer) name, GINT_TO_POINTER (active) };

  g_assert_true (vw_test_wait_until (network_active, args, 5000));
}

/* The status line under "Network Filters" says what the sandbox lacks. */
static gboolean
has_filter_status (gpointer data)
{
  const char *status = vw_networks_page_get_filter_status (data);

  return status != NULL && strstr (status, "test driver") != NULL;
}

static gboolean
editor_has_error (gpointer data)
{
  return vw_xml_editor_get_error (data) != NULL;
}

static void
test_networks (void)
{
  GtkWidget *page;
  AdwMessageDialog *dialog;
  VwNetworkDetails *details;
  VwXmlEditor *editor;
  GtkWindow *define;
  g_autofree char *xml = NULL;
  char *edited;

  open_window ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (lab), "lab.show-view", "s", "networks"));
  page = vw_test_find_widget (GTK_WIDGET (lab), VW_TYPE_NETWORKS_PAGE);
  g_assert_nonnull (page);
  g_assert_true (vw_test_wait_until ((VwTestCondition) gtk_widget_get_mapped, page, 5000));

  /* New network: a DHCP range outside the subnet keeps Create off. */
  g_assert_true (gtk_widget_activate_action (page, "networks.new", NULL));
  dialog = vw_test_find_dialog (5000);
  vw_test_set_entry_row (GTK_WIDGET (dialog), "Name", "backnet");
  vw_test_set_entry_row (GTK_WIDGET (dialog), "Host address", "192.168.150.1");
  vw_test_set_entry_row (GTK_WIDGET (dialog), "First address", "192.168.151.10");
  vw_test_set_entry_row (GTK_WIDGET (dialog), "Last address", "192.168.150.50");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "create"));
  vw_test_set_entry_row (GTK_WIDGET (dialog), "Name", "bad/name");
  vw_test_set_entry_row (GTK_WIDGET (dialog), "First address", "192.168.150.10");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "create"));
  vw_test_set_entry_row (GTK_WIDGET (dialog), "Name", "backnet");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "create"));
  vw_test_respond_to_dialog ("create");
  expect_active ("backnet", FALSE);
  g_assert_true (g_str_has_prefix (strstr (last_command (), "net-define"), "net-define /"));

  /* Its details: start it with the button, then stop it after confirming. */
  g_assert_true (gtk_widget_activate_action (page, "networks.show-details", "s", "backnet"));
  details = vw_networks_page_get_details (VW_NETWORKS_PAGE (page));
  g_assert_cmpstr (vw_network_get_name (vw_network_details_get_network (details)), ==, "backnet");
  click (GTK_WIDGET (details), "Start (virsh net-start)");
  expect_active ("backnet", TRUE);
  g_assert_true (g_str_has_suffix (last_command (), "net-start backnet"));
  click (GTK_WIDGET (details), "Stop (virsh net-destroy)");
  vw_test_respond_to_dialog ("ok");
  expect_active ("backnet", FALSE);
  g_assert_true (g_str_has_suffix (last_command (), "net-destroy backnet"));

  /* Its XML, edited: a larger DHCP range, applied through net-define. */
  editor = vw_network_details_get_xml_editor (details);
  vw_test_wait_ms (300);
  gtk_widget_activate_action (GTK_WIDGET (lab), "lab.dismiss-message", NULL);
  vw_xml_editor_set_editing (editor, TRUE);
  xml = vw_xml_editor_get_text (editor);
  if (xml == NULL || strstr (xml, "192.168.150.50") == NULL)
    {
      /* The XML tab loads when shown: show it and wait. */
      AdwViewStack *stack = g_object_get_data (G_OBJECT (details), "stack");

      vw_xml_editor_set_editing (editor, FALSE);
      adw_view_stack_set_visible_child_name (stack, "xml");
      for (guint i = 0; i < 100 && (xml == NULL || strstr (xml, "192.168.150.50") == NULL); i++)
        {
          vw_test_wait_ms (20);
          g_free (xml);
          xml = vw_xml_editor_get_text (editor);
        }
      vw_xml_editor_set_editing (editor, TRUE);
    }
  g_assert_nonnull (strstr (xml, "192.168.150.50"));
  {
    g_auto(GStrv) parts = g_strsplit (xml, "192.168.150.50", 2);

    edited = g_strjoinv ("192.168.150.90", parts);
  }
  vw_xml_editor_set_text (editor, edited);
  g_free (edited);
  vw_xml_editor_apply (editor, TRUE);
  g_assert_true (vw_test_wait_until (command_ends_with, (gpointer) ".xml", 5000));
  g_assert_true (g_str_has_prefix (strstr (last_command (), "net-define"), "net-define /"));

  /* Undefine, confirmed: it goes from the list and the page goes back. */
  click (GTK_WIDGET (details), "Remove the definition (virsh net-undefine)");
  vw_test_respond_to_dialog ("ok");
  g_assert_true (vw_test_wait_until (command_ends_with, (gpointer) "net-undefine backnet", 5000));

  /* Filters: the sandbox's driver has none, and says so; defining one
   * leaves the message at the editor and changes nothing. */
  g_assert_true (vw_test_wait_until (has_filter_status, page, 5000));
  define = vw_define_dialog_show_kind (page, connection (), VW_DEFINE_FILTER);
  editor = vw_define_dialog_get_editor (define);
  vw_xml_editor_apply (editor, TRUE);
  g_assert_true (vw_test_wait_until (editor_has_error, editor, 5000));
  g_assert_nonnull (strstr (vw_xml_editor_get_error (editor), "test driver"));
  gtk_window_destroy (define);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* ----- Snapshots ----- */

static char *
describe (VwSnapshotList *list)
{
  GListModel *model = vw_snapshot_list_get_model (list);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(VwSnapshot) snapshot = g_list_model_get_item (model, i);

      g_string_append_printf (text, "%s%s%s", i > 0 ? " " : "", vw_snapshot_get_name (snapshot),
                              vw_snapshot_get_current (snapshot) ? "*" : "");
    }
  return g_string_free (text, FALSE);
}

static gboolean
list_is (gpointer data)
{
  gpointer *args = data;
  g_autofree char *now = describe (args[0]);

  return g_str_equal (now, args[1]);
}

static void
expect_list (VwSnapshotList *list,
             const char     *expected)
{
  gpointer args[] = { list, (gpointer) expected };

  if (!vw_test_wait_until (list_is, args, 5000))
    g_assert_cmpstr (describe (list), ==, expected);
}

static void
test_snapshots (void)
{
  VwDomainDetails *details;
  VwSnapshotsView *view;
  VwSnapshotList *list;
  AdwMessageDialog *dialog;

  open_window ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (lab), "lab.select-domain", "s", "web01"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (lab), "lab.show-details", NULL));
  details = vw_lab_page_get_details (lab);
  vw_domain_details_show_page (details, "snapshots");
  view = VW_SNAPSHOTS_VIEW (vw_test_find_widget (GTK_WIDGET (details), VW_TYPE_SNAPSHOTS_VIEW));
  list = vw_snapshots_view_get_list (view);
  expect_list (list, "baseline site-deployed*");

  /* Take one: a name with a slash, or one in use, keeps Take off. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "snapshots.take", NULL));
  dialog = vw_test_find_dialog (5000);
  vw_test_set_entry_row (GTK_WIDGET (dialog), "Name", "before/tls");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "take"));
  vw_test_set_entry_row (GTK_WIDGET (dialog), "Name", "baseline");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "take"));
  vw_test_set_entry_row (GTK_WIDGET (dialog), "Name", "before-tls");
  vw_test_set_entry_row (GTK_WIDGET (dialog), "Description (optional)", "Before enabling TLS");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "take"));
  vw_test_respond_to_dialog ("take");
  expect_list (list, "baseline site-deployed before-tls*");
  g_assert_true (g_str_has_suffix (last_command (),
                                   "snapshot-create-as web01 before-tls --description 'Before enabling TLS'"));

  /* Revert, confirmed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "snapshots.revert", "s", "baseline"));
  vw_test_respond_to_dialog ("ok");
  expect_list (list, "baseline* site-deployed before-tls");

  /* Delete with its children. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "snapshots.delete", "s", "baseline"));
  dialog = vw_test_find_dialog (5000);
  g_assert_true (adw_message_dialog_has_response (dialog, "delete-all"));
  vw_test_respond_to_dialog ("delete-all");
  expect_list (list, "");
  g_assert_true (g_str_has_suffix (last_command (), "snapshot-delete web01 baseline --children"));

  vw_test_save_screenshot (GTK_WIDGET (window), "lab-pages-snapshots.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  vw_test_init (&argc, &argv);
  app = vw_test_ui_init ();

  g_test_add_func ("/lab-pages/networks", test_networks);
  g_test_add_func ("/lab-pages/snapshots", test_snapshots);

  ret = g_test_run ();
  g_clear_object (&app);
  return ret;
}
