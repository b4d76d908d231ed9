/* mreza-bench.c: the foundation's figures, as one JSON line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mreza-bench --dir DIR [--rows N] [--app PATH]
 * mreza-bench generate PATH ROWS
 *
 * Measures on a generated replica of N rows (1,000,000 by default, kept
 * in DIR between runs): the raw SQLite insert rate of this machine, the
 * search-as-you-type latency, the time to open a goal in the plan tree,
 * to open the joint actions list and to filter it by a year and a kind,
 * and, given the app, the time from launch to the main window's first
 * frame and its resident memory, with the demo and with the large
 * replica; the time to save an edit of a joint action and of a task;
 * and each frame's work while the joint actions list scrolls one
 * screenful per frame (cairo and GL renderers).
 */
#define G_LOG_DOMAIN "mreza-bench"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "bench-utils.h"
#include "mreza-bench-gen.h"
#include "mreza-import.h"
#include "mreza-joint-actions.h"
#include "mreza-row-list.h"
#include "mreza-search.h"
#include "mreza-store-private.h"
#include "mreza-tasks.h"




/* The machine's raw insert rate: one transaction, one prepared
 * statement, WAL and synchronous=NORMAL as the replica uses. */
static double
insert_rate (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "insert-rate.db", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  const int n = 1000000;
  double start, elapsed;

  g_unlink (path);
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
  elapsed = now_ms () - start;
  sqlite3_close (db);
  g_unlink (path);

  return n / (elapsed / 1000.0);
}

typedef struct
{
  GPtrArray *results;
  gboolean   done;
} SearchWait;

static void
search_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  SearchWait *wait = user_data;
  g_autoptr(GError) error = NULL;

  wait->results = mreza_search_run_finish (MREZA_STORE (object), result,
                                           &error);
  if (error != NULL)
    g_error ("Search failed: %s", error->message);
  wait->done = TRUE;
}

/* Types phrases a letter at a time, as a person would, through the
 * same asynchronous path the search entry uses. */
static void
search_latency (MrezaStore *store,
                double     *p50,
                double     *p95,
                double     *max)
{
  static const char * const phrases[] = {
    "sprečavanje trgovine ljudima", "lokalni tim Niš", "obuka policije",
    "zaštita žrtava", "Crveni krst", "kampanja škola", "Subotica",
    "međunarodni seminar", "socijalni rad", "identifikacija migranti",
  };
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint p = 0; p < G_N_ELEMENTS (phrases); p++)
    {
      glong len = g_utf8_strlen (phrases[p], -1);

      for (glong n = 1; n <= len; n++)
        {
          g_autofree char *typed = g_utf8_substring (phrases[p], 0, n);
          SearchWait wait = { 0 };
          double start = now_ms (), elapsed;

          mreza_search_run_async (store, typed, 50, NULL, search_cb, &wait);
          while (!wait.done)
            g_main_context_iteration (NULL, TRUE);
          elapsed = now_ms () - start;
          g_array_append_val (ms, elapsed);
          g_ptr_array_unref (wait.results);
        }
    }

  *max = percentile (ms, 1.0);
  *p50 = percentile (ms, 0.5);
  *p95 = percentile (ms, 0.95);
}

static void
count_change_cb (guint *changes)
{
  (*changes)++;
}

static void
unref_item (gpointer item)
{
  if (item != NULL)
    g_object_unref (item);
}

/* Opening a goal: its activities are read in a worker, then the rows a
 * window shows are built. */
