/* test-task-progress.c: editing a task's progress and seeing it in the
 * plan tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real window in-process on a fresh replica of the demo data,
 * opens a task's progress form from the activity view, checks the done
 * date inline, sets the task to done and finds "Done" in the task's row
 * of the plan tree. Then, as a member's device: the form reports the
 * team's own progress, saves it for its own team, and is locked for
 * another team's or for the national status. Renders the form to
 * task-progress-form.png (and the locked one to
 * task-progress-locked.png) in the build folder.
 */
#define G_LOG_DOMAIN "test-task-progress"

#include "config.h"

#include "mreza-plan-row.h"
#include "mreza-task-form-private.h"

#include <string.h>

#define WAIT_SECONDS 30

#include "gui-test-app.h"
#include "gui-test-shot.h"

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
  return mreza_form_can_save (MREZA_FORM (form));
}

static const char *
progress_description (MrezaTaskForm *form)
{
  return adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (form->progress_group));
}

/* What a member's join leaves in sync_state, less the coordinator's
 * address (nothing syncs): mreza_task_progress_load() reads the team
 * whose progress the replica reports from it. NULL forgets the join. */
static void
report_as_member_of (const char *team)
{
  g_autofree char *sql = NULL;

  if (team == NULL)
    {
      exec_sql ("DELETE FROM sync_state WHERE key IN ('team', 'role')");
      return;
    }
  sql = g_strdup_printf ("INSERT OR REPLACE INTO sync_state (key, value)"
                         " VALUES ('team', '%s'), ('role', 'member')", team);
  exec_sql (sql);
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
  g_assert_false (mreza_task_form_has_changes (form));
  g_assert_false (mreza_form_get_locked (MREZA_FORM (form)));
  g_assert_false (gtk_widget_get_sensitive (form->done_row));
  /* A replica that never joined keeps the national status. */
  g_assert_true (g_str_has_prefix (progress_description (form),
                                   "The plan’s national status."));

  /* Done: today is offered as the date, and Save turns on. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (form->status_row), 2);
  g_assert_true (gtk_widget_get_sensitive (form->done_row));
  g_assert_true (save_enabled (form));
  g_assert_true (mreza_task_form_has_changes (form));
  {
    g_autofree char *today = mreza_task_today ();

    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (form->done_row)),
                     ==, today);
  }

  /* A date that does not exist, or is still to come, is refused. */
  gtk_editable_set_text (GTK_EDITABLE (form->done_row), "2019-02-29");
  g_assert_false (save_enabled (form));
  g_assert_true (gtk_widget_has_css_class (form->done_row, "error"));
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  g_assert_cmpint (count_rows ("sync_outbox"), ==, outbox);
  gtk_editable_set_text (GTK_EDITABLE (form->done_row), "2999-01-01");
  g_assert_false (save_enabled (form));

  gtk_editable_set_text (GTK_EDITABLE (form->done_row), "2019-06-28");
  gtk_editable_set_text (GTK_EDITABLE (form->note_row),
                         "Obuka održana u Šapcu, zapisnik kod sekretara");
  g_assert_true (save_enabled (form));
  g_assert_false (gtk_widget_has_css_class (form->done_row, "error"));
  settle (400);
  save_png (GTK_WIDGET (form), "task-progress-form.png");

  g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &form);
  gtk_widget_activate (mreza_form_get_save_button (MREZA_FORM (form)));
  WAIT_FOR (form == NULL);
  g_assert_cmpint (count_rows ("sync_outbox"), ==, outbox + 1);

  /* The plan tree's row of the task now says it is done. */
  WAIT_FOR (plan_row_shows (tree, title, "Done") &&
            !mreza_plan_page_is_loading (window->plan_page));
  settle (300);
  save_png (GTK_WIDGET (window), "task-progress-saved.png");
}

/* The demo's @n-th team, in the order it was imported. */
static char *
dup_team_id (guint n)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM team ORDER BY rowid"
                                          " LIMIT 1 OFFSET %u", n);

  return query_text (sql);
}

static void
saved_cb (MrezaTaskForm  *form,
          const char     *id,
          char          **out)
{
  *out = g_strdup (id);
}

/* A member's device reports its own team's progress: a task_progress
 * row of that team, the task row untouched. Closing with changes asks
 * first, naming the task's progress. */
