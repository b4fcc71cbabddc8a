/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-notes-page"

#include "config.h"

#include <glib/gi18n.h>

#include "vw-notes-page.h"
#include "vw-widget-util.h"

/* The notes pane: the selected objective's header, its key knowledge areas
 * and the files, terms and utilities the exam cites for it. */
struct _VwNotesPage
{
  GtkWidget parent_instance;

  VwTopic *topic;

  GtkScrolledWindow *scroller;
  GtkLabel *id_label;
  GtkLabel *title_label;
  GtkLabel *weight_label;
  GtkBox *areas_box;
  GtkWidget *cited_heading;
  GtkFlowBox *cited_box;
};

G_DEFINE_FINAL_TYPE (VwNotesPage, vw_notes_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TOPIC,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
bullet_new (const char *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *bullet = gtk_label_new ("•");
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (bullet, GTK_ALIGN_START);
  gtk_widget_add_css_class (bullet, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), bullet);
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

static GtkWidget *
chip_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "cited-object");
  gtk_widget_set_halign (label, GTK_ALIGN_START);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  return label;
}

static void
rebuild (VwNotesPage *self)
{
  g_autofree char *id = NULL;
  g_autofree char *weight = NULL;
  const char * const *areas;
  const char * const *cited;
  guint w;

  vw_widget_remove_children (GTK_WIDGET (self->areas_box));
  vw_widget_remove_children (GTK_WIDGET (self->cited_box));

  if (self->topic == NULL)
    return;

  /* Translators: "Objective 351.4 · Topic 351" */
  id = g_strdup_printf (_("Objective %s · Topic %s"), vw_topic_get_id (self->topic),
                        vw_topic_get_group (self->topic));
  w = vw_topic_get_weight (self->topic);
  /* The weight is the number of the exam's 60 questions on the objective. */
  weight = g_strdup_printf (_("Weight %u: about %u of the exam’s 60 questions"), w, w);

  gtk_label_set_label (self->id_label, id);
  gtk_label_set_label (self->title_label, vw_topic_get_title (self->topic));
  gtk_label_set_label (self->weight_label, weight);

  areas = vw_topic_get_areas (self->topic);
  for (guint i = 0; areas[i] != NULL; i++)
    gtk_box_append (self->areas_box, bullet_new (areas[i]));

  cited = vw_topic_get_cited (self->topic);
  for (guint i = 0; cited[i] != NULL; i++)
    gtk_flow_box_append (self->cited_box, chip_new (cited[i]));
  gtk_widget_set_visible (self->cited_heading, cited[0] != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->cited_box), cited[0] != NULL);

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

VwTopic *
vw_notes_page_get_topic (VwNotesPage *self)
{
  g_return_val_if_fail (VW_IS_NOTES_PAGE (self), NULL);
  return self->topic;
}

void
vw_notes_page_set_topic (VwNotesPage *self,
                         VwTopic     *topic)
{
  g_return_if_fail (VW_IS_NOTES_PAGE (self));
  g_return_if_fail (topic == NULL || VW_IS_TOPIC (topic));

  if (!g_set_object (&self->topic, topic))
    return;
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOPIC]);
}

static void
vw_notes_page_dispose (GObject *object)
{
  VwNotesPage *self = VW_NOTES_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), VW_TYPE_NOTES_PAGE);
  vw_widget_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->topic);

  G_OBJECT_CLASS (vw_notes_page_parent_class)->dispose (object);
}

static void
vw_notes_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  VwNotesPage *self = VW_NOTES_PAGE (object);

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
vw_notes_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  VwNotesPage *self = VW_NOTES_PAGE (object);

  switch (prop_id)
    {
    case PROP_TOPIC:
      vw_notes_page_set_topic (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vw_notes_page_class_init (VwNotesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vw_notes_page_dispose;
  object_class->get_property = vw_notes_page_get_property;
  object_class->set_property = vw_notes_page_set_property;

  properties[PROP_TOPIC] =
    g_param_spec_object ("topic", NULL, NULL, VW_TYPE_TOPIC,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/vw-notes-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "notespage");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_bind_template_child (widget_class, VwNotesPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, VwNotesPage, id_label);
  gtk_widget_class_bind_template_child (widget_class, VwNotesPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, VwNotesPage, weight_label);
  gtk_widget_class_bind_template_child (widget_class, VwNotesPage, areas_box);
  gtk_widget_class_bind_template_child (widget_class, VwNotesPage, cited_heading);
  gtk_widget_class_bind_template_child (widget_class, VwNotesPage, cited_box);
}

static void
vw_notes_page_init (VwNotesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
