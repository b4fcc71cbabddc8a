/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-lab-page"

#include "config.h"

#include <glib/gi18n.h>

#include "vw-define-dialog.h"
#include "vw-lab-dialogs.h"
#include "vw-lab-page-private.h"
#include "vw-practice-vm.h"

/* What the learner does to the selected machine. Actions that lose
 * something ask first and name what will be lost; every outcome that is
 * not a success is shown above the list with libvirt's own words. */

static const struct {
  const char *name;
  VwDomainAction action;
  gboolean confirm;
} lifecycle[] = {
  { "lab.start", VW_DOMAIN_ACTION_START, FALSE },
  { "lab.shutdown", VW_DOMAIN_ACTION_SHUTDOWN, FALSE },
  { "lab.reboot", VW_DOMAIN_ACTION_REBOOT, FALSE },
  { "lab.reset", VW_DOMAIN_ACTION_RESET, FALSE },
  { "lab.destroy", VW_DOMAIN_ACTION_DESTROY, TRUE },
  { "lab.suspend", VW_DOMAIN_ACTION_SUSPEND, FALSE },
  { "lab.resume", VW_DOMAIN_ACTION_RESUME, FALSE },
  { "lab.managed-save", VW_DOMAIN_ACTION_MANAGED_SAVE, FALSE },
  { "lab.managed-save-remove", VW_DOMAIN_ACTION_MANAGED_SAVE_REMOVE, TRUE },
  { "lab.autostart-enable", VW_DOMAIN_ACTION_AUTOSTART_ENABLE, FALSE },
  { "lab.autostart-disable", VW_DOMAIN_ACTION_AUTOSTART_DISABLE, FALSE },
};

void
vw_lab_page_update_actions (VwLabPage *self)
{
  VwDomain *domain = vw_lab_page_get_selected_domain (self);
  gboolean connected = self->connection != NULL
                       && vw_connection_get_status (self->connection) == VW_CONNECTION_STATUS_CONNECTED;
  gboolean usable = connected && domain != NULL && !vw_domain_get_busy (domain);
  gboolean off = usable && vw_domain_get_state (domain) == VW_DOMAIN_STATE_SHUTOFF;
  gboolean paused;

  for (guint i = 0; i < G_N_ELEMENTS (lifecycle); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), lifecycle[i].name,
                                   connected && domain != NULL && vw_domain_can (domain, lifecycle[i].action));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lab.save-to-file",
                                 usable && vw_domain_state_is_active (vw_domain_get_state (domain)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lab.undefine", usable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lab.clone", off);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lab.show-details", domain != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lab.restore", connected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lab.define", connected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lab.remove-connection",
                                 self->connection != NULL && !vw_connection_is_sandbox (self->connection));

  /* Pause and Resume share a place in the action bar. */
  paused = domain != NULL && vw_domain_get_state (domain) == VW_DOMAIN_STATE_PAUSED;
  gtk_widget_set_visible (self->suspend_button, !paused);
  gtk_widget_set_visible (self->resume_button, paused);
}

/* ----- Lifecycle ----- */

typedef struct
{
  VwLabPage *self;
  VwDomain *domain;
  VwDomainAction action;
  char *failure;
} Pending;

static Pending *
pending_new (VwLabPage      *self,
             VwDomain       *domain,
             VwDomainAction  action)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->self = g_object_ref (self);
  pending->domain = g_object_ref (domain);
  pending->action = action;
  return pending;
}

static void
pending_free (Pending *pending)
{
  g_object_unref (pending->self);
  g_object_unref (pending->domain);
  g_free (pending->failure);
  g_free (pending);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pending, pending_free)

static void
op_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(Pending) pending = user_data;
  g_autoptr(GError) error = NULL;

  if (!vw_domain_op_finish (VW_DOMAIN (object), result, &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (pending->failure == NULL)
        pending->failure = vw_domain_action_describe_failure (pending->action, vw_domain_get_name (pending->domain));
      message = g_strdup_printf ("%s: %s", pending->failure, error->message);
      vw_lab_page_show_message (pending->self, message);
    }
  vw_lab_page_update_actions (pending->self);
}

