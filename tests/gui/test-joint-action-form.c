/* test-joint-action-form.c: creating, checking, deleting and undoing a
 * joint action through the form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real window in-process on a fresh replica of the demo data,
 * fills the joint action form's widgets as a person would, and renders
 * the form to joint-action-form.png (and, with a date that does not
 * exist, joint-action-form-invalid.png) in the build folder.
 */
#define G_LOG_DOMAIN "test-joint-action-form"

#include "config.h"

#include "mreza-joint-actions.h"
#include "mreza-joint-action-form-private.h"
#include "mreza-row-list.h"

#include <string.h>

#define WAIT_SECONDS 30

#include "gui-test-app.h"
#include "gui-test-shot.h"

#define TITLE "Obuka o prepoznavanju žrtava trgovine ljudima"

static GListModel *
actions (void)
{
  return mreza_actions_page_get_actions (window->actions_page);
}

static gboolean
actions_loaded (guint n)
{
  GListModel *model = actions ();

  return model != NULL && mreza_row_list_get_loaded (MREZA_ROW_LIST (model)) &&
         g_list_model_get_n_items (model) == n;
}

static guint
count_titled (const char *title)
{
  GListModel *model = actions ();
  guint found = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(MrezaRow) row = g_list_model_get_item (model, i);

      if (g_strcmp0 (mreza_row_get_title (row), title) == 0)
        found++;
    }
  return found;
}

static gboolean
save_enabled (MrezaJointActionForm *form)
{
  return mreza_form_can_save (MREZA_FORM (form));
}

static void
fill_form (MrezaJointActionForm *form)
{
  gtk_editable_set_text (GTK_EDITABLE (form->date_row), "2019-10-18");
  adw_combo_row_set_selected (form->kind_row, 0);
  gtk_editable_set_text (GTK_EDITABLE (form->title_row), TITLE);
  gtk_editable_set_text (GTK_EDITABLE (form->place_row),
                         "Dom kulture, Šabac");
  adw_combo_row_set_selected (form->team_row, 1);
  gtk_spin_button_set_value (form->women_spin, 14);
  gtk_spin_button_set_value (form->men_spin, 9);
  gtk_spin_button_set_value (form->girls_spin, 21);
  gtk_spin_button_set_value (form->boys_spin, 17);
  adw_combo_row_set_selected (form->activity_row, 2);
  gtk_editable_set_text (GTK_EDITABLE (form->note_row),
                         "Đaci osmih razreda; potpisne liste čuva sekretar tima");
}

static void
test_create (void)
{
  MrezaJointActionForm *form;
  guint n;

  mreza_window_set_view (window, "actions");
  WAIT_FOR (actions () != NULL && mreza_row_list_get_loaded (MREZA_ROW_LIST (actions ())));
  n = g_list_model_get_n_items (actions ());

  /* Ctrl+N's action opens an empty form; Save waits for a title. */
  gtk_widget_activate_action (GTK_WIDGET (window->actions_page), "actions.new", NULL);
  form = MREZA_JOINT_ACTION_FORM (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_true (MREZA_IS_JOINT_ACTION_FORM (form));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (form)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (form)) == GTK_WINDOW (window));
  g_assert_false (save_enabled (form));

  fill_form (form);
  g_assert_true (save_enabled (form));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (form->date_row), "error"));
  settle (400);
  save_png (GTK_WIDGET (form), "joint-action-form.png");

  gtk_widget_activate (mreza_form_get_save_button (MREZA_FORM (form)));
  WAIT_FOR (actions_loaded (n + 1));
  g_assert_cmpuint (count_titled (TITLE), ==, 1);
}

static void
test_invalid_date (void)
{
  MrezaJointActionForm *form = mreza_actions_page_open_form (window->actions_page, NULL);
  gint64 rows = count_rows ("joint_action");
  gint64 outbox = count_rows ("sync_outbox");
  GtkWindow *dialog;

  g_assert_nonnull (form);
  fill_form (form);
  g_assert_true (save_enabled (form));

  gtk_editable_set_text (GTK_EDITABLE (form->date_row), "2018-02-30");
  g_assert_false (save_enabled (form));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (form->date_row), "error"));
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (form->date_row)),
                            "2018-02-30"));
  settle (400);
  save_png (GTK_WIDGET (form), "joint-action-form-invalid.png");

  /* Even asked directly, the form writes nothing. */
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  settle (100);
  g_assert_cmpint (count_rows ("joint_action"), ==, rows);
  g_assert_cmpint (count_rows ("sync_outbox"), ==, outbox);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (form)));

  /* Fixing the date clears the error. */
  gtk_editable_set_text (GTK_EDITABLE (form->date_row), "2018-02-28");
  g_assert_true (save_enabled (form));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (form->date_row), "error"));

  /* Closing with changes asks, and Discard closes without a write. */
  g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &form);
  gtk_window_close (GTK_WINDOW (form));
  WAIT_FOR ((dialog = find_message_dialog ()) != NULL);
  g_assert_nonnull (form);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "discard");
  WAIT_FOR (form == NULL);
  g_assert_cmpint (count_rows ("joint_action"), ==, rows);
}

