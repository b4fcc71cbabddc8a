/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "vw-network-spec.h"
#include "vw-network.h"
#include "vw-pool.h"
#include "vw-test-ops.h"
#include "vw-test-util.h"
#include "vw-topology.h"

/* The lab as a graph, on the sandbox: who is on which network, which
 * volume each disk is, which networks reach the outside, and that changes
 * made in the lab show in the graph once it says it changed. */

typedef struct
{
  VwTestOps ops;
  VwTopology *topology;
  guint n_changed;
} Fixture;

static void
on_changed (VwTopology *topology,
            Fixture    *fixture)
{
  fixture->n_changed++;
}

static gboolean
is_settled (gpointer data)
{
  return !vw_topology_get_busy (data);
}

/* Waits for the reads and the update that follow whatever just happened. */
static void
settle (Fixture *fixture)
{
  vw_test_wait_ms (20);
  g_assert_true (vw_test_wait_until (is_settled, fixture->topology, 10000));
}

static void
setup (Fixture       *fixture,
       gconstpointer  data)
{
  vw_test_ops_setup (&fixture->ops, data);
  fixture->topology = vw_topology_new (fixture->ops.connection);
  g_signal_connect (fixture->topology, "changed", G_CALLBACK (on_changed), fixture);
  vw_topology_set_active (fixture->topology, TRUE);
  settle (fixture);
}

static void
teardown (Fixture       *fixture,
          gconstpointer  data)
{
  g_assert_finalize_object (fixture->topology);
  vw_test_ops_teardown (&fixture->ops, data);
}

static int
net (Fixture    *fixture,
     const char *name)
{
  return vw_topology_find (fixture->topology, VW_TOPOLOGY_KIND_NETWORK, name);
}

static int
machine (Fixture    *fixture,
         const char *name)
{
  return vw_topology_find (fixture->topology, VW_TOPOLOGY_KIND_MACHINE, name);
}

static gboolean
on_network (Fixture    *fixture,
            const char *machine_name,
            const char *network_name)
{
  return vw_topology_has_edge (fixture->topology, VW_TOPOLOGY_EDGE_NETWORK,
                               machine (fixture, machine_name), net (fixture, network_name));
}

static gboolean
uses (Fixture    *fixture,
      const char *machine_name,
      const char *pool,
      const char *volume)
{
  return vw_topology_has_edge (fixture->topology, VW_TOPOLOGY_EDGE_DISK,
                               machine (fixture, machine_name),
                               vw_topology_find_volume (fixture->topology, pool, volume));
}

static gboolean
reaches_outside (Fixture    *fixture,
                 const char *network_name)
{
  return vw_topology_has_edge (fixture->topology, VW_TOPOLOGY_EDGE_OUTSIDE,
                               net (fixture, network_name), 0);
}

