/* test-window.c: the main window on the demo data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real application and window in-process on a fresh replica of
 * the demo data, drives it as a person would (open a goal, choose an
 * activity, search), and renders it to main-window.png in the build
 * folder, and to $MREZA_SCREENSHOT_DIR when set.
 */
#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include "mreza-row-list.h"
#include "mreza-util.h"

#define WAIT_SECONDS 30

#include "gui-test-app.h"
#include "gui-test-shot.h"

static GtkTreeListModel *
plan_tree (void)
{
  GtkSingleSelection *selection = mreza_plan_page_get_selection (window->plan_page);

  return GTK_TREE_LIST_MODEL (gtk_single_selection_get_model (selection));
}

static gboolean
row_list_loaded (GListModel *model)
{
  return MREZA_IS_ROW_LIST (model) &&
         mreza_row_list_get_loaded (MREZA_ROW_LIST (model));
}

static void
test_goal_has_three_activities (void)
{
  GtkTreeListModel *tree = plan_tree ();
  g_autoptr(GtkTreeListRow) goal_row = NULL;
  g_autoptr(MrezaRow) goal = NULL;
  GListModel *activities;

  WAIT_FOR (g_list_model_get_n_items (G_LIST_MODEL (tree)) > 0);

  goal_row = gtk_tree_list_model_get_row (tree, 0);
  goal = gtk_tree_list_row_get_item (goal_row);
  g_assert_cmpint (mreza_row_get_kind (goal), ==, MREZA_ROW_GOAL);
  g_assert_cmpint (mreza_row_get_number (goal), ==, 1);
  g_assert_true (gtk_tree_list_row_is_expandable (goal_row));
  g_assert_false (gtk_tree_list_row_get_expanded (goal_row));

  gtk_tree_list_row_set_expanded (goal_row, TRUE);
  activities = gtk_tree_list_row_get_children (goal_row);
  g_assert_nonnull (activities);
  WAIT_FOR (row_list_loaded (activities));

  g_assert_cmpuint (g_list_model_get_n_items (activities), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (tree, 1 + i);
      g_autoptr(MrezaRow) activity = gtk_tree_list_row_get_item (row);

      g_assert_cmpint (mreza_row_get_kind (activity), ==, MREZA_ROW_ACTIVITY);
      g_assert_cmpint (mreza_row_get_number (activity), ==, i + 1);
      g_assert_cmpuint (gtk_tree_list_row_get_depth (row), ==, 1);
    }
}

static gboolean
detail_shown (const char *activity_id)
{
  MrezaActivityView *view = mreza_plan_page_get_activity_view (window->plan_page);
  const MrezaActivityDetail *detail = mreza_activity_view_get_detail (view);

  return !mreza_plan_page_is_loading (window->plan_page) &&
         detail != NULL &&
         g_strcmp0 (detail->id, activity_id) == 0;
}

static void
test_activity_detail (void)
{
  GtkSingleSelection *selection = mreza_plan_page_get_selection (window->plan_page);
  g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (plan_tree (), 1);
  g_autoptr(MrezaRow) activity = gtk_tree_list_row_get_item (row);
  MrezaActivityView *view = mreza_plan_page_get_activity_view (window->plan_page);
  const MrezaActivityDetail *detail;

  g_assert_cmpint (mreza_row_get_number (activity), ==, 1);

  gtk_single_selection_set_selected (selection, 1);
  WAIT_FOR (detail_shown (mreza_row_get_id (activity)));

  detail = mreza_activity_view_get_detail (view);
  g_assert_cmpint (detail->goal_number, ==, 1);
  g_assert_cmpint (detail->number, ==, 1);
  g_assert_cmpuint (detail->tasks->len, ==, 3);
}

static gboolean
search_found (void)
{
  return !mreza_search_page_is_busy (window->search_page) &&
         g_list_model_get_n_items (mreza_search_page_get_results (window->search_page)) > 0;
}

static void
test_search (void)
{
  const char *words = "Godišnji sastanak mreže";
  GListModel *results = mreza_search_page_get_results (window->search_page);
  g_autoptr(MrezaRow) task = NULL;
  g_autoptr(GtkTreeListRow) selected = NULL;
  GtkSingleSelection *selection;
  g_autoptr(MrezaRow) item = NULL;
  g_autofree char *task_id = NULL;
  g_autoptr(GtkTreeListRow) parent = NULL;
  g_autoptr(MrezaRow) activity = NULL;
  guint n;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  g_assert_true (gtk_search_bar_get_search_mode (window->search_bar));
  gtk_editable_set_text (GTK_EDITABLE (window->search_entry), words);
  WAIT_FOR (search_found ());
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->content_stack), ==,
                   "search");

  n = g_list_model_get_n_items (results);
  for (guint i = 0; i < n && task == NULL; i++)
    {
      g_autoptr(MrezaRow) row = g_list_model_get_item (results, i);

      if (mreza_row_get_kind (row) == MREZA_ROW_TASK &&
          g_str_has_prefix (mreza_row_get_title (row), words))
        task = g_steal_pointer (&row);
    }
  g_assert_nonnull (task);
  g_assert_cmpint (mreza_row_get_number (task), ==, 3);
  save_png (GTK_WIDGET (window), "search.png");
  task_id = g_strdup (mreza_row_get_id (task));

  /* Choosing the result opens its goal and activity and selects it. */
  g_signal_emit_by_name (window->search_page, "result-activated", task);
  g_assert_false (gtk_search_bar_get_search_mode (window->search_bar));
  g_assert_cmpstr (mreza_window_get_view (window), ==, "plan");

  selection = mreza_plan_page_get_selection (window->plan_page);
  WAIT_FOR (!mreza_plan_page_is_loading (window->plan_page) &&
            gtk_single_selection_get_selected_item (selection) != NULL);
  selected = g_object_ref (gtk_single_selection_get_selected_item (selection));
  item = gtk_tree_list_row_get_item (selected);
  g_assert_cmpstr (mreza_row_get_id (item), ==, task_id);

  /* The detail beside it is its activity's. */
  parent = gtk_tree_list_row_get_parent (selected);
  activity = gtk_tree_list_row_get_item (parent);
  WAIT_FOR (detail_shown (mreza_row_get_id (activity)));
}

