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
               " DROP TABLE sync_peer_team; DROP TABLE sync_peer_device;"
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


/* Editing ---------------------------------------------------------------- */

static char *
first_id (MrezaStore *store,
          const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *id;

  g_assert_cmpint (sqlite3_prepare_v2 (mreza_store_get_db (store), sql, -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return id;
}

static MrezaMeeting *
new_meeting (MrezaStore *store)
{
  MrezaMeeting *m = mreza_meeting_new ();
  g_autofree char *team = NULL;
  g_autofree char *institution = NULL;
  MrezaMeetingItem *item;
  MrezaMeetingFollowUp *follow_up;

  m->title = g_strdup ("Sastanak mreže 2019");
  m->date = g_strdup ("2019-06-11");
  m->place = g_strdup ("Kraljevo, Gradska kuća");
  m->organiser_id = first_id (store, "SELECT id FROM institution WHERE name"
                                     " LIKE 'Nacionalni koordinator%'");
  item = mreza_meeting_add_item (m);
  item->title = g_strdup ("Otvaranje");
  item->start_time = g_strdup ("10:00");
  item->duration_min = 15;
  item->goal_id = first_id (store, "SELECT id FROM goal WHERE number = 1");
  item = mreza_meeting_add_item (m);
  item->title = g_strdup ("Izveštaji timova – Čačak, Niš, Đakovica");
  item->start_time = g_strdup ("10:15");
  item->duration_min = 60;
  item->activity_id = first_id (store, "SELECT a.id FROM activity a JOIN"
                                       " goal g ON g.id = a.goal_id WHERE"
                                       " g.number = 1 AND a.number = 1");
  team = first_id (store, "SELECT id FROM team WHERE name LIKE '%Niš'");
  institution = first_id (store, "SELECT institution_id FROM contact"
                                 " WHERE institution_id IS NOT NULL LIMIT 1");
  mreza_meeting_add_invitee (m, team, NULL);
  mreza_meeting_add_invitee (m, NULL, institution);
  follow_up = mreza_meeting_add_follow_up (m);
  follow_up->title = g_strdup ("Poslati zapisnik");
  follow_up->deadline = g_strdup ("2019-07-01");
  return m;
}

static void
test_meeting_checks (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(MrezaStore) store = test_open_demo (dir);
  g_autoptr(MrezaMeeting) m = new_meeting (store);
  MrezaMeetingItem *second = m->items->pdata[1];
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;
  gint64 meetings = test_count (store, "meeting");

  g_assert_true (mreza_meeting_validate (m, NULL));

  g_free (m->date);
  m->date = g_strdup ("2019-02-30");
  problem = mreza_meeting_check (m, MREZA_MEETING_FIELD_DATE);
  g_assert_nonnull (strstr (problem, "2019-02-30"));
  g_clear_pointer (&problem, g_free);
  g_assert_false (mreza_meeting_save (store, m, &error));
  g_assert_error (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_VALUE);
  g_clear_error (&error);
  g_assert_null (m->id);
  g_assert_cmpint (test_count (store, "meeting"), ==, meetings);
  g_free (m->date);
  m->date = g_strdup ("2019-06-11");

  /* The second item starts before the first one ends. */
  g_free (second->start_time);
  second->start_time = g_strdup ("10:10");
  problem = mreza_meeting_check_item (m, 1);
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem, "10:15"));
  g_clear_pointer (&problem, g_free);
  g_assert_null (mreza_meeting_check_item (m, 0));

  g_free (second->start_time);
  second->start_time = g_strdup ("25:00");
  problem = mreza_meeting_check_item (m, 1);
  g_assert_nonnull (problem);
  g_clear_pointer (&problem, g_free);
  g_free (second->start_time);
  second->start_time = g_strdup ("10:15");

  g_free (((MrezaMeetingFollowUp *) m->follow_ups->pdata[0])->deadline);
  ((MrezaMeetingFollowUp *) m->follow_ups->pdata[0])->deadline =
    g_strdup ("1.7.2019");
  problem = mreza_meeting_check_follow_up (m, 0);
  g_assert_nonnull (problem);
  g_clear_pointer (&problem, g_free);

  g_clear_pointer (&m->organiser_id, g_free);
  problem = mreza_meeting_check (m, MREZA_MEETING_FIELD_ORGANISER);
  g_assert_nonnull (problem);
}

