/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "vw-domain.h"
#include "vw-format.h"
#include "vw-sandbox.h"
#include "vw-test-util.h"
#include "vw-virt.h"

/* Lifecycle actions through the model: the state changes by libvirt's
 * events, each change notifies exactly the properties that changed, and a
 * refused action changes nothing. */

typedef struct
{
  VwConnection *connection;
  VwDomain *domain;
  GHashTable *notified;
  gboolean done;
  GError *error;
} Fixture;

static void
on_notify (VwDomain   *domain,
           GParamSpec *pspec,
           Fixture    *fixture)
{
  const char *name = g_param_spec_get_name (pspec);
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (fixture->notified, name));

  g_hash_table_insert (fixture->notified, (gpointer) name, GUINT_TO_POINTER (count + 1));
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *uri = vw_sandbox_get_uri ();

  fixture->connection = vw_test_open_connection (uri);
  fixture->notified = g_hash_table_new (g_str_hash, g_str_equal);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (fixture->domain != NULL)
    g_signal_handlers_disconnect_by_data (fixture->domain, fixture);
  g_clear_object (&fixture->connection);
  g_hash_table_unref (fixture->notified);
  g_clear_error (&fixture->error);
}

static void
watch (Fixture    *fixture,
       const char *name)
{
  fixture->domain = vw_connection_find_domain (fixture->connection, name);
  g_assert_nonnull (fixture->domain);
  g_signal_connect (fixture->domain, "notify", G_CALLBACK (on_notify), fixture);
}

static guint
notified (Fixture    *fixture,
          const char *property)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (fixture->notified, property));
}

static void
run_done (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Fixture *fixture = user_data;

  vw_domain_op_finish (VW_DOMAIN (object), result, &fixture->error);
  fixture->done = TRUE;
}

static gboolean
is_done (gpointer data)
{
  return ((Fixture *) data)->done;
}

typedef struct
{
  VwDomain *domain;
  VwDomainState state;
} StateWait;

static gboolean
has_state (gpointer data)
{
  StateWait *wait = data;

  return vw_domain_get_state (wait->domain) == wait->state;
}

static void
run (Fixture        *fixture,
     VwDomainAction  action)
{
  fixture->done = FALSE;
  g_clear_error (&fixture->error);
  vw_domain_run_async (fixture->domain, action, NULL, run_done, fixture);
  g_assert_true (vw_domain_get_busy (fixture->domain));
  g_assert_true (vw_test_wait_until (is_done, fixture, 5000));
  g_assert_false (vw_domain_get_busy (fixture->domain));
}

static void
expect_state (Fixture       *fixture,
              VwDomainState  state)
{
  StateWait wait = { fixture->domain, state };

  g_assert_true (vw_test_wait_until (has_state, &wait, 5000));
  /* Let the fresh read after the event land too. */
  vw_test_wait_ms (100);
  g_assert_cmpint (vw_domain_get_state (fixture->domain), ==, state);
}

static void
test_start (Fixture       *fixture,
            gconstpointer  data)
{
  watch (fixture, "db01");
  g_assert_cmpint (vw_domain_get_state (fixture->domain), ==, VW_DOMAIN_STATE_SHUTOFF);
  g_assert_cmpint (vw_domain_get_id (fixture->domain), ==, -1);

  run (fixture, VW_DOMAIN_ACTION_START);
  g_assert_no_error (fixture->error);
  expect_state (fixture, VW_DOMAIN_STATE_RUNNING);

  g_assert_cmpuint (notified (fixture, "state"), ==, 1);
  g_assert_cmpuint (notified (fixture, "id"), ==, 1);
  g_assert_cmpuint (notified (fixture, "busy"), ==, 2);
  g_assert_cmpuint (notified (fixture, "name"), ==, 0);
  g_assert_cmpuint (notified (fixture, "vcpus"), ==, 0);
  g_assert_cmpint (vw_domain_get_id (fixture->domain), >, 0);
}

static void
test_pause_resume_destroy (Fixture       *fixture,
                           gconstpointer  data)
{
  watch (fixture, "web01");
  g_assert_cmpint (vw_domain_get_state (fixture->domain), ==, VW_DOMAIN_STATE_RUNNING);
  g_assert_false (vw_domain_can (fixture->domain, VW_DOMAIN_ACTION_START));
  g_assert_true (vw_domain_can (fixture->domain, VW_DOMAIN_ACTION_SUSPEND));

  run (fixture, VW_DOMAIN_ACTION_SUSPEND);
  g_assert_no_error (fixture->error);
  expect_state (fixture, VW_DOMAIN_STATE_PAUSED);
  g_assert_true (vw_domain_can (fixture->domain, VW_DOMAIN_ACTION_RESUME));

  run (fixture, VW_DOMAIN_ACTION_RESUME);
  g_assert_no_error (fixture->error);
  expect_state (fixture, VW_DOMAIN_STATE_RUNNING);

  run (fixture, VW_DOMAIN_ACTION_DESTROY);
  g_assert_no_error (fixture->error);
  expect_state (fixture, VW_DOMAIN_STATE_SHUTOFF);
  g_assert_cmpint (vw_domain_get_id (fixture->domain), ==, -1);
  g_assert_cmpuint (notified (fixture, "state"), ==, 3);
}

