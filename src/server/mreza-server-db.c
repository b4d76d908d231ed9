/* mreza-server-db.c: the coordinator's own database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The coordinator stores changes, not rows: each accepted change once
 * per (device, dseq), numbered by a global sequence (gseq, the rowid),
 * with the team whose row it is (NULL: a global row). row_owner keeps
 * each row's team from the first change accepted for it, which is what
 * scope is checked against. Tokens and enrollment codes are kept only
 * as SHA-256 hashes.
 */
#define G_LOG_DOMAIN "mreza-server-db"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <sys/random.h>

#include "mreza-server-db.h"

#include "mreza-store-private.h"
#include "mreza-util.h"

/* "MZCO": refuses a replica or any other SQLite file given as --db. */
#define SERVER_APPLICATION_ID 0x4d5a434f
#define SERVER_SCHEMA_VERSION 3

G_STATIC_ASSERT (SERVER_APPLICATION_ID == 1297761103);

/* A pull reply stops adding changes past this many bytes of fields. */
#define PULL_MAX_BYTES (4 * 1024 * 1024)

/* last_seen is written at most this often per device, in seconds. */
#define TOUCH_INTERVAL 60

static const char schema_sql[] =
  "CREATE TABLE team ("
  "  id TEXT PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  created_at TEXT NOT NULL);"
  "CREATE TABLE device ("
  "  id TEXT PRIMARY KEY,"
  "  team_id TEXT NOT NULL REFERENCES team (id),"
  "  role TEXT NOT NULL CHECK (role IN ('member', 'coordinator')),"
  "  name TEXT NOT NULL,"
  "  token_hash TEXT NOT NULL UNIQUE,"
  "  created_at TEXT NOT NULL,"
  "  last_seen TEXT,"
  "  revoked_at TEXT,"
  "  synced_at TEXT,"
  "  pending INTEGER);"
  "CREATE TABLE enrollment ("
  "  code_hash TEXT PRIMARY KEY,"
  "  team_id TEXT NOT NULL REFERENCES team (id),"
  "  role TEXT NOT NULL CHECK (role IN ('member', 'coordinator')),"
  "  expires_at INTEGER NOT NULL,"
  "  used_at TEXT,"
  "  device_id TEXT);"
  "CREATE TABLE change ("
  "  gseq INTEGER PRIMARY KEY,"
  "  device_id TEXT NOT NULL,"
  "  dseq INTEGER NOT NULL,"
  "  tbl TEXT NOT NULL,"
  "  row_id TEXT NOT NULL,"
  "  op TEXT NOT NULL CHECK (op IN ('u', 'd')),"
  "  hlc TEXT NOT NULL,"
  "  fields TEXT NOT NULL,"
  "  bases TEXT NOT NULL,"
  "  team_id TEXT,"
  "  UNIQUE (device_id, dseq));"
  "CREATE TABLE row_owner ("
  "  tbl TEXT NOT NULL,"
  "  row_id TEXT NOT NULL,"
  "  team_id TEXT,"
  "  PRIMARY KEY (tbl, row_id)) WITHOUT ROWID;";

typedef enum
{
  STMT_AUTH,
  STMT_OWNER,
  STMT_INSERT_CHANGE,
  STMT_CHANGE_GSEQ,
  STMT_INSERT_OWNER,
  STMT_PULL,
  STMT_MAX_GSEQ,
  N_STMTS
} StmtId;

static const char *stmt_sql[N_STMTS] = {
  [STMT_AUTH] =
    "SELECT id, team_id, role, revoked_at IS NOT NULL FROM device"
    " WHERE token_hash = ?",
  [STMT_OWNER] =
    "SELECT team_id FROM row_owner WHERE tbl = ? AND row_id = ?",
  [STMT_INSERT_CHANGE] =
    "INSERT INTO change (device_id, dseq, tbl, row_id, op, hlc, fields,"
    " bases, team_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (device_id, dseq) DO NOTHING",
  [STMT_CHANGE_GSEQ] =
    "SELECT gseq FROM change WHERE device_id = ? AND dseq = ?",
  [STMT_INSERT_OWNER] =
    "INSERT OR IGNORE INTO row_owner (tbl, row_id, team_id) VALUES (?, ?, ?)",
  [STMT_PULL] =
    "SELECT gseq, device_id, dseq, tbl, row_id, op, hlc, fields, bases"
    " FROM change WHERE gseq > ?1 AND gseq <= ?2 AND device_id <> ?3"
    " AND (?4 IS NULL OR team_id IS NULL OR team_id = ?4)"
    " ORDER BY gseq LIMIT ?5",
  [STMT_MAX_GSEQ] =
    "SELECT coalesce (max (gseq), 0) FROM change",
};

struct _MrezaServerDb
{
  sqlite3      *db;
  sqlite3_stmt *stmts[N_STMTS];
  /* device id → monotonic seconds of its last written last_seen */
  GHashTable   *touched;
};

static sqlite3_stmt *
get_stmt (MrezaServerDb  *self,
          StmtId          id,
          GError        **error)
{
  int rc;

  if (self->stmts[id] != NULL)
    {
      sqlite3_reset (self->stmts[id]);
      sqlite3_clear_bindings (self->stmts[id]);
      return self->stmts[id];
    }

  rc = sqlite3_prepare_v3 (self->db, stmt_sql[id], -1,
                           SQLITE_PREPARE_PERSISTENT, &self->stmts[id], NULL);
  if (rc != SQLITE_OK)
    {
      _mreza_sql_set_error (self->db, rc, error, "Cannot prepare a query");
      return NULL;
    }
  return self->stmts[id];
}

static gboolean
step_done (MrezaServerDb  *self,
           sqlite3_stmt   *stmt,
           GError        **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _mreza_sql_set_error (self->db, rc, error, "A write failed");
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
}

