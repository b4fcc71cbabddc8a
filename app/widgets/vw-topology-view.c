/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-topology-view"

#include <glib/gi18n.h>

#include "vw-topology-view.h"

/* A live picture of the lab, drawn with GtkSnapshot: the outside world on
 * top; below it three columns, networks, the machines on them and the
 * storage their disks are in. A network that reaches the outside hangs on
 * a trunk from the top band; an isolated one is cut off with a cross. Each
 * network is a coloured bus its machines tap into; curves go from machines
 * to their volumes and from overlays to their backing images. Narrow, the
 * storage moves under the machines and says who uses each volume instead
 * of drawing lines. Big labs are capped ("and 480 more"). */

#define MARGIN 20.f
#define BAND_H 58.f
#define BAND_GAP 44.f
#define TRUNK_W 34.f
#define NET_H 62.f
#define MACHINE_H 54.f
#define GAP 10.f
#define BLOCK_GAP 22.f
#define POOL_HEAD 40.f
#define VOL_H 30.f
#define MORE_H 30.f
#define ARC_ROOM 40.f
#define RADIUS 10.f
#define MACHINE_CAP 96
#define NETWORK_CAP 24
#define VOLUME_CAP 40
#define N_LEGEND 5

enum {
  TEXT_BOLD = 1 << 0,
  TEXT_SMALL = 1 << 1,
  TEXT_RIGHT = 1 << 2,
  TEXT_HEADING = 1 << 3,
  TEXT_TITLE = 1 << 4,
};

typedef struct { int network; GArray *items; guint hidden; } Block;   /* network -1: none */
typedef struct { int pool; GArray *items; guint hidden; } Shelf;      /* pool -1: no pool */
/* "and N more", or with kind -1 the header of machines on no network. */
typedef struct { graphene_rect_t rect; int kind; guint count; } More;

typedef struct
{
  GdkRGBA fg, dim, faint, base, card, border, shade, accent, success, warning, error, nets[6];
} Palette;

struct _VwTopologyView
{
  GtkWidget parent_instance;

  VwConnection *connection;
  VwTopology *topology;
  gulong changed_id;
  gulong status_id;

  /* What is drawn and in which order: rebuilt on ::changed. */
  GPtrArray *blocks;
  GPtrArray *shelves;
  guint hidden_networks;
  GArray *lanes;            /* per network: its bus lane, or -1 */
  GArray *slots;            /* per edge: its place among its machine's ports */
  GArray *n_ports[2];       /* per machine: network ports, disk ports */
  guint n_lanes;

  /* Where: rebuilt on allocation. */
  int width;
  gboolean narrow;
  float x0, content_w, net_w, mach_w, store_w, bus_w, disk_w, height;
  graphene_rect_t loose;    /* the card of files in no pool */
  GArray *rects[4];         /* per node, by VwTopologyKind; empty when not drawn */
  GArray *mores;
  graphene_point_t legend[N_LEGEND];

  int hover_kind;
  int hover_index;
  GHashTable *icons;
  PangoLayout *pango;
};

G_DEFINE_FINAL_TYPE (VwTopologyView, vw_topology_view, GTK_TYPE_WIDGET)

static const char *legend_text[N_LEGEND] = {
  N_("Reaches the outside (NAT, routed, bridged)"),
  N_("Isolated: only the host and each other"),
  N_("Machine on a network"),
  N_("Disk on a volume (dashed: read-only)"),
  N_("Overlay on its backing image"),
};

/* ----- Text, icons and shapes ----- */

static float
text (VwTopologyView  *self,
      GtkSnapshot     *snapshot,
      const char      *str,
      float            x,
      float            center_y,
      float            max_w,
      const GdkRGBA   *color,
      int              style)
{
  PangoAttrList *attrs = pango_attr_list_new ();
  int w, h;

  if (style & (TEXT_BOLD | TEXT_HEADING | TEXT_TITLE))
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  if (style & (TEXT_SMALL | TEXT_HEADING | TEXT_TITLE))
    pango_attr_list_insert (attrs, pango_attr_scale_new (style & TEXT_TITLE ? 1.5
                                                         : style & TEXT_HEADING ? 0.8 : 0.88));
  pango_layout_set_attributes (self->pango, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_text (self->pango, str, -1);
  pango_layout_set_width (self->pango, max_w > 0 ? (int) (max_w * PANGO_SCALE) : -1);
  pango_layout_get_pixel_size (self->pango, &w, &h);
  if (snapshot != NULL)
    {
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT (style & TEXT_RIGHT ? x + max_w - w : x,
                                                    (int) (center_y - h / 2.f + 0.5f)));
      gtk_snapshot_append_layout (snapshot, self->pango, color);
      gtk_snapshot_restore (snapshot);
    }
  return w;
}

static void
icon (VwTopologyView *self,
      GtkSnapshot    *snapshot,
      const char     *name,
      float           x,
      float           center_y,
      float           size,
      const GdkRGBA  *color)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_autofree char *key = g_strdup_printf ("%s@%d", name, (int) size);
  GtkIconPaintable *paintable = g_hash_table_lookup (self->icons, key);

  if (paintable == NULL)
    {
      GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));

      paintable = gtk_icon_theme_lookup_icon (theme, name, NULL, (int) size,
                                              gtk_widget_get_scale_factor (widget),
                                              gtk_widget_get_direction (widget), 0);
      g_hash_table_insert (self->icons, g_steal_pointer (&key), paintable);
    }
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, (int) (center_y - size / 2 + 0.5f)));
  gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (paintable), snapshot, size,
                                            size, color, 1);
  gtk_snapshot_restore (snapshot);
}

/* A horizontal or vertical line, solid or dashed. */
static void
line (GtkSnapshot   *snapshot,
      const GdkRGBA *color,
      float          x1,
      float          y1,
      float          x2,
      float          y2,
      float          width,
      gboolean       dashed)
{
  gboolean vertical = x1 == x2;
  float from = vertical ? MIN (y1, y2) : MIN (x1, x2);
  float length = vertical ? ABS (y2 - y1) : ABS (x2 - x1);

  for (float t = 0; t < length; t += dashed ? 9 : length)
    {
      float piece = MIN (dashed ? 5 : length, length - t);

      gtk_snapshot_append_color (snapshot, color,
                                 vertical
                                 ? &GRAPHENE_RECT_INIT (x1 - width / 2, from + t, width, piece)
                                 : &GRAPHENE_RECT_INIT (from + t, y1 - width / 2, piece, width));
    }
}

static void
rounded (GtkSnapshot           *snapshot,
         const GdkRGBA         *color,
         const graphene_rect_t *rect,
         float                  radius)
{
  GskRoundedRect clip;

  gsk_rounded_rect_init_from_rect (&clip, rect, radius);
  gtk_snapshot_push_rounded_clip (snapshot, &clip);
  gtk_snapshot_append_color (snapshot, color, rect);
  gtk_snapshot_pop (snapshot);
}

