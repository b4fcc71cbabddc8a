/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-notes-library"

#include <string.h>

#include "vw-notes-library.h"
#include "vw-topic.h"

struct _VwNotesLibrary
{
  GObject parent_instance;

  char *directory;
  char *language;
  GHashTable *docs;        /* "<lang>/<id>" → VwNoteDoc */
  VwSearchIndex *index;
};

G_DEFINE_FINAL_TYPE (VwNotesLibrary, vw_notes_library, G_TYPE_OBJECT)

static const char * const languages[] = { "en", "fr", "pt_BR", NULL };

const char * const *
vw_notes_languages (void)
{
  return languages;
}

const char *
vw_notes_language_for_locale (void)
{
  const char * const *names = g_get_language_names ();

  /* The first of the desktop's languages we have notes in; Portuguese
   * of any country reads the Brazilian notes. */
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_has_prefix (names[i], "fr"))
        return "fr";
      if (g_str_has_prefix (names[i], "pt"))
        return "pt_BR";
      if (g_str_has_prefix (names[i], "en") || g_str_equal (names[i], "C"))
        return "en";
    }
  return "en";
}

static void
vw_notes_library_finalize (GObject *object)
{
  VwNotesLibrary *self = VW_NOTES_LIBRARY (object);

  g_free (self->directory);
  g_free (self->language);
  g_hash_table_unref (self->docs);
  g_clear_pointer (&self->index, vw_search_index_unref);

  G_OBJECT_CLASS (vw_notes_library_parent_class)->finalize (object);
}

static void
vw_notes_library_class_init (VwNotesLibraryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vw_notes_library_finalize;
}

static void
vw_notes_library_init (VwNotesLibrary *self)
{
  self->docs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) vw_note_doc_free);
}

VwNotesLibrary *
vw_notes_library_new (const char *directory,
                      const char *language)
{
  VwNotesLibrary *self;

  g_return_val_if_fail (directory != NULL, NULL);
  g_return_val_if_fail (language != NULL, NULL);

  self = g_object_new (VW_TYPE_NOTES_LIBRARY, NULL);
  self->directory = g_strdup (directory);
  self->language = g_strdup (g_strv_contains (languages, language) ? language : "en");
  return self;
}

const char *
vw_notes_library_get_language (VwNotesLibrary *self)
{
  g_return_val_if_fail (VW_IS_NOTES_LIBRARY (self), NULL);
  return self->language;
}

static const VwNoteDoc *
load (VwNotesLibrary  *self,
      const char      *language,
      const char      *objective_id,
      GError         **error)
{
  g_autofree char *key = g_strdup_printf ("%s/%s", language, objective_id);
  g_autofree char *name = g_strdup_printf ("%s.md", objective_id);
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  VwNoteDoc *doc;
  gsize length;

  doc = g_hash_table_lookup (self->docs, key);
  if (doc != NULL)
    return doc;
  path = g_build_filename (self->directory, language, name, NULL);
  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  doc = vw_note_doc_new_from_markdown (contents, length);
  g_hash_table_insert (self->docs, g_steal_pointer (&key), doc);
  return doc;
}

const VwNoteDoc *
vw_notes_library_get_doc (VwNotesLibrary  *self,
                          const char      *objective_id,
                          gboolean        *fallback,
                          GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  const VwNoteDoc *doc;

  g_return_val_if_fail (VW_IS_NOTES_LIBRARY (self), NULL);
  g_return_val_if_fail (objective_id != NULL, NULL);

  if (fallback != NULL)
    *fallback = FALSE;
  doc = load (self, self->language, objective_id, &local_error);
  if (doc != NULL || g_str_equal (self->language, "en"))
    {
      if (doc == NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return doc;
    }
  if (fallback != NULL)
    *fallback = TRUE;
  return load (self, "en", objective_id, error);
}

VwSearchIndex *
vw_notes_library_build_index (VwNotesLibrary *self,
                              GListModel     *topics)
{
  g_autoptr(VwSearchIndex) index = vw_search_index_new ();
  guint n;

  g_return_val_if_fail (VW_IS_NOTES_LIBRARY (self), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (topics), NULL);

  n = g_list_model_get_n_items (topics);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VwTopic) topic = g_list_model_get_item (topics, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) sections = g_array_new (FALSE, FALSE, sizeof (VwSearchSection));
      const VwNoteDoc *doc = vw_notes_library_get_doc (self, vw_topic_get_id (topic), NULL,
                                                       &error);

      if (doc == NULL)
        {
          g_message ("No notes for %s: %s", vw_topic_get_id (topic), error->message);
          continue;
        }
      for (guint h = 0; h < doc->headings->len; h++)
        {
          const VwNoteHeading *heading = &g_array_index (doc->headings, VwNoteHeading, h);
          VwSearchSection section = { heading->offset, heading->level, heading->title,
                                      heading->anchor };

          g_array_append_val (sections, section);
        }
      vw_search_index_add (index, vw_topic_get_id (topic), vw_topic_get_title (topic),
                           doc->text, (const VwSearchSection *) sections->data, sections->len);
    }
  g_clear_pointer (&self->index, vw_search_index_unref);
  self->index = g_steal_pointer (&index);
  return self->index;
}

VwSearchIndex *
vw_notes_library_get_index (VwNotesLibrary *self)
{
  g_return_val_if_fail (VW_IS_NOTES_LIBRARY (self), NULL);
  return self->index;
}

char *
vw_notes_library_image_path (VwNotesLibrary *self,
                             const char     *src)
{
  g_autofree char *base = NULL;
  g_autofree char *translated = NULL;

  g_return_val_if_fail (VW_IS_NOTES_LIBRARY (self), NULL);
  g_return_val_if_fail (src != NULL, NULL);

  /* Only our own images: nothing outside the notes directory. */
  if (!g_str_has_prefix (src, "images/") || strstr (src, "..") != NULL)
    return NULL;
  base = g_path_get_basename (src);
  translated = g_build_filename (self->directory, "images", self->language, base, NULL);
  if (!g_str_equal (self->language, "en") && g_file_test (translated, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&translated);
  return g_build_filename (self->directory, "images", base, NULL);
}

GStrv
vw_notes_library_sections (VwNotesLibrary *self,
                           const char     *objective_id)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const VwNoteDoc *doc = vw_notes_library_get_doc (self, objective_id, NULL, NULL);

  for (guint i = 0; doc != NULL && i < doc->headings->len; i++)
    {
      const VwNoteHeading *heading = &g_array_index (doc->headings, VwNoteHeading, i);

      if (heading->level == 2)
        g_strv_builder_add (builder, heading->anchor);
    }
  return g_strv_builder_end (builder);
}
