/* test-directory.c: editing a team's directory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On a fresh replica of the demo data: each bad input gives its own
 * message and writes nothing (no row, no sync outbox entry); making a
 * contact secretary unsets the previous one in the same transaction;
 * contacts, memberships and projects are saved, deleted and restored.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "mreza-directory.h"
#include "mreza-json.h"
#include "mreza-test-utils.h"
#include "mreza-util.h"

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
first_team (MrezaStore *store)
{
  return query_text (store, "SELECT id FROM team ORDER BY name LIMIT 1");
}

static gint64
secretaries (MrezaStore *store,
             const char *team_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM contact"
                                          " WHERE team_id = '%s'"
                                          " AND is_secretary", team_id);

  return test_query_int (store, sql);
}

static MrezaContact *
make_contact (MrezaStore *store)
{
  MrezaContact *contact = mreza_contact_new ();

  contact->team_id = first_team (store);
  contact->name = g_strdup ("Dragana Đorđević");
  contact->role = g_strdup ("kontakt osoba Centra za socijalni rad");
  contact->phone = g_strdup ("+381 18 504-000");
  contact->email = g_strdup ("dragana.djordjevic@csrnis.rs");
  return contact;
}

/* A contact that is wrong in @field says so in its own words, and its
 * save writes nothing at all. */
static void
assert_refused (MrezaStore        *store,
                MrezaContact      *contact,
                MrezaContactField  field,
                const char        *words)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = mreza_contact_check (contact, field);
  gint64 contacts = test_count (store, "contact");
  gint64 outbox = test_count (store, "sync_outbox");

  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem, words));
  g_assert_false (mreza_contact_save (store, contact, &error));
  g_assert_error (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_VALUE);
  g_assert_cmpstr (error->message, ==, problem);
  g_assert_null (contact->id);
  g_assert_cmpint (test_count (store, "contact"), ==, contacts);
  g_assert_cmpint (test_count (store, "sync_outbox"), ==, outbox);
}

static void
test_contact_invalid (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(MrezaStore) store = test_open_demo (dir);
  g_autoptr(MrezaContact) contact = make_contact (store);

  g_assert_true (mreza_contact_validate (contact, NULL));

  g_free (contact->email);
  contact->email = g_strdup ("dragana.csrnis.rs");
  assert_refused (store, contact, MREZA_CONTACT_FIELD_EMAIL, "@");
  g_free (contact->email);
  contact->email = g_strdup ("dragana @csrnis.rs");
  assert_refused (store, contact, MREZA_CONTACT_FIELD_EMAIL, "spaces");
  g_free (contact->email);
  contact->email = g_strdup ("dragana@csrnis");
  assert_refused (store, contact, MREZA_CONTACT_FIELD_EMAIL, "domain");
  g_clear_pointer (&contact->email, g_free);

  g_free (contact->phone);
  contact->phone = g_strdup ("018 five");
  assert_refused (store, contact, MREZA_CONTACT_FIELD_PHONE, "digits");
  g_free (contact->phone);
  contact->phone = g_strdup ("5040");
  assert_refused (store, contact, MREZA_CONTACT_FIELD_PHONE, "short");
  g_clear_pointer (&contact->phone, g_free);

  g_free (contact->name);
  contact->name = g_strdup ("   ");
  assert_refused (store, contact, MREZA_CONTACT_FIELD_NAME, "name");
  g_free (contact->name);
  contact->name = g_strdup ("Dragana");

  g_clear_pointer (&contact->role, g_free);
  assert_refused (store, contact, MREZA_CONTACT_FIELD_ROLE, "does");
}

