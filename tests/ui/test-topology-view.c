/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>

#include "vw-network-spec.h"
#include "vw-test-ops.h"
#include "vw-test-util.h"
#include "vw-topology-view.h"
#include "vw-ui-test-util.h"

/* The topology picture in a real window under Xvfb, on the sandbox lab:
 * what it draws and where, how big it asks to be, and that it follows the
 * lab and forwards clicks. */

typedef struct
{
  VwTestOps ops;
  GtkWidget *window;
  GtkWidget *scrolled;
  VwTopologyView *view;
  char *selected;
} Fixture;

static gboolean
is_drawn (gpointer data)
{
  Fixture *fixture = data;
  VwTopology *topology = vw_topology_view_get_topology (fixture->view);

  return gtk_widget_get_mapped (GTK_WIDGET (fixture->view))
         && vw_topology_get_serial (topology) > 0 && !vw_topology_get_busy (topology)
         && gtk_widget_get_height (GTK_WIDGET (fixture->view)) > 0;
}

/* Lets the reads, the update, the layout and a frame happen. */
static void
settle (Fixture *fixture)
{
  vw_test_wait_ms (30);
  g_assert_true (vw_test_wait_until (is_drawn, fixture, 10000));
  vw_test_wait_ms (100);
}

static void
on_select_domain (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  Fixture *fixture = user_data;

  g_free (fixture->selected);
  fixture->selected = g_variant_dup_string (parameter, NULL);
}

static void
setup (Fixture       *fixture,
       gconstpointer  data)
{
  static const GActionEntry entries[] = { { "select-domain", on_select_domain, "s" } };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  vw_test_ops_setup (&fixture->ops, data);
  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 800);
  /* The lab page's action, as the view finds it when inside the lab. */
  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), fixture);
  gtk_widget_insert_action_group (fixture->window, "lab", G_ACTION_GROUP (group));
  fixture->scrolled = gtk_scrolled_window_new ();
  fixture->view = VW_TOPOLOGY_VIEW (vw_topology_view_new ());
  vw_topology_view_set_connection (fixture->view, fixture->ops.connection);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (fixture->scrolled),
                                 GTK_WIDGET (fixture->view));
  gtk_window_set_child (GTK_WINDOW (fixture->window), fixture->scrolled);
  gtk_window_present (GTK_WINDOW (fixture->window));
  settle (fixture);
}

static void
teardown (Fixture       *fixture,
          gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  vw_test_wait_ms (20);
  g_free (fixture->selected);
  vw_test_ops_teardown (&fixture->ops, data);
}

static graphene_rect_t
bounds (Fixture        *fixture,
        VwTopologyKind  kind,
        const char     *name)
{
  graphene_rect_t rect;

  if (!vw_topology_view_get_item_bounds (fixture->view, kind, name, &rect))
    g_error ("%s is not drawn", name);
  g_assert_cmpfloat (rect.size.width, >, 0);
  return rect;
}

static char *
describe (Fixture        *fixture,
          VwTopologyKind  kind,
          const char     *name)
{
  graphene_rect_t rect = bounds (fixture, kind, name);
  graphene_point_t center;

  graphene_rect_get_center (&rect, &center);
  return vw_topology_view_describe_at (fixture->view, center.x, center.y);
}

/* What @paintable (of the view) shows, as premultiplied BGRA bytes. A
 * widget paintable takes a new image only when the widget queues a draw,
 * as the screen does. */
typedef struct
{
  int width, height;
  guchar *pixels;
} Image;

static Image
render_paintable (Fixture      *fixture,
                  GdkPaintable *paintable)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  Image image = { gdk_paintable_get_intrinsic_width (paintable),
                 gdk_paintable_get_intrinsic_height (paintable) };

  gdk_paintable_snapshot (paintable, snapshot, image.width, image.height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (fixture->window)),
                                         node,
                                         &GRAPHENE_RECT_INIT (0, 0, image.width, image.height));
  image.pixels = g_malloc (image.width * image.height * 4);
  gdk_texture_download (texture, image.pixels, image.width * 4);
  return image;
}

