/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define VW_TYPE_COMMAND (vw_command_get_type ())
G_DECLARE_FINAL_TYPE (VwCommand, vw_command, VW, COMMAND, GObject)

#define VW_TYPE_COMMAND_LOG (vw_command_log_get_type ())
G_DECLARE_FINAL_TYPE (VwCommandLog, vw_command_log, VW, COMMAND_LOG, GObject)

const char         *vw_command_get_text       (VwCommand          *self);
const char         *vw_command_get_uri        (VwCommand          *self);
const char * const *vw_command_get_args       (VwCommand          *self);
GDateTime          *vw_command_get_time       (VwCommand          *self);

VwCommandLog       *vw_command_log_new        (void);
VwCommand          *vw_command_log_append     (VwCommandLog       *self,
                                               const char         *uri,
                                               const char * const *args);
void                vw_command_log_clear      (VwCommandLog       *self);
char               *vw_command_log_to_text    (VwCommandLog       *self);
char               *vw_command_log_to_script  (VwCommandLog       *self);

const char         *vw_virsh_default_uri      (void);
char               *vw_virsh_command_line     (const char         *uri,
                                               const char * const *args);

G_END_DECLS
