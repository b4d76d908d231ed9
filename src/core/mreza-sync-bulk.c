/* mreza-sync-bulk.c: the initial pull into an empty replica
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pulling a million rows into an empty replica one by one writes every
 * index in random order: row ids are random UUIDs, so each insert
 * dirties a different leaf of sync_row and of each secondary index, and
 * once those outgrow the page cache the pull is bound by the disk. A
 * pull that starts on a replica with no synced rows, no tombstones and
 * cursor 0 therefore loads in bulk:
 *
 *  - one transaction drops the synced tables' secondary (non-unique)
 *    indexes and the search index's insert triggers, keeping their SQL
 *    in sync_bulk_ddl, and creates sync_bulk_row;
 *  - the pull's runs insert rows without those indexes, and append each
 *    row's (table, id, HLC) to sync_bulk_row instead of writing sync_row
 *    at random (mreza-sync-apply.c); a change that is not a plain insert
 *    first moves sync_bulk_row into sync_row, then merges as usual;
 *  - one transaction at the end moves sync_bulk_row into sync_row in key
 *    order, creates the indexes again (CREATE INDEX sorts), fills the
 *    search index with one INSERT … SELECT per table, recreates the
 *    triggers and drops both bulk tables.
 *
 * Unique indexes stay, so constraints hold throughout. Every step is a
 * transaction, and sync_bulk_ddl is the persisted "rebuild pending"
 * flag: a pull killed midway leaves it, and the next mreza_store_open()
 * (or the next pull) finishes the load before anything reads the
 * replica, so its indexes and search are whole again; the pull then
 * resumes from its cursor in the ordinary way. The two tables exist only
 * while a load is pending: no schema version is needed for them.
 */
#define G_LOG_DOMAIN "mreza-sync-bulk"

/* sync_bulk_row into sync_row, in key order. A row's clock already in
 * sync_row is newer and stays. */
#define FLUSH_ROWS \
  "INSERT OR IGNORE INTO sync_row (tbl, row_id, hlc, fields)" \
  " SELECT tbl, row_id, hlc, NULL FROM sync_bulk_row" \
  " ORDER BY tbl, row_id;" \
  "DELETE FROM sync_bulk_row;"

#include "config.h"

#include "mreza-schema.h"
#include "mreza-store-private.h"
#include "mreza-sync-private.h"

static gboolean
query_exists (sqlite3    *db,
              const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = _mreza_sql_prepare (db, sql, NULL);

  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW;
}

/**
 * _mreza_sync_bulk_is_pending:
 * @db: a replica's connection
 *
 * Returns: whether a bulk load started and was not finished
 */
gboolean
_mreza_sync_bulk_is_pending (sqlite3 *db)
{
  g_assert (db != NULL);

  return query_exists (db, "SELECT 1 FROM sqlite_master"
                           " WHERE type = 'table' AND name = 'sync_bulk_ddl'");
}

/* Nothing synced here yet: no row (every synced row has its sync_row),
 * no tombstone, and nothing pulled. */
static gboolean
replica_is_empty (sqlite3 *db)
{
  return !query_exists (db, "SELECT 1 FROM sync_row") &&
         !query_exists (db, "SELECT 1 FROM sync_tombstone") &&
         !query_exists (db, "SELECT 1 FROM sync_state WHERE key = 'cursor'"
                            " AND value <> 0");
}

/* The synced tables' non-unique indexes and the search insert triggers,
 * as "type, name, sql". */
static char *
droppable_sql (void)
{
  GString *sql = g_string_new ("SELECT m.type, m.name, m.sql"
                               " FROM sqlite_master m"
                               " WHERE (m.type = 'trigger'"
                               "   AND m.name LIKE '%\\_search\\_ai'"
                               "   ESCAPE '\\')"
                               " OR (m.type = 'index' AND m.sql IS NOT NULL"
                               "   AND NOT EXISTS (SELECT 1 FROM"
                               "   pragma_index_list (m.tbl_name) l"
                               "   WHERE l.name = m.name AND l.\"unique\")"
                               "   AND m.tbl_name IN (");
  const MrezaTableInfo *tables;
  guint n;

  tables = mreza_schema_tables (&n);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (sql, "%s'%s'", i ? ", " : "", tables[i].name);
  g_string_append (sql, "))");

  return g_string_free (sql, FALSE);
}

