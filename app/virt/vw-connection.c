/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-connection"

#include <glib/gi18n.h>
#include <libvirt/libvirt.h>
#include <string.h>

#include "vw-bench.h"
#include "vw-connection-private.h"
#include "vw-credentials-private.h"
#include "vw-domain-private.h"
#include "vw-sandbox-store.h"
#include "vw-sandbox.h"
#include "vw-virt-enums.h"
#include "vw-virt.h"

/* One libvirt connection and the domains, networks and storage pools on it.
 *
 * Opening, listing and every later read happen in worker threads. Lifecycle
 * events arrive on the main thread (libvirt's event loop is GLib's, see
 * vw_virt_init()) and each triggers a fresh read of the one object it names.
 * Nothing is polled. A keepalive and a close callback notice a daemon that
 * goes away; the models then keep their last known state, the status says
 * RECONNECTING, and new attempts follow with a growing delay until the daemon
 * is back, when the lists are read again and merged into the same objects. */

#define CREDENTIALS_TIMEOUT_S 300
#define KEEPALIVE_INTERVAL_S 3
#define KEEPALIVE_COUNT 3

typedef struct
{
  guint issued;
  guint applied;
} Serial;

typedef struct
{
  const VwKind *kind;
  GListStore *store;
  GHashTable *by_uuid;
  GHashTable *serials;
  int event_id;
  /* A first list too long to add in one go, added a chunk per main loop
   * iteration so that the window never freezes. */
  GPtrArray *pending;
  guint pending_next;
} KindSet;

#define LOAD_CHUNK 1000
#define LOAD_FIRST_CHUNK 25
#define LOAD_FRAME_MS 16

struct _VwConnection
{
  GObject parent_instance;

  char *uri;
  char *title;
  gboolean sandbox;
  VwConnectionStatus status;
  char *error_message;
  VwCommandLog *command_log;

  virConnectPtr conn;
  guint generation;
  KindSet kinds[VW_N_KINDS];

