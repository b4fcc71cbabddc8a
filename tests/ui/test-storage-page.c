/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>

#include "vw-application.h"
#include "vw-pool.h"
#include "vw-storage-page.h"
#include "vw-test-ops.h"
#include "vw-test-util.h"
#include "vw-ui-test-util.h"
#include "vw-xml-editor.h"

/* The Storage page in a real window under Xvfb, on a fresh sandbox lab:
 * driven through its buttons and dialogs as the learner would, checking
 * what it shows, the virsh line each action records, and that what a form
 * refuses never reaches libvirt. */

static VwApplication *app;

typedef struct
{
  VwTestOps ops;
  GtkWindow *window;
  GtkWidget *page;
  GPtrArray *messages;   /* what went to the lab's banner */
} Fixture;

static void
on_show_message (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  Fixture *fixture = user_data;

  g_ptr_array_add (fixture->messages, g_variant_dup_string (parameter, NULL));
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static void
setup (Fixture       *fixture,
       gconstpointer  data)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) action = g_simple_action_new ("show-message", G_VARIANT_TYPE_STRING);

  vw_test_ops_setup (&fixture->ops, data);
  fixture->messages = g_ptr_array_new_with_free_func (g_free);
  fixture->window = GTK_WINDOW (adw_application_window_new (GTK_APPLICATION (app)));
  /* The lab page's banner, as vw_widget_show_message() reaches it. */
  g_signal_connect (action, "activate", G_CALLBACK (on_show_message), fixture);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
  gtk_widget_insert_action_group (GTK_WIDGET (fixture->window), "lab", G_ACTION_GROUP (group));
  fixture->page = vw_storage_page_new ();
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (fixture->window), fixture->page);
  /* As narrow as the lab pane gets. */
  gtk_window_set_default_size (fixture->window, 320, 800);
  vw_storage_page_set_connection (VW_STORAGE_PAGE (fixture->page), fixture->ops.connection);
  gtk_window_present (fixture->window);
  g_assert_true (vw_test_wait_until (is_mapped, fixture->page, 5000));
}

static void
teardown (Fixture       *fixture,
          gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_ptr_array_unref (fixture->messages);
  vw_test_ops_teardown (&fixture->ops, data);
}

/* ----- Finding and using widgets ----- */

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
widget (Fixture    *fixture,
        const char *name)
{
  GtkWidget *found = find_named (fixture->page, name);

  if (found == NULL)
    g_error ("no widget named “%s” on the page", name);
  return found;
}

static const char *
label_text (Fixture    *fixture,
            const char *name)
{
  return gtk_label_get_label (GTK_LABEL (widget (fixture, name)));
}

/* A click: only a sensitive, visible widget can be clicked. (A button's
 * keyboard activation waits for its animation; "clicked" is the click.) */
static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_true (gtk_widget_is_visible (button));
  if (GTK_IS_BUTTON (button))
    g_signal_emit_by_name (button, "clicked");
  else
    gtk_widget_activate (button);
}

static gboolean
has_widget (gpointer data)
{
  gpointer *args = data;

  return (find_named (args[0], args[1]) != NULL) == GPOINTER_TO_INT (args[2]);
}

static void
expect_widget (Fixture    *fixture,
               const char *name,
               gboolean    present)
{
  gpointer args[] = { fixture->page, (gpointer) name, GINT_TO_POINTER (present) };

  g_assert_true (vw_test_wait_until (has_widget, args, 5000));
}

static gboolean
label_is (gpointer data)
{
  gpointer *args = data;
  GtkWidget *label = find_named (args[0], args[1]);

  return label != NULL && g_strcmp0 (gtk_label_get_label (GTK_LABEL (label)), args[2]) == 0;
}

static void
expect_label (Fixture    *fixture,
              const char *name,
              const char *text)
{
  gpointer args[] = { fixture->page, (gpointer) name, (gpointer) text };

  if (!vw_test_wait_until (label_is, args, 5000))
    g_error ("“%s” shows “%s”, not “%s”", name, label_text (fixture, name), text);
}

static guint
count_rows (Fixture    *fixture,
            const char *list)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (widget (fixture, list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && gtk_widget_get_visible (row))
      n++;
  return n;
}

