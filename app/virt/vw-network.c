/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-network"

#include <libvirt/libvirt.h>

#include "vw-props.h"
#include "vw-connection-private.h"
#include "vw-network.h"
#include "vw-virt-object-private.h"
#include "vw-virt.h"
#include "vw-xml-read.h"

/* A libvirt virtual network as the lab sees it: what VwVirtObject has, and
 * what its XML says about how it reaches the outside (forward mode), its
 * bridge, its IPv4 subnet and DHCP range. VwConnection keeps it up to date
 * from network events. */
struct _VwNetwork
{
  VwVirtObject parent_instance;

  char *bridge;
  char *forward_mode;
  char *address;
  guint prefix;
  char *dhcp_start;
  char *dhcp_end;
};

G_DEFINE_FINAL_TYPE (VwNetwork, vw_network, VW_TYPE_VIRT_OBJECT)

enum {
  PROP_0,
  PROP_BRIDGE,
  PROP_FORWARD_MODE,
  PROP_ADDRESS,
  PROP_PREFIX,
  PROP_DHCP_START,
  PROP_DHCP_END,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  VwVirtObjectInfo base;
  char *bridge;
  char *forward_mode;
  char *address;
  guint prefix;
  char *dhcp_start;
  char *dhcp_end;
} NetworkInfo;

static int
free_ptr (gpointer ptr)
{
  return virNetworkFree (ptr);
}

static int
ref_ptr (gpointer ptr)
{
  return virNetworkRef (ptr);
}

static void
info_free (gpointer data)
{
  NetworkInfo *info = data;

  vw_virt_object_info_clear (&info->base, free_ptr);
  g_free (info->bridge);
  g_free (info->forward_mode);
  g_free (info->address);
  g_free (info->dhcp_start);
  g_free (info->dhcp_end);
  g_free (info);
}

/* A netmask such as 255.255.255.0 as a prefix length, or 0. */
static guint
prefix_from_netmask (const char *netmask)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (netmask);
  const guint8 *bytes;
  guint prefix = 0;

  if (address == NULL || g_inet_address_get_family (address) != G_SOCKET_FAMILY_IPV4)
    return 0;
  bytes = g_inet_address_to_bytes (address);
  for (guint i = 0; i < 4; i++)
    for (int bit = 7; bit >= 0 && (bytes[i] >> bit) & 1; bit--)
      prefix++;
  return prefix;
}

static void
read_xml (NetworkInfo *info,
          const char  *xml)
{
  g_autoptr(VwXmlRead) doc = vw_xml_read_new (xml);
  g_autofree char *prefix = NULL;
  g_autofree char *netmask = NULL;

  if (doc == NULL)
    return;

  info->forward_mode = vw_xml_read_string (doc, "/network/forward/@mode");
  if (info->forward_mode == NULL && vw_xml_read_exists (doc, "/network/forward"))
    info->forward_mode = g_strdup ("nat");
  if (info->forward_mode == NULL)
    info->forward_mode = g_strdup ("isolated");

  /* The first IPv4 address: the one the exam and the lab are about. */
  info->address = vw_xml_read_string (doc, "/network/ip[not(@family) or @family='ipv4'][1]/@address");
  prefix = vw_xml_read_string (doc, "/network/ip[not(@family) or @family='ipv4'][1]/@prefix");
  netmask = vw_xml_read_string (doc, "/network/ip[not(@family) or @family='ipv4'][1]/@netmask");
  if (prefix != NULL)
    info->prefix = (guint) g_ascii_strtoull (prefix, NULL, 10);
  else if (netmask != NULL)
    info->prefix = prefix_from_netmask (netmask);
  info->dhcp_start = vw_xml_read_string (doc, "/network/ip[not(@family) or @family='ipv4'][1]/dhcp/range[1]/@start");
  info->dhcp_end = vw_xml_read_string (doc, "/network/ip[not(@family) or @family='ipv4'][1]/dhcp/range[1]/@end");
  if (info->bridge == NULL)
    info->bridge = vw_xml_read_string (doc, "/network/bridge/@name");
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
  char *xml;

  if (active < 0)
    {
      vw_virt_set_error (error, NULL);
      return NULL;
    }

  info = g_new0 (NetworkInfo, 1);
  virNetworkRef (net);
  info->base.ptr = net;
  info->base.name = g_strdup (virNetworkGetName (net));
  virNetworkGetUUIDString (net, info->base.uuid);
  info->base.active = active == 1;
  info->base.persistent = virNetworkIsPersistent (net) == 1;
  if (virNetworkGetAutostart (net, &autostart) == 0)
    info->base.autostart = autostart != 0;
  bridge = virNetworkGetBridgeName (net);
  info->bridge = g_strdup (bridge);
  free (bridge);
  xml = virNetworkGetXMLDesc (net, 0);
  if (xml != NULL)
    read_xml (info, xml);
  free (xml);
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
  vw_virt_object_apply_info (VW_VIRT_OBJECT (self), &info->base);
  vw_props_set_string (G_OBJECT (self), &self->bridge, info->bridge, properties[PROP_BRIDGE]);
  vw_props_set_string (G_OBJECT (self), &self->forward_mode, info->forward_mode, properties[PROP_FORWARD_MODE]);
  vw_props_set_string (G_OBJECT (self), &self->address, info->address, properties[PROP_ADDRESS]);
  vw_props_set_string (G_OBJECT (self), &self->dhcp_start, info->dhcp_start, properties[PROP_DHCP_START]);
  vw_props_set_string (G_OBJECT (self), &self->dhcp_end, info->dhcp_end, properties[PROP_DHCP_END]);
  vw_props_set_uint (object, &self->prefix, info->prefix, properties[PROP_PREFIX]);
  g_object_thaw_notify (object);
}

