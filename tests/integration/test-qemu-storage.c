/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vw-network-spec.h"
#include "vw-network.h"
#include "vw-pool.h"
#include "vw-snapshot-list.h"
#include "vw-test-ops.h"
#include "vw-test-util.h"
#include "vw-validate.h"

/* Against a real libvirtd with QEMU: a storage pool and its volumes, a NAT
 * network, a network filter and the internal snapshots of a running guest,
 * each changed through the model (checking its virsh line) and torn down
 * again; and changes made by virsh, outside the application (a snapshot of
 * that guest, starting and stopping a network and a pool), with how soon
 * the models show them. Every name starts with PREFIX and the process id,
 * every file is under /var/tmp/vw-it-PID. */

#define QEMU_URI "qemu:///system"
#define PREFIX "vw-it-st-"
#define MIB (G_GUINT64_CONSTANT (1) << 20)
#define OP_TIMEOUT_MS 15000
/* An internal snapshot of a running guest saves its memory, under TCG. */
#define SNAPSHOT_TIMEOUT_MS 60000

static char *base_dir;

static gboolean
keep_awake (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until EXPR holds, for at most TIMEOUT_MS. EXPR is
 * checked after each event dispatched, so that a latency measured around
 * it is exact; the tick only bounds the wait when nothing happens. */
#define WAIT_UNTIL(expr, timeout_ms) \
  G_STMT_START { \
    gint64 deadline_ = g_get_monotonic_time () + (gint64) (timeout_ms) * 1000; \
    guint tick_ = g_timeout_add (20, keep_awake, NULL); \
    while (!(expr) && g_get_monotonic_time () < deadline_) \
      g_main_context_iteration (NULL, TRUE); \
    g_source_remove (tick_); \
    g_assert_true (expr); \
  } G_STMT_END

static char *
name_for (const char *what)
{
  return g_strdup_printf (PREFIX "%d-%s", (int) getpid (), what);
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* ----- Outside the application ----- */

/* Runs a program and returns its output; %NULL when it failed, unless
 * @must is set, which fails the test instead. */
static char *
run (const char * const *argv,
     gboolean            must)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, &error)
      || !g_spawn_check_wait_status (status, &error))
    {
      if (must)
        g_error ("%s %s: %s", argv[0], argv[1], error->message);
      return NULL;
    }
  return g_steal_pointer (&out);
}

/* `virsh ARGS…` for cleaning up, where the object may well not exist. */
static char *
virsh_try (const char *first,
           const char *name,
           const char *extra)
{
  const char *argv[] = { "virsh", "-q", "-c", QEMU_URI, first, name, extra, NULL };

  return run (argv, FALSE);
}

/* Whether @name is PREFIX<pid>-…, made by the run @pid or, when @pid is 0,
 * by a run that is over (its process is gone or is another program). */
static gboolean
is_ours (const char *name,
         const char *prefix,
         int         pid)
{
  g_autofree char *comm_path = NULL;
  g_autofree char *comm = NULL;
  int owner;

  if (!g_str_has_prefix (name, prefix) || (owner = atoi (name + strlen (prefix))) <= 0)
    return FALSE;
  if (pid > 0 || owner == (int) getpid ())
    return owner == pid;
  comm_path = g_strdup_printf ("/proc/%d/comm", owner);
  return !g_file_get_contents (comm_path, &comm, NULL, NULL)
         || !g_str_has_prefix (comm, "test-qemu-stor");
}

/* Removes the guests, networks, pools and filters of the run @pid (0: of
 * every run that is over, with their files) and returns how many. */