static void
test_sandbox (Fixture       *fixture,
              gconstpointer  data)
{
  VwTopology *t = fixture->topology;
  const VwTopologyNetwork *def, *lab;
  guint n_disks = 0;
  int iso;

  g_assert_cmpuint (fixture->n_changed, >=, 1);
  g_assert_cmpuint (vw_topology_get_n_nodes (t, VW_TOPOLOGY_KIND_NETWORK), ==, 2);
  g_assert_cmpuint (vw_topology_get_n_nodes (t, VW_TOPOLOGY_KIND_MACHINE), ==, 5);
  g_assert_cmpuint (vw_topology_get_n_nodes (t, VW_TOPOLOGY_KIND_POOL), ==, 2);
  /* Every disk of the sandbox is a volume of a pool: no extra nodes. */
  g_assert_cmpuint (vw_topology_get_n_nodes (t, VW_TOPOLOGY_KIND_VOLUME), ==, 7);

  def = vw_topology_get_network (t, net (fixture, "default"));
  lab = vw_topology_get_network (t, net (fixture, "labnet"));
  g_assert_cmpstr (def->mode, ==, "nat");
  g_assert_cmpstr (def->subnet, ==, "192.168.122.0/24");
  g_assert_cmpstr (def->bridge, ==, "virbr0");
  g_assert_true (def->active && def->defined && def->reaches_outside);
  g_assert_cmpstr (lab->mode, ==, "isolated");
  g_assert_cmpstr (lab->subnet, ==, "10.10.10.0/24");
  g_assert_false (lab->reaches_outside);

  /* The lesson: the NAT network has a way out, the isolated one none. */
  g_assert_true (reaches_outside (fixture, "default"));
  g_assert_false (reaches_outside (fixture, "labnet"));

  g_assert_true (on_network (fixture, "web01", "default"));
  g_assert_true (on_network (fixture, "db01", "default"));
  g_assert_true (on_network (fixture, "builder", "default"));
  g_assert_true (on_network (fixture, "router", "default"));
  g_assert_true (on_network (fixture, "router", "labnet"));
  g_assert_true (on_network (fixture, "client01", "labnet"));
  g_assert_false (on_network (fixture, "client01", "default"));
  g_assert_false (on_network (fixture, "web01", "labnet"));

  g_assert_true (uses (fixture, "web01", "default", "web01.qcow2"));
  g_assert_true (uses (fixture, "db01", "default", "db01.qcow2"));
  g_assert_true (uses (fixture, "db01", "default", "db01-data.raw"));
  g_assert_true (uses (fixture, "client01", "isos", "debian-12-netinst.iso"));
  g_assert_false (uses (fixture, "web01", "default", "db01.qcow2"));

  iso = vw_topology_find_volume (t, "isos", "debian-12-netinst.iso");
  for (guint i = 0; i < vw_topology_get_n_edges (t); i++)
    {
      const VwTopologyEdge *edge = vw_topology_get_edge (t, i);

      if (edge->kind != VW_TOPOLOGY_EDGE_DISK)
        continue;
      n_disks++;
      /* The installation ISO is a read-only CD-ROM; the rest are disks. */
      g_assert_true (edge->readonly == (edge->to == (guint) iso));
      g_assert_nonnull (edge->target);
    }
  g_assert_cmpuint (n_disks, ==, 7);

  g_assert_cmpint (vw_topology_get_machine (t, machine (fixture, "web01"))->state, ==,
                   VW_DOMAIN_STATE_RUNNING);
  g_assert_cmpint (vw_topology_get_machine (t, machine (fixture, "router"))->state, ==,
                   VW_DOMAIN_STATE_PAUSED);
  g_assert_true (vw_topology_get_machine (t, machine (fixture, "db01"))->config_read);
  g_assert_cmpint (vw_topology_get_volume (t, vw_topology_find_volume (t, "default",
                                                                       "web01.qcow2"))->pool,
                   ==, vw_topology_find (t, VW_TOPOLOGY_KIND_POOL, "default"));
}