typedef struct
{
  Fixture *fixture;
  const char *list;
  guint n;
} RowsWait;

static gboolean
has_rows (gpointer data)
{
  RowsWait *wait = data;

  return count_rows (wait->fixture, wait->list) == wait->n;
}

static void
expect_rows (Fixture    *fixture,
             const char *list,
             guint       n)
{
  RowsWait wait = { fixture, list, n };

  if (!vw_test_wait_until (has_rows, &wait, 5000))
    g_error ("%s has %u rows, not %u", list, count_rows (fixture, list), n);
}

static void
open_pool (Fixture    *fixture,
           const char *name)
{
  g_autofree char *row = g_strdup_printf ("pool:%s", name);

  click (widget (fixture, row));
  g_assert_true (vw_test_wait_until (is_mapped, widget (fixture, "back-button"), 5000));
  g_assert_cmpstr (label_text (fixture, "pool-title"), ==, name);
}

static GtkWidget *
dialog_field (AdwMessageDialog *dialog,
              const char       *name)
{
  GtkWidget *found = find_named (GTK_WIDGET (dialog), name);

  g_assert_nonnull (found);
  return found;
}

static void
type_into (AdwMessageDialog *dialog,
           const char       *name,
           const char       *text)
{
  gtk_editable_set_text (GTK_EDITABLE (dialog_field (dialog, name)), text);
}

static const char *
dialog_label (AdwMessageDialog *dialog,
              const char       *name)
{
  return gtk_label_get_label (GTK_LABEL (dialog_field (dialog, name)));
}

static gboolean
not_busy (gpointer data)
{
  return !vw_virt_object_get_busy (data);
}

static VwPool *
pool (Fixture    *fixture,
      const char *name)
{
  VwPool *found = vw_test_ops_find (vw_connection_get_pools (fixture->ops.connection), name);

  g_assert_nonnull (found);
  return found;
}

static gboolean
autostarts (gpointer data)
{
  return vw_virt_object_get_autostart (data);
}

static void
wait_idle (Fixture    *fixture,
           const char *name)
{
  g_assert_true (vw_test_wait_until (not_busy, pool (fixture, name), 5000));
}

static gboolean
last_command_is (gpointer data)
{
  gpointer *args = data;

  return vw_test_ops_n_commands (args[0]) > 0 && g_strcmp0 (vw_test_ops_last_command (args[0]), args[1]) == 0;
}

/* Waits for @command to be recorded (a switch flips after its animation). */
static void
expect_command (Fixture    *fixture,
                const char *command)
{
  gpointer args[] = { &fixture->ops, (gpointer) command };

  if (!vw_test_wait_until (last_command_is, args, 5000))
    g_error ("the last command is “%s”, not “%s”", vw_test_ops_last_command (&fixture->ops), command);
}

/* ----- Tests ----- */

static void
test_pool_list (Fixture       *fixture,
                gconstpointer  data)
{
  VwPool *images = pool (fixture, "default");
  GtkWidget *row = widget (fixture, "pool:default");
  g_autofree char *used = g_format_size_full (vw_pool_get_allocation (images), G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *total = g_format_size_full (vw_pool_get_capacity (images), G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *free_space = g_format_size_full (vw_pool_get_available (images), G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *usage = g_strdup_printf ("%s of %s used, %s free", used, total, free_space);
  GtkLevelBar *level = GTK_LEVEL_BAR (vw_test_find_widget (row, GTK_TYPE_LEVEL_BAR));

  g_assert_cmpuint (count_rows (fixture, "pool-list"), ==,
                    g_list_model_get_n_items (vw_connection_get_pools (fixture->ops.connection)));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (find_named (row, "usage"))), ==, usage);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (find_named (row, "state"))), ==, "Active");
  g_assert_cmpfloat_with_epsilon (gtk_level_bar_get_value (level),
                                  (double) vw_pool_get_allocation (images) / vw_pool_get_capacity (images), 1e-6);
  g_assert_nonnull (find_named (fixture->page, "pool:isos"));

  /* A pool that stops elsewhere shows it: the row follows the model. */
  g_assert_true (gtk_widget_activate_action (fixture->page, "storage.show-list", NULL));
  vw_pool_run_async (pool (fixture, "isos"), VW_POOL_ACTION_STOP, NULL, NULL, NULL);
  g_assert_true (vw_test_wait_until (not_busy, pool (fixture, "isos"), 5000));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (find_named (widget (fixture, "pool:isos"), "state"))), ==,
                   "Stopped");
  vw_test_save_screenshot (GTK_WIDGET (fixture->window), "storage-page-list.png");
}

