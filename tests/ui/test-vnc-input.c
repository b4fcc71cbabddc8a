/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <linux/input-event-codes.h>
#include <math.h>

#include "vw-test-keylog.h"
#include "vw-test-util.h"
#include "vw-test-xvnc.h"

/* Modifiers, keys held when the view loses the focus, and the pointer,
 * through the VNC view to a real VNC server, where an X client of ours logs
 * the keys and buttons it gets (the fixture: vw-test-keylog.h); the keys in
 * the US and the French layout, by each path.
 *
 * Modifiers must set their state bit and come up again, keys held when the
 * view loses the focus must be released on the server, and clicks and the
 * wheel must arrive where they were made on the scaled screen. Pointer
 * clicks are real X events on the test's display (xdotool), as the view
 * gets them.
 *
 * Every key at every level is tested in test-vnc-keyboard.c. */

/* One key event a test expects from the logger. */
typedef struct
{
  gboolean press;
  guint evdev;
  guint keysym;     /* of a press */
  guint state;      /* of a press; ANY_STATE for any */
} Expected;

#define ANY_STATE G_MAXUINT

/* @keys is @expected: presses with their keysyms and states, each release
 * of the key its press went to; with scancodes, on the very keys sent. */
static void
assert_keys (VwTestKeylog   *fixture,
             GArray         *keys,
             const Expected *expected,
             guint           n_expected)
{
  guint keycodes[256] = { 0 };
  gboolean same = keys->len == n_expected;

  for (guint i = 0; same && i < n_expected; i++)
    {
      VwTestKeyLine *key = &g_array_index (keys, VwTestKeyLine, i);
      const Expected *want = &expected[i];

      same = key->press == want->press;
      if (same && fixture->params->path == VW_TEST_KEY_PATH_SCANCODES)
        same = key->keycode == want->evdev + 8;
      if (same && want->press)
        {
          same = key->keysym == want->keysym
                 && (want->state == ANY_STATE || key->state == want->state);
          keycodes[want->evdev] = key->keycode;
        }
      else if (same)
        {
          same = key->keycode == keycodes[want->evdev];
        }
    }
  if (!same)
    {
      g_autoptr(GString) wanted = g_string_new (NULL);
      g_autofree char *got = vw_test_describe_keys (keys);

      for (guint i = 0; i < n_expected; i++)
        g_string_append_printf (wanted, "%s%s %u %s 0x%x", i > 0 ? ", " : "",
                                expected[i].press ? "press" : "release", expected[i].evdev + 8,
                                expected[i].press ? gdk_keyval_name (expected[i].keysym) : "",
                                expected[i].state);
      g_error ("%s, %s: got [%s], expected [%s]", fixture->params->layout->name,
               vw_test_keylog_path_name (fixture), got, wanted->str);
    }
}

/* Each modifier on its own arrives as a press and a release of its key,
 * and F5 typed while it is held has its state bit (F5: a key no modifier
 * here changes, so a keysym server fakes nothing around it). Caps Lock
 * makes a letter upper case until it is pressed again, Num Lock turns the
 * keypad into digits. */
