/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-notes-page"

#include "config.h"

#include <glib/gi18n.h>

#include "vw-application.h"
#include "vw-note-view.h"
#include "vw-notes-bookmarks.h"
#include "vw-notes-page-private.h"
#include "vw-notes-search.h"
#include "vw-topic-list.h"
#include "vw-widget-util.h"

/* The notes pane: a toolbar (previous and next objective, search,
 * contents, bookmarks, options), the objective's header, and its note.
 * Sections count as read once the reader has scrolled to their end. */

#define ZOOM_STEP 0.1

G_DEFINE_FINAL_TYPE (VwNotesPage, vw_notes_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TOPIC,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
bullet_new (const char *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *bullet = gtk_label_new ("•");
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (bullet, GTK_ALIGN_START);
  gtk_widget_add_css_class (bullet, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), bullet);
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

static GtkWidget *
chip_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "cited-object");
  gtk_widget_set_halign (label, GTK_ALIGN_START);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  return label;
}

static const char *
topic_id (VwNotesPage *self)
{
  return self->topic != NULL ? vw_topic_get_id (self->topic) : NULL;
}

/* The id reading progress keeps for level-2 heading @index of the note:
 * the English note's anchor there, so that progress survives a change of
 * language (translations keep the English headings' order). */
static const char *
section_id (VwNotesPage *self,
            guint        heading)
{
  const VwNoteHeading *h = &g_array_index (self->doc->headings, VwNoteHeading, heading);
  guint index = 0;

  for (guint i = 0; i < heading; i++)
    if (g_array_index (self->doc->headings, VwNoteHeading, i).level == 2)
      index++;
  if (self->section_ids != NULL && index < g_strv_length (self->section_ids))
    return self->section_ids[index];
  return h->anchor;
}

static void
update_weight_label (VwNotesPage *self)
{
  g_autofree char *text = NULL;
  guint weight, total, read = 0;

  if (self->topic == NULL)
    return;
  weight = vw_topic_get_weight (self->topic);
  total = self->section_ids != NULL ? g_strv_length (self->section_ids) : 0;
  for (guint i = 0; i < total && self->progress != NULL; i++)
    read += vw_progress_is_read (self->progress, topic_id (self), self->section_ids[i]);
  /* Translators: "Weight 9: about 9 of the exam’s 60 questions · 3 of 12 sections read" */
  text = g_strdup_printf (_("Weight %u: about %u of the exam’s 60 questions · %u of %u sections read"),
                          weight, weight, read, total);
  gtk_label_set_label (self->weight_label, text);
}

/* Reading: the section at the top of the view is the current one, and a
 * section whose end has come into view has been read. */
static gboolean
update_reading (gpointer data)
{
  VwNotesPage *self = data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  graphene_point_t top, bottom;
  guint top_offset, bottom_offset;
  gboolean at_end;
  int current;

  self->reading_id = 0;
  if (self->doc == NULL || self->doc->headings->len == 0
      || !gtk_widget_compute_point (GTK_WIDGET (self->scroller), GTK_WIDGET (self->note_view),
                                    &GRAPHENE_POINT_INIT (0, 0), &top)
      || !gtk_widget_compute_point (GTK_WIDGET (self->scroller), GTK_WIDGET (self->note_view),
                                    &GRAPHENE_POINT_INIT (0, gtk_widget_get_height (GTK_WIDGET (self->scroller))),
                                    &bottom))
    return G_SOURCE_REMOVE;

  top_offset = vw_note_view_y_to_offset (self->note_view, (int) top.y + 24);
  bottom_offset = vw_note_view_y_to_offset (self->note_view, (int) bottom.y);
  at_end = gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment)
           >= gtk_adjustment_get_upper (adjustment) - 2;

  current = vw_note_doc_heading_at (self->doc, top.y < 0 ? 0 : top_offset);
  if (current != self->current_heading)
    {
      const VwNoteHeading *heading = current >= 0
                                     ? &g_array_index (self->doc->headings, VwNoteHeading, current)
                                     : NULL;
      GtkListBoxRow *row = NULL;

      self->current_heading = current;
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->contents_button),
                                   heading != NULL && heading->level > 1 ? heading->title
                                                                         : _("Contents"));
      for (int i = 0; (row = gtk_list_box_get_row_at_index (self->contents_list, i)) != NULL; i++)
        if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "vw-heading")) <= current)
          gtk_list_box_select_row (self->contents_list, row);
    }

  if (self->progress == NULL || !self->reading_enabled)
    return G_SOURCE_REMOVE;
  for (guint i = 0; i < self->doc->headings->len; i++)
    {
      const VwNoteHeading *heading = &g_array_index (self->doc->headings, VwNoteHeading, i);
      guint end = self->doc->length;

      if (heading->level != 2)
        continue;
      for (guint j = i + 1; j < self->doc->headings->len; j++)
        if (g_array_index (self->doc->headings, VwNoteHeading, j).level <= 2)
          {
            end = g_array_index (self->doc->headings, VwNoteHeading, j).offset;
            break;
          }
      if (heading->offset <= bottom_offset && (end <= bottom_offset || at_end))
        vw_progress_mark_read (self->progress, topic_id (self), section_id (self, i));
    }
  return G_SOURCE_REMOVE;
}

