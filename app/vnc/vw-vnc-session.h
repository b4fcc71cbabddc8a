/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gdk/gdk.h>

G_BEGIN_DECLS

/* One VNC client session on gvnc's GTK-free core: the connection, the
 * framebuffer (as a GdkPaintable that changes with the damaged regions and
 * the guest's resizes), the server's cursor, and the input sent to it. */

typedef enum {
  VW_VNC_STATE_DISCONNECTED,
  VW_VNC_STATE_CONNECTING,
  VW_VNC_STATE_AUTHENTICATING,   /* waiting for vw_vnc_session_set_password() */
  VW_VNC_STATE_CONNECTED,
} VwVncState;

#define VW_TYPE_VNC_STATE (vw_vnc_state_get_type ())
GType vw_vnc_state_get_type (void) G_GNUC_CONST;

#define VW_TYPE_VNC_SESSION (vw_vnc_session_get_type ())

G_DECLARE_FINAL_TYPE (VwVncSession, vw_vnc_session, VW, VNC_SESSION, GObject)

VwVncSession *vw_vnc_session_new            (void);

/* Opening: @fd is taken over (closed with the session, or at once if the
 * session is already open). */
gboolean      vw_vnc_session_open_fd        (VwVncSession  *self,
                                             int            fd,
                                             GError       **error);
gboolean      vw_vnc_session_open_host      (VwVncSession  *self,
                                             const char    *host,
                                             const char    *port,
                                             GError       **error);
void          vw_vnc_session_close          (VwVncSession  *self);

/* State: "state", "error", "name", "width", "height", "cursor" notify. The
 * last frame, its size and the cursor stay after a disconnection. */
VwVncState    vw_vnc_session_get_state      (VwVncSession  *self);
const char   *vw_vnc_session_get_error      (VwVncSession  *self);
const char   *vw_vnc_session_get_name       (VwVncSession  *self);
int           vw_vnc_session_get_width      (VwVncSession  *self);
int           vw_vnc_session_get_height     (VwVncSession  *self);
GdkPaintable *vw_vnc_session_get_paintable  (VwVncSession  *self);
GdkCursor    *vw_vnc_session_get_cursor     (VwVncSession  *self);
GdkTexture   *vw_vnc_session_get_texture    (VwVncSession  *self);
guint64       vw_vnc_session_get_n_frames   (VwVncSession  *self);
gboolean      vw_vnc_session_has_scancodes  (VwVncSession  *self);
/* Whether QEMU's extended key events are asked for (the default): without
 * them a server has only keysyms to go by, as with a VNC server that does
 * not know them. Takes effect when the session is next opened. */
void          vw_vnc_session_set_scancodes  (VwVncSession  *self,
                                             gboolean       enabled);

/* Authentication: the state is AUTHENTICATING until a password is given.
 * A password given before the server asks is used when it does. */
void          vw_vnc_session_set_password   (VwVncSession  *self,
                                             const char    *password);

/* Input. @scancode is QEMU's "qnum" code (XT set 1, 0x80 | code for the
 * E0-prefixed keys), or 0; it is used when the server supports QEMU's
 * extended key events, the keysym otherwise. With 0 and such a server,
 * the key of a US keyboard that types @keysym is sent. */
void          vw_vnc_session_key_event      (VwVncSession  *self,
                                             gboolean       down,
                                             guint          keysym,
                                             guint16        scancode);
/* @button_mask: bit 0–2 the left, middle and right buttons, bits 3–6 the
 * wheel (up, down, left, right); @x, @y in framebuffer pixels. */
void          vw_vnc_session_pointer_event  (VwVncSession  *self,
                                             guint          button_mask,
                                             int            x,
                                             int            y);
/* Presses the keys in order, then releases them in reverse order. */
void          vw_vnc_session_send_keys      (VwVncSession  *self,
                                             const guint   *keysyms,
                                             guint          n_keysyms);
/* Types @text (UTF-8) key by key, with Shift where a US keyboard needs it.
 * Servers with scancodes see US-keyboard keys, so the guest's layout
 * decides what appears; characters a US keyboard cannot type go as
 * keysyms alone, which only keysym-based servers (not QEMU) understand. */
void          vw_vnc_session_type_text      (VwVncSession  *self,
                                             const char    *text);
/* Sends @text (UTF-8) as the client's clipboard, in Latin-1 as RFB wants;
 * other characters become "?". */
void          vw_vnc_session_set_clipboard  (VwVncSession  *self,
                                             const char    *text);

G_END_DECLS
