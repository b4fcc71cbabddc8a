/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "vw-exam-history.h"

G_BEGIN_DECLS

#define VW_TYPE_SCORE_CHART (vw_score_chart_get_type ())

G_DECLARE_FINAL_TYPE (VwScoreChart, vw_score_chart, VW, SCORE_CHART, GtkWidget)

void vw_score_chart_set_history (VwScoreChart  *self,
                                 VwExamHistory *history);

G_END_DECLS
