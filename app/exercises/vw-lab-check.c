/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-lab-check"

#include <glib/gi18n.h>
#include <libvirt/libvirt.h>
#include <libxml/xpath.h>
#include <string.h>

#include "vw-error.h"
#include "vw-lab-check.h"
#include "vw-xml-read.h"

/* A condition is data: an element naming an object and attributes that
 * each say one thing about it. Each attribute is read either from the
 * facts libvirt gives outside the XML (state, autostart…) or from the
 * object's XML by a fixed XPath expression. Nothing in an exercise file
 * is ever run as code; the one free expression, <xpath test="…"/>, is an
 * XPath query over the object's description. */

typedef enum {
  PRED_EXISTS,
  PRED_STATE,
  PRED_ACTIVE,
  PRED_PERSISTENT,
  PRED_AUTOSTART,
  PRED_MANAGED_SAVE,
  PRED_CURRENT,
  PRED_CURRENT_SNAPSHOT,
  PRED_STRING,     /* string(xpath) equals the value */
  PRED_NUMBER,     /* number(xpath) equals the value */
  PRED_SIZE,       /* the element's size in bytes equals the value's */
  PRED_FORWARD,    /* a network's forward mode, "isolated" without one */
  PRED_TEST,       /* boolean(value), the value being XPath */
} PredType;

typedef struct
{
  const char *attr;
  PredType type;
  const char *xpath;
} PredDef;

typedef struct
{
  const char *element;
  VwLabKind kind;
  const char *parent_attr;
  const char *name_attr;
  /* Devices: the nodes one of which must match every attribute. */
  const char *device_xpath;
  gboolean has_config;
  const PredDef *preds;
} CondDef;

static const PredDef domain_preds[] = {
  { "state", PRED_STATE, NULL },
  { "persistent", PRED_PERSISTENT, NULL },
  { "autostart", PRED_AUTOSTART, NULL },
  { "managed-save", PRED_MANAGED_SAVE, NULL },
  { "current-snapshot", PRED_CURRENT_SNAPSHOT, NULL },
  { "vcpus", PRED_NUMBER, "number((/domain/vcpu/@current | /domain/vcpu[not(@current)])[1])" },
  { "max-vcpus", PRED_NUMBER, "number(/domain/vcpu)" },
  { "memory", PRED_SIZE, "/domain/memory" },
  { "current-memory", PRED_SIZE, "/domain/currentMemory" },
  { "title", PRED_STRING, "string(/domain/title)" },
  { NULL }
};

static const PredDef snapshot_preds[] = {
  { "current", PRED_CURRENT, NULL },
  { "parent", PRED_STRING, "string(/domainsnapshot/parent/name)" },
  { "state", PRED_STRING, "string(/domainsnapshot/state)" },
  { NULL }
};

static const PredDef network_preds[] = {
  { "active", PRED_ACTIVE, NULL },
  { "persistent", PRED_PERSISTENT, NULL },
  { "autostart", PRED_AUTOSTART, NULL },
  { "forward", PRED_FORWARD, NULL },
  { "bridge", PRED_STRING, "string(/network/bridge/@name)" },
  { "address", PRED_STRING, "string(/network/ip/@address)" },
  { "dhcp-start", PRED_STRING, "string(/network/ip/dhcp/range/@start)" },
  { "dhcp-end", PRED_STRING, "string(/network/ip/dhcp/range/@end)" },
  { NULL }
};

static const PredDef pool_preds[] = {
  { "active", PRED_ACTIVE, NULL },
  { "persistent", PRED_PERSISTENT, NULL },
  { "autostart", PRED_AUTOSTART, NULL },
  { "type", PRED_STRING, "string(/pool/@type)" },
  { "path", PRED_STRING, "string(/pool/target/path)" },
  { NULL }
};

static const PredDef volume_preds[] = {
  { "format", PRED_STRING, "string(/volume/target/format/@type)" },
  { "capacity", PRED_SIZE, "/volume/capacity" },
  { "backing", PRED_STRING, "string(/volume/backingStore/path)" },
  { NULL }
};

static const PredDef filter_preds[] = {
  { "chain", PRED_STRING, "string(/filter/@chain)" },
  { NULL }
};