static guint
sweep (int pid)
{
  static const char *lists[][3] = {
    { "list", "destroy", "undefine" },
    { "net-list", "net-destroy", "net-undefine" },
    { "pool-list", "pool-destroy", "pool-undefine" },
    { "nwfilter-list", NULL, "nwfilter-undefine" },
  };
  g_autoptr(GDir) dir = g_dir_open ("/var/tmp", 0, NULL);
  const char *entry;
  guint found = 0;

  for (guint k = 0; k < G_N_ELEMENTS (lists); k++)
    {
      /* nwfilter-list has no --name: the name is the last column. */
      g_autofree char *out = k == 3 ? virsh_try (lists[k][0], NULL, NULL)
                                    : virsh_try (lists[k][0], "--all", "--name");
      g_auto(GStrv) lines = g_strsplit (out != NULL ? out : "", "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        {
          char *name = g_strstrip (lines[i]);

          if (strrchr (name, ' ') != NULL)
            name = strrchr (name, ' ') + 1;
          if (!is_ours (name, PREFIX, pid))
            continue;
          found++;
          if (lists[k][1] != NULL)
            g_free (virsh_try (lists[k][1], name, NULL));
          g_free (virsh_try (lists[k][2], name, k == 0 ? "--snapshots-metadata" : NULL));
        }
    }
  while (pid == 0 && dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
    if (is_ours (entry, "vw-it-", 0))
      {
        g_autofree char *path = g_build_filename ("/var/tmp", entry, NULL);

        g_free (run ((const char *[]) { "rm", "-rf", path, NULL }, TRUE));
      }
  return found;
}

/* The internal snapshots in a qcow2 image, as `qemu-img snapshot -l`
 * lists them (-U: the running guest holds the image's lock). */
static char *
image_snapshots (const char *path)
{
  return run ((const char *[]) { "qemu-img", "snapshot", "-U", "-l", path, NULL }, TRUE);
}

/* What the last outside() command was, and when it ended. */
static const char *outside_verb;
static gint64 outside_ended;

/* Runs `virsh VERB NAME [EXTRA]` as another program would, the main loop
 * (and with it the model's events) waiting meanwhile; returns when it
 * started. */
static gint64
outside (const char *verb,
         const char *name,
         const char *extra)
{
  gint64 start = g_get_monotonic_time ();

  g_free (vw_test_run_virsh (QEMU_URI, verb, name, extra, NULL));
  outside_verb = verb;
  outside_ended = g_get_monotonic_time ();
  return start;
}

/* Call once the model shows what outside() did: the time since it started. */
static double
latency (gint64 start)
{
  double ms = ms_since (start);

  g_test_message ("virsh %s: in the model %.0f ms after virsh started, %.0f ms after it ended",
                  outside_verb, ms, ms_since (outside_ended));
  return ms;
}

/* ----- Through the model ----- */

static void
ops_open (VwTestOps *ops)
{
  memset (ops, 0, sizeof *ops);
  ops->log = vw_command_log_new ();
  ops->connection = vw_test_open_connection (QEMU_URI);
  vw_connection_set_command_log (ops->connection, ops->log);
}

/* Waits for the operation begun with vw_test_ops_begin(), checks that it
 * succeeded, and returns the last virsh line recorded. */
static const char *
finish (VwTestOps *ops,
        guint      timeout_ms)
{
  WAIT_UNTIL (ops->done, timeout_ms);
  g_assert_no_error (ops->error);
  return vw_test_ops_n_commands (ops) > 0 ? vw_test_ops_last_command (ops) : NULL;
}

/* As finish(), and the change was recorded as `virsh FORMAT…`. */
static G_GNUC_PRINTF (3, 4) void
expect_line (VwTestOps  *ops,
             guint       timeout_ms,
             const char *format,
             ...)
{
  g_autofree char *expected = NULL;
  va_list args;

  va_start (args, format);
  expected = g_strdup_vprintf (format, args);
  va_end (args);
  g_assert_cmpstr (finish (ops, timeout_ms), ==, expected);
}

/* As finish(), for `virsh VERB FILE`: the file holds what was defined. */
static void
expect_file_line (VwTestOps  *ops,
                  const char *verb,
                  const char *name)
{
  const char *line = finish (ops, OP_TIMEOUT_MS);
  g_autofree char *contents = NULL;

  g_assert_true (g_str_has_prefix (line, verb) && line[strlen (verb)] == ' ');
  g_assert_true (g_file_get_contents (line + strlen (verb) + 1, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, name));
}

/* For reads: keeps the result, for the test to finish it with the API's own
 * _finish function once wait_result() returns it. */
static void
keep_result (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  VwTestOps *ops = user_data;

  ops->result = g_object_ref (result);
  ops->result_free = g_object_unref;
  ops->done = TRUE;
}

static GAsyncResult *
wait_result (VwTestOps *ops)
{
  WAIT_UNTIL (ops->done, OP_TIMEOUT_MS);
  return ops->result;
}

static gboolean
active (gpointer object)
{
  return vw_virt_object_get_active (VW_VIRT_OBJECT (object));
}

static gboolean
autostart (gpointer object)
{
  return vw_virt_object_get_autostart (VW_VIRT_OBJECT (object));
}

static void
run_pool (VwTestOps    *ops,
          VwPool       *pool,
          VwPoolAction  action)
{
  vw_pool_run_async (pool, action, NULL, vw_test_ops_done, vw_test_ops_begin (ops));
}

static void
create_volume (VwTestOps  *ops,
               VwPool     *pool,
               const char *name,
               guint64     capacity,
               const char *format,
               const char *backing)
{
  vw_pool_create_volume_async (pool, name, capacity, format, backing, NULL, vw_test_ops_done,
                               vw_test_ops_begin (ops));
}

/* Defines a dir pool at @path, builds and starts it; returns a reference. */
static VwPool *
pool_up (VwTestOps  *ops,
         const char *name,
         const char *path)
{
  GListModel *pools = vw_connection_get_pools (ops->connection);
  VwPool *pool;

  vw_connection_define_pool_async (ops->connection, name, path, NULL, vw_test_ops_done,
                                   vw_test_ops_begin (ops));
  expect_line (ops, OP_TIMEOUT_MS, "pool-define-as %s dir --target %s", name, path);
  WAIT_UNTIL (vw_test_ops_find (pools, name) != NULL, 5000);
  pool = g_object_ref (vw_test_ops_find (pools, name));
  g_assert_false (active (pool));
  g_assert_false (autostart (pool));
  g_assert_true (vw_virt_object_get_persistent (VW_VIRT_OBJECT (pool)));
  g_assert_cmpstr (vw_pool_get_pool_type (pool), ==, "dir");
  g_assert_cmpstr (vw_pool_get_target (pool), ==, path);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  run_pool (ops, pool, VW_POOL_ACTION_BUILD);
  expect_line (ops, OP_TIMEOUT_MS, "pool-build %s", name);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));

  run_pool (ops, pool, VW_POOL_ACTION_START);
  expect_line (ops, OP_TIMEOUT_MS, "pool-start %s", name);
  WAIT_UNTIL (active (pool) && vw_pool_get_capacity (pool) > 0, 5000);
  g_assert_cmpuint (g_list_model_get_n_items (vw_pool_get_volumes (pool)), ==, 0);
  return pool;
}

