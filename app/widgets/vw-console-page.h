/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "vw-domain.h"
#include "vw-vnc-view.h"

G_BEGIN_DECLS

#define VW_TYPE_CONSOLE_PAGE (vw_console_page_get_type ())

G_DECLARE_FINAL_TYPE (VwConsolePage, vw_console_page, VW, CONSOLE_PAGE, GtkWidget)

GtkWidget    *vw_console_page_new          (void);
VwDomain     *vw_console_page_get_domain   (VwConsolePage *self);
void          vw_console_page_set_domain   (VwConsolePage *self,
                                            VwDomain      *domain);
/* While the page is on screen it keeps a session open (and reopens it
 * after a reboot); hidden, it closes it. */
void          vw_console_page_set_active   (VwConsolePage *self,
                                            gboolean       active);
VwVncSession *vw_console_page_get_session  (VwConsolePage *self);
VwVncView    *vw_console_page_get_view     (VwConsolePage *self);
const char   *vw_console_page_get_status   (VwConsolePage *self);
guint         vw_console_page_get_n_attaches (VwConsolePage *self);

G_END_DECLS