static const PredDef disk_preds[] = {
  { "target", PRED_STRING, "string(target/@dev)" },
  { "source", PRED_STRING, "string(source/@file | source/@dev | source/@volume)" },
  { "device", PRED_STRING, "string(@device)" },
  { "format", PRED_STRING, "string(driver/@type)" },
  { "bus", PRED_STRING, "string(target/@bus)" },
  { NULL }
};

static const PredDef interface_preds[] = {
  { "type", PRED_STRING, "string(@type)" },
  { "network", PRED_STRING, "string(source/@network)" },
  { "mac", PRED_STRING, "string(mac/@address)" },
  { "model", PRED_STRING, "string(model/@type)" },
  { "filterref", PRED_STRING, "string(filterref/@filter)" },
  { NULL }
};

static const PredDef xpath_preds[] = {
  { "test", PRED_TEST, NULL },
  { NULL }
};

static const CondDef cond_defs[] = {
  { "domain", VW_LAB_DOMAIN, NULL, "name", NULL, TRUE, domain_preds },
  { "snapshot", VW_LAB_SNAPSHOT, "domain", "name", NULL, FALSE, snapshot_preds },
  { "network", VW_LAB_NETWORK, NULL, "name", NULL, TRUE, network_preds },
  { "pool", VW_LAB_POOL, NULL, "name", NULL, TRUE, pool_preds },
  { "volume", VW_LAB_VOLUME, "pool", "name", NULL, FALSE, volume_preds },
  { "filter", VW_LAB_FILTER, NULL, "name", NULL, FALSE, filter_preds },
  { "disk", VW_LAB_DOMAIN, NULL, "domain", "/domain/devices/disk", TRUE, disk_preds },
  { "interface", VW_LAB_DOMAIN, NULL, "domain", "/domain/devices/interface", TRUE, interface_preds },
  /* <xpath object="network" name="default" test="…"/> */
  { "xpath", VW_LAB_N_KINDS, NULL, "name", NULL, TRUE, xpath_preds },
};

static const char * const kind_names[] = {
  "domain", "snapshot", "network", "pool", "volume", "filter",
};

static const char * const state_names[] = {
  [VIR_DOMAIN_NOSTATE] = "nostate",
  [VIR_DOMAIN_RUNNING] = "running",
  [VIR_DOMAIN_BLOCKED] = "blocked",
  [VIR_DOMAIN_PAUSED] = "paused",
  [VIR_DOMAIN_SHUTDOWN] = "shutdown",
  [VIR_DOMAIN_SHUTOFF] = "shutoff",
  [VIR_DOMAIN_CRASHED] = "crashed",
  [VIR_DOMAIN_PMSUSPENDED] = "pmsuspended",
};

typedef struct
{
  const PredDef *def;
  char *value;
  gboolean yes;     /* for yes/no facts */
  guint64 bytes;    /* for sizes */
  gint64 number;
} Pred;

struct _VwCondition
{
  const CondDef *def;
  VwLabRef ref;
  gboolean absent;  /* exists="no" */
  int line;
  GArray *preds;
};

const char *
vw_lab_kind_to_string (VwLabKind kind)
{
  g_return_val_if_fail (kind < VW_LAB_N_KINDS, NULL);
  return kind_names[kind];
}

const char *
vw_domain_state_to_name (int state)
{
  if (state < 0 || state >= (int) G_N_ELEMENTS (state_names))
    return "nostate";
  return state_names[state];
}

void
vw_lab_facts_init (VwLabFacts *facts)
{
  memset (facts, 0, sizeof *facts);
  facts->state = facts->active = facts->persistent = facts->autostart = -1;
  facts->managed_save = facts->current = -1;
}

void
vw_lab_facts_clear (VwLabFacts *facts)
{
  g_clear_pointer (&facts->current_snapshot, g_free);
  g_clear_pointer (&facts->xml, g_free);
}

void
vw_lab_reader_free (VwLabReader *reader)
{
  if (reader != NULL)
    reader->free (reader);
}

/* ----- Parsing ----- */

