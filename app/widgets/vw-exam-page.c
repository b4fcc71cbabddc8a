/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-exam-page"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "vw-exam-page.h"
#include "vw-exam-question.h"
#include "vw-lab-dialogs.h"
#include "vw-score-chart.h"
#include "vw-strength-chart.h"
#include "vw-topic-list.h"

/* The practice exam: a home page (start or resume a mock exam, practise
 * one objective, the scores so far and the strength per objective), the
 * questions one at a time (timer, mark for review, a grid to jump, submit)
 * and the results (score, per objective, every answer reviewed with its
 * explanation and a link to the notes). A mock exam is written at every
 * answer (VwExamSession) and comes back after a crash. */

struct _VwExamPage
{
  GtkWidget parent_instance;

  GtkStack *stack;
  GtkButton *resume_button;
  GtkDropDown *objective_dropdown;
  VwScoreChart *chart;
  VwStrengthChart *strength_chart;
  GtkMenuButton *grid_button;
  GtkFlowBox *grid;
  GtkLabel *timer_label;
  GtkToggleButton *mark_button;
  VwExamQuestion *question;
  GtkLabel *answered_label;
  GtkButton *check_button;
  GtkButton *submit_button;
  GtkLabel *score_label;
  GtkLabel *verdict_label;
  GtkListBox *objective_results;
  GtkBox *review_box;

  GListModel *topics;
  VwQuestionBank *bank;
  VwExamHistory *history;
  char *session_path;
  VwExamSession *session;
  gboolean practice;
  GArray *checked;     /* practice: gboolean per question */
  guint timer_id;
  gboolean updating;
};

G_DEFINE_FINAL_TYPE (VwExamPage, vw_exam_page, GTK_TYPE_WIDGET)

static void show_question (VwExamPage *self);
static void finish (VwExamPage *self);

static const char *
topic_title (VwExamPage *self,
             const char *objective)
{
  VwTopic *topic = self->topics != NULL ? vw_topic_list_find (self->topics, objective, NULL) : NULL;

  return topic != NULL ? vw_topic_get_title (topic) : "";
}

static GtkWidget *
objective_row (const char *objective,
               const char *title,
               const char *detail,
               double      fraction)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *bar = gtk_level_bar_new_for_interval (0, 1);
  g_autofree char *heading = g_strdup_printf ("%s %s", objective, title);
  GtkWidget *label = gtk_label_new (detail);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), heading);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_set_size_request (bar, 120, -1);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), fraction < 0 ? 0 : fraction);
  gtk_widget_set_visible (bar, fraction >= 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);
  return row;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* ----- Home ----- */

static gboolean
can_resume (VwExamPage *self)
{
  g_autoptr(VwExamSession) saved = NULL;

  if (self->bank == NULL || self->session_path == NULL || !g_file_test (self->session_path, G_FILE_TEST_EXISTS))
    return FALSE;
  saved = vw_exam_session_resume (self->bank, self->session_path, NULL);
  return saved != NULL && !vw_exam_session_get_submitted (saved);
}

static void
update_home (VwExamPage *self)
{
  gboolean resume = can_resume (self);

  gtk_widget_set_visible (GTK_WIDGET (self->resume_button), resume);
}

static void
stop_timer (VwExamPage *self)
{
  g_clear_handle_id (&self->timer_id, g_source_remove);
}

static void
leave_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  VwExamPage *self = VW_EXAM_PAGE (widget);

  stop_timer (self);
  g_clear_object (&self->session);
  update_home (self);
  gtk_stack_set_visible_child_name (self->stack, "home");
}

/* ----- Questions ----- */

static void
update_timer (VwExamPage *self)
{
  guint remaining;
  g_autofree char *text = NULL;

  if (self->session == NULL || self->practice)
    {
      gtk_label_set_label (self->timer_label, "");
      return;
    }
  remaining = vw_exam_session_get_remaining (self->session);
  /* Translators: the time left in a mock exam, hours:minutes:seconds */
  text = g_strdup_printf (_("%u:%02u:%02u left"), remaining / 3600, remaining / 60 % 60, remaining % 60);
  gtk_label_set_label (self->timer_label, text);
  if (remaining < 5 * 60)
    gtk_widget_add_css_class (GTK_WIDGET (self->timer_label), "warning");
}

