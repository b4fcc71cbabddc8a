/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-window"

#include "config.h"

#include <glib/gi18n.h>

#include "vw-lab-dialogs.h"
#include "vw-paths.h"
#include "vw-topic-list.h"
#include "vw-window-private.h"

/* The window's study side beyond the notes: the exercises beside the lab
 * (opened from their id or from "Try in Lab", reset, and followed on the
 * lab's connection) and the practice exam page. */

/* "Try in Lab" on a virsh command of the notes: the lab page the command
 * acts on, its machine selected when it names one, and the command in a
 * toast to type in the lab's terminal or to do with the buttons. */
static void
try_in_lab_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  VwWindow *self = VW_WINDOW (widget);
  const char *command = g_variant_get_string (parameter, NULL);
  g_auto(GStrv) words = g_strsplit_set (command, " \t", -1);
  const char *subcommand = words[0] != NULL && words[1] != NULL ? words[1] : "";
  const char *view = "machines";
  VwExercise *exercise;
  g_autofree char *mode = g_settings_get_string (self->settings, "view-mode");
  g_autofree char *message = NULL;

  if (g_str_has_prefix (subcommand, "net-"))
    view = "networks";
  else if (g_str_has_prefix (subcommand, "pool-") || g_str_has_prefix (subcommand, "vol-"))
    view = "storage";
  if (g_str_equal (mode, "notes"))
    gtk_widget_activate_action (widget, "win.view-mode", "s", "both");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  gtk_widget_activate_action (GTK_WIDGET (self->lab_page), "lab.show-view", "s", view);
  for (guint i = 2; g_str_equal (view, "machines") && words[i] != NULL; i++)
    if (*words[i] != '-' && *words[i] != '\0')
      {
        gtk_widget_activate_action (GTK_WIDGET (self->lab_page), "lab.select-domain", "s",
                                    words[i]);
        break;
      }
  /* Translators: a toast after "Try in Lab"; %s is a virsh command */
  message = g_strdup_printf (_("Try it on the lab: %s"), command);
  exercise = self->exercises != NULL
             ? vw_exercise_catalog_find_command (self->exercises, self->current_topic, subcommand) : NULL;
  if (exercise == NULL && self->exercises != NULL)
    exercise = vw_exercise_catalog_find_command (self->exercises, NULL, subcommand);
  if (exercise != NULL)
    {
      /* An exercise that practises the command, checked as it is done. */
      AdwToast *toast = adw_toast_new (message);

      adw_toast_set_timeout (toast, 10);
      adw_toast_set_button_label (toast, _("_Open Exercise"));
      adw_toast_set_action_name (toast, "win.open-exercise");
      adw_toast_set_action_target_value (toast, g_variant_new_string (vw_exercise_get_id (exercise)));
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
  else
    vw_window_show_message (self, message);
}

static void
show_message_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  vw_window_show_message (VW_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/**
 * vw_window_open_exercise:
 * @id: an exercise id
 *
 * Shows the exercise beside the lab, on its objective. Returns: %FALSE,
 * after telling the user, when no exercise has that id
 */
gboolean
vw_window_open_exercise (VwWindow   *self,
                         const char *id)
{
  VwExercise *exercise;
  g_autofree char *mode = NULL;

  g_return_val_if_fail (VW_IS_WINDOW (self), FALSE);

  exercise = self->exercises != NULL ? vw_exercise_catalog_lookup (self->exercises, id) : NULL;
  if (exercise == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("No exercise is called “%s”"), id);

      vw_window_show_message (self, message);
      return FALSE;
    }
  vw_window_select_topic (self, vw_exercise_get_objective (exercise));
  vw_exercises_pane_show_exercise (self->exercises_pane, id);
  gtk_stack_set_visible_child_name (self->study_stack, "exercises");
  mode = g_settings_get_string (self->settings, "view-mode");
  if (!g_str_equal (mode, "both"))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.view-mode", "s", "both");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  return TRUE;
}

static void
open_exercise_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  vw_window_open_exercise (VW_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

typedef struct
{
  VwWindow *self;
  char *start;
} ResetExercise;

static void
reset_exercise_free (gpointer data)
{
  ResetExercise *reset = data;

  g_object_unref (reset->self);
  g_free (reset->start);
  g_free (reset);
}

static void
reset_exercise_confirmed (gpointer data)
{
  ResetExercise *reset = data;

  if (vw_lab_page_reset_sandbox_to (reset->self->lab_page, reset->start))
    vw_window_show_message (reset->self, _("The sandbox is back to the exercise's starting state"));
}

/* The sandbox replaced by the exercise's own starting lab, after asking:
 * what the learner changed in the sandbox is lost. */
static void
reset_exercise_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  VwWindow *self = VW_WINDOW (widget);
  VwExercise *exercise = self->exercises != NULL
                         ? vw_exercise_catalog_lookup (self->exercises, g_variant_get_string (parameter, NULL))
                         : NULL;
  ResetExercise *reset;

  if (exercise == NULL)
    return;
  reset = g_new0 (ResetExercise, 1);
  reset->self = g_object_ref (self);
  reset->start = g_strdup (vw_exercise_get_start (exercise));
  vw_confirm_dialog_show (widget, _("Reset the Sandbox for This Exercise?"),
                          _("The sandbox goes back to the state this exercise starts from. Every change you made "
                            "in it (machines, snapshots, networks and storage) is lost."),
                          _("_Reset"), reset_exercise_confirmed, reset, reset_exercise_free);
}

