/* mreza-store.c: one replica, a SQLite file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * THREAD SAFETY: a MrezaStore and its connection belong to the thread
 * that opened it (the main thread in the app). Workers never share it:
 * each opens its own read-only connection with
 * mreza_store_open_reader(), which WAL lets read while the owner writes.
 * A worker done with its connection may hand it back with
 * mreza_store_release_reader(): the store keeps a few idle ones, under
 * readers_lock, for the next worker (one thread at a time uses a
 * connection; SQLite's multi-thread mode allows no more).
 */
#define G_LOG_DOMAIN "mreza-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "mreza-joint-actions.h"
#include "mreza-json.h"
#include "mreza-locale.h"
#include "mreza-store-private.h"
#include "mreza-sync-private.h"
#include "mreza-util.h"

/* "MREZ": marks a SQLite file as a Mreža replica. */
#define MREZA_APPLICATION_ID 0x4d52455a
#define BUSY_TIMEOUT_MS 5000
/* Idle reader connections kept for the next worker: a new connection
 * parses the schema (200 tables, indexes and triggers) on its first
 * statement, 4 to 12 ms, before every list load and search. */
#define MAX_IDLE_READERS 2

struct _MrezaStore
{
  GObject   parent_instance;

  sqlite3  *db;
  char     *path;
  char     *device_id;
  int       schema_version;

  GMutex     readers_lock;
  GPtrArray *idle_readers;   /* of sqlite3 *, under readers_lock */
};

G_DEFINE_FINAL_TYPE (MrezaStore, mreza_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (mreza-store-error-quark, mreza_store_error)

void
_mreza_sql_set_error (sqlite3     *db,
                      int          rc,
                      GError     **error,
                      const char  *what)
{
  int code = MREZA_STORE_ERROR_FAILED;
  const char *msg = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
      code = MREZA_STORE_ERROR_NOT_A_DATABASE;
      break;
    case SQLITE_CORRUPT:
      code = MREZA_STORE_ERROR_CORRUPT;
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      code = MREZA_STORE_ERROR_BUSY;
      break;
    default:
      break;
    }

  g_set_error (error, MREZA_STORE_ERROR, code, "%s: %s", what, msg);
}

gboolean
_mreza_sql_exec (sqlite3     *db,
                 const char  *sql,
                 GError     **error)
{
  char *errmsg = NULL;
  int rc;

  g_assert (db != NULL);

  rc = sqlite3_exec (db, sql, NULL, NULL, &errmsg);
  if (rc != SQLITE_OK)
    {
      _mreza_sql_set_error (db, rc, error, "SQL failed");
      sqlite3_free (errmsg);
      return FALSE;
    }

  return TRUE;
}

sqlite3_stmt *
_mreza_sql_prepare (sqlite3     *db,
                    const char  *sql,
                    GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_assert (db != NULL);

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _mreza_sql_set_error (db, rc, error, "Cannot prepare a query");
      return NULL;
    }

  return stmt;
}