static void
dot (GtkSnapshot   *snapshot,
     const GdkRGBA *color,
     float          x,
     float          y,
     float          r)
{
  rounded (snapshot, color, &GRAPHENE_RECT_INIT (x - r, y - r, 2 * r, 2 * r), r);
}

static void
card (GtkSnapshot           *snapshot,
      const Palette         *p,
      const graphene_rect_t *rect,
      const GdkRGBA         *border)
{
  GskRoundedRect outline;
  float widths[4] = { 1, 1, 1, 1 };
  GdkRGBA colors[4] = { *border, *border, *border, *border };

  gsk_rounded_rect_init_from_rect (&outline, rect, RADIUS);
  gtk_snapshot_append_outset_shadow (snapshot, &outline, &p->shade, 0, 1, 0, 3);
  /* Dark cards are translucent: lines behind must not show through. */
  rounded (snapshot, &p->base, rect, RADIUS);
  rounded (snapshot, &p->card, rect, RADIUS);
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);
}

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

static GdkRGBA
with_alpha (const GdkRGBA *color,
            float          alpha)
{
  return (GdkRGBA) { color->red, color->green, color->blue, color->alpha * alpha };
}

/* Colours from the theme, so that light and dark both work. */
static void
palette_init (VwTopologyView *self,
              Palette        *p)
{
  static const char *names[] = { "accent_color", "success_color", "warning_color", "error_color",
                                 "card_bg_color", "card_shade_color", "window_bg_color" };
  /* No green: green is the way out. */
  static const char *light[] = { "blue_4", "purple_3", "orange_5", "brown_3", "yellow_5",
                                "dark_2" };
  static const char *dark[] = { "blue_2", "purple_1", "orange_2", "brown_1", "yellow_3",
                               "light_4" };
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  GdkRGBA *slots[] = { &p->accent, &p->success, &p->warning, &p->error, &p->card, &p->shade,
                       &p->base };
  gboolean is_dark;

  gtk_style_context_get_color (context, &p->fg);
  is_dark = p->fg.red + p->fg.green + p->fg.blue > 1.5;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (!gtk_style_context_lookup_color (context, names[i], slots[i]))
      *slots[i] = with_alpha (&p->fg, 0.5);
  for (guint i = 0; i < G_N_ELEMENTS (p->nets); i++)
    if (!gtk_style_context_lookup_color (context, is_dark ? dark[i] : light[i], &p->nets[i]))
      p->nets[i] = p->accent;
  p->dim = with_alpha (&p->fg, 0.62);
  p->faint = with_alpha (&p->fg, 0.38);
  p->border = with_alpha (&p->fg, is_dark ? 0.14 : 0.12);
}

/* ----- What is drawn ----- */

static void
block_free (gpointer data)
{
  Block *block = data;

  g_array_unref (block->items);
  g_free (block);
}

static GArray *
int_array (guint n,
           int   value)
{
  GArray *array = g_array_sized_new (FALSE, FALSE, sizeof (int), n);

  for (guint i = 0; i < n; i++)
    g_array_append_val (array, value);
  return array;
}

static gpointer
new_block (GPtrArray *blocks,
           int        node)
{
  Block *block = g_new0 (Block, 1);

  block->network = node;
  block->items = g_array_new (FALSE, FALSE, sizeof (int));
  g_ptr_array_add (blocks, block);
  return block;
}

/* Node indexes by their key, then by index. */
static int
by_key (gconstpointer a,
        gconstpointer b,
        gpointer      keys)
{
  int ka = g_array_index ((GArray *) keys, int, *(const int *) a);
  int kb = g_array_index ((GArray *) keys, int, *(const int *) b);

  return ka != kb ? (ka < kb ? -1 : 1) : *(const int *) a - *(const int *) b;
}

/* Machines go under the first network they are on, those on several last
 * (next to the network below); volumes in the order of their first user,
 * so that lines stay short. Each network a drawn machine is on gets a bus
 * lane. */
static void
plan (VwTopologyView *self)
{
  VwTopology *t = self->topology;
  guint n_nets = vw_topology_get_n_nodes (t, VW_TOPOLOGY_KIND_NETWORK);
  guint n_machines = vw_topology_get_n_nodes (t, VW_TOPOLOGY_KIND_MACHINE);
  guint n_pools = vw_topology_get_n_nodes (t, VW_TOPOLOGY_KIND_POOL);
  guint n_volumes = vw_topology_get_n_nodes (t, VW_TOPOLOGY_KIND_VOLUME);
  guint n_edges = vw_topology_get_n_edges (t);
  g_autoptr(GArray) first = int_array (n_machines, G_MAXINT);
  g_autoptr(GArray) last = int_array (n_machines, -1);
  g_autoptr(GArray) position = int_array (n_machines, G_MAXINT);
  g_autoptr(GArray) vkey = int_array (n_volumes, G_MAXINT);
  guint cap, shown = 0;
  Block *none;

  g_ptr_array_set_size (self->blocks, 0);
  g_ptr_array_set_size (self->shelves, 0);
  g_clear_pointer (&self->lanes, g_array_unref);
  g_clear_pointer (&self->slots, g_array_unref);
  for (guint i = 0; i < 2; i++)
    g_clear_pointer (&self->n_ports[i], g_array_unref);
  self->lanes = int_array (n_nets, -1);
  self->slots = int_array (n_edges, 0);
  self->n_ports[0] = int_array (n_machines, 0);
  self->n_ports[1] = int_array (n_machines, 0);
  self->n_lanes = 0;
  self->hidden_networks = n_nets > NETWORK_CAP ? n_nets - NETWORK_CAP : 0;

  for (guint i = 0; i < n_edges; i++)
    {
      const VwTopologyEdge *e = vw_topology_get_edge (t, i);
      int *ports;

      if (e->kind != VW_TOPOLOGY_EDGE_NETWORK && e->kind != VW_TOPOLOGY_EDGE_DISK)
        continue;
      ports = &g_array_index (self->n_ports[e->kind == VW_TOPOLOGY_EDGE_DISK], int, e->from);
      g_array_index (self->slots, int, i) = (*ports)++;
      if (e->kind == VW_TOPOLOGY_EDGE_NETWORK)
        {
          g_array_index (first, int, e->from) = MIN (g_array_index (first, int, e->from),
                                                     (int) e->to);
          g_array_index (last, int, e->from) = MAX (g_array_index (last, int, e->from),
                                                    (int) e->to);
        }
    }

  for (guint i = 0; i < MIN (n_nets, NETWORK_CAP); i++)
    new_block (self->blocks, i);
  none = new_block (self->blocks, -1);
  cap = CLAMP (MACHINE_CAP / self->blocks->len, 6, 60);
  for (guint m = 0; m < n_machines; m++)
    {
      int f = g_array_index (first, int, m);
      Block *block = f < (int) self->blocks->len - 1 ? self->blocks->pdata[f] : none;

      if (block->items->len < cap)
        g_array_append_val (block->items, m);
      else
        block->hidden++;
    }
  if (none->items->len == 0 && none->hidden == 0)
    g_ptr_array_remove (self->blocks, none);
  for (guint b = 0; b < self->blocks->len; b++)
    {
      Block *block = self->blocks->pdata[b];

      g_array_sort_with_data (block->items, by_key, last);
      for (guint i = 0; i < block->items->len; i++)
        g_array_index (position, int, g_array_index (block->items, int, i)) = shown++;
    }

  for (guint i = 0; i < n_edges; i++)
    {
      const VwTopologyEdge *e = vw_topology_get_edge (t, i);
      int at = g_array_index (position, int, e->from);

      if (e->kind == VW_TOPOLOGY_EDGE_DISK && at != G_MAXINT)
        {
          int key = at * 16 + MIN (g_array_index (self->slots, int, i), 15);

          g_array_index (vkey, int, e->to) = MIN (g_array_index (vkey, int, e->to), key);
        }
      else if (e->kind == VW_TOPOLOGY_EDGE_NETWORK && at != G_MAXINT && e->to < NETWORK_CAP)
        g_array_index (self->lanes, int, e->to) = 0;
    }
  for (guint i = 0; i < n_nets; i++)
    if (g_array_index (self->lanes, int, i) == 0)
      g_array_index (self->lanes, int, i) = self->n_lanes++;

  /* A shelf per pool, even empty, then one for files in no pool. */
  for (guint i = 0; i < n_pools; i++)
    new_block (self->shelves, i);
  for (guint v = 0; v < n_volumes; v++)
    {
      int pool = vw_topology_get_volume (t, v)->pool;

      if (pool < 0 && self->shelves->len == n_pools)
        new_block (self->shelves, -1);
      Shelf *shelf = self->shelves->pdata[pool >= 0 ? (guint) pool : n_pools];

      g_array_append_val (shelf->items, v);
    }
  for (guint i = 0; i < self->shelves->len; i++)
    {
      Shelf *shelf = self->shelves->pdata[i];

      g_array_sort_with_data (shelf->items, by_key, vkey);
      if (shelf->items->len > VOLUME_CAP)
        {
          shelf->hidden = shelf->items->len - VOLUME_CAP;
          g_array_set_size (shelf->items, VOLUME_CAP);
        }
    }
}

