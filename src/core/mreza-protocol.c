/* mreza-protocol.c: the sync wire format, shared by client and server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Parsers take untrusted bytes: the depth pre-scan of mreza-json runs
 * first, then every node is checked for its type before it is read, so
 * that no json-glib getter ever sees a node of the wrong kind (they
 * warn, and fatal-warnings turns that into a crash). Encoders write the
 * JSON text directly: the pull reply embeds the stored compact fields
 * text as is, instead of parsing it back into a tree.
 */
#define G_LOG_DOMAIN "mreza-protocol"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mreza-protocol.h"

#include "mreza-json.h"
#include "mreza-store.h"

G_DEFINE_QUARK (mreza-protocol-error-quark, mreza_protocol_error)

static const struct
{
  guint       status;
  const char *name;
} error_info[] = {
  [MREZA_PROTOCOL_ERROR_INVALID] = { 400, "invalid" },
  [MREZA_PROTOCOL_ERROR_UNAUTHORIZED] = { 401, "unauthorized" },
  [MREZA_PROTOCOL_ERROR_REVOKED] = { 401, "revoked" },
  [MREZA_PROTOCOL_ERROR_BAD_CODE] = { 401, "bad_code" },
  [MREZA_PROTOCOL_ERROR_EXPIRED_CODE] = { 401, "expired_code" },
  [MREZA_PROTOCOL_ERROR_FORBIDDEN] = { 403, "forbidden" },
  [MREZA_PROTOCOL_ERROR_NOT_FOUND] = { 404, "not_found" },
  [MREZA_PROTOCOL_ERROR_METHOD] = { 405, "method_not_allowed" },
  [MREZA_PROTOCOL_ERROR_UPDATE_SERVER] = { 409, "update_server" },
  [MREZA_PROTOCOL_ERROR_LENGTH_REQUIRED] = { 411, "length_required" },
  [MREZA_PROTOCOL_ERROR_TOO_LARGE] = { 413, "too_large" },
  [MREZA_PROTOCOL_ERROR_UPDATE_CLIENT] = { 426, "update_client" },
  [MREZA_PROTOCOL_ERROR_RATE_LIMITED] = { 429, "rate_limited" },
  [MREZA_PROTOCOL_ERROR_FAILED] = { 500, "failed" },
};

/**
 * mreza_protocol_error_status:
 * @code: a #MrezaProtocolError
 *
 * Returns: the HTTP status the server answers @code with
 */
guint
mreza_protocol_error_status (int code)
{
  if (code < 0 || code >= (int) G_N_ELEMENTS (error_info))
    return 500;
  return error_info[code].status;
}

/**
 * mreza_protocol_error_name:
 * @code: a #MrezaProtocolError
 *
 * Returns: the machine name of @code, the "code" of an error body
 */
const char *
mreza_protocol_error_name (int code)
{
  if (code < 0 || code >= (int) G_N_ELEMENTS (error_info))
    return "failed";
  return error_info[code].name;
}

/**
 * mreza_protocol_check_versions:
 * @protocol: the peer's protocol version
 * @schema: the peer's schema version
 * @error: return location for a #GError
 *
 * Refuses a peer newer than this build (UPDATE_SERVER: the server is
 * the one to update) or older than the oldest supported
 * (UPDATE_CLIENT).
 *
 * Returns: %TRUE if this build speaks with the peer
 */
gboolean
mreza_protocol_check_versions (gint64   protocol,
                               gint64   schema,
                               GError **error)
{
  if (protocol > MREZA_PROTOCOL_VERSION || schema > MREZA_SYNC_SCHEMA)
    {
      g_autofree char *p = g_strdup_printf ("%" G_GINT64_FORMAT, protocol);
      g_autofree char *v = g_strdup_printf ("%" G_GINT64_FORMAT, schema);

      g_set_error (error, MREZA_PROTOCOL_ERROR,
                   MREZA_PROTOCOL_ERROR_UPDATE_SERVER,
                   _("This Mreža speaks protocol %s and schema %s, newer "
                     "than the coordinator's (%d, %d): update the server"),
                   p, v, MREZA_PROTOCOL_VERSION, MREZA_SYNC_SCHEMA);
      return FALSE;
    }
  if (protocol < MREZA_PROTOCOL_MIN_VERSION ||
      schema < MREZA_PROTOCOL_MIN_SCHEMA)
    {
      g_autofree char *p = g_strdup_printf ("%" G_GINT64_FORMAT, protocol);
      g_autofree char *v = g_strdup_printf ("%" G_GINT64_FORMAT, schema);

      g_set_error (error, MREZA_PROTOCOL_ERROR,
                   MREZA_PROTOCOL_ERROR_UPDATE_CLIENT,
                   _("This Mreža is too old for the coordinator "
                     "(protocol %s, schema %s): update Mreža"), p, v);
      return FALSE;
    }
  return TRUE;
}

/* JSON text */

/**
 * mreza_protocol_append_string:
 * @out: where to write
 * @str: UTF-8 text
 *
 * Appends @str as a JSON string, escaping only what JSON requires.
 */
void
mreza_protocol_append_string (GString    *out,
                              const char *str)
{
  g_string_append_c (out, '"');
  for (const char *p = str; *p != '\0'; p++)
    {
      const char *run = p;
      guchar c;

      /* Most text needs no escape: copy it in runs. */
      while (*p != '\0' && *p != '"' && *p != '\\' && (guchar) *p >= 0x20)
        p++;
      g_string_append_len (out, run, p - run);
      if (*p == '\0')
        break;
      c = (guchar) *p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
          break;
        }
    }
  g_string_append_c (out, '"');
}

static void
append_json_value (GString  *out,
                   JsonNode *node)
{
  if (JSON_NODE_HOLDS_NULL (node))
    {
      g_string_append (out, "null");
      return;
    }

  g_assert (JSON_NODE_HOLDS_VALUE (node));
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      g_string_append_printf (out, "%" G_GINT64_FORMAT,
                              json_node_get_int (node));
      break;
    case G_TYPE_DOUBLE:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];

        g_string_append (out, g_ascii_dtostr (buf, sizeof buf,
                                              json_node_get_double (node)));
      }
      break;
    case G_TYPE_STRING:
      mreza_protocol_append_string (out, json_node_get_string (node));
      break;
    default:
      g_assert_not_reached ();
    }
}

static GBytes *
encode_error (int         code,
              const char *message)
{
  GString *out = g_string_new ("{\"error\":");

  mreza_protocol_append_string (out, message);
  g_string_append (out, ",\"code\":");
  mreza_protocol_append_string (out, mreza_protocol_error_name (code));
  g_string_append_c (out, '}');

  return g_string_free_to_bytes (out);
}

