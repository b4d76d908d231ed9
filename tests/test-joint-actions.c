/* test-joint-actions.c: creating, editing, deleting and restoring a
 * joint action
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On a fresh replica of the demo data: a save writes the row and its
 * links in one captured transaction, an invalid action writes nothing,
 * a failing link rolls the whole save back, and a delete can be undone.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "mreza-joint-actions.h"
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

static gint64
count_where (MrezaStore *store,
             const char *table,
             const char *column,
             const char *id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE %s = '%s'",
                                          table, column, id);

  return test_query_int (store, sql);
}

/* A training of the first team with two institutions and an indicator
 * of the demo data. */
static MrezaJointAction *
make_action (MrezaStore *store)
{
  MrezaJointAction *action = mreza_joint_action_new ();

  action->date = g_strdup ("2019-05-14");
  action->kind = g_strdup ("training");
  action->title = g_strdup ("Obuka o identifikaciji žrtava");
  action->place = g_strdup ("Šabac");
  action->team_id = query_text (store, "SELECT id FROM team ORDER BY name LIMIT 1");
  action->activity_id = query_text (store, "SELECT id FROM activity LIMIT 1");
  g_ptr_array_add (action->institution_ids,
                   query_text (store, "SELECT id FROM institution ORDER BY name LIMIT 1"));
  g_ptr_array_add (action->institution_ids,
                   query_text (store, "SELECT id FROM institution ORDER BY name LIMIT 1 OFFSET 1"));
  g_ptr_array_add (action->indicator_ids,
                   query_text (store, "SELECT id FROM indicator LIMIT 1"));
  action->women = 12;
  action->men = 7;
  action->girls = 3;
  action->boys = 2;
  action->note = g_strdup ("Potpisna lista u arhivi tima.");

  return action;
}

static void
test_save (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(MrezaStore) store = test_open_demo (dir);
  g_autoptr(MrezaJointAction) action = make_action (store);
  g_autoptr(MrezaJointAction) loaded = NULL;
  g_autoptr(GError) error = NULL;
  gint64 actions = test_count (store, "joint_action");
  gint64 outbox = test_count (store, "sync_outbox");

  g_assert_true (mreza_joint_action_save (store, action, &error));
  g_assert_no_error (error);
  g_assert_true (mreza_is_uuid (action->id));

  g_assert_cmpint (test_count (store, "joint_action"), ==, actions + 1);
  g_assert_cmpint (count_where (store, "joint_action_institution",
                                "joint_action_id", action->id), ==, 2);
  g_assert_cmpint (count_where (store, "joint_action_indicator",
                                "joint_action_id", action->id), ==, 1);
  /* The row and its three links, captured for sync. */
  g_assert_cmpint (test_count (store, "sync_outbox"), ==, outbox + 4);

  loaded = mreza_joint_action_load (mreza_store_get_db (store), action->id,
                                    &error);
  g_assert_no_error (error);
  g_assert_true (mreza_joint_action_equal (action, loaded));
  g_assert_cmpstr (loaded->id, ==, action->id);

  /* An edit drops one institution: one update and one tombstone, the
   * link that stays is not rewritten. */
  outbox = test_count (store, "sync_outbox");
  g_ptr_array_remove_index (loaded->institution_ids, 1);
  loaded->men = 8;
  g_assert_true (mreza_joint_action_save (store, loaded, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_count (store, "sync_outbox"), ==, outbox + 2);
  g_assert_cmpint (test_count (store, "joint_action"), ==, actions + 1);
  g_assert_cmpint (count_where (store, "joint_action_institution",
                                "joint_action_id", action->id), ==, 1);
}

static void
test_invalid (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(MrezaStore) store = test_open_demo (dir);
  g_autoptr(MrezaJointAction) action = make_action (store);
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;
  gint64 actions = test_count (store, "joint_action");
  gint64 outbox = test_count (store, "sync_outbox");

  g_free (action->date);
  action->date = g_strdup ("2018-02-30");
  problem = mreza_joint_action_check (action, MREZA_JOINT_ACTION_FIELD_DATE);
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem, "2018-02-30"));

  g_assert_false (mreza_joint_action_save (store, action, &error));
  g_assert_error (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_VALUE);
  g_assert_null (action->id);
  g_assert_cmpint (test_count (store, "joint_action"), ==, actions);
  g_assert_cmpint (test_count (store, "sync_outbox"), ==, outbox);

  /* The other checks, one field at a time. */
  g_free (action->date);
  action->date = g_strdup ("2018-02-28");
  g_assert_true (mreza_joint_action_validate (action, NULL));
  action->girls = -1;
  g_assert_false (mreza_joint_action_validate (action, NULL));
  action->girls = MREZA_JOINT_ACTION_MAX_COUNT + 1;
  g_assert_false (mreza_joint_action_validate (action, NULL));
  action->girls = 0;
  g_free (action->title);
  action->title = g_strdup ("  ");
  g_assert_false (mreza_joint_action_validate (action, NULL));
  g_free (action->title);
  action->title = g_strdup ("Kampanja");
  g_free (action->kind);
  action->kind = g_strdup ("party");
  g_assert_false (mreza_joint_action_validate (action, NULL));
  g_free (action->kind);
  action->kind = g_strdup ("campaign");
  g_free (action->date);
  action->date = g_strdup ("14.5.2019.");
  g_assert_false (mreza_joint_action_validate (action, NULL));
}

