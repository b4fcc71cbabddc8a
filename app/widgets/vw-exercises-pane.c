/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-exercises-pane"

#include <glib/gi18n.h>

#include "vw-exercise-run.h"
#include "vw-exercises-pane.h"
#include "vw-widget-util.h"

/* The exercises of the objective being read, beside its notes: a list,
 * then one exercise with its steps checked live against the lab's
 * connection (VwExerciseRun), hints and solutions shown on demand, and
 * the completion kept in the learner's progress. */

struct _VwExercisesPane
{
  GtkWidget parent_instance;

  GtkStack *stack;
  GtkLabel *list_title;
  GtkListBox *exercise_list;
  GtkLabel *errors_label;
  AdwStatusPage *empty_page;
  GtkLabel *progress_label;
  GtkButton *reset_button;
  GtkLabel *detail_title;
  GtkLabel *goal_label;
  GtkBox *notice_box;
  GtkLabel *notice_label;
  GtkButton *notice_button;
  GtkBox *files_box;
  GtkListBox *steps_list;
  GtkLabel *complete_label;

  VwExerciseCatalog *catalog;
  VwProgress *progress;
  VwConnection *connection;
  char *objective;
  GListModel *exercises;
  VwExercise *exercise;
  VwExerciseRun *run;
  GPtrArray *step_icons;
  GtkWindow *window;
};

G_DEFINE_FINAL_TYPE (VwExercisesPane, vw_exercises_pane, GTK_TYPE_WIDGET)

static char *
fits_text (VwExercise *exercise)
{
  VwExerciseFits fits = vw_exercise_get_fits (exercise);

  if ((fits & VW_EXERCISE_FITS_SANDBOX) && (fits & VW_EXERCISE_FITS_QEMU))
    return g_strdup (_("sandbox or QEMU"));
  if (fits & VW_EXERCISE_FITS_QEMU)
    return g_strdup (_("QEMU"));
  return g_strdup (_("sandbox"));
}

static GtkWidget *
status_icon (gboolean done)
{
  GtkWidget *icon = gtk_image_new_from_icon_name (done ? "object-select-symbolic" : "radio-symbolic");

  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_add_css_class (icon, done ? "success" : "dim-label");
  return icon;
}

static void
set_status_icon (GtkImage *icon,
                 gboolean  done)
{
  gtk_image_set_from_icon_name (icon, done ? "object-select-symbolic" : "radio-symbolic");
  if (done)
    {
      gtk_widget_add_css_class (GTK_WIDGET (icon), "success");
      gtk_widget_remove_css_class (GTK_WIDGET (icon), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (icon), "success");
      gtk_widget_add_css_class (GTK_WIDGET (icon), "dim-label");
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  done ? _("Done") : _("Not done yet"), -1);
}

/* ----- The list ----- */

/* Exercise files that could not be read are named, with their line, so
 * that whoever wrote one sees why it is missing. */
static void
show_errors (VwExercisesPane *self)
{
  const char * const *errors = self->catalog != NULL ? vw_exercise_catalog_get_errors (self->catalog) : NULL;
  guint n = errors != NULL ? g_strv_length ((GStrv) errors) : 0;
  g_autofree char *joined = NULL;
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->errors_label), n > 0);
  if (n == 0)
    return;
  joined = g_strjoinv ("\n", (GStrv) errors);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u exercise file could not be read:\n%s",
                                       "%u exercise files could not be read:\n%s", n), n, joined);
  gtk_label_set_label (self->errors_label, text);
}

