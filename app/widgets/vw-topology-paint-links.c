/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-topology-view"

#include <glib/gi18n.h>

#include "vw-topology-paint-private.h"

/* The picture's lines, where vw-topology-view.c laid out what they join:
 * the outside world's trunk and the cut-off ends of isolated networks, each
 * network's bus and its machines' taps, disks to volumes and overlays to
 * their backing images; and the legend that says what each line means. */

const char *const vw_topology_legend_text[N_LEGEND] = {
  N_("Reaches the outside (NAT, routed, bridged)"),
  N_("Isolated: only the host and each other"),
  N_("Machine on a network"),
  N_("Disk on a volume (dashed: read-only)"),
  N_("Overlay on its backing image"),
};

/* A cubic curve from p0 to p3, with an arrow head at p3 if asked. */
static void
curve (GtkSnapshot            *snapshot,
       const GdkRGBA          *color,
       const graphene_point_t  pt[4],
       float                   width,
       gboolean                dashed,
       gboolean                arrow)
{
  float x1 = pt[0].x, x2 = pt[0].x, y1 = pt[0].y, y2 = pt[0].y;
  cairo_t *cr;

  for (guint i = 1; i < 4; i++)
    {
      x1 = MIN (x1, pt[i].x), x2 = MAX (x2, pt[i].x);
      y1 = MIN (y1, pt[i].y), y2 = MAX (y2, pt[i].y);
    }
  /* A node of the curve's own size: a big lab never gets one huge surface. */
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (x1 - 8, y1 - 8, x2 - x1 + 16,
                                                                 y2 - y1 + 16));
  gdk_cairo_set_source_rgba (cr, color);
  cairo_set_line_width (cr, width);
  if (dashed)
    cairo_set_dash (cr, (double[]) { 4, 3 }, 2, 0);
  cairo_move_to (cr, pt[0].x, pt[0].y);
  cairo_curve_to (cr, pt[1].x, pt[1].y, pt[2].x, pt[2].y, pt[3].x, pt[3].y);
  cairo_stroke (cr);
  if (arrow)
    {
      graphene_vec2_t d;
      float dx, dy;

      /* A head 7 px long and 6 px wide along the last tangent. */
      graphene_vec2_init (&d, pt[3].x - pt[2].x, pt[3].y - pt[2].y);
      graphene_vec2_normalize (&d, &d);
      dx = graphene_vec2_get_x (&d), dy = graphene_vec2_get_y (&d);
      cairo_move_to (cr, pt[3].x, pt[3].y);
      cairo_line_to (cr, pt[3].x - 7 * dx - 3 * dy, pt[3].y - 7 * dy + 3 * dx);
      cairo_line_to (cr, pt[3].x - 7 * dx + 3 * dy, pt[3].y - 7 * dy - 3 * dx);
      cairo_close_path (cr);
      cairo_fill (cr);
    }
  cairo_destroy (cr);
}

static void
cross (GtkSnapshot   *snapshot,
       const GdkRGBA *color,
       float          x,
       float          y)
{
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (x - 7, y - 7, 14, 14));

  gdk_cairo_set_source_rgba (cr, color);
  cairo_set_line_width (cr, 2.2);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_move_to (cr, x - 4.5, y - 4.5);
  cairo_line_to (cr, x + 4.5, y + 4.5);
  cairo_move_to (cr, x + 4.5, y - 4.5);
  cairo_line_to (cr, x - 4.5, y + 4.5);
  cairo_stroke (cr);
  cairo_destroy (cr);
}

static float
port_y (VwTopologyView        *self,
        const graphene_rect_t *rect,
        guint                  edge,
        guint                  side,
        guint                  machine)
{
  int slot = g_array_index (self->slots, int, edge);
  int n = g_array_index (self->n_ports[side], int, machine);

  return rect->origin.y + rect->size.height / 2 + CLAMP ((slot - (n - 1) / 2.f) * 8, -20, 20);
}

static float
lane_x (VwTopologyView *self,
        guint           network)
{
  float x = self->narrow ? self->x0 + TRUNK_W + 14 : self->x0 + TRUNK_W + self->net_w + 16;

  return x + 8 * MIN (g_array_index (self->lanes, int, network), 9);
}

/* The trunk from the outside world down to every network that reaches it,
 * and a short cut-off line ending in a cross for every one that does not. */
