/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-practice-vm"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libxml/tree.h>
#include <unistd.h>

#include "vw-connection-private.h"
#include "vw-practice-vm.h"
#include "vw-virt-op.h"
#include "vw-virt.h"
#include "vw-xml-read.h"

/* "Create practice VM": defines and starts a guest with no disk that boots
 * the kernel and BusyBox initramfs of scripts/build-practice-vm, shows a
 * shell on its VGA console (VNC, on loopback) and logs its serial port to a
 * file. It is defined through vw_connection_define_domain_async() and
 * started like any machine, so the learner sees `virsh define FILE` and
 * `virsh start practice-vm` in the commands panel. */

#define KERNEL_FILE "vmlinuz"
#define INITRD_FILE "initramfs.cpio.gz"
#define MANIFEST_FILE "manifest"

/* The system daemon's QEMU runs as a user of its own (libvirt-qemu on
 * Debian), who cannot enter home folders: the boot files are copied to the
 * folder Debian's libvirt keeps for kernels and initrds. */
#define SYSTEM_BOOT_DIR "/var/lib/libvirt/boot/virt-workbench"
/* The serial log of a system guest is written by virtlogd (as root), next
 * to QEMU's own logs. */
#define SYSTEM_LOG_DIR "/var/log/libvirt/qemu"

/* tty0 last, so that /dev/console, which the guest's init starts on, is the
 * VGA screen; kernel warnings still reach the serial log too. */
#define KERNEL_CMDLINE "console=ttyS0 console=tty0 quiet"
#define MEMORY_MIB "256"

typedef enum {
  LAB_SYSTEM,
  LAB_SESSION,
} LabKind;

/* ----- Files ----- */

/**
 * vw_practice_vm_get_dir:
 *
 * Where scripts/build-practice-vm puts the boot files:
 * $XDG_DATA_HOME/virt-workbench/practice-vm, or $VW_PRACTICE_VM_DIR when set
 * (tests, which give the program a home of its own).
 */
char *
vw_practice_vm_get_dir (void)
{
  const char *env = g_getenv ("VW_PRACTICE_VM_DIR");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "virt-workbench", "practice-vm", NULL);
}

static gboolean
has_files (const char *dir)
{
  static const char *names[] = { KERNEL_FILE, INITRD_FILE, MANIFEST_FILE };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      GStatBuf buf;

      if (g_stat (path, &buf) != 0 || !S_ISREG (buf.st_mode) || buf.st_size == 0)
        return FALSE;
    }
  return TRUE;
}

/* Whether the kernel and initramfs have been built (the script writes its
 * manifest last, so a half-done build does not count). */
gboolean
vw_practice_vm_is_prepared (void)
{
  g_autofree char *dir = vw_practice_vm_get_dir ();

  return has_files (dir);
}

/* ----- Connections ----- */

/* Which QEMU daemon @connection talks to; only local ones can read the boot
 * files, which are on this computer. */
static gboolean
get_lab_kind (VwConnection  *connection,
              LabKind       *kind,
              GError       **error)
{
  const char *uri = vw_connection_get_uri (connection);
  g_autoptr(GUri) parsed = NULL;
  const char *scheme;
  const char *host;
  const char *path;

  if (vw_connection_is_sandbox (connection))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("The sandbox lab runs on libvirt’s test driver, which only pretends to run "
                     "machines. The practice VM needs a QEMU connection, such as qemu:///system."));
      return FALSE;
    }

  parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  scheme = parsed != NULL ? g_uri_get_scheme (parsed) : "";
  /* qemu, qemu+unix, qemu+ssh…: the driver comes before the transport. */
  if (!g_str_has_prefix (scheme, "qemu") || (scheme[4] != '\0' && scheme[4] != '+'))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("The practice VM runs on QEMU, and %s is not a QEMU connection. "
                     "Connect to qemu:///system or qemu:///session to create it."), uri);
      return FALSE;
    }

  host = g_uri_get_host (parsed);
  if (host != NULL && *host != '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("The practice VM boots from files prepared on this computer, which the "
                     "QEMU of %s, on %s, cannot read. Create it on qemu:///system or qemu:///session."),
                   uri, host);
      return FALSE;
    }

  path = g_uri_get_path (parsed);
  if (g_strcmp0 (path, "/system") == 0)
    *kind = LAB_SYSTEM;
  else if (g_strcmp0 (path, "/session") == 0)
    /* root's qemu:///session is the system daemon under another name:
     * libvirt's privileged QEMU driver takes both. */
    *kind = geteuid () == 0 ? LAB_SYSTEM : LAB_SESSION;
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("The practice VM can be created on qemu:///system or qemu:///session, not on %s."), uri);
      return FALSE;
    }
  return TRUE;
}

