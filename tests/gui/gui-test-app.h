/* gui-test-app.h: the real app on a fresh replica of the demo data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What every GUI test's main() did the same way: GTK set up for Xvfb,
 * the demo imported into a replica in a folder of its own, the
 * application registered and its window presented, and all of it gone
 * again at the end; and the small look-ups the tests share, on the
 * replica (those of mreza-test-utils.h, with store filled in). A test
 * defines G_LOG_DOMAIN (the folder is named after it) and WAIT_SECONDS
 * before including this header, then:
 *
 *   setup_gui (&argc, &argv);
 *   open_demo_replica ();
 *   open_main_window ("plan");
 *   g_test_add_func (…);
 *   ret = g_test_run ();
 *   tear_down_gui ();
 */
#pragma once

#include <adwaita.h>
#include <glib/gstdio.h>

#include "mreza-application.h"
#include "mreza-import.h"
#include "mreza-window-private.h"

#include "mreza-test-loop.h"
#include "mreza-test-utils.h"

G_GNUC_UNUSED static MrezaApplication *app;
G_GNUC_UNUSED static MrezaWindow *window;
G_GNUC_UNUSED static MrezaStore *store;
G_GNUC_UNUSED static char *tmp_dir;
G_GNUC_UNUSED static char *replica;

static inline void
setup_gui (int    *argc,
           char ***argv)
{
  /* Mesa keeps a shader cache there, and warns when it cannot. */
  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);

  /* GL under Xvfb is Mesa in software: slow to start and of no use
   * here; and Mesa's driver, unloaded at exit, leaves allocations that
   * LeakSanitizer cannot attribute. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GDK_DEBUG", "gl-disable", FALSE);

  gtk_test_init (argc, argv, NULL);
  adw_init ();
}

/* Imports the demo into tmp_dir/replica.db, opened as store. */
static inline void
open_demo_replica (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *demo_dir = NULL;
  MrezaImportStats stats = { 0 };
  gint64 start;

  tmp_dir = g_dir_make_tmp ("mreza-" G_LOG_DOMAIN "-XXXXXX", &error);
  g_assert_no_error (error);
  replica = g_build_filename (tmp_dir, "replica.db", NULL);
  store = mreza_store_open (replica, MREZA_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  demo_dir = mreza_application_find_demo_dir ();
  start = g_get_monotonic_time ();
  mreza_import_path (store, demo_dir, &stats, &error);
  g_assert_no_error (error);
  g_test_message ("Imported the demo (%u records, %u files) in %.1f ms",
                  stats.n_records, stats.n_files,
                  (g_get_monotonic_time () - start) / 1000.0);
}

/* Registers the application and presents its window on store, at
 * the size of the screenshots, showing @view (or the default one). */
static inline void
open_main_window (const char *view)
{
  g_autoptr(GError) error = NULL;

  app = mreza_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  window = mreza_window_new (GTK_APPLICATION (app), store);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  if (view != NULL)
    mreza_window_set_view (window, view);
  gtk_window_present (GTK_WINDOW (window));
}

/* Undoes open_main_window() and open_demo_replica(); a test that
 * destroyed the window itself sets window to NULL. */
static inline void
tear_down_gui (void)
{
  if (window != NULL)
    gtk_window_destroy (GTK_WINDOW (window));
  window = NULL;
  g_clear_object (&store);
  g_clear_object (&app);
  if (tmp_dir != NULL)
    test_remove_tree (tmp_dir);
  g_clear_pointer (&tmp_dir, g_free);
  g_clear_pointer (&replica, g_free);
}

/* The shown toplevel of @type: a form, a page, a message dialog. */
static inline gpointer
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) &&
          gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return toplevel;
    }
  return NULL;
}

static inline GtkWindow *
find_message_dialog (void)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
}

static inline gint64
count_rows (const char *table)
{
  return test_count (store, table);
}

static inline void
exec_sql (const char *sql)
{
  g_assert_cmpint (sqlite3_exec (mreza_store_get_db (store), sql, NULL, NULL,
                                 NULL), ==, SQLITE_OK);
}

static inline gint64
query_int (const char *sql)
{
  return test_query_int (store, sql);
}

/* Returns: (transfer full) (nullable): the first column of the first
 *   row, or %NULL when there is none */
static inline char *
query_text (const char *sql)
{
  return test_query_text (store, sql);
}
