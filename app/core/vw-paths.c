/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-paths"

#include "config.h"

#include "vw-paths.h"

/* The data folder holds study content and the sandbox lab. VW_DATA_DIR points
 * at the source tree's data/ when running uninstalled (meson devenv, tests);
 * otherwise the installed package data folder is used. */
const char *
vw_paths_data_dir (void)
{
  static gsize dir;

  if (g_once_init_enter (&dir))
    {
      const char *env = g_getenv ("VW_DATA_DIR");
      g_autofree char *found = g_canonicalize_filename ((env != NULL && *env != '\0') ? env : PKGDATADIR,
                                                        NULL);

      g_once_init_leave (&dir, (gsize) g_intern_string (found));
    }

  return (const char *) dir;
}

char *
vw_paths_data_file (const char *first_element,
                    ...)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  va_list args;

  g_ptr_array_add (parts, (gpointer) vw_paths_data_dir ());
  g_ptr_array_add (parts, (gpointer) first_element);
  va_start (args, first_element);
  for (const char *part = va_arg (args, const char *); part != NULL; part = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) part);
  va_end (args);
  g_ptr_array_add (parts, NULL);

  return g_build_filenamev ((char **) parts->pdata);
}

const char *
vw_paths_locale_dir (void)
{
  const char *env = g_getenv ("VW_LOCALE_DIR");

  return (env != NULL && *env != '\0') ? env : LOCALEDIR;
}

/* Files the learner's work lives in, under $XDG_STATE_HOME/virt-workbench. */
char *
vw_paths_state_file (const char *first_element,
                     ...)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  va_list args;

  g_ptr_array_add (parts, (gpointer) g_get_user_state_dir ());
  g_ptr_array_add (parts, (gpointer) "virt-workbench");
  g_ptr_array_add (parts, (gpointer) first_element);
  va_start (args, first_element);
  for (const char *part = va_arg (args, const char *); part != NULL; part = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) part);
  va_end (args);
  g_ptr_array_add (parts, NULL);

  return g_build_filenamev ((char **) parts->pdata);
}

/* Reading progress and bookmarks are things the learner made, not where the
 * app left off, so they live with user data rather than state. */
char *
vw_paths_progress_file (void)
{
  return g_build_filename (g_get_user_data_dir (), "virt-workbench", "progress.ini", NULL);
}

/* A mock exam in progress (resumed after a crash) and the attempts taken:
 * the learner's too, with the progress. */
char *
vw_paths_exam_file (const char *name)
{
  return g_build_filename (g_get_user_data_dir (), "virt-workbench", name, NULL);
}

/* A new file for an XML document that a recorded `virsh define FILE` reads:
 * commands/20261129-121500-web02.xml, unique within the folder. */
char *
vw_paths_new_command_file (const char *name)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

  for (guint i = 0;; i++)
    {
      g_autofree char *base = i == 0 ? g_strdup_printf ("%s-%s.xml", stamp, name)
                                     : g_strdup_printf ("%s-%s-%u.xml", stamp, name, i);
      char *path = vw_paths_state_file ("commands", base, NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return path;
      g_free (path);
    }
}