static void
rebuild_list (VwExercisesPane *self)
{
  GtkWidget *child;
  guint n = self->exercises != NULL ? g_list_model_get_n_items (self->exercises) : 0;
  g_autofree char *title = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->exercise_list))) != NULL)
    gtk_list_box_remove (self->exercise_list, child);

  /* Translators: %s is an exam objective such as 351.4 */
  title = g_strdup_printf (_("Exercises for %s"), self->objective ? self->objective : "");
  gtk_label_set_label (self->list_title, title);
  show_errors (self);
  gtk_widget_set_visible (GTK_WIDGET (self->exercise_list), n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_page), n == 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VwExercise) exercise = g_list_model_get_item (self->exercises, i);
      gboolean done = self->progress != NULL
                      && vw_progress_is_exercise_done (self->progress, vw_exercise_get_id (exercise));
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *fits = fits_text (exercise);
      guint steps = vw_exercise_get_n_steps (exercise);
      /* Translators: an exercise's subtitle: "3 steps · sandbox" */
      g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u step · %s", "%u steps · %s",
                                                                steps), steps, fits);
      GtkWidget *icon = status_icon (done);

      gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), vw_exercise_get_title (exercise));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "vw-exercise-id", g_strdup (vw_exercise_get_id (exercise)), g_free);
      gtk_list_box_append (self->exercise_list, row);
    }
}

static void
on_exercise_activated (VwExercisesPane *self,
                       GtkListBoxRow   *row)
{
  vw_exercises_pane_show_exercise (self, g_object_get_data (G_OBJECT (row), "vw-exercise-id"));
}

/* ----- One exercise ----- */

static void
copy_clicked (GtkButton *button,
              gpointer   user_data)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)),
                          g_object_get_data (G_OBJECT (button), "vw-text"));
  gtk_widget_activate_action (GTK_WIDGET (button), "win.show-message", "s", _("Copied to the clipboard"));
}

static GtkWidget *
copy_button (const char *text,
             const char *what)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("edit-copy-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_START);
  gtk_widget_add_css_class (button, "flat");
  vw_widget_set_icon_tooltip (button, what);
  g_object_set_data_full (G_OBJECT (button), "vw-text", g_strdup (text), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (copy_clicked), NULL);
  return button;
}

/* Commands and files: monospace, selectable, with a Copy button. */
static GtkWidget *
code_box (const char *text,
          const char *copy_tooltip)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "monospace");
  gtk_widget_add_css_class (box, "vw-exercise-code");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), copy_button (text, copy_tooltip));
  return box;
}

static GtkWidget *
expander (const char *title,
          GtkWidget  *child)
{
  GtkWidget *widget = gtk_expander_new_with_mnemonic (title);
  g_autofree char *name = g_strdup (title);

  /* The expander's own name, without the mnemonic's underscore. */
  g_strdelimit (name, "_", ' ');
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, g_strstrip (name), -1);

  gtk_widget_set_margin_top (child, 6);
  gtk_expander_set_child (GTK_EXPANDER (widget), child);
  return widget;
}

static GtkWidget *
step_row (VwExercisesPane      *self,
          guint                 index,
          const VwExerciseStep *step)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *icon = status_icon (FALSE);
  /* Translators: a step's number */
  g_autofree char *number = g_strdup_printf (_("Step %u"), index + 1);
  GtkWidget *caption = gtk_label_new (number);
  GtkWidget *task = gtk_label_new (step->task);
  GtkWidget *hint = gtk_label_new (step->hint);
  GtkWidget *solutions = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_hexpand (text, TRUE);

  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_widget_add_css_class (caption, "caption-heading");
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (task), 0);
  gtk_label_set_wrap (GTK_LABEL (task), TRUE);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_selectable (GTK_LABEL (hint), TRUE);
  for (guint i = 0; i < step->solutions->len; i++)
    gtk_box_append (GTK_BOX (solutions), code_box (step->solutions->pdata[i], _("Copy the command")));

  gtk_box_append (GTK_BOX (text), caption);
  gtk_box_append (GTK_BOX (text), task);
  gtk_box_append (GTK_BOX (text), expander (_("_Hint"), hint));
  gtk_box_append (GTK_BOX (text), expander (_("S_olution"), solutions));
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), text);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, step->task, -1);
  g_ptr_array_add (self->step_icons, icon);
  return row;
}

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_widget_unparent (child);
}

