/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-notes-bookmarks"

#include "config.h"

#include <glib/gi18n.h>

#include "vw-notes-bookmarks.h"

struct _VwNotesBookmarks
{
  GtkWidget parent_instance;

  GtkWidget *button;
  GtkWidget *popover;
  GtkWidget *list;
  GtkWidget *empty;
  VwProgress *progress;
  VwBookmarkTitleFunc title_func;
  gpointer title_data;
};

G_DEFINE_FINAL_TYPE (VwNotesBookmarks, vw_notes_bookmarks, GTK_TYPE_WIDGET)

enum {
  SIGNAL_ADD_REQUESTED,
  SIGNAL_BOOKMARK_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_note_changed (GtkEditable      *entry,
                 VwNotesBookmarks *self)
{
  VwBookmark *bookmark = g_object_get_data (G_OBJECT (entry), "vw-bookmark");

  if (bookmark != NULL && self->progress != NULL
      && g_strcmp0 (vw_bookmark_get_note (bookmark), gtk_editable_get_text (entry)) != 0)
    vw_progress_set_bookmark_note (self->progress, bookmark, gtk_editable_get_text (entry));
}

static void
on_remove_clicked (GtkButton        *button,
                   VwNotesBookmarks *self)
{
  VwBookmark *bookmark = g_object_get_data (G_OBJECT (button), "vw-bookmark");

  if (bookmark != NULL && self->progress != NULL)
    vw_progress_remove_bookmark (self->progress, bookmark);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  VwNotesBookmarks *self = user_data;
  VwBookmark *bookmark = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *grid = gtk_grid_new ();
  g_autofree char *title = self->title_func != NULL
                           ? self->title_func (bookmark, self->title_data)
                           : g_strdup_printf ("%s #%s", vw_bookmark_get_objective (bookmark),
                                              vw_bookmark_get_anchor (bookmark));
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *note = gtk_entry_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "heading");

  gtk_editable_set_text (GTK_EDITABLE (note), vw_bookmark_get_note (bookmark));
  gtk_entry_set_placeholder_text (GTK_ENTRY (note), _("Add a note"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (note), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Note of the bookmark"), -1);
  g_object_set_data_full (G_OBJECT (note), "vw-bookmark", g_object_ref (bookmark),
                          g_object_unref);
  g_signal_connect (note, "changed", G_CALLBACK (on_note_changed), self);

  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove Bookmark"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove Bookmark"), -1);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (remove), "vw-bookmark", g_object_ref (bookmark),
                          g_object_unref);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked), self);

  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 6);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), note, 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), remove, 1, 0, 1, 2);
  gtk_widget_set_margin_top (grid, 6);
  gtk_widget_set_margin_bottom (grid, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), grid);
  g_object_set_data_full (G_OBJECT (row), "vw-bookmark", g_object_ref (bookmark), g_object_unref);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  return row;
}

static void
on_row_activated (GtkListBox       *list,
                  GtkListBoxRow    *row,
                  VwNotesBookmarks *self)
{
  VwBookmark *bookmark = g_object_get_data (G_OBJECT (row), "vw-bookmark");

  if (bookmark == NULL)
    return;
  gtk_popover_popdown (GTK_POPOVER (self->popover));
  g_signal_emit (self, signals[SIGNAL_BOOKMARK_ACTIVATED], 0, bookmark);
}

static void
on_add_clicked (GtkButton        *button,
                VwNotesBookmarks *self)
{
  g_signal_emit (self, signals[SIGNAL_ADD_REQUESTED], 0);
}

static void
update_empty (VwNotesBookmarks *self)
{
  GListModel *model = self->progress != NULL ? vw_progress_get_bookmarks (self->progress) : NULL;

  gtk_widget_set_visible (self->empty, model == NULL || g_list_model_get_n_items (model) == 0);
}

static void
on_items_changed (GListModel       *model,
                  guint             position,
                  guint             removed,
                  guint             added,
                  VwNotesBookmarks *self)
{
  update_empty (self);
}

void
vw_notes_bookmarks_set_progress (VwNotesBookmarks *self,
                                 VwProgress       *progress)
{
  g_return_if_fail (VW_IS_NOTES_BOOKMARKS (self));

  if (self->progress != NULL)
    g_signal_handlers_disconnect_by_data (vw_progress_get_bookmarks (self->progress), self);
  g_set_object (&self->progress, progress);
  gtk_list_box_bind_model (GTK_LIST_BOX (self->list),
                           progress != NULL ? vw_progress_get_bookmarks (progress) : NULL,
                           create_row, self, NULL);
  if (progress != NULL)
    g_signal_connect (vw_progress_get_bookmarks (progress), "items-changed",
                      G_CALLBACK (on_items_changed), self);
  update_empty (self);
}

void
vw_notes_bookmarks_set_title_func (VwNotesBookmarks    *self,
                                   VwBookmarkTitleFunc  func,
                                   gpointer             user_data)
{
  g_return_if_fail (VW_IS_NOTES_BOOKMARKS (self));
  self->title_func = func;
  self->title_data = user_data;
}

void
vw_notes_bookmarks_popdown (VwNotesBookmarks *self)
{
  g_return_if_fail (VW_IS_NOTES_BOOKMARKS (self));
  gtk_popover_popdown (GTK_POPOVER (self->popover));
}

static void
vw_notes_bookmarks_dispose (GObject *object)
{
  VwNotesBookmarks *self = VW_NOTES_BOOKMARKS (object);

  vw_notes_bookmarks_set_progress (self, NULL);
  g_clear_pointer (&self->button, gtk_widget_unparent);

  G_OBJECT_CLASS (vw_notes_bookmarks_parent_class)->dispose (object);
}

static void
vw_notes_bookmarks_class_init (VwNotesBookmarksClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vw_notes_bookmarks_dispose;

  /* "Bookmark This Section" was clicked. */
  signals[SIGNAL_ADD_REQUESTED] =
    g_signal_new ("add-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
  /* A bookmark was chosen: go there. */
  signals[SIGNAL_BOOKMARK_ACTIVATED] =
    g_signal_new ("bookmark-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, VW_TYPE_BOOKMARK);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
vw_notes_bookmarks_init (VwNotesBookmarks *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *add = gtk_button_new_with_label (_("Bookmark This Section"));
  GtkWidget *scroller = gtk_scrolled_window_new ();

  g_signal_connect (add, "clicked", G_CALLBACK (on_add_clicked), self);

  self->empty = gtk_label_new (_("No bookmarks yet"));
  gtk_widget_add_css_class (self->empty, "dim-label");
  gtk_widget_set_margin_top (self->empty, 6);
  gtk_widget_set_margin_bottom (self->empty, 6);

  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list, "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Bookmarks"), -1);
  g_signal_connect (self->list, "row-activated", G_CALLBACK (on_row_activated), self);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 420);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->list);

  gtk_box_append (GTK_BOX (box), add);
  gtk_box_append (GTK_BOX (box), self->empty);
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_widget_set_size_request (box, 320, -1);

  self->popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (self->popover), box);
  self->button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->button), "user-bookmarks-symbolic");
  gtk_widget_set_tooltip_text (self->button, _("Bookmarks"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Bookmarks"), -1);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->button), self->popover);
  gtk_widget_set_parent (self->button, GTK_WIDGET (self));
}

GtkWidget *
vw_notes_bookmarks_new (void)
{
  return g_object_new (VW_TYPE_NOTES_BOOKMARKS, NULL);
}
