/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "vw-note-doc.h"

/* The Markdown renderer on its own: no display, no GTK. Small inputs are
 * compared with their whole dump, so that any change in the text or in a
 * span shows; the real notes are checked for what must hold everywhere. */

/* What holds for any document, whatever went in. */
static VwNoteDoc *
check_invariants (VwNoteDoc *doc)
{
  g_autoptr(GHashTable) objects = g_hash_table_new (NULL, NULL);
  guint offset = 0;

  g_assert_true (g_utf8_validate (doc->text, -1, NULL));
  g_assert_cmpuint (doc->length, ==, g_utf8_strlen (doc->text, -1));
  if (doc->length > 0)
    g_assert_true (g_str_has_suffix (doc->text, "\n"));

  for (guint i = 0; i < doc->spans->len; i++)
    {
      const VwNoteSpan *s = &g_array_index (doc->spans, VwNoteSpan, i);

      g_assert_cmpuint (s->start, <=, s->end);
      g_assert_cmpuint (s->end, <=, doc->length);
      g_assert_cmpint (s->style, <, VW_NOTE_N_STYLES);
      if (i > 0)
        {
          const VwNoteSpan *p = &g_array_index (doc->spans, VwNoteSpan, i - 1);

          g_assert_true (p->start < s->start || (p->start == s->start && p->end >= s->end));
        }
    }
  for (guint i = 0; i < doc->links->len; i++)
    {
      const VwNoteLink *l = &g_array_index (doc->links, VwNoteLink, i);

      g_assert_cmpuint (l->start, <=, l->end);
      g_assert_cmpuint (l->end, <=, doc->length);
      g_assert_nonnull (l->url);
    }

  /* Every object character is one image or one toolbar, and each of those
   * names an object character. */
  for (guint i = 0; i < doc->images->len; i++)
    {
      guint at = g_array_index (doc->images, VwNoteImage, i).offset;

      g_assert_cmpuint (at, <, doc->length);
      g_assert_false (g_hash_table_contains (objects, GUINT_TO_POINTER (at)));
      g_hash_table_add (objects, GUINT_TO_POINTER (at));
    }
  for (guint i = 0; i < doc->code_blocks->len; i++)
    {
      const VwNoteCodeBlock *c = &g_array_index (doc->code_blocks, VwNoteCodeBlock, i);
      g_autofree char *code = vw_note_doc_get_slice (doc, c->start, c->end);
      g_autofree char *toolbar = vw_note_doc_get_slice (doc, c->toolbar, c->start);

      g_assert_cmpuint (c->start, <=, c->end);
      g_assert_cmpuint (c->end, <=, doc->length);
      g_assert_cmpstr (toolbar, ==, "\xEF\xBF\xBC\n");
      g_assert_cmpstr (code, ==, c->code);
      g_assert_nonnull (c->language);
      g_assert_false (g_hash_table_contains (objects, GUINT_TO_POINTER (c->toolbar)));
      g_hash_table_add (objects, GUINT_TO_POINTER (c->toolbar));
    }
  for (const char *p = doc->text; *p != '\0'; p = g_utf8_next_char (p), offset++)
    if (g_utf8_get_char (p) == VW_NOTE_OBJECT)
      g_assert_true (g_hash_table_remove (objects, GUINT_TO_POINTER (offset)));
  g_assert_cmpuint (g_hash_table_size (objects), ==, 0);

  for (guint i = 0; i < doc->headings->len; i++)
    {
      const VwNoteHeading *h = &g_array_index (doc->headings, VwNoteHeading, i);
      g_autofree char *at = vw_note_doc_get_slice (doc, h->offset,
                                                   h->offset + g_utf8_strlen (h->title, -1));
      g_autofree char *anchor = vw_note_anchor_for (h->title);

      g_assert_cmpuint (h->level, >=, 1);
      g_assert_cmpuint (h->level, <=, 6);
      g_assert_cmpstr (at, ==, h->title);
      g_assert_cmpstr (h->anchor, ==, anchor);
      g_assert_cmpint (vw_note_doc_heading_at (doc, h->offset), >=, (int) i);
    }
  return doc;
}

