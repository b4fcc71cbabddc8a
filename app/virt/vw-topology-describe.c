/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-topology"

#include <glib/gi18n.h>

#include "vw-topology-private.h"

/* The graph in words: what a node is and what it is joined to, for a
 * learner (the picture's tooltips), the whole lab for a screen reader, and
 * the label of a network's mode. */

/* The names of the machines an edge of @kind joins to node @to, or the
 * nodes a machine or volume @from is joined to, at most a few. */
static char *
list_ends (VwTopology         *self,
           VwTopologyEdgeKind  kind,
           gboolean            from_side,
           guint               index)
{
  g_autoptr(GString) text = g_string_new (NULL);
  VwTopologyKind end_kind = VW_TOPOLOGY_KIND_VOLUME;
  guint n = 0;

  if (kind != VW_TOPOLOGY_EDGE_BACKING)
    end_kind = from_side ? VW_TOPOLOGY_KIND_MACHINE
               : kind == VW_TOPOLOGY_EDGE_NETWORK ? VW_TOPOLOGY_KIND_NETWORK
               : VW_TOPOLOGY_KIND_VOLUME;
  for (guint i = 0; i < self->edges->len; i++)
    {
      VwTopologyEdge *e = &g_array_index (self->edges, VwTopologyEdge, i);
      guint other = from_side ? e->from : e->to;

      if (e->kind != kind || (from_side ? e->to : e->from) != index)
        continue;
      if (n++ < 6)
        {
          /* Every node struct starts with a name, but networks. */
          const char *name = end_kind == VW_TOPOLOGY_KIND_NETWORK
                             ? NODE (self, VwTopologyNetwork, end_kind, other)->name
                             : end_kind == VW_TOPOLOGY_KIND_MACHINE
                             ? NODE (self, VwTopologyMachine, end_kind, other)->name
                             : NODE (self, VwTopologyVolume, end_kind, other)->name;

          g_string_append_printf (text, "%s%s", n > 1 ? ", " : "", name);
          if (e->target != NULL)
            g_string_append_printf (text, " (%s%s)", e->target,
                                    e->readonly ? _(", read-only") : "");
        }
    }
  if (n > 6)
    /* Translators: after a list of names, "web01, db01, … and 12 more" */
    g_string_append_printf (text, _(" and %u more"), n - 6);
  return n > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static const char *
network_mode (const VwTopologyNetwork *n)
{
  static const struct { const char *mode, *label; } modes[] = {
    { "nat", N_("NAT") }, { "route", N_("Routed") }, { "open", N_("Open") },
    { "bridge", N_("Bridged") }, { "isolated", N_("Isolated") },
  };

  if (n->kind == VW_TOPOLOGY_NET_HOST_BRIDGE)
    return _("Host bridge");
  if (n->kind == VW_TOPOLOGY_NET_HOST_DEVICE)
    return _("Direct (macvtap)");
  if (n->kind == VW_TOPOLOGY_NET_USER)
    return _("User-mode");
  if (!n->defined)
    return _("Not defined");
  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    if (g_strcmp0 (n->mode, modes[i].mode) == 0)
      return _(modes[i].label);
  return n->mode;
}

/* What the mode means for the machines on it: the lesson of the picture. */
static const char *
network_lesson (const VwTopologyNetwork *n)
{
  if (n->kind == VW_TOPOLOGY_NET_HOST_DEVICE)
    return _("Machines share a device of the host and appear on its LAN, "
             "but cannot reach the host itself this way.");
  if (n->kind == VW_TOPOLOGY_NET_USER)
    return _("QEMU translates the addresses itself: nothing to set up, "
             "but slow, and the host cannot reach the machines.");
  if (!n->defined)
    return _("A machine names this network, but libvirt has none by that name: "
             "the machine cannot start.");
  if (n->kind == VW_TOPOLOGY_NET_HOST_BRIDGE || g_strcmp0 (n->mode, "bridge") == 0)
    return _("Machines sit directly on the host's LAN, as if plugged into its switch.");
  if (g_strcmp0 (n->mode, "nat") == 0)
    return _("Machines reach the outside through the host, "
             "which hides them behind its own address.");
  if (g_strcmp0 (n->mode, "route") == 0 || g_strcmp0 (n->mode, "open") == 0)
    return _("Machines reach the outside through the host, which routes their own addresses.");
  if (g_strcmp0 (n->mode, "isolated") == 0)
    return _("Machines reach each other and the host, but nothing beyond it.");
  return _("Machines reach the outside through a device of the host.");
}

const char *
vw_topology_network_get_mode_label (const VwTopologyNetwork *network)
{
  return network_mode (network);
}

char *
vw_topology_describe (VwTopology     *self,
                      VwTopologyKind  kind,
                      guint           index)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  g_return_val_if_fail (VW_IS_TOPOLOGY (self), NULL);
  g_return_val_if_fail (index < vw_topology_get_n_nodes (self, kind), NULL);

  if (kind == VW_TOPOLOGY_KIND_NETWORK)
    {
      const VwTopologyNetwork *n = NODE (self, VwTopologyNetwork, kind, index);

      a = list_ends (self, VW_TOPOLOGY_EDGE_NETWORK, TRUE, index);
      g_string_append_printf (text, "%s — %s\n%s", n->name, network_mode (n), network_lesson (n));
      if (n->kind == VW_TOPOLOGY_NET_LIBVIRT && n->defined)
        g_string_append_printf (text, "\n%s · %s%s%s", n->active ? _("Active") : _("Inactive"),
                                n->subnet != NULL ? n->subnet : _("no IPv4 subnet"),
                                n->bridge != NULL ? " · " : "",
                                n->bridge != NULL ? n->bridge : "");
      g_string_append_printf (text, "\n%s %s", _("Machines:"), a != NULL ? a : _("none"));
    }
  else if (kind == VW_TOPOLOGY_KIND_MACHINE)
    {
      const VwTopologyMachine *m = NODE (self, VwTopologyMachine, kind, index);

      g_string_append_printf (text, "%s — %s", m->name, vw_domain_state_get_label (m->state));
      if (!m->config_read)
        g_string_append_printf (text, "\n%s", _("Reading its devices…"));
      else
        {
          a = list_ends (self, VW_TOPOLOGY_EDGE_NETWORK, FALSE, index);
          b = list_ends (self, VW_TOPOLOGY_EDGE_DISK, FALSE, index);
          g_string_append_printf (text, "\n%s %s\n%s %s", _("Networks:"), a != NULL ? a : _("none"),
                                  _("Disks:"), b != NULL ? b : _("none"));
        }
    }
  else if (kind == VW_TOPOLOGY_KIND_POOL)
    {
      const VwTopologyPool *p = NODE (self, VwTopologyPool, kind, index);
      guint n = 0;

      for (guint i = 0; i < self->nodes[VW_TOPOLOGY_KIND_VOLUME]->len; i++)
        n += NODE (self, VwTopologyVolume, VW_TOPOLOGY_KIND_VOLUME, i)->pool == (int) index;
      /* Translators: "default — storage pool of type dir" */
      g_string_append_printf (text, _("%s — storage pool of type %s"), p->name,
                              p->type != NULL ? p->type : "?");
      g_string_append_c (text, '\n');
      if (p->active)
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "Active, %u volume",
                                                   "Active, %u volumes", n), n);
      else
        g_string_append (text, _("Inactive: libvirt lists its volumes once it is started"));
    }
  else
    {
      const VwTopologyVolume *v = NODE (self, VwTopologyVolume, kind, index);

      a = list_ends (self, VW_TOPOLOGY_EDGE_DISK, TRUE, index);
      g_string_append_printf (text, "%s — %s\n%s", v->name,
                              v->pool >= 0 ? NODE (self, VwTopologyPool, VW_TOPOLOGY_KIND_POOL,
                                                   v->pool)->name
                                           : _("a file in no pool"), v->path);
      if (v->format != NULL)
        g_string_append_printf (text, " (%s)", v->format);
      g_string_append_printf (text, "\n%s %s", _("Used by:"), a != NULL ? a : _("no machine"));
      g_clear_pointer (&a, g_free);
      if ((a = list_ends (self, VW_TOPOLOGY_EDGE_BACKING, FALSE, index)) != NULL)
        g_string_append_printf (text, "\n%s %s", _("Overlay on:"), a);
      if ((b = list_ends (self, VW_TOPOLOGY_EDGE_BACKING, TRUE, index)) != NULL)
        g_string_append_printf (text, "\n%s %s", _("Backing image of:"), b);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
vw_topology_summarize (VwTopology *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  GArray *networks = self->nodes[VW_TOPOLOGY_KIND_NETWORK];

  g_return_val_if_fail (VW_IS_TOPOLOGY (self), NULL);

  /* Translators: counts, for a screen reader */
  g_string_append_printf (text, _("Networks: %u. Machines: %u. Storage pools: %u."), networks->len,
                          self->nodes[VW_TOPOLOGY_KIND_MACHINE]->len,
                          self->nodes[VW_TOPOLOGY_KIND_POOL]->len);
  for (guint i = 0; i < MIN (networks->len, 12); i++)
    {
      const VwTopologyNetwork *n = NODE (self, VwTopologyNetwork, VW_TOPOLOGY_KIND_NETWORK, i);
      g_autofree char *machines = list_ends (self, VW_TOPOLOGY_EDGE_NETWORK, TRUE, i);

      /* Translators: "default (NAT) reaches the outside: web01, db01." */
      g_string_append_printf (text,
                              n->reaches_outside ? _(" %s (%s) reaches the outside: %s.")
                                                 : _(" %s (%s) does not reach the outside: %s."),
                              n->name, network_mode (n),
                              machines != NULL ? machines : _("no machines"));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}