/* ----- Where it is drawn ----- */

static void
add_more (VwTopologyView *self,
          float           x,
          float           y,
          float           w,
          int             kind,
          guint           count)
{
  More more = { GRAPHENE_RECT_INIT (x, y, w, MORE_H), kind, count };

  g_array_append_val (self->mores, more);
}

static void
set_rect (VwTopologyView *self,
          VwTopologyKind  kind,
          int             index,
          float           x,
          float           y,
          float           w,
          float           h)
{
  g_array_index (self->rects[kind], graphene_rect_t, index) = GRAPHENE_RECT_INIT (x, y, w, h);
}

static float natural_width (VwTopologyView *self);

/* Lays the picture out for @width; returns the height it needs. */
static float
layout (VwTopologyView *self,
        int             width)
{
  float bus = 28 + 8 * MIN (self->n_lanes, 10);
  float fixed = 2 * MARGIN + TRUNK_W + bus + ARC_ROOM;
  float avail = width - fixed;
  float t, y, top, bottom, sx, sy, sw, lx, ly;

  self->width = width;
  self->bus_w = bus;
  self->narrow = avail < 150 + 140 + 170 + 56;
  if (!self->narrow)
    {
      t = CLAMP ((avail - 516) / (860 - 516), 0, 1);
      self->net_w = 150 + t * 100, self->mach_w = 140 + t * 90;
      self->store_w = 170 + t * 100, self->disk_w = 56 + t * 54;
    }
  else
    {
      /* A tree: each network across the width, its machines under it. */
      self->net_w = MAX (width - 2 * MARGIN - TRUNK_W, 160);
      self->mach_w = self->net_w - bus + 12;
      self->store_w = self->disk_w = 0;
    }
  self->x0 = MAX (0, (width - natural_width (self)) / 2) + MARGIN;
  self->content_w = MIN (width, natural_width (self)) - 2 * MARGIN;
  self->loose = GRAPHENE_RECT_INIT (0, 0, 0, 0);

  for (guint k = 0; k < 4; k++)
    {
      g_array_set_size (self->rects[k], 0);
      if (self->topology != NULL)
        g_array_set_size (self->rects[k], vw_topology_get_n_nodes (self->topology, k));
    }
  g_array_set_size (self->mores, 0);

  top = y = MARGIN + BAND_H + BAND_GAP;
  for (guint b = 0; b < self->blocks->len; b++)
    {
      Block *block = self->blocks->pdata[b];
      float net_x = self->x0 + TRUNK_W, mach_x = net_x + self->net_w + bus, my = y;

      if (self->narrow)
        mach_x = net_x + bus - 12, my = y + (block->network >= 0 ? NET_H : MORE_H) + GAP;
      if (block->network >= 0)
        set_rect (self, VW_TOPOLOGY_KIND_NETWORK, block->network, net_x, y, self->net_w, NET_H);
      else
        add_more (self, net_x, y, self->net_w, -1, 0);
      for (guint i = 0; i < block->items->len; i++, my += MACHINE_H + GAP)
        set_rect (self, VW_TOPOLOGY_KIND_MACHINE, g_array_index (block->items, int, i),
                  mach_x, my, self->mach_w, MACHINE_H);
      if (block->hidden > 0)
        {
          add_more (self, mach_x, my, self->mach_w, VW_TOPOLOGY_KIND_MACHINE, block->hidden);
          my += MORE_H + GAP;
        }
      y = MAX (y + NET_H, my - GAP) + BLOCK_GAP;
    }
  if (self->hidden_networks > 0)
    {
      add_more (self, self->x0 + TRUNK_W, y, self->net_w, VW_TOPOLOGY_KIND_NETWORK,
                self->hidden_networks);
      y += MORE_H + BLOCK_GAP;
    }
  bottom = y - BLOCK_GAP;

  sx = self->x0 + TRUNK_W;
  if (!self->narrow)
    sx += self->net_w + bus + self->mach_w + self->disk_w;
  sw = self->narrow ? self->net_w : self->store_w;
  sy = self->narrow ? bottom + BAND_GAP + 8 : top;
  for (guint s = 0; s < self->shelves->len; s++)
    {
      Shelf *shelf = self->shelves->pdata[s];
      float h = POOL_HEAD + MAX (shelf->items->len, 1) * VOL_H
                + (shelf->hidden > 0 ? MORE_H : 0) + 4;

      if (shelf->pool >= 0)
        set_rect (self, VW_TOPOLOGY_KIND_POOL, shelf->pool, sx, sy, sw, h);
      else
        self->loose = GRAPHENE_RECT_INIT (sx, sy, sw, h);
      for (guint i = 0; i < shelf->items->len; i++)
        set_rect (self, VW_TOPOLOGY_KIND_VOLUME, g_array_index (shelf->items, int, i),
                  sx, sy + POOL_HEAD + i * VOL_H, sw, VOL_H);
      if (shelf->hidden > 0)
        add_more (self, sx, sy + h - MORE_H - 4, sw, VW_TOPOLOGY_KIND_VOLUME, shelf->hidden);
      sy += h + 14;
    }
  bottom = MAX (bottom, sy - 14);

  /* The legend flows in rows under everything. */
  lx = self->x0, ly = bottom + 36;
  for (guint i = 0; i < N_LEGEND && self->pango != NULL; i++)
    {
      float w = 36 + text (self, NULL, _(legend_text[i]), 0, 0, width - 2 * MARGIN - 36, NULL,
                           TEXT_SMALL);

      /* Narrow, volumes name their users instead of lines. */
      self->legend[i] = GRAPHENE_POINT_INIT (-1, -1);
      if (self->narrow && i == 3)
        continue;
      if (lx > self->x0 && lx + w > width - MARGIN)
        lx = self->x0, ly += 24;
      self->legend[i] = GRAPHENE_POINT_INIT (lx, ly);
      lx += w + 22;
    }
  self->height = ly + 12 + MARGIN;
  return self->height;
}

