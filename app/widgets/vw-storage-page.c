/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-storage-page"

#include "config.h"

#include <glib/gi18n.h>

#include "vw-lab-dialogs.h"
#include "vw-storage-dialogs.h"
#include "vw-storage-page.h"
#include "vw-widget-util.h"

/* The Storage page of the lab: the connection's pools with their usage,
 * and for the chosen pool its properties, what can be done to it (each
 * action sensitive only when libvirt would accept it, its tooltip naming
 * the virsh command) and its volumes. Everything follows the models'
 * notify and items-changed signals; failures go to the lab's banner. */
struct _VwStoragePage
{
  GtkWidget parent_instance;

  VwConnection *connection;
  VwPool *pool;                 /* the one whose details are shown */
  GCancellable *cancellable;
  GHashTable *expanded;         /* names of the volumes whose info is open */
  char *pending_pool;           /* defined, to be shown once it is listed */

  GtkStack *stack;
  AdwStatusPage *status_page;
  GtkStack *pools_stack;
  GtkListBox *pool_list;
  GtkWidget *back_button;
  GtkLabel *title_label;
  GtkLabel *state_label;
  GtkSpinner *spinner;
  GtkLevelBar *level;
  GtkLabel *usage_label;
  AdwActionRow *type_row;
  AdwActionRow *target_row;
  AdwActionRow *persistent_row;
  GtkSwitch *autostart_switch;
  AdwPreferencesGroup *volumes_group;
  GtkListBox *volume_list;
  GtkLabel *volume_placeholder;
  GtkLabel *undefine_hint;
};

G_DEFINE_FINAL_TYPE (VwStoragePage, vw_storage_page, GTK_TYPE_WIDGET)

static void update_details (VwStoragePage *self);

/* ----- Small pieces ----- */

static GtkWidget *
new_label (const char *name,
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

/* A button for @action: with an icon, a label or both, a tooltip naming
 * what it does (and the virsh command), and a name tests find it by. */
static GtkWidget *
new_button (const char *icon,
            const char *label,
            const char *action,
            const char *tooltip,
            const char *name,
            const char *css)
{
  GtkWidget *button = gtk_button_new ();

  if (icon != NULL && label != NULL)
    {
      GtkWidget *content = adw_button_content_new ();

      adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), icon);
      adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
      adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
      gtk_widget_set_halign (content, GTK_ALIGN_CENTER);
      gtk_button_set_child (GTK_BUTTON (button), content);
    }
  else if (icon != NULL)
    gtk_button_set_icon_name (GTK_BUTTON (button), icon);
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

static GtkWidget *
new_level_bar (void)
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
static void
show_usage (VwPool      *pool,
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

static void
show_state (GtkLabel *label,
            gboolean  active)
{
  /* The pills the Networks page has: the words say it, colour helps. */
  gtk_label_set_label (label, active ? _("Active") : _("Stopped"));
  if (active)
    gtk_widget_add_css_class (GTK_WIDGET (label), "state-running");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "state-running");
}

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

/* ----- The list of pools ----- */

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
  show_state (parts->state, vw_virt_object_get_active (object));
  gtk_spinner_set_spinning (parts->spinner, vw_virt_object_get_busy (object));
  gtk_widget_set_visible (GTK_WIDGET (parts->spinner), vw_virt_object_get_busy (object));
  show_usage (pool, parts->level, parts->usage);

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

  parts->name = GTK_LABEL (new_label (NULL, "heading", NULL));
  gtk_label_set_ellipsize (parts->name, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (parts->name), TRUE);
  parts->spinner = GTK_SPINNER (gtk_spinner_new ());
  parts->autostart = GTK_LABEL (new_label ("autostart", "state-pill", NULL));
  gtk_label_set_label (parts->autostart, _("Autostart"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (parts->autostart), _("Starts when the host boots (virsh pool-autostart)"));
  parts->state = GTK_LABEL (new_label ("state", "state-pill", NULL));
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (parts->name));
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (parts->spinner));
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (parts->autostart));
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (parts->state));

  parts->subtitle = GTK_LABEL (new_label (NULL, "caption", "dim-label", NULL));
  gtk_label_set_ellipsize (parts->subtitle, PANGO_ELLIPSIZE_MIDDLE);
  parts->level = GTK_LEVEL_BAR (new_level_bar ());
  gtk_widget_set_margin_top (GTK_WIDGET (parts->level), 4);
  parts->usage = GTK_LABEL (new_label ("usage", "caption", "numeric", NULL));
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