static gboolean
tick (gpointer data)
{
  VwExamPage *self = data;

  update_timer (self);
  if (self->session != NULL && vw_exam_session_get_remaining (self->session) == 0)
    {
      self->timer_id = 0;
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-message", "s",
                                  _("Time is up: the exam was submitted"));
      finish (self);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
goto_clicked (GtkButton  *button,
              VwExamPage *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "vw-index"));

  gtk_menu_button_popdown (self->grid_button);
  vw_exam_session_set_current (self->session, index);
  show_question (self);
}

/* The grid of all questions: answered ones filled, marked ones flagged. */
static void
rebuild_grid (VwExamPage *self)
{
  GtkWidget *child;
  guint n = vw_exam_session_get_n_questions (self->session);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_flow_box_remove (self->grid, child);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = g_strdup_printf (vw_exam_session_get_marked (self->session, i) ? "%u ⚑" : "%u", i + 1);
      GtkWidget *button = gtk_button_new_with_label (label);

      if (vw_exam_session_is_answered (self->session, i))
        gtk_widget_add_css_class (button, "suggested-action");
      if (i == vw_exam_session_get_current (self->session))
        gtk_widget_add_css_class (button, "vw-exam-current");
      g_object_set_data (G_OBJECT (button), "vw-index", GUINT_TO_POINTER (i));
      g_signal_connect (button, "clicked", G_CALLBACK (goto_clicked), self);
      gtk_flow_box_append (self->grid, button);
    }
}

static void
update_counts (VwExamPage *self)
{
  guint n = vw_exam_session_get_n_questions (self->session);
  guint current = vw_exam_session_get_current (self->session);
  g_autofree char *position = g_strdup_printf (_("Question %u of %u"), current + 1, n);
  g_autofree char *answered = g_strdup_printf (_("%u of %u answered"), vw_exam_session_get_n_answered (self->session),
                                               n);

  gtk_menu_button_set_label (self->grid_button, position);
  gtk_label_set_label (self->answered_label, answered);
}

static void
show_question (VwExamPage *self)
{
  guint current = vw_exam_session_get_current (self->session);
  gboolean feedback = self->practice && g_array_index (self->checked, gboolean, current);

  self->updating = TRUE;
  vw_exam_question_set (self->question, self->session, current, feedback);
  gtk_toggle_button_set_active (self->mark_button, vw_exam_session_get_marked (self->session, current));
  self->updating = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->mark_button), !self->practice);
  gtk_widget_set_visible (GTK_WIDGET (self->check_button), self->practice);
  gtk_widget_set_sensitive (GTK_WIDGET (self->check_button), !feedback);
  gtk_widget_set_visible (GTK_WIDGET (self->submit_button), !self->practice);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "exam.previous", current > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "exam.next",
                                 current + 1 < vw_exam_session_get_n_questions (self->session));
  update_counts (self);
  rebuild_grid (self);
  update_timer (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (
                              GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (self->question),
                                                                            GTK_TYPE_SCROLLED_WINDOW))), 0);
  gtk_stack_set_visible_child_name (self->stack, "question");
}

static void
on_answered (VwExamPage *self)
{
  update_counts (self);
}

static void
begin (VwExamPage    *self,
       VwExamSession *session,
       gboolean       practice)
{
  stop_timer (self);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  self->practice = practice;
  g_array_set_size (self->checked, 0);
  g_array_set_size (self->checked, vw_exam_session_get_n_questions (session));
  g_signal_connect_swapped (session, "notify::n-answered", G_CALLBACK (on_answered), self);
  gtk_widget_remove_css_class (GTK_WIDGET (self->timer_label), "warning");
  if (!practice)
    self->timer_id = g_timeout_add_seconds (1, tick, self);
  show_question (self);
  if (!practice && vw_exam_session_get_remaining (session) == 0)
    tick (self);
}

static void
on_mark_toggled (VwExamPage *self)
{
  if (self->updating || self->session == NULL)
    return;
  vw_exam_session_set_marked (self->session, vw_exam_session_get_current (self->session),
                              gtk_toggle_button_get_active (self->mark_button));
  rebuild_grid (self);
}

static void
step (VwExamPage *self,
      int         delta)
{
  guint current = vw_exam_session_get_current (self->session);
  guint n = vw_exam_session_get_n_questions (self->session);

  if ((delta < 0 && current == 0) || (delta > 0 && current + 1 >= n))
    return;
  vw_exam_session_set_current (self->session, current + delta);
  show_question (self);
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  step (VW_EXAM_PAGE (widget), -1);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  step (VW_EXAM_PAGE (widget), +1);
}

