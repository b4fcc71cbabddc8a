/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/wait.h>

#include "vw-connection-private.h"
#include "vw-domain.h"
#include "vw-file.h"
#include "vw-network.h"
#include "vw-network-spec.h"
#include "vw-pool.h"
#include "vw-sandbox-store.h"
#include "vw-sandbox.h"
#include "vw-shell.h"
#include "vw-test-ops.h"
#include "vw-test-util.h"
#include "vw-virt.h"

/* The sandbox lab survives restarts and crashes, and the virsh lines the
 * app records really do what the app did: replayed by the real virsh on a
 * fresh copy of the same lab, they give the same XML for every object. */

static char *test_dir;

static char *
fresh_copy (const char *name)
{
  g_autofree char *shipped = vw_sandbox_get_shipped_path ();
  g_autofree char *contents = NULL;
  char *path = g_build_filename (test_dir, name, NULL);
  gsize length;

  g_assert_true (g_file_get_contents (shipped, &contents, &length, NULL));
  g_assert_true (vw_file_write_atomic (path, contents, (gssize) length, NULL));
  return path;
}

typedef struct
{
  gboolean done;
  GError *error;
} Op;

static void
op_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Op *op = user_data;

  if (VW_IS_DOMAIN (object))
    vw_domain_op_finish (VW_DOMAIN (object), result, &op->error);
  else if (VW_IS_VIRT_OBJECT (object))
    vw_virt_object_op_finish (VW_VIRT_OBJECT (object), result, &op->error);
  else if (VW_IS_CONNECTION (object))
    vw_connection_op_finish (VW_CONNECTION (object), result, &op->error);
  else
    vw_sandbox_store_save_finish (VW_SANDBOX_STORE (object), result, &op->error);
  op->done = TRUE;
}

static gboolean
op_is_done (gpointer data)
{
  return ((Op *) data)->done;
}

static gboolean
in_model (gpointer data)
{
  gpointer *args = data;

  return vw_test_ops_find (args[0], args[1]) != NULL;
}

static gboolean
has_base_volume (gpointer data)
{
  return vw_pool_find_volume (data, "base.qcow2") != NULL;
}

static void
finish (Op *op)
{
  g_assert_true (vw_test_wait_until (op_is_done, op, 5000));
  g_assert_no_error (op->error);
  vw_test_wait_ms (50);
  op->done = FALSE;
}

static VwDomain *
find (VwConnection *connection,
      const char   *name)
{
  VwDomain *domain = vw_connection_find_domain (connection, name);

  g_assert_nonnull (domain);
  return domain;
}

static gpointer
find_item (GListModel *model,
           const char *name)
{
  gpointer args[] = { model, (gpointer) name };

  /* A model reads a new object after the operation that made it ends. */
  g_assert_true (vw_test_wait_until (in_model, args, 5000));
  return vw_test_ops_find (model, name);
}

/* The pages of part 2: snapshots, pools, volumes, networks. */
static void
work_on_storage_and_networks (VwConnection *connection)
{
  Op op = { FALSE, NULL };
  VwNetworkSpec spec = { "backnet", "nat", "192.168.77.1", 24, "192.168.77.10", "192.168.77.50" };
  g_autofree char *net_xml = vw_network_spec_to_xml (&spec, NULL);
  VwPool *images;

  vw_domain_create_snapshot_async (find (connection, "web01"), "tls-on", "After enabling TLS", NULL, op_done, &op);
  finish (&op);
  vw_domain_create_snapshot_async (find (connection, "builder"), "clean", NULL, NULL, op_done, &op);
  finish (&op);
  vw_domain_delete_snapshot_async (find (connection, "db01"), "before-upgrade", FALSE, NULL, op_done, &op);
  finish (&op);

  vw_connection_define_network_async (connection, net_xml, NULL, op_done, &op);
  finish (&op);
  vw_network_start_async (find_item (vw_connection_get_networks (connection), "backnet"), NULL, op_done, &op);
  finish (&op);
  vw_network_set_autostart_async (find_item (vw_connection_get_networks (connection), "backnet"), TRUE,
                                  NULL, op_done, &op);
  finish (&op);
  vw_network_stop_async (find_item (vw_connection_get_networks (connection), "labnet"), NULL, op_done, &op);
  finish (&op);

  vw_connection_define_pool_async (connection, "scratch", "/srv/scratch", NULL, op_done, &op);
  finish (&op);
  vw_pool_run_async (find_item (vw_connection_get_pools (connection), "scratch"), VW_POOL_ACTION_START,
                     NULL, op_done, &op);
  finish (&op);
  vw_pool_create_volume_async (find_item (vw_connection_get_pools (connection), "scratch"), "data.raw",
                               G_GUINT64_CONSTANT (2) << 30, "raw", NULL, NULL, op_done, &op);
  finish (&op);
  images = find_item (vw_connection_get_pools (connection), "default");
  vw_pool_create_volume_async (images, "base.qcow2", G_GUINT64_CONSTANT (8) << 30, "qcow2", NULL, NULL, op_done, &op);
  finish (&op);
  /* The pool's list reads the new volume after the operation ends; the
   * backing volume is looked up in that list. */
  g_assert_true (vw_test_wait_until (has_base_volume, images, 5000));
  vw_pool_create_volume_async (images, "web02.qcow2", G_GUINT64_CONSTANT (8) << 30, "qcow2", "base.qcow2",
                               NULL, op_done, &op);
  finish (&op);
  vw_volume_delete_async (vw_pool_find_volume (images, "db01-data.raw"), NULL, op_done, &op);
  finish (&op);
}

