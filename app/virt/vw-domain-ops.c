/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-domain-ops"

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

/* What the learner can do to a domain. Each operation checks its input,
 * runs its libvirt calls in a worker thread through vw_virt_op_run() (which
 * records the matching virsh line), and marks the domain busy meanwhile.
 * The domain's properties are not touched here: the events that follow the
 * change update them, whoever made it. */

void
vw_domain_op_free (DomainOp *op)
{
  if (op->dom != NULL)
    virDomainFree (op->dom);
  g_strfreev (op->volumes);
  g_free (op->path);
  g_free (op->new_name);
  g_free (op->xml);
  g_free (op);
}

static void
op_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  VwDomain *self = VW_DOMAIN (object);
  g_autoptr(VwConnection) connection = NULL;
  g_autoptr(GError) error = NULL;

  vw_domain_set_busy (self, FALSE);
  if (!vw_virt_op_finish (result, &error))
    {
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }

  connection = vw_domain_dup_connection (self);
  if (connection != NULL)
    vw_connection_refresh (connection, VW_KIND_DOMAIN, ((DomainOp *) vw_virt_op_get_data (result))->dom);
  g_task_return_boolean (outer, TRUE);
}

GError *
vw_domain_not_connected_error (VwDomain *self)
{
  return g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                      _("The machine “%s” is not connected"), vw_domain_get_name (self));
}

/* Starts @func for @op unless @error is already set by a check. */
void
vw_domain_start_op (VwDomain            *self,
                    DomainOp            *op,
                    GStrv                virsh_args,
                    VwVirtOpFunc         func,
                    GError              *error,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) outer = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(VwConnection) connection = vw_domain_dup_connection (self);
  g_auto(GStrv) args = virsh_args;

  g_task_set_source_tag (outer, vw_domain_start_op);

  if (error == NULL && (connection == NULL || (op->dom = vw_domain_ref_virdomain (self)) == NULL))
    error = vw_domain_not_connected_error (self);
  if (error != NULL)
    {
      vw_domain_op_free (op);
      g_task_return_error (outer, error);
      return;
    }

  vw_domain_set_busy (self, TRUE);
  vw_virt_op_run (self, connection, (const char * const *) args, func, op,
                  (GDestroyNotify) vw_domain_op_free, cancellable, op_done, g_steal_pointer (&outer));
}

void
vw_domain_start_read (VwDomain            *self,
                      DomainOp            *op,
                      VwVirtOpFunc         func,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  done,
                      GTask               *task)
{
  g_autoptr(VwConnection) connection = vw_domain_dup_connection (self);

  if (connection == NULL || (op->dom = vw_domain_ref_virdomain (self)) == NULL)
    {
      vw_domain_op_free (op);
      g_task_return_error (task, vw_domain_not_connected_error (self));
      g_object_unref (task);
      return;
    }
  vw_virt_op_run (self, connection, NULL, func, op, (GDestroyNotify) vw_domain_op_free,
                  cancellable, done, task);
}

