/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>

#include "vw-renderer.h"
#include "vw-test-util.h"

/* GTK's cairo renderer is taken on machines without a GPU, GTK's own choice
 * is kept with one, and a renderer the user names is never overridden. The
 * device directory is a scratch one, with or without a GPU's device. */

static char *
make_dev (const char *device)
{
  g_autoptr(GError) error = NULL;
  char *dev = g_dir_make_tmp ("vw-renderer-XXXXXX", &error);

  g_assert_no_error (error);
  if (device != NULL)
    {
      g_autofree char *path = g_build_filename (dev, device, NULL);
      g_autofree char *parent = g_path_get_dirname (path);

      g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
      g_assert_true (g_file_set_contents (path, "", 0, NULL));
    }
  return dev;
}

static void
test_pick (void)
{
  const struct { const char *device; const char *requested; const char *expected; } cases[] = {
    { NULL, NULL, "cairo" },                  /* nothing under /dev/dri */
    { "dri/card0", NULL, "cairo" },           /* a display, no render node */
    { "dri/renderD128", NULL, NULL },         /* a GPU: GTK chooses */
    { "nvidiactl", NULL, NULL },              /* NVIDIA's own driver */
    { NULL, "gl", NULL },                     /* the user's choice stays */
    { NULL, "", "cairo" },                    /* an empty one is no choice */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *dev = make_dev (cases[i].device);

      g_test_message ("%s, GSK_RENDERER=%s", cases[i].device ? cases[i].device : "no device",
                      cases[i].requested ? cases[i].requested : "(unset)");
      g_assert_cmpstr (vw_renderer_pick (dev, cases[i].requested), ==, cases[i].expected);
      vw_test_remove_tree (dev);
    }
}

static void
test_choose_keeps_request (void)
{
  g_setenv ("GSK_RENDERER", "ngl", TRUE);
  vw_renderer_choose ();
  g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "ngl");
}

/* On this machine: what the application would do at start-up. */
static void
test_choose_here (void)
{
  const char *expected = vw_renderer_pick ("/dev", NULL);

  g_unsetenv ("GSK_RENDERER");
  g_setenv ("GDK_DEBUG", "events", TRUE);
  vw_renderer_choose ();
  g_test_message ("this machine: %s", expected != NULL ? expected : "GTK's choice");
  if (expected != NULL)
    {
      g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "cairo");
      g_assert_cmpstr (g_getenv ("GDK_DEBUG"), ==, "events,gl-disable");
    }
  else
    {
      g_assert_null (g_getenv ("GSK_RENDERER"));
      g_assert_cmpstr (g_getenv ("GDK_DEBUG"), ==, "events");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/renderer/pick", test_pick);
  g_test_add_func ("/renderer/choose-keeps-request", test_choose_keeps_request);
  g_test_add_func ("/renderer/choose-here", test_choose_here);
  return g_test_run ();
}
