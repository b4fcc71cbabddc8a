/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "vw-console-attach.h"
#include "vw-console-page.h"

G_BEGIN_DECLS

/* Shared by vw-console-page.c (building the page, what it shows, the
 * session: attach, retry, reconnect), vw-console-page-actions.c (send
 * keys, screenshot, clipboard, scale, a window of its own and full screen)
 * and vw-console-page-password.c (the password prompt and the keyring). */
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

/* vw-console-page.c */
void        vw_console_page_show_status        (VwConsolePage  *self,
                                                const char     *icon,
                                                const char     *title,
                                                const char     *description);
void        vw_console_page_update             (VwConsolePage  *self);
void        vw_console_page_drop_session       (VwConsolePage  *self);
void        vw_console_page_attach             (VwConsolePage  *self);

/* vw-console-page-actions.c */
GMenuModel *vw_console_page_keys_menu          (void);
void        vw_console_page_scale_toggled      (VwConsolePage  *self);
void        vw_console_page_bring_back         (VwConsolePage  *self);
void        vw_console_page_class_init_actions (GtkWidgetClass *widget_class);

/* vw-console-page-password.c */
void        vw_console_page_ask_password       (VwConsolePage  *self);

G_END_DECLS
