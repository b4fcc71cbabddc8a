/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>

#include "vw-connection-private.h"
#include "vw-domain.h"
#include "vw-network.h"
#include "vw-pool.h"
#include "vw-sandbox.h"
#include "vw-test-ops.h"
#include "vw-test-util.h"
#include "vw-validate.h"
#include "vw-virt.h"

/* Every machine operation on the sandbox lab: what it changes, the virsh
 * line it records, and the input it refuses without calling libvirt. */

typedef VwTestOps Fixture;

#define fixture_setup vw_test_ops_setup
#define fixture_teardown vw_test_ops_teardown
#define op_done vw_test_ops_done
#define begin vw_test_ops_begin
#define wait_op vw_test_ops_wait
#define last_command vw_test_ops_last_command
#define n_commands vw_test_ops_n_commands

static VwDomain *
domain (Fixture    *fixture,
        const char *name)
{
  VwDomain *d = vw_connection_find_domain (fixture->connection, name);

  g_assert_nonnull (d);
  return d;
}

static void
run (Fixture        *fixture,
     const char     *name,
     VwDomainAction  action)
{
  vw_domain_run_async (domain (fixture, name), action, NULL, op_done, begin (fixture));
  wait_op (fixture);
}

static void
test_lifecycle (Fixture       *fixture,
                gconstpointer  data)
{
  static const struct {
    const char *name;
    VwDomainAction action;
    VwDomainState after;
    const char *command;
  } steps[] = {
    { "db01", VW_DOMAIN_ACTION_START, VW_DOMAIN_STATE_RUNNING, "start db01" },
    { "db01", VW_DOMAIN_ACTION_REBOOT, VW_DOMAIN_STATE_RUNNING, "reboot db01" },
    { "db01", VW_DOMAIN_ACTION_RESET, VW_DOMAIN_STATE_RUNNING, "reset db01" },
    { "db01", VW_DOMAIN_ACTION_SUSPEND, VW_DOMAIN_STATE_PAUSED, "suspend db01" },
    { "db01", VW_DOMAIN_ACTION_RESUME, VW_DOMAIN_STATE_RUNNING, "resume db01" },
    { "db01", VW_DOMAIN_ACTION_SHUTDOWN, VW_DOMAIN_STATE_SHUTOFF, "shutdown db01" },
    { "web01", VW_DOMAIN_ACTION_MANAGED_SAVE, VW_DOMAIN_STATE_SHUTOFF, "managedsave web01" },
    { "web01", VW_DOMAIN_ACTION_MANAGED_SAVE_REMOVE, VW_DOMAIN_STATE_SHUTOFF, "managedsave-remove web01" },
    { "router", VW_DOMAIN_ACTION_DESTROY, VW_DOMAIN_STATE_SHUTOFF, "destroy router" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      VwDomain *d = domain (fixture, steps[i].name);

      g_assert_true (vw_domain_can (d, steps[i].action));
      run (fixture, steps[i].name, steps[i].action);
      g_assert_no_error (fixture->error);
      g_assert_cmpint (vw_domain_get_state (d), ==, steps[i].after);
      g_assert_cmpstr (last_command (fixture), ==, steps[i].command);
    }
  g_assert_cmpuint (n_commands (fixture), ==, G_N_ELEMENTS (steps));
}

static void
test_managed_save_flag (Fixture       *fixture,
                        gconstpointer  data)
{
  VwDomain *web = domain (fixture, "web01");

  run (fixture, "web01", VW_DOMAIN_ACTION_MANAGED_SAVE);
  g_assert_no_error (fixture->error);
  g_assert_true (vw_domain_get_has_managed_save (web));
  g_assert_true (vw_domain_can (web, VW_DOMAIN_ACTION_MANAGED_SAVE_REMOVE));
  /* Starting it again resumes from the saved state, which is then gone. */
  run (fixture, "web01", VW_DOMAIN_ACTION_START);
  g_assert_no_error (fixture->error);
  g_assert_false (vw_domain_get_has_managed_save (web));
}

static void
test_autostart (Fixture       *fixture,
                gconstpointer  data)
{
  VwDomain *db = domain (fixture, "db01");

  g_assert_false (vw_domain_get_autostart (db));
  g_assert_false (vw_domain_can (db, VW_DOMAIN_ACTION_AUTOSTART_DISABLE));
  run (fixture, "db01", VW_DOMAIN_ACTION_AUTOSTART_ENABLE);
  g_assert_no_error (fixture->error);
  g_assert_true (vw_domain_get_autostart (db));
  g_assert_cmpstr (last_command (fixture), ==, "autostart db01");
  run (fixture, "db01", VW_DOMAIN_ACTION_AUTOSTART_DISABLE);
  g_assert_false (vw_domain_get_autostart (db));
  g_assert_cmpstr (last_command (fixture), ==, "autostart --disable db01");
}

static void
test_refusals_record_nothing (Fixture       *fixture,
                              gconstpointer  data)
{
  /* libvirt refuses: starting a running machine. */
  run (fixture, "web01", VW_DOMAIN_ACTION_START);
  g_assert_true (fixture->error != NULL && fixture->error->domain == VW_VIRT_ERROR);
  g_assert_cmpuint (n_commands (fixture), ==, 0);
  g_assert_cmpint (vw_domain_get_state (domain (fixture, "web01")), ==, VW_DOMAIN_STATE_RUNNING);
}

static void
test_save_restore (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("vw-save-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "web01.save", NULL);
  g_autofree char *expected = g_strdup_printf ("save web01 %s", path);
  g_autofree char *restore = g_strdup_printf ("restore %s", path);

  vw_domain_save_async (domain (fixture, "web01"), "relative.save", NULL, op_done, begin (fixture));
  wait_op (fixture);
  g_assert_error (fixture->error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_PATH);
  g_assert_cmpuint (n_commands (fixture), ==, 0);

  vw_domain_save_async (domain (fixture, "web01"), path, NULL, op_done, begin (fixture));
  wait_op (fixture);
  g_assert_no_error (fixture->error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (vw_domain_get_state (domain (fixture, "web01")), ==, VW_DOMAIN_STATE_SHUTOFF);
  g_assert_cmpstr (last_command (fixture), ==, expected);

  vw_connection_restore_async (fixture->connection, path, NULL, op_done, begin (fixture));
  wait_op (fixture);
  g_assert_no_error (fixture->error);
  g_assert_cmpint (vw_domain_get_state (domain (fixture, "web01")), ==, VW_DOMAIN_STATE_RUNNING);
  g_assert_cmpstr (last_command (fixture), ==, restore);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_undefine (Fixture       *fixture,
               gconstpointer  data)
{
  GListModel *domains = vw_connection_get_domains (fixture->connection);
  guint before = g_list_model_get_n_items (domains);

  /* Storage is only removed from a machine that is off. */
  vw_domain_undefine_async (domain (fixture, "client01"), VW_UNDEFINE_REMOVE_STORAGE, NULL, op_done, begin (fixture));
  wait_op (fixture);
  g_assert_error (fixture->error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_RANGE);

  /* libvirt refuses to forget a machine with snapshots unless told to. */
  vw_domain_undefine_async (domain (fixture, "db01"), 0, NULL, op_done, begin (fixture));
  wait_op (fixture);
  g_assert_nonnull (fixture->error);
  g_assert_nonnull (strstr (fixture->error->message, "snapshot"));
  g_assert_cmpuint (n_commands (fixture), ==, 0);

  vw_domain_undefine_async (domain (fixture, "db01"), VW_UNDEFINE_SNAPSHOTS_METADATA | VW_UNDEFINE_REMOVE_STORAGE,
                            NULL, op_done, begin (fixture));
  wait_op (fixture);
  g_assert_no_error (fixture->error);
  g_assert_null (vw_connection_find_domain (fixture->connection, "db01"));
  g_assert_cmpuint (g_list_model_get_n_items (domains), ==, before - 1);
  g_assert_cmpstr (last_command (fixture), ==, "undefine db01 --remove-all-storage --snapshots-metadata");

  /* Its two volumes went with it; the others are still there. */
  {
    virConnectPtr conn = vw_connection_ref_virconn (fixture->connection);
    virStorageVolPtr vol = virStorageVolLookupByPath (conn, "/var/lib/libvirt/images/db01.qcow2");

    g_assert_null (vol);
    virResetLastError ();
    vol = virStorageVolLookupByPath (conn, "/var/lib/libvirt/images/db01-data.raw");
    g_assert_null (vol);
    virResetLastError ();
    vol = virStorageVolLookupByPath (conn, "/var/lib/libvirt/images/web01.qcow2");
    g_assert_nonnull (vol);
    virStorageVolFree (vol);
    virConnectClose (conn);
  }
}

typedef struct
{
  VwDomain *domain;
  guint vcpus;
  guint64 memory;
} Expect;

static void
test_resources (Fixture       *fixture,
                gconstpointer  data)
{
  VwDomain *web = domain (fixture, "web01");
  VwDomain *db = domain (fixture, "db01");

  /* Refusals before libvirt is called. */
  vw_domain_set_vcpus_async (web, 0, FALSE, VW_CHANGE_LIVE, NULL, op_done, begin (fixture));
  wait_op (fixture);
  g_assert_error (fixture->error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_RANGE);
  vw_domain_set_vcpus_async (db, 2, FALSE, VW_CHANGE_LIVE, NULL, op_done, begin (fixture));
  wait_op (fixture);
  g_assert_error (fixture->error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_RANGE);
  vw_domain_set_vcpus_async (web, 2, FALSE, 0, NULL, op_done, begin (fixture));
  wait_op (fixture);
  g_assert_error (fixture->error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_RANGE);
  vw_domain_set_memory_async (db, 64 * 1024 * 1024, FALSE, VW_CHANGE_CONFIG, NULL, op_done, begin (fixture));
  wait_op (fixture);
  g_assert_error (fixture->error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_RANGE);
  vw_domain_set_memory_async (db, 1024, TRUE, VW_CHANGE_CONFIG, NULL, op_done, begin (fixture));
  wait_op (fixture);
  g_assert_error (fixture->error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_RANGE);
  g_assert_cmpuint (n_commands (fixture), ==, 0);

  /* Live changes on a running machine, within its maximum. */
  vw_domain_set_vcpus_async (web, 1, FALSE, VW_CHANGE_LIVE, NULL, op_done, begin (fixture));
  wait_op (fixture);
  g_assert_no_error (fixture->error);
  g_assert_cmpuint (vw_domain_get_vcpus (web), ==, 1);
  g_assert_cmpstr (last_command (fixture), ==, "setvcpus web01 1 --live");

  vw_domain_set_memory_async (web, 1024 * 1024, FALSE, VW_CHANGE_LIVE, NULL, op_done, begin (fixture));
  wait_op (fixture);
  g_assert_no_error (fixture->error);
  g_assert_cmpuint (vw_domain_get_memory (web), ==, 1024 * 1024);
  g_assert_cmpstr (last_command (fixture), ==, "setmem web01 1048576 --live");

  /* Configuration changes on a shut-off machine. */
  vw_domain_set_memory_async (db, 8 * 1024 * 1024, TRUE, VW_CHANGE_CONFIG, NULL, op_done, begin (fixture));
  wait_op (fixture);
  g_assert_no_error (fixture->error);
  g_assert_cmpuint (vw_domain_get_max_memory (db), ==, 8 * 1024 * 1024);
  g_assert_cmpstr (last_command (fixture), ==, "setmaxmem db01 8388608 --config");

  vw_domain_set_vcpus_async (db, 4, TRUE, VW_CHANGE_CONFIG, NULL, op_done, begin (fixture));
  wait_op (fixture);
  g_assert_no_error (fixture->error);
  g_assert_cmpstr (last_command (fixture), ==, "setvcpus db01 4 --maximum --config");
  vw_domain_set_vcpus_async (db, 3, FALSE, VW_CHANGE_CONFIG, NULL, op_done, begin (fixture));
  wait_op (fixture);
  g_assert_no_error (fixture->error);
  g_assert_cmpuint (vw_domain_get_vcpus (db), ==, 3);

  /* libvirt's own limit: more vCPUs than the maximum. */
  vw_domain_set_vcpus_async (db, 9, FALSE, VW_CHANGE_CONFIG, NULL, op_done, begin (fixture));
  wait_op (fixture);
  g_assert_nonnull (fixture->error);
  g_assert_true (fixture->error->domain == VW_VIRT_ERROR);
  g_assert_cmpuint (vw_domain_get_vcpus (db), ==, 3);
}

static void
test_clone (Fixture       *fixture,
            gconstpointer  data)
{
  VwDomain *copy;
  const char *define;
  virConnectPtr conn;
  virDomainPtr dom;
  char *xml;

  vw_domain_clone_async (domain (fixture, "web01"), "web02", NULL, op_done, begin (fixture));
  wait_op (fixture);
  g_assert_error (fixture->error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_RANGE);
  vw_domain_clone_async (domain (fixture, "db01"), "web01", NULL, op_done, begin (fixture));
  wait_op (fixture);
  g_assert_error (fixture->error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_NAME);
  vw_domain_clone_async (domain (fixture, "db01"), "bad/name", NULL, op_done, begin (fixture));
  wait_op (fixture);
  g_assert_error (fixture->error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_NAME);
  g_assert_cmpuint (n_commands (fixture), ==, 0);

  vw_domain_clone_async (domain (fixture, "db01"), "db02", NULL, op_done, begin (fixture));
  wait_op (fixture);
  g_assert_no_error (fixture->error);
  copy = vw_connection_find_domain (fixture->connection, "db02");
  g_assert_nonnull (copy);
  g_assert_cmpint (vw_domain_get_state (copy), ==, VW_DOMAIN_STATE_SHUTOFF);
  g_assert_cmpstr (vw_domain_get_uuid (copy), !=, vw_domain_get_uuid (domain (fixture, "db01")));

  /* Two volume copies, then the definition from a file. */
  g_assert_cmpuint (n_commands (fixture), ==, 3);
  {
    g_autoptr(VwCommand) first = g_list_model_get_item (G_LIST_MODEL (fixture->log), 0);
    g_autoptr(VwCommand) second = g_list_model_get_item (G_LIST_MODEL (fixture->log), 1);
    g_autofree char *a = g_strjoinv (" ", (char **) vw_command_get_args (first));
    g_autofree char *b = g_strjoinv (" ", (char **) vw_command_get_args (second));

    g_assert_cmpstr (a, ==, "vol-clone db01.qcow2 db02.qcow2 --pool default");
    g_assert_cmpstr (b, ==, "vol-clone db01-data.raw db02-data.raw --pool default");
  }
  define = last_command (fixture);
  g_assert_true (g_str_has_prefix (define, "define /"));
  g_assert_true (g_file_test (define + strlen ("define "), G_FILE_TEST_IS_REGULAR));

  conn = vw_connection_ref_virconn (fixture->connection);
  dom = virDomainLookupByName (conn, "db02");
  xml = virDomainGetXMLDesc (dom, 0);
  g_assert_nonnull (strstr (xml, "/var/lib/libvirt/images/db02.qcow2"));
  g_assert_nonnull (strstr (xml, "/var/lib/libvirt/images/db02-data.raw"));
  g_assert_null (strstr (xml, "52:54:00:3a:10:02"));
  free (xml);
  virDomainFree (dom);
  virConnectClose (conn);
}

static void
test_define (Fixture       *fixture,
             gconstpointer  data)
{
  const char *good = "<domain type='test'>\n"
                     "  <name>scratch</name>\n"
                     "  <uuid>3f0e8b3c-1111-4222-8333-944455556666</uuid>\n"
                     "  <memory unit='MiB'>256</memory>\n"
                     "  <vcpu>1</vcpu>\n"
                     "  <os><type arch='x86_64'>hvm</type></os>\n"
                     "</domain>\n";
  const char *invalid = "<domain type='test'>\n"
                        "  <name>scratch2</name>\n"
                        "  <memory unit='MiB'>lots</memory>\n"
                        "  <os><type arch='x86_64'>hvm</type></os>\n"
                        "</domain>\n";
  GListModel *domains = vw_connection_get_domains (fixture->connection);
  guint before = g_list_model_get_n_items (domains);

  vw_connection_define_domain_async (fixture->connection, "<domain><name>x</name>", NULL, op_done, begin (fixture));
  wait_op (fixture);
  g_assert_error (fixture->error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_XML);

  vw_connection_define_domain_async (fixture->connection, invalid, NULL, op_done, begin (fixture));
  wait_op (fixture);
  g_assert_nonnull (fixture->error);
  g_assert_nonnull (strstr (fixture->error->message, "schema"));
  g_assert_cmpuint (g_list_model_get_n_items (domains), ==, before);
  g_assert_cmpuint (n_commands (fixture), ==, 0);

  vw_connection_define_domain_async (fixture->connection, good, NULL, op_done, begin (fixture));
  wait_op (fixture);
  g_assert_no_error (fixture->error);
  g_assert_nonnull (vw_connection_find_domain (fixture->connection, "scratch"));
  g_assert_cmpuint (g_list_model_get_n_items (domains), ==, before + 1);
  g_assert_true (g_str_has_prefix (last_command (fixture), "define /"));
}

static void
test_networks_and_pools (Fixture       *fixture,
                         gconstpointer  data)
{
  GListModel *networks = vw_connection_get_networks (fixture->connection);
  GListModel *pools = vw_connection_get_pools (fixture->connection);
  g_autoptr(VwNetwork) first_net = NULL;
  g_autoptr(VwPool) first_pool = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (networks), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (pools), ==, 2);
  first_net = g_list_model_get_item (networks, 0);
  first_pool = g_list_model_get_item (pools, 0);
  g_assert_true (vw_virt_object_get_active (VW_VIRT_OBJECT (first_net)));
  g_assert_true (vw_virt_object_get_active (VW_VIRT_OBJECT (first_pool)));
  g_assert_cmpuint (vw_pool_get_capacity (first_pool), >, 0);
}

int
main (int   argc,
      char *argv[])
{
  vw_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/lab-ops/lifecycle", test_lifecycle);
  ADD ("/lab-ops/managed-save", test_managed_save_flag);
  ADD ("/lab-ops/autostart", test_autostart);
  ADD ("/lab-ops/refusals-record-nothing", test_refusals_record_nothing);
  ADD ("/lab-ops/save-restore", test_save_restore);
  ADD ("/lab-ops/undefine", test_undefine);
  ADD ("/lab-ops/resources", test_resources);
  ADD ("/lab-ops/clone", test_clone);
  ADD ("/lab-ops/define", test_define);
  ADD ("/lab-ops/networks-and-pools", test_networks_and_pools);
#undef ADD

  return g_test_run ();
}
