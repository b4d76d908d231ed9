/* test-actions-list.c: the joint actions list as a member's device
 * shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real window in-process on a fresh replica of the demo data
 * (two teams, seven joint actions each), as a member of the first team:
 * another team's rows show a lock, with its reason as tooltip and in
 * the row's accessible description, the team's own rows do not; a
 * row's list item takes the keyboard focus and Enter opens the row's
 * form, read-only for another team's; once the device's role changes,
 * the rows shown again lose their locks.
 * Renders the page to actions-list.png in the build folder.
 */
#define G_LOG_DOMAIN "test-actions-list"

#include "config.h"

#include "mreza-joint-action-form.h"
#include "mreza-list-row.h"
#include "mreza-row-list.h"

#define WAIT_SECONDS 30

#include "gui-test-app.h"
#include "gui-test-shot.h"

#define LOCK_NOTE "Another team’s joint action: read-only"

static char *own_team;

static GListModel *
actions (void)
{
  return mreza_actions_page_get_actions (window->actions_page);
}

static gboolean
actions_loaded (void)
{
  GListModel *model = actions ();

  return model != NULL && mreza_row_list_get_loaded (MREZA_ROW_LIST (model)) &&
         g_list_model_get_n_items (model) > 0;
}

static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  if (MREZA_IS_LIST_ROW (widget))
    {
      if (gtk_widget_get_mapped (widget))
        g_ptr_array_add (rows, widget);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

/* The rows on screen, top to bottom. */
static GPtrArray *
shown_rows (void)
{
  GPtrArray *rows = g_ptr_array_new ();

  collect_rows (GTK_WIDGET (window->actions_page), rows);
  return rows;
}

/* The team of the joint action titled @title, or NULL when two teams
 * have one titled so. */
static char *
team_of (const char *title)
{
  sqlite3_stmt *stmt = NULL;
  char *team = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (mreza_store_get_db (store),
                                       "SELECT min (team_id), max (team_id)"
                                       " FROM joint_action WHERE title = ?1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, title, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0),
                 (const char *) sqlite3_column_text (stmt, 1)) == 0)
    team = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return team;
}

static char *
description_of (GtkWidget *row)
{
  /* Returns the value when it differs from the one asked for. */
  return gtk_test_accessible_check_property (GTK_ACCESSIBLE (row),
                                             GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                             "");
}

static void
test_lock (void)
{
  g_autoptr(GPtrArray) rows = NULL;
  guint locked = 0, own = 0;

  WAIT_FOR (actions_loaded ());
  settle (300);
  rows = shown_rows ();
  g_assert_cmpuint (rows->len, >=, 10);

  for (guint i = 0; i < rows->len; i++)
    {
      MrezaListRow *row = g_ptr_array_index (rows, i);
      g_autofree char *team = team_of (mreza_list_row_get_title (row));
      g_autofree char *description = description_of (GTK_WIDGET (row));

      if (team == NULL)
        continue;

      gtk_test_accessible_assert_role (GTK_ACCESSIBLE (row),
                                       GTK_ACCESSIBLE_ROLE_LABEL);
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row),
                                           GTK_ACCESSIBLE_PROPERTY_LABEL,
                                           mreza_list_row_get_title (row));
      g_assert_nonnull (description);
      if (g_str_equal (team, own_team))
        {
          g_assert_null (mreza_list_row_get_lock (row));
          g_assert_null (strstr (description, LOCK_NOTE));
          own++;
        }
      else
        {
          g_assert_cmpstr (mreza_list_row_get_lock (row), ==, LOCK_NOTE);
          g_assert_true (g_str_has_suffix (description, LOCK_NOTE));
          locked++;
        }
    }

  g_test_message ("%u rows locked, %u of the device's team", locked, own);
  g_assert_cmpuint (locked, >, 0);
  g_assert_cmpuint (own, >, 0);

  save_png (GTK_WIDGET (window), "actions-list.png");
}

/* The first row shown of another team or of the device's own, by
 * keyboard: the focus goes to the row's list item (as the arrow keys
 * move it; the row itself takes none), and Enter opens the form. */
static MrezaJointActionForm *
open_by_keyboard (gboolean other_team)
{
  g_autoptr(GPtrArray) rows = shown_rows ();
  MrezaJointActionForm *form;
  GtkWidget *item = NULL;

  for (guint i = 0; i < rows->len && item == NULL; i++)
    {
      MrezaListRow *row = g_ptr_array_index (rows, i);
      g_autofree char *team = team_of (mreza_list_row_get_title (row));

      if (team != NULL && g_str_equal (team, own_team) != other_team)
        item = gtk_widget_get_parent (GTK_WIDGET (row));
    }
  g_assert_nonnull (item);

  g_assert_true (gtk_widget_grab_focus (item));
  g_assert_true (gtk_widget_has_focus (item));
  /* What Enter's binding does. */
  g_assert_true (gtk_widget_activate (item));
  WAIT_FOR ((form = find_toplevel (MREZA_TYPE_JOINT_ACTION_FORM)) != NULL);
  return form;
}

static void
test_keyboard (void)
{
  MrezaJointActionForm *form;

  form = open_by_keyboard (TRUE);
  g_assert_true (mreza_form_get_locked (MREZA_FORM (form)));
  settle (200);
  gtk_window_destroy (GTK_WINDOW (form));
  WAIT_FOR (find_toplevel (MREZA_TYPE_JOINT_ACTION_FORM) == NULL);

  form = open_by_keyboard (FALSE);
  g_assert_false (mreza_form_get_locked (MREZA_FORM (form)));
  settle (200);
  gtk_window_destroy (GTK_WINDOW (form));
  WAIT_FOR (find_toplevel (MREZA_TYPE_JOINT_ACTION_FORM) == NULL);
}

static guint
count_locked (void)
{
  g_autoptr(GPtrArray) rows = shown_rows ();
  guint locked = 0;

  for (guint i = 0; i < rows->len; i++)
    if (mreza_list_row_get_lock (g_ptr_array_index (rows, i)) != NULL)
      locked++;
  return locked;
}

/* The device's role changes while the list stays loaded (a coordinator
 * re-enrolled it): shown again, the page locks nothing. */
static void
test_role_changed (void)
{
  g_assert_cmpuint (count_locked (), >, 0);

  exec_sql ("UPDATE sync_state SET value = 'coordinator' WHERE key = 'role'");
  mreza_window_set_view (window, "plan");
  settle (100);
  mreza_window_set_view (window, "actions");
  WAIT_FOR (actions_loaded () && count_locked () == 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *sql = NULL;
  int ret;

  /* GTK's test accessibility backend, to read the rows' accessible
   * properties back. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  setup_gui (&argc, &argv);
  open_demo_replica ();

  /* The device joined as a member of the first team; the join is
   * pretended (port 9 refuses), so nothing syncs. */
  own_team = query_text ("SELECT id FROM team ORDER BY rowid LIMIT 1");
  sql = g_strdup_printf ("INSERT OR REPLACE INTO sync_state (key, value)"
                         " VALUES ('url', 'https://127.0.0.1:9'),"
                         " ('team', '%s'), ('role', 'member')", own_team);
  exec_sql (sql);
  open_main_window ("actions");

  g_test_add_func ("/ui/actions-list/lock", test_lock);
  g_test_add_func ("/ui/actions-list/keyboard", test_keyboard);
  g_test_add_func ("/ui/actions-list/role-changed", test_role_changed);

  ret = g_test_run ();

  tear_down_gui ();
  g_free (own_team);

  return ret;
}
