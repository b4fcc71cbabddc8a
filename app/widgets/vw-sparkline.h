/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define VW_TYPE_SPARKLINE (vw_sparkline_get_type ())

G_DECLARE_FINAL_TYPE (VwSparkline, vw_sparkline, VW, SPARKLINE, GtkWidget)

GtkWidget *vw_sparkline_new        (void);
void       vw_sparkline_set_values (VwSparkline  *self,
                                    const double *values,
                                    guint         n_values,
                                    guint         capacity,
                                    double        minimum_top);

G_END_DECLS
