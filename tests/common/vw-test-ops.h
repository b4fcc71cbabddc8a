/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "vw-connection.h"

G_BEGIN_DECLS

/* A fixture for tests of operations on a fresh sandbox lab: run one
 * operation, wait for it and for the events that follow, then look at the
 * error, the result and the recorded virsh lines. */
typedef struct
{
  VwConnection *connection;
  VwCommandLog *log;
  gboolean done;
  GError *error;
  gpointer result;
  GDestroyNotify result_free;
} VwTestOps;

void        vw_test_ops_setup        (VwTestOps     *ops,
                                      gconstpointer  data);
void        vw_test_ops_teardown     (VwTestOps     *ops,
                                      gconstpointer  data);
VwTestOps  *vw_test_ops_begin        (VwTestOps     *ops);
void        vw_test_ops_done         (GObject       *object,
                                      GAsyncResult  *result,
                                      gpointer       user_data);
void        vw_test_ops_done_string  (GObject       *object,
                                      GAsyncResult  *result,
                                      gpointer       user_data);
void        vw_test_ops_wait         (VwTestOps     *ops);
const char *vw_test_ops_last_command (VwTestOps     *ops);
guint       vw_test_ops_n_commands   (VwTestOps     *ops);
gpointer    vw_test_ops_find         (GListModel    *model,
                                      const char    *name);

G_END_DECLS
