/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-domain"

#include <glib/gi18n.h>

#include "vw-domain-private.h"
#include "vw-virt-enums.h"
#include "vw-virt.h"

/* A libvirt domain as the window sees it. Its properties change only on the
 * main thread, from the facts a worker thread read after a libvirt event;
 * actions run in worker threads and report back through GAsyncResult. */
struct _VwDomain
{
  GObject parent_instance;

  virDomainPtr dom;
  char *name;
  char uuid[VIR_UUID_STRING_BUFLEN];
  int id;
  VwDomainState state;
  guint vcpus;
  guint64 memory;
  guint64 max_memory;
  gboolean persistent;

  guint busy;
  guint refresh_issued;
  guint refresh_applied;
};

G_DEFINE_FINAL_TYPE (VwDomain, vw_domain, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_UUID,
  PROP_ID,
  PROP_STATE,
  PROP_VCPUS,
  PROP_MEMORY,
  PROP_MAX_MEMORY,
  PROP_PERSISTENT,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

VwDomainInfo *
vw_domain_info_read (virDomainPtr   dom,
                     GError       **error)
{
  g_autoptr(VwDomainInfo) info = g_new0 (VwDomainInfo, 1);
  virDomainInfo raw;
  int persistent;

  if (virDomainGetInfo (dom, &raw) < 0)
    {
      vw_virt_set_error (error, NULL);
      return NULL;
    }
  if (virDomainGetUUIDString (dom, info->uuid) < 0)
    {
      vw_virt_set_error (error, NULL);
      return NULL;
    }
  persistent = virDomainIsPersistent (dom);

  virDomainRef (dom);
  info->dom = dom;
  info->name = g_strdup (virDomainGetName (dom));
  info->id = (int) virDomainGetID (dom);
  info->state = (VwDomainState) raw.state;
  info->vcpus = raw.nrVirtCpu;
  info->memory = raw.memory;
  info->max_memory = raw.maxMem;
  info->persistent = persistent == 1;

  return g_steal_pointer (&info);
}

void
vw_domain_info_free (VwDomainInfo *info)
{
  if (info == NULL)
    return;
  if (info->dom != NULL)
    virDomainFree (info->dom);
  g_free (info->name);
  g_free (info);
}

static void
vw_domain_finalize (GObject *object)
{
  VwDomain *self = VW_DOMAIN (object);

  if (self->dom != NULL)
    virDomainFree (self->dom);
  g_free (self->name);

  G_OBJECT_CLASS (vw_domain_parent_class)->finalize (object);
}

static void
vw_domain_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  VwDomain *self = VW_DOMAIN (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;
    case PROP_ID:
      g_value_set_int (value, self->id);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_VCPUS:
      g_value_set_uint (value, self->vcpus);
      break;
    case PROP_MEMORY:
      g_value_set_uint64 (value, self->memory);
      break;
    case PROP_MAX_MEMORY:
      g_value_set_uint64 (value, self->max_memory);
      break;
    case PROP_PERSISTENT:
      g_value_set_boolean (value, self->persistent);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy > 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vw_domain_class_init (VwDomainClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = vw_domain_finalize;
  object_class->get_property = vw_domain_get_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_UUID] = g_param_spec_string ("uuid", NULL, NULL, NULL, flags);
  properties[PROP_ID] = g_param_spec_int ("id", NULL, NULL, -1, G_MAXINT, -1, flags);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, VW_TYPE_DOMAIN_STATE,
                                              VW_DOMAIN_STATE_NOSTATE, flags);
  properties[PROP_VCPUS] = g_param_spec_uint ("vcpus", NULL, NULL, 0, G_MAXUINT, 0, flags);
  /* Memory in KiB, as libvirt reports it. */
  properties[PROP_MEMORY] = g_param_spec_uint64 ("memory", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_MAX_MEMORY] = g_param_spec_uint64 ("max-memory", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_PERSISTENT] = g_param_spec_boolean ("persistent", NULL, NULL, FALSE, flags);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vw_domain_init (VwDomain *self)
{
  self->id = -1;
}

VwDomain *
vw_domain_new_from_info (VwDomainInfo *info)
{
  VwDomain *self = g_object_new (VW_TYPE_DOMAIN, NULL);

  g_strlcpy (self->uuid, info->uuid, sizeof self->uuid);
  vw_domain_apply_info (self, info);
  return self;
}

#define SET_FIELD(field, prop)                                          \
  G_STMT_START {                                                        \
    if (self->field != info->field)                                     \
      {                                                                 \
        self->field = info->field;                                      \
        g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);   \
      }                                                                 \
  } G_STMT_END

void
vw_domain_apply_info (VwDomain     *self,
                      VwDomainInfo *info)
{
  g_return_if_fail (VW_IS_DOMAIN (self));
  g_return_if_fail (info != NULL);

  g_object_freeze_notify (G_OBJECT (self));

  if (self->dom != info->dom)
    {
      if (self->dom != NULL)
        virDomainFree (self->dom);
      self->dom = info->dom;
      virDomainRef (self->dom);
    }

  if (g_strcmp0 (self->name, info->name) != 0)
    {
      g_free (self->name);
      self->name = g_strdup (info->name);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
    }

  SET_FIELD (id, PROP_ID);
  SET_FIELD (state, PROP_STATE);
  SET_FIELD (vcpus, PROP_VCPUS);
  SET_FIELD (memory, PROP_MEMORY);
  SET_FIELD (max_memory, PROP_MAX_MEMORY);
  SET_FIELD (persistent, PROP_PERSISTENT);

  g_object_thaw_notify (G_OBJECT (self));
}

