/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <string.h>

#include "vw-error.h"
#include "vw-exam-history.h"
#include "vw-exam.h"
#include "vw-notes-library.h"
#include "vw-paths.h"
#include "vw-question-bank.h"
#include "vw-test-util.h"
#include "vw-topic-list.h"

/* The practice exam's engine: the question bank as shipped (every
 * objective covered in proportion, each question linked to a section of
 * its notes, the translations equal in structure), the draw (in
 * proportion to the weights, the same for the same seed), the scoring
 * (all or nothing, on the 200–800 scale), an exam resumed after a crash
 * with every answer, and the history of attempts. */

static GListModel *topics;

static VwExamQuota *
weight_quotas (guint *n)
{
  VwExamQuota *quotas = g_new0 (VwExamQuota, g_list_model_get_n_items (topics));

  *n = g_list_model_get_n_items (topics);
  for (guint i = 0; i < *n; i++)
    {
      g_autoptr(VwTopic) topic = g_list_model_get_item (topics, i);

      quotas[i].objective = vw_topic_get_id (topic);
      quotas[i].count = vw_topic_get_weight (topic);
    }
  return quotas;
}

/* ----- A small bank of our own, for exact checks ----- */

static char *
small_bank (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("vw-bank-XXXXXX", &error);
  g_autofree char *en = g_build_filename (dir, "en", NULL);
  GString *xml = g_string_new ("<questions objective=\"351.4\">\n");
  g_autofree char *path = g_build_filename (en, "351.4.xml", NULL);

  g_assert_no_error (error);
  g_mkdir_with_parents (en, 0755);
  for (guint i = 1; i <= 8; i++)
    g_string_append_printf (xml,
                            "  <question id=\"351.4-%02u\" type=\"single\" section=\"snapshots\">\n"
                            "    <text>Question %u</text>\n"
                            "    <option>wrong</option><option correct=\"yes\">right</option><option>no</option>\n"
                            "    <explanation>Because.</explanation>\n  </question>\n", i, i);
  g_string_append (xml,
                   "  <question id=\"351.4-09\" type=\"multiple\" section=\"snapshots\">\n"
                   "    <text>Pick two</text>\n"
                   "    <option correct=\"yes\">a</option><option>b</option><option correct=\"yes\">c</option>\n"
                   "    <option>d</option><option>e</option>\n"
                   "    <explanation>a and c.</explanation>\n  </question>\n"
                   "  <question id=\"351.4-10\" type=\"fill\" section=\"virtual-networks\">\n"
                   "    <text>Type it</text>\n    <answer>net-autostart</answer>\n"
                   "    <answer>virsh net-autostart</answer>\n"
                   "    <explanation>It sets the flag.</explanation>\n  </question>\n</questions>\n");
  g_file_set_contents (path, xml->str, -1, &error);
  g_assert_no_error (error);
  g_string_free (xml, TRUE);
  return dir;
}

static void
test_check_answers (void)
{
  static const char * const ids[] = { "351.4", NULL };
  g_autofree char *dir = small_bank ();
  g_autoptr(VwQuestionBank) bank = vw_question_bank_load (dir, "fr", ids);
  const VwQuestion *single = vw_question_bank_lookup (bank, "351.4-01");
  const VwQuestion *multiple = vw_question_bank_lookup (bank, "351.4-09");
  const VwQuestion *fill = vw_question_bank_lookup (bank, "351.4-10");

  /* French is missing: English stands in. */
  g_assert_cmpuint (vw_question_bank_get_n_questions (bank), ==, 10);
  g_assert_nonnull (single);
  g_assert_true (vw_question_check_choice (single, 1 << 1));
  g_assert_false (vw_question_check_choice (single, 1 << 0));
  g_assert_false (vw_question_check_choice (single, 0));
  /* Multiple choice is all or nothing. */
  g_assert_true (vw_question_check_choice (multiple, (1 << 0) | (1 << 2)));
  g_assert_false (vw_question_check_choice (multiple, 1 << 0));
  g_assert_false (vw_question_check_choice (multiple, (1 << 0) | (1 << 2) | (1 << 3)));
  g_assert_cmpuint (vw_question_n_correct (multiple), ==, 2);
  /* Fill-in: trimmed, any accepted variant, nothing else. */
  g_assert_true (vw_question_check_text (fill, "  net-autostart\n"));
  g_assert_true (vw_question_check_text (fill, "virsh net-autostart"));
  g_assert_false (vw_question_check_text (fill, "net-start"));
  g_assert_false (vw_question_check_text (fill, "NET-AUTOSTART"));
  g_assert_false (vw_question_check_text (fill, ""));
  vw_test_remove_tree (dir);
}

