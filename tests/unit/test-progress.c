/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "vw-paths.h"
#include "vw-progress.h"
#include "vw-test-util.h"

/* The learner's reading progress and bookmarks survive restarts, crashes,
 * full disks and damaged files: a damaged file is kept aside, never
 * trusted and never silently lost, and a failed save leaves the old file
 * exactly as it was. */

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = g_dir_make_tmp ("vw-progress-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
  fixture->path = g_build_filename (fixture->dir, "progress.ini", NULL);
}

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      g_chmod (path, 0700);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
    }
  g_remove (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* The names in @dir, sorted and joined by spaces. */
static char *
list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static char *
read_file (const char *path,
           gsize      *length)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, length, NULL));
  return contents;
}

static void
write_file (const char *path,
            const char *contents,
            gssize      length)
{
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
}

static VwProgress *
load (const char *path)
{
  g_autoptr(GError) error = NULL;
  VwProgress *progress = vw_progress_new (path);

  gboolean ok = vw_progress_load (progress, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
  return progress;
}

static VwBookmark *
bookmark_at (VwProgress *progress,
             guint       position)
{
  g_autoptr(VwBookmark) bookmark = g_list_model_get_item (vw_progress_get_bookmarks (progress), position);

  g_assert_nonnull (bookmark);
  return bookmark;   /* the store keeps it alive */
}

static guint
n_bookmarks (VwProgress *progress)
{
  return g_list_model_get_n_items (vw_progress_get_bookmarks (progress));
}

static void
assert_bookmark (VwBookmark *bookmark,
                 const char *objective,
                 const char *anchor,
                 guint       offset,
                 const char *note)
{
  g_assert_cmpstr (vw_bookmark_get_objective (bookmark), ==, objective);
  g_assert_cmpstr (vw_bookmark_get_anchor (bookmark), ==, anchor);
  g_assert_cmpuint (vw_bookmark_get_offset (bookmark), ==, offset);
  g_assert_cmpstr (vw_bookmark_get_note (bookmark), ==, note);
}

/* A store with some of everything, saved to @path. */
static void
write_good_file (const char *path)
{
  g_autoptr(VwProgress) progress = load (path);
  g_autoptr(GError) error = NULL;

  vw_progress_mark_read (progress, "351.4", "virtio");
  vw_progress_mark_read (progress, "351.4", "kvm-modules");
  vw_progress_mark_read (progress, "352.1", "qemu-img");
  vw_progress_add_bookmark (progress, "351.4", "virtio", 1250, "Balloon driver");
  vw_progress_add_bookmark (progress, "352.1", "qemu-img", 40, "");
  g_assert_true (vw_progress_save (progress, &error));
  g_assert_no_error (error);
}

static void
test_paths (void)
{
  g_autofree char *path = vw_paths_progress_file ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "virt-workbench", "progress.ini", NULL);

  g_assert_cmpstr (path, ==, expected);
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(VwProgress) progress = load (fixture->path);
  g_autoptr(VwProgress) again = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) read = NULL;
  VwBookmark *bookmark;
  gint64 created;

  g_assert_true (vw_progress_mark_read (progress, "351.4", "virtio"));
  g_assert_true (vw_progress_mark_read (progress, "351.4", "kvm; modules"));   /* the list separator */
  g_assert_true (vw_progress_mark_read (progress, "351.10", "libvirt-xml"));
  g_assert_true (vw_progress_mark_read (progress, "352.1", " leading space"));

  /* Kept sorted by objective (351.4 before 351.10), then by offset. */
  vw_progress_add_bookmark (progress, "351.10", "libvirt-xml", 5, "Two lines\nof note; with [brackets]");
  vw_progress_add_bookmark (progress, "351.4", "virtio", 200, "");
  bookmark = vw_progress_add_bookmark (progress, "351.4", "kvm; modules", 10, "Ünïcödé 名前");
  g_assert_nonnull (bookmark);
  created = g_date_time_to_unix (vw_bookmark_get_created (bookmark));
  /* The same place again replaces the note instead of adding a twin. */
  g_assert_true (vw_progress_add_bookmark (progress, "351.4", "kvm; modules", 10, "Replaced") == bookmark);
  g_assert_cmpuint (n_bookmarks (progress), ==, 3);

  /* Completed exercises, once each. */
  g_assert_true (vw_progress_set_exercise_done (progress, "snapshot-before-change"));
  g_assert_false (vw_progress_set_exercise_done (progress, "snapshot-before-change"));
  g_assert_true (vw_progress_set_exercise_done (progress, "network-define-isolated"));

  g_assert_true (vw_progress_flush (progress, &error));
  g_assert_no_error (error);

  again = load (fixture->path);
  g_assert_true (vw_progress_is_exercise_done (again, "snapshot-before-change"));
  g_assert_true (vw_progress_is_exercise_done (again, "network-define-isolated"));
  g_assert_false (vw_progress_is_exercise_done (again, "domain-retire"));
  g_assert_cmpuint (vw_progress_get_n_exercises_done (again), ==, 2);
  g_assert_true (vw_progress_is_read (again, "351.4", "virtio"));
  g_assert_true (vw_progress_is_read (again, "351.4", "kvm; modules"));
  g_assert_true (vw_progress_is_read (again, "351.10", "libvirt-xml"));
  g_assert_true (vw_progress_is_read (again, "352.1", " leading space"));
  g_assert_false (vw_progress_is_read (again, "351.4", "libvirt-xml"));
  read = vw_progress_get_read (again, "351.4");
  g_assert_cmpuint (g_strv_length (read), ==, 2);
  g_assert_cmpstr (read[0], ==, "kvm; modules");
  g_assert_cmpstr (read[1], ==, "virtio");

  g_assert_cmpuint (n_bookmarks (again), ==, 3);
  assert_bookmark (bookmark_at (again, 0), "351.4", "kvm; modules", 10, "Replaced");
  assert_bookmark (bookmark_at (again, 1), "351.4", "virtio", 200, "");
  assert_bookmark (bookmark_at (again, 2), "351.10", "libvirt-xml", 5, "Two lines\nof note; with [brackets]");
  g_assert_cmpint (g_date_time_to_unix (vw_bookmark_get_created (bookmark_at (again, 0))), ==, created);

  /* Removing and editing come back the same way. */
  g_assert_true (vw_progress_set_bookmark_note (again, bookmark_at (again, 1), "Later"));
  g_assert_false (vw_progress_set_bookmark_note (again, bookmark_at (again, 1), "Later"));
  g_assert_true (vw_progress_remove_bookmark (again, bookmark_at (again, 0)));
  g_assert_true (vw_progress_reset_objective (again, "351.4"));
  g_assert_false (vw_progress_reset_objective (again, "351.4"));
  g_assert_true (vw_progress_flush (again, &error));
  g_clear_object (&progress);
  progress = load (fixture->path);
  g_assert_cmpuint (n_bookmarks (progress), ==, 2);
  assert_bookmark (bookmark_at (progress, 0), "351.4", "virtio", 200, "Later");
  g_assert_false (vw_progress_is_read (progress, "351.4", "virtio"));
  g_assert_true (vw_progress_is_read (progress, "351.10", "libvirt-xml"));
}

