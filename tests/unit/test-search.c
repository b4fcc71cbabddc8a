/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <pango/pango.h>

#include "vw-search.h"

/* Indexes one note whose sections start at the lines that begin with "#"
 * (the title after the "#"s, its anchor the title in lower case with
 * hyphens), which is all the tests need of a rendered note. */
static void
add_note (VwSearchIndex *index,
          const char    *id,
          const char    *title,
          const char    *text)
{
  g_autoptr(GArray) sections = g_array_new (FALSE, FALSE, sizeof (VwSearchSection));
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  gboolean in_fence = FALSE;
  guint offset = 0;

  for (const char *line = text; *line;)
    {
      const char *end = strchr (line, '\n');
      gsize len = end ? (gsize) (end - line) : strlen (line);

      if (g_str_has_prefix (line, "```"))
        in_fence = !in_fence;
      else if (!in_fence && line[0] == '#')
        {
          VwSearchSection section = { offset, 0, NULL, NULL };
          const char *p = line;
          char *anchor;

          for (; *p == '#'; p++)
            section.level++;
          for (; *p == ' '; p++)
            ;
          section.title = g_strndup (p, line + len - p);
          anchor = g_utf8_strdown (section.title, -1);
          section.anchor = g_strdelimit (anchor, " ", '-');
          g_ptr_array_add (strings, (char *) section.title);
          g_ptr_array_add (strings, (char *) section.anchor);
          g_array_append_val (sections, section);
        }
      offset += g_utf8_strlen (line, len) + (end ? 1 : 0);
      line += len + (end ? 1 : 0);
    }

  vw_search_index_add (index, id, title, text,
                       (const VwSearchSection *) sections->data, sections->len);
}

static VwSearchIndex *
index_one (const char *text)
{
  VwSearchIndex *index = vw_search_index_new ();

  add_note (index, "351.1", "Objective", text);
  return index;
}

/* The text of the original at the result's offset and length. */
static char *
original_slice (const char     *text,
                VwSearchResult *result)
{
  return g_utf8_substring (text, result->offset, result->offset + result->length);
}

static void
test_accents (void)
{
  static const char *text = "# Notes\nLa Virtualisation et le réseau, puis un reseau.\n";
  static const struct {
    const char *query;
    const char *found;
  } cases[] = {
    { "virtualisation", "Virtualisation" },
    { "reseau", "réseau" },
    { "RÉSEAU", "réseau" },
    { "réseau", "réseau" },
    { "RESEAU", "réseau" },
  };
  g_autoptr(VwSearchIndex) index = index_one (text);
  g_autoptr(VwSearchIndex) plain = index_one ("# Notes\nUn reseau sans accent.\n");
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *slice = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) found = vw_search_index_query (index, cases[i].query, 10);
      g_autofree char *match = NULL;

      g_assert_cmpuint (found->len, ==, 1);
      match = original_slice (text, found->pdata[0]);
      g_assert_cmpstr (match, ==, cases[i].found);
    }

  /* Both spellings count, and the accented query finds the plain word. */
  results = vw_search_index_query (index, "réseau", 10);
  g_assert_cmpuint (((VwSearchResult *) results->pdata[0])->n_matches, ==, 2);
  g_clear_pointer (&results, g_ptr_array_unref);
  results = vw_search_index_query (plain, "réseau", 10);
  g_assert_cmpuint (results->len, ==, 1);
  slice = original_slice ("# Notes\nUn reseau sans accent.\n", results->pdata[0]);
  g_assert_cmpstr (slice, ==, "reseau");
}

static void
test_case (void)
{
  static const char *text = "# Tools\nRun VIRSH or Virsh or virsh.\n";
  g_autoptr(VwSearchIndex) index = index_one (text);
  const char *queries[] = { "virsh", "VIRSH", "vIrSh" };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GPtrArray) results = vw_search_index_query (index, queries[i], 10);
      VwSearchResult *result;
      g_autofree char *slice = NULL;

      g_assert_cmpuint (results->len, ==, 1);
      result = results->pdata[0];
      g_assert_cmpuint (result->n_matches, ==, 3);
      slice = original_slice (text, result);
      g_assert_cmpstr (slice, ==, "VIRSH");
    }
}

static guint
count (VwSearchIndex *index,
       const char    *query)
{
  g_autoptr(GPtrArray) results = vw_search_index_query (index, query, 0);

  return results->len;
}

