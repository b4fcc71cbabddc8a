/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-domain-clone"

#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "vw-connection-private.h"
#include "vw-domain-config.h"
#include "vw-domain-ops-private.h"
#include "vw-domain-private.h"
#include "vw-file.h"
#include "vw-paths.h"
#include "vw-validate.h"
#include "vw-virt-op.h"
#include "vw-virt.h"

/* Copying a machine with its disks, and what removing one would delete:
 * the two domain operations that work on its storage too. */

/* web01.qcow2 → web02.qcow2, db01-data.raw → web02-data.raw when cloning
 * to web02; a volume not named after its machine gets the new name before. */
static char *
clone_volume_name (const char *volume,
                   const char *old_name,
                   const char *new_name)
{
  if (g_str_has_prefix (volume, old_name))
    return g_strconcat (new_name, volume + strlen (old_name), NULL);
  return g_strconcat (new_name, "-", volume, NULL);
}

static char *
renamed_volume_xml (const char  *xml,
                    const char  *name,
                    GError     **error)
{
  xmlDoc *doc = xmlReadMemory (xml, (int) strlen (xml), "volume.xml", NULL,
                               XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  xmlChar *buffer = NULL;
  int size = 0;
  char *result;

  if (doc == NULL)
    {
      g_set_error_literal (error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_XML, _("Unreadable volume XML"));
      return NULL;
    }
  for (xmlNode *child = xmlDocGetRootElement (doc)->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE && xmlStrEqual (child->name, (const xmlChar *) "name"))
      xmlNodeSetContent (child, (const xmlChar *) name);

  xmlDocDumpMemoryEnc (doc, &buffer, &size, "UTF-8");
  result = g_strndup ((const char *) buffer, size);
  xmlFree (buffer);
  xmlFreeDoc (doc);
  return result;
}

/* Copies one writable disk's volume the way `virsh vol-clone` does. */
static char *
clone_disk (virConnectPtr   conn,
            const char     *source,
            const char     *old_name,
            const char     *new_name,
            GPtrArray      *commands,
            GError        **error)
{
  virStorageVolPtr vol = virStorageVolLookupByPath (conn, source);
  virStoragePoolPtr pool = NULL;
  virStorageVolPtr copy = NULL;
  g_autofree char *copy_name = NULL;
  g_autofree char *copy_xml = NULL;
  char *vol_xml = NULL;
  char *path = NULL;
  char *result = NULL;

  if (vol == NULL)
    {
      virResetLastError ();
      g_set_error (error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_PATH,
                   _("The disk %s is not a volume of a storage pool, so it cannot be copied here; "
                     "copy it with qemu-img first."), source);
      return NULL;
    }

  pool = virStoragePoolLookupByVolume (vol);
  vol_xml = virStorageVolGetXMLDesc (vol, 0);
  if (pool == NULL || vol_xml == NULL)
    {
      vw_virt_set_error (error, source);
      goto out;
    }

  copy_name = clone_volume_name (virStorageVolGetName (vol), old_name, new_name);
  copy_xml = renamed_volume_xml (vol_xml, copy_name, error);
  if (copy_xml == NULL)
    goto out;

  copy = virStorageVolCreateXMLFrom (pool, copy_xml, vol, 0);
  if (copy == NULL || (path = virStorageVolGetPath (copy)) == NULL)
    {
      vw_virt_set_error (error, source);
      goto out;
    }

  g_ptr_array_add (commands, g_strdupv ((char *[]) { (char *) "vol-clone", (char *) virStorageVolGetName (vol),
                                                     copy_name, (char *) "--pool",
                                                     (char *) virStoragePoolGetName (pool), NULL }));
  result = g_strdup (path);

out:
  free (vol_xml);
  free (path);
  if (copy != NULL)
    virStorageVolFree (copy);
  if (pool != NULL)
    virStoragePoolFree (pool);
  virStorageVolFree (vol);
  return result;
}

static gboolean
run_clone (gpointer    data,
           GPtrArray  *commands,
           GError    **error)
{
  DomainOp *op = data;
  virConnectPtr conn = virDomainGetConnect (op->dom);
  g_autoptr(VwDomainConfig) config = NULL;
  g_autoptr(GHashTable) sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *new_xml = NULL;
  virDomainPtr copy;
  char *xml;

  xml = virDomainGetXMLDesc (op->dom, VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_SECURE);
  if (xml == NULL)
    return vw_virt_set_error (error, NULL);
  config = vw_domain_config_parse (xml, error);
  if (config == NULL)
    {
      free (xml);
      return FALSE;
    }

  for (guint i = 0; i < config->disks->len; i++)
    {
      VwDiskConfig *disk = config->disks->pdata[i];
      char *copy_path;

      /* Shared read-only media (an installer ISO) are not copied. */
      if (disk->readonly || g_strcmp0 (disk->device, "disk") != 0 || disk->source == NULL
          || !g_path_is_absolute (disk->source) || g_hash_table_contains (sources, disk->source))
        continue;
      copy_path = clone_disk (conn, disk->source, config->name, op->new_name, commands, error);
      if (copy_path == NULL)
        {
          free (xml);
          return FALSE;
        }
      g_hash_table_insert (sources, g_strdup (disk->source), copy_path);
    }

  new_xml = vw_domain_xml_clone (xml, op->new_name, uuid, sources, error);
  free (xml);
  if (new_xml == NULL || !vw_file_write_atomic (op->path, new_xml, -1, error))
    return FALSE;

  copy = virDomainDefineXMLFlags (conn, new_xml, VIR_DOMAIN_DEFINE_VALIDATE);
  if (copy == NULL)
    return vw_virt_set_error (error, NULL);
  virDomainFree (copy);

  g_ptr_array_add (commands, g_strdupv ((char *[]) { (char *) "define", op->path, NULL }));
  return TRUE;
}

/**
 * vw_domain_clone_async:
 * @new_name: the copy's name
 *
 * Copies a shut-off machine: each writable disk volume is cloned in its pool
 * (virsh vol-clone) and a definition with a new name, UUID and MAC
 * addresses is defined from a file (virsh define FILE).
 */
void
vw_domain_clone_async (VwDomain            *self,
                       const char          *new_name,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(VwConnection) connection = NULL;
  DomainOp *op = g_new0 (DomainOp, 1);
  GError *error = NULL;

  g_return_if_fail (VW_IS_DOMAIN (self));

  connection = vw_domain_dup_connection (self);
  if (vw_validate_name (VW_OBJECT_MACHINE, new_name, &error)
      && connection != NULL && vw_connection_find_domain (connection, new_name) != NULL)
    error = g_error_new (VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_NAME,
                         _("A machine called “%s” already exists."), new_name);
  if (error == NULL && vw_domain_get_state (self) != VW_DOMAIN_STATE_SHUTOFF)
    error = g_error_new (VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_RANGE,
                         _("Shut “%s” off before cloning it, so that its disks are consistent."),
                         vw_domain_get_name (self));

  op->new_name = g_strdup (new_name);
  if (error == NULL)
    op->path = vw_paths_new_command_file (new_name);

  vw_domain_start_op (self, op, NULL, run_clone, error, cancellable, callback, user_data);
}

/* ----- What undefining would remove ----- */

static gboolean
run_removal_info (gpointer    data,
                  GPtrArray  *commands,
                  GError    **error)
{
  DomainOp *op = data;
  virConnectPtr conn = virDomainGetConnect (op->dom);
  g_autoptr(VwDomainConfig) config = NULL;
  g_autoptr(GStrvBuilder) volumes = g_strv_builder_new ();
  char *xml = virDomainGetXMLDesc (op->dom, 0);

  if (xml == NULL)
    return vw_virt_set_error (error, NULL);
  config = vw_domain_config_parse (xml, error);
  free (xml);
  if (config == NULL)
    return FALSE;

  /* The same disks that virsh's --remove-all-storage would delete. */
  for (guint i = 0; i < config->disks->len; i++)
    {
      VwDiskConfig *disk = config->disks->pdata[i];
      virStorageVolPtr vol;

      if (disk->source == NULL || !g_path_is_absolute (disk->source))
        continue;
      vol = virStorageVolLookupByPath (conn, disk->source);
      if (vol != NULL)
        {
          g_strv_builder_add (volumes, disk->source);
          virStorageVolFree (vol);
        }
    }
  virResetLastError ();
  op->volumes = g_strv_builder_end (volumes);
  op->n_snapshots = MAX (virDomainSnapshotNum (op->dom, 0), 0);
  virResetLastError ();
  return TRUE;
}

static void
removal_info_done (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!vw_virt_op_finish (result, &error))
    g_task_return_error (task, error);
  else
    {
      DomainOp *op = vw_virt_op_get_data (result);

      g_task_set_task_data (task, g_strdupv (op->volumes), (GDestroyNotify) g_strfreev);
      g_object_set_data (G_OBJECT (task), "n-snapshots", GINT_TO_POINTER (op->n_snapshots));
      g_task_return_boolean (task, TRUE);
    }
}

/* The volumes `undefine --remove-all-storage` would delete and how many
 * snapshots the machine has, for the confirmation dialog. */
void
vw_domain_get_removal_info_async (VwDomain            *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (VW_IS_DOMAIN (self));

  vw_domain_start_read (self, g_new0 (DomainOp, 1), run_removal_info, cancellable,
                        removal_info_done, g_task_new (self, cancellable, callback, user_data));
}

gboolean
vw_domain_get_removal_info_finish (VwDomain      *self,
                                   GAsyncResult  *result,
                                   GStrv         *volumes,
                                   guint         *n_snapshots,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  *volumes = g_strdupv (g_task_get_task_data (G_TASK (result)));
  *n_snapshots = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (result), "n-snapshots"));
  return TRUE;
}

