/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-exam"

#include <glib/gi18n.h>
#include <string.h>

#include "vw-bookmark.h"
#include "vw-error.h"
#include "vw-exam.h"
#include "vw-file.h"

/* A practice exam in progress: the questions drawn, what the learner
 * answered and marked, and the deadline. Every change is written at once
 * (atomically) to the session file, so that a crash or a power cut
 * resumes the exam where it was:
 *
 *   [exam]
 *   ids=351.4-07;352.3-12;…
 *   started=1764403200          (seconds since 1970)
 *   deadline=1764408600         (0: untimed)
 *   current=12
 *   submitted=false
 *
 *   [answer 3]
 *   choice=5                    (bits of the options chosen)
 *   text=virsh net-autostart    (fill-in)
 *   marked=true
 *
 *   [format]
 *   version=1                   (last, so that a cut file reads as damaged)
 */

#define FORMAT_VERSION "1"

typedef struct
{
  guint64 choice;
  char *text;
  gboolean marked;
} Answer;

struct _VwExamSession
{
  GObject parent_instance;

  VwQuestionBank *bank;
  GPtrArray *questions;   /* const VwQuestion *, borrowed from the bank */
  Answer *answers;
  guint current;
  gint64 started;
  gint64 deadline;
  gboolean submitted;
  char *path;
  GError *save_error;
};

enum {
  PROP_0,
  PROP_N_ANSWERED,
  PROP_CURRENT,
  PROP_SUBMITTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (VwExamSession, vw_exam_session, G_TYPE_OBJECT)

/* ----- Drawing ----- */

GStrv
vw_exam_draw (VwQuestionBank     *bank,
              const VwExamQuota  *quotas,
              gsize               n_quotas,
              guint32             seed,
              GError            **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  g_return_val_if_fail (VW_IS_QUESTION_BANK (bank), NULL);

  for (gsize q = 0; q < n_quotas; q++)
    {
      g_autoptr(GPtrArray) pool = vw_question_bank_for_objective (bank, quotas[q].objective);

      if (pool->len < quotas[q].count)
        {
          g_set_error (error, VW_ERROR, VW_ERROR_NOT_FOUND,
                       _("Objective %s has %u questions, and the exam needs %u"), quotas[q].objective,
                       pool->len, quotas[q].count);
          return NULL;
        }
      /* The first count of a Fisher–Yates shuffle. */
      for (guint i = 0; i < quotas[q].count; i++)
        {
          guint j = (guint) g_rand_int_range (rand, (gint32) i, (gint32) pool->len);
          gpointer swap = pool->pdata[i];

          pool->pdata[i] = pool->pdata[j];
          pool->pdata[j] = swap;
          g_ptr_array_add (ids, ((VwQuestion *) pool->pdata[i])->id);
        }
    }
  for (guint i = ids->len; i > 1; i--)
    {
      guint j = (guint) g_rand_int_range (rand, 0, (gint32) i);
      gpointer swap = ids->pdata[i - 1];

      ids->pdata[i - 1] = ids->pdata[j];
      ids->pdata[j] = swap;
    }

  {
    GStrv out = g_new0 (char *, ids->len + 1);

    for (guint i = 0; i < ids->len; i++)
      out[i] = g_strdup (ids->pdata[i]);
    return out;
  }
}

/* ----- Results ----- */

void
vw_exam_result_free (VwExamResult *result)
{
  if (result == NULL)
    return;
  g_ptr_array_unref (result->objectives);
  g_free (result);
}

static void
objective_result_free (gpointer data)
{
  VwExamObjectiveResult *objective = data;

  g_free (objective->objective);
  g_free (objective);
}

static int
compare_objective_results (gconstpointer a,
                           gconstpointer b)
{
  return vw_objective_id_compare ((*(VwExamObjectiveResult * const *) a)->objective,
                                  (*(VwExamObjectiveResult * const *) b)->objective);
}

/* The exam's 200–800 scale, on which 500 passes: a straight line through
 * 200 for none right and 800 for all right. LPI does not publish how it
 * scales; this keeps "half right" at the pass mark. */
guint
vw_exam_scale_score (guint correct,
                     guint total)
{
  if (total == 0)
    return 200;
  /* Rounded to the nearest point, in integers. */
  return 200 + (600 * MIN (correct, total) + total / 2) / total;
}

/* ----- The session ----- */

static void
clear_answers (VwExamSession *self)
{
  for (guint i = 0; self->answers != NULL && i < self->questions->len; i++)
    g_free (self->answers[i].text);
  g_clear_pointer (&self->answers, g_free);
}

static void
vw_exam_session_finalize (GObject *object)
{
  VwExamSession *self = VW_EXAM_SESSION (object);

  clear_answers (self);
  g_ptr_array_unref (self->questions);
  g_clear_object (&self->bank);
  g_free (self->path);
  g_clear_error (&self->save_error);
  G_OBJECT_CLASS (vw_exam_session_parent_class)->finalize (object);
}

static void
vw_exam_session_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  VwExamSession *self = VW_EXAM_SESSION (object);

