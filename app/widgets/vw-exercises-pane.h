/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "vw-connection.h"
#include "vw-exercise-catalog.h"
#include "vw-exercise-run.h"
#include "vw-progress.h"

G_BEGIN_DECLS

#define VW_TYPE_EXERCISES_PANE (vw_exercises_pane_get_type ())

G_DECLARE_FINAL_TYPE (VwExercisesPane, vw_exercises_pane, VW, EXERCISES_PANE, GtkWidget)

void           vw_exercises_pane_set_catalog    (VwExercisesPane   *self,
                                                 VwExerciseCatalog *catalog,
                                                 VwProgress        *progress);
void           vw_exercises_pane_set_objective  (VwExercisesPane   *self,
                                                 const char        *objective);
void           vw_exercises_pane_set_connection (VwExercisesPane   *self,
                                                 VwConnection      *connection);
gboolean       vw_exercises_pane_show_exercise  (VwExercisesPane   *self,
                                                 const char        *id);
VwExerciseRun *vw_exercises_pane_get_run        (VwExercisesPane   *self);
guint          vw_exercises_pane_get_n_listed   (VwExercisesPane   *self);

G_END_DECLS
