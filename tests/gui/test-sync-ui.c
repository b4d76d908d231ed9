/* test-sync-ui.c: the app's sync: status, joining, conflicts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real window on a replica of the demo data, with the real
 * coordinator on 127.0.0.1 (tests/server's fixture). The join dialog
 * refuses what it cannot send, then joins by a fingerprint the "person"
 * confirms; the status widget follows the client from not joined
 * through syncing to up to date, and to needs attention when the device
 * is revoked; the conflicts view lists a conflict and "Use the Other
 * Value" writes it. Writes join-dialog.png, conflicts.png and
 * sync-status.png in the build folder.
 *
 * No secret service runs here (the session bus is pointed nowhere), so
 * the app keeps the device key in its 0600 file, and says so.
 */
#define G_LOG_DOMAIN "test-sync-ui"

#include "config.h"

#include "mreza-join-dialog.h"
#include "mreza-store-private.h"
#include "mreza-sync.h"
#include "server/server-fixture.h"

#include <sys/stat.h>

#define WAIT_SECONDS 30

#include "gui-test-app.h"
#include "gui-test-shot.h"

static ServerFixture server;
static GPtrArray *titles;

static MrezaJoinDialog *
find_join_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (MREZA_IS_JOIN_DIALOG (toplevel) &&
          gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return MREZA_JOIN_DIALOG (toplevel);
    }

  return NULL;
}

static const char *
status_title (void)
{
  return mreza_sync_status_get_title (window->sync_status);
}

static MrezaSyncState
client_state (void)
{
  return mreza_sync_client_get_state (window->sync_client);
}

/* What the status widget said at each change of the client's state;
 * connected after the widget's own handler, so it reads the new text. */
static void
record_title_cb (MrezaSyncClient *client)
{
  g_ptr_array_add (titles, g_strdup (status_title ()));
}

static gboolean
titles_have (const char *title)
{
  for (guint i = 0; i < titles->len; i++)
    if (g_strcmp0 (titles->pdata[i], title) == 0)
      return TRUE;
  return FALSE;
}

static void
test_join_validates (void)
{
  MrezaJoinDialog *dialog;

  g_assert_cmpstr (status_title (), ==, "Not Joined");
  g_assert_cmpstr (mreza_sync_status_get_icon_name (window->sync_status), ==,
                   "network-workgroup-symbolic");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.join", NULL);
  WAIT_FOR ((dialog = find_join_dialog ()) != NULL);
  g_assert_null (mreza_join_dialog_get_error (dialog));

  mreza_join_dialog_set_fields (dialog, "", "");
  mreza_join_dialog_submit (dialog);
  g_assert_nonnull (strstr (mreza_join_dialog_get_error (dialog), "address"));

  mreza_join_dialog_set_fields (dialog, "http://127.0.0.1:8443", "ABCD-1234");
  g_assert_null (mreza_join_dialog_get_error (dialog));
  mreza_join_dialog_submit (dialog);
  g_assert_nonnull (strstr (mreza_join_dialog_get_error (dialog), "https://"));

  mreza_join_dialog_set_fields (dialog, server.url, "");
  mreza_join_dialog_submit (dialog);
  g_assert_nonnull (strstr (mreza_join_dialog_get_error (dialog),
                            "enrollment code"));
  /* Nothing was fetched or sent. */
  g_assert_false (mreza_join_dialog_is_busy (dialog));
  g_assert_null (mreza_join_dialog_get_fingerprint (dialog));
  g_assert_false (mreza_sync_is_joined (store));

  gtk_window_close (GTK_WINDOW (dialog));
  WAIT_FOR (find_join_dialog () == NULL);
}

