/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-exercise-parse"

#include "config.h"

#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <string.h>

#include "vw-error.h"
#include "vw-exercise-parse.h"
#include "vw-exercise-private.h"
#include "vw-xml-read.h"

/* An exercise file (data/exercises/ID.exercise.xml):
 *
 *   <exercise id="…" objective="351.4" connections="sandbox qemu" [start="…"]>
 *     <title>…</title>  <goal>…</goal>
 *     <file name="study.xml">…</file>              (any number)
 *     <step>
 *       <task>…</task>  <hint>…</hint>
 *       <solution>virsh …</solution>               (one or more)
 *       <check> <domain name="…" state="running"/> … </check>
 *     </step> …
 *   </exercise>
 *
 * title, goal, task and hint are translated through po/ (xgettext finds
 * them with po/its/exercise.its). A file that does not follow this, or
 * whose checks name objects that neither the starting lab nor a solution
 * has, is refused with its file and line. */

struct _VwExerciseContext
{
  GStrv objectives;
  char *data_dir;
  /* start name → GHashTable of "kind\x1fparent\x1fname" */
  GHashTable *start_objects;
};

VwExerciseContext *
vw_exercise_context_new (const char * const *objective_ids,
                         const char         *data_dir)
{
  VwExerciseContext *context = g_new0 (VwExerciseContext, 1);

  context->objectives = g_strdupv ((GStrv) objective_ids);
  context->data_dir = g_strdup (data_dir);
  context->start_objects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                  (GDestroyNotify) g_hash_table_unref);
  return context;
}

void
vw_exercise_context_free (VwExerciseContext *context)
{
  if (context == NULL)
    return;
  g_strfreev (context->objectives);
  g_free (context->data_dir);
  g_hash_table_unref (context->start_objects);
  g_free (context);
}

static char *
object_key (VwLabKind   kind,
            const char *parent,
            const char *name)
{
  return g_strdup_printf ("%d\x1f%s\x1f%s", kind, parent ? parent : "", name);
}

static void
add_children (GHashTable *set,
              xmlNode    *parent_node,
              const char *element,
              VwLabKind   kind,
              const char *parent)
{
  for (xmlNode *node = parent_node->children; node != NULL; node = node->next)
    if (node->type == XML_ELEMENT_NODE && strcmp ((const char *) node->name, element) == 0)
      for (xmlNode *child = node->children; child != NULL; child = child->next)
        if (child->type == XML_ELEMENT_NODE && strcmp ((const char *) child->name, "name") == 0)
          {
            g_autofree char *name = vw_xml_node_text (child);

            g_strstrip (name);
            g_hash_table_add (set, object_key (kind, parent, name));
            if (kind == VW_LAB_DOMAIN)
              add_children (set, node, "domainsnapshot", VW_LAB_SNAPSHOT, name);
            else if (kind == VW_LAB_POOL)
              add_children (set, node, "volume", VW_LAB_VOLUME, name);
          }
}

/* The objects of a starting node file, read once per file. */
static GHashTable *
start_objects (VwExerciseContext  *context,
               const char         *path,
               GError            **error)
{
  GHashTable *set = g_hash_table_lookup (context->start_objects, path);
  xmlDoc *doc;
  xmlNode *root;

  if (set != NULL)
    return set;
  doc = xmlReadFile (path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL || (root = xmlDocGetRootElement (doc)) == NULL)
    {
      xmlFreeDoc (doc);
      g_set_error (error, VW_ERROR, VW_ERROR_INVALID_DATA, _("the starting lab %s cannot be read"), path);
      return NULL;
    }
  set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  add_children (set, root, "domain", VW_LAB_DOMAIN, NULL);
  add_children (set, root, "network", VW_LAB_NETWORK, NULL);
  add_children (set, root, "pool", VW_LAB_POOL, NULL);
  xmlFreeDoc (doc);
  g_hash_table_insert (context->start_objects, g_strdup (path), set);
  return set;
}

