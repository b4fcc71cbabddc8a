/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-markdown"

#include "vw-markdown-private.h"

/* md4c calls us back block by block and span by span. Everything that is
 * open lives in a heap array of frames rather than on the C stack, so a note
 * with 10,000 nested quotes costs memory, not stack. */

/* A frame's span (and link) starts where the next character will go. */
static void
open_frame_span (Builder *b,
                 Frame   *f)
{
  if (!f->wants_span || f->span >= 0)
    return;
  f->span = vw_md_open_span (b, f->style, f->level);
  if (f->url != NULL)
    f->link = vw_md_open_link (b, f->url);
}

static void
close_frame_span (Builder *b,
                  Frame   *f)
{
  if (f->span >= 0)
    vw_md_close_span (b, f->span);
  if (f->link >= 0)
    g_array_index (b->sink->links, VwNoteLink, f->link).end = b->sink->length;
  f->span = -1;
  f->link = -1;
}

/* A list item's marker goes before its first line; when something that
 * cannot carry it comes first (a table, a rule, another item), it gets a
 * line of its own. */
static void
flush_marker (Builder *b)
{
  if (b->marker[0] == '\0')
    return;
  sink_append (b->sink, b->marker, strlen (b->marker));
  sink_append (b->sink, "\n", 1);
  b->marker[0] = '\0';
}

static void
write_marker (Builder *b)
{
  sink_append (b->sink, b->marker, strlen (b->marker));
  b->marker[0] = '\0';
}

static void
ensure_leaf (Builder *b)
{
  if (b->leaf >= 0)
    return;
  vw_md_push_frame (b, FRAME_TEXT);
  b->leaf = b->frames->len - 1;
}

/* Starts the leaf's current line: the pending marker, then the spans of the
 * leaf and of every inline element still open in it. */
static void
open_line (Builder *b)
{
  Frame *leaf;

  if (b->line_open)
    return;
  write_marker (b);
  b->content_start = b->sink->length;
  b->line_first_span = b->sink->spans->len;
  b->after_image = FALSE;
  for (guint i = b->leaf; i < b->frames->len; i++)
    open_frame_span (b, &g_array_index (b->frames, Frame, i));

  leaf = &g_array_index (b->frames, Frame, b->leaf);
  if (leaf->style == VW_NOTE_STYLE_HEADING && leaf->kind == FRAME_LEAF && b->heading < 0)
    {
      VwNoteHeading heading = { b->sink->length, leaf->level, NULL, NULL };

      g_array_append_val (b->doc->headings, heading);
      b->heading = b->doc->headings->len - 1;
    }
  b->line_open = TRUE;
}

/* Ends the line: inline spans stop before its "\n", the leaf's after it. */
static void
close_line (Builder *b)
{
  b->pending_break = '\0';
  for (guint i = b->frames->len - 1; i > (guint) b->leaf; i--)
    close_frame_span (b, &g_array_index (b->frames, Frame, i));
  sink_append (b->sink, "\n", 1);
  close_frame_span (b, &g_array_index (b->frames, Frame, b->leaf));
  b->line_open = FALSE;
  /* A heading an image cuts in two is named by its first line. */
  b->title_done = b->heading >= 0;
}

/* Takes back a line that got no text: its spans were the last ones added,
 * and an empty paragraph or link would only confuse the reader. */
static void
cancel_line (Builder *b)
{
  for (int i = b->frames->len - 1; i >= b->leaf; i--)
    {
      Frame *f = &g_array_index (b->frames, Frame, i);

      if (f->link >= 0 && (guint) f->link == b->sink->links->len - 1)
        g_array_set_size (b->sink->links, f->link);  /* its clear func frees the URL */
      if (f->span >= 0 && (guint) f->span == b->sink->spans->len - 1)
        g_array_set_size (b->sink->spans, f->span);
      f->span = -1;
      f->link = -1;
    }
  b->pending_break = '\0';
  if (b->heading >= 0 && b->title->len == 0)
    {
      g_array_set_size (b->doc->headings, b->heading);
      b->heading = -1;
    }
  b->line_open = FALSE;
}

