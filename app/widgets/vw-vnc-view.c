/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-vnc-view"

#include "vw-keymap.h"
#include "vw-vnc-framebuffer.h"
#include "vw-vnc-view-private.h"

/* The guest's screen and its input. Keys are sent with the keysym the key
 * types with Shift, Caps Lock and AltGr (as RFB wants: the server applies
 * Ctrl and Alt itself) and the scancode of the physical key; each release
 * repeats what its press sent. Pointer
 * positions go through the same placement the picture is drawn with. */

typedef struct
{
  guint keycode;
  guint keysym;
  guint16 qnum;
} PressedKey;

struct _VwVncView
{
  GtkWidget parent_instance;

  VwVncSession *session;
  VwVncScale scale;

  GArray *pressed;
  guint button_mask;
  int pointer_x;
  int pointer_y;

  gboolean grabbed;
  gboolean combo_armed;
  GtkEventController *grab_keys;
  GtkWidget *grab_root;
  gulong active_handler;
};

G_DEFINE_FINAL_TYPE (VwVncView, vw_vnc_view, GTK_TYPE_WIDGET)

G_DEFINE_ENUM_TYPE (VwVncScale, vw_vnc_scale,
  G_DEFINE_ENUM_VALUE (VW_VNC_SCALE_FIT, "fit"),
  G_DEFINE_ENUM_VALUE (VW_VNC_SCALE_ORIGINAL, "original"))

enum {
  PROP_0,
  PROP_SESSION,
  PROP_SCALE,
  PROP_GRABBED,
  N_PROPS
};

static GParamSpec *props[N_PROPS];

/* Where the framebuffer is drawn in the widget: FIT scales it into the
 * widget keeping its aspect, ORIGINAL draws it 1:1; both centre it on whole
 * pixels when there is room to spare. */
static gboolean
get_placement (VwVncView *self,
               double    *x,
               double    *y,
               double    *scale)
{
  int fb_width, fb_height, width, height;

  if (self->session == NULL)
    return FALSE;
  fb_width = vw_vnc_session_get_width (self->session);
  fb_height = vw_vnc_session_get_height (self->session);
  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (fb_width <= 0 || fb_height <= 0 || width <= 0 || height <= 0)
    return FALSE;

  if (self->scale == VW_VNC_SCALE_FIT)
    *scale = MIN ((double) width / fb_width, (double) height / fb_height);
  else
    *scale = 1.0;
  *x = MAX (0, (int) ((width - fb_width * *scale) / 2 + 0.5));
  *y = MAX (0, (int) ((height - fb_height * *scale) / 2 + 0.5));
  return TRUE;
}

/* A point of the widget in framebuffer pixels, clamped to the screen. */
static gboolean
to_framebuffer (VwVncView *self,
                double     wx,
                double     wy,
                int       *fx,
                int       *fy)
{
  double x, y, scale, px, py;

  if (!get_placement (self, &x, &y, &scale))
    return FALSE;
  /* Left of or above the picture is its first column or row. */
  px = MAX (0.0, (wx - x) / scale);
  py = MAX (0.0, (wy - y) / scale);
  *fx = MIN ((int) px, vw_vnc_session_get_width (self->session) - 1);
  *fy = MIN ((int) py, vw_vnc_session_get_height (self->session) - 1);
  return TRUE;
}

static void
vw_vnc_view_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  VwVncView *self = VW_VNC_VIEW (widget);
  GdkPaintable *paintable;
  GskRenderer *renderer;
  double x, y, scale, width, height;

  /* Nothing is drawn around the picture: the letterbox is the theme's
   * background. */
  if (!get_placement (self, &x, &y, &scale))
    return;
  width = vw_vnc_session_get_width (self->session) * scale;
  height = vw_vnc_session_get_height (self->session) * scale;
  paintable = vw_vnc_session_get_paintable (self->session);
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  if (renderer != NULL && GSK_IS_CAIRO_RENDERER (renderer) && VW_IS_VNC_FRAMEBUFFER (paintable))
    vw_vnc_framebuffer_snapshot_cairo (VW_VNC_FRAMEBUFFER (paintable), snapshot, width, height);
  else
    gdk_paintable_snapshot (paintable, snapshot, width, height);
  gtk_snapshot_restore (snapshot);
}

