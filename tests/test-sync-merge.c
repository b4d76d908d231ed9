/* test-sync-merge.c: replicas converge, whatever the order of syncs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The coordinator here is an in-memory log with the real protocol's
 * semantics (a global sequence, each device's changes once, pulls after
 * a cursor that skip the puller's own changes); the replicas are real
 * SQLite files with the real capture triggers and merge. Random offline
 * edits on five replicas — inserts, updates, deletes, concurrent edits
 * of the same field — synced in random orders, must end, after a full
 * round, in identical content, with every lost concurrent edit kept as
 * a conflict record somewhere.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "mreza-store-private.h"
#include "mreza-sync-private.h"
#include "mreza-test-utils.h"

#define N_REPLICAS 5

typedef struct
{
  char  *device;
  gint64 dseq;
  char  *table;
  char  *row_id;
  char   op;
  char  *hlc;
  char  *fields;
  char  *bases;
} LogEntry;

static void
log_entry_free (LogEntry *e)
{
  g_free (e->device);
  g_free (e->table);
  g_free (e->row_id);
  g_free (e->hlc);
  g_free (e->fields);
  g_free (e->bases);
  g_free (e);
}

typedef struct
{
  char       *dir;
  MrezaStore *replicas[N_REPLICAS];
  gint64      cursors[N_REPLICAS];
  GPtrArray  *log;          /* the coordinator: index + 1 = gseq */
  GHashTable *seen;         /* "device/dseq", for exactly-once */
  GRand      *rand;
  guint       fresh;        /* the replica that joined empty, if any */
} World;

static void
exec (MrezaStore *store,
      const char *sql)
{
  char *err = NULL;

  if (sqlite3_exec (mreza_store_get_db (store), sql, NULL, NULL, &err) !=
      SQLITE_OK)
    g_error ("%s: %s", sql, err);
}

/* Push: the outbox goes to the log, each (device, dseq) once, then the
 * outbox drops what was acknowledged. */
static void
push (World *w,
      guint  r)
{
  sqlite3 *db = mreza_store_get_db (w->replicas[r]);
  const char *device = mreza_store_get_device_id (w->replicas[r]);
  sqlite3_stmt *stmt = NULL;

  sqlite3_prepare_v2 (db, "SELECT seq, tbl, row_id, op, hlc, fields, bases"
                          " FROM sync_outbox ORDER BY seq", -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      LogEntry *e = g_new0 (LogEntry, 1);
      char *key;

      e->device = g_strdup (device);
      e->dseq = sqlite3_column_int64 (stmt, 0);
      e->table = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      e->row_id = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      e->op = sqlite3_column_text (stmt, 3)[0];
      e->hlc = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      e->fields = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      e->bases = g_strdup ((const char *) sqlite3_column_text (stmt, 6));

      key = g_strdup_printf ("%s/%" G_GINT64_FORMAT, e->device, e->dseq);
      if (g_hash_table_add (w->seen, key))
        g_ptr_array_add (w->log, e);
      else
        log_entry_free (e);
    }
  sqlite3_finalize (stmt);
  exec (w->replicas[r], "DELETE FROM sync_outbox");
}

static MrezaChange *
to_change (LogEntry *e,
           gint64    gseq)
{
  MrezaChange *c = g_new0 (MrezaChange, 1);

  c->gseq = gseq;
  c->device = g_strdup (e->device);
  c->dseq = e->dseq;
  c->table = mreza_schema_find_table (e->table);
  c->row_id = g_strdup (e->row_id);
  c->op = e->op;
  c->hlc = g_strdup (e->hlc);
  g_assert_nonnull (c->table);
  g_assert_true (_mreza_change_set_json (c, e->fields, e->bases));

  return c;
}

/* Pull in pages of up to @page changes, as the protocol does. */
static void
finish_bulk (World *w,
             guint  r)
{
  g_autoptr(GError) error = NULL;

  _mreza_sync_bulk_finish (mreza_store_get_db (w->replicas[r]), &error);
  g_assert_no_error (error);
}

