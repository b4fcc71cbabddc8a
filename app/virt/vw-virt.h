/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

G_BEGIN_DECLS

#define VW_VIRT_ERROR (vw_virt_error_quark ())

/* Error codes are libvirt's own virErrorNumber values, so callers can test
 * for VIR_ERR_NO_DOMAIN and the like. */
GQuark   vw_virt_error_quark     (void);
void     vw_virt_init            (void);
gboolean vw_virt_set_error       (GError     **error,
                                  const char  *what);
gboolean vw_virt_error_is        (const GError *error,
                                  int           code);
gboolean vw_virt_last_error_is   (int           code);

G_END_DECLS
