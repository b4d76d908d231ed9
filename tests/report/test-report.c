/* test-report.c: the annual report on the demo data, in every format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The figures are checked against numbers computed elsewhere: the C
 * checks against tests/demo-expected.json, check-report.py against
 * data/demo's JSON files. The PDF is read back with pdftotext, the
 * spreadsheet with openpyxl, the CSV with Python's csv module; pages
 * are rendered to PNG (pdftoppm) into the build folder for a person to
 * look at.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>

#include "mreza-report-private.h"
#include "mreza-store-private.h"
#include "mreza-test-utils.h"

typedef struct
{
  char       *dir;
  MrezaStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = test_make_dir ();
  f->store = test_open_demo (f->dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_free (f->dir);
}

static MrezaReport *
build (Fixture    *f,
       int         year,
       const char *team)
{
  g_autoptr(GError) error = NULL;
  MrezaReportOptions options = { year, NULL, team };
  MrezaReport *report = mreza_report_build (mreza_store_get_db (f->store),
                                            &options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static char *
run (const char * const *argv,
     int                *status)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  g_autofree char *err = NULL;
  int wait_status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err, &wait_status, &error);
  g_assert_no_error (error);
  if (status != NULL)
    *status = g_spawn_check_wait_status (wait_status, NULL) ? 0 : 1;
  else if (!g_spawn_check_wait_status (wait_status, NULL))
    g_error ("%s failed: %s%s", argv[0], out, err);
  return out;
}

static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };

  return run (argv, NULL);
}

static JsonNode *
expected (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("MREZA_SOURCE_ROOT"),
                                            "tests", "demo-expected.json",
                                            NULL);
  g_autofree char *text = NULL;
  JsonNode *node;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  node = json_from_string (text, &error);
  g_assert_no_error (error);
  return node;
}

/* The budget totals table holds, for 2017, the amounts of
 * demo-expected.json's 2017 lines and of the lines with no year. */
static void
test_budget_totals (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(MrezaReport) report = build (f, 2017, NULL);
  g_autoptr(JsonNode) root = expected ();
  MrezaReportTable *table = mreza_report_get_table (report, "budget_totals");
  JsonArray *totals = json_object_get_array_member (
    json_node_get_object (root), "budget_totals");
  guint checked = 0;

  g_assert_nonnull (table);
  for (guint i = 0; i < json_array_get_length (totals); i++)
    {
      JsonObject *t = json_array_get_object_element (totals, i);
      JsonNode *year = json_object_get_member (t, "year");
      gboolean found = FALSE;

      if (!JSON_NODE_HOLDS_NULL (year) && json_node_get_int (year) != 2017)
        continue;

      for (guint r = 0; r < table->rows->len; r++)
        {
          MrezaReportCell *y = _mreza_report_table_cell (table, r, 0);
          MrezaReportCell *c = _mreza_report_table_cell (table, r, 1);
          MrezaReportCell *a = _mreza_report_table_cell (table, r, 3);
          gboolean same_year = JSON_NODE_HOLDS_NULL (year)
            ? (y->type == MREZA_REPORT_CELL_TEXT &&
               strcmp (y->v.text, "no year") == 0)
            : (y->type == MREZA_REPORT_CELL_INT &&
               y->v.i == json_node_get_int (year));

          if (same_year &&
              strcmp (c->v.text, json_object_get_string_member (t,
                                                                "currency")) == 0)
            {
              g_assert_cmpint (a->type, ==, MREZA_REPORT_CELL_MONEY);
              g_assert_cmpint (a->v.i, ==,
                               json_object_get_int_member (t, "amount") * 100);
              found = TRUE;
            }
        }
      g_assert_true (found);
      checked++;
    }
  g_assert_cmpuint (checked, ==, 3);
}

