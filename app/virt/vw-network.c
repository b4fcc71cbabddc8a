/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-network"

#include <libvirt/libvirt.h>

#include "vw-connection-private.h"
#include "vw-network.h"
#include "vw-virt.h"

/* A libvirt virtual network as the lab sees it, kept up to date by
 * VwConnection from network lifecycle events. */
struct _VwNetwork
{
  GObject parent_instance;

  GWeakRef connection;
  virNetworkPtr net;
  char *name;
  char uuid[VIR_UUID_STRING_BUFLEN];
  gboolean active;
  gboolean persistent;
  gboolean autostart;
  char *bridge;
};

G_DEFINE_FINAL_TYPE (VwNetwork, vw_network, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_UUID,
  PROP_ACTIVE,
  PROP_PERSISTENT,
  PROP_AUTOSTART,
  PROP_BRIDGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  virNetworkPtr net;
  char *name;
  char uuid[VIR_UUID_STRING_BUFLEN];
  gboolean active;
  gboolean persistent;
  gboolean autostart;
  char *bridge;
} NetworkInfo;

static void
info_free (gpointer data)
{
  NetworkInfo *info = data;

  if (info->net != NULL)
    virNetworkFree (info->net);
  g_free (info->name);
  g_free (info->bridge);
  g_free (info);
}

static gpointer
read_info (gpointer   ptr,
           GError   **error)
{
  virNetworkPtr net = ptr;
  NetworkInfo *info;
  int active = virNetworkIsActive (net);
  int autostart = 0;
  char *bridge;

  if (active < 0)
    {
      vw_virt_set_error (error, NULL);
      return NULL;
    }

  info = g_new0 (NetworkInfo, 1);
  virNetworkRef (net);
  info->net = net;
  info->name = g_strdup (virNetworkGetName (net));
  virNetworkGetUUIDString (net, info->uuid);
  info->active = active == 1;
  info->persistent = virNetworkIsPersistent (net) == 1;
  if (virNetworkGetAutostart (net, &autostart) == 0)
    info->autostart = autostart != 0;
  bridge = virNetworkGetBridgeName (net);
  info->bridge = g_strdup (bridge);
  free (bridge);
  virResetLastError ();
  return info;
}

static void
apply_info (GObject  *object,
            gpointer  data)
{
  VwNetwork *self = VW_NETWORK (object);
  NetworkInfo *info = data;

  g_object_freeze_notify (object);
  if (self->net != info->net)
    {
      if (self->net != NULL)
        virNetworkFree (self->net);
      virNetworkRef (info->net);
      self->net = info->net;
    }
  if (g_strcmp0 (self->name, info->name) != 0)
    {
      g_free (self->name);
      self->name = g_strdup (info->name);
      g_object_notify_by_pspec (object, properties[PROP_NAME]);
    }
  if (g_strcmp0 (self->bridge, info->bridge) != 0)
    {
      g_free (self->bridge);
      self->bridge = g_strdup (info->bridge);
      g_object_notify_by_pspec (object, properties[PROP_BRIDGE]);
    }
  if (self->active != info->active)
    {
      self->active = info->active;
      g_object_notify_by_pspec (object, properties[PROP_ACTIVE]);
    }
  if (self->persistent != info->persistent)
    {
      self->persistent = info->persistent;
      g_object_notify_by_pspec (object, properties[PROP_PERSISTENT]);
    }
  if (self->autostart != info->autostart)
    {
      self->autostart = info->autostart;
      g_object_notify_by_pspec (object, properties[PROP_AUTOSTART]);
    }
  g_object_thaw_notify (object);
}

static GObject *
new_object (VwConnection *connection,
            gpointer      info)
{
  VwNetwork *self = g_object_new (VW_TYPE_NETWORK, NULL);

  g_weak_ref_set (&self->connection, connection);
  g_strlcpy (self->uuid, ((NetworkInfo *) info)->uuid, sizeof self->uuid);
  apply_info (G_OBJECT (self), info);
  return G_OBJECT (self);
}

static void
apply_event (GObject *object,
             int      event)
{
  VwNetwork *self = VW_NETWORK (object);
  gboolean active;

  if (event == VIR_NETWORK_EVENT_STARTED)
    active = TRUE;
  else if (event == VIR_NETWORK_EVENT_STOPPED)
    active = FALSE;
  else
    return;
  if (self->active == active)
    return;
  self->active = active;
  g_object_notify_by_pspec (object, properties[PROP_ACTIVE]);
}

