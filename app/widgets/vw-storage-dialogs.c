/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-storage-dialogs"

#include "config.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "vw-shell.h"
#include "vw-storage-dialogs.h"
#include "vw-validate.h"
#include "vw-xml-editor.h"

/* The Storage page's forms and windows: a new pool, a new volume, a new
 * size, and the XML of a pool (editable) or a volume (read-only). Every
 * form checks its fields as they are typed and says what is wrong under
 * them, shows the virsh line it stands for, and keeps its action
 * insensitive until everything is right, so nothing invalid reaches
 * libvirt. */

typedef struct
{
  GCallback callback;
  gpointer user_data;
  GDestroyNotify destroy;
  AdwMessageDialog *dialog;
  VwConnection *connection;
  VwPool *pool;
  VwVolume *volume;
  GtkWidget *name;
  GtkWidget *path;
  GtkWidget *format;
  GtkWidget *backing;
  GtkWidget *size;
  GtkWidget *name_feedback;
  GtkWidget *path_feedback;
  GtkWidget *size_feedback;
  GtkWidget *preview;
  GPtrArray *backing_names;   /* index 0 is "no backing volume" (NULL) */
  guint64 capacity;
} Form;

static void
form_free (gpointer  user_data,
           GClosure *closure)
{
  Form *form = user_data;

  if (form->destroy != NULL)
    form->destroy (form->user_data);
  g_clear_object (&form->connection);
  g_clear_object (&form->pool);
  g_clear_object (&form->volume);
  g_clear_pointer (&form->backing_names, g_ptr_array_unref);
  g_free (form);
}

static AdwMessageDialog *
form_dialog_new (GtkWidget  *parent,
                 const char *heading,
                 const char *body,
                 const char *response,
                 const char *label)
{
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), response, label, NULL);
  adw_message_dialog_set_response_appearance (dialog, response, ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, response);
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_response_enabled (dialog, response, FALSE);
  return dialog;
}

static Form *
form_new (AdwMessageDialog *dialog,
          GCallback         callback,
          gpointer          user_data,
          GDestroyNotify    destroy)
{
  Form *form = g_new0 (Form, 1);

  form->dialog = dialog;
  form->callback = callback;
  form->user_data = user_data;
  form->destroy = destroy;
  return form;
}

static GtkWidget *
boxed_list (GtkWidget *box)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_box_append (GTK_BOX (box), list);
  return list;
}

static GtkWidget *
entry_row (GtkWidget  *list,
           const char *title,
           const char *name)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  gtk_widget_set_name (row, name);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return row;
}

static GtkWidget *
combo_row (GtkWidget          *list,
           const char         *title,
           const char * const *items,
           const char         *name)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (items);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  gtk_widget_set_name (row, name);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return row;
}

static GtkWidget *
caption (GtkWidget  *box,
         const char *style,
         const char *name)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  gtk_widget_add_css_class (label, style);
  if (name != NULL)
    gtk_widget_set_name (label, name);
  gtk_box_append (GTK_BOX (box), label);
  return label;
}

static GtkWidget *
form_box (AdwMessageDialog *dialog)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_widget_add_css_class (box, "storage-form");
  adw_message_dialog_set_extra_child (dialog, box);
  return box;
}

/* Shows under a field what is wrong with it (and marks the field), or
 * @hint when nothing is; an empty field is not an error yet. */
