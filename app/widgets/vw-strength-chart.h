/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "vw-exam-history.h"

G_BEGIN_DECLS

#define VW_TYPE_STRENGTH_CHART (vw_strength_chart_get_type ())

G_DECLARE_FINAL_TYPE (VwStrengthChart, vw_strength_chart, VW, STRENGTH_CHART, GtkWidget)

void vw_strength_chart_set_data (VwStrengthChart *self,
                                 GListModel      *topics,
                                 VwExamHistory   *history);

G_END_DECLS
