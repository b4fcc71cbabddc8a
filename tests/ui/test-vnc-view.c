/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <gio/gunixsocketaddress.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vw-error.h"
#include "vw-test-util.h"
#include "vw-test-xvnc.h"
#include "vw-ui-test-util.h"
#include "vw-vnc-session.h"
#include "vw-vnc-view.h"

/* The VNC session and view against a real VNC server: TigerVNC's Xvnc, an
 * X server whose screen is the framebuffer. What is drawn on it with X
 * clients (xsetroot, xrandr) must arrive in the session's texture, and
 * what the view is given under Xvfb (xdotool on the test's display) must
 * arrive on the Xvnc screen (xdotool getmouselocation, xev). */

#define COLOUR_A 0x336699
#define COLOUR_B 0xcc3300
#define PASSWORD "secret1"

static VwApplication *app;

static void
server_fill (VwTestXvnc *server,
             guint32     colour)
{
  g_autofree char *display = vw_test_xvnc_display (server);
  g_autofree char *spec = g_strdup_printf ("#%06x", colour);

  g_free (vw_test_run_on (display, "xsetroot", "-solid", spec, NULL));
}

/* The pixel of @texture at @x, @y as 0xAARRGGBB. */
static guint32
texture_pixel (GdkTexture *texture,
               int         x,
               int         y)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guint32 *pixels = g_new (guint32, (gsize) width * height);

  /* Downloads are in GDK_MEMORY_DEFAULT: native-endian ARGB words. */
  gdk_texture_download (texture, (guchar *) pixels, (gsize) width * 4);
  return pixels[(gsize) y * width + x];
}

typedef struct
{
  VwVncSession *session;
  int width;
  int height;
  guint32 colour;
} Expect;

/* The screen has the colour, corners included. (Not checked in the middle,
 * where Xvnc's pointer is drawn until a client moves it.) */
static gboolean
shows (gpointer data)
{
  Expect *expect = data;
  GdkTexture *texture = vw_vnc_session_get_texture (expect->session);
  const int points[][2] = {
    { 0, 0 }, { expect->width - 1, 0 }, { 0, expect->height - 1 },
    { expect->width - 1, expect->height - 1 }, { expect->width / 4, expect->height / 4 },
  };

  if (texture == NULL || vw_vnc_session_get_width (expect->session) != expect->width
      || vw_vnc_session_get_height (expect->session) != expect->height
      || gdk_texture_get_width (texture) != expect->width
      || gdk_texture_get_height (texture) != expect->height)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    if (texture_pixel (texture, points[i][0], points[i][1]) != (0xff000000u | expect->colour))
      return FALSE;
  return TRUE;
}

static void
wait_for_screen (VwVncSession *session,
                 int           width,
                 int           height,
                 guint32       colour)
{
  Expect expect = { session, width, height, colour };

  if (!vw_test_wait_until (shows, &expect, 10000))
    {
      GdkTexture *texture = vw_vnc_session_get_texture (session);

      g_error ("the session shows %d × %d, texture %d × %d, pixel 0x%08x; "
               "expected %d × %d of 0x%06x",
               vw_vnc_session_get_width (session), vw_vnc_session_get_height (session),
               texture ? gdk_texture_get_width (texture) : 0,
               texture ? gdk_texture_get_height (texture) : 0,
               texture ? texture_pixel (texture, gdk_texture_get_width (texture) / 4,
                                        gdk_texture_get_height (texture) / 4) : 0,
               width, height, colour);
    }
}

