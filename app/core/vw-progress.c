/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-progress"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "vw-bookmark-private.h"
#include "vw-file.h"
#include "vw-progress.h"
#include "vw-progress-format.h"

/* What the learner has read of the study notes and where they left
 * bookmarks, in memory, saved to one file (vw-progress-format.c has the
 * format) a moment after each change. A save always replaces the whole file
 * atomically, so the file is the old progress or the new, never a mix; a
 * damaged file is moved aside rather than trusted or overwritten unseen. */

#define SAVE_DELAY_MS 300

G_DEFINE_QUARK (vw-progress-error-quark, vw_progress_error)

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

static int
compare_bookmarks (gconstpointer a,
                   gconstpointer b)
{
  return vw_bookmark_compare (*(VwBookmark **) a, *(VwBookmark **) b);
}

struct _VwProgress
{
  GObject parent_instance;

  char *path;
  GHashTable *read;        /* objective id → set of anchors */
  GHashTable *exercises;   /* ids of the exercises completed */
  GListStore *bookmarks;   /* sorted by objective, then offset */
  guint save_source;
  gboolean dirty;
};

G_DEFINE_FINAL_TYPE (VwProgress, vw_progress, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

enum {
  CHANGED,
  SAVE_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
vw_progress_dispose (GObject *object)
{
  VwProgress *self = VW_PROGRESS (object);

  /* A last safety net for a caller that forgot vw_progress_flush(): the
   * learner's reading is worth one synchronous write. */
  if (self->dirty)
    {
      g_autoptr(GError) error = NULL;

      if (!vw_progress_save (self, &error))
        g_warning ("Reading progress was not saved: %s", error->message);
    }
  g_clear_handle_id (&self->save_source, g_source_remove);

  G_OBJECT_CLASS (vw_progress_parent_class)->dispose (object);
}

static void
vw_progress_finalize (GObject *object)
{
  VwProgress *self = VW_PROGRESS (object);

  g_free (self->path);
  g_hash_table_unref (self->read);
  g_hash_table_unref (self->exercises);
  g_object_unref (self->bookmarks);

  G_OBJECT_CLASS (vw_progress_parent_class)->finalize (object);
}

static void
vw_progress_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, VW_PROGRESS (object)->path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vw_progress_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_PATH:
      VW_PROGRESS (object)->path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vw_progress_class_init (VwProgressClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vw_progress_dispose;
  object_class->finalize = vw_progress_finalize;
  object_class->get_property = vw_progress_get_property;
  object_class->set_property = vw_progress_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The sections read of one objective changed; the objective id is NULL
   * after a load, when any of them may have, and when an exercise was
   * completed. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                   G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  /* A save nobody waited on (the one scheduled after a change) failed. The
   * changes stay in memory and the next change tries again. */
  signals[SAVE_FAILED] = g_signal_new ("save-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                       G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
vw_progress_init (VwProgress *self)
{
  self->read = vw_progress_format_new_read_table ();
  self->exercises = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->bookmarks = g_list_store_new (VW_TYPE_BOOKMARK);
}

/* @path is normally vw_paths_progress_file(). Nothing is read until
 * vw_progress_load(). */
VwProgress *
vw_progress_new (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);
  return g_object_new (VW_TYPE_PROGRESS, "path", path, NULL);
}

const char *
vw_progress_get_path (VwProgress *self)
{
  g_return_val_if_fail (VW_IS_PROGRESS (self), NULL);
  return self->path;
}

static gboolean
save_timeout (gpointer user_data)
{
  VwProgress *self = user_data;
  g_autoptr(GError) error = NULL;

  self->save_source = 0;
  if (!vw_progress_save (self, &error))
    g_signal_emit (self, signals[SAVE_FAILED], 0, error);
  return G_SOURCE_REMOVE;
}

/* Sections are marked read as the learner scrolls, several in a second:
 * one write for the whole burst is plenty. */
static void
schedule_save (VwProgress *self)
{
  self->dirty = TRUE;
  if (self->save_source == 0)
    {
      self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout, self);
      g_source_set_name_by_id (self->save_source, "[vw-progress] save");
    }
}

static void
read_changed (VwProgress *self,
              const char *objective_id)
{
  schedule_save (self);
  g_signal_emit (self, signals[CHANGED], 0, objective_id);
}

/* Where a bookmark at @objective and @offset belongs; *@found tells whether
 * one is already there. */
static guint
find_bookmark (VwProgress *self,
               const char *objective,
               guint       offset,
               gboolean   *found)
{
  GListModel *list = G_LIST_MODEL (self->bookmarks);
  guint n = g_list_model_get_n_items (list);

  *found = FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VwBookmark) other = g_list_model_get_item (list, i);
      guint other_offset = vw_bookmark_get_offset (other);
      int cmp = vw_objective_id_compare (vw_bookmark_get_objective (other), objective);

      if (cmp == 0)
        cmp = other_offset < offset ? -1 : other_offset > offset;
      if (cmp >= 0)
        {
          *found = cmp == 0;
          return i;
        }
    }
  return n;
}

