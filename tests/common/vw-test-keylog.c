/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-test"

#include <gdk/x11/gdkx.h>
#include <glib-unix.h>
#include <linux/input-event-codes.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <X11/XKBlib.h>

#include "vw-test-keylog.h"
#include "vw-test-util.h"
#include "vw-ui-test-util.h"
#include "vw-vnc-view-private.h"

static VwApplication *app;

static const guint fr_plain[] = {
  GDK_KEY_eacute, GDK_KEY_egrave, GDK_KEY_ccedilla, GDK_KEY_agrave, GDK_KEY_ugrave, 0,
};
static const guint fr_altgr[] = {
  GDK_KEY_EuroSign, GDK_KEY_asciitilde, GDK_KEY_numbersign, GDK_KEY_braceleft,
  GDK_KEY_bracketleft, GDK_KEY_bar, GDK_KEY_grave, GDK_KEY_backslash, GDK_KEY_asciicircum,
  GDK_KEY_at, GDK_KEY_bracketright, GDK_KEY_braceright, 0,
};

static const VwTestLayout layouts[] = {
  { "us", GDK_KEY_q, 2, NULL, NULL },
  { "fr", GDK_KEY_a, 4, fr_plain, fr_altgr },
};

static const char *path_names[] = { "scancodes", "keysyms", "tigervnc-default" };
G_STATIC_ASSERT (G_N_ELEMENTS (path_names) == VW_TEST_N_KEY_PATHS);

const VwTestKeyParams vw_test_key_params[] = {
  { &layouts[0], VW_TEST_KEY_PATH_SCANCODES }, { &layouts[0], VW_TEST_KEY_PATH_KEYSYMS },
  { &layouts[0], VW_TEST_KEY_PATH_TIGERVNC_DEFAULT },
  { &layouts[1], VW_TEST_KEY_PATH_SCANCODES }, { &layouts[1], VW_TEST_KEY_PATH_KEYSYMS },
  { &layouts[1], VW_TEST_KEY_PATH_TIGERVNC_DEFAULT },
};
const guint vw_test_n_key_params = G_N_ELEMENTS (vw_test_key_params);

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

void
vw_test_keylog_init (int    *argc,
                     char ***argv)
{
  vw_test_init (argc, argv);
  start_own_display ();
  app = vw_test_ui_init ();
}

void
vw_test_keylog_add (const char       *prefix,
                    const char       *name,
                    VwTestKeylogFunc  func)
{
  for (guint i = 0; i < vw_test_n_key_params; i++)
    {
      const VwTestKeyParams *params = &vw_test_key_params[i];
      g_autofree char *path = g_strdup_printf ("%s/%s/%s/%s", prefix, params->layout->name,
                                               path_names[params->path], name);

      g_test_add (path, VwTestKeylog, params, vw_test_keylog_setup, func,
                  vw_test_keylog_teardown);
    }
}

const char *
vw_test_keylog_path_name (VwTestKeylog *fixture)
{
  return path_names[fixture->params->path];
}

static void
set_layout (const char *display,
            const char *layout)
{
  g_free (vw_test_run_on (display, "setxkbmap", "-rules", "evdev", "-model", "pc105",
                          "-layout", layout, "-variant", "", "-option", "", NULL));
}

guint
vw_test_translate_key (guint           keycode,
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
  const VwTestLayout *layout = data;

  return vw_test_translate_key (KEY_Q + 8, 0) == layout->q_keyval;
}

char *
vw_test_describe_keys (GArray *keys)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < keys->len; i++)
    {
      VwTestKeyLine *key = &g_array_index (keys, VwTestKeyLine, i);

      g_string_append_printf (text, "%s%s %u %s 0x%x", i > 0 ? ", " : "",
                              key->press ? "press" : "release", key->keycode, key->name,
                              key->state);
    }
  return g_string_free (text, FALSE);
}

/* The logger's output, line by line, as it comes. */
static void read_line (VwTestKeylog *fixture);

