/* mreza-cli.c: the headless client, for administrators, scripts, tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mreza-cli [--replica PATH] init | import PATH | join URL CODE [--ca FILE]
 *           [--pin SHA256] [--name NAME] | sync | status | dump | teams
 *           | report --year YEAR [--team NAME] --format pdf|xlsx|csv
 *             --output FILE
 *
 * Every command exits non-zero with a one-line message when it fails.
 */
#define G_LOG_DOMAIN "mreza-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "mreza-dump.h"
#include "mreza-import.h"
#include "mreza-report.h"
#include "mreza-store.h"
#include "mreza-sync.h"

static int
fail (const GError *error)
{
  g_printerr ("mreza-cli: %s\n", error->message);
  return EXIT_FAILURE;
}

static int
usage (void)
{
  g_printerr ("mreza-cli: usage: mreza-cli [--replica PATH] init | import PATH"
              " | join URL CODE [--ca FILE] [--pin SHA256] [--name NAME]"
              " | sync | status | undo-refused | dump | teams | report --year YEAR [--team NAME]"
              " --format pdf|xlsx|csv --output FILE\n");
  return 2;
}

static int
cmd_import (MrezaStore *store,
            int         argc,
            char      **argv)
{
  g_autoptr(GError) error = NULL;
  MrezaImportStats stats = { 0 };

  if (argc != 2)
    return usage ();
  if (!mreza_import_path (store, argv[1], &stats, &error))
    return fail (error);

  g_print (ngettext ("Imported %u record.\n", "Imported %u records.\n",
                     stats.n_records), stats.n_records);
  g_print (ngettext ("Read %u file.\n", "Read %u files.\n", stats.n_files),
           stats.n_files);
  return EXIT_SUCCESS;
}

static int
cmd_join (MrezaStore *store,
          int         argc,
          char      **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("URL CODE");
  g_autoptr(GError) error = NULL;
  g_autofree char *ca = NULL;
  g_autofree char *pin = NULL;
  g_autofree char *name = NULL;
  g_autofree char *team = NULL;
  g_autofree char *role = NULL;
  GOptionEntry entries[] = {
    { "ca", 0, 0, G_OPTION_ARG_FILENAME, &ca,
      N_("Trust this CA or certificate file"), "FILE" },
    { "pin", 0, 0, G_OPTION_ARG_STRING, &pin,
      N_("Accept the coordinator’s certificate with this SHA-256"), "HEX" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name,
      N_("How the coordinator lists this device"), "NAME" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail (error);
  if (argc != 3)
    return usage ();

  if (!mreza_sync_join (store, argv[1], argv[2], ca, pin, name, NULL, &error))
    return fail (error);

  team = mreza_sync_dup_state (store, "team_name");
  role = mreza_sync_dup_state (store, "role");
  g_print (_("Joined %s as a %s of %s.\n"), argv[1], role ? role : "?",
           team ? team : "?");
  return EXIT_SUCCESS;
}

static void
progress_cb (const MrezaSyncStats *stats,
             gpointer              user_data)
{
  g_autofree char *sent = g_strdup_printf ("%" G_GINT64_FORMAT,
                                           stats->pushed);
  g_autofree char *received = g_strdup_printf ("%" G_GINT64_FORMAT,
                                               stats->pulled);

  /* Translators: progress of a sync: changes sent and received. */
  g_printerr ("\r");
  g_printerr (_("Sent %s, received %s changes…"), sent, received);
}

static int
cmd_sync (MrezaStore *store)
{
  g_autoptr(GError) error = NULL;
  MrezaSyncStats stats = { 0 };
  gboolean tty = isatty (fileno (stderr));

  if (!mreza_sync_run (store, tty ? progress_cb : NULL, NULL, &stats, NULL,
                       &error))
    {
      if (tty)
        g_printerr ("\n");
      return fail (error);
    }

  if (tty)
    g_printerr ("\n");
  {
    g_autofree char *sent = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             stats.pushed);
    g_autofree char *received = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                 stats.pulled);
    g_autofree char *conflicts = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                  stats.conflicts);

    /* Translators: the summary of a sync; the numbers come as text. */
    g_print (_("Sent %s, received %s changes; new conflicts: %s.\n"), sent,
             received, conflicts);
  }
  return EXIT_SUCCESS;
}

/* "UUID<TAB>name" per local team: what `mreza-coordinator team add NAME
 * --id UUID` needs, so that the coordinator's teams are the replica's. */
