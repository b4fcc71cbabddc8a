/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-progress-format"

#include <glib/gi18n.h>
#include <string.h>

#include "vw-bookmark-private.h"
#include "vw-progress.h"
#include "vw-progress-format.h"

/* What the learner has read and where they left bookmarks, as a key file:
 *
 *   [objective 351.4]
 *   read=kvm-modules;virtio
 *
 *   [exercises]
 *   done=network-define-isolated;snapshot-before-change
 *
 *   [bookmark 1]
 *   objective=351.4
 *   anchor=virtio
 *   offset=1250
 *   note=Check the balloon driver
 *   created=2026-01-12T09:30:00Z
 *
 *   [format]
 *   version=1
 *
 * [format] is written last on purpose: a file cut short by a crash or a full
 * disk loses it or its value, so any truncation reads as damage instead of
 * as less progress. Groups and keys we do not know are ignored, so that a
 * later version can add some. */

#define FORMAT_VERSION  "1"
#define OBJECTIVE_GROUP "objective "
#define BOOKMARK_GROUP  "bookmark "

/* Objective ids become part of a group name, so they must not break one. */
gboolean
vw_progress_format_valid_id (const char *objective_id)
{
  if (objective_id == NULL || *objective_id == '\0' || !g_utf8_validate (objective_id, -1, NULL))
    return FALSE;
  for (const char *p = objective_id; *p != '\0'; p++)
    if (*p == '[' || *p == ']' || g_ascii_iscntrl (*p))
      return FALSE;
  return TRUE;
}

GHashTable *
vw_progress_format_new_read_table (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_hash_table_unref);
}

/* TRUE if @anchor was not in the table yet. */
gboolean
vw_progress_format_add_read (GHashTable *read,
                             const char *objective_id,
                             const char *anchor)
{
  GHashTable *anchors = g_hash_table_lookup (read, objective_id);

  if (anchors == NULL)
    {
      anchors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_insert (read, g_strdup (objective_id), anchors);
    }
  return g_hash_table_add (anchors, g_strdup (anchor));
}

static void
parse_objective (const char *path,
                 GKeyFile   *file,
                 const char *group,
                 GHashTable *read)
{
  const char *id = group + strlen (OBJECTIVE_GROUP);
  g_auto(GStrv) anchors = NULL;

  if (!vw_progress_format_valid_id (id)
      || (anchors = g_key_file_get_string_list (file, group, "read", NULL, NULL)) == NULL)
    {
      g_message ("%s: [%s] skipped: no valid objective id or read list", path, group);
      return;
    }
  for (guint i = 0; anchors[i] != NULL; i++)
    if (*anchors[i] != '\0')
      vw_progress_format_add_read (read, id, anchors[i]);
}

/* One damaged entry costs that bookmark only, not the others. */
static void
parse_bookmark (const char *path,
                GKeyFile   *file,
                const char *group,
                GPtrArray  *bookmarks)
{
  g_autofree char *objective = g_key_file_get_string (file, group, "objective", NULL);
  g_autofree char *anchor = g_key_file_get_string (file, group, "anchor", NULL);
  g_autofree char *offset_text = g_key_file_get_value (file, group, "offset", NULL);
  g_autofree char *note = g_key_file_get_string (file, group, "note", NULL);
  g_autofree char *created_text = g_key_file_get_value (file, group, "created", NULL);
  g_autoptr(GDateTime) created = NULL;
  guint64 offset;

  if (!vw_progress_format_valid_id (objective) || anchor == NULL || offset_text == NULL
      || created_text == NULL
      || !g_ascii_string_to_unsigned (offset_text, 10, 0, G_MAXUINT, &offset, NULL)
      || (created = g_date_time_new_from_iso8601 (created_text, NULL)) == NULL)
    {
      g_message ("%s: [%s] skipped: a key is missing or invalid", path, group);
      return;
    }
  g_ptr_array_add (bookmarks, vw_bookmark_new (objective, anchor, (guint) offset, note, created));
}

/* Fills @read and @bookmarks (unsorted, possibly with twins) from a file's
 * @contents; VW_PROGRESS_ERROR_CORRUPT if the file as a whole is not a
 * complete progress file of a version we know. */