static void
vw_vnc_view_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  VwVncView *self = VW_VNC_VIEW (widget);
  int size = 0;

  if (self->session != NULL)
    size = orientation == GTK_ORIENTATION_HORIZONTAL ? vw_vnc_session_get_width (self->session)
                                                     : vw_vnc_session_get_height (self->session);
  /* FIT can shrink to anything and likes the screen's size; ORIGINAL
   * needs it (a scrolled window shows the rest). */
  *minimum = self->scale == VW_VNC_SCALE_ORIGINAL ? size : 0;
  *natural = size;
}

static void
set_grabbed (VwVncView *self,
             gboolean   grabbed)
{
  if (self->grabbed == grabbed)
    return;
  self->grabbed = grabbed;
  self->combo_armed = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_GRABBED]);
}

void
vw_vnc_view_ungrab (VwVncView *self)
{
  g_return_if_fail (VW_IS_VNC_VIEW (self));

  /* The window may be going away and have dropped its controllers. */
  if (self->grab_keys != NULL)
    {
      if (gtk_event_controller_get_widget (self->grab_keys) == self->grab_root)
        gtk_widget_remove_controller (self->grab_root, self->grab_keys);
      g_clear_object (&self->grab_keys);
      g_clear_object (&self->grab_root);
    }
  set_grabbed (self, FALSE);
}

void
vw_vnc_view_release_keys (VwVncView *self)
{
  g_return_if_fail (VW_IS_VNC_VIEW (self));

  for (guint i = self->pressed->len; i > 0; i--)
    {
      PressedKey *key = &g_array_index (self->pressed, PressedKey, i - 1);

      if (self->session != NULL)
        vw_vnc_session_key_event (self->session, FALSE, key->keysym, key->qnum);
    }
  g_array_set_size (self->pressed, 0);
  self->combo_armed = FALSE;
}

static PressedKey *
find_pressed (VwVncView *self,
              guint      keycode,
              guint     *index)
{
  for (guint i = 0; i < self->pressed->len; i++)
    {
      PressedKey *key = &g_array_index (self->pressed, PressedKey, i);

      if (key->keycode == keycode)
        {
          if (index != NULL)
            *index = i;
          return key;
        }
    }
  return NULL;
}

static gboolean
is_ctrl (guint keysym)
{
  return keysym == GDK_KEY_Control_L || keysym == GDK_KEY_Control_R;
}

static gboolean
is_alt (guint keysym)
{
  return keysym == GDK_KEY_Alt_L || keysym == GDK_KEY_Alt_R
         || keysym == GDK_KEY_Meta_L || keysym == GDK_KEY_Meta_R;
}

/* Ctrl+Alt pressed together and nothing else releases the grab once they
 * are both up again; Ctrl+Alt+Del and the like do not. */
static void
track_release_combo (VwVncView *self,
                     gboolean   down)
{
  gboolean ctrl = FALSE, alt = FALSE, other = FALSE;

  for (guint i = 0; i < self->pressed->len; i++)
    {
      guint keysym = g_array_index (self->pressed, PressedKey, i).keysym;

      ctrl |= is_ctrl (keysym);
      alt |= is_alt (keysym);
      other |= !is_ctrl (keysym) && !is_alt (keysym);
    }

  if (down)
    self->combo_armed = ctrl && alt && !other;
  else if (self->combo_armed && !ctrl && !alt)
    vw_vnc_view_ungrab (self);
}

/* The keysym of the key as typed, but without Ctrl and Alt: they can pick
 * another level (Ctrl+Alt+F1 is XF86Switch_VT_1 on X), and the server
 * applies them itself. AltGr stays: a keysym server must get the €, not
 * the e under it. The keypad keeps the event's keysym: it depends on Num
 * Lock, which GTK 4 has no modifier for. */
static guint
key_symbol (VwVncView       *self,
            guint            keyval,
            guint            keycode,
            GdkModifierType  state,
            guint            layout)
{
  guint keysym = 0;

  if ((keyval >= GDK_KEY_KP_Space && keyval <= GDK_KEY_KP_Equal)
      || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) == 0)
    return keyval;
  if (gdk_display_translate_key (gtk_widget_get_display (GTK_WIDGET (self)), keycode,
                                 state & ~(GDK_CONTROL_MASK | GDK_ALT_MASK), layout,
                                 &keysym, NULL, NULL, NULL)
      && keysym != 0 && keysym != GDK_KEY_VoidSymbol)
    return keysym;
  return keyval;
}

