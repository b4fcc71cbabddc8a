/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "vw-connection.h"
#include "vw-pool.h"

G_BEGIN_DECLS

#define VW_TYPE_STORAGE_PAGE (vw_storage_page_get_type ())

G_DECLARE_FINAL_TYPE (VwStoragePage, vw_storage_page, VW, STORAGE_PAGE, GtkWidget)

GtkWidget *vw_storage_page_new            (void);
void       vw_storage_page_set_connection (VwStoragePage    *self,
                                      VwConnection *connection);

/* Pieces of the page its pool details (vw-pool-details.c) are built of too. */
GtkWidget *vw_storage_page_new_label      (const char  *name,
                                           const char  *first_class,
                                           ...) G_GNUC_NULL_TERMINATED;
GtkWidget *vw_storage_page_new_button     (const char  *icon,
                                           const char  *label,
                                           const char  *action,
                                           const char  *tooltip,
                                           const char  *name,
                                           const char  *css);
GtkWidget *vw_storage_page_new_level_bar  (void);
GtkWidget *vw_storage_page_new_boxed_list (const char  *name,
                                           const char  *label);
void       vw_storage_page_show_usage     (VwPool      *pool,
                                           GtkLevelBar *level,
                                           GtkLabel    *label);
void       vw_storage_page_show_state     (GtkLabel    *label,
                                           gboolean     active);

G_END_DECLS
