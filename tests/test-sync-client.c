/* test-sync-client.c: background sync against the real coordinator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MrezaSyncClient as the app drives it: it joins by a pinned
 * certificate, goes not-joined → syncing → up-to-date, syncs an edit by
 * itself, backs off further after each failure to reach a dead address,
 * and when its device is revoked needs attention and keeps the edit.
 * And the conflicts API the app's conflicts view reads and resolves.
 */
#define G_LOG_DOMAIN "test-sync-client"

#include "config.h"

#include "mreza-conflicts.h"
#include "mreza-store.h"
#include "mreza-store-private.h"
#include "mreza-sync-client.h"
#include "mreza-sync.h"
#include "server/server-fixture.h"

#include <glib/gstdio.h>

#define WAIT_SECONDS 30

#include "mreza-test-loop.h"

typedef struct
{
  ServerFixture    server;
  char            *dir;
  char            *path;
  MrezaSyncClient *client;
  GArray          *states;
  char            *token;
} Fixture;


static void
state_cb (MrezaSyncClient *client,
          GParamSpec      *pspec,
          Fixture         *f)
{
  MrezaSyncState state = mreza_sync_client_get_state (client);

  g_array_append_val (f->states, state);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  server_fixture_setup (&f->server, data);
  f->dir = g_dir_make_tmp ("mreza-sync-client-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "replica.db", NULL);
  f->client = mreza_sync_client_new (f->path);
  /* Fast: a retry after 50 ms, edits synced 100 ms after they pause. */
  mreza_sync_client_set_timing (f->client, 60000, 100, 50, 5000);
  f->states = g_array_new (FALSE, FALSE, sizeof (MrezaSyncState));
  g_signal_connect (f->client, "notify::state", G_CALLBACK (state_cb), f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  MrezaSyncClient *client = f->client;

  /* A cancelled sync still returns to the main loop, holding the
   * client until then. */
  mreza_sync_client_stop (client);
  g_signal_handlers_disconnect_by_data (client, f);
  g_object_add_weak_pointer (G_OBJECT (client), (gpointer *) &client);
  g_clear_object (&f->client);
  WAIT_FOR (client == NULL);
  g_array_unref (f->states);
  g_free (f->token);

  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (f->dir, name, NULL);

      g_unlink (child);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
  server_fixture_teardown (&f->server, data);
}

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTlsCertificateFlags errors = 0;
  g_autoptr(GTlsCertificate) cert = NULL;
  g_autoptr(GError) error = NULL;
  char **pin = user_data;

  cert = mreza_sync_fetch_certificate_finish (result, &errors, &error);
  g_assert_no_error (error);
  /* The test certificate is signed by nobody this computer trusts. */
  g_assert_cmpuint (errors, !=, 0);
  *pin = mreza_sync_certificate_sha256 (cert);
}

static void
joined_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  Fixture *f = user_data;

  f->token = mreza_sync_client_join_finish (f->client, result, &error);
  g_assert_no_error (error);
}

/* Joins as a person would in the app: the certificate's fingerprint
 * fetched, confirmed, pinned; the token handed over, not in a file. */
static void
join (Fixture    *f,
      const char *role)
{
  g_autofree char *team = server_add_team (&f->server, "Lokalni tim Niš");
  g_autofree char *code = server_new_code (&f->server, "Lokalni tim Niš", role);
  g_autofree char *pin = NULL;
  g_autofree char *shown = NULL;

  mreza_sync_fetch_certificate_async (f->server.url, NULL, fetched_cb, &pin);
  WAIT_FOR (pin != NULL);
  g_assert_cmpuint (strlen (pin), ==, 64);
  shown = mreza_sync_format_fingerprint (pin);
  g_assert_cmpuint (strlen (shown), ==, 32 * 3 - 1);
  g_assert_cmpint (shown[2], ==, ':');
  g_assert_cmpint (shown[23], ==, '\n');

  mreza_sync_client_join_async (f->client, f->server.url, code, NULL, pin,
                                "Test laptop", NULL, joined_cb, f);
  WAIT_FOR (f->token != NULL);
  g_assert_true (g_file_test (f->path, G_FILE_TEST_IS_REGULAR));
  mreza_sync_client_set_token (f->client, f->token);
}

