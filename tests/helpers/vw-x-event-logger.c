/* SPDX-License-Identifier: GPL-3.0-or-later */

/* An X client for the keyboard tests: a window over the whole screen of
 * $DISPLAY that has the input focus, and one line on standard output for
 * each event it gets, flushed at once:
 *
 *   Ready
 *   KeyPress KEYCODE KEYSYM STATE NAME    (KeyRelease alike)
 *   ButtonPress BUTTON X Y STATE          (ButtonRelease alike)
 *   Motion X Y
 *   FocusOut
 *
 * KEYSYM (0x…) is what the server's keyboard mapping makes of the key in
 * the event's state (modifiers and group), NAME its name or "-"; STATE is
 * the event's state (0x…). Motion lines let a test put a
 * marker into the server's event stream: a pointer event sent after some
 * keys is logged after them. No GLib: plain Xlib, so that nothing but the
 * server's own mapping decides what is printed. */

#include <X11/XKBlib.h>
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <stdio.h>
#include <stdlib.h>

static void
print_key (const char *type,
           XKeyEvent  *event)
{
  unsigned int mods = 0;
  KeySym keysym = NoSymbol;
  const char *name;

  XkbLookupKeySym (event->display, event->keycode, event->state, &mods, &keysym);
  name = keysym != NoSymbol ? XKeysymToString (keysym) : NULL;
  printf ("%s %u 0x%lx 0x%x %s\n", type, event->keycode, (unsigned long) keysym, event->state,
          name != NULL ? name : "-");
}

int
main (void)
{
  int major = XkbMajorVersion, minor = XkbMinorVersion, reason = 0;
  XSetWindowAttributes attributes = { 0 };
  Display *display;
  Window window;
  XEvent event;
  int screen;

  display = XkbOpenDisplay (NULL, NULL, NULL, &major, &minor, &reason);
  if (display == NULL)
    {
      fprintf (stderr, "cannot open the display with XKB (reason %d)\n", reason);
      return 1;
    }
  screen = DefaultScreen (display);

  /* No window manager runs on the test server; override-redirect says so
   * and keeps the window where it is put. */
  attributes.override_redirect = True;
  attributes.background_pixel = BlackPixel (display, screen);
  attributes.event_mask = KeyPressMask | KeyReleaseMask | ButtonPressMask | ButtonReleaseMask
                          | PointerMotionMask | StructureNotifyMask | FocusChangeMask;
  window = XCreateWindow (display, RootWindow (display, screen), 0, 0,
                          DisplayWidth (display, screen), DisplayHeight (display, screen), 0,
                          CopyFromParent, InputOutput, CopyFromParent,
                          CWOverrideRedirect | CWBackPixel | CWEventMask, &attributes);
  XMapRaised (display, window);

  for (;;)
    {
      XNextEvent (display, &event);
      switch (event.type)
        {
        case MapNotify:
          /* Focus on this window itself, not PointerRoot: the keys come
           * here wherever the pointer is. */
          XSetInputFocus (display, window, RevertToParent, CurrentTime);
          break;
        case FocusIn:
          if (event.xfocus.mode == NotifyNormal && event.xfocus.detail != NotifyPointer)
            printf ("Ready\n");
          break;
        case FocusOut:
          if (event.xfocus.mode == NotifyNormal && event.xfocus.detail != NotifyPointer)
            printf ("FocusOut\n");
          break;
        case KeyPress:
          print_key ("KeyPress", &event.xkey);
          break;
        case KeyRelease:
          print_key ("KeyRelease", &event.xkey);
          break;
        case ButtonPress:
        case ButtonRelease:
          printf ("%s %u %d %d 0x%x\n", event.type == ButtonPress ? "ButtonPress" : "ButtonRelease",
                  event.xbutton.button, event.xbutton.x_root, event.xbutton.y_root,
                  event.xbutton.state);
          break;
        case MotionNotify:
          printf ("Motion %d %d\n", event.xmotion.x_root, event.xmotion.y_root);
          break;
        case MappingNotify:
          XRefreshKeyboardMapping (&event.xmapping);
          break;
        default:
          break;
        }
      fflush (stdout);
    }
  return 0;
}