gboolean
vw_domain_op_finish (VwDomain      *self,
                     GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ----- Lifecycle actions ----- */

static gboolean
run_action (gpointer    data,
            GPtrArray  *commands,
            GError    **error)
{
  DomainOp *op = data;
  int rc;

  switch (op->action)
    {
    case VW_DOMAIN_ACTION_START:
      rc = virDomainCreate (op->dom);
      break;
    case VW_DOMAIN_ACTION_SHUTDOWN:
      rc = virDomainShutdown (op->dom);
      break;
    case VW_DOMAIN_ACTION_REBOOT:
      rc = virDomainReboot (op->dom, 0);
      break;
    case VW_DOMAIN_ACTION_RESET:
      rc = virDomainReset (op->dom, 0);
      break;
    case VW_DOMAIN_ACTION_DESTROY:
      rc = virDomainDestroy (op->dom);
      break;
    case VW_DOMAIN_ACTION_SUSPEND:
      rc = virDomainSuspend (op->dom);
      break;
    case VW_DOMAIN_ACTION_RESUME:
      rc = virDomainResume (op->dom);
      break;
    case VW_DOMAIN_ACTION_MANAGED_SAVE:
      rc = virDomainManagedSave (op->dom, 0);
      break;
    case VW_DOMAIN_ACTION_MANAGED_SAVE_REMOVE:
      rc = virDomainManagedSaveRemove (op->dom, 0);
      break;
    case VW_DOMAIN_ACTION_AUTOSTART_ENABLE:
      rc = virDomainSetAutostart (op->dom, 1);
      break;
    case VW_DOMAIN_ACTION_AUTOSTART_DISABLE:
      rc = virDomainSetAutostart (op->dom, 0);
      break;
    default:
      g_assert_not_reached ();
    }

  return rc >= 0 || vw_virt_set_error (error, NULL);
}

/**
 * vw_domain_run_async:
 *
 * Runs a lifecycle action. The domain's state changes when libvirt's event
 * arrives, not here.
 */
void
vw_domain_run_async (VwDomain            *self,
                     VwDomainAction       action,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  DomainOp *op = g_new0 (DomainOp, 1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char * const *verb;

  g_return_if_fail (VW_IS_DOMAIN (self));
  g_return_if_fail (action < VW_DOMAIN_N_ACTIONS);

  op->action = action;
  for (verb = vw_domain_action_get_args (action); *verb != NULL; verb++)
    g_strv_builder_add (builder, *verb);
  g_strv_builder_add (builder, vw_domain_get_name (self));

  vw_domain_start_op (self, op, g_strv_builder_end (builder), run_action, NULL, cancellable, callback, user_data);
}

/* ----- Save to a file ----- */

static gboolean
run_save (gpointer    data,
          GPtrArray  *commands,
          GError    **error)
{
  DomainOp *op = data;

  return virDomainSave (op->dom, op->path) == 0 || vw_virt_set_error (error, NULL);
}

void
vw_domain_save_async (VwDomain            *self,
                      const char          *path,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  DomainOp *op = g_new0 (DomainOp, 1);
  GError *error = NULL;

  g_return_if_fail (VW_IS_DOMAIN (self));

  vw_validate_abs_path (path, &error);
  op->path = g_strdup (path);
  vw_domain_start_op (self, op, vw_virt_args ("save", vw_domain_get_name (self), path, NULL), run_save, error,
            cancellable, callback, user_data);
}

/* ----- Undefine ----- */

static gboolean
run_undefine (gpointer    data,
              GPtrArray  *commands,
              GError    **error)
{
  DomainOp *op = data;
  virConnectPtr conn = virDomainGetConnect (op->dom);
  g_autoptr(VwDomainConfig) config = NULL;
  unsigned int flags = 0;

  if (op->flags & VW_UNDEFINE_REMOVE_STORAGE)
    {
      char *xml = virDomainGetXMLDesc (op->dom, 0);

      if (xml == NULL)
        return vw_virt_set_error (error, NULL);
      config = vw_domain_config_parse (xml, error);
      free (xml);
      if (config == NULL)
        return FALSE;
    }

  if (op->flags & VW_UNDEFINE_SNAPSHOTS_METADATA)
    flags |= VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA;
  if (op->flags & VW_UNDEFINE_MANAGED_SAVE)
    flags |= VIR_DOMAIN_UNDEFINE_MANAGED_SAVE;

  if (virDomainUndefineFlags (op->dom, flags) < 0)
    return vw_virt_set_error (error, NULL);

  /* As virsh's --remove-all-storage: every disk whose source is a volume
   * libvirt knows is deleted, after the domain is gone. */
  for (guint i = 0; config != NULL && i < config->disks->len; i++)
    {
      VwDiskConfig *disk = config->disks->pdata[i];
      virStorageVolPtr vol;

      if (disk->source == NULL || !g_path_is_absolute (disk->source))
        continue;
      vol = virStorageVolLookupByPath (conn, disk->source);
      if (vol == NULL)
        {
          virResetLastError ();
          continue;
        }
      if (virStorageVolDelete (vol, 0) < 0)
        {
          vw_virt_set_error (error, disk->source);
          virStorageVolFree (vol);
          return FALSE;
        }
      virStorageVolFree (vol);
    }

  return TRUE;
}

void
vw_domain_undefine_async (VwDomain            *self,
                          VwUndefineFlags      flags,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  DomainOp *op = g_new0 (DomainOp, 1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GError *error = NULL;

  g_return_if_fail (VW_IS_DOMAIN (self));

  if ((flags & VW_UNDEFINE_REMOVE_STORAGE) && vw_domain_state_is_active (vw_domain_get_state (self)))
    error = g_error_new (VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_RANGE,
                         _("Shut “%s” off before removing its storage."), vw_domain_get_name (self));

  op->flags = flags;
  g_strv_builder_add_many (builder, "undefine", vw_domain_get_name (self), NULL);
  if (flags & VW_UNDEFINE_REMOVE_STORAGE)
    g_strv_builder_add (builder, "--remove-all-storage");
  if (flags & VW_UNDEFINE_SNAPSHOTS_METADATA)
    g_strv_builder_add (builder, "--snapshots-metadata");
  if (flags & VW_UNDEFINE_MANAGED_SAVE)
    g_strv_builder_add (builder, "--managed-save");

  vw_domain_start_op (self, op, g_strv_builder_end (builder), run_undefine, error, cancellable, callback, user_data);
}

/* ----- vCPUs and memory ----- */

static unsigned int
change_flags (VwChangeFlags flags)
{
  return ((flags & VW_CHANGE_LIVE) ? VIR_DOMAIN_AFFECT_LIVE : 0)
         | ((flags & VW_CHANGE_CONFIG) ? VIR_DOMAIN_AFFECT_CONFIG : 0);
}

static void
add_change_args (GStrvBuilder  *builder,
                 VwChangeFlags  flags)
{
  if (flags & VW_CHANGE_LIVE)
    g_strv_builder_add (builder, "--live");
  if (flags & VW_CHANGE_CONFIG)
    g_strv_builder_add (builder, "--config");
}

static gboolean
run_set_vcpus (gpointer    data,
               GPtrArray  *commands,
               GError    **error)
{
  DomainOp *op = data;
  unsigned int flags = change_flags (op->flags) | (op->maximum ? VIR_DOMAIN_VCPU_MAXIMUM : 0);

  return virDomainSetVcpusFlags (op->dom, op->count, flags) == 0 || vw_virt_set_error (error, NULL);
}

static GError *
check_change_flags (VwDomain      *self,
                    VwChangeFlags  flags)
{
  if (flags == 0)
    return g_error_new_literal (VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_RANGE,
                                _("Choose whether the change applies now, at the next boot, or both."));
  if ((flags & VW_CHANGE_LIVE) && !vw_domain_state_is_active (vw_domain_get_state (self)))
    return g_error_new (VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_RANGE,
                        _("“%s” is not running: a change can only apply at the next boot."),
                        vw_domain_get_name (self));
  if ((flags & VW_CHANGE_CONFIG) && !vw_domain_get_persistent (self))
    return g_error_new (VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_RANGE,
                        _("“%s” is transient: it has no configuration to change."),
                        vw_domain_get_name (self));
  return NULL;
}

void
vw_domain_set_vcpus_async (VwDomain            *self,
                           guint                count,
                           gboolean             maximum,
                           VwChangeFlags        flags,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  DomainOp *op = g_new0 (DomainOp, 1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *count_text = g_strdup_printf ("%u", count);
  GError *error;

  g_return_if_fail (VW_IS_DOMAIN (self));

  error = check_change_flags (self, flags);
  if (error == NULL && (count < 1 || count > 4096))
    error = g_error_new (VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_RANGE,
                         _("A machine needs between 1 and 4096 vCPUs, not %u."), count);
  if (error == NULL && maximum && (flags & VW_CHANGE_LIVE))
    error = g_error_new_literal (VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_RANGE,
                                 _("The maximum number of vCPUs can only change at the next boot."));

  op->count = count;
  op->maximum = maximum;
  op->flags = flags;
  g_strv_builder_add_many (builder, "setvcpus", vw_domain_get_name (self), count_text, NULL);
  if (maximum)
    g_strv_builder_add (builder, "--maximum");
  add_change_args (builder, flags);

  vw_domain_start_op (self, op, g_strv_builder_end (builder), run_set_vcpus, error, cancellable, callback, user_data);
}

static gboolean
run_set_memory (gpointer    data,
                GPtrArray  *commands,
                GError    **error)
{
  DomainOp *op = data;
  int rc;

  if (op->maximum)
    rc = virDomainSetMemoryFlags (op->dom, op->kib, change_flags (op->flags) | VIR_DOMAIN_MEM_MAXIMUM);
  else
    rc = virDomainSetMemoryFlags (op->dom, op->kib, change_flags (op->flags));
  return rc == 0 || vw_virt_set_error (error, NULL);
}

/**
 * vw_domain_set_memory_async:
 * @kib: the new size in KiB
 * @maximum: change the maximum (setmaxmem) rather than the current size (setmem)
 */
void
vw_domain_set_memory_async (VwDomain            *self,
                            guint64              kib,
                            gboolean             maximum,
                            VwChangeFlags        flags,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  DomainOp *op = g_new0 (DomainOp, 1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *kib_text = g_strdup_printf ("%" G_GUINT64_FORMAT, kib);
  GError *error;

  g_return_if_fail (VW_IS_DOMAIN (self));

  error = check_change_flags (self, flags);
  /* 4 MiB is below anything that boots; 16 TiB is above any host here. */
  if (error == NULL && (kib < 4 * 1024 || kib > G_GUINT64_CONSTANT (16) * 1024 * 1024 * 1024))
    error = g_error_new_literal (VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_RANGE,
                                 _("Memory must be between 4 MiB and 16 TiB."));
  if (error == NULL && !maximum && kib > vw_domain_get_max_memory (self))
    error = g_error_new_literal (VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_RANGE,
                                 _("The memory cannot be more than the maximum; raise the maximum first."));

  op->kib = kib;
  op->maximum = maximum;
  op->flags = flags;
  g_strv_builder_add_many (builder, maximum ? "setmaxmem" : "setmem", vw_domain_get_name (self),
                           kib_text, NULL);
  add_change_args (builder, flags);

  vw_domain_start_op (self, op, g_strv_builder_end (builder), run_set_memory, error, cancellable, callback, user_data);
}

/* ----- XML ----- */

static gboolean
run_get_xml (gpointer    data,
             GPtrArray  *commands,
             GError    **error)
{
  DomainOp *op = data;
  char *xml;

  if (op->new_name != NULL)
    {
      virDomainSnapshotPtr snap = virDomainSnapshotLookupByName (op->dom, op->new_name, 0);

      xml = snap != NULL ? virDomainSnapshotGetXMLDesc (snap, 0) : NULL;
      if (xml == NULL)
        vw_virt_set_error (error, NULL);
      if (snap != NULL)
        virDomainSnapshotFree (snap);
      if (xml == NULL)
        return FALSE;
    }
  else if ((xml = virDomainGetXMLDesc (op->dom, op->flags)) == NULL)
    return vw_virt_set_error (error, NULL);
  op->xml = g_strdup (xml);
  free (xml);
  return TRUE;
}

static void
get_xml_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!vw_virt_op_finish (result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_strdup (((DomainOp *) vw_virt_op_get_data (result))->xml), g_free);
}

static void
read_xml (VwDomain            *self,
          const char          *snapshot,
          gboolean             inactive,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  DomainOp *op;

  g_return_if_fail (VW_IS_DOMAIN (self));

  op = g_new0 (DomainOp, 1);
  op->flags = inactive ? VIR_DOMAIN_XML_INACTIVE : 0;
  op->new_name = g_strdup (snapshot);
  vw_domain_start_read (self, op, run_get_xml, cancellable, get_xml_done,
                        g_task_new (self, cancellable, callback, user_data));
}

/* The domain's XML as `virsh dumpxml [--inactive]` shows it; a read, so
 * nothing is recorded. */
void
vw_domain_get_xml_async (VwDomain            *self,
                         gboolean             inactive,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  read_xml (self, NULL, inactive, cancellable, callback, user_data);
}

/* A snapshot's XML as `virsh snapshot-dumpxml DOMAIN NAME` shows it;
 * finish with vw_domain_get_xml_finish(). */
void
vw_domain_get_snapshot_xml_async (VwDomain            *self,
                                  const char          *snapshot,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (snapshot != NULL);
  read_xml (self, snapshot, FALSE, cancellable, callback, user_data);
}

char *
vw_domain_get_xml_finish (VwDomain      *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