/* A spread of changes through the models: the lab as a learner leaves it. */
static void
work_on_lab (VwConnection *connection,
             const char   *save_path)
{
  Op op = { FALSE, NULL };
  const char *scratch = "<domain type='test'><name>scratch</name>"
                        "<uuid>0a0b0c0d-1111-4222-8333-944455556666</uuid>"
                        "<memory unit='MiB'>128</memory><vcpu>1</vcpu>"
                        "<os><type arch='x86_64'>hvm</type></os></domain>";

  vw_domain_run_async (find (connection, "db01"), VW_DOMAIN_ACTION_START, NULL, op_done, &op);
  finish (&op);
  vw_domain_run_async (find (connection, "web01"), VW_DOMAIN_ACTION_SUSPEND, NULL, op_done, &op);
  finish (&op);
  vw_domain_run_async (find (connection, "builder"), VW_DOMAIN_ACTION_AUTOSTART_ENABLE, NULL, op_done, &op);
  finish (&op);
  vw_domain_run_async (find (connection, "client01"), VW_DOMAIN_ACTION_MANAGED_SAVE, NULL, op_done, &op);
  finish (&op);
  vw_domain_set_memory_async (find (connection, "db01"), 2 * 1024 * 1024, FALSE, VW_CHANGE_LIVE, NULL, op_done, &op);
  finish (&op);
  vw_domain_set_memory_async (find (connection, "db01"), 3 * 1024 * 1024, FALSE, VW_CHANGE_CONFIG, NULL, op_done, &op);
  finish (&op);
  vw_domain_set_vcpus_async (find (connection, "builder"), 2, FALSE, VW_CHANGE_CONFIG, NULL, op_done, &op);
  finish (&op);
  vw_domain_clone_async (find (connection, "builder"), "builder2", NULL, op_done, &op);
  finish (&op);
  vw_connection_define_domain_async (connection, scratch, NULL, op_done, &op);
  finish (&op);
  vw_domain_run_async (find (connection, "router"), VW_DOMAIN_ACTION_DESTROY, NULL, op_done, &op);
  finish (&op);
  vw_domain_undefine_async (find (connection, "router"), VW_UNDEFINE_REMOVE_STORAGE, NULL, op_done, &op);
  finish (&op);
  vw_domain_run_async (find (connection, "db01"), VW_DOMAIN_ACTION_REBOOT, NULL, op_done, &op);
  finish (&op);
  work_on_storage_and_networks (connection);
  if (save_path != NULL)
    {
      vw_domain_save_async (find (connection, "db01"), save_path, NULL, op_done, &op);
      finish (&op);
      vw_connection_restore_async (connection, save_path, NULL, op_done, &op);
      finish (&op);
    }
}

/* ----- Replay with the real virsh ----- */

typedef struct
{
  GHashTable *xml;   /* "domain:web01" → XML, … */
} LabState;

