/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-exam-history"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdlib.h>

#include "vw-error.h"
#include "vw-exam-history.h"
#include "vw-file.h"

/* The mock exams taken, oldest first, as a key file:
 *
 *   [attempt 1]
 *   time=1764403200
 *   score=640
 *   correct=40
 *   total=60
 *   objectives=351.1:4/6;351.4:7/9;…
 *
 *   [format]
 *   version=1       (last: a file cut short reads as damaged)
 */

#define FORMAT_VERSION "1"

struct _VwExamHistory
{
  GObject parent_instance;

  char *path;
  GPtrArray *attempts;  /* VwExamAttempt * */
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (VwExamHistory, vw_exam_history, G_TYPE_OBJECT)

static void
objective_free (gpointer data)
{
  VwExamObjectiveResult *objective = data;

  g_free (objective->objective);
  g_free (objective);
}

static void
attempt_free (gpointer data)
{
  VwExamAttempt *attempt = data;

  g_ptr_array_unref (attempt->objectives);
  g_free (attempt);
}

static void
vw_exam_history_finalize (GObject *object)
{
  VwExamHistory *self = VW_EXAM_HISTORY (object);

  g_free (self->path);
  g_ptr_array_unref (self->attempts);
  G_OBJECT_CLASS (vw_exam_history_parent_class)->finalize (object);
}

static void
vw_exam_history_class_init (VwExamHistoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vw_exam_history_finalize;

  /**
   * VwExamHistory::changed:
   *
   * An attempt was added, or the file was read.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
vw_exam_history_init (VwExamHistory *self)
{
  self->attempts = g_ptr_array_new_with_free_func (attempt_free);
}

VwExamHistory *
vw_exam_history_new (const char *path)
{
  VwExamHistory *self = g_object_new (VW_TYPE_EXAM_HISTORY, NULL);

  self->path = g_strdup (path);
  return self;
}

/* "351.1:4/6" */
static VwExamObjectiveResult *
parse_objective (const char *text)
{
  const char *colon = strchr (text, ':');
  char *end = NULL;
  VwExamObjectiveResult *objective;
  guint64 correct, total;

  if (colon == NULL || colon == text)
    return NULL;
  correct = g_ascii_strtoull (colon + 1, &end, 10);
  if (end == colon + 1 || *end != '/')
    return NULL;
  total = g_ascii_strtoull (end + 1, &end, 10);
  if (*end != '\0' || total == 0 || correct > total || total > 1000)
    return NULL;
  objective = g_new0 (VwExamObjectiveResult, 1);
  objective->objective = g_strndup (text, colon - text);
  objective->correct = (guint) correct;
  objective->total = (guint) total;
  return objective;
}

static VwExamAttempt *
parse_attempt (GKeyFile   *file,
               const char *group)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) objectives = NULL;
  VwExamAttempt *attempt = g_new0 (VwExamAttempt, 1);

  attempt->objectives = g_ptr_array_new_with_free_func (objective_free);
  attempt->time = g_key_file_get_int64 (file, group, "time", &error);
  if (error == NULL)
    attempt->score = (guint) g_key_file_get_uint64 (file, group, "score", &error);
  if (error == NULL)
    attempt->correct = (guint) g_key_file_get_uint64 (file, group, "correct", &error);
  if (error == NULL)
    attempt->total = (guint) g_key_file_get_uint64 (file, group, "total", &error);
  if (error == NULL)
    objectives = g_key_file_get_string_list (file, group, "objectives", NULL, &error);
  if (error != NULL || attempt->total == 0 || attempt->correct > attempt->total
      || attempt->score < 200 || attempt->score > 800)
    {
      attempt_free (attempt);
      return NULL;
    }
  for (guint i = 0; objectives[i] != NULL; i++)
    {
      VwExamObjectiveResult *objective = parse_objective (objectives[i]);

      if (objective != NULL)
        g_ptr_array_add (attempt->objectives, objective);
    }
  return attempt;
}

static int
compare_attempts (gconstpointer a,
                  gconstpointer b)
{
  gint64 ta = (*(VwExamAttempt * const *) a)->time;
  gint64 tb = (*(VwExamAttempt * const *) b)->time;

  return ta < tb ? -1 : ta > tb;
}

