/* test-coordinator.c: the coordinator over HTTPS, good and bad input
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mreza-protocol.h"
#include "mreza-store.h"
#include "server-fixture.h"

#include <sqlite3.h>

#define ROW_A "0b8f6c2e-1d3a-4c5b-9e7f-00000000000a"
#define ROW_B "0b8f6c2e-1d3a-4c5b-9e7f-00000000000b"
#define ROW_C "0b8f6c2e-1d3a-4c5b-9e7f-00000000000c"
#define ROW_D "0b8f6c2e-1d3a-4c5b-9e7f-00000000000d"
#define INSTITUTION "0b8f6c2e-1d3a-4c5b-9e7f-0000000000e1"

/* A joint action of @team, as a change of @device. */
static char *
joint_action (const char *device,
              gint64      dseq,
              const char *row,
              const char *team,
              const char *title)
{
  g_autofree char *hlc = test_hlc (device, (guint) dseq);

  return g_strdup_printf ("[%" G_GINT64_FORMAT ", \"joint_action\", \"%s\","
                          " \"u\", \"%s\", {\"team_id\": \"%s\", \"date\":"
                          " \"2024-05-01\", \"kind\": \"training\", \"title\":"
                          " \"%s\", \"women\": 3, \"men\": 2, \"girls\": 0,"
                          " \"boys\": 0, \"place\": null}, {}]",
                          dseq, row, hlc, team, title);
}

static char *
institution (const char *device,
             gint64      dseq,
             const char *row)
{
  g_autofree char *hlc = test_hlc (device, (guint) dseq);

  return g_strdup_printf ("[%" G_GINT64_FORMAT ", \"institution\", \"%s\","
                          " \"u\", \"%s\", {\"name\": \"MUP\", \"sector\":"
                          " \"police\"}, {}]", dseq, row, hlc);
}

static char *
push_body (const char *device,
           ...) G_GNUC_NULL_TERMINATED;

static char *
push_body (const char *device,
           ...)
{
  GString *out = g_string_new (NULL);
  const char *change;
  gboolean first = TRUE;
  va_list args;

  g_string_append_printf (out, "{\"protocol\": 1, \"schema\": %d, \"device\":"
                          " \"%s\", \"changes\": [", MREZA_SYNC_SCHEMA,
                          device);
  va_start (args, device);
  while ((change = va_arg (args, const char *)) != NULL)
    {
      g_string_append_printf (out, "%s%s", first ? "" : ", ", change);
      first = FALSE;
    }
  va_end (args);
  g_string_append (out, "]}");

  return g_string_free (out, FALSE);
}

static guint
push (ServerFixture  *f,
      TestDevice     *device,
      const char     *body,
      char          **reply)
{
  g_autoptr(GError) error = NULL;
  guint status;

  status = server_request (f, "POST", "/v1/push", device->token, body,
                           strlen (body), reply, &error);
  g_assert_no_error (error);
  return status;
}

static MrezaPullReply *
pull (ServerFixture *f,
      TestDevice    *device,
      gint64         after)
{
  g_autofree char *path = g_strdup_printf ("/v1/pull?after=%" G_GINT64_FORMAT,
                                           after);
  g_autofree char *reply = NULL;
  g_autoptr(GError) error = NULL;
  MrezaPullReply *pulled;

  g_assert_cmpuint (server_request (f, "GET", path, device->token, NULL, 0,
                                    &reply, &error), ==, 200);
  g_assert_no_error (error);
  pulled = mreza_pull_reply_parse (reply, strlen (reply), &error);
  g_assert_no_error (error);
  return pulled;
}

static void
assert_error (const char *reply,
              const char *code,
              const char *fragment)
{
  g_autoptr(GError) error = NULL;

  mreza_protocol_set_error_from_reply (&error, 400, reply, strlen (reply));
  g_test_message ("reply: %s", reply);
  g_assert_cmpstr (mreza_protocol_error_name (error->code), ==, code);
  if (fragment != NULL && strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not say “%s”", error->message, fragment);
}

static gint64
server_cursor (ServerFixture *f,
               TestDevice    *device)
{
  g_autofree char *reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MrezaStatusReply) status = NULL;

  g_assert_cmpuint (server_request (f, "GET", "/v1/status", device->token,
                                    NULL, 0, &reply, &error), ==, 200);
  status = mreza_status_reply_parse (reply, strlen (reply), &error);
  g_assert_no_error (error);
  g_assert_cmpint (status->protocol, ==, MREZA_PROTOCOL_VERSION);
  g_assert_cmpint (status->schema, ==, MREZA_SYNC_SCHEMA);
  g_assert_cmpstr (status->device, ==, device->id);
  return status->cursor;
}

/* Enrollment */

static guint
enroll_with (ServerFixture  *f,
             const char     *code,
             char          **reply)
{
  g_autofree char *body = g_strdup_printf ("{\"protocol\": 1, \"code\": \"%s\","
                                           " \"name\": \"Laptop\"}", code);
  g_autoptr(GError) error = NULL;
  guint status;

  status = server_request (f, "POST", "/v1/enroll", NULL, body, strlen (body),
                           reply, &error);
  g_assert_no_error (error);
  return status;
}