  gboolean keep_open;
  guint load_id;
  guint reconnect_id;
  guint first_delay_ms;
  guint max_delay_ms;
  guint delay_ms;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (VwConnection, vw_connection, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_URI,
  PROP_TITLE,
  PROP_STATUS,
  PROP_ERROR_MESSAGE,
  PROP_DOMAINS,
  PROP_NETWORKS,
  PROP_POOLS,
  PROP_COMMAND_LOG,
  PROP_LOADING,
  N_PROPS
};

enum {
  CHANGED,
  CREDENTIALS_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const VwKind *
kind_table (VwKindId id)
{
  switch (id)
    {
    case VW_KIND_DOMAIN:
      return &vw_domain_kind;
    case VW_KIND_NETWORK:
      return &vw_network_kind;
    case VW_KIND_POOL:
      return &vw_pool_kind;
    default:
      g_assert_not_reached ();
    }
}

static void
set_status (VwConnection       *self,
            VwConnectionStatus  status,
            const char         *error_message)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (g_strcmp0 (self->error_message, error_message) != 0)
    {
      g_free (self->error_message);
      self->error_message = g_strdup (error_message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
    }
  if (self->status != status)
    {
      self->status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/* ----- Keeping the models ----- */

static Serial *
serial_for (KindSet    *set,
            const char *uuid)
{
  Serial *serial = g_hash_table_lookup (set->serials, uuid);

  if (serial == NULL)
    {
      serial = g_new0 (Serial, 1);
      g_hash_table_insert (set->serials, g_strdup (uuid), serial);
    }
  return serial;
}

static void
remove_object (KindSet    *set,
               const char *uuid)
{
  GObject *object = g_hash_table_lookup (set->by_uuid, uuid);
  guint position = 0;

  if (object == NULL)
    return;
  if (g_list_store_find (set->store, object, &position))
    g_list_store_remove (set->store, position);
  g_hash_table_remove (set->by_uuid, uuid);
}

/* Kinds with a sort key are kept in that order in their store, so that a
 * view needs no sorting model: sorting thousands of rows with one is what
 * makes a window freeze. The key is computed once per object. */
static const char *
sort_key_of (GObject *object)
{
  static GQuark quark;
  const char *key;

  if (quark == 0)
    quark = g_quark_from_static_string ("vw-sort-key");
  key = g_object_get_qdata (object, quark);
  if (key == NULL)
    {
      g_autofree char *name = NULL;
      g_autofree char *folded = NULL;

      g_object_get (object, "name", &name, NULL);
      folded = g_utf8_casefold (name != NULL ? name : "", -1);
      key = g_utf8_collate_key (folded, -1);
      g_object_set_qdata_full (object, quark, (gpointer) key, g_free);
    }
  return key;
}

static int
compare_sort_keys (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  return strcmp (sort_key_of ((GObject *) a), sort_key_of ((GObject *) b));
}

static void
insert_object (KindSet *set,
               GObject *object)
{
  if (set->kind->sort_key != NULL)
    g_list_store_insert_sorted (set->store, object, compare_sort_keys, NULL);
  else
    g_list_store_append (set->store, object);
}

/* Adds the object, or updates it when it is already known. */
static void
merge_info (VwConnection *self,
            KindSet      *set,
            gpointer      info)
{
  const char *uuid = set->kind->info_uuid (info);
  GObject *object = g_hash_table_lookup (set->by_uuid, uuid);

  if (object != NULL)
    {
      set->kind->apply_info (object, info);
      return;
    }

  object = set->kind->new_object (self, info);
  g_hash_table_insert (set->by_uuid, g_strdup (uuid), object);
  insert_object (set, object);
}

static gboolean
load_chunk (gpointer user_data)
{
  VwConnection *self = user_data;
  gboolean more = FALSE;

  for (guint k = 0; k < VW_N_KINDS; k++)
    {
      KindSet *set = &self->kinds[k];
      g_autoptr(GPtrArray) created = NULL;
      guint end;

      if (set->pending == NULL)
        continue;

      /* Small chunks first: a list view makes the rows for the first
       * couple of hundred items as they arrive, and each costs a little;
       * past those, items only cost their object. */
      end = MIN (set->pending_next + (set->pending_next < 10 * LOAD_FIRST_CHUNK ? LOAD_FIRST_CHUNK : LOAD_CHUNK),
                 set->pending->len);
      created = g_ptr_array_new_full (end - set->pending_next, NULL);
      for (; set->pending_next < end; set->pending_next++)
        {
          gpointer info = set->pending->pdata[set->pending_next];
          const char *uuid = set->kind->info_uuid (info);
          GObject *object = g_hash_table_lookup (set->by_uuid, uuid);

          /* An event got there first: it already made the object. */
          if (object != NULL)
            {
              set->kind->apply_info (object, info);
              continue;
            }
          object = set->kind->new_object (self, info);
          g_hash_table_insert (set->by_uuid, g_strdup (uuid), object);
          g_ptr_array_add (created, object);
        }
      g_list_store_splice (set->store, g_list_model_get_n_items (G_LIST_MODEL (set->store)), 0,
                           created->pdata, created->len);

      if (set->pending_next < set->pending->len)
        more = TRUE;
      else
        g_clear_pointer (&set->pending, g_ptr_array_unref);
    }

  self->load_id = 0;
  if (more)
    {
      gboolean paced = FALSE;

      /* The first chunks come a frame apart, so that the window lays out
       * their new rows over several frames rather than all in one. */
      for (guint k = 0; k < VW_N_KINDS; k++)
        if (self->kinds[k].pending != NULL && self->kinds[k].pending_next <= 10 * LOAD_FIRST_CHUNK)
          paced = TRUE;
      self->load_id = paced ? g_timeout_add (LOAD_FRAME_MS, load_chunk, self) : g_idle_add (load_chunk, self);
      return G_SOURCE_REMOVE;
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  return G_SOURCE_REMOVE;
}

/* After a (re)connection: the lists as they are now. Known objects keep
 * their identity (a selected row stays selected); new ones are added in one
 * splice, however many there are; vanished ones are removed. */
static void
sync_kind (VwConnection *self,
           KindSet      *set,
           GPtrArray    *infos)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) created = g_ptr_array_new ();
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key;

  /* A long first list: in chunks, from the main loop. */
  if (g_list_model_get_n_items (G_LIST_MODEL (set->store)) == 0 && infos->len > LOAD_FIRST_CHUNK)
    {
      set->pending = g_ptr_array_ref (infos);
      set->pending_next = 0;
      if (self->load_id == 0)
        {
          self->load_id = g_idle_add (load_chunk, self);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
        }
      return;
    }

  for (guint i = 0; i < infos->len; i++)
    {
      gpointer info = infos->pdata[i];
      const char *uuid = set->kind->info_uuid (info);
      GObject *object = g_hash_table_lookup (set->by_uuid, uuid);

      g_hash_table_add (seen, (gpointer) uuid);
      if (object != NULL)
        {
          set->kind->apply_info (object, info);
          continue;
        }
      object = set->kind->new_object (self, info);
      g_hash_table_insert (set->by_uuid, g_strdup (uuid), object);
      g_ptr_array_add (created, object);
    }

  g_hash_table_iter_init (&iter, set->by_uuid);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (seen, key))
      g_ptr_array_add (gone, g_strdup (key));
  for (guint i = 0; i < gone->len; i++)
    remove_object (set, gone->pdata[i]);

  /* The first list comes sorted from the worker thread: one splice. Later
   * ones (after a reconnection) add few objects, each in its place. */
  if (g_list_model_get_n_items (G_LIST_MODEL (set->store)) == 0)
    g_list_store_splice (set->store, 0, 0, created->pdata, created->len);
  else
    for (guint i = 0; i < created->len; i++)
      insert_object (set, created->pdata[i]);
}

/* ----- Events and fresh reads ----- */

typedef struct
{
  GWeakRef self;
  VwKindId kind;
  guint generation;
} EventTarget;

static EventTarget *
event_target_new (VwConnection *self,
                  VwKindId      kind,
                  guint         generation)
{
  EventTarget *target = g_new0 (EventTarget, 1);

  g_weak_ref_init (&target->self, self);
  target->kind = kind;
  target->generation = generation;
  return target;
}

static void
event_target_free (void *data)
{
  EventTarget *target = data;

  g_weak_ref_clear (&target->self);
  g_free (target);
}

typedef struct
{
  VwKindId kind;
  gpointer ptr;
  char uuid[VIR_UUID_STRING_BUFLEN];
  guint serial;
} RefreshData;

static void
refresh_data_free (RefreshData *data)
{
  kind_table (data->kind)->free_ptr (data->ptr);
  g_free (data);
}

static void
refresh_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RefreshData *data = task_data;
  const VwKind *kind = kind_table (data->kind);
  GError *error = NULL;
  gpointer info = kind->read_info (data->ptr, &error);

