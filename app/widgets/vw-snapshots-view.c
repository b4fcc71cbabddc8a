/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-snapshots-view"

#include <glib/gi18n.h>

#include "vw-define-dialog.h"
#include "vw-lab-dialogs.h"
#include "vw-snapshots-view.h"
#include "vw-validate.h"
#include "vw-widget-util.h"

/* The Snapshots tab of a machine: its snapshots as a tree (indented by
 * depth, the current one marked), and what can be done with them, each
 * with its virsh command: take one, revert to one, delete one alone or
 * with what was taken from it, read its XML. */
struct _VwSnapshotsView
{
  GtkWidget parent_instance;

  VwSnapshotList *list;
  GCancellable *cancellable;

  GtkListBox *list_box;
  GtkLabel *status;
  GtkWidget *take_button;
  guint poll_id;
};

/* libvirt sends no event when a snapshot is taken or deleted outside the
 * app (only a running guest's pause and resume show): while the tab is on
 * screen, the list is read again every few seconds. */
#define POLL_SECONDS 3

G_DEFINE_FINAL_TYPE (VwSnapshotsView, vw_snapshots_view, GTK_TYPE_WIDGET)

static VwDomain *
domain_of (VwSnapshotsView *self)
{
  return self->list != NULL ? vw_snapshot_list_get_domain (self->list) : NULL;
}

static void
op_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(VwSnapshotsView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!vw_domain_op_finish (VW_DOMAIN (object), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    vw_widget_show_message (GTK_WIDGET (self), error->message);
}

/* ----- Take ----- */

typedef struct
{
  VwSnapshotsView *self;
  AdwEntryRow *name;
  AdwEntryRow *description;
  GtkLabel *problem;
  AdwMessageDialog *dialog;
} TakeForm;

static void
take_form_free (TakeForm *form)
{
  g_object_unref (form->self);
  g_free (form);
}

static void
check_take (TakeForm *form)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (form->name));
  g_autoptr(GError) error = NULL;
  gboolean ok = vw_validate_name (VW_OBJECT_SNAPSHOT, name, &error);

  if (ok && vw_snapshot_list_find (form->self->list, name) != NULL)
    {
      ok = FALSE;
      g_set_error (&error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_NAME,
                   _("This machine already has a snapshot named “%s”."), name);
    }
  gtk_label_set_text (form->problem, ok ? "" : error->message);
  adw_message_dialog_set_response_enabled (form->dialog, "take", ok);
}

static void
on_take_response (AdwMessageDialog *dialog,
                  const char       *response,
                  TakeForm         *form)
{
  VwDomain *domain = domain_of (form->self);

  if (g_strcmp0 (response, "take") != 0 || domain == NULL)
    return;
  vw_domain_create_snapshot_async (domain, gtk_editable_get_text (GTK_EDITABLE (form->name)),
                                   gtk_editable_get_text (GTK_EDITABLE (form->description)),
                                   form->self->cancellable, op_done, g_object_ref (form->self));
}

static void
take_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  VwSnapshotsView *self = VW_SNAPSHOTS_VIEW (widget);
  VwDomain *domain = domain_of (self);
  TakeForm *form;
  GtkWidget *group, *box;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *suggested = g_date_time_format (now, "snap-%Y%m%d-%H%M");
  g_autofree char *body = NULL;

  if (domain == NULL)
    return;

  form = g_new0 (TakeForm, 1);
  form->self = g_object_ref (self);
  body = g_strdup_printf (vw_domain_state_is_active (vw_domain_get_state (domain))
                            ? _("“%s” is running: its disks and its memory are saved, and it is paused "
                                "for a moment meanwhile (virsh snapshot-create-as).")
                            : _("The disks of “%s” are saved as they are now (virsh snapshot-create-as)."),
                          vw_domain_get_name (domain));
  form->dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                             _("Take a Snapshot"), body));
  group = adw_preferences_group_new ();
  form->name = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->name), _("Name"));
  gtk_editable_set_text (GTK_EDITABLE (form->name), suggested);
  form->description = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->description), _("Description (optional)"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (form->name));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (form->description));
  form->problem = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (form->problem, TRUE);
  gtk_label_set_xalign (form->problem, 0);
  gtk_widget_add_css_class (GTK_WIDGET (form->problem), "error");
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (box), group);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (form->problem));
  adw_message_dialog_set_extra_child (form->dialog, box);
  adw_message_dialog_add_responses (form->dialog, "cancel", _("_Cancel"), "take", _("_Take"), NULL);
  adw_message_dialog_set_response_appearance (form->dialog, "take", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (form->dialog, "take");
  adw_message_dialog_set_close_response (form->dialog, "cancel");
  g_signal_connect_swapped (form->name, "changed", G_CALLBACK (check_take), form);
  g_signal_connect_data (form->dialog, "response", G_CALLBACK (on_take_response), form,
                         (GClosureNotify) (void (*) (void)) take_form_free, 0);
  check_take (form);
  gtk_window_present (GTK_WINDOW (form->dialog));
}

