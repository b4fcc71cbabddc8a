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

const char *
vw_domain_action_get_label (VwDomainAction action)
{
  switch (action)
    {
    case VW_DOMAIN_ACTION_START:
      return _("Start");
    case VW_DOMAIN_ACTION_SHUTDOWN:
      return _("Shut Down");
    case VW_DOMAIN_ACTION_DESTROY:
      return _("Force Off");
    case VW_DOMAIN_ACTION_SUSPEND:
      return _("Pause");
    case VW_DOMAIN_ACTION_RESUME:
      return _("Resume");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The virsh subcommand that does the same thing: learners see it beside
 * every button. */
const char *
vw_domain_action_get_verb (VwDomainAction action)
{
  switch (action)
    {
    case VW_DOMAIN_ACTION_START:
      return "start";
    case VW_DOMAIN_ACTION_SHUTDOWN:
      return "shutdown";
    case VW_DOMAIN_ACTION_DESTROY:
      return "destroy";
    case VW_DOMAIN_ACTION_SUSPEND:
      return "suspend";
    case VW_DOMAIN_ACTION_RESUME:
      return "resume";
    default:
      g_return_val_if_reached (NULL);
    }
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
    case VW_DOMAIN_ACTION_DESTROY:
      return g_strdup_printf (_("Could not force off “%s”"), name);
    case VW_DOMAIN_ACTION_SUSPEND:
      return g_strdup_printf (_("Could not pause “%s”"), name);
    case VW_DOMAIN_ACTION_RESUME:
      return g_strdup_printf (_("Could not resume “%s”"), name);
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
vw_domain_action_from_string (const char     *name,
                              VwDomainAction *action)
{
  for (VwDomainAction a = VW_DOMAIN_ACTION_START; a <= VW_DOMAIN_ACTION_RESUME; a++)
    {
      if (g_strcmp0 (name, vw_domain_action_get_verb (a)) == 0)
        {
          *action = a;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
vw_domain_action_is_allowed (VwDomainAction action,
                             VwDomainState  state)
{
  switch (action)
    {
    case VW_DOMAIN_ACTION_START:
      return state == VW_DOMAIN_STATE_SHUTOFF || state == VW_DOMAIN_STATE_CRASHED;
    case VW_DOMAIN_ACTION_SHUTDOWN:
      return state == VW_DOMAIN_STATE_RUNNING || state == VW_DOMAIN_STATE_BLOCKED;
    case VW_DOMAIN_ACTION_DESTROY:
      return vw_domain_state_is_active (state);
    case VW_DOMAIN_ACTION_SUSPEND:
      return state == VW_DOMAIN_STATE_RUNNING || state == VW_DOMAIN_STATE_BLOCKED;
    case VW_DOMAIN_ACTION_RESUME:
      return state == VW_DOMAIN_STATE_PAUSED;
    default:
      return FALSE;
    }
}
