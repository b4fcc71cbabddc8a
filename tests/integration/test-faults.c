/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "vw-application.h"
#include "vw-progress-format.h"
#include "vw-test-util.h"
#include "vw-test-xvnc.h"
#include "vw-ui-test-util.h"
#include "vw-vnc-view.h"
#include "vw-window.h"

/* Faults injected into a running application: the VNC server's connection
 * cut in the middle of a framebuffer update, and the disk full when the
 * reading progress is saved. Each must end in a clear message, a working
 * application and no lost or damaged file. */

static VwApplication *app;

/* ----- A connection cut mid-frame ----- */

/* Relays RFB between the session and Xvnc, reads the server's side of the
 * handshake (version, security types, result, ServerInit and its name) and
 * cuts both sockets a few bytes into the first FramebufferUpdate. */
typedef struct
{
  int client;     /* our end of the session's socket pair */
  int server;     /* Xvnc */
  gsize cut_at;   /* server bytes forwarded before the cut; set by the relay */
  gboolean cut;
} Relay;

static gboolean
forward (int    from,
         int    to,
         guint8 *buffer,
         gsize  *n,
         gsize   limit)
{
  ssize_t got = read (from, buffer, MIN (limit, 4096));

  if (got <= 0)
    return FALSE;
  for (ssize_t done = 0; done < got;)
    {
      ssize_t sent = write (to, buffer + done, got - done);

      if (sent <= 0)
        return FALSE;
      done += sent;
    }
  *n = (gsize) got;
  return TRUE;
}

static gpointer
relay_thread (gpointer data)
{
  Relay *relay = data;
  g_autoptr(GByteArray) seen = g_byte_array_new ();
  guint8 buffer[4096];
  gsize handshake = 0;

  for (;;)
    {
      struct pollfd fds[2] = { { relay->client, POLLIN, 0 }, { relay->server, POLLIN, 0 } };
      gsize n = 0;

      if (poll (fds, 2, 10000) <= 0)
        break;
      if ((fds[0].revents & (POLLIN | POLLHUP)) && !forward (relay->client, relay->server, buffer, &n, 4096))
        break;
      if (fds[1].revents & (POLLIN | POLLHUP))
        {
          /* Once the handshake's length is known, forward up to 6 bytes
           * past it: the update's header and part of its first rectangle. */
          gsize limit = handshake > 0 ? handshake + 6 - seen->len : 1;

          if (limit == 0 || !forward (relay->server, relay->client, buffer, &n, limit))
            break;
          g_byte_array_append (seen, buffer, (guint) n);
          /* 12 version + 1 + types + 4 result + 24 ServerInit + name. */
          if (handshake == 0 && seen->len > 12)
            {
              gsize types_end = 12 + 1 + seen->data[12];
              gsize init = types_end + 4;

              if (seen->len >= init + 24)
                handshake = init + 24 + GUINT32_FROM_BE (*(guint32 *) (seen->data + init + 20));
            }
          if (handshake > 0 && seen->len >= handshake + 6)
            {
              relay->cut_at = seen->len;
              relay->cut = TRUE;
              break;
            }
        }
    }
  shutdown (relay->client, SHUT_RDWR);
  shutdown (relay->server, SHUT_RDWR);
  close (relay->client);
  close (relay->server);
  return NULL;
}

static int
connect_to (int port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  int fd;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", (guint16) port, NULL, &error);
  g_assert_no_error (error);
  fd = dup (g_socket_get_fd (g_socket_connection_get_socket (connection)));
  g_assert_cmpint (fd, >=, 0);
  return fd;
}

static gboolean
is_disconnected (gpointer data)
{
  return vw_vnc_session_get_state (data) == VW_VNC_STATE_DISCONNECTED;
}

