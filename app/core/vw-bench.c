/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-bench"

#include <stdio.h>
#include <stdlib.h>

#include "vw-bench.h"

/* Timing marks for tests/bench/, printed only when VW_BENCH=1: when the
 * window first drew, when the machine list was complete, and the longest
 * time the main loop was kept from running (a stall the learner would feel
 * as a frozen window). With VW_BENCH_QUIT_MS the process ends that long
 * after the list is complete, so that a benchmark can run it unattended. */

#define TICK_MS 1

static gint64 started;
static double longest_frame;
static gint64 longest_load_stall;
static gboolean loading;
static gint64 last_tick;
static gint64 longest_stall;
static gboolean settled;

gboolean
vw_bench_enabled (void)
{
  static int enabled = -1;

  if (enabled < 0)
    enabled = g_strcmp0 (g_getenv ("VW_BENCH"), "1") == 0;
  return enabled;
}

static gboolean
tick (gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();

  if (last_tick != 0)
    {
      gint64 stall = now - last_tick - TICK_MS * 1000;

      longest_stall = MAX (longest_stall, stall);
      if (loading)
        longest_load_stall = MAX (longest_load_stall, stall);
      /* Each long one is listed, to find where it came from. */
      if (stall > 30 * 1000)
        fprintf (stderr, "vw-bench stall %.1f %.1f at %" G_GINT64_FORMAT "\n", (now - started) / 1000.0, stall / 1000.0, now);
    }
  last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
ensure_started (void)
{
  if (started != 0)
    return;
  started = g_get_monotonic_time ();
  /* A high-priority tick: the gap between two is how long the loop was
   * busy with something else. */
  g_timeout_add_full (G_PRIORITY_HIGH, TICK_MS, tick, NULL, NULL);
}

void
vw_bench_mark (const char *name,
               const char *format,
               ...)
{
  g_autofree char *extra = NULL;
  va_list args;

  if (!vw_bench_enabled ())
    return;
  ensure_started ();
  /* Stalls count from the first frame on: before it there is no window to
   * feel frozen. */


  if (format != NULL)
    {
      va_start (args, format);
      extra = g_strdup_vprintf (format, args);
      va_end (args);
    }
  /* From the moment the lists reach the main thread, stalls are the ones
   * the 5,000-machine goal is about. */
  if (g_str_equal (name, "apply-start"))
    loading = TRUE;
  fprintf (stderr, "vw-bench %s %.1f %s\n", name, (g_get_monotonic_time () - started) / 1000.0,
           extra != NULL ? extra : "");
  fflush (stderr);
}

/* One frame's layout and drawing took @ms. */
void
vw_bench_frame (double ms)
{
  static gboolean first = TRUE;

  if (!vw_bench_enabled () || started == 0)
    return;
  /* The window's very first frame is its start-up, not a stall: the
   * longest stall counts from the end of it. */
  if (first)
    {
      first = FALSE;
      longest_stall = 0;
      last_tick = g_get_monotonic_time ();
      fprintf (stderr, "vw-bench first-frame-ms %.1f\n", ms);
      return;
    }
  longest_frame = MAX (longest_frame, ms);
  if (ms > 30)
    fprintf (stderr, "vw-bench frame %.1f %.1f\n", (g_get_monotonic_time () - started) / 1000.0, ms);
}

static gboolean
report (gpointer user_data)
{
  vw_bench_mark ("max-frame-ms", "%.1f", longest_frame);
  vw_bench_mark ("max-load-stall-ms", "%.1f", longest_load_stall / 1000.0);
  vw_bench_mark ("max-stall-ms", "%.1f", longest_stall / 1000.0);
  if (g_getenv ("VW_BENCH_QUIT_MS") != NULL)
    exit (0);
  return G_SOURCE_REMOVE;
}

/* The list is complete: keep watching the loop a little longer, then report. */
void
vw_bench_settle (void)
{
  const char *quit = g_getenv ("VW_BENCH_QUIT_MS");

  if (!vw_bench_enabled () || settled)
    return;
  settled = TRUE;
  g_timeout_add (quit != NULL ? (guint) atoi (quit) : 2000, report, NULL);
}