static gboolean
check_header (MrezaServerDb  *self,
              GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int app_id = 0;
  int version = 0;

  stmt = _mreza_sql_prepare (self->db, "PRAGMA application_id", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    app_id = sqlite3_column_int (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = _mreza_sql_prepare (self->db, "PRAGMA user_version", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  /* A statement still open would lock the schema against migrations. */
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (app_id == 0 && version == 0)
    return _mreza_sql_exec (self->db, "BEGIN IMMEDIATE", error) &&
           _mreza_sql_exec (self->db, schema_sql, error) &&
           _mreza_sql_exec (self->db,
                            "PRAGMA application_id = 1297761103;"
                            "PRAGMA user_version = 3; COMMIT", error);

  if (app_id != SERVER_APPLICATION_ID)
    {
      g_set_error (error, MREZA_STORE_ERROR, MREZA_STORE_ERROR_NOT_A_REPLICA,
                   _("This file is not a coordinator database"));
      return FALSE;
    }
  if (version > SERVER_SCHEMA_VERSION)
    {
      g_set_error (error, MREZA_STORE_ERROR, MREZA_STORE_ERROR_TOO_NEW,
                   _("This coordinator database was written by a newer "
                     "mreza-coordinator"));
      return FALSE;
    }
  /* Version 2: each device's last sync report (see
   * mreza_server_db_report_sync()). */
  if (version == 1 &&
      !(_mreza_sql_exec (self->db, "BEGIN IMMEDIATE", error) &&
        _mreza_sql_exec (self->db,
                         "ALTER TABLE device ADD COLUMN synced_at TEXT;"
                         "ALTER TABLE device ADD COLUMN pending INTEGER;"
                         "PRAGMA user_version = 2; COMMIT", error)))
    return FALSE;
  /* Version 3: no index on change (team_id, gseq). A pull reads the
   * changes after its cursor in gseq order (the rowid) and filters the
   * team there, so the index was never read, while every push batch
   * rewrote a leaf of it per team it touched. */
  if (version <= 2 &&
      !(_mreza_sql_exec (self->db, "BEGIN IMMEDIATE", error) &&
        _mreza_sql_exec (self->db, "DROP INDEX IF EXISTS change_team;"
                                   "PRAGMA user_version = 3; COMMIT",
                         error)))
    return FALSE;
  return TRUE;
}

/**
 * mreza_server_db_open:
 * @path: the database file, created if missing
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the open database
 */
MrezaServerDb *
mreza_server_db_open (const char  *path,
                      GError     **error)
{
  MrezaServerDb *self;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_new0 (MrezaServerDb, 1);
  self->touched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      _mreza_sql_set_error (self->db, rc, error, "Cannot open the database");
      mreza_server_db_free (self);
      return NULL;
    }

  sqlite3_busy_timeout (self->db, 5000);
  sqlite3_extended_result_codes (self->db, 1);

  /* FULL: an acknowledged push survives a power cut, not only a crash.
   * The cache holds the indexes a push touches at random (row_owner's
   * UUIDs): with SQLite's default 2 MiB, a push of a million rows reads
   * its pages back from the OS again and again. Checkpoints come every
   * 32 MiB of WAL instead of 4: a push batch is about 2.5 MiB, and each
   * checkpoint writes and syncs the database file again. The WAL is
   * synced at every commit either way. */
  if (!_mreza_sql_exec (self->db, "PRAGMA journal_mode = WAL;"
                        "PRAGMA synchronous = FULL;"
                        "PRAGMA wal_autocheckpoint = 8192;"
                        "PRAGMA cache_size = -131072;"
                        "PRAGMA foreign_keys = ON", error) ||
      !check_header (self, error))
    {
      mreza_server_db_free (self);
      return NULL;
    }

  return self;
}

void
mreza_server_db_free (MrezaServerDb *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < N_STMTS; i++)
    sqlite3_finalize (self->stmts[i]);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_hash_table_unref (self->touched);
  g_free (self);
}

void
mreza_server_device_free (MrezaServerDevice *device)
{
  if (device == NULL)
    return;

  g_free (device->id);
  g_free (device->team_id);
  g_free (device->role);
  g_free (device);
}

/**
 * mreza_server_hash_secret:
 * @secret: a token or a normalized enrollment code
 *
 * Returns: (transfer full): the hex SHA-256 that the database keeps
 */
char *
mreza_server_hash_secret (const char *secret)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, secret, -1);
}

static void
random_bytes (guint8 *buf,
              gsize   len)
{
  gsize done = 0;

  while (done < len)
    {
      ssize_t n = getrandom (buf + done, len - done, 0);

      /* getrandom only fails on a kernel without it, or EINTR. */
      if (n < 0)
        g_error ("getrandom failed: %s", g_strerror (errno));
      done += (gsize) n;
    }
}

static char *
new_token (void)
{
  guint8 buf[32];
  GString *out = g_string_sized_new (65);

  random_bytes (buf, sizeof buf);
  for (guint i = 0; i < sizeof buf; i++)
    g_string_append_printf (out, "%02x", buf[i]);
  return g_string_free (out, FALSE);
}

/* 32 letters and digits without 0/O and 1/I: 5 bits per character,
 * 60 bits per code, read aloud over the phone without ambiguity. */
static const char code_alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

G_STATIC_ASSERT (sizeof code_alphabet - 1 == 32);

static char *
new_code (void)
{
  guint8 buf[12];
  GString *out = g_string_sized_new (15);

  random_bytes (buf, sizeof buf);
  for (guint i = 0; i < sizeof buf; i++)
    {
      if (i > 0 && i % 4 == 0)
        g_string_append_c (out, '-');
      g_string_append_c (out, code_alphabet[buf[i] % 32]);
    }
  return g_string_free (out, FALSE);
}

