/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-snapshot"

#include "vw-snapshot.h"

/* An immutable snapshot record: the list is read again as a whole after
 * any change, so a snapshot object never changes. */
struct _VwSnapshot
{
  GObject parent_instance;

  VwSnapshotInfo info;
};

G_DEFINE_FINAL_TYPE (VwSnapshot, vw_snapshot, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_CURRENT,
  PROP_DEPTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
vw_snapshot_info_free (VwSnapshotInfo *info)
{
  g_free (info->name);
  g_free (info->parent);
  g_free (info->description);
  g_free (info->state);
  g_free (info);
}

VwSnapshot *
vw_snapshot_new (const VwSnapshotInfo *info)
{
  VwSnapshot *self = g_object_new (VW_TYPE_SNAPSHOT, NULL);

  self->info = *info;
  self->info.name = g_strdup (info->name);
  self->info.parent = g_strdup (info->parent);
  self->info.description = g_strdup (info->description);
  self->info.state = g_strdup (info->state);
  return self;
}

static void
vw_snapshot_finalize (GObject *object)
{
  VwSnapshot *self = VW_SNAPSHOT (object);

  g_free (self->info.name);
  g_free (self->info.parent);
  g_free (self->info.description);
  g_free (self->info.state);

  G_OBJECT_CLASS (vw_snapshot_parent_class)->finalize (object);
}

static void
vw_snapshot_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  VwSnapshot *self = VW_SNAPSHOT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->info.name);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->info.description);
      break;
    case PROP_CURRENT:
      g_value_set_boolean (value, self->info.current);
      break;
    case PROP_DEPTH:
      g_value_set_uint (value, self->info.depth);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vw_snapshot_class_init (VwSnapshotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = vw_snapshot_finalize;
  object_class->get_property = vw_snapshot_get_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_CURRENT] = g_param_spec_boolean ("current", NULL, NULL, FALSE, flags);
  properties[PROP_DEPTH] = g_param_spec_uint ("depth", NULL, NULL, 0, G_MAXUINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vw_snapshot_init (VwSnapshot *self)
{
}

const char *
vw_snapshot_get_name (VwSnapshot *self)
{
  return self->info.name;
}

const char *
vw_snapshot_get_parent (VwSnapshot *self)
{
  return self->info.parent;
}

const char *
vw_snapshot_get_description (VwSnapshot *self)
{
  return self->info.description;
}

const char *
vw_snapshot_get_state (VwSnapshot *self)
{
  return self->info.state;
}

gint64
vw_snapshot_get_created (VwSnapshot *self)
{
  return self->info.created;
}

gboolean
vw_snapshot_get_current (VwSnapshot *self)
{
  return self->info.current;
}

gboolean
vw_snapshot_get_external (VwSnapshot *self)
{
  return self->info.external;
}

guint
vw_snapshot_get_depth (VwSnapshot *self)
{
  return self->info.depth;
}

guint
vw_snapshot_get_n_children (VwSnapshot *self)
{
  return self->info.n_children;
}
