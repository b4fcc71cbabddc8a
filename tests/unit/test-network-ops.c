/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "vw-network.h"
#include "vw-network-spec.h"
#include "vw-test-ops.h"
#include "vw-test-util.h"
#include "vw-validate.h"
#include "vw-virt.h"

/* Virtual networks and network filters on the sandbox lab, and the checks
 * of the "New network" form. */

typedef VwTestOps Fixture;

static VwNetwork *
network (Fixture    *fixture,
         const char *name)
{
  VwNetwork *n = vw_test_ops_find (vw_connection_get_networks (fixture->connection), name);

  g_assert_nonnull (n);
  return n;
}

static gboolean
is_active (VwNetwork *n)
{
  return vw_virt_object_get_active (VW_VIRT_OBJECT (n));
}

static void
test_network_model (Fixture       *fixture,
                    gconstpointer  data)
{
  VwNetwork *def = network (fixture, "default");
  VwNetwork *lab = network (fixture, "labnet");

  g_assert_cmpstr (vw_network_get_forward_mode (def), ==, "nat");
  g_assert_cmpstr (vw_network_get_address (def), ==, "192.168.122.1");
  g_assert_cmpuint (vw_network_get_prefix (def), ==, 24);
  g_assert_cmpstr (vw_network_get_dhcp_start (def), ==, "192.168.122.2");
  g_assert_cmpstr (vw_network_get_dhcp_end (def), ==, "192.168.122.254");
  g_assert_false (vw_network_is_isolated (def));
  g_assert_true (vw_network_is_isolated (lab));
  g_assert_cmpstr (vw_network_get_dhcp_start (lab), ==, "10.10.10.100");
}

static void
define_spec (Fixture             *fixture,
             const VwNetworkSpec *spec)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = vw_network_spec_to_xml (spec, &error);

  g_assert_no_error (error);
  vw_connection_define_network_async (fixture->connection, xml, NULL, vw_test_ops_done,
                                      vw_test_ops_begin (fixture));
  vw_test_ops_wait (fixture);
}

static void
run (Fixture    *fixture,
     VwNetwork  *n,
     const char *what)
{
  vw_test_ops_begin (fixture);
  if (g_str_equal (what, "start"))
    vw_network_start_async (n, NULL, vw_test_ops_done, fixture);
  else if (g_str_equal (what, "stop"))
    vw_network_stop_async (n, NULL, vw_test_ops_done, fixture);
  else if (g_str_equal (what, "autostart"))
    vw_network_set_autostart_async (n, TRUE, NULL, vw_test_ops_done, fixture);
  else if (g_str_equal (what, "no-autostart"))
    vw_network_set_autostart_async (n, FALSE, NULL, vw_test_ops_done, fixture);
  else if (g_str_equal (what, "undefine"))
    vw_network_undefine_async (n, NULL, vw_test_ops_done, fixture);
  else
    g_assert_not_reached ();
  vw_test_ops_wait (fixture);
  g_assert_no_error (fixture->error);
}

static void
test_lifecycle (Fixture       *fixture,
                gconstpointer  data)
{
  static const char *modes[] = { "nat", "route", "isolated" };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autofree char *name = g_strdup_printf ("net-%s", modes[i]);
      g_autofree char *address = g_strdup_printf ("10.%u.0.1", 20 + i);
      g_autofree char *start = g_strdup_printf ("10.%u.0.100", 20 + i);
      g_autofree char *end = g_strdup_printf ("10.%u.0.199", 20 + i);
      VwNetworkSpec spec = { name, modes[i], address, 24, start, end };
      g_autofree char *expected = NULL;
      VwNetwork *n;

      define_spec (fixture, &spec);
      g_assert_no_error (fixture->error);
      g_assert_true (g_str_has_prefix (vw_test_ops_last_command (fixture), "net-define /"));
      n = network (fixture, name);
      g_assert_false (is_active (n));
      g_assert_cmpstr (vw_network_get_forward_mode (n), ==, modes[i]);
      g_assert_cmpstr (vw_network_get_dhcp_end (n), ==, end);

      run (fixture, n, "start");
      g_assert_true (is_active (n));
      expected = g_strdup_printf ("net-start %s", name);
      g_assert_cmpstr (vw_test_ops_last_command (fixture), ==, expected);

      run (fixture, n, "autostart");
      g_assert_true (vw_virt_object_get_autostart (VW_VIRT_OBJECT (n)));
      run (fixture, n, "no-autostart");
      g_assert_false (vw_virt_object_get_autostart (VW_VIRT_OBJECT (n)));
      g_free (expected);
      expected = g_strdup_printf ("net-autostart %s --disable", name);
      g_assert_cmpstr (vw_test_ops_last_command (fixture), ==, expected);

      vw_network_get_xml_async (n, FALSE, NULL, vw_test_ops_done_string, vw_test_ops_begin (fixture));
      vw_test_ops_wait (fixture);
      g_assert_no_error (fixture->error);
      g_assert_nonnull (strstr (fixture->result, start));

      run (fixture, n, "stop");
      g_assert_false (is_active (n));
      run (fixture, n, "undefine");
      g_free (expected);
      expected = g_strdup_printf ("net-undefine %s", name);
      g_assert_cmpstr (vw_test_ops_last_command (fixture), ==, expected);
      g_assert_null (vw_test_ops_find (vw_connection_get_networks (fixture->connection), name));
    }
}

