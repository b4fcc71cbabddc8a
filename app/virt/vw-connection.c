/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-connection"

#include <glib/gi18n.h>
#include <libvirt/libvirt.h>

#include "vw-connection.h"
#include "vw-domain-private.h"
#include "vw-sandbox.h"
#include "vw-virt-enums.h"
#include "vw-virt.h"

/* One libvirt connection and the domains on it. Opening, listing and every
 * later read happen in worker threads; lifecycle events arrive on the main
 * thread (libvirt's event loop is GLib's, see vw_virt_init()) and trigger a
 * fresh read of the one domain they name. Nothing is polled. */
struct _VwConnection
{
  GObject parent_instance;

  char *uri;
  char *title;
  VwConnectionStatus status;
  char *error_message;

  virConnectPtr conn;
  int lifecycle_id;

  GListStore *domains;
  GHashTable *by_uuid;
};

G_DEFINE_FINAL_TYPE (VwConnection, vw_connection, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_URI,
  PROP_TITLE,
  PROP_STATUS,
  PROP_ERROR_MESSAGE,
  PROP_DOMAINS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void refresh_domain (VwConnection *self,
                            virDomainPtr  dom);

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

static gboolean
find_position (VwConnection *self,
               VwDomain     *domain,
               guint        *position)
{
  return g_list_store_find (self->domains, domain, position);
}

static void
remove_domain (VwConnection *self,
               const char   *uuid)
{
  VwDomain *domain = g_hash_table_lookup (self->by_uuid, uuid);
  guint position;

  if (domain == NULL)
    return;
  if (find_position (self, domain, &position))
    g_list_store_remove (self->domains, position);
  g_hash_table_remove (self->by_uuid, uuid);
}

/* Adds the domain, or updates it when it is already known. */
static void
merge_info (VwConnection *self,
            VwDomainInfo *info)
{
  VwDomain *domain = g_hash_table_lookup (self->by_uuid, info->uuid);
  g_autoptr(VwDomain) created = NULL;

  if (domain != NULL)
    {
      vw_domain_apply_info (domain, info);
      return;
    }

  created = vw_domain_new_from_info (info);
  g_hash_table_insert (self->by_uuid, g_strdup (info->uuid), g_object_ref (created));
  g_list_store_append (self->domains, created);
}

/* ----- Lifecycle events ----- */

static VwDomainState
state_from_event (int event)
{
  switch (event)
    {
    case VIR_DOMAIN_EVENT_STARTED:
    case VIR_DOMAIN_EVENT_RESUMED:
      return VW_DOMAIN_STATE_RUNNING;
    case VIR_DOMAIN_EVENT_SUSPENDED:
      return VW_DOMAIN_STATE_PAUSED;
    case VIR_DOMAIN_EVENT_STOPPED:
      return VW_DOMAIN_STATE_SHUTOFF;
    case VIR_DOMAIN_EVENT_SHUTDOWN:
      return VW_DOMAIN_STATE_SHUTDOWN;
    case VIR_DOMAIN_EVENT_PMSUSPENDED:
      return VW_DOMAIN_STATE_PMSUSPENDED;
    case VIR_DOMAIN_EVENT_CRASHED:
      return VW_DOMAIN_STATE_CRASHED;
    default:
      return VW_DOMAIN_STATE_NOSTATE;
    }
}

static int
on_lifecycle_event (virConnectPtr  conn,
                    virDomainPtr   dom,
                    int            event,
                    int            detail,
                    void          *opaque)
{
  g_autoptr(VwConnection) self = g_weak_ref_get (opaque);
  char uuid[VIR_UUID_STRING_BUFLEN];
  VwDomain *domain;
  VwDomainState state = state_from_event (event);

  if (self == NULL || virDomainGetUUIDString (dom, uuid) < 0)
    return 0;

  g_debug ("%s: lifecycle event %d/%d for %s", self->uri, event, detail, virDomainGetName (dom));

  domain = g_hash_table_lookup (self->by_uuid, uuid);
  if (domain != NULL && state != VW_DOMAIN_STATE_NOSTATE)
    vw_domain_set_state (domain, state);

  /* The event says what happened; a fresh read says what is true now
   * (vCPUs and memory after a start, or that the domain is gone). */
  refresh_domain (self, dom);
  return 0;
}

static void
weak_ref_free (gpointer data)
{
  GWeakRef *ref = data;

  g_weak_ref_clear (ref);
  g_free (ref);
}

/* ----- Refreshing one domain ----- */

typedef struct
{
  virDomainPtr dom;
  char uuid[VIR_UUID_STRING_BUFLEN];
  guint serial;
} RefreshData;

static void
refresh_data_free (RefreshData *data)
{
  virDomainFree (data->dom);
  g_free (data);
}

static void
refresh_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RefreshData *data = task_data;
  GError *error = NULL;
  VwDomainInfo *info = vw_domain_info_read (data->dom, &error);

  if (info == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, info, (GDestroyNotify) vw_domain_info_free);
}

