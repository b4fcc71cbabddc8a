/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "vw-note-doc.h"

G_BEGIN_DECLS

/* What stands at a VW_NOTE_OBJECT of the text once it is in a buffer: a
 * child anchor for the reader to put a widget on. */
typedef enum
{
  VW_NOTE_ANCHOR_CODE,    /* the toolbar of code_blocks[index] */
  VW_NOTE_ANCHOR_IMAGE,   /* images[index] */
} VwNoteAnchorKind;

typedef struct
{
  VwNoteAnchorKind kind;
  guint index;
  GtkTextChildAnchor *anchor;   /* owned by the buffer */
} VwNoteAnchor;

/* A text buffer with the tags a note is drawn with. */
GtkTextBuffer *vw_note_buffer_new      (void);
/* Replaces the buffer's text with @doc: the same characters at the same
 * offsets, a child anchor at each object (returned in order, an array of
 * VwNoteAnchor), and a tag per span. */
GArray        *vw_note_buffer_fill     (GtkTextBuffer   *buffer,
                                        const VwNoteDoc *doc);
/* Colours for the light or the dark style. */
void           vw_note_buffer_set_dark (GtkTextBuffer   *buffer,
                                        gboolean         dark);
/* The tag of a span's style and level (levels beyond the deepest the
 * buffer has share its tag). */
GtkTextTag    *vw_note_buffer_get_tag  (GtkTextBuffer   *buffer,
                                        VwNoteStyle      style,
                                        guint            level);
/* A passing highlight over a search match; NULL to clear it. */
void           vw_note_buffer_highlight (GtkTextBuffer  *buffer,
                                         guint           start,
                                         guint           end);

/* Makes the view lay out the line of @anchor again, after its widget's
 * size request changed (GtkTextView does not notice that by itself). */
void           vw_note_buffer_relayout  (GtkTextBuffer      *buffer,
                                         GtkTextChildAnchor *anchor);

G_END_DECLS