/* Broken question files are refused with their file and line; the good
 * questions of the same file stay. (The second <text> was found by
 * tests/fuzz/fuzz-questions.) */
static void
test_malformed (void)
{
  static const char * const ids[] = { "351.4", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vw-bank-XXXXXX", &error);
  g_autofree char *en = g_build_filename (dir, "en", NULL);
  g_autofree char *path = g_build_filename (en, "351.4.xml", NULL);
  g_autoptr(VwQuestionBank) bank = NULL;
  const char * const *errors;

  g_assert_no_error (error);
  g_mkdir_with_parents (en, 0755);
  g_file_set_contents (path,
                       "<questions objective=\"351.4\">\n"
                       "  <question id=\"351.4-01\" type=\"single\" section=\"snapshots\">\n"
                       "    <text>One</text><text>Two</text>\n"
                       "    <option correct=\"yes\">a</option><option>b</option>\n"
                       "    <explanation>E</explanation>\n  </question>\n"
                       "  <question id=\"351.4-02\" type=\"single\" section=\"snapshots\">\n"
                       "    <text>Fine</text>\n"
                       "    <option correct=\"yes\">a</option><option>b</option>\n"
                       "    <explanation>E</explanation>\n  </question>\n"
                       "  <question id=\"351.4-03\" type=\"single\" section=\"snapshots\">\n"
                       "    <text>No right answer</text>\n"
                       "    <option>a</option><option>b</option>\n"
                       "    <explanation>E</explanation>\n  </question>\n"
                       "  <question id=\"351.4-04\" type=\"essay\" section=\"snapshots\">\n"
                       "    <text>?</text><explanation>E</explanation>\n  </question>\n"
                       "</questions>\n", -1, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    g_test_expect_message ("vw-question-bank", G_LOG_LEVEL_WARNING, "*351.4.xml:*");
  bank = vw_question_bank_load (dir, "en", ids);
  g_test_assert_expected_messages ();
  errors = vw_question_bank_get_errors (bank);
  g_assert_cmpuint (g_strv_length ((GStrv) errors), ==, 3);
  g_assert_nonnull (strstr (errors[0], "351.4.xml:2: a question has one <text>"));
  g_assert_nonnull (strstr (errors[1], "351.4.xml:12: a single-choice question has options and exactly one"));
  g_assert_nonnull (strstr (errors[2], "351.4.xml:17: “essay” is not a question type"));
  g_assert_cmpuint (vw_question_bank_get_n_questions (bank), ==, 1);
  g_assert_nonnull (vw_question_bank_lookup (bank, "351.4-02"));
  vw_test_remove_tree (dir);
}

static void
test_scale (void)
{
  g_assert_cmpuint (vw_exam_scale_score (0, 60), ==, 200);
  g_assert_cmpuint (vw_exam_scale_score (60, 60), ==, 800);
  g_assert_cmpuint (vw_exam_scale_score (30, 60), ==, 500);
  g_assert_cmpuint (vw_exam_scale_score (29, 60), ==, 490);
  g_assert_cmpuint (vw_exam_scale_score (45, 60), ==, 650);
  g_assert_cmpuint (vw_exam_scale_score (1, 3), ==, 400);
  g_assert_cmpuint (vw_exam_scale_score (2, 3), ==, 600);
  g_assert_cmpuint (vw_exam_scale_score (1, 7), ==, 286);   /* 285.7 rounds up */
}

/* A session scored exactly, written at each answer, resumed after a
 * "crash" (the object dropped without submitting) with every answer, mark
 * and the deadline; a damaged file is refused. */
static void
test_session_resume (void)
{
  static const char * const objectives[] = { "351.4", NULL };
  static const char * const ids[] = { "351.4-01", "351.4-02", "351.4-09", "351.4-10", "351.4-03", NULL };
  g_autofree char *dir = small_bank ();
  g_autofree char *path = g_build_filename (dir, "exam.ini", NULL);
  g_autoptr(VwQuestionBank) bank = vw_question_bank_load (dir, "en", objectives);
  g_autoptr(VwExamSession) session = vw_exam_session_new (bank, ids, 90 * 60, path);
  g_autoptr(VwExamSession) resumed = NULL;
  g_autoptr(VwExamResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  guint remaining;

  g_assert_cmpuint (vw_exam_session_get_n_questions (session), ==, 5);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  vw_exam_session_set_choice (session, 0, 1 << 1);                 /* right */
  vw_exam_session_set_choice (session, 1, 1 << 2);                 /* wrong */
  vw_exam_session_set_choice (session, 2, (1 << 0) | (1 << 2));    /* right */
  vw_exam_session_set_text (session, 3, " virsh net-autostart ");  /* right */
  vw_exam_session_set_marked (session, 1, TRUE);
  vw_exam_session_set_current (session, 3);
  remaining = vw_exam_session_get_remaining (session);
  g_assert_cmpuint (remaining, >, 90 * 60 - 5);
  g_assert_cmpuint (vw_exam_session_get_n_answered (session), ==, 4);

  /* The crash: nothing but the file is left. */
  g_clear_object (&session);
  resumed = vw_exam_session_resume (bank, path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (vw_exam_session_get_n_questions (resumed), ==, 5);
  for (guint i = 0; ids[i] != NULL; i++)
    g_assert_cmpstr (vw_exam_session_get_question (resumed, i)->id, ==, ids[i]);
  g_assert_cmpuint (vw_exam_session_get_choice (resumed, 0), ==, 1 << 1);
  g_assert_cmpuint (vw_exam_session_get_choice (resumed, 1), ==, 1 << 2);
  g_assert_cmpuint (vw_exam_session_get_choice (resumed, 2), ==, (1 << 0) | (1 << 2));
  g_assert_cmpstr (vw_exam_session_get_text (resumed, 3), ==, " virsh net-autostart ");
  g_assert_true (vw_exam_session_get_marked (resumed, 1));
  g_assert_false (vw_exam_session_get_marked (resumed, 0));
  g_assert_cmpuint (vw_exam_session_get_current (resumed), ==, 3);
  g_assert_cmpuint (vw_exam_session_get_remaining (resumed), <=, remaining);
  g_assert_cmpuint (vw_exam_session_get_remaining (resumed), >, remaining - 5);
  g_assert_false (vw_exam_session_get_submitted (resumed));

  /* 3 right of 5: 200 + 600 × 3/5. */
  result = vw_exam_session_submit (resumed);
  g_assert_cmpuint (result->correct, ==, 3);
  g_assert_cmpuint (result->total, ==, 5);
  g_assert_cmpuint (result->score, ==, 560);
  g_assert_true (result->passed);
  g_assert_cmpuint (result->objectives->len, ==, 1);
  g_assert_true (vw_exam_session_get_submitted (resumed));
  /* A submitted exam takes no more answers, and says so after a restart. */
  vw_exam_session_set_choice (resumed, 1, 1 << 1);
  g_assert_cmpuint (vw_exam_session_get_choice (resumed, 1), ==, 1 << 2);
  g_clear_object (&resumed);
  resumed = vw_exam_session_resume (bank, path, &error);
  g_assert_no_error (error);
  g_assert_true (vw_exam_session_get_submitted (resumed));
  g_clear_object (&resumed);

  /* Cut short (a crash while writing a non-atomic copy): refused. */
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, contents, (gssize) strlen (contents) / 2, &error);
  g_assert_no_error (error);
  resumed = vw_exam_session_resume (bank, path, &error);
  g_assert_null (resumed);
  g_assert_error (error, VW_ERROR, VW_ERROR_INVALID_DATA);
  g_clear_error (&error);

  /* A question the bank lost: refused, with its id. */
  g_file_set_contents (path, "[exam]\nids=351.4-01;351.4-99\nstarted=1\ndeadline=0\n[format]\nversion=1\n", -1,
                       &error);
  g_assert_no_error (error);
  resumed = vw_exam_session_resume (bank, path, &error);
  g_assert_null (resumed);
  g_assert_nonnull (strstr (error->message, "351.4-99"));
  vw_test_remove_tree (dir);
}

static void
test_history (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vw-history-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "history.ini", NULL);
  g_autofree char *aside = g_strconcat (path, ".corrupt", NULL);
  g_autoptr(VwExamHistory) history = vw_exam_history_new (path);
  g_autoptr(VwExamHistory) again = vw_exam_history_new (path);
  VwExamResult result = { 40, 60, 600, TRUE, g_ptr_array_new () };
  VwExamObjectiveResult a = { "351.4", 7, 9 }, b = { "352.3", 3, 9 };
  const VwExamAttempt *attempt;

  g_ptr_array_add (result.objectives, &a);
  g_ptr_array_add (result.objectives, &b);
  g_assert_true (vw_exam_history_load (history, &error));    /* none yet */
  g_assert_no_error (error);
  g_assert_true (vw_exam_history_add (history, 1764403200, &result, &error));
  g_assert_no_error (error);
  a.correct = 9;
  result.score = 700;
  g_assert_true (vw_exam_history_add (history, 1764500000, &result, &error));
  g_ptr_array_unref (result.objectives);

  g_assert_true (vw_exam_history_load (again, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (vw_exam_history_get_n (again), ==, 2);
  attempt = vw_exam_history_get (again, 1);
  g_assert_cmpuint (attempt->score, ==, 700);
  g_assert_cmpint (attempt->time, ==, 1764500000);
  g_assert_cmpuint (attempt->objectives->len, ==, 2);
  g_assert_cmpfloat_with_epsilon (vw_exam_history_strength (again, "351.4"), 16.0 / 18.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (vw_exam_history_strength (again, "352.3"), 6.0 / 18.0, 1e-9);
  g_assert_cmpfloat (vw_exam_history_strength (again, "353.1"), <, 0);

  /* Damaged: moved aside, the history starts empty and says so. */
  g_file_set_contents (path, "[attempt 1]\ntime=1\n", -1, &error);
  g_assert_no_error (error);
  g_assert_false (vw_exam_history_load (again, &error));
  g_assert_error (error, VW_ERROR, VW_ERROR_INVALID_DATA);
  g_assert_cmpuint (vw_exam_history_get_n (again), ==, 0);
  g_assert_true (g_file_test (aside, G_FILE_TEST_EXISTS));
  vw_test_remove_tree (dir);
}

/* ----- The shipped bank ----- */

static VwQuestionBank *
shipped (const char *language)
{
  g_auto(GStrv) ids = vw_topic_list_ids (topics);

  return vw_question_bank_load_default (language, (const char * const *) ids);
}

/* At least four questions per weight point of every objective, every one
 * linked to a level-2 section of its objective's English notes. */
static void
test_bank (void)
{
  g_autoptr(VwQuestionBank) bank = shipped ("en");
  g_autofree char *notes_dir = vw_paths_data_file ("notes", NULL);
  g_autoptr(VwNotesLibrary) notes = vw_notes_library_new (notes_dir, "en");
  const char * const *errors = vw_question_bank_get_errors (bank);

  for (guint i = 0; errors[i] != NULL; i++)
    g_printerr ("%s\n", errors[i]);
  g_assert_cmpuint (g_strv_length ((GStrv) errors), ==, 0);
  g_assert_cmpuint (vw_question_bank_get_n_questions (bank), >=, 240);
  for (guint i = 0; i < g_list_model_get_n_items (topics); i++)
    {
      g_autoptr(VwTopic) topic = g_list_model_get_item (topics, i);
      g_autoptr(GPtrArray) questions = vw_question_bank_for_objective (bank, vw_topic_get_id (topic));
      g_auto(GStrv) sections = vw_notes_library_sections (notes, vw_topic_get_id (topic));

      g_assert_cmpuint (questions->len, >=, 4 * vw_topic_get_weight (topic));
      for (guint q = 0; q < questions->len; q++)
        {
          const VwQuestion *question = questions->pdata[q];

          if (!g_strv_contains ((const char * const *) sections, question->section))
            g_error ("%s: the section “%s” is not in the notes of %s", question->id, question->section,
                     vw_topic_get_id (topic));
        }
    }
}

/* French and Brazilian Portuguese: the same questions, the same answers. */
static void
test_translations_equal (void)
{
  static const char * const languages[] = { "fr", "pt_BR" };
  g_autoptr(VwQuestionBank) english = shipped ("en");

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      g_autoptr(VwQuestionBank) bank = shipped (languages[l]);
      g_auto(GStrv) ids = vw_topic_list_ids (topics);

      g_assert_cmpuint (g_strv_length ((GStrv) vw_question_bank_get_errors (bank)), ==, 0);
      g_assert_cmpuint (vw_question_bank_get_n_questions (bank), ==, vw_question_bank_get_n_questions (english));
      for (guint o = 0; ids[o] != NULL; o++)
        {
          g_autoptr(GPtrArray) theirs = vw_question_bank_for_objective (bank, ids[o]);
          g_autoptr(GPtrArray) ours = vw_question_bank_for_objective (english, ids[o]);

          g_assert_cmpuint (theirs->len, ==, ours->len);
          for (guint q = 0; q < ours->len; q++)
            {
              const VwQuestion *a = ours->pdata[q], *b = theirs->pdata[q];

              g_assert_cmpstr (a->id, ==, b->id);
              g_assert_cmpint (a->type, ==, b->type);
              g_assert_cmpstr (a->section, ==, b->section);
              g_assert_cmpuint (vw_question_correct_bits (a), ==, vw_question_correct_bits (b));
              g_assert_cmpuint (a->options->len, ==, b->options->len);
              g_assert_true (g_strv_equal ((const char * const *) a->answers, (const char * const *) b->answers));
              /* Translated, not copied (a question of commands only may
               * keep its options, never its text). */
              if (strcmp (languages[l], "en") != 0 && g_strcmp0 (a->text, b->text) == 0)
                g_error ("%s: the %s text is the English one", a->id, languages[l]);
            }
        }
    }
}

/* 60 questions in proportion to the weights; the same seed, the same
 * exam; another seed, another one. */
static void
test_draw (void)
{
  g_autoptr(VwQuestionBank) bank = shipped ("en");
  guint n_quotas;
  g_autofree VwExamQuota *quotas = weight_quotas (&n_quotas);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) first = vw_exam_draw (bank, quotas, n_quotas, 42, &error);
  g_auto(GStrv) again = vw_exam_draw (bank, quotas, n_quotas, 42, NULL);
  g_auto(GStrv) other = vw_exam_draw (bank, quotas, n_quotas, 43, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  VwExamQuota too_many = { "351.2", 1000 };

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (first), ==, VW_EXAM_MOCK_QUESTIONS);
  g_assert_true (g_strv_equal ((const char * const *) first, (const char * const *) again));
  g_assert_false (g_strv_equal ((const char * const *) first, (const char * const *) other));
  for (guint q = 0; q < n_quotas; q++)
    {
      guint n = 0;

      for (guint i = 0; first[i] != NULL; i++)
        if (g_str_has_prefix (first[i], quotas[q].objective)
            && first[i][strlen (quotas[q].objective)] == '-')
          n++;
      g_assert_cmpuint (n, ==, quotas[q].count);
    }
  for (guint i = 0; first[i] != NULL; i++)
    g_assert_true (g_hash_table_add (seen, first[i]));   /* no question twice */

  g_assert_null (vw_exam_draw (bank, &too_many, 1, 1, &error));
  g_assert_error (error, VW_ERROR, VW_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  vw_test_init (&argc, &argv);
  topics = vw_topic_list_load_default (&error);
  g_assert_no_error (error);

  g_test_add_func ("/exam/check-answers", test_check_answers);
  g_test_add_func ("/exam/scale", test_scale);
  g_test_add_func ("/exam/malformed", test_malformed);
  g_test_add_func ("/exam/session-resume", test_session_resume);
  g_test_add_func ("/exam/history", test_history);
  g_test_add_func ("/exam/bank", test_bank);
  g_test_add_func ("/exam/translations-equal", test_translations_equal);
  g_test_add_func ("/exam/draw", test_draw);
  status = g_test_run ();
  g_clear_object (&topics);
  return status;
}
