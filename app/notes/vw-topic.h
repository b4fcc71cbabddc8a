/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define VW_TYPE_TOPIC (vw_topic_get_type ())

G_DECLARE_FINAL_TYPE (VwTopic, vw_topic, VW, TOPIC, GObject)

VwTopic            *vw_topic_new             (const char         *id,
                                              const char         *title,
                                              const char         *group_title,
                                              guint               weight,
                                              const char * const *areas,
                                              const char * const *cited);
const char         *vw_topic_get_id          (VwTopic *self);
const char         *vw_topic_get_title       (VwTopic *self);
const char         *vw_topic_get_group       (VwTopic *self);
const char         *vw_topic_get_group_title (VwTopic *self);
guint               vw_topic_get_weight      (VwTopic *self);
const char * const *vw_topic_get_areas       (VwTopic *self);
const char * const *vw_topic_get_cited       (VwTopic *self);

G_END_DECLS
