/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-topic-row"

#include "config.h"

#include <glib/gi18n.h>

#include "vw-topic-row.h"

/* A sidebar row: the objective's id, title and exam weight. */
struct _VwTopicRow
{
  GtkListBoxRow parent_instance;

  VwTopic *topic;

  GtkLabel *id_label;
  GtkLabel *title_label;
  GtkLabel *weight_label;
  GtkProgressBar *read_bar;
};

G_DEFINE_FINAL_TYPE (VwTopicRow, vw_topic_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_TOPIC,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
vw_topic_row_constructed (GObject *object)
{
  VwTopicRow *self = VW_TOPIC_ROW (object);
  g_autofree char *weight = NULL;
  g_autofree char *weight_tooltip = NULL;
  g_autofree char *accessible = NULL;
  guint w;

  G_OBJECT_CLASS (vw_topic_row_parent_class)->constructed (object);

  w = vw_topic_get_weight (self->topic);
  weight = g_strdup_printf ("%u", w);
  weight_tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "Weight %u: about %u exam question",
                                                 "Weight %u: about %u exam questions", w),
                                    w, w);
  gtk_label_set_label (self->id_label, vw_topic_get_id (self->topic));
  gtk_label_set_label (self->title_label, vw_topic_get_title (self->topic));
  gtk_label_set_label (self->weight_label, weight);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->weight_label), weight_tooltip);

  /* Translators: accessible name of a sidebar row: id, title, weight */
  accessible = g_strdup_printf (_("%s %s, weight %u"), vw_topic_get_id (self->topic),
                                vw_topic_get_title (self->topic), w);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static void
vw_topic_row_dispose (GObject *object)
{
  VwTopicRow *self = VW_TOPIC_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), VW_TYPE_TOPIC_ROW);
  g_clear_object (&self->topic);

  G_OBJECT_CLASS (vw_topic_row_parent_class)->dispose (object);
}

static void
vw_topic_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  VwTopicRow *self = VW_TOPIC_ROW (object);

  switch (prop_id)
    {
    case PROP_TOPIC:
      g_value_set_object (value, self->topic);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vw_topic_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  VwTopicRow *self = VW_TOPIC_ROW (object);

  switch (prop_id)
    {
    case PROP_TOPIC:
      self->topic = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vw_topic_row_class_init (VwTopicRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = vw_topic_row_constructed;
  object_class->dispose = vw_topic_row_dispose;
  object_class->get_property = vw_topic_row_get_property;
  object_class->set_property = vw_topic_row_set_property;

  properties[PROP_TOPIC] =
    g_param_spec_object ("topic", NULL, NULL, VW_TYPE_TOPIC,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/vw-topic-row.ui");
  gtk_widget_class_bind_template_child (widget_class, VwTopicRow, id_label);
  gtk_widget_class_bind_template_child (widget_class, VwTopicRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, VwTopicRow, weight_label);
  gtk_widget_class_bind_template_child (widget_class, VwTopicRow, read_bar);
}

static void
vw_topic_row_init (VwTopicRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
vw_topic_row_new (VwTopic *topic)
{
  g_return_val_if_fail (VW_IS_TOPIC (topic), NULL);
  return g_object_new (VW_TYPE_TOPIC_ROW, "topic", topic, NULL);
}

VwTopic *
vw_topic_row_get_topic (VwTopicRow *self)
{
  g_return_val_if_fail (VW_IS_TOPIC_ROW (self), NULL);
  return self->topic;
}

/* The share of the objective's sections read, as a thin bar under its
 * title (hidden while nothing is read). */
void
vw_topic_row_set_read_fraction (VwTopicRow *self,
                                double      fraction)
{
  g_autofree char *tooltip = NULL;

  g_return_if_fail (VW_IS_TOPIC_ROW (self));

  fraction = CLAMP (fraction, 0.0, 1.0);
  gtk_progress_bar_set_fraction (self->read_bar, fraction);
  gtk_widget_set_visible (GTK_WIDGET (self->read_bar), fraction > 0);
  /* Translators: tooltip of an objective's reading progress bar */
  tooltip = g_strdup_printf (_("%.0f %% of the notes read"), fraction * 100);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->read_bar), tooltip);
}

double
vw_topic_row_get_read_fraction (VwTopicRow *self)
{
  g_return_val_if_fail (VW_IS_TOPIC_ROW (self), 0);
  return gtk_widget_get_visible (GTK_WIDGET (self->read_bar))
         ? gtk_progress_bar_get_fraction (self->read_bar) : 0;
}
