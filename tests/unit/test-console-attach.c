/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "vw-console-attach.h"
#include "vw-test-ops.h"
#include "vw-test-util.h"

/* Finding a machine's display: where a listener is reached from here, and
 * what the sandbox (no emulator, no screen) answers. The real routes are
 * exercised against QEMU in tests/integration/test-console.c. */

typedef VwTestOps Fixture;

static void
test_resolve_listen (void)
{
  static const struct {
    const char *uri;
    const char *listen;
    const char *host;
    gboolean tunnel;
  } cases[] = {
    { "qemu:///system", NULL, "127.0.0.1", FALSE },
    { "qemu:///system", "0.0.0.0", "127.0.0.1", FALSE },
    { "qemu:///system", "127.0.0.1", "127.0.0.1", FALSE },
    { "qemu:///system", "192.168.1.5", "192.168.1.5", FALSE },
    { "qemu+ssh://admin@lab.example/system", "0.0.0.0", "lab.example", FALSE },
    { "qemu+ssh://admin@lab.example/system", "::", "lab.example", FALSE },
    { "qemu+ssh://admin@lab.example/system", "127.0.0.1", "127.0.0.1", TRUE },
    { "qemu+tcp://lab.example/system", "10.0.0.7", "10.0.0.7", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean tunnel = !cases[i].tunnel;
      g_autofree char *host = vw_console_resolve_listen (cases[i].uri, cases[i].listen, &tunnel);

      g_assert_cmpstr (host, ==, cases[i].host);
      g_assert_cmpint (tunnel, ==, cases[i].tunnel);
    }
}

typedef struct
{
  gboolean done;
  VwConsoleTarget *target;
  GError *error;
} Attach;

static void
attached (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Attach *attach = user_data;

  attach->target = vw_domain_open_console_finish (VW_DOMAIN (object), result, &attach->error);
  attach->done = TRUE;
}

static gboolean
is_attached (gpointer data)
{
  return ((Attach *) data)->done;
}

static void
expect_error (Fixture    *fixture,
              const char *name,
              int         code)
{
  Attach attach = { FALSE, NULL, NULL };

  vw_domain_open_console_async (vw_connection_find_domain (fixture->connection, name), NULL, attached, &attach);
  g_assert_true (vw_test_wait_until (is_attached, &attach, 5000));
  g_assert_null (attach.target);
  g_assert_error (attach.error, VW_CONSOLE_ERROR, code);
  g_clear_error (&attach.error);
}

static void
test_sandbox (Fixture       *fixture,
              gconstpointer  data)
{
  /* A running machine of the test driver has no screen to show... */
  expect_error (fixture, "web01", VW_CONSOLE_ERROR_NO_DISPLAY);
  /* ...and a shut-off one says so first, so that the page offers Start. */
  expect_error (fixture, "db01", VW_CONSOLE_ERROR_NOT_RUNNING);
}

int
main (int   argc,
      char *argv[])
{
  vw_test_init (&argc, &argv);

  g_test_add_func ("/console-attach/resolve-listen", test_resolve_listen);
  g_test_add ("/console-attach/sandbox", Fixture, NULL, vw_test_ops_setup, test_sandbox, vw_test_ops_teardown);

  return g_test_run ();
}
