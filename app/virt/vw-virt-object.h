/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define VW_TYPE_VIRT_OBJECT (vw_virt_object_get_type ())

G_DECLARE_DERIVABLE_TYPE (VwVirtObject, vw_virt_object, VW, VIRT_OBJECT, GObject)

typedef struct _VwConnection VwConnection;

struct _VwVirtObjectClass
{
  GObjectClass parent_class;

  /* Which of the connection's lists it is in (a VwKindId). */
  guint kind;

  /* The libvirt handle's reference counting: virNetworkRef/Free, … */
  int  (*ref_ptr)  (gpointer ptr);
  int  (*free_ptr) (gpointer ptr);
};

const char   *vw_virt_object_get_name        (VwVirtObject *self);
const char   *vw_virt_object_get_uuid        (VwVirtObject *self);
gboolean      vw_virt_object_get_active      (VwVirtObject *self);
gboolean      vw_virt_object_get_persistent  (VwVirtObject *self);
gboolean      vw_virt_object_get_autostart   (VwVirtObject *self);
gboolean      vw_virt_object_get_busy        (VwVirtObject *self);
VwConnection *vw_virt_object_dup_connection  (VwVirtObject *self);

/* Every operation on a network, pool or volume ends with one of these. */
gboolean      vw_virt_object_op_finish       (VwVirtObject  *self,
                                              GAsyncResult  *result,
                                              GError       **error);
gpointer      vw_virt_object_op_finish_pointer (VwVirtObject  *self,
                                              GAsyncResult  *result,
                                              GError       **error);

G_END_DECLS
