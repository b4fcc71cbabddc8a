/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-keymap"

#include <gdk/gdkkeysyms.h>
#include <linux/input-event-codes.h>

#include "vw-keymap.h"

/* evdev → qnum for a 105-key PC keyboard, its keypad, the Japanese extra
 * keys and the usual multimedia keys. The codes are those of a real PC
 * keyboard in scancode set 1 (0x80 | code where it sends E0 code), which is
 * what QEMU's extended key event expects and turns into the guest's own
 * keyboard protocol. */
static const guint16 evdev_to_qnum[VW_KEYMAP_EVDEV_MAX] = {
  /* Escape and the number row. */
  [KEY_ESC] = 0x01,
  [KEY_1] = 0x02, [KEY_2] = 0x03, [KEY_3] = 0x04, [KEY_4] = 0x05, [KEY_5] = 0x06,
  [KEY_6] = 0x07, [KEY_7] = 0x08, [KEY_8] = 0x09, [KEY_9] = 0x0a, [KEY_0] = 0x0b,
  [KEY_MINUS] = 0x0c, [KEY_EQUAL] = 0x0d, [KEY_BACKSPACE] = 0x0e,

  /* Top letter row. */
  [KEY_TAB] = 0x0f,
  [KEY_Q] = 0x10, [KEY_W] = 0x11, [KEY_E] = 0x12, [KEY_R] = 0x13, [KEY_T] = 0x14,
  [KEY_Y] = 0x15, [KEY_U] = 0x16, [KEY_I] = 0x17, [KEY_O] = 0x18, [KEY_P] = 0x19,
  [KEY_LEFTBRACE] = 0x1a, [KEY_RIGHTBRACE] = 0x1b, [KEY_ENTER] = 0x1c,

  /* Home row. */
  [KEY_LEFTCTRL] = 0x1d,
  [KEY_A] = 0x1e, [KEY_S] = 0x1f, [KEY_D] = 0x20, [KEY_F] = 0x21, [KEY_G] = 0x22,
  [KEY_H] = 0x23, [KEY_J] = 0x24, [KEY_K] = 0x25, [KEY_L] = 0x26,
  [KEY_SEMICOLON] = 0x27, [KEY_APOSTROPHE] = 0x28, [KEY_GRAVE] = 0x29,

  /* Bottom row; KEY_BACKSLASH is also the ISO key left of Enter. */
  [KEY_LEFTSHIFT] = 0x2a, [KEY_BACKSLASH] = 0x2b,
  [KEY_Z] = 0x2c, [KEY_X] = 0x2d, [KEY_C] = 0x2e, [KEY_V] = 0x2f, [KEY_B] = 0x30,
  [KEY_N] = 0x31, [KEY_M] = 0x32,
  [KEY_COMMA] = 0x33, [KEY_DOT] = 0x34, [KEY_SLASH] = 0x35, [KEY_RIGHTSHIFT] = 0x36,
  [KEY_102ND] = 0x56,   /* the ISO key between left Shift and Z */

  /* Space bar row. */
  [KEY_LEFTALT] = 0x38, [KEY_SPACE] = 0x39, [KEY_CAPSLOCK] = 0x3a,
  [KEY_RIGHTALT] = 0xb8,   /* AltGr */
  [KEY_RIGHTCTRL] = 0x9d,
  [KEY_LEFTMETA] = 0xdb, [KEY_RIGHTMETA] = 0xdc, [KEY_COMPOSE] = 0xdd,   /* Super, Menu */

  /* Function keys. */
  [KEY_F1] = 0x3b, [KEY_F2] = 0x3c, [KEY_F3] = 0x3d, [KEY_F4] = 0x3e, [KEY_F5] = 0x3f,
  [KEY_F6] = 0x40, [KEY_F7] = 0x41, [KEY_F8] = 0x42, [KEY_F9] = 0x43, [KEY_F10] = 0x44,
  [KEY_F11] = 0x57, [KEY_F12] = 0x58,
  [KEY_F13] = 0x64, [KEY_F14] = 0x65, [KEY_F15] = 0x66, [KEY_F16] = 0x67, [KEY_F17] = 0x68,
  [KEY_F18] = 0x69, [KEY_F19] = 0x6a, [KEY_F20] = 0x6b, [KEY_F21] = 0x6c, [KEY_F22] = 0x6d,
  [KEY_F23] = 0x6e, [KEY_F24] = 0x76,

  /* Print Screen sends E0 37 (its E0 2A "fake shift" prefix is the guest
   * keyboard's business); Alt+Print, SysRq, is 0x54 and is chosen from the
   * keysym by the caller. Pause sends no break code at all and QEMU
   * represents it as E0 46, the code of Ctrl+Pause (Break). */
  [KEY_SYSRQ] = 0xb7, [KEY_SCROLLLOCK] = 0x46, [KEY_PAUSE] = 0xc6,

  /* The navigation block and the arrows. */
  [KEY_INSERT] = 0xd2, [KEY_HOME] = 0xc7, [KEY_PAGEUP] = 0xc9,
  [KEY_DELETE] = 0xd3, [KEY_END] = 0xcf, [KEY_PAGEDOWN] = 0xd1,
  [KEY_UP] = 0xc8, [KEY_LEFT] = 0xcb, [KEY_DOWN] = 0xd0, [KEY_RIGHT] = 0xcd,

  /* Keypad. */
  [KEY_NUMLOCK] = 0x45, [KEY_KPSLASH] = 0xb5, [KEY_KPASTERISK] = 0x37, [KEY_KPMINUS] = 0x4a,
  [KEY_KP7] = 0x47, [KEY_KP8] = 0x48, [KEY_KP9] = 0x49, [KEY_KPPLUS] = 0x4e,
  [KEY_KP4] = 0x4b, [KEY_KP5] = 0x4c, [KEY_KP6] = 0x4d,
  [KEY_KP1] = 0x4f, [KEY_KP2] = 0x50, [KEY_KP3] = 0x51, [KEY_KPENTER] = 0x9c,
  [KEY_KP0] = 0x52, [KEY_KPDOT] = 0x53,
  [KEY_KPEQUAL] = 0x59, [KEY_KPCOMMA] = 0x7e,

  /* Japanese keyboards. */
  [KEY_RO] = 0x73, [KEY_YEN] = 0x7d, [KEY_KATAKANAHIRAGANA] = 0x70,
  [KEY_HENKAN] = 0x79, [KEY_MUHENKAN] = 0x7b,

  /* Multimedia, power and browser keys. */
  [KEY_MUTE] = 0xa0, [KEY_VOLUMEDOWN] = 0xae, [KEY_VOLUMEUP] = 0xb0,
  [KEY_PLAYPAUSE] = 0xa2, [KEY_STOPCD] = 0xa4, [KEY_PREVIOUSSONG] = 0x90,
  [KEY_NEXTSONG] = 0x99, [KEY_MEDIA] = 0xed, [KEY_CALC] = 0xa1, [KEY_MAIL] = 0xec,
  [KEY_COMPUTER] = 0xeb, [KEY_POWER] = 0xde, [KEY_SLEEP] = 0xdf, [KEY_WAKEUP] = 0xe3,
  [KEY_HOMEPAGE] = 0xb2, [KEY_SEARCH] = 0xe5, [KEY_BOOKMARKS] = 0xe6, [KEY_REFRESH] = 0xe7,
  [KEY_STOP] = 0xe8, [KEY_FORWARD] = 0xe9, [KEY_BACK] = 0xea,
};