/**
 * mreza_protocol_encode_error:
 * @error: what went wrong
 *
 * Returns: (transfer full): the body `{"error": message, "code": name}`;
 *   an error of another domain is a 500 "failed"
 */
GBytes *
mreza_protocol_encode_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == MREZA_PROTOCOL_ERROR)
    return encode_error (error->code, error->message);
  return encode_error (MREZA_PROTOCOL_ERROR_FAILED, error->message);
}

/* Reading nodes, each checked for its kind first */

static gboolean
node_is_int (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_INT64;
}

static gboolean
node_is_number (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         (json_node_get_value_type (node) == G_TYPE_INT64 ||
          json_node_get_value_type (node) == G_TYPE_DOUBLE);
}

static gboolean
node_is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
invalid (GError     **error,
         const char  *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError     **error,
         const char  *format,
         ...)
{
  va_list args;

  if (error == NULL)
    return FALSE;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (MREZA_PROTOCOL_ERROR,
                                                MREZA_PROTOCOL_ERROR_INVALID,
                                                format, args));
  va_end (args);

  return FALSE;
}

static gboolean
read_int (JsonNode    *node,
          const char  *what,
          gint64       min,
          gint64       max,
          gint64      *out,
          GError     **error)
{
  gint64 value;

  if (node == NULL)
    return invalid (error, _("%s is missing"), what);
  if (!node_is_int (node))
    return invalid (error, _("%s must be a whole number"), what);

  value = json_node_get_int (node);
  if (value < min || value > max)
    {
      g_autofree char *v = g_strdup_printf ("%" G_GINT64_FORMAT, value);
      g_autofree char *lo = g_strdup_printf ("%" G_GINT64_FORMAT, min);
      g_autofree char *hi = g_strdup_printf ("%" G_GINT64_FORMAT, max);

      return invalid (error, _("%s is %s, outside %s…%s"), what, v, lo, hi);
    }

  *out = value;
  return TRUE;
}

static gboolean
read_string (JsonNode    *node,
             const char  *what,
             gsize        max_length,
             const char **out,
             GError     **error)
{
  const char *value;

  if (node == NULL)
    return invalid (error, _("%s is missing"), what);
  if (!node_is_string (node))
    return invalid (error, _("%s must be a string"), what);

  value = json_node_get_string (node);
  if (strlen (value) > max_length)
    {
      g_autofree char *n = g_strdup_printf ("%" G_GSIZE_FORMAT, max_length);

      return invalid (error, _("%s is longer than %s bytes"), what, n);
    }
  if (!g_utf8_validate (value, -1, NULL))
    return invalid (error, _("%s is not valid UTF-8"), what);

  *out = value;
  return TRUE;
}

static JsonObject *
root_object (const char  *data,
             gsize        length,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (length > MREZA_PROTOCOL_MAX_BODY * (gsize) 8)
    {
      g_set_error (error, MREZA_PROTOCOL_ERROR, MREZA_PROTOCOL_ERROR_TOO_LARGE,
                   _("The body is too large"));
      return NULL;
    }

  if (data == NULL || length == 0)
    {
      invalid (error, _("The body is empty"));
      return NULL;
    }

  root = mreza_json_parse_wire (data, length, &local_error);
  if (root == NULL)
    {
      invalid (error, "%s", local_error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      invalid (error, _("The body must be a JSON object"));
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

/* UUIDs are compared as text (row owners, devices), so only the
 * lowercase form that g_uuid_string_random () writes is accepted. */
gboolean
mreza_protocol_is_uuid (const char *str)
{
  if (str == NULL || !g_uuid_string_is_valid (str))
    return FALSE;
  for (const char *p = str; *p != '\0'; p++)
    if (g_ascii_isupper (*p))
      return FALSE;
  return TRUE;
}

/**
 * mreza_protocol_is_hlc:
 * @str: (nullable): a string
 *
 * Returns: %TRUE if @str is a hybrid logical clock as DESIGN.md writes
 *   it: 13 digits of milliseconds, 5 of counter, the device's UUID
 */
gboolean
mreza_protocol_is_hlc (const char *str)
{
  if (str == NULL || strlen (str) != MREZA_HLC_LENGTH)
    return FALSE;

  for (guint i = 0; i < 13; i++)
    if (!g_ascii_isdigit (str[i]))
      return FALSE;
  if (str[13] != '-')
    return FALSE;
  for (guint i = 14; i < 19; i++)
    if (!g_ascii_isdigit (str[i]))
      return FALSE;
  if (str[19] != '-')
    return FALSE;

  return mreza_protocol_is_uuid (str + 20);
}

/* Changes */

/**
 * mreza_wire_change_new:
 *
 * Returns: (transfer full): an empty change
 */
MrezaWireChange *
mreza_wire_change_new (void)
{
  return g_new0 (MrezaWireChange, 1);
}

void
mreza_wire_change_free (MrezaWireChange *change)
{
  if (change == NULL)
    return;

  g_free (change->device);
  g_free (change->row_id);
  g_free (change->hlc);
  g_clear_pointer (&change->fields, json_object_unref);
  g_free (change->fields_json);
  g_clear_pointer (&change->bases, json_object_unref);
  g_free (change->bases_json);
  if (change->texts != NULL)
    for (guint i = 0; i < change->table->n_columns; i++)
      g_free (change->texts[i]);
  g_free (change->texts);
  g_free (change);
}

/* Members in the order they came, so that the stored text reads like
 * what the client sent. */
static char *
object_to_json (JsonObject *object)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  GString *out;
  gboolean first = TRUE;

  if (object == NULL)
    return g_strdup ("{}");

  out = g_string_sized_new (256);
  g_string_append_c (out, '{');
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &value))
    {
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      mreza_protocol_append_string (out, name);
      g_string_append_c (out, ':');
      append_json_value (out, value);
    }
  g_string_append_c (out, '}');

  return g_string_free (out, FALSE);
}

/**
 * mreza_wire_change_ensure_json:
 * @change: a change
 *
 * Writes the compact JSON text of the fields and bases from their
 * objects, where it is not there yet.
 */
void
mreza_wire_change_ensure_json (MrezaWireChange *change)
{
  g_return_if_fail (change != NULL);

  if (change->fields_json == NULL)
    change->fields_json = object_to_json (change->fields);
  if (change->bases_json == NULL)
    change->bases_json = object_to_json (change->bases);
}

/**
 * mreza_wire_change_get_string:
 * @change: a parsed change
 * @column: a column of its table
 *
 * Returns: (nullable) (transfer none): the string value @change gives
 *   @column, or %NULL if it gives none or null
 */
