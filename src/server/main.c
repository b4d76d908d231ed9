/* main.c: the mreza-coordinator command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   mreza-coordinator serve --db PATH --listen ADDR:PORT
 *                           --tls-cert FILE --tls-key FILE
 *   mreza-coordinator --db PATH team add NAME [--id UUID]
 *   mreza-coordinator --db PATH enroll --team NAME
 *                           [--role member|coordinator] [--expires-in SECONDS]
 *   mreza-coordinator --db PATH devices
 *   mreza-coordinator --db PATH revoke DEVICE
 *
 * The command names and output lines are a contract that scripts and
 * tests rely on: `serve` prints its URL as the first line of stdout,
 * `enroll` the code alone on its last line, and every failure is one
 * line on stderr with a non-zero exit status.
 */
#define G_LOG_DOMAIN "mreza-coordinator"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "mreza-server.h"
#include "mreza-server-db.h"

typedef struct
{
  char   *db;
  char   *listen;
  char   *tls_cert;
  char   *tls_key;
  char   *team;
  char   *role;
  char   *id;
  gint64  expires_in;
} Options;

static int
fail (const char *message)
{
  g_autofree char *line = g_strdup (message);

  /* One line, whatever the message holds. */
  g_strdelimit (line, "\r\n", ' ');
  g_printerr ("mreza-coordinator: %s\n", line);
  return 1;
}

static int
fail_error (const GError *error)
{
  return fail (error->message);
}

static GSocketAddress *
parse_listen (const char  *listen,
              GError     **error)
{
  const char *colon = strrchr (listen, ':');
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *host = NULL;
  guint64 port;

  if (colon == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("--listen takes ADDR:PORT, such as 127.0.0.1:8443"));
      return NULL;
    }

  host = g_strndup (listen, (gsize) (colon - listen));
  if (host[0] == '[' && g_str_has_suffix (host, "]"))
    {
      memmove (host, host + 1, strlen (host));
      host[strlen (host) - 1] = '\0';
    }

  if (!g_ascii_string_to_unsigned (colon + 1, 10, 0, 65535, &port, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The port of --listen is a number from 0 to 65535"));
      return NULL;
    }

  address = g_inet_address_new_from_string (host);
  if (address == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The address of --listen is an IP address, such as "
                     "127.0.0.1 or [::1]"));
      return NULL;
    }

  return g_inet_socket_address_new (address, (guint16) port);
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

