/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-vnc-framebuffer"

#include <gtk/gtk.h>
#include <string.h>

#include "vw-vnc-framebuffer.h"

/* gvnc decodes into one buffer, which is drawn in tiles of TILE_SIZE²
 * pixels so that a frame redraws only the tiles that changed.
 *
 * GTK's GL renderer is shown one immutable GdkTexture per tile, copied
 * from the buffer when a tile is first drawn after it changed: GTK 4.8 has
 * no way to update part of a texture, and the GL renderer uploads a texture
 * whole the first time it draws it. Measured with GTK 4.8's GL renderer
 * (Mesa llvmpipe) for a 1024 × 768 screen, upload and draw: a full-screen
 * update costs the same as one big texture (about 2 ms), a 16 × 16 one (a
 * cursor, a typed character) 0.3–0.5 ms instead of 1.8 ms. Smaller tiles
 * fall into the GL renderer's atlas path and get much slower.
 *
 * GTK's cairo renderer is shown one cairo node per tile that paints the
 * buffer itself, with no copy: gvnc writes the buffer on this thread only,
 * between frames, and never through cairo, so cairo never copies it away.
 * A tile's node is kept until the tile changes, and GTK's renderer, which
 * compares the nodes of one frame with those of the last, redraws nothing
 * else. */
#define TILE_SIZE 256

struct _VwVncFramebuffer
{
  GObject parent_instance;

  guint8 *pixels;            /* owned by fb, which gvnc may hold longer */
  VncFramebuffer *fb;
  cairo_surface_t *surface;  /* the same pixels for cairo; holds a ref on fb */
  int width;
  int height;
  gsize stride;
  gboolean shown;            /* flushed since it was allocated */

  int n_columns;
  int n_rows;
  GPtrArray *tiles;          /* GdkTexture per tile, row by row, or NULL */
  GPtrArray *nodes;          /* GskRenderNode per tile, or NULL */
  double nodes_width;        /* the size the nodes were made for */
  double nodes_height;
  cairo_region_t *dirty;
  GdkTexture *texture;       /* all of it in one, made when asked for */
  guint64 n_frames;
};

static void vw_vnc_framebuffer_paintable_init (GdkPaintableInterface *iface);

static const cairo_user_data_key_t pixels_key;

static void
unref_tile (gpointer tile)
{
  if (tile != NULL)
    g_object_unref (tile);
}

static void
unref_node (gpointer node)
{
  if (node != NULL)
    gsk_render_node_unref (node);
}

G_DEFINE_FINAL_TYPE_WITH_CODE (VwVncFramebuffer, vw_vnc_framebuffer, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE,
                                                      vw_vnc_framebuffer_paintable_init))

/* 32-bit true colour, red in bits 16–23, green 8–15, blue 0–7, in the
 * machine's byte order: in memory that is B G R x on little-endian machines
 * and x R G B on big-endian ones. It is also the layout gvnc's Tight
 * decoder writes JPEG and gradient data in, whatever the local format. GTK
 * 4.8 has no "x" formats: the padding byte is made an opaque alpha (see
 * copy_opaque), and premultiplied is right for opaque pixels and is what
 * cairo and GL take without conversion. */
static const VncPixelFormat pixel_format = {
  .bits_per_pixel = 32,
  .depth = 24,
  .byte_order = G_BYTE_ORDER,
  .true_color_flag = 1,
  .red_max = 255,
  .green_max = 255,
  .blue_max = 255,
  .red_shift = 16,
  .green_shift = 8,
  .blue_shift = 0,
};

const VncPixelFormat *
vw_vnc_framebuffer_pixel_format (void)
{
  return &pixel_format;
}

GdkMemoryFormat
vw_vnc_framebuffer_memory_format (void)
{
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  return GDK_MEMORY_B8G8R8A8_PREMULTIPLIED;
#else
  return GDK_MEMORY_A8R8G8B8_PREMULTIPLIED;
#endif
}

/* An opaque copy of @n pixels. gvnc leaves the padding byte as the server
 * sent it (raw, when our format and the server's match) or zero (Tight):
 * cairo's RGB24 ignores it, textures need it opaque. */
static void
copy_opaque (guint32       *dest,
             const guint32 *src,
             int            n)
{
  for (int i = 0; i < n; i++)
    dest[i] = src[i] | 0xff000000u;
}

