/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-connection-ops"

#include <glib/gi18n.h>
#include <libxml/tree.h>

#include "vw-connection-private.h"
#include "vw-file.h"
#include "vw-paths.h"
#include "vw-validate.h"
#include "vw-virt-op.h"
#include "vw-virt.h"
#include "vw-xml-read.h"
#include "vw-xml.h"

/* Operations on the connection as a whole: defining domains, networks,
 * storage pools and network filters, restoring a domain from a saved state
 * file, and the network filters (which libvirt lists without events). */

typedef enum {
  DEFINE_DOMAIN,
  DEFINE_NETWORK,
  DEFINE_POOL,
  DEFINE_FILTER,
} DefineWhat;

typedef struct
{
  virConnectPtr conn;
  DefineWhat what;
  char *xml;
  char *path;
  char *name;
  gpointer result;
  GDestroyNotify result_free;
} ConnOp;

static void
conn_op_free (ConnOp *op)
{
  if (op->conn != NULL)
    virConnectClose (op->conn);
  g_free (op->xml);
  g_free (op->path);
  g_free (op->name);
  if (op->result != NULL)
    op->result_free (op->result);
  g_free (op);
}

static void
start_op (VwConnection        *self,
          ConnOp              *op,
          const char * const  *virsh_args,
          VwVirtOpFunc         func,
          GError              *error,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  if (error == NULL && (op->conn = vw_connection_ref_virconn (self)) == NULL)
    error = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED, _("%s is not connected"),
                         vw_connection_get_title (self));
  if (error != NULL)
    {
      conn_op_free (op);
      g_task_report_error (self, callback, user_data, start_op, error);
      return;
    }
  vw_virt_op_run (self, self, virsh_args, func, op, (GDestroyNotify) conn_op_free,
                  cancellable, callback, user_data);
}

gboolean
vw_connection_op_finish (VwConnection  *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  if (g_task_get_source_tag (G_TASK (result)) == start_op)
    return g_task_propagate_boolean (G_TASK (result), error);
  return vw_virt_op_finish (result, error);
}

/* ----- Define a domain from XML ----- */

static gboolean
run_define (gpointer    data,
            GPtrArray  *commands,
            GError    **error)
{
  ConnOp *op = data;

  /* The file is what the recorded `virsh define FILE` (net-define, …) reads. */
  if (op->path != NULL && !vw_file_write_atomic (op->path, op->xml, -1, error))
    return FALSE;

  switch (op->what)
    {
    case DEFINE_DOMAIN:
      {
        virDomainPtr dom = virDomainDefineXMLFlags (op->conn, op->xml, VIR_DOMAIN_DEFINE_VALIDATE);

        if (dom == NULL)
          return vw_virt_set_error (error, NULL);
        virDomainFree (dom);
        return TRUE;
      }
    case DEFINE_NETWORK:
      {
        virNetworkPtr net = virNetworkDefineXMLFlags (op->conn, op->xml, VIR_NETWORK_DEFINE_VALIDATE);

        /* Drivers without validation (the test driver) take it plainly. */
        if (net == NULL && vw_virt_last_error_is (VIR_ERR_NO_SUPPORT))
          net = virNetworkDefineXML (op->conn, op->xml);
        if (net == NULL)
          return vw_virt_set_error (error, NULL);
        virNetworkFree (net);
        return TRUE;
      }
    case DEFINE_POOL:
      {
        virStoragePoolPtr pool = virStoragePoolDefineXML (op->conn, op->xml, 0);

        if (pool == NULL)
          return vw_virt_set_error (error, NULL);
        virStoragePoolFree (pool);
        return TRUE;
      }
    case DEFINE_FILTER:
      {
        virNWFilterPtr filter = virNWFilterDefineXML (op->conn, op->xml);

        if (filter == NULL)
          return vw_virt_set_error (error, NULL);
        virNWFilterFree (filter);
        return TRUE;
      }
    default:
      g_assert_not_reached ();
    }
}

