/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-test"

#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>
#include <glib-unix.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "vw-test-xvnc.h"

void
vw_test_require_program (const char *name)
{
  g_autofree char *path = g_find_program_in_path (name);

  if (path == NULL)
    g_error ("%s is missing: install tigervnc-standalone-server, tigervnc-tools, "
             "x11-xserver-utils, x11-xkb-utils, x11-utils and xdotool (./dev does)", name);
}

void
vw_test_die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

int
vw_test_free_port (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

char *
vw_test_run_on (const char *display,
                ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  va_list args;

  va_start (args, display);
  for (const char *arg = va_arg (args, const char *); arg != NULL;
       arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "DISPLAY", display, TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (process))
    g_error ("%s on %s failed: %s", (char *) argv->pdata[0], display, err);
  return out;
}

gboolean
vw_test_poll_until (VwTestCondition condition,
                    gpointer        data,
                    guint           timeout_ms)
{
  gint64 end = g_get_monotonic_time () + timeout_ms * G_TIME_SPAN_MILLISECOND;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      vw_test_wait_ms (50);
    }
  return TRUE;
}

void
vw_test_pointer_to (GtkWidget *widget,
                    double     x,
                    double     y)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = gtk_native_get_surface (native);
  graphene_point_t point;
  double sx, sy;
  g_autofree char *xid = NULL;
  g_autofree char *px = NULL;
  g_autofree char *py = NULL;

  g_assert_true (GDK_IS_X11_SURFACE (surface));
  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native),
                                           &GRAPHENE_POINT_INIT (x, y), &point));
  gtk_native_get_surface_transform (native, &sx, &sy);
  xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  px = g_strdup_printf ("%d", (int) (point.x + sx));
  py = g_strdup_printf ("%d", (int) (point.y + sy));
  g_free (vw_test_run_on (gdk_display_get_name (gtk_widget_get_display (widget)), "xdotool",
                          "mousemove", "--window", xid, px, py, NULL));
}

void
vw_test_xdotool (const char *command,
                 const char *argument)
{
  g_free (vw_test_run_on (gdk_display_get_name (gdk_display_get_default ()), "xdotool", command,
                          argument, NULL));
}

char *
vw_test_xvnc_display (VwTestXvnc *server)
{
  return g_strdup_printf (":%d", server->display);
}

char *
vw_test_xvnc_port (VwTestXvnc *server)
{
  return g_strdup_printf ("%d", server->port);
}

