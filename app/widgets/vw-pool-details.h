/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "vw-connection.h"
#include "vw-pool.h"

G_BEGIN_DECLS

#define VW_TYPE_POOL_DETAILS (vw_pool_details_get_type ())

G_DECLARE_FINAL_TYPE (VwPoolDetails, vw_pool_details, VW, POOL_DETAILS, GtkWidget)

GtkWidget *vw_pool_details_new            (void);
void       vw_pool_details_set_connection (VwPoolDetails *self,
                                           VwConnection  *connection);
VwPool    *vw_pool_details_get_pool       (VwPoolDetails *self);
void       vw_pool_details_set_pool       (VwPoolDetails *self,
                                           VwPool        *pool);

G_END_DECLS
