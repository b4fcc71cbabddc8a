/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "vw-domain.h"

G_BEGIN_DECLS

typedef enum {
  VW_STAT_CPU,        /* percent of one host CPU, summed over vCPUs */
  VW_STAT_MEMORY,     /* KiB in use by the guest, or the balloon size */
  VW_STAT_DISK,       /* bytes per second, read + written */
  VW_STAT_NETWORK,    /* bytes per second, received + sent */
  VW_N_STATS
} VwStat;

#define VW_STATS_HISTORY 60

#define VW_TYPE_DOMAIN_STATS (vw_domain_stats_get_type ())

G_DECLARE_FINAL_TYPE (VwDomainStats, vw_domain_stats, VW, DOMAIN_STATS, GObject)

VwDomainStats *vw_domain_stats_new         (VwDomain      *domain);
void           vw_domain_stats_set_active  (VwDomainStats *self,
                                            gboolean       active);
gboolean       vw_domain_stats_get_active  (VwDomainStats *self);
gboolean       vw_domain_stats_has_data    (VwDomainStats *self);
double         vw_domain_stats_get_latest  (VwDomainStats *self,
                                            VwStat         stat);
const double  *vw_domain_stats_get_history (VwDomainStats *self,
                                            VwStat         stat,
                                            guint         *n_values);
guint          vw_domain_stats_get_n_polls (VwDomainStats *self);

G_END_DECLS
