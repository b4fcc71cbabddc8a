/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-pool-ops"

#include <glib/gi18n.h>
#include <libvirt/libvirt.h>
#include <libxml/tree.h>

#include "vw-pool.h"
#include "vw-validate.h"
#include "vw-virt-object-private.h"
#include "vw-virt.h"
#include "vw-xml-read.h"

/* What the learner can do to a storage pool and its volumes, each with its
 * virsh line. Volume operations run on the pool: it is busy meanwhile and
 * reread afterwards, which shows the new volume list and sizes. */

static gboolean
run_action (gpointer    data,
            GPtrArray  *commands,
            GError    **error)
{
  VwObjectOp *op = data;
  int rc = -1;

  switch ((VwPoolAction) op->action)
    {
    case VW_POOL_ACTION_BUILD:
      rc = virStoragePoolBuild (op->ptr, 0);
      break;
    case VW_POOL_ACTION_START:
      rc = virStoragePoolCreate (op->ptr, 0);
      break;
    case VW_POOL_ACTION_STOP:
      rc = virStoragePoolDestroy (op->ptr);
      break;
    case VW_POOL_ACTION_REFRESH:
      rc = virStoragePoolRefresh (op->ptr, 0);
      break;
    case VW_POOL_ACTION_AUTOSTART_ENABLE:
    case VW_POOL_ACTION_AUTOSTART_DISABLE:
      rc = virStoragePoolSetAutostart (op->ptr, op->action == VW_POOL_ACTION_AUTOSTART_ENABLE);
      break;
    case VW_POOL_ACTION_UNDEFINE:
      rc = virStoragePoolUndefine (op->ptr);
      break;
    default:
      g_assert_not_reached ();
    }
  return rc >= 0 || vw_virt_set_error (error, NULL);
}

void
vw_pool_run_async (VwPool              *self,
                   VwPoolAction         action,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  static const char *verbs[] = {
    [VW_POOL_ACTION_BUILD] = "pool-build",
    [VW_POOL_ACTION_START] = "pool-start",
    [VW_POOL_ACTION_STOP] = "pool-destroy",
    [VW_POOL_ACTION_REFRESH] = "pool-refresh",
    [VW_POOL_ACTION_AUTOSTART_ENABLE] = "pool-autostart",
    [VW_POOL_ACTION_AUTOSTART_DISABLE] = "pool-autostart",
    [VW_POOL_ACTION_UNDEFINE] = "pool-undefine",
  };
  VwObjectOp *op;

  g_return_if_fail (VW_IS_POOL (self));
  g_return_if_fail (action <= VW_POOL_ACTION_UNDEFINE);

  op = vw_object_op_new (VW_VIRT_OBJECT (self));
  op->action = action;
  vw_virt_object_start_op (VW_VIRT_OBJECT (self), op,
                           vw_virt_args (verbs[action], vw_pool_get_name (self),
                                         action == VW_POOL_ACTION_AUTOSTART_DISABLE ? "--disable" : NULL,
                                         NULL),
                           run_action, NULL, cancellable, callback, user_data);
}

static gboolean
run_get_xml (gpointer    data,
             GPtrArray  *commands,
             GError    **error)
{
  VwObjectOp *op = data;
  char *xml;

  if (op->name != NULL)
    {
      virStorageVolPtr vol = virStorageVolLookupByName (op->ptr, op->name);

      if (vol == NULL)
        return vw_virt_set_error (error, NULL);
      xml = virStorageVolGetXMLDesc (vol, 0);
      if (xml == NULL)
        vw_virt_set_error (error, NULL);
      virStorageVolFree (vol);
      if (xml == NULL)
        return FALSE;
    }
  else
    {
      xml = virStoragePoolGetXMLDesc (op->ptr, op->flags);
      /* The test driver knows no --inactive; for it the two are the same. */
      if (xml == NULL && op->flags != 0 && vw_virt_last_error_is (VIR_ERR_INVALID_ARG))
        xml = virStoragePoolGetXMLDesc (op->ptr, 0);
      if (xml == NULL)
        return vw_virt_set_error (error, NULL);
    }
  op->result = g_strdup (xml);
  free (xml);
  return TRUE;
}

void
vw_pool_get_xml_async (VwPool              *self,
                       gboolean             inactive,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  VwObjectOp *op = vw_object_op_new (VW_VIRT_OBJECT (self));

  g_return_if_fail (VW_IS_POOL (self));
  op->flags = inactive ? VIR_STORAGE_XML_INACTIVE : 0;
  op->result_free = g_free;
  vw_virt_object_start_op (VW_VIRT_OBJECT (self), op, NULL, run_get_xml, NULL,
                           cancellable, callback, user_data);
}

/* ----- Volumes ----- */