static void
define_from_xml (VwConnection        *self,
                 DefineWhat           what,
                 const char          *xml,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  static const struct { const char *root; VwObjectKind kind; const char *verb; } whats[] = {
    [DEFINE_DOMAIN] = { "domain", VW_OBJECT_MACHINE, "define" },
    [DEFINE_NETWORK] = { "network", VW_OBJECT_NETWORK, "net-define" },
    [DEFINE_POOL] = { "pool", VW_OBJECT_POOL, "pool-define" },
    [DEFINE_FILTER] = { "filter", VW_OBJECT_FILTER, "nwfilter-define" },
  };
  ConnOp *op = g_new0 (ConnOp, 1);
  g_autofree char *name = NULL;
  GError *error = NULL;

  /* A filter's name is an attribute of its root, not an element. */
  name = vw_xml_check_document (xml, whats[what].root, what == DEFINE_FILTER ? "@name" : "name", NULL, &error);
  if (name != NULL)
    vw_validate_name (whats[what].kind, name, &error);

  op->what = what;
  op->xml = g_strdup (xml);
  if (error == NULL)
    op->path = vw_paths_new_command_file (name);

  start_op (self, op, (const char *[]) { whats[what].verb, op->path, NULL }, run_define, error,
            cancellable, callback, user_data);
}

/**
 * vw_connection_define_domain_async:
 * @xml: a complete domain definition
 *
 * Defines (or redefines, for an existing name) a domain after libvirt has
 * validated the XML against its schema; an invalid document changes nothing.
 * The XML is kept in a file so that the recorded `virsh define FILE` works.
 */
void
vw_connection_define_domain_async (VwConnection        *self,
                                   const char          *xml,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (VW_IS_CONNECTION (self));
  define_from_xml (self, DEFINE_DOMAIN, xml, cancellable, callback, user_data);
}

/**
 * vw_connection_define_network_async:
 * @xml: a complete network definition (from VwNetworkSpec or the editor)
 *
 * Defines or redefines a network, recorded as `virsh net-define FILE`. A
 * running network keeps its old settings until it is restarted.
 */
void
vw_connection_define_network_async (VwConnection        *self,
                                    const char          *xml,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (VW_IS_CONNECTION (self));
  define_from_xml (self, DEFINE_NETWORK, xml, cancellable, callback, user_data);
}

/* Defines a network filter, recorded as `virsh nwfilter-define FILE`. */
void
vw_connection_define_filter_async (VwConnection        *self,
                                   const char          *xml,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (VW_IS_CONNECTION (self));
  define_from_xml (self, DEFINE_FILTER, xml, cancellable, callback, user_data);
}

/* Redefines a pool from edited XML, recorded as `virsh pool-define FILE`. */
void
vw_connection_define_pool_xml_async (VwConnection        *self,
                                     const char          *xml,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (VW_IS_CONNECTION (self));
  define_from_xml (self, DEFINE_POOL, xml, cancellable, callback, user_data);
}

/**
 * vw_connection_define_pool_async:
 * @name: the new pool's name
 * @path: the directory its volumes go in, absolute
 *
 * Defines a directory pool, like `virsh pool-define-as NAME dir --target
 * PATH`. The directory is made by building the pool (pool-build).
 */
void
vw_connection_define_pool_async (VwConnection        *self,
                                 const char          *name,
                                 const char          *path,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  ConnOp *op = g_new0 (ConnOp, 1);
  GError *error = NULL;

  g_return_if_fail (VW_IS_CONNECTION (self));

  if (vw_validate_name (VW_OBJECT_POOL, name, &error) && vw_validate_abs_path (path, &error))
    {
      xmlDoc *doc = xmlNewDoc ((const xmlChar *) "1.0");
      xmlNode *root = xmlNewNode (NULL, (const xmlChar *) "pool");
      xmlNode *target;

      xmlDocSetRootElement (doc, root);
      xmlSetProp (root, (const xmlChar *) "type", (const xmlChar *) "dir");
      xmlNewTextChild (root, NULL, (const xmlChar *) "name", (const xmlChar *) name);
      target = xmlNewChild (root, NULL, (const xmlChar *) "target", NULL);
      xmlNewTextChild (target, NULL, (const xmlChar *) "path", (const xmlChar *) path);
      op->xml = vw_xml_doc_to_string (doc);
      xmlFreeDoc (doc);
    }

  op->what = DEFINE_POOL;
  start_op (self, op, (const char *[]) { "pool-define-as", name, "dir", "--target", path, NULL },
            run_define, error, cancellable, callback, user_data);
}

/* ----- Restore from a saved state file ----- */