static void
end_leaf (Builder *b)
{
  Frame *leaf = &g_array_index (b->frames, Frame, b->leaf);

  b->image_depth = 0;  /* an image md4c never closed ends with its block */
  /* An empty heading still counts: it gets an empty line. */
  if (leaf->kind == FRAME_LEAF && leaf->style == VW_NOTE_STYLE_HEADING && b->heading < 0)
    open_line (b);
  if (b->line_open)
    close_line (b);
  if (leaf->kind == FRAME_LEAF && leaf->style == VW_NOTE_STYLE_HEADING)
    {
      VwNoteHeading *h = &g_array_index (b->doc->headings, VwNoteHeading, b->heading);

      h->title = g_strchomp (g_strdup (b->title->str));
      h->anchor = vw_note_anchor_for (h->title);
      g_string_truncate (b->title, 0);
      b->heading = -1;
      b->title_done = FALSE;
    }
  while (b->frames->len > (guint) b->leaf)
    vw_md_pop_frame (b);
  b->leaf = -1;
  b->after_image = FALSE;
}

static void
end_text_leaf (Builder *b)
{
  if (b->leaf >= 0 && g_array_index (b->frames, Frame, b->leaf).kind == FRAME_TEXT)
    end_leaf (b);
}

static void
append_inline (Builder    *b,
               const char *text,
               gsize       len)
{
  sink_append (b->sink, text, len);
  if (b->heading >= 0 && !b->title_done)
    g_string_append_len (b->title, len == 1 && *text == '\n' ? " " : text, len);
}

/* Breaks are held back until more text follows: one before an image or at
 * the end of a paragraph would leave a blank line or a stray space. */
static void
flush_break (Builder *b)
{
  char c = b->pending_break;

  if (c == '\0')
    return;
  b->pending_break = '\0';
  append_inline (b, &c, 1);
}

/* An attribute (a URL, an info string) with its entities decoded. */
static char *
attribute_to_string (const MD_ATTRIBUTE *attr)
{
  GString *out = g_string_sized_new (attr->size);

  for (guint i = 0; attr->size > 0 && attr->substr_offsets[i] < attr->size; i++)
    {
      const char *seg = attr->text + attr->substr_offsets[i];
      gsize len = attr->substr_offsets[i + 1] - attr->substr_offsets[i];

      if (attr->substr_types[i] == MD_TEXT_ENTITY)
        vw_markdown_append_entity (out, seg, len);
      else if (attr->substr_types[i] == MD_TEXT_NULLCHAR)
        g_string_append (out, REPLACEMENT);
      else
        g_string_append_len (out, seg, len);
    }
  return g_string_free (out, FALSE);
}

/* Takes back the spans opened since the last character, as a link whose
 * text starts with an image: they would be empty before the image and
 * open again after it. */
static void
drop_empty_spans (Builder *b)
{
  for (guint i = b->frames->len - 1; i > (guint) b->leaf; i--)
    {
      Frame *f = &g_array_index (b->frames, Frame, i);
      GArray *spans = b->sink->spans;

      if (f->span < 0 || (guint) f->span != spans->len - 1
          || g_array_index (spans, VwNoteSpan, f->span).start != b->sink->length)
        continue;
      g_array_set_size (spans, f->span);
      if (f->link >= 0 && (guint) f->link == b->sink->links->len - 1)
        g_array_set_size (b->sink->links, f->link);  /* its clear func frees the URL */
      f->span = -1;
      f->link = -1;
    }
}

/* Drops the spaces that ended a line's text before an image ("See
 * ![x](x.svg)"), unless a span of the line already ends inside them. */
static void
trim_line (Builder *b)
{
  GString *text = b->sink->text;
  gsize len = text->len;
  guint length = b->sink->length;

  while (length > b->content_start && text->str[len - 1] == ' ')
    {
      len--;
      length--;
    }
  for (guint i = b->line_first_span; i < b->sink->spans->len; i++)
    if (g_array_index (b->sink->spans, VwNoteSpan, i).end > length)
      return;
  g_string_truncate (text, len);
  b->sink->length = length;
}

/* An image stands on its own object line: a paragraph it sits in is ended
 * before it and goes on after it. */