static float
natural_width (VwTopologyView *self)
{
  return 2 * MARGIN + TRUNK_W + 28 + 8 * MIN (self->n_lanes, 10) + ARC_ROOM + 250 + 230 + 270 + 110;
}

static const graphene_rect_t *
rect_of (VwTopologyView *self,
         VwTopologyKind  kind,
         guint           index)
{
  const graphene_rect_t *rect;

  if (index >= self->rects[kind]->len)
    return NULL;
  rect = &g_array_index (self->rects[kind], graphene_rect_t, index);
  return rect->size.width > 0 ? rect : NULL;
}

/* ----- Drawing ----- */

static float
tap_y (const graphene_rect_t *rect)
{
  return rect->origin.y + 22;
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

static gboolean
hovered (VwTopologyView *self,
         VwTopologyKind  kind,
         guint           index)
{
  return self->hover_kind == (int) kind && self->hover_index == (int) index;
}

/* The trunk from the outside world down to every network that reaches it,
 * and a cut-off stub with a cross for every one that does not. */
static void
draw_outside_links (VwTopologyView *self,
                    GtkSnapshot    *snapshot,
                    const Palette  *p)
{
  float trunk_x = self->x0 + 14, bottom = 0;

  for (guint i = 0; i < self->rects[VW_TOPOLOGY_KIND_NETWORK]->len; i++)
    {
      const graphene_rect_t *r = rect_of (self, VW_TOPOLOGY_KIND_NETWORK, i);
      const VwTopologyNetwork *n = vw_topology_get_network (self->topology, i);

      if (r == NULL)
        continue;
      if (n->reaches_outside)
        {
          bottom = tap_y (r);
          line (snapshot, &p->success, trunk_x, bottom, r->origin.x, bottom, 2.5, !n->active);
          dot (snapshot, &p->success, trunk_x, bottom, 4);
        }
      else
        {
          line (snapshot, &p->faint, r->origin.x - 9, tap_y (r), r->origin.x, tap_y (r), 2, FALSE);
          cross (snapshot, &p->error, r->origin.x - 16, tap_y (r));
        }
    }
  if (bottom > 0)
    line (snapshot, &p->success, trunk_x, MARGIN + BAND_H, trunk_x, bottom, 2.5, FALSE);
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
          || rect_of (self, VW_TOPOLOGY_KIND_NETWORK, e->to) == NULL
          || (m = rect_of (self, VW_TOPOLOGY_KIND_MACHINE, e->from)) == NULL)
        continue;
      x = lane_x (self, e->to);
      y = port_y (self, m, i, 0, e->from);
      hot = hovered (self, VW_TOPOLOGY_KIND_MACHINE, e->from)
            || hovered (self, VW_TOPOLOGY_KIND_NETWORK, e->to);
      if (snapshot == NULL)
        top[e->to] = MIN (top[e->to], y), end[e->to] = MAX (end[e->to], y);
      else
        {
          line (snapshot, &p->nets[e->to % 6], x, y, m->origin.x, y, hot ? 3.5 : 2, FALSE);
          dot (snapshot, &p->nets[e->to % 6], x, y, hot ? 4.5 : 3.5);
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
      const graphene_rect_t *r = rect_of (self, VW_TOPOLOGY_KIND_NETWORK, i);

      top[i] = end[i] = r == NULL ? 0 : self->narrow ? r->origin.y + r->size.height : tap_y (r);
    }
  bus_taps (self, NULL, p, top, end);
  for (guint i = 0; i < n_nets; i++)
    {
      const graphene_rect_t *r = rect_of (self, VW_TOPOLOGY_KIND_NETWORK, i);
      const VwTopologyNetwork *n = vw_topology_get_network (self->topology, i);
      float width = hovered (self, VW_TOPOLOGY_KIND_NETWORK, i) ? 3.5 : 2;

      if (r == NULL || g_array_index (self->lanes, int, i) < 0)
        continue;
      if (!self->narrow)
        line (snapshot, &p->nets[i % 6], r->origin.x + r->size.width, tap_y (r),
              lane_x (self, i), tap_y (r), width, !n->active);
      line (snapshot, &p->nets[i % 6], lane_x (self, i), top[i], lane_x (self, i), end[i] + 1,
            width, !n->active);
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
          && (a = rect_of (self, VW_TOPOLOGY_KIND_MACHINE, e->from)) != NULL
          && (b = rect_of (self, VW_TOPOLOGY_KIND_VOLUME, e->to)) != NULL)
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
          dot (snapshot, hot ? &p->accent : &p->faint, pt[3].x, pt[3].y, 3);
        }
      else if (e->kind == VW_TOPOLOGY_EDGE_BACKING
               && (a = rect_of (self, VW_TOPOLOGY_KIND_VOLUME, e->from)) != NULL
               && (b = rect_of (self, VW_TOPOLOGY_KIND_VOLUME, e->to)) != NULL)
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

static void
pill (VwTopologyView *self,
      GtkSnapshot    *snapshot,
      const char     *label,
      const char     *icon_name,
      float           x,
      float           center_y,
      gboolean        right,
      const GdkRGBA  *color)
{
  float w = text (self, NULL, label, 0, 0, -1, NULL, TEXT_SMALL | TEXT_BOLD)
            + (icon_name != NULL ? 34 : 16);
  GdkRGBA bg = with_alpha (color, 0.14);

  if (right)
    x -= w;
  rounded (snapshot, &bg, &GRAPHENE_RECT_INIT (x, center_y - 10, w, 20), 10);
  if (icon_name != NULL)
    icon (self, snapshot, icon_name, x + 8, center_y, 12, color);
  text (self, snapshot, label, x + (icon_name != NULL ? 26 : 8), center_y, -1, color,
        TEXT_SMALL | TEXT_BOLD);
}

