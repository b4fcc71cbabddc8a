/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "vw-test-ops.h"
#include "vw-test-util.h"

G_BEGIN_DECLS

/* What the tests that boot the practice VM on the system daemon share. */
#define VW_TEST_QEMU_URI "qemu:///system"

int      vw_test_practice_init     (int            *argc,
                                    char         ***argv);
void     vw_test_practice_remove   (void);
gboolean vw_test_wait_for          (VwTestCondition condition,
                                    gpointer        data,
                                    guint           timeout_ms);
gboolean vw_test_file_has          (const char     *path,
                                    const char     *needle);
void     vw_test_open_ops          (VwTestOps      *ops,
                                    const char     *uri);

G_END_DECLS
