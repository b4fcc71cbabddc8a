/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-search"

#include <string.h>

#include "vw-search.h"

/* Each note is kept twice: as given, for snippets, and folded (every
 * character replaced by one lower-case, accent-free character) as UTF-8, so
 * that a query word is found with strstr(), which glibc runs far faster
 * than any loop over characters. Folding one character into exactly one
 * keeps the character offsets of both texts equal; only byte offsets
 * differ, and each section remembers where it starts in both, so turning
 * a match into a character offset only counts within its section. */

#define SNIPPET_BEFORE 40   /* characters of context before a match */
#define SNIPPET_AFTER  60   /* and after it: about 100 in all */
#define NONE G_MAXSIZE

typedef struct
{
  guint offset;         /* in characters */
  gsize byte;           /* in the text */
  gsize folded_byte;    /* in the folded text */
  char *title;
  char *anchor;
  char *folded_title;
} Section;

typedef struct
{
  char *id;
  char *title;
  char *folded_title;
  char *text;
  char *folded;
  guint length;         /* in characters */
  Section *sections;    /* the first one starts at 0, even without a heading there */
  guint n_sections;
} Note;

struct _VwSearchIndex
{
  gatomicrefcount ref_count;
  GPtrArray *notes;
  guint max_sections;   /* of any note: the size of a query's work space */
};

/* What one query word does in one section. Byte offsets in the folded text. */
typedef struct
{
  guint count;
  gsize first;
  gsize first_word_start;
} WordStat;

typedef struct
{
  const Note *note;
  guint note_index;
  guint section;
  guint64 rank;         /* see rank_candidate(): larger is better */
  guint n_matches;
  gsize best;
  guint best_word;
} Candidate;

typedef struct
{
  char *folded;         /* UTF-8 */
  gsize n_bytes;
  guint n_chars;
  gunichar *chars;
} QueryWord;

/* A table of the folded Latin characters was measured no faster: glibc
 * decomposes a character quickly, and most are ASCII. */
static inline gunichar
fold_char (gunichar c)
{
  gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];

  /* An object (an image, a code block's toolbar) must never match: as a
   * space it ends words, and no query word holds a space. Every space is
   * one, which splits the query with no more than strsplit. */
  if (c < 0x80)
    return g_ascii_isspace (c) ? ' ' : g_ascii_tolower (c);
  if (c == 0xFFFC || g_unichar_isspace (c))
    return ' ';
  if (g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed)) > 0)
    c = decomposed[0];
  return g_unichar_tolower (c);
}

static inline gboolean
is_snippet_space (gunichar c)
{
  return c == 0xFFFC || g_unichar_isspace (c) || g_unichar_iscntrl (c);
}

/* Folds @text, and notes where each section starts in both texts. */
static char *
fold_text (const char *text,
           Section    *sections,
           guint       n_sections,
           guint      *length)
{
  GString *folded = g_string_sized_new (strlen (text) + 16);
  const char *p = text;
  guint offset = 0;
  guint next = 0;

  while (TRUE)
    {
      guchar b = (guchar) *p;

      /* A heading past the end starts an empty section there. */
      while (next < n_sections && (sections[next].offset <= offset || b == 0))
        {
          sections[next].offset = MIN (sections[next].offset, offset);
          sections[next].byte = p - text;
          sections[next].folded_byte = folded->len;
          next++;
        }
      if (b == 0)
        break;
      if (b < 0x80)
        {
          g_string_append_c (folded, (char) fold_char (b));
          p++;
        }
      else
        {
          g_string_append_unichar (folded, fold_char (g_utf8_get_char (p)));
          p = g_utf8_next_char (p);
        }
      offset++;
    }

  *length = offset;
  return g_string_free (folded, FALSE);
}

static char *
fold_string (const char *s)
{
  guint length;

  return fold_text (s, NULL, 0, &length);
}

static void
note_free (Note *note)
{
  for (guint i = 0; i < note->n_sections; i++)
    {
      g_free (note->sections[i].title);
      g_free (note->sections[i].anchor);
      g_free (note->sections[i].folded_title);
    }
  g_free (note->sections);
  g_free (note->id);
  g_free (note->title);
  g_free (note->folded_title);
  g_free (note->text);
  g_free (note->folded);
  g_free (note);
}

