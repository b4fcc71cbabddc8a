/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* VNC passwords the learner asked to keep, in the desktop's keyring
 * (libsecret), never in a file of ours; keyed by connection and machine. */
void     vw_secrets_lookup_async  (const char           *uri,
                                   const char           *domain,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data);
char    *vw_secrets_lookup_finish (GAsyncResult         *result,
                                   GError              **error);
void     vw_secrets_store_async   (const char           *uri,
                                   const char           *domain,
                                   const char           *password,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data);
gboolean vw_secrets_store_finish  (GAsyncResult         *result,
                                   GError              **error);
void     vw_secrets_forget_async  (const char           *uri,
                                   const char           *domain,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data);
gboolean vw_secrets_forget_finish (GAsyncResult         *result,
                                   GError              **error);

G_END_DECLS
