/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <glib-unix.h>
#include <linux/input-event-codes.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>
#include <X11/XKBlib.h>
#include <X11/Xlib.h>

#include "vw-test-util.h"
#include "vw-test-xvnc.h"
#include "vw-ui-test-util.h"
#include "vw-vnc-session.h"
#include "vw-vnc-view-private.h"

/* Every key of a 105-key PC keyboard, in the US and the French layout,
 * through the VNC view to a real VNC server: TigerVNC's Xvnc, with the same
 * layout as the test's display, and an X client of ours on it
 * (vw-x-event-logger) that logs the keys and buttons it gets. The test
 * runs on an Xvfb of its own, whose layout it sets.
 *
 * GTK 4 cannot synthesize key events, so keys go in through the entry point
 * the view's key controllers use, with the keyval GDK gives the hardware
 * keycode in the display's current layout: unmodified, with Shift, and for
 * the French layout with AltGr and Shift+AltGr. What must arrive is the
 * same key with the same keysym at that level:
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
 * Pointer clicks are real X events on the test's display (xdotool), as the
 * view gets them.
 *
 * Modifiers must set their state bit and come up again, keys held when the
 * view loses the focus must be released on the server, and clicks and the
 * wheel must arrive where they were made on the scaled screen. Pointer
 * events sent after a key are a marker: once the logger prints the motion,
 * everything before it has arrived. */

static VwApplication *app;

typedef struct
{
  const char *name;
  guint q_keyval;       /* what KEY_Q types: tells when GDK has the layout */
  guint n_levels;
  /* Characters that must arrive, typed without and with AltGr; 0-ended. */
  const guint *plain;
  const guint *altgr;
} Layout;

static const guint fr_plain[] = {
  GDK_KEY_eacute, GDK_KEY_egrave, GDK_KEY_ccedilla, GDK_KEY_agrave, GDK_KEY_ugrave, 0,
};
static const guint fr_altgr[] = {
  GDK_KEY_EuroSign, GDK_KEY_asciitilde, GDK_KEY_numbersign, GDK_KEY_braceleft,
  GDK_KEY_bracketleft, GDK_KEY_bar, GDK_KEY_grave, GDK_KEY_backslash, GDK_KEY_asciicircum,
  GDK_KEY_at, GDK_KEY_bracketright, GDK_KEY_braceright, 0,
};

static const Layout layouts[] = {
  { "us", GDK_KEY_q, 2, NULL, NULL },
  { "fr", GDK_KEY_a, 4, fr_plain, fr_altgr },
};

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

/* How keys travel: what the session asks for, and what Xvnc does with it. */
typedef enum
{
  /* QEMU's extended key event, and Xvnc -RawKeyboard presses the key its
   * scancode names: what a QEMU guest gets. */
  PATH_SCANCODES,
  /* Plain RFB key events (the session does not ask for scancodes): the
   * server maps the keysym onto its layout. */
  PATH_KEYSYMS,
  /* The extended key event, which Xvnc takes but whose scancode it drops
   * unless -RawKeyboard is given: what any TigerVNC server gets. */
  PATH_TIGERVNC_DEFAULT,
  N_PATHS
} Path;

static const char *path_names[] = { "scancodes", "keysyms", "tigervnc-default" };
G_STATIC_ASSERT (G_N_ELEMENTS (path_names) == N_PATHS);

typedef struct
{
  const Layout *layout;
  Path path;
} Params;