gboolean
vw_exam_history_load (VwExamHistory  *self,
                      GError        **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *version = NULL;
  g_auto(GStrv) groups = NULL;

  g_return_val_if_fail (VW_IS_EXAM_HISTORY (self), FALSE);

  g_ptr_array_set_size (self->attempts, 0);
  if (!g_key_file_load_from_file (file, self->path, G_KEY_FILE_NONE, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      if (local_error->domain == G_FILE_ERROR)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  else
    version = g_key_file_get_value (file, "format", "version", NULL);

  if (g_strcmp0 (version, FORMAT_VERSION) != 0)
    {
      g_autofree char *aside = g_strconcat (self->path, ".corrupt", NULL);

      if (g_rename (self->path, aside) != 0)
        g_set_error (error, VW_ERROR, VW_ERROR_INVALID_DATA,
                     _("The exam history “%s” is damaged and could not be moved aside: %s"), self->path,
                     g_strerror (errno));
      else
        g_set_error (error, VW_ERROR, VW_ERROR_INVALID_DATA,
                     _("The exam history “%s” is damaged; it was kept as “%s” and starts afresh"), self->path,
                     aside);
      g_signal_emit (self, signals[CHANGED], 0);
      return FALSE;
    }

  groups = g_key_file_get_groups (file, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    if (g_str_has_prefix (groups[i], "attempt "))
      {
        VwExamAttempt *attempt = parse_attempt (file, groups[i]);

        if (attempt != NULL)
          g_ptr_array_add (self->attempts, attempt);
        else
          g_message ("%s: [%s] skipped: a key is missing or invalid", self->path, groups[i]);
      }
  g_ptr_array_sort (self->attempts, compare_attempts);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

static char *
to_text (VwExamHistory *self,
         gsize         *length)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();

  for (guint i = 0; i < self->attempts->len; i++)
    {
      VwExamAttempt *attempt = self->attempts->pdata[i];
      g_autofree char *group = g_strdup_printf ("attempt %u", i + 1);
      g_autoptr(GPtrArray) objectives = g_ptr_array_new_with_free_func (g_free);

      g_key_file_set_int64 (file, group, "time", attempt->time);
      g_key_file_set_uint64 (file, group, "score", attempt->score);
      g_key_file_set_uint64 (file, group, "correct", attempt->correct);
      g_key_file_set_uint64 (file, group, "total", attempt->total);
      for (guint j = 0; j < attempt->objectives->len; j++)
        {
          VwExamObjectiveResult *objective = attempt->objectives->pdata[j];

          g_ptr_array_add (objectives, g_strdup_printf ("%s:%u/%u", objective->objective, objective->correct,
                                                        objective->total));
        }
      g_key_file_set_string_list (file, group, "objectives", (const char * const *) objectives->pdata,
                                  objectives->len);
    }
  g_key_file_set_value (file, "format", "version", FORMAT_VERSION);
  return g_key_file_to_data (file, length, NULL);
}

gboolean
vw_exam_history_add (VwExamHistory  *self,
                     gint64          time,
                     VwExamResult   *result,
                     GError        **error)
{
  VwExamAttempt *attempt;
  g_autofree char *contents = NULL;
  gsize length;

  g_return_val_if_fail (VW_IS_EXAM_HISTORY (self), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  attempt = g_new0 (VwExamAttempt, 1);
  attempt->time = time;
  attempt->score = result->score;
  attempt->correct = result->correct;
  attempt->total = result->total;
  attempt->objectives = g_ptr_array_new_with_free_func (objective_free);
  for (guint i = 0; i < result->objectives->len; i++)
    {
      VwExamObjectiveResult *from = result->objectives->pdata[i];
      VwExamObjectiveResult *copy = g_new0 (VwExamObjectiveResult, 1);

      copy->objective = g_strdup (from->objective);
      copy->correct = from->correct;
      copy->total = from->total;
      g_ptr_array_add (attempt->objectives, copy);
    }
  g_ptr_array_add (self->attempts, attempt);
  g_signal_emit (self, signals[CHANGED], 0);

  /* In memory even when the disk refuses: the learner sees it this time. */
  contents = to_text (self, &length);
  return vw_file_write_atomic (self->path, contents, (gssize) length, error);
}

guint
vw_exam_history_get_n (VwExamHistory *self)
{
  g_return_val_if_fail (VW_IS_EXAM_HISTORY (self), 0);
  return self->attempts->len;
}

const VwExamAttempt *
vw_exam_history_get (VwExamHistory *self,
                     guint          index)
{
  g_return_val_if_fail (VW_IS_EXAM_HISTORY (self), NULL);
  g_return_val_if_fail (index < self->attempts->len, NULL);
  return self->attempts->pdata[index];
}

double
vw_exam_history_strength (VwExamHistory *self,
                          const char    *objective)
{
  guint correct = 0, total = 0;

  g_return_val_if_fail (VW_IS_EXAM_HISTORY (self), -1);

  for (guint i = 0; i < self->attempts->len; i++)
    {
      VwExamAttempt *attempt = self->attempts->pdata[i];

      for (guint j = 0; j < attempt->objectives->len; j++)
        {
          VwExamObjectiveResult *result = attempt->objectives->pdata[j];

          if (g_strcmp0 (result->objective, objective) == 0)
            {
              correct += result->correct;
              total += result->total;
            }
        }
    }
  return total > 0 ? (double) correct / total : -1;
}