/* The replica that joined empty starts a bulk load at its first pull,
 * and ends it at a random later pull (or when it is opened again): its
 * edits, pushes and pulls meanwhile run with the load pending. */
static void
pull (World *w,
      guint  r,
      guint  page)
{
  const char *device = mreza_store_get_device_id (w->replicas[r]);
  sqlite3 *db = mreza_store_get_db (w->replicas[r]);

  if (r == w->fresh && w->cursors[r] == 0)
    {
      g_autoptr(GError) error = NULL;

      _mreza_sync_bulk_try_begin (db, &error);
      g_assert_no_error (error);
    }
  else if (r == w->fresh && _mreza_sync_bulk_is_pending (db) &&
           g_rand_int_range (w->rand, 0, 4) == 0)
    finish_bulk (w, r);

  while (w->cursors[r] < (gint64) w->log->len)
    {
      g_autoptr(GPtrArray) changes =
        g_ptr_array_new_with_free_func ((GDestroyNotify) _mreza_change_free);
      g_autoptr(GError) error = NULL;
      gint64 cursor = w->cursors[r];

      while (cursor < (gint64) w->log->len && changes->len < page)
        {
          LogEntry *e = w->log->pdata[cursor++];

          if (!g_str_equal (e->device, device))
            g_ptr_array_add (changes, to_change (e, cursor));
        }

      _mreza_sync_apply_changes (mreza_store_get_db (w->replicas[r]), changes,
                                 cursor, NULL, &error);
      g_assert_no_error (error);
      w->cursors[r] = cursor;
    }
}

/* The replica's content, bookkeeping left out: what must converge. */
static char *
dump (MrezaStore *store)
{
  static const char * const tables[] = {
    "institution", "team", "team_member", "contact", "plan", "goal",
    "activity", "task", "task_institution", "indicator", "indicator_value",
    "project", "project_partner", "budget_line", "risk", "joint_action",
    "joint_action_institution", "joint_action_indicator", "meeting",
    "meeting_agenda_item", "meeting_invitee", "meeting_follow_up",
  };
  GString *out = g_string_new (NULL);
  sqlite3 *db = mreza_store_get_db (store);

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      const MrezaTableInfo *info = mreza_schema_find_table (tables[t]);
      g_autoptr(GString) sql = g_string_new ("SELECT id");
      sqlite3_stmt *stmt = NULL;

      for (guint c = 0; c < info->n_columns; c++)
        g_string_append_printf (sql, ", quote (%s)", info->columns[c].name);
      g_string_append_printf (sql, " FROM %s ORDER BY id", tables[t]);
      sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_string_append (out, tables[t]);
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (out, "|%s",
                                    sqlite3_column_text (stmt, c));
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
    }

  return g_string_free (out, FALSE);
}

static char *
random_id (World      *w,
           MrezaStore *store,
           const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s ORDER BY id"
                                          " LIMIT 1 OFFSET abs (%d) %% max"
                                          " ((SELECT count(*) FROM %s), 1)",
                                          table, g_rand_int (w->rand), table);
  sqlite3_stmt *stmt = NULL;
  char *id = NULL;

  sqlite3_prepare_v2 (mreza_store_get_db (store), sql, -1, &stmt, NULL);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return id;
}

/* One offline edit, like a person's in the app. Some go to a few hot
 * rows, so that concurrent edits of one field are frequent. */