static const Params params[] = {
  { &layouts[0], PATH_SCANCODES }, { &layouts[0], PATH_KEYSYMS },
  { &layouts[0], PATH_TIGERVNC_DEFAULT },
  { &layouts[1], PATH_SCANCODES }, { &layouts[1], PATH_KEYSYMS },
  { &layouts[1], PATH_TIGERVNC_DEFAULT },
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

/* One key event of the logger. */
typedef struct
{
  gboolean press;
  guint keycode;
  guint keysym;
  guint state;
  char name[64];
} KeyLine;

typedef struct
{
  VwTestXvnc server;
  const Params *params;
  Display *xvnc;              /* ours, to ask the server what is down */
  GSubprocess *logger;
  GDataInputStream *log;
  GCancellable *cancellable;
  gboolean reading;
  GPtrArray *lines;
  guint seen;                 /* the lines before this one have been checked */
  guint n_markers;
  VwVncSession *session;
  GtkWidget *window;
  VwVncView *view;
  GtkWidget *entry;
  GPtrArray *failures;        /* of char *: what did not arrive as sent */
  GHashTable *arrived;        /* the keysyms that arrived as sent */
} Fixture;

/* The test's own X server: it changes the keyboard layout of its display
 * and needs the focus for its windows, which a display shared with other
 * programs (the session's Xvfb, where benchmarks may run meanwhile) would
 * neither allow nor want. It ends with the test. */
static void
start_own_display (void)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) xvfb = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  char number[16] = "";
  gsize length = 0;
  int fds[2];

  vw_test_require_program ("Xvfb");
  g_assert_true (g_unix_open_pipe (fds, FD_CLOEXEC, NULL));
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                                        | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_take_fd (launcher, fds[1], 3);
  g_subprocess_launcher_set_child_setup (launcher, vw_test_die_with_parent, NULL, NULL);
  xvfb = g_subprocess_launcher_spawn (launcher, &error, "Xvfb", "-displayfd", "3", "-screen", "0",
                                      "1280x800x24", "-nolisten", "tcp", NULL);
  g_assert_no_error (error);
  /* The server writes its display number to fd 3 once it is ready. */
  while (length < sizeof number - 1 && strchr (number, '\n') == NULL)
    {
      struct pollfd pfd = { fds[0], POLLIN, 0 };
      ssize_t n;

      if (poll (&pfd, 1, 10000) <= 0
          || (n = read (fds[0], number + length, sizeof number - 1 - length)) <= 0)
        g_error ("Xvfb did not start");
      length += n;
    }
  close (fds[0]);
  display = g_strdup_printf (":%d", atoi (number));
  g_setenv ("DISPLAY", display, TRUE);
  g_test_message ("the test's own display is %s", display);
}

static void
set_layout (const char *display,
            const char *layout)
{
  g_free (vw_test_run_on (display, "setxkbmap", "-rules", "evdev", "-model", "pc105",
                          "-layout", layout, "-variant", "", "-option", "", NULL));
}

static guint
translate (guint           keycode,
           GdkModifierType state)
{
  guint keyval = 0;

  if (!gdk_display_translate_key (gdk_display_get_default (), keycode, state, 0, &keyval, NULL,
                                  NULL, NULL))
    return 0;
  return keyval;
}

static gboolean
gdk_has_layout (gpointer data)
{
  const Layout *layout = data;

  return translate (KEY_Q + 8, 0) == layout->q_keyval;
}

/* The logger's output, line by line, as it comes. */
static void read_line (Fixture *fixture);

static void
on_line (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Fixture *fixture = data;
  g_autoptr(GError) error = NULL;
  char *line;

  line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result, NULL,
                                                    &error);
  if (line == NULL)
    {
      fixture->reading = FALSE;
      return;
    }
  g_ptr_array_add (fixture->lines, line);
  read_line (fixture);
}

static void
read_line (Fixture *fixture)
{
  fixture->reading = TRUE;
  g_data_input_stream_read_line_async (fixture->log, G_PRIORITY_DEFAULT, fixture->cancellable,
                                       on_line, fixture);
}

typedef struct
{
  Fixture *fixture;
  const char *line;
  guint index;
} Search;

static gboolean
has_line (gpointer data)
{
  Search *search = data;

  for (guint i = search->fixture->seen; i < search->fixture->lines->len; i++)
    if (g_str_equal (g_ptr_array_index (search->fixture->lines, i), search->line))
      {
        search->index = i;
        return TRUE;
      }
  return FALSE;
}

