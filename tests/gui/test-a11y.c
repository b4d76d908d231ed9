/* test-a11y.c: every control a person can reach has a name
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real window in-process on a fresh replica of the demo data,
 * shows each page and opens the forms a page offers, and walks every
 * visible widget: a button, a toggle, a drop-down, a text field or a
 * switch must have an accessible name a screen reader can say — its
 * own label text, an accessible label, a "labelled-by" relation, or
 * the title of the libadwaita row it sits in. The names of the
 * controls that have none are listed in the failure.
 */
#define G_LOG_DOMAIN "test-a11y"

#include "config.h"

#include "mreza-form.h"
#include "mreza-indicator-page.h"
#include "mreza-plan-page.h"
#include "mreza-teams-page.h"

#include <string.h>

#define WAIT_SECONDS 30

#include "gui-test-app.h"

/* Whether a visible label under @widget says something. */
static gboolean
has_label_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (widget));

      if (text != NULL && *text != '\0')
        return TRUE;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (has_label_text (child))
      return TRUE;
  return FALSE;
}

static gboolean
has_accessible_name (GtkWidget *widget)
{
  GtkAccessible *accessible = GTK_ACCESSIBLE (widget);

  return gtk_test_accessible_has_property (accessible,
                                           GTK_ACCESSIBLE_PROPERTY_LABEL) ||
         gtk_test_accessible_has_relation (accessible,
                                           GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

/* The libadwaita row @widget is the main control of, whose title names
 * it: an entry row's text, a combo row's drop-down, an action row's
 * suffix switch or check. */
static gboolean
named_by_row (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_ROW);

  if (row == NULL)
    return FALSE;
  if (ADW_IS_ACTION_ROW (row))
    {
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));

      return title != NULL && *title != '\0';
    }
  return TRUE;
}

/* What a failure says about @widget: its type and the path up to the
 * nearest named ancestor's type. */
static char *
describe (GtkWidget *widget)
{
  g_autoptr(GString) out = g_string_new (G_OBJECT_TYPE_NAME (widget));
  const char *tooltip = gtk_widget_get_tooltip_text (widget);
  GtkWidget *up = widget;

  if (tooltip != NULL)
    g_string_append_printf (out, " (tooltip “%s”)", tooltip);
  for (int i = 0; i < 4 && (up = gtk_widget_get_parent (up)) != NULL; i++)
    g_string_append_printf (out, " < %s", G_OBJECT_TYPE_NAME (up));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Widgets whose accessibility is their toolkit's, not ours. */
static gboolean
is_toolkit_internal (GtkWidget *widget)
{
  static const char * const internal[] = {
    "GtkWindowControls", "AdwTabBar", "GtkPopoverMenu", "GtkShortcutsWindow",
  };

  for (GtkWidget *up = widget; up != NULL; up = gtk_widget_get_parent (up))
    for (guint i = 0; i < G_N_ELEMENTS (internal); i++)
      if (g_str_equal (G_OBJECT_TYPE_NAME (up), internal[i]))
        return TRUE;
  return FALSE;
}

static void
audit (GtkWidget *widget,
       GPtrArray *unnamed)
{
  gboolean control = FALSE;
  gboolean named = FALSE;

  if (!gtk_widget_get_mapped (widget) || is_toolkit_internal (widget))
    return;

  if (GTK_IS_BUTTON (widget))
    {
      GtkWidget *parent = gtk_widget_get_parent (widget);

      control = TRUE;
      /* A menu button's inner toggle is named by the menu button. */
      named = has_accessible_name (widget) || has_label_text (widget) ||
              (parent != NULL && GTK_IS_MENU_BUTTON (parent) &&
               (has_accessible_name (parent) || has_label_text (parent)));
      /* Libadwaita's own buttons in a row (an expander's arrow, an entry
       * row's apply) are named by the row. */
      if (!named && gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_ROW) &&
          !gtk_widget_get_ancestor (widget, GTK_TYPE_BOX))
        named = named_by_row (widget);
    }
  else if (GTK_IS_DROP_DOWN (widget) || GTK_IS_SWITCH (widget) ||
           GTK_IS_CHECK_BUTTON (widget) || GTK_IS_SPIN_BUTTON (widget))
    {
      control = TRUE;
      named = has_accessible_name (widget) || named_by_row (widget) ||
              (GTK_IS_CHECK_BUTTON (widget) && has_label_text (widget));
    }
  else if (GTK_IS_TEXT (widget))
    {
      GtkWidget *entry = gtk_widget_get_parent (widget);

      control = TRUE;
      named = has_accessible_name (widget) ||
              (entry != NULL && has_accessible_name (entry)) ||
              named_by_row (widget);
    }
  else if (GTK_IS_TEXT_VIEW (widget))
    {
      control = TRUE;
      named = has_accessible_name (widget) || named_by_row (widget);
    }

  if (control && !named)
    g_ptr_array_add (unnamed, describe (widget));

  /* A drop-down's popover lists choices, named by their labels. */
  if (GTK_IS_DROP_DOWN (widget) || GTK_IS_SPIN_BUTTON (widget))
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL; child = gtk_widget_get_next_sibling (child))
    audit (child, unnamed);
}

