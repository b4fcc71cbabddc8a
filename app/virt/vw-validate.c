/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-validate"

#include <glib/gi18n.h>
#include <string.h>

#include "vw-validate.h"

/* Checks made before any libvirt call, so that a wrong name or URI gets a
 * clear message and nothing is attempted. libvirt itself is more lenient
 * (a domain name may hold almost anything but '/'); we keep to names that
 * every tool, file system and shell handles without quoting surprises. */

G_DEFINE_QUARK (vw-validate-error-quark, vw_validate_error)

#define MAX_NAME 64

static const char *
kind_noun (VwObjectKind kind)
{
  switch (kind)
    {
    case VW_OBJECT_MACHINE:
      return _("A machine name");
    case VW_OBJECT_NETWORK:
      return _("A network name");
    case VW_OBJECT_POOL:
      return _("A storage pool name");
    case VW_OBJECT_VOLUME:
      return _("A volume name");
    case VW_OBJECT_SNAPSHOT:
      return _("A snapshot name");
    case VW_OBJECT_FILTER:
      return _("A filter name");
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
vw_validate_name (VwObjectKind   kind,
                  const char    *name,
                  GError       **error)
{
  if (name == NULL || *name == '\0')
    {
      /* Translators: %s is "A machine name", "A network name", … */
      g_set_error (error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_NAME,
                   _("%s cannot be empty."), kind_noun (kind));
      return FALSE;
    }

  if (strlen (name) > MAX_NAME)
    {
      g_set_error (error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_NAME,
                   _("%s can have at most %d characters."), kind_noun (kind), MAX_NAME);
      return FALSE;
    }

  if (!g_ascii_isalnum (name[0]))
    {
      g_set_error (error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_NAME,
                   _("%s must start with a letter or a digit."), kind_noun (kind));
      return FALSE;
    }

  for (const char *p = name; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || strchr ("-_.+", *p) != NULL)
        continue;
      g_set_error (error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_NAME,
                   _("%s can only hold letters, digits and the characters - _ . + (found “%c”)."),
                   kind_noun (kind), g_ascii_isprint (*p) ? *p : '?');
      return FALSE;
    }

  return TRUE;
}

/* The drivers and transports a libvirt client can name in a URI. */
static const char *drivers[] = {
  "qemu", "xen", "lxc", "test", "ch", "bhyve", "vbox", "vmwareplayer", "vmwarews", "vmwarefusion",
  "openvz", "vz", "esx", "gsx", "vpx", "hyperv", NULL
};

static const char *transports[] = {
  "ssh", "libssh", "libssh2", "tcp", "tls", "unix", "ext", NULL
};

gboolean
vw_validate_uri (const char  *uri,
                 GError     **error)
{
  g_autoptr(GUri) parsed = NULL;
  g_autofree char *scheme = NULL;
  char *plus;

  if (uri == NULL || *uri == '\0')
    {
      g_set_error_literal (error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_URI,
                           _("The connection URI cannot be empty."));
      return FALSE;
    }

  parsed = g_uri_parse (uri, G_URI_FLAGS_NON_DNS | G_URI_FLAGS_ENCODED, NULL);
  if (parsed == NULL || g_uri_get_scheme (parsed) == NULL || strstr (uri, "://") == NULL)
    {
      g_set_error (error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_URI,
                   _("“%s” is not a libvirt URI; they look like qemu:///system or qemu+ssh://user@host/system."),
                   uri);
      return FALSE;
    }

  scheme = g_ascii_strdown (g_uri_get_scheme (parsed), -1);
  plus = strchr (scheme, '+');
  if (plus != NULL)
    {
      *plus = '\0';
      if (!g_strv_contains (transports, plus + 1))
        {
          g_set_error (error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_URI,
                       _("“%s” is not a transport libvirt knows; use ssh, tcp, tls, libssh, libssh2, unix or ext."),
                       plus + 1);
          return FALSE;
        }
    }

  if (!g_strv_contains (drivers, scheme))
    {
      g_set_error (error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_URI,
                   _("“%s” is not a libvirt driver; try qemu, xen, lxc or test."), scheme);
      return FALSE;
    }

  if (plus != NULL && g_strcmp0 (plus + 1, "unix") != 0
      && (g_uri_get_host (parsed) == NULL || *g_uri_get_host (parsed) == '\0'))
    {
      g_set_error (error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_URI,
                   _("A remote URI needs a host name, as in %s+%s://host/system."), scheme, plus + 1);
      return FALSE;
    }

  return TRUE;
}

gboolean
vw_validate_abs_path (const char  *path,
                      GError     **error)
{
  if (path == NULL || !g_path_is_absolute (path))
    {
      g_set_error (error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_PATH,
                   _("“%s” is not an absolute path; it must start with /."), path != NULL ? path : "");
      return FALSE;
    }
  if (strstr (path, "/../") != NULL || g_str_has_suffix (path, "/.."))
    {
      g_set_error (error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_PATH,
                   _("“%s” must not contain “..”."), path);
      return FALSE;
    }
  return TRUE;
}

gboolean
vw_validate_size (guint64   bytes,
                  GError  **error)
{
  if (bytes == 0)
    {
      g_set_error_literal (error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_RANGE,
                           _("A volume needs a size greater than zero."));
      return FALSE;
    }
  if (bytes > VW_MAX_VOLUME_SIZE)
    {
      g_autofree char *size = g_format_size_full (bytes, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_RANGE,
                   _("%s is more than the 64 TiB the lab allows for one volume."), size);
      return FALSE;
    }
  return TRUE;
}

/**
 * vw_parse_size:
 * @text: a size as virsh takes it: "20G", "512 MiB", "1.5T", "1048576"
 *   (bytes); K, M, G, T and their KiB… forms are powers of 1024, KB, MB,
 *   GB and TB powers of 1000
 *
 * Refuses what is not a size, zero, negative and absurdly large sizes.
 */
gboolean
vw_parse_size (const char  *text,
               guint64     *bytes,
               GError     **error)
{
  static const struct { const char *unit; double factor; } units[] = {
    { "", 1 }, { "b", 1 }, { "bytes", 1 },
    { "k", 1024.0 }, { "kib", 1024.0 }, { "kb", 1e3 },
    { "m", 1048576.0 }, { "mib", 1048576.0 }, { "mb", 1e6 },
    { "g", 1073741824.0 }, { "gib", 1073741824.0 }, { "gb", 1e9 },
    { "t", 1099511627776.0 }, { "tib", 1099511627776.0 }, { "tb", 1e12 },
  };
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *unit = NULL;
  char *end = NULL;
  double value;

  if (*copy == '-')
    {
      g_set_error (error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_RANGE,
                   _("“%s” is negative; a size must be greater than zero."), copy);
      return FALSE;
    }
  value = g_ascii_strtod (copy, &end);
  if (end == copy || !g_ascii_isdigit (copy[0]) || value != value)
    {
      g_set_error (error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_RANGE,
                   _("“%s” is not a size; write a number and a unit, such as 20G or 512M."), copy);
      return FALSE;
    }
  unit = g_ascii_strdown (g_strstrip (end), -1);
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (strcmp (unit, units[i].unit) == 0)
      {
        double total = value * units[i].factor;

        if (total >= (double) VW_MAX_VOLUME_SIZE * 2)
          total = (double) VW_MAX_VOLUME_SIZE * 2;
        *bytes = (guint64) total;
        return vw_validate_size (*bytes, error);
      }

  g_set_error (error, VW_VALIDATE_ERROR, VW_VALIDATE_ERROR_RANGE,
               _("“%s” is not a unit of size; use K, M, G or T (powers of 1024) or KB, MB, GB, TB."), end);
  return FALSE;
}