static G_GNUC_NORETURN void
fail_with_log (Fixture    *fixture,
               const char *message)
{
  g_autoptr(GString) log = g_string_new (NULL);

  for (guint i = fixture->seen; i < fixture->lines->len; i++)
    g_string_append_printf (log, "  %s\n", (char *) g_ptr_array_index (fixture->lines, i));
  g_error ("%s; the logger printed since the last check:\n%s", message, log->str);
}

/* The index of @line, logged after what has been checked, waiting up to
 * 5 s for it. */
static guint
wait_for_line (Fixture    *fixture,
               const char *line)
{
  Search search = { fixture, line, 0 };

  if (!vw_test_wait_until (has_line, &search, 5000))
    {
      g_autofree char *message = g_strdup_printf ("the logger did not print \"%s\"", line);

      fail_with_log (fixture, message);
    }
  return search.index;
}

static gboolean
has_line_prefix (gpointer data)
{
  Search *search = data;

  for (guint i = search->fixture->seen; i < search->fixture->lines->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (search->fixture->lines, i), search->line))
      {
        search->index = i;
        return TRUE;
      }
  return FALSE;
}

/* The index of the first line starting with @prefix, as wait_for_line(). */
static guint
wait_for_prefix (Fixture    *fixture,
                  const char *prefix)
{
  Search search = { fixture, prefix, 0 };

  if (!vw_test_wait_until (has_line_prefix, &search, 5000))
    {
      g_autofree char *message = g_strdup_printf ("the logger did not print \"%s…\"", prefix);

      fail_with_log (fixture, message);
    }
  return search.index;
}

/* Puts a marker into the server's event stream after what has been sent,
 * waits for it, and returns the key events logged before it that have not
 * been looked at yet. */
static GArray *
take_keys (Fixture *fixture)
{
  g_autofree char *marker = NULL;
  GArray *keys = g_array_new (FALSE, TRUE, sizeof (KeyLine));
  guint index;
  int x, y;

  /* A new position each time, so that each is a motion. */
  fixture->n_markers++;
  x = 1 + fixture->n_markers % 1000;
  y = 1 + fixture->n_markers / 1000 % 700;
  vw_vnc_session_pointer_event (fixture->session, 0, x, y);
  marker = g_strdup_printf ("Motion %d %d", x, y);
  index = wait_for_line (fixture, marker);

  for (guint i = fixture->seen; i < index; i++)
    {
      const char *line = g_ptr_array_index (fixture->lines, i);
      KeyLine key = { 0 };
      char type[16];

      if (g_str_equal (line, "FocusOut"))
        fail_with_log (fixture, "the logger lost the keyboard focus");
      if (sscanf (line, "%15s %u %x %x %63s", type, &key.keycode, &key.keysym, &key.state,
                  key.name) != 5)
        continue;
      key.press = g_str_equal (type, "KeyPress");
      if (!key.press && !g_str_equal (type, "KeyRelease"))
        continue;
      g_array_append_val (keys, key);
    }
  fixture->seen = index + 1;
  return keys;
}

/* The server's keys that are down, as "keycode keycode …", or "". */
static char *
keys_down (Fixture *fixture)
{
  GString *down = g_string_new (NULL);
  char keymap[32];

  XQueryKeymap (fixture->xvnc, keymap);
  for (guint code = 0; code < 256; code++)
    if (keymap[code / 8] & (1 << (code % 8)))
      g_string_append_printf (down, "%s%u", down->len > 0 ? " " : "", code);
  return g_string_free (down, FALSE);
}

static void
assert_no_key_down (Fixture *fixture)
{
  g_autofree char *down = keys_down (fixture);

  if (down[0] != '\0')
    g_error ("keys %s are still down on the server", down);
}

/* The modifier bits a modifier key sets on the server (an X core state,
 * which is also what GDK's X11 keymap takes). */
static guint
modifier_mask (Fixture *fixture,
               guint    evdev)
{
  return XkbKeysymToModifiers (fixture->xvnc, translate (evdev + 8, 0));
}

