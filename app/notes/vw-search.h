/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Full-text search over the study notes of one language, as the learner
 * types: accents and case do not matter ("reseau" finds "Réseau"), every
 * query word must occur in a section, and one result stands for one
 * section of a note. No GTK: the notes page shows the results.
 *
 * Offsets are in characters of the text given to vw_search_index_add()
 * (the rendered note's text, as a GtkTextBuffer holds it), end offsets
 * exclusive, so a result is a place to jump to. */

typedef struct _VwSearchIndex VwSearchIndex;

/* A heading of a note: where its section starts. */
typedef struct
{
  guint offset;        /* in characters, of the heading's first character */
  guint level;         /* 1–6 */
  const char *title;
  const char *anchor;
} VwSearchSection;

typedef struct
{
  guint start;
  guint end;
} VwSearchRange;

typedef struct
{
  char *objective_id;
  char *objective_title;
  char *section_title;    /* the objective's title for text before its first heading */
  char *section_anchor;   /* "" for text before the first heading */
  guint section_offset;   /* in characters, of the heading */
  guint offset;           /* in characters, of the best match in the section */
  guint length;           /* in characters */
  guint n_matches;        /* of all the query words in the section */
  char *snippet;          /* ~100 characters of the section around the match, "…" where cut */
  GArray *snippet_ranges; /* VwSearchRange: the query words in the snippet, in characters */
  char *snippet_markup;   /* the snippet as Pango markup, <b> around each query word */
} VwSearchResult;

VwSearchIndex *vw_search_index_new   (void);
VwSearchIndex *vw_search_index_ref   (VwSearchIndex *index);
void           vw_search_index_unref (VwSearchIndex *index);

/* Adds one note. @text is its plain text (UTF-8; U+FFFC object characters
 * never match) and @sections its headings in order. Adding an objective
 * again replaces it. */
void           vw_search_index_add   (VwSearchIndex         *index,
                                      const char            *objective_id,
                                      const char            *objective_title,
                                      const char            *text,
                                      const VwSearchSection *sections,
                                      guint                  n_sections);

/* The sections holding every word of @query, best first: a query word in
 * the section's heading or the objective's title, then more query words
 * found at the start of a word, then more matches, then the order of the
 * notes. At most @max_results (0 for no limit); none for a blank query.
 * Returns a GPtrArray of VwSearchResult that frees them. */
GPtrArray     *vw_search_index_query (VwSearchIndex         *index,
                                      const char            *query,
                                      guint                  max_results);

void           vw_search_result_free (VwSearchResult        *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VwSearchIndex, vw_search_index_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VwSearchResult, vw_search_result_free)

G_END_DECLS
