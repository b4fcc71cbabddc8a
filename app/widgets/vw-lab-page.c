/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-lab-page"

#include "config.h"

#include <glib/gi18n.h>

#include "vw-connection.h"
#include "vw-domain-row.h"
#include "vw-lab-page.h"
#include "vw-sandbox.h"
#include "vw-virt-enums.h"
#include "vw-widget-util.h"

/* The lab pane: the machines of one libvirt connection, sorted by name,
 * with lifecycle actions on the selected one. A URI that cannot be opened
 * is reported here and the sandbox lab opens instead, so the learner always
 * has a lab to work on. */
struct _VwLabPage
{
  GtkWidget parent_instance;

  VwConnection *connection;
  GCancellable *cancellable;
  char *pending_domain;
  VwDomain *watched;
  gulong watched_id;

  GtkLabel *connection_title;
  GtkLabel *connection_uri;
  GtkWidget *suspend_button;
  GtkWidget *resume_button;
  GtkStack *stack;
  GtkListView *list_view;
  GtkSingleSelection *selection;
  GtkSortListModel *sorted;
  GtkRevealer *message_revealer;
  GtkLabel *message_label;
  AdwStatusPage *failed_page;
};

G_DEFINE_FINAL_TYPE (VwLabPage, vw_lab_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONNECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct {
  const char *name;
  VwDomainAction action;
} lab_actions[] = {
  { "lab.start", VW_DOMAIN_ACTION_START },
  { "lab.shutdown", VW_DOMAIN_ACTION_SHUTDOWN },
  { "lab.destroy", VW_DOMAIN_ACTION_DESTROY },
  { "lab.suspend", VW_DOMAIN_ACTION_SUSPEND },
  { "lab.resume", VW_DOMAIN_ACTION_RESUME },
};

static void
show_message (VwLabPage  *self,
              const char *message)
{
  gtk_label_set_label (self->message_label, message);
  gtk_revealer_set_reveal_child (self->message_revealer, message != NULL);
}

/* The message shown above the list, or %NULL; tests read it. */
const char *
vw_lab_page_get_message (VwLabPage *self)
{
  g_return_val_if_fail (VW_IS_LAB_PAGE (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->message_revealer))
    return NULL;
  return gtk_label_get_label (self->message_label);
}

static void
dismiss_message_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  show_message (VW_LAB_PAGE (widget), NULL);
}

VwDomain *
vw_lab_page_get_selected_domain (VwLabPage *self)
{
  g_return_val_if_fail (VW_IS_LAB_PAGE (self), NULL);
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
update_actions (VwLabPage *self)
{
  VwDomain *domain = vw_lab_page_get_selected_domain (self);
  gboolean paused;

  for (guint i = 0; i < G_N_ELEMENTS (lab_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), lab_actions[i].name,
                                   domain != NULL && vw_domain_can (domain, lab_actions[i].action));

  /* Pause and Resume share a place in the action bar. */
  paused = domain != NULL && vw_domain_get_state (domain) == VW_DOMAIN_STATE_PAUSED;
  gtk_widget_set_visible (self->suspend_button, !paused);
  gtk_widget_set_visible (self->resume_button, paused);
}

static void
on_selection_changed (VwLabPage *self)
{
  VwDomain *domain = vw_lab_page_get_selected_domain (self);

  if (self->watched != domain)
    {
      if (self->watched != NULL)
        g_clear_signal_handler (&self->watched_id, self->watched);
      g_set_object (&self->watched, domain);
      if (domain != NULL)
        self->watched_id = g_signal_connect_swapped (domain, "notify", G_CALLBACK (update_actions), self);
    }
  update_actions (self);
}

static void
update_stack (VwLabPage *self)
{
  VwConnectionStatus status;
  guint n;

  if (self->connection == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "connecting");
      return;
    }

  status = vw_connection_get_status (self->connection);
  n = g_list_model_get_n_items (vw_connection_get_domains (self->connection));

  if (status == VW_CONNECTION_STATUS_FAILED)
    {
      adw_status_page_set_description (self->failed_page,
                                       vw_connection_get_error_message (self->connection));
      gtk_stack_set_visible_child_name (self->stack, "failed");
    }
  else if (status != VW_CONNECTION_STATUS_CONNECTED && n == 0)
    gtk_stack_set_visible_child_name (self->stack, "connecting");
  else if (n == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->stack, "machines");
}

