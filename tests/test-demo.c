/* test-demo.c: the demo dataset against the Action Plan it comes from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tests/demo-expected.json holds figures read off the seed by a person;
 * the budget totals are also recomputed here from the seed's own text
 * when it is there (../shared/seeds beside the checkout), so the demo
 * data, the expected figures and the seed must all agree.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "mreza-queries.h"
#include "mreza-test-utils.h"

typedef struct
{
  char       *dir;
  MrezaStore *store;
  JsonObject *expected;
  JsonNode   *root;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST,
                                                 "demo-expected.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  f->root = json_node_ref (json_parser_get_root (parser));
  f->expected = json_node_get_object (f->root);
  f->dir = test_make_dir ();
  f->store = test_open_demo (f->dir);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  json_node_unref (f->root);
  g_free (f->dir);
}

static void
test_demo_counts (Fixture       *f,
                  gconstpointer  data)
{
  static const struct { const char *key, *table; } tables[] = {
    { "goals", "goal" }, { "activities", "activity" }, { "tasks", "task" },
    { "indicators", "indicator" }, { "budget_lines", "budget_line" },
    { "risks", "risk" }, { "institutions", "institution" },
    { "teams", "team" }, { "projects", "project" },
    { "joint_actions", "joint_action" },
    { "indicator_values", "indicator_value" },
    { "meetings", "meeting" },
    { "meeting_agenda_items", "meeting_agenda_item" },
    { "meeting_invitees", "meeting_invitee" },
    { "meeting_follow_ups", "meeting_follow_up" },
  };
  JsonObject *counts = json_object_get_object_member (f->expected, "counts");

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      gint64 want = json_object_get_int_member (counts, tables[i].key);

      g_test_message ("%s: %" G_GINT64_FORMAT, tables[i].key, want);
      g_assert_cmpint (test_count (f->store, tables[i].table), ==, want);
    }

  /* What the seed itself says: five goals, seven local teams. */
  g_assert_cmpint (test_count (f->store, "goal"), ==, 5);
  g_assert_cmpint (test_count (f->store, "team"), ==, 7);
  /* Every activity has at least one task, and every team a secretary. */
  g_assert_cmpint (test_query_int (f->store,
                                   "SELECT count(*) FROM activity a WHERE NOT "
                                   "EXISTS (SELECT 1 FROM task WHERE "
                                   "activity_id = a.id)"), ==, 0);
  g_assert_cmpint (test_query_int (f->store,
                                   "SELECT count(*) FROM contact "
                                   "WHERE is_secretary"), ==, 7);
}

static void
test_demo_goal_activities (Fixture       *f,
                           gconstpointer  data)
{
  JsonObject *per_goal = json_object_get_object_member (f->expected,
                                                        "goal_activity_counts");
  JsonObjectIter iter;
  const char *goal;
  JsonNode *count;

  json_object_iter_init (&iter, per_goal);
  while (json_object_iter_next (&iter, &goal, &count))
    {
      g_autofree char *sql = g_strdup_printf (
        "SELECT count(*) FROM activity a JOIN goal g ON g.id = a.goal_id "
        "WHERE g.number = %d", atoi (goal));

      g_assert_cmpint (test_query_int (f->store, sql), ==,
                       json_node_get_int (count));
    }
}

static void
test_demo_samples (Fixture       *f,
                   gconstpointer  data)
{
  JsonArray *samples = json_object_get_array_member (f->expected, "samples");
  sqlite3 *db = mreza_store_get_db (f->store);

  g_assert_cmpuint (json_array_get_length (samples), >=, 5);
  for (guint i = 0; i < json_array_get_length (samples); i++)
    {
      JsonObject *s = json_array_get_object_element (samples, i);
      sqlite3_stmt *stmt = NULL;

      sqlite3_prepare_v2 (db,
                          "SELECT t.title FROM task t"
                          " JOIN activity a ON a.id = t.activity_id"
                          " JOIN goal g ON g.id = a.goal_id"
                          " WHERE g.number = ?1 AND a.number = ?2"
                          " AND t.number = ?3", -1, &stmt, NULL);
      sqlite3_bind_int (stmt, 1, json_object_get_int_member (s, "goal"));
      sqlite3_bind_int (stmt, 2, json_object_get_int_member (s, "activity"));
      sqlite3_bind_int (stmt, 3, json_object_get_int_member (s, "task"));
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==,
                       json_object_get_string_member (s, "title"));
      sqlite3_finalize (stmt);
    }
}

