/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>

#include "vw-fuzz.h"
#include "vw-question-bank.h"

/* A question file, as the exam reads it. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char * const objectives[] = { "351.4", NULL };
  g_autofree char *dir = g_build_filename (vw_fuzz_setup (), "en", NULL);
  g_autofree char *path = g_build_filename (dir, "351.4.xml", NULL);
  g_autoptr(VwQuestionBank) bank = NULL;

  g_mkdir_with_parents (dir, 0700);
  g_assert (g_file_set_contents (path, (const char *) data, (gssize) size, NULL));
  bank = vw_question_bank_load (vw_fuzz_setup (), "en", objectives);
  /* Whatever was kept is a whole question. */
  {
    g_autoptr(GPtrArray) questions = vw_question_bank_for_objective (bank, "351.4");

    for (guint i = 0; i < questions->len; i++)
      {
        const VwQuestion *question = questions->pdata[i];

        g_assert (question->text != NULL && question->explanation != NULL);
        g_assert (question->type == VW_QUESTION_FILL ? question->answers[0] != NULL
                                                     : vw_question_n_correct (question) >= 1);
      }
  }
  return 0;
}