/* ----- The chosen pool's volumes ----- */

typedef struct
{
  GtkLabel *values[5];   /* path, format, capacity, allocation, backing */
} VolumeRow;

static void
update_volume_row (GtkWidget *row)
{
  VolumeRow *parts = g_object_get_data (G_OBJECT (row), "vw-parts");
  VwVolume *volume = g_object_get_data (G_OBJECT (row), "vw-volume");
  const char *format = vw_volume_get_format (volume);
  const char *backing = vw_volume_get_backing (volume);
  g_autofree char *capacity = format_size (vw_volume_get_capacity (volume));
  g_autofree char *allocation = format_size (vw_volume_get_allocation (volume));
  g_autofree char *base = backing != NULL ? g_path_get_basename (backing) : NULL;
  g_autofree char *subtitle = NULL;

  if (base != NULL)
    /* Translators: a volume: format, capacity, allocation, backing image: "qcow2 · 20 GiB · 6 GiB used · on base.qcow2" */
    subtitle = g_strdup_printf (_("%s · %s · %s used · on %s"), format != NULL ? format : "?", capacity, allocation,
                                base);
  else
    /* Translators: a volume: format, capacity, allocation: "qcow2 · 20 GiB · 6 GiB used" */
    subtitle = g_strdup_printf (_("%s · %s · %s used"), format != NULL ? format : "?", capacity, allocation);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), vw_volume_get_name (volume));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  gtk_label_set_label (parts->values[0], vw_volume_get_path (volume));
  gtk_label_set_label (parts->values[1], format != NULL ? format : _("unknown"));
  g_clear_pointer (&capacity, g_free);
  capacity = g_format_size_full (vw_volume_get_capacity (volume), G_FORMAT_SIZE_IEC_UNITS | G_FORMAT_SIZE_LONG_FORMAT);
  gtk_label_set_label (parts->values[2], capacity);
  gtk_label_set_label (parts->values[3], allocation);
  gtk_label_set_label (parts->values[4], backing != NULL ? backing : _("None"));
}

static void
on_volume_expanded (GtkWidget     *row,
                    GParamSpec    *pspec,
                    VwStoragePage *self)
{
  VwVolume *volume = g_object_get_data (G_OBJECT (row), "vw-volume");

  if (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)))
    g_hash_table_add (self->expanded, g_strdup (vw_volume_get_name (volume)));
  else
    g_hash_table_remove (self->expanded, vw_volume_get_name (volume));
}

static GtkWidget *
volume_button (const char *label,
               const char *action,
               const char *volume,
               const char *tooltip,
               const char *name)
{
  GtkWidget *button = new_button (NULL, label, action, tooltip, name, NULL);

  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (volume));
  gtk_widget_set_hexpand (button, TRUE);
  return button;
}