static void
test_details (Fixture       *fixture,
              gconstpointer  data)
{
  GListModel *volumes = vw_pool_get_volumes (pool (fixture, "default"));

  open_pool (fixture, "default");
  g_assert_cmpstr (label_text (fixture, "pool-state"), ==, "Active");
  g_assert_cmpuint (count_rows (fixture, "volume-list"), ==, g_list_model_get_n_items (volumes));
  g_assert_nonnull (find_named (widget (fixture, "volume:web01.qcow2"), "volume-info"));
  /* Only what libvirt would accept of an active, persistent pool. */
  g_assert_false (gtk_widget_is_sensitive (widget (fixture, "start-button")));
  g_assert_false (gtk_widget_is_sensitive (widget (fixture, "build-button")));
  g_assert_true (gtk_widget_is_sensitive (widget (fixture, "stop-button")));
  g_assert_true (gtk_widget_is_sensitive (widget (fixture, "refresh-button")));
  g_assert_false (gtk_widget_is_sensitive (widget (fixture, "undefine-button")));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (widget (fixture, "start-button")), ==, "Start (virsh pool-start)");

  click (widget (fixture, "refresh-button"));
  wait_idle (fixture, "default");
  g_assert_cmpstr (vw_test_ops_last_command (&fixture->ops), ==, "pool-refresh default");

  vw_test_save_screenshot (GTK_WIDGET (fixture->window), "storage-page-details.png");
  click (widget (fixture, "back-button"));
  g_assert_true (vw_test_wait_until (is_mapped, widget (fixture, "pool:default"), 5000));
}

static void
test_create_volume (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *two_gib = g_format_size_full (G_GUINT64_CONSTANT (2) << 30,
                                                 G_FORMAT_SIZE_IEC_UNITS | G_FORMAT_SIZE_LONG_FORMAT);
  AdwMessageDialog *dialog;

  open_pool (fixture, "default");
  click (widget (fixture, "new-volume-button"));
  dialog = vw_test_find_dialog (5000);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "create"));

  type_into (dialog, "volume-name", "lab.qcow2");
  type_into (dialog, "volume-size", "12 parsecs");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "create"));
  g_assert_nonnull (strstr (dialog_label (dialog, "size-feedback"), "not a unit of size"));
  g_assert_true (gtk_widget_has_css_class (dialog_field (dialog, "volume-size"), "error"));
  type_into (dialog, "volume-size", "0");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "create"));
  type_into (dialog, "volume-size", "2G");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "create"));
  g_assert_cmpstr (dialog_label (dialog, "size-feedback"), ==, two_gib);
  g_assert_false (gtk_widget_has_css_class (dialog_field (dialog, "volume-size"), "error"));
  /* A name the pool has is refused before libvirt is asked. */
  type_into (dialog, "volume-name", "web01.qcow2");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "create"));
  g_assert_nonnull (strstr (dialog_label (dialog, "name-feedback"), "already has a volume"));
  type_into (dialog, "volume-name", "lab.qcow2");
  vw_test_respond_to_dialog ("create");

  expect_widget (fixture, "volume:lab.qcow2", TRUE);
  g_assert_cmpstr (vw_test_ops_last_command (&fixture->ops), ==, "vol-create-as default lab.qcow2 2G --format qcow2");

  /* An overlay: raw has no backing volume; qcow2 takes the base's size. */
  click (widget (fixture, "new-volume-button"));
  dialog = vw_test_find_dialog (5000);
  adw_combo_row_set_selected (ADW_COMBO_ROW (dialog_field (dialog, "volume-format")), 1);
  g_assert_false (gtk_widget_get_visible (dialog_field (dialog, "volume-backing")));
  adw_combo_row_set_selected (ADW_COMBO_ROW (dialog_field (dialog, "volume-format")), 0);
  g_assert_true (gtk_widget_get_visible (dialog_field (dialog, "volume-backing")));
  type_into (dialog, "volume-name", "overlay.qcow2");
  /* The backing list is "None" and then the volumes by name. */
  for (guint i = 0; i < 20; i++)
    {
      GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (dialog_field (dialog, "volume-backing")));

      if (i < g_list_model_get_n_items (model)
          && g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), "lab.qcow2") == 0)
        adw_combo_row_set_selected (ADW_COMBO_ROW (dialog_field (dialog, "volume-backing")), i);
    }
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog_field (dialog, "volume-size"))), ==, "2G");
  vw_test_respond_to_dialog ("create");
  expect_widget (fixture, "volume:overlay.qcow2", TRUE);
  g_assert_cmpstr (vw_test_ops_last_command (&fixture->ops), ==,
                   "vol-create-as default overlay.qcow2 2G --format qcow2 --backing-vol lab.qcow2 "
                   "--backing-vol-format qcow2");
  g_assert_cmpuint (fixture->messages->len, ==, 0);
}

