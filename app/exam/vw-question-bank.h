/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "vw-question.h"

G_BEGIN_DECLS

#define VW_TYPE_QUESTION_BANK (vw_question_bank_get_type ())

G_DECLARE_FINAL_TYPE (VwQuestionBank, vw_question_bank, VW, QUESTION_BANK, GObject)

/* The questions of @objective_ids in @language, read from
 * DIR/LANGUAGE/OBJECTIVE.xml; an objective missing in @language is read in
 * English. A file that cannot be read leaves a message ("FILE:LINE: …")
 * and the others still load. */
VwQuestionBank     *vw_question_bank_load            (const char         *dir,
                                                      const char         *language,
                                                      const char * const *objective_ids);
VwQuestionBank     *vw_question_bank_load_default    (const char         *language,
                                                      const char * const *objective_ids);
const char         *vw_question_bank_get_language    (VwQuestionBank     *self);
const char * const *vw_question_bank_get_errors      (VwQuestionBank     *self);
guint               vw_question_bank_get_n_questions (VwQuestionBank     *self);
const VwQuestion   *vw_question_bank_lookup          (VwQuestionBank     *self,
                                                      const char         *id);
/* Returns: (transfer container): the questions of @objective, in order */
GPtrArray          *vw_question_bank_for_objective   (VwQuestionBank     *self,
                                                      const char         *objective);

G_END_DECLS
