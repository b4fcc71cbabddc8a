/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-exercise"

#include <string.h>

#include "vw-exercise-private.h"

/* An exercise as its file describes it, immutable once parsed. Its live
 * state on a connection is a VwExerciseRun. */

G_DEFINE_FINAL_TYPE (VwExercise, vw_exercise, G_TYPE_OBJECT)

static void
vw_exercise_finalize (GObject *object)
{
  VwExercise *self = VW_EXERCISE (object);

  g_free (self->id);
  g_free (self->objective);
  g_free (self->title);
  g_free (self->goal);
  g_free (self->path);
  g_free (self->start);
  g_ptr_array_unref (self->steps);
  g_ptr_array_unref (self->files);
  G_OBJECT_CLASS (vw_exercise_parent_class)->finalize (object);
}

static void
vw_exercise_class_init (VwExerciseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vw_exercise_finalize;
}

static void
vw_exercise_init (VwExercise *self)
{
  self->steps = g_ptr_array_new_with_free_func (vw_exercise_step_free);
  self->files = g_ptr_array_new_with_free_func (vw_exercise_file_free);
}

VwExercise *
vw_exercise_new_empty (const char *path)
{
  VwExercise *self = g_object_new (VW_TYPE_EXERCISE, NULL);

  self->path = g_strdup (path);
  return self;
}

void
vw_exercise_step_free (gpointer data)
{
  VwExerciseStep *step = data;

  g_free (step->task);
  g_free (step->hint);
  g_ptr_array_unref (step->solutions);
  g_ptr_array_unref (step->conditions);
  g_free (step);
}

void
vw_exercise_file_free (gpointer data)
{
  VwExerciseFile *file = data;

  g_free (file->name);
  g_free (file->contents);
  g_free (file);
}

const char *
vw_exercise_get_id (VwExercise *self)
{
  g_return_val_if_fail (VW_IS_EXERCISE (self), NULL);
  return self->id;
}

const char *
vw_exercise_get_objective (VwExercise *self)
{
  g_return_val_if_fail (VW_IS_EXERCISE (self), NULL);
  return self->objective;
}

const char *
vw_exercise_get_title (VwExercise *self)
{
  g_return_val_if_fail (VW_IS_EXERCISE (self), NULL);
  return self->title;
}

const char *
vw_exercise_get_goal (VwExercise *self)
{
  g_return_val_if_fail (VW_IS_EXERCISE (self), NULL);
  return self->goal;
}

const char *
vw_exercise_get_path (VwExercise *self)
{
  g_return_val_if_fail (VW_IS_EXERCISE (self), NULL);
  return self->path;
}

const char *
vw_exercise_get_start (VwExercise *self)
{
  g_return_val_if_fail (VW_IS_EXERCISE (self), NULL);
  return self->start;
}

VwExerciseFits
vw_exercise_get_fits (VwExercise *self)
{
  g_return_val_if_fail (VW_IS_EXERCISE (self), 0);
  return self->fits;
}

guint
vw_exercise_get_n_steps (VwExercise *self)
{
  g_return_val_if_fail (VW_IS_EXERCISE (self), 0);
  return self->steps->len;
}

const VwExerciseStep *
vw_exercise_get_step (VwExercise *self,
                      guint       index)
{
  g_return_val_if_fail (VW_IS_EXERCISE (self), NULL);
  g_return_val_if_fail (index < self->steps->len, NULL);
  return self->steps->pdata[index];
}

guint
vw_exercise_get_n_files (VwExercise *self)
{
  g_return_val_if_fail (VW_IS_EXERCISE (self), 0);
  return self->files->len;
}

const VwExerciseFile *
vw_exercise_get_file (VwExercise *self,
                      guint       index)
{
  g_return_val_if_fail (VW_IS_EXERCISE (self), NULL);
  g_return_val_if_fail (index < self->files->len, NULL);
  return self->files->pdata[index];
}

gboolean
vw_exercise_uses_command (VwExercise *self,
                          const char *subcommand)
{
  g_return_val_if_fail (VW_IS_EXERCISE (self), FALSE);

  for (guint i = 0; i < self->steps->len; i++)
    {
      const VwExerciseStep *step = self->steps->pdata[i];

      for (guint j = 0; j < step->solutions->len; j++)
        {
          g_auto(GStrv) argv = NULL;

          if (g_shell_parse_argv (step->solutions->pdata[j], NULL, &argv, NULL)
              && argv[0] != NULL && argv[1] != NULL && strcmp (argv[1], subcommand) == 0)
            return TRUE;
        }
    }
  return FALSE;
}

GArray *
vw_exercise_evaluate (VwExercise   *self,
                      VwLabReader  *reader,
                      GError      **error)
{
  g_autoptr(VwLabCache) cache = NULL;
  g_autoptr(GArray) done = NULL;

  g_return_val_if_fail (VW_IS_EXERCISE (self), NULL);
  g_return_val_if_fail (reader != NULL, NULL);

  cache = vw_lab_cache_new (reader);
  done = g_array_sized_new (FALSE, TRUE, sizeof (gboolean), self->steps->len);
  for (guint i = 0; i < self->steps->len; i++)
    {
      const VwExerciseStep *step = self->steps->pdata[i];
      gboolean holds = TRUE;

      for (guint j = 0; j < step->conditions->len && holds; j++)
        {
          GError *local_error = NULL;

          holds = vw_condition_eval (step->conditions->pdata[j], cache, &local_error);
          if (local_error != NULL)
            {
              g_propagate_error (error, local_error);
              return NULL;
            }
        }
      g_array_append_val (done, holds);
    }
  return g_steal_pointer (&done);
}
