/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "vw-vnc-session.h"

G_BEGIN_DECLS

typedef enum {
  VW_VNC_SCALE_FIT,        /* the whole screen in the widget, aspect kept */
  VW_VNC_SCALE_ORIGINAL,   /* 100 %, in a scrolled window */
} VwVncScale;

#define VW_TYPE_VNC_SCALE (vw_vnc_scale_get_type ())
GType vw_vnc_scale_get_type (void) G_GNUC_CONST;

#define VW_TYPE_VNC_VIEW (vw_vnc_view_get_type ())

G_DECLARE_FINAL_TYPE (VwVncView, vw_vnc_view, VW, VNC_VIEW, GtkWidget)

/* Properties: "session", "scale", "grabbed" (read-only; notifies when a
 * click grabs the keyboard and when Ctrl+Alt, focus loss or unmapping
 * releases it). While grabbed, every key goes to the guest, the
 * application's shortcuts included. */
GtkWidget    *vw_vnc_view_new          (void);
VwVncSession *vw_vnc_view_get_session  (VwVncView    *self);
void          vw_vnc_view_set_session  (VwVncView    *self,
                                        VwVncSession *session);
VwVncScale    vw_vnc_view_get_scale    (VwVncView    *self);
void          vw_vnc_view_set_scale    (VwVncView    *self,
                                        VwVncScale    scale);
gboolean      vw_vnc_view_get_grabbed  (VwVncView    *self);
void          vw_vnc_view_ungrab       (VwVncView    *self);
void          vw_vnc_view_release_keys (VwVncView    *self);

G_END_DECLS
