/* test-queries.c: lazy lists and the details pages show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mreza-joint-actions.h"
#include "mreza-queries.h"
#include "mreza-row-list.h"
#include "mreza-test-loop.h"
#include "mreza-test-utils.h"

typedef struct
{
  char       *dir;
  MrezaStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = test_make_dir ();
  f->store = test_open_demo (f->dir);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  g_free (f->dir);
}

static void
wait_loaded (MrezaRowList *list)
{
  while (!mreza_row_list_get_loaded (list))
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (mreza_row_list_get_error (list));
}

static void
record_change_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GArray     *changes)
{
  guint change[4] = { position, removed, added,
                      mreza_row_list_get_loaded (MREZA_ROW_LIST (model)) };

  g_array_append_vals (changes, change, 4);
}

/* A long list shows its first rows before the worker has read the
 * rest; the rest is appended after them, never replacing them. */
static void
test_lists_first_rows (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(MrezaRowList) list = NULL;
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(MrezaRow) first = NULL;
  g_autoptr(MrezaRow) again = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_exec (mreza_store_get_db (f->store),
    "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
    "  WHERE i < 3000)"
    " INSERT INTO institution (id, created_at, modified_at, modified_by,"
    "  name, sector)"
    " SELECT printf ('00000000-0000-4000-8000-%012d', i), 'x', 'x', 'x',"
    "  printf ('Ustanova %04d', i), 'civil_society' FROM n", NULL, NULL, NULL), ==,
    SQLITE_OK);
  n = test_count (f->store, "institution");

  list = mreza_row_list_new (f->store, MREZA_ROW_INSTITUTION, NULL);
  g_signal_connect (list, "items-changed", G_CALLBACK (record_change_cb),
                    changes);
  while (changes->len == 0)
    g_main_context_iteration (NULL, TRUE);
  /* The first screenfuls, and the load has not ended. */
  g_assert_cmpuint (g_array_index (changes, guint, 0), ==, 0);
  g_assert_cmpuint (g_array_index (changes, guint, 1), ==, 0);
  g_assert_cmpuint (g_array_index (changes, guint, 2), ==, 256);
  g_assert_false (g_array_index (changes, guint, 3));
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);

  wait_loaded (list);
  g_assert_cmpuint (changes->len, ==, 8);
  g_assert_cmpuint (g_array_index (changes, guint, 4), ==, 256);
  g_assert_cmpuint (g_array_index (changes, guint, 5), ==, 0);
  g_assert_cmpuint (g_array_index (changes, guint, 6), ==, n - 256);
  g_assert_true (g_array_index (changes, guint, 7));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n);
  again = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (mreza_row_get_id (first), ==, mreza_row_get_id (again));
  /* The worker built the first rows with their rowids: the view reads
   * them without a query on its thread. */
  g_assert_true (first == again);

  /* A reload of a list on screen replaces it in one change. */
  g_array_set_size (changes, 0);
  mreza_row_list_reload (list);
  while (changes->len == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (changes->len, ==, 4);
  g_assert_cmpuint (g_array_index (changes, guint, 1), ==, n);
  g_assert_cmpuint (g_array_index (changes, guint, 2), ==, n);
  g_clear_object (&again);
  again = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (mreza_row_get_id (first), ==, mreza_row_get_id (again));
}

