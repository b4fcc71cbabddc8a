/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-xml-editor"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "vw-diff.h"
#include "vw-validate.h"
#include "vw-widget-util.h"
#include "vw-xml-editor.h"
#include "vw-xml.h"

/* An object's XML, read-only with highlighting, or editable. Applying an
 * edit goes: well-formed and right root (here, with the line of any
 * problem) → a diff against the current document to confirm → the "apply"
 * signal, whose handler defines it with libvirt's validation; a refusal
 * comes back through vw_xml_editor_report_failure(), which finds the line
 * with libvirt's own schema and shows libvirt's message there. Nothing is
 * applied that libvirt refuses. */
struct _VwXmlEditor
{
  GtkWidget parent_instance;

  char *document;
  char *root;
  char *schema;
  gboolean editing;
  gboolean read_only;
  char *error;
  guint error_line;
  GCancellable *cancellable;

  GtkSourceView *view;
  GtkSourceBuffer *buffer;
  GtkTextTag *error_tag;
  GtkRevealer *error_revealer;
  GtkLabel *error_label;
  GtkWidget *edit_button;
  GtkWidget *apply_button;
  GtkWidget *cancel_button;
};

G_DEFINE_FINAL_TYPE (VwXmlEditor, vw_xml_editor, GTK_TYPE_WIDGET)

enum {
  APPLY,
  N_SIGNALS
};

enum {
  PROP_0,
  PROP_EDITING,
  N_PROPS
};

static guint signals[N_SIGNALS];
static GParamSpec *properties[N_PROPS];

static void
update_scheme (VwXmlEditor *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  const char *id = adw_style_manager_get_dark (manager) ? "Adwaita-dark" : "Adwaita";

  gtk_source_buffer_set_style_scheme (self->buffer, gtk_source_style_scheme_manager_get_scheme (schemes, id));
}

static void
clear_error (VwXmlEditor *self)
{
  GtkTextIter start, end;

  g_clear_pointer (&self->error, g_free);
  self->error_line = 0;
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  gtk_text_buffer_remove_tag (GTK_TEXT_BUFFER (self->buffer), self->error_tag, &start, &end);
}

/* Shows @message above the text and, when @line is known, marks that line
 * and scrolls to it. */
void
vw_xml_editor_show_error (VwXmlEditor *self,
                          const char  *message,
                          guint        line)
{
  g_autofree char *text = NULL;

  g_return_if_fail (VW_IS_XML_EDITOR (self));

  clear_error (self);
  self->error = g_strdup (message);
  self->error_line = line;
  if (line > 0)
    {
      GtkTextIter start, end;

      /* Translators: an XML error shown above the editor: "Line 5: message" */
      text = g_strdup_printf (_("Line %u: %s"), line, message);
      gtk_text_buffer_get_iter_at_line (GTK_TEXT_BUFFER (self->buffer), &start, (int) line - 1);
      end = start;
      gtk_text_iter_forward_to_line_end (&end);
      gtk_text_buffer_apply_tag (GTK_TEXT_BUFFER (self->buffer), self->error_tag, &start, &end);
      gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (self->buffer), &start);
      gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self->view), &start, 0.1, FALSE, 0, 0.3);
    }
  gtk_label_set_label (self->error_label, text != NULL ? text : message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

const char *
vw_xml_editor_get_error (VwXmlEditor *self)
{
  g_return_val_if_fail (VW_IS_XML_EDITOR (self), NULL);
  return self->error;
}

guint
vw_xml_editor_get_error_line (VwXmlEditor *self)
{
  g_return_val_if_fail (VW_IS_XML_EDITOR (self), 0);
  return self->error_line;
}

char *
vw_xml_editor_get_text (VwXmlEditor *self)
{
  GtkTextIter start, end;

  g_return_val_if_fail (VW_IS_XML_EDITOR (self), NULL);
  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  return gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self->buffer), &start, &end, FALSE);
}

/* Replaces what the editor shows (not the document it compares to). */
void
vw_xml_editor_set_text (VwXmlEditor *self,
                        const char  *xml)
{
  g_return_if_fail (VW_IS_XML_EDITOR (self));
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self->buffer), xml != NULL ? xml : "", -1);
}

/* The document as libvirt has it now. While the learner edits, a new
 * document (after an event) does not overwrite their text. */
void
vw_xml_editor_set_document (VwXmlEditor *self,
                            const char  *xml)
{
  g_return_if_fail (VW_IS_XML_EDITOR (self));

  g_free (self->document);
  self->document = g_strdup (xml);
  if (!self->editing)
    vw_xml_editor_set_text (self, xml);
}

