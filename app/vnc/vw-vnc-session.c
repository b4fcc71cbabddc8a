/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-vnc-session"

#include <glib/gi18n.h>
#include <gvnc.h>
#include <string.h>
#include <unistd.h>

#include "vw-error.h"
#include "vw-vnc-framebuffer.h"
#include "vw-vnc-session-private.h"

/* gvnc runs the protocol in a coroutine on the main loop and emits its
 * signals from the main context while the coroutine waits, so everything
 * here happens on the main thread and a handler may change the framebuffer
 * gvnc is about to write into. */

struct _VwVncSession
{
  GObject parent_instance;

  VncConnection *conn;
  VwVncFramebuffer *framebuffer;
  VwVncState state;
  char *error;
  gboolean error_is_final;
  char *name;
  char *password;
  GdkCursor *cursor;
  gboolean no_scancodes;

  guint started_id;
  gboolean started;
  gboolean initialized;
  guint flush_id;
};

G_DEFINE_FINAL_TYPE (VwVncSession, vw_vnc_session, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (VwVncState, vw_vnc_state,
  G_DEFINE_ENUM_VALUE (VW_VNC_STATE_DISCONNECTED, "disconnected"),
  G_DEFINE_ENUM_VALUE (VW_VNC_STATE_CONNECTING, "connecting"),
  G_DEFINE_ENUM_VALUE (VW_VNC_STATE_AUTHENTICATING, "authenticating"),
  G_DEFINE_ENUM_VALUE (VW_VNC_STATE_CONNECTED, "connected"))

enum {
  PROP_0,
  PROP_STATE,
  PROP_ERROR,
  PROP_NAME,
  PROP_WIDTH,
  PROP_HEIGHT,
  PROP_CURSOR,
  N_PROPS
};

static GParamSpec *props[N_PROPS];

/* Encodings in the order the server should prefer them: lossless Tight and
 * ZRLE keep a remote lab usable over SSH, then the cheap ones. The pseudo
 * encodings ask for the cursor as a shape (drawn by the local pointer),
 * desktop size and format changes, and QEMU's scancode key events. */
static const gint32 encodings[] = {
  VNC_CONNECTION_ENCODING_TIGHT,
  VNC_CONNECTION_ENCODING_ZRLE,
  VNC_CONNECTION_ENCODING_HEXTILE,
  VNC_CONNECTION_ENCODING_RRE,
  VNC_CONNECTION_ENCODING_COPY_RECT,
  VNC_CONNECTION_ENCODING_RAW,
  VNC_CONNECTION_ENCODING_EXTENDED_DESKTOP_RESIZE,
  VNC_CONNECTION_ENCODING_DESKTOP_RESIZE,
  VNC_CONNECTION_ENCODING_WMVi,
  VNC_CONNECTION_ENCODING_DESKTOP_NAME,
  VNC_CONNECTION_ENCODING_LAST_RECT,
  VNC_CONNECTION_ENCODING_EXT_KEY_EVENT,
  VNC_CONNECTION_ENCODING_LED_STATE,
  VNC_CONNECTION_ENCODING_ALPHA_CURSOR,
  VNC_CONNECTION_ENCODING_RICH_CURSOR,
  VNC_CONNECTION_ENCODING_XCURSOR,
  VNC_CONNECTION_ENCODING_POINTER_CHANGE,
};

void
vw_vnc_session_set_state (VwVncSession *self,
                          VwVncState    state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_STATE]);
}

/* The first error explains a disconnection best, except that an
 * authentication failure (which gvnc reports after a generic error) is
 * what the user has to act on. */
void
vw_vnc_session_set_error (VwVncSession *self,
                          gboolean      final,
                          const char   *format,
                          ...)
{
  va_list args;

  if (self->error_is_final || (self->error != NULL && !final))
    return;

  g_free (self->error);
  va_start (args, format);
  self->error = g_strdup_vprintf (format, args);
  va_end (args);
  self->error_is_final = final;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_ERROR]);
}

static void
clear_password (VwVncSession *self)
{
  if (self->password != NULL)
    explicit_bzero (self->password, strlen (self->password));
  g_clear_pointer (&self->password, g_free);
}