static VwNoteDoc *
render (const char *markdown)
{
  return check_invariants (vw_note_doc_new_from_markdown (markdown, -1));
}

static void
assert_dump (const char *markdown,
             const char *expected)
{
  g_autoptr(VwNoteDoc) doc = render (markdown);
  g_autofree char *dump = vw_note_doc_dump (doc);

  g_assert_cmpstr (dump, ==, expected);
}

static void
test_heading_and_inline (void)
{
  assert_dump ("# 351.1 Title\n\nSome *em*, **strong**, ~~gone~~ and `code` &amp; &#233;&#x41;.\n",
               "351.1 Title\n"
               "Some em, strong, gone and code & éA.\n"
               "span 0-12 HEADING 1\n"
               "span 12-49 PARAGRAPH 0\n"
               "span 17-19 EMPHASIS 0\n"
               "span 21-27 STRONG 0\n"
               "span 29-33 STRIKETHROUGH 0\n"
               "span 38-42 CODE 0\n"
               "heading 0 1 '351.1 Title' #3511-title\n");
  /* Nested inline styles: outer before inner, the longer first. */
  assert_dump ("## Sub *a **b** c*\n",
               "Sub a b c\n"
               "span 0-10 HEADING 2\n"
               "span 4-9 EMPHASIS 0\n"
               "span 6-7 STRONG 0\n"
               "heading 0 2 'Sub a b c' #sub-a-b-c\n");
}

static void
test_breaks (void)
{
  assert_dump ("One\ntwo  \nthree\\\nfour\n",
               "One two\nthree\nfour\n"
               "span 0-19 PARAGRAPH 0\n");
  /* Blocks end with one "\n" each: no blank lines between them. */
  assert_dump ("a\n\n\n\nb\n", "a\nb\nspan 0-2 PARAGRAPH 0\nspan 2-4 PARAGRAPH 0\n");
}

static void
test_lists (void)
{
  g_autoptr(VwNoteDoc) tight = NULL;
  g_autoptr(VwNoteDoc) loose = NULL;
  g_autofree char *tight_dump = NULL;
  g_autofree char *loose_dump = NULL;

  assert_dump ("- one\n- two\n  - two.a\n    - two.a.i\n  - two.b\n- three\n",
               "• one\n• two\n• two.a\n• two.a.i\n• two.b\n• three\n"
               "span 0-6 LIST_ITEM 1\n"
               "span 6-38 LIST_ITEM 1\n"
               "span 12-30 LIST_ITEM 2\n"
               "span 20-30 LIST_ITEM 3\n"
               "span 30-38 LIST_ITEM 2\n"
               "span 38-46 LIST_ITEM 1\n");
  assert_dump ("3. three\n4. **four**\n\n- x\n",
               "3. three\n4. four\n• x\n"
               "span 0-9 LIST_ITEM 1\n"
               "span 9-17 LIST_ITEM 1\n"
               "span 12-16 STRONG 0\n"
               "span 17-21 LIST_ITEM 1\n");
  /* 9 → 10: the numbers follow the start, whatever the source says. */
  assert_dump ("9. a\n1. b\n", "9. a\n10. b\nspan 0-5 LIST_ITEM 1\nspan 5-11 LIST_ITEM 1\n");

  tight = render ("- a\n- b\n  - c\n");
  loose = render ("- a\n\n- b\n\n  - c\n");
  tight_dump = vw_note_doc_dump (tight);
  loose_dump = vw_note_doc_dump (loose);
  g_assert_cmpstr (loose_dump, ==, tight_dump);

  /* A second paragraph of an item: no second marker, still in the item. */
  assert_dump ("- a\n\n  more\n- b\n",
               "• a\nmore\n• b\n"
               "span 0-9 LIST_ITEM 1\n"
               "span 9-13 LIST_ITEM 1\n");
  /* An empty item keeps its marker. */
  assert_dump ("-\n- b\n", "• \n• b\nspan 0-3 LIST_ITEM 1\nspan 3-7 LIST_ITEM 1\n");
}