static void
delete_volume (VwTestOps  *ops,
               VwPool     *pool,
               const char *name)
{
  VwVolume *volume = vw_pool_find_volume (pool, name);
  g_autofree char *path = g_strdup (vw_volume_get_path (volume));

  vw_volume_delete_async (volume, NULL, vw_test_ops_done, vw_test_ops_begin (ops));
  expect_line (ops, OP_TIMEOUT_MS, "vol-delete %s --pool %s", name, vw_pool_get_name (pool));
  WAIT_UNTIL (vw_pool_find_volume (pool, name) == NULL, 5000);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* Stops and undefines @pool, then removes its directory, which must be empty. */
static void
pool_down (VwTestOps *ops,
           VwPool    *pool)
{
  g_autofree char *name = g_strdup (vw_pool_get_name (pool));
  g_autofree char *path = g_strdup (vw_pool_get_target (pool));

  run_pool (ops, pool, VW_POOL_ACTION_STOP);
  expect_line (ops, OP_TIMEOUT_MS, "pool-destroy %s", name);
  WAIT_UNTIL (!active (pool), 5000);
  g_assert_cmpuint (g_list_model_get_n_items (vw_pool_get_volumes (pool)), ==, 0);
  run_pool (ops, pool, VW_POOL_ACTION_UNDEFINE);
  expect_line (ops, OP_TIMEOUT_MS, "pool-undefine %s", name);
  WAIT_UNTIL (vw_test_ops_find (vw_connection_get_pools (ops->connection), name) == NULL, 5000);
  g_assert_cmpint (g_rmdir (path), ==, 0);
}

/* ----- 1. A dir pool and its volumes ----- */

static void
test_storage (void)
{
  VwTestOps ops;
  g_autofree char *name = name_for ("pool");
  g_autofree char *path = g_build_filename (base_dir, "storage", NULL);
  g_autofree char *stray = g_build_filename (path, "stray.img", NULL);
  g_autofree char *info = NULL;
  g_autofree char *xml = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VwPool) pool = NULL;
  VwVolume *base, *overlay, *disk;
  struct stat st;
  guint n_commands;

  ops_open (&ops);
  pool = pool_up (&ops, name, path);

  run_pool (&ops, pool, VW_POOL_ACTION_AUTOSTART_ENABLE);
  expect_line (&ops, OP_TIMEOUT_MS, "pool-autostart %s", name);
  WAIT_UNTIL (autostart (pool), 5000);
  info = virsh_try ("pool-info", name, NULL);
  g_assert_true (g_regex_match_simple ("Autostart: +yes", info, 0, 0));
  run_pool (&ops, pool, VW_POOL_ACTION_AUTOSTART_DISABLE);
  expect_line (&ops, OP_TIMEOUT_MS, "pool-autostart %s --disable", name);
  WAIT_UNTIL (!autostart (pool), 5000);

  /* A file put there behind libvirt's back shows once the pool is refreshed. */
  g_assert_true (g_file_set_contents (stray, "", 0, NULL));
  g_assert_cmpint (truncate (stray, MIB), ==, 0);
  run_pool (&ops, pool, VW_POOL_ACTION_REFRESH);
  expect_line (&ops, OP_TIMEOUT_MS, "pool-refresh %s", name);
  WAIT_UNTIL (vw_pool_find_volume (pool, "stray.img") != NULL, 5000);
  g_assert_cmpuint (vw_volume_get_capacity (vw_pool_find_volume (pool, "stray.img")), ==, MIB);

  create_volume (&ops, pool, "base.qcow2", 64 * MIB, "qcow2", NULL);
  expect_line (&ops, OP_TIMEOUT_MS, "vol-create-as %s base.qcow2 64M --format qcow2", name);
  WAIT_UNTIL ((base = vw_pool_find_volume (pool, "base.qcow2")) != NULL, 5000);
  g_assert_cmpuint (vw_volume_get_capacity (base), ==, 64 * MIB);
  g_assert_cmpstr (vw_volume_get_format (base), ==, "qcow2");
  g_assert_null (vw_volume_get_backing (base));
  g_assert_true (g_str_has_prefix (vw_volume_get_path (base), path));
  g_assert_true (g_file_test (vw_volume_get_path (base), G_FILE_TEST_IS_REGULAR));

  create_volume (&ops, pool, "overlay.qcow2", 64 * MIB, "qcow2", "base.qcow2");
  expect_line (&ops, OP_TIMEOUT_MS, "vol-create-as %s overlay.qcow2 64M --format qcow2 "
               "--backing-vol base.qcow2 --backing-vol-format qcow2", name);
  WAIT_UNTIL ((overlay = vw_pool_find_volume (pool, "overlay.qcow2")) != NULL, 5000);
  g_assert_cmpstr (vw_volume_get_format (overlay), ==, "qcow2");
  g_assert_cmpstr (vw_volume_get_backing (overlay), ==, vw_volume_get_path (base));

  /* Reading a volume's XML records nothing. */
  n_commands = vw_test_ops_n_commands (&ops);
  vw_volume_get_xml_async (overlay, NULL, keep_result, vw_test_ops_begin (&ops));
  xml = vw_volume_get_xml_finish (wait_result (&ops), &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (xml, "<name>overlay.qcow2</name>"));
  g_assert_nonnull (strstr (xml, "<backingStore>"));
  g_assert_nonnull (strstr (xml, vw_volume_get_path (base)));
  g_assert_cmpuint (vw_test_ops_n_commands (&ops), ==, n_commands);

  create_volume (&ops, pool, "disk.raw", 16 * MIB, "raw", NULL);
  expect_line (&ops, OP_TIMEOUT_MS, "vol-create-as %s disk.raw 16M --format raw", name);
  WAIT_UNTIL ((disk = vw_pool_find_volume (pool, "disk.raw")) != NULL, 5000);
  g_assert_cmpuint (vw_volume_get_capacity (disk), ==, 16 * MIB);

  vw_volume_resize_async (disk, 48 * MIB, NULL, vw_test_ops_done, vw_test_ops_begin (&ops));
  expect_line (&ops, OP_TIMEOUT_MS, "vol-resize disk.raw 48M --pool %s", name);
  WAIT_UNTIL (vw_volume_get_capacity (disk) == 48 * MIB, 5000);
  g_assert_cmpint (g_stat (vw_volume_get_path (disk), &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, 48 * MIB);

  /* Shrinking is refused before libvirt is asked, and records nothing. */
  n_commands = vw_test_ops_n_commands (&ops);
  vw_volume_resize_async (disk, 8 * MIB, NULL, vw_test_ops_done, vw_test_ops_begin (&ops));
  WAIT_UNTIL (ops.done, OP_TIMEOUT_MS);
  g_assert_error (ops.error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_RANGE);
  g_assert_cmpuint (vw_test_ops_n_commands (&ops), ==, n_commands);
  g_assert_cmpuint (vw_volume_get_capacity (disk), ==, 48 * MIB);

  /* The overlay before the image it depends on. */
  delete_volume (&ops, pool, "overlay.qcow2");
  delete_volume (&ops, pool, "base.qcow2");
  delete_volume (&ops, pool, "disk.raw");
  delete_volume (&ops, pool, "stray.img");

  pool_down (&ops, pool);
  vw_test_ops_teardown (&ops, NULL);
}

/* ----- 2. A NAT network with DHCP ----- */

/* A NAT network on a 10.254.X.0/24 that no libvirt network uses, X from
 * the process id, with a DHCP range; its XML. */
static char *
nat_network_xml (GListModel *networks,
                 const char *name)
{
  g_autofree char *prefix = NULL;
  g_autofree char *address = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autoptr(GError) error = NULL;
  char *xml;

  for (guint i = 0; prefix == NULL; i++)
    {
      g_assert_cmpuint (i, <, 200);
      prefix = g_strdup_printf ("10.254.%u.", ((guint) getpid () + i) % 200);
      for (guint n = 0; n < g_list_model_get_n_items (networks) && prefix != NULL; n++)
        {
          g_autoptr(VwNetwork) network = g_list_model_get_item (networks, n);
          const char *other = vw_network_get_address (network);

          if (other != NULL && g_str_has_prefix (other, prefix))
            g_clear_pointer (&prefix, g_free);
        }
    }
  g_test_message ("network %s on %s0/24", name, prefix);
  address = g_strconcat (prefix, "1", NULL);
  start = g_strconcat (prefix, "100", NULL);
  end = g_strconcat (prefix, "199", NULL);
  xml = vw_network_spec_to_xml (&(VwNetworkSpec) { name, "nat", address, 24, start, end }, &error);
  g_assert_no_error (error);
  return xml;
}

static void
test_nat_network (void)
{
  VwTestOps ops;
  g_autofree char *name = name_for ("net");
  g_autofree char *xml = NULL;
  g_autofree char *sysfs = NULL;
  g_autoptr(GPtrArray) leases = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VwNetwork) network = NULL;
  GListModel *networks;

  ops_open (&ops);
  networks = vw_connection_get_networks (ops.connection);
  xml = nat_network_xml (networks, name);

  vw_connection_define_network_async (ops.connection, xml, NULL, vw_test_ops_done,
                                      vw_test_ops_begin (&ops));
  expect_file_line (&ops, "net-define", name);
  WAIT_UNTIL (vw_test_ops_find (networks, name) != NULL, 5000);
  network = g_object_ref (vw_test_ops_find (networks, name));
  g_assert_false (active (network));
  g_assert_true (vw_virt_object_get_persistent (VW_VIRT_OBJECT (network)));
  g_assert_cmpstr (vw_network_get_forward_mode (network), ==, "nat");
  g_assert_true (g_str_has_prefix (vw_network_get_address (network), "10.254."));
  g_assert_cmpuint (vw_network_get_prefix (network), ==, 24);
  g_assert_true (g_str_has_suffix (vw_network_get_dhcp_start (network), ".100"));
  g_assert_true (g_str_has_suffix (vw_network_get_dhcp_end (network), ".199"));

  vw_network_start_async (network, NULL, vw_test_ops_done, vw_test_ops_begin (&ops));
  expect_line (&ops, OP_TIMEOUT_MS, "net-start %s", name);
  WAIT_UNTIL (active (network) && vw_network_get_bridge (network) != NULL, 5000);
  /* Its bridge is there on the host while it runs. */
  sysfs = g_build_filename ("/sys/class/net", vw_network_get_bridge (network), NULL);
  g_assert_true (g_file_test (sysfs, G_FILE_TEST_EXISTS));

  vw_network_set_autostart_async (network, TRUE, NULL, vw_test_ops_done, vw_test_ops_begin (&ops));
  expect_line (&ops, OP_TIMEOUT_MS, "net-autostart %s", name);
  WAIT_UNTIL (autostart (network), 5000);
  vw_network_set_autostart_async (network, FALSE, NULL, vw_test_ops_done, vw_test_ops_begin (&ops));
  expect_line (&ops, OP_TIMEOUT_MS, "net-autostart %s --disable", name);
  WAIT_UNTIL (!autostart (network), 5000);

  /* No guest is on it: dnsmasq has given no lease, and that is no error. */
  vw_network_get_leases_async (network, NULL, keep_result, vw_test_ops_begin (&ops));
  leases = vw_virt_object_op_finish_pointer (VW_VIRT_OBJECT (network), wait_result (&ops), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (leases->len, ==, 0);

  vw_network_stop_async (network, NULL, vw_test_ops_done, vw_test_ops_begin (&ops));
  expect_line (&ops, OP_TIMEOUT_MS, "net-destroy %s", name);
  WAIT_UNTIL (!active (network), 5000);
  g_assert_false (g_file_test (sysfs, G_FILE_TEST_EXISTS));

  vw_network_undefine_async (network, NULL, vw_test_ops_done, vw_test_ops_begin (&ops));
  expect_line (&ops, OP_TIMEOUT_MS, "net-undefine %s", name);
  WAIT_UNTIL (vw_test_ops_find (networks, name) == NULL, 5000);

  vw_test_ops_teardown (&ops, NULL);
}

/* ----- 3. Network filters ----- */

static void
test_filter (void)
{
  VwTestOps ops;
  g_autofree char *name = name_for ("filter");
  g_autofree char *xml = NULL;
  g_auto(GStrv) names = NULL;
  g_autoptr(GError) error = NULL;

  /* One rule: drop what a guest sends from a MAC address not its own. */
  xml = g_markup_printf_escaped ("<filter name='%s' chain='root'>"
                                 "<rule action='drop' direction='out' priority='500'>"
                                 "<mac match='no' srcmacaddr='$MAC'/></rule></filter>", name);

  ops_open (&ops);

  vw_connection_define_filter_async (ops.connection, xml, NULL, vw_test_ops_done,
                                     vw_test_ops_begin (&ops));
  expect_file_line (&ops, "nwfilter-define", name);

  vw_connection_list_filters_async (ops.connection, NULL, keep_result, vw_test_ops_begin (&ops));
  names = vw_connection_list_filters_finish (ops.connection, wait_result (&ops), &error);
  g_assert_no_error (error);
  g_assert_true (g_strv_contains ((const char * const *) names, name));
  g_assert_true (g_strv_contains ((const char * const *) names, "clean-traffic"));

  vw_connection_get_filter_xml_async (ops.connection, name, NULL, keep_result,
                                      vw_test_ops_begin (&ops));
  g_free (xml);
  xml = vw_connection_get_filter_xml_finish (ops.connection, wait_result (&ops), &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (xml, name));
  g_assert_nonnull (strstr (xml, "srcmacaddr='$MAC'"));

  vw_connection_undefine_filter_async (ops.connection, name, NULL, vw_test_ops_done,
                                       vw_test_ops_begin (&ops));
  expect_line (&ops, OP_TIMEOUT_MS, "nwfilter-undefine %s", name);

  vw_connection_list_filters_async (ops.connection, NULL, keep_result, vw_test_ops_begin (&ops));
  g_strfreev (names);
  names = vw_connection_list_filters_finish (ops.connection, wait_result (&ops), &error);
  g_assert_no_error (error);
  g_assert_false (g_strv_contains ((const char * const *) names, name));

  vw_test_ops_teardown (&ops, NULL);
}

/* ----- 4. Internal snapshots of a running guest ----- */

/* A guest with one qcow2 disk under software emulation, and no network. */
static char *
guest_xml (const char *name,
           const char *disk)
{
  return g_markup_printf_escaped ("<domain type='qemu'><name>%s</name>"
                                  "<memory unit='MiB'>64</memory><vcpu>1</vcpu>"
                                  "<os><type arch='x86_64'>hvm</type></os><devices>"
                                  "<disk type='file' device='disk'>"
                                  "<driver name='qemu' type='qcow2'/><source file='%s'/>"
                                  "<target dev='vda' bus='virtio'/></disk>"
                                  "<graphics type='vnc' autoport='yes' listen='127.0.0.1'/>"
                                  "</devices></domain>", name, disk);
}

/* Whether the list reads "name:depth[*] …", with * for the current one. */
static gboolean
described_as (VwSnapshotList *list,
              const char     *expected)
{
  GListModel *model = vw_snapshot_list_get_model (list);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(VwSnapshot) snapshot = g_list_model_get_item (model, i);

      g_string_append_printf (text, "%s%s:%u%s", i > 0 ? " " : "", vw_snapshot_get_name (snapshot),
                              vw_snapshot_get_depth (snapshot),
                              vw_snapshot_get_current (snapshot) ? "*" : "");
    }
  return g_str_equal (text->str, expected);
}

