/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "vw-connection-private.h"
#include "vw-pool.h"
#include "vw-test-ops.h"
#include "vw-test-util.h"
#include "vw-validate.h"
#include "vw-virt.h"

/* Storage pools and volumes on the sandbox lab: each operation, its virsh
 * line, and each refusal (which records nothing and changes nothing). */

typedef VwTestOps Fixture;

static VwPool *
pool (Fixture    *fixture,
      const char *name)
{
  VwPool *p = vw_test_ops_find (vw_connection_get_pools (fixture->connection), name);

  g_assert_nonnull (p);
  return p;
}

static void
run_pool (Fixture      *fixture,
          const char   *name,
          VwPoolAction  action)
{
  vw_pool_run_async (pool (fixture, name), action, NULL, vw_test_ops_done, vw_test_ops_begin (fixture));
  vw_test_ops_wait (fixture);
}

static gboolean
is_active (VwPool *p)
{
  return vw_virt_object_get_active (VW_VIRT_OBJECT (p));
}

static void
test_pool_model (Fixture       *fixture,
                 gconstpointer  data)
{
  VwPool *images = pool (fixture, "default");
  VwVolume *web;

  g_assert_cmpstr (vw_pool_get_pool_type (images), ==, "dir");
  g_assert_cmpstr (vw_pool_get_target (images), ==, "/var/lib/libvirt/images");
  g_assert_cmpuint (vw_pool_get_capacity (images), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (vw_pool_get_volumes (images)), ==, 6);
  web = vw_pool_find_volume (images, "web01.qcow2");
  g_assert_nonnull (web);
  g_assert_cmpstr (vw_volume_get_path (web), ==, "/var/lib/libvirt/images/web01.qcow2");
  g_assert_cmpstr (vw_volume_get_format (web), ==, "qcow2");
  g_assert_cmpuint (vw_volume_get_capacity (web), >, 0);
}

static void
test_define_and_lifecycle (Fixture       *fixture,
                           gconstpointer  data)
{
  VwPool *p;

  vw_connection_define_pool_async (fixture->connection, "scratch", "/srv/scratch", NULL,
                                   vw_test_ops_done, vw_test_ops_begin (fixture));
  vw_test_ops_wait (fixture);
  g_assert_no_error (fixture->error);
  g_assert_cmpstr (vw_test_ops_last_command (fixture), ==, "pool-define-as scratch dir --target /srv/scratch");
  p = pool (fixture, "scratch");
  g_assert_false (is_active (p));
  g_assert_true (vw_virt_object_get_persistent (VW_VIRT_OBJECT (p)));
  g_assert_cmpstr (vw_pool_get_target (p), ==, "/srv/scratch");

  run_pool (fixture, "scratch", VW_POOL_ACTION_BUILD);
  g_assert_no_error (fixture->error);
  g_assert_cmpstr (vw_test_ops_last_command (fixture), ==, "pool-build scratch");

  run_pool (fixture, "scratch", VW_POOL_ACTION_START);
  g_assert_no_error (fixture->error);
  g_assert_true (is_active (p));
  g_assert_cmpstr (vw_test_ops_last_command (fixture), ==, "pool-start scratch");

  run_pool (fixture, "scratch", VW_POOL_ACTION_AUTOSTART_ENABLE);
  g_assert_no_error (fixture->error);
  g_assert_true (vw_virt_object_get_autostart (VW_VIRT_OBJECT (p)));
  g_assert_cmpstr (vw_test_ops_last_command (fixture), ==, "pool-autostart scratch");
  run_pool (fixture, "scratch", VW_POOL_ACTION_AUTOSTART_DISABLE);
  g_assert_false (vw_virt_object_get_autostart (VW_VIRT_OBJECT (p)));
  g_assert_cmpstr (vw_test_ops_last_command (fixture), ==, "pool-autostart scratch --disable");

  run_pool (fixture, "scratch", VW_POOL_ACTION_REFRESH);
  g_assert_no_error (fixture->error);
  g_assert_cmpstr (vw_test_ops_last_command (fixture), ==, "pool-refresh scratch");

  run_pool (fixture, "scratch", VW_POOL_ACTION_STOP);
  g_assert_no_error (fixture->error);
  g_assert_false (is_active (p));
  g_assert_cmpstr (vw_test_ops_last_command (fixture), ==, "pool-destroy scratch");

  run_pool (fixture, "scratch", VW_POOL_ACTION_UNDEFINE);
  g_assert_no_error (fixture->error);
  g_assert_cmpstr (vw_test_ops_last_command (fixture), ==, "pool-undefine scratch");
  g_assert_null (vw_test_ops_find (vw_connection_get_pools (fixture->connection), "scratch"));
}

