/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <libvirt/libvirt.h>
#include <string.h>

#include "vw-connection-private.h"
#include "vw-exercise-catalog.h"
#include "vw-exercise-parse.h"
#include "vw-exercise-run.h"
#include "vw-lab-reader.h"
#include "vw-network.h"
#include "vw-virt-object.h"
#include "vw-paths.h"
#include "vw-sandbox.h"
#include "vw-test-exercise.h"
#include "vw-test-util.h"

static const char * const objectives[] = {
  "351.1", "351.2", "351.3", "351.4", "351.5", "352.1", "352.2", "352.3", "352.4",
  "353.1", "353.2", "353.3", "353.4", NULL
};

static VwExerciseCatalog *catalog;

static VwExerciseCatalog *
load_shipped (void)
{
  g_autofree char *dir = vw_paths_data_file ("exercises", NULL);

  return vw_exercise_catalog_load (dir, vw_paths_data_dir (), objectives, FALSE);
}

static void
test_catalog (void)
{
  GListModel *exercises = vw_exercise_catalog_get_exercises (catalog);
  const char * const *errors = vw_exercise_catalog_get_errors (catalog);
  guint per_objective[5] = { 0 };
  guint n = g_list_model_get_n_items (exercises);
  guint n_sandbox = 0;

  for (guint i = 0; errors[i] != NULL; i++)
    g_printerr ("%s\n", errors[i]);
  g_assert_cmpuint (g_strv_length ((GStrv) errors), ==, 0);
  g_assert_cmpuint (n, >=, 40);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VwExercise) exercise = g_list_model_get_item (exercises, i);
      const char *objective = vw_exercise_get_objective (exercise);

      g_assert_true (g_str_has_prefix (objective, "351."));
      per_objective[objective[4] - '1']++;
      g_assert_true (vw_exercise_get_fits (exercise) != 0);
      n_sandbox += (vw_exercise_get_fits (exercise) & VW_EXERCISE_FITS_SANDBOX) ? 1 : 0;
      g_assert_true (g_file_test (vw_exercise_get_start (exercise), G_FILE_TEST_IS_REGULAR));
    }
  /* All but a few (network filters: the test driver has none) can be
   * done, and checked, in the sandbox. */
  g_assert_cmpuint (n_sandbox, >=, 40);
  g_test_message ("351.1 %u, 351.2 %u, 351.3 %u, 351.4 %u, 351.5 %u", per_objective[0], per_objective[1],
                  per_objective[2], per_objective[3], per_objective[4]);
  /* 351.2 (Xen) has nothing a QEMU or test lab can check. */
  g_assert_cmpuint (per_objective[0], >, 0);
  g_assert_cmpuint (per_objective[2], >, 0);
  g_assert_cmpuint (per_objective[4], >, 0);
  for (guint o = 0; o < 5; o++)
    if (o != 3)
      g_assert_cmpuint (per_objective[3], >, per_objective[o]);
}

static char *
start_uri (VwExercise *exercise)
{
  return vw_sandbox_uri_for_path (vw_exercise_get_start (exercise));
}

static void
assert_steps (GArray     *done,
              VwExercise *exercise,
              guint       n_true,
              const char *when)
{
  g_assert_nonnull (done);
  for (guint i = 0; i < done->len; i++)
    if (g_array_index (done, gboolean, i) != (i < n_true))
      g_error ("%s: step %u (line %d) is %s %s", vw_exercise_get_id (exercise), i + 1,
               vw_exercise_get_step (exercise, i)->line, g_array_index (done, gboolean, i) ? "done" : "not done",
               when);
}

/* Starting state: no step done. Then each step's solution through the
 * API: that step and those before it are done, the later ones are not. */
/* An exercise for QEMU only is left to the integration suite
 * (test-qemu-exercises), which runs it on the system libvirtd. */
static gboolean
sandbox_cannot_run (VwExercise *exercise)
{
  if (vw_exercise_get_fits (exercise) & VW_EXERCISE_FITS_SANDBOX)
    return FALSE;
  g_test_skip ("fits QEMU only: tests/integration/test-qemu-exercises.c runs it on the system libvirtd");
  return TRUE;
}

