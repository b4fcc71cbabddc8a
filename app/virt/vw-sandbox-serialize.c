/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-sandbox-serialize"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "vw-sandbox.h"
#include "vw-sandbox-serialize.h"
#include "vw-virt.h"
#include "vw-xml-read.h"

/* A test-driver connection's whole state as a node file the test driver
 * loads back, and the part of it a node file cannot hold (a <vw:state>
 * element of ours) applied after opening. Everything here runs in worker
 * threads and builds XML with libxml2. */

#define TEST_NS "http://libvirt.org/schemas/domain/test/1.0"
#define VW_NS "https://virtworkbench.org/xmlns/sandbox/1.0"

/* ----- Serializing, in a worker thread ----- */

static xmlNode *
import_xml (xmlNode     *parent,
            const char  *xml,
            GError     **error)
{
  xmlDoc *doc = xmlReadMemory (xml, (int) strlen (xml), "object.xml", NULL,
                               XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOBLANKS);
  xmlNode *copy;

  if (doc == NULL || xmlDocGetRootElement (doc) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("libvirt returned unreadable XML"));
      xmlFreeDoc (doc);
      return NULL;
    }
  copy = xmlDocCopyNode (xmlDocGetRootElement (doc), parent->doc, 1);
  xmlAddChild (parent, copy);
  xmlFreeDoc (doc);
  return copy;
}

static gboolean
add_snapshots (xmlNode      *dom_node,
               xmlNs        *test_ns,
               virDomainPtr  dom,
               GError      **error)
{
  virDomainSnapshotPtr *snaps = NULL;
  int n = virDomainListAllSnapshots (dom, &snaps, VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL);
  gboolean ok = TRUE;

  if (n < 0)
    {
      virResetLastError ();
      return TRUE;
    }

  for (int i = 0; i < n; i++)
    {
      char *xml = ok ? virDomainSnapshotGetXMLDesc (snaps[i], VIR_DOMAIN_SNAPSHOT_XML_SECURE) : NULL;
      xmlNode *holder;
      xmlNode *snap;

      if (ok && xml == NULL)
        ok = vw_virt_set_error (error, NULL);
      if (ok)
        {
          /* The test driver reads a snapshot's elements straight inside
           * <test:domainsnapshot>, and <active>1</active> marks the current. */
          holder = xmlNewChild (dom_node, test_ns, (const xmlChar *) "domainsnapshot", NULL);
          snap = import_xml (holder, xml, error);
          if (snap == NULL)
            ok = FALSE;
          else
            {
              xmlNode *child = snap->children;

              while (child != NULL)
                {
                  xmlNode *next = child->next;

                  xmlUnlinkNode (child);
                  xmlAddChild (holder, child);
                  child = next;
                }
              xmlUnlinkNode (snap);
              xmlFreeNode (snap);
              /* xmlNewChild() would put it in the parent's test: namespace. */
              xmlAddChild (holder, xmlNewDocRawNode (holder->doc, NULL, (const xmlChar *) "active",
                                                     (const xmlChar *) (virDomainSnapshotIsCurrent (snaps[i], 0) == 1
                                                                        ? "1" : "0")));
            }
        }
      free (xml);
      virDomainSnapshotFree (snaps[i]);
    }
  free (snaps);
  return ok;
}

