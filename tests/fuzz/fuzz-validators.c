/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "vw-fuzz.h"
#include "vw-validate.h"

/* What the forms take from the learner: a connection URI, the names of
 * machines, networks, pools, volumes and snapshots, absolute paths and
 * sizes such as "10G". */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  guint64 bytes = 0;

  vw_fuzz_setup ();
  vw_validate_uri (text, NULL);
  for (int kind = VW_OBJECT_MACHINE; kind <= VW_OBJECT_FILTER; kind++)
    vw_validate_name (kind, text, NULL);
  vw_validate_abs_path (text, NULL);
  if (vw_parse_size (text, &bytes, NULL))
    vw_validate_size (bytes, NULL);
  return 0;
}
