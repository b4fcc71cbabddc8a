/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean vw_bench_enabled (void);
void     vw_bench_mark    (const char *name,
                           const char *format,
                           ...) G_GNUC_PRINTF (2, 3);
void     vw_bench_settle  (void);
void     vw_bench_frame   (double      ms);

G_END_DECLS
