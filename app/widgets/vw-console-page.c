/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-console-page"

#include <glib/gi18n.h>

#include "vw-connection.h"
#include "vw-console-attach.h"
#include "vw-console-page.h"
#include "vw-secrets.h"
#include "vw-widget-util.h"

/* The console of a machine: its screen through our own GTK 4 VNC view,
 * reached the best way there is (see vw-console-attach.c), with what a
 * console needs around it: keys a desktop would catch (Ctrl+Alt+Del…), a
 * screenshot, the clipboard, full screen and a window of its own, a
 * password prompt, and the state of the machine when there is no screen
 * to show. It reconnects by itself when the machine comes back. */

#define RETRY_FIRST_MS 500
#define RETRY_MAX_MS 4000

struct _VwConsolePage
{
  GtkWidget parent_instance;

  VwDomain *domain;
  char *uri;
  gboolean active;
  GCancellable *cancellable;
  VwVncSession *session;
  VwConsoleTarget *target;
  guint retry_id;
  guint retry_ms;
  guint n_attaches;
  char *status;
  gboolean asked_password;
  gboolean used_kept_password;   /* this session got the keyring's */
  gboolean distrust_keyring;     /* which the display refused */

  GtkWidget *title;
  GtkWidget *route;
  GtkWidget *toolbar;
  GtkWidget *grab_hint;
  GtkWidget *overlay;
  GtkWidget *scrolled;
  VwVncView *view;
  AdwStatusPage *status_page;
  GtkWidget *start_button;
  GtkWidget *reconnect_button;
  GtkWidget *back_button;
  GtkWidget *practice_button;
  GtkToggleButton *scale_button;
  GtkWindow *popout;
};

G_DEFINE_FINAL_TYPE (VwConsolePage, vw_console_page, GTK_TYPE_WIDGET)

static void attach (VwConsolePage *self);

/* ----- What is shown ----- */

static void
show_status (VwConsolePage *self,
             const char    *icon,
             const char    *title,
             const char    *description)
{
  g_free (self->status);
  self->status = g_strdup (description != NULL ? description : title);
  adw_status_page_set_icon_name (self->status_page, icon);
  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, description);
  gtk_widget_set_visible (GTK_WIDGET (self->status_page), TRUE);
}

static gboolean
domain_running (VwConsolePage *self)
{
  return self->domain != NULL && vw_domain_state_is_active (vw_domain_get_state (self->domain));
}

static void
update (VwConsolePage *self)
{
  VwVncState state = self->session != NULL ? vw_vnc_session_get_state (self->session) : VW_VNC_STATE_DISCONNECTED;
  gboolean connected = state == VW_VNC_STATE_CONNECTED;

  gtk_widget_set_sensitive (self->toolbar, connected);
  gtk_widget_set_visible (self->start_button, self->domain != NULL && !domain_running (self));
  gtk_widget_set_visible (self->reconnect_button, FALSE);
  gtk_widget_set_visible (self->back_button, self->popout != NULL);
  gtk_widget_set_visible (self->practice_button, FALSE);

  if (self->popout != NULL)
    show_status (self, "window-new-symbolic", _("In Its Own Window"),
                 _("The console is shown in a window of its own."));
  else if (self->domain == NULL)
    show_status (self, "video-display-symbolic", _("No Machine"), NULL);
  else if (!domain_running (self))
    show_status (self, "system-shutdown-symbolic", _("Shut Off"),
                 _("The machine is not running, so it has no screen. Start it to see its console."));
  else if (connected)
    {
      g_clear_pointer (&self->status, g_free);
      gtk_widget_set_visible (GTK_WIDGET (self->status_page), FALSE);
    }
  else if (state == VW_VNC_STATE_CONNECTING || state == VW_VNC_STATE_AUTHENTICATING
           || (self->session == NULL && self->retry_id == 0 && self->status == NULL))
    show_status (self, "content-loading-symbolic", _("Connecting…"), NULL);
}

/* ----- The session ----- */

static void
drop_session (VwConsolePage *self)
{
  g_clear_handle_id (&self->retry_id, g_source_remove);
  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      vw_vnc_session_close (self->session);
      vw_vnc_view_set_session (self->view, NULL);
      g_clear_object (&self->session);
    }
  g_clear_pointer (&self->target, vw_console_target_free);
}