static void
test_member_own_team (void)
{
  g_autofree char *id = query_text ("SELECT id FROM task WHERE status ="
                                    " 'not_started' ORDER BY rowid LIMIT 1");
  g_autofree char *team = dup_team_id (0);
  g_autofree char *name = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *saved = NULL;
  g_autoptr(MrezaAccess) access = NULL;
  g_autoptr(GError) error = NULL;
  gint64 outbox = count_rows ("sync_outbox");
  MrezaTaskForm *form;
  GtkWindow *dialog;

  sql = g_strdup_printf ("SELECT name FROM team WHERE id = '%s'", team);
  name = query_text (sql);
  access = mreza_access_new (FALSE, team, name);
  report_as_member_of (team);

  form = mreza_task_form_new (GTK_WINDOW (window), store, access, id, &error);
  g_assert_no_error (error);
  g_assert_false (mreza_form_get_locked (MREZA_FORM (form)));
  g_assert_true (gtk_widget_is_sensitive (form->status_row));
  g_assert_true (gtk_widget_is_sensitive (form->note_row));
  g_assert_nonnull (strstr (progress_description (form), name));
  g_assert_true (g_str_has_prefix (progress_description (form),
                                   "Your team’s own progress"));

  /* Closing with changes asks first. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (form->status_row), 1);
  g_assert_true (save_enabled (form));
  g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &form);
  gtk_window_present (GTK_WINDOW (form));
  gtk_window_close (GTK_WINDOW (form));
  WAIT_FOR ((dialog = find_message_dialog ()) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                   ==, "This task's progress has changes that are not saved."
                       " Discarded changes are lost.");
  /* Escape closes the dialog with its close response, Keep Editing. */
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_close (dialog);
  WAIT_FOR (dialog == NULL || !gtk_widget_get_visible (GTK_WIDGET (dialog)));
  settle (100);
  g_assert_nonnull (form);
  if (dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);

  g_signal_connect (form, "saved", G_CALLBACK (saved_cb), &saved);
  mreza_form_save (MREZA_FORM (form));
  WAIT_FOR (form == NULL);
  g_assert_cmpstr (saved, ==, id);
  g_assert_cmpint (count_rows ("sync_outbox"), ==, outbox + 1);
  g_free (sql);
  sql = g_strdup_printf ("SELECT status FROM task_progress WHERE"
                         " task_id = '%s' AND team_id = '%s'", id, team);
  g_free (saved);
  saved = query_text (sql);
  g_assert_cmpstr (saved, ==, "in_progress");
  g_free (sql);
  sql = g_strdup_printf ("SELECT status FROM task WHERE id = '%s'", id);
  g_free (saved);
  saved = query_text (sql);
  g_assert_cmpstr (saved, ==, "not_started");

  report_as_member_of (NULL);
}

/* A member may not save another team's progress, nor the national
 * status: the form shows the task, says why, and never saves. */
static void
test_member_locked (void)
{
  g_autofree char *id = query_text ("SELECT id FROM task ORDER BY rowid"
                                    " LIMIT 1");
  g_autofree char *team = dup_team_id (0);
  g_autofree char *other = dup_team_id (1);
  g_autoptr(MrezaAccess) access = mreza_access_new (FALSE, other,
                                                    "Lokalni tim Vranje");
  g_autoptr(MrezaAccess) coordinator = mreza_access_new (TRUE, NULL, NULL);
  g_autoptr(GError) error = NULL;
  gint64 outbox = count_rows ("sync_outbox");
  MrezaTaskForm *form;

  /* The replica reports @team's progress; the device is @other's. */
  report_as_member_of (team);
  form = mreza_task_form_new (GTK_WINDOW (window), store, access, id, &error);
  g_assert_no_error (error);
  g_assert_true (mreza_form_get_locked (MREZA_FORM (form)));
  g_assert_false (gtk_widget_is_sensitive (form->status_row));
  g_assert_false (gtk_widget_is_sensitive (form->note_row));
  adw_combo_row_set_selected (ADW_COMBO_ROW (form->status_row), 2);
  g_assert_false (gtk_widget_is_sensitive (form->done_row));
  g_assert_false (save_enabled (form));
  mreza_form_save (MREZA_FORM (form));
  g_assert_cmpint (count_rows ("sync_outbox"), ==, outbox);
  gtk_window_destroy (GTK_WINDOW (form));
  report_as_member_of (NULL);

  /* Without a team the form edits the national status: a member's
   * device may not, a coordinator's may. */
  form = mreza_task_form_new (GTK_WINDOW (window), store, access, id, &error);
  g_assert_no_error (error);
  g_assert_true (mreza_form_get_locked (MREZA_FORM (form)));
  g_assert_true (g_str_has_prefix (progress_description (form),
                                   "The plan’s national status."));
  gtk_window_present (GTK_WINDOW (form));
  settle (400);
  save_png (GTK_WIDGET (form), "task-progress-locked.png");
  gtk_window_destroy (GTK_WINDOW (form));

  form = mreza_task_form_new (GTK_WINDOW (window), store, coordinator, id,
                              &error);
  g_assert_no_error (error);
  g_assert_false (mreza_form_get_locked (MREZA_FORM (form)));
  adw_combo_row_set_selected (ADW_COMBO_ROW (form->status_row), 3);
  g_assert_true (save_enabled (form));
  gtk_window_destroy (GTK_WINDOW (form));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  setup_gui (&argc, &argv);
  open_demo_replica ();
  open_main_window (NULL);

  g_test_add_func ("/ui/task-progress/set-done", test_set_done);
  g_test_add_func ("/ui/task-progress/member-own-team", test_member_own_team);
  g_test_add_func ("/ui/task-progress/member-locked", test_member_locked);

  ret = g_test_run ();

  tear_down_gui ();

  return ret;
}
