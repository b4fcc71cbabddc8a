/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-format"

#include <glib/gi18n.h>

#include "vw-format.h"

/* Memory as people say it: 512 MiB, 2 GiB, 1.5 GiB (libvirt counts KiB). */
char *
vw_format_memory (guint64 kib)
{
  const guint64 one_gib = 1024 * 1024;

  if (kib >= one_gib)
    {
      if (kib % one_gib == 0)
        return g_strdup_printf (_("%u GiB"), (guint) (kib / one_gib));
      return g_strdup_printf (_("%.1f GiB"), (double) kib / one_gib);
    }
  if (kib >= 1024)
    return g_strdup_printf (_("%u MiB"), (guint) (kib / 1024));
  return g_strdup_printf (_("%u KiB"), (guint) kib);
}
