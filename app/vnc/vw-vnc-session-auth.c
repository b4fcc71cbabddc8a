/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-vnc-session"

#include <glib/gi18n.h>
#include <string.h>

#include "vw-vnc-session-private.h"

/* How a session gets through the server's security: the security type and
 * subtype to use, the credentials, and what to tell the user when it does
 * not work out. Only a password can be asked of the user; certificates are
 * looked up where virt-viewer looks for them. */

/* Security types we can complete, encrypted ones first. */
static const guint auth_types[] = {
  VNC_CONNECTION_AUTH_VENCRYPT,
  VNC_CONNECTION_AUTH_TLS,
  VNC_CONNECTION_AUTH_VNC,
  VNC_CONNECTION_AUTH_NONE,
};
static const guint vencrypt_subtypes[] = {
  VNC_CONNECTION_AUTH_VENCRYPT_X509VNC,
  VNC_CONNECTION_AUTH_VENCRYPT_X509NONE,
  VNC_CONNECTION_AUTH_VENCRYPT_TLSVNC,
  VNC_CONNECTION_AUTH_VENCRYPT_TLSNONE,
};
static const guint tls_subtypes[] = {
  VNC_CONNECTION_AUTH_VNC,
  VNC_CONNECTION_AUTH_NONE,
};

/* Picks the first of @preferred that the server offers. */
static gboolean
choose (VncConnection *conn,
        GValueArray   *offered,
        const guint   *preferred,
        guint          n_preferred,
        gboolean       subtype)
{
  /* gvnc's signals carry GValueArrays, deprecated or not. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  for (guint i = 0; i < n_preferred; i++)
    for (guint j = 0; j < offered->n_values; j++)
      if ((guint) g_value_get_enum (&offered->values[j]) == preferred[i])
        return subtype ? vnc_connection_set_auth_subtype (conn, preferred[i])
                       : vnc_connection_set_auth_type (conn, preferred[i]);
  G_GNUC_END_IGNORE_DEPRECATIONS
  return FALSE;
}

static void
on_auth_choose_type (VncConnection *conn,
                     GValueArray   *types,
                     VwVncSession  *self)
{
  if (!choose (conn, types, auth_types, G_N_ELEMENTS (auth_types), FALSE))
    {
      vw_vnc_session_set_error (self, TRUE, "%s",
                                _("The VNC server offers no supported authentication method"));
      vnc_connection_shutdown (conn);
    }
}

static void
on_auth_choose_subtype (VncConnection *conn,
                        guint          type,
                        GValueArray   *subtypes,
                        VwVncSession  *self)
{
  gboolean chosen;

  if (type == VNC_CONNECTION_AUTH_VENCRYPT)
    chosen = choose (conn, subtypes, vencrypt_subtypes, G_N_ELEMENTS (vencrypt_subtypes), TRUE);
  else
    chosen = choose (conn, subtypes, tls_subtypes, G_N_ELEMENTS (tls_subtypes), TRUE);
  if (!chosen)
    {
      vw_vnc_session_set_error (self, TRUE, "%s",
                                _("The VNC server offers no supported authentication method"));
      vnc_connection_shutdown (conn);
    }
}

/* gvnc waits until every credential it asked for is set; the password
 * comes from the user unless it was given beforehand. */
static void
on_auth_credential (VncConnection *conn,
                    GValueArray   *credentials,
                    VwVncSession  *self)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  for (guint i = 0; i < credentials->n_values; i++)
    {
      g_autofree char *password = NULL;

      switch (g_value_get_enum (&credentials->values[i]))
        {
        case VNC_CONNECTION_CREDENTIAL_PASSWORD:
          password = vw_vnc_session_take_password (self);
          if (password != NULL)
            {
              vnc_connection_set_credential (conn, VNC_CONNECTION_CREDENTIAL_PASSWORD, password);
              explicit_bzero (password, strlen (password));
            }
          else
            {
              vw_vnc_session_set_state (self, VW_VNC_STATE_AUTHENTICATING);
            }
          break;

        case VNC_CONNECTION_CREDENTIAL_CLIENTNAME:
          /* The folder of the client certificate, as virt-viewer's. */
          vnc_connection_set_credential (conn, VNC_CONNECTION_CREDENTIAL_CLIENTNAME, "libvirt");
          break;

        default:
          vw_vnc_session_set_error (self, TRUE, "%s",
                                    _("The VNC server asks for a user name, "
                                      "which is not supported"));
          vnc_connection_shutdown (conn);
          return;
        }
    }
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
on_auth_failure (VncConnection *conn,
                 const char    *reason,
                 VwVncSession  *self)
{
  vw_vnc_session_set_error (self, TRUE, _("Authentication failed: %s"),
                            reason != NULL && *reason != '\0' ? reason : _("no reason given"));
}

static void
on_auth_unsupported (VncConnection *conn,
                     guint          type,
                     VwVncSession  *self)
{
  vw_vnc_session_set_error (self, TRUE,
                            _("The VNC server asks for an unsupported authentication method (%u)"),
                            type);
}

void
vw_vnc_session_connect_auth (VwVncSession  *self,
                             VncConnection *conn)
{
  g_signal_connect (conn, "vnc-auth-choose-type", G_CALLBACK (on_auth_choose_type), self);
  g_signal_connect (conn, "vnc-auth-choose-subtype", G_CALLBACK (on_auth_choose_subtype), self);
  g_signal_connect (conn, "vnc-auth-credential", G_CALLBACK (on_auth_credential), self);
  g_signal_connect (conn, "vnc-auth-failure", G_CALLBACK (on_auth_failure), self);
  g_signal_connect (conn, "vnc-auth-unsupported", G_CALLBACK (on_auth_unsupported), self);
}