const char *
_mreza_sql_text (sqlite3_stmt *stmt,
                 int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

char *
_mreza_sql_dup_text (sqlite3_stmt *stmt,
                     int           column)
{
  return g_strdup (_mreza_sql_text (stmt, column));
}

/* Prepares @sql with @id bound to ?1; a %NULL @id leaves ?1 NULL. */
sqlite3_stmt *
_mreza_sql_prepare_with_id (sqlite3     *db,
                            const char  *sql,
                            const char  *id,
                            GError     **error)
{
  sqlite3_stmt *stmt = _mreza_sql_prepare (db, sql, error);

  if (stmt != NULL && id != NULL)
    sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  return stmt;
}

/* Reads the (id, label) rows of @sql, with @id as ?1, into a list of
 * MrezaChoice for a drop-down; a failure is reported as @what. */
GPtrArray *
_mreza_sql_list_choices (sqlite3     *db,
                         const char  *sql,
                         const char  *id,
                         const char  *what,
                         GError     **error)
{
  g_autoptr(GPtrArray) choices = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _mreza_sql_prepare_with_id (db, sql, id, error);
  if (stmt == NULL)
    return NULL;
  choices = g_ptr_array_new_with_free_func ((GDestroyNotify) mreza_choice_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MrezaChoice *choice = g_new0 (MrezaChoice, 1);

      choice->id = _mreza_sql_dup_text (stmt, 0);
      choice->label = _mreza_sql_dup_text (stmt, 1);
      g_ptr_array_add (choices, choice);
    }
  if (rc != SQLITE_DONE)
    {
      _mreza_sql_set_error (db, rc, error, what);
      return NULL;
    }
  return g_steal_pointer (&choices);
}

/* Steps @stmt to the one row a load reads. A row that is not there is
 * told with @missing, a sentence for the person (another device may
 * have deleted it); a failed step as @what with SQLite's message. */
gboolean
_mreza_sql_step_one (sqlite3       *db,
                     sqlite3_stmt  *stmt,
                     const char    *missing,
                     const char    *what,
                     GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, MREZA_STORE_ERROR, MREZA_STORE_ERROR_NOT_FOUND,
                         missing);
  else
    _mreza_sql_set_error (db, rc, error, what);
  return FALSE;
}

static int
run_sql (sqlite3           *db,
         const char        *sql,
         const MrezaSqlVal *vals,
         guint              n_vals)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return rc;
  for (guint i = 0; i < n_vals; i++)
    {
      if (vals[i].is_num)
        sqlite3_bind_int64 (stmt, i + 1, vals[i].num);
      else
        _mreza_sql_bind_text_or_null (stmt, i + 1, vals[i].text);
    }
  rc = sqlite3_step (stmt);
  return rc == SQLITE_ROW ? SQLITE_DONE : rc;
}

/* Runs one write with @vals bound to ?1, ?2, …; a constraint failure
 * is told with @constraint, a sentence for the person, when there is
 * one, anything else as @what with SQLite's message. */
gboolean
_mreza_sql_write (sqlite3            *db,
                  const char         *sql,
                  const MrezaSqlVal  *vals,
                  guint               n_vals,
                  const char         *constraint,
                  const char         *what,
                  GError            **error)
{
  int rc;

  g_assert (db != NULL && sql != NULL && what != NULL);

  rc = run_sql (db, sql, vals, n_vals);
  if (rc == SQLITE_DONE)
    return TRUE;
  if ((rc & 0xff) == SQLITE_CONSTRAINT && constraint != NULL)
    g_set_error_literal (error, MREZA_STORE_ERROR, MREZA_STORE_ERROR_FAILED,
                         constraint);
  else
    _mreza_sql_set_error (db, rc, error, what);
  return FALSE;
}