static void
draw_network (VwTopologyView        *self,
              GtkSnapshot           *snapshot,
              const Palette         *p,
              guint                  index,
              const graphene_rect_t *r)
{
  const VwTopologyNetwork *n = vw_topology_get_network (self->topology, index);
  const char *mode = vw_topology_network_get_mode_label (n);
  const GdkRGBA *tone = n->reaches_outside ? &p->success : !n->defined ? &p->error : &p->dim;
  float badge = text (self, NULL, mode, 0, 0, -1, NULL, TEXT_SMALL | TEXT_BOLD) + 16;
  g_autofree char *details = NULL;
  GskRoundedRect clip;

  card (snapshot, p, r, hovered (self, VW_TOPOLOGY_KIND_NETWORK, index) ? &p->accent : &p->border);
  if (!n->active)
    gtk_snapshot_push_opacity (snapshot, 0.55);
  gsk_rounded_rect_init_from_rect (&clip, r, RADIUS);
  gtk_snapshot_push_rounded_clip (snapshot, &clip);
  gtk_snapshot_append_color (snapshot, &p->nets[index % 6],
                             &GRAPHENE_RECT_INIT (r->origin.x, r->origin.y, 5, r->size.height));
  gtk_snapshot_pop (snapshot);
  icon (self, snapshot,
        n->kind == VW_TOPOLOGY_NET_LIBVIRT ? "network-wired-symbolic" : "network-server-symbolic",
        r->origin.x + 16, tap_y (r), 16, &p->nets[index % 6]);
  text (self, snapshot, n->name, r->origin.x + 40, tap_y (r), MAX (r->size.width - 58 - badge, 24),
        &p->fg, TEXT_BOLD);
  pill (self, snapshot, mode, NULL, r->origin.x + r->size.width - 10, tap_y (r), TRUE, tone);
  if (n->kind != VW_TOPOLOGY_NET_LIBVIRT)
    details = g_strdup (n->kind == VW_TOPOLOGY_NET_USER ? _("QEMU's own NAT")
                                                        : _("On the host's LAN"));
  else if (!n->defined)
    details = g_strdup (_("Missing: machines cannot start"));
  else
    /* Translators: "Inactive · 10.0.0.0/24 · virbr1" */
    details = g_strdup_printf ("%s%s%s%s", n->active ? "" : _("Inactive · "),
                               n->subnet != NULL ? n->subnet : _("No IPv4"),
                               n->bridge != NULL ? " · " : "", n->bridge != NULL ? n->bridge : "");
  text (self, snapshot, details, r->origin.x + 40, r->origin.y + 44, r->size.width - 50, &p->dim,
        TEXT_SMALL);
  if (!n->active)
    gtk_snapshot_pop (snapshot);
}

static void
draw_machine (VwTopologyView        *self,
              GtkSnapshot           *snapshot,
              const Palette         *p,
              guint                  index,
              const graphene_rect_t *r)
{
  const VwTopologyMachine *m = vw_topology_get_machine (self->topology, index);
  const char *state_icon = "system-shutdown-symbolic";
  const GdkRGBA *tone = &p->dim;

  switch (m->state)
    {
    case VW_DOMAIN_STATE_RUNNING:
    case VW_DOMAIN_STATE_BLOCKED:
      state_icon = "media-playback-start-symbolic", tone = &p->success;
      break;
    case VW_DOMAIN_STATE_PAUSED:
    case VW_DOMAIN_STATE_PMSUSPENDED:
      state_icon = "media-playback-pause-symbolic", tone = &p->warning;
      break;
    case VW_DOMAIN_STATE_CRASHED:
      state_icon = "dialog-warning-symbolic", tone = &p->error;
      break;
    default:
      break;
    }
  card (snapshot, p, r, hovered (self, VW_TOPOLOGY_KIND_MACHINE, index) ? &p->accent : &p->border);
  icon (self, snapshot, "computer-symbolic", r->origin.x + 14, r->origin.y + 17, 16, &p->fg);
  text (self, snapshot, m->name, r->origin.x + 38, r->origin.y + 17, r->size.width - 48, &p->fg,
        TEXT_BOLD);
  pill (self, snapshot, vw_domain_state_get_label (m->state), state_icon, r->origin.x + 34,
        r->origin.y + 38,
        FALSE, tone);
}

static void
draw_shelf (VwTopologyView        *self,
            GtkSnapshot           *snapshot,
            const Palette         *p,
            Shelf                 *shelf,
            const graphene_rect_t *r)
{
  const VwTopologyPool *pool = NULL;
  float x = r->origin.x, w = r->size.width;
  g_autofree char *kind = NULL;

  if (shelf->pool >= 0)
    pool = vw_topology_get_pool (self->topology, shelf->pool);
  card (snapshot, p, r,
        hovered (self, VW_TOPOLOGY_KIND_POOL, shelf->pool) ? &p->accent : &p->border);
  icon (self, snapshot, pool != NULL ? "drive-multidisk-symbolic" : "folder-symbolic", x + 14,
        r->origin.y + 20, 16, &p->fg);
  text (self, snapshot, pool != NULL ? pool->name : _("Files in no pool"), x + 38,
        r->origin.y + 20, w * 0.6, &p->fg, TEXT_BOLD);
  if (pool != NULL)
    {
      kind = g_strdup_printf ("%s%s", pool->type != NULL ? pool->type : "",
                              pool->active ? "" : _(" · inactive"));
      text (self, snapshot, kind, x + w * 0.6, r->origin.y + 20, w * 0.4 - 12,
            pool->active ? &p->dim : &p->warning,
            TEXT_SMALL | TEXT_RIGHT);
    }
  if (shelf->items->len == 0)
    text (self, snapshot,
          pool != NULL && !pool->active ? _("Start the pool to list its volumes") : _("No volumes"),
          x + 38, r->origin.y + POOL_HEAD + VOL_H / 2, w - 50, &p->dim, TEXT_SMALL);
  for (guint i = 0; i < shelf->items->len; i++)
    {
      guint v = g_array_index (shelf->items, int, i);
      const VwTopologyVolume *volume = vw_topology_get_volume (self->topology, v);
      const graphene_rect_t *row = rect_of (self, VW_TOPOLOGY_KIND_VOLUME, v);
      float cy = row->origin.y + VOL_H / 2, rw;
      g_autofree char *users = NULL;
      g_autofree char *right = NULL;

      if (hovered (self, VW_TOPOLOGY_KIND_VOLUME, v))
        {
          GdkRGBA bg = with_alpha (&p->accent, 0.12);

          rounded (snapshot, &bg, &GRAPHENE_RECT_INIT (x + 4, row->origin.y + 1, w - 8, VOL_H - 2),
                   6);
        }
      line (snapshot, &p->border, x + 12, row->origin.y, x + w - 12, row->origin.y, 1, FALSE);
      icon (self, snapshot,
            g_str_has_suffix (volume->name, ".iso") ? "media-optical-symbolic"
                                                    : "drive-harddisk-symbolic",
            x + 16, cy, 14, &p->dim);
      if (self->narrow)
        {
          /* No lines to draw to, so each volume says who uses it. */
          for (guint j = 0; j < vw_topology_get_n_edges (self->topology); j++)
            {
              const VwTopologyEdge *e = vw_topology_get_edge (self->topology, j);
              char *more;

              if (e->kind != VW_TOPOLOGY_EDGE_DISK || e->to != v)
                continue;
              more = g_strdup_printf ("%s%s%s", users != NULL ? users : "",
                                      users != NULL ? ", " : "",
                                      vw_topology_get_machine (self->topology, e->from)->name);
              g_free (users), users = more;
            }
        }
      right = g_strdup_printf ("%s%s%s", volume->format != NULL ? volume->format : "",
                               volume->format != NULL && users != NULL ? " · " : "",
                               users != NULL ? users : "");
      rw = MIN (text (self, NULL, right, 0, 0, -1, NULL, TEXT_SMALL), w * 0.45);
      text (self, snapshot, volume->name, x + 38, cy, w - 62 - rw, &p->fg, 0);
      text (self, snapshot, right, x + w - 12 - rw, cy, rw, &p->dim, TEXT_SMALL | TEXT_RIGHT);
    }
}