static void
test_quotes (void)
{
  assert_dump ("> outer\n>\n> > inner\n\n- item\n\n  > quoted in item\n",
               "outer\ninner\n• item\nquoted in item\n"
               "span 0-12 QUOTE 1\n"
               "span 0-6 PARAGRAPH 0\n"
               "span 6-12 QUOTE 2\n"
               "span 6-12 PARAGRAPH 0\n"
               "span 12-34 LIST_ITEM 1\n"
               "span 19-34 QUOTE 1\n"
               "span 19-34 PARAGRAPH 0\n");
  assert_dump ("> - a\n> - b\n",
               "• a\n• b\n"
               "span 0-8 QUOTE 1\n"
               "span 0-4 LIST_ITEM 1\n"
               "span 4-8 LIST_ITEM 1\n");
}

static void
test_code_blocks (void)
{
  g_autoptr(VwNoteDoc) doc = NULL;
  const VwNoteCodeBlock *c;

  assert_dump ("```console extra words\n$ virsh list\n Id   Name\n```\n\n    indented\n    code\n",
               "[obj]\n$ virsh list\n Id   Name\n[obj]\nindented\ncode\n"
               "span 0-26 CODE_BLOCK 0\n"
               "span 26-42 CODE_BLOCK 0\n"
               "code 0 2-26 console\n"
               "code 26 28-42\n");

  doc = render ("Text:\n\n```xml\n<domain type='kvm'>\n  <name>\tweb01</name>\n\n</domain>\n```\n");
  g_assert_cmpuint (doc->code_blocks->len, ==, 1);
  c = &g_array_index (doc->code_blocks, VwNoteCodeBlock, 0);
  g_assert_cmpstr (c->language, ==, "xml");
  g_assert_cmpstr (c->code, ==, "<domain type='kvm'>\n  <name>\tweb01</name>\n\n</domain>\n");
  g_assert_cmpuint (c->toolbar, ==, 6);
  g_assert_cmpuint (c->start, ==, 8);

  /* An unclosed fence runs to the end of the note. */
  assert_dump ("```sh\nnever closed\n\n# not a heading\n",
               "[obj]\nnever closed\n\n# not a heading\n"
               "span 0-32 CODE_BLOCK 0\n"
               "code 0 2-32 sh\n");
  assert_dump ("```\n", "[obj]\nspan 0-2 CODE_BLOCK 0\ncode 0 2-2\n");
  /* In a list item the toolbar line carries the marker. */
  assert_dump ("- ```sh\n  ls\n  ```\n",
               "• [obj]\nls\n"
               "span 0-7 LIST_ITEM 1\n"
               "span 2-7 CODE_BLOCK 0\n"
               "code 2 4-7 sh\n");
}

static void
test_tables (void)
{
  assert_dump ("| Left | Centre | Right |\n|:-----|:------:|------:|\n"
               "| `virsh` | a | 1 |\n| b | **wide cell** | 12345 |\n",
               "Left    Centre    Right\n"
               "virsh      a          1\n"
               "b      wide cell  12345\n"
               "span 0-72 TABLE 0\n"
               "span 0-24 TABLE_HEADER 0\n"
               "span 24-29 CODE 0\n"
               "span 55-64 STRONG 0\n");
  /* Widths count characters, not bytes; links in cells land where the cell
   * does; missing cells are empty. */
  assert_dump ("Before\n\n| é | b |\n|---|---|\n| [x](351.4.md#y) |\n",
               "Before\n"
               "é  b\n"
               "x   \n"
               "span 0-7 PARAGRAPH 0\n"
               "span 7-17 TABLE 0\n"
               "span 7-12 TABLE_HEADER 0\n"
               "span 12-13 LINK 0\n"
               "link 12-13 351.4.md#y\n");
}