static void
test_new_pool (Fixture       *fixture,
               gconstpointer  data)
{
  AdwMessageDialog *dialog;
  guint n_commands = vw_test_ops_n_commands (&fixture->ops);

  click (widget (fixture, "new-pool-button"));
  dialog = vw_test_find_dialog (5000);
  type_into (dialog, "pool-name", "scratch");
  type_into (dialog, "pool-path", "srv/scratch");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "define"));
  g_assert_nonnull (strstr (dialog_label (dialog, "path-feedback"), "not an absolute path"));
  type_into (dialog, "pool-path", "/srv/../etc");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "define"));
  type_into (dialog, "pool-name", "default");
  type_into (dialog, "pool-path", "/srv/scratch");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "define"));
  g_assert_nonnull (strstr (dialog_label (dialog, "name-feedback"), "already a pool"));
  vw_test_respond_to_dialog ("cancel");
  g_assert_cmpuint (vw_test_ops_n_commands (&fixture->ops), ==, n_commands);

  click (widget (fixture, "new-pool-button"));
  dialog = vw_test_find_dialog (5000);
  type_into (dialog, "pool-name", "scratch");
  type_into (dialog, "pool-path", "/srv/scratch");
  g_assert_cmpstr (dialog_label (dialog, "preview"), ==, "virsh pool-define-as scratch dir --target /srv/scratch");
  vw_test_respond_to_dialog ("define");

  /* Defined only; its details are shown for the next steps. */
  expect_label (fixture, "pool-title", "scratch");
  g_assert_cmpstr (vw_test_ops_last_command (&fixture->ops), ==, "pool-define-as scratch dir --target /srv/scratch");
  expect_label (fixture, "pool-state", "Stopped");
  expect_label (fixture, "volume-placeholder", "Start the pool to see its volumes.");
  g_assert_false (gtk_widget_is_sensitive (widget (fixture, "new-volume-button")));
  click (widget (fixture, "build-button"));
  wait_idle (fixture, "scratch");
  g_assert_cmpstr (vw_test_ops_last_command (&fixture->ops), ==, "pool-build scratch");
  click (widget (fixture, "start-button"));
  expect_label (fixture, "pool-state", "Active");
  wait_idle (fixture, "scratch");
  g_assert_cmpstr (vw_test_ops_last_command (&fixture->ops), ==, "pool-start scratch");
  click (widget (fixture, "autostart-switch"));
  expect_command (fixture, "pool-autostart scratch");
  g_assert_true (vw_test_wait_until (autostarts, pool (fixture, "scratch"), 5000));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (widget (fixture, "autostart-switch"))));
  g_assert_true (gtk_widget_get_visible (find_named (widget (fixture, "pool:scratch"), "autostart")));

  /* Undefining asks first, and only a stopped pool can be undefined. */
  click (widget (fixture, "stop-button"));
  expect_label (fixture, "pool-state", "Stopped");
  wait_idle (fixture, "scratch");
  click (widget (fixture, "undefine-button"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (vw_test_find_dialog (5000)), "/srv/scratch"));
  vw_test_respond_to_dialog ("ok");
  expect_widget (fixture, "pool:scratch", FALSE);
  g_assert_cmpstr (vw_test_ops_last_command (&fixture->ops), ==, "pool-undefine scratch");
  g_assert_true (vw_test_wait_until (is_mapped, widget (fixture, "pool:default"), 5000));
  g_assert_cmpuint (fixture->messages->len, ==, 0);
}