static void
test_money_format (void)
{
  const struct { gint64 minor; const char *text; } cases[] = {
    { 252278000, "2.522.780" }, { 900000, "9.000" }, { 0, "0" },
    { 450050, "4.500,50" }, { 5, "0,05" }, { 99999, "999,99" },
    { 100000000000, "1.000.000.000" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = mreza_report_format_money (cases[i].minor);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* Tasks: the table's total row adds up its rows and matches the
 * report's counts; no demo task is done, so all are not started.
 * check-report.py recomputes the counts from the JSON files. */
static void
test_task_counts (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(MrezaReport) report = build (f, 2017, NULL);
  MrezaReportTable *tasks = mreza_report_get_table (report, "tasks");
  guint last = tasks->rows->len - 1;
  gint64 total = 0, rows = 0;

  for (int s = MREZA_REPORT_DONE; s <= MREZA_REPORT_DROPPED; s++)
    total += report->n_tasks[s];
  for (guint r = 0; r < last; r++)
    rows += _mreza_report_table_cell (tasks, r, 7)->v.i;
  g_assert_cmpint (g_array_index (tasks->rows, MrezaReportRow, last).kind,
                   ==, MREZA_REPORT_ROW_TOTAL);
  g_assert_cmpint (_mreza_report_table_cell (tasks, last, 7)->v.i, ==, total);
  g_assert_cmpint (rows, ==, total);
  g_assert_cmpint (total, >, 0);
  g_assert_cmpint (total, <=, test_count (f->store, "task"));
  g_assert_cmpint (report->n_tasks[MREZA_REPORT_NOT_STARTED], ==, total);
  g_assert_cmpint (report->n_joint_actions, ==,
                   test_query_int (f->store, "SELECT count (*)"
                                             " FROM joint_action"
                                             " WHERE date LIKE '2017-%'"));
  g_assert_false (report->empty);
  g_assert_nonnull (mreza_report_get_table (report, "joint_actions_by_team"));
}

/* A team's report counts the team's own progress on a task; the
 * network's report keeps the plan's national status. */
static void
test_team_progress (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(MrezaReport) before = build (f, 2017, "Lokalni tim Niš");
  g_autoptr(MrezaReport) team = NULL;
  g_autoptr(MrezaReport) network = NULL;
  sqlite3 *db = mreza_store_get_db (f->store);

  g_assert_cmpint (before->n_tasks[MREZA_REPORT_NOT_STARTED], >, 0);
  g_assert_cmpint (before->n_tasks[MREZA_REPORT_DONE], ==, 0);
  g_assert_cmpint (sqlite3_exec (db,
    "INSERT INTO task_progress (id, created_at, modified_at, modified_by,"
    " task_id, team_id, status, done_date)"
    " SELECT '00000000-0000-4000-8000-000000000001', 'x', 'x', 'x', t.id,"
    "  (SELECT id FROM team WHERE name = 'Lokalni tim Niš'), 'done',"
    "  '2017-06-01'"
    " FROM task t JOIN activity a ON a.id = t.activity_id"
    " WHERE coalesce (t.deadline_to, a.deadline_to) LIKE '2017-%'"
    " ORDER BY t.rowid LIMIT 1", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);

  team = build (f, 2017, "Lokalni tim Niš");
  g_assert_cmpint (team->n_tasks[MREZA_REPORT_DONE], ==, 1);
  g_assert_cmpint (team->n_tasks[MREZA_REPORT_NOT_STARTED], ==,
                   before->n_tasks[MREZA_REPORT_NOT_STARTED] - 1);
  network = build (f, 2017, NULL);
  g_assert_cmpint (network->n_tasks[MREZA_REPORT_DONE], ==, 0);
}

/* Writes all three formats of @report into @f->dir and has
 * check-report.py read them back. */
static void
check_formats (Fixture     *f,
               MrezaReport *report,
               const char  *stem,
               const char  *team)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_strdup_printf ("%s/%s.pdf", f->dir, stem);
  g_autofree char *xlsx = g_strdup_printf ("%s/%s.xlsx", f->dir, stem);
  g_autofree char *csv = g_strdup_printf ("%s/%s-csv", f->dir, stem);
  g_autofree char *year = g_strdup_printf ("%d", report->year);
  g_autofree char *script = g_build_filename (g_getenv ("MREZA_SOURCE_ROOT"),
                                              "tests", "report",
                                              "check-report.py", NULL);
  g_autofree char *demo = test_demo_dir ();
  g_autofree char *out = NULL;
  /* Debian's python3, where python3-openpyxl installs, before any other
   * python3 on PATH. */
  const char *python = g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE)
                         ? "/usr/bin/python3" : "python3";
  const char *argv[] = { python, script, "--demo", demo, "--year", year,
                         "--pdf", pdf, "--xlsx", xlsx, "--csv", csv,
                         team != NULL ? "--team" : NULL, team, NULL };

  g_assert_true (mreza_report_write_pdf (report, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (mreza_report_write_xlsx (report, xlsx, &error));
  g_assert_no_error (error);
  g_assert_true (mreza_report_write_csv (report, csv, &error));
  g_assert_no_error (error);

  out = run (argv, NULL);
  g_test_message ("%s", out);
}

static void
test_formats_network (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(MrezaReport) report = build (f, 2017, NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "network-2017.pdf", NULL);
  g_autofree char *text = NULL;

  check_formats (f, report, "network-2017", NULL);

  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "2.522.780"));
  g_assert_nonnull (strstr (text, "Contents"));
  g_assert_nonnull (strstr (text, "page 1 of"));
  /* Serbian Latin letters come through the fonts and back. */
  g_assert_nonnull (strstr (text, "Unapređenje partnerstva"));
  g_assert_nonnull (strstr (text, "Sync coverage"));
}

static void
test_formats_team (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(MrezaReport) report = build (f, 2017, "Lokalni tim Niš");

  g_assert_cmpstr (report->team_name, ==, "Lokalni tim Niš");
  g_assert_null (mreza_report_get_table (report, "joint_actions_by_team"));
  check_formats (f, report, "nis-2017", "tim-nis");
}

/* A team named in Cyrillic shows in Cyrillic: DejaVu Sans has the
 * letters, and pdftotext reads them back. */
static void
test_cyrillic (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrezaReport) report = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "cyrillic.pdf", NULL);
  g_autofree char *text = NULL;

  g_assert_true (_mreza_sql_exec (mreza_store_get_db (f->store),
    "UPDATE team SET name = 'Локални тим Ниш – ђачки парламент'"
    " WHERE name = 'Lokalni tim Niš'", &error));
  g_assert_no_error (error);

  report = build (f, 2017, "Локални тим Ниш – ђачки парламент");
  g_assert_true (mreza_report_write_pdf (report, pdf, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Локални тим Ниш – ђачки парламент"));
}

static void
test_empty_year (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrezaReport) report = build (f, 2030, NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "empty.pdf", NULL);
  g_autofree char *xlsx = g_build_filename (f->dir, "empty.xlsx", NULL);
  g_autofree char *csv = g_build_filename (f->dir, "empty-csv", NULL);
  g_autofree char *summary = g_build_filename (csv, "summary.csv", NULL);
  g_autofree char *text = NULL;
  g_autofree char *csv_text = NULL;
  gsize xlsx_size = 0;
  g_autofree char *xlsx_bytes = NULL;

  g_assert_true (report->empty);
  g_assert_true (mreza_report_write_pdf (report, pdf, &error));
  g_assert_true (mreza_report_write_xlsx (report, xlsx, &error));
  g_assert_true (mreza_report_write_csv (report, csv, &error));
  g_assert_no_error (error);

  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "There is no data for this period"));
  g_assert_nonnull (strstr (text, "Annual report 2030"));

  g_file_get_contents (summary, &csv_text, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (csv_text, "There is no data for this period."));

  g_file_get_contents (xlsx, &xlsx_bytes, &xlsx_size, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (xlsx_size, >, 1000);
}

