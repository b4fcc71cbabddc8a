/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

/* What an exercise's checks can look at: the objects of a libvirt
 * connection, named as virsh names them. */
typedef enum {
  VW_LAB_DOMAIN,
  VW_LAB_SNAPSHOT,
  VW_LAB_NETWORK,
  VW_LAB_POOL,
  VW_LAB_VOLUME,
  VW_LAB_FILTER,
  VW_LAB_N_KINDS
} VwLabKind;

typedef struct
{
  VwLabKind kind;
  char *parent;       /* the domain of a snapshot, the pool of a volume */
  char *name;
  gboolean inactive;  /* read the persistent definition (next boot) */
} VwLabRef;

/* What a reader found about one object. Facts a kind does not have stay
 * at -1; @xml is NULL when the object does not exist. */
typedef struct
{
  gboolean exists;
  int state;            /* a domain's virDomainState */
  int active;
  int persistent;
  int autostart;
  int managed_save;
  int current;          /* a snapshot is the domain's current one */
  char *current_snapshot;
  char *xml;
} VwLabFacts;

void vw_lab_facts_init  (VwLabFacts *facts);
void vw_lab_facts_clear (VwLabFacts *facts);

/* Reads one object. An object that does not exist is not an error: it
 * sets exists to FALSE. An error is a connection that cannot answer. */
typedef struct _VwLabReader VwLabReader;
struct _VwLabReader
{
  gboolean (*read) (VwLabReader      *self,
                    const VwLabRef   *ref,
                    VwLabFacts       *facts,
                    GError          **error);
  void     (*free) (VwLabReader      *self);
};

void vw_lab_reader_free (VwLabReader *reader);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VwLabReader, vw_lab_reader_free)

/* One condition of a step, parsed from an element such as
 * <domain name="web01" state="running"/>. */
typedef struct _VwCondition VwCondition;

VwCondition    *vw_condition_parse    (xmlNode             *node,
                                       GError             **error);
void            vw_condition_free     (VwCondition         *condition);
const VwLabRef *vw_condition_get_ref  (const VwCondition   *condition);
/* Whether the condition says the object must be absent. */
gboolean        vw_condition_wants_absent (const VwCondition *condition);
int             vw_condition_get_line (const VwCondition   *condition);

/* Facts read once per evaluation pass and shared by its conditions. */
typedef struct _VwLabCache VwLabCache;

VwLabCache     *vw_lab_cache_new      (VwLabReader         *reader);
void            vw_lab_cache_free     (VwLabCache          *cache);
gboolean        vw_condition_eval     (const VwCondition   *condition,
                                       VwLabCache          *cache,
                                       GError             **error);

const char     *vw_lab_kind_to_string (VwLabKind            kind);
const char     *vw_domain_state_to_name (int                state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VwLabCache, vw_lab_cache_free)

G_END_DECLS