static void
set_feedback (GtkWidget    *row,
              GtkWidget    *label,
              const GError *error,
              const char   *hint)
{
  const char *text = error != NULL ? error->message : hint;

  gtk_label_set_label (GTK_LABEL (label), text != NULL ? text : "");
  gtk_widget_set_visible (label, text != NULL);
  if (error != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_add_css_class (label, "inline-error");
      gtk_widget_remove_css_class (label, "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (row, "error");
      gtk_widget_remove_css_class (label, "inline-error");
      gtk_widget_add_css_class (label, "dim-label");
    }
}

static const char *
text_of (GtkWidget *editable)
{
  return gtk_editable_get_text (GTK_EDITABLE (editable));
}

static gboolean
has_text (GtkWidget *editable)
{
  g_autofree char *copy = g_strstrip (g_strdup (text_of (editable)));

  return *copy != '\0';
}

/* "virsh ARGS…" with each argument quoted as a shell would need it. */
static void
set_preview (Form               *form,
             const char * const *argv)
{
  g_autofree char *line = vw_shell_join (argv);
  g_autofree char *text = g_strconcat ("virsh ", line, NULL);

  gtk_label_set_label (GTK_LABEL (form->preview), text);
}

/* ----- A new pool ----- */

static gboolean
pool_exists (VwConnection *connection,
             const char   *name)
{
  GListModel *pools = vw_connection_get_pools (connection);

  for (guint i = 0; i < g_list_model_get_n_items (pools); i++)
    {
      g_autoptr(VwPool) pool = g_list_model_get_item (pools, i);

      if (g_strcmp0 (vw_pool_get_name (pool), name) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
check_pool (Form *form)
{
  g_autoptr(GError) name_error = NULL;
  g_autoptr(GError) path_error = NULL;
  const char *name = text_of (form->name);
  const char *path = text_of (form->path);
  gboolean name_ok = has_text (form->name) && vw_validate_name (VW_OBJECT_POOL, name, &name_error);
  gboolean path_ok = has_text (form->path) && vw_validate_abs_path (path, &path_error);

  if (name_ok && pool_exists (form->connection, name))
    {
      g_set_error (&name_error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_NAME,
                   _("There is already a pool named “%s”."), name);
      name_ok = FALSE;
    }
  if (!has_text (form->name))
    g_clear_error (&name_error);
  if (!has_text (form->path))
    g_clear_error (&path_error);

  set_feedback (form->name, form->name_feedback, name_error, NULL);
  set_feedback (form->path, form->path_feedback, path_error,
                _("The directory on the libvirt host, for example /var/lib/libvirt/scratch."));
  set_preview (form, (const char *[]) { "pool-define-as", *name != '\0' ? name : _("NAME"), "dir", "--target",
                                        *path != '\0' ? path : _("DIRECTORY"), NULL });
  adw_message_dialog_set_response_enabled (form->dialog, "define", name_ok && path_ok);
  return name_ok && path_ok;
}

static void
on_pool_response (AdwMessageDialog *dialog,
                  const char       *response,
                  Form             *form)
{
  if (g_strcmp0 (response, "define") == 0 && check_pool (form))
    ((VwPoolChosen) form->callback) (text_of (form->name), text_of (form->path), form->user_data);
}

/**
 * vw_new_pool_dialog_show:
 *
 * Asks for a directory pool's name and target. It defines the pool only:
 * the exam's order is pool-define-as, pool-build, pool-start,
 * pool-autostart, and the learner does each step.
 */
AdwMessageDialog *
vw_new_pool_dialog_show (GtkWidget      *parent,
                         VwConnection   *connection,
                         VwPoolChosen    callback,
                         gpointer        user_data,
                         GDestroyNotify  destroy)
{
  AdwMessageDialog *dialog = form_dialog_new (parent, _("New Storage Pool"),
                                              _("A directory pool keeps each volume as a file in one directory."),
                                              "define", _("_Define"));
  Form *form = form_new (dialog, G_CALLBACK (callback), user_data, destroy);
  GtkWidget *box = form_box (dialog);
  GtkWidget *list = boxed_list (box);
  GtkWidget *hint;

  form->connection = g_object_ref (connection);
  form->name = entry_row (list, _("_Name"), "pool-name");
  form->path = entry_row (list, _("_Target Directory"), "pool-path");
  form->name_feedback = caption (box, "caption", "name-feedback");
  form->path_feedback = caption (box, "caption", "path-feedback");
  form->preview = caption (box, "command-line", "preview");
  gtk_label_set_selectable (GTK_LABEL (form->preview), TRUE);
  hint = caption (box, "caption", NULL);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_label_set_label (GTK_LABEL (hint), _("This only defines the pool. Then Build creates the directory "
                                           "(pool-build), Start activates the pool (pool-start) and Start at Boot "
                                           "makes it start with the host (pool-autostart)."));

  g_signal_connect_swapped (form->name, "changed", G_CALLBACK (check_pool), form);
  g_signal_connect_swapped (form->path, "changed", G_CALLBACK (check_pool), form);
  check_pool (form);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_pool_response), form, form_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (form->name);
  return dialog;
}

/* ----- A new volume ----- */

static const char *formats[] = { "qcow2", "raw", NULL };

/* A size as virsh would write it: the largest unit that divides it. */
static char *
size_text (guint64 bytes)
{
  static const char units[] = "TGMK";

  for (guint i = 0; i < 4; i++)
    {
      guint64 factor = G_GUINT64_CONSTANT (1) << (10 * (4 - i));

      if (bytes > 0 && bytes % factor == 0)
        return g_strdup_printf ("%" G_GUINT64_FORMAT "%c", bytes / factor, units[i]);
    }
  return g_strdup_printf ("%" G_GUINT64_FORMAT, bytes);
}

static const char *
chosen_format (Form *form)
{
  return formats[adw_combo_row_get_selected (ADW_COMBO_ROW (form->format)) == 1 ? 1 : 0];
}

static const char *
chosen_backing (Form *form)
{
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (form->backing));

  if (g_strcmp0 (chosen_format (form), "qcow2") != 0 || selected == GTK_INVALID_LIST_POSITION
      || selected >= form->backing_names->len)
    return NULL;
  return form->backing_names->pdata[selected];
}

/* Parses the size field into @bytes and says what it means or what is
 * wrong with it. */
static gboolean
check_size (Form     *form,
            guint64  *bytes,
            guint64   at_least)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hint = NULL;
  gboolean ok = has_text (form->size) && vw_parse_size (text_of (form->size), bytes, &error);

  if (ok && *bytes <= at_least)
    {
      g_autofree char *current = g_format_size_full (at_least, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (&error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_RANGE,
                   _("The new size must be more than the current %s; a volume can only grow."), current);
      ok = FALSE;
    }
  if (ok)
    hint = g_format_size_full (*bytes, G_FORMAT_SIZE_IEC_UNITS | G_FORMAT_SIZE_LONG_FORMAT);
  else if (!has_text (form->size))
    {
      g_clear_error (&error);
      hint = g_strdup (_("A number and a unit: 20G or 512M (powers of 1024), 20GB (powers of 1000)."));
    }
  set_feedback (form->size, form->size_feedback, error, hint);
  return ok;
}

static gboolean
check_volume (Form *form)
{
  g_autoptr(GError) name_error = NULL;
  g_autofree char *size = NULL;
  const char *name = text_of (form->name);
  const char *backing = chosen_backing (form);
  gboolean name_ok = has_text (form->name) && vw_validate_name (VW_OBJECT_VOLUME, name, &name_error);
  gboolean size_ok;
  guint64 bytes = 0;
  g_autoptr(GStrvBuilder) args = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;

  if (name_ok && vw_pool_find_volume (form->pool, name) != NULL)
    {
      g_set_error (&name_error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_NAME,
                   _("The pool already has a volume named “%s”."), name);
      name_ok = FALSE;
    }
  if (!has_text (form->name))
    g_clear_error (&name_error);
  set_feedback (form->name, form->name_feedback, name_error, NULL);
  size_ok = check_size (form, &bytes, 0);
  form->capacity = size_ok ? bytes : 0;
  gtk_widget_set_visible (form->backing, g_strcmp0 (chosen_format (form), "qcow2") == 0);

  size = size_ok ? size_text (bytes) : g_strdup (_("SIZE"));
  g_strv_builder_addv (args, (const char *[]) { "vol-create-as", vw_pool_get_name (form->pool),
                                                *name != '\0' ? name : _("NAME"), size,
                                                "--format", chosen_format (form), NULL });
  if (backing != NULL)
    g_strv_builder_addv (args, (const char *[]) { "--backing-vol", backing, NULL });
  argv = g_strv_builder_end (args);
  set_preview (form, (const char * const *) argv);

  adw_message_dialog_set_response_enabled (form->dialog, "create", name_ok && size_ok);
  return name_ok && size_ok;
}

/* An overlay is usually as large as its backing image: offer that size. */
static void
on_backing_changed (Form *form)
{
  const char *backing = chosen_backing (form);
  VwVolume *volume = backing != NULL ? vw_pool_find_volume (form->pool, backing) : NULL;

  if (volume != NULL && !has_text (form->size))
    {
      g_autofree char *size = size_text (vw_volume_get_capacity (volume));

      gtk_editable_set_text (GTK_EDITABLE (form->size), size);
    }
  check_volume (form);
}

static void
on_volume_response (AdwMessageDialog *dialog,
                    const char       *response,
                    Form             *form)
{
  if (g_strcmp0 (response, "create") == 0 && check_volume (form))
    ((VwVolumeChosen) form->callback) (text_of (form->name), chosen_format (form), form->capacity,
                                       chosen_backing (form), form->user_data);
}

AdwMessageDialog *
vw_new_volume_dialog_show (GtkWidget      *parent,
                           VwPool         *pool,
                           VwVolumeChosen  callback,
                           gpointer        user_data,
                           GDestroyNotify  destroy)
{
  g_autofree char *body = g_strdup_printf (_("A new disk image in the pool “%s”."), vw_pool_get_name (pool));
  AdwMessageDialog *dialog = form_dialog_new (parent, _("New Volume"), body, "create", _("C_reate"));
  Form *form = form_new (dialog, G_CALLBACK (callback), user_data, destroy);
  GtkWidget *box = form_box (dialog);
  GtkWidget *list = boxed_list (box);
  GListModel *volumes = vw_pool_get_volumes (pool);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  form->pool = g_object_ref (pool);
  form->backing_names = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (form->backing_names, NULL);
  g_ptr_array_add (labels, _("None"));
  for (guint i = 0; i < g_list_model_get_n_items (volumes); i++)
    {
      g_autoptr(VwVolume) volume = g_list_model_get_item (volumes, i);

      g_ptr_array_add (form->backing_names, g_strdup (vw_volume_get_name (volume)));
      g_ptr_array_add (labels, form->backing_names->pdata[i + 1]);
    }
  g_ptr_array_add (labels, NULL);

  form->name = entry_row (list, _("_Name"), "volume-name");
  form->format = combo_row (list, _("_Format"), formats, "volume-format");
  form->backing = combo_row (list, _("_Backing Volume"), (const char * const *) labels->pdata, "volume-backing");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (form->backing), _("Only the changes are written to the new image"));
  form->name_feedback = caption (box, "caption", "name-feedback");
  list = boxed_list (box);
  gtk_widget_set_margin_top (list, 6);
  form->size = entry_row (list, _("_Size"), "volume-size");
  form->size_feedback = caption (box, "caption", "size-feedback");
  form->preview = caption (box, "command-line", "preview");
  gtk_label_set_selectable (GTK_LABEL (form->preview), TRUE);

  g_signal_connect_swapped (form->name, "changed", G_CALLBACK (check_volume), form);
  g_signal_connect_swapped (form->size, "changed", G_CALLBACK (check_volume), form);
  g_signal_connect_swapped (form->format, "notify::selected", G_CALLBACK (check_volume), form);
  g_signal_connect_swapped (form->backing, "notify::selected", G_CALLBACK (on_backing_changed), form);
  check_volume (form);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_volume_response), form, form_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (form->name);
  return dialog;
}

