/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-pool"

#include <libvirt/libvirt.h>

#include "vw-props.h"
#include "vw-connection-private.h"
#include "vw-pool.h"
#include "vw-virt-object-private.h"
#include "vw-virt.h"
#include "vw-volume-private.h"
#include "vw-xml-read.h"

/* A libvirt storage pool as the lab sees it: what VwVirtObject has, its
 * type and target directory, its sizes, and its volumes (read with it, so
 * an operation that rereads the pool also shows its new volumes). */
struct _VwPool
{
  VwVirtObject parent_instance;

  char *pool_type;
  char *target;
  guint64 capacity;
  guint64 allocation;
  guint64 available;
  GListStore *volumes;
};

G_DEFINE_FINAL_TYPE (VwPool, vw_pool, VW_TYPE_VIRT_OBJECT)

enum {
  PROP_0,
  PROP_POOL_TYPE,
  PROP_TARGET,
  PROP_CAPACITY,
  PROP_ALLOCATION,
  PROP_AVAILABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  VwVirtObjectInfo base;
  char *pool_type;
  char *target;
  guint64 capacity;
  guint64 allocation;
  guint64 available;
  GPtrArray *volumes;   /* VwVolumeInfo, by name */
} PoolInfo;

static int
free_ptr (gpointer ptr)
{
  return virStoragePoolFree (ptr);
}

static int
ref_ptr (gpointer ptr)
{
  return virStoragePoolRef (ptr);
}

static void
info_free (gpointer data)
{
  PoolInfo *info = data;

  vw_virt_object_info_clear (&info->base, free_ptr);
  g_free (info->pool_type);
  g_free (info->target);
  g_ptr_array_unref (info->volumes);
  g_free (info);
}

static int
compare_volume_infos (gconstpointer a,
                      gconstpointer b)
{
  const VwVolumeInfo *x = *(VwVolumeInfo * const *) a;
  const VwVolumeInfo *y = *(VwVolumeInfo * const *) b;

  return g_strcmp0 (x->name, y->name);
}

static void
read_volumes (PoolInfo          *info,
              virStoragePoolPtr  pool)
{
  virStorageVolPtr *vols = NULL;
  int n = virStoragePoolListAllVolumes (pool, &vols, 0);

  for (int i = 0; i < n; i++)
    {
      g_ptr_array_add (info->volumes, vw_volume_info_read (vols[i]));
      virStorageVolFree (vols[i]);
    }
  free (vols);
  g_ptr_array_sort (info->volumes, compare_volume_infos);
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
  char *xml;

  if (active < 0 || virStoragePoolGetInfo (pool, &raw) < 0)
    {
      vw_virt_set_error (error, NULL);
      return NULL;
    }

  info = g_new0 (PoolInfo, 1);
  info->volumes = g_ptr_array_new_with_free_func ((GDestroyNotify) vw_volume_info_free);
  virStoragePoolRef (pool);
  info->base.ptr = pool;
  info->base.name = g_strdup (virStoragePoolGetName (pool));
  virStoragePoolGetUUIDString (pool, info->base.uuid);
  info->base.active = active == 1;
  info->base.persistent = virStoragePoolIsPersistent (pool) == 1;
  if (virStoragePoolGetAutostart (pool, &autostart) == 0)
    info->base.autostart = autostart != 0;
  info->capacity = raw.capacity;
  info->allocation = raw.allocation;
  info->available = raw.available;

  xml = virStoragePoolGetXMLDesc (pool, 0);
  if (xml != NULL)
    {
      g_autoptr(VwXmlRead) doc = vw_xml_read_new (xml);

      if (doc != NULL)
        {
          info->pool_type = vw_xml_read_string (doc, "/pool/@type");
          info->target = vw_xml_read_string (doc, "/pool/target/path");
        }
      free (xml);
    }
  if (info->base.active)
    read_volumes (info, pool);
  virResetLastError ();
  return info;
}

static VwVolume *
find_volume (GListModel *model,
             const char *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(VwVolume) volume = g_list_model_get_item (model, i);

      if (g_strcmp0 (vw_volume_get_name (volume), name) == 0)
        return volume;
    }
  return NULL;
}

/* Keeps the objects of volumes that are still there, so that a selected
 * volume stays selected, and replaces the list only when its members
 * change. */
static void
apply_volumes (VwPool    *self,
               GPtrArray *infos)
{
  GListModel *model = G_LIST_MODEL (self->volumes);
  g_autoptr(GPtrArray) next = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_items = g_list_model_get_n_items (model);
  gboolean same = n_items == infos->len;

  for (guint i = 0; i < infos->len; i++)
    {
      VwVolumeInfo *info = infos->pdata[i];
      VwVolume *volume = find_volume (model, info->name);

      if (volume != NULL)
        {
          vw_volume_apply (volume, info);
          g_ptr_array_add (next, g_object_ref (volume));
        }
      else
        g_ptr_array_add (next, vw_volume_new (self, info));
      if (same)
        {
          g_autoptr(GObject) current = g_list_model_get_item (model, i);

          same = current == next->pdata[i];
        }
    }
  if (!same)
    g_list_store_splice (self->volumes, 0, n_items, next->pdata, next->len);
}