static void
test_solution_api (gconstpointer data)
{
  VwExercise *exercise = vw_exercise_catalog_lookup (catalog, data);
  g_autofree char *uri = start_uri (exercise);
  g_autofree char *files = vw_test_exercise_files_dir (exercise);
  virConnectPtr conn = virConnectOpen (uri);
  g_autoptr(VwLabReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) done = NULL;
  guint n_steps = vw_exercise_get_n_steps (exercise);

  if (sandbox_cannot_run (exercise))
    {
      virConnectClose (conn);
      vw_test_remove_tree (files);
      return;
    }
  g_assert_nonnull (conn);
  reader = vw_lab_reader_new_for_virconn (conn);
  done = vw_exercise_evaluate (exercise, reader, &error);
  g_assert_no_error (error);
  assert_steps (done, exercise, 0, "at the start");

  for (guint i = 0; i < n_steps; i++)
    {
      const VwExerciseStep *step = vw_exercise_get_step (exercise, i);
      g_autoptr(GArray) after = NULL;

      for (guint j = 0; j < step->solutions->len; j++)
        {
          vw_test_apply_solution_api (conn, step->solutions->pdata[j], files, &error);
          g_assert_no_error (error);
        }
      after = vw_exercise_evaluate (exercise, reader, &error);
      g_assert_no_error (error);
      assert_steps (after, exercise, i + 1, "after the API solution");
    }
  virConnectClose (conn);
  vw_test_remove_tree (files);
}

/* The same with real virsh: the starting state read by virsh shows no
 * step done, and after virsh runs every solution, all are. */
static void
test_solution_virsh (gconstpointer data)
{
  VwExercise *exercise = vw_exercise_catalog_lookup (catalog, data);
  g_autofree char *uri = start_uri (exercise);
  g_autofree char *files = vw_test_exercise_files_dir (exercise);
  g_autoptr(GPtrArray) refs = vw_test_exercise_refs (exercise);
  g_autoptr(GPtrArray) solutions = g_ptr_array_new ();
  g_autoptr(VwLabReader) before = NULL;
  g_autoptr(VwLabReader) after = NULL;
  g_autofree char *transcript = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) done = NULL;

  if (sandbox_cannot_run (exercise))
    {
      vw_test_remove_tree (files);
      return;
    }
  before = vw_test_virsh_session_run (uri, NULL, refs, files, NULL, &error);
  g_assert_no_error (error);
  done = vw_exercise_evaluate (exercise, before, &error);
  g_assert_no_error (error);
  assert_steps (done, exercise, 0, "at the start (read by virsh)");
  g_clear_pointer (&done, g_array_unref);

  for (guint i = 0; i < vw_exercise_get_n_steps (exercise); i++)
    g_ptr_array_extend (solutions, vw_exercise_get_step (exercise, i)->solutions, NULL, NULL);
  after = vw_test_virsh_session_run (uri, solutions, refs, files, &transcript, &error);
  if (error != NULL)
    g_printerr ("%s\n", transcript ? transcript : "");
  g_assert_no_error (error);
  done = vw_exercise_evaluate (exercise, after, &error);
  g_assert_no_error (error);
  if (vw_exercise_get_n_steps (exercise) > 0 && !g_array_index (done, gboolean, done->len - 1))
    g_printerr ("%s\n", transcript);
  assert_steps (done, exercise, vw_exercise_get_n_steps (exercise), "after virsh ran the solutions");
  vw_test_remove_tree (files);
}

/* Every solution's subcommand and options are virsh's own. */
static void
test_solutions_are_virsh (void)
{
  GListModel *exercises = vw_exercise_catalog_get_exercises (catalog);
  g_autoptr(GHashTable) help = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < g_list_model_get_n_items (exercises); i++)
    {
      g_autoptr(VwExercise) exercise = g_list_model_get_item (exercises, i);

      for (guint s = 0; s < vw_exercise_get_n_steps (exercise); s++)
        {
          const VwExerciseStep *step = vw_exercise_get_step (exercise, s);

          for (guint j = 0; j < step->solutions->len; j++)
            {
              g_auto(GStrv) argv = NULL;
              const char *text;

              g_assert_true (g_shell_parse_argv (step->solutions->pdata[j], NULL, &argv, NULL));
              if (!g_hash_table_contains (help, argv[1]))
                {
                  g_autofree char *out = NULL;
                  g_autofree char *err = NULL;
                  int status = 0;
                  const char *cmd[] = { "virsh", "help", argv[1], NULL };

                  g_assert_true (g_spawn_sync (NULL, (char **) cmd, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                               &out, &err, &status, NULL));
                  if (!g_spawn_check_wait_status (status, NULL))
                    g_error ("%s: “%s” is not a virsh command", vw_exercise_get_id (exercise), argv[1]);
                  g_hash_table_insert (help, g_strdup (argv[1]), g_steal_pointer (&out));
                }
              text = g_hash_table_lookup (help, argv[1]);
              for (guint a = 2; argv[a] != NULL; a++)
                if (g_str_has_prefix (argv[a], "--"))
                  {
                    g_autofree char *option = g_strconcat (argv[a], " ", NULL);
                    g_autofree char *option_end = g_strconcat (argv[a], "\n", NULL);
                    g_autofree char *option_angle = g_strconcat (argv[a], " <", NULL);

                    if (strstr (text, option) == NULL && strstr (text, option_end) == NULL
                        && strstr (text, option_angle) == NULL)
                      g_error ("%s: virsh %s has no option %s", vw_exercise_get_id (exercise), argv[1], argv[a]);
                  }
            }
        }
    }
  g_assert_cmpuint (g_hash_table_size (help), >=, 15);
}

