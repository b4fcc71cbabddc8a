/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-window"

#include "config.h"

#include <glib/gi18n.h>

#include "vw-application.h"
#include "vw-bench.h"
#include "vw-connection.h"
#include "vw-lab-page.h"
#include "vw-notes-page.h"
#include "vw-sandbox.h"
#include "vw-topic-list.h"
#include "vw-topic-row.h"
#include "vw-window-private.h"
#include "vw-workspace.h"

G_DEFINE_FINAL_TYPE (VwWindow, vw_window, ADW_TYPE_APPLICATION_WINDOW)

static GtkWidget *
create_topic_row (gpointer item,
                  gpointer user_data)
{
  return vw_topic_row_new (VW_TOPIC (item));
}

/* A heading above the first objective of each exam topic. */
static void
update_topic_header (GtkListBoxRow *row,
                     GtkListBoxRow *before,
                     gpointer       user_data)
{
  VwTopic *topic = vw_topic_row_get_topic (VW_TOPIC_ROW (row));
  VwTopic *previous = before != NULL ? vw_topic_row_get_topic (VW_TOPIC_ROW (before)) : NULL;
  g_autofree char *text = NULL;
  GtkWidget *header;

  if (previous != NULL && g_strcmp0 (vw_topic_get_group (topic), vw_topic_get_group (previous)) == 0)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  /* Translators: an exam topic heading, such as "Topic 351 · Full virtualization" */
  text = g_strdup_printf (_("Topic %s · %s"), vw_topic_get_group (topic), vw_topic_get_group_title (topic));
  header = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_label_set_wrap (GTK_LABEL (header), TRUE);
  gtk_widget_add_css_class (header, "topic-group-header");
  gtk_list_box_row_set_header (row, header);
}

static void
show_topic (VwWindow *self,
            VwTopic  *topic,
            guint     position)
{
  g_autofree char *title = NULL;
  GtkListBoxRow *row;

  g_free (self->current_topic);
  self->current_topic = g_strdup (vw_topic_get_id (topic));

  row = gtk_list_box_get_row_at_index (self->topic_list, (int) position);
  if (row != NULL && gtk_list_box_get_selected_row (self->topic_list) != row)
    gtk_list_box_select_row (self->topic_list, row);

  vw_notes_page_set_topic (self->notes_page, topic);
  vw_exercises_pane_set_objective (self->exercises_pane, self->current_topic);
  vw_exam_page_select_objective (self->exam_page, self->current_topic);
  gtk_stack_set_visible_child_name (self->content_stack, "study");
  title = g_strdup_printf ("%s %s", vw_topic_get_id (topic), vw_topic_get_title (topic));
  adw_window_title_set_title (self->content_title, title);
  g_settings_set_string (self->settings, "last-topic", self->current_topic);
}

/**
 * vw_window_select_topic:
 * @id: an objective id such as "351.4"
 *
 * Returns: %FALSE, after telling the user, when no objective has that id
 */
gboolean
vw_window_select_topic (VwWindow   *self,
                        const char *id)
{
  VwTopic *topic;
  guint position = 0;

  g_return_val_if_fail (VW_IS_WINDOW (self), FALSE);

  if (self->topics == NULL)
    return FALSE;

  topic = vw_topic_list_find (self->topics, id, &position);
  if (topic == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("No exam objective is called “%s”"), id);

      vw_window_show_message (self, message);
      return FALSE;
    }

  show_topic (self, topic, position);
  return TRUE;
}

