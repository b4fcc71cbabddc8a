/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
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

/* ----- A long list, and the daemon killed while it loads ----- */

#define LIST_PREFIX "vw-fault-list-"
#define LIST_N 600

/* The test's own libvirt connection, to define and remove the machines
 * quickly; retried for a daemon that is still starting. */
static virConnectPtr
open_virconn (void)
{
  for (guint i = 0; i < 150; i++)
    {
      virConnectPtr conn = virConnectOpen (QEMU_URI);

      if (conn != NULL)
        return conn;
      virResetLastError ();
      g_usleep (100 * 1000);
    }
  g_error ("could not connect to %s", QEMU_URI);
}

static guint
undefine_list (virConnectPtr conn)
{
  virDomainPtr *doms = NULL;
  int n = virConnectListAllDomains (conn, &doms, 0);
  guint removed = 0;

  g_assert_cmpint (n, >=, 0);
  for (int i = 0; i < n; i++)
    {
      if (g_str_has_prefix (virDomainGetName (doms[i]), LIST_PREFIX))
        {
          if (virDomainIsActive (doms[i]) == 1)
            virDomainDestroy (doms[i]);
          if (virDomainUndefineFlags (doms[i], VIR_DOMAIN_UNDEFINE_MANAGED_SAVE
                                      | VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA) == 0)
            removed++;
        }
      virDomainFree (doms[i]);
    }
  free (doms);
  return removed;
}

static void
define_list (virConnectPtr conn)
{
  for (guint i = 0; i < LIST_N; i++)
    {
      g_autofree char *xml = g_strdup_printf ("<domain type='qemu'><name>" LIST_PREFIX "%04u</name>"
                                              "<memory unit='MiB'>32</memory><vcpu>1</vcpu>"
                                              "<os><type arch='x86_64'>hvm</type></os></domain>", i);
      virDomainPtr dom = virDomainDefineXML (conn, xml);

      g_assert_nonnull (dom);
      virDomainFree (dom);
    }
}

/* Dead means its sockets are closed: gone, or a zombie. */
static gboolean
process_is_dead (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) pid);
  g_autofree char *stat = NULL;
  const char *end;

  if (!g_file_get_contents (path, &stat, NULL, NULL))
    return TRUE;
  end = strrchr (stat, ')');
  return end != NULL && (end[2] == 'Z' || end[2] == 'X');
}

/* After the child: a frozen daemon goes on, a dead one is started again. */
static void
ensure_libvirtd (void)
{
  GPid pid = libvirtd_pid ();

  if (pid != 0 && !process_is_dead (pid))
    {
      kill (pid, SIGCONT);
      return;
    }
  g_assert_true (vw_test_wait_until (gone, NULL, 15000));
  start_libvirtd ();
}

typedef struct
{
  VwConnection *connection;
  GListModel *domains;
  guint total;
  GPid pid;
  gint64 opened_at;
  gint64 killed_at;
  guint n_at_kill;
  gboolean connected_at_kill;
  gboolean loading_at_kill;
  gint64 lost_at;
  guint n_at_loss;
  guint loading_notified_off;  /* notify::loading with loading FALSE */
  gboolean failed;
} ListLoad;

static void
list_loading_changed (VwConnection *connection,
                      GParamSpec   *pspec,
                      gpointer      data)
{
  ListLoad *load = data;

  if (!vw_connection_get_loading (connection))
    load->loading_notified_off++;
}

/* Called on the main thread while the connection adds a chunk of its first
 * list (a worker read it whole; a long one is added a chunk per main loop
 * turn once the connection says it is open): the list holds part of the
 * machines. The daemon is killed here and the main loop is held until it
 * is dead, so that no further chunk can come before the loss is seen. */
static void
kill_mid_list (GListModel *model,
               guint       position,
               guint       removed,
               guint       added,
               gpointer    data)
{
  ListLoad *load = data;
  guint n = g_list_model_get_n_items (model);

  if (load->killed_at != 0 || n < load->total / 4)
    return;
  load->n_at_kill = n;
  load->connected_at_kill = vw_connection_get_status (load->connection) == VW_CONNECTION_STATUS_CONNECTED;
  load->loading_at_kill = vw_connection_get_loading (load->connection);
  g_assert_cmpint (kill (load->pid, SIGKILL), ==, 0);
  load->killed_at = g_get_monotonic_time ();
  for (guint i = 0; i < 5000 && !process_is_dead (load->pid); i++)
    g_usleep (1000);
  g_assert_true (process_is_dead (load->pid));
}

