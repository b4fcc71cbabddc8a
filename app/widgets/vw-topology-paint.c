/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-topology-view"

#include <glib/gi18n.h>

#include "vw-topology-paint-private.h"

/* The picture's painting: the theme's palette, text, icons and shapes,
 * and each part of the picture where vw-topology-view.c laid it out; the
 * lines between the parts and the legend are vw-topology-paint-links.c's. */

/* ----- Text, icons and shapes ----- */

float
vw_topology_view_text (VwTopologyView  *self,
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
void
vw_topology_paint_line (GtkSnapshot   *snapshot,
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

void
vw_topology_paint_dot (GtkSnapshot   *snapshot,
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

/* ----- Drawing ----- */

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
  float w = vw_topology_view_text (self, NULL, label, 0, 0, -1, NULL, TEXT_SMALL | TEXT_BOLD)
            + (icon_name != NULL ? 34 : 16);
  GdkRGBA bg = with_alpha (color, 0.14);

  if (right)
    x -= w;
  rounded (snapshot, &bg, &GRAPHENE_RECT_INIT (x, center_y - 10, w, 20), 10);
  if (icon_name != NULL)
    icon (self, snapshot, icon_name, x + 8, center_y, 12, color);
  vw_topology_view_text (self, snapshot, label, x + (icon_name != NULL ? 26 : 8), center_y, -1,
                         color, TEXT_SMALL | TEXT_BOLD);
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
  float badge = vw_topology_view_text (self, NULL, mode, 0, 0, -1, NULL,
                                       TEXT_SMALL | TEXT_BOLD) + 16;
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
  vw_topology_view_text (self, snapshot, n->name, r->origin.x + 40, tap_y (r),
                         MAX (r->size.width - 58 - badge, 24), &p->fg, TEXT_BOLD);
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
  vw_topology_view_text (self, snapshot, details, r->origin.x + 40, r->origin.y + 44,
                         r->size.width - 50, &p->dim, TEXT_SMALL);
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
  vw_topology_view_text (self, snapshot, m->name, r->origin.x + 38, r->origin.y + 17,
                         r->size.width - 48, &p->fg, TEXT_BOLD);
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
  vw_topology_view_text (self, snapshot, pool != NULL ? pool->name : _("Files in no pool"), x + 38,
                         r->origin.y + 20, w * 0.6, &p->fg, TEXT_BOLD);
  if (pool != NULL)
    {
      kind = g_strdup_printf ("%s%s", pool->type != NULL ? pool->type : "",
                              pool->active ? "" : _(" · inactive"));
      vw_topology_view_text (self, snapshot, kind, x + w * 0.6, r->origin.y + 20, w * 0.4 - 12,
                             pool->active ? &p->dim : &p->warning,
                             TEXT_SMALL | TEXT_RIGHT);
    }
  if (shelf->items->len == 0)
    vw_topology_view_text (self, snapshot,
                           pool != NULL && !pool->active ? _("Start the pool to list its volumes")
                                                         : _("No volumes"),
                           x + 38, r->origin.y + POOL_HEAD + VOL_H / 2, w - 50, &p->dim,
                           TEXT_SMALL);
  for (guint i = 0; i < shelf->items->len; i++)
    {
      guint v = g_array_index (shelf->items, int, i);
      const VwTopologyVolume *volume = vw_topology_get_volume (self->topology, v);
      const graphene_rect_t *row = vw_topology_view_rect_of (self, VW_TOPOLOGY_KIND_VOLUME, v);
      float cy = row->origin.y + VOL_H / 2, rw;
      g_autofree char *users = NULL;
      g_autofree char *right = NULL;

      if (hovered (self, VW_TOPOLOGY_KIND_VOLUME, v))
        {
          GdkRGBA bg = with_alpha (&p->accent, 0.12);

          rounded (snapshot, &bg, &GRAPHENE_RECT_INIT (x + 4, row->origin.y + 1, w - 8, VOL_H - 2),
                   6);
        }
      vw_topology_paint_line (snapshot, &p->border, x + 12, row->origin.y, x + w - 12,
                              row->origin.y, 1, FALSE);
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
      rw = MIN (vw_topology_view_text (self, NULL, right, 0, 0, -1, NULL, TEXT_SMALL), w * 0.45);
      vw_topology_view_text (self, snapshot, volume->name, x + 38, cy, w - 62 - rw, &p->fg, 0);
      vw_topology_view_text (self, snapshot, right, x + w - 12 - rw, cy, rw, &p->dim,
                             TEXT_SMALL | TEXT_RIGHT);
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
  vw_topology_view_text (self, snapshot, label, more->rect.origin.x + 14,
                         more->rect.origin.y + MORE_H / 2, more->rect.size.width - 28, &p->dim,
                         TEXT_SMALL | TEXT_BOLD);
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
  float tw = vw_topology_view_text (self, NULL, title, 0, 0, -1, NULL, TEXT_TITLE);

  icon (self, snapshot, icon_name, cx - 32, y + 32, 64, &p->faint);
  vw_topology_view_text (self, snapshot, title, cx - tw / 2, y + 92, -1, &p->fg, TEXT_TITLE);
  pango_layout_set_alignment (self->pango, PANGO_ALIGN_CENTER);
  vw_topology_view_text (self, snapshot, body, MARGIN, y + 124, w - 2 * MARGIN, &p->dim, 0);
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

  vw_topology_paint_links (self, snapshot, p);

  tint = with_alpha (&p->success, 0.1);
  card (snapshot, p, &band, &p->border);
  rounded (snapshot, &tint, &band, RADIUS);
  icon (self, snapshot, "weather-overcast-symbolic", band.origin.x + 16, MARGIN + BAND_H / 2, 24,
        &p->success);
  vw_topology_view_text (self, snapshot, _("Outside world"), band.origin.x + 54, MARGIN + 20,
                         band.size.width - 70, &p->fg, TEXT_BOLD);
  vw_topology_view_text (self, snapshot, _("The LAN and the internet, via the host"),
                         band.origin.x + 54, MARGIN + 40, band.size.width - 70, &p->dim,
                         TEXT_SMALL);

  vw_topology_view_text (self, snapshot,
                         self->narrow ? _("Networks and their machines") : _("Networks"), net_x,
                         heading_y, self->net_w, &p->dim, TEXT_HEADING);
  if (!self->narrow)
    vw_topology_view_text (self, snapshot, _("Machines"), net_x + self->net_w + self->bus_w,
                           heading_y, self->mach_w, &p->dim, TEXT_HEADING);
  for (guint i = 0; i < self->rects[VW_TOPOLOGY_KIND_NETWORK]->len; i++)
    if (vw_topology_view_rect_of (self, VW_TOPOLOGY_KIND_NETWORK, i) != NULL)
      draw_network (self, snapshot, p, i,
                    vw_topology_view_rect_of (self, VW_TOPOLOGY_KIND_NETWORK, i));
  for (guint i = 0; i < self->rects[VW_TOPOLOGY_KIND_MACHINE]->len; i++)
    if (vw_topology_view_rect_of (self, VW_TOPOLOGY_KIND_MACHINE, i) != NULL)
      draw_machine (self, snapshot, p, i,
                    vw_topology_view_rect_of (self, VW_TOPOLOGY_KIND_MACHINE, i));
  for (guint i = 0; i < self->shelves->len; i++)
    {
      Shelf *shelf = self->shelves->pdata[i];
      const graphene_rect_t *r = &self->loose;

      if (shelf->pool >= 0)
        r = vw_topology_view_rect_of (self, VW_TOPOLOGY_KIND_POOL, shelf->pool);

      if (i == 0)
        vw_topology_view_text (self, snapshot, _("Storage"), r->origin.x, r->origin.y - 14,
                               r->size.width, &p->dim, TEXT_HEADING);
      draw_shelf (self, snapshot, p, shelf, r);
    }
  for (guint i = 0; i < self->mores->len; i++)
    draw_more (self, snapshot, p, &g_array_index (self->mores, More, i));
  vw_topology_paint_legend (self, snapshot, p);
}

void
vw_topology_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  VwTopologyView *self = VW_TOPOLOGY_VIEW (widget);
  graphene_rect_t banner = GRAPHENE_RECT_INIT (self->x0, MARGIN, self->content_w, BAND_H);
  const char *title, *icon_name, *body;
  GdkRGBA tint;
  Palette p;

  palette_init (self, &p);
  if ((title = vw_topology_view_message (self, &icon_name, &body)) != NULL)
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
  vw_topology_view_text (self, snapshot, _("Connection lost, reconnecting…"), self->x0 + 54,
                         MARGIN + 20, self->content_w - 70, &p.fg, TEXT_BOLD);
  vw_topology_view_text (self, snapshot,
                         _("This is the lab as it was; it updates once the connection is back."),
                         self->x0 + 54, MARGIN + 40, self->content_w - 70, &p.dim, TEXT_SMALL);
}