/* Sends a key as the view's key controller would get it. */
static void
send_key (Fixture         *fixture,
          gboolean         down,
          guint            evdev,
          GdkModifierType  state)
{
  guint keycode = evdev + 8;

  g_assert_true (vw_vnc_view_handle_key (fixture->view, down, translate (keycode, state), keycode,
                                         state, 0));
}

static gboolean
has_frame (gpointer data)
{
  return vw_vnc_session_get_n_frames (data) > 0;
}

/* Shown, at its size, with the window active and the server's screen. */
static gboolean
view_ready (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *view = GTK_WIDGET (fixture->view);

  return gtk_widget_get_mapped (view) && gtk_widget_get_width (view) == 800
         && gtk_widget_get_height (view) > 300 && gtk_window_is_active (GTK_WINDOW (fixture->window))
         && vw_vnc_session_get_texture (fixture->session) != NULL;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  g_autofree char *logger = g_test_build_filename (G_TEST_BUILT, "vw-x-event-logger", NULL);
  g_autofree char *port = NULL;
  GtkWidget *box;

  fixture->params = data;
  fixture->lines = g_ptr_array_new_with_free_func (g_free);
  fixture->failures = g_ptr_array_new_with_free_func (g_free);
  fixture->arrived = g_hash_table_new (NULL, NULL);

  /* The test's display types with the layout, and GDK knows it. */
  vw_test_require_program ("setxkbmap");
  vw_test_require_program ("xdotool");
  set_layout (gdk_display_get_name (gdk_display_get_default ()), fixture->params->layout->name);
  if (!vw_test_wait_until (gdk_has_layout, (gpointer) fixture->params->layout, 5000))
    g_error ("GDK did not take the %s layout", fixture->params->layout->name);

  /* So does the server, where the logger has the focus. */
  fixture->server.raw_keyboard = fixture->params->path == PATH_SCANCODES;
  vw_test_xvnc_start (&fixture->server, NULL);
  display = vw_test_xvnc_display (&fixture->server);
  set_layout (display, fixture->params->layout->name);
  fixture->xvnc = XOpenDisplay (display);
  g_assert_nonnull (fixture->xvnc);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_setenv (launcher, "DISPLAY", display, TRUE);
  g_subprocess_launcher_set_child_setup (launcher, vw_test_die_with_parent, NULL, NULL);
  fixture->logger = g_subprocess_launcher_spawn (launcher, &error, logger, NULL);
  g_assert_no_error (error);
  fixture->log = g_data_input_stream_new (g_subprocess_get_stdout_pipe (fixture->logger));
  fixture->cancellable = g_cancellable_new ();
  read_line (fixture);
  fixture->seen = wait_for_line (fixture, "Ready") + 1;

  fixture->session = vw_vnc_session_new ();
  vw_vnc_session_set_scancodes (fixture->session, fixture->params->path != PATH_KEYSYMS);
  port = vw_test_xvnc_port (&fixture->server);
  g_assert_true (vw_vnc_session_open_host (fixture->session, "127.0.0.1", port, &error));
  g_assert_no_error (error);
  vw_test_wait_for_vnc_state (fixture->session, VW_VNC_STATE_CONNECTED);
  /* The server says it takes scancodes in its first update. */
  g_assert_true (vw_test_wait_until (has_frame, fixture->session, 5000));
  g_assert_cmpint (vw_vnc_session_has_scancodes (fixture->session), ==,
                   fixture->params->path != PATH_KEYSYMS);

  /* The view, and an entry to take the focus from it. */
  fixture->window = gtk_window_new ();
  gtk_window_set_application (GTK_WINDOW (fixture->window), GTK_APPLICATION (app));
  gtk_window_set_decorated (GTK_WINDOW (fixture->window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 800, 500);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  fixture->view = VW_VNC_VIEW (vw_vnc_view_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (fixture->view), TRUE);
  vw_vnc_view_set_session (fixture->view, fixture->session);
  fixture->entry = gtk_entry_new ();
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->view));
  gtk_box_append (GTK_BOX (box), fixture->entry);
  gtk_window_set_child (GTK_WINDOW (fixture->window), box);
  gtk_window_present (GTK_WINDOW (fixture->window));
  if (!vw_test_wait_until (view_ready, fixture, 10000))
    g_error ("the view is not on screen");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  vw_vnc_session_close (fixture->session);
  g_clear_object (&fixture->session);

  g_cancellable_cancel (fixture->cancellable);
  g_subprocess_send_signal (fixture->logger, SIGTERM);
  g_subprocess_wait (fixture->logger, NULL, NULL);
  while (fixture->reading)
    g_main_context_iteration (NULL, TRUE);
  g_clear_object (&fixture->log);
  g_clear_object (&fixture->logger);
  g_clear_object (&fixture->cancellable);

  /* Xlib ends the process when its server goes away first. */
  XCloseDisplay (fixture->xvnc);
  vw_test_xvnc_stop (&fixture->server);
  g_ptr_array_unref (fixture->lines);
  g_ptr_array_unref (fixture->failures);
  g_hash_table_unref (fixture->arrived);
}

