/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-topology"

#include <glib/gi18n.h>

#include "vw-domain-config.h"
#include "vw-network.h"
#include "vw-pool.h"
#include "vw-topology-private.h"

/* The lab as a graph: networks, machines, pools and volumes, and what joins
 * them (a machine's interfaces and disks, an overlay's backing image, a
 * network's way out). The lists come from the connection's models; what a
 * machine is attached to comes from its XML, read in a worker thread and
 * read again after each of its events. Every change funnels into one
 * update that rebuilds the graph and emits ::changed, at most once per
 * MIN_INTERVAL, so a burst of events costs one rebuild. Nothing is watched
 * or read while inactive: a big lab costs nothing when its picture is not
 * on screen. */

#define MAX_READS 4
#define MIN_INTERVAL_US (50 * G_TIME_SPAN_MILLISECOND)

typedef struct
{
  VwTopology *self;
  GCancellable *cancellable;
} ReadData;

G_DEFINE_FINAL_TYPE (VwTopology, vw_topology, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule_update (VwTopology *self);

/* ----- Reading the machines' XML ----- */

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_clear_signal_handler (&entry->refreshed_id, entry->domain);
  g_clear_signal_handler (&entry->state_id, entry->domain);
  g_object_unref (entry->domain);
  vw_domain_config_free (entry->config);
  g_free (entry);
}

static void
read_data_free (ReadData *data)
{
  g_object_unref (data->self);
  g_object_unref (data->cancellable);
  g_free (data);
}

static void pump_reads (VwTopology *self);

static void
queue_read (VwTopology *self,
            Entry      *entry)
{
  if (entry->reading)
    entry->again = TRUE;
  else if (!entry->queued)
    {
      entry->queued = TRUE;
      g_queue_push_tail (&self->queue, entry);
      pump_reads (self);
    }
}

static void
on_xml_read (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  ReadData *data = user_data;
  VwTopology *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = vw_domain_get_xml_finish (VW_DOMAIN (object), result, &error);
  Entry *entry;

  /* Deactivated meanwhile: the entries and counts were reset. */
  if (g_cancellable_is_cancelled (data->cancellable))
    {
      read_data_free (data);
      return;
    }

  self->n_reading--;
  entry = g_hash_table_lookup (self->entries, object);
  if (entry != NULL)
    {
      entry->reading = FALSE;
      if (xml != NULL && (entry->config == NULL || g_str_hash (xml) != entry->hash))
        {
          g_autoptr(GError) parse_error = NULL;
          VwDomainConfig *config = vw_domain_config_parse (xml, &parse_error);

          if (config != NULL)
            {
              vw_domain_config_free (entry->config);
              entry->config = config;
              entry->hash = g_str_hash (xml);
              schedule_update (self);
            }
          else
            g_debug ("%s: %s", vw_domain_get_name (entry->domain), parse_error->message);
        }
      else if (xml == NULL)
        g_debug ("%s: %s", vw_domain_get_name (entry->domain), error->message);
      if (entry->again)
        {
          entry->again = FALSE;
          queue_read (self, entry);
        }
    }
  pump_reads (self);
  read_data_free (data);
}

static void
pump_reads (VwTopology *self)
{
  while (self->n_reading < MAX_READS && !g_queue_is_empty (&self->queue))
    {
      Entry *entry = g_queue_pop_head (&self->queue);
      ReadData *data = g_new0 (ReadData, 1);

      entry->queued = FALSE;
      entry->reading = TRUE;
      self->n_reading++;
      data->self = g_object_ref (self);
      data->cancellable = g_object_ref (self->cancellable);
      vw_domain_get_xml_async (entry->domain, FALSE, self->cancellable, on_xml_read, data);
    }
}

static void
on_domain_refreshed (VwDomain   *domain,
                     VwTopology *self)
{
  Entry *entry = g_hash_table_lookup (self->entries, domain);

  if (entry != NULL)
    queue_read (self, entry);
}

static void
on_something_changed (VwTopology *self)
{
  schedule_update (self);
}

/* Figures the picture does not show change often (pool usage, busy
 * flags); they cost no rebuild. */
static void
on_object_notify (GObject    *object,
                  GParamSpec *pspec,
                  VwTopology *self)
{
  static const char *ignored[] = { "busy", "autostart", "persistent", "capacity", "allocation",
                                  "available" };

  for (guint i = 0; i < G_N_ELEMENTS (ignored); i++)
    if (g_str_equal (pspec->name, ignored[i]))
      return;
  schedule_update (self);
}

