/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-command-log"

#include <glib/gi18n.h>
#include <unistd.h>

#include "vw-command-log.h"
#include "vw-shell.h"

/* The virsh command line behind every action the learner takes in the lab,
 * in the order they happened. The arguments are kept as a vector so that
 * the same commands can be shown, copied, saved as a script and replayed. */

struct _VwCommand
{
  GObject parent_instance;

  char *uri;
  GStrv args;
  char *text;
  GDateTime *time;
};

G_DEFINE_FINAL_TYPE (VwCommand, vw_command, G_TYPE_OBJECT)

enum {
  COMMAND_PROP_0,
  COMMAND_PROP_TEXT,
  COMMAND_N_PROPS
};

static GParamSpec *command_properties[COMMAND_N_PROPS];

static void
vw_command_finalize (GObject *object)
{
  VwCommand *self = VW_COMMAND (object);

  g_free (self->uri);
  g_strfreev (self->args);
  g_free (self->text);
  g_date_time_unref (self->time);

  G_OBJECT_CLASS (vw_command_parent_class)->finalize (object);
}

static void
vw_command_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  VwCommand *self = VW_COMMAND (object);

  switch (prop_id)
    {
    case COMMAND_PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vw_command_class_init (VwCommandClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vw_command_finalize;
  object_class->get_property = vw_command_get_property;

  command_properties[COMMAND_PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, COMMAND_N_PROPS, command_properties);
}

static void
vw_command_init (VwCommand *self)
{
}

const char *
vw_command_get_text (VwCommand *self)
{
  g_return_val_if_fail (VW_IS_COMMAND (self), NULL);
  return self->text;
}

const char *
vw_command_get_uri (VwCommand *self)
{
  g_return_val_if_fail (VW_IS_COMMAND (self), NULL);
  return self->uri;
}

/* The arguments after "virsh -c URI": { "start", "web01", NULL }. */
const char * const *
vw_command_get_args (VwCommand *self)
{
  g_return_val_if_fail (VW_IS_COMMAND (self), NULL);
  return (const char * const *) self->args;
}

GDateTime *
vw_command_get_time (VwCommand *self)
{
  g_return_val_if_fail (VW_IS_COMMAND (self), NULL);
  return self->time;
}

/* What virsh connects to when no -c is given: LIBVIRT_DEFAULT_URI, else the
 * system daemon for root and the session daemon for everyone else. */
const char *
vw_virsh_default_uri (void)
{
  const char *env = g_getenv ("LIBVIRT_DEFAULT_URI");

  if (env != NULL && *env != '\0')
    return env;
  return getuid () == 0 ? "qemu:///system" : "qemu:///session";
}

char *
vw_virsh_command_line (const char         *uri,
                       const char * const *args)
{
  g_autofree char *joined = vw_shell_join (args);

  if (uri == NULL || g_strcmp0 (uri, vw_virsh_default_uri ()) == 0)
    return g_strconcat ("virsh ", joined, NULL);
  else
    {
      g_autofree char *quoted = vw_shell_quote (uri);

      return g_strconcat ("virsh -c ", quoted, " ", joined, NULL);
    }
}

/* ----- The log ----- */

struct _VwCommandLog
{
  GObject parent_instance;

  GListStore *commands;
};

static void vw_command_log_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VwCommandLog, vw_command_log, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, vw_command_log_list_model_init))

static GType
vw_command_log_get_item_type (GListModel *model)
{
  return VW_TYPE_COMMAND;
}

static guint
vw_command_log_get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (VW_COMMAND_LOG (model)->commands));
}

static gpointer
vw_command_log_get_item (GListModel *model,
                         guint       position)
{
  return g_list_model_get_item (G_LIST_MODEL (VW_COMMAND_LOG (model)->commands), position);
}

static void
vw_command_log_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = vw_command_log_get_item_type;
  iface->get_n_items = vw_command_log_get_n_items;
  iface->get_item = vw_command_log_get_item;
}

