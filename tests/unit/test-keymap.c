/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <gdk/gdkkeysyms.h>
#include <linux/input-event-codes.h>

#include "vw-keymap.h"

/* The evdev → qnum table against the codes a PC keyboard really sends in
 * scancode set 1, and the US-keyboard lookup used for typed text. */

typedef struct
{
  guint evdev;
  guint16 qnum;
} Code;

static void
check_codes (const Code *codes,
             guint       n_codes)
{
  for (guint i = 0; i < n_codes; i++)
    {
      guint16 qnum = vw_keymap_evdev_to_qnum (codes[i].evdev);

      if (qnum != codes[i].qnum)
        g_error ("evdev %u: qnum 0x%02x, expected 0x%02x", codes[i].evdev, qnum, codes[i].qnum);
      /* X11 and Wayland keycodes are evdev + 8. */
      g_assert_cmpuint (vw_keymap_keycode_to_qnum (codes[i].evdev + 8), ==, codes[i].qnum);
    }
}

static void
test_letters_digits (void)
{
  static const Code codes[] = {
    { KEY_Q, 0x10 }, { KEY_W, 0x11 }, { KEY_P, 0x19 }, { KEY_A, 0x1e }, { KEY_S, 0x1f },
    { KEY_L, 0x26 }, { KEY_Z, 0x2c }, { KEY_M, 0x32 },
    { KEY_1, 0x02 }, { KEY_5, 0x06 }, { KEY_9, 0x0a }, { KEY_0, 0x0b },
    { KEY_MINUS, 0x0c }, { KEY_EQUAL, 0x0d }, { KEY_GRAVE, 0x29 }, { KEY_BACKSLASH, 0x2b },
    { KEY_102ND, 0x56 }, { KEY_SLASH, 0x35 }, { KEY_SPACE, 0x39 }, { KEY_ENTER, 0x1c },
    { KEY_ESC, 0x01 }, { KEY_BACKSPACE, 0x0e }, { KEY_TAB, 0x0f }, { KEY_CAPSLOCK, 0x3a },
  };

  check_codes (codes, G_N_ELEMENTS (codes));
}

static void
test_function_keys (void)
{
  static const Code codes[] = {
    { KEY_F1, 0x3b }, { KEY_F2, 0x3c }, { KEY_F3, 0x3d }, { KEY_F4, 0x3e },
    { KEY_F5, 0x3f }, { KEY_F6, 0x40 }, { KEY_F7, 0x41 }, { KEY_F8, 0x42 },
    { KEY_F9, 0x43 }, { KEY_F10, 0x44 }, { KEY_F11, 0x57 }, { KEY_F12, 0x58 },
  };

  check_codes (codes, G_N_ELEMENTS (codes));
}

/* The E0-prefixed keys: navigation, arrows, the right-hand modifiers. */
static void
test_extended_keys (void)
{
  static const Code codes[] = {
    { KEY_UP, 0xc8 }, { KEY_DOWN, 0xd0 }, { KEY_LEFT, 0xcb }, { KEY_RIGHT, 0xcd },
    { KEY_INSERT, 0xd2 }, { KEY_DELETE, 0xd3 }, { KEY_HOME, 0xc7 }, { KEY_END, 0xcf },
    { KEY_PAGEUP, 0xc9 }, { KEY_PAGEDOWN, 0xd1 },
    { KEY_LEFTCTRL, 0x1d }, { KEY_RIGHTCTRL, 0x9d },
    { KEY_LEFTALT, 0x38 }, { KEY_RIGHTALT, 0xb8 },   /* AltGr */
    { KEY_LEFTSHIFT, 0x2a }, { KEY_RIGHTSHIFT, 0x36 },
    { KEY_LEFTMETA, 0xdb }, { KEY_RIGHTMETA, 0xdc }, { KEY_COMPOSE, 0xdd },   /* Menu */
    { KEY_SYSRQ, 0xb7 }, { KEY_PAUSE, 0xc6 }, { KEY_SCROLLLOCK, 0x46 },
    { KEY_MUTE, 0xa0 }, { KEY_VOLUMEDOWN, 0xae }, { KEY_VOLUMEUP, 0xb0 },
    { KEY_PLAYPAUSE, 0xa2 }, { KEY_POWER, 0xde },
  };

  check_codes (codes, G_N_ELEMENTS (codes));
}