void
vw_md_put_image (Builder    *b,
                 const char *src,
                 const char *alt)
{
  VwNoteImage image;
  const char *url = NULL;
  int span;

  /* [![badge](b.svg)](https://…): the link goes on the image's object. */
  for (guint i = b->frames->len; b->leaf >= 0 && i-- > (guint) b->leaf + 1;)
    if ((url = g_array_index (b->frames, Frame, i).url) != NULL)
      break;

  if (b->leaf >= 0 && b->line_open)
    {
      drop_empty_spans (b);
      trim_line (b);
      if (b->sink->length > b->content_start)
        close_line (b);
      else
        cancel_line (b);
    }
  b->after_image = b->leaf >= 0;
  write_marker (b);
  span = vw_md_open_span (b, VW_NOTE_STYLE_IMAGE, 0);
  image.offset = b->sink->length;
  image.src = g_strdup (src);
  image.alt = g_strdup (alt);
  if (url != NULL)
    {
      /* Indexes first: opening may move the arrays. */
      int link_span = vw_md_open_span (b, VW_NOTE_STYLE_LINK, 0);
      int link = vw_md_open_link (b, url);

      g_array_index (b->sink->spans, VwNoteSpan, link_span).end = image.offset + 1;
      g_array_index (b->sink->links, VwNoteLink, link).end = image.offset + 1;
    }
  sink_append (b->sink, OBJECT_LINE, strlen (OBJECT_LINE));
  vw_md_close_span (b, span);
  g_array_append_val (b->doc->images, image);
}

static int
on_enter_block (MD_BLOCKTYPE  type,
                void         *detail,
                void         *user_data)
{
  Builder *b = user_data;
  Frame *f;

  if (b->table != NULL && type >= MD_BLOCK_THEAD && type <= MD_BLOCK_TD)
    {
      vw_md_enter_table_part (b, type, detail);
      return 0;
    }
  end_text_leaf (b);

  switch (type)
    {
    case MD_BLOCK_QUOTE:
      f = vw_md_push_frame (b, FRAME_QUOTE);
      f->span = vw_md_open_span (b, VW_NOTE_STYLE_QUOTE, ++b->quote_depth);
      break;
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
      f = vw_md_push_frame (b, FRAME_CONTAINER);
      f->ordered = type == MD_BLOCK_OL;
      f->number = f->ordered ? ((MD_BLOCK_OL_DETAIL *) detail)->start : 0;
      break;
    case MD_BLOCK_LI:
      flush_marker (b);
      f = top_frame (b);
      if (f != NULL && f->ordered)
        g_snprintf (b->marker, sizeof b->marker, "%u. ", f->number++);
      else
        g_strlcpy (b->marker, "• ", sizeof b->marker);
      f = vw_md_push_frame (b, FRAME_ITEM);
      f->span = vw_md_open_span (b, VW_NOTE_STYLE_LIST_ITEM, ++b->item_depth);
      break;
    case MD_BLOCK_HR:
      {
        int span;

        flush_marker (b);
        span = vw_md_open_span (b, VW_NOTE_STYLE_RULE, 0);
        sink_append (b->sink, "\n", 1);
        vw_md_close_span (b, span);
        vw_md_push_frame (b, FRAME_CONTAINER);
      }
      break;
    case MD_BLOCK_H:
    case MD_BLOCK_P:
    case MD_BLOCK_HTML:
      {
        /* A list item's paragraphs take the item's style, so a loose list
         * looks like a tight one. */
        gboolean in_item = top_frame (b) != NULL && top_frame (b)->kind == FRAME_ITEM;

        f = vw_md_push_frame (b, FRAME_LEAF);
        f->style = type == MD_BLOCK_H ? VW_NOTE_STYLE_HEADING : VW_NOTE_STYLE_PARAGRAPH;
        f->level = type == MD_BLOCK_H ? ((MD_BLOCK_H_DETAIL *) detail)->level : 0;
        f->wants_span = type == MD_BLOCK_H || !in_item;
        b->leaf = b->frames->len - 1;
      }
      break;
    case MD_BLOCK_CODE:
      {
        MD_BLOCK_CODE_DETAIL *code = detail;
        VwNoteCodeBlock block = { 0, 0, 0, attribute_to_string (&code->lang), NULL };

        write_marker (b);
        f = vw_md_push_frame (b, FRAME_CODE);
        f->span = vw_md_open_span (b, VW_NOTE_STYLE_CODE_BLOCK, 0);
        b->code_toolbar = b->sink->length;
        sink_append (b->sink, OBJECT_LINE, strlen (OBJECT_LINE));
        b->code_start = b->sink->length;
        b->code_byte_start = b->sink->text->len;
        g_array_append_val (b->doc->code_blocks, block);
      }
      break;
    case MD_BLOCK_TABLE:
      flush_marker (b);
      vw_md_push_frame (b, FRAME_TABLE);
      b->table = vw_md_table_new ();
      b->sink = &b->table->sink;
      break;
    default:
      vw_md_push_frame (b, FRAME_CONTAINER);
      break;
    }
  return 0;
}

