/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-vnc-framebuffer"

#include <gtk/gtk.h>
#include <string.h>

#include "vw-vnc-framebuffer.h"

/* gvnc decodes into one buffer; GTK is shown copies of it in tiles of
 * TILE_SIZE² pixels, one GdkTexture each. A flush renews only the tiles
 * that were damaged, so the renderer uploads only those again: GTK 4.8 has
 * no way to update part of one texture, and the GL renderer uploads a
 * texture whole the first time it draws it. Measured with GTK 4.8's GL
 * renderer (Mesa llvmpipe) for a 1024 × 768 screen, upload and draw: a
 * full-screen update costs the same as one big texture (about 2 ms), a
 * 16 × 16 one (a cursor, a typed character) 0.3–0.5 ms instead of 1.8 ms.
 * Smaller tiles fall into the GL renderer's atlas path and get much
 * slower. The cairo renderer is given the same tiles as cairo surfaces
 * (see vw_vnc_framebuffer_snapshot_cairo). Textures stay immutable, as GTK
 * expects. */
#define TILE_SIZE 256

struct _VwVncFramebuffer
{
  GObject parent_instance;

  guint8 *pixels;            /* owned by fb, which gvnc may hold longer */
  VncFramebuffer *fb;
  int width;
  int height;
  gsize stride;

  int n_columns;
  int n_rows;
  GPtrArray *tiles;          /* GdkTexture, row by row; NULL until flushed */
  GPtrArray *surfaces;       /* cairo_surface_t sharing each tile's pixels */
  cairo_region_t *dirty;
  GdkTexture *texture;       /* all tiles in one, made when asked for */
  guint64 n_frames;
};

static void vw_vnc_framebuffer_paintable_init (GdkPaintableInterface *iface);

static void
unref_tile (gpointer tile)
{
  if (tile != NULL)
    g_object_unref (tile);
}

G_DEFINE_FINAL_TYPE_WITH_CODE (VwVncFramebuffer, vw_vnc_framebuffer, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE,
                                                      vw_vnc_framebuffer_paintable_init))

/* 32-bit true colour, red in bits 16–23, green 8–15, blue 0–7, in the
 * machine's byte order: in memory that is B G R x on little-endian machines
 * and x R G B on big-endian ones. It is also the layout gvnc's Tight
 * decoder writes JPEG and gradient data in, whatever the local format. GTK
 * 4.8 has no "x" formats: the padding byte is made an opaque alpha (see
 * fill_alpha), and premultiplied is right for opaque pixels and is what
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

/* Makes the rectangle opaque. gvnc leaves the padding byte as the server
 * sent it (raw, when our format and the server's match) or zero (Tight). */
