/* mreza-application.c: the Mreža application: options, actions, windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One process per desktop session: a second `mreza` hands its command
 * line to the first, which opens a window for it.
 */
#define G_LOG_DOMAIN "mreza-application"

#include "config.h"

#include "mreza-application.h"

#include "mreza-bench-hooks.h"
#include "mreza-import.h"
#include "mreza-labels.h"
#include "mreza-locale.h"
#include "mreza-resources.h"
#include "mreza-window.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

struct _MrezaApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (MrezaApplication, mreza_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "replica", 'r', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the replica in FILE instead of the default one"), N_("FILE") },
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Open a fresh copy of the demo data"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"), NULL },
  { NULL }
};

/**
 * mreza_application_find_demo_dir:
 *
 * The demo data: `MREZA_DEMO_DIR` when set, else the installed copy,
 * else the source tree's (for a build run uninstalled).
 *
 * Returns: (transfer full): a folder of the JSON import format
 */
char *
mreza_application_find_demo_dir (void)
{
  const char *env = g_getenv ("MREZA_DEMO_DIR");
  g_autofree char *installed = g_build_filename (PKGDATADIR, "demo", NULL);

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  if (g_file_test (installed, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&installed);

  return g_strdup (SOURCE_DEMO_DIR);
}

/* Makes a new replica holding the demo data, beside the default one and
 * named by the time, so that the person's own replica is never touched. */
static MrezaStore *
create_demo_replica (GError **error)
{
  g_autoptr(MrezaStore) store = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "mreza", NULL);
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *demo_dir = mreza_application_find_demo_dir ();
  g_autofree char *path = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create the folder “%s”: %s"),
                   dir, g_strerror (saved));
      return NULL;
    }

  for (guint i = 0; path == NULL || g_file_test (path, G_FILE_TEST_EXISTS); i++)
    {
      g_autofree char *name = NULL;

      name = i == 0 ? g_strdup_printf ("demo-%s.db", stamp)
                    : g_strdup_printf ("demo-%s-%u.db", stamp, i);
      g_free (path);
      path = g_build_filename (dir, name, NULL);
    }

  store = mreza_store_open (path, MREZA_STORE_OPEN_CREATE, error);
  if (store == NULL)
    return NULL;

  if (!mreza_import_path (store, demo_dir, NULL, error))
    {
      g_clear_object (&store);
      g_unlink (path);
      return NULL;
    }

  return g_steal_pointer (&store);
}

static char *
replica_path_from (GApplicationCommandLine *cmdline,
                   GVariantDict            *options)
{
  const char *arg = NULL;

  if (g_variant_dict_lookup (options, "replica", "^&ay", &arg) && *arg != '\0')
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (cmdline, arg);

      return g_file_get_path (file);
    }

  return mreza_store_default_path ();
}

static int
mreza_application_command_line (GApplication            *app,
                                GApplicationCommandLine *cmdline)
{
  GVariantDict *options = g_application_command_line_get_options_dict (cmdline);
  MrezaWindow *window;

  if (g_variant_dict_contains (options, "demo"))
    {
      g_autoptr(MrezaStore) store = NULL;
      g_autoptr(GError) error = NULL;

      store = create_demo_replica (&error);
      if (store == NULL)
        {
          g_application_command_line_printerr (cmdline, "%s\n", error->message);
          return EXIT_FAILURE;
        }
      window = mreza_window_new (GTK_APPLICATION (app), store);
    }
  else
    {
      g_autofree char *path = replica_path_from (cmdline, options);

      window = mreza_window_new (GTK_APPLICATION (app), NULL);
      mreza_window_open_replica (window, path);
    }

  mreza_bench_hooks_attach (app, GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));

  return EXIT_SUCCESS;
}

static int
mreza_application_handle_local_options (GApplication *app,
                                        GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("mreza %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  return -1;
}

static void
mreza_application_about_action (GSimpleAction *action,
                                GVariant      *param,
                                gpointer       user_data)
{
  GtkApplication *app = user_data;
  static const char *developers[] = { "Mreža contributors", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Mreža"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("Mreža contributors"),
                         "developers", developers,
                         "comments", _("The national Action Plan against "
                                       "trafficking in human beings, for the "
                                       "local teams that carry it out"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
mreza_application_quit_action (GSimpleAction *action,
                               GVariant      *param,
                               gpointer       user_data)
{
  GtkApplication *app = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (app));

  /* Closing each window lets it save its state; a closed window leaves
   * the application's list, hence the copy. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_application_quit (G_APPLICATION (app));
}

static const GActionEntry app_actions[] = {
  { .name = "about", .activate = mreza_application_about_action },
  { .name = "quit", .activate = mreza_application_quit_action },
};

/* The schema is missing when mreza runs from the build tree without
 * GSETTINGS_SCHEMA_DIR; the defaults apply then. */
static GSettings *
settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    return NULL;

  return g_settings_new_full (schema, NULL, NULL);
}

/* Names are written in Cyrillic as rows are built: the windows show
 * their replica again, so that every name follows the new choice. */
static void
show_cyrillic_changed_cb (GSettings        *settings,
                          const char       *key,
                          MrezaApplication *self)
{
  mreza_labels_set_show_cyrillic (g_settings_get_boolean (settings, key));

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self));
       l != NULL; l = l->next)
    {
      if (MREZA_IS_WINDOW (l->data) &&
          mreza_window_get_store (l->data) != NULL)
        mreza_window_set_store (l->data, mreza_window_get_store (l->data));
    }
}

/* The choice only means something in Serbian Cyrillic, so the menu
 * offers it (the action exists) only then. */
static void
setup_show_cyrillic (MrezaApplication *self)
{
  g_autoptr(GAction) action = NULL;

  g_assert (MREZA_IS_APPLICATION (self));

  self->settings = settings_new ();
  if (self->settings == NULL)
    return;

  mreza_labels_set_show_cyrillic (g_settings_get_boolean (self->settings,
                                                          "show-cyrillic"));
  g_signal_connect_object (self->settings, "changed::show-cyrillic",
                           G_CALLBACK (show_cyrillic_changed_cb), self, 0);
  if (!g_str_equal (mreza_locale_get_language (), "sr"))
    return;

  action = g_settings_create_action (self->settings, "show-cyrillic");
  g_action_map_add_action (G_ACTION_MAP (self), action);
}

static void
mreza_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };

  G_APPLICATION_CLASS (mreza_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit",
                                         quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close",
                                         close_accels);
  gtk_window_set_default_icon_name (APP_ID);
  setup_show_cyrillic (MREZA_APPLICATION (app));
}

static void
mreza_application_dispose (GObject *object)
{
  MrezaApplication *self = MREZA_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (mreza_application_parent_class)->dispose (object);
}

static void
mreza_application_class_init (MrezaApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = mreza_application_dispose;

  app_class->startup = mreza_application_startup;
  app_class->command_line = mreza_application_command_line;
  app_class->handle_local_options = mreza_application_handle_local_options;

  /* The resources live in a static library: naming them here makes the
   * linker keep them, and their constructor registers them. */
  g_assert (mreza_get_resource () != NULL);
}

static void
mreza_application_init (MrezaApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Browse the Action Plan, the local "
                                              "teams and their work."));
}

MrezaApplication *
mreza_application_new (void)
{
  return g_object_new (MREZA_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/rs/mreza/Mreza",
                       NULL);
}