static void
test_and (void)
{
  g_autoptr(VwSearchIndex) index = index_one ("# One\nvirsh makes a snapshot\n"
                                              "# Two\nvirsh lists domains\n"
                                              "# Three\na snapshot of a pool\n");
  g_autoptr(GPtrArray) results = vw_search_index_query (index, "  virsh\tsnapshot ", 0);

  g_assert_cmpuint (results->len, ==, 1);
  g_assert_cmpstr (((VwSearchResult *) results->pdata[0])->section_anchor, ==, "one");
  g_assert_cmpuint (count (index, "snapshot virsh"), ==, 1);
  g_assert_cmpuint (count (index, "virsh"), ==, 2);
  g_assert_cmpuint (count (index, "snapshot"), ==, 2);
  g_assert_cmpuint (count (index, "virsh pool"), ==, 0);
  g_assert_cmpuint (count (index, "virsh nowhere"), ==, 0);
  /* The same word twice is one word. */
  g_assert_cmpuint (count (index, "virsh virsh"), ==, 2);
  /* A word ending another ("rsh" in "virsh") or starting one ("snap"). */
  g_assert_cmpuint (count (index, "rsh snap"), ==, 1);
}

static const char *
first_anchor (GPtrArray *results)
{
  g_assert_cmpuint (results->len, >, 0);
  return ((VwSearchResult *) results->pdata[0])->section_anchor;
}

static void
test_ranking (void)
{
  g_autoptr(VwSearchIndex) titles = index_one ("# Body\nnetwork network network network\n"
                                               "# Network basics\nnothing else\n");
  g_autoptr(VwSearchIndex) starts = index_one ("# Mid\nsubnetwork subnetwork subnetwork\n"
                                               "# Start\none network\n");
  g_autoptr(VwSearchIndex) matches = index_one ("# Few\na disk\n"
                                                "# Many\na disk, a disk and a disk\n");
  g_autoptr(VwSearchIndex) order = index_one ("# First\na pool\n# Second\na pool\n");
  g_autoptr(VwSearchIndex) objectives = vw_search_index_new ();
  g_autoptr(GPtrArray) results = NULL;

  results = vw_search_index_query (titles, "network", 0);
  g_assert_cmpuint (results->len, ==, 2);
  g_assert_cmpstr (first_anchor (results), ==, "network-basics");
  g_clear_pointer (&results, g_ptr_array_unref);

  results = vw_search_index_query (starts, "network", 0);
  g_assert_cmpuint (results->len, ==, 2);
  g_assert_cmpstr (first_anchor (results), ==, "start");
  g_clear_pointer (&results, g_ptr_array_unref);

  /* Of two words, the section with both at word starts first. */
  results = vw_search_index_query (starts, "net one", 0);
  g_assert_cmpuint (results->len, ==, 1);
  g_clear_pointer (&results, g_ptr_array_unref);

  results = vw_search_index_query (matches, "disk", 0);
  g_assert_cmpstr (first_anchor (results), ==, "many");
  g_assert_cmpuint (((VwSearchResult *) results->pdata[0])->n_matches, ==, 3);
  g_assert_cmpuint (((VwSearchResult *) results->pdata[1])->n_matches, ==, 1);
  g_clear_pointer (&results, g_ptr_array_unref);

  results = vw_search_index_query (order, "pool", 0);
  g_assert_cmpstr (first_anchor (results), ==, "first");
  g_clear_pointer (&results, g_ptr_array_unref);

  /* The objective's title counts as a title too. */
  add_note (objectives, "351.1", "Storage", "# Disks\nSome storage, storage and storage.\n");
  add_note (objectives, "351.2", "Networks", "# Bridges\nA bridge has storage.\n");
  results = vw_search_index_query (objectives, "storage", 0);
  g_assert_cmpuint (results->len, ==, 2);
  g_assert_cmpstr (((VwSearchResult *) results->pdata[0])->objective_id, ==, "351.1");
  g_clear_pointer (&results, g_ptr_array_unref);
  results = vw_search_index_query (objectives, "net bridge", 0);
  g_assert_cmpuint (results->len, ==, 0);
}

