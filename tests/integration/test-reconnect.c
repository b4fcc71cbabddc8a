/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <signal.h>
#include <unistd.h>

#include "vw-connection.h"
#include "vw-domain.h"
#include "vw-test-util.h"

/* The system libvirtd goes away and comes back: the model says so at once,
 * keeps its last known machines, reconnects by itself and follows events
 * again, with the same objects. Needs root, to stop and start the daemon. */

#define QEMU_URI "qemu:///system"

static GPid
libvirtd_pid (void)
{
  g_autofree char *out = NULL;
  const char *argv[] = { "pgrep", "-x", "-o", "libvirtd", NULL };

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     &out, NULL, NULL, NULL) || out == NULL || *out == '\0')
    return 0;
  return (GPid) atoi (out);
}

static gboolean
has_status (gpointer data)
{
  gpointer *args = data;

  return vw_connection_get_status (args[0]) == (VwConnectionStatus) GPOINTER_TO_INT (args[1]);
}

static void
wait_status (VwConnection       *connection,
             VwConnectionStatus  status,
             guint               timeout_ms)
{
  gpointer args[] = { connection, GINT_TO_POINTER (status) };
  gint64 start = g_get_monotonic_time ();

  g_assert_true (vw_test_wait_until (has_status, args, timeout_ms));
  g_test_message ("status %d after %.0f ms", status, (g_get_monotonic_time () - start) / 1000.0);
}

static gboolean
gone (gpointer data)
{
  return libvirtd_pid () == 0;
}

static gboolean
is_running (gpointer data)
{
  gpointer *args = data;
  VwDomain *domain = vw_connection_find_domain (args[0], args[1]);

  return domain != NULL && vw_domain_get_state (domain) == VW_DOMAIN_STATE_RUNNING;
}

static void
start_libvirtd (void)
{
  const char *argv[] = { "libvirtd", "-d", NULL };
  g_autoptr(GError) error = NULL;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL,
                               &error));
  g_assert_no_error (error);
}

static void
test_daemon_restart (void)
{
  g_autoptr(VwConnection) connection = vw_test_open_connection (QEMU_URI);
  g_autofree char *name = g_strdup_printf ("vw-it-reconnect-%d", (int) getpid ());
  g_autofree char *xml_path = g_build_filename (g_get_tmp_dir (), "vw-it-reconnect.xml", NULL);
  g_autofree char *xml = NULL;
  g_autoptr(GError) error = NULL;
  VwDomain *before;
  GPid pid;
  gint64 killed_at;
  gpointer running_args[2];

  vw_connection_set_reconnect_delays (connection, 200, 1000);

  xml = g_strdup_printf ("<domain type='qemu'><name>%s</name><memory unit='MiB'>32</memory>"
                         "<vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os></domain>", name);
  g_file_set_contents (xml_path, xml, -1, &error);
  g_assert_no_error (error);
  g_free (vw_test_run_virsh (QEMU_URI, "define", xml_path, NULL));
  vw_test_wait_ms (300);
  before = vw_connection_find_domain (connection, name);
  g_assert_nonnull (before);

  /* The daemon stops: the connection says so within seconds. */
  pid = libvirtd_pid ();
  g_assert_cmpint (pid, >, 0);
  killed_at = g_get_monotonic_time ();
  g_assert_cmpint (kill (pid, SIGTERM), ==, 0);
  g_assert_true (vw_test_wait_until (gone, NULL, 15000));
  wait_status (connection, VW_CONNECTION_STATUS_RECONNECTING, 10000);
  g_test_message ("lost the daemon: noticed %.0f ms after it was stopped",
                  (g_get_monotonic_time () - killed_at) / 1000.0);
  g_assert_nonnull (vw_connection_get_error_message (connection));
  /* The last known machines stay. */
  g_assert_true (vw_connection_find_domain (connection, name) == before);

  /* It comes back: the connection follows, by itself. */
  start_libvirtd ();
  wait_status (connection, VW_CONNECTION_STATUS_CONNECTED, 30000);
  g_assert_true (vw_connection_find_domain (connection, name) == before);

  /* Events flow on the new connection. */
  g_free (vw_test_run_virsh (QEMU_URI, "start", name, NULL));
  running_args[0] = connection;
  running_args[1] = name;
  g_assert_true (vw_test_wait_until (is_running, running_args, 10000));

  g_free (vw_test_run_virsh (QEMU_URI, "destroy", name, NULL));
  g_free (vw_test_run_virsh (QEMU_URI, "undefine", name, NULL));
  g_unlink (xml_path);
}

typedef struct
{
  gboolean done;
  GError *error;
} OpResult;

static void
op_done (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  OpResult *op = data;

  vw_domain_op_finish (VW_DOMAIN (source), result, &op->error);
  op->done = TRUE;
}

static gboolean
op_is_done (gpointer data)
{
  return ((OpResult *) data)->done;
}

/* The daemon dies while an action waits for it (frozen with SIGSTOP so
 * that the action is surely in flight, then killed): the action ends with
 * a message instead of hanging, the lab reconnects when the daemon is
 * back, and the same action then works. */
