/* test-plan-structure.c: the coordinator's edits of budget lines, goals
 * and activities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On a fresh replica of the demo data: a budget line's amount is
 * checked (not a number, below 0, three decimals, an unknown currency,
 * a year out of range) and a wrong one writes nothing; a good one is
 * saved in minor units, captured in one transaction, changes the
 * activity's totals, and is deleted and restored. A goal and an
 * activity are checked (an activity's impossible deadline), saved and
 * renamed; one with children is not deleted and nothing is written,
 * and an empty one is deleted and restored.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "mreza-json.h"
#include "mreza-plan-edit.h"
#include "mreza-queries.h"
#include "mreza-store.h"
#include "mreza-test-utils.h"

static char *
query_text (MrezaStore *store,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (mreza_store_get_db (store), sql, -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0))
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

static char *
first_activity (MrezaStore *store)
{
  return query_text (store, "SELECT activity_id FROM task ORDER BY rowid"
                     " LIMIT 1");
}

static void
assert_bad (MrezaStore           *store,
            MrezaPlanBudgetLine  *line,
            MrezaPlanBudgetField  field,
            const char           *words)
{
  g_autofree char *problem = mreza_plan_budget_line_check (line, field);
  g_autoptr(GError) error = NULL;
  gint64 lines = test_count (store, "budget_line");
  gint64 outbox = test_count (store, "sync_outbox");

  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem, words));
  g_assert_false (mreza_plan_budget_line_save (store, line, &error));
  g_assert_error (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_VALUE);
  g_assert_null (line->id);
  g_assert_cmpint (test_count (store, "budget_line"), ==, lines);
  g_assert_cmpint (test_count (store, "sync_outbox"), ==, outbox);
}

static void
set (char       **field,
     const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static void
test_budget_invalid (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(MrezaStore) store = test_open_demo (dir);
  g_autofree char *activity = first_activity (store);
  g_autoptr(MrezaPlanBudgetLine) line = mreza_plan_budget_line_new (activity);

  set (&line->amount, "sto hiljada");
  assert_bad (store, line, MREZA_PLAN_BUDGET_FIELD_AMOUNT, "number");
  set (&line->amount, "-4500");
  assert_bad (store, line, MREZA_PLAN_BUDGET_FIELD_AMOUNT, "below 0");
  set (&line->amount, "4500,505");
  assert_bad (store, line, MREZA_PLAN_BUDGET_FIELD_AMOUNT, "two decimals");
  set (&line->amount, "4500,50");
  g_assert_null (mreza_plan_budget_line_check (line,
                                               MREZA_PLAN_BUDGET_FIELD_AMOUNT));
  set (&line->currency, "GBP");
  assert_bad (store, line, MREZA_PLAN_BUDGET_FIELD_CURRENCY, "RSD or EUR");
  /* A line imported in dollars stays editable. */
  set (&line->currency, "USD");
  g_assert_null (mreza_plan_budget_line_check (line,
                                               MREZA_PLAN_BUDGET_FIELD_CURRENCY));
  set (&line->currency, "EUR");
  set (&line->year, "18");
  assert_bad (store, line, MREZA_PLAN_BUDGET_FIELD_YEAR, "four digits");
  set (&line->year, "2018");
  set (&line->source, "lottery");
  assert_bad (store, line, MREZA_PLAN_BUDGET_FIELD_SOURCE, "comes from");
  set (&line->source, "donor");
  g_assert_true (mreza_plan_budget_line_validate (line, NULL));

  /* Without an amount the currency does not matter: "no cost". */
  set (&line->amount, "  ");
  set (&line->currency, NULL);
  g_assert_true (mreza_plan_budget_line_validate (line, NULL));
}

static gint64
total (MrezaStore *store,
       const char *activity,
       int         year,
       const char *currency)
{
  g_autoptr(MrezaActivityDetail) detail = NULL;
  g_autoptr(GError) error = NULL;

  detail = mreza_activity_detail_load (mreza_store_get_db (store), activity,
                                       &error);
  g_assert_no_error (error);
  for (guint i = 0; i < detail->budget_totals->len; i++)
    {
      const MrezaBudgetTotal *t = g_ptr_array_index (detail->budget_totals, i);

      if (t->year == year && g_strcmp0 (t->currency, currency) == 0)
        return t->amount_minor;
    }
  return 0;
}

