/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-domain-config"

#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "vw-domain-config.h"
#include "vw-validate.h"
#include "vw-xml-read.h"

/* What the details pages show of a domain, read from its XML with libxml2,
 * and the one XML change we make ourselves (a clone). Nothing here calls
 * libvirt; everything is pure and tested on fixed documents. */

static void
disk_free (gpointer data)
{
  VwDiskConfig *disk = data;

  g_free (disk->device);
  g_free (disk->type);
  g_free (disk->target);
  g_free (disk->bus);
  g_free (disk->source);
  g_free (disk->format);
  g_free (disk);
}

static void
interface_free (gpointer data)
{
  VwInterfaceConfig *iface = data;

  g_free (iface->type);
  g_free (iface->source);
  g_free (iface->model);
  g_free (iface->mac);
  g_free (iface->target);
  g_free (iface->filter);
  g_free (iface);
}

static void
graphics_free (gpointer data)
{
  VwGraphicsConfig *graphics = data;

  g_free (graphics->type);
  g_free (graphics->listen);
  g_free (graphics);
}

void
vw_domain_config_free (VwDomainConfig *config)
{
  if (config == NULL)
    return;
  g_free (config->name);
  g_free (config->uuid);
  g_free (config->type);
  g_free (config->title);
  g_free (config->description);
  g_free (config->os_type);
  g_free (config->arch);
  g_free (config->machine);
  g_ptr_array_unref (config->disks);
  g_ptr_array_unref (config->interfaces);
  g_ptr_array_unref (config->graphics);
  g_free (config);
}

/* The string value of @expr evaluated at @node, or %NULL when empty. */
static char *
xpath_string (xmlXPathContext *ctx,
              xmlNode         *node,
              const char      *expr)
{
  g_autofree char *wrapped = g_strdup_printf ("string(%s)", expr);
  xmlXPathObject *result;
  char *value = NULL;

  ctx->node = node;
  result = xmlXPathEvalExpression ((const xmlChar *) wrapped, ctx);
  if (result != NULL && result->type == XPATH_STRING && result->stringval != NULL
      && result->stringval[0] != '\0')
    value = g_strdup ((const char *) result->stringval);
  xmlXPathFreeObject (result);
  return value;
}

static guint64
xpath_u64 (xmlXPathContext *ctx,
           xmlNode         *node,
           const char      *expr)
{
  g_autofree char *text = xpath_string (ctx, node, expr);

  return text != NULL ? g_ascii_strtoull (text, NULL, 10) : 0;
}

static xmlNodeSet *
xpath_nodes (xmlXPathContext  *ctx,
             const char       *expr,
             xmlXPathObject  **holder)
{
  ctx->node = xmlDocGetRootElement (ctx->doc);
  *holder = xmlXPathEvalExpression ((const xmlChar *) expr, ctx);
  if (*holder == NULL || (*holder)->type != XPATH_NODESET)
    return NULL;
  return (*holder)->nodesetval;
}

/* Memory in KiB whatever unit the element uses. */
static guint64
memory_kib (xmlXPathContext *ctx,
            xmlNode         *root,
            const char      *element)
{
  g_autofree char *unit_expr = g_strdup_printf ("%s/@unit", element);
  g_autofree char *unit = xpath_string (ctx, root, unit_expr);
  guint64 value = xpath_u64 (ctx, root, element);

  if (unit == NULL || g_ascii_strcasecmp (unit, "KiB") == 0 || g_ascii_strcasecmp (unit, "k") == 0)
    return value;
  if (g_ascii_strcasecmp (unit, "b") == 0 || g_ascii_strcasecmp (unit, "bytes") == 0)
    return value / 1024;
  if (g_ascii_strcasecmp (unit, "MiB") == 0 || g_ascii_strcasecmp (unit, "M") == 0)
    return value * 1024;
  if (g_ascii_strcasecmp (unit, "GiB") == 0 || g_ascii_strcasecmp (unit, "G") == 0)
    return value * 1024 * 1024;
  if (g_ascii_strcasecmp (unit, "TiB") == 0 || g_ascii_strcasecmp (unit, "T") == 0)
    return value * 1024 * 1024 * 1024;
  if (g_ascii_strcasecmp (unit, "KB") == 0)
    return value * 1000 / 1024;
  if (g_ascii_strcasecmp (unit, "MB") == 0)
    return value * 1000 * 1000 / 1024;
  if (g_ascii_strcasecmp (unit, "GB") == 0)
    return value * 1000 * 1000 * 1000 / 1024;
  return value;
}

