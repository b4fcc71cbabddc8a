/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-networks-page"

#include "vw-networks-page.h"

/* The Networks page of the lab: virtual networks and network filters. (Being written.) */
struct _VwNetworksPage
{
  GtkWidget parent_instance;

  VwConnection *connection;
};

G_DEFINE_FINAL_TYPE (VwNetworksPage, vw_networks_page, GTK_TYPE_WIDGET)

static void
vw_networks_page_dispose (GObject *object)
{
  VwNetworksPage *self = VW_NETWORKS_PAGE (object);

  g_clear_object (&self->connection);

  G_OBJECT_CLASS (vw_networks_page_parent_class)->dispose (object);
}

static void
vw_networks_page_class_init (VwNetworksPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vw_networks_page_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
vw_networks_page_init (VwNetworksPage *self)
{
}

GtkWidget *
vw_networks_page_new (void)
{
  return g_object_new (VW_TYPE_NETWORKS_PAGE, NULL);
}

void
vw_networks_page_set_connection (VwNetworksPage    *self,
                           VwConnection *connection)
{
  g_return_if_fail (VW_IS_NETWORKS_PAGE (self));

  g_set_object (&self->connection, connection);
}
