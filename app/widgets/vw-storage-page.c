/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-storage-page"

#include "config.h"

#include <glib/gi18n.h>

#include "vw-pool-details.h"
#include "vw-storage-dialogs.h"
#include "vw-storage-page.h"
#include "vw-widget-util.h"

/* The Storage page of the lab: the connection's pools with their usage,
 * each opening its details (vw-pool-details.c). Everything follows the
 * models' notify and items-changed signals; failures go to the lab's
 * banner. */
struct _VwStoragePage
{
  GtkWidget parent_instance;

  VwConnection *connection;
  GCancellable *cancellable;
  char *pending_pool;           /* defined, to be shown once it is listed */

  GtkStack *stack;
  AdwStatusPage *status_page;
  GtkStack *pools_stack;
  GtkListBox *pool_list;
  VwPoolDetails *details;
};

G_DEFINE_FINAL_TYPE (VwStoragePage, vw_storage_page, GTK_TYPE_WIDGET)

/* ----- Pieces the pool details are built of too ----- */

GtkWidget *
vw_storage_page_new_label (const char *name,
                           const char *first_class,
                           ...)
{
  GtkWidget *label = gtk_label_new (NULL);
  va_list classes;

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (name != NULL)
    gtk_widget_set_name (label, name);
  va_start (classes, first_class);
  for (const char *css = first_class; css != NULL; css = va_arg (classes, const char *))
    gtk_widget_add_css_class (label, css);
  va_end (classes);
  return label;
}

/* A button for @action: with a label and maybe an icon, a tooltip naming
 * what it does (and the virsh command), and a name tests find it by. (An
 * icon alone is vw_widget_icon_button().) */
GtkWidget *
vw_storage_page_new_button (const char *icon,
                            const char *label,
                            const char *action,
                            const char *tooltip,
                            const char *name,
                            const char *css)
{
  GtkWidget *button = gtk_button_new ();

  if (icon != NULL)
    {
      GtkWidget *content = adw_button_content_new ();

      adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), icon);
      adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
      adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
      gtk_widget_set_halign (content, GTK_ALIGN_CENTER);
      gtk_button_set_child (GTK_BUTTON (button), content);
    }
  else
    {
      gtk_button_set_label (GTK_BUTTON (button), label);
      gtk_button_set_use_underline (GTK_BUTTON (button), TRUE);
    }
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_tooltip_text (button, tooltip);
  if (name != NULL)
    gtk_widget_set_name (button, name);
  if (css != NULL)
    gtk_widget_add_css_class (button, css);
  return button;
}

GtkWidget *
vw_storage_page_new_level_bar (void)
{
  GtkWidget *level = gtk_level_bar_new ();

  /* The default marks suit a battery, where low is bad; for a disk a full
   * bar is the warning. */
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (level), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (level), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (level), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_level_bar_add_offset_value (GTK_LEVEL_BAR (level), "disk-normal", 0.8);
  gtk_level_bar_add_offset_value (GTK_LEVEL_BAR (level), "disk-high", 0.95);
  gtk_level_bar_add_offset_value (GTK_LEVEL_BAR (level), "disk-full", 1.0);
  return level;
}

static char *
format_size (guint64 bytes)
{
  return g_format_size_full (bytes, G_FORMAT_SIZE_IEC_UNITS);
}

