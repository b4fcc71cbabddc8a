/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-vnc-session"

#include "vw-vnc-session.h"

/* (Being written.) */
struct _VwVncSession
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (VwVncSession, vw_vnc_session, G_TYPE_OBJECT)

static void
vw_vnc_session_class_init (VwVncSessionClass *klass)
{
}

static void
vw_vnc_session_init (VwVncSession *self)
{
}