/* Dashes, spaces and case do not matter when a person types a code. */
static char *
normalize_code (const char *code)
{
  GString *out = g_string_new (NULL);

  for (const char *p = code; *p != '\0'; p++)
    if (*p != '-' && *p != ' ')
      g_string_append_c (out, g_ascii_toupper (*p));
  return g_string_free (out, FALSE);
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/**
 * mreza_server_db_add_team:
 * @db: the database
 * @name: the team's name, unique
 * @id: (nullable): the team's UUID, to match a team row of the
 *   replicas; a random one if %NULL
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the team's id
 */
char *
mreza_server_db_add_team (MrezaServerDb  *self,
                          const char     *name,
                          const char     *id,
                          GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *team_id = NULL;
  g_autofree char *now = mreza_now_iso8601 ();
  int rc;

  g_return_val_if_fail (self != NULL && name != NULL, NULL);

  if (*name == '\0' || strlen (name) > MREZA_PROTOCOL_MAX_NAME ||
      !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, MREZA_PROTOCOL_ERROR, MREZA_PROTOCOL_ERROR_INVALID,
                   _("A team name is 1 to %d bytes of UTF-8"),
                   MREZA_PROTOCOL_MAX_NAME);
      return NULL;
    }
  if (id != NULL && !mreza_protocol_is_uuid (id))
    {
      g_set_error (error, MREZA_PROTOCOL_ERROR, MREZA_PROTOCOL_ERROR_INVALID,
                   _("A team id is a lowercase UUID"));
      return NULL;
    }

  team_id = id != NULL ? g_strdup (id) : mreza_uuid_new_random ();
  stmt = _mreza_sql_prepare (self->db, "INSERT INTO team (id, name, created_at)"
                             " VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, team_id);
  bind_text (stmt, 2, name);
  bind_text (stmt, 3, now);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
    {
      g_set_error (error, MREZA_PROTOCOL_ERROR, MREZA_PROTOCOL_ERROR_INVALID,
                   _("There is already a team named “%s” or with id %s"),
                   name, team_id);
      return NULL;
    }
  if (rc != SQLITE_DONE)
    {
      _mreza_sql_set_error (self->db, rc, error, "Cannot add the team");
      return NULL;
    }

  return g_steal_pointer (&team_id);
}

/**
 * mreza_server_db_new_code:
 * @db: the database
 * @team: the team's name or id
 * @role: "member" or "coordinator"
 * @ttl: how long the code is valid, in seconds
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a one-time enrollment code, of
 *   which only the hash is stored
 */
char *
mreza_server_db_new_code (MrezaServerDb  *self,
                          const char     *team,
                          const char     *role,
                          gint64          ttl,
                          GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *code = new_code ();
  g_autofree char *normal = normalize_code (code);
  g_autofree char *hash = mreza_server_hash_secret (normal);

  g_return_val_if_fail (self != NULL && team != NULL && role != NULL, NULL);

  if (!g_str_equal (role, "member") && !g_str_equal (role, "coordinator"))
    {
      g_set_error (error, MREZA_PROTOCOL_ERROR, MREZA_PROTOCOL_ERROR_INVALID,
                   _("The role is “member” or “coordinator”, not “%s”"), role);
      return NULL;
    }

  stmt = _mreza_sql_prepare (self->db,
                             "INSERT INTO enrollment (code_hash, team_id, role,"
                             " expires_at) SELECT ?, id, ?, ? FROM team"
                             " WHERE name = ?4 OR id = ?4", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, hash);
  bind_text (stmt, 2, role);
  sqlite3_bind_int64 (stmt, 3, now_seconds () + ttl);
  bind_text (stmt, 4, team);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _mreza_sql_set_error (self->db, sqlite3_errcode (self->db), error,
                            "Cannot store the code");
      return NULL;
    }
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, MREZA_PROTOCOL_ERROR, MREZA_PROTOCOL_ERROR_NOT_FOUND,
                   _("There is no team “%s”; add it with “team add”"), team);
      return NULL;
    }

  return g_steal_pointer (&code);
}

/* A device name is typed by a person on another machine: keep control
 * characters out of the table the administrator reads. */
static char *
printable (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    g_string_append_c (out, g_ascii_iscntrl (*p) ? ' ' : *p);
  if (out->len == 0)
    g_string_append_c (out, '-');
  return g_string_free (out, FALSE);
}

/**
 * mreza_server_db_print_devices:
 * @db: the database
 * @out: where to write the table
 * @error: return location for a #GError
 *
 * Writes one line per device: id, team, role, name, last seen, revoked.
 *
 * Returns: %TRUE on success
 */
gboolean
mreza_server_db_print_devices (MrezaServerDb  *self,
                               GString        *out,
                               GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (self != NULL && out != NULL, FALSE);

  stmt = _mreza_sql_prepare (self->db,
                             "SELECT d.id, t.name, d.role, d.name,"
                             " coalesce (d.last_seen, '-'),"
                             " coalesce (d.revoked_at, '-')"
                             " FROM device d JOIN team t ON t.id = d.team_id"
                             " ORDER BY t.name, d.created_at", error);
  if (stmt == NULL)
    return FALSE;

  g_string_append_printf (out, "%-36s  %-20s  %-11s  %-20s  %-24s  %s\n",
                          "DEVICE", "TEAM", "ROLE", "NAME", "LAST SEEN",
                          "REVOKED");
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *team = printable (_mreza_sql_text (stmt, 1));
      g_autofree char *name = printable (_mreza_sql_text (stmt, 3));

      g_string_append_printf (out, "%-36s  %-20s  %-11s  %-20s  %-24s  %s\n",
                              _mreza_sql_text (stmt, 0), team,
                              _mreza_sql_text (stmt, 2), name,
                              _mreza_sql_text (stmt, 4),
                              _mreza_sql_text (stmt, 5));
    }
  if (rc != SQLITE_DONE)
    {
      _mreza_sql_set_error (self->db, rc, error, "Cannot list the devices");
      return FALSE;
    }
  return TRUE;
}

