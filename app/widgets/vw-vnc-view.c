/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-vnc-view"

#include "vw-vnc-view.h"

/* (Being written.) */
struct _VwVncView
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (VwVncView, vw_vnc_view, GTK_TYPE_WIDGET)

static void
vw_vnc_view_class_init (VwVncViewClass *klass)
{
}

static void
vw_vnc_view_init (VwVncView *self)
{
}