static gboolean
add_domains (xmlNode       *root,
             xmlNs         *test_ns,
             xmlNode       *state,
             virConnectPtr  conn,
             GError       **error)
{
  virDomainPtr *doms = NULL;
  int n = virConnectListAllDomains (conn, &doms, 0);
  gboolean ok = TRUE;

  if (n < 0)
    return vw_virt_set_error (error, _("Could not list the machines"));

  for (int i = 0; i < n; i++)
    {
      /* Names first: every libvirt call clears the thread's last error. */
      const char *name = virDomainGetName (doms[i]);
      virDomainInfo info;
      gboolean persistent = virDomainIsPersistent (doms[i]) == 1;
      int autostart = 0;
      char *xml = NULL;
      char *config = NULL;
      xmlNode *node;
      char runstate[8];

      if (ok && virDomainGetInfo (doms[i], &info) < 0)
        ok = vw_virt_set_error (error, name);
      if (ok)
        {
          /* A running domain is saved as it runs (the test driver loads one
           * definition); its configuration for the next boot, which may
           * differ (setmem --config), goes into <vw:state>. */
          gboolean active = info.state != VIR_DOMAIN_SHUTOFF && info.state != VIR_DOMAIN_CRASHED;

          xml = virDomainGetXMLDesc (doms[i], (persistent && !active ? VIR_DOMAIN_XML_INACTIVE : 0)
                                              | VIR_DOMAIN_XML_SECURE);
          if (xml == NULL)
            ok = vw_virt_set_error (error, name);
          if (ok && persistent && active)
            config = virDomainGetXMLDesc (doms[i], VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_SECURE);
        }
      if (ok && (node = import_xml (root, xml, error)) == NULL)
        ok = FALSE;
      if (ok)
        {
          xmlUnsetProp (node, (const xmlChar *) "id");
          g_snprintf (runstate, sizeof runstate, "%d", info.state);
          xmlNewChild (node, test_ns, (const xmlChar *) "runstate", (const xmlChar *) runstate);
          if (!persistent)
            xmlNewChild (node, test_ns, (const xmlChar *) "transient", NULL);
          if (virDomainHasManagedSaveImage (doms[i], 0) == 1)
            xmlNewChild (node, test_ns, (const xmlChar *) "hasmanagedsave", NULL);
          ok = add_snapshots (node, test_ns, doms[i], error);

          virDomainGetAutostart (doms[i], &autostart);
          if (ok && (autostart || config != NULL))
            {
              xmlNode *entry = xmlNewChild (state, NULL, (const xmlChar *) "domain", NULL);

              xmlSetProp (entry, (const xmlChar *) "name", (const xmlChar *) name);
              xmlSetProp (entry, (const xmlChar *) "autostart", (const xmlChar *) (autostart ? "yes" : "no"));
              if (config != NULL)
                {
                  xmlNode *holder = xmlNewChild (entry, NULL, (const xmlChar *) "config", NULL);

                  ok = import_xml (holder, config, error) != NULL;
                }
            }
          virResetLastError ();
        }
      free (xml);
      free (config);
      virDomainFree (doms[i]);
    }
  free (doms);
  return ok;
}

static void
add_state_entry (xmlNode    *state,
                 const char *element,
                 const char *name,
                 gboolean    active,
                 gboolean    autostart)
{
  xmlNode *entry = xmlNewChild (state, NULL, (const xmlChar *) element, NULL);

  xmlSetProp (entry, (const xmlChar *) "name", (const xmlChar *) name);
  xmlSetProp (entry, (const xmlChar *) "active", (const xmlChar *) (active ? "yes" : "no"));
  xmlSetProp (entry, (const xmlChar *) "autostart", (const xmlChar *) (autostart ? "yes" : "no"));
}

static gboolean
add_networks (xmlNode       *root,
              xmlNode       *state,
              virConnectPtr  conn,
              GError       **error)
{
  virNetworkPtr *nets = NULL;
  int n = virConnectListAllNetworks (conn, &nets, 0);
  gboolean ok = TRUE;

  if (n < 0)
    return vw_virt_set_error (error, _("Could not list the networks"));

  for (int i = 0; i < n; i++)
    {
      const char *name = virNetworkGetName (nets[i]);
      char *xml = NULL;
      int autostart = 0;

      if (ok)
        {
          /* The test driver knows no --inactive for networks; its definition
           * is then the live one. */
          xml = virNetworkGetXMLDesc (nets[i], VIR_NETWORK_XML_INACTIVE);
          if (xml == NULL && vw_virt_last_error_is (VIR_ERR_INVALID_ARG))
            xml = virNetworkGetXMLDesc (nets[i], 0);
        }
      if (ok && (xml == NULL || import_xml (root, xml, error) == NULL))
        ok = xml == NULL ? vw_virt_set_error (error, name) : FALSE;
      if (ok)
        {
          virNetworkGetAutostart (nets[i], &autostart);
          add_state_entry (state, "network", name, virNetworkIsActive (nets[i]) == 1, autostart != 0);
        }
      free (xml);
      virNetworkFree (nets[i]);
    }
  free (nets);
  return ok;
}

