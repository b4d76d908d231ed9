/* test-import.c: the importer, and every kind of bad input it refuses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mreza-import.h"
#include "mreza-json.h"
#include "mreza-test-utils.h"

/* A small valid import, in two files, with references across them. */
static const char directory_json[] =
  "{ \"mreza_format\": 1,"
  "  \"institutions\": ["
  "    { \"id\": \"mup\", \"name\": \"Ministarstvo unutrašnjih poslova\","
  "      \"short_name\": \"MUP\", \"sector\": \"police\" },"
  "    { \"id\": \"csr-nis\", \"name\": \"Centar za socijalni rad Niš\","
  "      \"sector\": \"social_protection\", \"town\": \"Niš\" } ],"
  "  \"teams\": [ { \"id\": \"nis\", \"name\": \"Lokalni tim Niš\","
  "      \"town\": \"Niš\", \"institutions\": [\"csr-nis\"] } ] }";

static const char plan_json[] =
  "{ \"mreza_format\": 1,"
  "  \"plans\": [ { \"id\": \"p\", \"title\": \"Akcioni plan\","
  "      \"start\": \"2017-01-01\", \"end\": \"2018-12-31\" } ],"
  "  \"goals\": [ { \"id\": \"g1\", \"plan\": \"p\", \"number\": 1,"
  "      \"title\": \"Cilj prevencije\" } ],"
  "  \"activities\": [ { \"id\": \"a1\", \"goal\": \"g1\", \"number\": 1,"
  "      \"title\": \"Sprečavanje trgovine ljudima\","
  "      \"deadline\": { \"text\": \"Drugi kvartal 2018.\", \"kind\": \"period\","
  "        \"from\": \"2018-04-01\", \"to\": \"2018-06-30\" } } ],"
  "  \"tasks\": [ { \"id\": \"t1\", \"activity\": \"a1\", \"number\": 1,"
  "      \"title\": \"Obuka\", \"responsible\": [\"mup\"],"
  "      \"partners\": [\"csr-nis\"], \"other_partners\": true } ],"
  "  \"indicators\": [ { \"id\": \"i1\", \"activity\": \"a1\", \"number\": 1,"
  "      \"text\": \"Broj obuka\", \"kind\": \"count\", \"target\": 4 } ],"
  "  \"budget_lines\": [ { \"id\": \"b1\", \"activity\": \"a1\","
  "      \"task\": \"t1\", \"source\": \"budget\", \"institution\": \"mup\","
  "      \"amount\": 102000.5, \"currency\": \"RSD\", \"year\": 2017 } ],"
  "  \"risks\": [ { \"id\": \"r1\", \"activity\": \"a1\","
  "      \"text\": \"Nizak prioritet\" } ],"
  "  \"indicator_values\": [ { \"id\": \"v1\", \"indicator\": \"i1\","
  "      \"team\": \"nis\", \"period\": \"2017-Q2\", \"value\": 3 } ],"
  "  \"joint_actions\": [ { \"id\": \"j1\", \"team\": \"nis\","
  "      \"date\": \"2017-05-10\", \"kind\": \"training\","
  "      \"title\": \"Obuka u Nišu\", \"activity\": \"a1\","
  "      \"indicators\": [\"i1\"], \"institutions\": [\"mup\", \"csr-nis\"],"
  "      \"participants\": { \"women\": 12, \"men\": 8 } } ] }";

typedef struct
{
  char       *dir;
  MrezaStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  f->dir = test_make_dir ();
  a = g_build_filename (f->dir, "in", NULL);
  g_mkdir (a, 0700);
  g_free (a);
  a = g_build_filename (f->dir, "in", "a-directory.json", NULL);
  b = g_build_filename (f->dir, "in", "b-plan.json", NULL);
  test_write_file (a, directory_json);
  test_write_file (b, plan_json);
  f->store = test_open_store (f->dir, "replica.db");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  g_free (f->dir);
}

static gint64
total_rows (MrezaStore *store)
{
  return test_query_int (store,
    "SELECT (SELECT count(*) FROM institution) + (SELECT count(*) FROM team)"
    " + (SELECT count(*) FROM team_member) + (SELECT count(*) FROM plan)"
    " + (SELECT count(*) FROM goal) + (SELECT count(*) FROM activity)"
    " + (SELECT count(*) FROM task) + (SELECT count(*) FROM task_institution)"
    " + (SELECT count(*) FROM indicator) + (SELECT count(*) FROM budget_line)"
    " + (SELECT count(*) FROM risk) + (SELECT count(*) FROM indicator_value)"
    " + (SELECT count(*) FROM joint_action)"
    " + (SELECT count(*) FROM joint_action_institution)"
    " + (SELECT count(*) FROM joint_action_indicator)"
    " + (SELECT count(*) FROM search)");
}