static void
check_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  VwExamPage *self = VW_EXAM_PAGE (widget);

  if (self->session == NULL || !self->practice)
    return;
  g_array_index (self->checked, gboolean, vw_exam_session_get_current (self->session)) = TRUE;
  show_question (self);
}

/**
 * vw_exam_page_start:
 * @seed: what the draw starts from (the same seed, the same exam)
 *
 * Starts a new mock exam in place of any saved one.
 */
gboolean
vw_exam_page_start (VwExamPage *self,
                    guint32     seed)
{
  g_autofree VwExamQuota *quotas = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VwExamSession) session = NULL;
  g_auto(GStrv) ids = NULL;
  guint n;

  g_return_val_if_fail (VW_IS_EXAM_PAGE (self), FALSE);
  g_return_val_if_fail (self->topics != NULL && self->bank != NULL, FALSE);

  n = g_list_model_get_n_items (self->topics);
  quotas = g_new0 (VwExamQuota, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VwTopic) topic = g_list_model_get_item (self->topics, i);

      quotas[i].objective = vw_topic_get_id (topic);
      quotas[i].count = vw_topic_get_weight (topic);
    }
  ids = vw_exam_draw (self->bank, quotas, n, seed, &error);
  if (ids == NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-message", "s", error->message);
      return FALSE;
    }
  session = vw_exam_session_new (self->bank, (const char * const *) ids, VW_EXAM_MOCK_SECONDS, self->session_path);
  if (vw_exam_session_get_save_error (session) != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The exam cannot be kept if the window closes: %s"),
                                                  vw_exam_session_get_save_error (session)->message);

      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-message", "s", message);
    }
  begin (self, session, FALSE);
  return TRUE;
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  vw_exam_page_start (VW_EXAM_PAGE (widget), g_random_int ());
}

gboolean
vw_exam_page_resume (VwExamPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VwExamSession) session = NULL;

  g_return_val_if_fail (VW_IS_EXAM_PAGE (self), FALSE);

  session = self->bank != NULL ? vw_exam_session_resume (self->bank, self->session_path, &error) : NULL;
  if (session == NULL)
    {
      if (error != NULL)
        gtk_widget_activate_action (GTK_WIDGET (self), "win.show-message", "s", error->message);
      update_home (self);
      return FALSE;
    }
  begin (self, session, FALSE);
  return TRUE;
}

static void
resume_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  vw_exam_page_resume (VW_EXAM_PAGE (widget));
}

gboolean
vw_exam_page_practise (VwExamPage *self,
                       const char *objective)
{
  g_autoptr(GPtrArray) questions = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(VwExamSession) session = NULL;

  g_return_val_if_fail (VW_IS_EXAM_PAGE (self), FALSE);

  questions = self->bank != NULL ? vw_question_bank_for_objective (self->bank, objective) : g_ptr_array_new ();
  if (questions->len == 0)
    return FALSE;
  for (guint i = 0; i < questions->len; i++)
    g_ptr_array_add (ids, ((VwQuestion *) questions->pdata[i])->id);
  g_ptr_array_add (ids, NULL);
  session = vw_exam_session_new (self->bank, (const char * const *) ids->pdata, 0, NULL);
  begin (self, session, TRUE);
  return TRUE;
}

static void
practise_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  VwExamPage *self = VW_EXAM_PAGE (widget);
  g_autoptr(VwTopic) topic = NULL;
  guint position = gtk_drop_down_get_selected (self->objective_dropdown);

  if (self->topics == NULL || position >= g_list_model_get_n_items (self->topics))
    return;
  topic = g_list_model_get_item (self->topics, position);
  vw_exam_page_practise (self, vw_topic_get_id (topic));
}

/* ----- Results ----- */