  if (info == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, info, kind->free_info);
}

static gboolean
is_gone_error (const GError *error)
{
  return vw_virt_error_is (error, VIR_ERR_NO_DOMAIN)
         || vw_virt_error_is (error, VIR_ERR_NO_NETWORK)
         || vw_virt_error_is (error, VIR_ERR_NO_STORAGE_POOL);
}

static void
refresh_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  VwConnection *self = VW_CONNECTION (object);
  RefreshData *data = g_task_get_task_data (G_TASK (result));
  KindSet *set = &self->kinds[data->kind];
  Serial *serial = serial_for (set, data->uuid);
  g_autoptr(GError) error = NULL;
  gpointer info;

  /* Reads run in a thread pool and may finish out of order: an older
   * answer never overwrites a newer one. */
  if (data->serial < serial->applied)
    return;
  serial->applied = data->serial;

  info = g_task_propagate_pointer (G_TASK (result), &error);
  if (info == NULL)
    {
      if (is_gone_error (error))
        remove_object (set, data->uuid);
      else
        g_debug ("%s: could not read %s %s: %s", self->uri, set->kind->name, data->uuid, error->message);
      return;
    }

  merge_info (self, set, info);
  set->kind->free_info (info);
}

static void
refresh_object (VwConnection *self,
                VwKindId      kind,
                gpointer      ptr)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, refresh_done, NULL);
  RefreshData *data = g_new0 (RefreshData, 1);
  const VwKind *table = kind_table (kind);

  table->ref_ptr (ptr);
  data->kind = kind;
  data->ptr = ptr;
  table->get_uuid (ptr, data->uuid);
  data->serial = ++serial_for (&self->kinds[kind], data->uuid)->issued;

  g_task_set_task_data (task, data, (GDestroyNotify) refresh_data_free);
  g_task_run_in_thread (task, refresh_thread);
}

int
vw_connection_lifecycle_event (virConnectPtr  conn,
                               void          *ptr,
                               int            event,
                               int            detail,
                               void          *opaque)
{
  EventTarget *target = opaque;
  g_autoptr(VwConnection) self = g_weak_ref_get (&target->self);
  const VwKind *kind = kind_table (target->kind);
  char uuid[VIR_UUID_STRING_BUFLEN];
  GObject *object;

  if (self == NULL || target->generation != self->generation || kind->get_uuid (ptr, uuid) < 0)
    return 0;

  g_debug ("%s: %s event %d/%d for %s", self->uri, kind->name, event, detail, uuid);

  /* The event says what happened; the fresh read says what is true now
   * (vCPUs and memory after a start, or that the object is gone). */
  object = g_hash_table_lookup (self->kinds[target->kind].by_uuid, uuid);
  if (object != NULL && kind->apply_event != NULL)
    kind->apply_event (object, event);
  refresh_object (self, target->kind, ptr);
  return 0;
}

/* ----- Opening ----- */

typedef struct
{
  char *uri;
  guint generation;
  GWeakRef self;
  virConnectPtr conn;
  EventTarget *targets[VW_N_KINDS];
  int event_ids[VW_N_KINDS];
  GPtrArray *infos[VW_N_KINDS];
  EventTarget *close_target;
  gboolean close_registered;
} OpenData;

static void
close_virconn (virConnectPtr  conn,
               const int     *event_ids,
               gboolean       close_registered);

static void
open_data_free (OpenData *data)
{
  if (data->conn != NULL)
    close_virconn (data->conn, data->event_ids, data->close_registered);
  for (guint k = 0; k < VW_N_KINDS; k++)
    {
      if (data->targets[k] != NULL)
        event_target_free (data->targets[k]);
      g_clear_pointer (&data->infos[k], g_ptr_array_unref);
    }
  if (data->close_target != NULL)
    event_target_free (data->close_target);
  g_weak_ref_clear (&data->self);
  g_free (data->uri);
  g_free (data);
}

