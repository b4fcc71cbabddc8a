/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-topology"

#include "vw-domain-config.h"
#include "vw-network.h"
#include "vw-pool.h"
#include "vw-topology-private.h"

/* Building the graph: nodes from the connection's lists, edges from each
 * machine's interfaces and disks (as last read), overlays to their backing
 * images, and the networks' way out. */

typedef struct
{
  VwTopology *self;
  GHashTable *net_by_name;     /* kind:name → index + 1 */
  GHashTable *net_by_bridge;   /* bridge → index + 1 */
  GHashTable *volume_by_path;  /* path → index + 1 */
  GHashTable *volume_by_name;  /* pool/volume → index + 1 */
} Build;

static const char *
keep (VwTopology *self,
      const char *text)
{
  return text != NULL ? g_string_chunk_insert_const (self->strings, text) : NULL;
}

/* 192.168.122.1 with prefix 24 → 192.168.122.0/24. */
static const char *
subnet_of (VwTopology *self,
           const char *address,
           guint       prefix)
{
  g_autoptr(GInetAddress) inet = address != NULL ? g_inet_address_new_from_string (address) : NULL;
  g_autofree char *text = NULL;
  const guint8 *b;
  guint32 value;

  if (inet == NULL || g_inet_address_get_family (inet) != G_SOCKET_FAMILY_IPV4 || prefix > 32)
    return NULL;
  b = g_inet_address_to_bytes (inet);
  value = ((guint32) b[0] << 24) | ((guint32) b[1] << 16) | ((guint32) b[2] << 8) | b[3];
  value &= prefix == 0 ? 0 : G_MAXUINT32 << (32 - prefix);
  text = g_strdup_printf ("%u.%u.%u.%u/%u", value >> 24, (value >> 16) & 0xff, (value >> 8) & 0xff,
                          value & 0xff, prefix);
  return keep (self, text);
}

static void
add_edge (VwTopology         *self,
          VwTopologyEdgeKind  kind,
          guint               from,
          guint               to,
          const char         *target,
          gboolean            readonly)
{
  VwTopologyEdge edge = { kind, from, to, keep (self, target), readonly };

  /* Two interfaces on one network make one line. A machine's interfaces
   * are added together, so only the last edges need a look. */
  for (guint i = self->edges->len; kind == VW_TOPOLOGY_EDGE_NETWORK && i > 0; i--)
    {
      VwTopologyEdge *last = &g_array_index (self->edges, VwTopologyEdge, i - 1);

      if (last->kind != kind || last->from != from)
        break;
      if (last->to == to)
        return;
    }
  g_array_append_val (self->edges, edge);
}

/* The network node of that kind and name, added if new: a host's bridge
 * or device puts a machine on the host's LAN, and user-mode networking is
 * NAT done by QEMU, so all of those reach the outside. */
static guint
add_network (Build             *build,
             VwTopologyNetKind  kind,
             const char        *name)
{
  GArray *nodes = build->self->nodes[VW_TOPOLOGY_KIND_NETWORK];
  g_autofree char *key = g_strdup_printf ("%d:%s", kind, name);
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (build->net_by_name, key));
  VwTopologyNetwork n = { kind, keep (build->self, name), NULL, NULL, NULL, TRUE, TRUE,
                          kind != VW_TOPOLOGY_NET_LIBVIRT };

  if (index > 0)
    return index - 1;
  g_array_append_val (nodes, n);
  g_hash_table_insert (build->net_by_name, g_steal_pointer (&key), GUINT_TO_POINTER (nodes->len));
  return nodes->len - 1;
}

