/* test-plan-edit.c: the coordinator adds, edits and deletes a task of
 * the plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real window in-process on a fresh replica of the demo data
 * (a replica that never joined edits the plan like a coordinator's
 * device): Add Task in the activity view opens the task form, which
 * checks its fields inline and keeps Save off while one is wrong; the
 * saved task shows in the activity; its edit form deletes it and the
 * toast's Undo brings it back. Add Indicator checks the target against
 * the kind; Add Risk adds a risk, and its Undo works. Add Budget Line
 * keeps Save off for an amount below 0, writes nothing, and a good line
 * changes the activity's total; Undo brings a deleted line back. A
 * goal's page edits the goal (its new title shows in the tree) and adds
 * an activity, which is deleted and undone. A member's device offers
 * the Add and Edit buttons only insensitive, with the reason, and no
 * edit of the plan's tasks. Renders the forms and the activity view to
 * PNGs in the build folder (data/screenshots/ keeps copies).
 */
#define G_LOG_DOMAIN "test-plan-edit"

#include "config.h"

#include "mreza-locale.h"
#include "mreza-meeting-choices.h"
#include "mreza-plan-budget-form-private.h"
#include "mreza-plan-form-rows.h"
#include "mreza-plan-indicator-form-private.h"
#include "mreza-plan-part-form-private.h"
#include "mreza-plan-risk-form-private.h"
#include "mreza-plan-task-form-private.h"

#include <string.h>

#define WAIT_SECONDS 30

#include "gui-test-app.h"
#include "gui-test-shot.h"

#define TITLE "Obuka vršnjačkih edukatora u Šapcu"
#define INDICATOR "Udeo škola koje su održale radionice"
#define RISK "Nedovoljno sredstava u lokalnom budžetu"
#define SOURCE "Budžet – Ministarstvo unutrašnjih poslova, Šabac i Čačak"
#define GOAL "Unapređenje saradnje sa lokalnim medijima – izmenjeno"
#define ACTIVITY "Obuka novinara o izveštavanju o žrtvama"
#define NEW_GOAL "Jačanje lokalnih mreža podrške – đaci i roditelji"

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

static gboolean
view_shows (const char *text)
{
  g_autoptr(GString) labels = g_string_new (NULL);

  collect_labels (GTK_WIDGET (mreza_plan_page_get_activity_view (window->plan_page)),
                  labels);
  return strstr (labels->str, text) != NULL;
}

/* The widgets under @widget named @name, counted; the first is kept. */
static guint
find_named (GtkWidget   *widget,
            const char  *name,
            GtkWidget  **first)
{
  guint n = 0;

  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    {
      if (*first == NULL)
        *first = widget;
      n++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL; child = gtk_widget_get_next_sibling (child))
    n += find_named (child, name, first);
  return n;
}

static guint
view_find (const char  *name,
           GtkWidget  **first)
{
  *first = NULL;
  return find_named (GTK_WIDGET (mreza_plan_page_get_activity_view (window->plan_page)),
                     name, first);
}

