/* test-indicator-page.c: an indicator's values and derived counts, and
 * a joint action's links, through the real widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real window in-process on a fresh replica of the demo data:
 * opens an indicator's page from the activity view, creates a joint
 * action with participants linked to it through the joint action
 * form's pickers and sees the page's derived count change, enters an
 * invalid period and value and sees the errors with nothing written,
 * saves, deletes and undoes a value, finds the indicator by search, and
 * shows another team's rows read-only on a member's device. Writes
 * joint-action-form.png, indicator-page.png and
 * indicator-value-form-invalid.png to the build folder and, with
 * MREZA_SCREENSHOT_DIR set (to data/screenshots/), there too; and
 * joint-action-form-read-only.png to the build folder only.
 */
#define G_LOG_DOMAIN "test-indicator-page"

#include "config.h"

#include "mreza-indicator-page.h"
#include "mreza-indicator-value-form-private.h"
#include "mreza-joint-action-form-private.h"
#include "mreza-row-list.h"
#include "mreza-util.h"

#include <string.h>

#define WAIT_SECONDS 30

#include "gui-test-app.h"
#include "gui-test-shot.h"

#define TITLE "Radionica „Bezbedno leto“ u školi „Čegar“"

static char *nis;
static char *participants;   /* g1.a1.i3 */
static char *activity;       /* g1.a1 */

/* With MREZA_SCREENSHOT_DIR set (data/screenshots/ for the README and
 * the review), keeps a copy of the screenshot there too. */
static void
shot (GtkWidget  *widget,
      const char *name)
{
  const char *dir = g_getenv ("MREZA_SCREENSHOT_DIR");
  g_autofree char *built = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  save_png (widget, name);
  if (dir == NULL || *dir == '\0')
    return;
  built = g_test_build_filename (G_TEST_BUILT, "gui", name, NULL);
  copy = g_build_filename (dir, name, NULL);
  g_mkdir_with_parents (dir, 0755);
  g_assert_true (g_file_get_contents (built, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (copy, contents, len, NULL));
}

static GtkWidget *
find_actionable (GtkWidget  *root,
                 const char *action,
                 const char *target)
{
  if (GTK_IS_ACTIONABLE (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    {
      GVariant *value = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (root));

      if (target == NULL ||
          (value != NULL && g_strcmp0 (g_variant_get_string (value, NULL), target) == 0))
        return root;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_actionable (child, action, target);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static const MrezaIndicatorLine *
find_line (MrezaIndicatorPage *page,
           const char         *team_id,
           const char         *period)
{
  GPtrArray *lines = mreza_indicator_page_get_lines (page);

  for (guint i = 0; lines != NULL && i < lines->len; i++)
    {
      const MrezaIndicatorLine *line = g_ptr_array_index (lines, i);

      if (g_str_equal (line->team_id, team_id) && g_str_equal (line->period, period))
        return line;
    }
  return NULL;
}

/* Lets the page finish reading its values in its worker. */
static void
wait_loaded (MrezaIndicatorPage *page)
{
  settle (50);
  WAIT_FOR (!mreza_indicator_page_is_loading (page) &&
            mreza_indicator_page_get_lines (page) != NULL);
}

static gboolean
has_value (MrezaIndicatorPage *page,
           const char         *period)
{
  const MrezaIndicatorLine *line = find_line (page, nis, period);

  return line != NULL && line->value != NULL;
}

static gint64
line_participants (MrezaIndicatorPage *page,
                   const char         *period)
{
  const MrezaIndicatorLine *line = find_line (page, nis, period);

  if (line == NULL)
    return -1;
  return mreza_derived_counts_get (&line->counts, MREZA_DERIVED_PARTICIPANTS);
}

/* The activity view's indicator row opens the indicator's page. */
static MrezaIndicatorPage *
open_page_from_activity (void)
{
  MrezaIndicatorPage *page;
  GtkWidget *row;

  mreza_window_set_view (window, "plan");
  mreza_plan_page_select (window->plan_page, MREZA_ROW_ACTIVITY, activity);
  WAIT_FOR ((row = find_actionable (GTK_WIDGET (window->plan_page),
                                    "win.show-indicator", participants)) != NULL);
  g_assert_true (gtk_widget_activate (row));
  WAIT_FOR ((page = find_toplevel (MREZA_TYPE_INDICATOR_PAGE)) != NULL);
  g_assert_cmpstr (mreza_indicator_page_get_indicator (page)->id, ==, participants);
  wait_loaded (page);
  return page;
}

static GtkCheckButton *
first_answer (MrezaLinkPicker *picker)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (picker->list, 0);
  GtkWidget *child = row != NULL ? gtk_list_box_row_get_child (row) : NULL;

  return GTK_IS_CHECK_BUTTON (child) ? GTK_CHECK_BUTTON (child) : NULL;
}

static void
searched_cb (GtkSearchEntry *entry,
             gboolean       *done)
{
  *done = TRUE;
}

/* Opens a picker's popover, searches and checks the first answer. */
static void
pick (MrezaLinkPicker *picker,
      const char      *text,
      const char      *expect)
{
  guint chosen = picker->chosen->len;
  gboolean searched = FALSE;
  GtkCheckButton *check;
  gulong id;

  /* Xvfb's screen is 640 x 480: the button is scrolled into it, for
   * the popover to find its monitor. */
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (picker->button)));
  gtk_widget_grab_focus (GTK_WIDGET (picker->button));
  settle (200);
  /* Without a window manager, focus may move to another of the test's
   * windows under load, and an autohiding popover would close. */
  gtk_popover_set_autohide (picker->popover, FALSE);
  gtk_menu_button_popup (picker->button);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (picker->popover)));
  /* The picker's own handler, connected first, has refreshed the list
   * when this one runs. */
  id = g_signal_connect (picker->search, "search-changed",
                         G_CALLBACK (searched_cb), &searched);
  gtk_editable_set_text (GTK_EDITABLE (picker->search), text);
  WAIT_FOR (searched);
  g_signal_handler_disconnect (picker->search, id);
  WAIT_FOR ((check = first_answer (picker)) != NULL &&
            strstr (gtk_check_button_get_label (check), expect) != NULL);
  g_assert_false (gtk_check_button_get_active (check));
  gtk_check_button_set_active (check, TRUE);
  g_assert_cmpuint (picker->chosen->len, ==, chosen + 1);
  gtk_menu_button_popdown (picker->button);
}

