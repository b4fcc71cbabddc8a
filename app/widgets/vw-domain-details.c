/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-domain-details"

#include "config.h"

#include <glib/gi18n.h>

#include "vw-connection.h"
#include "vw-console-page.h"
#include "vw-domain-config.h"
#include "vw-domain-details.h"
#include "vw-domain-stats.h"
#include "vw-format.h"
#include "vw-snapshots-view.h"
#include "vw-sparkline.h"
#include "vw-widget-util.h"

/* Everything about one machine, in four pages: an overview (what `virsh
 * dominfo` says), its devices (domblklist, domiflist, vncdisplay), its
 * resources (vCPUs and memory, changed live or for the next boot, with small
 * graphs of live use), and its XML. Each page names the virsh command that
 * shows the same, so the learner can compare with a terminal. */
struct _VwDomainDetails
{
  GtkWidget parent_instance;

  VwDomain *domain;
  VwDomainStats *stats;
  GCancellable *cancellable;
  guint reload_id;
  guint n_loads;
  VwDomainConfig *config;
  char *xml;
  char *message;

  GtkLabel *name_label;
  GtkLabel *state_label;
  AdwViewStack *stack;
  GtkBox *overview_box;
  GtkBox *devices_box;
  GtkSpinButton *vcpus_spin;
  GtkSpinButton *max_vcpus_spin;
  GtkSpinButton *memory_spin;
  GtkSpinButton *max_memory_spin;
  GtkCheckButton *live_check;
  GtkCheckButton *config_check;
  GtkRevealer *message_revealer;
  GtkLabel *message_label;
  GtkWidget *graphs_box;
  GtkLabel *no_stats_label;
  VwSparkline *graphs[VW_N_STATS];
  GtkLabel *graph_values[VW_N_STATS];
  VwXmlEditor *xml_editor;
  VwSnapshotsView *snapshots_view;
  VwConsolePage *console_page;
};

G_DEFINE_FINAL_TYPE (VwDomainDetails, vw_domain_details, GTK_TYPE_WIDGET)

/* ----- Messages ----- */

static void
show_message (VwDomainDetails *self,
              const char      *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->message_revealer, message != NULL);
}

/* The last message shown near the resource controls, for tests. */
const char *
vw_domain_details_get_message (VwDomainDetails *self)
{
  g_return_val_if_fail (VW_IS_DOMAIN_DETAILS (self), NULL);
  return self->message;
}

/* ----- Rows ----- */

static GtkWidget *
new_group (const char *title,
           const char *command)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (command != NULL)
    {
      /* Translators: under a group title: "Same as: virsh dominfo web01" */
      g_autofree char *description = g_strdup_printf (_("Same as: %s"), command);

      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
    }
  return group;
}

static void
add_row (GtkWidget  *group,
         const char *title,
         const char *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value != NULL && *value != '\0' ? value : "—");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_tooltip_text (label, value);
  gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

