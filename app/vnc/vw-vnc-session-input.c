/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-vnc-session"

#include "vw-keymap.h"
#include "vw-vnc-session-private.h"

/* What the session sends: keys, pointer, text typed key by key, and the
 * clipboard. Nothing is sent unless the session is connected. */

void
vw_vnc_session_key_event (VwVncSession *self,
                          gboolean      down,
                          guint         keysym,
                          guint16       scancode)
{
  VncConnection *conn;

  g_return_if_fail (VW_IS_VNC_SESSION (self));

  if ((conn = vw_vnc_session_get_connection (self)) == NULL)
    return;
  /* With extended key events gvnc sends the scancode alone, and QEMU drops
   * a key whose scancode is 0. */
  if (scancode == 0 && vnc_connection_get_ext_key_event (conn))
    scancode = vw_keymap_keysym_to_qnum (keysym, NULL);
  vnc_connection_key_event (conn, down, keysym, scancode);
}

void
vw_vnc_session_pointer_event (VwVncSession *self,
                              guint         button_mask,
                              int           x,
                              int           y)
{
  VncConnection *conn;
  int width, height;

  g_return_if_fail (VW_IS_VNC_SESSION (self));

  if ((conn = vw_vnc_session_get_connection (self)) == NULL)
    return;
  width = vw_vnc_session_get_width (self);
  height = vw_vnc_session_get_height (self);
  vnc_connection_pointer_event (conn, button_mask & 0x7f,
                                CLAMP (x, 0, MAX (width - 1, 0)),
                                CLAMP (y, 0, MAX (height - 1, 0)));
}

void
vw_vnc_session_send_keys (VwVncSession *self,
                          const guint  *keysyms,
                          guint         n_keysyms)
{
  g_return_if_fail (VW_IS_VNC_SESSION (self));
  g_return_if_fail (keysyms != NULL || n_keysyms == 0);

  for (guint i = 0; i < n_keysyms; i++)
    vw_vnc_session_key_event (self, TRUE, keysyms[i], vw_keymap_keysym_to_qnum (keysyms[i], NULL));
  for (guint i = n_keysyms; i > 0; i--)
    vw_vnc_session_key_event (self, FALSE, keysyms[i - 1],
                              vw_keymap_keysym_to_qnum (keysyms[i - 1], NULL));
}

static guint
keysym_for_char (gunichar c)
{
  switch (c)
    {
    case '\n':
    case '\r':
      return GDK_KEY_Return;
    case '\t':
      return GDK_KEY_Tab;
    case '\b':
      return GDK_KEY_BackSpace;
    case 0x1b:
      return GDK_KEY_Escape;
    default:
      return gdk_unicode_to_keyval (c);
    }
}

void
vw_vnc_session_type_text (VwVncSession *self,
                          const char   *text)
{
  g_return_if_fail (VW_IS_VNC_SESSION (self));
  g_return_if_fail (text != NULL);
  g_return_if_fail (g_utf8_validate (text, -1, NULL));

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean shift = FALSE;
      guint keysym;
      guint16 qnum;

      /* "\r\n" is one line break. */
      if (c == '\n' && p > text && p[-1] == '\r')
        continue;
      keysym = keysym_for_char (c);
      qnum = vw_keymap_keysym_to_qnum (keysym, &shift);
      if (shift)
        vw_vnc_session_key_event (self, TRUE, GDK_KEY_Shift_L, 0x2a);
      vw_vnc_session_key_event (self, TRUE, keysym, qnum);
      vw_vnc_session_key_event (self, FALSE, keysym, qnum);
      if (shift)
        vw_vnc_session_key_event (self, FALSE, GDK_KEY_Shift_L, 0x2a);
    }
}

void
vw_vnc_session_set_clipboard (VwVncSession *self,
                              const char   *text)
{
  g_autofree char *latin1 = NULL;
  VncConnection *conn;
  gsize length = 0;

  g_return_if_fail (VW_IS_VNC_SESSION (self));
  g_return_if_fail (text != NULL);

  if ((conn = vw_vnc_session_get_connection (self)) == NULL)
    return;
  latin1 = g_convert_with_fallback (text, -1, "ISO-8859-1", "UTF-8", "?", NULL, &length, NULL);
  if (latin1 != NULL)
    vnc_connection_client_cut_text (conn, latin1, length);
}
