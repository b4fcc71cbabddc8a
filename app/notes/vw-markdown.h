/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "vw-note-doc.h"

G_BEGIN_DECLS

/* Private to the notes folder: the md4c walk behind
 * vw_note_doc_new_from_markdown(). @markdown must be valid UTF-8 with no
 * U+FFFC in it; the result's spans are not sorted yet. */
void  vw_markdown_render       (VwNoteDoc  *doc,
                                const char *markdown,
                                gsize       length);

/* Appends what an entity such as "&amp;" or "&#233;" stands for to @out,
 * or the entity as written when it names nothing we know. */
void  vw_markdown_append_entity (GString    *out,
                                 const char *entity,
                                 gsize       length);

G_END_DECLS
