/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-console-page"

#include <glib/gi18n.h>

#include "vw-connection.h"
#include "vw-console-page-private.h"
#include "vw-widget-util.h"

/* The console of a machine: its screen through our own GTK 4 VNC view,
 * reached the best way there is (see vw-console-attach.c), with what a
 * console needs around it: keys a desktop would catch (Ctrl+Alt+Del…), a
 * screenshot, the clipboard, full screen and a window of its own, a
 * password prompt, and the state of the machine when there is no screen
 * to show. It reconnects by itself when the machine comes back.
 *
 * This file builds the page and keeps its session; what its toolbar and
 * buttons do is in vw-console-page-actions.c, the password prompt in
 * vw-console-page-password.c. */

#define RETRY_FIRST_MS 500
#define RETRY_MAX_MS 4000

G_DEFINE_FINAL_TYPE (VwConsolePage, vw_console_page, GTK_TYPE_WIDGET)

/* ----- What is shown ----- */

void
vw_console_page_show_status (VwConsolePage *self,
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

void
vw_console_page_update (VwConsolePage *self)
{
  VwVncState state = self->session != NULL ? vw_vnc_session_get_state (self->session) : VW_VNC_STATE_DISCONNECTED;
  gboolean connected = state == VW_VNC_STATE_CONNECTED;

  gtk_widget_set_sensitive (self->toolbar, connected);
  gtk_widget_set_visible (self->start_button, self->domain != NULL && !domain_running (self));
  gtk_widget_set_visible (self->reconnect_button, FALSE);
  gtk_widget_set_visible (self->back_button, self->popout != NULL);
  gtk_widget_set_visible (self->practice_button, FALSE);

  if (self->popout != NULL)
    vw_console_page_show_status (self, "window-new-symbolic", _("In Its Own Window"),
                                 _("The console is shown in a window of its own."));
  else if (self->domain == NULL)
    vw_console_page_show_status (self, "video-display-symbolic", _("No Machine"), NULL);
  else if (!domain_running (self))
    vw_console_page_show_status (self, "system-shutdown-symbolic", _("Shut Off"),
                                 _("The machine is not running, so it has no screen. Start it to see its console."));
  else if (connected)
    {
      g_clear_pointer (&self->status, g_free);
      gtk_widget_set_visible (GTK_WIDGET (self->status_page), FALSE);
    }
  else if (state == VW_VNC_STATE_CONNECTING || state == VW_VNC_STATE_AUTHENTICATING
           || (self->session == NULL && self->retry_id == 0 && self->status == NULL))
    vw_console_page_show_status (self, "content-loading-symbolic", _("Connecting…"), NULL);
}

/* ----- The session ----- */

void
vw_console_page_drop_session (VwConsolePage *self)
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
  vw_console_page_attach (self);
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
    vw_console_page_ask_password (self);
  else if (state == VW_VNC_STATE_DISCONNECTED)
    {
      const char *error = vw_vnc_session_get_error (self->session);

      /* A kept password the display refused is not tried again: ask. */
      if (self->used_kept_password)
        self->distrust_keyring = TRUE;

      vw_console_page_show_status (self, "network-offline-symbolic", _("Console Disconnected"),
                                   error != NULL ? error : _("The display closed the connection."));
      gtk_widget_set_visible (self->reconnect_button, TRUE);
      g_clear_pointer (&self->target, vw_console_target_free);
      schedule_retry (self);
      return;
    }
  vw_console_page_update (self);
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
        vw_console_page_update (self);
      else
        {
          vw_console_page_show_status (self, "video-display-symbolic", _("No Console"), error->message);
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
      vw_console_page_show_status (self, "network-offline-symbolic", _("Console Disconnected"),
                                   error->message);
      gtk_widget_set_visible (self->reconnect_button, TRUE);
      schedule_retry (self);
      return;
    }
  vw_console_page_update (self);
}

void
vw_console_page_attach (VwConsolePage *self)
{
  if (self->domain == NULL || !self->active)
    return;
  vw_console_page_drop_session (self);
  g_clear_pointer (&self->status, g_free);
  vw_console_page_update (self);
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
      vw_console_page_drop_session (self);
      self->retry_ms = 0;
    }
  else if (self->session == NULL && self->retry_id == 0 && self->active && self->popout == NULL)
    vw_console_page_attach (self);
  vw_console_page_update (self);
}

/* ----- Building ----- */

static void
on_grab_changed (VwConsolePage *self)
{
  gtk_widget_set_visible (self->grab_hint, vw_vnc_view_get_grabbed (self->view));
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
  g_autoptr(GMenuModel) menu = vw_console_page_keys_menu ();

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
  vw_widget_set_icon_tooltip (GTK_WIDGET (self->scale_button), _("Fit the Screen to the Pane (off: 100%)"));
  gtk_widget_add_css_class (GTK_WIDGET (self->scale_button), "flat");
  gtk_toggle_button_set_active (self->scale_button, TRUE);
  g_signal_connect_swapped (self->scale_button, "toggled", G_CALLBACK (vw_console_page_scale_toggled), self);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (keys), "input-keyboard-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (keys), menu);
  vw_widget_set_icon_tooltip (keys, _("Send Keys and the Clipboard"));
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
  vw_console_page_update (self);
}

static void
vw_console_page_dispose (GObject *object)
{
  VwConsolePage *self = VW_CONSOLE_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  vw_console_page_bring_back (self);
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
  vw_console_page_class_init_actions (widget_class);
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
  vw_console_page_bring_back (self);
  vw_console_page_drop_session (self);
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
  vw_console_page_update (self);
  vw_console_page_attach (self);
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
    vw_console_page_attach (self);
  else if (self->popout == NULL)
    vw_console_page_drop_session (self);
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