static int
list_all (virConnectPtr   conn,
          gpointer      **ptrs)
{
  return virConnectListAllNetworks (conn, (virNetworkPtr **) ptrs, 0);
}

static void
free_ptr (gpointer ptr)
{
  virNetworkFree (ptr);
}

static int
ref_ptr (gpointer ptr)
{
  return virNetworkRef (ptr);
}

static int
get_uuid (gpointer  ptr,
          char     *buf)
{
  return virNetworkGetUUIDString (ptr, buf);
}

static const char *
info_uuid (gpointer info)
{
  return ((NetworkInfo *) info)->uuid;
}

static int
register_events (virConnectPtr   conn,
                 gpointer        opaque,
                 virFreeCallback free_opaque)
{
  return virConnectNetworkEventRegisterAny (conn, NULL, VIR_NETWORK_EVENT_ID_LIFECYCLE,
                                            VIR_NETWORK_EVENT_CALLBACK (vw_connection_lifecycle_event),
                                            opaque, free_opaque);
}

static int
deregister_events (virConnectPtr conn,
                   int           id)
{
  return virConnectNetworkEventDeregisterAny (conn, id);
}

const VwKind vw_network_kind = {
  .name = "network",
  .get_type = vw_network_get_type,
  .list_all = list_all,
  .read_info = read_info,
  .free_ptr = free_ptr,
  .register_events = register_events,
  .deregister_events = deregister_events,
  .ref_ptr = ref_ptr,
  .get_uuid = get_uuid,
  .info_uuid = info_uuid,
  .free_info = info_free,
  .new_object = new_object,
  .apply_info = apply_info,
  .apply_event = apply_event,
};

static void
vw_network_finalize (GObject *object)
{
  VwNetwork *self = VW_NETWORK (object);

  if (self->net != NULL)
    virNetworkFree (self->net);
  g_weak_ref_clear (&self->connection);
  g_free (self->name);
  g_free (self->bridge);

  G_OBJECT_CLASS (vw_network_parent_class)->finalize (object);
}

static void
vw_network_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  VwNetwork *self = VW_NETWORK (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    case PROP_PERSISTENT:
      g_value_set_boolean (value, self->persistent);
      break;
    case PROP_AUTOSTART:
      g_value_set_boolean (value, self->autostart);
      break;
    case PROP_BRIDGE:
      g_value_set_string (value, self->bridge);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vw_network_class_init (VwNetworkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = vw_network_finalize;
  object_class->get_property = vw_network_get_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_UUID] = g_param_spec_string ("uuid", NULL, NULL, NULL, flags);
  properties[PROP_ACTIVE] = g_param_spec_boolean ("active", NULL, NULL, FALSE, flags);
  properties[PROP_PERSISTENT] = g_param_spec_boolean ("persistent", NULL, NULL, FALSE, flags);
  properties[PROP_AUTOSTART] = g_param_spec_boolean ("autostart", NULL, NULL, FALSE, flags);
  properties[PROP_BRIDGE] = g_param_spec_string ("bridge", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vw_network_init (VwNetwork *self)
{
  g_weak_ref_init (&self->connection, NULL);
}

const char *
vw_network_get_name (VwNetwork *self)
{
  g_return_val_if_fail (VW_IS_NETWORK (self), NULL);
  return self->name;
}

const char *
vw_network_get_uuid (VwNetwork *self)
{
  g_return_val_if_fail (VW_IS_NETWORK (self), NULL);
  return self->uuid;
}

gboolean
vw_network_get_active (VwNetwork *self)
{
  g_return_val_if_fail (VW_IS_NETWORK (self), FALSE);
  return self->active;
}

gboolean
vw_network_get_persistent (VwNetwork *self)
{
  g_return_val_if_fail (VW_IS_NETWORK (self), FALSE);
  return self->persistent;
}

gboolean
vw_network_get_autostart (VwNetwork *self)
{
  g_return_val_if_fail (VW_IS_NETWORK (self), FALSE);
  return self->autostart;
}

const char *
vw_network_get_bridge (VwNetwork *self)
{
  g_return_val_if_fail (VW_IS_NETWORK (self), NULL);
  return self->bridge;
}