const char *
mreza_wire_change_get_string (const MrezaWireChange *change,
                         const char        *column)
{
  JsonNode *node;

  g_return_val_if_fail (change != NULL, NULL);

  if (change->texts != NULL)
    {
      for (guint i = 0; i < change->table->n_columns; i++)
        if (g_str_equal (change->table->columns[i].name, column))
          return change->texts[i];
      return NULL;
    }
  if (change->fields == NULL)
    return NULL;
  node = json_object_get_member (change->fields, column);
  if (!node_is_string (node))
    return NULL;
  return json_node_get_string (node);
}

/**
 * mreza_protocol_append_change:
 * @out: where to write
 * @change: a change
 *
 * Appends @change as a wire array: the push form when its gseq is 0,
 * the server's form (gseq and device first) otherwise.
 */
void
mreza_protocol_append_change (GString     *out,
                              MrezaWireChange *change)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (change != NULL && change->table != NULL);

  g_string_append_c (out, '[');
  if (change->gseq > 0)
    {
      g_string_append_printf (out, "%" G_GINT64_FORMAT ",", change->gseq);
      mreza_protocol_append_string (out, change->device);
      g_string_append_c (out, ',');
    }
  g_string_append_printf (out, "%" G_GINT64_FORMAT ",", change->dseq);
  mreza_protocol_append_string (out, change->table->name);
  g_string_append_c (out, ',');
  mreza_protocol_append_string (out, change->row_id);
  g_string_append_printf (out, ",\"%c\",", (char) change->op);
  mreza_protocol_append_string (out, change->hlc);
  g_string_append_c (out, ',');
  mreza_wire_change_ensure_json (change);
  g_string_append (out, change->fields_json);
  g_string_append_c (out, ',');
  g_string_append (out, change->bases_json);
  g_string_append_c (out, ']');
}

/* A name from the wire, short enough to quote in a message. */
static const char *
shown (const char *name)
{
  if (strlen (name) > 64 || !g_utf8_validate (name, -1, NULL))
    return "…";
  return name;
}

static gboolean
check_uuid_column (const MrezaColumn  *column,
                   const char         *value,
                   GError            **error)
{
  if (!g_str_has_suffix (column->name, "_id") || mreza_protocol_is_uuid (value))
    return TRUE;
  return invalid (error, _("column “%s” must hold a lowercase UUID"),
                  column->name);
}

static gboolean
check_field (const MrezaTableInfo  *table,
             const char            *name,
             JsonNode              *node,
             GError               **error)
{
  const MrezaColumn *column = mreza_schema_find_column (table, name);

  if (column == NULL)
    return invalid (error, _("table “%s” has no column “%s”"), table->name,
                    shown (name));

  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (!column->nullable)
        return invalid (error, _("column “%s” of table “%s” may not be null"),
                        name, table->name);
      return TRUE;
    }

  switch (column->type)
    {
    case MREZA_COL_TEXT:
      if (!node_is_string (node))
        return invalid (error, _("column “%s” of table “%s” must be a string"),
                        name, table->name);
      if (strlen (json_node_get_string (node)) > MREZA_PROTOCOL_MAX_TEXT)
        return invalid (error, _("column “%s” of table “%s” is longer than "
                                 "%d bytes"),
                        name, table->name, MREZA_PROTOCOL_MAX_TEXT);
      /* The body was valid UTF-8, but json-glib decodes a lone
       * surrogate escape ("\ud800") to bytes that are not: stored, they
       * would make every pull of this change fail. (Found by fuzzing.) */
      if (!g_utf8_validate (json_node_get_string (node), -1, NULL))
        return invalid (error, _("column “%s” of table “%s” is not valid "
                                 "UTF-8"), name, table->name);
      return check_uuid_column (column, json_node_get_string (node), error);

    case MREZA_COL_INT:
      if (!node_is_int (node))
        return invalid (error, _("column “%s” of table “%s” must be a whole "
                                 "number"), name, table->name);
      if (json_node_get_int (node) > MREZA_PROTOCOL_MAX_INT ||
          json_node_get_int (node) < -MREZA_PROTOCOL_MAX_INT)
        return invalid (error, _("column “%s” of table “%s” is out of range"),
                        name, table->name);
      return TRUE;

    case MREZA_COL_REAL:
      if (!node_is_number (node))
        return invalid (error, _("column “%s” of table “%s” must be a number"),
                        name, table->name);
      if (!isfinite (json_node_get_double (node)) ||
          fabs (json_node_get_double (node)) > 1e300)
        return invalid (error, _("column “%s” of table “%s” is out of range"),
                        name, table->name);
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

static gboolean
check_fields (MrezaWireChange  *change,
              JsonNode     *node,
              GError      **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, _("the fields must be an object"));

  change->fields = json_object_ref (json_node_get_object (node));
  if (change->op == MREZA_WIRE_DELETE && json_object_get_size (change->fields) > 0)
    return invalid (error, _("a delete carries no fields"));

  json_object_iter_init (&iter, change->fields);
  while (json_object_iter_next (&iter, &name, &value))
    if (!check_field (change->table, name, value, error))
      return FALSE;

  return TRUE;
}

static gboolean
check_bases (MrezaWireChange  *change,
             JsonNode         *node,
             GError          **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, _("the base clocks must be an object"));

  change->bases = json_object_ref (json_node_get_object (node));
  if (change->op == MREZA_WIRE_DELETE && json_object_get_size (change->bases) > 0)
    return invalid (error, _("a delete carries no base clocks"));

  json_object_iter_init (&iter, change->bases);
  while (json_object_iter_next (&iter, &name, &value))
    {
      if (mreza_schema_find_column (change->table, name) == NULL)
        return invalid (error, _("table “%s” has no column “%s”"),
                        change->table->name, shown (name));
      if (JSON_NODE_HOLDS_NULL (value))
        continue;
      if (!node_is_string (value) ||
          !mreza_protocol_is_hlc (json_node_get_string (value)))
        return invalid (error, _("the base clock of column “%s” must be null "
                                 "or a clock"), name);
    }

  return TRUE;
}

static gboolean
read_op (JsonNode       *node,
         MrezaWireOp  *op,
         GError        **error)
{
  const char *str;

  if (!node_is_string (node))
    return invalid (error, _("the operation must be a string"));

  str = json_node_get_string (node);
  if (g_str_equal (str, "u"))
    *op = MREZA_WIRE_UPDATE;
  else if (g_str_equal (str, "d"))
    *op = MREZA_WIRE_DELETE;
  else
    return invalid (error, _("the operation must be “u” or “d”"));

  return TRUE;
}