gboolean
vw_progress_format_parse (const char  *path,
                          const char  *contents,
                          gsize        length,
                          GHashTable  *read,
                          GPtrArray   *bookmarks,
                          GHashTable  *exercises,
                          GError     **error)
{
  g_auto(GStrv) done = NULL;
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *version = NULL;
  g_auto(GStrv) groups = NULL;

  /* GKeyFile only checks the encoding of the values it is asked for; bad
   * bytes anywhere mean the file as a whole is not ours to trust. */
  if (!g_utf8_validate_len (contents, length, NULL))
    {
      g_set_error_literal (error, VW_PROGRESS_ERROR, VW_PROGRESS_ERROR_CORRUPT,
                           _("it is not valid UTF-8 text"));
      return FALSE;
    }
  if (!g_key_file_load_from_data (file, contents, length, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error_literal (error, VW_PROGRESS_ERROR, VW_PROGRESS_ERROR_CORRUPT, local_error->message);
      return FALSE;
    }

  version = g_key_file_get_value (file, "format", "version", NULL);
  if (version == NULL || *version == '\0')
    {
      g_set_error_literal (error, VW_PROGRESS_ERROR, VW_PROGRESS_ERROR_CORRUPT,
                           _("it has no format version, so it was cut short"));
      return FALSE;
    }
  if (strcmp (version, FORMAT_VERSION) != 0)
    {
      g_set_error (error, VW_PROGRESS_ERROR, VW_PROGRESS_ERROR_CORRUPT,
                   _("it has format version %s, and only version %s is known"),
                   version, FORMAT_VERSION);
      return FALSE;
    }

  groups = g_key_file_get_groups (file, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      if (g_str_has_prefix (groups[i], OBJECTIVE_GROUP))
        parse_objective (path, file, groups[i], read);
      else if (g_str_has_prefix (groups[i], BOOKMARK_GROUP))
        parse_bookmark (path, file, groups[i], bookmarks);
    }
  done = g_key_file_get_string_list (file, "exercises", "done", NULL, NULL);
  for (guint i = 0; done != NULL && done[i] != NULL; i++)
    if (done[i][0] != '\0')
      g_hash_table_add (exercises, g_strdup (done[i]));
  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return vw_objective_id_compare (*(const char **) a, *(const char **) b);
}

/* Everything sorted, so that the same progress always gives the same
 * bytes and a diff of two files means something. */
char *
vw_progress_format_write (GHashTable *read,
                          GListModel *bookmarks,
                          GHashTable *exercises,
                          gsize      *length)
{
  g_autofree gpointer *done = NULL;
  guint n_done;
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree gpointer *ids = NULL;
  guint n_ids;
  guint n_bookmarks = g_list_model_get_n_items (bookmarks);

  ids = g_hash_table_get_keys_as_array (read, &n_ids);
  qsort (ids, n_ids, sizeof (gpointer), compare_ids);
  for (guint i = 0; i < n_ids; i++)
    {
      g_autofree char *group = g_strconcat (OBJECTIVE_GROUP, ids[i], NULL);
      g_autofree gpointer *anchors = NULL;
      guint n_anchors;

      anchors = g_hash_table_get_keys_as_array (g_hash_table_lookup (read, ids[i]), &n_anchors);
      qsort (anchors, n_anchors, sizeof (gpointer), compare_strings);
      g_key_file_set_string_list (file, group, "read", (const char * const *) anchors, n_anchors);
    }

  done = g_hash_table_get_keys_as_array (exercises, &n_done);
  if (n_done > 0)
    {
      qsort (done, n_done, sizeof (gpointer), compare_strings);
      g_key_file_set_string_list (file, "exercises", "done", (const char * const *) done, n_done);
    }

  for (guint i = 0; i < n_bookmarks; i++)
    {
      g_autoptr(VwBookmark) bookmark = g_list_model_get_item (bookmarks, i);
      g_autoptr(GDateTime) utc = g_date_time_to_utc (vw_bookmark_get_created (bookmark));
      g_autofree char *created = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
      g_autofree char *group = g_strdup_printf (BOOKMARK_GROUP "%u", i + 1);

      g_key_file_set_string (file, group, "objective", vw_bookmark_get_objective (bookmark));
      g_key_file_set_string (file, group, "anchor", vw_bookmark_get_anchor (bookmark));
      g_key_file_set_uint64 (file, group, "offset", vw_bookmark_get_offset (bookmark));
      g_key_file_set_string (file, group, "note", vw_bookmark_get_note (bookmark));
      g_key_file_set_value (file, group, "created", created);
    }

  g_key_file_set_value (file, "format", "version", FORMAT_VERSION);
  g_key_file_set_comment (file, NULL, NULL,
                          " Virt Workbench reading progress and bookmarks. [format] comes last\n"
                          " so that a file cut short is recognised.", NULL);
  return g_key_file_to_data (file, length, NULL);
}
