/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-console-attach"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/socket.h>
#include <unistd.h>

#include "vw-connection.h"
#include "vw-console-attach.h"
#include "vw-domain-ops-private.h"
#include "vw-domain-private.h"
#include "vw-virt.h"
#include "vw-xml-read.h"

/* Finding a way to a running machine's VNC server, best first:
 * 1. virDomainOpenGraphicsFD: libvirt hands over a connected socket, for a
 *    local or a remote daemon alike, without opening any port;
 * 2. the <graphics> element's listen address and port (a wildcard address
 *    means the daemon's host);
 * 3. for qemu+ssh:// with a listener on the remote loopback, `ssh -W` as an
 *    argument vector, its standard input and output one end of a socket
 *    pair. */

G_DEFINE_QUARK (vw-console-error-quark, vw_console_error)

void
vw_console_target_free (VwConsoleTarget *target)
{
  if (target->fd >= 0)
    close (target->fd);
  if (target->tunnel != NULL)
    {
      g_subprocess_force_exit (target->tunnel);
      g_object_unref (target->tunnel);
    }
  g_free (target->host);
  g_free (target->port);
  g_free (target->description);
  g_free (target);
}

static gboolean
is_wildcard (const char *listen)
{
  return listen == NULL || *listen == '\0' || g_str_equal (listen, "0.0.0.0") || g_str_equal (listen, "::")
         || g_str_equal (listen, "[::]");
}

static gboolean
is_loopback (const char *listen)
{
  return g_str_has_prefix (listen, "127.") || g_str_equal (listen, "::1") || g_str_equal (listen, "localhost");
}

/**
 * vw_console_resolve_listen:
 * @uri: the connection's URI
 * @listen: (nullable): the graphics element's listen address
 * @needs_tunnel: (out): set when the listener is on a remote loopback
 *
 * Returns: (transfer full): the host to connect to from here
 */
char *
vw_console_resolve_listen (const char *uri,
                           const char *listen,
                           gboolean   *needs_tunnel)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_NON_DNS, NULL);
  const char *remote = parsed != NULL ? g_uri_get_host (parsed) : NULL;

  if (remote != NULL && *remote == '\0')
    remote = NULL;
  *needs_tunnel = FALSE;
  if (remote == NULL)
    return g_strdup (is_wildcard (listen) ? "127.0.0.1" : listen);
  if (is_wildcard (listen))
    return g_strdup (remote);
  if (is_loopback (listen))
    {
      *needs_tunnel = TRUE;
      return g_strdup (listen);
    }
  return g_strdup (listen);
}

typedef struct
{
  virDomainPtr dom;
  char *uri;
  gboolean test_driver;
} AttachData;

static void
attach_data_free (AttachData *data)
{
  virDomainFree (data->dom);
  g_free (data->uri);
  g_free (data);
}

/* `ssh [-p PORT] [-l USER] HOST -W LISTEN:VNCPORT`, never through a shell. */
static VwConsoleTarget *
open_tunnel (const char  *uri,
             const char  *listen,
             const char  *port,
             GError     **error)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_NON_DNS, NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GStrvBuilder) args = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_autofree char *target_arg = g_strdup_printf ("%s:%s", listen, port);
  g_autofree char *ssh_port = NULL;
  VwConsoleTarget *target;
  GSubprocess *tunnel;
  int fds[2];

  if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) < 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "socketpair: %s", g_strerror (errno));
      return NULL;
    }
  g_strv_builder_add_many (args, "ssh", "-o", "BatchMode=yes", "-T", NULL);
  if (g_uri_get_port (parsed) > 0)
    {
      ssh_port = g_strdup_printf ("%d", g_uri_get_port (parsed));
      g_strv_builder_add_many (args, "-p", ssh_port, NULL);
    }
  if (g_uri_get_user (parsed) != NULL)
    g_strv_builder_add_many (args, "-l", g_uri_get_user (parsed), NULL);
  g_strv_builder_add_many (args, "-W", target_arg, "--", g_uri_get_host (parsed), NULL);
  argv = g_strv_builder_end (args);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_take_stdin_fd (launcher, dup (fds[1]));
  g_subprocess_launcher_take_stdout_fd (launcher, fds[1]);
  tunnel = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv, error);
  if (tunnel == NULL)
    {
      close (fds[0]);
      return NULL;
    }
  target = g_new0 (VwConsoleTarget, 1);
  target->route = VW_CONSOLE_ROUTE_SSH;
  target->fd = fds[0];
  target->tunnel = tunnel;
  target->description = g_strdup_printf (_("through ssh to %s, then %s"), g_uri_get_host (parsed), target_arg);
  return target;
}