static void
random_edit (World *w,
             guint  r)
{
  MrezaStore *store = w->replicas[r];
  g_autofree char *ja = random_id (w, store, "joint_action");
  g_autofree char *team = random_id (w, store, "team");
  g_autofree char *task = random_id (w, store, "task");
  g_autofree char *sql = NULL;
  g_autofree char *uuid = g_strdup_printf ("%08x-0000-4000-8000-%012x",
                                           g_rand_int (w->rand),
                                           g_rand_int (w->rand));
  int what = g_rand_int_range (w->rand, 0, 10);
  int v = g_rand_int_range (w->rand, 0, 1000);

  if (what < 3 && team != NULL)
    sql = g_strdup_printf ("INSERT INTO joint_action (id, created_at,"
                           " modified_at, modified_by, team_id, date, kind,"
                           " title, women) VALUES ('%s', 'x', 'x', 'x', '%s',"
                           " '2018-0%d-1%d', 'training', 'Obuka %d', %d)",
                           uuid, team, 1 + v % 9, v % 10, v, v % 40);
  else if (what < 6 && ja != NULL)
    sql = g_strdup_printf ("UPDATE joint_action SET %s = '%s %d' WHERE id ="
                           " '%s'", v % 2 ? "title" : "place",
                           v % 2 ? "Kampanja" : "Niš", v, ja);
  else if (what < 7 && ja != NULL)
    sql = g_strdup_printf ("UPDATE joint_action SET women = %d, men = %d"
                           " WHERE id = '%s'", v % 50, v % 30, ja);
  else if (what < 8 && ja != NULL)
    sql = g_strdup_printf ("DELETE FROM joint_action WHERE id = '%s'", ja);
  else if (task != NULL)
    sql = g_strdup_printf ("UPDATE task SET status = '%s', progress_note ="
                           " 'r%u %d' WHERE id = (SELECT id FROM task"
                           " ORDER BY id LIMIT 1 OFFSET %d)",
                           v % 3 ? "in_progress" : "done", r, v, v % 3);
  if (sql != NULL)
    exec (store, sql);
}

static void
world_open (World *w)
{
  for (guint r = 0; r < N_REPLICAS; r++)
    {
      g_autofree char *name = g_strdup_printf ("r%u.db", r);

      w->replicas[r] = test_open_store (w->dir, name);
    }
}

/* The seeded world every run starts from, built once: the national
 * coordinator imports the plan, the others pull it. */
static World template;

static void
template_init (void)
{
  g_autofree char *demo = test_demo_dir ();
  g_autoptr(GError) error = NULL;

  if (template.dir != NULL)
    return;

  template.dir = test_make_dir ();
  template.fresh = N_REPLICAS;
  template.log = g_ptr_array_new_with_free_func ((GDestroyNotify) log_entry_free);
  template.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  world_open (&template);

  mreza_import_path (template.replicas[0], demo, NULL, &error);
  g_assert_no_error (error);
  push (&template, 0);
  for (guint r = 1; r < N_REPLICAS; r++)
    pull (&template, r, 500);

  /* Closed, checkpointed files can be copied. */
  for (guint r = 0; r < N_REPLICAS; r++)
    {
      exec (template.replicas[r], "PRAGMA wal_checkpoint(TRUNCATE)");
      g_clear_object (&template.replicas[r]);
    }
}

static void
world_init (World  *w,
            guint32 seed)
{
  template_init ();

  w->dir = test_make_dir ();
  w->rand = g_rand_new_with_seed (seed);
  w->fresh = seed % 2 == 0 ? N_REPLICAS - 1 : N_REPLICAS;
  w->log = g_ptr_array_new_with_free_func ((GDestroyNotify) log_entry_free);
  w->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint r = 0; r < N_REPLICAS; r++)
    {
      g_autofree char *name = g_strdup_printf ("r%u.db", r);
      g_autofree char *from = g_build_filename (template.dir, name, NULL);
      g_autofree char *to = g_build_filename (w->dir, name, NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GError) error = NULL;
      gsize len;

      /* In every other seed the last laptop joins empty, and catches up
       * through a bulk load (mreza-sync-bulk.c). */
      if (w->fresh == r)
        continue;
      g_file_get_contents (from, &contents, &len, &error);
      g_assert_no_error (error);
      g_file_set_contents (to, contents, len, &error);
      g_assert_no_error (error);
      w->cursors[r] = template.cursors[r];
    }
  world_open (w);

  for (guint i = 0; i < template.log->len; i++)
    {
      LogEntry *t = template.log->pdata[i];
      LogEntry *e = g_new0 (LogEntry, 1);

      *e = *t;
      e->device = g_strdup (t->device);
      e->table = g_strdup (t->table);
      e->row_id = g_strdup (t->row_id);
      e->hlc = g_strdup (t->hlc);
      e->fields = g_strdup (t->fields);
      e->bases = g_strdup (t->bases);
      g_ptr_array_add (w->log, e);
      g_hash_table_add (w->seen, g_strdup_printf ("%s/%" G_GINT64_FORMAT,
                                                  e->device, e->dseq));
    }
}