/**
 * mreza_server_db_revoke:
 * @db: the database
 * @device: a device id
 * @error: return location for a #GError
 *
 * Revokes @device: its token is refused from now on. The changes it
 * pushed stay.
 *
 * Returns: %TRUE if the device exists
 */
gboolean
mreza_server_db_revoke (MrezaServerDb  *self,
                        const char     *device,
                        GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = mreza_now_iso8601 ();

  g_return_val_if_fail (self != NULL && device != NULL, FALSE);

  stmt = _mreza_sql_prepare (self->db,
                             "UPDATE device SET revoked_at ="
                             " coalesce (revoked_at, ?) WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, now);
  bind_text (stmt, 2, device);
  if (!step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, MREZA_PROTOCOL_ERROR, MREZA_PROTOCOL_ERROR_NOT_FOUND,
                   _("There is no device “%s”; “devices” lists them"), device);
      return FALSE;
    }
  return TRUE;
}

static gboolean
rollback (MrezaServerDb *self)
{
  if (!sqlite3_get_autocommit (self->db))
    _mreza_sql_exec (self->db, "ROLLBACK", NULL);
  return FALSE;
}

static gboolean
redeem_code (MrezaServerDb     *self,
             const char        *hash,
             MrezaEnrollReply  *reply,
             GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = NULL;
  gint64 expires_at;

  stmt = _mreza_sql_prepare (self->db,
                             "SELECT e.team_id, t.name, e.role, e.expires_at,"
                             " e.used_at IS NOT NULL"
                             " FROM enrollment e JOIN team t ON t.id = e.team_id"
                             " WHERE e.code_hash = ?", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, hash);

  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_int (stmt, 4))
    {
      g_set_error (error, MREZA_PROTOCOL_ERROR, MREZA_PROTOCOL_ERROR_BAD_CODE,
                   _("The enrollment code is wrong or was already used; "
                     "check it or ask your coordinator for a new one"));
      return FALSE;
    }
  expires_at = sqlite3_column_int64 (stmt, 3);
  if (expires_at <= now_seconds ())
    {
      g_set_error (error, MREZA_PROTOCOL_ERROR,
                   MREZA_PROTOCOL_ERROR_EXPIRED_CODE,
                   _("The enrollment code has expired; ask your coordinator "
                     "for a new one"));
      return FALSE;
    }

  reply->team = g_strdup (_mreza_sql_text (stmt, 0));
  reply->team_name = g_strdup (_mreza_sql_text (stmt, 1));
  reply->role = g_strdup (_mreza_sql_text (stmt, 2));
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = _mreza_sql_prepare (self->db,
                             "UPDATE enrollment SET used_at = ?, device_id = ?"
                             " WHERE code_hash = ? AND used_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  now = mreza_now_iso8601 ();
  bind_text (stmt, 1, now);
  bind_text (stmt, 2, reply->device);
  bind_text (stmt, 3, hash);
  return step_done (self, stmt, error);
}

static gboolean
insert_device (MrezaServerDb     *self,
               MrezaEnrollReply  *reply,
               const char        *name,
               GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *token_hash = mreza_server_hash_secret (reply->token);
  g_autofree char *now = mreza_now_iso8601 ();

  stmt = _mreza_sql_prepare (self->db,
                             "INSERT INTO device (id, team_id, role, name,"
                             " token_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, reply->device);
  bind_text (stmt, 2, reply->team);
  bind_text (stmt, 3, reply->role);
  bind_text (stmt, 4, name);
  bind_text (stmt, 5, token_hash);
  bind_text (stmt, 6, now);
  return step_done (self, stmt, error);
}

/**
 * mreza_server_db_enroll:
 * @db: the database
 * @code: the code a person typed
 * @name: the device's name, for the administrator
 * @error: return location for a #GError: BAD_CODE, EXPIRED_CODE
 *
 * Exchanges a one-time code for a new device and its token, in one
 * transaction: a code is used at most once.
 *
 * Returns: (transfer full) (nullable): the new device
 */
MrezaEnrollReply *
mreza_server_db_enroll (MrezaServerDb  *self,
                        const char     *code,
                        const char     *name,
                        GError        **error)
{
  g_autoptr(MrezaEnrollReply) reply = g_new0 (MrezaEnrollReply, 1);
  g_autofree char *normal = NULL;
  g_autofree char *hash = NULL;

  g_return_val_if_fail (self != NULL && code != NULL, NULL);

  normal = normalize_code (code);
  hash = mreza_server_hash_secret (normal);
  reply->device = mreza_uuid_new_random ();
  reply->token = new_token ();

  if (!_mreza_sql_exec (self->db, "BEGIN IMMEDIATE", error))
    return NULL;
  if (!redeem_code (self, hash, reply, error) ||
      !insert_device (self, reply, name != NULL ? name : "", error) ||
      !_mreza_sql_exec (self->db, "COMMIT", error))
    {
      rollback (self);
      return NULL;
    }

  return g_steal_pointer (&reply);
}

/**
 * mreza_server_db_authenticate:
 * @db: the database
 * @token: (nullable): the bearer token of a request
 * @error: return location for a #GError: UNAUTHORIZED or REVOKED
 *
 * Returns: (transfer full) (nullable): the device
 */
MrezaServerDevice *
mreza_server_db_authenticate (MrezaServerDb  *self,
                              const char     *token,
                              GError        **error)
{
  g_autoptr(MrezaServerDevice) device = NULL;
  g_autofree char *hash = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);

  if (token == NULL || *token == '\0' || strlen (token) > 256)
    {
      g_set_error (error, MREZA_PROTOCOL_ERROR,
                   MREZA_PROTOCOL_ERROR_UNAUTHORIZED,
                   _("The request has no device token; join the coordinator "
                     "first"));
      return NULL;
    }

  stmt = get_stmt (self, STMT_AUTH, error);
  if (stmt == NULL)
    return NULL;
  hash = mreza_server_hash_secret (token);
  bind_text (stmt, 1, hash);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          _mreza_sql_set_error (self->db, rc, error, "Cannot check the token");
          return NULL;
        }
      g_set_error (error, MREZA_PROTOCOL_ERROR,
                   MREZA_PROTOCOL_ERROR_UNAUTHORIZED,
                   _("The coordinator does not know this device's token; "
                     "join the coordinator again"));
      return NULL;
    }

  device = g_new0 (MrezaServerDevice, 1);
  device->id = g_strdup (_mreza_sql_text (stmt, 0));
  device->team_id = g_strdup (_mreza_sql_text (stmt, 1));
  device->role = g_strdup (_mreza_sql_text (stmt, 2));
  device->coordinator = g_str_equal (device->role, "coordinator");
  if (sqlite3_column_int (stmt, 3))
    {
      sqlite3_reset (stmt);
      g_set_error (error, MREZA_PROTOCOL_ERROR, MREZA_PROTOCOL_ERROR_REVOKED,
                   _("This device was revoked by the coordinator; its local "
                     "changes are kept, but it can no longer sync. Ask the "
                     "coordinator for a new enrollment code"));
      return NULL;
    }
  sqlite3_reset (stmt);

  return g_steal_pointer (&device);
}

