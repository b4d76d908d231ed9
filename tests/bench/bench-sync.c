/* bench-sync.c: sync's figures, as one JSON line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real coordinator on 127.0.0.1 (server-fixture.c) and real
 * replicas: the push rate of a generated replica's outbox, from the
 * client's log to the coordinator's commit, against this machine's raw
 * SQLite insert rate, both for its first 100,000 changes (the issue's
 * figure, push_first_*) and for the whole outbox with the sync around
 * it (push_changes_per_s); an initial pull into an empty replica by
 * `mreza-cli sync`, with its peak memory; a sync with nothing to do;
 * how long a change pushed by one replica takes to be applied by
 * another waiting in a long poll; and 50 clients requesting at once.
 *
 * `bench-sync [ROWS]`: 100,000 rows by default; the meson benchmark
 * runs the 1,000,000 for the initial pull (and so pushes a
 * million changes first).
 */
#include "config.h"

#include <stdio.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench-utils.h"
#include "mreza-bench-gen.h"
#include "mreza-sync.h"
#include "server-fixture.h"




static double
insert_rate (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "rate.db", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  const int n = 500000;
  double start;

  sqlite3_open (path, &db);
  sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                    "CREATE TABLE t (a INTEGER, b TEXT, c REAL)", NULL, NULL,
                NULL);
  start = now_ms ();
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO t VALUES (?1, ?2, ?3)", -1, &stmt, NULL);
  for (int i = 0; i < n; i++)
    {
      sqlite3_bind_int (stmt, 1, i);
      sqlite3_bind_text (stmt, 2, "trgovina ljudima", -1, SQLITE_STATIC);
      sqlite3_bind_double (stmt, 3, i * 0.5);
      sqlite3_step (stmt);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  sqlite3_close (db);

  return n / ((now_ms () - start) / 1000.0);
}

/* The push figure is 100,000 changes: the time from the start
 * of the push to the acknowledgement of the batch that took the count
 * of changes pushed to 100,000 or past it (each batch is acknowledged
 * only after the coordinator committed it). */
#define PUSH_MARK 100000

typedef struct
{
  double start_ms;
  double mark_ms;
  gint64 mark_pushed;
} PushTimer;

static void
push_progress_cb (const MrezaSyncStats *stats,
                  gpointer              user_data)
{
  PushTimer *timer = user_data;

  if (timer->mark_pushed == 0 && stats->pushed >= PUSH_MARK)
    {
      timer->mark_ms = now_ms ();
      timer->mark_pushed = stats->pushed;
    }
}

static MrezaStore *
joined (ServerFixture *f,
        const char    *path,
        gboolean       create)
{
  g_autofree char *code = server_new_code (f, "Nacionalni koordinator",
                                           "coordinator");
  g_autoptr(GError) error = NULL;
  MrezaStore *store;

  store = mreza_store_open (path, create ? MREZA_STORE_OPEN_CREATE
                                         : MREZA_STORE_OPEN_DEFAULT, &error);
  if (store == NULL ||
      !mreza_sync_join (store, f->url, code, f->cert, NULL, "bench", NULL,
                        &error))
    g_error ("%s", error->message);

  return store;
}

/* `mreza-cli sync` in a child, for its own peak memory. */
static double
pull_in_child (const char *replica,
               double     *peak_mb)
{
  struct rusage usage;
  double start = now_ms ();
  int status;
  pid_t pid = fork ();

  if (pid == 0)
    {
      execl (MREZA_CLI, MREZA_CLI, "--replica", replica, "sync", NULL);
      _exit (127);
    }
  waitpid (pid, &status, 0);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("mreza-cli sync failed");
  getrusage (RUSAGE_CHILDREN, &usage);
  *peak_mb = usage.ru_maxrss / 1024.0;

  return (now_ms () - start) / 1000.0;
}

typedef struct
{
  const char *path;
  double      applied_ms;
} Watcher;

/* A teammate's laptop: waits in a long poll, then syncs what came. */
static gpointer
watch_thread (gpointer data)
{
  Watcher *w = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MrezaStore) store = mreza_store_open (w->path,
                                                  MREZA_STORE_OPEN_DEFAULT,
                                                  &error);
  MrezaSyncStats stats = { 0 };
  gboolean changes = FALSE;

  if (store == NULL)
    g_error ("%s", error->message);
  while (!changes)
    if (!mreza_sync_wait_for_changes (store, NULL, 10, &changes, NULL,
                                      &error))
      g_error ("%s", error->message);
  if (!mreza_sync_run (store, NULL, NULL, &stats, NULL, &error))
    g_error ("%s", error->message);
  if (stats.pulled < 1)
    g_error ("The watcher pulled nothing");
  w->applied_ms = now_ms ();

  return NULL;
}