VwSearchIndex *
vw_search_index_new (void)
{
  VwSearchIndex *self = g_new0 (VwSearchIndex, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->notes = g_ptr_array_new_with_free_func ((GDestroyNotify) note_free);
  return self;
}

VwSearchIndex *
vw_search_index_ref (VwSearchIndex *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
vw_search_index_unref (VwSearchIndex *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_ptr_array_unref (self->notes);
      g_free (self);
    }
}

void
vw_search_index_add (VwSearchIndex         *self,
                     const char            *objective_id,
                     const char            *objective_title,
                     const char            *text,
                     const VwSearchSection *sections,
                     guint                  n_sections)
{
  Note *note;
  guint first = 0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (objective_id != NULL);
  g_return_if_fail (text != NULL && g_utf8_validate (text, -1, NULL));
  g_return_if_fail (sections != NULL || n_sections == 0);
  for (guint i = 1; i < n_sections; i++)
    g_return_if_fail (sections[i].offset >= sections[i - 1].offset);

  if (objective_title == NULL)
    objective_title = "";

  note = g_new0 (Note, 1);
  note->id = g_strdup (objective_id);
  note->title = g_strdup (objective_title);
  note->folded_title = fold_string (objective_title);
  note->text = g_strdup (text);

  /* Text before the first heading is a section of its own, named after
   * the objective, so that every character belongs to one section. */
  if (n_sections == 0 || sections[0].offset > 0)
    first = 1;
  note->n_sections = n_sections + first;
  note->sections = g_new0 (Section, note->n_sections);
  if (first)
    {
      note->sections[0].title = g_strdup (objective_title);
      note->sections[0].anchor = g_strdup ("");
      note->sections[0].folded_title = g_strdup ("");
    }
  for (guint i = 0; i < n_sections; i++)
    {
      Section *section = &note->sections[first + i];

      section->offset = sections[i].offset;
      section->title = g_strdup (sections[i].title ? sections[i].title : "");
      section->anchor = g_strdup (sections[i].anchor ? sections[i].anchor : "");
      section->folded_title = fold_string (section->title);
    }

  note->folded = fold_text (text, note->sections, note->n_sections, &note->length);
  self->max_sections = MAX (self->max_sections, note->n_sections);

  for (guint i = 0; i < self->notes->len; i++)
    {
      Note *old = g_ptr_array_index (self->notes, i);

      if (g_str_equal (old->id, objective_id))
        {
          note_free (old);
          self->notes->pdata[i] = note;
          return;
        }
    }
  g_ptr_array_add (self->notes, note);
}

static inline gboolean
at_word_start (const char *text,
               const char *p)
{
  guchar b;

  if (p == text)
    return TRUE;
  b = (guchar) p[-1];
  if (b < 0x80)
    return !g_ascii_isalnum (b);
  return !g_unichar_isalnum (g_utf8_get_char (g_utf8_prev_char (p)));
}

static void
query_word_clear (gpointer data)
{
  QueryWord *word = data;

  g_free (word->folded);
  g_free (word->chars);
}

/* The distinct words of the folded query. Folding first makes U+FFFC a
 * space, so a query holding one is split there rather than matching it. */
static GArray *
split_query (const char *query)
{
  g_autofree char *folded = fold_string (query);
  g_auto(GStrv) split = g_strsplit (folded, " ", -1);
  GArray *words = g_array_new (FALSE, TRUE, sizeof (QueryWord));

  g_array_set_clear_func (words, query_word_clear);
  for (guint i = 0; split[i]; i++)
    {
      QueryWord word = { split[i], strlen (split[i]), g_utf8_strlen (split[i], -1), NULL };
      gboolean seen = word.n_bytes == 0;

      for (guint j = 0; j < words->len && !seen; j++)
        seen = g_str_equal (g_array_index (words, QueryWord, j).folded, word.folded);
      if (seen)
        continue;
      word.folded = g_strdup (split[i]);
      word.chars = g_utf8_to_ucs4_fast (word.folded, -1, NULL);
      g_array_append_val (words, word);
    }

  return words;
}

/* Finds every word of the query in @note, section by section, and adds
 * the sections holding them all. Each word is looked for in the whole note
 * even where another is missing: glibc searches faster than the sections
 * could be kept track of. */
static void
add_candidates (GArray     *candidates,
                const Note *note,
                guint       note_index,
                GArray     *words,
                WordStat   *stats)
{
  guint n_words = words->len;

  for (guint i = 0; i < note->n_sections * n_words; i++)
    stats[i] = (WordStat) { 0, NONE, NONE };

  for (guint w = 0; w < n_words; w++)
    {
      const QueryWord *word = &g_array_index (words, QueryWord, w);
      const char *p = note->folded;
      guint s = 0;

      while ((p = strstr (p, word->folded)) != NULL)
        {
          gsize byte = p - note->folded;
          WordStat *stat;

          while (s + 1 < note->n_sections && note->sections[s + 1].folded_byte <= byte)
            s++;
          stat = &stats[s * n_words + w];
          if (stat->count++ == 0)
            stat->first = byte;
          if (stat->first_word_start == NONE && at_word_start (note->folded, p))
            stat->first_word_start = byte;
          /* Matches do not overlap: "aaaa" holds "aa" twice. */
          p += word->n_bytes;
        }
    }

  for (guint s = 0; s < note->n_sections; s++)
    {
      const Section *section = &note->sections[s];
      WordStat *row = &stats[s * n_words];
      Candidate c = { note, note_index, s, 0, 0, NONE, 0 };
      guint section_title_hits = 0;
      guint objective_title_hits = 0;
      guint word_start_words = 0;
      gboolean all = TRUE;
      gboolean best_at_word_start = FALSE;
      guint best_chars = 0;

      for (guint w = 0; w < n_words && all; w++)
        all = row[w].count > 0;
      if (!all)
        continue;

      for (guint w = 0; w < n_words; w++)
        {
          const QueryWord *word = &g_array_index (words, QueryWord, w);
          gboolean word_start = row[w].first_word_start != NONE;
          gsize at = word_start ? row[w].first_word_start : row[w].first;

          section_title_hits += strstr (section->folded_title, word->folded) != NULL;
          objective_title_hits += strstr (note->folded_title, word->folded) != NULL;
          word_start_words += word_start;
          c.n_matches += row[w].count;

          /* The match to show: at a word start rather than inside one,
           * then of the longest word (in "virsh s", virsh tells more
           * than the s), then the first. */
          if (c.best == NONE
              || (word_start && !best_at_word_start)
              || (word_start == best_at_word_start
                  && (word->n_chars > best_chars
                      || (word->n_chars == best_chars && at < c.best))))
            {
              c.best = at;
              c.best_word = w;
              best_at_word_start = word_start;
              best_chars = word->n_chars;
            }
        }

      /* Titles first, the section's before the objective's, then words
       * found where a word starts, then more matches. */
      c.rank = (guint64) MIN (section_title_hits, 0xFF) << 56
               | (guint64) MIN (objective_title_hits, 0xFF) << 48
               | (guint64) MIN (word_start_words, 0xFF) << 40
               | c.n_matches;
      g_array_append_val (candidates, c);
    }
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *x = a;
  const Candidate *y = b;

  if (x->rank != y->rank)
    return x->rank > y->rank ? -1 : 1;
  if (x->note_index != y->note_index)
    return x->note_index < y->note_index ? -1 : 1;
  return x->section < y->section ? -1 : x->section > y->section;
}

/* About 100 characters of the section around the match, from the text as
 * written: cut after a space at the start and before one at the end, so
 * that no word is shown in part, with "…" where the section goes on, and
 * with runs of spaces, line ends and objects shown as one space. */
static void
make_snippet (const Note     *note,
              guint           section_index,
              GArray         *words,
              VwSearchResult *result)
{
  const Section *section = &note->sections[section_index];
  guint lo = section->offset;
  guint hi = section_index + 1 < note->n_sections
             ? note->sections[section_index + 1].offset : note->length;
  guint budget = SNIPPET_BEFORE + result->length + SNIPPET_AFTER;
  guint a = result->offset > lo + SNIPPET_BEFORE ? result->offset - SNIPPET_BEFORE : lo;
  guint b = MIN (hi, a + budget);
  guint first, n, s, e, match, k = 0;
  g_autofree gunichar *chars = NULL;
  g_autofree guint8 *lit = NULL;
  GString *snippet;
  GString *markup;
  const char *p;

  /* Near the end of the section, more of what comes before. */
  if (b - a < budget)
    a = b > lo + budget ? b - budget : lo;
  /* One character more on each side tells whether a word is cut there. */
  first = a > lo ? a - 1 : a;
  n = (b < hi ? b + 1 : b) - first;
  s = a - first;
  e = b - first;
  match = result->offset - first;

  chars = g_new (gunichar, n + 2);
  lit = g_new0 (guint8, n + 2);
  p = g_utf8_offset_to_pointer (note->text + section->byte, (glong) first - (glong) lo);
  for (guint i = 0; i < n; i++, p = g_utf8_next_char (p))
    chars[i] = g_utf8_get_char (p);

  if (a > lo)
    for (guint i = 0; i < match; i++)
      if (is_snippet_space (chars[i]))
        {
          s = i + 1;
          break;
        }
  if (b < hi)
    for (guint i = n; i > match + result->length; i--)
      if (is_snippet_space (chars[i - 1]))
        {
          e = i - 1;
          break;
        }
  while (s < e && is_snippet_space (chars[s]))
    s++;
  while (e > s && is_snippet_space (chars[e - 1]))
    e--;

  for (guint w = 0; w < words->len; w++)
    {
      const QueryWord *word = &g_array_index (words, QueryWord, w);

      for (guint i = s; i + word->n_chars <= e; i++)
        {
          guint j = 0;

          while (j < word->n_chars && fold_char (chars[i + j]) == word->chars[j])
            j++;
          if (j == word->n_chars)
            memset (lit + i, 1, j);
        }
    }

  /* Rewritten in place: the output never runs ahead of the input, as it
   * only drops characters, except for the first "…", which takes the
   * place of the character before @s (a space, or the extra one). */
  if (a > lo)
    {
      chars[k] = 0x2026;
      lit[k++] = FALSE;
    }
  for (guint i = s; i < e; i++)
    {
      gboolean space = is_snippet_space (chars[i]);

      if (space && chars[k - 1] == ' ')
        continue;
      lit[k] = lit[i] && !space;
      chars[k++] = space ? ' ' : chars[i];
    }
  if (b < hi)
    {
      chars[k] = 0x2026;
      lit[k++] = FALSE;
    }

  snippet = g_string_sized_new (4 * k);
  markup = g_string_sized_new (4 * k + 32);
  result->snippet_ranges = g_array_new (FALSE, FALSE, sizeof (VwSearchRange));
  for (guint i = 0, j; i < k; i = j)
    {
      g_autofree char *run = NULL;
      g_autofree char *escaped = NULL;

      for (j = i; j < k && lit[j] == lit[i]; j++)
        ;
      run = g_ucs4_to_utf8 (chars + i, j - i, NULL, NULL, NULL);
      escaped = g_markup_escape_text (run, -1);
      g_string_append (snippet, run);
      if (lit[i])
        {
          VwSearchRange range = { i, j };

          g_array_append_val (result->snippet_ranges, range);
          g_string_append_printf (markup, "<b>%s</b>", escaped);
        }
      else
        g_string_append (markup, escaped);
    }

  result->snippet = g_string_free (snippet, FALSE);
  result->snippet_markup = g_string_free (markup, FALSE);
}

static VwSearchResult *
make_result (const Candidate *c,
             GArray          *words)
{
  const Note *note = c->note;
  const Section *section = &note->sections[c->section];
  const QueryWord *word = &g_array_index (words, QueryWord, c->best_word);
  VwSearchResult *result = g_new0 (VwSearchResult, 1);

  result->objective_id = g_strdup (note->id);
  result->objective_title = g_strdup (note->title);
  result->section_title = g_strdup (section->title);
  result->section_anchor = g_strdup (section->anchor);
  result->section_offset = section->offset;
  result->offset = section->offset
                   + g_utf8_pointer_to_offset (note->folded + section->folded_byte,
                                               note->folded + c->best);
  result->length = word->n_chars;
  result->n_matches = c->n_matches;
  make_snippet (note, c->section, words, result);
  return result;
}

GPtrArray *
vw_search_index_query (VwSearchIndex *self,
                       const char    *query,
                       guint          max_results)
{
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GArray) words = NULL;
  g_autoptr(GArray) candidates = NULL;
  g_autofree WordStat *stats = NULL;
  guint n;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (query != NULL, NULL);

  results = g_ptr_array_new_with_free_func ((GDestroyNotify) vw_search_result_free);
  if (!g_utf8_validate (query, -1, NULL))
    return g_steal_pointer (&results);
  words = split_query (query);
  if (words->len == 0)
    return g_steal_pointer (&results);

  stats = g_new (WordStat, (gsize) self->max_sections * words->len);
  candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  for (guint i = 0; i < self->notes->len; i++)
    add_candidates (candidates, self->notes->pdata[i], i, words, stats);

  g_array_sort (candidates, compare_candidates);
  n = candidates->len;
  if (max_results > 0)
    n = MIN (n, max_results);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (results, make_result (&g_array_index (candidates, Candidate, i), words));

  return g_steal_pointer (&results);
}

void
vw_search_result_free (VwSearchResult *result)
{
  if (result == NULL)
    return;

  g_free (result->objective_id);
  g_free (result->objective_title);
  g_free (result->section_title);
  g_free (result->section_anchor);
  g_free (result->snippet);
  g_free (result->snippet_markup);
  g_clear_pointer (&result->snippet_ranges, g_array_unref);
  g_free (result);
}
