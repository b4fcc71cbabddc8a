/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>

#include "vw-application.h"
#include "vw-commands-panel.h"
#include "vw-connection-list.h"
#include "vw-define-dialog.h"
#include "vw-domain-details.h"
#include "vw-sandbox.h"
#include "vw-test-util.h"
#include "vw-ui-test-util.h"
#include "vw-window.h"
#include "vw-xml-editor.h"

/* The lab pane driven through its actions under Xvfb: details, every kind
 * of dialog, the XML editor, the commands panel, several connections, and
 * a sandbox that outlives the window. */

static VwApplication *app;

typedef struct
{
  VwWindow *window;
  VwLabPage *lab;
} Lab;

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
lab_connected (gpointer data)
{
  Lab *lab = data;
  VwConnection *connection = vw_lab_page_get_connection (lab->lab);

  return connection != NULL && vw_connection_get_status (connection) == VW_CONNECTION_STATUS_CONNECTED;
}

static Lab
open_lab (void)
{
  Lab lab;

  lab.window = vw_window_new (app, NULL);
  lab.lab = vw_window_get_lab_page (lab.window);
  gtk_window_set_default_size (GTK_WINDOW (lab.window), 1280, 860);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (lab.window), "win.view-mode", "s", "lab"));
  gtk_window_present (GTK_WINDOW (lab.window));
  g_assert_true (vw_test_wait_until (is_mapped, lab.window, 5000));
  g_assert_true (vw_test_wait_until (lab_connected, &lab, 5000));
  return lab;
}

static VwDomain *
domain (Lab        *lab,
        const char *name)
{
  return vw_connection_find_domain (vw_lab_page_get_connection (lab->lab), name);
}

typedef struct
{
  Lab *lab;
  const char *name;
  VwDomainState state;
} StateWait;

static gboolean
has_state (gpointer data)
{
  StateWait *wait = data;
  VwDomain *d = domain (wait->lab, wait->name);

  return d != NULL && vw_domain_get_state (d) == wait->state && !vw_domain_get_busy (d);
}

static void
expect_state (Lab           *lab,
              const char    *name,
              VwDomainState  state)
{
  StateWait wait = { lab, name, state };

  g_assert_true (vw_test_wait_until (has_state, &wait, 5000));
}

static gboolean
exists (gpointer data)
{
  gpointer *args = data;

  return (domain (args[0], args[1]) != NULL) == GPOINTER_TO_INT (args[2]);
}

static void
expect_exists (Lab        *lab,
               const char *name,
               gboolean    present)
{
  gpointer args[] = { lab, (gpointer) name, GINT_TO_POINTER (present) };

  g_assert_true (vw_test_wait_until (exists, args, 5000));
}

static void
select_domain (Lab        *lab,
               const char *name)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (lab->lab), "lab.select-domain", "s", name));
  g_assert_cmpstr (vw_domain_get_name (vw_lab_page_get_selected_domain (lab->lab)), ==, name);
}

static const char *
last_command (Lab *lab)
{
  VwCommandLog *log = vw_connection_list_get_command_log (vw_lab_page_get_connections (lab->lab));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (log));
  g_autoptr(VwCommand) command = NULL;

  g_assert_cmpuint (n, >, 0);
  command = g_list_model_get_item (G_LIST_MODEL (log), n - 1);
  return g_intern_string (vw_command_get_text (command));
}

static gboolean
details_loaded (gpointer data)
{
  gpointer *args = data;

  return vw_domain_details_get_n_loads (args[0]) > GPOINTER_TO_UINT (args[1]);
}

static void
wait_details_reload (VwDomainDetails *details,
                     guint            before)
{
  gpointer args[] = { details, GUINT_TO_POINTER (before) };

  g_assert_true (vw_test_wait_until (details_loaded, args, 5000));
}