void
vw_test_xvnc_start (VwTestXvnc *server,
                    const char *password)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *log = NULL;
  char number[16] = "";
  gsize length = 0;
  int fds[2];

  vw_test_require_program ("Xvnc");
  server->dir = g_dir_make_tmp ("vw-vnc-XXXXXX", &error);
  g_assert_no_error (error);
  server->port = vw_test_free_port ();
  server->socket_path = g_build_filename (server->dir, "rfb.sock", NULL);

  g_ptr_array_add (argv, g_strdup ("Xvnc"));
  g_ptr_array_add (argv, g_strdup ("-displayfd"));
  g_ptr_array_add (argv, g_strdup ("3"));
  g_ptr_array_add (argv, g_strdup ("-geometry"));
  g_ptr_array_add (argv, g_strdup ("1024x768"));
  g_ptr_array_add (argv, g_strdup ("-depth"));
  g_ptr_array_add (argv, g_strdup ("24"));
  g_ptr_array_add (argv, g_strdup ("-nolisten"));
  g_ptr_array_add (argv, g_strdup ("tcp"));
  g_ptr_array_add (argv, g_strdup ("-ac"));
  g_ptr_array_add (argv, g_strdup ("-localhost"));
  g_ptr_array_add (argv, g_strdup ("-rfbport"));
  g_ptr_array_add (argv, g_strdup_printf ("%d", server->port));
  g_ptr_array_add (argv, g_strdup ("-rfbunixpath"));
  g_ptr_array_add (argv, g_strdup (server->socket_path));
  if (server->raw_keyboard)
    g_ptr_array_add (argv, g_strdup ("-RawKeyboard"));
  g_ptr_array_add (argv, g_strdup ("-SecurityTypes"));
  if (password == NULL)
    {
      g_ptr_array_add (argv, g_strdup ("None"));
    }
  else
    {
      g_autofree char *input = g_strdup_printf ("%s\n", password);
      g_autofree char *path = g_build_filename (server->dir, "passwd", NULL);
      g_autoptr(GBytes) stdin_bytes = g_bytes_new (input, strlen (input));
      g_autoptr(GBytes) hashed = NULL;
      g_autoptr(GSubprocess) vncpasswd = NULL;

      /* "vncpasswd -f" turns the password into the file the server reads. */
      vw_test_require_program ("vncpasswd");
      vncpasswd = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                                    &error, "vncpasswd", "-f", NULL);
      g_assert_no_error (error);
      g_subprocess_communicate (vncpasswd, stdin_bytes, NULL, &hashed, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_successful (vncpasswd));
      g_file_set_contents (path, g_bytes_get_data (hashed, NULL), g_bytes_get_size (hashed),
                           &error);
      g_assert_no_error (error);
      g_ptr_array_add (argv, g_strdup ("VncAuth"));
      g_ptr_array_add (argv, g_strdup ("-PasswordFile"));
      g_ptr_array_add (argv, g_steal_pointer (&path));
    }
  g_ptr_array_add (argv, NULL);

  /* The server writes its display number to fd 3 once it is ready. */
  g_assert_true (g_unix_open_pipe (fds, FD_CLOEXEC, NULL));
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  log = g_build_filename (server->dir, "Xvnc.log", NULL);
  g_subprocess_launcher_set_stderr_file_path (launcher, log);
  g_subprocess_launcher_take_fd (launcher, fds[1], 3);
  g_subprocess_launcher_set_child_setup (launcher, vw_test_die_with_parent, NULL, NULL);
  server->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata,
                                                  &error);
  g_assert_no_error (error);
  g_clear_object (&launcher);

  while (length < sizeof number - 1 && strchr (number, '\n') == NULL)
    {
      struct pollfd pfd = { fds[0], POLLIN, 0 };
      ssize_t n;

      if (poll (&pfd, 1, 10000) <= 0)
        g_error ("Xvnc did not start; see %s", log);
      n = read (fds[0], number + length, sizeof number - 1 - length);
      if (n <= 0)
        g_error ("Xvnc did not start; see %s", log);
      length += n;
    }
  close (fds[0]);
  server->display = atoi (number);
  g_test_message ("Xvnc on :%d, RFB port %d", server->display, server->port);
}

void
vw_test_xvnc_stop (VwTestXvnc *server)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (server->process != NULL)
    {
      g_subprocess_send_signal (server->process, SIGTERM);
      g_subprocess_wait (server->process, NULL, NULL);
      g_clear_object (&server->process);
    }
  dir = g_dir_open (server->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (server->dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (server->dir);
  g_clear_pointer (&server->dir, g_free);
  g_clear_pointer (&server->socket_path, g_free);
}

typedef struct
{
  VwVncSession *session;
  VwVncState state;
} Expect;

static gboolean
has_state (gpointer data)
{
  Expect *expect = data;

  return vw_vnc_session_get_state (expect->session) == expect->state;
}

void
vw_test_wait_for_vnc_state (VwVncSession *session,
                            VwVncState    state)
{
  Expect expect = { session, state };

  if (!vw_test_wait_until (has_state, &expect, 10000))
    g_error ("the session is in state %d, not %d (error: %s)", vw_vnc_session_get_state (session),
             state, vw_vnc_session_get_error (session));
}

VwVncSession *
vw_test_xvnc_open_session (VwTestXvnc *server,
                           const char *password)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *port = vw_test_xvnc_port (server);
  VwVncSession *session = vw_vnc_session_new ();

  if (password != NULL)
    vw_vnc_session_set_password (session, password);
  g_assert_true (vw_vnc_session_open_host (session, "127.0.0.1", port, &error));
  g_assert_no_error (error);
  g_assert_cmpint (vw_vnc_session_get_state (session), ==, VW_VNC_STATE_CONNECTING);
  return session;
}
