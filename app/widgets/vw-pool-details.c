/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-pool-details"

#include "config.h"

#include <glib/gi18n.h>

#include "vw-lab-dialogs.h"
#include "vw-pool-details.h"
#include "vw-storage-dialogs.h"
#include "vw-storage-page.h"
#include "vw-widget-util.h"

/* One storage pool, as the Storage page shows it once chosen: its
 * properties, what can be done to it (each action sensitive only when
 * libvirt would accept it, its tooltip naming the virsh command) and its
 * volumes. Everything follows the models' notify and items-changed
 * signals; failures go to the lab's banner. */
struct _VwPoolDetails
{
  GtkWidget parent_instance;

  VwConnection *connection;     /* nothing can be done while it is not connected */
  VwPool *pool;                 /* the one whose details are shown */
  GCancellable *cancellable;
  GHashTable *expanded;         /* names of the volumes whose info is open */

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

G_DEFINE_FINAL_TYPE (VwPoolDetails, vw_pool_details, GTK_TYPE_WIDGET)

/* ----- The pool's volumes ----- */

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
  g_autofree char *capacity = g_format_size_full (vw_volume_get_capacity (volume), G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *allocation = g_format_size_full (vw_volume_get_allocation (volume), G_FORMAT_SIZE_IEC_UNITS);
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
                    VwPoolDetails *self)
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
  GtkWidget *button = vw_storage_page_new_button (NULL, label, action, tooltip, name, NULL);

  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (volume));
  gtk_widget_set_hexpand (button, TRUE);
  return button;
}

static GtkWidget *
create_volume_row (gpointer item,
                   gpointer user_data)
{
  static const char *keys[] = { N_("Path"), N_("Format"), N_("Capacity"), N_("Allocation"), N_("Backing") };
  VwPoolDetails *self = user_data;
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
      GtkWidget *key = vw_storage_page_new_label (NULL, "dim-label", NULL);

      gtk_label_set_label (GTK_LABEL (key), _(keys[i]));
      gtk_widget_set_valign (key, GTK_ALIGN_START);
      parts->values[i] = GTK_LABEL (vw_storage_page_new_label (NULL, i == 0 || i == 4 ? "monospace" : "numeric",
                                                               NULL));
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
connected (VwPoolDetails *self)
{
  return self->connection != NULL
         && vw_connection_get_status (self->connection) == VW_CONNECTION_STATUS_CONNECTED;
}

static void
update_actions (VwPoolDetails *self)
{
  VwVirtObject *pool = self->pool != NULL ? VW_VIRT_OBJECT (self->pool) : NULL;
  gboolean ready = pool != NULL && connected (self) && !vw_virt_object_get_busy (pool);
  gboolean active = pool != NULL && vw_virt_object_get_active (pool);
  gboolean persistent = pool != NULL && vw_virt_object_get_persistent (pool);
  GtkWidget *widget = GTK_WIDGET (self);

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
update_details (VwPoolDetails *self)
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
  vw_storage_page_show_state (self->state_label, active);
  gtk_spinner_set_spinning (self->spinner, vw_virt_object_get_busy (object));
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), vw_virt_object_get_busy (object));
  vw_storage_page_show_usage (self->pool, self->level, self->usage_label);
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

/* ----- Operations ----- */

/* One operation: what it is on and the words for its failure. Dialogs
 * hold it until answered, the model's call until it finishes. */
typedef struct
{
  VwPoolDetails *self;
  VwPool *pool;
  VwVolume *volume;
  char *failure;   /* "Could not start “default”" */
} Op;

static void
op_clear (gpointer data)
{
  Op *op = data;

  g_object_unref (op->self);
  g_clear_object (&op->pool);
  g_clear_object (&op->volume);
  g_free (op->failure);
}

static void
op_unref (gpointer data)
{
  g_rc_box_release_full (data, op_clear);
}

