/* test-meeting.c: schema version 3, the meetings, and the agenda document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The agenda's PDF is read back with pdftotext and rendered to PNG
 * (pdftoppm) into the build folder for a person to look at; the CSV is
 * parsed back by hand, RFC 4180 quoting included.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "mreza-json.h"
#include "mreza-meeting.h"
#include "mreza-report.h"
#include "mreza-store-private.h"
#include "mreza-test-utils.h"

/* The slug "sastanak-mreze-2018" of data/demo/meeting.json, as a UUID. */
static char *
demo_meeting_id (MrezaStore *store)
{
  sqlite3_stmt *stmt = NULL;
  char *id;

  g_assert_cmpint (sqlite3_prepare_v2 (mreza_store_get_db (store),
                                       "SELECT id FROM meeting WHERE title"
                                       " LIKE 'Godišnji sastanak mreže%'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  return id;
}

static void
exec (MrezaStore *store,
      const char *sql)
{
  g_autoptr(GError) error = NULL;

  _mreza_sql_exec (mreza_store_get_db (store), sql, &error);
  g_assert_no_error (error);
}

static void
test_meeting_demo (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(MrezaStore) store = test_open_demo (dir);

  g_assert_cmpint (test_count (store, "meeting"), ==, 1);
  g_assert_cmpint (test_count (store, "meeting_agenda_item"), ==, 5);
  g_assert_cmpint (test_count (store, "meeting_invitee"), ==, 12);
  g_assert_cmpint (test_count (store, "meeting_follow_up"), ==, 2);

  /* Organised by the national coordinator; all seven teams invited,
   * six of them came; both follow-ups feed tasks of goal 1. */
  g_assert_cmpint (test_query_int (store,
                                   "SELECT count(*) FROM meeting m JOIN"
                                   " institution i ON i.id ="
                                   " m.organiser_institution_id WHERE"
                                   " i.name LIKE 'Nacionalni koordinator%'"
                                   " AND m.team_id IS NULL"), ==, 1);
  g_assert_cmpint (test_query_int (store,
                                   "SELECT count(DISTINCT team_id) FROM"
                                   " meeting_invitee"), ==, 7);
  g_assert_cmpint (test_query_int (store,
                                   "SELECT count(*) FROM meeting_invitee"
                                   " WHERE team_id IS NOT NULL AND"
                                   " attended"), ==, 6);
  g_assert_cmpint (test_query_int (store,
                                   "SELECT count(*) FROM meeting_follow_up f"
                                   " JOIN task t ON t.id = f.task_id"),
                   ==, 2);
  g_assert_cmpint (test_query_int (store,
                                   "SELECT count(*) FROM meeting_agenda_item"
                                   " WHERE goal_id IS NULL AND activity_id"
                                   " IS NULL"), ==, 0);
}

static void
test_meeting_import_errors (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "bad.json", NULL);
  g_autoptr(MrezaStore) store = test_open_demo (dir);
  g_autoptr(GError) error = NULL;

  test_write_file (path,
                   "{\"mreza_format\": 1, \"meeting_agenda_items\": [{"
                   "\"id\": \"x.1\", \"meeting\": \"sastanak-mreze-2018\","
                   " \"position\": 9, \"title\": \"Pauza\","
                   " \"start_time\": \"25:00\"}]}");
  mreza_import_path (store, path, NULL, &error);
  g_assert_error (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_VALUE);
  g_assert_nonnull (strstr (error->message, "bad.json"));
  g_assert_nonnull (strstr (error->message, "x.1"));
  g_assert_nonnull (strstr (error->message, "start_time"));
  g_clear_error (&error);

  test_write_file (path,
                   "{\"mreza_format\": 1, \"meeting_invitees\": [{"
                   "\"id\": \"x.2\", \"meeting\": \"nema-takvog\","
                   " \"team\": \"tim-nis\"}]}");
  mreza_import_path (store, path, NULL, &error);
  g_assert_error (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_REFERENCE);
  g_assert_nonnull (strstr (error->message, "meeting"));
  g_clear_error (&error);

  test_write_file (path,
                   "{\"mreza_format\": 1, \"meeting_invitees\": [{"
                   "\"id\": \"x.3\", \"meeting\": \"sastanak-mreze-2018\"}]}");
  mreza_import_path (store, path, NULL, &error);
  g_assert_error (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_MISSING);
  g_assert_cmpint (test_count (store, "meeting_invitee"), ==, 12);
}

/* A replica made before meetings existed: the version 3 (and later)
 * tables taken away again, back at version 2 (whose triggers migration 3 leaves as
 * they were). */
static void
test_meeting_migrate_from_2 (void)
{
  g_autofree char *dir = test_make_dir ();
  MrezaStore *store = test_open_demo (dir);
  gint64 tasks = test_count (store, "task");
  gint64 outbox;

  exec (store, "DROP VIEW task_here; DROP TABLE task_progress;"
               " DROP TABLE meeting_follow_up; DROP TABLE meeting_invitee;"
               " DROP TABLE meeting_agenda_item; DROP TABLE meeting;"
               " DELETE FROM sync_outbox WHERE tbl LIKE 'meeting%';"
               " DELETE FROM sync_row WHERE tbl LIKE 'meeting%';"
               " PRAGMA user_version = 2;");
  outbox = test_query_int (store, "SELECT count(*) FROM sync_outbox");
  g_assert_cmpint (test_query_int (store, "PRAGMA user_version"), ==, 2);
  g_object_unref (store);

  store = test_open_store (dir, "demo.db");
  g_assert_cmpint (mreza_store_get_schema_version (store), ==,
                   MREZA_SCHEMA_VERSION);
  g_assert_cmpint (test_query_int (store, "PRAGMA user_version"), ==,
                   MREZA_SCHEMA_VERSION);
  g_assert_cmpint (test_count (store, "task"), ==, tasks);
  g_assert_cmpint (test_count (store, "meeting"), ==, 0);
  /* New tables are empty: the migration queues nothing to sync. */
  g_assert_cmpint (test_query_int (store, "SELECT count(*) FROM sync_outbox"),
                   ==, outbox);
  g_assert_cmpint (test_query_int (store,
                                   "SELECT count(*) FROM sqlite_master WHERE"
                                   " type = 'trigger' AND name LIKE"
                                   " 'meeting%_sync_%'"), ==, 4 * 4);
  g_object_unref (store);
}

static void
test_meeting_capture (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(MrezaStore) store = test_open_demo (dir);
  gint64 before = test_query_int (store, "SELECT count(*) FROM sync_outbox");

  exec (store, "INSERT INTO meeting (id, created_at, modified_at,"
               " modified_by, date, title, organiser_institution_id)"
               " SELECT '00000000-0000-4000-8000-000000000001', '2019-01-01',"
               " '2019-01-01', 'test', '2019-06-11', 'Sastanak 2019', id"
               " FROM institution LIMIT 1");
  g_assert_cmpint (test_query_int (store, "SELECT count(*) FROM sync_outbox"),
                   ==, before + 1);
  g_assert_cmpint (test_query_int (store,
                                   "SELECT count(*) FROM sync_outbox WHERE"
                                   " tbl = 'meeting' AND op = 'u' AND"
                                   " json_extract (fields, '$.title') ="
                                   " 'Sastanak 2019'"), ==, 1);

  /* Deleting it cascades to nothing here, and is captured as a delete. */
  exec (store, "DELETE FROM meeting WHERE title = 'Sastanak 2019'");
  g_assert_cmpint (test_query_int (store,
                                   "SELECT count(*) FROM sync_outbox WHERE"
                                   " tbl = 'meeting' AND op = 'd'"), ==, 1);
}

static char *
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int wait_status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err, &wait_status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (wait_status, NULL))
    g_error ("%s failed: %s%s", argv[0], out, err);
  return out;
}

