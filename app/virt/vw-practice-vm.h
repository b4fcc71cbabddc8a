/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "vw-connection.h"

G_BEGIN_DECLS

/* The lab's practice VM: a Debian kernel and a BusyBox initramfs that
 * scripts/build-practice-vm prepares (./dev run calls it), booted with no
 * disk on a QEMU connection. */
#define VW_PRACTICE_VM_NAME "practice-vm"
/* What the guest writes to its serial port once its console's shell is at
 * the prompt. */
#define VW_PRACTICE_VM_READY_LINE "practice-vm ready"

char     *vw_practice_vm_get_dir                   (void);
gboolean  vw_practice_vm_is_prepared               (void);
char     *vw_practice_vm_get_serial_log            (VwConnection         *connection);

void      vw_connection_create_practice_vm_async   (VwConnection         *self,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean  vw_connection_create_practice_vm_finish  (VwConnection         *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

G_END_DECLS
