/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>

#include "vw-error.h"
#include "vw-test-util.h"
#include "vw-topic-list.h"

static const char *expected_ids[] = {
  "351.1", "351.2", "351.3", "351.4", "351.5",
  "352.1", "352.2", "352.3", "352.4",
  "353.1", "353.2", "353.3", "353.4",
};

static void
test_default_objectives (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) topics = vw_topic_list_load_default (&error);
  guint topic_weights[3] = { 0, 0, 0 };

  g_assert_no_error (error);
  g_assert_nonnull (topics);
  g_assert_cmpuint (g_list_model_get_n_items (topics), ==, G_N_ELEMENTS (expected_ids));
  g_assert_cmpuint (vw_topic_list_total_weight (topics), ==, 60);

  for (guint i = 0; i < G_N_ELEMENTS (expected_ids); i++)
    {
      g_autoptr(VwTopic) topic = g_list_model_get_item (topics, i);
      const char *group = vw_topic_get_group (topic);

      g_assert_cmpstr (vw_topic_get_id (topic), ==, expected_ids[i]);
      g_assert_cmpstr (vw_topic_get_title (topic), !=, "");
      g_assert_nonnull (vw_topic_get_group_title (topic));
      g_assert_nonnull (vw_topic_get_areas (topic)[0]);
      topic_weights[atoi (group) - 351] += vw_topic_get_weight (topic);
    }

  /* The exam's three topics weigh 25, 25 and 10. */
  g_assert_cmpuint (topic_weights[0], ==, 25);
  g_assert_cmpuint (topic_weights[1], ==, 25);
  g_assert_cmpuint (topic_weights[2], ==, 10);

  g_assert_cmpuint (vw_topic_get_weight (vw_topic_list_find (topics, "351.4", NULL)), ==, 9);
  g_assert_cmpuint (vw_topic_get_weight (vw_topic_list_find (topics, "352.3", NULL)), ==, 9);
  g_assert_cmpuint (vw_topic_get_weight (vw_topic_list_find (topics, "353.1", NULL)), ==, 2);
  g_assert_null (vw_topic_list_find (topics, "999.9", NULL));
  g_assert_null (vw_topic_list_find (topics, NULL, NULL));
}

static void
test_cited_objects (void)
{
  g_autoptr(GListModel) topics = vw_topic_list_load_default (NULL);
  VwTopic *libvirt = vw_topic_list_find (topics, "351.4", NULL);
  const char * const *cited = vw_topic_get_cited (libvirt);

  g_assert_true (g_strv_contains (cited, "virsh"));
  g_assert_true (g_strv_contains (cited, "libvirtd"));
  g_assert_true (g_strv_contains (cited, "/etc/libvirt/"));
}

static char *
write_temp (const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (g_get_tmp_dir (), "objectives-test.ini", NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_malformed (void)
{
  static const struct {
    const char *contents;
    const char *message_part;
  } cases[] = {
    { "[Topic 351]\nTitle=Full\n[351.1]\nTitle=Concepts\nWeight=0\n", "weight between 1 and 60" },
    { "[Topic 351]\nTitle=Full\n[351.1]\nTitle=Concepts\nWeight=many\n", "weight between 1 and 60" },
    { "[Topic 351]\nTitle=Full\n[351.1]\nWeight=3\n", "has no title" },
    { "[351.1]\nTitle=Concepts\nWeight=3\n", "[Topic 351]" },
    { "[Topic 351]\nTitle=Full\n", "lists no objectives" },
    { "this is not a key file\n", "Could not read" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = write_temp (cases[i].contents);
      g_autoptr(GError) error = NULL;
      g_autoptr(GListModel) topics = vw_topic_list_load (path, &error);

      g_assert_null (topics);
      g_assert_error (error, VW_ERROR, VW_ERROR_INVALID_DATA);
      g_assert_nonnull (strstr (error->message, cases[i].message_part));
      g_assert_nonnull (strstr (error->message, path));
      g_unlink (path);
    }
}

static void
test_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) topics = vw_topic_list_load ("/nonexistent/objectives.ini", &error);

  g_assert_null (topics);
  g_assert_error (error, VW_ERROR, VW_ERROR_INVALID_DATA);
}

static void
test_localized_titles (void)
{
  g_autofree char *path = write_temp ("[Topic 351]\nTitle=Full\nTitle[fr]=Complète\n"
                                      "[351.4]\nTitle=Libvirt\nTitle[fr]=Gestion avec libvirt\nWeight=9\n");
  g_autoptr(GListModel) topics = NULL;
  g_autoptr(VwTopic) topic = NULL;

  g_setenv ("LANGUAGE", "fr", TRUE);
  topics = vw_topic_list_load (path, NULL);
  g_unsetenv ("LANGUAGE");
  g_assert_nonnull (topics);
  topic = g_list_model_get_item (topics, 0);
  g_assert_cmpstr (vw_topic_get_title (topic), ==, "Gestion avec libvirt");
  g_assert_cmpstr (vw_topic_get_group_title (topic), ==, "Complète");
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  vw_test_init (&argc, &argv);

  g_test_add_func ("/topics/default", test_default_objectives);
  g_test_add_func ("/topics/cited", test_cited_objects);
  g_test_add_func ("/topics/malformed", test_malformed);
  g_test_add_func ("/topics/missing", test_missing_file);
  g_test_add_func ("/topics/localized", test_localized_titles);

  return g_test_run ();
}