static int
cmd_teams (MrezaStore *store)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (mreza_store_get_db (store),
                          "SELECT id, name FROM team ORDER BY name", -1,
                          &stmt, NULL) != SQLITE_OK)
    {
      g_printerr ("mreza-cli: %s\n",
                  sqlite3_errmsg (mreza_store_get_db (store)));
      return EXIT_FAILURE;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_print ("%s\t%s\n", sqlite3_column_text (stmt, 0),
             sqlite3_column_text (stmt, 1));
  sqlite3_finalize (stmt);

  return EXIT_SUCCESS;
}

static int
cmd_status (MrezaStore *store)
{
  static const struct { const char *key, *label; } keys[] = {
    { "url", N_("Coordinator") }, { "team_name", N_("Team") },
    { "role", N_("Role") }, { "device", N_("Device") },
    { "cursor", N_("Cursor") }, { "last_sync", N_("Last sync") },
    { "last_error", N_("Last error") },
  };
  g_autoptr(MrezaSyncRefused) refused = NULL;

  g_print ("%-14s %s\n", _("Replica"), mreza_store_get_path (store));
  g_print ("%-14s %d\n", _("Schema"), mreza_store_get_schema_version (store));
  if (!mreza_sync_is_joined (store))
    g_print ("%-14s %s\n", _("Coordinator"), _("not joined"));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *value = mreza_sync_dup_state (store, keys[i].key);

      if (value != NULL)
        g_print ("%-14s %s\n", _(keys[i].label), value);
    }
  g_print ("%-14s %" G_GINT64_FORMAT "\n", _("Waiting"),
           mreza_sync_count_pending (store));
  g_print ("%-14s %" G_GINT64_FORMAT "\n", _("Conflicts"),
           mreza_sync_count_conflicts (store));
  if ((refused = mreza_sync_dup_refused (store)) != NULL)
    /* Translators: a table, a row's id, and the coordinator's reason */
    g_print ("%-14s %s %s: %s\n", _("Refused"), refused->table,
             refused->row_id, refused->reason ? refused->reason : "");

  return EXIT_SUCCESS;
}

/* Puts back, as the coordinator has it, the row whose change the
 * coordinator refused, so that the changes after it can go. */
static int
cmd_undo_refused (MrezaStore *store)
{
  g_autoptr(GError) error = NULL;

  if (!mreza_sync_undo_refused (store, NULL, NULL, &error))
    return fail (error);
  g_print (_("Undone: the row is back as the coordinator has it. Run "
             "“mreza-cli sync” to send the changes that waited.\n"));
  return EXIT_SUCCESS;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MrezaStore) store = NULL;
  g_autofree char *replica = NULL;
  const char *cmd;
  GOptionEntry entries[] = {
    { "replica", 0, 0, G_OPTION_ARG_FILENAME, &replica,
      N_("The replica (default: $XDG_DATA_HOME/mreza/replica.db)"), "PATH" },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new ("COMMAND [ARGS…]");
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  /* Options after the command belong to the command. */
  g_option_context_set_strict_posix (context, TRUE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail (error);
  if (argc < 2)
    return usage ();

  cmd = argv[1];
  if (replica == NULL)
    replica = mreza_store_default_path ();

  store = mreza_store_open (replica,
                            g_str_equal (cmd, "init") ||
                            g_str_equal (cmd, "import") ||
                            g_str_equal (cmd, "join")
                              ? MREZA_STORE_OPEN_CREATE
                              : MREZA_STORE_OPEN_DEFAULT,
                            &error);
  if (store == NULL)
    return fail (error);

  if (g_str_equal (cmd, "init") && argc == 2)
    {
      g_print (_("Replica %s, device %s.\n"), replica,
               mreza_store_get_device_id (store));
      return EXIT_SUCCESS;
    }
  if (g_str_equal (cmd, "import"))
    return cmd_import (store, argc - 1, argv + 1);
  if (g_str_equal (cmd, "join"))
    return cmd_join (store, argc - 1, argv + 1);
  if (g_str_equal (cmd, "sync") && argc == 2)
    return cmd_sync (store);
  if (g_str_equal (cmd, "status") && argc == 2)
    return cmd_status (store);
  if (g_str_equal (cmd, "undo-refused") && argc == 2)
    return cmd_undo_refused (store);
  if (g_str_equal (cmd, "teams") && argc == 2)
    return cmd_teams (store);
  if (g_str_equal (cmd, "report"))
    return mreza_report_cli (store, argc - 1, argv + 1);
  if (g_str_equal (cmd, "dump") && argc == 2)
    return mreza_store_dump (store, stdout, &error) ? EXIT_SUCCESS
                                                    : fail (error);

  return usage ();
}
