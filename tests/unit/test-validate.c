/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "vw-command-log.h"
#include "vw-credentials-private.h"
#include "vw-diff.h"
#include "vw-domain-config.h"
#include "vw-shell.h"
#include "vw-test-util.h"
#include "vw-validate.h"
#include "vw-xml.h"

/* The checks made before any libvirt call, and the pure helpers behind the
 * Commands panel and the XML editor. */

static void
test_names (void)
{
  static const char *good[] = { "web01", "db-01", "a", "lab_net.2", "x+y", "0day" };
  static const char *bad[] = { "", "-web", ".hidden", "web/01", "two words", "naïve", "semi;colon",
                               "quote'd", "a234567890123456789012345678901234567890123456789012345678901234x" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (vw_validate_name (VW_OBJECT_MACHINE, good[i], &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (vw_validate_name (VW_OBJECT_SNAPSHOT, bad[i], &error));
      g_assert_error (error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_NAME);
      g_assert_nonnull (strstr (error->message, "snapshot name"));
    }
  g_assert_false (vw_validate_name (VW_OBJECT_MACHINE, NULL, NULL));
}

static void
test_uris (void)
{
  static const char *good[] = { "qemu:///system", "qemu:///session", "qemu+ssh://root@lab.example.org/system",
                                "qemu+tcp://10.0.0.5/system", "qemu+tls://host.example.org/system",
                                "xen+ssh://admin@xenhost/", "test:///default", "lxc:///" };
  static const char *bad[] = { "", "system", "qemu", "http://example.org/", "qemu+ftp://host/system",
                               "qemu+ssh:///system", "nosuch:///x" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;

      if (!vw_validate_uri (good[i], &error))
        g_error ("%s refused: %s", good[i], error->message);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (vw_validate_uri (bad[i], &error));
      g_assert_error (error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_URI);
    }
}

static void
test_paths (void)
{
  g_assert_true (vw_validate_abs_path ("/var/lib/libvirt/images", NULL));
  g_assert_false (vw_validate_abs_path ("images", NULL));
  g_assert_false (vw_validate_abs_path ("/var/../etc", NULL));
  g_assert_false (vw_validate_abs_path (NULL, NULL));
}

static void
test_shell_quote (void)
{
  static const struct { const char *arg; const char *quoted; } cases[] = {
    { "web01", "web01" },
    { "test:///home/me/sandbox.xml", "test:///home/me/sandbox.xml" },
    { "--remove-all-storage", "--remove-all-storage" },
    { "my lab", "'my lab'" },
    { "it's", "'it'\\''s'" },
    { "", "''" },
    { "$HOME", "'$HOME'" },
    { "a;rm -rf /", "'a;rm -rf /'" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *quoted = vw_shell_quote (cases[i].arg);
      g_autofree char *argv_line = g_strdup_printf ("printf %%s %s", quoted);
      g_auto(GStrv) argv = NULL;

      g_assert_cmpstr (quoted, ==, cases[i].quoted);
      /* A shell reads it back as the same single word. */
      g_assert_true (g_shell_parse_argv (argv_line, NULL, &argv, NULL));
      g_assert_cmpuint (g_strv_length (argv), ==, 3);
      g_assert_cmpstr (argv[2], ==, cases[i].arg);
    }
}

static void
test_command_log (void)
{
  g_autoptr(VwCommandLog) log = vw_command_log_new ();
  g_autofree char *script = NULL;
  g_autofree char *text = NULL;
  VwCommand *command;

  g_setenv ("LIBVIRT_DEFAULT_URI", "qemu:///system", TRUE);
  command = vw_command_log_append (log, "qemu:///system", (const char *[]) { "start", "web01", NULL });
  g_assert_cmpstr (vw_command_get_text (command), ==, "virsh start web01");
  command = vw_command_log_append (log, "test:///tmp/my lab.xml",
                                   (const char *[]) { "setmem", "db01", "1048576", "--config", NULL });
  g_assert_cmpstr (vw_command_get_text (command), ==, "virsh -c 'test:///tmp/my lab.xml' setmem db01 1048576 --config");
  vw_command_log_append (log, "test:///tmp/my lab.xml", (const char *[]) { "start", "db01", NULL });
  vw_command_log_append (log, "qemu+ssh://me@host/system", (const char *[]) { "destroy", "x y", NULL });
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (log)), ==, 4);

  text = vw_command_log_to_text (log);
  g_assert_cmpstr (text, ==,
                   "virsh start web01\n"
                   "virsh -c 'test:///tmp/my lab.xml' setmem db01 1048576 --config\n"
                   "virsh -c 'test:///tmp/my lab.xml' start db01\n"
                   "virsh -c qemu+ssh://me@host/system destroy 'x y'\n");

  /* Test-driver commands share one virsh session; the others stand alone. */
  script = vw_command_log_to_script (log);
  g_assert_true (g_str_has_prefix (script, "#!/bin/sh\n"));
  g_assert_nonnull (strstr (script, "virsh start web01\n"
                                    "virsh -c 'test:///tmp/my lab.xml' <<'VIRSH'\n"
                                    "setmem db01 1048576 --config\n"
                                    "start db01\n"
                                    "VIRSH\n"
                                    "virsh -c qemu+ssh://me@host/system destroy 'x y'\n"));

  vw_command_log_clear (log);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (log)), ==, 0);
  g_unsetenv ("LIBVIRT_DEFAULT_URI");
}

