/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-pool"

#include <libvirt/libvirt.h>

#include "vw-connection-private.h"
#include "vw-pool.h"
#include "vw-virt.h"

/* A libvirt virtual poolwork as the lab sees it, kept up to date by
 * VwConnection from poolwork lifecycle events. */
struct _VwPool
{
  GObject parent_instance;

  GWeakRef connection;
  virStoragePoolPtr pool;
  char *name;
  char uuid[VIR_UUID_STRING_BUFLEN];
  gboolean active;
  gboolean persistent;
  gboolean autostart;
  guint64 capacity;
  guint64 allocation;
  guint64 available;
};

G_DEFINE_FINAL_TYPE (VwPool, vw_pool, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_UUID,
  PROP_ACTIVE,
  PROP_PERSISTENT,
  PROP_AUTOSTART,
  PROP_CAPACITY,
  PROP_ALLOCATION,
  PROP_AVAILABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  virStoragePoolPtr pool;
  char *name;
  char uuid[VIR_UUID_STRING_BUFLEN];
  gboolean active;
  gboolean persistent;
  gboolean autostart;
  guint64 capacity;
  guint64 allocation;
  guint64 available;
} PoolInfo;

static void
info_free (gpointer data)
{
  PoolInfo *info = data;

  if (info->pool != NULL)
    virStoragePoolFree (info->pool);
  g_free (info->name);
  g_free (info);
}

static gpointer
read_info (gpointer   ptr,
           GError   **error)
{
  virStoragePoolPtr pool = ptr;
  PoolInfo *info;
  virStoragePoolInfo raw;
  int active = virStoragePoolIsActive (pool);
  int autostart = 0;

  if (active < 0 || virStoragePoolGetInfo (pool, &raw) < 0)
    {
      vw_virt_set_error (error, NULL);
      return NULL;
    }

  info = g_new0 (PoolInfo, 1);
  virStoragePoolRef (pool);
  info->pool = pool;
  info->name = g_strdup (virStoragePoolGetName (pool));
  virStoragePoolGetUUIDString (pool, info->uuid);
  info->active = active == 1;
  info->persistent = virStoragePoolIsPersistent (pool) == 1;
  if (virStoragePoolGetAutostart (pool, &autostart) == 0)
    info->autostart = autostart != 0;
  info->capacity = raw.capacity;
  info->allocation = raw.allocation;
  info->available = raw.available;
  virResetLastError ();
  return info;
}

static void
apply_info (GObject  *object,
            gpointer  data)
{
  VwPool *self = VW_POOL (object);
  PoolInfo *info = data;

  g_object_freeze_notify (object);
  if (self->pool != info->pool)
    {
      if (self->pool != NULL)
        virStoragePoolFree (self->pool);
      virStoragePoolRef (info->pool);
      self->pool = info->pool;
    }
  if (g_strcmp0 (self->name, info->name) != 0)
    {
      g_free (self->name);
      self->name = g_strdup (info->name);
      g_object_notify_by_pspec (object, properties[PROP_NAME]);
    }
  if (self->capacity != info->capacity)
    {
      self->capacity = info->capacity;
      g_object_notify_by_pspec (object, properties[PROP_CAPACITY]);
    }
  if (self->allocation != info->allocation)
    {
      self->allocation = info->allocation;
      g_object_notify_by_pspec (object, properties[PROP_ALLOCATION]);
    }
  if (self->available != info->available)
    {
      self->available = info->available;
      g_object_notify_by_pspec (object, properties[PROP_AVAILABLE]);
    }
  if (self->active != info->active)
    {
      self->active = info->active;
      g_object_notify_by_pspec (object, properties[PROP_ACTIVE]);
    }
  if (self->persistent != info->persistent)
    {
      self->persistent = info->persistent;
      g_object_notify_by_pspec (object, properties[PROP_PERSISTENT]);
    }
  if (self->autostart != info->autostart)
    {
      self->autostart = info->autostart;
      g_object_notify_by_pspec (object, properties[PROP_AUTOSTART]);
    }
  g_object_thaw_notify (object);
}

static GObject *
new_object (VwConnection *connection,
            gpointer      info)
{
  VwPool *self = g_object_new (VW_TYPE_POOL, NULL);

  g_weak_ref_set (&self->connection, connection);
  g_strlcpy (self->uuid, ((PoolInfo *) info)->uuid, sizeof self->uuid);
  apply_info (G_OBJECT (self), info);
  return G_OBJECT (self);
}

static void
apply_event (GObject *object,
             int      event)
{
  VwPool *self = VW_POOL (object);
  gboolean active;

  if (event == VIR_STORAGE_POOL_EVENT_STARTED)
    active = TRUE;
  else if (event == VIR_STORAGE_POOL_EVENT_STOPPED)
    active = FALSE;
  else
    return;
  if (self->active == active)
    return;
  self->active = active;
  g_object_notify_by_pspec (object, properties[PROP_ACTIVE]);
}

