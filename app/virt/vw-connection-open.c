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

/* Opening a connection in a worker thread (with libvirt's questions for a
 * user name or password answered on the main thread), noticing when the
 * daemon goes away, and coming back to it with a growing delay. */

/* ----- Opening ----- */

typedef struct
{
  char *uri;
  guint generation;
  GWeakRef self;
  virConnectPtr conn;
  EventTarget *targets[VW_N_KINDS][VW_KIND_EVENTS];
  int event_ids[VW_N_KINDS][VW_KIND_EVENTS];
  GPtrArray *infos[VW_N_KINDS];
  EventTarget *close_target;
  gboolean close_registered;
} OpenData;

static void
close_virconn (virConnectPtr  conn,
               int            event_ids[VW_N_KINDS][VW_KIND_EVENTS],
               gboolean       close_registered);

static void
open_data_free (OpenData *data)
{
  if (data->conn != NULL)
    close_virconn (data->conn, data->event_ids, data->close_registered);
  for (guint k = 0; k < VW_N_KINDS; k++)
    {
      for (guint e = 0; e < VW_KIND_EVENTS; e++)
        if (data->targets[k][e] != NULL)
          vw_connection_event_target_free (data->targets[k][e]);
      g_clear_pointer (&data->infos[k], g_ptr_array_unref);
    }
  if (data->close_target != NULL)
    vw_connection_event_target_free (data->close_target);
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

  if (self == NULL || !vw_connection_has_credentials_handler (self))
    vw_credentials_complete (ask->credentials, FALSE);
  else
    vw_connection_emit_credentials (self, ask->credentials);

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

/* Whether the daemon went away while the lab was read: a machine that
 * could not be read then is not gone, and a kind that could not be listed
 * is not empty. */
static gboolean
lost_while_reading (virConnectPtr   conn,
                    GError        **error)
{
  if (virConnectIsAlive (conn) != 0)
    return FALSE;
  virResetLastError ();
  g_set_error_literal (error, VW_VIRT_ERROR, VIR_ERR_SYSTEM_ERROR,
                       _("The connection was lost while the lab was being read"));
  return TRUE;
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

  /* Drivers without a daemon (test://) answer 1: nothing to keep alive,
   * and nothing to lose either (libvirt would accept a close callback from
   * them but never call, nor free, it). */
  if (virConnectSetKeepAlive (data->conn, KEEPALIVE_INTERVAL_S, KEEPALIVE_COUNT) == 0
      && virConnectRegisterCloseCallback (data->conn, on_closed, data->close_target,
                                          vw_connection_event_target_free) == 0)
    {
      data->close_target = NULL;
      data->close_registered = TRUE;
    }
  virResetLastError ();

  for (guint k = 0; k < VW_N_KINDS; k++)
    {
      const VwKind *kind = vw_connection_kind_table (k);
      gpointer *ptrs = NULL;
      int n;

      /* Register before listing, so that no change falls between the two:
       * an event for an object the list already has is merged. */
      data->event_ids[k][0] = kind->register_events (data->conn, data->targets[k][0],
                                                     vw_connection_event_target_free);
      if (data->event_ids[k][0] < 0)
        {
          if (!lost_while_reading (data->conn, &error))
            vw_virt_set_error (&error, _("Could not follow the lab’s events"));
          g_task_return_error (task, error);
          return;
        }
      data->targets[k][0] = NULL;
      /* The second event only adds freshness: a driver without it is fine. */
      if (kind->register_more_events != NULL)
        {
          data->event_ids[k][1] = kind->register_more_events (data->conn, data->targets[k][1],
                                                              vw_connection_event_target_free);
          if (data->event_ids[k][1] >= 0)
            data->targets[k][1] = NULL;
          virResetLastError ();
        }

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
      if (lost_while_reading (data->conn, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      if (kind->sort_key != NULL)
        vw_connection_sort_infos (kind, data->infos[k]);
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
      memcpy (self->kinds[k].event_ids, data->event_ids[k], sizeof self->kinds[k].event_ids);
      vw_connection_sync_kind (self, &self->kinds[k], data->infos[k]);
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

          vw_connection_set_status (self, VW_CONNECTION_STATUS_RECONNECTING, message);
          schedule_reconnect (self);
        }
      else
        vw_connection_set_status (self, VW_CONNECTION_STATUS_FAILED, error->message);
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }

  vw_bench_mark ("apply-start", NULL);
  apply_open (self, data);
  vw_bench_mark ("apply-end", NULL);
  self->delay_ms = self->first_delay_ms;
  vw_connection_set_status (self, VW_CONNECTION_STATUS_CONNECTED, NULL);
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
      for (guint e = 0; e < VW_KIND_EVENTS; e++)
        {
          data->targets[k][e] = vw_connection_event_target_new (self, k, data->generation);
          data->event_ids[k][e] = -1;
        }
    }
  data->close_target = vw_connection_event_target_new (self, VW_KIND_DOMAIN, data->generation);

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
  vw_connection_set_status (self, VW_CONNECTION_STATUS_CONNECTING, NULL);
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
  int event_ids[VW_N_KINDS][VW_KIND_EVENTS];
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
    for (guint e = 0; e < VW_KIND_EVENTS; e++)
      if (data->event_ids[k][e] >= 0)
        vw_connection_kind_table (k)->deregister_events (data->conn, data->event_ids[k][e]);
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
               int            event_ids[VW_N_KINDS][VW_KIND_EVENTS],
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

void
vw_connection_drop_virconn (VwConnection *self)
{
  int event_ids[VW_N_KINDS][VW_KIND_EVENTS];

  vw_connection_stop_loading (self);
  if (self->conn == NULL)
    return;
  for (guint k = 0; k < VW_N_KINDS; k++)
    for (guint e = 0; e < VW_KIND_EVENTS; e++)
      {
        event_ids[k][e] = self->kinds[k].event_ids[e];
        self->kinds[k].event_ids[e] = -1;
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
      vw_connection_drop_virconn (self);
      vw_connection_set_status (self, VW_CONNECTION_STATUS_RECONNECTING, message);
      schedule_reconnect (self);
    }

  vw_connection_event_target_free (notice->target);
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

  notice->target = vw_connection_event_target_new (self, target->kind, target->generation);
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
  vw_connection_drop_virconn (self);
  self->generation++;
  for (guint k = 0; k < VW_N_KINDS; k++)
    {
      g_hash_table_remove_all (self->kinds[k].by_uuid);
      g_hash_table_remove_all (self->kinds[k].serials);
      g_list_store_remove_all (self->kinds[k].store);
    }
  vw_connection_set_status (self, VW_CONNECTION_STATUS_DISCONNECTED, NULL);
}

