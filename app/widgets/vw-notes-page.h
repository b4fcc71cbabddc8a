/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "vw-note-doc.h"
#include "vw-topic.h"

G_BEGIN_DECLS

#define VW_TYPE_NOTES_PAGE (vw_notes_page_get_type ())

G_DECLARE_FINAL_TYPE (VwNotesPage, vw_notes_page, VW, NOTES_PAGE, GtkWidget)

VwTopic         *vw_notes_page_get_topic   (VwNotesPage *self);
void             vw_notes_page_set_topic   (VwNotesPage *self,
                                            VwTopic     *topic);
/* The objectives, in exam order, for previous and next. */
void             vw_notes_page_set_topics  (VwNotesPage *self,
                                            GListModel  *topics);
/* Shows @objective_id (through win.select-topic) scrolled to @offset,
 * with @length characters highlighted. */
void             vw_notes_page_go_to       (VwNotesPage *self,
                                            const char  *objective_id,
                                            guint        offset,
                                            guint        length);
/* A link of a note: "351.4.md#anchor", "#anchor", or a web address. */
void             vw_notes_page_follow_link (VwNotesPage *self,
                                            const char  *url);
/* The character at the top of the view. */
guint            vw_notes_page_get_offset  (VwNotesPage *self);
const VwNoteDoc *vw_notes_page_get_doc     (VwNotesPage *self);

G_END_DECLS