static void
test_join (void)
{
  g_autofree char *code = server_new_code (&server, "Lokalni tim Niš",
                                           "coordinator");
  g_autofree char *token_file = g_strconcat (replica, ".token", NULL);
  MrezaJoinDialog *dialog;
  GStatBuf st;

  g_signal_connect_swapped (window->sync_client, "notify::state",
                            G_CALLBACK (record_title_cb), NULL);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.join", NULL);
  WAIT_FOR ((dialog = find_join_dialog ()) != NULL);
  mreza_join_dialog_set_fields (dialog, server.url, code);

  /* The first Join fetches the certificate and asks to compare it. */
  mreza_join_dialog_submit (dialog);
  WAIT_FOR (!mreza_join_dialog_is_busy (dialog));
  g_assert_nonnull (mreza_join_dialog_get_fingerprint (dialog));
  g_assert_null (mreza_join_dialog_get_error (dialog));
  g_assert_false (mreza_sync_is_joined (store));

  /* Unconfirmed, it still does not join. */
  mreza_join_dialog_submit (dialog);
  g_assert_nonnull (mreza_join_dialog_get_error (dialog));
  g_assert_false (mreza_join_dialog_is_busy (dialog));

  mreza_join_dialog_confirm (dialog);
  g_assert_null (mreza_join_dialog_get_error (dialog));
  settle (300);
  save_png (GTK_WIDGET (dialog), "join-dialog.png");

  mreza_join_dialog_submit (dialog);
  WAIT_FOR (find_join_dialog () == NULL);
  g_assert_true (mreza_sync_is_joined (store));

  /* The key: in a file only its owner reads, since no keyring runs. */
  WAIT_FOR (g_file_test (token_file, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_stat (token_file, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (window->token_in_file);

  WAIT_FOR (client_state () == MREZA_SYNC_STATE_UP_TO_DATE);
  g_assert_true (titles_have ("Syncing…"));
  /* The key arrives right after the join: no failed sync before it. */
  g_assert_false (titles_have ("Needs Attention"));
  g_assert_cmpstr (status_title (), ==, "Up to Date");
  g_assert_cmpstr (mreza_sync_status_get_detail (window->sync_status), ==,
                   "Last synced just now");
  g_assert_cmpint (mreza_sync_client_get_pending (window->sync_client), ==, 0);
}

static void
exec (const char *sql)
{
  g_autoptr(GError) error = NULL;

  _mreza_sql_exec (mreza_store_get_db (store), sql, &error);
  g_assert_no_error (error);
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Two conflicts as sync leaves them: another device's values lost to
 * this one's on a task's progress note and on a project's summary. */
static char *
add_conflicts (void)
{
  g_autofree char *task = query_text ("SELECT id FROM task ORDER BY rowid"
                                      " LIMIT 1");
  g_autofree char *project = query_text ("SELECT id FROM project ORDER BY"
                                         " rowid LIMIT 1");
  g_autofree char *device = mreza_sync_dup_state (store, "device");
  g_autofree char *sql = NULL;
  gint64 ms = g_get_real_time () / 1000;

  sql = g_strdup_printf (
    "UPDATE task SET progress_note = 'Sastanak održan 12. marta u Nišu.'"
    " WHERE id = '%s';"
    "INSERT INTO sync_conflict (tbl, row_id, col, kept_value, kept_hlc,"
    " lost_value, lost_hlc, detected_at) VALUES"
    " ('task', '%s', 'progress_note', 'Sastanak održan 12. marta u Nišu.',"
    "  '%013" G_GINT64_FORMAT "-00001-%s',"
    "  'Sastanak odložen za april, čeka se odgovor policije.',"
    "  '%013" G_GINT64_FORMAT "-00000-7f3c9a1e-52b4-4c1d-9e0a-3b8f6d2c1a90',"
    "  '2026-03-12T10:00:00.000Z'),"
    " ('project', '%s', 'summary', NULL, '%013" G_GINT64_FORMAT "-00002-%s',"
    "  'Obuka za 40 stručnjaka iz centara za socijalni rad.',"
    "  '%013" G_GINT64_FORMAT "-00000-7f3c9a1e-52b4-4c1d-9e0a-3b8f6d2c1a90',"
    "  '2026-03-12T09:00:00.000Z')",
    task, task, ms - 60000, device, ms - 3600000, project, ms - 120000,
    device, ms - 7200000);
  exec (sql);

  return g_steal_pointer (&task);
}

static void
test_conflicts (void)
{
  g_autofree char *task = add_conflicts ();
  g_autofree char *sql = NULL;
  g_autofree char *note = NULL;
  g_autofree char *resolved = NULL;
  MrezaConflictsPage *page = window->conflicts_page;
  GtkListBoxRow *row;
  GtkWidget *button;
  gint64 pending;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-conflicts", NULL);
  g_assert_cmpstr (mreza_window_get_view (window), ==, "conflicts");
  mreza_sync_client_refresh (window->sync_client);
  mreza_conflicts_page_reload (page);
  g_assert_cmpuint (mreza_conflicts_page_get_n_open (page), ==, 2);
  g_assert_cmpint (mreza_sync_client_get_conflicts (window->sync_client), ==, 2);
  settle (500);
  save_png (GTK_WIDGET (window), "conflicts.png");

  /* The newest first: the task's note. One click uses the other value. */
  row = gtk_list_box_get_row_at_index (mreza_conflicts_page_get_list (page), 0);
  g_assert_nonnull (row);
  button = find_named (GTK_WIDGET (row), "use-other");
  g_assert_nonnull (button);
  pending = mreza_sync_count_pending (store);
  g_signal_emit_by_name (button, "clicked");

  sql = g_strdup_printf ("SELECT progress_note FROM task WHERE id = '%s'", task);
  note = query_text (sql);
  g_assert_cmpstr (note, ==,
                   "Sastanak odložen za april, čeka se odgovor policije.");
  resolved = query_text ("SELECT resolved_at FROM sync_conflict"
                         " WHERE tbl = 'task'");
  g_assert_nonnull (resolved);
  g_assert_cmpuint (mreza_conflicts_page_get_n_open (page), ==, 1);
  /* An edit like any other: it waits in the outbox, then syncs. */
  g_assert_cmpint (mreza_sync_count_pending (store), ==, pending + 1);
  WAIT_FOR (mreza_sync_client_get_pending (window->sync_client) == 0 &&
            client_state () == MREZA_SYNC_STATE_UP_TO_DATE);

  /* "Keep This" on the last one empties the list. */
  row = gtk_list_box_get_row_at_index (mreza_conflicts_page_get_list (page), 0);
  g_signal_emit_by_name (find_named (GTK_WIDGET (row), "keep"), "clicked");
  g_assert_cmpuint (mreza_conflicts_page_get_n_open (page), ==, 0);
  g_assert_cmpint (mreza_sync_client_get_conflicts (window->sync_client), ==, 0);
  g_assert_cmpint (mreza_sync_count_pending (store), ==, 0);
}

/* The Conflicts page shows a change the coordinator refused, and its
 * Undo puts the record back as the coordinator has it. The refusal
 * itself is core's and covered against the real coordinator by
 * test-sync-e2e (/sync-e2e/undo-refused); this device joined as a
 * coordinator, which may write every row, so the test marks its own
 * fresh change as refused, as a 403 would have, with sync stopped. */
static void
test_undo_refused (void)
{
  MrezaConflictsPage *page = window->conflicts_page;
  g_autofree char *risk = query_text ("SELECT id FROM risk ORDER BY id"
                                      " LIMIT 1");
  g_autofree char *text = query_text ("SELECT text FROM risk ORDER BY id"
                                      " LIMIT 1");
  g_autofree char *sql = NULL;
  g_autofree char *back = NULL;
  GtkWidget *button;

  WAIT_FOR (client_state () == MREZA_SYNC_STATE_UP_TO_DATE);
  mreza_sync_client_stop (window->sync_client);
  sql = g_strdup_printf ("UPDATE risk SET text = 'Lokalno izmenjen rizik'"
                         " WHERE id = '%s';"
                         "INSERT OR REPLACE INTO sync_state (key, value)"
                         " SELECT 'refused', max (seq) FROM sync_outbox;"
                         "INSERT OR REPLACE INTO sync_state (key, value)"
                         " VALUES ('refused_reason', 'The coordinator refused"
                         " (403): only a coordinator device may change the"
                         " national plan and directory (table “risk”)')",
                         risk);
  exec (sql);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-conflicts", NULL);
  mreza_conflicts_page_refresh_refused (page);
  g_assert_true (mreza_conflicts_page_has_refused (page));
  settle (500);
  save_png (GTK_WIDGET (window), "conflicts-refused.png");

  button = find_named (GTK_WIDGET (page), "undo-refused");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  WAIT_FOR (!mreza_conflicts_page_has_refused (page));

  g_free (sql);
  sql = g_strdup_printf ("SELECT text FROM risk WHERE id = '%s'", risk);
  back = query_text (sql);
  g_assert_cmpstr (back, ==, text);
  g_assert_null (mreza_sync_dup_refused (store));
  g_assert_cmpint (mreza_sync_count_pending (store), ==, 0);
  mreza_sync_client_start (window->sync_client);
}

static void
test_revoked (void)
{
  g_autofree char *device = mreza_sync_dup_state (store, "device");
  g_autofree char *out = NULL;
  GtkPopover *popover;
  int status;

  out = server_cli (&server, &status, NULL, "revoke", device, NULL);
  g_assert_cmpint (status, ==, 0);

  exec ("UPDATE project SET summary = 'Izmenjeno posle opoziva.'"
        " WHERE rowid = (SELECT min (rowid) FROM project)");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sync-now", NULL);
  /* Under load a first attempt may fail otherwise (a busy coordinator)
   * and be retried by the client: wait for the revocation itself. */
  WAIT_FOR (client_state () == MREZA_SYNC_STATE_NEEDS_ATTENTION &&
            strstr (mreza_sync_client_get_message (window->sync_client),
                    "revoked") != NULL);
  g_assert_cmpstr (status_title (), ==, "Needs Attention");
  g_assert_cmpstr (mreza_sync_status_get_icon_name (window->sync_status), ==,
                   "dialog-warning-symbolic");
  g_test_message ("message: %s",
                  mreza_sync_client_get_message (window->sync_client));
  g_assert_nonnull (strstr (mreza_sync_client_get_message (window->sync_client),
                            "revoked"));
  g_assert_cmpint (mreza_sync_count_pending (store), ==, 1);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "plan");
  popover = gtk_menu_button_get_popover (mreza_sync_status_get_button (window->sync_status));
  gtk_popover_popup (popover);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (popover)));
  settle (400);
  save_png (GTK_WIDGET (popover), "sync-status.png");
  gtk_popover_popdown (popover);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *team = NULL;
  MrezaSyncClient *client;
  int ret;

  /* No session bus, hence no secret service: and no autolaunched one. */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/mreza-test", TRUE);

  setup_gui (&argc, &argv);

  server_fixture_setup (&server, NULL);
  team = server_add_team (&server, "Lokalni tim Niš");

  open_demo_replica ();
  open_main_window ("plan");
  g_assert_nonnull (window->sync_client);
  settle (300);

  titles = g_ptr_array_new_with_free_func (g_free);
  g_test_add_func ("/ui/sync/join-validates", test_join_validates);
  g_test_add_func ("/ui/sync/join", test_join);
  g_test_add_func ("/ui/sync/conflicts", test_conflicts);
  g_test_add_func ("/ui/sync/undo-refused", test_undo_refused);
  g_test_add_func ("/ui/sync/revoked", test_revoked);

  ret = g_test_run ();

  /* The client may still hold a sync: let it end on this thread. */
  client = window->sync_client;
  g_object_add_weak_pointer (G_OBJECT (client), (gpointer *) &client);
  gtk_window_destroy (GTK_WINDOW (window));
  window = NULL;
  WAIT_FOR (client == NULL);
  tear_down_gui ();
  g_ptr_array_unref (titles);
  server_fixture_teardown (&server, NULL);

  return ret;
}