static VwNetwork *
define_network (Fixture    *fixture,
                const char *name,
                const char *mode,
                const char *address)
{
  VwNetworkSpec spec = { name, mode, address, 24, NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = vw_network_spec_to_xml (&spec, &error);

  g_assert_no_error (error);
  vw_connection_define_network_async (fixture->ops.connection, xml, NULL, vw_test_ops_done,
                                      vw_test_ops_begin (&fixture->ops));
  vw_test_ops_wait (&fixture->ops);
  g_assert_no_error (fixture->ops.error);
  return vw_test_ops_find (vw_connection_get_networks (fixture->ops.connection), name);
}

static void
test_networks_change (Fixture       *fixture,
                      gconstpointer  data)
{
  VwNetwork *routed, *backend;
  guint changed;
  int index;

  routed = define_network (fixture, "dmz", "route", "10.30.0.1");
  define_network (fixture, "backend", "isolated", "10.40.0.1");
  settle (fixture);
  index = net (fixture, "dmz");
  g_assert_cmpint (index, >=, 0);
  g_assert_cmpstr (vw_topology_get_network (fixture->topology, index)->subnet, ==, "10.30.0.0/24");
  g_assert_false (vw_topology_get_network (fixture->topology, index)->active);
  g_assert_true (reaches_outside (fixture, "dmz"));
  g_assert_cmpint (net (fixture, "backend"), >=, 0);
  g_assert_false (reaches_outside (fixture, "backend"));

  changed = fixture->n_changed;
  vw_network_start_async (routed, NULL, vw_test_ops_done, vw_test_ops_begin (&fixture->ops));
  vw_test_ops_wait (&fixture->ops);
  g_assert_no_error (fixture->ops.error);
  settle (fixture);
  g_assert_cmpuint (fixture->n_changed, >, changed);
  /* One operation, one burst of events: coalesced into few updates. */
  g_assert_cmpuint (fixture->n_changed - changed, <=, 3);
  g_assert_true (vw_topology_get_network (fixture->topology, net (fixture, "dmz"))->active);

  backend = vw_test_ops_find (vw_connection_get_networks (fixture->ops.connection), "backend");
  vw_network_undefine_async (backend, NULL, vw_test_ops_done, vw_test_ops_begin (&fixture->ops));
  vw_test_ops_wait (&fixture->ops);
  settle (fixture);
  g_assert_cmpint (net (fixture, "backend"), ==, -1);
}

static void
test_overlay (Fixture       *fixture,
              gconstpointer  data)
{
  VwPool *pool = vw_test_ops_find (vw_connection_get_pools (fixture->ops.connection), "default");
  VwTopology *t = fixture->topology;

  vw_pool_create_volume_async (pool, "web01-overlay.qcow2", G_GUINT64_CONSTANT (1) << 30, "qcow2",
                               "web01.qcow2", NULL, vw_test_ops_done,
                               vw_test_ops_begin (&fixture->ops));
  vw_test_ops_wait (&fixture->ops);
  g_assert_no_error (fixture->ops.error);
  settle (fixture);
  g_assert_true (vw_topology_has_edge (t, VW_TOPOLOGY_EDGE_BACKING,
                                       vw_topology_find_volume (t, "default",
                                                                "web01-overlay.qcow2"),
                                       vw_topology_find_volume (t, "default", "web01.qcow2")));
  g_assert_false (vw_topology_has_edge (t, VW_TOPOLOGY_EDGE_BACKING,
                                        vw_topology_find_volume (t, "default", "web01.qcow2"),
                                        vw_topology_find_volume (t, "default",
                                                                 "web01-overlay.qcow2")));
}

/* The machine's current XML with one more <interface type='network'>, by
 * libxml2 rather than by pasting strings. */
static char *
with_interface (const char *xml,
                const char *network_name)
{
  xmlDoc *doc = xmlReadMemory (xml, (int) strlen (xml), "domain.xml", NULL, XML_PARSE_NONET);
  xmlNode *devices = NULL;
  xmlNode *iface, *source;
  xmlChar *buffer = NULL;
  int size = 0;
  char *result;

  g_assert_nonnull (doc);
  for (xmlNode *child = xmlDocGetRootElement (doc)->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE && xmlStrEqual (child->name, (const xmlChar *) "devices"))
      devices = child;
  g_assert_nonnull (devices);
  iface = xmlNewChild (devices, NULL, (const xmlChar *) "interface", NULL);
  xmlSetProp (iface, (const xmlChar *) "type", (const xmlChar *) "network");
  source = xmlNewChild (iface, NULL, (const xmlChar *) "source", NULL);
  xmlSetProp (source, (const xmlChar *) "network", (const xmlChar *) network_name);
  xmlDocDumpMemory (doc, &buffer, &size);
  result = g_strndup ((const char *) buffer, size);
  xmlFree (buffer);
  xmlFreeDoc (doc);
  return result;
}

static void
define_domain (Fixture    *fixture,
               const char *xml)
{
  vw_connection_define_domain_async (fixture->ops.connection, xml, NULL, vw_test_ops_done,
                                     vw_test_ops_begin (&fixture->ops));
  vw_test_ops_wait (&fixture->ops);
  g_assert_no_error (fixture->ops.error);
}

/* A shut-off machine redefined with one more interface: the graph shows
 * the live definition, which for a running machine changes only when it
 * restarts. */
static void
test_attach_interface (Fixture       *fixture,
                       gconstpointer  data)
{
  VwDomain *db = vw_connection_find_domain (fixture->ops.connection, "db01");
  g_autofree char *xml = NULL;

  g_assert_false (on_network (fixture, "db01", "labnet"));
  vw_domain_get_xml_async (db, TRUE, NULL, vw_test_ops_done_string,
                           vw_test_ops_begin (&fixture->ops));
  vw_test_ops_wait (&fixture->ops);
  g_assert_no_error (fixture->ops.error);
  xml = with_interface (fixture->ops.result, "labnet");
  define_domain (fixture, xml);
  settle (fixture);
  g_assert_true (on_network (fixture, "db01", "labnet"));
  g_assert_true (on_network (fixture, "db01", "default"));

  /* A state change shows too. */
  vw_domain_run_async (db, VW_DOMAIN_ACTION_START, NULL, vw_test_ops_done,
                       vw_test_ops_begin (&fixture->ops));
  vw_test_ops_wait (&fixture->ops);
  g_assert_no_error (fixture->ops.error);
  settle (fixture);
  g_assert_cmpint (vw_topology_get_machine (fixture->topology, machine (fixture, "db01"))->state,
                   ==, VW_DOMAIN_STATE_RUNNING);
}

/* Interfaces and disks of every other kind: a host bridge, macvtap, a
 * network that does not exist, a libvirt network's bridge named directly,
 * a pool volume named by pool and volume, and a file in no pool. */
static const char other_kinds_xml[] =
  "<domain type='test'><name>oddball</name><memory unit='MiB'>256</memory><vcpu>1</vcpu>"
  "<os><type arch='x86_64'>hvm</type></os><devices>"
  "<disk type='volume' device='disk'><source pool='default' volume='builder.qcow2'/>"
  "<target dev='vda' bus='virtio'/></disk>"
  "<disk type='file' device='disk'><source file='/srv/images/loose.img'/>"
  "<target dev='vdb' bus='virtio'/></disk>"
  "<interface type='bridge'><source bridge='br0'/></interface>"
  "<interface type='direct'><source dev='eth0' mode='bridge'/></interface>"
  "<interface type='network'><source network='nowhere'/></interface>"
  "<interface type='bridge'><source bridge='virbr1'/></interface>"
  "</devices></domain>";

static void
test_other_kinds (Fixture       *fixture,
                  gconstpointer  data)
{
  VwTopology *t = fixture->topology;
  const VwTopologyNetwork *br0, *eth0, *nowhere;
  int loose;

  define_domain (fixture, other_kinds_xml);
  settle (fixture);
  g_assert_cmpint (machine (fixture, "oddball"), >=, 0);

  br0 = vw_topology_get_network (t, net (fixture, "br0"));
  g_assert_cmpint (br0->kind, ==, VW_TOPOLOGY_NET_HOST_BRIDGE);
  g_assert_true (reaches_outside (fixture, "br0"));
  g_assert_true (on_network (fixture, "oddball", "br0"));
  eth0 = vw_topology_get_network (t, net (fixture, "eth0"));
  g_assert_cmpint (eth0->kind, ==, VW_TOPOLOGY_NET_HOST_DEVICE);
  g_assert_true (on_network (fixture, "oddball", "eth0"));
  nowhere = vw_topology_get_network (t, net (fixture, "nowhere"));
  g_assert_false (nowhere->defined);
  g_assert_false (reaches_outside (fixture, "nowhere"));
  /* virbr1 is labnet's bridge: the machine is on labnet. */
  g_assert_true (on_network (fixture, "oddball", "labnet"));
  g_assert_cmpint (net (fixture, "virbr1"), ==, -1);

  g_assert_true (uses (fixture, "oddball", "default", "builder.qcow2"));
  loose = vw_topology_find_volume (t, NULL, "/srv/images/loose.img");
  g_assert_cmpint (loose, >=, 0);
  g_assert_cmpstr (vw_topology_get_volume (t, loose)->name, ==, "loose.img");
  g_assert_true (vw_topology_has_edge (t, VW_TOPOLOGY_EDGE_DISK, machine (fixture, "oddball"),
                                       loose));

  /* Undefined, it leaves the graph, and so do the nodes only it used. */
  vw_domain_undefine_async (vw_connection_find_domain (fixture->ops.connection, "oddball"), 0, NULL,
                            vw_test_ops_done, vw_test_ops_begin (&fixture->ops));
  vw_test_ops_wait (&fixture->ops);
  g_assert_no_error (fixture->ops.error);
  settle (fixture);
  g_assert_cmpint (machine (fixture, "oddball"), ==, -1);
  g_assert_cmpint (net (fixture, "br0"), ==, -1);
  g_assert_cmpint (vw_topology_find_volume (t, NULL, "/srv/images/loose.img"), ==, -1);
}

/* Hidden, the graph neither follows the lab nor says it changed; shown
 * again, it catches up. */
static void
test_inactive (Fixture       *fixture,
               gconstpointer  data)
{
  guint changed;

  vw_topology_set_active (fixture->topology, FALSE);
  g_assert_false (vw_topology_get_busy (fixture->topology));
  changed = fixture->n_changed;
  define_network (fixture, "later", "nat", "10.50.0.1");
  vw_test_wait_ms (150);
  g_assert_cmpuint (fixture->n_changed, ==, changed);
  g_assert_cmpint (net (fixture, "later"), ==, -1);

  vw_topology_set_active (fixture->topology, TRUE);
  settle (fixture);
  g_assert_cmpuint (fixture->n_changed, >, changed);
  g_assert_true (reaches_outside (fixture, "later"));
  g_assert_true (on_network (fixture, "web01", "default"));
}

int
main (int   argc,
      char *argv[])
{
  vw_test_init (&argc, &argv);

  g_test_add ("/topology/sandbox", Fixture, NULL, setup, test_sandbox, teardown);
  g_test_add ("/topology/networks-change", Fixture, NULL, setup, test_networks_change, teardown);
  g_test_add ("/topology/overlay", Fixture, NULL, setup, test_overlay, teardown);
  g_test_add ("/topology/attach-interface", Fixture, NULL, setup, test_attach_interface, teardown);
  g_test_add ("/topology/other-kinds", Fixture, NULL, setup, test_other_kinds, teardown);
  g_test_add ("/topology/inactive", Fixture, NULL, setup, test_inactive, teardown);

  return g_test_run ();
}
