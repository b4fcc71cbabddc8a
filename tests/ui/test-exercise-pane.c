/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>

#include "vw-application.h"
#include "vw-connection-private.h"
#include "vw-domain.h"
#include "vw-exercises-pane.h"
#include "vw-lab-page.h"
#include "vw-paths.h"
#include "vw-test-exercise.h"
#include "vw-test-util.h"
#include "vw-ui-test-util.h"
#include "vw-window.h"

/* The exercise pane in a real window: an objective lists its exercises;
 * one opens beside the lab; a step done on the lab's connection by
 * another client turns green; a finished exercise is kept in the
 * learner's progress and marked in the list; "Reset Exercise" puts the
 * sandbox back to the exercise's start and the marks follow; "Try in Lab"
 * offers the exercise that practises the command. */

static VwApplication *app;

static gboolean
is_connected (gpointer data)
{
  VwConnection *connection = vw_lab_page_get_connection (data);

  return connection != NULL && vw_connection_get_status (connection) == VW_CONNECTION_STATUS_CONNECTED;
}

typedef struct
{
  VwExercisesPane *pane;
  guint n_done;
  guint n_evaluations;
} Waiting;

static gboolean
n_done_is (gpointer data)
{
  Waiting *waiting = data;
  VwExerciseRun *run = vw_exercises_pane_get_run (waiting->pane);

  return run != NULL && vw_exercise_run_get_n_evaluations (run) > waiting->n_evaluations
         && vw_exercise_run_get_n_done (run) == waiting->n_done;
}

static guint
count_icons (GtkWidget  *widget,
             const char *icon_name)
{
  guint n = 0;

  if (GTK_IS_IMAGE (widget) && g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (widget)), icon_name) == 0
      && gtk_widget_get_mapped (widget))
    n++;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_icons (child, icon_name);
  return n;
}

static void
apply (VwLabPage  *lab,
       const char *command,
       const char *files)
{
  virConnectPtr conn = vw_connection_ref_virconn (vw_lab_page_get_connection (lab));
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (conn);
  vw_test_apply_solution_api (conn, command, files, &error);
  g_assert_no_error (error);
  virConnectClose (conn);
}

static guint
evaluations (VwExercisesPane *pane)
{
  VwExerciseRun *run = vw_exercises_pane_get_run (pane);

  return run != NULL ? vw_exercise_run_get_n_evaluations (run) : 0;
}

