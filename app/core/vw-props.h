/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Setting a model's field from a fresh read, with a notification only when
 * the value really changed (so that bound widgets redraw only then). */
void vw_props_set_string (GObject     *object,
                          char       **field,
                          const char  *value,
                          GParamSpec  *pspec);
void vw_props_set_u64    (GObject     *object,
                          guint64     *field,
                          guint64      value,
                          GParamSpec  *pspec);
void vw_props_set_uint   (GObject     *object,
                          guint       *field,
                          guint        value,
                          GParamSpec  *pspec);

G_END_DECLS