/* Whether the activity view shows the activity of task @id. */
static gboolean
shows_task (const char *id)
{
  const MrezaActivityDetail *detail =
    mreza_activity_view_get_detail (mreza_plan_page_get_activity_view (window->plan_page));

  if (detail == NULL || mreza_plan_page_is_loading (window->plan_page))
    return FALSE;
  for (guint i = 0; i < detail->tasks->len; i++)
    {
      const MrezaTaskInfo *task = g_ptr_array_index (detail->tasks, i);

      if (g_strcmp0 (task->id, id) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
show_task (const char *id)
{
  mreza_window_set_view (window, "plan");
  mreza_plan_page_select (window->plan_page, MREZA_ROW_TASK, id);
  WAIT_FOR (shows_task (id));
  settle (200);
}

static gboolean
save_enabled (MrezaPlanTaskForm *form)
{
  return mreza_form_can_save (MREZA_FORM (form));
}

static void
test_add_edit_delete (void)
{
  g_autofree char *id = query_text ("SELECT id FROM task ORDER BY rowid"
                                    " LIMIT 1");
  g_autofree char *added = NULL;
  gint64 outbox = count_rows ("sync_outbox");
  gint64 tasks = count_rows ("task");
  MrezaPlanTaskForm *form;
  GtkWidget *button;
  AdwToast *toast;

  show_task (id);
  g_assert_cmpuint (view_find ("add-task", &button), ==, 1);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_assert_cmpuint (view_find ("edit-plan-task", &button), >, 0);
  view_find ("add-task", &button);
  g_signal_emit_by_name (button, "clicked");
  WAIT_FOR ((form = find_toplevel (MREZA_TYPE_PLAN_TASK_FORM)) != NULL);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (form)));
  g_assert_false (mreza_form_get_locked (MREZA_FORM (form)));
  /* The next number is offered; without a title there is nothing to save. */
  g_assert_cmpint (atoi (gtk_editable_get_text (GTK_EDITABLE (form->number_row))),
                   >, 1);
  g_assert_false (save_enabled (form));

  gtk_editable_set_text (GTK_EDITABLE (form->title_row), TITLE);
  g_assert_true (save_enabled (form));
  gtk_editable_set_text (GTK_EDITABLE (form->title_row), "  ");
  g_assert_false (save_enabled (form));
  g_assert_true (gtk_widget_has_css_class (form->title_row, "error"));
  gtk_editable_set_text (GTK_EDITABLE (form->title_row), TITLE);

  gtk_editable_set_text (GTK_EDITABLE (form->number_row), "tri");
  g_assert_false (save_enabled (form));
  g_assert_true (gtk_widget_has_css_class (form->number_row, "error"));
  gtk_editable_set_text (GTK_EDITABLE (form->number_row), "9");

  gtk_editable_set_text (GTK_EDITABLE (form->deadline_row),
                         "do kraja juna 2025. godine");
  gtk_editable_set_text (GTK_EDITABLE (form->from_row), "2025-06-01");
  gtk_editable_set_text (GTK_EDITABLE (form->to_row), "2025-06-31");
  g_assert_false (save_enabled (form));
  g_assert_true (gtk_widget_has_css_class (form->to_row, "error"));
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  g_assert_cmpint (count_rows ("sync_outbox"), ==, outbox);
  settle (300);
  save_png (GTK_WIDGET (form), "plan-task-form-error.png");

  gtk_editable_set_text (GTK_EDITABLE (form->to_row), "2025-06-30");
  g_assert_true (save_enabled (form));
  g_assert_false (gtk_widget_has_css_class (form->to_row, "error"));
  settle (300);
  save_png (GTK_WIDGET (form), "plan-task-form.png");

  /* Row animations end before the form goes, as a person's would. */
  settle (300);
  g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &form);
  gtk_widget_activate (mreza_form_get_save_button (MREZA_FORM (form)));
  WAIT_FOR (form == NULL);
  g_assert_cmpint (count_rows ("task"), ==, tasks + 1);
  g_assert_cmpint (count_rows ("sync_outbox"), ==, outbox + 1);
  WAIT_FOR (view_shows (TITLE) &&
            !mreza_plan_page_is_loading (window->plan_page));
  settle (300);
  save_png (GTK_WIDGET (window), "plan-task-added.png");

  /* Its edit form deletes it, and Undo brings it back. */
  added = query_text ("SELECT id FROM task WHERE title = '" TITLE "'");
  form = mreza_plan_page_edit_plan_task (window->plan_page, added);
  g_assert_nonnull (form);
  g_assert_false (save_enabled (form));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (form->from_row)), ==,
                   "2025-06-01");
  settle (300);
  g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &form);
  gtk_widget_activate_action (GTK_WIDGET (form), "form.delete", NULL);
  WAIT_FOR (form == NULL);
  g_assert_cmpint (count_rows ("task"), ==, tasks);
  WAIT_FOR (!view_shows (TITLE) &&
            !mreza_plan_page_is_loading (window->plan_page));
  toast = mreza_plan_page_get_undo_toast (window->plan_page);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Task deleted");
  /* Undo while the toast still slid in crashed here now and then under
   * libadwaita 1.2 (a freed object unreffed when its animation ended,
   * seen only with MALLOC_PERTURB_); let it show, as a person would. */
  settle (400);
  g_signal_emit_by_name (toast, "button-clicked");
  g_assert_cmpint (count_rows ("task"), ==, tasks + 1);
  WAIT_FOR (view_shows (TITLE) &&
            !mreza_plan_page_is_loading (window->plan_page));
}