static void
test_budget_save_delete (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(MrezaStore) store = test_open_demo (dir);
  g_autofree char *activity = first_activity (store);
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM task WHERE"
                                          " activity_id = '%s' LIMIT 1",
                                          activity);
  g_autofree char *task = query_text (store, sql);
  g_autofree char *institution = query_text (store, "SELECT id FROM"
                                             " institution LIMIT 1");
  g_autoptr(MrezaPlanBudgetLine) line = mreza_plan_budget_line_new (activity);
  g_autoptr(MrezaPlanBudgetLine) loaded = NULL;
  g_autoptr(MrezaPlanBudgetLine) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *minor = NULL;
  gint64 before = total (store, activity, 2031, "RSD");
  gint64 outbox = test_count (store, "sync_outbox");
  gint64 lines = test_count (store, "budget_line");

  set (&line->task_id, task);
  set (&line->institution_id, institution);
  set (&line->source_text, "Budžet – Ministarstvo unutrašnjih poslova");
  set (&line->amount, "1.234.000,50");
  set (&line->year, " 2031 ");
  g_assert_true (mreza_plan_budget_line_save (store, line, &error));
  g_assert_no_error (error);
  g_assert_nonnull (line->id);
  g_assert_cmpint (test_count (store, "budget_line"), ==, lines + 1);
  g_assert_cmpint (test_count (store, "sync_outbox"), ==, outbox + 1);
  g_free (sql);
  sql = g_strdup_printf ("SELECT amount_minor || ' ' || currency || ' ' ||"
                         " year FROM budget_line WHERE id = '%s'", line->id);
  minor = query_text (store, sql);
  g_assert_cmpstr (minor, ==, "123400050 RSD 2031");
  g_assert_cmpint (total (store, activity, 2031, "RSD"), ==,
                   before + 123400050);

  /* Loaded back as a form shows it, it compares equal. */
  loaded = mreza_plan_budget_line_load (mreza_store_get_db (store), line->id,
                                        &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->amount, ==, "1234000,50");
  g_assert_cmpstr (loaded->task_id, ==, task);
  set (&line->amount, "1234000,50");
  set (&line->year, "2031");
  g_assert_true (mreza_plan_budget_line_equal (line, loaded));

  /* An edit writes the same row. */
  set (&loaded->amount, "4500");
  set (&loaded->currency, "EUR");
  g_assert_true (mreza_plan_budget_line_save (store, loaded, &error));
  g_assert_cmpint (test_count (store, "budget_line"), ==, lines + 1);
  g_assert_cmpint (total (store, activity, 2031, "RSD"), ==, before);
  g_assert_cmpint (total (store, activity, 2031, "EUR"), ==, 450000);

  snapshot = mreza_plan_budget_line_delete (store, loaded->id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (snapshot);
  g_assert_cmpint (test_count (store, "budget_line"), ==, lines);
  g_assert_cmpint (total (store, activity, 2031, "EUR"), ==, 0);
  restored = mreza_plan_budget_line_restore (store, snapshot, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (restored, !=, loaded->id);
  g_assert_cmpint (test_count (store, "budget_line"), ==, lines + 1);
  g_assert_cmpint (total (store, activity, 2031, "EUR"), ==, 450000);
}

static void
test_part_invalid (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(MrezaStore) store = test_open_demo (dir);
  g_autofree char *goal = query_text (store, "SELECT id FROM goal LIMIT 1");
  g_autoptr(MrezaPlanPart) activity = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;
  gint64 activities = test_count (store, "activity");
  gint64 outbox = test_count (store, "sync_outbox");

  activity = mreza_plan_part_new (MREZA_PLAN_PART_ACTIVITY, goal);
  activity->number = mreza_plan_part_next_number (mreza_store_get_db (store),
                                                  MREZA_PLAN_PART_ACTIVITY,
                                                  goal);
  g_assert_cmpint (activity->number, >, 1);
  activity->title = g_strdup (" ");
  g_assert_false (mreza_plan_part_save (store, activity, &error));
  g_assert_error (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_VALUE);
  g_clear_error (&error);

  /* A deadline on a day that does not exist, then backwards. */
  set (&activity->title, "Kampanja u školama");
  activity->deadline_from = g_strdup ("2025-02-29");
  problem = mreza_plan_part_check (activity, MREZA_PLAN_PART_FIELD_DEADLINE_FROM);
  g_assert_nonnull (strstr (problem, "2025-02-29"));
  g_assert_false (mreza_plan_part_save (store, activity, &error));
  g_clear_error (&error);
  set (&activity->deadline_from, "2025-06-01");
  activity->deadline_to = g_strdup ("2025-03-01");
  g_clear_pointer (&problem, g_free);
  problem = mreza_plan_part_check (activity, MREZA_PLAN_PART_FIELD_DEADLINE_TO);
  g_assert_nonnull (problem);
  activity->number = 0;
  g_assert_false (mreza_plan_part_save (store, activity, &error));
  g_clear_error (&error);
  g_assert_null (activity->id);
  g_assert_cmpint (test_count (store, "activity"), ==, activities);
  g_assert_cmpint (test_count (store, "sync_outbox"), ==, outbox);

  /* A number another activity of the goal has. */
  set (&activity->deadline_to, "2025-09-30");
  activity->number = 1;
  g_assert_false (mreza_plan_part_save (store, activity, &error));
  g_assert_nonnull (error);
  g_assert_null (activity->id);
  g_assert_cmpint (test_count (store, "sync_outbox"), ==, outbox);
}

static void
test_part_save_delete (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(MrezaStore) store = test_open_demo (dir);
  sqlite3 *db = mreza_store_get_db (store);
  g_autofree char *plan = mreza_plan_dup_plan_id (db);
  g_autofree char *full = query_text (store, "SELECT activity_id FROM task"
                                      " LIMIT 1");
  g_autoptr(MrezaPlanPart) goal = mreza_plan_part_new (MREZA_PLAN_PART_GOAL,
                                                       plan);
  g_autoptr(MrezaPlanPart) activity = NULL;
  g_autoptr(MrezaPlanPart) snapshot = NULL;
  g_autoptr(MrezaPlanPart) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *restored = NULL;
  gint64 goals = test_count (store, "goal");
  gint64 tasks = test_count (store, "task");
  gint64 outbox;

  g_assert_nonnull (plan);
  goal->number = mreza_plan_part_next_number (db, MREZA_PLAN_PART_GOAL, plan);
  goal->title = g_strdup ("Unapređenje saradnje sa lokalnim medijima");
  outbox = test_count (store, "sync_outbox");
  g_assert_true (mreza_plan_part_save (store, goal, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_count (store, "goal"), ==, goals + 1);
  /* Captured for sync like every other write. */
  g_assert_cmpint (test_count (store, "sync_outbox"), ==, outbox + 1);

  activity = mreza_plan_part_new (MREZA_PLAN_PART_ACTIVITY, goal->id);
  activity->number = 1;
  activity->title = g_strdup ("Obuka novinara");
  activity->deadline_text = g_strdup ("Drugi kvartal 2025. godine");
  activity->deadline_from = g_strdup ("2025-04-01");
  activity->deadline_to = g_strdup ("2025-06-30");
  g_assert_true (mreza_plan_part_save (store, activity, &error));
  loaded = mreza_plan_part_load (db, MREZA_PLAN_PART_ACTIVITY, activity->id,
                                 &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->deadline_kind, ==, "period");
  g_assert_true (mreza_plan_part_equal (activity, loaded));

  /* A goal with an activity, an activity with tasks: refused, nothing
   * written. */
  outbox = test_count (store, "sync_outbox");
  g_assert_nonnull (mreza_plan_part_why_not_delete (db, MREZA_PLAN_PART_GOAL,
                                                    goal->id));
  g_assert_null (mreza_plan_part_delete (store, MREZA_PLAN_PART_GOAL,
                                         goal->id, &error));
  g_assert_error (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_VALUE);
  g_assert_nonnull (strstr (error->message, "activities"));
  g_clear_error (&error);
  g_assert_null (mreza_plan_part_delete (store, MREZA_PLAN_PART_ACTIVITY,
                                         full, &error));
  g_assert_error (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_VALUE);
  g_clear_error (&error);
  g_assert_cmpint (test_count (store, "sync_outbox"), ==, outbox);
  g_assert_cmpint (test_count (store, "goal"), ==, goals + 1);
  g_assert_cmpint (test_count (store, "task"), ==, tasks);

  /* Renamed, then emptied from the bottom up, and back with Undo. */
  set (&goal->title, "Saradnja sa medijima i društvenim mrežama");
  g_assert_true (mreza_plan_part_save (store, goal, &error));
  g_assert_cmpint (test_count (store, "goal"), ==, goals + 1);
  snapshot = mreza_plan_part_delete (store, MREZA_PLAN_PART_ACTIVITY,
                                     activity->id, &error);
  g_assert_no_error (error);
  g_clear_pointer (&snapshot, mreza_plan_part_free);
  snapshot = mreza_plan_part_delete (store, MREZA_PLAN_PART_GOAL, goal->id,
                                     &error);
  g_assert_no_error (error);
  g_assert_cmpstr (snapshot->title, ==,
                   "Saradnja sa medijima i društvenim mrežama");
  g_assert_cmpint (test_count (store, "goal"), ==, goals);
  restored = mreza_plan_part_restore (store, snapshot, &error);
  g_assert_no_error (error);
  g_assert_nonnull (restored);
  g_assert_cmpint (test_count (store, "goal"), ==, goals + 1);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plan-structure/budget-invalid", test_budget_invalid);
  g_test_add_func ("/plan-structure/budget-save-delete",
                   test_budget_save_delete);
  g_test_add_func ("/plan-structure/part-invalid", test_part_invalid);
  g_test_add_func ("/plan-structure/part-save-delete", test_part_save_delete);

  return g_test_run ();
}
