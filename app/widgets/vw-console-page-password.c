/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-console-page"

#include <glib/gi18n.h>

#include "vw-console-page-private.h"
#include "vw-secrets.h"
#include "vw-widget-util.h"

/* The console's password, when the display asks for one: the keyring's
 * first, then a dialog that can keep it in the keyring. */

typedef struct
{
  VwConsolePage *self;
  GtkEditable *entry;
  GtkCheckButton *remember;
} PasswordForm;

static void
password_form_free (PasswordForm *form)
{
  g_object_unref (form->self);
  g_free (form);
}

static void
stored (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(VwConsolePage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!vw_secrets_store_finish (result, &error))
    vw_widget_show_message (GTK_WIDGET (self), error->message);
}

static void
on_password_response (AdwMessageDialog *dialog,
                      const char       *response,
                      PasswordForm     *form)
{
  VwConsolePage *self = form->self;
  const char *password = gtk_editable_get_text (form->entry);

  if (self->session == NULL || vw_vnc_session_get_state (self->session) != VW_VNC_STATE_AUTHENTICATING)
    return;
  if (g_strcmp0 (response, "connect") != 0)
    {
      vw_console_page_drop_session (self);
      vw_console_page_show_status (self, "dialog-password-symbolic", _("Password Needed"),
                                   _("The display asks for a password."));
      gtk_widget_set_visible (self->reconnect_button, TRUE);
      return;
    }
  if (gtk_check_button_get_active (form->remember))
    vw_secrets_store_async (self->uri, vw_domain_get_name (self->domain), password, NULL, stored,
                            g_object_ref (self));
  vw_vnc_session_set_password (self->session, password);
}

static void
password_dialog (VwConsolePage *self)
{
  PasswordForm *form = g_new0 (PasswordForm, 1);
  AdwMessageDialog *dialog;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  g_autofree char *body = g_strdup_printf (_("The display of “%s” asks for its VNC password "
                                             "(the passwd attribute of its graphics element)."),
                                           vw_domain_get_name (self->domain));

  form->self = g_object_ref (self);
  /* A plain entry: GTK 4.8's GtkPasswordEntry warns when its window goes. */
  form->entry = GTK_EDITABLE (gtk_entry_new ());
  gtk_entry_set_visibility (GTK_ENTRY (form->entry), FALSE);
  gtk_entry_set_input_purpose (GTK_ENTRY (form->entry), GTK_INPUT_PURPOSE_PASSWORD);
  gtk_entry_set_activates_default (GTK_ENTRY (form->entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (form->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Password"), -1);
  form->remember = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_("_Remember it in the keyring")));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (form->entry));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (form->remember));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                       _("Console Password"), body));
  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "connect", _("C_onnect"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "connect", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "connect");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_password_response), form,
                         (GClosureNotify) (void (*) (void)) password_form_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
looked_up (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(VwConsolePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = vw_secrets_lookup_finish (result, &error);

  if (self->session == NULL || vw_vnc_session_get_state (self->session) != VW_VNC_STATE_AUTHENTICATING)
    return;
  if (password != NULL)
    {
      self->used_kept_password = TRUE;
      vw_vnc_session_set_password (self->session, password);
    }
  else
    password_dialog (self);
}

/* A kept password is tried once; after a refusal, or without one, ask. */
void
vw_console_page_ask_password (VwConsolePage *self)
{
  vw_console_page_show_status (self, "dialog-password-symbolic", _("Password Needed"),
                               _("The display asks for a password."));
  if (!self->asked_password)
    {
      self->asked_password = TRUE;
      vw_secrets_lookup_async (self->uri, vw_domain_get_name (self->domain), self->cancellable, looked_up,
                               g_object_ref (self));
    }
  else
    password_dialog (self);
}
