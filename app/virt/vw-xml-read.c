/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-xml-read"

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <string.h>

#include "vw-xml-read.h"

struct _VwXmlRead
{
  xmlDoc *doc;
  xmlXPathContext *ctx;
};

/**
 * vw_xml_read_new:
 *
 * Returns: (nullable): the parsed document, or %NULL when @xml is not
 *   well-formed (libvirt's own output always is)
 */
VwXmlRead *
vw_xml_read_new (const char *xml)
{
  VwXmlRead *self;
  xmlDoc *doc;

  if (xml == NULL)
    return NULL;
  doc = xmlReadMemory (xml, (int) strlen (xml), "object.xml", NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL || xmlDocGetRootElement (doc) == NULL)
    {
      xmlFreeDoc (doc);
      return NULL;
    }
  self = g_new0 (VwXmlRead, 1);
  self->doc = doc;
  self->ctx = xmlXPathNewContext (doc);
  return self;
}

void
vw_xml_read_free (VwXmlRead *self)
{
  xmlXPathFreeContext (self->ctx);
  xmlFreeDoc (self->doc);
  g_free (self);
}

xmlDoc *
vw_xml_read_get_doc (VwXmlRead *self)
{
  return self->doc;
}

/* The string value of @expr evaluated at @node, or %NULL when empty. */
char *
vw_xml_read_string_at (VwXmlRead  *self,
                       xmlNode    *node,
                       const char *expr)
{
  g_autofree char *wrapped = g_strdup_printf ("string(%s)", expr);
  xmlXPathObject *result;
  char *value = NULL;

  self->ctx->node = node != NULL ? node : xmlDocGetRootElement (self->doc);
  result = xmlXPathEvalExpression ((const xmlChar *) wrapped, self->ctx);
  if (result != NULL && result->type == XPATH_STRING && result->stringval != NULL
      && result->stringval[0] != '\0')
    value = g_strdup ((const char *) result->stringval);
  xmlXPathFreeObject (result);
  return value;
}

char *
vw_xml_read_string (VwXmlRead  *self,
                    const char *expr)
{
  return vw_xml_read_string_at (self, NULL, expr);
}

guint64
vw_xml_read_u64_at (VwXmlRead  *self,
                    xmlNode    *node,
                    const char *expr)
{
  g_autofree char *text = vw_xml_read_string_at (self, node, expr);

  return text != NULL ? g_ascii_strtoull (text, NULL, 10) : 0;
}

/* A size in bytes whatever unit its element gives (libvirt's scaled
 * integers: b, KiB, MiB, GiB, TiB and their short forms). */
/* How many bytes one of libvirt's size units is; 0 for an unknown unit. */
guint64
vw_xml_size_unit_factor (const char *unit)
{
  static const struct { const char *unit; guint64 factor; } units[] = {
    { "b", 1 }, { "bytes", 1 },
    { "k", 1024 }, { "KiB", 1024 }, { "KB", 1000 },
    { "M", 1024 * 1024 }, { "MiB", 1024 * 1024 }, { "MB", 1000 * 1000 },
    { "G", 1024 * 1024 * 1024 }, { "GiB", 1024 * 1024 * 1024 }, { "GB", 1000 * 1000 * 1000 },
    { "T", G_GUINT64_CONSTANT (1) << 40 }, { "TiB", G_GUINT64_CONSTANT (1) << 40 },
    { "TB", G_GUINT64_CONSTANT (1000000000000) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (strcmp (unit, units[i].unit) == 0)
      return units[i].factor;
  return 0;
}

guint64
vw_xml_read_bytes_at (VwXmlRead  *self,
                      xmlNode    *node,
                      const char *element)
{
  g_autofree char *unit_expr = g_strdup_printf ("%s/@unit", element);
  g_autofree char *unit = vw_xml_read_string_at (self, node, unit_expr);
  guint64 value = vw_xml_read_u64_at (self, node, element);
  guint64 factor = unit != NULL ? vw_xml_size_unit_factor (unit) : 1;

  return factor != 0 ? value * factor : value;
}

gboolean
vw_xml_read_exists (VwXmlRead  *self,
                    const char *expr)
{
  g_autoptr(GPtrArray) nodes = vw_xml_read_nodes (self, expr);

  return nodes->len > 0;
}

/* The nodes @expr selects from the root, in document order. */
GPtrArray *
vw_xml_read_nodes (VwXmlRead  *self,
                   const char *expr)
{
  GPtrArray *nodes = g_ptr_array_new ();
  xmlXPathObject *result;

  self->ctx->node = xmlDocGetRootElement (self->doc);
  result = xmlXPathEvalExpression ((const xmlChar *) expr, self->ctx);
  if (result != NULL && result->type == XPATH_NODESET && result->nodesetval != NULL)
    for (int i = 0; i < result->nodesetval->nodeNr; i++)
      g_ptr_array_add (nodes, result->nodesetval->nodeTab[i]);
  xmlXPathFreeObject (result);
  return nodes;
}

char *
vw_xml_node_prop (xmlNode    *node,
                  const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

char *
vw_xml_node_text (xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char *copy = g_strdup ((const char *) content);

  xmlFree (content);
  return copy;
}

char *
vw_xml_doc_to_string (xmlDoc *doc)
{
  xmlChar *buffer = NULL;
  int size = 0;
  char *text;

  xmlDocDumpFormatMemoryEnc (doc, &buffer, &size, "UTF-8", 1);
  text = g_strndup ((const char *) buffer, size);
  xmlFree (buffer);
  return text;
}
