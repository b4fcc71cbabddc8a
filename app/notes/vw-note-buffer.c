/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-note-buffer"

#include "vw-note-buffer.h"

/* A note's tags. Sizes and spacing are relative to the text view's font,
 * which the reader's zoom sets, so that they scale with it. Block tags
 * carry the spacing between blocks (the text has no blank lines). */

#define MAX_DEPTH 6

static const char *style_names[VW_NOTE_N_STYLES] = {
  "emphasis", "strong", "strikethrough", "code", "link", "paragraph", "heading", "quote",
  "list-item", "code-block", "table", "table-header", "image", "rule",
};

static char *
tag_name (VwNoteStyle style,
          guint       level)
{
  return g_strdup_printf ("vw-%s-%u", style_names[style], MIN (level, MAX_DEPTH));
}

static void
add_tag (GtkTextTagTable *table,
         VwNoteStyle      style,
         guint            level,
         const char      *first_property,
         ...)
{
  g_autofree char *name = tag_name (style, level);
  GtkTextTag *tag = gtk_text_tag_new (name);
  va_list args;

  va_start (args, first_property);
  if (first_property != NULL)
    g_object_set_valist (G_OBJECT (tag), first_property, args);
  va_end (args);
  gtk_text_tag_table_add (table, tag);
  g_object_unref (tag);
}

static void
add_tags (GtkTextTagTable *table)
{
  static const double heading_scale[] = { 1.0, 1.75, 1.4, 1.2, 1.05, 1.0, 1.0 };
  static const int heading_above[] = { 0, 4, 26, 18, 12, 10, 10 };

  /* Blocks first: a tag added later has the higher priority, and the
   * inline styles must win over their block (bold code in a heading). */
  add_tag (table, VW_NOTE_STYLE_PARAGRAPH, 0, "pixels-below-lines", 10, NULL);
  /* The title (level 1) is the page's own header: hidden, not removed,
   * so that offsets stay those of the note. */
  add_tag (table, VW_NOTE_STYLE_HEADING, 1, "invisible", TRUE, NULL);
  for (guint level = 2; level <= MAX_DEPTH; level++)
    add_tag (table, VW_NOTE_STYLE_HEADING, level, "weight", level <= 2 ? 800 : PANGO_WEIGHT_BOLD,
             "scale", heading_scale[level], "pixels-above-lines", heading_above[level],
             "pixels-below-lines", 8, NULL);
  for (guint level = 1; level <= MAX_DEPTH; level++)
    add_tag (table, VW_NOTE_STYLE_QUOTE, level, "left-margin", 18 * (int) level, "style",
             PANGO_STYLE_ITALIC, NULL);
  for (guint level = 1; level <= MAX_DEPTH; level++)
    add_tag (table, VW_NOTE_STYLE_LIST_ITEM, level, "left-margin", 8 + 22 * (int) level,
             "indent", -16, "pixels-below-lines", 4, NULL);
  add_tag (table, VW_NOTE_STYLE_CODE_BLOCK, 0, "family", "monospace", "left-margin", 14,
           "right-margin", 14, "wrap-mode", GTK_WRAP_CHAR, "scale", 0.92, NULL);
  add_tag (table, VW_NOTE_STYLE_TABLE, 0, "family", "monospace", "wrap-mode", GTK_WRAP_CHAR,
           "scale", 0.9, "pixels-below-lines", 2, NULL);
  add_tag (table, VW_NOTE_STYLE_TABLE_HEADER, 0, "weight", PANGO_WEIGHT_BOLD, NULL);
  add_tag (table, VW_NOTE_STYLE_IMAGE, 0, "justification", GTK_JUSTIFY_CENTER,
           "pixels-above-lines", 6, "pixels-below-lines", 14, NULL);
  add_tag (table, VW_NOTE_STYLE_RULE, 0, "pixels-below-lines", 12, NULL);

  add_tag (table, VW_NOTE_STYLE_EMPHASIS, 0, "style", PANGO_STYLE_ITALIC, NULL);
  add_tag (table, VW_NOTE_STYLE_STRONG, 0, "weight", PANGO_WEIGHT_BOLD, NULL);
  add_tag (table, VW_NOTE_STYLE_STRIKETHROUGH, 0, "strikethrough", TRUE, NULL);
  add_tag (table, VW_NOTE_STYLE_CODE, 0, "family", "monospace", "scale", 0.92, NULL);
  add_tag (table, VW_NOTE_STYLE_LINK, 0, "underline", PANGO_UNDERLINE_SINGLE, NULL);

  gtk_text_tag_table_add (table, gtk_text_tag_new ("vw-highlight"));
  /* Never applied: removing it from a range makes the view measure that
   * range's lines again (scale is a property that affects size). */
  gtk_text_tag_table_add (table, g_object_new (GTK_TYPE_TEXT_TAG, "name", "vw-relayout",
                                               "scale", 1.0, NULL));
}

GtkTextBuffer *
vw_note_buffer_new (void)
{
  g_autoptr(GtkTextTagTable) table = gtk_text_tag_table_new ();
  GtkTextBuffer *buffer;

  add_tags (table);
  buffer = gtk_text_buffer_new (table);
  vw_note_buffer_set_dark (buffer, FALSE);
  return buffer;
}

static guint
tag_level (VwNoteStyle style,
           guint       level)
{
  switch (style)
    {
    case VW_NOTE_STYLE_HEADING:
    case VW_NOTE_STYLE_QUOTE:
    case VW_NOTE_STYLE_LIST_ITEM:
      return CLAMP (level, 1, MAX_DEPTH);
    default:
      return 0;
    }
}

