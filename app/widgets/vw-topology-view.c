/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-topology-view"

#include "vw-topology-view.h"

/* A live picture of the lab: networks, machines, pools and volumes. (Being written.) */
struct _VwTopologyView
{
  GtkWidget parent_instance;

  VwConnection *connection;
};

G_DEFINE_FINAL_TYPE (VwTopologyView, vw_topology_view, GTK_TYPE_WIDGET)

static void
vw_topology_view_dispose (GObject *object)
{
  VwTopologyView *self = VW_TOPOLOGY_VIEW (object);

  g_clear_object (&self->connection);

  G_OBJECT_CLASS (vw_topology_view_parent_class)->dispose (object);
}

static void
vw_topology_view_class_init (VwTopologyViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vw_topology_view_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
vw_topology_view_init (VwTopologyView *self)
{
}

GtkWidget *
vw_topology_view_new (void)
{
  return g_object_new (VW_TYPE_TOPOLOGY_VIEW, NULL);
}

void
vw_topology_view_set_connection (VwTopologyView    *self,
                           VwConnection *connection)
{
  g_return_if_fail (VW_IS_TOPOLOGY_VIEW (self));

  g_set_object (&self->connection, connection);
}
