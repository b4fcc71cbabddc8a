/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gvnc.h>

#include "vw-vnc-session.h"

G_BEGIN_DECLS

/* Between the session (vw-vnc-session.c) and its halves for input
 * (vw-vnc-session-input.c) and authentication (vw-vnc-session-auth.c). */

/* The connection while it is connected, NULL otherwise. */
VncConnection *vw_vnc_session_get_connection (VwVncSession *self);

void           vw_vnc_session_set_state      (VwVncSession  *self,
                                              VwVncState     state);
/* Keeps the first error, or a @final one (an authentication failure)
 * over anything else. */
void           vw_vnc_session_set_error      (VwVncSession  *self,
                                              gboolean       final,
                                              const char    *format,
                                              ...) G_GNUC_PRINTF (3, 4);
/* The password given before the server asked for one; the caller wipes
 * and frees it. */
char          *vw_vnc_session_take_password  (VwVncSession  *self);

/* Answers @conn's questions about security types and credentials. */
void           vw_vnc_session_connect_auth   (VwVncSession  *self,
                                              VncConnection *conn);

G_END_DECLS
