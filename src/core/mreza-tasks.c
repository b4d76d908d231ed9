/* mreza-tasks.c: a task's progress, read and saved
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A member reports on a task with its status, a note and the date it
 * was done: on a member device, its team's own progress (a task_progress
 * row, whose id follows from the task and the team, so that two members
 * reporting offline write the same row); on a coordinator's device or a
 * replica that never joined, the plan's national status on the task row.
 * The save is one small transaction on the store's connection, so the
 * UI thread may call it; the sync triggers capture the write, which
 * makes it the synced edit. "Late" is not stored: it follows from the
 * deadline, the status and today.
 */
#define G_LOG_DOMAIN "mreza-tasks"

#include "config.h"

#include "mreza-tasks.h"

#include "mreza-json.h"
#include "mreza-store-private.h"
#include "mreza-util.h"

#include <glib/gi18n-lib.h>
#include <string.h>

static const char * const statuses[] = {
  "not_started", "in_progress", "done", "dropped", NULL,
};

/**
 * mreza_task_statuses:
 *
 * Returns: (transfer none): the statuses a task may have, in the order
 *   a form offers them
 */
const char * const *
mreza_task_statuses (void)
{
  return statuses;
}

MrezaTaskProgress *
mreza_task_progress_copy (const MrezaTaskProgress *progress)
{
  MrezaTaskProgress *copy;

  g_return_val_if_fail (progress != NULL, NULL);

  copy = g_new0 (MrezaTaskProgress, 1);
  copy->id = g_strdup (progress->id);
  copy->number = progress->number;
  copy->title = g_strdup (progress->title);
  copy->deadline_to = g_strdup (progress->deadline_to);
  copy->status = g_strdup (progress->status);
  copy->progress_note = g_strdup (progress->progress_note);
  copy->done_date = g_strdup (progress->done_date);
  copy->team_id = g_strdup (progress->team_id);
  copy->team_name = g_strdup (progress->team_name);
  return copy;
}

void
mreza_task_progress_free (MrezaTaskProgress *progress)
{
  if (progress == NULL)
    return;

  g_free (progress->id);
  g_free (progress->title);
  g_free (progress->deadline_to);
  g_free (progress->status);
  g_free (progress->progress_note);
  g_free (progress->done_date);
  g_free (progress->team_id);
  g_free (progress->team_name);
  g_free (progress);
}

/**
 * mreza_task_progress_equal:
 *
 * Returns: %TRUE when @a and @b report the same progress, so that a form
 *   knows whether anything was changed
 */
gboolean
mreza_task_progress_equal (const MrezaTaskProgress *a,
                           const MrezaTaskProgress *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return _mreza_form_text_equal (a->status, b->status) &&
         _mreza_form_text_equal (a->progress_note, b->progress_note) &&
         _mreza_form_text_equal (a->done_date, b->done_date);
}

/**
 * mreza_task_today:
 *
 * Returns: (transfer full): today's local date, ISO 8601
 */
char *
mreza_task_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static char *
check_done_date (const char *date,
                 const char *today)
{
  g_autofree char *now = today != NULL ? g_strdup (today) : mreza_task_today ();

  if (date == NULL || *date == '\0')
    return g_strdup (_("Enter the date it was done, for example 2024-03-15"));
  if (!mreza_date_is_valid (date))
    return _mreza_form_check_date (date);
  if (strcmp (date, now) > 0)
    /* Translators: %s is a date someone typed, like 2031-05-01 */
    return g_strdup_printf (_("%s is in the future; enter the day it was done"),
                            date);
  return NULL;
}

/**
 * mreza_task_progress_check:
 * @progress: a task's progress
 * @field: one of its fields
 * @today: (nullable): today's ISO date, or %NULL for the local date
 *
 * Returns: (transfer full) (nullable): what is wrong with @field, as a
 *   translated sentence, or %NULL when it is fine
 */
