/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "vw-exercise.h"

G_BEGIN_DECLS

/* Filled in by the parser (vw-exercise-parse.c). */
struct _VwExercise
{
  GObject parent_instance;

  char *id;
  char *objective;
  char *title;
  char *goal;
  char *path;
  char *start;
  VwExerciseFits fits;
  GPtrArray *steps;   /* VwExerciseStep * */
  GPtrArray *files;   /* VwExerciseFile * */
};

VwExercise *vw_exercise_new_empty  (const char *path);
void        vw_exercise_step_free  (gpointer    step);
void        vw_exercise_file_free  (gpointer    file);

G_END_DECLS