/* ----- Revert, delete, XML ----- */

typedef struct
{
  VwSnapshotsView *self;
  char *name;
  gboolean children;
} Choice;

static Choice *
choice_new (VwSnapshotsView *self,
            const char      *name)
{
  Choice *choice = g_new0 (Choice, 1);

  choice->self = g_object_ref (self);
  choice->name = g_strdup (name);
  return choice;
}

static void
choice_free (Choice *choice)
{
  g_object_unref (choice->self);
  g_free (choice->name);
  g_free (choice);
}

static void
revert_confirmed (gpointer user_data)
{
  Choice *choice = user_data;
  VwDomain *domain = domain_of (choice->self);

  if (domain != NULL)
    vw_domain_revert_snapshot_async (domain, choice->name, choice->self->cancellable, op_done,
                                     g_object_ref (choice->self));
}

static void
revert_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  VwSnapshotsView *self = VW_SNAPSHOTS_VIEW (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  g_autofree char *heading = g_strdup_printf (_("Revert to “%s”?"), name);

  vw_confirm_dialog_show (widget, heading,
                          _("The machine goes back to the state it was in when the snapshot was taken "
                            "(virsh snapshot-revert). Everything it did since is lost."),
                          _("_Revert"), revert_confirmed, choice_new (self, name), (GDestroyNotify) choice_free);
}

