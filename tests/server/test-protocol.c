/* test-protocol.c: the wire format alone, without a server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mreza-json.h"
#include "mreza-protocol.h"
#include "mreza-store.h"

#define DEVICE "5a3b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d"
#define ROW "0b8f6c2e-1d3a-4c5b-9e7f-00000000000a"
#define HLC "1700000000000-00001-" DEVICE

static const char valid_push[] =
  "{\"protocol\": 1, \"schema\": " G_STRINGIFY (MREZA_SYNC_SCHEMA) ", \"device\": \"" DEVICE "\","
  " \"changes\": ["
  "  [1, \"indicator\", \"" ROW "\", \"u\", \"" HLC "\","
  "   {\"text\": \"Broj \\\"obuka\\\"\\n\", \"number\": 2, \"target_num\": 4,"
  "    \"target_text\": null}, {\"text\": null, \"number\": \"" HLC "\"}],"
  "  [7, \"indicator\", \"" ROW "\", \"d\", \"" HLC "\", {}, {}]]}";

static void
test_push_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrezaPushRequest) request = NULL;
  g_autoptr(MrezaPushRequest) again = NULL;
  g_autoptr(GBytes) encoded = NULL;
  MrezaWireChange *change;

  request = mreza_push_request_parse (valid_push, strlen (valid_push), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (request->device, ==, DEVICE);
  g_assert_cmpuint (request->changes->len, ==, 2);

  change = g_ptr_array_index (request->changes, 0);
  g_assert_cmpint (change->dseq, ==, 1);
  g_assert_cmpstr (change->table->name, ==, "indicator");
  g_assert_cmpint (change->op, ==, MREZA_WIRE_UPDATE);
  g_assert_cmpstr (mreza_wire_change_get_string (change, "text"), ==,
                   "Broj \"obuka\"\n");
  mreza_wire_change_ensure_json (change);
  g_assert_cmpstr (change->fields_json, ==,
                   "{\"text\":\"Broj \\\"obuka\\\"\\n\",\"number\":2,"
                   "\"target_num\":4,\"target_text\":null}");

  /* What the client encodes, the server parses to the same. */
  encoded = mreza_protocol_encode_push (DEVICE,
                                        (MrezaWireChange **) request->changes->pdata,
                                        request->changes->len);
  again = mreza_push_request_parse (g_bytes_get_data (encoded, NULL),
                                    g_bytes_get_size (encoded), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->changes->len, ==, 2);
  g_assert_cmpint (((MrezaWireChange *) g_ptr_array_index (again->changes, 1))->op,
                   ==, MREZA_WIRE_DELETE);
}

static void
test_pull_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrezaPushRequest) request = NULL;
  g_autoptr(MrezaPullReply) reply = NULL;
  g_autoptr(GBytes) encoded = NULL;
  MrezaWireChange *change;

  request = mreza_push_request_parse (valid_push, strlen (valid_push), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < request->changes->len; i++)
    {
      change = g_ptr_array_index (request->changes, i);
      change->gseq = 100 + i;
      change->device = g_strdup (DEVICE);
    }

  encoded = mreza_protocol_encode_pull_reply ((MrezaWireChange **) request->changes->pdata,
                                              request->changes->len, 101, TRUE);
  reply = mreza_pull_reply_parse (g_bytes_get_data (encoded, NULL),
                                  g_bytes_get_size (encoded), &error);
  g_assert_no_error (error);
  g_assert_cmpint (reply->cursor, ==, 101);
  g_assert_true (reply->more);
  g_assert_cmpuint (reply->changes->len, ==, 2);
  change = g_ptr_array_index (reply->changes, 0);
  g_assert_cmpint (change->gseq, ==, 100);
  g_assert_cmpstr (change->device, ==, DEVICE);
  g_assert_nonnull (change->bases);
  g_assert_cmpuint (json_object_get_size (change->bases), ==, 2);
}