/* A size as virsh writes it back: the largest unit that divides it. */
static char *
format_virsh_size (guint64 bytes)
{
  static const char units[] = "TGMK";

  for (guint i = 0; i < 4; i++)
    {
      guint64 factor = G_GUINT64_CONSTANT (1) << (10 * (4 - i));

      if (bytes % factor == 0)
        return g_strdup_printf ("%" G_GUINT64_FORMAT "%c", bytes / factor, units[i]);
    }
  return g_strdup_printf ("%" G_GUINT64_FORMAT, bytes);
}

static void
set_format (xmlNode    *parent,
            const char *format)
{
  xmlNode *node = xmlNewChild (parent, NULL, (const xmlChar *) "format", NULL);

  xmlSetProp (node, (const xmlChar *) "type", (const xmlChar *) format);
}

/* Worker thread: the new volume's XML, with the backing image's path. */
static char *
volume_xml (VwObjectOp  *op,
            GError     **error)
{
  xmlDoc *doc = xmlNewDoc ((const xmlChar *) "1.0");
  xmlNode *root = xmlNewNode (NULL, (const xmlChar *) "volume");
  xmlNode *node;
  g_autofree char *capacity = g_strdup_printf ("%" G_GUINT64_FORMAT, op->size);
  char *xml;

  xmlDocSetRootElement (doc, root);
  xmlNewTextChild (root, NULL, (const xmlChar *) "name", (const xmlChar *) op->name);
  node = xmlNewTextChild (root, NULL, (const xmlChar *) "capacity", (const xmlChar *) capacity);
  xmlSetProp (node, (const xmlChar *) "unit", (const xmlChar *) "bytes");
  node = xmlNewChild (root, NULL, (const xmlChar *) "target", NULL);
  set_format (node, op->format);

  if (op->path != NULL)
    {
      virStorageVolPtr backing = virStorageVolLookupByName (op->ptr, op->path);
      char *path = backing != NULL ? virStorageVolGetPath (backing) : NULL;

      if (path == NULL)
        vw_virt_set_error (error, NULL);
      if (backing != NULL)
        virStorageVolFree (backing);
      if (path == NULL)
        {
          xmlFreeDoc (doc);
          return NULL;
        }
      node = xmlNewChild (root, NULL, (const xmlChar *) "backingStore", NULL);
      xmlNewTextChild (node, NULL, (const xmlChar *) "path", (const xmlChar *) path);
      set_format (node, op->xml);
      free (path);
    }

  xml = vw_xml_doc_to_string (doc);
  xmlFreeDoc (doc);
  return xml;
}

static gboolean
run_create_volume (gpointer    data,
                   GPtrArray  *commands,
                   GError    **error)
{
  VwObjectOp *op = data;
  g_autofree char *xml = volume_xml (op, error);
  virStorageVolPtr vol;

  if (xml == NULL)
    return FALSE;
  vol = virStorageVolCreateXML (op->ptr, xml, 0);
  if (vol == NULL)
    return vw_virt_set_error (error, NULL);
  virStorageVolFree (vol);
  return TRUE;
}

/**
 * vw_pool_create_volume_async:
 * @format: "qcow2" or "raw"
 *
 * Like `virsh vol-create-as POOL NAME SIZE --format FORMAT`, with
 * `--backing-vol` for an overlay. Refuses a bad name, a size of zero or
 * more than VW_MAX_VOLUME_SIZE, an existing name, and a backing volume
 * for a raw image or that the pool does not hold.
 */
void
vw_pool_create_volume_async (VwPool              *self,
                             const char          *name,
                             guint64              capacity,
                             const char          *format,
                             const char          *backing,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  static const char *formats[] = { "qcow2", "raw", NULL };
  VwObjectOp *op;
  g_autoptr(GStrvBuilder) args = g_strv_builder_new ();
  g_autofree char *size = NULL;
  VwVolume *backing_volume = NULL;
  GError *error = NULL;

  g_return_if_fail (VW_IS_POOL (self));

  if (backing != NULL && *backing == '\0')
    backing = NULL;
  if (!vw_validate_name (VW_OBJECT_VOLUME, name, &error))
    ;
  else if (!vw_validate_size (capacity, &error))
    ;
  else if (format == NULL || !g_strv_contains (formats, format))
    g_set_error (&error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_RANGE,
                 _("A volume’s format is qcow2 or raw, not “%s”."), format != NULL ? format : "");
  else if (!vw_virt_object_get_active (VW_VIRT_OBJECT (self)))
    g_set_error (&error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_RANGE,
                 _("The pool “%s” is stopped; start it before creating a volume in it."), vw_pool_get_name (self));
  else if (vw_pool_find_volume (self, name) != NULL)
    g_set_error (&error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_NAME,
                 _("The pool “%s” already has a volume named “%s”."), vw_pool_get_name (self), name);
  else if (backing != NULL && g_strcmp0 (format, "qcow2") != 0)
    g_set_error_literal (&error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_RANGE,
                         _("Only a qcow2 image can have a backing volume; a raw image holds all its data."));
  else if (backing != NULL && (backing_volume = vw_pool_find_volume (self, backing)) == NULL)
    g_set_error (&error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_NAME,
                 _("The pool “%s” has no volume named “%s” to use as a backing image."),
                 vw_pool_get_name (self), backing);

  op = vw_object_op_new (VW_VIRT_OBJECT (self));
  op->name = g_strdup (name);
  op->size = capacity;
  op->format = g_strdup (format);
  size = format_virsh_size (capacity);
  g_strv_builder_addv (args, (const char *[]) { "vol-create-as", vw_pool_get_name (self), name, size,
                                                "--format", format, NULL });
  if (backing_volume != NULL)
    {
      const char *backing_format = vw_volume_get_format (backing_volume);

      op->path = g_strdup (backing);
      op->xml = g_strdup (backing_format != NULL ? backing_format : "raw");
      g_strv_builder_addv (args, (const char *[]) { "--backing-vol", backing,
                                                    "--backing-vol-format", op->xml, NULL });
    }
  vw_virt_object_start_op (VW_VIRT_OBJECT (self), op, g_strv_builder_end (args), run_create_volume,
                           error, cancellable, callback, user_data);
}

