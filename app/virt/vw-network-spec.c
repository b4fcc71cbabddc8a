/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-network-spec"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <libxml/tree.h>

#include "vw-network-spec.h"
#include "vw-validate.h"
#include "vw-xml-read.h"

/* The checks libvirt would make later, or not at all, made first and told
 * in the learner's terms: a DHCP range outside the subnet is refused here
 * rather than giving a network on which no guest ever gets an address. */

static gboolean
parse_ipv4 (const char  *text,
            const char  *what,
            guint32     *value,
            GError     **error)
{
  g_autoptr(GInetAddress) address = NULL;
  const guint8 *bytes;

  if (text == NULL || *text == '\0')
    {
      /* Translators: %s is "The host address", "The DHCP range’s start", … */
      g_set_error (error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_RANGE, _("%s is missing."), what);
      return FALSE;
    }
  address = g_inet_address_new_from_string (text);
  if (address == NULL || g_inet_address_get_family (address) != G_SOCKET_FAMILY_IPV4)
    {
      /* Translators: the first %s is "The host address", … */
      g_set_error (error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_RANGE,
                   _("%s “%s” is not an IPv4 address such as 192.168.100.1."), what, text);
      return FALSE;
    }
  bytes = g_inet_address_to_bytes (address);
  *value = ((guint32) bytes[0] << 24) | ((guint32) bytes[1] << 16) | ((guint32) bytes[2] << 8) | bytes[3];
  return TRUE;
}

static char *
format_ipv4 (guint32 value)
{
  return g_strdup_printf ("%u.%u.%u.%u", value >> 24, (value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff);
}

gboolean
vw_network_spec_validate (const VwNetworkSpec  *spec,
                          GError              **error)
{
  static const char *modes[] = { "nat", "route", "isolated", NULL };
  guint32 address, mask, network, broadcast, start, end;
  g_autofree char *network_text = NULL;
  g_autofree char *subnet = NULL;
  gboolean has_start, has_end;

  if (!vw_validate_name (VW_OBJECT_NETWORK, spec->name, error))
    return FALSE;
  if (spec->mode == NULL || !g_strv_contains (modes, spec->mode))
    {
      g_set_error (error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_RANGE,
                   _("A network is NAT, routed or isolated, not “%s”."), spec->mode != NULL ? spec->mode : "");
      return FALSE;
    }
  if (!parse_ipv4 (spec->address, _("The host address"), &address, error))
    return FALSE;
  if (spec->prefix < 8 || spec->prefix > 30)
    {
      g_set_error (error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_RANGE,
                   _("The prefix length must be between 8 and 30 (a /24 holds 254 addresses), not %u."),
                   spec->prefix);
      return FALSE;
    }

  mask = G_MAXUINT32 << (32 - spec->prefix);
  network = address & mask;
  broadcast = network | ~mask;
  network_text = format_ipv4 (network);
  subnet = g_strdup_printf ("%s/%u", network_text, spec->prefix);
  if (address == network || address == broadcast)
    {
      g_set_error (error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_RANGE,
                   _("%s is the subnet’s own or broadcast address; the host needs an address inside %s, such as its first one."),
                   spec->address, subnet);
      return FALSE;
    }

  has_start = spec->dhcp_start != NULL && *spec->dhcp_start != '\0';
  has_end = spec->dhcp_end != NULL && *spec->dhcp_end != '\0';
  if (!has_start && !has_end)
    return TRUE;
  if (!parse_ipv4 (spec->dhcp_start, _("The DHCP range’s start"), &start, error)
      || !parse_ipv4 (spec->dhcp_end, _("The DHCP range’s end"), &end, error))
    return FALSE;

  if ((start & mask) != network || (end & mask) != network)
    {
      g_set_error (error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_RANGE,
                   _("The DHCP range %s – %s is not inside the subnet %s."),
                   spec->dhcp_start, spec->dhcp_end, subnet);
      return FALSE;
    }
  if (start == network || end == broadcast || start == broadcast || end == network)
    {
      g_set_error (error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_RANGE,
                   _("The DHCP range cannot include the subnet’s own address or its broadcast address."));
      return FALSE;
    }
  if (start > end)
    {
      g_set_error (error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_RANGE,
                   _("The DHCP range starts at %s, after its end %s."), spec->dhcp_start, spec->dhcp_end);
      return FALSE;
    }
  if (start <= address && address <= end)
    {
      g_set_error (error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_RANGE,
                   _("The DHCP range includes the host’s own address %s; start it after or end it before."),
                   spec->address);
      return FALSE;
    }
  return TRUE;
}

/**
 * vw_network_spec_to_xml:
 *
 * Returns: (transfer full): the network's definition, built as a tree (no
 *   text from the form is pasted into XML), or %NULL with @error set
 */
char *
vw_network_spec_to_xml (const VwNetworkSpec  *spec,
                        GError              **error)
{
  xmlDoc *doc;
  xmlNode *root, *ip;
  g_autofree char *prefix = NULL;
  char *xml;

  if (!vw_network_spec_validate (spec, error))
    return NULL;

  doc = xmlNewDoc ((const xmlChar *) "1.0");
  root = xmlNewNode (NULL, (const xmlChar *) "network");
  xmlDocSetRootElement (doc, root);
  xmlNewTextChild (root, NULL, (const xmlChar *) "name", (const xmlChar *) spec->name);
  if (g_strcmp0 (spec->mode, "isolated") != 0)
    {
      xmlNode *forward = xmlNewChild (root, NULL, (const xmlChar *) "forward", NULL);

      xmlSetProp (forward, (const xmlChar *) "mode", (const xmlChar *) spec->mode);
    }
  ip = xmlNewChild (root, NULL, (const xmlChar *) "ip", NULL);
  prefix = g_strdup_printf ("%u", spec->prefix);
  xmlSetProp (ip, (const xmlChar *) "address", (const xmlChar *) spec->address);
  xmlSetProp (ip, (const xmlChar *) "prefix", (const xmlChar *) prefix);
  if (spec->dhcp_start != NULL && *spec->dhcp_start != '\0')
    {
      xmlNode *dhcp = xmlNewChild (ip, NULL, (const xmlChar *) "dhcp", NULL);
      xmlNode *range = xmlNewChild (dhcp, NULL, (const xmlChar *) "range", NULL);

      xmlSetProp (range, (const xmlChar *) "start", (const xmlChar *) spec->dhcp_start);
      xmlSetProp (range, (const xmlChar *) "end", (const xmlChar *) spec->dhcp_end);
    }

  xml = vw_xml_doc_to_string (doc);
  xmlFreeDoc (doc);
  return xml;
}