/* ----- A new size ----- */

static gboolean
check_resize (Form *form)
{
  guint64 bytes = 0;
  gboolean ok = check_size (form, &bytes, vw_volume_get_capacity (form->volume));
  g_autofree char *size = ok ? size_text (bytes) : g_strdup (_("SIZE"));
  g_autoptr(VwPool) pool = vw_volume_dup_pool (form->volume);

  form->capacity = ok ? bytes : 0;
  set_preview (form, (const char *[]) { "vol-resize", vw_volume_get_name (form->volume), size,
                                        "--pool", pool != NULL ? vw_pool_get_name (pool) : "", NULL });
  adw_message_dialog_set_response_enabled (form->dialog, "resize", ok);
  return ok;
}

static void
on_resize_response (AdwMessageDialog *dialog,
                    const char       *response,
                    Form             *form)
{
  if (g_strcmp0 (response, "resize") == 0 && check_resize (form))
    ((VwSizeChosen) form->callback) (form->capacity, form->user_data);
}

AdwMessageDialog *
vw_resize_volume_dialog_show (GtkWidget      *parent,
                              VwVolume       *volume,
                              VwSizeChosen    callback,
                              gpointer        user_data,
                              GDestroyNotify  destroy)
{
  g_autofree char *heading = g_strdup_printf (_("Resize “%s”"), vw_volume_get_name (volume));
  g_autofree char *current = g_format_size_full (vw_volume_get_capacity (volume), G_FORMAT_SIZE_IEC_UNITS);
  /* Translators: %s is a size such as "20.0 GiB" */
  g_autofree char *body = g_strdup_printf (_("Its capacity is %s. A volume can only grow; the guest then "
                                             "has to grow its partition and file system itself."), current);
  AdwMessageDialog *dialog = form_dialog_new (parent, heading, body, "resize", _("_Resize"));
  Form *form = form_new (dialog, G_CALLBACK (callback), user_data, destroy);
  GtkWidget *box = form_box (dialog);
  GtkWidget *list = boxed_list (box);

  form->volume = g_object_ref (volume);
  form->size = entry_row (list, _("New _Size"), "volume-size");
  form->size_feedback = caption (box, "caption", "size-feedback");
  form->preview = caption (box, "command-line", "preview");
  gtk_label_set_selectable (GTK_LABEL (form->preview), TRUE);

  g_signal_connect_swapped (form->size, "changed", G_CALLBACK (check_resize), form);
  check_resize (form);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_resize_response), form, form_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (form->size);
  return dialog;
}