static void
test_missing (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(VwProgress) progress = load (fixture->path);
  g_auto(GStrv) read = vw_progress_get_read (progress, "351.4");

  g_assert_cmpuint (g_strv_length (read), ==, 0);
  g_assert_cmpuint (n_bookmarks (progress), ==, 0);
  /* Loading writes nothing. */
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

/* Loads @bad, which must be refused as damaged, kept aside byte for byte
 * and leave an empty store that saves and reloads. */
static void
assert_refused (const char *path,
                const char *bad,
                gsize       length)
{
  g_autoptr(VwProgress) progress = vw_progress_new (path);
  g_autoptr(VwProgress) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *aside = g_strconcat (path, ".corrupt", NULL);
  g_autofree char *kept = NULL;
  g_auto(GStrv) read = NULL;
  gsize kept_length;

  write_file (path, bad, (gssize) length);
  g_assert_false (vw_progress_load (progress, &error));
  g_assert_error (error, VW_PROGRESS_ERROR, VW_PROGRESS_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, path));

  kept = read_file (aside, &kept_length);
  g_assert_cmpmem (kept, kept_length, bad, length);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  read = vw_progress_get_read (progress, "351.4");
  g_assert_cmpuint (g_strv_length (read), ==, 0);
  g_assert_cmpuint (n_bookmarks (progress), ==, 0);

  g_clear_error (&error);
  g_assert_true (vw_progress_mark_read (progress, "353.1", "after"));
  g_assert_true (vw_progress_save (progress, &error));
  g_assert_no_error (error);
  again = load (path);
  g_assert_true (vw_progress_is_read (again, "353.1", "after"));
  g_assert_false (vw_progress_is_read (again, "351.4", "virtio"));
}