static void
test_meeting_save_load (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(MrezaStore) store = test_open_demo (dir);
  g_autoptr(MrezaMeeting) m = new_meeting (store);
  g_autoptr(MrezaMeeting) loaded = NULL;
  g_autoptr(MrezaMeeting) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_item = NULL;
  gint64 outbox;

  g_assert_true (mreza_meeting_save (store, m, &error));
  g_assert_no_error (error);
  g_assert_nonnull (m->id);
  g_assert_nonnull (((MrezaMeetingItem *) m->items->pdata[0])->id);

  loaded = mreza_meeting_load (mreza_store_get_db (store), m->id, &error);
  g_assert_no_error (error);
  g_assert_true (mreza_meeting_equal (m, loaded));
  g_assert_cmpuint (loaded->items->len, ==, 2);
  g_assert_cmpuint (loaded->invitees->len, ==, 2);
  g_assert_cmpuint (loaded->follow_ups->len, ==, 1);
  g_assert_cmpstr (((MrezaMeetingItem *) loaded->items->pdata[1])->title, ==,
                   "Izveštaji timova – Čačak, Niš, Đakovica");

  /* What a view shows: every id the meeting names, by its label. */
  {
    g_autoptr(GHashTable) labels = mreza_meeting_dup_labels (mreza_store_get_db (store),
                                                             loaded, &error);
    const MrezaMeetingItem *first = loaded->items->pdata[0];
    const MrezaMeetingItem *second = loaded->items->pdata[1];

    g_assert_no_error (error);
    g_assert_true (g_str_has_prefix (g_hash_table_lookup (labels,
                                                          loaded->organiser_id),
                                     "Nacionalni koordinator"));
    g_assert_true (g_str_has_prefix (g_hash_table_lookup (labels,
                                                          second->activity_id),
                                     "1.1 "));
    g_assert_true (g_str_has_prefix (g_hash_table_lookup (labels,
                                                          first->goal_id),
                                     "1 "));
    g_assert_cmpuint (g_hash_table_size (labels), ==, 5);
  }

  /* Saving what did not change writes nothing, so sends nothing. */
  outbox = test_query_int (store, "SELECT count(*) FROM sync_outbox");
  g_assert_true (mreza_meeting_save (store, loaded, &error));
  g_assert_cmpint (test_query_int (store, "SELECT count(*) FROM sync_outbox"),
                   ==, outbox);

  /* Reorder, drop an invitee, add a follow-up: one transaction. */
  first_item = g_strdup (((MrezaMeetingItem *) loaded->items->pdata[0])->id);
  g_ptr_array_add (loaded->items, g_ptr_array_steal_index (loaded->items, 0));
  g_clear_pointer (&((MrezaMeetingItem *) loaded->items->pdata[0])->start_time,
                   g_free);
  ((MrezaMeetingItem *) loaded->items->pdata[0])->duration_min = 0;
  g_ptr_array_remove_index (loaded->invitees, 1);
  ((MrezaMeetingFollowUp *) mreza_meeting_add_follow_up (loaded))->title =
    g_strdup ("Pripremiti kampanju");
  g_assert_true (mreza_meeting_save (store, loaded, &error));
  g_assert_no_error (error);

  again = mreza_meeting_load (mreza_store_get_db (store), m->id, &error);
  g_assert_true (mreza_meeting_equal (loaded, again));
  g_assert_cmpstr (((MrezaMeetingItem *) again->items->pdata[1])->id, ==,
                   first_item);
  g_assert_cmpint (test_query_int (store, "SELECT position FROM"
                                          " meeting_agenda_item WHERE title ="
                                          " 'Otvaranje'"), ==, 2);
  g_assert_cmpuint (again->invitees->len, ==, 1);
  g_assert_cmpuint (again->follow_ups->len, ==, 2);
  g_assert_cmpint (test_query_int (store,
                                   "SELECT count(*) FROM sync_outbox WHERE"
                                   " tbl = 'meeting_invitee' AND op = 'd'"),
                   ==, 1);
}