/* Puts what a file held in place of what the store had, with one
 * items-changed for the whole list. Of twins in the file (same objective
 * and offset) the first is kept. */
static void
replace_contents (VwProgress *self,
                  GHashTable *read,
                  GPtrArray  *bookmarks,
                  GHashTable *exercises)
{
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  g_clear_handle_id (&self->save_source, g_source_remove);
  self->dirty = FALSE;
  g_hash_table_unref (self->read);
  self->read = g_hash_table_ref (read);
  g_hash_table_unref (self->exercises);
  self->exercises = g_hash_table_ref (exercises);

  g_ptr_array_sort (bookmarks, compare_bookmarks);   /* stable */
  for (guint i = 0; i < bookmarks->len; i++)
    if (kept->len == 0
        || vw_bookmark_compare (g_ptr_array_index (kept, kept->len - 1), g_ptr_array_index (bookmarks, i)) != 0)
      g_ptr_array_add (kept, g_ptr_array_index (bookmarks, i));
  g_list_store_splice (self->bookmarks, 0, g_list_model_get_n_items (G_LIST_MODEL (self->bookmarks)),
                       kept->pdata, kept->len);
}

/* The damaged file is kept, not deleted, so that nothing the learner had is
 * thrown away unseen; rename() replaces an older copy. */
static void
set_aside (VwProgress   *self,
           const GError *reason,
           GError      **error)
{
  g_autofree char *aside = g_strconcat (self->path, ".corrupt", NULL);

  if (g_rename (self->path, aside) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, VW_PROGRESS_ERROR, VW_PROGRESS_ERROR_CORRUPT,
                   _("The reading progress file “%s” is damaged (%s) and could not be moved aside: %s"),
                   self->path, reason->message, g_strerror (saved_errno));
      return;
    }
  g_set_error (error, VW_PROGRESS_ERROR, VW_PROGRESS_ERROR_CORRUPT,
               _("The reading progress file “%s” is damaged (%s); it was kept as “%s” and progress starts afresh"),
               self->path, reason->message, aside);
}

/* Replaces what is in memory with the file. A missing file is no progress
 * yet. A damaged one is moved aside to PATH.corrupt and gives
 * VW_PROGRESS_ERROR_CORRUPT, leaving the store empty and usable. Any other
 * failure to read (permissions, I/O) also leaves it empty. */
gboolean
vw_progress_load (VwProgress  *self,
                  GError     **error)
{
  g_autoptr(GHashTable) read = vw_progress_format_new_read_table ();
  g_autoptr(GPtrArray) bookmarks = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) exercises = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gboolean ok = TRUE;
  gsize length;

  g_return_val_if_fail (VW_IS_PROGRESS (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_file_get_contents (self->path, &contents, &length, &local_error))
    {
      if (!g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          ok = FALSE;
        }
    }
  else if (!vw_progress_format_parse (self->path, contents, length, read, bookmarks, exercises,
                                          &local_error))
    {
      /* Nothing of a damaged file is trusted, not even what came before
       * the damage. */
      g_hash_table_remove_all (read);
      g_ptr_array_set_size (bookmarks, 0);
      set_aside (self, local_error, error);
      ok = FALSE;
    }

  replace_contents (self, read, bookmarks, exercises);
  g_signal_emit (self, signals[CHANGED], 0, NULL);
  return ok;
}

/* Writes now, whether or not anything changed. On failure the file on disk
 * is untouched (see vw_file_write_atomic()) and the changes stay pending. */
gboolean
vw_progress_save (VwProgress  *self,
                  GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_return_val_if_fail (VW_IS_PROGRESS (self), FALSE);

  g_clear_handle_id (&self->save_source, g_source_remove);
  contents = vw_progress_format_write (self->read, G_LIST_MODEL (self->bookmarks), self->exercises,
                                       &length);
  if (!vw_file_write_atomic (self->path, contents, (gssize) length, error))
    return FALSE;
  self->dirty = FALSE;
  return TRUE;
}

