/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "vw-topic.h"

G_BEGIN_DECLS

#define VW_TYPE_TOPIC_ROW (vw_topic_row_get_type ())

G_DECLARE_FINAL_TYPE (VwTopicRow, vw_topic_row, VW, TOPIC_ROW, GtkListBoxRow)

GtkWidget *vw_topic_row_new       (VwTopic    *topic);
VwTopic   *vw_topic_row_get_topic (VwTopicRow *self);

void        vw_topic_row_set_read_fraction (VwTopicRow *self,
                                            double      fraction);
double      vw_topic_row_get_read_fraction (VwTopicRow *self);

G_END_DECLS