/* The <volume> elements of pool @name in the previous save, if any. */
static void
copy_previous_volumes (xmlNode    *pool_node,
                       xmlDoc     *previous,
                       const char *name)
{
  xmlNode *root = previous != NULL ? xmlDocGetRootElement (previous) : NULL;

  for (xmlNode *pool = root != NULL ? root->children : NULL; pool != NULL; pool = pool->next)
    {
      xmlNode *child;
      gboolean match = FALSE;

      if (pool->type != XML_ELEMENT_NODE || !xmlStrEqual (pool->name, (const xmlChar *) "pool"))
        continue;
      for (child = pool->children; child != NULL; child = child->next)
        if (child->type == XML_ELEMENT_NODE && xmlStrEqual (child->name, (const xmlChar *) "name"))
          {
            xmlChar *text = xmlNodeGetContent (child);

            match = xmlStrEqual (text, (const xmlChar *) name);
            xmlFree (text);
          }
      if (!match)
        continue;
      for (child = pool->children; child != NULL; child = child->next)
        if (child->type == XML_ELEMENT_NODE && xmlStrEqual (child->name, (const xmlChar *) "volume"))
          xmlAddChild (pool_node, xmlDocCopyNode (child, pool_node->doc, 1));
      return;
    }
}

static gboolean
add_volumes (xmlNode           *pool_node,
             virStoragePoolPtr  pool,
             xmlDoc            *previous,
             GError           **error)
{
  virStorageVolPtr *vols = NULL;
  int n = virStoragePoolIsActive (pool) == 1 ? virStoragePoolListAllVolumes (pool, &vols, 0) : -1;
  gboolean ok = TRUE;

  /* A stopped pool lists no volumes, yet keeps them for when it starts
   * again: the previous save still has them. */
  if (n < 0)
    {
      virResetLastError ();
      copy_previous_volumes (pool_node, previous, virStoragePoolGetName (pool));
      return TRUE;
    }

  for (int i = 0; i < n; i++)
    {
      const char *name = virStorageVolGetName (vols[i]);
      char *xml = ok ? virStorageVolGetXMLDesc (vols[i], 0) : NULL;

      if (ok && (xml == NULL || import_xml (pool_node, xml, error) == NULL))
        ok = xml == NULL ? vw_virt_set_error (error, name) : FALSE;
      free (xml);
      virStorageVolFree (vols[i]);
    }
  free (vols);
  return ok;
}

static gboolean
add_pools (xmlNode       *root,
           xmlNode       *state,
           virConnectPtr  conn,
           xmlDoc        *previous,
           GError       **error)
{
  virStoragePoolPtr *pools = NULL;
  int n = virConnectListAllStoragePools (conn, &pools, 0);
  gboolean ok = TRUE;

  if (n < 0)
    return vw_virt_set_error (error, _("Could not list the storage pools"));

  for (int i = 0; i < n; i++)
    {
      const char *name = virStoragePoolGetName (pools[i]);
      char *xml = NULL;
      xmlNode *node = NULL;
      int autostart = 0;

      if (ok)
        {
          xml = virStoragePoolGetXMLDesc (pools[i], VIR_STORAGE_XML_INACTIVE);
          if (xml == NULL && vw_virt_last_error_is (VIR_ERR_INVALID_ARG))
            xml = virStoragePoolGetXMLDesc (pools[i], 0);
        }
      if (ok && (xml == NULL || (node = import_xml (root, xml, error)) == NULL))
        ok = xml == NULL ? vw_virt_set_error (error, name) : FALSE;
      if (ok)
        ok = add_volumes (node, pools[i], previous, error);
      if (ok)
        {
          virStoragePoolGetAutostart (pools[i], &autostart);
          add_state_entry (state, "pool", name, virStoragePoolIsActive (pools[i]) == 1, autostart != 0);
        }
      free (xml);
      virStoragePoolFree (pools[i]);
    }
  free (pools);
  return ok;
}

/* Whether libvirt's test driver reads @xml back. It does not always read
 * what it wrote: a snapshot whose saved machine has a disk without a target
 * is accepted in a node file, but its description then names a disk
 * "(null)", which the driver refuses (found by tests/fuzz). A lab that
 * cannot be read back is not saved: the learner's last good one stays. */