/* Scrolls the form so that @widget is at the top of the picture. */
static void
scroll_to (GtkWidget *widget)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *vadj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));
  double x, y;

  g_assert_true (gtk_widget_translate_coordinates (widget, content, 0, 0, &x, &y));
  gtk_adjustment_set_value (vadj, y - 12);
}

static guint
team_index (MrezaJointActionForm *form,
            const char           *team_id)
{
  for (guint i = 0; i < form->teams->len; i++)
    if (g_str_equal (((MrezaChoice *) g_ptr_array_index (form->teams, i))->id, team_id))
      return i;
  g_assert_not_reached ();
}

static void
test_derived_count (void)
{
  MrezaIndicatorPage *page = open_page_from_activity ();
  MrezaJointActionForm *form;
  gint64 before = line_participants (page, "2019");
  g_autoptr(MrezaJointAction) saved = NULL;
  g_autofree char *id = NULL;

  g_assert_cmpint (before, ==, -1);

  /* A joint action of Niš in 2019, with 61 participants, linked to the
   * indicator through the form's pickers. */
  form = mreza_actions_page_open_form (window->actions_page, NULL);
  g_assert_nonnull (form);
  gtk_window_set_default_size (GTK_WINDOW (form), 560, 420);
  gtk_editable_set_text (GTK_EDITABLE (form->date_row), "2019-06-12");
  gtk_editable_set_text (GTK_EDITABLE (form->title_row), TITLE);
  gtk_editable_set_text (GTK_EDITABLE (form->place_row), "Niš, OŠ „Čegar“");
  adw_combo_row_set_selected (form->team_row, team_index (form, nis));
  gtk_spin_button_set_value (form->women_spin, 14);
  gtk_spin_button_set_value (form->men_spin, 9);
  gtk_spin_button_set_value (form->girls_spin, 21);
  gtk_spin_button_set_value (form->boys_spin, 17);
  adw_combo_row_set_selected (form->activity_row, 1);
  gtk_editable_set_text (GTK_EDITABLE (form->note_row),
                         "Đaci petih razreda; učestvovali i roditelji");
  pick (&form->institutions, "crveni krst", "Crveni krst");
  pick (&form->institutions, "policijska uprava", "PU ");
  pick (&form->indicators, "ucesnika obuhvacenih", "1.1.3 ");
  g_assert_cmpstr (g_ptr_array_index (form->indicators.chosen, 0) ?
                   ((MrezaChoice *) g_ptr_array_index (form->indicators.chosen, 0))->id : NULL,
                   ==, participants);
  g_assert_true (mreza_form_can_save (MREZA_FORM (form)));

  /* Without a search, the picker offers the team's own members, the
   * chosen ones checked. */
  gtk_widget_grab_focus (GTK_WIDGET (form->institutions.button));
  settle (200);
  gtk_editable_set_text (GTK_EDITABLE (form->institutions.search), "");
  gtk_popover_set_autohide (form->institutions.popover, FALSE);
  gtk_menu_button_popup (form->institutions.button);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (form->institutions.popover)));
  WAIT_FOR (first_answer (&form->institutions) != NULL);
  settle (300);
  shot (GTK_WIDGET (form->institutions.popover), "joint-action-form-picker.png");
  gtk_menu_button_popdown (form->institutions.button);

  /* Tall enough to show every group in one picture. */
  gtk_window_set_default_size (GTK_WINDOW (form), 560, 1760);
  settle (400);
  scroll_to (GTK_WIDGET (form->who_group));
  settle (200);
  scroll_to (GTK_WIDGET (form->who_group));
  settle (200);
  shot (GTK_WIDGET (form), "joint-action-form.png");

  g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &form);
  gtk_widget_activate (mreza_form_get_save_button (MREZA_FORM (form)));
  WAIT_FOR (form == NULL);

  /* Saved with its links, in one go. */
  id = g_strdup_printf ("SELECT count(*) FROM joint_action_indicator l"
                        " JOIN joint_action j ON j.id = l.joint_action_id"
                        " WHERE j.title = '%s'", TITLE);
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (mreza_store_get_db (store), id, -1,
                                         &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
    sqlite3_finalize (stmt);
  }

  /* Back on the indicator's page, the count is there. */
  gtk_window_present (GTK_WINDOW (page));
  mreza_indicator_page_reload (page);
  WAIT_FOR (line_participants (page, "2019") == 61);
  g_assert_false (has_value (page, "2019"));
}

