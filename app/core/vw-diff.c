/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-diff"

#include "vw-diff.h"

/* A line diff (longest common subsequence), enough for the few hundred
 * lines of a libvirt XML document that the learner is about to apply. */

static void
diff_line_free (gpointer data)
{
  VwDiffLine *line = data;

  g_free (line->text);
  g_free (line);
}

static void
add_line (GPtrArray  *diff,
          VwDiffOp    op,
          const char *text,
          guint       old_line,
          guint       new_line)
{
  VwDiffLine *line = g_new0 (VwDiffLine, 1);

  line->op = op;
  line->text = g_strdup (text);
  line->old_line = old_line;
  line->new_line = new_line;
  g_ptr_array_add (diff, line);
}

static char **
split_lines (const char *text,
             guint      *n)
{
  char **lines = g_strsplit (text != NULL ? text : "", "\n", -1);
  guint len = g_strv_length (lines);

  /* A final newline does not make an extra empty line. */
  if (len > 0 && lines[len - 1][0] == '\0')
    {
      g_free (lines[len - 1]);
      lines[len - 1] = NULL;
      len--;
    }
  *n = len;
  return lines;
}

/**
 * vw_diff_lines:
 *
 * Returns: (transfer full) (element-type VwDiffLine): the lines of both
 *   texts in order, each marked same, removed or added
 */
GPtrArray *
vw_diff_lines (const char *old_text,
               const char *new_text)
{
  guint n_old, n_new;
  g_auto(GStrv) a = split_lines (old_text, &n_old);
  g_auto(GStrv) b = split_lines (new_text, &n_new);
  GPtrArray *diff = g_ptr_array_new_with_free_func (diff_line_free);
  guint *table;
  guint i = 0, j = 0;
  gsize width = n_new + 1;

  /* table[i][j]: length of the LCS of a[i..] and b[j..]. */
  table = g_new0 (guint, (gsize) (n_old + 1) * width);
  for (guint x = n_old; x-- > 0;)
    for (guint y = n_new; y-- > 0;)
      {
        if (g_str_equal (a[x], b[y]))
          table[x * width + y] = table[(x + 1) * width + y + 1] + 1;
        else
          table[x * width + y] = MAX (table[(x + 1) * width + y], table[x * width + y + 1]);
      }

  while (i < n_old && j < n_new)
    {
      if (g_str_equal (a[i], b[j]))
        {
          add_line (diff, VW_DIFF_SAME, a[i], i + 1, j + 1);
          i++, j++;
        }
      else if (table[(i + 1) * width + j] >= table[i * width + j + 1])
        {
          add_line (diff, VW_DIFF_REMOVED, a[i], i + 1, 0);
          i++;
        }
      else
        {
          add_line (diff, VW_DIFF_ADDED, b[j], 0, j + 1);
          j++;
        }
    }
  for (; i < n_old; i++)
    add_line (diff, VW_DIFF_REMOVED, a[i], i + 1, 0);
  for (; j < n_new; j++)
    add_line (diff, VW_DIFF_ADDED, b[j], 0, j + 1);

  g_free (table);
  return diff;
}

guint
vw_diff_count (GPtrArray *diff,
               VwDiffOp   op)
{
  guint count = 0;

  for (guint i = 0; i < diff->len; i++)
    count += ((VwDiffLine *) diff->pdata[i])->op == op;
  return count;
}

/* "-removed", "+added", " same", one per line. */
char *
vw_diff_to_unified (GPtrArray *diff)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < diff->len; i++)
    {
      VwDiffLine *line = diff->pdata[i];
      char mark = line->op == VW_DIFF_ADDED ? '+' : line->op == VW_DIFF_REMOVED ? '-' : ' ';

      g_string_append_printf (text, "%c%s\n", mark, line->text);
    }
  return g_string_free (text, FALSE);
}