static void
test_snapshots (void)
{
  VwTestOps ops;
  g_autofree char *pool_name = name_for ("guest-pool");
  g_autofree char *path = g_build_filename (base_dir, "guest", NULL);
  g_autofree char *name = name_for ("guest");
  g_autofree char *image = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *listed = NULL;
  g_autofree char *in_image = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VwPool) pool = NULL;
  g_autoptr(VwDomain) domain = NULL;
  g_autoptr(VwSnapshotList) list = NULL;
  VwSnapshot *s1;
  gint64 start;

  ops_open (&ops);
  pool = pool_up (&ops, pool_name, path);
  create_volume (&ops, pool, "disk.qcow2", 64 * MIB, "qcow2", NULL);
  expect_line (&ops, OP_TIMEOUT_MS, "vol-create-as %s disk.qcow2 64M --format qcow2", pool_name);
  WAIT_UNTIL (vw_pool_find_volume (pool, "disk.qcow2") != NULL, 5000);
  image = g_strdup (vw_volume_get_path (vw_pool_find_volume (pool, "disk.qcow2")));

  xml = guest_xml (name, image);
  vw_connection_define_domain_async (ops.connection, xml, NULL, vw_test_ops_done,
                                     vw_test_ops_begin (&ops));
  expect_file_line (&ops, "define", name);
  WAIT_UNTIL (vw_connection_find_domain (ops.connection, name) != NULL, 5000);
  domain = g_object_ref (vw_connection_find_domain (ops.connection, name));
  g_assert_cmpint (vw_domain_get_state (domain), ==, VW_DOMAIN_STATE_SHUTOFF);

  vw_domain_run_async (domain, VW_DOMAIN_ACTION_START, NULL, vw_test_ops_done,
                       vw_test_ops_begin (&ops));
  expect_line (&ops, OP_TIMEOUT_MS, "start %s", name);
  WAIT_UNTIL (vw_domain_get_state (domain) == VW_DOMAIN_STATE_RUNNING, 10000);

  list = vw_snapshot_list_new (domain);
  WAIT_UNTIL (vw_snapshot_list_get_loaded (list), 5000);
  g_assert_null (vw_snapshot_list_get_error (list));
  g_assert_cmpuint (g_list_model_get_n_items (vw_snapshot_list_get_model (list)), ==, 0);

  start = g_get_monotonic_time ();
  vw_domain_create_snapshot_async (domain, "s1", "before the change", NULL, vw_test_ops_done,
                                   vw_test_ops_begin (&ops));
  expect_line (&ops, SNAPSHOT_TIMEOUT_MS,
               "snapshot-create-as %s s1 --description before the change", name);
  WAIT_UNTIL (described_as (list, "s1:0*"), 5000);
  g_test_message ("snapshot s1 of the running guest, in the list: %.0f ms", ms_since (start));
  s1 = vw_snapshot_list_find (list, "s1");
  g_assert_cmpstr (vw_snapshot_get_description (s1), ==, "before the change");
  g_assert_cmpstr (vw_snapshot_get_state (s1), ==, "running");
  g_assert_false (vw_snapshot_get_external (s1));
  g_assert_null (vw_snapshot_get_parent (s1));
  WAIT_UNTIL (vw_domain_get_state (domain) == VW_DOMAIN_STATE_RUNNING, 5000);
  /* Internal: in the disk image itself, with the guest's memory. */
  in_image = image_snapshots (image);
  g_assert_nonnull (strstr (in_image, " s1 "));
  g_clear_pointer (&in_image, g_free);

  vw_domain_get_snapshot_xml_async (domain, "s1", NULL, keep_result, vw_test_ops_begin (&ops));
  g_free (xml);
  xml = vw_domain_get_xml_finish (domain, wait_result (&ops), &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (xml, "<description>before the change</description>"));
  g_assert_nonnull (strstr (xml, "<state>running</state>"));
  g_assert_nonnull (strstr (xml, "<memory snapshot='internal'/>"));

  vw_domain_create_snapshot_async (domain, "s2", NULL, NULL, vw_test_ops_done,
                                   vw_test_ops_begin (&ops));
  expect_line (&ops, SNAPSHOT_TIMEOUT_MS, "snapshot-create-as %s s2", name);
  WAIT_UNTIL (described_as (list, "s1:0 s2:1*"), 5000);
  g_assert_cmpstr (vw_snapshot_get_parent (vw_snapshot_list_find (list, "s2")), ==, "s1");
  g_assert_cmpuint (vw_snapshot_get_n_children (vw_snapshot_list_find (list, "s1")), ==, 1);

  /* One taken outside shows too: libvirt has no snapshot events, but the
   * list follows the domain's, and an internal snapshot pauses the guest. */
  start = outside ("snapshot-create-as", name, "s3");
  WAIT_UNTIL (vw_snapshot_list_find (list, "s3") != NULL, SNAPSHOT_TIMEOUT_MS);
  latency (start);

  start = g_get_monotonic_time ();
  vw_domain_revert_snapshot_async (domain, "s1", NULL, vw_test_ops_done, vw_test_ops_begin (&ops));
  expect_line (&ops, SNAPSHOT_TIMEOUT_MS, "snapshot-revert %s s1", name);
  WAIT_UNTIL (described_as (list, "s1:0* s2:1 s3:2")
              && vw_domain_get_state (domain) == VW_DOMAIN_STATE_RUNNING, 10000);
  g_test_message ("revert to s1, running again: %.0f ms", ms_since (start));

  vw_domain_delete_snapshot_async (domain, "s1", TRUE, NULL, vw_test_ops_done,
                                   vw_test_ops_begin (&ops));
  expect_line (&ops, SNAPSHOT_TIMEOUT_MS, "snapshot-delete %s s1 --children", name);
  WAIT_UNTIL (g_list_model_get_n_items (vw_snapshot_list_get_model (list)) == 0, 5000);
  listed = virsh_try ("snapshot-list", name, "--name");
  g_assert_cmpstr (g_strstrip (listed), ==, "");
  in_image = image_snapshots (image);
  g_assert_null (strstr (in_image, " s1 "));
  g_assert_null (strstr (in_image, " s3 "));

  vw_domain_run_async (domain, VW_DOMAIN_ACTION_DESTROY, NULL, vw_test_ops_done,
                       vw_test_ops_begin (&ops));
  expect_line (&ops, OP_TIMEOUT_MS, "destroy %s", name);
  WAIT_UNTIL (vw_domain_get_state (domain) == VW_DOMAIN_STATE_SHUTOFF, 5000);
  vw_domain_undefine_async (domain, 0, NULL, vw_test_ops_done, vw_test_ops_begin (&ops));
  expect_line (&ops, OP_TIMEOUT_MS, "undefine %s", name);
  WAIT_UNTIL (vw_connection_find_domain (ops.connection, name) == NULL, 5000);

  delete_volume (&ops, pool, "disk.qcow2");
  pool_down (&ops, pool);
  vw_test_ops_teardown (&ops, NULL);
}