/**
 * mreza_server_db_touch:
 * @db: the database
 * @device: an authenticated device's id
 *
 * Records that @device was seen, writing at most once a minute per
 * device so that a busy device does not cost a commit per request.
 */
void
mreza_server_db_touch (MrezaServerDb *self,
                       const char    *device)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = NULL;
  gint64 mono = g_get_monotonic_time () / G_USEC_PER_SEC;
  gpointer last;

  g_return_if_fail (self != NULL && device != NULL);

  if (g_hash_table_lookup_extended (self->touched, device, NULL, &last) &&
      mono - GPOINTER_TO_SIZE (last) < TOUCH_INTERVAL)
    return;

  g_hash_table_insert (self->touched, g_strdup (device),
                       GSIZE_TO_POINTER ((gsize) mono));
  now = mreza_now_iso8601 ();
  stmt = _mreza_sql_prepare (self->db,
                             "UPDATE device SET last_seen = ? WHERE id = ?",
                             NULL);
  if (stmt == NULL)
    return;
  bind_text (stmt, 1, now);
  bind_text (stmt, 2, device);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    g_debug ("Cannot record when a device was seen: %s",
             sqlite3_errmsg (self->db));
}

/**
 * mreza_server_db_report_sync:
 * @db: the database
 * @device: the device that reports
 * @pending: how many of its changes its outbox still holds
 * @out: where the peers' JSON object is appended
 * @error: return location for a #GError
 *
 * Records that @device has just synced, with @pending changes still
 * waiting on it, and appends what it may know of the network's sync
 * state: `{"teams": [{"team", "name", "synced_at", "pending",
 * "devices"}…], "devices": [{"device", "name", "team"}…]}`, every team
 * and device for a coordinator-role device, its own team's otherwise.
 * A team's synced_at is its devices' latest report, and its pending the
 * sum of what each device held at its own latest report.
 *
 * Returns: %TRUE on success
 */
gboolean
mreza_server_db_report_sync (MrezaServerDb            *self,
                             const MrezaServerDevice  *device,
                             gint64                    pending,
                             GString                  *out,
                             GError                  **error)
{
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(sqlite3_stmt) teams = NULL;
  g_autoptr(sqlite3_stmt) devices = NULL;
  g_autofree char *now = mreza_now_iso8601 ();
  const char *scope;
  int rc;

  g_return_val_if_fail (self != NULL && device != NULL && out != NULL, FALSE);

  update = _mreza_sql_prepare (self->db, "UPDATE device SET synced_at = ?,"
                               " pending = ? WHERE id = ?", error);
  if (update == NULL)
    return FALSE;
  bind_text (update, 1, now);
  sqlite3_bind_int64 (update, 2, pending);
  bind_text (update, 3, device->id);
  if ((rc = sqlite3_step (update)) != SQLITE_DONE)
    {
      _mreza_sql_set_error (self->db, rc, error, "Cannot record a sync");
      return FALSE;
    }

  /* NULL: every team */
  scope = device->coordinator ? NULL
                                                       : device->team_id;
  teams = _mreza_sql_prepare (self->db,
                              "SELECT t.id, t.name, max (d.synced_at),"
                              " sum (d.pending), count (d.id)"
                              " FROM team t LEFT JOIN device d"
                              " ON d.team_id = t.id AND d.revoked_at IS NULL"
                              " WHERE ?1 IS NULL OR t.id = ?1"
                              " GROUP BY t.id ORDER BY t.name", error);
  devices = _mreza_sql_prepare (self->db,
                                "SELECT id, name, team_id FROM device"
                                " WHERE ?1 IS NULL OR team_id = ?1"
                                " ORDER BY created_at", error);
  if (teams == NULL || devices == NULL)
    return FALSE;
  bind_text (teams, 1, scope);
  bind_text (devices, 1, scope);

  g_string_append (out, "{\"teams\":[");
  for (guint n = 0; (rc = sqlite3_step (teams)) == SQLITE_ROW; n++)
    {
      g_string_append (out, n ? ",{\"team\":" : "{\"team\":");
      mreza_protocol_append_string (out, _mreza_sql_text (teams, 0));
      g_string_append (out, ",\"name\":");
      mreza_protocol_append_string (out, _mreza_sql_text (teams, 1));
      g_string_append (out, ",\"synced_at\":");
      if (sqlite3_column_type (teams, 2) == SQLITE_NULL)
        g_string_append (out, "null");
      else
        mreza_protocol_append_string (out, _mreza_sql_text (teams, 2));
      if (sqlite3_column_type (teams, 3) == SQLITE_NULL)
        g_string_append (out, ",\"pending\":null");
      else
        g_string_append_printf (out, ",\"pending\":%" G_GINT64_FORMAT,
                                (gint64) sqlite3_column_int64 (teams, 3));
      g_string_append_printf (out, ",\"devices\":%d}",
                              sqlite3_column_int (teams, 4));
    }
  if (rc != SQLITE_DONE)
    {
      _mreza_sql_set_error (self->db, rc, error, "Cannot read the teams");
      return FALSE;
    }
  g_string_append (out, "],\"devices\":[");
  for (guint n = 0; (rc = sqlite3_step (devices)) == SQLITE_ROW; n++)
    {
      g_string_append (out, n ? ",{\"device\":" : "{\"device\":");
      mreza_protocol_append_string (out, _mreza_sql_text (devices, 0));
      g_string_append (out, ",\"name\":");
      mreza_protocol_append_string (out, _mreza_sql_text (devices, 1));
      g_string_append (out, ",\"team\":");
      mreza_protocol_append_string (out, _mreza_sql_text (devices, 2));
      g_string_append_c (out, '}');
    }
  if (rc != SQLITE_DONE)
    {
      _mreza_sql_set_error (self->db, rc, error, "Cannot read the devices");
      return FALSE;
    }
  g_string_append (out, "]}");
  return TRUE;
}