static void
show_results (VwExamPage   *self,
              VwExamResult *result)
{
  g_autofree char *score = g_strdup_printf (_("%u / 800"), result->score);
  g_autofree char *verdict = NULL;
  GtkWidget *child;

  if (result->passed)
    verdict = g_strdup_printf (_("Passed: %u of %u right, and 500 is the pass mark."), result->correct, result->total);
  else
    verdict = g_strdup_printf (_("Not passed yet: %u of %u right, and 500 is the pass mark."), result->correct,
                               result->total);
  gtk_label_set_label (self->score_label, score);
  gtk_label_set_label (self->verdict_label, verdict);
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), result->passed ? "error" : "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->verdict_label), result->passed ? "success" : "error");

  clear_list (self->objective_results);
  for (guint i = 0; i < result->objectives->len; i++)
    {
      VwExamObjectiveResult *objective = result->objectives->pdata[i];
      g_autofree char *detail = g_strdup_printf (_("%u of %u"), objective->correct, objective->total);

      gtk_list_box_append (self->objective_results,
                           objective_row (objective->objective, topic_title (self, objective->objective), detail,
                                          (double) objective->correct / objective->total));
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->review_box))) != NULL)
    gtk_box_remove (self->review_box, child);
  for (guint i = 0; i < vw_exam_session_get_n_questions (self->session); i++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      g_autofree char *heading = g_strdup_printf (_("Question %u · %s"), i + 1,
                                                  vw_exam_session_get_question (self->session, i)->objective);
      GtkWidget *label = gtk_label_new (heading);
      GtkWidget *view = vw_exam_question_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "heading");
      vw_exam_question_set (VW_EXAM_QUESTION (view), self->session, i, TRUE);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), view);
      gtk_box_append (self->review_box, box);
    }
  gtk_stack_set_visible_child_name (self->stack, "results");
}

/* Scores the exam, keeps it in the history (mock exams) and shows the
 * review. The session file goes: the exam is over. */
static void
finish (VwExamPage *self)
{
  g_autoptr(VwExamResult) result = NULL;

  stop_timer (self);
  if (self->session == NULL)
    return;
  result = vw_exam_session_submit (self->session);
  if (!self->practice)
    {
      g_autoptr(GError) error = NULL;

      if (self->history != NULL
          && !vw_exam_history_add (self->history, g_get_real_time () / G_USEC_PER_SEC, result, &error))
        {
          g_autofree char *message = g_strdup_printf (_("The result could not be saved: %s"), error->message);

          gtk_widget_activate_action (GTK_WIDGET (self), "win.show-message", "s", message);
        }
      else if (self->session_path != NULL)
        g_unlink (self->session_path);
    }
  show_results (self, result);
}

static void
submit_confirmed (gpointer data)
{
  finish (data);
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  VwExamPage *self = VW_EXAM_PAGE (widget);
  guint n, answered, marked = 0;
  g_autofree char *body = NULL;

  if (self->session == NULL || self->practice)
    return;
  n = vw_exam_session_get_n_questions (self->session);
  answered = vw_exam_session_get_n_answered (self->session);
  for (guint i = 0; i < n; i++)
    marked += vw_exam_session_get_marked (self->session, i) ? 1 : 0;
  body = g_strdup_printf (_("%u of %u questions answered, %u marked for review. A submitted exam cannot be changed."),
                          answered, n, marked);
  vw_confirm_dialog_show (widget, _("Submit the Exam?"), body, _("_Submit"), submit_confirmed,
                          g_object_ref (self), g_object_unref);
}

/* ----- Set-up ----- */

void
vw_exam_page_setup (VwExamPage     *self,
                    GListModel     *topics,
                    VwQuestionBank *bank,
                    VwExamHistory  *history,
                    const char     *session_path)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  g_return_if_fail (VW_IS_EXAM_PAGE (self));

  g_set_object (&self->topics, topics);
  g_set_object (&self->bank, bank);
  g_set_object (&self->history, history);
  g_free (self->session_path);
  self->session_path = g_strdup (session_path);
  vw_score_chart_set_history (self->chart, history);
  vw_strength_chart_set_data (self->strength_chart, topics, history);
  if (history != NULL)
    g_signal_connect_object (history, "changed", G_CALLBACK (update_home), self, G_CONNECT_SWAPPED);
  for (guint i = 0; topics != NULL && i < g_list_model_get_n_items (topics); i++)
    {
      g_autoptr(VwTopic) topic = g_list_model_get_item (topics, i);
      g_autofree char *name = g_strdup_printf ("%s %s", vw_topic_get_id (topic), vw_topic_get_title (topic));

      gtk_string_list_append (names, name);
    }
  gtk_drop_down_set_model (self->objective_dropdown, G_LIST_MODEL (names));
  update_home (self);
}

/* The questions, in the notes' language (set when the page is first
 * shown, again when the language changes); an exam in progress goes on in
 * the language it was started in, until it is left. */
void
vw_exam_page_set_bank (VwExamPage     *self,
                       VwQuestionBank *bank)
{
  g_return_if_fail (VW_IS_EXAM_PAGE (self));
  g_set_object (&self->bank, bank);
  update_home (self);
}

VwQuestionBank *
vw_exam_page_get_bank (VwExamPage *self)
{
  g_return_val_if_fail (VW_IS_EXAM_PAGE (self), NULL);
  return self->bank;
}

