/* test-sync-e2e.c: replicas syncing through the real coordinator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The client is core's (mreza_sync_join, mreza_sync_run) and
 * `mreza-cli`; the coordinator runs for real on 127.0.0.1 with a test
 * certificate (server-fixture.c). Covers team scoping seen from a
 * replica, refusals that keep every local edit, TLS verification, and
 * clients killed with SIGKILL at random points of a sync.
 */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "mreza-bench-gen.h"
#include "mreza-dump.h"
#include "mreza-sync.h"
#include "mreza-access.h"
#include "mreza-peers.h"
#include "mreza-tasks.h"
#include "mreza-test-utils.h"
#include "server-fixture.h"

#define NIS_TEAM "86b81978-b38d-5054-a4cb-ad9105414d30"

typedef struct
{
  ServerFixture server;
  MrezaStore   *national;
  MrezaStore   *nis;
} Fixture;

static void
join (Fixture    *f,
      MrezaStore *store,
      const char *team,
      const char *role)
{
  g_autofree char *code = server_new_code (&f->server, team, role);
  g_autoptr(GError) error = NULL;

  mreza_sync_join (store, f->server.url, code, f->server.cert, NULL, "test",
                   NULL, &error);
  g_assert_no_error (error);
}

static void
sync_ok (MrezaStore     *store,
         MrezaSyncStats *stats)
{
  g_autoptr(GError) error = NULL;

  mreza_sync_run (store, NULL, NULL, stats, NULL, &error);
  g_assert_no_error (error);
}

/* The demo's teams are registered with their ids, as the README's run
 * command does; the national coordinator seeds the plan. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *demo = test_demo_dir ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status;

  server_fixture_setup (&f->server, NULL);
  out = server_cli (&f->server, &status, NULL, "team", "add",
                    "Lokalni tim Niš", "--id", NIS_TEAM, NULL);
  g_assert_cmpint (status, ==, 0);
  g_free (server_add_team (&f->server, "Nacionalni koordinator"));

  f->national = test_open_store (f->server.dir, "national.db");
  f->nis = test_open_store (f->server.dir, "nis.db");
  mreza_import_path (f->national, demo, NULL, &error);
  g_assert_no_error (error);

  join (f, f->national, "Nacionalni koordinator", "coordinator");
  join (f, f->nis, "Lokalni tim Niš", "member");
  sync_ok (f->national, NULL);
  sync_ok (f->nis, NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->national);
  g_clear_object (&f->nis);
  server_fixture_teardown (&f->server, NULL);
}

static void
exec (MrezaStore *store,
      const char *sql)
{
  char *err = NULL;

  if (sqlite3_exec (mreza_store_get_db (store), sql, NULL, NULL, &err) !=
      SQLITE_OK)
    g_error ("%s: %s", sql, err);
}

static void
test_scope (Fixture       *f,
            gconstpointer  data)
{
  /* A member holds the whole plan and directory, and only its own
   * team's rows. */
  g_assert_cmpint (test_count (f->nis, "task"), ==, 64);
  g_assert_cmpint (test_count (f->nis, "institution"), ==, 108);
  g_assert_cmpint (test_count (f->nis, "team"), ==, 1);
  g_assert_cmpint (test_query_int (f->nis, "SELECT count(*) FROM joint_action"
                                           " WHERE team_id <> '" NIS_TEAM "'"),
                   ==, 0);
  g_assert_cmpint (test_query_int (f->nis, "SELECT count(*) FROM contact"
                                           " WHERE team_id <> '" NIS_TEAM "'"),
                   ==, 0);
  g_assert_cmpint (test_query_int (f->nis, "SELECT count(*) FROM joint_action"),
                   ==, test_query_int (f->national,
                                       "SELECT count(*) FROM joint_action"
                                       " WHERE team_id = '" NIS_TEAM "'"));
  g_assert_cmpint (mreza_sync_count_pending (f->nis), ==, 0);
}

static void
test_edit_round_trip (Fixture       *f,
                      gconstpointer  data)
{
  MrezaSyncStats stats = { 0 };

  exec (f->nis, "UPDATE joint_action SET place = 'Niš, Dom omladine'"
                " WHERE team_id = '" NIS_TEAM "'");
  sync_ok (f->nis, &stats);
  g_assert_cmpint (stats.pushed, >, 0);
  g_assert_cmpint (mreza_sync_count_pending (f->nis), ==, 0);

  sync_ok (f->national, &stats);
  g_assert_cmpint (stats.pulled, ==, test_query_int (f->national,
    "SELECT count(*) FROM joint_action WHERE team_id = '" NIS_TEAM "'"));
  g_assert_cmpint (test_query_int (f->national,
                                   "SELECT count(*) FROM joint_action WHERE"
                                   " place = 'Niš, Dom omladine'"), ==,
                   stats.pulled);

  /* Nothing to do: nothing moves. */
  sync_ok (f->nis, &stats);
  g_assert_cmpint (stats.pushed + stats.pulled, ==, 0);
}

