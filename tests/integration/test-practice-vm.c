/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <libvirt/libvirt.h>
#include <linux/input-event-codes.h>
#include <string.h>
#include <unistd.h>

#include "vw-practice-vm.h"
#include "vw-sandbox.h"
#include "vw-test-ops.h"
#include "vw-test-practice.h"
#include "vw-test-util.h"

/* Against a real libvirtd with QEMU: "Create practice VM" defines and
 * starts practice-vm through the model (recorded as virsh define and
 * start), the guest reaches its shell prompt within BOOT_LIMIT_S under
 * software emulation (it says so on its serial port), and keys sent to it
 * reach that shell, which runs what they type. Also what it refuses: the
 * sandbox lab, boot files not prepared, a practice-vm already running. */

#define BOOT_LIMIT_S 30
#define TYPING_LIMIT_MS 10000
#define OP_TIMEOUT_MS 20000

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

/* ----- Waiting on the model and on the serial log ----- */

typedef struct
{
  VwConnection *connection;
  int state;            /* -1: absent */
  const char *log;
  const char *needle;
} Wait;

static gboolean
in_state (gpointer data)
{
  Wait *wait = data;
  VwDomain *domain = vw_connection_find_domain (wait->connection, VW_PRACTICE_VM_NAME);

  if (wait->state < 0)
    return domain == NULL;
  return domain != NULL && (int) vw_domain_get_state (domain) == wait->state;
}

static gboolean
log_has (gpointer data)
{
  Wait *wait = data;
  return vw_test_file_has (wait->log, wait->needle);
}

/* ----- Typing: Linux key codes, one key (with Shift) per call ----- */

static void
key_for (char      c,
         guint    *code,
         gboolean *shift)
{
  static const guint letters[26] = {
    KEY_A, KEY_B, KEY_C, KEY_D, KEY_E, KEY_F, KEY_G, KEY_H, KEY_I, KEY_J, KEY_K, KEY_L, KEY_M,
    KEY_N, KEY_O, KEY_P, KEY_Q, KEY_R, KEY_S, KEY_T, KEY_U, KEY_V, KEY_W, KEY_X, KEY_Y, KEY_Z,
  };
  static const guint digits[10] = {
    KEY_0, KEY_1, KEY_2, KEY_3, KEY_4, KEY_5, KEY_6, KEY_7, KEY_8, KEY_9,
  };

  *shift = g_ascii_isupper (c) || c == '>';
  if (g_ascii_isalpha (c))
    *code = letters[g_ascii_tolower (c) - 'a'];
  else if (g_ascii_isdigit (c))
    *code = digits[c - '0'];
  else if (c == ' ')
    *code = KEY_SPACE;
  else if (c == '-')
    *code = KEY_MINUS;
  else if (c == '/')
    *code = KEY_SLASH;
  else if (c == '>' || c == '.')
    *code = KEY_DOT;
  else if (c == '\n')
    *code = KEY_ENTER;
  else
    g_error ("no key for '%c'", c);
}

static void
type_text (const char *text)
{
  virConnectPtr conn = virConnectOpen (VW_TEST_QEMU_URI);
  virDomainPtr dom;

  g_assert_nonnull (conn);
  dom = virDomainLookupByName (conn, VW_PRACTICE_VM_NAME);
  g_assert_nonnull (dom);
  for (const char *p = text; *p != '\0'; p++)
    {
      unsigned int keys[2];
      int n = 0;
      gboolean shift;
      guint code;

      key_for (*p, &code, &shift);
      if (shift)
        keys[n++] = KEY_LEFTSHIFT;
      keys[n++] = code;
      g_assert_cmpint (virDomainSendKey (dom, VIR_KEYCODE_SET_LINUX, 20, keys, n, 0), ==, 0);
    }
  virDomainFree (dom);
  virConnectClose (conn);
}

/* ----- Tests ----- */

static const char *
command_at (VwTestOps *ops,
            guint      i)
{
  g_autoptr(VwCommand) command = g_list_model_get_item (G_LIST_MODEL (ops->log), i);
  g_autofree char *joined = g_strjoinv (" ", (char **) vw_command_get_args (command));

  return g_intern_string (joined);
}

static gboolean
is_done (gpointer data)
{
  return ((VwTestOps *) data)->done;
}

/* Starts the creation and waits until it has finished, well or not. */
static void
create_and_wait (VwTestOps *ops)
{
  vw_connection_create_practice_vm_async (ops->connection, NULL, vw_test_ops_done, vw_test_ops_begin (ops));
  g_assert_true (vw_test_wait_until (is_done, ops, OP_TIMEOUT_MS));
}