static gboolean
read_change_body (MrezaWireChange  *change,
                  JsonArray    *array,
                  guint         first,
                  GError      **error)
{
  const char *str;

  if (!read_int (json_array_get_element (array, first), _("the device sequence"),
                 1, MREZA_PROTOCOL_MAX_INT, &change->dseq, error))
    return FALSE;

  if (!read_string (json_array_get_element (array, first + 1), _("the table"),
                    64, &str, error))
    return FALSE;
  change->table = mreza_schema_find_table (str);
  if (change->table == NULL)
    return invalid (error, _("there is no synced table “%s”"), shown (str));

  if (!read_string (json_array_get_element (array, first + 2), _("the row id"),
                    64, &str, error))
    return FALSE;
  if (!mreza_protocol_is_uuid (str))
    return invalid (error, _("the row id must be a lowercase UUID"));
  change->row_id = g_strdup (str);

  if (!read_op (json_array_get_element (array, first + 3), &change->op, error))
    return FALSE;

  if (!read_string (json_array_get_element (array, first + 4), _("the clock"),
                    MREZA_HLC_LENGTH, &str, error))
    return FALSE;
  if (!mreza_protocol_is_hlc (str))
    return invalid (error, _("the clock must read "
                             "“0000000000000-00000-device-uuid”"));
  change->hlc = g_strdup (str);

  return check_fields (change, json_array_get_element (array, first + 5),
                       error) &&
         check_bases (change, json_array_get_element (array, first + 6), error);
}

/* with_origin: the server's form, with gseq and device first. */
static MrezaWireChange *
read_change (JsonNode  *node,
             gboolean   with_origin,
             GError   **error)
{
  g_autoptr(MrezaWireChange) change = mreza_wire_change_new ();
  guint expected = with_origin ? 9 : 7;
  JsonArray *array;
  const char *device;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      invalid (error, _("a change must be an array"));
      return NULL;
    }

  array = json_node_get_array (node);
  if (json_array_get_length (array) != expected)
    {
      invalid (error, _("a change must have %u elements"), expected);
      return NULL;
    }

  if (with_origin)
    {
      if (!read_int (json_array_get_element (array, 0), _("the global sequence"),
                     1, MREZA_PROTOCOL_MAX_INT, &change->gseq, error) ||
          !read_string (json_array_get_element (array, 1), _("the device"), 64,
                        &device, error))
        return NULL;
      if (!mreza_protocol_is_uuid (device))
        {
          invalid (error, _("the device must be a lowercase UUID"));
          return NULL;
        }
      change->device = g_strdup (device);
    }

  if (!read_change_body (change, array, with_origin ? 2 : 0, error))
    return NULL;

  return g_steal_pointer (&change);
}

static void
prefix_error (GError **error,
              guint    index,
              gint64   dseq)
{
  if (dseq > 0)
    {
      g_autofree char *d = g_strdup_printf ("%" G_GINT64_FORMAT, dseq);

      g_prefix_error (error, _("Change %u (device sequence %s): "),
                      index + 1, d);
    }
  else
    g_prefix_error (error, _("Change %u: "), index + 1);
}