static void
refresh_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  VwConnection *self = VW_CONNECTION (object);
  RefreshData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(VwDomainInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  VwDomain *domain = g_hash_table_lookup (self->by_uuid, data->uuid);

  if (domain != NULL && vw_domain_refresh_is_stale (domain, data->serial))
    return;

  info = g_task_propagate_pointer (G_TASK (result), &error);
  if (info == NULL)
    {
      if (vw_virt_error_is (error, VIR_ERR_NO_DOMAIN))
        remove_domain (self, data->uuid);
      else
        g_warning ("Could not read domain %s: %s", data->uuid, error->message);
      return;
    }

  merge_info (self, info);
}

static void
refresh_domain (VwConnection *self,
                virDomainPtr  dom)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, refresh_done, NULL);
  RefreshData *data = g_new0 (RefreshData, 1);
  VwDomain *domain;

  virDomainRef (dom);
  data->dom = dom;
  virDomainGetUUIDString (dom, data->uuid);
  domain = g_hash_table_lookup (self->by_uuid, data->uuid);
  data->serial = domain != NULL ? vw_domain_next_refresh (domain) : 0;

  g_task_set_task_data (task, data, (GDestroyNotify) refresh_data_free);
  g_task_run_in_thread (task, refresh_thread);
}

/* ----- Opening ----- */

typedef struct
{
  char *uri;
  GWeakRef *callback_ref;
  virConnectPtr conn;
  int lifecycle_id;
  GPtrArray *infos;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_free (data->uri);
  if (data->callback_ref != NULL)
    weak_ref_free (data->callback_ref);
  if (data->conn != NULL)
    {
      if (data->lifecycle_id >= 0)
        virConnectDomainEventDeregisterAny (data->conn, data->lifecycle_id);
      virConnectClose (data->conn);
    }
  g_clear_pointer (&data->infos, g_ptr_array_unref);
  g_free (data);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenData *data = task_data;
  GError *error = NULL;
  virDomainPtr *doms = NULL;
  int n;

  data->conn = virConnectOpen (data->uri);
  if (data->conn == NULL)
    {
      vw_virt_set_error (&error, NULL);
      g_task_return_error (task, error);
      return;
    }

  /* Register before listing, so that no change falls between the two: an
   * event for a domain the list already has is merged, not duplicated. */
  data->lifecycle_id =
    virConnectDomainEventRegisterAny (data->conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                      VIR_DOMAIN_EVENT_CALLBACK (on_lifecycle_event),
                                      data->callback_ref, weak_ref_free);
  if (data->lifecycle_id < 0)
    {
      vw_virt_set_error (&error, _("Could not follow the machines’ events"));
      g_task_return_error (task, error);
      return;
    }
  /* From here on libvirt owns the weak reference and frees it. */
  data->callback_ref = NULL;

  n = virConnectListAllDomains (data->conn, &doms, 0);
  if (n < 0)
    {
      vw_virt_set_error (&error, _("Could not list the machines"));
      g_task_return_error (task, error);
      return;
    }

  data->infos = g_ptr_array_new_full (n, (GDestroyNotify) vw_domain_info_free);
  for (int i = 0; i < n; i++)
    {
      g_autoptr(GError) local_error = NULL;
      VwDomainInfo *info = vw_domain_info_read (doms[i], &local_error);

      /* A domain undefined between the list and the read is simply gone. */
      if (info != NULL)
        g_ptr_array_add (data->infos, info);
      virDomainFree (doms[i]);
    }
  free (doms);

  g_task_return_boolean (task, TRUE);
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
  g_autoptr(GPtrArray) created = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      set_status (self, VW_CONNECTION_STATUS_FAILED, error->message);
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }

  self->conn = g_steal_pointer (&data->conn);
  self->lifecycle_id = data->lifecycle_id;

  /* One splice for the whole list: a view bound to the model sees a single
   * items-changed, however many machines there are. */
  created = g_ptr_array_new_full (data->infos->len, g_object_unref);
  for (guint i = 0; i < data->infos->len; i++)
    {
      VwDomainInfo *info = g_ptr_array_index (data->infos, i);
      VwDomain *domain = g_hash_table_lookup (self->by_uuid, info->uuid);

      if (domain != NULL)
        {
          vw_domain_apply_info (domain, info);
          continue;
        }
      domain = vw_domain_new_from_info (info);
      g_hash_table_insert (self->by_uuid, g_strdup (info->uuid), g_object_ref (domain));
      g_ptr_array_add (created, domain);
    }
  g_list_store_splice (self->domains, g_list_model_get_n_items (G_LIST_MODEL (self->domains)), 0,
                       created->pdata, created->len);

  set_status (self, VW_CONNECTION_STATUS_CONNECTED, NULL);
  g_task_return_boolean (outer, TRUE);
}