static void
test_machine_workflow (void)
{
  Lab lab = open_lab ();
  VwDomainDetails *details = vw_lab_page_get_details (lab.lab);
  g_autofree char *uri = vw_sandbox_get_uri ();
  guint loads;

  /* Details of a running machine. */
  select_domain (&lab, "web01");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (lab.lab), "lab.show-details", NULL));
  g_assert_true (vw_lab_page_get_showing_details (lab.lab));
  g_assert_true (vw_domain_details_get_domain (details) == domain (&lab, "web01"));
  wait_details_reload (details, 0);
  vw_test_wait_ms (400);
  vw_test_save_screenshot (GTK_WIDGET (lab.window), "screenshot-lab-details.png");
  vw_domain_details_show_page (details, "devices");
  vw_test_wait_ms (300);
  vw_test_save_screenshot (GTK_WIDGET (lab.window), "screenshot-lab-devices.png");

  /* Lifecycle from the details page, each recorded as virsh. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (lab.lab), "lab.suspend", NULL));
  expect_state (&lab, "web01", VW_DOMAIN_STATE_PAUSED);
  g_assert_true (g_str_has_suffix (last_command (&lab), " suspend web01"));
  g_assert_true (g_str_has_prefix (last_command (&lab), "virsh -c test:///"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (lab.lab), "lab.resume", NULL));
  expect_state (&lab, "web01", VW_DOMAIN_STATE_RUNNING);

  /* Force off asks first; cancelling changes nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (lab.lab), "lab.destroy", NULL));
  vw_test_respond_to_dialog ("cancel");
  vw_test_wait_ms (200);
  g_assert_cmpint (vw_domain_get_state (domain (&lab, "web01")), ==, VW_DOMAIN_STATE_RUNNING);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (lab.lab), "lab.destroy", NULL));
  vw_test_respond_to_dialog ("ok");
  expect_state (&lab, "web01", VW_DOMAIN_STATE_SHUTOFF);
  g_assert_true (g_str_has_suffix (last_command (&lab), " destroy web01"));

  /* Resources of a shut-off machine: at the next boot only. */
  loads = vw_domain_details_get_n_loads (details);
  vw_domain_details_show_page (details, "resources");
  vw_domain_details_apply_resource (details, "max-memory", 3072);
  wait_details_reload (details, loads);
  vw_test_wait_ms (200);
  g_assert_cmpuint (vw_domain_get_max_memory (domain (&lab, "web01")), ==, 3072 * 1024);
  g_assert_true (g_str_has_suffix (last_command (&lab), " setmaxmem web01 3145728 --config"));
  /* Above the maximum is refused before libvirt, with a message there. */
  vw_domain_details_apply_resource (details, "memory", 8192);
  vw_test_wait_ms (300);
  g_assert_nonnull (vw_domain_details_get_message (details));
  vw_test_save_screenshot (GTK_WIDGET (lab.window), "screenshot-lab-resources.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (lab.lab), "lab.show-list", NULL));
  g_assert_false (vw_lab_page_get_showing_details (lab.lab));
  gtk_window_destroy (GTK_WINDOW (lab.window));
}

static void
test_xml_editor (void)
{
  Lab lab = open_lab ();
  VwDomainDetails *details = vw_lab_page_get_details (lab.lab);
  VwXmlEditor *editor = vw_domain_details_get_xml_editor (details);
  g_autofree char *text = NULL;
  g_autofree char *broken = NULL;
  g_autofree char *invalid = NULL;
  g_autofree char *changed = NULL;
  g_auto(GStrv) lines = NULL;
  guint memory_line = 0;
  guint loads;

  select_domain (&lab, "db01");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (lab.lab), "lab.show-details", NULL));
  wait_details_reload (details, 0);
  vw_domain_details_show_page (details, "xml");
  text = vw_xml_editor_get_text (editor);
  g_assert_nonnull (strstr (text, "<name>db01</name>"));

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], "<memory") != NULL)
      memory_line = i + 1;
  g_assert_cmpuint (memory_line, >, 0);

  vw_xml_editor_set_editing (editor, TRUE);

  /* Not well formed: the line of the problem, nothing sent to libvirt. */
  broken = g_strconcat (text, "<oops", NULL);
  vw_xml_editor_set_text (editor, broken);
  vw_xml_editor_apply (editor, TRUE);
  g_assert_nonnull (vw_xml_editor_get_error (editor));
  g_assert_cmpuint (vw_xml_editor_get_error_line (editor), >, memory_line);

  /* Well formed but against libvirt's schema: libvirt's message, at the
   * line it is about, and the machine unchanged. */
  {
    g_autoptr(GRegex) memory = g_regex_new ("<memory unit='KiB'>[0-9]+</memory>", 0, 0, NULL);

    invalid = g_regex_replace_literal (memory, text, -1, 0, "<memory unit='KiB'>lots</memory>", 0, NULL);
  }
  vw_xml_editor_set_text (editor, invalid);
  vw_xml_editor_apply (editor, TRUE);
  g_assert_true (vw_test_wait_until ((VwTestCondition) vw_xml_editor_get_error_line, editor, 5000));
  g_assert_cmpuint (vw_xml_editor_get_error_line (editor), ==, memory_line);
  g_assert_nonnull (strstr (vw_xml_editor_get_error (editor), "schema"));
  g_assert_true (vw_xml_editor_get_editing (editor));
  g_assert_cmpuint (vw_domain_get_max_memory (domain (&lab, "db01")), ==, 4 * 1024 * 1024);
  vw_test_save_screenshot (GTK_WIDGET (lab.window), "screenshot-lab-xml-error.png");

  /* A valid change is applied (virsh define FILE) and shows up. */
  changed = g_strjoinv ("\n", lines);
  {
    g_autofree char *replaced = NULL;
    g_autoptr(GRegex) vcpu = g_regex_new ("<vcpu placement='static'>2</vcpu>", 0, 0, NULL);

    replaced = g_regex_replace_literal (vcpu, changed, -1, 0, "<vcpu placement='static'>3</vcpu>", 0, NULL);
    g_free (changed);
    changed = g_steal_pointer (&replaced);
  }
  loads = vw_domain_details_get_n_loads (details);
  vw_xml_editor_set_text (editor, changed);
  vw_xml_editor_apply (editor, TRUE);
  g_assert_true (vw_test_wait_until ((VwTestCondition) vw_domain_details_get_n_loads, details, 5000));
  wait_details_reload (details, loads);
  g_assert_false (vw_xml_editor_get_editing (editor));
  g_assert_cmpuint (vw_domain_get_vcpus (domain (&lab, "db01")), ==, 3);
  g_assert_true (strstr (last_command (&lab), " define /") != NULL);

  gtk_window_destroy (GTK_WINDOW (lab.window));
}