static void
test_indicator (void)
{
  g_autofree char *id = query_text ("SELECT id FROM task ORDER BY rowid"
                                    " LIMIT 1");
  gint64 outbox = count_rows ("sync_outbox");
  gint64 indicators = count_rows ("indicator");
  MrezaPlanIndicatorForm *form;
  GtkWidget *button;

  show_task (id);
  g_assert_cmpuint (view_find ("edit-plan-indicator", &button), >, 0);
  g_assert_cmpuint (view_find ("add-indicator", &button), ==, 1);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  WAIT_FOR ((form = find_toplevel (MREZA_TYPE_PLAN_INDICATOR_FORM)) != NULL);
  g_assert_false (mreza_form_can_save (MREZA_FORM (form)));

  gtk_editable_set_text (GTK_EDITABLE (form->text_row), INDICATOR);
  g_assert_true (mreza_form_can_save (MREZA_FORM (form)));
  /* Percentage, then a target below 0, over 100, or not a number. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (form->kind_row), 1);
  gtk_editable_set_text (GTK_EDITABLE (form->target_row), "-5");
  g_assert_false (mreza_form_can_save (MREZA_FORM (form)));
  g_assert_true (gtk_widget_has_css_class (form->target_row, "error"));
  gtk_editable_set_text (GTK_EDITABLE (form->target_row), "150");
  g_assert_false (mreza_form_can_save (MREZA_FORM (form)));
  gtk_editable_set_text (GTK_EDITABLE (form->target_row), "pola");
  g_assert_false (mreza_form_can_save (MREZA_FORM (form)));
  /* A yes/no indicator's target is yes: the row is off. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (form->kind_row), 2);
  g_assert_false (gtk_widget_get_sensitive (form->target_row));
  g_assert_true (mreza_form_can_save (MREZA_FORM (form)));
  adw_combo_row_set_selected (ADW_COMBO_ROW (form->kind_row), 1);
  gtk_editable_set_text (GTK_EDITABLE (form->target_row), "40");
  g_assert_true (mreza_form_can_save (MREZA_FORM (form)));
  settle (300);
  save_png (GTK_WIDGET (form), "plan-indicator-form.png");

  /* Row animations end before the form goes, as a person's would. */
  settle (300);
  g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &form);
  gtk_widget_activate (mreza_form_get_save_button (MREZA_FORM (form)));
  WAIT_FOR (form == NULL);
  g_assert_cmpint (count_rows ("indicator"), ==, indicators + 1);
  g_assert_cmpint (count_rows ("sync_outbox"), ==, outbox + 1);
  WAIT_FOR (view_shows (INDICATOR) && view_shows ("Target: 40") &&
            !mreza_plan_page_is_loading (window->plan_page));
}

