/* mreza-plan-edit.c: the coordinator's edits of the plan's structure
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The plan (its activities' tasks, and so on) is the coordinator's: a
 * member's device reads it and reports progress (mreza-tasks.c), and
 * only a coordinator's device, or a replica that never joined, changes
 * it (mreza_access_can_edit_plan(); the form enforces it, as the
 * coordinator does on its side). Each record follows the store's
 * pattern: check a field, validate all of them, load, save in one
 * transaction, delete with a snapshot, and restore the snapshot as a
 * new row, since the delete's tombstone wins over any later write of
 * the same row. The sync triggers capture every write.
 */
#define G_LOG_DOMAIN "mreza-plan-edit"

#include "config.h"

#include "mreza-plan-edit.h"

#include "mreza-json.h"
#include "mreza-store-private.h"
#include "mreza-util.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define T(s) MREZA_SQL_TEXT (s)
#define I(n) MREZA_SQL_INT (n)

/* Tasks ------------------------------------------------------------------ */

/**
 * mreza_plan_task_new:
 * @activity_id: the activity the task belongs to
 *
 * Returns: (transfer full): an empty task, not yet saved
 */
MrezaPlanTask *
mreza_plan_task_new (const char *activity_id)
{
  MrezaPlanTask *task = g_new0 (MrezaPlanTask, 1);

  task->activity_id = g_strdup (activity_id);
  task->links = g_ptr_array_new_with_free_func (g_free);
  return task;
}

MrezaPlanTask *
mreza_plan_task_copy (const MrezaPlanTask *task)
{
  MrezaPlanTask *copy;

  g_return_val_if_fail (task != NULL, NULL);

  copy = mreza_plan_task_new (task->activity_id);
  copy->id = g_strdup (task->id);
  copy->number = task->number;
  copy->title = g_strdup (task->title);
  copy->deadline_text = g_strdup (task->deadline_text);
  copy->deadline_kind = g_strdup (task->deadline_kind);
  copy->deadline_from = g_strdup (task->deadline_from);
  copy->deadline_to = g_strdup (task->deadline_to);
  for (guint i = 0; i < task->links->len; i++)
    g_ptr_array_add (copy->links, g_strdup (g_ptr_array_index (task->links, i)));
  return copy;
}

void
mreza_plan_task_free (MrezaPlanTask *task)
{
  if (task == NULL)
    return;
  g_free (task->id);
  g_free (task->activity_id);
  g_free (task->title);
  g_free (task->deadline_text);
  g_free (task->deadline_kind);
  g_free (task->deadline_from);
  g_free (task->deadline_to);
  g_ptr_array_unref (task->links);
  g_free (task);
}

/**
 * mreza_plan_task_equal:
 *
 * Returns: %TRUE when @a and @b state the same task (ids aside)
 */
gboolean
mreza_plan_task_equal (const MrezaPlanTask *a,
                       const MrezaPlanTask *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->number == b->number &&
         _mreza_form_text_equal (a->activity_id, b->activity_id) &&
         _mreza_form_text_equal (a->title, b->title) &&
         _mreza_form_text_equal (a->deadline_text, b->deadline_text) &&
         _mreza_form_text_equal (a->deadline_from, b->deadline_from) &&
         _mreza_form_text_equal (a->deadline_to, b->deadline_to);
}

/**
 * mreza_plan_task_check:
 * @task: a task of the plan
 * @field: one of its fields
 *
 * Returns: (transfer full) (nullable): what is wrong with @field, as a
 *   translated sentence, or %NULL when it is fine
 */