static void
update_detail (VwExercisesPane *self)
{
  guint n_steps, n_done;
  gboolean fits, sandbox;
  const char *error;
  g_autofree char *progress = NULL;

  if (self->exercise == NULL)
    return;

  n_steps = vw_exercise_get_n_steps (self->exercise);
  n_done = self->run != NULL ? vw_exercise_run_get_n_done (self->run) : 0;
  fits = self->run != NULL && vw_exercise_run_get_fits (self->run);
  sandbox = self->connection != NULL && vw_connection_is_sandbox (self->connection);
  error = self->run != NULL ? vw_exercise_run_get_error (self->run) : NULL;

  for (guint i = 0; i < self->step_icons->len; i++)
    set_status_icon (self->step_icons->pdata[i], fits && error == NULL && self->run != NULL
                                                 && vw_exercise_run_get_step_done (self->run, i));

  /* Translators: "2 of 3 steps done" */
  progress = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u step done", "%u of %u steps done", n_steps),
                              fits && error == NULL ? n_done : 0, n_steps);
  gtk_label_set_label (self->progress_label, progress);
  gtk_widget_set_visible (GTK_WIDGET (self->reset_button),
                          (vw_exercise_get_fits (self->exercise) & VW_EXERCISE_FITS_SANDBOX) != 0);

  if (self->connection == NULL)
    {
      gtk_label_set_label (self->notice_label, _("The lab has no connection open: open one to have the steps "
                                                 "checked."));
      gtk_widget_set_visible (GTK_WIDGET (self->notice_button), TRUE);
    }
  else if (!fits)
    {
      gtk_label_set_label (self->notice_label,
                           sandbox ? _("This exercise needs a QEMU connection: it creates real objects that the "
                                       "sandbox cannot run.")
                                   : _("This exercise uses the sandbox's machines, which this connection does not "
                                       "have. Do it in the sandbox, where the steps are checked."));
      gtk_widget_set_visible (GTK_WIDGET (self->notice_button), !sandbox);
    }
  else if (error != NULL)
    {
      gtk_label_set_label (self->notice_label, error);
      gtk_widget_set_visible (GTK_WIDGET (self->notice_button), FALSE);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->notice_box), self->connection == NULL || !fits || error != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->complete_label),
                          self->run != NULL && vw_exercise_run_get_complete (self->run));
}

static void
on_run_evaluated (VwExercisesPane *self)
{
  update_detail (self);
  if (self->run != NULL && vw_exercise_run_get_complete (self->run) && self->progress != NULL
      && vw_progress_set_exercise_done (self->progress, vw_exercise_get_id (self->exercise)))
    {
      /* Translators: a toast; %s is an exercise's title */
      g_autofree char *message = g_strdup_printf (_("Exercise complete: %s"), vw_exercise_get_title (self->exercise));

      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-message", "s", message);
      rebuild_list (self);
    }
}

static void
stop_run (VwExercisesPane *self)
{
  if (self->run == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->run, self);
  vw_exercise_run_stop (self->run);
  g_clear_object (&self->run);
}

static void
start_run (VwExercisesPane *self)
{
  stop_run (self);
  if (self->exercise != NULL && self->connection != NULL)
    {
      self->run = vw_exercise_run_new (self->exercise, self->connection);
      g_signal_connect_swapped (self->run, "evaluated", G_CALLBACK (on_run_evaluated), self);
    }
  update_detail (self);
}

static void
build_detail (VwExercisesPane *self)
{
  GtkWidget *child;

  g_ptr_array_set_size (self->step_icons, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->steps_list))) != NULL)
    gtk_list_box_remove (self->steps_list, child);
  clear_box (GTK_WIDGET (self->files_box));

  gtk_label_set_label (self->detail_title, vw_exercise_get_title (self->exercise));
  gtk_label_set_label (self->goal_label, vw_exercise_get_goal (self->exercise));
  for (guint i = 0; i < vw_exercise_get_n_files (self->exercise); i++)
    {
      const VwExerciseFile *file = vw_exercise_get_file (self->exercise, i);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      /* Translators: %s is a file name such as study.xml */
      g_autofree char *heading = g_strdup_printf (_("The file %s"), file->name);
      GtkWidget *label = gtk_label_new (heading);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "heading");
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), code_box (file->contents, _("Copy the file's contents")));
      gtk_box_append (self->files_box, box);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->files_box), vw_exercise_get_n_files (self->exercise) > 0);
  for (guint i = 0; i < vw_exercise_get_n_steps (self->exercise); i++)
    gtk_list_box_append (self->steps_list, step_row (self, i, vw_exercise_get_step (self->exercise, i)));
}