static const char *
path_name (Fixture *fixture)
{
  return path_names[fixture->params->path];
}

static char *
describe_keys (GArray *keys)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < keys->len; i++)
    {
      KeyLine *key = &g_array_index (keys, KeyLine, i);

      g_string_append_printf (text, "%s%s %u %s 0x%x", i > 0 ? ", " : "",
                              key->press ? "press" : "release", key->keycode, key->name,
                              key->state);
    }
  return g_string_free (text, FALSE);
}

/* A key that did not arrive as sent, collected so that one run reports
 * every key. */
static void
report (Fixture     *fixture,
        const Level *level,
        guint        evdev,
        char        *problem)   /* freed here */
{
  g_autofree char *owned = problem;
  g_autofree char *message = g_strdup_printf ("%s, %s, %s, key %u (%s): %s",
                                              fixture->params->layout->name,
                                              path_name (fixture), level->name, evdev,
                                              gdk_keyval_name (translate (evdev + 8, 0)),
                                              problem);

  g_ptr_array_add (fixture->failures, g_steal_pointer (&message));
}

/* With scancodes, what arrives is exactly what was sent: the modifiers
 * held, the key (@presses times), the modifiers let go; every press with
 * the keysym this display gives the key in the same state, and the key's
 * first press with just the level's modifiers. */
static void
check_exact (Fixture     *fixture,
             const Level *level,
             guint        evdev,
             guint        presses,
             GArray      *keys)
{
  g_autoptr(GArray) expected = g_array_new (FALSE, TRUE, sizeof (KeyLine));
  g_autofree char *got = NULL;
  g_autofree char *wanted = NULL;
  guint mods[2] = { 0, 0 }, n_mods = 0, state = 0, key_state = 0;
  gboolean same = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (level->modifiers) && level->modifiers[i] != 0; i++)
    {
      KeyLine key = { TRUE, level->modifiers[i] + 8, translate (level->modifiers[i] + 8, state),
                      state, "" };

      g_strlcpy (key.name, gdk_keyval_name (key.keysym), sizeof key.name);
      g_array_append_val (expected, key);
      mods[n_mods++] = level->modifiers[i];
      state |= modifier_mask (fixture, level->modifiers[i]);
    }
  key_state = state;
  for (guint i = 0; i < presses; i++)
    {
      KeyLine press = { TRUE, evdev + 8, translate (evdev + 8, key_state), key_state, "" };
      KeyLine release = { FALSE, evdev + 8, 0, 0, "" };

      g_strlcpy (press.name, gdk_keyval_name (press.keysym), sizeof press.name);
      g_array_append_val (expected, press);
      g_array_append_val (expected, release);
    }
  for (guint i = n_mods; i > 0; i--)
    {
      KeyLine release = { FALSE, mods[i - 1] + 8, 0, 0, "" };

      g_array_append_val (expected, release);
    }

  same = keys->len == expected->len;
  for (guint i = 0; same && i < keys->len; i++)
    {
      KeyLine *a = &g_array_index (keys, KeyLine, i);
      KeyLine *b = &g_array_index (expected, KeyLine, i);

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
                        GUINT_TO_POINTER (g_array_index (expected, KeyLine, n_mods).keysym));
      return;
    }
  got = describe_keys (keys);
  wanted = describe_keys (expected);
  report (fixture, level, evdev,
          g_strdup_printf ("got [%s], expected [%s] (state 0x%x)", got, wanted, key_state));
}