/* The bar and the line under it: "12.4 GiB of 100 GiB used, 87.6 GiB free". */
void
vw_storage_page_show_usage (VwPool      *pool,
                            GtkLevelBar *level,
                            GtkLabel    *label)
{
  guint64 capacity = vw_pool_get_capacity (pool);
  gboolean active = vw_virt_object_get_active (VW_VIRT_OBJECT (pool));

  gtk_widget_set_visible (GTK_WIDGET (level), active && capacity > 0);
  if (active && capacity > 0)
    gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
  else
    gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
  if (active && capacity > 0)
    {
      g_autofree char *used = format_size (vw_pool_get_allocation (pool));
      g_autofree char *total = format_size (capacity);
      g_autofree char *free_space = format_size (vw_pool_get_available (pool));
      g_autofree char *text = NULL;

      /* Translators: "12.4 GiB of 100 GiB used, 87.6 GiB free" */
      text = g_strdup_printf (_("%s of %s used, %s free"), used, total, free_space);
      gtk_level_bar_set_value (level, MIN (1.0, (double) vw_pool_get_allocation (pool) / (double) capacity));
      gtk_label_set_label (label, text);
    }
  else
    gtk_label_set_label (label, active ? _("The pool reports no sizes") : _("Sizes are known while the pool is active"));
}

void
vw_storage_page_show_state (GtkLabel *label,
                            gboolean  active)
{
  /* The pills the Networks page has: the words say it, colour helps. */
  gtk_label_set_label (label, active ? _("Active") : _("Stopped"));
  if (active)
    gtk_widget_add_css_class (GTK_WIDGET (label), "state-running");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "state-running");
}

GtkWidget *
vw_storage_page_new_boxed_list (const char *name,
                                const char *label)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_name (list, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return list;
}

/* ----- The list of pools ----- */

static VwPool *
find_pool (VwStoragePage *self,
           const char    *name)
{
  GListModel *pools = self->connection != NULL ? vw_connection_get_pools (self->connection) : NULL;

  for (guint i = 0; pools != NULL && i < g_list_model_get_n_items (pools); i++)
    {
      g_autoptr(VwPool) pool = g_list_model_get_item (pools, i);

      if (g_strcmp0 (vw_pool_get_name (pool), name) == 0)
        return pool;
    }
  return NULL;
}

typedef struct
{
  GtkLabel *name;
  GtkLabel *autostart;
  GtkLabel *state;
  GtkSpinner *spinner;
  GtkLabel *subtitle;
  GtkLevelBar *level;
  GtkLabel *usage;
} PoolRow;

static void
update_pool_row (GtkWidget *row)
{
  PoolRow *parts = g_object_get_data (G_OBJECT (row), "vw-parts");
  VwPool *pool = g_object_get_data (G_OBJECT (row), "vw-pool");
  VwVirtObject *object = VW_VIRT_OBJECT (pool);
  const char *type = vw_pool_get_pool_type (pool);
  const char *target = vw_pool_get_target (pool);
  /* Translators: a pool's type and directory: "dir · /var/lib/libvirt/images" */
  g_autofree char *subtitle = g_strdup_printf (_("%s · %s"), type != NULL ? type : "?", target != NULL ? target : "");
  g_autofree char *accessible = NULL;

  gtk_label_set_label (parts->name, vw_pool_get_name (pool));
  gtk_label_set_label (parts->subtitle, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (parts->autostart), vw_virt_object_get_autostart (object));
  vw_storage_page_show_state (parts->state, vw_virt_object_get_active (object));
  gtk_spinner_set_spinning (parts->spinner, vw_virt_object_get_busy (object));
  gtk_widget_set_visible (GTK_WIDGET (parts->spinner), vw_virt_object_get_busy (object));
  vw_storage_page_show_usage (pool, parts->level, parts->usage);

  /* Translators: accessible description of a pool row: name, state, type and directory, usage */
  accessible = g_strdup_printf (_("%s, %s, %s, %s"), vw_pool_get_name (pool), gtk_label_get_label (parts->state),
                                subtitle, gtk_label_get_label (parts->usage));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static GtkWidget *
create_pool_row (gpointer item,
                 gpointer user_data)
{
  VwPool *pool = item;
  PoolRow *parts = g_new0 (PoolRow, 1);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name ("folder-symbolic");
  g_autofree char *name = g_strdup_printf ("pool:%s", vw_pool_get_name (pool));

  parts->name = GTK_LABEL (vw_storage_page_new_label (NULL, "heading", NULL));
  gtk_label_set_ellipsize (parts->name, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (parts->name), TRUE);
  parts->spinner = GTK_SPINNER (gtk_spinner_new ());
  parts->autostart = GTK_LABEL (vw_storage_page_new_label ("autostart", "state-pill", NULL));
  gtk_label_set_label (parts->autostart, _("Autostart"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (parts->autostart), _("Starts when the host boots (virsh pool-autostart)"));
  parts->state = GTK_LABEL (vw_storage_page_new_label ("state", "state-pill", NULL));
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (parts->name));
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (parts->spinner));
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (parts->autostart));
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (parts->state));

  parts->subtitle = GTK_LABEL (vw_storage_page_new_label (NULL, "caption", "dim-label", NULL));
  gtk_label_set_ellipsize (parts->subtitle, PANGO_ELLIPSIZE_MIDDLE);
  parts->level = GTK_LEVEL_BAR (vw_storage_page_new_level_bar ());
  gtk_widget_set_margin_top (GTK_WIDGET (parts->level), 4);
  parts->usage = GTK_LABEL (vw_storage_page_new_label ("usage", "caption", "numeric", NULL));
  gtk_label_set_wrap (parts->usage, TRUE);

  gtk_box_append (GTK_BOX (texts), top);
  gtk_box_append (GTK_BOX (texts), GTK_WIDGET (parts->subtitle));
  gtk_box_append (GTK_BOX (texts), GTK_WIDGET (parts->level));
  gtk_box_append (GTK_BOX (texts), GTK_WIDGET (parts->usage));
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_margin_top (icon, 2);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_widget_add_css_class (box, "pool-row");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, name);

  g_object_set_data_full (G_OBJECT (row), "vw-parts", parts, g_free);
  g_object_set_data_full (G_OBJECT (row), "vw-pool", g_object_ref (pool), g_object_unref);
  g_signal_connect_object (pool, "notify", G_CALLBACK (update_pool_row), row, G_CONNECT_SWAPPED);
  update_pool_row (row);
  return row;
}