char *
mreza_task_progress_check (const MrezaTaskProgress *progress,
                           MrezaTaskField           field,
                           const char              *today)
{
  g_return_val_if_fail (progress != NULL, NULL);

  switch (field)
    {
    case MREZA_TASK_FIELD_STATUS:
      if (progress->status == NULL || !g_strv_contains (statuses, progress->status))
        return g_strdup (_("Choose the task's status"));
      return NULL;
    case MREZA_TASK_FIELD_DONE_DATE:
      /* The date only means something for a task that is done. */
      if (g_strcmp0 (progress->status, "done") != 0)
        return NULL;
      return check_done_date (progress->done_date, today);
    case MREZA_TASK_N_FIELDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * mreza_task_progress_validate:
 *
 * Returns: %TRUE when every field is fine; otherwise sets @error to the
 *   first problem (%MREZA_INPUT_ERROR_VALUE)
 */
gboolean
mreza_task_progress_validate (const MrezaTaskProgress  *progress,
                              const char               *today,
                              GError                  **error)
{
  g_return_val_if_fail (progress != NULL, FALSE);

  for (guint f = 0; f < MREZA_TASK_N_FIELDS; f++)
    {
      g_autofree char *problem = mreza_task_progress_check (progress, f, today);

      if (problem != NULL)
        {
          g_set_error_literal (error, MREZA_INPUT_ERROR,
                               MREZA_INPUT_ERROR_VALUE, problem);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * mreza_task_progress_load:
 * @db: a connection to the replica
 * @id: the task's UUID
 *
 * Returns: (transfer full) (nullable): the task's progress, or %NULL
 *   with %MREZA_STORE_ERROR_NOT_FOUND when there is no task with @id
 */
MrezaTaskProgress *
mreza_task_progress_load (sqlite3     *db,
                          const char  *id,
                          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  MrezaTaskProgress *progress;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  /* The team is the device's when it joined as a member (as in the
   * task_here view): then it reports its team's progress. */
  stmt = _mreza_sql_prepare (db, "SELECT t.id, t.number, t.title,"
                             " coalesce (t.deadline_to, a.deadline_to),"
                             " h.status, h.progress_note, h.done_date,"
                             " m.team, (SELECT name FROM team WHERE id = m.team)"
                             " FROM task t JOIN activity a"
                             " ON a.id = t.activity_id"
                             " JOIN task_here h ON h.id = t.id"
                             " LEFT JOIN (SELECT value AS team FROM sync_state"
                             "   WHERE key = 'team' AND (SELECT value"
                             "   FROM sync_state WHERE key = 'role') = 'member')"
                             " m WHERE t.id = ?1",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (!_mreza_sql_step_one (db, stmt,
                            _("This task is no longer in the replica; "
                              "the plan may have changed on another device."),
                            "Reading the task failed", error))
    return NULL;

  progress = g_new0 (MrezaTaskProgress, 1);
  progress->id = g_strdup (_mreza_sql_text (stmt, 0));
  progress->number = sqlite3_column_int (stmt, 1);
  progress->title = g_strdup (_mreza_sql_text (stmt, 2));
  progress->deadline_to = g_strdup (_mreza_sql_text (stmt, 3));
  progress->status = g_strdup (_mreza_sql_text (stmt, 4));
  progress->progress_note = g_strdup (_mreza_sql_text (stmt, 5));
  progress->done_date = g_strdup (_mreza_sql_text (stmt, 6));
  progress->team_id = g_strdup (_mreza_sql_text (stmt, 7));
  progress->team_name = g_strdup (_mreza_sql_text (stmt, 8));
  return progress;
}

/**
 * mreza_task_progress_id:
 * @task_id: a task's UUID
 * @team_id: a team's UUID
 *
 * Returns: (transfer full): the id of @team_id's progress row on
 *   @task_id, the same on every device
 */
char *
mreza_task_progress_id (const char *task_id,
                        const char *team_id)
{
  g_autofree char *slug = NULL;

  g_return_val_if_fail (task_id != NULL && team_id != NULL, NULL);

  slug = g_strconcat ("task_progress/", task_id, "/", team_id, NULL);
  return mreza_uuid_from_slug (slug);
}

#define T(s) MREZA_SQL_TEXT (s)

static gboolean
write_sql (sqlite3            *db,
           const char         *sql,
           const MrezaSqlVal  *vals,
           guint               n_vals,
           GError            **error)
{
  return _mreza_sql_write (db, sql, vals, n_vals, NULL,
                           "Saving the task failed", error);
}

/* The last write found no row to change: the task went meanwhile. */
static gboolean
check_changed (sqlite3  *db,
               GError  **error)
{
  if (sqlite3_changes (db) > 0)
    return TRUE;
  g_set_error (error, MREZA_STORE_ERROR, MREZA_STORE_ERROR_NOT_FOUND,
               _("This task is no longer in the replica; the plan may have changed on another device."));
  return FALSE;
}

/* The national status, on the task row itself. */
static gboolean
update_task (MrezaStore               *store,
             const MrezaTaskProgress  *progress,
             const char               *now,
             GError                  **error)
{
  sqlite3 *db = mreza_store_get_db (store);
  gboolean done = g_strcmp0 (progress->status, "done") == 0;
  MrezaSqlVal vals[] = {
    T (progress->id), T (now), T (mreza_store_get_device_id (store)),
    T (progress->status), T (progress->progress_note),
    /* A task that is no longer done has no date it was done. */
    T (done ? progress->done_date : NULL),
  };

  return write_sql (db, "UPDATE task SET modified_at = ?2,"
                    " modified_by = ?3, status = ?4,"
                    " progress_note = ?5, done_date = ?6"
                    " WHERE id = ?1", vals, G_N_ELEMENTS (vals), error) &&
         check_changed (db, error);
}

/* A team's own progress: its task_progress row, updated when it exists
 * and created otherwise, with the id every device derives alike. */
static gboolean
write_team_progress (MrezaStore               *store,
                     const MrezaTaskProgress  *progress,
                     const char               *now,
                     GError                  **error)
{
  sqlite3 *db = mreza_store_get_db (store);
  g_autofree char *id = mreza_task_progress_id (progress->id,
                                                progress->team_id);
  gboolean done = g_strcmp0 (progress->status, "done") == 0;
  /* The update binds the first six, the insert all eight. */
  MrezaSqlVal vals[] = {
    T (id), T (now), T (mreza_store_get_device_id (store)),
    T (progress->status), T (progress->progress_note),
    T (done ? progress->done_date : NULL),
    T (progress->team_id), T (progress->id),
  };

  if (!write_sql (db, "UPDATE task_progress SET"
                  " modified_at = ?2, modified_by = ?3,"
                  " status = ?4, progress_note = ?5,"
                  " done_date = ?6 WHERE id = ?1", vals, 6, error))
    return FALSE;
  if (sqlite3_changes (db) > 0)
    return TRUE;

  return write_sql (db, "INSERT INTO task_progress (id,"
                    " created_at, modified_at, modified_by,"
                    " task_id, team_id, status, progress_note,"
                    " done_date) SELECT ?1, ?2, ?2, ?3, t.id, ?7,"
                    " ?4, ?5, ?6 FROM task t WHERE t.id = ?8",
                    vals, G_N_ELEMENTS (vals), error) &&
         check_changed (db, error);
}

typedef struct
{
  MrezaStore              *store;
  const MrezaTaskProgress *progress;
} ProgressWrite;

static gboolean
update_row (sqlite3   *db,
            gpointer   data,
            GError   **error)
{
  ProgressWrite *w = data;
  g_autofree char *now = mreza_now_iso8601 ();

  if (w->progress->team_id != NULL)
    return write_team_progress (w->store, w->progress, now, error);
  return update_task (w->store, w->progress, now, error);
}

/**
 * mreza_task_progress_save:
 * @store: the replica
 * @progress: the task's progress, its id set
 * @error: return location for a #GError
 *
 * Validates @progress against today's date, then updates the task in
 * one transaction: either all of it is saved or nothing is.
 *
 * Returns: %TRUE on success
 */
gboolean
mreza_task_progress_save (MrezaStore               *store,
                          const MrezaTaskProgress  *progress,
                          GError                  **error)
{
  ProgressWrite w = { store, progress };

  g_return_val_if_fail (MREZA_IS_STORE (store), FALSE);
  g_return_val_if_fail (progress != NULL && progress->id != NULL, FALSE);

  if (!mreza_task_progress_validate (progress, NULL, error))
    return FALSE;

  return _mreza_sql_transaction (mreza_store_get_db (store), update_row, &w,
                                 error);
}

/**
 * mreza_task_is_late:
 * @status: the task's status
 * @deadline_to: (nullable): the last day allowed, ISO 8601
 * @today: (nullable): today's ISO date, or %NULL for the local date
 *
 * Returns: %TRUE when the deadline has passed and the task is neither
 *   done nor dropped
 */
gboolean
mreza_task_is_late (const char *status,
                    const char *deadline_to,
                    const char *today)
{
  g_autofree char *now = NULL;

  if (g_strcmp0 (status, "done") == 0 || g_strcmp0 (status, "dropped") == 0)
    return FALSE;
  if (!mreza_date_is_valid (deadline_to))
    return FALSE;

  now = today != NULL ? g_strdup (today) : mreza_task_today ();
  return strcmp (deadline_to, now) < 0;
}
