/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <string.h>

#include <md4c.h>

#include "vw-markdown.h"

G_BEGIN_DECLS

/* Shared by vw-markdown.c (the md4c walk) and vw-markdown-table.c (its
 * primitives and tables); nothing outside app/notes sees it. */

#define OBJECT_LINE "\xEF\xBF\xBC\n"   /* U+FFFC, then the end of its line */
#define REPLACEMENT "\xEF\xBF\xBD"     /* U+FFFD */

/* Where text goes: the document, or while a table is read, the table's own
 * buffer (its cells are padded once every width is known). */
typedef struct
{
  GString *text;
  guint length;        /* in characters */
  GArray *spans;       /* VwNoteSpan */
  GArray *links;       /* VwNoteLink */
} Sink;

typedef struct
{
  gsize byte_start;
  gsize byte_len;
  guint char_start;
  guint chars;
} Cell;

typedef struct
{
  Sink sink;
  GArray *cells;       /* Cell, row after row */
  GArray *row_first;   /* guint: each row's first cell */
  GArray *span_cell;   /* guint: the cell of each of sink.spans */
  GArray *link_cell;   /* guint: the cell of each of sink.links */
  GArray *widths;      /* guint per column, in characters */
  GArray *aligns;      /* MD_ALIGN per column, from the header row */
  GArray *images;      /* VwNoteImage met in cells: they go after the table */
  guint head_rows;
  gboolean in_head;
} Table;

typedef enum
{
  FRAME_CONTAINER,     /* document, list, thematic break */
  FRAME_QUOTE,
  FRAME_ITEM,
  FRAME_LEAF,          /* paragraph or heading */
  FRAME_TEXT,          /* the text of a tight list item: a leaf md4c does not name */
  FRAME_CELL,
  FRAME_CODE,
  FRAME_TABLE,
  FRAME_INLINE,
} FrameKind;

typedef struct
{
  FrameKind kind;
  VwNoteStyle style;
  guint level;
  gboolean wants_span;
  int span;            /* index in the sink's spans while open, else -1 */
  int link;            /* index in the sink's links while open, else -1 */
  char *url;           /* a link's target */
  guint number;        /* an ordered list's next item number */
  gboolean ordered;
  int md_span;         /* an inline frame's MD_SPANTYPE */
} Frame;

typedef struct
{
  VwNoteDoc *doc;
  Sink main;
  Sink *sink;
  GArray *frames;      /* Frame */
  int leaf;            /* the innermost leaf frame, or -1 */
  gboolean line_open;  /* the leaf's current line has begun */
  guint content_start; /* where its text begins, after any list marker */
  guint line_first_span; /* the first of the sink's spans opened on the line */
  char marker[24];     /* the list marker still to write, "" if none */
  char pending_break;  /* a line break not written yet: '\0', ' ' or '\n' */
  gboolean after_image; /* the leaf goes on after an image line */
  guint quote_depth;
  guint item_depth;
  int heading;         /* doc->headings index of the open heading, or -1 */
  GString *title;
  gboolean title_done; /* the heading's first line is over */
  guint image_depth;   /* > 0 inside an image: its text is the alt text */
  char *image_src;
  GString *alt;
  Table *table;
  guint code_toolbar;
  guint code_start;
  gsize code_byte_start;
} Builder;

static inline void
sink_append (Sink       *sink,
             const char *text,
             gsize       len)
{
  g_string_append_len (sink->text, text, len);
  /* Counting only what is appended keeps the whole walk linear. */
  sink->length += g_utf8_strlen (text, len);
}

static inline gboolean
in_table_sink (Builder *b)
{
  return b->table != NULL && b->sink == &b->table->sink;
}

static inline Frame *
top_frame (Builder *b)
{
  return b->frames->len ? &g_array_index (b->frames, Frame, b->frames->len - 1) : NULL;
}

/* vw-markdown-table.c */
int     vw_md_open_span        (Builder     *b,
                                VwNoteStyle  style,
                                guint        level);
void    vw_md_close_span       (Builder     *b,
                                int          index);
int     vw_md_open_link        (Builder     *b,
                                const char  *url);
Frame  *vw_md_push_frame       (Builder     *b,
                                FrameKind    kind);
void    vw_md_pop_frame        (Builder     *b);
Table  *vw_md_table_new        (void);
void    vw_md_table_free       (Table       *t);
void    vw_md_render_table     (Builder     *b,
                                Table       *t);
void    vw_md_enter_table_part (Builder     *b,
                                MD_BLOCKTYPE type,
                                void        *detail);
void    vw_md_leave_cell       (Builder     *b);

/* vw-markdown.c */
void    vw_md_put_image        (Builder     *b,
                                const char  *src,
                                const char  *alt);

G_END_DECLS
