/* mreza-sync-apply.c: merging the coordinator's changes into a replica
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A page of changes is applied in one transaction that also moves the
 * pull cursor, so each change is applied exactly once, or not at all.
 * The merge is field by field, last writer wins by HLC, so that every
 * replica that has applied the same changes holds the same content,
 * whatever the order it saw them in:
 *
 *  - a delete leaves a tombstone, and a tombstone wins over every update
 *    (remove-wins);
 *  - a field takes the remote value when the remote HLC is higher;
 *  - two edits of one field are concurrent when the remote edit did not
 *    replace the value this replica holds (its base HLC is not this
 *    field's HLC), or when the remote edit is older than this field's
 *    value (the coordinator delivers changes in causal order, so a value
 *    built on the remote one would have come after it). The value that
 *    loses is kept in sync_conflict for a person to look at.
 *
 * Foreign keys are not enforced while applying: a child may arrive
 * before its parent in a page, and a row may point at a row another
 * device deleted concurrently. The origin's cascades arrive as
 * tombstones of their own, so no replica depends on local cascades.
 */
#define G_LOG_DOMAIN "mreza-sync-apply"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mreza-schema.h"
#include "mreza-store-private.h"
#include "mreza-sync-private.h"
#include "mreza-sync.h"
#include "mreza-util.h"

/* The columns of the last insert, so that a run of inserts of one
 * table with the same fields (most of a pull) reuses its statement
 * without writing and hashing its SQL again. */
typedef struct
{
  const MrezaTableInfo *table;
  const char          **names;   /* the schema's column names */
  guint                 n_names;
  gboolean              bulk;
  sqlite3_stmt         *stmt;    /* owned by the statement cache */
} InsertShape;

typedef struct
{
  sqlite3    *db;
  char       *now;
  gint64      conflicts;
  GHashTable *stmts;    /* SQL → prepared statement, for the page */
  gboolean    bulk;     /* a bulk load is pending: see mreza-sync-bulk.c */
  gboolean    tombstones; /* whether sync_tombstone may hold any row */
  InsertShape last_insert;
} Apply;

/* Statements are prepared once per page and reused: preparing costs
 * more than running them, and a page repeats a handful of shapes. The
 * cache owns them; a caller never finalizes one. */
static sqlite3_stmt *
cached (Apply       *apply,
        const char  *sql,
        GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (apply->stmts, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (!(stmt = _mreza_sql_prepare (apply->db, sql, error)))
    return NULL;
  g_hash_table_insert (apply->stmts, g_strdup (sql), stmt);

  return stmt;
}

static void
bind_field (sqlite3_stmt     *stmt,
            int               pos,
            const MrezaField *field)
{
  switch (field != NULL ? field->type : SQLITE_NULL)
    {
    case SQLITE_INTEGER:
      sqlite3_bind_int64 (stmt, pos, field->i);
      break;
    case SQLITE_FLOAT:
      sqlite3_bind_double (stmt, pos, field->d);
      break;
    case SQLITE_TEXT:
      sqlite3_bind_text (stmt, pos, field->s, -1, SQLITE_STATIC);
      break;
    default:
      sqlite3_bind_null (stmt, pos);
      break;
    }
}

static gboolean
step_done (Apply         *apply,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _mreza_sql_set_error (apply->db, rc, error, "Cannot apply a change");
      return FALSE;
    }

  return TRUE;
}

static gboolean
has_tombstone (Apply      *apply,
               const char *table,
               const char *row_id)
{
  sqlite3_stmt *stmt = NULL;

  /* Most pulls, and every initial one, meet no tombstone at all. */
  if (!apply->tombstones)
    return FALSE;

  stmt = cached (apply,
                             "SELECT 1 FROM sync_tombstone"
                             " WHERE tbl = ?1 AND row_id = ?2", NULL);
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, row_id, -1, SQLITE_STATIC);

  return sqlite3_step (stmt) == SQLITE_ROW;
}