/* From an edit saved on @source to its being applied on @watcher's
 * replica, which was waiting in a long poll: @n edits. */
static void
propagation (MrezaStore  *source,
             const char  *watcher,
             guint        n,
             GArray      *ms)
{
  sqlite3 *db = mreza_store_get_db (source);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *sql = NULL;
      Watcher w = { watcher, 0 };
      GThread *thread = g_thread_new ("watch", watch_thread, &w);
      double start, elapsed;

      /* Let the watcher's long poll reach the coordinator. */
      g_usleep (100 * 1000);
      start = now_ms ();
      sql = g_strdup_printf ("UPDATE team SET name = name || ' %u'"
                             " WHERE rowid = (SELECT min (rowid) FROM team)",
                             i);
      if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK ||
          !mreza_sync_run (source, NULL, NULL, NULL, NULL, &error))
        g_error ("The edit failed: %s", error ? error->message
                                              : sqlite3_errmsg (db));
      g_thread_join (thread);
      elapsed = w.applied_ms - start;
      g_array_append_val (ms, elapsed);
    }
}

/* The 50 clients connect (TLS handshake and first request, timed
 * apart as connect_*), then start their requests together. */
typedef struct
{
  GMutex mutex;
  GCond  cond;
  guint  connected;
  gboolean go;
} Start;

typedef struct
{
  ServerFixture *f;
  const char    *token;
  guint          n;
  GArray        *ms;
  double         connect_ms;
  Start         *start;
} Load;

static void
request (SoupSession *session,
         const char  *uri,
         const char  *auth)
{
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  g_autoptr(GBytes) body = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg),
                                "Authorization", auth);
  body = soup_session_send_and_read (session, msg, NULL, NULL);
  if (soup_message_get_status (msg) != 200)
    g_error ("A request failed: %u", soup_message_get_status (msg));
}

static gpointer
load_thread (gpointer data)
{
  Load *load = data;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GTlsDatabase) tls = g_tls_file_database_new (load->f->cert, NULL);
  g_autofree char *uri = g_strconcat (load->f->url, "/v1/pull?after=0&limit=1",
                                      NULL);
  g_autofree char *status = g_strconcat (load->f->url, "/v1/status", NULL);
  g_autofree char *auth = g_strconcat ("Bearer ", load->token, NULL);
  double start = now_ms ();

  soup_session_set_tls_database (session, tls);
  request (session, status, auth);
  load->connect_ms = now_ms () - start;

  g_mutex_lock (&load->start->mutex);
  load->start->connected++;
  g_cond_broadcast (&load->start->cond);
  while (!load->start->go)
    g_cond_wait (&load->start->cond, &load->start->mutex);
  g_mutex_unlock (&load->start->mutex);

  for (guint i = 0; i < load->n; i++)
    {
      double elapsed;

      start = now_ms ();
      request (session, uri, auth);
      elapsed = now_ms () - start;
      g_array_append_val (load->ms, elapsed);
    }

  return NULL;
}

static void
concurrent_load (ServerFixture *f,
                 double        *rps,
                 double        *p99,
                 double        *connect_p50,
                 double        *connect_max)
{
  const guint clients = 50, per_client = 100;
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) connects = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) devices = g_ptr_array_new_with_free_func (
    (GDestroyNotify) test_device_free);
  GThread *threads[50];
  Load loads[50];
  Start go = { 0 };
  double start;

  for (guint i = 0; i < clients; i++)
    g_ptr_array_add (devices, server_enroll (f, "Nacionalni koordinator",
                                             "member"));

  g_mutex_init (&go.mutex);
  g_cond_init (&go.cond);
  for (guint i = 0; i < clients; i++)
    {
      TestDevice *d = devices->pdata[i];

      loads[i] = (Load) { f, d->token, per_client,
                          g_array_new (FALSE, FALSE, sizeof (double)), 0,
                          &go };
      threads[i] = g_thread_new ("load", load_thread, &loads[i]);
    }

  g_mutex_lock (&go.mutex);
  while (go.connected < clients)
    g_cond_wait (&go.cond, &go.mutex);
  start = now_ms ();
  go.go = TRUE;
  g_cond_broadcast (&go.cond);
  g_mutex_unlock (&go.mutex);

  for (guint i = 0; i < clients; i++)
    {
      g_thread_join (threads[i]);
      g_array_append_vals (all, loads[i].ms->data, loads[i].ms->len);
      g_array_append_val (connects, loads[i].connect_ms);
      g_array_unref (loads[i].ms);
    }
  g_mutex_clear (&go.mutex);
  g_cond_clear (&go.cond);

  *rps = all->len / ((now_ms () - start) / 1000.0);
  *p99 = percentile (all, 0.99);
  *connect_p50 = percentile (connects, 0.5);
  *connect_max = percentile (connects, 1.0);
}

