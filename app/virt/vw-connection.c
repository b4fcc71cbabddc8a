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
  LAB_EVENT,
  CREDENTIALS_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

const VwKind *
vw_connection_kind_table (VwKindId id)
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

void
vw_connection_set_status (VwConnection       *self,
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

void
vw_connection_notify_loading (VwConnection *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

gboolean
vw_connection_has_credentials_handler (VwConnection *self)
{
  return g_signal_has_handler_pending (self, signals[CREDENTIALS_REQUESTED], 0, FALSE);
}

void
vw_connection_emit_credentials (VwConnection  *self,
                                VwCredentials *credentials)
{
  g_signal_emit (self, signals[CREDENTIALS_REQUESTED], 0, credentials);
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

/* Main thread, from the event callbacks. */
void
vw_connection_emit_lab_event (VwConnection *self)
{
  g_signal_emit (self, signals[LAB_EVENT], 0);
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
    vw_connection_refresh_object (self, kind, ptr);
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
  vw_connection_drop_virconn (self);

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
  /**
   * VwConnection::lab-event:
   *
   * libvirt told of a change to a domain, network or pool, whoever made
   * it (this window, virsh, another client of the daemon).
   */
  signals[LAB_EVENT] = g_signal_new ("lab-event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);

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
      const VwKind *kind = vw_connection_kind_table (k);

      self->kinds[k].kind = kind;
      self->kinds[k].store = g_list_store_new (kind->get_type ());
      self->kinds[k].by_uuid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
      self->kinds[k].serials = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      for (guint e = 0; e < VW_KIND_EVENTS; e++)
        self->kinds[k].event_ids[e] = -1;
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
