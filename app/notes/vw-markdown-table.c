/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-markdown"

#include "vw-markdown-private.h"

/* The walk's primitives (spans, links and frames written to the current
 * sink) and tables, which are read into a sink of their own and written out
 * once every column's width is known. */

static void
sink_append_spaces (Sink *sink,
                    guint n)
{
  static const char spaces[] = "                                ";

  while (n > 0)
    {
      guint chunk = MIN (n, sizeof spaces - 1);

      g_string_append_len (sink->text, spaces, chunk);
      sink->length += chunk;
      n -= chunk;
    }
}

int
vw_md_open_span (Builder     *b,
                 VwNoteStyle  style,
                 guint        level)
{
  VwNoteSpan span = { b->sink->length, b->sink->length, style, level };

  g_array_append_val (b->sink->spans, span);
  if (in_table_sink (b))
    {
      guint cell = b->table->cells->len - 1;

      g_array_append_val (b->table->span_cell, cell);
    }
  return b->sink->spans->len - 1;
}

void
vw_md_close_span (Builder *b,
                  int      index)
{
  g_array_index (b->sink->spans, VwNoteSpan, index).end = b->sink->length;
}

int
vw_md_open_link (Builder    *b,
                 const char *url)
{
  VwNoteLink link = { b->sink->length, b->sink->length, g_strdup (url) };

  g_array_append_val (b->sink->links, link);
  if (in_table_sink (b))
    {
      guint cell = b->table->cells->len - 1;

      g_array_append_val (b->table->link_cell, cell);
    }
  return b->sink->links->len - 1;
}

Frame *
vw_md_push_frame (Builder   *b,
                  FrameKind  kind)
{
  Frame frame = { .kind = kind, .span = -1, .link = -1 };

  g_array_append_val (b->frames, frame);
  return top_frame (b);
}

void
vw_md_pop_frame (Builder *b)
{
  g_free (top_frame (b)->url);
  g_array_set_size (b->frames, b->frames->len - 1);
}