static GtkWidget *
create_volume_row (gpointer item,
                   gpointer user_data)
{
  static const char *keys[] = { N_("Path"), N_("Format"), N_("Capacity"), N_("Allocation"), N_("Backing") };
  VwStoragePage *self = user_data;
  VwVolume *volume = item;
  const char *name = vw_volume_get_name (volume);
  VolumeRow *parts = g_new0 (VolumeRow, 1);
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *info_row = gtk_list_box_row_new ();
  GtkWidget *actions_row = gtk_list_box_row_new ();
  g_autofree char *widget_name = g_strdup_printf ("volume:%s", name);

  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_widget_add_css_class (grid, "volume-info");
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GtkWidget *key = new_label (NULL, "dim-label", NULL);

      gtk_label_set_label (GTK_LABEL (key), _(keys[i]));
      gtk_widget_set_valign (key, GTK_ALIGN_START);
      parts->values[i] = GTK_LABEL (new_label (NULL, i == 0 || i == 4 ? "monospace" : "numeric", NULL));
      gtk_label_set_selectable (parts->values[i], TRUE);
      gtk_label_set_wrap (parts->values[i], TRUE);
      gtk_label_set_wrap_mode (parts->values[i], PANGO_WRAP_WORD_CHAR);
      gtk_widget_set_hexpand (GTK_WIDGET (parts->values[i]), TRUE);
      gtk_grid_attach (GTK_GRID (grid), key, 0, (int) i, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (parts->values[i]), 1, (int) i, 1, 1);
    }
  gtk_widget_set_name (grid, "volume-info");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (info_row), grid);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (info_row), FALSE);

  gtk_box_append (GTK_BOX (buttons), volume_button (_("_Resize…"), "storage.volume-resize", name,
                                                    _("Grow the volume (virsh vol-resize)"), "resize-button"));
  gtk_box_append (GTK_BOX (buttons), volume_button (_("_XML"), "storage.volume-xml", name,
                                                    _("Show its XML (virsh vol-dumpxml)"), "xml-button"));
  gtk_box_append (GTK_BOX (buttons), volume_button (_("_Delete…"), "storage.volume-delete", name,
                                                    _("Delete the volume and its data (virsh vol-delete)"),
                                                    "delete-button"));
  gtk_widget_add_css_class (gtk_widget_get_last_child (buttons), "destructive-action");
  gtk_widget_add_css_class (buttons, "volume-actions");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (actions_row), buttons);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (actions_row), FALSE);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), info_row);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), actions_row);
  gtk_widget_set_name (row, widget_name);
  g_object_set_data_full (G_OBJECT (row), "vw-parts", parts, g_free);
  g_object_set_data_full (G_OBJECT (row), "vw-volume", g_object_ref (volume), g_object_unref);
  g_signal_connect_object (volume, "notify", G_CALLBACK (update_volume_row), row, G_CONNECT_SWAPPED);
  update_volume_row (row);
  /* The list is rebuilt when a volume comes or goes: keep what was open. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), g_hash_table_contains (self->expanded, name));
  g_signal_connect (row, "notify::expanded", G_CALLBACK (on_volume_expanded), self);
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
update_actions (VwStoragePage *self)
{
  VwVirtObject *pool = self->pool != NULL ? VW_VIRT_OBJECT (self->pool) : NULL;
  gboolean ready = pool != NULL && connected (self) && !vw_virt_object_get_busy (pool);
  gboolean active = pool != NULL && vw_virt_object_get_active (pool);
  gboolean persistent = pool != NULL && vw_virt_object_get_persistent (pool);
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "storage.new-pool", connected (self));
  gtk_widget_action_set_enabled (widget, "storage.build", ready && !active);
  gtk_widget_action_set_enabled (widget, "storage.start", ready && !active);
  gtk_widget_action_set_enabled (widget, "storage.stop", ready && active);
  gtk_widget_action_set_enabled (widget, "storage.refresh", ready && active);
  gtk_widget_action_set_enabled (widget, "storage.undefine", ready && !active && persistent);
  gtk_widget_action_set_enabled (widget, "storage.pool-xml", pool != NULL && connected (self));
  gtk_widget_action_set_enabled (widget, "storage.new-volume", ready && active);
  gtk_widget_action_set_enabled (widget, "storage.volume-resize", ready && active);
  gtk_widget_action_set_enabled (widget, "storage.volume-delete", ready && active);
  gtk_widget_action_set_enabled (widget, "storage.volume-xml", pool != NULL && connected (self) && active);
  gtk_widget_set_sensitive (GTK_WIDGET (self->autostart_switch), ready && persistent);
}

static void
update_details (VwStoragePage *self)
{
  VwVirtObject *object = self->pool != NULL ? VW_VIRT_OBJECT (self->pool) : NULL;
  gboolean active, persistent, autostart;
  guint n_volumes;
  g_autofree char *count = NULL;

  update_actions (self);
  if (object == NULL)
    return;

  active = vw_virt_object_get_active (object);
  persistent = vw_virt_object_get_persistent (object);
  autostart = vw_virt_object_get_autostart (object);
  gtk_label_set_label (self->title_label, vw_pool_get_name (self->pool));
  show_state (self->state_label, active);
  gtk_spinner_set_spinning (self->spinner, vw_virt_object_get_busy (object));
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), vw_virt_object_get_busy (object));
  show_usage (self->pool, self->level, self->usage_label);
  adw_action_row_set_subtitle (self->type_row, vw_pool_get_pool_type (self->pool));
  adw_action_row_set_subtitle (self->target_row, vw_pool_get_target (self->pool));
  adw_action_row_set_subtitle (self->persistent_row,
                               persistent ? _("Persistent: libvirt keeps it when it stops")
                                          : _("Transient: it is gone once it stops"));

  /* The switch shows the model; the learner's flip is a request. */
  gtk_switch_set_active (self->autostart_switch, autostart);
  gtk_switch_set_state (self->autostart_switch, autostart);

  n_volumes = g_list_model_get_n_items (vw_pool_get_volumes (self->pool));
  count = active ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u volume", "%u volumes", n_volumes), n_volumes)
                 : NULL;
  adw_preferences_group_set_description (self->volumes_group, count);
  gtk_label_set_label (self->volume_placeholder,
                       active ? _("No volumes yet. New Volume… creates one.") : _("Start the pool to see its volumes."));

  if (active)
    gtk_label_set_label (self->undefine_hint, _("Stop the pool before undefining it."));
  else if (!persistent)
    gtk_label_set_label (self->undefine_hint, _("A transient pool has no definition to remove."));
  else
    gtk_label_set_label (self->undefine_hint, _("libvirt forgets the pool; the directory and its files stay."));
}