/* Colour, size, incremental updates and a resize of the X screen. */
static void
test_framebuffer (void)
{
  VwTestXvnc server = { 0 };
  g_autoptr(VwVncSession) session = NULL;
  g_autofree char *display = NULL;
  GdkPaintable *paintable;
  guint64 frames;

  vw_test_xvnc_start (&server, NULL);
  display = vw_test_xvnc_display (&server);
  server_fill (&server, COLOUR_A);

  session = vw_test_xvnc_open_session (&server, NULL);
  vw_test_wait_for_vnc_state (session, VW_VNC_STATE_CONNECTED);
  g_assert_null (vw_vnc_session_get_error (session));
  g_assert_nonnull (vw_vnc_session_get_name (session));
  paintable = vw_vnc_session_get_paintable (session);
  wait_for_screen (session, 1024, 768, COLOUR_A);
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (paintable), ==, 1024);
  g_assert_cmpint (gdk_paintable_get_intrinsic_height (paintable), ==, 768);
  frames = vw_vnc_session_get_n_frames (session);
  g_assert_cmpuint (frames, >=, 1);
  /* TigerVNC takes QEMU's extended key events. */
  g_assert_true (vw_vnc_session_has_scancodes (session));

  server_fill (&server, COLOUR_B);
  wait_for_screen (session, 1024, 768, COLOUR_B);
  g_assert_cmpuint (vw_vnc_session_get_n_frames (session), >, frames);

  /* xrandr resizes the X screen, which Xvnc tells its clients. */
  g_free (vw_test_run_on (display, "xrandr", "-s", "800x600", NULL));
  wait_for_screen (session, 800, 600, COLOUR_B);
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (paintable), ==, 800);

  g_free (vw_test_run_on (display, "xrandr", "-s", "1024x768", NULL));
  server_fill (&server, COLOUR_A);
  wait_for_screen (session, 1024, 768, COLOUR_A);

  vw_vnc_session_close (session);
  g_assert_cmpint (vw_vnc_session_get_state (session), ==, VW_VNC_STATE_DISCONNECTED);
  g_assert_null (vw_vnc_session_get_error (session));
  /* The last frame stays. */
  g_assert_nonnull (vw_vnc_session_get_texture (session));
  vw_test_xvnc_stop (&server);
}

/* VNC authentication: a wrong password is refused with a message that
 * says so, the right one connects, given when asked or beforehand. */
static void
test_password (void)
{
  VwTestXvnc server = { 0 };
  g_autoptr(VwVncSession) session = NULL;
  g_autoptr(VwVncSession) early = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *port = NULL;

  vw_test_xvnc_start (&server, PASSWORD);
  server_fill (&server, COLOUR_A);
  port = vw_test_xvnc_port (&server);

  session = vw_test_xvnc_open_session (&server, NULL);
  vw_test_wait_for_vnc_state (session, VW_VNC_STATE_AUTHENTICATING);
  vw_vnc_session_set_password (session, "wrong");
  g_assert_cmpint (vw_vnc_session_get_state (session), ==, VW_VNC_STATE_CONNECTING);
  vw_test_wait_for_vnc_state (session, VW_VNC_STATE_DISCONNECTED);
  g_test_message ("wrong password: %s", vw_vnc_session_get_error (session));
  g_assert_true (g_str_has_prefix (vw_vnc_session_get_error (session), "Authentication failed: "));
  g_assert_null (vw_vnc_session_get_texture (session));

  /* The same session opens again. */
  g_assert_true (vw_vnc_session_open_host (session, "127.0.0.1", port, &error));
  g_assert_no_error (error);
  g_assert_null (vw_vnc_session_get_error (session));
  vw_test_wait_for_vnc_state (session, VW_VNC_STATE_AUTHENTICATING);
  vw_vnc_session_set_password (session, PASSWORD);
  vw_test_wait_for_vnc_state (session, VW_VNC_STATE_CONNECTED);
  wait_for_screen (session, 1024, 768, COLOUR_A);

  /* Opening an open session is refused. */
  g_assert_false (vw_vnc_session_open_host (session, "127.0.0.1", port, &error));
  g_assert_error (error, VW_ERROR, VW_ERROR_FAILED);
  g_clear_error (&error);

  early = vw_test_xvnc_open_session (&server, PASSWORD);
  vw_test_wait_for_vnc_state (early, VW_VNC_STATE_CONNECTED);
  wait_for_screen (early, 1024, 768, COLOUR_A);

  vw_vnc_session_close (session);
  vw_vnc_session_close (early);
  vw_test_xvnc_stop (&server);
}

