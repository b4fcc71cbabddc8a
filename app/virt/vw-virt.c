/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-virt"

#include <glib/gi18n.h>
#include <libvirt-glib/libvirt-glib.h>
#include <libvirt/virterror.h>

#include "vw-virt.h"

G_DEFINE_QUARK (vw-virt-error-quark, vw_virt_error)

static void
ignore_libvirt_error (void        *user_data,
                      virErrorPtr  error)
{
  /* libvirt prints every error to stderr by default; ours are reported
   * through GError where they happen. */
}

/**
 * vw_virt_init:
 *
 * Prepares libvirt once per process: its event loop runs on the GLib main
 * context (so domain, network and pool events arrive on the main thread) and
 * its errors are no longer printed. Safe to call more than once.
 */
void
vw_virt_init (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      virInitialize ();
      virSetErrorFunc (NULL, ignore_libvirt_error);
      gvir_event_register ();
      g_once_init_leave (&done, 1);
    }
}

/**
 * vw_virt_set_error:
 * @what: a short description of what failed, shown before libvirt's text
 *
 * Turns the calling thread's last libvirt error into a #GError. Call it in
 * the thread that made the failing call: libvirt keeps errors per thread.
 *
 * Returns: %FALSE, so that `return vw_virt_set_error (error, …);` reads well
 */
gboolean
vw_virt_set_error (GError     **error,
                   const char  *what)
{
  virErrorPtr last = virGetLastError ();
  int code = last != NULL ? last->code : VIR_ERR_INTERNAL_ERROR;
  const char *message = (last != NULL && last->message != NULL) ? last->message : _("Unknown libvirt error");

  if (what != NULL)
    g_set_error (error, VW_VIRT_ERROR, code, "%s: %s", what, message);
  else
    g_set_error_literal (error, VW_VIRT_ERROR, code, message);

  virResetLastError ();
  return FALSE;
}

gboolean
vw_virt_error_is (const GError *error,
                  int           code)
{
  return g_error_matches (error, VW_VIRT_ERROR, code);
}

/* Whether the calling thread's last libvirt error has @code; the error is
 * cleared when it does, since the caller is about to handle it. */
gboolean
vw_virt_last_error_is (int code)
{
  virErrorPtr last = virGetLastError ();

  if (last == NULL || last->code != code)
    return FALSE;
  virResetLastError ();
  return TRUE;
}