static void
on_delete_response (AdwMessageDialog *dialog,
                    const char       *response,
                    Choice           *choice)
{
  VwDomain *domain = domain_of (choice->self);

  if (domain == NULL || (g_strcmp0 (response, "delete") != 0 && g_strcmp0 (response, "delete-all") != 0))
    return;
  vw_domain_delete_snapshot_async (domain, choice->name, g_strcmp0 (response, "delete-all") == 0,
                                   choice->self->cancellable, op_done, g_object_ref (choice->self));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  VwSnapshotsView *self = VW_SNAPSHOTS_VIEW (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  VwSnapshot *snapshot = self->list != NULL ? vw_snapshot_list_find (self->list, name) : NULL;
  guint n_children = snapshot != NULL ? vw_snapshot_get_n_children (snapshot) : 0;
  g_autofree char *heading = g_strdup_printf (_("Delete the Snapshot “%s”?"), name);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading,
                                                       n_children > 0
                                                         ? _("Deleted alone (virsh snapshot-delete), the snapshots "
                                                             "taken from it move up to its parent; deleted with its "
                                                             "children (--children), they are removed too.")
                                                         : _("The saved state is removed (virsh snapshot-delete); "
                                                             "the machine itself does not change.")));
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  if (n_children > 0)
    {
      adw_message_dialog_add_response (dialog, "delete-all", _("Delete With _Children"));
      adw_message_dialog_set_response_appearance (dialog, "delete-all", ADW_RESPONSE_DESTRUCTIVE);
    }
  adw_message_dialog_add_response (dialog, "delete", n_children > 0 ? _("Delete _Alone") : _("_Delete"));
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_default_response (dialog, "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_delete_response), choice_new (self, name),
                         (GClosureNotify) (void (*) (void)) choice_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
xml_done (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(VwSnapshotsView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = vw_domain_get_xml_finish (VW_DOMAIN (object), result, &error);

  if (xml != NULL)
    vw_xml_window_show (GTK_WIDGET (self), _("Snapshot"), _("Same as: virsh snapshot-dumpxml DOMAIN NAME"), xml);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    vw_widget_show_message (GTK_WIDGET (self), error->message);
}

static void
xml_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  VwSnapshotsView *self = VW_SNAPSHOTS_VIEW (widget);
  VwDomain *domain = domain_of (self);

  if (domain != NULL)
    vw_domain_get_snapshot_xml_async (domain, g_variant_get_string (parameter, NULL), self->cancellable,
                                      xml_done, g_object_ref (self));
}

/* ----- The list ----- */

/* The machine's state when the snapshot was taken, in words. */
static const char *
state_title (const char *state)
{
  if (g_strcmp0 (state, "running") == 0)
    return _("taken while running");
  if (g_strcmp0 (state, "paused") == 0)
    return _("taken while paused");
  if (g_strcmp0 (state, "shutoff") == 0)
    return _("taken while shut off");
  if (g_strcmp0 (state, "disk-snapshot") == 0)
    return _("disks only");
  return state;
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  VwSnapshot *snapshot = item;
  const char *name = vw_snapshot_get_name (snapshot);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *branch = gtk_image_new_from_icon_name ("camera-photo-symbolic");
  g_autoptr(GDateTime) created = g_date_time_new_from_unix_local (vw_snapshot_get_created (snapshot));
  g_autofree char *when = created != NULL ? g_date_time_format (created, "%x %X") : g_strdup ("");
  g_autofree char *subtitle = NULL;
  const char *description = vw_snapshot_get_description (snapshot);
  const char *state = state_title (vw_snapshot_get_state (snapshot));

  /* Translators: creation time · the machine's state then · description */
  subtitle = g_strdup_printf (_("%s · %s%s%s"), when, state != NULL ? state : "",
                              description != NULL ? " · " : "", description != NULL ? description : "");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_widget_set_margin_start (branch, 24 * MIN (vw_snapshot_get_depth (snapshot), 6));
  gtk_accessible_update_property (GTK_ACCESSIBLE (branch), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  vw_snapshot_get_parent (snapshot) != NULL ? vw_snapshot_get_parent (snapshot) : "",
                                  -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), branch);
  if (vw_snapshot_get_current (snapshot))
    {
      GtkWidget *current = gtk_label_new (_("Current"));

      gtk_widget_add_css_class (current, "state-pill");
      gtk_widget_add_css_class (current, "state-running");
      gtk_widget_set_valign (current, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (current, _("The snapshot taken last, or the one the machine was last reverted to"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), current);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             vw_widget_icon_button ("edit-undo-symbolic", _("Revert to it (virsh snapshot-revert)"),
                                          "snapshots.revert", name));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             vw_widget_icon_button ("vw-xml-symbolic", _("Show the XML (virsh snapshot-dumpxml)"),
                                          "snapshots.xml", name));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             vw_widget_icon_button ("user-trash-symbolic", _("Delete (virsh snapshot-delete)"),
                                          "snapshots.delete", name));
  return row;
}

static void
update_status (VwSnapshotsView *self)
{
  guint n = self->list != NULL ? g_list_model_get_n_items (vw_snapshot_list_get_model (self->list)) : 0;
  const char *error = self->list != NULL ? vw_snapshot_list_get_error (self->list) : NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->list_box), n > 0);
  if (error != NULL)
    gtk_label_set_text (self->status, error);
  else if (self->list != NULL && !vw_snapshot_list_get_loaded (self->list))
    gtk_label_set_text (self->status, _("Reading snapshots…"));
  else if (n == 0)
    gtk_label_set_text (self->status, _("No snapshots yet. A snapshot keeps the machine’s disks (and, while it "
                                        "runs, its memory) so that you can come back to this moment."));
  else
    gtk_label_set_text (self->status, _("Each snapshot is listed under the one it was taken from."));
}

static gboolean
poll_tick (gpointer data)
{
  VwSnapshotsView *self = data;

  if (self->list != NULL)
    vw_snapshot_list_reload (self->list);
  return G_SOURCE_CONTINUE;
}