static void
goal_open (MrezaStore *store,
           double     *p95,
           double     *max)
{
  g_autoptr(MrezaRowList) goals = mreza_row_list_new (store, MREZA_ROW_GOAL,
                                                      NULL);
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_goals;

  while (!mreza_row_list_get_loaded (goals))
    g_main_context_iteration (NULL, TRUE);
  n_goals = g_list_model_get_n_items (G_LIST_MODEL (goals));

  for (guint g = 0; g < n_goals; g++)
    {
      g_autoptr(MrezaRow) goal = g_list_model_get_item (G_LIST_MODEL (goals), g);
      g_autoptr(MrezaRowList) activities = NULL;
      double start = now_ms (), elapsed;
      guint n;

      activities = mreza_row_list_new (store, MREZA_ROW_ACTIVITY,
                                       mreza_row_get_id (goal));
      while (!mreza_row_list_get_loaded (activities))
        g_main_context_iteration (NULL, TRUE);
      n = MIN (40, g_list_model_get_n_items (G_LIST_MODEL (activities)));
      for (guint i = 0; i < n; i++)
        g_object_unref (g_list_model_get_item (G_LIST_MODEL (activities), i));
      elapsed = now_ms () - start;
      g_array_append_val (ms, elapsed);
    }

  *max = percentile (ms, 1.0);
  *p95 = percentile (ms, 0.95);
}

/* The joint actions list: opening it (its rowids read in a worker,
 * then the first screenful of rows built), then a filter to a year and
 * a kind, until the list shows the new rows. Each the median of five. */
static void
actions_open_filter (MrezaStore *store,
                     double     *open_ms,
                     double     *filter_ms)
{
  g_autoptr(GArray) opens = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) filters = g_array_new (FALSE, FALSE, sizeof (double));
  static const char * const kinds[] = {
    "training", "campaign", "meeting", "joint_preventive_action", "other",
  };

  for (guint run = 0; run < 5; run++)
    {
      MrezaJointActionFilter filter = {
        .year = 2014 + (int) run, .kind = kinds[run % G_N_ELEMENTS (kinds)],
      };
      g_autoptr(MrezaRowList) actions = NULL;
      double start = now_ms (), elapsed;
      guint changes = 0;
      gulong handler;

      actions = mreza_row_list_new (store, MREZA_ROW_JOINT_ACTION, NULL);
      while (!mreza_row_list_get_loaded (actions))
        g_main_context_iteration (NULL, TRUE);
      for (guint i = 0; i < 40; i++)
        unref_item (g_list_model_get_item (G_LIST_MODEL (actions), i));
      elapsed = now_ms () - start;
      g_array_append_val (opens, elapsed);

      handler = g_signal_connect_swapped (actions, "items-changed",
                                          G_CALLBACK (count_change_cb),
                                          &changes);
      start = now_ms ();
      mreza_row_list_set_joint_action_filter (actions, &filter);
      while (changes == 0)
        g_main_context_iteration (NULL, TRUE);
      for (guint i = 0; i < 40; i++)
        unref_item (g_list_model_get_item (G_LIST_MODEL (actions), i));
      elapsed = now_ms () - start;
      g_array_append_val (filters, elapsed);
      g_signal_handler_disconnect (actions, handler);
    }

  *open_ms = percentile (opens, 0.5);
  *filter_ms = percentile (filters, 0.5);
}

/* Launches the app on @replica; it prints "first-frame rss-kb=N" when
 * its main window has drawn its first frame, and quits. */
static gboolean
first_frame (const char *app,
             const char *replica,
             const char *renderer,
             double     *ms,
             gint64     *rss_kb)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  double start = now_ms ();

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_setenv (launcher, "MREZA_BENCH_FIRST_FRAME", "1",
                                TRUE);
  if (renderer != NULL)
    g_subprocess_launcher_setenv (launcher, "GSK_RENDERER", renderer, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "GSK_RENDERER");
  proc = g_subprocess_launcher_spawn (launcher, &error, app, "--replica",
                                      replica, NULL);
  if (proc == NULL)
    {
      g_printerr ("Cannot launch %s: %s\n", app, error->message);
      return FALSE;
    }

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));
  while ((line = g_data_input_stream_read_line (out, NULL, NULL, &error)))
    {
      if (g_str_has_prefix (line, "first-frame"))
        break;
      g_clear_pointer (&line, g_free);
    }
  *ms = now_ms () - start;
  g_subprocess_wait (proc, NULL, NULL);

  if (line == NULL)
    {
      g_printerr ("%s did not report its first frame\n", app);
      return FALSE;
    }

  *rss_kb = g_ascii_strtoll (strstr (line, "rss-kb=") + 7, NULL, 10);
  return TRUE;
}

