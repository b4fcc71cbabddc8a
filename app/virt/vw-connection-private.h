/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libvirt/libvirt.h>

#include "vw-connection.h"

G_BEGIN_DECLS

/* The three kinds of libvirt object the connection lists and follows by
 * events. Each model file (vw-domain.c, vw-network.c, vw-pool.c) describes
 * its kind with one of these tables; the connection does the rest the same
 * way for all three. */
typedef enum {
  VW_KIND_DOMAIN,
  VW_KIND_NETWORK,
  VW_KIND_POOL,
  VW_N_KINDS
} VwKindId;

typedef struct
{
  const char *name;
  GType (*get_type) (void);

  /* Worker thread. */
  int       (*list_all)          (virConnectPtr   conn,
                                  gpointer      **ptrs);
  gpointer  (*read_info)         (gpointer        ptr,
                                  GError        **error);
  void      (*free_ptr)          (gpointer        ptr);
  int       (*register_events)   (virConnectPtr   conn,
                                  gpointer        opaque,
                                  virFreeCallback free_opaque);
  int       (*deregister_events) (virConnectPtr   conn,
                                  int             id);
  /* Optional: one more event that calls for a fresh read (a pool's
   * refresh, which may have found new volumes). */
  int       (*register_more_events) (virConnectPtr   conn,
                                  gpointer        opaque,
                                  virFreeCallback free_opaque);

  /* Any thread. */
  int       (*ref_ptr)           (gpointer        ptr);
  int       (*get_uuid)          (gpointer        ptr,
                                  char           *buf);
  const char *(*info_uuid)       (gpointer        info);
  void      (*free_info)         (gpointer        info);

  /* Main thread. */
  GObject  *(*new_object)        (VwConnection   *connection,
                                  gpointer        info);
  void      (*apply_info)        (GObject        *object,
                                  gpointer        info);
  /* Optional: show what an event says before the fresh read lands. */
  void      (*apply_event)       (GObject        *object,
                                  int             event);
  /* Optional, worker thread: the order the list is given in. */
  char     *(*sort_key)          (gpointer        info);
} VwKind;

extern const VwKind vw_domain_kind;
extern const VwKind vw_network_kind;
extern const VwKind vw_pool_kind;

virConnectPtr vw_connection_ref_virconn (VwConnection       *self);
void          vw_connection_record      (VwConnection       *self,
                                         const char * const *virsh_args);
void          vw_connection_refresh     (VwConnection       *self,
                                         VwKindId            kind,
                                         gpointer            ptr);

G_END_DECLS

G_BEGIN_DECLS

/* The lifecycle callback registered for all three kinds: libvirt's domain,
 * network and pool callbacks have the same shape. */
int  vw_connection_lifecycle_event (virConnectPtr  conn,
                                    void          *ptr,
                                    int            event,
                                    int            detail,
                                    void          *opaque);
void vw_connection_reread_event    (virConnectPtr  conn,
                                    void          *ptr,
                                    void          *opaque);

G_END_DECLS