static void
test_define_refusals (Fixture       *fixture,
                      gconstpointer  data)
{
  static const struct { const char *name; const char *path; int code; } cases[] = {
    { "scratch", "srv/scratch", VW_VALIDATE_ERROR_PATH },
    { "scratch", "", VW_VALIDATE_ERROR_PATH },
    { "scratch", "../scratch", VW_VALIDATE_ERROR_PATH },
    { "bad/name", "/srv/scratch", VW_VALIDATE_ERROR_NAME },
    { "", "/srv/scratch", VW_VALIDATE_ERROR_NAME },
  };
  guint n_pools = g_list_model_get_n_items (vw_connection_get_pools (fixture->connection));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      vw_connection_define_pool_async (fixture->connection, cases[i].name, cases[i].path, NULL,
                                       vw_test_ops_done, vw_test_ops_begin (fixture));
      vw_test_ops_wait (fixture);
      g_assert_error (fixture->error, VW_VALIDATE_ERROR, cases[i].code);
    }
  /* libvirt refuses a name that exists. */
  vw_connection_define_pool_async (fixture->connection, "default", "/srv/other", NULL,
                                   vw_test_ops_done, vw_test_ops_begin (fixture));
  vw_test_ops_wait (fixture);
  g_assert_nonnull (fixture->error);
  g_assert_cmpuint (vw_test_ops_n_commands (fixture), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (vw_connection_get_pools (fixture->connection)), ==, n_pools);
}

static void
create_volume (Fixture    *fixture,
               const char *name,
               guint64     size,
               const char *format,
               const char *backing)
{
  vw_pool_create_volume_async (pool (fixture, "default"), name, size, format, backing, NULL,
                               vw_test_ops_done, vw_test_ops_begin (fixture));
  vw_test_ops_wait (fixture);
}

static void
test_volumes (Fixture       *fixture,
              gconstpointer  data)
{
  VwPool *images = pool (fixture, "default");
  guint n = g_list_model_get_n_items (vw_pool_get_volumes (images));
  guint64 allocation = vw_pool_get_allocation (images);
  VwVolume *base, *overlay;

  create_volume (fixture, "base.qcow2", G_GUINT64_CONSTANT (10) << 30, "qcow2", NULL);
  g_assert_no_error (fixture->error);
  g_assert_cmpstr (vw_test_ops_last_command (fixture), ==, "vol-create-as default base.qcow2 10G --format qcow2");
  base = vw_pool_find_volume (images, "base.qcow2");
  g_assert_nonnull (base);
  g_assert_cmpuint (vw_volume_get_capacity (base), ==, G_GUINT64_CONSTANT (10) << 30);
  g_assert_cmpstr (vw_volume_get_format (base), ==, "qcow2");
  g_assert_cmpuint (g_list_model_get_n_items (vw_pool_get_volumes (images)), ==, n + 1);
  g_assert_cmpuint (vw_pool_get_allocation (images), >, allocation);

  create_volume (fixture, "disk.raw", 512 << 20, "raw", NULL);
  g_assert_no_error (fixture->error);
  g_assert_cmpstr (vw_test_ops_last_command (fixture), ==, "vol-create-as default disk.raw 512M --format raw");

  create_volume (fixture, "overlay.qcow2", G_GUINT64_CONSTANT (10) << 30, "qcow2", "base.qcow2");
  g_assert_no_error (fixture->error);
  g_assert_cmpstr (vw_test_ops_last_command (fixture), ==,
                   "vol-create-as default overlay.qcow2 10G --format qcow2 --backing-vol base.qcow2 --backing-vol-format qcow2");
  overlay = vw_pool_find_volume (images, "overlay.qcow2");
  g_assert_nonnull (overlay);
  g_assert_cmpstr (vw_volume_get_backing (overlay), ==, vw_volume_get_path (base));

  vw_volume_get_xml_async (overlay, NULL, vw_test_ops_done_string, vw_test_ops_begin (fixture));
  vw_test_ops_wait (fixture);
  g_assert_no_error (fixture->error);
  g_assert_nonnull (strstr (fixture->result, "<backingStore>"));

  /* The sandbox's test driver cannot resize: the message says so and
   * nothing is recorded; the real daemon's test covers resizing. */
  vw_volume_resize_async (base, G_GUINT64_CONSTANT (20) << 30, NULL, vw_test_ops_done, vw_test_ops_begin (fixture));
  vw_test_ops_wait (fixture);
  if (!vw_virt_error_is (fixture->error, VIR_ERR_NO_SUPPORT))
    g_error ("resize: %s", fixture->error ? fixture->error->message : "no error");
  g_assert_cmpstr (vw_test_ops_last_command (fixture), !=, "vol-resize base.qcow2 20G --pool default");

  vw_volume_delete_async (overlay, NULL, vw_test_ops_done, vw_test_ops_begin (fixture));
  vw_test_ops_wait (fixture);
  g_assert_no_error (fixture->error);
  g_assert_cmpstr (vw_test_ops_last_command (fixture), ==, "vol-delete overlay.qcow2 --pool default");
  g_assert_null (vw_pool_find_volume (images, "overlay.qcow2"));
}

