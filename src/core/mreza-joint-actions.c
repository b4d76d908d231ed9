/* mreza-joint-actions.c: creating, editing and deleting a joint action
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A joint action is one row of joint_action and its links to the
 * institutions that took part and the indicators it counts towards.
 * Each write here is one transaction on the store's connection, so the
 * UI thread may call these: they touch a handful of rows. The sync
 * triggers capture every statement, so an ordinary INSERT, UPDATE or
 * DELETE is the synced edit.
 */
#define G_LOG_DOMAIN "mreza-joint-actions"

#include "config.h"

#include "mreza-joint-actions.h"

#include "mreza-json.h"
#include "mreza-store-private.h"
#include "mreza-util.h"

#include <glib/gi18n-lib.h>
#include <string.h>

static const char * const kinds[] = {
  "training", "campaign", "meeting", "joint_preventive_action", "other",
  NULL,
};

/**
 * mreza_joint_action_kinds:
 *
 * Returns: (transfer none): the kinds a joint action may have, in the
 *   order a form offers them
 */
const char * const *
mreza_joint_action_kinds (void)
{
  return kinds;
}

MrezaJointAction *
mreza_joint_action_new (void)
{
  MrezaJointAction *action = g_new0 (MrezaJointAction, 1);

  action->institution_ids = g_ptr_array_new_with_free_func (g_free);
  action->indicator_ids = g_ptr_array_new_with_free_func (g_free);
  return action;
}

void
mreza_joint_action_free (MrezaJointAction *action)
{
  if (action == NULL)
    return;

  g_free (action->id);
  g_free (action->date);
  g_free (action->kind);
  g_free (action->title);
  g_free (action->place);
  g_free (action->team_id);
  g_free (action->activity_id);
  g_ptr_array_unref (action->institution_ids);
  g_ptr_array_unref (action->indicator_ids);
  g_free (action->note);
  g_free (action);
}

static void
copy_ids (GPtrArray       *to,
          const GPtrArray *from)
{
  for (guint i = 0; i < from->len; i++)
    g_ptr_array_add (to, g_strdup (g_ptr_array_index (from, i)));
}

MrezaJointAction *
mreza_joint_action_copy (const MrezaJointAction *action)
{
  MrezaJointAction *copy;

  g_return_val_if_fail (action != NULL, NULL);

  copy = mreza_joint_action_new ();
  copy->id = g_strdup (action->id);
  copy->date = g_strdup (action->date);
  copy->kind = g_strdup (action->kind);
  copy->title = g_strdup (action->title);
  copy->place = g_strdup (action->place);
  copy->team_id = g_strdup (action->team_id);
  copy->activity_id = g_strdup (action->activity_id);
  copy_ids (copy->institution_ids, action->institution_ids);
  copy_ids (copy->indicator_ids, action->indicator_ids);
  copy->women = action->women;
  copy->men = action->men;
  copy->girls = action->girls;
  copy->boys = action->boys;
  copy->note = g_strdup (action->note);
  return copy;
}

static gboolean
ids_equal (const GPtrArray *a,
           const GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (g_strcmp0 (g_ptr_array_index (a, i), g_ptr_array_index (b, i)) != 0)
      return FALSE;
  return TRUE;
}

/**
 * mreza_joint_action_equal:
 *
 * Returns: %TRUE when @a and @b have the same fields (their ids aside),
 *   so that a form knows whether anything was changed
 */
gboolean
mreza_joint_action_equal (const MrezaJointAction *a,
                          const MrezaJointAction *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return _mreza_form_text_equal (a->date, b->date) &&
         _mreza_form_text_equal (a->kind, b->kind) &&
         _mreza_form_text_equal (a->title, b->title) &&
         _mreza_form_text_equal (a->place, b->place) &&
         _mreza_form_text_equal (a->team_id, b->team_id) &&
         _mreza_form_text_equal (a->activity_id, b->activity_id) &&
         ids_equal (a->institution_ids, b->institution_ids) &&
         ids_equal (a->indicator_ids, b->indicator_ids) &&
         a->women == b->women && a->men == b->men &&
         a->girls == b->girls && a->boys == b->boys &&
         _mreza_form_text_equal (a->note, b->note);
}

static char *
check_date (const char *date)
{
  if (date == NULL || *date == '\0')
    return g_strdup (_("Enter the date, for example 2024-03-15"));
  return _mreza_form_check_date (date);
}