static gboolean
select_by_name (VwLabPage  *self,
                const char *name)
{
  GListModel *model = G_LIST_MODEL (self->sorted);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VwDomain) domain = g_list_model_get_item (model, i);

      if (g_strcmp0 (vw_domain_get_name (domain), name) == 0)
        {
          gtk_single_selection_set_selected (self->selection, i);
          gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", i);
          return TRUE;
        }
    }
  return FALSE;
}

static void
report_missing_domain (VwLabPage  *self,
                       const char *name)
{
  g_autofree char *message = NULL;

  message = g_strdup_printf (_("No machine is called “%s” on %s."), name,
                             vw_connection_get_title (self->connection));
  show_message (self, message);
  g_printerr ("%s\n", message);
}

void
vw_lab_page_select_domain (VwLabPage  *self,
                           const char *name)
{
  g_return_if_fail (VW_IS_LAB_PAGE (self));
  g_return_if_fail (name != NULL);

  if (self->connection == NULL
      || vw_connection_get_status (self->connection) != VW_CONNECTION_STATUS_CONNECTED)
    {
      /* Selected once the list is in. */
      g_free (self->pending_domain);
      self->pending_domain = g_strdup (name);
      return;
    }

  if (!select_by_name (self, name))
    report_missing_domain (self, name);
}

static void set_connection (VwLabPage    *self,
                            VwConnection *connection);

static void
open_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  VwConnection *connection = VW_CONNECTION (object);
  g_autoptr(VwLabPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!vw_connection_open_finish (connection, result, &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || connection != self->connection)
        return;

      if (!vw_sandbox_is_uri (vw_connection_get_uri (connection)))
        {
          g_autofree char *sandbox = vw_sandbox_get_uri ();

          message = g_strdup_printf (_("Could not connect to %s: %s. The sandbox lab is open instead."),
                                     vw_connection_get_uri (connection), error->message);
          g_printerr ("%s\n", message);
          vw_lab_page_connect (self, sandbox);
          show_message (self, message);
          return;
        }

      message = g_strdup_printf (_("Could not open the sandbox lab: %s"), error->message);
      g_printerr ("%s\n", message);
      update_stack (self);
      return;
    }

  if (connection != self->connection)
    return;

  update_stack (self);
  if (self->pending_domain != NULL)
    {
      g_autofree char *name = g_steal_pointer (&self->pending_domain);

      vw_lab_page_select_domain (self, name);
    }
}

static void
set_connection (VwLabPage    *self,
                VwConnection *connection)
{
  if (self->connection != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->connection, self);
      g_signal_handlers_disconnect_by_data (vw_connection_get_domains (self->connection), self);
      vw_connection_close (self->connection);
    }

  g_set_object (&self->connection, connection);
  gtk_sort_list_model_set_model (self->sorted,
                                 connection != NULL ? vw_connection_get_domains (connection) : NULL);

  if (connection != NULL)
    {
      g_signal_connect_swapped (connection, "notify::status", G_CALLBACK (update_stack), self);
      g_signal_connect_swapped (vw_connection_get_domains (connection), "items-changed",
                                G_CALLBACK (update_stack), self);
      gtk_label_set_label (self->connection_title, vw_connection_get_title (connection));
      gtk_label_set_label (self->connection_uri, vw_connection_get_uri (connection));
    }

  update_stack (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTION]);
}

/**
 * vw_lab_page_connect:
 * @uri: (nullable): a libvirt URI, or %NULL for the sandbox lab
 */
void
vw_lab_page_connect (VwLabPage  *self,
                     const char *uri)
{
  g_autofree char *sandbox = NULL;
  g_autoptr(VwConnection) connection = NULL;

  g_return_if_fail (VW_IS_LAB_PAGE (self));

  if (uri == NULL)
    uri = sandbox = vw_sandbox_get_uri ();

  show_message (self, NULL);
  connection = vw_connection_new (uri);
  set_connection (self, connection);
  vw_connection_open_async (connection, self->cancellable, open_done, g_object_ref (self));
}

VwConnection *
vw_lab_page_get_connection (VwLabPage *self)
{
  g_return_val_if_fail (VW_IS_LAB_PAGE (self), NULL);
  return self->connection;
}

typedef struct
{
  VwLabPage *self;
  VwDomainAction action;
} RunContext;

