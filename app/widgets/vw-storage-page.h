/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "vw-connection.h"

G_BEGIN_DECLS

#define VW_TYPE_STORAGE_PAGE (vw_storage_page_get_type ())

G_DECLARE_FINAL_TYPE (VwStoragePage, vw_storage_page, VW, STORAGE_PAGE, GtkWidget)

GtkWidget *vw_storage_page_new            (void);
void       vw_storage_page_set_connection (VwStoragePage    *self,
                                      VwConnection *connection);

G_END_DECLS
