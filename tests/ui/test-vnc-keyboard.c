/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <linux/input-event-codes.h>

#include "vw-test-keylog.h"

/* Every key of a 105-key PC keyboard, in the US and the French layout,
 * through the VNC view to a real VNC server, where an X client of ours logs
 * the keys it gets (the fixture: vw-test-keylog.h).
 *
 * Each key goes in with the keyval GDK gives the hardware keycode in the
 * display's current layout: unmodified, with Shift, and for the French
 * layout with AltGr and Shift+AltGr. What must arrive is the same key with
 * the same keysym at that level:
 *
 *  - with scancodes (QEMU's extended key event, and Xvnc -RawKeyboard,
 *    which presses the key a scancode names): exactly the keys pressed and
 *    released, physical key for physical key, each with the keysym the
 *    test's display gives it and the modifiers held;
 *  - with keysyms (plain RFB key events, or the extended ones whose
 *    scancode Xvnc drops by default): the keysym, on whatever key of the
 *    server's layout types it, with the modifiers the server fakes around
 *    it, all released again.
 *
 * Modifiers, keys held when the focus goes and the pointer are tested in
 * test-vnc-input.c. */

typedef struct
{
  const char *name;
  guint modifiers[2];   /* held, in this order; evdev codes, 0 for none */
} Level;

static const Level levels[] = {
  { "plain", { 0, 0 } },
  { "Shift", { KEY_LEFTSHIFT, 0 } },
  { "AltGr", { KEY_RIGHTALT, 0 } },
  { "Shift+AltGr", { KEY_LEFTSHIFT, KEY_RIGHTALT } },
};

/* The 105 keys: the main block, the function keys, the ISO key left of Z
 * (KEY_102ND, <LSGT>), and the E0 keys: keypad Enter and divide, right Ctrl
 * and Alt (AltGr), Print, the navigation block and arrows, Pause, Super and
 * Menu. */
static gboolean
is_105_key (guint evdev)
{
  return (evdev >= KEY_ESC && evdev <= KEY_KPDOT) || evdev == KEY_102ND || evdev == KEY_F11
         || evdev == KEY_F12 || (evdev >= KEY_KPENTER && evdev <= KEY_RIGHTALT)
         || (evdev >= KEY_HOME && evdev <= KEY_DELETE) || evdev == KEY_PAUSE
         || (evdev >= KEY_LEFTMETA && evdev <= KEY_COMPOSE);
}

static gboolean
is_lock (guint evdev)
{
  return evdev == KEY_CAPSLOCK || evdev == KEY_NUMLOCK || evdev == KEY_SCROLLLOCK;
}

static gboolean
is_modifier (guint evdev)
{
  return evdev == KEY_LEFTSHIFT || evdev == KEY_RIGHTSHIFT || evdev == KEY_LEFTCTRL
         || evdev == KEY_RIGHTCTRL || evdev == KEY_LEFTALT || evdev == KEY_RIGHTALT
         || evdev == KEY_LEFTMETA || evdev == KEY_RIGHTMETA;
}

/* A key that did not arrive as sent, collected so that one run reports
 * every key. */
static void
report (VwTestKeylog *fixture,
        const Level  *level,
        guint         evdev,
        char         *problem)   /* freed here */
{
  g_autofree char *owned = problem;
  guint keysym = vw_test_translate_key (evdev + 8, 0);
  g_autofree char *message = g_strdup_printf ("%s, %s, %s, key %u (%s): %s",
                                              fixture->params->layout->name,
                                              vw_test_keylog_path_name (fixture), level->name,
                                              evdev, gdk_keyval_name (keysym), problem);

  g_ptr_array_add (fixture->failures, g_steal_pointer (&message));
}

/* With scancodes, what arrives is exactly what was sent: the modifiers
 * held, the key (@presses times), the modifiers let go; every press with
 * the keysym this display gives the key in the same state, and the key's
 * first press with just the level's modifiers. */