static void
test_diff (void)
{
  g_autoptr(GPtrArray) diff = vw_diff_lines ("a\nb\nc\nd\n", "a\nc\nx\nd\n");
  g_autofree char *unified = vw_diff_to_unified (diff);
  g_autoptr(GPtrArray) same = vw_diff_lines ("one\ntwo\n", "one\ntwo\n");

  g_assert_cmpstr (unified, ==, " a\n-b\n c\n+x\n d\n");
  g_assert_cmpuint (vw_diff_count (diff, VW_DIFF_ADDED), ==, 1);
  g_assert_cmpuint (vw_diff_count (diff, VW_DIFF_REMOVED), ==, 1);
  g_assert_cmpuint (((VwDiffLine *) diff->pdata[3])->new_line, ==, 3);
  g_assert_cmpuint (vw_diff_count (same, VW_DIFF_SAME), ==, 2);
  g_assert_cmpuint (vw_diff_count (same, VW_DIFF_ADDED) + vw_diff_count (same, VW_DIFF_REMOVED), ==, 0);
}

static void
test_xml_check (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  char *missing;
  guint line = 0;

  name = vw_xml_check_document ("<domain type='test'>\n  <name>web02</name>\n</domain>", "domain", "name", &line, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "web02");

  missing = vw_xml_check_document ("<domain>\n  <name>web02</name>\n  <memory>1</memory\n</domain>",
                                   "domain", "name", &line, &error);
  g_assert_null (missing);
  g_assert_error (error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_XML);
  g_assert_cmpuint (line, ==, 4);
  g_clear_error (&error);

  g_assert_null (vw_xml_check_document ("<network><name>x</name></network>", "domain", "name", &line, &error));
  g_assert_nonnull (strstr (error->message, "<domain>"));
  g_clear_error (&error);

  g_assert_null (vw_xml_check_document ("<domain>\n</domain>", "domain", "name", &line, &error));
  g_assert_nonnull (strstr (error->message, "<name>"));
  g_clear_error (&error);

  g_assert_null (vw_xml_check_document ("", "domain", "name", &line, &error));
  g_clear_error (&error);
  g_assert_null (vw_xml_check_document ("\xff\xfe<dom", "domain", "name", &line, &error));
}

static void
test_schema_line (void)
{
  const char *xml = "<domain type='test'>\n"
                    "  <name>web02</name>\n"
                    "  <memory unit='KiB'>lots</memory>\n"
                    "  <os><type>hvm</type></os>\n"
                    "</domain>\n";
  const char *extra = "<domain type='test'>\n"
                      "  <name>web02</name>\n"
                      "  <memory unit='KiB'>1024</memory>\n"
                      "  <os><type>hvm</type></os>\n"
                      "  <bogus/>\n"
                      "</domain>\n";
  g_autofree char *message = NULL;

  g_assert_cmpuint (vw_xml_locate_schema_error (xml, "domain", &message), ==, 3);
  g_assert_nonnull (strstr (message, "lots"));
  g_assert_cmpuint (vw_xml_locate_schema_error (extra, "domain", NULL), ==, 5);
}

