/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-define-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "vw-define-dialog.h"

/* A new machine (or network filter) from XML, as `virsh define FILE` does:
 * a small starting definition in the XML editor, checked and diffed like
 * any edit, then validated by libvirt. The dialog stays open on a refusal,
 * with the message at its line. Also a window that only shows some XML. */

/* A machine that boots nothing, enough to define and start. The test
 * driver wants type='test'; QEMU connections get a TCG guest, which runs
 * without KVM. */
char *
vw_define_dialog_template (VwConnection *connection)
{
  g_autofree char *uuid = g_uuid_string_random ();
  const char *type = g_str_has_prefix (vw_connection_get_uri (connection), "test:") ? "test" : "qemu";

  return g_strdup_printf ("<domain type='%s'>\n"
                          "  <name>newvm</name>\n"
                          "  <uuid>%s</uuid>\n"
                          "  <memory unit='MiB'>512</memory>\n"
                          "  <vcpu>1</vcpu>\n"
                          "  <os>\n"
                          "    <type arch='x86_64'>hvm</type>\n"
                          "    <boot dev='hd'/>\n"
                          "  </os>\n"
                          "  <devices>\n"
                          "    <graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1'/>\n"
                          "  </devices>\n"
                          "</domain>\n", type, uuid);
}

static void
define_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GtkWindow) dialog = user_data;
  VwXmlEditor *editor = vw_define_dialog_get_editor (dialog);
  g_autoptr(GError) error = NULL;

  if (!vw_connection_op_finish (VW_CONNECTION (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && editor != NULL)
        vw_xml_editor_report_failure (editor, error->message);
      return;
    }
  gtk_window_destroy (dialog);
}

static void
on_apply (VwXmlEditor *editor,
          const char  *text,
          GtkWindow   *dialog)
{
  VwConnection *connection = g_object_get_data (G_OBJECT (dialog), "connection");

  if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "kind")) == VW_DEFINE_FILTER)
    vw_connection_define_filter_async (connection, text, NULL, define_done, g_object_ref (dialog));
  else
    vw_connection_define_domain_async (connection, text, NULL, define_done, g_object_ref (dialog));
}

/* A window with a header bar and an XML editor, modal over @parent. */
static GtkWidget *
editor_window (GtkWidget   *parent,
               const char  *heading,
               const char  *subtitle,
               GtkWidget  **editor_out)
{
  GtkRoot *root = gtk_widget_get_root (parent);
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *title = adw_window_title_new (heading, subtitle);
  GtkWidget *editor = vw_xml_editor_new ();

  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  gtk_box_append (GTK_BOX (box), header);
  gtk_widget_set_vexpand (editor, TRUE);
  gtk_box_append (GTK_BOX (box), editor);
  adw_window_set_content (ADW_WINDOW (window), box);

  gtk_window_set_title (GTK_WINDOW (window), heading);
  gtk_window_set_default_size (GTK_WINDOW (window), 620, 560);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  g_object_set_data (G_OBJECT (window), "editor", editor);
  *editor_out = editor;
  return window;
}

/**
 * vw_xml_window_show:
 *
 * Shows @xml read-only, for what the lab does not edit (a network
 * filter's rules as libvirt keeps them, a snapshot).
 */
GtkWindow *
vw_xml_window_show (GtkWidget  *parent,
                    const char *heading,
                    const char *subtitle,
                    const char *xml)
{
  GtkWidget *editor;
  GtkWidget *window = editor_window (parent, heading, subtitle, &editor);

  vw_xml_editor_set_document (VW_XML_EDITOR (editor), xml);
  vw_xml_editor_set_read_only (VW_XML_EDITOR (editor), TRUE);
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}

/* The starting point of a new network filter: no spoofing of the guest's
 * MAC address, the rule libvirt's own clean-traffic filter begins with. */
static char *
filter_template (void)
{
  g_autofree char *uuid = g_uuid_string_random ();

  return g_strdup_printf ("<filter name='lab-no-mac-spoofing' chain='mac' priority='-800'>\n"
                          "  <uuid>%s</uuid>\n"
                          "  <rule action='drop' direction='out' priority='500'>\n"
                          "    <mac match='no' srcmacaddr='$MAC'/>\n"
                          "  </rule>\n"
                          "</filter>\n", uuid);
}

GtkWindow *
vw_define_dialog_show (GtkWidget    *parent,
                       VwConnection *connection)
{
  return vw_define_dialog_show_kind (parent, connection, VW_DEFINE_MACHINE);
}

GtkWindow *
vw_define_dialog_show_kind (GtkWidget    *parent,
                            VwConnection *connection,
                            VwDefineKind  kind)
{
  gboolean filter = kind == VW_DEFINE_FILTER;
  g_autofree char *template = filter ? filter_template () : vw_define_dialog_template (connection);
  GtkWidget *editor;
  GtkWidget *window = editor_window (parent, filter ? _("Define a Network Filter") : _("Define a Machine"),
                                     filter ? _("Same as: virsh nwfilter-define FILE")
                                            : _("Same as: virsh define FILE"),
                                     &editor);

  g_object_set_data_full (G_OBJECT (window), "connection", g_object_ref (connection), g_object_unref);
  g_object_set_data (G_OBJECT (window), "kind", GINT_TO_POINTER (kind));
  vw_xml_editor_set_schema (VW_XML_EDITOR (editor), filter ? "filter" : "domain", filter ? "nwfilter" : "domain");
  vw_xml_editor_set_document (VW_XML_EDITOR (editor), "");
  vw_xml_editor_set_editing (VW_XML_EDITOR (editor), TRUE);
  vw_xml_editor_set_text (VW_XML_EDITOR (editor), template);
  g_signal_connect (editor, "apply", G_CALLBACK (on_apply), window);
  /* Cancel in the editor closes the dialog. */
  g_signal_connect_swapped (editor, "notify::editing", G_CALLBACK (gtk_window_destroy), window);

  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}

/**
 * vw_define_dialog_get_editor:
 *
 * Returns: (transfer none): the dialog's XML editor
 */
VwXmlEditor *
vw_define_dialog_get_editor (GtkWindow *dialog)
{
  return g_object_get_data (G_OBJECT (dialog), "editor");
}
