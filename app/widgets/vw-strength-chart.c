/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-strength-chart"

#include <glib/gi18n.h>

#include "vw-strength-chart.h"
#include "vw-widget-util.h"
#include "vw-topic.h"

/* The share of each objective's questions answered right over all mock
 * exams, one bar per objective, drawn with cairo in the widget's snapshot;
 * an objective never asked shows an empty track. Bars under the pass mark's
 * half are drawn in the warning colour. */

#define ROW_HEIGHT 22
#define LABEL_WIDTH 52
#define VALUE_WIDTH 48

struct _VwStrengthChart
{
  GtkWidget parent_instance;

  GListModel *topics;
  VwExamHistory *history;
};

G_DEFINE_FINAL_TYPE (VwStrengthChart, vw_strength_chart, GTK_TYPE_WIDGET)

static void
draw (VwStrengthChart *self,
      cairo_t         *cr,
      double           width)
{
  GtkWidget *widget = GTK_WIDGET (self);
  guint n = self->topics != NULL ? g_list_model_get_n_items (self->topics) : 0;
  double track = width - LABEL_WIDTH - VALUE_WIDTH;
  GdkRGBA fg, good = { 0.15, 0.64, 0.41, 1 }, weak = { 0.90, 0.65, 0.04, 1 };

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VwTopic) topic = g_list_model_get_item (self->topics, i);
      double strength = self->history != NULL ? vw_exam_history_strength (self->history, vw_topic_get_id (topic))
                                              : -1;
      double y = i * ROW_HEIGHT + ROW_HEIGHT / 2.0;
      g_autofree char *value = strength < 0 ? g_strdup ("—") : g_strdup_printf ("%.0f %%", strength * 100);

      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.8);
      vw_widget_draw_text (widget, cr, vw_topic_get_id (topic), 0, y, 0.0);
      vw_widget_draw_text (widget, cr, value, width, y, 1.0);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.1);
      cairo_rectangle (cr, LABEL_WIDTH, y - 5, track, 10);
      cairo_fill (cr);
      if (strength > 0)
        {
          gdk_cairo_set_source_rgba (cr, strength >= 0.5 ? &good : &weak);
          cairo_rectangle (cr, LABEL_WIDTH, y - 5, track * strength, 10);
          cairo_fill (cr);
        }
    }
}

static void
vw_strength_chart_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= LABEL_WIDTH + VALUE_WIDTH + 10)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw (VW_STRENGTH_CHART (widget), cr, width);
  cairo_destroy (cr);
}

static void
vw_strength_chart_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  VwStrengthChart *self = VW_STRENGTH_CHART (widget);
  guint n = self->topics != NULL ? g_list_model_get_n_items (self->topics) : 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = LABEL_WIDTH + VALUE_WIDTH + 60, *natural = 480;
  else
    *minimum = *natural = (int) n * ROW_HEIGHT;
}

/* What the bars say, for screen readers. */
static void
update_label (VwStrengthChart *self)
{
  g_autoptr(GString) text = g_string_new (_("Share of questions answered right per objective:"));
  guint n = self->topics != NULL ? g_list_model_get_n_items (self->topics) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VwTopic) topic = g_list_model_get_item (self->topics, i);
      double strength = self->history != NULL ? vw_exam_history_strength (self->history, vw_topic_get_id (topic))
                                              : -1;

      if (strength < 0)
        /* Translators: in the strength chart's description */
        g_string_append_printf (text, _(" %s not asked yet;"), vw_topic_get_id (topic));
      else
        g_string_append_printf (text, " %s %.0f %%;", vw_topic_get_id (topic), strength * 100);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text->str, -1);
}

static void
on_history_changed (VwStrengthChart *self)
{
  update_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
vw_strength_chart_set_data (VwStrengthChart *self,
                            GListModel      *topics,
                            VwExamHistory   *history)
{
  g_return_if_fail (VW_IS_STRENGTH_CHART (self));

  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  g_set_object (&self->topics, topics);
  g_set_object (&self->history, history);
  if (history != NULL)
    g_signal_connect_swapped (history, "changed", G_CALLBACK (on_history_changed), self);
  on_history_changed (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
vw_strength_chart_dispose (GObject *object)
{
  VwStrengthChart *self = VW_STRENGTH_CHART (object);

  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  g_clear_object (&self->history);
  g_clear_object (&self->topics);
  G_OBJECT_CLASS (vw_strength_chart_parent_class)->dispose (object);
}

static void
vw_strength_chart_class_init (VwStrengthChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = vw_strength_chart_dispose;
  widget_class->snapshot = vw_strength_chart_snapshot;
  widget_class->measure = vw_strength_chart_measure;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "strengthchart");
}

static void
vw_strength_chart_init (VwStrengthChart *self)
{
}
