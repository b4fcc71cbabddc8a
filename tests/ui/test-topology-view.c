/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "vw-test-util.h"

/* (Being written.) */

int
main (int   argc,
      char *argv[])
{
  vw_test_init (&argc, &argv);
  return g_test_run ();
}
