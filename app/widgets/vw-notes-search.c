/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-notes-search"

#include "config.h"

#include <glib/gi18n.h>

#include "vw-notes-search.h"
#include "vw-widget-util.h"

#define MAX_RESULTS 40

struct _VwNotesSearch
{
  GtkWidget parent_instance;

  GtkWidget *entry;
  GtkWidget *popover;
  GtkWidget *list;
  GtkWidget *status;
  VwSearchIndex *index;
};

G_DEFINE_FINAL_TYPE (VwNotesSearch, vw_notes_search, GTK_TYPE_WIDGET)

enum {
  SIGNAL_RESULT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  char *objective_id;
  guint offset;
  guint length;
} Target;

static void
target_free (gpointer data)
{
  Target *target = data;

  g_free (target->objective_id);
  g_free (target);
}

static GtkWidget *
result_row_new (const VwSearchResult *result)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (result->section_title);
  g_autofree char *where = g_strdup_printf ("%s %s", result->objective_id,
                                            result->objective_title);
  GtkWidget *objective = gtk_label_new (where);
  GtkWidget *snippet = gtk_label_new (NULL);
  Target *target = g_new0 (Target, 1);

  target->objective_id = g_strdup (result->objective_id);
  target->offset = result->offset;
  target->length = result->length;
  g_object_set_data_full (G_OBJECT (row), "vw-target", target, target_free);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (objective), 0);
  gtk_label_set_ellipsize (GTK_LABEL (objective), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (objective, "caption");
  gtk_widget_add_css_class (objective, "dim-label");
  gtk_label_set_markup (GTK_LABEL (snippet), result->snippet_markup);
  gtk_label_set_xalign (GTK_LABEL (snippet), 0);
  gtk_label_set_wrap (GTK_LABEL (snippet), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (snippet), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (snippet), 3);
  gtk_label_set_ellipsize (GTK_LABEL (snippet), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (snippet), 50);
  gtk_widget_add_css_class (snippet, "caption");

  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), objective);
  gtk_box_append (GTK_BOX (box), snippet);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  result->section_title, -1);
  return row;
}

static void
update_results (VwNotesSearch *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *status = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (query));

  vw_widget_remove_children (self->list);
  if (self->index == NULL || *trimmed == '\0')
    {
      gtk_popover_popdown (GTK_POPOVER (self->popover));
      return;
    }
  results = vw_search_index_query (self->index, query, MAX_RESULTS);
  for (guint i = 0; i < results->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (self->list),
                         result_row_new (g_ptr_array_index (results, i)));
  if (results->len == 0)
    status = g_strdup (_("No section of the notes has every word"));
  else if (results->len >= MAX_RESULTS)
    status = g_strdup_printf (_("The first %u sections"), results->len);
  else
    status = g_strdup_printf (g_dngettext (NULL, "%u section", "%u sections", results->len),
                              results->len);
  gtk_label_set_label (GTK_LABEL (self->status), status);
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

static void
activate_row (VwNotesSearch *self,
              GtkListBoxRow *row)
{
  Target *target = row != NULL ? g_object_get_data (G_OBJECT (row), "vw-target") : NULL;
  g_autofree char *id = NULL;

  if (target == NULL)
    return;
  id = g_strdup (target->objective_id);
  gtk_popover_popdown (GTK_POPOVER (self->popover));
  g_signal_emit (self, signals[SIGNAL_RESULT_ACTIVATED], 0, id, target->offset, target->length);
}

static void
on_row_activated (GtkListBox    *list,
                  GtkListBoxRow *row,
                  VwNotesSearch *self)
{
  activate_row (self, row);
}

static void
on_search_changed (GtkSearchEntry *entry,
                   VwNotesSearch  *self)
{
  update_results (self);
}

static void
on_activate (GtkSearchEntry *entry,
             VwNotesSearch  *self)
{
  activate_row (self, gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->list), 0));
}

static void
on_stop_search (GtkSearchEntry *entry,
                VwNotesSearch  *self)
{
  gtk_popover_popdown (GTK_POPOVER (self->popover));
}

