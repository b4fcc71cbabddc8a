/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-domain-stats"

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <string.h>

#include "vw-connection-private.h"
#include "vw-domain-private.h"
#include "vw-domain-stats.h"

/* Live usage of one running domain for the small graphs: CPU, memory, disk
 * and network. This is the one place where libvirt is polled, because it
 * sends no events for usage: once a second, only while the graphs are on
 * screen (vw_domain_stats_set_active()) and the domain runs, one
 * virDomainListGetStats() call in a worker thread. */

#define POLL_INTERVAL_MS 1000

struct _VwDomainStats
{
  GObject parent_instance;

  VwDomain *domain;
  gboolean active;
  guint poll_id;
  gboolean polling;
  guint n_polls;

  /* The previous raw counters, to turn them into rates. */
  gboolean have_previous;
  gint64 previous_time;
  guint64 previous[VW_N_STATS];

  gboolean has_data;
  double history[VW_N_STATS][VW_STATS_HISTORY];
  guint n_values;
};

G_DEFINE_FINAL_TYPE (VwDomainStats, vw_domain_stats, G_TYPE_OBJECT)

enum {
  UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  virDomainPtr dom;
  gboolean has_cpu;
  guint64 raw[VW_N_STATS];
  gint64 time;
} Sample;

static void
sample_free (Sample *sample)
{
  virDomainFree (sample->dom);
  g_free (sample);
}

static void
sample_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Sample *sample = task_data;
  virDomainPtr doms[] = { sample->dom, NULL };
  virDomainStatsRecordPtr *records = NULL;
  unsigned int groups = VIR_DOMAIN_STATS_CPU_TOTAL | VIR_DOMAIN_STATS_BALLOON
                        | VIR_DOMAIN_STATS_BLOCK | VIR_DOMAIN_STATS_INTERFACE;
  int n = virDomainListGetStats (doms, groups, &records, 0);

  sample->time = g_get_monotonic_time ();
  for (int r = 0; r < n; r++)
    {
      for (int i = 0; i < records[r]->nparams; i++)
        {
          virTypedParameterPtr param = &records[r]->params[i];
          guint64 value = param->type == VIR_TYPED_PARAM_ULLONG ? param->value.ul
                          : param->type == VIR_TYPED_PARAM_UINT ? param->value.ui : 0;
          const char *field = param->field;

          if (strcmp (field, "cpu.time") == 0)
            {
              sample->raw[VW_STAT_CPU] = value;
              sample->has_cpu = TRUE;
            }
          else if (strcmp (field, "balloon.rss") == 0 || (strcmp (field, "balloon.current") == 0
                                                          && sample->raw[VW_STAT_MEMORY] == 0))
            sample->raw[VW_STAT_MEMORY] = value;
          else if (g_str_has_prefix (field, "block.")
                   && (g_str_has_suffix (field, ".rd.bytes") || g_str_has_suffix (field, ".wr.bytes")))
            sample->raw[VW_STAT_DISK] += value;
          else if (g_str_has_prefix (field, "net.")
                   && (g_str_has_suffix (field, ".rx.bytes") || g_str_has_suffix (field, ".tx.bytes")))
            sample->raw[VW_STAT_NETWORK] += value;
        }
    }
  if (records != NULL)
    virDomainStatsRecordListFree (records);
  virResetLastError ();
  g_task_return_boolean (task, TRUE);
}

static void
push (VwDomainStats *self,
      const double  *values)
{
  if (self->n_values == VW_STATS_HISTORY)
    {
      for (guint s = 0; s < VW_N_STATS; s++)
        memmove (self->history[s], self->history[s] + 1, (VW_STATS_HISTORY - 1) * sizeof (double));
      self->n_values--;
    }
  for (guint s = 0; s < VW_N_STATS; s++)
    self->history[s][self->n_values] = values[s];
  self->n_values++;
}

static void schedule_poll (VwDomainStats *self);

static void
sample_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  VwDomainStats *self = VW_DOMAIN_STATS (object);
  Sample *sample = g_task_get_task_data (G_TASK (result));

  self->polling = FALSE;
  self->n_polls++;

  /* Drivers without counters (the sandbox's test driver) give no CPU time. */
  if (sample->has_cpu)
    {
      if (self->have_previous)
        {
          double seconds = (sample->time - self->previous_time) / (double) G_USEC_PER_SEC;
          double values[VW_N_STATS];

          if (seconds <= 0)
            seconds = 1;
          values[VW_STAT_CPU] = (sample->raw[VW_STAT_CPU] - self->previous[VW_STAT_CPU]) / (seconds * 1e7);
          values[VW_STAT_MEMORY] = sample->raw[VW_STAT_MEMORY];
          values[VW_STAT_DISK] = (sample->raw[VW_STAT_DISK] - MIN (self->previous[VW_STAT_DISK],
                                                                   sample->raw[VW_STAT_DISK])) / seconds;
          values[VW_STAT_NETWORK] = (sample->raw[VW_STAT_NETWORK] - MIN (self->previous[VW_STAT_NETWORK],
                                                                         sample->raw[VW_STAT_NETWORK])) / seconds;
          values[VW_STAT_CPU] = MAX (values[VW_STAT_CPU], 0);
          push (self, values);
          self->has_data = TRUE;
        }
      memcpy (self->previous, sample->raw, sizeof self->previous);
      self->previous_time = sample->time;
      self->have_previous = TRUE;
    }

  g_signal_emit (self, signals[UPDATED], 0);
  schedule_poll (self);
}