static void
test_contact_save_delete (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(MrezaStore) store = test_open_demo (dir);
  g_autoptr(MrezaContact) contact = make_contact (store);
  g_autoptr(MrezaContact) loaded = NULL;
  g_autoptr(MrezaContact) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *restored = NULL;
  gint64 contacts = test_count (store, "contact");
  gint64 outbox = test_count (store, "sync_outbox");

  g_free (contact->email);
  contact->email = g_strdup ("  ");   /* blank is stored as NULL */
  g_assert_true (mreza_contact_save (store, contact, &error));
  g_assert_no_error (error);
  g_assert_true (mreza_is_uuid (contact->id));
  g_assert_cmpint (test_count (store, "contact"), ==, contacts + 1);
  g_assert_cmpint (test_count (store, "sync_outbox"), ==, outbox + 1);

  loaded = mreza_contact_load (mreza_store_get_db (store), contact->id, &error);
  g_assert_no_error (error);
  g_assert_null (loaded->email);
  g_assert_cmpstr (loaded->name, ==, "Dragana Đorđević");
  g_assert_false (loaded->secretary);

  snapshot = mreza_contact_delete (store, contact->id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (snapshot);
  g_assert_cmpint (test_count (store, "contact"), ==, contacts);
  g_assert_null (mreza_contact_load (mreza_store_get_db (store), contact->id,
                                     NULL));
  /* A second delete finds nothing and writes nothing. */
  outbox = test_count (store, "sync_outbox");
  g_assert_null (mreza_contact_delete (store, contact->id, &error));
  g_assert_error (error, MREZA_STORE_ERROR, MREZA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (test_count (store, "sync_outbox"), ==, outbox);

  /* Undo: the contact comes back as a new row. */
  restored = mreza_contact_restore (store, snapshot, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (restored, !=, contact->id);
  g_assert_cmpint (test_count (store, "contact"), ==, contacts + 1);
}

static void
test_secretary (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(MrezaStore) store = test_open_demo (dir);
  g_autoptr(MrezaContact) contact = make_contact (store);
  g_autoptr(GError) error = NULL;
  g_autofree char *old = NULL;
  g_autofree char *sql = NULL;
  gint64 outbox;

  sql = g_strdup_printf ("SELECT id FROM contact WHERE team_id = '%s'"
                         " AND is_secretary", contact->team_id);
  old = query_text (store, sql);
  g_assert_cmpint (secretaries (store, contact->team_id), ==, 1);

  /* A new contact saved as secretary takes the old one's place: the
   * old one's update and the new row, in one transaction. */
  outbox = test_count (store, "sync_outbox");
  contact->secretary = TRUE;
  g_assert_true (mreza_contact_save (store, contact, &error));
  g_assert_no_error (error);
  g_assert_cmpint (secretaries (store, contact->team_id), ==, 1);
  g_assert_cmpint (test_count (store, "sync_outbox"), ==, outbox + 2);
  {
    g_autoptr(MrezaContact) was = mreza_contact_load (mreza_store_get_db (store),
                                                      old, &error);
    g_assert_false (was->secretary);
  }

  /* And back, by the quick action. */
  g_assert_true (mreza_contact_make_secretary (store, old, &error));
  g_assert_no_error (error);
  g_assert_cmpint (secretaries (store, contact->team_id), ==, 1);
  {
    g_autoptr(MrezaContact) was = mreza_contact_load (mreza_store_get_db (store),
                                                      contact->id, &error);
    g_autoptr(MrezaContact) is = mreza_contact_load (mreza_store_get_db (store),
                                                     old, &error);
    g_assert_false (was->secretary);
    g_assert_true (is->secretary);
  }

  /* A failing save leaves the previous secretary as it was: the unset
   * is rolled back with the rest. */
  g_free (contact->team_id);
  contact->team_id = g_strdup ("00000000-0000-4000-8000-000000000000");
  g_clear_pointer (&contact->id, g_free);
  outbox = test_count (store, "sync_outbox");
  g_assert_false (mreza_contact_save (store, contact, &error));
  g_assert_error (error, MREZA_STORE_ERROR, MREZA_STORE_ERROR_FAILED);
  g_assert_cmpint (test_count (store, "sync_outbox"), ==, outbox);
}

static void
test_institution (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(MrezaStore) store = test_open_demo (dir);
  g_autoptr(MrezaInstitution) inst = mreza_institution_new ();
  g_autoptr(MrezaInstitution) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *team = first_team (store);
  gint64 institutions = test_count (store, "institution");
  gint64 members = test_count (store, "team_member");
  gint64 outbox = test_count (store, "sync_outbox");

  /* No name, then no sector: each says so and writes nothing. */
  inst->sector = g_strdup ("health");
  g_assert_false (mreza_institution_save (store, inst, team, &error));
  g_assert_nonnull (strstr (error->message, "name"));
  g_clear_error (&error);
  inst->name = g_strdup ("Dom zdravlja Šabac");
  g_free (inst->sector);
  inst->sector = g_strdup ("hospital");
  g_assert_false (mreza_institution_save (store, inst, team, &error));
  g_assert_nonnull (strstr (error->message, "sector"));
  g_clear_error (&error);
  g_assert_null (inst->id);
  g_assert_cmpint (test_count (store, "institution"), ==, institutions);
  g_assert_cmpint (test_count (store, "sync_outbox"), ==, outbox);

  /* A new institution joins the team in the same transaction. */
  g_free (inst->sector);
  inst->sector = g_strdup ("health");
  inst->town = g_strdup ("Šabac");
  g_assert_true (mreza_institution_save (store, inst, team, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_count (store, "institution"), ==, institutions + 1);
  g_assert_cmpint (test_count (store, "team_member"), ==, members + 1);
  g_assert_cmpint (test_count (store, "sync_outbox"), ==, outbox + 2);

  /* Adding it again is refused; removing it and adding it back works. */
  g_assert_null (mreza_team_member_add (store, team, inst->id, &error));
  g_assert_error (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_true (mreza_team_member_remove (store, team, inst->id, &error));
  g_assert_cmpint (test_count (store, "team_member"), ==, members);
  g_assert_false (mreza_team_member_remove (store, team, inst->id, &error));
  g_assert_error (error, MREZA_STORE_ERROR, MREZA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  {
    g_autofree char *id = mreza_team_member_add (store, team, inst->id, &error);

    g_assert_no_error (error);
    g_assert_true (mreza_is_uuid (id));
  }

  /* Still a member: the delete is refused and nothing is written. */
  outbox = test_count (store, "sync_outbox");
  g_assert_null (mreza_institution_delete (store, inst->id, &error));
  g_assert_error (error, MREZA_STORE_ERROR, MREZA_STORE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_cmpint (test_count (store, "sync_outbox"), ==, outbox);
  g_assert_true (mreza_team_member_remove (store, team, inst->id, &error));
  snapshot = mreza_institution_delete (store, inst->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (snapshot->name, ==, "Dom zdravlja Šabac");
  g_assert_cmpint (test_count (store, "institution"), ==, institutions);
}

static MrezaProject *
make_project (MrezaStore *store)
{
  MrezaProject *project = mreza_project_new ();
  g_autofree char *a = query_text (store, "SELECT id FROM institution ORDER BY name LIMIT 1");
  g_autofree char *b = query_text (store, "SELECT id FROM institution ORDER BY name LIMIT 1 OFFSET 1");

  project->title = g_strdup ("Podrška žrtvama u Šapcu");
  project->status = g_strdup ("ongoing");
  project->start_date = g_strdup ("2018-03-01");
  project->end_date = g_strdup ("2019-02-28");
  project->amount = g_strdup ("1.250.000,50");
  project->currency = g_strdup ("RSD");
  project->beneficiaries_count = g_strdup ("27");
  mreza_project_add_partner (project, a, "lead");
  mreza_project_add_partner (project, b, "donor");
  return project;
}

static void
assert_project_refused (MrezaStore        *store,
                        MrezaProject      *project,
                        MrezaProjectField  field,
                        const char        *words)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = mreza_project_check (project, field);
  gint64 projects = test_count (store, "project");
  gint64 outbox = test_count (store, "sync_outbox");

  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem, words));
  g_assert_false (mreza_project_save (store, project, &error));
  g_assert_error (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_VALUE);
  g_assert_cmpint (test_count (store, "project"), ==, projects);
  g_assert_cmpint (test_count (store, "sync_outbox"), ==, outbox);
}

static void
test_project_invalid (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(MrezaStore) store = test_open_demo (dir);
  g_autoptr(MrezaProject) project = make_project (store);
  MrezaProjectPartner *lead;

  g_assert_true (mreza_project_validate (project, NULL));

  g_free (project->start_date);
  project->start_date = g_strdup ("2018-02-30");
  assert_project_refused (store, project, MREZA_PROJECT_FIELD_START_DATE,
                          "does not exist");
  g_free (project->start_date);
  project->start_date = g_strdup ("2019-03-01");
  assert_project_refused (store, project, MREZA_PROJECT_FIELD_END_DATE,
                          "before it starts");
  g_free (project->start_date);
  project->start_date = g_strdup ("1. 3. 2018.");
  assert_project_refused (store, project, MREZA_PROJECT_FIELD_START_DATE,
                          "year-month-day");
  g_free (project->start_date);
  project->start_date = g_strdup ("2018-03-01");

  g_free (project->amount);
  project->amount = g_strdup ("dvesta hiljada");
  assert_project_refused (store, project, MREZA_PROJECT_FIELD_AMOUNT,
                          "number");
  g_free (project->amount);
  project->amount = g_strdup ("12,345");
  assert_project_refused (store, project, MREZA_PROJECT_FIELD_AMOUNT,
                          "number");
  g_free (project->amount);
  project->amount = g_strdup ("4500.5");

  g_free (project->beneficiaries_count);
  project->beneficiaries_count = g_strdup ("-3");
  assert_project_refused (store, project,
                          MREZA_PROJECT_FIELD_BENEFICIARIES_COUNT, "negative");
  g_free (project->beneficiaries_count);
  project->beneficiaries_count = g_strdup ("27");

  g_free (project->title);
  project->title = g_strdup ("");
  assert_project_refused (store, project, MREZA_PROJECT_FIELD_TITLE, "title");
  g_free (project->title);
  project->title = g_strdup ("Podrška");

  lead = g_ptr_array_index (project->partners, 0);
  mreza_project_add_partner (project, lead->institution_id, "lead");
  assert_project_refused (store, project, MREZA_PROJECT_FIELD_PARTNERS,
                          "twice");
}

static void
test_amounts (void)
{
  gint64 minor = 0;

  g_assert_true (mreza_project_parse_amount ("102000", &minor));
  g_assert_cmpint (minor, ==, 10200000);
  g_assert_true (mreza_project_parse_amount ("102.000", &minor));
  g_assert_cmpint (minor, ==, 10200000);
  g_assert_true (mreza_project_parse_amount ("4500,5", &minor));
  g_assert_cmpint (minor, ==, 450050);
  g_assert_true (mreza_project_parse_amount ("4500.50", &minor));
  g_assert_cmpint (minor, ==, 450050);
  g_assert_true (mreza_project_parse_amount ("1.250.000,05", &minor));
  g_assert_cmpint (minor, ==, 125000005);
  g_assert_true (mreza_project_parse_amount ("1 250 000", &minor));
  g_assert_cmpint (minor, ==, 125000000);
  g_assert_false (mreza_project_parse_amount ("-5", NULL));
  g_assert_false (mreza_project_parse_amount ("5 EUR", NULL));
  g_assert_false (mreza_project_parse_amount ("", NULL));
  g_assert_false (mreza_project_parse_amount ("1,2,3", NULL));
}

static void
test_project_save_delete (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(MrezaStore) store = test_open_demo (dir);
  g_autoptr(MrezaProject) project = make_project (store);
  g_autoptr(MrezaProject) loaded = NULL;
  g_autoptr(MrezaProject) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *restored = NULL;
  gint64 projects = test_count (store, "project");
  gint64 partners = test_count (store, "project_partner");
  gint64 outbox = test_count (store, "sync_outbox");

  g_assert_true (mreza_project_save (store, project, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_count (store, "project"), ==, projects + 1);
  g_assert_cmpint (test_count (store, "project_partner"), ==, partners + 2);
  g_assert_cmpint (test_count (store, "sync_outbox"), ==, outbox + 3);

  loaded = mreza_project_load (mreza_store_get_db (store), project->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->amount, ==, "1250000,50");
  g_assert_cmpstr (loaded->beneficiaries_count, ==, "27");
  g_assert_cmpuint (loaded->partners->len, ==, 2);

  /* An edit drops the donor: one update and one tombstone. */
  outbox = test_count (store, "sync_outbox");
  g_ptr_array_remove_index (loaded->partners, 1);
  g_free (loaded->status);
  loaded->status = g_strdup ("finished");
  g_clear_pointer (&loaded->amount, g_free);
  g_assert_true (mreza_project_save (store, loaded, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_count (store, "sync_outbox"), ==, outbox + 2);
  g_assert_cmpint (test_count (store, "project_partner"), ==, partners + 1);

  snapshot = mreza_project_delete (store, project->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_count (store, "project"), ==, projects);
  g_assert_cmpint (test_count (store, "project_partner"), ==, partners);
  g_assert_null (snapshot->amount);

  restored = mreza_project_restore (store, snapshot, &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_count (store, "project"), ==, projects + 1);
  g_assert_cmpint (test_count (store, "project_partner"), ==, partners + 1);
}

static void
test_team_directory (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(MrezaStore) store = test_open_demo (dir);
  g_autofree char *team = first_team (store);
  g_autoptr(MrezaTeamDirectory) directory = NULL;
  g_autoptr(GPtrArray) others = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  const MrezaContact *first;

  directory = mreza_team_directory_load (mreza_store_get_db (store), team,
                                         &error);
  g_assert_no_error (error);
  g_assert_cmpuint (directory->members->len, >, 0);
  g_assert_cmpuint (directory->contacts->len, >, 0);
  first = g_ptr_array_index (directory->contacts, 0);
  g_assert_true (first->secretary);

  others = mreza_directory_list_institutions (mreza_store_get_db (store), team,
                                              &error);
  all = mreza_directory_list_institutions (mreza_store_get_db (store), NULL,
                                           &error);
  g_assert_no_error (error);
  g_assert_cmpuint (others->len + directory->members->len, ==, all->len);

  g_assert_null (mreza_team_directory_load (mreza_store_get_db (store),
                                            "00000000-0000-4000-8000-000000000000",
                                            &error));
  g_assert_error (error, MREZA_STORE_ERROR, MREZA_STORE_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/directory/contact/invalid", test_contact_invalid);
  g_test_add_func ("/directory/contact/save-delete", test_contact_save_delete);
  g_test_add_func ("/directory/contact/secretary", test_secretary);
  g_test_add_func ("/directory/institution", test_institution);
  g_test_add_func ("/directory/project/amounts", test_amounts);
  g_test_add_func ("/directory/project/invalid", test_project_invalid);
  g_test_add_func ("/directory/project/save-delete", test_project_save_delete);
  g_test_add_func ("/directory/team", test_team_directory);

  return g_test_run ();
}