static GObject *
new_object (VwConnection *connection,
            gpointer      data)
{
  VwNetwork *self = g_object_new (VW_TYPE_NETWORK, NULL);
  NetworkInfo *info = data;

  vw_virt_object_setup (VW_VIRT_OBJECT (self), connection, &info->base);
  self->bridge = g_strdup (info->bridge);
  self->forward_mode = g_strdup (info->forward_mode);
  self->address = g_strdup (info->address);
  self->prefix = info->prefix;
  self->dhcp_start = g_strdup (info->dhcp_start);
  self->dhcp_end = g_strdup (info->dhcp_end);
  return G_OBJECT (self);
}

static void
apply_event (GObject *object,
             int      event)
{
  if (event == VIR_NETWORK_EVENT_STARTED || event == VIR_NETWORK_EVENT_STOPPED)
    vw_virt_object_set_active (VW_VIRT_OBJECT (object), event == VIR_NETWORK_EVENT_STARTED);
}

static int
list_all (virConnectPtr   conn,
          gpointer      **ptrs)
{
  return virConnectListAllNetworks (conn, (virNetworkPtr **) ptrs, 0);
}

static void
kind_free_ptr (gpointer ptr)
{
  virNetworkFree (ptr);
}

static int
get_uuid (gpointer  ptr,
          char     *buf)
{
  return virNetworkGetUUIDString (ptr, buf);
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
  .free_ptr = kind_free_ptr,
  .register_events = register_events,
  .deregister_events = deregister_events,
  .ref_ptr = ref_ptr,
  .get_uuid = get_uuid,
  .info_uuid = vw_virt_object_info_uuid,
  .free_info = info_free,
  .new_object = new_object,
  .apply_info = apply_info,
  .apply_event = apply_event,
  .sort_key = vw_virt_object_info_sort_key,
};

void
vw_dhcp_lease_free (VwDhcpLease *lease)
{
  g_free (lease->mac);
  g_free (lease->address);
  g_free (lease->hostname);
  g_free (lease);
}

static void
vw_network_finalize (GObject *object)
{
  VwNetwork *self = VW_NETWORK (object);

  g_free (self->bridge);
  g_free (self->forward_mode);
  g_free (self->address);
  g_free (self->dhcp_start);
  g_free (self->dhcp_end);

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
    case PROP_BRIDGE:
      g_value_set_string (value, self->bridge);
      break;
    case PROP_FORWARD_MODE:
      g_value_set_string (value, self->forward_mode);
      break;
    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;
    case PROP_PREFIX:
      g_value_set_uint (value, self->prefix);
      break;
    case PROP_DHCP_START:
      g_value_set_string (value, self->dhcp_start);
      break;
    case PROP_DHCP_END:
      g_value_set_string (value, self->dhcp_end);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vw_network_class_init (VwNetworkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  VwVirtObjectClass *virt_class = VW_VIRT_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = vw_network_finalize;
  object_class->get_property = vw_network_get_property;
  virt_class->kind = VW_KIND_NETWORK;
  virt_class->ref_ptr = ref_ptr;
  virt_class->free_ptr = free_ptr;

  properties[PROP_BRIDGE] = g_param_spec_string ("bridge", NULL, NULL, NULL, flags);
  properties[PROP_FORWARD_MODE] = g_param_spec_string ("forward-mode", NULL, NULL, NULL, flags);
  properties[PROP_ADDRESS] = g_param_spec_string ("address", NULL, NULL, NULL, flags);
  properties[PROP_PREFIX] = g_param_spec_uint ("prefix", NULL, NULL, 0, 32, 0, flags);
  properties[PROP_DHCP_START] = g_param_spec_string ("dhcp-start", NULL, NULL, NULL, flags);
  properties[PROP_DHCP_END] = g_param_spec_string ("dhcp-end", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vw_network_init (VwNetwork *self)
{
}

const char *
vw_network_get_name (VwNetwork *self)
{
  return vw_virt_object_get_name (VW_VIRT_OBJECT (self));
}

const char *
vw_network_get_bridge (VwNetwork *self)
{
  g_return_val_if_fail (VW_IS_NETWORK (self), NULL);
  return self->bridge;
}

/* "nat", "route", "open", "bridge", … or "isolated" when there is no
 * <forward> at all. */
const char *
vw_network_get_forward_mode (VwNetwork *self)
{
  g_return_val_if_fail (VW_IS_NETWORK (self), NULL);
  return self->forward_mode;
}

const char *
vw_network_get_address (VwNetwork *self)
{
  g_return_val_if_fail (VW_IS_NETWORK (self), NULL);
  return self->address;
}

guint
vw_network_get_prefix (VwNetwork *self)
{
  g_return_val_if_fail (VW_IS_NETWORK (self), 0);
  return self->prefix;
}

const char *
vw_network_get_dhcp_start (VwNetwork *self)
{
  g_return_val_if_fail (VW_IS_NETWORK (self), NULL);
  return self->dhcp_start;
}

const char *
vw_network_get_dhcp_end (VwNetwork *self)
{
  g_return_val_if_fail (VW_IS_NETWORK (self), NULL);
  return self->dhcp_end;
}

gboolean
vw_network_is_isolated (VwNetwork *self)
{
  g_return_val_if_fail (VW_IS_NETWORK (self), FALSE);
  return g_strcmp0 (self->forward_mode, "isolated") == 0;
}
