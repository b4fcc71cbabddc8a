/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *vw_paths_data_dir   (void);
char       *vw_paths_data_file  (const char *first_element, ...) G_GNUC_NULL_TERMINATED;
const char *vw_paths_locale_dir (void);
char       *vw_paths_state_file (const char *first_element,
                                 ...) G_GNUC_NULL_TERMINATED;
char       *vw_paths_new_command_file (const char *name);
char       *vw_paths_progress_file    (void);
char       *vw_paths_exam_file        (const char *name);

G_END_DECLS