static void
on_topic_row_activated (VwWindow      *self,
                        GtkListBoxRow *row,
                        GtkListBox    *list)
{
  VwTopic *topic = vw_topic_row_get_topic (VW_TOPIC_ROW (row));

  show_topic (self, topic, (guint) gtk_list_box_row_get_index (row));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* A row selected without being activated (by an assistive technology's
 * selection, say) shows its objective too. */
static void
on_topic_row_selected (VwWindow      *self,
                       GtkListBoxRow *row,
                       GtkListBox    *list)
{
  VwTopic *topic;

  if (!VW_IS_TOPIC_ROW (row))
    return;
  topic = vw_topic_row_get_topic (VW_TOPIC_ROW (row));
  if (g_strcmp0 (vw_topic_get_id (topic), self->current_topic) != 0)
    show_topic (self, topic, (guint) gtk_list_box_row_get_index (row));
}

static void
select_topic_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  VwWindow *self = VW_WINDOW (widget);

  /* On a folded window, show the objective rather than the sidebar. */
  if (vw_window_select_topic (self, g_variant_get_string (parameter, NULL)))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
select_domain_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  vw_window_select_domain (VW_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
show_sidebar_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  VwWindow *self = VW_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

void
vw_window_show_message (VwWindow   *self,
                        const char *message)
{
  AdwToast *toast;

  g_return_if_fail (VW_IS_WINDOW (self));

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
vw_window_connect (VwWindow   *self,
                   const char *uri)
{
  g_return_if_fail (VW_IS_WINDOW (self));
  vw_lab_page_connect (self->lab_page, uri);
}

void
vw_window_select_domain (VwWindow   *self,
                         const char *name)
{
  g_return_if_fail (VW_IS_WINDOW (self));
  vw_lab_page_select_domain (self->lab_page, name);
}

/* The machine's console, in the lab alone (the notes are a click away). */
void
vw_window_show_console (VwWindow   *self,
                        const char *name)
{
  g_return_if_fail (VW_IS_WINDOW (self));
  gtk_widget_activate_action (GTK_WIDGET (self), "win.view-mode", "s", "lab");
  /* A narrow window shows the content, not the list of objectives. */
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  vw_lab_page_show_console (self->lab_page, name);
}

GtkWidget *
vw_window_get_exercises_pane (VwWindow *self)
{
  g_return_val_if_fail (VW_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->exercises_pane);
}

VwNotesPage *
vw_window_get_notes_page (VwWindow *self)
{
  g_return_val_if_fail (VW_IS_WINDOW (self), NULL);
  return self->notes_page;
}

VwLabPage *
vw_window_get_lab_page (VwWindow *self)
{
  g_return_val_if_fail (VW_IS_WINDOW (self), NULL);
  return self->lab_page;
}

static gint64 frame_started;

static void
on_before_paint (GdkFrameClock *clock,
                 VwWindow      *self)
{
  frame_started = g_get_monotonic_time ();
}

/* For tests/bench/: how long GTK took to lay out and draw each frame, so
 * that a stall can be told apart from our own work. */
static void
on_after_paint (GdkFrameClock *clock,
                VwWindow      *self)
{
  static gboolean first = TRUE;
  double ms = (g_get_monotonic_time () - frame_started) / 1000.0;

  if (first)
    vw_bench_mark ("first-frame", NULL);
  first = FALSE;
  vw_bench_frame (ms);
}

static void
vw_window_realize (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (vw_window_parent_class)->realize (widget);

  if (vw_bench_enabled ())
    {
      g_signal_connect (gtk_widget_get_frame_clock (widget), "before-paint", G_CALLBACK (on_before_paint), widget);
      g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint", G_CALLBACK (on_after_paint), widget);
    }
}

/* Readiness: the share of each objective's sections read, in its sidebar
 * row, and over all of them weighted as the exam weighs them. */
void
vw_window_update_readiness (VwWindow   *self,
                            VwProgress *progress)
{
  guint n_attempts = self->history != NULL ? vw_exam_history_get_n (self->history) : 0;
  g_autoptr(GArray) objectives = g_array_new (FALSE, FALSE, sizeof (VwProgressObjective));
  g_autofree char *subtitle = NULL;
  guint n = self->topics != NULL ? g_list_model_get_n_items (self->topics) : 0;
  double overall;

  for (guint i = 0; i < n && self->sections != NULL && i < self->sections->len; i++)
    {
      g_autoptr(VwTopic) topic = g_list_model_get_item (self->topics, i);
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->topic_list, (int) i);
      const char * const *anchors = g_ptr_array_index (self->sections, i);
      VwProgressObjective objective = { vw_topic_get_id (topic), vw_topic_get_weight (topic),
                                        anchors };

      if (VW_IS_TOPIC_ROW (row))
        vw_topic_row_set_read_fraction (VW_TOPIC_ROW (row),
                                        vw_progress_objective_fraction (progress,
                                                                        objective.objective_id,
                                                                        anchors));
      g_array_append_val (objectives, objective);
    }
  overall = vw_progress_overall_fraction (progress, (VwProgressObjective *) objectives->data,
                                          objectives->len);
  /* Translators: the sidebar's subtitle: the exam, and how much of its
   * notes the learner has read, weighted by the exam's weights */
  if (n_attempts > 0)
    /* Translators: the sidebar's subtitle: how much of the notes the
     * learner has read (weighted by the exam's weights), and the score of
     * their last mock exam out of 800 */
    subtitle = g_strdup_printf (_("LPIC-3 305-300 · %.0f %% read · last exam %u"), overall * 100,
                                vw_exam_history_get (self->history, n_attempts - 1)->score);
  else
    subtitle = g_strdup_printf (_("LPIC-3 305-300 · %.0f %% read"), overall * 100);
  adw_window_title_set_subtitle (self->sidebar_title, subtitle);
}

static void
on_progress_changed (VwProgress *progress,
                     const char *objective_id,
                     VwWindow   *self)
{
  vw_window_update_readiness (self, progress);
}

/* A full disk or a read-only folder: the learner is told once per
 * failure; what they read stays in memory and is written at the next
 * change. */
static void
on_progress_save_failed (VwProgress   *progress,
                         const GError *error,
                         VwWindow     *self)
{
  g_autofree char *message = g_strdup_printf (_("Your reading progress could not be saved (%s); it is kept and "
                                                "saved again at the next change"), error->message);

  vw_window_show_message (self, message);
}

static void
watch_progress (VwWindow      *self,
                VwApplication *app)
{
  VwProgress *progress = vw_application_get_progress (app);
  const GError *error = vw_application_get_progress_error (app);
  VwNotesLibrary *english;
  guint n;

  if (progress == NULL || self->topics == NULL)
    return;
  english = vw_application_get_notes (app, "en");
  n = g_list_model_get_n_items (self->topics);
  self->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VwTopic) topic = g_list_model_get_item (self->topics, i);

      g_ptr_array_add (self->sections, vw_notes_library_sections (english, vw_topic_get_id (topic)));
    }
  self->progress = progress;
  g_signal_connect_object (progress, "changed", G_CALLBACK (on_progress_changed), self, 0);
  g_signal_connect_object (progress, "save-failed", G_CALLBACK (on_progress_save_failed), self, 0);
  vw_window_update_readiness (self, progress);
  if (error != NULL)
    vw_window_show_message (self, error->message);
}

