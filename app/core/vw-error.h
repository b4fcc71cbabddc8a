/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define VW_ERROR (vw_error_quark ())

typedef enum {
  VW_ERROR_FAILED,
  VW_ERROR_INVALID_DATA,
  VW_ERROR_NOT_FOUND,
  VW_ERROR_INVALID_ARGUMENT,
} VwError;

GQuark vw_error_quark (void);

G_END_DECLS