/* A local edit or delete of a synced row while a load is pending (the
 * app between two runs, or the sqlite3 shell) first moves the clocks
 * gathered so far into sync_row: the capture triggers, which run after
 * it, then find the row's clock there and record the edit and its bases
 * as they always do. These triggers live only as long as the load. */
static gboolean
create_guards (sqlite3  *db,
               GError  **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  const MrezaTableInfo *tables;
  guint n;

  tables = mreza_schema_tables (&n);
  for (guint i = 0; i < n; i++)
    {
      static const char * const ops[] = { "UPDATE", "DELETE" };

      for (guint o = 0; o < G_N_ELEMENTS (ops); o++)
        g_string_append_printf (sql,
          "CREATE TRIGGER %s_bulk_%c BEFORE %s ON %s"
          " WHEN (SELECT applying FROM sync_clock) = 0 BEGIN "
          FLUSH_ROWS " END;",
          tables[i].name, g_ascii_tolower (ops[o][0]), ops[o],
          tables[i].name);
    }

  return _mreza_sql_exec (db, sql->str, error);
}

static gboolean
drop_guards (sqlite3  *db,
             GError  **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  const MrezaTableInfo *tables;
  guint n;

  tables = mreza_schema_tables (&n);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (sql, "DROP TRIGGER IF EXISTS %s_bulk_u;"
                            "DROP TRIGGER IF EXISTS %s_bulk_d;",
                            tables[i].name, tables[i].name);

  return _mreza_sql_exec (db, sql->str, error);
}

static gboolean
drop_for_bulk (sqlite3  *db,
               GError  **error)
{
  g_autofree char *select = droppable_sql ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) keep = NULL;
  g_autoptr(GPtrArray) drops = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (!_mreza_sql_exec (db, "CREATE TABLE sync_bulk_ddl ("
                            "  name TEXT PRIMARY KEY NOT NULL,"
                            "  type TEXT NOT NULL,"
                            "  sql TEXT NOT NULL);"
                            "CREATE TABLE sync_bulk_row ("
                            "  tbl TEXT NOT NULL,"
                            "  row_id TEXT NOT NULL,"
                            "  hlc TEXT NOT NULL)", error) ||
      !(stmt = _mreza_sql_prepare (db, select, error)) ||
      !(keep = _mreza_sql_prepare (db, "INSERT INTO sync_bulk_ddl"
                                       " (type, name, sql)"
                                       " VALUES (?1, ?2, ?3)", error)))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int c = 0; c < 3; c++)
        sqlite3_bind_text (keep, c + 1, _mreza_sql_text (stmt, c), -1,
                           SQLITE_TRANSIENT);
      if (sqlite3_step (keep) != SQLITE_DONE)
        rc = SQLITE_ERROR;
      sqlite3_reset (keep);
      g_ptr_array_add (drops, g_strdup_printf ("DROP %s %s",
                                               _mreza_sql_text (stmt, 0),
                                               _mreza_sql_text (stmt, 1)));
      if (rc == SQLITE_ERROR)
        break;
    }
  if (rc != SQLITE_DONE)
    {
      _mreza_sql_set_error (db, rc, error, "Cannot prepare a bulk load");
      return FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  for (guint i = 0; i < drops->len; i++)
    if (!_mreza_sql_exec (db, drops->pdata[i], error))
      return FALSE;

  return create_guards (db, error);
}

/**
 * _mreza_sync_bulk_try_begin:
 * @db: a replica's connection, outside a transaction
 * @error: return location for a #GError
 *
 * Starts a bulk load if the replica holds nothing synced (or goes on
 * with one already pending).
 *
 * Returns: %TRUE on success, whether or not a load started
 */