static gboolean
run_restore (gpointer    data,
             GPtrArray  *commands,
             GError    **error)
{
  ConnOp *op = data;

  return virDomainRestore (op->conn, op->path) == 0 || vw_virt_set_error (error, NULL);
}

void
vw_connection_restore_async (VwConnection        *self,
                             const char          *path,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  ConnOp *op = g_new0 (ConnOp, 1);
  GError *error = NULL;

  g_return_if_fail (VW_IS_CONNECTION (self));

  /* The file is on the daemon's host, which may be another machine: only
   * the form of the path is checked here. */
  vw_validate_abs_path (path, &error);

  op->path = g_strdup (path);
  start_op (self, op, (const char *[]) { "restore", path, NULL }, run_restore, error,
            cancellable, callback, user_data);
}

/* ----- Network filters ----- */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
run_list_filters (gpointer    data,
                  GPtrArray  *commands,
                  GError    **error)
{
  ConnOp *op = data;
  virNWFilterPtr *filters = NULL;
  int n = virConnectListAllNWFilters (op->conn, &filters, 0);
  GPtrArray *names;

  if (n < 0)
    return vw_virt_set_error (error, NULL);
  names = g_ptr_array_new_null_terminated (n, g_free, TRUE);
  for (int i = 0; i < n; i++)
    {
      g_ptr_array_add (names, g_strdup (virNWFilterGetName (filters[i])));
      virNWFilterFree (filters[i]);
    }
  free (filters);
  g_ptr_array_sort (names, compare_strings);
  op->result = g_ptr_array_steal (names, NULL);
  op->result_free = (GDestroyNotify) g_strfreev;
  g_ptr_array_unref (names);
  return TRUE;
}

/* The filters' names, as `virsh nwfilter-list` shows them. */
void
vw_connection_list_filters_async (VwConnection        *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (VW_IS_CONNECTION (self));
  start_op (self, g_new0 (ConnOp, 1), NULL, run_list_filters, NULL, cancellable, callback, user_data);
}

static gpointer
steal_result (GAsyncResult  *result,
              GError       **error)
{
  ConnOp *op;

  if (!vw_connection_op_finish (NULL, result, error))
    return NULL;
  op = vw_virt_op_get_data (result);
  return g_steal_pointer (&op->result);
}

GStrv
vw_connection_list_filters_finish (VwConnection  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return steal_result (result, error);
}

static gboolean
run_filter_op (gpointer    data,
               GPtrArray  *commands,
               GError    **error)
{
  ConnOp *op = data;
  virNWFilterPtr filter = virNWFilterLookupByName (op->conn, op->name);
  gboolean ok;

  if (filter == NULL)
    return vw_virt_set_error (error, NULL);
  if (op->what == DEFINE_FILTER)
    {
      char *xml = virNWFilterGetXMLDesc (filter, 0);

      ok = xml != NULL;
      op->result = g_strdup (xml);
      op->result_free = g_free;
      free (xml);
    }
  else
    ok = virNWFilterUndefine (filter) == 0;
  /* Read the error before freeing, which clears it. */
  if (!ok)
    vw_virt_set_error (error, NULL);
  virNWFilterFree (filter);
  return ok;
}

/* Removes a filter, recorded as `virsh nwfilter-undefine NAME`; libvirt
 * refuses while a running guest's interface uses it. */
void
vw_connection_undefine_filter_async (VwConnection        *self,
                                     const char          *name,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  ConnOp *op = g_new0 (ConnOp, 1);
  GError *error = NULL;

  g_return_if_fail (VW_IS_CONNECTION (self));
  vw_validate_name (VW_OBJECT_FILTER, name, &error);
  op->name = g_strdup (name);
  op->what = DEFINE_DOMAIN;
  start_op (self, op, (const char *[]) { "nwfilter-undefine", name, NULL }, run_filter_op, error,
            cancellable, callback, user_data);
}

void
vw_connection_get_filter_xml_async (VwConnection        *self,
                                    const char          *name,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  ConnOp *op = g_new0 (ConnOp, 1);

  g_return_if_fail (VW_IS_CONNECTION (self));
  op->name = g_strdup (name);
  op->what = DEFINE_FILTER;
  start_op (self, op, NULL, run_filter_op, NULL, cancellable, callback, user_data);
}

char *
vw_connection_get_filter_xml_finish (VwConnection  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return steal_result (result, error);
}
