/* mreza-plan-outline.c: the coordinator's edits of goals and activities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A goal and an activity are one record here (MrezaPlanPart): a number
 * unique under the parent and a title; an activity also has the
 * deadline its tasks inherit, checked as a task's is. Like the rest of
 * the plan (mreza-plan-edit.c) they are checked field by field, saved in
 * one transaction, and restored after a delete as a new row.
 *
 * A goal or an activity with anything under it is not deleted: its
 * tasks carry the teams' progress, its indicators their values, and
 * joint actions and meetings name it; a cascade would take the teams'
 * work with it, and an Undo could not bring that back under new ids.
 * mreza_plan_part_why_not_delete() says what is still there.
 */
#define G_LOG_DOMAIN "mreza-plan-outline"

#include "config.h"

#include "mreza-plan-edit.h"
#include "mreza-plan-edit-private.h"

#include "mreza-json.h"
#include "mreza-store-private.h"
#include "mreza-util.h"

#include <glib/gi18n-lib.h>

#define T(s) MREZA_SQL_TEXT (s)
#define I(n) MREZA_SQL_INT (n)

/**
 * mreza_plan_part_new:
 * @kind: a goal or an activity
 * @parent_id: the plan a goal belongs to, or the goal of an activity
 *
 * Returns: (transfer full): an empty goal or activity, not yet saved
 */
MrezaPlanPart *
mreza_plan_part_new (MrezaPlanPartKind  kind,
                     const char        *parent_id)
{
  MrezaPlanPart *part = g_new0 (MrezaPlanPart, 1);

  part->kind = kind;
  part->parent_id = g_strdup (parent_id);
  return part;
}

MrezaPlanPart *
mreza_plan_part_copy (const MrezaPlanPart *part)
{
  MrezaPlanPart *copy;

  g_return_val_if_fail (part != NULL, NULL);

  copy = mreza_plan_part_new (part->kind, part->parent_id);
  copy->id = g_strdup (part->id);
  copy->number = part->number;
  copy->title = g_strdup (part->title);
  copy->deadline_text = g_strdup (part->deadline_text);
  copy->deadline_kind = g_strdup (part->deadline_kind);
  copy->deadline_from = g_strdup (part->deadline_from);
  copy->deadline_to = g_strdup (part->deadline_to);
  return copy;
}

void
mreza_plan_part_free (MrezaPlanPart *part)
{
  if (part == NULL)
    return;
  g_free (part->id);
  g_free (part->parent_id);
  g_free (part->title);
  g_free (part->deadline_text);
  g_free (part->deadline_kind);
  g_free (part->deadline_from);
  g_free (part->deadline_to);
  g_free (part);
}

/**
 * mreza_plan_part_equal:
 *
 * Returns: %TRUE when @a and @b state the same goal or activity (ids
 *   aside)
 */
gboolean
mreza_plan_part_equal (const MrezaPlanPart *a,
                       const MrezaPlanPart *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->kind == b->kind && a->number == b->number &&
         _mreza_form_text_equal (a->parent_id, b->parent_id) &&
         _mreza_form_text_equal (a->title, b->title) &&
         _mreza_form_text_equal (a->deadline_text, b->deadline_text) &&
         _mreza_form_text_equal (a->deadline_from, b->deadline_from) &&
         _mreza_form_text_equal (a->deadline_to, b->deadline_to);
}

/**
 * mreza_plan_part_check:
 * @part: a goal or an activity
 * @field: one of its fields; a goal's deadline is always fine
 *
 * Returns: (transfer full) (nullable): what is wrong with @field, as a
 *   translated sentence, or %NULL when it is fine
 */