static void
check_exact (VwTestKeylog *fixture,
             const Level  *level,
             guint         evdev,
             guint         presses,
             GArray       *keys)
{
  g_autoptr(GArray) expected = g_array_new (FALSE, TRUE, sizeof (VwTestKeyLine));
  g_autofree char *got = NULL;
  g_autofree char *wanted = NULL;
  guint mods[2] = { 0, 0 }, n_mods = 0, state = 0, key_state = 0;
  gboolean same = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (level->modifiers) && level->modifiers[i] != 0; i++)
    {
      VwTestKeyLine key = { TRUE, level->modifiers[i] + 8,
                            vw_test_translate_key (level->modifiers[i] + 8, state), state, "" };

      g_strlcpy (key.name, gdk_keyval_name (key.keysym), sizeof key.name);
      g_array_append_val (expected, key);
      mods[n_mods++] = level->modifiers[i];
      state |= vw_test_keylog_modifier_mask (fixture, level->modifiers[i]);
    }
  key_state = state;
  for (guint i = 0; i < presses; i++)
    {
      VwTestKeyLine press = { TRUE, evdev + 8, vw_test_translate_key (evdev + 8, key_state),
                              key_state, "" };
      VwTestKeyLine release = { FALSE, evdev + 8, 0, 0, "" };

      g_strlcpy (press.name, gdk_keyval_name (press.keysym), sizeof press.name);
      g_array_append_val (expected, press);
      g_array_append_val (expected, release);
    }
  for (guint i = n_mods; i > 0; i--)
    {
      VwTestKeyLine release = { FALSE, mods[i - 1] + 8, 0, 0, "" };

      g_array_append_val (expected, release);
    }

  same = keys->len == expected->len;
  for (guint i = 0; same && i < keys->len; i++)
    {
      VwTestKeyLine *a = &g_array_index (keys, VwTestKeyLine, i);
      VwTestKeyLine *b = &g_array_index (expected, VwTestKeyLine, i);

      same = a->press == b->press && a->keycode == b->keycode
             && (!a->press || a->keysym == b->keysym);
      /* The state of the key's own first press: nothing but the level's
       * modifiers (no Caps or Num Lock left on, nothing stuck). */
      if (same && a->press && a->keycode == evdev + 8 && i == n_mods)
        same = a->state == key_state;
    }
  if (same)
    {
      g_hash_table_add (fixture->arrived,
                        GUINT_TO_POINTER (g_array_index (expected, VwTestKeyLine, n_mods).keysym));
      return;
    }
  got = vw_test_describe_keys (keys);
  wanted = vw_test_describe_keys (expected);
  report (fixture, level, evdev,
          g_strdup_printf ("got [%s], expected [%s] (state 0x%x)", got, wanted, key_state));
}

/* With keysyms alone, the server picks the key and fakes the modifiers
 * that key needs: the key's keysym must arrive, and every key pressed must
 * be released again. */
static void
check_keysym (VwTestKeylog *fixture,
              const Level  *level,
              guint         evdev,
              GArray       *keys)
{
  guint state = 0, keysym;
  gboolean arrived = FALSE;
  g_autofree char *got = NULL;
  char keymap[256] = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (level->modifiers) && level->modifiers[i] != 0; i++)
    state |= vw_test_keylog_modifier_mask (fixture, level->modifiers[i]);
  keysym = vw_test_translate_key (evdev + 8, state);

  for (guint i = 0; i < keys->len; i++)
    {
      VwTestKeyLine *key = &g_array_index (keys, VwTestKeyLine, i);

      arrived |= key->press && key->keysym == keysym;
      keymap[key->keycode] = key->press;
    }
  got = vw_test_describe_keys (keys);
  for (guint i = 0; i < G_N_ELEMENTS (keymap); i++)
    if (keymap[i])
      {
        report (fixture, level, evdev,
                g_strdup_printf ("key %u was not released: [%s]", i, got));
        return;
      }
  if (arrived)
    g_hash_table_add (fixture->arrived, GUINT_TO_POINTER (keysym));
  else
    report (fixture, level, evdev,
            g_strdup_printf ("%s did not arrive: [%s]", gdk_keyval_name (keysym), got));
}

/* Presses and releases @evdev at @level (lock keys twice, so that they are
 * off again) and checks what arrives. */