typedef struct
{
  const char *name;
  const char *text;
  const char *expected;  /* in the message after "FILE:" */
} Broken;

static const Broken broken_files[] = {
  { "unclosed", "<exercise id=\"unclosed\">\n  <title>x</title>\n  <goal>y\n</exercise>\n", ":4: Opening and ending tag mismatch" },
  { "not-xml", "this is not XML\n", ":1: " },
  { "wrong-root", "<?xml version=\"1.0\"?>\n<lesson/>\n", ":2: the document is not an <exercise>" },
  { "bad-objective",
    "<exercise id=\"bad-objective\" objective=\"999.9\" connections=\"sandbox\">\n"
    "  <title>t</title><goal>g</goal>\n</exercise>\n", ":1: “999.9” is not an objective" },
  { "unknown-element",
    "<exercise id=\"unknown-element\" objective=\"351.4\" connections=\"sandbox\">\n"
    "  <title>t</title><goal>g</goal>\n  <step>\n    <task>a</task><hint>b</hint>\n"
    "    <solution>virsh start db01</solution>\n    <check><domain name=\"db01\" state=\"running\"/></check>\n"
    "    <answer>no</answer>\n  </step>\n</exercise>\n", ":7: <answer> does not belong in a <step>" },
  { "unknown-domain",
    "<exercise id=\"unknown-domain\" objective=\"351.4\" connections=\"sandbox\">\n"
    "  <title>t</title><goal>g</goal>\n  <step>\n    <task>a</task><hint>b</hint>\n"
    "    <solution>virsh start db01</solution>\n    <check>\n"
    "      <domain name=\"web99\" state=\"running\"/>\n    </check>\n  </step>\n</exercise>\n",
    ":7: the check names the domain “web99”" },
  { "unknown-snapshot-domain",
    "<exercise id=\"unknown-snapshot-domain\" objective=\"351.4\" connections=\"sandbox\">\n"
    "  <title>t</title><goal>g</goal>\n  <step>\n    <task>a</task><hint>b</hint>\n"
    "    <solution>virsh snapshot-create-as web01 s1</solution>\n    <check>\n"
    "      <snapshot domain=\"nosuch\" name=\"s1\"/>\n    </check>\n  </step>\n</exercise>\n",
    ":7: the check names the domain “nosuch”" },
  { "bad-state",
    "<exercise id=\"bad-state\" objective=\"351.4\" connections=\"sandbox\">\n"
    "  <title>t</title><goal>g</goal>\n  <step>\n    <task>a</task><hint>b</hint>\n"
    "    <solution>virsh start db01</solution>\n    <check>\n"
    "      <domain name=\"db01\" state=\"flying\"/>\n    </check>\n  </step>\n</exercise>\n",
    ":7: “flying” is not a machine state" },
  { "bad-xpath",
    "<exercise id=\"bad-xpath\" objective=\"351.4\" connections=\"sandbox\">\n"
    "  <title>t</title><goal>g</goal>\n  <step>\n    <task>a</task><hint>b</hint>\n"
    "    <solution>virsh start db01</solution>\n    <check>\n"
    "      <xpath object=\"domain\" name=\"db01\" test=\"/domain[[\"/>\n    </check>\n  </step>\n</exercise>\n",
    ":7: “/domain[[” is not a valid XPath expression" },
  { "bad-attribute",
    "<exercise id=\"bad-attribute\" objective=\"351.4\" connections=\"sandbox\">\n"
    "  <title>t</title><goal>g</goal>\n  <step>\n    <task>a</task><hint>b</hint>\n"
    "    <solution>virsh start db01</solution>\n    <check>\n"
    "      <network name=\"default\" colour=\"blue\"/>\n    </check>\n  </step>\n</exercise>\n",
    ":7: <network> has no attribute “colour”" },
  { "shell-solution",
    "<exercise id=\"shell-solution\" objective=\"351.4\" connections=\"sandbox\">\n"
    "  <title>t</title><goal>g</goal>\n  <step>\n    <task>a</task><hint>b</hint>\n"
    "    <solution>rm -rf /</solution>\n    <check><domain name=\"db01\"/></check>\n  </step>\n</exercise>\n",
    ":5: a solution is a virsh command" },
  { "wrong-file-name",
    "<exercise id=\"another-id\" objective=\"351.4\" connections=\"sandbox\">\n</exercise>\n",
    ":1: the exercise “another-id” must be in a file named" },
  { "no-steps",
    "<exercise id=\"no-steps\" objective=\"351.4\" connections=\"sandbox\">\n"
    "  <title>t</title><goal>g</goal>\n</exercise>\n", ":1: an exercise needs at least one <step>" },
};

