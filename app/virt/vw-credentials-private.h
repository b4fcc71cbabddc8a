/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libvirt/libvirt.h>

#include "vw-credentials.h"

G_BEGIN_DECLS

VwCredentials *vw_credentials_new       (const char             *uri,
                                         virConnectCredentialPtr cred,
                                         unsigned int            ncred);
gboolean       vw_credentials_wait      (VwCredentials          *self,
                                         virConnectCredentialPtr cred,
                                         unsigned int            ncred,
                                         guint                   timeout_s);

G_END_DECLS