static GPtrArray *
read_changes (JsonNode  *node,
              gboolean   with_origin,
              GError   **error)
{
  g_autoptr(GPtrArray) changes = NULL;
  JsonArray *array;
  guint n;

  if (node == NULL)
    {
      invalid (error, _("“changes” is missing"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      invalid (error, _("“changes” must be an array"));
      return NULL;
    }

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n > MREZA_PROTOCOL_MAX_CHANGES)
    {
      invalid (error, _("A batch holds at most %d changes, not %u"),
               MREZA_PROTOCOL_MAX_CHANGES, n);
      return NULL;
    }

  changes = g_ptr_array_new_full (n, (GDestroyNotify) mreza_wire_change_free);
  for (guint i = 0; i < n; i++)
    {
      MrezaWireChange *change = read_change (json_array_get_element (array, i),
                                         with_origin, error);

      if (change == NULL)
        {
          prefix_error (error, i, 0);
          return NULL;
        }
      g_ptr_array_add (changes, change);
    }

  return g_steal_pointer (&changes);
}

/* Push */

void
mreza_push_request_free (MrezaPushRequest *request)
{
  if (request == NULL)
    return;

  g_free (request->device);
  g_clear_pointer (&request->changes, g_ptr_array_unref);
  g_free (request);
}

static gboolean
read_versions (JsonObject  *object,
               gint64      *protocol,
               gint64      *schema,
               GError     **error)
{
  if (!read_int (json_object_get_member (object, "protocol"), "“protocol”",
                 0, G_MAXINT32, protocol, error))
    return FALSE;
  if (schema != NULL &&
      !read_int (json_object_get_member (object, "schema"), "“schema”",
                 0, G_MAXINT32, schema, error))
    return FALSE;

  return mreza_protocol_check_versions (*protocol,
                                        schema != NULL ? *schema
                                                       : MREZA_SYNC_SCHEMA,
                                        error);
}

/* Sequences grow within a batch, so the highest is the last and a
 * repeated one is a client bug caught here instead of in the store. */
static gboolean
check_sequences (GPtrArray  *changes,
                 GError    **error)
{
  for (guint i = 1; i < changes->len; i++)
    {
      const MrezaWireChange *prev = g_ptr_array_index (changes, i - 1);
      const MrezaWireChange *change = g_ptr_array_index (changes, i);

      if (change->dseq <= prev->dseq)
        {
          invalid (error, _("the device sequences of a batch must grow"));
          prefix_error (error, i, change->dseq);
          return FALSE;
        }
    }
  return TRUE;
}

/* Push bodies are scanned, not parsed into a tree (mreza-json.c says
 * why). Each scalar is put in a scratch node, so that the checks above
 * (read_int, check_field…) judge it with the same messages as when
 * the body was a tree. */
typedef struct
{
  MrezaJsonScan  scan;
  JsonNode      *value;     /* a scalar's */
  JsonNode      *null;
  JsonNode      *container; /* an object or array where a scalar belongs */
  GString       *out;
} PushScan;

/* The next value as a node; containers are skipped. */
static JsonNode *
scan_node (PushScan *ps)
{
  MrezaJsonScan *scan = &ps->scan;
  MrezaJsonScalar v;

  if (mreza_json_scan_char (scan, '{') || mreza_json_scan_char (scan, '['))
    {
      scan->p--;
      return mreza_json_scan_skip (scan) ? ps->container : NULL;
    }
  if (!mreza_json_scan_scalar (scan, &v))
    return NULL;

  switch (v.type)
    {
    case MREZA_JSON_NULL:
      return ps->null;
    case MREZA_JSON_STRING:
      json_node_set_string (ps->value, scan->buf->str);
      break;
    case MREZA_JSON_INT:
      json_node_set_int (ps->value, v.i);
      break;
    case MREZA_JSON_DOUBLE:
      json_node_set_double (ps->value, v.d);
      break;
    case MREZA_JSON_BOOL:
    default:
      json_node_set_boolean (ps->value, v.b);
      break;
    }
  return ps->value;
}

static gboolean
malformed (PushScan  *ps,
           const char *data,
           GError    **error)
{
  g_autoptr(GError) local_error = NULL;

  if (error != NULL && *error != NULL)
    return FALSE;
  mreza_json_scan_set_error (&ps->scan, data, &local_error);
  return invalid (error, "%s", local_error->message);
}

/* One member of a change's fields (@bases FALSE) or bases object. */
/* Clients send a change's columns in the schema's order, so the column
 * after the previous one is tried first. */
static const MrezaColumn *
find_column_from (const MrezaTableInfo *table,
                  const char           *name,
                  guint                 hint)
{
  if (hint < table->n_columns &&
      strcmp (table->columns[hint].name, name) == 0)
    return &table->columns[hint];
  return mreza_schema_find_column (table, name);
}

static gboolean
scan_member (PushScan         *ps,
             MrezaWireChange  *change,
             gboolean          bases,
             guint64          *seen,
             guint            *next,
             GError          **error)
{
  const MrezaTableInfo *table = change->table;
  g_autofree char *unknown = NULL;
  const MrezaColumn *column;
  const char *name;
  JsonNode *node;
  guint index;

  if (!mreza_json_scan_string (&ps->scan))
    return FALSE;
  /* Looked up before the value reuses the scan's buffer; only an
   * unknown name is copied, for the message. */
  column = find_column_from (table, ps->scan.buf->str, *next);
  if (column == NULL)
    unknown = g_strndup (ps->scan.buf->str, ps->scan.buf->len);
  if (!mreza_json_scan_char (&ps->scan, ':') || !(node = scan_node (ps)))
    return FALSE;

  if (change->op == MREZA_WIRE_DELETE)
    return invalid (error, bases ? _("a delete carries no base clocks")
                                 : _("a delete carries no fields"));
  if (column == NULL)
    return invalid (error, _("table “%s” has no column “%s”"), table->name,
                    shown (unknown));
  name = column->name;
  index = column - table->columns;
  *next = index + 1;
  if (index < 64 && (*seen & (G_GUINT64_CONSTANT (1) << index)))
    return invalid (error, _("column “%s” is given twice"), name);
  if (index < 64)
    *seen |= G_GUINT64_CONSTANT (1) << index;

  if (bases)
    {
      if (!JSON_NODE_HOLDS_NULL (node) &&
          (!node_is_string (node) ||
           !mreza_protocol_is_hlc (json_node_get_string (node))))
        return invalid (error, _("the base clock of column “%s” must be null "
                                 "or a clock"), name);
    }
  else
    {
      if (!check_field (table, name, node, error))
        return FALSE;
      if (node_is_string (node))
        change->texts[index] = g_strdup (json_node_get_string (node));
    }

  if (ps->out->len > 1)
    g_string_append_c (ps->out, ',');
  mreza_protocol_append_string (ps->out, column->name);
  g_string_append_c (ps->out, ':');
  append_json_value (ps->out, node);
  return TRUE;
}

static gboolean
scan_object (PushScan         *ps,
             MrezaWireChange  *change,
             gboolean          bases,
             GError          **error)
{
  guint64 seen = 0;
  guint next = 0;

  if (!mreza_json_scan_char (&ps->scan, '{'))
    {
      if (scan_node (ps) == NULL)
        return FALSE;
      return invalid (error, bases ? _("the base clocks must be an object")
                                   : _("the fields must be an object"));
    }

  g_string_assign (ps->out, "{");
  if (!mreza_json_scan_char (&ps->scan, '}'))
    {
      do
        if (!scan_member (ps, change, bases, &seen, &next, error))
          return FALSE;
      while (mreza_json_scan_char (&ps->scan, ','));
      if (!mreza_json_scan_char (&ps->scan, '}'))
        return FALSE;
    }
  g_string_append_c (ps->out, '}');

  if (bases)
    change->bases_json = g_strndup (ps->out->str, ps->out->len);
  else
    change->fields_json = g_strndup (ps->out->str, ps->out->len);
  return TRUE;
}

/* The scalars of a push change, in order: dseq, table, row, op, hlc. */
static gboolean
scan_head (PushScan         *ps,
           MrezaWireChange  *change,
           GError          **error)
{
  JsonNode *node;
  const char *str;

  if (!(node = scan_node (ps)) ||
      !read_int (node, _("the device sequence"), 1, MREZA_PROTOCOL_MAX_INT,
                 &change->dseq, error) ||
      !mreza_json_scan_char (&ps->scan, ',') || !(node = scan_node (ps)) ||
      !read_string (node, _("the table"), 64, &str, error))
    return FALSE;
  change->table = mreza_schema_find_table (str);
  if (change->table == NULL)
    return invalid (error, _("there is no synced table “%s”"), shown (str));
  change->texts = g_new0 (char *, change->table->n_columns);

  if (!mreza_json_scan_char (&ps->scan, ',') || !(node = scan_node (ps)) ||
      !read_string (node, _("the row id"), 64, &str, error))
    return FALSE;
  if (!mreza_protocol_is_uuid (str))
    return invalid (error, _("the row id must be a lowercase UUID"));
  change->row_id = g_strdup (str);

  if (!mreza_json_scan_char (&ps->scan, ',') || !(node = scan_node (ps)) ||
      !read_op (node, &change->op, error) ||
      !mreza_json_scan_char (&ps->scan, ',') || !(node = scan_node (ps)) ||
      !read_string (node, _("the clock"), MREZA_HLC_LENGTH, &str, error))
    return FALSE;
  if (!mreza_protocol_is_hlc (str))
    return invalid (error, _("the clock must read "
                             "“0000000000000-00000-device-uuid”"));
  change->hlc = g_strdup (str);
  return TRUE;
}

static MrezaWireChange *
scan_push_change (PushScan  *ps,
                  GError   **error)
{
  g_autoptr(MrezaWireChange) change = mreza_wire_change_new ();

  if (!mreza_json_scan_char (&ps->scan, '['))
    {
      if (scan_node (ps) != NULL)
        invalid (error, _("a change must be an array"));
      return NULL;
    }

  if (!scan_head (ps, change, error) ||
      !mreza_json_scan_char (&ps->scan, ',') ||
      !scan_object (ps, change, FALSE, error) ||
      !mreza_json_scan_char (&ps->scan, ',') ||
      !scan_object (ps, change, TRUE, error) ||
      !mreza_json_scan_char (&ps->scan, ']'))
    {
      if (error == NULL || *error == NULL)
        invalid (error, _("a change must have %u elements"), 7);
      return NULL;
    }

  return g_steal_pointer (&change);
}

static GPtrArray *
scan_push_changes (PushScan    *ps,
                   const char  *data,
                   GError     **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_full (
    256, (GDestroyNotify) mreza_wire_change_free);

  if (!mreza_json_scan_char (&ps->scan, '['))
    {
      if (scan_node (ps) != NULL)
        invalid (error, _("“changes” must be an array"));
      else
        malformed (ps, data, error);
      return NULL;
    }
  if (mreza_json_scan_char (&ps->scan, ']'))
    return g_steal_pointer (&changes);

  do
    {
      MrezaWireChange *change;

      if (changes->len == MREZA_PROTOCOL_MAX_CHANGES)
        {
          invalid (error, _("A batch holds at most %d changes, not %u"),
                   MREZA_PROTOCOL_MAX_CHANGES, changes->len + 1);
          return NULL;
        }
      change = scan_push_change (ps, error);
      if (change == NULL)
        {
          if (*error == NULL)
            malformed (ps, data, error);
          prefix_error (error, changes->len, 0);
          return NULL;
        }
      g_ptr_array_add (changes, change);
    }
  while (mreza_json_scan_char (&ps->scan, ','));

  if (!mreza_json_scan_char (&ps->scan, ']'))
    return malformed (ps, data, error), NULL;
  return g_steal_pointer (&changes);
}

/* The top-level object's members, found without reading "changes". */
typedef struct
{
  const char *start[4];
  const char *end[4];
} Members;

static const char * const member_names[] = {
  "protocol", "schema", "device", "changes",
};

static gboolean
scan_members (PushScan  *ps,
              Members   *members)
{
  MrezaJsonScan *scan = &ps->scan;

  if (!mreza_json_scan_char (scan, '{'))
    return FALSE;
  if (mreza_json_scan_char (scan, '}'))
    return mreza_json_scan_at_end (scan);
  do
    {
      int which = -1;
      const char *start;

      if (!mreza_json_scan_string (scan) || !mreza_json_scan_char (scan, ':'))
        return FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (member_names); i++)
        if (g_str_equal (scan->buf->str, member_names[i]))
          which = i;
      start = scan->p;
      if (!mreza_json_scan_skip (scan))
        return FALSE;
      if (which >= 0)
        {
          members->start[which] = start;
          members->end[which] = scan->p;
        }
    }
  while (mreza_json_scan_char (scan, ','));

  return mreza_json_scan_char (scan, '}') && mreza_json_scan_at_end (scan);
}