/* What a form left empty is stored as NULL, not as an empty string. */
void
_mreza_sql_bind_text_or_null (sqlite3_stmt *stmt,
                              int           index,
                              const char   *text)
{
  if (text == NULL || *text == '\0')
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

/* An empty text and no text are the same answer in a form. */
gboolean
_mreza_form_text_equal (const char *a,
                        const char *b)
{
  return g_strcmp0 (a != NULL ? a : "", b != NULL ? b : "") == 0;
}

typedef struct
{
  const char     *id;
  MrezaSqlLoad    load;
  MrezaSqlDelete  delete_row;
  gpointer        snapshot;
} SnapshotDelete;

static gboolean
delete_with_snapshot (sqlite3   *db,
                      gpointer   data,
                      GError   **error)
{
  SnapshotDelete *d = data;

  d->snapshot = d->load (db, d->id, error);
  return d->snapshot != NULL && d->delete_row (db, d->id, error);
}

/* Reads the row @id with @load, then deletes it with @delete_row, in
 * one transaction, so that what is returned for an undo is exactly
 * what was deleted. Returns the snapshot, to be freed with @free_func,
 * or NULL with nothing deleted. */
gpointer
_mreza_sql_delete_with_snapshot (sqlite3         *db,
                                 const char      *id,
                                 MrezaSqlLoad     load,
                                 MrezaSqlDelete   delete_row,
                                 GDestroyNotify   free_func,
                                 GError         **error)
{
  SnapshotDelete d = { id, load, delete_row, NULL };

  g_assert (db != NULL && id != NULL);
  g_assert (load != NULL && delete_row != NULL && free_func != NULL);

  if (!_mreza_sql_transaction (db, delete_with_snapshot, &d, error))
    {
      g_clear_pointer (&d.snapshot, free_func);
      return NULL;
    }
  return d.snapshot;
}

/* Only white space is as good as nothing in a form. */
gboolean
_mreza_form_text_is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

/* Checks each of a record's fields in turn, and sets @error
 * (MREZA_INPUT_ERROR_VALUE) to the first problem, which a form would
 * have shown beside its field. */
gboolean
_mreza_form_validate_fields (gconstpointer    record,
                             MrezaFieldCheck  check,
                             guint            n_fields,
                             GError         **error)
{
  for (guint f = 0; f < n_fields; f++)
    {
      g_autofree char *problem = check (record, f);

      if (problem != NULL)
        {
          g_set_error_literal (error, MREZA_INPUT_ERROR,
                               MREZA_INPUT_ERROR_VALUE, problem);
          return FALSE;
        }
    }
  return TRUE;
}

/* What is wrong with a date someone typed, as a translated sentence,
 * or NULL when it is a real day or empty (whether a date is needed is
 * the caller's to say). */
char *
_mreza_form_check_date (const char *date)
{
  int y, m, d;
  char tail;

  if (date == NULL || *date == '\0' || mreza_date_is_valid (date))
    return NULL;
  if (strlen (date) == 10 && date[4] == '-' && date[7] == '-' &&
      sscanf (date, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3)
    /* Translators: %s is a date someone typed, like 2018-02-30 */
    return g_strdup_printf (_("%s does not exist in the calendar"), date);
  return g_strdup (_("Write the date as year-month-day, for example 2024-03-15"));
}

void
_mreza_store_close_db (sqlite3 *db)
{
  if (db != NULL)
    sqlite3_close_v2 (db);
}

static void
mreza_store_finalize (GObject *object)
{
  MrezaStore *self = (MrezaStore *)object;

  g_clear_pointer (&self->idle_readers, g_ptr_array_unref);
  g_mutex_clear (&self->readers_lock);
  _mreza_store_close_db (self->db);
  g_free (self->path);
  g_free (self->device_id);

  G_OBJECT_CLASS (mreza_store_parent_class)->finalize (object);
}

static void
mreza_store_class_init (MrezaStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mreza_store_finalize;
}

static void
mreza_store_init (MrezaStore *self)
{
  g_mutex_init (&self->readers_lock);
  self->idle_readers =
    g_ptr_array_new_with_free_func ((GDestroyNotify) _mreza_store_close_db);
}

/**
 * mreza_store_default_path:
 *
 * Returns: (transfer full): where the replica lives unless `--replica`
 *   says otherwise: `$XDG_DATA_HOME/mreza/replica.db`
 */
char *
mreza_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "mreza", "replica.db",
                           NULL);
}

static gboolean
query_int (sqlite3     *db,
           const char  *sql,
           int         *out,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!(stmt = _mreza_sql_prepare (db, sql, error)))
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _mreza_sql_set_error (db, rc, error, "Cannot read the replica");
      return FALSE;
    }

  *out = sqlite3_column_int (stmt, 0);
  return TRUE;
}

/* Reads the header fields before anything writes, so that a file that
 * is not SQLite, another program's database or a newer replica is
 * refused without a byte of it changed. */
