/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <unistd.h>

#include "vw-practice-vm.h"
#include "vw-test-practice.h"
#include "vw-test-util.h"

static char *
find_practice_dir (void)
{
  const char *dir = g_getenv ("VW_PRACTICE_VM_DIR");
  const char *data = g_getenv ("XDG_DATA_HOME");

  if (dir != NULL && *dir != '\0')
    return g_strdup (dir);
  if (data != NULL && *data != '\0')
    return g_build_filename (data, "virt-workbench", "practice-vm", NULL);
  return g_build_filename (g_getenv ("HOME"), ".local", "share", "virt-workbench", "practice-vm", NULL);
}

/* Builds the boot files when ./dev has not (meson test run by hand). */
static gboolean
prepare (void)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "..", "scripts", "build-practice-vm", NULL);
  const char *argv[] = { script, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (vw_practice_vm_is_prepared ())
    return TRUE;
  if (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error)
      && g_spawn_check_wait_status (status, &error))
    return TRUE;
  if (g_getenv ("CI") != NULL)
    g_error ("CI: %s failed: %s", script, error->message);
  g_print ("1..0 # SKIP %s failed (%s); the practice VM has no boot files\n", script, error->message);
  return FALSE;
}

/**
 * vw_test_practice_init:
 *
 * vw_test_init(), keeping the user's prepared boot files (found before the
 * program gets a home of its own), and the checks these tests need: a
 * system libvirtd, root (the serial log and the boot files' system copy
 * belong to root) and the boot files.
 *
 * Returns: 0 to go on, or 77 (skip) outside CI
 */
int
vw_test_practice_init (int    *argc,
                       char ***argv)
{
  g_autofree char *practice_dir = find_practice_dir ();

  vw_test_init (argc, argv);
  if (!g_test_subprocess ())
    g_setenv ("VW_PRACTICE_VM_DIR", practice_dir, TRUE);
  if (!vw_test_require_libvirtd ())
    return 77;
  if (geteuid () != 0)
    {
      if (g_getenv ("CI") != NULL)
        g_error ("CI: the practice VM tests must run as root");
      g_print ("1..0 # SKIP not root: the serial log of a qemu:///system guest belongs to root\n");
      return 77;
    }
  if (!g_test_subprocess () && !prepare ())
    return 77;
  return 0;
}

static void
virsh_try (const char *verb)
{
  const char *argv[] = { "virsh", "-q", "-c", VW_TEST_QEMU_URI, verb, VW_PRACTICE_VM_NAME, NULL };

  g_spawn_sync (NULL, (char **) argv, NULL,
                G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, NULL, NULL);
}

/* A practice-vm left by an earlier run, or by the learner, goes. */
void
vw_test_practice_remove (void)
{
  virsh_try ("destroy");
  virsh_try ("undefine");
}

static gboolean
keep_awake (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* vw_test_wait_until() with a tick, for conditions that no event signals
 * (a file growing). */
gboolean
vw_test_wait_for (VwTestCondition condition,
                  gpointer        data,
                  guint           timeout_ms)
{
  guint tick = g_timeout_add (50, keep_awake, NULL);
  gboolean met = vw_test_wait_until (condition, data, timeout_ms);

  g_source_remove (tick);
  return met;
}

gboolean
vw_test_file_has (const char *path,
                  const char *needle)
{
  g_autofree char *contents = NULL;

  return g_file_get_contents (path, &contents, NULL, NULL) && strstr (contents, needle) != NULL;
}

/* A VwTestOps fixture on @uri rather than on the sandbox. */
void
vw_test_open_ops (VwTestOps  *ops,
                  const char *uri)
{
  memset (ops, 0, sizeof *ops);
  ops->log = vw_command_log_new ();
  ops->connection = vw_test_open_connection (uri);
  vw_connection_set_command_log (ops->connection, ops->log);
}