  switch (prop_id)
    {
    case PROP_N_ANSWERED:
      g_value_set_uint (value, vw_exam_session_get_n_answered (self));
      break;
    case PROP_CURRENT:
      g_value_set_uint (value, self->current);
      break;
    case PROP_SUBMITTED:
      g_value_set_boolean (value, self->submitted);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vw_exam_session_class_init (VwExamSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vw_exam_session_finalize;
  object_class->get_property = vw_exam_session_get_property;

  properties[PROP_N_ANSWERED] =
    g_param_spec_uint ("n-answered", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENT] =
    g_param_spec_uint ("current", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBMITTED] =
    g_param_spec_boolean ("submitted", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vw_exam_session_init (VwExamSession *self)
{
  self->questions = g_ptr_array_new ();
}

static char *
to_text (VwExamSession *self,
         gsize         *length)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; i < self->questions->len; i++)
    g_ptr_array_add (ids, ((VwQuestion *) self->questions->pdata[i])->id);
  g_key_file_set_string_list (file, "exam", "ids", (const char * const *) ids->pdata, ids->len);
  g_key_file_set_int64 (file, "exam", "started", self->started);
  g_key_file_set_int64 (file, "exam", "deadline", self->deadline);
  g_key_file_set_uint64 (file, "exam", "current", self->current);
  g_key_file_set_boolean (file, "exam", "submitted", self->submitted);
  for (guint i = 0; i < self->questions->len; i++)
    {
      Answer *answer = &self->answers[i];
      g_autofree char *group = NULL;

      if (answer->choice == 0 && answer->text == NULL && !answer->marked)
        continue;
      group = g_strdup_printf ("answer %u", i);
      if (answer->choice != 0)
        g_key_file_set_uint64 (file, group, "choice", answer->choice);
      if (answer->text != NULL)
        g_key_file_set_string (file, group, "text", answer->text);
      if (answer->marked)
        g_key_file_set_boolean (file, group, "marked", TRUE);
    }
  g_key_file_set_value (file, "format", "version", FORMAT_VERSION);
  return g_key_file_to_data (file, length, NULL);
}

static void
save (VwExamSession *self)
{
  g_autofree char *contents = NULL;
  gsize length;

  if (self->path == NULL)
    return;
  contents = to_text (self, &length);
  g_clear_error (&self->save_error);
  if (!vw_file_write_atomic (self->path, contents, (gssize) length, &self->save_error))
    g_warning ("The exam could not be saved: %s", self->save_error->message);
}

VwExamSession *
vw_exam_session_new (VwQuestionBank     *bank,
                     const char * const *ids,
                     guint               seconds,
                     const char         *path)
{
  VwExamSession *self;

  g_return_val_if_fail (VW_IS_QUESTION_BANK (bank), NULL);
  g_return_val_if_fail (ids != NULL, NULL);

  self = g_object_new (VW_TYPE_EXAM_SESSION, NULL);
  self->bank = g_object_ref (bank);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      const VwQuestion *question = vw_question_bank_lookup (bank, ids[i]);

      g_return_val_if_fail (question != NULL, self);
      g_ptr_array_add (self->questions, (gpointer) question);
    }
  self->answers = g_new0 (Answer, self->questions->len);
  self->started = g_get_real_time () / G_USEC_PER_SEC;
  self->deadline = seconds > 0 ? self->started + seconds : 0;
  self->path = g_strdup (path);
  save (self);
  return self;
}

VwExamSession *
vw_exam_session_resume (VwQuestionBank  *bank,
                        const char      *path,
                        GError         **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(VwExamSession) self = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *version = NULL;
  g_auto(GStrv) ids = NULL;

  g_return_val_if_fail (VW_IS_QUESTION_BANK (bank), NULL);

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &local_error)
      && local_error->domain != G_KEY_FILE_ERROR)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (local_error == NULL)
    {
      version = g_key_file_get_value (file, "format", "version", NULL);
      ids = g_key_file_get_string_list (file, "exam", "ids", NULL, NULL);
    }
  if (g_strcmp0 (version, FORMAT_VERSION) != 0 || ids == NULL || ids[0] == NULL)
    {
      g_set_error (error, VW_ERROR, VW_ERROR_INVALID_DATA, _("The saved exam %s is damaged"), path);
      return NULL;
    }
  for (guint i = 0; ids[i] != NULL; i++)
    if (vw_question_bank_lookup (bank, ids[i]) == NULL)
      {
        g_set_error (error, VW_ERROR, VW_ERROR_INVALID_DATA,
                     _("The saved exam %s asks question %s, which the bank no longer has"), path, ids[i]);
        return NULL;
      }

  self = vw_exam_session_new (bank, (const char * const *) ids, 0, NULL);
  self->started = g_key_file_get_int64 (file, "exam", "started", NULL);
  self->deadline = g_key_file_get_int64 (file, "exam", "deadline", NULL);
  self->current = MIN ((guint) g_key_file_get_uint64 (file, "exam", "current", NULL), self->questions->len - 1);
  self->submitted = g_key_file_get_boolean (file, "exam", "submitted", NULL);
  for (guint i = 0; i < self->questions->len; i++)
    {
      g_autofree char *group = g_strdup_printf ("answer %u", i);
      const VwQuestion *question = self->questions->pdata[i];
      guint64 mask = question->options->len >= 64 ? G_MAXUINT64
                                                  : (G_GUINT64_CONSTANT (1) << question->options->len) - 1;

      if (!g_key_file_has_group (file, group))
        continue;
      self->answers[i].choice = g_key_file_get_uint64 (file, group, "choice", NULL) & mask;
      self->answers[i].text = g_key_file_get_string (file, group, "text", NULL);
      self->answers[i].marked = g_key_file_get_boolean (file, group, "marked", NULL);
    }
  self->path = g_strdup (path);
  return g_steal_pointer (&self);
}