static void
apply_info (GObject  *object,
            gpointer  data)
{
  VwPool *self = VW_POOL (object);
  PoolInfo *info = data;

  g_object_freeze_notify (object);
  vw_virt_object_apply_info (VW_VIRT_OBJECT (self), &info->base);
  vw_props_set_string (G_OBJECT (self), &self->pool_type, info->pool_type, properties[PROP_POOL_TYPE]);
  vw_props_set_string (G_OBJECT (self), &self->target, info->target, properties[PROP_TARGET]);
  vw_props_set_u64 (G_OBJECT (self), &self->capacity, info->capacity, properties[PROP_CAPACITY]);
  vw_props_set_u64 (G_OBJECT (self), &self->allocation, info->allocation, properties[PROP_ALLOCATION]);
  vw_props_set_u64 (G_OBJECT (self), &self->available, info->available, properties[PROP_AVAILABLE]);
  apply_volumes (self, info->volumes);
  g_object_thaw_notify (object);
}

static GObject *
new_object (VwConnection *connection,
            gpointer      data)
{
  VwPool *self = g_object_new (VW_TYPE_POOL, NULL);
  PoolInfo *info = data;

  vw_virt_object_setup (VW_VIRT_OBJECT (self), connection, &info->base);
  self->pool_type = g_strdup (info->pool_type);
  self->target = g_strdup (info->target);
  self->capacity = info->capacity;
  self->allocation = info->allocation;
  self->available = info->available;
  apply_volumes (self, info->volumes);
  return G_OBJECT (self);
}

static void
apply_event (GObject *object,
             int      event)
{
  if (event == VIR_STORAGE_POOL_EVENT_STARTED || event == VIR_STORAGE_POOL_EVENT_STOPPED)
    vw_virt_object_set_active (VW_VIRT_OBJECT (object), event == VIR_STORAGE_POOL_EVENT_STARTED);
}

static int
list_all (virConnectPtr   conn,
          gpointer      **ptrs)
{
  return virConnectListAllStoragePools (conn, (virStoragePoolPtr **) ptrs, 0);
}

static void
kind_free_ptr (gpointer ptr)
{
  virStoragePoolFree (ptr);
}

static int
get_uuid (gpointer  ptr,
          char     *buf)
{
  return virStoragePoolGetUUIDString (ptr, buf);
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
register_refresh_events (virConnectPtr   conn,
                         gpointer        opaque,
                         virFreeCallback free_opaque)
{
  return virConnectStoragePoolEventRegisterAny (conn, NULL, VIR_STORAGE_POOL_EVENT_ID_REFRESH,
                                                VIR_STORAGE_POOL_EVENT_CALLBACK (vw_connection_reread_event),
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
  .free_ptr = kind_free_ptr,
  .register_events = register_events,
  .deregister_events = deregister_events,
  .register_more_events = register_refresh_events,
  .ref_ptr = ref_ptr,
  .get_uuid = get_uuid,
  .info_uuid = vw_virt_object_info_uuid,
  .free_info = info_free,
  .new_object = new_object,
  .apply_info = apply_info,
  .apply_event = apply_event,
  .sort_key = vw_virt_object_info_sort_key,
};

static void
vw_pool_finalize (GObject *object)
{
  VwPool *self = VW_POOL (object);

  g_free (self->pool_type);
  g_free (self->target);
  g_clear_object (&self->volumes);

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
    case PROP_POOL_TYPE:
      g_value_set_string (value, self->pool_type);
      break;
    case PROP_TARGET:
      g_value_set_string (value, self->target);
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
  VwVirtObjectClass *virt_class = VW_VIRT_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = vw_pool_finalize;
  object_class->get_property = vw_pool_get_property;
  virt_class->kind = VW_KIND_POOL;
  virt_class->ref_ptr = ref_ptr;
  virt_class->free_ptr = free_ptr;

  properties[PROP_POOL_TYPE] = g_param_spec_string ("pool-type", NULL, NULL, NULL, flags);
  properties[PROP_TARGET] = g_param_spec_string ("target", NULL, NULL, NULL, flags);
  properties[PROP_CAPACITY] = g_param_spec_uint64 ("capacity", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_ALLOCATION] = g_param_spec_uint64 ("allocation", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_AVAILABLE] = g_param_spec_uint64 ("available", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vw_pool_init (VwPool *self)
{
  self->volumes = g_list_store_new (VW_TYPE_VOLUME);
}

const char *
vw_pool_get_name (VwPool *self)
{
  return vw_virt_object_get_name (VW_VIRT_OBJECT (self));
}

/* "dir", "logical", "netfs", … */
const char *
vw_pool_get_pool_type (VwPool *self)
{
  g_return_val_if_fail (VW_IS_POOL (self), NULL);
  return self->pool_type;
}

const char *
vw_pool_get_target (VwPool *self)
{
  g_return_val_if_fail (VW_IS_POOL (self), NULL);
  return self->target;
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

/**
 * vw_pool_get_volumes:
 *
 * Returns: (transfer none): the pool's VwVolume objects by name; empty
 *   while the pool is stopped, since libvirt lists no volumes then
 */
GListModel *
vw_pool_get_volumes (VwPool *self)
{
  g_return_val_if_fail (VW_IS_POOL (self), NULL);
  return G_LIST_MODEL (self->volumes);
}

/* Returns: (transfer none) (nullable) */
VwVolume *
vw_pool_find_volume (VwPool     *self,
                     const char *name)
{
  g_return_val_if_fail (VW_IS_POOL (self), NULL);
  return find_volume (G_LIST_MODEL (self->volumes), name);
}