static gboolean
retry_now (gpointer data)
{
  VwConsolePage *self = data;

  self->retry_id = 0;
  attach (self);
  return G_SOURCE_REMOVE;
}

/* While the machine runs, a lost console tries again, a little later each
 * time: a guest that reboots keeps its display, one that is restarted gets
 * a new one. */
static void
schedule_retry (VwConsolePage *self)
{
  if (!self->active || !domain_running (self) || self->retry_id != 0 || self->popout != NULL)
    return;
  self->retry_ms = self->retry_ms == 0 ? RETRY_FIRST_MS : MIN (self->retry_ms * 2, RETRY_MAX_MS);
  self->retry_id = g_timeout_add (self->retry_ms, retry_now, self);
}

static void password_ask (VwConsolePage *self);

static void
on_session_state (VwConsolePage *self)
{
  VwVncState state = vw_vnc_session_get_state (self->session);

  if (state == VW_VNC_STATE_CONNECTED)
    {
      self->retry_ms = 0;
      self->distrust_keyring = FALSE;
      self->used_kept_password = FALSE;
    }
  else if (state == VW_VNC_STATE_AUTHENTICATING)
    password_ask (self);
  else if (state == VW_VNC_STATE_DISCONNECTED)
    {
      const char *error = vw_vnc_session_get_error (self->session);

      /* A kept password the display refused is not tried again: ask. */
      if (self->used_kept_password)
        self->distrust_keyring = TRUE;

      show_status (self, "network-offline-symbolic", _("Console Disconnected"),
                   error != NULL ? error : _("The display closed the connection."));
      gtk_widget_set_visible (self->reconnect_button, TRUE);
      g_clear_pointer (&self->target, vw_console_target_free);
      schedule_retry (self);
      return;
    }
  update (self);
}

static void
attached (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(VwConsolePage) self = user_data;
  g_autoptr(GError) error = NULL;
  VwConsoleTarget *target = vw_domain_open_console_finish (VW_DOMAIN (object), result, &error);
  gboolean opened;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || VW_DOMAIN (object) != self->domain)
    {
      g_clear_pointer (&target, vw_console_target_free);
      return;
    }
  if (target == NULL)
    {
      if (g_error_matches (error, VW_CONSOLE_ERROR, VW_CONSOLE_ERROR_NOT_RUNNING))
        update (self);
      else
        {
          show_status (self, "video-display-symbolic", _("No Console"), error->message);
          gtk_widget_set_visible (self->practice_button,
                                  g_error_matches (error, VW_CONSOLE_ERROR, VW_CONSOLE_ERROR_NO_DISPLAY));
          if (!g_error_matches (error, VW_CONSOLE_ERROR, VW_CONSOLE_ERROR_NO_DISPLAY))
            {
              gtk_widget_set_visible (self->reconnect_button, TRUE);
              schedule_retry (self);
            }
        }
      return;
    }

  self->n_attaches++;
  self->target = target;
  self->asked_password = self->distrust_keyring;
  self->used_kept_password = FALSE;
  self->session = vw_vnc_session_new ();
  g_signal_connect_swapped (self->session, "notify::state", G_CALLBACK (on_session_state), self);
  vw_vnc_view_set_session (self->view, self->session);
  gtk_label_set_text (GTK_LABEL (self->route), target->description);
  if (target->fd >= 0)
    {
      opened = vw_vnc_session_open_fd (self->session, target->fd, &error);
      target->fd = -1;   /* the session owns it now */
    }
  else
    opened = vw_vnc_session_open_host (self->session, target->host, target->port, &error);
  if (!opened)
    {
      show_status (self, "network-offline-symbolic", _("Console Disconnected"), error->message);
      gtk_widget_set_visible (self->reconnect_button, TRUE);
      schedule_retry (self);
      return;
    }
  update (self);
}

static void
attach (VwConsolePage *self)
{
  if (self->domain == NULL || !self->active)
    return;
  drop_session (self);
  g_clear_pointer (&self->status, g_free);
  update (self);
  if (!domain_running (self))
    return;
  vw_domain_open_console_async (self->domain, self->cancellable, attached, g_object_ref (self));
}