static int
on_leave_block (MD_BLOCKTYPE  type,
                void         *detail,
                void         *user_data)
{
  Builder *b = user_data;

  if (b->table != NULL && type >= MD_BLOCK_THEAD && type <= MD_BLOCK_TD)
    {
      if (type == MD_BLOCK_TH || type == MD_BLOCK_TD)
        vw_md_leave_cell (b);
      return 0;
    }
  end_text_leaf (b);

  switch (type)
    {
    case MD_BLOCK_QUOTE:
      close_frame_span (b, top_frame (b));
      b->quote_depth--;
      break;
    case MD_BLOCK_LI:
      /* An empty item still shows its marker. */
      flush_marker (b);
      close_frame_span (b, top_frame (b));
      b->item_depth--;
      break;
    case MD_BLOCK_H:
    case MD_BLOCK_P:
    case MD_BLOCK_HTML:
      end_leaf (b);
      return 0;
    case MD_BLOCK_CODE:
      {
        VwNoteCodeBlock *block = &g_array_index (b->doc->code_blocks, VwNoteCodeBlock,
                                                 b->doc->code_blocks->len - 1);
        GString *text = b->sink->text;

        if (text->len > b->code_byte_start && text->str[text->len - 1] != '\n')
          sink_append (b->sink, "\n", 1);
        block->toolbar = b->code_toolbar;
        block->start = b->code_start;
        block->end = b->sink->length;
        block->code = g_strndup (text->str + b->code_byte_start, text->len - b->code_byte_start);
        close_frame_span (b, top_frame (b));
      }
      break;
    case MD_BLOCK_TABLE:
      {
        Table *t = g_steal_pointer (&b->table);

        vw_md_render_table (b, t);
        vw_md_table_free (t);
      }
      break;
    default:
      break;
    }

  if (b->frames->len > 0)
    vw_md_pop_frame (b);
  return 0;
}

static int
on_enter_span (MD_SPANTYPE  type,
               void        *detail,
               void        *user_data)
{
  Builder *b = user_data;
  Frame *f;

  if (b->image_depth > 0)
    {
      /* Whatever an image's text holds (even another image) is alt text. */
      if (type == MD_SPAN_IMG)
        b->image_depth++;
      return 0;
    }
  if (type == MD_SPAN_IMG)
    {
      b->image_depth = 1;
      g_free (b->image_src);
      b->image_src = attribute_to_string (&((MD_SPAN_IMG_DETAIL *) detail)->src);
      g_string_truncate (b->alt, 0);
      return 0;
    }

  ensure_leaf (b);
  open_line (b);
  flush_break (b);
  f = vw_md_push_frame (b, FRAME_INLINE);
  f->md_span = type;
  f->wants_span = TRUE;
  switch (type)
    {
    case MD_SPAN_EM:
      f->style = VW_NOTE_STYLE_EMPHASIS;
      break;
    case MD_SPAN_STRONG:
      f->style = VW_NOTE_STYLE_STRONG;
      break;
    case MD_SPAN_DEL:
      f->style = VW_NOTE_STYLE_STRIKETHROUGH;
      break;
    case MD_SPAN_CODE:
      f->style = VW_NOTE_STYLE_CODE;
      break;
    case MD_SPAN_A:
      f->style = VW_NOTE_STYLE_LINK;
      f->url = attribute_to_string (&((MD_SPAN_A_DETAIL *) detail)->href);
      break;
    default:
      /* Extensions we do not turn on (math, wiki links, underline). */
      f->wants_span = FALSE;
      break;
    }
  open_frame_span (b, f);
  return 0;
}

static int
on_leave_span (MD_SPANTYPE  type,
               void        *detail,
               void        *user_data)
{
  Builder *b = user_data;
  Frame *f = top_frame (b);

  if (b->image_depth > 0)
    {
      if (type == MD_SPAN_IMG && --b->image_depth == 0)
        {
          if (in_table_sink (b))
            {
              VwNoteImage image = { 0, g_steal_pointer (&b->image_src), g_strdup (b->alt->str) };

              g_array_append_val (b->table->images, image);
            }
          else
            vw_md_put_image (b, b->image_src, b->alt->str);
        }
      return 0;
    }
  /* md4c 0.4.8 can leave a span it never entered ("[](~~![)]()~~"). */
  if (f == NULL || f->kind != FRAME_INLINE || f->md_span != (int) type)
    return 0;
  close_frame_span (b, f);
  vw_md_pop_frame (b);
  return 0;
}

