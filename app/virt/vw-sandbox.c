/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-sandbox"

#include "vw-paths.h"
#include "vw-sandbox.h"

/* The sandbox lab is libvirt's test driver opened on a node file that we
 * ship (data/lab/sandbox.xml): every libvirt call works on it, in memory,
 * with no hypervisor and no daemon. */

char *
vw_sandbox_get_node_path (void)
{
  return vw_paths_data_file ("lab", "sandbox.xml", NULL);
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

char *
vw_sandbox_get_uri (void)
{
  g_autofree char *path = vw_sandbox_get_node_path ();

  return vw_sandbox_uri_for_path (path);
}

gboolean
vw_sandbox_is_uri (const char *uri)
{
  g_autofree char *sandbox = vw_sandbox_get_uri ();

  return g_strcmp0 (uri, sandbox) == 0;
}
