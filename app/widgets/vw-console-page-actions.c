/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-console-page"

#include <glib/gi18n.h>

#include "vw-console-page-private.h"
#include "vw-widget-util.h"

/* What the console page's toolbar and buttons do: keys a desktop would
 * catch, a screenshot, the clipboard, the scale, a window of its own or
 * full screen, and reconnecting. */

/* ----- The keys menu ----- */

/* Keys sent through the console rather than taken by the desktop, and the
 * clipboard's text, sent or typed. */
GMenuModel *
vw_console_page_keys_menu (void)
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

void
vw_console_page_scale_toggled (VwConsolePage *self)
{
  gboolean fit = gtk_toggle_button_get_active (self->scale_button);

  vw_vnc_view_set_scale (self->view, fit ? VW_VNC_SCALE_FIT : VW_VNC_SCALE_ORIGINAL);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled),
                                  fit ? GTK_POLICY_NEVER : GTK_POLICY_AUTOMATIC,
                                  fit ? GTK_POLICY_NEVER : GTK_POLICY_AUTOMATIC);
}

/* ----- Its own window, full screen ----- */

void
vw_console_page_bring_back (VwConsolePage *self)
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
  vw_console_page_update (self);
  if (self->session == NULL)
    vw_console_page_attach (self);
}

static gboolean
on_popout_close (GtkWindow     *window,
                 VwConsolePage *self)
{
  vw_console_page_bring_back (self);
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
      g_signal_connect_swapped (window, "notify::fullscreened",
                                G_CALLBACK (vw_console_page_bring_back), self);
    }
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
  vw_console_page_update (self);
}

static void
window_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  VwConsolePage *self = VW_CONSOLE_PAGE (widget);
  const char *which = g_variant_get_string (parameter, NULL);

  if (g_str_equal (which, "back"))
    vw_console_page_bring_back (self);
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
  vw_console_page_attach (self);
}

void
vw_console_page_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "console.send-keys", "s", send_keys_action);
  gtk_widget_class_install_action (widget_class, "console.screenshot", NULL, screenshot_action);
  gtk_widget_class_install_action (widget_class, "console.clipboard", "s", clipboard_action);
  gtk_widget_class_install_action (widget_class, "console.window", "s", window_action);
  gtk_widget_class_install_action (widget_class, "console.reconnect", NULL, reconnect_action);
}