static void
test_lists_lazy (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(MrezaRowList) goals = mreza_row_list_new (f->store, MREZA_ROW_GOAL,
                                                      NULL);
  g_autoptr(MrezaRowList) activities = NULL;
  g_autoptr(MrezaRow) goal = NULL;
  g_autoptr(MrezaRow) first = NULL;

  /* Nothing is read on the calling thread: the list starts empty. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (goals)), ==, 0);
  wait_loaded (goals);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (goals)), ==, 5);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (goals)) ==
                 MREZA_TYPE_ROW);

  goal = g_list_model_get_item (G_LIST_MODEL (goals), 0);
  g_assert_cmpint (mreza_row_get_number (goal), ==, 1);
  g_assert_cmpuint (mreza_row_get_n_children (goal), ==, 3);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (goals), 5));

  activities = mreza_row_list_new (f->store, MREZA_ROW_ACTIVITY,
                                   mreza_row_get_id (goal));
  wait_loaded (activities);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (activities)), ==, 3);
  first = g_list_model_get_item (G_LIST_MODEL (activities), 0);
  g_assert_cmpstr (mreza_row_get_title (first), ==,
                   "Unapređenje partnerstva na lokalnom nivou");
  g_assert_cmpstr (mreza_row_get_subtitle (first), ==,
                   "Kontinuirano do kraja 2018. godine");
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *calls)
{
  (*calls)++;
}

static void
test_lists_reload (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(MrezaRowList) teams = mreza_row_list_new (f->store, MREZA_ROW_TEAM,
                                                      NULL);
  g_autoptr(GError) error = NULL;
  guint calls = 0;

  wait_loaded (teams);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (teams)), ==, 7);
  g_signal_connect (teams, "items-changed", G_CALLBACK (items_changed_cb),
                    &calls);

  sqlite3_exec (mreza_store_get_db (f->store),
                "DELETE FROM team WHERE town = 'Vranje'", NULL, NULL, NULL);
  g_assert_true (mreza_row_list_load_sync (teams, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (teams)), ==, 6);
  g_assert_cmpuint (calls, ==, 1);
}

static void
test_lists_every_kind (Fixture       *f,
                       gconstpointer  data)
{
  for (MrezaRowKind kind = 0; kind < MREZA_N_ROW_KINDS; kind++)
    {
      g_autoptr(MrezaRowList) list = NULL;
      g_autoptr(MrezaRow) row = NULL;

      /* Indicators are shown from their activity and from search,
       * never as a list of their own. */
      if (kind == MREZA_ROW_INDICATOR)
        continue;
      list = mreza_row_list_new (f->store, kind, NULL);
      wait_loaded (list);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >, 0);
      row = g_list_model_get_item (G_LIST_MODEL (list), 0);
      g_assert_true (g_uuid_string_is_valid (mreza_row_get_id (row)));
      g_assert_cmpstr (mreza_row_get_title (row), !=, "");
    }
}

static char *
first_id (Fixture    *f,
          const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *id;

  sqlite3_prepare_v2 (mreza_store_get_db (f->store), sql, -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return id;
}

static void
detail_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  gpointer *out = user_data;
  g_autoptr(GError) error = NULL;

  *out = mreza_detail_load_finish (MREZA_STORE (object), result, &error);
  g_assert_no_error (error);
}