static void
on_domain_state (VwConsolePage *self)
{
  gboolean running = domain_running (self);

  if (!running)
    {
      drop_session (self);
      self->retry_ms = 0;
    }
  else if (self->session == NULL && self->retry_id == 0 && self->active && self->popout == NULL)
    attach (self);
  update (self);
}

/* ----- Password ----- */

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
      drop_session (self);
      show_status (self, "dialog-password-symbolic", _("Password Needed"),
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
static void
password_ask (VwConsolePage *self)
{
  show_status (self, "dialog-password-symbolic", _("Password Needed"), _("The display asks for a password."));
  if (!self->asked_password)
    {
      self->asked_password = TRUE;
      vw_secrets_lookup_async (self->uri, vw_domain_get_name (self->domain), self->cancellable, looked_up,
                               g_object_ref (self));
    }
  else
    password_dialog (self);
}

/* ----- Actions ----- */

static void
send_keys_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VwConsolePage *self = VW_CONSOLE_PAGE (widget);
  const char *which = g_variant_get_string (parameter, NULL);
  guint keys[3] = { GDK_KEY_Control_L, GDK_KEY_Alt_L, 0 };
  guint n = 3;

  if (self->session == NULL)
    return;
  if (g_str_equal (which, "ctrl-alt-del"))
    keys[2] = GDK_KEY_Delete;
  else if (g_str_equal (which, "ctrl-alt-backspace"))
    keys[2] = GDK_KEY_BackSpace;
  else if (g_str_has_prefix (which, "ctrl-alt-f"))
    keys[2] = GDK_KEY_F1 + CLAMP (atoi (which + strlen ("ctrl-alt-f")), 1, 12) - 1;
  else if (g_str_equal (which, "print"))
    {
      keys[0] = GDK_KEY_Print;
      n = 1;
    }
  else
    return;
  vw_vnc_session_send_keys (self->session, keys, n);
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

static void
screenshot_chosen (GtkNativeDialog *dialog,
                   int              response,
                   VwConsolePage   *self)
{
  g_autoptr(GFile) file = NULL;
  GdkTexture *texture;   /* the session's own */
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->session != NULL)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      path = g_file_get_path (file);
      texture = vw_vnc_session_get_texture (self->session);
      if (texture == NULL || path == NULL || !gdk_texture_save_to_png (texture, path))
        {
          g_autofree char *message = g_strdup_printf (_("Could not save the screenshot to %s."),
                                                      path != NULL ? path : "?");

          vw_widget_show_message (GTK_WIDGET (self), message);
        }
    }
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
screenshot_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  VwConsolePage *self = VW_CONSOLE_PAGE (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d-%H%M%S");
  g_autofree char *name = NULL;

  if (self->session == NULL || self->domain == NULL)
    return;
  name = g_strdup_printf ("%s-%s.png", vw_domain_get_name (self->domain), stamp);
  chooser = gtk_file_chooser_native_new (_("Save Screenshot"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (screenshot_chosen), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
clipboard_read (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(VwConsolePage) self = user_data;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  gboolean type_it = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (self), "vw-type-clipboard"));

  if (text == NULL || self->session == NULL)
    {
      vw_widget_show_message (GTK_WIDGET (self), _("The clipboard holds no text."));
      return;
    }
  if (type_it)
    vw_vnc_session_type_text (self->session, text);
  else
    vw_vnc_session_set_clipboard (self->session, text);
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

/* "send": to the guest's clipboard (needs an agent in the guest);
 * "type": as keystrokes, for guests without one (a text console). */
static void
clipboard_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VwConsolePage *self = VW_CONSOLE_PAGE (widget);

  g_object_set_data (G_OBJECT (self), "vw-type-clipboard",
                     GINT_TO_POINTER (g_str_equal (g_variant_get_string (parameter, NULL), "type")));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, clipboard_read, g_object_ref (self));
}

static void
scale_toggled (VwConsolePage *self)
{
  gboolean fit = gtk_toggle_button_get_active (self->scale_button);

  vw_vnc_view_set_scale (self->view, fit ? VW_VNC_SCALE_FIT : VW_VNC_SCALE_ORIGINAL);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled),
                                  fit ? GTK_POLICY_NEVER : GTK_POLICY_AUTOMATIC,
                                  fit ? GTK_POLICY_NEVER : GTK_POLICY_AUTOMATIC);
}

/* ----- Its own window, full screen ----- */