static gboolean
fail (GError   **error,
      xmlNode   *node,
      const char *format,
      ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (GError    **error,
      xmlNode    *node,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, VW_ERROR, VW_ERROR_INVALID_DATA, "%ld: %s", xmlGetLineNo (node), message);
  return FALSE;
}

static gboolean
parse_yes_no (const char *value,
              gboolean   *out)
{
  if (g_strcmp0 (value, "yes") == 0)
    *out = TRUE;
  else if (g_strcmp0 (value, "no") == 0)
    *out = FALSE;
  else
    return FALSE;
  return TRUE;
}

/* "2 GiB", "512 MiB", "1073741824". */
static gboolean
parse_size (const char *value,
            guint64    *bytes)
{
  g_autofree char *copy = g_strstrip (g_strdup (value));
  char *end = NULL;
  guint64 number = g_ascii_strtoull (copy, &end, 10);
  guint64 factor = 1;

  if (end == copy)
    return FALSE;
  while (*end == ' ')
    end++;
  if (*end != '\0' && (factor = vw_xml_size_unit_factor (end)) == 0)
    return FALSE;
  *bytes = number * factor;
  return TRUE;
}

static void
ignore_xml_error (void       *context,
                  const char *format,
                  ...)
{
}

static gboolean
parse_pred (Pred      *pred,
            xmlNode   *node,
            GError   **error)
{
  const char *attr = pred->def->attr;
  const char *value = pred->value;

  switch (pred->def->type)
    {
    case PRED_ACTIVE:
    case PRED_PERSISTENT:
    case PRED_AUTOSTART:
    case PRED_MANAGED_SAVE:
    case PRED_CURRENT:
      if (!parse_yes_no (value, &pred->yes))
        return fail (error, node, _("“%s” must be “yes” or “no”, not “%s”"), attr, value);
      return TRUE;
    case PRED_STATE:
      for (guint i = 0; i < G_N_ELEMENTS (state_names); i++)
        if (g_strcmp0 (state_names[i], value) == 0)
          return TRUE;
      return fail (error, node, _("“%s” is not a machine state (running, paused, shutoff…)"), value);
    case PRED_NUMBER:
      if (!g_ascii_string_to_signed (value, 10, 0, G_MAXINT32, &pred->number, NULL))
        return fail (error, node, _("“%s” must be a whole number, not “%s”"), attr, value);
      return TRUE;
    case PRED_SIZE:
      if (!parse_size (value, &pred->bytes))
        return fail (error, node, _("“%s” must be a size such as “2 GiB”, not “%s”"), attr, value);
      return TRUE;
    case PRED_FORWARD:
      if (!g_strv_contains ((const char *[]) { "isolated", "nat", "route", "open", "bridge", "private",
                                               "vepa", "passthrough", "hostdev", NULL }, value))
        return fail (error, node, _("“%s” is not a forward mode"), value);
      return TRUE;
    case PRED_TEST:
      {
        xmlXPathCompExpr *compiled;

        /* The message goes in the error, not to stderr. */
        xmlSetGenericErrorFunc (NULL, ignore_xml_error);
        compiled = xmlXPathCompile ((const xmlChar *) value);
        xmlSetGenericErrorFunc (NULL, NULL);

        if (compiled == NULL)
          return fail (error, node, _("“%s” is not a valid XPath expression"), value);
        xmlXPathFreeCompExpr (compiled);
        return TRUE;
      }
    case PRED_STRING:
    case PRED_EXISTS:
    case PRED_CURRENT_SNAPSHOT:
    default:
      return TRUE;
    }
}

static void
clear_pred (gpointer data)
{
  g_free (((Pred *) data)->value);
}

static gboolean
parse_kind (const char *value,
            VwLabKind  *kind)
{
  for (guint k = 0; k < VW_LAB_N_KINDS; k++)
    if (g_strcmp0 (kind_names[k], value) == 0)
      {
        *kind = k;
        return TRUE;
      }
  return FALSE;
}

/**
 * vw_condition_parse:
 * @node: an element such as <domain name="web01" state="running"/>
 *
 * Returns: (transfer full) (nullable): the condition, or %NULL with
 *   @error set to "LINE: what is wrong"
 */
