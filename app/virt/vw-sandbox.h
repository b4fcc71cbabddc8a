/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *vw_sandbox_get_node_path (void);
char     *vw_sandbox_get_uri       (void);
char     *vw_sandbox_uri_for_path  (const char *node_path);
gboolean  vw_sandbox_is_uri        (const char *uri);

G_END_DECLS