typedef struct
{
  GWeakRef self;
  VwCredentials *credentials;
} AskData;

static gboolean
ask_on_main_thread (gpointer user_data)
{
  AskData *ask = user_data;
  g_autoptr(VwConnection) self = g_weak_ref_get (&ask->self);

  if (self == NULL || !g_signal_has_handler_pending (self, signals[CREDENTIALS_REQUESTED], 0, FALSE))
    vw_credentials_complete (ask->credentials, FALSE);
  else
    g_signal_emit (self, signals[CREDENTIALS_REQUESTED], 0, ask->credentials);

  g_weak_ref_clear (&ask->self);
  g_object_unref (ask->credentials);
  g_free (ask);
  return G_SOURCE_REMOVE;
}

/* libvirt's authentication callback, in the opening worker thread. */
static int
authenticate (virConnectCredentialPtr cred,
              unsigned int            ncred,
              void                   *cbdata)
{
  OpenData *data = cbdata;
  g_autoptr(VwCredentials) credentials = vw_credentials_new (data->uri, cred, ncred);
  g_autoptr(VwConnection) self = g_weak_ref_get (&data->self);
  AskData *ask;

  if (self == NULL)
    return -1;

  ask = g_new0 (AskData, 1);
  g_weak_ref_init (&ask->self, self);
  ask->credentials = g_object_ref (credentials);
  g_main_context_invoke (NULL, ask_on_main_thread, ask);

  return vw_credentials_wait (credentials, cred, ncred, CREDENTIALS_TIMEOUT_S) ? 0 : -1;
}

static int credential_types[] = {
  VIR_CRED_AUTHNAME, VIR_CRED_USERNAME, VIR_CRED_PASSPHRASE, VIR_CRED_ECHOPROMPT,
  VIR_CRED_NOECHOPROMPT, VIR_CRED_REALM,
};

static void on_closed (virConnectPtr  conn,
                       int            reason,
                       void          *opaque);

typedef struct
{
  char *key;
  gpointer info;
} Keyed;

static int
compare_keyed (gconstpointer a,
               gconstpointer b)
{
  return strcmp (((const Keyed *) a)->key, ((const Keyed *) b)->key);
}

