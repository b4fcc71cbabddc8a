/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-exam-question"

#include <glib/gi18n.h>

#include "vw-exam-question.h"

/* One question of an exam session: its text, its options (radio buttons
 * for one answer, check buttons for "choose two") or an entry, bound to
 * the session's answer; with feedback on, the right and wrong options are
 * marked and the explanation and a link to the notes are shown. */

struct _VwExamQuestion
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkWidget *text;
  GtkWidget *hint;
  GtkWidget *choices;
  GtkWidget *entry;
  GtkWidget *feedback;
  GtkWidget *verdict;
  GtkWidget *explanation;
  GtkWidget *notes_button;
  GPtrArray *buttons;

  VwExamSession *session;
  guint index;
  gboolean updating;
};

G_DEFINE_FINAL_TYPE (VwExamQuestion, vw_exam_question, GTK_TYPE_WIDGET)

static void
on_toggled (GtkCheckButton *button,
            VwExamQuestion *self)
{
  guint64 chosen = 0;

  if (self->updating || self->session == NULL)
    return;
  for (guint i = 0; i < self->buttons->len; i++)
    if (gtk_check_button_get_active (self->buttons->pdata[i]))
      chosen |= G_GUINT64_CONSTANT (1) << i;
  vw_exam_session_set_choice (self->session, self->index, chosen);
}

static void
on_entry_changed (GtkEditable    *editable,
                  VwExamQuestion *self)
{
  if (self->updating || self->session == NULL)
    return;
  vw_exam_session_set_text (self->session, self->index, gtk_editable_get_text (editable));
}

static void
on_entry_activate (VwExamQuestion *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "exam.next", NULL);
}

static void
clear_children (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_widget_unparent (child);
}

/**
 * vw_exam_question_set:
 * @feedback: show what is right, the explanation and the notes link
 */
void
vw_exam_question_set (VwExamQuestion *self,
                      VwExamSession  *session,
                      guint           index,
                      gboolean        feedback)
{
  const VwQuestion *question;
  GtkCheckButton *group = NULL;
  guint64 chosen;
  gboolean correct;
  g_autofree char *target = NULL;

  g_return_if_fail (VW_IS_EXAM_QUESTION (self));
  g_return_if_fail (VW_IS_EXAM_SESSION (session));

  g_set_object (&self->session, session);
  self->index = index;
  question = vw_exam_session_get_question (session, index);
  chosen = vw_exam_session_get_choice (session, index);
  self->updating = TRUE;

  gtk_label_set_label (GTK_LABEL (self->text), question->text);
  clear_children (self->choices);
  g_ptr_array_set_size (self->buttons, 0);
  for (guint i = 0; question->type != VW_QUESTION_FILL && i < question->options->len; i++)
    {
      const VwOption *option = question->options->pdata[i];
      GtkWidget *button = gtk_check_button_new ();
      GtkWidget *label = gtk_label_new (option->text);
      gboolean on = (chosen >> i) & 1;

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      /* Without a width of its own a wrapping label breaks early. */
      gtk_label_set_max_width_chars (GTK_LABEL (label), 90);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_check_button_set_child (GTK_CHECK_BUTTON (button), label);
      if (question->type == VW_QUESTION_SINGLE)
        {
          if (group != NULL)
            gtk_check_button_set_group (GTK_CHECK_BUTTON (button), group);
          else
            group = GTK_CHECK_BUTTON (button);
        }
      gtk_check_button_set_active (GTK_CHECK_BUTTON (button), on);
      gtk_widget_set_sensitive (button, !feedback);
      if (feedback && option->correct)
        gtk_widget_add_css_class (label, "success");
      else if (feedback && on)
        gtk_widget_add_css_class (label, "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, option->text, -1);
      g_signal_connect (button, "toggled", G_CALLBACK (on_toggled), self);
      gtk_box_append (GTK_BOX (self->choices), button);
      g_ptr_array_add (self->buttons, button);
    }

  gtk_widget_set_visible (self->choices, question->type != VW_QUESTION_FILL);
  gtk_widget_set_visible (self->entry, question->type == VW_QUESTION_FILL);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), vw_exam_session_get_text (session, index) ?: "");
  gtk_editable_set_editable (GTK_EDITABLE (self->entry), !feedback);
  gtk_label_set_label (GTK_LABEL (self->hint),
                       question->type == VW_QUESTION_SINGLE ? _("Choose one answer.")
                       : question->type == VW_QUESTION_MULTIPLE
                       ? (vw_question_n_correct (question) == 2 ? _("Choose two answers.") : _("Choose three answers."))
                       : _("Type the answer: a command, an option, a file or a path."));

  correct = vw_exam_session_is_correct (session, index);
  gtk_widget_set_visible (self->feedback, feedback);
  if (feedback)
    {
      g_autofree char *accepted = question->type == VW_QUESTION_FILL ? g_strjoinv ("  ·  ", question->answers) : NULL;
      g_autofree char *verdict = NULL;

      if (!vw_exam_session_is_answered (session, index))
        verdict = g_strdup (_("Not answered."));
      else if (correct)
        verdict = g_strdup (_("Right."));
      else
        verdict = g_strdup (_("Not right."));
      if (accepted != NULL)
        {
          g_autofree char *with = g_strdup_printf (_("%s Accepted: %s"), verdict, accepted);

          g_free (verdict);
          verdict = g_steal_pointer (&with);
        }
      gtk_label_set_label (GTK_LABEL (self->verdict), verdict);
      gtk_widget_remove_css_class (self->verdict, correct ? "error" : "success");
      gtk_widget_add_css_class (self->verdict, correct ? "success" : "error");
      gtk_label_set_label (GTK_LABEL (self->explanation), question->explanation);
      target = g_strdup_printf ("%s.md#%s", question->objective, question->section);
      /* The target first: an action without its parameter warns. */
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->notes_button), "s", target);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->notes_button), "win.open-notes");
    }
  self->updating = FALSE;
}

