/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "vw-search.h"

G_BEGIN_DECLS

#define VW_TYPE_NOTES_SEARCH (vw_notes_search_get_type ())

G_DECLARE_FINAL_TYPE (VwNotesSearch, vw_notes_search, VW, NOTES_SEARCH, GtkWidget)

/* A search entry over every note of a language, with its results (the
 * section, the objective and a snippet with the words in bold) in a list
 * under it as the learner types. Choosing one emits ::result-activated
 * with the objective's id and the match's character offset and length. */
GtkWidget *vw_notes_search_new       (void);
void       vw_notes_search_set_index (VwNotesSearch *self,
                                      VwSearchIndex *index);
void       vw_notes_search_focus     (VwNotesSearch *self);
/* The results shown now (a GtkListBox), for tests. */
GtkWidget *vw_notes_search_get_list  (VwNotesSearch *self);

G_END_DECLS
