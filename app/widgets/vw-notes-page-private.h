/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "vw-note-view.h"
#include "vw-notes-bookmarks.h"
#include "vw-notes-library.h"
#include "vw-notes-page.h"
#include "vw-notes-search.h"
#include "vw-progress.h"

G_BEGIN_DECLS

struct _VwNotesPage
{
  GtkWidget parent_instance;

  VwTopic *topic;
  GListModel *topics;
  GSettings *settings;
  VwNotesLibrary *library;
  VwNotesLibrary *english;     /* section ids for reading progress */
  VwProgress *progress;
  const VwNoteDoc *doc;        /* owned by the library */
  GStrv section_ids;
  int current_heading;
  gboolean reading_enabled;
  guint reading_id;

  /* Where to scroll once the note is laid out. */
  guint scroll_tick;
  guint scroll_target;
  int scroll_last_y;
  guint scroll_stable;
  gint64 scroll_deadline;
  gint64 pending_offset;       /* for the objective being selected; -1 */
  guint pending_length;

  GtkScrolledWindow *scroller;
  GtkWidget *clamp;
  GtkLabel *id_label;
  GtkLabel *title_label;
  GtkLabel *weight_label;
  GtkBox *areas_box;
  GtkFlowBox *cited_box;
  VwNoteView *note_view;
  VwNotesSearch *search;
  VwNotesBookmarks *bookmarks;
  GtkMenuButton *contents_button;
  GtkPopover *contents_popover;
  GtkListBox *contents_list;
  GtkRevealer *fallback_revealer;
  GtkLabel *fallback_label;
};

/* vw-notes-page-nav.c */
VwTopic           *vw_notes_page_neighbour       (VwNotesPage *self,
                                                  int          step);
void               vw_notes_page_update_actions  (VwNotesPage *self);
void               vw_notes_page_add_shortcuts   (VwNotesPage *self);
VwNoteView        *vw_notes_page_get_note_view   (VwNotesPage *self);
GtkScrolledWindow *vw_notes_page_get_scroller    (VwNotesPage *self);

G_END_DECLS
