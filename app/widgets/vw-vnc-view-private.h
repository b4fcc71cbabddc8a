/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "vw-vnc-view.h"

G_BEGIN_DECLS

/* A key press (@down) or release as the view's key controllers get it:
 * @keyval and @state as GDK translated them, @keycode the hardware keycode
 * (evdev + 8), @layout the XKB group. The controllers call this, and so do
 * the tests, since GTK 4 cannot synthesize key events. Returns whether the
 * key went to the guest (FALSE while there is no connected session). */
gboolean vw_vnc_view_handle_key (VwVncView       *self,
                                 gboolean         down,
                                 guint            keyval,
                                 guint            keycode,
                                 GdkModifierType  state,
                                 guint            layout);

G_END_DECLS
