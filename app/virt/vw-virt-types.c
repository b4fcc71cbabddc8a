/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-virt-types"

#include <glib/gi18n.h>

#include "vw-virt-types.h"

const char *
vw_domain_state_get_label (VwDomainState state)
{
  switch (state)
    {
    case VW_DOMAIN_STATE_RUNNING:
      return C_("domain state", "Running");
    case VW_DOMAIN_STATE_BLOCKED:
      return C_("domain state", "Blocked");
    case VW_DOMAIN_STATE_PAUSED:
      return C_("domain state", "Paused");
    case VW_DOMAIN_STATE_SHUTDOWN:
      return C_("domain state", "Shutting down");
    case VW_DOMAIN_STATE_SHUTOFF:
      return C_("domain state", "Shut off");
    case VW_DOMAIN_STATE_CRASHED:
      return C_("domain state", "Crashed");
    case VW_DOMAIN_STATE_PMSUSPENDED:
      return C_("domain state", "Suspended");
    case VW_DOMAIN_STATE_NOSTATE:
    default:
      return C_("domain state", "Unknown");
    }
}

/* Whether the domain has a running QEMU (or test) process behind it. */
gboolean
vw_domain_state_is_active (VwDomainState state)
{
  return state != VW_DOMAIN_STATE_SHUTOFF
         && state != VW_DOMAIN_STATE_CRASHED
         && state != VW_DOMAIN_STATE_NOSTATE;
}

typedef struct
{
  const char *label;
  const char *args[3];
} ActionInfo;

/* The button label and the virsh arguments that do the same (the domain
 * name follows them). */
static const ActionInfo action_info[VW_DOMAIN_N_ACTIONS] = {
  [VW_DOMAIN_ACTION_START] = { N_("Start"), { "start" } },
  [VW_DOMAIN_ACTION_SHUTDOWN] = { N_("Shut Down"), { "shutdown" } },
  [VW_DOMAIN_ACTION_REBOOT] = { N_("Reboot"), { "reboot" } },
  [VW_DOMAIN_ACTION_RESET] = { N_("Reset"), { "reset" } },
  [VW_DOMAIN_ACTION_DESTROY] = { N_("Force Off"), { "destroy" } },
  [VW_DOMAIN_ACTION_SUSPEND] = { N_("Pause"), { "suspend" } },
  [VW_DOMAIN_ACTION_RESUME] = { N_("Resume"), { "resume" } },
  [VW_DOMAIN_ACTION_MANAGED_SAVE] = { N_("Save State"), { "managedsave" } },
  [VW_DOMAIN_ACTION_MANAGED_SAVE_REMOVE] = { N_("Discard Saved State"), { "managedsave-remove" } },
  [VW_DOMAIN_ACTION_AUTOSTART_ENABLE] = { N_("Start at Boot"), { "autostart" } },
  [VW_DOMAIN_ACTION_AUTOSTART_DISABLE] = { N_("Do Not Start at Boot"), { "autostart", "--disable" } },
};

const char *
vw_domain_action_get_label (VwDomainAction action)
{
  g_return_val_if_fail (action < VW_DOMAIN_N_ACTIONS, NULL);
  return _(action_info[action].label);
}

/* The virsh subcommand that does the same thing: learners see it beside
 * every button. */
const char *
vw_domain_action_get_verb (VwDomainAction action)
{
  g_return_val_if_fail (action < VW_DOMAIN_N_ACTIONS, NULL);
  return action_info[action].args[0];
}

/* The virsh arguments before the domain name: { "autostart", "--disable" }. */
const char * const *
vw_domain_action_get_args (VwDomainAction action)
{
  g_return_val_if_fail (action < VW_DOMAIN_N_ACTIONS, NULL);
  return action_info[action].args;
}

/* "Could not start “web01”", to put before libvirt's own message. */
char *
vw_domain_action_describe_failure (VwDomainAction  action,
                                   const char     *name)
{
  switch (action)
    {
    case VW_DOMAIN_ACTION_START:
      return g_strdup_printf (_("Could not start “%s”"), name);
    case VW_DOMAIN_ACTION_SHUTDOWN:
      return g_strdup_printf (_("Could not shut down “%s”"), name);
    case VW_DOMAIN_ACTION_REBOOT:
      return g_strdup_printf (_("Could not reboot “%s”"), name);
    case VW_DOMAIN_ACTION_RESET:
      return g_strdup_printf (_("Could not reset “%s”"), name);
    case VW_DOMAIN_ACTION_DESTROY:
      return g_strdup_printf (_("Could not force off “%s”"), name);
    case VW_DOMAIN_ACTION_SUSPEND:
      return g_strdup_printf (_("Could not pause “%s”"), name);
    case VW_DOMAIN_ACTION_RESUME:
      return g_strdup_printf (_("Could not resume “%s”"), name);
    case VW_DOMAIN_ACTION_MANAGED_SAVE:
      return g_strdup_printf (_("Could not save the state of “%s”"), name);
    case VW_DOMAIN_ACTION_MANAGED_SAVE_REMOVE:
      return g_strdup_printf (_("Could not discard the saved state of “%s”"), name);
    case VW_DOMAIN_ACTION_AUTOSTART_ENABLE:
      return g_strdup_printf (_("Could not mark “%s” to start at boot"), name);
    case VW_DOMAIN_ACTION_AUTOSTART_DISABLE:
      return g_strdup_printf (_("Could not stop “%s” from starting at boot"), name);
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
vw_domain_action_from_string (const char     *name,
                              VwDomainAction *action)
{
  for (VwDomainAction a = 0; a < VW_DOMAIN_N_ACTIONS; a++)
    {
      g_autofree char *joined = g_strjoinv ("-", (char **) action_info[a].args);

      if (g_strcmp0 (name, joined) == 0)
        {
          *action = a;
          return TRUE;
        }
    }
  return FALSE;
}

/* Whether the state allows the action; vw_domain_can() adds what depends on
 * more than the state (autostart, a saved state, a running action). */
gboolean
vw_domain_action_is_allowed (VwDomainAction action,
                             VwDomainState  state)
{
  gboolean running = state == VW_DOMAIN_STATE_RUNNING || state == VW_DOMAIN_STATE_BLOCKED;

  switch (action)
    {
    case VW_DOMAIN_ACTION_START:
    case VW_DOMAIN_ACTION_MANAGED_SAVE_REMOVE:
      return state == VW_DOMAIN_STATE_SHUTOFF || state == VW_DOMAIN_STATE_CRASHED;
    case VW_DOMAIN_ACTION_SHUTDOWN:
    case VW_DOMAIN_ACTION_REBOOT:
    case VW_DOMAIN_ACTION_RESET:
    case VW_DOMAIN_ACTION_SUSPEND:
      return running;
    case VW_DOMAIN_ACTION_DESTROY:
      return vw_domain_state_is_active (state);
    case VW_DOMAIN_ACTION_RESUME:
      return state == VW_DOMAIN_STATE_PAUSED;
    case VW_DOMAIN_ACTION_MANAGED_SAVE:
      return running || state == VW_DOMAIN_STATE_PAUSED;
    case VW_DOMAIN_ACTION_AUTOSTART_ENABLE:
    case VW_DOMAIN_ACTION_AUTOSTART_DISABLE:
      return TRUE;
    default:
      return FALSE;
    }
}
