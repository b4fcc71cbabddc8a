/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "vw-fuzz.h"
#include "vw-note-doc.h"

/* The notes' Markdown renderer (md4c into a VwNoteDoc) on any bytes, with
 * the anchors and a search over what it made. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(VwNoteDoc) doc = NULL;

  vw_fuzz_setup ();
  doc = vw_note_doc_new_from_markdown ((const char *) data, size);
  g_assert (doc != NULL);
  vw_note_doc_resolve_anchor (doc, doc, "virtual-networks");
  vw_note_doc_resolve_anchor (doc, doc, "");
  return 0;
}
