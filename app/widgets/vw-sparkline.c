/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-sparkline"

#include "vw-sparkline.h"

/* A small line graph of the last minute of one usage figure. The newest
 * value is on the right; the scale grows with the largest value shown (and
 * never below minimum_top, so that an idle guest draws a flat line, not
 * noise blown up to full height). */
struct _VwSparkline
{
  GtkWidget parent_instance;

  double *values;
  guint n_values;
  guint capacity;
  double top;
};

G_DEFINE_FINAL_TYPE (VwSparkline, vw_sparkline, GTK_TYPE_WIDGET)

void
vw_sparkline_set_values (VwSparkline  *self,
                         const double *values,
                         guint         n_values,
                         guint         capacity,
                         double        minimum_top)
{
  g_return_if_fail (VW_IS_SPARKLINE (self));

  g_free (self->values);
  self->values = g_memdup2 (values, n_values * sizeof (double));
  self->n_values = n_values;
  self->capacity = MAX (capacity, 2);
  self->top = minimum_top;
  for (guint i = 0; i < n_values; i++)
    self->top = MAX (self->top, values[i]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
vw_sparkline_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  VwSparkline *self = VW_SPARKLINE (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA color;
  cairo_t *cr;
  double step;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  /* A faint baseline, so that an empty graph still reads as a graph. */
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.15);
  cairo_rectangle (cr, 0, height - 1, width, 1);
  cairo_fill (cr);

  if (self->n_values >= 2 && self->top > 0)
    {
      step = (double) width / (self->capacity - 1);
      cairo_move_to (cr, width - (self->n_values - 1) * step, height);
      for (guint i = 0; i < self->n_values; i++)
        {
          double x = width - (self->n_values - 1 - i) * step;
          double y = height - 1 - (height - 2) * MIN (self->values[i] / self->top, 1.0);

          cairo_line_to (cr, x, y);
        }
      cairo_line_to (cr, width, height);
      cairo_close_path (cr);
      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.25);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.9);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }

  cairo_destroy (cr);
}

static void
vw_sparkline_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 60 : 32;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 180 : 40;
}

static void
vw_sparkline_finalize (GObject *object)
{
  g_free (VW_SPARKLINE (object)->values);
  G_OBJECT_CLASS (vw_sparkline_parent_class)->finalize (object);
}

static void
vw_sparkline_class_init (VwSparklineClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = vw_sparkline_finalize;
  widget_class->snapshot = vw_sparkline_snapshot;
  widget_class->measure = vw_sparkline_measure;
  gtk_widget_class_set_css_name (widget_class, "sparkline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
vw_sparkline_init (VwSparkline *self)
{
  self->capacity = 60;
}

GtkWidget *
vw_sparkline_new (void)
{
  return g_object_new (VW_TYPE_SPARKLINE, NULL);
}