/* A small member of the top-level object as a node (NULL if absent). */
static JsonNode *
member_node (Members *members,
             guint    which)
{
  if (members->start[which] == NULL)
    return NULL;
  return mreza_json_parse_wire (members->start[which],
                                members->end[which] - members->start[which],
                                NULL);
}

static gboolean
read_push_head (Members           *members,
                MrezaPushRequest  *request,
                GError           **error)
{
  g_autoptr(JsonNode) protocol = member_node (members, 0);
  g_autoptr(JsonNode) schema = member_node (members, 1);
  g_autoptr(JsonNode) device = member_node (members, 2);
  const char *str;

  if (!read_int (protocol, "“protocol”", 0, G_MAXINT32, &request->protocol,
                 error) ||
      !read_int (schema, "“schema”", 0, G_MAXINT32, &request->schema, error) ||
      !mreza_protocol_check_versions (request->protocol, request->schema,
                                      error) ||
      !read_string (device, "“device”", 64, &str, error))
    return FALSE;
  if (!mreza_protocol_is_uuid (str))
    return invalid (error, _("“device” must be a lowercase UUID"));
  request->device = g_strdup (str);
  return TRUE;
}

static void
push_scan_clear (PushScan *ps)
{
  mreza_json_scan_clear (&ps->scan);
  json_node_unref (ps->value);
  json_node_unref (ps->null);
  json_node_unref (ps->container);
  g_string_free (ps->out, TRUE);
}

/**
 * mreza_push_request_parse:
 * @data: the body of a push
 * @length: its length
 * @error: return location for a #GError
 *
 * Parses and validates a push body: versions first (a newer client
 * gets UPDATE_SERVER, not a complaint about a table it knows and this
 * build does not), then the device and every change against the schema.
 * The changes are scanned once, without a JSON tree: the parsed
 * changes hold their fields as compact JSON text, and texts.
 *
 * Returns: (transfer full) (nullable): the request, or %NULL with
 *   @error set in MREZA_PROTOCOL_ERROR
 */
MrezaPushRequest *
mreza_push_request_parse (const char  *data,
                          gsize        length,
                          GError     **error)
{
  g_autoptr(MrezaPushRequest) request = NULL;
  g_autoptr(GError) local_error = NULL;
  PushScan ps;
  Members members = { { NULL }, { NULL } };
  gboolean ok;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length > MREZA_PROTOCOL_MAX_BODY * (gsize) 8)
    {
      g_set_error (error, MREZA_PROTOCOL_ERROR, MREZA_PROTOCOL_ERROR_TOO_LARGE,
                   _("The body is too large"));
      return NULL;
    }
  if (data == NULL || length == 0)
    return invalid (error, _("The body is empty")), NULL;
  if (!g_utf8_validate_len (data, length, NULL))
    return invalid (error, _("The JSON is not valid UTF-8")), NULL;

  mreza_json_scan_init (&ps.scan, data, length);
  ps.value = json_node_new (JSON_NODE_VALUE);
  ps.null = json_node_new (JSON_NODE_NULL);
  ps.container = json_node_init_object (json_node_alloc (), NULL);
  ps.out = g_string_sized_new (1024);

  request = g_new0 (MrezaPushRequest, 1);
  ok = scan_members (&ps, &members);
  if (!ok)
    {
      ps.scan.p = data;
      ps.scan.depth = 0;
      ps.scan.too_deep = FALSE;
      if (!mreza_json_scan_char (&ps.scan, '{') &&
          mreza_json_scan_skip (&ps.scan) && mreza_json_scan_at_end (&ps.scan))
        invalid (&local_error, _("The body must be a JSON object"));
      else
        {
          g_autoptr(GError) parse_error = NULL;
          g_autoptr(JsonNode) root = mreza_json_parse_wire (data, length,
                                                            &parse_error);

          invalid (&local_error, "%s", parse_error ? parse_error->message
                                                   : _("The JSON is malformed"));
        }
    }

  ok = ok && read_push_head (&members, request, &local_error);
  if (ok && members.start[3] == NULL)
    ok = invalid (&local_error, _("“changes” is missing"));
  if (ok)
    {
      ps.scan.p = members.start[3];
      ps.scan.end = members.end[3];
      request->changes = scan_push_changes (&ps, data, &local_error);
      ok = request->changes != NULL &&
           check_sequences (request->changes, &local_error);
    }

  push_scan_clear (&ps);
  if (!ok && local_error == NULL)
    invalid (&local_error, _("The JSON is malformed"));
  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&request);
}

