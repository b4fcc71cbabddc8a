/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  VW_DIFF_SAME,
  VW_DIFF_REMOVED,
  VW_DIFF_ADDED,
} VwDiffOp;

typedef struct
{
  VwDiffOp op;
  char *text;
  guint old_line;  /* 1-based; 0 for an added line */
  guint new_line;  /* 1-based; 0 for a removed line */
} VwDiffLine;

GPtrArray *vw_diff_lines      (const char *old_text,
                               const char *new_text);
guint      vw_diff_count      (GPtrArray  *diff,
                               VwDiffOp    op);
char      *vw_diff_to_unified (GPtrArray  *diff);

G_END_DECLS
