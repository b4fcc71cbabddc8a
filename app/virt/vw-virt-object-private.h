/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libvirt/libvirt.h>

#include "vw-virt-object.h"
#include "vw-virt-op.h"

G_BEGIN_DECLS

/* What every listed libvirt object (network, pool) has, as read in a worker
 * thread; the subclasses' info structures start with it. */
typedef struct
{
  gpointer ptr;
  char *name;
  char uuid[VIR_UUID_STRING_BUFLEN];
  gboolean active;
  gboolean persistent;
  gboolean autostart;
} VwVirtObjectInfo;

void     vw_virt_object_info_clear (VwVirtObjectInfo *info,
                                    int             (*free_ptr) (gpointer));
/* VwKind's info_uuid and sort_key for infos that start with a
 * VwVirtObjectInfo: lists sorted by name as a file manager would. */
const char *vw_virt_object_info_uuid     (gpointer info);
char       *vw_virt_object_info_sort_key (gpointer info);
void     vw_virt_object_setup      (VwVirtObject     *self,
                                    VwConnection     *connection,
                                    VwVirtObjectInfo *info);
void     vw_virt_object_apply_info (VwVirtObject     *self,
                                    VwVirtObjectInfo *info);
void     vw_virt_object_set_active (VwVirtObject     *self,
                                    gboolean          active);
void     vw_virt_object_set_busy   (VwVirtObject     *self,
                                    gboolean          busy);
gpointer vw_virt_object_ref_ptr    (VwVirtObject     *self);

/* What one operation on a network, pool or volume carries to its worker
 * thread. @ptr is a reference on the object's handle, released with the
 * class's free_ptr; @result, when a read sets it, is what the finish
 * function returns. */
typedef struct
{
  VwVirtObject *object;
  gpointer ptr;
  int action;
  char *name;
  char *path;
  char *xml;
  char *format;
  guint64 size;
  guint flags;
  gpointer result;
  GDestroyNotify result_free;
} VwObjectOp;

VwObjectOp *vw_object_op_new        (VwVirtObject        *self);
void        vw_object_op_free       (VwObjectOp          *op);
void        vw_virt_object_start_op (VwVirtObject        *self,
                                     VwObjectOp          *op,
                                     GStrv                virsh_args,
                                     VwVirtOpFunc         func,
                                     GError              *error,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);

G_END_DECLS