static void
show_pool (VwStoragePage *self,
           VwPool        *pool)
{
  if (self->pool != pool)
    {
      if (self->pool != NULL)
        {
          g_signal_handlers_disconnect_by_data (self->pool, self);
          g_signal_handlers_disconnect_by_data (vw_pool_get_volumes (self->pool), self);
        }
      g_hash_table_remove_all (self->expanded);
      g_set_object (&self->pool, pool);
      gtk_list_box_bind_model (self->volume_list, pool != NULL ? vw_pool_get_volumes (pool) : NULL,
                               pool != NULL ? create_volume_row : NULL, self, NULL);
      if (pool != NULL)
        {
          g_signal_connect_swapped (pool, "notify", G_CALLBACK (update_details), self);
          g_signal_connect_swapped (vw_pool_get_volumes (pool), "items-changed", G_CALLBACK (update_details), self);
        }
    }
  update_details (self);
  if (pool != NULL)
    {
      gtk_stack_set_visible_child_name (self->pools_stack, "details");
      gtk_widget_grab_focus (self->back_button);
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
  if (self->pool != NULL && find_pool (self, vw_pool_get_name (self->pool)) != self->pool)
    show_pool (self, NULL);
  /* A pool just defined here is shown for its next steps once listed. */
  if (self->pending_pool != NULL && find_pool (self, self->pending_pool) != NULL)
    {
      g_autofree char *name = g_steal_pointer (&self->pending_pool);

      show_pool (self, find_pool (self, name));
    }
  update_actions (self);
}

/* ----- Operations ----- */

/* One operation: what it is on, the words for its failure, and a pool to
 * show once it is done. Dialogs hold it until answered, the model's call
 * until it finishes. */
typedef struct
{
  VwStoragePage *self;
  VwPool *pool;
  VwVolume *volume;
  char *failure;   /* "Could not start “default”" */
  char *show;
} Op;

static void
op_clear (gpointer data)
{
  Op *op = data;

  g_object_unref (op->self);
  g_clear_object (&op->pool);
  g_clear_object (&op->volume);
  g_free (op->failure);
  g_free (op->show);
}

static void
op_unref (gpointer data)
{
  g_rc_box_release_full (data, op_clear);
}

/* @failure (transfer full) says what failed, naming the object. */
static Op *
op_new (VwStoragePage *self,
        VwVolume      *volume,
        char          *failure)
{
  Op *op = g_rc_box_new0 (Op);

  op->self = g_object_ref (self);
  op->pool = self->pool != NULL ? g_object_ref (self->pool) : NULL;
  op->volume = volume != NULL ? g_object_ref (volume) : NULL;
  op->failure = failure;
  return op;
}

static void
op_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Op *op = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  /* The page is going away: its widgets may be gone already. */
  if (g_cancellable_is_cancelled (op->self->cancellable))
    {
      op_unref (op);
      return;
    }
  if (VW_IS_CONNECTION (object))
    ok = vw_connection_op_finish (VW_CONNECTION (object), result, &error);
  else if (op->volume != NULL)
    ok = vw_volume_op_finish (result, &error);
  else
    ok = vw_virt_object_op_finish (VW_VIRT_OBJECT (object), result, &error);

  if (!ok)
    {
      /* Translators: "Could not start “default”: <libvirt's message>" */
      g_autofree char *message = g_strdup_printf (_("%s: %s"), op->failure, error->message);

      vw_widget_show_message (GTK_WIDGET (op->self), message);
    }
  else if (ok && op->show != NULL)
    {
      g_free (op->self->pending_pool);
      op->self->pending_pool = g_steal_pointer (&op->show);
      update_stack (op->self);
    }
  /* A refused switch goes back to what the model says. */
  update_details (op->self);
  op_unref (op);
}