static void
test_invalid_value (void)
{
  MrezaIndicatorPage *page = find_toplevel (MREZA_TYPE_INDICATOR_PAGE);
  MrezaIndicatorValueForm *form;
  gint64 values = count_rows ("indicator_value");
  gint64 outbox = count_rows ("sync_outbox");

  g_assert_nonnull (page);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "indicator.add", NULL));
  WAIT_FOR ((form = find_toplevel (MREZA_TYPE_INDICATOR_VALUE_FORM)) != NULL);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (form)) == GTK_WINDOW (page));

  adw_combo_row_set_selected (form->team_row, 0);
  for (guint i = 0; i < form->teams->len; i++)
    if (g_str_equal (((MrezaChoice *) g_ptr_array_index (form->teams, i))->id, nis))
      adw_combo_row_set_selected (form->team_row, i);

  gtk_editable_set_text (GTK_EDITABLE (form->period_row), "2019-Q5");
  gtk_editable_set_text (GTK_EDITABLE (form->value_row), "-4");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (form->period_row), "error"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (form->value_row), "error"));
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (form->period_row)),
                            "2019-Q5"));
  g_assert_false (mreza_form_can_save (MREZA_FORM (form)));

  gtk_editable_set_text (GTK_EDITABLE (form->period_row), "1850");
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (form->period_row)),
                            "1850"));
  gtk_editable_set_text (GTK_EDITABLE (form->note_row),
                         "Potpisne liste, Đurđevdanska škola, Žitorađa");
  settle (400);
  shot (GTK_WIDGET (form), "indicator-value-form-invalid.png");

  /* Even asked directly, nothing is written. */
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  settle (100);
  g_assert_cmpint (count_rows ("indicator_value"), ==, values);
  g_assert_cmpint (count_rows ("sync_outbox"), ==, outbox);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (form)));

  /* Fixed, it saves; the derived counts show in the form meanwhile. */
  gtk_editable_set_text (GTK_EDITABLE (form->period_row), "2019");
  gtk_editable_set_text (GTK_EDITABLE (form->value_row), "61");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (form->period_row), "error"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (form->value_row), "error"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (form->derived_participants_row), "61"));
  g_assert_true (mreza_form_can_save (MREZA_FORM (form)));

  g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &form);
  gtk_widget_activate (mreza_form_get_save_button (MREZA_FORM (form)));
  WAIT_FOR (form == NULL);
  g_assert_cmpint (count_rows ("indicator_value"), ==, values + 1);
  WAIT_FOR (has_value (page, "2019"));
  wait_loaded (page);
  g_assert_cmpstr (find_line (page, nis, "2019")->value->value, ==, "61");
  g_assert_cmpint (line_participants (page, "2019"), ==, 61);

  gtk_window_set_default_size (GTK_WINDOW (page), 760, 900);
  settle (400);
  shot (GTK_WIDGET (page), "indicator-page.png");
}

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* An indicator nobody has reported on says what to do first. */
static void
test_empty_state (void)
{
  g_autofree char *id = mreza_uuid_from_slug ("indicators/g1.a2.i1");
  MrezaIndicatorPage *page;
  GtkWidget *add;
  GtkWidget *status;

  page = mreza_indicator_page_open (GTK_WINDOW (window), store, id, NULL);
  g_assert_nonnull (page);
  wait_loaded (page);
  g_assert_cmpuint (mreza_indicator_page_get_lines (page)->len, ==, 0);
  add = find_actionable (GTK_WIDGET (page), "indicator.add", NULL);
  g_assert_nonnull (add);
  g_assert_true (GTK_IS_BUTTON (add));
  /* The status page, with its own button to add the first value. */
  status = find_type (GTK_WIDGET (page), ADW_TYPE_STATUS_PAGE);
  g_assert_nonnull (status);
  g_assert_nonnull (find_actionable (status, "indicator.add", NULL));
  gtk_window_set_default_size (GTK_WINDOW (page), 760, 820);
  settle (400);
  shot (GTK_WIDGET (page), "indicator-page-empty.png");
  gtk_window_destroy (GTK_WINDOW (page));
}