VwCondition *
vw_condition_parse (xmlNode  *node,
                    GError  **error)
{
  g_autoptr(GArray) preds = NULL;
  const CondDef *def = NULL;
  VwCondition *condition;
  VwLabRef ref = { 0 };
  gboolean absent = FALSE;
  gboolean have_exists = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (cond_defs); i++)
    if (strcmp ((const char *) node->name, cond_defs[i].element) == 0)
      def = &cond_defs[i];
  if (def == NULL)
    {
      fail (error, node, _("<%s> is not a check (domain, snapshot, network, pool, volume, filter, disk, "
                           "interface or xpath)"), node->name);
      return NULL;
    }

  preds = g_array_new (FALSE, TRUE, sizeof (Pred));
  g_array_set_clear_func (preds, clear_pred);
  ref.kind = def->kind;

  for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
    {
      const char *name = (const char *) attr->name;
      g_autofree char *value = vw_xml_node_prop (node, name);
      const PredDef *pred_def = NULL;

      if (g_strcmp0 (name, def->name_attr) == 0)
        ref.name = g_steal_pointer (&value);
      else if (g_strcmp0 (name, def->parent_attr) == 0
               || (def->kind == VW_LAB_N_KINDS && (g_strcmp0 (name, "domain") == 0
                                                   || g_strcmp0 (name, "pool") == 0)))
        {
          g_free (ref.parent);
          ref.parent = g_steal_pointer (&value);
        }
      else if (def->kind == VW_LAB_N_KINDS && strcmp (name, "object") == 0)
        {
          if (!parse_kind (value, &ref.kind))
            {
              fail (error, node, _("“%s” is not a kind of object (domain, snapshot, network, pool, "
                                   "volume or filter)"), value);
              goto failed;
            }
        }
      else if (strcmp (name, "exists") == 0 && def->device_xpath == NULL && def->kind != VW_LAB_N_KINDS)
        {
          gboolean exists;

          if (!parse_yes_no (value, &exists))
            {
              fail (error, node, _("“exists” must be “yes” or “no”, not “%s”"), value);
              goto failed;
            }
          absent = !exists;
          have_exists = TRUE;
        }
      else if (strcmp (name, "present") == 0 && def->device_xpath != NULL)
        {
          gboolean present;

          if (!parse_yes_no (value, &present))
            {
              fail (error, node, _("“present” must be “yes” or “no”, not “%s”"), value);
              goto failed;
            }
          absent = !present;
          have_exists = TRUE;
        }
      else if (strcmp (name, "config") == 0 && def->has_config)
        {
          if (g_strcmp0 (value, "inactive") != 0 && g_strcmp0 (value, "live") != 0)
            {
              fail (error, node, _("“config” must be “live” or “inactive”, not “%s”"), value);
              goto failed;
            }
          ref.inactive = g_strcmp0 (value, "inactive") == 0;
        }
      else
        {
          for (const PredDef *p = def->preds; p->attr != NULL; p++)
            if (strcmp (p->attr, name) == 0)
              pred_def = p;
          if (pred_def == NULL)
            {
              fail (error, node, _("<%s> has no attribute “%s”"), def->element, name);
              goto failed;
            }
          else
            {
              Pred pred = { pred_def, g_steal_pointer (&value) };

              g_array_append_val (preds, pred);
              if (!parse_pred (&g_array_index (preds, Pred, preds->len - 1), node, error))
                goto failed;
            }
        }
    }

  if (ref.name == NULL || *ref.name == '\0')
    {
      fail (error, node, _("<%s> needs a “%s” attribute"), def->element, def->name_attr);
      goto failed;
    }
  if (def->kind == VW_LAB_N_KINDS && ref.kind == VW_LAB_N_KINDS)
    {
      fail (error, node, _("<xpath> needs an “object” attribute"));
      goto failed;
    }
  if ((ref.kind == VW_LAB_SNAPSHOT || ref.kind == VW_LAB_VOLUME) && ref.parent == NULL)
    {
      fail (error, node, _("<%s> needs a “%s” attribute"), def->element,
            ref.kind == VW_LAB_SNAPSHOT ? "domain" : "pool");
      goto failed;
    }
  if (def->kind == VW_LAB_N_KINDS && preds->len == 0)
    {
      fail (error, node, _("<xpath> needs a “test” attribute"));
      goto failed;
    }
  if (absent && preds->len > 0 && def->device_xpath == NULL)
    {
      fail (error, node, _("a check for an absent object cannot say anything else about it"));
      goto failed;
    }
  if (!have_exists && preds->len == 0 && def->device_xpath == NULL && def->kind != VW_LAB_N_KINDS)
    have_exists = TRUE;

  condition = g_new0 (VwCondition, 1);
  condition->def = def;
  condition->ref = ref;
  condition->absent = absent;
  condition->line = (int) xmlGetLineNo (node);
  condition->preds = g_steal_pointer (&preds);
  return condition;