static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  const MrezaReportOptions cases[] = {
    { 2017, "2017-Q5", NULL }, { 2017, "2018-H1", NULL },
    { 1200, NULL, NULL }, { 2017, NULL, "Nobody" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MrezaReport) report =
        mreza_report_build (mreza_store_get_db (f->store), &cases[i], &error);

      g_assert_null (report);
      g_assert_error (error, MREZA_REPORT_ERROR, MREZA_REPORT_ERROR_INPUT);
    }
}

/* A half year keeps only the values and actions inside it. */
static void
test_period (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  MrezaReportOptions options = { 2017, "2017-H1", NULL };
  g_autoptr(MrezaReport) report =
    mreza_report_build (mreza_store_get_db (f->store), &options, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (report->from, ==, "2017-01-01");
  g_assert_cmpstr (report->to, ==, "2017-06-30");
  g_assert_cmpint (report->n_joint_actions, ==,
                   test_query_int (f->store, "SELECT count (*)"
                                             " FROM joint_action WHERE date"
                                             " BETWEEN '2017-01-01'"
                                             " AND '2017-06-30'"));
}

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "cli.pdf", NULL);
  g_autofree char *csv = g_build_filename (f->dir, "cli-csv", NULL);
  g_autofree char *tasks = g_build_filename (csv, "tasks.csv", NULL);
  const char *ok[] = { "report", "--year", "2017", "--format", "pdf",
                 "--output", out, NULL };
  const char *ok_csv[] = { "report", "--year", "2017", "--team", "tim-nis",
                     "--format", "csv", "--output", csv, NULL };
  const char *no_year[] = { "report", "--format", "pdf", "--output", out, NULL };
  const char *bad_format[] = { "report", "--year", "2017", "--format", "odt",
                         "--output", out, NULL };

  g_assert_cmpint (mreza_report_cli (f->store, 7, (char **) ok), ==, 0);
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (mreza_report_cli (f->store, 9, (char **) ok_csv), ==, 0);
  g_assert_true (g_file_test (tasks, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (mreza_report_cli (f->store, 5, (char **) no_year), ==, 2);
  g_assert_cmpint (mreza_report_cli (f->store, 7, (char **) bad_format), ==, 2);
}

/* Returns 0 when every format refuses an unwritable path with 1. */
static int
cli_unwritable_child (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(MrezaStore) store = test_open_demo (dir);
  const char *formats[] = { "pdf", "xlsx", "csv" };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      const char *argv[] = { "report", "--year", "2017", "--format",
                             formats[i], "--output",
                             "/proc/mreza-no-such-dir/report.out", NULL };

      if (mreza_report_cli (store, 7, (char **) argv) != 1)
        return 10 + i;
    }

  return 0;
}