guint16
vw_keymap_evdev_to_qnum (guint evdev)
{
  if (evdev >= G_N_ELEMENTS (evdev_to_qnum))
    return 0;
  return evdev_to_qnum[evdev];
}

guint16
vw_keymap_keycode_to_qnum (guint keycode)
{
  if (keycode < 8)
    return 0;
  return vw_keymap_evdev_to_qnum (keycode - 8);
}

/* The printable keys of a US keyboard: what they type without and with
 * Shift, and their qnum. */
static const struct
{
  char plain;
  char shifted;
  guint16 qnum;
} us_chars[] = {
  { '`', '~', 0x29 }, { '1', '!', 0x02 }, { '2', '@', 0x03 }, { '3', '#', 0x04 },
  { '4', '$', 0x05 }, { '5', '%', 0x06 }, { '6', '^', 0x07 }, { '7', '&', 0x08 },
  { '8', '*', 0x09 }, { '9', '(', 0x0a }, { '0', ')', 0x0b }, { '-', '_', 0x0c },
  { '=', '+', 0x0d },
  { 'q', 'Q', 0x10 }, { 'w', 'W', 0x11 }, { 'e', 'E', 0x12 }, { 'r', 'R', 0x13 },
  { 't', 'T', 0x14 }, { 'y', 'Y', 0x15 }, { 'u', 'U', 0x16 }, { 'i', 'I', 0x17 },
  { 'o', 'O', 0x18 }, { 'p', 'P', 0x19 }, { '[', '{', 0x1a }, { ']', '}', 0x1b },
  { '\\', '|', 0x2b },
  { 'a', 'A', 0x1e }, { 's', 'S', 0x1f }, { 'd', 'D', 0x20 }, { 'f', 'F', 0x21 },
  { 'g', 'G', 0x22 }, { 'h', 'H', 0x23 }, { 'j', 'J', 0x24 }, { 'k', 'K', 0x25 },
  { 'l', 'L', 0x26 }, { ';', ':', 0x27 }, { '\'', '"', 0x28 },
  { 'z', 'Z', 0x2c }, { 'x', 'X', 0x2d }, { 'c', 'C', 0x2e }, { 'v', 'V', 0x2f },
  { 'b', 'B', 0x30 }, { 'n', 'N', 0x31 }, { 'm', 'M', 0x32 }, { ',', '<', 0x33 },
  { '.', '>', 0x34 }, { '/', '?', 0x35 },
  { ' ', ' ', 0x39 },
};