static void
bring_back (VwConsolePage *self)
{
  GtkWindow *window = g_steal_pointer (&self->popout);
  GtkWidget *scrolled = self->scrolled;

  if (window == NULL)
    return;
  g_object_ref (scrolled);
  gtk_box_remove (GTK_BOX (gtk_widget_get_parent (scrolled)), scrolled);
  gtk_overlay_set_child (GTK_OVERLAY (self->overlay), scrolled);
  g_object_unref (scrolled);
  gtk_window_destroy (window);
  update (self);
  if (self->session == NULL)
    attach (self);
}

static gboolean
on_popout_close (GtkWindow     *window,
                 VwConsolePage *self)
{
  bring_back (self);
  return TRUE;
}

static void
pop_out (VwConsolePage *self,
         gboolean       fullscreen)
{
  GtkWidget *window, *box, *header, *scrolled = self->scrolled;
  g_autofree char *title = NULL;

  if (self->popout != NULL || self->domain == NULL)
    return;
  window = adw_window_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  title = g_strdup_printf ("%s — %s", vw_domain_get_name (self->domain), self->uri);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (vw_domain_get_name (self->domain),
                                                                                  self->uri));
  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_box_append (GTK_BOX (box), header);
  g_object_ref (scrolled);
  gtk_overlay_set_child (GTK_OVERLAY (self->overlay), NULL);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), scrolled);
  g_object_unref (scrolled);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 800);
  g_signal_connect (window, "close-request", G_CALLBACK (on_popout_close), self);
  self->popout = GTK_WINDOW (window);
  if (fullscreen)
    {
      /* Esc goes to the guest; the header bar, shown on top, leaves. */
      gtk_widget_set_visible (header, FALSE);
      gtk_window_fullscreen (GTK_WINDOW (window));
      g_signal_connect_swapped (window, "notify::fullscreened", G_CALLBACK (bring_back), self);
    }
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
  update (self);
}

static void
window_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  VwConsolePage *self = VW_CONSOLE_PAGE (widget);
  const char *which = g_variant_get_string (parameter, NULL);

  if (g_str_equal (which, "back"))
    bring_back (self);
  else
    pop_out (self, g_str_equal (which, "fullscreen"));
}

static void
reconnect_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VwConsolePage *self = VW_CONSOLE_PAGE (widget);

  self->retry_ms = 0;
  attach (self);
}

static void
on_grab_changed (VwConsolePage *self)
{
  gtk_widget_set_visible (self->grab_hint, vw_vnc_view_get_grabbed (self->view));
}

/* ----- Building ----- */

static GMenuModel *
keys_menu (void)
{
  GMenu *menu = g_menu_new ();
  GMenu *consoles = g_menu_new ();

  g_menu_append (menu, _("Ctrl+Alt+Del"), "console.send-keys::ctrl-alt-del");
  g_menu_append (menu, _("Ctrl+Alt+Backspace"), "console.send-keys::ctrl-alt-backspace");
  g_menu_append (menu, _("Print Screen"), "console.send-keys::print");
  for (guint i = 1; i <= 12; i++)
    {
      g_autofree char *label = g_strdup_printf (_("Ctrl+Alt+F%u"), i);
      g_autofree char *detailed = g_strdup_printf ("console.send-keys::ctrl-alt-f%u", i);

      g_menu_append (consoles, label, detailed);
    }
  g_menu_append_section (menu, _("Virtual Consoles"), G_MENU_MODEL (consoles));
  g_object_unref (consoles);
  g_menu_append (menu, _("Send the Clipboard Text"), "console.clipboard::send");
  g_menu_append (menu, _("Type the Clipboard Text"), "console.clipboard::type");
  return G_MENU_MODEL (menu);
}

static GtkWidget *
tool_button (const char *icon,
             const char *tooltip,
             const char *action,
             const char *target)
{
  return vw_widget_icon_button (icon, tooltip, action, target);
}