static const char *domain_xml =
  "<domain type='kvm' id='3'>\n"
  "  <name>web01</name>\n"
  "  <uuid>7a1c0f3e-1b2d-4c5e-8f90-a1b2c3d4e501</uuid>\n"
  "  <memory unit='GiB'>2</memory>\n"
  "  <currentMemory unit='MiB'>1536</currentMemory>\n"
  "  <vcpu current='1'>4</vcpu>\n"
  "  <os><type arch='x86_64' machine='pc-q35-7.2'>hvm</type></os>\n"
  "  <devices>\n"
  "    <disk type='file' device='disk'><driver name='qemu' type='qcow2'/>"
  "<source file='/var/lib/libvirt/images/web01.qcow2'/><target dev='vda' bus='virtio'/></disk>\n"
  "    <disk type='file' device='cdrom'><source file='/isos/d.iso'/><target dev='sda' bus='sata'/><readonly/></disk>\n"
  "    <disk type='volume' device='disk'><source pool='default' volume='extra.raw'/><target dev='vdb'/></disk>\n"
  "    <interface type='network'><mac address='52:54:00:3a:10:01'/><source network='default'/>"
  "<target dev='vnet3'/><model type='virtio'/><filterref filter='clean-traffic'/></interface>\n"
  "    <graphics type='vnc' port='5901' autoport='yes' listen='127.0.0.1'/>\n"
  "  </devices>\n"
  "</domain>\n";

static void
test_domain_config (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VwDomainConfig) config = vw_domain_config_parse (domain_xml, &error);
  VwDiskConfig *disk;
  VwInterfaceConfig *iface;
  VwGraphicsConfig *graphics;

  g_assert_no_error (error);
  g_assert_cmpstr (config->name, ==, "web01");
  g_assert_cmpstr (config->type, ==, "kvm");
  g_assert_cmpstr (config->machine, ==, "pc-q35-7.2");
  g_assert_cmpuint (config->vcpus_max, ==, 4);
  g_assert_cmpuint (config->vcpus_current, ==, 1);
  g_assert_cmpuint (config->memory_max, ==, 2 * 1024 * 1024);
  g_assert_cmpuint (config->memory_current, ==, 1536 * 1024);

  g_assert_cmpuint (config->disks->len, ==, 3);
  disk = config->disks->pdata[0];
  g_assert_cmpstr (disk->target, ==, "vda");
  g_assert_cmpstr (disk->source, ==, "/var/lib/libvirt/images/web01.qcow2");
  g_assert_cmpstr (disk->format, ==, "qcow2");
  g_assert_false (disk->readonly);
  disk = config->disks->pdata[1];
  g_assert_cmpstr (disk->device, ==, "cdrom");
  g_assert_true (disk->readonly);
  disk = config->disks->pdata[2];
  g_assert_cmpstr (disk->source, ==, "default/extra.raw");

  iface = config->interfaces->pdata[0];
  g_assert_cmpstr (iface->source, ==, "default");
  g_assert_cmpstr (iface->mac, ==, "52:54:00:3a:10:01");
  g_assert_cmpstr (iface->target, ==, "vnet3");
  g_assert_cmpstr (iface->filter, ==, "clean-traffic");

  graphics = config->graphics->pdata[0];
  g_assert_cmpstr (graphics->type, ==, "vnc");
  g_assert_cmpint (graphics->port, ==, 5901);
  g_assert_true (graphics->autoport);
  g_assert_cmpstr (graphics->listen, ==, "127.0.0.1");

  g_assert_null (vw_domain_config_parse ("<network/>", &error) );
}

static void
test_clone_xml (void)
{
  g_autoptr(GHashTable) sources = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autofree char *clone = NULL;
  g_autoptr(VwDomainConfig) config = NULL;

  g_hash_table_insert (sources, (gpointer) "/var/lib/libvirt/images/web01.qcow2",
                       (gpointer) "/var/lib/libvirt/images/web02.qcow2");
  clone = vw_domain_xml_clone (domain_xml, "web02", "11111111-2222-3333-4444-555555555555", sources, &error);
  g_assert_no_error (error);
  config = vw_domain_config_parse (clone, &error);
  g_assert_cmpstr (config->name, ==, "web02");
  g_assert_cmpstr (config->uuid, ==, "11111111-2222-3333-4444-555555555555");
  g_assert_cmpstr (((VwDiskConfig *) config->disks->pdata[0])->source, ==, "/var/lib/libvirt/images/web02.qcow2");
  g_assert_cmpstr (((VwDiskConfig *) config->disks->pdata[1])->source, ==, "/isos/d.iso");
  g_assert_cmpstr (((VwInterfaceConfig *) config->interfaces->pdata[0])->mac, !=, "52:54:00:3a:10:01");
  g_assert_true (g_str_has_prefix (((VwInterfaceConfig *) config->interfaces->pdata[0])->mac, "52:54:00:"));
  g_assert_null (((VwInterfaceConfig *) config->interfaces->pdata[0])->target);
  g_assert_null (strstr (clone, "id='3'"));
  g_assert_null (strstr (clone, "id=\"3\""));
}