static gboolean
run_volume_action (gpointer    data,
                   GPtrArray  *commands,
                   GError    **error)
{
  VwObjectOp *op = data;
  virStorageVolPtr vol = virStorageVolLookupByName (op->ptr, op->name);
  int rc;

  if (vol == NULL)
    return vw_virt_set_error (error, NULL);
  if (op->size > 0)
    rc = virStorageVolResize (vol, op->size, 0);
  else
    rc = virStorageVolDelete (vol, 0);
  /* Read the error before freeing, which clears it. */
  if (rc < 0)
    vw_virt_set_error (error, NULL);
  virStorageVolFree (vol);
  return rc >= 0;
}

static VwPool *
pool_of (VwVolume  *volume,
         GError   **error)
{
  VwPool *pool = vw_volume_dup_pool (volume);

  if (pool == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 _("The volume “%s” is no longer in a pool"), vw_volume_get_name (volume));
  return pool;
}

void
vw_volume_delete_async (VwVolume            *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GError *error = NULL;
  g_autoptr(VwPool) pool = pool_of (self, &error);
  VwObjectOp *op;

  if (pool == NULL)
    {
      g_task_report_error (self, callback, user_data, vw_volume_delete_async, error);
      return;
    }
  op = vw_object_op_new (VW_VIRT_OBJECT (pool));
  op->name = g_strdup (vw_volume_get_name (self));
  vw_virt_object_start_op (VW_VIRT_OBJECT (pool), op,
                           vw_virt_args ("vol-delete", op->name, "--pool", vw_pool_get_name (pool), NULL),
                           run_volume_action, NULL, cancellable, callback, user_data);
}

/* Grows a volume to @capacity bytes; shrinking, which loses the data at
 * the image's end, is refused. */
void
vw_volume_resize_async (VwVolume            *self,
                        guint64              capacity,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GError *error = NULL;
  g_autoptr(VwPool) pool = pool_of (self, &error);
  g_autofree char *size = format_virsh_size (capacity);
  VwObjectOp *op;

  if (pool == NULL)
    {
      g_task_report_error (self, callback, user_data, vw_volume_resize_async, error);
      return;
    }
  if (vw_validate_size (capacity, &error) && capacity < vw_volume_get_capacity (self))
    g_set_error (&error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_RANGE,
                 _("Shrinking “%s” would cut off the data at its end; the lab only grows volumes."),
                 vw_volume_get_name (self));
  else if (error == NULL && capacity == vw_volume_get_capacity (self))
    g_set_error (&error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_RANGE,
                 _("“%s” already has this size."), vw_volume_get_name (self));

  op = vw_object_op_new (VW_VIRT_OBJECT (pool));
  op->name = g_strdup (vw_volume_get_name (self));
  op->size = capacity;
  vw_virt_object_start_op (VW_VIRT_OBJECT (pool), op,
                           vw_virt_args ("vol-resize", op->name, size, "--pool", vw_pool_get_name (pool), NULL),
                           run_volume_action, error, cancellable, callback, user_data);
}

void
vw_volume_get_xml_async (VwVolume            *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GError *error = NULL;
  g_autoptr(VwPool) pool = pool_of (self, &error);
  VwObjectOp *op;

  if (pool == NULL)
    {
      g_task_report_error (self, callback, user_data, vw_volume_get_xml_async, error);
      return;
    }
  op = vw_object_op_new (VW_VIRT_OBJECT (pool));
  op->name = g_strdup (vw_volume_get_name (self));
  op->result_free = g_free;
  vw_virt_object_start_op (VW_VIRT_OBJECT (pool), op, NULL, run_get_xml, NULL,
                           cancellable, callback, user_data);
}

/* The source of a volume operation's result is its pool, or the volume
 * when it had no pool left to run on. */
gboolean
vw_volume_op_finish (GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

char *
vw_volume_get_xml_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