static void
test_screenshots (void)
{
  g_autoptr(MrezaRowList) teams = mreza_row_list_new (store, MREZA_ROW_TEAM, NULL);
  g_autofree char *team_id = NULL;
  GListModel *results = mreza_search_page_get_results (window->search_page);
  g_autoptr(MrezaRow) project = NULL;
  g_autoptr(GError) error = NULL;

  mreza_row_list_load_sync (teams, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (teams)); i++)
    {
      g_autoptr(MrezaRow) row = g_list_model_get_item (G_LIST_MODEL (teams), i);

      if (g_str_equal (mreza_row_get_title (row), "Lokalni tim Niš"))
        team_id = g_strdup (mreza_row_get_id (row));
    }
  g_assert_nonnull (team_id);

  settle (400);
  save_png (GTK_WIDGET (window), "main-window.png");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "teams");
  g_assert_cmpstr (mreza_window_get_view (window), ==, "teams");
  mreza_teams_page_select_team (window->teams_page, team_id);
  settle (600);
  save_png (GTK_WIDGET (window), "teams.png");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "actions");
  settle (600);
  save_png (GTK_WIDGET (window), "joint-actions.png");

  /* A project found by a search opens in the projects view. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  gtk_editable_set_text (GTK_EDITABLE (window->search_entry), "odrzivi odgovor");
  WAIT_FOR (search_found ());
  project = g_list_model_get_item (results, 0);
  g_assert_cmpint (mreza_row_get_kind (project), ==, MREZA_ROW_PROJECT);
  g_signal_emit_by_name (window->search_page, "result-activated", project);
  g_assert_cmpstr (mreza_window_get_view (window), ==, "projects");
  settle (600);
  save_png (GTK_WIDGET (window), "projects.png");

  /* On a narrow screen the sidebar and the lists fold away. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "plan");
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 760);
  settle (600);
  g_assert_true (adw_leaflet_get_folded (window->leaflet));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->back_button)));
  save_png (GTK_WIDGET (window), "narrow.png");

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  settle (600);
  g_assert_false (adw_leaflet_get_folded (window->leaflet));
}

static void
test_welcome (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "missing.db", NULL);
  MrezaWindow *welcome = mreza_window_new (GTK_APPLICATION (app), NULL);

  mreza_window_open_replica (welcome, path);
  gtk_window_present (GTK_WINDOW (welcome));
  settle (500);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (welcome->main_stack), ==,
                   "welcome");
  /* Showing the welcome page must not create the replica. */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  save_png (GTK_WIDGET (welcome), "welcome.png");

  /* "Open the demo data" creates the replica, imports, shows the plan. */
  gtk_widget_activate_action (GTK_WIDGET (welcome), "win.open-demo", NULL);
  WAIT_FOR (g_strcmp0 (gtk_stack_get_visible_child_name (welcome->main_stack),
                       "browse") == 0);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (mreza_window_get_view (welcome), ==, "plan");
  gtk_window_destroy (GTK_WINDOW (welcome));
}

static void
test_not_a_replica (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "notes.txt", NULL);
  const char *text = "These are not the droids you are looking for.\n";
  g_autofree char *after = NULL;
  MrezaWindow *broken;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  broken = mreza_window_new (GTK_APPLICATION (app), NULL);
  mreza_window_open_replica (broken, path);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (broken->main_stack), ==,
                   "error");
  g_assert_nonnull (adw_status_page_get_description (broken->error_page));

  /* The file is left exactly as it was. */
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, text);
  gtk_window_destroy (GTK_WINDOW (broken));
}

static GtkWindow *
find_about_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_ABOUT_WINDOW (toplevel) && gtk_widget_get_mapped (GTK_WIDGET (toplevel)))
        return toplevel;
    }

  return NULL;
}

static void
test_dialogs (void)
{
  GtkShortcutsWindow *overlay =
    gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  GtkWindow *about;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (overlay)));
  save_png (GTK_WIDGET (overlay), "shortcuts.png");
  gtk_widget_set_visible (GTK_WIDGET (overlay), FALSE);

  gtk_window_present (GTK_WINDOW (window));
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  WAIT_FOR ((about = find_about_window ()) != NULL);
  settle (300);
  gtk_window_destroy (about);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  setup_gui (&argc, &argv);
  open_demo_replica ();
  open_main_window ("plan");
  /* GtkApplication found the shortcuts window in the resources. */
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));

  g_test_add_func ("/ui/window/goal-has-three-activities", test_goal_has_three_activities);
  g_test_add_func ("/ui/window/activity-detail", test_activity_detail);
  g_test_add_func ("/ui/window/search", test_search);
  g_test_add_func ("/ui/window/screenshots", test_screenshots);
  g_test_add_func ("/ui/window/dialogs", test_dialogs);
  g_test_add_func ("/ui/window/welcome", test_welcome);
  g_test_add_func ("/ui/window/not-a-replica", test_not_a_replica);

  ret = g_test_run ();

  tear_down_gui ();

  return ret;
}
