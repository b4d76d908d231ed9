/* test-coordinator-kill.c: kill -9 of the coordinator in the middle of
 * pushes; after restarts and client retries, every change is stored
 * exactly once and the database is intact
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MREZA_KILL_ITERATIONS sets how many kills (50 by default, for CI; a
 * soak runs more).
 */
#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <string.h>

#include "mreza-protocol.h"
#include "mreza-store.h"
#include "server-fixture.h"

#define N_CHANGES 1500
#define BATCH     25

typedef struct
{
  TestDevice *device;
  guint       index;
  gint64      acked;
} Client;

typedef struct
{
  GPid  pid;
  guint delay_us;
} Killer;

static gpointer
killer_thread (gpointer data)
{
  Killer *killer = data;

  g_usleep (killer->delay_us);
  kill (killer->pid, SIGKILL);
  return NULL;
}

static char *
batch_body (Client *client)
{
  GString *out = g_string_new (NULL);
  gint64 last = MIN (client->acked + BATCH, N_CHANGES);

  g_string_append_printf (out, "{\"protocol\": 1, \"schema\": %d, \"device\":"
                          " \"%s\", \"changes\": [", MREZA_SYNC_SCHEMA,
                          client->device->id);
  for (gint64 dseq = client->acked + 1; dseq <= last; dseq++)
    g_string_append_printf (out, "%s[%" G_GINT64_FORMAT ", \"joint_action\","
                            " \"%08x-0000-4000-8000-%012" G_GINT64_MODIFIER "x\","
                            " \"u\", \"%013" G_GINT64_FORMAT "-00000-%s\","
                            " {\"team_id\": \"%s\", \"title\": \"Akcija\"}, {}]",
                            dseq > client->acked + 1 ? "," : "", dseq,
                            client->index, dseq, g_get_real_time () / 1000,
                            client->device->id, client->device->team);
  g_string_append (out, "]}");
  return g_string_free (out, FALSE);
}

/* One push; FALSE when the server is gone. */
static gboolean
push_batch (ServerFixture *f,
            Client        *client)
{
  g_autofree char *body = batch_body (client);
  g_autofree char *reply = NULL;
  g_autoptr(GError) error = NULL;
  gint64 acked, cursor;
  guint status;

  status = server_request (f, "POST", "/v1/push", client->device->token, body,
                           strlen (body), &reply, &error);
  if (error != NULL)
    return FALSE;

  g_assert_cmpuint (status, ==, 200);
  g_assert_true (mreza_protocol_parse_push_reply (reply, strlen (reply), &acked,
                                                  &cursor, NULL));
  g_assert_cmpint (acked, >, client->acked);
  client->acked = acked;
  return TRUE;
}

static gboolean
all_acked (Client *clients,
           guint   n)
{
  for (guint i = 0; i < n; i++)
    if (clients[i].acked < N_CHANGES)
      return FALSE;
  return TRUE;
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
check_database (ServerFixture *f)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (f->db, &db, SQLITE_OPEN_READONLY, NULL),
                   ==, SQLITE_OK);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);

  /* Every (device, dseq) exactly once, none missing. */
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM change"), ==,
                   2 * N_CHANGES);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM (SELECT DISTINCT"
                                  " device_id, dseq FROM change)"), ==,
                   2 * N_CHANGES);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM (SELECT device_id"
                                  " FROM change GROUP BY device_id HAVING"
                                  " min (dseq) = 1 AND max (dseq) = 1500"
                                  " AND count (*) = 1500)"), ==, 2);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM row_owner"), ==,
                   2 * N_CHANGES);
  sqlite3_close (db);
}

static void
test_kill (ServerFixture *f,
           gconstpointer  data)
{
  const char *env = g_getenv ("MREZA_KILL_ITERATIONS");
  guint iterations = env != NULL ? (guint) g_ascii_strtoull (env, NULL, 10) : 50;
  g_autofree char *team = server_add_team (f, "Niš");
  Client clients[2] = { { 0 } };
  guint turn = 0;
  guint killed_mid_push = 0;

  G_STATIC_ASSERT (N_CHANGES == 1500);

  for (guint i = 0; i < G_N_ELEMENTS (clients); i++)
    {
      clients[i].device = server_enroll (f, "Niš", "member");
      clients[i].index = i + 1;
    }

  for (guint i = 0; i < iterations; i++)
    {
      Killer killer;
      GThread *thread;

      killer.pid = (GPid) g_ascii_strtoll (g_subprocess_get_identifier (f->proc),
                                           NULL, 10);
      killer.delay_us = (guint) g_test_rand_int_range (0, 25000);
      thread = g_thread_new ("killer", killer_thread, &killer);

      /* Push until the server dies under us (or all is sent). */
      while (!all_acked (clients, G_N_ELEMENTS (clients)))
        {
          Client *client = &clients[turn++ % G_N_ELEMENTS (clients)];

          if (client->acked >= N_CHANGES)
            continue;
          if (!push_batch (f, client))
            {
              killed_mid_push++;
              break;
            }
        }

      g_thread_join (thread);
      server_fixture_kill (f);
      server_fixture_start (f);
    }

  g_test_message ("%u of %u kills hit a push; %" G_GINT64_FORMAT " and %"
                  G_GINT64_FORMAT " changes acknowledged by then",
                  killed_mid_push, iterations, clients[0].acked,
                  clients[1].acked);

  /* The clients retry from their last acknowledgement. */
  while (!all_acked (clients, G_N_ELEMENTS (clients)))
    {
      Client *client = &clients[turn++ % G_N_ELEMENTS (clients)];

      if (client->acked < N_CHANGES)
        g_assert_true (push_batch (f, client));
    }

  g_assert_cmpint (server_fixture_stop (f), ==, 0);
  check_database (f);
  server_fixture_start (f);

  for (guint i = 0; i < G_N_ELEMENTS (clients); i++)
    test_device_free (clients[i].device);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/server/kill-9", ServerFixture, NULL, server_fixture_setup,
              test_kill, server_fixture_teardown);

  return g_test_run ();
}
