/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "vw-bookmark.h"

G_BEGIN_DECLS

/* Only VwProgress makes and changes bookmarks, so that every change is
 * saved. */
VwBookmark *vw_bookmark_new      (const char *objective,
                                  const char *anchor,
                                  guint       offset,
                                  const char *note,
                                  GDateTime  *created);
gboolean    vw_bookmark_set_note (VwBookmark *self,
                                  const char *note);

G_END_DECLS
