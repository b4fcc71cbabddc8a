/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <libvirt/libvirt.h>
#include <signal.h>
#include <unistd.h>

#include "vw-connection-private.h"
#include "vw-console-page.h"
#include "vw-practice-vm.h"
#include "vw-secrets.h"
#include "vw-test-practice.h"
#include "vw-test-util.h"
#include "vw-ui-test-util.h"

/* The console page on the real practice VM, under software emulation: it
 * attaches through libvirt, its framebuffer shows what QEMU's own
 * screenshot shows, what is typed into it reaches the guest's shell (which
 * writes a marker to the serial port), and it comes back by itself after
 * the guest is restarted. */

#define OP_TIMEOUT_MS 20000
#define BOOT_LIMIT_MS 30000

typedef struct
{
  VwConnection *connection;
  VwConsolePage *page;
  const char *log;
  const char *needle;
} Console;

static gboolean
is_done (gpointer data)
{
  return ((VwTestOps *) data)->done;
}

static gboolean
domain_running (gpointer data)
{
  Console *console = data;
  VwDomain *domain = vw_connection_find_domain (console->connection, VW_PRACTICE_VM_NAME);

  return domain != NULL && vw_domain_get_state (domain) == VW_DOMAIN_STATE_RUNNING;
}

static gboolean
log_has (gpointer data)
{
  Console *console = data;

  return vw_test_file_has (console->log, console->needle);
}

static gboolean
showing_frames (gpointer data)
{
  Console *console = data;
  VwVncSession *session = vw_console_page_get_session (console->page);

  return session != NULL && vw_vnc_session_get_state (session) == VW_VNC_STATE_CONNECTED
         && vw_vnc_session_get_n_frames (session) > 0;
}

/* ----- virDomainScreenshot against the framebuffer ----- */

static int
collect (virStreamPtr  stream,
         const char   *bytes,
         size_t        n,
         void         *opaque)
{
  g_byte_array_append (opaque, (const guint8 *) bytes, (guint) n);
  return (int) n;
}

/* QEMU's own picture of the screen (QEMU 7 sends a PNG). */
static GdkTexture *
qemu_screenshot (VwConnection *connection)
{
  virConnectPtr conn = vw_connection_ref_virconn (connection);
  virDomainPtr dom = virDomainLookupByName (conn, VW_PRACTICE_VM_NAME);
  virStreamPtr stream = virStreamNew (conn, 0);
  GByteArray *data = g_byte_array_new ();
  char *mime = virDomainScreenshot (dom, stream, 0, 0);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  GdkTexture *texture;

  g_assert_nonnull (mime);
  g_assert_cmpint (virStreamRecvAll (stream, collect, data), ==, 0);
  g_assert_cmpint (virStreamFinish (stream), ==, 0);
  bytes = g_byte_array_free_to_bytes (data);
  texture = gdk_texture_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  g_test_message ("virDomainScreenshot: %s, %d×%d", mime, gdk_texture_get_width (texture),
                  gdk_texture_get_height (texture));
  free (mime);
  virStreamFree (stream);
  virDomainFree (dom);
  virConnectClose (conn);
  return texture;
}

/* The share of pixels whose colour is within a few steps in every channel. */
static double
similarity (GdkTexture *ours,
            GdkTexture *qemu)
{
  int width = gdk_texture_get_width (ours);
  int height = gdk_texture_get_height (ours);
  gsize stride = (gsize) width * 4;
  g_autofree guint8 *a = g_malloc (stride * height);
  g_autofree guint8 *b = g_malloc (stride * height);
  guint64 same = 0;

  gdk_texture_download (ours, a, stride);
  gdk_texture_download (qemu, b, stride);
  for (gsize i = 0; i < stride * height; i += 4)
    if (ABS (a[i] - b[i]) <= 8 && ABS (a[i + 1] - b[i + 1]) <= 8 && ABS (a[i + 2] - b[i + 2]) <= 8)
      same++;
  return (double) same / ((double) width * height);
}