static void
test_risk (void)
{
  g_autofree char *id = query_text ("SELECT id FROM task ORDER BY rowid"
                                    " LIMIT 1");
  g_autofree char *risk = NULL;
  gint64 risks = count_rows ("risk");
  MrezaPlanRiskForm *form;
  GtkWidget *button;
  AdwToast *toast;

  settle (600);
  show_task (id);
  g_assert_cmpuint (view_find ("add-risk", &button), ==, 1);
  g_signal_emit_by_name (button, "clicked");
  WAIT_FOR ((form = find_toplevel (MREZA_TYPE_PLAN_RISK_FORM)) != NULL);
  g_assert_false (mreza_form_can_save (MREZA_FORM (form)));
  gtk_editable_set_text (GTK_EDITABLE (form->text_row), "   ");
  g_assert_false (mreza_form_can_save (MREZA_FORM (form)));
  g_assert_true (gtk_widget_has_css_class (form->text_row, "error"));
  gtk_editable_set_text (GTK_EDITABLE (form->text_row), RISK);
  g_assert_true (mreza_form_can_save (MREZA_FORM (form)));
  /* Row animations end before the form goes, as a person's would. */
  settle (300);
  g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &form);
  gtk_widget_activate (mreza_form_get_save_button (MREZA_FORM (form)));
  WAIT_FOR (form == NULL);
  g_assert_cmpint (count_rows ("risk"), ==, risks + 1);
  WAIT_FOR (view_shows (RISK) &&
            !mreza_plan_page_is_loading (window->plan_page));
  settle (200);
  g_assert_cmpuint (view_find ("edit-plan-risk", &button), >, 0);

  risk = query_text ("SELECT id FROM risk WHERE text = '" RISK "'");
  form = mreza_plan_page_edit_plan_risk (window->plan_page, risk);
  g_assert_nonnull (form);
  settle (300);
  g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &form);
  gtk_widget_activate_action (GTK_WIDGET (form), "form.delete", NULL);
  WAIT_FOR (form == NULL);
  g_assert_cmpint (count_rows ("risk"), ==, risks);
  toast = mreza_plan_page_get_undo_toast (window->plan_page);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Risk deleted");
  /* Undo while the toast still slid in crashed here now and then under
   * libadwaita 1.2 (a freed object unreffed when its animation ended,
   * seen only with MALLOC_PERTURB_); let it show, as a person would. */
  settle (400);
  g_signal_emit_by_name (toast, "button-clicked");
  g_assert_cmpint (count_rows ("risk"), ==, risks + 1);
  WAIT_FOR (view_shows (RISK) &&
            !mreza_plan_page_is_loading (window->plan_page));
}

/* The button under the plan page named @name, once it is on screen. */
static GtkWidget *
page_button (const char *name)
{
  GtkWidget *button = NULL;

  find_named (GTK_WIDGET (window->plan_page), name, &button);
  return button != NULL && gtk_widget_get_mapped (button) ? button : NULL;
}

/* Scrolls the activity view so that @widget shows, with @above pixels
 * of what is above it. */
static void
scroll_to (GtkWidget *widget,
           double     above)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget,
                                                 GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *vadj;
  graphene_point_t point;

  g_assert_nonnull (scroller);
  vadj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  g_assert_true (gtk_widget_compute_point (widget,
                                           gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller)),
                                           &GRAPHENE_POINT_INIT (0, 0),
                                           &point));
  gtk_adjustment_set_value (vadj, point.y - above);
}

static gint64
shown_total (int         year,
             const char *currency)
{
  const MrezaActivityDetail *detail =
    mreza_activity_view_get_detail (mreza_plan_page_get_activity_view (window->plan_page));

  for (guint i = 0; detail != NULL && i < detail->budget_totals->len; i++)
    {
      const MrezaBudgetTotal *t = g_ptr_array_index (detail->budget_totals, i);

      if (t->year == year && g_strcmp0 (t->currency, currency) == 0)
        return t->amount_minor;
    }
  return 0;
}