static gboolean
median_first_frame (const char *app,
                    const char *replica,
                    const char *renderer,
                    double     *ms,
                    gint64     *rss_kb)
{
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (double));

  *rss_kb = 0;
  for (guint i = 0; i < 5; i++)
    {
      double one;
      gint64 rss;

      if (!first_frame (app, replica, renderer, &one, &rss))
        return FALSE;
      /* The first launch builds Mesa's shader cache: not a launch a
       * person sees twice. */
      if (i > 0)
        g_array_append_val (runs, one);
      *rss_kb = MAX (*rss_kb, rss);
    }

  *ms = percentile (runs, 0.5);
  return TRUE;
}

/* Saving an edit: a joint action's title and a task's progress, each
 * loaded, changed and saved through the same core calls the forms make
 * (validation, one transaction, the sync capture). Only the save is
 * timed; the p95 over 50 saves of rows spread over the table. */
static void
save_edits (MrezaStore *store,
            double     *ja_p95,
            double     *task_p95)
{
  sqlite3 *db = mreza_store_get_db (store);
  g_autoptr(GArray) ja_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) task_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(sqlite3_stmt) ja = NULL;
  g_autoptr(sqlite3_stmt) task = NULL;
  g_autoptr(GError) error = NULL;

  ja = _mreza_sql_prepare (db, "SELECT id FROM joint_action WHERE rowid >="
                           " (SELECT max (rowid) FROM joint_action) * ?1 / 50"
                           " LIMIT 1", &error);
  task = _mreza_sql_prepare (db, "SELECT id FROM task WHERE rowid >="
                             " (SELECT max (rowid) FROM task) * ?1 / 50"
                             " LIMIT 1", &error);
  g_assert_no_error (error);

  for (int i = 0; i < 50; i++)
    {
      g_autoptr(MrezaJointAction) action = NULL;
      g_autoptr(MrezaTaskProgress) progress = NULL;
      double start;

      sqlite3_reset (ja);
      sqlite3_bind_int (ja, 1, i);
      g_assert_cmpint (sqlite3_step (ja), ==, SQLITE_ROW);
      action = mreza_joint_action_load (db, _mreza_sql_text (ja, 0), &error);
      g_assert_no_error (error);
      g_free (action->title);
      action->title = g_strdup_printf ("Obuka za stručnjake — izmena %d", i);
      start = now_ms ();
      if (!mreza_joint_action_save (store, action, &error))
        g_error ("Saving a joint action failed: %s", error->message);
      start = now_ms () - start;
      g_array_append_val (ja_ms, start);

      sqlite3_reset (task);
      sqlite3_bind_int (task, 1, i);
      g_assert_cmpint (sqlite3_step (task), ==, SQLITE_ROW);
      progress = mreza_task_progress_load (db, _mreza_sql_text (task, 0),
                                           &error);
      g_assert_no_error (error);
      g_free (progress->status);
      progress->status = g_strdup (i % 2 ? "in_progress" : "not_started");
      g_free (progress->progress_note);
      progress->progress_note = g_strdup_printf ("Beleška %d", i);
      start = now_ms ();
      if (!mreza_task_progress_save (store, progress, &error))
        g_error ("Saving a task failed: %s", error->message);
      start = now_ms () - start;
      g_array_append_val (task_ms, start);
    }

  *ja_p95 = percentile (ja_ms, 0.95);
  *task_p95 = percentile (task_ms, 0.95);
}

/* Adds the comma-separated figures after "@key=" in @line to @values. */
static void
parse_values (const char *line,
              const char *key,
              GArray     *values)
{
  const char *p = strstr (line, key);
  char *end;

  if (p == NULL)
    return;
  p += strlen (key);
  while (*p != '\0' && *p != ' ')
    {
      double v = g_ascii_strtod (p, &end);

      if (end == p)
        break;
      g_array_append_val (values, v);
      p = *end == ',' ? end + 1 : end;
    }
}