static void
use_sandbox_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  VwWindow *self = VW_WINDOW (widget);
  VwConnection *sandbox = vw_connection_list_get_sandbox (self->connections);

  if (sandbox != NULL)
    vw_lab_page_connect (self->lab_page, vw_connection_get_uri (sandbox));
}

/* ----- The practice exam ----- */

static const char *
notes_language (VwWindow *self)
{
  g_autofree char *setting = g_settings_get_string (self->settings, "notes-language");

  return *setting != '\0' ? g_intern_string (setting) : vw_notes_language_for_locale ();
}

static void
show_exam_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VwWindow *self = VW_WINDOW (widget);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  /* The questions are read when the exam is first shown, not at start. */
  if (VW_IS_APPLICATION (app) && vw_exam_page_get_bank (self->exam_page) == NULL)
    vw_exam_page_set_bank (self->exam_page, vw_application_get_questions (VW_APPLICATION (app),
                                                                          notes_language (self)));
  gtk_stack_set_visible_child_name (self->content_stack, "exam");
  adw_window_title_set_title (self->content_title, _("Practice Exam"));
  gtk_list_box_unselect_all (self->topic_list);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* "351.4.md#snapshots" from an exam's explanation: that section of the
 * notes, beside the lab. */
static void
open_notes_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  VwWindow *self = VW_WINDOW (widget);
  const char *link = g_variant_get_string (parameter, NULL);
  g_autofree char *objective = g_strndup (link, strcspn (link, "#"));
  g_autofree char *mode = g_settings_get_string (self->settings, "view-mode");

  if (g_str_has_suffix (objective, ".md"))
    objective[strlen (objective) - 3] = '\0';
  if (!vw_window_select_topic (self, objective))
    return;
  gtk_stack_set_visible_child_name (self->study_stack, "notes");
  if (g_str_equal (mode, "lab"))
    gtk_widget_activate_action (widget, "win.view-mode", "s", "both");
  vw_notes_page_follow_link (self->notes_page, link);
}

static void
on_history_changed (VwWindow *self)
{
  if (self->progress != NULL)
    vw_window_update_readiness (self, self->progress);
}


static void
on_notes_language (VwWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (VW_IS_APPLICATION (app) && vw_exam_page_get_bank (self->exam_page) != NULL)
    vw_exam_page_set_bank (self->exam_page, vw_application_get_questions (VW_APPLICATION (app),
                                                                          notes_language (self)));
}

/* The history of attempts and the file an exam in progress is kept in;
 * the questions wait for the page to be shown. Without an application
 * (some tests) there is no exam. */
void
vw_window_setup_exam (VwWindow      *self,
                      VwApplication *application)
{
  g_autofree char *path = vw_paths_exam_file ("exam-session.ini");
  g_autoptr(GError) error = NULL;

  if (application == NULL)
    return;
  self->history = g_object_ref (vw_application_get_exam_history (application));
  error = vw_application_take_exam_history_error (application);
  if (error != NULL)
    vw_window_show_message (self, error->message);
  vw_exam_page_setup (self->exam_page, self->topics, NULL, self->history, path);
  g_signal_connect_object (self->history, "changed", G_CALLBACK (on_history_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::notes-language", G_CALLBACK (on_notes_language), self,
                           G_CONNECT_SWAPPED);
  on_history_changed (self);
}

static void
on_lab_connection (VwWindow *self)
{
  vw_exercises_pane_set_connection (self->exercises_pane, vw_lab_page_get_connection (self->lab_page));
}

/* The exercises of the application, or read here for a window made
 * without one (some tests). */
void
vw_window_setup_exercises (VwWindow      *self,
                           VwApplication *application)
{
  VwProgress *progress = application != NULL ? vw_application_get_progress (application) : NULL;

  if (application != NULL)
    self->exercises = g_object_ref (vw_application_get_exercises (application));
  else
    {
      g_auto(GStrv) ids = vw_topic_list_ids (self->topics);

      self->exercises = vw_exercise_catalog_load_default ((const char * const *) ids);
    }
  vw_exercises_pane_set_catalog (self->exercises_pane, self->exercises, progress);
  g_signal_connect_object (self->lab_page, "notify::connection", G_CALLBACK (on_lab_connection), self,
                           G_CONNECT_SWAPPED);
  on_lab_connection (self);
}


void
vw_window_study_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.try-in-lab", "s", try_in_lab_action);
  gtk_widget_class_install_action (widget_class, "win.show-message", "s", show_message_action);
  gtk_widget_class_install_action (widget_class, "win.open-exercise", "s", open_exercise_action);
  gtk_widget_class_install_action (widget_class, "win.reset-exercise", "s", reset_exercise_action);
  gtk_widget_class_install_action (widget_class, "win.use-sandbox", NULL, use_sandbox_action);
  gtk_widget_class_install_action (widget_class, "win.show-exam", NULL, show_exam_action);
  gtk_widget_class_install_action (widget_class, "win.open-notes", "s", open_notes_action);
}
