/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>

#include "vw-fuzz.h"

static void
quiet (const char     *domain,
       GLogLevelFlags  level,
       const char     *message,
       gpointer        data)
{
}

const char *
vw_fuzz_setup (void)
{
  static char *dir;

  if (dir == NULL)
    {
      g_log_set_default_handler (quiet, NULL);
      g_log_set_always_fatal (G_LOG_FATAL_MASK);
      dir = g_dir_make_tmp ("vw-fuzz-XXXXXX", NULL);
      g_assert (dir != NULL);
    }
  return dir;
}

char *
vw_fuzz_write_file (const char    *name,
                    const uint8_t *data,
                    size_t         size)
{
  char *path = g_build_filename (vw_fuzz_setup (), name, NULL);

  g_assert (g_file_set_contents (path, (const char *) data, (gssize) size, NULL));
  return path;
}
