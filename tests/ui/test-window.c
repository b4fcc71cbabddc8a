/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>

#include "vw-application.h"
#include "vw-domain-row.h"
#include "vw-test-util.h"
#include "vw-ui-test-util.h"
#include "vw-window.h"
#include "vw-workspace.h"

/* The real window under Xvfb: objectives in the sidebar, the sandbox lab's
 * machines in the list, actions that change a row through libvirt events. */

static VwApplication *app;

static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  if (VW_IS_DOMAIN_ROW (widget) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (rows, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

static VwDomainRow *
find_row (VwWindow   *window,
          const char *name)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (GTK_WIDGET (window), rows);
  for (guint i = 0; i < rows->len; i++)
    {
      VwDomain *domain = vw_domain_row_get_domain (rows->pdata[i]);

      if (domain != NULL && g_strcmp0 (vw_domain_get_name (domain), name) == 0)
        return rows->pdata[i];
    }
  return NULL;
}

static guint
count_rows (VwWindow *window)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (GTK_WIDGET (window), rows);
  return rows->len;
}

static gboolean
has_five_rows (gpointer data)
{
  return count_rows (data) == 5;
}

typedef struct
{
  VwWindow *window;
  const char *name;
  const char *state;
} RowWait;

static gboolean
row_shows (gpointer data)
{
  RowWait *wait = data;
  VwDomainRow *row = find_row (wait->window, wait->name);

  /* The next action is enabled once the previous one has finished too. */
  return row != NULL && g_strcmp0 (vw_domain_row_get_state_text (row), wait->state) == 0
         && !vw_domain_get_busy (vw_domain_row_get_domain (row));
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static VwWindow *
open_window (const char *uri)
{
  VwWindow *window = vw_window_new (app, uri);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (vw_test_wait_until (is_mapped, window, 5000));
  return window;
}

static void
test_sandbox_window (void)
{
  VwWindow *window = open_window (NULL);
  VwLabPage *lab = vw_window_get_lab_page (window);
  VwNotesPage *notes = vw_window_get_notes_page (window);
  RowWait wait = { window, "db01", "Running" };
  VwDomainRow *row;

  /* The sandbox's five machines appear in the list. */
  g_assert_true (vw_test_wait_until (has_five_rows, window, 5000));
  row = find_row (window, "db01");
  g_assert_nonnull (row);
  g_assert_cmpstr (vw_domain_row_get_state_text (row), ==, "Shut off");
  g_assert_nonnull (find_row (window, "router"));
  g_assert_cmpstr (vw_domain_row_get_state_text (find_row (window, "router")), ==, "Paused");

  /* Selecting an objective through its action shows it in the notes pane. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.select-topic", "s", "351.4"));
  g_assert_cmpstr (vw_topic_get_id (vw_notes_page_get_topic (notes)), ==, "351.4");

  /* Start db01 from the lab and see its row change. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.select-domain", "s", "db01"));
  g_assert_cmpstr (vw_domain_get_name (vw_lab_page_get_selected_domain (lab)), ==, "db01");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (lab), "lab.start", NULL));
  g_assert_true (vw_test_wait_until (row_shows, &wait, 5000));

  /* Pause it, resume it, force it off. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (lab), "lab.suspend", NULL));
  wait.state = "Paused";
  g_assert_true (vw_test_wait_until (row_shows, &wait, 5000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (lab), "lab.resume", NULL));
  wait.state = "Running";
  g_assert_true (vw_test_wait_until (row_shows, &wait, 5000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (lab), "lab.destroy", NULL));
  /* Forcing off asks first. */
  vw_test_respond_to_dialog ("ok");
  wait.state = "Shut off";
  g_assert_true (vw_test_wait_until (row_shows, &wait, 5000));

  vw_test_wait_ms (300);
  vw_test_save_screenshot (GTK_WIDGET (window), "screenshot-window.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
has_message (gpointer data)
{
  return vw_lab_page_get_message (data) != NULL;
}

static void
check_falls_back (const char *uri,
                  const char *mentioned)
{
  VwWindow *window = open_window (uri);
  VwLabPage *lab = vw_window_get_lab_page (window);
  const char *message;

  g_assert_true (vw_test_wait_until (has_message, lab, 5000));
  message = vw_lab_page_get_message (lab);
  g_assert_nonnull (strstr (message, mentioned));
  g_assert_nonnull (strstr (message, "sandbox"));
  g_assert_true (vw_test_wait_until (has_five_rows, window, 5000));
  g_assert_nonnull (vw_lab_page_get_message (lab));
  g_assert_true (vw_connection_is_sandbox (vw_lab_page_get_connection (lab)));

  /* A wrong objective or machine name is reported and changes nothing. */
  g_assert_false (vw_window_select_topic (window, "999.9"));
  vw_window_select_domain (window, "no-such-machine");
  g_assert_nonnull (strstr (vw_lab_page_get_message (lab), "no-such-machine"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_bad_uri_falls_back (void)
{
  /* Refused before libvirt is asked, and refused by libvirt. */
  check_falls_back ("nosuchdriver:///nowhere", "nosuchdriver");
  check_falls_back ("test:///no/such/node.xml", "test:///no/such/node.xml");
}

static gboolean
is_stacked (gpointer data)
{
  return vw_workspace_get_stacked (data);
}

static void
test_narrow_and_view_modes (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.virtworkbench.Workbench");
  VwWindow *window;
  GtkPaned *paned;

  /* The remembered split is applied, and a moved split is remembered. */
  g_settings_set_int (settings, "split-position", 610);
  window = open_window (NULL);
  VwWorkspace *workspace = VW_WORKSPACE (vw_test_find_widget (GTK_WIDGET (window), VW_TYPE_WORKSPACE));
  AdwLeaflet *leaflet = ADW_LEAFLET (vw_test_find_widget (GTK_WIDGET (window), ADW_TYPE_LEAFLET));

  g_assert_true (vw_test_wait_until (has_five_rows, window, 5000));
  g_assert_false (vw_workspace_get_stacked (workspace));
  paned = GTK_PANED (vw_test_find_widget (GTK_WIDGET (workspace), GTK_TYPE_PANED));
  g_assert_cmpint (gtk_paned_get_position (paned), ==, 610);
  gtk_paned_set_position (paned, 480);
  g_assert_cmpint (g_settings_get_int (settings, "split-position"), ==, 480);
  g_assert_false (adw_leaflet_get_folded (leaflet));

  /* Notes alone, lab alone, both again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view-mode", "s", "notes"));
  vw_test_wait_ms (50);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (vw_window_get_notes_page (window))));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (vw_window_get_lab_page (window))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view-mode", "s", "lab"));
  vw_test_wait_ms (50);
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (vw_window_get_notes_page (window))));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (vw_window_get_lab_page (window))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view-mode", "s", "both"));

  /* A phone-sized window folds the sidebar and stacks the panes. */
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 760);
  g_assert_true (vw_test_wait_until (is_stacked, workspace, 5000));
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 760);
  vw_test_wait_ms (300);
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <, 720);
  vw_test_save_screenshot (GTK_WIDGET (window), "screenshot-narrow-sidebar.png");

  /* Choosing an objective shows the stacked notes and lab. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.select-topic", "s", "352.3"));
  vw_test_wait_ms (500);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (workspace)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (vw_window_get_lab_page (window))));
  vw_test_save_screenshot (GTK_WIDGET (window), "screenshot-narrow.png");

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  vw_test_init (&argc, &argv);
  app = vw_test_ui_init ();

  g_test_add_func ("/window/sandbox", test_sandbox_window);
  g_test_add_func ("/window/bad-uri", test_bad_uri_falls_back);
  g_test_add_func ("/window/narrow-and-view-modes", test_narrow_and_view_modes);

  ret = g_test_run ();
  g_clear_object (&app);
  return ret;
}