static void
run_now (gpointer user_data)
{
  Pending *pending = user_data;

  vw_lab_page_show_message (pending->self, NULL);
  vw_domain_run_async (pending->domain, pending->action, pending->self->cancellable, op_done,
                       pending_new (pending->self, pending->domain, pending->action));
  vw_lab_page_update_actions (pending->self);
}

static void
confirm_action (VwLabPage *self,
                Pending   *pending)
{
  const char *name = vw_domain_get_name (pending->domain);
  g_autofree char *heading = NULL;

  if (pending->action == VW_DOMAIN_ACTION_DESTROY)
    {
      heading = g_strdup_printf (_("Force Off “%s”?"), name);
      vw_confirm_dialog_show (GTK_WIDGET (self), heading,
                              _("Like pulling the power plug: the guest gets no chance to shut down, and what it "
                                "had not written to disk is lost (virsh destroy)."),
                              _("_Force Off"), run_now, pending, (GDestroyNotify) pending_free);
    }
  else
    {
      heading = g_strdup_printf (_("Discard the Saved State of “%s”?"), name);
      vw_confirm_dialog_show (GTK_WIDGET (self), heading,
                              _("The memory image kept by managed save is deleted; the next start boots the "
                                "machine from scratch (virsh managedsave-remove)."),
                              _("_Discard"), run_now, pending, (GDestroyNotify) pending_free);
    }
}

static void
lifecycle_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VwLabPage *self = VW_LAB_PAGE (widget);
  VwDomain *domain = vw_lab_page_get_selected_domain (self);

  if (domain == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (lifecycle); i++)
    {
      g_autoptr(Pending) pending = NULL;

      if (g_strcmp0 (action_name, lifecycle[i].name) != 0)
        continue;
      pending = pending_new (self, domain, lifecycle[i].action);
      if (lifecycle[i].confirm)
        confirm_action (self, g_steal_pointer (&pending));
      else
        run_now (pending);
      return;
    }
}

/* ----- Save and restore ----- */