static void
run_pool_action (VwStoragePage *self,
                 VwPoolAction   action)
{
  const char *name;
  char *failure = NULL;

  if (self->pool == NULL)
    return;
  name = vw_pool_get_name (self->pool);
  switch (action)
    {
    case VW_POOL_ACTION_BUILD:
      failure = g_strdup_printf (_("Could not build “%s”"), name);
      break;
    case VW_POOL_ACTION_START:
      failure = g_strdup_printf (_("Could not start “%s”"), name);
      break;
    case VW_POOL_ACTION_STOP:
      failure = g_strdup_printf (_("Could not stop “%s”"), name);
      break;
    case VW_POOL_ACTION_REFRESH:
      failure = g_strdup_printf (_("Could not refresh “%s”"), name);
      break;
    case VW_POOL_ACTION_AUTOSTART_ENABLE:
    case VW_POOL_ACTION_AUTOSTART_DISABLE:
      failure = g_strdup_printf (_("Could not change the autostart of “%s”"), name);
      break;
    case VW_POOL_ACTION_UNDEFINE:
      failure = g_strdup_printf (_("Could not undefine “%s”"), name);
      break;
    }
  vw_pool_run_async (self->pool, action, self->cancellable, op_done, op_new (self, NULL, failure));
}

static void
pool_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  static const char *names[] = {
    [VW_POOL_ACTION_BUILD] = "storage.build",
    [VW_POOL_ACTION_START] = "storage.start",
    [VW_POOL_ACTION_STOP] = "storage.stop",
    [VW_POOL_ACTION_REFRESH] = "storage.refresh",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (action_name, names[i]) == 0)
      run_pool_action (VW_STORAGE_PAGE (widget), i);
}

static gboolean
on_autostart_set (GtkSwitch     *toggle,
                  gboolean       state,
                  VwStoragePage *self)
{
  if (self->pool != NULL && state != vw_virt_object_get_autostart (VW_VIRT_OBJECT (self->pool)))
    run_pool_action (self, state ? VW_POOL_ACTION_AUTOSTART_ENABLE : VW_POOL_ACTION_AUTOSTART_DISABLE);
  /* The switch follows the model once the pool is reread. */
  return TRUE;
}

static void
undefine_confirmed (gpointer user_data)
{
  Op *op = user_data;

  vw_pool_run_async (op->pool, VW_POOL_ACTION_UNDEFINE, op->self->cancellable, op_done, g_rc_box_acquire (op));
}

static void
pool_chosen (const char *name,
             const char *path,
             gpointer    user_data)
{
  Op *op = user_data;

  g_free (op->failure);
  op->failure = g_strdup_printf (_("Could not define “%s”"), name);
  op->show = g_strdup (name);
  if (op->self->connection != NULL)
    vw_connection_define_pool_async (op->self->connection, name, path, op->self->cancellable, op_done,
                                     g_rc_box_acquire (op));
}

static void
volume_chosen (const char *name,
               const char *format,
               guint64     capacity,
               const char *backing,
               gpointer    user_data)
{
  Op *op = user_data;

  g_free (op->failure);
  op->failure = g_strdup_printf (_("Could not create “%s”"), name);
  vw_pool_create_volume_async (op->pool, name, capacity, format, backing, op->self->cancellable, op_done,
                               g_rc_box_acquire (op));
}