char *
vw_vnc_session_take_password (VwVncSession *self)
{
  return g_steal_pointer (&self->password);
}

static void
set_cursor (VwVncSession *self,
            GdkCursor    *cursor)
{
  if (!g_set_object (&self->cursor, cursor))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_CURSOR]);
}

/* gvnc 1.3 arms a 10 s timer (2 s while greeting) around connecting and
 * forgets to remove it when a shutdown interrupts the wait: the timer then
 * fires on a freed connection. A connection shut down before it was set up
 * is therefore kept a little longer than that. */
#define SETUP_TIMER_GRACE_S 12

static gboolean
release_later (gpointer data)
{
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

static gboolean
shutdown_later (gpointer data)
{
  VncConnection *conn = data;

  vnc_connection_shutdown (conn);
  g_object_unref (conn);
  return G_SOURCE_REMOVE;
}

/* Lets go of the connection, shutting it down unless it has ended. gvnc
 * keeps its own reference until its coroutine has finished, which a
 * shutdown brings about; a coroutine that has not started yet (and would
 * never finish, nor close an fd it was given) is given the time to. */
static void
drop_connection (VwVncSession *self,
                 gboolean      shutdown)
{
  VncConnection *conn = g_steal_pointer (&self->conn);

  if (conn == NULL)
    return;

  g_signal_handlers_disconnect_by_data (conn, self);
  if (shutdown && !self->initialized)
    g_timeout_add_seconds (SETUP_TIMER_GRACE_S, release_later, g_object_ref (conn));
  if (shutdown && !self->started)
    {
      g_idle_add (shutdown_later, conn);
    }
  else
    {
      if (shutdown)
        vnc_connection_shutdown (conn);
      g_object_unref (conn);
    }
  g_clear_handle_id (&self->started_id, g_source_remove);
  g_clear_handle_id (&self->flush_id, g_source_remove);
  clear_password (self);
}

static void
request_update (VwVncSession *self,
                gboolean      incremental)
{
  vnc_connection_framebuffer_update_request (self->conn, incremental, 0, 0,
                                             vw_vnc_framebuffer_get_width (self->framebuffer),
                                             vw_vnc_framebuffer_get_height (self->framebuffer));
}

static gboolean
flush_frame (gpointer data)
{
  VwVncSession *self = data;

  self->flush_id = 0;
  vw_vnc_framebuffer_flush (self->framebuffer);
  if (self->conn != NULL && self->state == VW_VNC_STATE_CONNECTED)
    request_update (self, TRUE);
  return G_SOURCE_REMOVE;
}

/* Once the rectangles of the update that have arrived are decoded (gvnc
 * decodes at a higher priority), they are handed to GTK, whose frame clock
 * paces the drawing, and the next update is asked for at once, as
 * remote-viewer does: the server, not our drawing, sets the pace. */
static void
schedule_flush (VwVncSession *self)
{
  if (self->flush_id == 0)
    self->flush_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE + 10, flush_frame, self, NULL);
}

/* A new framebuffer of the connection's size and format, then all of it
 * again from the server. */
static gboolean
reallocate (VwVncSession *self)
{
  VncFramebuffer *fb;
  int width = vnc_connection_get_width (self->conn);
  int height = vnc_connection_get_height (self->conn);
  int old_width = vw_vnc_framebuffer_get_width (self->framebuffer);
  int old_height = vw_vnc_framebuffer_get_height (self->framebuffer);

  if (width <= 0 || height <= 0 || width > G_MAXUINT16 || height > G_MAXUINT16)
    {
      vw_vnc_session_set_error (self, FALSE,
                                _("The VNC server sent an invalid screen size (%d × %d)"),
                                width, height);
      return FALSE;
    }

  fb = vw_vnc_framebuffer_allocate (self->framebuffer, width, height,
                                    vnc_connection_get_pixel_format (self->conn));
  if (!vnc_connection_set_framebuffer (self->conn, fb))
    return FALSE;
  if (width != old_width)
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_WIDTH]);
  if (height != old_height)
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_HEIGHT]);
  request_update (self, FALSE);
  return TRUE;
}