static void
sort_infos (const VwKind *kind,
            GPtrArray    *infos)
{
  g_autofree Keyed *keyed = g_new (Keyed, infos->len);

  for (guint i = 0; i < infos->len; i++)
    {
      keyed[i].key = kind->sort_key (infos->pdata[i]);
      keyed[i].info = infos->pdata[i];
    }
  qsort (keyed, infos->len, sizeof (Keyed), compare_keyed);
  for (guint i = 0; i < infos->len; i++)
    {
      infos->pdata[i] = keyed[i].info;
      g_free (keyed[i].key);
    }
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenData *data = task_data;
  virConnectAuth auth = {
    .credtype = credential_types,
    .ncredtype = G_N_ELEMENTS (credential_types),
    .cb = authenticate,
    .cbdata = data,
  };
  g_autofree char *node_path = NULL;
  GError *error = NULL;

  vw_bench_mark ("open-start", NULL);
  data->conn = virConnectOpenAuth (data->uri, &auth, 0);
  vw_bench_mark ("opened", NULL);
  if (data->conn == NULL)
    {
      vw_virt_set_error (&error, NULL);
      g_task_return_error (task, error);
      return;
    }

  /* A node file saved by the sandbox store says, beside what the test
   * driver reads, which networks and pools were stopped and what starts at
   * boot; apply that before anything is listed. */
  node_path = vw_sandbox_path_from_uri (data->uri);
  if (node_path != NULL && !vw_sandbox_apply_overlay (data->conn, node_path, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* Drivers without a daemon (test://) answer 1: nothing to keep alive. */
  virConnectSetKeepAlive (data->conn, KEEPALIVE_INTERVAL_S, KEEPALIVE_COUNT);
  if (virConnectRegisterCloseCallback (data->conn, on_closed, data->close_target, event_target_free) == 0)
    {
      data->close_target = NULL;
      data->close_registered = TRUE;
    }
  virResetLastError ();

  for (guint k = 0; k < VW_N_KINDS; k++)
    {
      const VwKind *kind = kind_table (k);
      gpointer *ptrs = NULL;
      int n;

      /* Register before listing, so that no change falls between the two:
       * an event for an object the list already has is merged. */
      data->event_ids[k] = kind->register_events (data->conn, data->targets[k], event_target_free);
      if (data->event_ids[k] < 0)
        {
          vw_virt_set_error (&error, _("Could not follow the lab’s events"));
          g_task_return_error (task, error);
          return;
        }
      data->targets[k] = NULL;

      n = kind->list_all (data->conn, &ptrs);
      vw_bench_mark ("listed", "%s %d", kind->name, n);
      if (n < 0)
        {
          /* Some drivers have no networks or pools (the Xen driver on its
           * own, an LXC host): that is an empty list, not a failure. */
          if (k != VW_KIND_DOMAIN)
            {
              virResetLastError ();
              data->infos[k] = g_ptr_array_new ();
              continue;
            }
          vw_virt_set_error (&error, _("Could not list the machines"));
          g_task_return_error (task, error);
          return;
        }

      data->infos[k] = g_ptr_array_new_full (n, kind->free_info);
      for (int i = 0; i < n; i++)
        {
          g_autoptr(GError) local_error = NULL;
          gpointer info = kind->read_info (ptrs[i], &local_error);

          /* An object removed between the list and the read is just gone. */
          if (info != NULL)
            g_ptr_array_add (data->infos[k], info);
          kind->free_ptr (ptrs[i]);
        }
      free (ptrs);
      if (kind->sort_key != NULL)
        sort_infos (kind, data->infos[k]);
    }

  vw_bench_mark ("read", NULL);
  g_task_return_boolean (task, TRUE);
}

static void schedule_reconnect (VwConnection *self);

static void
apply_open (VwConnection *self,
            OpenData     *data)
{
  self->conn = g_steal_pointer (&data->conn);
  for (guint k = 0; k < VW_N_KINDS; k++)
    {
      self->kinds[k].event_id = data->event_ids[k];
      sync_kind (self, &self->kinds[k], data->infos[k]);
    }
}

static void
open_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  VwConnection *self = VW_CONNECTION (object);
  OpenData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean reconnecting = self->status == VW_CONNECTION_STATUS_RECONNECTING;

  if (data->generation != self->generation)
    {
      g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Superseded"));
      return;
    }

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (reconnecting && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = g_strdup_printf (_("Lost the connection; trying again in %u s (%s)"),
                                                      MAX (1, self->delay_ms / 1000), error->message);

          set_status (self, VW_CONNECTION_STATUS_RECONNECTING, message);
          schedule_reconnect (self);
        }
      else
        set_status (self, VW_CONNECTION_STATUS_FAILED, error->message);
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }

  vw_bench_mark ("apply-start", NULL);
  apply_open (self, data);
  vw_bench_mark ("apply-end", NULL);
  self->delay_ms = self->first_delay_ms;
  set_status (self, VW_CONNECTION_STATUS_CONNECTED, NULL);
  g_task_return_boolean (outer, TRUE);
}

static void
start_open (VwConnection        *self,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) outer = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GTask) inner = NULL;
  OpenData *data = g_new0 (OpenData, 1);

  g_task_set_source_tag (outer, vw_connection_open_async);

  data->uri = g_strdup (self->uri);
  data->generation = ++self->generation;
  g_weak_ref_init (&data->self, self);
  for (guint k = 0; k < VW_N_KINDS; k++)
    {
      data->targets[k] = event_target_new (self, k, data->generation);
      data->event_ids[k] = -1;
    }
  data->close_target = event_target_new (self, VW_KIND_DOMAIN, data->generation);

  inner = g_task_new (self, cancellable, open_done, g_steal_pointer (&outer));
  g_task_set_task_data (inner, data, (GDestroyNotify) open_data_free);
  g_task_run_in_thread (inner, open_thread);
}

void
vw_connection_open_async (VwConnection        *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (VW_IS_CONNECTION (self));

  vw_virt_init ();

  if (self->status == VW_CONNECTION_STATUS_CONNECTING || self->status == VW_CONNECTION_STATUS_CONNECTED)
    {
      g_task_report_new_error (self, callback, user_data, vw_connection_open_async,
                               G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("The connection to %s is already open"), self->uri);
      return;
    }

  g_clear_handle_id (&self->reconnect_id, g_source_remove);
  self->keep_open = TRUE;
  set_status (self, VW_CONNECTION_STATUS_CONNECTING, NULL);
  start_open (self, cancellable, callback, user_data);
}

gboolean
vw_connection_open_finish (VwConnection  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ----- Losing the daemon and reconnecting ----- */

typedef struct
{
  virConnectPtr conn;
  int event_ids[VW_N_KINDS];
  gboolean close_registered;
} CloseData;

static void
close_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CloseData *data = task_data;

  for (guint k = 0; k < VW_N_KINDS; k++)
    if (data->event_ids[k] >= 0)
      kind_table (k)->deregister_events (data->conn, data->event_ids[k]);
  if (data->close_registered)
    virConnectUnregisterCloseCallback (data->conn, on_closed);
  virConnectClose (data->conn);
  virResetLastError ();
  g_task_return_boolean (task, TRUE);
}

/* Closing may wait on a remote daemon, so it happens in a thread too; the
 * task holds no reference to the connection object so that dispose can use
 * it. */
static void
close_virconn (virConnectPtr  conn,
               const int     *event_ids,
               gboolean       close_registered)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);
  CloseData *data = g_new0 (CloseData, 1);

  data->conn = conn;
  memcpy (data->event_ids, event_ids, sizeof data->event_ids);
  data->close_registered = close_registered;
  g_task_set_task_data (task, data, g_free);
  g_task_run_in_thread (task, close_thread);
}