static void
vw_snapshots_view_map (GtkWidget *widget)
{
  VwSnapshotsView *self = VW_SNAPSHOTS_VIEW (widget);

  GTK_WIDGET_CLASS (vw_snapshots_view_parent_class)->map (widget);
  if (self->poll_id == 0)
    self->poll_id = g_timeout_add_seconds (POLL_SECONDS, poll_tick, self);
  if (self->list != NULL)
    vw_snapshot_list_reload (self->list);
}

static void
vw_snapshots_view_unmap (GtkWidget *widget)
{
  VwSnapshotsView *self = VW_SNAPSHOTS_VIEW (widget);

  g_clear_handle_id (&self->poll_id, g_source_remove);
  GTK_WIDGET_CLASS (vw_snapshots_view_parent_class)->unmap (widget);
}

static void
vw_snapshots_view_init (VwSnapshotsView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  self->cancellable = g_cancellable_new ();
  self->take_button = gtk_button_new_with_mnemonic (_("_Take a Snapshot…"));
  gtk_widget_set_halign (self->take_button, GTK_ALIGN_START);
  gtk_widget_add_css_class (self->take_button, "suggested-action");
  gtk_widget_set_tooltip_text (self->take_button, _("virsh snapshot-create-as DOMAIN NAME --description TEXT"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->take_button), "snapshots.take");
  self->status = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->status, TRUE);
  gtk_label_set_xalign (self->status, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->status), "dim-label");
  self->list_box = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list_box, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list_box), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Snapshots"), -1);

  gtk_box_append (GTK_BOX (box), self->take_button);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->status));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->list_box));
  gtk_widget_set_parent (vw_widget_scrolled_page (box), GTK_WIDGET (self));
  update_status (self);
}

static void
vw_snapshots_view_dispose (GObject *object)
{
  VwSnapshotsView *self = VW_SNAPSHOTS_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  vw_snapshots_view_set_domain (self, NULL);
  g_clear_object (&self->cancellable);
  vw_widget_unparent_children (GTK_WIDGET (self));

  G_OBJECT_CLASS (vw_snapshots_view_parent_class)->dispose (object);
}

static void
vw_snapshots_view_class_init (VwSnapshotsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vw_snapshots_view_dispose;
  widget_class->map = vw_snapshots_view_map;
  widget_class->unmap = vw_snapshots_view_unmap;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_install_action (widget_class, "snapshots.take", NULL, take_action);
  gtk_widget_class_install_action (widget_class, "snapshots.revert", "s", revert_action);
  gtk_widget_class_install_action (widget_class, "snapshots.delete", "s", delete_action);
  gtk_widget_class_install_action (widget_class, "snapshots.xml", "s", xml_action);
}

GtkWidget *
vw_snapshots_view_new (void)
{
  return g_object_new (VW_TYPE_SNAPSHOTS_VIEW, NULL);
}

/* Reads @domain's snapshots, and again after each of its events, for as
 * long as it is shown. */
void
vw_snapshots_view_set_domain (VwSnapshotsView *self,
                              VwDomain        *domain)
{
  g_return_if_fail (VW_IS_SNAPSHOTS_VIEW (self));

  if (domain_of (self) == domain)
    return;
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  g_clear_object (&self->list);
  if (domain != NULL)
    {
      self->list = vw_snapshot_list_new (domain);
      g_signal_connect_swapped (self->list, "notify", G_CALLBACK (update_status), self);
      g_signal_connect_swapped (vw_snapshot_list_get_model (self->list), "items-changed",
                                G_CALLBACK (update_status), self);
    }
  gtk_list_box_bind_model (self->list_box, self->list != NULL ? vw_snapshot_list_get_model (self->list) : NULL,
                           create_row, self, NULL);
  update_status (self);
}

/* Returns: (transfer none) (nullable): the list shown, for tests */
VwSnapshotList *
vw_snapshots_view_get_list (VwSnapshotsView *self)
{
  g_return_val_if_fail (VW_IS_SNAPSHOTS_VIEW (self), NULL);
  return self->list;
}
