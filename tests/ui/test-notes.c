/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>

#include "vw-application.h"
#include "vw-notes-page-private.h"
#include "vw-test-util.h"
#include "vw-topic-row.h"
#include "vw-ui-test-util.h"
#include "vw-window.h"

/* The notes reader in a real window: an objective's note is shown, the
 * search finds a section in this and in another objective and scrolls
 * there, links and the contents go to their sections, reading marks
 * progress in the sidebar, bookmarks come back, the language and the text
 * size change at run time. */

static VwApplication *app;

static VwWindow *
open_window (void)
{
  VwWindow *window = vw_window_new (app, NULL);

  vw_test_present (GTK_WINDOW (window), 1280, 800);
  return window;
}

/* Whether character @offset of the note is on screen, in the upper half
 * of the view (where a jump puts it). */
static gboolean
offset_in_view (VwNotesPage *page,
                guint        offset)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (page->scroller);
  int y = vw_note_view_offset_to_y (page->note_view, offset);
  graphene_point_t point;
  double value = gtk_adjustment_get_value (adjustment);

  if (y < 0 || !gtk_widget_compute_point (GTK_WIDGET (page->note_view), page->clamp,
                                          &GRAPHENE_POINT_INIT (0, y), &point))
    return FALSE;
  return point.y >= value && point.y <= value + gtk_adjustment_get_page_size (adjustment) / 2;
}

typedef struct
{
  VwNotesPage *page;
  const char *objective;
  guint offset;
} Place;

static gboolean
is_at (gpointer data)
{
  Place *place = data;
  VwTopic *topic = vw_notes_page_get_topic (place->page);

  return topic != NULL && g_str_equal (vw_topic_get_id (topic), place->objective)
         && place->page->scroll_tick == 0 && offset_in_view (place->page, place->offset);
}

static GtkListBox *
results (VwNotesPage *page)
{
  return GTK_LIST_BOX (vw_notes_search_get_list (page->search));
}

static gboolean
has_results (gpointer data)
{
  return gtk_list_box_get_row_at_index (results (data), 0) != NULL;
}

static void
search (VwNotesPage *page,
        const char  *query)
{
  GtkWidget *entry = vw_test_find_widget (GTK_WIDGET (page->search), GTK_TYPE_SEARCH_ENTRY);

  gtk_editable_set_text (GTK_EDITABLE (entry), query);
  g_assert_true (vw_test_wait_until (has_results, page, 3000));
}

/* The heading of the section at @offset of the shown note. */
static const char *
section_at (VwNotesPage *page,
            guint        offset)
{
  int heading = vw_note_doc_heading_at (page->doc, offset);

  g_assert_cmpint (heading, >=, 0);
  return g_array_index (page->doc->headings, VwNoteHeading, heading).title;
}