/**
 * vw_practice_vm_get_serial_log:
 *
 * The file the practice VM's serial port is logged to on @connection, or
 * %NULL where it cannot be created. On qemu:///system the file belongs to
 * root (virtlogd writes it); on qemu:///session it is in the user's cache.
 */
char *
vw_practice_vm_get_serial_log (VwConnection *connection)
{
  LabKind kind;

  g_return_val_if_fail (VW_IS_CONNECTION (connection), NULL);

  if (!get_lab_kind (connection, &kind, NULL))
    return NULL;
  if (kind == LAB_SYSTEM)
    return g_build_filename (SYSTEM_LOG_DIR, VW_PRACTICE_VM_NAME "-serial.log", NULL);
  return g_build_filename (g_get_user_cache_dir (), "virt-workbench", VW_PRACTICE_VM_NAME "-serial.log", NULL);
}

/* ----- Boot files for the system daemon (worker thread) ----- */

static char *
read_manifest (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, MANIFEST_FILE, NULL);
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, NULL);
  return contents;
}

/* Copies by way of a new file renamed into place, so that a guest booting
 * meanwhile reads the old kernel or the new, never half of one. */
static gboolean
copy_file (const char  *from_dir,
           const char  *name,
           GError     **error)
{
  g_autofree char *from = g_build_filename (from_dir, name, NULL);
  g_autofree char *to = g_build_filename (SYSTEM_BOOT_DIR, name, NULL);
  g_autofree char *part = g_strconcat (to, ".new", NULL);
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) target = g_file_new_for_path (part);

  if (!g_file_copy (source, target, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error))
    return FALSE;
  if (g_chmod (part, 0644) != 0 || g_rename (part, to) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Cannot put %s in place: %s"),
                   to, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* Makes the files in @source_dir readable by the system daemon's QEMU. As
 * root they are copied to SYSTEM_BOOT_DIR whenever they differ from what is
 * there (their manifests name versions and checksums). Other users cannot
 * write there: an older copy is good enough, and without one the error
 * says what to run. */
static gboolean
install_for_system (const char  *source_dir,
                    GError     **error)
{
  g_autofree char *ours = read_manifest (source_dir);
  g_autofree char *theirs = read_manifest (SYSTEM_BOOT_DIR);

  if (theirs != NULL && g_strcmp0 (ours, theirs) == 0 && has_files (SYSTEM_BOOT_DIR))
    return TRUE;

  if (geteuid () != 0)
    {
      if (theirs != NULL && has_files (SYSTEM_BOOT_DIR))
        {
          g_debug ("%s is older than %s; only root can update it", SYSTEM_BOOT_DIR, source_dir);
          return TRUE;
        }
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("On qemu:///system, QEMU runs as a user of its own, who cannot read the "
                     "practice VM’s files in your home folder. Copy them where it can, as root:\n"
                     "sudo install -D -m 644 -t %s %s/%s %s/%s %s/%s"),
                   SYSTEM_BOOT_DIR, source_dir, KERNEL_FILE, source_dir, INITRD_FILE,
                   source_dir, MANIFEST_FILE);
      return FALSE;
    }

  if (g_mkdir_with_parents (SYSTEM_BOOT_DIR, 0755) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Cannot create %s: %s"),
                   SYSTEM_BOOT_DIR, g_strerror (saved));
      return FALSE;
    }
  /* The manifest last: a copy cut short is not taken as current. */
  return copy_file (source_dir, KERNEL_FILE, error)
         && copy_file (source_dir, INITRD_FILE, error)
         && copy_file (source_dir, MANIFEST_FILE, error);
}

/* ----- The definition ----- */

static xmlNode *
add (xmlNode    *parent,
     const char *name,
     const char *text)
{
  return xmlNewTextChild (parent, NULL, (const xmlChar *) name, (const xmlChar *) text);
}

static xmlNode *
add_with (xmlNode    *parent,
          const char *name,
          const char *attribute,
          const char *value)
{
  xmlNode *node = xmlNewChild (parent, NULL, (const xmlChar *) name, NULL);

  xmlSetProp (node, (const xmlChar *) attribute, (const xmlChar *) value);
  return node;
}