char *
mreza_plan_task_check (const MrezaPlanTask *task,
                       MrezaPlanTaskField   field)
{
  g_return_val_if_fail (task != NULL, NULL);

  switch (field)
    {
    case MREZA_PLAN_TASK_FIELD_NUMBER:
      if (task->number <= 0)
        return g_strdup (_("Give the task a whole number above 0, such as 3"));
      return NULL;
    case MREZA_PLAN_TASK_FIELD_TITLE:
      if (_mreza_form_text_is_blank (task->title))
        return g_strdup (_("Say what the task is"));
      return NULL;
    case MREZA_PLAN_TASK_FIELD_DEADLINE_FROM:
      return _mreza_form_check_date (task->deadline_from);
    case MREZA_PLAN_TASK_FIELD_DEADLINE_TO:
      {
        char *problem = _mreza_form_check_date (task->deadline_to);

        if (problem != NULL)
          return problem;
        if (mreza_date_is_valid (task->deadline_from) &&
            mreza_date_is_valid (task->deadline_to) &&
            strcmp (task->deadline_to, task->deadline_from) < 0)
          return g_strdup (_("The deadline ends before it starts; "
                             "swap the two dates"));
        return NULL;
      }
    case MREZA_PLAN_TASK_N_FIELDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * mreza_plan_task_validate:
 *
 * Returns: %TRUE when every field is fine; otherwise sets @error to the
 *   first problem (%MREZA_INPUT_ERROR_VALUE)
 */
gboolean
mreza_plan_task_validate (const MrezaPlanTask  *task,
                          GError              **error)
{
  g_return_val_if_fail (task != NULL, FALSE);

  if (task->activity_id == NULL)
    {
      g_set_error_literal (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_VALUE,
                           _("The task belongs to no activity"));
      return FALSE;
    }
  for (guint f = 0; f < MREZA_PLAN_TASK_N_FIELDS; f++)
    {
      g_autofree char *problem = mreza_plan_task_check (task, f);

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
 * mreza_plan_task_next_number:
 * @db: a connection to the replica
 * @activity_id: an activity's UUID
 *
 * Returns: the number a new task of the activity gets: one past the
 *   highest, or 1
 */
int
mreza_plan_task_next_number (sqlite3    *db,
                             const char *activity_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (db != NULL && activity_id != NULL, 1);

  stmt = _mreza_sql_prepare_with_id (db, "SELECT coalesce (max (number), 0)"
                                     " + 1 FROM task WHERE activity_id = ?1",
                                     activity_id, NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return 1;
  return sqlite3_column_int (stmt, 0);
}

static gboolean
load_links (sqlite3        *db,
            MrezaPlanTask  *task,
            GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _mreza_sql_prepare_with_id (db, "SELECT institution_id, role FROM"
                                     " task_institution WHERE task_id = ?1"
                                     " ORDER BY rowid", task->id, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (task->links,
                     g_strconcat (_mreza_sql_text (stmt, 0), "\n",
                                  _mreza_sql_text (stmt, 1), NULL));
  if (rc != SQLITE_DONE)
    {
      _mreza_sql_set_error (db, rc, error, "Reading the task failed");
      return FALSE;
    }
  return TRUE;
}

/**
 * mreza_plan_task_load:
 * @db: a connection to the replica
 * @id: the task's UUID
 *
 * Returns: (transfer full) (nullable): the task with its institutions,
 *   or %NULL with %MREZA_STORE_ERROR_NOT_FOUND when there is none
 */
MrezaPlanTask *
mreza_plan_task_load (sqlite3     *db,
                      const char  *id,
                      GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(MrezaPlanTask) task = NULL;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = _mreza_sql_prepare_with_id (db, "SELECT id, activity_id, number,"
                                     " title, deadline_text, deadline_kind,"
                                     " deadline_from, deadline_to"
                                     " FROM task WHERE id = ?1", id, error);
  if (stmt == NULL)
    return NULL;
  if (!_mreza_sql_step_one (db, stmt,
                            _("This task is no longer in the replica; the "
                              "plan may have changed on another device."),
                            "Reading the task failed", error))
    return NULL;

  task = mreza_plan_task_new (_mreza_sql_text (stmt, 1));
  task->id = _mreza_sql_dup_text (stmt, 0);
  task->number = sqlite3_column_int (stmt, 2);
  task->title = _mreza_sql_dup_text (stmt, 3);
  task->deadline_text = _mreza_sql_dup_text (stmt, 4);
  task->deadline_kind = _mreza_sql_dup_text (stmt, 5);
  task->deadline_from = _mreza_sql_dup_text (stmt, 6);
  task->deadline_to = _mreza_sql_dup_text (stmt, 7);
  if (!load_links (db, task, error))
    return NULL;
  return g_steal_pointer (&task);
}

/* The kind follows from the dates: one day is a date, two a period; a
 * deadline without dates keeps "continuous" if the plan said so. */
static const char *
deadline_kind (const MrezaPlanTask *task)
{
  gboolean from = !_mreza_form_text_is_blank (task->deadline_from);
  gboolean to = !_mreza_form_text_is_blank (task->deadline_to);

  if (from && to && strcmp (task->deadline_from, task->deadline_to) != 0)
    return "period";
  if (from || to)
    return "date";
  if (g_strcmp0 (task->deadline_kind, "continuous") == 0)
    return "continuous";
  return NULL;
}

typedef struct
{
  MrezaStore          *store;
  const MrezaPlanTask *task;
  gboolean             with_links;
} TaskWrite;

static gboolean
write_links (sqlite3    *db,
             TaskWrite  *w,
             const char *now,
             GError    **error)
{
  for (guint i = 0; i < w->task->links->len; i++)
    {
      g_auto(GStrv) link = g_strsplit (g_ptr_array_index (w->task->links, i),
                                       "\n", 2);
      g_autofree char *id = mreza_uuid_new_random ();
      MrezaSqlVal vals[] = { T (id), T (now),
                             T (mreza_store_get_device_id (w->store)),
                             T (w->task->id), T (link[0]), T (link[1]) };

      /* An institution deleted meanwhile is left out, not an error. */
      if (g_strv_length (link) == 2 &&
          !_mreza_sql_write (db, "INSERT INTO task_institution (id,"
                             " created_at, modified_at, modified_by, task_id,"
                             " institution_id, role) SELECT ?1, ?2, ?2, ?3,"
                             " ?4, i.id, ?6 FROM institution i"
                             " WHERE i.id = ?5", vals, G_N_ELEMENTS (vals),
                             NULL, "Restoring the task failed", error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_task (sqlite3   *db,
            gpointer   data,
            GError   **error)
{
  TaskWrite *w = data;
  const MrezaPlanTask *t = w->task;
  g_autofree char *now = mreza_now_iso8601 ();
  g_autofree char *title = g_strstrip (g_strdup (t->title));
  MrezaSqlVal vals[] = { T (t->id), T (now),
                         T (mreza_store_get_device_id (w->store)),
                         T (t->activity_id), I (t->number), T (title),
                         T (t->deadline_text), T (deadline_kind (t)),
                         T (t->deadline_from), T (t->deadline_to) };

  if (!_mreza_sql_write (db, "INSERT INTO task (id, created_at, modified_at,"
                         " modified_by, activity_id, number, title,"
                         " deadline_text, deadline_kind, deadline_from,"
                         " deadline_to) VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6,"
                         " ?7, ?8, ?9, ?10) ON CONFLICT (id) DO UPDATE SET"
                         " modified_at = excluded.modified_at,"
                         " modified_by = excluded.modified_by,"
                         " number = excluded.number, title = excluded.title,"
                         " deadline_text = excluded.deadline_text,"
                         " deadline_kind = excluded.deadline_kind,"
                         " deadline_from = excluded.deadline_from,"
                         " deadline_to = excluded.deadline_to",
                         vals, G_N_ELEMENTS (vals),
                         _("Another task of this activity has this number, "
                           "or the activity is no longer in the replica. "
                           "Choose another number and save."),
                         "Saving the task failed", error))
    return FALSE;
  return !w->with_links || write_links (db, w, now, error);
}

static gboolean
save_task (MrezaStore     *store,
           MrezaPlanTask  *task,
           gboolean        with_links,
           GError        **error)
{
  TaskWrite w = { store, task, with_links };
  gboolean is_new;

  if (!mreza_plan_task_validate (task, error))
    return FALSE;

  is_new = task->id == NULL;
  if (is_new)
    task->id = mreza_uuid_new_random ();
  if (!_mreza_sql_transaction (mreza_store_get_db (store), write_task, &w,
                               error))
    {
      if (is_new)
        g_clear_pointer (&task->id, g_free);
      return FALSE;
    }
  return TRUE;
}

/**
 * mreza_plan_task_save:
 * @store: the replica
 * @task: the task; a new one (no id) is given one
 * @error: return location for a #GError
 *
 * Validates @task, then writes it in one transaction. Its institutions
 * are not touched.
 *
 * Returns: %TRUE on success
 */
gboolean
mreza_plan_task_save (MrezaStore     *store,
                      MrezaPlanTask  *task,
                      GError        **error)
{
  g_return_val_if_fail (MREZA_IS_STORE (store), FALSE);
  g_return_val_if_fail (task != NULL, FALSE);

  return save_task (store, task, FALSE, error);
}

static gboolean
delete_task (sqlite3     *db,
             const char  *id,
             GError     **error)
{
  MrezaSqlVal vals[] = { T (id) };

  /* Its institutions, budget lines and teams' progress go with it
   * (ON DELETE CASCADE), each captured by its own trigger. */
  return _mreza_sql_write (db, "DELETE FROM task WHERE id = ?1", vals, 1,
                           NULL, "Deleting the task failed", error);
}

/**
 * mreza_plan_task_delete:
 * @store: the replica
 * @id: the task's UUID
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): what was deleted, for
 *   mreza_plan_task_restore(), or %NULL on error
 */
MrezaPlanTask *
mreza_plan_task_delete (MrezaStore  *store,
                        const char  *id,
                        GError     **error)
{
  g_return_val_if_fail (MREZA_IS_STORE (store), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return _mreza_sql_delete_with_snapshot (mreza_store_get_db (store), id,
                                          (MrezaSqlLoad) mreza_plan_task_load,
                                          delete_task,
                                          (GDestroyNotify) mreza_plan_task_free,
                                          error);
}

/**
 * mreza_plan_task_restore:
 * @store: the replica
 * @snapshot: what mreza_plan_task_delete() returned
 * @error: return location for a #GError
 *
 * Brings a deleted task back as a new row, with its responsible and
 * partner institutions, in one transaction.
 *
 * Returns: (transfer full) (nullable): the restored task's id
 */
char *
mreza_plan_task_restore (MrezaStore           *store,
                         const MrezaPlanTask  *snapshot,
                         GError              **error)
{
  g_autoptr(MrezaPlanTask) task = NULL;

  g_return_val_if_fail (MREZA_IS_STORE (store), NULL);
  g_return_val_if_fail (snapshot != NULL, NULL);

  task = mreza_plan_task_copy (snapshot);
  g_clear_pointer (&task->id, g_free);
  if (!save_task (store, task, TRUE, error))
    return NULL;
  return g_steal_pointer (&task->id);
}