/* Broken files are refused with their file and line; the good one in the
 * same folder still loads. */
static void
test_malformed (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vw-exercises-XXXXXX", &error);
  g_autofree char *good_path = g_build_filename (dir, "good.exercise.xml", NULL);
  g_autoptr(VwExerciseCatalog) loaded = NULL;
  const char * const *errors;
  VwExercise *good;

  g_assert_no_error (error);
  g_file_set_contents (good_path,
                       "<exercise id=\"good\" objective=\"351.4\" connections=\"sandbox\">\n"
                       "  <title>Start db01</title><goal>g</goal>\n  <step>\n    <task>a</task><hint>b</hint>\n"
                       "    <solution>virsh start db01</solution>\n"
                       "    <check><domain name=\"db01\" state=\"running\"/></check>\n  </step>\n</exercise>\n",
                       -1, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (broken_files); i++)
    {
      g_autofree char *name = g_strconcat (broken_files[i].name, ".exercise.xml", NULL);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_file_set_contents (path, broken_files[i].text, -1, &error);
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (broken_files); i++)
    g_test_expect_message ("vw-exercise-catalog", G_LOG_LEVEL_WARNING, "*");
  loaded = vw_exercise_catalog_load (dir, vw_paths_data_dir (), objectives, FALSE);
  g_test_assert_expected_messages ();
  errors = vw_exercise_catalog_get_errors (loaded);
  g_assert_cmpuint (g_strv_length ((GStrv) errors), ==, G_N_ELEMENTS (broken_files));
  for (guint i = 0; i < G_N_ELEMENTS (broken_files); i++)
    {
      g_autofree char *name = g_strconcat (broken_files[i].name, ".exercise.xml", NULL);
      g_autofree char *prefix = g_build_filename (dir, name, NULL);
      gboolean found = FALSE;

      for (guint e = 0; errors[e] != NULL && !found; e++)
        found = g_str_has_prefix (errors[e], prefix) && strstr (errors[e], broken_files[i].expected) != NULL;
      if (!found)
        {
          for (guint e = 0; errors[e] != NULL; e++)
            g_printerr ("%s\n", errors[e]);
          g_error ("no message for %s with “%s”", name, broken_files[i].expected);
        }
    }
  g_assert_cmpuint (g_list_model_get_n_items (vw_exercise_catalog_get_exercises (loaded)), ==, 1);
  good = vw_exercise_catalog_lookup (loaded, "good");
  g_assert_nonnull (good);
  g_assert_cmpstr (vw_exercise_get_title (good), ==, "Start db01");
  vw_test_remove_tree (dir);
}

/* The text the app looks up is the msgid xgettext extracts. */
static void
test_msgid (void)
{
  g_autofree char *a = vw_exercise_msgid ("\n    Take   a\n    snapshot & <revert>  ");

  g_assert_cmpstr (a, ==, "Take a snapshot &amp; &lt;revert&gt;");
}

/* The msgids of @po_file that have a translation, read with msgcat so
 * that each string is on one line. */
