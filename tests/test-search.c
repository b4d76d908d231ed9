/* test-search.c: full-text search, diacritics, scripts and hostile input
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mreza-search.h"
#include "mreza-test-utils.h"
#include "mreza-util.h"

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

static GPtrArray *
search (Fixture    *f,
        const char *text)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *results;

  results = mreza_search_run_sync (mreza_store_get_db (f->store), text, 50,
                                   &error);
  g_assert_no_error (error);
  g_assert_nonnull (results);
  return results;
}

static gboolean
has_result (GPtrArray    *results,
            MrezaRowKind  kind,
            const char   *title_part)
{
  for (guint i = 0; i < results->len; i++)
    {
      MrezaRow *row = results->pdata[i];

      if (mreza_row_get_kind (row) == kind &&
          strstr (mreza_row_get_title (row), title_part) != NULL)
        return TRUE;
    }

  return FALSE;
}

static void
exec (Fixture    *f,
      const char *sql)
{
  g_assert_cmpint (sqlite3_exec (mreza_store_get_db (f->store), sql, NULL,
                                 NULL, NULL), ==, SQLITE_OK);
}

static void
test_search_task_words (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) results = search (f, "Godišnji sastanak mreže");

  g_assert_true (has_result (results, MREZA_ROW_TASK,
                             "Godišnji sastanak mreže"));
}

static void
test_search_diacritics (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) plain = NULL;
  g_autoptr(GPtrArray) cyrillic = NULL;
  g_autoptr(GPtrArray) dj = NULL;
  g_autoptr(GPtrArray) upper = NULL;

  /* "sprecavanje" finds "sprečavanje", in Latin or Cyrillic. */
  exec (f, "UPDATE goal SET title = 'Cilj: sprečavanje trgovine ljudima'"
           " WHERE number = 5");
  plain = search (f, "sprecavanje");
  g_assert_true (has_result (plain, MREZA_ROW_GOAL, "sprečavanje"));
  cyrillic = search (f, "Спречавање");
  g_assert_true (has_result (cyrillic, MREZA_ROW_GOAL, "sprečavanje"));

  /* "cilj" finds "Cilj"; "đ" is written "dj" without diacritics. */
  upper = search (f, "CILJ");
  g_assert_true (has_result (upper, MREZA_ROW_GOAL, "Cilj:"));
  dj = search (f, "medjunarodnom");
  g_assert_true (has_result (dj, MREZA_ROW_GOAL, "međunarodnom"));
}

/* Either script finds rows in either: the index holds a row as typed,
 * and the query looks for a Latin word in both scripts. */
static void
test_search_either_script (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) cyrillic_finds_latin = NULL;
  g_autoptr(GPtrArray) latin_finds_cyrillic = NULL;
  g_autoptr(GPtrArray) cyrillic_finds_cyrillic = NULL;
  g_autoptr(GPtrArray) plain_finds_cyrillic = NULL;

  cyrillic_finds_latin = search (f, "Национални коорд");
  g_assert_true (has_result (cyrillic_finds_latin, MREZA_ROW_INSTITUTION,
                             "Nacionalni koordinator"));

  exec (f, "UPDATE institution SET name = 'Центар за социјални рад Ћуприја'"
           " WHERE rowid = (SELECT min (rowid) FROM institution"
           "  WHERE name LIKE 'Nacionalni koordinator%')");
  latin_finds_cyrillic = search (f, "socijalni rad Ćup");
  g_assert_true (has_result (latin_finds_cyrillic, MREZA_ROW_INSTITUTION,
                             "Ћуприја"));
  cyrillic_finds_cyrillic = search (f, "ћуприја");
  g_assert_true (has_result (cyrillic_finds_cyrillic, MREZA_ROW_INSTITUTION,
                             "Ћуприја"));
  plain_finds_cyrillic = search (f, "CENTAR ZA SOCIJALNI");
  g_assert_true (has_result (plain_finds_cyrillic, MREZA_ROW_INSTITUTION,
                             "Ћуприја"));
}

static void
test_search_prefix (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) results = search (f, "Nacionalni koord");

  g_assert_cmpuint (results->len, >, 0);
  g_assert_true (has_result (results, MREZA_ROW_INSTITUTION,
                             "Nacionalni koordinator"));
}

static void
test_search_kinds_grouped (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) results = search (f, "trgovin");

  g_assert_cmpuint (results->len, >=, 20);
  for (guint i = 1; i < results->len; i++)
    g_assert_cmpint (mreza_row_get_kind (results->pdata[i - 1]), <=,
                     mreza_row_get_kind (results->pdata[i]));
}

static void
test_search_follows_edits (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) gone = NULL;

  before = search (f, "Zlatiborski");
  g_assert_cmpuint (before->len, ==, 0);

  exec (f, "UPDATE institution SET name = 'Zlatiborski okrug'"
           " WHERE short_name = 'MUP'");
  after = search (f, "zlatiborski");
  g_assert_true (has_result (after, MREZA_ROW_INSTITUTION, "Zlatiborski"));

  exec (f, "DELETE FROM project");
  gone = search (f, "Atina");
  for (guint i = 0; i < gone->len; i++)
    g_assert_cmpint (mreza_row_get_kind (gone->pdata[i]), !=,
                     MREZA_ROW_PROJECT);
  g_assert_cmpint (test_query_int (f->store,
                                   "SELECT count(*) FROM search_doc "
                                   "WHERE kind = 'project'"), ==, 0);
}

static void
test_search_hostile (Fixture       *f,
                     gconstpointer  data)
{
  const char *inputs[] = {
    "\"", "NEAR(a b", "a OR", "*", "title:x", "'); DROP TABLE goal; --",
    "^", "   ", "", "((((", "\xd0\xa1\xd0\xbf", "a AND NOT b",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GPtrArray) results = search (f, inputs[i]);

      g_assert_nonnull (results);
    }
  g_assert_cmpint (test_count (f->store, "goal"), ==, 5);
}

static void
test_search_fold (void)
{
  g_autofree char *a = mreza_fold_for_search ("Ђурђевдан џеп Љиљана");
  g_autofree char *q = mreza_search_build_query ("sprečavanje \"trgovine");

  g_assert_cmpstr (a, ==, "djurdjevdan džep ljiljana");
  g_assert_cmpstr (q, ==, "(\"sprečavanje\" OR \"спречавање\")"
                          " AND (\"trgovine\"* OR \"трговине\"*)");
  g_assert_null (mreza_search_build_query (" ,;\"* "));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/search/fold", test_search_fold);
  g_test_add ("/search/task-words", Fixture, NULL, fixture_setup,
              test_search_task_words, fixture_teardown);
  g_test_add ("/search/diacritics", Fixture, NULL, fixture_setup,
              test_search_diacritics, fixture_teardown);
  g_test_add ("/search/either-script", Fixture, NULL, fixture_setup,
              test_search_either_script, fixture_teardown);
  g_test_add ("/search/prefix", Fixture, NULL, fixture_setup,
              test_search_prefix, fixture_teardown);
  g_test_add ("/search/kinds-grouped", Fixture, NULL, fixture_setup,
              test_search_kinds_grouped, fixture_teardown);
  g_test_add ("/search/follows-edits", Fixture, NULL, fixture_setup,
              test_search_follows_edits, fixture_teardown);
  g_test_add ("/search/hostile", Fixture, NULL, fixture_setup,
              test_search_hostile, fixture_teardown);

  return g_test_run ();
}