/* With keysyms alone, the server picks the key and fakes the modifiers
 * that key needs: the key's keysym must arrive, and every key pressed must
 * be released again. */
static void
check_keysym (Fixture     *fixture,
              const Level *level,
              guint        evdev,
              GArray      *keys)
{
  guint state = 0, keysym;
  gboolean arrived = FALSE;
  g_autofree char *got = NULL;
  char keymap[256] = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (level->modifiers) && level->modifiers[i] != 0; i++)
    state |= modifier_mask (fixture, level->modifiers[i]);
  keysym = translate (evdev + 8, state);

  for (guint i = 0; i < keys->len; i++)
    {
      KeyLine *key = &g_array_index (keys, KeyLine, i);

      arrived |= key->press && key->keysym == keysym;
      keymap[key->keycode] = key->press;
    }
  got = describe_keys (keys);
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
    report (fixture, level, evdev, g_strdup_printf ("%s did not arrive: [%s]", gdk_keyval_name (keysym), got));
}

/* Presses and releases @evdev at @level (lock keys twice, so that they are
 * off again) and checks what arrives. */
static void
type_key (Fixture     *fixture,
          const Level *level,
          guint        evdev)
{
  g_autoptr(GArray) keys = NULL;
  guint presses = is_lock (evdev) ? 2 : 1;
  GdkModifierType state = 0;
  guint n_mods = 0;

  for (; n_mods < G_N_ELEMENTS (level->modifiers) && level->modifiers[n_mods] != 0; n_mods++)
    {
      send_key (fixture, TRUE, level->modifiers[n_mods], state);
      state |= modifier_mask (fixture, level->modifiers[n_mods]);
    }
  for (guint i = 0; i < presses; i++)
    {
      send_key (fixture, TRUE, evdev, state);
      send_key (fixture, FALSE, evdev, state);
    }
  for (guint i = n_mods; i > 0; i--)
    send_key (fixture, FALSE, level->modifiers[i - 1], state);

  keys = take_keys (fixture);
  if (fixture->params->path == PATH_SCANCODES)
    check_exact (fixture, level, evdev, presses, keys);
  else
    check_keysym (fixture, level, evdev, keys);
}

/* Fails the test with what did not arrive as sent. */
static void
finish_report (Fixture *fixture)
{
  for (guint i = 0; i < fixture->failures->len; i++)
    g_test_message ("did not arrive as sent: %s", (char *) g_ptr_array_index (fixture->failures, i));
  if (fixture->failures->len > 0)
    g_test_fail_printf ("%u keys did not arrive as sent (listed above)", fixture->failures->len);
}

/* Every key of the keyboard at every level of the layout. Modifiers and
 * lock keys are typed on their own, not at the levels of other
 * modifiers. */
