/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "vw-renderer.h"

/* Which of GTK's renderers to use, decided before GTK starts.
 *
 * GTK 4.8 picks its GL renderer whenever OpenGL works, and without a GPU
 * OpenGL is Mesa's llvmpipe: every frame is rasterised in software through
 * a GL pipeline. On such a machine GTK's cairo renderer draws the same
 * window for a fraction of the CPU (measured with the console bench of
 * tests/bench/README.md: 18.6 ms of CPU per frame of a scrolling guest
 * screen with GL on llvmpipe, 5.7 ms with cairo), so the workbench takes
 * cairo there. A GPU is a DRM render node (/dev/dri/renderD*) or NVIDIA's
 * own driver (/dev/nvidiactl). OpenGL is then not even loaded
 * (GDK_DEBUG=gl-disable): GDK would still open it at start-up to see what
 * it can do, and Mesa's software rasteriser brings some 60 MiB of memory
 * the cairo renderer never uses (peak RSS of the sandbox lab: 143 MiB
 * with it, 80 MiB without). A renderer the user names in GSK_RENDERER is
 * always kept. */

static gboolean
has_gpu (const char *dev_dir)
{
  g_autofree char *dri = g_build_filename (dev_dir, "dri", NULL);
  g_autofree char *nvidia = g_build_filename (dev_dir, "nvidiactl", NULL);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (g_file_test (nvidia, G_FILE_TEST_EXISTS))
    return TRUE;
  dir = g_dir_open (dri, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "renderD"))
      return TRUE;
  return FALSE;
}

/* The renderer to set for a machine whose devices are in @dev_dir, given
 * GSK_RENDERER's value @requested (NULL if unset); NULL to leave GTK's own
 * choice. */
const char *
vw_renderer_pick (const char *dev_dir,
                  const char *requested)
{
  g_return_val_if_fail (dev_dir != NULL, NULL);

  if (requested != NULL && *requested != '\0')
    return NULL;
  return has_gpu (dev_dir) ? NULL : "cairo";
}

void
vw_renderer_choose (void)
{
  const char *renderer = vw_renderer_pick ("/dev", g_getenv ("GSK_RENDERER"));
  const char *debug = g_getenv ("GDK_DEBUG");
  g_autofree char *with_gl_disabled = NULL;

  if (renderer == NULL)
    return;
  g_setenv ("GSK_RENDERER", renderer, TRUE);
  with_gl_disabled = debug != NULL && *debug != '\0' ? g_strconcat (debug, ",gl-disable", NULL)
                                                      : g_strdup ("gl-disable");
  g_setenv ("GDK_DEBUG", with_gl_disabled, TRUE);
}
