/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-domain-row"

#include "config.h"

#include <glib/gi18n.h>

#include "vw-domain-row.h"
#include "vw-format.h"
#include "vw-widget-util.h"

/* One machine in the lab list: its name, vCPUs and memory, and its state as
 * a coloured label that follows the domain's "state" property. */
struct _VwDomainRow
{
  GtkWidget parent_instance;

  VwDomain *domain;
  gulong notify_id;

  GtkImage *state_icon;
  GtkLabel *name_label;
  GtkLabel *details_label;
  GtkSpinner *spinner;
  GtkLabel *state_label;
};

G_DEFINE_FINAL_TYPE (VwDomainRow, vw_domain_row, GTK_TYPE_WIDGET)

static const char *state_classes[] = {
  "state-running", "state-paused", "state-shutoff", "state-other",
};

static const char *
state_class (VwDomainState state)
{
  switch (state)
    {
    case VW_DOMAIN_STATE_RUNNING:
    case VW_DOMAIN_STATE_BLOCKED:
      return "state-running";
    case VW_DOMAIN_STATE_PAUSED:
    case VW_DOMAIN_STATE_PMSUSPENDED:
      return "state-paused";
    case VW_DOMAIN_STATE_SHUTOFF:
      return "state-shutoff";
    default:
      return "state-other";
    }
}

static const char *
state_icon (VwDomainState state)
{
  switch (state)
    {
    case VW_DOMAIN_STATE_RUNNING:
    case VW_DOMAIN_STATE_BLOCKED:
      return "media-playback-start-symbolic";
    case VW_DOMAIN_STATE_PAUSED:
    case VW_DOMAIN_STATE_PMSUSPENDED:
      return "media-playback-pause-symbolic";
    case VW_DOMAIN_STATE_CRASHED:
      return "dialog-warning-symbolic";
    default:
      return "system-shutdown-symbolic";
    }
}

static void
update (VwDomainRow *self)
{
  g_autofree char *memory = NULL;
  g_autofree char *details = NULL;
  g_autofree char *accessible = NULL;
  VwDomainState state;
  guint vcpus;

  if (self->domain == NULL)
    return;

  state = vw_domain_get_state (self->domain);
  vcpus = vw_domain_get_vcpus (self->domain);
  memory = vw_format_memory (vw_domain_get_memory (self->domain));
  /* Translators: "2 vCPUs · 2 GiB" */
  details = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u vCPU · %s", "%u vCPUs · %s", vcpus),
                             vcpus, memory);

  gtk_label_set_label (self->name_label, vw_domain_get_name (self->domain));
  gtk_label_set_label (self->details_label, details);
  gtk_label_set_label (self->state_label, vw_domain_state_get_label (state));
  gtk_image_set_from_icon_name (self->state_icon, state_icon (state));

  for (guint i = 0; i < G_N_ELEMENTS (state_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self), state_classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self), state_class (state));

  gtk_spinner_set_spinning (self->spinner, vw_domain_get_busy (self->domain));
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), vw_domain_get_busy (self->domain));

  /* Translators: accessible description of a machine row: name, state, details */
  accessible = g_strdup_printf (_("%s, %s, %s"), vw_domain_get_name (self->domain),
                                vw_domain_state_get_label (state), details);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

VwDomain *
vw_domain_row_get_domain (VwDomainRow *self)
{
  g_return_val_if_fail (VW_IS_DOMAIN_ROW (self), NULL);
  return self->domain;
}

void
vw_domain_row_set_domain (VwDomainRow *self,
                          VwDomain    *domain)
{
  g_return_if_fail (VW_IS_DOMAIN_ROW (self));

  if (self->domain == domain)
    return;

  if (self->domain != NULL)
    g_clear_signal_handler (&self->notify_id, self->domain);
  g_set_object (&self->domain, domain);
  if (domain != NULL)
    self->notify_id = g_signal_connect_swapped (domain, "notify", G_CALLBACK (update), self);
  update (self);
}

/* What the state label shows, for tests and accessibility checks. */
const char *
vw_domain_row_get_state_text (VwDomainRow *self)
{
  g_return_val_if_fail (VW_IS_DOMAIN_ROW (self), NULL);
  return gtk_label_get_label (self->state_label);
}

static void
vw_domain_row_dispose (GObject *object)
{
  VwDomainRow *self = VW_DOMAIN_ROW (object);

  vw_domain_row_set_domain (self, NULL);
  vw_widget_unparent_children (GTK_WIDGET (self));

  G_OBJECT_CLASS (vw_domain_row_parent_class)->dispose (object);
}

static void
vw_domain_row_class_init (VwDomainRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vw_domain_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "domainrow");
}

static GtkWidget *
styled_label (const char *first_class,
              ...)
{
  GtkWidget *label = gtk_label_new (NULL);
  va_list classes;

  va_start (classes, first_class);
  for (const char *name = first_class; name != NULL; name = va_arg (classes, const char *))
    gtk_widget_add_css_class (label, name);
  va_end (classes);
  return label;
}

/* Built in code rather than from a template: a list view makes one row per
 * visible machine when it first shows, and parsing a template for each
 * costs a visible pause. */
static void
vw_domain_row_init (VwDomainRow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  self->state_icon = GTK_IMAGE (gtk_image_new ());
  gtk_image_set_pixel_size (self->state_icon, 16);
  gtk_widget_add_css_class (GTK_WIDGET (self->state_icon), "state-icon");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->state_icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);

  self->name_label = GTK_LABEL (styled_label ("heading", NULL));
  self->details_label = GTK_LABEL (styled_label ("caption", "dim-label", "numeric", NULL));
  for (GtkLabel *label = self->name_label; label != NULL;
       label = label == self->name_label ? self->details_label : NULL)
    {
      gtk_label_set_xalign (label, 0);
      gtk_label_set_ellipsize (label, PANGO_ELLIPSIZE_END);
    }
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (texts), GTK_WIDGET (self->name_label));
  gtk_box_append (GTK_BOX (texts), GTK_WIDGET (self->details_label));

  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  self->state_label = GTK_LABEL (styled_label ("state-label", NULL));
  gtk_widget_set_valign (GTK_WIDGET (self->state_label), GTK_ALIGN_CENTER);

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->state_icon));
  gtk_box_append (GTK_BOX (box), texts);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->spinner));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->state_label));
  gtk_widget_set_parent (box, GTK_WIDGET (self));
}

GtkWidget *
vw_domain_row_new (void)
{
  return g_object_new (VW_TYPE_DOMAIN_ROW, NULL);
}
