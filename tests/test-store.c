/* test-store.c: opening replicas, migrations, refusing foreign files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mreza-store.h"
#include "mreza-test-utils.h"

static void
test_store_create (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "sub", "replica.db", NULL);
  g_autoptr(MrezaStore) store = NULL;
  g_autoptr(MrezaStore) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *device = NULL;
  sqlite3_stmt *stmt = NULL;

  store = mreza_store_open (path, MREZA_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (mreza_store_get_schema_version (store), ==,
                   MREZA_SCHEMA_VERSION);
  g_assert_true (g_uuid_string_is_valid (mreza_store_get_device_id (store)));
  g_assert_true (mreza_store_is_empty (store));
  g_assert_cmpint (test_query_int (store, "PRAGMA user_version"), ==,
                   MREZA_SCHEMA_VERSION);
  g_assert_cmpint (test_query_int (store, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (test_query_int (store, "PRAGMA application_id"), ==,
                   0x4d52455a);

  sqlite3_prepare_v2 (mreza_store_get_db (store), "PRAGMA journal_mode", -1,
                      &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);

  /* The device id is the replica's, not the process's. */
  device = g_strdup (mreza_store_get_device_id (store));
  g_clear_object (&store);
  again = mreza_store_open (path, MREZA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mreza_store_get_device_id (again), ==, device);
}

static void
test_store_missing (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "nothing.db", NULL);
  g_autoptr(GError) error = NULL;
  MrezaStore *store;

  store = mreza_store_open (path, MREZA_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, MREZA_STORE_ERROR, MREZA_STORE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* Opening must refuse the file and leave every byte of it as it was. */
static void
assert_refused (const char *path,
                int         code)
{
  g_autofree char *before = test_file_checksum (path);
  g_autofree char *after = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  MrezaStore *store;

  store = mreza_store_open (path, MREZA_STORE_OPEN_CREATE, &error);
  g_assert_null (store);
  g_assert_error (error, MREZA_STORE_ERROR, code);
  g_assert_nonnull (strstr (error->message, "left as it is"));

  after = test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_store_not_sqlite (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "notes.db", NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < 200; i++)
    g_string_append (text, "Ovo nije baza podataka, već beleška. ");
  test_write_file (path, text->str);

  assert_refused (path, MREZA_STORE_ERROR_NOT_A_DATABASE);
}

static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
test_store_other_program (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "other.db", NULL);

  raw_exec (path, "CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT);"
                  "INSERT INTO photos (name) VALUES ('x')");

  assert_refused (path, MREZA_STORE_ERROR_NOT_A_REPLICA);
}

static void
test_store_too_new (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "newer.db", NULL);
  g_autoptr(MrezaStore) store = test_open_store (dir, "newer.db");
  g_autoptr(GError) error = NULL;

  g_clear_object (&store);
  /* Leave no WAL behind, so that the checksum covers the whole file. */
  raw_exec (path, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99");

  assert_refused (path, MREZA_STORE_ERROR_TOO_NEW);

  store = mreza_store_open (path, MREZA_STORE_OPEN_DEFAULT, &error);
  g_assert_error (error, MREZA_STORE_ERROR, MREZA_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer version"));
}

static void
test_store_corrupt (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "broken.db", NULL);
  g_autoptr(MrezaStore) store = test_open_store (dir, "broken.db");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;

  g_clear_object (&store);
  raw_exec (path, "PRAGMA journal_mode = DELETE");

  /* Scribble over the schema table on page 1, past the 100-byte header
   * that says "SQLite format 3". */
  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (len, >, 4096);
  memset (contents + 100, 0xA5, 3000);
  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);

  assert_refused (path, MREZA_STORE_ERROR_CORRUPT);
}

static void
test_store_migration_atomic (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "fresh.db", NULL);
  g_autoptr(MrezaStore) store = NULL;
  g_autoptr(GError) error = NULL;

  /* An empty SQLite file (as left by a crash before the first
   * migration committed) is a fresh replica. */
  raw_exec (path, "PRAGMA user_version = 0");
  store = mreza_store_open (path, MREZA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_count (store, "goal"), ==, 0);
}

static void
test_store_rows_have_meta (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(MrezaStore) store = test_open_store (dir, "meta.db");
  sqlite3 *db = mreza_store_get_db (store);
  const char *tables[] = {
    "institution", "team", "team_member", "contact", "plan", "goal",
    "activity", "task", "task_institution", "indicator", "indicator_value",
    "project", "project_partner", "budget_line", "risk", "joint_action",
    "joint_action_institution", "joint_action_indicator", "meeting",
    "meeting_agenda_item", "meeting_invitee", "meeting_follow_up",
  };

  /* Every synced table has the same bookkeeping columns and a UUID key. */
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      const char *cols[] = { "id", "created_at", "modified_at", "modified_by" };

      for (guint c = 0; c < G_N_ELEMENTS (cols); c++)
        {
          const char *type = NULL;
          int pk = 0;

          g_assert_cmpint (sqlite3_table_column_metadata (db, NULL, tables[i],
                                                          cols[c], &type, NULL,
                                                          NULL, &pk, NULL),
                           ==, SQLITE_OK);
          g_assert_cmpstr (type, ==, "TEXT");
          g_assert_cmpint (pk, ==, c == 0);
        }
    }
}

/* Workers hand their connections back: the next worker gets one
 * already open (its schema read), reading what the writer wrote since;
 * a connection still reading is closed, not kept. */
static void
test_store_readers (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(MrezaStore) store = test_open_store (dir, "readers.db");
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *first, *second, *third;

  first = mreza_store_open_reader (store, &error);
  g_assert_no_error (error);
  second = mreza_store_open_reader (store, &error);
  g_assert_no_error (error);
  g_assert_true (first != second);
  g_assert_true (sqlite3_db_readonly (first, "main") == 1);
  g_assert_cmpint (sqlite3_prepare_v2 (first, "SELECT count(*) FROM team",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  sqlite3_finalize (stmt);

  mreza_store_release_reader (store, first);
  third = mreza_store_open_reader (store, &error);
  g_assert_no_error (error);
  g_assert_true (third == first);

  /* What the writer commits, a kept connection reads. */
  g_assert_cmpint (sqlite3_exec (mreza_store_get_db (store),
    "INSERT INTO team (id, created_at, modified_at, modified_by, name,"
    " town) VALUES ('00000000-0000-4000-8000-000000000001', 'x', 'x', 'x',"
    " 'Lokalni tim Čačak', 'Čačak')", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (third, "SELECT count(*) FROM team",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);

  /* Still reading: not kept (closed once its statement is), and the
   * next worker opens another. */
  mreza_store_release_reader (store, third);
  third = mreza_store_open_reader (store, &error);
  g_assert_no_error (error);
  g_assert_true (third != first);
  sqlite3_finalize (stmt);

  mreza_store_release_reader (store, second);
  mreza_store_release_reader (store, third);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/create", test_store_create);
  g_test_add_func ("/store/missing", test_store_missing);
  g_test_add_func ("/store/not-sqlite", test_store_not_sqlite);
  g_test_add_func ("/store/other-program", test_store_other_program);
  g_test_add_func ("/store/too-new", test_store_too_new);
  g_test_add_func ("/store/corrupt", test_store_corrupt);
  g_test_add_func ("/store/migration-atomic", test_store_migration_atomic);
  g_test_add_func ("/store/rows-have-meta", test_store_rows_have_meta);
  g_test_add_func ("/store/readers", test_store_readers);

  return g_test_run ();
}
