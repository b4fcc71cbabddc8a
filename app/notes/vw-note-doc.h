/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A study note rendered from Markdown, without GTK: the text exactly as a
 * GtkTextBuffer will hold it, and what is laid over it. Offsets are in
 * characters (as GtkTextIter offsets), end offsets exclusive.
 *
 * The text is made of blocks, each ending with one "\n" (no blank lines
 * between blocks: spacing comes from the BLOCK styles). A character U+FFFC
 * (VW_NOTE_OBJECT) stands where the reader puts something that is not text:
 * an image, or the toolbar line (Copy, Try in lab) that opens each code
 * block. The search index reads the same text, so a match's offset is a
 * place in the buffer. */

#define VW_NOTE_OBJECT 0xFFFC

typedef enum
{
  /* inline */
  VW_NOTE_STYLE_EMPHASIS,
  VW_NOTE_STYLE_STRONG,
  VW_NOTE_STYLE_STRIKETHROUGH,
  VW_NOTE_STYLE_CODE,            /* inline code */
  VW_NOTE_STYLE_LINK,            /* see links[] for the target */
  /* blocks (level: see each) */
  VW_NOTE_STYLE_PARAGRAPH,
  VW_NOTE_STYLE_HEADING,         /* level 1–6 */
  VW_NOTE_STYLE_QUOTE,           /* level: nesting depth, 1 for the outermost */
  VW_NOTE_STYLE_LIST_ITEM,       /* level: nesting depth, 1 for the outermost */
  VW_NOTE_STYLE_CODE_BLOCK,      /* the toolbar line and the code lines */
  VW_NOTE_STYLE_TABLE,           /* every row, columns padded with spaces */
  VW_NOTE_STYLE_TABLE_HEADER,    /* the header row, inside a TABLE span */
  VW_NOTE_STYLE_IMAGE,           /* the object line of an image */
  VW_NOTE_STYLE_RULE,            /* a thematic break: an empty line */
  VW_NOTE_N_STYLES
} VwNoteStyle;

typedef struct
{
  guint start;
  guint end;
  VwNoteStyle style;
  guint level;
} VwNoteSpan;

typedef struct
{
  guint offset;        /* of the heading's first character */
  guint level;         /* 1–6 */
  char *title;         /* its text */
  char *anchor;        /* as links name it: see vw_note_anchor_for() */
} VwNoteHeading;

typedef struct
{
  guint start;
  guint end;
  char *url;           /* as written: "351.4.md#virtual-networks", "https://…", "#anchor" */
} VwNoteLink;

typedef struct
{
  guint offset;        /* of its VW_NOTE_OBJECT */
  char *src;           /* as written, e.g. "images/qemu-kvm.svg" */
  char *alt;
} VwNoteImage;

typedef struct
{
  guint toolbar;       /* offset of the VW_NOTE_OBJECT of its toolbar line */
  guint start;         /* first character of the code */
  guint end;           /* after the code's last "\n" */
  char *language;      /* the fence's info word ("console", "xml", …), or "" */
  char *code;          /* the code as written, lines ending with "\n" */
} VwNoteCodeBlock;

typedef struct
{
  char *text;          /* UTF-8, valid */
  guint length;        /* in characters */
  GArray *spans;       /* VwNoteSpan, by start, then outer before inner */
  GArray *headings;    /* VwNoteHeading, in order */
  GArray *links;       /* VwNoteLink, in order */
  GArray *images;      /* VwNoteImage, in order */
  GArray *code_blocks; /* VwNoteCodeBlock, in order */
} VwNoteDoc;

/* The Markdown is CommonMark with GitHub tables and strikethrough, as
 * md4c 0.4 parses it. Any input gives a document: invalid UTF-8 is
 * replaced, raw HTML is shown as text, nothing is fetched. */
VwNoteDoc *vw_note_doc_new_from_markdown (const char *markdown,
                                          gssize      length);
void       vw_note_doc_free              (VwNoteDoc  *doc);

/* The heading whose section holds @offset (the last heading at or before
 * it), or -1 before the first heading. */
int        vw_note_doc_heading_at        (const VwNoteDoc *doc,
                                          guint            offset);
/* The heading with this anchor, or -1. */
int        vw_note_doc_find_anchor       (const VwNoteDoc *doc,
                                          const char      *anchor);
/* The heading a link's anchor names in @doc: its own anchor, or, for a
 * translation whose links keep the English anchors, the heading at the
 * same position as the one @english has with that anchor (translations
 * keep the English headings in order). -1 when neither has it. */
int        vw_note_doc_resolve_anchor    (const VwNoteDoc *doc,
                                          const VwNoteDoc *english,
                                          const char      *anchor);
/* The text from @start to @end (character offsets), newly allocated. */
char      *vw_note_doc_get_slice         (const VwNoteDoc *doc,
                                          guint            start,
                                          guint            end);
/* A readable dump: the text, then every span, heading, link, image and
 * code block, one per line. Tests compare it. */
char      *vw_note_doc_dump              (const VwNoteDoc *doc);

/* A heading's anchor as FORMAT.md defines it: lower case, spaces as
 * hyphens, punctuation dropped (letters of any script and digits kept). */
char      *vw_note_anchor_for            (const char *title);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VwNoteDoc, vw_note_doc_free)

G_END_DECLS