static void
test_links_and_images (void)
{
  assert_dump ("See [networks](351.4.md#virtual-networks) and <https://libvirt.org/>.\n",
               "See networks and https://libvirt.org/.\n"
               "span 0-39 PARAGRAPH 0\n"
               "span 4-12 LINK 0\n"
               "span 17-37 LINK 0\n"
               "link 4-12 351.4.md#virtual-networks\n"
               "link 17-37 https://libvirt.org/\n");
  assert_dump ("![Libvirt architecture](images/libvirt-architecture.svg)\n\n"
               "Before ![x *y*](images/x.svg) after.\n",
               "[obj]\nBefore\n[obj]\nafter.\n"
               "span 0-2 IMAGE 0\n"
               "span 2-9 PARAGRAPH 0\n"
               "span 9-11 IMAGE 0\n"
               "span 11-18 PARAGRAPH 0\n"
               "image 0 images/libvirt-architecture.svg 'Libvirt architecture'\n"
               "image 9 images/x.svg 'x y'\n");
  /* The styles open around an image go on after it. */
  assert_dump ("**bold ![i](i.svg) still** [![b](b.svg)](https://x/)\n",
               "bold\n[obj]\nstill\n[obj]\n"
               "span 0-5 PARAGRAPH 0\n"
               "span 0-4 STRONG 0\n"
               "span 5-7 IMAGE 0\n"
               "span 7-13 PARAGRAPH 0\n"
               "span 7-12 STRONG 0\n"
               "span 13-15 IMAGE 0\n"
               "span 13-14 LINK 0\n"
               "link 13-14 https://x/\n"
               "image 5 i.svg 'i'\n"
               "image 13 b.svg 'b'\n");
}

static void
test_rule_html_empty (void)
{
  assert_dump ("a\n\n---\n\nb\n",
               "a\n\nb\nspan 0-2 PARAGRAPH 0\nspan 2-3 RULE 0\nspan 3-5 PARAGRAPH 0\n");
  assert_dump ("<div>raw <b>html</b></div>\n\nand <i>inline</i> &lt;\n",
               "<div>raw <b>html</b></div>\nand <i>inline</i> <\n"
               "span 0-27 PARAGRAPH 0\nspan 27-47 PARAGRAPH 0\n");
  assert_dump ("", "");
  assert_dump ("   \n\t\n\n  ", "");
  assert_dump ("#\n", "\nspan 0-1 HEADING 1\nheading 0 1 '' #\n");
}

static void
test_invalid_utf8 (void)
{
  /* Bad bytes, a NUL and a U+FFFC of the note's own all become U+FFFD. */
  static const char input[] = "a\xff\xfe b\0c \xEF\xBF\xBC";
  g_autoptr(VwNoteDoc) doc = vw_note_doc_new_from_markdown (input, sizeof input - 1);

  check_invariants (doc);
  g_assert_cmpstr (doc->text, ==, "a\xEF\xBF\xBD\xEF\xBF\xBD b\xEF\xBF\xBD" "c \xEF\xBF\xBD\n");
  /* md4c 0.4.8 leaves spans here that it never entered. */
  vw_note_doc_free (render ("[](~~![)]()~~ *a ![b](c)"));
}