static char *
strip_ids (const char *xml)
{
  /* Domain ids depend on how many starts a driver has seen; the rest must
   * match exactly. */
  g_autoptr(GRegex) id = g_regex_new (" id='[0-9]+'", 0, 0, NULL);
  /* So do the UUIDs and MAC addresses libvirt makes up for a new network
   * or pool, and a snapshot's time. */
  g_autoptr(GRegex) made_up = g_regex_new ("(<(?:network|pool)[^>]*>\\s*<name>[^<]*</name>)\\s*<uuid>[^<]*</uuid>"
                                           "|<creationTime>[0-9]+</creationTime>", 0, 0, NULL);
  g_autoptr(GRegex) mac = g_regex_new ("(<network[^>]*>.*)<mac address='[^']*'/>", G_REGEX_DOTALL, 0, NULL);
  g_autofree char *no_ids = g_regex_replace_literal (id, xml, -1, 0, "", 0, NULL);
  g_autofree char *no_made_up = g_regex_replace (made_up, no_ids, -1, 0, "\\1", 0, NULL);

  return g_regex_replace (mac, no_made_up, -1, 0, "\\1", 0, NULL);
}

static void
add (GHashTable *table,
     const char *kind,
     const char *name,
     char       *xml)
{
  g_hash_table_insert (table, g_strdup_printf ("%s:%s", kind, name), strip_ids (xml != NULL ? xml : "(none)"));
  free (xml);
}

/* Every object's XML through the app's own connection. */
static GHashTable *
app_state (VwConnection *connection)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  virConnectPtr conn = vw_connection_ref_virconn (connection);
  virDomainPtr *doms = NULL;
  virNetworkPtr *nets = NULL;
  virStoragePoolPtr *pools = NULL;
  int n;

  n = virConnectListAllDomains (conn, &doms, 0);
  for (int i = 0; i < n; i++)
    {
      int state, reason;

      virDomainSnapshotPtr *snaps = NULL;
      int m = virDomainListAllSnapshots (doms[i], &snaps, 0);

      add (table, "domain", virDomainGetName (doms[i]), virDomainGetXMLDesc (doms[i], 0));
      for (int j = 0; j < m; j++)
        {
          g_autofree char *key = g_strdup_printf ("%s/%s", virDomainGetName (doms[i]),
                                                  virDomainSnapshotGetName (snaps[j]));

          add (table, "snapshot", key, virDomainSnapshotGetXMLDesc (snaps[j], 0));
          virDomainSnapshotFree (snaps[j]);
        }
      free (snaps);
      virDomainGetState (doms[i], &state, &reason, 0);
      g_hash_table_insert (table, g_strdup_printf ("state:%s", virDomainGetName (doms[i])),
                           g_strdup_printf ("%d", state));
      virDomainFree (doms[i]);
    }
  free (doms);
  n = virConnectListAllNetworks (conn, &nets, 0);
  for (int i = 0; i < n; i++)
    {
      add (table, "network", virNetworkGetName (nets[i]), virNetworkGetXMLDesc (nets[i], 0));
      virNetworkFree (nets[i]);
    }
  free (nets);
  n = virConnectListAllStoragePools (conn, &pools, 0);
  for (int i = 0; i < n; i++)
    {
      virStorageVolPtr *vols = NULL;
      int m = virStoragePoolListAllVolumes (pools[i], &vols, 0);

      add (table, "pool", virStoragePoolGetName (pools[i]), virStoragePoolGetXMLDesc (pools[i], 0));
      for (int j = 0; j < m; j++)
        {
          g_autofree char *key = g_strdup_printf ("%s/%s", virStoragePoolGetName (pools[i]),
                                                  virStorageVolGetName (vols[j]));

          add (table, "volume", key, virStorageVolGetXMLDesc (vols[j], 0));
          virStorageVolFree (vols[j]);
        }
      free (vols);
      virStoragePoolFree (pools[i]);
    }
  free (pools);
  virConnectClose (conn);
  return table;
}

typedef struct
{
  GSubprocess *virsh;
  char *out;
  char *err;
  GError *error;
  gboolean done;
  guint timeout_id;
} Communicated;

static void
communicated (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Communicated *c = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &c->out, &c->err, &c->error);
  if (c->error == NULL && !g_subprocess_get_if_exited (G_SUBPROCESS (object)))
    c->error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "stopped after 10 s");
  c->done = TRUE;
}

