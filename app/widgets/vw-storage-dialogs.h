/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "vw-connection.h"
#include "vw-pool.h"
#include "vw-volume.h"

G_BEGIN_DECLS

/* Each form checks what is typed as it is typed, keeps its action
 * insensitive while something is wrong, and calls @callback only with
 * checked values; cancelling calls nothing. */
typedef void (*VwPoolChosen)   (const char *name,
                                const char *path,
                                gpointer    user_data);
typedef void (*VwVolumeChosen) (const char *name,
                                const char *format,
                                guint64     capacity,
                                const char *backing,
                                gpointer    user_data);
typedef void (*VwSizeChosen)   (guint64     capacity,
                                gpointer    user_data);

AdwMessageDialog *vw_new_pool_dialog_show    (GtkWidget      *parent,
                                              VwConnection   *connection,
                                              VwPoolChosen    callback,
                                              gpointer        user_data,
                                              GDestroyNotify  destroy);
AdwMessageDialog *vw_new_volume_dialog_show  (GtkWidget      *parent,
                                              VwPool         *pool,
                                              VwVolumeChosen  callback,
                                              gpointer        user_data,
                                              GDestroyNotify  destroy);
AdwMessageDialog *vw_resize_volume_dialog_show (GtkWidget    *parent,
                                              VwVolume       *volume,
                                              VwSizeChosen    callback,
                                              gpointer        user_data,
                                              GDestroyNotify  destroy);
GtkWindow        *vw_pool_xml_window_show    (GtkWidget      *parent,
                                              VwPool         *pool);
GtkWindow        *vw_volume_xml_window_show  (GtkWidget      *parent,
                                              VwVolume       *volume);

G_END_DECLS