/* A yes/no indicator is answered with a choice, not typed. */
static void
test_yes_no (void)
{
  g_autofree char *id = mreza_uuid_from_slug ("indicators/g1.a2.i1");
  MrezaIndicatorPage *page;
  MrezaIndicatorValueForm *form;

  page = mreza_indicator_page_open (GTK_WINDOW (window), store, id, NULL);
  wait_loaded (page);
  form = mreza_indicator_page_open_form (page, NULL);
  g_assert_nonnull (form);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (form->value_row)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (form->yes_no_row)));
  for (guint i = 0; i < form->teams->len; i++)
    if (g_str_equal (((MrezaChoice *) g_ptr_array_index (form->teams, i))->id, nis))
      adw_combo_row_set_selected (form->team_row, i);
  gtk_editable_set_text (GTK_EDITABLE (form->period_row), "2018-Q2");
  g_assert_false (mreza_form_can_save (MREZA_FORM (form)));
  adw_combo_row_set_selected (form->yes_no_row, 1);
  g_assert_true (mreza_form_can_save (MREZA_FORM (form)));

  g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &form);
  gtk_widget_activate (mreza_form_get_save_button (MREZA_FORM (form)));
  WAIT_FOR (form == NULL);
  WAIT_FOR (has_value (page, "2018-Q2"));
  g_assert_cmpstr (find_line (page, nis, "2018-Q2")->value->value, ==, "yes");
  gtk_window_destroy (GTK_WINDOW (page));
}