static void
type_key (VwTestKeylog *fixture,
          const Level  *level,
          guint         evdev)
{
  g_autoptr(GArray) keys = NULL;
  guint presses = is_lock (evdev) ? 2 : 1;
  GdkModifierType state = 0;
  guint n_mods = 0;

  for (; n_mods < G_N_ELEMENTS (level->modifiers) && level->modifiers[n_mods] != 0; n_mods++)
    {
      vw_test_keylog_send_key (fixture, TRUE, level->modifiers[n_mods], state);
      state |= vw_test_keylog_modifier_mask (fixture, level->modifiers[n_mods]);
    }
  for (guint i = 0; i < presses; i++)
    {
      vw_test_keylog_send_key (fixture, TRUE, evdev, state);
      vw_test_keylog_send_key (fixture, FALSE, evdev, state);
    }
  for (guint i = n_mods; i > 0; i--)
    vw_test_keylog_send_key (fixture, FALSE, level->modifiers[i - 1], state);

  keys = vw_test_keylog_take_keys (fixture);
  if (fixture->params->path == VW_TEST_KEY_PATH_SCANCODES)
    check_exact (fixture, level, evdev, presses, keys);
  else
    check_keysym (fixture, level, evdev, keys);
}

/* Fails the test with what did not arrive as sent. */
static void
finish_report (VwTestKeylog *fixture)
{
  for (guint i = 0; i < fixture->failures->len; i++)
    g_test_message ("did not arrive as sent: %s",
                    (char *) g_ptr_array_index (fixture->failures, i));
  if (fixture->failures->len > 0)
    g_test_fail_printf ("%u keys did not arrive as sent (listed above)", fixture->failures->len);
}

/* Every key of the keyboard at every level of the layout. Modifiers and
 * lock keys are typed on their own, not at the levels of other
 * modifiers. */
static void
test_keys (VwTestKeylog  *fixture,
           gconstpointer  data)
{
  const VwTestLayout *layout = fixture->params->layout;
  guint n_keys = 0, n_sent = 0;

  /* The AltGr level exists where it should, in GDK and on the server. */
  if (layout->n_levels > 2)
    {
      guint mask = vw_test_keylog_modifier_mask (fixture, KEY_RIGHTALT);

      g_assert_cmpuint (mask, !=, 0);
      g_assert_cmpuint (vw_test_translate_key (KEY_2 + 8, mask), ==, GDK_KEY_asciitilde);
      g_assert_cmpuint (vw_test_translate_key (KEY_E + 8, mask), ==, GDK_KEY_EuroSign);
    }

  for (guint evdev = 1; evdev < 128; evdev++)
    {
      if (!is_105_key (evdev))
        continue;
      n_keys++;
      for (guint i = 0; i < layout->n_levels; i++)
        {
          if (i > 0 && (is_modifier (evdev) || is_lock (evdev)))
            continue;
          type_key (fixture, &levels[i], evdev);
          n_sent++;
        }
    }
  g_assert_cmpuint (n_keys, ==, 105);
  vw_test_keylog_assert_no_key_down (fixture);
  g_test_message ("%s, %s: %u keys, %u key and level combinations", layout->name,
                  vw_test_keylog_path_name (fixture), n_keys, n_sent);

  /* The layout's own characters are among what arrived, those typed with
   * AltGr too. */
  for (const guint *c = layout->plain; c != NULL && *c != 0; c++)
    if (!g_hash_table_contains (fixture->arrived, GUINT_TO_POINTER (*c)))
      g_ptr_array_add (fixture->failures, g_strdup_printf ("%s never arrived",
                                                           gdk_keyval_name (*c)));
  for (const guint *c = layout->altgr; c != NULL && *c != 0; c++)
    if (!g_hash_table_contains (fixture->arrived, GUINT_TO_POINTER (*c)))
      g_ptr_array_add (fixture->failures, g_strdup_printf ("%s never arrived",
                                                           gdk_keyval_name (*c)));
  finish_report (fixture);
}

int
main (int   argc,
      char *argv[])
{
  vw_test_keylog_init (&argc, &argv);
  vw_test_keylog_add ("/vnc-keyboard", "keys", test_keys);

  return g_test_run ();
}