/**
 * mreza_protocol_encode_push:
 * @device: the pushing device
 * @changes: (array length=n_changes): its changes, dseq growing
 * @n_changes: how many
 *
 * Returns: (transfer full): the body of a push
 */
GBytes *
mreza_protocol_encode_push (const char   *device,
                            MrezaWireChange **changes,
                            guint         n_changes)
{
  GString *out;

  g_return_val_if_fail (device != NULL, NULL);

  out = g_string_new (NULL);
  g_string_append_printf (out, "{\"protocol\":%d,\"schema\":%d,\"device\":",
                          MREZA_PROTOCOL_VERSION, MREZA_SYNC_SCHEMA);
  mreza_protocol_append_string (out, device);
  g_string_append (out, ",\"changes\":[");
  for (guint i = 0; i < n_changes; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      mreza_protocol_append_change (out, changes[i]);
    }
  g_string_append (out, "]}");

  return g_string_free_to_bytes (out);
}

GBytes *
mreza_protocol_encode_push_reply (gint64 acked,
                                  gint64 cursor)
{
  char *text = g_strdup_printf ("{\"acked\":%" G_GINT64_FORMAT
                                ",\"cursor\":%" G_GINT64_FORMAT "}",
                                acked, cursor);

  return g_bytes_new_take (text, strlen (text));
}

gboolean
mreza_protocol_parse_push_reply (const char  *data,
                                 gsize        length,
                                 gint64      *acked,
                                 gint64      *cursor,
                                 GError     **error)
{
  g_autoptr(JsonObject) object = root_object (data, length, error);

  if (object == NULL)
    return FALSE;

  return read_int (json_object_get_member (object, "acked"), "“acked”", 0,
                   MREZA_PROTOCOL_MAX_INT, acked, error) &&
         read_int (json_object_get_member (object, "cursor"), "“cursor”", 0,
                   MREZA_PROTOCOL_MAX_INT, cursor, error);
}

/* Pull */

/**
 * mreza_protocol_encode_pull_reply:
 * @changes: (array length=n_changes): changes in the server's form
 * @n_changes: how many
 * @cursor: where the next pull starts
 * @more: whether a next page is waiting
 *
 * Returns: (transfer full): the body of a pull reply
 */
GBytes *
mreza_protocol_encode_pull_reply (MrezaWireChange **changes,
                                  guint         n_changes,
                                  gint64        cursor,
                                  gboolean      more)
{
  GString *out = g_string_new ("{\"changes\":[");

  for (guint i = 0; i < n_changes; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      mreza_protocol_append_change (out, changes[i]);
    }
  g_string_append_printf (out, "],\"cursor\":%" G_GINT64_FORMAT
                          ",\"more\":%s}", cursor, more ? "true" : "false");

  return g_string_free_to_bytes (out);
}

void
mreza_pull_reply_free (MrezaPullReply *reply)
{
  if (reply == NULL)
    return;

  g_clear_pointer (&reply->changes, g_ptr_array_unref);
  g_free (reply);
}

/**
 * mreza_pull_reply_parse:
 * @data: the body of a pull reply
 * @length: its length
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the reply, every change
 *   validated against the schema
 */
MrezaPullReply *
mreza_pull_reply_parse (const char  *data,
                        gsize        length,
                        GError     **error)
{
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(MrezaPullReply) reply = NULL;
  JsonNode *more;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  object = root_object (data, length, error);
  if (object == NULL)
    return NULL;

  reply = g_new0 (MrezaPullReply, 1);
  if (!read_int (json_object_get_member (object, "cursor"), "“cursor”", 0,
                 MREZA_PROTOCOL_MAX_INT, &reply->cursor, error))
    return NULL;

  more = json_object_get_member (object, "more");
  if (more == NULL || !JSON_NODE_HOLDS_VALUE (more) ||
      json_node_get_value_type (more) != G_TYPE_BOOLEAN)
    {
      invalid (error, _("“more” must be true or false"));
      return NULL;
    }
  reply->more = json_node_get_boolean (more);

  reply->changes = read_changes (json_object_get_member (object, "changes"),
                                 TRUE, error);
  if (reply->changes == NULL)
    return NULL;

  return g_steal_pointer (&reply);
}

/* Enrollment */

GBytes *
mreza_protocol_encode_enroll (const char *code,
                              const char *name)
{
  GString *out;

  g_return_val_if_fail (code != NULL, NULL);

  out = g_string_new (NULL);
  g_string_append_printf (out, "{\"protocol\":%d,\"code\":",
                          MREZA_PROTOCOL_VERSION);
  mreza_protocol_append_string (out, code);
  g_string_append (out, ",\"name\":");
  mreza_protocol_append_string (out, name != NULL ? name : "");
  g_string_append_c (out, '}');

  return g_string_free_to_bytes (out);
}

void
mreza_enroll_request_free (MrezaEnrollRequest *request)
{
  if (request == NULL)
    return;

  g_free (request->code);
  g_free (request->name);
  g_free (request);
}

MrezaEnrollRequest *
mreza_enroll_request_parse (const char  *data,
                            gsize        length,
                            GError     **error)
{
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(MrezaEnrollRequest) request = NULL;
  JsonNode *name;
  const char *str;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  object = root_object (data, length, error);
  if (object == NULL)
    return NULL;

  request = g_new0 (MrezaEnrollRequest, 1);
  if (!read_versions (object, &request->protocol, NULL, error))
    return NULL;

  if (!read_string (json_object_get_member (object, "code"), "“code”", 64,
                    &str, error))
    return NULL;
  request->code = g_strdup (str);

  name = json_object_get_member (object, "name");
  if (name != NULL && !JSON_NODE_HOLDS_NULL (name))
    {
      if (!read_string (name, "“name”", MREZA_PROTOCOL_MAX_NAME, &str, error))
        return NULL;
      request->name = g_strdup (str);
    }
  else
    request->name = g_strdup ("");

  return g_steal_pointer (&request);
}

