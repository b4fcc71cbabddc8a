/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The progress file's format, apart from the store that keeps it in memory
 * and decides when to write. "Read" tables map an objective id to a set of
 * the anchors read (a GHashTable of strings). */
gboolean    vw_progress_format_valid_id       (const char  *objective_id);
GHashTable *vw_progress_format_new_read_table (void);
gboolean    vw_progress_format_add_read       (GHashTable  *read,
                                               const char  *objective_id,
                                               const char  *anchor);
/* @exercises: the ids of the exercises completed (a set of strings). */
gboolean    vw_progress_format_parse          (const char  *path,
                                               const char  *contents,
                                               gsize        length,
                                               GHashTable  *read,
                                               GPtrArray   *bookmarks,
                                               GHashTable  *exercises,
                                               GError     **error);
char       *vw_progress_format_write          (GHashTable  *read,
                                               GListModel  *bookmarks,
                                               GHashTable  *exercises,
                                               gsize       *length);

G_END_DECLS
