/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-virt-op"

#include <glib/gi18n.h>

#include "vw-connection-private.h"
#include "vw-virt.h"
#include "vw-virt-op.h"

/* Every change the learner makes goes through here: the libvirt calls run
 * in a worker thread, and once they have succeeded, back on the main thread,
 * the virsh command line that does the same is recorded on the connection
 * (which also tells the sandbox to save itself). A failed operation records
 * nothing, since it changed nothing. */

typedef struct
{
  VwConnection *connection;
  GPtrArray *commands;
  VwVirtOpFunc func;
  gpointer data;
  GDestroyNotify data_free;
} Op;

static void
op_free (Op *op)
{
  g_clear_object (&op->connection);
  g_ptr_array_unref (op->commands);
  if (op->data_free != NULL && op->data != NULL)
    op->data_free (op->data);
  g_free (op);
}

static void
op_thread (GTask        *task,
           gpointer      source_object,
           gpointer      task_data,
           GCancellable *cancellable)
{
  Op *op = task_data;
  GError *error = NULL;

  if (op->func (op->data, op->commands, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
op_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  Op *op = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* libvirt's "not supported by the connection driver" says little to
       * a learner on the sandbox: say what it means there. */
      if (vw_virt_error_is (error, VIR_ERR_NO_SUPPORT) && vw_connection_is_sandbox (op->connection))
        {
          GError *plain = g_error_new (error->domain, error->code,
                                       _("The sandbox lab runs on libvirt’s test driver, which cannot do this; "
                                         "on a QEMU connection such as qemu:///system it works (libvirt: %s)."),
                                       error->message);

          g_clear_error (&error);
          error = plain;
        }
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; i < op->commands->len; i++)
    vw_connection_record (op->connection, op->commands->pdata[i]);
  g_task_return_boolean (outer, TRUE);
}

/**
 * vw_virt_op_run:
 * @virsh_args: (nullable): what follows "virsh -c URI" for the same change,
 *   or %NULL for a read that changes nothing
 * @data: (transfer full): handed to @func in the worker thread
 */
void
vw_virt_op_run (gpointer             source_object,
                VwConnection        *connection,
                const char * const  *virsh_args,
                VwVirtOpFunc         func,
                gpointer             data,
                GDestroyNotify       data_free,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  g_autoptr(GTask) outer = g_task_new (source_object, cancellable, callback, user_data);
  g_autoptr(GTask) inner = NULL;
  Op *op = g_new0 (Op, 1);

  op->connection = g_object_ref (connection);
  op->commands = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  if (virsh_args != NULL)
    g_ptr_array_add (op->commands, g_strdupv ((char **) virsh_args));
  op->func = func;
  op->data = data;
  op->data_free = data_free;

  g_task_set_source_tag (outer, vw_virt_op_run);
  /* The caller may read its data back after completion (results of reads). */
  g_task_set_task_data (outer, op, (GDestroyNotify) op_free);

  inner = g_task_new (source_object, cancellable, op_done, g_object_ref (outer));
  g_task_set_task_data (inner, op, NULL);
  g_task_run_in_thread (inner, op_thread);
}

gboolean
vw_virt_op_finish (GAsyncResult  *result,
                   GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == vw_virt_op_run, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The data given to vw_virt_op_run(), for operations that read something. */
gpointer
vw_virt_op_get_data (GAsyncResult *result)
{
  Op *op = g_task_get_task_data (G_TASK (result));

  return op->data;
}

/* A NULL-terminated argument vector, for the virsh line of an operation. */
GStrv
vw_virt_args (const char *first,
              ...)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  va_list list;

  va_start (list, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (list, const char *))
    g_strv_builder_add (builder, arg);
  va_end (list);
  return g_strv_builder_end (builder);
}
