/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "vw-sandbox.h"
#include "vw-test-ops.h"
#include "vw-test-util.h"

void
vw_test_ops_setup (VwTestOps     *ops,
                   gconstpointer  data)
{
  g_autofree char *uri = vw_sandbox_get_uri ();

  ops->log = vw_command_log_new ();
  ops->connection = vw_test_open_connection (uri);
  vw_connection_set_command_log (ops->connection, ops->log);
}

static void
clear_result (VwTestOps *ops)
{
  if (ops->result != NULL && ops->result_free != NULL)
    ops->result_free (ops->result);
  ops->result = NULL;
  ops->result_free = NULL;
}

void
vw_test_ops_teardown (VwTestOps     *ops,
                      gconstpointer  data)
{
  g_clear_object (&ops->connection);
  g_clear_object (&ops->log);
  g_clear_error (&ops->error);
  clear_result (ops);
}

/* Prepares for an operation; pass the result as its user data, then call
 * vw_test_ops_wait(). */
VwTestOps *
vw_test_ops_begin (VwTestOps *ops)
{
  ops->done = FALSE;
  g_clear_error (&ops->error);
  clear_result (ops);
  return ops;
}

/* Every operation of the model ends in a GTask with a boolean. */
void
vw_test_ops_done (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  VwTestOps *ops = user_data;

  g_task_propagate_boolean (G_TASK (result), &ops->error);
  ops->done = TRUE;
}

/* For the reads that give a string (XML). */
void
vw_test_ops_done_string (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  VwTestOps *ops = user_data;

  ops->result = g_task_propagate_pointer (G_TASK (result), &ops->error);
  ops->result_free = g_free;
  ops->done = TRUE;
}

static gboolean
is_done (gpointer data)
{
  return ((VwTestOps *) data)->done;
}

void
vw_test_ops_wait (VwTestOps *ops)
{
  g_assert_true (vw_test_wait_until (is_done, ops, 10000));
  /* Let the events and the fresh read that follow land. */
  vw_test_wait_ms (60);
}

const char *
vw_test_ops_last_command (VwTestOps *ops)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (ops->log));
  g_autoptr(VwCommand) command = NULL;
  g_autofree char *joined = NULL;

  g_assert_cmpuint (n, >, 0);
  command = g_list_model_get_item (G_LIST_MODEL (ops->log), n - 1);
  joined = g_strjoinv (" ", (char **) vw_command_get_args (command));
  return g_intern_string (joined);
}

guint
vw_test_ops_n_commands (VwTestOps *ops)
{
  return g_list_model_get_n_items (G_LIST_MODEL (ops->log));
}

/* The item of @model whose "name" property is @name, or %NULL. */
gpointer
vw_test_ops_find (GListModel *model,
                  const char *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      g_autofree char *item_name = NULL;

      g_object_get (item, "name", &item_name, NULL);
      if (g_strcmp0 (item_name, name) == 0)
        return item;
    }
  return NULL;
}