/* @failure (transfer full) says what failed, naming the object. */
static Op *
op_new (VwPoolDetails *self,
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

  /* The details are going away: their widgets may be gone already. */
  if (g_cancellable_is_cancelled (op->self->cancellable))
    {
      op_unref (op);
      return;
    }
  if (op->volume != NULL)
    ok = vw_volume_op_finish (result, &error);
  else
    ok = vw_virt_object_op_finish (VW_VIRT_OBJECT (object), result, &error);

  if (!ok)
    {
      /* Translators: "Could not start “default”: <libvirt's message>" */
      g_autofree char *message = g_strdup_printf (_("%s: %s"), op->failure, error->message);

      vw_widget_show_message (GTK_WIDGET (op->self), message);
    }
  /* A refused switch goes back to what the model says. */
  update_details (op->self);
  op_unref (op);
}

static void
run_pool_action (VwPoolDetails *self,
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
      run_pool_action (VW_POOL_DETAILS (widget), i);
}

static gboolean
on_autostart_set (GtkSwitch     *toggle,
                  gboolean       state,
                  VwPoolDetails *self)
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
  VwPoolDetails *self = VW_POOL_DETAILS (widget);
  VwVolume *volume = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;

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

/* ----- Building ----- */

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
build_page (VwPoolDetails *self)
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
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *scroller = vw_widget_scrolled_page (column);
  GtkWidget *usage = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *buttons = gtk_flow_box_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *autostart_row = adw_action_row_new ();
  GtkWidget *undefine = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *button;

  /* The Storage page's column is wider than the clamp's default. */
  adw_clamp_set_maximum_size (ADW_CLAMP (gtk_widget_get_parent (column)), 720);
  self->back_button = vw_widget_icon_button ("go-previous-symbolic", _("All Pools"), "storage.show-list", NULL);
  gtk_widget_set_name (self->back_button, "back-button");
  self->title_label = GTK_LABEL (vw_storage_page_new_label ("pool-title", "heading", NULL));
  gtk_label_set_ellipsize (self->title_label, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (self->title_label), TRUE);
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  self->state_label = GTK_LABEL (vw_storage_page_new_label ("pool-state", "state-pill", NULL));
  gtk_widget_set_valign (GTK_WIDGET (self->state_label), GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (header), self->back_button);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->title_label));
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->spinner));
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->state_label));
  button = vw_storage_page_new_button (NULL, _("_XML"), "storage.pool-xml",
                                       _("Its XML (virsh pool-dumpxml); editing it is virsh pool-edit"),
                                       "pool-xml-button", "flat");
  gtk_box_append (GTK_BOX (header), button);
  gtk_widget_add_css_class (header, "storage-header");
  gtk_box_append (GTK_BOX (page), header);
  gtk_box_append (GTK_BOX (page), scroller);

  /* Usage, then what can be done, then the properties and the volumes. */
  self->level = GTK_LEVEL_BAR (vw_storage_page_new_level_bar ());
  self->usage_label = GTK_LABEL (vw_storage_page_new_label ("pool-usage", "numeric", NULL));
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
      button = vw_storage_page_new_button (actions[i].icon, _(actions[i].label), actions[i].action,
                                           _(actions[i].tooltip), actions[i].name, NULL);
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
  button = vw_storage_page_new_button ("list-add-symbolic", _("_New Volume…"), "storage.new-volume",
                                       _("Create a volume (virsh vol-create-as)"), "new-volume-button", "flat");
  adw_preferences_group_set_header_suffix (self->volumes_group, button);
  self->volume_list = GTK_LIST_BOX (vw_storage_page_new_boxed_list ("volume-list", _("Volumes")));
  self->volume_placeholder = GTK_LABEL (vw_storage_page_new_label ("volume-placeholder", "dim-label", NULL));
  gtk_label_set_wrap (self->volume_placeholder, TRUE);
  gtk_label_set_xalign (self->volume_placeholder, 0.5);
  gtk_widget_add_css_class (GTK_WIDGET (self->volume_placeholder), "volume-placeholder");
  gtk_list_box_set_placeholder (self->volume_list, GTK_WIDGET (self->volume_placeholder));
  adw_preferences_group_add (self->volumes_group, GTK_WIDGET (self->volume_list));
  gtk_box_append (GTK_BOX (column), GTK_WIDGET (self->volumes_group));

  button = vw_storage_page_new_button (NULL, _("_Undefine Pool…"), "storage.undefine",
                                       _("Remove the pool’s definition (virsh pool-undefine)"), "undefine-button",
                                       "destructive-action");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  self->undefine_hint = GTK_LABEL (vw_storage_page_new_label (NULL, "caption", "dim-label", NULL));
  gtk_label_set_wrap (self->undefine_hint, TRUE);
  gtk_label_set_justify (self->undefine_hint, GTK_JUSTIFY_CENTER);
  gtk_label_set_xalign (self->undefine_hint, 0.5);
  gtk_box_append (GTK_BOX (undefine), button);
  gtk_box_append (GTK_BOX (undefine), GTK_WIDGET (self->undefine_hint));
  gtk_box_append (GTK_BOX (column), undefine);
  return page;
}