static void
size_chosen (guint64  capacity,
             gpointer user_data)
{
  Op *op = user_data;

  vw_volume_resize_async (op->volume, capacity, op->self->cancellable, op_done, g_rc_box_acquire (op));
}

static void
delete_confirmed (gpointer user_data)
{
  Op *op = user_data;

  vw_volume_delete_async (op->volume, op->self->cancellable, op_done, g_rc_box_acquire (op));
}

/* The actions that ask first. */
static void
dialog_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  VwStoragePage *self = VW_STORAGE_PAGE (widget);
  VwVolume *volume = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;

  if (g_str_equal (action_name, "storage.new-pool"))
    {
      if (self->connection != NULL)
        vw_new_pool_dialog_show (widget, self->connection, pool_chosen, op_new (self, NULL, NULL), op_unref);
      return;
    }
  if (self->pool == NULL)
    return;
  if (parameter != NULL
      && (volume = vw_pool_find_volume (self->pool, g_variant_get_string (parameter, NULL))) == NULL)
    return;

  if (g_str_equal (action_name, "storage.undefine"))
    {
      heading = g_strdup_printf (_("Undefine “%s”?"), vw_pool_get_name (self->pool));
      body = g_strdup_printf (_("libvirt forgets the pool (virsh pool-undefine). The directory %s and the files in "
                                "it stay on the host."), vw_pool_get_target (self->pool));
      vw_confirm_dialog_show (widget, heading, body, _("_Undefine"), undefine_confirmed,
                              op_new (self, NULL, g_strdup_printf (_("Could not undefine “%s”"),
                                                                   vw_pool_get_name (self->pool))), op_unref);
    }
  else if (g_str_equal (action_name, "storage.pool-xml"))
    vw_pool_xml_window_show (widget, self->pool);
  else if (g_str_equal (action_name, "storage.new-volume"))
    vw_new_volume_dialog_show (widget, self->pool, volume_chosen, op_new (self, NULL, NULL), op_unref);
  else if (g_str_equal (action_name, "storage.volume-xml"))
    vw_volume_xml_window_show (widget, volume);
  else if (g_str_equal (action_name, "storage.volume-resize"))
    vw_resize_volume_dialog_show (widget, volume, size_chosen,
                                  op_new (self, volume, g_strdup_printf (_("Could not resize “%s”"),
                                                                         vw_volume_get_name (volume))), op_unref);
  else if (g_str_equal (action_name, "storage.volume-delete"))
    {
      heading = g_strdup_printf (_("Delete “%s”?"), vw_volume_get_name (volume));
      body = g_strdup_printf (_("The file %s and everything in it are deleted (virsh vol-delete). A machine that "
                                "uses it loses this disk."), vw_volume_get_path (volume));
      vw_confirm_dialog_show (widget, heading, body, _("_Delete"), delete_confirmed,
                              op_new (self, volume, g_strdup_printf (_("Could not delete “%s”"),
                                                                     vw_volume_get_name (volume))), op_unref);
    }
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
  GtkListBoxRow *row;

  gtk_stack_set_visible_child_name (self->pools_stack, "list");
  /* Back where the learner was. */
  for (int i = 0; self->pool != NULL && (row = gtk_list_box_get_row_at_index (self->pool_list, i)) != NULL; i++)
    if (g_object_get_data (G_OBJECT (row), "vw-pool") == self->pool)
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
  g_hash_table_unref (self->expanded);
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

  gtk_widget_class_install_action (widget_class, "storage.new-pool", NULL, dialog_action);
  gtk_widget_class_install_action (widget_class, "storage.show-list", NULL, show_list_action);
  gtk_widget_class_install_action (widget_class, "storage.build", NULL, pool_action);
  gtk_widget_class_install_action (widget_class, "storage.start", NULL, pool_action);
  gtk_widget_class_install_action (widget_class, "storage.stop", NULL, pool_action);
  gtk_widget_class_install_action (widget_class, "storage.refresh", NULL, pool_action);
  gtk_widget_class_install_action (widget_class, "storage.undefine", NULL, dialog_action);
  gtk_widget_class_install_action (widget_class, "storage.pool-xml", NULL, dialog_action);
  gtk_widget_class_install_action (widget_class, "storage.new-volume", NULL, dialog_action);
  gtk_widget_class_install_action (widget_class, "storage.volume-resize", "s", dialog_action);
  gtk_widget_class_install_action (widget_class, "storage.volume-delete", "s", dialog_action);
  gtk_widget_class_install_action (widget_class, "storage.volume-xml", "s", dialog_action);
}

