/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-lab-dialogs"

#include "config.h"

#include <glib/gi18n.h>

#include "vw-lab-dialogs.h"
#include "vw-validate.h"

/* The lab's small dialogs: confirmation of destructive actions (naming the
 * object and what will be lost), undefine with its options, a new name,
 * a new connection, and the credentials a connection asks for. */

typedef struct
{
  GCallback callback;
  gpointer user_data;
  GDestroyNotify destroy;
  GtkWidget *entry;
  GtkWidget *checks[3];
  GtkWidget *driver;
  GtkWidget *transport;
  GtkWidget *user;
  GtkWidget *host;
  GtkWidget *session;
  GtkWidget *uri;
  GtkWidget *preview;
} DialogData;

static void
dialog_data_free (gpointer  user_data,
                  GClosure *closure)
{
  DialogData *data = user_data;

  if (data->destroy != NULL)
    data->destroy (data->user_data);
  g_free (data);
}

static AdwMessageDialog *
new_dialog (GtkWidget  *parent,
            const char *heading,
            const char *body,
            const char *action,
            gboolean    destructive)
{
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "ok", action, NULL);
  adw_message_dialog_set_response_appearance (dialog, "ok", destructive ? ADW_RESPONSE_DESTRUCTIVE
                                                                        : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, destructive ? "cancel" : "ok");
  adw_message_dialog_set_close_response (dialog, "cancel");
  return dialog;
}

/* ----- Confirmation ----- */

static void
on_confirm_response (AdwMessageDialog *dialog,
                     const char       *response,
                     DialogData       *data)
{
  if (g_strcmp0 (response, "ok") == 0)
    ((VwConfirmed) data->callback) (data->user_data);
}

AdwMessageDialog *
vw_confirm_dialog_show (GtkWidget      *parent,
                        const char     *heading,
                        const char     *body,
                        const char     *action_label,
                        VwConfirmed     callback,
                        gpointer        user_data,
                        GDestroyNotify  destroy)
{
  AdwMessageDialog *dialog = new_dialog (parent, heading, body, action_label, TRUE);
  DialogData *data = g_new0 (DialogData, 1);

  data->callback = G_CALLBACK (callback);
  data->user_data = user_data;
  data->destroy = destroy;
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_confirm_response), data,
                         dialog_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* ----- Undefine ----- */

static void
on_undefine_response (AdwMessageDialog *dialog,
                      const char       *response,
                      DialogData       *data)
{
  VwUndefineFlags flags = 0;

  if (g_strcmp0 (response, "ok") != 0)
    return;
  if (data->checks[0] != NULL && gtk_check_button_get_active (GTK_CHECK_BUTTON (data->checks[0])))
    flags |= VW_UNDEFINE_REMOVE_STORAGE;
  if (data->checks[1] != NULL && gtk_check_button_get_active (GTK_CHECK_BUTTON (data->checks[1])))
    flags |= VW_UNDEFINE_SNAPSHOTS_METADATA;
  if (data->checks[2] != NULL && gtk_check_button_get_active (GTK_CHECK_BUTTON (data->checks[2])))
    flags |= VW_UNDEFINE_MANAGED_SAVE;
  ((VwUndefineChosen) data->callback) (flags, data->user_data);
}

static GtkWidget *
check_with_detail (const char *label,
                   const char *detail)
{
  GtkWidget *check = gtk_check_button_new_with_mnemonic (label);

  if (detail != NULL)
    gtk_widget_set_tooltip_text (check, detail);
  return check;
}

/**
 * vw_undefine_dialog_show:
 * @storage_list: (nullable): the volumes that "remove storage" would delete,
 *   one per line
 *
 * Asks before undefining, with the options libvirt has and what each loses.
 */
