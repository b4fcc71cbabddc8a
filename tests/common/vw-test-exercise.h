/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <libvirt/libvirt.h>

#include "vw-exercise.h"
#include "vw-lab-check.h"

G_BEGIN_DECLS

/* Runs one virsh command line of an exercise through the libvirt API;
 * file arguments are read from @files_dir. */
gboolean     vw_test_apply_solution_api (virConnectPtr   conn,
                                         const char     *command_line,
                                         const char     *files_dir,
                                         GError        **error);

/* Runs @solutions (virsh command lines, or none) with real virsh on @uri
 * in @files_dir, then reads @refs (VwLabRef *) in the same virsh process.
 * Returns: (transfer full): a reader serving what virsh printed */
VwLabReader *vw_test_virsh_session_run  (const char     *uri,
                                         GPtrArray      *solutions,
                                         GPtrArray      *refs,
                                         const char     *files_dir,
                                         char          **transcript,
                                         GError        **error);

/* Every object @exercise's checks read, without repeats (borrowed). */
GPtrArray   *vw_test_exercise_refs      (VwExercise     *exercise);
/* Writes @exercise's files into a new temporary folder. */
char        *vw_test_exercise_files_dir (VwExercise     *exercise);

G_END_DECLS