static gboolean
on_started (gpointer data)
{
  VwVncSession *self = data;

  self->started_id = 0;
  self->started = TRUE;
  return G_SOURCE_REMOVE;
}

static void
on_error (VncConnection *conn,
          const char    *message,
          VwVncSession  *self)
{
  if (self->state == VW_VNC_STATE_CONNECTED)
    vw_vnc_session_set_error (self, FALSE, _("The connection to the VNC server was lost: %s"),
                              message);
  else
    vw_vnc_session_set_error (self, FALSE, _("Could not connect to the VNC server: %s"),
                              message);
}

static void
on_initialized (VncConnection *conn,
                VwVncSession  *self)
{
  gint32 wanted[G_N_ELEMENTS (encodings)];
  int n_wanted = 0;

  for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
    if (encodings[i] != VNC_CONNECTION_ENCODING_EXT_KEY_EVENT || !self->no_scancodes)
      wanted[n_wanted++] = encodings[i];
  if (!vnc_connection_set_pixel_format (conn, vw_vnc_framebuffer_pixel_format ())
      || !vnc_connection_set_encodings (conn, n_wanted, wanted)
      || !reallocate (self))
    {
      vnc_connection_shutdown (conn);
      return;
    }

  self->initialized = TRUE;
  g_free (self->name);
  self->name = g_strdup (vnc_connection_get_name (conn));
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_NAME]);
  vw_vnc_session_set_state (self, VW_VNC_STATE_CONNECTED);
}

static void
on_desktop_resize (VncConnection *conn,
                   int            width,
                   int            height,
                   VwVncSession  *self)
{
  if (!reallocate (self))
    vnc_connection_shutdown (conn);
}

static void
on_pixel_format_changed (VncConnection  *conn,
                         VncPixelFormat *format,
                         VwVncSession   *self)
{
  if (!reallocate (self))
    vnc_connection_shutdown (conn);
}

static void
on_desktop_rename (VncConnection *conn,
                   const char    *name,
                   VwVncSession  *self)
{
  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_NAME]);
}

static void
on_framebuffer_update (VncConnection *conn,
                       int            x,
                       int            y,
                       int            width,
                       int            height,
                       VwVncSession  *self)
{
  vw_vnc_framebuffer_damage (self->framebuffer, x, y, width, height);
  schedule_flush (self);
}

static void
on_cursor_changed (VncConnection *conn,
                   VncCursor     *remote,
                   VwVncSession  *self)
{
  g_autoptr(GdkCursor) cursor = NULL;

  /* gvnc's cursor pixels are native-endian 0xAARRGGBB words with straight
   * alpha. No shape means the local default pointer. */
  if (remote != NULL && vnc_cursor_get_width (remote) > 0 && vnc_cursor_get_height (remote) > 0)
    {
      int width = vnc_cursor_get_width (remote);
      int height = vnc_cursor_get_height (remote);
      g_autoptr(GBytes) bytes = g_bytes_new (vnc_cursor_get_data (remote),
                                             (gsize) width * height * 4);
      g_autoptr(GdkTexture) texture = NULL;

#if G_BYTE_ORDER == G_LITTLE_ENDIAN
      texture = gdk_memory_texture_new (width, height, GDK_MEMORY_B8G8R8A8, bytes, width * 4);
#else
      texture = gdk_memory_texture_new (width, height, GDK_MEMORY_A8R8G8B8, bytes, width * 4);
#endif
      cursor = gdk_cursor_new_from_texture (texture, vnc_cursor_get_hotx (remote),
                                            vnc_cursor_get_hoty (remote), NULL);
    }
  set_cursor (self, cursor);
}

static void
on_disconnected (VncConnection *conn,
                 VwVncSession  *self)
{
  if (self->error == NULL)
    vw_vnc_session_set_error (self, FALSE, "%s", _("The VNC server closed the connection"));
  drop_connection (self, FALSE);
  vw_vnc_session_set_state (self, VW_VNC_STATE_DISCONNECTED);
}