static void
schedule_reading (VwNotesPage *self)
{
  if (self->reading_id == 0)
    self->reading_id = g_timeout_add (150, update_reading, self);
}

static void
on_scrolled (GtkAdjustment *adjustment,
             VwNotesPage   *self)
{
  /* Only scrolling by the reader reads: not the jump to the top. */
  self->reading_enabled = TRUE;
  schedule_reading (self);
}

/* Scrolling to a character waits for the text view to have laid out its
 * lines (it does so a screen at a time, in idle time): the target is
 * applied every frame until its place stops moving. */
static gboolean
apply_scroll_target (GtkWidget     *widget,
                     GdkFrameClock *clock,
                     gpointer       data)
{
  VwNotesPage *self = VW_NOTES_PAGE (widget);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  int y = vw_note_view_offset_to_y (self->note_view, self->scroll_target);
  graphene_point_t point;

  if (y < 0 || !gtk_widget_compute_point (GTK_WIDGET (self->note_view), self->clamp,
                                          &GRAPHENE_POINT_INIT (0, y), &point))
    {
      self->scroll_tick = 0;
      return G_SOURCE_REMOVE;
    }
  gtk_adjustment_set_value (adjustment, MAX (0, point.y - 12));
  if ((int) point.y == self->scroll_last_y)
    self->scroll_stable++;
  else
    self->scroll_stable = 0;
  self->scroll_last_y = (int) point.y;
  if (self->scroll_stable >= 3 || g_get_monotonic_time () > self->scroll_deadline)
    {
      self->scroll_tick = 0;
      schedule_reading (self);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
scroll_to_offset (VwNotesPage *self,
                  guint        offset)
{
  self->scroll_target = offset;
  self->scroll_stable = 0;
  self->scroll_last_y = -1;
  self->scroll_deadline = g_get_monotonic_time () + G_USEC_PER_SEC;
  if (self->scroll_tick == 0)
    self->scroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), apply_scroll_target,
                                                      NULL, NULL);
}

static void
on_contents_row_activated (GtkListBox    *list,
                           GtkListBoxRow *row,
                           VwNotesPage   *self)
{
  guint heading = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "vw-heading"));

  gtk_popover_popdown (self->contents_popover);
  if (self->doc != NULL && heading < self->doc->headings->len)
    scroll_to_offset (self, g_array_index (self->doc->headings, VwNoteHeading, heading).offset);
}

static void
rebuild_contents (VwNotesPage *self)
{
  vw_widget_remove_children (GTK_WIDGET (self->contents_list));
  for (guint i = 0; self->doc != NULL && i < self->doc->headings->len; i++)
    {
      const VwNoteHeading *heading = &g_array_index (self->doc->headings, VwNoteHeading, i);
      GtkWidget *row, *label;

      if (heading->level < 2 || heading->level > 3)
        continue;
      label = gtk_label_new (heading->title);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
      gtk_widget_set_margin_start (label, heading->level == 3 ? 18 : 0);
      if (heading->level == 3)
        gtk_widget_add_css_class (label, "dim-label");
      row = gtk_list_box_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      g_object_set_data (G_OBJECT (row), "vw-heading", GUINT_TO_POINTER (i));
      gtk_list_box_append (self->contents_list, row);
    }
}

