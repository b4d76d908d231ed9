/* mreza-bench-gen.c: generates a large replica for the benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Used by `mreza-bench generate PATH ROWS` and by the benchmark run.
 *
 * Writes ROWS rows (1,000,000 by default) of plausible Serbian text into
 * a new replica through the real schema and its triggers, in one
 * transaction: goals, activities, tasks, institutions, teams, projects
 * and, for the rest, joint actions. The text is drawn from a fixed
 * vocabulary with a fixed seed, so every run makes the same replica.
 * Like a real action plan it has five goals; the million rows are where
 * a network of teams would pile them up: activities, tasks, the
 * directory and, most of all, joint actions.
 */
#define G_LOG_DOMAIN "mreza-bench-gen"

#include "config.h"

#include <locale.h>

#include "mreza-bench-gen.h"
#include "mreza-store-private.h"
#include "mreza-util.h"

static const char * const words[] = {
  "prevencija", "sprečavanje", "trgovine", "ljudima", "lokalni", "tim",
  "obuka", "policije", "centar", "socijalni", "rad", "zaštita", "žrtava",
  "deca", "mladi", "škola", "kampanja", "sastanak", "mreža", "saradnja",
  "tužilaštvo", "zdravstvo", "zapošljavanje", "Crveni", "krst", "opština",
  "kancelarija", "udruženje", "izveštaj", "analiza", "podrška", "pomoć",
  "identifikacija", "migranti", "granica", "rizik", "indikator", "plan",
  "akcija", "radionica", "seminar", "tribina", "međunarodni", "nacionalni",
  "regionalni", "smernice", "protokol", "ugovor", "budžet", "donator",
  "Niš", "Novi", "Sad", "Kraljevo", "Kragujevac", "Vranje", "Subotica",
  "Sremska", "Mitrovica", "đaci", "roditelji", "nastavnici", "volonteri",
};

static const char * const sectors[] = {
  "police", "prosecution", "social_protection", "health", "education",
  "employment", "local_government", "youth_office", "red_cross",
  "civil_society",
};

static const char * const kinds[] = {
  "training", "campaign", "meeting", "joint_preventive_action", "other",
};

static char *
sentence (GRand *rand,
          guint  min_words,
          guint  max_words)
{
  guint n = g_rand_int_range (rand, min_words, max_words + 1);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (s, ' ');
      g_string_append (s, words[g_rand_int_range (rand, 0,
                                                  G_N_ELEMENTS (words))]);
    }

  return g_string_free (s, FALSE);
}

typedef struct
{
  sqlite3      *db;
  GRand        *rand;
  const char   *device;
  const char   *now;
  sqlite3_stmt *stmt;
  gint64        rows;
} Gen;

static void
gen_prepare (Gen        *gen,
             const char *sql)
{
  g_clear_pointer (&gen->stmt, sqlite3_finalize);
  gen->stmt = _mreza_sql_prepare (gen->db, sql, NULL);
  g_assert (gen->stmt != NULL);
}

/* Binds the bookkeeping columns (?1 id, ?2 times, ?3 device), then runs
 * the statement once the caller bound the rest. */