static void
stop_loading (VwConnection *self)
{
  g_clear_handle_id (&self->load_id, g_source_remove);
  for (guint k = 0; k < VW_N_KINDS; k++)
    g_clear_pointer (&self->kinds[k].pending, g_ptr_array_unref);
}

static void
drop_virconn (VwConnection *self)
{
  int event_ids[VW_N_KINDS];

  stop_loading (self);
  if (self->conn == NULL)
    return;
  for (guint k = 0; k < VW_N_KINDS; k++)
    {
      event_ids[k] = self->kinds[k].event_id;
      self->kinds[k].event_id = -1;
    }
  close_virconn (g_steal_pointer (&self->conn), event_ids, TRUE);
  /* Events and close notices from the old connection are ignored. */
  self->generation++;
}

static gboolean
reconnect_now (gpointer user_data)
{
  VwConnection *self = user_data;

  self->reconnect_id = 0;
  start_open (self, self->cancellable, NULL, NULL);
  return G_SOURCE_REMOVE;
}

static void
schedule_reconnect (VwConnection *self)
{
  if (!self->keep_open || self->reconnect_id != 0)
    return;
  self->reconnect_id = g_timeout_add (self->delay_ms, reconnect_now, self);
  self->delay_ms = MIN (self->delay_ms * 2, self->max_delay_ms);
}

static const char *
close_reason (int reason)
{
  switch (reason)
    {
    case VIR_CONNECT_CLOSE_REASON_ERROR:
      return _("an error on the connection");
    case VIR_CONNECT_CLOSE_REASON_EOF:
      return _("the daemon closed it");
    case VIR_CONNECT_CLOSE_REASON_KEEPALIVE:
      return _("the daemon stopped answering");
    default:
      return _("it was closed");
    }
}

typedef struct
{
  EventTarget *target;
  int reason;
} ClosedNotice;

static gboolean
closed_on_main_thread (gpointer user_data)
{
  ClosedNotice *notice = user_data;
  g_autoptr(VwConnection) self = g_weak_ref_get (&notice->target->self);

  if (self != NULL && notice->target->generation == self->generation
      && self->status == VW_CONNECTION_STATUS_CONNECTED)
    {
      g_autofree char *message = g_strdup_printf (_("Lost the connection to %s: %s. Reconnecting…"),
                                                  self->title, close_reason (notice->reason));

      g_debug ("%s", message);
      drop_virconn (self);
      set_status (self, VW_CONNECTION_STATUS_RECONNECTING, message);
      schedule_reconnect (self);
    }

  event_target_free (notice->target);
  g_free (notice);
  return G_SOURCE_REMOVE;
}

/* libvirt may call this from whichever thread noticed the end of the
 * connection; the work is done on the main thread. */
static void
on_closed (virConnectPtr  conn,
           int            reason,
           void          *opaque)
{
  EventTarget *target = opaque;
  ClosedNotice *notice = g_new0 (ClosedNotice, 1);
  g_autoptr(VwConnection) self = g_weak_ref_get (&target->self);

  notice->target = event_target_new (self, target->kind, target->generation);
  notice->reason = reason;
  g_main_context_invoke (NULL, closed_on_main_thread, notice);
}

void
vw_connection_set_reconnect_delays (VwConnection *self,
                                    guint         first_ms,
                                    guint         max_ms)
{
  g_return_if_fail (VW_IS_CONNECTION (self));
  self->first_delay_ms = self->delay_ms = MAX (first_ms, 10);
  self->max_delay_ms = MAX (max_ms, self->first_delay_ms);
}

void
vw_connection_close (VwConnection *self)
{
  g_return_if_fail (VW_IS_CONNECTION (self));

  self->keep_open = FALSE;
  g_clear_handle_id (&self->reconnect_id, g_source_remove);
  drop_virconn (self);
  self->generation++;
  for (guint k = 0; k < VW_N_KINDS; k++)
    {
      g_hash_table_remove_all (self->kinds[k].by_uuid);
      g_hash_table_remove_all (self->kinds[k].serials);
      g_list_store_remove_all (self->kinds[k].store);
    }
  set_status (self, VW_CONNECTION_STATUS_DISCONNECTED, NULL);
}

/* ----- For operations ----- */

/* A new reference for a worker thread, or %NULL when not connected. */
virConnectPtr
vw_connection_ref_virconn (VwConnection *self)
{
  g_return_val_if_fail (VW_IS_CONNECTION (self), NULL);

  if (self->conn != NULL)
    virConnectRef (self->conn);
  return self->conn;
}

/* Called after an operation succeeded: the virsh line that does the same
 * goes to the command log, and whoever keeps the lab's state (the sandbox
 * store) hears that something changed. */