guint
vw_exam_session_get_n_questions (VwExamSession *self)
{
  g_return_val_if_fail (VW_IS_EXAM_SESSION (self), 0);
  return self->questions->len;
}

const VwQuestion *
vw_exam_session_get_question (VwExamSession *self,
                              guint          index)
{
  g_return_val_if_fail (VW_IS_EXAM_SESSION (self), NULL);
  g_return_val_if_fail (index < self->questions->len, NULL);
  return self->questions->pdata[index];
}

guint
vw_exam_session_get_current (VwExamSession *self)
{
  g_return_val_if_fail (VW_IS_EXAM_SESSION (self), 0);
  return self->current;
}

void
vw_exam_session_set_current (VwExamSession *self,
                             guint          index)
{
  g_return_if_fail (VW_IS_EXAM_SESSION (self));
  g_return_if_fail (index < self->questions->len);

  if (self->current == index)
    return;
  self->current = index;
  save (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
}

guint64
vw_exam_session_get_choice (VwExamSession *self,
                            guint          index)
{
  g_return_val_if_fail (VW_IS_EXAM_SESSION (self), 0);
  g_return_val_if_fail (index < self->questions->len, 0);
  return self->answers[index].choice;
}

static void
answer_changed (VwExamSession *self)
{
  save (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ANSWERED]);
}

void
vw_exam_session_set_choice (VwExamSession *self,
                            guint          index,
                            guint64        chosen)
{
  g_return_if_fail (VW_IS_EXAM_SESSION (self));
  g_return_if_fail (index < self->questions->len);

  if (self->submitted || self->answers[index].choice == chosen)
    return;
  self->answers[index].choice = chosen;
  answer_changed (self);
}

const char *
vw_exam_session_get_text (VwExamSession *self,
                          guint          index)
{
  g_return_val_if_fail (VW_IS_EXAM_SESSION (self), NULL);
  g_return_val_if_fail (index < self->questions->len, NULL);
  return self->answers[index].text;
}

void
vw_exam_session_set_text (VwExamSession *self,
                          guint          index,
                          const char    *text)
{
  g_return_if_fail (VW_IS_EXAM_SESSION (self));
  g_return_if_fail (index < self->questions->len);

  if (self->submitted || g_strcmp0 (self->answers[index].text, text) == 0)
    return;
  g_free (self->answers[index].text);
  self->answers[index].text = text != NULL && *text != '\0' ? g_strdup (text) : NULL;
  answer_changed (self);
}

