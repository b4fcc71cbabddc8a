/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-question-bank"

#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <string.h>

#include "vw-error.h"
#include "vw-paths.h"
#include "vw-question-bank.h"
#include "vw-question-private.h"
#include "vw-xml-read.h"

/* A question file (data/exam/LANG/OBJECTIVE.xml):
 *
 *   <questions objective="351.4">
 *     <question id="351.4-01" type="single|multiple|fill" section="ANCHOR">
 *       <text>…</text>
 *       <option [correct="yes"]>…</option> …      (single, multiple)
 *       <answer>…</answer> …                       (fill: accepted answers)
 *       <explanation>…</explanation>
 *     </question> …
 *   </questions>
 *
 * Each language has its own files, structurally equal to the English ones
 * (tests/scripts/check-exam.py keeps them so). */

struct _VwQuestionBank
{
  GObject parent_instance;

  char *language;
  GPtrArray *questions;   /* VwQuestion *, in file order */
  GHashTable *by_id;
  GPtrArray *errors;
};

G_DEFINE_FINAL_TYPE (VwQuestionBank, vw_question_bank, G_TYPE_OBJECT)

static void
vw_question_bank_finalize (GObject *object)
{
  VwQuestionBank *self = VW_QUESTION_BANK (object);

  g_free (self->language);
  g_hash_table_unref (self->by_id);
  g_ptr_array_unref (self->questions);
  g_ptr_array_unref (self->errors);
  G_OBJECT_CLASS (vw_question_bank_parent_class)->finalize (object);
}

static void
vw_question_bank_class_init (VwQuestionBankClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vw_question_bank_finalize;
}

static void
vw_question_bank_init (VwQuestionBank *self)
{
  self->questions = g_ptr_array_new_with_free_func ((GDestroyNotify) vw_question_free);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->errors = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->errors, NULL);
}

static void
add_error (VwQuestionBank *self,
           char           *message)
{
  g_warning ("%s", message);
  g_ptr_array_insert (self->errors, (int) self->errors->len - 1, message);
}

/* An element's text with its runs of white space made single spaces. */
static char *
text (xmlNode *node)
{
  g_autofree char *content = vw_xml_node_text (node);
  g_auto(GStrv) words = g_strsplit_set (content, " \t\n\r", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      {
        if (out->len > 0)
          g_string_append_c (out, ' ');
        g_string_append (out, words[i]);
      }
  return g_string_free (out, FALSE);
}

static gboolean
is (xmlNode    *node,
    const char *name)
{
  return node->type == XML_ELEMENT_NODE && strcmp ((const char *) node->name, name) == 0;
}

static VwQuestion *
parse_question (xmlNode     *node,
                const char  *objective,
                const char  *path,
                GError     **error)
{
  g_autoptr(VwQuestion) question = g_new0 (VwQuestion, 1);
  g_autofree char *type = vw_xml_node_prop (node, "type");
  g_autoptr(GStrvBuilder) answers = g_strv_builder_new ();
  guint n_answers = 0, n_correct = 0;

  question->line = (int) xmlGetLineNo (node);
  question->id = vw_xml_node_prop (node, "id");
  question->objective = g_strdup (objective);
  question->section = vw_xml_node_prop (node, "section");
  question->options = vw_question_new_options ();

#define FAIL(...) G_STMT_START { \
    g_autofree char *message_ = g_strdup_printf (__VA_ARGS__); \
    g_set_error (error, VW_ERROR, VW_ERROR_INVALID_DATA, "%s:%d: %s", path, question->line, message_); \
    return NULL; \
  } G_STMT_END

  if (question->id == NULL || !g_str_has_prefix (question->id, objective))
    FAIL (_("a question needs an id starting with its objective %s"), objective);
  if (g_strcmp0 (type, "single") == 0)
    question->type = VW_QUESTION_SINGLE;
  else if (g_strcmp0 (type, "multiple") == 0)
    question->type = VW_QUESTION_MULTIPLE;
  else if (g_strcmp0 (type, "fill") == 0)
    question->type = VW_QUESTION_FILL;
  else
    FAIL (_("“%s” is not a question type (single, multiple or fill)"), type ? type : "");
  if (question->section == NULL)
    FAIL (_("a question needs the section of the notes that teaches it"));

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (is (child, "text") || is (child, "explanation"))
        {
          /* Found by fuzz-questions: a second <text> leaked the first. */
          char **slot = is (child, "text") ? &question->text : &question->explanation;

          if (*slot != NULL)
            FAIL (_("a question has one <%s>"), child->name);
          *slot = text (child);
        }
      else if (is (child, "option"))
        {
          VwOption *option = g_new0 (VwOption, 1);
          g_autofree char *correct = vw_xml_node_prop (child, "correct");

          option->text = text (child);
          option->correct = g_strcmp0 (correct, "yes") == 0;
          n_correct += option->correct ? 1 : 0;
          g_ptr_array_add (question->options, option);
        }
      else if (is (child, "answer"))
        {
          g_autofree char *answer = text (child);

          g_strv_builder_add (answers, answer);
          n_answers++;
        }
      else if (child->type == XML_ELEMENT_NODE)
        FAIL (_("<%s> does not belong in a <question>"), child->name);
    }
  question->answers = g_strv_builder_end (answers);

  if (question->text == NULL || question->explanation == NULL || *question->text == '\0')
    FAIL (_("a question needs a <text> and an <explanation>"));
  if (question->type == VW_QUESTION_FILL && (n_answers == 0 || question->options->len > 0))
    FAIL (_("a fill-in question has accepted <answer>s and no options"));
  if (question->type == VW_QUESTION_SINGLE && (question->options->len < 2 || n_correct != 1))
    FAIL (_("a single-choice question has options and exactly one correct"));
  if (question->type == VW_QUESTION_MULTIPLE && (question->options->len < 3 || n_correct < 2
                                                 || n_correct >= question->options->len))
    FAIL (_("a multiple-choice question has two or more correct options and some wrong ones"));
  if (question->options->len > 64)
    FAIL (_("a question has at most 64 options"));