/* For shutdown: writes pending changes now instead of after the delay. */
gboolean
vw_progress_flush (VwProgress  *self,
                   GError     **error)
{
  g_return_val_if_fail (VW_IS_PROGRESS (self), FALSE);

  if (!self->dirty)
    return TRUE;
  return vw_progress_save (self, error);
}

/* TRUE if @anchor was not read before; "changed" is emitted only then. */
gboolean
vw_progress_mark_read (VwProgress *self,
                       const char *objective_id,
                       const char *anchor)
{
  g_return_val_if_fail (VW_IS_PROGRESS (self), FALSE);
  g_return_val_if_fail (vw_progress_format_valid_id (objective_id), FALSE);
  g_return_val_if_fail (anchor != NULL && *anchor != '\0' && g_utf8_validate (anchor, -1, NULL), FALSE);

  if (!vw_progress_format_add_read (self->read, objective_id, anchor))
    return FALSE;
  read_changed (self, objective_id);
  return TRUE;
}

gboolean
vw_progress_is_read (VwProgress *self,
                     const char *objective_id,
                     const char *anchor)
{
  GHashTable *anchors;

  g_return_val_if_fail (VW_IS_PROGRESS (self), FALSE);
  g_return_val_if_fail (objective_id != NULL && anchor != NULL, FALSE);

  anchors = g_hash_table_lookup (self->read, objective_id);
  return anchors != NULL && g_hash_table_contains (anchors, anchor);
}

/* The anchors read, sorted; an empty vector when none are. */
GStrv
vw_progress_get_read (VwProgress *self,
                      const char *objective_id)
{
  GHashTable *anchors;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree gpointer *keys = NULL;
  guint n = 0;

  g_return_val_if_fail (VW_IS_PROGRESS (self), NULL);
  g_return_val_if_fail (objective_id != NULL, NULL);

  anchors = g_hash_table_lookup (self->read, objective_id);
  if (anchors != NULL)
    {
      keys = g_hash_table_get_keys_as_array (anchors, &n);
      qsort (keys, n, sizeof (gpointer), compare_strings);
    }
  for (guint i = 0; i < n; i++)
    g_strv_builder_add (builder, keys[i]);
  return g_strv_builder_end (builder);
}

/* TRUE if @exercise_id was not completed before; "changed" is emitted
 * (with no objective) only then. */
gboolean
vw_progress_set_exercise_done (VwProgress *self,
                               const char *exercise_id)
{
  g_return_val_if_fail (VW_IS_PROGRESS (self), FALSE);
  g_return_val_if_fail (exercise_id != NULL && *exercise_id != '\0', FALSE);
  g_return_val_if_fail (strchr (exercise_id, ';') == NULL && g_utf8_validate (exercise_id, -1, NULL), FALSE);

  if (!g_hash_table_add (self->exercises, g_strdup (exercise_id)))
    return FALSE;
  read_changed (self, NULL);
  return TRUE;
}

gboolean
vw_progress_is_exercise_done (VwProgress *self,
                              const char *exercise_id)
{
  g_return_val_if_fail (VW_IS_PROGRESS (self), FALSE);
  return exercise_id != NULL && g_hash_table_contains (self->exercises, exercise_id);
}

guint
vw_progress_get_n_exercises_done (VwProgress *self)
{
  g_return_val_if_fail (VW_IS_PROGRESS (self), 0);
  return g_hash_table_size (self->exercises);
}

/* Forgets what was read of one objective; its bookmarks stay. */
gboolean
vw_progress_reset_objective (VwProgress *self,
                             const char *objective_id)
{
  g_return_val_if_fail (VW_IS_PROGRESS (self), FALSE);
  g_return_val_if_fail (objective_id != NULL, FALSE);

  if (!g_hash_table_remove (self->read, objective_id))
    return FALSE;
  read_changed (self, objective_id);
  return TRUE;
}

static guint
count_read (VwProgress         *self,
            const char         *objective_id,
            const char * const *all_anchors,
            guint              *total)
{
  GHashTable *anchors = g_hash_table_lookup (self->read, objective_id);
  guint n_read = 0;

  *total = 0;
  for (; all_anchors != NULL && all_anchors[*total] != NULL; (*total)++)
    if (anchors != NULL && g_hash_table_contains (anchors, all_anchors[*total]))
      n_read++;
  return n_read;
}

/* The share of @all_anchors (the objective's sections as the notes have
 * them now, each once) that was read. Anchors read that are no longer in
 * the notes do not count, so the result stays within [0, 1]. An objective
 * without sections is 0. */
