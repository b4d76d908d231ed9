/* mreza-dump.c: a replica's content as canonical text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One line per row of every synced table, tables in schema order, rows
 * by id, columns in schema order as SQL literals (quote()). The
 * bookkeeping columns (when a row was created or changed here, and by
 * which device) are left out: they describe a replica, not the data. So
 * two replicas that converged dump byte for byte the same, and `cmp`
 * tells.
 */
#define G_LOG_DOMAIN "mreza-dump"

#include "config.h"

#include "mreza-dump.h"
#include "mreza-schema.h"
#include "mreza-store-private.h"

static gboolean
dump_table (sqlite3               *db,
            const MrezaTableInfo  *table,
            FILE                  *out,
            GError               **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT quote (id)");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  for (guint c = 0; c < table->n_columns; c++)
    g_string_append_printf (sql, ", quote (%s)", table->columns[c].name);
  g_string_append_printf (sql, " FROM %s ORDER BY id", table->name);

  if (!(stmt = _mreza_sql_prepare (db, sql->str, error)))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      fputs (table->name, out);
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        {
          fputc ('|', out);
          fputs (_mreza_sql_text (stmt, c), out);
        }
      fputc ('\n', out);
    }

  if (rc != SQLITE_DONE)
    {
      _mreza_sql_set_error (db, rc, error, "Cannot read the replica");
      return FALSE;
    }

  return TRUE;
}

/**
 * mreza_store_dump:
 * @store: a replica
 * @out: where to write
 * @error: return location for a #GError
 *
 * Writes the replica's content in a canonical, sorted text form, so
 * that two replicas can be compared with `cmp`. Reads in one
 * transaction, so the dump is of one moment.
 *
 * Returns: %TRUE on success
 */
gboolean
mreza_store_dump (MrezaStore  *store,
                  FILE        *out,
                  GError     **error)
{
  sqlite3 *db;
  const MrezaTableInfo *tables;
  guint n;

  g_return_val_if_fail (MREZA_IS_STORE (store), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  db = mreza_store_get_db (store);
  tables = mreza_schema_tables (&n);

  if (!_mreza_sql_exec (db, "BEGIN", error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!dump_table (db, &tables[i], out, error))
      {
        _mreza_sql_exec (db, "ROLLBACK", NULL);
        return FALSE;
      }

  return _mreza_sql_exec (db, "COMMIT", error);
}
