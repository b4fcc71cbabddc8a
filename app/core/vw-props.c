/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "vw-props.h"

void
vw_props_set_string (GObject     *object,
                     char       **field,
                     const char  *value,
                     GParamSpec  *pspec)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (object, pspec);
}

void
vw_props_set_u64 (GObject    *object,
                  guint64    *field,
                  guint64     value,
                  GParamSpec *pspec)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (object, pspec);
}

void
vw_props_set_uint (GObject    *object,
                   guint      *field,
                   guint       value,
                   GParamSpec *pspec)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (object, pspec);
}