gboolean
vw_vnc_view_handle_key (VwVncView       *self,
                        gboolean         down,
                        guint            keyval,
                        guint            keycode,
                        GdkModifierType  state,
                        guint            layout)
{
  PressedKey *key;
  guint index;

  g_return_val_if_fail (VW_IS_VNC_VIEW (self), FALSE);

  /* Without a guest to type to, keys keep their usual meaning. */
  if (self->session == NULL
      || vw_vnc_session_get_state (self->session) != VW_VNC_STATE_CONNECTED)
    return FALSE;

  key = find_pressed (self, keycode, &index);
  if (!down)
    {
      /* A release whose press went elsewhere is not the guest's. */
      if (key == NULL)
        return TRUE;
      vw_vnc_session_key_event (self->session, FALSE, key->keysym, key->qnum);
      g_array_remove_index (self->pressed, index);
      if (self->grabbed)
        track_release_combo (self, FALSE);
      return TRUE;
    }

  if (key == NULL)
    {
      PressedKey pressed = { keycode, 0, 0 };

      pressed.keysym = key_symbol (self, keyval, keycode, state, layout);
      /* Alt+Print is SysRq, a key of its own to the guest. */
      pressed.qnum = keyval == GDK_KEY_Sys_Req ? 0x54 : vw_keymap_keycode_to_qnum (keycode);
      g_array_append_val (self->pressed, pressed);
      key = &g_array_index (self->pressed, PressedKey, self->pressed->len - 1);
    }
  /* A key already down is the keyboard's autorepeat: pressed again. */
  vw_vnc_session_key_event (self->session, TRUE, key->keysym, key->qnum);
  if (self->grabbed)
    track_release_combo (self, TRUE);
  return TRUE;
}

/* The keyboard layout (XKB group) of the event being handled. */
static guint
event_layout (GtkEventControllerKey *controller)
{
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));

  return event != NULL ? gdk_key_event_get_layout (event) : 0;
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                VwVncView             *self)
{
  return vw_vnc_view_handle_key (self, TRUE, keyval, keycode, state,
                                 event_layout (controller));
}

static void
on_key_released (GtkEventControllerKey *controller,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 VwVncView             *self)
{
  vw_vnc_view_handle_key (self, FALSE, keyval, keycode, state, event_layout (controller));
}

/* While grabbed the window's own capture phase hands the keys over first:
 * the application's shortcuts live there, ahead of any widget. */
static gboolean
on_grab_key_pressed (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     VwVncView             *self)
{
  if (!gtk_widget_has_focus (GTK_WIDGET (self)))
    return FALSE;
  return vw_vnc_view_handle_key (self, TRUE, keyval, keycode, state,
                                 event_layout (controller));
}

static void
on_grab_key_released (GtkEventControllerKey *controller,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      VwVncView             *self)
{
  if (gtk_widget_has_focus (GTK_WIDGET (self)))
    vw_vnc_view_handle_key (self, FALSE, keyval, keycode, state, event_layout (controller));
}

static void
grab (VwVncView *self)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self)));

  if (self->grabbed || root == NULL)
    return;

  /* A controller added later runs earlier within its phase. */
  self->grab_keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_static_name (self->grab_keys, "vw-vnc-view-grab");
  gtk_event_controller_set_propagation_phase (self->grab_keys, GTK_PHASE_CAPTURE);
  g_signal_connect (self->grab_keys, "key-pressed", G_CALLBACK (on_grab_key_pressed), self);
  g_signal_connect (self->grab_keys, "key-released", G_CALLBACK (on_grab_key_released), self);
  self->grab_root = g_object_ref (root);
  gtk_widget_add_controller (root, g_object_ref (self->grab_keys));
  set_grabbed (self, TRUE);
}

static void
send_pointer (VwVncView *self)
{
  if (self->session != NULL)
    vw_vnc_session_pointer_event (self->session, self->button_mask, self->pointer_x,
                                  self->pointer_y);
}

/* The event's position (on its surface) in the widget's coordinates. */
static gboolean
event_position (VwVncView *self,
                GdkEvent  *event,
                double    *x,
                double    *y)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  graphene_point_t point;
  double ex, ey, sx, sy;

  if (native == NULL || !gdk_event_get_position (event, &ex, &ey))
    return FALSE;
  gtk_native_get_surface_transform (native, &sx, &sy);
  if (!gtk_widget_compute_point (GTK_WIDGET (native), GTK_WIDGET (self),
                                 &GRAPHENE_POINT_INIT (ex - sx, ey - sy), &point))
    return FALSE;
  *x = point.x;
  *y = point.y;
  return TRUE;
}