static void
list_status_changed (VwConnection *connection,
                     GParamSpec   *pspec,
                     gpointer      data)
{
  ListLoad *load = data;
  VwConnectionStatus status = vw_connection_get_status (connection);

  if (status == VW_CONNECTION_STATUS_CONNECTED && load->opened_at == 0)
    load->opened_at = g_get_monotonic_time ();
  if (status == VW_CONNECTION_STATUS_RECONNECTING && load->lost_at == 0)
    {
      load->lost_at = g_get_monotonic_time ();
      load->n_at_loss = g_list_model_get_n_items (load->domains);
    }
  if (status == VW_CONNECTION_STATUS_FAILED || status == VW_CONNECTION_STATUS_DISCONNECTED)
    load->failed = TRUE;
}

static gboolean
list_lost (gpointer data)
{
  ListLoad *load = data;

  return load->lost_at != 0 || load->failed
         || (load->killed_at == 0 && g_list_model_get_n_items (load->domains) == load->total);
}

static gboolean
list_complete (gpointer data)
{
  ListLoad *load = data;

  return g_list_model_get_n_items (load->domains) == load->total;
}

/* Every row a machine, once, found by its name, in name order; returns how
 * many of the test's machines there are. */
static guint
check_list (VwConnection *connection,
            GListModel   *domains)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *previous = NULL;
  guint ours = 0;

  for (guint i = 0; i < g_list_model_get_n_items (domains); i++)
    {
      g_autoptr(VwDomain) domain = g_list_model_get_item (domains, i);
      const char *name;
      g_autofree char *folded = NULL;
      g_autofree char *key = NULL;

      g_assert_true (VW_IS_DOMAIN (domain));
      name = vw_domain_get_name (domain);
      g_assert_nonnull (name);
      g_assert_true (g_hash_table_add (names, g_strdup (name)));
      g_assert_true (vw_connection_find_domain (connection, name) == domain);
      folded = g_utf8_casefold (name, -1);
      key = g_utf8_collate_key (folded, -1);
      if (previous != NULL)
        g_assert_cmpstr (previous, <=, key);
      g_free (previous);
      previous = g_steal_pointer (&key);
      if (g_str_has_prefix (name, LIST_PREFIX))
        ours++;
    }
  return ours;
}

/* The model holds exactly the machines the daemon lists. */
static void
assert_same_as_daemon (VwConnection *connection,
                       GListModel   *domains)
{
  virConnectPtr conn = open_virconn ();
  virDomainPtr *doms = NULL;
  int n = virConnectListAllDomains (conn, &doms, 0);

  g_assert_cmpint (n, ==, (int) g_list_model_get_n_items (domains));
  for (int i = 0; i < n; i++)
    {
      g_assert_nonnull (vw_connection_find_domain (connection, virDomainGetName (doms[i])));
      virDomainFree (doms[i]);
    }
  free (doms);
  virConnectClose (conn);
}

/* GLib runs the child quiet, without its g_test_message() lines: its
 * figures go to the shared standard output as TAP comments. */
static void G_GNUC_PRINTF (1, 2)
child_message (const char *format,
               ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_print ("# %s\n", message);
}

/* The daemon dies while the lab shows a long first list, after the
 * connection opened and before all its machines were added: the model
 * stops there with a message, keeps what it had, and when the daemon is
 * back it reconnects by itself and ends with every machine, the ones it
 * had being the same objects. In a process of its own, so that the
 * machines are removed whatever happens to it. */
