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

/* Lifecycle actions that take no argument but the domain. */
typedef enum {
  VW_DOMAIN_ACTION_START,
  VW_DOMAIN_ACTION_SHUTDOWN,
  VW_DOMAIN_ACTION_REBOOT,
  VW_DOMAIN_ACTION_RESET,
  VW_DOMAIN_ACTION_DESTROY,
  VW_DOMAIN_ACTION_SUSPEND,
  VW_DOMAIN_ACTION_RESUME,
  VW_DOMAIN_ACTION_MANAGED_SAVE,
  VW_DOMAIN_ACTION_MANAGED_SAVE_REMOVE,
  VW_DOMAIN_ACTION_AUTOSTART_ENABLE,
  VW_DOMAIN_ACTION_AUTOSTART_DISABLE,
} VwDomainAction;

#define VW_DOMAIN_N_ACTIONS (VW_DOMAIN_ACTION_AUTOSTART_DISABLE + 1)

typedef enum {
  VW_CONNECTION_STATUS_DISCONNECTED,
  VW_CONNECTION_STATUS_CONNECTING,
  VW_CONNECTION_STATUS_CONNECTED,
  VW_CONNECTION_STATUS_FAILED,
  VW_CONNECTION_STATUS_RECONNECTING,
} VwConnectionStatus;

typedef enum {
  VW_UNDEFINE_REMOVE_STORAGE = 1 << 0,
  VW_UNDEFINE_SNAPSHOTS_METADATA = 1 << 1,
  VW_UNDEFINE_MANAGED_SAVE = 1 << 2,
} VwUndefineFlags;

typedef enum {
  VW_CHANGE_LIVE = 1 << 0,
  VW_CHANGE_CONFIG = 1 << 1,
} VwChangeFlags;

const char *vw_domain_state_get_label      (VwDomainState  state);
gboolean    vw_domain_state_is_active      (VwDomainState  state);
const char *vw_domain_action_get_label     (VwDomainAction action);
const char *vw_domain_action_get_verb      (VwDomainAction action);
const char *const *vw_domain_action_get_args (VwDomainAction action);
char       *vw_domain_action_describe_failure (VwDomainAction action,
                                               const char    *name);
gboolean    vw_domain_action_is_allowed    (VwDomainAction action,
                                            VwDomainState  state);
gboolean    vw_domain_action_from_string   (const char     *name,
                                            VwDomainAction *action);

G_END_DECLS