static char *
find_id (const char *title)
{
  GListModel *model = actions ();

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(MrezaRow) row = g_list_model_get_item (model, i);

      if (g_strcmp0 (mreza_row_get_title (row), title) == 0)
        return g_strdup (mreza_row_get_id (row));
    }
  return NULL;
}

static void
test_delete_undo (void)
{
  g_autofree char *id = find_id (TITLE);
  guint n = g_list_model_get_n_items (actions ());
  gint64 links = count_rows ("joint_action_institution");
  MrezaJointActionForm *form;
  AdwToast *toast;

  g_assert_nonnull (id);
  form = mreza_actions_page_open_form (window->actions_page, id);
  g_assert_nonnull (form);
  g_assert_cmpstr (mreza_joint_action_form_get_id (form), ==, id);
  g_assert_false (mreza_joint_action_form_has_changes (form));
  g_assert_cmpfloat (gtk_spin_button_get_value (form->girls_spin), ==, 21);
  settle (300);
  save_png (GTK_WIDGET (form), "joint-action-form-edit.png");

  gtk_widget_activate_action (GTK_WIDGET (form), "form.delete", NULL);
  WAIT_FOR (actions_loaded (n - 1));
  g_assert_cmpuint (count_titled (TITLE), ==, 0);
  toast = mreza_actions_page_get_undo_toast (window->actions_page);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Joint action deleted");
  settle (300);
  save_png (GTK_WIDGET (window), "joint-action-deleted.png");

  g_signal_emit_by_name (toast, "button-clicked");
  WAIT_FOR (actions_loaded (n));
  g_assert_cmpuint (count_titled (TITLE), ==, 1);
  g_assert_cmpint (count_rows ("joint_action_institution"), ==, links);
}

static GtkWidget *
page_child (const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (window->actions_page),
                                                  MREZA_TYPE_ACTIONS_PAGE,
                                                  name);

  g_assert_true (GTK_IS_WIDGET (child));
  return GTK_WIDGET (child);
}

static gboolean
first_is_from (const char *date_prefix)
{
  g_autoptr(MrezaRow) first = g_list_model_get_item (actions (), 0);

  return first != NULL &&
         g_str_has_prefix (mreza_row_get_subtitle (first), date_prefix);
}

/* The filter bar narrows the list in SQL; when nothing matches, the
 * page says so and clears the filters in one click. */
static void
test_filters (void)
{
  GtkDropDown *kind = GTK_DROP_DOWN (page_child ("kind_drop"));
  GtkDropDown *sector = GTK_DROP_DOWN (page_child ("sector_drop"));
  GtkDropDown *sort = GTK_DROP_DOWN (page_child ("sort_drop"));
  GtkWidget *no_match = page_child ("no_match");
  guint total, campaigns, media = 0;

  mreza_window_set_view (window, "actions");
  WAIT_FOR (actions () != NULL && mreza_row_list_get_loaded (MREZA_ROW_LIST (actions ())));
  total = query_int ("SELECT count(*) FROM joint_action");
  WAIT_FOR (actions_loaded (total));
  g_assert_false (gtk_widget_get_visible (no_match));

  /* Kinds follow "All kinds" in mreza_joint_action_kinds()'s order. */
  campaigns = query_int ("SELECT count(*) FROM joint_action"
                         " WHERE kind = 'campaign'");
  g_assert_cmpstr (mreza_joint_action_kinds ()[1], ==, "campaign");
  gtk_drop_down_set_selected (kind, 2);
  WAIT_FOR (actions_loaded (campaigns));

  /* Oldest first: the demo's first joint actions are from 2017. */
  gtk_drop_down_set_selected (kind, 0);
  gtk_drop_down_set_selected (sort, 1);
  WAIT_FOR (actions_loaded (total) && first_is_from ("2017-"));

  /* Media (16th after "All sectors") took part in no joint action. */
  g_assert_cmpint (query_int ("SELECT count(*) FROM joint_action_institution j"
                              " JOIN institution i ON i.id = j.institution_id"
                              " WHERE i.sector = 'media'"), ==, media);
  gtk_drop_down_set_selected (sector, 16);
  WAIT_FOR (actions_loaded (0) && gtk_widget_get_visible (no_match));
  g_assert_false (gtk_widget_get_visible (page_child ("list_scroller")));

  gtk_widget_activate_action (GTK_WIDGET (window->actions_page),
                              "actions.clear-filters", NULL);
  WAIT_FOR (actions_loaded (total) && !gtk_widget_get_visible (no_match));
  g_assert_cmpuint (gtk_drop_down_get_selected (sector), ==, 0);
  gtk_drop_down_set_selected (sort, 0);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  setup_gui (&argc, &argv);
  open_demo_replica ();
  open_main_window (NULL);

  g_test_add_func ("/ui/joint-action-form/create", test_create);
  g_test_add_func ("/ui/joint-action-form/invalid-date", test_invalid_date);
  g_test_add_func ("/ui/joint-action-form/delete-undo", test_delete_undo);
  g_test_add_func ("/ui/joint-action-form/filters", test_filters);

  ret = g_test_run ();

  tear_down_gui ();

  return ret;
}
