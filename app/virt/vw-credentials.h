/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define VW_TYPE_CREDENTIALS (vw_credentials_get_type ())

G_DECLARE_FINAL_TYPE (VwCredentials, vw_credentials, VW, CREDENTIALS, GObject)

const char *vw_credentials_get_uri       (VwCredentials *self);
guint       vw_credentials_get_n_prompts (VwCredentials *self);
const char *vw_credentials_get_prompt    (VwCredentials *self,
                                          guint          index);
gboolean    vw_credentials_is_secret     (VwCredentials *self,
                                          guint          index);
const char *vw_credentials_get_default   (VwCredentials *self,
                                          guint          index);
void        vw_credentials_set_answer    (VwCredentials *self,
                                          guint          index,
                                          const char    *answer);
void        vw_credentials_complete      (VwCredentials *self,
                                          gboolean       answered);

G_END_DECLS