static void
test_deep_nesting (void)
{
  GString *quotes = g_string_new (NULL);
  GString *lists = g_string_new (NULL);
  g_autoptr(VwNoteDoc) qdoc = NULL;
  g_autoptr(VwNoteDoc) ldoc = NULL;
  const VwNoteSpan *last;

  for (guint i = 0; i < 10000; i++)
    {
      g_string_append (quotes, "> ");
      g_string_append (lists, "- ");
    }
  g_string_append (quotes, "deep\n");
  g_string_append (lists, "deep\n");

  qdoc = render (quotes->str);
  g_assert_cmpstr (qdoc->text, ==, "deep\n");
  g_assert_cmpuint (qdoc->spans->len, ==, 10001);
  last = &g_array_index (qdoc->spans, VwNoteSpan, 9999);
  g_assert_cmpuint (last->style, ==, VW_NOTE_STYLE_QUOTE);
  g_assert_cmpuint (last->level, ==, 10000);

  /* Each item that starts with another item gets its marker on a line. */
  ldoc = render (lists->str);
  g_assert_cmpuint (ldoc->length, ==, 9999 * 3 + 7);
  g_assert_true (g_str_has_suffix (ldoc->text, "• \n• deep\n"));
  last = &g_array_index (ldoc->spans, VwNoteSpan, ldoc->spans->len - 1);
  g_assert_cmpuint (last->level, ==, 10000);

  g_string_free (quotes, TRUE);
  g_string_free (lists, TRUE);
}

/* Renders a 50-column table of @rows rows and says how long it took. */
static double
render_table (guint       rows,
              VwNoteDoc **doc)
{
  g_autoptr(GString) md = g_string_new (NULL);
  gint64 start;

  for (guint c = 0; c < 50; c++)
    g_string_append_printf (md, "| head %u ", c);
  g_string_append (md, "|\n");
  for (guint c = 0; c < 50; c++)
    g_string_append (md, c % 3 == 0 ? "|:---" : c % 3 == 1 ? "|:---:" : "|---:");
  g_string_append (md, "|\n");
  for (guint r = 0; r < rows; r++)
    {
      for (guint c = 0; c < 50; c++)
        g_string_append_printf (md, "| `r%u` *c%u* ", r, c);
      g_string_append (md, "|\n");
    }

  start = g_get_monotonic_time ();
  *doc = vw_note_doc_new_from_markdown (md->str, md->len);
  return (g_get_monotonic_time () - start) / 1e6;
}

static void
test_huge_table (void)
{
  g_autoptr(VwNoteDoc) small = NULL;
  g_autoptr(VwNoteDoc) doc = NULL;
  g_auto(GStrv) lines = NULL;
  /* A guard against a hang, not a speed bar (tests/bench has those): under
   * ASan or valgrind everything runs many times slower. The ratio below
   * tells linear from quadratic anywhere. */
  double budget = 60.0;
  double tenth = render_table (100, &small);
  double seconds = render_table (1000, &doc);

  g_test_message ("50-column table: 100 rows %.3f s, 1000 rows %.3f s", tenth, seconds);
  g_assert_cmpfloat (seconds, <, budget);
  /* Ten times the rows: about ten times the time, not a hundred. */
  g_assert_cmpfloat (seconds, <, 30 * MAX (tenth, 0.002));

  check_invariants (doc);
  lines = g_strsplit (doc->text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1002);
  for (guint i = 1; i < 1001; i++)
    g_assert_cmpuint (strlen (lines[i]), ==, strlen (lines[0]));
  /* A code and an emphasis span per cell, the table and its header. */
  g_assert_cmpuint (doc->spans->len, ==, 2 + 2 * 50 * 1000);
}

static void
test_stable (void)
{
  const char *md = "# T\n\n- a [l](#t)\n\n| x | y |\n|--|--:|\n| 1 | 2 |\n\n![i](i.svg)\n";
  g_autoptr(VwNoteDoc) a = render (md);
  g_autoptr(VwNoteDoc) b = render (md);
  g_autofree char *da = vw_note_doc_dump (a);
  g_autofree char *db = vw_note_doc_dump (b);

  g_assert_cmpstr (da, ==, db);
}

