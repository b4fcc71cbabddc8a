/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Key codes for VNC servers that take scancodes (QEMU's extended key
 * event): "qnum" is the XT set 1 make code, with 0x80 | code for the keys
 * that a PC keyboard sends with an E0 prefix. 0 means "no scancode", and
 * the server then has only the keysym to go by. No GTK in here. */

#define VW_KEYMAP_EVDEV_MAX 256

/* A Linux evdev code (KEY_* of <linux/input-event-codes.h>) to qnum. */
guint16 vw_keymap_evdev_to_qnum       (guint     evdev);

/* An X11 (or Wayland) hardware keycode, which is the evdev code + 8. */
guint16 vw_keymap_keycode_to_qnum     (guint     keycode);

/* The key of a US keyboard that types @keysym, and whether it needs Shift.
 * Used where there is no physical key (typing text, key combinations from
 * a menu), so the guest sees what a US layout would produce. */
guint16 vw_keymap_keysym_to_qnum      (guint     keysym,
                                       gboolean *shift);

G_END_DECLS
