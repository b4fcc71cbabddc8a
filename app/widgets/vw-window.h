/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "vw-application.h"
#include "vw-lab-page.h"
#include "vw-notes-page.h"

G_BEGIN_DECLS

#define VW_TYPE_WINDOW (vw_window_get_type ())

G_DECLARE_FINAL_TYPE (VwWindow, vw_window, VW, WINDOW, AdwApplicationWindow)

VwWindow    *vw_window_new             (VwApplication *application,
                                        const char    *uri);
void         vw_window_connect         (VwWindow      *self,
                                        const char    *uri);
gboolean     vw_window_select_topic    (VwWindow      *self,
                                        const char    *id);
void         vw_window_select_domain   (VwWindow      *self,
                                        const char    *name);
void         vw_window_show_console    (VwWindow      *self,
                                        const char    *name);
void         vw_window_show_message    (VwWindow      *self,
                                        const char    *message);
VwNotesPage *vw_window_get_notes_page  (VwWindow      *self);
gboolean     vw_window_open_exercise   (VwWindow      *self,
                                        const char    *id);
GtkWidget   *vw_window_get_exercises_pane (VwWindow   *self);
VwLabPage   *vw_window_get_lab_page    (VwWindow      *self);
VwConnectionList *vw_window_get_connections (VwWindow   *self);

G_END_DECLS