/* ----- State ----- */

static gboolean
connected (VwStoragePage *self)
{
  return self->connection != NULL
         && vw_connection_get_status (self->connection) == VW_CONNECTION_STATUS_CONNECTED;
}

static void
show_pool (VwStoragePage *self,
           VwPool        *pool)
{
  vw_pool_details_set_pool (self->details, pool);
  if (pool != NULL)
    {
      gtk_stack_set_visible_child_name (self->pools_stack, "details");
      gtk_widget_grab_focus (GTK_WIDGET (self->details));
    }
  else
    gtk_stack_set_visible_child_name (self->pools_stack, "list");
}

static void
show_status (VwStoragePage *self,
             const char    *icon,
             const char    *title,
             const char    *description)
{
  adw_status_page_set_icon_name (self->status_page, icon);
  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, description);
  /* Only an empty lab offers to define a pool. */
  gtk_widget_set_visible (adw_status_page_get_child (self->status_page), connected (self));
  gtk_stack_set_visible_child_name (self->stack, "status");
}

static void
update_stack (VwStoragePage *self)
{
  VwConnectionStatus status = self->connection != NULL ? vw_connection_get_status (self->connection)
                                                       : VW_CONNECTION_STATUS_DISCONNECTED;
  guint n = self->connection != NULL ? g_list_model_get_n_items (vw_connection_get_pools (self->connection)) : 0;
  VwPool *shown = vw_pool_details_get_pool (self->details);

  /* A lost daemon: the last known pools stay, greyed, until it is back. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->pools_stack), status == VW_CONNECTION_STATUS_CONNECTED);
  if (self->connection == NULL)
    show_status (self, "drive-harddisk-symbolic", _("No Connection"),
                 _("The storage pools of the lab show here once it is connected."));
  else if (status == VW_CONNECTION_STATUS_FAILED)
    show_status (self, "network-error-symbolic", _("Cannot Reach the Lab"),
                 vw_connection_get_error_message (self->connection));
  else if (n > 0)
    gtk_stack_set_visible_child_name (self->stack, "pools");
  else if (status == VW_CONNECTION_STATUS_CONNECTED)
    show_status (self, "drive-harddisk-symbolic", _("No Storage Pools"),
                 _("A pool is where volumes (disk images) live. Define a directory pool to begin."));
  else
    show_status (self, "content-loading-symbolic", _("Connecting…"), NULL);

  /* The pool shown was undefined (here or elsewhere). */
  if (shown != NULL && find_pool (self, vw_pool_get_name (shown)) != shown)
    show_pool (self, NULL);
  /* A pool just defined here is shown for its next steps once listed. */
  if (self->pending_pool != NULL && find_pool (self, self->pending_pool) != NULL)
    {
      g_autofree char *name = g_steal_pointer (&self->pending_pool);

      show_pool (self, find_pool (self, name));
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "storage.new-pool", connected (self));
}

