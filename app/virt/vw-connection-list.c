/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-connection-list"

#include <glib/gi18n.h>

#include "vw-connection-list.h"
#include "vw-file.h"
#include "vw-sandbox-store.h"
#include "vw-sandbox.h"
#include "vw-validate.h"

/* The connections the learner has added to the lab, the sandbox first,
 * remembered in GSettings. Several can be open at once; the lab shows one.
 * All share one command log, and the sandbox's state is saved by a
 * VwSandboxStore after each change. */
struct _VwConnectionList
{
  GObject parent_instance;

  GSettings *settings;
  GListStore *connections;
  VwCommandLog *command_log;
  VwSandboxStore *store;
};

static void vw_connection_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VwConnectionList, vw_connection_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, vw_connection_list_model_init))

static GType
get_item_type (GListModel *model)
{
  return VW_TYPE_CONNECTION;
}

static guint
get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (VW_CONNECTION_LIST (model)->connections));
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  return g_list_model_get_item (G_LIST_MODEL (VW_CONNECTION_LIST (model)->connections), position);
}

static void
vw_connection_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
forward_items_changed (VwConnectionList *self,
                       guint             position,
                       guint             removed,
                       guint             added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
save_uris (VwConnectionList *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) uris = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->connections));

  for (guint i = 1; i < n; i++)
    {
      g_autoptr(VwConnection) connection = g_list_model_get_item (G_LIST_MODEL (self->connections), i);

      g_strv_builder_add (builder, vw_connection_get_uri (connection));
    }
  uris = g_strv_builder_end (builder);
  if (self->settings != NULL)
    g_settings_set_strv (self->settings, "connections", (const char * const *) uris);
}

static VwConnection *
make_connection (VwConnectionList *self,
                 const char       *uri)
{
  VwConnection *connection = vw_connection_new (uri);

  vw_connection_set_command_log (connection, self->command_log);
  return connection;
}

static void
make_sandbox (VwConnectionList *self,
              guint             position,
              gboolean          replace)
{
  g_autofree char *uri = vw_sandbox_get_uri ();
  g_autofree char *path = vw_sandbox_path_from_uri (uri);
  g_autoptr(VwConnection) sandbox = make_connection (self, uri);

  g_clear_object (&self->store);
  self->store = vw_sandbox_store_new (sandbox, path);
  g_list_store_splice (self->connections, position, replace ? 1 : 0, (gpointer *) &sandbox, 1);
}

static void
vw_connection_list_dispose (GObject *object)
{
  VwConnectionList *self = VW_CONNECTION_LIST (object);

  g_clear_object (&self->store);
  if (self->connections != NULL)
    g_list_store_remove_all (self->connections);

  G_OBJECT_CLASS (vw_connection_list_parent_class)->dispose (object);
}

static void
vw_connection_list_finalize (GObject *object)
{
  VwConnectionList *self = VW_CONNECTION_LIST (object);

  g_clear_object (&self->connections);
  g_clear_object (&self->command_log);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (vw_connection_list_parent_class)->finalize (object);
}

static void
vw_connection_list_class_init (VwConnectionListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vw_connection_list_dispose;
  object_class->finalize = vw_connection_list_finalize;
}

static void
vw_connection_list_init (VwConnectionList *self)
{
  self->connections = g_list_store_new (VW_TYPE_CONNECTION);
  self->command_log = vw_command_log_new ();
  g_signal_connect_swapped (self->connections, "items-changed", G_CALLBACK (forward_items_changed), self);
}

/**
 * vw_connection_list_new:
 * @settings: (nullable): where the list is remembered
 */
VwConnectionList *
vw_connection_list_new (GSettings *settings)
{
  VwConnectionList *self = g_object_new (VW_TYPE_CONNECTION_LIST, NULL);
  g_auto(GStrv) uris = NULL;

  if (settings != NULL)
    self->settings = g_object_ref (settings);

  make_sandbox (self, 0, FALSE);

  if (settings != NULL)
    uris = g_settings_get_strv (settings, "connections");
  for (guint i = 0; uris != NULL && uris[i] != NULL; i++)
    {
      g_autoptr(VwConnection) connection = NULL;

      /* A URI that no longer passes the checks (edited by hand) is dropped. */
      if (!vw_validate_uri (uris[i], NULL) || vw_sandbox_is_uri (uris[i])
          || vw_connection_list_find (self, uris[i]) != NULL)
        continue;
      connection = make_connection (self, uris[i]);
      g_list_store_append (self->connections, connection);
    }
  return self;
}

VwCommandLog *
vw_connection_list_get_command_log (VwConnectionList *self)
{
  g_return_val_if_fail (VW_IS_CONNECTION_LIST (self), NULL);
  return self->command_log;
}

/**
 * vw_connection_list_get_sandbox:
 *
 * Returns: (transfer none): the sandbox lab's connection
 */
VwConnection *
vw_connection_list_get_sandbox (VwConnectionList *self)
{
  g_autoptr(VwConnection) sandbox = NULL;

  g_return_val_if_fail (VW_IS_CONNECTION_LIST (self), NULL);
  sandbox = g_list_model_get_item (G_LIST_MODEL (self->connections), 0);
  return sandbox;
}

/**
 * vw_connection_list_find:
 *
 * Returns: (transfer none) (nullable): the connection to @uri
 */
