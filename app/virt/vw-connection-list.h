/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "vw-command-log.h"
#include "vw-connection.h"

G_BEGIN_DECLS

#define VW_TYPE_CONNECTION_LIST (vw_connection_list_get_type ())

G_DECLARE_FINAL_TYPE (VwConnectionList, vw_connection_list, VW, CONNECTION_LIST, GObject)

VwConnectionList *vw_connection_list_new           (GSettings         *settings);
VwCommandLog     *vw_connection_list_get_command_log (VwConnectionList *self);
VwConnection     *vw_connection_list_get_sandbox   (VwConnectionList  *self);
VwConnection     *vw_connection_list_find          (VwConnectionList  *self,
                                                    const char        *uri);
VwConnection     *vw_connection_list_add           (VwConnectionList  *self,
                                                    const char        *uri,
                                                    GError           **error);
gboolean          vw_connection_list_remove        (VwConnectionList  *self,
                                                    VwConnection      *connection);
VwConnection     *vw_connection_list_reset_sandbox (VwConnectionList  *self,
                                                    GError           **error);
VwConnection     *vw_connection_list_reset_sandbox_to (VwConnectionList  *self,
                                                     const char        *node_path,
                                                     GError           **error);
VwConnection     *vw_connection_list_recover_sandbox (VwConnectionList *self,
                                                    char             **moved_to,
                                                    GError           **error);
void              vw_connection_list_save_sandbox_async (VwConnectionList *self,
                                                    GCancellable      *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer           user_data);
gboolean          vw_connection_list_save_sandbox_finish (VwConnectionList *self,
                                                    GAsyncResult      *result,
                                                    GError           **error);

G_END_DECLS