static void
draw_more (VwTopologyView *self,
           GtkSnapshot    *snapshot,
           const Palette  *p,
           const More     *more)
{
  g_autofree char *label = NULL;
  GdkRGBA bg = with_alpha (&p->fg, 0.05);

  if (more->kind < 0)
    label = g_strdup (_("Not on a network"));
  else if (more->kind == VW_TOPOLOGY_KIND_MACHINE)
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more machine",
                                          "and %u more machines", more->count), more->count);
  else if (more->kind == VW_TOPOLOGY_KIND_NETWORK)
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more network",
                                          "and %u more networks", more->count), more->count);
  else
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more volume",
                                          "and %u more volumes", more->count), more->count);
  if (more->kind != VW_TOPOLOGY_KIND_VOLUME)
    rounded (snapshot, &bg, &more->rect, RADIUS);
  text (self, snapshot, label, more->rect.origin.x + 14, more->rect.origin.y + MORE_H / 2,
        more->rect.size.width - 28, &p->dim, TEXT_SMALL | TEXT_BOLD);
}

static void
draw_legend (VwTopologyView *self,
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

          line (snapshot, color, x, y, x + 28, y, i == 0 ? 2.5 : 2, FALSE);
          dot (snapshot, color, x + 4, y, i == 0 ? 4 : 3.5);
        }
      else if (i == 1)
        {
          line (snapshot, &p->faint, x + 18, y, x + 28, y, 2, FALSE);
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
      text (self, snapshot, _(legend_text[i]), x + 36, y, self->width - MARGIN - x - 36, &p->dim,
            TEXT_SMALL);
    }
}

/* A message in place of the picture: connecting, failed, empty. */
static void
draw_message (VwTopologyView *self,
              GtkSnapshot    *snapshot,
              const Palette  *p,
              float           y,
              const char     *icon_name,
              const char     *title,
              const char     *body)
{
  float w = gtk_widget_get_width (GTK_WIDGET (self)), cx = w / 2;
  float tw = text (self, NULL, title, 0, 0, -1, NULL, TEXT_TITLE);

  icon (self, snapshot, icon_name, cx - 32, y + 32, 64, &p->faint);
  text (self, snapshot, title, cx - tw / 2, y + 92, -1, &p->fg, TEXT_TITLE);
  pango_layout_set_alignment (self->pango, PANGO_ALIGN_CENTER);
  text (self, snapshot, body, MARGIN, y + 124, w - 2 * MARGIN, &p->dim, 0);
  pango_layout_set_alignment (self->pango, PANGO_ALIGN_LEFT);
}

static void
draw_picture (VwTopologyView *self,
              GtkSnapshot    *snapshot,
              const Palette  *p)
{
  graphene_rect_t band = GRAPHENE_RECT_INIT (self->x0, MARGIN, self->content_w, BAND_H);
  float heading_y = MARGIN + BAND_H + BAND_GAP - 14, net_x = self->x0 + TRUNK_W;
  GdkRGBA tint;

  draw_outside_links (self, snapshot, p);
  draw_buses (self, snapshot, p);
  draw_storage_links (self, snapshot, p);

  tint = with_alpha (&p->success, 0.1);
  card (snapshot, p, &band, &p->border);
  rounded (snapshot, &tint, &band, RADIUS);
  icon (self, snapshot, "weather-overcast-symbolic", band.origin.x + 16, MARGIN + BAND_H / 2, 24,
        &p->success);
  text (self, snapshot, _("Outside world"), band.origin.x + 54, MARGIN + 20, band.size.width - 70,
        &p->fg, TEXT_BOLD);
  text (self, snapshot, _("The LAN and the internet, via the host"), band.origin.x + 54,
        MARGIN + 40,
        band.size.width - 70, &p->dim, TEXT_SMALL);

  text (self, snapshot, self->narrow ? _("Networks and their machines") : _("Networks"), net_x,
        heading_y,
        self->net_w, &p->dim, TEXT_HEADING);
  if (!self->narrow)
    text (self, snapshot, _("Machines"), net_x + self->net_w + self->bus_w, heading_y,
          self->mach_w, &p->dim,
          TEXT_HEADING);
  for (guint i = 0; i < self->rects[VW_TOPOLOGY_KIND_NETWORK]->len; i++)
    if (rect_of (self, VW_TOPOLOGY_KIND_NETWORK, i) != NULL)
      draw_network (self, snapshot, p, i, rect_of (self, VW_TOPOLOGY_KIND_NETWORK, i));
  for (guint i = 0; i < self->rects[VW_TOPOLOGY_KIND_MACHINE]->len; i++)
    if (rect_of (self, VW_TOPOLOGY_KIND_MACHINE, i) != NULL)
      draw_machine (self, snapshot, p, i, rect_of (self, VW_TOPOLOGY_KIND_MACHINE, i));
  for (guint i = 0; i < self->shelves->len; i++)
    {
      Shelf *shelf = self->shelves->pdata[i];
      const graphene_rect_t *r = &self->loose;

      if (shelf->pool >= 0)
        r = rect_of (self, VW_TOPOLOGY_KIND_POOL, shelf->pool);

      if (i == 0)
        text (self, snapshot, _("Storage"), r->origin.x, r->origin.y - 14, r->size.width, &p->dim,
              TEXT_HEADING);
      draw_shelf (self, snapshot, p, shelf, r);
    }
  for (guint i = 0; i < self->mores->len; i++)
    draw_more (self, snapshot, p, &g_array_index (self->mores, More, i));
  draw_legend (self, snapshot, p);
}

