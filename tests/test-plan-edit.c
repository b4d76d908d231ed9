/* test-plan-edit.c: the coordinator's edits of the plan's tasks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On a fresh replica of the demo data: bad input writes nothing, a new
 * task is saved and captured in one transaction, an edit changes only
 * the task, and a deleted task comes back with its institutions; an
 * indicator's target is checked, and one with values is not deleted; a
 * risk is saved, deleted and restored.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "mreza-json.h"
#include "mreza-plan-edit.h"
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
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

static char *
first_activity (MrezaStore *store)
{
  return query_text (store, "SELECT activity_id FROM task t WHERE EXISTS"
                     " (SELECT 1 FROM task_institution WHERE task_id = t.id)"
                     " ORDER BY t.rowid LIMIT 1");
}

static void
test_invalid (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(MrezaStore) store = test_open_demo (dir);
  g_autofree char *activity = first_activity (store);
  g_autoptr(MrezaPlanTask) task = mreza_plan_task_new (activity);
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;
  gint64 tasks = test_count (store, "task");
  gint64 outbox = test_count (store, "sync_outbox");

  task->number = mreza_plan_task_next_number (mreza_store_get_db (store),
                                              activity);
  g_assert_cmpint (task->number, >, 1);

  /* An empty title. */
  task->title = g_strdup ("   ");
  problem = mreza_plan_task_check (task, MREZA_PLAN_TASK_FIELD_TITLE);
  g_assert_nonnull (problem);
  g_assert_false (mreza_plan_task_save (store, task, &error));
  g_assert_error (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_VALUE);
  g_assert_null (task->id);
  g_clear_error (&error);

  /* A date that does not exist. */
  g_free (task->title);
  task->title = g_strdup ("Obuka vršnjačkih edukatora");
  task->deadline_from = g_strdup ("2025-02-30");
  g_clear_pointer (&problem, g_free);
  problem = mreza_plan_task_check (task, MREZA_PLAN_TASK_FIELD_DEADLINE_FROM);
  g_assert_nonnull (strstr (problem, "2025-02-30"));
  g_assert_false (mreza_plan_task_save (store, task, &error));
  g_assert_error (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_VALUE);
  g_clear_error (&error);

  /* A period that ends before it starts. */
  g_free (task->deadline_from);
  task->deadline_from = g_strdup ("2025-06-01");
  task->deadline_to = g_strdup ("2025-05-01");
  g_assert_false (mreza_plan_task_save (store, task, &error));
  g_assert_error (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_VALUE);
  g_clear_error (&error);

  /* No number, and a number another task has. */
  g_free (task->deadline_to);
  task->deadline_to = g_strdup ("2025-06-30");
  task->number = 0;
  g_assert_false (mreza_plan_task_save (store, task, &error));
  g_assert_error (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_VALUE);
  g_clear_error (&error);
  task->number = 1;
  g_assert_false (mreza_plan_task_save (store, task, &error));
  g_assert_nonnull (error);
  g_assert_null (task->id);
  g_clear_error (&error);

  g_assert_cmpint (test_count (store, "task"), ==, tasks);
  g_assert_cmpint (test_count (store, "sync_outbox"), ==, outbox);
}

static void
test_save (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(MrezaStore) store = test_open_demo (dir);
  sqlite3 *db = mreza_store_get_db (store);
  g_autofree char *activity = first_activity (store);
  g_autoptr(MrezaPlanTask) task = mreza_plan_task_new (activity);
  g_autoptr(MrezaPlanTask) loaded = NULL;
  g_autoptr(GError) error = NULL;
  gint64 tasks = test_count (store, "task");
  gint64 outbox = test_count (store, "sync_outbox");

  task->number = mreza_plan_task_next_number (db, activity);
  task->title = g_strdup ("  Obuka vršnjačkih edukatora ");
  task->deadline_text = g_strdup ("do kraja juna 2025.");
  task->deadline_from = g_strdup ("2025-06-01");
  task->deadline_to = g_strdup ("2025-06-30");
  g_assert_true (mreza_plan_task_save (store, task, &error));
  g_assert_no_error (error);
  g_assert_nonnull (task->id);
  g_assert_cmpint (test_count (store, "task"), ==, tasks + 1);
  g_assert_cmpint (test_count (store, "sync_outbox"), ==, outbox + 1);

  loaded = mreza_plan_task_load (db, task->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->title, ==, "Obuka vršnjačkih edukatora");
  g_assert_cmpstr (loaded->deadline_kind, ==, "period");
  g_assert_cmpstr (loaded->deadline_to, ==, "2025-06-30");
  g_assert_cmpint (loaded->number, ==, task->number);

  /* An edit: one day is a date. */
  g_free (loaded->deadline_from);
  loaded->deadline_from = NULL;
  g_assert_true (mreza_plan_task_save (store, loaded, &error));
  g_assert_no_error (error);
  g_clear_pointer (&loaded, mreza_plan_task_free);
  loaded = mreza_plan_task_load (db, task->id, &error);
  g_assert_cmpstr (loaded->deadline_kind, ==, "date");
  g_assert_null (loaded->deadline_from);
  g_assert_cmpint (test_count (store, "task"), ==, tasks + 1);
  g_assert_cmpint (test_count (store, "sync_outbox"), ==, outbox + 2);
}