static gboolean
check_header (MrezaStore  *self,
              gboolean    *out_fresh,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  int app_id = 0;
  int n_tables = 0;

  if (!query_int (self->db, "PRAGMA application_id", &app_id, &local_error) ||
      !query_int (self->db, "PRAGMA user_version", &self->schema_version,
                  &local_error) ||
      !query_int (self->db, "SELECT count(*) FROM sqlite_schema", &n_tables,
                  &local_error))
    {
      if (g_error_matches (local_error, MREZA_STORE_ERROR,
                           MREZA_STORE_ERROR_NOT_A_DATABASE))
        {
          g_clear_error (&local_error);
          g_set_error (&local_error, MREZA_STORE_ERROR,
                       MREZA_STORE_ERROR_NOT_A_DATABASE,
                       _("“%s” is not a Mreža replica (not a SQLite database). "
                         "It was left as it is; choose another file."),
                       self->path);
        }
      else if (g_error_matches (local_error, MREZA_STORE_ERROR,
                                MREZA_STORE_ERROR_CORRUPT))
        {
          g_autofree char *detail = g_strdup (local_error->message);

          g_clear_error (&local_error);
          g_set_error (&local_error, MREZA_STORE_ERROR,
                       MREZA_STORE_ERROR_CORRUPT,
                       _("The replica “%s” is damaged (%s). It was left as "
                         "it is: restore it from a backup, or sync a new "
                         "replica from the coordinator."),
                       self->path, detail);
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  *out_fresh = app_id == 0 && self->schema_version == 0 && n_tables == 0;
  if (*out_fresh)
    return TRUE;

  if (app_id != MREZA_APPLICATION_ID)
    {
      g_set_error (error, MREZA_STORE_ERROR, MREZA_STORE_ERROR_NOT_A_REPLICA,
                   _("“%s” is a database of another program, not a Mreža "
                     "replica. It was left as it is."), self->path);
      return FALSE;
    }

  if (self->schema_version > MREZA_SCHEMA_VERSION)
    {
      g_set_error (error, MREZA_STORE_ERROR, MREZA_STORE_ERROR_TOO_NEW,
                   _("This replica was written by a newer version of Mreža "
                     "(schema %d; this version knows %d). Update Mreža to "
                     "open it; the file was left as it is."),
                   self->schema_version, MREZA_SCHEMA_VERSION);
      return FALSE;
    }

  return TRUE;
}

static gboolean
load_device_id (MrezaStore  *self,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *fresh = NULL;

  stmt = _mreza_sql_prepare (self->db,
                             "SELECT value FROM replica_meta "
                             "WHERE key = 'device_id'", error);
  if (stmt == NULL)
    return FALSE;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      self->device_id = g_strdup (_mreza_sql_text (stmt, 0));
      return TRUE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* A new replica gets a device id of its own: it names the device that
   * changed a row last, and later, the origin of its changes. */
  fresh = mreza_uuid_new_random ();
  stmt = _mreza_sql_prepare (self->db,
                             "INSERT INTO replica_meta (key, value) "
                             "VALUES ('device_id', ?1)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, fresh, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _mreza_sql_set_error (self->db, SQLITE_ERROR, error,
                            "Cannot write the device id");
      return FALSE;
    }

  self->device_id = g_steal_pointer (&fresh);
  return TRUE;
}

static gboolean
configure_connection (sqlite3  *db,
                      gboolean  writer,
                      GError  **error)
{
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (db, TRUE);
  mreza_locale_register_collation (db);

  if (!_mreza_sql_exec (db, "PRAGMA foreign_keys = ON", error))
    return FALSE;
  /* A reader serves one worker's query and then waits idle, and several
   * run at once while a window opens: each with SQLite's default 2 MB
   * page cache, the pages they read stay in memory for nothing. The
   * system's file cache keeps them warm. */
  if (!writer && !_mreza_sql_exec (db, "PRAGMA cache_size = -256", error))
    return FALSE;
  if (writer &&
      !_mreza_sql_exec (db, "PRAGMA journal_mode = WAL;"
                            "PRAGMA synchronous = NORMAL;"
                            "PRAGMA cache_size = -32768", error))
    return FALSE;

  return TRUE;
}

static gboolean
prepare_file (const char           *path,
              MrezaStoreOpenFlags   flags,
              GError              **error)
{
  g_autofree char *dir = NULL;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_set_error (error, MREZA_STORE_ERROR, MREZA_STORE_ERROR_NOT_A_DATABASE,
                       _("“%s” is a folder, not a Mreža replica."), path);
          return FALSE;
        }
      return TRUE;
    }

  if (!(flags & MREZA_STORE_OPEN_CREATE))
    {
      g_set_error (error, MREZA_STORE_ERROR, MREZA_STORE_ERROR_NOT_FOUND,
                   _("There is no replica at “%s”."), path);
      return FALSE;
    }

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot create the folder “%s”: %s"),
                   dir, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