static Image
render (Fixture *fixture)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (fixture->view));

  return render_paintable (fixture, paintable);
}

static const guchar *
pixel (const Image *image,
       float        x,
       float        y)
{
  g_assert_true (x >= 0 && y >= 0 && x < image->width && y < image->height);
  return image->pixels + ((int) y * image->width + (int) x) * 4;
}

/* Green over the rest: the "reaches the outside" trunk. */
static gboolean
is_green (const guchar *p)
{
  return p[3] > 200 && p[1] > p[0] + 40 && p[1] > p[2] + 40;
}

static void
test_picture (Fixture       *fixture,
              gconstpointer  data)
{
  graphene_rect_t def = bounds (fixture, VW_TOPOLOGY_KIND_NETWORK, "default");
  graphene_rect_t lab = bounds (fixture, VW_TOPOLOGY_KIND_NETWORK, "labnet");
  graphene_rect_t web = bounds (fixture, VW_TOPOLOGY_KIND_MACHINE, "web01");
  graphene_rect_t router = bounds (fixture, VW_TOPOLOGY_KIND_MACHINE, "router");
  graphene_rect_t client = bounds (fixture, VW_TOPOLOGY_KIND_MACHINE, "client01");
  graphene_rect_t disk = bounds (fixture, VW_TOPOLOGY_KIND_VOLUME, "default/web01.qcow2");
  g_autofree char *about_lab = describe (fixture, VW_TOPOLOGY_KIND_NETWORK, "labnet");
  g_autofree char *about_web = describe (fixture, VW_TOPOLOGY_KIND_MACHINE, "web01");
  g_autofree char *about_disk = describe (fixture, VW_TOPOLOGY_KIND_VOLUME, "default/web01.qcow2");
  Image image;
  guint drawn = 0;

  /* Wide: networks, then machines, then storage, left to right; machines
   * next to the first network they are on, the router last of default's
   * (nearest labnet), client01 next to labnet. */
  g_assert_cmpfloat (def.origin.x + def.size.width, <, web.origin.x);
  g_assert_cmpfloat (web.origin.x + web.size.width, <, disk.origin.x);
  g_assert_cmpfloat (def.origin.y, <, lab.origin.y);
  g_assert_cmpfloat (web.origin.y, <, router.origin.y);
  g_assert_cmpfloat (router.origin.y, <, lab.origin.y);
  g_assert_cmpfloat (client.origin.y, ==, lab.origin.y);

  g_assert_nonnull (strstr (about_lab, "Isolated"));
  g_assert_nonnull (strstr (about_lab, "client01"));
  g_assert_nonnull (strstr (about_web, "Running"));
  g_assert_nonnull (strstr (about_web, "default"));
  g_assert_nonnull (strstr (about_disk, "web01 (vda)"));
  g_assert_null (vw_topology_view_describe_at (fixture->view, 2, 2));

  image = render (fixture);
  for (int i = 0; i < image.width * image.height; i++)
    drawn += image.pixels[i * 4 + 3] > 0;
  /* Cards, lines and text cover a good part of it. */
  g_assert_cmpuint (drawn, >, (guint) (image.width * image.height / 10));
  /* The trunk from the outside reaches default's row, and no further:
   * labnet, isolated, is cut off. */
  g_assert_true (is_green (pixel (&image, def.origin.x - 20, def.origin.y - 10)));
  g_assert_true (is_green (pixel (&image, def.origin.x - 10, def.origin.y + 22)));
  g_assert_false (is_green (pixel (&image, lab.origin.x - 20, lab.origin.y + 10)));
  g_assert_false (is_green (pixel (&image, lab.origin.x - 10, lab.origin.y + 22)));
  g_assert_cmpint (pixel (&image, lab.origin.x - 20, lab.origin.y + 10)[3], ==, 0);
  g_free (image.pixels);
  vw_test_save_screenshot (fixture->window, "topology-view.png");
}

