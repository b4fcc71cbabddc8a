/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-exercise-run"

#include <glib/gi18n.h>

#include "vw-connection-private.h"
#include "vw-exercise-run.h"
#include "vw-lab-reader.h"

/* Changes come in bursts (an undefine sends several events): wait this
 * long after the first before checking, so that one pass sees them all. */
#define SETTLE_MS 40

struct _VwExerciseRun
{
  GObject parent_instance;

  VwExercise *exercise;
  VwConnection *connection;
  GCancellable *cancellable;
  GArray *done;
  char *error;
  guint settle_id;
  guint n_evaluations;
  gboolean running;
  gboolean again;
  gboolean stopped;
};

enum {
  PROP_0,
  PROP_EXERCISE,
  PROP_CONNECTION,
  PROP_N_DONE,
  PROP_COMPLETE,
  PROP_ERROR,
  N_PROPS
};

enum {
  EVALUATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (VwExerciseRun, vw_exercise_run, G_TYPE_OBJECT)

gboolean
vw_exercise_fits_connection (VwExercise   *exercise,
                             VwConnection *connection)
{
  VwExerciseFits fits = vw_exercise_get_fits (exercise);
  const char *uri = vw_connection_get_uri (connection);

  if (vw_connection_is_sandbox (connection))
    return (fits & VW_EXERCISE_FITS_SANDBOX) != 0;
  return (fits & VW_EXERCISE_FITS_QEMU) != 0 && uri != NULL && g_str_has_prefix (uri, "qemu");
}

static void schedule (VwExerciseRun *self);

static void
evaluate_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  VwExercise *exercise = task_data;
  virConnectPtr conn = vw_connection_ref_virconn (VW_EXERCISE_RUN (source_object)->connection);
  g_autoptr(VwLabReader) reader = NULL;
  GError *error = NULL;
  GArray *done;

  if (conn == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                               _("The lab is not connected, so the steps cannot be checked."));
      return;
    }
  reader = vw_lab_reader_new_for_virconn (conn);
  virConnectClose (conn);
  done = vw_exercise_evaluate (exercise, reader, &error);
  if (done == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, done, (GDestroyNotify) g_array_unref);
}

static guint
count_done (VwExerciseRun *self)
{
  guint n = 0;

  for (guint i = 0; i < self->done->len; i++)
    n += g_array_index (self->done, gboolean, i) ? 1 : 0;
  return n;
}

static void
evaluated (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(VwExerciseRun) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) done = g_task_propagate_pointer (G_TASK (result), &error);
  guint old_done = count_done (self);
  gboolean old_complete = vw_exercise_run_get_complete (self);

  self->running = FALSE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->stopped)
    return;

  g_clear_pointer (&self->error, g_free);
  if (done != NULL)
    {
      g_array_unref (self->done);
      self->done = g_steal_pointer (&done);
    }
  else
    self->error = g_strdup (error->message);
  self->n_evaluations++;

  if (count_done (self) != old_done)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DONE]);
  if (vw_exercise_run_get_complete (self) != old_complete)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
  g_signal_emit (self, signals[EVALUATED], 0);

  if (self->again)
    {
      self->again = FALSE;
      schedule (self);
    }
}

static gboolean
settled (gpointer user_data)
{
  VwExerciseRun *self = user_data;
  g_autoptr(GTask) task = NULL;

  self->settle_id = 0;
  if (self->running)
    {
      self->again = TRUE;
      return G_SOURCE_REMOVE;
    }
  self->running = TRUE;
  task = g_task_new (self, self->cancellable, evaluated, g_object_ref (self));
  g_task_set_source_tag (task, settled);
  g_task_set_task_data (task, g_object_ref (self->exercise), g_object_unref);
  g_task_run_in_thread (task, evaluate_thread);
  return G_SOURCE_REMOVE;
}

static void
schedule (VwExerciseRun *self)
{
  if (self->stopped || self->settle_id != 0)
    return;
  if (!vw_exercise_fits_connection (self->exercise, self->connection))
    return;
  self->settle_id = g_timeout_add (SETTLE_MS, settled, self);
}

static void
on_connection_changed (VwExerciseRun *self)
{
  schedule (self);
}

void
vw_exercise_run_refresh (VwExerciseRun *self)
{
  g_return_if_fail (VW_IS_EXERCISE_RUN (self));
  schedule (self);
}

void
vw_exercise_run_stop (VwExerciseRun *self)
{
  g_return_if_fail (VW_IS_EXERCISE_RUN (self));

  self->stopped = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->settle_id, g_source_remove);
  if (self->connection != NULL)
    g_signal_handlers_disconnect_by_data (self->connection, self);
}