static void
test_discard (void)
{
  MrezaIndicatorPage *page = find_toplevel (MREZA_TYPE_INDICATOR_PAGE);
  MrezaIndicatorValueForm *form = mreza_indicator_page_open_form (page, NULL);
  gint64 values = count_rows ("indicator_value");
  GtkWindow *dialog;

  gtk_editable_set_text (GTK_EDITABLE (form->value_row), "12");
  g_assert_true (mreza_indicator_value_form_has_changes (form));

  /* Escape with changes asks; Discard closes without a write. */
  g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &form);
  gtk_widget_activate_action (GTK_WIDGET (form), "window.close", NULL);
  WAIT_FOR ((dialog = find_message_dialog ()) != NULL);
  g_assert_nonnull (form);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "discard");
  WAIT_FOR (form == NULL);
  g_assert_cmpint (count_rows ("indicator_value"), ==, values);
}

static void
test_delete_undo (void)
{
  MrezaIndicatorPage *page = find_toplevel (MREZA_TYPE_INDICATOR_PAGE);
  g_autofree char *value_id = NULL;
  MrezaIndicatorValueForm *form;
  GtkWidget *row;
  AdwToast *toast;
  gint64 values = count_rows ("indicator_value");

  /* The value's row opens it for editing. */
  wait_loaded (page);
  g_assert_true (has_value (page, "2019"));
  value_id = g_strdup (find_line (page, nis, "2019")->value->id);
  row = find_actionable (GTK_WIDGET (page), "indicator.edit", value_id);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_activate (row));
  WAIT_FOR ((form = find_toplevel (MREZA_TYPE_INDICATOR_VALUE_FORM)) != NULL);
  g_assert_false (mreza_indicator_value_form_has_changes (form));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (form->value_row)), ==, "61");

  g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &form);
  gtk_widget_activate_action (GTK_WIDGET (form), "form.delete", NULL);
  WAIT_FOR (form == NULL);
  g_assert_cmpint (count_rows ("indicator_value"), ==, values - 1);
  WAIT_FOR (!has_value (page, "2019"));
  toast = mreza_indicator_page_get_undo_toast (page);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Value deleted");

  g_signal_emit_by_name (toast, "button-clicked");
  WAIT_FOR (has_value (page, "2019"));
  g_assert_cmpstr (find_line (page, nis, "2019")->value->value, ==, "61");
  g_assert_cmpint (count_rows ("indicator_value"), ==, values);
}

/* Search finds the indicator, and choosing it opens its page. */
static void
test_search (void)
{
  MrezaIndicatorPage *page = find_toplevel (MREZA_TYPE_INDICATOR_PAGE);
  GListModel *results;

  gtk_window_destroy (GTK_WINDOW (page));
  g_assert_null (find_toplevel (MREZA_TYPE_INDICATOR_PAGE));

  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  gtk_editable_set_text (GTK_EDITABLE (window->search_entry), "broj ucesnika obuhvacenih");
  results = mreza_search_page_get_results (window->search_page);
  WAIT_FOR (!mreza_search_page_is_busy (window->search_page) &&
            g_list_model_get_n_items (results) > 0);
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(MrezaRow) row = g_list_model_get_item (results, i);

      if (mreza_row_get_kind (row) == MREZA_ROW_INDICATOR)
        {
          g_assert_cmpstr (mreza_row_get_id (row), ==, participants);
          g_signal_emit_by_name (window->search_page, "result-activated", row);
          break;
        }
    }
  WAIT_FOR ((page = find_toplevel (MREZA_TYPE_INDICATOR_PAGE)) != NULL);
  g_assert_cmpstr (mreza_indicator_page_get_indicator (page)->id, ==, participants);
  gtk_window_destroy (GTK_WINDOW (page));
}

/* On a member's device, another team's rows are shown, not offered for
 * editing, and say why. */