void
vw_xml_editor_set_schema (VwXmlEditor *self,
                          const char  *root,
                          const char  *schema)
{
  g_return_if_fail (VW_IS_XML_EDITOR (self));

  g_free (self->root);
  self->root = g_strdup (root);
  g_free (self->schema);
  self->schema = g_strdup (schema);
}

/* Hides the Edit button: for XML the lab shows but does not redefine. */
void
vw_xml_editor_set_read_only (VwXmlEditor *self,
                             gboolean     read_only)
{
  g_return_if_fail (VW_IS_XML_EDITOR (self));

  if (read_only)
    vw_xml_editor_set_editing (self, FALSE);
  self->read_only = !!read_only;
  gtk_widget_set_visible (self->edit_button, !self->editing && !self->read_only);
}

void
vw_xml_editor_set_editing (VwXmlEditor *self,
                           gboolean     editing)
{
  g_return_if_fail (VW_IS_XML_EDITOR (self));

  editing = !!editing;
  if (self->editing == editing)
    return;
  self->editing = editing;
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->view), editing);
  /* The caret stays: it lets a keyboard user move and select in
   * read-only XML too, and hiding it while it blinks trips an assertion in
   * GTK 4.8 (blink_cb). */
  gtk_widget_set_visible (self->edit_button, !editing && !self->read_only);
  gtk_widget_set_visible (self->apply_button, editing);
  gtk_widget_set_visible (self->cancel_button, editing);
  if (!editing)
    {
      clear_error (self);
      vw_xml_editor_set_text (self, self->document);
    }
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->view));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITING]);
}

gboolean
vw_xml_editor_get_editing (VwXmlEditor *self)
{
  g_return_val_if_fail (VW_IS_XML_EDITOR (self), FALSE);
  return self->editing;
}

/* The handler of "apply" calls this once libvirt accepted the document. */
void
vw_xml_editor_applied (VwXmlEditor *self)
{
  g_return_if_fail (VW_IS_XML_EDITOR (self));
  vw_xml_editor_set_editing (self, FALSE);
}

static void
located (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  VwXmlEditor *self = user_data;
  g_autofree char *detail = NULL;
  guint line;

  line = vw_xml_locate_finish (result, &detail);
  if (self->error != NULL)
    {
      g_autofree char *message = g_strdup (self->error);

      vw_xml_editor_show_error (self, message, line);
    }
  g_object_unref (self);
}

/* libvirt refused the document with @message: show it, then find the line
 * it is about with libvirt's schema. */
void
vw_xml_editor_report_failure (VwXmlEditor *self,
                              const char  *message)
{
  g_autofree char *text = NULL;

  g_return_if_fail (VW_IS_XML_EDITOR (self));

  vw_xml_editor_show_error (self, message, 0);
  if (self->schema == NULL)
    return;
  text = vw_xml_editor_get_text (self);
  vw_xml_locate_async (text, self->schema, self->cancellable, located, g_object_ref (self));
}

static void
on_diff_response (AdwMessageDialog *dialog,
                  const char       *response,
                  gpointer          user_data)
{
  VwXmlEditor *self = user_data;

  if (g_strcmp0 (response, "apply") == 0)
    vw_xml_editor_apply (self, TRUE);
  g_object_unref (self);
}

static GtkWidget *
diff_view (const char *unified)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  GtkSourceBuffer *buffer = gtk_source_buffer_new_with_language (gtk_source_language_manager_get_language (languages,
                                                                                                          "diff"));
  GtkWidget *view = gtk_source_view_new_with_buffer (buffer);
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (buffer), unified, -1);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_widget_add_css_class (view, "xml-view");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 240);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scroller), 420);
  g_object_unref (buffer);
  return scroller;
}

/**
 * vw_xml_editor_apply:
 * @confirmed: %FALSE to show the diff first, %TRUE once it was accepted
 *
 * What the Apply button does; tests call it with @confirmed %TRUE.
 */