/* Scrolls the joint actions list of the app on @replica one screenful
 * per frame (MREZA_BENCH_SCROLL, src/app/mreza-bench-hooks.c) and reads
 * each frame's work time back. */
static gboolean
scroll_frames (const char *app,
               const char *replica,
               const char *renderer,
               double     *p50,
               double     *p95,
               double     *max,
               double     *open_ms)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) work = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *out = NULL;
  const char *line;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_setenv (launcher, "MREZA_BENCH_SCROLL", "300", TRUE);
  if (renderer != NULL)
    g_subprocess_launcher_setenv (launcher, "GSK_RENDERER", renderer, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "GSK_RENDERER");
  proc = g_subprocess_launcher_spawn (launcher, &error, app, "--replica",
                                      replica, NULL);
  if (proc == NULL ||
      !g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, &error))
    {
      g_printerr ("Cannot scroll in %s: %s\n", app, error->message);
      return FALSE;
    }
  line = out != NULL ? strstr (out, "scroll ") : NULL;
  if (line == NULL)
    {
      g_printerr ("%s did not report its scrolling\n", app);
      return FALSE;
    }
  parse_values (line, "work-ms=", work);
  if (work->len == 0)
    return FALSE;
  *open_ms = strstr (line, "open-ms=") != NULL
             ? g_ascii_strtod (strstr (line, "open-ms=") + 8, NULL) : -1;
  *max = percentile (work, 1.0);
  *p95 = percentile (work, 0.95);
  *p50 = percentile (work, 0.5);
  return TRUE;
}