static cairo_rectangle_int_t
tile_rect (VwVncFramebuffer *self,
           int               column,
           int               row)
{
  cairo_rectangle_int_t rect = { column * TILE_SIZE, row * TILE_SIZE, TILE_SIZE, TILE_SIZE };

  rect.width = MIN (TILE_SIZE, self->width - rect.x);
  rect.height = MIN (TILE_SIZE, self->height - rect.y);
  return rect;
}

/* A copy of the tile's pixels, as GTK wants textures immutable. */
static GdkTexture *
copy_tile (VwVncFramebuffer            *self,
           const cairo_rectangle_int_t *rect)
{
  const guint8 *src = self->pixels + (gsize) rect->y * self->stride + (gsize) rect->x * 4;
  gsize stride = (gsize) rect->width * 4;
  g_autoptr(GBytes) bytes = NULL;
  guint8 *data;

  data = g_try_malloc (stride * rect->height);
  if (data == NULL)
    return NULL;   /* out of memory: the tile is left out of this frame */
  for (int j = 0; j < rect->height; j++)
    copy_opaque ((guint32 *) (data + j * stride), (const guint32 *) (src + j * self->stride), rect->width);
  bytes = g_bytes_new_take (data, stride * rect->height);
  return gdk_memory_texture_new (rect->width, rect->height, vw_vnc_framebuffer_memory_format (),
                                 bytes, stride);
}

static void
clear_tiles (VwVncFramebuffer *self)
{
  guint n = self->n_columns * self->n_rows;

  g_ptr_array_set_size (self->tiles, 0);
  g_ptr_array_set_size (self->tiles, n);
  g_ptr_array_set_size (self->nodes, 0);
  g_ptr_array_set_size (self->nodes, n);
}

