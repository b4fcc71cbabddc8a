/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-note-doc"

#include <stdlib.h>
#include <string.h>

#include "vw-markdown.h"
#include "vw-note-doc.h"

static void
clear_heading (gpointer data)
{
  VwNoteHeading *heading = data;

  g_free (heading->title);
  g_free (heading->anchor);
}

static void
clear_link (gpointer data)
{
  g_free (((VwNoteLink *) data)->url);
}

static void
clear_image (gpointer data)
{
  VwNoteImage *image = data;

  g_free (image->src);
  g_free (image->alt);
}

static void
clear_code_block (gpointer data)
{
  VwNoteCodeBlock *block = data;

  g_free (block->language);
  g_free (block->code);
}

VwNoteDoc *
vw_note_doc_new_from_markdown (const char *markdown,
                               gssize      length)
{
  VwNoteDoc *doc = g_new0 (VwNoteDoc, 1);
  g_autofree char *valid = NULL;
  gsize len;

  if (markdown == NULL)
    markdown = "";
  if (length < 0)
    length = strlen (markdown);

  /* Invalid bytes (and NULs) become U+FFFD. A U+FFFC in the note itself
   * would pass for an image or a toolbar in the reader, so it becomes
   * U+FFFD too: both are three bytes, the length does not change. */
  valid = g_utf8_make_valid (markdown, length);
  len = strlen (valid);
  for (char *p = strstr (valid, "\xEF\xBF\xBC"); p != NULL; p = strstr (p + 3, "\xEF\xBF\xBC"))
    p[2] = '\xBD';

  doc->spans = g_array_new (FALSE, FALSE, sizeof (VwNoteSpan));
  doc->headings = g_array_new (FALSE, FALSE, sizeof (VwNoteHeading));
  g_array_set_clear_func (doc->headings, clear_heading);
  doc->links = g_array_new (FALSE, FALSE, sizeof (VwNoteLink));
  g_array_set_clear_func (doc->links, clear_link);
  doc->images = g_array_new (FALSE, FALSE, sizeof (VwNoteImage));
  g_array_set_clear_func (doc->images, clear_image);
  doc->code_blocks = g_array_new (FALSE, FALSE, sizeof (VwNoteCodeBlock));
  g_array_set_clear_func (doc->code_blocks, clear_code_block);

  vw_markdown_render (doc, valid, len);
  return doc;
}

void
vw_note_doc_free (VwNoteDoc *doc)
{
  if (doc == NULL)
    return;
  g_free (doc->text);
  g_array_unref (doc->spans);
  g_array_unref (doc->headings);
  g_array_unref (doc->links);
  g_array_unref (doc->images);
  g_array_unref (doc->code_blocks);
  g_free (doc);
}

int
vw_note_doc_heading_at (const VwNoteDoc *doc,
                        guint            offset)
{
  int lo = 0, hi = (int) doc->headings->len - 1, found = -1;

  while (lo <= hi)
    {
      int mid = lo + (hi - lo) / 2;

      if (g_array_index (doc->headings, VwNoteHeading, mid).offset <= offset)
        {
          found = mid;
          lo = mid + 1;
        }
      else
        hi = mid - 1;
    }
  return found;
}

int
vw_note_doc_find_anchor (const VwNoteDoc *doc,
                         const char      *anchor)
{
  if (anchor == NULL)
    return -1;
  for (guint i = 0; i < doc->headings->len; i++)
    if (g_strcmp0 (g_array_index (doc->headings, VwNoteHeading, i).anchor, anchor) == 0)
      return i;
  return -1;
}

char *
vw_note_doc_get_slice (const VwNoteDoc *doc,
                       guint            start,
                       guint            end)
{
  const char *from, *to;

  end = MIN (end, doc->length);
  start = MIN (start, end);
  from = g_utf8_offset_to_pointer (doc->text, start);
  to = g_utf8_offset_to_pointer (from, end - start);
  return g_strndup (from, to - from);
}

static const char * const style_names[] = {
  "EMPHASIS", "STRONG", "STRIKETHROUGH", "CODE", "LINK", "PARAGRAPH", "HEADING", "QUOTE",
  "LIST_ITEM", "CODE_BLOCK", "TABLE", "TABLE_HEADER", "IMAGE", "RULE",
};
G_STATIC_ASSERT (G_N_ELEMENTS (style_names) == VW_NOTE_N_STYLES);

char *
vw_note_doc_dump (const VwNoteDoc *doc)
{
  GString *out = g_string_sized_new (strlen (doc->text) * 2);

  for (const char *p = doc->text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_utf8_get_char (p) == VW_NOTE_OBJECT)
        g_string_append (out, "[obj]");
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  for (guint i = 0; i < doc->spans->len; i++)
    {
      const VwNoteSpan *s = &g_array_index (doc->spans, VwNoteSpan, i);

      g_string_append_printf (out, "span %u-%u %s %u\n", s->start, s->end,
                              style_names[s->style], s->level);
    }
  for (guint i = 0; i < doc->headings->len; i++)
    {
      const VwNoteHeading *h = &g_array_index (doc->headings, VwNoteHeading, i);

      g_string_append_printf (out, "heading %u %u '%s' #%s\n", h->offset, h->level, h->title,
                              h->anchor);
    }
  for (guint i = 0; i < doc->links->len; i++)
    {
      const VwNoteLink *l = &g_array_index (doc->links, VwNoteLink, i);

      g_string_append_printf (out, "link %u-%u %s\n", l->start, l->end, l->url);
    }
  for (guint i = 0; i < doc->images->len; i++)
    {
      const VwNoteImage *im = &g_array_index (doc->images, VwNoteImage, i);

      g_string_append_printf (out, "image %u %s '%s'\n", im->offset, im->src, im->alt);
    }
  for (guint i = 0; i < doc->code_blocks->len; i++)
    {
      const VwNoteCodeBlock *c = &g_array_index (doc->code_blocks, VwNoteCodeBlock, i);

      g_string_append_printf (out, "code %u %u-%u%s%s\n", c->toolbar, c->start, c->end,
                              c->language[0] ? " " : "", c->language);
    }
  return g_string_free (out, FALSE);
}

