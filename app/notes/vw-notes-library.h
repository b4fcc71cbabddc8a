/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "vw-note-doc.h"
#include "vw-search.h"

G_BEGIN_DECLS

#define VW_TYPE_NOTES_LIBRARY (vw_notes_library_get_type ())

G_DECLARE_FINAL_TYPE (VwNotesLibrary, vw_notes_library, VW, NOTES_LIBRARY, GObject)

/* The study notes of one language (data/notes/<language>/<id>.md), each
 * rendered once when first asked for, and the search index over all of
 * them. An objective missing in the language is read in English. */
VwNotesLibrary  *vw_notes_library_new          (const char      *directory,
                                                const char      *language);
const char      *vw_notes_library_get_language (VwNotesLibrary  *self);
/* The note of @objective_id; *@fallback (may be NULL) says whether it is
 * the English one standing in. NULL with @error when there is none. */
const VwNoteDoc *vw_notes_library_get_doc      (VwNotesLibrary  *self,
                                                const char      *objective_id,
                                                gboolean        *fallback,
                                                GError         **error);
/* Renders every objective of @topics (a list of VwTopic) and indexes them;
 * the index of the last call. */
VwSearchIndex   *vw_notes_library_build_index  (VwNotesLibrary  *self,
                                                GListModel      *topics);
VwSearchIndex   *vw_notes_library_get_index    (VwNotesLibrary  *self);
/* The file an image of a note names (images/x.svg), in the library's
 * language when it has its own copy. */
char            *vw_notes_library_image_path   (VwNotesLibrary  *self,
                                                const char      *src);
/* The level-2 headings' anchors of a note: its sections, as reading
 * progress counts them. */
GStrv            vw_notes_library_sections     (VwNotesLibrary  *self,
                                                const char      *objective_id);

/* The notes language for the desktop's locale: fr, pt_BR or en. */
const char      *vw_notes_language_for_locale  (void);
/* The languages the notes are written in, en first; NULL-terminated. */
const char * const *vw_notes_languages         (void);

G_END_DECLS
