/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "vw-question.h"

G_BEGIN_DECLS

/* For the bank's parser: an array of VwOption that frees them. */
GPtrArray *vw_question_new_options (void);

G_END_DECLS
