/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-snapshot-list"

#include <libvirt/libvirt.h>

#include "vw-domain-private.h"
#include "vw-snapshot-list.h"
#include "vw-virt.h"
#include "vw-xml-read.h"

/* A domain's snapshots as a flat list in tree order: each snapshot is
 * followed by its children (oldest first), with its depth for indenting.
 * libvirt has no snapshot events, so the list is read again whenever the
 * domain is (after each of its events and each operation on it). */
struct _VwSnapshotList
{
  GObject parent_instance;

  VwDomain *domain;
  GListStore *store;
  GCancellable *cancellable;
  gboolean loaded;
  char *error;
  gboolean again;
};

G_DEFINE_FINAL_TYPE (VwSnapshotList, vw_snapshot_list, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LOADED,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static VwSnapshotInfo *
read_one (virDomainSnapshotPtr snap)
{
  VwSnapshotInfo *info = g_new0 (VwSnapshotInfo, 1);
  virDomainSnapshotPtr parent = virDomainSnapshotGetParent (snap, 0);
  char *xml = virDomainSnapshotGetXMLDesc (snap, 0);
  g_autoptr(VwXmlRead) doc = vw_xml_read_new (xml);

  info->name = g_strdup (virDomainSnapshotGetName (snap));
  if (parent != NULL)
    {
      info->parent = g_strdup (virDomainSnapshotGetName (parent));
      virDomainSnapshotFree (parent);
    }
  info->current = virDomainSnapshotIsCurrent (snap, 0) == 1;
  if (doc != NULL)
    {
      g_autofree char *memory = vw_xml_read_string (doc, "/domainsnapshot/memory/@snapshot");

      info->description = vw_xml_read_string (doc, "/domainsnapshot/description");
      info->state = vw_xml_read_string (doc, "/domainsnapshot/state");
      info->created = (gint64) vw_xml_read_u64_at (doc, NULL, "/domainsnapshot/creationTime");
      info->external = g_strcmp0 (memory, "external") == 0
                       || vw_xml_read_exists (doc, "/domainsnapshot/disks/disk[@snapshot='external']");
    }
  free (xml);
  virResetLastError ();
  return info;
}

static int
compare_infos (gconstpointer a,
               gconstpointer b)
{
  const VwSnapshotInfo *x = *(VwSnapshotInfo * const *) a;
  const VwSnapshotInfo *y = *(VwSnapshotInfo * const *) b;

  if (x->created != y->created)
    return x->created < y->created ? -1 : 1;
  return g_strcmp0 (x->name, y->name);
}

static void
add_subtree (GPtrArray      *ordered,
             GPtrArray      *all,
             VwSnapshotInfo *node,
             guint           depth)
{
  if (g_ptr_array_find (ordered, node, NULL))
    return;
  node->depth = depth;
  g_ptr_array_add (ordered, node);
  for (guint i = 0; i < all->len; i++)
    {
      VwSnapshotInfo *child = all->pdata[i];

      if (child->parent != NULL && g_strcmp0 (child->parent, node->name) == 0)
        {
          node->n_children++;
          add_subtree (ordered, all, child, depth + 1);
        }
    }
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  virDomainPtr dom = task_data;
  virDomainSnapshotPtr *snaps = NULL;
  int n = virDomainListAllSnapshots (dom, &snaps, 0);
  g_autoptr(GPtrArray) all = NULL;
  GPtrArray *ordered;
  GError *error = NULL;

  if (n < 0)
    {
      vw_virt_set_error (&error, NULL);
      g_task_return_error (task, error);
      return;
    }

  all = g_ptr_array_new_with_free_func ((GDestroyNotify) vw_snapshot_info_free);
  for (int i = 0; i < n; i++)
    {
      g_ptr_array_add (all, read_one (snaps[i]));
      virDomainSnapshotFree (snaps[i]);
    }
  free (snaps);
  g_ptr_array_sort (all, compare_infos);

  /* Roots first, each followed by its subtree; a snapshot whose parent
   * is not listed (a race with a deletion) counts as a root. */
  ordered = g_ptr_array_new_with_free_func ((GDestroyNotify) vw_snapshot_info_free);
  for (guint i = 0; i < all->len; i++)
    {
      VwSnapshotInfo *info = all->pdata[i];

      if (info->parent == NULL)
        add_subtree (ordered, all, info, 0);
    }
  for (guint i = 0; i < all->len; i++)
    if (!g_ptr_array_find (ordered, all->pdata[i], NULL))
      add_subtree (ordered, all, all->pdata[i], 0);

  /* The infos now belong to @ordered. */
  g_ptr_array_set_free_func (all, NULL);
  g_task_return_pointer (task, ordered, (GDestroyNotify) g_ptr_array_unref);
}

static void
set_error (VwSnapshotList *self,
           const char     *message)
{
  if (g_strcmp0 (self->error, message) == 0)
    return;
  g_free (self->error);
  self->error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

/* Whether a fresh read shows what the list already holds: a reread that
 * finds nothing new leaves the rows alone (and the learner's focus). */
static gboolean
same_as_shown (VwSnapshotList *self,
               GPtrArray      *infos)
{
  GListModel *model = G_LIST_MODEL (self->store);

  if (g_list_model_get_n_items (model) != infos->len)
    return FALSE;
  for (guint i = 0; i < infos->len; i++)
    {
      g_autoptr(VwSnapshot) shown = g_list_model_get_item (model, i);
      VwSnapshotInfo *info = infos->pdata[i];

      if (g_strcmp0 (vw_snapshot_get_name (shown), info->name) != 0
          || g_strcmp0 (vw_snapshot_get_parent (shown), info->parent) != 0
          || g_strcmp0 (vw_snapshot_get_description (shown), info->description) != 0
          || vw_snapshot_get_current (shown) != info->current
          || vw_snapshot_get_depth (shown) != info->depth
          || vw_snapshot_get_n_children (shown) != info->n_children)
        return FALSE;
    }
  return TRUE;
}

static void
load_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  VwSnapshotList *self = VW_SNAPSHOT_LIST (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) infos = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(GPtrArray) snapshots = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);

  if (infos == NULL)
    set_error (self, error->message);
  else if (!same_as_shown (self, infos))
    {
      snapshots = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < infos->len; i++)
        g_ptr_array_add (snapshots, vw_snapshot_new (infos->pdata[i]));
      g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                           snapshots->pdata, snapshots->len);
      set_error (self, NULL);
    }
  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }
  if (self->again)
    {
      self->again = FALSE;
      vw_snapshot_list_reload (self);
    }
}