void
vw_md_table_free (Table *t)
{
  g_string_free (t->sink.text, TRUE);
  g_array_unref (t->sink.spans);
  g_array_unref (t->sink.links);
  g_array_unref (t->cells);
  g_array_unref (t->row_first);
  g_array_unref (t->span_cell);
  g_array_unref (t->link_cell);
  g_array_unref (t->widths);
  g_array_unref (t->aligns);
  g_array_unref (t->images);
  g_free (t);
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

Table *
vw_md_table_new (void)
{
  Table *t = g_new0 (Table, 1);

  t->sink.text = g_string_new (NULL);
  t->sink.spans = g_array_new (FALSE, FALSE, sizeof (VwNoteSpan));
  t->sink.links = g_array_new (FALSE, FALSE, sizeof (VwNoteLink));
  g_array_set_clear_func (t->sink.links, clear_link);
  t->cells = g_array_new (FALSE, FALSE, sizeof (Cell));
  t->row_first = g_array_new (FALSE, FALSE, sizeof (guint));
  t->span_cell = g_array_new (FALSE, FALSE, sizeof (guint));
  t->link_cell = g_array_new (FALSE, FALSE, sizeof (guint));
  t->widths = g_array_new (FALSE, TRUE, sizeof (guint));
  t->aligns = g_array_new (FALSE, TRUE, sizeof (int));
  t->images = g_array_new (FALSE, FALSE, sizeof (VwNoteImage));
  g_array_set_clear_func (t->images, clear_image);
  return t;
}

/* Writes the table out row by row, each cell padded to its column's width,
 * moving the spans and links of every cell to where the cell lands. One
 * pass over cells, spans and links: a 1000×50 table costs no more than its
 * text. */
void
vw_md_render_table (Builder *b,
                    Table   *t)
{
  Sink *out = &b->main;
  guint n_cols = t->widths->len;
  guint n_spans = 0, n_links = 0;
  int table_span;

  b->sink = out;
  table_span = vw_md_open_span (b, VW_NOTE_STYLE_TABLE, 0);
  for (guint r = 0; r < t->row_first->len; r++)
    {
      guint first = g_array_index (t->row_first, guint, r);
      guint last = r + 1 < t->row_first->len ? g_array_index (t->row_first, guint, r + 1)
                                             : t->cells->len;
      int header = r < t->head_rows ? vw_md_open_span (b, VW_NOTE_STYLE_TABLE_HEADER, 0) : -1;

      for (guint c = 0; c < n_cols; c++)
        {
          guint index = first + c;
          Cell *cell = index < last ? &g_array_index (t->cells, Cell, index) : NULL;
          guint chars = cell ? cell->chars : 0;
          guint pad = g_array_index (t->widths, guint, c) - chars;
          int align = c < t->aligns->len ? g_array_index (t->aligns, int, c) : MD_ALIGN_DEFAULT;
          guint left = align == MD_ALIGN_RIGHT ? pad : align == MD_ALIGN_CENTER ? pad / 2 : 0;
          guint at;

          if (c > 0)
            sink_append_spaces (out, 2);
          sink_append_spaces (out, left);
          at = out->length;
          if (cell != NULL)
            {
              sink_append (out, t->sink.text->str + cell->byte_start, cell->byte_len);
              for (; n_spans < t->sink.spans->len
                     && g_array_index (t->span_cell, guint, n_spans) == index; n_spans++)
                {
                  VwNoteSpan span = g_array_index (t->sink.spans, VwNoteSpan, n_spans);

                  span.start = at + span.start - cell->char_start;
                  span.end = at + span.end - cell->char_start;
                  g_array_append_val (out->spans, span);
                }
              for (; n_links < t->sink.links->len
                     && g_array_index (t->link_cell, guint, n_links) == index; n_links++)
                {
                  VwNoteLink *link = &g_array_index (t->sink.links, VwNoteLink, n_links);
                  VwNoteLink moved = { at + link->start - cell->char_start,
                                       at + link->end - cell->char_start,
                                       g_steal_pointer (&link->url) };

                  g_array_append_val (out->links, moved);
                }
            }
          sink_append_spaces (out, pad - left);
        }
      sink_append (out, "\n", 1);
      if (header >= 0)
        vw_md_close_span (b, header);
    }
  vw_md_close_span (b, table_span);

  /* A row is one line, so an image in a cell cannot stay there. */
  for (guint i = 0; i < t->images->len; i++)
    {
      VwNoteImage *image = &g_array_index (t->images, VwNoteImage, i);

      vw_md_put_image (b, image->src, image->alt);
    }
}

void
vw_md_enter_table_part (Builder      *b,
                        MD_BLOCKTYPE  type,
                        void         *detail)
{
  Table *t = b->table;
  Cell cell = { t->sink.text->len, 0, t->sink.length, 0 };
  guint count = t->cells->len;

  switch (type)
    {
    case MD_BLOCK_THEAD:
      t->in_head = TRUE;
      break;
    case MD_BLOCK_TBODY:
      t->in_head = FALSE;
      break;
    case MD_BLOCK_TR:
      g_array_append_val (t->row_first, count);
      if (t->in_head)
        t->head_rows++;
      break;
    default:
      g_array_append_val (t->cells, cell);
      if (t->row_first->len == 1)
        {
          int align = ((MD_BLOCK_TD_DETAIL *) detail)->align;

          g_array_append_val (t->aligns, align);
        }
      vw_md_push_frame (b, FRAME_CELL);
      b->leaf = b->frames->len - 1;
      b->line_open = TRUE;
      break;
    }
}

void
vw_md_leave_cell (Builder *b)
{
  Table *t = b->table;
  Cell *cell = &g_array_index (t->cells, Cell, t->cells->len - 1);
  guint column = t->cells->len - 1 - g_array_index (t->row_first, guint, t->row_first->len - 1);

  while (b->frames->len > (guint) b->leaf)
    vw_md_pop_frame (b);
  b->leaf = -1;
  b->line_open = FALSE;
  cell->byte_len = t->sink.text->len - cell->byte_start;
  cell->chars = t->sink.length - cell->char_start;
  if (t->widths->len <= column)
    g_array_set_size (t->widths, column + 1);
  if (g_array_index (t->widths, guint, column) < cell->chars)
    g_array_index (t->widths, guint, column) = cell->chars;
}
