/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "vw-fuzz.h"
#include "vw-sandbox.h"
#include "vw-sandbox-serialize.h"
#include "vw-virt.h"

/* The sandbox's node file, read as the lab reads it: libvirt's test driver
 * loads it, our <vw:state> overlay (stopped networks and pools, autostart,
 * next-boot definitions) is applied, and the lab is saved back as the
 * sandbox store saves it, then loaded once more. */

static void
quiet_virt (void        *data,
            virErrorPtr  error)
{
}

static char *
load_and_save (const char *path)
{
  g_autofree char *uri = vw_sandbox_uri_for_path (path);
  g_autoptr(GError) error = NULL;
  virConnectPtr conn = virConnectOpen (uri);
  char *saved = NULL;

  if (conn == NULL)
    return NULL;
  if (vw_sandbox_apply_overlay (conn, path, &error))
    saved = vw_sandbox_serialize (conn, path, &error);
  virConnectClose (conn);
  return saved;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *path = NULL;
  g_autofree char *saved = NULL;

  vw_fuzz_setup ();
  virSetErrorFunc (NULL, quiet_virt);
  path = vw_fuzz_write_file ("node.xml", data, size);
  saved = load_and_save (path);
  if (saved != NULL)
    {
      g_autofree char *again = NULL;

      /* What was saved loads again. */
      g_free (path);
      path = vw_fuzz_write_file ("saved.xml", (const uint8_t *) saved, strlen (saved));
      again = load_and_save (path);
      g_assert (again != NULL);
    }
  return 0;
}
