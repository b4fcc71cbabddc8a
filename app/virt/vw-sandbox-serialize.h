/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <libvirt/libvirt.h>

G_BEGIN_DECLS

char     *vw_sandbox_serialize     (virConnectPtr   conn,
                                    const char     *previous_path,
                                    GError        **error);
gboolean  vw_sandbox_apply_overlay (virConnectPtr   conn,
                                    const char     *node_path,
                                    GError        **error);
char     *vw_sandbox_path_from_uri (const char     *uri);

G_END_DECLS