AdwMessageDialog *
vw_undefine_dialog_show (GtkWidget        *parent,
                         VwDomain         *domain,
                         const char       *storage_list,
                         guint             n_snapshots,
                         VwUndefineChosen  callback,
                         gpointer          user_data,
                         GDestroyNotify    destroy)
{
  g_autofree char *heading = g_strdup_printf (_("Undefine “%s”?"), vw_domain_get_name (domain));
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  DialogData *data = g_new0 (DialogData, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  if (vw_domain_state_is_active (vw_domain_get_state (domain)))
    body = g_strdup (_("libvirt forgets its definition. It keeps running until it stops, then it is gone "
                       "(virsh undefine)."));
  else
    body = g_strdup (_("libvirt forgets its definition (virsh undefine). Its disks stay unless you remove them "
                       "below."));

  dialog = new_dialog (parent, heading, body, _("_Undefine"), TRUE);

  if (storage_list != NULL && *storage_list != '\0')
    {
      g_autofree char *label = g_strdup_printf (_("_Remove its storage volumes (--remove-all-storage):\n%s"),
                                                storage_list);

      data->checks[0] = check_with_detail (label, _("The volumes are deleted for good."));
      gtk_widget_set_sensitive (data->checks[0], !vw_domain_state_is_active (vw_domain_get_state (domain)));
      gtk_box_append (GTK_BOX (box), data->checks[0]);
    }
  if (n_snapshots > 0)
    {
      g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "Remove its _snapshot (--snapshots-metadata)",
                                                             "Remove its %u _snapshots (--snapshots-metadata)",
                                                             n_snapshots), n_snapshots);

      data->checks[1] = check_with_detail (label, _("Without this, libvirt refuses to undefine a machine with "
                                                    "snapshots."));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (data->checks[1]), TRUE);
      gtk_box_append (GTK_BOX (box), data->checks[1]);
    }
  if (vw_domain_get_has_managed_save (domain))
    {
      data->checks[2] = check_with_detail (_("Remove its saved _state (--managed-save)"),
                                           _("Without this, libvirt refuses to undefine a machine with a saved "
                                             "state."));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (data->checks[2]), TRUE);
      gtk_box_append (GTK_BOX (box), data->checks[2]);
    }
  if (gtk_widget_get_first_child (box) != NULL)
    adw_message_dialog_set_extra_child (dialog, box);
  else
    g_object_ref_sink (box), g_object_unref (box);

  data->callback = G_CALLBACK (callback);
  data->user_data = user_data;
  data->destroy = destroy;
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_undefine_response), data,
                         dialog_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* ----- A name ----- */

static void
on_name_changed (GtkEditable      *entry,
                 AdwMessageDialog *dialog)
{
  g_autoptr(GError) error = NULL;
  gboolean valid = vw_validate_name (VW_OBJECT_MACHINE, gtk_editable_get_text (entry), &error);

  adw_message_dialog_set_response_enabled (dialog, "ok", valid);
  gtk_widget_set_tooltip_text (GTK_WIDGET (entry), valid ? NULL : error->message);
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
}

static void
on_name_response (AdwMessageDialog *dialog,
                  const char       *response,
                  DialogData       *data)
{
  if (g_strcmp0 (response, "ok") == 0)
    ((VwTextChosen) data->callback) (gtk_editable_get_text (GTK_EDITABLE (data->entry)), data->user_data);
}