static void
add_detail_row (GtkWidget  *group,
                const char *title,
                const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

static char *
virsh_for (VwDomainDetails *self,
           const char      *subcommand)
{
  return g_strdup_printf ("virsh %s %s", subcommand, vw_domain_get_name (self->domain));
}

static const char *
yes_no (gboolean value)
{
  return value ? _("yes") : _("no");
}

static void
rebuild_overview (VwDomainDetails *self)
{
  g_autofree char *command = virsh_for (self, "dominfo");
  g_autofree char *id = NULL;
  g_autofree char *memory = NULL;
  g_autofree char *max_memory = NULL;
  g_autofree char *vcpus = NULL;
  g_autofree char *os = NULL;
  GtkWidget *group;

  vw_widget_remove_children (GTK_WIDGET (self->overview_box));
  group = new_group (_("Overview"), command);

  id = vw_domain_get_id (self->domain) >= 0 ? g_strdup_printf ("%d", vw_domain_get_id (self->domain))
                                            : g_strdup ("-");
  vcpus = g_strdup_printf ("%u", vw_domain_get_vcpus (self->domain));
  memory = vw_format_memory (vw_domain_get_memory (self->domain));
  max_memory = vw_format_memory (vw_domain_get_max_memory (self->domain));
  if (self->config != NULL)
    os = g_strdup_printf ("%s%s%s%s%s", self->config->os_type != NULL ? self->config->os_type : "",
                          self->config->arch != NULL ? " · " : "", self->config->arch != NULL ? self->config->arch : "",
                          self->config->machine != NULL ? " · " : "",
                          self->config->machine != NULL ? self->config->machine : "");

  add_row (group, _("Name"), vw_domain_get_name (self->domain));
  add_row (group, _("Id"), id);
  add_row (group, _("UUID"), vw_domain_get_uuid (self->domain));
  add_row (group, _("State"), vw_domain_state_get_label (vw_domain_get_state (self->domain)));
  if (self->config != NULL && self->config->title != NULL)
    add_row (group, _("Title"), self->config->title);
  add_row (group, _("Hypervisor type"), self->config != NULL ? self->config->type : NULL);
  add_row (group, _("OS type"), os);
  add_row (group, _("vCPUs"), vcpus);
  add_row (group, _("Used memory"), memory);
  add_row (group, _("Maximum memory"), max_memory);
  add_row (group, _("Persistent"), yes_no (vw_domain_get_persistent (self->domain)));
  add_row (group, _("Start at boot"), yes_no (vw_domain_get_autostart (self->domain)));
  add_row (group, _("Saved state"), yes_no (vw_domain_get_has_managed_save (self->domain)));
  gtk_box_append (self->overview_box, group);

  if (self->config != NULL && self->config->description != NULL)
    {
      GtkWidget *description = gtk_label_new (self->config->description);

      gtk_label_set_wrap (GTK_LABEL (description), TRUE);
      gtk_label_set_xalign (GTK_LABEL (description), 0);
      gtk_widget_add_css_class (description, "dim-label");
      gtk_box_append (self->overview_box, description);
    }
}

static void
rebuild_devices (VwDomainDetails *self)
{
  g_autofree char *blk = virsh_for (self, "domblklist");
  g_autofree char *ifs = virsh_for (self, "domiflist");
  g_autofree char *vnc = virsh_for (self, "vncdisplay");
  GtkWidget *group;

  vw_widget_remove_children (GTK_WIDGET (self->devices_box));
  if (self->config == NULL)
    return;

  group = new_group (_("Disks"), blk);
  for (guint i = 0; i < self->config->disks->len; i++)
    {
      VwDiskConfig *disk = self->config->disks->pdata[i];
      g_autofree char *title = g_strdup_printf ("%s · %s%s%s%s%s", disk->target != NULL ? disk->target : "?",
                                                disk->device != NULL ? disk->device : "disk",
                                                disk->bus != NULL ? ", " : "", disk->bus != NULL ? disk->bus : "",
                                                disk->format != NULL ? ", " : "",
                                                disk->format != NULL ? disk->format : "");
      g_autofree char *subtitle = g_strdup_printf ("%s%s", disk->source != NULL ? disk->source : _("no media"),
                                                   disk->readonly ? _(" (read-only)") : "");

      add_detail_row (group, title, subtitle);
    }
  if (self->config->disks->len == 0)
    add_detail_row (group, _("No disks"), "");
  gtk_box_append (self->devices_box, group);

  group = new_group (_("Network Interfaces"), ifs);
  for (guint i = 0; i < self->config->interfaces->len; i++)
    {
      VwInterfaceConfig *iface = self->config->interfaces->pdata[i];
      g_autofree char *title = g_strdup_printf ("%s · %s %s", iface->target != NULL ? iface->target : "-",
                                                iface->type != NULL ? iface->type : "", 
                                                iface->source != NULL ? iface->source : "");
      g_autofree char *filter = iface->filter != NULL ? g_strdup_printf (_(" · filter %s"), iface->filter)
                                                      : g_strdup ("");
      /* Translators: "MAC 52:54:00:3a:10:01 · model virtio" */
      g_autofree char *subtitle = g_strdup_printf (_("MAC %s · model %s%s"), iface->mac != NULL ? iface->mac : "-",
                                                   iface->model != NULL ? iface->model : "-", filter);

      add_detail_row (group, title, subtitle);
    }
  if (self->config->interfaces->len == 0)
    add_detail_row (group, _("No network interfaces"), "");
  gtk_box_append (self->devices_box, group);

  group = new_group (_("Graphics"), vnc);
  for (guint i = 0; i < self->config->graphics->len; i++)
    {
      VwGraphicsConfig *graphics = self->config->graphics->pdata[i];
      g_autofree char *title = g_ascii_strup (graphics->type != NULL ? graphics->type : "?", -1);
      g_autofree char *subtitle = NULL;

      if (graphics->port > 0)
        subtitle = g_strdup_printf (_("Listens on %s, port %d"), graphics->listen != NULL ? graphics->listen : "*",
                                    graphics->port);
      else
        subtitle = g_strdup_printf (_("Listens on %s; the port is chosen when the machine starts"),
                                    graphics->listen != NULL ? graphics->listen : "*");
      add_detail_row (group, title, subtitle);
    }
  if (self->config->graphics->len == 0)
    add_detail_row (group, _("No graphical console"), "");
  gtk_box_append (self->devices_box, group);
}

/* ----- Resources ----- */

static void
update_resources (VwDomainDetails *self)
{
  gboolean active = vw_domain_state_is_active (vw_domain_get_state (self->domain));
  guint max_vcpus = self->config != NULL && self->config->vcpus_max > 0 ? self->config->vcpus_max
                                                                        : vw_domain_get_vcpus (self->domain);

  gtk_spin_button_set_range (self->vcpus_spin, 1, MAX (max_vcpus, 1));
  gtk_spin_button_set_value (self->vcpus_spin, vw_domain_get_vcpus (self->domain));
  gtk_spin_button_set_value (self->max_vcpus_spin, max_vcpus);
  gtk_spin_button_set_range (self->memory_spin, 4, MAX (vw_domain_get_max_memory (self->domain) / 1024, 4));
  gtk_spin_button_set_value (self->memory_spin, vw_domain_get_memory (self->domain) / 1024);
  gtk_spin_button_set_value (self->max_memory_spin, vw_domain_get_max_memory (self->domain) / 1024);

  /* Live changes need a running machine; persistent ones a definition. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->live_check), active);
  gtk_widget_set_sensitive (GTK_WIDGET (self->config_check), vw_domain_get_persistent (self->domain));
  if (!active)
    gtk_check_button_set_active (self->live_check, FALSE);
  if (!vw_domain_get_persistent (self->domain))
    gtk_check_button_set_active (self->config_check, FALSE);
}

static VwChangeFlags
change_flags (VwDomainDetails *self)
{
  return (gtk_check_button_get_active (self->live_check) ? VW_CHANGE_LIVE : 0)
         | (gtk_check_button_get_active (self->config_check) ? VW_CHANGE_CONFIG : 0);
}

static void
resource_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(VwDomainDetails) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!vw_domain_op_finish (VW_DOMAIN (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, error->message);
      return;
    }
  show_message (self, NULL);
}

/**
 * vw_domain_details_apply_resource:
 * @which: "vcpus", "max-vcpus", "memory" or "max-memory"
 * @value: a count of vCPUs, or MiB
 *
 * What the Apply buttons of the resources page do, with the scope chosen
 * by the two check buttons (now, at the next boot).
 */
void
vw_domain_details_apply_resource (VwDomainDetails *self,
                                  const char      *which,
                                  guint64          value)
{
  g_return_if_fail (VW_IS_DOMAIN_DETAILS (self));

  if (self->domain == NULL)
    return;
  show_message (self, NULL);
  if (g_str_equal (which, "vcpus"))
    vw_domain_set_vcpus_async (self->domain, (guint) value, FALSE, change_flags (self), self->cancellable,
                               resource_done, g_object_ref (self));
  else if (g_str_equal (which, "max-vcpus"))
    vw_domain_set_vcpus_async (self->domain, (guint) value, TRUE, VW_CHANGE_CONFIG, self->cancellable,
                               resource_done, g_object_ref (self));
  else if (g_str_equal (which, "memory"))
    vw_domain_set_memory_async (self->domain, value * 1024, FALSE, change_flags (self), self->cancellable,
                                resource_done, g_object_ref (self));
  else if (g_str_equal (which, "max-memory"))
    vw_domain_set_memory_async (self->domain, value * 1024, TRUE, VW_CHANGE_CONFIG, self->cancellable,
                                resource_done, g_object_ref (self));
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  VwDomainDetails *self = VW_DOMAIN_DETAILS (widget);
  const char *which = g_variant_get_string (parameter, NULL);
  GtkSpinButton *spin = g_str_equal (which, "vcpus") ? self->vcpus_spin
                        : g_str_equal (which, "max-vcpus") ? self->max_vcpus_spin
                        : g_str_equal (which, "memory") ? self->memory_spin : self->max_memory_spin;

  gtk_spin_button_update (spin);
  vw_domain_details_apply_resource (self, which, (guint64) gtk_spin_button_get_value (spin));
}

static char *
format_rate (double bytes_per_second)
{
  g_autofree char *size = g_format_size ((guint64) bytes_per_second);

  /* Translators: a transfer rate, "34.5 kB/s" */
  return g_strdup_printf (_("%s/s"), size);
}

static void
update_graphs (VwDomainDetails *self)
{
  static const double minimum_top[VW_N_STATS] = { 5, 1024, 64 * 1024, 16 * 1024 };

  gboolean running = vw_domain_state_is_active (vw_domain_get_state (self->domain));

  gtk_widget_set_visible (self->graphs_box, running && vw_domain_stats_has_data (self->stats));
  if (!running)
    gtk_label_set_label (self->no_stats_label, _("The machine is not running."));
  else
    gtk_label_set_label (self->no_stats_label,
                         _("This connection reports no usage figures for the machine. The sandbox’s test driver "
                           "has none; QEMU connections do."));
  gtk_widget_set_visible (GTK_WIDGET (self->no_stats_label),
                          !running || (!vw_domain_stats_has_data (self->stats)
                                       && vw_domain_stats_get_n_polls (self->stats) > 1));

  for (guint s = 0; s < VW_N_STATS; s++)
    {
      g_autofree char *text = NULL;
      double latest = vw_domain_stats_get_latest (self->stats, s);
      const double *values;
      guint n;

      values = vw_domain_stats_get_history (self->stats, s, &n);
      vw_sparkline_set_values (self->graphs[s], values, n, VW_STATS_HISTORY, minimum_top[s]);
      switch (s)
        {
        case VW_STAT_CPU:
          text = g_strdup_printf (_("%.0f %%"), latest);
          break;
        case VW_STAT_MEMORY:
          text = vw_format_memory ((guint64) latest);
          break;
        default:
          text = format_rate (latest);
        }
      gtk_label_set_label (self->graph_values[s], text);
    }
}

static void
update_stats_activity (VwDomainDetails *self)
{
  gboolean visible = self->stats != NULL && gtk_widget_get_mapped (GTK_WIDGET (self))
                     && g_strcmp0 (adw_view_stack_get_visible_child_name (self->stack), "resources") == 0;

  /* Polled only while the graphs are on screen. */
  if (self->stats != NULL)
    vw_domain_stats_set_active (self->stats, visible);
  /* A console is open only while it is on screen. */
  vw_console_page_set_active (self->console_page,
                              gtk_widget_get_mapped (GTK_WIDGET (self))
                              && g_strcmp0 (adw_view_stack_get_visible_child_name (self->stack), "console") == 0);
}

/* ----- Loading ----- */

static void
xml_loaded (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(VwDomainDetails) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = vw_domain_get_xml_finish (VW_DOMAIN (object), result, &error);

  if (xml == NULL || VW_DOMAIN (object) != self->domain)
    return;

  g_clear_pointer (&self->config, vw_domain_config_free);
  self->config = vw_domain_config_parse (xml, NULL);
  g_free (self->xml);
  self->xml = g_steal_pointer (&xml);
  vw_xml_editor_set_document (self->xml_editor, self->xml);
  rebuild_overview (self);
  rebuild_devices (self);
  update_resources (self);
  self->n_loads++;
}

static gboolean
reload_now (gpointer user_data)
{
  VwDomainDetails *self = user_data;

  self->reload_id = 0;
  if (self->domain == NULL)
    return G_SOURCE_REMOVE;

  gtk_label_set_label (self->name_label, vw_domain_get_name (self->domain));
  gtk_label_set_label (self->state_label, vw_domain_state_get_label (vw_domain_get_state (self->domain)));
  rebuild_overview (self);
  update_resources (self);
  if (self->stats != NULL)
    update_graphs (self);
  /* The persistent definition, as `virsh edit` shows it. */
  vw_domain_get_xml_async (self->domain, vw_domain_get_persistent (self->domain), self->cancellable,
                           xml_loaded, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
schedule_reload (VwDomainDetails *self)
{
  if (self->reload_id == 0)
    self->reload_id = g_timeout_add (50, reload_now, self);
}

static void
on_domain_notify (VwDomainDetails *self,
                  GParamSpec      *pspec)
{
  /* Busy flips twice per action; the state change that follows reloads. */
  if (g_str_equal (pspec->name, "busy"))
    return;
  schedule_reload (self);
}

static void
on_xml_apply (VwDomainDetails *self,
              const char      *text,
              VwXmlEditor     *editor);

VwDomain *
vw_domain_details_get_domain (VwDomainDetails *self)
{
  g_return_val_if_fail (VW_IS_DOMAIN_DETAILS (self), NULL);
  return self->domain;
}

void
vw_domain_details_set_domain (VwDomainDetails *self,
                              VwDomain        *domain)
{
  g_return_if_fail (VW_IS_DOMAIN_DETAILS (self));

  if (self->domain == domain)
    return;

  if (self->domain != NULL)
    g_signal_handlers_disconnect_by_data (self->domain, self);
  if (self->stats != NULL)
    {
      vw_domain_stats_set_active (self->stats, FALSE);
      g_signal_handlers_disconnect_by_data (self->stats, self);
      g_clear_object (&self->stats);
    }
  g_clear_pointer (&self->config, vw_domain_config_free);
  g_clear_pointer (&self->xml, g_free);
  vw_xml_editor_set_editing (self->xml_editor, FALSE);
  vw_xml_editor_set_document (self->xml_editor, "");
  show_message (self, NULL);

  g_set_object (&self->domain, domain);
  vw_snapshots_view_set_domain (self->snapshots_view, domain);
  vw_console_page_set_domain (self->console_page, domain);
  if (domain == NULL)
    return;

  g_signal_connect_swapped (domain, "notify", G_CALLBACK (on_domain_notify), self);
  self->stats = vw_domain_stats_new (domain);
  g_signal_connect_swapped (self->stats, "updated", G_CALLBACK (update_graphs), self);
  gtk_check_button_set_active (self->live_check, vw_domain_state_is_active (vw_domain_get_state (domain)));
  gtk_check_button_set_active (self->config_check, vw_domain_get_persistent (domain));
  update_graphs (self);
  update_stats_activity (self);
  reload_now (self);
}

void
vw_domain_details_show_page (VwDomainDetails *self,
                             const char      *name)
{
  g_return_if_fail (VW_IS_DOMAIN_DETAILS (self));
  adw_view_stack_set_visible_child_name (self->stack, name);
}

VwXmlEditor *
vw_domain_details_get_xml_editor (VwDomainDetails *self)
{
  g_return_val_if_fail (VW_IS_DOMAIN_DETAILS (self), NULL);
  return self->xml_editor;
}

/* How many times the XML was read and the pages rebuilt; tests wait on it. */
guint
vw_domain_details_get_n_loads (VwDomainDetails *self)
{
  g_return_val_if_fail (VW_IS_DOMAIN_DETAILS (self), 0);
  return self->n_loads;
}

/* ----- XML editing ----- */

static void
define_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(VwXmlEditor) editor = user_data;
  g_autoptr(GError) error = NULL;

  if (!vw_connection_op_finish (VW_CONNECTION (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        vw_xml_editor_report_failure (editor, error->message);
      return;
    }
  vw_xml_editor_applied (editor);
}

static void
on_xml_apply (VwDomainDetails *self,
              const char      *text,
              VwXmlEditor     *editor)
{
  g_autoptr(VwConnection) connection = self->domain != NULL ? vw_domain_dup_connection (self->domain) : NULL;

  if (connection == NULL)
    return;
  vw_connection_define_domain_async (connection, text, self->cancellable, define_done, g_object_ref (editor));
}

/* ----- GObject ----- */

static void
vw_domain_details_dispose (GObject *object)
{
  VwDomainDetails *self = VW_DOMAIN_DETAILS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  vw_domain_details_set_domain (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), VW_TYPE_DOMAIN_DETAILS);
  vw_widget_unparent_children (GTK_WIDGET (self));

  G_OBJECT_CLASS (vw_domain_details_parent_class)->dispose (object);
}

static void
vw_domain_details_finalize (GObject *object)
{
  VwDomainDetails *self = VW_DOMAIN_DETAILS (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->config, vw_domain_config_free);
  g_free (self->xml);
  g_free (self->message);

  G_OBJECT_CLASS (vw_domain_details_parent_class)->finalize (object);
}

static void
vw_domain_details_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (vw_domain_details_parent_class)->map (widget);
  update_stats_activity (VW_DOMAIN_DETAILS (widget));
}

static void
vw_domain_details_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (vw_domain_details_parent_class)->unmap (widget);
  update_stats_activity (VW_DOMAIN_DETAILS (widget));
}

static void
vw_domain_details_class_init (VwDomainDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vw_domain_details_dispose;
  object_class->finalize = vw_domain_details_finalize;
  widget_class->map = vw_domain_details_map;
  widget_class->unmap = vw_domain_details_unmap;

  g_type_ensure (VW_TYPE_SPARKLINE);
  g_type_ensure (VW_TYPE_XML_EDITOR);
  g_type_ensure (VW_TYPE_SNAPSHOTS_VIEW);
  g_type_ensure (VW_TYPE_CONSOLE_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/vw-domain-details.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "domaindetails");
  gtk_widget_class_bind_template_child (widget_class, VwDomainDetails, name_label);
  gtk_widget_class_bind_template_child (widget_class, VwDomainDetails, state_label);
  gtk_widget_class_bind_template_child (widget_class, VwDomainDetails, stack);
  gtk_widget_class_bind_template_child (widget_class, VwDomainDetails, overview_box);
  gtk_widget_class_bind_template_child (widget_class, VwDomainDetails, devices_box);
  gtk_widget_class_bind_template_child (widget_class, VwDomainDetails, vcpus_spin);
  gtk_widget_class_bind_template_child (widget_class, VwDomainDetails, max_vcpus_spin);
  gtk_widget_class_bind_template_child (widget_class, VwDomainDetails, memory_spin);
  gtk_widget_class_bind_template_child (widget_class, VwDomainDetails, max_memory_spin);
  gtk_widget_class_bind_template_child (widget_class, VwDomainDetails, live_check);
  gtk_widget_class_bind_template_child (widget_class, VwDomainDetails, config_check);
  gtk_widget_class_bind_template_child (widget_class, VwDomainDetails, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, VwDomainDetails, message_label);
  gtk_widget_class_bind_template_child (widget_class, VwDomainDetails, graphs_box);
  gtk_widget_class_bind_template_child (widget_class, VwDomainDetails, no_stats_label);
  gtk_widget_class_bind_template_child_full (widget_class, "cpu_graph", FALSE,
                                             G_STRUCT_OFFSET (VwDomainDetails, graphs[VW_STAT_CPU]));
  gtk_widget_class_bind_template_child_full (widget_class, "memory_graph", FALSE,
                                             G_STRUCT_OFFSET (VwDomainDetails, graphs[VW_STAT_MEMORY]));
  gtk_widget_class_bind_template_child_full (widget_class, "disk_graph", FALSE,
                                             G_STRUCT_OFFSET (VwDomainDetails, graphs[VW_STAT_DISK]));
  gtk_widget_class_bind_template_child_full (widget_class, "network_graph", FALSE,
                                             G_STRUCT_OFFSET (VwDomainDetails, graphs[VW_STAT_NETWORK]));
  gtk_widget_class_bind_template_child_full (widget_class, "cpu_value", FALSE,
                                             G_STRUCT_OFFSET (VwDomainDetails, graph_values[VW_STAT_CPU]));
  gtk_widget_class_bind_template_child_full (widget_class, "memory_value", FALSE,
                                             G_STRUCT_OFFSET (VwDomainDetails, graph_values[VW_STAT_MEMORY]));
  gtk_widget_class_bind_template_child_full (widget_class, "disk_value", FALSE,
                                             G_STRUCT_OFFSET (VwDomainDetails, graph_values[VW_STAT_DISK]));
  gtk_widget_class_bind_template_child_full (widget_class, "network_value", FALSE,
                                             G_STRUCT_OFFSET (VwDomainDetails, graph_values[VW_STAT_NETWORK]));
  gtk_widget_class_bind_template_child (widget_class, VwDomainDetails, xml_editor);
  gtk_widget_class_bind_template_child (widget_class, VwDomainDetails, snapshots_view);
  gtk_widget_class_bind_template_child (widget_class, VwDomainDetails, console_page);
  gtk_widget_class_bind_template_callback (widget_class, update_stats_activity);
  gtk_widget_class_bind_template_callback (widget_class, on_xml_apply);

  gtk_widget_class_install_action (widget_class, "details.apply", "s", apply_action);
}

static void
vw_domain_details_init (VwDomainDetails *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  vw_xml_editor_set_schema (self->xml_editor, "domain", "domain");
}
