/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "vw-connection.h"
#include "vw-xml-editor.h"

G_BEGIN_DECLS

GtkWindow   *vw_define_dialog_show       (GtkWidget    *parent,
                                          VwConnection *connection);
VwXmlEditor *vw_define_dialog_get_editor (GtkWindow    *dialog);
char        *vw_define_dialog_template   (VwConnection *connection);

G_END_DECLS
