/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libvirt/libvirt.h>

#include "vw-lab-check.h"

G_BEGIN_DECLS

/* Reads objects through the libvirt API. Blocking: call it from a worker
 * thread. The reader holds a reference on @conn. */
VwLabReader *vw_lab_reader_new_for_virconn (virConnectPtr conn);

G_END_DECLS