static void
test_anchors_and_lookups (void)
{
  const char *cases[][2] = {
    { "Virtual networks", "virtual-networks" },
    { "Réseaux virtuels (NAT)", "réseaux-virtuels-nat" },
    { "Backing chains: commit and rebase", "backing-chains-commit-and-rebase" },
    { "351.1 Title", "3511-title" },
    { "Pre-built images_and `code`", "pre-built-imagesand-code" },
    { "  Ünïcode 日本語 2 ", "ünïcode-日本語-2" },
  };
  g_autoptr(VwNoteDoc) doc = render ("intro\n\n# One\n\ntext\n\n## Two words\n\nmore\n");
  g_autofree char *slice = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *anchor = vw_note_anchor_for (cases[i][0]);

      g_assert_cmpstr (anchor, ==, cases[i][1]);
    }

  /* "intro\n" 0–6, "One\n" 6–10, "text\n" 10–15, "Two words\n" 15–25. */
  g_assert_cmpint (vw_note_doc_heading_at (doc, 0), ==, -1);
  g_assert_cmpint (vw_note_doc_heading_at (doc, 5), ==, -1);
  g_assert_cmpint (vw_note_doc_heading_at (doc, 6), ==, 0);
  g_assert_cmpint (vw_note_doc_heading_at (doc, 14), ==, 0);
  g_assert_cmpint (vw_note_doc_heading_at (doc, 15), ==, 1);
  g_assert_cmpint (vw_note_doc_heading_at (doc, 1000), ==, 1);
  g_assert_cmpint (vw_note_doc_find_anchor (doc, "one"), ==, 0);
  g_assert_cmpint (vw_note_doc_find_anchor (doc, "two-words"), ==, 1);
  g_assert_cmpint (vw_note_doc_find_anchor (doc, "three"), ==, -1);
  slice = vw_note_doc_get_slice (doc, 15, 18);
  g_assert_cmpstr (slice, ==, "Two");
  g_clear_pointer (&slice, g_free);
  slice = vw_note_doc_get_slice (doc, 20, 9999);
  g_assert_cmpstr (slice, ==, "ords\nmore\n");
}

/* The real notes: data/notes/<lang>/<id>.md. */
typedef struct
{
  char *lang;
  char *name;
  char *source;
  VwNoteDoc *doc;
} Note;

static void
note_free (gpointer data)
{
  Note *note = data;

  g_free (note->lang);
  g_free (note->name);
  g_free (note->source);
  vw_note_doc_free (note->doc);
  g_free (note);
}

static int
compare_notes (gconstpointer a,
               gconstpointer b)
{
  const Note *x = *(const Note **) a, *y = *(const Note **) b;
  int cmp = strcmp (x->lang, y->lang);

  return cmp ? cmp : strcmp (x->name, y->name);
}

static char *
notes_dir (void)
{
  const char *data = g_getenv ("VW_DATA_DIR");

  g_assert_nonnull (data);
  return g_build_filename (data, "notes", NULL);
}