static void
test_keypad (void)
{
  static const Code codes[] = {
    { KEY_NUMLOCK, 0x45 }, { KEY_KPSLASH, 0xb5 }, { KEY_KPASTERISK, 0x37 },
    { KEY_KPMINUS, 0x4a }, { KEY_KPPLUS, 0x4e }, { KEY_KPENTER, 0x9c },
    { KEY_KP7, 0x47 }, { KEY_KP8, 0x48 }, { KEY_KP9, 0x49 },
    { KEY_KP4, 0x4b }, { KEY_KP5, 0x4c }, { KEY_KP6, 0x4d },
    { KEY_KP1, 0x4f }, { KEY_KP2, 0x50 }, { KEY_KP3, 0x51 },
    { KEY_KP0, 0x52 }, { KEY_KPDOT, 0x53 },
  };

  check_codes (codes, G_N_ELEMENTS (codes));
}

static void
test_unmapped (void)
{
  g_assert_cmpuint (vw_keymap_evdev_to_qnum (0), ==, 0);
  g_assert_cmpuint (vw_keymap_evdev_to_qnum (84), ==, 0);   /* no key has this code */
  g_assert_cmpuint (vw_keymap_evdev_to_qnum (KEY_MACRO), ==, 0);
  g_assert_cmpuint (vw_keymap_evdev_to_qnum (VW_KEYMAP_EVDEV_MAX), ==, 0);
  g_assert_cmpuint (vw_keymap_evdev_to_qnum (G_MAXUINT), ==, 0);
  g_assert_cmpuint (vw_keymap_keycode_to_qnum (0), ==, 0);
  g_assert_cmpuint (vw_keymap_keycode_to_qnum (7), ==, 0);
}

/* Two keys with one scancode would be one key to the guest; a code with
 * 0x80 set must be one a PC keyboard sends after E0. */
static void
test_unique (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  guint n_mapped = 0;

  for (guint evdev = 0; evdev < VW_KEYMAP_EVDEV_MAX; evdev++)
    {
      guint16 qnum = vw_keymap_evdev_to_qnum (evdev);
      gpointer other;

      if (qnum == 0)
        continue;
      n_mapped++;
      g_assert_cmpuint (qnum, <=, 0xff);
      g_assert_cmpuint (qnum, !=, 0x80);
      if (g_hash_table_lookup_extended (seen, GUINT_TO_POINTER (qnum), NULL, &other))
        g_error ("evdev %u and %u both map to 0x%02x", GPOINTER_TO_UINT (other), evdev, qnum);
      g_hash_table_insert (seen, GUINT_TO_POINTER (qnum), GUINT_TO_POINTER (evdev));
    }
  /* 105 keys, the keypad's extra and the multimedia keys at least. */
  g_assert_cmpuint (n_mapped, >=, 105);
}

typedef struct
{
  guint keysym;
  guint16 qnum;
  gboolean shift;
} Sym;