AdwMessageDialog *
vw_name_dialog_show (GtkWidget      *parent,
                     const char     *heading,
                     const char     *body,
                     const char     *initial,
                     const char     *action_label,
                     VwTextChosen    callback,
                     gpointer        user_data,
                     GDestroyNotify  destroy)
{
  AdwMessageDialog *dialog = new_dialog (parent, heading, body, action_label, FALSE);
  DialogData *data = g_new0 (DialogData, 1);

  data->entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (data->entry), initial != NULL ? initial : "");
  gtk_entry_set_activates_default (GTK_ENTRY (data->entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (data->entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name"), -1);
  adw_message_dialog_set_extra_child (dialog, data->entry);
  g_signal_connect (data->entry, "changed", G_CALLBACK (on_name_changed), dialog);
  on_name_changed (GTK_EDITABLE (data->entry), dialog);

  data->callback = G_CALLBACK (callback);
  data->user_data = user_data;
  data->destroy = destroy;
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_name_response), data,
                         dialog_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (data->entry);
  return dialog;
}

/* ----- A new connection ----- */

static const char *drivers[] = { "qemu", "xen", "lxc", "test", NULL };
static const char *transports[] = { "", "ssh", "tcp", "tls", NULL };

/**
 * vw_connection_uri_build:
 * @transport: "" for a local connection, or ssh, tcp, tls
 * @session: for QEMU, the user's session daemon instead of the system one
 *
 * The URI the connection dialog's fields describe, such as
 * qemu+ssh://root@host/system; user and host are escaped as URI parts.
 */
char *
vw_connection_uri_build (const char *driver,
                         const char *transport,
                         const char *user,
                         const char *host,
                         gboolean    session)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *scheme = NULL;
  const char *path;
  gboolean remote = transport != NULL && *transport != '\0';

  if (g_strcmp0 (driver, "test") == 0)
    return g_strdup ("test:///default");

  scheme = remote ? g_strdup_printf ("%s+%s", driver, transport) : g_strdup (driver);
  if (g_strcmp0 (driver, "qemu") == 0)
    path = session ? "/session" : "/system";
  else
    path = "/";

  uri = g_uri_build (G_URI_FLAGS_NONE, scheme, remote && user != NULL && *user != '\0' ? user : NULL,
                     remote ? host : NULL, -1, path, NULL, NULL);
  return g_uri_to_string (uri);
}

static void
update_preview (DialogData *data)
{
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (data->uri));
  g_autofree char *uri = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (gtk_widget_get_root (data->uri));
  guint transport = gtk_drop_down_get_selected (GTK_DROP_DOWN (data->transport));

  gtk_widget_set_sensitive (data->user, transport != 0);
  gtk_widget_set_sensitive (data->host, transport != 0);

  if (*typed != '\0')
    uri = g_strdup (typed);
  else
    uri = vw_connection_uri_build (drivers[gtk_drop_down_get_selected (GTK_DROP_DOWN (data->driver))],
                                   transports[transport], gtk_editable_get_text (GTK_EDITABLE (data->user)),
                                   gtk_editable_get_text (GTK_EDITABLE (data->host)),
                                   gtk_check_button_get_active (GTK_CHECK_BUTTON (data->session)));

  if (vw_validate_uri (uri, &error))
    gtk_label_set_label (GTK_LABEL (data->preview), uri);
  else
    gtk_label_set_label (GTK_LABEL (data->preview), error->message);
  if (ADW_IS_MESSAGE_DIALOG (dialog))
    adw_message_dialog_set_response_enabled (dialog, "ok", error == NULL);
  g_object_set_data_full (G_OBJECT (data->preview), "uri", error == NULL ? g_steal_pointer (&uri) : NULL, g_free);
}

static void
on_connection_response (AdwMessageDialog *dialog,
                        const char       *response,
                        DialogData       *data)
{
  const char *uri = g_object_get_data (G_OBJECT (data->preview), "uri");

  if (g_strcmp0 (response, "ok") == 0 && uri != NULL)
    ((VwTextChosen) data->callback) (uri, data->user_data);
}

static GtkWidget *
labelled (GtkWidget  *grid,
          int         row,
          const char *label,
          GtkWidget  *widget)
{
  GtkWidget *title = gtk_label_new_with_mnemonic (label);

  gtk_label_set_xalign (GTK_LABEL (title), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (title), widget);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_grid_attach (GTK_GRID (grid), title, 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), widget, 1, row, 1, 1);
  return widget;
}