static GPtrArray *
load_notes (void)
{
  g_autofree char *dir_path = notes_dir ();
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  GPtrArray *notes = g_ptr_array_new_with_free_func (note_free);
  const char *lang;

  g_assert_nonnull (dir);
  while ((lang = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *lang_path = g_build_filename (dir_path, lang, NULL);
      g_autoptr(GDir) sub = NULL;
      const char *name;

      if (strcmp (lang, "images") == 0 || !g_file_test (lang_path, G_FILE_TEST_IS_DIR))
        continue;
      sub = g_dir_open (lang_path, 0, NULL);
      while ((name = g_dir_read_name (sub)) != NULL)
        {
          g_autofree char *path = g_build_filename (lang_path, name, NULL);
          g_autoptr(GError) error = NULL;
          Note *note;
          gsize len;

          if (!g_str_has_suffix (name, ".md"))
            continue;
          note = g_new0 (Note, 1);
          note->lang = g_strdup (lang);
          note->name = g_strdup (name);
          g_file_get_contents (path, &note->source, &len, &error);
          g_assert_no_error (error);
          note->doc = vw_note_doc_new_from_markdown (note->source, len);
          g_ptr_array_add (notes, note);
        }
    }
  g_ptr_array_sort (notes, compare_notes);
  /* Thirteen objectives in English at least. */
  g_assert_cmpuint (notes->len, >=, 13);
  return notes;
}

static Note *
find_note (GPtrArray  *notes,
           const char *lang,
           const char *name)
{
  for (guint i = 0; i < notes->len; i++)
    {
      Note *note = g_ptr_array_index (notes, i);

      if (strcmp (note->lang, lang) == 0 && strcmp (note->name, name) == 0)
        return note;
    }
  return NULL;
}

/* Lines starting with '#' outside ``` fences: the ATX headings. */
static guint
count_headings (const char *source)
{
  g_auto(GStrv) lines = g_strsplit (source, "\n", -1);
  gboolean fenced = FALSE;
  guint count = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *text = lines[i] + strspn (lines[i], " ");

      if (g_str_has_prefix (text, "```"))
        fenced = !fenced;
      else if (!fenced && lines[i][0] == '#')
        count++;
    }
  return count;
}

/* An empty line is a rule, an empty heading or a line of code: never a gap
 * between blocks. */
static gboolean
empty_line_allowed (const VwNoteDoc *doc,
                    guint            offset)
{
  for (guint i = 0; i < doc->code_blocks->len; i++)
    {
      const VwNoteCodeBlock *c = &g_array_index (doc->code_blocks, VwNoteCodeBlock, i);

      if (c->start <= offset && offset < c->end)
        return TRUE;
    }
  for (guint i = 0; i < doc->spans->len; i++)
    {
      const VwNoteSpan *s = &g_array_index (doc->spans, VwNoteSpan, i);

      if (s->start == offset && (s->style == VW_NOTE_STYLE_RULE || s->style == VW_NOTE_STYLE_HEADING))
        return TRUE;
    }
  return FALSE;
}

static void
test_real_notes (void)
{
  g_autoptr(GPtrArray) notes = load_notes ();

  for (guint i = 0; i < notes->len; i++)
    {
      Note *note = g_ptr_array_index (notes, i);
      VwNoteDoc *doc = note->doc;
      g_autofree char *again = NULL;
      g_autofree char *dump = vw_note_doc_dump (doc);
      g_autoptr(VwNoteDoc) second = vw_note_doc_new_from_markdown (note->source, -1);
      guint offset = 0;

      g_test_message ("%s/%s: %u characters, %u spans, %u headings, %u code blocks",
                      note->lang, note->name, doc->length, doc->spans->len,
                      doc->headings->len, doc->code_blocks->len);
      check_invariants (doc);
      g_assert_cmpuint (doc->headings->len, ==, count_headings (note->source));
      g_assert_cmpuint (g_array_index (doc->headings, VwNoteHeading, 0).level, ==, 1);
      g_assert_cmpuint (g_array_index (doc->headings, VwNoteHeading, 0).offset, ==, 0);

      for (const char *p = doc->text; *p != '\0'; p = g_utf8_next_char (p), offset++)
        if (*p == '\n' && (p == doc->text || p[-1] == '\n') && !empty_line_allowed (doc, offset))
          g_error ("%s/%s: a blank line at %u", note->lang, note->name, offset);

      again = vw_note_doc_dump (second);
      g_assert_cmpstr (again, ==, dump);
    }
}

/* The English note of the same objective as @note (links in translations
 * keep the English anchors, which the reader resolves by position). */
static const VwNoteDoc *
english_of (GPtrArray *notes,
            Note      *note)
{
  Note *english = find_note (notes, "en", note->name);

  return english != NULL ? english->doc : NULL;
}

