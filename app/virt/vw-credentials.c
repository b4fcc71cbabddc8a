/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-credentials"

#include <glib/gi18n.h>
#include <string.h>

#include "vw-credentials-private.h"

/* What libvirt asks for while a connection opens (a user name, a password,
 * a passphrase). libvirt asks from the worker thread that opens the
 * connection; the question is handed to the main thread as one of these
 * objects, a dialog fills in the answers, and the worker thread, which
 * waits meanwhile, copies them back to libvirt. */
struct _VwCredentials
{
  GObject parent_instance;

  char *uri;
  GPtrArray *prompts;
  GPtrArray *defaults;
  GArray *secret;
  GPtrArray *answers;

  GMutex lock;
  GCond done_cond;
  gboolean done;
  gboolean answered;
};

G_DEFINE_FINAL_TYPE (VwCredentials, vw_credentials, G_TYPE_OBJECT)

static void
vw_credentials_finalize (GObject *object)
{
  VwCredentials *self = VW_CREDENTIALS (object);

  g_free (self->uri);
  g_ptr_array_unref (self->prompts);
  g_ptr_array_unref (self->defaults);
  g_array_unref (self->secret);
  /* Answers may hold a password: clear them before freeing. */
  for (guint i = 0; i < self->answers->len; i++)
    {
      char *answer = self->answers->pdata[i];

      if (answer != NULL)
        memset (answer, 0, strlen (answer));
    }
  g_ptr_array_unref (self->answers);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->done_cond);

  G_OBJECT_CLASS (vw_credentials_parent_class)->finalize (object);
}

static void
vw_credentials_class_init (VwCredentialsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vw_credentials_finalize;
}

static void
vw_credentials_init (VwCredentials *self)
{
  self->prompts = g_ptr_array_new_with_free_func (g_free);
  self->defaults = g_ptr_array_new_with_free_func (g_free);
  self->secret = g_array_new (FALSE, TRUE, sizeof (gboolean));
  self->answers = g_ptr_array_new_with_free_func (g_free);
  g_mutex_init (&self->lock);
  g_cond_init (&self->done_cond);
}

static const char *
fallback_prompt (int type)
{
  switch (type)
    {
    case VIR_CRED_USERNAME:
    case VIR_CRED_AUTHNAME:
      return _("User name");
    case VIR_CRED_PASSPHRASE:
      return _("Password");
    default:
      return _("Answer");
    }
}

/* Called in the worker thread, from libvirt's authentication callback. */
VwCredentials *
vw_credentials_new (const char             *uri,
                    virConnectCredentialPtr cred,
                    unsigned int            ncred)
{
  VwCredentials *self = g_object_new (VW_TYPE_CREDENTIALS, NULL);

  self->uri = g_strdup (uri);
  for (unsigned int i = 0; i < ncred; i++)
    {
      gboolean secret = cred[i].type == VIR_CRED_PASSPHRASE || cred[i].type == VIR_CRED_NOECHOPROMPT;
      const char *prompt = cred[i].prompt != NULL && *cred[i].prompt != '\0'
                           ? cred[i].prompt : fallback_prompt (cred[i].type);

      g_ptr_array_add (self->prompts, g_strdup (prompt));
      g_ptr_array_add (self->defaults, g_strdup (cred[i].defresult));
      g_array_append_val (self->secret, secret);
      g_ptr_array_add (self->answers, NULL);
    }
  return self;
}

/* Called in the worker thread: waits for the dialog, then hands the answers
 * to libvirt (which frees them). FALSE when cancelled or unanswered. */
gboolean
vw_credentials_wait (VwCredentials          *self,
                     virConnectCredentialPtr cred,
                     unsigned int            ncred,
                     guint                   timeout_s)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_s * G_TIME_SPAN_SECOND;
  gboolean answered;

  g_mutex_lock (&self->lock);
  while (!self->done)
    if (!g_cond_wait_until (&self->done_cond, &self->lock, deadline))
      break;
  answered = self->done && self->answered;
  g_mutex_unlock (&self->lock);

  if (!answered)
    return FALSE;

  for (unsigned int i = 0; i < ncred && i < self->answers->len; i++)
    {
      const char *answer = self->answers->pdata[i];

      if (answer == NULL)
        answer = self->defaults->pdata[i] != NULL ? self->defaults->pdata[i] : "";
      /* libvirt frees result with free(). */
      cred[i].result = strdup (answer);
      cred[i].resultlen = strlen (answer);
    }
  return TRUE;
}

const char *
vw_credentials_get_uri (VwCredentials *self)
{
  g_return_val_if_fail (VW_IS_CREDENTIALS (self), NULL);
  return self->uri;
}

guint
vw_credentials_get_n_prompts (VwCredentials *self)
{
  g_return_val_if_fail (VW_IS_CREDENTIALS (self), 0);
  return self->prompts->len;
}

const char *
vw_credentials_get_prompt (VwCredentials *self,
                           guint          index)
{
  g_return_val_if_fail (VW_IS_CREDENTIALS (self), NULL);
  g_return_val_if_fail (index < self->prompts->len, NULL);
  return self->prompts->pdata[index];
}

gboolean
vw_credentials_is_secret (VwCredentials *self,
                          guint          index)
{
  g_return_val_if_fail (VW_IS_CREDENTIALS (self), FALSE);
  g_return_val_if_fail (index < self->secret->len, FALSE);
  return g_array_index (self->secret, gboolean, index);
}

const char *
vw_credentials_get_default (VwCredentials *self,
                            guint          index)
{
  g_return_val_if_fail (VW_IS_CREDENTIALS (self), NULL);
  g_return_val_if_fail (index < self->defaults->len, NULL);
  return self->defaults->pdata[index];
}

void
vw_credentials_set_answer (VwCredentials *self,
                           guint          index,
                           const char    *answer)
{
  g_return_if_fail (VW_IS_CREDENTIALS (self));
  g_return_if_fail (index < self->answers->len);

  g_mutex_lock (&self->lock);
  g_free (self->answers->pdata[index]);
  self->answers->pdata[index] = g_strdup (answer);
  g_mutex_unlock (&self->lock);
}

/* Called once by whoever asked the user: @answered is FALSE on cancel. */
void
vw_credentials_complete (VwCredentials *self,
                         gboolean       answered)
{
  g_return_if_fail (VW_IS_CREDENTIALS (self));

  g_mutex_lock (&self->lock);
  self->done = TRUE;
  self->answered = answered;
  g_cond_signal (&self->done_cond);
  g_mutex_unlock (&self->lock);
}
