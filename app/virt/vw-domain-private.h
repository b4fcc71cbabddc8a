/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libvirt/libvirt.h>

#include "vw-domain.h"

G_BEGIN_DECLS

/* A domain's facts as read in a worker thread, applied on the main thread. */
typedef struct
{
  virDomainPtr dom;
  char *name;
  char uuid[VIR_UUID_STRING_BUFLEN];
  int id;
  VwDomainState state;
  guint vcpus;
  guint64 memory;
  guint64 max_memory;
  gboolean persistent;
  gboolean autostart;
  gboolean has_managed_save;
} VwDomainInfo;

VwDomainInfo *vw_domain_info_read       (virDomainPtr   dom,
                                         GError       **error);
void          vw_domain_info_free       (VwDomainInfo  *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VwDomainInfo, vw_domain_info_free)

virDomainPtr  vw_domain_ref_virdomain   (VwDomain      *self);
void          vw_domain_set_busy        (VwDomain      *self,
                                         gboolean       busy);

G_END_DECLS