static char *
gen_begin_row (Gen *gen)
{
  char *id = mreza_uuid_new_random ();

  sqlite3_bind_text (gen->stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (gen->stmt, 2, gen->now, -1, SQLITE_STATIC);
  sqlite3_bind_text (gen->stmt, 3, gen->device, -1, SQLITE_STATIC);
  return id;
}

static void
gen_end_row (Gen *gen)
{
  int rc = sqlite3_step (gen->stmt);

  if (rc != SQLITE_DONE)
    g_error ("Insert failed: %s", sqlite3_errmsg (gen->db));
  sqlite3_reset (gen->stmt);
  gen->rows++;
}

static void
bind_owned_text (sqlite3_stmt *stmt,
                 int           pos,
                 char         *text)
{
  sqlite3_bind_text (stmt, pos, text, -1, g_free);
}

static GPtrArray *
gen_plan (Gen  *gen,
          guint n_goals,
          guint n_activities,
          guint n_tasks)
{
  g_autofree char *plan = NULL;
  g_autoptr(GPtrArray) goals = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *activities = g_ptr_array_new_with_free_func (g_free);

  gen_prepare (gen, "INSERT INTO plan (id, created_at, modified_at,"
                    " modified_by, title, start_date, end_date)"
                    " VALUES (?1, ?2, ?2, ?3, 'Akcioni plan 2017–2018',"
                    " '2017-01-01', '2018-12-31')");
  plan = gen_begin_row (gen);
  gen_end_row (gen);

  gen_prepare (gen, "INSERT INTO goal (id, created_at, modified_at,"
                    " modified_by, plan_id, number, title)"
                    " VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6)");
  for (guint g = 0; g < n_goals; g++)
    {
      g_ptr_array_add (goals, gen_begin_row (gen));
      sqlite3_bind_text (gen->stmt, 4, plan, -1, SQLITE_STATIC);
      sqlite3_bind_int (gen->stmt, 5, g + 1);
      bind_owned_text (gen->stmt, 6, sentence (gen->rand, 6, 12));
      gen_end_row (gen);
    }

  gen_prepare (gen, "INSERT INTO activity (id, created_at, modified_at,"
                    " modified_by, goal_id, number, title, deadline_text,"
                    " deadline_kind, deadline_to)"
                    " VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6,"
                    " 'Kontinuirano do kraja 2018. godine', 'continuous',"
                    " '2018-12-31')");
  for (guint a = 0; a < n_activities; a++)
    {
      g_ptr_array_add (activities, gen_begin_row (gen));
      sqlite3_bind_text (gen->stmt, 4, goals->pdata[a % n_goals], -1,
                         SQLITE_STATIC);
      sqlite3_bind_int (gen->stmt, 5, a / n_goals + 1);
      bind_owned_text (gen->stmt, 6, sentence (gen->rand, 4, 9));
      gen_end_row (gen);
    }

  gen_prepare (gen, "INSERT INTO task (id, created_at, modified_at,"
                    " modified_by, activity_id, number, title)"
                    " VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6)");
  for (guint t = 0; t < n_tasks; t++)
    {
      g_free (gen_begin_row (gen));
      sqlite3_bind_text (gen->stmt, 4, activities->pdata[t % n_activities],
                         -1, SQLITE_STATIC);
      sqlite3_bind_int (gen->stmt, 5, t / n_activities + 1);
      bind_owned_text (gen->stmt, 6, sentence (gen->rand, 4, 10));
      gen_end_row (gen);
    }

  return activities;
}

static GPtrArray *
gen_directory (Gen  *gen,
               guint n_institutions,
               guint n_teams,
               guint n_projects)
{
  GPtrArray *teams = g_ptr_array_new_with_free_func (g_free);

  gen_prepare (gen, "INSERT INTO institution (id, created_at, modified_at,"
                    " modified_by, name, sector, town)"
                    " VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6)");
  for (guint i = 0; i < n_institutions; i++)
    {
      g_free (gen_begin_row (gen));
      bind_owned_text (gen->stmt, 4, sentence (gen->rand, 2, 5));
      sqlite3_bind_text (gen->stmt, 5, sectors[i % G_N_ELEMENTS (sectors)],
                         -1, SQLITE_STATIC);
      sqlite3_bind_text (gen->stmt, 6, words[50 + i % 9], -1, SQLITE_STATIC);
      gen_end_row (gen);
    }

  gen_prepare (gen, "INSERT INTO team (id, created_at, modified_at,"
                    " modified_by, name, town) VALUES (?1, ?2, ?2, ?3, ?4, ?5)");
  for (guint i = 0; i < n_teams; i++)
    {
      g_ptr_array_add (teams, gen_begin_row (gen));
      bind_owned_text (gen->stmt, 4, g_strdup_printf ("Lokalni tim %u", i + 1));
      sqlite3_bind_text (gen->stmt, 5, words[50 + i % 9], -1, SQLITE_STATIC);
      gen_end_row (gen);
    }

  gen_prepare (gen, "INSERT INTO project (id, created_at, modified_at,"
                    " modified_by, title, start_date, end_date, status,"
                    " summary) VALUES (?1, ?2, ?2, ?3, ?4, '2017-01-01',"
                    " '2018-12-31', 'ongoing', ?5)");
  for (guint i = 0; i < n_projects; i++)
    {
      g_free (gen_begin_row (gen));
      bind_owned_text (gen->stmt, 4, sentence (gen->rand, 3, 8));
      bind_owned_text (gen->stmt, 5, sentence (gen->rand, 8, 16));
      gen_end_row (gen);
    }

  return teams;
}

static void
gen_joint_actions (Gen       *gen,
                   GPtrArray *teams,
                   GPtrArray *activities,
                   gint64     n)
{
  gen_prepare (gen, "INSERT INTO joint_action (id, created_at, modified_at,"
                    " modified_by, team_id, date, kind, title, place,"
                    " activity_id, women, men, girls, boys)"
                    " VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
                    " ?10, ?11, ?12, ?13)");
  for (gint64 i = 0; i < n; i++)
    {
      g_free (gen_begin_row (gen));
      sqlite3_bind_text (gen->stmt, 4, teams->pdata[i % teams->len], -1,
                         SQLITE_STATIC);
      bind_owned_text (gen->stmt, 5,
                       g_strdup_printf ("%04d-%02d-%02d",
                                        2010 + (int) (i % 9),
                                        1 + g_rand_int_range (gen->rand, 0, 12),
                                        1 + g_rand_int_range (gen->rand, 0, 28)));
      sqlite3_bind_text (gen->stmt, 6, kinds[i % G_N_ELEMENTS (kinds)], -1,
                         SQLITE_STATIC);
      bind_owned_text (gen->stmt, 7, sentence (gen->rand, 3, 8));
      sqlite3_bind_text (gen->stmt, 8, words[50 + i % 9], -1, SQLITE_STATIC);
      sqlite3_bind_text (gen->stmt, 9, activities->pdata[i % activities->len],
                         -1, SQLITE_STATIC);
      for (int c = 10; c <= 13; c++)
        sqlite3_bind_int (gen->stmt, c, g_rand_int_range (gen->rand, 0, 40));
      gen_end_row (gen);
    }
}

/**
 * mreza_bench_generate:
 * @path: where to write the replica (must not exist)
 * @rows: how many rows in all
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
mreza_bench_generate (const char  *path,
                      gint64       rows,
                      GError     **error)
{
  g_autoptr(MrezaStore) store = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GPtrArray) teams = NULL;
  g_autofree char *now = mreza_now_iso8601 ();
  Gen gen = { 0 };
  guint n_goals = 5, n_activities = 2000, n_tasks = 50000;
  guint n_institutions = 100000, n_teams = 500, n_projects = 5000;
  gint64 fixed;

  /* Small runs (the tests' smoke run) shrink every table alike. */
  if (rows < 1000000)
    {
      n_activities = MAX (n_goals * 10, rows / 500);
      n_tasks = rows / 20;
      n_institutions = rows / 10;
      n_teams = MAX (1, rows / 2000);
      n_projects = rows / 200;
    }
  fixed = 1 + n_goals + n_activities + n_tasks + n_institutions + n_teams +
          n_projects;
  g_return_val_if_fail (rows > fixed, FALSE);

  if (!(store = mreza_store_open (path, MREZA_STORE_OPEN_CREATE, error)))
    return FALSE;

  gen.db = mreza_store_get_db (store);
  gen.rand = g_rand_new_with_seed (20171);
  gen.device = mreza_store_get_device_id (store);
  gen.now = now;

  if (!_mreza_sql_exec (gen.db, "BEGIN IMMEDIATE", error))
    return FALSE;
  activities = gen_plan (&gen, n_goals, n_activities, n_tasks);
  teams = gen_directory (&gen, n_institutions, n_teams, n_projects);
  gen_joint_actions (&gen, teams, activities, rows - fixed);
  g_clear_pointer (&gen.stmt, sqlite3_finalize);
  g_rand_free (gen.rand);

  if (!_mreza_sql_exec (gen.db, "COMMIT", error))
    return FALSE;

  g_assert (gen.rows == rows);
  return _mreza_sql_exec (gen.db, "PRAGMA wal_checkpoint(TRUNCATE)", error);
}