static void
build_networks (Build *build)
{
  VwTopology *self = build->self;
  GListModel *model = vw_connection_get_networks (self->connection);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(VwNetwork) network = g_list_model_get_item (model, i);
      guint index = add_network (build, VW_TOPOLOGY_NET_LIBVIRT, vw_network_get_name (network));
      VwTopologyNetwork *n = NODE (self, VwTopologyNetwork, VW_TOPOLOGY_KIND_NETWORK, index);

      n->mode = keep (self, vw_network_get_forward_mode (network));
      n->subnet = subnet_of (self, vw_network_get_address (network),
                             vw_network_get_prefix (network));
      n->bridge = keep (self, vw_network_get_bridge (network));
      n->active = vw_virt_object_get_active (VW_VIRT_OBJECT (network));
      n->reaches_outside = n->mode != NULL && !g_str_equal (n->mode, "isolated");
      if (n->bridge != NULL)
        g_hash_table_insert (build->net_by_bridge, (char *) n->bridge,
                             GUINT_TO_POINTER (index + 1));
    }
}

static guint
add_volume (Build      *build,
            const char *name,
            const char *path,
            int         pool)
{
  GArray *nodes = build->self->nodes[VW_TOPOLOGY_KIND_VOLUME];
  VwTopologyVolume v = { keep (build->self, name), keep (build->self, path), NULL, NULL, pool };

  g_array_append_val (nodes, v);
  if (path != NULL && !g_hash_table_contains (build->volume_by_path, path))
    g_hash_table_insert (build->volume_by_path, (char *) v.path, GUINT_TO_POINTER (nodes->len));
  return nodes->len - 1;
}

/* The volume at @path, or a node for a file that is in no pool. */
static guint
volume_at (Build      *build,
           const char *path)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (build->volume_by_path, path));
  g_autofree char *base = NULL;

  if (index > 0)
    return index - 1;
  base = g_path_get_basename (path);
  return add_volume (build, base, path, -1);
}

static void
build_storage (Build *build)
{
  VwTopology *self = build->self;
  GListModel *model = vw_connection_get_pools (self->connection);
  guint n_in_pools;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(VwPool) pool = g_list_model_get_item (model, i);
      GListModel *list = vw_pool_get_volumes (pool);
      VwTopologyPool p = { keep (self, vw_pool_get_name (pool)),
                          keep (self, vw_pool_get_pool_type (pool)),
                           vw_virt_object_get_active (VW_VIRT_OBJECT (pool)) };

      g_array_append_val (self->nodes[VW_TOPOLOGY_KIND_POOL], p);
      for (guint j = 0; j < g_list_model_get_n_items (list); j++)
        {
          g_autoptr(VwVolume) volume = g_list_model_get_item (list, j);
          guint index = add_volume (build, vw_volume_get_name (volume),
                                    vw_volume_get_path (volume), i);
          VwTopologyVolume *v = NODE (self, VwTopologyVolume, VW_TOPOLOGY_KIND_VOLUME, index);

          v->format = keep (self, vw_volume_get_format (volume));
          v->backing = keep (self, vw_volume_get_backing (volume));
          g_hash_table_insert (build->volume_by_name, g_strdup_printf ("%s/%s", p.name, v->name),
                               GUINT_TO_POINTER (index + 1));
        }
    }

  /* Backing chains; a backing file in no pool gets a node of its own. */
  n_in_pools = self->nodes[VW_TOPOLOGY_KIND_VOLUME]->len;
  for (guint i = 0; i < n_in_pools; i++)
    {
      const char *backing = NODE (self, VwTopologyVolume, VW_TOPOLOGY_KIND_VOLUME, i)->backing;

      if (backing != NULL)
        add_edge (self, VW_TOPOLOGY_EDGE_BACKING, i, volume_at (build, backing), NULL, FALSE);
    }
}