/* ----- XML ----- */

static GtkWindow *
xml_window_new (GtkWidget  *parent,
                const char *title,
                const char *subtitle,
                GtkWidget  *content)
{
  GtkRoot *root = gtk_widget_get_root (parent);
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();

  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (title, subtitle));
  gtk_box_append (GTK_BOX (box), header);
  gtk_widget_set_vexpand (content, TRUE);
  gtk_box_append (GTK_BOX (box), content);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_default_size (GTK_WINDOW (window), 620, 560);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  return GTK_WINDOW (window);
}

static void
pool_xml_loaded (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(VwXmlEditor) editor = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = vw_virt_object_op_finish_pointer (VW_VIRT_OBJECT (object), result, &error);

  /* The window was closed meanwhile. */
  if (gtk_widget_get_root (GTK_WIDGET (editor)) == NULL)
    return;
  if (xml == NULL)
    vw_xml_editor_show_error (editor, error->message, 0);
  else
    vw_xml_editor_set_document (editor, xml);
}

static void
load_pool_xml (VwXmlEditor *editor,
               VwPool      *pool)
{
  /* What pool-edit edits: the definition the pool starts from next time. */
  vw_pool_get_xml_async (pool, vw_virt_object_get_persistent (VW_VIRT_OBJECT (pool)), NULL,
                         pool_xml_loaded, g_object_ref (editor));
}