static void
test_modifiers (VwTestKeylog  *fixture,
                gconstpointer  data)
{
  static const guint modifiers[] = {
    KEY_LEFTSHIFT, KEY_RIGHTSHIFT, KEY_LEFTCTRL, KEY_RIGHTCTRL, KEY_LEFTALT, KEY_RIGHTALT,
    KEY_LEFTMETA, KEY_RIGHTMETA,
  };
  static const struct
  {
    guint lock;
    guint probe;
  } locks[] = {
    { KEY_CAPSLOCK, KEY_F },
    { KEY_NUMLOCK, KEY_KP7 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (modifiers); i++)
    {
      guint evdev = modifiers[i];
      guint mask = vw_test_keylog_modifier_mask (fixture, evdev);
      g_autoptr(GArray) keys = NULL;
      const Expected expected[] = {
        { TRUE, evdev, vw_test_translate_key (evdev + 8, 0), 0 },
        { TRUE, KEY_F5, GDK_KEY_F5, mask },
        { FALSE, KEY_F5 },
        { FALSE, evdev },
      };

      g_assert_cmpuint (mask, !=, 0);
      vw_test_keylog_send_key (fixture, TRUE, evdev, 0);
      vw_test_keylog_send_key (fixture, TRUE, KEY_F5, mask);
      vw_test_keylog_send_key (fixture, FALSE, KEY_F5, mask);
      vw_test_keylog_send_key (fixture, FALSE, evdev, mask);
      keys = vw_test_keylog_take_keys (fixture);
      assert_keys (fixture, keys, expected, G_N_ELEMENTS (expected));
      g_test_message ("%s: %s sets 0x%x", fixture->params->layout->name,
                      gdk_keyval_name (vw_test_translate_key (evdev + 8, 0)), mask);
    }

  for (guint i = 0; i < G_N_ELEMENTS (locks); i++)
    {
      guint lock = locks[i].lock, probe = locks[i].probe;
      guint mask = vw_test_keylog_modifier_mask (fixture, lock);
      guint lock_keysym = vw_test_translate_key (lock + 8, 0);
      g_autoptr(GArray) keys = NULL;
      const Expected expected[] = {
        { TRUE, lock, lock_keysym, 0 }, { FALSE, lock },
        { TRUE, probe, vw_test_translate_key (probe + 8, mask), mask }, { FALSE, probe },
        { TRUE, lock, lock_keysym, mask }, { FALSE, lock },
        { TRUE, probe, vw_test_translate_key (probe + 8, 0), 0 }, { FALSE, probe },
      };

      g_assert_cmpuint (mask, !=, 0);
      g_assert_cmpuint (vw_test_translate_key (probe + 8, mask), !=,
                        vw_test_translate_key (probe + 8, 0));
      vw_test_keylog_send_key (fixture, TRUE, lock, 0);
      vw_test_keylog_send_key (fixture, FALSE, lock, mask);
      vw_test_keylog_send_key (fixture, TRUE, probe, mask);
      vw_test_keylog_send_key (fixture, FALSE, probe, mask);
      vw_test_keylog_send_key (fixture, TRUE, lock, mask);
      vw_test_keylog_send_key (fixture, FALSE, lock, mask);
      vw_test_keylog_send_key (fixture, TRUE, probe, 0);
      vw_test_keylog_send_key (fixture, FALSE, probe, 0);
      keys = vw_test_keylog_take_keys (fixture);
      assert_keys (fixture, keys, expected, G_N_ELEMENTS (expected));
    }
  vw_test_keylog_assert_no_key_down (fixture);
}

static gboolean
is_grabbed (gpointer data)
{
  return vw_vnc_view_get_grabbed (data);
}

static gboolean
is_inactive (gpointer data)
{
  return !gtk_window_is_active (data);
}

static gboolean
has_no_focus (gpointer data)
{
  return !gtk_widget_has_focus (data);
}

/* A click on the view gives it the keyboard. */
static void
click_view (VwTestKeylog *fixture)
{
  vw_test_pointer_to (GTK_WIDGET (fixture->view), 300, 200);
  vw_test_xdotool ("click", "1");
  if (!vw_test_wait_until (is_grabbed, fixture->view, 5000))
    g_error ("a click did not grab the keyboard");
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (fixture->view)));
  /* The button is up again on the server before any key goes down. */
  fixture->seen = vw_test_keylog_wait_for_prefix (fixture, "ButtonRelease 1 ") + 1;
}

static const guint held[] = {
  KEY_LEFTSHIFT, KEY_RIGHTCTRL, KEY_LEFTALT, KEY_RIGHTALT, KEY_LEFTMETA, KEY_F, KEY_SPACE,
};

/* Presses the keys of held[] and leaves them down, on the server too;
 * returns what the logger got. */