static void
attach_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  AttachData *data = task_data;
  g_autoptr(VwXmlRead) doc = NULL;
  g_autoptr(GPtrArray) graphics = NULL;
  g_autofree char *listen = NULL;
  g_autofree char *port = NULL;
  g_autofree char *host = NULL;
  VwConsoleTarget *target;
  gboolean needs_tunnel;
  char *xml;
  int state = 0, reason = 0, vnc_index = -1, fd;

  if (virDomainGetState (data->dom, &state, &reason, 0) < 0)
    {
      GError *error = NULL;

      vw_virt_set_error (&error, NULL);
      g_task_return_error (task, error);
      return;
    }
  if (state != VIR_DOMAIN_RUNNING && state != VIR_DOMAIN_PAUSED && state != VIR_DOMAIN_BLOCKED)
    {
      g_task_return_new_error (task, VW_CONSOLE_ERROR, VW_CONSOLE_ERROR_NOT_RUNNING,
                               _("“%s” is not running: its display exists only while it runs."),
                               virDomainGetName (data->dom));
      return;
    }
  if (data->test_driver)
    {
      g_task_return_new_error (task, VW_CONSOLE_ERROR, VW_CONSOLE_ERROR_NO_DISPLAY,
                               _("The sandbox lab’s machines have no screen: libvirt’s test driver runs no "
                                 "emulator. Create the practice VM on a QEMU connection to use a console."));
      return;
    }

  xml = virDomainGetXMLDesc (data->dom, 0);
  doc = vw_xml_read_new (xml);
  free (xml);
  graphics = doc != NULL ? vw_xml_read_nodes (doc, "/domain/devices/graphics") : g_ptr_array_new ();
  for (guint i = 0; i < graphics->len && vnc_index < 0; i++)
    {
      g_autofree char *type = vw_xml_read_string_at (doc, graphics->pdata[i], "@type");

      if (g_strcmp0 (type, "vnc") == 0)
        {
          vnc_index = (int) i;
          port = vw_xml_read_string_at (doc, graphics->pdata[i], "@port");
          listen = vw_xml_read_string_at (doc, graphics->pdata[i], "@listen | listen/@address");
        }
    }
  if (vnc_index < 0)
    {
      g_task_return_new_error (task, VW_CONSOLE_ERROR, VW_CONSOLE_ERROR_NO_DISPLAY,
                               _("“%s” has no VNC display: add <graphics type='vnc'/> to its devices."),
                               virDomainGetName (data->dom));
      return;
    }

  /* 1. A socket straight from libvirt. */
  fd = virDomainOpenGraphicsFD (data->dom, (unsigned int) vnc_index, 0);
  if (fd >= 0)
    {
      target = g_new0 (VwConsoleTarget, 1);
      target->route = VW_CONSOLE_ROUTE_LIBVIRT;
      target->fd = fd;
      target->description = g_strdup (_("through libvirt"));
      g_task_return_pointer (task, target, (GDestroyNotify) vw_console_target_free);
      return;
    }
  g_debug ("virDomainOpenGraphicsFD: %s", virGetLastErrorMessage ());
  virResetLastError ();

  if (port == NULL || g_str_equal (port, "-1"))
    {
      g_task_return_new_error (task, VW_CONSOLE_ERROR, VW_CONSOLE_ERROR_UNREACHABLE,
                               _("“%s” has a VNC display but no port yet."), virDomainGetName (data->dom));
      return;
    }

  /* 2. and 3. The listener, directly or through ssh. */
  host = vw_console_resolve_listen (data->uri, listen, &needs_tunnel);
  if (needs_tunnel)
    {
      GError *error = NULL;

      if (!g_str_has_prefix (data->uri, "qemu+ssh://") && !g_str_has_prefix (data->uri, "qemu+libssh"))
        {
          g_task_return_new_error (task, VW_CONSOLE_ERROR, VW_CONSOLE_ERROR_UNREACHABLE,
                                   _("The display of “%s” listens on the remote host’s loopback (%s:%s), "
                                     "which only an ssh connection can reach."),
                                   virDomainGetName (data->dom), host, port);
          return;
        }
      target = open_tunnel (data->uri, host, port, &error);
      if (target == NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, target, (GDestroyNotify) vw_console_target_free);
      return;
    }

  target = g_new0 (VwConsoleTarget, 1);
  target->route = VW_CONSOLE_ROUTE_DIRECT;
  target->fd = -1;
  target->host = g_steal_pointer (&host);
  target->port = g_steal_pointer (&port);
  target->description = g_strdup_printf ("%s:%s", target->host, target->port);
  g_task_return_pointer (task, target, (GDestroyNotify) vw_console_target_free);
}

void
vw_domain_open_console_async (VwDomain            *domain,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (domain, cancellable, callback, user_data);
  g_autoptr(VwConnection) connection = vw_domain_dup_connection (domain);
  AttachData *data;
  virDomainPtr dom;

  g_return_if_fail (VW_IS_DOMAIN (domain));

  g_task_set_source_tag (task, vw_domain_open_console_async);
  dom = vw_domain_ref_virdomain (domain);
  if (connection == NULL || dom == NULL)
    {
      if (dom != NULL)
        virDomainFree (dom);
      g_task_return_error (task, vw_domain_not_connected_error (domain));
      return;
    }
  data = g_new0 (AttachData, 1);
  data->dom = dom;
  data->uri = g_strdup (vw_connection_get_uri (connection));
  data->test_driver = g_str_has_prefix (data->uri, "test:");
  g_task_set_task_data (task, data, (GDestroyNotify) attach_data_free);
  g_task_run_in_thread (task, attach_thread);
}

VwConsoleTarget *
vw_domain_open_console_finish (VwDomain      *domain,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, domain), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
