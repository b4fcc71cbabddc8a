/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-secrets"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "vw-secrets.h"

static const SecretSchema *
vnc_schema (void)
{
  static const SecretSchema schema = {
    "org.virtworkbench.VncPassword", SECRET_SCHEMA_NONE,
    {
      { "uri", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "domain", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

void
vw_secrets_lookup_async (const char          *uri,
                         const char          *domain,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  secret_password_lookup (vnc_schema (), cancellable, callback, user_data,
                          "uri", uri, "domain", domain, NULL);
}

/* Returns: (transfer full) (nullable): the password, or %NULL when none is kept */
char *
vw_secrets_lookup_finish (GAsyncResult  *result,
                          GError       **error)
{
  char *secret = secret_password_lookup_finish (result, error);
  char *copy = g_strdup (secret);

  secret_password_free (secret);
  return copy;
}

void
vw_secrets_store_async (const char          *uri,
                        const char          *domain,
                        const char          *password,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autofree char *label = g_strdup_printf (_("VNC password of %s on %s"), domain, uri);

  secret_password_store (vnc_schema (), SECRET_COLLECTION_DEFAULT, label, password, cancellable,
                         callback, user_data, "uri", uri, "domain", domain, NULL);
}

gboolean
vw_secrets_store_finish (GAsyncResult  *result,
                         GError       **error)
{
  return secret_password_store_finish (result, error);
}

void
vw_secrets_forget_async (const char          *uri,
                         const char          *domain,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  secret_password_clear (vnc_schema (), cancellable, callback, user_data, "uri", uri, "domain", domain, NULL);
}

gboolean
vw_secrets_forget_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  /* Nothing to forget is not a failure. */
  if (secret_password_clear_finish (result, &local_error) || local_error == NULL)
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}
