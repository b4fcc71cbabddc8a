/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <string.h>

#include "vw-application.h"
#include "vw-exam-page.h"
#include "vw-paths.h"
#include "vw-test-util.h"
#include "vw-ui-test-util.h"
#include "vw-window.h"

/* The practice exam in a real window, end to end: a mock exam is started
 * from the sidebar, answered through the question view (options clicked,
 * an answer typed), a question marked; the window is closed mid-exam and a
 * new one resumes it with every answer; it is submitted, the score is the
 * one expected, the review lists every question, the history and the
 * sidebar show the attempt. Then an objective is practised with immediate
 * feedback. */

static VwApplication *app;

static VwWindow *
open_window (void)
{
  VwWindow *window = vw_window_new (app, NULL);

  vw_test_present (GTK_WINDOW (window), 1280, 800);
  return window;
}

static VwExamPage *
exam_page (VwWindow *window)
{
  return VW_EXAM_PAGE (vw_test_find_widget (GTK_WIDGET (window), VW_TYPE_EXAM_PAGE));
}

/* Answers question @index right (@right) or wrong through the view, as
 * clicks and typing would. */
static void
answer (VwExamPage *page,
        guint       index,
        gboolean    right)
{
  VwExamSession *session = vw_exam_page_get_session (page);
  VwExamQuestion *view = vw_exam_page_get_question (page);
  const VwQuestion *question = vw_exam_session_get_question (session, index);

  vw_exam_session_set_current (session, index);
  gtk_widget_activate_action (GTK_WIDGET (page), "exam.next", NULL);
  gtk_widget_activate_action (GTK_WIDGET (page), "exam.previous", NULL);
  g_assert_cmpuint (vw_exam_session_get_current (session), ==, index);
  if (question->type == VW_QUESTION_FILL)
    {
      gtk_editable_set_text (vw_exam_question_get_entry (view), right ? question->answers[0] : "wrong-answer");
      return;
    }
  g_assert_cmpuint (vw_exam_question_get_n_options (view), ==, question->options->len);
  /* Right: every correct option; wrong: the first wrong one alone. */
  for (guint i = 0; i < question->options->len; i++)
    {
      gboolean correct = ((VwOption *) question->options->pdata[i])->correct;

      if (right ? correct : !correct)
        {
          vw_exam_question_toggle_option (view, i);
          if (!right)
            break;
        }
    }
  if (!right && vw_question_check_choice (question, vw_exam_session_get_choice (session, index)))
    g_error ("%s: the wrong answer is right", question->id);
}

