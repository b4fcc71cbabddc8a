/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-connection"

#include <glib/gi18n.h>
#include <libvirt/libvirt.h>
#include <string.h>

#include "vw-bench.h"
#include "vw-connection-internal.h"
#include "vw-credentials-private.h"
#include "vw-domain-private.h"
#include "vw-sandbox-store.h"
#include "vw-virt.h"

/* The connection's lists of domains, networks and pools: filled when the
 * connection opens (a long list in chunks, without freezing the window),
 * kept in name order where the kind asks for it, and updated from libvirt's
 * lifecycle events, each followed by a fresh read of the object it names. */

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

  vw_connection_notify_loading (self);
  return G_SOURCE_REMOVE;
}

/* After a (re)connection: the lists as they are now. Known objects keep
 * their identity (a selected row stays selected); new ones are added in one
 * splice, however many there are; vanished ones are removed. */
void
vw_connection_sync_kind (VwConnection *self,
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
          vw_connection_notify_loading (self);
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

EventTarget *
vw_connection_event_target_new (VwConnection *self,
                  VwKindId      kind,
                  guint         generation)
{
  EventTarget *target = g_new0 (EventTarget, 1);

  g_weak_ref_init (&target->self, self);
  target->kind = kind;
  target->generation = generation;
  return target;
}

void
vw_connection_event_target_free (void *data)
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
  vw_connection_kind_table (data->kind)->free_ptr (data->ptr);
  g_free (data);
}

static void
refresh_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RefreshData *data = task_data;
  const VwKind *kind = vw_connection_kind_table (data->kind);
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

void
vw_connection_refresh_object (VwConnection *self,
                VwKindId      kind,
                gpointer      ptr)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, refresh_done, NULL);
  RefreshData *data = g_new0 (RefreshData, 1);
  const VwKind *table = vw_connection_kind_table (kind);

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
  const VwKind *kind = vw_connection_kind_table (target->kind);
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
  vw_connection_refresh_object (self, target->kind, ptr);
  vw_connection_emit_lab_event (self);
  return 0;
}


/* An event that says only "read me again" (a pool was refreshed). */
void
vw_connection_reread_event (virConnectPtr  conn,
                            void          *ptr,
                            void          *opaque)
{
  vw_connection_lifecycle_event (conn, ptr, -1, 0, opaque);
}

/* ----- Helpers for opening ----- */

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

void
vw_connection_sort_infos (const VwKind *kind,
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

void
vw_connection_stop_loading (VwConnection *self)
{
  gboolean was_loading = self->load_id != 0;

  g_clear_handle_id (&self->load_id, g_source_remove);
  for (guint k = 0; k < VW_N_KINDS; k++)
    g_clear_pointer (&self->kinds[k].pending, g_ptr_array_unref);
  if (was_loading)
    vw_connection_notify_loading (self);
}