static void
test_meeting_agenda_pdf (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(MrezaStore) store = test_open_demo (dir);
  g_autofree char *id = demo_meeting_id (store);
  g_autofree char *pdf = g_build_filename (dir, "agenda.pdf", NULL);
  g_autofree char *png = g_test_build_filename (G_TEST_BUILT, "meeting-agenda",
                                                NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  const char *want[] = {
    "Godišnji sastanak mreže Lokalnih timova", "Beograd",
    "Nacionalni koordinator za borbu protiv trgovine ljudima",
    "Otvaranje sastanka", "Analiza rada Lokalnih timova",
    "10:00–10:15", "Activity 1.1", "Lokalni tim Niš", "Lokalni tim Novi Sad",
    "Lokalni tim Sremska Mitrovica", "Lokalni tim Kraljevo",
    "Lokalni tim Kragujevac", "Lokalni tim Vranje", "Lokalni tim Subotica",
    "tim.nis@example.org", "Dostaviti izveštaje",
  };

  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *pdftoppm = g_find_program_in_path ("pdftoppm");

  /* poppler-utils is one of the packages tools/mreza-dev installs. */
  g_assert_nonnull (pdftotext);

  mreza_meeting_agenda_write (mreza_store_get_db (store), id, pdf, "pdf",
                              &error);
  g_assert_no_error (error);

  {
    const char *argv[] = { "pdftotext", pdf, "-", NULL };
    text = run (argv);
  }
  /* Cells wrap: compare with line breaks as spaces. */
  flat = g_strdelimit (g_strdup (text), "\n", ' ');
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    if (strstr (flat, want[i]) == NULL)
      g_error ("“%s” is not in the agenda:\n%s", want[i], text);

  /* For a person to look at: build/tests/meeting-agenda-1.png … */
  if (pdftoppm != NULL)
    {
      const char *argv[] = { "pdftoppm", "-png", "-r", "60", pdf, png, NULL };
      g_free (run (argv));
    }
}

/* RFC 4180, just enough: quoted fields with doubled quotes and commas. */
static GPtrArray *
parse_csv_line (const char **p)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);

  for (;;)
    {
      if (**p == '"')
        {
          for ((*p)++; **p != '\0'; (*p)++)
            {
              if (**p == '"' && (*p)[1] == '"')
                g_string_append_c (field, *(*p)++);
              else if (**p == '"')
                break;
              else
                g_string_append_c (field, **p);
            }
          g_assert_cmpint (**p, ==, '"');
          (*p)++;
        }
      else
        while (**p != ',' && **p != '\r' && **p != '\0')
          g_string_append_c (field, *(*p)++);

      g_ptr_array_add (fields, g_string_free (field, FALSE));
      field = g_string_new (NULL);
      if (**p == ',')
        {
          (*p)++;
          continue;
        }
      g_assert_cmpint ((*p)[0], ==, '\r');
      g_assert_cmpint ((*p)[1], ==, '\n');
      *p += 2;
      break;
    }

  g_string_free (field, TRUE);
  return fields;
}

