/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-virt-object"

#include <glib/gi18n.h>

#include "vw-connection-private.h"
#include "vw-virt-object-private.h"

/* What a network and a storage pool have in common as the lab sees them:
 * a libvirt handle, a name and UUID, whether it is active, persistent and
 * started at boot, and whether an operation on it is running. The
 * connection fills and updates it from worker-thread reads. */

typedef struct
{
  GWeakRef connection;
  gpointer ptr;
  char *name;
  char uuid[VIR_UUID_STRING_BUFLEN];
  gboolean active;
  gboolean persistent;
  gboolean autostart;
  guint busy;
} VwVirtObjectPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (VwVirtObject, vw_virt_object, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_UUID,
  PROP_ACTIVE,
  PROP_PERSISTENT,
  PROP_AUTOSTART,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define PRIV(self) ((VwVirtObjectPrivate *) vw_virt_object_get_instance_private (VW_VIRT_OBJECT (self)))

void
vw_virt_object_info_clear (VwVirtObjectInfo *info,
                           int             (*free_ptr) (gpointer))
{
  if (info->ptr != NULL)
    free_ptr (info->ptr);
  info->ptr = NULL;
  g_clear_pointer (&info->name, g_free);
}

const char *
vw_virt_object_info_uuid (gpointer info)
{
  return ((VwVirtObjectInfo *) info)->uuid;
}

char *
vw_virt_object_info_sort_key (gpointer info)
{
  return g_utf8_collate_key_for_filename (((VwVirtObjectInfo *) info)->name, -1);
}

static void
take_ptr (VwVirtObject *self,
          gpointer      ptr)
{
  VwVirtObjectPrivate *priv = PRIV (self);
  VwVirtObjectClass *klass = VW_VIRT_OBJECT_GET_CLASS (self);

  if (priv->ptr == ptr)
    return;
  if (ptr != NULL)
    klass->ref_ptr (ptr);
  if (priv->ptr != NULL)
    klass->free_ptr (priv->ptr);
  priv->ptr = ptr;
}

/* A new object, before anyone listens: no notifications. */
void
vw_virt_object_setup (VwVirtObject     *self,
                      VwConnection     *connection,
                      VwVirtObjectInfo *info)
{
  VwVirtObjectPrivate *priv = PRIV (self);

  g_weak_ref_set (&priv->connection, connection);
  take_ptr (self, info->ptr);
  priv->name = g_strdup (info->name);
  g_strlcpy (priv->uuid, info->uuid, sizeof priv->uuid);
  priv->active = info->active;
  priv->persistent = info->persistent;
  priv->autostart = info->autostart;
}

void
vw_virt_object_apply_info (VwVirtObject     *self,
                           VwVirtObjectInfo *info)
{
  VwVirtObjectPrivate *priv = PRIV (self);
  GObject *object = G_OBJECT (self);

  take_ptr (self, info->ptr);
  if (g_strcmp0 (priv->name, info->name) != 0)
    {
      g_free (priv->name);
      priv->name = g_strdup (info->name);
      g_object_notify_by_pspec (object, properties[PROP_NAME]);
    }
  if (priv->active != info->active)
    {
      priv->active = info->active;
      g_object_notify_by_pspec (object, properties[PROP_ACTIVE]);
    }
  if (priv->persistent != info->persistent)
    {
      priv->persistent = info->persistent;
      g_object_notify_by_pspec (object, properties[PROP_PERSISTENT]);
    }
  if (priv->autostart != info->autostart)
    {
      priv->autostart = info->autostart;
      g_object_notify_by_pspec (object, properties[PROP_AUTOSTART]);
    }
}

/* Set from a started or stopped event, before the fresh read lands. */
void
vw_virt_object_set_active (VwVirtObject *self,
                           gboolean      active)
{
  VwVirtObjectPrivate *priv = PRIV (self);

  if (priv->active == !!active)
    return;
  priv->active = !!active;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

void
vw_virt_object_set_busy (VwVirtObject *self,
                         gboolean      busy)
{
  VwVirtObjectPrivate *priv = PRIV (self);
  gboolean was_busy = priv->busy > 0;

  if (busy)
    priv->busy++;
  else if (priv->busy > 0)
    priv->busy--;
  if (was_busy != (priv->busy > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* A new reference to the libvirt handle for a worker thread, or %NULL. */
gpointer
vw_virt_object_ref_ptr (VwVirtObject *self)
{
  VwVirtObjectPrivate *priv = PRIV (self);

  if (priv->ptr != NULL)
    VW_VIRT_OBJECT_GET_CLASS (self)->ref_ptr (priv->ptr);
  return priv->ptr;
}

const char *
vw_virt_object_get_name (VwVirtObject *self)
{
  g_return_val_if_fail (VW_IS_VIRT_OBJECT (self), NULL);
  return PRIV (self)->name;
}

const char *
vw_virt_object_get_uuid (VwVirtObject *self)
{
  g_return_val_if_fail (VW_IS_VIRT_OBJECT (self), NULL);
  return PRIV (self)->uuid;
}

gboolean
vw_virt_object_get_active (VwVirtObject *self)
{
  g_return_val_if_fail (VW_IS_VIRT_OBJECT (self), FALSE);
  return PRIV (self)->active;
}

gboolean
vw_virt_object_get_persistent (VwVirtObject *self)
{
  g_return_val_if_fail (VW_IS_VIRT_OBJECT (self), FALSE);
  return PRIV (self)->persistent;
}

gboolean
vw_virt_object_get_autostart (VwVirtObject *self)
{
  g_return_val_if_fail (VW_IS_VIRT_OBJECT (self), FALSE);
  return PRIV (self)->autostart;
}

gboolean
vw_virt_object_get_busy (VwVirtObject *self)
{
  g_return_val_if_fail (VW_IS_VIRT_OBJECT (self), FALSE);
  return PRIV (self)->busy > 0;
}

/**
 * vw_virt_object_dup_connection:
 *
 * Returns: (transfer full) (nullable): the connection the object is on
 */
VwConnection *
vw_virt_object_dup_connection (VwVirtObject *self)
{
  g_return_val_if_fail (VW_IS_VIRT_OBJECT (self), NULL);
  return g_weak_ref_get (&PRIV (self)->connection);
}

/* ----- Operations ----- */

VwObjectOp *
vw_object_op_new (VwVirtObject *self)
{
  VwObjectOp *op = g_new0 (VwObjectOp, 1);

  op->object = g_object_ref (self);
  return op;
}

void
vw_object_op_free (VwObjectOp *op)
{
  if (op->ptr != NULL)
    VW_VIRT_OBJECT_GET_CLASS (op->object)->free_ptr (op->ptr);
  if (op->result != NULL && op->result_free != NULL)
    op->result_free (op->result);
  g_clear_object (&op->object);
  g_free (op->name);
  g_free (op->path);
  g_free (op->xml);
  g_free (op->format);
  g_free (op);
}

static void
op_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  VwVirtObject *self = VW_VIRT_OBJECT (object);
  VwObjectOp *op = vw_virt_op_get_data (result);
  gboolean change = GPOINTER_TO_INT (g_task_get_task_data (outer));
  g_autoptr(VwConnection) connection = NULL;
  g_autoptr(GError) error = NULL;

  if (change)
    vw_virt_object_set_busy (self, FALSE);
  if (!vw_virt_op_finish (result, &error))
    {
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }

  /* A change is shown from a fresh read, as for an outside change. */
  connection = vw_virt_object_dup_connection (self);
  if (change && connection != NULL)
    vw_connection_refresh (connection, VW_VIRT_OBJECT_GET_CLASS (self)->kind, op->ptr);
  if (op->result_free != NULL)
    g_task_return_pointer (outer, g_steal_pointer (&op->result), op->result_free);
  else
    g_task_return_boolean (outer, TRUE);
}

/**
 * vw_virt_object_start_op:
 * @op: (transfer full): the operation's data
 * @virsh_args: (transfer full) (nullable): the virsh line of a change, or
 *   %NULL for a read
 * @error: (transfer full) (nullable): a refusal found by the caller's checks;
 *   the operation then fails with it and nothing runs
 *
 * Runs @func in a worker thread on a reference to the object's handle. A
 * change marks the object busy meanwhile and rereads it afterwards.
 */
void
vw_virt_object_start_op (VwVirtObject        *self,
                         VwObjectOp          *op,
                         GStrv                virsh_args,
                         VwVirtOpFunc         func,
                         GError              *error,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) outer = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(VwConnection) connection = vw_virt_object_dup_connection (self);
  g_auto(GStrv) args = virsh_args;

  g_task_set_source_tag (outer, vw_virt_object_start_op);
  g_task_set_task_data (outer, GINT_TO_POINTER (args != NULL), NULL);

  if (error == NULL && (connection == NULL || (op->ptr = vw_virt_object_ref_ptr (self)) == NULL))
    error = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED, _("“%s” is not connected"),
                         vw_virt_object_get_name (self));
  if (error != NULL)
    {
      vw_object_op_free (op);
      g_task_return_error (outer, error);
      return;
    }

  if (args != NULL)
    vw_virt_object_set_busy (self, TRUE);
  vw_virt_op_run (self, connection, (const char * const *) args, func, op,
                  (GDestroyNotify) vw_object_op_free, cancellable, op_done, g_steal_pointer (&outer));
}

gboolean
vw_virt_object_op_finish (VwVirtObject  *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gpointer
vw_virt_object_op_finish_pointer (VwVirtObject  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
vw_virt_object_finalize (GObject *object)
{
  VwVirtObjectPrivate *priv = PRIV (object);

  if (priv->ptr != NULL)
    VW_VIRT_OBJECT_GET_CLASS (object)->free_ptr (priv->ptr);
  g_weak_ref_clear (&priv->connection);
  g_free (priv->name);

  G_OBJECT_CLASS (vw_virt_object_parent_class)->finalize (object);
}

static void
vw_virt_object_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  VwVirtObjectPrivate *priv = PRIV (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, priv->name);
      break;
    case PROP_UUID:
      g_value_set_string (value, priv->uuid);
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, priv->active);
      break;
    case PROP_PERSISTENT:
      g_value_set_boolean (value, priv->persistent);
      break;
    case PROP_AUTOSTART:
      g_value_set_boolean (value, priv->autostart);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, priv->busy > 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vw_virt_object_class_init (VwVirtObjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = vw_virt_object_finalize;
  object_class->get_property = vw_virt_object_get_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_UUID] = g_param_spec_string ("uuid", NULL, NULL, NULL, flags);
  properties[PROP_ACTIVE] = g_param_spec_boolean ("active", NULL, NULL, FALSE, flags);
  properties[PROP_PERSISTENT] = g_param_spec_boolean ("persistent", NULL, NULL, FALSE, flags);
  properties[PROP_AUTOSTART] = g_param_spec_boolean ("autostart", NULL, NULL, FALSE, flags);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vw_virt_object_init (VwVirtObject *self)
{
  g_weak_ref_init (&PRIV (self)->connection, NULL);
}