/* ----- GObject ----- */

static void
vw_pool_details_init (VwPoolDetails *self)
{
  self->cancellable = g_cancellable_new ();
  self->expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_set_parent (build_page (self), GTK_WIDGET (self));
  /* No pool yet: nothing can be done. */
  update_actions (self);
}

static void
vw_pool_details_dispose (GObject *object)
{
  VwPoolDetails *self = VW_POOL_DETAILS (object);

  g_cancellable_cancel (self->cancellable);
  /* Only while there is one: a second dispose finds the widgets gone. */
  if (self->pool != NULL)
    vw_pool_details_set_pool (self, NULL);
  vw_pool_details_set_connection (self, NULL);
  vw_widget_unparent_children (GTK_WIDGET (self));

  G_OBJECT_CLASS (vw_pool_details_parent_class)->dispose (object);
}

static void
vw_pool_details_finalize (GObject *object)
{
  VwPoolDetails *self = VW_POOL_DETAILS (object);

  g_clear_object (&self->cancellable);
  g_hash_table_unref (self->expanded);

  G_OBJECT_CLASS (vw_pool_details_parent_class)->finalize (object);
}

/* Shown, the details put the focus on the way back to the list. */
static gboolean
vw_pool_details_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (VW_POOL_DETAILS (widget)->back_button);
}

static void
vw_pool_details_class_init (VwPoolDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vw_pool_details_dispose;
  object_class->finalize = vw_pool_details_finalize;
  widget_class->grab_focus = vw_pool_details_grab_focus;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

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

GtkWidget *
vw_pool_details_new (void)
{
  return g_object_new (VW_TYPE_POOL_DETAILS, NULL);
}

/* The lab's connection (nullable): nothing can be done to a pool while it
 * is not connected. */
void
vw_pool_details_set_connection (VwPoolDetails *self,
                                VwConnection  *connection)
{
  g_return_if_fail (VW_IS_POOL_DETAILS (self));

  if (self->connection == connection)
    return;
  if (self->connection != NULL)
    g_signal_handlers_disconnect_by_data (self->connection, self);
  g_set_object (&self->connection, connection);
  if (connection != NULL)
    g_signal_connect_swapped (connection, "notify::status", G_CALLBACK (update_actions), self);
  update_actions (self);
}

VwPool *
vw_pool_details_get_pool (VwPoolDetails *self)
{
  g_return_val_if_fail (VW_IS_POOL_DETAILS (self), NULL);
  return self->pool;
}

/* Shows @pool (nullable), or shows it again when it is already shown. */
void
vw_pool_details_set_pool (VwPoolDetails *self,
                          VwPool        *pool)
{
  g_return_if_fail (VW_IS_POOL_DETAILS (self));

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
}