static void
set (xmlNode    *node,
     const char *attribute,
     const char *value)
{
  xmlSetProp (node, (const xmlChar *) attribute, (const xmlChar *) value);
}

static char *
build_xml (const char *boot_dir,
           const char *serial_log)
{
  g_autofree char *kernel = g_build_filename (boot_dir, KERNEL_FILE, NULL);
  g_autofree char *initrd = g_build_filename (boot_dir, INITRD_FILE, NULL);
  xmlDoc *doc = xmlNewDoc ((const xmlChar *) "1.0");
  xmlNode *domain = xmlNewNode (NULL, (const xmlChar *) "domain");
  xmlNode *os, *devices, *node;
  char *xml;

  xmlDocSetRootElement (doc, domain);
  /* Software emulation (TCG) even where KVM would work: this guest reaches
   * its prompt in a few seconds under TCG anyway, and so it boots and
   * times the same on every host, containers and CI runners included,
   * whose /dev/kvm is often missing or unusable. The learner can switch
   * it to type='kvm' in the XML editor and compare. */
  set (domain, "type", "qemu");
  add (domain, "name", VW_PRACTICE_VM_NAME);
  add (domain, "title", "Virt Workbench practice VM");
  add (domain, "description",
       "A Debian kernel and a BusyBox shell in memory, with no disk: every boot starts afresh. "
       "Built by scripts/build-practice-vm.");
  set (add (domain, "memory", MEMORY_MIB), "unit", "MiB");
  add (domain, "vcpu", "1");

  os = xmlNewChild (domain, NULL, (const xmlChar *) "os", NULL);
  node = add (os, "type", "hvm");
  set (node, "arch", "x86_64");
  /* i440fx: a PS/2 keyboard and an ISA serial port, which the kernel
   * drives without modules. */
  set (node, "machine", "pc");
  add (os, "kernel", kernel);
  add (os, "initrd", initrd);
  add (os, "cmdline", KERNEL_CMDLINE);

  /* ACPI, so that `virsh shutdown` reaches the guest's power button. */
  node = xmlNewChild (domain, NULL, (const xmlChar *) "features", NULL);
  xmlNewChild (node, NULL, (const xmlChar *) "acpi", NULL);

  devices = xmlNewChild (domain, NULL, (const xmlChar *) "devices", NULL);
  /* A pty, for `virsh console practice-vm`, with everything the guest
   * writes kept in a file, whoever is connected. */
  node = add_with (devices, "serial", "type", "pty");
  node = add_with (node, "log", "file", serial_log);
  set (node, "append", "off");
  node = add_with (devices, "graphics", "type", "vnc");
  set (node, "port", "-1");
  set (node, "autoport", "yes");
  node = add_with (node, "listen", "type", "address");
  set (node, "address", "127.0.0.1");
  /* A standard VGA card keeps the text mode the kernel's VGA console
   * draws in (bochs-display has none). */
  node = xmlNewChild (devices, NULL, (const xmlChar *) "video", NULL);
  add_with (node, "model", "type", "vga");
  /* No virtio devices: the kernel would need modules for them. */
  add_with (devices, "memballoon", "model", "none");

  xml = vw_xml_doc_to_string (doc);
  xmlFreeDoc (doc);
  return xml;
}

/* ----- The operation ----- */

typedef struct
{
  virConnectPtr conn;
  LabKind kind;
  char *source_dir;
  char *serial_log;
  gboolean shut_off;    /* defined and shut off: only start it */
  char *xml;            /* otherwise, its definition */
} PracticeOp;

static void
practice_op_free (PracticeOp *op)
{
  if (op->conn != NULL)
    virConnectClose (op->conn);
  g_free (op->source_dir);
  g_free (op->serial_log);
  g_free (op->xml);
  g_free (op);
}

/* Worker thread: is there a practice-vm already, and if not, what to
 * define. */