static void
test_keysyms (void)
{
  static const Sym syms[] = {
    { 'a', 0x1e, FALSE }, { 'A', 0x1e, TRUE }, { 'z', 0x2c, FALSE }, { 'Z', 0x2c, TRUE },
    { '1', 0x02, FALSE }, { '!', 0x02, TRUE }, { '0', 0x0b, FALSE }, { ')', 0x0b, TRUE },
    { '/', 0x35, FALSE }, { '?', 0x35, TRUE }, { '\\', 0x2b, FALSE }, { '|', 0x2b, TRUE },
    { '"', 0x28, TRUE }, { '~', 0x29, TRUE }, { ' ', 0x39, FALSE }, { ':', 0x27, TRUE },
    { GDK_KEY_Return, 0x1c, FALSE }, { GDK_KEY_Escape, 0x01, FALSE },
    { GDK_KEY_Control_L, 0x1d, FALSE }, { GDK_KEY_Control_R, 0x9d, FALSE },
    { GDK_KEY_Alt_L, 0x38, FALSE }, { GDK_KEY_ISO_Level3_Shift, 0xb8, FALSE },
    { GDK_KEY_Delete, 0xd3, FALSE }, { GDK_KEY_F1, 0x3b, FALSE }, { GDK_KEY_F12, 0x58, FALSE },
    { GDK_KEY_KP_Enter, 0x9c, FALSE }, { GDK_KEY_KP_Divide, 0xb5, FALSE },
    { GDK_KEY_Super_L, 0xdb, FALSE }, { GDK_KEY_Menu, 0xdd, FALSE },
    { GDK_KEY_Sys_Req, 0x54, FALSE }, { GDK_KEY_Print, 0xb7, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (syms); i++)
    {
      gboolean shift = !syms[i].shift;
      guint16 qnum = vw_keymap_keysym_to_qnum (syms[i].keysym, &shift);

      if (qnum != syms[i].qnum || shift != syms[i].shift)
        g_error ("keysym 0x%x: qnum 0x%02x shift %d, expected 0x%02x shift %d",
                 syms[i].keysym, qnum, shift, syms[i].qnum, syms[i].shift);
    }

  /* What a US keyboard cannot type has no key. */
  g_assert_cmpuint (vw_keymap_keysym_to_qnum (GDK_KEY_eacute, NULL), ==, 0);
  g_assert_cmpuint (vw_keymap_keysym_to_qnum (0x1000000 | 0x20ac, NULL), ==, 0);
}

/* Every printable ASCII character has a key, and the keys agree with the
 * evdev table: the physical key that types 'q' is KEY_Q. */
static void
test_keysyms_match_keys (void)
{
  static const struct { guint keysym; guint evdev; } pairs[] = {
    { 'q', KEY_Q }, { 'a', KEY_A }, { 'm', KEY_M }, { '1', KEY_1 }, { '-', KEY_MINUS },
    { '[', KEY_LEFTBRACE }, { ';', KEY_SEMICOLON }, { '\'', KEY_APOSTROPHE },
    { ',', KEY_COMMA }, { '.', KEY_DOT }, { GDK_KEY_Tab, KEY_TAB },
    { GDK_KEY_BackSpace, KEY_BACKSPACE }, { GDK_KEY_Up, KEY_UP }, { GDK_KEY_Home, KEY_HOME },
    { GDK_KEY_KP_5, KEY_KP5 }, { GDK_KEY_Num_Lock, KEY_NUMLOCK }, { GDK_KEY_Pause, KEY_PAUSE },
  };

  for (guint c = 0x20; c < 0x7f; c++)
    g_assert_cmpuint (vw_keymap_keysym_to_qnum (c, NULL), !=, 0);
  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    g_assert_cmpuint (vw_keymap_keysym_to_qnum (pairs[i].keysym, NULL), ==,
                      vw_keymap_evdev_to_qnum (pairs[i].evdev));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/keymap/letters-digits", test_letters_digits);
  g_test_add_func ("/keymap/function-keys", test_function_keys);
  g_test_add_func ("/keymap/extended-keys", test_extended_keys);
  g_test_add_func ("/keymap/keypad", test_keypad);
  g_test_add_func ("/keymap/unmapped", test_unmapped);
  g_test_add_func ("/keymap/unique", test_unique);
  g_test_add_func ("/keymap/keysyms", test_keysyms);
  g_test_add_func ("/keymap/keysyms-match-keys", test_keysyms_match_keys);

  return g_test_run ();
}
