/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  VW_OBJECT_MACHINE,
  VW_OBJECT_NETWORK,
  VW_OBJECT_POOL,
  VW_OBJECT_VOLUME,
  VW_OBJECT_SNAPSHOT,
  VW_OBJECT_FILTER,
} VwObjectKind;

#define VW_VALIDATE_ERROR (vw_validate_error_quark ())

typedef enum {
  VW_VALIDATE_ERROR_NAME,
  VW_VALIDATE_ERROR_URI,
  VW_VALIDATE_ERROR_PATH,
  VW_VALIDATE_ERROR_RANGE,
  VW_VALIDATE_ERROR_XML,
} VwValidateError;

GQuark   vw_validate_error_quark (void);
gboolean vw_validate_name        (VwObjectKind   kind,
                                  const char    *name,
                                  GError       **error);
gboolean vw_validate_uri         (const char    *uri,
                                  GError       **error);
gboolean vw_validate_abs_path    (const char    *path,
                                  GError       **error);
gboolean vw_parse_size           (const char    *text,
                                  guint64       *bytes,
                                  GError       **error);
gboolean vw_validate_size        (guint64        bytes,
                                  GError       **error);

/* The largest volume the lab agrees to create or grow to: 64 TiB. */
#define VW_MAX_VOLUME_SIZE (G_GUINT64_CONSTANT (64) << 40)

G_END_DECLS
