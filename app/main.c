/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "vw-application.h"
#include "vw-bench.h"
#include "vw-paths.h"
#include "vw-renderer.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(VwApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, vw_paths_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  vw_bench_mark ("main", NULL);
  vw_renderer_choose ();
  app = vw_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