static gboolean
begin_open (VwVncSession  *self,
            GError       **error)
{
  if (self->conn != NULL)
    {
      g_set_error (error, VW_ERROR, VW_ERROR_FAILED, "%s",
                   _("The VNC session is already open"));
      return FALSE;
    }

  self->conn = vnc_connection_new ();
  self->started = FALSE;
  self->initialized = FALSE;
  vnc_connection_set_shared (self->conn, TRUE);
  vw_vnc_session_connect_auth (self, self->conn);
  g_signal_connect (self->conn, "vnc-error", G_CALLBACK (on_error), self);
  g_signal_connect (self->conn, "vnc-initialized", G_CALLBACK (on_initialized), self);
  g_signal_connect (self->conn, "vnc-desktop-resize", G_CALLBACK (on_desktop_resize), self);
  g_signal_connect (self->conn, "vnc-pixel-format-changed",
                    G_CALLBACK (on_pixel_format_changed), self);
  g_signal_connect (self->conn, "vnc-desktop-rename", G_CALLBACK (on_desktop_rename), self);
  g_signal_connect (self->conn, "vnc-framebuffer-update", G_CALLBACK (on_framebuffer_update), self);
  g_signal_connect (self->conn, "vnc-cursor-changed", G_CALLBACK (on_cursor_changed), self);
  g_signal_connect (self->conn, "vnc-disconnected", G_CALLBACK (on_disconnected), self);
  return TRUE;
}

static void
end_open (VwVncSession *self)
{
  /* gvnc starts its coroutine from an idle callback; this one runs after
   * it. */
  self->started_id = g_idle_add (on_started, self);
  g_clear_pointer (&self->error, g_free);
  self->error_is_final = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_ERROR]);
  vw_vnc_session_set_state (self, VW_VNC_STATE_CONNECTING);
}

gboolean
vw_vnc_session_open_fd (VwVncSession  *self,
                        int            fd,
                        GError       **error)
{
  g_return_val_if_fail (VW_IS_VNC_SESSION (self), FALSE);
  g_return_val_if_fail (fd >= 0, FALSE);

  if (!begin_open (self, error))
    {
      close (fd);
      return FALSE;
    }
  /* gvnc wraps the fd in a GSocket, which closes it, when its coroutine
   * starts; drop_connection() makes sure it does start. */
  vnc_connection_open_fd (self->conn, fd);
  end_open (self);
  return TRUE;
}

gboolean
vw_vnc_session_open_host (VwVncSession  *self,
                          const char    *host,
                          const char    *port,
                          GError       **error)
{
  g_return_val_if_fail (VW_IS_VNC_SESSION (self), FALSE);
  g_return_val_if_fail (host != NULL && port != NULL, FALSE);

  if (!begin_open (self, error))
    return FALSE;
  vnc_connection_open_host (self->conn, host, port);
  end_open (self);
  return TRUE;
}

void
vw_vnc_session_close (VwVncSession *self)
{
  g_return_if_fail (VW_IS_VNC_SESSION (self));

  drop_connection (self, TRUE);
  vw_vnc_session_set_state (self, VW_VNC_STATE_DISCONNECTED);
}

VwVncState
vw_vnc_session_get_state (VwVncSession *self)
{
  g_return_val_if_fail (VW_IS_VNC_SESSION (self), VW_VNC_STATE_DISCONNECTED);
  return self->state;
}

const char *
vw_vnc_session_get_error (VwVncSession *self)
{
  g_return_val_if_fail (VW_IS_VNC_SESSION (self), NULL);
  return self->error;
}

const char *
vw_vnc_session_get_name (VwVncSession *self)
{
  g_return_val_if_fail (VW_IS_VNC_SESSION (self), NULL);
  return self->name;
}

int
vw_vnc_session_get_width (VwVncSession *self)
{
  g_return_val_if_fail (VW_IS_VNC_SESSION (self), 0);
  return vw_vnc_framebuffer_get_width (self->framebuffer);
}

int
vw_vnc_session_get_height (VwVncSession *self)
{
  g_return_val_if_fail (VW_IS_VNC_SESSION (self), 0);
  return vw_vnc_framebuffer_get_height (self->framebuffer);
}

GdkPaintable *
vw_vnc_session_get_paintable (VwVncSession *self)
{
  g_return_val_if_fail (VW_IS_VNC_SESSION (self), NULL);
  return GDK_PAINTABLE (self->framebuffer);
}

