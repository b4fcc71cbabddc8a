/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A guest screen that never stops changing, for bench-console.py: it draws
 * on the root window of an X server (TigerVNC's Xvnc) at a fixed rate,
 * each frame a function of its number only, so every client sees the same
 * sequence of screens.
 *
 *   vw-bench-scene [--scene text|gradient] [--hz 60]   (DISPLAY names the server)
 *
 * text      a console scrolling one 16-px line a frame: the screen moves up
 *           with XCopyArea (which the VNC server sends as CopyRect) and a
 *           new line of glyph-like marks appears at the bottom. What a guest
 *           printing its boot log looks like.
 * gradient  a full-screen colour gradient that slides 8 px to the left each
 *           frame: every pixel changes every frame and nothing can be sent
 *           as a copy, the worst case for the server and the client.
 *
 * It runs until it is killed. Only Xlib, so that it needs nothing the
 * project does not already build with. */

#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define LINE_HEIGHT 16
#define CELL_WIDTH 8
#define GRADIENT_STEP 8

typedef struct
{
  Display *dpy;
  Window root;
  GC gc;
  int width;
  int height;
  unsigned long fg;
  unsigned long bg;
  unsigned long accent;
  Pixmap gradient;
} Scene;

/* A small deterministic generator, so that line n looks the same in
 * every run. */
static uint32_t
hash (uint32_t x)
{
  x ^= x >> 16;
  x *= 0x7feb352dU;
  x ^= x >> 15;
  x *= 0x846ca68bU;
  x ^= x >> 16;
  return x;
}

static unsigned long
rgb (const Scene *scene, int r, int g, int b)
{
  XColor colour = { .red = r * 257, .green = g * 257, .blue = b * 257 };

  XAllocColor (scene->dpy, DefaultColormap (scene->dpy, DefaultScreen (scene->dpy)), &colour);
  return colour.pixel;
}

/* One line of "text": words of glyph-like strokes in 8 × 16 cells. */
static void
draw_line (Scene *scene, uint32_t line, int y)
{
  XRectangle marks[4096];
  int n = 0;
  uint32_t seed = hash (line + 1);
  int columns = scene->width / CELL_WIDTH;
  int length = (int) (seed % (uint32_t) columns);
  int indent = (int) ((seed >> 8) % 8);

  XSetForeground (scene->dpy, scene->gc, scene->bg);
  XFillRectangle (scene->dpy, scene->root, scene->gc, 0, y, scene->width, LINE_HEIGHT);

  for (int column = indent; column < length && n + 4 <= (int) (sizeof marks / sizeof marks[0]);
       column++)
    {
      uint32_t glyph = hash (line * 7919u + (uint32_t) column);
      int x = column * CELL_WIDTH;

      if (glyph % 7 == 0)       /* a space between words */
        continue;
      /* A stem, a bowl or a bar or two, like the strokes of a letter. */
      marks[n++] = (XRectangle) { x + 1 + (glyph >> 3) % 3, y + 4, 1, 9 };
      if (glyph & 0x100)
        marks[n++] = (XRectangle) { x + 1, y + 4 + (glyph >> 9) % 8, 5, 1 };
      if (glyph & 0x2000)
        marks[n++] = (XRectangle) { x + 5, y + 6, 1, 6 };
      if (glyph & 0x40000)
        marks[n++] = (XRectangle) { x + 2, y + 12, 4, 1 };
    }
  XSetForeground (scene->dpy, scene->gc, (seed & 0x70000) == 0 ? scene->accent : scene->fg);
  XFillRectangles (scene->dpy, scene->root, scene->gc, marks, n);
}

static void
text_start (Scene *scene)
{
  int rows = scene->height / LINE_HEIGHT;

  for (int row = 0; row < rows; row++)
    draw_line (scene, (uint32_t) row, row * LINE_HEIGHT);
}

static void
text_frame (Scene *scene, uint32_t frame)
{
  int rows = scene->height / LINE_HEIGHT;
  int bottom = (rows - 1) * LINE_HEIGHT;

  XCopyArea (scene->dpy, scene->root, scene->root, scene->gc, 0, LINE_HEIGHT, scene->width,
             bottom, 0, 0);
  draw_line (scene, (uint32_t) rows + frame, bottom);
}

/* A gradient twice the screen's width whose right half repeats its left
 * half, kept in a pixmap on the server: each frame is one copy out of it. */
static void
gradient_start (Scene *scene)
{
  int width = scene->width * 2;
  int screen = DefaultScreen (scene->dpy);
  Visual *visual = DefaultVisual (scene->dpy, screen);
  int depth = DefaultDepth (scene->dpy, screen);
  XImage *image;
  char *data = malloc ((size_t) width * scene->height * 4);

  if (data == NULL)
    {
      fprintf (stderr, "vw-bench-scene: out of memory\n");
      exit (1);
    }
  image = XCreateImage (scene->dpy, visual, depth, ZPixmap, 0, data, width, scene->height, 32, 0);
  for (int y = 0; y < scene->height; y++)
    for (int x = 0; x < width; x++)
      {
        double phase = 2 * M_PI * (x % scene->width) / scene->width;
        double shade = 0.55 + 0.45 * (double) y / scene->height;
        int r = (int) (shade * (127.5 + 127.5 * sin (phase)));
        int g = (int) (shade * (127.5 + 127.5 * sin (phase + 2 * M_PI / 3)));
        int b = (int) (shade * (127.5 + 127.5 * sin (phase + 4 * M_PI / 3)));

        /* A fine diagonal texture, so that no row repeats the one above. */
        r ^= (x + y) & 7;
        XPutPixel (image, x, y, ((unsigned long) r << 16) | ((unsigned long) g << 8) | b);
      }
  scene->gradient = XCreatePixmap (scene->dpy, scene->root, width, scene->height, depth);
  XPutImage (scene->dpy, scene->gradient, scene->gc, image, 0, 0, 0, 0, width, scene->height);
  XDestroyImage (image);
}

static void
gradient_frame (Scene *scene, uint32_t frame)
{
  int offset = (int) ((frame * GRADIENT_STEP) % (uint32_t) scene->width);

  XCopyArea (scene->dpy, scene->gradient, scene->root, scene->gc, offset, 0, scene->width,
             scene->height, 0, 0);
}

static double
now_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

int
main (int argc, char **argv)
{
  const char *name = "text";
  double hz = 60;
  Scene scene = { 0 };
  void (*frame_fn) (Scene *, uint32_t);
  struct timespec next;
  uint32_t frame = 0;
  double period, started;

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--scene") == 0 && i + 1 < argc)
        name = argv[++i];
      else if (strcmp (argv[i], "--hz") == 0 && i + 1 < argc)
        hz = atof (argv[++i]);
      else
        {
          fprintf (stderr, "usage: vw-bench-scene [--scene text|gradient] [--hz N]\n");
          return 2;
        }
    }
  if (hz <= 0 || hz > 1000)
    {
      fprintf (stderr, "vw-bench-scene: --hz must be in (0, 1000]\n");
      return 2;
    }

  scene.dpy = XOpenDisplay (NULL);
  if (scene.dpy == NULL)
    {
      fprintf (stderr, "vw-bench-scene: cannot open display %s\n", XDisplayName (NULL));
      return 1;
    }
  scene.root = DefaultRootWindow (scene.dpy);
  scene.width = DisplayWidth (scene.dpy, DefaultScreen (scene.dpy));
  scene.height = DisplayHeight (scene.dpy, DefaultScreen (scene.dpy));
  scene.gc = XCreateGC (scene.dpy, scene.root, 0, NULL);
  /* Copies from the root window must not be clipped by its children. */
  XSetSubwindowMode (scene.dpy, scene.gc, IncludeInferiors);
  scene.fg = rgb (&scene, 0xd0, 0xd0, 0xd0);
  scene.bg = rgb (&scene, 0x10, 0x10, 0x18);
  scene.accent = rgb (&scene, 0x4e, 0xc9, 0x6b);

  if (strcmp (name, "text") == 0)
    {
      text_start (&scene);
      frame_fn = text_frame;
    }
  else if (strcmp (name, "gradient") == 0)
    {
      gradient_start (&scene);
      frame_fn = gradient_frame;
    }
  else
    {
      fprintf (stderr, "vw-bench-scene: unknown scene %s\n", name);
      return 2;
    }
  XSync (scene.dpy, False);
  printf ("ready %dx%d %s %.0f Hz\n", scene.width, scene.height, name, hz);
  fflush (stdout);

  period = 1.0 / hz;
  started = now_s ();
  clock_gettime (CLOCK_MONOTONIC, &next);
  for (;;)
    {
      double due;

      frame_fn (&scene, frame++);
      /* Wait for the server, so that frames are not queued up in it. */
      XSync (scene.dpy, False);

      /* A frame that came late is not followed by a burst: the next one
       * waits for its own time. */
      due = started + frame * period;
      while (due < now_s ())
        {
          frame++;
          due += period;
        }
      next.tv_sec = (time_t) due;
      next.tv_nsec = (long) ((due - (double) next.tv_sec) * 1e9);
      while (clock_nanosleep (CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL) == EINTR)
        ;
    }
  return 0;
}
