/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "vw-domain.h"
#include "vw-xml-editor.h"

G_BEGIN_DECLS

#define VW_TYPE_DOMAIN_DETAILS (vw_domain_details_get_type ())

G_DECLARE_FINAL_TYPE (VwDomainDetails, vw_domain_details, VW, DOMAIN_DETAILS, GtkWidget)

VwDomain    *vw_domain_details_get_domain     (VwDomainDetails *self);
void         vw_domain_details_set_domain     (VwDomainDetails *self,
                                               VwDomain        *domain);
void         vw_domain_details_show_page      (VwDomainDetails *self,
                                               const char      *name);
VwXmlEditor *vw_domain_details_get_xml_editor (VwDomainDetails *self);
const char  *vw_domain_details_get_message    (VwDomainDetails *self);
guint        vw_domain_details_get_n_loads    (VwDomainDetails *self);
void         vw_domain_details_apply_resource (VwDomainDetails *self,
                                               const char      *which,
                                               guint64          value);

G_END_DECLS