static void
test_budget_line (void)
{
  g_autofree char *id = query_text ("SELECT id FROM task ORDER BY rowid"
                                    " LIMIT 1");
  g_autofree char *institution = query_text ("SELECT id FROM institution"
                                             " WHERE name LIKE"
                                             " 'Ministarstvo unutra%'");
  g_autofree char *money = mreza_locale_format_money (NULL, 125000050, "RSD");
  g_autofree char *line = NULL;
  gint64 outbox = count_rows ("sync_outbox");
  gint64 lines = count_rows ("budget_line");
  MrezaPlanBudgetForm *form;
  GtkWidget *button;
  AdwToast *toast;

  show_task (id);
  g_assert_cmpint (shown_total (2031, "RSD"), ==, 0);
  g_assert_cmpuint (view_find ("add-budget-line", &button), ==, 1);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  WAIT_FOR ((form = find_toplevel (MREZA_TYPE_PLAN_BUDGET_FORM)) != NULL);
  g_assert_false (mreza_form_get_locked (MREZA_FORM (form)));

  /* An amount below 0, or not a number: Save is off, nothing written. */
  gtk_editable_set_text (GTK_EDITABLE (form->amount_row), "-500");
  g_assert_false (mreza_form_can_save (MREZA_FORM (form)));
  g_assert_true (gtk_widget_has_css_class (form->amount_row, "error"));
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  gtk_editable_set_text (GTK_EDITABLE (form->amount_row), "1.250.000,505");
  g_assert_false (mreza_form_can_save (MREZA_FORM (form)));
  gtk_editable_set_text (GTK_EDITABLE (form->year_row), "31");
  gtk_editable_set_text (GTK_EDITABLE (form->amount_row), "1.250.000,50");
  g_assert_false (mreza_form_can_save (MREZA_FORM (form)));
  g_assert_true (gtk_widget_has_css_class (form->year_row, "error"));
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  g_assert_cmpint (count_rows ("sync_outbox"), ==, outbox);
  g_assert_cmpint (count_rows ("budget_line"), ==, lines);
  settle (300);
  save_png (GTK_WIDGET (form), "plan-budget-line-form-error.png");

  gtk_editable_set_text (GTK_EDITABLE (form->year_row), "2031");
  gtk_editable_set_text (GTK_EDITABLE (form->source_text_row), SOURCE);
  gtk_drop_down_set_selected (form->institution_drop,
                              mreza_meeting_choices_index (form->institutions,
                                                           institution) + 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (form->task_row), 1);
  g_assert_true (mreza_form_can_save (MREZA_FORM (form)));
  g_assert_false (gtk_widget_has_css_class (form->amount_row, "error"));
  settle (300);
  save_png (GTK_WIDGET (form), "plan-budget-line-form.png");

  settle (300);
  g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &form);
  gtk_widget_activate (mreza_form_get_save_button (MREZA_FORM (form)));
  WAIT_FOR (form == NULL);
  g_assert_cmpint (count_rows ("budget_line"), ==, lines + 1);
  g_assert_cmpint (count_rows ("sync_outbox"), ==, outbox + 1);
  WAIT_FOR (shown_total (2031, "RSD") == 125000050 &&
            !mreza_plan_page_is_loading (window->plan_page));
  WAIT_FOR (view_shows ("Total for 2031") && view_shows (money) &&
            view_shows (SOURCE));
  g_assert_cmpuint (view_find ("edit-plan-budget-line", &button), >, 0);
  /* The task list's reload selects its task again, which reloads the
   * activity and scrolls it to the top: let it. */
  settle (800);
  WAIT_FOR (!mreza_plan_page_is_loading (window->plan_page));
  view_find ("add-budget-line", &button);
  scroll_to (button, 260);
  settle (300);
  save_png (GTK_WIDGET (window), "plan-budget-line-added.png");

  /* Its form deletes it, the total goes, and Undo brings both back. */
  line = query_text ("SELECT id FROM budget_line WHERE year = 2031");
  form = mreza_plan_page_edit_plan_budget_line (window->plan_page, line);
  g_assert_nonnull (form);
  g_assert_false (mreza_form_can_save (MREZA_FORM (form)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (form->amount_row)), ==,
                   "1250000,50");
  settle (300);
  g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &form);
  gtk_widget_activate_action (GTK_WIDGET (form), "form.delete", NULL);
  WAIT_FOR (form == NULL);
  g_assert_cmpint (count_rows ("budget_line"), ==, lines);
  WAIT_FOR (shown_total (2031, "RSD") == 0 &&
            !mreza_plan_page_is_loading (window->plan_page));
  toast = mreza_plan_page_get_undo_toast (window->plan_page);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Budget line deleted");
  /* As above: let the toast show before Undo (libadwaita 1.2). */
  settle (400);
  g_signal_emit_by_name (toast, "button-clicked");
  g_assert_cmpint (count_rows ("budget_line"), ==, lines + 1);
  WAIT_FOR (shown_total (2031, "RSD") == 125000050 &&
            !mreza_plan_page_is_loading (window->plan_page));
}

/* Whether the plan tree has a row titled @title (the goals, and the
 * rows of those open). */