static void
test_delete_restore (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(MrezaStore) store = test_open_demo (dir);
  g_autofree char *id = query_text (store, "SELECT task_id FROM"
                                    " task_institution ORDER BY rowid LIMIT 1");
  g_autoptr(MrezaPlanTask) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *links = NULL;
  gint64 tasks = test_count (store, "task");

  snapshot = mreza_plan_task_delete (store, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (snapshot);
  g_assert_cmpuint (snapshot->links->len, >, 0);
  g_assert_cmpint (test_count (store, "task"), ==, tasks - 1);
  g_assert_null (mreza_plan_task_load (mreza_store_get_db (store), id, &error));
  g_assert_error (error, MREZA_STORE_ERROR, MREZA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A delete of what is gone says so and writes nothing. */
  g_assert_null (mreza_plan_task_delete (store, id, &error));
  g_assert_error (error, MREZA_STORE_ERROR, MREZA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  restored = mreza_plan_task_restore (store, snapshot, &error);
  g_assert_no_error (error);
  g_assert_nonnull (restored);
  g_assert_cmpstr (restored, !=, id);
  g_assert_cmpint (test_count (store, "task"), ==, tasks);
  sql = g_strdup_printf ("SELECT count (*) FROM task_institution"
                         " WHERE task_id = '%s'", restored);
  links = query_text (store, sql);
  g_assert_cmpint (atoi (links), ==, snapshot->links->len);
}

static void
test_indicator (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(MrezaStore) store = test_open_demo (dir);
  sqlite3 *db = mreza_store_get_db (store);
  g_autofree char *activity = first_activity (store);
  g_autoptr(MrezaPlanIndicator) ind = mreza_plan_indicator_new (activity);
  g_autoptr(MrezaPlanIndicator) loaded = NULL;
  g_autoptr(MrezaPlanIndicator) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *used = NULL;
  gint64 count = test_count (store, "indicator");
  gint64 outbox = test_count (store, "sync_outbox");
  const char *bad[] = { "-3", "dvanaest", "12,5" };

  ind->number = mreza_plan_indicator_next_number (db, activity);
  ind->text = g_strdup ("Broj obučenih vršnjačkih edukatora");
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *problem = NULL;

      g_free (ind->target);
      ind->target = g_strdup (bad[i]);
      problem = mreza_plan_indicator_check (ind,
                                            MREZA_PLAN_INDICATOR_FIELD_TARGET);
      g_assert_nonnull (problem);
      g_assert_false (mreza_plan_indicator_save (store, ind, &error));
      g_assert_error (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_VALUE);
      g_clear_error (&error);
    }
  g_free (ind->kind);
  ind->kind = g_strdup ("percentage");
  g_free (ind->target);
  ind->target = g_strdup ("120");
  g_assert_false (mreza_plan_indicator_save (store, ind, &error));
  g_clear_error (&error);
  g_assert_cmpint (test_count (store, "indicator"), ==, count);
  g_assert_cmpint (test_count (store, "sync_outbox"), ==, outbox);

  g_free (ind->target);
  ind->target = g_strdup ("62,5");
  g_assert_true (mreza_plan_indicator_save (store, ind, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_count (store, "sync_outbox"), ==, outbox + 1);
  loaded = mreza_plan_indicator_load (db, ind->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->target, ==, "62.5");
  g_assert_cmpstr (loaded->kind, ==, "percentage");
  g_assert_null (mreza_plan_indicator_why_not_delete (db, ind->id));

  snapshot = mreza_plan_indicator_delete (store, ind->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_count (store, "indicator"), ==, count);
  restored = mreza_plan_indicator_restore (store, snapshot, &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_count (store, "indicator"), ==, count + 1);

  /* An indicator with values is not deleted: Undo could not bring
   * them back. */
  used = query_text (store, "SELECT indicator_id FROM indicator_value"
                     " LIMIT 1");
  g_assert_nonnull (mreza_plan_indicator_why_not_delete (db, used));
  g_assert_null (mreza_plan_indicator_delete (store, used, &error));
  g_assert_error (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_VALUE);
  g_assert_cmpint (test_count (store, "indicator"), ==, count + 1);
}

static void
test_risk (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(MrezaStore) store = test_open_demo (dir);
  g_autofree char *activity = first_activity (store);
  g_autoptr(MrezaPlanRisk) risk = mreza_plan_risk_new (activity);
  g_autoptr(MrezaPlanRisk) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *restored = NULL;
  gint64 count = test_count (store, "risk");
  gint64 outbox = test_count (store, "sync_outbox");

  risk->text = g_strdup (" ");
  g_assert_false (mreza_plan_risk_save (store, risk, &error));
  g_assert_error (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_VALUE);
  g_clear_error (&error);
  g_assert_cmpint (test_count (store, "sync_outbox"), ==, outbox);

  g_free (risk->text);
  risk->text = g_strdup ("Nedovoljno sredstava u lokalnom budžetu");
  g_assert_true (mreza_plan_risk_save (store, risk, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_count (store, "risk"), ==, count + 1);
  g_assert_cmpint (test_count (store, "sync_outbox"), ==, outbox + 1);

  snapshot = mreza_plan_risk_delete (store, risk->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (snapshot->text, ==, risk->text);
  g_assert_cmpint (test_count (store, "risk"), ==, count);
  restored = mreza_plan_risk_restore (store, snapshot, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (restored, !=, risk->id);
  g_assert_cmpint (test_count (store, "risk"), ==, count + 1);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plan-edit/invalid", test_invalid);
  g_test_add_func ("/plan-edit/save", test_save);
  g_test_add_func ("/plan-edit/delete-restore", test_delete_restore);
  g_test_add_func ("/plan-edit/indicator", test_indicator);
  g_test_add_func ("/plan-edit/risk", test_risk);

  return g_test_run ();
}
