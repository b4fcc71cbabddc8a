/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define VW_TYPE_WORKSPACE (vw_workspace_get_type ())

G_DECLARE_FINAL_TYPE (VwWorkspace, vw_workspace, VW, WORKSPACE, GtkWidget)

void        vw_workspace_set_view_mode (VwWorkspace *self,
                                        const char  *mode);
const char *vw_workspace_get_view_mode (VwWorkspace *self);
gboolean    vw_workspace_get_stacked   (VwWorkspace *self);

G_END_DECLS