static void
test_import_good (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *in = g_build_filename (f->dir, "in", NULL);
  g_autoptr(GError) error = NULL;
  MrezaImportStats stats = { 0 };
  gint64 after_first;

  g_assert_true (mreza_import_path (f->store, in, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_files, ==, 2);
  g_assert_cmpuint (stats.n_records, ==, 12);

  g_assert_cmpint (test_count (f->store, "task_institution"), ==, 2);
  g_assert_cmpint (test_query_int (f->store,
                                   "SELECT amount_minor FROM budget_line"),
                   ==, 10200050);
  g_assert_cmpint (test_query_int (f->store,
                                   "SELECT women + men FROM joint_action"),
                   ==, 20);
  g_assert_cmpint (test_query_int (f->store,
                                   "SELECT other_partners FROM task"), ==, 1);
  g_assert_cmpint (test_query_int (f->store,
                                   "SELECT count(*) FROM task WHERE "
                                   "modified_by = (SELECT value FROM "
                                   "replica_meta WHERE key = 'device_id')"),
                   ==, 1);
  g_assert_false (mreza_store_is_empty (f->store));

  /* The same data again updates in place: nothing is duplicated. */
  after_first = total_rows (f->store);
  g_assert_true (mreza_import_path (f->store, in, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (total_rows (f->store), ==, after_first);
}

typedef struct
{
  const char *name;
  const char *plan_from;   /* replaced in plan_json… */
  const char *plan_to;     /* …by this */
  int         code;
  const char *message[4];  /* each must be in the error */
} BadCase;

static const BadCase bad_cases[] = {
  { "malformed", "\"risks\": [", "\"risks\": [[",
    MREZA_INPUT_ERROR_PARSE, { "b-plan.json", "malformed" } },
  { "wrong-type", "\"number\": 1,      \"title\": \"Obuka\"",
    "\"number\": \"1\",      \"title\": \"Obuka\"",
    MREZA_INPUT_ERROR_TYPE,
    { "b-plan.json", "tasks[0]", "“t1”", "“number”" } },
  { "unknown-field", "\"text\": \"Nizak prioritet\"", "\"txt\": \"x\"",
    MREZA_INPUT_ERROR_UNKNOWN, { "b-plan.json", "risks[0]", "“txt”" } },
  { "missing-field", "\"title\": \"Obuka\", ", "",
    MREZA_INPUT_ERROR_MISSING, { "b-plan.json", "tasks[0]", "“title”" } },
  { "dangling-reference", "\"responsible\": [\"mup\"]",
    "\"responsible\": [\"mpu\"]", MREZA_INPUT_ERROR_REFERENCE,
    { "tasks[0]", "“t1”", "responsible[0]", "“mpu”" } },
  { "bad-date", "\"date\": \"2017-05-10\"", "\"date\": \"2017-02-30\"",
    MREZA_INPUT_ERROR_VALUE, { "joint_actions[0]", "“date”", "2017-02-30" } },
  { "negative-count", "\"women\": 12", "\"women\": -1",
    MREZA_INPUT_ERROR_VALUE, { "joint_actions[0]", "“women”" } },
  { "three-decimals", "102000.5", "102000.505",
    MREZA_INPUT_ERROR_VALUE, { "budget_lines[0]", "“amount”" } },
  { "unknown-table", "\"risks\":", "\"riscs\":",
    MREZA_INPUT_ERROR_UNKNOWN, { "b-plan.json", "riscs" } },
  { "bad-enum", "\"kind\": \"training\"", "\"kind\": \"party\"",
    MREZA_INPUT_ERROR_VALUE, { "joint_actions[0]", "“kind”", "party" } },
  { "duplicate-id", "\"text\": \"Nizak prioritet\" }",
    "\"text\": \"Nizak prioritet\" }, { \"id\": \"r1\", "
    "\"activity\": \"a1\", \"text\": \"Drugi\" }",
    MREZA_INPUT_ERROR_DUPLICATE, { "risks[1]", "“r1”", "same id" } },
  { "value-kind", "\"value\": 3", "\"value\": \"tri\"",
    MREZA_INPUT_ERROR_TYPE, { "indicator_values[0]", "“value”" } },
  { "bad-period", "\"2017-Q2\"", "\"2017-Q5\"",
    MREZA_INPUT_ERROR_VALUE, { "indicator_values[0]", "“period”" } },
  { "format-version", "\"mreza_format\": 1", "\"mreza_format\": 2",
    MREZA_INPUT_ERROR_MISSING, { "b-plan.json", "mreza_format" } },
  { "missing-required", "\"currency\": \"RSD\", ", "",
    MREZA_INPUT_ERROR_MISSING, { "budget_lines[0]", "“currency”" } },
};

static char *
replace_once (const char *haystack,
              const char *from,
              const char *to)
{
  const char *at = strstr (haystack, from);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - haystack), haystack, to,
                          at + strlen (from));
}

/* Every bad input stops the import with an error that names the file,
 * the record and the field, and writes nothing: not even the good
 * records that came before the bad one. */
static void
test_import_bad (Fixture       *f,
                 gconstpointer  data)
{
  const BadCase *bad = data;
  g_autofree char *in = g_build_filename (f->dir, "in", NULL);
  g_autofree char *plan = g_build_filename (in, "b-plan.json", NULL);
  g_autofree char *broken = replace_once (plan_json, bad->plan_from,
                                          bad->plan_to);
  g_autoptr(GError) error = NULL;
  gint64 before = total_rows (f->store);

  test_write_file (plan, broken);

  g_assert_false (mreza_import_path (f->store, in, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("%s: %s", bad->name, error->message);
  g_assert_error (error, MREZA_INPUT_ERROR, bad->code);
  for (guint i = 0; i < G_N_ELEMENTS (bad->message) && bad->message[i]; i++)
    g_assert_nonnull (strstr (error->message, bad->message[i]));

  g_assert_cmpint (total_rows (f->store), ==, before);
  g_assert_cmpint (before, ==, 0);
}

static void
test_import_too_deep (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "deep.json", NULL);
  g_autoptr(GString) deep = g_string_new ("{\"mreza_format\": 1, \"risks\": ");
  g_autoptr(GError) error = NULL;

  /* json-glib 1.6 would recurse 100,000 levels and overflow the stack. */
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, ']');
  g_string_append_c (deep, '}');
  test_write_file (path, deep->str);

  g_assert_false (mreza_import_path (f->store, path, NULL, &error));
  g_assert_error (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_TOO_DEEP);
  g_assert_nonnull (strstr (error->message, "deep.json"));
}

static void
test_import_not_found (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *empty = g_build_filename (f->dir, "empty", NULL);

  g_assert_false (mreza_import_path (f->store, "/nonexistent/x.json", NULL,
                                     &error));
  g_assert_error (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_IO);
  g_clear_error (&error);

  g_mkdir (empty, 0700);
  g_assert_false (mreza_import_path (f->store, empty, NULL, &error));
  g_assert_error (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_IO);
}

static void
import_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  MrezaImportStats *stats = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (mreza_import_path_finish (MREZA_STORE (object), result,
                                           stats, &error));
  g_assert_no_error (error);
}