static void
forward_items_changed (VwCommandLog *self,
                       guint         position,
                       guint         removed,
                       guint         added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
vw_command_log_finalize (GObject *object)
{
  VwCommandLog *self = VW_COMMAND_LOG (object);

  g_clear_object (&self->commands);

  G_OBJECT_CLASS (vw_command_log_parent_class)->finalize (object);
}

static void
vw_command_log_class_init (VwCommandLogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vw_command_log_finalize;
}

static void
vw_command_log_init (VwCommandLog *self)
{
  self->commands = g_list_store_new (VW_TYPE_COMMAND);
  g_signal_connect_swapped (self->commands, "items-changed", G_CALLBACK (forward_items_changed), self);
}

VwCommandLog *
vw_command_log_new (void)
{
  return g_object_new (VW_TYPE_COMMAND_LOG, NULL);
}

/**
 * vw_command_log_append:
 * @uri: the connection the command ran on
 * @args: what follows "virsh -c URI"
 *
 * Returns: (transfer none): the new entry
 */
VwCommand *
vw_command_log_append (VwCommandLog       *self,
                       const char         *uri,
                       const char * const *args)
{
  g_autoptr(VwCommand) command = NULL;

  g_return_val_if_fail (VW_IS_COMMAND_LOG (self), NULL);
  g_return_val_if_fail (args != NULL && args[0] != NULL, NULL);

  command = g_object_new (VW_TYPE_COMMAND, NULL);
  command->uri = g_strdup (uri);
  command->args = g_strdupv ((char **) args);
  command->text = vw_virsh_command_line (uri, args);
  command->time = g_date_time_new_now_local ();
  g_list_store_append (self->commands, command);
  return command;
}

void
vw_command_log_clear (VwCommandLog *self)
{
  g_return_if_fail (VW_IS_COMMAND_LOG (self));
  g_list_store_remove_all (self->commands);
}

/* One command line per line, for the clipboard. */
char *
vw_command_log_to_text (VwCommandLog *self)
{
  GString *text = g_string_new (NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->commands));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VwCommand) command = g_list_model_get_item (G_LIST_MODEL (self->commands), i);

      g_string_append (text, command->text);
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}

static gboolean
is_test_uri (const char *uri)
{
  return uri != NULL && g_str_has_prefix (uri, "test:");
}

/* A shell script that does again what the log records. The test driver
 * keeps its state in memory for one connection only, so commands on a
 * test:// URI go to a single virsh session (a here-document); on any other
 * URI each command is its own virsh call. */
char *
vw_command_log_to_script (VwCommandLog *self)
{
  GString *script = g_string_new ("#!/bin/sh\n");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d %H:%M");
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->commands));
  const char *session_uri = NULL;

  /* Translators: the first comment of a saved shell script */
  g_string_append_printf (script, "# %s\n", _("Commands recorded by Virt Workbench"));
  g_string_append_printf (script, "# %s\nset -e\n\n", stamp);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VwCommand) command = g_list_model_get_item (G_LIST_MODEL (self->commands), i);

      if (session_uri != NULL && g_strcmp0 (session_uri, command->uri) != 0)
        {
          g_string_append (script, "VIRSH\n");
          session_uri = NULL;
        }

      if (is_test_uri (command->uri))
        {
          g_autofree char *args = vw_shell_join ((const char * const *) command->args);

          if (session_uri == NULL)
            {
              g_autofree char *quoted = vw_shell_quote (command->uri);

              g_string_append_printf (script, "virsh -c %s <<'VIRSH'\n", quoted);
              session_uri = command->uri;
            }
          g_string_append_printf (script, "%s\n", args);
        }
      else
        g_string_append_printf (script, "%s\n", command->text);
    }
  if (session_uri != NULL)
    g_string_append (script, "VIRSH\n");

  return g_string_free (script, FALSE);
}
