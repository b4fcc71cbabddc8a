/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "vw-connection-private.h"

G_BEGIN_DECLS

/* The connection's insides, shared by vw-connection.c (the object),
 * vw-connection-models.c (its lists and events) and vw-connection-open.c
 * (opening, losing and regaining the daemon). */

#define CREDENTIALS_TIMEOUT_S 300
#define KEEPALIVE_INTERVAL_S 3
#define KEEPALIVE_COUNT 3

/* Each kind follows its lifecycle event and, optionally, one more. */
#define VW_KIND_EVENTS 2

typedef struct
{
  guint issued;
  guint applied;
} Serial;

typedef struct
{
  const VwKind *kind;
  GListStore *store;
  GHashTable *by_uuid;
  GHashTable *serials;
  int event_ids[VW_KIND_EVENTS];
  /* A first list too long to add in one go, added a chunk per main loop
   * iteration so that the window never freezes. */
  GPtrArray *pending;
  guint pending_next;
} KindSet;

#define LOAD_CHUNK 1000
#define LOAD_FIRST_CHUNK 25
#define LOAD_FRAME_MS 16

struct _VwConnection
{
  GObject parent_instance;

  char *uri;
  char *title;
  gboolean sandbox;
  VwConnectionStatus status;
  char *error_message;
  VwCommandLog *command_log;

  virConnectPtr conn;
  guint generation;
  KindSet kinds[VW_N_KINDS];

  gboolean keep_open;
  guint load_id;
  guint reconnect_id;
  guint first_delay_ms;
  guint max_delay_ms;
  guint delay_ms;
  GCancellable *cancellable;
};

typedef struct
{
  GWeakRef self;
  VwKindId kind;
  guint generation;
} EventTarget;

void                vw_connection_set_status        (VwConnection       *self,
                                                     VwConnectionStatus  status,
                                                     const char         *error_message);
void                vw_connection_notify_loading    (VwConnection       *self);
void                vw_connection_emit_credentials  (VwConnection       *self,
                                                     VwCredentials      *credentials);
gboolean            vw_connection_has_credentials_handler (VwConnection *self);
const VwKind       *vw_connection_kind_table        (VwKindId            id);

/* vw-connection-models.c */
void                vw_connection_sync_kind         (VwConnection       *self,
                                                     KindSet            *set,
                                                     GPtrArray          *infos);
void                vw_connection_stop_loading      (VwConnection       *self);
void                vw_connection_refresh_object    (VwConnection       *self,
                                                     VwKindId            kind,
                                                     gpointer            ptr);
void                vw_connection_sort_infos        (const VwKind       *kind,
                                                     GPtrArray          *infos);
EventTarget        *vw_connection_event_target_new  (VwConnection       *self,
                                                     VwKindId            kind,
                                                     guint               generation);
void                vw_connection_event_target_free (void               *data);

/* vw-connection-open.c */
void                vw_connection_drop_virconn      (VwConnection       *self);

void vw_connection_emit_lab_event  (VwConnection  *self);

G_END_DECLS
