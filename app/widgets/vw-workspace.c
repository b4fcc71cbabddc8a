/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-workspace"

#include "vw-workspace.h"

/* The notes and the lab in a resizable split. "view-mode" shows both or one
 * alone; below STACK_BELOW pixels of width the two are stacked vertically,
 * since two 300-pixel columns would not be readable. (libadwaita 1.2 has no
 * breakpoints, so the width is checked on allocation.) */

#define STACK_BELOW 720

struct _VwWorkspace
{
  GtkWidget parent_instance;

  GtkPaned *paned;
  GtkWidget *start_child;
  GtkWidget *end_child;
  char *view_mode;
  int position;
  gboolean stacked;
  guint relayout_id;
};

G_DEFINE_FINAL_TYPE (VwWorkspace, vw_workspace, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_START_CHILD,
  PROP_END_CHILD,
  PROP_VIEW_MODE,
  PROP_POSITION,
  PROP_STACKED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_visibility (VwWorkspace *self)
{
  gboolean notes = g_strcmp0 (self->view_mode, "lab") != 0;
  gboolean lab = g_strcmp0 (self->view_mode, "notes") != 0;

  if (self->start_child != NULL)
    gtk_widget_set_visible (self->start_child, notes);
  if (self->end_child != NULL)
    gtk_widget_set_visible (self->end_child, lab);
}

static void
on_paned_position (VwWorkspace *self)
{
  int position = gtk_paned_get_position (self->paned);

  /* Only the side-by-side split is remembered; the stacked one is always
   * halved when it appears. */
  if (self->stacked || position == self->position || position <= 0)
    return;
  self->position = position;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

static gboolean
relayout (gpointer user_data)
{
  VwWorkspace *self = user_data;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  gboolean stacked = width > 0 && width < STACK_BELOW;

  self->relayout_id = 0;
  if (stacked == self->stacked)
    return G_SOURCE_REMOVE;

  self->stacked = stacked;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->paned),
                                  stacked ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  gtk_paned_set_position (self->paned, stacked ? height / 2 : self->position);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STACKED]);

  return G_SOURCE_REMOVE;
}

static void
vw_workspace_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  VwWorkspace *self = VW_WORKSPACE (widget);
  gboolean stacked = width < STACK_BELOW;

  /* Changing the orientation queues a resize, which must not happen in the
   * middle of an allocation: do it right after. */
  if (stacked != self->stacked && self->relayout_id == 0)
    self->relayout_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, relayout, self, NULL);

  gtk_widget_allocate (GTK_WIDGET (self->paned), width, height, baseline, NULL);
}

static void
vw_workspace_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  VwWorkspace *self = VW_WORKSPACE (widget);

  gtk_widget_measure (GTK_WIDGET (self->paned), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
set_child (VwWorkspace  *self,
           GtkWidget   **slot,
           GtkWidget    *child,
           gboolean      start)
{
  if (*slot == child)
    return;
  *slot = child;
  if (start)
    gtk_paned_set_start_child (self->paned, child);
  else
    gtk_paned_set_end_child (self->paned, child);
  update_visibility (self);
}

void
vw_workspace_set_view_mode (VwWorkspace *self,
                            const char  *mode)
{
  g_return_if_fail (VW_IS_WORKSPACE (self));

  if (g_strcmp0 (mode, "notes") != 0 && g_strcmp0 (mode, "lab") != 0)
    mode = "both";
  if (g_strcmp0 (self->view_mode, mode) == 0)
    return;

  g_free (self->view_mode);
  self->view_mode = g_strdup (mode);
  update_visibility (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW_MODE]);
}

const char *
vw_workspace_get_view_mode (VwWorkspace *self)
{
  g_return_val_if_fail (VW_IS_WORKSPACE (self), NULL);
  return self->view_mode;
}

gboolean
vw_workspace_get_stacked (VwWorkspace *self)
{
  g_return_val_if_fail (VW_IS_WORKSPACE (self), FALSE);
  return self->stacked;
}

static void
vw_workspace_dispose (GObject *object)
{
  VwWorkspace *self = VW_WORKSPACE (object);

  g_clear_handle_id (&self->relayout_id, g_source_remove);
  if (self->paned != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->paned));
      self->paned = NULL;
    }
  self->start_child = NULL;
  self->end_child = NULL;

  G_OBJECT_CLASS (vw_workspace_parent_class)->dispose (object);
}

static void
vw_workspace_finalize (GObject *object)
{
  VwWorkspace *self = VW_WORKSPACE (object);

  g_free (self->view_mode);

  G_OBJECT_CLASS (vw_workspace_parent_class)->finalize (object);
}

static void
vw_workspace_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  VwWorkspace *self = VW_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_START_CHILD:
      g_value_set_object (value, self->start_child);
      break;
    case PROP_END_CHILD:
      g_value_set_object (value, self->end_child);
      break;
    case PROP_VIEW_MODE:
      g_value_set_string (value, self->view_mode);
      break;
    case PROP_POSITION:
      g_value_set_int (value, self->position);
      break;
    case PROP_STACKED:
      g_value_set_boolean (value, self->stacked);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vw_workspace_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  VwWorkspace *self = VW_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_START_CHILD:
      set_child (self, &self->start_child, g_value_get_object (value), TRUE);
      break;
    case PROP_END_CHILD:
      set_child (self, &self->end_child, g_value_get_object (value), FALSE);
      break;
    case PROP_VIEW_MODE:
      vw_workspace_set_view_mode (self, g_value_get_string (value));
      break;
    case PROP_POSITION:
      if (self->position != g_value_get_int (value))
        {
          self->position = g_value_get_int (value);
          if (!self->stacked)
            gtk_paned_set_position (self->paned, self->position);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vw_workspace_class_init (VwWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vw_workspace_dispose;
  object_class->finalize = vw_workspace_finalize;
  object_class->get_property = vw_workspace_get_property;
  object_class->set_property = vw_workspace_set_property;
  widget_class->measure = vw_workspace_measure;
  widget_class->size_allocate = vw_workspace_size_allocate;

  properties[PROP_START_CHILD] =
    g_param_spec_object ("start-child", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_END_CHILD] =
    g_param_spec_object ("end-child", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VIEW_MODE] =
    g_param_spec_string ("view-mode", NULL, NULL, "both",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POSITION] =
    g_param_spec_int ("position", NULL, NULL, 0, G_MAXINT, 560,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STACKED] =
    g_param_spec_boolean ("stacked", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_css_name (widget_class, "workspace");
}

static void
vw_workspace_init (VwWorkspace *self)
{
  self->view_mode = g_strdup ("both");
  self->position = 560;
  self->paned = GTK_PANED (gtk_paned_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_paned_set_shrink_start_child (self->paned, FALSE);
  gtk_paned_set_shrink_end_child (self->paned, FALSE);
  gtk_paned_set_position (self->paned, self->position);
  gtk_widget_set_parent (GTK_WIDGET (self->paned), GTK_WIDGET (self));
  g_signal_connect_swapped (self->paned, "notify::position", G_CALLBACK (on_paned_position), self);
}