/* The keys that type no character. */
static const struct
{
  guint keysym;
  guint16 qnum;
} us_keys[] = {
  { GDK_KEY_Escape, 0x01 }, { GDK_KEY_BackSpace, 0x0e }, { GDK_KEY_Tab, 0x0f },
  { GDK_KEY_ISO_Left_Tab, 0x0f }, { GDK_KEY_Return, 0x1c }, { GDK_KEY_Linefeed, 0x1c },
  { GDK_KEY_Control_L, 0x1d }, { GDK_KEY_Control_R, 0x9d },
  { GDK_KEY_Shift_L, 0x2a }, { GDK_KEY_Shift_R, 0x36 },
  { GDK_KEY_Alt_L, 0x38 }, { GDK_KEY_Meta_L, 0x38 },
  { GDK_KEY_Alt_R, 0xb8 }, { GDK_KEY_Meta_R, 0xb8 }, { GDK_KEY_ISO_Level3_Shift, 0xb8 },
  { GDK_KEY_Super_L, 0xdb }, { GDK_KEY_Super_R, 0xdc }, { GDK_KEY_Menu, 0xdd },
  { GDK_KEY_Caps_Lock, 0x3a }, { GDK_KEY_Num_Lock, 0x45 }, { GDK_KEY_Scroll_Lock, 0x46 },
  { GDK_KEY_F1, 0x3b }, { GDK_KEY_F2, 0x3c }, { GDK_KEY_F3, 0x3d }, { GDK_KEY_F4, 0x3e },
  { GDK_KEY_F5, 0x3f }, { GDK_KEY_F6, 0x40 }, { GDK_KEY_F7, 0x41 }, { GDK_KEY_F8, 0x42 },
  { GDK_KEY_F9, 0x43 }, { GDK_KEY_F10, 0x44 }, { GDK_KEY_F11, 0x57 }, { GDK_KEY_F12, 0x58 },
  { GDK_KEY_Print, 0xb7 }, { GDK_KEY_Sys_Req, 0x54 }, { GDK_KEY_Pause, 0xc6 },
  { GDK_KEY_Break, 0xc6 },
  { GDK_KEY_Insert, 0xd2 }, { GDK_KEY_Delete, 0xd3 }, { GDK_KEY_Home, 0xc7 },
  { GDK_KEY_End, 0xcf }, { GDK_KEY_Page_Up, 0xc9 }, { GDK_KEY_Page_Down, 0xd1 },
  { GDK_KEY_Up, 0xc8 }, { GDK_KEY_Down, 0xd0 }, { GDK_KEY_Left, 0xcb }, { GDK_KEY_Right, 0xcd },
  { GDK_KEY_KP_Divide, 0xb5 }, { GDK_KEY_KP_Multiply, 0x37 }, { GDK_KEY_KP_Subtract, 0x4a },
  { GDK_KEY_KP_Add, 0x4e }, { GDK_KEY_KP_Enter, 0x9c }, { GDK_KEY_KP_Decimal, 0x53 },
  { GDK_KEY_KP_Delete, 0x53 }, { GDK_KEY_KP_Separator, 0x53 },
  { GDK_KEY_KP_0, 0x52 }, { GDK_KEY_KP_Insert, 0x52 },
  { GDK_KEY_KP_1, 0x4f }, { GDK_KEY_KP_End, 0x4f },
  { GDK_KEY_KP_2, 0x50 }, { GDK_KEY_KP_Down, 0x50 },
  { GDK_KEY_KP_3, 0x51 }, { GDK_KEY_KP_Page_Down, 0x51 },
  { GDK_KEY_KP_4, 0x4b }, { GDK_KEY_KP_Left, 0x4b },
  { GDK_KEY_KP_5, 0x4c }, { GDK_KEY_KP_Begin, 0x4c },
  { GDK_KEY_KP_6, 0x4d }, { GDK_KEY_KP_Right, 0x4d },
  { GDK_KEY_KP_7, 0x47 }, { GDK_KEY_KP_Home, 0x47 },
  { GDK_KEY_KP_8, 0x48 }, { GDK_KEY_KP_Up, 0x48 },
  { GDK_KEY_KP_9, 0x49 }, { GDK_KEY_KP_Page_Up, 0x49 },
  { GDK_KEY_KP_Equal, 0x59 },
};

guint16
vw_keymap_keysym_to_qnum (guint     keysym,
                          gboolean *shift)
{
  gboolean dummy;

  if (shift == NULL)
    shift = &dummy;
  *shift = FALSE;

  /* Keysyms of the ASCII characters are the characters themselves. */
  if (keysym >= 0x20 && keysym < 0x7f)
    {
      for (guint i = 0; i < G_N_ELEMENTS (us_chars); i++)
        {
          if ((guint) us_chars[i].plain == keysym)
            return us_chars[i].qnum;
          if ((guint) us_chars[i].shifted == keysym)
            {
              *shift = TRUE;
              return us_chars[i].qnum;
            }
        }
      return 0;
    }

  for (guint i = 0; i < G_N_ELEMENTS (us_keys); i++)
    if (us_keys[i].keysym == keysym)
      return us_keys[i].qnum;
  return 0;
}
