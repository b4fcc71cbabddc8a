/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-sandbox"

#include <glib/gi18n.h>
#include <errno.h>
#include <glib/gstdio.h>

#include "vw-file.h"
#include "vw-paths.h"
#include "vw-sandbox.h"

/* The sandbox lab is libvirt's test driver opened on a node file: every
 * libvirt call works on it, in memory, with no hypervisor and no daemon.
 * We ship one (data/lab/sandbox.xml); the learner works on a copy in their
 * state folder, which VwSandboxStore rewrites after each change so that the
 * lab is as they left it at the next start. */

char *
vw_sandbox_get_shipped_path (void)
{
  return vw_paths_data_file ("lab", "sandbox.xml", NULL);
}

/* The learner's copy: $XDG_STATE_HOME/virt-workbench/sandbox.xml. */
char *
vw_sandbox_get_node_path (void)
{
  return vw_paths_state_file ("sandbox.xml", NULL);
}

/* test:///abs/path, with the path escaped as a URI path. */
char *
vw_sandbox_uri_for_path (const char *node_path)
{
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (node_path != NULL && g_path_is_absolute (node_path), NULL);

  escaped = g_uri_escape_string (node_path, "/", FALSE);
  return g_strconcat ("test://", escaped, NULL);
}

static gboolean
copy_node (const char  *from,
           const char  *to,
           GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (from, &contents, &length, error))
    return FALSE;
  return vw_file_write_atomic (to, contents, (gssize) length, error);
}

static gboolean
copy_shipped (const char  *to,
              GError     **error)
{
  g_autofree char *shipped = vw_sandbox_get_shipped_path ();

  return copy_node (shipped, to, error);
}

/* The URI of the learner's copy, made from the shipped lab the first time.
 * If the copy cannot be made (a read-only home), the shipped file is used:
 * changes then last until the window closes. */
char *
vw_sandbox_get_uri (void)
{
  g_autofree char *path = vw_sandbox_get_node_path ();
  g_autoptr(GError) error = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS) && !copy_shipped (path, &error))
    {
      g_autofree char *shipped = vw_sandbox_get_shipped_path ();

      g_warning ("Could not copy the sandbox lab to %s: %s", path, error->message);
      return vw_sandbox_uri_for_path (shipped);
    }
  return vw_sandbox_uri_for_path (path);
}

gboolean
vw_sandbox_is_uri (const char *uri)
{
  g_autofree char *path = vw_sandbox_get_node_path ();
  g_autofree char *shipped = vw_sandbox_get_shipped_path ();
  g_autofree char *copy_uri = vw_sandbox_uri_for_path (path);
  g_autofree char *shipped_uri = vw_sandbox_uri_for_path (shipped);

  return g_strcmp0 (uri, copy_uri) == 0 || g_strcmp0 (uri, shipped_uri) == 0;
}

/* Puts the shipped lab back in place of the learner's copy. */
gboolean
vw_sandbox_reset (GError **error)
{
  g_autofree char *path = vw_sandbox_get_node_path ();

  return copy_shipped (path, error);
}

/**
 * vw_sandbox_set_aside:
 *
 * Moves a copy that libvirt could not load to sandbox.xml.broken-DATE (for
 * the learner to look at) and puts the shipped lab in its place.
 *
 * Returns: (transfer full): where the broken copy went, or %NULL on error
 */
char *
vw_sandbox_set_aside (GError **error)
{
  g_autofree char *path = vw_sandbox_get_node_path ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *aside = g_strdup_printf ("%s.broken-%s", path, stamp);

  if (g_rename (path, aside) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not move %s aside: %s"), path, g_strerror (saved_errno));
      return NULL;
    }
  if (!copy_shipped (path, error))
    return NULL;
  return g_steal_pointer (&aside);
}