static gint64
budget_total (MrezaStore *store,
              int         year,
              const char *currency)
{
  sqlite3_stmt *stmt = NULL;
  gint64 total;

  sqlite3_prepare_v2 (mreza_store_get_db (store),
                      "SELECT coalesce (sum (amount_minor), 0) FROM budget_line"
                      " WHERE coalesce (year, 0) = ?1 AND currency = ?2",
                      -1, &stmt, NULL);
  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_text (stmt, 2, currency, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  total = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return total;
}

static void
test_demo_budget (Fixture       *f,
                  gconstpointer  data)
{
  JsonArray *totals = json_object_get_array_member (f->expected,
                                                    "budget_totals");
  g_autofree char *money = NULL;

  for (guint i = 0; i < json_array_get_length (totals); i++)
    {
      JsonObject *t = json_array_get_object_element (totals, i);
      JsonNode *year = json_object_get_member (t, "year");
      const char *currency = json_object_get_string_member (t, "currency");
      int y = JSON_NODE_HOLDS_NULL (year) ? 0 : json_node_get_int (year);
      gint64 want = json_object_get_int_member (t, "amount") * 100;

      g_test_message ("%d %s: %" G_GINT64_FORMAT, y, currency, want / 100);
      g_assert_cmpint (budget_total (f->store, y, currency), ==, want);
    }

  /* The first activity of goal 1, straight from the seed: MUP's
   * 102.000 + 52.000 RSD for 2017 and 136.000 + 52.000 RSD for 2018. */
  money = mreza_format_money (154000 * 100, "RSD");
  g_assert_cmpstr (money, ==, "154.000 RSD");
  g_assert_cmpint (test_query_int (f->store,
                                   "SELECT sum (b.amount_minor) FROM budget_line b"
                                   " JOIN activity a ON a.id = b.activity_id"
                                   " JOIN goal g ON g.id = a.goal_id"
                                   " WHERE g.number = 1 AND a.number = 1"
                                   " AND b.year = 2017 AND b.currency = 'RSD'"),
                   ==, 154000 * 100);
}

static char *
find_seed (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GDir) d = NULL;
  const char *env = g_getenv ("MREZA_SEED_DIR");
  const char *name;

  if (env != NULL)
    dir = g_strdup (env);
  else
    dir = g_test_build_filename (G_TEST_DIST, "..", "..", "shared", "seeds",
                                 NULL);

  if (!(d = g_dir_open (dir, 0, NULL)))
    return NULL;
  while ((name = g_dir_read_name (d)))
    if (g_str_has_prefix (name, "004_") && g_str_has_suffix (name, ".txt"))
      return g_build_filename (dir, name, NULL);

  return NULL;
}

/* Sums every "N RSD za YYYY" of the seed (thousands written with a dot,
 * "RSDza" run together, "RS" a typo for RSD) and compares with the
 * replica: the importer, the demo data and the seed agree. */
static void
test_demo_seed_rsd (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *seed = find_seed ();
  g_autofree char *text = NULL;
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GError) error = NULL;
  gint64 sums[2] = { 0, 0 };

  if (seed == NULL)
    {
      g_test_skip ("the seed 004_*.txt is not beside the checkout");
      return;
    }

  g_file_get_contents (seed, &text, NULL, &error);
  g_assert_no_error (error);
  regex = g_regex_new ("(\\d{1,3}(?:\\.\\d{3})+|\\d+)\\s*RSD?\\s*za\\s*(201[78])",
                       0, 0, &error);
  g_assert_no_error (error);

  g_regex_match (regex, text, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *amount = g_match_info_fetch (match, 1);
      g_autofree char *year = g_match_info_fetch (match, 2);
      g_auto(GStrv) parts = g_strsplit (amount, ".", -1);
      g_autofree char *digits = g_strjoinv ("", parts);

      sums[atoi (year) - 2017] += g_ascii_strtoll (digits, NULL, 10);
      g_match_info_next (match, NULL);
    }

  g_test_message ("seed RSD 2017 %" G_GINT64_FORMAT ", 2018 %" G_GINT64_FORMAT,
                  sums[0], sums[1]);
  g_assert_cmpint (sums[0], >, 0);
  g_assert_cmpint (budget_total (f->store, 2017, "RSD"), ==, sums[0] * 100);
  g_assert_cmpint (budget_total (f->store, 2018, "RSD"), ==, sums[1] * 100);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/demo/counts", Fixture, NULL, fixture_setup, test_demo_counts,
              fixture_teardown);
  g_test_add ("/demo/goal-activities", Fixture, NULL, fixture_setup,
              test_demo_goal_activities, fixture_teardown);
  g_test_add ("/demo/samples", Fixture, NULL, fixture_setup, test_demo_samples,
              fixture_teardown);
  g_test_add ("/demo/budget", Fixture, NULL, fixture_setup, test_demo_budget,
              fixture_teardown);
  g_test_add ("/demo/seed-rsd", Fixture, NULL, fixture_setup,
              test_demo_seed_rsd, fixture_teardown);

  return g_test_run ();
}