VwConnection *
vw_connection_list_find (VwConnectionList *self,
                         const char       *uri)
{
  guint n;

  g_return_val_if_fail (VW_IS_CONNECTION_LIST (self), NULL);

  if (uri == NULL || *uri == '\0' || vw_sandbox_is_uri (uri))
    return vw_connection_list_get_sandbox (self);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->connections));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VwConnection) connection = g_list_model_get_item (G_LIST_MODEL (self->connections), i);

      if (g_strcmp0 (vw_connection_get_uri (connection), uri) == 0)
        return connection;
    }
  return NULL;
}

/**
 * vw_connection_list_add:
 *
 * Adds a connection to @uri (not opened yet), or returns the one there is.
 *
 * Returns: (transfer none) (nullable): the connection, or %NULL with @error
 *   set when @uri is not a libvirt URI
 */
VwConnection *
vw_connection_list_add (VwConnectionList  *self,
                        const char        *uri,
                        GError           **error)
{
  VwConnection *existing;
  g_autoptr(VwConnection) connection = NULL;

  g_return_val_if_fail (VW_IS_CONNECTION_LIST (self), NULL);

  if (!vw_validate_uri (uri, error))
    return NULL;
  existing = vw_connection_list_find (self, uri);
  if (existing != NULL)
    return existing;

  connection = make_connection (self, uri);
  g_list_store_append (self->connections, connection);
  save_uris (self);
  return connection;
}

/* Closes and forgets a connection; the sandbox cannot be removed. */
gboolean
vw_connection_list_remove (VwConnectionList *self,
                           VwConnection     *connection)
{
  guint position;

  g_return_val_if_fail (VW_IS_CONNECTION_LIST (self), FALSE);

  if (!g_list_store_find (self->connections, connection, &position) || position == 0)
    return FALSE;
  vw_connection_close (connection);
  g_list_store_remove (self->connections, position);
  save_uris (self);
  return TRUE;
}

/**
 * vw_connection_list_reset_sandbox:
 *
 * Puts the shipped lab back in place of the learner's copy and gives a new,
 * not yet opened, sandbox connection in place of the old one.
 *
 * Returns: (transfer none) (nullable): the new sandbox connection
 */
VwConnection *
vw_connection_list_reset_sandbox (VwConnectionList  *self,
                                  GError           **error)
{
  return vw_connection_list_reset_sandbox_to (self, NULL, error);
}

/**
 * vw_connection_list_reset_sandbox_to:
 * @node_path: (nullable): the lab to start from (an exercise's), or %NULL
 *   for the shipped one
 *
 * Like vw_connection_list_reset_sandbox(). When the lab cannot be copied,
 * the old sandbox stays as it was.
 *
 * Returns: (transfer none) (nullable): the new sandbox connection
 */
VwConnection *
vw_connection_list_reset_sandbox_to (VwConnectionList  *self,
                                     const char        *node_path,
                                     GError           **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *from = node_path != NULL ? g_strdup (node_path) : vw_sandbox_get_shipped_path ();
  g_autofree char *to = vw_sandbox_get_node_path ();
  gsize length;

  g_return_val_if_fail (VW_IS_CONNECTION_LIST (self), NULL);

  /* Read first: a lab that cannot be read changes nothing. */
  if (!g_file_get_contents (from, &contents, &length, error))
    return NULL;
  vw_connection_close (vw_connection_list_get_sandbox (self));
  /* The old store writes what it had not saved yet: let that land before
   * the new lab takes the file's place. */
  g_clear_object (&self->store);
  vw_sandbox_store_wait_all (5000);
  if (!vw_file_write_atomic (to, contents, (gssize) length, error))
    {
      make_sandbox (self, 0, TRUE);
      return NULL;
    }
  make_sandbox (self, 0, TRUE);
  return vw_connection_list_get_sandbox (self);
}

/**
 * vw_connection_list_recover_sandbox:
 * @moved_to: (out) (optional): where the unreadable copy went
 *
 * For a sandbox copy that libvirt cannot load: it is moved aside and the
 * shipped lab takes its place, in a new sandbox connection.
 *
 * Returns: (transfer none) (nullable): the new sandbox connection
 */
VwConnection *
vw_connection_list_recover_sandbox (VwConnectionList  *self,
                                    char             **moved_to,
                                    GError           **error)
{
  g_autofree char *aside = NULL;

  g_return_val_if_fail (VW_IS_CONNECTION_LIST (self), NULL);

  vw_connection_close (vw_connection_list_get_sandbox (self));
  g_clear_object (&self->store);
  aside = vw_sandbox_set_aside (error);
  if (aside == NULL)
    return NULL;
  make_sandbox (self, 0, TRUE);
  if (moved_to != NULL)
    *moved_to = g_steal_pointer (&aside);
  return vw_connection_list_get_sandbox (self);
}

static void
save_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!vw_sandbox_store_save_finish (VW_SANDBOX_STORE (object), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Saves the sandbox now (at quit), if it is open. */
void
vw_connection_list_save_sandbox_async (VwConnectionList    *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  if (self->store == NULL
      || vw_connection_get_status (vw_connection_list_get_sandbox (self)) != VW_CONNECTION_STATUS_CONNECTED)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  vw_sandbox_store_save_async (self->store, cancellable, save_done, g_steal_pointer (&task));
}

gboolean
vw_connection_list_save_sandbox_finish (VwConnectionList  *self,
                                        GAsyncResult      *result,
                                        GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