double
vw_progress_objective_fraction (VwProgress         *self,
                                const char         *objective_id,
                                const char * const *all_anchors)
{
  guint total;
  guint n_read;

  g_return_val_if_fail (VW_IS_PROGRESS (self), 0.0);
  g_return_val_if_fail (objective_id != NULL, 0.0);

  n_read = count_read (self, objective_id, all_anchors, &total);
  return total == 0 ? 0.0 : (double) n_read / total;
}

/* Readiness for the exam: each objective's fraction weighted by its exam
 * weight, so reading a weight-6 objective counts twice a weight-3 one.
 * Objectives with no positive weight are left out. */
double
vw_progress_overall_fraction (VwProgress                *self,
                              const VwProgressObjective *objectives,
                              gsize                      n_objectives)
{
  double sum = 0.0;
  double weights = 0.0;

  g_return_val_if_fail (VW_IS_PROGRESS (self), 0.0);
  g_return_val_if_fail (objectives != NULL || n_objectives == 0, 0.0);

  for (gsize i = 0; i < n_objectives; i++)
    {
      guint total;
      guint n_read;

      if (!(objectives[i].weight > 0.0))
        continue;
      n_read = count_read (self, objectives[i].objective_id, objectives[i].anchors, &total);
      /* Multiplying before dividing keeps simple cases exact: 9 × 1/3 is 3. */
      if (total > 0)
        sum += objectives[i].weight * n_read / total;
      weights += objectives[i].weight;
    }
  return weights > 0.0 ? sum / weights : 0.0;
}

/* Returns the bookmark, owned by the store's list. A bookmark already at the
 * same objective and offset is kept and gets @note instead of a twin. */
VwBookmark *
vw_progress_add_bookmark (VwProgress *self,
                          const char *objective_id,
                          const char *anchor,
                          guint       offset,
                          const char *note)
{
  g_autoptr(VwBookmark) bookmark = NULL;
  g_autoptr(GDateTime) now = NULL;
  gboolean found;
  guint position;

  g_return_val_if_fail (VW_IS_PROGRESS (self), NULL);
  g_return_val_if_fail (vw_progress_format_valid_id (objective_id), NULL);
  g_return_val_if_fail (anchor != NULL && g_utf8_validate (anchor, -1, NULL), NULL);
  g_return_val_if_fail (note == NULL || g_utf8_validate (note, -1, NULL), NULL);

  position = find_bookmark (self, objective_id, offset, &found);
  if (found)
    {
      bookmark = g_list_model_get_item (G_LIST_MODEL (self->bookmarks), position);
      if (vw_bookmark_set_note (bookmark, note))
        schedule_save (self);
      return bookmark;   /* the list still holds a reference */
    }

  /* Whole seconds, as the file keeps them, so a reload gives the same. */
  now = g_date_time_new_from_unix_utc (g_get_real_time () / G_USEC_PER_SEC);
  bookmark = vw_bookmark_new (objective_id, anchor, offset, note, now);
  g_list_store_insert (self->bookmarks, position, bookmark);
  schedule_save (self);
  return bookmark;
}

gboolean
vw_progress_remove_bookmark (VwProgress *self,
                             VwBookmark *bookmark)
{
  guint position;

  g_return_val_if_fail (VW_IS_PROGRESS (self), FALSE);
  g_return_val_if_fail (VW_IS_BOOKMARK (bookmark), FALSE);

  if (!g_list_store_find (self->bookmarks, bookmark, &position))
    return FALSE;
  g_list_store_remove (self->bookmarks, position);
  schedule_save (self);
  return TRUE;
}

/* FALSE if @bookmark is not in the store or already had @note. */
gboolean
vw_progress_set_bookmark_note (VwProgress *self,
                               VwBookmark *bookmark,
                               const char *note)
{
  g_return_val_if_fail (VW_IS_PROGRESS (self), FALSE);
  g_return_val_if_fail (VW_IS_BOOKMARK (bookmark), FALSE);
  g_return_val_if_fail (note == NULL || g_utf8_validate (note, -1, NULL), FALSE);

  if (!g_list_store_find (self->bookmarks, bookmark, NULL) || !vw_bookmark_set_note (bookmark, note))
    return FALSE;
  schedule_save (self);
  return TRUE;
}

/* A list of VwBookmark sorted by objective (351.9 before 351.10), then by
 * offset; owned by the store. */
GListModel *
vw_progress_get_bookmarks (VwProgress *self)
{
  g_return_val_if_fail (VW_IS_PROGRESS (self), NULL);
  return G_LIST_MODEL (self->bookmarks);
}
