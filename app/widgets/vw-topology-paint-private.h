/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "vw-topology-view-private.h"

G_BEGIN_DECLS

/* Shared by vw-topology-paint.c (the palette, text, icons, shapes, cards
 * and the picture as a whole) and vw-topology-paint-links.c (the lines
 * between the cards, and the legend). */

typedef struct
{
  GdkRGBA fg, dim, faint, base, card, border, shade, accent, success, warning, error, nets[6];
} Palette;

/* Where a network's lines meet its card. */
static inline float
tap_y (const graphene_rect_t *rect)
{
  return rect->origin.y + 22;
}

static inline gboolean
hovered (VwTopologyView *self,
         VwTopologyKind  kind,
         guint           index)
{
  return self->hover_kind == (int) kind && self->hover_index == (int) index;
}

/* vw-topology-paint.c */
void vw_topology_paint_line   (GtkSnapshot    *snapshot,
                               const GdkRGBA  *color,
                               float           x1,
                               float           y1,
                               float           x2,
                               float           y2,
                               float           width,
                               gboolean        dashed);
void vw_topology_paint_dot    (GtkSnapshot    *snapshot,
                               const GdkRGBA  *color,
                               float           x,
                               float           y,
                               float           r);

/* vw-topology-paint-links.c */
void vw_topology_paint_links  (VwTopologyView *self,
                               GtkSnapshot    *snapshot,
                               const Palette  *p);
void vw_topology_paint_legend (VwTopologyView *self,
                               GtkSnapshot    *snapshot,
                               const Palette  *p);

G_END_DECLS