static void
test_one_transaction (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(MrezaStore) store = test_open_demo (dir);
  g_autoptr(MrezaJointAction) action = make_action (store);
  g_autoptr(GError) error = NULL;
  gint64 actions = test_count (store, "joint_action");
  gint64 links = test_count (store, "joint_action_institution");
  gint64 outbox = test_count (store, "sync_outbox");

  /* The row and the first link insert; the second names no
   * institution, and foreign keys refuse it. */
  g_ptr_array_add (action->institution_ids,
                   g_strdup ("00000000-0000-4000-8000-000000000000"));
  g_assert_false (mreza_joint_action_save (store, action, &error));
  g_assert_error (error, MREZA_STORE_ERROR, MREZA_STORE_ERROR_FAILED);
  g_assert_null (action->id);

  g_assert_cmpint (test_count (store, "joint_action"), ==, actions);
  g_assert_cmpint (test_count (store, "joint_action_institution"), ==, links);
  g_assert_cmpint (test_count (store, "sync_outbox"), ==, outbox);
  g_assert_true (sqlite3_get_autocommit (mreza_store_get_db (store)));
}

static void
test_delete_restore (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(MrezaStore) store = test_open_demo (dir);
  g_autoptr(MrezaJointAction) action = make_action (store);
  g_autoptr(MrezaJointAction) snapshot = NULL;
  g_autoptr(MrezaJointAction) restored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *new_id = NULL;
  gint64 actions;

  g_assert_true (mreza_joint_action_save (store, action, &error));
  actions = test_count (store, "joint_action");

  snapshot = mreza_joint_action_delete (store, action->id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (snapshot);
  g_assert_cmpint (test_count (store, "joint_action"), ==, actions - 1);
  g_assert_cmpint (count_where (store, "joint_action_institution",
                                "joint_action_id", action->id), ==, 0);
  g_assert_cmpint (count_where (store, "joint_action_indicator",
                                "joint_action_id", action->id), ==, 0);
  g_assert_cmpint (count_where (store, "sync_tombstone", "row_id",
                                action->id), ==, 1);

  new_id = mreza_joint_action_restore (store, snapshot, &error);
  g_assert_no_error (error);
  g_assert_nonnull (new_id);
  g_assert_cmpint (test_count (store, "joint_action"), ==, actions);

  restored = mreza_joint_action_load (mreza_store_get_db (store), new_id,
                                      &error);
  g_assert_no_error (error);
  g_assert_true (mreza_joint_action_equal (restored, action));
  g_assert_cmpuint (restored->institution_ids->len, ==, 2);
  g_assert_cmpuint (restored->indicator_ids->len, ==, 1);

  /* Deleting what is gone says so. */
  g_clear_pointer (&snapshot, mreza_joint_action_free);
  snapshot = mreza_joint_action_delete (store, action->id, &error);
  g_assert_null (snapshot);
  g_assert_error (error, MREZA_STORE_ERROR, MREZA_STORE_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/joint-actions/save", test_save);
  g_test_add_func ("/joint-actions/invalid", test_invalid);
  g_test_add_func ("/joint-actions/one-transaction", test_one_transaction);
  g_test_add_func ("/joint-actions/delete-restore", test_delete_restore);

  return g_test_run ();
}
