/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-topic"

#include <string.h>

#include "vw-topic.h"

/* One exam objective, such as 351.4, with what the exam says about it. */
struct _VwTopic
{
  GObject parent_instance;

  char *id;
  char *group;
  char *title;
  char *group_title;
  guint weight;
  GStrv areas;
  GStrv cited;
};

G_DEFINE_FINAL_TYPE (VwTopic, vw_topic, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_GROUP_TITLE,
  PROP_WEIGHT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
vw_topic_finalize (GObject *object)
{
  VwTopic *self = VW_TOPIC (object);

  g_free (self->id);
  g_free (self->group);
  g_free (self->title);
  g_free (self->group_title);
  g_strfreev (self->areas);
  g_strfreev (self->cited);

  G_OBJECT_CLASS (vw_topic_parent_class)->finalize (object);
}

static void
vw_topic_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  VwTopic *self = VW_TOPIC (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_GROUP_TITLE:
      g_value_set_string (value, self->group_title);
      break;
    case PROP_WEIGHT:
      g_value_set_uint (value, self->weight);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vw_topic_class_init (VwTopicClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vw_topic_finalize;
  object_class->get_property = vw_topic_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_GROUP_TITLE] =
    g_param_spec_string ("group-title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_WEIGHT] =
    g_param_spec_uint ("weight", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vw_topic_init (VwTopic *self)
{
}

VwTopic *
vw_topic_new (const char         *id,
              const char         *title,
              const char         *group_title,
              guint               weight,
              const char * const *areas,
              const char * const *cited)
{
  VwTopic *self;
  const char *dot;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (VW_TYPE_TOPIC, NULL);
  self->id = g_strdup (id);
  dot = strchr (id, '.');
  self->group = dot != NULL ? g_strndup (id, dot - id) : g_strdup (id);
  self->title = g_strdup (title);
  self->group_title = g_strdup (group_title);
  self->weight = weight;
  self->areas = g_strdupv ((char **) areas);
  self->cited = g_strdupv ((char **) cited);
  if (self->areas == NULL)
    self->areas = g_new0 (char *, 1);
  if (self->cited == NULL)
    self->cited = g_new0 (char *, 1);

  return self;
}

const char *
vw_topic_get_id (VwTopic *self)
{
  g_return_val_if_fail (VW_IS_TOPIC (self), NULL);
  return self->id;
}

const char *
vw_topic_get_title (VwTopic *self)
{
  g_return_val_if_fail (VW_IS_TOPIC (self), NULL);
  return self->title;
}

/* The exam topic the objective belongs to: "351" for 351.4. */
const char *
vw_topic_get_group (VwTopic *self)
{
  g_return_val_if_fail (VW_IS_TOPIC (self), NULL);
  return self->group;
}

const char *
vw_topic_get_group_title (VwTopic *self)
{
  g_return_val_if_fail (VW_IS_TOPIC (self), NULL);
  return self->group_title;
}

guint
vw_topic_get_weight (VwTopic *self)
{
  g_return_val_if_fail (VW_IS_TOPIC (self), 0);
  return self->weight;
}

const char * const *
vw_topic_get_areas (VwTopic *self)
{
  g_return_val_if_fail (VW_IS_TOPIC (self), NULL);
  return (const char * const *) self->areas;
}

const char * const *
vw_topic_get_cited (VwTopic *self)
{
  g_return_val_if_fail (VW_IS_TOPIC (self), NULL);
  return (const char * const *) self->cited;
}
