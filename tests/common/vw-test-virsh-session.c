/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-test-virsh-session"

#include <libvirt/libvirt.h>
#include <string.h>

#include "vw-test-exercise.h"

/* The second way the exercise tests apply a solution: real virsh. The
 * test driver keeps its state in the virsh process, so one virsh runs the
 * solution and then reads every object the checks look at (dominfo,
 * dumpxml, net-info…), each answer between markers; the checks are then
 * evaluated on what virsh printed, by the same code as in the app. */

typedef struct
{
  VwLabReader parent;
  GHashTable *answers;  /* "Q<i>.<j>" → text */
  GPtrArray *refs;      /* VwLabRef *, in query order */
} SessionReader;

static const char *
answer (SessionReader *self,
        guint          query,
        guint          part)
{
  g_autofree char *key = g_strdup_printf ("Q%u.%u", query, part);

  return g_hash_table_lookup (self->answers, key);
}

static gboolean
failed (const char *text)
{
  return text == NULL || g_str_has_prefix (text, "error:") || strstr (text, "\nerror:") != NULL;
}

/* "Autostart:      yes" → 1 */
static int
field_bool (const char *text,
            const char *field)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], field) && lines[i][strlen (field)] == ':')
      {
        const char *value = g_strstrip (lines[i] + strlen (field) + 1);

        return strcmp (value, "yes") == 0 || strcmp (value, "enable") == 0 || strcmp (value, "running") == 0;
      }
  return -1;
}

static int
field_state (const char *text)
{
  static const char * const names[] = {
    [VIR_DOMAIN_NOSTATE] = "no state", [VIR_DOMAIN_RUNNING] = "running", [VIR_DOMAIN_BLOCKED] = "idle",
    [VIR_DOMAIN_PAUSED] = "paused", [VIR_DOMAIN_SHUTDOWN] = "in shutdown", [VIR_DOMAIN_SHUTOFF] = "shut off",
    [VIR_DOMAIN_CRASHED] = "crashed", [VIR_DOMAIN_PMSUSPENDED] = "pmsuspended",
  };
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "State:"))
      {
        const char *value = g_strstrip (lines[i] + strlen ("State:"));

        for (guint s = 0; s < G_N_ELEMENTS (names); s++)
          if (strcmp (names[s], value) == 0)
            return (int) s;
      }
  return -1;
}

static gboolean
same_ref (const VwLabRef *a,
          const VwLabRef *b)
{
  return a->kind == b->kind && a->inactive == b->inactive && g_strcmp0 (a->name, b->name) == 0
         && g_strcmp0 (a->parent, b->parent) == 0;
}

static gboolean
session_read (VwLabReader     *reader,
              const VwLabRef  *ref,
              VwLabFacts      *facts,
              GError         **error)
{
  SessionReader *self = (SessionReader *) reader;
  const char *info, *xml, *current;
  guint q;

  for (q = 0; q < self->refs->len; q++)
    if (same_ref (self->refs->pdata[q], ref))
      break;
  g_assert_cmpuint (q, <, self->refs->len);

  info = answer (self, q, 0);
  xml = answer (self, q, 1);
  current = answer (self, q, 2);
  facts->exists = !failed (xml);
  if (!facts->exists)
    return TRUE;
  facts->xml = g_strdup (xml);
  switch (ref->kind)
    {
    case VW_LAB_DOMAIN:
      facts->state = field_state (info);
      facts->persistent = field_bool (info, "Persistent");
      facts->autostart = field_bool (info, "Autostart");
      facts->managed_save = field_bool (info, "Managed save");
      if (!failed (current))
        facts->current_snapshot = g_strstrip (g_strdup (current));
      break;
    case VW_LAB_SNAPSHOT:
      {
        g_autofree char *name = failed (current) ? NULL : g_strstrip (g_strdup (current));

        facts->current = g_strcmp0 (name, ref->name) == 0;
        break;
      }
    case VW_LAB_NETWORK:
      facts->active = field_bool (info, "Active");
      facts->persistent = field_bool (info, "Persistent");
      facts->autostart = field_bool (info, "Autostart");
      break;
    case VW_LAB_POOL:
      facts->active = field_bool (info, "State");
      facts->persistent = field_bool (info, "Persistent");
      facts->autostart = field_bool (info, "Autostart");
      break;
    case VW_LAB_VOLUME:
    case VW_LAB_FILTER:
    case VW_LAB_N_KINDS:
    default:
      break;
    }
  return TRUE;
}