static void
test_forbidden_keeps_edits (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* A member may not change the national plan: the batch is refused
   * whole, and the edits wait, visible, in the outbox. */
  exec (f->nis, "UPDATE goal SET title = 'Lokalna izmena' WHERE number = 1");
  exec (f->nis, "UPDATE joint_action SET note = 'x' WHERE team_id = '"
                NIS_TEAM "'");
  g_assert_false (mreza_sync_run (f->nis, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, MREZA_SYNC_ERROR, MREZA_SYNC_ERROR_FORBIDDEN);
  g_assert_cmpint (mreza_sync_count_pending (f->nis), >=, 2);
  g_assert_cmpint (test_query_int (f->nis, "SELECT count(*) FROM goal WHERE"
                                           " title = 'Lokalna izmena'"), ==, 1);
}

/* A change the coordinator refuses holds back only the changes after
 * it: those before it are sent, what others sent still arrives, and a
 * person can undo it, which puts the row back as the coordinator has it
 * and lets the rest go. */
static void
test_undo_refused (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrezaSyncRefused) refused = NULL;
  g_autofree char *goal = NULL;
  g_autofree char *title = NULL;
  g_autofree char *risk = NULL;
  g_autofree char *risk_text = NULL;
  gint64 before, after;

  goal = test_query_text (f->nis, "SELECT id FROM goal WHERE number = 1");
  title = test_query_text (f->nis, "SELECT title FROM goal WHERE number = 1");
  exec (f->nis, "UPDATE joint_action SET note = 'prije' WHERE team_id = '"
                NIS_TEAM "'");
  before = mreza_sync_count_pending (f->nis);
  exec (f->nis, "UPDATE goal SET title = 'Lokalna izmena' WHERE number = 1");
  exec (f->nis, "UPDATE contact SET phone = '018 999 999' WHERE team_id = '"
                NIS_TEAM "'");
  after = mreza_sync_count_pending (f->nis) - before - 1;
  g_assert_cmpint (after, >, 0);
  exec (f->national, "UPDATE task SET title = 'Nacionalna izmena'"
                     " WHERE rowid = 2");
  sync_ok (f->national, NULL);

  g_assert_false (mreza_sync_run (f->nis, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, MREZA_SYNC_ERROR, MREZA_SYNC_ERROR_FORBIDDEN);
  g_clear_error (&error);
  /* Before it: sent; it and after it: waiting; the others': received. */
  g_assert_cmpint (mreza_sync_count_pending (f->nis), ==, 1 + after);
  g_assert_cmpint (test_query_int (f->nis, "SELECT count(*) FROM task"
                                           " WHERE title = 'Nacionalna izmena'"),
                   ==, 1);
  sync_ok (f->national, NULL);
  g_assert_cmpint (test_query_int (f->national, "SELECT count(*) FROM"
                                   " joint_action WHERE note = 'prije'"), ==,
                   before);

  refused = mreza_sync_dup_refused (f->nis);
  g_assert_nonnull (refused);
  g_assert_cmpstr (refused->table, ==, "goal");
  g_assert_cmpstr (refused->row_id, ==, goal);
  g_assert_false (refused->deleted);
  g_assert_cmpuint (refused->n_waiting, ==, 1 + after);
  g_assert_nonnull (strstr (refused->reason, "coordinator device"));

  /* Undone: the coordinator's title is back, nothing of it is sent. */
  g_assert_true (mreza_sync_undo_refused (f->nis, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (mreza_sync_dup_refused (f->nis));
  g_assert_cmpint (mreza_sync_count_pending (f->nis), ==, after);
  {
    g_autofree char *now = test_query_text (f->nis, "SELECT title FROM goal"
                                                    " WHERE number = 1");
    g_assert_cmpstr (now, ==, title);
  }

  sync_ok (f->nis, NULL);
  g_assert_cmpint (mreza_sync_count_pending (f->nis), ==, 0);
  sync_ok (f->national, NULL);
  g_assert_cmpint (test_query_int (f->national, "SELECT count(*) FROM contact"
                                   " WHERE phone = '018 999 999'"), ==, after);

  /* A refused delete: the row comes back whole. */
  risk = test_query_text (f->nis, "SELECT id FROM risk ORDER BY id LIMIT 1");
  risk_text = test_query_text (f->nis, "SELECT text FROM risk ORDER BY id"
                                       " LIMIT 1");
  exec (f->nis, "DELETE FROM risk WHERE rowid = (SELECT rowid FROM risk"
                " ORDER BY id LIMIT 1)");
  g_assert_false (mreza_sync_run (f->nis, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, MREZA_SYNC_ERROR, MREZA_SYNC_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_clear_pointer (&refused, mreza_sync_refused_free);
  refused = mreza_sync_dup_refused (f->nis);
  g_assert_nonnull (refused);
  g_assert_true (refused->deleted);
  g_assert_cmpstr (refused->row_id, ==, risk);
  g_assert_true (mreza_sync_undo_refused (f->nis, NULL, NULL, &error));
  g_assert_no_error (error);
  {
    g_autofree char *back = test_query_text (f->nis, "SELECT text FROM risk"
                                                     " ORDER BY id LIMIT 1");
    g_assert_cmpstr (back, ==, risk_text);
  }
  sync_ok (f->nis, NULL);
  {
    g_autofree char *check = test_query_text (f->nis, "PRAGMA integrity_check");
    g_assert_cmpstr (check, ==, "ok");
  }
}

static void
test_revoked_keeps_edits (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *device = mreza_sync_dup_state (f->nis, "device");
  g_autofree char *out = NULL;
  g_autofree char *last = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  out = server_cli (&f->server, &status, NULL, "revoke", device, NULL);
  g_assert_cmpint (status, ==, 0);

  exec (f->nis, "UPDATE joint_action SET note = 'posle opoziva'"
                " WHERE team_id = '" NIS_TEAM "'");
  g_assert_false (mreza_sync_run (f->nis, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, MREZA_SYNC_ERROR, MREZA_SYNC_ERROR_UNAUTHORIZED);
  g_assert_cmpint (mreza_sync_count_pending (f->nis), >, 0);
  g_assert_cmpint (test_query_int (f->nis, "SELECT count(*) FROM joint_action"
                                           " WHERE note = 'posle opoziva'"),
                   >, 0);
  last = mreza_sync_dup_state (f->nis, "last_error");
  g_assert_nonnull (last);
}

static void
test_tls_refused (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(MrezaStore) other = test_open_store (f->server.dir, "other.db");
  g_autofree char *code = server_new_code (&f->server, "Lokalni tim Niš",
                                           "member");
  g_autofree char *token = NULL;
  g_autoptr(GError) error = NULL;

  /* No CA and no pin: the test certificate is not trusted, and nothing
   * is sent. */
  g_assert_false (mreza_sync_join (other, f->server.url, code, NULL, NULL,
                                   "x", NULL, &error));
  g_assert_error (error, MREZA_SYNC_ERROR, MREZA_SYNC_ERROR_TLS);
  token = mreza_sync_token_path (other);
  g_assert_false (g_file_test (token, G_FILE_TEST_EXISTS));
  g_assert_false (mreza_sync_is_joined (other));
  g_clear_error (&error);

  /* A wrong pin is refused too. */
  g_assert_false (mreza_sync_join (other, f->server.url, code, NULL,
                                   "00112233445566778899aabbccddeeff00112233"
                                   "445566778899aabbccddeeff", "x", NULL,
                                   &error));
  g_assert_error (error, MREZA_SYNC_ERROR, MREZA_SYNC_ERROR_TLS);
  g_clear_error (&error);

  /* Plain http is never used. */
  g_assert_false (mreza_sync_join (other, "http://127.0.0.1:1", code, NULL,
                                   NULL, "x", NULL, &error));
  g_assert_error (error, MREZA_SYNC_ERROR, MREZA_SYNC_ERROR_TLS);
}

static void
test_wrong_code (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(MrezaStore) other = test_open_store (f->server.dir, "other.db");
  g_autoptr(GError) error = NULL;

  g_assert_false (mreza_sync_join (other, f->server.url, "AAAA-BBBB-CCCC",
                                   f->server.cert, NULL, "x", NULL, &error));
  g_assert_nonnull (error);
  g_assert_false (mreza_sync_is_joined (other));
}

static char *
dump_of (MrezaStore *store)
{
  g_autofree char *path = g_strconcat (mreza_store_get_path (store), ".dump",
                                       NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;
  FILE *out = fopen (path, "w");

  g_assert_nonnull (out);
  mreza_store_dump (store, out, &error);
  g_assert_no_error (error);
  fclose (out);
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);

  return text;
}

/* Runs `mreza-cli sync` and kills it with SIGKILL after @delay_us. */
static void
killed_sync (const char *replica,
             gulong      delay_us)
{
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                           G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                           MREZA_CLI, "--replica", replica, "sync", NULL);
  g_assert_no_error (error);
  g_usleep (delay_us);
  g_subprocess_send_signal (proc, SIGKILL);
  g_subprocess_wait (proc, NULL, NULL);
}

static void
test_client_killed (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *big = g_build_filename (f->server.dir, "big.db", NULL);
  g_autofree char *fresh = g_build_filename (f->server.dir, "fresh.db", NULL);
  g_autoptr(MrezaStore) store = NULL;
  g_autoptr(MrezaStore) reader = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autoptr(GError) error = NULL;
  GRand *rand = g_rand_new_with_seed (42);
  guint kills = g_test_slow () ? 500 : 50;

  /* A replica with 20,000 rows to push, killed at random points. */
  g_assert_true (mreza_bench_generate (big, 20000, &error));
  g_assert_no_error (error);
  store = mreza_store_open (big, MREZA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  join (f, store, "Nacionalni koordinator", "coordinator");
  g_clear_object (&store);
  for (guint i = 0; i < kills / 2; i++)
    killed_sync (big, g_rand_int_range (rand, 0, 150000));

  /* A new replica pulling it all, killed at random points too. */
  store = mreza_store_open (fresh, MREZA_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  join (f, store, "Nacionalni koordinator", "coordinator");
  g_clear_object (&store);
  for (guint i = 0; i < kills / 2; i++)
    killed_sync (i % 2 ? fresh : big, g_rand_int_range (rand, 0, 150000));

  /* Then each finishes, and both hold the same rows, each once. */
  store = mreza_store_open (big, MREZA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  sync_ok (store, NULL);
  reader = mreza_store_open (fresh, MREZA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  sync_ok (reader, NULL);
  sync_ok (f->national, NULL);

  g_assert_cmpint (mreza_sync_count_pending (store), ==, 0);
  g_assert_cmpint (test_query_int (store, "SELECT integrity_check = 'ok'"
                                          " FROM pragma_integrity_check"),
                   ==, 1);
  g_assert_cmpint (test_query_int (reader, "SELECT integrity_check = 'ok'"
                                           " FROM pragma_integrity_check"),
                   ==, 1);
  /* Coordinator-role replicas see every row: all three converge. */
  a = dump_of (store);
  b = dump_of (reader);
  g_assert_cmpstr (a, ==, b);
  g_free (b);
  b = dump_of (f->national);
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpint (test_count (reader, "institution"), ==,
                   test_count (f->national, "institution"));
  g_assert_cmpint (test_count (reader, "joint_action"), >, 16000);
  g_rand_free (rand);
}

/* A query's rows as text, one per line, read without mreza_store_open()
 * (which would finish an interrupted bulk load). */
static char *
raw_query (const char *path,
           const char *sql)
{
  GString *out = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        g_string_append_printf (out, "%s|", sqlite3_column_text (stmt, c));
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return g_string_free (out, FALSE);
}

/* As the sqlite3 shell would write: the replica's triggers run. */
static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *err = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_exec (db, sql, NULL, NULL, &err) != SQLITE_OK)
    g_error ("%s: %s", sql, err);
  sqlite3_close (db);
}

#define SCHEMA_SQL "SELECT type, name, sql FROM sqlite_master" \
                   " WHERE type IN ('index', 'trigger', 'table')" \
                   " ORDER BY type, name"

/* An initial pull loads in bulk (mreza-sync-bulk.c): killed while the
 * load is pending, the replica is whole again at the next open, with
 * every index, trigger and search entry, and the next sync ends it. */
static void
test_bulk_killed (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *big = g_build_filename (f->server.dir, "big.db", NULL);
  g_autofree char *fresh = g_build_filename (f->server.dir, "fresh.db", NULL);
  g_autofree char *schema = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autoptr(MrezaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *word = "SELECT count (*) FROM search WHERE search MATCH 'mre*'";
  gboolean caught = FALSE;

  /* More than one run of a bulk load (100,000 changes each). */
  g_assert_true (mreza_bench_generate (big, 110000, &error));
  g_assert_no_error (error);
  store = mreza_store_open (big, MREZA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  join (f, store, "Nacionalni koordinator", "coordinator");
  sync_ok (store, NULL);
  g_clear_object (&store);
  schema = raw_query (big, SCHEMA_SQL);

  store = mreza_store_open (fresh, MREZA_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  join (f, store, "Nacionalni koordinator", "coordinator");
  g_clear_object (&store);

  /* Killed later and later, until a run of the load was committed and
   * the load was not finished: until then each sync starts it again. */
  for (guint i = 0; i < 80 && !caught; i++)
    {
      g_autofree char *pending = NULL;

      killed_sync (fresh, 300000 + i * 100000);
      pending = raw_query (fresh, "SELECT count (*) FROM sqlite_master"
                                  " WHERE name = 'sync_bulk_ddl'");
      if (g_str_equal (pending, "1|\n"))
        {
          g_free (pending);
          pending = raw_query (fresh, "SELECT count (*) > 0"
                                      " FROM sync_bulk_row");
          caught = g_str_equal (pending, "1|\n");
        }
    }
  g_assert_true (caught);
  g_free (a);
  a = raw_query (fresh, SCHEMA_SQL);
  g_assert_cmpstr (a, !=, schema);

  /* A local edit of a row loaded in bulk records the row's own clock
   * as its base, as it would after the load. */
  g_free (b);
  b = raw_query (fresh, "SELECT hlc FROM sync_bulk_row WHERE tbl ="
                        " 'joint_action' ORDER BY rowid DESC LIMIT 1");
  g_assert_cmpuint (strlen (b), >, 2);
  raw_exec (fresh, "UPDATE joint_action SET title = title || ' (lokalno)'"
                   " WHERE id = (SELECT row_id FROM sync_bulk_row"
                   " WHERE tbl = 'joint_action'"
                   " ORDER BY rowid DESC LIMIT 1)");
  g_free (a);
  a = raw_query (fresh, "SELECT r.hlc FROM sync_outbox o JOIN sync_row r"
                        " ON r.tbl = o.tbl AND r.row_id = o.row_id"
                        " WHERE json_extract (o.bases, '$.title') = r.hlc"
                        " AND json_extract (r.fields, '$.title') = o.hlc");
  g_assert_cmpstr (a, ==, b);

  /* Opening finishes the load: the schema is the source's again. */
  store = mreza_store_open (fresh, MREZA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  g_free (a);
  a = raw_query (fresh, SCHEMA_SQL);
  g_assert_cmpstr (a, ==, schema);
  g_free (a);
  a = raw_query (fresh, "SELECT integrity_check FROM pragma_integrity_check");
  g_assert_cmpstr (a, ==, "ok|\n");
  g_free (a);
  a = raw_query (fresh, "SELECT count (*) FROM search_doc d WHERE NOT EXISTS"
                        " (SELECT 1 FROM search s WHERE s.rowid = d.rid)");
  g_assert_cmpstr (a, ==, "0|\n");

  /* The pull resumes where it stopped and ends like the source. */
  store = mreza_store_open (fresh, MREZA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  sync_ok (store, NULL);
  g_clear_object (&store);
  g_free (a);
  a = raw_query (fresh, SCHEMA_SQL);
  g_assert_cmpstr (a, ==, schema);
  g_free (a);
  a = raw_query (fresh, "SELECT integrity_check FROM pragma_integrity_check");
  g_assert_cmpstr (a, ==, "ok|\n");
  g_free (a);
  g_free (b);
  a = raw_query (fresh, word);
  b = raw_query (big, word);
  g_assert_cmpstr (a, !=, "0|\n");
  g_assert_cmpstr (a, ==, b);
  g_free (a);
  g_free (b);
  a = raw_query (fresh, "SELECT count (*) FROM sync_row");
  b = raw_query (big, "SELECT count (*) FROM sync_row");
  g_assert_cmpstr (a, ==, b);

  /* The source pulls the local edit back: both end alike. */
  store = mreza_store_open (big, MREZA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  sync_ok (store, NULL);
  g_free (a);
  a = dump_of (store);
  g_assert_nonnull (strstr (a, " (lokalno)"));
  g_clear_object (&store);
  store = mreza_store_open (fresh, MREZA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_free (b);
  b = dump_of (store);
  g_assert_cmpstr (a, ==, b);
}

/* A loopback proxy that forwards bytes both ways and cuts the
 * connection after @cut_after bytes from the coordinator: a connection
 * lost mid-body. Runs on its own thread, with its own main context. */
typedef struct
{
  GSocketListener *listener;
  guint16          port;
  guint16          target;
  gsize            cut_after;
  GThread         *thread;
  GMainLoop       *loop;
  GMainContext    *context;
} CutProxy;

static void
pump (GSocketConnection *from,
      GSocketConnection *to,
      gsize              limit)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (from));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (to));
  char buf[4096];
  gsize total = 0;
  gssize n;

  while ((n = g_input_stream_read (in, buf, sizeof buf, NULL, NULL)) > 0)
    {
      gsize send = limit ? MIN ((gsize) n, limit - total) : (gsize) n;

      if (!g_output_stream_write_all (out, buf, send, NULL, NULL, NULL))
        break;
      total += send;
      if (limit && total >= limit)
        break;
    }
  /* The sockets, not the streams: the other direction's thread may be
   * blocked reading, and only closing the socket wakes it. */
  g_socket_shutdown (g_socket_connection_get_socket (from), TRUE, TRUE, NULL);
  g_socket_shutdown (g_socket_connection_get_socket (to), TRUE, TRUE, NULL);
}

typedef struct
{
  GSocketConnection *a, *b;
  gsize              limit;
} Pipe;

static gpointer
pump_thread (gpointer data)
{
  Pipe *p = data;

  pump (p->a, p->b, p->limit);
  g_object_unref (p->a);
  g_object_unref (p->b);
  g_free (p);
  return NULL;
}

static gboolean
proxy_incoming_cb (GSocketService    *service,
                   GSocketConnection *client,
                   GObject           *source,
                   CutProxy          *proxy)
{
  g_autoptr(GSocketClient) connector = g_socket_client_new ();
  GSocketConnection *server;
  Pipe *up, *down;

  server = g_socket_client_connect_to_host (connector, "127.0.0.1",
                                            proxy->target, NULL, NULL);
  if (server == NULL)
    return TRUE;

  up = g_new0 (Pipe, 1);
  up->a = g_object_ref (client);
  up->b = g_object_ref (server);
  down = g_new0 (Pipe, 1);
  down->a = server;
  down->b = g_object_ref (client);
  down->limit = proxy->cut_after;
  g_thread_unref (g_thread_new ("up", pump_thread, up));
  g_thread_unref (g_thread_new ("down", pump_thread, down));

  return TRUE;
}

static gpointer
proxy_thread (gpointer data)
{
  CutProxy *proxy = data;

  g_main_context_push_thread_default (proxy->context);
  g_main_loop_run (proxy->loop);
  g_main_context_pop_thread_default (proxy->context);
  return NULL;
}

static void
cut_proxy_start (CutProxy   *proxy,
                 const char *url,
                 gsize       cut_after)
{
  g_autoptr(GError) error = NULL;

  proxy->target = atoi (strrchr (url, ':') + 1);
  proxy->cut_after = cut_after;
  proxy->context = g_main_context_new ();
  proxy->loop = g_main_loop_new (proxy->context, FALSE);

  /* The service accepts on the context that is the thread default when
   * it starts: the proxy thread's. */
  g_main_context_push_thread_default (proxy->context);
  proxy->listener = G_SOCKET_LISTENER (g_threaded_socket_service_new (4));
  proxy->port = g_socket_listener_add_any_inet_port (proxy->listener, NULL,
                                                     &error);
  g_assert_no_error (error);
  g_signal_connect (proxy->listener, "run", G_CALLBACK (proxy_incoming_cb),
                    proxy);
  g_socket_service_start (G_SOCKET_SERVICE (proxy->listener));
  g_main_context_pop_thread_default (proxy->context);
  proxy->thread = g_thread_new ("proxy", proxy_thread, proxy);
}

static gboolean
quit_proxy_loop (gpointer data)
{
  CutProxy *proxy = data;

  g_main_loop_quit (proxy->loop);
  return G_SOURCE_REMOVE;
}

static gboolean
stop_in_proxy_thread (gpointer data)
{
  CutProxy *proxy = data;
  g_autoptr(GSource) quit = g_idle_source_new ();

  g_socket_service_stop (G_SOCKET_SERVICE (proxy->listener));
  g_socket_listener_close (proxy->listener);
  g_source_set_priority (quit, G_PRIORITY_LOW);
  g_source_set_callback (quit, quit_proxy_loop, proxy, NULL);
  g_source_attach (quit, proxy->context);
  return G_SOURCE_REMOVE;
}

static void
cut_proxy_stop (CutProxy *proxy)
{
  /* Stopped on its own thread, so that the cancelled accept finishes
   * there (and frees its source) before the loop ends. */
  g_main_context_invoke (proxy->context, stop_in_proxy_thread, proxy);
  g_thread_join (proxy->thread);
  g_clear_object (&proxy->listener);
  g_main_loop_unref (proxy->loop);
  g_main_context_unref (proxy->context);
}

static void
set_url (MrezaStore *store,
         const char *url)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE sync_state SET value = '%s'"
                                          " WHERE key = 'url'", url);

  exec (store, sql);
}

/* Every answer of the coordinator is cut after a few kilobytes: each
 * sync fails mid-body, and nothing is half-applied. Then the real
 * address: everything arrives, once. */
static void
test_cut_mid_body (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(MrezaStore) fresh = test_open_store (f->server.dir, "cut.db");
  g_autofree char *proxied = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  CutProxy proxy = { 0 };

  join (f, fresh, "Nacionalni koordinator", "coordinator");
  exec (f->nis, "UPDATE joint_action SET note = 'preko proksija'"
                " WHERE team_id = '" NIS_TEAM "'");
  for (gsize cut = 2000; cut <= 64000; cut *= 2)
    {
      g_autoptr(GError) error = NULL;

      cut_proxy_start (&proxy, f->server.url, cut);
      proxied = g_strdup_printf ("https://127.0.0.1:%u", proxy.port);
      set_url (fresh, proxied);
      set_url (f->nis, proxied);

      g_assert_false (mreza_sync_run (fresh, NULL, NULL, NULL, NULL, &error));
      g_assert_error (error, MREZA_SYNC_ERROR, MREZA_SYNC_ERROR_NETWORK);
      g_clear_error (&error);
      mreza_sync_run (f->nis, NULL, NULL, NULL, NULL, NULL);
      g_assert_cmpint (test_query_int (fresh, "SELECT integrity_check = 'ok'"
                                              " FROM pragma_integrity_check"),
                       ==, 1);
      cut_proxy_stop (&proxy);
      g_clear_pointer (&proxied, g_free);
    }

  set_url (fresh, f->server.url);
  set_url (f->nis, f->server.url);
  sync_ok (f->nis, NULL);
  sync_ok (f->national, NULL);
  sync_ok (fresh, NULL);
  a = dump_of (f->national);
  b = dump_of (fresh);
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpint (test_query_int (fresh, "SELECT count(*) FROM joint_action"
                                          " WHERE note = 'preko proksija'"),
                   >, 0);
}

/* A member reports its team's progress on a task of the plan: a row
 * of its own team, which the coordinator accepts and the national
 * replica receives, while the plan's national status stays as it was. */
static void
test_team_progress (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(MrezaTaskProgress) progress = NULL;
  g_autoptr(MrezaAccess) access = mreza_access_load (f->nis);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_true (mreza_access_can_write (access, "task_progress", NIS_TEAM));
  g_assert_false (mreza_access_can_write (access, "task", NULL));

  g_assert_cmpint (sqlite3_prepare_v2 (mreza_store_get_db (f->nis),
                                       "SELECT id FROM task ORDER BY rowid"
                                       " LIMIT 1", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  progress = mreza_task_progress_load (mreza_store_get_db (f->nis), id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (progress->team_id, ==, NIS_TEAM);
  g_free (progress->status);
  progress->status = g_strdup ("in_progress");
  progress->progress_note = g_strdup ("Dogovor sa CSR Niš i školama.");
  g_assert_true (mreza_task_progress_save (f->nis, progress, &error));
  g_assert_no_error (error);
  sync_ok (f->nis, NULL);
  g_assert_cmpint (mreza_sync_count_pending (f->nis), ==, 0);

  sync_ok (f->national, NULL);
  sql = g_strdup_printf ("SELECT count(*) FROM task_progress WHERE"
                         " task_id = '%s' AND team_id = '" NIS_TEAM "'"
                         " AND status = 'in_progress'", id);
  g_assert_cmpint (test_query_int (f->national, sql), ==, 1);
  g_free (sql);
  /* The coordinator's device shows the national status. */
  sql = g_strdup_printf ("SELECT count(*) FROM task_here h JOIN task t"
                         " ON t.id = h.id WHERE h.id = '%s'"
                         " AND h.status = t.status", id);
  g_assert_cmpint (test_query_int (f->national, sql), ==, 1);
}

/* What the app asks before it offers an edit is what the coordinator
 * decides: each write mreza_access_can_write() allows a member is
 * accepted, each it refuses is refused (403). */
static void
test_access_matches_server (Fixture       *f,
                            gconstpointer  data)
{
  struct {
    const char *table;
    const char *team;
    const char *sql;
  } cases[] = {
    { "joint_action", NIS_TEAM,
      "UPDATE joint_action SET note = 'ok' WHERE team_id = '" NIS_TEAM "'" },
    { "contact", NIS_TEAM,
      "UPDATE contact SET phone = '018 123 456' WHERE team_id = '"
      NIS_TEAM "'" },
    { "task", NULL, "UPDATE task SET status = 'done' WHERE number = 1" },
    { "institution", NULL,
      "UPDATE institution SET town = 'Niš' WHERE rowid = 1" },
    { "indicator", NULL, "UPDATE indicator SET target_text = 'x'"
      " WHERE rowid = 1" },
  };
  g_autoptr(MrezaAccess) access = mreza_access_load (f->nis);

  g_assert_true (access->joined);
  g_assert_false (access->coordinator);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean allowed = mreza_access_can_write (access, cases[i].table,
                                                 cases[i].team);

      exec (f->nis, cases[i].sql);
      g_assert_cmpint (mreza_sync_count_pending (f->nis), >, 0);
      if (mreza_sync_run (f->nis, NULL, NULL, NULL, NULL, &error))
        g_assert_true (allowed);
      else
        {
          g_assert_error (error, MREZA_SYNC_ERROR, MREZA_SYNC_ERROR_FORBIDDEN);
          g_assert_false (allowed);
          /* Out of the way of the next case. */
          exec (f->nis, "DELETE FROM sync_outbox");
        }
      g_assert_cmpint (mreza_sync_count_pending (f->nis), ==, 0);
    }
}

/* After a sync each replica knows what the coordinator tells of the
 * teams it may see: the coordinator's every team, a member its own; when
 * each last synced and what its devices still held; the devices' names
 * (the conflicts' "who"). */
static void
test_peers (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *device = mreza_sync_dup_state (f->nis, "device");
  g_autofree char *name = NULL;
  g_autofree char *team = NULL;

  /* The fixture's syncs told both replicas already; the national one
   * synced before Niš did, so it knew Niš had not synced yet. */
  g_assert_cmpint (test_count (f->national, "sync_peer_team"), ==, 2);
  g_assert_cmpint (test_query_int (f->national,
                                   "SELECT count(*) FROM sync_peer_team"
                                   " WHERE team_id = '" NIS_TEAM "'"
                                   " AND synced_at IS NULL"), ==, 1);
  /* Asked again at most once a minute while nothing waits: as if a
   * minute had passed. */
  exec (f->national, "DELETE FROM sync_state WHERE key = 'peers_told_at'");
  sync_ok (f->national, NULL);
  g_assert_cmpint (test_query_int (f->national,
                                   "SELECT count(*) FROM sync_peer_team"
                                   " WHERE synced_at IS NOT NULL"
                                   " AND pending = 0 AND devices = 1"), ==, 2);
  g_assert_cmpint (test_count (f->national, "sync_peer_device"), ==, 2);
  g_assert_cmpint (test_count (f->nis, "sync_peer_team"), ==, 1);
  g_assert_cmpint (test_query_int (f->nis, "SELECT count(*) FROM"
                                           " sync_peer_team WHERE team_id = '"
                                           NIS_TEAM "'"), ==, 1);
  g_assert_cmpint (test_count (f->nis, "sync_peer_device"), ==, 1);

  name = mreza_peers_dup_device_name (f->national, device);
  team = mreza_peers_dup_device_team (f->national, device);
  g_assert_cmpstr (name, ==, "test");
  g_assert_cmpstr (team, ==, "Lokalni tim Niš");
  g_assert_null (mreza_peers_dup_device_name (f->national,
                                              "00000000-0000-4000-8000-000000000000"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sync-e2e/team-progress", Fixture, NULL, fixture_setup,
              test_team_progress, fixture_teardown);
  g_test_add ("/sync-e2e/access-matches-server", Fixture, NULL, fixture_setup,
              test_access_matches_server, fixture_teardown);
  g_test_add ("/sync-e2e/peers", Fixture, NULL, fixture_setup, test_peers,
              fixture_teardown);
  g_test_add ("/sync-e2e/undo-refused", Fixture, NULL, fixture_setup,
              test_undo_refused, fixture_teardown);
  g_test_add ("/sync-e2e/scope", Fixture, NULL, fixture_setup, test_scope,
              fixture_teardown);
  g_test_add ("/sync-e2e/edit-round-trip", Fixture, NULL, fixture_setup,
              test_edit_round_trip, fixture_teardown);
  g_test_add ("/sync-e2e/forbidden-keeps-edits", Fixture, NULL, fixture_setup,
              test_forbidden_keeps_edits, fixture_teardown);
  g_test_add ("/sync-e2e/revoked-keeps-edits", Fixture, NULL, fixture_setup,
              test_revoked_keeps_edits, fixture_teardown);
  g_test_add ("/sync-e2e/tls-refused", Fixture, NULL, fixture_setup,
              test_tls_refused, fixture_teardown);
  g_test_add ("/sync-e2e/wrong-code", Fixture, NULL, fixture_setup,
              test_wrong_code, fixture_teardown);
  g_test_add ("/sync-e2e/cut-mid-body", Fixture, NULL, fixture_setup,
              test_cut_mid_body, fixture_teardown);
  g_test_add ("/sync-e2e/bulk-killed", Fixture, NULL, fixture_setup,
              test_bulk_killed, fixture_teardown);
  g_test_add ("/sync-e2e/client-killed", Fixture, NULL, fixture_setup,
              test_client_killed, fixture_teardown);

  return g_test_run ();
}
