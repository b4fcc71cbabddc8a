/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "vw-connection.h"

G_BEGIN_DECLS

AdwMessageDialog *vw_network_dialog_show (GtkWidget    *parent,
                                          VwConnection *connection);

G_END_DECLS