static void
test_shutdown (Fixture       *fixture,
               gconstpointer  data)
{
  watch (fixture, "client01");
  run (fixture, VW_DOMAIN_ACTION_SHUTDOWN);
  g_assert_no_error (fixture->error);
  expect_state (fixture, VW_DOMAIN_STATE_SHUTOFF);
}

static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  watch (fixture, "web01");

  /* Starting a running domain: libvirt refuses, nothing changes. */
  run (fixture, VW_DOMAIN_ACTION_START);
  g_assert_nonnull (fixture->error);
  g_assert_true (fixture->error->domain == VW_VIRT_ERROR);
  g_assert_nonnull (strstr (fixture->error->message, "already running"));
  vw_test_wait_ms (200);
  g_assert_cmpint (vw_domain_get_state (fixture->domain), ==, VW_DOMAIN_STATE_RUNNING);
  g_assert_cmpuint (notified (fixture, "state"), ==, 0);

  /* Resuming a domain that is not paused. */
  run (fixture, VW_DOMAIN_ACTION_RESUME);
  g_assert_nonnull (fixture->error);
  g_assert_cmpint (vw_domain_get_state (fixture->domain), ==, VW_DOMAIN_STATE_RUNNING);
}

static void
test_action_table (void)
{
  g_assert_true (vw_domain_action_is_allowed (VW_DOMAIN_ACTION_START, VW_DOMAIN_STATE_SHUTOFF));
  g_assert_false (vw_domain_action_is_allowed (VW_DOMAIN_ACTION_START, VW_DOMAIN_STATE_RUNNING));
  g_assert_false (vw_domain_action_is_allowed (VW_DOMAIN_ACTION_START, VW_DOMAIN_STATE_PAUSED));
  g_assert_true (vw_domain_action_is_allowed (VW_DOMAIN_ACTION_DESTROY, VW_DOMAIN_STATE_PAUSED));
  g_assert_false (vw_domain_action_is_allowed (VW_DOMAIN_ACTION_DESTROY, VW_DOMAIN_STATE_SHUTOFF));
  g_assert_true (vw_domain_action_is_allowed (VW_DOMAIN_ACTION_RESUME, VW_DOMAIN_STATE_PAUSED));
  g_assert_false (vw_domain_action_is_allowed (VW_DOMAIN_ACTION_SUSPEND, VW_DOMAIN_STATE_PAUSED));
  g_assert_false (vw_domain_action_is_allowed (VW_DOMAIN_ACTION_SHUTDOWN, VW_DOMAIN_STATE_SHUTOFF));

  for (VwDomainAction a = VW_DOMAIN_ACTION_START; a <= VW_DOMAIN_ACTION_RESUME; a++)
    {
      VwDomainAction parsed;

      g_assert_true (vw_domain_action_from_string (vw_domain_action_get_verb (a), &parsed));
      g_assert_cmpint (parsed, ==, a);
    }
  g_assert_cmpstr (vw_domain_action_get_verb (VW_DOMAIN_ACTION_DESTROY), ==, "destroy");
}

static void
test_format_memory (void)
{
  static const struct { guint64 kib; const char *text; } cases[] = {
    { 512, "512 KiB" },
    { 524288, "512 MiB" },
    { 2097152, "2 GiB" },
    { 1572864, "1.5 GiB" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = vw_format_memory (cases[i].kib);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

int
main (int   argc,
      char *argv[])
{
  vw_test_init (&argc, &argv);

  g_test_add ("/domain/start", Fixture, NULL, fixture_setup, test_start, fixture_teardown);
  g_test_add ("/domain/pause-resume-destroy", Fixture, NULL, fixture_setup, test_pause_resume_destroy,
              fixture_teardown);
  g_test_add ("/domain/shutdown", Fixture, NULL, fixture_setup, test_shutdown, fixture_teardown);
  g_test_add ("/domain/refused", Fixture, NULL, fixture_setup, test_refused, fixture_teardown);
  g_test_add_func ("/domain/action-table", test_action_table);
  g_test_add_func ("/domain/format-memory", test_format_memory);

  return g_test_run ();
}