gint64
mreza_server_db_get_cursor (MrezaServerDb *self)
{
  sqlite3_stmt *stmt;
  gint64 max = 0;

  g_return_val_if_fail (self != NULL, 0);

  stmt = get_stmt (self, STMT_MAX_GSEQ, NULL);
  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    max = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return max;
}

/* Push: scope, then one transaction */

typedef struct
{
  MrezaServerDb     *self;
  MrezaServerDevice *device;
} Scope;

static gboolean
forbid (GError     **error,
        const char  *format,
        ...) G_GNUC_PRINTF (2, 3);

static gboolean
forbid (GError     **error,
        const char  *format,
        ...)
{
  va_list args;

  if (error == NULL)
    return FALSE;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (MREZA_PROTOCOL_ERROR,
                                                MREZA_PROTOCOL_ERROR_FORBIDDEN,
                                                format, args));
  va_end (args);

  return FALSE;
}

static gboolean
lookup_owner (Scope       *scope,
              const char  *table,
              const char  *row_id,
              gboolean    *found,
              char       **owner,
              GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  /* Rows first seen earlier in this batch are found too: their
   * row_owner is written in the batch's transaction, so that a batch
   * may create a joint action and its links. */
  stmt = get_stmt (scope->self, STMT_OWNER, error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, table);
  bind_text (stmt, 2, row_id);

  rc = sqlite3_step (stmt);
  *found = rc == SQLITE_ROW;
  *owner = *found ? g_strdup (_mreza_sql_text (stmt, 0)) : NULL;
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _mreza_sql_set_error (scope->self->db, rc, error, "Cannot read a row's team");
      return FALSE;
    }
  return TRUE;
}

static gboolean
resolve_team_column (Scope            *scope,
                     MrezaWireChange  *change,
                     char            **owner,
                     gboolean         *record,
                     GError          **error)
{
  const char *named = mreza_wire_change_get_string (change,
                                                    change->table->scope_column);
  g_autofree char *existing = NULL;
  gboolean found;

  if (!lookup_owner (scope, change->table->name, change->row_id, &found,
                     &existing, error))
    return FALSE;

  if (found)
    {
      if (named != NULL && g_strcmp0 (named, existing) != 0)
        return forbid (error, _("a row of table “%s” may not move to another "
                                "team"), change->table->name);
      *owner = g_steal_pointer (&existing);
    }
  else if (change->op == MREZA_WIRE_DELETE)
    {
      /* A row the coordinator never saw: its tombstone stays with the
       * deleting device's team. */
      *owner = g_strdup (scope->device->team_id);
    }
  else if (named == NULL)
    return forbid (error, _("a new row of table “%s” must name its team in "
                            "“%s”"), change->table->name,
                   change->table->scope_column);
  else
    {
      *owner = g_strdup (named);
      *record = TRUE;
    }
  return TRUE;
}

static gboolean
resolve_team_parent (Scope            *scope,
                     MrezaWireChange  *change,
                     char            **owner,
                     gboolean         *record,
                     GError          **error)
{
  const MrezaTableInfo *table = change->table;
  const char *parent = mreza_wire_change_get_string (change,
                                                     table->scope_column);
  g_autofree char *existing = NULL;
  g_autofree char *parent_owner = NULL;
  gboolean found;

  if (parent != NULL)
    {
      if (!lookup_owner (scope, table->parent_table, parent, &found,
                         &parent_owner, error))
        return FALSE;
      if (!found)
        return forbid (error, _("the %s row that this row of table “%s” "
                                "belongs to is unknown to the coordinator"),
                       table->parent_table, table->name);
    }

  if (!lookup_owner (scope, table->name, change->row_id, &found, &existing,
                     error))
    return FALSE;

  if (found)
    {
      if (parent != NULL && g_strcmp0 (parent_owner, existing) != 0)
        return forbid (error, _("a row of table “%s” may not move to another "
                                "team"), table->name);
      *owner = g_steal_pointer (&existing);
    }
  else if (change->op == MREZA_WIRE_DELETE)
    *owner = g_strdup (scope->device->team_id);
  else if (parent == NULL)
    return forbid (error, _("a new row of table “%s” must name its parent in "
                            "“%s”"), table->name, table->scope_column);
  else
    {
      *owner = g_steal_pointer (&parent_owner);
      *record = TRUE;
    }
  return TRUE;
}

/* Decides whose row @change writes (NULL: a global row) and whether
 * this device may write it, per DESIGN.md's scope rules. */