static gboolean
loads_again (const char  *xml,
             GError     **error)
{
  g_autoptr(GFileIOStream) stream = NULL;
  g_autoptr(GFile) file = g_file_new_tmp ("vw-sandbox-check-XXXXXX.xml", &stream, error);
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;
  virConnectPtr conn;
  gboolean written;

  if (file == NULL)
    return FALSE;
  written = g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (stream)), xml, strlen (xml),
                                       NULL, NULL, error)
            && g_io_stream_close (G_IO_STREAM (stream), NULL, error);
  path = g_file_get_path (file);
  uri = vw_sandbox_uri_for_path (path);
  conn = written ? virConnectOpen (uri) : NULL;
  g_file_delete (file, NULL, NULL);
  if (!written)
    return FALSE;
  if (conn == NULL)
    {
      vw_virt_set_error (error, _("The lab as it is now could not be read back, so it was not saved"));
      return FALSE;
    }
  virConnectClose (conn);
  return TRUE;
}

/**
 * vw_sandbox_serialize:
 * @previous_path: (nullable): the node file being replaced, for what the
 *   driver cannot tell now (the volumes of a stopped pool)
 *
 * The whole state of a test-driver connection as a node file that the test
 * driver loads back (checked: see loads_again). Call it from a worker
 * thread.
 *
 * Returns: (transfer full): the XML, or %NULL with @error set
 */
char *
vw_sandbox_serialize (virConnectPtr   conn,
                      const char     *previous_path,
                      GError        **error)
{
  xmlDoc *previous = previous_path != NULL
                     ? xmlReadFile (previous_path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)
                     : NULL;
  xmlDoc *doc = xmlNewDoc ((const xmlChar *) "1.0");
  xmlNode *root = xmlNewNode (NULL, (const xmlChar *) "node");
  xmlNs *test_ns = xmlNewNs (root, (const xmlChar *) TEST_NS, (const xmlChar *) "test");
  xmlNs *vw_ns = xmlNewNs (root, (const xmlChar *) VW_NS, (const xmlChar *) "vw");
  xmlNode *state;
  virNodeInfo node_info;
  char *result = NULL;

  xmlDocSetRootElement (doc, root);
  xmlAddChild (root, xmlNewComment ((const xmlChar *) " The Virt Workbench sandbox lab, as the learner left it. "));

  if (virNodeGetInfo (conn, &node_info) == 0)
    {
      xmlNode *cpu = xmlNewChild (root, NULL, (const xmlChar *) "cpu", NULL);
      char text[32];

#define ADD_NUMBER(parent, name, value) \
      (g_snprintf (text, sizeof text, "%u", (guint) (value)), \
       xmlNewChild (parent, NULL, (const xmlChar *) (name), (const xmlChar *) text))
      ADD_NUMBER (cpu, "mhz", node_info.mhz);
      xmlNewChild (cpu, NULL, (const xmlChar *) "model", (const xmlChar *) node_info.model);
      ADD_NUMBER (cpu, "nodes", node_info.nodes);
      ADD_NUMBER (cpu, "sockets", node_info.sockets);
      ADD_NUMBER (cpu, "cores", node_info.cores);
      ADD_NUMBER (cpu, "threads", node_info.threads);
      ADD_NUMBER (cpu, "active", node_info.cpus);
      g_snprintf (text, sizeof text, "%lu", node_info.memory);
      xmlNewChild (root, NULL, (const xmlChar *) "memory", (const xmlChar *) text);
#undef ADD_NUMBER
    }
  virResetLastError ();

  state = xmlNewNode (vw_ns, (const xmlChar *) "state");
  if (add_domains (root, test_ns, state, conn, error)
      && add_networks (root, state, conn, error)
      && add_pools (root, state, conn, previous, error))
    {
      xmlAddChild (root, state);
      state = NULL;
      result = vw_xml_doc_to_string (doc);
    }

  if (state != NULL)
    xmlFreeNode (state);
  xmlFreeDoc (doc);
  xmlFreeDoc (previous);
  if (result != NULL && !loads_again (result, error))
    g_clear_pointer (&result, g_free);
  return result;
}

/* ----- Applying <vw:state> after opening ----- */

/* The next-boot configuration of a running domain: defining it while the
 * domain runs leaves the live definition alone. */