static void
free_virdomain (gpointer dom)
{
  virDomainFree (dom);
}

/* Reads the list again; a reload asked for while one runs follows it. */
void
vw_snapshot_list_reload (VwSnapshotList *self)
{
  g_autoptr(GTask) task = NULL;
  virDomainPtr dom;

  g_return_if_fail (VW_IS_SNAPSHOT_LIST (self));

  if (self->cancellable != NULL)
    {
      self->again = TRUE;
      return;
    }
  dom = vw_domain_ref_virdomain (self->domain);
  if (dom == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, load_done, NULL);
  g_task_set_task_data (task, dom, free_virdomain);
  g_task_run_in_thread (task, load_thread);
}

static void
domain_refreshed (VwSnapshotList *self)
{
  vw_snapshot_list_reload (self);
}

static void
vw_snapshot_list_dispose (GObject *object)
{
  VwSnapshotList *self = VW_SNAPSHOT_LIST (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->domain != NULL)
    g_signal_handlers_disconnect_by_data (self->domain, self);
  g_clear_object (&self->domain);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (vw_snapshot_list_parent_class)->dispose (object);
}

static void
vw_snapshot_list_finalize (GObject *object)
{
  g_free (VW_SNAPSHOT_LIST (object)->error);

  G_OBJECT_CLASS (vw_snapshot_list_parent_class)->finalize (object);
}

static void
vw_snapshot_list_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  VwSnapshotList *self = VW_SNAPSHOT_LIST (object);

  switch (prop_id)
    {
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vw_snapshot_list_class_init (VwSnapshotListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = vw_snapshot_list_dispose;
  object_class->finalize = vw_snapshot_list_finalize;
  object_class->get_property = vw_snapshot_list_get_property;

  properties[PROP_LOADED] = g_param_spec_boolean ("loaded", NULL, NULL, FALSE, flags);
  properties[PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vw_snapshot_list_init (VwSnapshotList *self)
{
  self->store = g_list_store_new (VW_TYPE_SNAPSHOT);
}

/* Starts reading @domain's snapshots at once. */
VwSnapshotList *
vw_snapshot_list_new (VwDomain *domain)
{
  VwSnapshotList *self;

  g_return_val_if_fail (VW_IS_DOMAIN (domain), NULL);

  self = g_object_new (VW_TYPE_SNAPSHOT_LIST, NULL);
  self->domain = g_object_ref (domain);
  g_signal_connect_swapped (domain, "refreshed", G_CALLBACK (domain_refreshed), self);
  vw_snapshot_list_reload (self);
  return self;
}

VwDomain *
vw_snapshot_list_get_domain (VwSnapshotList *self)
{
  g_return_val_if_fail (VW_IS_SNAPSHOT_LIST (self), NULL);
  return self->domain;
}

/* Returns: (transfer none): the VwSnapshot objects in tree order */
GListModel *
vw_snapshot_list_get_model (VwSnapshotList *self)
{
  g_return_val_if_fail (VW_IS_SNAPSHOT_LIST (self), NULL);
  return G_LIST_MODEL (self->store);
}

gboolean
vw_snapshot_list_get_loaded (VwSnapshotList *self)
{
  g_return_val_if_fail (VW_IS_SNAPSHOT_LIST (self), FALSE);
  return self->loaded;
}

/* The last read's error, or %NULL. */
const char *
vw_snapshot_list_get_error (VwSnapshotList *self)
{
  g_return_val_if_fail (VW_IS_SNAPSHOT_LIST (self), NULL);
  return self->error;
}

/* Returns: (transfer none) (nullable) */
VwSnapshot *
vw_snapshot_list_find (VwSnapshotList *self,
                       const char     *name)
{
  GListModel *model = G_LIST_MODEL (self->store);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(VwSnapshot) snapshot = g_list_model_get_item (model, i);

      if (g_strcmp0 (vw_snapshot_get_name (snapshot), name) == 0)
        return snapshot;
    }
  return NULL;
}