static void
test_keys (Fixture       *fixture,
           gconstpointer  data)
{
  const Layout *layout = fixture->params->layout;
  guint n_keys = 0, n_sent = 0;

  /* The AltGr level exists where it should, in GDK and on the server. */
  if (layout->n_levels > 2)
    {
      guint mask = modifier_mask (fixture, KEY_RIGHTALT);

      g_assert_cmpuint (mask, !=, 0);
      g_assert_cmpuint (translate (KEY_2 + 8, mask), ==, GDK_KEY_asciitilde);
      g_assert_cmpuint (translate (KEY_E + 8, mask), ==, GDK_KEY_EuroSign);
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
  assert_no_key_down (fixture);
  g_test_message ("%s, %s: %u keys, %u key and level combinations", layout->name,
                  path_name (fixture), n_keys, n_sent);

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
assert_keys (Fixture        *fixture,
             GArray         *keys,
             const Expected *expected,
             guint           n_expected)
{
  guint keycodes[256] = { 0 };
  gboolean same = keys->len == n_expected;

  for (guint i = 0; same && i < n_expected; i++)
    {
      KeyLine *key = &g_array_index (keys, KeyLine, i);
      const Expected *want = &expected[i];

      same = key->press == want->press;
      if (same && fixture->params->path == PATH_SCANCODES)
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
      g_autofree char *got = describe_keys (keys);

      for (guint i = 0; i < n_expected; i++)
        g_string_append_printf (wanted, "%s%s %u %s 0x%x", i > 0 ? ", " : "",
                                expected[i].press ? "press" : "release", expected[i].evdev + 8,
                                expected[i].press ? gdk_keyval_name (expected[i].keysym) : "",
                                expected[i].state);
      g_error ("%s, %s: got [%s], expected [%s]", fixture->params->layout->name,
               path_name (fixture), got, wanted->str);
    }
}

/* Each modifier on its own arrives as a press and a release of its key,
 * and F5 typed while it is held has its state bit (F5: a key no modifier
 * here changes, so a keysym server fakes nothing around it). Caps Lock
 * makes a letter upper case until it is pressed again, Num Lock turns the
 * keypad into digits. */
static void
test_modifiers (Fixture       *fixture,
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
      guint mask = modifier_mask (fixture, evdev);
      g_autoptr(GArray) keys = NULL;
      const Expected expected[] = {
        { TRUE, evdev, translate (evdev + 8, 0), 0 },
        { TRUE, KEY_F5, GDK_KEY_F5, mask },
        { FALSE, KEY_F5 },
        { FALSE, evdev },
      };

      g_assert_cmpuint (mask, !=, 0);
      send_key (fixture, TRUE, evdev, 0);
      send_key (fixture, TRUE, KEY_F5, mask);
      send_key (fixture, FALSE, KEY_F5, mask);
      send_key (fixture, FALSE, evdev, mask);
      keys = take_keys (fixture);
      assert_keys (fixture, keys, expected, G_N_ELEMENTS (expected));
      g_test_message ("%s: %s sets 0x%x", fixture->params->layout->name,
                      gdk_keyval_name (translate (evdev + 8, 0)), mask);
    }

  for (guint i = 0; i < G_N_ELEMENTS (locks); i++)
    {
      guint lock = locks[i].lock, probe = locks[i].probe;
      guint mask = modifier_mask (fixture, lock);
      guint lock_keysym = translate (lock + 8, 0);
      g_autoptr(GArray) keys = NULL;
      const Expected expected[] = {
        { TRUE, lock, lock_keysym, 0 }, { FALSE, lock },
        { TRUE, probe, translate (probe + 8, mask), mask }, { FALSE, probe },
        { TRUE, lock, lock_keysym, mask }, { FALSE, lock },
        { TRUE, probe, translate (probe + 8, 0), 0 }, { FALSE, probe },
      };

      g_assert_cmpuint (mask, !=, 0);
      g_assert_cmpuint (translate (probe + 8, mask), !=, translate (probe + 8, 0));
      send_key (fixture, TRUE, lock, 0);
      send_key (fixture, FALSE, lock, mask);
      send_key (fixture, TRUE, probe, mask);
      send_key (fixture, FALSE, probe, mask);
      send_key (fixture, TRUE, lock, mask);
      send_key (fixture, FALSE, lock, mask);
      send_key (fixture, TRUE, probe, 0);
      send_key (fixture, FALSE, probe, 0);
      keys = take_keys (fixture);
      assert_keys (fixture, keys, expected, G_N_ELEMENTS (expected));
    }
  assert_no_key_down (fixture);
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
click_view (Fixture *fixture)
{
  vw_test_pointer_to (GTK_WIDGET (fixture->view), 300, 200);
  vw_test_xdotool ("click", "1");
  if (!vw_test_wait_until (is_grabbed, fixture->view, 5000))
    g_error ("a click did not grab the keyboard");
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (fixture->view)));
  /* The button is up again on the server before any key goes down. */
  fixture->seen = wait_for_prefix (fixture, "ButtonRelease 1 ") + 1;
}