static gboolean
apply_config (virConnectPtr  conn,
              xmlNode       *entry)
{
  for (xmlNode *child = entry->children; child != NULL; child = child->next)
    {
      xmlBuffer *buffer;
      virDomainPtr dom;

      if (child->type != XML_ELEMENT_NODE || !xmlStrEqual (child->name, (const xmlChar *) "config")
          || child->children == NULL)
        continue;
      for (xmlNode *domain = child->children; domain != NULL; domain = domain->next)
        {
          if (domain->type != XML_ELEMENT_NODE)
            continue;
          buffer = xmlBufferCreate ();
          xmlNodeDump (buffer, domain->doc, domain, 0, 0);
          dom = virDomainDefineXML (conn, (const char *) xmlBufferContent (buffer));
          xmlBufferFree (buffer);
          if (dom == NULL)
            return FALSE;
          virDomainFree (dom);
        }
    }
  return TRUE;
}

static gboolean
apply_entry (virConnectPtr   conn,
             xmlNode        *entry,
             GError        **error)
{
  xmlChar *name = xmlGetProp (entry, (const xmlChar *) "name");
  xmlChar *active = xmlGetProp (entry, (const xmlChar *) "active");
  xmlChar *autostart = xmlGetProp (entry, (const xmlChar *) "autostart");
  gboolean want_autostart = autostart != NULL && xmlStrEqual (autostart, (const xmlChar *) "yes");
  gboolean want_inactive = active != NULL && xmlStrEqual (active, (const xmlChar *) "no");
  gboolean ok = TRUE;

  if (name == NULL)
    goto out;

  if (xmlStrEqual (entry->name, (const xmlChar *) "network"))
    {
      virNetworkPtr net = virNetworkLookupByName (conn, (const char *) name);

      if (net != NULL)
        {
          if (want_autostart)
            ok = virNetworkSetAutostart (net, 1) == 0;
          if (ok && want_inactive && virNetworkIsActive (net) == 1)
            ok = virNetworkDestroy (net) == 0;
          virNetworkFree (net);
        }
    }
  else if (xmlStrEqual (entry->name, (const xmlChar *) "pool"))
    {
      virStoragePoolPtr pool = virStoragePoolLookupByName (conn, (const char *) name);

      if (pool != NULL)
        {
          if (want_autostart)
            ok = virStoragePoolSetAutostart (pool, 1) == 0;
          if (ok && want_inactive && virStoragePoolIsActive (pool) == 1)
            ok = virStoragePoolDestroy (pool) == 0;
          virStoragePoolFree (pool);
        }
    }
  else if (xmlStrEqual (entry->name, (const xmlChar *) "domain"))
    {
      virDomainPtr dom = virDomainLookupByName (conn, (const char *) name);

      if (dom != NULL)
        {
          if (want_autostart)
            ok = virDomainSetAutostart (dom, 1) == 0;
          if (ok)
            ok = apply_config (conn, entry);
          virDomainFree (dom);
        }
    }

  if (!ok)
    vw_virt_set_error (error, (const char *) name);
  virResetLastError ();

out:
  xmlFree (name);
  xmlFree (active);
  xmlFree (autostart);
  return ok;
}

/**
 * vw_sandbox_apply_overlay:
 * @node_path: the node file @conn was opened on
 *
 * Applies what a node file cannot say (stopped networks and pools,
 * autostart flags) from its <vw:state> element, if it has one.
 */
gboolean
vw_sandbox_apply_overlay (virConnectPtr   conn,
                          const char     *node_path,
                          GError        **error)
{
  xmlDoc *doc = xmlReadFile (node_path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  xmlNode *root;
  gboolean ok = TRUE;

  if (doc == NULL)
    return TRUE;

  root = xmlDocGetRootElement (doc);
  for (xmlNode *child = root != NULL ? root->children : NULL; ok && child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE || child->ns == NULL
          || !xmlStrEqual (child->ns->href, (const xmlChar *) VW_NS)
          || !xmlStrEqual (child->name, (const xmlChar *) "state"))
        continue;
      for (xmlNode *entry = child->children; ok && entry != NULL; entry = entry->next)
        if (entry->type == XML_ELEMENT_NODE)
          ok = apply_entry (conn, entry, error);
    }

  xmlFreeDoc (doc);
  return ok;
}

/* The node file of a test:///path URI, or %NULL for test:///default and
 * every other driver. */
char *
vw_sandbox_path_from_uri (const char *uri)
{
  g_autoptr(GUri) parsed = NULL;

  if (uri == NULL || !g_str_has_prefix (uri, "test:///"))
    return NULL;
  parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  if (parsed == NULL || g_strcmp0 (g_uri_get_path (parsed), "/default") == 0)
    return NULL;
  return g_strdup (g_uri_get_path (parsed));
}

