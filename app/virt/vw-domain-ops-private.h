/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libvirt/libvirt.h>

#include "vw-domain.h"
#include "vw-virt-op.h"

G_BEGIN_DECLS

/* What one domain operation carries to its worker thread; shared by
 * vw-domain-ops.c and vw-domain-clone.c. */
typedef struct
{
  virDomainPtr dom;
  GStrv volumes;
  int n_snapshots;
  VwDomainAction action;
  char *path;
  guint flags;
  guint count;
  gboolean maximum;
  guint64 kib;
  char *new_name;
  char *xml;
} DomainOp;

void  vw_domain_op_free    (DomainOp            *op);
GError *vw_domain_not_connected_error (VwDomain *self);
void  vw_domain_start_op   (VwDomain            *self,
                            DomainOp            *op,
                            GStrv                virsh_args,
                            VwVirtOpFunc         func,
                            GError              *error,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data);

/* A read (nothing recorded, the machine not marked busy): runs @func for
 * @op in a worker thread and hands @task (transfer full) to @done, or
 * returns the "not connected" error on @task. */
void  vw_domain_start_read (VwDomain            *self,
                            DomainOp            *op,
                            VwVirtOpFunc         func,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  done,
                            GTask               *task);

G_END_DECLS
