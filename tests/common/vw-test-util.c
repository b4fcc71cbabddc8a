/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-test"

#include <glib/gstdio.h>
#include <locale.h>

#include "vw-sandbox.h"
#include "vw-test-util.h"
#include "vw-virt.h"

static void
drop_message (const char     *log_domain,
              GLogLevelFlags  log_level,
              const char     *message,
              gpointer        user_data)
{
}

void
vw_test_init (int    *argc,
              char ***argv)
{
  g_autofree char *home = NULL;

  setlocale (LC_ALL, "C.UTF-8");

  /* The user's own folders stay untouched: each test program gets fresh
   * ones. (G_TEST_OPTION_ISOLATE_DIRS would also hide XDG_DATA_DIRS, and
   * with it the MIME database that image loading needs.) */
  home = g_dir_make_tmp ("vw-test-XXXXXX", NULL);
  g_assert_nonnull (home);
  for (guint i = 0; i < 4; i++)
    {
      static const char *vars[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME" };
      g_autofree char *dir = g_build_filename (home, vars[i], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (vars[i], dir, TRUE);
    }
  g_setenv ("HOME", home, TRUE);

  g_test_init (argc, argv, NULL);
  /* libvirt-glib logs every event-loop handle update at debug level and
   * without a log domain; that would drown the test output. */
  g_log_set_handler (NULL, G_LOG_LEVEL_DEBUG, drop_message, NULL);
  vw_virt_init ();
}

static gboolean
on_timeout (gpointer data)
{
  gboolean *expired = data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @condition holds or @timeout_ms passes; libvirt
 * events and GTask results are delivered meanwhile. */
gboolean
vw_test_wait_until (VwTestCondition condition,
                    gpointer        data,
                    guint           timeout_ms)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add (timeout_ms, on_timeout, &expired);

  while (!condition (data) && !expired)
    g_main_context_iteration (NULL, TRUE);

  if (!expired)
    g_source_remove (id);
  return condition (data);
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

void
vw_test_wait_ms (guint ms)
{
  vw_test_wait_until (never, NULL, ms);
}

/* Runs the real virsh on @uri with the given arguments (an argument vector,
 * no shell) and returns its standard output; fails the test if virsh does. */
char *
vw_test_run_virsh (const char *uri,
                   ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  va_list args;

  g_ptr_array_add (argv, (gpointer) "virsh");
  g_ptr_array_add (argv, (gpointer) "-q");
  g_ptr_array_add (argv, (gpointer) "-c");
  g_ptr_array_add (argv, (gpointer) uri);
  va_start (args, uri);
  for (const char *arg = va_arg (args, const char *); arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("virsh %s failed: %s", (char *) argv->pdata[4], err);

  return g_steal_pointer (&out);
}

static gboolean
is_settled (gpointer data)
{
  VwConnection *connection = data;
  VwConnectionStatus status = vw_connection_get_status (connection);

  return status == VW_CONNECTION_STATUS_CONNECTED || status == VW_CONNECTION_STATUS_FAILED;
}

VwConnection *
vw_test_open_connection (const char *uri)
{
  VwConnection *connection = vw_connection_new (uri);

  vw_connection_open_async (connection, NULL, NULL, NULL);
  g_assert_true (vw_test_wait_until (is_settled, connection, 10000));
  g_assert_cmpstr (vw_connection_get_error_message (connection), ==, NULL);
  g_assert_cmpint (vw_connection_get_status (connection), ==, VW_CONNECTION_STATUS_CONNECTED);
  return connection;
}

/* Integration tests need the system libvirtd (./dev test starts one when run
 * as root). Without it they are skipped with a reason, except in CI, where a
 * missing daemon is a failure. */
gboolean
vw_test_require_libvirtd (void)
{
  const char *socket = "/run/libvirt/libvirt-sock";

  if (g_file_test (socket, G_FILE_TEST_EXISTS))
    return TRUE;

  if (g_getenv ("CI") != NULL)
    g_error ("CI: no libvirtd is listening on %s", socket);

  g_print ("1..0 # SKIP no libvirtd on %s (run ./dev test as root to start one)\n", socket);
  return FALSE;
}

/* Removes a temporary folder the test made, with what is in it. */
void
vw_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        vw_test_remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}
