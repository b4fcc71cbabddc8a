/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-test-virsh-api"

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <libxml/tree.h>
#include <string.h>

#include "vw-test-exercise.h"
#include "vw-xml-read.h"

/* Does what an exercise's virsh command does, through the libvirt API:
 * the first of the two ways the exercise tests apply a solution (the
 * other is real virsh). Only the commands the exercises use are known;
 * any other fails the test, so that a new exercise brings its command
 * here. */

typedef struct
{
  GPtrArray *positional;
  GHashTable *options;  /* "--name" → value, or "" for a flag */
  const char *files_dir;
} Args;

/* Options that take a value, for every command below. */
static const char * const valued_options[] = {
  "--description", "--target", "--format", "--backing-vol", "--backing-vol-format",
  "--allocation", "--pool", "--inputpool", "--source-host", "--source-path",
  "--source-dev", "--source-name", "--parent-index", "--name", NULL
};

static const char *
positional (Args  *args,
            guint  index)
{
  return index < args->positional->len ? args->positional->pdata[index] : NULL;
}

static gboolean
flag (Args       *args,
      const char *name)
{
  return g_hash_table_contains (args->options, name);
}

static const char *
option (Args       *args,
        const char *name)
{
  return g_hash_table_lookup (args->options, name);
}

/* virsh's scaled integers: 10G, 512M, 2048 (in @default_factor units). */
static guint64
scaled (const char *text,
        guint64     default_factor)
{
  char *end = NULL;
  guint64 value = g_ascii_strtoull (text, &end, 10);
  guint64 factor;

  if (*end == '\0')
    return value * default_factor;
  factor = vw_xml_size_unit_factor (end);
  if (factor == 0)
    {
      g_autofree char *upper = g_ascii_strup (end, 1);

      factor = vw_xml_size_unit_factor (upper);
    }
  g_assert_cmpuint (factor, !=, 0);
  return value * factor;
}