static void
test_pane (void)
{
  VwWindow *window = vw_window_new (app, NULL);
  VwLabPage *lab = vw_window_get_lab_page (window);
  VwExercisesPane *pane = VW_EXERCISES_PANE (vw_window_get_exercises_pane (window));
  VwExerciseCatalog *catalog = vw_application_get_exercises (app);
  VwExercise *exercise = vw_exercise_catalog_lookup (catalog, "snapshot-before-change");
  VwProgress *progress = vw_application_get_progress (app);
  g_autofree char *files = NULL;
  g_autofree char *saved = NULL;
  Waiting waiting = { pane, 0, 0 };

  g_assert_nonnull (exercise);
  files = vw_test_exercise_files_dir (exercise);
  vw_test_present (GTK_WINDOW (window), 1280, 800);
  g_assert_true (vw_test_wait_until (is_connected, lab, 5000));

  /* The objective's list: every exercise of 351.4, none marked done. */
  g_assert_true (vw_window_select_topic (window, "351.4"));
  g_assert_cmpuint (vw_exercises_pane_get_n_listed (pane), >=, 15);
  g_assert_cmpuint (count_icons (GTK_WIDGET (pane), "object-select-symbolic"), ==, 0);
  /* 351.2 (Xen) has none and says why. */
  g_assert_true (vw_window_select_topic (window, "351.2"));
  g_assert_cmpuint (vw_exercises_pane_get_n_listed (pane), ==, 0);

  /* Opened from its id: the objective, the pane and both panes shown. */
  g_assert_true (vw_window_open_exercise (window, "snapshot-before-change"));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (pane)));
  g_assert_nonnull (vw_exercises_pane_get_run (pane));
  g_assert_true (vw_test_wait_until (n_done_is, &waiting, 5000));
  g_assert_cmpuint (count_icons (GTK_WIDGET (pane), "radio-symbolic"), ==, vw_exercise_get_n_steps (exercise));

  /* Step 1 through the lab, as a learner clicking: its own record of the
   * change re-checks. */
  waiting.n_evaluations = evaluations (pane);
  waiting.n_done = 1;
  vw_domain_create_snapshot_async (vw_connection_find_domain (vw_lab_page_get_connection (lab), "web01"),
                                   "before-upgrade", "Before the nginx upgrade", NULL, NULL, NULL);
  g_assert_true (vw_test_wait_until (n_done_is, &waiting, 1000));
  g_assert_cmpuint (count_icons (GTK_WIDGET (pane), "object-select-symbolic"), ==, 1);

  /* Step 2 by another client (virsh in a terminal): libvirt sends no
   * event for a new snapshot, so the check runs when the learner comes
   * back to the window, which the pane follows through is-active. */
  waiting.n_evaluations = evaluations (pane);
  waiting.n_done = 2;
  apply (lab, vw_exercise_get_step (exercise, 1)->solutions->pdata[0], files);
  g_object_notify (G_OBJECT (window), "is-active");
  if (!gtk_window_is_active (GTK_WINDOW (window)))
    {
      /* Xvfb has no window manager to give focus: do what the handler does. */
      vw_exercise_run_refresh (vw_exercises_pane_get_run (pane));
    }
  g_assert_true (vw_test_wait_until (n_done_is, &waiting, 1000));
  g_assert_cmpuint (count_icons (GTK_WIDGET (pane), "object-select-symbolic"), ==, 2);
  vw_test_save_screenshot (GTK_WIDGET (window), "screenshot-exercise-done.png");

  /* Complete: kept in the progress file, marked in the list. */
  g_assert_true (vw_exercise_run_get_complete (vw_exercises_pane_get_run (pane)));
  g_assert_true (vw_progress_is_exercise_done (progress, "snapshot-before-change"));
  g_assert_true (vw_progress_flush (progress, NULL));
  g_assert_true (g_file_get_contents (vw_progress_get_path (progress), &saved, NULL, NULL));
  g_assert_nonnull (strstr (saved, "snapshot-before-change"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "exercises.show-list", NULL));
  vw_test_wait_ms (500);
  g_assert_cmpuint (count_icons (GTK_WIDGET (pane), "object-select-symbolic"), >=, 1);

  /* Reset: the sandbox is the exercise's start again and no step holds. */
  g_assert_true (vw_window_open_exercise (window, "snapshot-before-change"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "exercises.reset", NULL));
  vw_test_respond_to_dialog ("ok");
  g_assert_true (vw_test_wait_until (is_connected, lab, 5000));
  waiting.n_evaluations = 0;
  waiting.n_done = 0;
  g_assert_true (vw_test_wait_until (n_done_is, &waiting, 5000));
  vw_test_wait_ms (500);   /* the slide from the list is over */
  g_assert_cmpuint (count_icons (GTK_WIDGET (pane), "object-select-symbolic"), ==, 0);
  /* Completion stays: it was earned. */
  g_assert_true (vw_progress_is_exercise_done (progress, "snapshot-before-change"));

  /* Try in Lab on a command an exercise practises offers it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.try-in-lab", "s",
                                             "virsh net-autostart labnet"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-exercise", "s",
                                             "network-define-isolated"));
  g_assert_nonnull (vw_exercises_pane_get_run (pane));
  g_assert_cmpstr (vw_exercise_get_id (vw_exercise_run_get_exercise (vw_exercises_pane_get_run (pane))), ==,
                   "network-define-isolated");
  vw_test_save_screenshot (GTK_WIDGET (window), "screenshot-exercise.png");

  gtk_window_destroy (GTK_WINDOW (window));
  vw_test_remove_tree (files);
}

static gboolean
has_label_with (GtkWidget  *widget,
                const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget)
      && strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label_with (child, text))
      return TRUE;
  return FALSE;
}

/* A broken exercise file is named in the pane, with its line; the good
 * ones are listed. */
static void
test_broken_file (void)
{
  static const char * const ids[] = { "351.4", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vw-pane-XXXXXX", &error);
  g_autofree char *broken = g_build_filename (dir, "broken.exercise.xml", NULL);
  g_autofree char *good = g_build_filename (dir, "good.exercise.xml", NULL);
  g_autoptr(VwExerciseCatalog) catalog = NULL;
  GtkWidget *window = gtk_window_new ();
  VwExercisesPane *pane = g_object_new (VW_TYPE_EXERCISES_PANE, NULL);

  g_assert_no_error (error);
  g_file_set_contents (broken, "<exercise id=\"broken\">\n  <title>\n</exercise>\n", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (good,
                       "<exercise id=\"good\" objective=\"351.4\" connections=\"sandbox\">\n"
                       "  <title>Start db01</title><goal>g</goal>\n  <step>\n    <task>a</task><hint>b</hint>\n"
                       "    <solution>virsh start db01</solution>\n"
                       "    <check><domain name=\"db01\" state=\"running\"/></check>\n  </step>\n</exercise>\n",
                       -1, &error);
  g_assert_no_error (error);
  g_test_expect_message ("vw-exercise-catalog", G_LOG_LEVEL_WARNING, "*broken.exercise.xml:3*");
  catalog = vw_exercise_catalog_load (dir, vw_paths_data_dir (), ids, FALSE);
  g_test_assert_expected_messages ();

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (pane));
  vw_test_present (GTK_WINDOW (window), 600, 600);
  vw_exercises_pane_set_objective (pane, "351.4");
  vw_exercises_pane_set_catalog (pane, catalog, NULL);
  vw_test_wait_ms (100);
  g_assert_cmpuint (vw_exercises_pane_get_n_listed (pane), ==, 1);
  g_assert_true (has_label_with (GTK_WIDGET (pane), "broken.exercise.xml:3"));
  g_assert_true (has_label_with (GTK_WIDGET (pane), "Exercises for 351.4"));
  gtk_window_destroy (GTK_WINDOW (window));
  vw_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  vw_test_init (&argc, &argv);
  app = vw_test_ui_init ();

  g_test_add_func ("/exercise-pane/steps-progress-reset", test_pane);
  g_test_add_func ("/exercise-pane/broken-file", test_broken_file);

  ret = g_test_run ();
  g_clear_object (&app);
  return ret;
}