void
vw_exam_page_select_objective (VwExamPage *self,
                               const char *objective)
{
  guint position;

  g_return_if_fail (VW_IS_EXAM_PAGE (self));

  if (self->topics != NULL && vw_topic_list_find (self->topics, objective, &position) != NULL)
    gtk_drop_down_set_selected (self->objective_dropdown, position);
}

VwExamSession *
vw_exam_page_get_session (VwExamPage *self)
{
  g_return_val_if_fail (VW_IS_EXAM_PAGE (self), NULL);
  return self->session;
}

VwExamQuestion *
vw_exam_page_get_question (VwExamPage *self)
{
  g_return_val_if_fail (VW_IS_EXAM_PAGE (self), NULL);
  return self->question;
}

const char *
vw_exam_page_get_view (VwExamPage *self)
{
  g_return_val_if_fail (VW_IS_EXAM_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

const char *
vw_exam_page_get_score_text (VwExamPage *self)
{
  g_return_val_if_fail (VW_IS_EXAM_PAGE (self), NULL);
  return gtk_label_get_label (self->score_label);
}

static void
vw_exam_page_dispose (GObject *object)
{
  VwExamPage *self = VW_EXAM_PAGE (object);

  stop_timer (self);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), VW_TYPE_EXAM_PAGE);
  g_clear_object (&self->session);
  g_clear_object (&self->topics);
  g_clear_object (&self->bank);
  g_clear_object (&self->history);
  G_OBJECT_CLASS (vw_exam_page_parent_class)->dispose (object);
}

static void
vw_exam_page_finalize (GObject *object)
{
  VwExamPage *self = VW_EXAM_PAGE (object);

  g_free (self->session_path);
  g_array_unref (self->checked);
  G_OBJECT_CLASS (vw_exam_page_parent_class)->finalize (object);
}

static void
vw_exam_page_class_init (VwExamPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vw_exam_page_dispose;
  object_class->finalize = vw_exam_page_finalize;

  g_type_ensure (VW_TYPE_SCORE_CHART);
  g_type_ensure (VW_TYPE_STRENGTH_CHART);
  g_type_ensure (VW_TYPE_EXAM_QUESTION);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/virtworkbench/Workbench/vw-exam-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VwExamPage, stack);
  gtk_widget_class_bind_template_child (widget_class, VwExamPage, resume_button);
  gtk_widget_class_bind_template_child (widget_class, VwExamPage, objective_dropdown);
  gtk_widget_class_bind_template_child (widget_class, VwExamPage, chart);
  gtk_widget_class_bind_template_child (widget_class, VwExamPage, strength_chart);
  gtk_widget_class_bind_template_child (widget_class, VwExamPage, grid_button);
  gtk_widget_class_bind_template_child (widget_class, VwExamPage, grid);
  gtk_widget_class_bind_template_child (widget_class, VwExamPage, timer_label);
  gtk_widget_class_bind_template_child (widget_class, VwExamPage, mark_button);
  gtk_widget_class_bind_template_child (widget_class, VwExamPage, question);
  gtk_widget_class_bind_template_child (widget_class, VwExamPage, answered_label);
  gtk_widget_class_bind_template_child (widget_class, VwExamPage, check_button);
  gtk_widget_class_bind_template_child (widget_class, VwExamPage, submit_button);
  gtk_widget_class_bind_template_child (widget_class, VwExamPage, score_label);
  gtk_widget_class_bind_template_child (widget_class, VwExamPage, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, VwExamPage, objective_results);
  gtk_widget_class_bind_template_child (widget_class, VwExamPage, review_box);
  gtk_widget_class_bind_template_callback (widget_class, on_mark_toggled);

  gtk_widget_class_install_action (widget_class, "exam.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "exam.resume", NULL, resume_action);
  gtk_widget_class_install_action (widget_class, "exam.practise", NULL, practise_action);
  gtk_widget_class_install_action (widget_class, "exam.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "exam.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "exam.check", NULL, check_action);
  gtk_widget_class_install_action (widget_class, "exam.submit", NULL, submit_action);
  gtk_widget_class_install_action (widget_class, "exam.leave", NULL, leave_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "exam.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "exam.previous", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "exampage");
}

static void
vw_exam_page_init (VwExamPage *self)
{
  self->checked = g_array_new (FALSE, TRUE, sizeof (gboolean));
  gtk_widget_init_template (GTK_WIDGET (self));
}
