/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "vw-topic.h"

G_BEGIN_DECLS

#define VW_TYPE_NOTES_PAGE (vw_notes_page_get_type ())

G_DECLARE_FINAL_TYPE (VwNotesPage, vw_notes_page, VW, NOTES_PAGE, GtkWidget)

VwTopic *vw_notes_page_get_topic (VwNotesPage *self);
void     vw_notes_page_set_topic (VwNotesPage *self,
                                  VwTopic     *topic);

G_END_DECLS
