/* mreza-conflicts.c: the values sync kept aside, for a person to decide
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * When two devices changed one field concurrently, sync keeps the value
 * with the higher HLC in the row and the other in sync_conflict. A
 * person then either accepts what was kept (the conflict is marked
 * resolved, nothing else changes) or uses the other value: an ordinary
 * edit of the field, captured by the triggers and synced like any
 * other, in the same transaction that marks the conflict resolved.
 *
 * Table and column names come from sync_conflict, which only sync
 * writes; they are still checked against mreza-schema.c before they
 * end up in SQL.
 */
#define G_LOG_DOMAIN "mreza-conflicts"

#include "config.h"

#include "mreza-conflicts.h"

#include "mreza-schema.h"
#include "mreza-store-private.h"
#include "mreza-sync.h"
#include "mreza-util.h"

#include <glib/gi18n-lib.h>
#include <string.h>

void
mreza_conflict_free (MrezaConflict *conflict)
{
  if (conflict == NULL)
    return;

  g_free (conflict->table);
  g_free (conflict->row_id);
  g_free (conflict->column);
  g_free (conflict->row_title);
  g_free (conflict->kept_value);
  g_free (conflict->kept_hlc);
  g_free (conflict->lost_value);
  g_free (conflict->lost_hlc);
  g_free (conflict->detected_at);
  g_free (conflict);
}

/* The column that names a row, where the table has one. */
static const char *
title_column (const MrezaTableInfo *table)
{
  static const char *candidates[] = { "title", "name", "text", "period" };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (mreza_schema_find_column (table, candidates[i]) != NULL)
      return candidates[i];

  return NULL;
}

static char *
read_row_title (sqlite3    *db,
                const char *table_name,
                const char *row_id)
{
  const MrezaTableInfo *table = mreza_schema_find_table (table_name);
  const char *col = table ? title_column (table) : NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;

  if (col == NULL)
    return NULL;

  sql = g_strdup_printf ("SELECT %s FROM %s WHERE id = ?1", col, table->name);
  stmt = _mreza_sql_prepare (db, sql, NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, row_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW ||
      sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return NULL;

  return g_strdup (_mreza_sql_text (stmt, 0));
}

/**
 * mreza_conflicts_dup_row_title:
 * @store: a replica
 * @table: a table of the schema
 * @row_id: a row's UUID
 *
 * Returns: (transfer full) (nullable): what a person calls the row (its
 *   title, name or text), or %NULL when it has none or is not there
 */
char *
mreza_conflicts_dup_row_title (MrezaStore *store,
                               const char *table,
                               const char *row_id)
{
  g_return_val_if_fail (MREZA_IS_STORE (store), NULL);

  return read_row_title (mreza_store_get_db (store), table, row_id);
}

static char *
dup_value (sqlite3_stmt *stmt,
           int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;

  return g_strdup (_mreza_sql_text (stmt, column));
}

/**
 * mreza_conflicts_list_open:
 * @store: a replica
 * @error: return location for a #GError
 *
 * The conflicts nobody has decided yet, newest first. There are few (a
 * handful after a sync at most), so they are read at once.
 *
 * Returns: (transfer full) (element-type MrezaConflict): the conflicts
 */
GPtrArray *
mreza_conflicts_list_open (MrezaStore  *store,
                           GError     **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (MREZA_IS_STORE (store), NULL);

  db = mreza_store_get_db (store);
  stmt = _mreza_sql_prepare (db, "SELECT id, tbl, row_id, col, kept_value,"
                                 " kept_hlc, lost_value, lost_hlc, detected_at"
                                 " FROM sync_conflict WHERE resolved_at IS NULL"
                                 " ORDER BY detected_at DESC, id DESC", error);
  if (stmt == NULL)
    return NULL;

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) mreza_conflict_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MrezaConflict *c = g_new0 (MrezaConflict, 1);

      c->id = sqlite3_column_int64 (stmt, 0);
      c->table = g_strdup (_mreza_sql_text (stmt, 1));
      c->row_id = g_strdup (_mreza_sql_text (stmt, 2));
      c->column = g_strdup (_mreza_sql_text (stmt, 3));
      c->kept_value = dup_value (stmt, 4);
      c->kept_hlc = g_strdup (_mreza_sql_text (stmt, 5));
      c->lost_value = dup_value (stmt, 6);
      c->lost_hlc = g_strdup (_mreza_sql_text (stmt, 7));
      c->detected_at = g_strdup (_mreza_sql_text (stmt, 8));
      c->row_title = read_row_title (db, c->table, c->row_id);
      g_ptr_array_add (list, c);
    }

  if (rc != SQLITE_DONE)
    {
      _mreza_sql_set_error (db, rc, error, "Cannot read the conflicts");
      return NULL;
    }

  return g_steal_pointer (&list);
}

