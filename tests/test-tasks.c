/* test-tasks.c: saving a task's progress and telling whether it is late
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On a fresh replica of the demo data: a save updates the task in one
 * captured transaction, an invalid done date writes nothing, and
 * "late" follows from the deadline, the status and today.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "mreza-json.h"
#include "mreza-tasks.h"
#include "mreza-util.h"
#include "mreza-test-utils.h"

static char *
query_text (MrezaStore *store,
            const char *sql)
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

static MrezaTaskProgress *
load_first_task (MrezaStore *store)
{
  g_autofree char *id = query_text (store, "SELECT id FROM task"
                                    " WHERE status = 'not_started'"
                                    " ORDER BY rowid LIMIT 1");
  g_autoptr(GError) error = NULL;
  MrezaTaskProgress *progress;

  progress = mreza_task_progress_load (mreza_store_get_db (store), id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (progress);
  g_assert_cmpstr (progress->id, ==, id);
  return progress;
}

static void
test_save (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(MrezaStore) store = test_open_demo (dir);
  g_autoptr(MrezaTaskProgress) progress = load_first_task (store);
  g_autoptr(MrezaTaskProgress) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  gint64 outbox = test_count (store, "sync_outbox");

  g_free (progress->status);
  progress->status = g_strdup ("done");
  progress->done_date = g_strdup ("2019-06-30");
  progress->progress_note = g_strdup ("Obuka održana, zapisnik kod sekretara.");
  g_assert_true (mreza_task_progress_save (store, progress, &error));
  g_assert_no_error (error);

  loaded = mreza_task_progress_load (mreza_store_get_db (store), progress->id,
                                     &error);
  g_assert_no_error (error);
  g_assert_true (mreza_task_progress_equal (progress, loaded));
  g_assert_cmpstr (loaded->status, ==, "done");
  g_assert_cmpstr (loaded->done_date, ==, "2019-06-30");
  /* One UPDATE, captured for sync. */
  g_assert_cmpint (test_count (store, "sync_outbox"), ==, outbox + 1);

  /* No longer done: the date it was done goes with it. */
  g_free (loaded->status);
  loaded->status = g_strdup ("in_progress");
  g_assert_true (mreza_task_progress_save (store, loaded, &error));
  g_assert_no_error (error);
  sql = g_strdup_printf ("SELECT count(*) FROM task WHERE id = '%s'"
                         " AND done_date IS NULL AND status = 'in_progress'",
                         loaded->id);
  g_assert_cmpint (test_query_int (store, sql), ==, 1);
}

/* What a join as a member of @team leaves in sync_state. */
static void
join_as (MrezaStore *store,
         const char *team,
         const char *role)
{
  g_autofree char *sql = g_strdup_printf (
    "INSERT OR REPLACE INTO sync_state (key, value) VALUES"
    " ('url', 'https://127.0.0.1:1'), ('device', 'd'),"
    " ('team', '%s'), ('team_name', 'x'), ('role', '%s')", team, role);

  g_assert_cmpint (sqlite3_exec (mreza_store_get_db (store), sql, NULL, NULL,
                                 NULL), ==, SQLITE_OK);
}

/* On a member's device the status is its team's own: a task_progress
 * row with the id every device derives alike; the plan's task row, the
 * national status, stays as it was; the plan shows the team's status. */