static void
exec (const char *path,
      const char *sql)
{
  g_autoptr(MrezaStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = mreza_store_open (path, MREZA_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  _mreza_sql_exec (mreza_store_get_db (store), sql, &error);
  g_assert_no_error (error);
}

static void
add_institution (const char *path,
                 const char *name)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *sql = NULL;

  sql = g_strdup_printf ("INSERT INTO institution (id, created_at,"
                         " modified_at, modified_by, name, sector) VALUES"
                         " ('%s', '2024-01-01T00:00:00.000Z',"
                         " '2024-01-01T00:00:00.000Z', 'test', '%s',"
                         " 'police')", id, name);
  exec (path, sql);
}

static gboolean
saw_state (Fixture        *f,
           MrezaSyncState  state)
{
  for (guint i = 0; i < f->states->len; i++)
    if (g_array_index (f->states, MrezaSyncState, i) == state)
      return TRUE;
  return FALSE;
}

static void
test_join_and_sync (Fixture       *f,
                    gconstpointer  data)
{
  MrezaSyncClient *client = f->client;
  g_autofree char *token_file = g_strconcat (f->path, ".token", NULL);

  mreza_sync_client_start (client);
  g_assert_cmpint (mreza_sync_client_get_state (client), ==,
                   MREZA_SYNC_STATE_NOT_JOINED);

  join (f, "coordinator");
  /* The app keeps the token: core wrote no file. */
  g_assert_false (g_file_test (token_file, G_FILE_TEST_EXISTS));

  mreza_sync_client_sync_now (client);
  g_assert_cmpint (mreza_sync_client_get_state (client), ==,
                   MREZA_SYNC_STATE_SYNCING);
  WAIT_FOR (mreza_sync_client_get_state (client) ==
            MREZA_SYNC_STATE_UP_TO_DATE);
  g_assert_true (saw_state (f, MREZA_SYNC_STATE_SYNCING));
  g_assert_nonnull (mreza_sync_client_get_last_sync (client));
  g_assert_cmpint (mreza_sync_client_get_error_code (client), ==, -1);

  /* An edit by anyone is noticed (data_version) and synced by itself. */
  g_array_set_size (f->states, 0);
  add_institution (f->path, "MUP PU Niš");
  WAIT_FOR (mreza_sync_client_get_pending (client) > 0);
  WAIT_FOR (saw_state (f, MREZA_SYNC_STATE_SYNCING) &&
            mreza_sync_client_get_state (client) ==
            MREZA_SYNC_STATE_UP_TO_DATE);
  g_assert_cmpint (mreza_sync_client_get_pushed (client), ==, 1);
  g_assert_cmpint (mreza_sync_client_get_pending (client), ==, 0);
}

static void
count_cb (MrezaSyncClient *client,
          guint           *count)
{
  (*count)++;
}

static void
test_changed (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *other_path = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *code = NULL;
  g_autoptr(MrezaSyncClient) other = NULL;
  g_autoptr(MrezaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint changed = 0;
  gint64 start;

  join (f, "coordinator");
  mreza_sync_client_start (f->client);
  WAIT_FOR (mreza_sync_client_get_state (f->client) ==
            MREZA_SYNC_STATE_UP_TO_DATE);
  add_institution (f->path, "Centar za socijalni rad Niš");
  mreza_sync_client_local_change (f->client);
  WAIT_FOR (mreza_sync_client_get_pending (f->client) == 0 &&
            mreza_sync_client_get_state (f->client) ==
            MREZA_SYNC_STATE_UP_TO_DATE);

  /* A second device of the team pulls it and says lists should reload. */
  store = mreza_store_open (other_path, MREZA_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  code = server_new_code (&f->server, "Lokalni tim Niš", "member");
  mreza_sync_join (store, f->server.url, code, f->server.cert, NULL, "other",
                   NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  other = mreza_sync_client_new (other_path);
  g_signal_connect (other, "changed", G_CALLBACK (count_cb), &changed);
  mreza_sync_client_start (other);
  WAIT_FOR (mreza_sync_client_get_state (other) ==
            MREZA_SYNC_STATE_UP_TO_DATE);
  g_assert_cmpint (mreza_sync_client_get_pulled (other), >=, 1);
  g_assert_cmpuint (changed, ==, 1);

  /* Its long poll brings the next edit at once, not a minute later. */
  settle (300);
  start = g_get_monotonic_time ();
  add_institution (f->path, "Gerontološki centar Niš");
  mreza_sync_client_local_change (f->client);
  WAIT_FOR (changed == 2);
  g_test_message ("An edit reached the other replica in %.0f ms (100 ms of "
                  "it the debounce)",
                  (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  mreza_sync_client_stop (other);
}

static void
test_backoff (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *device = g_uuid_string_random ();
  g_autofree char *sql = NULL;
  g_autoptr(GArray) delays = g_array_new (FALSE, FALSE, sizeof (guint));

  /* Port 1: nobody listens there. */
  sql = g_strdup_printf ("INSERT INTO sync_state (key, value) VALUES"
                         " ('url', 'https://127.0.0.1:1'), ('device', '%s'),"
                         " ('cursor', 0)", device);
  exec (f->path, sql);
  add_institution (f->path, "Tužilaštvo");
  mreza_sync_client_set_token (f->client, "not-a-token");
  mreza_sync_client_start (f->client);

  while (delays->len < 4)
    {
      guint delay;

      WAIT_FOR (mreza_sync_client_get_state (f->client) ==
                MREZA_SYNC_STATE_NEEDS_ATTENTION);
      delay = mreza_sync_client_get_retry_delay (f->client);
      g_assert_cmpint (mreza_sync_client_get_error_code (f->client), ==,
                       MREZA_SYNC_ERROR_NETWORK);
      g_assert_nonnull (mreza_sync_client_get_message (f->client));
      g_array_append_val (delays, delay);
      /* Its retry starts a sync: wait for it to leave the state. */
      WAIT_FOR (mreza_sync_client_get_state (f->client) ==
                MREZA_SYNC_STATE_SYNCING);
    }

  /* 50, 100, 200, 400 ms, each ±20 %: always growing. */
  for (guint i = 0; i < delays->len; i++)
    {
      guint d = g_array_index (delays, guint, i);
      guint base = 50u << i;

      g_test_message ("retry %u after %u ms", i + 1, d);
      g_assert_cmpuint (d, >=, base * 8 / 10);
      g_assert_cmpuint (d, <=, base * 12 / 10);
      if (i > 0)
        g_assert_cmpuint (d, >, g_array_index (delays, guint, i - 1));
    }
  g_assert_cmpint (mreza_sync_client_get_pending (f->client), >, 0);
}

static void
test_revoked (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(MrezaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *device = NULL;
  g_autofree char *out = NULL;
  const char *message;
  int status;

  join (f, "coordinator");
  mreza_sync_client_start (f->client);
  WAIT_FOR (mreza_sync_client_get_state (f->client) ==
            MREZA_SYNC_STATE_UP_TO_DATE);

  store = mreza_store_open (f->path, MREZA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  device = mreza_sync_dup_state (store, "device");
  out = server_cli (&f->server, &status, NULL, "revoke", device, NULL);
  g_assert_cmpint (status, ==, 0);

  add_institution (f->path, "Crveni krst Niš");
  mreza_sync_client_sync_now (f->client);
  WAIT_FOR (mreza_sync_client_get_state (f->client) ==
            MREZA_SYNC_STATE_NEEDS_ATTENTION);
  g_assert_cmpint (mreza_sync_client_get_error_code (f->client), ==,
                   MREZA_SYNC_ERROR_UNAUTHORIZED);
  message = mreza_sync_client_get_message (f->client);
  g_assert_nonnull (strstr (message, "revoked"));
  g_assert_nonnull (strstr (message, "kept"));
  /* Nothing retries by itself: only a person can fix this. */
  g_assert_cmpuint (mreza_sync_client_get_retry_delay (f->client), ==, 0);

  /* The edit is in the replica and still waits in the outbox. */
  g_assert_cmpint (mreza_sync_count_pending (store), ==, 1);
  g_assert_cmpint (mreza_sync_client_get_pending (f->client), ==, 1);
  g_assert_cmpint (mreza_store_count (store, "institution", NULL), ==, 1);
}

/* Conflicts, on a replica of their own: no coordinator needed. */

static char *
query_text (MrezaStore *store,
            const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _mreza_sql_prepare (mreza_store_get_db (store), sql, &error);
  g_assert_no_error (error);
  if (sqlite3_step (stmt) != SQLITE_ROW ||
      sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

#define OTHER "7f3c9a1e-52b4-4c1d-9e0a-3b8f6d2c1a90"

static MrezaStore *
conflict_replica (char **dir,
                  char **id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *sql = NULL;
  MrezaStore *store;

  *dir = g_dir_make_tmp ("mreza-conflicts-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (*dir, "replica.db", NULL);
  add_institution (path, "Dom zdravlja Niš");
  store = mreza_store_open (path, MREZA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  *id = query_text (store, "SELECT id FROM institution");
  sql = g_strdup_printf ("INSERT INTO sync_conflict (tbl, row_id, col,"
                         " kept_value, kept_hlc, lost_value, lost_hlc,"
                         " detected_at) VALUES ('institution', '%s', 'town',"
                         " NULL, '1700000000000-00001-" OTHER "', 'Niš',"
                         " '1700000000000-00000-" OTHER "',"
                         " '2024-01-01T00:00:00.000Z')", *id);
  _mreza_sql_exec (mreza_store_get_db (store), sql, &error);
  g_assert_no_error (error);
  _mreza_sql_exec (mreza_store_get_db (store), "DELETE FROM sync_outbox",
                   &error);
  g_assert_no_error (error);

  return store;
}

static void
remove_replica_dir (char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      g_unlink (child);
    }
  g_rmdir (dir);
  g_free (dir);
}

static void
test_conflicts_list_accept (void)
{
  g_autofree char *id = NULL;
  char *dir = NULL;
  g_autoptr(MrezaStore) store = conflict_replica (&dir, &id);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *town = NULL;
  g_autofree char *label = NULL;
  g_autofree char *device = NULL;
  MrezaConflict *c;

  list = mreza_conflicts_list_open (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  c = list->pdata[0];
  g_assert_cmpstr (c->table, ==, "institution");
  g_assert_cmpstr (c->row_id, ==, id);
  g_assert_cmpstr (c->row_title, ==, "Dom zdravlja Niš");
  g_assert_null (c->kept_value);
  g_assert_cmpstr (c->lost_value, ==, "Niš");
  g_assert_cmpstr (mreza_conflicts_table_label (c->table), ==, "Institution");
  label = mreza_conflicts_column_label (c->column);
  g_assert_cmpstr (label, ==, "Town");
  g_assert_cmpint (mreza_hlc_get_unix_ms (c->lost_hlc), ==, 1700000000000);
  device = mreza_hlc_dup_device (c->lost_hlc);
  g_assert_cmpstr (device, ==, OTHER);

  /* Accepting changes nothing but the conflict. */
  mreza_conflicts_resolve_accept (store, c->id, &error);
  g_assert_no_error (error);
  town = query_text (store, "SELECT town FROM institution");
  g_assert_null (town);
  g_assert_cmpint (mreza_sync_count_pending (store), ==, 0);
  g_assert_cmpint (mreza_sync_count_conflicts (store), ==, 0);
  g_assert_false (mreza_conflicts_resolve_accept (store, c->id, &error));
  g_assert_error (error, MREZA_STORE_ERROR, MREZA_STORE_ERROR_NOT_FOUND);

  g_clear_object (&store);
  remove_replica_dir (dir);
}

static void
test_conflicts_use_lost (void)
{
  g_autofree char *id = NULL;
  char *dir = NULL;
  g_autoptr(MrezaStore) store = conflict_replica (&dir, &id);
  g_autoptr(GError) error = NULL;
  g_autofree char *town = NULL;
  g_autofree char *fields = NULL;
  g_autofree char *conflict = NULL;
  g_autofree char *resolved = NULL;

  conflict = query_text (store, "SELECT id FROM sync_conflict");
  mreza_conflicts_resolve_use_lost (store, g_ascii_strtoll (conflict, NULL, 10),
                                    &error);
  g_assert_no_error (error);

  /* The other value, as an edit of that one field, waiting to be sent. */
  town = query_text (store, "SELECT town FROM institution");
  g_assert_cmpstr (town, ==, "Niš");
  fields = query_text (store, "SELECT fields FROM sync_outbox");
  g_assert_cmpstr (fields, ==, "{\"town\":\"Niš\"}");
  g_assert_cmpint (mreza_sync_count_conflicts (store), ==, 0);
  resolved = query_text (store, "SELECT resolved_at FROM sync_conflict");
  g_assert_nonnull (resolved);

  g_clear_object (&store);
  remove_replica_dir (dir);
}

static void
test_conflicts_deleted_row (void)
{
  g_autofree char *id = NULL;
  char *dir = NULL;
  g_autoptr(MrezaStore) store = conflict_replica (&dir, &id);
  g_autoptr(GError) error = NULL;
  g_autofree char *conflict = query_text (store, "SELECT id FROM sync_conflict");

  _mreza_sql_exec (mreza_store_get_db (store), "DELETE FROM institution",
                   &error);
  g_assert_no_error (error);
  g_assert_false (mreza_conflicts_resolve_use_lost (
    store, g_ascii_strtoll (conflict, NULL, 10), &error));
  g_assert_error (error, MREZA_STORE_ERROR, MREZA_STORE_ERROR_NOT_FOUND);
  /* Nothing half-done: the conflict is still open, accepting works. */
  g_assert_cmpint (mreza_sync_count_conflicts (store), ==, 1);
  g_clear_error (&error);
  mreza_conflicts_resolve_accept (store, g_ascii_strtoll (conflict, NULL, 10),
                                  &error);
  g_assert_no_error (error);

  g_clear_object (&store);
  remove_replica_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sync/client/join-and-sync", Fixture, NULL, fixture_setup,
              test_join_and_sync, fixture_teardown);
  g_test_add ("/sync/client/changed", Fixture, NULL, fixture_setup,
              test_changed, fixture_teardown);
  g_test_add ("/sync/client/backoff", Fixture, NULL, fixture_setup,
              test_backoff, fixture_teardown);
  g_test_add ("/sync/client/revoked", Fixture, NULL, fixture_setup,
              test_revoked, fixture_teardown);

  g_test_add_func ("/sync/conflicts/list-accept", test_conflicts_list_accept);
  g_test_add_func ("/sync/conflicts/use-lost", test_conflicts_use_lost);
  g_test_add_func ("/sync/conflicts/deleted-row", test_conflicts_deleted_row);

  return g_test_run ();
}
