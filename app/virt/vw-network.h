/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "vw-virt-object.h"

G_BEGIN_DECLS

#define VW_TYPE_NETWORK (vw_network_get_type ())

G_DECLARE_FINAL_TYPE (VwNetwork, vw_network, VW, NETWORK, VwVirtObject)

/* One lease the network's DHCP server has given. */
typedef struct
{
  char *mac;
  char *address;    /* 192.168.122.45/24 */
  char *hostname;
  gint64 expiry;    /* seconds since the epoch, 0 when none */
} VwDhcpLease;

void        vw_dhcp_lease_free          (VwDhcpLease *lease);

const char *vw_network_get_name         (VwNetwork   *self);
const char *vw_network_get_bridge       (VwNetwork   *self);
const char *vw_network_get_forward_mode (VwNetwork   *self);
const char *vw_network_get_address      (VwNetwork   *self);
guint       vw_network_get_prefix       (VwNetwork   *self);
const char *vw_network_get_dhcp_start   (VwNetwork   *self);
const char *vw_network_get_dhcp_end     (VwNetwork   *self);
gboolean    vw_network_is_isolated      (VwNetwork   *self);

/* Operations (vw-network-ops.c); finish with vw_virt_object_op_finish(). */
void        vw_network_start_async      (VwNetwork            *self,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
void        vw_network_stop_async       (VwNetwork            *self,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
void        vw_network_set_autostart_async (VwNetwork         *self,
                                         gboolean              autostart,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
void        vw_network_undefine_async   (VwNetwork            *self,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
/* Finish with vw_virt_object_op_finish_pointer(): a string. */
void        vw_network_get_xml_async    (VwNetwork            *self,
                                         gboolean              inactive,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
/* Finish with vw_virt_object_op_finish_pointer(): a GPtrArray of VwDhcpLease. */
void        vw_network_get_leases_async (VwNetwork            *self,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);

G_END_DECLS
