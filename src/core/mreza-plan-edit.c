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
#include "mreza-plan-edit-private.h"

#include "mreza-json.h"
#include "mreza-store-private.h"
#include "mreza-util.h"

#include <glib/gi18n-lib.h>
#include <math.h>
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
      return _mreza_plan_check_deadline_to (task->deadline_from,
                                            task->deadline_to);
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
  return _mreza_form_validate_fields (task, (MrezaFieldCheck) mreza_plan_task_check,
                                      MREZA_PLAN_TASK_N_FIELDS, error);
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

/* What is wrong with a deadline's last day: not a real day, or before
 * its first. Shared by tasks and activities. */
char *
_mreza_plan_check_deadline_to (const char *from,
                               const char *to)
{
  char *problem = _mreza_form_check_date (to);

  if (problem != NULL)
    return problem;
  if (mreza_date_is_valid (from) && mreza_date_is_valid (to) &&
      strcmp (to, from) < 0)
    return g_strdup (_("The deadline ends before it starts; "
                       "swap the two dates"));
  return NULL;
}

/* The kind follows from the dates: one day is a date, two a period; a
 * deadline without dates keeps "continuous" if the plan said so. */
const char *
_mreza_plan_deadline_kind (const char *from,
                           const char *to,
                           const char *was)
{
  gboolean has_from = !_mreza_form_text_is_blank (from);
  gboolean has_to = !_mreza_form_text_is_blank (to);

  if (has_from && has_to && strcmp (from, to) != 0)
    return "period";
  if (has_from || has_to)
    return "date";
  if (g_strcmp0 (was, "continuous") == 0)
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
                         T (t->deadline_text),
                         T (_mreza_plan_deadline_kind (t->deadline_from,
                                                       t->deadline_to,
                                                       t->deadline_kind)),
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

/* Indicators ------------------------------------------------------------- */

static const char * const indicator_kinds[] = {
  "count", "percentage", "yes_no", "text", NULL,
};

/**
 * mreza_plan_indicator_kinds:
 *
 * Returns: (transfer none): the kinds an indicator may have, in the
 *   order a form offers them
 */
const char * const *
mreza_plan_indicator_kinds (void)
{
  return indicator_kinds;
}

/**
 * mreza_plan_indicator_new:
 * @activity_id: the activity the indicator belongs to
 *
 * Returns: (transfer full): an empty count indicator, not yet saved
 */
MrezaPlanIndicator *
mreza_plan_indicator_new (const char *activity_id)
{
  MrezaPlanIndicator *ind = g_new0 (MrezaPlanIndicator, 1);

  ind->activity_id = g_strdup (activity_id);
  ind->kind = g_strdup ("count");
  return ind;
}

MrezaPlanIndicator *
mreza_plan_indicator_copy (const MrezaPlanIndicator *ind)
{
  MrezaPlanIndicator *copy;

  g_return_val_if_fail (ind != NULL, NULL);

  copy = g_new0 (MrezaPlanIndicator, 1);
  copy->id = g_strdup (ind->id);
  copy->activity_id = g_strdup (ind->activity_id);
  copy->number = ind->number;
  copy->text = g_strdup (ind->text);
  copy->kind = g_strdup (ind->kind);
  copy->target = g_strdup (ind->target);
  return copy;
}

void
mreza_plan_indicator_free (MrezaPlanIndicator *ind)
{
  if (ind == NULL)
    return;
  g_free (ind->id);
  g_free (ind->activity_id);
  g_free (ind->text);
  g_free (ind->kind);
  g_free (ind->target);
  g_free (ind);
}

gboolean
mreza_plan_indicator_equal (const MrezaPlanIndicator *a,
                            const MrezaPlanIndicator *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->number == b->number &&
         _mreza_form_text_equal (a->activity_id, b->activity_id) &&
         _mreza_form_text_equal (a->text, b->text) &&
         _mreza_form_text_equal (a->kind, b->kind) &&
         _mreza_form_text_equal (a->target, b->target);
}

static gboolean
is_numeric_kind (const char *kind)
{
  return g_strcmp0 (kind, "count") == 0 ||
         g_strcmp0 (kind, "percentage") == 0;
}

/* A number as people here write it: a decimal comma is as good as a
 * point. Returns FALSE for anything else. */
static gboolean
parse_number (const char *text,
              double     *out)
{
  g_autofree char *copy = g_strdelimit (g_strstrip (g_strdup (text)), ",",
                                        '.');
  char *end = NULL;

  if (*copy == '\0')
    return FALSE;
  *out = g_ascii_strtod (copy, &end);
  return end != NULL && *end == '\0' && isfinite (*out);
}

static char *
check_target (const MrezaPlanIndicator *ind)
{
  double v;

  if (!is_numeric_kind (ind->kind) || _mreza_form_text_is_blank (ind->target))
    return NULL;
  if (!parse_number (ind->target, &v))
    return g_strdup (_("Write the target as a number, such as 12 or 7,5"));
  if (v < 0)
    return g_strdup (_("A target cannot be below 0"));
  if (g_strcmp0 (ind->kind, "percentage") == 0 && v > 100)
    return g_strdup (_("A percentage target is at most 100"));
  if (g_strcmp0 (ind->kind, "count") == 0 && v != floor (v))
    return g_strdup (_("A count is a whole number, such as 12"));
  return NULL;
}

char *
mreza_plan_indicator_check (const MrezaPlanIndicator *ind,
                            MrezaPlanIndicatorField   field)
{
  g_return_val_if_fail (ind != NULL, NULL);

  switch (field)
    {
    case MREZA_PLAN_INDICATOR_FIELD_NUMBER:
      if (ind->number <= 0)
        return g_strdup (_("Give the indicator a whole number above 0, "
                           "such as 2"));
      return NULL;
    case MREZA_PLAN_INDICATOR_FIELD_TEXT:
      if (_mreza_form_text_is_blank (ind->text))
        return g_strdup (_("Say what the indicator measures"));
      return NULL;
    case MREZA_PLAN_INDICATOR_FIELD_KIND:
      if (ind->kind == NULL ||
          !g_strv_contains ((const char * const *) indicator_kinds, ind->kind))
        return g_strdup (_("Choose what kind of indicator this is"));
      return NULL;
    case MREZA_PLAN_INDICATOR_FIELD_TARGET:
      return check_target (ind);
    case MREZA_PLAN_INDICATOR_N_FIELDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
mreza_plan_indicator_validate (const MrezaPlanIndicator  *ind,
                               GError                   **error)
{
  g_return_val_if_fail (ind != NULL, FALSE);

  if (ind->activity_id == NULL)
    {
      g_set_error_literal (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_VALUE,
                           _("The indicator belongs to no activity"));
      return FALSE;
    }
  return _mreza_form_validate_fields (ind, (MrezaFieldCheck) mreza_plan_indicator_check,
                                      MREZA_PLAN_INDICATOR_N_FIELDS, error);
}

int
mreza_plan_indicator_next_number (sqlite3    *db,
                                  const char *activity_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (db != NULL && activity_id != NULL, 1);

  stmt = _mreza_sql_prepare_with_id (db, "SELECT coalesce (max (number), 0)"
                                     " + 1 FROM indicator"
                                     " WHERE activity_id = ?1",
                                     activity_id, NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return 1;
  return sqlite3_column_int (stmt, 0);
}

static char *
dup_target (sqlite3_stmt *stmt)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  double v;

  if (sqlite3_column_type (stmt, 4) == SQLITE_NULL)
    return _mreza_sql_dup_text (stmt, 5);
  v = sqlite3_column_double (stmt, 4);
  if (v == floor (v) && fabs (v) < 1e15)
    return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) v);
  return g_strdup (g_ascii_dtostr (buf, sizeof buf, v));
}

MrezaPlanIndicator *
mreza_plan_indicator_load (sqlite3     *db,
                           const char  *id,
                           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  MrezaPlanIndicator *ind;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = _mreza_sql_prepare_with_id (db, "SELECT id, activity_id, number,"
                                     " text, target_num, target_text, kind"
                                     " FROM indicator WHERE id = ?1", id,
                                     error);
  if (stmt == NULL)
    return NULL;
  if (!_mreza_sql_step_one (db, stmt,
                            _("This indicator is no longer in the plan; "
                              "it may have been removed on another device."),
                            "Reading the indicator failed", error))
    return NULL;

  ind = mreza_plan_indicator_new (_mreza_sql_text (stmt, 1));
  ind->id = _mreza_sql_dup_text (stmt, 0);
  ind->number = sqlite3_column_int (stmt, 2);
  ind->text = _mreza_sql_dup_text (stmt, 3);
  g_free (ind->kind);
  ind->kind = _mreza_sql_dup_text (stmt, 6);
  /* A yes/no target is always yes, and not typed. */
  if (g_strcmp0 (ind->kind, "yes_no") != 0)
    ind->target = dup_target (stmt);
  return ind;
}

/**
 * mreza_plan_indicator_why_not_delete:
 * @db: a connection to the replica
 * @id: an indicator's UUID
 *
 * An indicator's values and the joint actions linked to it would go
 * with it, and an Undo could not bring them back: such an indicator is
 * not deleted.
 *
 * Returns: (nullable): why the indicator may not be deleted, or %NULL
 */
const char *
mreza_plan_indicator_why_not_delete (sqlite3    *db,
                                     const char *id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (db != NULL && id != NULL, NULL);

  stmt = _mreza_sql_prepare_with_id (db, "SELECT EXISTS (SELECT 1 FROM"
                                     " indicator_value WHERE indicator_id ="
                                     " ?1) OR EXISTS (SELECT 1 FROM"
                                     " joint_action_indicator WHERE"
                                     " indicator_id = ?1)", id, NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW ||
      sqlite3_column_int (stmt, 0) != 0)
    return _("Teams have entered values for this indicator or linked "
             "joint actions to it, which would be lost with it.");
  return NULL;
}

typedef struct
{
  MrezaStore               *store;
  const MrezaPlanIndicator *ind;
} IndicatorWrite;

static gboolean
write_indicator (sqlite3   *db,
                 gpointer   data,
                 GError   **error)
{
  IndicatorWrite *w = data;
  const MrezaPlanIndicator *ind = w->ind;
  g_autofree char *now = mreza_now_iso8601 ();
  g_autofree char *text = g_strstrip (g_strdup (ind->text));
  gboolean has_num = FALSE;
  double num = 0;
  MrezaSqlVal vals[] = { T (ind->id), T (now),
                         T (mreza_store_get_device_id (w->store)),
                         T (ind->activity_id), I (ind->number), T (text),
                         T (ind->kind), T (NULL), T (NULL) };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (g_strcmp0 (ind->kind, "yes_no") == 0)
    {
      has_num = TRUE;
      num = 1;
    }
  else if (is_numeric_kind (ind->kind))
    has_num = !_mreza_form_text_is_blank (ind->target) &&
              parse_number (ind->target, &num);
  else
    vals[8] = T (ind->target);
  /* The target is a REAL: bound as its exact text, cast in SQL. */
  if (has_num)
    vals[7] = T (g_ascii_dtostr (buf, sizeof buf, num));

  return _mreza_sql_write (db, "INSERT INTO indicator (id, created_at,"
                           " modified_at, modified_by, activity_id, number,"
                           " text, kind, target_num, target_text)"
                           " VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7,"
                           " CAST (?8 AS REAL), ?9)"
                           " ON CONFLICT (id) DO UPDATE SET"
                           " modified_at = excluded.modified_at,"
                           " modified_by = excluded.modified_by,"
                           " number = excluded.number, text = excluded.text,"
                           " kind = excluded.kind,"
                           " target_num = excluded.target_num,"
                           " target_text = excluded.target_text",
                           vals, G_N_ELEMENTS (vals),
                           _("Another indicator of this activity has this "
                             "number, or the activity is no longer in the "
                             "replica. Choose another number and save."),
                           "Saving the indicator failed", error);
}

/**
 * mreza_plan_indicator_save:
 * @store: the replica
 * @ind: the indicator; a new one (no id) is given one
 * @error: return location for a #GError
 *
 * Validates @ind, then writes it in one transaction.
 *
 * Returns: %TRUE on success
 */
gboolean
mreza_plan_indicator_save (MrezaStore          *store,
                           MrezaPlanIndicator  *ind,
                           GError             **error)
{
  IndicatorWrite w = { store, ind };
  gboolean is_new;

  g_return_val_if_fail (MREZA_IS_STORE (store), FALSE);
  g_return_val_if_fail (ind != NULL, FALSE);

  if (!mreza_plan_indicator_validate (ind, error))
    return FALSE;

  is_new = ind->id == NULL;
  if (is_new)
    ind->id = mreza_uuid_new_random ();
  if (!_mreza_sql_transaction (mreza_store_get_db (store), write_indicator,
                               &w, error))
    {
      if (is_new)
        g_clear_pointer (&ind->id, g_free);
      return FALSE;
    }
  return TRUE;
}

static gboolean
delete_indicator (sqlite3     *db,
                  const char  *id,
                  GError     **error)
{
  MrezaSqlVal vals[] = { T (id) };
  const char *why = mreza_plan_indicator_why_not_delete (db, id);

  if (why != NULL)
    {
      g_set_error_literal (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_VALUE,
                           why);
      return FALSE;
    }
  return _mreza_sql_write (db, "DELETE FROM indicator WHERE id = ?1", vals, 1,
                           NULL, "Deleting the indicator failed", error);
}

/**
 * mreza_plan_indicator_delete:
 * @store: the replica
 * @id: the indicator's UUID
 * @error: return location for a #GError
 *
 * Deletes an indicator nothing hangs on
 * (mreza_plan_indicator_why_not_delete()).
 *
 * Returns: (transfer full) (nullable): what was deleted, for
 *   mreza_plan_indicator_restore(), or %NULL on error
 */
MrezaPlanIndicator *
mreza_plan_indicator_delete (MrezaStore  *store,
                             const char  *id,
                             GError     **error)
{
  g_return_val_if_fail (MREZA_IS_STORE (store), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return _mreza_sql_delete_with_snapshot (mreza_store_get_db (store), id,
                                          (MrezaSqlLoad) mreza_plan_indicator_load,
                                          delete_indicator,
                                          (GDestroyNotify) mreza_plan_indicator_free,
                                          error);
}

/**
 * mreza_plan_indicator_restore:
 * @store: the replica
 * @snapshot: what mreza_plan_indicator_delete() returned
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the id of the indicator, back
 *   as a new row
 */
char *
mreza_plan_indicator_restore (MrezaStore                *store,
                              const MrezaPlanIndicator  *snapshot,
                              GError                   **error)
{
  g_autoptr(MrezaPlanIndicator) ind = NULL;

  g_return_val_if_fail (MREZA_IS_STORE (store), NULL);
  g_return_val_if_fail (snapshot != NULL, NULL);

  ind = mreza_plan_indicator_copy (snapshot);
  g_clear_pointer (&ind->id, g_free);
  if (!mreza_plan_indicator_save (store, ind, error))
    return NULL;
  return g_steal_pointer (&ind->id);
}

/* Risks ------------------------------------------------------------------ */

MrezaPlanRisk *
mreza_plan_risk_new (const char *activity_id)
{
  MrezaPlanRisk *risk = g_new0 (MrezaPlanRisk, 1);

  risk->activity_id = g_strdup (activity_id);
  return risk;
}

MrezaPlanRisk *
mreza_plan_risk_copy (const MrezaPlanRisk *risk)
{
  MrezaPlanRisk *copy;

  g_return_val_if_fail (risk != NULL, NULL);

  copy = mreza_plan_risk_new (risk->activity_id);
  copy->id = g_strdup (risk->id);
  copy->text = g_strdup (risk->text);
  return copy;
}

void
mreza_plan_risk_free (MrezaPlanRisk *risk)
{
  if (risk == NULL)
    return;
  g_free (risk->id);
  g_free (risk->activity_id);
  g_free (risk->text);
  g_free (risk);
}

gboolean
mreza_plan_risk_equal (const MrezaPlanRisk *a,
                       const MrezaPlanRisk *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return _mreza_form_text_equal (a->activity_id, b->activity_id) &&
         _mreza_form_text_equal (a->text, b->text);
}

/**
 * mreza_plan_risk_check:
 * @risk: a risk to an activity
 *
 * Returns: (transfer full) (nullable): what is wrong with its text, or
 *   %NULL when it is fine
 */
char *
mreza_plan_risk_check (const MrezaPlanRisk *risk)
{
  g_return_val_if_fail (risk != NULL, NULL);

  if (_mreza_form_text_is_blank (risk->text))
    return g_strdup (_("Say what could get in the activity’s way"));
  return NULL;
}

MrezaPlanRisk *
mreza_plan_risk_load (sqlite3     *db,
                      const char  *id,
                      GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  MrezaPlanRisk *risk;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = _mreza_sql_prepare_with_id (db, "SELECT id, activity_id, text FROM"
                                     " risk WHERE id = ?1", id, error);
  if (stmt == NULL)
    return NULL;
  if (!_mreza_sql_step_one (db, stmt,
                            _("This risk is no longer in the plan; it may "
                              "have been removed on another device."),
                            "Reading the risk failed", error))
    return NULL;

  risk = mreza_plan_risk_new (_mreza_sql_text (stmt, 1));
  risk->id = _mreza_sql_dup_text (stmt, 0);
  risk->text = _mreza_sql_dup_text (stmt, 2);
  return risk;
}

typedef struct
{
  MrezaStore          *store;
  const MrezaPlanRisk *risk;
} RiskWrite;

static gboolean
write_risk (sqlite3   *db,
            gpointer   data,
            GError   **error)
{
  RiskWrite *w = data;
  g_autofree char *now = mreza_now_iso8601 ();
  g_autofree char *text = g_strstrip (g_strdup (w->risk->text));
  MrezaSqlVal vals[] = { T (w->risk->id), T (now),
                         T (mreza_store_get_device_id (w->store)),
                         T (w->risk->activity_id), T (text) };

  return _mreza_sql_write (db, "INSERT INTO risk (id, created_at,"
                           " modified_at, modified_by, activity_id, text)"
                           " VALUES (?1, ?2, ?2, ?3, ?4, ?5)"
                           " ON CONFLICT (id) DO UPDATE SET"
                           " modified_at = excluded.modified_at,"
                           " modified_by = excluded.modified_by,"
                           " text = excluded.text",
                           vals, G_N_ELEMENTS (vals),
                           _("The activity is no longer in the replica."),
                           "Saving the risk failed", error);
}

/**
 * mreza_plan_risk_save:
 * @store: the replica
 * @risk: the risk; a new one (no id) is given one
 * @error: return location for a #GError
 *
 * Returns: %TRUE when @risk was checked and written in one transaction
 */
gboolean
mreza_plan_risk_save (MrezaStore     *store,
                      MrezaPlanRisk  *risk,
                      GError        **error)
{
  RiskWrite w = { store, risk };
  g_autofree char *problem = NULL;
  gboolean is_new;

  g_return_val_if_fail (MREZA_IS_STORE (store), FALSE);
  g_return_val_if_fail (risk != NULL && risk->activity_id != NULL, FALSE);

  problem = mreza_plan_risk_check (risk);
  if (problem != NULL)
    {
      g_set_error_literal (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_VALUE,
                           problem);
      return FALSE;
    }

  is_new = risk->id == NULL;
  if (is_new)
    risk->id = mreza_uuid_new_random ();
  if (!_mreza_sql_transaction (mreza_store_get_db (store), write_risk, &w,
                               error))
    {
      if (is_new)
        g_clear_pointer (&risk->id, g_free);
      return FALSE;
    }
  return TRUE;
}

static gboolean
delete_risk (sqlite3     *db,
             const char  *id,
             GError     **error)
{
  MrezaSqlVal vals[] = { T (id) };

  return _mreza_sql_write (db, "DELETE FROM risk WHERE id = ?1", vals, 1,
                           NULL, "Deleting the risk failed", error);
}

/**
 * mreza_plan_risk_delete:
 *
 * Returns: (transfer full) (nullable): what was deleted, for
 *   mreza_plan_risk_restore(), or %NULL on error
 */
MrezaPlanRisk *
mreza_plan_risk_delete (MrezaStore  *store,
                        const char  *id,
                        GError     **error)
{
  g_return_val_if_fail (MREZA_IS_STORE (store), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return _mreza_sql_delete_with_snapshot (mreza_store_get_db (store), id,
                                          (MrezaSqlLoad) mreza_plan_risk_load,
                                          delete_risk,
                                          (GDestroyNotify) mreza_plan_risk_free,
                                          error);
}

/**
 * mreza_plan_risk_restore:
 *
 * Returns: (transfer full) (nullable): the id of the risk, back as a
 *   new row
 */
char *
mreza_plan_risk_restore (MrezaStore           *store,
                         const MrezaPlanRisk  *snapshot,
                         GError              **error)
{
  g_autoptr(MrezaPlanRisk) risk = NULL;

  g_return_val_if_fail (MREZA_IS_STORE (store), NULL);
  g_return_val_if_fail (snapshot != NULL, NULL);

  risk = mreza_plan_risk_copy (snapshot);
  g_clear_pointer (&risk->id, g_free);
  if (!mreza_plan_risk_save (store, risk, error))
    return NULL;
  return g_steal_pointer (&risk->id);
}