/**
 * vw_exercises_pane_show_exercise:
 * @id: (nullable): an exercise id, or %NULL for the list
 *
 * Returns: whether the exercise exists
 */
gboolean
vw_exercises_pane_show_exercise (VwExercisesPane *self,
                                 const char      *id)
{
  VwExercise *exercise;

  g_return_val_if_fail (VW_IS_EXERCISES_PANE (self), FALSE);

  exercise = self->catalog != NULL ? vw_exercise_catalog_lookup (self->catalog, id) : NULL;
  if (exercise == NULL)
    {
      stop_run (self);
      g_clear_object (&self->exercise);
      gtk_stack_set_visible_child_name (self->stack, "list");
      return FALSE;
    }
  g_set_object (&self->exercise, exercise);
  build_detail (self);
  start_run (self);
  gtk_stack_set_visible_child_name (self->stack, "detail");
  return TRUE;
}

void
vw_exercises_pane_set_objective (VwExercisesPane *self,
                                 const char      *objective)
{
  g_return_if_fail (VW_IS_EXERCISES_PANE (self));

  if (g_strcmp0 (self->objective, objective) == 0)
    return;
  g_free (self->objective);
  self->objective = g_strdup (objective);
  g_clear_object (&self->exercises);
  if (self->catalog != NULL && objective != NULL)
    self->exercises = vw_exercise_catalog_for_objective (self->catalog, objective);
  rebuild_list (self);
  if (self->exercise != NULL && g_strcmp0 (vw_exercise_get_objective (self->exercise), objective) != 0)
    vw_exercises_pane_show_exercise (self, NULL);
}

void
vw_exercises_pane_set_connection (VwExercisesPane *self,
                                  VwConnection    *connection)
{
  g_return_if_fail (VW_IS_EXERCISES_PANE (self));

  if (!g_set_object (&self->connection, connection))
    return;
  start_run (self);
}

void
vw_exercises_pane_set_catalog (VwExercisesPane   *self,
                               VwExerciseCatalog *catalog,
                               VwProgress        *progress)
{
  g_return_if_fail (VW_IS_EXERCISES_PANE (self));

  g_set_object (&self->catalog, catalog);
  g_set_object (&self->progress, progress);
  g_clear_object (&self->exercises);
  if (self->catalog != NULL && self->objective != NULL)
    self->exercises = vw_exercise_catalog_for_objective (self->catalog, self->objective);
  rebuild_list (self);
}

VwExerciseRun *
vw_exercises_pane_get_run (VwExercisesPane *self)
{
  g_return_val_if_fail (VW_IS_EXERCISES_PANE (self), NULL);
  return self->run;
}

guint
vw_exercises_pane_get_n_listed (VwExercisesPane *self)
{
  g_return_val_if_fail (VW_IS_EXERCISES_PANE (self), 0);
  return self->exercises != NULL ? g_list_model_get_n_items (self->exercises) : 0;
}

/* ----- Actions ----- */

static void
show_list_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  vw_exercises_pane_show_exercise (VW_EXERCISES_PANE (widget), NULL);
}

static void
reset_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  VwExercisesPane *self = VW_EXERCISES_PANE (widget);

  if (self->exercise != NULL)
    gtk_widget_activate_action (widget, "win.reset-exercise", "s", vw_exercise_get_id (self->exercise));
}

static void
use_sandbox_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  gtk_widget_activate_action (widget, "win.use-sandbox", NULL);
}

/* Back from a terminal where virsh did a step: some changes (autostart,
 * a volume, a snapshot) send no libvirt event, so look again. */
