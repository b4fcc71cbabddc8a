/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "vw-exam-history.h"
#include "vw-exam.h"
#include "vw-fuzz.h"
#include "vw-paths.h"

/* The files of the practice exam: an exam in progress (resumed against the
 * shipped English bank) and the history of attempts. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char * const objectives[] = {
    "351.1", "351.2", "351.3", "351.4", "351.5", "352.1", "352.2", "352.3", "352.4",
    "353.1", "353.2", "353.3", "353.4", NULL
  };
  static VwQuestionBank *bank;
  g_autofree char *path = NULL;
  g_autoptr(VwExamSession) session = NULL;
  g_autoptr(VwExamHistory) history = NULL;

  vw_fuzz_setup ();
  if (bank == NULL)
    bank = vw_question_bank_load_default ("en", objectives);
  path = vw_fuzz_write_file ("exam.ini", data, size);
  session = vw_exam_session_resume (bank, path, NULL);
  if (session != NULL)
    {
      g_autoptr(VwExamResult) result = vw_exam_session_score (session);

      g_assert (result->score >= 200 && result->score <= 800);
      g_assert (vw_exam_session_get_current (session) < vw_exam_session_get_n_questions (session));
    }
  path = (g_free (path), vw_fuzz_write_file ("history.ini", data, size));
  history = vw_exam_history_new (path);
  vw_exam_history_load (history, NULL);
  for (guint i = 0; i < vw_exam_history_get_n (history); i++)
    g_assert (vw_exam_history_get (history, i)->total > 0);
  vw_exam_history_strength (history, "351.4");
  return 0;
}