/* ----- Building ----- */

static GtkWidget *
boxed_list (const char *name,
            const char *label)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_name (list, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return list;
}

/* A scrolled, clamped column, as GNOME's settings pages are. */
static GtkWidget *
scrolled_column (GtkWidget **column)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  g_object_set (*column, "margin-top", 12, "margin-bottom", 18, "margin-start", 12, "margin-end", 12, NULL);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  adw_clamp_set_child (ADW_CLAMP (clamp), *column);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_widget_set_vexpand (scroller, TRUE);
  return scroller;
}

static AdwActionRow *
property_row (GtkWidget  *group,
              const char *title)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "property");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return ADW_ACTION_ROW (row);
}

static GtkWidget *
build_list_page (VwStoragePage *self)
{
  GtkWidget *column;
  GtkWidget *scroller = scrolled_column (&column);
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Storage Pools"));
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group),
                                           new_button ("list-add-symbolic", _("_New Pool…"), "storage.new-pool",
                                                       _("Define a directory pool (virsh pool-define-as)"),
                                                       "new-pool-button", "flat"));
  self->pool_list = GTK_LIST_BOX (boxed_list ("pool-list", _("Storage pools")));
  g_signal_connect_swapped (self->pool_list, "row-activated", G_CALLBACK (on_pool_activated), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->pool_list));
  gtk_box_append (GTK_BOX (column), group);
  return scroller;
}