static gboolean
stop_virsh (gpointer data)
{
  Communicated *c = data;

  c->timeout_id = 0;
  g_subprocess_force_exit (c->virsh);
  return G_SOURCE_REMOVE;
}

/* The same, from one real virsh session that first replays @log. */
static GHashTable *
virsh_state (const char   *uri,
             VwCommandLog *log,
             GHashTable   *expected)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GString) input = g_string_new (NULL);
  g_autoptr(GList) keys = g_hash_table_get_keys (expected);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) sections = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *virsh;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (log)); i++)
    {
      g_autoptr(VwCommand) command = g_list_model_get_item (G_LIST_MODEL (log), i);
      g_autofree char *line = vw_shell_join (vw_command_get_args (command));

      g_assert_cmpstr (vw_command_get_uri (command), ==, uri);
      g_string_append_printf (input, "%s\n", line);
    }

  for (GList *l = keys; l != NULL; l = l->next)
    {
      const char *key = l->data;
      const char *name = strchr (key, ':') + 1;
      g_autofree char *quoted = vw_shell_quote (name);

      g_string_append_printf (input, "echo @@@%s@@@\n", key);
      if (g_str_has_prefix (key, "domain:"))
        g_string_append_printf (input, "dumpxml %s\n", quoted);
      else if (g_str_has_prefix (key, "state:"))
        g_string_append_printf (input, "domstate %s\n", quoted);
      else if (g_str_has_prefix (key, "network:"))
        g_string_append_printf (input, "net-dumpxml %s\n", quoted);
      else if (g_str_has_prefix (key, "pool:"))
        g_string_append_printf (input, "pool-dumpxml %s\n", quoted);
      else
        {
          g_auto(GStrv) parts = g_strsplit (name, "/", 2);

          if (g_str_has_prefix (key, "snapshot:"))
            g_string_append_printf (input, "snapshot-dumpxml %s %s\n", parts[0], parts[1]);
          else
            g_string_append_printf (input, "vol-dumpxml %s --pool %s\n", parts[1], parts[0]);
        }
    }

  /* One virsh process, so one connection: the test driver's state lives as
   * long as the connection. Commands go in one argument, a line each.
   * virsh 9.0 now and then never returns from a job it watches (save,
   * managedsave) when the machine is busy: such a run is stopped and made
   * again, which is safe since each starts from the unchanged node file. */
  for (guint attempt = 1; out == NULL; attempt++)
    {
      Communicated result = { NULL, NULL, NULL, NULL, FALSE, 0 };

      virsh = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                                "virsh", "-q", "-c", uri, input->str, NULL);
      g_assert_no_error (error);
      result.virsh = virsh;
      g_subprocess_communicate_utf8_async (virsh, NULL, NULL, communicated, &result);
      result.timeout_id = g_timeout_add_seconds (10, stop_virsh, &result);
      while (!result.done)
        g_main_context_iteration (NULL, TRUE);
      g_clear_handle_id (&result.timeout_id, g_source_remove);
      g_object_unref (virsh);
      if (result.error == NULL)
        {
          out = result.out;
          err = result.err;
          break;
        }
      g_test_message ("virsh stalled (attempt %u): %s", attempt, result.error->message);
      g_assert_cmpuint (attempt, <, 3);
      g_clear_error (&result.error);
      g_free (result.out);
      g_free (result.err);
    }
  g_assert_cmpstr (err, ==, "");

  /* "@@@domain:web01@@@<domain …>…@@@state:web01@@@running…" */
  sections = g_strsplit (out, "@@@", -1);
  for (guint i = 1; sections[i] != NULL && sections[i + 1] != NULL; i += 2)
    {
      const char *key = sections[i];
      g_autofree char *body = g_strdup (sections[i + 1]);

      g_strstrip (body);
      if (g_str_has_prefix (key, "state:"))
        {
          int state = g_str_equal (body, "running") ? 1 : g_str_equal (body, "paused") ? 3 :
                      g_str_equal (body, "shut off") ? 5 : -1;

          g_hash_table_insert (table, g_strdup (key), g_strdup_printf ("%d", state));
        }
      else
        g_hash_table_insert (table, g_strdup (key), strip_ids (body));
    }
  return table;
}