static void
assert_all_named (GtkWidget  *root,
                  const char *where)
{
  g_autoptr(GPtrArray) unnamed = g_ptr_array_new_with_free_func (g_free);

  audit (root, unnamed);
  for (guint i = 0; i < unnamed->len; i++)
    g_test_message ("%s: no accessible name: %s", where,
                    (char *) unnamed->pdata[i]);
  if (unnamed->len > 0)
    g_test_fail_printf ("%s: %u controls without an accessible name, the "
                        "first: %s", where, unnamed->len,
                        (char *) unnamed->pdata[0]);
}

static void
test_pages (void)
{
  static const char * const views[] = {
    "plan", "teams", "actions", "projects", "conflicts", "report", "meetings",
  };

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      mreza_window_set_view (window, views[i]);
      /* Each page reads its list in a worker when first shown. */
      settle (800);
      assert_all_named (GTK_WIDGET (window), views[i]);
    }
}

/* Opens a form through @action of @page, audits it, and closes it. */
static void
audit_form (GtkWidget  *page,
            const char *view,
            const char *action)
{
  MrezaForm *form;

  mreza_window_set_view (window, view);
  settle (500);
  g_assert_true (gtk_widget_activate_action (page, action, NULL));
  WAIT_FOR ((form = find_toplevel (MREZA_TYPE_FORM)) != NULL &&
            gtk_widget_get_mapped (GTK_WIDGET (form)));
  settle (300);
  assert_all_named (GTK_WIDGET (form), action);
  gtk_window_destroy (GTK_WINDOW (form));
  settle (100);
}

/* An activity's detail: its tasks' progress and edit buttons, its
 * indicators, budget and risks; and an indicator's own window. */
static void
test_activity (void)
{
  g_autofree char *activity = query_text ("SELECT activity_id FROM indicator"
                                          " GROUP BY activity_id"
                                          " ORDER BY count(*) DESC LIMIT 1");
  g_autofree char *indicator = NULL;
  GtkWindow *page;

  mreza_window_set_view (window, "plan");
  mreza_plan_page_select (window->plan_page, MREZA_ROW_ACTIVITY, activity);
  settle (800);
  assert_all_named (GTK_WIDGET (window), "an activity");

  indicator = query_text ("SELECT id FROM indicator ORDER BY number LIMIT 1");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window),
                                             "win.show-indicator", "s",
                                             indicator));
  WAIT_FOR ((page = find_toplevel (MREZA_TYPE_INDICATOR_PAGE)) != NULL &&
            gtk_widget_get_mapped (GTK_WIDGET (page)));
  settle (800);
  assert_all_named (GTK_WIDGET (page), "an indicator");
  gtk_window_destroy (page);
  settle (100);
}

static void
test_forms (void)
{
  audit_form (GTK_WIDGET (window->actions_page), "actions", "actions.new");
  audit_form (GTK_WIDGET (window->projects_page), "projects", "projects.new");
  audit_form (GTK_WIDGET (window->meetings_page), "meetings", "meetings.new");
  {
    g_autofree char *team_id = query_text ("SELECT id FROM team"
                                           " ORDER BY name LIMIT 1");

    mreza_window_set_view (window, "teams");
    mreza_teams_page_select_team (window->teams_page, team_id);
    settle (500);
    assert_all_named (GTK_WIDGET (window), "a team");
    audit_form (GTK_WIDGET (window->teams_page), "teams", "teams.new-contact");
    audit_form (GTK_WIDGET (window->teams_page), "teams",
                "teams.add-institution");
  }
}

int
main (int    argc,
      char **argv)
{
  int ret;

  /* The test AT context keeps what is set on it for the checks; "none"
   * (the suite's default) keeps nothing, and AT-SPI needs a bus. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  setup_gui (&argc, &argv);
  open_demo_replica ();
  open_main_window ("plan");

  g_test_add_func ("/a11y/pages", test_pages);
  g_test_add_func ("/a11y/activity", test_activity);
  g_test_add_func ("/a11y/forms", test_forms);

  ret = g_test_run ();
  tear_down_gui ();
  return ret;
}