/* Nothing listens: a clear error, no hang. */
static void
test_refused (void)
{
  g_autoptr(VwVncSession) session = vw_vnc_session_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *port = g_strdup_printf ("%d", vw_test_free_port ());

  g_assert_true (vw_vnc_session_open_host (session, "127.0.0.1", port, &error));
  vw_test_wait_for_vnc_state (session, VW_VNC_STATE_DISCONNECTED);
  g_test_message ("refused: %s", vw_vnc_session_get_error (session));
  g_assert_true (g_str_has_prefix (vw_vnc_session_get_error (session),
                                   "Could not connect to the VNC server: "));

  /* Closing right after opening, before gvnc has even started, neither
   * leaks nor reports anything. */
  g_assert_true (vw_vnc_session_open_host (session, "127.0.0.1", port, &error));
  vw_vnc_session_close (session);
  g_assert_cmpint (vw_vnc_session_get_state (session), ==, VW_VNC_STATE_DISCONNECTED);
  vw_test_wait_ms (200);
  g_assert_null (vw_vnc_session_get_error (session));
}

typedef struct
{
  int fd;
  ino_t inode;
} Fd;

static gboolean
fd_closed (gpointer data)
{
  Fd *fd = data;
  struct stat st;

  return fstat (fd->fd, &st) != 0 || st.st_ino != fd->inode;
}

/* A connected socket handed over as an fd (what virDomainOpenGraphicsFD
 * gives), closed by the session when it is done. */
static void
test_open_fd (void)
{
  VwTestXvnc server = { 0 };
  g_autoptr(VwVncSession) session = vw_vnc_session_new ();
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GError) error = NULL;
  struct stat st;
  Fd fd;

  vw_test_xvnc_start (&server, NULL);
  server_fill (&server, COLOUR_B);

  socket = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT,
                         &error);
  g_assert_no_error (error);
  address = g_unix_socket_address_new (server.socket_path);
  g_socket_connect (socket, address, NULL, &error);
  g_assert_no_error (error);
  fd.fd = dup (g_socket_get_fd (socket));
  g_assert_cmpint (fd.fd, >=, 0);
  g_clear_object (&socket);
  g_assert_cmpint (fstat (fd.fd, &st), ==, 0);
  fd.inode = st.st_ino;

  g_assert_true (vw_vnc_session_open_fd (session, fd.fd, &error));
  g_assert_no_error (error);
  vw_test_wait_for_vnc_state (session, VW_VNC_STATE_CONNECTED);
  wait_for_screen (session, 1024, 768, COLOUR_B);

  vw_vnc_session_close (session);
  g_assert_true (vw_test_wait_until (fd_closed, &fd, 5000));
  vw_test_xvnc_stop (&server);
}

/* The view in a window under Xvfb, showing a session on Xvnc. */
typedef struct
{
  VwTestXvnc server;
  VwVncSession *session;
  GtkWidget *window;
  VwVncView *view;
  GSubprocess *xev;
  char *xev_log;
  guint n_shortcuts;
} ViewFixture;

static void
on_shortcut (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  ViewFixture *fixture = user_data;

  fixture->n_shortcuts++;
}

static gboolean
view_ready (gpointer data)
{
  ViewFixture *fixture = data;
  GtkWidget *view = GTK_WIDGET (fixture->view);

  return gtk_widget_get_mapped (view) && gtk_widget_get_width (view) == 700
         && gtk_widget_get_height (view) == 700
         && vw_vnc_session_get_texture (fixture->session) != NULL;
}