static void
show_note (VwNotesPage *self)
{
  g_autoptr(GError) error = NULL;
  gboolean fallback = FALSE;

  self->doc = NULL;
  self->current_heading = -2;
  g_clear_pointer (&self->section_ids, g_strfreev);
  if (self->topic != NULL && self->library != NULL)
    {
      self->doc = vw_notes_library_get_doc (self->library, topic_id (self), &fallback, &error);
      if (self->english != NULL)
        self->section_ids = vw_notes_library_sections (self->english, topic_id (self));
    }
  vw_note_view_show (self->note_view, self->library, self->doc);
  rebuild_contents (self);

  if (error != NULL)
    gtk_label_set_label (self->fallback_label, error->message);
  else if (fallback)
    gtk_label_set_label (self->fallback_label,
                         _("This objective is not translated yet: here are its English notes."));
  gtk_revealer_set_reveal_child (self->fallback_revealer, error != NULL || fallback);
  update_weight_label (self);
}

static void
rebuild (VwNotesPage *self)
{
  g_autofree char *id = NULL;
  const char * const *areas;
  const char * const *cited;

  vw_widget_remove_children (GTK_WIDGET (self->areas_box));
  vw_widget_remove_children (GTK_WIDGET (self->cited_box));
  self->reading_enabled = FALSE;

  if (self->topic != NULL)
    {
      /* Translators: "Objective 351.4 · Topic 351" */
      id = g_strdup_printf (_("Objective %s · Topic %s"), vw_topic_get_id (self->topic),
                            vw_topic_get_group (self->topic));
      gtk_label_set_label (self->id_label, id);
      gtk_label_set_label (self->title_label, vw_topic_get_title (self->topic));

      areas = vw_topic_get_areas (self->topic);
      for (guint i = 0; areas[i] != NULL; i++)
        gtk_box_append (self->areas_box, bullet_new (areas[i]));
      cited = vw_topic_get_cited (self->topic);
      for (guint i = 0; cited[i] != NULL; i++)
        gtk_flow_box_append (self->cited_box, chip_new (cited[i]));
    }
  show_note (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  vw_notes_page_update_actions (self);
}

VwTopic *
vw_notes_page_get_topic (VwNotesPage *self)
{
  g_return_val_if_fail (VW_IS_NOTES_PAGE (self), NULL);
  return self->topic;
}

void
vw_notes_page_set_topic (VwNotesPage *self,
                         VwTopic     *topic)
{
  g_return_if_fail (VW_IS_NOTES_PAGE (self));
  g_return_if_fail (topic == NULL || VW_IS_TOPIC (topic));

  if (!g_set_object (&self->topic, topic))
    return;
  rebuild (self);
  if (self->pending_offset >= 0)
    {
      scroll_to_offset (self, (guint) self->pending_offset);
      vw_note_view_highlight (self->note_view, (guint) self->pending_offset,
                              (guint) self->pending_offset + self->pending_length);
      self->pending_offset = -1;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOPIC]);
}

void
vw_notes_page_go_to (VwNotesPage *self,
                     const char  *objective_id,
                     guint        offset,
                     guint        length)
{
  g_return_if_fail (VW_IS_NOTES_PAGE (self));
  g_return_if_fail (objective_id != NULL);

  if (g_strcmp0 (objective_id, topic_id (self)) == 0)
    {
      scroll_to_offset (self, offset);
      vw_note_view_highlight (self->note_view, offset, offset + length);
      return;
    }
  /* The window shows the objective (sidebar, title, settings) and sets it
   * here; the place is kept until then. */
  self->pending_offset = offset;
  self->pending_length = length;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.select-topic", "s", objective_id);
  self->pending_offset = -1;
}