static void
test_note_and_search (void)
{
  VwWindow *window = open_window ();
  VwNotesPage *page = vw_window_get_notes_page (window);
  GtkListBoxRow *row;
  g_autofree char *slice = NULL;
  Place place = { page, "351.4", 0 };
  guint offset;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.select-topic", "s",
                                             "351.4"));
  g_assert_nonnull (page->doc);
  g_assert_cmpuint (page->doc->headings->len, >, 10);
  g_assert_cmpuint (page->doc->code_blocks->len, >, 5);
  /* The buffer holds the note's text, character for character. */
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (vw_note_view_get_text_view (page->note_view));

    g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, page->doc->length);
  }

  /* A word of this note: the first result is in it, and choosing it
   * scrolls to the match. */
  search (page, "snapshot-revert");
  row = gtk_list_box_get_row_at_index (results (page), 0);
  g_signal_emit_by_name (results (page), "row-activated", row);
  g_assert_cmpstr (vw_topic_get_id (vw_notes_page_get_topic (page)), ==, "351.4");
  offset = page->scroll_target;
  slice = vw_note_doc_get_slice (page->doc, offset, offset + strlen ("snapshot-revert"));
  g_assert_cmpstr (slice, ==, "snapshot-revert");
  place.offset = offset;
  g_assert_true (vw_test_wait_until (is_at, &place, 5000));
  g_assert_cmpfloat (gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (page->scroller)),
                     >, 500);
  g_test_message ("snapshot-revert: %s", section_at (page, offset));
  vw_test_save_screenshot (GTK_WIDGET (window), "screenshot-notes-search.png");

  /* Accents and case do not matter, and a result in another objective
   * opens it at the match. */
  search (page, "CLOUD-CONFIG");
  row = gtk_list_box_get_row_at_index (results (page), 0);
  g_signal_emit_by_name (results (page), "row-activated", row);
  place.objective = "353.3";
  place.offset = page->scroll_target;
  g_assert_true (vw_test_wait_until (is_at, &place, 5000));
  g_free (slice);
  slice = vw_note_doc_get_slice (page->doc, place.offset, place.offset + 12);
  g_assert_cmpstr (slice, ==, "cloud-config");

  /* A link to a section of another objective. */
  vw_notes_page_follow_link (page, "351.4.md#virtual-networks");
  place.objective = "351.4";
  place.offset = g_array_index (page->doc->headings, VwNoteHeading,
                                vw_note_doc_find_anchor (page->doc, "virtual-networks")).offset;
  g_assert_true (vw_test_wait_until (is_at, &place, 5000));
  g_assert_cmpstr (section_at (page, place.offset), ==, "Virtual networks");

  /* Previous and next objective. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "notes.next", NULL));
  g_assert_cmpstr (vw_topic_get_id (vw_notes_page_get_topic (page)), ==, "351.5");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "notes.previous", NULL));
  g_assert_cmpstr (vw_topic_get_id (vw_notes_page_get_topic (page)), ==, "351.4");

  gtk_window_destroy (GTK_WINDOW (window));
}

static VwTopicRow *
sidebar_row (GtkWidget  *widget,
             const char *id)
{
  if (VW_IS_TOPIC_ROW (widget)
      && g_str_equal (vw_topic_get_id (vw_topic_row_get_topic (VW_TOPIC_ROW (widget))), id))
    return VW_TOPIC_ROW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      VwTopicRow *row = sidebar_row (child, id);

      if (row != NULL)
        return row;
    }
  return NULL;
}

static gboolean
is_partly_read (gpointer data)
{
  return vw_topic_row_get_read_fraction (data) > 0;
}

static gboolean
is_fully_read (gpointer data)
{
  return vw_topic_row_get_read_fraction (data) >= 1.0;
}

static void
test_progress_bookmarks (void)
{
  VwWindow *window = open_window ();
  VwNotesPage *page = vw_window_get_notes_page (window);
  VwProgress *progress = vw_application_get_progress (app);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (page->scroller);
  GListModel *bookmarks = vw_progress_get_bookmarks (progress);
  VwTopicRow *row;
  g_autofree char *saved = NULL;
  Place place = { page, "353.2", 0 };
  guint n_bookmarks = g_list_model_get_n_items (bookmarks);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.select-topic", "s",
                                             "353.2"));
  row = sidebar_row (GTK_WIDGET (window), "353.2");
  g_assert_nonnull (row);
  g_assert_cmpfloat (vw_topic_row_get_read_fraction (row), ==, 0);

  /* Scrolling by the reader reads: a third of the way down reads the
   * first sections, the end all of them. */
  vw_test_wait_ms (300);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) / 3);
  g_assert_true (vw_test_wait_until (is_partly_read, row, 3000));
  g_assert_cmpfloat (vw_topic_row_get_read_fraction (row), <, 1.0);

  /* A bookmark where the reader is, with a note. */
  place.offset = vw_notes_page_get_offset (page);
  g_signal_emit_by_name (page->bookmarks, "add-requested");
  g_assert_cmpuint (g_list_model_get_n_items (bookmarks), ==, n_bookmarks + 1);

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  g_assert_true (vw_test_wait_until (is_fully_read, row, 3000));

  /* Back to the bookmark from another objective. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.select-topic", "s",
                                             "351.1"));
  for (guint i = 0; i < g_list_model_get_n_items (bookmarks); i++)
    {
      g_autoptr(VwBookmark) bookmark = g_list_model_get_item (bookmarks, i);

      if (g_str_equal (vw_bookmark_get_objective (bookmark), "353.2"))
        g_signal_emit_by_name (page->bookmarks, "bookmark-activated", bookmark);
    }
  g_assert_true (vw_test_wait_until (is_at, &place, 5000));

  /* The progress file has it all once flushed. */
  g_assert_true (vw_progress_flush (progress, NULL));
  g_assert_true (g_file_get_contents (vw_progress_get_path (progress), &saved, NULL, NULL));
  g_assert_nonnull (strstr (saved, "[objective 353.2]"));
  g_assert_nonnull (strstr (saved, "objective=353.2"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_language_and_zoom (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.virtworkbench.Workbench");
  VwWindow *window = open_window ();
  VwNotesPage *page = vw_window_get_notes_page (window);
  GtkTextView *view = vw_note_view_get_text_view (page->note_view);
  const VwNoteDoc *english;
  int height;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.select-topic", "s",
                                             "351.3"));
  english = page->doc;
  g_settings_set_string (settings, "notes-language", "fr");
  g_assert_true (page->doc != english);
  g_assert_false (gtk_revealer_get_reveal_child (page->fallback_revealer));
  /* The French note: its first section has a French title. */
  g_assert_cmpuint (page->doc->headings->len, ==, english->headings->len);
  g_assert_cmpstr (g_array_index (page->doc->headings, VwNoteHeading, 1).title, !=,
                   g_array_index (english->headings, VwNoteHeading, 1).title);
  vw_test_save_screenshot (GTK_WIDGET (window), "screenshot-notes-fr.png");
  g_settings_set_string (settings, "notes-language", "");

  /* Ctrl+plus makes the text larger, remembered in the settings. */
  vw_test_wait_ms (200);
  height = gtk_widget_get_height (GTK_WIDGET (view));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "notes.zoom-in", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "notes.zoom-in", NULL));
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "notes-zoom"), 1.2, 1e-9);
  vw_test_wait_ms (500);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (view)), >, height * 1.1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "notes.zoom-reset", NULL));
  g_assert_cmpfloat (g_settings_get_double (settings, "notes-zoom"), ==, 1.0);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  vw_test_init (&argc, &argv);
  app = vw_test_ui_init ();

  g_test_add_func ("/notes/note-and-search", test_note_and_search);
  g_test_add_func ("/notes/progress-bookmarks", test_progress_bookmarks);
  g_test_add_func ("/notes/language-and-zoom", test_language_and_zoom);

  ret = g_test_run ();
  g_clear_object (&app);
  return ret;
}