static void
test_sections (void)
{
  static const char *text =
    "Before any heading, a pool.\n"
    "# Storage\nA pool holds volumes.\n"
    "## Pool types\nA dir pool, a logical pool, an iSCSI pool.\n"
    "## Volumes\nNothing here.\n"
    "```console\n# virsh pool-list\n```\n";
  g_autoptr(VwSearchIndex) index = index_one (text);
  g_autoptr(GPtrArray) results = vw_search_index_query (index, "pool", 0);
  const char *anchors[] = { "pool-types", "", "storage", "volumes" };
  const guint n_matches[] = { 4, 1, 1, 1 };

  /* "Pool types" has the word in its title; the others, even, come in
   * the note's order, the text before the first heading a section too.
   * The "#" line in the code block is no heading. */
  g_assert_cmpuint (results->len, ==, G_N_ELEMENTS (anchors));
  for (guint i = 0; i < results->len; i++)
    {
      VwSearchResult *result = results->pdata[i];
      g_autofree char *slice = original_slice (text, result);

      g_assert_cmpstr (result->section_anchor, ==, anchors[i]);
      g_assert_cmpuint (result->n_matches, ==, n_matches[i]);
      g_assert_cmpstr (result->objective_id, ==, "351.1");
      g_assert_cmpuint (result->offset, >=, result->section_offset);
      g_assert_cmpstr (slice, ==, i == 0 ? "Pool" : "pool");
    }
  g_assert_cmpstr (((VwSearchResult *) results->pdata[1])->section_title, ==, "Objective");
  /* Snippets keep to their section: a heading's starts with it. */
  g_assert_cmpstr (((VwSearchResult *) results->pdata[0])->snippet, ==,
                   "## Pool types A dir pool, a logical pool, an iSCSI pool.");
  g_assert_cmpstr (((VwSearchResult *) results->pdata[1])->snippet, ==, "Before any heading, a pool.");
  g_assert_cmpstr (((VwSearchResult *) results->pdata[2])->snippet, ==, "# Storage A pool holds volumes.");
  g_assert_cmpstr (((VwSearchResult *) results->pdata[0])->section_title, ==, "Pool types");
}

static void
test_offsets (void)
{
  /* Two- three- and four-byte characters and objects before the match. */
  static const char *text = "# Ünïcode ✓ 𝄞\n\xef\xbf\xbc Ça: 𝄞𝄞 € «RÉSEAU» ñ\xef\xbf\xbc"
                            "# Après\nle Réseau 𝄞 prêt\n";
  g_autoptr(VwSearchIndex) index = index_one (text);
  g_autoptr(GPtrArray) results = vw_search_index_query (index, "reseau", 0);

  g_assert_cmpuint (results->len, ==, 1);
  for (guint i = 0; i < results->len; i++)
    {
      g_autofree char *slice = original_slice (text, results->pdata[i]);

      g_assert_cmpstr (slice, ==, "RÉSEAU");
    }
  g_clear_pointer (&results, g_ptr_array_unref);

  results = vw_search_index_query (index, "PRET", 0);
  g_assert_cmpuint (results->len, ==, 1);
  {
    g_autofree char *slice = original_slice (text, results->pdata[0]);

    g_assert_cmpstr (slice, ==, "prêt");
  }
  g_clear_pointer (&results, g_ptr_array_unref);

  results = vw_search_index_query (index, "𝄞 ✓", 0);
  g_assert_cmpuint (results->len, ==, 1);
}

