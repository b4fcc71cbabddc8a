/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "vw-bookmark.h"
#include "vw-fuzz.h"
#include "vw-progress-format.h"

/* The reading progress file: parsed, and what was kept written back. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GHashTable) read = vw_progress_format_new_read_table ();
  g_autoptr(GPtrArray) bookmarks = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) exercises = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GListStore) store = g_list_store_new (VW_TYPE_BOOKMARK);

  vw_fuzz_setup ();
  if (vw_progress_format_parse ("fuzz.ini", (const char *) data, size, read, bookmarks, exercises, NULL))
    {
      g_autofree char *again = NULL;
      gsize length;

      for (guint i = 0; i < bookmarks->len; i++)
        g_list_store_append (store, bookmarks->pdata[i]);
      again = vw_progress_format_write (read, G_LIST_MODEL (store), exercises, &length);
      g_assert (again != NULL && g_utf8_validate (again, (gssize) length, NULL));
    }
  return 0;
}
