/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef struct _VwApplication VwApplication;

VwApplication    *vw_test_ui_init           (void);
/* A VwTestCondition: @data, a widget, is mapped. */
gboolean          vw_test_is_mapped         (gpointer    data);
/* Shows @window at @width × @height and waits until it is mapped. */
void              vw_test_present           (GtkWindow  *window,
                                             int         width,
                                             int         height);
AdwMessageDialog *vw_test_find_dialog       (guint       timeout_ms);
void              vw_test_respond_to_dialog (const char *response);
GtkWidget        *vw_test_find_widget       (GtkWidget  *root,
                                             GType       type);
void              vw_test_save_screenshot   (GtkWidget  *widget,
                                             const char *name);
/* The 0xRRGGBB colour at (@x, @y) of @window as the X server shows it:
 * what the user sees, after GTK's own redraw decisions. */
guint32           vw_test_window_pixel      (GtkWidget  *window,
                                             int         x,
                                             int         y);
GtkWidget        *vw_test_find_entry_row    (GtkWidget  *root,
                                             const char *title);
GtkWidget        *vw_test_find_button       (GtkWidget  *root,
                                             const char *tooltip);
void              vw_test_set_entry_row     (GtkWidget  *root,
                                             const char *title,
                                             const char *text);

G_END_DECLS