static void
test_truncated (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *aside = g_strconcat (fixture->path, ".corrupt", NULL);
  g_autofree char *good = NULL;
  const char *complete;
  gsize length;

  write_good_file (fixture->path);
  good = read_file (fixture->path, &length);
  /* An older damaged copy is replaced by the newer one. */
  write_file (aside, "older damage", -1);
  assert_refused (fixture->path, good, length / 2);

  /* Every cut before the end of "version=1" is noticed, wherever it falls:
   * in a value, a key, a group name or between groups. */
  complete = g_strrstr (good, "version=1");
  g_assert_nonnull (complete);
  for (gsize cut = 0; good + cut < complete + strlen ("version=1") - 1; cut++)
    {
      g_test_message ("cut after %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT " bytes", cut, length);
      assert_refused (fixture->path, good, cut);
    }
}

static void
test_garbage (Fixture       *fixture,
              gconstpointer  data)
{
  static const char garbage[] = { 0x7f, 'E', 'L', 'F', 0x02, 0x01, 0x00, 0x00, 0x3e, 0x00, 0x0a, 0xff };

  assert_refused (fixture->path, garbage, sizeof garbage);
  assert_refused (fixture->path, "", 0);
  assert_refused (fixture->path, "just some words\n", strlen ("just some words\n"));
}

static void
test_invalid_utf8 (Fixture       *fixture,
                   gconstpointer  data)
{
  /* Well formed otherwise: only the encoding of one anchor is wrong. */
  static const char bad[] = "[objective 351.4]\nread=virt\xc3\x28io\n\n[format]\nversion=1\n";

  assert_refused (fixture->path, bad, strlen (bad));
}

static void
test_wrong_version (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char newer[] = "[objective 351.4]\nread=virtio\n\n[format]\nversion=2\n";

  assert_refused (fixture->path, newer, strlen (newer));
}

static void
test_bad_entry (Fixture       *fixture,
                gconstpointer  data)
{
  static const char file[] =
    "# written by hand\n"
    "[objective 351.4]\nread=virtio;kvm-modules\nfuture=1\n\n"
    "[objective ]\nread=x\n\n"
    "[objective 352.1]\nno-read=here\n\n"
    "[bookmark 1]\nobjective=351.4\nanchor=virtio\noffset=100\nnote=first\ncreated=2026-01-12T09:30:00Z\n"
    "colour=red\n\n"
    "[bookmark 2]\nobjective=351.4\nanchor=virtio\noffset=abc\nnote=bad offset\ncreated=2026-01-12T09:30:00Z\n\n"
    "[bookmark 3]\nobjective=351.4\nanchor=virtio\noffset=-5\nnote=negative\ncreated=2026-01-12T09:30:00Z\n\n"
    "[bookmark 4]\nobjective=351.4\nanchor=virtio\noffset=300\nnote=bad date\ncreated=yesterday\n\n"
    "[bookmark 5]\nanchor=virtio\noffset=400\nnote=no objective\ncreated=2026-01-12T09:30:00Z\n\n"
    "[bookmark 6]\nobjective=352.1\nanchor=qemu-img\noffset=7\ncreated=2026-01-13T10:00:00+02:00\n\n"
    "[something new]\nkey=value\n\n"
    "[format]\nversion=1\nwriter=later\n";
  g_autoptr(VwProgress) progress = NULL;
  g_autoptr(GDateTime) expected = g_date_time_new_utc (2026, 1, 13, 8, 0, 0);
  g_auto(GStrv) read = NULL;

  write_file (fixture->path, file, -1);
  progress = load (fixture->path);
  read = vw_progress_get_read (progress, "351.4");
  g_assert_cmpuint (g_strv_length (read), ==, 2);
  g_assert_cmpuint (n_bookmarks (progress), ==, 2);
  assert_bookmark (bookmark_at (progress, 0), "351.4", "virtio", 100, "first");
  assert_bookmark (bookmark_at (progress, 1), "352.1", "qemu-img", 7, "");
  g_assert_true (g_date_time_equal (vw_bookmark_get_created (bookmark_at (progress, 1)), expected));
}

typedef struct
{
  guint count;
  char *message;
} Failures;

static void
on_save_failed (VwProgress   *progress,
                const GError *error,
                Failures     *failures)
{
  failures->count++;
  g_free (failures->message);
  failures->message = g_strdup (error->message);
}

static gboolean
has_failed (gpointer data)
{
  return ((Failures *) data)->count > 0;
}

typedef struct
{
  const char *path;
  const char *needle;
} FileHas;

static gboolean
file_has (gpointer data)
{
  FileHas *has = data;
  g_autofree char *contents = NULL;

  return g_file_get_contents (has->path, &contents, NULL, NULL) && strstr (contents, has->needle) != NULL;
}

static void
test_atomic (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *sub = g_build_filename (fixture->dir, "sub", NULL);
  g_autofree char *moved = g_build_filename (fixture->dir, "moved", NULL);
  g_autofree char *path = g_build_filename (sub, "progress.ini", NULL);
  g_autofree char *old = NULL;
  g_autofree char *now = NULL;
  g_autofree char *names = NULL;
  g_autoptr(VwProgress) progress = NULL;
  g_autoptr(VwProgress) again = NULL;
  g_autoptr(GError) error = NULL;
  Failures failures = { 0 };
  FileHas has = { path, "second" };
  gboolean root = geteuid () == 0;
  int expected_code = root ? G_FILE_ERROR_NOTDIR : G_FILE_ERROR_ACCES;
  gsize old_length;
  gsize now_length;

  /* The folder is made when missing, and no temporary file stays behind. */
  write_good_file (path);
  names = list_dir (sub);
  g_assert_cmpstr (names, ==, "progress.ini");
  old = read_file (path, &old_length);

  progress = load (path);
  g_signal_connect (progress, "save-failed", G_CALLBACK (on_save_failed), &failures);

  /* Root writes into read-only folders, so for root the folder is taken
   * away and a regular file put in its place instead. */
  if (root)
    {
      g_assert_cmpint (g_rename (sub, moved), ==, 0);
      write_file (sub, "not a folder", -1);
    }
  else
    g_assert_cmpint (g_chmod (sub, 0500), ==, 0);

  g_assert_true (vw_progress_mark_read (progress, "353.1", "first"));
  g_assert_true (vw_test_wait_until (has_failed, &failures, 5000));
  g_assert_cmpuint (failures.count, ==, 1);
  g_assert_nonnull (failures.message);
  g_assert_cmpstr (failures.message, !=, "");
  g_test_message ("save-failed: %s", failures.message);

  /* A save the caller waits on reports the same way. */
  g_assert_false (vw_progress_save (progress, &error));
  g_assert_error (error, G_FILE_ERROR, expected_code);
  g_clear_error (&error);

  /* The memory keeps the change; the old file is untouched. */
  g_assert_true (vw_progress_is_read (progress, "353.1", "first"));
  if (root)
    {
      g_assert_cmpint (g_remove (sub), ==, 0);
      g_assert_cmpint (g_rename (moved, sub), ==, 0);
    }
  else
    g_assert_cmpint (g_chmod (sub, 0700), ==, 0);
  now = read_file (path, &now_length);
  g_assert_cmpmem (now, now_length, old, old_length);
  g_clear_pointer (&names, g_free);
  names = list_dir (sub);
  g_assert_cmpstr (names, ==, "progress.ini");

  /* The next change tries again and saves both. */
  g_assert_true (vw_progress_mark_read (progress, "353.1", "second"));
  g_assert_true (vw_test_wait_until (file_has, &has, 5000));
  g_assert_cmpuint (failures.count, ==, 1);
  again = load (path);
  g_assert_true (vw_progress_is_read (again, "353.1", "first"));
  g_assert_true (vw_progress_is_read (again, "353.1", "second"));
  g_assert_true (vw_progress_is_read (again, "351.4", "virtio"));
  g_free (failures.message);
}

/* A full disk, imitated with a file size limit, which binds root too. */
static void
test_disk_full (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(VwProgress) progress = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *old = NULL;
  g_autofree char *now = NULL;
  g_autofree char *names = NULL;
  struct rlimit saved;
  struct rlimit limit;
  gsize old_length;
  gsize now_length;

  write_good_file (fixture->path);
  old = read_file (fixture->path, &old_length);
  progress = load (fixture->path);
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *anchor = g_strdup_printf ("section-%u", i);

      vw_progress_mark_read (progress, "354.1", anchor);
    }

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  limit = saved;
  limit.rlim_cur = old_length;
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  g_assert_false (vw_progress_save (progress, &error));
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  /* EFBIG has no GFileError code of its own. */
  g_assert_nonnull (error);
  g_assert_true (error->domain == G_FILE_ERROR);

  now = read_file (fixture->path, &now_length);
  g_assert_cmpmem (now, now_length, old, old_length);
  names = list_dir (fixture->dir);
  g_assert_cmpstr (names, ==, "progress.ini");
  g_assert_true (vw_progress_is_read (progress, "354.1", "section-49"));
  g_clear_error (&error);
  g_assert_true (vw_progress_flush (progress, &error));
  g_assert_no_error (error);
}

