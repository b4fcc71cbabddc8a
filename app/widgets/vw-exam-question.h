/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "vw-exam.h"

G_BEGIN_DECLS

#define VW_TYPE_EXAM_QUESTION (vw_exam_question_get_type ())

G_DECLARE_FINAL_TYPE (VwExamQuestion, vw_exam_question, VW, EXAM_QUESTION, GtkWidget)

GtkWidget   *vw_exam_question_new           (void);
void         vw_exam_question_set           (VwExamQuestion *self,
                                             VwExamSession  *session,
                                             guint           index,
                                             gboolean        feedback);
guint        vw_exam_question_get_n_options (VwExamQuestion *self);
void         vw_exam_question_toggle_option (VwExamQuestion *self,
                                             guint           index);
GtkEditable *vw_exam_question_get_entry     (VwExamQuestion *self);

G_END_DECLS