static void
world_clear (World *w)
{
  for (guint r = 0; r < N_REPLICAS; r++)
    g_clear_object (&w->replicas[r]);
  g_ptr_array_unref (w->log);
  g_hash_table_unref (w->seen);
  g_rand_free (w->rand);
  g_free (w->dir);
}

static gboolean
same_value (LogEntry   *a,
            LogEntry   *b,
            const char *col)
{
  g_autoptr(JsonNode) fa = json_from_string (a->fields, NULL);
  g_autoptr(JsonNode) fb = json_from_string (b->fields, NULL);
  JsonObject *oa = json_node_get_object (fa);
  JsonObject *ob = json_node_get_object (fb);

  return json_object_has_member (oa, col) && json_object_has_member (ob, col) &&
         json_node_equal (json_object_get_member (oa, col),
                          json_object_get_member (ob, col));
}

/* Follows a field's history from its final edit back through the bases:
 * edits on that chain were seen and replaced; any other edit of the field
 * with another value lost to a concurrent one and must be a conflict. */
static void
check_conflicts (World *w)
{
  g_autoptr(GHashTable) by_hlc = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) recorded = g_hash_table_new_full (g_str_hash,
                                                          g_str_equal,
                                                          g_free, NULL);
  guint lost = 0;

  for (guint r = 0; r < N_REPLICAS; r++)
    {
      sqlite3_stmt *stmt = NULL;

      sqlite3_prepare_v2 (mreza_store_get_db (w->replicas[r]),
                          "SELECT row_id || '/' || col || '/' || lost_hlc,"
                          " row_id || '/' || col || '=' || quote (lost_value)"
                          " FROM sync_conflict", -1, &stmt, NULL);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_hash_table_add (recorded,
                            g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
          g_hash_table_add (recorded,
                            g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
        }
      sqlite3_finalize (stmt);
    }

  for (guint i = 0; i < w->log->len; i++)
    {
      LogEntry *e = w->log->pdata[i];

      g_hash_table_insert (by_hlc, e->hlc, e);
    }

  /* For each update edit of a field that still exists: is it on the
   * chain of the replica's current field HLC? */
  for (guint i = 0; i < w->log->len; i++)
    {
      LogEntry *e = w->log->pdata[i];
      g_autoptr(JsonNode) fields = json_from_string (e->fields, NULL);
      g_autoptr(JsonNode) bases = json_from_string (e->bases, NULL);
      JsonObjectIter iter;
      const char *col;

      if (e->op != 'u' || json_object_get_size (json_node_get_object (bases)) == 0)
        continue;

      json_object_iter_init (&iter, json_node_get_object (fields));
      while (json_object_iter_next (&iter, &col, NULL))
        {
          g_autofree char *sql = NULL;
          g_autofree char *key = NULL;
          g_autofree char *final = NULL;
          sqlite3_stmt *stmt = NULL;
          const char *h;
          gboolean on_chain = FALSE;

          sql = g_strdup_printf ("SELECT coalesce (json_extract (fields,"
                                 " '$.%s'), hlc) FROM sync_row WHERE"
                                 " tbl = '%s' AND row_id = '%s'",
                                 col, e->table, e->row_id);
          sqlite3_prepare_v2 (mreza_store_get_db (w->replicas[0]), sql, -1,
                              &stmt, NULL);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            final = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          sqlite3_finalize (stmt);
          if (final == NULL)
            continue;   /* the row was deleted */

          for (h = final; h != NULL; )
            {
              LogEntry *step = g_hash_table_lookup (by_hlc, h);
              g_autoptr(JsonNode) sb = NULL;
              JsonObject *sbo;

              if (g_str_equal (h, e->hlc))
                {
                  on_chain = TRUE;
                  break;
                }
              if (step == NULL)
                break;
              /* An edit whose value a later edit on the chain also set
               * lost nothing: the chain carried its value on. */
              if (same_value (step, e, col))
                {
                  on_chain = TRUE;
                  break;
                }
              sb = json_from_string (step->bases, NULL);
              sbo = json_node_get_object (sb);
              h = json_object_has_member (sbo, col) &&
                  !json_object_get_null_member (sbo, col)
                ? json_object_get_string_member (sbo, col) : NULL;
              if (h != NULL)
                h = ((LogEntry *) g_hash_table_lookup (by_hlc, h))
                  ? ((LogEntry *) g_hash_table_lookup (by_hlc, h))->hlc : NULL;
            }

          if (on_chain)
            continue;

          key = g_strdup_printf ("%s/%s/%s", e->row_id, col, e->hlc);
          lost++;
          /* An edit that lost only to an equal value left no record of
           * its own; the loss of that value was recorded instead. */
          {
            g_autofree char *q = g_strdup_printf (
              "SELECT '%s/%s=' || quote (json_extract ('%s', '$.%s'))",
              e->row_id, col, e->fields, col);
            sqlite3_stmt *vs = NULL;

            sqlite3_prepare_v2 (mreza_store_get_db (w->replicas[0]), q, -1,
                                &vs, NULL);
            g_assert_cmpint (sqlite3_step (vs), ==, SQLITE_ROW);
            if (g_hash_table_contains (recorded, sqlite3_column_text (vs, 0)))
              {
                sqlite3_finalize (vs);
                continue;
              }
            sqlite3_finalize (vs);
          }
          if (!g_hash_table_contains (recorded, key))
            {
              /* Same value as the winner: nothing was lost. */
              g_autofree char *same = g_strdup_printf (
                "SELECT %s IS json_extract ('%s', '$.%s') FROM %s WHERE id ="
                " '%s'", col, e->fields, col, e->table, e->row_id);
              sqlite3_prepare_v2 (mreza_store_get_db (w->replicas[0]), same,
                                  -1, &stmt, NULL);
              g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
              if (!sqlite3_column_int (stmt, 0))
                {
                  g_printerr ("lost %s fields %s bases %s final %s\n",
                              e->hlc, e->fields, e->bases, final);
                  for (guint k = 0; k < w->log->len; k++)
                    {
                      LogEntry *o = w->log->pdata[k];

                      if (g_str_equal (o->row_id, e->row_id))
                        g_printerr ("  log %u %c %s %s %s\n", k, o->op,
                                    o->hlc, o->fields, o->bases);
                    }
                  for (guint r = 0; r < N_REPLICAS; r++)
                    {
                      sqlite3_stmt *cs = NULL;
                      g_autofree char *cq = g_strdup_printf (
                        "SELECT col, kept_value, kept_hlc, lost_value,"
                        " lost_hlc FROM sync_conflict WHERE row_id = '%s'",
                        e->row_id);

                      g_printerr ("  replica %u device %s\n", r,
                                  mreza_store_get_device_id (w->replicas[r]));
                      sqlite3_prepare_v2 (mreza_store_get_db (w->replicas[r]),
                                          cq, -1, &cs, NULL);
                      while (sqlite3_step (cs) == SQLITE_ROW)
                        g_printerr ("    conflict %s kept %s %s lost %s %s\n",
                                    sqlite3_column_text (cs, 0),
                                    sqlite3_column_text (cs, 1),
                                    sqlite3_column_text (cs, 2),
                                    sqlite3_column_text (cs, 3),
                                    sqlite3_column_text (cs, 4));
                      sqlite3_finalize (cs);
                    }
                  g_error ("A concurrent edit of %s.%s (%s) left no conflict",
                           e->table, col, e->hlc);
                }
              sqlite3_finalize (stmt);
            }
        }
    }

  g_test_message ("lost concurrent edits: %u", lost);
}