static gboolean
tree_shows (const char *title)
{
  GListModel *model = G_LIST_MODEL (mreza_plan_page_get_selection (window->plan_page));
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) list_row = g_list_model_get_item (model, i);
      g_autoptr(MrezaRow) row = gtk_tree_list_row_get_item (list_row);

      if (g_strcmp0 (mreza_row_get_title (row), title) == 0)
        return TRUE;
    }
  return FALSE;
}

static MrezaPlanPartForm *
click_for_part_form (const char *name)
{
  GtkWidget *button;
  MrezaPlanPartForm *form;

  WAIT_FOR ((button = page_button (name)) != NULL &&
            gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  WAIT_FOR ((form = find_toplevel (MREZA_TYPE_PLAN_PART_FORM)) != NULL);
  g_assert_false (mreza_form_get_locked (MREZA_FORM (form)));
  return form;
}

static void
save_part_form (MrezaPlanPartForm *form)
{
  g_assert_true (mreza_form_can_save (MREZA_FORM (form)));
  /* Row animations end before the form goes, as a person's would. */
  settle (300);
  g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &form);
  gtk_widget_activate (mreza_form_get_save_button (MREZA_FORM (form)));
  WAIT_FOR (form == NULL);
}

static void
test_goal_activity (void)
{
  g_autofree char *goal = query_text ("SELECT id FROM goal ORDER BY number"
                                      " DESC LIMIT 1");
  g_autofree char *activity = NULL;
  gint64 goals = count_rows ("goal");
  gint64 activities = count_rows ("activity");
  MrezaPlanPartForm *form;
  AdwToast *toast;

  mreza_window_set_view (window, "plan");
  mreza_plan_page_select (window->plan_page, MREZA_ROW_GOAL, goal);

  /* The goal's title, edited, shows in the tree. */
  form = click_for_part_form ("edit-plan-goal");
  g_assert_null (form->deadline_row);
  /* It has activities: it cannot be deleted, and says why. */
  g_assert_false (gtk_widget_get_sensitive (mreza_form_get_delete_button (MREZA_FORM (form))));
  g_assert_false (mreza_form_can_save (MREZA_FORM (form)));
  gtk_editable_set_text (GTK_EDITABLE (form->title_row), " ");
  g_assert_false (mreza_form_can_save (MREZA_FORM (form)));
  g_assert_true (gtk_widget_has_css_class (form->title_row, "error"));
  gtk_editable_set_text (GTK_EDITABLE (form->title_row), GOAL);
  save_part_form (form);
  g_assert_cmpint (count_rows ("goal"), ==, goals);
  WAIT_FOR (tree_shows (GOAL) &&
            !mreza_plan_page_is_loading (window->plan_page));

  /* A new activity of the goal: a day that does not exist keeps Save
   * off; saved, it shows in the tree and in the activity view. */
  form = click_for_part_form ("add-activity");
  g_assert_nonnull (form->deadline_row);
  gtk_editable_set_text (GTK_EDITABLE (form->title_row), ACTIVITY);
  gtk_editable_set_text (GTK_EDITABLE (form->deadline_row),
                         "Drugi kvartal 2025. godine");
  gtk_editable_set_text (GTK_EDITABLE (form->from_row), "2025-04-01");
  gtk_editable_set_text (GTK_EDITABLE (form->to_row), "2025-06-31");
  g_assert_false (mreza_form_can_save (MREZA_FORM (form)));
  g_assert_true (gtk_widget_has_css_class (form->to_row, "error"));
  gtk_editable_set_text (GTK_EDITABLE (form->to_row), "2025-06-30");
  settle (300);
  save_png (GTK_WIDGET (form), "plan-activity-form.png");
  save_part_form (form);
  g_assert_cmpint (count_rows ("activity"), ==, activities + 1);
  WAIT_FOR (tree_shows (ACTIVITY) && view_shows (ACTIVITY) &&
            !mreza_plan_page_is_loading (window->plan_page));
  settle (300);
  save_png (GTK_WIDGET (window), "plan-activity-added.png");

  /* Deleted from its form, then back with Undo. */
  activity = query_text ("SELECT id FROM activity WHERE title = '"
                         ACTIVITY "'");
  form = mreza_plan_page_edit_part (window->plan_page,
                                    MREZA_PLAN_PART_ACTIVITY, NULL, activity);
  g_assert_nonnull (form);
  g_assert_true (gtk_widget_get_sensitive (mreza_form_get_delete_button (MREZA_FORM (form))));
  settle (300);
  g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &form);
  gtk_widget_activate_action (GTK_WIDGET (form), "form.delete", NULL);
  WAIT_FOR (form == NULL);
  g_assert_cmpint (count_rows ("activity"), ==, activities);
  WAIT_FOR (!tree_shows (ACTIVITY) &&
            !mreza_plan_page_is_loading (window->plan_page));
  toast = mreza_plan_page_get_undo_toast (window->plan_page);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Activity deleted");
  /* As above: let the toast show before Undo (libadwaita 1.2). */
  settle (400);
  g_signal_emit_by_name (toast, "button-clicked");
  g_assert_cmpint (count_rows ("activity"), ==, activities + 1);
  WAIT_FOR (tree_shows (ACTIVITY) && view_shows (ACTIVITY) &&
            !mreza_plan_page_is_loading (window->plan_page));
}