void
vw_connection_record (VwConnection       *self,
                      const char * const *virsh_args)
{
  g_return_if_fail (VW_IS_CONNECTION (self));

  if (self->command_log != NULL && virsh_args != NULL && virsh_args[0] != NULL)
    vw_command_log_append (self->command_log, self->uri, virsh_args);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* A fresh read of one object after an operation: some changes (autostart,
 * vCPUs of a shut-off domain) send no libvirt event. */
void
vw_connection_refresh (VwConnection *self,
                       VwKindId      kind,
                       gpointer      ptr)
{
  g_return_if_fail (VW_IS_CONNECTION (self));
  g_return_if_fail (kind < VW_N_KINDS);

  if (ptr != NULL && self->conn != NULL)
    refresh_object (self, kind, ptr);
}

/* ----- GObject ----- */

static char *
title_for_uri (const char *uri)
{
  g_autoptr(GUri) parsed = NULL;
  const char *host;
  const char *path;
  const char *scheme;

  if (vw_sandbox_is_uri (uri))
    return g_strdup (_("Sandbox Lab"));

  parsed = g_uri_parse (uri, G_URI_FLAGS_NON_DNS | G_URI_FLAGS_ENCODED, NULL);
  if (parsed == NULL)
    return g_strdup (uri);

  scheme = g_uri_get_scheme (parsed);
  host = g_uri_get_host (parsed);
  path = g_uri_get_path (parsed);

  if (g_str_has_prefix (scheme, "qemu"))
    {
      if (host == NULL || *host == '\0')
        return g_strdup (g_strcmp0 (path, "/session") == 0 ? _("QEMU/KVM user session") : _("QEMU/KVM"));
      /* Translators: "QEMU/KVM on lab.example.org" */
      return g_strdup_printf (_("QEMU/KVM on %s"), host);
    }
  if (g_str_has_prefix (scheme, "xen"))
    return host != NULL && *host != '\0' ? g_strdup_printf (_("Xen on %s"), host) : g_strdup (_("Xen"));
  if (g_str_has_prefix (scheme, "test"))
    return g_strdup (_("Test driver"));
  return g_strdup (uri);
}

static void
vw_connection_dispose (GObject *object)
{
  VwConnection *self = VW_CONNECTION (object);

  self->keep_open = FALSE;
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reconnect_id, g_source_remove);
  drop_virconn (self);

  G_OBJECT_CLASS (vw_connection_parent_class)->dispose (object);
}

static void
vw_connection_finalize (GObject *object)
{
  VwConnection *self = VW_CONNECTION (object);

  g_free (self->uri);
  g_free (self->title);
  g_free (self->error_message);
  g_clear_object (&self->command_log);
  g_clear_object (&self->cancellable);
  for (guint k = 0; k < VW_N_KINDS; k++)
    {
      g_clear_object (&self->kinds[k].store);
      g_clear_pointer (&self->kinds[k].by_uuid, g_hash_table_unref);
      g_clear_pointer (&self->kinds[k].serials, g_hash_table_unref);
    }

  G_OBJECT_CLASS (vw_connection_parent_class)->finalize (object);
}

