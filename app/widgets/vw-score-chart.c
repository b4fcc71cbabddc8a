/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-score-chart"

#include <glib/gi18n.h>

#include "vw-score-chart.h"
#include "vw-widget-util.h"

/* The mock exam scores over the attempts, on the exam's 200–800 scale,
 * with the pass mark as a dashed line: drawn with cairo in the widget's
 * snapshot, in the style's colours. */

#define MIN_SCORE 200
#define MAX_SCORE 800
#define PAD_LEFT 36
#define PAD_RIGHT 12
#define PAD_TOP 10
#define PAD_BOTTOM 22

struct _VwScoreChart
{
  GtkWidget parent_instance;

  VwExamHistory *history;
};

G_DEFINE_FINAL_TYPE (VwScoreChart, vw_score_chart, GTK_TYPE_WIDGET)

static double
y_for (double score,
       double top,
       double height)
{
  return top + height * (1.0 - (score - MIN_SCORE) / (MAX_SCORE - MIN_SCORE));
}

static void
draw (VwScoreChart *self,
      cairo_t      *cr,
      double        width,
      double        height)
{
  GtkWidget *widget = GTK_WIDGET (self);
  double plot_w = width - PAD_LEFT - PAD_RIGHT;
  double plot_h = height - PAD_TOP - PAD_BOTTOM;
  guint n = self->history != NULL ? vw_exam_history_get_n (self->history) : 0;
  GdkRGBA fg, accent = { 0.21, 0.52, 0.89, 1 }, pass = { 0.15, 0.64, 0.41, 1 };

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);

  /* Grid lines at 200, 500 (the pass mark, dashed) and 800. */
  for (int score = MIN_SCORE; score <= MAX_SCORE; score += 300)
    {
      double y = y_for (score, PAD_TOP, plot_h);
      g_autofree char *label = g_strdup_printf ("%d", score);

      cairo_set_line_width (cr, 1);
      if (score == 500)
        {
          static const double dash[] = { 4, 3 };

          cairo_set_dash (cr, dash, 2, 0);
          gdk_cairo_set_source_rgba (cr, &pass);
        }
      else
        cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.2);
      cairo_move_to (cr, PAD_LEFT, y + 0.5);
      cairo_line_to (cr, PAD_LEFT + plot_w, y + 0.5);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.6);
      vw_widget_draw_text (widget, cr, label, PAD_LEFT - 6, y, 1.0);
    }

  if (n == 0)
    {
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.6);
      vw_widget_draw_text (widget, cr, _("No mock exam taken yet"), PAD_LEFT + plot_w / 2, PAD_TOP + plot_h / 4, 0.5);
      return;
    }

  /* The attempts, evenly spaced, joined by a line. */
  gdk_cairo_set_source_rgba (cr, &accent);
  cairo_set_line_width (cr, 2);
  for (guint i = 0; i < n; i++)
    {
      const VwExamAttempt *attempt = vw_exam_history_get (self->history, i);
      double x = PAD_LEFT + (n == 1 ? plot_w / 2 : plot_w * i / (n - 1));
      double y = y_for (attempt->score, PAD_TOP, plot_h);

      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  cairo_stroke (cr);
  for (guint i = 0; i < n; i++)
    {
      const VwExamAttempt *attempt = vw_exam_history_get (self->history, i);
      double x = PAD_LEFT + (n == 1 ? plot_w / 2 : plot_w * i / (n - 1));
      double y = y_for (attempt->score, PAD_TOP, plot_h);

      gdk_cairo_set_source_rgba (cr, attempt->score >= VW_EXAM_PASS_SCORE ? &pass : &accent);
      cairo_arc (cr, x, y, 4, 0, 2 * G_PI);
      cairo_fill (cr);
      if (i == 0 || i == n - 1)
        {
          g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (attempt->time);
          g_autofree char *date = g_date_time_format (time, "%x");

          cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.6);
          vw_widget_draw_text (widget, cr, date, x, PAD_TOP + plot_h + PAD_BOTTOM / 2.0 + 2,
                     n == 1 ? 0.5 : i == 0 ? 0.0 : 1.0);
        }
    }
}

static void
vw_score_chart_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width - PAD_LEFT - PAD_RIGHT <= 10 || height - PAD_TOP - PAD_BOTTOM <= 10)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw (VW_SCORE_CHART (widget), cr, width, height);
  cairo_destroy (cr);
}

static void
vw_score_chart_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 160 : 120;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 480 : 160;
}

static void
update_label (VwScoreChart *self)
{
  guint n = self->history != NULL ? vw_exam_history_get_n (self->history) : 0;
  g_autofree char *label = NULL;

  if (n == 0)
    label = g_strdup (_("Scores of the mock exams: none taken yet"));
  else
    /* Translators: the chart's accessible description */
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Scores of the mock exams: %u attempt, the last %u of 800",
                                          "Scores of the mock exams: %u attempts, the last %u of 800", n),
                             n, vw_exam_history_get (self->history, n - 1)->score);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
on_history_changed (VwScoreChart *self)
{
  update_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
vw_score_chart_set_history (VwScoreChart  *self,
                            VwExamHistory *history)
{
  g_return_if_fail (VW_IS_SCORE_CHART (self));

  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  g_set_object (&self->history, history);
  if (history != NULL)
    g_signal_connect_swapped (history, "changed", G_CALLBACK (on_history_changed), self);
  on_history_changed (self);
}

static void
vw_score_chart_dispose (GObject *object)
{
  VwScoreChart *self = VW_SCORE_CHART (object);

  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  g_clear_object (&self->history);
  G_OBJECT_CLASS (vw_score_chart_parent_class)->dispose (object);
}

static void
vw_score_chart_class_init (VwScoreChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = vw_score_chart_dispose;
  widget_class->snapshot = vw_score_chart_snapshot;
  widget_class->measure = vw_score_chart_measure;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "scorechart");
}

static void
vw_score_chart_init (VwScoreChart *self)
{
  update_label (self);
}