static void
test_activity_detail (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *id = first_id (f, "SELECT a.id FROM activity a JOIN goal g"
                                     " ON g.id = a.goal_id WHERE g.number = 1"
                                     " AND a.number = 1");
  g_autoptr(MrezaActivityDetail) detail = NULL;
  MrezaTaskInfo *task;
  gboolean found_2017 = FALSE;

  mreza_detail_load_async (f->store,
                           (MrezaDetailLoader) mreza_activity_detail_load,
                           (GDestroyNotify) mreza_activity_detail_free,
                           id, NULL, detail_cb, &detail);
  while (detail == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpint (detail->goal_number, ==, 1);
  g_assert_cmpuint (detail->tasks->len, ==, 3);
  task = detail->tasks->pdata[2];
  g_assert_cmpint (task->number, ==, 3);
  g_assert_nonnull (strstr (task->responsible, "Nacionalni koordinator"));
  g_assert_cmpstr (task->deadline, ==, "Kontinuirano do kraja 2018. godine");
  g_assert_cmpstr (task->deadline_to, ==, "2018-12-31");
  g_assert_cmpuint (detail->indicators->len, ==, 4);
  g_assert_cmpuint (g_strv_length (detail->risks), >=, 1);
  g_assert_cmpuint (detail->budget_lines->len, >=, 4);

  for (guint i = 0; i < detail->budget_totals->len; i++)
    {
      MrezaBudgetTotal *total = detail->budget_totals->pdata[i];

      if (total->year == 2017 && g_str_equal (total->currency, "RSD"))
        {
          g_assert_cmpint (total->amount_minor, ==, 154000 * 100);
          found_2017 = TRUE;
        }
    }
  g_assert_true (found_2017);
}

static void
test_team_detail (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *id = first_id (f, "SELECT id FROM team WHERE town = 'Niš'");
  g_autoptr(MrezaTeamDetail) detail = NULL;
  g_autoptr(GError) error = NULL;
  MrezaContactInfo *first;

  detail = mreza_team_detail_load (mreza_store_get_db (f->store), id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (detail->members->len, >=, 5);
  for (guint i = 1; i < detail->members->len; i++)
    {
      MrezaMemberInfo *a = detail->members->pdata[i - 1];
      MrezaMemberInfo *b = detail->members->pdata[i];

      g_assert_cmpint (strcmp (a->sector, b->sector), <=, 0);
    }
  first = detail->contacts->pdata[0];
  g_assert_true (first->secretary);
}

static void
test_project_detail (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *id = first_id (f, "SELECT id FROM project WHERE currency"
                                     " = 'USD'");
  g_autoptr(MrezaProjectDetail) detail = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *money = NULL;

  detail = mreza_project_detail_load (mreza_store_get_db (f->store), id,
                                      &error);
  g_assert_no_error (error);
  g_assert_cmpstr (detail->start_date, ==, "2009-05-01");
  g_assert_cmpstr (detail->status, ==, "finished");
  g_assert_cmpuint (detail->partners->len, >=, 3);
  money = mreza_format_money (detail->amount_minor, detail->currency);
  g_assert_cmpstr (money, ==, "174.873 USD");

  g_clear_pointer (&detail, mreza_project_detail_free);
  detail = mreza_project_detail_load (mreza_store_get_db (f->store),
                                      "00000000-0000-4000-8000-000000000000",
                                      &error);
  g_assert_null (detail);
  g_assert_error (error, MREZA_STORE_ERROR, MREZA_STORE_ERROR_NOT_FOUND);
}

static void
test_plan_path (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *task = first_id (f, "SELECT t.id FROM task t"
                                       " JOIN activity a ON a.id = t.activity_id"
                                       " JOIN goal g ON g.id = a.goal_id"
                                       " WHERE g.number = 2 AND a.number = 1"
                                       " AND t.number = 6");
  g_autofree char *goal = first_id (f, "SELECT id FROM goal WHERE number = 2");
  g_auto(GStrv) path = NULL;
  g_auto(GStrv) missing = NULL;

  path = mreza_plan_path_lookup (mreza_store_get_db (f->store),
                                 MREZA_ROW_TASK, task);
  g_assert_cmpuint (g_strv_length (path), ==, 3);
  g_assert_cmpstr (path[0], ==, goal);
  g_assert_cmpstr (path[2], ==, task);

  missing = mreza_plan_path_lookup (mreza_store_get_db (f->store),
                                    MREZA_ROW_ACTIVITY, "nope");
  g_assert_null (missing);
}

static char *
query_text (MrezaStore *store,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_prepare_v2 (mreza_store_get_db (store), sql, -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return text;
}

static char *
list_ids (GListModel *model)
{
  GString *ids = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(MrezaRow) row = g_list_model_get_item (model, i);

      if (i > 0)
        g_string_append_c (ids, ',');
      g_string_append (ids, mreza_row_get_id (row));
    }

  return g_string_free (ids, FALSE);
}

static gboolean
list_shows (MrezaRowList *list,
            const char   *expected)
{
  g_autofree char *ids = list_ids (G_LIST_MODEL (list));

  return g_str_equal (ids, expected);
}

/* Each filter of the joint actions list against SQL of the test's own:
 * the same rows, in the same order. */
static void
test_joint_action_filters (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(MrezaRowList) list = NULL;
  g_autofree char *institution = NULL;
  g_autofree char *sector = NULL;
  guint changes = 0;
  struct {
    MrezaJointActionFilter  filter;
    const char             *where;
    const char             *order;
  } cases[] = {
    { { 0 }, "1", "date DESC, rowid DESC" },
    { { .sort = MREZA_JOINT_ACTION_SORT_OLDEST }, "1", "date, rowid" },
    { { .sort = MREZA_JOINT_ACTION_SORT_TITLE }, "1",
      "title COLLATE mreza, date DESC" },
    { { .year = 2018 }, "date LIKE '2018-%'", "date DESC, rowid DESC" },
    { { .year = 2017, .quarter = 4 },
      "date BETWEEN '2017-10-01' AND '2017-12-31'", "date DESC, rowid DESC" },
    { { .year = 2018, .quarter = 1, .sort = MREZA_JOINT_ACTION_SORT_OLDEST },
      "date BETWEEN '2018-01-01' AND '2018-03-31'", "date, rowid" },
    { { .year = 2016 }, "date LIKE '2016-%'", "date DESC, rowid DESC" },
    { { .kind = "meeting" }, "kind = 'meeting'", "date DESC, rowid DESC" },
    { { .year = 2018, .kind = "campaign" },
      "kind = 'campaign' AND date LIKE '2018-%'", "date DESC, rowid DESC" },
    { { .institution_id = "@institution" },
      "id IN (SELECT joint_action_id FROM joint_action_institution"
      " WHERE institution_id = '@institution')", "date DESC, rowid DESC" },
    { { .sector = "@sector", .sort = MREZA_JOINT_ACTION_SORT_TITLE },
      "id IN (SELECT j.joint_action_id FROM joint_action_institution j"
      " JOIN institution i ON i.id = j.institution_id"
      " WHERE i.sector = '@sector')", "title COLLATE mreza, date DESC" },
    { { .year = 2017, .kind = "training", .sector = "@sector" },
      "kind = 'training' AND date LIKE '2017-%' AND id IN"
      " (SELECT j.joint_action_id FROM joint_action_institution j"
      " JOIN institution i ON i.id = j.institution_id"
      " WHERE i.sector = '@sector')", "date DESC, rowid DESC" },
  };

  /* The institution and sector with the most joint actions. */
  institution = query_text (f->store,
                            "SELECT institution_id FROM joint_action_institution"
                            " GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1");
  sector = query_text (f->store,
                       "SELECT i.sector FROM joint_action_institution j"
                       " JOIN institution i ON i.id = j.institution_id"
                       " GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1");

  list = mreza_row_list_new (f->store, MREZA_ROW_JOINT_ACTION, NULL);
  wait_loaded (list);
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb),
                    &changes);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      MrezaJointActionFilter filter = cases[i].filter;
      g_autoptr(GString) where = g_string_new (cases[i].where);
      g_autofree char *sql = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *got = NULL;
      g_autofree char *count_sql = NULL;
      gint64 n;

      if (filter.institution_id != NULL)
        filter.institution_id = institution;
      if (filter.sector != NULL)
        filter.sector = sector;
      g_string_replace (where, "@institution", institution, 0);
      g_string_replace (where, "@sector", sector, 0);

      count_sql = g_strdup_printf ("SELECT count(*) FROM joint_action"
                                   " WHERE %s", where->str);
      n = test_query_int (f->store, count_sql);
      sql = g_strdup_printf ("SELECT coalesce (group_concat (id, ','), '')"
                             " FROM (SELECT id FROM joint_action WHERE %s"
                             " ORDER BY %s)", where->str, cases[i].order);
      expected = query_text (f->store, sql);

      /* The list reloads in a worker and shows these rows when done. */
      mreza_row_list_set_joint_action_filter (list, &filter);
      WAIT_FOR (list_shows (list, expected));
      got = list_ids (G_LIST_MODEL (list));

      g_test_message ("case %u: %" G_GINT64_FORMAT " rows", i, n);
      g_assert_null (mreza_row_list_get_error (list));
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n);
      g_assert_cmpstr (got, ==, expected);
    }

  /* The demo has no joint actions in 2016: a filter can match nothing. */
  g_assert_cmpint (test_query_int (f->store, "SELECT count(*) FROM joint_action"
                                             " WHERE date LIKE '2016-%'"),
                   ==, 0);
  g_assert_cmpuint (changes, >, 0);

  /* A NULL filter is all of them again, newest first. */
  mreza_row_list_set_joint_action_filter (list, NULL);
  mreza_row_list_load_sync (list, NULL);
  g_assert_cmpint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==,
                   test_count (f->store, "joint_action"));

  /* Each row knows its team, so a view can lock another team's. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(MrezaRow) row = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autofree char *sql = g_strdup_printf ("SELECT team_id FROM joint_action"
                                              " WHERE id = '%s'",
                                              mreza_row_get_id (row));
      g_autofree char *team = query_text (f->store, sql);

      g_assert_cmpstr (mreza_row_get_team_id (row), ==, team);
    }

  /* The filter's institutions: those with a joint action, each once. */
  {
    g_autoptr(GPtrArray) linked = NULL;
    g_autoptr(GString) ids = g_string_new (NULL);
    g_autofree char *expected = NULL;

    linked = mreza_joint_action_list_institutions (mreza_store_get_db (f->store),
                                                   NULL);
    g_assert_nonnull (linked);
    for (guint i = 0; i < linked->len; i++)
      {
        MrezaChoice *choice = g_ptr_array_index (linked, i);

        g_string_append_printf (ids, "%s%s", i > 0 ? "," : "", choice->id);
      }
    expected = query_text (f->store,
                           "SELECT group_concat (id, ',') FROM (SELECT id"
                           " FROM institution WHERE id IN (SELECT"
                           " institution_id FROM joint_action_institution)"
                           " ORDER BY coalesce (short_name, name) COLLATE"
                           " mreza, id)");
    g_assert_cmpuint (linked->len, >, 1);
    g_assert_cmpstr (ids->str, ==, expected);
  }
}

