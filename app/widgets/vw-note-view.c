/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-note-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "vw-note-buffer.h"
#include "vw-note-view.h"

/* Diagrams are drawn at most this wide, and narrower with the pane. */
#define IMAGE_WIDTH 680

struct _VwNoteView
{
  GtkWidget parent_instance;

  GtkTextView *text_view;
  GtkTextBuffer *buffer;
  GtkCssProvider *zoom_css;
  const VwNoteDoc *doc;       /* owned by the library */
  GArray *anchors;            /* VwNoteAnchor */
  GPtrArray *pictures;        /* GtkPicture, kept as wide as the view allows */
  GPtrArray *toolbars;        /* code block toolbars, as wide as the block */
  int fit_width;              /* what the page has room for */
  int fitted_width;
  gboolean hovering_link;
};

G_DEFINE_FINAL_TYPE (VwNoteView, vw_note_view, GTK_TYPE_WIDGET)

enum {
  SIGNAL_LINK_ACTIVATED,
  SIGNAL_TRY_IN_LAB,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The command on a line of a console block ("$ " or "# " before it), or
 * NULL for a line of output. */
static const char *
prompted_command (const char *line)
{
  if (g_str_has_prefix (line, "$ ") || g_str_has_prefix (line, "# "))
    return line + 2;
  return NULL;
}

char *
vw_note_lab_command (const VwNoteCodeBlock *block)
{
  g_auto(GStrv) lines = NULL;

  g_return_val_if_fail (block != NULL, NULL);

  lines = g_strsplit (block->code, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      /* In a console block only prompted lines are commands. */
      if (g_str_equal (block->language, "console") && (line = prompted_command (line)) == NULL)
        continue;
      while (*line == ' ')
        line++;
      if (*line == '\0')
        continue;
      if (g_str_has_prefix (line, "virsh ") || g_str_equal (line, "virsh"))
        return g_strstrip (g_strdup (line));
      return NULL;
    }
  return NULL;
}

static void
on_copy_clicked (GtkButton  *button,
                 VwNoteView *self)
{
  const VwNoteCodeBlock *block = g_object_get_data (G_OBJECT (button), "vw-code-block");
  g_autoptr(GString) text = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;

  if (block == NULL)
    return;
  /* A console block copies its commands, without prompts or output. */
  if (g_str_equal (block->language, "console"))
    {
      lines = g_strsplit (block->code, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        if (prompted_command (lines[i]) != NULL)
          g_string_append_printf (text, "%s\n", prompted_command (lines[i]));
    }
  if (text->len == 0)
    g_string_assign (text, block->code);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text->str);
  gtk_button_set_icon_name (button, "object-select-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (button), _("Copied"));
}

static void
on_try_clicked (GtkButton  *button,
                VwNoteView *self)
{
  const char *command = g_object_get_data (G_OBJECT (button), "vw-command");

  if (command != NULL)
    g_signal_emit (self, signals[SIGNAL_TRY_IN_LAB], 0, command);
}

static GtkWidget *
code_toolbar_new (VwNoteView            *self,
                  const VwNoteCodeBlock *block)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *language = gtk_label_new (block->language);
  GtkWidget *copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  g_autofree char *command = vw_note_lab_command (block);

  gtk_widget_add_css_class (box, "note-code-toolbar");
  g_ptr_array_add (self->toolbars, box);
  gtk_widget_add_css_class (language, "dim-label");
  gtk_widget_add_css_class (language, "caption");
  gtk_widget_set_hexpand (language, TRUE);
  gtk_label_set_xalign (GTK_LABEL (language), 0);
  gtk_box_append (GTK_BOX (box), language);

  if (command != NULL)
    {
      GtkWidget *try = gtk_button_new_with_label (_("Try in Lab"));

      gtk_widget_add_css_class (try, "flat");
      gtk_widget_add_css_class (try, "caption");
      gtk_widget_set_tooltip_text (try, command);
      g_object_set_data_full (G_OBJECT (try), "vw-command", g_steal_pointer (&command), g_free);
      g_signal_connect (try, "clicked", G_CALLBACK (on_try_clicked), self);
      gtk_box_append (GTK_BOX (box), try);
    }

  gtk_widget_add_css_class (copy, "flat");
  gtk_widget_set_tooltip_text (copy, _("Copy"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (copy), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Copy the code"), -1);
  g_object_set_data (G_OBJECT (copy), "vw-code-block", (gpointer) block);
  g_signal_connect (copy, "clicked", G_CALLBACK (on_copy_clicked), self);
  gtk_box_append (GTK_BOX (box), copy);
  return box;
}

static GtkWidget *
picture_new (VwNoteView        *self,
             VwNotesLibrary    *library,
             const VwNoteImage *image)
{
  g_autofree char *path = vw_notes_library_image_path (library, image->src);
  GtkWidget *picture = gtk_picture_new ();

  if (path != NULL)
    gtk_picture_set_filename (GTK_PICTURE (picture), path);
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_CONTAIN);
  gtk_picture_set_alternative_text (GTK_PICTURE (picture), image->alt);
  gtk_widget_set_tooltip_text (picture, image->alt);
  gtk_widget_add_css_class (picture, "note-image");
  g_ptr_array_add (self->pictures, picture);
  return picture;
}

/* Pictures as wide as the page has room for, at most IMAGE_WIDTH, and as
 * high as their aspect ratio wants, and code toolbars as wide as their
 * block: GtkTextView gives a child its natural size, so the page says how
 * wide it is (from its own width, not this view's, which these requests
 * hold up). */
void
vw_note_view_fit_width (VwNoteView *self,
                        int         width)
{
  int available = MAX (120, MIN (IMAGE_WIDTH, width - 32));

  /* Child widgets of a text view get their natural size: set it when the
   * width changes, not on every allocation. */
  g_return_if_fail (VW_IS_NOTE_VIEW (self));

  self->fit_width = width;
  if (width <= 0 || width == self->fitted_width)
    return;
  self->fitted_width = width;
  for (guint i = 0; i < self->toolbars->len; i++)
    gtk_widget_set_size_request (g_ptr_array_index (self->toolbars, i), MAX (0, width - 30), -1);

  for (guint i = 0; i < self->pictures->len; i++)
    {
      GtkWidget *picture = g_ptr_array_index (self->pictures, i);
      GdkPaintable *paintable = gtk_picture_get_paintable (GTK_PICTURE (picture));
      double ratio = paintable != NULL ? gdk_paintable_get_intrinsic_aspect_ratio (paintable) : 0;
      int intrinsic = paintable != NULL ? gdk_paintable_get_intrinsic_width (paintable) : 0;
      int w = intrinsic > 0 ? MIN (available, intrinsic) : available;

      if (ratio > 0)
        gtk_widget_set_size_request (picture, w, (int) (w / ratio));
    }
  for (guint i = 0; self->anchors != NULL && i < self->anchors->len; i++)
    vw_note_buffer_relayout (self->buffer,
                             g_array_index (self->anchors, VwNoteAnchor, i).anchor);
}

void
vw_note_view_show (VwNoteView      *self,
                   VwNotesLibrary  *library,
                   const VwNoteDoc *doc)
{
  g_return_if_fail (VW_IS_NOTE_VIEW (self));

  g_ptr_array_set_size (self->pictures, 0);
  g_ptr_array_set_size (self->toolbars, 0);
  self->fitted_width = -1;
  g_clear_pointer (&self->anchors, g_array_unref);
  self->doc = doc;
  if (doc == NULL)
    {
      gtk_text_buffer_set_text (self->buffer, "", 0);
      return;
    }

  self->anchors = vw_note_buffer_fill (self->buffer, doc);
  for (guint i = 0; i < self->anchors->len; i++)
    {
      VwNoteAnchor *anchor = &g_array_index (self->anchors, VwNoteAnchor, i);
      GtkWidget *child;

      if (anchor->kind == VW_NOTE_ANCHOR_CODE)
        child = code_toolbar_new (self, &g_array_index (doc->code_blocks, VwNoteCodeBlock,
                                                        anchor->index));
      else
        child = picture_new (self, library, &g_array_index (doc->images, VwNoteImage,
                                                            anchor->index));
      gtk_text_view_add_child_at_anchor (self->text_view, child, anchor->anchor);
    }
  vw_note_view_fit_width (self, self->fit_width);
}

GtkTextView *
vw_note_view_get_text_view (VwNoteView *self)
{
  g_return_val_if_fail (VW_IS_NOTE_VIEW (self), NULL);
  return self->text_view;
}

int
vw_note_view_offset_to_y (VwNoteView *self,
                          guint       offset)
{
  GtkTextIter iter;
  GdkRectangle rect;
  graphene_point_t point;

  g_return_val_if_fail (VW_IS_NOTE_VIEW (self), -1);

  if (self->doc == NULL)
    return -1;
  gtk_text_buffer_get_iter_at_offset (self->buffer, &iter, offset);
  gtk_text_view_get_iter_location (self->text_view, &iter, &rect);
  if (!gtk_widget_compute_point (GTK_WIDGET (self->text_view), GTK_WIDGET (self),
                                 &GRAPHENE_POINT_INIT (0, rect.y), &point))
    return rect.y;
  return (int) point.y;
}

guint
vw_note_view_y_to_offset (VwNoteView *self,
                          int         y)
{
  GtkTextIter iter;
  graphene_point_t point;
  int line_top;

  g_return_val_if_fail (VW_IS_NOTE_VIEW (self), 0);

  if (!gtk_widget_compute_point (GTK_WIDGET (self), GTK_WIDGET (self->text_view),
                                 &GRAPHENE_POINT_INIT (0, y), &point))
    point.y = y;
  gtk_text_view_get_line_at_y (self->text_view, &iter, MAX (0, (int) point.y), &line_top);
  return gtk_text_iter_get_offset (&iter);
}

void
vw_note_view_set_zoom (VwNoteView *self,
                       double      zoom)
{
  g_autofree char *css = NULL;
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_if_fail (VW_IS_NOTE_VIEW (self));

  g_ascii_formatd (number, sizeof number, "%.0f", CLAMP (zoom, 0.5, 3.0) * 100);
  css = g_strdup_printf ("textview.note { font-size: %s%%; }", number);
  gtk_css_provider_load_from_data (self->zoom_css, css, -1);
}

void
vw_note_view_highlight (VwNoteView *self,
                        guint       start,
                        guint       end)
{
  g_return_if_fail (VW_IS_NOTE_VIEW (self));
  vw_note_buffer_highlight (self->buffer, start, end);
}

/* The link under a point of the text view, if any. */
static const VwNoteLink *
link_at (VwNoteView *self,
         double      x,
         double      y)
{
  GtkTextIter iter;
  int bx, by;
  guint offset;

  if (self->doc == NULL)
    return NULL;
  gtk_text_view_window_to_buffer_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET, (int) x,
                                         (int) y, &bx, &by);
  if (!gtk_text_view_get_iter_at_location (self->text_view, &iter, bx, by))
    return NULL;
  offset = gtk_text_iter_get_offset (&iter);
  for (guint i = 0; i < self->doc->links->len; i++)
    {
      const VwNoteLink *link = &g_array_index (self->doc->links, VwNoteLink, i);

      if (offset >= link->start && offset < link->end)
        return link;
    }
  return NULL;
}

static void
on_released (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             VwNoteView      *self)
{
  GtkTextIter start, end;
  const VwNoteLink *link;

  /* A click that ends a selection is not a link's. */
  if (gtk_text_buffer_get_selection_bounds (self->buffer, &start, &end))
    return;
  link = link_at (self, x, y);
  if (link != NULL)
    g_signal_emit (self, signals[SIGNAL_LINK_ACTIVATED], 0, link->url);
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           VwNoteView               *self)
{
  gboolean hovering = link_at (self, x, y) != NULL;

  if (hovering == self->hovering_link)
    return;
  self->hovering_link = hovering;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->text_view), hovering ? "pointer" : "text");
}