static void
test_daemon_killed_during_long_list (void)
{
  g_autoptr(VwConnection) connection = NULL;
  g_autoptr(GPtrArray) kept = NULL;
  ListLoad load = { 0 };
  virConnectPtr conn;
  gint64 restarted_at;
  gint64 reconnected_at;
  gint64 start;

  if (!g_test_subprocess ())
    {
      guint removed;

      conn = open_virconn ();
      removed = undefine_list (conn);
      if (removed > 0)
        g_test_message ("removed %u machines an earlier run left", removed);
      start = g_get_monotonic_time ();
      define_list (conn);
      g_test_message ("defined %u machines in %.0f ms", LIST_N, (g_get_monotonic_time () - start) / 1000.0);
      virConnectClose (conn);

      g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDOUT);

      /* Whatever became of the child, the daemon runs and the machines go. */
      ensure_libvirtd ();
      conn = open_virconn ();
      removed = undefine_list (conn);
      virConnectClose (conn);
      g_test_trap_assert_passed ();
      g_assert_cmpuint (removed, ==, LIST_N);
      return;
    }

  conn = open_virconn ();
  load.total = (guint) virConnectNumOfDomains (conn) + (guint) virConnectNumOfDefinedDomains (conn);
  virConnectClose (conn);
  g_assert_cmpuint (load.total, >=, LIST_N);

  connection = vw_connection_new (QEMU_URI);
  vw_connection_set_reconnect_delays (connection, 200, 1000);
  load.connection = connection;
  load.domains = vw_connection_get_domains (connection);
  load.pid = libvirtd_pid ();
  g_assert_cmpint (load.pid, >, 0);
  g_signal_connect (load.domains, "items-changed", G_CALLBACK (kill_mid_list), &load);
  g_signal_connect (connection, "notify::status", G_CALLBACK (list_status_changed), &load);
  g_signal_connect (connection, "notify::loading", G_CALLBACK (list_loading_changed), &load);

  start = g_get_monotonic_time ();
  vw_connection_open_async (connection, NULL, NULL, NULL);
  g_assert_true (vw_test_wait_until (list_lost, &load, 20000));
  g_assert_false (load.failed);
  /* Zero: the list came whole, in one go, and there was no moment to
   * kill the daemon in. */
  g_assert_cmpint (load.killed_at, !=, 0);
  child_message ("opened after %.0f ms; killed the daemon with %u of %u machines in the list",
                 (load.opened_at - start) / 1000.0, load.n_at_kill, load.total);
  g_assert_true (load.connected_at_kill);
  g_assert_true (load.loading_at_kill);
  g_assert_cmpuint (load.n_at_kill, >, 0);
  g_assert_cmpuint (load.n_at_kill, <, load.total);

  /* A message at once; the list stops where it was, and says it no longer
   * loads. */
  child_message ("lost %.0f ms after the kill, with %u machines: %s", (load.lost_at - load.killed_at) / 1000.0,
                 load.n_at_loss, vw_connection_get_error_message (connection));
  g_assert_cmpint (vw_connection_get_status (connection), ==, VW_CONNECTION_STATUS_RECONNECTING);
  g_assert_nonnull (vw_connection_get_error_message (connection));
  g_assert_cmpstr (vw_connection_get_error_message (connection), !=, "");
  g_assert_false (vw_connection_get_loading (connection));
  g_assert_cmpuint (load.loading_notified_off, ==, 1);   /* and said so */
  g_assert_cmpuint (load.n_at_loss, <, load.total);
  g_assert_cmpuint (g_list_model_get_n_items (load.domains), ==, load.n_at_loss);
  g_assert_cmpuint (check_list (connection, load.domains), <, LIST_N);
  kept = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < load.n_at_loss; i++)
    g_ptr_array_add (kept, g_list_model_get_item (load.domains, i));
  vw_test_wait_ms (500);
  g_assert_cmpuint (g_list_model_get_n_items (load.domains), ==, load.n_at_loss);
  g_assert_cmpint (vw_connection_get_status (connection), ==, VW_CONNECTION_STATUS_RECONNECTING);

  /* The daemon is back: the connection follows by itself, and the list
   * ends complete, with the same objects for the machines it had. */
  g_assert_true (vw_test_wait_until (gone, NULL, 15000));
  restarted_at = g_get_monotonic_time ();
  start_libvirtd ();
  wait_status (connection, VW_CONNECTION_STATUS_CONNECTED, 30000);
  reconnected_at = g_get_monotonic_time ();
  g_assert_true (vw_test_wait_until (list_complete, &load, 10000));
  child_message ("reconnected %.0f ms after the restart, complete %.0f ms later",
                 (reconnected_at - restarted_at) / 1000.0, (g_get_monotonic_time () - reconnected_at) / 1000.0);
  g_assert_false (load.failed);
  g_assert_false (vw_connection_get_loading (connection));
  g_assert_cmpuint (check_list (connection, load.domains), ==, LIST_N);
  assert_same_as_daemon (connection, load.domains);
  for (guint i = 0; i < kept->len; i++)
    g_assert_true (vw_connection_find_domain (connection, vw_domain_get_name (kept->pdata[i])) == kept->pdata[i]);

  g_signal_handlers_disconnect_by_data (load.domains, &load);
  g_signal_handlers_disconnect_by_data (connection, &load);
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
  g_test_add_func ("/integration/daemon-killed-during-long-list", test_daemon_killed_during_long_list);

  return g_test_run ();
}