static void
test_refuses_sandbox (void)
{
  g_autofree char *sandbox_uri = vw_sandbox_get_uri ();
  VwTestOps ops;

  /* The test driver only pretends to run machines. */
  vw_test_open_ops (&ops, sandbox_uri);
  g_assert_null (vw_practice_vm_get_serial_log (ops.connection));
  create_and_wait (&ops);
  g_assert_error (ops.error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_nonnull (strstr (ops.error->message, "sandbox"));
  g_assert_nonnull (strstr (ops.error->message, "qemu:///system"));
  g_test_message ("sandbox: %s", ops.error->message);
  g_assert_cmpuint (vw_test_ops_n_commands (&ops), ==, 0);
  g_assert_null (vw_connection_find_domain (ops.connection, VW_PRACTICE_VM_NAME));
  vw_test_ops_teardown (&ops, NULL);
}

/* In a process of its own, whose VW_PRACTICE_VM_DIR main() points at a
 * folder that does not exist: the environment is only changed before
 * libvirt starts threads. */
static void
test_refuses_unprepared (void)
{
  VwTestOps ops;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  g_assert_false (vw_practice_vm_is_prepared ());
  vw_test_open_ops (&ops, VW_TEST_QEMU_URI);
  create_and_wait (&ops);
  g_assert_error (ops.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (ops.error->message, "scripts/build-practice-vm"));
  g_assert_nonnull (strstr (ops.error->message, g_getenv ("VW_PRACTICE_VM_DIR")));
  g_assert_cmpuint (vw_test_ops_n_commands (&ops), ==, 0);
  vw_test_ops_teardown (&ops, NULL);
}

static void
test_boot_and_type (void)
{
  g_autofree char *marker = g_strdup_printf ("vw-marker-%d", (int) getpid ());
  g_autofree char *command = g_strdup_printf ("echo %s > /dev/ttyS0\n", marker);
  g_autofree char *serial_log = NULL;
  g_autofree char *defined = NULL;
  VwTestOps ops;
  Wait wait = { NULL, -1, NULL, NULL };
  gint64 start;
  double created_s, running_s, ready_s;

  vw_test_open_ops (&ops, VW_TEST_QEMU_URI);
  wait.connection = ops.connection;
  serial_log = vw_practice_vm_get_serial_log (ops.connection);
  g_assert_cmpstr (serial_log, ==, "/var/log/libvirt/qemu/practice-vm-serial.log");
  wait.log = serial_log;

  /* A practice-vm left by an earlier run (or by the learner) goes, and so
   * does its log, which may well say "ready" already. */
  vw_test_practice_remove ();
  g_assert_true (vw_test_wait_for (in_state, &wait, OP_TIMEOUT_MS));
  g_unlink (serial_log);

  start = g_get_monotonic_time ();
  create_and_wait (&ops);
  g_assert_no_error (ops.error);
  created_s = seconds_since (start);

  /* Recorded as the learner would type it: define from a file, then start. */
  g_assert_cmpuint (vw_test_ops_n_commands (&ops), ==, 2);
  g_assert_true (g_str_has_prefix (command_at (&ops, 0), "define "));
  g_assert_true (g_file_get_contents (command_at (&ops, 0) + strlen ("define "), &defined, NULL, NULL));
  g_assert_nonnull (strstr (defined, "<name>practice-vm</name>"));
  g_assert_nonnull (strstr (defined, "/var/lib/libvirt/boot/virt-workbench/vmlinuz"));
  g_assert_nonnull (strstr (defined, "address=\"127.0.0.1\""));
  g_assert_cmpstr (command_at (&ops, 1), ==, "start practice-vm");

  wait.state = VW_DOMAIN_STATE_RUNNING;
  g_assert_true (vw_test_wait_for (in_state, &wait, OP_TIMEOUT_MS));
  running_s = seconds_since (start);

  wait.needle = VW_PRACTICE_VM_READY_LINE;
  g_assert_true (vw_test_wait_for (log_has, &wait, BOOT_LIMIT_S * 1000));
  ready_s = seconds_since (start);
  g_test_message ("create: done after %.2f s, running in the model after %.2f s, "
                  "shell prompt (\"%s\" on the serial port) after %.2f s",
                  created_s, running_s, VW_PRACTICE_VM_READY_LINE, ready_s);
  g_assert_cmpfloat (ready_s, <, BOOT_LIMIT_S);

  /* Keys reach the shell on the VGA console, which runs what they type:
   * the marker can only reach the serial log through that shell. */
  start = g_get_monotonic_time ();
  type_text (command);
  wait.needle = marker;
  g_assert_true (vw_test_wait_for (log_has, &wait, TYPING_LIMIT_MS));
  g_test_message ("typed `%.*s`: its output in the serial log after %.2f s",
                  (int) strlen (command) - 1, command, seconds_since (start));

  /* Running already: refused, nothing recorded. */
  create_and_wait (&ops);
  g_assert_error (ops.error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_test_message ("running: %s", ops.error->message);
  g_assert_cmpuint (vw_test_ops_n_commands (&ops), ==, 2);

  /* Defined and shut off: only started again. */
  g_free (vw_test_run_virsh (VW_TEST_QEMU_URI, "destroy", VW_PRACTICE_VM_NAME, NULL));
  wait.state = VW_DOMAIN_STATE_SHUTOFF;
  g_assert_true (vw_test_wait_for (in_state, &wait, OP_TIMEOUT_MS));
  create_and_wait (&ops);
  g_assert_no_error (ops.error);
  g_assert_cmpuint (vw_test_ops_n_commands (&ops), ==, 3);
  g_assert_cmpstr (command_at (&ops, 2), ==, "start practice-vm");
  wait.state = VW_DOMAIN_STATE_RUNNING;
  g_assert_true (vw_test_wait_for (in_state, &wait, OP_TIMEOUT_MS));

  vw_test_practice_remove ();
  wait.state = -1;
  g_assert_true (vw_test_wait_for (in_state, &wait, OP_TIMEOUT_MS));
  vw_test_ops_teardown (&ops, NULL);
}

int
main (int   argc,
      char *argv[])
{
  int skip = vw_test_practice_init (&argc, &argv);

  if (g_test_subprocess ())
    {
      g_autofree char *missing = g_build_filename (g_get_user_data_dir (), "no-practice-vm", NULL);

      g_setenv ("VW_PRACTICE_VM_DIR", missing, TRUE);
    }
  if (skip != 0)
    return skip;

  g_test_add_func ("/integration/practice-vm/refuses-sandbox", test_refuses_sandbox);
  g_test_add_func ("/integration/practice-vm/refuses-unprepared", test_refuses_unprepared);
  g_test_add_func ("/integration/practice-vm/boot-and-type", test_boot_and_type);

  return g_test_run ();
}