static void
test_spec_refusals (void)
{
  static const VwNetworkSpec bad[] = {
    { "outside", "nat", "192.168.50.1", 24, "192.168.51.10", "192.168.51.20" },  /* range outside */
    { "half-out", "nat", "192.168.50.1", 24, "192.168.50.10", "192.168.51.20" },
    { "reversed", "nat", "192.168.50.1", 24, "192.168.50.200", "192.168.50.100" },
    { "gateway", "nat", "192.168.50.1", 24, "192.168.50.1", "192.168.50.100" },
    { "broadcast", "nat", "192.168.50.1", 24, "192.168.50.2", "192.168.50.255" },
    { "half", "nat", "192.168.50.1", 24, "192.168.50.2", NULL },
    { "notip", "nat", "192.168.50.1", 24, "192.168.50.x", "192.168.50.9" },
    { "netaddr", "nat", "192.168.50.0", 24, NULL, NULL },
    { "v6", "nat", "fd00::1", 64, NULL, NULL },
    { "prefix", "nat", "192.168.50.1", 31, NULL, NULL },
    { "mode", "bridge", "192.168.50.1", 24, NULL, NULL },
    { "bad/name", "nat", "192.168.50.1", 24, NULL, NULL },
  };
  static const VwNetworkSpec good[] = {
    { "plain", "isolated", "192.168.50.1", 24, NULL, NULL },
    { "small", "route", "172.16.4.1", 28, "172.16.4.2", "172.16.4.14" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *xml = vw_network_spec_to_xml (&bad[i], &error);

      g_assert_null (xml);
      g_assert_nonnull (error);
      g_assert_true (error->domain == VW_VALIDATE_ERROR);
    }
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *xml = vw_network_spec_to_xml (&good[i], &error);

      g_assert_no_error (error);
      g_assert_nonnull (strstr (xml, "<network>"));
      g_assert_true ((strstr (xml, "<forward") != NULL) == !g_str_equal (good[i].mode, "isolated"));
    }
}

static void
test_define_refusals (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char *bad[] = {
    "<network><name>broken</name>",                    /* not well formed */
    "<domain><name>wrong-root</name></domain>",
    "<network><ip address='10.0.0.1'/></network>",       /* no name */
    "<network><name>a/b</name></network>",
  };
  guint n = g_list_model_get_n_items (vw_connection_get_networks (fixture->connection));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      vw_connection_define_network_async (fixture->connection, bad[i], NULL, vw_test_ops_done,
                                          vw_test_ops_begin (fixture));
      vw_test_ops_wait (fixture);
      g_assert_nonnull (fixture->error);
      g_assert_true (fixture->error->domain == VW_VALIDATE_ERROR);
    }
  /* libvirt refuses stopping a stopped network and starting a running one. */
  vw_network_start_async (network (fixture, "default"), NULL, vw_test_ops_done, vw_test_ops_begin (fixture));
  vw_test_ops_wait (fixture);
  g_assert_true (fixture->error != NULL && fixture->error->domain == VW_VIRT_ERROR);

  g_assert_cmpuint (vw_test_ops_n_commands (fixture), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (vw_connection_get_networks (fixture->connection)), ==, n);
}

static void
test_leases_and_filters_unsupported (Fixture       *fixture,
                                     gconstpointer  data)
{
  /* The test driver has neither DHCP leases nor network filters; the
   * message is libvirt's own, and the real daemon's test covers both. */
  vw_network_get_leases_async (network (fixture, "default"), NULL, vw_test_ops_done_string,
                               vw_test_ops_begin (fixture));
  vw_test_ops_wait (fixture);
  g_assert_true (vw_virt_error_is (fixture->error, VIR_ERR_NO_SUPPORT));

  vw_connection_define_filter_async (fixture->connection,
                                     "<filter name='no-spoof' chain='root'><rule action='drop' direction='out'><mac match='no' srcmacaddr='$MAC'/></rule></filter>",
                                     NULL, vw_test_ops_done, vw_test_ops_begin (fixture));
  vw_test_ops_wait (fixture);
  g_assert_true (vw_virt_error_is (fixture->error, VIR_ERR_NO_SUPPORT));

  vw_connection_define_filter_async (fixture->connection, "<filter chain='root'/>", NULL,
                                     vw_test_ops_done, vw_test_ops_begin (fixture));
  vw_test_ops_wait (fixture);
  g_assert_error (fixture->error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_XML);
  g_assert_cmpuint (vw_test_ops_n_commands (fixture), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  vw_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, vw_test_ops_setup, func, vw_test_ops_teardown)
  ADD ("/networks/model", test_network_model);
  ADD ("/networks/lifecycle", test_lifecycle);
  ADD ("/networks/define-refusals", test_define_refusals);
  ADD ("/networks/leases-and-filters-unsupported", test_leases_and_filters_unsupported);
#undef ADD
  g_test_add_func ("/networks/spec-refusals", test_spec_refusals);

  return g_test_run ();
}
