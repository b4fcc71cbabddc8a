/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "vw-domain.h"

G_BEGIN_DECLS

#define VW_TYPE_DOMAIN_ROW (vw_domain_row_get_type ())

G_DECLARE_FINAL_TYPE (VwDomainRow, vw_domain_row, VW, DOMAIN_ROW, GtkWidget)

GtkWidget  *vw_domain_row_new             (void);
VwDomain   *vw_domain_row_get_domain      (VwDomainRow *self);
void        vw_domain_row_set_domain      (VwDomainRow *self,
                                           VwDomain    *domain);
const char *vw_domain_row_get_state_text  (VwDomainRow *self);

G_END_DECLS