static xmlDoc *
parse_document (const char  *xml,
                GError     **error)
{
  xmlDoc *doc;

  if (xml == NULL)
    xml = "";
  doc = xmlReadMemory (xml, (int) strlen (xml), "domain.xml", NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL || xmlDocGetRootElement (doc) == NULL
      || !xmlStrEqual (xmlDocGetRootElement (doc)->name, (const xmlChar *) "domain"))
    {
      const xmlError *last = xmlGetLastError ();

      g_set_error (error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_XML,
                   _("Not a domain description: %s"),
                   last != NULL && last->message != NULL ? g_strstrip (last->message) : _("no <domain> element"));
      xmlFreeDoc (doc);
      return NULL;
    }
  return doc;
}

VwDomainConfig *
vw_domain_config_parse (const char  *xml,
                        GError     **error)
{
  xmlDoc *doc = parse_document (xml, error);
  xmlXPathContext *ctx;
  xmlXPathObject *holder = NULL;
  xmlNodeSet *nodes;
  xmlNode *root;
  VwDomainConfig *config;

  if (doc == NULL)
    return NULL;

  ctx = xmlXPathNewContext (doc);
  root = xmlDocGetRootElement (doc);
  config = g_new0 (VwDomainConfig, 1);
  config->disks = g_ptr_array_new_with_free_func (disk_free);
  config->interfaces = g_ptr_array_new_with_free_func (interface_free);
  config->graphics = g_ptr_array_new_with_free_func (graphics_free);

  config->name = xpath_string (ctx, root, "/domain/name");
  config->uuid = xpath_string (ctx, root, "/domain/uuid");
  config->type = xpath_string (ctx, root, "/domain/@type");
  config->title = xpath_string (ctx, root, "/domain/title");
  config->description = xpath_string (ctx, root, "/domain/description");
  config->os_type = xpath_string (ctx, root, "/domain/os/type");
  config->arch = xpath_string (ctx, root, "/domain/os/type/@arch");
  config->machine = xpath_string (ctx, root, "/domain/os/type/@machine");
  config->vcpus_max = (guint) xpath_u64 (ctx, root, "/domain/vcpu");
  config->vcpus_current = (guint) xpath_u64 (ctx, root, "/domain/vcpu/@current");
  if (config->vcpus_current == 0)
    config->vcpus_current = config->vcpus_max;
  config->memory_max = memory_kib (ctx, root, "/domain/memory");
  config->memory_current = memory_kib (ctx, root, "/domain/currentMemory");
  if (config->memory_current == 0)
    config->memory_current = config->memory_max;

  nodes = xpath_nodes (ctx, "/domain/devices/disk", &holder);
  for (int i = 0; nodes != NULL && i < nodes->nodeNr; i++)
    {
      xmlNode *node = nodes->nodeTab[i];
      VwDiskConfig *disk = g_new0 (VwDiskConfig, 1);
      g_autofree char *readonly = xpath_string (ctx, node, "name(readonly)");

      disk->device = xpath_string (ctx, node, "@device");
      disk->type = xpath_string (ctx, node, "@type");
      disk->target = xpath_string (ctx, node, "target/@dev");
      disk->bus = xpath_string (ctx, node, "target/@bus");
      disk->format = xpath_string (ctx, node, "driver/@type");
      disk->readonly = readonly != NULL;
      if (g_strcmp0 (disk->type, "volume") == 0)
        {
          g_autofree char *pool = xpath_string (ctx, node, "source/@pool");
          g_autofree char *volume = xpath_string (ctx, node, "source/@volume");

          disk->source = pool != NULL ? g_strdup_printf ("%s/%s", pool, volume != NULL ? volume : "") : NULL;
        }
      else
        disk->source = xpath_string (ctx, node, "source/@file | source/@dev | source/@name");
      g_ptr_array_add (config->disks, disk);
    }
  xmlXPathFreeObject (holder);

  nodes = xpath_nodes (ctx, "/domain/devices/interface", &holder);
  for (int i = 0; nodes != NULL && i < nodes->nodeNr; i++)
    {
      xmlNode *node = nodes->nodeTab[i];
      VwInterfaceConfig *iface = g_new0 (VwInterfaceConfig, 1);

      iface->type = xpath_string (ctx, node, "@type");
      iface->source = xpath_string (ctx, node, "source/@network | source/@bridge | source/@dev");
      iface->model = xpath_string (ctx, node, "model/@type");
      iface->mac = xpath_string (ctx, node, "mac/@address");
      iface->target = xpath_string (ctx, node, "target/@dev");
      iface->filter = xpath_string (ctx, node, "filterref/@filter");
      g_ptr_array_add (config->interfaces, iface);
    }
  xmlXPathFreeObject (holder);

  nodes = xpath_nodes (ctx, "/domain/devices/graphics", &holder);
  for (int i = 0; nodes != NULL && i < nodes->nodeNr; i++)
    {
      xmlNode *node = nodes->nodeTab[i];
      VwGraphicsConfig *graphics = g_new0 (VwGraphicsConfig, 1);
      g_autofree char *port = xpath_string (ctx, node, "@port");
      g_autofree char *autoport = xpath_string (ctx, node, "@autoport");

      graphics->type = xpath_string (ctx, node, "@type");
      graphics->port = port != NULL ? atoi (port) : -1;
      graphics->autoport = g_strcmp0 (autoport, "yes") == 0;
      graphics->listen = xpath_string (ctx, node, "@listen | listen/@address");
      g_ptr_array_add (config->graphics, graphics);
    }
  xmlXPathFreeObject (holder);

  xmlXPathFreeContext (ctx);
  xmlFreeDoc (doc);
  return config;
}