static void
test_readiness (Fixture       *fixture,
                gconstpointer  data)
{
  static const char * const kvm[] = { "a", "b", "c", NULL };
  static const char * const xen[] = { "x", NULL };
  static const char * const none[] = { NULL };
  const VwProgressObjective objectives[] = {
    { "351.1", 9, kvm },
    { "351.2", 3, xen },
    { "351.3", 0, kvm },   /* no weight: left out */
  };
  g_autoptr(VwProgress) progress = load (fixture->path);

  g_assert_cmpfloat (vw_progress_overall_fraction (progress, objectives, G_N_ELEMENTS (objectives)), ==, 0.0);
  vw_progress_mark_read (progress, "351.1", "b");
  vw_progress_mark_read (progress, "351.1", "gone");   /* no longer in the notes */
  vw_progress_mark_read (progress, "351.2", "x");
  vw_progress_mark_read (progress, "351.3", "a");

  g_assert_cmpfloat (vw_progress_objective_fraction (progress, "351.1", kvm), ==, 1.0 / 3.0);
  g_assert_cmpfloat (vw_progress_objective_fraction (progress, "351.2", xen), ==, 1.0);
  g_assert_cmpfloat (vw_progress_objective_fraction (progress, "351.9", kvm), ==, 0.0);
  g_assert_cmpfloat (vw_progress_objective_fraction (progress, "351.1", none), ==, 0.0);
  /* (9 × 1/3 + 3 × 1) / 12, exactly. */
  g_assert_cmpfloat (vw_progress_overall_fraction (progress, objectives, G_N_ELEMENTS (objectives)), ==, 0.5);

  vw_progress_mark_read (progress, "351.1", "a");
  vw_progress_mark_read (progress, "351.1", "c");
  g_assert_cmpfloat (vw_progress_overall_fraction (progress, objectives, G_N_ELEMENTS (objectives)), ==, 1.0);
  g_assert_cmpfloat (vw_progress_overall_fraction (progress, NULL, 0), ==, 0.0);
  g_assert_true (vw_progress_flush (progress, NULL));
}