static char *
check_count (gint64 count)
{
  if (count < 0)
    return g_strdup (_("A number of people cannot be negative"));
  if (count > MREZA_JOINT_ACTION_MAX_COUNT)
    /* Translators: %d is a large number, 100000 */
    return g_strdup_printf (_("More than %d people is not likely; check the number"),
                            MREZA_JOINT_ACTION_MAX_COUNT);
  return NULL;
}

/**
 * mreza_joint_action_check:
 * @action: a joint action
 * @field: one of its fields
 *
 * Checks one field, so that a form can say what is wrong beside it.
 *
 * Returns: (transfer full) (nullable): what is wrong with @field, as a
 *   translated sentence, or %NULL when it is fine
 */
char *
mreza_joint_action_check (const MrezaJointAction *action,
                          MrezaJointActionField   field)
{
  g_return_val_if_fail (action != NULL, NULL);

  switch (field)
    {
    case MREZA_JOINT_ACTION_FIELD_DATE:
      return check_date (action->date);
    case MREZA_JOINT_ACTION_FIELD_KIND:
      if (action->kind == NULL || !g_strv_contains (kinds, action->kind))
        return g_strdup (_("Choose what kind of action it was"));
      return NULL;
    case MREZA_JOINT_ACTION_FIELD_TITLE:
      if (_mreza_form_text_is_blank (action->title))
        return g_strdup (_("Give the joint action a title"));
      return NULL;
    case MREZA_JOINT_ACTION_FIELD_TEAM:
      if (action->team_id == NULL || *action->team_id == '\0')
        return g_strdup (_("Choose the team that held it"));
      return NULL;
    case MREZA_JOINT_ACTION_FIELD_WOMEN:
      return check_count (action->women);
    case MREZA_JOINT_ACTION_FIELD_MEN:
      return check_count (action->men);
    case MREZA_JOINT_ACTION_FIELD_GIRLS:
      return check_count (action->girls);
    case MREZA_JOINT_ACTION_FIELD_BOYS:
      return check_count (action->boys);
    case MREZA_JOINT_ACTION_N_FIELDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * mreza_joint_action_validate:
 *
 * Returns: %TRUE when every field is fine; otherwise sets @error to the
 *   first problem (%MREZA_INPUT_ERROR_VALUE)
 */
gboolean
mreza_joint_action_validate (const MrezaJointAction  *action,
                             GError                 **error)
{
  g_return_val_if_fail (action != NULL, FALSE);

  for (guint f = 0; f < MREZA_JOINT_ACTION_N_FIELDS; f++)
    {
      g_autofree char *problem = mreza_joint_action_check (action, f);

      if (problem != NULL)
        {
          g_set_error_literal (error, MREZA_INPUT_ERROR,
                               MREZA_INPUT_ERROR_VALUE, problem);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
load_links (sqlite3     *db,
            const char  *table,
            const char  *column,
            const char  *id,
            GPtrArray   *ids,
            GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s WHERE"
                                          " joint_action_id = ?1 ORDER BY rowid",
                                          column, table);
  g_autoptr(sqlite3_stmt) stmt = _mreza_sql_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, _mreza_sql_dup_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      _mreza_sql_set_error (db, rc, error, "Reading the links failed");
      return FALSE;
    }
  return TRUE;
}

/**
 * mreza_joint_action_load:
 * @db: a connection to the replica
 * @id: the joint action's UUID
 *
 * Returns: (transfer full) (nullable): the joint action, or %NULL with
 *   %MREZA_STORE_ERROR_NOT_FOUND when there is none with @id
 */
MrezaJointAction *
mreza_joint_action_load (sqlite3     *db,
                         const char  *id,
                         GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(MrezaJointAction) action = NULL;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = _mreza_sql_prepare (db, "SELECT id, date, kind, title, place,"
                             " team_id, activity_id, women, men, girls,"
                             " boys, note FROM joint_action WHERE id = ?1",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (!_mreza_sql_step_one (db, stmt,
                            _("This joint action is no longer in the replica; "
                              "it may have been deleted on another device."),
                            "Reading the joint action failed", error))
    return NULL;

  action = mreza_joint_action_new ();
  action->id = _mreza_sql_dup_text (stmt, 0);
  action->date = _mreza_sql_dup_text (stmt, 1);
  action->kind = _mreza_sql_dup_text (stmt, 2);
  action->title = _mreza_sql_dup_text (stmt, 3);
  action->place = _mreza_sql_dup_text (stmt, 4);
  action->team_id = _mreza_sql_dup_text (stmt, 5);
  action->activity_id = _mreza_sql_dup_text (stmt, 6);
  action->women = sqlite3_column_int64 (stmt, 7);
  action->men = sqlite3_column_int64 (stmt, 8);
  action->girls = sqlite3_column_int64 (stmt, 9);
  action->boys = sqlite3_column_int64 (stmt, 10);
  action->note = _mreza_sql_dup_text (stmt, 11);

  if (!load_links (db, "joint_action_institution", "institution_id", id,
                   action->institution_ids, error) ||
      !load_links (db, "joint_action_indicator", "indicator_id", id,
                   action->indicator_ids, error))
    return NULL;

  return g_steal_pointer (&action);
}

#define T(s) MREZA_SQL_TEXT (s)
#define I(n) MREZA_SQL_INT (n)

/* A reference to a row that is not there (an institution deleted on
 * another device meanwhile) is the one failure a person can act on. */
static gboolean
write_sql (sqlite3            *db,
           const char         *sql,
           const MrezaSqlVal  *vals,
           guint               n_vals,
           GError            **error)
{
  return _mreza_sql_write (db, sql, vals, n_vals,
                           _("The joint action names a team, institution, activity or indicator that is no longer in the replica. Choose again and save."),
                           "Saving the joint action failed", error);
}

static gboolean
upsert_row (MrezaStore              *store,
            const MrezaJointAction  *action,
            const char              *now,
            GError                 **error)
{
  g_autofree char *title = g_strstrip (g_strdup (action->title));
  MrezaSqlVal vals[] = {
    T (action->id), T (now), T (mreza_store_get_device_id (store)),
    T (action->team_id), T (action->date), T (action->kind), T (title),
    T (action->place), T (action->activity_id), I (action->women),
    I (action->men), I (action->girls), I (action->boys), T (action->note),
  };

  return write_sql (mreza_store_get_db (store),
    "INSERT INTO joint_action (id, created_at, modified_at, modified_by,"
    " team_id, date, kind, title, place, activity_id, women, men, girls,"
    " boys, note) VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
    " ?11, ?12, ?13, ?14)"
    " ON CONFLICT (id) DO UPDATE SET modified_at = excluded.modified_at,"
    " modified_by = excluded.modified_by, team_id = excluded.team_id,"
    " date = excluded.date, kind = excluded.kind, title = excluded.title,"
    " place = excluded.place, activity_id = excluded.activity_id,"
    " women = excluded.women, men = excluded.men, girls = excluded.girls,"
    " boys = excluded.boys, note = excluded.note",
    vals, G_N_ELEMENTS (vals), error);
}

static gboolean
ids_contain (const GPtrArray *ids,
             const char      *id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (ids, i), id) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
delete_link (sqlite3     *db,
             const char  *table,
             const char  *column,
             const char  *action_id,
             const char  *id,
             GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE"
                                          " joint_action_id = ?1 AND %s = ?2",
                                          table, column);
  MrezaSqlVal vals[] = { T (action_id), T (id) };

  return write_sql (db, sql, vals, G_N_ELEMENTS (vals), error);
}

static gboolean
insert_link (MrezaStore  *store,
             const char  *table,
             const char  *column,
             const char  *action_id,
             const char  *id,
             const char  *now,
             GError     **error)
{
  g_autofree char *uuid = mreza_uuid_new_random ();
  g_autofree char *sql = g_strdup_printf ("INSERT INTO %s (id, created_at,"
                                          " modified_at, modified_by,"
                                          " joint_action_id, %s) VALUES"
                                          " (?1, ?2, ?2, ?3, ?4, ?5)",
                                          table, column);
  MrezaSqlVal vals[] = {
    T (uuid), T (now), T (mreza_store_get_device_id (store)), T (action_id),
    T (id),
  };

  return write_sql (mreza_store_get_db (store), sql, vals,
                    G_N_ELEMENTS (vals), error);
}

/* Links that stay are left alone and only the difference is written:
 * deleting and re-inserting every link on each save would send a
 * tombstone and a new row per link to every device, and a tombstone
 * wins over a concurrent edit. */
static gboolean
replace_links (MrezaStore       *store,
               const char       *table,
               const char       *column,
               const char       *action_id,
               const GPtrArray  *ids,
               const char       *now,
               GError          **error)
{
  sqlite3 *db = mreza_store_get_db (store);
  g_autoptr(GPtrArray) old = g_ptr_array_new_with_free_func (g_free);

  if (!load_links (db, table, column, action_id, old, error))
    return FALSE;

  for (guint i = 0; i < old->len; i++)
    if (!ids_contain (ids, g_ptr_array_index (old, i)) &&
        !delete_link (db, table, column, action_id,
                      g_ptr_array_index (old, i), error))
      return FALSE;

  for (guint i = 0; i < ids->len; i++)
    if (!ids_contain (old, g_ptr_array_index (ids, i)) &&
        !insert_link (store, table, column, action_id,
                      g_ptr_array_index (ids, i), now, error))
      return FALSE;

  return TRUE;
}

typedef struct
{
  MrezaStore             *store;
  const MrezaJointAction *action;
} ActionWrite;

static gboolean
write_action (sqlite3   *db,
              gpointer   data,
              GError   **error)
{
  ActionWrite *w = data;
  MrezaStore *store = w->store;
  const MrezaJointAction *action = w->action;
  g_autofree char *now = mreza_now_iso8601 ();

  return upsert_row (store, action, now, error) &&
         replace_links (store, "joint_action_institution", "institution_id",
                        action->id, action->institution_ids, now, error) &&
         replace_links (store, "joint_action_indicator", "indicator_id",
                        action->id, action->indicator_ids, now, error);
}

/**
 * mreza_joint_action_save:
 * @store: the replica
 * @action: the joint action; a new one (no id) is given one
 * @error: return location for a #GError
 *
 * Validates @action, then writes the row and its links in one
 * transaction: either all of it is saved or nothing is.
 *
 * Returns: %TRUE on success
 */
gboolean
mreza_joint_action_save (MrezaStore        *store,
                         MrezaJointAction  *action,
                         GError           **error)
{
  ActionWrite w = { store, action };
  g_autofree char *new_id = NULL;

  g_return_val_if_fail (MREZA_IS_STORE (store), FALSE);
  g_return_val_if_fail (action != NULL, FALSE);

  if (!mreza_joint_action_validate (action, error))
    return FALSE;

  if (action->id == NULL)
    action->id = new_id = mreza_uuid_new_random ();

  if (!_mreza_sql_transaction (mreza_store_get_db (store), write_action, &w,
                               error))
    {
      /* A new action that was not saved stays new. */
      if (new_id != NULL)
        action->id = NULL;
      return FALSE;
    }

  g_steal_pointer (&new_id);
  return TRUE;
}

static gboolean
delete_row (sqlite3     *db,
            const char  *id,
            GError     **error)
{
  /* The links go first and by name, rather than by ON DELETE CASCADE,
   * so that each gets its own captured tombstone whatever the
   * replica's foreign_keys setting. */
  static const char * const sql[] = {
    "DELETE FROM joint_action_institution WHERE joint_action_id = ?1",
    "DELETE FROM joint_action_indicator WHERE joint_action_id = ?1",
    "DELETE FROM joint_action WHERE id = ?1",
  };

  MrezaSqlVal vals[] = { T (id) };

  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    if (!_mreza_sql_write (db, sql[i], vals, G_N_ELEMENTS (vals), NULL,
                           "Deleting the joint action failed", error))
      return FALSE;
  return TRUE;
}

/**
 * mreza_joint_action_delete:
 * @store: the replica
 * @id: the joint action's UUID
 * @error: return location for a #GError
 *
 * Deletes the joint action and its links in one transaction.
 *
 * Returns: (transfer full) (nullable): what was deleted, for
 *   mreza_joint_action_restore(), or %NULL on error
 */
MrezaJointAction *
mreza_joint_action_delete (MrezaStore  *store,
                           const char  *id,
                           GError     **error)
{
  g_return_val_if_fail (MREZA_IS_STORE (store), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return _mreza_sql_delete_with_snapshot (mreza_store_get_db (store), id,
                                          (MrezaSqlLoad) mreza_joint_action_load,
                                          delete_row,
                                          (GDestroyNotify) mreza_joint_action_free,
                                          error);
}

/**
 * mreza_joint_action_restore:
 * @store: the replica
 * @snapshot: what mreza_joint_action_delete() returned
 * @error: return location for a #GError
 *
 * Brings a deleted joint action back, as a new row with new links.
 * It cannot take its old id: the delete may already have reached the
 * coordinator, and a tombstone wins over every later write of the same
 * row (DESIGN.md, "Changes").
 *
 * Returns: (transfer full) (nullable): the restored joint action's id
 */
char *
mreza_joint_action_restore (MrezaStore              *store,
                            const MrezaJointAction  *snapshot,
                            GError                 **error)
{
  g_autoptr(MrezaJointAction) action = NULL;

  g_return_val_if_fail (MREZA_IS_STORE (store), NULL);
  g_return_val_if_fail (snapshot != NULL, NULL);

  action = mreza_joint_action_copy (snapshot);
  g_clear_pointer (&action->id, g_free);
  if (!mreza_joint_action_save (store, action, error))
    return NULL;

  return g_steal_pointer (&action->id);
}

void
mreza_choice_free (MrezaChoice *choice)
{
  if (choice == NULL)
    return;

  g_free (choice->id);
  g_free (choice->label);
  g_free (choice);
}

static GPtrArray *
list_choices (sqlite3     *db,
              const char  *sql,
              GError     **error)
{
  return _mreza_sql_list_choices (db, sql, NULL, "Reading the choices failed",
                                  error);
}

/**
 * mreza_joint_action_list_teams:
 *
 * Returns: (transfer full) (element-type MrezaChoice): the local teams,
 *   by name, labelled with their name
 */
GPtrArray *
mreza_joint_action_list_teams (sqlite3  *db,
                               GError  **error)
{
  g_return_val_if_fail (db != NULL, NULL);

  return list_choices (db, "SELECT id, name FROM team ORDER BY name, id",
                       error);
}

/**
 * mreza_joint_action_list_activities:
 *
 * Returns: (transfer full) (element-type MrezaChoice): the plan's
 *   activities in the plan's order, labelled "1.1 Title"
 */
GPtrArray *
mreza_joint_action_list_activities (sqlite3  *db,
                                    GError  **error)
{
  g_return_val_if_fail (db != NULL, NULL);

  return list_choices (db, "SELECT a.id, g.number || '.' || a.number || ' '"
                       " || a.title FROM activity a JOIN goal g"
                       " ON g.id = a.goal_id ORDER BY g.number, a.number",
                       error);
}

/**
 * mreza_joint_action_list_institutions:
 *
 * Returns: (transfer full) (element-type MrezaChoice): the institutions
 *   that took part in a joint action, by name, labelled with their
 *   short name or name
 */
GPtrArray *
mreza_joint_action_list_institutions (sqlite3  *db,
                                      GError  **error)
{
  g_return_val_if_fail (db != NULL, NULL);

  /* The linked institutions one at a time, each the next in the links'
   * institution index (a "loose index scan"): as many probes as there
   * are institutions in the links. Both plain forms read a table
   * whole on the UI thread when the list opens: "id IN (SELECT …)"
   * every link (millions on a large replica), "EXISTS" every
   * institution of the directory. */
  return list_choices (db, "WITH RECURSIVE linked (id) AS ("
                       " SELECT min (institution_id)"
                       "  FROM joint_action_institution"
                       " UNION ALL"
                       " SELECT (SELECT min (institution_id)"
                       "  FROM joint_action_institution"
                       "  WHERE institution_id > linked.id)"
                       " FROM linked WHERE linked.id IS NOT NULL)"
                       " SELECT i.id, coalesce (i.short_name, i.name)"
                       " FROM linked JOIN institution i ON i.id = linked.id"
                       " ORDER BY 2 COLLATE mreza, i.id",
                       error);
}

/**
 * mreza_joint_action_get_years:
 * @first: (out): the year of the first joint action
 * @last: (out): the year of the last one
 *
 * Reads the years the joint actions span: two lookups in the date
 * index, however many there are.
 *
 * Returns: %TRUE if there is a joint action; %FALSE with @error unset
 *   if there is none
 */
gboolean
mreza_joint_action_get_years (sqlite3  *db,
                              int      *first,
                              int      *last,
                              GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean found = FALSE;
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (first != NULL && last != NULL, FALSE);

  *first = *last = 0;
  /* Two subqueries: min () and max () in one SELECT make SQLite scan
   * the table instead of reading each end of the date index. */
  stmt = _mreza_sql_prepare (db, "SELECT CAST (substr ((SELECT min (date)"
                             " FROM joint_action), 1, 4) AS INTEGER),"
                             " CAST (substr ((SELECT max (date)"
                             " FROM joint_action), 1, 4) AS INTEGER)", error);
  if (stmt == NULL)
    return FALSE;

  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW &&
      sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      *first = sqlite3_column_int (stmt, 0);
      *last = sqlite3_column_int (stmt, 1);
      found = TRUE;
    }
  else if (rc != SQLITE_ROW)
    _mreza_sql_set_error (db, rc, error, "Cannot read the joint actions");

  return found;
}

/**
 * mreza_joint_action_find_institutions:
 * @db: a connection to the replica
 * @team_id: (nullable): the team whose members come without a search
 * @text: (nullable): what the person typed, or %NULL
 * @limit: the most answers
 *
 * The institutions a form offers as participants: without @text, the
 * members of @team_id; with it, any institution of the directory whose
 * name, short name or town has words starting with those of @text
 * (through the search index, so a directory of any size answers at
 * once).
 *
 * Returns: (transfer full) (element-type MrezaChoice): the
 *   institutions, labelled with their short name or name
 */
GPtrArray *
mreza_joint_action_find_institutions (sqlite3     *db,
                                      const char  *team_id,
                                      const char  *text,
                                      guint        limit,
                                      GError     **error)
{
  g_autofree char *query = NULL;
  GPtrArray *choices;
  char *sql;

  g_return_val_if_fail (db != NULL, NULL);

  if (text != NULL)
    query = mreza_search_build_query (text);

  if (query == NULL)
    {
      if (team_id == NULL)
        return g_ptr_array_new_with_free_func ((GDestroyNotify) mreza_choice_free);
      /* Quoted for SQL by sqlite3_mprintf's %Q. */
      sql = sqlite3_mprintf ("SELECT i.id, coalesce (i.short_name, i.name)"
                             " FROM team_member m JOIN institution i"
                             " ON i.id = m.institution_id WHERE m.team_id = %Q"
                             " ORDER BY 2 COLLATE mreza, i.id LIMIT %u",
                             team_id, limit);
    }
  else
    sql = sqlite3_mprintf ("SELECT i.id, coalesce (i.short_name, i.name)"
                           " FROM search s JOIN search_doc d ON d.rid = s.rowid"
                           " JOIN institution i ON i.id = d.ref"
                           " WHERE search MATCH %Q AND d.kind = 'institution'"
                           " LIMIT %u", query, limit);
  choices = list_choices (db, sql, error);
  sqlite3_free (sql);
  return choices;
}

/**
 * mreza_joint_action_list_indicators:
 * @db: a connection to the replica
 * @activity_id: (nullable): the linked activity, whose indicators come
 *   first
 *
 * Returns: (transfer full) (element-type MrezaChoice): the plan's
 *   indicators labelled "1.2.3 Text", those of @activity_id first, then
 *   the others in the plan's order
 */
GPtrArray *
mreza_joint_action_list_indicators (sqlite3     *db,
                                    const char  *activity_id,
                                    GError     **error)
{
  GPtrArray *choices;
  char *sql;

  g_return_val_if_fail (db != NULL, NULL);

  sql = sqlite3_mprintf ("SELECT i.id, g.number || '.' || a.number || '.' ||"
                         " i.number || ' ' || i.text FROM indicator i"
                         " JOIN activity a ON a.id = i.activity_id"
                         " JOIN goal g ON g.id = a.goal_id"
                         " ORDER BY a.id IS NOT %Q, g.number, a.number,"
                         " i.number", activity_id);
  choices = list_choices (db, sql, error);
  sqlite3_free (sql);
  return choices;
}

/**
 * mreza_joint_action_dup_label:
 * @db: a connection to the replica
 * @table: "institution" or "indicator"
 * @id: the row's UUID
 *
 * Returns: (transfer full) (nullable): the label a form shows for a
 *   chosen institution or indicator, as in the lists above
 */
char *
mreza_joint_action_dup_label (sqlite3    *db,
                              const char *table,
                              const char *id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *sql;

  g_return_val_if_fail (db != NULL && table != NULL, NULL);

  if (g_str_equal (table, "institution"))
    sql = "SELECT coalesce (short_name, name) FROM institution WHERE id = ?1";
  else if (g_str_equal (table, "indicator"))
    sql = "SELECT g.number || '.' || a.number || '.' || i.number || ' ' ||"
          " i.text FROM indicator i JOIN activity a ON a.id = i.activity_id"
          " JOIN goal g ON g.id = a.goal_id WHERE i.id = ?1";
  else
    g_return_val_if_reached (NULL);

  if ((stmt = _mreza_sql_prepare (db, sql, NULL)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return _mreza_sql_dup_text (stmt, 0);
}
