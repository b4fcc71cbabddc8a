/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "vw-lab-check.h"

G_BEGIN_DECLS

/* The connections an exercise fits: the sandbox (the test driver on its
 * starting node) and any QEMU connection (its objects are its own). */
typedef enum {
  VW_EXERCISE_FITS_SANDBOX = 1 << 0,
  VW_EXERCISE_FITS_QEMU = 1 << 1,
} VwExerciseFits;

/* A file the learner writes before a step, such as a network's XML for
 * `virsh net-define study.xml`. */
typedef struct
{
  char *name;
  char *contents;
} VwExerciseFile;

typedef struct
{
  char *task;
  char *hint;
  GPtrArray *solutions;   /* char *, each a virsh command line */
  GPtrArray *conditions;  /* VwCondition *, all must hold */
  int line;
} VwExerciseStep;

#define VW_TYPE_EXERCISE (vw_exercise_get_type ())

G_DECLARE_FINAL_TYPE (VwExercise, vw_exercise, VW, EXERCISE, GObject)

const char           *vw_exercise_get_id         (VwExercise   *self);
const char           *vw_exercise_get_objective  (VwExercise   *self);
const char           *vw_exercise_get_title      (VwExercise   *self);
const char           *vw_exercise_get_goal       (VwExercise   *self);
const char           *vw_exercise_get_path       (VwExercise   *self);
/* The node file the sandbox is reset to for this exercise. */
const char           *vw_exercise_get_start      (VwExercise   *self);
VwExerciseFits        vw_exercise_get_fits       (VwExercise   *self);
guint                 vw_exercise_get_n_steps    (VwExercise   *self);
const VwExerciseStep *vw_exercise_get_step       (VwExercise   *self,
                                                  guint         index);
guint                 vw_exercise_get_n_files    (VwExercise   *self);
const VwExerciseFile *vw_exercise_get_file       (VwExercise   *self,
                                                  guint         index);
/* Whether the exercise uses @subcommand (a virsh subcommand). */
gboolean              vw_exercise_uses_command   (VwExercise   *self,
                                                  const char   *subcommand);

/* Evaluates every step on @reader (blocking: a worker thread).
 * Returns: (transfer full): one gboolean per step, or %NULL on error */
GArray               *vw_exercise_evaluate       (VwExercise   *self,
                                                  VwLabReader  *reader,
                                                  GError      **error);

G_END_DECLS