/* As tests/scripts/check-notes.py computes it, so that the links it accepts
 * are the ones the reader can follow: letters (any script), digits and
 * hyphens kept, each space a hyphen, everything else dropped. "351.1 Title"
 * gives "3511-title". */
char *
vw_note_anchor_for (const char *title)
{
  g_autofree char *valid = g_utf8_make_valid (title ? title : "", -1);
  g_autofree char *composed = g_utf8_normalize (valid, -1, G_NORMALIZE_NFC);
  g_autofree char *lower = g_utf8_strdown (composed, -1);
  GString *anchor = g_string_new (NULL);

  for (const char *p = g_strstrip (lower); *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* Marks stay with their letters (Devanagari vowel signs, say). */
      if (g_unichar_isalnum (c) || g_unichar_ismark (c))
        g_string_append_unichar (anchor, c);
      else if (c == ' ' || c == '-')
        g_string_append_c (anchor, '-');
    }
  return g_string_free (anchor, FALSE);
}

/* md4c passes entities through as written. The numeric ones name their
 * character; of the named ones, those that turn up in technical prose. */
static const struct
{
  const char *name;
  const char *text;
} entities[] = {
  { "AElig", "Æ" }, { "Agrave", "À" }, { "Ccedil", "Ç" }, { "Eacute", "É" },
  { "aacute", "á" }, { "acirc", "â" }, { "aelig", "æ" }, { "agrave", "à" },
  { "amp", "&" }, { "apos", "'" }, { "aring", "å" }, { "atilde", "ã" },
  { "auml", "ä" }, { "bull", "•" }, { "ccedil", "ç" }, { "cent", "¢" },
  { "check", "✓" }, { "copy", "©" }, { "darr", "↓" }, { "deg", "°" },
  { "divide", "÷" }, { "eacute", "é" }, { "ecirc", "ê" }, { "egrave", "è" },
  { "emsp", "\u2003" }, { "ensp", "\u2002" }, { "euml", "ë" }, { "euro", "€" },
  { "ge", "≥" }, { "gt", ">" }, { "hArr", "⇔" }, { "harr", "↔" },
  { "hellip", "…" }, { "iacute", "í" }, { "icirc", "î" }, { "iuml", "ï" },
  { "lArr", "⇐" }, { "laquo", "«" }, { "larr", "←" }, { "ldquo", "“" },
  { "le", "≤" }, { "lsquo", "‘" }, { "lt", "<" }, { "mdash", "—" },
  { "micro", "µ" }, { "middot", "·" }, { "nbsp", "\u00A0" }, { "ndash", "–" },
  { "ne", "≠" }, { "ntilde", "ñ" }, { "oacute", "ó" }, { "ocirc", "ô" },
  { "otilde", "õ" }, { "ouml", "ö" }, { "para", "¶" }, { "plusmn", "±" },
  { "pound", "£" }, { "quot", "\"" }, { "rArr", "⇒" }, { "raquo", "»" },
  { "rarr", "→" }, { "rdquo", "”" }, { "reg", "®" }, { "rsquo", "’" },
  { "sect", "§" }, { "shy", "\u00AD" }, { "szlig", "ß" }, { "thinsp", "\u2009" },
  { "times", "×" }, { "trade", "™" }, { "uacute", "ú" }, { "uarr", "↑" },
  { "ucirc", "û" }, { "uuml", "ü" }, { "yen", "¥" }, { "zwj", "\u200D" },
  { "zwnj", "\u200C" },
};

void
vw_markdown_append_entity (GString    *out,
                           const char *entity,
                           gsize       length)
{
  g_autofree char *name = NULL;

  if (length < 3 || entity[0] != '&' || entity[length - 1] != ';')
    {
      g_string_append_len (out, entity, length);
      return;
    }
  name = g_strndup (entity + 1, length - 2);

  if (name[0] == '#')
    {
      gboolean hex = name[1] == 'x' || name[1] == 'X';
      char *end = NULL;
      guint64 code = g_ascii_strtoull (name + (hex ? 2 : 1), &end, hex ? 16 : 10);

      /* CommonMark: NUL, surrogates and out-of-range values are U+FFFD. */
      if (end == NULL || *end != '\0' || end == name + (hex ? 2 : 1))
        g_string_append_len (out, entity, length);
      else if (code == 0 || code > 0x10FFFF || !g_unichar_validate ((gunichar) code))
        g_string_append (out, "\xEF\xBF\xBD");
      else if (code == VW_NOTE_OBJECT)
        g_string_append (out, "\xEF\xBF\xBD");
      else
        g_string_append_unichar (out, (gunichar) code);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    if (strcmp (entities[i].name, name) == 0)
      {
        g_string_append (out, entities[i].text);
        return;
      }
  g_string_append_len (out, entity, length);
}

int
vw_note_doc_resolve_anchor (const VwNoteDoc *doc,
                            const VwNoteDoc *english,
                            const char      *anchor)
{
  int index;

  g_return_val_if_fail (doc != NULL, -1);
  g_return_val_if_fail (anchor != NULL, -1);

  index = vw_note_doc_find_anchor (doc, anchor);
  if (index >= 0 || english == NULL || english == doc)
    return index;
  index = vw_note_doc_find_anchor (english, anchor);
  return index >= 0 && (guint) index < doc->headings->len ? index : -1;
}
