/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "vw-exercise.h"

G_BEGIN_DECLS

#define VW_TYPE_EXERCISE_CATALOG (vw_exercise_catalog_get_type ())

G_DECLARE_FINAL_TYPE (VwExerciseCatalog, vw_exercise_catalog, VW, EXERCISE_CATALOG, GObject)

/* Every exercise file of @dir (*.exercise.xml), in file-name order. A
 * file that is refused leaves a message ("FILE:LINE: …") and the others
 * still load. */
VwExerciseCatalog  *vw_exercise_catalog_load          (const char         *dir,
                                                       const char         *data_dir,
                                                       const char * const *objective_ids,
                                                       gboolean            translate);
/* The installed exercises, for the exam's objectives. */
VwExerciseCatalog  *vw_exercise_catalog_load_default  (const char * const *objective_ids);
GListModel         *vw_exercise_catalog_get_exercises (VwExerciseCatalog  *self);
const char * const *vw_exercise_catalog_get_errors    (VwExerciseCatalog  *self);
VwExercise         *vw_exercise_catalog_lookup        (VwExerciseCatalog  *self,
                                                       const char         *id);
/* Returns: (transfer full): the exercises of @objective, in order */
GListModel         *vw_exercise_catalog_for_objective (VwExerciseCatalog  *self,
                                                       const char         *objective);
/* The first exercise of @objective whose solutions use @subcommand. */
VwExercise         *vw_exercise_catalog_find_command  (VwExerciseCatalog  *self,
                                                       const char         *objective,
                                                       const char         *subcommand);

G_END_DECLS