static void
vw_connection_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  VwConnection *self = VW_CONNECTION (object);

  switch (prop_id)
    {
    case PROP_URI:
      g_value_set_string (value, self->uri);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    case PROP_DOMAINS:
      g_value_set_object (value, self->kinds[VW_KIND_DOMAIN].store);
      break;
    case PROP_NETWORKS:
      g_value_set_object (value, self->kinds[VW_KIND_NETWORK].store);
      break;
    case PROP_POOLS:
      g_value_set_object (value, self->kinds[VW_KIND_POOL].store);
      break;
    case PROP_COMMAND_LOG:
      g_value_set_object (value, self->command_log);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->load_id != 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vw_connection_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  VwConnection *self = VW_CONNECTION (object);

  switch (prop_id)
    {
    case PROP_URI:
      self->uri = g_value_dup_string (value);
      break;
    case PROP_COMMAND_LOG:
      vw_connection_set_command_log (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vw_connection_constructed (GObject *object)
{
  VwConnection *self = VW_CONNECTION (object);

  G_OBJECT_CLASS (vw_connection_parent_class)->constructed (object);

  self->sandbox = vw_sandbox_is_uri (self->uri);
  self->title = title_for_uri (self->uri);
}

static void
vw_connection_class_init (VwConnectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = vw_connection_constructed;
  object_class->dispose = vw_connection_dispose;
  object_class->finalize = vw_connection_finalize;
  object_class->get_property = vw_connection_get_property;
  object_class->set_property = vw_connection_set_property;

  properties[PROP_URI] =
    g_param_spec_string ("uri", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, VW_TYPE_CONNECTION_STATUS, VW_CONNECTION_STATUS_DISCONNECTED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOMAINS] =
    g_param_spec_object ("domains", NULL, NULL, G_TYPE_LIST_MODEL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NETWORKS] =
    g_param_spec_object ("networks", NULL, NULL, G_TYPE_LIST_MODEL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_POOLS] =
    g_param_spec_object ("pools", NULL, NULL, G_TYPE_LIST_MODEL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMMAND_LOG] =
    g_param_spec_object ("command-log", NULL, NULL, VW_TYPE_COMMAND_LOG,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* A long list is still being added to the models. */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VwConnection::changed:
   *
   * An operation through this connection succeeded (and was recorded).
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * VwConnection::credentials-requested:
   * @credentials: what libvirt asks for
   *
   * The connection needs a user name or a password. The handler must call
   * vw_credentials_complete() once, now or later.
   */
  signals[CREDENTIALS_REQUESTED] = g_signal_new ("credentials-requested", G_TYPE_FROM_CLASS (klass),
                                                 G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                 G_TYPE_NONE, 1, VW_TYPE_CREDENTIALS);
}

static void
vw_connection_init (VwConnection *self)
{
  self->cancellable = g_cancellable_new ();
  self->first_delay_ms = self->delay_ms = 1000;
  self->max_delay_ms = 30000;
  for (guint k = 0; k < VW_N_KINDS; k++)
    {
      const VwKind *kind = kind_table (k);

      self->kinds[k].kind = kind;
      self->kinds[k].store = g_list_store_new (kind->get_type ());
      self->kinds[k].by_uuid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
      self->kinds[k].serials = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      self->kinds[k].event_id = -1;
    }
}

VwConnection *
vw_connection_new (const char *uri)
{
  g_return_val_if_fail (uri != NULL, NULL);
  return g_object_new (VW_TYPE_CONNECTION, "uri", uri, NULL);
}

const char *
vw_connection_get_uri (VwConnection *self)
{
  g_return_val_if_fail (VW_IS_CONNECTION (self), NULL);
  return self->uri;
}

/* "Sandbox Lab", "QEMU/KVM on host", or the URI. */
const char *
vw_connection_get_title (VwConnection *self)
{
  g_return_val_if_fail (VW_IS_CONNECTION (self), NULL);
  return self->title;
}

gboolean
vw_connection_get_loading (VwConnection *self)
{
  g_return_val_if_fail (VW_IS_CONNECTION (self), FALSE);
  return self->load_id != 0;
}

gboolean
vw_connection_is_sandbox (VwConnection *self)
{
  g_return_val_if_fail (VW_IS_CONNECTION (self), FALSE);
  return self->sandbox;
}

VwConnectionStatus
vw_connection_get_status (VwConnection *self)
{
  g_return_val_if_fail (VW_IS_CONNECTION (self), VW_CONNECTION_STATUS_DISCONNECTED);
  return self->status;
}

const char *
vw_connection_get_error_message (VwConnection *self)
{
  g_return_val_if_fail (VW_IS_CONNECTION (self), NULL);
  return self->error_message;
}

/**
 * vw_connection_get_domains:
 *
 * Returns: (transfer none): a #GListModel of #VwDomain
 */
GListModel *
vw_connection_get_domains (VwConnection *self)
{
  g_return_val_if_fail (VW_IS_CONNECTION (self), NULL);
  return G_LIST_MODEL (self->kinds[VW_KIND_DOMAIN].store);
}

/**
 * vw_connection_get_networks:
 *
 * Returns: (transfer none): a #GListModel of #VwNetwork
 */
GListModel *
vw_connection_get_networks (VwConnection *self)
{
  g_return_val_if_fail (VW_IS_CONNECTION (self), NULL);
  return G_LIST_MODEL (self->kinds[VW_KIND_NETWORK].store);
}

/**
 * vw_connection_get_pools:
 *
 * Returns: (transfer none): a #GListModel of #VwPool
 */
GListModel *
vw_connection_get_pools (VwConnection *self)
{
  g_return_val_if_fail (VW_IS_CONNECTION (self), NULL);
  return G_LIST_MODEL (self->kinds[VW_KIND_POOL].store);
}

/**
 * vw_connection_find_domain:
 *
 * Returns: (transfer none) (nullable): the domain called @name
 */
VwDomain *
vw_connection_find_domain (VwConnection *self,
                           const char   *name)
{
  GListModel *model;
  guint n;

  g_return_val_if_fail (VW_IS_CONNECTION (self), NULL);

  model = G_LIST_MODEL (self->kinds[VW_KIND_DOMAIN].store);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VwDomain) domain = g_list_model_get_item (model, i);

      if (g_strcmp0 (vw_domain_get_name (domain), name) == 0)
        return domain;
    }
  return NULL;
}

VwCommandLog *
vw_connection_get_command_log (VwConnection *self)
{
  g_return_val_if_fail (VW_IS_CONNECTION (self), NULL);
  return self->command_log;
}

void
vw_connection_set_command_log (VwConnection *self,
                               VwCommandLog *log)
{
  g_return_if_fail (VW_IS_CONNECTION (self));

  if (g_set_object (&self->command_log, log))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMMAND_LOG]);
}