static void
check_markup (VwSearchResult *result)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *wrapped = g_strdup_printf ("<markup>%s</markup>", result->snippet_markup);
  g_autoptr(GMarkupParseContext) context = NULL;
  static const GMarkupParser parser = { 0 };
  PangoAttrList *attrs = NULL;

  g_assert_true (pango_parse_markup (result->snippet_markup, -1, 0, &attrs, &plain, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (plain, ==, result->snippet);
  pango_attr_list_unref (attrs);

  context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
  g_assert_true (g_markup_parse_context_parse (context, wrapped, -1, &error));
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
}

static void
test_snippets (void)
{
  static const char *text =
    "# Domains\n"
    "A long paragraph that comes before the interesting part, written to push the match far "
    "away from the start of the note so that the snippet must be cut at a word boundary. "
    "The <domain> element & its children describe the virtual machine that virsh defines; "
    "after it comes more text that goes on and on until the snippet has to stop somewhere "
    "in the middle of all these words.\n";
  g_autoptr(VwSearchIndex) index = index_one (text);
  g_autoptr(GPtrArray) results = vw_search_index_query (index, "element virsh", 0);
  g_autofree char *normalised = NULL;
  g_autofree char *inner = NULL;
  VwSearchResult *result;
  glong length;

  g_assert_cmpuint (results->len, ==, 1);
  result = results->pdata[0];
  length = g_utf8_strlen (result->snippet, -1);
  g_assert_true (g_str_has_prefix (result->snippet, "…"));
  g_assert_true (g_str_has_suffix (result->snippet, "…"));
  g_assert_cmpint (length, >=, 60);
  g_assert_cmpint (length, <=, 110);
  g_assert_nonnull (strstr (result->snippet, "<domain> element & its"));
  g_assert_nonnull (strstr (result->snippet, "virsh"));

  /* Whole words: between the ellipses, the snippet is a run of the text
   * that begins after a space and ends before one. */
  inner = g_strndup (result->snippet + strlen ("…"),
                     strlen (result->snippet) - 2 * strlen ("…"));
  normalised = g_strdup (text);
  g_strdelimit (normalised, "\n", ' ');
  {
    const char *at = strstr (normalised, inner);

    g_assert_nonnull (at);
    g_assert_cmpint (at[-1], ==, ' ');
    g_assert_cmpint (at[strlen (inner)], ==, ' ');
  }

  /* Each range is a query word; "element" and "virsh" both are. */
  g_assert_cmpuint (result->snippet_ranges->len, ==, 2);
  for (guint i = 0; i < result->snippet_ranges->len; i++)
    {
      VwSearchRange *range = &g_array_index (result->snippet_ranges, VwSearchRange, i);
      g_autofree char *word = g_utf8_substring (result->snippet, range->start, range->end);

      g_assert_true (g_str_equal (word, "element") || g_str_equal (word, "virsh"));
    }
  g_assert_nonnull (strstr (result->snippet_markup, "&lt;domain&gt; <b>element</b> &amp; its"));
  g_assert_nonnull (strstr (result->snippet_markup, "<b>virsh</b>"));
  check_markup (result);
  g_clear_pointer (&results, g_ptr_array_unref);

  /* A short note is shown whole, without ellipses. */
  {
    g_autoptr(VwSearchIndex) small = index_one ("# A & B\n<pool> & <volume>\n");
    g_autoptr(GPtrArray) found = vw_search_index_query (small, "pool", 0);
    VwSearchResult *r;

    g_assert_cmpuint (found->len, ==, 1);
    r = found->pdata[0];
    g_assert_cmpstr (r->snippet, ==, "# A & B <pool> & <volume>");
    g_assert_cmpstr (r->snippet_markup, ==, "# A &amp; B &lt;<b>pool</b>&gt; &amp; &lt;volume&gt;");
    check_markup (r);
  }
}

static void
test_object_character (void)
{
  static const char *text = "# Images\na\xef\xbf\xbc" "b and x\xef\xbf\xbcy\n";
  g_autoptr(VwSearchIndex) index = index_one (text);
  g_autoptr(GPtrArray) results = NULL;

  g_assert_cmpuint (count (index, "\xef\xbf\xbc"), ==, 0);
  g_assert_cmpuint (count (index, "ab"), ==, 0);
  g_assert_cmpuint (count (index, "xy"), ==, 0);
  g_assert_cmpuint (count (index, " "), ==, 0);
  /* In a query the object is a space: "a" and "b" are found, not it. */
  results = vw_search_index_query (index, "a\xef\xbf\xbc" "b", 0);
  g_assert_cmpuint (results->len, ==, 1);
  g_assert_null (strstr (((VwSearchResult *) results->pdata[0])->snippet, "\xef\xbf\xbc"));
  g_assert_cmpstr (((VwSearchResult *) results->pdata[0])->snippet, ==, "# Images a b and x y");
}

static void
test_empty_and_long (void)
{
  g_autoptr(VwSearchIndex) index = index_one ("# Short\nA short note.\n");
  g_autoptr(VwSearchIndex) empty = vw_search_index_new ();
  g_autoptr(GString) longer = g_string_new (NULL);

  g_assert_cmpuint (count (index, ""), ==, 0);
  g_assert_cmpuint (count (index, "   "), ==, 0);
  g_assert_cmpuint (count (index, " \t\n "), ==, 0);
  g_assert_cmpuint (count (empty, "short"), ==, 0);
  g_assert_cmpuint (count (index, "short"), ==, 1);

  for (guint i = 0; i < 100; i++)
    g_string_append (longer, "shortnote");
  g_assert_cmpuint (count (index, longer->str), ==, 0);
  g_assert_cmpuint (count (index, "A short note. And more"), ==, 0);
}

static void
test_max_results (void)
{
  g_autoptr(VwSearchIndex) index = vw_search_index_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) results = NULL;

  for (guint i = 0; i < 120; i++)
    g_string_append_printf (text, "# Section %u\nThe text of section %u.\n", i, i);
  add_note (index, "351.1", "Objective", text->str);

  results = vw_search_index_query (index, "e", 50);
  g_assert_cmpuint (results->len, ==, 50);
  g_clear_pointer (&results, g_ptr_array_unref);
  results = vw_search_index_query (index, "e", 0);
  g_assert_cmpuint (results->len, ==, 120);
  g_clear_pointer (&results, g_ptr_array_unref);
  results = vw_search_index_query (index, "7", 50);
  g_assert_cmpuint (results->len, <=, 50);
  g_assert_cmpuint (results->len, ==, 21);
}