static void
draw_outside_links (VwTopologyView *self,
                    GtkSnapshot    *snapshot,
                    const Palette  *p)
{
  float trunk_x = self->x0 + 14, bottom = 0;

  for (guint i = 0; i < self->rects[VW_TOPOLOGY_KIND_NETWORK]->len; i++)
    {
      const graphene_rect_t *r = vw_topology_view_rect_of (self, VW_TOPOLOGY_KIND_NETWORK, i);
      const VwTopologyNetwork *n = vw_topology_get_network (self->topology, i);

      if (r == NULL)
        continue;
      if (n->reaches_outside)
        {
          bottom = tap_y (r);
          vw_topology_paint_line (snapshot, &p->success, trunk_x, bottom, r->origin.x, bottom,
                                  2.5, !n->active);
          vw_topology_paint_dot (snapshot, &p->success, trunk_x, bottom, 4);
        }
      else
        {
          vw_topology_paint_line (snapshot, &p->faint, r->origin.x - 9, tap_y (r), r->origin.x,
                                  tap_y (r), 2, FALSE);
          cross (snapshot, &p->error, r->origin.x - 16, tap_y (r));
        }
    }
  if (bottom > 0)
    vw_topology_paint_line (snapshot, &p->success, trunk_x, MARGIN + BAND_H, trunk_x, bottom, 2.5,
                            FALSE);
}

/* The machines' taps on the buses: with no @snapshot, only how far each
 * bus must reach. */
static void
bus_taps (VwTopologyView *self,
          GtkSnapshot    *snapshot,
          const Palette  *p,
          float          *top,
          float          *end)
{
  for (guint i = 0; i < vw_topology_get_n_edges (self->topology); i++)
    {
      const VwTopologyEdge *e = vw_topology_get_edge (self->topology, i);
      const graphene_rect_t *m;
      gboolean hot;
      float x, y;

      if (e->kind != VW_TOPOLOGY_EDGE_NETWORK || g_array_index (self->lanes, int, e->to) < 0
          || vw_topology_view_rect_of (self, VW_TOPOLOGY_KIND_NETWORK, e->to) == NULL
          || (m = vw_topology_view_rect_of (self, VW_TOPOLOGY_KIND_MACHINE, e->from)) == NULL)
        continue;
      x = lane_x (self, e->to);
      y = port_y (self, m, i, 0, e->from);
      hot = hovered (self, VW_TOPOLOGY_KIND_MACHINE, e->from)
            || hovered (self, VW_TOPOLOGY_KIND_NETWORK, e->to);
      if (snapshot == NULL)
        top[e->to] = MIN (top[e->to], y), end[e->to] = MAX (end[e->to], y);
      else
        {
          vw_topology_paint_line (snapshot, &p->nets[e->to % 6], x, y, m->origin.x, y,
                                  hot ? 3.5 : 2, FALSE);
          vw_topology_paint_dot (snapshot, &p->nets[e->to % 6], x, y, hot ? 4.5 : 3.5);
        }
    }
}

/* Each network is a bus: a vertical line its card and its machines tap. */
static void
draw_buses (VwTopologyView *self,
            GtkSnapshot    *snapshot,
            const Palette  *p)
{
  guint n_nets = self->rects[VW_TOPOLOGY_KIND_NETWORK]->len;
  g_autofree float *top = g_new (float, n_nets);
  g_autofree float *end = g_new (float, n_nets);

  for (guint i = 0; i < n_nets; i++)
    {
      const graphene_rect_t *r = vw_topology_view_rect_of (self, VW_TOPOLOGY_KIND_NETWORK, i);

      top[i] = end[i] = r == NULL ? 0 : self->narrow ? r->origin.y + r->size.height : tap_y (r);
    }
  bus_taps (self, NULL, p, top, end);
  for (guint i = 0; i < n_nets; i++)
    {
      const graphene_rect_t *r = vw_topology_view_rect_of (self, VW_TOPOLOGY_KIND_NETWORK, i);
      const VwTopologyNetwork *n = vw_topology_get_network (self->topology, i);
      float width = hovered (self, VW_TOPOLOGY_KIND_NETWORK, i) ? 3.5 : 2;

      if (r == NULL || g_array_index (self->lanes, int, i) < 0)
        continue;
      if (!self->narrow)
        vw_topology_paint_line (snapshot, &p->nets[i % 6], r->origin.x + r->size.width, tap_y (r),
                                lane_x (self, i), tap_y (r), width, !n->active);
      vw_topology_paint_line (snapshot, &p->nets[i % 6], lane_x (self, i), top[i], lane_x (self, i),
                              end[i] + 1, width, !n->active);
    }
  bus_taps (self, snapshot, p, top, end);
}