static int
height_for (Fixture *fixture,
            int      width)
{
  int minimum, natural;

  gtk_widget_measure (GTK_WIDGET (fixture->view), GTK_ORIENTATION_VERTICAL, width, &minimum,
                      &natural, NULL, NULL);
  return natural;
}

static void
define_network (Fixture    *fixture,
                const char *name,
                const char *address)
{
  VwNetworkSpec spec = { name, "nat", address, 24, NULL, NULL };
  g_autofree char *xml = vw_network_spec_to_xml (&spec, NULL);

  vw_connection_define_network_async (fixture->ops.connection, xml, NULL, vw_test_ops_done,
                                      vw_test_ops_begin (&fixture->ops));
  vw_test_ops_wait (&fixture->ops);
  g_assert_no_error (fixture->ops.error);
}

static void
test_size (Fixture       *fixture,
           gconstpointer  data)
{
  int wide = height_for (fixture, 1100), narrow = height_for (fixture, 360);
  int minimum, natural;

  /* Narrow, machines go under their networks: it fits, taller. */
  gtk_widget_measure (GTK_WIDGET (fixture->view), GTK_ORIENTATION_HORIZONTAL, -1, &minimum,
                      &natural, NULL, NULL);
  g_assert_cmpint (minimum, <=, 340);
  g_assert_cmpint (natural, >, 900);
  g_assert_cmpint (narrow, >, wide);

  define_network (fixture, "extra1", "10.61.0.1");
  define_network (fixture, "extra2", "10.62.0.1");
  define_network (fixture, "extra3", "10.63.0.1");
  settle (fixture);
  g_assert_cmpint (height_for (fixture, 1100), >=, wide + 3 * 62);
  g_assert_cmpint (height_for (fixture, 360), >=, narrow + 3 * 62);
  bounds (fixture, VW_TOPOLOGY_KIND_NETWORK, "extra3");

  /* And the window narrow: the view follows, a tree, with nothing wider
   * than the window. */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 700);
  vw_test_wait_ms (300);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->view)), <=, 360);
  g_assert_cmpfloat (bounds (fixture, VW_TOPOLOGY_KIND_MACHINE, "web01").origin.y, >,
                     bounds (fixture, VW_TOPOLOGY_KIND_NETWORK, "default").origin.y);
  g_assert_cmpfloat (bounds (fixture, VW_TOPOLOGY_KIND_VOLUME, "default/web01.qcow2").origin.x
                     + bounds (fixture, VW_TOPOLOGY_KIND_VOLUME,
                               "default/web01.qcow2").size.width, <=, 360);
  vw_test_save_screenshot (fixture->window, "topology-view-narrow.png");
}

static gboolean
has_item (gpointer data)
{
  gpointer *args = data;

  return vw_topology_view_get_item_bounds (args[0], GPOINTER_TO_INT (args[1]), args[2], NULL);
}

static void
test_follows_lab (Fixture       *fixture,
                  gconstpointer  data)
{
  VwDomain *db = vw_connection_find_domain (fixture->ops.connection, "db01");
  g_autofree char *before = describe (fixture, VW_TOPOLOGY_KIND_MACHINE, "db01");
  g_autofree char *after = NULL;
  gpointer args[] = { fixture->view, GINT_TO_POINTER (VW_TOPOLOGY_KIND_NETWORK),
                     (gpointer) "outside-change" };
  graphene_rect_t card = bounds (fixture, VW_TOPOLOGY_KIND_MACHINE, "db01");
  g_autoptr(GdkPaintable) screen = gtk_widget_paintable_new (GTK_WIDGET (fixture->view));
  Image old_image = render_paintable (fixture, screen);
  Image new_image;
  gsize row = old_image.width * 4;

  g_assert_nonnull (strstr (before, "Shut off"));
  vw_domain_run_async (db, VW_DOMAIN_ACTION_START, NULL, vw_test_ops_done,
                       vw_test_ops_begin (&fixture->ops));
  vw_test_ops_wait (&fixture->ops);
  g_assert_no_error (fixture->ops.error);
  settle (fixture);
  after = describe (fixture, VW_TOPOLOGY_KIND_MACHINE, "db01");
  g_assert_nonnull (strstr (after, "Running"));

  /* Redrawn, not only re-described: db01's card looks different. */
  new_image = render_paintable (fixture, screen);
  g_assert_cmpint (new_image.height, ==, old_image.height);
  g_assert_true (memcmp (pixel (&old_image, 0, card.origin.y), pixel (&new_image, 0, card.origin.y),
                         row * (gsize) card.size.height) != 0);
  g_free (old_image.pixels);
  g_free (new_image.pixels);

  /* A new network, defined outside the view, gets a card. */
  g_assert_false (has_item (args));
  define_network (fixture, "outside-change", "10.64.0.1");
  g_assert_true (vw_test_wait_until (has_item, args, 5000));
}

