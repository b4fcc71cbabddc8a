/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "vw-command-log.h"

G_BEGIN_DECLS

#define VW_TYPE_COMMANDS_PANEL (vw_commands_panel_get_type ())

G_DECLARE_FINAL_TYPE (VwCommandsPanel, vw_commands_panel, VW, COMMANDS_PANEL, GtkWidget)

void          vw_commands_panel_set_log      (VwCommandsPanel *self,
                                              VwCommandLog    *log);
VwCommandLog *vw_commands_panel_get_log      (VwCommandsPanel *self);
void          vw_commands_panel_set_expanded (VwCommandsPanel *self,
                                              gboolean         expanded);
gboolean      vw_commands_panel_get_expanded (VwCommandsPanel *self);

G_END_DECLS
