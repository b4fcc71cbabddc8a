/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-lab-reader"

#include <libvirt/virterror.h>

#include "vw-error.h"
#include "vw-lab-reader.h"

typedef struct
{
  VwLabReader parent;
  virConnectPtr conn;
} VirtReader;

/* libvirt says "no such object" with one error code per kind. */
static gboolean
is_missing (void)
{
  virErrorPtr last = virGetLastError ();

  if (last == NULL)
    return FALSE;
  switch (last->code)
    {
    case VIR_ERR_NO_DOMAIN:
    case VIR_ERR_NO_DOMAIN_SNAPSHOT:
    case VIR_ERR_NO_NETWORK:
    case VIR_ERR_NO_STORAGE_POOL:
    case VIR_ERR_NO_STORAGE_VOL:
    case VIR_ERR_NO_NWFILTER:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
lookup_failed (const VwLabRef  *ref,
               VwLabFacts      *facts,
               GError         **error)
{
  virErrorPtr last = virGetLastError ();

  if (is_missing ())
    {
      facts->exists = FALSE;
      virResetLastError ();
      return TRUE;
    }
  g_set_error (error, VW_ERROR, VW_ERROR_FAILED, "%s “%s”: %s", vw_lab_kind_to_string (ref->kind), ref->name,
               last != NULL && last->message != NULL ? last->message : "unknown error");
  virResetLastError ();
  return FALSE;
}

static gboolean
read_domain_facts (virDomainPtr     dom,
                   const VwLabRef  *ref,
                   VwLabFacts      *facts)
{
  virDomainSnapshotPtr current;
  int state = -1, reason, autostart = 0;
  char *xml;

  if (virDomainGetState (dom, &state, &reason, 0) == 0)
    facts->state = state;
  facts->persistent = virDomainIsPersistent (dom);
  if (virDomainGetAutostart (dom, &autostart) == 0)
    facts->autostart = autostart;
  facts->managed_save = virDomainHasManagedSaveImage (dom, 0);
  current = virDomainSnapshotCurrent (dom, 0);
  if (current != NULL)
    {
      facts->current_snapshot = g_strdup (virDomainSnapshotGetName (current));
      virDomainSnapshotFree (current);
    }
  virResetLastError ();
  xml = virDomainGetXMLDesc (dom, ref->inactive ? VIR_DOMAIN_XML_INACTIVE : 0);
  facts->xml = g_strdup (xml);
  free (xml);
  return facts->xml != NULL;
}

static gboolean
read_snapshot (virConnectPtr    conn,
               const VwLabRef  *ref,
               VwLabFacts      *facts,
               GError         **error)
{
  virDomainPtr dom = virDomainLookupByName (conn, ref->parent);
  virDomainSnapshotPtr snap;
  char *xml;

  if (dom == NULL)
    return lookup_failed (ref, facts, error);
  snap = virDomainSnapshotLookupByName (dom, ref->name, 0);
  if (snap == NULL)
    {
      /* Read the error before virDomainFree() clears it. */
      gboolean ok = lookup_failed (ref, facts, error);

      virDomainFree (dom);
      return ok;
    }
  virDomainFree (dom);
  facts->exists = TRUE;
  facts->current = virDomainSnapshotIsCurrent (snap, 0);
  xml = virDomainSnapshotGetXMLDesc (snap, 0);
  facts->xml = g_strdup (xml);
  free (xml);
  virDomainSnapshotFree (snap);
  virResetLastError ();
  return TRUE;
}

static gboolean
read_volume (virConnectPtr    conn,
             const VwLabRef  *ref,
             VwLabFacts      *facts,
             GError         **error)
{
  virStoragePoolPtr pool = virStoragePoolLookupByName (conn, ref->parent);
  virStorageVolPtr vol;
  char *xml;

  if (pool == NULL)
    return lookup_failed (ref, facts, error);
  vol = virStorageVolLookupByName (pool, ref->name);
  if (vol == NULL)
    {
      gboolean ok = lookup_failed (ref, facts, error);

      virStoragePoolFree (pool);
      return ok;
    }
  virStoragePoolFree (pool);
  facts->exists = TRUE;
  xml = virStorageVolGetXMLDesc (vol, 0);
  facts->xml = g_strdup (xml);
  free (xml);
  virStorageVolFree (vol);
  return TRUE;
}

static gboolean
virt_read (VwLabReader      *reader,
           const VwLabRef   *ref,
           VwLabFacts       *facts,
           GError          **error)
{
  VirtReader *self = (VirtReader *) reader;
  char *xml = NULL;
  int autostart = 0;

  virResetLastError ();
  facts->exists = TRUE;
  switch (ref->kind)
    {
    case VW_LAB_DOMAIN:
      {
        virDomainPtr dom = virDomainLookupByName (self->conn, ref->name);

        if (dom == NULL)
          return lookup_failed (ref, facts, error);
        if (!read_domain_facts (dom, ref, facts))
          {
            /* Read the error before virDomainFree() clears it. */
            gboolean ok = lookup_failed (ref, facts, error);

            virDomainFree (dom);
            return ok;
          }
        virDomainFree (dom);
        return TRUE;
      }
    case VW_LAB_SNAPSHOT:
      return read_snapshot (self->conn, ref, facts, error);
    case VW_LAB_NETWORK:
      {
        virNetworkPtr net = virNetworkLookupByName (self->conn, ref->name);

        if (net == NULL)
          return lookup_failed (ref, facts, error);
        facts->active = virNetworkIsActive (net);
        facts->persistent = virNetworkIsPersistent (net);
        if (virNetworkGetAutostart (net, &autostart) == 0)
          facts->autostart = autostart;
        xml = virNetworkGetXMLDesc (net, ref->inactive ? VIR_NETWORK_XML_INACTIVE : 0);
        if (xml == NULL)
          {
            gboolean ok = lookup_failed (ref, facts, error);

            virNetworkFree (net);
            return ok;
          }
        virNetworkFree (net);
        break;
      }
    case VW_LAB_POOL:
      {
        virStoragePoolPtr pool = virStoragePoolLookupByName (self->conn, ref->name);

        if (pool == NULL)
          return lookup_failed (ref, facts, error);
        facts->active = virStoragePoolIsActive (pool);
        facts->persistent = virStoragePoolIsPersistent (pool);
        if (virStoragePoolGetAutostart (pool, &autostart) == 0)
          facts->autostart = autostart;
        xml = virStoragePoolGetXMLDesc (pool, ref->inactive ? VIR_STORAGE_XML_INACTIVE : 0);
        if (xml == NULL)
          {
            gboolean ok = lookup_failed (ref, facts, error);

            virStoragePoolFree (pool);
            return ok;
          }
        virStoragePoolFree (pool);
        break;
      }
    case VW_LAB_VOLUME:
      return read_volume (self->conn, ref, facts, error);
    case VW_LAB_FILTER:
      {
        virNWFilterPtr filter = virNWFilterLookupByName (self->conn, ref->name);

        if (filter == NULL)
          return lookup_failed (ref, facts, error);
        xml = virNWFilterGetXMLDesc (filter, 0);
        if (xml == NULL)
          {
            gboolean ok = lookup_failed (ref, facts, error);

            virNWFilterFree (filter);
            return ok;
          }
        virNWFilterFree (filter);
        break;
      }
    case VW_LAB_N_KINDS:
    default:
      g_return_val_if_reached (FALSE);
    }
  facts->xml = g_strdup (xml);
  free (xml);
  virResetLastError ();
  return TRUE;
}

static void
virt_free (VwLabReader *reader)
{
  VirtReader *self = (VirtReader *) reader;

  virConnectClose (self->conn);
  g_free (self);
}

VwLabReader *
vw_lab_reader_new_for_virconn (virConnectPtr conn)
{
  VirtReader *self = g_new0 (VirtReader, 1);

  self->parent.read = virt_read;
  self->parent.free = virt_free;
  virConnectRef (conn);
  self->conn = conn;
  return &self->parent;
}