char *
mreza_plan_part_check (const MrezaPlanPart *part,
                       MrezaPlanPartField   field)
{
  gboolean goal;

  g_return_val_if_fail (part != NULL, NULL);

  goal = part->kind == MREZA_PLAN_PART_GOAL;
  switch (field)
    {
    case MREZA_PLAN_PART_FIELD_NUMBER:
      if (part->number > 0)
        return NULL;
      return g_strdup (goal ? _("Give the goal a whole number above 0, "
                                "such as 6")
                            : _("Give the activity a whole number above 0, "
                                "such as 4"));
    case MREZA_PLAN_PART_FIELD_TITLE:
      if (!_mreza_form_text_is_blank (part->title))
        return NULL;
      return g_strdup (goal ? _("Say what the goal is")
                            : _("Say what the activity is"));
    case MREZA_PLAN_PART_FIELD_DEADLINE_FROM:
      return goal ? NULL : _mreza_form_check_date (part->deadline_from);
    case MREZA_PLAN_PART_FIELD_DEADLINE_TO:
      return goal ? NULL : _mreza_plan_check_deadline_to (part->deadline_from,
                                                          part->deadline_to);
    case MREZA_PLAN_PART_N_FIELDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * mreza_plan_part_validate:
 *
 * Returns: %TRUE when every field is fine; otherwise sets @error to the
 *   first problem (%MREZA_INPUT_ERROR_VALUE)
 */
gboolean
mreza_plan_part_validate (const MrezaPlanPart  *part,
                          GError              **error)
{
  g_return_val_if_fail (part != NULL, FALSE);

  if (part->parent_id == NULL)
    {
      g_set_error_literal (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_VALUE,
                           part->kind == MREZA_PLAN_PART_GOAL
                           ? _("This replica holds no action plan to add "
                               "the goal to.")
                           : _("The activity belongs to no goal"));
      return FALSE;
    }
  return _mreza_form_validate_fields (part, (MrezaFieldCheck) mreza_plan_part_check,
                                      MREZA_PLAN_PART_N_FIELDS, error);
}

/**
 * mreza_plan_dup_plan_id:
 * @db: a connection to the replica
 *
 * Returns: (transfer full) (nullable): the id of the replica's action
 *   plan (the first, should there be more), or %NULL when it has none
 */
char *
mreza_plan_dup_plan_id (sqlite3 *db)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (db != NULL, NULL);

  stmt = _mreza_sql_prepare (db, "SELECT id FROM plan ORDER BY rowid"
                             " LIMIT 1", NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return _mreza_sql_dup_text (stmt, 0);
}

/**
 * mreza_plan_part_next_number:
 * @db: a connection to the replica
 * @kind: a goal or an activity
 * @parent_id: the plan, or the goal
 *
 * Returns: the number a new goal of the plan or activity of the goal
 *   gets: one past the highest, or 1
 */
int
mreza_plan_part_next_number (sqlite3           *db,
                             MrezaPlanPartKind  kind,
                             const char        *parent_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (db != NULL, 1);

  if (parent_id == NULL)
    return 1;
  stmt = _mreza_sql_prepare_with_id (db, kind == MREZA_PLAN_PART_GOAL
                                     ? "SELECT coalesce (max (number), 0) + 1"
                                       " FROM goal WHERE plan_id = ?1"
                                     : "SELECT coalesce (max (number), 0) + 1"
                                       " FROM activity WHERE goal_id = ?1",
                                     parent_id, NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return 1;
  return sqlite3_column_int (stmt, 0);
}

static MrezaPlanPart *
load_goal (sqlite3     *db,
           const char  *id,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  MrezaPlanPart *goal;

  stmt = _mreza_sql_prepare_with_id (db, "SELECT id, plan_id, number, title"
                                     " FROM goal WHERE id = ?1", id, error);
  if (stmt == NULL ||
      !_mreza_sql_step_one (db, stmt,
                            _("This goal is no longer in the plan; it may "
                              "have been removed on another device."),
                            "Reading the goal failed", error))
    return NULL;

  goal = mreza_plan_part_new (MREZA_PLAN_PART_GOAL, _mreza_sql_text (stmt, 1));
  goal->id = _mreza_sql_dup_text (stmt, 0);
  goal->number = sqlite3_column_int (stmt, 2);
  goal->title = _mreza_sql_dup_text (stmt, 3);
  return goal;
}

static MrezaPlanPart *
load_activity (sqlite3     *db,
               const char  *id,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  MrezaPlanPart *activity;

  stmt = _mreza_sql_prepare_with_id (db, "SELECT id, goal_id, number, title,"
                                     " deadline_text, deadline_kind,"
                                     " deadline_from, deadline_to"
                                     " FROM activity WHERE id = ?1", id,
                                     error);
  if (stmt == NULL ||
      !_mreza_sql_step_one (db, stmt,
                            _("This activity is no longer in the plan; it "
                              "may have been removed on another device."),
                            "Reading the activity failed", error))
    return NULL;

  activity = mreza_plan_part_new (MREZA_PLAN_PART_ACTIVITY,
                                  _mreza_sql_text (stmt, 1));
  activity->id = _mreza_sql_dup_text (stmt, 0);
  activity->number = sqlite3_column_int (stmt, 2);
  activity->title = _mreza_sql_dup_text (stmt, 3);
  activity->deadline_text = _mreza_sql_dup_text (stmt, 4);
  activity->deadline_kind = _mreza_sql_dup_text (stmt, 5);
  activity->deadline_from = _mreza_sql_dup_text (stmt, 6);
  activity->deadline_to = _mreza_sql_dup_text (stmt, 7);
  return activity;
}

/**
 * mreza_plan_part_load:
 * @db: a connection to the replica
 * @kind: a goal or an activity
 * @id: its UUID
 *
 * Returns: (transfer full) (nullable): the goal or activity, or %NULL
 *   with %MREZA_STORE_ERROR_NOT_FOUND when there is none
 */
MrezaPlanPart *
mreza_plan_part_load (sqlite3            *db,
                      MrezaPlanPartKind   kind,
                      const char         *id,
                      GError            **error)
{
  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (kind == MREZA_PLAN_PART_GOAL)
    return load_goal (db, id, error);
  return load_activity (db, id, error);
}

/* Each thing that may hang on a goal or an activity, and what to tell
 * the coordinator when it does. */
typedef struct
{
  const char *sql;
  const char *why;
} Child;

static const Child goal_children[] = {
  { "SELECT EXISTS (SELECT 1 FROM activity WHERE goal_id = ?1)",
    N_("This goal still has activities. Delete them first, or keep "
       "the goal.") },
  { "SELECT EXISTS (SELECT 1 FROM meeting_agenda_item WHERE goal_id = ?1)",
    N_("A meeting’s agenda names this goal, and would lose the link.") },
};

static const Child activity_children[] = {
  { "SELECT EXISTS (SELECT 1 FROM task WHERE activity_id = ?1)"
    " OR EXISTS (SELECT 1 FROM indicator WHERE activity_id = ?1)"
    " OR EXISTS (SELECT 1 FROM budget_line WHERE activity_id = ?1)"
    " OR EXISTS (SELECT 1 FROM risk WHERE activity_id = ?1)",
    N_("This activity still has tasks, indicators, budget lines or "
       "risks. Delete them first, or keep the activity.") },
  { "SELECT EXISTS (SELECT 1 FROM joint_action WHERE activity_id = ?1)"
    " OR EXISTS (SELECT 1 FROM meeting_agenda_item WHERE activity_id = ?1)",
    N_("Joint actions or a meeting’s agenda name this activity, and "
       "would lose the link.") },
};

/**
 * mreza_plan_part_why_not_delete:
 * @db: a connection to the replica
 * @kind: a goal or an activity
 * @id: its UUID
 *
 * A goal or an activity is deleted only when nothing hangs on it: see
 * the top of this file.
 *
 * Returns: (nullable): why it may not be deleted, or %NULL
 */
const char *
mreza_plan_part_why_not_delete (sqlite3           *db,
                                MrezaPlanPartKind  kind,
                                const char        *id)
{
  const Child *children = kind == MREZA_PLAN_PART_GOAL ? goal_children
                                                       : activity_children;
  guint n = kind == MREZA_PLAN_PART_GOAL ? G_N_ELEMENTS (goal_children)
                                         : G_N_ELEMENTS (activity_children);

  g_return_val_if_fail (db != NULL && id != NULL, NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;

      stmt = _mreza_sql_prepare_with_id (db, children[i].sql, id, NULL);
      if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW ||
          sqlite3_column_int (stmt, 0) != 0)
        return _(children[i].why);
    }
  return NULL;
}

typedef struct
{
  MrezaStore          *store;
  const MrezaPlanPart *part;
} PartWrite;

static gboolean
write_goal (sqlite3   *db,
            gpointer   data,
            GError   **error)
{
  PartWrite *w = data;
  const MrezaPlanPart *g = w->part;
  g_autofree char *now = mreza_now_iso8601 ();
  g_autofree char *title = g_strstrip (g_strdup (g->title));
  MrezaSqlVal vals[] = { T (g->id), T (now),
                         T (mreza_store_get_device_id (w->store)),
                         T (g->parent_id), I (g->number), T (title) };

  return _mreza_sql_write (db, "INSERT INTO goal (id, created_at,"
                           " modified_at, modified_by, plan_id, number, title)"
                           " VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6)"
                           " ON CONFLICT (id) DO UPDATE SET"
                           " modified_at = excluded.modified_at,"
                           " modified_by = excluded.modified_by,"
                           " number = excluded.number, title = excluded.title",
                           vals, G_N_ELEMENTS (vals),
                           _("Another goal of the plan has this number. "
                             "Choose another number and save."),
                           "Saving the goal failed", error);
}

static gboolean
write_activity (sqlite3   *db,
                gpointer   data,
                GError   **error)
{
  PartWrite *w = data;
  const MrezaPlanPart *a = w->part;
  g_autofree char *now = mreza_now_iso8601 ();
  g_autofree char *title = g_strstrip (g_strdup (a->title));
  MrezaSqlVal vals[] = { T (a->id), T (now),
                         T (mreza_store_get_device_id (w->store)),
                         T (a->parent_id), I (a->number), T (title),
                         T (a->deadline_text),
                         T (_mreza_plan_deadline_kind (a->deadline_from,
                                                       a->deadline_to,
                                                       a->deadline_kind)),
                         T (a->deadline_from), T (a->deadline_to) };

  return _mreza_sql_write (db, "INSERT INTO activity (id, created_at,"
                           " modified_at, modified_by, goal_id, number, title,"
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
                           _("Another activity of this goal has this number, "
                             "or the goal is no longer in the replica. "
                             "Choose another number and save."),
                           "Saving the activity failed", error);
}

/**
 * mreza_plan_part_save:
 * @store: the replica
 * @part: the goal or activity; a new one (no id) is given one
 * @error: return location for a #GError
 *
 * Validates @part, then writes it in one transaction. What is under it
 * is not touched.
 *
 * Returns: %TRUE on success
 */
gboolean
mreza_plan_part_save (MrezaStore     *store,
                      MrezaPlanPart  *part,
                      GError        **error)
{
  PartWrite w = { store, part };

  g_return_val_if_fail (MREZA_IS_STORE (store), FALSE);
  g_return_val_if_fail (part != NULL, FALSE);

  if (!mreza_plan_part_validate (part, error))
    return FALSE;
  return _mreza_sql_save_record (mreza_store_get_db (store), &part->id,
                                 part->kind == MREZA_PLAN_PART_GOAL
                                 ? write_goal : write_activity,
                                 &w, error);
}

static gboolean
delete_part (sqlite3            *db,
             MrezaPlanPartKind   kind,
             const char         *id,
             GError            **error)
{
  MrezaSqlVal vals[] = { T (id) };
  const char *why = mreza_plan_part_why_not_delete (db, kind, id);

  if (why != NULL)
    {
      g_set_error_literal (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_VALUE,
                           why);
      return FALSE;
    }
  return _mreza_sql_write (db, kind == MREZA_PLAN_PART_GOAL
                           ? "DELETE FROM goal WHERE id = ?1"
                           : "DELETE FROM activity WHERE id = ?1", vals, 1,
                           NULL, "Deleting a part of the plan failed", error);
}

static gboolean
delete_goal (sqlite3     *db,
             const char  *id,
             GError     **error)
{
  return delete_part (db, MREZA_PLAN_PART_GOAL, id, error);
}

static gboolean
delete_activity (sqlite3     *db,
                 const char  *id,
                 GError     **error)
{
  return delete_part (db, MREZA_PLAN_PART_ACTIVITY, id, error);
}

/**
 * mreza_plan_part_delete:
 * @store: the replica
 * @kind: a goal or an activity
 * @id: its UUID
 * @error: return location for a #GError
 *
 * Deletes a goal or an activity nothing hangs on
 * (mreza_plan_part_why_not_delete()); otherwise fails with
 * %MREZA_INPUT_ERROR_VALUE and the reason, writing nothing.
 *
 * Returns: (transfer full) (nullable): what was deleted, for
 *   mreza_plan_part_restore(), or %NULL on error
 */
MrezaPlanPart *
mreza_plan_part_delete (MrezaStore         *store,
                        MrezaPlanPartKind   kind,
                        const char         *id,
                        GError            **error)
{
  g_return_val_if_fail (MREZA_IS_STORE (store), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return _mreza_sql_delete_with_snapshot (mreza_store_get_db (store), id,
                                          kind == MREZA_PLAN_PART_GOAL
                                          ? (MrezaSqlLoad) load_goal
                                          : (MrezaSqlLoad) load_activity,
                                          kind == MREZA_PLAN_PART_GOAL
                                          ? delete_goal : delete_activity,
                                          (GDestroyNotify) mreza_plan_part_free,
                                          error);
}

/**
 * mreza_plan_part_restore:
 * @store: the replica
 * @snapshot: what mreza_plan_part_delete() returned
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the id of the goal or activity,
 *   back as a new row
 */
char *
mreza_plan_part_restore (MrezaStore           *store,
                         const MrezaPlanPart  *snapshot,
                         GError              **error)
{
  g_autoptr(MrezaPlanPart) part = NULL;

  g_return_val_if_fail (MREZA_IS_STORE (store), NULL);
  g_return_val_if_fail (snapshot != NULL, NULL);

  part = mreza_plan_part_copy (snapshot);
  g_clear_pointer (&part->id, g_free);
  if (!mreza_plan_part_save (store, part, error))
    return NULL;
  return g_steal_pointer (&part->id);
}