static gboolean
resolve_owner (Scope            *scope,
               MrezaWireChange  *change,
               char            **owner,
               gboolean         *record,
               GError          **error)
{
  MrezaServerDevice *device = scope->device;

  *owner = NULL;
  *record = FALSE;

  switch (change->table->scope)
    {
    case MREZA_SCOPE_GLOBAL:
      if (!device->coordinator)
        return forbid (error, _("only a coordinator device may change the "
                                "national plan and directory (table “%s”)"),
                       change->table->name);
      return TRUE;

    case MREZA_SCOPE_TEAM_SELF:
      if (!device->coordinator &&
          (!g_str_equal (change->row_id, device->team_id) ||
           change->op == MREZA_WIRE_DELETE))
        return forbid (error, _("a member device may change only its own "
                                "team's row, and not delete it"));
      *owner = g_strdup (change->row_id);
      *record = TRUE;
      return TRUE;

    case MREZA_SCOPE_TEAM_COLUMN:
      if (!resolve_team_column (scope, change, owner, record, error))
        return FALSE;
      break;

    case MREZA_SCOPE_TEAM_PARENT:
      if (!resolve_team_parent (scope, change, owner, record, error))
        return FALSE;
      break;

    default:
      g_assert_not_reached ();
    }

  if (!device->coordinator && g_strcmp0 (*owner, device->team_id) != 0)
    {
      g_clear_pointer (owner, g_free);
      return forbid (error, _("this device may write only its own team's "
                              "rows (table “%s”)"), change->table->name);
    }
  return TRUE;
}

static gboolean
insert_change (MrezaServerDb      *self,
               MrezaServerDevice  *device,
               MrezaWireChange    *change,
               const char         *owner,
               gint64             *gseq,
               gboolean           *inserted,
               GError            **error)
{
  char op[2] = { (char) change->op, '\0' };
  sqlite3_stmt *stmt;

  stmt = get_stmt (self, STMT_INSERT_CHANGE, error);
  if (stmt == NULL)
    return FALSE;

  mreza_wire_change_ensure_json (change);
  bind_text (stmt, 1, device->id);
  sqlite3_bind_int64 (stmt, 2, change->dseq);
  bind_text (stmt, 3, change->table->name);
  bind_text (stmt, 4, change->row_id);
  sqlite3_bind_text (stmt, 5, op, -1, SQLITE_TRANSIENT);
  bind_text (stmt, 6, change->hlc);
  bind_text (stmt, 7, change->fields_json);
  bind_text (stmt, 8, change->bases_json);
  bind_text (stmt, 9, owner);
  if (!step_done (self, stmt, error))
    return FALSE;

  *inserted = sqlite3_changes (self->db) > 0;
  if (*inserted)
    {
      *gseq = sqlite3_last_insert_rowid (self->db);
      return TRUE;
    }

  /* Already stored by an earlier try of this batch. */
  stmt = get_stmt (self, STMT_CHANGE_GSEQ, error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, device->id);
  sqlite3_bind_int64 (stmt, 2, change->dseq);
  *gseq = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
record_owner (Scope            *scope,
              MrezaWireChange  *change,
              const char       *owner,
              GError          **error)
{
  sqlite3_stmt *stmt = get_stmt (scope->self, STMT_INSERT_OWNER, error);

  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, change->table->name);
  bind_text (stmt, 2, change->row_id);
  bind_text (stmt, 3, owner);
  return step_done (scope->self, stmt, error);
}

static gboolean
push_change (Scope            *scope,
             MrezaWireChange  *change,
             gint64           *gseq,
             guint            *n_new,
             GError          **error)
{
  g_autofree char *owner = NULL;
  gboolean record;
  gboolean inserted;

  if (!resolve_owner (scope, change, &owner, &record, error) ||
      !insert_change (scope->self, scope->device, change, owner, gseq,
                      &inserted, error))
    return FALSE;

  if (inserted)
    (*n_new)++;
  if (inserted && record)
    return record_owner (scope, change, owner, error);
  return TRUE;
}

/**
 * mreza_server_db_push:
 * @db: the database
 * @device: the authenticated device
 * @request: its validated push
 * @acked: (out): the highest device sequence of the batch (0 if empty)
 * @cursor: (out): the global sequence of the batch's last change
 * @n_new: (out): how many changes were not stored before
 * @error: return location for a #GError: FORBIDDEN for a row the device
 *   may not write, with nothing of the batch written
 *
 * Stores a batch in one transaction, each (device, dseq) once, and
 * returns only after the commit.
 *
 * Returns: %TRUE once committed
 */
gboolean
mreza_server_db_push (MrezaServerDb      *self,
                      MrezaServerDevice  *device,
                      MrezaPushRequest   *request,
                      gint64             *acked,
                      gint64             *cursor,
                      guint              *n_new,
                      GError            **error)
{
  Scope scope = { self, device };
  gint64 max_gseq = 0;

  g_return_val_if_fail (self != NULL && device != NULL, FALSE);
  g_return_val_if_fail (request != NULL, FALSE);

  *acked = 0;
  *cursor = 0;
  *n_new = 0;

  if (!g_str_equal (request->device, device->id))
    return forbid (error, _("The push names another device than its token"));

  if (!_mreza_sql_exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;

  for (guint i = 0; i < request->changes->len; i++)
    {
      MrezaWireChange *change = g_ptr_array_index (request->changes, i);
      gint64 gseq = 0;

      if (!push_change (&scope, change, &gseq, n_new, error))
        {
          g_autofree char *d = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                change->dseq);

          g_prefix_error (error, _("Change %u (device sequence %s): "),
                          i + 1, d);
          *n_new = 0;
          return rollback (self);
        }
      max_gseq = MAX (max_gseq, gseq);
      *acked = change->dseq;
    }

  if (!_mreza_sql_exec (self->db, "COMMIT", error))
    {
      *n_new = 0;
      return rollback (self);
    }

  *cursor = max_gseq > 0 ? max_gseq : mreza_server_db_get_cursor (self);
  return TRUE;
}

