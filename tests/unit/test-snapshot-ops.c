/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "vw-snapshot-list.h"
#include "vw-test-ops.h"
#include "vw-test-util.h"
#include "vw-validate.h"
#include "vw-virt.h"

/* Snapshots on the sandbox lab: the tree as read, and each operation. */

typedef VwTestOps Fixture;

static gboolean
is_loaded (gpointer data)
{
  return vw_snapshot_list_get_loaded (data);
}

static VwSnapshotList *
snapshots_of (Fixture    *fixture,
              const char *name)
{
  VwDomain *domain = vw_connection_find_domain (fixture->connection, name);
  VwSnapshotList *list;

  g_assert_nonnull (domain);
  list = vw_snapshot_list_new (domain);
  g_assert_true (vw_test_wait_until (is_loaded, list, 5000));
  return list;
}

/* The list as "name:depth[*]" lines, * for the current one. */
static char *
describe (VwSnapshotList *list)
{
  GListModel *model = vw_snapshot_list_get_model (list);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(VwSnapshot) snapshot = g_list_model_get_item (model, i);

      g_string_append_printf (text, "%s%s:%u%s", i > 0 ? " " : "", vw_snapshot_get_name (snapshot),
                              vw_snapshot_get_depth (snapshot), vw_snapshot_get_current (snapshot) ? "*" : "");
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
wait_described (VwSnapshotList *list,
                const char     *expected)
{
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *now = describe (list);

      if (g_str_equal (now, expected))
        return;
      vw_test_wait_ms (20);
    }
  g_assert_cmpstr (describe (list), ==, expected);
}

static void
test_tree (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(VwSnapshotList) list = snapshots_of (fixture, "web01");
  g_autofree char *text = describe (list);
  VwSnapshot *deployed;

  g_assert_cmpstr (text, ==, "baseline:0 site-deployed:1*");
  deployed = vw_snapshot_list_find (list, "site-deployed");
  g_assert_cmpstr (vw_snapshot_get_parent (deployed), ==, "baseline");
  g_assert_nonnull (vw_snapshot_get_description (deployed));
  g_assert_cmpuint (vw_snapshot_get_n_children (vw_snapshot_list_find (list, "baseline")), ==, 1);
}

static void
test_create_revert_delete (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(VwSnapshotList) list = snapshots_of (fixture, "web01");
  VwDomain *web = vw_snapshot_list_get_domain (list);

  vw_domain_create_snapshot_async (web, "before-tls", "Before the TLS change", NULL, vw_test_ops_done,
                                   vw_test_ops_begin (fixture));
  vw_test_ops_wait (fixture);
  g_assert_no_error (fixture->error);
  g_assert_cmpstr (vw_test_ops_last_command (fixture), ==,
                   "snapshot-create-as web01 before-tls --description Before the TLS change");
  wait_described (list, "baseline:0 site-deployed:1 before-tls:2*");
  g_assert_cmpstr (vw_snapshot_get_description (vw_snapshot_list_find (list, "before-tls")), ==,
                   "Before the TLS change");

  vw_domain_get_snapshot_xml_async (web, "before-tls", NULL, vw_test_ops_done_string, vw_test_ops_begin (fixture));
  vw_test_ops_wait (fixture);
  g_assert_no_error (fixture->error);
  g_assert_nonnull (strstr (fixture->result, "<name>before-tls</name>"));

  vw_domain_revert_snapshot_async (web, "baseline", NULL, vw_test_ops_done, vw_test_ops_begin (fixture));
  vw_test_ops_wait (fixture);
  g_assert_no_error (fixture->error);
  g_assert_cmpstr (vw_test_ops_last_command (fixture), ==, "snapshot-revert web01 baseline");
  wait_described (list, "baseline:0* site-deployed:1 before-tls:2");

  /* Alone: the children move up to its parent. */
  vw_domain_delete_snapshot_async (web, "site-deployed", FALSE, NULL, vw_test_ops_done, vw_test_ops_begin (fixture));
  vw_test_ops_wait (fixture);
  g_assert_no_error (fixture->error);
  g_assert_cmpstr (vw_test_ops_last_command (fixture), ==, "snapshot-delete web01 site-deployed");
  wait_described (list, "baseline:0* before-tls:1");

  vw_domain_delete_snapshot_async (web, "baseline", TRUE, NULL, vw_test_ops_done, vw_test_ops_begin (fixture));
  vw_test_ops_wait (fixture);
  g_assert_no_error (fixture->error);
  g_assert_cmpstr (vw_test_ops_last_command (fixture), ==, "snapshot-delete web01 baseline --children");
  wait_described (list, "");
}

static void
test_refusals (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(VwSnapshotList) list = snapshots_of (fixture, "db01");
  VwDomain *db = vw_snapshot_list_get_domain (list);
  g_autofree char *before = describe (list);
  g_autofree char *after = NULL;

  vw_domain_create_snapshot_async (db, "with/slash", NULL, NULL, vw_test_ops_done, vw_test_ops_begin (fixture));
  vw_test_ops_wait (fixture);
  g_assert_error (fixture->error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_NAME);

  vw_domain_create_snapshot_async (db, "", NULL, NULL, vw_test_ops_done, vw_test_ops_begin (fixture));
  vw_test_ops_wait (fixture);
  g_assert_error (fixture->error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_NAME);

  vw_domain_create_snapshot_async (db, "fresh-install", NULL, NULL, vw_test_ops_done, vw_test_ops_begin (fixture));
  vw_test_ops_wait (fixture);
  g_assert_error (fixture->error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_NAME);

  vw_domain_revert_snapshot_async (db, "no-such", NULL, vw_test_ops_done, vw_test_ops_begin (fixture));
  vw_test_ops_wait (fixture);
  g_assert_true (vw_virt_error_is (fixture->error, VIR_ERR_NO_DOMAIN_SNAPSHOT));

  g_assert_cmpuint (vw_test_ops_n_commands (fixture), ==, 0);
  vw_test_wait_ms (100);
  after = describe (list);
  g_assert_cmpstr (after, ==, before);
}

int
main (int   argc,
      char *argv[])
{
  vw_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, vw_test_ops_setup, func, vw_test_ops_teardown)
  ADD ("/snapshots/tree", test_tree);
  ADD ("/snapshots/create-revert-delete", test_create_revert_delete);
  ADD ("/snapshots/refusals", test_refusals);
#undef ADD

  return g_test_run ();
}