static void
test_vnc_cut_mid_frame (void)
{
  VwTestXvnc server = { 0 };
  g_autoptr(VwVncSession) session = vw_vnc_session_new ();
  g_autoptr(VwVncSession) again = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = vw_vnc_view_new ();
  Relay relay = { 0 };
  GThread *thread;
  int pair[2];

  vw_test_xvnc_start (&server, NULL);
  g_assert_cmpint (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair), ==, 0);
  relay.client = pair[1];
  relay.server = connect_to (server.port);
  thread = g_thread_new ("rfb-relay", relay_thread, &relay);

  vw_vnc_view_set_session (VW_VNC_VIEW (view), session);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 480);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (vw_vnc_session_open_fd (session, pair[0], &error));
  g_assert_no_error (error);

  /* The cut: a clear state and message, no crash. */
  g_assert_true (vw_test_wait_until (is_disconnected, session, 10000));
  g_thread_join (thread);
  g_assert_true (relay.cut);
  g_test_message ("cut after %" G_GSIZE_FORMAT " bytes from the server", relay.cut_at);
  g_assert_nonnull (vw_vnc_session_get_error (session));
  g_test_message ("the session says: %s", vw_vnc_session_get_error (session));
  vw_test_wait_ms (200);   /* the view draws what it has */

  /* The server and the application go on: a new session connects. */
  again = vw_test_xvnc_open_session (&server, NULL);
  vw_test_wait_for_vnc_state (again, VW_VNC_STATE_CONNECTED);
  vw_vnc_view_set_session (VW_VNC_VIEW (view), again);
  vw_test_wait_ms (200);
  gtk_window_destroy (GTK_WINDOW (window));
  vw_vnc_session_close (again);
  vw_test_xvnc_stop (&server);
}

/* ----- The disk full when saving progress ----- */

static gboolean
has_label_with (GtkWidget  *widget,
                const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label_with (child, text))
      return TRUE;
  return FALSE;
}

static gboolean
shows_save_failure (gpointer data)
{
  return has_label_with (data, "could not be saved");
}

/* What the file says has been read of 351.1. */
static GHashTable *
read_from_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(GHashTable) read = vw_progress_format_new_read_table ();
  g_autoptr(GPtrArray) bookmarks = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) exercises = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (vw_progress_format_parse (path, contents, length, read, bookmarks, exercises, &error));
  g_assert_no_error (error);
  return g_hash_table_ref (g_hash_table_lookup (read, "351.1"));
}

static void
test_progress_disk_full (void)
{
  VwWindow *window = vw_window_new (app, NULL);
  VwProgress *progress = vw_application_get_progress (app);
  const char *path = vw_progress_get_path (progress);
  struct rlimit saved, limit = { 16, 16 };
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GError) error = NULL;

  vw_test_present (GTK_WINDOW (window), 1280, 800);

  /* A file on disk first. */
  vw_progress_mark_read (progress, "351.1", "virtualization-terminology");
  g_assert_true (vw_progress_flush (progress, &error));
  g_assert_no_error (error);
  before = read_from_file (path);
  g_assert_cmpuint (g_hash_table_size (before), ==, 1);

  /* The disk is full (the process may write 16 bytes per file). */
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  limit.rlim_max = saved.rlim_max;   /* only the soft limit: it can be raised again */
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  vw_progress_mark_read (progress, "351.1", "open-vswitch");
  g_assert_true (vw_test_wait_until (shows_save_failure, window, 3000));
  g_assert_true (vw_progress_is_read (progress, "351.1", "open-vswitch"));   /* kept in memory */
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  /* The old file is whole and unchanged. */
  after = read_from_file (path);
  g_assert_cmpuint (g_hash_table_size (after), ==, 1);
  g_assert_true (g_hash_table_contains (after, "virtualization-terminology"));
  g_clear_pointer (&after, g_hash_table_unref);

  /* Space again: the next change writes everything, nothing was lost. */
  vw_progress_mark_read (progress, "351.1", "pros-and-cons-of-virtualization");
  g_assert_true (vw_progress_flush (progress, &error));
  g_assert_no_error (error);
  after = read_from_file (path);
  g_assert_cmpuint (g_hash_table_size (after), ==, 3);
  g_assert_true (g_hash_table_contains (after, "open-vswitch"));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  vw_test_init (&argc, &argv);
  app = vw_test_ui_init ();

  g_test_add_func ("/faults/vnc-cut-mid-frame", test_vnc_cut_mid_frame);
  g_test_add_func ("/faults/progress-disk-full", test_progress_disk_full);

  ret = g_test_run ();
  g_clear_object (&app);
  return ret;
}