failed:
  g_free (ref.name);
  g_free (ref.parent);
  return NULL;
}

void
vw_condition_free (VwCondition *condition)
{
  if (condition == NULL)
    return;
  g_free (condition->ref.name);
  g_free (condition->ref.parent);
  g_array_unref (condition->preds);
  g_free (condition);
}

const VwLabRef *
vw_condition_get_ref (const VwCondition *condition)
{
  return &condition->ref;
}

gboolean
vw_condition_wants_absent (const VwCondition *condition)
{
  return condition->absent;
}

int
vw_condition_get_line (const VwCondition *condition)
{
  return condition->line;
}

/* ----- Evaluation ----- */

typedef struct
{
  VwLabFacts facts;
  VwXmlRead *xml;
} CacheEntry;

struct _VwLabCache
{
  VwLabReader *reader;
  GHashTable *entries;
};

static void
cache_entry_free (gpointer data)
{
  CacheEntry *entry = data;

  vw_lab_facts_clear (&entry->facts);
  g_clear_pointer (&entry->xml, vw_xml_read_free);
  g_free (entry);
}

/**
 * vw_lab_cache_new:
 * @reader: (transfer none): must outlive the cache
 */
VwLabCache *
vw_lab_cache_new (VwLabReader *reader)
{
  VwLabCache *cache = g_new0 (VwLabCache, 1);

  cache->reader = reader;
  cache->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, cache_entry_free);
  return cache;
}

void
vw_lab_cache_free (VwLabCache *cache)
{
  if (cache == NULL)
    return;
  g_hash_table_unref (cache->entries);
  g_free (cache);
}

static CacheEntry *
cache_lookup (VwLabCache      *cache,
              const VwLabRef  *ref,
              GError         **error)
{
  g_autofree char *key = g_strdup_printf ("%d\x1f%s\x1f%s\x1f%d", ref->kind, ref->parent ? ref->parent : "",
                                          ref->name, ref->inactive);
  CacheEntry *entry = g_hash_table_lookup (cache->entries, key);

  if (entry != NULL)
    return entry;

  entry = g_new0 (CacheEntry, 1);
  vw_lab_facts_init (&entry->facts);
  if (!cache->reader->read (cache->reader, ref, &entry->facts, error))
    {
      cache_entry_free (entry);
      return NULL;
    }
  if (entry->facts.exists && entry->facts.xml != NULL)
    entry->xml = vw_xml_read_new (entry->facts.xml);
  g_hash_table_insert (cache->entries, g_steal_pointer (&key), entry);
  return entry;
}

static gboolean
fact_is (int      fact,
         gboolean yes)
{
  return fact >= 0 && (fact != 0) == yes;
}

static xmlXPathObject *
eval_at (VwXmlRead  *xml,
         xmlNode    *node,
         const char *expr)
{
  xmlXPathContext *ctx = xmlXPathNewContext (vw_xml_read_get_doc (xml));
  xmlXPathObject *result;

  ctx->node = node != NULL ? node : xmlDocGetRootElement (vw_xml_read_get_doc (xml));
  result = xmlXPathEvalExpression ((const xmlChar *) expr, ctx);
  xmlXPathFreeContext (ctx);
  return result;
}

