/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The notes reader's own costs, each the median of 20 runs, against the
 * issue's bars: rendering the largest objective (Markdown to a document to
 * a tagged GtkTextBuffer) under 30 ms, the search index of every objective
 * at start-up under 50 ms, a search per keystroke under 5 ms. Prints
 * "bench-notes NAME VALUE" lines and exits 1 when a bar is missed.
 *
 *   bench-notes [LANGUAGE]       (VW_DATA_DIR names the data folder) */

#include <gtk/gtk.h>
#include <stdio.h>

#include "vw-note-buffer.h"
#include "vw-notes-library.h"
#include "vw-topic-list.h"

#define RUNS 20

static int
compare_doubles (const void *a,
                 const void *b)
{
  const double *x = a, *y = b;

  return (*x > *y) - (*x < *y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  const char *language = argc > 1 ? argv[1] : "en";
  static const char *keystrokes[] = {
    "v", "vi", "vir", "virs", "virsh", "virsh ", "virsh s", "virsh sn", "virsh snap",
    "virsh snapshot-c", "q", "qe", "qemu", "qemu-img", "qemu-img c", "qemu-img convert",
    "c", "cg", "cgroup", "n", "na", "namespace", "r", "re", "res", "rés", "réseau", "e",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) topics = vw_topic_list_load_default (&error);
  g_autofree char *directory = g_build_filename (g_getenv ("VW_DATA_DIR") != NULL
                                                 ? g_getenv ("VW_DATA_DIR") : "data",
                                                 "notes", NULL);
  g_autofree char *largest = NULL;
  g_autofree char *largest_path = NULL;
  g_autofree char *markdown = NULL;
  double render[RUNS], index[RUNS], search[G_N_ELEMENTS (keystrokes) * RUNS], worst = 0;
  gsize largest_size = 0, length = 0;
  gboolean ok = TRUE;
  guint n;

  gtk_init ();
  if (topics == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  /* The largest note of the language. */
  n = g_list_model_get_n_items (topics);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VwTopic) topic = g_list_model_get_item (topics, i);
      g_autofree char *name = g_strdup_printf ("%s.md", vw_topic_get_id (topic));
      g_autofree char *path = g_build_filename (directory, language, name, NULL);
      g_autofree char *contents = NULL;
      gsize size;

      if (g_file_get_contents (path, &contents, &size, NULL) && size > largest_size)
        {
          largest_size = size;
          g_free (largest);
          largest = g_strdup (vw_topic_get_id (topic));
          g_free (largest_path);
          largest_path = g_steal_pointer (&path);
        }
    }
  if (largest_path == NULL || !g_file_get_contents (largest_path, &markdown, &length, &error))
    {
      g_printerr ("No notes in %s/%s\n", directory, language);
      return 2;
    }

  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr(GtkTextBuffer) buffer = vw_note_buffer_new ();
      gint64 start = g_get_monotonic_time ();
      g_autoptr(VwNoteDoc) doc = vw_note_doc_new_from_markdown (markdown, length);

      g_array_unref (vw_note_buffer_fill (buffer, doc));
      render[run] = ms_since (start);
    }

  for (guint run = 0; run < RUNS; run++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(VwNotesLibrary) library = vw_notes_library_new (directory, language);

      vw_notes_library_build_index (library, topics);
      index[run] = ms_since (start);
    }

  {
    g_autoptr(VwNotesLibrary) library = vw_notes_library_new (directory, language);
    VwSearchIndex *search_index = vw_notes_library_build_index (library, topics);

    for (guint run = 0; run < RUNS; run++)
      for (guint k = 0; k < G_N_ELEMENTS (keystrokes); k++)
        {
          gint64 start = g_get_monotonic_time ();
          g_autoptr(GPtrArray) results = vw_search_index_query (search_index, keystrokes[k], 40);

          search[run * G_N_ELEMENTS (keystrokes) + k] = ms_since (start);
          worst = MAX (worst, search[run * G_N_ELEMENTS (keystrokes) + k]);
        }
  }

  printf ("bench-notes language %s\n", language);
  printf ("bench-notes largest %s (%zu bytes)\n", largest, largest_size);
  printf ("bench-notes render-ms %.2f\n", median (render, RUNS));
  printf ("bench-notes index-ms %.2f\n", median (index, RUNS));
  printf ("bench-notes search-ms %.3f\n", median (search, G_N_ELEMENTS (search)));
  printf ("bench-notes search-worst-ms %.3f\n", worst);
  ok &= median (render, RUNS) < 30;
  ok &= median (index, RUNS) < 50;
  ok &= median (search, G_N_ELEMENTS (search)) < 5;
  if (!ok)
    printf ("bench-notes goal missed\n");
  return ok ? 0 : 1;
}