static void
test_delete_volume (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *row;

  open_pool (fixture, "default");
  row = widget (fixture, "volume:web01.qcow2");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  g_assert_true (vw_test_wait_until (is_mapped, find_named (row, "delete-button"), 5000));

  click (find_named (row, "delete-button"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (vw_test_find_dialog (5000)),
                            "/var/lib/libvirt/images/web01.qcow2"));
  vw_test_respond_to_dialog ("cancel");
  vw_test_wait_ms (100);
  g_assert_nonnull (find_named (fixture->page, "volume:web01.qcow2"));

  click (find_named (row, "delete-button"));
  vw_test_respond_to_dialog ("ok");
  expect_widget (fixture, "volume:web01.qcow2", FALSE);
  g_assert_cmpstr (vw_test_ops_last_command (&fixture->ops), ==, "vol-delete web01.qcow2 --pool default");
  g_assert_null (vw_pool_find_volume (pool (fixture, "default"), "web01.qcow2"));
}

static void
test_stop_start (Fixture       *fixture,
                 gconstpointer  data)
{
  guint n_volumes;

  open_pool (fixture, "isos");
  n_volumes = count_rows (fixture, "volume-list");
  g_assert_cmpuint (n_volumes, >, 0);

  click (widget (fixture, "stop-button"));
  expect_label (fixture, "pool-state", "Stopped");
  wait_idle (fixture, "isos");
  g_assert_cmpstr (vw_test_ops_last_command (&fixture->ops), ==, "pool-destroy isos");
  expect_rows (fixture, "volume-list", 0);
  g_assert_true (gtk_widget_is_visible (widget (fixture, "volume-placeholder")));
  g_assert_cmpstr (label_text (fixture, "volume-placeholder"), ==, "Start the pool to see its volumes.");
  g_assert_false (gtk_widget_is_sensitive (widget (fixture, "stop-button")));
  g_assert_true (gtk_widget_is_sensitive (widget (fixture, "undefine-button")));
  vw_test_save_screenshot (GTK_WIDGET (fixture->window), "storage-page-stopped.png");

  click (widget (fixture, "start-button"));
  expect_label (fixture, "pool-state", "Active");
  wait_idle (fixture, "isos");
  g_assert_cmpstr (vw_test_ops_last_command (&fixture->ops), ==, "pool-start isos");
  expect_rows (fixture, "volume-list", n_volumes);
  g_assert_false (gtk_widget_is_sensitive (widget (fixture, "undefine-button")));
}

static gboolean
has_message (gpointer data)
{
  return ((Fixture *) data)->messages->len > 0;
}

static void
test_resize_failure (Fixture       *fixture,
                     gconstpointer  data)
{
  AdwMessageDialog *dialog;
  const char *message;
  GtkWidget *row;

  open_pool (fixture, "default");
  row = widget (fixture, "volume:web01.qcow2");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  click (find_named (row, "resize-button"));
  dialog = vw_test_find_dialog (5000);
  /* A volume only grows. */
  type_into (dialog, "volume-size", "10G");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "resize"));
  g_assert_nonnull (strstr (dialog_label (dialog, "size-feedback"), "only grow"));
  type_into (dialog, "volume-size", "30G");
  vw_test_respond_to_dialog ("resize");

  /* The sandbox's test driver cannot resize: libvirt's message is shown. */
  g_assert_true (vw_test_wait_until (has_message, fixture, 5000));
  message = fixture->messages->pdata[0];
  g_test_message ("%s", message);
  g_assert_true (g_str_has_prefix (message, "Could not resize “web01.qcow2”: "));
  g_assert_nonnull (strstr (message, "not supported"));
  wait_idle (fixture, "default");
  g_assert_true (gtk_widget_is_sensitive (find_named (row, "resize-button")));
}