static gboolean
apply_delete (Apply              *apply,
              const MrezaChange  *change,
              GError            **error)
{
  sqlite3_stmt *del = NULL;
  sqlite3_stmt *tomb = NULL;
  sqlite3_stmt *forget = NULL;
  g_autofree char *sql = NULL;

  /* The rows loaded so far must be in sync_row for it to forget one. */
  if (apply->bulk && !_mreza_sync_bulk_flush_rows (apply->db, error))
    return FALSE;
  apply->tombstones = TRUE;

  sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?1", change->table->name);
  if (!(del = cached (apply, sql, error)))
    return FALSE;
  sqlite3_bind_text (del, 1, change->row_id, -1, SQLITE_STATIC);

  tomb = cached (apply,
                             "INSERT OR REPLACE INTO sync_tombstone"
                             " (tbl, row_id, hlc) VALUES (?1, ?2, ?3)", error);
  forget = cached (apply,
                               "DELETE FROM sync_row"
                               " WHERE tbl = ?1 AND row_id = ?2", error);
  if (tomb == NULL || forget == NULL)
    return FALSE;

  sqlite3_bind_text (tomb, 1, change->table->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (tomb, 2, change->row_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (tomb, 3, change->hlc, -1, SQLITE_STATIC);
  sqlite3_bind_text (forget, 1, change->table->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (forget, 2, change->row_id, -1, SQLITE_STATIC);

  return step_done (apply, del, error) &&
         step_done (apply, tomb, error) &&
         step_done (apply, forget, error);
}

/* "2026-11-23T01:02:03.456Z" from an HLC's milliseconds, into @out.
 * Civil date from days since 1970 (H. Hinnant's algorithm): GDateTime
 * costs more than the insert it stamps. */
static void
hlc_to_iso (const char *hlc,
            char        out[32])
{
  gint64 ms = g_ascii_strtoll (hlc, NULL, 10);
  gint64 secs = ms / 1000, days = secs / 86400, rem = secs % 86400;
  gint64 z = days + 719468, era = z / 146097;
  gint64 doe = z - era * 146097;
  gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  gint64 mp = (5 * doy + 2) / 153;
  gint64 d = doy - (153 * mp + 2) / 5 + 1;
  gint64 m = mp < 10 ? mp + 3 : mp - 9;
  gint64 y = yoe + era * 400 + (m <= 2);

  g_snprintf (out, 32, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", (int) y,
              (int) m, (int) d, (int) (rem / 3600), (int) (rem / 60 % 60),
              (int) (rem % 60), (int) (ms % 1000));
}

static gboolean
same_shape (const InsertShape *shape,
            const MrezaChange *change,
            gboolean           bulk)
{
  if (shape->stmt == NULL || shape->table != change->table ||
      shape->n_names != change->n_fields || shape->bulk != bulk)
    return FALSE;
  for (guint i = 0; i < change->n_fields; i++)
    if (shape->names[i] != change->fields[i].name)
      return FALSE;
  return TRUE;
}

/* The INSERT of @change's row. In a bulk load it is OR FAIL: a
 * statement that may abort halfway needs a statement journal, which
 * copies every page the insert touches; with FAIL, a constraint is
 * checked before the row is written, and no trigger runs while
 * applying (capture waits on "applying", search's insert triggers are
 * dropped for the load), so nothing is left half-done. */
static sqlite3_stmt *
insert_stmt (Apply              *apply,
             const MrezaChange  *change,
             gboolean            bulk,
             GError            **error)
{
  InsertShape *shape = &apply->last_insert;
  g_autoptr(GString) sql = NULL;
  sqlite3_stmt *stmt;

  if (same_shape (shape, change, bulk))
    {
      sqlite3_reset (shape->stmt);
      sqlite3_clear_bindings (shape->stmt);
      return shape->stmt;
    }

  sql = g_string_sized_new (256);
  g_string_append_printf (sql, "INSERT%s INTO %s (id, created_at,"
                          " modified_at, modified_by",
                          bulk ? " OR FAIL" : "", change->table->name);
  for (guint i = 0; i < change->n_fields; i++)
    {
      g_string_append (sql, ", ");
      g_string_append (sql, change->fields[i].name);
    }
  g_string_append (sql, ") VALUES (?1, ?2, ?2, ?3");
  for (guint i = 0; i < change->n_fields; i++)
    g_string_append_printf (sql, ", ?%u", i + 4);
  g_string_append_c (sql, ')');

  if (!(stmt = cached (apply, sql->str, error)))
    return NULL;

  shape->table = change->table;
  shape->n_names = change->n_fields;
  shape->names = g_renew (const char *, shape->names, MAX (1, change->n_fields));
  for (guint i = 0; i < change->n_fields; i++)
    shape->names[i] = change->fields[i].name;
  shape->bulk = bulk;
  shape->stmt = stmt;

  return stmt;
}

/* Inserts @change's row; @inserted says whether it was. In a bulk load
 * the row's clock goes to sync_bulk_row, in arrival order. */
static gboolean
insert_row (Apply              *apply,
            const MrezaChange  *change,
            gboolean            bulk,
            gboolean           *inserted,
            GError            **error)
{
  sqlite3_stmt *stmt = NULL;
  sqlite3_stmt *row = NULL;
  char when[32];

  *inserted = FALSE;
  hlc_to_iso (change->hlc, when);
  if (!(stmt = insert_stmt (apply, change, bulk, error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, change->row_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, when, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, change->device, -1, SQLITE_STATIC);
  for (guint i = 0; i < change->n_fields; i++)
    bind_field (stmt, i + 4, &change->fields[i]);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      /* An update of a row this replica never had (its insert was not
       * visible here): nothing to merge it into. Skipping it loses
       * nothing this replica could show. */
      g_debug ("Skipping a change of %s: %s", change->table->name,
               sqlite3_errmsg (apply->db));
      sqlite3_reset (stmt);
      return TRUE;
    }
  sqlite3_reset (stmt);
  *inserted = TRUE;

  if (bulk)
    row = cached (apply, "INSERT INTO sync_bulk_row (tbl, row_id, hlc)"
                         " VALUES (?1, ?2, ?3)", error);
  else
    row = cached (apply, "INSERT OR REPLACE INTO sync_row"
                         " (tbl, row_id, hlc, fields)"
                         " VALUES (?1, ?2, ?3, NULL)", error);
  if (row == NULL)
    return FALSE;
  sqlite3_bind_text (row, 1, change->table->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (row, 2, change->row_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (row, 3, change->hlc, -1, SQLITE_STATIC);

  return step_done (apply, row, error);
}

static gboolean
record_conflict (Apply              *apply,
                 const MrezaChange  *change,
                 const char         *col,
                 sqlite3_value      *kept,
                 const char         *kept_hlc,
                 sqlite3_value      *lost,
                 const char         *lost_hlc,
                 GError            **error)
{
  sqlite3_stmt *stmt = NULL;

  stmt = cached (apply,
                             "INSERT OR IGNORE INTO sync_conflict (tbl, row_id,"
                             " col, kept_value, kept_hlc, lost_value, lost_hlc,"
                             " detected_at)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, change->table->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, change->row_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, col, -1, SQLITE_STATIC);
  sqlite3_bind_value (stmt, 4, kept);
  sqlite3_bind_text (stmt, 5, kept_hlc, -1, SQLITE_STATIC);
  sqlite3_bind_value (stmt, 6, lost);
  sqlite3_bind_text (stmt, 7, lost_hlc, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, apply->now, -1, SQLITE_STATIC);

  if (!step_done (apply, stmt, error))
    return FALSE;
  apply->conflicts += sqlite3_changes (apply->db);

  return TRUE;
}

/* A change's value as an SQL value, to compare and keep. */
static sqlite3_value *
field_to_value (Apply            *apply,
                const MrezaField *field)
{
  sqlite3_stmt *stmt = NULL;

  stmt = cached (apply, "SELECT ?1", NULL);
  bind_field (stmt, 1, field);
  sqlite3_step (stmt);

  return sqlite3_value_dup (sqlite3_column_value (stmt, 0));
}

static gboolean
values_equal (sqlite3_value *a,
              sqlite3_value *b)
{
  int ta = sqlite3_value_type (a), tb = sqlite3_value_type (b);

  if (ta == SQLITE_NULL || tb == SQLITE_NULL)
    return ta == tb;
  if ((ta == SQLITE_INTEGER || ta == SQLITE_FLOAT) &&
      (tb == SQLITE_INTEGER || tb == SQLITE_FLOAT))
    return sqlite3_value_double (a) == sqlite3_value_double (b);
  if (ta != tb)
    return FALSE;

  return g_strcmp0 ((const char *) sqlite3_value_text (a),
                    (const char *) sqlite3_value_text (b)) == 0;
}

/* Merges one field; @current is the field's value here and @local_hlc
 * its HLC. Returns whether the remote value won. */
static gboolean
merge_field (Apply              *apply,
             const MrezaChange  *change,
             const char         *col,
             sqlite3_value      *current,
             const char         *local_hlc,
             gboolean           *won,
             GError            **error)
{
  const MrezaField *remote = _mreza_change_get_field (change, col);
  const MrezaBase *base_entry = _mreza_change_get_base (change, col);
  const char *base = base_entry != NULL ? base_entry->hlc : NULL;
  sqlite3_value *incoming = field_to_value (apply, remote);
  gboolean concurrent, differ;
  gboolean ok = TRUE;

  *won = strcmp (change->hlc, local_hlc) > 0;
  differ = !values_equal (current, incoming);
  concurrent = *won ? g_strcmp0 (base, local_hlc) != 0 : TRUE;

  if (concurrent && differ)
    {
      if (*won)
        ok = record_conflict (apply, change, col, incoming, change->hlc,
                              current, local_hlc, error);
      else
        ok = record_conflict (apply, change, col, current, local_hlc,
                              incoming, change->hlc, error);
    }

  sqlite3_value_free (incoming);
  return ok;
}

static gboolean
update_row (Apply              *apply,
            const MrezaChange  *change,
            const char         *row_hlc,
            const char         *field_hlcs,
            GError            **error)
{
  g_autoptr(GString) sets = g_string_new (NULL);
  g_autoptr(GString) hlcs = g_string_new (NULL);
  sqlite3_stmt *read = NULL;
  sqlite3_stmt *write = NULL;
  sqlite3_stmt *clocks = NULL;
  g_autoptr(JsonNode) overrides = NULL;
  g_autoptr(GPtrArray) winners = g_ptr_array_new ();
  g_autofree char *sql = NULL;
  char when[32];
  int pos;

  if (field_hlcs != NULL)
    overrides = json_from_string (field_hlcs, NULL);

  sql = g_strdup_printf ("SELECT * FROM %s WHERE id = ?1", change->table->name);
  if (!(read = cached (apply, sql, error)))
    return FALSE;
  sqlite3_bind_text (read, 1, change->row_id, -1, SQLITE_STATIC);
  if (sqlite3_step (read) != SQLITE_ROW)
    return TRUE;

  for (int c = 0; c < sqlite3_column_count (read); c++)
    {
      const char *col = sqlite3_column_name (read, c);
      const char *local_hlc = row_hlc;
      gboolean won = FALSE;

      if (_mreza_change_get_field (change, col) == NULL)
        continue;
      if (overrides && JSON_NODE_HOLDS_OBJECT (overrides) &&
          json_object_has_member (json_node_get_object (overrides), col))
        local_hlc = json_object_get_string_member (
          json_node_get_object (overrides), col);

      if (!merge_field (apply, change, col, sqlite3_column_value (read, c),
                        local_hlc, &won, error))
        return FALSE;
      if (won)
        g_ptr_array_add (winners, (gpointer) col);
    }

  /* Column names from sqlite3_column_name live as long as @read. */
  if (winners->len == 0)
    return TRUE;

  hlc_to_iso (change->hlc, when);
  g_string_append_printf (sets, "UPDATE %s SET modified_at = max"
                          " (modified_at, ?2), modified_by = CASE WHEN"
                          " modified_at < ?2 THEN ?3 ELSE modified_by END",
                          change->table->name);
  pos = 4;
  for (guint i = 0; i < winners->len; i++)
    g_string_append_printf (sets, ", %s = ?%d",
                            (char *) winners->pdata[i], pos++);
  g_string_append (sets, " WHERE id = ?1");

  if (!(write = cached (apply, sets->str, error)))
    return FALSE;
  sqlite3_bind_text (write, 1, change->row_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (write, 2, when, -1, SQLITE_STATIC);
  sqlite3_bind_text (write, 3, change->device, -1, SQLITE_STATIC);
  pos = 4;
  for (guint i = 0; i < winners->len; i++)
    bind_field (write, pos++, _mreza_change_get_field (change,
                                                       winners->pdata[i]));
  if (!step_done (apply, write, error))
    return FALSE;

  /* The winners' HLCs over the row's. */
  g_string_append_c (hlcs, '{');
  for (guint i = 0; i < winners->len; i++)
    g_string_append_printf (hlcs, "%s\"%s\":\"%s\"", i ? "," : "",
                            (char *) winners->pdata[i], change->hlc);
  g_string_append_c (hlcs, '}');

  clocks = cached (apply,
                               "UPDATE sync_row SET fields = json_patch"
                               " (coalesce (fields, '{}'), ?3)"
                               " WHERE tbl = ?1 AND row_id = ?2", error);
  if (clocks == NULL)
    return FALSE;
  sqlite3_bind_text (clocks, 1, change->table->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (clocks, 2, change->row_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (clocks, 3, hlcs->str, -1, SQLITE_STATIC);

  return step_done (apply, clocks, error);
}

static gboolean
apply_update (Apply              *apply,
              const MrezaChange  *change,
              GError            **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean inserted;

  /* In a bulk load a row is new unless its insert fails (on its id,
   * most likely): only then do the rows loaded so far go to sync_row,
   * and the change merges as usual. */
  if (apply->bulk)
    {
      if (!insert_row (apply, change, TRUE, &inserted, error))
        return FALSE;
      if (inserted)
        return TRUE;
      if (!_mreza_sync_bulk_flush_rows (apply->db, error))
        return FALSE;
    }

  stmt = cached (apply,
                             "SELECT hlc, fields FROM sync_row"
                             " WHERE tbl = ?1 AND row_id = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, change->table->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, change->row_id, -1, SQLITE_STATIC);

  if (sqlite3_step (stmt) != SQLITE_ROW)
    return insert_row (apply, change, FALSE, &inserted, error);

  return update_row (apply, change, _mreza_sql_text (stmt, 0),
                     _mreza_sql_text (stmt, 1), error);
}

/* The HLC receive rule: this replica's clock moves past every HLC it
 * has seen, so its next edit orders after them even if its wall clock
 * is behind. */
static gboolean
observe_hlc (Apply       *apply,
             const char  *hlc,
             GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 ms = g_ascii_strtoll (hlc, NULL, 10);
  gint64 ctr = g_ascii_strtoll (hlc + 14, NULL, 10);

  stmt = cached (apply,
                             "UPDATE sync_clock SET"
                             " ctr = CASE WHEN ?1 > ms THEN ?2"
                             "  WHEN ?1 = ms THEN max (ctr, ?2) ELSE ctr END,"
                             " ms = max (ms, ?1)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ms);
  sqlite3_bind_int64 (stmt, 2, ctr);

  return step_done (apply, stmt, error);
}

static gboolean
apply_one (Apply              *apply,
           const MrezaChange  *change,
           GError            **error)
{
  /* Remove-wins: nothing comes back from a tombstone. */
  if (has_tombstone (apply, change->table->name, change->row_id))
    return TRUE;

  if (change->op == 'd')
    return apply_delete (apply, change, error);

  return apply_update (apply, change, error);
}

/* A run of pages applied in one transaction. Committing once per
 * page wrote each page's dirty b-tree leaves to the WAL again: the rows
 * have random UUIDs, so 5,000 inserts dirty thousands of pages. One
 * transaction over many pages writes a leaf once however many of its
 * rows arrive, and the cursor still moves with the content. */
struct _MrezaSyncApply
{
  Apply       apply;
  const char *latest;
  char       *latest_copy;
};

static void
apply_end (MrezaSyncApply *run)
{
  g_hash_table_unref (run->apply.stmts);
  g_free (run->apply.last_insert.names);
  g_free (run->apply.now);
  g_free (run->latest_copy);
  g_free (run);
}

static gboolean
tombstones_exist (sqlite3 *db)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _mreza_sql_prepare (db, "SELECT 1 FROM sync_tombstone", NULL);
  /* Unknown: assume there are. */
  return stmt == NULL || sqlite3_step (stmt) == SQLITE_ROW;
}

/**
 * _mreza_sync_apply_begin:
 * @db: the replica's connection (the store's thread)
 * @error: return location for a #GError
 *
 * Opens the transaction that applies pages of changes: remote writes are
 * not captured in the outbox, and foreign keys are not enforced.
 *
 * Returns: (transfer full) (nullable): the run, for
 *   _mreza_sync_apply_page () and _mreza_sync_apply_commit ()
 */
MrezaSyncApply *
_mreza_sync_apply_begin (sqlite3  *db,
                         GError  **error)
{
  MrezaSyncApply *run;

  /* Outside the transaction: SQLite ignores it inside one. */
  if (!_mreza_sql_exec (db, "PRAGMA foreign_keys = OFF", error))
    return NULL;

  if (!_mreza_sql_exec (db, "BEGIN IMMEDIATE;"
                            "UPDATE sync_clock SET applying = 1", error))
    {
      _mreza_sql_exec (db, "PRAGMA foreign_keys = ON", NULL);
      return NULL;
    }

  run = g_new0 (MrezaSyncApply, 1);
  run->apply.db = db;
  run->apply.bulk = _mreza_sync_bulk_is_pending (db);
  run->apply.tombstones = tombstones_exist (db);
  run->apply.now = mreza_now_iso8601 ();
  run->apply.stmts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) sqlite3_finalize);
  return run;
}

/**
 * _mreza_sync_apply_page:
 * @run: an open run
 * @changes: (element-type MrezaChange): a page, in the coordinator's order
 * @cursor: the coordinator's sequence after this page
 * @conflicts: (out) (optional): conflicts this page recorded
 * @error: return location for a #GError
 *
 * Applies a page inside the run's transaction and moves the cursor
 * there; nothing is durable before _mreza_sync_apply_commit (). On
 * error the caller rolls the run back.
 *
 * Returns: %TRUE on success
 */
gboolean
_mreza_sync_apply_page (MrezaSyncApply  *run,
                        GPtrArray       *changes,
                        gint64           cursor,
                        gint64          *conflicts,
                        GError         **error)
{
  Apply *apply = &run->apply;
  gint64 before = apply->conflicts;
  const char *latest = run->latest;
  sqlite3_stmt *move;

  for (guint i = 0; i < changes->len; i++)
    {
      const MrezaChange *change = changes->pdata[i];

      if (!apply_one (apply, change, error))
        return FALSE;
      if (latest == NULL || strcmp (change->hlc, latest) > 0)
        latest = change->hlc;
    }
  if (latest != run->latest)
    {
      /* The page's changes are freed before the run ends. */
      g_free (run->latest_copy);
      run->latest = run->latest_copy = g_strdup (latest);
    }

  move = cached (apply, "INSERT OR REPLACE INTO sync_state"
                        " (key, value) VALUES ('cursor', ?1)", error);
  if (move == NULL)
    return FALSE;
  sqlite3_bind_int64 (move, 1, cursor);
  if (!step_done (apply, move, error))
    return FALSE;

  if (conflicts != NULL)
    *conflicts = apply->conflicts - before;
  return TRUE;
}

/**
 * _mreza_sync_apply_is_bulk:
 * @run: an open run
 *
 * Returns: whether the run belongs to a bulk load (mreza-sync-bulk.c)
 */
gboolean
_mreza_sync_apply_is_bulk (MrezaSyncApply *run)
{
  g_assert (run != NULL);

  return run->apply.bulk;
}

/**
 * _mreza_sync_apply_commit:
 * @run: (transfer full): an open run
 * @error: return location for a #GError
 *
 * Commits the pages applied and their cursor, and frees @run.
 *
 * Returns: %TRUE on success; on error nothing of the run is applied
 */
gboolean
_mreza_sync_apply_commit (MrezaSyncApply  *run,
                          GError         **error)
{
  sqlite3 *db = run->apply.db;

  /* Once per run: the clock only needs to pass the latest HLC seen. */
  if ((run->latest != NULL &&
       !observe_hlc (&run->apply, run->latest, error)) ||
      !_mreza_sql_exec (db, "UPDATE sync_clock SET applying = 0; COMMIT",
                        error))
    {
      _mreza_sync_apply_rollback (run);
      return FALSE;
    }

  apply_end (run);
  return _mreza_sql_exec (db, "PRAGMA foreign_keys = ON", error);
}

/**
 * _mreza_sync_apply_rollback:
 * @run: (transfer full): an open run
 *
 * Undoes every page of the run, and frees it.
 */
void
_mreza_sync_apply_rollback (MrezaSyncApply *run)
{
  sqlite3 *db = run->apply.db;

  apply_end (run);
  _mreza_sql_exec (db, "ROLLBACK", NULL);
  _mreza_sql_exec (db, "PRAGMA foreign_keys = ON", NULL);
}

/**
 * _mreza_sync_apply_changes:
 * @db: the replica's connection (the store's thread)
 * @changes: (element-type MrezaChange): a page, in the coordinator's order
 * @cursor: the coordinator's sequence after this page
 * @conflicts: (out) (optional): conflicts this page recorded
 * @error: return location for a #GError
 *
 * Applies a page and moves the cursor in one transaction.
 *
 * Returns: %TRUE on success; on error nothing of the page is applied
 */
gboolean
_mreza_sync_apply_changes (sqlite3    *db,
                           GPtrArray  *changes,
                           gint64      cursor,
                           gint64     *conflicts,
                           GError    **error)
{
  MrezaSyncApply *run = _mreza_sync_apply_begin (db, error);

  if (run == NULL)
    return FALSE;
  if (!_mreza_sync_apply_page (run, changes, cursor, conflicts, error))
    {
      _mreza_sync_apply_rollback (run);
      return FALSE;
    }
  return _mreza_sync_apply_commit (run, error);
}