GdkCursor *
vw_vnc_session_get_cursor (VwVncSession *self)
{
  g_return_val_if_fail (VW_IS_VNC_SESSION (self), NULL);
  return self->cursor;
}

GdkTexture *
vw_vnc_session_get_texture (VwVncSession *self)
{
  g_return_val_if_fail (VW_IS_VNC_SESSION (self), NULL);
  return vw_vnc_framebuffer_get_texture (self->framebuffer);
}

guint64
vw_vnc_session_get_n_frames (VwVncSession *self)
{
  g_return_val_if_fail (VW_IS_VNC_SESSION (self), 0);
  return vw_vnc_framebuffer_get_n_frames (self->framebuffer);
}

gboolean
vw_vnc_session_has_scancodes (VwVncSession *self)
{
  g_return_val_if_fail (VW_IS_VNC_SESSION (self), FALSE);
  return self->conn != NULL && self->state == VW_VNC_STATE_CONNECTED
         && vnc_connection_get_ext_key_event (self->conn);
}

void
vw_vnc_session_set_scancodes (VwVncSession *self,
                              gboolean      enabled)
{
  g_return_if_fail (VW_IS_VNC_SESSION (self));

  self->no_scancodes = !enabled;
}

void
vw_vnc_session_set_password (VwVncSession *self,
                             const char   *password)
{
  g_return_if_fail (VW_IS_VNC_SESSION (self));
  g_return_if_fail (password != NULL);

  if (self->state == VW_VNC_STATE_AUTHENTICATING && self->conn != NULL)
    {
      vnc_connection_set_credential (self->conn, VNC_CONNECTION_CREDENTIAL_PASSWORD, password);
      vw_vnc_session_set_state (self, VW_VNC_STATE_CONNECTING);
      return;
    }
  clear_password (self);
  self->password = g_strdup (password);
}

/* The connection, while input can be sent to it. */
VncConnection *
vw_vnc_session_get_connection (VwVncSession *self)
{
  g_return_val_if_fail (VW_IS_VNC_SESSION (self), NULL);

  if (self->conn == NULL || self->state != VW_VNC_STATE_CONNECTED)
    return NULL;
  return self->conn;
}

static void
vw_vnc_session_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  VwVncSession *self = VW_VNC_SESSION (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_WIDTH:
      g_value_set_int (value, vw_vnc_session_get_width (self));
      break;
    case PROP_HEIGHT:
      g_value_set_int (value, vw_vnc_session_get_height (self));
      break;
    case PROP_CURSOR:
      g_value_set_object (value, self->cursor);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vw_vnc_session_dispose (GObject *object)
{
  VwVncSession *self = VW_VNC_SESSION (object);

  drop_connection (self, TRUE);
  g_clear_object (&self->cursor);

  G_OBJECT_CLASS (vw_vnc_session_parent_class)->dispose (object);
}

static void
vw_vnc_session_finalize (GObject *object)
{
  VwVncSession *self = VW_VNC_SESSION (object);

  g_clear_object (&self->framebuffer);
  g_free (self->error);
  g_free (self->name);
  clear_password (self);

  G_OBJECT_CLASS (vw_vnc_session_parent_class)->finalize (object);
}

static void
vw_vnc_session_class_init (VwVncSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = vw_vnc_session_get_property;
  object_class->dispose = vw_vnc_session_dispose;
  object_class->finalize = vw_vnc_session_finalize;

  props[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, VW_TYPE_VNC_STATE, VW_VNC_STATE_DISCONNECTED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_WIDTH] =
    g_param_spec_int ("width", NULL, NULL, 0, G_MAXUINT16, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_HEIGHT] =
    g_param_spec_int ("height", NULL, NULL, 0, G_MAXUINT16, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_CURSOR] =
    g_param_spec_object ("cursor", NULL, NULL, GDK_TYPE_CURSOR,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
vw_vnc_session_init (VwVncSession *self)
{
  self->framebuffer = vw_vnc_framebuffer_new ();
}

VwVncSession *
vw_vnc_session_new (void)
{
  return g_object_new (VW_TYPE_VNC_SESSION, NULL);
}