static void
test_dialogs (void)
{
  Lab lab = open_lab ();
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  GtkWindow *define;
  VwXmlEditor *editor;

  /* Clone a shut-off machine under a new name. */
  select_domain (&lab, "builder");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (lab.lab), "lab.clone", NULL));
  dialog = vw_test_find_dialog (5000);
  entry = vw_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (entry), "bad name");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "ok"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "builder2");
  vw_test_respond_to_dialog ("ok");
  expect_exists (&lab, "builder2", TRUE);
  g_assert_true (strstr (last_command (&lab), " define /") != NULL);

  /* Undefine with its storage: the dialog names the volume. */
  select_domain (&lab, "builder2");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (lab.lab), "lab.undefine", NULL));
  dialog = vw_test_find_dialog (5000);
  {
    GtkWidget *check = vw_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_CHECK_BUTTON);
    const char *label = gtk_check_button_get_label (GTK_CHECK_BUTTON (check));

    g_assert_nonnull (strstr (label, "builder2.qcow2"));
    gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  }
  vw_test_save_screenshot (GTK_WIDGET (dialog), "screenshot-lab-undefine.png");
  vw_test_respond_to_dialog ("ok");
  expect_exists (&lab, "builder2", FALSE);
  g_assert_true (g_str_has_suffix (last_command (&lab), " undefine builder2 --remove-all-storage"));

  /* Define a new machine from XML. */
  define = vw_define_dialog_show (GTK_WIDGET (lab.lab), vw_lab_page_get_connection (lab.lab));
  editor = vw_define_dialog_get_editor (define);
  vw_xml_editor_apply (editor, TRUE);
  expect_exists (&lab, "newvm", TRUE);

  gtk_window_destroy (GTK_WINDOW (lab.window));
}

static gboolean
saved (gpointer data)
{
  g_autofree char *path = vw_sandbox_get_node_path ();
  g_autofree char *contents = NULL;

  return g_file_get_contents (path, &contents, NULL, NULL) && strstr (contents, (const char *) data) != NULL;
}

static void
test_connections_and_persistence (void)
{
  Lab lab = open_lab ();
  g_autofree char *sandbox = vw_sandbox_get_uri ();
  VwCommandLog *log;
  g_autofree char *script = NULL;

  /* The clone of the previous test was saved with the sandbox; start db01
   * so that the file has something new to say. */
  select_domain (&lab, "db01");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (lab.lab), "lab.start", NULL));
  expect_state (&lab, "db01", VW_DOMAIN_STATE_RUNNING);
  g_assert_true (vw_test_wait_until (saved, "<name>newvm</name>", 5000));

  /* A second connection: the built-in test:///default node. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (lab.lab), "lab.switch-connection", "s", "test:///default"));
  g_assert_true (vw_test_wait_until (lab_connected, &lab, 5000));
  expect_exists (&lab, "test", TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (vw_lab_page_get_connections (lab.lab))), ==, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (lab.lab), "lab.switch-connection", "s", sandbox));
  g_assert_true (vw_connection_is_sandbox (vw_lab_page_get_connection (lab.lab)));

  log = vw_connection_list_get_command_log (vw_lab_page_get_connections (lab.lab));
  script = vw_command_log_to_script (log);
  g_assert_nonnull (strstr (script, "start db01"));
  gtk_window_destroy (GTK_WINDOW (lab.window));

  /* A new window finds the sandbox as it was left, and the other
   * connection still in the list. */
  lab = open_lab ();
  expect_exists (&lab, "newvm", TRUE);
  expect_state (&lab, "db01", VW_DOMAIN_STATE_RUNNING);
  g_assert_nonnull (vw_connection_list_find (vw_lab_page_get_connections (lab.lab), "test:///default"));

  /* Reset puts the shipped lab back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (lab.lab), "lab.reset-sandbox", NULL));
  vw_test_respond_to_dialog ("ok");
  g_assert_true (vw_test_wait_until (lab_connected, &lab, 5000));
  expect_exists (&lab, "newvm", FALSE);
  expect_state (&lab, "db01", VW_DOMAIN_STATE_SHUTOFF);
  gtk_window_destroy (GTK_WINDOW (lab.window));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  vw_test_init (&argc, &argv);
  app = vw_test_ui_init ();

  g_test_add_func ("/lab/machine-workflow", test_machine_workflow);
  g_test_add_func ("/lab/xml-editor", test_xml_editor);
  g_test_add_func ("/lab/dialogs", test_dialogs);
  g_test_add_func ("/lab/connections-and-persistence", test_connections_and_persistence);

  ret = g_test_run ();
  g_clear_object (&app);
  return ret;
}
