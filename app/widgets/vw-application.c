/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vw-application"

#include "config.h"

#include <glib/gi18n.h>

#include "vw-application.h"
#include "vw-exam-history.h"
#include "vw-exercise-catalog.h"
#include "vw-question-bank.h"
#include "vw-paths.h"
#include "vw-sandbox-store.h"
#include "vw-topic-list.h"
#include "vw-virt.h"
#include "vw-window.h"

struct _VwApplication
{
  AdwApplication parent_instance;

  GListModel *topics;
  GError *topics_error;
  GHashTable *notes;          /* language → VwNotesLibrary */
  VwProgress *progress;
  GError *progress_error;
  VwExerciseCatalog *exercises;
  GHashTable *banks;          /* language → VwQuestionBank */
  VwExamHistory *history;
  GError *history_error;
};

G_DEFINE_FINAL_TYPE (VwApplication, vw_application, ADW_TYPE_APPLICATION)

static const GOptionEntry options[] = {
  { "connect", 'c', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("Open the lab on this libvirt URI instead of the sandbox"), N_("URI") },
  { "topic", 't', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("Open this exam objective, such as 351.4"), N_("ID") },
  { "domain", 'd', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("Select this machine in the lab"), N_("NAME") },
  { "console", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Open the console of the machine named by --domain"), NULL },
  { "exercise", 'e', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("Open this exercise, such as snapshot-before-change"), N_("ID") },
  { "version", 'v', G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"), NULL },
  { NULL }
};

static int
vw_application_handle_local_options (GApplication *app,
                                     GVariantDict *options_dict)
{
  if (g_variant_dict_contains (options_dict, "version"))
    {
      g_print ("%s %s\n", "virt-workbench", PACKAGE_VERSION);
      return 0;
    }

  return -1;
}

static VwWindow *
find_window (VwApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  return VW_IS_WINDOW (window) ? VW_WINDOW (window) : NULL;
}

static int
vw_application_command_line (GApplication            *app,
                             GApplicationCommandLine *command_line)
{
  VwApplication *self = VW_APPLICATION (app);
  GVariantDict *dict = g_application_command_line_get_options_dict (command_line);
  g_autofree char *uri = NULL;
  g_autofree char *topic = NULL;
  g_autofree char *domain = NULL;
  g_autofree char *exercise = NULL;
  VwWindow *window;

  g_variant_dict_lookup (dict, "connect", "s", &uri);
  g_variant_dict_lookup (dict, "topic", "s", &topic);
  g_variant_dict_lookup (dict, "domain", "s", &domain);
  g_variant_dict_lookup (dict, "exercise", "s", &exercise);

  window = find_window (self);
  if (window == NULL)
    window = vw_window_new (self, uri);
  else if (uri != NULL)
    vw_window_connect (window, uri);

  if (topic != NULL && !vw_window_select_topic (window, topic))
    g_application_command_line_printerr (command_line,
                                         _("No exam objective is called “%s”; try 351.1 to 353.4.\n"),
                                         topic);
  if (g_variant_dict_contains (dict, "console"))
    {
      if (domain == NULL)
        {
          g_application_command_line_printerr (command_line, _("--console needs --domain NAME.\n"));
          return 1;
        }
      vw_window_show_console (window, domain);
    }
  else if (domain != NULL)
    vw_window_select_domain (window, domain);
  if (exercise != NULL && !vw_window_open_exercise (window, exercise))
    g_application_command_line_printerr (command_line, _("No exercise is called “%s”.\n"), exercise);

  gtk_window_present (GTK_WINDOW (window));
  return 0;
}

static void
vw_application_activate (GApplication *app)
{
  VwApplication *self = VW_APPLICATION (app);
  VwWindow *window = find_window (self);

  if (window == NULL)
    window = vw_window_new (self, NULL);
  gtk_window_present (GTK_WINDOW (window));
}

static void load_progress (VwApplication *self);

static void
vw_application_startup (GApplication *app)
{
  VwApplication *self = VW_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (vw_application_parent_class)->startup (app);

  vw_virt_init ();

  self->topics = vw_topic_list_load_default (&self->topics_error);
  if (self->topics == NULL)
    g_printerr ("%s\n", self->topics_error->message);
  load_progress (self);

  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
}

/* Reading progress and bookmarks: a damaged file is set aside and a new
 * one started, and the learner is told once a window is up. */
static void
load_progress (VwApplication *self)
{
  g_autofree char *path = vw_paths_progress_file ();
  g_autoptr(GError) error = NULL;

  self->progress = vw_progress_new (path);
  if (!vw_progress_load (self->progress, &error))
    {
      g_printerr ("%s\n", error->message);
      self->progress_error = g_steal_pointer (&error);
    }
}

static void
vw_application_shutdown (GApplication *app)
{
  VwApplication *self = VW_APPLICATION (app);
  g_autoptr(GError) error = NULL;

  G_APPLICATION_CLASS (vw_application_parent_class)->shutdown (app);

  if (self->progress != NULL && !vw_progress_flush (self->progress, &error))
    g_printerr ("%s\n", error->message);

  /* The last sandbox saves, started when the windows closed, reach the
   * disk before the process ends. */
  if (!vw_sandbox_store_wait_all (10000))
    g_printerr ("%s\n", _("The sandbox lab could not be saved in time; the last changes may be lost."));
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows = gtk_application_get_windows (app);

  /* Close windows first so that each saves its state. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_destroy (window);
    }
  g_application_quit (G_APPLICATION (app));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = user_data;
  static const char *developers[] = { "The Virt Workbench developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-icon", APP_ID,
                        "application-name", _("Virt Workbench"),
                        "developer-name", _("The Virt Workbench developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Study the LPIC-3 305-300 exam with notes beside a live libvirt lab."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: put your names here, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "about", about_activated },
};

static void
vw_application_finalize (GObject *object)
{
  VwApplication *self = VW_APPLICATION (object);

  g_clear_object (&self->topics);
  g_clear_object (&self->exercises);
  g_clear_pointer (&self->banks, g_hash_table_unref);
  g_clear_object (&self->history);
  g_clear_error (&self->history_error);
  g_clear_error (&self->topics_error);
  g_clear_pointer (&self->notes, g_hash_table_unref);
  g_clear_object (&self->progress);
  g_clear_error (&self->progress_error);

  G_OBJECT_CLASS (vw_application_parent_class)->finalize (object);
}

static void
vw_application_class_init (VwApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = vw_application_finalize;
  app_class->startup = vw_application_startup;
  app_class->shutdown = vw_application_shutdown;
  app_class->activate = vw_application_activate;
  app_class->command_line = vw_application_command_line;
  app_class->handle_local_options = vw_application_handle_local_options;
}

static void
vw_application_init (VwApplication *self)
{
  self->notes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Study notes for the LPIC-3 305-300 exam beside a live libvirt lab."));
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
}

VwApplication *
vw_application_new (void)
{
  return g_object_new (VW_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", RESOURCE_PATH,
                       NULL);
}

/**
 * vw_application_get_topics:
 *
 * Returns: (transfer none) (nullable): the exam objectives, or %NULL when the
 *   data file could not be read (see vw_application_get_topics_error())
 */
GListModel *
vw_application_get_topics (VwApplication *self)
{
  g_return_val_if_fail (VW_IS_APPLICATION (self), NULL);
  return self->topics;
}

const GError *
vw_application_get_topics_error (VwApplication *self)
{
  g_return_val_if_fail (VW_IS_APPLICATION (self), NULL);
  return self->topics_error;
}

/**
 * vw_application_get_notes:
 * @language: en, fr or pt_BR (anything else reads English)
 *
 * Returns: (transfer none): the notes of @language; each note is rendered
 * when first asked for, and the search index is built by the first reader
 * that searches them
 */
VwNotesLibrary *
vw_application_get_notes (VwApplication *self,
                          const char    *language)
{
  g_autofree char *directory = NULL;
  VwNotesLibrary *library;

  g_return_val_if_fail (VW_IS_APPLICATION (self), NULL);

  library = g_hash_table_lookup (self->notes, language);
  if (library != NULL)
    return library;
  directory = vw_paths_data_file ("notes", NULL);
  library = vw_notes_library_new (directory, language);
  g_hash_table_insert (self->notes, g_strdup (language), library);
  return library;
}

/**
 * vw_application_get_progress:
 *
 * Returns: (transfer none) (nullable): the learner's reading progress and
 * bookmarks, %NULL before startup
 */
VwProgress *
vw_application_get_progress (VwApplication *self)
{
  g_return_val_if_fail (VW_IS_APPLICATION (self), NULL);
  return self->progress;
}

/**
 * vw_application_get_exercises:
 *
 * The exercises, read the first time they are asked for. Files that could
 * not be read are in vw_exercise_catalog_get_errors().
 *
 * Returns: (transfer none): the exercise catalogue
 */
VwExerciseCatalog *
vw_application_get_exercises (VwApplication *self)
{
  g_return_val_if_fail (VW_IS_APPLICATION (self), NULL);

  if (self->exercises == NULL)
    {
      g_auto(GStrv) ids = vw_topic_list_ids (self->topics);

      self->exercises = vw_exercise_catalog_load_default ((const char * const *) ids);
    }
  return self->exercises;
}

/**
 * vw_application_get_questions:
 * @language: fr, pt_BR or en
 *
 * Returns: (transfer none): the practice exam's questions in @language,
 *   read the first time they are asked for
 */
VwQuestionBank *
vw_application_get_questions (VwApplication *self,
                              const char    *language)
{
  VwQuestionBank *bank;

  g_return_val_if_fail (VW_IS_APPLICATION (self), NULL);

  if (self->banks == NULL)
    self->banks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  bank = g_hash_table_lookup (self->banks, language);
  if (bank == NULL)
    {
      g_auto(GStrv) ids = vw_topic_list_ids (self->topics);

      bank = vw_question_bank_load_default (language, (const char * const *) ids);
      g_hash_table_insert (self->banks, g_strdup (language), bank);
    }
  return bank;
}

/**
 * vw_application_get_exam_history:
 *
 * Returns: (transfer none): the mock exams taken, read the first time
 */
VwExamHistory *
vw_application_get_exam_history (VwApplication *self)
{
  g_return_val_if_fail (VW_IS_APPLICATION (self), NULL);

  if (self->history == NULL)
    {
      g_autofree char *path = vw_paths_exam_file ("exam-history.ini");

      self->history = vw_exam_history_new (path);
      vw_exam_history_load (self->history, &self->history_error);
    }
  return self->history;
}

/* Why the history could not be read, once; then %NULL. */
GError *
vw_application_take_exam_history_error (VwApplication *self)
{
  g_return_val_if_fail (VW_IS_APPLICATION (self), NULL);
  return g_steal_pointer (&self->history_error);
}

/**
 * vw_application_get_progress_error:
 *
 * Returns: (transfer none) (nullable): why the progress file could not be
 * read at startup
 */
const GError *
vw_application_get_progress_error (VwApplication *self)
{
  g_return_val_if_fail (VW_IS_APPLICATION (self), NULL);
  return self->progress_error;
}