guint
vw_notes_page_get_offset (VwNotesPage *self)
{
  graphene_point_t top;

  g_return_val_if_fail (VW_IS_NOTES_PAGE (self), 0);

  if (self->doc == NULL
      || !gtk_widget_compute_point (GTK_WIDGET (self->scroller), GTK_WIDGET (self->note_view),
                                    &GRAPHENE_POINT_INIT (0, 0), &top))
    return 0;
  return top.y <= 0 ? 0 : vw_note_view_y_to_offset (self->note_view, (int) top.y + 24);
}

VwNoteView *
vw_notes_page_get_note_view (VwNotesPage *self)
{
  g_return_val_if_fail (VW_IS_NOTES_PAGE (self), NULL);
  return self->note_view;
}

GtkScrolledWindow *
vw_notes_page_get_scroller (VwNotesPage *self)
{
  g_return_val_if_fail (VW_IS_NOTES_PAGE (self), NULL);
  return self->scroller;
}

const VwNoteDoc *
vw_notes_page_get_doc (VwNotesPage *self)
{
  g_return_val_if_fail (VW_IS_NOTES_PAGE (self), NULL);
  return self->doc;
}

/* The notes language: the setting, or the desktop's when it is empty. */
static void
load_library (VwNotesPage *self)
{
  VwApplication *app = VW_APPLICATION (g_application_get_default ());
  g_autofree char *setting = g_settings_get_string (self->settings, "notes-language");
  const char *language = *setting != '\0' ? setting : vw_notes_language_for_locale ();

  if (!VW_IS_APPLICATION (app))
    return;
  g_set_object (&self->library, vw_application_get_notes (app, language));
  g_set_object (&self->english, vw_application_get_notes (app, "en"));
  g_set_object (&self->progress, vw_application_get_progress (app));
  /* Only the language read is indexed (the English notes also serve the
   * section ids of reading progress, which need no index). */
  if (vw_notes_library_get_index (self->library) == NULL && self->topics != NULL)
    vw_notes_library_build_index (self->library, self->topics);
  vw_notes_search_set_index (self->search, vw_notes_library_get_index (self->library));
  vw_notes_bookmarks_set_progress (self->bookmarks, self->progress);
}

static void
on_language_changed (GSettings   *settings,
                     const char  *key,
                     VwNotesPage *self)
{
  guint offset = vw_notes_page_get_offset (self);
  int heading = self->doc != NULL ? vw_note_doc_heading_at (self->doc, offset) : -1;

  load_library (self);
  show_note (self);
  /* The same section in the other language. */
  if (heading >= 0 && self->doc != NULL && (guint) heading < self->doc->headings->len)
    scroll_to_offset (self, g_array_index (self->doc->headings, VwNoteHeading, heading).offset);
}

static void
on_zoom_changed (GSettings   *settings,
                 const char  *key,
                 VwNotesPage *self)
{
  vw_note_view_set_zoom (self->note_view, g_settings_get_double (settings, "notes-zoom"));
}

static void
on_progress_changed (VwProgress  *progress,
                     const char  *objective_id,
                     VwNotesPage *self)
{
  if (objective_id == NULL || g_strcmp0 (objective_id, topic_id (self)) == 0)
    update_weight_label (self);
}

static void
on_search_result (VwNotesSearch *search,
                  const char    *objective_id,
                  guint          offset,
                  guint          length,
                  VwNotesPage   *self)
{
  vw_notes_page_go_to (self, objective_id, offset, length);
}

static void
on_link_activated (VwNoteView  *view,
                   const char  *url,
                   VwNotesPage *self)
{
  vw_notes_page_follow_link (self, url);
}

static void
on_try_in_lab (VwNoteView  *view,
               const char  *command,
               VwNotesPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.try-in-lab", "s", command);
}

static void
on_add_bookmark (VwNotesBookmarks *bookmarks,
                 VwNotesPage      *self)
{
  guint offset = vw_notes_page_get_offset (self);
  int heading = self->doc != NULL ? vw_note_doc_heading_at (self->doc, offset) : -1;

  if (self->progress == NULL || self->doc == NULL)
    return;
  vw_progress_add_bookmark (self->progress, topic_id (self),
                            heading >= 0 ? g_array_index (self->doc->headings, VwNoteHeading,
                                                          heading).anchor : "",
                            offset, "");
}