static GHashTable *
translated_msgids (const char *po_file)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *argv[] = { "msgcat", "--no-wrap", "-o", "-", po_file, NULL };
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  char *msgid = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
                               &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      gboolean is_id = g_str_has_prefix (lines[i], "msgid \"");
      gboolean is_str = g_str_has_prefix (lines[i], "msgstr \"") || g_str_has_prefix (lines[i], "msgstr[0] \"");

      if (is_id || is_str)
        {
          const char *start = strchr (lines[i], '"') + 1;
          g_autofree char *quoted = g_strndup (start, strlen (start) - 1);
          char *text = g_strcompress (quoted);

          if (is_id)
            {
              g_free (msgid);
              msgid = text;
            }
          else
            {
              if (msgid != NULL && *text != '\0')
                g_hash_table_add (table, g_steal_pointer (&msgid));
              g_free (text);
            }
        }
    }
  g_free (msgid);
  return table;
}

/* The text the app looks up at run time, for every translatable element
 * of every exercise, has a translation in each language: what xgettext
 * extracted and what the parser asks gettext for are the same strings. */
static void
test_translations (void)
{
  static const char * const languages[] = { "fr", "pt_BR" };
  GListModel *exercises = vw_exercise_catalog_get_exercises (catalog);
  guint n_checked = 0;

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      g_autofree char *name = g_strconcat (languages[l], ".po", NULL);
      g_autofree char *po = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", "po", name, NULL);
      g_autoptr(GHashTable) translated = translated_msgids (po);

      for (guint i = 0; i < g_list_model_get_n_items (exercises); i++)
        {
          g_autoptr(VwExercise) exercise = g_list_model_get_item (exercises, i);
          g_autoptr(GPtrArray) texts = g_ptr_array_new ();

          g_ptr_array_add (texts, (gpointer) vw_exercise_get_title (exercise));
          g_ptr_array_add (texts, (gpointer) vw_exercise_get_goal (exercise));
          for (guint s = 0; s < vw_exercise_get_n_steps (exercise); s++)
            {
              g_ptr_array_add (texts, vw_exercise_get_step (exercise, s)->task);
              g_ptr_array_add (texts, vw_exercise_get_step (exercise, s)->hint);
            }
          for (guint t = 0; t < texts->len; t++)
            {
              g_autofree char *msgid = vw_exercise_msgid (texts->pdata[t]);

              if (!g_hash_table_contains (translated, msgid))
                g_error ("%s: %s has no translation of “%s”", vw_exercise_get_id (exercise), name, msgid);
              n_checked++;
            }
        }
    }
  g_test_message ("%u exercise texts translated", n_checked);
  g_assert_cmpuint (n_checked, >=, 2 * 40 * 4);
}

typedef struct
{
  VwExerciseRun *run;
  guint n_evaluations;
} Waiting;

static gboolean
evaluated_since (gpointer data)
{
  Waiting *waiting = data;

  return vw_exercise_run_get_n_evaluations (waiting->run) > waiting->n_evaluations;
}

static gboolean
n_done_reached (gpointer data)
{
  Waiting *waiting = data;

  return vw_exercise_run_get_n_done (waiting->run) >= waiting->n_evaluations;
}

