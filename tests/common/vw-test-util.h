/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "vw-connection.h"

G_BEGIN_DECLS

typedef gboolean (*VwTestCondition) (gpointer data);

void          vw_test_init             (int             *argc,
                                        char          ***argv);
gboolean      vw_test_wait_until       (VwTestCondition  condition,
                                        gpointer         data,
                                        guint            timeout_ms);
void          vw_test_wait_ms          (guint            ms);
char         *vw_test_run_virsh        (const char      *uri,
                                        ...) G_GNUC_NULL_TERMINATED;
VwConnection *vw_test_open_connection  (const char      *uri);
gboolean      vw_test_require_libvirtd (void);
void          vw_test_remove_tree      (const char      *path);

G_END_DECLS
