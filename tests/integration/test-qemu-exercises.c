/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <libvirt/libvirt.h>
#include <string.h>
#include <unistd.h>

#include "vw-exercise-catalog.h"
#include "vw-exercise-run.h"
#include "vw-paths.h"
#include "vw-test-exercise.h"
#include "vw-test-util.h"

/* Every exercise that fits a QEMU connection, done on the real system
 * libvirtd by real virsh in another process, while the application's
 * VwExerciseRun follows the same daemon: each step must turn green within
 * a second, by libvirt's events when the change sends one, else when the
 * learner comes back to the window (what the exercise pane does on
 * "is-active"). The objects the exercises make are removed before and
 * after. */

#define QEMU_URI "qemu:///system"
#define STEP_MS 1000

static const char * const objectives[] = {
  "351.1", "351.2", "351.3", "351.4", "351.5", "352.1", "352.2", "352.3", "352.4",
  "353.1", "353.2", "353.3", "353.4", NULL
};

static VwExerciseCatalog *catalog;
static char *base_dir;

static gboolean
virsh (const char *files_dir,
       const char *command_line,
       gboolean    must)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_shell_parse_argv (command_line, NULL, &words, NULL));
  g_ptr_array_add (argv, "virsh");
  g_ptr_array_add (argv, "-c");
  g_ptr_array_add (argv, QEMU_URI);
  for (guint i = 1; words[i] != NULL; i++)
    g_ptr_array_add (argv, words[i]);
  g_ptr_array_add (argv, NULL);
  if (!g_spawn_sync (files_dir, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                     &status, &error)
      || !g_spawn_check_wait_status (status, &error))
    {
      if (must)
        g_error ("%s: %s", command_line, err ? err : error->message);
      return FALSE;
    }
  return TRUE;
}

/* Removes what an exercise makes, quietly: some of it is not there. */
static void
clean (VwExercise *exercise,
       GPtrArray  *refs)
{
  for (guint i = 0; i < refs->len; i++)
    {
      const VwLabRef *ref = refs->pdata[i];
      g_autofree char *name = g_shell_quote (ref->name);
      g_autofree char *parent = ref->parent ? g_shell_quote (ref->parent) : NULL;
      g_autofree char *a = NULL, *b = NULL, *c = NULL;

      /* The lab's own pools and networks stay; what the exercise named
       * in its solutions goes. */
      if (g_strcmp0 (ref->name, "default") == 0)
        continue;
      switch (ref->kind)
        {
        case VW_LAB_NETWORK:
          a = g_strdup_printf ("virsh net-destroy %s", name);
          b = g_strdup_printf ("virsh net-undefine %s", name);
          break;
        case VW_LAB_POOL:
          a = g_strdup_printf ("virsh pool-destroy %s", name);
          b = g_strdup_printf ("virsh pool-delete %s", name);
          c = g_strdup_printf ("virsh pool-undefine %s", name);
          break;
        case VW_LAB_VOLUME:
          a = g_strdup_printf ("virsh vol-delete --pool %s %s", parent, name);
          break;
        case VW_LAB_DOMAIN:
          a = g_strdup_printf ("virsh destroy %s", name);
          b = g_strdup_printf ("virsh undefine %s", name);
          break;
        case VW_LAB_FILTER:
          a = g_strdup_printf ("virsh nwfilter-undefine %s", name);
          break;
        case VW_LAB_SNAPSHOT:
        case VW_LAB_N_KINDS:
        default:
          break;
        }
      if (a != NULL)
        virsh (base_dir, a, FALSE);
      if (b != NULL)
        virsh (base_dir, b, FALSE);
      if (c != NULL)
        virsh (base_dir, c, FALSE);
    }
}

/* A host without a "default" pool gets a transient one under base_dir
 * for the time of the test. */
static gboolean
ensure_default_pool (void)
{
  g_autofree char *dir = g_build_filename (base_dir, "images", NULL);
  g_autofree char *command = NULL;
  g_autofree char *quoted = NULL;

  if (virsh (base_dir, "virsh pool-info default", FALSE))
    return FALSE;
  g_mkdir_with_parents (dir, 0755);
  quoted = g_shell_quote (dir);
  command = g_strdup_printf ("virsh pool-create-as default dir --target %s", quoted);
  virsh (base_dir, command, TRUE);
  return TRUE;
}

