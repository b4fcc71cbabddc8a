/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *vw_sandbox_get_shipped_path (void);
char     *vw_sandbox_get_node_path    (void);
char     *vw_sandbox_get_uri          (void);
char     *vw_sandbox_uri_for_path     (const char  *node_path);
gboolean  vw_sandbox_is_uri           (const char  *uri);
gboolean  vw_sandbox_reset            (GError     **error);
char     *vw_sandbox_set_aside        (GError     **error);

G_END_DECLS