static void
test_member_read_only (void)
{
  g_autofree char *sql = NULL;
  g_autofree char *novi_sad = mreza_uuid_from_slug ("teams/tim-novi-sad");
  g_autofree char *other_action = mreza_uuid_from_slug ("joint_actions/ja.novi-sad.2017.2");
  g_autofree char *actions = mreza_uuid_from_slug ("indicators/g1.a1.i2");
  MrezaIndicatorPage *page;
  MrezaJointActionForm *form;
  MrezaIndicatorValueForm *value_form;
  const MrezaIndicatorLine *line;

  sql = g_strdup_printf ("INSERT OR REPLACE INTO sync_state (key, value) VALUES"
                         " ('url', 'https://127.0.0.1:9'), ('role', 'member'),"
                         " ('team', '%s'), ('team_name', 'Lokalni tim Niš')", nis);
  exec_sql (sql);

  page = mreza_indicator_page_open (GTK_WINDOW (window), store,
                                    actions, NULL);
  g_assert_nonnull (page);
  wait_loaded (page);
  line = find_line (page, novi_sad, "2017");
  g_assert_nonnull (line);
  g_assert_nonnull (line->value);
  /* No edit for Novi Sad's value, one for Niš's. */
  g_assert_null (find_actionable (GTK_WIDGET (page), "indicator.edit", line->value->id));
  g_assert_nonnull (find_actionable (GTK_WIDGET (page), "indicator.edit",
                                     find_line (page, nis, "2017")->value->id));

  /* A new value can only be for the member's own team. */
  value_form = mreza_indicator_page_open_form (page, NULL);
  g_assert_cmpuint (value_form->teams->len, ==, 1);
  g_assert_cmpstr (((MrezaChoice *) g_ptr_array_index (value_form->teams, 0))->id, ==, nis);
  gtk_window_destroy (GTK_WINDOW (value_form));
  gtk_window_destroy (GTK_WINDOW (page));

  /* Another team's joint action opens read-only, with the reason. */
  form = mreza_actions_page_open_form (window->actions_page, other_action);
  g_assert_nonnull (form);
  g_assert_nonnull (form->read_only);
  g_assert_false (gtk_widget_get_visible (mreza_form_get_save_button (MREZA_FORM (form))));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (form->who_group)));
  g_assert_true (mreza_form_get_locked (MREZA_FORM (form)));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (mreza_form_get_save_button (MREZA_FORM (form))),
                   ==, form->read_only);
  g_assert_null (mreza_form_get_delete_button (MREZA_FORM (form)));
  settle (300);
  save_png (GTK_WIDGET (form), "joint-action-form-read-only.png");
  gtk_window_destroy (GTK_WINDOW (form));

  /* A new one is for the member's team. */
  form = mreza_actions_page_open_form (window->actions_page, NULL);
  g_assert_null (form->read_only);
  g_assert_cmpuint (form->teams->len, ==, 1);
  g_assert_cmpstr (form->current->team_id, ==, nis);
  gtk_window_destroy (GTK_WINDOW (form));

  exec_sql ("DELETE FROM sync_state WHERE key IN ('url', 'role', 'team', 'team_name')");
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  setup_gui (&argc, &argv);

  nis = mreza_uuid_from_slug ("teams/tim-nis");
  participants = mreza_uuid_from_slug ("indicators/g1.a1.i3");
  activity = mreza_uuid_from_slug ("activities/g1.a1");

  open_demo_replica ();
  open_main_window (NULL);

  g_test_add_func ("/ui/indicator-page/derived-count", test_derived_count);
  g_test_add_func ("/ui/indicator-page/invalid-value", test_invalid_value);
  g_test_add_func ("/ui/indicator-page/discard", test_discard);
  g_test_add_func ("/ui/indicator-page/delete-undo", test_delete_undo);
  g_test_add_func ("/ui/indicator-page/search", test_search);
  g_test_add_func ("/ui/indicator-page/empty-state", test_empty_state);
  g_test_add_func ("/ui/indicator-page/yes-no", test_yes_no);
  g_test_add_func ("/ui/indicator-page/member-read-only", test_member_read_only);

  ret = g_test_run ();

  tear_down_gui ();
  g_free (nis);
  g_free (participants);
  g_free (activity);

  return ret;
}
