/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-domain"

#include <glib/gi18n.h>

#include "vw-connection-private.h"
#include "vw-domain-private.h"
#include "vw-virt-enums.h"
#include "vw-virt.h"

/* A libvirt domain as the window sees it. Its properties change only on the
 * main thread, from facts a worker thread read after a libvirt event
 * (vw-connection.c); its operations are in vw-domain-ops.c. */
struct _VwDomain
{
  GObject parent_instance;

  GWeakRef connection;
  virDomainPtr dom;
  char *name;
  char uuid[VIR_UUID_STRING_BUFLEN];
  int id;
  VwDomainState state;
  guint vcpus;
  guint64 memory;
  guint64 max_memory;
  gboolean persistent;
  gboolean autostart;
  gboolean has_managed_save;

  guint busy;
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
  PROP_AUTOSTART,
  PROP_HAS_MANAGED_SAVE,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  REFRESHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ----- Reading, in a worker thread ----- */

VwDomainInfo *
vw_domain_info_read (virDomainPtr   dom,
                     GError       **error)
{
  g_autoptr(VwDomainInfo) info = g_new0 (VwDomainInfo, 1);
  virDomainInfo raw;
  int autostart = 0;

  if (virDomainGetInfo (dom, &raw) < 0 || virDomainGetUUIDString (dom, info->uuid) < 0)
    {
      vw_virt_set_error (error, NULL);
      return NULL;
    }

  virDomainRef (dom);
  info->dom = dom;
  info->name = g_strdup (virDomainGetName (dom));
  info->id = (int) virDomainGetID (dom);
  info->state = (VwDomainState) raw.state;
  info->vcpus = raw.nrVirtCpu;
  info->memory = raw.memory;
  info->max_memory = raw.maxMem;
  info->persistent = virDomainIsPersistent (dom) == 1;
  if (virDomainGetAutostart (dom, &autostart) == 0)
    info->autostart = autostart != 0;
  info->has_managed_save = virDomainHasManagedSaveImage (dom, 0) == 1;
  virResetLastError ();

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

/* ----- The kind table for VwConnection ----- */

static int
kind_list_all (virConnectPtr   conn,
               gpointer      **ptrs)
{
  return virConnectListAllDomains (conn, (virDomainPtr **) ptrs, 0);
}

static gpointer
kind_read_info (gpointer   ptr,
                GError   **error)
{
  return vw_domain_info_read (ptr, error);
}

static void
kind_free_ptr (gpointer ptr)
{
  virDomainFree (ptr);
}

static int
kind_ref_ptr (gpointer ptr)
{
  return virDomainRef (ptr);
}

static int
kind_get_uuid (gpointer  ptr,
               char     *buf)
{
  return virDomainGetUUIDString (ptr, buf);
}

static const char *
kind_info_uuid (gpointer info)
{
  return ((VwDomainInfo *) info)->uuid;
}

static void
kind_free_info (gpointer info)
{
  vw_domain_info_free (info);
}

static void vw_domain_apply_info (VwDomain     *self,
                                  VwDomainInfo *info);

static GObject *
kind_new_object (VwConnection *connection,
                 gpointer      info)
{
  VwDomainInfo *domain_info = info;
  VwDomain *self = g_object_new (VW_TYPE_DOMAIN, NULL);

  /* Nobody listens to a new object yet: fill it without notifications,
   * which matters when a lab has thousands of machines. */
  g_weak_ref_set (&self->connection, connection);
  g_strlcpy (self->uuid, domain_info->uuid, sizeof self->uuid);
  virDomainRef (domain_info->dom);
  self->dom = domain_info->dom;
  self->name = g_strdup (domain_info->name);
  self->id = domain_info->id;
  self->state = domain_info->state;
  self->vcpus = domain_info->vcpus;
  self->memory = domain_info->memory;
  self->max_memory = domain_info->max_memory;
  self->persistent = domain_info->persistent;
  self->autostart = domain_info->autostart;
  self->has_managed_save = domain_info->has_managed_save;
  return G_OBJECT (self);
}

/* Lists come sorted by name (as the window shows them), done in the worker
 * thread so that the window does not sort thousands of rows itself. */
static char *
kind_sort_key (gpointer info)
{
  g_autofree char *folded = g_utf8_casefold (((VwDomainInfo *) info)->name, -1);

  return g_utf8_collate_key (folded, -1);
}

static void
kind_apply_info (GObject  *object,
                 gpointer  info)
{
  vw_domain_apply_info (VW_DOMAIN (object), info);
  /* Whatever changed, or nothing: a fresh read after an event or an
   * operation, which is when snapshots and devices are read again. */
  g_signal_emit (object, signals[REFRESHED], 0);
}

static VwDomainState
state_from_event (int event)
{
  switch (event)
    {
    case VIR_DOMAIN_EVENT_STARTED:
    case VIR_DOMAIN_EVENT_RESUMED:
      return VW_DOMAIN_STATE_RUNNING;
    case VIR_DOMAIN_EVENT_SUSPENDED:
      return VW_DOMAIN_STATE_PAUSED;
    case VIR_DOMAIN_EVENT_STOPPED:
      return VW_DOMAIN_STATE_SHUTOFF;
    case VIR_DOMAIN_EVENT_SHUTDOWN:
      return VW_DOMAIN_STATE_SHUTDOWN;
    case VIR_DOMAIN_EVENT_PMSUSPENDED:
      return VW_DOMAIN_STATE_PMSUSPENDED;
    case VIR_DOMAIN_EVENT_CRASHED:
      return VW_DOMAIN_STATE_CRASHED;
    default:
      return VW_DOMAIN_STATE_NOSTATE;
    }
}

/* The row changes at once, before the fresh read after the event lands. */
static void
kind_apply_event (GObject *object,
                  int      event)
{
  VwDomain *self = VW_DOMAIN (object);
  VwDomainState state = state_from_event (event);

  if (state == VW_DOMAIN_STATE_NOSTATE || self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (object, properties[PROP_STATE]);
}

static int
kind_register_events (virConnectPtr   conn,
                      gpointer        opaque,
                      virFreeCallback free_opaque);

static int
kind_deregister_events (virConnectPtr conn,
                        int           id)
{
  return virConnectDomainEventDeregisterAny (conn, id);
}

const VwKind vw_domain_kind = {
  .name = "domain",
  .get_type = vw_domain_get_type,
  .list_all = kind_list_all,
  .read_info = kind_read_info,
  .free_ptr = kind_free_ptr,
  .register_events = kind_register_events,
  .deregister_events = kind_deregister_events,
  .ref_ptr = kind_ref_ptr,
  .get_uuid = kind_get_uuid,
  .info_uuid = kind_info_uuid,
  .free_info = kind_free_info,
  .new_object = kind_new_object,
  .apply_info = kind_apply_info,
  .apply_event = kind_apply_event,
  .sort_key = kind_sort_key,
};

static int
kind_register_events (virConnectPtr   conn,
                      gpointer        opaque,
                      virFreeCallback free_opaque)
{
  return virConnectDomainEventRegisterAny (conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                           VIR_DOMAIN_EVENT_CALLBACK (vw_connection_lifecycle_event),
                                           opaque, free_opaque);
}

/* ----- GObject ----- */

#define SET_FIELD(field, prop)                                          \
  G_STMT_START {                                                        \
    if (self->field != info->field)                                     \
      {                                                                 \
        self->field = info->field;                                      \
        g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);   \
      }                                                                 \
  } G_STMT_END

static void
vw_domain_apply_info (VwDomain     *self,
                      VwDomainInfo *info)
{
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
  SET_FIELD (autostart, PROP_AUTOSTART);
  SET_FIELD (has_managed_save, PROP_HAS_MANAGED_SAVE);

  g_object_thaw_notify (G_OBJECT (self));
}

#undef SET_FIELD

static void
vw_domain_finalize (GObject *object)
{
  VwDomain *self = VW_DOMAIN (object);

  if (self->dom != NULL)
    virDomainFree (self->dom);
  g_weak_ref_clear (&self->connection);
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
    case PROP_AUTOSTART:
      g_value_set_boolean (value, self->autostart);
      break;
    case PROP_HAS_MANAGED_SAVE:
      g_value_set_boolean (value, self->has_managed_save);
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
  properties[PROP_AUTOSTART] = g_param_spec_boolean ("autostart", NULL, NULL, FALSE, flags);
  properties[PROP_HAS_MANAGED_SAVE] = g_param_spec_boolean ("has-managed-save", NULL, NULL, FALSE, flags);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VwDomain::refreshed:
   *
   * The domain was read again after one of its events or an operation on
   * it. Snapshots and device lists, which have no events of their own, are
   * reread then.
   */
  signals[REFRESHED] = g_signal_new ("refreshed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
vw_domain_init (VwDomain *self)
{
  g_weak_ref_init (&self->connection, NULL);
  self->id = -1;
}

/* ----- For the operations ----- */

/* A new reference for a worker thread, or %NULL when not connected. */
virDomainPtr
vw_domain_ref_virdomain (VwDomain *self)
{
  if (self->dom != NULL)
    virDomainRef (self->dom);
  return self->dom;
}

void
vw_domain_set_busy (VwDomain *self,
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

/* ----- Getters ----- */

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
vw_domain_get_autostart (VwDomain *self)
{
  g_return_val_if_fail (VW_IS_DOMAIN (self), FALSE);
  return self->autostart;
}

gboolean
vw_domain_get_has_managed_save (VwDomain *self)
{
  g_return_val_if_fail (VW_IS_DOMAIN (self), FALSE);
  return self->has_managed_save;
}

gboolean
vw_domain_get_busy (VwDomain *self)
{
  g_return_val_if_fail (VW_IS_DOMAIN (self), FALSE);
  return self->busy > 0;
}

/**
 * vw_domain_dup_connection:
 *
 * Returns: (transfer full) (nullable): the connection the domain is on
 */
VwConnection *
vw_domain_dup_connection (VwDomain *self)
{
  g_return_val_if_fail (VW_IS_DOMAIN (self), NULL);
  return g_weak_ref_get (&self->connection);
}

/* Whether @action makes sense now; the buttons follow this. */
gboolean
vw_domain_can (VwDomain       *self,
               VwDomainAction  action)
{
  g_return_val_if_fail (VW_IS_DOMAIN (self), FALSE);

  if (self->busy > 0 || self->dom == NULL || !vw_domain_action_is_allowed (action, self->state))
    return FALSE;

  switch (action)
    {
    case VW_DOMAIN_ACTION_START:
      return TRUE;
    case VW_DOMAIN_ACTION_MANAGED_SAVE_REMOVE:
      return self->has_managed_save;
    case VW_DOMAIN_ACTION_AUTOSTART_ENABLE:
      return self->persistent && !self->autostart;
    case VW_DOMAIN_ACTION_AUTOSTART_DISABLE:
      return self->autostart;
    default:
      return TRUE;
    }
}