static void
expect_same_picture (Console *console)
{
  VwVncSession *session = vw_console_page_get_session (console->page);
  double best = 0;

  /* Screen and screenshot are taken a moment apart: the cursor blinks. */
  for (guint attempt = 0; attempt < 5 && best < 0.99; attempt++)
    {
      GdkTexture *texture;   /* the session's own */
      g_autoptr(GdkTexture) qemu = NULL;

      vw_test_wait_ms (300);
      texture = vw_vnc_session_get_texture (session);
      qemu = qemu_screenshot (console->connection);
      g_assert_cmpint (gdk_texture_get_width (texture), ==, gdk_texture_get_width (qemu));
      g_assert_cmpint (gdk_texture_get_height (texture), ==, gdk_texture_get_height (qemu));
      best = MAX (best, similarity (texture, qemu));
    }
  g_test_message ("framebuffer vs virDomainScreenshot: %.2f %% of the pixels alike", best * 100);
  g_assert_cmpfloat (best, >=, 0.99);
}

/* ----- The test ----- */

static gboolean
says_shut_off (gpointer data)
{
  Console *console = data;

  return vw_console_page_get_status (console->page) != NULL && vw_console_page_get_session (console->page) == NULL;
}

static gboolean
attached_again (gpointer data)
{
  gpointer *args = data;
  Console *console = args[0];

  return vw_console_page_get_n_attaches (console->page) > GPOINTER_TO_UINT (args[1]) && showing_frames (console);
}

static void
test_console_on_practice_vm (void)
{
  g_autofree char *marker = g_strdup_printf ("vw-console-%d", (int) getpid ());
  g_autofree char *command = g_strdup_printf ("echo %s > /dev/ttyS0\n", marker);
  g_autofree char *serial_log = NULL;
  VwTestOps ops;
  Console console = { NULL, NULL, NULL, NULL };
  GtkWidget *window;
  gpointer args[2];
  gint64 start;

  vw_test_open_ops (&ops, VW_TEST_QEMU_URI);
  console.connection = ops.connection;
  serial_log = vw_practice_vm_get_serial_log (ops.connection);
  console.log = serial_log;
  vw_test_practice_remove ();
  g_unlink (serial_log);

  vw_connection_create_practice_vm_async (ops.connection, NULL, vw_test_ops_done, vw_test_ops_begin (&ops));
  g_assert_true (vw_test_wait_until (is_done, &ops, OP_TIMEOUT_MS));
  g_assert_no_error (ops.error);
  g_assert_true (vw_test_wait_until (domain_running, &console, OP_TIMEOUT_MS));

  /* The page, in a real window, opens the console while it is shown. */
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  console.page = VW_CONSOLE_PAGE (vw_console_page_new ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (console.page));
  gtk_window_present (GTK_WINDOW (window));
  start = g_get_monotonic_time ();
  vw_console_page_set_domain (console.page, vw_connection_find_domain (ops.connection, VW_PRACTICE_VM_NAME));
  vw_console_page_set_active (console.page, TRUE);
  g_assert_true (vw_test_wait_for (showing_frames, &console, OP_TIMEOUT_MS));
  g_test_message ("first frame %.0f ms after the page asked", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_null (vw_console_page_get_status (console.page));

  console.needle = VW_PRACTICE_VM_READY_LINE;
  g_assert_true (vw_test_wait_for (log_has, &console, BOOT_LIMIT_MS));
  vw_test_wait_ms (500);
  expect_same_picture (&console);

  /* Typed through the VNC session: the guest's shell runs it. */
  start = g_get_monotonic_time ();
  vw_vnc_session_type_text (vw_console_page_get_session (console.page), command);
  console.needle = marker;
  g_assert_true (vw_test_wait_for (log_has, &console, 10000));
  g_test_message ("typed through VNC: marker in the serial log after %.0f ms",
                  (g_get_monotonic_time () - start) / 1000.0);

  /* The clipboard, typed into a guest that has no clipboard agent. */
  {
    g_autofree char *clip_marker = g_strdup_printf ("vw-clipboard-%d", (int) getpid ());
    g_autofree char *clip_command = g_strdup_printf ("echo %s > /dev/ttyS0\n", clip_marker);

    gdk_clipboard_set_text (gtk_widget_get_clipboard (window), clip_command);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (console.page), "console.clipboard", "s", "type"));
    console.needle = clip_marker;
    g_assert_true (vw_test_wait_for (log_has, &console, 10000));
  }

  /* In a window of its own and back, still connected. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (console.page), "console.window", "s", "popout"));
  g_assert_true (gtk_widget_get_root (GTK_WIDGET (vw_console_page_get_view (console.page))) != GTK_ROOT (window));
  g_assert_nonnull (vw_console_page_get_status (console.page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (console.page), "console.window", "s", "back"));
  g_assert_true (gtk_widget_get_root (GTK_WIDGET (vw_console_page_get_view (console.page))) == GTK_ROOT (window));
  g_assert_true (vw_test_wait_for (showing_frames, &console, OP_TIMEOUT_MS));
  g_assert_null (vw_console_page_get_status (console.page));

  /* Restarted from outside: the console comes back by itself. */
  args[0] = &console;
  args[1] = GUINT_TO_POINTER (vw_console_page_get_n_attaches (console.page));
  g_free (vw_test_run_virsh (VW_TEST_QEMU_URI, "destroy", VW_PRACTICE_VM_NAME, NULL));
  g_free (vw_test_run_virsh (VW_TEST_QEMU_URI, "start", VW_PRACTICE_VM_NAME, NULL));
  start = g_get_monotonic_time ();
  g_assert_true (vw_test_wait_for (attached_again, args, OP_TIMEOUT_MS));
  g_test_message ("restarted: console back after %.0f ms", (g_get_monotonic_time () - start) / 1000.0);

  /* Shut off: the page says so and offers to start it. */
  g_free (vw_test_run_virsh (VW_TEST_QEMU_URI, "destroy", VW_PRACTICE_VM_NAME, NULL));
  g_assert_true (vw_test_wait_for (says_shut_off, &console, OP_TIMEOUT_MS));

  gtk_window_destroy (GTK_WINDOW (window));
  vw_test_practice_remove ();
  vw_test_ops_teardown (&ops, NULL);
}