VncFramebuffer *
vw_vnc_framebuffer_allocate (VwVncFramebuffer     *self,
                             guint16               width,
                             guint16               height,
                             const VncPixelFormat *remote)
{
  VncBaseFramebuffer *fb;

  g_return_val_if_fail (VW_IS_VNC_FRAMEBUFFER (self), NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  g_clear_object (&self->fb);
  g_clear_pointer (&self->surface, cairo_surface_destroy);
  self->width = width;
  self->height = height;
  self->stride = (gsize) width * 4;
  self->pixels = g_malloc0 (self->stride * height);

  fb = vnc_base_framebuffer_new (self->pixels, width, height, (int) self->stride,
                                 &pixel_format, remote);
  g_object_set_data_full (G_OBJECT (fb), "vw-pixels", self->pixels, g_free);
  self->fb = VNC_FRAMEBUFFER (fb);

  /* The pixels are opaque and in CAIRO_FORMAT_RGB24's layout. Nodes of
   * the last frame may outlive this framebuffer: the surface keeps the
   * pixels alive for them. */
  self->surface = cairo_image_surface_create_for_data (self->pixels, CAIRO_FORMAT_RGB24,
                                                       width, height, (int) self->stride);
  cairo_surface_set_user_data (self->surface, &pixels_key, g_object_ref (fb), g_object_unref);

  /* Nothing to show until the server has sent the new screen. */
  self->shown = FALSE;
  self->n_columns = (width + TILE_SIZE - 1) / TILE_SIZE;
  self->n_rows = (height + TILE_SIZE - 1) / TILE_SIZE;
  clear_tiles (self);
  g_clear_object (&self->texture);
  g_clear_pointer (&self->dirty, cairo_region_destroy);
  gdk_paintable_invalidate_size (GDK_PAINTABLE (self));
  gdk_paintable_invalidate_contents (GDK_PAINTABLE (self));
  return self->fb;
}

void
vw_vnc_framebuffer_damage (VwVncFramebuffer *self,
                           int               x,
                           int               y,
                           int               width,
                           int               height)
{
  cairo_rectangle_int_t rect = { x, y, width, height };
  cairo_rectangle_int_t all = { 0, 0, self->width, self->height };

  g_return_if_fail (VW_IS_VNC_FRAMEBUFFER (self));

  /* gvnc checks the rectangles against the framebuffer; clip anyway. */
  if (self->pixels == NULL || !gdk_rectangle_intersect (&rect, &all, &rect))
    return;
  if (self->dirty == NULL)
    self->dirty = cairo_region_create ();
  cairo_region_union_rectangle (self->dirty, &rect);
}

gboolean
vw_vnc_framebuffer_flush (VwVncFramebuffer *self)
{
  g_return_val_if_fail (VW_IS_VNC_FRAMEBUFFER (self), FALSE);

  if (self->pixels == NULL || self->dirty == NULL || cairo_region_is_empty (self->dirty))
    return FALSE;

  /* The changed tiles are made again when next drawn. */
  for (int row = 0; row < self->n_rows; row++)
    for (int column = 0; column < self->n_columns; column++)
      {
        cairo_rectangle_int_t rect = tile_rect (self, column, row);
        guint index = row * self->n_columns + column;

        if (cairo_region_contains_rectangle (self->dirty, &rect) == CAIRO_REGION_OVERLAP_OUT)
          continue;
        g_clear_object (&g_ptr_array_index (self->tiles, index));
        g_clear_pointer ((GskRenderNode **) &g_ptr_array_index (self->nodes, index), gsk_render_node_unref);
      }
  g_clear_pointer (&self->dirty, cairo_region_destroy);
  g_clear_object (&self->texture);
  self->shown = TRUE;
  self->n_frames++;
  gdk_paintable_invalidate_contents (GDK_PAINTABLE (self));
  return TRUE;
}

int
vw_vnc_framebuffer_get_width (VwVncFramebuffer *self)
{
  g_return_val_if_fail (VW_IS_VNC_FRAMEBUFFER (self), 0);
  return self->width;
}

int
vw_vnc_framebuffer_get_height (VwVncFramebuffer *self)
{
  g_return_val_if_fail (VW_IS_VNC_FRAMEBUFFER (self), 0);
  return self->height;
}

/* The frame in one texture, for screenshots and tests: made when asked
 * for. */
GdkTexture *
vw_vnc_framebuffer_get_texture (VwVncFramebuffer *self)
{
  g_autoptr(GBytes) bytes = NULL;
  guint8 *data;

  g_return_val_if_fail (VW_IS_VNC_FRAMEBUFFER (self), NULL);

  if (self->texture != NULL || !self->shown)
    return self->texture;
  data = g_malloc (self->stride * self->height);
  copy_opaque ((guint32 *) data, (const guint32 *) self->pixels, self->width * self->height);
  bytes = g_bytes_new_take (data, self->stride * self->height);
  self->texture = gdk_memory_texture_new (self->width, self->height,
                                          vw_vnc_framebuffer_memory_format (),
                                          bytes, self->stride);
  return self->texture;
}

guint64
vw_vnc_framebuffer_get_n_frames (VwVncFramebuffer *self)
{
  g_return_val_if_fail (VW_IS_VNC_FRAMEBUFFER (self), 0);
  return self->n_frames;
}

/* Tile edges are rounded to whole units, the same way on both sides of
 * each edge, so that neighbouring tiles neither overlap nor leave a gap
 * when scaled. */
static double
edge (int    position,
      int    total,
      double size)
{
  if (position >= total)
    return size;
  return (int) ((double) position * size / total + 0.5);
}

/* A cairo node painting the tile from the framebuffer's own pixels. */
static GskRenderNode *
tile_node (VwVncFramebuffer            *self,
           const cairo_rectangle_int_t *rect,
           const graphene_rect_t       *bounds)
{
  GskRenderNode *node = gsk_cairo_node_new (bounds);
  cairo_t *cr = gsk_cairo_node_get_draw_context (node);

  cairo_rectangle (cr, bounds->origin.x, bounds->origin.y, bounds->size.width, bounds->size.height);
  cairo_clip (cr);
  cairo_translate (cr, bounds->origin.x, bounds->origin.y);
  cairo_scale (cr, bounds->size.width / rect->width, bounds->size.height / rect->height);
  cairo_set_source_surface (cr, self->surface, -rect->x, -rect->y);
  cairo_paint (cr);
  cairo_destroy (cr);
  return node;
}

static void
append_tiles (VwVncFramebuffer *self,
              GtkSnapshot      *snapshot,
              double            width,
              double            height,
              gboolean          cairo)
{
  if (!self->shown)
    return;
  if (cairo && (width != self->nodes_width || height != self->nodes_height))
    {
      g_ptr_array_set_size (self->nodes, 0);
      g_ptr_array_set_size (self->nodes, self->n_columns * self->n_rows);
      self->nodes_width = width;
      self->nodes_height = height;
    }

  for (int row = 0; row < self->n_rows; row++)
    for (int column = 0; column < self->n_columns; column++)
      {
        guint index = row * self->n_columns + column;
        cairo_rectangle_int_t rect = tile_rect (self, column, row);
        gpointer *slot = cairo ? &g_ptr_array_index (self->nodes, index)
                               : &g_ptr_array_index (self->tiles, index);
        graphene_rect_t bounds;
        double x0, y0, x1, y1;

        x0 = edge (rect.x, self->width, width);
        x1 = edge (rect.x + rect.width, self->width, width);
        y0 = edge (rect.y, self->height, height);
        y1 = edge (rect.y + rect.height, self->height, height);
        graphene_rect_init (&bounds, x0, y0, x1 - x0, y1 - y0);
        if (cairo)
          {
            if (*slot == NULL)
              *slot = tile_node (self, &rect, &bounds);
            gtk_snapshot_append_node (snapshot, *slot);
            continue;
          }
        if (*slot == NULL)
          *slot = copy_tile (self, &rect);
        if (*slot != NULL)
          gtk_snapshot_append_texture (snapshot, *slot, &bounds);
      }
}

static void
vw_vnc_framebuffer_snapshot (GdkPaintable *paintable,
                             GdkSnapshot  *snapshot,
                             double        width,
                             double        height)
{
  append_tiles (VW_VNC_FRAMEBUFFER (paintable), GTK_SNAPSHOT (snapshot), width, height, FALSE);
}

/* For GTK's cairo renderer, which in GTK 4.8 converts a texture's pixels
 * through floats every time it draws it: cairo nodes that paint the
 * pixels as they are (see the top of this file). */
void
vw_vnc_framebuffer_snapshot_cairo (VwVncFramebuffer *self,
                                   GdkSnapshot      *snapshot,
                                   double            width,
                                   double            height)
{
  g_return_if_fail (VW_IS_VNC_FRAMEBUFFER (self));

  append_tiles (self, GTK_SNAPSHOT (snapshot), width, height, TRUE);
}

static int
vw_vnc_framebuffer_get_intrinsic_width (GdkPaintable *paintable)
{
  return VW_VNC_FRAMEBUFFER (paintable)->width;
}

static int
vw_vnc_framebuffer_get_intrinsic_height (GdkPaintable *paintable)
{
  return VW_VNC_FRAMEBUFFER (paintable)->height;
}

static void
vw_vnc_framebuffer_paintable_init (GdkPaintableInterface *iface)
{
  iface->snapshot = vw_vnc_framebuffer_snapshot;
  iface->get_intrinsic_width = vw_vnc_framebuffer_get_intrinsic_width;
  iface->get_intrinsic_height = vw_vnc_framebuffer_get_intrinsic_height;
}

static void
vw_vnc_framebuffer_finalize (GObject *object)
{
  VwVncFramebuffer *self = VW_VNC_FRAMEBUFFER (object);

  g_clear_object (&self->texture);
  g_ptr_array_unref (self->tiles);
  g_ptr_array_unref (self->nodes);
  g_clear_pointer (&self->surface, cairo_surface_destroy);
  g_clear_pointer (&self->dirty, cairo_region_destroy);
  g_clear_object (&self->fb);

  G_OBJECT_CLASS (vw_vnc_framebuffer_parent_class)->finalize (object);
}

static void
vw_vnc_framebuffer_class_init (VwVncFramebufferClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vw_vnc_framebuffer_finalize;
}

static void
vw_vnc_framebuffer_init (VwVncFramebuffer *self)
{
  self->tiles = g_ptr_array_new_with_free_func (unref_tile);
  self->nodes = g_ptr_array_new_with_free_func (unref_node);
}

VwVncFramebuffer *
vw_vnc_framebuffer_new (void)
{
  return g_object_new (VW_TYPE_VNC_FRAMEBUFFER, NULL);
}
