/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "vw-exercise.h"

G_BEGIN_DECLS

/* What a file is checked against: the exam's objective ids and the data
 * folder holding the starting nodes (lab/sandbox.xml, exercises/start/). */
typedef struct _VwExerciseContext VwExerciseContext;

VwExerciseContext *vw_exercise_context_new   (const char * const *objective_ids,
                                              const char         *data_dir);
void               vw_exercise_context_free  (VwExerciseContext  *context);

/* Reads one exercise file. Translatable text is looked up in the
 * application's gettext catalogue when @translate is set.
 * Returns: (transfer full) (nullable): the exercise, or %NULL with @error
 *   set to "FILE:LINE: what is wrong" */
VwExercise        *vw_exercise_parse_file    (VwExerciseContext  *context,
                                              const char         *path,
                                              gboolean            translate,
                                              GError            **error);

/* The text xgettext extracts for an element: whitespace runs collapsed
 * to one space, the ends trimmed, & < > as entities. */
char              *vw_exercise_msgid         (const char         *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VwExerciseContext, vw_exercise_context_free)

G_END_DECLS
