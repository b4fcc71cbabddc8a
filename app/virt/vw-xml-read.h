/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

/* A parsed XML document read with XPath: what the models take out of
 * libvirt's descriptions of networks, pools, volumes and snapshots. */
typedef struct _VwXmlRead VwXmlRead;

VwXmlRead *vw_xml_read_new       (const char  *xml);
void       vw_xml_read_free      (VwXmlRead   *self);
xmlDoc    *vw_xml_read_get_doc   (VwXmlRead   *self);
char      *vw_xml_read_string    (VwXmlRead   *self,
                                  const char  *expr);
char      *vw_xml_read_string_at (VwXmlRead   *self,
                                  xmlNode     *node,
                                  const char  *expr);
guint64    vw_xml_read_u64_at    (VwXmlRead   *self,
                                  xmlNode     *node,
                                  const char  *expr);
gboolean   vw_xml_read_exists    (VwXmlRead   *self,
                                  const char  *expr);
GPtrArray *vw_xml_read_nodes     (VwXmlRead   *self,
                                  const char  *expr);
guint64    vw_xml_read_bytes_at  (VwXmlRead   *self,
                                  xmlNode     *node,
                                  const char  *element);
guint64    vw_xml_size_unit_factor (const char *unit);

/* An element's attribute and its text, in GLib's memory (libxml's are
 * freed with xmlFree). %NULL when there is no such attribute. */
char      *vw_xml_node_prop      (xmlNode     *node,
                                  const char  *name);
char      *vw_xml_node_text      (xmlNode     *node);

/* A document the lab built (never text pasted into XML), as libvirt takes
 * it: indented UTF-8. */
char      *vw_xml_doc_to_string  (xmlDoc      *doc);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VwXmlRead, vw_xml_read_free)

G_END_DECLS