static void
assert_same_state (GHashTable *expected,
                   GHashTable *actual)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *want = g_strstrip (g_strdup (value));
      const char *got = g_hash_table_lookup (actual, key);
      g_autofree char *have = got != NULL ? g_strstrip (g_strdup (got)) : NULL;

      if (g_strcmp0 (want, have) != 0)
        g_error ("%s differs:\n--- app ---\n%s\n--- virsh ---\n%s", (char *) key, want, have);
    }
  g_assert_cmpuint (g_hash_table_size (expected), ==, g_hash_table_size (actual));
}

static void
test_replay_with_virsh (void)
{
  g_autofree char *node = fresh_copy ("replay.xml");
  g_autofree char *uri = vw_sandbox_uri_for_path (node);
  g_autofree char *save_path = g_build_filename (test_dir, "db01.save", NULL);
  g_autoptr(VwConnection) connection = vw_test_open_connection (uri);
  g_autoptr(VwCommandLog) log = vw_command_log_new ();
  g_autoptr(GHashTable) expected = NULL;
  g_autoptr(GHashTable) actual = NULL;

  vw_connection_set_command_log (connection, log);
  work_on_lab (connection, save_path);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (log)), >=, 14);

  expected = app_state (connection);
  g_assert_true (g_hash_table_contains (expected, "domain:builder2"));
  g_assert_true (g_hash_table_contains (expected, "volume:default/builder2.qcow2"));
  g_assert_false (g_hash_table_contains (expected, "domain:router"));
  g_assert_true (g_hash_table_contains (expected, "snapshot:web01/tls-on"));
  g_assert_false (g_hash_table_contains (expected, "snapshot:db01/before-upgrade"));
  g_assert_true (g_hash_table_contains (expected, "network:backnet"));
  g_assert_true (g_hash_table_contains (expected, "volume:scratch/data.raw"));
  g_assert_true (g_hash_table_contains (expected, "volume:default/web02.qcow2"));
  g_assert_false (g_hash_table_contains (expected, "volume:default/db01-data.raw"));

  /* The node file was not changed by the app: virsh starts where it did. */
  g_unlink (save_path);
  actual = virsh_state (uri, log, expected);
  assert_same_state (expected, actual);
}

/* ----- Saving and loading ----- */

static gboolean
saved_once_more (gpointer data)
{
  gpointer *args = data;

  return vw_sandbox_store_get_n_saves (args[0]) > GPOINTER_TO_UINT (args[1]);
}

