/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *vw_shell_quote (const char         *arg);
char *vw_shell_join  (const char * const *argv);

G_END_DECLS