static void
run_done (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  VwDomain *domain = VW_DOMAIN (object);
  g_autofree RunContext *context = user_data;
  g_autoptr(VwLabPage) self = context->self;
  g_autoptr(GError) error = NULL;

  if (!vw_domain_op_finish (domain, result, &error))
    {
      g_autofree char *what = NULL;
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      what = vw_domain_action_describe_failure (context->action, vw_domain_get_name (domain));
      message = g_strdup_printf ("%s: %s", what, error->message);
      show_message (self, message);
    }
  update_actions (self);
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  VwLabPage *self = VW_LAB_PAGE (widget);
  VwDomain *domain = vw_lab_page_get_selected_domain (self);

  if (domain == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (lab_actions); i++)
    {
      RunContext *context;

      if (g_strcmp0 (action_name, lab_actions[i].name) != 0)
        continue;

      context = g_new0 (RunContext, 1);
      context->self = g_object_ref (self);
      context->action = lab_actions[i].action;
      show_message (self, NULL);
      vw_domain_run_async (domain, context->action, self->cancellable, run_done, context);
      update_actions (self);
      return;
    }
}

static void
setup_row (GtkListItemFactory *factory,
           GtkListItem        *item,
           gpointer            user_data)
{
  gtk_list_item_set_child (item, vw_domain_row_new ());
}

static void
bind_row (GtkListItemFactory *factory,
          GtkListItem        *item,
          gpointer            user_data)
{
  vw_domain_row_set_domain (VW_DOMAIN_ROW (gtk_list_item_get_child (item)),
                            gtk_list_item_get_item (item));
}

static void
unbind_row (GtkListItemFactory *factory,
            GtkListItem        *item,
            gpointer            user_data)
{
  vw_domain_row_set_domain (VW_DOMAIN_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  VwLabPage *self = VW_LAB_PAGE (widget);

  vw_lab_page_connect (self, self->connection != NULL ? vw_connection_get_uri (self->connection) : NULL);
}

static void
vw_lab_page_dispose (GObject *object)
{
  VwLabPage *self = VW_LAB_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->watched != NULL)
    g_clear_signal_handler (&self->watched_id, self->watched);
  g_clear_object (&self->watched);
  if (self->connection != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->connection, self);
      g_signal_handlers_disconnect_by_data (vw_connection_get_domains (self->connection), self);
      g_clear_object (&self->connection);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), VW_TYPE_LAB_PAGE);
  vw_widget_unparent_children (GTK_WIDGET (self));

  G_OBJECT_CLASS (vw_lab_page_parent_class)->dispose (object);
}

static void
vw_lab_page_finalize (GObject *object)
{
  VwLabPage *self = VW_LAB_PAGE (object);

  g_clear_object (&self->cancellable);
  g_free (self->pending_domain);

  G_OBJECT_CLASS (vw_lab_page_parent_class)->finalize (object);
}

static void
vw_lab_page_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  VwLabPage *self = VW_LAB_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      g_value_set_object (value, self->connection);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vw_lab_page_class_init (VwLabPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vw_lab_page_dispose;
  object_class->finalize = vw_lab_page_finalize;
  object_class->get_property = vw_lab_page_get_property;

  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL, VW_TYPE_CONNECTION,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (VW_TYPE_DOMAIN);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/vw-lab-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "labpage");
  gtk_widget_class_bind_template_child (widget_class, VwLabPage, connection_title);
  gtk_widget_class_bind_template_child (widget_class, VwLabPage, connection_uri);
  gtk_widget_class_bind_template_child (widget_class, VwLabPage, suspend_button);
  gtk_widget_class_bind_template_child (widget_class, VwLabPage, resume_button);
  gtk_widget_class_bind_template_child (widget_class, VwLabPage, stack);
  gtk_widget_class_bind_template_child (widget_class, VwLabPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, VwLabPage, selection);
  gtk_widget_class_bind_template_child (widget_class, VwLabPage, sorted);
  gtk_widget_class_bind_template_child (widget_class, VwLabPage, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, VwLabPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, VwLabPage, failed_page);
  gtk_widget_class_bind_template_callback (widget_class, setup_row);
  gtk_widget_class_bind_template_callback (widget_class, bind_row);
  gtk_widget_class_bind_template_callback (widget_class, unbind_row);
  gtk_widget_class_bind_template_callback (widget_class, on_selection_changed);

  for (guint i = 0; i < G_N_ELEMENTS (lab_actions); i++)
    gtk_widget_class_install_action (widget_class, lab_actions[i].name, NULL, run_action);
  gtk_widget_class_install_action (widget_class, "lab.dismiss-message", NULL, dismiss_message_action);
  gtk_widget_class_install_action (widget_class, "lab.retry", NULL, retry_action);
}

static void
vw_lab_page_init (VwLabPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  update_actions (self);
  update_stack (self);
}