static void
on_dark_changed (AdwStyleManager *manager,
                 GParamSpec      *pspec,
                 VwNoteView      *self)
{
  vw_note_buffer_set_dark (self->buffer, adw_style_manager_get_dark (manager));
}

static void
vw_note_view_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  VwNoteView *self = VW_NOTE_VIEW (widget);

  gtk_widget_allocate (GTK_WIDGET (self->text_view), width, height, baseline, NULL);
}

static void
vw_note_view_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  gtk_widget_measure (GTK_WIDGET (VW_NOTE_VIEW (widget)->text_view), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
vw_note_view_dispose (GObject *object)
{
  VwNoteView *self = VW_NOTE_VIEW (object);

  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  g_clear_pointer ((GtkWidget **) &self->text_view, gtk_widget_unparent);
  g_clear_object (&self->buffer);
  g_clear_pointer (&self->anchors, g_array_unref);
  g_clear_pointer (&self->pictures, g_ptr_array_unref);
  g_clear_pointer (&self->toolbars, g_ptr_array_unref);
  if (self->zoom_css != NULL)
    gtk_style_context_remove_provider_for_display (gdk_display_get_default (),
                                                   GTK_STYLE_PROVIDER (self->zoom_css));
  g_clear_object (&self->zoom_css);

  G_OBJECT_CLASS (vw_note_view_parent_class)->dispose (object);
}

static void
vw_note_view_class_init (VwNoteViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vw_note_view_dispose;
  widget_class->size_allocate = vw_note_view_size_allocate;
  widget_class->measure = vw_note_view_measure;

  /* A link was clicked: its target as written in the note. */
  signals[SIGNAL_LINK_ACTIVATED] =
    g_signal_new ("link-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* "Try in Lab" on a code block: its virsh command. */
  signals[SIGNAL_TRY_IN_LAB] =
    g_signal_new ("try-in-lab", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "noteview");
}

static void
vw_note_view_init (VwNoteView *self)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->pictures = g_ptr_array_new ();
  self->toolbars = g_ptr_array_new ();
  self->buffer = vw_note_buffer_new ();
  self->text_view = GTK_TEXT_VIEW (gtk_text_view_new_with_buffer (self->buffer));
  gtk_text_view_set_editable (self->text_view, FALSE);
  gtk_text_view_set_cursor_visible (self->text_view, FALSE);
  gtk_text_view_set_wrap_mode (self->text_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_pixels_below_lines (self->text_view, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->text_view), "note");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Study notes"), -1);
  gtk_widget_set_parent (GTK_WIDGET (self->text_view), GTK_WIDGET (self));

  /* The zoom is the text view's font size; the tags scale from it. */
  self->zoom_css = gtk_css_provider_new ();
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (self->zoom_css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
  vw_note_view_set_zoom (self, 1.0);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (on_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), motion);

  vw_note_buffer_set_dark (self->buffer, adw_style_manager_get_dark (style));
  g_signal_connect (style, "notify::dark", G_CALLBACK (on_dark_changed), self);
}

GtkWidget *
vw_note_view_new (void)
{
  return g_object_new (VW_TYPE_NOTE_VIEW, NULL);
}