static int
list_all (virConnectPtr   conn,
          gpointer      **ptrs)
{
  return virConnectListAllStoragePools (conn, (virStoragePoolPtr **) ptrs, 0);
}

static void
free_ptr (gpointer ptr)
{
  virStoragePoolFree (ptr);
}

static int
ref_ptr (gpointer ptr)
{
  return virStoragePoolRef (ptr);
}

static int
get_uuid (gpointer  ptr,
          char     *buf)
{
  return virStoragePoolGetUUIDString (ptr, buf);
}

static const char *
info_uuid (gpointer info)
{
  return ((PoolInfo *) info)->uuid;
}

static int
register_events (virConnectPtr   conn,
                 gpointer        opaque,
                 virFreeCallback free_opaque)
{
  return virConnectStoragePoolEventRegisterAny (conn, NULL, VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE,
                                            VIR_STORAGE_POOL_EVENT_CALLBACK (vw_connection_lifecycle_event),
                                            opaque, free_opaque);
}

static int
deregister_events (virConnectPtr conn,
                   int           id)
{
  return virConnectStoragePoolEventDeregisterAny (conn, id);
}

const VwKind vw_pool_kind = {
  .name = "pool",
  .get_type = vw_pool_get_type,
  .list_all = list_all,
  .read_info = read_info,
  .free_ptr = free_ptr,
  .register_events = register_events,
  .deregister_events = deregister_events,
  .ref_ptr = ref_ptr,
  .get_uuid = get_uuid,
  .info_uuid = info_uuid,
  .free_info = info_free,
  .new_object = new_object,
  .apply_info = apply_info,
  .apply_event = apply_event,
};

static void
vw_pool_finalize (GObject *object)
{
  VwPool *self = VW_POOL (object);

  if (self->pool != NULL)
    virStoragePoolFree (self->pool);
  g_weak_ref_clear (&self->connection);
  g_free (self->name);

  G_OBJECT_CLASS (vw_pool_parent_class)->finalize (object);
}

static void
vw_pool_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  VwPool *self = VW_POOL (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    case PROP_PERSISTENT:
      g_value_set_boolean (value, self->persistent);
      break;
    case PROP_AUTOSTART:
      g_value_set_boolean (value, self->autostart);
      break;
    case PROP_CAPACITY:
      g_value_set_uint64 (value, self->capacity);
      break;
    case PROP_ALLOCATION:
      g_value_set_uint64 (value, self->allocation);
      break;
    case PROP_AVAILABLE:
      g_value_set_uint64 (value, self->available);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vw_pool_class_init (VwPoolClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = vw_pool_finalize;
  object_class->get_property = vw_pool_get_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_UUID] = g_param_spec_string ("uuid", NULL, NULL, NULL, flags);
  properties[PROP_ACTIVE] = g_param_spec_boolean ("active", NULL, NULL, FALSE, flags);
  properties[PROP_PERSISTENT] = g_param_spec_boolean ("persistent", NULL, NULL, FALSE, flags);
  properties[PROP_AUTOSTART] = g_param_spec_boolean ("autostart", NULL, NULL, FALSE, flags);
  /* Bytes, as libvirt reports them. */
  properties[PROP_CAPACITY] = g_param_spec_uint64 ("capacity", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_ALLOCATION] = g_param_spec_uint64 ("allocation", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_AVAILABLE] = g_param_spec_uint64 ("available", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vw_pool_init (VwPool *self)
{
  g_weak_ref_init (&self->connection, NULL);
}

const char *
vw_pool_get_name (VwPool *self)
{
  g_return_val_if_fail (VW_IS_POOL (self), NULL);
  return self->name;
}

const char *
vw_pool_get_uuid (VwPool *self)
{
  g_return_val_if_fail (VW_IS_POOL (self), NULL);
  return self->uuid;
}

gboolean
vw_pool_get_active (VwPool *self)
{
  g_return_val_if_fail (VW_IS_POOL (self), FALSE);
  return self->active;
}

gboolean
vw_pool_get_persistent (VwPool *self)
{
  g_return_val_if_fail (VW_IS_POOL (self), FALSE);
  return self->persistent;
}

gboolean
vw_pool_get_autostart (VwPool *self)
{
  g_return_val_if_fail (VW_IS_POOL (self), FALSE);
  return self->autostart;
}

guint64
vw_pool_get_capacity (VwPool *self)
{
  g_return_val_if_fail (VW_IS_POOL (self), 0);
  return self->capacity;
}

guint64
vw_pool_get_allocation (VwPool *self)
{
  g_return_val_if_fail (VW_IS_POOL (self), 0);
  return self->allocation;
}

guint64
vw_pool_get_available (VwPool *self)
{
  g_return_val_if_fail (VW_IS_POOL (self), 0);
  return self->available;
}
