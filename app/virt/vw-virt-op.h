/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "vw-connection.h"

G_BEGIN_DECLS

/* Runs in a worker thread; returns FALSE with @error set on failure. It may
 * append to @commands (a GPtrArray of GStrv) the virsh arguments of what it
 * did when they are only known once it runs (a clone's volume copies). */
typedef gboolean (*VwVirtOpFunc) (gpointer    data,
                                  GPtrArray  *commands,
                                  GError    **error);

void     vw_virt_op_run    (gpointer              source_object,
                            VwConnection         *connection,
                            const char * const   *virsh_args,
                            VwVirtOpFunc          func,
                            gpointer              data,
                            GDestroyNotify        data_free,
                            GCancellable         *cancellable,
                            GAsyncReadyCallback   callback,
                            gpointer              user_data);
gboolean vw_virt_op_finish (GAsyncResult         *result,
                            GError              **error);
gpointer vw_virt_op_get_data (GAsyncResult       *result);
GStrv    vw_virt_args      (const char           *first,
                            ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
