/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-file"

#include <errno.h>
#include <glib/gstdio.h>

#include "vw-file.h"

/* Every file the learner's work lives in is written this way: to a
 * temporary file in the same folder, flushed to disk, then renamed over the
 * old one, so a crash or a full disk leaves either the old file or the new
 * one, never half of one. */
gboolean
vw_file_write_atomic (const char  *path,
                      const char  *contents,
                      gssize       length,
                      GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "%s: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }

  return g_file_set_contents_full (path, contents, length,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0600, error);
}