static void
fill_alpha (VwVncFramebuffer *self,
            int               x,
            int               y,
            int               width,
            int               height)
{
  guint8 *row = self->pixels + (gsize) y * self->stride + (gsize) x * 4;

  for (int j = 0; j < height; j++, row += self->stride)
    {
      guint32 *pixel = (guint32 *) row;

      for (int i = 0; i < width; i++)
        pixel[i] |= 0xff000000u;
    }
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

/* A tile is a cairo image surface (its pixels are ours: opaque, in the
 * layout of CAIRO_FORMAT_RGB24) and a texture on the same memory. */
static GdkTexture *
copy_tile (VwVncFramebuffer            *self,
           const cairo_rectangle_int_t *rect,
           cairo_surface_t            **surface_out)
{
  cairo_surface_t *surface;
  const guint8 *src = self->pixels + (gsize) rect->y * self->stride + (gsize) rect->x * 4;
  g_autoptr(GBytes) bytes = NULL;
  guint8 *data;
  gsize stride;

  /* New memory each time: reusing a surface cairo has drawn makes it copy
   * the old pixels away first (measured: slower). */
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, rect->width, rect->height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      /* Out of memory: the tile is left out until the next update. */
      cairo_surface_destroy (surface);
      *surface_out = NULL;
      return NULL;
    }
  stride = cairo_image_surface_get_stride (surface);
  data = cairo_image_surface_get_data (surface);
  for (int j = 0; j < rect->height; j++)
    memcpy (data + j * stride, src + j * self->stride, (gsize) rect->width * 4);
  cairo_surface_mark_dirty (surface);
  bytes = g_bytes_new_with_free_func (data, stride * rect->height,
                                      (GDestroyNotify) cairo_surface_destroy,
                                      cairo_surface_reference (surface));
  *surface_out = surface;
  return gdk_memory_texture_new (rect->width, rect->height, vw_vnc_framebuffer_memory_format (),
                                 bytes, stride);
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
  self->width = width;
  self->height = height;
  self->stride = (gsize) width * 4;
  self->pixels = g_malloc0 (self->stride * height);
  fill_alpha (self, 0, 0, width, height);

  fb = vnc_base_framebuffer_new (self->pixels, width, height, (int) self->stride,
                                 &pixel_format, remote);
  g_object_set_data_full (G_OBJECT (fb), "vw-pixels", self->pixels, g_free);
  self->fb = VNC_FRAMEBUFFER (fb);

  /* Nothing to show until the server has sent the new screen. */
  self->n_columns = (width + TILE_SIZE - 1) / TILE_SIZE;
  self->n_rows = (height + TILE_SIZE - 1) / TILE_SIZE;
  g_ptr_array_set_size (self->tiles, 0);
  g_ptr_array_set_size (self->tiles, self->n_columns * self->n_rows);
  g_ptr_array_set_size (self->surfaces, 0);
  g_ptr_array_set_size (self->surfaces, self->n_columns * self->n_rows);
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
  fill_alpha (self, rect.x, rect.y, rect.width, rect.height);
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

  for (int row = 0; row < self->n_rows; row++)
    for (int column = 0; column < self->n_columns; column++)
      {
        cairo_rectangle_int_t rect = tile_rect (self, column, row);
        guint index = row * self->n_columns + column;

        if (cairo_region_contains_rectangle (self->dirty, &rect) == CAIRO_REGION_OVERLAP_OUT
            && g_ptr_array_index (self->tiles, index) != NULL)
          continue;
        g_clear_object (&g_ptr_array_index (self->tiles, index));
        g_clear_pointer (&g_ptr_array_index (self->surfaces, index), cairo_surface_destroy);
        g_ptr_array_index (self->tiles, index)
          = copy_tile (self, &rect, (cairo_surface_t **) &g_ptr_array_index (self->surfaces, index));
      }
  g_clear_pointer (&self->dirty, cairo_region_destroy);
  g_clear_object (&self->texture);
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

/* The frame as last flushed, in one texture: for screenshots and tests, so
 * it is put together from the tiles only when asked for. */
GdkTexture *
vw_vnc_framebuffer_get_texture (VwVncFramebuffer *self)
{
  g_autoptr(GBytes) bytes = NULL;
  guint8 *data;

  g_return_val_if_fail (VW_IS_VNC_FRAMEBUFFER (self), NULL);

  if (self->texture != NULL || self->tiles->len == 0)
    return self->texture;
  for (guint i = 0; i < self->tiles->len; i++)
    if (g_ptr_array_index (self->tiles, i) == NULL)
      return NULL;

  data = g_malloc (self->stride * self->height);
  for (int row = 0; row < self->n_rows; row++)
    for (int column = 0; column < self->n_columns; column++)
      {
        cairo_rectangle_int_t rect = tile_rect (self, column, row);
        GdkTexture *tile = g_ptr_array_index (self->tiles, row * self->n_columns + column);

        /* Downloads are in GDK_MEMORY_DEFAULT, which is our format. */
        gdk_texture_download (tile, data + rect.y * self->stride + rect.x * 4, self->stride);
      }
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

static void
append_tiles (VwVncFramebuffer *self,
              GtkSnapshot      *snapshot,
              double            width,
              double            height,
              gboolean          cairo)
{
  for (int row = 0; row < self->n_rows; row++)
    for (int column = 0; column < self->n_columns; column++)
      {
        guint index = row * self->n_columns + column;
        GdkTexture *tile = g_ptr_array_index (self->tiles, index);
        cairo_rectangle_int_t rect = tile_rect (self, column, row);
        graphene_rect_t bounds;
        double x0, y0, x1, y1;
        cairo_t *cr;

        if (tile == NULL)
          continue;
        x0 = edge (rect.x, self->width, width);
        x1 = edge (rect.x + rect.width, self->width, width);
        y0 = edge (rect.y, self->height, height);
        y1 = edge (rect.y + rect.height, self->height, height);
        graphene_rect_init (&bounds, x0, y0, x1 - x0, y1 - y0);
        if (!cairo)
          {
            gtk_snapshot_append_texture (snapshot, tile, &bounds);
            continue;
          }
        cr = gtk_snapshot_append_cairo (snapshot, &bounds);
        cairo_translate (cr, x0, y0);
        cairo_scale (cr, (x1 - x0) / rect.width, (y1 - y0) / rect.height);
        cairo_set_source_surface (cr, g_ptr_array_index (self->surfaces, index), 0, 0);
        cairo_paint (cr);
        cairo_destroy (cr);
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
 * through floats every time it draws it: the same tiles as cairo image
 * surfaces, which it paints as they are. With the text scene of
 * tests/bench/bench-console.py at 1:1 that is 5.6 ms of CPU per frame
 * instead of 15 ms. */
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
  g_ptr_array_unref (self->surfaces);
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
  self->surfaces = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
}

VwVncFramebuffer *
vw_vnc_framebuffer_new (void)
{
  return g_object_new (VW_TYPE_VNC_FRAMEBUFFER, NULL);
}