static gboolean
mark_resolved (sqlite3     *db,
               gint64       id,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = mreza_now_iso8601 ();

  stmt = _mreza_sql_prepare (db, "UPDATE sync_conflict SET resolved_at = ?2"
                                 " WHERE id = ?1 AND resolved_at IS NULL",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _mreza_sql_set_error (db, SQLITE_ERROR, error, "Cannot resolve");
      return FALSE;
    }
  if (sqlite3_changes (db) == 0)
    {
      g_set_error (error, MREZA_STORE_ERROR, MREZA_STORE_ERROR_NOT_FOUND,
                   _("This conflict was already resolved."));
      return FALSE;
    }

  return TRUE;
}

/**
 * mreza_conflicts_resolve_accept:
 * @store: a replica
 * @id: the conflict
 * @error: return location for a #GError
 *
 * Keeps the value the replica holds and closes the conflict.
 *
 * Returns: %TRUE on success
 */
gboolean
mreza_conflicts_resolve_accept (MrezaStore  *store,
                                gint64       id,
                                GError     **error)
{
  g_return_val_if_fail (MREZA_IS_STORE (store), FALSE);

  return mark_resolved (mreza_store_get_db (store), id, error);
}

/* An MrezaSqlWork: @data points to the conflict's gint64 id. */
static gboolean
use_lost (sqlite3   *db,
          gpointer   data,
          GError   **error)
{
  gint64 id = *(const gint64 *) data;
  g_autoptr(sqlite3_stmt) find = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *now = mreza_now_iso8601 ();
  const MrezaTableInfo *table;
  const MrezaColumn *col;

  find = _mreza_sql_prepare (db, "SELECT tbl, col, row_id FROM sync_conflict"
                                 " WHERE id = ?1 AND resolved_at IS NULL",
                             error);
  if (find == NULL)
    return FALSE;
  sqlite3_bind_int64 (find, 1, id);
  if (sqlite3_step (find) != SQLITE_ROW)
    {
      g_set_error (error, MREZA_STORE_ERROR, MREZA_STORE_ERROR_NOT_FOUND,
                   _("This conflict was already resolved."));
      return FALSE;
    }

  table = mreza_schema_find_table (_mreza_sql_text (find, 0));
  col = table ? mreza_schema_find_column (table, _mreza_sql_text (find, 1))
              : NULL;
  if (col == NULL)
    {
      g_set_error (error, MREZA_STORE_ERROR, MREZA_STORE_ERROR_FAILED,
                   _("This conflict names a field Mreža does not know."));
      return FALSE;
    }

  /* The value is copied in SQL, so that its type stays as it was. */
  sql = g_strdup_printf ("UPDATE %s SET %s = (SELECT lost_value FROM"
                         " sync_conflict WHERE id = ?1), modified_at = ?2,"
                         " modified_by = (SELECT value FROM replica_meta"
                         " WHERE key = 'device_id') WHERE id = ?3",
                         table->name, col->name);
  update = _mreza_sql_prepare (db, sql, error);
  if (update == NULL)
    return FALSE;
  sqlite3_bind_int64 (update, 1, id);
  sqlite3_bind_text (update, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (update, 3, _mreza_sql_text (find, 2), -1,
                     SQLITE_TRANSIENT);
  if (sqlite3_step (update) != SQLITE_DONE)
    {
      _mreza_sql_set_error (db, SQLITE_ERROR, error, "Cannot change the row");
      return FALSE;
    }
  if (sqlite3_changes (db) == 0)
    {
      g_set_error (error, MREZA_STORE_ERROR, MREZA_STORE_ERROR_NOT_FOUND,
                   _("This record was deleted since: only the kept value "
                     "can be accepted."));
      return FALSE;
    }

  return mark_resolved (db, id, error);
}

/**
 * mreza_conflicts_resolve_use_lost:
 * @store: a replica
 * @id: the conflict
 * @error: return location for a #GError
 *
 * Writes the value that lost into the row, as a new edit that syncs,
 * and closes the conflict, in one transaction.
 *
 * Returns: %TRUE on success
 */
gboolean
mreza_conflicts_resolve_use_lost (MrezaStore  *store,
                                  gint64       id,
                                  GError     **error)
{
  g_return_val_if_fail (MREZA_IS_STORE (store), FALSE);

  return _mreza_sql_transaction (mreza_store_get_db (store), use_lost, &id,
                                 error);
}

typedef struct
{
  const char *name;
  const char *label;
} Label;

static const Label table_labels[] = {
  { "institution", N_("Institution") },
  { "team", N_("Team") },
  { "team_member", N_("Team member") },
  { "contact", N_("Contact") },
  { "plan", N_("Action plan") },
  { "goal", N_("Goal") },
  { "activity", N_("Activity") },
  { "project", N_("Project") },
  { "project_partner", N_("Project partner") },
  { "task", N_("Task") },
  { "task_institution", N_("Task’s institution") },
  { "indicator", N_("Indicator") },
  { "budget_line", N_("Budget line") },
  { "risk", N_("Risk") },
  { "indicator_value", N_("Indicator value") },
  { "joint_action", N_("Joint action") },
  { "joint_action_institution", N_("Joint action’s institution") },
  { "joint_action_indicator", N_("Joint action’s indicator") },
  { "meeting", N_("Meeting") },
  { "meeting_agenda_item", N_("Agenda item") },
  { "meeting_invitee", N_("Meeting’s invitee") },
  { "meeting_follow_up", N_("Meeting’s follow-up") },
  { "task_progress", N_("Team’s progress on a task") },
};

static const Label column_labels[] = {
  { "name", N_("Name") }, { "short_name", N_("Short name") },
  { "sector", N_("Sector") }, { "town", N_("Town") }, { "role", N_("Role") },
  { "phone", N_("Phone") }, { "email", N_("E-mail") },
  { "is_secretary", N_("Secretary") }, { "title", N_("Title") },
  { "start_date", N_("Start") }, { "end_date", N_("End") },
  { "number", N_("Number") }, { "deadline_text", N_("Deadline") },
  { "deadline_kind", N_("Kind of deadline") },
  { "deadline_from", N_("Deadline from") },
  { "deadline_to", N_("Deadline to") }, { "status", N_("Status") },
  { "progress_note", N_("Progress note") }, { "done_date", N_("Done on") },
  { "other_partners", N_("Other partners") }, { "text", N_("Text") },
  { "kind", N_("Kind") }, { "target_num", N_("Target") },
  { "target_text", N_("Target") }, { "period", N_("Period") },
  { "value_num", N_("Value") }, { "value_text", N_("Value") },
  { "note", N_("Note") }, { "amount_minor", N_("Amount") },
  { "currency", N_("Currency") }, { "beneficiaries", N_("Beneficiaries") },
  { "beneficiaries_count", N_("Number of beneficiaries") },
  { "summary", N_("Summary") }, { "source", N_("Source") },
  { "source_text", N_("Source as written") }, { "year", N_("Year") },
  { "date", N_("Date") }, { "place", N_("Place") }, { "women", N_("Women") },
  { "men", N_("Men") }, { "girls", N_("Girls") }, { "boys", N_("Boys") },
};

/**
 * mreza_conflicts_table_label:
 * @table: a synced table's name
 *
 * Returns: what a person calls its rows, translated
 */
const char *
mreza_conflicts_table_label (const char *table)
{
  for (guint i = 0; i < G_N_ELEMENTS (table_labels); i++)
    if (g_strcmp0 (table_labels[i].name, table) == 0)
      return _(table_labels[i].label);

  return _("Record");
}

/**
 * mreza_conflicts_column_label:
 * @column: a synced column's name
 *
 * Returns: (transfer full): what a person calls the field, translated
 */
char *
mreza_conflicts_column_label (const char *column)
{
  g_return_val_if_fail (column != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (column_labels); i++)
    if (g_str_equal (column_labels[i].name, column))
      return g_strdup (_(column_labels[i].label));
  if (g_str_has_suffix (column, "_id"))
    return g_strdup (_("Linked record"));

  return g_strdelimit (g_strdup (column), "_", ' ');
}

/**
 * mreza_hlc_get_unix_ms:
 * @hlc: a hybrid logical clock, `%013d-%05d-device`
 *
 * Returns: its wall-clock part, in ms since 1970, or 0
 */
gint64
mreza_hlc_get_unix_ms (const char *hlc)
{
  if (hlc == NULL || strlen (hlc) < 13)
    return 0;

  return g_ascii_strtoll (hlc, NULL, 10);
}

/**
 * mreza_hlc_dup_device:
 * @hlc: a hybrid logical clock
 *
 * Returns: (transfer full) (nullable): the device that wrote it
 */
char *
mreza_hlc_dup_device (const char *hlc)
{
  if (hlc == NULL || strlen (hlc) < 20 || !g_uuid_string_is_valid (hlc + 20))
    return NULL;

  return g_strdup (hlc + 20);
}
