/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-domain-snapshots"

#include <glib/gi18n.h>
#include <libxml/tree.h>

#include "vw-domain-ops-private.h"
#include "vw-validate.h"
#include "vw-virt.h"
#include "vw-xml-read.h"

/* Snapshots: create (with a description), revert, delete alone or with
 * its descendants. Each marks the domain busy and rereads it afterwards,
 * which also rereads its VwSnapshotList. */

enum {
  SNAP_CREATE,
  SNAP_REVERT,
  SNAP_DELETE,
};

static char *
snapshot_xml (const char *name,
              const char *description)
{
  xmlDoc *doc = xmlNewDoc ((const xmlChar *) "1.0");
  xmlNode *root = xmlNewNode (NULL, (const xmlChar *) "domainsnapshot");
  char *xml;

  xmlDocSetRootElement (doc, root);
  xmlNewTextChild (root, NULL, (const xmlChar *) "name", (const xmlChar *) name);
  if (description != NULL && *description != '\0')
    xmlNewTextChild (root, NULL, (const xmlChar *) "description", (const xmlChar *) description);
  xml = vw_xml_doc_to_string (doc);
  xmlFreeDoc (doc);
  return xml;
}

static gboolean
run_snapshot (gpointer    data,
              GPtrArray  *commands,
              GError    **error)
{
  DomainOp *op = data;
  virDomainSnapshotPtr snap = virDomainSnapshotLookupByName (op->dom, op->new_name, 0);
  int rc = -1;

  if (op->count == SNAP_CREATE)
    {
      if (snap != NULL)
        {
          virDomainSnapshotFree (snap);
          g_set_error (error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_NAME,
                       _("“%s” already has a snapshot named “%s”."), virDomainGetName (op->dom), op->new_name);
          return FALSE;
        }
      virResetLastError ();
      snap = virDomainSnapshotCreateXML (op->dom, op->xml, 0);
      if (snap == NULL)
        return vw_virt_set_error (error, NULL);
      virDomainSnapshotFree (snap);
      return TRUE;
    }

  if (snap == NULL)
    return vw_virt_set_error (error, NULL);
  if (op->count == SNAP_REVERT)
    rc = virDomainRevertToSnapshot (snap, 0);
  else
    rc = virDomainSnapshotDelete (snap, op->flags);
  /* Read the error before freeing, which clears it. */
  if (rc != 0)
    vw_virt_set_error (error, NULL);
  virDomainSnapshotFree (snap);
  return rc == 0;
}

/**
 * vw_domain_create_snapshot_async:
 * @description: (nullable): what the learner wants to remember about it
 *
 * Takes a snapshot, like `virsh snapshot-create-as DOMAIN NAME
 * --description TEXT`: on QEMU with qcow2 disks, an internal snapshot of
 * the disks and, for a running guest, of its memory.
 */
void
vw_domain_create_snapshot_async (VwDomain            *self,
                                 const char          *name,
                                 const char          *description,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  DomainOp *op = g_new0 (DomainOp, 1);
  GError *error = NULL;
  GStrv args;

  g_return_if_fail (VW_IS_DOMAIN (self));

  if (description != NULL && *description == '\0')
    description = NULL;
  if (vw_validate_name (VW_OBJECT_SNAPSHOT, name, &error))
    op->xml = snapshot_xml (name, description);
  op->count = SNAP_CREATE;
  op->new_name = g_strdup (name);
  args = description != NULL
           ? vw_virt_args ("snapshot-create-as", vw_domain_get_name (self), name, "--description", description, NULL)
           : vw_virt_args ("snapshot-create-as", vw_domain_get_name (self), name, NULL);
  vw_domain_start_op (self, op, args, run_snapshot, error, cancellable, callback, user_data);
}

/* Puts the domain back in the snapshot's state (running or not), like
 * `virsh snapshot-revert DOMAIN NAME`; what happened since is lost. */
void
vw_domain_revert_snapshot_async (VwDomain            *self,
                                 const char          *name,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  DomainOp *op = g_new0 (DomainOp, 1);
  GError *error = NULL;

  g_return_if_fail (VW_IS_DOMAIN (self));

  vw_validate_name (VW_OBJECT_SNAPSHOT, name, &error);
  op->count = SNAP_REVERT;
  op->new_name = g_strdup (name);
  vw_domain_start_op (self, op, vw_virt_args ("snapshot-revert", vw_domain_get_name (self), name, NULL),
                      run_snapshot, error, cancellable, callback, user_data);
}

/**
 * vw_domain_delete_snapshot_async:
 * @children: also delete the snapshots taken from this one
 *
 * Like `virsh snapshot-delete DOMAIN NAME [--children]`. Without
 * @children, libvirt attaches the snapshot's children to its parent.
 */
void
vw_domain_delete_snapshot_async (VwDomain            *self,
                                 const char          *name,
                                 gboolean             children,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  DomainOp *op = g_new0 (DomainOp, 1);
  GError *error = NULL;
  const char *domain = vw_domain_get_name (self);

  g_return_if_fail (VW_IS_DOMAIN (self));

  vw_validate_name (VW_OBJECT_SNAPSHOT, name, &error);
  op->count = SNAP_DELETE;
  op->new_name = g_strdup (name);
  op->flags = children ? VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN : 0;
  vw_domain_start_op (self, op,
                      children ? vw_virt_args ("snapshot-delete", domain, name, "--children", NULL)
                               : vw_virt_args ("snapshot-delete", domain, name, NULL),
                      run_snapshot, error, cancellable, callback, user_data);
}