static void
on_line (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  VwTestKeylog *fixture = data;
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
read_line (VwTestKeylog *fixture)
{
  fixture->reading = TRUE;
  g_data_input_stream_read_line_async (fixture->log, G_PRIORITY_DEFAULT, fixture->cancellable,
                                       on_line, fixture);
}

typedef struct
{
  VwTestKeylog *fixture;
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
fail_with_log (VwTestKeylog *fixture,
               const char   *message)
{
  g_autoptr(GString) log = g_string_new (NULL);

  for (guint i = fixture->seen; i < fixture->lines->len; i++)
    g_string_append_printf (log, "  %s\n", (char *) g_ptr_array_index (fixture->lines, i));
  g_error ("%s; the logger printed since the last check:\n%s", message, log->str);
}

guint
vw_test_keylog_wait_for_line (VwTestKeylog *fixture,
                              const char   *line)
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

guint
vw_test_keylog_wait_for_prefix (VwTestKeylog *fixture,
                                const char   *prefix)
{
  Search search = { fixture, prefix, 0 };

  if (!vw_test_wait_until (has_line_prefix, &search, 5000))
    {
      g_autofree char *message = g_strdup_printf ("the logger did not print \"%s…\"", prefix);

      fail_with_log (fixture, message);
    }
  return search.index;
}

GArray *
vw_test_keylog_take_keys (VwTestKeylog *fixture)
{
  g_autofree char *marker = NULL;
  GArray *keys = g_array_new (FALSE, TRUE, sizeof (VwTestKeyLine));
  guint index;
  int x, y;

  /* A new position each time, so that each is a motion. */
  fixture->n_markers++;
  x = 1 + fixture->n_markers % 1000;
  y = 1 + fixture->n_markers / 1000 % 700;
  vw_vnc_session_pointer_event (fixture->session, 0, x, y);
  marker = g_strdup_printf ("Motion %d %d", x, y);
  index = vw_test_keylog_wait_for_line (fixture, marker);

  for (guint i = fixture->seen; i < index; i++)
    {
      const char *line = g_ptr_array_index (fixture->lines, i);
      VwTestKeyLine key = { 0 };
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

char *
vw_test_keylog_keys_down (VwTestKeylog *fixture)
{
  GString *down = g_string_new (NULL);
  char keymap[32];

  XQueryKeymap (fixture->xvnc, keymap);
  for (guint code = 0; code < 256; code++)
    if (keymap[code / 8] & (1 << (code % 8)))
      g_string_append_printf (down, "%s%u", down->len > 0 ? " " : "", code);
  return g_string_free (down, FALSE);
}

void
vw_test_keylog_assert_no_key_down (VwTestKeylog *fixture)
{
  g_autofree char *down = vw_test_keylog_keys_down (fixture);

  if (down[0] != '\0')
    g_error ("keys %s are still down on the server", down);
}

guint
vw_test_keylog_modifier_mask (VwTestKeylog *fixture,
                              guint         evdev)
{
  return XkbKeysymToModifiers (fixture->xvnc, vw_test_translate_key (evdev + 8, 0));
}

/* GTK 4 cannot synthesize key events: the key goes in through the entry
 * point the view's key controllers use, with the keyval GDK gives the
 * hardware keycode in the display's current layout. */
void
vw_test_keylog_send_key (VwTestKeylog    *fixture,
                         gboolean         down,
                         guint            evdev,
                         GdkModifierType  state)
{
  guint keycode = evdev + 8;
  guint keyval = vw_test_translate_key (keycode, state);

  g_assert_true (vw_vnc_view_handle_key (fixture->view, down, keyval, keycode, state, 0));
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
  VwTestKeylog *fixture = data;
  GtkWidget *view = GTK_WIDGET (fixture->view);

  return gtk_widget_get_mapped (view) && gtk_widget_get_width (view) == 800
         && gtk_widget_get_height (view) > 300
         && gtk_window_is_active (GTK_WINDOW (fixture->window))
         && vw_vnc_session_get_texture (fixture->session) != NULL;
}

void
vw_test_keylog_setup (VwTestKeylog  *fixture,
                      gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  g_autofree char *logger = g_test_build_filename (G_TEST_BUILT, "vw-x-event-logger", NULL);
  g_autofree char *port = NULL;
  VwTestKeyPath path;
  GtkWidget *box;

  fixture->params = data;
  path = fixture->params->path;
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
  fixture->server.raw_keyboard = path == VW_TEST_KEY_PATH_SCANCODES;
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
  fixture->seen = vw_test_keylog_wait_for_line (fixture, "Ready") + 1;

  fixture->session = vw_vnc_session_new ();
  vw_vnc_session_set_scancodes (fixture->session, path != VW_TEST_KEY_PATH_KEYSYMS);
  port = vw_test_xvnc_port (&fixture->server);
  g_assert_true (vw_vnc_session_open_host (fixture->session, "127.0.0.1", port, &error));
  g_assert_no_error (error);
  vw_test_wait_for_vnc_state (fixture->session, VW_VNC_STATE_CONNECTED);
  /* The server says it takes scancodes in its first update. */
  g_assert_true (vw_test_wait_until (has_frame, fixture->session, 5000));
  g_assert_cmpint (vw_vnc_session_has_scancodes (fixture->session), ==,
                   path != VW_TEST_KEY_PATH_KEYSYMS);

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

void
vw_test_keylog_teardown (VwTestKeylog  *fixture,
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
