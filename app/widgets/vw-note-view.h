/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "vw-notes-library.h"

G_BEGIN_DECLS

#define VW_TYPE_NOTE_VIEW (vw_note_view_get_type ())

G_DECLARE_FINAL_TYPE (VwNoteView, vw_note_view, VW, NOTE_VIEW, GtkWidget)

/* One rendered note: its text with a Copy (and, for virsh, a Try in Lab)
 * button on each code block, its diagrams, and links that emit
 * ::link-activated. It does not scroll: the notes page scrolls it with its
 * header, and asks it where an offset is. */
GtkWidget   *vw_note_view_new            (void);
void         vw_note_view_show           (VwNoteView      *self,
                                          VwNotesLibrary  *library,
                                          const VwNoteDoc *doc);
GtkTextView *vw_note_view_get_text_view  (VwNoteView      *self);
/* The top of the line holding character @offset, in the view's
 * coordinates; -1 when there is no note. */
int          vw_note_view_offset_to_y    (VwNoteView      *self,
                                          guint            offset);
/* The character at the start of the line at @y (view coordinates). */
guint        vw_note_view_y_to_offset    (VwNoteView      *self,
                                          int              y);
/* The width the view will be given: its pictures and code toolbars are
 * sized for it. */
void         vw_note_view_fit_width      (VwNoteView      *self,
                                          int              width);
void         vw_note_view_set_zoom       (VwNoteView      *self,
                                          double           zoom);
void         vw_note_view_highlight      (VwNoteView      *self,
                                          guint            start,
                                          guint            end);
/* The first word of a code block's first command when the lab can run
 * it (virsh), else NULL. */
char        *vw_note_lab_command         (const VwNoteCodeBlock *block);

G_END_DECLS