/* Pull */

static MrezaWireChange *
read_change (sqlite3_stmt *stmt)
{
  g_autoptr(MrezaWireChange) change = mreza_wire_change_new ();
  const char *op = _mreza_sql_text (stmt, 5);

  change->table = mreza_schema_find_table (_mreza_sql_text (stmt, 3));
  if (change->table == NULL)
    return NULL;

  change->gseq = sqlite3_column_int64 (stmt, 0);
  change->device = g_strdup (_mreza_sql_text (stmt, 1));
  change->dseq = sqlite3_column_int64 (stmt, 2);
  change->row_id = g_strdup (_mreza_sql_text (stmt, 4));
  change->op = op != NULL && op[0] == 'd' ? MREZA_WIRE_DELETE
                                          : MREZA_WIRE_UPDATE;
  change->hlc = g_strdup (_mreza_sql_text (stmt, 6));
  change->fields_json = g_strdup (_mreza_sql_text (stmt, 7));
  change->bases_json = g_strdup (_mreza_sql_text (stmt, 8));

  return g_steal_pointer (&change);
}

/**
 * mreza_server_db_pull:
 * @db: the database
 * @device: the authenticated device
 * @after: the device's cursor
 * @limit: at most this many changes (1…5,000)
 * @cursor: (out): where the next pull starts
 * @more: (out): whether changes are left after this page
 * @error: return location for a #GError
 *
 * Reads the changes after @after that @device may read, in global
 * order, excluding its own. When none are left, the cursor moves to
 * the newest change, past the ones this device does not see.
 *
 * Returns: (transfer container) (element-type MrezaWireChange): a page
 */
GPtrArray *
mreza_server_db_pull (MrezaServerDb      *self,
                      MrezaServerDevice  *device,
                      gint64              after,
                      guint               limit,
                      gint64             *cursor,
                      gboolean           *more,
                      GError            **error)
{
  g_autoptr(GPtrArray) changes = NULL;
  sqlite3_stmt *stmt;
  gint64 max;
  gsize bytes = 0;
  int rc;

  g_return_val_if_fail (self != NULL && device != NULL, NULL);

  *more = FALSE;
  max = mreza_server_db_get_cursor (self);
  stmt = get_stmt (self, STMT_PULL, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, after);
  sqlite3_bind_int64 (stmt, 2, max);
  bind_text (stmt, 3, device->id);
  bind_text (stmt, 4, device->coordinator ? NULL : device->team_id);
  sqlite3_bind_int64 (stmt, 5, (sqlite3_int64) limit + 1);

  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) mreza_wire_change_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MrezaWireChange *change;

      if (changes->len >= limit || bytes > PULL_MAX_BYTES)
        {
          *more = TRUE;
          break;
        }
      change = read_change (stmt);
      if (change == NULL)
        continue;
      bytes += strlen (change->fields_json) + strlen (change->bases_json);
      g_ptr_array_add (changes, change);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _mreza_sql_set_error (self->db, rc, error, "Cannot read the changes");
      return NULL;
    }

  if (*more)
    *cursor = ((MrezaWireChange *) g_ptr_array_index (changes,
                                                      changes->len - 1))->gseq;
  else
    *cursor = MAX (after, max);

  return g_steal_pointer (&changes);
}

/* One row */

/**
 * mreza_server_db_row:
 * @db: the database
 * @device: the authenticated device
 * @table: a table of the schema
 * @row_id: the row's UUID
 * @error: return location for a #GError
 *
 * Reads every stored change of one row that @device may read, its own
 * included, in global order: what a device needs to put the row back
 * as the coordinator has it after the coordinator refused the device's
 * own change of it. A row the device may not read, or one the
 * coordinator never had, has none.
 *
 * Returns: (transfer container) (element-type MrezaWireChange): the
 *   changes, or %NULL on error (INVALID when there are more than a
 *   page holds)
 */
GPtrArray *
mreza_server_db_row (MrezaServerDb      *self,
                     MrezaServerDevice  *device,
                     const char         *table,
                     const char         *row_id,
                     GError            **error)
{
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (self != NULL && device != NULL, NULL);
  g_return_val_if_fail (table != NULL && row_id != NULL, NULL);

  /* Rare (a person undoing a refused change): no index is kept for it,
   * so pushes do not pay for one; a scan of the changes is enough. */
  stmt = _mreza_sql_prepare (self->db,
                             "SELECT gseq, device_id, dseq, tbl, row_id, op,"
                             " hlc, fields, bases FROM change"
                             " WHERE tbl = ?1 AND row_id = ?2"
                             " AND (?3 IS NULL OR team_id IS NULL"
                             " OR team_id = ?3)"
                             " ORDER BY gseq LIMIT ?4", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, table);
  bind_text (stmt, 2, row_id);
  bind_text (stmt, 3, device->coordinator ? NULL : device->team_id);
  sqlite3_bind_int64 (stmt, 4, MREZA_PROTOCOL_MAX_CHANGES + 1);

  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) mreza_wire_change_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MrezaWireChange *change = read_change (stmt);

      if (change != NULL)
        g_ptr_array_add (changes, change);
    }
  if (rc != SQLITE_DONE)
    {
      _mreza_sql_set_error (self->db, rc, error, "Cannot read the changes");
      return NULL;
    }
  if (changes->len > MREZA_PROTOCOL_MAX_CHANGES)
    {
      g_set_error (error, MREZA_PROTOCOL_ERROR, MREZA_PROTOCOL_ERROR_INVALID,
                   _("The row has more changes than one answer holds"));
      return NULL;
    }

  return g_steal_pointer (&changes);
}
