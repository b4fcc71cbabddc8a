/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "vw-connection.h"

G_BEGIN_DECLS

#define VW_TYPE_TOPOLOGY (vw_topology_get_type ())

G_DECLARE_FINAL_TYPE (VwTopology, vw_topology, VW, TOPOLOGY, GObject)

/* The four kinds of node in the graph. */
typedef enum {
  VW_TOPOLOGY_KIND_NETWORK,
  VW_TOPOLOGY_KIND_MACHINE,
  VW_TOPOLOGY_KIND_POOL,
  VW_TOPOLOGY_KIND_VOLUME,
} VwTopologyKind;

/* What a "network" node is: a libvirt network, or what an interface of
 * another type attaches to. */
typedef enum {
  VW_TOPOLOGY_NET_LIBVIRT,      /* <interface type='network'> */
  VW_TOPOLOGY_NET_HOST_BRIDGE,  /* <interface type='bridge'>: a bridge of the host, such as br0 */
  VW_TOPOLOGY_NET_HOST_DEVICE,  /* <interface type='direct'>: macvtap on a host device */
  VW_TOPOLOGY_NET_USER,         /* <interface type='user'>: QEMU's own user-mode NAT */
} VwTopologyNetKind;

typedef struct
{
  VwTopologyNetKind kind;
  const char *name;
  const char *mode;        /* nat, route, open, isolated…; NULL but for defined libvirt networks */
  const char *subnet;      /* 192.168.122.0/24, or NULL */
  const char *bridge;      /* virbr0, or NULL */
  gboolean defined;        /* FALSE: a machine names a libvirt network that does not exist */
  gboolean active;
  gboolean reaches_outside;
} VwTopologyNetwork;

typedef struct
{
  const char *name;
  VwDomainState state;
  gboolean config_read;    /* its XML has been read: its edges are known */
} VwTopologyMachine;

typedef struct
{
  const char *name;
  const char *type;        /* dir, logical, … */
  gboolean active;
} VwTopologyPool;

typedef struct
{
  const char *name;
  const char *path;
  const char *format;
  const char *backing;     /* the path of its backing image, or NULL */
  int pool;                /* index of its pool, or -1: a file in no pool */
} VwTopologyVolume;

typedef enum {
  VW_TOPOLOGY_EDGE_OUTSIDE,   /* network → the host's outside world; "to" is 0 */
  VW_TOPOLOGY_EDGE_NETWORK,   /* machine → network */
  VW_TOPOLOGY_EDGE_DISK,      /* machine → volume */
  VW_TOPOLOGY_EDGE_BACKING,   /* overlay volume → backing volume */
} VwTopologyEdgeKind;

typedef struct
{
  VwTopologyEdgeKind kind;
  guint from;
  guint to;
  const char *target;      /* DISK: the guest's device name (vda) */
  gboolean readonly;       /* DISK: a CD-ROM or read-only disk */
} VwTopologyEdge;

VwTopology               *vw_topology_new            (VwConnection   *connection);
VwConnection             *vw_topology_get_connection (VwTopology     *self);
void                      vw_topology_set_active     (VwTopology     *self,
                                                      gboolean        active);
gboolean                  vw_topology_get_active     (VwTopology     *self);
gboolean                  vw_topology_get_busy       (VwTopology     *self);
guint                     vw_topology_get_serial     (VwTopology     *self);

/* The graph as of the last ::changed; pointers (and the strings in the
 * nodes) stay valid until the next. */
guint                     vw_topology_get_n_nodes    (VwTopology     *self,
                                                      VwTopologyKind  kind);
const VwTopologyNetwork  *vw_topology_get_network    (VwTopology     *self,
                                                      guint           index);
const VwTopologyMachine  *vw_topology_get_machine    (VwTopology     *self,
                                                      guint           index);
const VwTopologyPool     *vw_topology_get_pool       (VwTopology     *self,
                                                      guint           index);
const VwTopologyVolume   *vw_topology_get_volume     (VwTopology     *self,
                                                      guint           index);
guint                     vw_topology_get_n_edges    (VwTopology     *self);
const VwTopologyEdge     *vw_topology_get_edge       (VwTopology     *self,
                                                      guint           index);

/* Lookups by name: an index, or -1. A file in no pool is found by its path,
 * with @pool %NULL. */
int                       vw_topology_find           (VwTopology     *self,
                                                      VwTopologyKind  kind,
                                                      const char     *name);
int                       vw_topology_find_volume    (VwTopology     *self,
                                                      const char     *pool,
                                                      const char     *name);
gboolean                  vw_topology_has_edge       (VwTopology     *self,
                                                      VwTopologyEdgeKind kind,
                                                      int             from,
                                                      int             to);

/* What a node is and what it is joined to, in a few lines of plain text
 * for a learner (the picture's tooltips), and the whole lab in a few
 * sentences (for a screen reader). */
char                     *vw_topology_describe       (VwTopology     *self,
                                                      VwTopologyKind  kind,
                                                      guint           index);
char                     *vw_topology_summarize      (VwTopology     *self);
/* "NAT", "Isolated", "Host bridge", … */
const char               *vw_topology_network_get_mode_label (const VwTopologyNetwork *network);

G_END_DECLS
