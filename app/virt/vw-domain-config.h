/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char *device;     /* disk, cdrom, floppy, lun */
  char *type;       /* file, block, volume, network */
  char *target;     /* vda */
  char *bus;        /* virtio */
  char *source;     /* a path, "pool/volume", or a network name */
  char *format;     /* qcow2, raw */
  gboolean readonly;
} VwDiskConfig;

typedef struct
{
  char *type;       /* network, bridge, direct, user */
  char *source;     /* the network, bridge or device name */
  char *model;      /* virtio */
  char *mac;
  char *target;     /* vnet0, when running */
  char *filter;     /* a filterref */
} VwInterfaceConfig;

typedef struct
{
  char *type;       /* vnc, spice */
  int port;         /* -1 when automatic and not running */
  gboolean autoport;
  char *listen;
} VwGraphicsConfig;

typedef struct
{
  char *name;
  char *uuid;
  char *type;       /* kvm, qemu, xen, test */
  char *title;
  char *description;
  char *os_type;    /* hvm, xen, linux */
  char *arch;
  char *machine;
  guint vcpus_max;
  guint vcpus_current;
  guint64 memory_max;     /* KiB */
  guint64 memory_current; /* KiB */
  GPtrArray *disks;       /* VwDiskConfig */
  GPtrArray *interfaces;  /* VwInterfaceConfig */
  GPtrArray *graphics;    /* VwGraphicsConfig */
} VwDomainConfig;

VwDomainConfig *vw_domain_config_parse (const char      *xml,
                                        GError         **error);
void            vw_domain_config_free  (VwDomainConfig  *config);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VwDomainConfig, vw_domain_config_free)

char           *vw_domain_xml_clone    (const char      *xml,
                                        const char      *new_name,
                                        const char      *new_uuid,
                                        GHashTable      *new_sources,
                                        GError         **error);
char           *vw_random_mac          (void);

G_END_DECLS