static void
pool_defined (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(VwXmlEditor) editor = user_data;
  g_autoptr(GError) error = NULL;
  VwPool *pool = g_object_get_data (G_OBJECT (editor), "pool");
  gboolean ok = vw_connection_op_finish (VW_CONNECTION (object), result, &error);

  if (gtk_widget_get_root (GTK_WIDGET (editor)) == NULL)
    return;
  if (!ok)
    {
      vw_xml_editor_report_failure (editor, error->message);
      return;
    }
  vw_xml_editor_applied (editor);
  load_pool_xml (editor, pool);
}

static void
on_pool_xml_apply (VwXmlEditor *editor,
                   const char  *text,
                   VwPool      *pool)
{
  g_autoptr(VwConnection) connection = vw_virt_object_dup_connection (VW_VIRT_OBJECT (pool));

  if (connection == NULL)
    {
      vw_xml_editor_report_failure (editor, _("The connection is closed."));
      return;
    }
  vw_connection_define_pool_xml_async (connection, text, NULL, pool_defined, g_object_ref (editor));
}

/**
 * vw_pool_xml_window_show:
 *
 * The pool's XML as pool-dumpxml shows it; Edit and Apply redefine the
 * pool as pool-edit does, after libvirt checked the document.
 */
GtkWindow *
vw_pool_xml_window_show (GtkWidget *parent,
                         VwPool    *pool)
{
  g_autofree char *subtitle = g_strdup_printf ("virsh pool-dumpxml %s", vw_pool_get_name (pool));
  GtkWidget *editor = vw_xml_editor_new ();
  GtkWindow *window = xml_window_new (parent, vw_pool_get_name (pool), subtitle, editor);

  gtk_widget_set_name (editor, "pool-xml");
  g_object_set_data_full (G_OBJECT (editor), "pool", g_object_ref (pool), g_object_unref);
  vw_xml_editor_set_schema (VW_XML_EDITOR (editor), "pool", "storagepool");
  g_signal_connect_object (editor, "apply", G_CALLBACK (on_pool_xml_apply), pool, 0);
  load_pool_xml (VW_XML_EDITOR (editor), pool);
  gtk_window_present (window);
  return window;
}

