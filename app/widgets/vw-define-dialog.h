/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "vw-connection.h"
#include "vw-xml-editor.h"

G_BEGIN_DECLS

typedef enum {
  VW_DEFINE_MACHINE,
  VW_DEFINE_FILTER,
} VwDefineKind;

GtkWindow   *vw_define_dialog_show       (GtkWidget    *parent,
                                          VwConnection *connection);
GtkWindow   *vw_define_dialog_show_kind  (GtkWidget    *parent,
                                          VwConnection *connection,
                                          VwDefineKind  kind);
GtkWindow   *vw_xml_window_show          (GtkWidget    *parent,
                                          const char   *heading,
                                          const char   *subtitle,
                                          const char   *xml);
VwXmlEditor *vw_define_dialog_get_editor (GtkWindow    *dialog);
char        *vw_define_dialog_template   (VwConnection *connection);

G_END_DECLS
