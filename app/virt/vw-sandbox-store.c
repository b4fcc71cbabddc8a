/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-sandbox-store"

#include <glib/gi18n.h>
#include <libvirt/virterror.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "vw-connection-private.h"
#include "vw-file.h"
#include "vw-sandbox-serialize.h"
#include "vw-sandbox-store.h"
#include "vw-virt.h"

/* Keeps the learner's sandbox lab on disk. After each change made through
 * the connection (and when asked, at quit) the whole state of the test
 * driver is written back as a node file: domains with their run state and
 * snapshots, networks, pools with their volumes. What a node file cannot say
 * (a stopped network or pool, autostart flags) goes into an extra element
 * of our own, <vw:state>, which the test driver ignores and we apply after
 * opening. Files are written atomically, so a crash leaves the previous
 * state, never half a file. */

#define SAVE_DELAY_MS 150

/* ----- The store ----- */

struct _VwSandboxStore
{
  GObject parent_instance;

  VwConnection *connection;
  char *path;
  guint save_id;
  guint n_saves;
  char *error;
  gboolean saving;
  gboolean again;
  gboolean dirty;
};

/* Saves still writing; the application waits for them before it exits. */
static gint in_flight;

G_DEFINE_FINAL_TYPE (VwSandboxStore, vw_sandbox_store, G_TYPE_OBJECT)

typedef struct
{
  virConnectPtr conn;
  char *path;
} SaveData;

static void
save_data_free (SaveData *data)
{
  if (data->conn != NULL)
    virConnectClose (data->conn);
  g_free (data->path);
  g_free (data);
}

#define SAVE_ATTEMPTS 5

static gboolean
vanished (const GError *error)
{
  return vw_virt_error_is (error, VIR_ERR_NO_DOMAIN) || vw_virt_error_is (error, VIR_ERR_NO_DOMAIN_SNAPSHOT)
         || vw_virt_error_is (error, VIR_ERR_NO_NETWORK) || vw_virt_error_is (error, VIR_ERR_NO_STORAGE_POOL)
         || vw_virt_error_is (error, VIR_ERR_NO_STORAGE_VOL);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  GError *error = NULL;
  g_autofree char *xml = NULL;

  /* An object removed while it was being read (a snapshot deleted as the
   * list of snapshots was walked): read the lab again, as it is now. */
  for (guint attempt = 0; attempt < SAVE_ATTEMPTS; attempt++)
    {
      g_clear_error (&error);
      xml = vw_sandbox_serialize (data->conn, data->path, &error);
      if (xml != NULL || !vanished (error))
        break;
      g_usleep (20 * 1000);
    }

  if (xml == NULL || !vw_file_write_atomic (data->path, xml, -1, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
  g_atomic_int_dec_and_test (&in_flight);
}

static SaveData *
save_data_new (VwSandboxStore *self)
{
  virConnectPtr conn = vw_connection_ref_virconn (self->connection);
  SaveData *data;

  if (conn == NULL)
    return NULL;
  data = g_new0 (SaveData, 1);
  data->conn = conn;
  data->path = g_strdup (self->path);
  self->dirty = FALSE;
  g_atomic_int_inc (&in_flight);
  return data;
}

static gboolean
nothing_in_flight (gpointer user_data)
{
  return g_atomic_int_get (&in_flight) == 0;
}

/**
 * vw_sandbox_store_wait_all:
 * @timeout_ms: the longest wait
 *
 * Runs the main loop until every save has reached the disk; the
 * application calls it before it exits.
 *
 * Returns: %TRUE when nothing is left to write
 */
gboolean
vw_sandbox_store_wait_all (guint timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!nothing_in_flight (NULL) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE), g_usleep (2000);
  return nothing_in_flight (NULL);
}

static void schedule_save (VwSandboxStore *self);

static void
save_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  VwSandboxStore *self = VW_SANDBOX_STORE (object);
  g_autoptr(GTask) outer = user_data;
  g_autoptr(GError) error = NULL;

  self->saving = FALSE;
  g_clear_pointer (&self->error, g_free);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      self->error = g_strdup_printf (_("Could not save the sandbox lab to %s: %s"), self->path, error->message);
      g_warning ("%s", self->error);
      g_task_return_error (outer, g_steal_pointer (&error));
    }
  else
    {
      self->n_saves++;
      g_task_return_boolean (outer, TRUE);
    }

  /* A change that came in while we were writing is saved now. */
  if (self->again)
    {
      self->again = FALSE;
      schedule_save (self);
    }
}

