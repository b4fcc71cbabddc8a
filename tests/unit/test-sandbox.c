/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "vw-domain.h"
#include "vw-sandbox.h"
#include "vw-test-util.h"

/* The built-in lab opens on the test driver and the model agrees with what
 * the real virsh says about the same node file. */

static VwDomainState
state_from_virsh (const char *text)
{
  if (g_str_equal (text, "running"))
    return VW_DOMAIN_STATE_RUNNING;
  if (g_str_equal (text, "paused"))
    return VW_DOMAIN_STATE_PAUSED;
  if (g_str_equal (text, "shut off"))
    return VW_DOMAIN_STATE_SHUTOFF;
  g_error ("unexpected virsh state “%s”", text);
}

static void
test_model_matches_virsh (void)
{
  g_autofree char *uri = vw_sandbox_get_uri ();
  g_autoptr(VwConnection) connection = vw_test_open_connection (uri);
  g_autofree char *listing = vw_test_run_virsh (uri, "list", "--all", NULL);
  g_auto(GStrv) lines = g_strsplit (g_strstrip (listing), "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      /* " 1    web01      running" or " -    db01       shut off" */
      g_auto(GStrv) fields = g_regex_split_simple ("\\s{2,}", g_strstrip (lines[i]), 0, 0);
      VwDomain *domain;
      g_autofree char *info = NULL;
      g_autofree char *vcpus_line = NULL;

      g_assert_cmpuint (g_strv_length (fields), ==, 3);
      domain = vw_connection_find_domain (connection, fields[1]);
      g_assert_nonnull (domain);
      g_assert_cmpint (vw_domain_get_state (domain), ==, state_from_virsh (fields[2]));
      if (g_str_equal (fields[0], "-"))
        g_assert_cmpint (vw_domain_get_id (domain), ==, -1);
      else
        g_assert_cmpint (vw_domain_get_id (domain), ==, atoi (fields[0]));

      info = vw_test_run_virsh (uri, "dominfo", fields[1], NULL);
      vcpus_line = g_strdup_printf ("CPU(s):         %u\n", vw_domain_get_vcpus (domain));
      g_assert_nonnull (strstr (info, vcpus_line));
      n++;
    }

  g_assert_cmpuint (n, ==, g_list_model_get_n_items (vw_connection_get_domains (connection)));
}

static void
test_lab_shape (void)
{
  g_autofree char *uri = vw_sandbox_get_uri ();
  g_autoptr(VwConnection) connection = vw_test_open_connection (uri);
  GListModel *domains = vw_connection_get_domains (connection);
  g_autofree char *nets = vw_test_run_virsh (uri, "net-list", "--all", "--name", NULL);
  g_autofree char *pools = vw_test_run_virsh (uri, "pool-list", "--all", "--name", NULL);
  g_autofree char *snapshots = vw_test_run_virsh (uri, "snapshot-list", "web01", "--name", NULL);
  g_autofree char *xml = vw_test_run_virsh (uri, "dumpxml", "web01", NULL);
  gboolean states[8] = { FALSE, };
  guint n_states = 0;

  /* At least four machines in different states, with VNC graphics. */
  g_assert_cmpuint (g_list_model_get_n_items (domains), >=, 4);
  for (guint i = 0; i < g_list_model_get_n_items (domains); i++)
    {
      g_autoptr(VwDomain) domain = g_list_model_get_item (domains, i);

      states[vw_domain_get_state (domain)] = TRUE;
      g_assert_cmpuint (vw_domain_get_memory (domain), >, 0);
    }
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    n_states += states[i];
  g_assert_cmpuint (n_states, >=, 3);
  g_assert_nonnull (strstr (xml, "<graphics type='vnc'"));
  g_assert_nonnull (strstr (xml, "<disk type='file' device='disk'>"));
  g_assert_nonnull (strstr (xml, "<interface type='network'>"));

  g_assert_nonnull (strstr (nets, "default"));
  g_assert_nonnull (strstr (nets, "labnet"));
  g_assert_nonnull (strstr (pools, "default"));
  g_assert_nonnull (strstr (pools, "isos"));
  g_assert_nonnull (strstr (snapshots, "baseline"));
  g_assert_nonnull (strstr (snapshots, "site-deployed"));
}

static void
test_uri (void)
{
  g_autofree char *uri = vw_sandbox_uri_for_path ("/tmp/my lab/node.xml");

  g_assert_cmpstr (uri, ==, "test:///tmp/my%20lab/node.xml");
  g_assert_false (vw_sandbox_is_uri ("qemu:///system"));
}

static gboolean
is_not_connecting (gpointer data)
{
  return vw_connection_get_status (data) != VW_CONNECTION_STATUS_CONNECTING;
}

static void
test_bad_uri (void)
{
  static const char *bad[] = { "nosuchdriver:///nowhere", "test:///no/such/node.xml", "::not a uri::" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(VwConnection) connection = vw_connection_new (bad[i]);

      vw_connection_open_async (connection, NULL, NULL, NULL);
      g_assert_true (vw_test_wait_until (is_not_connecting, connection, 10000));
      g_assert_cmpint (vw_connection_get_status (connection), ==, VW_CONNECTION_STATUS_FAILED);
      g_assert_nonnull (vw_connection_get_error_message (connection));
      g_assert_cmpuint (g_list_model_get_n_items (vw_connection_get_domains (connection)), ==, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  vw_test_init (&argc, &argv);

  g_test_add_func ("/sandbox/model-matches-virsh", test_model_matches_virsh);
  g_test_add_func ("/sandbox/lab-shape", test_lab_shape);
  g_test_add_func ("/sandbox/uri", test_uri);
  g_test_add_func ("/sandbox/bad-uri", test_bad_uri);

  return g_test_run ();
}