/* ----- Watching the lists ----- */

static void
watch (VwTopology *self,
       GHashTable *next,
       gpointer    object,
       gboolean    is_list)
{
  gpointer handler;
  gulong id;

  if (g_hash_table_steal_extended (self->watches, object, NULL, &handler))
    {
      g_hash_table_insert (next, object, handler);
      return;
    }
  if (is_list)
    id = g_signal_connect_swapped (object, "items-changed",
                                   G_CALLBACK (on_something_changed), self);
  else
    id = g_signal_connect (object, "notify", G_CALLBACK (on_object_notify), self);
  g_hash_table_insert (next, g_object_ref (object), GSIZE_TO_POINTER (id));
}

static void
unwatch_all (GHashTable *watches)
{
  GHashTableIter iter;
  gpointer object, handler;

  g_hash_table_iter_init (&iter, watches);
  while (g_hash_table_iter_next (&iter, &object, &handler))
    {
      g_signal_handler_disconnect (object, GPOINTER_TO_SIZE (handler));
      g_object_unref (object);
    }
  g_hash_table_remove_all (watches);
}

/* Follows the networks, pools and volumes there are now: new ones are
 * watched, vanished ones let go. */
static void
sync_watches (VwTopology *self)
{
  GHashTable *next = g_hash_table_new (NULL, NULL);
  GListModel *networks = vw_connection_get_networks (self->connection);
  GListModel *pools = vw_connection_get_pools (self->connection);

  for (guint i = 0; i < g_list_model_get_n_items (networks); i++)
    {
      g_autoptr(GObject) network = g_list_model_get_item (networks, i);

      watch (self, next, network, FALSE);
    }
  for (guint i = 0; i < g_list_model_get_n_items (pools); i++)
    {
      g_autoptr(VwPool) pool = g_list_model_get_item (pools, i);
      GListModel *volumes = vw_pool_get_volumes (pool);

      watch (self, next, pool, FALSE);
      watch (self, next, volumes, TRUE);
      for (guint j = 0; j < g_list_model_get_n_items (volumes); j++)
        {
          g_autoptr(GObject) volume = g_list_model_get_item (volumes, j);

          watch (self, next, volume, FALSE);
        }
    }
  unwatch_all (self->watches);
  g_hash_table_unref (self->watches);
  self->watches = next;
}

static void
sync_entries (VwTopology *self)
{
  GListModel *domains = vw_connection_get_domains (self->connection);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer key;
  Entry *entry;

  for (guint i = 0; i < g_list_model_get_n_items (domains); i++)
    {
      g_autoptr(VwDomain) domain = g_list_model_get_item (domains, i);

      g_hash_table_add (seen, domain);
      if (g_hash_table_contains (self->entries, domain))
        continue;
      entry = g_new0 (Entry, 1);
      entry->domain = g_object_ref (domain);
      entry->refreshed_id = g_signal_connect (domain, "refreshed",
                                              G_CALLBACK (on_domain_refreshed), self);
      entry->state_id = g_signal_connect_swapped (domain, "notify::state",
                                                  G_CALLBACK (on_something_changed), self);
      g_hash_table_insert (self->entries, domain, entry);
      queue_read (self, entry);
    }

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, &key, (gpointer *) &entry))
    if (!g_hash_table_contains (seen, key))
      {
        if (entry->queued)
          g_queue_remove (&self->queue, entry);
        g_hash_table_iter_remove (&iter);
      }
}

static gboolean
update_now (gpointer user_data)
{
  VwTopology *self = user_data;

  self->update_id = 0;
  sync_watches (self);
  sync_entries (self);
  vw_topology_rebuild (self);
  self->last_update = g_get_monotonic_time ();
  self->serial++;
  g_signal_emit (self, signals[CHANGED], 0);
  return G_SOURCE_REMOVE;
}

/* At idle priority, so that a burst of events and read results lands
 * first, and no sooner than MIN_INTERVAL after the last update. */
static void
schedule_update (VwTopology *self)
{
  gint64 wait;

  if (!self->active || self->update_id != 0)
    return;
  wait = self->last_update + MIN_INTERVAL_US - g_get_monotonic_time ();
  if (wait <= 0)
    self->update_id = g_idle_add_full (G_PRIORITY_LOW, update_now, self, NULL);
  else
    self->update_id = g_timeout_add_full (G_PRIORITY_LOW, (guint) (wait / 1000) + 1, update_now,
                                          self, NULL);
}