static const guint held[] = {
  KEY_LEFTSHIFT, KEY_RIGHTCTRL, KEY_LEFTALT, KEY_RIGHTALT, KEY_LEFTMETA, KEY_F, KEY_SPACE,
};

/* Presses the keys of held[] and leaves them down, on the server too;
 * returns what the logger got. */
static GArray *
hold_keys (Fixture *fixture)
{
  g_autofree char *down = NULL;
  g_auto(GStrv) codes = NULL;
  GdkModifierType state = 0;
  GArray *keys;

  for (guint i = 0; i < G_N_ELEMENTS (held); i++)
    {
      send_key (fixture, TRUE, held[i], state);
      state |= modifier_mask (fixture, held[i]);
    }
  keys = take_keys (fixture);
  down = keys_down (fixture);
  if (fixture->params->path == PATH_SCANCODES)
    {
      g_autoptr(GString) wanted = g_string_new (NULL);

      /* In keycode order, as keys_down() gives them. */
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
assert_released (Fixture *fixture,
                 GArray  *pressed)
{
  g_autoptr(GArray) keys = take_keys (fixture);
  g_autofree char *before = describe_keys (pressed);
  g_autofree char *after = describe_keys (keys);
  int balance[256] = { 0 };

  for (guint i = 0; i < pressed->len; i++)
    {
      KeyLine *key = &g_array_index (pressed, KeyLine, i);

      balance[key->keycode] += key->press ? 1 : -1;
    }
  for (guint i = 0; i < keys->len; i++)
    {
      KeyLine *key = &g_array_index (keys, KeyLine, i);

      balance[key->keycode] += key->press ? 1 : -1;
    }
  for (guint i = 0; i < G_N_ELEMENTS (balance); i++)
    if (balance[i] != 0)
      g_error ("%s, %s: key %u is not released: [%s] then [%s]", fixture->params->layout->name,
               path_name (fixture), i, before, after);
  assert_no_key_down (fixture);
}

/* Keys held down while the focus leaves the view, for another widget or
 * another window, are released on the server; the grab ends. */
static void
test_release_on_focus_out (Fixture       *fixture,
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
fit_point (Fixture *fixture,
           int      x,
           int      y,
           int     *sx,
           int     *sy)
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
test_pointer (Fixture       *fixture,
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
      fixture->seen = wait_for_line (fixture, motion) + 1;
      for (guint b = 0; b < G_N_ELEMENTS (buttons); b++)
        {
          g_autofree char *press = NULL;
          g_autofree char *release = NULL;
          guint index;

          vw_test_xdotool ("click", buttons[b]);
          press = g_strdup_printf ("ButtonPress %s %d %d 0x0", buttons[b], sx, sy);
          index = wait_for_line (fixture, press);
          release = g_strdup_printf ("ButtonRelease %s %d %d ", buttons[b], sx, sy);
          fixture->seen = index + 1;
          index = wait_for_prefix (fixture, release);
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
  vw_test_init (&argc, &argv);
  start_own_display ();
  app = vw_test_ui_init ();

  for (guint i = 0; i < G_N_ELEMENTS (params); i++)
    {
      static const struct
      {
        const char *name;
        void (*func) (Fixture *, gconstpointer);
      } tests[] = {
        { "keys", test_keys },
        { "modifiers", test_modifiers },
        { "release-on-focus-out", test_release_on_focus_out },
      };

      for (guint t = 0; t < G_N_ELEMENTS (tests); t++)
        {
          g_autofree char *path = g_strdup_printf ("/vnc-keyboard/%s/%s/%s",
                                                   params[i].layout->name,
                                                   path_names[params[i].path], tests[t].name);

          g_test_add (path, Fixture, &params[i], fixture_setup, tests[t].func, fixture_teardown);
        }
    }

  g_test_add ("/vnc-keyboard/pointer", Fixture, &params[0], fixture_setup, test_pointer,
              fixture_teardown);

  return g_test_run ();
}