static void
test_store_roundtrip (void)
{
  g_autofree char *node = fresh_copy ("roundtrip.xml");
  g_autofree char *uri = vw_sandbox_uri_for_path (node);
  g_autoptr(VwConnection) connection = vw_test_open_connection (uri);
  g_autoptr(VwSandboxStore) store = vw_sandbox_store_new (connection, node);
  g_autoptr(VwConnection) reopened = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  gpointer args[2] = { store, GUINT_TO_POINTER (0) };
  virConnectPtr conn;
  virNetworkPtr net;
  virStoragePoolPtr pool;
  Op op = { FALSE, NULL };

  work_on_lab (connection, NULL);
  /* Each change schedules a save; they are coalesced, and at least one ran. */
  g_assert_true (vw_test_wait_until (saved_once_more, args, 5000));

  /* What a node file cannot say: a stopped network and pool, autostart. */
  conn = vw_connection_ref_virconn (connection);
  net = virNetworkLookupByName (conn, "labnet");
  g_assert_cmpint (virNetworkDestroy (net), ==, 0);
  g_assert_cmpint (virNetworkSetAutostart (net, 0), ==, 0);
  virNetworkFree (net);
  net = virNetworkLookupByName (conn, "default");
  g_assert_cmpint (virNetworkSetAutostart (net, 1), ==, 0);
  virNetworkFree (net);
  pool = virStoragePoolLookupByName (conn, "isos");
  g_assert_cmpint (virStoragePoolDestroy (pool), ==, 0);
  virStoragePoolFree (pool);
  virConnectClose (conn);

  vw_sandbox_store_save_async (store, NULL, op_done, &op);
  finish (&op);
  g_assert_null (vw_sandbox_store_get_error (store));
  before = app_state (connection);

  /* A fresh driver on the saved file: everything as it was. */
  reopened = vw_test_open_connection (uri);
  after = app_state (reopened);
  assert_same_state (before, after);

  g_assert_true (vw_domain_get_autostart (find (reopened, "builder")));
  g_assert_true (vw_domain_get_has_managed_save (find (reopened, "client01")));
  g_assert_cmpint (vw_domain_get_state (find (reopened, "web01")), ==, VW_DOMAIN_STATE_PAUSED);
  g_assert_cmpint (vw_domain_get_state (find (reopened, "db01")), ==, VW_DOMAIN_STATE_RUNNING);
  conn = vw_connection_ref_virconn (reopened);
  net = virNetworkLookupByName (conn, "labnet");
  g_assert_cmpint (virNetworkIsActive (net), ==, 0);
  virNetworkFree (net);
  net = virNetworkLookupByName (conn, "default");
  {
    int autostart = 0;

    virNetworkGetAutostart (net, &autostart);
    g_assert_true (autostart);
  }
  virNetworkFree (net);
  pool = virStoragePoolLookupByName (conn, "isos");
  g_assert_cmpint (virStoragePoolIsActive (pool), ==, 0);
  virStoragePoolFree (pool);
  /* The new pool, its volume and the new network came back. */
  pool = virStoragePoolLookupByName (conn, "scratch");
  g_assert_cmpint (virStoragePoolIsActive (pool), ==, 1);
  g_assert_cmpint (virStoragePoolNumOfVolumes (pool), ==, 1);
  virStoragePoolFree (pool);
  net = virNetworkLookupByName (conn, "backnet");
  g_assert_cmpint (virNetworkIsActive (net), ==, 1);
  virNetworkFree (net);
  /* The running db01 kept both its live memory and its next-boot one. */
  {
    virDomainPtr dom = virDomainLookupByName (conn, "db01");
    char *live = virDomainGetXMLDesc (dom, 0);
    char *config = virDomainGetXMLDesc (dom, VIR_DOMAIN_XML_INACTIVE);

    g_assert_nonnull (strstr (live, "<currentMemory unit='KiB'>2097152</currentMemory>"));
    g_assert_nonnull (strstr (config, "<currentMemory unit='KiB'>3145728</currentMemory>"));
    free (live);
    free (config);
    virDomainFree (dom);
  }
  /* Snapshots and the current one came back too. */
  {
    virDomainPtr dom = virDomainLookupByName (conn, "web01");
    virDomainSnapshotPtr current = virDomainSnapshotCurrent (dom, 0);

    g_assert_cmpint (virDomainSnapshotNum (dom, 0), ==, 3);
    g_assert_cmpstr (virDomainSnapshotGetName (current), ==, "tls-on");
    virDomainSnapshotFree (current);
    virDomainFree (dom);
  }
  virConnectClose (conn);
}

static void
test_broken_copy_is_set_aside (void)
{
  g_autofree char *path = vw_sandbox_get_node_path ();
  g_autofree char *uri = vw_sandbox_get_uri ();
  g_autofree char *aside = NULL;
  g_autoptr(GError) error = NULL;
  virConnectPtr conn;

  /* A file cut short (what a crash without atomic writes would leave). */
  g_assert_true (vw_file_write_atomic (path, "<node><domain type='test'><name>half", -1, NULL));
  conn = virConnectOpen (uri);
  g_assert_null (conn);
  virResetLastError ();

  aside = vw_sandbox_set_aside (&error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (aside, G_FILE_TEST_IS_REGULAR));
  conn = virConnectOpen (uri);
  g_assert_nonnull (conn);
  g_assert_cmpint (virConnectNumOfDefinedDomains (conn) + virConnectNumOfDomains (conn), ==, 5);
  virConnectClose (conn);

  /* Reset puts the shipped lab back too. */
  g_assert_true (vw_file_write_atomic (path, "garbage", -1, NULL));
  g_assert_true (vw_sandbox_reset (&error));
  conn = virConnectOpen (uri);
  g_assert_nonnull (conn);
  virConnectClose (conn);
  g_unlink (aside);
}

/* A node file the test driver loads but whose saved form it refuses (a
 * snapshot's machine with a disk without a target: its description names
 * a disk "(null)"; found by tests/fuzz/fuzz-sandbox-node): the save says
 * so and the file on disk stays as it was. */
