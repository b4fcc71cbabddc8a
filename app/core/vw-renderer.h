/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *vw_renderer_pick   (const char *dev_dir,
                                const char *requested);
void        vw_renderer_choose (void);

G_END_DECLS