static void
vw_window_constructed (GObject *object)
{
  VwWindow *self = VW_WINDOW (object);
  GtkApplication *app;
  g_autofree char *last_topic = NULL;

  G_OBJECT_CLASS (vw_window_parent_class)->constructed (object);

  app = gtk_window_get_application (GTK_WINDOW (self));
  if (VW_IS_APPLICATION (app))
    self->topics = vw_application_get_topics (VW_APPLICATION (app));
  if (self->topics == NULL)
    {
      g_autoptr(GError) error = NULL;

      /* Used without VwApplication (some tests): load them ourselves. */
      self->topics = vw_topic_list_load_default (&error);
      if (self->topics == NULL)
        vw_window_show_message (self, error->message);
    }
  else
    g_object_ref (self->topics);

  if (self->topics != NULL)
    gtk_list_box_bind_model (self->topic_list, self->topics, create_topic_row, self, NULL);
  vw_notes_page_set_topics (self->notes_page, self->topics);

  last_topic = g_settings_get_string (self->settings, "last-topic");
  if (self->topics != NULL && !vw_window_select_topic (self, last_topic))
    vw_window_select_topic (self, "351.1");
}

static void
vw_window_dispose (GObject *object)
{
  VwWindow *self = VW_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), VW_TYPE_WINDOW);

  G_OBJECT_CLASS (vw_window_parent_class)->dispose (object);
}

