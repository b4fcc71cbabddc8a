/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-vnc-bench"

/* Our VNC console alone, for bench-console.py: a window holding a VwVncView
 * on a VwVncSession connected to HOST:PORT, as the Console tab shows it. It
 * prints when the first frame with the guest's screen was drawn, then, after
 * a warm-up, how many frames it received and drew over a window of time and
 * the CPU time it spent on them, and exits.
 *
 *   vw-vnc-bench HOST PORT [--warmup S] [--seconds S] [--linger S] [--size WxH]
 *
 * Lines on stdout are "vw-vnc-bench NAME VALUE". Times are counted from
 * VW_BENCH_SPAWN_US (the CLOCK_MONOTONIC time in microseconds at which the
 * caller started this process) when it is set, else from main(). The first
 * frame is the end of the first frame-clock paint that began after the
 * session's paintable had content (the frame that put the guest's screen
 * on our window). */

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "vw-renderer.h"
#include "vw-vnc-session.h"
#include "vw-vnc-view.h"

typedef struct
{
  VwVncSession *session;
  GtkWidget *window;
  GtkWidget *view;
  GdkFrameClock *clock;
  GMainLoop *loop;
  int status;

  double warmup_s;
  double seconds;
  double linger_s;

  gint64 start_us;
  gint64 connect_us;
  gint64 first_frame_us;

  /* Frame-clock bookkeeping: the session's frame count when a paint
   * began, and the last one a paint showed. */
  guint64 frames_at_paint;
  guint64 frames_shown;
  guint64 paints;
  guint64 content_paints;

  gboolean measuring;
  gint64 window_us;
  guint64 window_frames;
  guint64 window_paints;
  guint64 window_content_paints;
  double window_cpu;
} Bench;

