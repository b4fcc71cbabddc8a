/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-test"

#include <X11/Xutil.h>
#include <gdk/x11/gdkx.h>

#include "vw-application.h"
#include "vw-test-util.h"
#include "vw-ui-test-util.h"

/* GTK, libadwaita and a registered application that windows can join,
 * after vw_test_init(). */
VwApplication *
vw_test_ui_init (void)
{
  g_autoptr(GError) error = NULL;
  VwApplication *app;

  gtk_init ();
  adw_init ();
  app = vw_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  return app;
}

gboolean
vw_test_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

void
vw_test_present (GtkWindow *window,
                 int        width,
                 int        height)
{
  gtk_window_set_default_size (window, width, height);
  gtk_window_present (window);
  g_assert_true (vw_test_wait_until (vw_test_is_mapped, window, 5000));
}

static gboolean
has_dialog (gpointer data)
{
  g_autoptr(GListModel) toplevels = NULL;
  AdwMessageDialog **found = data;

  toplevels = g_object_ref (gtk_window_get_toplevels ());
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        {
          *found = ADW_MESSAGE_DIALOG (window);
          return TRUE;
        }
    }
  return FALSE;
}

/* The message dialog on screen, waiting for it to appear. */
AdwMessageDialog *
vw_test_find_dialog (guint timeout_ms)
{
  AdwMessageDialog *found = NULL;

  g_assert_true (vw_test_wait_until (has_dialog, &found, timeout_ms));
  return found;
}

/* Answers the dialog on screen as a click on @response would. */
void
vw_test_respond_to_dialog (const char *response)
{
  AdwMessageDialog *dialog = vw_test_find_dialog (5000);

  g_assert_true (adw_message_dialog_get_response_enabled (dialog, response));
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

GtkWidget *
vw_test_find_widget (GtkWidget *root,
                     GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = vw_test_find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Renders @widget as it is on screen into build/tests/@name. */
void
vw_test_save_screenshot (GtkWidget  *widget,
                         const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width, height;

  /* A widget has something to show once it has been drawn; give the frame
   * clock the time for that. */
  for (guint attempt = 0; node == NULL && attempt < 40; attempt++)
    {
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

      vw_test_wait_ms (50);
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_test_build_filename (G_TEST_BUILT, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot saved to %s", path);
}

/* The AdwEntryRow titled @title under @root (a form in a dialog). */
GtkWidget *
vw_test_find_entry_row (GtkWidget  *root,
                        const char *title)
{
  if (ADW_IS_ENTRY_ROW (root) && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = vw_test_find_entry_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

void
vw_test_set_entry_row (GtkWidget  *root,
                       const char *title,
                       const char *text)
{
  GtkWidget *row = vw_test_find_entry_row (root, title);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* The visible button whose tooltip is @tooltip (which names its virsh
 * command), as a learner finds it. */
GtkWidget *
vw_test_find_button (GtkWidget  *root,
                     const char *tooltip)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_get_visible (root)
      && g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = vw_test_find_button (child, tooltip);

      if (found != NULL)
        return found;
    }
  return NULL;
}

guint32
vw_test_window_pixel (GtkWidget *window,
                      int        x,
                      int        y)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  Display *display = gdk_x11_display_get_xdisplay (gtk_widget_get_display (window));
  XImage *image;
  guint32 pixel;

  XSync (display, False);
  image = XGetImage (display, gdk_x11_surface_get_xid (surface), x, y, 1, 1, AllPlanes, ZPixmap);
  g_assert_nonnull (image);
  pixel = (guint32) XGetPixel (image, 0, 0) & 0xffffff;
  XDestroyImage (image);
  return pixel;
}
