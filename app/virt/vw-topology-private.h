/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "vw-domain-config.h"
#include "vw-topology.h"

G_BEGIN_DECLS

/* Shared by vw-topology.c (the lists and the reads), vw-topology-build.c
 * (the graph they make) and vw-topology-describe.c (the graph in words). */

/* One machine as last read. */
typedef struct
{
  VwDomain *domain;
  gulong refreshed_id;
  gulong state_id;
  guint hash;               /* of the XML last read */
  gboolean queued;
  gboolean reading;
  gboolean again;           /* refreshed while being read */
  VwDomainConfig *config;
} Entry;

struct _VwTopology
{
  GObject parent_instance;

  VwConnection *connection;
  gboolean active;

  /* While active. */
  GCancellable *cancellable;
  gulong list_ids[3];
  GHashTable *entries;      /* VwDomain → Entry */
  GHashTable *watches;      /* network, pool, volume or volume list → handler id */
  GQueue queue;             /* of Entry, waiting for a read */
  guint n_reading;
  guint update_id;
  gint64 last_update;

  /* The graph: nodes by VwTopologyKind, their strings all in one chunk. */
  GArray *nodes[4];
  GArray *edges;
  GStringChunk *strings;
  guint serial;
};

/* A node of the graph by kind and index. */
#define NODE(self, type, kind, i) (&g_array_index ((self)->nodes[kind], type, i))

void vw_topology_rebuild (VwTopology *self);

G_END_DECLS