/* ----- The VNC password and the keyring ----- */

static GPid keyring_pid;

/* A keyring of the test's own, on the session bus ./dev test starts. */
static gboolean
start_keyring (void)
{
  const char *argv[] = { "gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets", NULL };
  g_autoptr(GError) error = NULL;
  int in_fd = -1;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    return FALSE;
  if (!g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                                 NULL, NULL, &keyring_pid, &in_fd, NULL, NULL, &error))
    {
      g_test_message ("gnome-keyring-daemon: %s", error->message);
      return FALSE;
    }
  /* The new keyring's password, on standard input. */
  g_assert_cmpint (write (in_fd, "test", 4), ==, 4);
  close (in_fd);
  vw_test_wait_ms (500);
  return TRUE;
}

typedef struct
{
  gboolean done;
  char *password;
} Lookup;

static void
looked_up (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Lookup *lookup = user_data;

  lookup->password = vw_secrets_lookup_finish (result, NULL);
  lookup->done = TRUE;
}

static gboolean
lookup_done (gpointer data)
{
  return ((Lookup *) data)->done;
}

static char *
kept_password (void)
{
  Lookup lookup = { FALSE, NULL };

  vw_secrets_lookup_async (VW_TEST_QEMU_URI, VW_PRACTICE_VM_NAME, NULL, looked_up, &lookup);
  g_assert_true (vw_test_wait_until (lookup_done, &lookup, 10000));
  return lookup.password;
}

/* practice-vm again, its display now asking for a password. */
static void
redefine_with_password (VwConnection *connection,
                        const char   *password)
{
  virConnectPtr conn = vw_connection_ref_virconn (connection);
  virDomainPtr dom = virDomainLookupByName (conn, VW_PRACTICE_VM_NAME);
  char *xml;
  g_autofree char *attribute = g_strdup_printf ("<graphics type='vnc' passwd='%s'", password);
  g_auto(GStrv) parts = NULL;
  g_autofree char *with_password = NULL;
  virDomainPtr defined;

  virDomainDestroy (dom);
  xml = virDomainGetXMLDesc (dom, VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_SECURE);
  parts = g_strsplit (xml, "<graphics type='vnc'", 2);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  with_password = g_strjoinv (attribute, parts);
  defined = virDomainDefineXML (conn, with_password);
  g_assert_nonnull (defined);
  g_assert_cmpint (virDomainCreate (defined), ==, 0);
  virDomainFree (defined);
  free (xml);
  virDomainFree (dom);
  virConnectClose (conn);
}