static void
test_meeting_agenda_csv (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(MrezaStore) store = test_open_demo (dir);
  g_autofree char *id = demo_meeting_id (store);
  g_autofree char *csv = g_build_filename (dir, "agenda.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *p;
  guint lines = 0;

  /* A title with a comma and quotes, to be quoted. */
  exec (store, "UPDATE meeting_agenda_item SET title = 'Pauza, pa \"kafa\"'"
               " WHERE position = 3");
  mreza_meeting_agenda_write (mreza_store_get_db (store), id, csv, "csv",
                              &error);
  g_assert_no_error (error);
  g_file_get_contents (csv, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_false (g_str_has_prefix (text, "\xef\xbb\xbf"));

  for (p = text; *p != '\0'; lines++)
    {
      g_autoptr(GPtrArray) fields = parse_csv_line (&p);

      g_assert_cmpuint (fields->len, ==, 9);
      if (lines == 1)
        {
          g_assert_cmpstr (fields->pdata[0], ==, "1");
          g_assert_cmpstr (fields->pdata[1], ==, "10:00");
          g_assert_cmpstr (fields->pdata[2], ==, "10:15");
          g_assert_cmpstr (fields->pdata[3], ==, "15");
          g_assert_cmpstr (fields->pdata[6], ==, "1");
        }
      if (lines == 3)
        {
          g_assert_cmpstr (fields->pdata[4], ==, "Pauza, pa \"kafa\"");
          g_assert_cmpstr (fields->pdata[7], ==, "1.1");
        }
    }
  g_assert_cmpuint (lines, ==, 1 + 5);
}

static void
test_meeting_agenda_errors (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(MrezaStore) store = test_open_demo (dir);
  g_autofree char *id = demo_meeting_id (store);
  g_autofree char *bad = g_build_filename (dir, "no", "such", "folder",
                                           "agenda.pdf", NULL);
  sqlite3 *db = mreza_store_get_db (store);
  g_autoptr(GError) error = NULL;

  g_assert_false (mreza_meeting_agenda_write (db, id, bad, "pdf", &error));
  g_assert_error (error, MREZA_REPORT_ERROR, MREZA_REPORT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, bad));
  g_clear_error (&error);

  g_assert_false (mreza_meeting_agenda_write (db, id, bad, "csv", &error));
  g_assert_error (error, MREZA_REPORT_ERROR, MREZA_REPORT_ERROR_WRITE);
  g_clear_error (&error);

  g_assert_false (mreza_meeting_agenda_write (db, id, bad, "docx", &error));
  g_assert_error (error, MREZA_REPORT_ERROR, MREZA_REPORT_ERROR_INPUT);
  g_clear_error (&error);

  g_assert_false (mreza_meeting_agenda_write (db,
                                              "00000000-0000-4000-8000-"
                                              "000000000000", bad, "pdf",
                                              &error));
  g_assert_error (error, MREZA_REPORT_ERROR, MREZA_REPORT_ERROR_INPUT);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/meeting/demo", test_meeting_demo);
  g_test_add_func ("/meeting/import-errors", test_meeting_import_errors);
  g_test_add_func ("/meeting/migrate-from-2", test_meeting_migrate_from_2);
  g_test_add_func ("/meeting/capture", test_meeting_capture);
  g_test_add_func ("/meeting/agenda-pdf", test_meeting_agenda_pdf);
  g_test_add_func ("/meeting/agenda-csv", test_meeting_agenda_csv);
  g_test_add_func ("/meeting/agenda-errors", test_meeting_agenda_errors);

  return g_test_run ();
}