/* Down from the entry goes into the results. */
static gboolean
on_entry_key (GtkEventControllerKey *controller,
              guint                  keyval,
              guint                  keycode,
              GdkModifierType        state,
              VwNotesSearch         *self)
{
  GtkListBoxRow *first;

  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return FALSE;
  first = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->list), 0);
  if (first == NULL)
    return FALSE;
  gtk_popover_popup (GTK_POPOVER (self->popover));
  gtk_widget_grab_focus (GTK_WIDGET (first));
  return TRUE;
}

void
vw_notes_search_set_index (VwNotesSearch *self,
                           VwSearchIndex *index)
{
  g_return_if_fail (VW_IS_NOTES_SEARCH (self));

  if (index != NULL)
    vw_search_index_ref (index);
  g_clear_pointer (&self->index, vw_search_index_unref);
  self->index = index;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    update_results (self);
}

void
vw_notes_search_focus (VwNotesSearch *self)
{
  g_return_if_fail (VW_IS_NOTES_SEARCH (self));
  gtk_widget_grab_focus (self->entry);
}

GtkWidget *
vw_notes_search_get_list (VwNotesSearch *self)
{
  g_return_val_if_fail (VW_IS_NOTES_SEARCH (self), NULL);
  return self->list;
}

static void
vw_notes_search_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  gtk_widget_measure (VW_NOTES_SEARCH (widget)->entry, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

static void
vw_notes_search_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  VwNotesSearch *self = VW_NOTES_SEARCH (widget);

  gtk_widget_allocate (self->entry, width, height, baseline, NULL);
  gtk_widget_set_size_request (self->popover, MAX (width, 320), -1);
  gtk_popover_present (GTK_POPOVER (self->popover));
}

static void
vw_notes_search_dispose (GObject *object)
{
  VwNotesSearch *self = VW_NOTES_SEARCH (object);

  g_clear_pointer (&self->entry, gtk_widget_unparent);
  g_clear_pointer (&self->popover, gtk_widget_unparent);
  g_clear_pointer (&self->index, vw_search_index_unref);

  G_OBJECT_CLASS (vw_notes_search_parent_class)->dispose (object);
}

static void
vw_notes_search_class_init (VwNotesSearchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vw_notes_search_dispose;
  widget_class->measure = vw_notes_search_measure;
  widget_class->size_allocate = vw_notes_search_size_allocate;

  /* A result was chosen: objective id, match offset and length. */
  signals[SIGNAL_RESULT_ACTIVATED] =
    g_signal_new ("result-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_UINT, G_TYPE_UINT);
  gtk_widget_class_set_css_name (widget_class, "notessearch");
}

static void
vw_notes_search_init (VwNotesSearch *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->entry = gtk_search_entry_new ();
  g_object_set (self->entry, "placeholder-text", _("Search the notes"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search the notes"), -1);
  gtk_widget_set_parent (self->entry, GTK_WIDGET (self));
  g_signal_connect (self->entry, "search-changed", G_CALLBACK (on_search_changed), self);
  g_signal_connect (self->entry, "activate", G_CALLBACK (on_activate), self);
  g_signal_connect (self->entry, "stop-search", G_CALLBACK (on_stop_search), self);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_entry_key), self);
  gtk_widget_add_controller (self->entry, keys);

  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_BROWSE);
  gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (self->list), TRUE);
  gtk_widget_add_css_class (self->list, "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search results"), -1);
  g_signal_connect (self->list, "row-activated", G_CALLBACK (on_row_activated), self);

  self->status = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->status), 0);
  gtk_widget_add_css_class (self->status, "dim-label");
  gtk_widget_add_css_class (self->status, "caption");
  gtk_widget_set_margin_start (self->status, 6);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 420);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->list);
  gtk_box_append (GTK_BOX (box), self->status);
  gtk_box_append (GTK_BOX (box), scroller);

  self->popover = gtk_popover_new ();
  gtk_popover_set_autohide (GTK_POPOVER (self->popover), FALSE);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->popover), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self->popover), GTK_POS_BOTTOM);
  gtk_popover_set_child (GTK_POPOVER (self->popover), box);
  gtk_widget_set_parent (self->popover, GTK_WIDGET (self));
}

GtkWidget *
vw_notes_search_new (void)
{
  return g_object_new (VW_TYPE_NOTES_SEARCH, NULL);
}
