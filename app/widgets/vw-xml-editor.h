/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define VW_TYPE_XML_EDITOR (vw_xml_editor_get_type ())

G_DECLARE_FINAL_TYPE (VwXmlEditor, vw_xml_editor, VW, XML_EDITOR, GtkWidget)

GtkWidget  *vw_xml_editor_new            (void);
void        vw_xml_editor_set_document   (VwXmlEditor *self,
                                          const char  *xml);
char       *vw_xml_editor_get_text       (VwXmlEditor *self);
void        vw_xml_editor_set_text       (VwXmlEditor *self,
                                          const char  *xml);
void        vw_xml_editor_set_schema     (VwXmlEditor *self,
                                          const char  *root,
                                          const char  *schema);
void        vw_xml_editor_set_editing    (VwXmlEditor *self,
                                          gboolean     editing);
gboolean    vw_xml_editor_get_editing    (VwXmlEditor *self);
void        vw_xml_editor_set_read_only  (VwXmlEditor *self,
                                          gboolean     read_only);
void        vw_xml_editor_show_error     (VwXmlEditor *self,
                                          const char  *message,
                                          guint        line);
void        vw_xml_editor_report_failure (VwXmlEditor *self,
                                          const char  *message);
const char *vw_xml_editor_get_error      (VwXmlEditor *self);
guint       vw_xml_editor_get_error_line (VwXmlEditor *self);
void        vw_xml_editor_applied        (VwXmlEditor *self);
void        vw_xml_editor_apply          (VwXmlEditor *self,
                                          gboolean     confirmed);

G_END_DECLS
