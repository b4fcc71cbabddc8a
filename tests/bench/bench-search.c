/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-search"

/* Times the notes search: building the index of one language's notes, and
 * the queries a learner makes while typing. The raw Markdown stands in for
 * the rendered text (the same size, nearly the same characters), with a
 * heading for each line that starts with "#" outside code fences.
 *
 *   bench-search [LANG]        (default en; notes from $VW_DATA_DIR/notes/LANG)
 *
 * Prints "bench-search NAME VALUE" lines, times in milliseconds. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vw-search.h"

#define RUNS 20
#define MAX_RESULTS 50

typedef struct
{
  char *id;
  char *title;
  char *text;
  GArray *sections;     /* VwSearchSection, strings owned by the note */
} Note;

static const char *queries[] = {
  "v", "vi", "vir", "virs", "virsh", "virsh s", "virsh sn", "virsh snap", "virsh snapshot",
  "snapshot-create", "q", "qe", "qemu", "qemu-img", "qemu-img c", "qemu-img convert",
  "c", "cg", "cgroup", "cgroups", "n", "namespace", "namespaces", "network", "bridge",
  "réseau", "reseau", "virtualisation", "virtualization", "libvirt xml domain", "migrate --live",
  "/etc/libvirt", "e", "a", "xyzzy",
};

static void
note_free (Note *note)
{
  for (guint i = 0; i < note->sections->len; i++)
    {
      VwSearchSection *section = &g_array_index (note->sections, VwSearchSection, i);

      g_free ((char *) section->title);
      g_free ((char *) section->anchor);
    }
  g_array_unref (note->sections);
  g_free (note->id);
  g_free (note->title);
  g_free (note->text);
  g_free (note);
}

/* Near enough to the renderer's anchors for timing: lower case, hyphens
 * for spaces, letters and digits kept. */
static char *
make_anchor (const char *title)
{
  g_autofree char *lower = g_utf8_strdown (title, -1);
  GString *anchor = g_string_new (NULL);

  for (const char *p = lower; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ' ')
        g_string_append_c (anchor, '-');
      else if (g_unichar_isalnum (c) || c == '-' || c == '_')
        g_string_append_unichar (anchor, c);
    }
  return g_string_free (anchor, FALSE);
}

static Note *
load_note (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = g_path_get_basename (path);
  Note *note = g_new0 (Note, 1);
  gboolean in_fence = FALSE;
  guint offset = 0;

  if (!g_file_get_contents (path, &note->text, NULL, &error))
    g_error ("%s", error->message);
  if (!g_utf8_validate (note->text, -1, NULL))
    g_error ("%s is not UTF-8", path);
  note->id = g_strndup (basename, strlen (basename) - 3);
  note->sections = g_array_new (FALSE, FALSE, sizeof (VwSearchSection));

  for (const char *line = note->text; *line;)
    {
      const char *end = strchr (line, '\n');
      gsize len = end ? (gsize) (end - line) : strlen (line);

      if (g_str_has_prefix (line, "```"))
        in_fence = !in_fence;
      else if (!in_fence && line[0] == '#')
        {
          VwSearchSection section = { offset, 0, NULL, NULL };
          const char *p = line;
          g_autofree char *title = NULL;

          while (*p == '#')
            {
              section.level++;
              p++;
            }
          while (*p == ' ')
            p++;
          title = g_strndup (p, line + len - p);
          section.title = g_strdup (title);
          section.anchor = make_anchor (title);
          if (note->title == NULL)
            note->title = g_strdup (title);
          g_array_append_val (note->sections, section);
        }

      offset += g_utf8_strlen (line, len) + (end ? 1 : 0);
      line += len + (end ? 1 : 0);
    }

  if (note->title == NULL)
    note->title = g_strdup (note->id);
  return note;
}

/* g_ptr_array_sort() passes pointers to the elements. */
static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static GPtrArray *
load_notes (const char *lang)
{
  const char *data_dir = g_getenv ("VW_DATA_DIR");
  g_autofree char *dir_path = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *notes = g_ptr_array_new_with_free_func ((GDestroyNotify) note_free);
  const char *name;

  dir_path = g_build_filename (data_dir ? data_dir : "data", "notes", lang, NULL);
  dir = g_dir_open (dir_path, 0, &error);
  if (dir == NULL)
    g_error ("%s (set VW_DATA_DIR to the data folder)", error->message);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".md"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir_path, names->pdata[i], NULL);

      g_ptr_array_add (notes, load_note (path));
    }
  return notes;
}

static VwSearchIndex *
build_index (GPtrArray *notes)
{
  VwSearchIndex *index = vw_search_index_new ();

  for (guint i = 0; i < notes->len; i++)
    {
      Note *note = notes->pdata[i];

      vw_search_index_add (index, note->id, note->title, note->text,
                           (const VwSearchSection *) note->sections->data, note->sections->len);
    }
  return index;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
report (const char *name,
        double     *samples,
        guint       n)
{
  qsort (samples, n, sizeof (double), compare_doubles);
  printf ("bench-search %s-median-ms %.3f\n", name, samples[n / 2]);
  printf ("bench-search %s-max-ms %.3f\n", name, samples[n - 1]);
}

int
main (int   argc,
      char *argv[])
{
  const char *lang = argc > 1 ? argv[1] : "en";
  g_autoptr(GPtrArray) notes = load_notes (lang);
  g_autoptr(VwSearchIndex) index = NULL;
  double build[RUNS];
  double all[RUNS * G_N_ELEMENTS (queries)];
  gsize n_chars = 0;

  for (guint i = 0; i < notes->len; i++)
    n_chars += g_utf8_strlen (((Note *) notes->pdata[i])->text, -1);
  printf ("bench-search notes %u\n", notes->len);
  printf ("bench-search characters %" G_GSIZE_FORMAT "\n", n_chars);

  for (guint r = 0; r < RUNS; r++)
    {
      gint64 start = g_get_monotonic_time ();

      g_clear_pointer (&index, vw_search_index_unref);
      index = build_index (notes);
      build[r] = (g_get_monotonic_time () - start) / 1000.0;
    }
  report ("build", build, RUNS);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      double samples[RUNS];
      g_autofree char *name = NULL;
      guint n_results = 0;

      for (guint r = 0; r < RUNS; r++)
        {
          gint64 start = g_get_monotonic_time ();
          g_autoptr(GPtrArray) results = vw_search_index_query (index, queries[q], MAX_RESULTS);

          samples[r] = (g_get_monotonic_time () - start) / 1000.0;
          all[q * RUNS + r] = samples[r];
          n_results = results->len;
        }
      name = g_strdelimit (g_strdup_printf ("query:%s", queries[q]), " ", '_');
      printf ("bench-search %s-results %u\n", name, n_results);
      report (name, samples, RUNS);
    }
  report ("query-all", all, G_N_ELEMENTS (all));

  return 0;
}
