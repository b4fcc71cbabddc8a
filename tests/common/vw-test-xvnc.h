/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "vw-test-util.h"
#include "vw-vnc-session.h"

G_BEGIN_DECLS

/* A real VNC server for the console tests: TigerVNC's Xvnc, an X server
 * whose screen (1024 × 768, depth 24) is the framebuffer, on a free display
 * and a free loopback port, killed with the test. */
typedef struct
{
  char *dir;            /* temporary: the log, the password file, the socket */
  GSubprocess *process;
  int display;
  int port;
  char *socket_path;    /* the RFB Unix socket */
  /* Set before starting: Xvnc presses the key a client's scancode (QEMU's
   * extended key event) names (-RawKeyboard). By default it drops the
   * scancode and maps the keysym onto its own layout. */
  gboolean raw_keyboard;
} VwTestXvnc;

/* Fails the test, naming the packages, if @name is not in PATH. */
void          vw_test_require_program     (const char       *name);
/* A GSubprocessLauncher child setup: the child gets SIGTERM when the test
 * dies, so that no server outlives a failed test. */
void          vw_test_die_with_parent     (gpointer          data);
int           vw_test_free_port           (void);
/* Runs a program (an argument vector, no shell) with DISPLAY=@display and
 * returns its standard output; fails the test if it fails. */
char         *vw_test_run_on              (const char       *display,
                                           ...) G_GNUC_NULL_TERMINATED;
/* For what only shows outside this process (another X server, a file):
 * checks every 50 ms while the main loop runs. */
gboolean      vw_test_poll_until          (VwTestCondition   condition,
                                           gpointer          data,
                                           guint             timeout_ms);

/* The test's own display (Xvfb), driven with xdotool: the pointer to @x, @y
 * of @widget, and "xdotool COMMAND ARGUMENT" (click 1, key ctrl+t). */
void          vw_test_pointer_to          (GtkWidget        *widget,
                                           double            x,
                                           double            y);
void          vw_test_xdotool             (const char       *command,
                                           const char       *argument);

/* Starts Xvnc, with VNC authentication if @password is given, and waits
 * until it is ready. */
void          vw_test_xvnc_start          (VwTestXvnc       *server,
                                           const char       *password);
void          vw_test_xvnc_stop           (VwTestXvnc       *server);
/* ":N", for DISPLAY. */
char         *vw_test_xvnc_display        (VwTestXvnc       *server);
char         *vw_test_xvnc_port           (VwTestXvnc       *server);

/* A new session on @server's port, opening (state CONNECTING). */
VwVncSession *vw_test_xvnc_open_session   (VwTestXvnc       *server,
                                           const char       *password);
/* Waits up to 10 s for @state; fails the test with the session's error. */
void          vw_test_wait_for_vnc_state  (VwVncSession     *session,
                                           VwVncState        state);

G_END_DECLS