static void
append_member (GString    *out,
               const char *name,
               const char *value,
               gboolean    last)
{
  mreza_protocol_append_string (out, name);
  g_string_append_c (out, ':');
  mreza_protocol_append_string (out, value != NULL ? value : "");
  g_string_append_c (out, last ? '}' : ',');
}

GBytes *
mreza_protocol_encode_enroll_reply (const MrezaEnrollReply *reply)
{
  GString *out;

  g_return_val_if_fail (reply != NULL, NULL);

  out = g_string_new ("{");
  append_member (out, "device", reply->device, FALSE);
  append_member (out, "token", reply->token, FALSE);
  append_member (out, "team", reply->team, FALSE);
  append_member (out, "team_name", reply->team_name, FALSE);
  append_member (out, "role", reply->role, TRUE);

  return g_string_free_to_bytes (out);
}

void
mreza_enroll_reply_free (MrezaEnrollReply *reply)
{
  if (reply == NULL)
    return;

  g_free (reply->device);
  g_free (reply->token);
  g_free (reply->team);
  g_free (reply->team_name);
  g_free (reply->role);
  g_free (reply);
}

static gboolean
read_uuid_member (JsonObject  *object,
                  const char  *name,
                  char       **out,
                  GError     **error)
{
  const char *str;

  if (!read_string (json_object_get_member (object, name), name, 64, &str,
                    error))
    return FALSE;
  if (!mreza_protocol_is_uuid (str))
    return invalid (error, _("“%s” must be a lowercase UUID"), name);

  *out = g_strdup (str);
  return TRUE;
}

static gboolean
read_role_member (JsonObject  *object,
                  char       **out,
                  GError     **error)
{
  const char *str;

  if (!read_string (json_object_get_member (object, "role"), "“role”", 64,
                    &str, error))
    return FALSE;
  if (!g_str_equal (str, "member") && !g_str_equal (str, "coordinator"))
    return invalid (error, _("“role” must be “member” or “coordinator”"));

  *out = g_strdup (str);
  return TRUE;
}

MrezaEnrollReply *
mreza_enroll_reply_parse (const char  *data,
                          gsize        length,
                          GError     **error)
{
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(MrezaEnrollReply) reply = NULL;
  const char *str;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  object = root_object (data, length, error);
  if (object == NULL)
    return NULL;

  reply = g_new0 (MrezaEnrollReply, 1);
  if (!read_uuid_member (object, "device", &reply->device, error) ||
      !read_uuid_member (object, "team", &reply->team, error) ||
      !read_role_member (object, &reply->role, error))
    return NULL;

  if (!read_string (json_object_get_member (object, "token"), "“token”", 256,
                    &str, error))
    return NULL;
  reply->token = g_strdup (str);

  if (!read_string (json_object_get_member (object, "team_name"),
                    "“team_name”", MREZA_PROTOCOL_MAX_NAME * 4, &str, error))
    return NULL;
  reply->team_name = g_strdup (str);

  return g_steal_pointer (&reply);
}

/* Status */

GBytes *
mreza_protocol_encode_status_reply (const MrezaStatusReply *reply)
{
  GString *out;

  g_return_val_if_fail (reply != NULL, NULL);

  out = g_string_new (NULL);
  g_string_append_printf (out, "{\"protocol\":%" G_GINT64_FORMAT
                          ",\"schema\":%" G_GINT64_FORMAT
                          ",\"cursor\":%" G_GINT64_FORMAT ",",
                          reply->protocol, reply->schema, reply->cursor);
  append_member (out, "device", reply->device, FALSE);
  append_member (out, "team", reply->team, FALSE);
  append_member (out, "role", reply->role, TRUE);

  return g_string_free_to_bytes (out);
}

void
mreza_status_reply_free (MrezaStatusReply *reply)
{
  if (reply == NULL)
    return;

  g_free (reply->device);
  g_free (reply->team);
  g_free (reply->role);
  g_free (reply);
}

/* The client reads a status reply before it knows whether it can
 * speak with the server, so the versions are read but not checked. */
MrezaStatusReply *
mreza_status_reply_parse (const char  *data,
                          gsize        length,
                          GError     **error)
{
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(MrezaStatusReply) reply = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  object = root_object (data, length, error);
  if (object == NULL)
    return NULL;

  reply = g_new0 (MrezaStatusReply, 1);
  if (!read_int (json_object_get_member (object, "protocol"), "“protocol”", 0,
                 G_MAXINT32, &reply->protocol, error) ||
      !read_int (json_object_get_member (object, "schema"), "“schema”", 0,
                 G_MAXINT32, &reply->schema, error) ||
      !read_int (json_object_get_member (object, "cursor"), "“cursor”", 0,
                 MREZA_PROTOCOL_MAX_INT, &reply->cursor, error) ||
      !read_uuid_member (object, "device", &reply->device, error) ||
      !read_uuid_member (object, "team", &reply->team, error) ||
      !read_role_member (object, &reply->role, error))
    return NULL;

  return g_steal_pointer (&reply);
}

/* Errors, on the client */

static int
code_from_name (const char *name,
                guint       status)
{
  for (guint i = 0; i < G_N_ELEMENTS (error_info); i++)
    if (name != NULL && g_str_equal (error_info[i].name, name))
      return (int) i;

  for (guint i = 0; i < G_N_ELEMENTS (error_info); i++)
    if (error_info[i].status == status)
      return (int) i;

  return MREZA_PROTOCOL_ERROR_FAILED;
}

/**
 * mreza_protocol_set_error_from_reply:
 * @error: return location for a #GError
 * @status: the HTTP status of a failed request
 * @data: (nullable): the body of the reply
 * @length: its length
 *
 * Sets @error from an error reply: its code from the body's "code" (or
 * the status when the body is not ours, from a proxy say), its message
 * from the body's "error".
 */
void
mreza_protocol_set_error_from_reply (GError     **error,
                                     guint        status,
                                     const char  *data,
                                     gsize        length)
{
  g_autoptr(JsonObject) object = NULL;
  const char *message = NULL;
  const char *name = NULL;
  JsonNode *node;

  if (data != NULL && length > 0 && length < 64 * 1024)
    object = root_object (data, length, NULL);

  if (object != NULL)
    {
      node = json_object_get_member (object, "error");
      if (node_is_string (node))
        message = json_node_get_string (node);
      node = json_object_get_member (object, "code");
      if (node_is_string (node))
        name = json_node_get_string (node);
    }

  if (message != NULL)
    g_set_error_literal (error, MREZA_PROTOCOL_ERROR,
                         code_from_name (name, status), message);
  else
    g_set_error (error, MREZA_PROTOCOL_ERROR, code_from_name (NULL, status),
                 _("The coordinator answered with HTTP status %u"), status);
}