typedef struct
{
  VwExerciseRun *run;
  guint n_done;
  guint n_evaluations;
} Waiting;

static gboolean
reached (gpointer data)
{
  Waiting *waiting = data;

  return vw_exercise_run_get_n_evaluations (waiting->run) > waiting->n_evaluations
         && vw_exercise_run_get_n_done (waiting->run) >= waiting->n_done;
}

static void
test_exercise (gconstpointer data)
{
  VwExercise *exercise = vw_exercise_catalog_lookup (catalog, data);
  g_autoptr(GPtrArray) refs = vw_test_exercise_refs (exercise);
  g_autofree char *files = vw_test_exercise_files_dir (exercise);
  g_autoptr(VwConnection) connection = NULL;
  g_autoptr(VwExerciseRun) run = NULL;
  Waiting waiting = { 0 };

  clean (exercise, refs);
  connection = vw_test_open_connection (QEMU_URI);
  run = vw_exercise_run_new (exercise, connection);
  g_assert_true (vw_exercise_run_get_fits (run));
  waiting.run = run;
  g_assert_true (vw_test_wait_until (reached, &waiting, 10000));
  g_assert_null (vw_exercise_run_get_error (run));
  g_assert_cmpuint (vw_exercise_run_get_n_done (run), ==, 0);

  for (guint i = 0; i < vw_exercise_get_n_steps (exercise); i++)
    {
      const VwExerciseStep *step = vw_exercise_get_step (exercise, i);
      gint64 start;
      gboolean by_event;

      waiting.n_evaluations = vw_exercise_run_get_n_evaluations (run);
      waiting.n_done = i + 1;
      start = g_get_monotonic_time ();
      for (guint j = 0; j < step->solutions->len; j++)
        virsh (files, step->solutions->pdata[j], TRUE);
      by_event = vw_test_wait_until (reached, &waiting, STEP_MS);
      if (!by_event)
        {
          /* No event for this change (autostart, a volume): the learner's
           * return to the window checks again. */
          waiting.n_evaluations = vw_exercise_run_get_n_evaluations (run);
          start = g_get_monotonic_time ();
          vw_exercise_run_refresh (run);
          g_assert_true (vw_test_wait_until (reached, &waiting, STEP_MS));
        }
      g_assert_true (vw_exercise_run_get_step_done (run, i));
      g_test_message ("%s step %u: green after %.0f ms (%s)", vw_exercise_get_id (exercise), i + 1,
                      (g_get_monotonic_time () - start) / 1000.0,
                      by_event ? "libvirt event" : "back at the window");
    }
  g_assert_true (vw_exercise_run_get_complete (run));
  vw_exercise_run_stop (run);
  clean (exercise, refs);
  vw_test_remove_tree (files);
}

int
main (int   argc,
      char *argv[])
{
  GListModel *exercises;
  gboolean made_default;
  guint n_added = 0;
  int status;

  vw_test_init (&argc, &argv);
  if (!vw_test_require_libvirtd ())
    return 0;

  base_dir = g_strdup_printf ("/var/tmp/vw-it-ex-%d", (int) getpid ());
  g_mkdir_with_parents (base_dir, 0755);
  made_default = ensure_default_pool ();

  {
    g_autofree char *dir = vw_paths_data_file ("exercises", NULL);

    catalog = vw_exercise_catalog_load (dir, vw_paths_data_dir (), objectives, FALSE);
  }
  exercises = vw_exercise_catalog_get_exercises (catalog);
  for (guint i = 0; i < g_list_model_get_n_items (exercises); i++)
    {
      g_autoptr(VwExercise) exercise = g_list_model_get_item (exercises, i);
      g_autofree char *path = NULL;

      if (!(vw_exercise_get_fits (exercise) & VW_EXERCISE_FITS_QEMU))
        continue;
      path = g_strdup_printf ("/exercises-qemu/%s", vw_exercise_get_id (exercise));
      g_test_add_data_func (path, vw_exercise_get_id (exercise), test_exercise);
      n_added++;
    }
  g_assert_cmpuint (n_added, >=, 4);

  status = g_test_run ();
  if (made_default)
    virsh (base_dir, "virsh pool-destroy default", FALSE);
  vw_test_remove_tree (base_dir);
  g_clear_object (&catalog);
  g_free (base_dir);
  return status;
}