static void
update_scheme (GtkSourceBuffer *buffer)
{
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  const char *id = adw_style_manager_get_dark (adw_style_manager_get_default ()) ? "Adwaita-dark" : "Adwaita";

  gtk_source_buffer_set_style_scheme (buffer, gtk_source_style_scheme_manager_get_scheme (schemes, id));
}

static void
volume_xml_loaded (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GtkTextView) view = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = vw_volume_get_xml_finish (result, &error);

  if (gtk_widget_get_root (GTK_WIDGET (view)) != NULL)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), xml != NULL ? xml : error->message, -1);
}

/* The volume's XML as vol-dumpxml shows it; volumes are not edited. */
GtkWindow *
vw_volume_xml_window_show (GtkWidget *parent,
                           VwVolume  *volume)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  g_autoptr(VwPool) pool = vw_volume_dup_pool (volume);
  g_autofree char *subtitle = g_strdup_printf ("virsh vol-dumpxml %s --pool %s", vw_volume_get_name (volume),
                                               pool != NULL ? vw_pool_get_name (pool) : "");
  g_autoptr(GtkSourceBuffer) buffer = gtk_source_buffer_new_with_language (
    gtk_source_language_manager_get_language (languages, "xml"));
  GtkWidget *view = gtk_source_view_new_with_buffer (buffer);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWindow *window;

  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_source_view_set_show_line_numbers (GTK_SOURCE_VIEW (view), TRUE);
  gtk_widget_set_name (view, "volume-xml");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, _("XML document"), -1);
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (buffer), _("Loading…"), -1);
  update_scheme (buffer);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (update_scheme),
                           buffer, G_CONNECT_SWAPPED);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);

  window = xml_window_new (parent, vw_volume_get_name (volume), subtitle, scroller);
  vw_volume_get_xml_async (volume, NULL, volume_xml_loaded, g_object_ref (view));
  gtk_window_present (window);
  return window;
}
