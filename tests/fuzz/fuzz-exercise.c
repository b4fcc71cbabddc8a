/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "vw-exercise-parse.h"
#include "vw-fuzz.h"
#include "vw-paths.h"

/* An exercise file, as the catalog reads it: parsed, its conditions built
 * and its objects checked against the starting lab. The file is named
 * after the id the input gives, so that inputs get past the name check. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char * const objectives[] = { "351.1", "351.3", "351.4", "351.5", NULL };
  static VwExerciseContext *context;
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autoptr(VwExercise) exercise = NULL;
  const char *found;

  vw_fuzz_setup ();
  if (context == NULL)
    context = vw_exercise_context_new (objectives, vw_paths_data_dir ());
  found = strstr (text, "id=\"");
  if (found != NULL)
    id = g_strndup (found + 4, strcspn (found + 4, "\"/ \n"));
  name = g_strconcat (id != NULL && *id != '\0' && strlen (id) < 100 ? id : "x", ".exercise.xml", NULL);
  path = vw_fuzz_write_file (name, data, size);
  exercise = vw_exercise_parse_file (context, path, FALSE, NULL);
  if (exercise != NULL)
    g_assert (vw_exercise_get_n_steps (exercise) > 0);
  return 0;
}
