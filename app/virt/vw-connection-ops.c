/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-connection-ops"

#include <glib/gi18n.h>

#include "vw-connection-private.h"
#include "vw-file.h"
#include "vw-paths.h"
#include "vw-validate.h"
#include "vw-virt-op.h"
#include "vw-virt.h"
#include "vw-xml.h"

/* Operations on the connection as a whole: defining a domain from XML and
 * restoring one from a saved state file. */

typedef struct
{
  virConnectPtr conn;
  char *xml;
  char *path;
} ConnOp;

static void
conn_op_free (ConnOp *op)
{
  if (op->conn != NULL)
    virConnectClose (op->conn);
  g_free (op->xml);
  g_free (op->path);
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
  virDomainPtr dom;

  /* The file is what the recorded `virsh define FILE` reads. */
  if (!vw_file_write_atomic (op->path, op->xml, -1, error))
    return FALSE;

  dom = virDomainDefineXMLFlags (op->conn, op->xml, VIR_DOMAIN_DEFINE_VALIDATE);
  if (dom == NULL)
    return vw_virt_set_error (error, NULL);
  virDomainFree (dom);
  return TRUE;
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
  ConnOp *op = g_new0 (ConnOp, 1);
  g_autofree char *name = NULL;
  GError *error = NULL;

  g_return_if_fail (VW_IS_CONNECTION (self));

  name = vw_xml_check_document (xml, "domain", "name", NULL, &error);
  if (name != NULL)
    vw_validate_name (VW_OBJECT_MACHINE, name, &error);

  op->xml = g_strdup (xml);
  if (error == NULL)
    op->path = vw_paths_new_command_file (name);

  start_op (self, op, (const char *[]) { "define", op->path, NULL }, run_define, error,
            cancellable, callback, user_data);
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
