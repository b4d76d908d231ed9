/* mreza-sync-capture.c: schema version 2, change capture for sync
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every committed write to a synced table — by the app, the importer or
 * the sqlite3 shell on the file — is recorded by triggers in the same
 * transaction, so no write can escape sync:
 *
 *  - sync_clock: one row, the hybrid logical clock (wall-clock ms and a
 *    counter) and the "applying" flag, set only inside the transaction
 *    that applies remote changes, so that those are not echoed back;
 *  - sync_outbox: the local changes not yet acknowledged by the
 *    coordinator; its rowid is the device's sequence number;
 *  - sync_row: each row's HLC, the HLC of its insert, and in "fields"
 *    the HLCs of fields changed since, as JSON;
 *  - sync_tombstone: deleted rows, with the HLC of the delete;
 *  - sync_conflict: the losing value of each field two devices changed
 *    concurrently, for a person to look at;
 *  - sync_state: the coordinator's URL, the pull cursor, and the like.
 *
 * The triggers are generated from mreza-schema.c, the one description of
 * the synced tables, so that a column added there is captured here.
 */
#define G_LOG_DOMAIN "mreza-sync-capture"

#include "config.h"

#include "mreza-schema.h"
#include "mreza-store-private.h"

static const char capture_tables[] =
  "CREATE TABLE sync_clock ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  ms INTEGER NOT NULL,"
  "  ctr INTEGER NOT NULL,"
  "  applying INTEGER NOT NULL DEFAULT 0"
  ");"
  "INSERT INTO sync_clock (id, ms, ctr) VALUES (1, 0, 0);"
  "CREATE TABLE sync_outbox ("
  "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  tbl TEXT NOT NULL,"
  "  row_id TEXT NOT NULL,"
  "  op TEXT NOT NULL CHECK (op IN ('u', 'd')),"
  "  hlc TEXT NOT NULL,"
  "  fields TEXT NOT NULL,"
  "  bases TEXT NOT NULL"
  ");"
  "CREATE TABLE sync_row ("
  "  tbl TEXT NOT NULL,"
  "  row_id TEXT NOT NULL,"
  "  hlc TEXT NOT NULL,"
  "  fields TEXT,"
  "  PRIMARY KEY (tbl, row_id)"
  ") WITHOUT ROWID;"
  "CREATE TABLE sync_tombstone ("
  "  tbl TEXT NOT NULL,"
  "  row_id TEXT NOT NULL,"
  "  hlc TEXT NOT NULL,"
  "  PRIMARY KEY (tbl, row_id)"
  ") WITHOUT ROWID;"
  "CREATE TABLE sync_conflict ("
  "  id INTEGER PRIMARY KEY,"
  "  tbl TEXT NOT NULL,"
  "  row_id TEXT NOT NULL,"
  "  col TEXT NOT NULL,"
  "  kept_value ANY,"
  "  kept_hlc TEXT NOT NULL,"
  "  lost_value ANY,"
  "  lost_hlc TEXT NOT NULL,"
  "  detected_at TEXT NOT NULL,"
  "  resolved_at TEXT,"
  "  UNIQUE (tbl, row_id, col, lost_hlc)"
  ");"
  "CREATE TABLE sync_state ("
  "  key TEXT PRIMARY KEY NOT NULL,"
  "  value ANY"
  ");";

/* The clock advances once per captured change: the wall clock in ms if
 * it moved on, else the counter, so HLCs never go backwards even when
 * the wall clock does. */
#define NOW_MS "CAST ((julianday ('now') - 2440587.5) * 86400000.0 AS INTEGER)"
#define TICK \
  "UPDATE sync_clock SET ms = max (ms, " NOW_MS "), " \
  " ctr = CASE WHEN " NOW_MS " > ms THEN 0 ELSE ctr + 1 END;"
/* Only ever used inside a printf format, hence the doubled %. */
#define HLC \
  "(SELECT printf ('%%013d-%%05d-%%s', ms, ctr," \
  " (SELECT value FROM replica_meta WHERE key = 'device_id'))" \
  " FROM sync_clock)"
#define NOT_APPLYING "(SELECT applying FROM sync_clock) = 0"

/* SELECT 'c' AS k, new.c AS v WHERE new.c IS NOT old.c UNION ALL … */
static void
append_changed_columns (GString              *sql,
                        const MrezaTableInfo *table,
                        gboolean              with_values)
{
  for (guint i = 0; i < table->n_columns; i++)
    {
      const char *c = table->columns[i].name;

      if (i > 0)
        g_string_append (sql, " UNION ALL ");
      g_string_append_printf (sql, "SELECT '%s' AS k", c);
      if (with_values)
        g_string_append_printf (sql, ", new.%s AS v", c);
      g_string_append_printf (sql, " WHERE new.%s IS NOT old.%s", c, c);
    }
}

static void
append_insert_trigger (GString              *sql,
                       const MrezaTableInfo *t)
{
  g_string_append_printf (sql,
    "CREATE TRIGGER %s_sync_ai AFTER INSERT ON %s WHEN " NOT_APPLYING
    " BEGIN " TICK
    " INSERT INTO sync_outbox (tbl, row_id, op, hlc, fields, bases)"
    " VALUES ('%s', new.id, 'u', " HLC ", json_object (",
    t->name, t->name, t->name);
  for (guint i = 0; i < t->n_columns; i++)
    g_string_append_printf (sql, "%s'%s', new.%s", i ? ", " : "",
                            t->columns[i].name, t->columns[i].name);
  g_string_append_printf (sql, "), '{}');"
    " INSERT OR REPLACE INTO sync_row (tbl, row_id, hlc, fields)"
    " VALUES ('%s', new.id, " HLC ", NULL);"
    " END;", t->name);
}

