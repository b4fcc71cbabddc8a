/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-exercise-catalog"

#include <string.h>

#include "vw-exercise-catalog.h"
#include "vw-exercise-parse.h"
#include "vw-paths.h"

struct _VwExerciseCatalog
{
  GObject parent_instance;

  GListStore *exercises;
  GHashTable *by_id;
  GPtrArray *errors;
};

G_DEFINE_FINAL_TYPE (VwExerciseCatalog, vw_exercise_catalog, G_TYPE_OBJECT)

static void
vw_exercise_catalog_finalize (GObject *object)
{
  VwExerciseCatalog *self = VW_EXERCISE_CATALOG (object);

  g_object_unref (self->exercises);
  g_hash_table_unref (self->by_id);
  g_ptr_array_unref (self->errors);
  G_OBJECT_CLASS (vw_exercise_catalog_parent_class)->finalize (object);
}

static void
vw_exercise_catalog_class_init (VwExerciseCatalogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vw_exercise_catalog_finalize;
}

static void
vw_exercise_catalog_init (VwExerciseCatalog *self)
{
  self->exercises = g_list_store_new (VW_TYPE_EXERCISE);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->errors = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->errors, NULL);
}

static void
add_error (VwExerciseCatalog *self,
           char              *message)
{
  g_warning ("%s", message);
  g_ptr_array_insert (self->errors, (int) self->errors->len - 1, message);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
list_files (const char         *dir,
            VwExerciseCatalog  *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) handle = g_dir_open (dir, 0, &error);
  const char *name;

  if (handle == NULL)
    {
      add_error (self, g_strdup (error->message));
      return g_steal_pointer (&names);
    }
  while ((name = g_dir_read_name (handle)) != NULL)
    if (g_str_has_suffix (name, ".exercise.xml"))
      g_ptr_array_add (names, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (names, compare_paths);
  return g_steal_pointer (&names);
}

VwExerciseCatalog *
vw_exercise_catalog_load (const char         *dir,
                          const char         *data_dir,
                          const char * const *objective_ids,
                          gboolean            translate)
{
  VwExerciseCatalog *self = g_object_new (VW_TYPE_EXERCISE_CATALOG, NULL);
  g_autoptr(VwExerciseContext) context = vw_exercise_context_new (objective_ids, data_dir);
  g_autoptr(GPtrArray) files = list_files (dir, self);

  for (guint i = 0; i < files->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(VwExercise) exercise = vw_exercise_parse_file (context, files->pdata[i], translate, &error);
      const char *id;

      if (exercise == NULL)
        {
          add_error (self, g_strdup (error->message));
          continue;
        }
      id = vw_exercise_get_id (exercise);
      if (g_hash_table_contains (self->by_id, id))
        {
          add_error (self, g_strdup_printf ("%s:1: the id “%s” is already used by %s", (char *) files->pdata[i], id,
                                            vw_exercise_get_path (g_hash_table_lookup (self->by_id, id))));
          continue;
        }
      g_hash_table_insert (self->by_id, (gpointer) id, exercise);
      g_list_store_append (self->exercises, exercise);
    }
  return self;
}

VwExerciseCatalog *
vw_exercise_catalog_load_default (const char * const *objective_ids)
{
  g_autofree char *dir = vw_paths_data_file ("exercises", NULL);

  return vw_exercise_catalog_load (dir, vw_paths_data_dir (), objective_ids, TRUE);
}

GListModel *
vw_exercise_catalog_get_exercises (VwExerciseCatalog *self)
{
  g_return_val_if_fail (VW_IS_EXERCISE_CATALOG (self), NULL);
  return G_LIST_MODEL (self->exercises);
}

const char * const *
vw_exercise_catalog_get_errors (VwExerciseCatalog *self)
{
  g_return_val_if_fail (VW_IS_EXERCISE_CATALOG (self), NULL);
  return (const char * const *) self->errors->pdata;
}

VwExercise *
vw_exercise_catalog_lookup (VwExerciseCatalog *self,
                            const char        *id)
{
  g_return_val_if_fail (VW_IS_EXERCISE_CATALOG (self), NULL);
  return id != NULL ? g_hash_table_lookup (self->by_id, id) : NULL;
}

GListModel *
vw_exercise_catalog_for_objective (VwExerciseCatalog *self,
                                   const char        *objective)
{
  GListStore *store = g_list_store_new (VW_TYPE_EXERCISE);
  guint n;

  g_return_val_if_fail (VW_IS_EXERCISE_CATALOG (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->exercises));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VwExercise) exercise = g_list_model_get_item (G_LIST_MODEL (self->exercises), i);

      if (g_strcmp0 (vw_exercise_get_objective (exercise), objective) == 0)
        g_list_store_append (store, exercise);
    }
  return G_LIST_MODEL (store);
}

VwExercise *
vw_exercise_catalog_find_command (VwExerciseCatalog *self,
                                  const char        *objective,
                                  const char        *subcommand)
{
  guint n;

  g_return_val_if_fail (VW_IS_EXERCISE_CATALOG (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->exercises));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VwExercise) exercise = g_list_model_get_item (G_LIST_MODEL (self->exercises), i);

      if ((objective == NULL || g_strcmp0 (vw_exercise_get_objective (exercise), objective) == 0)
          && vw_exercise_uses_command (exercise, subcommand))
        return exercise;
    }
  return NULL;
}