/* ----- A new pool ----- */

/* A pool being defined, until libvirt answers: its name says what failed
 * or which pool to show once it is listed. */
typedef struct
{
  VwStoragePage *self;
  char *name;
} NewPool;

static void
new_pool_free (NewPool *new_pool)
{
  g_object_unref (new_pool->self);
  g_free (new_pool->name);
  g_free (new_pool);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NewPool, new_pool_free)

static void
pool_defined (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(NewPool) new_pool = user_data;
  VwStoragePage *self = new_pool->self;
  g_autoptr(GError) error = NULL;

  /* The page is going away: its widgets may be gone already. */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (!vw_connection_op_finish (VW_CONNECTION (object), result, &error))
    {
      g_autofree char *failure = g_strdup_printf (_("Could not define “%s”"), new_pool->name);
      /* Translators: "Could not define “scratch”: <libvirt's message>" */
      g_autofree char *message = g_strdup_printf (_("%s: %s"), failure, error->message);

      vw_widget_show_message (GTK_WIDGET (self), message);
    }
  else
    {
      g_free (self->pending_pool);
      self->pending_pool = g_steal_pointer (&new_pool->name);
      update_stack (self);
    }
}

static void
pool_chosen (const char *name,
             const char *path,
             gpointer    user_data)
{
  VwStoragePage *self = user_data;
  NewPool *new_pool;

  if (self->connection == NULL)
    return;
  new_pool = g_new0 (NewPool, 1);
  new_pool->self = g_object_ref (self);
  new_pool->name = g_strdup (name);
  vw_connection_define_pool_async (self->connection, name, path, self->cancellable, pool_defined, new_pool);
}

static void
new_pool_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  VwStoragePage *self = VW_STORAGE_PAGE (widget);

  if (self->connection != NULL)
    vw_new_pool_dialog_show (widget, self->connection, pool_chosen, g_object_ref (self), g_object_unref);
}

/* ----- Navigation ----- */

static void
on_pool_activated (VwStoragePage *self,
                   GtkListBoxRow *row)
{
  show_pool (self, g_object_get_data (G_OBJECT (row), "vw-pool"));
}

static void
show_list_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VwStoragePage *self = VW_STORAGE_PAGE (widget);
  VwPool *shown = vw_pool_details_get_pool (self->details);
  GtkListBoxRow *row;

  gtk_stack_set_visible_child_name (self->pools_stack, "list");
  /* Back where the learner was. */
  for (int i = 0; shown != NULL && (row = gtk_list_box_get_row_at_index (self->pool_list, i)) != NULL; i++)
    if (g_object_get_data (G_OBJECT (row), "vw-pool") == shown)
      gtk_widget_grab_focus (GTK_WIDGET (row));
}

/* ----- GObject ----- */

static void
vw_storage_page_dispose (GObject *object)
{
  VwStoragePage *self = VW_STORAGE_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  vw_storage_page_set_connection (self, NULL);
  vw_widget_unparent_children (GTK_WIDGET (self));

  G_OBJECT_CLASS (vw_storage_page_parent_class)->dispose (object);
}

