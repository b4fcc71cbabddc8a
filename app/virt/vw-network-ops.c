/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-network-ops"

#include <libvirt/libvirt.h>

#include "vw-network.h"
#include "vw-virt-object-private.h"
#include "vw-virt.h"

/* What the learner can do to a network, each with its virsh line. The
 * network's properties change when the events and the reread that follow
 * arrive, as for a change made outside the application. */

enum {
  NET_START,
  NET_STOP,
  NET_AUTOSTART_ON,
  NET_AUTOSTART_OFF,
  NET_UNDEFINE,
};

static gboolean
run_action (gpointer    data,
            GPtrArray  *commands,
            GError    **error)
{
  VwObjectOp *op = data;
  int rc = -1;

  switch (op->action)
    {
    case NET_START:
      rc = virNetworkCreate (op->ptr);
      break;
    case NET_STOP:
      rc = virNetworkDestroy (op->ptr);
      break;
    case NET_AUTOSTART_ON:
    case NET_AUTOSTART_OFF:
      rc = virNetworkSetAutostart (op->ptr, op->action == NET_AUTOSTART_ON);
      break;
    case NET_UNDEFINE:
      rc = virNetworkUndefine (op->ptr);
      break;
    default:
      g_assert_not_reached ();
    }
  return rc >= 0 || vw_virt_set_error (error, NULL);
}

static void
run (VwNetwork           *self,
     int                  action,
     GStrv                args,
     GCancellable        *cancellable,
     GAsyncReadyCallback  callback,
     gpointer             user_data)
{
  VwObjectOp *op = vw_object_op_new (VW_VIRT_OBJECT (self));

  op->action = action;
  vw_virt_object_start_op (VW_VIRT_OBJECT (self), op, args, run_action, NULL,
                           cancellable, callback, user_data);
}

void
vw_network_start_async (VwNetwork           *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (VW_IS_NETWORK (self));
  run (self, NET_START, vw_virt_args ("net-start", vw_network_get_name (self), NULL),
       cancellable, callback, user_data);
}

void
vw_network_stop_async (VwNetwork           *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (VW_IS_NETWORK (self));
  run (self, NET_STOP, vw_virt_args ("net-destroy", vw_network_get_name (self), NULL),
       cancellable, callback, user_data);
}

void
vw_network_set_autostart_async (VwNetwork           *self,
                                gboolean             autostart,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  const char *name = vw_network_get_name (self);

  g_return_if_fail (VW_IS_NETWORK (self));
  run (self, autostart ? NET_AUTOSTART_ON : NET_AUTOSTART_OFF,
       autostart ? vw_virt_args ("net-autostart", name, NULL)
                 : vw_virt_args ("net-autostart", name, "--disable", NULL),
       cancellable, callback, user_data);
}

/* A running network stays until stopped: undefining only removes its
 * persistent definition (it becomes transient), as with virsh. */
void
vw_network_undefine_async (VwNetwork           *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (VW_IS_NETWORK (self));
  run (self, NET_UNDEFINE, vw_virt_args ("net-undefine", vw_network_get_name (self), NULL),
       cancellable, callback, user_data);
}

static gboolean
run_get_xml (gpointer    data,
             GPtrArray  *commands,
             GError    **error)
{
  VwObjectOp *op = data;
  char *xml = virNetworkGetXMLDesc (op->ptr, op->flags);

  /* The test driver knows no --inactive; for it the two are the same. */
  if (xml == NULL && op->flags != 0 && vw_virt_last_error_is (VIR_ERR_INVALID_ARG))
    xml = virNetworkGetXMLDesc (op->ptr, 0);
  if (xml == NULL)
    return vw_virt_set_error (error, NULL);
  op->result = g_strdup (xml);
  free (xml);
  return TRUE;
}

void
vw_network_get_xml_async (VwNetwork           *self,
                          gboolean             inactive,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  VwObjectOp *op = vw_object_op_new (VW_VIRT_OBJECT (self));

  g_return_if_fail (VW_IS_NETWORK (self));
  op->flags = inactive ? VIR_NETWORK_XML_INACTIVE : 0;
  op->result_free = g_free;
  vw_virt_object_start_op (VW_VIRT_OBJECT (self), op, NULL, run_get_xml, NULL,
                           cancellable, callback, user_data);
}

static gboolean
run_get_leases (gpointer    data,
                GPtrArray  *commands,
                GError    **error)
{
  VwObjectOp *op = data;
  virNetworkDHCPLeasePtr *leases = NULL;
  int n = virNetworkGetDHCPLeases (op->ptr, NULL, &leases, 0);
  GPtrArray *result;

  if (n < 0)
    return vw_virt_set_error (error, NULL);

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) vw_dhcp_lease_free);
  for (int i = 0; i < n; i++)
    {
      VwDhcpLease *lease = g_new0 (VwDhcpLease, 1);

      lease->mac = g_strdup (leases[i]->mac);
      lease->address = g_strdup_printf ("%s/%u", leases[i]->ipaddr, leases[i]->prefix);
      lease->hostname = g_strdup (leases[i]->hostname);
      lease->expiry = leases[i]->expirytime;
      g_ptr_array_add (result, lease);
      virNetworkDHCPLeaseFree (leases[i]);
    }
  free (leases);
  op->result = result;
  return TRUE;
}

/* What `virsh net-dhcp-leases NAME` shows. */
void
vw_network_get_leases_async (VwNetwork           *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  VwObjectOp *op = vw_object_op_new (VW_VIRT_OBJECT (self));

  g_return_if_fail (VW_IS_NETWORK (self));
  op->result_free = (GDestroyNotify) g_ptr_array_unref;
  vw_virt_object_start_op (VW_VIRT_OBJECT (self), op, NULL, run_get_leases, NULL,
                           cancellable, callback, user_data);
}