char *
vw_exercise_msgid (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      if (*p == '&')
        g_string_append (out, "&amp;");
      else if (*p == '<')
        g_string_append (out, "&lt;");
      else if (*p == '>')
        g_string_append (out, "&gt;");
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static char *
unescape (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_str_has_prefix (p, "&amp;"))
        g_string_append_c (out, '&'), p += 4;
      else if (g_str_has_prefix (p, "&lt;"))
        g_string_append_c (out, '<'), p += 3;
      else if (g_str_has_prefix (p, "&gt;"))
        g_string_append_c (out, '>'), p += 3;
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static char *
translated_text (xmlNode  *node,
                 gboolean  translate)
{
  g_autofree char *raw = vw_xml_node_text (node);
  g_autofree char *msgid = vw_exercise_msgid (raw);

  return unescape (translate ? g_dgettext (GETTEXT_PACKAGE, msgid) : msgid);
}

/* A file's contents without the indentation the exercise file gave it. */
static char *
dedent (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GString *out = g_string_new (NULL);
  guint first = 0, last = g_strv_length (lines);
  gsize indent = G_MAXSIZE;

  while (first < last && strspn (lines[first], " \t") == strlen (lines[first]))
    first++;
  while (last > first && strspn (lines[last - 1], " \t") == strlen (lines[last - 1]))
    last--;
  for (guint i = first; i < last; i++)
    if (strspn (lines[i], " \t") < strlen (lines[i]))
      indent = MIN (indent, strspn (lines[i], " \t"));
  for (guint i = first; i < last; i++)
    {
      g_string_append (out, strlen (lines[i]) > indent ? lines[i] + indent : "");
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* A <file>'s contents: the XML written inside it as it stands, or its
 * text. */
static char *
file_contents (xmlNode    *node,
               const char *text)
{
  g_autoptr(GString) out = NULL;
  gboolean has_element = FALSE;
  xmlBuffer *buffer;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    has_element |= child->type == XML_ELEMENT_NODE;
  if (!has_element)
    return dedent (text);

  /* Indented by libxml (the blanks around elements may not have been
   * kept by the parser). */
  out = g_string_new (NULL);
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE)
      {
        buffer = xmlBufferCreate ();
        xmlNodeDump (buffer, node->doc, child, 0, 1);
        g_string_append (out, (const char *) xmlBufferContent (buffer));
        g_string_append_c (out, '\n');
        xmlBufferFree (buffer);
      }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

typedef struct
{
  const char *path;
  GError **error;
} Parse;

static gboolean
fail (Parse      *parse,
      xmlNode    *node,
      const char *format,
      ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (Parse      *parse,
      xmlNode    *node,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (parse->error, VW_ERROR, VW_ERROR_INVALID_DATA, "%s:%ld: %s", parse->path,
               node != NULL ? xmlGetLineNo (node) : 0L, message);
  return FALSE;
}

static gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE && strcmp ((const char *) node->name, name) == 0;
}

/* Only elements (and comments) may sit between elements. */
static gboolean
check_stray_text (Parse   *parse,
                  xmlNode *node)
{
  if (node->type == XML_TEXT_NODE)
    {
      g_autofree char *text = vw_xml_node_text (node);

      if (g_strstrip (text)[0] != '\0')
        return fail (parse, node->parent, _("unexpected text “%s” in <%s>"), text, node->parent->name);
    }
  return TRUE;
}

static gboolean
parse_step (Parse          *parse,
            xmlNode        *step_node,
            gboolean        translate,
            VwExerciseStep *step)
{
  for (xmlNode *node = step_node->children; node != NULL; node = node->next)
    {
      if (!check_stray_text (parse, node))
        return FALSE;
      if (node->type != XML_ELEMENT_NODE)
        continue;
      if (is_element (node, "task") || is_element (node, "hint"))
        {
          char **slot = is_element (node, "task") ? &step->task : &step->hint;

          if (*slot != NULL)
            return fail (parse, node, _("a step has one <%s>"), node->name);
          *slot = translated_text (node, translate);
        }
      else if (is_element (node, "solution"))
        {
          g_autofree char *command = vw_xml_node_text (node);
          g_auto(GStrv) argv = NULL;
          g_autoptr(GError) shell_error = NULL;

          g_strstrip (command);
          if (!g_shell_parse_argv (command, NULL, &argv, &shell_error))
            return fail (parse, node, _("the solution “%s” cannot be read: %s"), command, shell_error->message);
          if (strcmp (argv[0], "virsh") != 0 || argv[1] == NULL || argv[1][0] == '-')
            return fail (parse, node, _("a solution is a virsh command, such as “virsh start web01”"));
          g_ptr_array_add (step->solutions, g_steal_pointer (&command));
        }
      else if (is_element (node, "check"))
        {
          if (step->conditions->len > 0)
            return fail (parse, node, _("a step has one <check>"));
          for (xmlNode *child = node->children; child != NULL; child = child->next)
            {
              GError *local_error = NULL;
              VwCondition *condition;

              if (!check_stray_text (parse, child))
                return FALSE;
              if (child->type != XML_ELEMENT_NODE)
                continue;
              condition = vw_condition_parse (child, &local_error);
              if (condition == NULL)
                {
                  g_set_error (parse->error, VW_ERROR, VW_ERROR_INVALID_DATA, "%s:%s", parse->path,
                               local_error->message);
                  g_error_free (local_error);
                  return FALSE;
                }
              g_ptr_array_add (step->conditions, condition);
            }
          if (step->conditions->len == 0)
            return fail (parse, node, _("<check> needs at least one condition"));
        }
      else
        return fail (parse, node, _("<%s> does not belong in a <step>"), node->name);
    }
  if (step->task == NULL || step->hint == NULL)
    return fail (parse, step_node, _("a step needs a <task> and a <hint>"));
  if (step->solutions->len == 0)
    return fail (parse, step_node, _("a step needs at least one <solution>"));
  if (step->conditions->len == 0)
    return fail (parse, step_node, _("a step needs a <check>"));
  return TRUE;
}

static gboolean
is_mentioned (VwExercise *exercise,
              const char *name)
{
  for (guint i = 0; i < exercise->steps->len; i++)
    {
      VwExerciseStep *step = exercise->steps->pdata[i];

      for (guint j = 0; j < step->solutions->len; j++)
        {
          g_auto(GStrv) argv = NULL;

          if (g_shell_parse_argv (step->solutions->pdata[j], NULL, &argv, NULL)
              && g_strv_contains ((const char * const *) argv, name))
            return TRUE;
        }
    }
  for (guint i = 0; i < exercise->files->len; i++)
    {
      VwExerciseFile *file = exercise->files->pdata[i];
      g_autofree char *element = g_strdup_printf ("<name>%s</name>", name);
      g_autofree char *attribute = g_strdup_printf ("'%s'", name);
      g_autofree char *quoted = g_strdup_printf ("\"%s\"", name);

      if (strstr (file->contents, element) || strstr (file->contents, attribute) || strstr (file->contents, quoted))
        return TRUE;
    }
  return FALSE;
}

/* Whether the object is in the starting lab or made by a step; when not,
 * @error names it at the condition's line. */
static gboolean
known_object (Parse             *parse,
              VwExercise        *exercise,
              GHashTable        *start,
              const VwCondition *condition,
              VwLabKind          kind,
              const char        *parent,
              const char        *name)
{
  g_autofree char *key = object_key (kind, parent, name);

  if (g_hash_table_contains (start, key) || is_mentioned (exercise, name))
    return TRUE;
  g_set_error (parse->error, VW_ERROR, VW_ERROR_INVALID_DATA,
               _("%s:%d: the check names the %s “%s”, which neither the starting lab nor a solution has"),
               parse->path, vw_condition_get_line (condition), vw_lab_kind_to_string (kind), name);
  return FALSE;
}

/* Every object a check names (and the domain or pool it is in) is in the
 * starting lab or made by a step. */
static gboolean
check_objects (Parse      *parse,
               VwExercise *exercise,
               GHashTable *start)
{
  for (guint i = 0; i < exercise->steps->len; i++)
    {
      VwExerciseStep *step = exercise->steps->pdata[i];

      for (guint j = 0; j < step->conditions->len; j++)
        {
          const VwCondition *condition = step->conditions->pdata[j];
          const VwLabRef *ref = vw_condition_get_ref (condition);
          VwLabKind parent_kind = ref->kind == VW_LAB_SNAPSHOT ? VW_LAB_DOMAIN : VW_LAB_POOL;

          if (ref->parent != NULL
              && !known_object (parse, exercise, start, condition, parent_kind, NULL, ref->parent))
            return FALSE;
          if (!known_object (parse, exercise, start, condition, ref->kind, ref->parent, ref->name))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
parse_root (Parse             *parse,
            VwExerciseContext *context,
            xmlNode           *root,
            gboolean           translate,
            VwExercise        *exercise)
{
  g_autofree char *basename = g_path_get_basename (parse->path);
  g_autofree char *connections = NULL;
  g_autofree char *start = NULL;
  g_auto(GStrv) fits = NULL;
  GHashTable *start_set;
  GError *local_error = NULL;

  if (!is_element (root, "exercise"))
    return fail (parse, root, _("the document is not an <exercise>"));

  for (xmlAttr *attr = root->properties; attr != NULL; attr = attr->next)
    if (!g_strv_contains ((const char *[]) { "id", "objective", "connections", "start", NULL },
                          (const char *) attr->name))
      return fail (parse, root, _("<exercise> has no attribute “%s”"), attr->name);

  exercise->id = vw_xml_node_prop (root, "id");
  exercise->objective = vw_xml_node_prop (root, "objective");
  connections = vw_xml_node_prop (root, "connections");
  start = vw_xml_node_prop (root, "start");

  if (exercise->id == NULL || exercise->id[0] == '\0'
      || strspn (exercise->id, "abcdefghijklmnopqrstuvwxyz0123456789-.") != strlen (exercise->id))
    return fail (parse, root, _("the id must be lower-case letters, digits, dots and dashes"));
  {
    g_autofree char *expected = g_strconcat (exercise->id, ".exercise.xml", NULL);

    if (strcmp (basename, expected) != 0)
      return fail (parse, root, _("the exercise “%s” must be in a file named %s"), exercise->id, expected);
  }
  if (exercise->objective == NULL || !g_strv_contains ((const char * const *) context->objectives,
                                                       exercise->objective))
    return fail (parse, root, _("“%s” is not an objective of the exam"),
                 exercise->objective ? exercise->objective : "");
  if (connections == NULL)
    return fail (parse, root, _("<exercise> needs “connections” (sandbox, qemu or both)"));
  fits = g_strsplit_set (connections, " ", -1);
  for (guint i = 0; fits[i] != NULL; i++)
    {
      if (strcmp (fits[i], "sandbox") == 0)
        exercise->fits |= VW_EXERCISE_FITS_SANDBOX;
      else if (strcmp (fits[i], "qemu") == 0)
        exercise->fits |= VW_EXERCISE_FITS_QEMU;
      else if (fits[i][0] != '\0')
        return fail (parse, root, _("“%s” is not a kind of connection (sandbox or qemu)"), fits[i]);
    }
  if (exercise->fits == 0)
    return fail (parse, root, _("<exercise> needs “connections” (sandbox, qemu or both)"));
  if (start == NULL || strcmp (start, "sandbox") == 0)
    exercise->start = g_build_filename (context->data_dir, "lab", "sandbox.xml", NULL);
  else if (strspn (start, "abcdefghijklmnopqrstuvwxyz0123456789-") == strlen (start))
    {
      g_autofree char *name = g_strconcat (start, ".xml", NULL);

      exercise->start = g_build_filename (context->data_dir, "exercises", "start", name, NULL);
    }
  else
    return fail (parse, root, _("“%s” is not a starting lab name"), start);

  for (xmlNode *node = root->children; node != NULL; node = node->next)
    {
      if (!check_stray_text (parse, node))
        return FALSE;
      if (node->type != XML_ELEMENT_NODE)
        continue;
      if (is_element (node, "title") || is_element (node, "goal"))
        {
          char **slot = is_element (node, "title") ? &exercise->title : &exercise->goal;

          if (*slot != NULL)
            return fail (parse, node, _("an exercise has one <%s>"), node->name);
          *slot = translated_text (node, translate);
          if ((*slot)[0] == '\0')
            return fail (parse, node, _("<%s> is empty"), node->name);
        }
      else if (is_element (node, "file"))
        {
          VwExerciseFile *file = g_new0 (VwExerciseFile, 1);
          g_autofree char *raw = vw_xml_node_text (node);

          file->name = vw_xml_node_prop (node, "name");
          file->contents = file_contents (node, raw);
          g_ptr_array_add (exercise->files, file);
          if (file->name == NULL || strchr (file->name, '/') != NULL || file->name[0] == '.')
            return fail (parse, node, _("<file> needs a plain file “name”"));
        }
      else if (is_element (node, "step"))
        {
          VwExerciseStep *step = g_new0 (VwExerciseStep, 1);

          step->solutions = g_ptr_array_new_with_free_func (g_free);
          step->conditions = g_ptr_array_new_with_free_func ((GDestroyNotify) vw_condition_free);
          step->line = (int) xmlGetLineNo (node);
          g_ptr_array_add (exercise->steps, step);
          if (!parse_step (parse, node, translate, step))
            return FALSE;
        }
      else
        return fail (parse, node, _("<%s> does not belong in an <exercise>"), node->name);
    }
  if (exercise->title == NULL || exercise->goal == NULL)
    return fail (parse, root, _("an exercise needs a <title> and a <goal>"));
  if (exercise->steps->len == 0)
    return fail (parse, root, _("an exercise needs at least one <step>"));

  start_set = start_objects (context, exercise->start, &local_error);
  if (start_set == NULL)
    {
      fail (parse, root, "%s", local_error->message);
      g_error_free (local_error);
      return FALSE;
    }
  return check_objects (parse, exercise, start_set);
}

typedef struct
{
  int line;
  char *message;
} FirstError;

static void
keep_first_error (void        *data,
                  xmlErrorPtr  error)
{
  FirstError *first = data;

  if (first->message == NULL && error != NULL && error->message != NULL)
    {
      first->line = error->line;
      first->message = g_strdup (error->message);
    }
}

VwExercise *
vw_exercise_parse_file (VwExerciseContext  *context,
                        const char         *path,
                        gboolean            translate,
                        GError            **error)
{
  g_autoptr(VwExercise) exercise = vw_exercise_new_empty (path);
  Parse parse = { path, error };
  FirstError first = { 0 };
  xmlParserCtxt *ctxt;
  xmlDoc *doc;
  gboolean ok;

  g_return_val_if_fail (context != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  /* The first error says what is wrong; libxml's last one is often only
   * "Premature end of data" at the end of the file. */
  xmlSetStructuredErrorFunc (&first, keep_first_error);
  ctxt = xmlNewParserCtxt ();
  doc = xmlCtxtReadFile (ctxt, path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  xmlSetStructuredErrorFunc (NULL, NULL);
  if (doc == NULL || xmlDocGetRootElement (doc) == NULL)
    {
      const xmlError *last = xmlCtxtGetLastError (ctxt);
      int line = first.message != NULL ? first.line : last != NULL ? last->line : 0;
      g_autofree char *message = g_strdup (first.message != NULL ? first.message
                                           : last != NULL && last->message ? last->message : _("empty document"));

      g_strchomp (message);
      g_set_error (error, VW_ERROR, VW_ERROR_INVALID_DATA, "%s:%d: %s", path, line, message);
      g_free (first.message);
      xmlFreeDoc (doc);
      xmlFreeParserCtxt (ctxt);
      return NULL;
    }
  g_free (first.message);
  ok = parse_root (&parse, context, xmlDocGetRootElement (doc), translate, exercise);
  xmlFreeDoc (doc);
  xmlFreeParserCtxt (ctxt);
  return ok ? g_steal_pointer (&exercise) : NULL;
}
