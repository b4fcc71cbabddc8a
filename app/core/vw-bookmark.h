/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define VW_TYPE_BOOKMARK (vw_bookmark_get_type ())
G_DECLARE_FINAL_TYPE (VwBookmark, vw_bookmark, VW, BOOKMARK, GObject)

const char *vw_bookmark_get_objective (VwBookmark *self);
const char *vw_bookmark_get_anchor    (VwBookmark *self);
guint       vw_bookmark_get_offset    (VwBookmark *self);
const char *vw_bookmark_get_note      (VwBookmark *self);
GDateTime  *vw_bookmark_get_created   (VwBookmark *self);
int         vw_bookmark_compare       (VwBookmark *a,
                                       VwBookmark *b);

int         vw_objective_id_compare   (const char *a,
                                       const char *b);

G_END_DECLS