int
main (int   argc,
      char *argv[])
{
  ServerFixture f = { 0 };
  g_autoptr(MrezaStore) source = NULL;
  g_autoptr(MrezaStore) empty = NULL;
  g_autoptr(GArray) idle = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) spread = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autofree char *src_path = NULL;
  g_autofree char *dst_path = NULL;
  MrezaSyncStats stats = { 0 };
  gint64 rows = argc > 1 ? g_ascii_strtoll (argv[1], NULL, 10) : 100000;
  double rate, start, push_s, pull_s, peak_mb, rps, p99, conn_p50, conn_max;
  double push_mark_rate;
  PushTimer timer = { 0 };

  server_fixture_setup (&f, NULL);
  g_free (server_add_team (&f, "Nacionalni koordinator"));
  rate = insert_rate (f.dir);

  src_path = g_build_filename (f.dir, "source.db", NULL);
  if (!mreza_bench_generate (src_path, rows, &error))
    g_error ("%s", error->message);
  source = joined (&f, src_path, FALSE);

  start = now_ms ();
  timer.start_ms = start;
  if (!mreza_sync_run (source, push_progress_cb, &timer, &stats, NULL,
                       &error))
    g_error ("%s", error->message);
  push_s = (now_ms () - start) / 1000.0;
  /* A run smaller than the mark gives its whole push. */
  if (timer.mark_pushed == 0)
    {
      timer.mark_ms = now_ms ();
      timer.mark_pushed = stats.pushed;
    }
  push_mark_rate = timer.mark_pushed /
                   ((timer.mark_ms - timer.start_ms) / 1000.0);

  dst_path = g_build_filename (f.dir, "empty.db", NULL);
  empty = joined (&f, dst_path, TRUE);
  g_clear_object (&empty);
  pull_s = pull_in_child (dst_path, &peak_mb);

  for (guint i = 0; i < 50; i++)
    {
      double t0 = now_ms (), elapsed;

      if (!mreza_sync_run (source, NULL, NULL, NULL, NULL, &error))
        g_error ("%s", error->message);
      elapsed = now_ms () - t0;
      g_array_append_val (idle, elapsed);
    }

  propagation (source, dst_path, 50, spread);

  concurrent_load (&f, &rps, &p99, &conn_p50, &conn_max);

  printf ("{\"rows\": %" G_GINT64_FORMAT ", \"pushed\": %" G_GINT64_FORMAT ", "
          "\"push_first_changes\": %" G_GINT64_FORMAT ", "
          "\"push_first_changes_per_s\": %.0f, "
          "\"push_first_to_insert_ratio\": %.3f, "
          "\"push_changes_per_s\": %.0f, \"sqlite_insert_rows_per_s\": %.0f, "
          "\"push_to_insert_ratio\": %.3f, \"initial_pull_s\": %.2f, "
          "\"initial_pull_rows_per_s\": %.0f, \"pull_peak_rss_mb\": %.1f, "
          "\"idle_sync_p50_ms\": %.2f, \"idle_sync_p95_ms\": %.2f, "
          "\"propagation_p50_ms\": %.1f, \"propagation_p95_ms\": %.1f, "
          "\"clients\": 50, \"requests_per_s\": %.0f, \"p99_ms\": %.2f, "
          "\"connect_p50_ms\": %.1f, \"connect_max_ms\": %.1f}\n",
          rows, stats.pushed, timer.mark_pushed, push_mark_rate,
          push_mark_rate / rate, stats.pushed / push_s, rate,
          (stats.pushed / push_s) / rate, pull_s, stats.pushed / pull_s,
          peak_mb, percentile (idle, 0.5), percentile (idle, 0.95),
          percentile (spread, 0.5), percentile (spread, 0.95), rps, p99,
          conn_p50, conn_max);

  server_fixture_teardown (&f, NULL);
  return 0;
}