static void
mark (const char *name,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

static void
mark (const char *name,
      const char *format,
      ...)
{
  g_autofree char *value = NULL;
  va_list args;

  va_start (args, format);
  value = g_strdup_vprintf (format, args);
  va_end (args);
  printf ("vw-vnc-bench %s %s\n", name, value);
  fflush (stdout);
}

static double
ms_since (gint64 from_us,
          gint64 to_us)
{
  return (to_us - from_us) / 1000.0;
}

/* User and system time of the whole process, every thread included (the
 * renderer's and Mesa's too). */
static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6
         + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static void
finish (Bench *bench,
        int    status)
{
  bench->status = status;
  g_main_loop_quit (bench->loop);
}

static gboolean
on_linger_done (gpointer data)
{
  finish (data, 0);
  return G_SOURCE_REMOVE;
}

static gboolean
on_window_done (gpointer data)
{
  Bench *bench = data;
  gint64 now = g_get_monotonic_time ();
  double wall = (now - bench->window_us) / 1e6;
  guint64 frames = vw_vnc_session_get_n_frames (bench->session) - bench->window_frames;
  guint64 paints = bench->paints - bench->window_paints;
  guint64 content_paints = bench->content_paints - bench->window_content_paints;
  double cpu = cpu_seconds () - bench->window_cpu;
  struct rusage usage;

  bench->measuring = FALSE;
  getrusage (RUSAGE_SELF, &usage);
  mark ("window-s", "%.3f", wall);
  mark ("frames", "%" G_GUINT64_FORMAT, frames);
  mark ("paints", "%" G_GUINT64_FORMAT, paints);
  mark ("content-paints", "%" G_GUINT64_FORMAT, content_paints);
  mark ("fps", "%.2f", frames / wall);
  mark ("paints-per-s", "%.2f", content_paints / wall);
  mark ("cpu-s", "%.3f", cpu);
  mark ("cpu-ms-per-frame", "%.3f", frames > 0 ? cpu * 1000 / frames : 0.0);
  mark ("maxrss-mib", "%.1f", usage.ru_maxrss / 1024.0);
  mark ("done", "%.1f", ms_since (bench->start_us, now));

  if (bench->linger_s > 0)
    g_timeout_add ((guint) (bench->linger_s * 1000), on_linger_done, bench);
  else
    finish (bench, 0);
  return G_SOURCE_REMOVE;
}

static gboolean
on_warmup_done (gpointer data)
{
  Bench *bench = data;

  bench->measuring = TRUE;
  bench->window_us = g_get_monotonic_time ();
  bench->window_frames = vw_vnc_session_get_n_frames (bench->session);
  bench->window_paints = bench->paints;
  bench->window_content_paints = bench->content_paints;
  bench->window_cpu = cpu_seconds ();
  mark ("window-start", "%.1f", ms_since (bench->start_us, bench->window_us));
  g_timeout_add ((guint) (bench->seconds * 1000), on_window_done, bench);
  return G_SOURCE_REMOVE;
}

static void
on_before_paint (GdkFrameClock *clock,
                 Bench         *bench)
{
  bench->frames_at_paint = vw_vnc_session_get_n_frames (bench->session);
}

/* Runs after GTK has rendered the frame and handed it to the X server. */
static void
on_after_paint (GdkFrameClock *clock,
                Bench         *bench)
{
  bench->paints++;
  if (bench->frames_at_paint == bench->frames_shown)
    return;
  bench->frames_shown = bench->frames_at_paint;
  bench->content_paints++;

  if (bench->first_frame_us == 0)
    {
      bench->first_frame_us = g_get_monotonic_time ();
      mark ("first-frame-ms", "%.1f", ms_since (bench->start_us, bench->first_frame_us));
      mark ("first-frame-after-connect-ms", "%.1f",
            ms_since (bench->connect_us, bench->first_frame_us));
      g_timeout_add ((guint) (bench->warmup_s * 1000), on_warmup_done, bench);
    }
}

static void
on_realize (GtkWidget *window,
            Bench     *bench)
{
  GtkNative *native = GTK_NATIVE (window);
  GskRenderer *renderer = gtk_native_get_renderer (native);

  mark ("renderer", "%s", renderer != NULL ? G_OBJECT_TYPE_NAME (renderer) : "none");
  bench->clock = gdk_surface_get_frame_clock (gtk_native_get_surface (native));
  g_signal_connect (bench->clock, "before-paint", G_CALLBACK (on_before_paint), bench);
  g_signal_connect (bench->clock, "after-paint", G_CALLBACK (on_after_paint), bench);
}

static void
on_state (VwVncSession *session,
          GParamSpec   *pspec,
          Bench        *bench)
{
  VwVncState state = vw_vnc_session_get_state (session);

  if (state == VW_VNC_STATE_CONNECTED)
    mark ("connected-ms", "%.1f", ms_since (bench->start_us, g_get_monotonic_time ()));
  else if (state == VW_VNC_STATE_DISCONNECTED)
    {
      mark ("error", "%s", vw_vnc_session_get_error (session));
      finish (bench, 1);
    }
  else if (state == VW_VNC_STATE_AUTHENTICATING)
    {
      mark ("error", "%s", "the server asks for a password");
      finish (bench, 1);
    }
}

static gboolean
on_timeout (gpointer data)
{
  Bench *bench = data;

  mark ("error", "%s", bench->first_frame_us == 0 ? "no frame" : "did not finish in time");
  finish (bench, 1);
  return G_SOURCE_REMOVE;
}

static gboolean
on_close_request (GtkWindow *window,
                  Bench     *bench)
{
  finish (bench, 1);
  return TRUE;
}

int
main (int argc,
      char **argv)
{
  Bench bench = { .warmup_s = 2, .seconds = 10, .status = 1 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *size = NULL;
  const char *spawn = g_getenv ("VW_BENCH_SPAWN_US");
  int width = 0, height = 0;
  GOptionEntry entries[] = {
    { "warmup", 0, 0, G_OPTION_ARG_DOUBLE, &bench.warmup_s, "Seconds after the first frame before counting", "S" },
    { "seconds", 0, 0, G_OPTION_ARG_DOUBLE, &bench.seconds, "Seconds to count frames and CPU time", "S" },
    { "linger", 0, 0, G_OPTION_ARG_DOUBLE, &bench.linger_s, "Seconds to stay after printing", "S" },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size, "Window size, the screen scaled to fit (default: the screen at 100 %, as remote-viewer shows it)", "WxH" },
    { NULL }
  };

  bench.start_us = g_get_monotonic_time ();
  if (spawn != NULL)
    bench.start_us = g_ascii_strtoll (spawn, NULL, 10);

  context = g_option_context_new ("HOST PORT");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 3
      || bench.warmup_s < 0 || bench.seconds <= 0 || bench.linger_s < 0
      || (size != NULL && sscanf (size, "%dx%d", &width, &height) != 2))
    {
      fprintf (stderr, "usage: vw-vnc-bench HOST PORT [--warmup S] [--seconds S] [--linger S] "
               "[--size WxH]%s%s\n", error != NULL ? ": " : "",
               error != NULL ? error->message : "");
      return 2;
    }

  vw_renderer_choose ();   /* as the application does */
  gtk_init ();
  adw_init ();
  mark ("start", "%s", spawn != NULL ? "spawn" : "main");
  mark ("gtk-ready-ms", "%.1f", ms_since (bench.start_us, g_get_monotonic_time ()));

  bench.loop = g_main_loop_new (NULL, FALSE);
  bench.session = vw_vnc_session_new ();
  bench.view = vw_vnc_view_new ();
  vw_vnc_view_set_session (VW_VNC_VIEW (bench.view), bench.session);
  bench.window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (bench.window), "vw-vnc-bench");
  if (size != NULL)
    gtk_window_set_default_size (GTK_WINDOW (bench.window), width, height);
  else
    vw_vnc_view_set_scale (VW_VNC_VIEW (bench.view), VW_VNC_SCALE_ORIGINAL);
  gtk_window_set_child (GTK_WINDOW (bench.window), bench.view);
  g_signal_connect (bench.window, "realize", G_CALLBACK (on_realize), &bench);
  g_signal_connect (bench.window, "close-request", G_CALLBACK (on_close_request), &bench);
  g_signal_connect (bench.session, "notify::state", G_CALLBACK (on_state), &bench);
  gtk_window_present (GTK_WINDOW (bench.window));

  /* Connect as the Console tab does once it is shown. */
  bench.connect_us = g_get_monotonic_time ();
  mark ("connect-ms", "%.1f", ms_since (bench.start_us, bench.connect_us));
  if (!vw_vnc_session_open_host (bench.session, argv[1], argv[2], &error))
    {
      mark ("error", "%s", error->message);
      return 1;
    }

  g_timeout_add_seconds ((guint) (bench.warmup_s + bench.seconds + bench.linger_s) + 30,
                         on_timeout, &bench);
  g_main_loop_run (bench.loop);

  g_signal_handlers_disconnect_by_data (bench.session, &bench);
  vw_vnc_session_close (bench.session);
  gtk_window_destroy (GTK_WINDOW (bench.window));
  g_object_unref (bench.session);
  g_main_loop_unref (bench.loop);
  return bench.status;
}
