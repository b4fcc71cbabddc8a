/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "vw-application.h"
#include "vw-connection-list.h"
#include "vw-exam-page.h"
#include "vw-exercises-pane.h"
#include "vw-lab-page.h"
#include "vw-notes-page.h"
#include "vw-window.h"
#include "vw-workspace.h"

G_BEGIN_DECLS

/* The main window: exam objectives in a sidebar, then the notes of the
 * selected objective beside the lab. Narrow windows fold the sidebar away
 * (AdwLeaflet) and stack the notes above the lab (VwWorkspace). */
struct _VwWindow
{
  AdwApplicationWindow parent_instance;

  GSettings *settings;
  VwConnectionList *connections;
  GListModel *topics;
  char *current_topic;
  GPtrArray *sections;        /* GStrv per objective: its sections, for readiness */

  AdwToastOverlay *toast_overlay;
  AdwLeaflet *leaflet;
  GtkListBox *topic_list;
  AdwWindowTitle *sidebar_title;
  AdwWindowTitle *content_title;
  VwWorkspace *workspace;
  VwNotesPage *notes_page;
  GtkStack *study_stack;
  VwExercisesPane *exercises_pane;
  VwLabPage *lab_page;
  GtkStack *content_stack;
  VwExamPage *exam_page;
  VwExerciseCatalog *exercises;
  VwProgress *progress;
  VwExamHistory *history;
};

/* vw-window-study.c: exercises, "Try in Lab" and the practice exam. */
void vw_window_study_install_actions (GtkWidgetClass *widget_class);
void vw_window_setup_exercises       (VwWindow       *self,
                                      VwApplication  *application);
void vw_window_setup_exam            (VwWindow       *self,
                                      VwApplication  *application);
void vw_window_update_readiness      (VwWindow       *self,
                                      VwProgress     *progress);

G_END_DECLS
