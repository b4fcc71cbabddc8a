/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "vw-exam-history.h"
#include "vw-exam-question.h"
#include "vw-exam.h"
#include "vw-question-bank.h"

G_BEGIN_DECLS

#define VW_TYPE_EXAM_PAGE (vw_exam_page_get_type ())

G_DECLARE_FINAL_TYPE (VwExamPage, vw_exam_page, VW, EXAM_PAGE, GtkWidget)

void            vw_exam_page_setup            (VwExamPage     *self,
                                               GListModel     *topics,
                                               VwQuestionBank *bank,
                                               VwExamHistory  *history,
                                               const char     *session_path);
void            vw_exam_page_set_bank         (VwExamPage     *self,
                                               VwQuestionBank *bank);
VwQuestionBank *vw_exam_page_get_bank         (VwExamPage     *self);
void            vw_exam_page_select_objective (VwExamPage     *self,
                                               const char     *objective);
gboolean        vw_exam_page_start            (VwExamPage     *self,
                                               guint32         seed);
gboolean        vw_exam_page_resume           (VwExamPage     *self);
gboolean        vw_exam_page_practise         (VwExamPage     *self,
                                               const char     *objective);
VwExamSession  *vw_exam_page_get_session      (VwExamPage     *self);
VwExamQuestion *vw_exam_page_get_question     (VwExamPage     *self);
/* "home", "question" or "results". */
const char     *vw_exam_page_get_view         (VwExamPage     *self);
const char     *vw_exam_page_get_score_text   (VwExamPage     *self);

G_END_DECLS