static gboolean
has_study_network (gpointer data)
{
  GListModel *networks = vw_connection_get_networks (data);

  for (guint i = 0; i < g_list_model_get_n_items (networks); i++)
    {
      g_autoptr(VwNetwork) network = g_list_model_get_item (networks, i);

      if (g_strcmp0 (vw_virt_object_get_name (VW_VIRT_OBJECT (network)), "study") == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
step_two_undone (gpointer data)
{
  Waiting *waiting = data;

  return !vw_exercise_run_get_step_done (waiting->run, 1);
}

static void
apply_on_connection (VwConnection *connection,
                     const char   *command,
                     const char   *files)
{
  virConnectPtr conn = vw_connection_ref_virconn (connection);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (conn);
  vw_test_apply_solution_api (conn, command, files, &error);
  g_assert_no_error (error);
  virConnectClose (conn);
}

/* A run on the learner's sandbox turns a step green within a second of
 * the change, made by a client of the same connection that is not the lab
 * (libvirt's events, no polling), and follows a step undone again. */
static void
test_run_follows_events (void)
{
  VwExercise *exercise = vw_exercise_catalog_lookup (catalog, "network-define-isolated");
  g_autoptr(GError) error = NULL;
  g_autofree char *node = vw_sandbox_get_node_path ();
  g_autofree char *contents = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *files = NULL;
  g_autoptr(VwConnection) connection = NULL;
  g_autoptr(VwExerciseRun) run = NULL;
  Waiting waiting = { 0 };
  gint64 start;

  g_assert_nonnull (exercise);
  g_file_get_contents (vw_exercise_get_start (exercise), &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (vw_sandbox_reset (&error));
  g_assert_no_error (error);
  uri = vw_sandbox_get_uri ();
  connection = vw_test_open_connection (uri);
  g_assert_true (vw_connection_is_sandbox (connection));
  files = vw_test_exercise_files_dir (exercise);

  run = vw_exercise_run_new (exercise, connection);
  waiting.run = run;
  g_assert_true (vw_exercise_run_get_fits (run));
  g_assert_true (vw_test_wait_until (evaluated_since, &waiting, 5000));
  g_assert_cmpuint (vw_exercise_run_get_n_done (run), ==, 0);
  g_assert_false (vw_exercise_run_get_complete (run));

  /* Define and start: events from a client that is not the lab. */
  for (guint i = 0; i < 2; i++)
    {
      const VwExerciseStep *step = vw_exercise_get_step (exercise, i);
      Waiting done = { run, i + 1 };

      start = g_get_monotonic_time ();
      for (guint j = 0; j < step->solutions->len; j++)
        apply_on_connection (connection, step->solutions->pdata[j], files);
      g_assert_true (vw_test_wait_until (n_done_reached, &done, 1000));
      g_test_message ("step %u turned green after %.0f ms", i + 1, (g_get_monotonic_time () - start) / 1000.0);
    }

  /* Autostart sends no libvirt event: done through the lab, the lab's own
   * record of the change is what re-checks. */
  {
    Waiting done = { run, 3 };
    VwNetwork *network = NULL;
    GListModel *networks = vw_connection_get_networks (connection);

    g_assert_true (vw_test_wait_until (has_study_network, connection, 2000));
    for (guint i = 0; i < g_list_model_get_n_items (networks) && network == NULL; i++)
      {
        g_autoptr(VwNetwork) candidate = g_list_model_get_item (networks, i);

        if (g_strcmp0 (vw_virt_object_get_name (VW_VIRT_OBJECT (candidate)), "study") == 0)
          network = candidate;
      }
    start = g_get_monotonic_time ();
    vw_network_set_autostart_async (network, TRUE, NULL, NULL, NULL);
    g_assert_true (vw_test_wait_until (n_done_reached, &done, 1000));
    g_test_message ("step 3 turned green after %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
  }
  g_assert_true (vw_exercise_run_get_complete (run));

  /* Stopping the network undoes step 2: the run follows. */
  apply_on_connection (connection, "virsh net-destroy study", files);
  {
    Waiting undone = { run, 0 };

    g_assert_true (vw_test_wait_until (step_two_undone, &undone, 1000));
  }
  g_assert_false (vw_exercise_run_get_complete (run));
  g_assert_true (vw_exercise_run_get_step_done (run, 0));

  /* A lost connection is said, not taken for undone steps. */
  vw_connection_close (connection);
  waiting.n_evaluations = vw_exercise_run_get_n_evaluations (run);
  vw_exercise_run_refresh (run);
  g_assert_true (vw_test_wait_until (evaluated_since, &waiting, 2000));
  g_assert_nonnull (vw_exercise_run_get_error (run));
  g_assert_false (vw_exercise_run_get_complete (run));
  vw_exercise_run_stop (run);
  vw_test_remove_tree (files);
}

int
main (int   argc,
      char *argv[])
{
  GListModel *exercises;
  int status;

  vw_test_init (&argc, &argv);
  catalog = load_shipped ();
  exercises = vw_exercise_catalog_get_exercises (catalog);

  g_test_add_func ("/exercises/catalog", test_catalog);
  g_test_add_func ("/exercises/msgid", test_msgid);
  g_test_add_func ("/exercises/malformed", test_malformed);
  g_test_add_func ("/exercises/solutions-are-virsh", test_solutions_are_virsh);
  g_test_add_func ("/exercises/translations", test_translations);
  g_test_add_func ("/exercises/run-follows-events", test_run_follows_events);
  for (guint i = 0; i < g_list_model_get_n_items (exercises); i++)
    {
      g_autoptr(VwExercise) exercise = g_list_model_get_item (exercises, i);
      const char *id = vw_exercise_get_id (exercise);
      g_autofree char *api = g_strdup_printf ("/exercises/api/%s", id);
      g_autofree char *virsh = g_strdup_printf ("/exercises/virsh/%s", id);

      g_test_add_data_func (api, id, test_solution_api);
      g_test_add_data_func (virsh, id, test_solution_virsh);
    }
  status = g_test_run ();
  g_clear_object (&catalog);
  return status;
}
