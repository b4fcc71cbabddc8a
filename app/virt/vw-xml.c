/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-xml"

#include "config.h"

#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <string.h>

#include "vw-validate.h"
#include "vw-xml.h"

/* Checks on XML a learner typed, before and after libvirt sees it. libvirt's
 * own schema messages name no line, so when it refuses a document we run the
 * same Relax-NG schema (shipped with the libvirt client library) through
 * libxml2, which does, and point the editor at that line. */

static void
ignore_error (void     *user_data,
              xmlError *error)
{
}

/**
 * vw_xml_check_document:
 * @root: the root element the document must have ("domain", "network")
 * @name_element: (nullable): a child of the root that must hold text, or
 *   "@attr" for an attribute of the root
 *
 * Checks that @xml is well formed and has the right root.
 * @line: (out) (optional): the line of the problem, or 0
 *
 * Returns: (transfer full) (nullable): the text of @name_element, or an
 *   empty string when none is asked for; %NULL with @error set on failure
 */
char *
vw_xml_check_document (const char  *xml,
                       const char  *root,
                       const char  *name_element,
                       guint       *line,
                       GError     **error)
{
  xmlParserCtxt *ctx = xmlNewParserCtxt ();
  xmlDoc *doc;
  xmlNode *top;
  char *name = NULL;

  if (line != NULL)
    *line = 0;

  doc = xmlCtxtReadMemory (ctx, xml != NULL ? xml : "", xml != NULL ? (int) strlen (xml) : 0,
                           "input.xml", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL)
    {
      xmlError *last = xmlCtxtGetLastError (ctx);
      g_autofree char *text = g_strdup (last != NULL && last->message != NULL ? last->message : "");

      g_strstrip (text);
      if (line != NULL)
        *line = last != NULL && last->line > 0 ? (guint) last->line : 1;
      g_set_error (error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_XML, _("The XML is not well formed: %s"), text);
      xmlFreeParserCtxt (ctx);
      return NULL;
    }

  top = xmlDocGetRootElement (doc);
  if (top == NULL || !xmlStrEqual (top->name, (const xmlChar *) root))
    {
      if (line != NULL)
        *line = top != NULL ? (guint) xmlGetLineNo (top) : 1;
      g_set_error (error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_XML, _("The document must start with <%s>."), root);
      goto out;
    }

  if (name_element == NULL)
    {
      name = g_strdup ("");
      goto out;
    }

  /* "@name": an attribute of the root, as for <filter name='…'>. */
  if (name_element[0] == '@')
    {
      xmlChar *text = xmlGetProp (top, (const xmlChar *) name_element + 1);

      name = text != NULL ? g_strstrip (g_strdup ((const char *) text)) : NULL;
      xmlFree (text);
      if (name == NULL || *name == '\0')
        {
          g_clear_pointer (&name, g_free);
          if (line != NULL)
            *line = (guint) xmlGetLineNo (top);
          g_set_error (error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_XML, _("<%s> needs a %s attribute."), root,
                       name_element + 1);
        }
      goto out;
    }

  for (xmlNode *child = top->children; child != NULL; child = child->next)
    {
      if (child->type == XML_ELEMENT_NODE && xmlStrEqual (child->name, (const xmlChar *) name_element))
        {
          xmlChar *text = xmlNodeGetContent (child);

          name = g_strstrip (g_strdup ((const char *) text));
          xmlFree (text);
          break;
        }
    }
  if (name == NULL || *name == '\0')
    {
      g_clear_pointer (&name, g_free);
      if (line != NULL)
        *line = (guint) xmlGetLineNo (top);
      g_set_error (error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_XML, _("<%s> needs a <%s> element."), root,
                   name_element);
    }

out:
  xmlFreeDoc (doc);
  xmlFreeParserCtxt (ctx);
  return name;
}

typedef struct
{
  guint line;
  char *message;
} Located;

static void
collect_error (void     *user_data,
               xmlError *error)
{
  Located *located = user_data;

  /* The first error on a line inside the document is the one to show; the
   * ones on line 1 are the root element summing up. */
  if (located->line == 0 && error->line > 1 && error->message != NULL)
    {
      located->line = error->line;
      located->message = g_strstrip (g_strdup (error->message));
    }
}

static xmlRelaxNG *
load_schema (const char *schema)
{
  static GMutex lock;
  static GHashTable *schemas;
  xmlRelaxNG *rng;

  g_mutex_lock (&lock);
  if (schemas == NULL)
    schemas = g_hash_table_new (g_str_hash, g_str_equal);
  rng = g_hash_table_lookup (schemas, schema);
  if (rng == NULL)
    {
      g_autofree char *file = g_strdup_printf ("%s.rng", schema);
      g_autofree char *path = g_build_filename (LIBVIRT_SCHEMA_DIR, file, NULL);
      xmlRelaxNGParserCtxt *parser = xmlRelaxNGNewParserCtxt (path);

      xmlRelaxNGSetParserStructuredErrors (parser, ignore_error, NULL);
      rng = xmlRelaxNGParse (parser);
      xmlRelaxNGFreeParserCtxt (parser);
      if (rng != NULL)
        g_hash_table_insert (schemas, (gpointer) g_intern_string (schema), rng);
    }
  g_mutex_unlock (&lock);
  return rng;
}

/**
 * vw_xml_locate_schema_error:
 * @schema: libvirt's schema name: "domain", "network", "storagepool"
 * @message: (out) (optional): libxml2's text for that line
 *
 * Validates @xml against libvirt's Relax-NG schema. Slow the first time
 * (the schema is parsed once): call it from a worker thread.
 *
 * Returns: the line of the first problem, or 0 when none is found
 */
guint
vw_xml_locate_schema_error (const char  *xml,
                            const char  *schema,
                            char       **message)
{
  xmlRelaxNG *rng = load_schema (schema);
  Located located = { 0, NULL };
  xmlRelaxNGValidCtxt *validator;
  xmlDoc *doc;

  if (message != NULL)
    *message = NULL;
  if (rng == NULL || xml == NULL)
    return 0;

  doc = xmlReadMemory (xml, (int) strlen (xml), "input.xml", NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL)
    return 0;

  validator = xmlRelaxNGNewValidCtxt (rng);
  xmlRelaxNGSetValidStructuredErrors (validator, collect_error, &located);
  xmlRelaxNGValidateDoc (validator, doc);
  xmlRelaxNGFreeValidCtxt (validator);
  xmlFreeDoc (doc);

  if (message != NULL)
    *message = located.message;
  else
    g_free (located.message);
  return located.line;
}

typedef struct
{
  char *xml;
  char *schema;
  guint line;
  char *message;
} LocateData;

static void
locate_data_free (LocateData *data)
{
  g_free (data->xml);
  g_free (data->schema);
  g_free (data->message);
  g_free (data);
}

static void
locate_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  LocateData *data = task_data;

  data->line = vw_xml_locate_schema_error (data->xml, data->schema, &data->message);
  g_task_return_boolean (task, TRUE);
}

void
vw_xml_locate_async (const char          *xml,
                     const char          *schema,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  LocateData *data = g_new0 (LocateData, 1);

  data->xml = g_strdup (xml);
  data->schema = g_strdup (schema);
  g_task_set_task_data (task, data, (GDestroyNotify) locate_data_free);
  g_task_run_in_thread (task, locate_thread);
}

guint
vw_xml_locate_finish (GAsyncResult  *result,
                      char         **message)
{
  LocateData *data = g_task_get_task_data (G_TASK (result));

  if (message != NULL)
    *message = g_steal_pointer (&data->message);
  return data->line;
}