/* Buttons and motion come raw, so that several buttons can be down at once
 * and a drag follows the pointer outside the widget. */
static gboolean
on_pointer_event (GtkEventControllerLegacy *controller,
                  GdkEvent                 *event,
                  VwVncView                *self)
{
  GdkEventType type = gdk_event_get_event_type (event);
  double x, y;
  guint button, bit = 0;

  if (type != GDK_BUTTON_PRESS && type != GDK_BUTTON_RELEASE && type != GDK_MOTION_NOTIFY)
    return FALSE;
  if (self->session == NULL || !event_position (self, event, &x, &y)
      || !to_framebuffer (self, x, y, &self->pointer_x, &self->pointer_y))
    return FALSE;

  if (type != GDK_MOTION_NOTIFY)
    {
      button = gdk_button_event_get_button (event);
      if (button >= GDK_BUTTON_PRIMARY && button <= GDK_BUTTON_SECONDARY)
        bit = 1u << (button - 1);
      if (type == GDK_BUTTON_PRESS)
        {
          gtk_widget_grab_focus (GTK_WIDGET (self));
          grab (self);
          self->button_mask |= bit;
        }
      else
        {
          self->button_mask &= ~bit;
        }
    }
  send_pointer (self);
  return type != GDK_MOTION_NOTIFY;
}

/* The wheel is buttons 4 and 5 (up, down) and 6 and 7 (left, right),
 * each step a press and a release. */
static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           VwVncView                *self)
{
  struct { double steps; guint bit; } axes[] = {
    { -dy, 1u << 3 }, { dy, 1u << 4 }, { -dx, 1u << 5 }, { dx, 1u << 6 },
  };

  if (self->session == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (axes); i++)
    for (int n = (int) (axes[i].steps + 0.5); n > 0; n--)
      {
        vw_vnc_session_pointer_event (self->session, self->button_mask | axes[i].bit,
                                      self->pointer_x, self->pointer_y);
        send_pointer (self);
      }
  return TRUE;
}

static void
on_focus_leave (GtkEventControllerFocus *controller,
                VwVncView               *self)
{
  vw_vnc_view_release_keys (self);
  vw_vnc_view_ungrab (self);
}

static void
on_root_active (GtkWindow  *window,
                GParamSpec *pspec,
                VwVncView  *self)
{
  if (!gtk_window_is_active (window))
    on_focus_leave (NULL, self);
}

static void
on_session_cursor (VwVncView *self)
{
  gtk_widget_set_cursor (GTK_WIDGET (self), vw_vnc_session_get_cursor (self->session));
}

static void
on_session_state (VwVncView *self)
{
  if (vw_vnc_session_get_state (self->session) == VW_VNC_STATE_CONNECTED)
    return;
  /* Nothing can be sent any more: forget the keys, give the shortcuts
   * back. */
  g_array_set_size (self->pressed, 0);
  self->button_mask = 0;
  vw_vnc_view_ungrab (self);
}

VwVncSession *
vw_vnc_view_get_session (VwVncView *self)
{
  g_return_val_if_fail (VW_IS_VNC_VIEW (self), NULL);
  return self->session;
}

void
vw_vnc_view_set_session (VwVncView    *self,
                         VwVncSession *session)
{
  g_return_if_fail (VW_IS_VNC_VIEW (self));
  g_return_if_fail (session == NULL || VW_IS_VNC_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    {
      vw_vnc_view_release_keys (self);
      vw_vnc_view_ungrab (self);
      g_signal_handlers_disconnect_by_data (self->session, self);
      g_signal_handlers_disconnect_by_data (vw_vnc_session_get_paintable (self->session), self);
    }
  g_set_object (&self->session, session);
  self->button_mask = 0;
  if (session != NULL)
    {
      GdkPaintable *paintable = vw_vnc_session_get_paintable (session);

      g_signal_connect_swapped (session, "notify::cursor", G_CALLBACK (on_session_cursor), self);
      g_signal_connect_swapped (session, "notify::state", G_CALLBACK (on_session_state), self);
      g_signal_connect_swapped (paintable, "invalidate-contents",
                                G_CALLBACK (gtk_widget_queue_draw), self);
      g_signal_connect_swapped (paintable, "invalidate-size",
                                G_CALLBACK (gtk_widget_queue_resize), self);
    }
  gtk_widget_set_cursor (GTK_WIDGET (self), session != NULL ? vw_vnc_session_get_cursor (session)
                                                            : NULL);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_SESSION]);
}

