/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-storage-page"

#include "vw-storage-page.h"

/* The Storage page of the lab: pools, their volumes, and what can be done to them. (Being written.) */
struct _VwStoragePage
{
  GtkWidget parent_instance;

  VwConnection *connection;
};

G_DEFINE_FINAL_TYPE (VwStoragePage, vw_storage_page, GTK_TYPE_WIDGET)

static void
vw_storage_page_dispose (GObject *object)
{
  VwStoragePage *self = VW_STORAGE_PAGE (object);

  g_clear_object (&self->connection);

  G_OBJECT_CLASS (vw_storage_page_parent_class)->dispose (object);
}

static void
vw_storage_page_class_init (VwStoragePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vw_storage_page_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
vw_storage_page_init (VwStoragePage *self)
{
}

GtkWidget *
vw_storage_page_new (void)
{
  return g_object_new (VW_TYPE_STORAGE_PAGE, NULL);
}

void
vw_storage_page_set_connection (VwStoragePage    *self,
                           VwConnection *connection)
{
  g_return_if_fail (VW_IS_STORAGE_PAGE (self));

  g_set_object (&self->connection, connection);
}