static void
session_free (VwLabReader *reader)
{
  SessionReader *self = (SessionReader *) reader;

  g_hash_table_unref (self->answers);
  g_ptr_array_unref (self->refs);
  g_free (self);
}

/* The virsh commands that read @ref: its facts, its XML, and (domains,
 * snapshots) the domain's current snapshot. */
static void
add_queries (GString        *script,
             guint           q,
             const VwLabRef *ref)
{
  g_autofree char *name = g_shell_quote (ref->name);
  g_autofree char *parent = ref->parent ? g_shell_quote (ref->parent) : NULL;
  const char *inactive = ref->inactive ? " --inactive" : "";
  const char *queries[3] = { "echo", "echo", "echo" };
  g_autofree char *q0 = NULL, *q1 = NULL, *q2 = NULL;

  switch (ref->kind)
    {
    case VW_LAB_DOMAIN:
      q0 = g_strdup_printf ("dominfo %s", name);
      q1 = g_strdup_printf ("dumpxml %s%s", name, inactive);
      q2 = g_strdup_printf ("snapshot-current %s --name", name);
      break;
    case VW_LAB_SNAPSHOT:
      q1 = g_strdup_printf ("snapshot-dumpxml %s %s", parent, name);
      q2 = g_strdup_printf ("snapshot-current %s --name", parent);
      break;
    case VW_LAB_NETWORK:
      q0 = g_strdup_printf ("net-info %s", name);
      q1 = g_strdup_printf ("net-dumpxml %s%s", name, inactive);
      break;
    case VW_LAB_POOL:
      q0 = g_strdup_printf ("pool-info %s", name);
      q1 = g_strdup_printf ("pool-dumpxml %s%s", name, inactive);
      break;
    case VW_LAB_VOLUME:
      q1 = g_strdup_printf ("vol-dumpxml --pool %s %s", parent, name);
      break;
    case VW_LAB_FILTER:
      q1 = g_strdup_printf ("nwfilter-dumpxml %s", name);
      break;
    case VW_LAB_N_KINDS:
    default:
      g_assert_not_reached ();
    }
  queries[0] = q0 ? q0 : "echo";
  queries[1] = q1;
  queries[2] = q2 ? q2 : "echo";
  for (guint part = 0; part < 3; part++)
    g_string_append_printf (script, " ; echo @@Q%u.%u@@ ; %s", q, part, queries[part]);
}

#define SESSION_TIMEOUT_S 10
#define SESSION_ATTEMPTS 3

static gboolean
cancel_session (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

/* Splits "…@@S0@@…@@Q0.0@@text@@Q0.1@@text…" into its answers. */
static GHashTable *
split_answers (const char *output)
{
  GHashTable *answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) parts = g_strsplit (output, "@@", -1);

  for (guint i = 1; parts[i] != NULL && parts[i + 1] != NULL; i += 2)
    g_hash_table_insert (answers, g_strdup (parts[i]), g_strdup (parts[i + 1]));
  return answers;
}