static void
save_chosen (GtkNativeDialog *dialog,
             int              response,
             gpointer         user_data)
{
  g_autoptr(Pending) pending = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      Pending *next = pending_new (pending->self, pending->domain, VW_DOMAIN_ACTION_MANAGED_SAVE);

      next->failure = g_strdup_printf (_("Could not save “%s” to a file"), vw_domain_get_name (pending->domain));
      vw_domain_save_async (pending->domain, path, pending->self->cancellable, op_done, next);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
save_to_file_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  VwLabPage *self = VW_LAB_PAGE (widget);
  VwDomain *domain = vw_lab_page_get_selected_domain (self);
  g_autofree char *name = NULL;
  GtkFileChooserNative *dialog;

  if (domain == NULL)
    return;
  dialog = gtk_file_chooser_native_new (_("Save the Machine’s State to a File"),
                                        GTK_WINDOW (gtk_widget_get_root (widget)),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  name = g_strdup_printf ("%s.save", vw_domain_get_name (domain));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (save_chosen),
                    pending_new (self, domain, VW_DOMAIN_ACTION_MANAGED_SAVE));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
connection_op_done (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(VwLabPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!vw_connection_op_finish (VW_CONNECTION (object), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = g_strdup_printf (_("Could not restore the machine: %s"), error->message);

      vw_lab_page_show_message (self, message);
    }
}

static void
restore_chosen (GtkNativeDialog *dialog,
                int              response,
                gpointer         user_data)
{
  g_autoptr(VwLabPage) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT && self->connection != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      vw_connection_restore_async (self->connection, path, self->cancellable, connection_op_done,
                                   g_object_ref (self));
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Restore a Machine from a Saved State"),
                                        GTK_WINDOW (gtk_widget_get_root (widget)),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Restore"), _("_Cancel"));
  g_signal_connect (dialog, "response", G_CALLBACK (restore_chosen), g_object_ref (widget));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* ----- Undefine ----- */

static void
undefine_chosen (VwUndefineFlags flags,
                 gpointer        user_data)
{
  Pending *pending = user_data;
  Pending *next = pending_new (pending->self, pending->domain, VW_DOMAIN_ACTION_DESTROY);

  next->failure = g_strdup_printf (_("Could not undefine “%s”"), vw_domain_get_name (pending->domain));
  vw_domain_undefine_async (pending->domain, flags, pending->self->cancellable, op_done, next);
}

static void
removal_info_done (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Pending *pending = user_data;
  g_auto(GStrv) volumes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *list = NULL;
  guint n_snapshots = 0;

  if (!vw_domain_get_removal_info_finish (VW_DOMAIN (object), result, &volumes, &n_snapshots, &error))
    {
      vw_lab_page_show_message (pending->self, error->message);
      pending_free (pending);
      return;
    }
  list = g_strjoinv ("\n", volumes);
  vw_undefine_dialog_show (GTK_WIDGET (pending->self), pending->domain, list, n_snapshots, undefine_chosen,
                           pending, (GDestroyNotify) pending_free);
}

static void
undefine_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  VwLabPage *self = VW_LAB_PAGE (widget);
  VwDomain *domain = vw_lab_page_get_selected_domain (self);

  if (domain == NULL)
    return;
  /* The dialog names the volumes that would go, so they are read first. */
  vw_domain_get_removal_info_async (domain, self->cancellable, removal_info_done,
                                    pending_new (self, domain, VW_DOMAIN_ACTION_DESTROY));
}

/* ----- Clone ----- */

static void
clone_chosen (const char *name,
              gpointer    user_data)
{
  Pending *pending = user_data;
  Pending *next = pending_new (pending->self, pending->domain, VW_DOMAIN_ACTION_START);

  next->failure = g_strdup_printf (_("Could not clone “%s”"), vw_domain_get_name (pending->domain));
  vw_domain_clone_async (pending->domain, name, pending->self->cancellable, op_done, next);
}

static void
clone_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  VwLabPage *self = VW_LAB_PAGE (widget);
  VwDomain *domain = vw_lab_page_get_selected_domain (self);
  g_autofree char *heading = NULL;
  g_autofree char *initial = NULL;

  if (domain == NULL)
    return;
  heading = g_strdup_printf (_("Clone “%s”"), vw_domain_get_name (domain));
  initial = g_strdup_printf ("%s-copy", vw_domain_get_name (domain));
  vw_name_dialog_show (widget, heading,
                       _("Its disk volumes are copied (virsh vol-clone) and a copy with a new name, UUID and MAC "
                         "addresses is defined (virsh define)."),
                       initial, _("_Clone"), clone_chosen, pending_new (self, domain, VW_DOMAIN_ACTION_START),
                       (GDestroyNotify) pending_free);
}

/* ----- Define from XML ----- */

static void
define_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  VwLabPage *self = VW_LAB_PAGE (widget);

  if (self->connection != NULL)
    vw_define_dialog_show (widget, self->connection);
}

/* ----- The practice VM ----- */

static void
practice_vm_done (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(VwLabPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!vw_connection_create_practice_vm_finish (VW_CONNECTION (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        vw_lab_page_show_message (self, error->message);
      return;
    }
  if (VW_CONNECTION (object) == self->connection)
    vw_lab_page_show_console (self, VW_PRACTICE_VM_NAME);
}

/* Defines and boots practice-vm on the current connection (a QEMU one; on
 * the sandbox the message says where to go), then shows its console. */
static void
practice_vm_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  VwLabPage *self = VW_LAB_PAGE (widget);

  if (self->connection != NULL)
    vw_connection_create_practice_vm_async (self->connection, self->cancellable, practice_vm_done,
                                            g_object_ref (self));
}

void
vw_lab_page_class_init_actions (GtkWidgetClass *widget_class)
{
  for (guint i = 0; i < G_N_ELEMENTS (lifecycle); i++)
    gtk_widget_class_install_action (widget_class, lifecycle[i].name, NULL, lifecycle_action);
  gtk_widget_class_install_action (widget_class, "lab.save-to-file", NULL, save_to_file_action);
  gtk_widget_class_install_action (widget_class, "lab.restore", NULL, restore_action);
  gtk_widget_class_install_action (widget_class, "lab.undefine", NULL, undefine_action);
  gtk_widget_class_install_action (widget_class, "lab.clone", NULL, clone_action);
  gtk_widget_class_install_action (widget_class, "lab.define", NULL, define_action);
  gtk_widget_class_install_action (widget_class, "lab.create-practice-vm", NULL, practice_vm_action);
}
