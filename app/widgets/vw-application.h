/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VW_TYPE_APPLICATION (vw_application_get_type ())

G_DECLARE_FINAL_TYPE (VwApplication, vw_application, VW, APPLICATION, AdwApplication)

VwApplication *vw_application_new            (void);
GListModel    *vw_application_get_topics     (VwApplication *self);
const GError  *vw_application_get_topics_error (VwApplication *self);

G_END_DECLS