static void
test_real_links (void)
{
  g_autoptr(GPtrArray) notes = load_notes ();
  g_autoptr(GRegex) internal = g_regex_new ("^(\\d{3}\\.\\d\\.md)?(#(.*))?$", 0, 0, NULL);
  g_autofree char *dir = notes_dir ();
  g_autoptr(GPtrArray) broken = g_ptr_array_new_with_free_func (g_free);
  guint checked = 0;

  for (guint i = 0; i < notes->len; i++)
    {
      Note *note = g_ptr_array_index (notes, i);

      for (guint j = 0; j < note->doc->links->len; j++)
        {
          const VwNoteLink *link = &g_array_index (note->doc->links, VwNoteLink, j);
          g_autoptr(GMatchInfo) match = NULL;
          g_autofree char *file = NULL;
          g_autofree char *anchor = NULL;
          g_autofree char *text = vw_note_doc_get_slice (note->doc, link->start, link->end);
          Note *target;

          if (!g_regex_match (internal, link->url, 0, &match) || link->url[0] == '\0')
            continue;
          file = g_match_info_fetch (match, 1);
          anchor = g_match_info_fetch (match, 3);
          target = file[0] ? find_note (notes, note->lang, file) : note;
          checked++;
          if (target == NULL)
            g_ptr_array_add (broken, g_strdup_printf ("%s/%s: link '%s' (\"%s\"): no %s/%s",
                                                      note->lang, note->name, link->url, text,
                                                      note->lang, file));
          else if (anchor != NULL && anchor[0] != '\0'
                   && vw_note_doc_resolve_anchor (target->doc,
                                                  english_of (notes, target), anchor) < 0)
            g_ptr_array_add (broken, g_strdup_printf ("%s/%s: link '%s' (\"%s\"): no heading "
                                                      "of %s/%s has the anchor '%s'",
                                                      note->lang, note->name, link->url, text,
                                                      target->lang, target->name, anchor));
        }
      for (guint j = 0; j < note->doc->images->len; j++)
        {
          const VwNoteImage *image = &g_array_index (note->doc->images, VwNoteImage, j);
          g_autofree char *path = g_build_filename (dir, image->src, NULL);

          if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
            g_ptr_array_add (broken, g_strdup_printf ("%s/%s: image '%s': no such file",
                                                      note->lang, note->name, image->src));
        }
    }

  g_test_message ("%u internal links checked", checked);
  g_assert_cmpuint (checked, >, 0);
  if (broken->len > 0)
    {
      g_autofree char *all = NULL;

      g_ptr_array_add (broken, NULL);
      for (guint i = 0; broken->pdata[i] != NULL; i++)
        g_test_message ("%s", (char *) broken->pdata[i]);
      all = g_strjoinv ("; ", (char **) broken->pdata);
      g_test_fail_printf ("%u broken: %s", broken->len - 1, all);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/note-doc/heading-inline", test_heading_and_inline);
  g_test_add_func ("/note-doc/breaks", test_breaks);
  g_test_add_func ("/note-doc/lists", test_lists);
  g_test_add_func ("/note-doc/quotes", test_quotes);
  g_test_add_func ("/note-doc/code-blocks", test_code_blocks);
  g_test_add_func ("/note-doc/tables", test_tables);
  g_test_add_func ("/note-doc/links-images", test_links_and_images);
  g_test_add_func ("/note-doc/rule-html-empty", test_rule_html_empty);
  g_test_add_func ("/note-doc/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/note-doc/deep-nesting", test_deep_nesting);
  g_test_add_func ("/note-doc/huge-table", test_huge_table);
  g_test_add_func ("/note-doc/stable", test_stable);
  g_test_add_func ("/note-doc/anchors-lookups", test_anchors_and_lookups);
  g_test_add_func ("/note-doc/real-notes", test_real_notes);
  g_test_add_func ("/note-doc/real-links", test_real_links);

  return g_test_run ();
}