static void
vw_exercise_run_constructed (GObject *object)
{
  VwExerciseRun *self = VW_EXERCISE_RUN (object);

  G_OBJECT_CLASS (vw_exercise_run_parent_class)->constructed (object);

  g_array_set_size (self->done, vw_exercise_get_n_steps (self->exercise));
  g_signal_connect_swapped (self->connection, "changed", G_CALLBACK (on_connection_changed), self);
  g_signal_connect_swapped (self->connection, "lab-event", G_CALLBACK (on_connection_changed), self);
  g_signal_connect_swapped (self->connection, "notify::status", G_CALLBACK (on_connection_changed), self);
  schedule (self);
}

static void
vw_exercise_run_dispose (GObject *object)
{
  VwExerciseRun *self = VW_EXERCISE_RUN (object);

  vw_exercise_run_stop (self);
  g_clear_object (&self->connection);
  g_clear_object (&self->exercise);
  G_OBJECT_CLASS (vw_exercise_run_parent_class)->dispose (object);
}

static void
vw_exercise_run_finalize (GObject *object)
{
  VwExerciseRun *self = VW_EXERCISE_RUN (object);

  g_object_unref (self->cancellable);
  g_array_unref (self->done);
  g_free (self->error);
  G_OBJECT_CLASS (vw_exercise_run_parent_class)->finalize (object);
}

static void
vw_exercise_run_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  VwExerciseRun *self = VW_EXERCISE_RUN (object);

  switch (prop_id)
    {
    case PROP_EXERCISE:
      g_value_set_object (value, self->exercise);
      break;
    case PROP_CONNECTION:
      g_value_set_object (value, self->connection);
      break;
    case PROP_N_DONE:
      g_value_set_uint (value, count_done (self));
      break;
    case PROP_COMPLETE:
      g_value_set_boolean (value, vw_exercise_run_get_complete (self));
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vw_exercise_run_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  VwExerciseRun *self = VW_EXERCISE_RUN (object);

  switch (prop_id)
    {
    case PROP_EXERCISE:
      self->exercise = g_value_dup_object (value);
      break;
    case PROP_CONNECTION:
      self->connection = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vw_exercise_run_class_init (VwExerciseRunClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = vw_exercise_run_constructed;
  object_class->dispose = vw_exercise_run_dispose;
  object_class->finalize = vw_exercise_run_finalize;
  object_class->get_property = vw_exercise_run_get_property;
  object_class->set_property = vw_exercise_run_set_property;

  properties[PROP_EXERCISE] =
    g_param_spec_object ("exercise", NULL, NULL, VW_TYPE_EXERCISE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL, VW_TYPE_CONNECTION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_DONE] =
    g_param_spec_uint ("n-done", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VwExerciseRun::evaluated:
   *
   * A pass over the steps finished (the marks may or may not have moved).
   */
  signals[EVALUATED] = g_signal_new ("evaluated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
vw_exercise_run_init (VwExerciseRun *self)
{
  self->cancellable = g_cancellable_new ();
  self->done = g_array_new (FALSE, TRUE, sizeof (gboolean));
}

VwExerciseRun *
vw_exercise_run_new (VwExercise   *exercise,
                     VwConnection *connection)
{
  g_return_val_if_fail (VW_IS_EXERCISE (exercise), NULL);
  g_return_val_if_fail (VW_IS_CONNECTION (connection), NULL);

  return g_object_new (VW_TYPE_EXERCISE_RUN, "exercise", exercise, "connection", connection, NULL);
}

VwExercise *
vw_exercise_run_get_exercise (VwExerciseRun *self)
{
  g_return_val_if_fail (VW_IS_EXERCISE_RUN (self), NULL);
  return self->exercise;
}

VwConnection *
vw_exercise_run_get_connection (VwExerciseRun *self)
{
  g_return_val_if_fail (VW_IS_EXERCISE_RUN (self), NULL);
  return self->connection;
}

gboolean
vw_exercise_run_get_fits (VwExerciseRun *self)
{
  g_return_val_if_fail (VW_IS_EXERCISE_RUN (self), FALSE);
  return vw_exercise_fits_connection (self->exercise, self->connection);
}

gboolean
vw_exercise_run_get_step_done (VwExerciseRun *self,
                               guint          step)
{
  g_return_val_if_fail (VW_IS_EXERCISE_RUN (self), FALSE);
  return step < self->done->len && g_array_index (self->done, gboolean, step);
}

guint
vw_exercise_run_get_n_done (VwExerciseRun *self)
{
  g_return_val_if_fail (VW_IS_EXERCISE_RUN (self), 0);
  return count_done (self);
}

gboolean
vw_exercise_run_get_complete (VwExerciseRun *self)
{
  g_return_val_if_fail (VW_IS_EXERCISE_RUN (self), FALSE);
  return self->error == NULL && self->done->len > 0 && count_done (self) == self->done->len;
}

const char *
vw_exercise_run_get_error (VwExerciseRun *self)
{
  g_return_val_if_fail (VW_IS_EXERCISE_RUN (self), NULL);
  return self->error;
}

guint
vw_exercise_run_get_n_evaluations (VwExerciseRun *self)
{
  g_return_val_if_fail (VW_IS_EXERCISE_RUN (self), 0);
  return self->n_evaluations;
}
