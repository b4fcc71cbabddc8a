/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The same values as libvirt's virDomainState, so they convert by a cast. */
typedef enum {
  VW_DOMAIN_STATE_NOSTATE = 0,
  VW_DOMAIN_STATE_RUNNING = 1,
  VW_DOMAIN_STATE_BLOCKED = 2,
  VW_DOMAIN_STATE_PAUSED = 3,
  VW_DOMAIN_STATE_SHUTDOWN = 4,
  VW_DOMAIN_STATE_SHUTOFF = 5,
  VW_DOMAIN_STATE_CRASHED = 6,
  VW_DOMAIN_STATE_PMSUSPENDED = 7,
} VwDomainState;

typedef enum {
  VW_DOMAIN_ACTION_START,
  VW_DOMAIN_ACTION_SHUTDOWN,
  VW_DOMAIN_ACTION_DESTROY,
  VW_DOMAIN_ACTION_SUSPEND,
  VW_DOMAIN_ACTION_RESUME,
} VwDomainAction;

typedef enum {
  VW_CONNECTION_STATUS_DISCONNECTED,
  VW_CONNECTION_STATUS_CONNECTING,
  VW_CONNECTION_STATUS_CONNECTED,
  VW_CONNECTION_STATUS_FAILED,
} VwConnectionStatus;

const char *vw_domain_state_get_label      (VwDomainState  state);
gboolean    vw_domain_state_is_active      (VwDomainState  state);
const char *vw_domain_action_get_label     (VwDomainAction action);
const char *vw_domain_action_get_verb      (VwDomainAction action);
char       *vw_domain_action_describe_failure (VwDomainAction action,
                                               const char    *name);
gboolean    vw_domain_action_is_allowed    (VwDomainAction action,
                                            VwDomainState  state);
gboolean    vw_domain_action_from_string   (const char     *name,
                                            VwDomainAction *action);

G_END_DECLS