/* Disks to volumes, and overlays to their backing images. */
static void
draw_storage_links (VwTopologyView *self,
                    GtkSnapshot    *snapshot,
                    const Palette  *p)
{
  for (guint i = 0; i < vw_topology_get_n_edges (self->topology); i++)
    {
      const VwTopologyEdge *e = vw_topology_get_edge (self->topology, i);
      const graphene_rect_t *a, *b;
      graphene_point_t pt[4];
      gboolean hot;
      float dx;

      if (e->kind == VW_TOPOLOGY_EDGE_DISK && !self->narrow
          && (a = vw_topology_view_rect_of (self, VW_TOPOLOGY_KIND_MACHINE, e->from)) != NULL
          && (b = vw_topology_view_rect_of (self, VW_TOPOLOGY_KIND_VOLUME, e->to)) != NULL)
        {
          hot = hovered (self, VW_TOPOLOGY_KIND_MACHINE, e->from)
                || hovered (self, VW_TOPOLOGY_KIND_VOLUME, e->to);
          pt[0] = GRAPHENE_POINT_INIT (a->origin.x + a->size.width,
                                       port_y (self, a, i, 1, e->from));
          pt[3] = GRAPHENE_POINT_INIT (b->origin.x, b->origin.y + b->size.height / 2);
          dx = (pt[3].x - pt[0].x) / 2;
          pt[1] = GRAPHENE_POINT_INIT (pt[0].x + dx, pt[0].y);
          pt[2] = GRAPHENE_POINT_INIT (pt[3].x - dx, pt[3].y);
          curve (snapshot, hot ? &p->accent : &p->faint, pt, hot ? 2.5 : 1.5, e->readonly, FALSE);
          vw_topology_paint_dot (snapshot, hot ? &p->accent : &p->faint, pt[3].x, pt[3].y, 3);
        }
      else if (e->kind == VW_TOPOLOGY_EDGE_BACKING
               && (a = vw_topology_view_rect_of (self, VW_TOPOLOGY_KIND_VOLUME, e->from)) != NULL
               && (b = vw_topology_view_rect_of (self, VW_TOPOLOGY_KIND_VOLUME, e->to)) != NULL)
        {
          /* To the right of the storage column; narrow, into the empty
           * left column instead. */
          float x = self->narrow ? a->origin.x - 2 : a->origin.x + a->size.width + 2;
          float bulge = 12 + MIN (ABS (b->origin.y - a->origin.y) / VOL_H, 6) * 3;

          if (self->narrow)
            bulge = -bulge;

          pt[0] = GRAPHENE_POINT_INIT (x, a->origin.y + VOL_H / 2);
          pt[1] = GRAPHENE_POINT_INIT (x + bulge, pt[0].y);
          pt[3] = GRAPHENE_POINT_INIT (x, b->origin.y + VOL_H / 2);
          pt[2] = GRAPHENE_POINT_INIT (x + bulge, pt[3].y);
          curve (snapshot, &p->accent, pt, 1.8, FALSE, TRUE);
        }
    }
}

/* Under the cards: the trunk, the buses, then the storage links. */
void
vw_topology_paint_links (VwTopologyView *self,
                         GtkSnapshot    *snapshot,
                         const Palette  *p)
{
  draw_outside_links (self, snapshot, p);
  draw_buses (self, snapshot, p);
  draw_storage_links (self, snapshot, p);
}

/* What each kind of line means, where vw-topology-view.c put the legend. */
void
vw_topology_paint_legend (VwTopologyView *self,
                          GtkSnapshot    *snapshot,
                          const Palette  *p)
{
  for (guint i = 0; i < N_LEGEND; i++)
    {
      float x = self->legend[i].x, y = self->legend[i].y;
      graphene_point_t pt[4] = { { x, y + 4 }, { x + 14, y + 4 }, { x + 14, y - 4 },
                                { x + 28, y - 4 } };

      if (x < 0)
        continue;
      /* Each sample is drawn the way the picture draws that thing. */
      if (i == 0 || i == 2)
        {
          const GdkRGBA *color = i == 0 ? &p->success : &p->nets[0];

          vw_topology_paint_line (snapshot, color, x, y, x + 28, y, i == 0 ? 2.5 : 2, FALSE);
          vw_topology_paint_dot (snapshot, color, x + 4, y, i == 0 ? 4 : 3.5);
        }
      else if (i == 1)
        {
          vw_topology_paint_line (snapshot, &p->faint, x + 18, y, x + 28, y, 2, FALSE);
          cross (snapshot, &p->error, x + 10, y);
        }
      else if (i == 3)
        curve (snapshot, &p->faint, pt, 1.5, FALSE, FALSE);
      else
        {
          graphene_point_t arc[4] = { { x + 6, y - 7 }, { x + 26, y - 7 }, { x + 26, y + 7 },
                                     { x + 8, y + 7 } };

          curve (snapshot, &p->accent, arc, 1.8, FALSE, TRUE);
        }
      vw_topology_view_text (self, snapshot, _(vw_topology_legend_text[i]), x + 36, y,
                             self->width - MARGIN - x - 36, &p->dim, TEXT_SMALL);
    }
}