static void
build_interface (Build             *build,
                 guint              machine,
                 VwInterfaceConfig *iface)
{
  VwTopology *self = build->self;
  const char *type = iface->type != NULL ? iface->type : "";
  const char *source = iface->source;
  guint index;

  if (g_str_equal (type, "network") && source != NULL)
    {
      g_autofree char *key = g_strdup_printf ("%d:%s", VW_TOPOLOGY_NET_LIBVIRT, source);
      gboolean known = g_hash_table_contains (build->net_by_name, key);
      VwTopologyNetwork *n;

      index = add_network (build, VW_TOPOLOGY_NET_LIBVIRT, source);
      n = NODE (self, VwTopologyNetwork, VW_TOPOLOGY_KIND_NETWORK, index);
      /* A network libvirt does not have: the machine will not start. */
      n->defined = n->defined && known;
      n->active = n->active && known;
      n->reaches_outside = n->reaches_outside && known;
    }
  else if (g_str_equal (type, "bridge") && source != NULL)
    {
      /* A libvirt network's own bridge named directly is that network. */
      index = GPOINTER_TO_UINT (g_hash_table_lookup (build->net_by_bridge, source));
      index = index > 0 ? index - 1 : add_network (build, VW_TOPOLOGY_NET_HOST_BRIDGE, source);
    }
  else if (g_str_equal (type, "direct") && source != NULL)
    index = add_network (build, VW_TOPOLOGY_NET_HOST_DEVICE, source);
  else if (g_str_equal (type, "user"))
    index = add_network (build, VW_TOPOLOGY_NET_USER, "user");
  else
    return;
  add_edge (self, VW_TOPOLOGY_EDGE_NETWORK, machine, index, NULL, FALSE);
}

static void
build_disk (Build        *build,
            guint         machine,
            VwDiskConfig *disk)
{
  gboolean readonly = disk->readonly || g_strcmp0 (disk->device, "cdrom") == 0;
  guint index;

  if (disk->source == NULL)
    return;
  /* <source pool='default' volume='web01.qcow2'/> reads as "default/web01.qcow2". */
  index = GPOINTER_TO_UINT (g_strcmp0 (disk->type, "volume") == 0
                            ? g_hash_table_lookup (build->volume_by_name, disk->source) : NULL);
  index = index > 0 ? index - 1 : volume_at (build, disk->source);
  add_edge (build->self, VW_TOPOLOGY_EDGE_DISK, machine, index, disk->target, readonly);
}

static void
build_machines (Build *build)
{
  VwTopology *self = build->self;
  GListModel *model = vw_connection_get_domains (self->connection);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(VwDomain) domain = g_list_model_get_item (model, i);
      Entry *entry = g_hash_table_lookup (self->entries, domain);
      VwTopologyMachine m = { keep (self, vw_domain_get_name (domain)),
                             vw_domain_get_state (domain),
                              entry != NULL && entry->config != NULL };

      g_array_append_val (self->nodes[VW_TOPOLOGY_KIND_MACHINE], m);
      if (!m.config_read)
        continue;
      for (guint j = 0; j < entry->config->interfaces->len; j++)
        build_interface (build, i, entry->config->interfaces->pdata[j]);
      for (guint j = 0; j < entry->config->disks->len; j++)
        build_disk (build, i, entry->config->disks->pdata[j]);
    }
}

/* Rebuilds the nodes and edges from the lists and the XML read so far. */
void
vw_topology_rebuild (VwTopology *self)
{
  Build build = { self };

  for (guint k = 0; k < G_N_ELEMENTS (self->nodes); k++)
    g_array_set_size (self->nodes[k], 0);
  g_array_set_size (self->edges, 0);
  g_string_chunk_clear (self->strings);

  build.net_by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  build.net_by_bridge = g_hash_table_new (g_str_hash, g_str_equal);
  build.volume_by_path = g_hash_table_new (g_str_hash, g_str_equal);
  build.volume_by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  build_networks (&build);
  build_storage (&build);
  build_machines (&build);
  for (guint i = 0; i < self->nodes[VW_TOPOLOGY_KIND_NETWORK]->len; i++)
    if (NODE (self, VwTopologyNetwork, VW_TOPOLOGY_KIND_NETWORK, i)->reaches_outside)
      add_edge (self, VW_TOPOLOGY_EDGE_OUTSIDE, i, 0, NULL, FALSE);

  g_hash_table_unref (build.net_by_name);
  g_hash_table_unref (build.net_by_bridge);
  g_hash_table_unref (build.volume_by_path);
  g_hash_table_unref (build.volume_by_name);
}
