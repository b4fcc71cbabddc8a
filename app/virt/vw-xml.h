/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char     *vw_xml_check_document      (const char           *xml,
                                      const char           *root,
                                      const char           *name_element,
                                      guint                *line,
                                      GError              **error);
guint     vw_xml_locate_schema_error (const char           *xml,
                                      const char           *schema,
                                      char                **message);
void      vw_xml_locate_async        (const char           *xml,
                                      const char           *schema,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
guint     vw_xml_locate_finish       (GAsyncResult         *result,
                                      char                **message);

G_END_DECLS