static void
vw_exam_question_dispose (GObject *object)
{
  VwExamQuestion *self = VW_EXAM_QUESTION (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (vw_exam_question_parent_class)->dispose (object);
}

static void
vw_exam_question_finalize (GObject *object)
{
  g_ptr_array_unref (VW_EXAM_QUESTION (object)->buttons);
  G_OBJECT_CLASS (vw_exam_question_parent_class)->finalize (object);
}

static void
vw_exam_question_class_init (VwExamQuestionClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = vw_exam_question_dispose;
  G_OBJECT_CLASS (klass)->finalize = vw_exam_question_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "examquestion");
}

static GtkWidget *
wrapped_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
vw_exam_question_init (VwExamQuestion *self)
{
  self->buttons = g_ptr_array_new ();
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->text = wrapped_label ("vw-exam-text");
  self->hint = wrapped_label ("dim-label");
  gtk_label_set_selectable (GTK_LABEL (self->hint), FALSE);
  self->choices = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->entry = gtk_entry_new ();
  gtk_widget_add_css_class (self->entry, "monospace");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Your answer"), -1);
  g_signal_connect (self->entry, "changed", G_CALLBACK (on_entry_changed), self);
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (on_entry_activate), self);

  self->feedback = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (self->feedback, "card");
  gtk_widget_add_css_class (self->feedback, "vw-exam-feedback");
  self->verdict = wrapped_label ("heading");
  self->explanation = wrapped_label (NULL);
  self->notes_button = gtk_button_new_with_mnemonic (_("_Read in the Notes"));
  gtk_widget_set_halign (self->notes_button, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (self->feedback), self->verdict);
  gtk_box_append (GTK_BOX (self->feedback), self->explanation);
  gtk_box_append (GTK_BOX (self->feedback), self->notes_button);
  gtk_widget_set_visible (self->feedback, FALSE);

  gtk_box_append (GTK_BOX (self->box), self->text);
  gtk_box_append (GTK_BOX (self->box), self->hint);
  gtk_box_append (GTK_BOX (self->box), self->choices);
  gtk_box_append (GTK_BOX (self->box), self->entry);
  gtk_box_append (GTK_BOX (self->box), self->feedback);
}

GtkWidget *
vw_exam_question_new (void)
{
  return g_object_new (VW_TYPE_EXAM_QUESTION, NULL);
}

guint
vw_exam_question_get_n_options (VwExamQuestion *self)
{
  g_return_val_if_fail (VW_IS_EXAM_QUESTION (self), 0);
  return self->buttons->len;
}

/* For tests and keyboard users: what a click on option @index does. */
void
vw_exam_question_toggle_option (VwExamQuestion *self,
                                guint           index)
{
  GtkCheckButton *button;

  g_return_if_fail (VW_IS_EXAM_QUESTION (self));
  g_return_if_fail (index < self->buttons->len);

  button = self->buttons->pdata[index];
  gtk_check_button_set_active (button, !gtk_check_button_get_active (button));
}

GtkEditable *
vw_exam_question_get_entry (VwExamQuestion *self)
{
  g_return_val_if_fail (VW_IS_EXAM_QUESTION (self), NULL);
  return GTK_EDITABLE (self->entry);
}