/* The sidebar's title is the one that names the exam. */
static const char *
sidebar_subtitle (GtkWidget *widget)
{
  if (ADW_IS_WINDOW_TITLE (widget)
      && g_str_has_prefix (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (widget)) ?: "", "LPIC-3"))
    return adw_window_title_get_subtitle (ADW_WINDOW_TITLE (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *found = sidebar_subtitle (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
shows_results (gpointer data)
{
  return g_strcmp0 (vw_exam_page_get_view (data), "results") == 0;
}

static void
test_mock_exam (void)
{
  VwWindow *window = open_window ();
  VwExamPage *page = exam_page (window);
  VwExamSession *session;
  VwExamHistory *history = vw_application_get_exam_history (app);
  g_autofree char *path = vw_paths_exam_file ("exam-session.ini");
  guint n_history = vw_exam_history_get_n (history);
  g_autofree char *expected = NULL;
  const char *subtitle = NULL;
  gboolean answered_right[VW_EXAM_MOCK_QUESTIONS] = { FALSE };
  guint n_right = 0;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-exam", NULL));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_cmpstr (vw_exam_page_get_view (page), ==, "home");
  g_assert_true (vw_exam_page_start (page, 20261129));
  session = vw_exam_page_get_session (page);
  g_assert_cmpuint (vw_exam_session_get_n_questions (session), ==, VW_EXAM_MOCK_QUESTIONS);
  g_assert_cmpuint (vw_exam_session_get_remaining (session), >, VW_EXAM_MOCK_SECONDS - 5);

  /* Two thirds answered right, a few wrong, the rest left blank. */
  for (guint i = 0; i < 50; i++)
    {
      answered_right[i] = i % 5 != 4;
      answer (page, i, answered_right[i]);
      n_right += answered_right[i] ? 1 : 0;
    }
  vw_exam_session_set_current (session, 7);
  gtk_widget_activate_action (GTK_WIDGET (page), "exam.next", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "exam.previous", NULL));
  vw_exam_session_set_marked (session, 7, TRUE);
  g_assert_cmpuint (vw_exam_session_get_n_answered (session), ==, 50);
  vw_test_save_screenshot (GTK_WIDGET (window), "screenshot-exam-question.png");

  /* The window goes mid-exam; the next one resumes it. */
  gtk_window_destroy (GTK_WINDOW (window));
  window = open_window ();
  page = exam_page (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-exam", NULL));
  g_assert_true (vw_exam_page_resume (page));
  session = vw_exam_page_get_session (page);
  g_assert_cmpuint (vw_exam_session_get_n_answered (session), ==, 50);
  g_assert_true (vw_exam_session_get_marked (session, 7));
  g_assert_cmpuint (vw_exam_session_get_current (session), ==, 7);
  for (guint i = 0; i < VW_EXAM_MOCK_QUESTIONS; i++)
    g_assert_cmpint (vw_exam_session_is_correct (session, i), ==, answered_right[i]);

  /* Submitted through the button and its dialog. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "exam.submit", NULL));
  vw_test_respond_to_dialog ("ok");
  g_assert_true (vw_test_wait_until (shows_results, page, 2000));
  expected = g_strdup_printf ("%u / 800", vw_exam_scale_score (n_right, VW_EXAM_MOCK_QUESTIONS));
  g_assert_cmpstr (vw_exam_page_get_score_text (page), ==, expected);
  g_assert_cmpuint (vw_exam_history_get_n (history), ==, n_history + 1);
  g_assert_cmpuint (vw_exam_history_get (history, n_history)->correct, ==, n_right);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  subtitle = sidebar_subtitle (GTK_WIDGET (window));
  g_assert_nonnull (subtitle);
  g_assert_nonnull (strstr (subtitle, "last exam"));
  vw_test_save_screenshot (GTK_WIDGET (window), "screenshot-exam-results.png");

  /* "Read in the Notes" from the review opens that section. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-notes", "s", "351.4.md#snapshots"));
  g_assert_cmpstr (vw_topic_get_id (vw_notes_page_get_topic (vw_window_get_notes_page (window))), ==, "351.4");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_practice (void)
{
  VwWindow *window = open_window ();
  VwExamPage *page = exam_page (window);
  VwExamSession *session;

  g_assert_true (vw_window_select_topic (window, "352.3"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-exam", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "exam.practise", NULL));
  session = vw_exam_page_get_session (page);
  g_assert_nonnull (session);
  g_assert_cmpuint (vw_exam_session_get_n_questions (session), >=, 36);
  g_assert_cmpuint (vw_exam_session_get_remaining (session), ==, G_MAXUINT);
  g_assert_true (g_str_has_prefix (vw_exam_session_get_question (session, 0)->id, "352.3-"));
  answer (page, 0, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "exam.check", NULL));
  g_assert_true (vw_exam_session_is_correct (session, 0));
  vw_test_save_screenshot (GTK_WIDGET (window), "screenshot-exam-practice.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  vw_test_init (&argc, &argv);
  app = vw_test_ui_init ();

  g_test_add_func ("/exam-page/mock-exam", test_mock_exam);
  g_test_add_func ("/exam-page/practice", test_practice);

  ret = g_test_run ();
  g_clear_object (&app);
  return ret;
}