static void
view_setup (ViewFixture   *fixture,
            gconstpointer  data)
{
  const char *accels[] = { "<Control>t", NULL };
  g_autoptr(GSimpleAction) action = g_simple_action_new ("vnc-test-shortcut", NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;

  vw_test_require_program ("xdotool");
  vw_test_require_program ("xev");
  vw_test_xvnc_start (&fixture->server, NULL);
  display = vw_test_xvnc_display (&fixture->server);
  /* The root window's pointer shape, which Xvnc sends once a client has
   * moved its pointer. (xsetroot resets the background with it.) */
  g_free (vw_test_run_on (display, "xsetroot", "-cursor_name", "left_ptr", NULL));
  server_fill (&fixture->server, COLOUR_A);
  fixture->session = vw_test_xvnc_open_session (&fixture->server, NULL);
  vw_test_wait_for_vnc_state (fixture->session, VW_VNC_STATE_CONNECTED);
  wait_for_screen (fixture->session, 1024, 768, COLOUR_A);

  /* An application shortcut, which a grab must keep from firing. */
  g_signal_connect (action, "activate", G_CALLBACK (on_shortcut), fixture);
  g_action_map_add_action (G_ACTION_MAP (app), G_ACTION (action));
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.vnc-test-shortcut", accels);

  fixture->window = gtk_window_new ();
  gtk_window_set_application (GTK_WINDOW (fixture->window), GTK_APPLICATION (app));
  gtk_window_set_decorated (GTK_WINDOW (fixture->window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 700, 700);
  fixture->view = VW_VNC_VIEW (vw_vnc_view_new ());
  vw_vnc_view_set_session (fixture->view, fixture->session);
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->view));
  gtk_window_present (GTK_WINDOW (fixture->window));
  if (!vw_test_wait_until (view_ready, fixture, 10000))
    g_error ("the view is not ready: mapped %d, %d × %d, texture %p",
             gtk_widget_get_mapped (GTK_WIDGET (fixture->view)),
             gtk_widget_get_width (GTK_WIDGET (fixture->view)),
             gtk_widget_get_height (GTK_WIDGET (fixture->view)),
             vw_vnc_session_get_texture (fixture->session));
  vw_test_wait_ms (200);

  /* xev on the Xvnc screen logs the buttons and keys that reach it. */
  fixture->xev_log = g_build_filename (fixture->server.dir, "xev.log", NULL);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, "DISPLAY", display, TRUE);
  g_subprocess_launcher_set_stdout_file_path (launcher, fixture->xev_log);
  g_subprocess_launcher_set_child_setup (launcher, vw_test_die_with_parent, NULL, NULL);
  fixture->xev = g_subprocess_launcher_spawn (launcher, &error, "stdbuf", "-oL", "xev", "-root",
                                              "-event", "button", "-event", "keyboard", NULL);
  g_assert_no_error (error);
  vw_test_wait_ms (500);
}

static void
view_teardown (ViewFixture   *fixture,
               gconstpointer  data)
{
  g_action_map_remove_action (G_ACTION_MAP (app), "vnc-test-shortcut");
  g_subprocess_send_signal (fixture->xev, SIGTERM);
  g_subprocess_wait (fixture->xev, NULL, NULL);
  g_clear_object (&fixture->xev);
  g_free (fixture->xev_log);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  vw_test_wait_ms (50);
  vw_vnc_session_close (fixture->session);
  g_clear_object (&fixture->session);
  vw_test_xvnc_stop (&fixture->server);
}

typedef struct
{
  ViewFixture *fixture;
  int x;
  int y;
} Location;

static gboolean
remote_pointer_at (gpointer data)
{
  Location *location = data;
  g_autofree char *display = vw_test_xvnc_display (&location->fixture->server);
  g_autofree char *out = vw_test_run_on (display, "xdotool", "getmouselocation", "--shell", NULL);
  g_autofree char *expected = g_strdup_printf ("X=%d\nY=%d\n", location->x, location->y);

  return g_str_has_prefix (out, expected);
}