void
vw_xml_editor_apply (VwXmlEditor *self,
                     gboolean     confirmed)
{
  g_autofree char *text = vw_xml_editor_get_text (self);
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) diff = NULL;
  guint line = 0;

  g_return_if_fail (VW_IS_XML_EDITOR (self));

  clear_error (self);
  name = vw_xml_check_document (text, self->root != NULL ? self->root : "domain",
                                g_strcmp0 (self->root, "filter") == 0 ? "@name" : "name", &line, &error);
  if (name == NULL)
    {
      vw_xml_editor_show_error (self, error->message, line);
      return;
    }

  diff = vw_diff_lines (self->document, text);
  if (vw_diff_count (diff, VW_DIFF_ADDED) + vw_diff_count (diff, VW_DIFF_REMOVED) == 0)
    {
      vw_xml_editor_set_editing (self, FALSE);
      return;
    }

  if (!confirmed)
    {
      g_autofree char *unified = vw_diff_to_unified (diff);
      g_autofree char *body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u line added, %u removed. libvirt checks the result "
                                                            "against its schema before anything changes.",
                                                            "%u lines added, %u removed. libvirt checks the result "
                                                            "against its schema before anything changes.",
                                                            vw_diff_count (diff, VW_DIFF_ADDED)),
                                               vw_diff_count (diff, VW_DIFF_ADDED),
                                               vw_diff_count (diff, VW_DIFF_REMOVED));
      AdwMessageDialog *dialog;

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                           _("Apply These Changes?"), body));
      adw_message_dialog_set_extra_child (dialog, diff_view (unified));
      adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "apply", _("_Apply"), NULL);
      adw_message_dialog_set_response_appearance (dialog, "apply", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "apply");
      adw_message_dialog_set_close_response (dialog, "cancel");
      gtk_window_set_resizable (GTK_WINDOW (dialog), TRUE);
      g_signal_connect (dialog, "response", G_CALLBACK (on_diff_response), g_object_ref (self));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  g_signal_emit (self, signals[APPLY], 0, text);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  vw_xml_editor_set_editing (VW_XML_EDITOR (widget), TRUE);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  vw_xml_editor_set_editing (VW_XML_EDITOR (widget), FALSE);
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  vw_xml_editor_apply (VW_XML_EDITOR (widget), FALSE);
}

static void
vw_xml_editor_dispose (GObject *object)
{
  VwXmlEditor *self = VW_XML_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  gtk_widget_dispose_template (GTK_WIDGET (self), VW_TYPE_XML_EDITOR);
  vw_widget_unparent_children (GTK_WIDGET (self));

  G_OBJECT_CLASS (vw_xml_editor_parent_class)->dispose (object);
}

static void
vw_xml_editor_finalize (GObject *object)
{
  VwXmlEditor *self = VW_XML_EDITOR (object);

  g_free (self->document);
  g_free (self->root);
  g_free (self->schema);
  g_free (self->error);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (vw_xml_editor_parent_class)->finalize (object);
}

static void
vw_xml_editor_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_EDITING:
      g_value_set_boolean (value, VW_XML_EDITOR (object)->editing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vw_xml_editor_class_init (VwXmlEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vw_xml_editor_dispose;
  object_class->finalize = vw_xml_editor_finalize;
  object_class->get_property = vw_xml_editor_get_property;

  properties[PROP_EDITING] = g_param_spec_boolean ("editing", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VwXmlEditor::apply:
   * @text: the edited document, well formed and confirmed
   *
   * The handler defines it and then calls vw_xml_editor_applied() or
   * vw_xml_editor_report_failure().
   */
  signals[APPLY] = g_signal_new ("apply", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/vw-xml-editor.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "xmleditor");
  gtk_widget_class_bind_template_child (widget_class, VwXmlEditor, view);
  gtk_widget_class_bind_template_child (widget_class, VwXmlEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, VwXmlEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, VwXmlEditor, edit_button);
  gtk_widget_class_bind_template_child (widget_class, VwXmlEditor, apply_button);
  gtk_widget_class_bind_template_child (widget_class, VwXmlEditor, cancel_button);

  gtk_widget_class_install_action (widget_class, "xml.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "xml.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "xml.apply", NULL, apply_action);
}

static void
vw_xml_editor_init (VwXmlEditor *self)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view)));
  gtk_source_buffer_set_language (self->buffer, gtk_source_language_manager_get_language (languages, "xml"));
  gtk_source_buffer_set_highlight_matching_brackets (self->buffer, TRUE);
  self->error_tag = gtk_text_buffer_create_tag (GTK_TEXT_BUFFER (self->buffer), "error",
                                                "underline", PANGO_UNDERLINE_ERROR,
                                                "background", "rgba(224,27,36,0.18)", NULL);
  update_scheme (self);
  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (update_scheme), self);
}

GtkWidget *
vw_xml_editor_new (void)
{
  return g_object_new (VW_TYPE_XML_EDITOR, NULL);
}
