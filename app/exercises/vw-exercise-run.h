/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "vw-connection.h"
#include "vw-exercise.h"

G_BEGIN_DECLS

#define VW_TYPE_EXERCISE_RUN (vw_exercise_run_get_type ())

G_DECLARE_FINAL_TYPE (VwExerciseRun, vw_exercise_run, VW, EXERCISE_RUN, GObject)

/* An exercise followed on a connection: its steps are checked off the
 * main thread whenever libvirt reports a change or the lab makes one. */
VwExerciseRun *vw_exercise_run_new          (VwExercise     *exercise,
                                             VwConnection   *connection);
VwExercise    *vw_exercise_run_get_exercise (VwExerciseRun  *self);
VwConnection  *vw_exercise_run_get_connection (VwExerciseRun *self);
/* Whether the exercise fits the connection (sandbox, QEMU). */
gboolean       vw_exercise_run_get_fits     (VwExerciseRun  *self);
gboolean       vw_exercise_run_get_step_done (VwExerciseRun *self,
                                             guint           step);
guint          vw_exercise_run_get_n_done   (VwExerciseRun  *self);
gboolean       vw_exercise_run_get_complete (VwExerciseRun  *self);
/* Why the steps could not be checked (a lost daemon…), or %NULL. */
const char    *vw_exercise_run_get_error    (VwExerciseRun  *self);
/* How many evaluations have finished. */
guint          vw_exercise_run_get_n_evaluations (VwExerciseRun *self);
/* Checks again now (the window came back to the front, after virsh). */
void           vw_exercise_run_refresh      (VwExerciseRun  *self);
void           vw_exercise_run_stop         (VwExerciseRun  *self);

gboolean       vw_exercise_fits_connection  (VwExercise     *exercise,
                                             VwConnection   *connection);

G_END_DECLS