/* An unwritable path: one clear line on stderr and exit status 1, for
 * each format. */
static void
test_cli_unwritable (void)
{
  if (g_test_subprocess ())
    exit (cli_unwritable_child ());

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("mreza-cli report: Cannot write the report to "
                             "“/proc/mreza-no-such-dir/report.out”: *");
  g_test_trap_assert_stdout ("");
}

/* Pages as PNG, kept in the build folder for a person to look at. */
static void
test_png (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrezaReport) report = build (f, 2017, NULL);
  g_autofree char *out = g_build_filename (g_getenv ("G_TEST_BUILDDIR"),
                                           "report", "png", NULL);
  g_autofree char *pdf = g_build_filename (out, "network-2017.pdf", NULL);
  g_autofree char *prefix = g_build_filename (out, "page", NULL);
  g_autofree char *first = g_build_filename (out, "page-01.png", NULL);
  const char *argv[] = { "pdftoppm", "-png", "-r", "80", pdf, prefix, NULL };

  g_mkdir_with_parents (out, 0755);
  g_assert_true (mreza_report_write_pdf (report, pdf, &error));
  g_assert_no_error (error);
  g_free (run (argv, NULL));
  g_assert_true (g_file_test (first, G_FILE_TEST_IS_REGULAR));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  g_test_add_func ("/report/money-format", test_money_format);
  ADD ("/report/budget-totals", test_budget_totals);
  ADD ("/report/task-counts", test_task_counts);
  ADD ("/report/team-progress", test_team_progress);
  ADD ("/report/formats/network", test_formats_network);
  ADD ("/report/formats/team", test_formats_team);
  ADD ("/report/cyrillic", test_cyrillic);
  ADD ("/report/empty-year", test_empty_year);
  ADD ("/report/bad-input", test_bad_input);
  ADD ("/report/period", test_period);
  ADD ("/report/cli", test_cli);
  g_test_add_func ("/report/cli-unwritable", test_cli_unwritable);
  ADD ("/report/png", test_png);
#undef ADD

  return g_test_run ();
}