static void
test_meeting_delete_restore (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(MrezaStore) store = test_open_demo (dir);
  g_autoptr(MrezaMeeting) m = new_meeting (store);
  g_autoptr(MrezaMeeting) snapshot = NULL;
  g_autoptr(MrezaMeeting) restored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  g_assert_true (mreza_meeting_save (store, m, &error));
  snapshot = mreza_meeting_delete (store, m->id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (snapshot);
  g_assert_cmpint (test_query_int (store, "SELECT count(*) FROM"
                                          " meeting_agenda_item WHERE"
                                          " meeting_id NOT IN (SELECT id FROM"
                                          " meeting)"), ==, 0);
  g_assert_cmpint (test_count (store, "meeting"), ==, 1);

  id = mreza_meeting_restore (store, snapshot, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (id, !=, m->id);
  restored = mreza_meeting_load (mreza_store_get_db (store), id, &error);
  g_assert_cmpuint (restored->items->len, ==, 2);
  g_assert_cmpuint (restored->invitees->len, ==, 2);
  g_assert_cmpuint (restored->follow_ups->len, ==, 1);

  g_assert_null (mreza_meeting_load (mreza_store_get_db (store), m->id,
                                     &error));
  g_assert_error (error, MREZA_STORE_ERROR, MREZA_STORE_ERROR_NOT_FOUND);
}

static void
test_meeting_lists (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(MrezaStore) store = test_open_demo (dir);
  sqlite3 *db = mreza_store_get_db (store);
  g_autoptr(GPtrArray) meetings = mreza_meeting_list (db, NULL);
  g_autoptr(GPtrArray) links = mreza_meeting_list_links (db, NULL);
  g_autoptr(GPtrArray) tasks = mreza_meeting_list_tasks (db, NULL);
  g_autoptr(GPtrArray) institutions = mreza_meeting_list_institutions (db, NULL);
  MrezaMeetingSummary *summary;
  MrezaMeetingLink *link;

  g_assert_cmpuint (meetings->len, ==, 1);
  summary = meetings->pdata[0];
  g_assert_cmpstr (summary->date, ==, "2018-06-12");
  g_assert_cmpuint (summary->n_items, ==, 5);

  link = links->pdata[0];
  g_assert_nonnull (link->goal_id);
  g_assert_null (link->activity_id);
  g_assert_true (g_str_has_prefix (link->label, "1 "));
  link = links->pdata[1];
  g_assert_nonnull (link->activity_id);
  g_assert_true (g_str_has_prefix (link->label, "1.1 "));

  g_assert_cmpint (tasks->len, ==, test_count (store, "task"));
  g_assert_cmpint (institutions->len, ==, test_count (store, "institution"));
}

static void
test_meeting_invitations (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(MrezaStore) store = test_open_demo (dir);
  g_autofree char *id = demo_meeting_id (store);
  g_autofree char *csv = g_build_filename (dir, "invitations.csv", NULL);
  g_autofree char *pdf = g_build_filename (dir, "invitations.pdf", NULL);
  g_autofree char *bad = g_build_filename (dir, "no", "invitations.csv", NULL);
  sqlite3 *db = mreza_store_get_db (store);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  g_autofree char *pdftoppm = NULL;
  gboolean saw_nis = FALSE;
  const char *p;
  guint lines = 0;

  g_assert_true (mreza_meeting_invitations_write (db, id, csv, "csv", &error));
  g_assert_no_error (error);
  g_file_get_contents (csv, &text, NULL, &error);
  g_assert_no_error (error);
  for (p = text; *p != '\0'; lines++)
    {
      g_autoptr(GPtrArray) fields = parse_csv_line (&p);

      g_assert_cmpuint (fields->len, ==, 7);
      if (lines == 0)
        g_assert_cmpstr (fields->pdata[2], ==, "Contact person");
      /* The team's secretary is the person to write to. */
      if (g_strcmp0 (fields->pdata[1], "Lokalni tim Niš") == 0)
        {
          saw_nis = TRUE;
          g_assert_cmpstr (fields->pdata[0], ==, "Local team");
          g_assert_cmpstr (fields->pdata[5], ==, "tim.nis@example.org");
          g_assert_true (g_str_has_prefix (fields->pdata[2], "Sekretar"));
        }
    }
  g_assert_true (saw_nis);
  g_assert_cmpint (lines, ==, 1 + test_count (store, "meeting_invitee"));
  g_clear_pointer (&text, g_free);

  g_assert_true (mreza_meeting_invitations_write (db, id, pdf, "pdf", &error));
  g_assert_no_error (error);
  {
    const char *argv[] = { "pdftotext", pdf, "-", NULL };
    text = run (argv);
  }
  flat = g_strdelimit (g_strdup (text), "\n", ' ');
  g_assert_nonnull (strstr (flat, "INVITATION LIST"));
  /* For a person to look at: build/tests/meeting-invitations-1.png */
  if ((pdftoppm = g_find_program_in_path ("pdftoppm")) != NULL)
    {
      g_autofree char *png = g_test_build_filename (G_TEST_BUILT,
                                                    "meeting-invitations",
                                                    NULL);
      const char *argv[] = { "pdftoppm", "-png", "-r", "60", pdf, png, NULL };

      g_free (run (argv));
    }
  g_assert_nonnull (strstr (flat, "Lokalni tim Subotica"));
  g_assert_nonnull (strstr (flat, "tim.nis@example.org"));

  g_assert_false (mreza_meeting_invitations_write (db, id, bad, "csv",
                                                   &error));
  g_assert_error (error, MREZA_REPORT_ERROR, MREZA_REPORT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, bad));
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
  g_test_add_func ("/meeting/checks", test_meeting_checks);
  g_test_add_func ("/meeting/save-load", test_meeting_save_load);
  g_test_add_func ("/meeting/delete-restore", test_meeting_delete_restore);
  g_test_add_func ("/meeting/lists", test_meeting_lists);
  g_test_add_func ("/meeting/invitations", test_meeting_invitations);

  return g_test_run ();
}