/**
 * mreza_store_open:
 * @path: the replica's file
 * @flags: %MREZA_STORE_OPEN_CREATE to create a missing file
 * @error: return location for a #GError
 *
 * Opens a replica and brings its schema up to date. A file that is not
 * SQLite, belongs to another program, is corrupt or was written by a
 * newer Mreža is refused with a #MREZA_STORE_ERROR, and left untouched.
 *
 * Returns: (transfer full): the store, or %NULL on error
 */
MrezaStore *
mreza_store_open (const char           *path,
                  MrezaStoreOpenFlags   flags,
                  GError              **error)
{
  g_autoptr(MrezaStore) self = NULL;
  gboolean fresh = FALSE;
  int open_flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!prepare_file (path, flags, error))
    return NULL;

  if (flags & MREZA_STORE_OPEN_CREATE)
    open_flags |= SQLITE_OPEN_CREATE;

  self = g_object_new (MREZA_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->db, open_flags, NULL);
  if (rc != SQLITE_OK)
    {
      _mreza_sql_set_error (self->db, rc, error, _("Cannot open the replica"));
      return NULL;
    }

  if (!check_header (self, &fresh, error) ||
      !configure_connection (self->db, TRUE, error))
    return NULL;

  if (fresh &&
      !_mreza_sql_exec (self->db, "PRAGMA application_id = 1297237338",
                        error))
    return NULL;

  if (!_mreza_store_migrate (self->db, self->schema_version, error))
    return NULL;
  self->schema_version = MREZA_SCHEMA_VERSION;

  if (!load_device_id (self, error))
    return NULL;

  /* An initial pull killed midway left the replica without its
   * secondary indexes and search entries (mreza-sync-bulk.c): they are
   * made whole before anyone reads it. Failing that (another process
   * holds the write lock), the next open or pull tries again. */
  if (_mreza_sync_bulk_is_pending (self->db))
    {
      g_autoptr(GError) local_error = NULL;

      if (!_mreza_sync_bulk_finish (self->db, &local_error))
        g_message ("Cannot finish an interrupted initial sync: %s",
                   local_error->message);
    }

  return g_steal_pointer (&self);
}

const char *
mreza_store_get_path (MrezaStore *self)
{
  g_return_val_if_fail (MREZA_IS_STORE (self), NULL);

  return self->path;
}

const char *
mreza_store_get_device_id (MrezaStore *self)
{
  g_return_val_if_fail (MREZA_IS_STORE (self), NULL);

  return self->device_id;
}

int
mreza_store_get_schema_version (MrezaStore *self)
{
  g_return_val_if_fail (MREZA_IS_STORE (self), 0);

  return self->schema_version;
}

/**
 * mreza_store_get_db:
 * @self: a #MrezaStore
 *
 * Returns: (transfer none): the connection; only for the thread that
 *   opened the store
 */