void
vw_sandbox_store_save_async (VwSandboxStore      *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) outer = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GTask) inner = NULL;
  SaveData *data;

  g_return_if_fail (VW_IS_SANDBOX_STORE (self));

  g_clear_handle_id (&self->save_id, g_source_remove);
  data = save_data_new (self);
  if (data == NULL)
    {
      g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED, _("The sandbox lab is not open"));
      return;
    }
  self->saving = TRUE;

  inner = g_task_new (self, cancellable, save_done, g_steal_pointer (&outer));
  g_task_set_task_data (inner, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (inner, save_thread);
}

gboolean
vw_sandbox_store_save_finish (VwSandboxStore  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static gboolean
save_now (gpointer user_data)
{
  VwSandboxStore *self = user_data;

  self->save_id = 0;
  vw_sandbox_store_save_async (self, NULL, NULL, NULL);
  return G_SOURCE_REMOVE;
}

/* Changes often come in bursts (a clone is two); one save covers them. */
static void
schedule_save (VwSandboxStore *self)
{
  self->dirty = TRUE;
  if (self->saving)
    {
      self->again = TRUE;
      return;
    }
  if (self->save_id == 0)
    self->save_id = g_timeout_add (SAVE_DELAY_MS, save_now, self);
}

static void
vw_sandbox_store_dispose (GObject *object)
{
  VwSandboxStore *self = VW_SANDBOX_STORE (object);

  /* A change not yet on disk is written now, by a task that keeps the
   * connection alive until it is done (the window may already be gone). */
  if (self->connection != NULL && (self->dirty || self->again || self->save_id != 0))
    {
      SaveData *data = save_data_new (self);

      if (data != NULL)
        {
          g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

          g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
          g_task_run_in_thread (task, save_thread);
        }
    }
  self->again = FALSE;
  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->connection != NULL)
    g_signal_handlers_disconnect_by_data (self->connection, self);
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (vw_sandbox_store_parent_class)->dispose (object);
}

static void
vw_sandbox_store_finalize (GObject *object)
{
  VwSandboxStore *self = VW_SANDBOX_STORE (object);

  g_free (self->path);
  g_free (self->error);

  G_OBJECT_CLASS (vw_sandbox_store_parent_class)->finalize (object);
}

static void
vw_sandbox_store_class_init (VwSandboxStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vw_sandbox_store_dispose;
  object_class->finalize = vw_sandbox_store_finalize;
}

static void
vw_sandbox_store_init (VwSandboxStore *self)
{
}

/**
 * vw_sandbox_store_new:
 * @connection: a test:// connection on @path
 *
 * Saves @connection's state to @path after every change made through it.
 */
VwSandboxStore *
vw_sandbox_store_new (VwConnection *connection,
                      const char   *path)
{
  VwSandboxStore *self = g_object_new (VW_TYPE_SANDBOX_STORE, NULL);

  self->connection = g_object_ref (connection);
  self->path = g_strdup (path);
  g_signal_connect_swapped (connection, "changed", G_CALLBACK (schedule_save), self);
  return self;
}

const char *
vw_sandbox_store_get_path (VwSandboxStore *self)
{
  g_return_val_if_fail (VW_IS_SANDBOX_STORE (self), NULL);
  return self->path;
}

/* How many saves have completed; tests wait on it. */
guint
vw_sandbox_store_get_n_saves (VwSandboxStore *self)
{
  g_return_val_if_fail (VW_IS_SANDBOX_STORE (self), 0);
  return self->n_saves;
}

const char *
vw_sandbox_store_get_error (VwSandboxStore *self)
{
  g_return_val_if_fail (VW_IS_SANDBOX_STORE (self), NULL);
  return self->error;
}
