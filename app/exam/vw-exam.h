/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "vw-question-bank.h"

G_BEGIN_DECLS

#define VW_EXAM_MOCK_QUESTIONS 60
#define VW_EXAM_MOCK_SECONDS (90 * 60)
#define VW_EXAM_PASS_SCORE 500

/* How many questions of one objective an exam takes. */
typedef struct
{
  const char *objective;
  guint count;
} VwExamQuota;

/* Draws the questions of an exam: @count random questions of each quota's
 * objective, in an order shuffled as a whole; the same @seed gives the
 * same exam. Returns: (transfer full): the question ids, or %NULL when an
 * objective has too few questions */
GStrv vw_exam_draw (VwQuestionBank     *bank,
                    const VwExamQuota  *quotas,
                    gsize               n_quotas,
                    guint32             seed,
                    GError            **error);

/* The result of a submitted exam. */
typedef struct
{
  guint correct;
  guint total;
  guint score;        /* 200–800, as the exam reports it */
  gboolean passed;    /* score >= 500 */
  GPtrArray *objectives;  /* VwExamObjectiveResult *, in exam order */
} VwExamResult;

typedef struct
{
  char *objective;
  guint correct;
  guint total;
} VwExamObjectiveResult;

void  vw_exam_result_free  (VwExamResult *result);
guint vw_exam_scale_score  (guint         correct,
                            guint         total);

#define VW_TYPE_EXAM_SESSION (vw_exam_session_get_type ())

G_DECLARE_FINAL_TYPE (VwExamSession, vw_exam_session, VW, EXAM_SESSION, GObject)

/* A new exam on @ids, timed for @seconds (0: untimed), written to @path
 * after every change when @path is not %NULL, so that a crash loses
 * nothing. */
VwExamSession    *vw_exam_session_new          (VwQuestionBank     *bank,
                                                const char * const *ids,
                                                guint               seconds,
                                                const char         *path);
/* The exam saved at @path, where it was; %NULL with @error when the file
 * is damaged or names questions the bank does not have. */
VwExamSession    *vw_exam_session_resume       (VwQuestionBank     *bank,
                                                const char         *path,
                                                GError            **error);
guint             vw_exam_session_get_n_questions (VwExamSession   *self);
const VwQuestion *vw_exam_session_get_question (VwExamSession      *self,
                                                guint               index);
guint             vw_exam_session_get_current  (VwExamSession      *self);
void              vw_exam_session_set_current  (VwExamSession      *self,
                                                guint               index);
guint64           vw_exam_session_get_choice   (VwExamSession      *self,
                                                guint               index);
void              vw_exam_session_set_choice   (VwExamSession      *self,
                                                guint               index,
                                                guint64             chosen);
const char       *vw_exam_session_get_text     (VwExamSession      *self,
                                                guint               index);
void              vw_exam_session_set_text     (VwExamSession      *self,
                                                guint               index,
                                                const char         *text);
gboolean          vw_exam_session_get_marked   (VwExamSession      *self,
                                                guint               index);
void              vw_exam_session_set_marked   (VwExamSession      *self,
                                                guint               index,
                                                gboolean            marked);
gboolean          vw_exam_session_is_answered  (VwExamSession      *self,
                                                guint               index);
gboolean          vw_exam_session_is_correct   (VwExamSession      *self,
                                                guint               index);
guint             vw_exam_session_get_n_answered (VwExamSession    *self);
/* Seconds left, 0 when the time is up; G_MAXUINT when untimed. */
guint             vw_exam_session_get_remaining (VwExamSession     *self);
gboolean          vw_exam_session_get_submitted (VwExamSession     *self);
/* Ends the exam (the file records it) and scores it. */
VwExamResult     *vw_exam_session_submit       (VwExamSession      *self);
VwExamResult     *vw_exam_session_score        (VwExamSession      *self);
/* The last write's error, if it failed (the exam goes on in memory). */
const GError     *vw_exam_session_get_save_error (VwExamSession    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VwExamResult, vw_exam_result_free)

G_END_DECLS