static int
on_text (MD_TEXTTYPE     type,
         const MD_CHAR  *text,
         MD_SIZE         size,
         void           *user_data)
{
  Builder *b = user_data;
  Frame *f = top_frame (b);
  g_autoptr(GString) decoded = NULL;

  switch (type)
    {
    case MD_TEXT_NULLCHAR:
      text = REPLACEMENT;
      size = strlen (REPLACEMENT);
      break;
    case MD_TEXT_BR:
    case MD_TEXT_SOFTBR:
      /* A hard break stays inside its paragraph; a heading or a table row
       * is one line. */
      if (b->image_depth == 0 && !in_table_sink (b))
        {
          if (b->heading >= 0)
            type = MD_TEXT_SOFTBR;
          if (b->line_open)
            b->pending_break = type == MD_TEXT_BR || b->pending_break == '\n' ? '\n' : ' ';
          return 0;
        }
      text = " ";
      size = 1;
      break;
    case MD_TEXT_ENTITY:
      decoded = g_string_new (NULL);
      vw_markdown_append_entity (decoded, text, size);
      text = decoded->str;
      size = decoded->len;
      break;
    default:
      break;
    }

  if (b->image_depth > 0)
    g_string_append_len (b->alt, text, size);
  else if (f != NULL && f->kind == FRAME_CODE)
    sink_append (b->sink, text, size);
  else
    {
      ensure_leaf (b);
      /* "![a](b) text": the text's line starts at "text". */
      if (!b->line_open && b->after_image)
        for (; size > 0 && *text == ' '; text++, size--)
          ;
      if (size == 0)
        return 0;
      open_line (b);
      flush_break (b);
      append_inline (b, text, size);
    }
  return 0;
}

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const VwNoteSpan *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end > y->end ? -1 : 1;
  return 0;
}

void
vw_markdown_render (VwNoteDoc  *doc,
                    const char *markdown,
                    gsize       length)
{
  const MD_PARSER parser = {
    .abi_version = 0,
    .flags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_NOHTML,
    .enter_block = on_enter_block,
    .leave_block = on_leave_block,
    .enter_span = on_enter_span,
    .leave_span = on_leave_span,
    .text = on_text,
  };
  Builder b = {
    .doc = doc,
    .main = { g_string_sized_new (length + length / 8), 0, doc->spans, doc->links },
    .leaf = -1,
    .heading = -1,
  };

  b.sink = &b.main;
  b.frames = g_array_new (FALSE, FALSE, sizeof (Frame));
  b.title = g_string_new (NULL);
  b.alt = g_string_new (NULL);

  if (md_parse (markdown, length, &parser, &b) != 0)
    g_warning ("md4c could not parse a note (out of memory?); showing what it read");

  /* md4c closes everything it opens; after a failed parse, close the rest
   * so that every offset stays within the text. */
  if (b.table != NULL)
    vw_md_table_free (g_steal_pointer (&b.table));
  b.sink = &b.main;
  if (b.leaf >= 0 && b.line_open)
    sink_append (b.sink, "\n", 1);
  for (guint i = 0; i < doc->spans->len; i++)
    {
      VwNoteSpan *span = &g_array_index (doc->spans, VwNoteSpan, i);

      span->end = MIN (MAX (span->end, span->start), b.main.length);
    }
  for (guint i = 0; i < doc->headings->len; i++)
    {
      VwNoteHeading *h = &g_array_index (doc->headings, VwNoteHeading, i);

      if (h->title == NULL)
        {
          h->title = g_strdup ("");
          h->anchor = g_strdup ("");
        }
    }
  for (guint i = 0; i < doc->code_blocks->len; i++)
    {
      VwNoteCodeBlock *block = &g_array_index (doc->code_blocks, VwNoteCodeBlock, i);

      if (block->code == NULL)
        {
          block->toolbar = b.code_toolbar;
          block->start = b.code_start;
          block->end = b.main.length;
          block->code = g_strdup (b.main.text->str + b.code_byte_start);
        }
    }
  while (b.frames->len > 0)
    vw_md_pop_frame (&b);

  /* GLib's sort is stable, so spans over the same range keep the order
   * they were opened in: outer first. */
  g_array_sort (doc->spans, compare_spans);

  doc->length = b.main.length;
  doc->text = g_string_free (b.main.text, FALSE);
  g_array_unref (b.frames);
  g_string_free (b.title, TRUE);
  g_string_free (b.alt, TRUE);
  g_free (b.image_src);
}

