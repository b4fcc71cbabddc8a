/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-commands-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "vw-commands-panel.h"
#include "vw-widget-util.h"

/* The virsh command line behind every action, newest at the bottom, under
 * the lab. A learner reads it while clicking, copies it to a terminal, or
 * saves the whole session as a shell script. */
struct _VwCommandsPanel
{
  GtkWidget parent_instance;

  VwCommandLog *log;
  gboolean expanded;

  GtkLabel *summary_label;
  GtkLabel *last_label;
  GtkRevealer *revealer;
  GtkListView *list_view;
  GtkNoSelection *selection;
  GtkScrolledWindow *scroller;
};

G_DEFINE_FINAL_TYPE (VwCommandsPanel, vw_commands_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LOG,
  PROP_EXPANDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
scroll_to_end (gpointer user_data)
{
  VwCommandsPanel *self = user_data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

static void
update_summary (VwCommandsPanel *self)
{
  guint n = self->log != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->log)) : 0;
  g_autofree char *summary = NULL;

  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Commands (%u)", "Commands (%u)", n), n);
  gtk_label_set_label (self->summary_label, summary);

  /* A long command is cut at its start, to keep its end (the options and
   * the object) in view; the hint is read from its start. */
  if (n == 0)
    {
      gtk_label_set_label (self->last_label, _("Each action shows its virsh command here."));
      gtk_label_set_ellipsize (self->last_label, PANGO_ELLIPSIZE_END);
    }
  else
    {
      g_autoptr(VwCommand) last = g_list_model_get_item (G_LIST_MODEL (self->log), n - 1);

      gtk_label_set_label (self->last_label, vw_command_get_text (last));
      gtk_label_set_ellipsize (self->last_label, PANGO_ELLIPSIZE_START);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "commands.copy", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "commands.save", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "commands.clear", n > 0);
  g_idle_add (scroll_to_end, g_object_ref (self));
}

void
vw_commands_panel_set_log (VwCommandsPanel *self,
                           VwCommandLog    *log)
{
  g_return_if_fail (VW_IS_COMMANDS_PANEL (self));

  if (self->log == log)
    return;
  if (self->log != NULL)
    g_signal_handlers_disconnect_by_data (self->log, self);
  g_set_object (&self->log, log);
  gtk_no_selection_set_model (self->selection, G_LIST_MODEL (log));
  if (log != NULL)
    g_signal_connect_swapped (log, "items-changed", G_CALLBACK (update_summary), self);
  update_summary (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOG]);
}

VwCommandLog *
vw_commands_panel_get_log (VwCommandsPanel *self)
{
  g_return_val_if_fail (VW_IS_COMMANDS_PANEL (self), NULL);
  return self->log;
}

void
vw_commands_panel_set_expanded (VwCommandsPanel *self,
                                gboolean         expanded)
{
  g_return_if_fail (VW_IS_COMMANDS_PANEL (self));

  expanded = !!expanded;
  if (self->expanded == expanded)
    return;
  self->expanded = expanded;
  gtk_revealer_set_reveal_child (self->revealer, expanded);
  gtk_widget_set_visible (GTK_WIDGET (self->last_label), !expanded);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPANDED]);
}

gboolean
vw_commands_panel_get_expanded (VwCommandsPanel *self)
{
  g_return_val_if_fail (VW_IS_COMMANDS_PANEL (self), FALSE);
  return self->expanded;
}

static void
toggle_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  VwCommandsPanel *self = VW_COMMANDS_PANEL (widget);

  vw_commands_panel_set_expanded (self, !self->expanded);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  VwCommandsPanel *self = VW_COMMANDS_PANEL (widget);
  g_autofree char *text = vw_command_log_to_text (self->log);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  vw_command_log_clear (VW_COMMANDS_PANEL (widget)->log);
}

static void
on_save_response (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  g_autoptr(VwCommandsPanel) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *script = vw_command_log_to_script (self->log);
      g_autoptr(GError) error = NULL;

      if (!g_file_replace_contents (file, script, strlen (script), NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                    NULL, NULL, &error))
        g_warning ("Could not save the commands: %s", error->message);
      else
        {
          g_autoptr(GFileInfo) info = g_file_info_new ();

          /* A script the learner can run straight away. */
          g_file_info_set_attribute_uint32 (info, G_FILE_ATTRIBUTE_UNIX_MODE, 0755);
          g_file_set_attributes_from_info (file, info, G_FILE_QUERY_INFO_NONE, NULL, NULL);
        }
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Save Commands as a Script"),
                                        GTK_WINDOW (gtk_widget_get_root (widget)),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), "lab-commands.sh");
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_response), g_object_ref (widget));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
setup_item (GtkListItemFactory *factory,
            GtkListItem        *item,
            gpointer            user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, "command-line");
  gtk_list_item_set_child (item, label);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_item (GtkListItemFactory *factory,
           GtkListItem        *item,
           gpointer            user_data)
{
  VwCommand *command = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), vw_command_get_text (command));
}

static void
vw_commands_panel_dispose (GObject *object)
{
  VwCommandsPanel *self = VW_COMMANDS_PANEL (object);

  if (self->log != NULL)
    g_signal_handlers_disconnect_by_data (self->log, self);
  g_clear_object (&self->log);
  gtk_widget_dispose_template (GTK_WIDGET (self), VW_TYPE_COMMANDS_PANEL);
  vw_widget_unparent_children (GTK_WIDGET (self));

  G_OBJECT_CLASS (vw_commands_panel_parent_class)->dispose (object);
}

static void
vw_commands_panel_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  VwCommandsPanel *self = VW_COMMANDS_PANEL (object);

  switch (prop_id)
    {
    case PROP_LOG:
      g_value_set_object (value, self->log);
      break;
    case PROP_EXPANDED:
      g_value_set_boolean (value, self->expanded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vw_commands_panel_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  VwCommandsPanel *self = VW_COMMANDS_PANEL (object);

  switch (prop_id)
    {
    case PROP_LOG:
      vw_commands_panel_set_log (self, g_value_get_object (value));
      break;
    case PROP_EXPANDED:
      vw_commands_panel_set_expanded (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vw_commands_panel_class_init (VwCommandsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vw_commands_panel_dispose;
  object_class->get_property = vw_commands_panel_get_property;
  object_class->set_property = vw_commands_panel_set_property;

  properties[PROP_LOG] =
    g_param_spec_object ("log", NULL, NULL, VW_TYPE_COMMAND_LOG,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXPANDED] =
    g_param_spec_boolean ("expanded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/vw-commands-panel.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "commandspanel");
  gtk_widget_class_bind_template_child (widget_class, VwCommandsPanel, summary_label);
  gtk_widget_class_bind_template_child (widget_class, VwCommandsPanel, last_label);
  gtk_widget_class_bind_template_child (widget_class, VwCommandsPanel, revealer);
  gtk_widget_class_bind_template_child (widget_class, VwCommandsPanel, list_view);
  gtk_widget_class_bind_template_child (widget_class, VwCommandsPanel, selection);
  gtk_widget_class_bind_template_child (widget_class, VwCommandsPanel, scroller);
  gtk_widget_class_bind_template_callback (widget_class, setup_item);
  gtk_widget_class_bind_template_callback (widget_class, bind_item);

  gtk_widget_class_install_action (widget_class, "commands.toggle", NULL, toggle_action);
  gtk_widget_class_install_action (widget_class, "commands.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "commands.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "commands.clear", NULL, clear_action);
}

static void
vw_commands_panel_init (VwCommandsPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_summary (self);
}