AdwMessageDialog *
vw_connection_dialog_show (GtkWidget      *parent,
                           VwTextChosen    callback,
                           gpointer        user_data,
                           GDestroyNotify  destroy)
{
  static const char *driver_names[] = { "QEMU/KVM", "Xen", "LXC", N_("Test driver"), NULL };
  const char *transport_names[] = { _("This computer"), _("SSH"), _("TCP (unencrypted)"), _("TLS"), NULL };
  AdwMessageDialog *dialog = new_dialog (parent, _("Add a Connection"),
                                         _("Choose a hypervisor and where it runs, or type a libvirt URI."),
                                         _("_Add"), FALSE);
  DialogData *data = g_new0 (DialogData, 1);
  GtkWidget *grid = gtk_grid_new ();
  const char *translated_drivers[G_N_ELEMENTS (driver_names)];

  for (guint i = 0; i < G_N_ELEMENTS (driver_names); i++)
    translated_drivers[i] = driver_names[i] != NULL ? _(driver_names[i]) : NULL;

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  data->driver = labelled (grid, 0, _("_Hypervisor"), gtk_drop_down_new_from_strings (translated_drivers));
  data->transport = labelled (grid, 1, _("_Where"), gtk_drop_down_new_from_strings (transport_names));
  data->user = labelled (grid, 2, _("_User"), gtk_entry_new ());
  data->host = labelled (grid, 3, _("H_ost"), gtk_entry_new ());
  data->session = gtk_check_button_new_with_mnemonic (_("My _session only (qemu:///session)"));
  gtk_grid_attach (GTK_GRID (grid), data->session, 1, 4, 1, 1);
  data->uri = labelled (grid, 5, _("Or a _URI"), gtk_entry_new ());
  gtk_entry_set_placeholder_text (GTK_ENTRY (data->uri), "qemu+ssh://root@lab.example.org/system");
  data->preview = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (data->preview), TRUE);
  gtk_label_set_selectable (GTK_LABEL (data->preview), TRUE);
  gtk_widget_add_css_class (data->preview, "command-line");
  gtk_grid_attach (GTK_GRID (grid), data->preview, 0, 6, 2, 1);
  adw_message_dialog_set_extra_child (dialog, grid);

  g_signal_connect_swapped (data->driver, "notify::selected", G_CALLBACK (update_preview), data);
  g_signal_connect_swapped (data->transport, "notify::selected", G_CALLBACK (update_preview), data);
  g_signal_connect_swapped (data->user, "changed", G_CALLBACK (update_preview), data);
  g_signal_connect_swapped (data->host, "changed", G_CALLBACK (update_preview), data);
  g_signal_connect_swapped (data->session, "toggled", G_CALLBACK (update_preview), data);
  g_signal_connect_swapped (data->uri, "changed", G_CALLBACK (update_preview), data);

  data->callback = G_CALLBACK (callback);
  data->user_data = user_data;
  data->destroy = destroy;
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_connection_response), data,
                         dialog_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  update_preview (data);
  return dialog;
}

/* ----- Credentials ----- */

static void
on_credentials_response (AdwMessageDialog *dialog,
                         const char       *response,
                         VwCredentials    *credentials)
{
  GPtrArray *entries = g_object_get_data (G_OBJECT (dialog), "entries");

  if (g_strcmp0 (response, "ok") == 0)
    {
      for (guint i = 0; i < entries->len; i++)
        vw_credentials_set_answer (credentials, i, gtk_editable_get_text (GTK_EDITABLE (entries->pdata[i])));
      vw_credentials_complete (credentials, TRUE);
    }
  else
    vw_credentials_complete (credentials, FALSE);
}

/* Asks what libvirt asks for; passwords are typed into password entries
 * and kept nowhere. */
AdwMessageDialog *
vw_credentials_dialog_show (GtkWidget     *parent,
                            VwCredentials *credentials)
{
  g_autofree char *body = g_strdup_printf (_("The connection to %s needs you to sign in."),
                                           vw_credentials_get_uri (credentials));
  AdwMessageDialog *dialog = new_dialog (parent, _("Sign In"), body, _("_Connect"), FALSE);
  GPtrArray *entries = g_ptr_array_new ();
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  for (guint i = 0; i < vw_credentials_get_n_prompts (credentials); i++)
    {
      GtkWidget *entry = vw_credentials_is_secret (credentials, i) ? gtk_password_entry_new () : gtk_entry_new ();

      if (vw_credentials_get_default (credentials, i) != NULL)
        gtk_editable_set_text (GTK_EDITABLE (entry), vw_credentials_get_default (credentials, i));
      labelled (grid, (int) i, vw_credentials_get_prompt (credentials, i), entry);
      g_ptr_array_add (entries, entry);
    }
  adw_message_dialog_set_extra_child (dialog, grid);
  g_object_set_data_full (G_OBJECT (dialog), "entries", entries, (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_credentials_response), credentials, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}