gboolean
vw_exam_session_get_marked (VwExamSession *self,
                            guint          index)
{
  g_return_val_if_fail (VW_IS_EXAM_SESSION (self), FALSE);
  g_return_val_if_fail (index < self->questions->len, FALSE);
  return self->answers[index].marked;
}

void
vw_exam_session_set_marked (VwExamSession *self,
                            guint          index,
                            gboolean       marked)
{
  g_return_if_fail (VW_IS_EXAM_SESSION (self));
  g_return_if_fail (index < self->questions->len);

  if (self->answers[index].marked == !!marked)
    return;
  self->answers[index].marked = !!marked;
  save (self);
}

gboolean
vw_exam_session_is_answered (VwExamSession *self,
                             guint          index)
{
  g_return_val_if_fail (VW_IS_EXAM_SESSION (self), FALSE);
  g_return_val_if_fail (index < self->questions->len, FALSE);
  return self->answers[index].choice != 0 || self->answers[index].text != NULL;
}

gboolean
vw_exam_session_is_correct (VwExamSession *self,
                            guint          index)
{
  const VwQuestion *question;

  g_return_val_if_fail (VW_IS_EXAM_SESSION (self), FALSE);
  g_return_val_if_fail (index < self->questions->len, FALSE);

  question = self->questions->pdata[index];
  if (question->type == VW_QUESTION_FILL)
    return vw_question_check_text (question, self->answers[index].text);
  return vw_question_check_choice (question, self->answers[index].choice);
}

guint
vw_exam_session_get_n_answered (VwExamSession *self)
{
  guint n = 0;

  g_return_val_if_fail (VW_IS_EXAM_SESSION (self), 0);
  for (guint i = 0; i < self->questions->len; i++)
    n += vw_exam_session_is_answered (self, i) ? 1 : 0;
  return n;
}

guint
vw_exam_session_get_remaining (VwExamSession *self)
{
  gint64 now;

  g_return_val_if_fail (VW_IS_EXAM_SESSION (self), 0);
  if (self->deadline == 0)
    return G_MAXUINT;
  now = g_get_real_time () / G_USEC_PER_SEC;
  return now >= self->deadline ? 0 : (guint) (self->deadline - now);
}

gboolean
vw_exam_session_get_submitted (VwExamSession *self)
{
  g_return_val_if_fail (VW_IS_EXAM_SESSION (self), FALSE);
  return self->submitted;
}

VwExamResult *
vw_exam_session_score (VwExamSession *self)
{
  VwExamResult *result;
  g_autoptr(GHashTable) by_objective = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (VW_IS_EXAM_SESSION (self), NULL);

  result = g_new0 (VwExamResult, 1);
  result->objectives = g_ptr_array_new_with_free_func (objective_result_free);
  for (guint i = 0; i < self->questions->len; i++)
    {
      const VwQuestion *question = self->questions->pdata[i];
      VwExamObjectiveResult *objective = g_hash_table_lookup (by_objective, question->objective);
      gboolean correct = vw_exam_session_is_correct (self, i);

      if (objective == NULL)
        {
          objective = g_new0 (VwExamObjectiveResult, 1);
          objective->objective = g_strdup (question->objective);
          g_ptr_array_add (result->objectives, objective);
          g_hash_table_insert (by_objective, objective->objective, objective);
        }
      objective->total++;
      result->total++;
      if (correct)
        {
          objective->correct++;
          result->correct++;
        }
    }
  g_ptr_array_sort (result->objectives, compare_objective_results);
  result->score = vw_exam_scale_score (result->correct, result->total);
  result->passed = result->score >= VW_EXAM_PASS_SCORE;
  return result;
}

VwExamResult *
vw_exam_session_submit (VwExamSession *self)
{
  g_return_val_if_fail (VW_IS_EXAM_SESSION (self), NULL);

  if (!self->submitted)
    {
      self->submitted = TRUE;
      save (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBMITTED]);
    }
  return vw_exam_session_score (self);
}

const GError *
vw_exam_session_get_save_error (VwExamSession *self)
{
  g_return_val_if_fail (VW_IS_EXAM_SESSION (self), NULL);
  return self->save_error;
}
