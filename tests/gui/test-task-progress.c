/* test-task-progress.c: editing a task's progress and seeing it in the
 * plan tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real window in-process on a fresh replica of the demo data,
 * opens a task's progress form from the activity view, checks the done
 * date inline, sets the task to done and finds "Done" in the task's row
 * of the plan tree. Renders the form to task-progress-form.png in the
 * build folder.
 */
#define G_LOG_DOMAIN "test-task-progress"

#include "config.h"

#include "mreza-application.h"
#include "mreza-import.h"
#include "mreza-plan-row.h"
#include "mreza-task-form-private.h"
#include "mreza-window-private.h"

#include <glib/gstdio.h>
#include <string.h>

#define WAIT_SECONDS 30

#include "gui-test-shot.h"
#include "mreza-test-loop.h"

static MrezaApplication *app;
static MrezaWindow *window;
static MrezaStore *store;
static char *tmp_dir;


static char *
query_text (const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_prepare_v2 (mreza_store_get_db (store), sql, -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

static gint64
count_rows (const char *table)
{
  g_autoptr(GError) error = NULL;
  gint64 n = mreza_store_count (store, table, &error);

  g_assert_no_error (error);
  return n;
}

/* Collects the text of every label under @widget, one per line. */
static void
collect_labels (GtkWidget *widget,
                GString   *out)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    {
      g_string_append (out, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (out, '\n');
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_labels (child, out);
}

/* Whether a row of the plan tree that shows @title also shows @text. */
static gboolean
plan_row_shows (GtkWidget  *widget,
                const char *title,
                const char *text)
{
  if (MREZA_IS_PLAN_ROW (widget))
    {
      g_autoptr(GString) labels = g_string_new (NULL);

      collect_labels (widget, labels);
      return strstr (labels->str, title) != NULL &&
             strstr (labels->str, text) != NULL;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (plan_row_shows (child, title, text))
      return TRUE;
  return FALSE;
}

static gboolean
save_enabled (MrezaTaskForm *form)
{
  return gtk_widget_is_sensitive (GTK_WIDGET (form->save_button));
}

static void
test_set_done (void)
{
  g_autofree char *id = query_text ("SELECT id FROM task WHERE status ="
                                    " 'not_started' ORDER BY rowid LIMIT 1");
  g_autofree char *title = NULL;
  g_autofree char *sql = NULL;
  MrezaTaskForm *form;
  GtkWidget *tree;
  gint64 outbox = count_rows ("sync_outbox");

  sql = g_strdup_printf ("SELECT title FROM task WHERE id = '%s'", id);
  title = query_text (sql);
  mreza_window_set_view (window, "plan");
  mreza_plan_page_select (window->plan_page, MREZA_ROW_TASK, id);
  WAIT_FOR (!mreza_plan_page_is_loading (window->plan_page) &&
            mreza_activity_view_get_detail (mreza_plan_page_get_activity_view (window->plan_page)) != NULL);
  tree = GTK_WIDGET (window->plan_page);
  settle (300);
  g_assert_true (plan_row_shows (tree, title, "Not started"));

  form = mreza_plan_page_edit_task (window->plan_page, id);
  g_assert_nonnull (form);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (form)));
  g_assert_cmpstr (mreza_task_form_get_id (form), ==, id);
  g_assert_false (save_enabled (form));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (form->done_row)));

  /* Done: today is offered as the date, and Save turns on. */
  adw_combo_row_set_selected (form->status_row, 2);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (form->done_row)));
  g_assert_true (save_enabled (form));

  /* A date that does not exist, or is still to come, is refused. */
  gtk_editable_set_text (GTK_EDITABLE (form->done_row), "2019-02-29");
  g_assert_false (save_enabled (form));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (form->done_row), "error"));
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  g_assert_cmpint (count_rows ("sync_outbox"), ==, outbox);
  gtk_editable_set_text (GTK_EDITABLE (form->done_row), "2999-01-01");
  g_assert_false (save_enabled (form));

  gtk_editable_set_text (GTK_EDITABLE (form->done_row), "2019-06-28");
  gtk_editable_set_text (GTK_EDITABLE (form->note_row),
                         "Obuka održana u Šapcu, zapisnik kod sekretara");
  g_assert_true (save_enabled (form));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (form->done_row), "error"));
  settle (400);
  save_png (GTK_WIDGET (form), "task-progress-form.png");

  g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &form);
  gtk_widget_activate (GTK_WIDGET (form->save_button));
  WAIT_FOR (form == NULL);
  g_assert_cmpint (count_rows ("sync_outbox"), ==, outbox + 1);

  /* The plan tree's row of the task now says it is done. */
  WAIT_FOR (plan_row_shows (tree, title, "Done") &&
            !mreza_plan_page_is_loading (window->plan_page));
  settle (300);
  save_png (GTK_WIDGET (window), "task-progress-saved.png");
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *replica = NULL;
  g_autofree char *demo_dir = NULL;
  int ret;

  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GDK_DEBUG", "gl-disable", FALSE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  tmp_dir = g_dir_make_tmp ("mreza-gui-XXXXXX", &error);
  g_assert_no_error (error);
  replica = g_build_filename (tmp_dir, "replica.db", NULL);
  store = mreza_store_open (replica, MREZA_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  demo_dir = mreza_application_find_demo_dir ();
  mreza_import_path (store, demo_dir, NULL, &error);
  g_assert_no_error (error);

  app = mreza_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  window = mreza_window_new (GTK_APPLICATION (app), store);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));

  g_test_add_func ("/ui/task-progress/set-done", test_set_done);

  ret = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
  g_clear_object (&app);
  remove_dir (tmp_dir);
  g_free (tmp_dir);

  return ret;
}
