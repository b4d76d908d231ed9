/* test-peers.c: keeping what the coordinator tells of teams and devices
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A valid answer replaces what the replica knew; every malformed or
 * hostile one is refused whole and changes nothing.
 */
#include "config.h"

#include <locale.h>

#include "mreza-peers.h"
#include "mreza-sync.h"
#include "mreza-test-utils.h"

#define TEAM "86b81978-b38d-5054-a4cb-ad9105414d30"
#define DEVICE "1b4e28ba-2fa1-4d2c-8c3a-0e2a6b9b5f11"

static const char good[] =
  "{\"teams\":[{\"team\":\"" TEAM "\",\"name\":\"Lokalni tim Niš\","
  "\"synced_at\":\"2026-11-23T10:15:00.000Z\",\"pending\":3,\"devices\":2}],"
  "\"devices\":[{\"device\":\"" DEVICE "\",\"name\":\"Laptop CSR Niš\","
  "\"team\":\"" TEAM "\"}]}";

static void
test_save (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(MrezaStore) store = test_open_store (dir, "r.db");
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *team = NULL;

  g_assert_true (mreza_peers_save (mreza_store_get_db (store), good,
                                   strlen (good), &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_query_int (store, "SELECT pending FROM sync_peer_team"),
                   ==, 3);
  name = mreza_peers_dup_device_name (store, DEVICE);
  team = mreza_peers_dup_device_team (store, DEVICE);
  g_assert_cmpstr (name, ==, "Laptop CSR Niš");
  g_assert_cmpstr (team, ==, "Lokalni tim Niš");

  /* A later answer replaces the earlier one whole. */
  g_assert_true (mreza_peers_save (mreza_store_get_db (store),
                                   "{\"teams\":[],\"devices\":[]}",
                                   strlen ("{\"teams\":[],\"devices\":[]}"),
                                   &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_count (store, "sync_peer_team"), ==, 0);
  g_assert_cmpint (test_count (store, "sync_peer_device"), ==, 0);
}

static void
test_bad (void)
{
  static const char * const bad[] = {
    "",
    "not json",
    "[]",
    "{\"teams\":{},\"devices\":[]}",
    "{\"teams\":[]}",
    "{\"teams\":[1],\"devices\":[]}",
    "{\"teams\":[{\"team\":\"x\",\"name\":\"a\",\"devices\":1}],\"devices\":[]}",
    "{\"teams\":[{\"team\":\"" TEAM "\",\"name\":7,\"devices\":1}],"
    "\"devices\":[]}",
    "{\"teams\":[{\"team\":\"" TEAM "\",\"name\":\"a\",\"devices\":\"1\"}],"
    "\"devices\":[]}",
    "{\"teams\":[{\"team\":\"" TEAM "\",\"name\":\"a\",\"pending\":1.5,"
    "\"devices\":1}],\"devices\":[]}",
    "{\"teams\":[],\"devices\":[{\"device\":\"" DEVICE "\",\"name\":null,"
    "\"team\":\"" TEAM "\"}]}",
    "{\"teams\":[],\"devices\":[{\"device\":\"" DEVICE "\",\"name\":\"a\","
    "\"team\":\"Niš\"}]}",
  };
  g_autofree char *dir = test_make_dir ();
  g_autoptr(MrezaStore) store = test_open_store (dir, "r.db");
  g_autoptr(GString) deep = g_string_new (NULL);

  g_assert_true (mreza_peers_save (mreza_store_get_db (store), good,
                                   strlen (good), NULL));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (mreza_peers_save (mreza_store_get_db (store), bad[i],
                                        strlen (bad[i]), &error));
      g_assert_error (error, MREZA_SYNC_ERROR, MREZA_SYNC_ERROR_BAD_RESPONSE);
    }

  /* Nested far beyond any answer: refused before json-glib parses it. */
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  g_assert_false (mreza_peers_save (mreza_store_get_db (store), deep->str,
                                    deep->len, NULL));

  /* What was known stays. */
  g_assert_cmpint (test_count (store, "sync_peer_team"), ==, 1);
  g_assert_cmpint (test_count (store, "sync_peer_device"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/peers/save", test_save);
  g_test_add_func ("/peers/bad", test_bad);

  return g_test_run ();
}