static void
test_click (Fixture       *fixture,
            gconstpointer  data)
{
  graphene_rect_t web = bounds (fixture, VW_TOPOLOGY_KIND_MACHINE, "web01");
  graphene_rect_t def = bounds (fixture, VW_TOPOLOGY_KIND_NETWORK, "default");
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (fixture->view));
  GtkGesture *click = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller))
        click = GTK_GESTURE (controller);
    }
  g_assert_nonnull (click);

  /* A network is not a machine: nothing to select. */
  g_signal_emit_by_name (click, "released", 1, (double) def.origin.x + 20,
                         (double) def.origin.y + 20);
  g_assert_null (fixture->selected);
  g_signal_emit_by_name (click, "released", 1, (double) web.origin.x + 20,
                         (double) web.origin.y + 20);
  g_assert_cmpstr (fixture->selected, ==, "web01");
}

/* Hidden, the model stops following the lab; shown, it catches up. */
static void
test_hidden (Fixture       *fixture,
             gconstpointer  data)
{
  VwTopology *topology = vw_topology_view_get_topology (fixture->view);

  g_assert_true (vw_topology_get_active (topology));
  gtk_widget_set_visible (fixture->scrolled, FALSE);
  g_assert_false (vw_topology_get_active (topology));
  define_network (fixture, "while-hidden", "10.70.0.1");
  g_assert_cmpint (vw_topology_find (topology, VW_TOPOLOGY_KIND_NETWORK, "while-hidden"), ==, -1);
  gtk_widget_set_visible (fixture->scrolled, TRUE);
  settle (fixture);
  g_assert_true (vw_topology_get_active (topology));
  bounds (fixture, VW_TOPOLOGY_KIND_NETWORK, "while-hidden");
}

/* Closed, the picture gives way to a message and has nothing to point at. */
static void
test_closed (Fixture       *fixture,
             gconstpointer  data)
{
  graphene_rect_t web = bounds (fixture, VW_TOPOLOGY_KIND_MACHINE, "web01");

  vw_connection_close (fixture->ops.connection);
  vw_test_wait_ms (100);
  g_assert_false (vw_topology_view_get_item_bounds (fixture->view, VW_TOPOLOGY_KIND_MACHINE,
                                                    "web01", NULL));
  g_assert_null (vw_topology_view_describe_at (fixture->view, web.origin.x + 20,
                                               web.origin.y + 20));
  g_assert_cmpint (height_for (fixture, 1100), <, 400);
}

int
main (int   argc,
      char *argv[])
{
  vw_test_init (&argc, &argv);
  vw_test_ui_init ();

  g_test_add ("/topology-view/picture", Fixture, NULL, setup, test_picture, teardown);
  g_test_add ("/topology-view/size", Fixture, NULL, setup, test_size, teardown);
  g_test_add ("/topology-view/follows-lab", Fixture, NULL, setup, test_follows_lab, teardown);
  g_test_add ("/topology-view/click", Fixture, NULL, setup, test_click, teardown);
  g_test_add ("/topology-view/hidden", Fixture, NULL, setup, test_hidden, teardown);
  g_test_add ("/topology-view/closed", Fixture, NULL, setup, test_closed, teardown);

  return g_test_run ();
}