static void
test_unreadable_save_refused (void)
{
  g_autofree char *node = fresh_copy ("unreadable.xml");
  g_autofree char *uri = vw_sandbox_uri_for_path (node);
  g_autofree char *contents = NULL;
  g_autofree char *broken = NULL;
  g_autofree char *on_disk = NULL;
  g_autoptr(VwConnection) connection = NULL;
  g_autoptr(VwSandboxStore) store = NULL;
  Op op = { FALSE, NULL };
  const char *target = "<target dev=\"vda\" bus=\"virtio\"/>";
  char *in_snapshot;

  g_assert_true (g_file_get_contents (node, &contents, NULL, NULL));
  /* The first machine's disk, in its first snapshot. */
  in_snapshot = strstr (strstr (contents, "<test:domainsnapshot>"), target);
  g_assert_nonnull (in_snapshot);
  broken = g_strdup_printf ("%.*s%s", (int) (in_snapshot - contents), contents,
                            in_snapshot + strlen (target));
  g_assert_true (vw_file_write_atomic (node, broken, -1, NULL));

  connection = vw_test_open_connection (uri);
  store = vw_sandbox_store_new (connection, node);
  g_test_expect_message ("vw-sandbox-store", G_LOG_LEVEL_WARNING, "*could not be read back*");
  vw_sandbox_store_save_async (store, NULL, op_done, &op);
  g_assert_true (vw_test_wait_until (op_is_done, &op, 5000));
  g_test_assert_expected_messages ();
  g_assert_nonnull (op.error);
  g_assert_nonnull (vw_sandbox_store_get_error (store));
  g_test_message ("the save says: %s", op.error->message);
  g_assert_nonnull (strstr (op.error->message, "could not be read back"));
  g_assert_true (g_file_get_contents (node, &on_disk, NULL, NULL));
  g_assert_cmpstr (on_disk, ==, broken);
  g_clear_error (&op.error);
}

/* ----- Killed at any moment ----- */

static int
run_writer (const char *node)
{
  g_autofree char *uri = vw_sandbox_uri_for_path (node);
  g_autoptr(VwConnection) connection = vw_test_open_connection (uri);
  g_autoptr(VwSandboxStore) store = vw_sandbox_store_new (connection, node);

  /* Save as fast as possible until killed. */
  for (;;)
    {
      Op op = { FALSE, NULL };

      vw_sandbox_store_save_async (store, NULL, op_done, &op);
      while (!op.done)
        g_main_context_iteration (NULL, TRUE);
      g_assert_no_error (op.error);
    }
  return 0;
}

static void
test_killed_while_saving (void)
{
  g_autofree char *node = fresh_copy ("killed.xml");
  g_autofree char *uri = vw_sandbox_uri_for_path (node);
  const char *self_path = g_test_get_filename (G_TEST_BUILT, "test-sandbox-store", NULL);

  for (guint round = 0; round < 12; round++)
    {
      const char *argv[] = { self_path, "--writer", node, NULL };
      g_autoptr(GError) error = NULL;
      GPid pid;
      virConnectPtr conn;
      int status;

      g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, &pid, &error);
      g_assert_no_error (error);
      g_usleep (g_random_int_range (150, 600) * 1000);
      kill (pid, SIGKILL);
      waitpid (pid, &status, 0);
      g_spawn_close_pid (pid);

      /* Whatever the moment, the file loads. */
      conn = virConnectOpen (uri);
      if (conn == NULL)
        g_error ("round %u: the node file does not load: %s", round, virGetLastErrorMessage ());
      g_assert_cmpint (virConnectNumOfDefinedDomains (conn) + virConnectNumOfDomains (conn), ==, 5);
      virConnectClose (conn);
    }
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  if (argc == 3 && g_str_equal (argv[1], "--writer"))
    {
      vw_virt_init ();
      return run_writer (argv[2]);
    }

  vw_test_init (&argc, &argv);
  test_dir = g_dir_make_tmp ("vw-store-XXXXXX", NULL);

  g_test_add_func ("/sandbox-store/replay-with-virsh", test_replay_with_virsh);
  g_test_add_func ("/sandbox-store/roundtrip", test_store_roundtrip);
  g_test_add_func ("/sandbox-store/broken-copy", test_broken_copy_is_set_aside);
  g_test_add_func ("/sandbox-store/unreadable-save-refused", test_unreadable_save_refused);
  g_test_add_func ("/sandbox-store/killed-while-saving", test_killed_while_saving);

  ret = g_test_run ();
  g_free (test_dir);
  return ret;
}