/* ----- 5. Changes made outside the application ----- */

static void
test_outside_events (void)
{
  g_autoptr(VwConnection) connection = vw_test_open_connection (QEMU_URI);
  GListModel *networks = vw_connection_get_networks (connection);
  GListModel *pools = vw_connection_get_pools (connection);
  g_autofree char *net_name = name_for ("ev-net");
  g_autofree char *pool_name = name_for ("ev-pool");
  g_autofree char *net_file = g_build_filename (base_dir, "ev-net.xml", NULL);
  g_autofree char *pool_path = g_build_filename (base_dir, "ev-pool", NULL);
  g_autofree char *net_xml = nat_network_xml (networks, net_name);
  VwNetwork *network;
  VwPool *pool;
  gint64 start;

  g_assert_true (g_file_set_contents (net_file, net_xml, -1, NULL));
  g_free (vw_test_run_virsh (QEMU_URI, "net-define", net_file, NULL));
  WAIT_UNTIL ((network = vw_test_ops_find (networks, net_name)) != NULL, 5000);
  g_free (vw_test_run_virsh (QEMU_URI, "pool-define-as", pool_name, "dir", "--target", pool_path,
                             NULL));
  g_free (vw_test_run_virsh (QEMU_URI, "pool-build", pool_name, NULL));
  WAIT_UNTIL ((pool = vw_test_ops_find (pools, pool_name)) != NULL, 5000);

  start = outside ("net-start", net_name, NULL);
  WAIT_UNTIL (active (network), 5000);
  g_assert_cmpfloat (latency (start), <, 1000);
  start = outside ("net-destroy", net_name, NULL);
  WAIT_UNTIL (!active (network), 5000);
  g_assert_cmpfloat (latency (start), <, 1000);

  start = outside ("pool-start", pool_name, NULL);
  WAIT_UNTIL (active (pool), 5000);
  g_assert_cmpfloat (latency (start), <, 1000);
  start = outside ("pool-destroy", pool_name, NULL);
  WAIT_UNTIL (!active (pool), 5000);
  g_assert_cmpfloat (latency (start), <, 1000);

  g_free (vw_test_run_virsh (QEMU_URI, "net-undefine", net_name, NULL));
  WAIT_UNTIL (vw_test_ops_find (networks, net_name) == NULL, 5000);
  g_free (vw_test_run_virsh (QEMU_URI, "pool-undefine", pool_name, NULL));
  WAIT_UNTIL (vw_test_ops_find (pools, pool_name) == NULL, 5000);
  g_assert_cmpint (g_rmdir (pool_path), ==, 0);
  g_assert_cmpint (g_unlink (net_file), ==, 0);
}