static int
run_serve (Options *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(MrezaServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *uri = NULL;
  MrezaServerDb *db;
  guint term_id, int_id;

  if (options->listen == NULL || options->tls_cert == NULL ||
      options->tls_key == NULL)
    return fail (_("serve needs --listen ADDR:PORT, --tls-cert FILE and "
                   "--tls-key FILE"));

  certificate = g_tls_certificate_new_from_files (options->tls_cert,
                                                  options->tls_key, &error);
  if (certificate == NULL)
    return fail_error (error);

  address = parse_listen (options->listen, &error);
  if (address == NULL)
    return fail_error (error);

  db = mreza_server_db_open (options->db, &error);
  if (db == NULL)
    return fail_error (error);

  server = mreza_server_new (db, certificate);
  if (!mreza_server_listen (server, address, &error))
    {
      g_clear_object (&server);
      mreza_server_db_free (db);
      return fail_error (error);
    }

  /* The handlers go in before the URL is out: whoever reads it may
   * stop the server at once. */
  loop = g_main_loop_new (NULL, FALSE);
  term_id = g_unix_signal_add (SIGTERM, quit_cb, loop);
  int_id = g_unix_signal_add (SIGINT, quit_cb, loop);

  uri = mreza_server_dup_uri (server);
  g_print ("%s\n", uri);
  fflush (stdout);
  g_message ("Listening on %s", uri);

  g_main_loop_run (loop);
  g_source_remove (term_id);
  g_source_remove (int_id);

  g_message ("Stopping");
  g_clear_object (&server);
  mreza_server_db_free (db);
  return 0;
}

static int
run_team (Options  *options,
          char    **args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  MrezaServerDb *db;

  if (g_strv_length (args) != 3 || !g_str_equal (args[1], "add"))
    return fail (_("usage: team add NAME [--id UUID]"));

  db = mreza_server_db_open (options->db, &error);
  if (db == NULL)
    return fail_error (error);

  id = mreza_server_db_add_team (db, args[2], options->id, &error);
  mreza_server_db_free (db);
  if (id == NULL)
    return fail_error (error);

  g_print ("%s\n", id);
  return 0;
}

static int
run_enroll (Options  *options,
            char    **args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  MrezaServerDb *db;

  if (g_strv_length (args) != 1 || options->team == NULL)
    return fail (_("usage: enroll --team NAME [--role member|coordinator]"));
  if (options->expires_in <= 0)
    return fail (_("--expires-in takes a number of seconds above 0"));

  db = mreza_server_db_open (options->db, &error);
  if (db == NULL)
    return fail_error (error);

  code = mreza_server_db_new_code (db, options->team,
                                   options->role ? options->role : "member",
                                   options->expires_in, &error);
  mreza_server_db_free (db);
  if (code == NULL)
    return fail_error (error);

  g_print ("%s\n", code);
  return 0;
}

static int
run_devices (Options  *options,
             char    **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  MrezaServerDb *db;
  gboolean ok;

  if (g_strv_length (args) != 1)
    return fail (_("usage: devices"));

  db = mreza_server_db_open (options->db, &error);
  if (db == NULL)
    return fail_error (error);

  ok = mreza_server_db_print_devices (db, out, &error);
  mreza_server_db_free (db);
  if (!ok)
    return fail_error (error);

  g_print ("%s", out->str);
  return 0;
}

static int
run_revoke (Options  *options,
            char    **args)
{
  g_autoptr(GError) error = NULL;
  MrezaServerDb *db;
  gboolean ok;

  if (g_strv_length (args) != 2)
    return fail (_("usage: revoke DEVICE"));

  db = mreza_server_db_open (options->db, &error);
  if (db == NULL)
    return fail_error (error);

  ok = mreza_server_db_revoke (db, args[1], &error);
  mreza_server_db_free (db);
  if (!ok)
    return fail_error (error);

  g_message ("Revoked device %s", args[1]);
  return 0;
}

static void
options_clear (Options *options)
{
  g_free (options->db);
  g_free (options->listen);
  g_free (options->tls_cert);
  g_free (options->tls_key);
  g_free (options->team);
  g_free (options->role);
  g_free (options->id);
}

static int
run (Options  *options,
     char    **args)
{
  const char *command = args[0];

  if (command == NULL)
    return fail (_("no command; see --help"));
  if (options->db == NULL)
    return fail (_("--db PATH is required"));

  if (g_str_equal (command, "serve") && args[1] == NULL)
    return run_serve (options);
  if (g_str_equal (command, "team"))
    return run_team (options, args);
  if (g_str_equal (command, "enroll"))
    return run_enroll (options, args);
  if (g_str_equal (command, "devices"))
    return run_devices (options, args);
  if (g_str_equal (command, "revoke"))
    return run_revoke (options, args);

  return fail (_("unknown command; the commands are serve, team add, enroll, "
                 "devices and revoke"));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  Options options = { .expires_in = MREZA_SERVER_CODE_TTL };
  int status;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &options.db,
      N_("The coordinator's database"), "PATH" },
    { "listen", 0, 0, G_OPTION_ARG_STRING, &options.listen,
      N_("serve: the address and port (0: any free port)"), "ADDR:PORT" },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &options.tls_cert,
      N_("serve: the TLS certificate (PEM)"), "FILE" },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &options.tls_key,
      N_("serve: the TLS private key (PEM)"), "FILE" },
    { "team", 0, 0, G_OPTION_ARG_STRING, &options.team,
      N_("enroll: the team's name"), "NAME" },
    { "role", 0, 0, G_OPTION_ARG_STRING, &options.role,
      N_("enroll: member (default) or coordinator"), "ROLE" },
    { "expires-in", 0, 0, G_OPTION_ARG_INT64, &options.expires_in,
      N_("enroll: the code's lifetime (default 86400)"), "SECONDS" },
    { "id", 0, 0, G_OPTION_ARG_STRING, &options.id,
      N_("team add: the team's UUID, as in the replicas"), "UUID" },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (_("COMMAND — the Mreža coordinator"));
  g_option_context_set_summary (context,
    "serve --db PATH --listen ADDR:PORT --tls-cert FILE --tls-key FILE\n"
    "--db PATH team add NAME [--id UUID]\n"
    "--db PATH enroll --team NAME [--role member|coordinator]\n"
    "--db PATH devices\n"
    "--db PATH revoke DEVICE");
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  args = g_strdupv (argv);
  if (!g_option_context_parse_strv (context, &args, &error))
    {
      options_clear (&options);
      return fail_error (error);
    }

  status = run (&options, args + 1);
  options_clear (&options);
  return status;
}