static void
vw_console_page_init (VwConsolePage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *keys = gtk_menu_button_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autoptr(GMenuModel) menu = keys_menu ();

  self->cancellable = g_cancellable_new ();

  self->title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->title), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (self->title, "heading");
  self->route = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->route), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->route), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (self->route, "caption");
  gtk_widget_add_css_class (self->route, "dim-label");
  gtk_widget_set_hexpand (titles, TRUE);
  gtk_box_append (GTK_BOX (titles), self->title);
  gtk_box_append (GTK_BOX (titles), self->route);

  self->toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  self->scale_button = GTK_TOGGLE_BUTTON (gtk_toggle_button_new ());
  gtk_button_set_icon_name (GTK_BUTTON (self->scale_button), "zoom-fit-best-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->scale_button), _("Fit the Screen to the Pane (off: 100%)"));
  gtk_widget_add_css_class (GTK_WIDGET (self->scale_button), "flat");
  gtk_toggle_button_set_active (self->scale_button, TRUE);
  g_signal_connect_swapped (self->scale_button, "toggled", G_CALLBACK (scale_toggled), self);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (keys), "input-keyboard-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (keys), menu);
  gtk_widget_set_tooltip_text (keys, _("Send Keys and the Clipboard"));
  gtk_widget_add_css_class (keys, "flat");
  gtk_box_append (GTK_BOX (self->toolbar), GTK_WIDGET (self->scale_button));
  gtk_box_append (GTK_BOX (self->toolbar), keys);
  gtk_box_append (GTK_BOX (self->toolbar), tool_button ("camera-photo-symbolic", _("Save a Screenshot (PNG)"),
                                                        "console.screenshot", NULL));
  gtk_box_append (GTK_BOX (self->toolbar), tool_button ("window-new-symbolic", _("Open in Its Own Window"),
                                                        "console.window", "popout"));
  gtk_box_append (GTK_BOX (self->toolbar), tool_button ("view-fullscreen-symbolic", _("Full Screen"),
                                                        "console.window", "fullscreen"));
  gtk_box_append (GTK_BOX (header), titles);
  gtk_box_append (GTK_BOX (header), self->toolbar);
  gtk_widget_add_css_class (header, "console-header");

  self->grab_hint = gtk_label_new (_("The keyboard goes to the machine. Press Ctrl+Alt to release it."));
  gtk_widget_add_css_class (self->grab_hint, "caption");
  gtk_widget_add_css_class (self->grab_hint, "console-grab-hint");
  gtk_widget_set_visible (self->grab_hint, FALSE);

  self->view = VW_VNC_VIEW (vw_vnc_view_new ());
  g_signal_connect_swapped (self->view, "notify::grabbed", G_CALLBACK (on_grab_changed), self);
  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), GTK_WIDGET (self->view));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_NEVER, GTK_POLICY_NEVER);
  gtk_widget_set_vexpand (self->scrolled, TRUE);

  self->start_button = gtk_button_new_with_mnemonic (_("_Start the Machine"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->start_button), "lab.start");
  gtk_widget_add_css_class (self->start_button, "pill");
  gtk_widget_add_css_class (self->start_button, "suggested-action");
  self->reconnect_button = gtk_button_new_with_mnemonic (_("_Reconnect"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->reconnect_button), "console.reconnect");
  gtk_widget_add_css_class (self->reconnect_button, "pill");
  self->back_button = gtk_button_new_with_mnemonic (_("_Bring It Back Here"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->back_button), "console.window");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->back_button), g_variant_new_string ("back"));
  gtk_widget_add_css_class (self->back_button, "pill");
  self->practice_button = gtk_button_new_with_mnemonic (_("Create the _Practice VM"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->practice_button), "lab.create-practice-vm");
  gtk_widget_set_tooltip_text (self->practice_button,
                               _("A tiny Linux guest with a shell on its screen, on the current QEMU connection"));
  gtk_widget_add_css_class (self->practice_button, "pill");
  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (buttons), self->start_button);
  gtk_box_append (GTK_BOX (buttons), self->reconnect_button);
  gtk_box_append (GTK_BOX (buttons), self->back_button);
  gtk_box_append (GTK_BOX (buttons), self->practice_button);
  self->status_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_child (self->status_page, buttons);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_page), "compact");
  gtk_widget_add_css_class (GTK_WIDGET (self->status_page), "console-status");

  self->overlay = gtk_overlay_new ();
  gtk_overlay_set_child (GTK_OVERLAY (self->overlay), self->scrolled);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), GTK_WIDGET (self->status_page));
  gtk_widget_set_vexpand (self->overlay, TRUE);

  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), self->grab_hint);
  gtk_box_append (GTK_BOX (box), self->overlay);
  gtk_widget_set_parent (box, GTK_WIDGET (self));
  update (self);
}

