/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The floor under any GTK 4 VNC client on this machine: a 1024 × 768
 * window whose whole picture changes every frame, and nothing else (no
 * network, no decoding). Prints frames per second and CPU time per frame
 * over 300 frames, after 60 to warm up.
 *
 *   GSK_RENDERER=gl|cairo vw-gtk-floor            a new texture per frame
 *   GSK_RENDERER=cairo vw-gtk-floor --surface     one cairo image surface,
 *       rewritten in place and painted by a GtkDrawingArea: the cheapest
 *       way GTK 4.8's cairo renderer has to show a changing picture */

#include <gtk/gtk.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#define WIDTH 1024
#define HEIGHT 768

static GtkWidget *picture;
static GtkWidget *area;
static cairo_surface_t *surface;
static guint8 *pixels;
static guint64 frames;
static gint64 start_us;
static double start_cpu;

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec
         + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  frames++;
  if (surface != NULL)
    {
      /* Written behind cairo's back, as gvnc writes our console's
       * framebuffer: telling cairo would make it copy the last frame's
       * pixels away for the node that still holds them. */
      memset (pixels, frames & 0xff, (gsize) WIDTH * HEIGHT * 4);
      gtk_widget_queue_draw (area);
    }
  else
    {
      memset (pixels, frames & 0xff, (gsize) WIDTH * HEIGHT * 4);
      bytes = g_bytes_new (pixels, (gsize) WIDTH * HEIGHT * 4);
      texture = gdk_memory_texture_new (WIDTH, HEIGHT, GDK_MEMORY_DEFAULT, bytes, WIDTH * 4);
      gtk_picture_set_paintable (GTK_PICTURE (picture), GDK_PAINTABLE (texture));
    }
  if (frames == 60)
    {
      start_us = g_get_monotonic_time ();
      start_cpu = cpu_seconds ();
    }
  else if (frames == 360)
    {
      double seconds = (g_get_monotonic_time () - start_us) / 1e6;

      printf ("vw-gtk-floor renderer %s\n",
              G_OBJECT_TYPE_NAME (gtk_native_get_renderer (gtk_widget_get_native (widget))));
      printf ("vw-gtk-floor fps %.1f\n", 300 / seconds);
      printf ("vw-gtk-floor cpu-ms-per-frame %.2f\n", (cpu_seconds () - start_cpu) * 1000 / 300);
      exit (0);
    }
  return G_SOURCE_CONTINUE;
}

static void
draw_surface (GtkDrawingArea *drawing_area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        data)
{
  cairo_set_source_surface (cr, surface, 0, 0);
  cairo_paint (cr);
}

int
main (int   argc,
      char *argv[])
{
  GtkWidget *window, *child;

  gtk_init ();
  window = gtk_window_new ();
  if (argc > 1 && strcmp (argv[1], "--surface") == 0)
    {
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);
      pixels = cairo_image_surface_get_data (surface);
      child = area = gtk_drawing_area_new ();
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_surface, NULL, NULL);
    }
  else
    {
      pixels = g_malloc ((gsize) WIDTH * HEIGHT * 4);
      child = picture = gtk_picture_new ();
    }
  gtk_window_set_decorated (GTK_WINDOW (window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  gtk_window_set_child (GTK_WINDOW (window), child);
  gtk_widget_add_tick_callback (child, on_tick, NULL, NULL);
  gtk_window_present (GTK_WINDOW (window));
  for (;;)
    g_main_context_iteration (NULL, TRUE);
}