/* ----- GObject ----- */

void
vw_topology_set_active (VwTopology *self,
                        gboolean    active)
{
  GListModel *lists[3];

  g_return_if_fail (VW_IS_TOPOLOGY (self));

  active = !!active;
  if (self->active == active)
    return;
  self->active = active;
  lists[0] = vw_connection_get_domains (self->connection);
  lists[1] = vw_connection_get_networks (self->connection);
  lists[2] = vw_connection_get_pools (self->connection);

  if (active)
    {
      self->cancellable = g_cancellable_new ();
      for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
        self->list_ids[i] = g_signal_connect_swapped (lists[i], "items-changed",
                                                      G_CALLBACK (on_something_changed), self);
      schedule_update (self);
      return;
    }

  /* Reads in flight see the cancellation and touch nothing; the graph
   * stays as it was for whoever looks at it while hidden. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    g_clear_signal_handler (&self->list_ids[i], lists[i]);
  g_clear_handle_id (&self->update_id, g_source_remove);
  unwatch_all (self->watches);
  g_queue_clear (&self->queue);
  g_hash_table_remove_all (self->entries);
  self->n_reading = 0;
}

static void
vw_topology_dispose (GObject *object)
{
  VwTopology *self = VW_TOPOLOGY (object);

  if (self->connection != NULL)
    vw_topology_set_active (self, FALSE);
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (vw_topology_parent_class)->dispose (object);
}

static void
vw_topology_finalize (GObject *object)
{
  VwTopology *self = VW_TOPOLOGY (object);

  g_hash_table_unref (self->entries);
  g_hash_table_unref (self->watches);
  for (guint k = 0; k < G_N_ELEMENTS (self->nodes); k++)
    g_array_unref (self->nodes[k]);
  g_array_unref (self->edges);
  g_string_chunk_free (self->strings);

  G_OBJECT_CLASS (vw_topology_parent_class)->finalize (object);
}

static void
vw_topology_class_init (VwTopologyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vw_topology_dispose;
  object_class->finalize = vw_topology_finalize;

  /**
   * VwTopology::changed:
   *
   * The graph was rebuilt after something in the lab changed; emitted at
   * most once per MIN_INTERVAL however many events came in.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
vw_topology_init (VwTopology *self)
{
  static const gsize sizes[] = { sizeof (VwTopologyNetwork), sizeof (VwTopologyMachine),
                                 sizeof (VwTopologyPool), sizeof (VwTopologyVolume) };

  self->entries = g_hash_table_new_full (NULL, NULL, NULL, entry_free);
  self->watches = g_hash_table_new (NULL, NULL);
  g_queue_init (&self->queue);
  for (guint k = 0; k < G_N_ELEMENTS (self->nodes); k++)
    self->nodes[k] = g_array_new (FALSE, TRUE, sizes[k]);
  self->edges = g_array_new (FALSE, TRUE, sizeof (VwTopologyEdge));
  self->strings = g_string_chunk_new (4096);
}

/* Inactive until vw_topology_set_active(): a view turns it on while shown. */
VwTopology *
vw_topology_new (VwConnection *connection)
{
  VwTopology *self;

  g_return_val_if_fail (VW_IS_CONNECTION (connection), NULL);

  self = g_object_new (VW_TYPE_TOPOLOGY, NULL);
  self->connection = g_object_ref (connection);
  return self;
}

VwConnection *
vw_topology_get_connection (VwTopology *self)
{
  g_return_val_if_fail (VW_IS_TOPOLOGY (self), NULL);
  return self->connection;
}

gboolean
vw_topology_get_active (VwTopology *self)
{
  g_return_val_if_fail (VW_IS_TOPOLOGY (self), FALSE);
  return self->active;
}

/* Whether reads or an update are still to come: the graph may change
 * without anything more happening in the lab. */
gboolean
vw_topology_get_busy (VwTopology *self)
{
  g_return_val_if_fail (VW_IS_TOPOLOGY (self), FALSE);
  return self->update_id != 0 || self->n_reading > 0 || !g_queue_is_empty (&self->queue);
}

/* How many times the graph was rebuilt. */
guint
vw_topology_get_serial (VwTopology *self)
{
  g_return_val_if_fail (VW_IS_TOPOLOGY (self), 0);
  return self->serial;
}

guint
vw_topology_get_n_nodes (VwTopology     *self,
                         VwTopologyKind  kind)
{
  g_return_val_if_fail (VW_IS_TOPOLOGY (self), 0);
  g_return_val_if_fail (kind <= VW_TOPOLOGY_KIND_VOLUME, 0);
  return self->nodes[kind]->len;
}

static gconstpointer
get_node (VwTopology     *self,
          VwTopologyKind  kind,
          guint           index)
{
  g_return_val_if_fail (VW_IS_TOPOLOGY (self), NULL);
  g_return_val_if_fail (index < self->nodes[kind]->len, NULL);
  return self->nodes[kind]->data + index * g_array_get_element_size (self->nodes[kind]);
}

const VwTopologyNetwork *
vw_topology_get_network (VwTopology *self,
                         guint       index)
{
  return get_node (self, VW_TOPOLOGY_KIND_NETWORK, index);
}

const VwTopologyMachine *
vw_topology_get_machine (VwTopology *self,
                         guint       index)
{
  return get_node (self, VW_TOPOLOGY_KIND_MACHINE, index);
}

const VwTopologyPool *
vw_topology_get_pool (VwTopology *self,
                      guint       index)
{
  return get_node (self, VW_TOPOLOGY_KIND_POOL, index);
}

const VwTopologyVolume *
vw_topology_get_volume (VwTopology *self,
                        guint       index)
{
  return get_node (self, VW_TOPOLOGY_KIND_VOLUME, index);
}

guint
vw_topology_get_n_edges (VwTopology *self)
{
  g_return_val_if_fail (VW_IS_TOPOLOGY (self), 0);
  return self->edges->len;
}

const VwTopologyEdge *
vw_topology_get_edge (VwTopology *self,
                      guint       index)
{
  g_return_val_if_fail (VW_IS_TOPOLOGY (self), NULL);
  g_return_val_if_fail (index < self->edges->len, NULL);
  return &g_array_index (self->edges, VwTopologyEdge, index);
}

/* Networks, machines and pools by name: the first node of that name (a
 * host's bridge may share a libvirt network's name). */
int
vw_topology_find (VwTopology     *self,
                  VwTopologyKind  kind,
                  const char     *name)
{
  g_return_val_if_fail (VW_IS_TOPOLOGY (self), -1);
  g_return_val_if_fail (kind != VW_TOPOLOGY_KIND_VOLUME, -1);

  for (guint i = 0; i < self->nodes[kind]->len; i++)
    {
      const char *node_name = kind == VW_TOPOLOGY_KIND_NETWORK ? NODE (self, VwTopologyNetwork,
                                                                       kind, i)->name
                              : kind == VW_TOPOLOGY_KIND_MACHINE ? NODE (self, VwTopologyMachine,
                                                                         kind, i)->name
                              : NODE (self, VwTopologyPool, kind, i)->name;

      if (g_strcmp0 (node_name, name) == 0)
        return (int) i;
    }
  return -1;
}

int
vw_topology_find_volume (VwTopology *self,
                         const char *pool,
                         const char *name)
{
  int pool_index = -1;

  g_return_val_if_fail (VW_IS_TOPOLOGY (self), -1);

  if (pool != NULL && (pool_index = vw_topology_find (self, VW_TOPOLOGY_KIND_POOL, pool)) < 0)
    return -1;
  for (guint i = 0; i < self->nodes[VW_TOPOLOGY_KIND_VOLUME]->len; i++)
    {
      const VwTopologyVolume *v = NODE (self, VwTopologyVolume, VW_TOPOLOGY_KIND_VOLUME, i);

      if (v->pool == pool_index && g_strcmp0 (pool != NULL ? v->name : v->path, name) == 0)
        return (int) i;
    }
  return -1;
}

gboolean
vw_topology_has_edge (VwTopology         *self,
                      VwTopologyEdgeKind  kind,
                      int                 from,
                      int                 to)
{
  g_return_val_if_fail (VW_IS_TOPOLOGY (self), FALSE);

  for (guint i = 0; from >= 0 && to >= 0 && i < self->edges->len; i++)
    {
      const VwTopologyEdge *e = &g_array_index (self->edges, VwTopologyEdge, i);

      if (e->kind == kind && e->from == (guint) from && e->to == (guint) to)
        return TRUE;
    }
  return FALSE;
}