static void
vw_storage_page_finalize (GObject *object)
{
  VwStoragePage *self = VW_STORAGE_PAGE (object);

  g_clear_object (&self->cancellable);
  g_free (self->pending_pool);

  G_OBJECT_CLASS (vw_storage_page_parent_class)->finalize (object);
}

static void
vw_storage_page_class_init (VwStoragePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vw_storage_page_dispose;
  object_class->finalize = vw_storage_page_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "storagepage");

  gtk_widget_class_install_action (widget_class, "storage.new-pool", NULL, new_pool_action);
  gtk_widget_class_install_action (widget_class, "storage.show-list", NULL, show_list_action);
}

/* ----- Building ----- */

static GtkWidget *
build_list_page (VwStoragePage *self)
{
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *scroller = vw_widget_scrolled_page (column);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *button = vw_storage_page_new_button ("list-add-symbolic", _("_New Pool…"), "storage.new-pool",
                                                  _("Define a directory pool (virsh pool-define-as)"),
                                                  "new-pool-button", "flat");

  /* Wider than the clamp's default, as the pool details are. */
  adw_clamp_set_maximum_size (ADW_CLAMP (gtk_widget_get_parent (column)), 720);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Storage Pools"));
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);
  self->pool_list = GTK_LIST_BOX (vw_storage_page_new_boxed_list ("pool-list", _("Storage pools")));
  g_signal_connect_swapped (self->pool_list, "row-activated", G_CALLBACK (on_pool_activated), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->pool_list));
  gtk_box_append (GTK_BOX (column), group);
  return scroller;
}

static void
vw_storage_page_init (VwStoragePage *self)
{
  GtkWidget *button = vw_storage_page_new_button (NULL, _("_New Pool…"), "storage.new-pool", NULL, NULL, "pill");

  self->cancellable = g_cancellable_new ();

  /* One status page for no connection, connecting, failed and no pools. */
  self->status_page = ADW_STATUS_PAGE (adw_status_page_new ());
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "suggested-action");
  adw_status_page_set_child (self->status_page, button);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_page), "compact");

  self->details = VW_POOL_DETAILS (vw_pool_details_new ());
  self->pools_stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->pools_stack, GTK_STACK_TRANSITION_TYPE_SLIDE_LEFT_RIGHT);
  gtk_stack_add_named (self->pools_stack, build_list_page (self), "list");
  gtk_stack_add_named (self->pools_stack, GTK_WIDGET (self->details), "details");

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->status_page), "status");
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->pools_stack), "pools");
  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));
  update_stack (self);
}

GtkWidget *
vw_storage_page_new (void)
{
  return g_object_new (VW_TYPE_STORAGE_PAGE, NULL);
}

/**
 * vw_storage_page_set_connection:
 * @connection: (nullable): the lab's connection, or %NULL when there is none
 */
void
vw_storage_page_set_connection (VwStoragePage *self,
                                VwConnection  *connection)
{
  g_return_if_fail (VW_IS_STORAGE_PAGE (self));

  if (self->connection == connection)
    return;
  if (self->connection != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->connection, self);
      g_signal_handlers_disconnect_by_data (vw_connection_get_pools (self->connection), self);
    }
  show_pool (self, NULL);
  g_clear_pointer (&self->pending_pool, g_free);
  g_set_object (&self->connection, connection);
  vw_pool_details_set_connection (self->details, connection);
  gtk_list_box_bind_model (self->pool_list, connection != NULL ? vw_connection_get_pools (connection) : NULL,
                           connection != NULL ? create_pool_row : NULL, self, NULL);
  if (connection != NULL)
    {
      g_signal_connect_swapped (connection, "notify::status", G_CALLBACK (update_stack), self);
      g_signal_connect_swapped (vw_connection_get_pools (connection), "items-changed",
                                G_CALLBACK (update_stack), self);
    }
  update_stack (self);
}