static void
test_replace (void)
{
  g_autoptr(VwSearchIndex) index = index_one ("# Old\nold words\n");
  VwSearchIndex *ref = vw_search_index_ref (index);

  add_note (index, "351.1", "Objective", "# New\nnew words\n");
  g_assert_cmpuint (count (index, "old"), ==, 0);
  g_assert_cmpuint (count (index, "new"), ==, 1);
  g_assert_cmpuint (count (index, "words"), ==, 1);
  vw_search_index_unref (ref);
}

static char *
fold (const char *s)
{
  g_autofree char *nfd = g_utf8_normalize (s, -1, G_NORMALIZE_NFD);
  GString *out = g_string_new (NULL);

  for (const char *p = nfd; *p; p = g_utf8_next_char (p))
    if (g_unichar_combining_class (g_utf8_get_char (p)) == 0)
      g_string_append_unichar (out, g_unichar_tolower (g_utf8_get_char (p)));
  return g_string_free (out, FALSE);
}

static void
test_real_notes (void)
{
  g_autofree char *dir_path = g_build_filename (g_getenv ("VW_DATA_DIR"), "notes", "en", NULL);
  g_autoptr(VwSearchIndex) index = vw_search_index_new ();
  g_autoptr(GHashTable) texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  static const struct {
    const char *query;
    const char *objective;
  } cases[] = {
    { "virsh", "351.4" },
    { "cgroup", "352.1" },
    { "snapshot-create", "351.4" },
    { "VIRSH Snap", "351.4" },
  };

  g_assert_nonnull (g_getenv ("VW_DATA_DIR"));
  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      char *text = NULL;

      if (!g_str_has_suffix (name, ".md"))
        continue;
      g_file_get_contents (path, &text, NULL, &error);
      g_assert_no_error (error);
      add_note (index, name, name, text);
      g_hash_table_insert (texts, g_strndup (name, strlen (name) - 3), text);
    }
  g_assert_cmpuint (g_hash_table_size (texts), ==, 13);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) results = vw_search_index_query (index, cases[i].query, 0);
      g_auto(GStrv) words = g_strsplit (cases[i].query, " ", -1);
      g_autofree char *wanted = g_strconcat (cases[i].objective, ".md", NULL);
      gboolean found = FALSE;

      g_assert_cmpuint (results->len, >, 0);
      for (guint r = 0; r < results->len; r++)
        {
          VwSearchResult *result = results->pdata[r];
          g_autofree char *id = g_strndup (result->objective_id, strlen (result->objective_id) - 3);
          g_autofree char *slice = original_slice (g_hash_table_lookup (texts, id), result);
          g_autofree char *folded = fold (slice);
          gboolean is_word = FALSE;

          for (guint w = 0; words[w]; w++)
            {
              g_autofree char *folded_word = fold (words[w]);

              is_word |= g_str_equal (folded, folded_word);
            }
          g_assert_true (is_word);
          check_markup (result);
          found |= g_str_equal (result->objective_id, wanted);
        }
      g_assert_true (found);
    }

  /* A first keystroke is bounded too. */
  {
    g_autoptr(GPtrArray) results = vw_search_index_query (index, "v", 50);

    g_assert_cmpuint (results->len, ==, 50);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/search/accents", test_accents);
  g_test_add_func ("/search/case", test_case);
  g_test_add_func ("/search/and", test_and);
  g_test_add_func ("/search/ranking", test_ranking);
  g_test_add_func ("/search/sections", test_sections);
  g_test_add_func ("/search/offsets", test_offsets);
  g_test_add_func ("/search/snippets", test_snippets);
  g_test_add_func ("/search/object-character", test_object_character);
  g_test_add_func ("/search/empty-and-long", test_empty_and_long);
  g_test_add_func ("/search/max-results", test_max_results);
  g_test_add_func ("/search/replace", test_replace);
  g_test_add_func ("/search/real-notes", test_real_notes);

  return g_test_run ();
}