static void
test_daemon_killed_mid_action (void)
{
  g_autoptr(VwConnection) connection = vw_test_open_connection (QEMU_URI);
  g_autofree char *name = g_strdup_printf ("vw-it-midaction-%d", (int) getpid ());
  g_autofree char *xml_path = g_build_filename (g_get_tmp_dir (), "vw-it-midaction.xml", NULL);
  g_autofree char *xml = NULL;
  g_autoptr(GError) error = NULL;
  OpResult op = { 0 };
  gpointer running_args[2];
  VwDomain *domain;
  gint64 killed_at;
  GPid pid;

  vw_connection_set_reconnect_delays (connection, 200, 1000);
  xml = g_strdup_printf ("<domain type='qemu'><name>%s</name><memory unit='MiB'>32</memory>"
                         "<vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os></domain>", name);
  g_file_set_contents (xml_path, xml, -1, &error);
  g_assert_no_error (error);
  g_free (vw_test_run_virsh (QEMU_URI, "define", xml_path, NULL));
  running_args[0] = connection;
  running_args[1] = name;
  vw_test_wait_ms (300);
  domain = vw_connection_find_domain (connection, name);
  g_assert_nonnull (domain);

  pid = libvirtd_pid ();
  g_assert_cmpint (pid, >, 0);
  g_assert_cmpint (kill (pid, SIGSTOP), ==, 0);
  vw_domain_run_async (domain, VW_DOMAIN_ACTION_START, NULL, op_done, &op);
  vw_test_wait_ms (300);
  g_assert_false (op.done);                    /* in flight */
  killed_at = g_get_monotonic_time ();
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_true (vw_test_wait_until (op_is_done, &op, 15000));
  g_assert_nonnull (op.error);
  g_test_message ("the action ended %.0f ms after the daemon was killed: %s",
                  (g_get_monotonic_time () - killed_at) / 1000.0, op.error->message);
  g_clear_error (&op.error);
  g_assert_true (vw_test_wait_until (gone, NULL, 15000));
  wait_status (connection, VW_CONNECTION_STATUS_RECONNECTING, 10000);

  start_libvirtd ();
  wait_status (connection, VW_CONNECTION_STATUS_CONNECTED, 30000);
  domain = vw_connection_find_domain (connection, name);
  g_assert_nonnull (domain);
  op.done = FALSE;
  vw_domain_run_async (domain, VW_DOMAIN_ACTION_START, NULL, op_done, &op);
  g_assert_true (vw_test_wait_until (op_is_done, &op, 30000));
  g_assert_no_error (op.error);
  g_assert_true (vw_test_wait_until (is_running, running_args, 10000));

  g_free (vw_test_run_virsh (QEMU_URI, "destroy", name, NULL));
  g_free (vw_test_run_virsh (QEMU_URI, "undefine", name, NULL));
  g_unlink (xml_path);
}

static void
opened (GObject      *source,
        GAsyncResult *result,
        gpointer      data)
{
  OpResult *op = data;

  vw_connection_open_finish (VW_CONNECTION (source), result, &op->error);
  op->done = TRUE;
}

/* The daemon dies while the lab opens a connection and reads its lists:
 * the opening ends with a message, and a new opening works once the
 * daemon is back. */
static void
test_daemon_killed_while_loading (void)
{
  g_autoptr(VwConnection) connection = vw_connection_new (QEMU_URI);
  g_autoptr(VwConnection) again = NULL;
  OpResult op = { 0 };
  GPid pid = libvirtd_pid ();

  g_assert_cmpint (pid, >, 0);
  g_assert_cmpint (kill (pid, SIGSTOP), ==, 0);
  vw_connection_open_async (connection, NULL, opened, &op);
  vw_test_wait_ms (300);
  g_assert_false (op.done);
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_true (vw_test_wait_until (op_is_done, &op, 20000));
  g_assert_nonnull (op.error);
  g_test_message ("the opening says: %s", op.error->message);
  g_clear_error (&op.error);
  vw_connection_close (connection);
  g_assert_true (vw_test_wait_until (gone, NULL, 15000));

  start_libvirtd ();
  again = vw_test_open_connection (QEMU_URI);
  g_assert_cmpint (vw_connection_get_status (again), ==, VW_CONNECTION_STATUS_CONNECTED);
}

int
main (int   argc,
      char *argv[])
{
  vw_test_init (&argc, &argv);

  if (!vw_test_require_libvirtd ())
    return 77;
  if (getuid () != 0)
    {
      if (g_getenv ("CI") != NULL)
        g_error ("CI: this test must run as root, to stop and start libvirtd");
      g_print ("1..0 # SKIP stopping and starting libvirtd needs root\n");
      return 77;
    }

  g_test_add_func ("/integration/daemon-restart", test_daemon_restart);
  g_test_add_func ("/integration/daemon-killed-mid-action", test_daemon_killed_mid_action);
  g_test_add_func ("/integration/daemon-killed-while-loading", test_daemon_killed_while_loading);

  return g_test_run ();
}