static void
on_bookmark_activated (VwNotesBookmarks *bookmarks,
                       VwBookmark       *bookmark,
                       VwNotesPage      *self)
{
  vw_notes_page_go_to (self, vw_bookmark_get_objective (bookmark),
                       vw_bookmark_get_offset (bookmark), 0);
}

static char *
bookmark_title (VwBookmark *bookmark,
                gpointer    user_data)
{
  VwNotesPage *self = user_data;
  const VwNoteDoc *doc = self->library != NULL
                         ? vw_notes_library_get_doc (self->library,
                                                     vw_bookmark_get_objective (bookmark),
                                                     NULL, NULL)
                         : NULL;
  int heading = doc != NULL ? vw_note_doc_heading_at (doc, vw_bookmark_get_offset (bookmark)) : -1;

  if (heading < 0)
    return g_strdup (vw_bookmark_get_objective (bookmark));
  return g_strdup_printf ("%s · %s", vw_bookmark_get_objective (bookmark),
                          g_array_index (doc->headings, VwNoteHeading, heading).title);
}

/* The page lays out its one child itself (no layout manager, which would
 * bypass this): the note view must know its width first. */
static void
vw_notes_page_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  gtk_widget_measure (gtk_widget_get_first_child (widget), orientation, for_size, minimum,
                      natural, minimum_baseline, natural_baseline);
}

static void
vw_notes_page_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  VwNotesPage *self = VW_NOTES_PAGE (widget);

  /* The clamp's width less the box's margins. */
  vw_note_view_fit_width (self->note_view, MIN (width, 760) - 36);
  gtk_widget_allocate (gtk_widget_get_first_child (widget), width, height, baseline, NULL);
}

static void
vw_notes_page_realize (GtkWidget *widget)
{
  VwNotesPage *self = VW_NOTES_PAGE (widget);

  GTK_WIDGET_CLASS (vw_notes_page_parent_class)->realize (widget);
  if (self->library == NULL)
    {
      load_library (self);
      if (self->progress != NULL)
        g_signal_connect_object (self->progress, "changed", G_CALLBACK (on_progress_changed),
                                 self, 0);
      show_note (self);
    }
}

static void
vw_notes_page_dispose (GObject *object)
{
  VwNotesPage *self = VW_NOTES_PAGE (object);

  g_clear_handle_id (&self->reading_id, g_source_remove);
  if (self->scroll_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick);
  self->scroll_tick = 0;
  gtk_widget_dispose_template (GTK_WIDGET (self), VW_TYPE_NOTES_PAGE);
  vw_widget_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->topic);
  g_clear_object (&self->topics);
  g_clear_object (&self->library);
  g_clear_object (&self->english);
  g_clear_object (&self->progress);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->section_ids, g_strfreev);

  G_OBJECT_CLASS (vw_notes_page_parent_class)->dispose (object);
}

static void
vw_notes_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  VwNotesPage *self = VW_NOTES_PAGE (object);

  switch (prop_id)
    {
    case PROP_TOPIC:
      g_value_set_object (value, self->topic);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vw_notes_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  VwNotesPage *self = VW_NOTES_PAGE (object);

  switch (prop_id)
    {
    case PROP_TOPIC:
      vw_notes_page_set_topic (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  VwNotesPage *self = VW_NOTES_PAGE (widget);
  double zoom = g_settings_get_double (self->settings, "notes-zoom");

  if (g_str_equal (action_name, "notes.zoom-in"))
    zoom += ZOOM_STEP;
  else if (g_str_equal (action_name, "notes.zoom-out"))
    zoom -= ZOOM_STEP;
  else
    zoom = 1.0;
  g_settings_set_double (self->settings, "notes-zoom", CLAMP (zoom, 0.6, 2.5));
}

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  VwNotesPage *self = VW_NOTES_PAGE (widget);
  VwTopic *next = vw_notes_page_neighbour (self, g_str_equal (action_name, "notes.next") ? 1 : -1);

  if (next != NULL)
    gtk_widget_activate_action (widget, "win.select-topic", "s", vw_topic_get_id (next));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  vw_notes_search_focus (VW_NOTES_PAGE (widget)->search);
}

static void
reset_progress_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  VwNotesPage *self = VW_NOTES_PAGE (widget);

  if (self->progress != NULL && self->topic != NULL)
    vw_progress_reset_objective (self->progress, topic_id (self));
  self->reading_enabled = FALSE;
}