static char *
ensure_replica (const char *dir,
                gint64      rows,
                double     *gen_s)
{
  g_autofree char *name = g_strdup_printf ("bench-%" G_GINT64_FORMAT ".db",
                                           rows);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  double start;

  *gen_s = 0;
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return path;

  start = now_ms ();
  if (!mreza_bench_generate (path, rows, &error))
    g_error ("Cannot generate the replica: %s", error->message);
  *gen_s = (now_ms () - start) / 1000.0;

  return path;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *app = NULL;
  g_autofree char *replica = NULL;
  g_autofree char *demo = NULL;
  g_autoptr(MrezaStore) store = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  gint64 rows = 1000000;
  double rate, gen_s, s50, s95, smax, g95, gmax, a_open, a_filter;
  double save_ja = -1, save_task = -1;
  double sc50 = -1, sc95 = -1, scmax = -1, scg50 = -1, scg95 = -1, scgmax = -1;
  double view_open = -1, view_open_gl = -1;
  double ff_big = -1, ff_demo = -1, ffc_big = -1, ffc_demo = -1;
  gint64 rss_big = -1, rss_demo = -1, rssc_big = -1, rssc_demo = -1;
  GOptionEntry entries[] = {
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, "Where replicas are kept", "DIR" },
    { "rows", 0, 0, G_OPTION_ARG_INT64, &rows, "Rows to generate", "N" },
    { "app", 0, 0, G_OPTION_ARG_FILENAME, &app, "The mreza executable", "PATH" },
    { NULL }
  };

  setlocale (LC_ALL, "");

  if (argc == 4 && g_str_equal (argv[1], "generate"))
    {
      if (!mreza_bench_generate (argv[2], g_ascii_strtoll (argv[3], NULL, 10),
                                 &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      return 0;
    }

  context = g_option_context_new ("- measure Mreža's foundation");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || dir == NULL)
    {
      g_printerr ("%s\n", error ? error->message : "--dir is required");
      return 2;
    }
  g_mkdir_with_parents (dir, 0700);

  rate = insert_rate (dir);
  replica = ensure_replica (dir, rows, &gen_s);

  if (!(store = mreza_store_open (replica, MREZA_STORE_OPEN_DEFAULT, &error)))
    g_error ("%s", error->message);
  search_latency (store, &s50, &s95, &smax);
  goal_open (store, &g95, &gmax);
  actions_open_filter (store, &a_open, &a_filter);
  save_edits (store, &save_ja, &save_task);
  g_clear_object (&store);

  /* The baseline is the demo replica: the same window on the same page,
   * with a plan of five goals and a few hundred rows. GTK's default
   * renderer under Xvfb is GL on Mesa's software rasterizer, which is
   * not what a laptop runs, so the cairo renderer is measured too. */
  if (app != NULL)
    {
      g_autofree char *demo_dir = g_strdup (g_getenv ("MREZA_DEMO_DIR"));
      g_autoptr(MrezaStore) demo_store = NULL;

      demo = g_build_filename (dir, "demo.db", NULL);
      if (!g_file_test (demo, G_FILE_TEST_EXISTS))
        {
          demo_store = mreza_store_open (demo, MREZA_STORE_OPEN_CREATE, &error);
          if (demo_store == NULL || demo_dir == NULL ||
              !mreza_import_path (demo_store, demo_dir, NULL, &error))
            g_error ("Cannot make the demo replica: %s",
                     error ? error->message : "MREZA_DEMO_DIR is not set");
          g_clear_object (&demo_store);
        }

      if (!median_first_frame (app, demo, NULL, &ff_demo, &rss_demo) ||
          !median_first_frame (app, replica, NULL, &ff_big, &rss_big) ||
          !median_first_frame (app, demo, "cairo", &ffc_demo, &rssc_demo) ||
          !median_first_frame (app, replica, "cairo", &ffc_big, &rssc_big) ||
          !scroll_frames (app, replica, "cairo", &sc50, &sc95, &scmax,
                          &view_open) ||
          !scroll_frames (app, replica, NULL, &scg50, &scg95, &scgmax,
                          &view_open_gl))
        return 1;
    }

  printf ("{\"rows\": %" G_GINT64_FORMAT ", \"generate_s\": %.1f, "
          "\"sqlite_insert_rows_per_s\": %.0f, "
          "\"search_p50_ms\": %.2f, \"search_p95_ms\": %.2f, "
          "\"search_max_ms\": %.2f, "
          "\"goal_open_p95_ms\": %.2f, \"goal_open_max_ms\": %.2f, "
          "\"actions_open_ms\": %.2f, \"actions_filter_ms\": %.2f, "
          "\"first_frame_ms\": %.0f, \"first_frame_demo_ms\": %.0f, "
          "\"rss_mb\": %.1f, \"rss_demo_mb\": %.1f, "
          "\"first_frame_cairo_ms\": %.0f, "
          "\"first_frame_cairo_demo_ms\": %.0f, "
          "\"rss_cairo_mb\": %.1f, \"rss_cairo_demo_mb\": %.1f, "
          "\"save_joint_action_p95_ms\": %.2f, \"save_task_p95_ms\": %.2f, "
          "\"scroll_frame_cairo_p50_ms\": %.2f, "
          "\"scroll_frame_cairo_p95_ms\": %.2f, "
          "\"scroll_frame_cairo_max_ms\": %.2f, "
          "\"scroll_frame_gl_p50_ms\": %.2f, \"scroll_frame_gl_p95_ms\": %.2f, "
          "\"scroll_frame_gl_max_ms\": %.2f, "
          "\"actions_view_open_cairo_ms\": %.0f, "
          "\"actions_view_open_gl_ms\": %.0f}\n",
          rows, gen_s, rate, s50, s95, smax, g95, gmax, a_open, a_filter,
          ff_big, ff_demo,
          rss_big / 1024.0, rss_demo / 1024.0, ffc_big, ffc_demo,
          rssc_big / 1024.0, rssc_demo / 1024.0, save_ja, save_task,
          sc50, sc95, scmax, scg50, scg95, scgmax, view_open, view_open_gl);

  return 0;
}