static void
test_format_money (void)
{
  const struct { gint64 minor; const char *currency, *text; } cases[] = {
    { 0, "RSD", "0 RSD" },
    { 100, "EUR", "1 EUR" },
    { 450050, "EUR", "4.500,50 EUR" },
    { 123400000, "RSD", "1.234.000 RSD" },
    { -5, "EUR", "−0,05 EUR" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = mreza_format_money (cases[i].minor,
                                                  cases[i].currency);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/queries/format-money", test_format_money);
  g_test_add ("/lists/first-rows", Fixture, NULL, fixture_setup,
              test_lists_first_rows, fixture_teardown);
  g_test_add ("/lists/lazy", Fixture, NULL, fixture_setup, test_lists_lazy,
              fixture_teardown);
  g_test_add ("/lists/reload", Fixture, NULL, fixture_setup, test_lists_reload,
              fixture_teardown);
  g_test_add ("/lists/every-kind", Fixture, NULL, fixture_setup,
              test_lists_every_kind, fixture_teardown);
  g_test_add ("/lists/joint-action-filters", Fixture, NULL, fixture_setup,
              test_joint_action_filters, fixture_teardown);
  g_test_add ("/queries/activity", Fixture, NULL, fixture_setup,
              test_activity_detail, fixture_teardown);
  g_test_add ("/queries/plan-path", Fixture, NULL, fixture_setup,
              test_plan_path, fixture_teardown);
  g_test_add ("/queries/team", Fixture, NULL, fixture_setup, test_team_detail,
              fixture_teardown);
  g_test_add ("/queries/project", Fixture, NULL, fixture_setup,
              test_project_detail, fixture_teardown);

  return g_test_run ();
}
