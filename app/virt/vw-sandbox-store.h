/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <libvirt/libvirt.h>

#include "vw-connection.h"
#include "vw-sandbox-serialize.h"

G_BEGIN_DECLS

#define VW_TYPE_SANDBOX_STORE (vw_sandbox_store_get_type ())

G_DECLARE_FINAL_TYPE (VwSandboxStore, vw_sandbox_store, VW, SANDBOX_STORE, GObject)

VwSandboxStore *vw_sandbox_store_new          (VwConnection         *connection,
                                               const char           *path);
const char     *vw_sandbox_store_get_path     (VwSandboxStore       *self);
guint           vw_sandbox_store_get_n_saves  (VwSandboxStore       *self);
const char     *vw_sandbox_store_get_error    (VwSandboxStore       *self);
void            vw_sandbox_store_save_async   (VwSandboxStore       *self,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean        vw_sandbox_store_save_finish  (VwSandboxStore       *self,
                                               GAsyncResult         *result,
                                               GError              **error);

gboolean        vw_sandbox_store_wait_all     (guint                 timeout_ms);

G_END_DECLS