static void
assert_remote_pointer (ViewFixture *fixture,
                       int          x,
                       int          y)
{
  Location location = { fixture, x, y };

  if (!vw_test_poll_until (remote_pointer_at, &location, 5000))
    {
      g_autofree char *display = vw_test_xvnc_display (&fixture->server);
      g_autofree char *out = vw_test_run_on (display, "xdotool", "getmouselocation", "--shell", NULL);

      g_error ("the Xvnc pointer is at %s, expected %d, %d", out, x, y);
    }
}

typedef struct
{
  ViewFixture *fixture;
  const char *needle;
} Logged;

static gboolean
xev_logged (gpointer data)
{
  Logged *logged = data;
  g_autofree char *text = NULL;

  g_file_get_contents (logged->fixture->xev_log, &text, NULL, NULL);
  return text != NULL && strstr (text, logged->needle) != NULL;
}

static void
assert_xev (ViewFixture *fixture,
            const char  *needle)
{
  Logged logged = { fixture, needle };

  if (!vw_test_poll_until (xev_logged, &logged, 5000))
    {
      g_autofree char *text = NULL;

      g_file_get_contents (fixture->xev_log, &text, NULL, NULL);
      g_error ("xev on Xvnc did not log \"%s\"; it logged:\n%s", needle, text);
    }
}

/* 1024 × 768 in 700 × 700: scale 700 / 1024, 525 pixels high, 88 from the
 * top (87.5 rounded). */
#define FIT_SCALE (700.0 / 1024.0)
#define FIT_TOP 88
#define AT(x, y) pixels[(y) * 700 + (x)]

static guint32
on_screen (ViewFixture *fixture,
           int          x,
           int          y)
{
  return vw_test_window_pixel (fixture->window, x, y);
}

static gboolean
shows_colour_b (gpointer data)
{
  return on_screen (data, 100, FIT_TOP + 50) == COLOUR_B
         && on_screen (data, 600, FIT_TOP + 500) == COLOUR_B;
}