static void
vw_notes_page_class_init (VwNotesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vw_notes_page_dispose;
  object_class->get_property = vw_notes_page_get_property;
  object_class->set_property = vw_notes_page_set_property;
  widget_class->realize = vw_notes_page_realize;
  widget_class->measure = vw_notes_page_measure;
  widget_class->size_allocate = vw_notes_page_size_allocate;

  properties[PROP_TOPIC] =
    g_param_spec_object ("topic", NULL, NULL, VW_TYPE_TOPIC,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "notes.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "notes.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "notes.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "notes.previous", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "notes.next", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "notes.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "notes.reset-progress", NULL,
                                   reset_progress_action);

  g_type_ensure (VW_TYPE_NOTE_VIEW);
  g_type_ensure (VW_TYPE_NOTES_SEARCH);
  g_type_ensure (VW_TYPE_NOTES_BOOKMARKS);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/vw-notes-page.ui");
  gtk_widget_class_set_css_name (widget_class, "notespage");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_bind_template_child (widget_class, VwNotesPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, VwNotesPage, clamp);
  gtk_widget_class_bind_template_child (widget_class, VwNotesPage, id_label);
  gtk_widget_class_bind_template_child (widget_class, VwNotesPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, VwNotesPage, weight_label);
  gtk_widget_class_bind_template_child (widget_class, VwNotesPage, areas_box);
  gtk_widget_class_bind_template_child (widget_class, VwNotesPage, cited_box);
  gtk_widget_class_bind_template_child (widget_class, VwNotesPage, note_view);
  gtk_widget_class_bind_template_child (widget_class, VwNotesPage, search);
  gtk_widget_class_bind_template_child (widget_class, VwNotesPage, bookmarks);
  gtk_widget_class_bind_template_child (widget_class, VwNotesPage, contents_button);
  gtk_widget_class_bind_template_child (widget_class, VwNotesPage, contents_popover);
  gtk_widget_class_bind_template_child (widget_class, VwNotesPage, contents_list);
  gtk_widget_class_bind_template_child (widget_class, VwNotesPage, fallback_revealer);
  gtk_widget_class_bind_template_child (widget_class, VwNotesPage, fallback_label);
}

static void
vw_notes_page_init (VwNotesPage *self)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GAction) language = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->pending_offset = -1;
  self->current_heading = -2;

  self->settings = g_settings_new (APP_ID);
  language = g_settings_create_action (self->settings, "notes-language");
  g_action_map_add_action (G_ACTION_MAP (group), language);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "notes-settings", G_ACTION_GROUP (group));
  g_signal_connect (self->settings, "changed::notes-language", G_CALLBACK (on_language_changed),
                    self);
  g_signal_connect (self->settings, "changed::notes-zoom", G_CALLBACK (on_zoom_changed), self);
  on_zoom_changed (self->settings, "notes-zoom", self);

  vw_notes_page_add_shortcuts (self);
  g_signal_connect (gtk_scrolled_window_get_vadjustment (self->scroller), "value-changed",
                    G_CALLBACK (on_scrolled), self);
  g_signal_connect (self->contents_list, "row-activated", G_CALLBACK (on_contents_row_activated),
                    self);
  g_signal_connect (self->search, "result-activated", G_CALLBACK (on_search_result), self);
  g_signal_connect (self->note_view, "link-activated", G_CALLBACK (on_link_activated), self);
  g_signal_connect (self->note_view, "try-in-lab", G_CALLBACK (on_try_in_lab), self);
  g_signal_connect (self->bookmarks, "add-requested", G_CALLBACK (on_add_bookmark), self);
  g_signal_connect (self->bookmarks, "bookmark-activated", G_CALLBACK (on_bookmark_activated),
                    self);
  vw_notes_bookmarks_set_title_func (self->bookmarks, bookmark_title, self);
}
