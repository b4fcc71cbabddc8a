/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "vw-topology-view.h"

G_BEGIN_DECLS

/* Shared by vw-topology-view.c (the widget: what is drawn where, the
 * pointer, tooltips and API) and vw-topology-paint.c and
 * vw-topology-paint-links.c (drawing it). */

#define MARGIN 20.f
#define BAND_H 58.f
#define BAND_GAP 44.f
#define TRUNK_W 34.f
#define NET_H 62.f
#define MACHINE_H 54.f
#define GAP 10.f
#define BLOCK_GAP 22.f
#define POOL_HEAD 40.f
#define VOL_H 30.f
#define MORE_H 30.f
#define ARC_ROOM 40.f
#define RADIUS 10.f
#define N_LEGEND 5

enum {
  TEXT_BOLD = 1 << 0,
  TEXT_SMALL = 1 << 1,
  TEXT_RIGHT = 1 << 2,
  TEXT_HEADING = 1 << 3,
  TEXT_TITLE = 1 << 4,
};

typedef struct { int network; GArray *items; guint hidden; } Block;   /* network -1: none */
typedef struct { int pool; GArray *items; guint hidden; } Shelf;      /* pool -1: no pool */
/* "and N more", or with kind -1 the header of machines on no network. */
typedef struct { graphene_rect_t rect; int kind; guint count; } More;

struct _VwTopologyView
{
  GtkWidget parent_instance;

  VwConnection *connection;
  VwTopology *topology;
  gulong changed_id;
  gulong status_id;

  /* What is drawn and in which order: rebuilt on ::changed. */
  GPtrArray *blocks;
  GPtrArray *shelves;
  guint hidden_networks;
  GArray *lanes;            /* per network: its bus lane, or -1 */
  GArray *slots;            /* per edge: its place among its machine's ports */
  GArray *n_ports[2];       /* per machine: network ports, disk ports */
  guint n_lanes;

  /* Where: rebuilt on allocation. */
  int width;
  gboolean narrow;
  float x0, content_w, net_w, mach_w, store_w, bus_w, disk_w, height;
  graphene_rect_t loose;    /* the card of files in no pool */
  GArray *rects[4];         /* per node, by VwTopologyKind; empty when not drawn */
  GArray *mores;
  graphene_point_t legend[N_LEGEND];

  int hover_kind;
  int hover_index;
  GHashTable *icons;
  PangoLayout *pango;
};

extern const char *const vw_topology_legend_text[N_LEGEND];

/* vw-topology-view.c */
const graphene_rect_t *vw_topology_view_rect_of  (VwTopologyView  *self,
                                                  VwTopologyKind   kind,
                                                  guint            index);
const char            *vw_topology_view_message  (VwTopologyView  *self,
                                                  const char     **icon_name,
                                                  const char     **body);

/* vw-topology-paint.c */
float                  vw_topology_view_text     (VwTopologyView  *self,
                                                  GtkSnapshot     *snapshot,
                                                  const char      *str,
                                                  float            x,
                                                  float            center_y,
                                                  float            max_w,
                                                  const GdkRGBA   *color,
                                                  int              style);
void                   vw_topology_view_snapshot (GtkWidget       *widget,
                                                  GtkSnapshot     *snapshot);

G_END_DECLS