static char *
forward_mode (VwXmlRead *xml)
{
  g_autofree char *mode = NULL;

  if (!vw_xml_read_exists (xml, "/network/forward"))
    return g_strdup ("isolated");
  mode = vw_xml_read_string (xml, "/network/forward/@mode");
  return g_strdup (mode != NULL ? mode : "nat");
}

static gboolean
pred_holds (const Pred  *pred,
            CacheEntry  *entry,
            xmlNode     *node)
{
  const VwLabFacts *facts = &entry->facts;

  switch (pred->def->type)
    {
    case PRED_STATE:
      return facts->state >= 0 && g_strcmp0 (vw_domain_state_to_name (facts->state), pred->value) == 0;
    case PRED_ACTIVE:
      return fact_is (facts->active, pred->yes);
    case PRED_PERSISTENT:
      return fact_is (facts->persistent, pred->yes);
    case PRED_AUTOSTART:
      return fact_is (facts->autostart, pred->yes);
    case PRED_MANAGED_SAVE:
      return fact_is (facts->managed_save, pred->yes);
    case PRED_CURRENT:
      return fact_is (facts->current, pred->yes);
    case PRED_CURRENT_SNAPSHOT:
      return g_strcmp0 (facts->current_snapshot ? facts->current_snapshot : "", pred->value) == 0;
    case PRED_FORWARD:
      {
        g_autofree char *mode = entry->xml != NULL ? forward_mode (entry->xml) : NULL;

        return g_strcmp0 (mode, pred->value) == 0;
      }
    case PRED_SIZE:
      {
        g_autoptr(GPtrArray) nodes = NULL;

        if (entry->xml == NULL)
          return FALSE;
        nodes = vw_xml_read_nodes (entry->xml, pred->def->xpath);
        return nodes->len > 0 && vw_xml_read_bytes_at (entry->xml, nodes->pdata[0], ".") == pred->bytes;
      }
    case PRED_STRING:
    case PRED_NUMBER:
    case PRED_TEST:
      {
        const char *expr = pred->def->type == PRED_TEST ? pred->value : pred->def->xpath;
        xmlXPathObject *result;
        gboolean holds = FALSE;

        if (entry->xml == NULL)
          return FALSE;
        result = eval_at (entry->xml, node, expr);
        if (result == NULL)
          return FALSE;
        if (pred->def->type == PRED_TEST)
          holds = xmlXPathCastToBoolean (result) != 0;
        else if (pred->def->type == PRED_NUMBER)
          holds = xmlXPathCastToNumber (result) == (double) pred->number;
        else
          {
            xmlChar *text = xmlXPathCastToString (result);

            holds = g_strcmp0 ((const char *) text, pred->value) == 0;
            xmlFree (text);
          }
        xmlXPathFreeObject (result);
        return holds;
      }
    case PRED_EXISTS:
    default:
      return TRUE;
    }
}

static gboolean
all_hold (const VwCondition *condition,
          CacheEntry        *entry,
          xmlNode           *node)
{
  for (guint i = 0; i < condition->preds->len; i++)
    if (!pred_holds (&g_array_index (condition->preds, Pred, i), entry, node))
      return FALSE;
  return TRUE;
}

/**
 * vw_condition_eval:
 *
 * Returns: whether the condition holds; %FALSE with @error set when the
 *   connection could not be read
 */
gboolean
vw_condition_eval (const VwCondition  *condition,
                   VwLabCache         *cache,
                   GError            **error)
{
  CacheEntry *entry = cache_lookup (cache, &condition->ref, error);

  if (entry == NULL)
    return FALSE;

  if (condition->def->device_xpath != NULL)
    {
      g_autoptr(GPtrArray) nodes = NULL;
      gboolean found = FALSE;

      if (!entry->facts.exists || entry->xml == NULL)
        return FALSE;
      nodes = vw_xml_read_nodes (entry->xml, condition->def->device_xpath);
      for (guint i = 0; i < nodes->len && !found; i++)
        found = all_hold (condition, entry, nodes->pdata[i]);
      return found != condition->absent;
    }

  if (!entry->facts.exists)
    return condition->absent;
  if (condition->absent)
    return FALSE;
  return all_hold (condition, entry, NULL);
}