/* A locally administered MAC in QEMU's 52:54:00 range. */
char *
vw_random_mac (void)
{
  return g_strdup_printf ("52:54:00:%02x:%02x:%02x", g_random_int_range (0, 256),
                          g_random_int_range (0, 256), g_random_int_range (0, 256));
}

static void
set_child_text (xmlNode    *parent,
                const char *name,
                const char *text)
{
  for (xmlNode *child = parent->children; child != NULL; child = child->next)
    {
      if (child->type == XML_ELEMENT_NODE && xmlStrEqual (child->name, (const xmlChar *) name))
        {
          xmlNodeSetContent (child, NULL);
          xmlNodeAddContent (child, (const xmlChar *) text);
          return;
        }
    }
  xmlNewTextChild (parent, NULL, (const xmlChar *) name, (const xmlChar *) text);
}

/**
 * vw_domain_xml_clone:
 * @new_sources: (element-type utf8 utf8): old disk source path → new path
 *
 * The definition of a copy of a domain: a new name and UUID, new MAC
 * addresses, writable disks pointing at their copies, and no live-only
 * details. Shared read-only disks (an installation ISO) stay as they are.
 *
 * Returns: (transfer full): the new XML, or %NULL with @error set
 */
char *
vw_domain_xml_clone (const char  *xml,
                     const char  *new_name,
                     const char  *new_uuid,
                     GHashTable  *new_sources,
                     GError     **error)
{
  xmlDoc *doc = parse_document (xml, error);
  xmlXPathContext *ctx;
  xmlXPathObject *holder = NULL;
  xmlNodeSet *nodes;
  xmlNode *root;
  char *result;

  if (doc == NULL)
    return NULL;

  root = xmlDocGetRootElement (doc);
  ctx = xmlXPathNewContext (doc);
  set_child_text (root, "name", new_name);
  set_child_text (root, "uuid", new_uuid);
  xmlUnsetProp (root, (const xmlChar *) "id");

  nodes = xpath_nodes (ctx, "/domain/devices/interface/mac", &holder);
  for (int i = 0; nodes != NULL && i < nodes->nodeNr; i++)
    {
      g_autofree char *mac = vw_random_mac ();

      xmlSetProp (nodes->nodeTab[i], (const xmlChar *) "address", (const xmlChar *) mac);
    }
  xmlXPathFreeObject (holder);

  nodes = xpath_nodes (ctx, "/domain/devices/disk/source[@file]", &holder);
  for (int i = 0; nodes != NULL && i < nodes->nodeNr; i++)
    {
      xmlChar *old = xmlGetProp (nodes->nodeTab[i], (const xmlChar *) "file");
      const char *replacement = g_hash_table_lookup (new_sources, old);

      if (replacement != NULL)
        xmlSetProp (nodes->nodeTab[i], (const xmlChar *) "file", (const xmlChar *) replacement);
      xmlFree (old);
    }
  xmlXPathFreeObject (holder);

  /* Live-only elements that a definition must not carry. */
  nodes = xpath_nodes (ctx, "/domain/devices/interface/target | /domain/devices/*/alias", &holder);
  for (int i = 0; nodes != NULL && i < nodes->nodeNr; i++)
    {
      xmlUnlinkNode (nodes->nodeTab[i]);
      xmlFreeNode (nodes->nodeTab[i]);
      nodes->nodeTab[i] = NULL;
    }
  xmlXPathFreeObject (holder);

  result = vw_xml_doc_to_string (doc);
  xmlXPathFreeContext (ctx);
  xmlFreeDoc (doc);
  return result;
}