static void
on_window_active (VwExercisesPane *self)
{
  if (self->run != NULL && gtk_window_is_active (self->window))
    vw_exercise_run_refresh (self->run);
}

static void
vw_exercises_pane_root (GtkWidget *widget)
{
  VwExercisesPane *self = VW_EXERCISES_PANE (widget);

  GTK_WIDGET_CLASS (vw_exercises_pane_parent_class)->root (widget);
  self->window = GTK_WINDOW (gtk_widget_get_root (widget));
  g_signal_connect_object (self->window, "notify::is-active", G_CALLBACK (on_window_active), self,
                           G_CONNECT_SWAPPED);
}

static void
vw_exercises_pane_unroot (GtkWidget *widget)
{
  VwExercisesPane *self = VW_EXERCISES_PANE (widget);

  if (self->window != NULL)
    g_signal_handlers_disconnect_by_data (self->window, self);
  self->window = NULL;
  GTK_WIDGET_CLASS (vw_exercises_pane_parent_class)->unroot (widget);
}

static void
vw_exercises_pane_dispose (GObject *object)
{
  VwExercisesPane *self = VW_EXERCISES_PANE (object);

  stop_run (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), VW_TYPE_EXERCISES_PANE);
  g_clear_object (&self->exercise);
  g_clear_object (&self->exercises);
  g_clear_object (&self->connection);
  g_clear_object (&self->catalog);
  g_clear_object (&self->progress);
  G_OBJECT_CLASS (vw_exercises_pane_parent_class)->dispose (object);
}

static void
vw_exercises_pane_finalize (GObject *object)
{
  VwExercisesPane *self = VW_EXERCISES_PANE (object);

  g_free (self->objective);
  g_ptr_array_unref (self->step_icons);
  G_OBJECT_CLASS (vw_exercises_pane_parent_class)->finalize (object);
}

static void
vw_exercises_pane_class_init (VwExercisesPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vw_exercises_pane_dispose;
  object_class->finalize = vw_exercises_pane_finalize;
  widget_class->root = vw_exercises_pane_root;
  widget_class->unroot = vw_exercises_pane_unroot;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/virtworkbench/Workbench/vw-exercises-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, VwExercisesPane, stack);
  gtk_widget_class_bind_template_child (widget_class, VwExercisesPane, list_title);
  gtk_widget_class_bind_template_child (widget_class, VwExercisesPane, exercise_list);
  gtk_widget_class_bind_template_child (widget_class, VwExercisesPane, errors_label);
  gtk_widget_class_bind_template_child (widget_class, VwExercisesPane, empty_page);
  gtk_widget_class_bind_template_child (widget_class, VwExercisesPane, progress_label);
  gtk_widget_class_bind_template_child (widget_class, VwExercisesPane, reset_button);
  gtk_widget_class_bind_template_child (widget_class, VwExercisesPane, detail_title);
  gtk_widget_class_bind_template_child (widget_class, VwExercisesPane, goal_label);
  gtk_widget_class_bind_template_child (widget_class, VwExercisesPane, notice_box);
  gtk_widget_class_bind_template_child (widget_class, VwExercisesPane, notice_label);
  gtk_widget_class_bind_template_child (widget_class, VwExercisesPane, notice_button);
  gtk_widget_class_bind_template_child (widget_class, VwExercisesPane, files_box);
  gtk_widget_class_bind_template_child (widget_class, VwExercisesPane, steps_list);
  gtk_widget_class_bind_template_child (widget_class, VwExercisesPane, complete_label);
  gtk_widget_class_bind_template_callback (widget_class, on_exercise_activated);

  gtk_widget_class_install_action (widget_class, "exercises.show-list", NULL, show_list_action);
  gtk_widget_class_install_action (widget_class, "exercises.reset", NULL, reset_action);
  gtk_widget_class_install_action (widget_class, "exercises.use-sandbox", NULL, use_sandbox_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "exercisespane");
}

static void
vw_exercises_pane_init (VwExercisesPane *self)
{
  self->step_icons = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