/* The app imports in a worker, on a connection of its own; the store's
 * connection sees the rows once it is done. */
static void
test_import_async (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *in = g_build_filename (f->dir, "in", NULL);
  MrezaImportStats stats = { 0 };

  mreza_import_path_async (f->store, in, NULL, import_cb, &stats);
  while (stats.n_records == 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (stats.n_records, ==, 12);
  g_assert_cmpint (test_count (f->store, "joint_action"), ==, 1);
}

static void
test_json_depth (void)
{
  g_autoptr(GError) error = NULL;
  const char ok[] = "{\"a\": [[[\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"]]]}";

  /* Brackets inside strings do not count. */
  g_assert_true (mreza_json_check_depth (ok, strlen (ok), 4, &error));
  g_assert_no_error (error);
  g_assert_false (mreza_json_check_depth (ok, strlen (ok), 3, &error));
  g_assert_error (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_TOO_DEEP);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/depth", test_json_depth);
  g_test_add ("/import/good", Fixture, NULL, fixture_setup, test_import_good,
              fixture_teardown);
  g_test_add ("/import/async", Fixture, NULL, fixture_setup,
              test_import_async, fixture_teardown);
  g_test_add ("/import/too-deep", Fixture, NULL, fixture_setup,
              test_import_too_deep, fixture_teardown);
  g_test_add ("/import/not-found", Fixture, NULL, fixture_setup,
              test_import_not_found, fixture_teardown);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/import/bad/%s",
                                               bad_cases[i].name);

      g_test_add (path, Fixture, &bad_cases[i], fixture_setup,
                  test_import_bad, fixture_teardown);
    }

  return g_test_run ();
}
