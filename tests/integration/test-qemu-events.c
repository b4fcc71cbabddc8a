/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>

#include "vw-connection.h"
#include "vw-test-util.h"

/* Against a real libvirtd with QEMU: changes made by virsh, outside the
 * application, reach the model through libvirt's events. */

#define QEMU_URI "qemu:///system"

typedef struct
{
  VwConnection *connection;
  const char *name;
  int state;          /* -1: only presence matters */
  gboolean present;
} Wait;

static gboolean
matches (gpointer data)
{
  Wait *wait = data;
  VwDomain *domain = vw_connection_find_domain (wait->connection, wait->name);

  if (!wait->present)
    return domain == NULL;
  return domain != NULL && (wait->state < 0 || (int) vw_domain_get_state (domain) == wait->state);
}

static void
test_events_from_virsh (void)
{
  g_autoptr(VwConnection) connection = vw_test_open_connection (QEMU_URI);
  g_autofree char *name = g_strdup_printf ("vw-it-events-%d", (int) getpid ());
  g_autofree char *xml_path = g_build_filename (g_get_tmp_dir (), "vw-it-domain.xml", NULL);
  g_autofree char *xml = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  Wait wait = { connection, name, -1, TRUE };
  gint64 start;

  /* A diskless guest: enough for QEMU to run, under software emulation. */
  xml = g_strdup_printf ("<domain type='qemu'><name>%s</name><memory unit='MiB'>32</memory>"
                         "<vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os>"
                         "<devices><graphics type='vnc' port='-1' listen='127.0.0.1'/></devices>"
                         "</domain>", name);
  g_file_set_contents (xml_path, xml, -1, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  g_free (vw_test_run_virsh (QEMU_URI, "define", xml_path, NULL));
  g_assert_true (vw_test_wait_until (matches, &wait, 5000));
  g_test_message ("defined → in the model after %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpint (vw_domain_get_state (vw_connection_find_domain (connection, name)), ==,
                   VW_DOMAIN_STATE_SHUTOFF);

  start = g_get_monotonic_time ();
  g_free (vw_test_run_virsh (QEMU_URI, "start", name, NULL));
  wait.state = VW_DOMAIN_STATE_RUNNING;
  g_assert_true (vw_test_wait_until (matches, &wait, 10000));
  g_test_message ("started → running after %.0f ms", (g_get_monotonic_time () - start) / 1000.0);

  g_free (vw_test_run_virsh (QEMU_URI, "suspend", name, NULL));
  wait.state = VW_DOMAIN_STATE_PAUSED;
  g_assert_true (vw_test_wait_until (matches, &wait, 5000));

  g_free (vw_test_run_virsh (QEMU_URI, "destroy", name, NULL));
  wait.state = VW_DOMAIN_STATE_SHUTOFF;
  g_assert_true (vw_test_wait_until (matches, &wait, 5000));

  g_free (vw_test_run_virsh (QEMU_URI, "undefine", name, NULL));
  wait.present = FALSE;
  g_assert_true (vw_test_wait_until (matches, &wait, 5000));

  g_unlink (xml_path);
}

int
main (int   argc,
      char *argv[])
{
  vw_test_init (&argc, &argv);

  if (!vw_test_require_libvirtd ())
    return 77;

  g_test_add_func ("/integration/qemu-events", test_events_from_virsh);

  return g_test_run ();
}
