/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "vw-exam-history.h"
#include "vw-exercise-catalog.h"
#include "vw-question-bank.h"
#include "vw-notes-library.h"
#include "vw-progress.h"

G_BEGIN_DECLS

#define VW_TYPE_APPLICATION (vw_application_get_type ())

G_DECLARE_FINAL_TYPE (VwApplication, vw_application, VW, APPLICATION, AdwApplication)

VwApplication *vw_application_new            (void);
GListModel    *vw_application_get_topics     (VwApplication *self);
const GError  *vw_application_get_topics_error (VwApplication *self);
VwNotesLibrary *vw_application_get_notes     (VwApplication *self,
                                              const char    *language);
VwProgress    *vw_application_get_progress   (VwApplication *self);
const GError  *vw_application_get_progress_error (VwApplication *self);
VwExerciseCatalog *vw_application_get_exercises (VwApplication *self);
VwQuestionBank *vw_application_get_questions (VwApplication *self,
                                              const char    *language);
VwExamHistory *vw_application_get_exam_history (VwApplication *self);
GError        *vw_application_take_exam_history_error (VwApplication *self);

G_END_DECLS
