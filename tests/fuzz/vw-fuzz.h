/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <stdint.h>

G_BEGIN_DECLS

/* libFuzzer's entry point, which every fuzzer here defines. */
int   LLVMFuzzerTestOneInput (const uint8_t *data,
                              size_t         size);

/* Quiets the warnings a broken input is meant to give (the code under
 * test logs what it refuses), and gives a scratch folder for the run. */
const char *vw_fuzz_setup      (void);
/* Writes the input to @name in the scratch folder; returns its path. */
char       *vw_fuzz_write_file (const char    *name,
                                const uint8_t *data,
                                size_t         size);

G_END_DECLS