/* What to say instead of the picture, or %NULL to draw it. A lost
 * connection still draws the last picture, dimmed, under a banner. */
static const char *
message (VwTopologyView  *self,
         const char     **icon_name,
         const char     **body)
{
  VwConnectionStatus status = self->connection != NULL ? vw_connection_get_status (self->connection)
                                                       : VW_CONNECTION_STATUS_DISCONNECTED;
  guint serial = self->topology != NULL ? vw_topology_get_serial (self->topology) : 0;

  *icon_name = "network-offline-symbolic", *body = "";
  if (status == VW_CONNECTION_STATUS_FAILED)
    {
      *icon_name = "network-error-symbolic";
      *body = vw_connection_get_error_message (self->connection);
      return _("Could not connect");
    }
  if (status == VW_CONNECTION_STATUS_CONNECTING
      || (status == VW_CONNECTION_STATUS_RECONNECTING && serial == 0))
    return _("Connecting…");
  if (status != VW_CONNECTION_STATUS_CONNECTED && status != VW_CONNECTION_STATUS_RECONNECTING)
    {
      *body = _("Connect to a lab to see its picture.");
      return _("Not connected");
    }
  *icon_name = "computer-symbolic";
  if (serial == 0)
    return _("Reading the lab…");
  if (self->blocks->len == 0 && self->shelves->len == 0)
    {
      *body = _("Networks, machines and storage pools show here as you define them.");
      return _("An empty lab");
    }
  return NULL;
}

static void
vw_topology_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  VwTopologyView *self = VW_TOPOLOGY_VIEW (widget);
  graphene_rect_t banner = GRAPHENE_RECT_INIT (self->x0, MARGIN, self->content_w, BAND_H);
  const char *title, *icon_name, *body;
  GdkRGBA tint;
  Palette p;

  palette_init (self, &p);
  if ((title = message (self, &icon_name, &body)) != NULL)
    {
      draw_message (self, snapshot, &p, MAX (24, (gtk_widget_get_height (widget) - 160) / 2),
                    icon_name, title, body);
      return;
    }
  if (vw_connection_get_status (self->connection) != VW_CONNECTION_STATUS_RECONNECTING)
    {
      draw_picture (self, snapshot, &p);
      return;
    }
  gtk_snapshot_push_opacity (snapshot, 0.4);
  draw_picture (self, snapshot, &p);
  gtk_snapshot_pop (snapshot);
  tint = with_alpha (&p.warning, 0.2);
  rounded (snapshot, &p.card, &banner, RADIUS);
  rounded (snapshot, &tint, &banner, RADIUS);
  icon (self, snapshot, "network-offline-symbolic", self->x0 + 16, MARGIN + BAND_H / 2, 24,
        &p.warning);
  text (self, snapshot, _("Connection lost, reconnecting…"), self->x0 + 54, MARGIN + 20,
        self->content_w - 70, &p.fg, TEXT_BOLD);
  text (self, snapshot, _("This is the lab as it was; it updates once the connection is back."),
        self->x0 + 54, MARGIN + 40, self->content_w - 70, &p.dim, TEXT_SMALL);
}

/* ----- Size, pointer and tooltips ----- */

static gboolean
showing_message (VwTopologyView *self)
{
  const char *icon_name, *body;

  return message (self, &icon_name, &body) != NULL;
}

static void
vw_topology_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  VwTopologyView *self = VW_TOPOLOGY_VIEW (widget);
  int width = self->width;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 2 * MARGIN + TRUNK_W + 28 + 8 * MIN (self->n_lanes, 10) + 160;
      *natural = natural_width (self);
      return;
    }
  if (showing_message (self))
    {
      *minimum = *natural = 240;
      return;
    }
  /* Laying out for another width changes nothing that is drawn: the
   * allocation lays out again for the real one. */
  *minimum = *natural = (int) layout (self, for_size > 0 ? for_size : natural_width (self)) + 1;
  if (width > 0 && width != for_size)
    layout (self, width);
}

static GtkSizeRequestMode
vw_topology_view_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
vw_topology_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  layout (VW_TOPOLOGY_VIEW (widget), width);
}

/* The node under a point: volumes before the pools that hold them. */
static gboolean
hit (VwTopologyView *self,
     double          x,
     double          y,
     int            *kind,
     int            *index)
{
  static const VwTopologyKind order[] = { VW_TOPOLOGY_KIND_VOLUME, VW_TOPOLOGY_KIND_MACHINE,
                                          VW_TOPOLOGY_KIND_NETWORK, VW_TOPOLOGY_KIND_POOL };

  for (guint k = 0; self->topology != NULL && !showing_message (self)
       && k < G_N_ELEMENTS (order); k++)
    for (guint i = 0; i < self->rects[order[k]]->len; i++)
      {
        const graphene_rect_t *r = rect_of (self, order[k], i);

        if (r != NULL && graphene_rect_contains_point (r, &GRAPHENE_POINT_INIT (x, y)))
          {
            *kind = order[k], *index = i;
            return TRUE;
          }
      }
  *kind = *index = -1;
  return FALSE;
}