static GArray *
hold_keys (VwTestKeylog *fixture)
{
  g_autofree char *down = NULL;
  g_auto(GStrv) codes = NULL;
  GdkModifierType state = 0;
  GArray *keys;

  for (guint i = 0; i < G_N_ELEMENTS (held); i++)
    {
      vw_test_keylog_send_key (fixture, TRUE, held[i], state);
      state |= vw_test_keylog_modifier_mask (fixture, held[i]);
    }
  keys = vw_test_keylog_take_keys (fixture);
  down = vw_test_keylog_keys_down (fixture);
  if (fixture->params->path == VW_TEST_KEY_PATH_SCANCODES)
    {
      g_autoptr(GString) wanted = g_string_new (NULL);

      /* In keycode order, as vw_test_keylog_keys_down() gives them. */
      for (guint code = 0; code < 256; code++)
        for (guint i = 0; i < G_N_ELEMENTS (held); i++)
          if (held[i] + 8 == code)
            g_string_append_printf (wanted, "%s%u", wanted->len > 0 ? " " : "", code);
      g_assert_cmpstr (down, ==, wanted->str);
    }
  else
    {
      /* A keysym server presses keys of its choice, as many. */
      codes = g_strsplit (down, " ", -1);
      g_assert_cmpuint (g_strv_length (codes), ==, G_N_ELEMENTS (held));
    }
  return keys;
}

/* What the logger got since @pressed (which held[]) shows every key
 * released again, and the server has nothing down. */
static void
assert_released (VwTestKeylog *fixture,
                 GArray       *pressed)
{
  g_autoptr(GArray) keys = vw_test_keylog_take_keys (fixture);
  g_autofree char *before = vw_test_describe_keys (pressed);
  g_autofree char *after = vw_test_describe_keys (keys);
  int balance[256] = { 0 };

  for (guint i = 0; i < pressed->len; i++)
    {
      VwTestKeyLine *key = &g_array_index (pressed, VwTestKeyLine, i);

      balance[key->keycode] += key->press ? 1 : -1;
    }
  for (guint i = 0; i < keys->len; i++)
    {
      VwTestKeyLine *key = &g_array_index (keys, VwTestKeyLine, i);

      balance[key->keycode] += key->press ? 1 : -1;
    }
  for (guint i = 0; i < G_N_ELEMENTS (balance); i++)
    if (balance[i] != 0)
      g_error ("%s, %s: key %u is not released: [%s] then [%s]", fixture->params->layout->name,
               vw_test_keylog_path_name (fixture), i, before, after);
  vw_test_keylog_assert_no_key_down (fixture);
}

/* Keys held down while the focus leaves the view, for another widget or
 * another window, are released on the server; the grab ends. */
static void
test_release_on_focus_out (VwTestKeylog  *fixture,
                           gconstpointer  data)
{
  g_autoptr(GArray) pressed = NULL;
  GtkWidget *other;

  /* Another widget of the window takes the focus. */
  click_view (fixture);
  pressed = hold_keys (fixture);
  gtk_widget_grab_focus (fixture->entry);
  g_assert_true (vw_test_wait_until (has_no_focus, fixture->view, 5000));
  assert_released (fixture, pressed);
  g_assert_false (vw_vnc_view_get_grabbed (fixture->view));

  /* Another window comes up. */
  click_view (fixture);
  g_clear_pointer (&pressed, g_array_unref);
  pressed = hold_keys (fixture);
  other = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (other), 200, 100);
  gtk_window_present (GTK_WINDOW (other));
  if (!vw_test_wait_until (is_inactive, fixture->window, 5000))
    g_error ("the view's window stayed active");
  assert_released (fixture, pressed);
  g_assert_false (vw_vnc_view_get_grabbed (fixture->view));
  gtk_window_destroy (GTK_WINDOW (other));
}

/* Where a point of the view is on the 1024 × 768 screen in FIT: the
 * screen scaled into the view with its aspect kept, centred on whole
 * pixels, the letterbox clamped to the edge. */