#undef FAIL
  return g_steal_pointer (&question);
}

static void
load_file (VwQuestionBank *self,
           const char     *path,
           const char     *objective)
{
  xmlParserCtxt *ctxt = xmlNewParserCtxt ();
  xmlDoc *doc = xmlCtxtReadFile (ctxt, path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  xmlNode *root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;
  g_autofree char *root_objective = root != NULL ? vw_xml_node_prop (root, "objective") : NULL;

  if (root == NULL)
    {
      const xmlError *last = xmlCtxtGetLastError (ctxt);

      add_error (self, g_strdup_printf ("%s:%d: %s", path, last != NULL ? last->line : 0,
                                        last != NULL && last->message ? g_strchomp (last->message)
                                                                      : _("empty document")));
    }
  else if (!is (root, "questions") || g_strcmp0 (root_objective, objective) != 0)
    add_error (self, g_strdup_printf (_("%s:%ld: the document is not <questions objective=\"%s\">"), path,
                                      xmlGetLineNo (root), objective));
  else
    for (xmlNode *node = root->children; node != NULL; node = node->next)
      {
        g_autoptr(GError) error = NULL;
        VwQuestion *question;

        if (node->type != XML_ELEMENT_NODE)
          continue;
        if (!is (node, "question"))
          {
            add_error (self, g_strdup_printf (_("%s:%ld: <%s> does not belong in <questions>"), path,
                                              xmlGetLineNo (node), node->name));
            continue;
          }
        question = parse_question (node, objective, path, &error);
        if (question == NULL)
          add_error (self, g_strdup (error->message));
        else if (g_hash_table_contains (self->by_id, question->id))
          {
            add_error (self, g_strdup_printf (_("%s:%d: the id “%s” is used twice"), path, question->line,
                                              question->id));
            vw_question_free (question);
          }
        else
          {
            g_ptr_array_add (self->questions, question);
            g_hash_table_insert (self->by_id, question->id, question);
          }
      }
  xmlFreeDoc (doc);
  xmlFreeParserCtxt (ctxt);
}

VwQuestionBank *
vw_question_bank_load (const char         *dir,
                       const char         *language,
                       const char * const *objective_ids)
{
  VwQuestionBank *self = g_object_new (VW_TYPE_QUESTION_BANK, NULL);

  g_return_val_if_fail (dir != NULL && objective_ids != NULL, self);

  self->language = g_strdup (language ? language : "en");
  for (guint i = 0; objective_ids[i] != NULL; i++)
    {
      g_autofree char *name = g_strconcat (objective_ids[i], ".xml", NULL);
      g_autofree char *path = g_build_filename (dir, self->language, name, NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_free (path);
          path = g_build_filename (dir, "en", name, NULL);
        }
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        load_file (self, path, objective_ids[i]);
    }
  return self;
}

VwQuestionBank *
vw_question_bank_load_default (const char         *language,
                               const char * const *objective_ids)
{
  g_autofree char *dir = vw_paths_data_file ("exam", NULL);

  return vw_question_bank_load (dir, language, objective_ids);
}

const char *
vw_question_bank_get_language (VwQuestionBank *self)
{
  g_return_val_if_fail (VW_IS_QUESTION_BANK (self), NULL);
  return self->language;
}

const char * const *
vw_question_bank_get_errors (VwQuestionBank *self)
{
  g_return_val_if_fail (VW_IS_QUESTION_BANK (self), NULL);
  return (const char * const *) self->errors->pdata;
}

guint
vw_question_bank_get_n_questions (VwQuestionBank *self)
{
  g_return_val_if_fail (VW_IS_QUESTION_BANK (self), 0);
  return self->questions->len;
}

const VwQuestion *
vw_question_bank_lookup (VwQuestionBank *self,
                         const char     *id)
{
  g_return_val_if_fail (VW_IS_QUESTION_BANK (self), NULL);
  return id != NULL ? g_hash_table_lookup (self->by_id, id) : NULL;
}

GPtrArray *
vw_question_bank_for_objective (VwQuestionBank *self,
                                const char     *objective)
{
  GPtrArray *list = g_ptr_array_new ();

  g_return_val_if_fail (VW_IS_QUESTION_BANK (self), list);

  for (guint i = 0; i < self->questions->len; i++)
    {
      VwQuestion *question = self->questions->pdata[i];

      if (g_strcmp0 (question->objective, objective) == 0)
        g_ptr_array_add (list, question);
    }
  return list;
}