typedef struct
{
  guint count;
  char *last;
} Changes;

static void
on_changed (VwProgress *progress,
            const char *objective_id,
            Changes    *changes)
{
  changes->count++;
  g_free (changes->last);
  changes->last = g_strdup (objective_id);
}

static void
test_changed (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(VwProgress) progress = load (fixture->path);
  Changes changes = { 0 };

  g_signal_connect (progress, "changed", G_CALLBACK (on_changed), &changes);
  g_assert_true (vw_progress_mark_read (progress, "351.4", "virtio"));
  g_assert_cmpuint (changes.count, ==, 1);
  g_assert_cmpstr (changes.last, ==, "351.4");
  g_assert_false (vw_progress_mark_read (progress, "351.4", "virtio"));
  g_assert_cmpuint (changes.count, ==, 1);
  g_assert_true (vw_progress_mark_read (progress, "352.1", "virtio"));
  g_assert_cmpuint (changes.count, ==, 2);
  g_assert_cmpstr (changes.last, ==, "352.1");

  /* Bookmarks show in their list model instead. */
  vw_progress_add_bookmark (progress, "351.4", "virtio", 3, NULL);
  g_assert_cmpuint (changes.count, ==, 2);

  /* Coalesced: one write for the burst, after the delay. */
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
  vw_test_wait_ms (600);
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_EXISTS));

  g_assert_true (vw_progress_flush (progress, NULL));
  g_signal_handlers_disconnect_by_data (progress, &changes);
  g_free (changes.last);
}

int
main (int   argc,
      char *argv[])
{
  vw_test_init (&argc, &argv);

  g_test_add_func ("/progress/paths", test_paths);
#define ADD(name, func) g_test_add ("/progress/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("round-trip", test_round_trip);
  ADD ("missing", test_missing);
  ADD ("corrupt/truncated", test_truncated);
  ADD ("corrupt/garbage", test_garbage);
  ADD ("corrupt/invalid-utf8", test_invalid_utf8);
  ADD ("corrupt/wrong-version", test_wrong_version);
  ADD ("bad-entry", test_bad_entry);
  ADD ("atomic", test_atomic);
  ADD ("disk-full", test_disk_full);
  ADD ("readiness", test_readiness);
  ADD ("changed", test_changed);
#undef ADD

  return g_test_run ();
}
