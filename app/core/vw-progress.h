/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "vw-bookmark.h"

G_BEGIN_DECLS

#define VW_PROGRESS_ERROR (vw_progress_error_quark ())

typedef enum {
  VW_PROGRESS_ERROR_CORRUPT,
} VwProgressError;

GQuark vw_progress_error_quark (void);

#define VW_TYPE_PROGRESS (vw_progress_get_type ())
G_DECLARE_FINAL_TYPE (VwProgress, vw_progress, VW, PROGRESS, GObject)

/* One exam objective for vw_progress_overall_fraction(): its id, its exam
 * weight and the anchors of all its sections (NULL-terminated). */
typedef struct
{
  const char         *objective_id;
  double              weight;
  const char * const *anchors;
} VwProgressObjective;

VwProgress  *vw_progress_new                (const char                *path);
const char  *vw_progress_get_path           (VwProgress                *self);
gboolean     vw_progress_load               (VwProgress                *self,
                                             GError                   **error);
gboolean     vw_progress_save               (VwProgress                *self,
                                             GError                   **error);
gboolean     vw_progress_flush              (VwProgress                *self,
                                             GError                   **error);

gboolean     vw_progress_mark_read          (VwProgress                *self,
                                             const char                *objective_id,
                                             const char                *anchor);
gboolean     vw_progress_is_read            (VwProgress                *self,
                                             const char                *objective_id,
                                             const char                *anchor);
GStrv        vw_progress_get_read           (VwProgress                *self,
                                             const char                *objective_id);
gboolean     vw_progress_reset_objective    (VwProgress                *self,
                                             const char                *objective_id);

gboolean     vw_progress_set_exercise_done  (VwProgress                *self,
                                             const char                *exercise_id);
gboolean     vw_progress_is_exercise_done   (VwProgress                *self,
                                             const char                *exercise_id);
guint        vw_progress_get_n_exercises_done (VwProgress              *self);

double       vw_progress_objective_fraction (VwProgress                *self,
                                             const char                *objective_id,
                                             const char * const        *all_anchors);
double       vw_progress_overall_fraction   (VwProgress                *self,
                                             const VwProgressObjective *objectives,
                                             gsize                      n_objectives);

VwBookmark  *vw_progress_add_bookmark       (VwProgress                *self,
                                             const char                *objective_id,
                                             const char                *anchor,
                                             guint                      offset,
                                             const char                *note);
gboolean     vw_progress_remove_bookmark    (VwProgress                *self,
                                             VwBookmark                *bookmark);
gboolean     vw_progress_set_bookmark_note  (VwProgress                *self,
                                             VwBookmark                *bookmark,
                                             const char                *note);
GListModel  *vw_progress_get_bookmarks      (VwProgress                *self);

G_END_DECLS