static void
test_enroll (ServerFixture *f,
             gconstpointer  data)
{
  g_autofree char *team = server_add_team (f, "Niš");
  g_autofree char *code = server_new_code (f, "Niš", "member");
  g_autofree char *lower = g_ascii_strdown (code, -1);
  g_autofree char *reply = NULL;
  g_autoptr(MrezaEnrollReply) enrolled = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *expiring = NULL;
  int status;

  /* A person may type the code in lowercase. */
  g_assert_cmpuint (enroll_with (f, lower, &reply), ==, 200);
  enrolled = mreza_enroll_reply_parse (reply, strlen (reply), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (enrolled->team, ==, team);
  g_assert_cmpstr (enrolled->team_name, ==, "Niš");
  g_assert_cmpstr (enrolled->role, ==, "member");
  g_assert_cmpuint (strlen (enrolled->token), ==, 64);
  g_clear_pointer (&reply, g_free);

  /* Used once, then never again. */
  g_assert_cmpuint (enroll_with (f, code, &reply), ==, 401);
  assert_error (reply, "bad_code", "already used");
  g_clear_pointer (&reply, g_free);

  g_assert_cmpuint (enroll_with (f, "AAAA-BBBB-CCCC", &reply), ==, 401);
  assert_error (reply, "bad_code", NULL);
  g_clear_pointer (&reply, g_free);

  out = server_cli (f, &status, NULL, "enroll", "--team", "Niš",
                    "--expires-in", "1", NULL);
  g_assert_cmpint (status, ==, 0);
  expiring = g_strdup (g_strstrip (out));
  g_usleep (2100 * 1000);
  g_assert_cmpuint (enroll_with (f, expiring, &reply), ==, 401);
  assert_error (reply, "expired_code", "expired");
  g_clear_pointer (&reply, g_free);

  /* The database keeps hashes, never the token or the code. */
  {
    g_autofree char *contents = NULL;
    gsize len;

    server_fixture_stop (f);
    g_assert_true (g_file_get_contents (f->db, &contents, &len, NULL));
    g_assert_null (g_strstr_len (contents, len, enrolled->token));
    g_assert_null (g_strstr_len (contents, len, code));
    server_fixture_start (f);
  }
}

static void
test_enroll_rate_limit (ServerFixture *f,
                        gconstpointer  data)
{
  g_autofree char *team = server_add_team (f, "Novi Sad");
  g_autofree char *code = server_new_code (f, "Novi Sad", "member");
  g_autofree char *reply = NULL;

  for (guint i = 0; i < 5; i++)
    {
      g_assert_cmpuint (enroll_with (f, "WRONG-CODE", &reply), ==, 401);
      g_clear_pointer (&reply, g_free);
    }

  /* Now even the right code waits. */
  g_assert_cmpuint (enroll_with (f, code, &reply), ==, 429);
  assert_error (reply, "rate_limited", "wait");
}

static void
test_enroll_bad_body (ServerFixture *f,
                      gconstpointer  data)
{
  g_autofree char *reply = NULL;
  g_autoptr(GError) error = NULL;
  const char *body = "{\"protocol\": 99, \"code\": \"X\"}";

  g_assert_cmpuint (server_request (f, "POST", "/v1/enroll", NULL, body,
                                    strlen (body), &reply, &error), ==, 409);
  assert_error (reply, "update_server", "update the server");
  g_clear_pointer (&reply, g_free);

  g_assert_cmpuint (server_request (f, "GET", "/v1/enroll", NULL, NULL, 0,
                                    &reply, &error), ==, 405);
  g_clear_pointer (&reply, g_free);
  g_assert_cmpuint (server_request (f, "GET", "/v2/pull", NULL, NULL, 0,
                                    &reply, &error), ==, 404);
}

/* Push and pull */

typedef struct
{
  TestDevice *a1, *a2, *b1, *coord;
  char       *team_a, *team_b;
} Teams;

static void
teams_setup (ServerFixture *f,
             Teams         *t)
{
  t->team_a = server_add_team (f, "Niš");
  t->team_b = server_add_team (f, "Kragujevac");
  g_free (server_add_team (f, "Nacionalni koordinator"));
  t->a1 = server_enroll (f, "Niš", "member");
  t->a2 = server_enroll (f, "Niš", "member");
  t->b1 = server_enroll (f, "Kragujevac", "member");
  t->coord = server_enroll (f, "Nacionalni koordinator", "coordinator");
}

static void
teams_clear (Teams *t)
{
  test_device_free (t->a1);
  test_device_free (t->a2);
  test_device_free (t->b1);
  test_device_free (t->coord);
  g_free (t->team_a);
  g_free (t->team_b);
}

static gboolean
has_row (MrezaPullReply *reply,
         const char     *row)
{
  for (guint i = 0; i < reply->changes->len; i++)
    {
      MrezaWireChange *change = g_ptr_array_index (reply->changes, i);

      if (g_str_equal (change->row_id, row))
        return TRUE;
    }
  return FALSE;
}

static void
test_push_pull (ServerFixture *f,
                gconstpointer  data)
{
  Teams t = { 0 };
  g_autofree char *c1 = NULL, *c2 = NULL, *c3 = NULL, *body = NULL;
  g_autofree char *reply = NULL, *hlc2 = NULL;
  g_autoptr(MrezaPullReply) pulled = NULL;
  g_autoptr(GError) error = NULL;
  gint64 acked, cursor;
  MrezaWireChange *change;

  teams_setup (f, &t);

  /* a1 writes a joint action and its link in one batch. */
  c1 = joint_action (t.a1->id, 1, ROW_A, t.team_a, "Obuka u Nišu");
  hlc2 = test_hlc (t.a1->id, 2);
  c2 = g_strdup_printf ("[2, \"joint_action_institution\", \"%s\", \"u\","
                        " \"%s\", {\"joint_action_id\": \"%s\","
                        " \"institution_id\": \"%s\"}, {}]", ROW_B,
                        hlc2, ROW_A, INSTITUTION);
  body = push_body (t.a1->id, c1, c2, NULL);
  g_assert_cmpuint (push (f, t.a1, body, &reply), ==, 200);
  g_assert_true (mreza_protocol_parse_push_reply (reply, strlen (reply),
                                                  &acked, &cursor, &error));
  g_assert_cmpint (acked, ==, 2);
  g_assert_cmpint (cursor, ==, 2);

  /* Its teammate sees both, in order, with their origin. */
  pulled = pull (f, t.a2, 0);
  g_assert_cmpuint (pulled->changes->len, ==, 2);
  change = g_ptr_array_index (pulled->changes, 0);
  g_assert_cmpint (change->gseq, ==, 1);
  g_assert_cmpstr (change->device, ==, t.a1->id);
  g_assert_cmpint (change->dseq, ==, 1);
  g_assert_cmpstr (change->table->name, ==, "joint_action");
  g_assert_cmpstr (mreza_wire_change_get_string (change, "title"), ==,
                   "Obuka u Nišu");
  g_assert_cmpint (pulled->cursor, ==, 2);
  g_assert_false (pulled->more);
  g_clear_pointer (&pulled, mreza_pull_reply_free);

  /* Another team never sees them, and its cursor moves past them. */
  pulled = pull (f, t.b1, 0);
  g_assert_cmpuint (pulled->changes->len, ==, 0);
  g_assert_cmpint (pulled->cursor, ==, 2);
  g_clear_pointer (&pulled, mreza_pull_reply_free);

  /* The national coordinator writes the directory, which all see. */
  c3 = institution (t.coord->id, 1, INSTITUTION);
  g_free (body);
  body = push_body (t.coord->id, c3, NULL);
  g_clear_pointer (&reply, g_free);
  g_assert_cmpuint (push (f, t.coord, body, &reply), ==, 200);

  pulled = pull (f, t.b1, 2);
  g_assert_cmpuint (pulled->changes->len, ==, 1);
  g_assert_true (has_row (pulled, INSTITUTION));
  g_clear_pointer (&pulled, mreza_pull_reply_free);

  /* A device never gets its own changes back. */
  pulled = pull (f, t.a1, 0);
  g_assert_cmpuint (pulled->changes->len, ==, 1);
  g_assert_true (has_row (pulled, INSTITUTION));
  g_clear_pointer (&pulled, mreza_pull_reply_free);

  /* The coordinator reads every team's rows. */
  pulled = pull (f, t.coord, 0);
  g_assert_cmpuint (pulled->changes->len, ==, 2);
  g_clear_pointer (&pulled, mreza_pull_reply_free);

  /* Pages: one change at a time, resuming at the cursor. */
  {
    g_autofree char *page = NULL;
    g_autoptr(MrezaPullReply) p = NULL;

    g_assert_cmpuint (server_request (f, "GET", "/v1/pull?after=0&limit=1",
                                      t.a2->token, NULL, 0, &page, &error),
                      ==, 200);
    p = mreza_pull_reply_parse (page, strlen (page), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (p->changes->len, ==, 1);
    g_assert_true (p->more);
    g_assert_cmpint (p->cursor, ==, 1);
  }

  g_assert_cmpint (server_cursor (f, t.b1), ==, 3);
  teams_clear (&t);
}

static void
test_scope (ServerFixture *f,
            gconstpointer  data)
{
  Teams t = { 0 };
  g_autofree char *own = NULL, *global = NULL, *body = NULL, *reply = NULL;
  g_autofree char *other = NULL, *moved = NULL, *steal = NULL;
  g_autoptr(MrezaPullReply) pulled = NULL;

  teams_setup (f, &t);

  /* A team row, then a global one: the whole batch is refused. */
  own = joint_action (t.a1->id, 1, ROW_A, t.team_a, "Naše");
  global = institution (t.a1->id, 2, INSTITUTION);
  body = push_body (t.a1->id, own, global, NULL);
  g_assert_cmpuint (push (f, t.a1, body, &reply), ==, 403);
  assert_error (reply, "forbidden", "coordinator");
  g_assert_cmpint (server_cursor (f, t.a1), ==, 0);
  pulled = pull (f, t.a2, 0);
  g_assert_cmpuint (pulled->changes->len, ==, 0);
  g_clear_pointer (&pulled, mreza_pull_reply_free);

  /* The team row alone is fine. */
  g_free (body);
  body = push_body (t.a1->id, own, NULL);
  g_clear_pointer (&reply, g_free);
  g_assert_cmpuint (push (f, t.a1, body, &reply), ==, 200);

  /* Another team may neither create a row in team A... */
  other = joint_action (t.b1->id, 1, ROW_C, t.team_a, "Tuđe");
  g_free (body);
  body = push_body (t.b1->id, other, NULL);
  g_clear_pointer (&reply, g_free);
  g_assert_cmpuint (push (f, t.b1, body, &reply), ==, 403);
  assert_error (reply, "forbidden", "own team");

  /* ...nor change one of its rows, nor delete one... */
  {
    g_autofree char *hlc = test_hlc (t.b1->id, 1);

    steal = g_strdup_printf ("[1, \"joint_action\", \"%s\", \"u\", \"%s\","
                             " {\"title\": \"Preuzeto\"}, {}]", ROW_A, hlc);
    g_free (body);
    body = push_body (t.b1->id, steal, NULL);
    g_clear_pointer (&reply, g_free);
    g_assert_cmpuint (push (f, t.b1, body, &reply), ==, 403);

    g_free (steal);
    steal = g_strdup_printf ("[1, \"joint_action\", \"%s\", \"d\", \"%s\","
                             " {}, {}]", ROW_A, hlc);
    g_free (body);
    body = push_body (t.b1->id, steal, NULL);
    g_clear_pointer (&reply, g_free);
    g_assert_cmpuint (push (f, t.b1, body, &reply), ==, 403);
  }

  /* ...nor may a row move to another team, even by its own team. */
  moved = joint_action (t.a1->id, 2, ROW_A, t.team_b, "Preseljeno");
  g_free (body);
  body = push_body (t.a1->id, moved, NULL);
  g_clear_pointer (&reply, g_free);
  g_assert_cmpuint (push (f, t.a1, body, &reply), ==, 403);
  assert_error (reply, "forbidden", "move");

  /* A member may not write another team's team row. */
  {
    g_autofree char *hlc = test_hlc (t.a1->id, 3);
    g_autofree char *team_row =
      g_strdup_printf ("[3, \"team\", \"%s\", \"u\", \"%s\", {\"name\":"
                       " \"X\"}, {}]", t.team_b, hlc);

    g_free (body);
    body = push_body (t.a1->id, team_row, NULL);
    g_clear_pointer (&reply, g_free);
    g_assert_cmpuint (push (f, t.a1, body, &reply), ==, 403);
  }

  /* Team B saw nothing of all this. */
  pulled = pull (f, t.b1, 0);
  g_assert_cmpuint (pulled->changes->len, ==, 0);
  teams_clear (&t);
}

/* GET /v1/row: one row's changes as a pull page, the asking device's
 * own included, never another team's; bad questions get a 400, no
 * token a 401. */
static guint
get_row (ServerFixture  *f,
         TestDevice     *device,
         const char     *query,
         char          **reply)
{
  g_autofree char *path = g_strconcat ("/v1/row?", query, NULL);
  g_autoptr(GError) error = NULL;
  guint status;

  status = server_request (f, "GET", path, device ? device->token : NULL,
                           NULL, 0, reply, &error);
  g_assert_no_error (error);
  return status;
}

static void
test_row (ServerFixture *f,
          gconstpointer  data)
{
  Teams t = { 0 };
  g_autofree char *own = NULL, *edit = NULL, *body = NULL, *reply = NULL;
  g_autoptr(MrezaPullReply) row = NULL;
  g_autoptr(GError) error = NULL;

  teams_setup (f, &t);
  own = joint_action (t.a1->id, 1, ROW_A, t.team_a, "Naše");
  edit = joint_action (t.a2->id, 1, ROW_A, t.team_a, "Naše, izmenjeno");
  body = push_body (t.a1->id, own, NULL);
  g_assert_cmpuint (push (f, t.a1, body, &reply), ==, 200);
  g_free (body);
  body = push_body (t.a2->id, edit, NULL);
  g_clear_pointer (&reply, g_free);
  g_assert_cmpuint (push (f, t.a2, body, &reply), ==, 200);

  /* Both changes, in order, the asking device's own too. */
  g_clear_pointer (&reply, g_free);
  g_assert_cmpuint (get_row (f, t.a1, "table=joint_action&id=" ROW_A,
                             &reply), ==, 200);
  row = mreza_pull_reply_parse (reply, strlen (reply), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (row->changes->len, ==, 2);
  g_assert_cmpstr (((MrezaWireChange *) row->changes->pdata[0])->device, ==,
                   t.a1->id);
  g_clear_pointer (&row, mreza_pull_reply_free);

  /* Another team learns nothing of it, not even that it exists. */
  g_clear_pointer (&reply, g_free);
  g_assert_cmpuint (get_row (f, t.b1, "table=joint_action&id=" ROW_A,
                             &reply), ==, 200);
  row = mreza_pull_reply_parse (reply, strlen (reply), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (row->changes->len, ==, 0);

  /* Unknown tables, missing or malformed ids, hostile queries. */
  {
    static const char * const bad[] = {
      "", "table=joint_action", "id=" ROW_A, "table=nope&id=" ROW_A,
      "table=sync_outbox&id=" ROW_A, "table=joint_action&id=1%20OR%201=1",
      "table=joint_action%3B%20DROP%20TABLE%20change&id=" ROW_A,
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_clear_pointer (&reply, g_free);
        g_assert_cmpuint (get_row (f, t.a1, bad[i], &reply), ==, 400);
        assert_error (reply, "invalid", "table");
      }
  }
  g_clear_pointer (&reply, g_free);
  g_assert_cmpuint (get_row (f, NULL, "table=joint_action&id=" ROW_A,
                             &reply), ==, 401);
  teams_clear (&t);
}

static void
test_retry (ServerFixture *f,
            gconstpointer  data)
{
  Teams t = { 0 };
  g_autofree char *c1 = NULL, *c2 = NULL, *body = NULL;
  g_autofree char *first = NULL, *second = NULL;
  g_autoptr(MrezaPullReply) pulled = NULL;

  teams_setup (f, &t);
  c1 = joint_action (t.a1->id, 1, ROW_A, t.team_a, "Jednom");
  c2 = joint_action (t.a1->id, 2, ROW_C, t.team_a, "Dvaput");
  body = push_body (t.a1->id, c1, c2, NULL);

  /* A reply lost on the way: the client sends the batch again. */
  g_assert_cmpuint (push (f, t.a1, body, &first), ==, 200);
  g_assert_cmpuint (push (f, t.a1, body, &second), ==, 200);
  g_assert_cmpstr (first, ==, second);

  pulled = pull (f, t.a2, 0);
  g_assert_cmpuint (pulled->changes->len, ==, 2);
  g_assert_cmpint (server_cursor (f, t.a1), ==, 2);
  teams_clear (&t);
}

/* Bad input */

static void
test_too_large (ServerFixture *f,
                gconstpointer  data)
{
  g_autoptr(TestDevice) device = NULL;
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) tcp = NULL;
  g_autoptr(GIOStream) tls = NULL;
  g_autoptr(GTlsDatabase) db = NULL;
  g_autoptr(GSocketConnectable) identity = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *head = NULL;
  char answer[512] = { 0 };
  gsize n = 0;

  g_free (server_add_team (f, "Niš"));
  device = server_enroll (f, "Niš", "member");
  uri = g_uri_parse (f->url, G_URI_FLAGS_NONE, &error);
  g_assert_no_error (error);

  /* Headers that announce 100 MB, and not one byte of body: the answer
   * comes anyway, so it came before the body was read. */
  tcp = g_socket_client_connect_to_host (client, "127.0.0.1",
                                         (guint16) g_uri_get_port (uri), NULL,
                                         &error);
  g_assert_no_error (error);
  identity = g_network_address_new ("127.0.0.1", (guint16) g_uri_get_port (uri));
  tls = g_tls_client_connection_new (G_IO_STREAM (tcp), identity, &error);
  g_assert_no_error (error);
  db = g_tls_file_database_new (f->cert, &error);
  g_assert_no_error (error);
  g_tls_connection_set_database (G_TLS_CONNECTION (tls), db);
  g_assert_true (g_tls_connection_handshake (G_TLS_CONNECTION (tls), NULL,
                                             &error));
  g_assert_no_error (error);

  head = g_strdup_printf ("POST /v1/push HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                          "Authorization: Bearer %s\r\n"
                          "Content-Type: application/json\r\n"
                          "Content-Length: 100000000\r\n\r\n", device->token);
  g_output_stream_write_all (g_io_stream_get_output_stream (tls), head,
                             strlen (head), NULL, NULL, &error);
  g_assert_no_error (error);
  g_input_stream_read_all (g_io_stream_get_input_stream (tls), answer,
                           sizeof answer - 1, &n, NULL, &error);
  g_test_message ("answer: %s", answer);
  g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 413"));
  g_assert_nonnull (strstr (answer, "too_large"));
  g_io_stream_close (tls, NULL, NULL);

  /* A real 9 MiB body through libsoup is refused too. */
  {
    gsize size = 9 * 1024 * 1024;
    g_autofree char *big = g_malloc (size);
    g_autofree char *reply = NULL;
    g_autoptr(GError) send_error = NULL;
    guint status;

    memset (big, ' ', size);
    status = server_request (f, "POST", "/v1/push", device->token, big, size,
                             &reply, &send_error);
    /* The server closes after its answer; libsoup may see the close
     * while it still writes. Either way, nothing was accepted. */
    if (send_error == NULL)
      g_assert_cmpuint (status, ==, 413);
    else
      g_test_message ("send failed as the server closed: %s",
                      send_error->message);
    g_assert_cmpint (server_cursor (f, device), ==, 0);
  }
}

typedef struct
{
  const char *name;
  const char *changes;   /* %s: the device, for the clock */
  const char *code;
  const char *fragment;
} BadCase;

#define JA "\"joint_action\", \"" ROW_A "\""
#define HLC "\"1700000000000-00001-%s\""

static const BadCase bad_cases[] = {
  { "not an array", "{}", "invalid", "array" },
  { "short change", "[[1, " JA ", \"u\"]]", "invalid", "elements" },
  { "dseq as string", "[[\"1\", " JA ", \"u\", " HLC ", {}, {}]]", "invalid",
    "whole number" },
  { "negative dseq", "[[-5, " JA ", \"u\", " HLC ", {}, {}]]", "invalid",
    "outside" },
  { "fractional dseq", "[[1.5, " JA ", \"u\", " HLC ", {}, {}]]", "invalid",
    "whole number" },
  { "unknown table", "[[1, \"users\", \"" ROW_A "\", \"u\", " HLC ", {}, {}]]",
    "invalid", "no synced table" },
  { "bad row id", "[[1, \"joint_action\", \"42\", \"u\", " HLC ", {}, {}]]",
    "invalid", "UUID" },
  { "bad op", "[[1, " JA ", \"x\", " HLC ", {}, {}]]", "invalid", "operation" },
  { "bad clock", "[[1, " JA ", \"u\", \"yesterday\", {}, {}]]", "invalid",
    "clock" },
  { "unknown column", "[[1, " JA ", \"u\", " HLC ", {\"password\": \"x\"}, {}]]",
    "invalid", "no column" },
  { "string for int", "[[1, " JA ", \"u\", " HLC ", {\"women\": \"3\"}, {}]]",
    "invalid", "whole number" },
  { "int for string", "[[1, " JA ", \"u\", " HLC ", {\"title\": 3}, {}]]",
    "invalid", "string" },
  { "null not allowed", "[[1, " JA ", \"u\", " HLC ", {\"title\": null}, {}]]",
    "invalid", "null" },
  { "bool", "[[1, " JA ", \"u\", " HLC ", {\"women\": true}, {}]]", "invalid",
    "whole number" },
  { "huge int", "[[1, " JA ", \"u\", " HLC ", {\"women\": 9223372036854775807}, {}]]",
    "invalid", "range" },
  { "infinite real", "[[1, \"indicator\", \"" ROW_A "\", \"u\", " HLC ","
    " {\"target_num\": 1e999}, {}]]", "invalid", "range" },
  { "delete with fields", "[[1, " JA ", \"d\", " HLC ", {\"title\": \"x\"}, {}]]",
    "invalid", "delete" },
  { "bad base", "[[1, " JA ", \"u\", " HLC ", {\"title\": \"x\"},"
    " {\"title\": 5}]]", "invalid", "base" },
  { "team id not a uuid", "[[1, " JA ", \"u\", " HLC ", {\"team_id\": \"nis\"},"
    " {}]]", "invalid", "UUID" },
  { "sequences repeat", "[[2, " JA ", \"u\", " HLC ", {}, {}], [2, " JA ","
    " \"u\", " HLC ", {}, {}]]", "invalid", "grow" },
};

static void
test_bad_input (ServerFixture *f,
                gconstpointer  data)
{
  g_autoptr(TestDevice) device = NULL;

  g_free (server_add_team (f, "Niš"));
  device = server_enroll (f, "Niš", "member");

  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      const BadCase *c = &bad_cases[i];
      g_autofree char *changes = NULL;
      g_autofree char *body = NULL;
      g_autofree char *reply = NULL;

      g_test_message ("case: %s", c->name);
      changes = g_strdup_printf (c->changes, device->id, device->id);
      body = g_strdup_printf ("{\"protocol\": 1, \"schema\": " G_STRINGIFY (MREZA_SYNC_SCHEMA) ", \"device\":"
                              " \"%s\", \"changes\": %s}", device->id, changes);
      g_assert_cmpuint (push (f, device, body, &reply), ==, 400);
      assert_error (reply, c->code, c->fragment);
    }

  /* Not JSON, not an object, empty. */
  {
    const char *bodies[] = { "{\"protocol\": 1,", "[1, 2]", "", "\xff\xfe" };

    for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
      {
        g_autofree char *reply = NULL;

        g_assert_cmpuint (push (f, device, bodies[i], &reply), ==, 400);
        assert_error (reply, "invalid", NULL);
      }
  }

  /* A string over 64 KiB. */
  {
    g_autofree char *big = g_strnfill (70 * 1024, 'x');
    g_autofree char *hlc = test_hlc (device->id, 1);
    g_autofree char *body = NULL;
    g_autofree char *reply = NULL;

    body = g_strdup_printf ("{\"protocol\": 1, \"schema\": " G_STRINGIFY (MREZA_SYNC_SCHEMA) ", \"device\": \"%s\","
                            " \"changes\": [[1, " JA ", \"u\", \"%s\","
                            " {\"title\": \"%s\"}, {}]]}", device->id, hlc, big);
    g_assert_cmpuint (push (f, device, body, &reply), ==, 400);
    assert_error (reply, "invalid", "longer than");
  }

  /* 5,001 changes. */
  {
    GString *body = g_string_new (NULL);
    g_autofree char *hlc = test_hlc (device->id, 1);
    g_autofree char *reply = NULL;

    g_string_append_printf (body, "{\"protocol\": 1, \"schema\": " G_STRINGIFY (MREZA_SYNC_SCHEMA) ", \"device\":"
                            " \"%s\", \"changes\": [", device->id);
    for (guint i = 1; i <= MREZA_PROTOCOL_MAX_CHANGES + 1; i++)
      g_string_append_printf (body, "%s[%u, " JA ", \"u\", \"%s\", {}, {}]",
                              i > 1 ? "," : "", i, hlc);
    g_string_append (body, "]}");
    g_assert_cmpuint (push (f, device, body->str, &reply), ==, 400);
    assert_error (reply, "invalid", "at most");
    g_string_free (body, TRUE);
  }

  /* 100,000 levels of nesting, refused before json-glib recurses. */
  {
    gsize depth = 100000;
    GString *body = g_string_new ("{\"protocol\": 1, \"changes\": ");
    g_autofree char *reply = NULL;

    for (gsize i = 0; i < depth; i++)
      g_string_append_c (body, '[');
    for (gsize i = 0; i < depth; i++)
      g_string_append_c (body, ']');
    g_string_append_c (body, '}');
    g_assert_cmpuint (push (f, device, body->str, &reply), ==, 400);
    assert_error (reply, "invalid", "deeper");
    g_string_free (body, TRUE);
  }

  /* Bad pull parameters. */
  {
    g_autofree char *reply = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_cmpuint (server_request (f, "GET", "/v1/pull?after=-1",
                                      device->token, NULL, 0, &reply, &error),
                      ==, 400);
    g_clear_pointer (&reply, g_free);
    g_assert_cmpuint (server_request (f, "GET", "/v1/pull?limit=5001",
                                      device->token, NULL, 0, &reply, &error),
                      ==, 400);
    g_clear_pointer (&reply, g_free);
    g_assert_cmpuint (server_request (f, "GET", "/v1/pull?wait=31",
                                      device->token, NULL, 0, &reply, &error),
                      ==, 400);
  }

  g_assert_cmpint (server_cursor (f, device), ==, 0);
}

static void
test_auth (ServerFixture *f,
           gconstpointer  data)
{
  g_autoptr(TestDevice) device = NULL;
  g_autoptr(TestDevice) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reply = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  g_free (server_add_team (f, "Niš"));
  device = server_enroll (f, "Niš", "member");
  other = server_enroll (f, "Niš", "member");

  g_assert_cmpuint (server_request (f, "GET", "/v1/status", NULL, NULL, 0,
                                    &reply, &error), ==, 401);
  assert_error (reply, "unauthorized", NULL);
  g_clear_pointer (&reply, g_free);
  g_assert_cmpuint (server_request (f, "GET", "/v1/pull", "0123abcd", NULL, 0,
                                    &reply, &error), ==, 401);
  assert_error (reply, "unauthorized", NULL);
  g_clear_pointer (&reply, g_free);

  /* A push naming another device than its token. */
  {
    g_autofree char *change = joint_action (other->id, 1, ROW_A, device->team,
                                            "X");
    g_autofree char *body = push_body (other->id, change, NULL);

    g_assert_cmpuint (push (f, device, body, &reply), ==, 403);
    g_clear_pointer (&reply, g_free);
  }

  out = server_cli (f, &status, &err, "revoke", device->id, NULL);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&out, g_free);
  out = server_cli (f, &status, NULL, "devices", NULL);
  g_assert_nonnull (strstr (out, device->id));
  g_assert_nonnull (strstr (out, "REVOKED"));

  g_assert_cmpuint (server_request (f, "GET", "/v1/pull", device->token, NULL,
                                    0, &reply, &error), ==, 401);
  assert_error (reply, "revoked", "revoked");
  g_clear_pointer (&reply, g_free);

  /* The other device still syncs. */
  g_assert_cmpuint (server_request (f, "GET", "/v1/pull", other->token, NULL,
                                    0, &reply, &error), ==, 200);
}

static void
test_versions (ServerFixture *f,
               gconstpointer  data)
{
  g_autoptr(TestDevice) device = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reply = NULL;
  g_autofree char *body = NULL;

  g_free (server_add_team (f, "Niš"));
  device = server_enroll (f, "Niš", "member");

  /* A newer client, with a table this server does not know yet. */
  body = g_strdup_printf ("{\"protocol\": %d, \"schema\": " G_STRINGIFY (MREZA_SYNC_SCHEMA) ", \"device\": \"%s\","
                          " \"changes\": [[1, \"future_table\"]]}",
                          MREZA_PROTOCOL_VERSION + 1, device->id);
  g_assert_cmpuint (push (f, device, body, &reply), ==, 409);
  assert_error (reply, "update_server", "update the server");
  g_clear_pointer (&reply, g_free);
  g_free (body);

  body = g_strdup_printf ("{\"protocol\": 1, \"schema\": %d, \"device\": \"%s\","
                          " \"changes\": []}", MREZA_SYNC_SCHEMA + 1,
                          device->id);
  g_assert_cmpuint (push (f, device, body, &reply), ==, 409);
  g_clear_pointer (&reply, g_free);
  g_free (body);

  body = g_strdup_printf ("{\"protocol\": 0, \"schema\": " G_STRINGIFY (MREZA_SYNC_SCHEMA) ", \"device\": \"%s\","
                          " \"changes\": []}", device->id);
  g_assert_cmpuint (push (f, device, body, &reply), ==, 426);
  assert_error (reply, "update_client", "update Mreža");
  g_clear_pointer (&reply, g_free);

  g_assert_cmpuint (server_request (f, "GET", "/v1/pull?protocol=2",
                                    device->token, NULL, 0, &reply, &error),
                    ==, 409);
  g_clear_pointer (&reply, g_free);

  /* A device whose synced tables are older would get rows it cannot
   * store: it is told to update; its own synced schema is fine. */
  {
    g_autofree char *old = g_strdup_printf ("/v1/pull?schema=%d",
                                            MREZA_SYNC_SCHEMA - 1);
    g_autofree char *same = g_strdup_printf ("/v1/pull?schema=%d",
                                             MREZA_SYNC_SCHEMA);

    g_assert_cmpuint (server_request (f, "GET", old, device->token, NULL, 0,
                                      &reply, &error), ==, 426);
    assert_error (reply, "update_client", "update Mreža");
    g_clear_pointer (&reply, g_free);
    g_assert_cmpuint (server_request (f, "GET", same, device->token, NULL,
                                      0, &reply, &error), ==, 200);
  }
}

static void
test_tls_refused (ServerFixture *f,
                  gconstpointer  data)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *uri = g_strconcat (f->url, "/v1/status", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;

  /* The system's trust store does not hold the test certificate. */
  answer = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_null (answer);
  g_assert_error (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
}

static void
assert_one_line (const char *err)
{
  g_assert_nonnull (err);
  g_assert_true (g_str_has_prefix (err, "mreza-coordinator: "));
  g_assert_true (g_str_has_suffix (err, "\n"));
  g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
}

static void
test_cli (ServerFixture *f,
          gconstpointer  data)
{
  g_autofree char *team = server_add_team (f, "Niš");
  int status;
  struct {
    const char *args[6];
  } failing[] = {
    { { "team", "add", "Niš", NULL } },
    { { "team", "add", NULL } },
    { { "team", "add", "Bor", "--id", "not-a-uuid", NULL } },
    { { "enroll", "--team", "Nowhere", NULL } },
    { { "enroll", "--team", "Niš", "--role", "admin", NULL } },
    { { "revoke", "00000000-0000-4000-8000-000000000000", NULL } },
    { { "frobnicate", NULL } },
    { { "devices", "--bogus", NULL } },
    { { "serve", "--listen", "127.0.0.1:0", "--tls-cert", "/nonexistent", NULL } },
  };

  g_assert_true (g_uuid_string_is_valid (team));

  for (guint i = 0; i < G_N_ELEMENTS (failing); i++)
    {
      const char **a = failing[i].args;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      out = server_cli (f, &status, &err, a[0], a[1], a[2], a[3], a[4], a[5],
                        NULL);
      g_test_message ("%s → %d %s", a[0], status, err);
      g_assert_cmpint (status, !=, 0);
      assert_one_line (err);
    }

  /* No --db at all. */
  {
    g_autoptr(GSubprocess) proc = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *err = NULL;

    proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                             G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                             MREZA_COORDINATOR, "devices", NULL);
    g_assert_no_error (error);
    g_subprocess_communicate_utf8 (proc, NULL, NULL, NULL, &err, &error);
    g_assert_cmpint (g_subprocess_get_exit_status (proc), !=, 0);
    assert_one_line (err);
  }

  /* A team with a given id, as in the replicas' demo data. */
  {
    g_autofree char *out = NULL;

    out = server_cli (f, &status, NULL, "team", "add", "Bor", "--id",
                      "5a3b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d", NULL);
    g_assert_cmpint (status, ==, 0);
    g_assert_cmpstr (g_strstrip (out), ==,
                     "5a3b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d");
  }

  /* The code is alone on the last line, in the typed form. */
  {
    g_autofree char *code = server_new_code (f, "Niš", "coordinator");

    g_assert_cmpuint (strlen (code), ==, 14);
    g_assert_true (g_regex_match_simple ("^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$",
                                         code, 0, 0));
  }
}

/* Long-poll */

typedef struct
{
  ServerFixture *f;
  TestDevice    *device;
  gint64         elapsed;
  gint64         done_at;
  guint          n_changes;
} LongPoll;

static gpointer
long_poll_thread (gpointer data)
{
  LongPoll *lp = data;
  g_autoptr(GTlsDatabase) tls = g_tls_file_database_new (lp->f->cert, NULL);
  g_autoptr(SoupSession) session = soup_session_new_with_options ("tls-database",
                                                                  tls, NULL);
  g_autofree char *uri = g_strconcat (lp->f->url, "/v1/pull?after=0&wait=10",
                                      NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  g_autofree char *auth = g_strconcat ("Bearer ", lp->device->token, NULL);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(MrezaPullReply) reply = NULL;
  gint64 start = g_get_monotonic_time ();

  soup_message_headers_replace (soup_message_get_request_headers (msg),
                                "Authorization", auth);
  answer = soup_session_send_and_read (session, msg, NULL, NULL);
  lp->done_at = g_get_monotonic_time ();
  lp->elapsed = lp->done_at - start;
  if (answer != NULL && soup_message_get_status (msg) == 200)
    {
      reply = mreza_pull_reply_parse (g_bytes_get_data (answer, NULL),
                                      g_bytes_get_size (answer), NULL);
      if (reply != NULL)
        lp->n_changes = reply->changes->len;
    }
  return NULL;
}

static void
test_long_poll (ServerFixture *f,
                gconstpointer  data)
{
  Teams t = { 0 };
  LongPoll lp = { 0 };
  g_autofree char *other = NULL, *own = NULL, *body = NULL, *reply = NULL;
  GThread *thread;
  gint64 pushed;

  teams_setup (f, &t);
  lp.f = f;
  lp.device = t.a2;
  thread = g_thread_new ("long-poll", long_poll_thread, &lp);
  g_usleep (300 * 1000);

  /* Another team's change does not wake a2's pull... */
  other = joint_action (t.b1->id, 1, ROW_C, t.team_b, "Tuđe");
  body = push_body (t.b1->id, other, NULL);
  g_assert_cmpuint (push (f, t.b1, body, &reply), ==, 200);
  g_usleep (200 * 1000);

  /* ...its teammate's does, at once. */
  own = joint_action (t.a1->id, 1, ROW_A, t.team_a, "Naše");
  g_free (body);
  body = push_body (t.a1->id, own, NULL);
  pushed = g_get_monotonic_time ();
  g_clear_pointer (&reply, g_free);
  g_assert_cmpuint (push (f, t.a1, body, &reply), ==, 200);
  g_thread_join (thread);

  g_test_message ("long-poll answered %.1f ms after the push began",
                  (lp.done_at - pushed) / 1000.0);
  g_assert_cmpuint (lp.n_changes, ==, 1);
  g_assert_cmpint (lp.done_at - pushed, <, G_USEC_PER_SEC);

  /* With nothing to read, it answers empty once the wait is over. */
  {
    g_autofree char *empty = NULL;
    g_autoptr(GError) error = NULL;
    gint64 start = g_get_monotonic_time ();

    g_assert_cmpuint (server_request (f, "GET", "/v1/pull?after=3&wait=1",
                                      t.a2->token, NULL, 0, &empty, &error),
                      ==, 200);
    g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC * 9 / 10);
    g_assert_nonnull (strstr (empty, "\"changes\":[]"));
  }
  teams_clear (&t);
}

static int
raw_int (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int value = -1;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

/* A database of version 2 loses the change_team index nothing read. */
static void
test_upgrade (ServerFixture *f,
              gconstpointer  data)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (server_fixture_stop (f), ==, 0);
  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE INDEX change_team ON change"
                                     " (team_id, gseq);"
                                     "PRAGMA user_version = 2", NULL, NULL,
                                 NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  server_fixture_start (f);
  g_assert_cmpint (raw_int (f->db, "PRAGMA user_version"), ==, 3);
  g_assert_cmpint (raw_int (f->db, "SELECT count (*) FROM sqlite_master"
                                   " WHERE name = 'change_team'"), ==, 0);
  g_assert_cmpint (raw_int (f->db, "SELECT count (*) FROM"
                                   " pragma_integrity_check"
                                   " WHERE integrity_check = 'ok'"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, ServerFixture, NULL, server_fixture_setup, func, \
              server_fixture_teardown)

  ADD ("/server/enroll", test_enroll);
  ADD ("/server/enroll/rate-limit", test_enroll_rate_limit);
  ADD ("/server/enroll/bad-body", test_enroll_bad_body);
  ADD ("/server/push-pull", test_push_pull);
  ADD ("/server/scope", test_scope);
  ADD ("/server/row", test_row);
  ADD ("/server/retry", test_retry);
  ADD ("/server/too-large", test_too_large);
  ADD ("/server/bad-input", test_bad_input);
  ADD ("/server/auth", test_auth);
  ADD ("/server/versions", test_versions);
  ADD ("/server/upgrade", test_upgrade);
  ADD ("/server/tls-refused", test_tls_refused);
  ADD ("/server/cli", test_cli);
  ADD ("/server/long-poll", test_long_poll);

#undef ADD

  return g_test_run ();
}