gboolean
_mreza_sync_bulk_try_begin (sqlite3  *db,
                            GError  **error)
{
  g_assert (db != NULL);

  if (_mreza_sync_bulk_is_pending (db) || !replica_is_empty (db))
    return TRUE;

  if (!_mreza_sql_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  /* Checked again under the write lock. */
  if (_mreza_sync_bulk_is_pending (db) || !replica_is_empty (db))
    return _mreza_sql_exec (db, "COMMIT", error);

  if (!drop_for_bulk (db, error) || !_mreza_sql_exec (db, "COMMIT", error))
    {
      _mreza_sql_exec (db, "ROLLBACK", NULL);
      return FALSE;
    }
  g_debug ("Bulk load started");
  return TRUE;
}

/**
 * _mreza_sync_bulk_flush_rows:
 * @db: a replica's connection, inside the applying transaction
 * @error: return location for a #GError
 *
 * Moves the rows' clocks gathered so far into sync_row, in key order,
 * so that the ordinary merge sees them.
 *
 * Returns: %TRUE on success
 */
gboolean
_mreza_sync_bulk_flush_rows (sqlite3  *db,
                             GError  **error)
{
  g_assert (db != NULL);

  return _mreza_sql_exec (db, FLUSH_ROWS, error);
}

static gboolean
restore_ddl (sqlite3  *db,
             GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  /* Indexes first: the triggers' own look-ups may use them. One at a
   * time, as a statement may not run DDL while another reads the
   * schema's table. */
  stmt = _mreza_sql_prepare (db, "SELECT sql FROM sync_bulk_ddl"
                                 " WHERE NOT EXISTS (SELECT 1 FROM"
                                 " sqlite_master m WHERE m.name ="
                                 " sync_bulk_ddl.name)"
                                 " ORDER BY type = 'trigger', name LIMIT 1",
                             error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *sql = g_strdup (_mreza_sql_text (stmt, 0));

      sqlite3_reset (stmt);
      if (!_mreza_sql_exec (db, sql, error))
        return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      _mreza_sql_set_error (db, rc, error, "Cannot restore an index");
      return FALSE;
    }

  return TRUE;
}

static double
seconds_since (gint64 *since)
{
  gint64 now = g_get_monotonic_time ();
  double s = (now - *since) / (double) G_USEC_PER_SEC;

  *since = now;
  return s;
}

static gboolean
finish (sqlite3  *db,
        GError  **error)
{
  g_autofree char *search = _mreza_search_rebuild_sql ();
  gint64 t = g_get_monotonic_time ();
  double rows, indexes, text;

  if (!drop_guards (db, error) || !_mreza_sync_bulk_flush_rows (db, error))
    return FALSE;
  rows = seconds_since (&t);
  if (!restore_ddl (db, error))
    return FALSE;
  indexes = seconds_since (&t);
  if (!_mreza_sql_exec (db, search, error))
    return FALSE;
  text = seconds_since (&t);
  g_debug ("Bulk load: sync_row %.1f s, indexes %.1f s, search %.1f s",
           rows, indexes, text);

  return _mreza_sql_exec (db, "DROP TABLE sync_bulk_row;"
                              "DROP TABLE sync_bulk_ddl", error);
}

/**
 * _mreza_sync_bulk_finish:
 * @db: a replica's connection, outside a transaction
 * @error: return location for a #GError
 *
 * Finishes a pending bulk load in one transaction: sync_row, the
 * indexes and the search index are whole again. Does nothing when no
 * load is pending.
 *
 * Returns: %TRUE on success
 */
gboolean
_mreza_sync_bulk_finish (sqlite3  *db,
                         GError  **error)
{
  gint64 start = g_get_monotonic_time ();

  g_assert (db != NULL);

  if (!_mreza_sync_bulk_is_pending (db))
    return TRUE;

  if (!_mreza_sql_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!_mreza_sync_bulk_is_pending (db))
    return _mreza_sql_exec (db, "COMMIT", error);

  if (!finish (db, error) || !_mreza_sql_exec (db, "COMMIT", error))
    {
      _mreza_sql_exec (db, "ROLLBACK", NULL);
      return FALSE;
    }
  g_debug ("Bulk load finished in %.1f s",
           (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  return TRUE;
}