static void
test_no_connection (Fixture       *fixture,
                    gconstpointer  data)
{
  AdwStatusPage *status;

  open_pool (fixture, "default");
  vw_storage_page_set_connection (VW_STORAGE_PAGE (fixture->page), NULL);
  status = ADW_STATUS_PAGE (vw_test_find_widget (fixture->page, ADW_TYPE_STATUS_PAGE));
  g_assert_true (vw_test_wait_until (is_mapped, status, 5000));
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "No Connection");
  g_assert_cmpuint (count_rows (fixture, "pool-list"), ==, 0);
  g_assert_cmpuint (count_rows (fixture, "volume-list"), ==, 0);
  g_assert_false (gtk_widget_is_sensitive (widget (fixture, "new-pool-button")));

  vw_storage_page_set_connection (VW_STORAGE_PAGE (fixture->page), fixture->ops.connection);
  g_assert_true (vw_test_wait_until (is_mapped, widget (fixture, "pool:default"), 5000));
}

static GtkWidget *
find_in_toplevels (const char *name)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);
      GtkWidget *found = find_named (window, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
text_contains (gpointer data)
{
  gpointer *args = data;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (args[0]);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return strstr (text, args[1]) != NULL;
}

static gboolean
not_editing (gpointer data)
{
  return !vw_xml_editor_get_editing (data) || vw_xml_editor_get_error (data) != NULL;
}

static void
test_xml (Fixture       *fixture,
          gconstpointer  data)
{
  GtkWidget *view;
  VwXmlEditor *editor;
  gpointer args[2];

  open_pool (fixture, "default");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (widget (fixture, "volume:web01.qcow2")), TRUE);
  click (find_named (widget (fixture, "volume:web01.qcow2"), "xml-button"));
  view = find_in_toplevels ("volume-xml");
  g_assert_nonnull (view);
  args[0] = view;
  args[1] = "<name>web01.qcow2</name>";
  g_assert_true (vw_test_wait_until (text_contains, args, 5000));
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (view)));
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (view)));

  /* The pool's XML, which can be edited and redefined. */
  click (widget (fixture, "pool-xml-button"));
  editor = VW_XML_EDITOR (find_in_toplevels ("pool-xml"));
  g_assert_nonnull (editor);
  args[0] = vw_test_find_widget (GTK_WIDGET (editor), GTK_TYPE_TEXT_VIEW);
  args[1] = "<path>/var/lib/libvirt/images</path>";
  g_assert_true (vw_test_wait_until (text_contains, args, 5000));
  g_assert_null (vw_xml_editor_get_error (editor));
  /* An edit is defined as pool-edit would (after the diff, confirmed here). */
  vw_xml_editor_set_editing (editor, TRUE);
  {
    g_autofree char *text = vw_xml_editor_get_text (editor);
    g_autoptr(GString) edited = g_string_new (text);

    g_string_replace (edited, "/var/lib/libvirt/images", "/srv/images", 1);
    vw_xml_editor_set_text (editor, edited->str);
  }
  vw_xml_editor_apply (editor, TRUE);
  g_assert_true (vw_test_wait_until (not_editing, editor, 5000));
  g_assert_null (vw_xml_editor_get_error (editor));
  g_assert_true (g_str_has_prefix (vw_test_ops_last_command (&fixture->ops), "pool-define "));
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (editor))));
  g_assert_cmpuint (fixture->messages->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  vw_test_init (&argc, &argv);
  app = vw_test_ui_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  ADD ("/storage-page/pool-list", test_pool_list);
  ADD ("/storage-page/details", test_details);
  ADD ("/storage-page/create-volume", test_create_volume);
  ADD ("/storage-page/new-pool", test_new_pool);
  ADD ("/storage-page/delete-volume", test_delete_volume);
  ADD ("/storage-page/stop-start", test_stop_start);
  ADD ("/storage-page/resize-failure", test_resize_failure);
  ADD ("/storage-page/no-connection", test_no_connection);
  ADD ("/storage-page/xml", test_xml);
#undef ADD

  return g_test_run ();
}