/* ----- Nothing is left behind ----- */

static void
test_nothing_left (void)
{
  g_autoptr(GDir) dir = g_dir_open (base_dir, 0, NULL);

  g_assert_cmpuint (sweep (getpid ()), ==, 0);
  g_assert_nonnull (dir);
  g_assert_null (g_dir_read_name (dir));
}

int
main (int   argc,
      char *argv[])
{
  int result;

  vw_test_init (&argc, &argv);

  if (!vw_test_require_libvirtd ())
    return 77;

  /* What a crashed run left: its guests, networks, pools, filter and files. */
  if (sweep (0) > 0)
    g_test_message ("removed what an earlier run left");
  base_dir = g_strdup_printf ("/var/tmp/vw-it-%d", (int) getpid ());
  g_assert_cmpint (g_mkdir_with_parents (base_dir, 0755), ==, 0);

  g_test_add_func ("/integration/storage/pool-and-volumes", test_storage);
  g_test_add_func ("/integration/storage/nat-network", test_nat_network);
  g_test_add_func ("/integration/storage/filter", test_filter);
  g_test_add_func ("/integration/storage/snapshots-running-guest", test_snapshots);
  g_test_add_func ("/integration/storage/outside-events", test_outside_events);
  g_test_add_func ("/integration/storage/nothing-left", test_nothing_left);

  result = g_test_run ();
  g_free (run ((const char *[]) { "rm", "-rf", base_dir, NULL }, TRUE));
  g_free (base_dir);
  return result;
}
