/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "vw-topic.h"

G_BEGIN_DECLS

GListModel *vw_topic_list_load         (const char  *path,
                                        GError     **error);
GListModel *vw_topic_list_load_default (GError     **error);
VwTopic    *vw_topic_list_find         (GListModel  *topics,
                                        const char  *id,
                                        guint       *position);
guint       vw_topic_list_total_weight (GListModel  *topics);
GStrv       vw_topic_list_ids          (GListModel  *topics);

G_END_DECLS
