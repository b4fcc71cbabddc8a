/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <X11/Xlib.h>

#include "vw-test-xvnc.h"
#include "vw-vnc-session.h"
#include "vw-vnc-view.h"

G_BEGIN_DECLS

/* The fixture of the console's keyboard and pointer tests: keys and clicks
 * go through the VNC view to a real VNC server, TigerVNC's Xvnc, with the
 * same layout as the test's display, and an X client of ours on it
 * (vw-x-event-logger, found in G_TEST_BUILDDIR) logs the keys and buttons
 * it gets. The test runs on an Xvfb of its own, whose layout it sets.
 *
 * GTK 4 cannot synthesize key events, so keys go in through the entry point
 * the view's key controllers use (vw_test_keylog_send_key()). Pointer
 * events sent after a key are a marker: once the logger prints the motion,
 * everything before it has arrived (vw_test_keylog_take_keys()). */

typedef struct
{
  const char *name;
  guint q_keyval;       /* what KEY_Q types: tells when GDK has the layout */
  guint n_levels;
  /* Characters that must arrive, typed without and with AltGr; 0-ended. */
  const guint *plain;
  const guint *altgr;
} VwTestLayout;

/* How keys travel: what the session asks for, and what Xvnc does with it. */
typedef enum
{
  /* QEMU's extended key event, and Xvnc -RawKeyboard presses the key its
   * scancode names: what a QEMU guest gets. */
  VW_TEST_KEY_PATH_SCANCODES,
  /* Plain RFB key events (the session does not ask for scancodes): the
   * server maps the keysym onto its layout. */
  VW_TEST_KEY_PATH_KEYSYMS,
  /* The extended key event, which Xvnc takes but whose scancode it drops
   * unless -RawKeyboard is given: what any TigerVNC server gets. */
  VW_TEST_KEY_PATH_TIGERVNC_DEFAULT,
  VW_TEST_N_KEY_PATHS
} VwTestKeyPath;

typedef struct
{
  const VwTestLayout *layout;
  VwTestKeyPath path;
} VwTestKeyParams;

/* The US and the French layout, each by every path; the first is the US
 * layout with scancodes. */
extern const VwTestKeyParams vw_test_key_params[];
extern const guint vw_test_n_key_params;

/* One key event of the logger. */
typedef struct
{
  gboolean press;
  guint keycode;
  guint keysym;
  guint state;
  char name[64];
} VwTestKeyLine;

typedef struct
{
  VwTestXvnc server;
  const VwTestKeyParams *params;
  Display *xvnc;              /* ours, to ask the server what is down */
  GSubprocess *logger;
  GDataInputStream *log;
  GCancellable *cancellable;
  gboolean reading;
  GPtrArray *lines;
  guint seen;                 /* the lines before this one have been checked */
  guint n_markers;
  VwVncSession *session;
  GtkWidget *window;
  VwVncView *view;
  GtkWidget *entry;
  GPtrArray *failures;        /* of char *: what did not arrive as sent */
  GHashTable *arrived;        /* the keysyms that arrived as sent */
} VwTestKeylog;

typedef void (*VwTestKeylogFunc) (VwTestKeylog  *fixture,
                                  gconstpointer  data);

/* vw_test_init(), the test's own display, and GTK with an application
 * for the fixture's windows. */
void        vw_test_keylog_init               (int             *argc,
                                               char          ***argv);
/* Adds @func as PREFIX/LAYOUT/PATH/NAME for each of vw_test_key_params. */
void        vw_test_keylog_add                (const char      *prefix,
                                               const char      *name,
                                               VwTestKeylogFunc func);
/* The fixture, with @data a VwTestKeyParams: the layout on the test's
 * display and on Xvnc, the logger on Xvnc, a session on it, and a window
 * with the view (800 px wide) and an entry to take the focus from it,
 * active and showing the server's screen. */
void        vw_test_keylog_setup              (VwTestKeylog    *fixture,
                                               gconstpointer    data);
void        vw_test_keylog_teardown           (VwTestKeylog    *fixture,
                                               gconstpointer    data);
const char *vw_test_keylog_path_name          (VwTestKeylog    *fixture);

/* The keyval GDK gives @keycode in the display's current layout, or 0. */
guint       vw_test_translate_key             (guint            keycode,
                                               GdkModifierType  state);
/* "press 24 q 0x0, release 24 q 0x0", for messages. */
char       *vw_test_describe_keys             (GArray          *keys);

/* The index of @line, logged after what has been checked, waiting up to
 * 5 s for it; fails the test with what was logged if it does not come. */
guint       vw_test_keylog_wait_for_line      (VwTestKeylog    *fixture,
                                               const char      *line);
/* The index of the first line starting with @prefix, likewise. */
guint       vw_test_keylog_wait_for_prefix    (VwTestKeylog    *fixture,
                                               const char      *prefix);
/* Puts a marker into the server's event stream after what has been sent,
 * waits for it, and returns the key events (of VwTestKeyLine) logged before
 * it that have not been looked at yet. */
GArray     *vw_test_keylog_take_keys          (VwTestKeylog    *fixture);
/* The server's keys that are down, as "keycode keycode …", or "". */
char       *vw_test_keylog_keys_down          (VwTestKeylog    *fixture);
void        vw_test_keylog_assert_no_key_down (VwTestKeylog    *fixture);
/* The modifier bits a modifier key (an evdev code) sets on the server (an
 * X core state, which is also what GDK's X11 keymap takes). */
guint       vw_test_keylog_modifier_mask      (VwTestKeylog    *fixture,
                                               guint            evdev);
/* Sends a key (an evdev code) as the view's key controller would get it. */
void        vw_test_keylog_send_key           (VwTestKeylog    *fixture,
                                               gboolean         down,
                                               guint            evdev,
                                               GdkModifierType  state);

G_END_DECLS
