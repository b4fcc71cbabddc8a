/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-question"

#include <string.h>

#include "vw-question-private.h"

static void
option_free (gpointer data)
{
  VwOption *option = data;

  g_free (option->text);
  g_free (option);
}

void
vw_question_free (VwQuestion *question)
{
  if (question == NULL)
    return;
  g_free (question->id);
  g_free (question->objective);
  g_free (question->section);
  g_free (question->text);
  g_clear_pointer (&question->options, g_ptr_array_unref);
  g_strfreev (question->answers);
  g_free (question->explanation);
  g_free (question);
}

GPtrArray *
vw_question_new_options (void)
{
  return g_ptr_array_new_with_free_func (option_free);
}

guint64
vw_question_correct_bits (const VwQuestion *question)
{
  guint64 bits = 0;

  for (guint i = 0; question->options != NULL && i < question->options->len && i < 64; i++)
    if (((VwOption *) question->options->pdata[i])->correct)
      bits |= G_GUINT64_CONSTANT (1) << i;
  return bits;
}

guint
vw_question_n_correct (const VwQuestion *question)
{
  return (guint) __builtin_popcountll (vw_question_correct_bits (question));
}

/* All or nothing, as on the exam: every correct option and no other. */
gboolean
vw_question_check_choice (const VwQuestion *question,
                          guint64           chosen)
{
  g_return_val_if_fail (question != NULL, FALSE);

  return question->type != VW_QUESTION_FILL && chosen != 0 && chosen == vw_question_correct_bits (question);
}

gboolean
vw_question_check_text (const VwQuestion *question,
                        const char       *text)
{
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (question != NULL, FALSE);

  if (question->type != VW_QUESTION_FILL || text == NULL)
    return FALSE;
  trimmed = g_strstrip (g_strdup (text));
  return *trimmed != '\0' && g_strv_contains ((const char * const *) question->answers, trimmed);
}