/* The main menu's New Goal of the Plan; an empty goal is deleted, and
 * comes back with Undo. */
static void
test_new_goal (void)
{
  g_autofree char *goal = NULL;
  gint64 goals = count_rows ("goal");
  MrezaPlanPartForm *form;
  AdwToast *toast;

  settle (600);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window),
                                             "win.add-goal", NULL));
  WAIT_FOR ((form = find_toplevel (MREZA_TYPE_PLAN_PART_FORM)) != NULL);
  g_assert_cmpint (mreza_plan_part_form_get_kind (form), ==,
                   MREZA_PLAN_PART_GOAL);
  g_assert_cmpint (mreza_plan_form_read_number (form->number_row), ==,
                   goals + 1);
  g_assert_false (mreza_form_can_save (MREZA_FORM (form)));
  gtk_editable_set_text (GTK_EDITABLE (form->title_row), NEW_GOAL);
  save_part_form (form);
  g_assert_cmpint (count_rows ("goal"), ==, goals + 1);
  WAIT_FOR (tree_shows (NEW_GOAL) &&
            page_button ("add-activity") != NULL &&
            !mreza_plan_page_is_loading (window->plan_page));
  settle (300);
  save_png (GTK_WIDGET (window), "plan-goal-page.png");

  /* Ctrl+E's action edits the goal shown. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window->plan_page),
                                             "plan.edit-shown", NULL));
  WAIT_FOR ((form = find_toplevel (MREZA_TYPE_PLAN_PART_FORM)) != NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (form->title_row)), ==,
                   NEW_GOAL);
  g_assert_true (gtk_widget_get_sensitive (mreza_form_get_delete_button (MREZA_FORM (form))));
  settle (300);
  g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &form);
  gtk_widget_activate_action (GTK_WIDGET (form), "form.delete", NULL);
  WAIT_FOR (form == NULL);
  g_assert_cmpint (count_rows ("goal"), ==, goals);
  WAIT_FOR (!tree_shows (NEW_GOAL) &&
            !mreza_plan_page_is_loading (window->plan_page));
  toast = mreza_plan_page_get_undo_toast (window->plan_page);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Goal deleted");
  /* As above: let the toast show before Undo (libadwaita 1.2). */
  settle (400);
  g_signal_emit_by_name (toast, "button-clicked");
  g_assert_cmpint (count_rows ("goal"), ==, goals + 1);
  WAIT_FOR (tree_shows (NEW_GOAL) &&
            !mreza_plan_page_is_loading (window->plan_page));
  goal = query_text ("SELECT id FROM goal WHERE title = '" NEW_GOAL "'");
  g_assert_nonnull (goal);
}