sqlite3 *
mreza_store_get_db (MrezaStore *self)
{
  g_return_val_if_fail (MREZA_IS_STORE (self), NULL);

  return self->db;
}

/**
 * mreza_store_open_reader:
 * @self: a #MrezaStore
 * @error: return location for a #GError
 *
 * Opens a read-only connection to the same replica, for a worker
 * thread, or hands out one a worker released. The caller owns it and
 * closes it with sqlite3_close(), or gives it back with
 * mreza_store_release_reader(). May be called from any thread.
 *
 * Returns: (transfer full): the connection, or %NULL on error
 */
sqlite3 *
mreza_store_open_reader (MrezaStore  *self,
                         GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  g_return_val_if_fail (MREZA_IS_STORE (self), NULL);

  g_mutex_lock (&self->readers_lock);
  if (self->idle_readers->len > 0)
    db = g_ptr_array_steal_index (self->idle_readers,
                                  self->idle_readers->len - 1);
  g_mutex_unlock (&self->readers_lock);
  if (db != NULL)
    return db;

  rc = sqlite3_open_v2 (self->path, &db,
                        SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK || !configure_connection (db, FALSE, error))
    {
      if (rc != SQLITE_OK)
        _mreza_sql_set_error (db, rc, error, _("Cannot open the replica"));
      sqlite3_close_v2 (db);
      return NULL;
    }

  return db;
}

/**
 * mreza_store_release_reader:
 * @self: a #MrezaStore
 * @db: (transfer full) (nullable): a connection from
 *   mreza_store_open_reader(), whose statements are all finalized
 *
 * Gives a worker's connection back, for the next worker to use without
 * opening one; closes it when enough are kept or when it is still in a
 * transaction. May be called from any thread.
 */
void
mreza_store_release_reader (MrezaStore *self,
                            sqlite3    *db)
{
  g_return_if_fail (MREZA_IS_STORE (self));

  if (db == NULL)
    return;

  if (sqlite3_get_autocommit (db) && sqlite3_next_stmt (db, NULL) == NULL)
    {
      g_mutex_lock (&self->readers_lock);
      if (self->idle_readers->len < MAX_IDLE_READERS)
        g_ptr_array_add (self->idle_readers, g_steal_pointer (&db));
      g_mutex_unlock (&self->readers_lock);
    }

  _mreza_store_close_db (db);
}

/**
 * mreza_store_count:
 * @self: a #MrezaStore
 * @table: a table of the schema
 * @error: return location for a #GError
 *
 * Returns: the number of rows in @table, or -1 on error
 */
gint64
mreza_store_count (MrezaStore  *self,
                   const char  *table,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;

  g_return_val_if_fail (MREZA_IS_STORE (self), -1);
  g_return_val_if_fail (table != NULL, -1);

  sql = sqlite3_mprintf ("SELECT count(*) FROM \"%w\"", table);
  stmt = _mreza_sql_prepare (self->db, sql, error);
  sqlite3_free (g_steal_pointer (&sql));
  if (stmt == NULL)
    return -1;

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _mreza_sql_set_error (self->db, SQLITE_ERROR, error, "Cannot count");
      return -1;
    }

  return sqlite3_column_int64 (stmt, 0);
}

/**
 * mreza_store_is_empty:
 * @self: a #MrezaStore
 *
 * Returns: %TRUE if the replica holds no action plan and no directory yet
 */
gboolean
mreza_store_is_empty (MrezaStore *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MREZA_IS_STORE (self), TRUE);

  stmt = _mreza_sql_prepare (self->db,
                             "SELECT EXISTS (SELECT 1 FROM plan) "
                             "OR EXISTS (SELECT 1 FROM institution) "
                             "OR EXISTS (SELECT 1 FROM team)", NULL);

  return stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW ||
         sqlite3_column_int (stmt, 0) == 0;
}