static void
fit_point (VwTestKeylog *fixture,
           int           x,
           int           y,
           int          *sx,
           int          *sy)
{
  double width = gtk_widget_get_width (GTK_WIDGET (fixture->view));
  double height = gtk_widget_get_height (GTK_WIDGET (fixture->view));
  double scale = MIN (width / 1024, height / 768);
  int left = (int) ((width - 1024 * scale) / 2 + 0.5);
  int top = (int) ((height - 768 * scale) / 2 + 0.5);
  double fx = (x - left) / scale, fy = (y - top) / scale;

  /* A point on a pixel's edge would test rounding, not placement. */
  g_assert_cmpfloat (fabs (fx - floor (fx + 0.5)), >, 0.01);
  g_assert_cmpfloat (fabs (fy - floor (fy + 0.5)), >, 0.01);
  *sx = CLAMP ((int) floor (fx), 0, 1023);
  *sy = CLAMP ((int) floor (fy), 0, 767);
}

/* Buttons 1, 2, 3 and the wheel up and down, clicked under Xvfb on the
 * view in FIT, arrive on the server's screen where they were made; in the
 * letterbox, at the nearest edge. */
static void
test_pointer (VwTestKeylog  *fixture,
              gconstpointer  data)
{
  int width = gtk_widget_get_width (GTK_WIDGET (fixture->view));
  int height = gtk_widget_get_height (GTK_WIDGET (fixture->view));
  const int points[][2] = {
    { width / 2 - 3, height / 2 + 7 },   /* the middle */
    { width / 2 - 200, 33 },             /* near the top left */
    { width / 2 + 301, height - 5 },     /* near the bottom right */
    { 17, height / 3 },                  /* left of the picture */
    { width - 3, 2 * height / 3 },       /* right of it */
  };
  const char *buttons[] = { "1", "2", "3", "4", "5" };

  g_assert_cmpint (vw_vnc_view_get_scale (fixture->view), ==, VW_VNC_SCALE_FIT);
  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      g_autofree char *motion = NULL;
      int sx, sy;

      fit_point (fixture, points[i][0], points[i][1], &sx, &sy);
      vw_test_pointer_to (GTK_WIDGET (fixture->view), points[i][0], points[i][1]);
      motion = g_strdup_printf ("Motion %d %d", sx, sy);
      fixture->seen = vw_test_keylog_wait_for_line (fixture, motion) + 1;
      for (guint b = 0; b < G_N_ELEMENTS (buttons); b++)
        {
          g_autofree char *press = NULL;
          g_autofree char *release = NULL;
          guint index;

          vw_test_xdotool ("click", buttons[b]);
          press = g_strdup_printf ("ButtonPress %s %d %d 0x0", buttons[b], sx, sy);
          index = vw_test_keylog_wait_for_line (fixture, press);
          release = g_strdup_printf ("ButtonRelease %s %d %d ", buttons[b], sx, sy);
          fixture->seen = index + 1;
          index = vw_test_keylog_wait_for_prefix (fixture, release);
          fixture->seen = index + 1;
        }
      g_test_message ("view (%d, %d) of %d × %d is (%d, %d) on the server", points[i][0],
                      points[i][1], width, height, sx, sy);
    }
  /* The first click took the keyboard. */
  g_assert_true (vw_vnc_view_get_grabbed (fixture->view));
}

int
main (int   argc,
      char *argv[])
{
  vw_test_keylog_init (&argc, &argv);
  vw_test_keylog_add ("/vnc-input", "modifiers", test_modifiers);
  vw_test_keylog_add ("/vnc-input", "release-on-focus-out", test_release_on_focus_out);

  /* The pointer once: the US layout, with scancodes. */
  g_test_add ("/vnc-input/pointer", VwTestKeylog, &vw_test_key_params[0], vw_test_keylog_setup,
              test_pointer, vw_test_keylog_teardown);

  return g_test_run ();
}
