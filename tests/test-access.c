/* test-access.c: what a device may write, as the app asks before it
 * offers an edit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "mreza-access.h"
#include "mreza-schema.h"
#include "mreza-test-utils.h"

#define TEAM_A "0b6f1b7e-3b0e-4a4c-9c57-5d7c2a0a0001"
#define TEAM_B "0b6f1b7e-3b0e-4a4c-9c57-5d7c2a0a0002"

static void
test_local_writes_everything (void)
{
  g_autoptr(MrezaAccess) access = mreza_access_new_local ();
  guint n_tables = 0;
  const MrezaTableInfo *tables = mreza_schema_tables (&n_tables);

  g_assert_true (mreza_access_can_edit_plan (access));
  for (guint i = 0; i < n_tables; i++)
    {
      g_assert_true (mreza_access_can_write (access, tables[i].name, NULL));
      g_assert_true (mreza_access_can_write (access, tables[i].name, TEAM_B));
    }
  g_assert_nonnull (mreza_access_why_not (access, "no_such_table", NULL));
}

static void
test_coordinator_writes_everything (void)
{
  g_autoptr(MrezaAccess) access = mreza_access_new (TRUE, TEAM_A, "Niš");
  guint n_tables = 0;
  const MrezaTableInfo *tables = mreza_schema_tables (&n_tables);

  g_assert_true (mreza_access_can_edit_plan (access));
  for (guint i = 0; i < n_tables; i++)
    g_assert_true (mreza_access_can_write (access, tables[i].name, TEAM_B));
}

static void
test_member_writes_own_team (void)
{
  g_autoptr(MrezaAccess) access = mreza_access_new (FALSE, TEAM_A, "Niš");
  guint n_tables = 0;
  const MrezaTableInfo *tables = mreza_schema_tables (&n_tables);
  guint n_global = 0, n_team = 0;

  g_assert_false (mreza_access_can_edit_plan (access));
  for (guint i = 0; i < n_tables; i++)
    {
      const char *name = tables[i].name;

      if (tables[i].scope == MREZA_SCOPE_GLOBAL)
        {
          n_global++;
          g_assert_false (mreza_access_can_write (access, name, TEAM_A));
          g_assert_nonnull (mreza_access_why_not (access, name, NULL));
        }
      else
        {
          n_team++;
          g_assert_true (mreza_access_can_write (access, name, TEAM_A));
          g_assert_false (mreza_access_can_write (access, name, TEAM_B));
          g_assert_false (mreza_access_can_write (access, name, NULL));
        }
    }
  /* The plan and the team's own rows both exist in the schema. */
  g_assert_cmpuint (n_global, >, 0);
  g_assert_cmpuint (n_team, >, 0);
  g_assert_false (mreza_access_can_write (access, "task", NULL));
  g_assert_true (mreza_access_can_write (access, "joint_action", TEAM_A));
  g_assert_true (mreza_access_can_write (access, "indicator_value", TEAM_A));
}

static void
test_load_from_replica (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(MrezaStore) store = test_open_store (dir, "r.db");
  g_autoptr(MrezaAccess) local = mreza_access_load (store);
  sqlite3 *db = mreza_store_get_db (store);
  g_autoptr(MrezaAccess) member = NULL;

  g_assert_false (local->joined);
  g_assert_true (mreza_access_can_edit_plan (local));

  /* What a join leaves in sync_state. */
  g_assert_cmpint (sqlite3_exec (db,
    "INSERT OR REPLACE INTO sync_state (key, value) VALUES"
    " ('url', 'https://127.0.0.1:1'), ('device', 'd'),"
    " ('team', '" TEAM_A "'), ('team_name', 'Niš'), ('role', 'member')",
    NULL, NULL, NULL), ==, SQLITE_OK);
  member = mreza_access_load (store);
  g_assert_true (member->joined);
  g_assert_false (member->coordinator);
  g_assert_cmpstr (member->team_id, ==, TEAM_A);
  g_assert_cmpstr (member->team_name, ==, "Niš");
  g_assert_false (mreza_access_can_edit_plan (member));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/access/local", test_local_writes_everything);
  g_test_add_func ("/access/coordinator", test_coordinator_writes_everything);
  g_test_add_func ("/access/member", test_member_writes_own_team);
  g_test_add_func ("/access/load", test_load_from_replica);

  return g_test_run ();
}