static void
test_team_progress (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(MrezaStore) store = test_open_demo (dir);
  g_autofree char *team = query_text (store, "SELECT id FROM team"
                                      " ORDER BY name LIMIT 1");
  g_autofree char *team_name = query_text (store, "SELECT name FROM team"
                                           " ORDER BY name LIMIT 1");
  g_autoptr(MrezaTaskProgress) progress = NULL;
  g_autoptr(MrezaTaskProgress) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *shown = NULL;
  gint64 outbox;

  join_as (store, team, "member");
  progress = load_first_task (store);
  g_assert_cmpstr (progress->team_id, ==, team);
  g_assert_cmpstr (progress->team_name, ==, team_name);
  /* Nothing reported yet: the national status shows. */
  g_assert_cmpstr (progress->status, ==, "not_started");

  outbox = test_count (store, "sync_outbox");
  g_free (progress->status);
  progress->status = g_strdup ("in_progress");
  progress->progress_note = g_strdup ("Sastanak u CSR Niš zakazan.");
  g_assert_true (mreza_task_progress_save (store, progress, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_count (store, "task_progress"), ==, 1);
  g_assert_cmpint (test_count (store, "sync_outbox"), ==, outbox + 1);
  id = mreza_task_progress_id (progress->id, team);
  g_assert_true (mreza_is_uuid (id));
  sql = g_strdup_printf ("SELECT count(*) FROM task_progress WHERE id = '%s'"
                         " AND task_id = '%s' AND team_id = '%s'"
                         " AND status = 'in_progress'", id, progress->id, team);
  g_assert_cmpint (test_query_int (store, sql), ==, 1);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM task WHERE id = '%s'"
                         " AND status = 'not_started'", progress->id);
  g_assert_cmpint (test_query_int (store, sql), ==, 1);

  /* A second save updates the same row. */
  g_free (progress->status);
  progress->status = g_strdup ("done");
  progress->done_date = g_strdup ("2019-01-15");
  g_assert_true (mreza_task_progress_save (store, progress, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_count (store, "task_progress"), ==, 1);
  loaded = mreza_task_progress_load (mreza_store_get_db (store), progress->id,
                                     &error);
  g_assert_no_error (error);
  g_assert_true (mreza_task_progress_equal (progress, loaded));
  g_free (sql);
  sql = g_strdup_printf ("SELECT status FROM task_here WHERE id = '%s'",
                         progress->id);
  shown = query_text (store, sql);
  g_assert_cmpstr (shown, ==, "done");

  /* The same task on a coordinator's device: the national status. */
  join_as (store, team, "coordinator");
  g_clear_pointer (&loaded, mreza_task_progress_free);
  loaded = mreza_task_progress_load (mreza_store_get_db (store), progress->id,
                                     &error);
  g_assert_no_error (error);
  g_assert_null (loaded->team_id);
  g_assert_cmpstr (loaded->status, ==, "not_started");
}

static void
test_invalid (void)
{
  static const char * const bad_dates[] = {
    "2018-02-30", "30.06.2019", "", "2999-01-01",
  };
  g_autofree char *dir = test_make_dir ();
  g_autoptr(MrezaStore) store = test_open_demo (dir);
  g_autoptr(MrezaTaskProgress) progress = load_first_task (store);
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM task WHERE"
                                          " id = '%s' AND status = 'not_started'"
                                          " AND done_date IS NULL",
                                          progress->id);
  gint64 outbox = test_count (store, "sync_outbox");

  g_free (progress->status);
  progress->status = g_strdup ("done");
  for (guint i = 0; i < G_N_ELEMENTS (bad_dates); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *problem = NULL;

      g_free (progress->done_date);
      progress->done_date = g_strdup (bad_dates[i]);
      problem = mreza_task_progress_check (progress, MREZA_TASK_FIELD_DONE_DATE,
                                           "2024-03-15");
      g_assert_nonnull (problem);
      g_assert_false (mreza_task_progress_save (store, progress, &error));
      g_assert_error (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_VALUE);
    }

  /* An unknown status is refused too. */
  {
    g_autoptr(GError) error = NULL;

    g_free (progress->status);
    progress->status = g_strdup ("finished");
    g_assert_false (mreza_task_progress_save (store, progress, &error));
    g_assert_error (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_VALUE);
  }

  g_assert_cmpint (test_query_int (store, sql), ==, 1);
  g_assert_cmpint (test_count (store, "sync_outbox"), ==, outbox);
}

static void
test_check_today (void)
{
  MrezaTaskProgress progress = { 0 };
  g_autofree char *problem = NULL;

  progress.status = (char *) "done";
  progress.done_date = (char *) "2024-03-15";
  g_assert_null (mreza_task_progress_check (&progress, MREZA_TASK_FIELD_DONE_DATE,
                                            "2024-03-15"));
  problem = mreza_task_progress_check (&progress, MREZA_TASK_FIELD_DONE_DATE,
                                       "2024-03-14");
  g_assert_nonnull (strstr (problem, "2024-03-15"));

  /* Not done: the date is not asked for. */
  progress.status = (char *) "in_progress";
  progress.done_date = NULL;
  g_assert_true (mreza_task_progress_validate (&progress, "2024-03-15", NULL));
}

static void
test_late (void)
{
  const char *today = "2024-03-15";

  g_assert_true (mreza_task_is_late ("not_started", "2024-03-14", today));
  g_assert_true (mreza_task_is_late ("in_progress", "2019-12-31", today));
  g_assert_false (mreza_task_is_late ("in_progress", "2024-03-15", today));
  g_assert_false (mreza_task_is_late ("not_started", "2024-12-31", today));
  g_assert_false (mreza_task_is_late ("done", "2019-12-31", today));
  g_assert_false (mreza_task_is_late ("dropped", "2019-12-31", today));
  g_assert_false (mreza_task_is_late ("not_started", NULL, today));
  g_assert_false (mreza_task_is_late ("not_started", "soon", today));
  /* Against the real clock, a deadline long past is late. */
  g_assert_true (mreza_task_is_late ("in_progress", "2000-01-01", NULL));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tasks/save", test_save);
  g_test_add_func ("/tasks/team-progress", test_team_progress);
  g_test_add_func ("/tasks/invalid", test_invalid);
  g_test_add_func ("/tasks/check-today", test_check_today);
  g_test_add_func ("/tasks/late", test_late);

  return g_test_run ();
}