static void
test_view_fit (ViewFixture   *fixture,
               gconstpointer  data)
{
  GtkWidget *view = GTK_WIDGET (fixture->view);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (view);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) rendered = NULL;
  g_autofree guint32 *pixels = g_new (guint32, 700 * 700);
  int minimum, natural;

  /* What the view draws: the screen in the middle, the background above
   * and below it. (Xvnc draws its pointer in the very middle.) */
  gdk_paintable_snapshot (paintable, snapshot, 700, 700);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  rendered = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (view)),
                                          node, &GRAPHENE_RECT_INIT (0, 0, 700, 700));
  gdk_texture_download (rendered, (guchar *) pixels, 700 * 4);
  g_assert_cmphex (AT (175, FIT_TOP + 131), ==, 0xff000000u | COLOUR_A);
  g_assert_cmphex (AT (0, FIT_TOP + 1), ==, 0xff000000u | COLOUR_A);
  g_assert_cmphex (AT (699, FIT_TOP + 523), ==, 0xff000000u | COLOUR_A);
  /* No seams where the tiles meet (every 256 framebuffer pixels). */
  for (int x = 0; x < 700; x++)
    g_assert_cmphex (AT (x, FIT_TOP + 50), ==, 0xff000000u | COLOUR_A);
  for (int y = FIT_TOP; y < FIT_TOP + 525; y++)
    g_assert_cmphex (AT (100, y), ==, 0xff000000u | COLOUR_A);
  g_assert_cmphex (AT (350, FIT_TOP / 2) & 0xffffff, !=, COLOUR_A);
  g_assert_cmphex (AT (350, 700 - FIT_TOP / 2) & 0xffffff, !=, COLOUR_A);

  /* A new screen is drawn anew on the window: the cairo renderer's tiles
   * are kept from frame to frame, so that GTK redraws only what changed,
   * and must be made again when the screen under them changed. */
  g_assert_cmphex (on_screen (fixture, 100, FIT_TOP + 50), ==, COLOUR_A);
  server_fill (&fixture->server, COLOUR_B);
  wait_for_screen (fixture->session, 1024, 768, COLOUR_B);
  if (!vw_test_wait_until (shows_colour_b, fixture, 3000))
    g_error ("the window still shows 0x%06x, not the new screen", on_screen (fixture, 100, FIT_TOP + 50));
  g_clear_object (&rendered);
  g_clear_pointer (&node, gsk_render_node_unref);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, 700, 700);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  rendered = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (view)),
                                          node, &GRAPHENE_RECT_INIT (0, 0, 700, 700));
  gdk_texture_download (rendered, (guchar *) pixels, 700 * 4);
  for (int x = 0; x < 700; x++)
    g_assert_cmphex (AT (x, FIT_TOP + 50), ==, 0xff000000u | COLOUR_B);
  for (int y = FIT_TOP; y < FIT_TOP + 525; y++)
    g_assert_cmphex (AT (100, y), ==, 0xff000000u | COLOUR_B);

  /* FIT can shrink, ORIGINAL asks for the whole screen. */
  gtk_widget_measure (view, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, ==, 0);
  g_assert_cmpint (natural, ==, 1024);
  vw_vnc_view_set_scale (fixture->view, VW_VNC_SCALE_ORIGINAL);
  gtk_widget_measure (view, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, ==, 1024);
  g_assert_cmpint (natural, ==, 1024);
  gtk_widget_measure (view, GTK_ORIENTATION_VERTICAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, ==, 768);
  vw_vnc_view_set_scale (fixture->view, VW_VNC_SCALE_FIT);
}

static gboolean
has_cursor (gpointer data)
{
  ViewFixture *fixture = data;

  return vw_vnc_session_get_cursor (fixture->session) != NULL;
}

static void
test_view_pointer (ViewFixture   *fixture,
                   gconstpointer  data)
{
  GdkCursor *cursor;

  /* No pointer shape until the server's pointer is moved: the local
   * default one. */
  g_assert_null (gtk_widget_get_cursor (GTK_WIDGET (fixture->view)));

  /* Inside the picture, through the scale. */
  vw_test_pointer_to (GTK_WIDGET (fixture->view), 100, FIT_TOP + 100);
  assert_remote_pointer (fixture, (int) (100 / FIT_SCALE), (int) (100 / FIT_SCALE));

  /* Then Xvnc sends the X cursor, which becomes the view's. */
  g_assert_true (vw_test_wait_until (has_cursor, fixture, 5000));
  cursor = gtk_widget_get_cursor (GTK_WIDGET (fixture->view));
  g_assert_true (cursor == vw_vnc_session_get_cursor (fixture->session));
  g_assert_nonnull (gdk_cursor_get_texture (cursor));
  g_assert_cmpint (gdk_texture_get_width (gdk_cursor_get_texture (cursor)), >, 1);

  vw_test_pointer_to (GTK_WIDGET (fixture->view), 600, FIT_TOP + 500);
  assert_remote_pointer (fixture, (int) (600 / FIT_SCALE), (int) (500 / FIT_SCALE));
  /* In the letterbox: clamped to the nearest edge. */
  vw_test_pointer_to (GTK_WIDGET (fixture->view), 350, 20);
  assert_remote_pointer (fixture, (int) (350 / FIT_SCALE), 0);
  vw_test_pointer_to (GTK_WIDGET (fixture->view), 699, 690);
  assert_remote_pointer (fixture, (int) (699 / FIT_SCALE), 767);

  /* Buttons arrive where the pointer is, the wheel as buttons 4 and 5. */
  vw_test_pointer_to (GTK_WIDGET (fixture->view), 600, FIT_TOP + 500);
  assert_remote_pointer (fixture, 877, 731);
  vw_test_xdotool ("click", "1");
  assert_xev (fixture, "root:(877,731),\n    state 0x0, button 1,");
  assert_xev (fixture, "root:(877,731),\n    state 0x100, button 1,");   /* the release */
  vw_test_xdotool ("click", "3");
  assert_xev (fixture, "state 0x0, button 3,");
  vw_test_xdotool ("click", "5");
  assert_xev (fixture, "state 0x0, button 5,");
  vw_test_xdotool ("click", "4");
  assert_xev (fixture, "state 0x0, button 4,");
  g_assert_true (vw_vnc_view_get_grabbed (fixture->view));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (fixture->view)));
}