static void
append_update_trigger (GString              *sql,
                       const MrezaTableInfo *t)
{
  g_string_append_printf (sql,
    "CREATE TRIGGER %s_sync_id BEFORE UPDATE OF id ON %s"
    " WHEN new.id IS NOT old.id BEGIN"
    " SELECT RAISE (ABORT, 'a synced row keeps its id'); END;",
    t->name, t->name);

  g_string_append_printf (sql,
    "CREATE TRIGGER %s_sync_au AFTER UPDATE ON %s WHEN " NOT_APPLYING
    " AND EXISTS (", t->name, t->name);
  append_changed_columns (sql, t, FALSE);
  g_string_append (sql, ") BEGIN " TICK
    " INSERT INTO sync_outbox (tbl, row_id, op, hlc, fields, bases)");
  g_string_append_printf (sql, " VALUES ('%s', new.id, 'u', " HLC ","
                          " (SELECT json_group_object (k, v) FROM (",
                          t->name);
  append_changed_columns (sql, t, TRUE);
  g_string_append (sql, ")), (SELECT json_group_object (c.k,"
    " coalesce (json_extract (r.fields, '$.' || c.k), r.hlc)) FROM (");
  append_changed_columns (sql, t, FALSE);
  g_string_append_printf (sql, ") AS c LEFT JOIN sync_row r"
    " ON r.tbl = '%s' AND r.row_id = new.id));", t->name);

  /* The changed fields' HLCs, over the row's. */
  g_string_append_printf (sql,
    " INSERT INTO sync_row (tbl, row_id, hlc, fields)"
    " VALUES ('%s', new.id, " HLC ", NULL)"
    " ON CONFLICT (tbl, row_id) DO UPDATE SET fields = json_patch ("
    "  coalesce (fields, '{}'), (SELECT json_group_object (k, " HLC ")"
    "  FROM (", t->name);
  append_changed_columns (sql, t, FALSE);
  g_string_append (sql, ")));"
    " END;");
}

static void
append_delete_trigger (GString              *sql,
                       const MrezaTableInfo *t)
{
  g_string_append_printf (sql,
    "CREATE TRIGGER %s_sync_ad AFTER DELETE ON %s WHEN " NOT_APPLYING
    " BEGIN " TICK
    " INSERT INTO sync_outbox (tbl, row_id, op, hlc, fields, bases)"
    " VALUES ('%s', old.id, 'd', " HLC ", '{}', '{}');"
    " INSERT OR REPLACE INTO sync_tombstone (tbl, row_id, hlc)"
    " VALUES ('%s', old.id, " HLC ");"
    " DELETE FROM sync_row WHERE tbl = '%s' AND row_id = old.id;"
    " END;", t->name, t->name, t->name, t->name, t->name);
}

/* Rows written before this migration are changes nobody has seen: they
 * enter the outbox, in the order of the tables (parents first). */
static void
append_backfill (GString              *sql,
                 const MrezaTableInfo *t)
{
  g_string_append (sql, TICK);
  g_string_append_printf (sql,
    "INSERT INTO sync_outbox (tbl, row_id, op, hlc, fields, bases)"
    " SELECT '%s', id, 'u', " HLC ", json_object (", t->name);
  for (guint i = 0; i < t->n_columns; i++)
    g_string_append_printf (sql, "%s'%s', %s", i ? ", " : "",
                            t->columns[i].name, t->columns[i].name);
  g_string_append_printf (sql, "), '{}' FROM %s ORDER BY rowid;"
    "INSERT INTO sync_row (tbl, row_id, hlc)"
    " SELECT '%s', id, " HLC " FROM %s;", t->name, t->name, t->name);
}

/* The synced tables of schema version 2, in mreza-schema.c's order.
 * Frozen: replicas already at version 2 carry exactly these triggers,
 * and tables added later get theirs from the migration that adds them. */
static const char * const v2_tables[] = {
  "institution", "team", "team_member", "contact", "plan", "goal",
  "activity", "project", "project_partner", "task", "task_institution",
  "indicator", "budget_line", "risk", "indicator_value", "joint_action",
  "joint_action_institution", "joint_action_indicator", NULL,
};

static void
append_tables (GString            *sql,
               const char * const *names,
               gboolean            backfill)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      const MrezaTableInfo *t = mreza_schema_find_table (names[i]);

      g_assert (t != NULL);
      if (backfill)
        append_backfill (sql, t);
      append_insert_trigger (sql, t);
      append_update_trigger (sql, t);
      append_delete_trigger (sql, t);
    }
}

/* Called by the migration runner: the SQL of schema version 2. */
char *
_mreza_sync_capture_sql (void)
{
  GString *sql = g_string_new (capture_tables);

  append_tables (sql, v2_tables, TRUE);

  return g_string_free (sql, FALSE);
}

/**
 * _mreza_sync_capture_tables_sql:
 * @names: a %NULL-terminated list of synced tables (mreza-schema.c)
 *
 * The capture triggers of tables that a later migration creates. They
 * are new, hence empty: no rows to backfill into the outbox.
 *
 * Returns: (transfer full): the SQL
 */
char *
_mreza_sync_capture_tables_sql (const char * const *names)
{
  GString *sql = g_string_new (NULL);

  g_assert (names != NULL);
  append_tables (sql, names, FALSE);

  return g_string_free (sql, FALSE);
}