static void
on_motion (VwTopologyView *self,
           double          x,
           double          y)
{
  int kind, index;

  hit (self, x, y, &kind, &index);
  if (kind == self->hover_kind && index == self->hover_index)
    return;
  self->hover_kind = kind, self->hover_index = index;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                   kind == VW_TOPOLOGY_KIND_MACHINE ? "pointer" : NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_leave (VwTopologyView *self)
{
  on_motion (self, -1, -1);
}

/* A click on a machine selects it in the lab (its details show there). */
static void
on_released (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             VwTopologyView  *self)
{
  int kind, index;

  if (hit (self, x, y, &kind, &index) && kind == VW_TOPOLOGY_KIND_MACHINE)
    gtk_widget_activate_action (GTK_WIDGET (self), "lab.select-domain", "s",
                                vw_topology_get_machine (self->topology, index)->name);
}

char *
vw_topology_view_describe_at (VwTopologyView *self,
                              double          x,
                              double          y)
{
  int kind, index;

  g_return_val_if_fail (VW_IS_TOPOLOGY_VIEW (self), NULL);

  if (hit (self, x, y, &kind, &index))
    return vw_topology_describe (self->topology, kind, index);
  for (guint i = 0; i < self->mores->len; i++)
    {
      const More *more = &g_array_index (self->mores, More, i);

      if (more->kind >= 0
          && graphene_rect_contains_point (&more->rect, &GRAPHENE_POINT_INIT (x, y)))
        return g_strdup (_("The picture shows only part of a lab this big; "
                           "the lists show everything."));
    }
  return NULL;
}

static gboolean
on_query_tooltip (VwTopologyView *self,
                  int             x,
                  int             y,
                  gboolean        keyboard,
                  GtkTooltip     *tooltip)
{
  g_autofree char *description = vw_topology_view_describe_at (self, x, y);

  if (description == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, description);
  return TRUE;
}

/* ----- Following the lab ----- */

static void
on_changed (VwTopologyView *self)
{
  g_autofree char *summary = vw_topology_summarize (self->topology);

  plan (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  summary, -1);
  /* The same size does not redraw by itself. */
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_status (VwTopologyView *self)
{
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_active (VwTopologyView *self)
{
  if (self->topology != NULL)
    vw_topology_set_active (self->topology, gtk_widget_get_mapped (GTK_WIDGET (self)));
}

static void
vw_topology_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (vw_topology_view_parent_class)->map (widget);
  update_active (VW_TOPOLOGY_VIEW (widget));
}

static void
vw_topology_view_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (vw_topology_view_parent_class)->unmap (widget);
  update_active (VW_TOPOLOGY_VIEW (widget));
}

static void
vw_topology_view_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  VwTopologyView *self = VW_TOPOLOGY_VIEW (widget);

  GTK_WIDGET_CLASS (vw_topology_view_parent_class)->css_changed (widget, change);
  /* Fonts and icons may have changed with the theme. */
  g_hash_table_remove_all (self->icons);
  g_clear_object (&self->pango);
  self->pango = gtk_widget_create_pango_layout (widget, NULL);
  pango_layout_set_ellipsize (self->pango, PANGO_ELLIPSIZE_END);
  gtk_widget_queue_resize (widget);
}

/* ----- GObject ----- */

static void
vw_topology_view_dispose (GObject *object)
{
  VwTopologyView *self = VW_TOPOLOGY_VIEW (object);

  vw_topology_view_set_connection (self, NULL);
  g_clear_object (&self->pango);
  g_clear_pointer (&self->icons, g_hash_table_unref);

  G_OBJECT_CLASS (vw_topology_view_parent_class)->dispose (object);
}

static void
vw_topology_view_finalize (GObject *object)
{
  VwTopologyView *self = VW_TOPOLOGY_VIEW (object);

  g_ptr_array_unref (self->blocks);
  g_ptr_array_unref (self->shelves);
  g_clear_pointer (&self->lanes, g_array_unref);
  g_clear_pointer (&self->slots, g_array_unref);
  for (guint i = 0; i < 2; i++)
    g_clear_pointer (&self->n_ports[i], g_array_unref);
  for (guint k = 0; k < 4; k++)
    g_array_unref (self->rects[k]);
  g_array_unref (self->mores);

  G_OBJECT_CLASS (vw_topology_view_parent_class)->finalize (object);
}

static void
vw_topology_view_class_init (VwTopologyViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vw_topology_view_dispose;
  object_class->finalize = vw_topology_view_finalize;
  widget_class->snapshot = vw_topology_view_snapshot;
  widget_class->measure = vw_topology_view_measure;
  widget_class->get_request_mode = vw_topology_view_get_request_mode;
  widget_class->size_allocate = vw_topology_view_size_allocate;
  widget_class->map = vw_topology_view_map;
  widget_class->unmap = vw_topology_view_unmap;
  widget_class->css_changed = vw_topology_view_css_changed;
  gtk_widget_class_set_css_name (widget_class, "topologyview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
vw_topology_view_init (VwTopologyView *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  self->blocks = g_ptr_array_new_with_free_func (block_free);
  self->shelves = g_ptr_array_new_with_free_func (block_free);
  for (guint k = 0; k < 4; k++)
    self->rects[k] = g_array_new (FALSE, TRUE, sizeof (graphene_rect_t));
  self->mores = g_array_new (FALSE, FALSE, sizeof (More));
  self->icons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->hover_kind = self->hover_index = -1;
  self->pango = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  pango_layout_set_ellipsize (self->pango, PANGO_ELLIPSIZE_END);

  g_signal_connect_swapped (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect_swapped (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect (click, "released", G_CALLBACK (on_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  /* Icons are looked up for one scale. */
  g_signal_connect_swapped (self, "notify::scale-factor", G_CALLBACK (g_hash_table_remove_all),
                            self->icons);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Lab topology"), -1);
}

GtkWidget *
vw_topology_view_new (void)
{
  return g_object_new (VW_TYPE_TOPOLOGY_VIEW, NULL);
}

void
vw_topology_view_set_connection (VwTopologyView *self,
                                 VwConnection   *connection)
{
  g_return_if_fail (VW_IS_TOPOLOGY_VIEW (self));

  if (self->connection == connection)
    return;
  if (self->topology != NULL)
    {
      g_clear_signal_handler (&self->changed_id, self->topology);
      g_clear_signal_handler (&self->status_id, self->connection);
      vw_topology_set_active (self->topology, FALSE);
      g_clear_object (&self->topology);
    }
  g_set_object (&self->connection, connection);
  if (connection != NULL)
    {
      self->topology = vw_topology_new (connection);
      self->changed_id = g_signal_connect_swapped (self->topology, "changed",
                                                   G_CALLBACK (on_changed), self);
      self->status_id = g_signal_connect_swapped (connection, "notify::status",
                                                  G_CALLBACK (on_status), self);
      update_active (self);
    }
  g_ptr_array_set_size (self->blocks, 0);
  g_ptr_array_set_size (self->shelves, 0);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

VwTopology *
vw_topology_view_get_topology (VwTopologyView *self)
{
  g_return_val_if_fail (VW_IS_TOPOLOGY_VIEW (self), NULL);
  return self->topology;
}

gboolean
vw_topology_view_get_item_bounds (VwTopologyView  *self,
                                  VwTopologyKind   kind,
                                  const char      *name,
                                  graphene_rect_t *bounds)
{
  const graphene_rect_t *r = NULL;
  int index;

  g_return_val_if_fail (VW_IS_TOPOLOGY_VIEW (self), FALSE);

  if (self->topology == NULL)
    return FALSE;
  if (kind == VW_TOPOLOGY_KIND_VOLUME)
    {
      /* "pool/volume", or the path of a file in no pool. */
      g_auto(GStrv) parts = g_strsplit (name, "/", 2);

      index = name[0] == '/' ? vw_topology_find_volume (self->topology, NULL, name)
                             : vw_topology_find_volume (self->topology, parts[0], parts[1]);
    }
  else
    index = vw_topology_find (self->topology, kind, name);
  if (index >= 0 && !showing_message (self))
    r = rect_of (self, kind, index);
  if (r != NULL && bounds != NULL)
    *bounds = *r;
  return r != NULL;
}
