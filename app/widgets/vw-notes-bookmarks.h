/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "vw-progress.h"

G_BEGIN_DECLS

#define VW_TYPE_NOTES_BOOKMARKS (vw_notes_bookmarks_get_type ())

G_DECLARE_FINAL_TYPE (VwNotesBookmarks, vw_notes_bookmarks, VW, NOTES_BOOKMARKS, GtkWidget)

/* How a bookmark is named in the list: its objective and section. */
typedef char *(*VwBookmarkTitleFunc) (VwBookmark *bookmark,
                                      gpointer    user_data);

/* A button with the learner's bookmarks: "Bookmark This Section" (which
 * emits ::add-requested, the page knows where the reader is), then each
 * bookmark with its note, editable, and a remove button. Choosing one emits
 * ::bookmark-activated. */
GtkWidget *vw_notes_bookmarks_new            (void);
void       vw_notes_bookmarks_set_progress   (VwNotesBookmarks    *self,
                                              VwProgress          *progress);
void       vw_notes_bookmarks_set_title_func (VwNotesBookmarks    *self,
                                              VwBookmarkTitleFunc  func,
                                              gpointer             user_data);
void       vw_notes_bookmarks_popdown        (VwNotesBookmarks    *self);

G_END_DECLS
