/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-bookmark"

#include <string.h>

#include "vw-bookmark-private.h"

/* A place in the study notes the learner wants to come back to, with an
 * optional note. Bookmarks live in a VwProgress, which makes, changes and
 * saves them; to everyone else they are read-only. */

struct _VwBookmark
{
  GObject parent_instance;

  char *objective;
  char *anchor;
  guint offset;
  char *note;
  GDateTime *created;
};

G_DEFINE_FINAL_TYPE (VwBookmark, vw_bookmark, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_OBJECTIVE,
  PROP_ANCHOR,
  PROP_OFFSET,
  PROP_NOTE,
  PROP_CREATED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
vw_bookmark_finalize (GObject *object)
{
  VwBookmark *self = VW_BOOKMARK (object);

  g_free (self->objective);
  g_free (self->anchor);
  g_free (self->note);
  g_date_time_unref (self->created);

  G_OBJECT_CLASS (vw_bookmark_parent_class)->finalize (object);
}

static void
vw_bookmark_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  VwBookmark *self = VW_BOOKMARK (object);

  switch (prop_id)
    {
    case PROP_OBJECTIVE:
      g_value_set_string (value, self->objective);
      break;
    case PROP_ANCHOR:
      g_value_set_string (value, self->anchor);
      break;
    case PROP_OFFSET:
      g_value_set_uint (value, self->offset);
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    case PROP_CREATED:
      g_value_set_boxed (value, self->created);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vw_bookmark_class_init (VwBookmarkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = vw_bookmark_finalize;
  object_class->get_property = vw_bookmark_get_property;

  properties[PROP_OBJECTIVE] = g_param_spec_string ("objective", NULL, NULL, NULL, flags);
  properties[PROP_ANCHOR] = g_param_spec_string ("anchor", NULL, NULL, NULL, flags);
  properties[PROP_OFFSET] = g_param_spec_uint ("offset", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL, flags | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CREATED] = g_param_spec_boxed ("created", NULL, NULL, G_TYPE_DATE_TIME, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vw_bookmark_init (VwBookmark *self)
{
}

VwBookmark *
vw_bookmark_new (const char *objective,
                 const char *anchor,
                 guint       offset,
                 const char *note,
                 GDateTime  *created)
{
  VwBookmark *self = g_object_new (VW_TYPE_BOOKMARK, NULL);

  self->objective = g_strdup (objective);
  self->anchor = g_strdup (anchor);
  self->offset = offset;
  self->note = g_strdup (note != NULL ? note : "");
  self->created = g_date_time_ref (created);
  return self;
}

/* TRUE if the note really changed. */
gboolean
vw_bookmark_set_note (VwBookmark *self,
                      const char *note)
{
  g_return_val_if_fail (VW_IS_BOOKMARK (self), FALSE);

  if (note == NULL)
    note = "";
  if (strcmp (self->note, note) == 0)
    return FALSE;
  g_free (self->note);
  self->note = g_strdup (note);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
  return TRUE;
}

const char *
vw_bookmark_get_objective (VwBookmark *self)
{
  g_return_val_if_fail (VW_IS_BOOKMARK (self), NULL);
  return self->objective;
}

/* The section the bookmark is in, for jumping to it. */
const char *
vw_bookmark_get_anchor (VwBookmark *self)
{
  g_return_val_if_fail (VW_IS_BOOKMARK (self), NULL);
  return self->anchor;
}

/* In characters, not bytes, from the start of the objective's text. */
guint
vw_bookmark_get_offset (VwBookmark *self)
{
  g_return_val_if_fail (VW_IS_BOOKMARK (self), 0);
  return self->offset;
}

/* Never NULL; "" when the learner wrote nothing. */
const char *
vw_bookmark_get_note (VwBookmark *self)
{
  g_return_val_if_fail (VW_IS_BOOKMARK (self), NULL);
  return self->note;
}

/* In UTC, to the second: what the file keeps. */
GDateTime *
vw_bookmark_get_created (VwBookmark *self)
{
  g_return_val_if_fail (VW_IS_BOOKMARK (self), NULL);
  return self->created;
}

/* The order of the bookmarks list: by objective, then by offset. */
int
vw_bookmark_compare (VwBookmark *a,
                     VwBookmark *b)
{
  int cmp;

  g_return_val_if_fail (VW_IS_BOOKMARK (a) && VW_IS_BOOKMARK (b), 0);

  if ((cmp = vw_objective_id_compare (a->objective, b->objective)) != 0)
    return cmp;
  return a->offset < b->offset ? -1 : a->offset > b->offset;
}

/* Objective ids are dotted numbers, and 351.10 comes after 351.9: runs of
 * digits compare as numbers, everything else byte by byte. */
int
vw_objective_id_compare (const char *a,
                         const char *b)
{
  while (*a != '\0' && *b != '\0')
    {
      if (g_ascii_isdigit (*a) && g_ascii_isdigit (*b))
        {
          const char *end_a;
          const char *end_b;
          int cmp;

          while (*a == '0' && g_ascii_isdigit (a[1]))
            a++;
          while (*b == '0' && g_ascii_isdigit (b[1]))
            b++;
          for (end_a = a; g_ascii_isdigit (*end_a); end_a++)
            ;
          for (end_b = b; g_ascii_isdigit (*end_b); end_b++)
            ;
          if (end_a - a != end_b - b)
            return end_a - a < end_b - b ? -1 : 1;
          if ((cmp = strncmp (a, b, end_a - a)) != 0)
            return cmp < 0 ? -1 : 1;
          a = end_a;
          b = end_b;
        }
      else if (*a != *b)
        return (guchar) *a < (guchar) *b ? -1 : 1;
      else
        a++, b++;
    }
  return (*a != '\0') - (*b != '\0');
}
