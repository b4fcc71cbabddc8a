/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the "New network" form asks for: a name, how the network reaches the
 * outside ("nat", "route" or "isolated"), the host's IPv4 address on it
 * with the subnet's prefix length, and an optional DHCP range. */
typedef struct
{
  const char *name;
  const char *mode;
  const char *address;
  guint prefix;
  const char *dhcp_start;  /* both or neither */
  const char *dhcp_end;
} VwNetworkSpec;

gboolean vw_network_spec_validate (const VwNetworkSpec  *spec,
                                   GError              **error);
char    *vw_network_spec_to_xml   (const VwNetworkSpec  *spec,
                                   GError              **error);

G_END_DECLS