/* A member's device: the plan is the coordinator's. */
static void
test_member (void)
{
  g_autofree char *team = query_text ("SELECT id FROM team ORDER BY rowid"
                                      " LIMIT 1");
  const MrezaActivityDetail *shown =
    mreza_activity_view_get_detail (mreza_plan_page_get_activity_view (window->plan_page));
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM task WHERE"
                                          " activity_id <> '%s' ORDER BY"
                                          " rowid LIMIT 1", shown->id);
  g_autofree char *id = query_text (sql);
  MrezaPlanTaskForm *form;
  GtkWidget *button;

  g_free (sql);
  /* The join pretended: port 9 refuses, so nothing syncs. */
  sql = g_strdup_printf ("INSERT OR REPLACE INTO sync_state (key, value)"
                         " VALUES ('url', 'https://127.0.0.1:9'),"
                         " ('team', '%s'), ('role', 'member')", team);
  exec_sql (sql);

  /* The last save's reload selects its task again when the tree's
   * tasks have reloaded; let it, before choosing another. */
  settle (600);
  show_task (id);
  g_assert_cmpuint (view_find ("add-task", &button), ==, 1);
  g_assert_false (gtk_widget_get_sensitive (button));
  g_assert_true (g_str_has_prefix (gtk_widget_get_tooltip_text (button),
                                   "The national plan"));
  g_assert_cmpuint (view_find ("edit-plan-task", &button), ==, 0);
  g_assert_cmpuint (view_find ("edit-plan-indicator", &button), ==, 0);
  g_assert_cmpuint (view_find ("edit-plan-risk", &button), ==, 0);
  if (view_find ("add-risk", &button) > 0)
    g_assert_false (gtk_widget_get_sensitive (button));
  if (view_find ("add-indicator", &button) > 0)
    g_assert_false (gtk_widget_get_sensitive (button));
  if (view_find ("add-budget-line", &button) > 0)
    g_assert_false (gtk_widget_get_sensitive (button));
  g_assert_cmpuint (view_find ("edit-plan-budget-line", &button), ==, 0);
  g_assert_cmpuint (view_find ("edit-plan-activity", &button), ==, 1);
  g_assert_false (gtk_widget_get_sensitive (button));
  g_assert_true (g_str_has_prefix (gtk_widget_get_tooltip_text (button),
                                   "The national plan"));

  /* Reached some other way, the form is locked and deletes nothing. */
  form = mreza_plan_page_edit_plan_task (window->plan_page, id);
  g_assert_nonnull (form);
  g_assert_true (mreza_form_get_locked (MREZA_FORM (form)));
  g_assert_false (gtk_widget_get_sensitive (form->title_row));
  g_assert_false (gtk_widget_get_sensitive (mreza_form_get_delete_button (MREZA_FORM (form))));
  settle (300);
  gtk_window_destroy (GTK_WINDOW (form));

  /* A goal's page offers its buttons insensitive, with the reason. */
  {
    g_autofree char *goal = query_text ("SELECT id FROM goal ORDER BY rowid"
                                        " LIMIT 1");

    mreza_plan_page_select (window->plan_page, MREZA_ROW_GOAL, goal);
    WAIT_FOR ((button = page_button ("edit-plan-goal")) != NULL);
    g_assert_false (gtk_widget_get_sensitive (button));
    g_assert_true (g_str_has_prefix (gtk_widget_get_tooltip_text (button),
                                     "The national plan"));
    g_assert_false (gtk_widget_get_sensitive (page_button ("add-activity")));
  }

  exec_sql ("DELETE FROM sync_state WHERE key IN ('url', 'team', 'role')");
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  setup_gui (&argc, &argv);
  open_demo_replica ();
  open_main_window (NULL);

  g_test_add_func ("/ui/plan-edit/add-edit-delete", test_add_edit_delete);
  g_test_add_func ("/ui/plan-edit/indicator", test_indicator);
  g_test_add_func ("/ui/plan-edit/risk", test_risk);
  g_test_add_func ("/ui/plan-edit/budget-line", test_budget_line);
  g_test_add_func ("/ui/plan-edit/goal-activity", test_goal_activity);
  g_test_add_func ("/ui/plan-edit/new-goal", test_new_goal);
  g_test_add_func ("/ui/plan-edit/member", test_member);

  ret = g_test_run ();

  tear_down_gui ();

  return ret;
}
