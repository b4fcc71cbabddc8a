/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-notes-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vw-notes-page-private.h"
#include "vw-topic-list.h"

/* Moving between objectives and following links. */

VwTopic *
vw_notes_page_neighbour (VwNotesPage *self,
                         int          step)
{
  guint position = 0, n;
  g_autoptr(VwTopic) topic = NULL;

  if (self->topics == NULL || self->topic == NULL
      || vw_topic_list_find (self->topics, vw_topic_get_id (self->topic), &position) == NULL)
    return NULL;
  n = g_list_model_get_n_items (self->topics);
  if ((step < 0 && position == 0) || (step > 0 && position + 1 >= n))
    return NULL;
  topic = g_list_model_get_item (self->topics, position + step);
  /* The list keeps it alive. */
  return topic;
}

void
vw_notes_page_update_actions (VwNotesPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "notes.previous",
                                 vw_notes_page_neighbour (self, -1) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "notes.next",
                                 vw_notes_page_neighbour (self, 1) != NULL);
}

void
vw_notes_page_set_topics (VwNotesPage *self,
                          GListModel  *topics)
{
  g_return_if_fail (VW_IS_NOTES_PAGE (self));
  g_set_object (&self->topics, topics);
  vw_notes_page_update_actions (self);
}

/* Ctrl+F, Ctrl+plus and Ctrl+minus work anywhere in the window, Alt+Left
 * and Alt+Right when the notes have the focus. */
void
vw_notes_page_add_shortcuts (VwNotesPage *self)
{
  static const struct { const char *accel; const char *action; gboolean global; } shortcuts[] = {
    { "<Control>f", "notes.search", TRUE },
    { "<Control>k", "notes.search", TRUE },
    { "<Control>plus", "notes.zoom-in", TRUE },
    { "<Control>equal", "notes.zoom-in", TRUE },
    { "<Control>KP_Add", "notes.zoom-in", TRUE },
    { "<Control>minus", "notes.zoom-out", TRUE },
    { "<Control>KP_Subtract", "notes.zoom-out", TRUE },
    { "<Control>0", "notes.zoom-reset", TRUE },
    { "<Alt>Left", "notes.previous", FALSE },
    { "<Alt>Right", "notes.next", FALSE },
  };
  GtkEventController *global = gtk_shortcut_controller_new ();
  GtkEventController *local = gtk_shortcut_controller_new ();

  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (global), GTK_SHORTCUT_SCOPE_GLOBAL);
  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    gtk_shortcut_controller_add_shortcut (
      GTK_SHORTCUT_CONTROLLER (shortcuts[i].global ? global : local),
      gtk_shortcut_new (gtk_shortcut_trigger_parse_string (shortcuts[i].accel),
                        gtk_named_action_new (shortcuts[i].action)));
  gtk_widget_add_controller (GTK_WIDGET (self), global);
  gtk_widget_add_controller (GTK_WIDGET (self), local);
}

void
vw_notes_page_follow_link (VwNotesPage *self,
                           const char  *url)
{
  g_autofree char *objective = NULL;
  const char *hash;
  int heading;

  g_return_if_fail (VW_IS_NOTES_PAGE (self));
  g_return_if_fail (url != NULL);

  if (g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://"))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, url, GDK_CURRENT_TIME);
      return;
    }

  /* "351.4.md#anchor", "351.4.md" or "#anchor". */
  hash = strchr (url, '#');
  objective = g_strndup (url, hash != NULL ? (gsize) (hash - url) : strlen (url));
  if (g_str_has_suffix (objective, ".md"))
    objective[strlen (objective) - 3] = '\0';
  if (*objective == '\0' && self->topic != NULL)
    {
      g_free (objective);
      objective = g_strdup (vw_topic_get_id (self->topic));
    }
  if (self->topics == NULL || vw_topic_list_find (self->topics, objective, NULL) == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The link “%s” leads nowhere in the notes"),
                                                  url);

      gtk_label_set_label (self->fallback_label, message);
      gtk_revealer_set_reveal_child (self->fallback_revealer, TRUE);
      return;
    }
  if (hash == NULL)
    {
      vw_notes_page_go_to (self, objective, 0, 0);
      return;
    }
  /* Anchors name a heading of the target note, which must be read to find
   * its offset; the page does so once the objective is shown. */
  if (self->topic == NULL || !g_str_equal (objective, vw_topic_get_id (self->topic)))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.select-topic", "s", objective);
  heading = -1;
  if (self->doc != NULL)
    {
      const VwNoteDoc *english = self->english != NULL
                                 ? vw_notes_library_get_doc (self->english, objective, NULL, NULL)
                                 : NULL;

      heading = vw_note_doc_resolve_anchor (self->doc, english, hash + 1);
    }
  if (heading >= 0)
    vw_notes_page_go_to (self, objective,
                         g_array_index (self->doc->headings, VwNoteHeading, heading).offset, 0);
}