static GtkWidget *
build_details_page (VwStoragePage *self)
{
  static const struct { const char *icon, *label, *action, *tooltip, *name; } actions[] = {
    { "document-new-symbolic", N_("_Build"), "storage.build", N_("Create the directory (virsh pool-build)"),
      "build-button" },
    { "media-playback-start-symbolic", N_("_Start"), "storage.start", N_("Start (virsh pool-start)"),
      "start-button" },
    { "media-playback-stop-symbolic", N_("S_top"), "storage.stop", N_("Stop (virsh pool-destroy; no data is lost)"),
      "stop-button" },
    { "view-refresh-symbolic", N_("_Refresh"), "storage.refresh",
      N_("Read the volumes again (virsh pool-refresh)"), "refresh-button" },
  };
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *column;
  GtkWidget *scroller = scrolled_column (&column);
  GtkWidget *usage = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *buttons = gtk_flow_box_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *autostart_row = adw_action_row_new ();
  GtkWidget *undefine = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *button;

  self->back_button = new_button ("go-previous-symbolic", NULL, "storage.show-list", _("All Pools"), "back-button",
                                  "flat");
  self->title_label = GTK_LABEL (new_label ("pool-title", "heading", NULL));
  gtk_label_set_ellipsize (self->title_label, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (self->title_label), TRUE);
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  self->state_label = GTK_LABEL (new_label ("pool-state", "state-pill", NULL));
  gtk_widget_set_valign (GTK_WIDGET (self->state_label), GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (header), self->back_button);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->title_label));
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->spinner));
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->state_label));
  gtk_box_append (GTK_BOX (header), new_button (NULL, _("_XML"), "storage.pool-xml",
                                                _("Its XML (virsh pool-dumpxml); editing it is virsh pool-edit"),
                                                "pool-xml-button", "flat"));
  gtk_widget_add_css_class (header, "storage-header");
  gtk_box_append (GTK_BOX (page), header);
  gtk_box_append (GTK_BOX (page), scroller);

  /* Usage, then what can be done, then the properties and the volumes. */
  self->level = GTK_LEVEL_BAR (new_level_bar ());
  self->usage_label = GTK_LABEL (new_label ("pool-usage", "numeric", NULL));
  gtk_label_set_wrap (self->usage_label, TRUE);
  gtk_box_append (GTK_BOX (usage), GTK_WIDGET (self->level));
  gtk_box_append (GTK_BOX (usage), GTK_WIDGET (self->usage_label));
  gtk_box_append (GTK_BOX (column), usage);

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (buttons), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (buttons), TRUE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (buttons), 2);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (buttons), 4);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (buttons), 6);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (buttons), 6);
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      button = new_button (actions[i].icon, _(actions[i].label), actions[i].action, _(actions[i].tooltip),
                           actions[i].name, NULL);
      gtk_flow_box_append (GTK_FLOW_BOX (buttons), button);
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
    }
  gtk_widget_add_css_class (buttons, "pool-actions");
  gtk_box_append (GTK_BOX (column), buttons);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Pool"));
  self->type_row = property_row (group, _("Type"));
  self->target_row = property_row (group, _("Target Directory"));
  self->persistent_row = property_row (group, _("Definition"));
  self->autostart_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->autostart_switch), GTK_ALIGN_CENTER);
  gtk_widget_set_name (GTK_WIDGET (self->autostart_switch), "autostart-switch");
  g_signal_connect (self->autostart_switch, "state-set", G_CALLBACK (on_autostart_set), self);
  /* As on the Networks page. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (autostart_row), _("Start at _Boot"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (autostart_row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (autostart_row), _("virsh pool-autostart [--disable]"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (autostart_row), GTK_WIDGET (self->autostart_switch));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (autostart_row), GTK_WIDGET (self->autostart_switch));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), autostart_row);
  gtk_box_append (GTK_BOX (column), group);

  self->volumes_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->volumes_group, _("Volumes"));
  adw_preferences_group_set_header_suffix (self->volumes_group,
                                           new_button ("list-add-symbolic", _("_New Volume…"), "storage.new-volume",
                                                       _("Create a volume (virsh vol-create-as)"),
                                                       "new-volume-button", "flat"));
  self->volume_list = GTK_LIST_BOX (boxed_list ("volume-list", _("Volumes")));
  self->volume_placeholder = GTK_LABEL (new_label ("volume-placeholder", "dim-label", NULL));
  gtk_label_set_wrap (self->volume_placeholder, TRUE);
  gtk_label_set_xalign (self->volume_placeholder, 0.5);
  gtk_widget_add_css_class (GTK_WIDGET (self->volume_placeholder), "volume-placeholder");
  gtk_list_box_set_placeholder (self->volume_list, GTK_WIDGET (self->volume_placeholder));
  adw_preferences_group_add (self->volumes_group, GTK_WIDGET (self->volume_list));
  gtk_box_append (GTK_BOX (column), GTK_WIDGET (self->volumes_group));

  button = new_button (NULL, _("_Undefine Pool…"), "storage.undefine",
                       _("Remove the pool’s definition (virsh pool-undefine)"), "undefine-button",
                       "destructive-action");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  self->undefine_hint = GTK_LABEL (new_label (NULL, "caption", "dim-label", NULL));
  gtk_label_set_wrap (self->undefine_hint, TRUE);
  gtk_label_set_justify (self->undefine_hint, GTK_JUSTIFY_CENTER);
  gtk_label_set_xalign (self->undefine_hint, 0.5);
  gtk_box_append (GTK_BOX (undefine), button);
  gtk_box_append (GTK_BOX (undefine), GTK_WIDGET (self->undefine_hint));
  gtk_box_append (GTK_BOX (column), undefine);
  return page;
}

static void
vw_storage_page_init (VwStoragePage *self)
{
  GtkWidget *button = new_button (NULL, _("_New Pool…"), "storage.new-pool", NULL, NULL, "pill");

  self->cancellable = g_cancellable_new ();
  self->expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* One status page for no connection, connecting, failed and no pools. */
  self->status_page = ADW_STATUS_PAGE (adw_status_page_new ());
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "suggested-action");
  adw_status_page_set_child (self->status_page, button);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_page), "compact");

  self->pools_stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->pools_stack, GTK_STACK_TRANSITION_TYPE_SLIDE_LEFT_RIGHT);
  gtk_stack_add_named (self->pools_stack, build_list_page (self), "list");
  gtk_stack_add_named (self->pools_stack, build_details_page (self), "details");

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
