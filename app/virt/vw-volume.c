/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-volume"

#include "vw-props.h"
#include "vw-pool.h"
#include "vw-virt.h"
#include "vw-volume-private.h"
#include "vw-xml-read.h"

/* A storage volume: a disk image in a pool. Its pool reads its volumes
 * with itself and keeps these objects up to date. */
struct _VwVolume
{
  GObject parent_instance;

  GWeakRef pool;
  char *name;
  char *path;
  char *format;
  char *backing;
  guint64 capacity;
  guint64 allocation;
};

G_DEFINE_FINAL_TYPE (VwVolume, vw_volume, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_PATH,
  PROP_FORMAT,
  PROP_BACKING,
  PROP_CAPACITY,
  PROP_ALLOCATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Worker thread. */
VwVolumeInfo *
vw_volume_info_read (virStorageVolPtr vol)
{
  VwVolumeInfo *info = g_new0 (VwVolumeInfo, 1);
  char *xml = virStorageVolGetXMLDesc (vol, 0);
  char *path = virStorageVolGetPath (vol);
  virStorageVolInfo raw;
  g_autoptr(VwXmlRead) doc = vw_xml_read_new (xml);

  info->name = g_strdup (virStorageVolGetName (vol));
  info->path = g_strdup (path);
  if (virStorageVolGetInfo (vol, &raw) == 0)
    {
      info->capacity = raw.capacity;
      info->allocation = raw.allocation;
    }
  if (doc != NULL)
    {
      info->format = vw_xml_read_string (doc, "/volume/target/format/@type");
      info->backing = vw_xml_read_string (doc, "/volume/backingStore/path");
    }
  free (xml);
  free (path);
  virResetLastError ();
  return info;
}

void
vw_volume_info_free (VwVolumeInfo *info)
{
  g_free (info->name);
  g_free (info->path);
  g_free (info->format);
  g_free (info->backing);
  g_free (info);
}

VwVolume *
vw_volume_new (VwPool       *pool,
               VwVolumeInfo *info)
{
  VwVolume *self = g_object_new (VW_TYPE_VOLUME, NULL);

  g_weak_ref_set (&self->pool, pool);
  self->name = g_strdup (info->name);
  self->path = g_strdup (info->path);
  self->format = g_strdup (info->format);
  self->backing = g_strdup (info->backing);
  self->capacity = info->capacity;
  self->allocation = info->allocation;
  return self;
}

void
vw_volume_apply (VwVolume     *self,
                 VwVolumeInfo *info)
{
  g_object_freeze_notify (G_OBJECT (self));
  vw_props_set_string (G_OBJECT (self), &self->path, info->path, properties[PROP_PATH]);
  vw_props_set_string (G_OBJECT (self), &self->format, info->format, properties[PROP_FORMAT]);
  vw_props_set_string (G_OBJECT (self), &self->backing, info->backing, properties[PROP_BACKING]);
  vw_props_set_u64 (G_OBJECT (self), &self->capacity, info->capacity, properties[PROP_CAPACITY]);
  vw_props_set_u64 (G_OBJECT (self), &self->allocation, info->allocation, properties[PROP_ALLOCATION]);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
vw_volume_finalize (GObject *object)
{
  VwVolume *self = VW_VOLUME (object);

  g_weak_ref_clear (&self->pool);
  g_free (self->name);
  g_free (self->path);
  g_free (self->format);
  g_free (self->backing);

  G_OBJECT_CLASS (vw_volume_parent_class)->finalize (object);
}

static void
vw_volume_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  VwVolume *self = VW_VOLUME (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_FORMAT:
      g_value_set_string (value, self->format);
      break;
    case PROP_BACKING:
      g_value_set_string (value, self->backing);
      break;
    case PROP_CAPACITY:
      g_value_set_uint64 (value, self->capacity);
      break;
    case PROP_ALLOCATION:
      g_value_set_uint64 (value, self->allocation);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vw_volume_class_init (VwVolumeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = vw_volume_finalize;
  object_class->get_property = vw_volume_get_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL, flags);
  properties[PROP_FORMAT] = g_param_spec_string ("format", NULL, NULL, NULL, flags);
  properties[PROP_BACKING] = g_param_spec_string ("backing", NULL, NULL, NULL, flags);
  properties[PROP_CAPACITY] = g_param_spec_uint64 ("capacity", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_ALLOCATION] = g_param_spec_uint64 ("allocation", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vw_volume_init (VwVolume *self)
{
  g_weak_ref_init (&self->pool, NULL);
}

const char *
vw_volume_get_name (VwVolume *self)
{
  g_return_val_if_fail (VW_IS_VOLUME (self), NULL);
  return self->name;
}

const char *
vw_volume_get_path (VwVolume *self)
{
  g_return_val_if_fail (VW_IS_VOLUME (self), NULL);
  return self->path;
}

const char *
vw_volume_get_format (VwVolume *self)
{
  g_return_val_if_fail (VW_IS_VOLUME (self), NULL);
  return self->format;
}

/* The path of the image this one is an overlay on, or %NULL. */
const char *
vw_volume_get_backing (VwVolume *self)
{
  g_return_val_if_fail (VW_IS_VOLUME (self), NULL);
  return self->backing;
}

guint64
vw_volume_get_capacity (VwVolume *self)
{
  g_return_val_if_fail (VW_IS_VOLUME (self), 0);
  return self->capacity;
}

guint64
vw_volume_get_allocation (VwVolume *self)
{
  g_return_val_if_fail (VW_IS_VOLUME (self), 0);
  return self->allocation;
}

/**
 * vw_volume_dup_pool:
 *
 * Returns: (transfer full) (nullable): the pool the volume is in
 */
VwPool *
vw_volume_dup_pool (VwVolume *self)
{
  g_return_val_if_fail (VW_IS_VOLUME (self), NULL);
  return g_weak_ref_get (&self->pool);
}