static void
vw_console_page_dispose (GObject *object)
{
  VwConsolePage *self = VW_CONSOLE_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  bring_back (self);
  vw_console_page_set_domain (self, NULL);
  g_clear_object (&self->cancellable);
  vw_widget_unparent_children (GTK_WIDGET (self));

  G_OBJECT_CLASS (vw_console_page_parent_class)->dispose (object);
}

static void
vw_console_page_finalize (GObject *object)
{
  VwConsolePage *self = VW_CONSOLE_PAGE (object);

  g_free (self->uri);
  g_free (self->status);

  G_OBJECT_CLASS (vw_console_page_parent_class)->finalize (object);
}

static void
vw_console_page_class_init (VwConsolePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vw_console_page_dispose;
  object_class->finalize = vw_console_page_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "consolepage");
  gtk_widget_class_install_action (widget_class, "console.send-keys", "s", send_keys_action);
  gtk_widget_class_install_action (widget_class, "console.screenshot", NULL, screenshot_action);
  gtk_widget_class_install_action (widget_class, "console.clipboard", "s", clipboard_action);
  gtk_widget_class_install_action (widget_class, "console.window", "s", window_action);
  gtk_widget_class_install_action (widget_class, "console.reconnect", NULL, reconnect_action);
}

GtkWidget *
vw_console_page_new (void)
{
  return g_object_new (VW_TYPE_CONSOLE_PAGE, NULL);
}

VwDomain *
vw_console_page_get_domain (VwConsolePage *self)
{
  g_return_val_if_fail (VW_IS_CONSOLE_PAGE (self), NULL);
  return self->domain;
}

void
vw_console_page_set_domain (VwConsolePage *self,
                            VwDomain      *domain)
{
  g_autoptr(VwConnection) connection = NULL;
  g_autofree char *title = NULL;

  g_return_if_fail (VW_IS_CONSOLE_PAGE (self));

  if (self->domain == domain)
    return;
  bring_back (self);
  drop_session (self);
  if (self->domain != NULL)
    g_signal_handlers_disconnect_by_data (self->domain, self);
  g_set_object (&self->domain, domain);
  g_clear_pointer (&self->uri, g_free);
  g_clear_pointer (&self->status, g_free);
  self->retry_ms = 0;
  gtk_label_set_text (GTK_LABEL (self->route), "");
  if (domain != NULL)
    {
      connection = vw_domain_dup_connection (domain);
      self->uri = g_strdup (connection != NULL ? vw_connection_get_uri (connection) : "");
      title = g_strdup_printf ("%s · %s", vw_domain_get_name (domain), self->uri);
      g_signal_connect_swapped (domain, "notify::state", G_CALLBACK (on_domain_state), self);
    }
  gtk_label_set_text (GTK_LABEL (self->title), title != NULL ? title : "");
  update (self);
  attach (self);
}

void
vw_console_page_set_active (VwConsolePage *self,
                            gboolean       active)
{
  g_return_if_fail (VW_IS_CONSOLE_PAGE (self));

  if (self->active == !!active)
    return;
  self->active = !!active;
  if (active)
    attach (self);
  else if (self->popout == NULL)
    drop_session (self);
}

/* Returns: (transfer none) (nullable) */
VwVncSession *
vw_console_page_get_session (VwConsolePage *self)
{
  g_return_val_if_fail (VW_IS_CONSOLE_PAGE (self), NULL);
  return self->session;
}

VwVncView *
vw_console_page_get_view (VwConsolePage *self)
{
  g_return_val_if_fail (VW_IS_CONSOLE_PAGE (self), NULL);
  return self->view;
}

/* What the page says instead of a screen, or %NULL while it shows one. */
const char *
vw_console_page_get_status (VwConsolePage *self)
{
  g_return_val_if_fail (VW_IS_CONSOLE_PAGE (self), NULL);
  return self->status;
}

/* How many times a way to the display was found; tests count reconnections. */
guint
vw_console_page_get_n_attaches (VwConsolePage *self)
{
  g_return_val_if_fail (VW_IS_CONSOLE_PAGE (self), 0);
  return self->n_attaches;
}