static gboolean
run_prepare (gpointer    data,
             GPtrArray  *commands,
             GError    **error)
{
  PracticeOp *op = data;
  virDomainPtr dom = virDomainLookupByName (op->conn, VW_PRACTICE_VM_NAME);
  const char *boot_dir = op->source_dir;

  if (dom != NULL)
    {
      int state = VIR_DOMAIN_NOSTATE;
      int ok = virDomainGetState (dom, &state, NULL, 0) == 0;

      if (!ok)
        vw_virt_set_error (error, NULL);
      virDomainFree (dom);
      if (!ok)
        return FALSE;
      if (state == VIR_DOMAIN_SHUTOFF)
        {
          op->shut_off = TRUE;
          return TRUE;
        }
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("The machine “%s” is already there and not shut off: open its console to use it, "
                     "or shut it off to start it afresh."), VW_PRACTICE_VM_NAME);
      return FALSE;
    }
  if (!vw_virt_last_error_is (VIR_ERR_NO_DOMAIN))
    return vw_virt_set_error (error, NULL);

  if (op->kind == LAB_SYSTEM)
    {
      if (!install_for_system (op->source_dir, error))
        return FALSE;
      boot_dir = SYSTEM_BOOT_DIR;
    }
  else
    {
      /* The session's virtlogd runs as the user and writes the log. */
      g_autofree char *log_dir = g_path_get_dirname (op->serial_log);

      if (g_mkdir_with_parents (log_dir, 0700) != 0)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Cannot create %s: %s"),
                       log_dir, g_strerror (saved));
          return FALSE;
        }
    }

  op->xml = build_xml (boot_dir, op->serial_log);
  return TRUE;
}

static gboolean
run_start (gpointer    data,
           GPtrArray  *commands,
           GError    **error)
{
  PracticeOp *op = data;
  virDomainPtr dom = virDomainLookupByName (op->conn, VW_PRACTICE_VM_NAME);
  gboolean ok;

  if (dom == NULL)
    return vw_virt_set_error (error, NULL);
  ok = virDomainCreate (dom) == 0;
  /* Read the error before freeing, which clears it. */
  if (!ok)
    vw_virt_set_error (error, NULL);
  virDomainFree (dom);
  return ok;
}

static void
started (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (vw_virt_op_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
start (GTask *task)
{
  VwConnection *self = g_task_get_source_object (task);
  PracticeOp *op = g_new0 (PracticeOp, 1);

  op->conn = vw_connection_ref_virconn (self);
  if (op->conn == NULL)
    {
      practice_op_free (op);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED, _("%s is not connected"),
                               vw_connection_get_title (self));
      g_object_unref (task);
      return;
    }
  vw_virt_op_run (self, self, (const char *[]) { "start", VW_PRACTICE_VM_NAME, NULL }, run_start, op,
                  (GDestroyNotify) practice_op_free, g_task_get_cancellable (task), started, task);
}

static void
defined (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!vw_connection_op_finish (VW_CONNECTION (object), result, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  start (task);
}

static void
prepared (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GTask *task = user_data;
  PracticeOp *op;
  GError *error = NULL;

  if (!vw_virt_op_finish (result, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  op = vw_virt_op_get_data (result);
  if (op->shut_off)
    start (task);
  else
    vw_connection_define_domain_async (VW_CONNECTION (object), op->xml, g_task_get_cancellable (task),
                                       defined, task);
}

/**
 * vw_connection_create_practice_vm_async:
 *
 * Defines and starts the practice VM on a local QEMU connection; when it is
 * defined and shut off already, only starts it. Refuses, with a message
 * that says why, on other connections (the sandbox lab, remote hosts, other
 * drivers), when the boot files have not been prepared, and when
 * practice-vm exists and is not shut off.
 */
void
vw_connection_create_practice_vm_async (VwConnection        *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  GTask *task;
  PracticeOp *op;
  GError *error = NULL;

  g_return_if_fail (VW_IS_CONNECTION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vw_connection_create_practice_vm_async);

  op = g_new0 (PracticeOp, 1);
  op->source_dir = vw_practice_vm_get_dir ();
  if (get_lab_kind (self, &op->kind, &error) && !vw_practice_vm_is_prepared ())
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 _("The practice VM’s kernel and initramfs are not in %s yet. Prepare them with "
                   "scripts/build-practice-vm (./dev run does it)."), op->source_dir);
  if (error == NULL && (op->conn = vw_connection_ref_virconn (self)) == NULL)
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED, _("%s is not connected"),
                 vw_connection_get_title (self));
  if (error != NULL)
    {
      practice_op_free (op);
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  op->serial_log = vw_practice_vm_get_serial_log (self);
  vw_virt_op_run (self, self, NULL, run_prepare, op, (GDestroyNotify) practice_op_free, cancellable,
                  prepared, task);
}

gboolean
vw_connection_create_practice_vm_finish (VwConnection  *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == vw_connection_create_practice_vm_async,
                        FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