static void
run_seed (guint32 seed)
{
  World w = { 0 };
  g_autofree char *reference = NULL;

  world_init (&w, seed);

  for (guint round = 0; round < 12; round++)
    {
      for (guint r = 0; r < N_REPLICAS; r++)
        for (int n = g_rand_int_range (w.rand, 0, 4); n > 0; n--)
          random_edit (&w, r);

      for (guint s = 0; s < N_REPLICAS; s++)
        {
          guint r = g_rand_int_range (w.rand, 0, N_REPLICAS);

          if (g_rand_boolean (w.rand))
            push (&w, r);
          if (g_rand_boolean (w.rand))
            pull (&w, r, g_rand_int_range (w.rand, 1, 40));
        }
    }

  /* A full round: everyone pushes, then everyone pulls. */
  for (guint r = 0; r < N_REPLICAS; r++)
    push (&w, r);
  for (guint r = 0; r < N_REPLICAS; r++)
    pull (&w, r, 100);
  for (guint r = 0; r < N_REPLICAS; r++)
    finish_bulk (&w, r);

  reference = dump (w.replicas[0]);
  for (guint r = 1; r < N_REPLICAS; r++)
    {
      g_autofree char *other = dump (w.replicas[r]);

      if (g_strcmp0 (reference, other) != 0)
        g_error ("seed %u: replica %u differs from replica 0", seed, r);
    }

  for (guint r = 0; r < N_REPLICAS; r++)
    g_assert_cmpint (test_query_int (w.replicas[r],
                                     "SELECT count(*) FROM sync_outbox"), ==, 0);
  check_conflicts (&w);
  world_clear (&w);
}