VwVncScale
vw_vnc_view_get_scale (VwVncView *self)
{
  g_return_val_if_fail (VW_IS_VNC_VIEW (self), VW_VNC_SCALE_FIT);
  return self->scale;
}

void
vw_vnc_view_set_scale (VwVncView  *self,
                       VwVncScale  scale)
{
  g_return_if_fail (VW_IS_VNC_VIEW (self));

  if (self->scale == scale)
    return;
  self->scale = scale;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_SCALE]);
}

gboolean
vw_vnc_view_get_grabbed (VwVncView *self)
{
  g_return_val_if_fail (VW_IS_VNC_VIEW (self), FALSE);
  return self->grabbed;
}

static void
vw_vnc_view_root (GtkWidget *widget)
{
  VwVncView *self = VW_VNC_VIEW (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (vw_vnc_view_parent_class)->root (widget);

  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    self->active_handler = g_signal_connect (root, "notify::is-active",
                                             G_CALLBACK (on_root_active), self);
}

static void
vw_vnc_view_unroot (GtkWidget *widget)
{
  VwVncView *self = VW_VNC_VIEW (widget);

  vw_vnc_view_release_keys (self);
  vw_vnc_view_ungrab (self);
  g_clear_signal_handler (&self->active_handler, gtk_widget_get_root (widget));

  GTK_WIDGET_CLASS (vw_vnc_view_parent_class)->unroot (widget);
}

static void
vw_vnc_view_unmap (GtkWidget *widget)
{
  VwVncView *self = VW_VNC_VIEW (widget);

  vw_vnc_view_release_keys (self);
  vw_vnc_view_ungrab (self);

  GTK_WIDGET_CLASS (vw_vnc_view_parent_class)->unmap (widget);
}

static void
vw_vnc_view_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  VwVncView *self = VW_VNC_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_SCALE:
      g_value_set_enum (value, self->scale);
      break;
    case PROP_GRABBED:
      g_value_set_boolean (value, self->grabbed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vw_vnc_view_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  VwVncView *self = VW_VNC_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      vw_vnc_view_set_session (self, g_value_get_object (value));
      break;
    case PROP_SCALE:
      vw_vnc_view_set_scale (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vw_vnc_view_dispose (GObject *object)
{
  VwVncView *self = VW_VNC_VIEW (object);

  vw_vnc_view_set_session (self, NULL);
  vw_vnc_view_ungrab (self);

  G_OBJECT_CLASS (vw_vnc_view_parent_class)->dispose (object);
}

static void
vw_vnc_view_finalize (GObject *object)
{
  VwVncView *self = VW_VNC_VIEW (object);

  g_array_unref (self->pressed);

  G_OBJECT_CLASS (vw_vnc_view_parent_class)->finalize (object);
}

static void
vw_vnc_view_class_init (VwVncViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = vw_vnc_view_get_property;
  object_class->set_property = vw_vnc_view_set_property;
  object_class->dispose = vw_vnc_view_dispose;
  object_class->finalize = vw_vnc_view_finalize;
  widget_class->snapshot = vw_vnc_view_snapshot;
  widget_class->measure = vw_vnc_view_measure;
  widget_class->root = vw_vnc_view_root;
  widget_class->unroot = vw_vnc_view_unroot;
  widget_class->unmap = vw_vnc_view_unmap;

  props[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, VW_TYPE_VNC_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_SCALE] =
    g_param_spec_enum ("scale", NULL, NULL, VW_TYPE_VNC_SCALE, VW_VNC_SCALE_FIT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_GRABBED] =
    g_param_spec_boolean ("grabbed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  gtk_widget_class_set_css_name (widget_class, "vnc-view");
}

static void
vw_vnc_view_init (VwVncView *self)
{
  GtkEventController *controller;

  self->pressed = g_array_new (FALSE, FALSE, sizeof (PressedKey));
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed), self);
  g_signal_connect (controller, "key-released", G_CALLBACK (on_key_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_legacy_new ();
  g_signal_connect (controller, "event", G_CALLBACK (on_pointer_event), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES
                                                | GTK_EVENT_CONTROLLER_SCROLL_DISCRETE);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

GtkWidget *
vw_vnc_view_new (void)
{
  return g_object_new (VW_TYPE_VNC_VIEW, NULL);
}