static void
vw_window_finalize (GObject *object)
{
  VwWindow *self = VW_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->connections);
  g_clear_object (&self->topics);
  g_clear_object (&self->exercises);
  g_clear_object (&self->history);
  g_free (self->current_topic);
  g_clear_pointer (&self->sections, g_ptr_array_unref);

  G_OBJECT_CLASS (vw_window_parent_class)->finalize (object);
}

static void
vw_window_class_init (VwWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = vw_window_constructed;
  object_class->dispose = vw_window_dispose;
  object_class->finalize = vw_window_finalize;
  widget_class->realize = vw_window_realize;

  g_type_ensure (VW_TYPE_WORKSPACE);
  g_type_ensure (VW_TYPE_NOTES_PAGE);
  g_type_ensure (VW_TYPE_LAB_PAGE);
  g_type_ensure (VW_TYPE_EXERCISES_PANE);
  g_type_ensure (VW_TYPE_EXAM_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/vw-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VwWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, VwWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, VwWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, VwWindow, topic_list);
  gtk_widget_class_bind_template_child (widget_class, VwWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, VwWindow, workspace);
  gtk_widget_class_bind_template_child (widget_class, VwWindow, notes_page);
  gtk_widget_class_bind_template_child (widget_class, VwWindow, lab_page);
  gtk_widget_class_bind_template_child (widget_class, VwWindow, study_stack);
  gtk_widget_class_bind_template_child (widget_class, VwWindow, exercises_pane);
  gtk_widget_class_bind_template_child (widget_class, VwWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, VwWindow, exam_page);
  gtk_widget_class_bind_template_callback (widget_class, on_topic_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_topic_row_selected);

  gtk_widget_class_install_action (widget_class, "win.select-topic", "s", select_topic_action);
  gtk_widget_class_install_action (widget_class, "win.select-domain", "s", select_domain_action);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, show_sidebar_action);
  vw_window_study_install_actions (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK,
                                       "win.view-mode", "s", "notes");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_CONTROL_MASK,
                                       "win.view-mode", "s", "both");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_CONTROL_MASK,
                                       "win.view-mode", "s", "lab");
}

static void
vw_window_init (VwWindow *self)
{
  g_autoptr(GAction) view_mode = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);

  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "split-position", self->workspace, "position", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "view-mode", self->workspace, "view-mode", G_SETTINGS_BIND_DEFAULT);

  /* A stateful action on the same key: the three toggle buttons in the
   * header bar and Ctrl+1/2/3 all go through it. */
  view_mode = g_settings_create_action (self->settings, "view-mode");
  g_action_map_add_action (G_ACTION_MAP (self), view_mode);

  gtk_list_box_set_header_func (self->topic_list, update_topic_header, NULL, NULL);

  self->connections = vw_connection_list_new (self->settings);
  vw_lab_page_set_connections (self->lab_page, self->connections, self->settings);
}

/**
 * vw_window_new:
 * @uri: (nullable): the connection to show; %NULL for the one shown last
 */
VwWindow *
vw_window_new (VwApplication *application,
               const char    *uri)
{
  VwWindow *self = g_object_new (VW_TYPE_WINDOW, "application", application, NULL);
  g_autofree char *last = NULL;

  /* The application is set after construction. */
  if (application != NULL)
    watch_progress (self, application);
  vw_window_setup_exercises (self, application);
  vw_window_setup_exam (self, application);

  if (uri == NULL)
    {
      last = g_settings_get_string (self->settings, "current-connection");
      /* Only a connection still in the list comes back by itself. */
      if (*last != '\0' && vw_connection_list_find (self->connections, last) != NULL)
        uri = last;
    }
  vw_lab_page_connect (self->lab_page, uri);
  return self;
}

VwConnectionList *
vw_window_get_connections (VwWindow *self)
{
  g_return_val_if_fail (VW_IS_WINDOW (self), NULL);
  return self->connections;
}