static void
test_converge (void)
{
  const char *only = g_getenv ("MREZA_SEED");
  guint n = g_test_slow () ? 1000 : 200;

  if (only != NULL)
    {
      run_seed (atoi (only));
      return;
    }

  for (guint32 seed = 1; seed <= n; seed++)
    {
      g_test_message ("seed %u", seed);
      run_seed (seed);
    }
}

static void
test_no_echo (void)
{
  World w = { 0 };

  world_init (&w, 7);
  /* Applying the coordinator's changes writes nothing to the outbox. */
  for (guint r = 1; r < N_REPLICAS; r++)
    g_assert_cmpint (test_query_int (w.replicas[r],
                                     "SELECT count(*) FROM sync_outbox"), ==, 0);
  g_assert_cmpint (test_count (w.replicas[1], "task"), ==, 64);
  world_clear (&w);
}

static void
test_concurrent_field (void)
{
  World w = { 0 };
  g_autofree char *sql = NULL;
  gint64 conflicts = 0;

  world_init (&w, 3);
  exec (w.replicas[1], "UPDATE goal SET title = 'Prvi' WHERE number = 1");
  /* In the same millisecond the device ids would decide: let the clock
   * move, so that the later edit is the later HLC. */
  g_usleep (3000);
  exec (w.replicas[2], "UPDATE goal SET title = 'Drugi' WHERE number = 1");
  push (&w, 1);
  push (&w, 2);
  pull (&w, 1, 10);
  pull (&w, 2, 10);
  pull (&w, 0, 10);

  /* The later edit wins everywhere; the other is a conflict. */
  for (guint r = 0; r < 3; r++)
    g_assert_cmpint (test_query_int (w.replicas[r],
                                     "SELECT title = 'Drugi' FROM goal"
                                     " WHERE number = 1"), ==, 1);
  for (guint r = 1; r < 3; r++)
    conflicts += test_query_int (w.replicas[r],
                                 "SELECT count(*) FROM sync_conflict"
                                 " WHERE lost_value = 'Prvi'"
                                 " AND kept_value = 'Drugi'");
  g_assert_cmpint (conflicts, ==, 2);

  /* A later edit that saw the value is no conflict. */
  pull (&w, 3, 10);
  exec (w.replicas[3], "UPDATE goal SET title = 'Treći' WHERE number = 1");
  push (&w, 3);
  pull (&w, 1, 10);
  g_assert_cmpint (test_query_int (w.replicas[1],
                                   "SELECT count(*) FROM sync_conflict"
                                   " WHERE lost_value = 'Drugi'"), ==, 0);
  world_clear (&w);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync/no-echo", test_no_echo);
  g_test_add_func ("/sync/concurrent-field", test_concurrent_field);
  g_test_add_func ("/sync/converge", test_converge);

  return g_test_run ();
}