static char *
read_file (Args       *args,
           const char *name)
{
  g_autofree char *path = g_build_filename (args->files_dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static char *
doc_string (xmlDoc *doc)
{
  char *text = vw_xml_doc_to_string (doc);

  xmlFreeDoc (doc);
  return text;
}

static xmlNode *
add_text (xmlNode    *parent,
          const char *name,
          const char *text)
{
  return xmlNewTextChild (parent, NULL, (const xmlChar *) name, (const xmlChar *) text);
}

static virDomainPtr
domain (virConnectPtr  conn,
        Args          *args)
{
  virDomainPtr dom = virDomainLookupByName (conn, positional (args, 0));

  return dom;
}

static gboolean
run_domain_command (virConnectPtr  conn,
                    const char    *command,
                    Args          *args,
                    gboolean      *known)
{
  virDomainPtr dom;
  unsigned int flags = 0;
  int ret = -1;

  *known = TRUE;
  if (strcmp (command, "restore") == 0)
    {
      g_autofree char *path = g_build_filename (args->files_dir, positional (args, 0), NULL);

      return virDomainRestore (conn, path) == 0;
    }
  if (strcmp (command, "define") == 0 || strcmp (command, "create") == 0)
    {
      g_autofree char *xml = read_file (args, positional (args, 0));

      dom = strcmp (command, "define") == 0 ? virDomainDefineXML (conn, xml) : virDomainCreateXML (conn, xml, 0);
      if (dom != NULL)
        virDomainFree (dom);
      return dom != NULL;
    }

  dom = domain (conn, args);
  if (dom == NULL)
    return FALSE;
  if (flag (args, "--config"))
    flags |= VIR_DOMAIN_AFFECT_CONFIG;
  if (flag (args, "--live"))
    flags |= VIR_DOMAIN_AFFECT_LIVE;

  if (strcmp (command, "start") == 0)
    ret = virDomainCreate (dom);
  else if (strcmp (command, "shutdown") == 0)
    ret = virDomainShutdown (dom);
  else if (strcmp (command, "destroy") == 0)
    ret = virDomainDestroy (dom);
  else if (strcmp (command, "reboot") == 0)
    ret = virDomainReboot (dom, 0);
  else if (strcmp (command, "suspend") == 0)
    ret = virDomainSuspend (dom);
  else if (strcmp (command, "resume") == 0)
    ret = virDomainResume (dom);
  else if (strcmp (command, "autostart") == 0)
    ret = virDomainSetAutostart (dom, !flag (args, "--disable"));
  else if (strcmp (command, "undefine") == 0)
    ret = virDomainUndefineFlags (dom, (flag (args, "--managed-save") ? VIR_DOMAIN_UNDEFINE_MANAGED_SAVE : 0)
                                  | (flag (args, "--snapshots-metadata")
                                     ? VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA : 0));
  else if (strcmp (command, "managedsave") == 0)
    ret = virDomainManagedSave (dom, 0);
  else if (strcmp (command, "managedsave-remove") == 0)
    ret = virDomainManagedSaveRemove (dom, 0);
  else if (strcmp (command, "save") == 0)
    {
      g_autofree char *path = g_build_filename (args->files_dir, positional (args, 1), NULL);

      ret = virDomainSave (dom, path);
    }
  else if (strcmp (command, "domrename") == 0)
    ret = virDomainRename (dom, positional (args, 1), 0);
  else if (strcmp (command, "desc") == 0)
    {
      gboolean title = flag (args, "--title");
      const char *text = positional (args, 1);

      ret = virDomainSetMetadata (dom, title ? VIR_DOMAIN_METADATA_TITLE : VIR_DOMAIN_METADATA_DESCRIPTION,
                                  text, NULL, NULL, flags);
    }
  else if (strcmp (command, "setvcpus") == 0)
    {
      if (flag (args, "--maximum"))
        flags |= VIR_DOMAIN_VCPU_MAXIMUM;
      ret = virDomainSetVcpusFlags (dom, (unsigned int) g_ascii_strtoull (positional (args, 1), NULL, 10), flags);
    }
  else if (strcmp (command, "setmem") == 0)
    ret = virDomainSetMemoryFlags (dom, scaled (positional (args, 1), 1024) / 1024, flags);
  else if (strcmp (command, "setmaxmem") == 0)
    ret = virDomainSetMemoryFlags (dom, scaled (positional (args, 1), 1024) / 1024, flags | VIR_DOMAIN_MEM_MAXIMUM);
  else if (strcmp (command, "snapshot-create-as") == 0)
    {
      xmlDoc *doc = xmlNewDoc ((const xmlChar *) "1.0");
      xmlNode *root = xmlNewNode (NULL, (const xmlChar *) "domainsnapshot");
      g_autofree char *xml = NULL;
      virDomainSnapshotPtr snap;

      xmlDocSetRootElement (doc, root);
      add_text (root, "name", positional (args, 1));
      if (option (args, "--description") != NULL)
        add_text (root, "description", option (args, "--description"));
      xml = doc_string (doc);
      snap = virDomainSnapshotCreateXML (dom, xml, 0);
      ret = snap != NULL ? 0 : -1;
      if (snap != NULL)
        virDomainSnapshotFree (snap);
    }
  else if (g_str_has_prefix (command, "snapshot-"))
    {
      virDomainSnapshotPtr snap = virDomainSnapshotLookupByName (dom, positional (args, 1), 0);

      if (snap != NULL)
        {
          if (strcmp (command, "snapshot-revert") == 0)
            ret = virDomainRevertToSnapshot (snap, 0);
          else if (strcmp (command, "snapshot-delete") == 0)
            ret = virDomainSnapshotDelete (snap, flag (args, "--children") ? VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN
                                           : flag (args, "--children-only")
                                           ? VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY : 0);
          else if (strcmp (command, "snapshot-current") == 0)
            {
              /* Making a snapshot current is a redefinition of its own XML. */
              char *xml = virDomainSnapshotGetXMLDesc (snap, VIR_DOMAIN_SNAPSHOT_XML_SECURE);
              virDomainSnapshotPtr again = virDomainSnapshotCreateXML (
                dom, xml, VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE | VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT);

              free (xml);
              ret = again != NULL ? 0 : -1;
              if (again != NULL)
                virDomainSnapshotFree (again);
            }
          else
            *known = FALSE;
          virDomainSnapshotFree (snap);
        }
    }
  else
    *known = FALSE;
  virDomainFree (dom);
  return ret == 0;
}

static gboolean
run_network_command (virConnectPtr  conn,
                     const char    *command,
                     Args          *args,
                     gboolean      *known)
{
  virNetworkPtr net;
  int ret = -1;

  *known = TRUE;
  if (strcmp (command, "net-define") == 0 || strcmp (command, "net-create") == 0)
    {
      g_autofree char *xml = read_file (args, positional (args, 0));

      net = strcmp (command, "net-define") == 0 ? virNetworkDefineXML (conn, xml) : virNetworkCreateXML (conn, xml);
      if (net != NULL)
        virNetworkFree (net);
      return net != NULL;
    }
  net = virNetworkLookupByName (conn, positional (args, 0));
  if (net == NULL)
    return FALSE;
  if (strcmp (command, "net-start") == 0)
    ret = virNetworkCreate (net);
  else if (strcmp (command, "net-destroy") == 0)
    ret = virNetworkDestroy (net);
  else if (strcmp (command, "net-undefine") == 0)
    ret = virNetworkUndefine (net);
  else if (strcmp (command, "net-autostart") == 0)
    ret = virNetworkSetAutostart (net, !flag (args, "--disable"));
  else if (strcmp (command, "net-update") == 0)
    {
      static const char * const sections[] = {
        [VIR_NETWORK_SECTION_IP_DHCP_HOST] = "ip-dhcp-host",
        [VIR_NETWORK_SECTION_IP_DHCP_RANGE] = "ip-dhcp-range",
        [VIR_NETWORK_SECTION_DNS_HOST] = "dns-host",
      };
      const char *what = positional (args, 1);
      const char *section = positional (args, 2);
      unsigned int flags = 0;
      int section_id = -1;

      for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
        if (sections[i] != NULL && g_strcmp0 (sections[i], section) == 0)
          section_id = (int) i;
      g_assert_cmpint (section_id, >=, 0);
      if (flag (args, "--live"))
        flags |= VIR_NETWORK_UPDATE_AFFECT_LIVE;
      if (flag (args, "--config"))
        flags |= VIR_NETWORK_UPDATE_AFFECT_CONFIG;
      ret = virNetworkUpdate (net,
                              strcmp (what, "add") == 0 || strcmp (what, "add-last") == 0
                              ? VIR_NETWORK_UPDATE_COMMAND_ADD_LAST
                              : strcmp (what, "add-first") == 0 ? VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST
                              : strcmp (what, "delete") == 0 ? VIR_NETWORK_UPDATE_COMMAND_DELETE
                              : VIR_NETWORK_UPDATE_COMMAND_MODIFY,
                              section_id, -1, positional (args, 3), flags);
    }
  else
    *known = FALSE;
  virNetworkFree (net);
  return ret == 0;
}

static gboolean
define_pool_as (virConnectPtr  conn,
                Args          *args)
{
  xmlDoc *doc = xmlNewDoc ((const xmlChar *) "1.0");
  xmlNode *root = xmlNewNode (NULL, (const xmlChar *) "pool");
  xmlNode *target;
  g_autofree char *xml = NULL;
  virStoragePoolPtr pool;

  xmlDocSetRootElement (doc, root);
  xmlNewProp (root, (const xmlChar *) "type", (const xmlChar *) positional (args, 1));
  add_text (root, "name", positional (args, 0));
  target = xmlNewChild (root, NULL, (const xmlChar *) "target", NULL);
  add_text (target, "path", option (args, "--target"));
  xml = doc_string (doc);
  pool = virStoragePoolDefineXML (conn, xml, 0);
  if (pool != NULL)
    virStoragePoolFree (pool);
  return pool != NULL;
}

static char *
volume_xml (Args *args)
{
  xmlDoc *doc = xmlNewDoc ((const xmlChar *) "1.0");
  xmlNode *root = xmlNewNode (NULL, (const xmlChar *) "volume");
  xmlNode *node;
  g_autofree char *capacity = g_strdup_printf ("%" G_GUINT64_FORMAT, scaled (positional (args, 2), 1));

  xmlDocSetRootElement (doc, root);
  add_text (root, "name", positional (args, 1));
  node = add_text (root, "capacity", capacity);
  xmlNewProp (node, (const xmlChar *) "unit", (const xmlChar *) "bytes");
  if (option (args, "--allocation") != NULL)
    {
      g_autofree char *allocation = g_strdup_printf ("%" G_GUINT64_FORMAT, scaled (option (args, "--allocation"), 1));

      node = add_text (root, "allocation", allocation);
      xmlNewProp (node, (const xmlChar *) "unit", (const xmlChar *) "bytes");
    }
  node = xmlNewChild (root, NULL, (const xmlChar *) "target", NULL);
  node = xmlNewChild (node, NULL, (const xmlChar *) "format", NULL);
  xmlNewProp (node, (const xmlChar *) "type", (const xmlChar *) (option (args, "--format") ?: "raw"));
  if (option (args, "--backing-vol") != NULL)
    {
      xmlNode *backing = xmlNewChild (root, NULL, (const xmlChar *) "backingStore", NULL);
      const char *path = option (args, "--backing-vol");
      g_autofree char *full = g_path_is_absolute (path) ? g_strdup (path)
                                                        : g_build_filename ("/var/lib/libvirt/images", path, NULL);

      add_text (backing, "path", full);
      node = xmlNewChild (backing, NULL, (const xmlChar *) "format", NULL);
      xmlNewProp (node, (const xmlChar *) "type", (const xmlChar *) (option (args, "--backing-vol-format") ?: "raw"));
    }
  return doc_string (doc);
}

static gboolean
run_storage_command (virConnectPtr  conn,
                     const char    *command,
                     Args          *args,
                     gboolean      *known)
{
  virStoragePoolPtr pool;
  int ret = -1;

  *known = TRUE;
  if (strcmp (command, "pool-define-as") == 0)
    return define_pool_as (conn, args);
  if (g_str_has_prefix (command, "vol-") && strcmp (command, "vol-create-as") != 0
      && strcmp (command, "vol-create-from") != 0 && strcmp (command, "vol-create") != 0)
    {
      virStorageVolPtr vol;

      pool = virStoragePoolLookupByName (conn, option (args, "--pool"));
      if (pool == NULL)
        return FALSE;
      vol = virStorageVolLookupByName (pool, positional (args, 0));
      if (vol != NULL && strcmp (command, "vol-delete") == 0)
        ret = virStorageVolDelete (vol, 0);
      else if (vol != NULL && strcmp (command, "vol-clone") == 0)
        {
          char *xml = virStorageVolGetXMLDesc (vol, 0);
          g_autoptr(VwXmlRead) read = vw_xml_read_new (xml);
          xmlDoc *doc = xmlCopyDoc (vw_xml_read_get_doc (read), 1);
          xmlNode *root = xmlDocGetRootElement (doc);
          g_autofree char *clone_xml = NULL;
          virStorageVolPtr clone;

          /* What virsh vol-clone does: the same volume, named anew. */
          for (xmlNode *child = root->children; child != NULL; child = child->next)
            if (child->type == XML_ELEMENT_NODE && strcmp ((const char *) child->name, "name") == 0)
              xmlNodeSetContent (child, (const xmlChar *) positional (args, 1));
          free (xml);
          clone_xml = doc_string (doc);
          clone = virStorageVolCreateXMLFrom (pool, clone_xml, vol, 0);
          ret = clone != NULL ? 0 : -1;
          if (clone != NULL)
            virStorageVolFree (clone);
        }
      else if (vol != NULL)
        *known = FALSE;
      if (vol != NULL)
        virStorageVolFree (vol);
      virStoragePoolFree (pool);
      return ret == 0;
    }

  pool = virStoragePoolLookupByName (conn, positional (args, 0));
  if (pool == NULL)
    return FALSE;
  if (strcmp (command, "pool-build") == 0)
    ret = virStoragePoolBuild (pool, 0);
  else if (strcmp (command, "pool-start") == 0)
    ret = virStoragePoolCreate (pool, 0);
  else if (strcmp (command, "pool-destroy") == 0)
    ret = virStoragePoolDestroy (pool);
  else if (strcmp (command, "pool-undefine") == 0)
    ret = virStoragePoolUndefine (pool);
  else if (strcmp (command, "pool-refresh") == 0)
    ret = virStoragePoolRefresh (pool, 0);
  else if (strcmp (command, "pool-autostart") == 0)
    ret = virStoragePoolSetAutostart (pool, !flag (args, "--disable"));
  else if (strcmp (command, "vol-create-as") == 0)
    {
      g_autofree char *xml = volume_xml (args);
      virStorageVolPtr vol = virStorageVolCreateXML (pool, xml, 0);

      ret = vol != NULL ? 0 : -1;
      if (vol != NULL)
        virStorageVolFree (vol);
    }
  else if (strcmp (command, "vol-create") == 0 || strcmp (command, "vol-create-from") == 0)
    {
      g_autofree char *xml = read_file (args, positional (args, 1));
      virStorageVolPtr vol = NULL;

      if (strcmp (command, "vol-create") == 0)
        vol = virStorageVolCreateXML (pool, xml, 0);
      else
        {
          virStoragePoolPtr input_pool = virStoragePoolLookupByName (conn, option (args, "--inputpool")
                                                                     ?: positional (args, 0));
          virStorageVolPtr input = input_pool ? virStorageVolLookupByName (input_pool, positional (args, 2)) : NULL;

          if (input != NULL)
            {
              vol = virStorageVolCreateXMLFrom (pool, xml, input, 0);
              virStorageVolFree (input);
            }
          if (input_pool != NULL)
            virStoragePoolFree (input_pool);
        }
      ret = vol != NULL ? 0 : -1;
      if (vol != NULL)
        virStorageVolFree (vol);
    }
  else
    *known = FALSE;
  virStoragePoolFree (pool);
  return ret == 0;
}

gboolean
vw_test_apply_solution_api (virConnectPtr   conn,
                            const char     *command_line,
                            const char     *files_dir,
                            GError        **error)
{
  g_auto(GStrv) argv = NULL;
  g_autoptr(GPtrArray) positional = g_ptr_array_new ();
  g_autoptr(GHashTable) options = g_hash_table_new (g_str_hash, g_str_equal);
  Args args = { positional, options, files_dir };
  const char *command;
  gboolean known = FALSE;
  gboolean ok;

  if (!g_shell_parse_argv (command_line, NULL, &argv, error))
    return FALSE;
  g_assert_cmpstr (argv[0], ==, "virsh");
  command = argv[1];
  for (guint i = 2; argv[i] != NULL; i++)
    {
      if (g_str_has_prefix (argv[i], "--"))
        {
          gboolean valued = g_strv_contains (valued_options, argv[i]) && argv[i + 1] != NULL;

          g_hash_table_insert (options, argv[i], valued ? argv[i + 1] : "");
          if (valued)
            i++;
        }
      else
        g_ptr_array_add (positional, argv[i]);
    }

  virResetLastError ();
  if (g_str_has_prefix (command, "net-"))
    ok = run_network_command (conn, command, &args, &known);
  else if (g_str_has_prefix (command, "pool-") || g_str_has_prefix (command, "vol-"))
    ok = run_storage_command (conn, command, &args, &known);
  else
    ok = run_domain_command (conn, command, &args, &known);

  if (!known)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "the exercise tests cannot yet apply “%s” through the API: add it to %s", command, __FILE__);
      return FALSE;
    }
  if (!ok)
    {
      virErrorPtr last = virGetLastError ();

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", command_line,
                   last != NULL && last->message != NULL ? last->message : "failed");
      return FALSE;
    }
  return TRUE;
}