static void
test_enroll_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = mreza_protocol_encode_enroll ("ABCD-EFGH-JKLM",
                                                         "Laptop \"Niš\"");
  g_autoptr(MrezaEnrollRequest) request = NULL;
  MrezaEnrollReply reply = {
    (char *) DEVICE, (char *) "token", (char *) DEVICE, (char *) "Niš",
    (char *) "member"
  };
  g_autoptr(GBytes) answer = mreza_protocol_encode_enroll_reply (&reply);
  g_autoptr(MrezaEnrollReply) parsed = NULL;

  request = mreza_enroll_request_parse (g_bytes_get_data (body, NULL),
                                        g_bytes_get_size (body), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (request->code, ==, "ABCD-EFGH-JKLM");
  g_assert_cmpstr (request->name, ==, "Laptop \"Niš\"");

  parsed = mreza_enroll_reply_parse (g_bytes_get_data (answer, NULL),
                                     g_bytes_get_size (answer), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (parsed->team_name, ==, "Niš");
  g_assert_cmpstr (parsed->role, ==, "member");
}

static void
test_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) parsed = NULL;
  g_autoptr(GBytes) body = NULL;

  g_assert_cmpuint (mreza_protocol_error_status (MREZA_PROTOCOL_ERROR_INVALID),
                    ==, 400);
  g_assert_cmpuint (mreza_protocol_error_status (MREZA_PROTOCOL_ERROR_REVOKED),
                    ==, 401);
  g_assert_cmpuint (mreza_protocol_error_status (MREZA_PROTOCOL_ERROR_UPDATE_SERVER),
                    ==, 409);
  g_assert_cmpuint (mreza_protocol_error_status (MREZA_PROTOCOL_ERROR_UPDATE_CLIENT),
                    ==, 426);
  g_assert_cmpuint (mreza_protocol_error_status (MREZA_PROTOCOL_ERROR_TOO_LARGE),
                    ==, 413);

  g_assert_false (mreza_protocol_check_versions (MREZA_PROTOCOL_VERSION + 1, 1,
                                                 &error));
  g_assert_error (error, MREZA_PROTOCOL_ERROR, MREZA_PROTOCOL_ERROR_UPDATE_SERVER);
  body = mreza_protocol_encode_error (error);
  mreza_protocol_set_error_from_reply (&parsed, 409,
                                       g_bytes_get_data (body, NULL),
                                       g_bytes_get_size (body));
  g_assert_error (parsed, MREZA_PROTOCOL_ERROR,
                  MREZA_PROTOCOL_ERROR_UPDATE_SERVER);
  g_assert_cmpstr (parsed->message, ==, error->message);
  g_clear_error (&parsed);

  /* A proxy's HTML page: the status decides. */
  mreza_protocol_set_error_from_reply (&parsed, 413, "<html>", 6);
  g_assert_error (parsed, MREZA_PROTOCOL_ERROR, MREZA_PROTOCOL_ERROR_TOO_LARGE);
}

static void
test_hlc (void)
{
  g_assert_true (mreza_protocol_is_hlc (HLC));
  g_assert_false (mreza_protocol_is_hlc ("1700000000000-00001-"));
  g_assert_false (mreza_protocol_is_hlc ("170000000000x-00001-" DEVICE));
  g_assert_false (mreza_protocol_is_hlc ("1700000000000-00001-"
                                         "5A3B0C1D-2E3F-4A5B-8C6D-7E8F9A0B1C2D"));
  g_assert_false (mreza_protocol_is_hlc ("1700000000000_00001-" DEVICE));
  g_assert_false (mreza_protocol_is_hlc (NULL));
}

static void
test_deep (void)
{
  gsize depth = 100000;
  g_autofree char *deep = g_malloc (depth * 2 + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(MrezaPushRequest) request = NULL;

  memset (deep, '[', depth);
  memset (deep + depth, ']', depth);
  deep[depth * 2] = '\0';
  request = mreza_push_request_parse (deep, depth * 2, &error);
  g_assert_null (request);
  g_assert_error (error, MREZA_PROTOCOL_ERROR, MREZA_PROTOCOL_ERROR_INVALID);
}

/* The wire reader builds json-glib's tree, and refuses what it refuses. */
static void
test_wire_reader (void)
{
  static const char * const same[] = {
    "{}", "[]", " {\"a\" : [1, -2, 3.5, -0.25e2, 1E3, true, false, null] } ",
    "\"\\u00e9\\ud83d\\ude00\\n\\t\\\"\\/\"", "{\"a\": 1, \"a\": 2}",
    "[\"Šđžćč\", {\"x\": {\"y\": []}}, 9007199254740991, -0]",
    "0", "\"\"",
  };
  g_autoptr(JsonNode) big = NULL;
  static const char * const refused[] = {
    "", " ", "{", "[1,]", "{\"a\" 1}", "{\"a\": 1,}", "[01]", "[1.]",
    "[.5]", "[1e]", "[+1]", "tru", "nul", "[1] x", "\"a\tb\"", "\"\\x\"",
    "\"\\ud83d\"", "\"\\ude00\"", "\"\\u0000\"", "\"abc", "{1: 2}",
    "[\"\\u12\"]", "\xff",
  };

  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (json_parser_load_from_data (parser, same[i], -1, NULL));
      node = mreza_json_parse_wire (same[i], strlen (same[i]), &error);
      g_assert_no_error (error);
      g_assert_true (json_node_equal (node, json_parser_get_root (parser)));
    }

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (mreza_json_parse_wire (refused[i], strlen (refused[i]),
                                            &error));
      g_assert_error (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_PARSE);
    }

  /* json-glib wraps an integer too large for 64 bits; this reader keeps
   * it as a double, which the validators refuse as out of range. */
  big = mreza_json_parse_wire ("123456789012345678901234567890", 30, NULL);
  g_assert_cmpint (json_node_get_value_type (big), ==, G_TYPE_DOUBLE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/protocol/push-round-trip", test_push_round_trip);
  g_test_add_func ("/protocol/pull-round-trip", test_pull_round_trip);
  g_test_add_func ("/protocol/enroll-round-trip", test_enroll_round_trip);
  g_test_add_func ("/protocol/errors", test_errors);
  g_test_add_func ("/protocol/hlc", test_hlc);
  g_test_add_func ("/protocol/deep", test_deep);
  g_test_add_func ("/protocol/wire-reader", test_wire_reader);

  return g_test_run ();
}