typedef struct
{
  VwCredentials *credentials;
  virConnectCredential cred[2];
  gboolean answered;
  gboolean done;
} AuthThread;

static gpointer
auth_thread (gpointer data)
{
  AuthThread *auth = data;

  /* As libvirt's callback would, in the thread that opens. */
  auth->answered = vw_credentials_wait (auth->credentials, auth->cred, 2, 5);
  g_atomic_int_set (&auth->done, TRUE);
  return NULL;
}

static gboolean
auth_done (gpointer data)
{
  return g_atomic_int_get (&((AuthThread *) data)->done);
}

static void
test_credentials (void)
{
  for (guint round = 0; round < 2; round++)
    {
      AuthThread auth = { NULL, };
      GThread *thread;

      auth.cred[0].type = VIR_CRED_AUTHNAME;
      auth.cred[0].prompt = "Login";
      auth.cred[0].defresult = "root";
      auth.cred[1].type = VIR_CRED_PASSPHRASE;
      auth.cred[1].prompt = NULL;
      auth.credentials = vw_credentials_new ("qemu+tcp://lab/system", auth.cred, 2);

      g_assert_cmpuint (vw_credentials_get_n_prompts (auth.credentials), ==, 2);
      g_assert_cmpstr (vw_credentials_get_prompt (auth.credentials, 0), ==, "Login");
      g_assert_cmpstr (vw_credentials_get_prompt (auth.credentials, 1), ==, "Password");
      g_assert_false (vw_credentials_is_secret (auth.credentials, 0));
      g_assert_true (vw_credentials_is_secret (auth.credentials, 1));
      g_assert_cmpstr (vw_credentials_get_default (auth.credentials, 0), ==, "root");

      thread = g_thread_new ("auth", auth_thread, &auth);
      vw_test_wait_ms (50);
      g_assert_false (g_atomic_int_get (&auth.done));
      if (round == 0)
        {
          vw_credentials_set_answer (auth.credentials, 1, "s3cret");
          vw_credentials_complete (auth.credentials, TRUE);
        }
      else
        vw_credentials_complete (auth.credentials, FALSE);
      g_assert_true (vw_test_wait_until (auth_done, &auth, 5000));
      g_thread_join (thread);

      if (round == 0)
        {
          /* An unanswered prompt gives libvirt its default. */
          g_assert_true (auth.answered);
          g_assert_cmpstr (auth.cred[0].result, ==, "root");
          g_assert_cmpstr (auth.cred[1].result, ==, "s3cret");
          g_assert_cmpuint (auth.cred[1].resultlen, ==, 6);
          free (auth.cred[0].result);
          free (auth.cred[1].result);
        }
      else
        {
          g_assert_false (auth.answered);
          g_assert_null (auth.cred[0].result);
        }
      g_object_unref (auth.credentials);
    }
}

int
main (int   argc,
      char *argv[])
{
  vw_test_init (&argc, &argv);

  g_test_add_func ("/validate/names", test_names);
  g_test_add_func ("/validate/uris", test_uris);
  g_test_add_func ("/validate/paths", test_paths);
  g_test_add_func ("/validate/shell-quote", test_shell_quote);
  g_test_add_func ("/validate/command-log", test_command_log);
  g_test_add_func ("/validate/diff", test_diff);
  g_test_add_func ("/validate/xml-check", test_xml_check);
  g_test_add_func ("/validate/schema-line", test_schema_line);
  g_test_add_func ("/validate/domain-config", test_domain_config);
  g_test_add_func ("/validate/clone-xml", test_clone_xml);
  g_test_add_func ("/validate/credentials", test_credentials);

  return g_test_run ();
}