VwLabReader *
vw_test_virsh_session_run (const char          *uri,
                           GPtrArray           *solutions,
                           GPtrArray           *refs,
                           const char          *files_dir,
                           char               **transcript,
                           GError             **error)
{
  g_autoptr(GString) script = g_string_new ("echo @@BEGIN@@");
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                                                       | G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *output = NULL;
  g_autoptr(GHashTable) answers = NULL;
  SessionReader *self;

  for (guint i = 0; solutions != NULL && i < solutions->len; i++)
    {
      const char *line = solutions->pdata[i];

      g_assert_true (g_str_has_prefix (line, "virsh "));
      g_string_append_printf (script, " ; %s ; echo @@S%u@@", line + strlen ("virsh "), i);
    }
  for (guint q = 0; q < refs->len; q++)
    add_queries (script, q, refs->pdata[q]);
  g_string_append (script, " ; echo @@END@@");

  /* stdbuf keeps virsh's output and errors in the order they happen. */
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C", TRUE);
  g_subprocess_launcher_set_cwd (launcher, files_dir);
  for (guint attempt = 1; output == NULL; attempt++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GError) local_error = NULL;
      guint timeout;

      process = g_subprocess_launcher_spawn (launcher, error, "stdbuf", "-o0", "-e0", "virsh", "-q", "-c", uri,
                                             script->str, NULL);
      if (process == NULL)
        return NULL;
      /* virsh 9.0 now and then never returns from the loop that watches a
       * job (managedsave, save) that the test driver finished at once: the
       * run starts again, from the same node file, in a new process. */
      timeout = g_timeout_add_seconds (SESSION_TIMEOUT_S, cancel_session, cancellable);
      if (!g_subprocess_communicate_utf8 (process, NULL, cancellable, &output, NULL, &local_error))
        {
          g_subprocess_force_exit (process);
          g_clear_object (&process);
          if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || attempt == SESSION_ATTEMPTS)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          g_test_message ("virsh hung (attempt %u): running the session again", attempt);
          continue;
        }
      g_source_remove (timeout);
    }

  answers = split_answers (output);
  for (guint i = 0; solutions != NULL && i < solutions->len; i++)
    {
      const char *text = NULL;
      g_autofree char *key = NULL;

      /* The solution's own output is the answer of the marker before it. */
      key = i == 0 ? g_strdup ("BEGIN") : g_strdup_printf ("S%u", i - 1);
      text = g_hash_table_lookup (answers, key);
      if (text == NULL || strstr (text, "error:") != NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "virsh %s failed: %s",
                       (char *) solutions->pdata[i] + strlen ("virsh "), text ? text : "(no output)");
          if (transcript != NULL)
            *transcript = g_steal_pointer (&output);
          return NULL;
        }
    }
  if (!g_hash_table_contains (answers, "END") && strstr (output, "@@END@@") == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "virsh stopped early: %s", output);
      return NULL;
    }

  self = g_new0 (SessionReader, 1);
  self->parent.read = session_read;
  self->parent.free = session_free;
  self->answers = g_steal_pointer (&answers);
  self->refs = g_ptr_array_ref (refs);
  if (transcript != NULL)
    *transcript = g_steal_pointer (&output);
  return &self->parent;
}

GPtrArray *
vw_test_exercise_refs (VwExercise *exercise)
{
  GPtrArray *refs = g_ptr_array_new ();

  for (guint i = 0; i < vw_exercise_get_n_steps (exercise); i++)
    {
      const VwExerciseStep *step = vw_exercise_get_step (exercise, i);

      for (guint j = 0; j < step->conditions->len; j++)
        {
          const VwLabRef *ref = vw_condition_get_ref (step->conditions->pdata[j]);
          gboolean seen = FALSE;

          for (guint k = 0; k < refs->len && !seen; k++)
            seen = same_ref (refs->pdata[k], ref);
          if (!seen)
            g_ptr_array_add (refs, (gpointer) ref);
        }
    }
  return refs;
}

char *
vw_test_exercise_files_dir (VwExercise *exercise)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("vw-exercise-XXXXXX", &error);

  g_assert_no_error (error);
  for (guint i = 0; i < vw_exercise_get_n_files (exercise); i++)
    {
      const VwExerciseFile *file = vw_exercise_get_file (exercise, i);
      g_autofree char *path = g_build_filename (dir, file->name, NULL);

      g_file_set_contents (path, file->contents, -1, &error);
      g_assert_no_error (error);
    }
  return dir;
}