#undef SET_FIELD

/* Set from a lifecycle event, before the facts are read again: the row
 * changes at once instead of after a round trip. */
void
vw_domain_set_state (VwDomain      *self,
                     VwDomainState  state)
{
  g_return_if_fail (VW_IS_DOMAIN (self));

  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/* Refreshes run in a thread pool and may finish out of order; each gets a
 * serial so that an older answer never overwrites a newer one. */
guint
vw_domain_next_refresh (VwDomain *self)
{
  return ++self->refresh_issued;
}

gboolean
vw_domain_refresh_is_stale (VwDomain *self,
                            guint     serial)
{
  if (serial < self->refresh_applied)
    return TRUE;
  self->refresh_applied = serial;
  return FALSE;
}

const char *
vw_domain_get_name (VwDomain *self)
{
  g_return_val_if_fail (VW_IS_DOMAIN (self), NULL);
  return self->name;
}

const char *
vw_domain_get_uuid (VwDomain *self)
{
  g_return_val_if_fail (VW_IS_DOMAIN (self), NULL);
  return self->uuid;
}

int
vw_domain_get_id (VwDomain *self)
{
  g_return_val_if_fail (VW_IS_DOMAIN (self), -1);
  return self->id;
}

VwDomainState
vw_domain_get_state (VwDomain *self)
{
  g_return_val_if_fail (VW_IS_DOMAIN (self), VW_DOMAIN_STATE_NOSTATE);
  return self->state;
}

guint
vw_domain_get_vcpus (VwDomain *self)
{
  g_return_val_if_fail (VW_IS_DOMAIN (self), 0);
  return self->vcpus;
}

guint64
vw_domain_get_memory (VwDomain *self)
{
  g_return_val_if_fail (VW_IS_DOMAIN (self), 0);
  return self->memory;
}

guint64
vw_domain_get_max_memory (VwDomain *self)
{
  g_return_val_if_fail (VW_IS_DOMAIN (self), 0);
  return self->max_memory;
}

gboolean
vw_domain_get_persistent (VwDomain *self)
{
  g_return_val_if_fail (VW_IS_DOMAIN (self), FALSE);
  return self->persistent;
}

gboolean
vw_domain_get_busy (VwDomain *self)
{
  g_return_val_if_fail (VW_IS_DOMAIN (self), FALSE);
  return self->busy > 0;
}

/* Whether @action makes sense now; the buttons follow this. */
gboolean
vw_domain_can (VwDomain       *self,
               VwDomainAction  action)
{
  g_return_val_if_fail (VW_IS_DOMAIN (self), FALSE);
  return self->busy == 0 && vw_domain_action_is_allowed (action, self->state);
}

typedef struct
{
  virDomainPtr dom;
  VwDomainAction action;
} RunData;

static void
run_data_free (RunData *data)
{
  virDomainFree (data->dom);
  g_free (data);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunData *data = task_data;
  GError *error = NULL;
  int rc;

  switch (data->action)
    {
    case VW_DOMAIN_ACTION_START:
      rc = virDomainCreate (data->dom);
      break;
    case VW_DOMAIN_ACTION_SHUTDOWN:
      rc = virDomainShutdown (data->dom);
      break;
    case VW_DOMAIN_ACTION_DESTROY:
      rc = virDomainDestroy (data->dom);
      break;
    case VW_DOMAIN_ACTION_SUSPEND:
      rc = virDomainSuspend (data->dom);
      break;
    case VW_DOMAIN_ACTION_RESUME:
      rc = virDomainResume (data->dom);
      break;
    default:
      g_assert_not_reached ();
    }

  if (rc < 0)
    {
      vw_virt_set_error (&error, NULL);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
set_busy (VwDomain *self,
          gboolean  busy)
{
  gboolean was_busy = self->busy > 0;

  if (busy)
    self->busy++;
  else if (self->busy > 0)
    self->busy--;

  if (was_busy != (self->busy > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
run_done (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  g_autoptr(GError) error = NULL;
  VwDomain *self = g_task_get_source_object (outer);

  set_busy (self, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_error (outer, g_steal_pointer (&error));
  else
    g_task_return_boolean (outer, TRUE);
}

/**
 * vw_domain_run_async:
 *
 * Runs a lifecycle action in a worker thread. The domain's state does not
 * change here: the lifecycle event that libvirt sends afterwards changes it,
 * whoever started the action (this window, virsh, or the guest itself).
 */
void
vw_domain_run_async (VwDomain            *self,
                     VwDomainAction       action,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) inner = NULL;
  RunData *data;

  g_return_if_fail (VW_IS_DOMAIN (self));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, vw_domain_run_async);

  if (self->dom == NULL)
    {
      g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                               _("The machine “%s” is not connected"), self->name);
      return;
    }

  data = g_new0 (RunData, 1);
  data->dom = self->dom;
  data->action = action;
  virDomainRef (data->dom);

  /* The inner task owns the thread work; the outer one is what the caller
   * sees, completed after the busy flag is cleared on the main thread. */
  inner = g_task_new (self, cancellable, run_done, g_steal_pointer (&outer));
  g_task_set_task_data (inner, data, (GDestroyNotify) run_data_free);
  set_busy (self, TRUE);
  g_task_run_in_thread (inner, run_thread);
}

gboolean
vw_domain_run_finish (VwDomain      *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