/* A click grabs the keyboard: the application's Ctrl+T goes to the guest.
 * Ctrl+Alt gives it back, and Ctrl+T is the application's again. */
static void
test_view_grab (ViewFixture   *fixture,
                gconstpointer  data)
{
  g_assert_false (vw_vnc_view_get_grabbed (fixture->view));
  vw_test_pointer_to (GTK_WIDGET (fixture->view), 350, 350);
  vw_test_xdotool ("click", "1");
  assert_xev (fixture, "button 1,");
  g_assert_true (vw_vnc_view_get_grabbed (fixture->view));

  vw_test_xdotool ("key", "ctrl+t");
  assert_xev (fixture, "(keysym 0x74, t)");
  vw_test_wait_ms (200);
  g_assert_cmpuint (fixture->n_shortcuts, ==, 0);

  vw_test_xdotool ("key", "ctrl+alt");
  vw_test_wait_ms (200);
  g_assert_false (vw_vnc_view_get_grabbed (fixture->view));

  vw_test_xdotool ("key", "ctrl+t");
  vw_test_wait_ms (300);
  g_assert_cmpuint (fixture->n_shortcuts, ==, 1);
}

/* Text typed key by key, with Shift where needed, and a key combination;
 * what Xvnc makes of the scancodes with its (US) layout. */
static void
test_type_text (ViewFixture   *fixture,
                gconstpointer  data)
{
  const guint combination[] = { GDK_KEY_Control_L, GDK_KEY_Alt_L, GDK_KEY_Delete };

  vw_vnc_session_type_text (fixture->session, "aB!\n");
  assert_xev (fixture, "(keysym 0x61, a)");
  assert_xev (fixture, "(keysym 0xffe1, Shift_L)");
  assert_xev (fixture, "(keysym 0x42, B)");
  assert_xev (fixture, "(keysym 0x21, exclam)");
  assert_xev (fixture, "(keysym 0xff0d, Return)");

  vw_vnc_session_send_keys (fixture->session, combination, G_N_ELEMENTS (combination));
  assert_xev (fixture, "(keysym 0xffff, Delete)");
  assert_xev (fixture, "state 0xc, keycode 119 (keysym 0xffff, Delete)");
}

int
main (int   argc,
      char *argv[])
{
  vw_test_init (&argc, &argv);
  app = vw_test_ui_init ();

  g_test_add_func ("/vnc-session/framebuffer", test_framebuffer);
  g_test_add_func ("/vnc-session/password", test_password);
  g_test_add_func ("/vnc-session/refused", test_refused);
  g_test_add_func ("/vnc-session/open-fd", test_open_fd);
  g_test_add ("/vnc-view/fit", ViewFixture, NULL, view_setup, test_view_fit, view_teardown);
  g_test_add ("/vnc-view/pointer", ViewFixture, NULL, view_setup, test_view_pointer, view_teardown);
  g_test_add ("/vnc-view/grab", ViewFixture, NULL, view_setup, test_view_grab, view_teardown);
  g_test_add ("/vnc-view/type-text", ViewFixture, NULL, view_setup, test_type_text, view_teardown);

  return g_test_run ();
}
