/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gdk/gdk.h>
#include <gvnc.h>

G_BEGIN_DECLS

/* The client side of a VNC framebuffer: the pixels gvnc decodes into, and
 * the same pixels as a GdkPaintable drawn in tiles, the changed ones made
 * again after each flush. The pixel format is 32-bit true colour laid out
 * as the GdkMemoryFormat that GTK renders without conversion. */

#define VW_TYPE_VNC_FRAMEBUFFER (vw_vnc_framebuffer_get_type ())

G_DECLARE_FINAL_TYPE (VwVncFramebuffer, vw_vnc_framebuffer, VW, VNC_FRAMEBUFFER, GObject)

VwVncFramebuffer     *vw_vnc_framebuffer_new          (void);

/* The format to ask the server for, and its GDK equivalent. */
const VncPixelFormat *vw_vnc_framebuffer_pixel_format (void);
GdkMemoryFormat       vw_vnc_framebuffer_memory_format (void);

/* New pixels of @width × @height (opaque black) for a server sending
 * @remote pixels; returns the gvnc framebuffer to give the connection. */
VncFramebuffer       *vw_vnc_framebuffer_allocate     (VwVncFramebuffer     *self,
                                                       guint16               width,
                                                       guint16               height,
                                                       const VncPixelFormat *remote);

/* gvnc wrote the rectangle: remembered until the next flush. */
void                  vw_vnc_framebuffer_damage       (VwVncFramebuffer     *self,
                                                       int                   x,
                                                       int                   y,
                                                       int                   width,
                                                       int                   height);
/* Shows what was damaged since the last flush: its tiles are made again
 * when next drawn. Returns whether anything was damaged. */
gboolean              vw_vnc_framebuffer_flush        (VwVncFramebuffer     *self);

int                   vw_vnc_framebuffer_get_width    (VwVncFramebuffer     *self);
int                   vw_vnc_framebuffer_get_height   (VwVncFramebuffer     *self);
GdkTexture           *vw_vnc_framebuffer_get_texture  (VwVncFramebuffer     *self);
/* The frame as cairo nodes rather than textures, for GTK's cairo renderer. */
void                  vw_vnc_framebuffer_snapshot_cairo (VwVncFramebuffer *self,
                                                         GdkSnapshot      *snapshot,
                                                         double            width,
                                                         double            height);
guint64               vw_vnc_framebuffer_get_n_frames (VwVncFramebuffer     *self);

G_END_DECLS
