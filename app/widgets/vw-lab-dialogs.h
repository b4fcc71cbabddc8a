/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "vw-connection.h"
#include "vw-domain.h"

G_BEGIN_DECLS

/* Each dialog calls @callback with what the learner chose, or not at all
 * when they cancel. */
typedef void (*VwConfirmed)   (gpointer         user_data);
typedef void (*VwUndefineChosen) (VwUndefineFlags flags,
                                  gpointer        user_data);
typedef void (*VwTextChosen)  (const char      *text,
                               gpointer         user_data);

AdwMessageDialog *vw_confirm_dialog_show       (GtkWidget       *parent,
                                                const char      *heading,
                                                const char      *body,
                                                const char      *action_label,
                                                VwConfirmed      callback,
                                                gpointer         user_data,
                                                GDestroyNotify   destroy);
AdwMessageDialog *vw_undefine_dialog_show      (GtkWidget       *parent,
                                                VwDomain        *domain,
                                                const char      *storage_list,
                                                guint            n_snapshots,
                                                VwUndefineChosen callback,
                                                gpointer         user_data,
                                                GDestroyNotify   destroy);
AdwMessageDialog *vw_name_dialog_show          (GtkWidget       *parent,
                                                const char      *heading,
                                                const char      *body,
                                                const char      *initial,
                                                const char      *action_label,
                                                VwTextChosen     callback,
                                                gpointer         user_data,
                                                GDestroyNotify   destroy);
AdwMessageDialog *vw_connection_dialog_show    (GtkWidget       *parent,
                                                VwTextChosen     callback,
                                                gpointer         user_data,
                                                GDestroyNotify   destroy);
AdwMessageDialog *vw_credentials_dialog_show   (GtkWidget       *parent,
                                                VwCredentials   *credentials);
char             *vw_connection_uri_build      (const char      *driver,
                                                const char      *transport,
                                                const char      *user,
                                                const char      *host,
                                                gboolean         session);

G_END_DECLS
