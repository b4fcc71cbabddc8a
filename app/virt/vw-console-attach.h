/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "vw-domain.h"

G_BEGIN_DECLS

/* How the console reaches a machine's VNC server. */
typedef enum {
  VW_CONSOLE_ROUTE_LIBVIRT,   /* a socket from virDomainOpenGraphicsFD */
  VW_CONSOLE_ROUTE_DIRECT,    /* the graphics element's host and port */
  VW_CONSOLE_ROUTE_SSH,       /* through `ssh -W` to a remote loopback listener */
} VwConsoleRoute;

#define VW_CONSOLE_ERROR (vw_console_error_quark ())

typedef enum {
  VW_CONSOLE_ERROR_NOT_RUNNING,   /* the machine is shut off: offer to start it */
  VW_CONSOLE_ERROR_NO_DISPLAY,    /* no VNC graphics, or a driver without displays */
  VW_CONSOLE_ERROR_UNREACHABLE,   /* a listener the lab cannot reach */
} VwConsoleError;

typedef struct
{
  VwConsoleRoute route;
  int fd;                 /* ROUTE_LIBVIRT and ROUTE_SSH, else -1 */
  char *host;             /* ROUTE_DIRECT */
  char *port;             /* ROUTE_DIRECT */
  GSubprocess *tunnel;    /* ROUTE_SSH: stopped when the target is freed */
  char *description;      /* "through libvirt", "127.0.0.1:5900", … */
} VwConsoleTarget;

GQuark           vw_console_error_quark          (void);
void             vw_console_target_free          (VwConsoleTarget      *target);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VwConsoleTarget, vw_console_target_free)

void             vw_domain_open_console_async    (VwDomain             *domain,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
VwConsoleTarget *vw_domain_open_console_finish   (VwDomain             *domain,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/* Exposed for tests: where a graphics listener is reached from here. */
char            *vw_console_resolve_listen       (const char           *uri,
                                                  const char           *listen,
                                                  gboolean             *needs_tunnel);

G_END_DECLS