static void
test_volume_refusals (Fixture       *fixture,
                      gconstpointer  data)
{
  static const struct {
    const char *name;
    guint64 size;
    const char *format;
    const char *backing;
  } cases[] = {
    { "zero.qcow2", 0, "qcow2", NULL },
    { "huge.qcow2", VW_MAX_VOLUME_SIZE + 1, "qcow2", NULL },
    { "bad/name.qcow2", 1 << 30, "qcow2", NULL },
    { "web01.qcow2", 1 << 30, "qcow2", NULL },            /* exists */
    { "new.vmdk", 1 << 30, "vmdk", NULL },
    { "new.raw", 1 << 30, "raw", "web01.qcow2" },         /* raw has no backing */
    { "new.qcow2", 1 << 30, "qcow2", "missing.qcow2" },
  };
  VwPool *images = pool (fixture, "default");
  guint n = g_list_model_get_n_items (vw_pool_get_volumes (images));
  VwVolume *web = vw_pool_find_volume (images, "web01.qcow2");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      create_volume (fixture, cases[i].name, cases[i].size, cases[i].format, cases[i].backing);
      g_assert_nonnull (fixture->error);
      g_assert_true (fixture->error->domain == VW_VALIDATE_ERROR);
    }

  /* Shrinking and an absurd size are refused before libvirt is asked. */
  vw_volume_resize_async (web, 1 << 20, NULL, vw_test_ops_done, vw_test_ops_begin (fixture));
  vw_test_ops_wait (fixture);
  g_assert_error (fixture->error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_RANGE);
  vw_volume_resize_async (web, VW_MAX_VOLUME_SIZE * 2, NULL, vw_test_ops_done, vw_test_ops_begin (fixture));
  vw_test_ops_wait (fixture);
  g_assert_error (fixture->error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_RANGE);

  /* A stopped pool takes no new volume. */
  run_pool (fixture, "isos", VW_POOL_ACTION_STOP);
  g_assert_no_error (fixture->error);
  vw_pool_create_volume_async (pool (fixture, "isos"), "new.raw", 1 << 30, "raw", NULL, NULL,
                               vw_test_ops_done, vw_test_ops_begin (fixture));
  vw_test_ops_wait (fixture);
  g_assert_error (fixture->error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_RANGE);

  g_assert_cmpuint (vw_test_ops_n_commands (fixture), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (vw_pool_get_volumes (images)), ==, n);
}

static gboolean
has_volume (gpointer data)
{
  return vw_pool_find_volume (data, "behind.raw") != NULL;
}

/* A volume made behind the model's back shows once the pool is refreshed
 * (pool-refresh), through libvirt's refresh event: nothing polls. */
static void
test_refresh_event (Fixture       *fixture,
                    gconstpointer  data)
{
  VwPool *images = pool (fixture, "default");
  virConnectPtr conn = vw_connection_ref_virconn (fixture->connection);
  virStoragePoolPtr raw_pool = virStoragePoolLookupByName (conn, "default");
  virStorageVolPtr vol = virStorageVolCreateXML (raw_pool, "<volume><name>behind.raw</name>"
                                                 "<capacity unit='M'>8</capacity></volume>", 0);

  g_assert_nonnull (vol);
  vw_test_wait_ms (100);
  g_assert_null (vw_pool_find_volume (images, "behind.raw"));
  g_assert_cmpint (virStoragePoolRefresh (raw_pool, 0), ==, 0);
  g_assert_true (vw_test_wait_until (has_volume, images, 2000));
  virStorageVolFree (vol);
  virStoragePoolFree (raw_pool);
  virConnectClose (conn);
}

static void
test_parse_size (void)
{
  static const struct { const char *text; guint64 bytes; } good[] = {
    { "20G", G_GUINT64_CONSTANT (20) << 30 },
    { "512M", 512 << 20 },
    { "512 MiB", 512 << 20 },
    { "1.5G", G_GUINT64_CONSTANT (3) << 29 },
    { "1GB", 1000000000 },
    { "4096", 4096 },
    { "2t", G_GUINT64_CONSTANT (2) << 40 },
  };
  static const char *bad[] = { "", "-1G", "0", "0M", "G", "12 parsecs", "100T", "1e30", "nan", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      guint64 bytes = 0;
      g_autoptr(GError) error = NULL;

      g_assert_true (vw_parse_size (good[i].text, &bytes, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (bytes, ==, good[i].bytes);
    }
  for (guint i = 0; bad[i] != NULL; i++)
    {
      guint64 bytes = 0;
      g_autoptr(GError) error = NULL;

      g_assert_false (vw_parse_size (bad[i], &bytes, &error));
      g_assert_error (error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_RANGE);
    }
}

int
main (int   argc,
      char *argv[])
{
  vw_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, vw_test_ops_setup, func, vw_test_ops_teardown)
  ADD ("/storage/pool-model", test_pool_model);
  ADD ("/storage/define-and-lifecycle", test_define_and_lifecycle);
  ADD ("/storage/define-refusals", test_define_refusals);
  ADD ("/storage/volumes", test_volumes);
  ADD ("/storage/volume-refusals", test_volume_refusals);
  ADD ("/storage/refresh-event", test_refresh_event);
#undef ADD
  g_test_add_func ("/storage/parse-size", test_parse_size);

  return g_test_run ();
}
