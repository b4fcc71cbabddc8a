/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-topic-list"

#include <glib/gi18n.h>

#include "vw-error.h"
#include "vw-paths.h"
#include "vw-topic-list.h"

/* The objectives come from data/objectives.ini, a GKeyFile whose groups are
 * "Topic 351" for the three exam topics and "351.1" … "353.4" for the
 * objectives, so content stays out of the C code. Titles use the Key[locale]
 * form and follow the current locale. */

#define MAX_WEIGHT 60

static gboolean
is_objective_id (const char *group)
{
  /* Objective ids are three digits, a dot and one digit: 351.4. */
  return g_ascii_isdigit (group[0]) && g_ascii_isdigit (group[1]) && g_ascii_isdigit (group[2])
         && group[3] == '.' && g_ascii_isdigit (group[4]) && group[5] == '\0';
}

static VwTopic *
load_objective (GKeyFile    *keyfile,
                const char  *path,
                const char  *id,
                GError     **error)
{
  g_autofree char *title = NULL;
  g_autofree char *group_key = NULL;
  g_autofree char *group_title = NULL;
  g_auto(GStrv) areas = NULL;
  g_auto(GStrv) cited = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 weight;

  title = g_key_file_get_locale_string (keyfile, id, "Title", NULL, &local_error);
  if (title == NULL || *title == '\0')
    {
      g_set_error (error, VW_ERROR, VW_ERROR_INVALID_DATA,
                   _("%s: objective %s has no title"), path, id);
      return NULL;
    }

  weight = g_key_file_get_int64 (keyfile, id, "Weight", &local_error);
  if (local_error != NULL || weight < 1 || weight > MAX_WEIGHT)
    {
      g_set_error (error, VW_ERROR, VW_ERROR_INVALID_DATA,
                   _("%s: objective %s needs a weight between 1 and %d"), path, id, MAX_WEIGHT);
      return NULL;
    }

  group_key = g_strdup_printf ("Topic %.3s", id);
  group_title = g_key_file_get_locale_string (keyfile, group_key, "Title", NULL, NULL);
  if (group_title == NULL)
    {
      g_set_error (error, VW_ERROR, VW_ERROR_INVALID_DATA,
                   _("%s: objective %s belongs to no [%s] group"), path, id, group_key);
      return NULL;
    }

  areas = g_key_file_get_string_list (keyfile, id, "Areas", NULL, NULL);
  cited = g_key_file_get_string_list (keyfile, id, "Cited", NULL, NULL);

  return vw_topic_new (id, title, group_title, (guint) weight,
                       (const char * const *) areas, (const char * const *) cited);
}

/**
 * vw_topic_list_load:
 * @path: an objectives key file
 *
 * Returns: (transfer full): a #GListModel of #VwTopic in file order, or %NULL
 *   with @error set when the file is missing or malformed.
 */
GListModel *
vw_topic_list_load (const char  *path,
                    GError     **error)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GListStore) store = g_list_store_new (VW_TYPE_TOPIC);
  g_auto(GStrv) groups = NULL;
  g_autoptr(GError) local_error = NULL;

  g_key_file_set_list_separator (keyfile, ';');
  if (!g_key_file_load_from_file (keyfile, path, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, VW_ERROR, VW_ERROR_INVALID_DATA,
                   _("Could not read the objectives from %s: %s"), path, local_error->message);
      return NULL;
    }

  groups = g_key_file_get_groups (keyfile, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_autoptr(VwTopic) topic = NULL;

      if (!is_objective_id (groups[i]))
        continue;

      topic = load_objective (keyfile, path, groups[i], error);
      if (topic == NULL)
        return NULL;

      g_list_store_append (store, topic);
    }

  if (g_list_model_get_n_items (G_LIST_MODEL (store)) == 0)
    {
      g_set_error (error, VW_ERROR, VW_ERROR_INVALID_DATA,
                   _("%s lists no objectives"), path);
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

GListModel *
vw_topic_list_load_default (GError **error)
{
  g_autofree char *path = vw_paths_data_file ("objectives.ini", NULL);

  return vw_topic_list_load (path, error);
}

/**
 * vw_topic_list_find:
 * @position: (out) (optional): where the topic is in @topics
 *
 * Returns: (transfer none) (nullable): the topic with @id
 */
VwTopic *
vw_topic_list_find (GListModel *topics,
                    const char *id,
                    guint      *position)
{
  guint n = g_list_model_get_n_items (topics);

  if (id == NULL)
    return NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VwTopic) topic = g_list_model_get_item (topics, i);

      if (g_strcmp0 (vw_topic_get_id (topic), id) == 0)
        {
          if (position != NULL)
            *position = i;
          return topic;
        }
    }

  return NULL;
}

guint
vw_topic_list_total_weight (GListModel *topics)
{
  guint n = g_list_model_get_n_items (topics);
  guint total = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VwTopic) topic = g_list_model_get_item (topics, i);

      total += vw_topic_get_weight (topic);
    }

  return total;
}

/* The objectives' ids, in exam order: what the exercise catalog and the
 * question bank are checked against. Returns: (transfer full) */
GStrv
vw_topic_list_ids (GListModel *topics)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = topics != NULL ? g_list_model_get_n_items (topics) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VwTopic) topic = g_list_model_get_item (topics, i);

      g_strv_builder_add (builder, vw_topic_get_id (topic));
    }
  return g_strv_builder_end (builder);
}