static gboolean
poll_now (gpointer user_data)
{
  VwDomainStats *self = user_data;
  g_autoptr(GTask) task = NULL;
  Sample *sample;
  virDomainPtr dom;

  self->poll_id = 0;
  if (!self->active || !vw_domain_state_is_active (vw_domain_get_state (self->domain)))
    return G_SOURCE_REMOVE;

  dom = vw_domain_ref_virdomain (self->domain);
  if (dom == NULL)
    return G_SOURCE_REMOVE;

  sample = g_new0 (Sample, 1);
  sample->dom = dom;
  task = g_task_new (self, NULL, sample_done, NULL);
  g_task_set_task_data (task, sample, (GDestroyNotify) sample_free);
  self->polling = TRUE;
  g_task_run_in_thread (task, sample_thread);
  return G_SOURCE_REMOVE;
}

static void
schedule_poll (VwDomainStats *self)
{
  if (!self->active || self->poll_id != 0 || self->polling
      || !vw_domain_state_is_active (vw_domain_get_state (self->domain)))
    return;
  self->poll_id = g_timeout_add (self->have_previous ? POLL_INTERVAL_MS : 0, poll_now, self);
}

static void
on_state_changed (VwDomainStats *self)
{
  /* A stopped domain's counters start from zero when it runs again. */
  if (!vw_domain_state_is_active (vw_domain_get_state (self->domain)))
    self->have_previous = FALSE;
  schedule_poll (self);
}

/* Polls while @active (the graphs are visible) and the domain runs. */
void
vw_domain_stats_set_active (VwDomainStats *self,
                            gboolean       active)
{
  g_return_if_fail (VW_IS_DOMAIN_STATS (self));

  self->active = active;
  if (!active)
    {
      g_clear_handle_id (&self->poll_id, g_source_remove);
      self->have_previous = FALSE;
    }
  else
    schedule_poll (self);
}

gboolean
vw_domain_stats_get_active (VwDomainStats *self)
{
  g_return_val_if_fail (VW_IS_DOMAIN_STATS (self), FALSE);
  return self->active;
}

/* Whether the driver gives usage counters at all. */
gboolean
vw_domain_stats_has_data (VwDomainStats *self)
{
  g_return_val_if_fail (VW_IS_DOMAIN_STATS (self), FALSE);
  return self->has_data;
}

double
vw_domain_stats_get_latest (VwDomainStats *self,
                            VwStat         stat)
{
  g_return_val_if_fail (VW_IS_DOMAIN_STATS (self), 0);
  g_return_val_if_fail (stat < VW_N_STATS, 0);
  return self->n_values > 0 ? self->history[stat][self->n_values - 1] : 0;
}

/**
 * vw_domain_stats_get_history:
 * @n_values: (out): how many values there are, oldest first
 */
const double *
vw_domain_stats_get_history (VwDomainStats *self,
                             VwStat         stat,
                             guint         *n_values)
{
  g_return_val_if_fail (VW_IS_DOMAIN_STATS (self), NULL);
  g_return_val_if_fail (stat < VW_N_STATS, NULL);
  *n_values = self->n_values;
  return self->history[stat];
}

guint
vw_domain_stats_get_n_polls (VwDomainStats *self)
{
  g_return_val_if_fail (VW_IS_DOMAIN_STATS (self), 0);
  return self->n_polls;
}

static void
vw_domain_stats_dispose (GObject *object)
{
  VwDomainStats *self = VW_DOMAIN_STATS (object);

  self->active = FALSE;
  g_clear_handle_id (&self->poll_id, g_source_remove);
  if (self->domain != NULL)
    g_signal_handlers_disconnect_by_data (self->domain, self);
  g_clear_object (&self->domain);

  G_OBJECT_CLASS (vw_domain_stats_parent_class)->dispose (object);
}

static void
vw_domain_stats_class_init (VwDomainStatsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = vw_domain_stats_dispose;

  /**
   * VwDomainStats::updated:
   *
   * A poll finished (with or without new values).
   */
  signals[UPDATED] = g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
vw_domain_stats_init (VwDomainStats *self)
{
}

VwDomainStats *
vw_domain_stats_new (VwDomain *domain)
{
  VwDomainStats *self = g_object_new (VW_TYPE_DOMAIN_STATS, NULL);

  self->domain = g_object_ref (domain);
  g_signal_connect_swapped (domain, "notify::state", G_CALLBACK (on_state_changed), self);
  return self;
}
