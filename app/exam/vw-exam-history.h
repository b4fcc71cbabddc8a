/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "vw-exam.h"

G_BEGIN_DECLS

/* One finished mock exam. */
typedef struct
{
  gint64 time;          /* when it was submitted, seconds since 1970 */
  guint score;
  guint correct;
  guint total;
  GPtrArray *objectives;  /* VwExamObjectiveResult * */
} VwExamAttempt;

#define VW_TYPE_EXAM_HISTORY (vw_exam_history_get_type ())

G_DECLARE_FINAL_TYPE (VwExamHistory, vw_exam_history, VW, EXAM_HISTORY, GObject)

VwExamHistory       *vw_exam_history_new       (const char     *path);
/* A damaged file is moved to PATH.corrupt and the history starts empty,
 * with @error saying so. */
gboolean             vw_exam_history_load      (VwExamHistory  *self,
                                                GError        **error);
/* Adds the attempt and writes the file at once (atomically). */
gboolean             vw_exam_history_add       (VwExamHistory  *self,
                                                gint64          time,
                                                VwExamResult   *result,
                                                GError        **error);
guint                vw_exam_history_get_n     (VwExamHistory  *self);
const VwExamAttempt *vw_exam_history_get       (VwExamHistory  *self,
                                                guint           index);
/* Of all attempts, the share of @objective's questions answered right;
 * a negative value when none was asked. */
double               vw_exam_history_strength  (VwExamHistory  *self,
                                                const char     *objective);

G_END_DECLS