GtkTextTag *
vw_note_buffer_get_tag (GtkTextBuffer *buffer,
                        VwNoteStyle    style,
                        guint          level)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (GTK_IS_TEXT_BUFFER (buffer), NULL);
  g_return_val_if_fail (style < VW_NOTE_N_STYLES, NULL);

  name = tag_name (style, tag_level (style, level));
  return gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), name);
}

void
vw_note_buffer_set_dark (GtkTextBuffer *buffer,
                         gboolean       dark)
{
  GdkRGBA code, link, quote, highlight;

  g_return_if_fail (GTK_IS_TEXT_BUFFER (buffer));

  /* libadwaita's card shade, accent blue and dim text, for each style. */
  gdk_rgba_parse (&code, dark ? "rgba(255,255,255,0.07)" : "rgba(0,0,0,0.05)");
  gdk_rgba_parse (&link, dark ? "#78aeed" : "#1c71d8");
  gdk_rgba_parse (&quote, dark ? "rgba(255,255,255,0.7)" : "rgba(0,0,0,0.65)");
  gdk_rgba_parse (&highlight, dark ? "rgba(246,211,45,0.35)" : "rgba(246,211,45,0.55)");

  g_object_set (vw_note_buffer_get_tag (buffer, VW_NOTE_STYLE_CODE_BLOCK, 0),
                "paragraph-background-rgba", &code, NULL);
  g_object_set (vw_note_buffer_get_tag (buffer, VW_NOTE_STYLE_CODE, 0),
                "background-rgba", &code, NULL);
  g_object_set (vw_note_buffer_get_tag (buffer, VW_NOTE_STYLE_LINK, 0),
                "foreground-rgba", &link, NULL);
  for (guint level = 1; level <= MAX_DEPTH; level++)
    g_object_set (vw_note_buffer_get_tag (buffer, VW_NOTE_STYLE_QUOTE, level),
                  "foreground-rgba", &quote, NULL);
  g_object_set (gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer),
                                           "vw-highlight"),
                "background-rgba", &highlight, NULL);
}

/* Which image or code block owns the object at @offset. */
static gboolean
find_object (const VwNoteDoc *doc,
             guint            offset,
             VwNoteAnchorKind *kind,
             guint            *index)
{
  for (guint i = 0; i < doc->code_blocks->len; i++)
    if (g_array_index (doc->code_blocks, VwNoteCodeBlock, i).toolbar == offset)
      {
        *kind = VW_NOTE_ANCHOR_CODE;
        *index = i;
        return TRUE;
      }
  for (guint i = 0; i < doc->images->len; i++)
    if (g_array_index (doc->images, VwNoteImage, i).offset == offset)
      {
        *kind = VW_NOTE_ANCHOR_IMAGE;
        *index = i;
        return TRUE;
      }
  return FALSE;
}

GArray *
vw_note_buffer_fill (GtkTextBuffer   *buffer,
                     const VwNoteDoc *doc)
{
  GArray *anchors = g_array_new (FALSE, FALSE, sizeof (VwNoteAnchor));
  GtkTextIter end, start;
  const char *segment = doc->text;
  const char *p = doc->text;
  guint offset = 0;

  g_return_val_if_fail (GTK_IS_TEXT_BUFFER (buffer), anchors);

  gtk_text_buffer_set_text (buffer, "", 0);
  gtk_text_buffer_get_end_iter (buffer, &end);
  for (; *p != '\0'; p = g_utf8_next_char (p), offset++)
    {
      VwNoteAnchor anchor = { 0 };

      if (g_utf8_get_char (p) != VW_NOTE_OBJECT)
        continue;
      gtk_text_buffer_insert (buffer, &end, segment, p - segment);
      if (find_object (doc, offset, &anchor.kind, &anchor.index))
        {
          anchor.anchor = gtk_text_buffer_create_child_anchor (buffer, &end);
          g_array_append_val (anchors, anchor);
        }
      else
        {
          /* An object nobody owns: keep the offsets right with a space. */
          gtk_text_buffer_insert (buffer, &end, " ", 1);
        }
      segment = g_utf8_next_char (p);
    }
  gtk_text_buffer_insert (buffer, &end, segment, -1);

  for (guint i = 0; i < doc->spans->len; i++)
    {
      const VwNoteSpan *span = &g_array_index (doc->spans, VwNoteSpan, i);
      GtkTextTag *tag = vw_note_buffer_get_tag (buffer, span->style, span->level);

      if (tag == NULL || span->start >= span->end)
        continue;
      gtk_text_buffer_get_iter_at_offset (buffer, &start, span->start);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, span->end);
      gtk_text_buffer_apply_tag (buffer, tag, &start, &end);
    }
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
  return anchors;
}

void
vw_note_buffer_highlight (GtkTextBuffer *buffer,
                          guint          start,
                          guint          end)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer),
                                               "vw-highlight");
  GtkTextIter a, b;

  gtk_text_buffer_get_bounds (buffer, &a, &b);
  gtk_text_buffer_remove_tag (buffer, tag, &a, &b);
  if (start >= end)
    return;
  gtk_text_buffer_get_iter_at_offset (buffer, &a, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &b, end);
  gtk_text_buffer_apply_tag (buffer, tag, &a, &b);
}

void
vw_note_buffer_relayout (GtkTextBuffer      *buffer,
                         GtkTextChildAnchor *anchor)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_child_anchor (buffer, &start, anchor);
  end = start;
  gtk_text_iter_forward_char (&end);
  gtk_text_buffer_remove_tag_by_name (buffer, "vw-relayout", &start, &end);
}
