/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-shell"

#include <string.h>

#include "vw-shell.h"

/* Quoting for the command lines we show: an argument that a POSIX shell
 * would read as one word is left alone (virsh start web01), anything else is
 * single-quoted, with embedded single quotes written as '\''. */

static gboolean
is_plain (const char *arg)
{
  if (*arg == '\0')
    return FALSE;
  for (const char *p = arg; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        continue;
      if (strchr ("@%+=:,./_-", *p) == NULL)
        return FALSE;
    }
  return TRUE;
}

char *
vw_shell_quote (const char *arg)
{
  GString *quoted;

  g_return_val_if_fail (arg != NULL, NULL);

  if (is_plain (arg))
    return g_strdup (arg);

  quoted = g_string_new ("'");
  for (const char *p = arg; *p != '\0'; p++)
    {
      if (*p == '\'')
        g_string_append (quoted, "'\\''");
      else
        g_string_append_c (quoted, *p);
    }
  g_string_append_c (quoted, '\'');
  return g_string_free (quoted, FALSE);
}

char *
vw_shell_join (const char * const *argv)
{
  GString *line = g_string_new (NULL);

  for (guint i = 0; argv[i] != NULL; i++)
    {
      g_autofree char *quoted = vw_shell_quote (argv[i]);

      if (i > 0)
        g_string_append_c (line, ' ');
      g_string_append (line, quoted);
    }
  return g_string_free (line, FALSE);
}