static gboolean
has_dialog (gpointer data)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        {
          *(AdwMessageDialog **) data = ADW_MESSAGE_DIALOG (window);
          return TRUE;
        }
    }
  return FALSE;
}

static void
test_password_and_keyring (void)
{
  VwTestOps ops;
  Console console = { NULL, NULL, NULL, NULL };
  AdwMessageDialog *dialog = NULL;
  GtkWidget *window, *entry, *remember;
  g_autofree char *kept = NULL;
  gpointer args[2];

  if (!start_keyring ())
    {
      if (g_getenv ("CI") != NULL)
        g_error ("CI: no keyring for the password test");
      g_test_skip ("no session bus or gnome-keyring-daemon");
      return;
    }
  vw_test_open_ops (&ops, VW_TEST_QEMU_URI);
  console.connection = ops.connection;
  vw_test_practice_remove ();
  vw_connection_create_practice_vm_async (ops.connection, NULL, vw_test_ops_done, vw_test_ops_begin (&ops));
  g_assert_true (vw_test_wait_until (is_done, &ops, OP_TIMEOUT_MS));
  g_assert_no_error (ops.error);
  redefine_with_password (ops.connection, "s3cret");
  g_assert_true (vw_test_wait_for (domain_running, &console, OP_TIMEOUT_MS));
  g_assert_null (kept = kept_password ());

  window = gtk_window_new ();
  console.page = VW_CONSOLE_PAGE (vw_console_page_new ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (console.page));
  gtk_window_present (GTK_WINDOW (window));
  vw_console_page_set_domain (console.page, vw_connection_find_domain (ops.connection, VW_PRACTICE_VM_NAME));
  vw_console_page_set_active (console.page, TRUE);

  /* Nothing kept: it asks, and keeps the password only when told to. */
  g_assert_true (vw_test_wait_for (has_dialog, &dialog, OP_TIMEOUT_MS));
  g_test_message ("asked: %s — %s", adw_message_dialog_get_heading (dialog), adw_message_dialog_get_body (dialog));
  entry = vw_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY);
  remember = vw_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_CHECK_BUTTON);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (remember)));
  gtk_editable_set_text (GTK_EDITABLE (entry), "s3cret");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (remember), TRUE);
  adw_message_dialog_response (dialog, "connect");
  /* As a click does: the response, then the dialog goes. */
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (vw_test_wait_for (showing_frames, &console, OP_TIMEOUT_MS));
  vw_test_wait_ms (300);
  kept = kept_password ();
  g_assert_cmpstr (kept, ==, "s3cret");

  /* Restarted: the kept password opens the console without asking. */
  args[0] = &console;
  args[1] = GUINT_TO_POINTER (vw_console_page_get_n_attaches (console.page));
  g_free (vw_test_run_virsh (VW_TEST_QEMU_URI, "destroy", VW_PRACTICE_VM_NAME, NULL));
  g_free (vw_test_run_virsh (VW_TEST_QEMU_URI, "start", VW_PRACTICE_VM_NAME, NULL));
  g_assert_true (vw_test_wait_for (attached_again, args, OP_TIMEOUT_MS));
  dialog = NULL;
  if (has_dialog (&dialog))
    g_error ("a dialog asks: %s — %s", adw_message_dialog_get_heading (dialog), adw_message_dialog_get_body (dialog));

  gtk_window_destroy (GTK_WINDOW (window));
  vw_test_practice_remove ();
  vw_test_ops_teardown (&ops, NULL);
  kill (keyring_pid, SIGTERM);
  g_spawn_close_pid (keyring_pid);
}

int
main (int   argc,
      char *argv[])
{
  int skip = vw_test_practice_init (&argc, &argv);

  if (skip != 0)
    return skip;
  adw_init ();

  g_test_add_func ("/integration/console/practice-vm", test_console_on_practice_vm);
  g_test_add_func ("/integration/console/password-and-keyring", test_password_and_keyring);

  return g_test_run ();
}
