/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-topology-view"

#include <glib/gi18n.h>

#include "vw-topology-view-private.h"

/* A live picture of the lab, drawn with GtkSnapshot: the outside world on
 * top; below it three columns, networks, the machines on them and the
 * storage their disks are in. A network that reaches the outside hangs on
 * a trunk from the top band; an isolated one is cut off with a cross. Each
 * network is a coloured bus its machines tap into; curves go from machines
 * to their volumes and from overlays to their backing images. Narrow, the
 * storage moves under the machines and says who uses each volume instead
 * of drawing lines. Big labs are capped ("and 480 more"). */

#define MACHINE_CAP 96
#define NETWORK_CAP 24
#define VOLUME_CAP 40

G_DEFINE_FINAL_TYPE (VwTopologyView, vw_topology_view, GTK_TYPE_WIDGET)

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
      float w = 36 + vw_topology_view_text (self, NULL, _(vw_topology_legend_text[i]), 0, 0,
                                            width - 2 * MARGIN - 36, NULL, TEXT_SMALL);

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

const graphene_rect_t *
vw_topology_view_rect_of (VwTopologyView *self,
                          VwTopologyKind  kind,
                          guint           index)
{
  const graphene_rect_t *rect;

  if (index >= self->rects[kind]->len)
    return NULL;
  rect = &g_array_index (self->rects[kind], graphene_rect_t, index);
  return rect->size.width > 0 ? rect : NULL;
}

/* ----- Size, pointer and tooltips ----- */

/* What to say instead of the picture, or %NULL to draw it. A lost
 * connection still draws the last picture, dimmed, under a banner. */
const char *
vw_topology_view_message (VwTopologyView  *self,
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

static gboolean
showing_message (VwTopologyView *self)
{
  const char *icon_name, *body;

  return vw_topology_view_message (self, &icon_name, &body) != NULL;
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
        const graphene_rect_t *r = vw_topology_view_rect_of (self, order[k], i);

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
    r = vw_topology_view_rect_of (self, kind, index);
  if (r != NULL && bounds != NULL)
    *bounds = *r;
  return r != NULL;
}