void
vw_connection_open_async (VwConnection        *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) inner = NULL;
  OpenData *data;

  g_return_if_fail (VW_IS_CONNECTION (self));

  vw_virt_init ();

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, vw_connection_open_async);

  if (self->status == VW_CONNECTION_STATUS_CONNECTING
      || self->status == VW_CONNECTION_STATUS_CONNECTED)
    {
      g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("The connection to %s is already open"), self->uri);
      return;
    }

  data = g_new0 (OpenData, 1);
  data->uri = g_strdup (self->uri);
  data->lifecycle_id = -1;
  data->callback_ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (data->callback_ref, self);

  set_status (self, VW_CONNECTION_STATUS_CONNECTING, NULL);

  inner = g_task_new (self, cancellable, open_done, g_steal_pointer (&outer));
  g_task_set_task_data (inner, data, (GDestroyNotify) open_data_free);
  g_task_run_in_thread (inner, open_thread);
}

gboolean
vw_connection_open_finish (VwConnection  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ----- Closing ----- */

typedef struct
{
  virConnectPtr conn;
  int lifecycle_id;
} CloseData;

static void
close_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CloseData *data = task_data;

  if (data->lifecycle_id >= 0)
    virConnectDomainEventDeregisterAny (data->conn, data->lifecycle_id);
  virConnectClose (data->conn);
  g_task_return_boolean (task, TRUE);
}

/* Closing may wait on a remote daemon, so it happens in a thread too; the
 * task holds no reference to us so that it can run from finalize. */
static void
close_in_thread (virConnectPtr conn,
                 int           lifecycle_id)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);
  CloseData *data = g_new0 (CloseData, 1);

  data->conn = conn;
  data->lifecycle_id = lifecycle_id;
  g_task_set_task_data (task, data, g_free);
  g_task_run_in_thread (task, close_thread);
}

void
vw_connection_close (VwConnection *self)
{
  g_return_if_fail (VW_IS_CONNECTION (self));

  if (self->conn != NULL)
    {
      close_in_thread (g_steal_pointer (&self->conn), self->lifecycle_id);
      self->lifecycle_id = -1;
    }
  g_hash_table_remove_all (self->by_uuid);
  g_list_store_remove_all (self->domains);
  set_status (self, VW_CONNECTION_STATUS_DISCONNECTED, NULL);
}

/* ----- GObject ----- */

static void
vw_connection_dispose (GObject *object)
{
  VwConnection *self = VW_CONNECTION (object);

  if (self->conn != NULL)
    {
      close_in_thread (g_steal_pointer (&self->conn), self->lifecycle_id);
      self->lifecycle_id = -1;
    }

  G_OBJECT_CLASS (vw_connection_parent_class)->dispose (object);
}

static void
vw_connection_finalize (GObject *object)
{
  VwConnection *self = VW_CONNECTION (object);

  g_free (self->uri);
  g_free (self->title);
  g_free (self->error_message);
  g_clear_object (&self->domains);
  g_clear_pointer (&self->by_uuid, g_hash_table_unref);

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
      g_value_set_object (value, self->domains);
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
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vw_connection_constructed (GObject *object)
{
  VwConnection *self = VW_CONNECTION (object);

  G_OBJECT_CLASS (vw_connection_parent_class)->constructed (object);

  if (vw_sandbox_is_uri (self->uri))
    self->title = g_strdup (_("Sandbox Lab"));
  else
    self->title = g_strdup (self->uri);
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
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, VW_TYPE_CONNECTION_STATUS,
                       VW_CONNECTION_STATUS_DISCONNECTED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOMAINS] =
    g_param_spec_object ("domains", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vw_connection_init (VwConnection *self)
{
  self->lifecycle_id = -1;
  self->domains = g_list_store_new (VW_TYPE_DOMAIN);
  self->by_uuid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
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

/* "Sandbox Lab" for the built-in lab, the URI otherwise. */
const char *
vw_connection_get_title (VwConnection *self)
{
  g_return_val_if_fail (VW_IS_CONNECTION (self), NULL);
  return self->title;
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
  return G_LIST_MODEL (self->domains);
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
  guint n;

  g_return_val_if_fail (VW_IS_CONNECTION (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->domains));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VwDomain) domain = g_list_model_get_item (G_LIST_MODEL (self->domains), i);

      if (g_strcmp0 (vw_domain_get_name (domain), name) == 0)
        return domain;
    }
  return NULL;
}
