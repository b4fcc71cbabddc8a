/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define VW_TYPE_NETWORK (vw_network_get_type ())

G_DECLARE_FINAL_TYPE (VwNetwork, vw_network, VW, NETWORK, GObject)

const char *vw_network_get_name       (VwNetwork *self);
const char *vw_network_get_uuid       (VwNetwork *self);
gboolean    vw_network_get_active     (VwNetwork *self);
gboolean    vw_network_get_persistent (VwNetwork *self);
gboolean    vw_network_get_autostart  (VwNetwork *self);
const char *vw_network_get_bridge     (VwNetwork *self);

G_END_DECLS
