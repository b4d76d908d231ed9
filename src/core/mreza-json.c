/* mreza-json.c: bounded JSON input
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mreza-json"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "mreza-json.h"

G_DEFINE_QUARK (mreza-input-error-quark, mreza_input_error)

/**
 * mreza_json_check_depth:
 * @data: JSON text
 * @length: its length in bytes
 * @max_depth: the deepest nesting of arrays and objects allowed
 * @error: return location for a #GError
 *
 * Scans @data once, skipping strings, and refuses it when arrays and
 * objects nest deeper than @max_depth. This runs before json-glib
 * parses anything, because json-glib 1.6 recurses without bound.
 *
 * Returns: %TRUE if @data is shallow enough
 */
gboolean
mreza_json_check_depth (const char  *data,
                        gsize        length,
                        guint        max_depth,
                        GError     **error)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '[':
        case '{':
          if (++depth > max_depth)
            {
              g_set_error (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_TOO_DEEP,
                           g_dngettext (GETTEXT_PACKAGE,
                                        "The JSON nests deeper than %u level",
                                        "The JSON nests deeper than %u levels",
                                        max_depth),
                           max_depth);
              return FALSE;
            }
          break;
        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;
        default:
          break;
        }
    }

  return TRUE;
}

/**
 * mreza_json_parse:
 * @data: JSON text
 * @length: its length in bytes
 * @error: return location for a #GError
 *
 * Parses bounded JSON: too deep, invalid UTF-8 or malformed input gives
 * a #MREZA_INPUT_ERROR.
 *
 * Returns: (transfer full): the root node, or %NULL on error
 */
JsonNode *
mreza_json_parse (const char  *data,
                  gsize        length,
                  GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (!mreza_json_check_depth (data, length, MREZA_JSON_MAX_DEPTH, error))
    return NULL;

  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_set_error (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_PARSE,
                   _("The JSON is not valid UTF-8"));
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_PARSE,
                   _("The JSON is malformed: %s"), local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_PARSE,
                   _("The JSON is empty"));
      return NULL;
    }

  return json_node_ref (root);
}

/* A JSON reader for the sync protocol's bodies.
 *
 * json-glib 1.6 parses 18–29 MB/s (its GScanner walks every character
 * through several layers) and recurses without bound. The sync pages
 * are megabytes each, so this reader scans the text itself, once, and
 * builds the same JsonNode tree json-glib would: integers without a
 * fraction or exponent as G_TYPE_INT64, other numbers as doubles, the
 * last of duplicate members. It refuses what RFC 8259 refuses (control
 * characters in strings, lone surrogates, leading zeros, trailing
 * text) and nesting deeper than MREZA_JSON_MAX_DEPTH, so it needs no
 * depth pre-scan. */

typedef struct
{
  const char *p;
  const char *end;
  GString    *buf;
  guint       depth;
  gboolean    too_deep;
} Reader;

static void
skip_space (Reader *r)
{
  while (r->p < r->end &&
         (*r->p == ' ' || *r->p == '\n' || *r->p == '\r' || *r->p == '\t'))
    r->p++;
}

static int
hex4 (const char *p)
{
  int v = 0;

  for (int i = 0; i < 4; i++)
    {
      int d = g_ascii_xdigit_value (p[i]);

      if (d < 0)
        return -1;
      v = v * 16 + d;
    }
  return v;
}

static gboolean
read_escape (Reader *r)
{
  int c, lo;

  if (r->end - r->p < 2)
    return FALSE;
  switch (r->p[1])
    {
    case '"': g_string_append_c (r->buf, '"'); break;
    case '\\': g_string_append_c (r->buf, '\\'); break;
    case '/': g_string_append_c (r->buf, '/'); break;
    case 'b': g_string_append_c (r->buf, '\b'); break;
    case 'f': g_string_append_c (r->buf, '\f'); break;
    case 'n': g_string_append_c (r->buf, '\n'); break;
    case 'r': g_string_append_c (r->buf, '\r'); break;
    case 't': g_string_append_c (r->buf, '\t'); break;
    case 'u':
      if (r->end - r->p < 6 || (c = hex4 (r->p + 2)) < 0)
        return FALSE;
      r->p += 4;
      if (c >= 0xDC00 && c <= 0xDFFF)
        return FALSE;
      if (c >= 0xD800 && c <= 0xDBFF)
        {
          if (r->end - r->p < 8 || r->p[2] != '\\' || r->p[3] != 'u' ||
              (lo = hex4 (r->p + 4)) < 0xDC00 || lo > 0xDFFF)
            return FALSE;
          c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
          r->p += 6;
        }
      /* A NUL would cut the C string short: refused like a control. */
      if (c == 0)
        return FALSE;
      g_string_append_unichar (r->buf, c);
      break;
    default:
      return FALSE;
    }
  r->p += 2;
  return TRUE;
}

/* Reads a string (r->p on its opening quote) into r->buf. */
static gboolean
read_string (Reader *r)
{
  const char *start;

  g_string_truncate (r->buf, 0);
  r->p++;
  for (;;)
    {
      start = r->p;
      while (r->p < r->end && *r->p != '"' && *r->p != '\\' &&
             (guchar) *r->p >= 0x20)
        r->p++;
      g_string_append_len (r->buf, start, r->p - start);
      if (r->p >= r->end || (guchar) *r->p < 0x20)
        return FALSE;
      if (*r->p == '"')
        {
          r->p++;
          return TRUE;
        }
      if (!read_escape (r))
        return FALSE;
    }
}

static JsonNode *
read_number (Reader *r)
{
  const char *start = r->p;
  gboolean integer = TRUE;
  char text[64];
  JsonNode *node;

  if (r->p < r->end && *r->p == '-')
    r->p++;
  if (r->p >= r->end || !g_ascii_isdigit (*r->p))
    return NULL;
  if (*r->p == '0' && r->p + 1 < r->end && g_ascii_isdigit (r->p[1]))
    return NULL;
  while (r->p < r->end && g_ascii_isdigit (*r->p))
    r->p++;
  if (r->p < r->end && *r->p == '.')
    {
      integer = FALSE;
      if (++r->p >= r->end || !g_ascii_isdigit (*r->p))
        return NULL;
      while (r->p < r->end && g_ascii_isdigit (*r->p))
        r->p++;
    }
  if (r->p < r->end && (*r->p == 'e' || *r->p == 'E'))
    {
      integer = FALSE;
      if (++r->p < r->end && (*r->p == '+' || *r->p == '-'))
        r->p++;
      if (r->p >= r->end || !g_ascii_isdigit (*r->p))
        return NULL;
      while (r->p < r->end && g_ascii_isdigit (*r->p))
        r->p++;
    }
  if ((gsize) (r->p - start) >= sizeof text)
    integer = FALSE;

  node = json_node_new (JSON_NODE_VALUE);
  if (integer)
    {
      gint64 v;

      memcpy (text, start, r->p - start);
      text[r->p - start] = '\0';
      errno = 0;
      v = g_ascii_strtoll (text, NULL, 10);
      if (errno == 0)
        {
          json_node_set_int (node, v);
          return node;
        }
    }
  {
    g_autofree char *copy = g_strndup (start, r->p - start);

    json_node_set_double (node, g_ascii_strtod (copy, NULL));
  }
  return node;
}

static gboolean
read_literal (Reader     *r,
              const char *word)
{
  gsize len = strlen (word);

  if ((gsize) (r->end - r->p) < len || memcmp (r->p, word, len) != 0)
    return FALSE;
  r->p += len;
  return TRUE;
}

static JsonNode *read_value (Reader *r);

static JsonNode *
read_object (Reader *r)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonNode *node;

  r->p++;
  skip_space (r);
  if (r->p < r->end && *r->p == '}')
    r->p++;
  else
    for (;;)
      {
        g_autofree char *name = NULL;
        JsonNode *member;

        if (r->p >= r->end || *r->p != '"' || !read_string (r))
          return NULL;
        name = g_strndup (r->buf->str, r->buf->len);
        skip_space (r);
        if (r->p >= r->end || *r->p != ':')
          return NULL;
        r->p++;
        if ((member = read_value (r)) == NULL)
          return NULL;
        json_object_set_member (object, name, member);
        skip_space (r);
        if (r->p < r->end && *r->p == ',')
          {
            r->p++;
            skip_space (r);
            continue;
          }
        if (r->p < r->end && *r->p == '}')
          {
            r->p++;
            break;
          }
        return NULL;
      }

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, g_steal_pointer (&object));
  return node;
}

static JsonNode *
read_array (Reader *r)
{
  g_autoptr(JsonArray) array = json_array_new ();
  JsonNode *node;

  r->p++;
  skip_space (r);
  if (r->p < r->end && *r->p == ']')
    r->p++;
  else
    for (;;)
      {
        JsonNode *element = read_value (r);

        if (element == NULL)
          return NULL;
        json_array_add_element (array, element);
        skip_space (r);
        if (r->p < r->end && *r->p == ',')
          {
            r->p++;
            continue;
          }
        if (r->p < r->end && *r->p == ']')
          {
            r->p++;
            break;
          }
        return NULL;
      }

  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, g_steal_pointer (&array));
  return node;
}

static JsonNode *
read_value (Reader *r)
{
  JsonNode *node = NULL;

  skip_space (r);
  if (r->p >= r->end)
    return NULL;

  switch (*r->p)
    {
    case '{':
    case '[':
      if (++r->depth > MREZA_JSON_MAX_DEPTH)
        {
          r->too_deep = TRUE;
          return NULL;
        }
      node = *r->p == '{' ? read_object (r) : read_array (r);
      r->depth--;
      return node;
    case '"':
      if (!read_string (r))
        return NULL;
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (node, r->buf->str);
      return node;
    case 't':
    case 'f':
      {
        gboolean value = *r->p == 't';

        if (!read_literal (r, value ? "true" : "false"))
          return NULL;
        node = json_node_new (JSON_NODE_VALUE);
        json_node_set_boolean (node, value);
        return node;
      }
    case 'n':
      return read_literal (r, "null") ? json_node_new (JSON_NODE_NULL) : NULL;
    default:
      return read_number (r);
    }
}

/**
 * mreza_json_parse_wire:
 * @data: JSON text, not necessarily NUL-terminated
 * @length: its length in bytes
 * @error: return location for a #GError
 *
 * Parses a sync body: the same tree and the same refusals as
 * mreza_json_parse() (too deep, invalid UTF-8, malformed, empty), about
 * ten times faster, and without json-glib's recursion.
 *
 * Returns: (transfer full): the root node, or %NULL on error
 */
JsonNode *
mreza_json_parse_wire (const char  *data,
                       gsize        length,
                       GError     **error)
{
  g_autoptr(GString) buf = g_string_sized_new (256);
  Reader r = { data, data + length, buf, 0, FALSE };
  JsonNode *root;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_set_error (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_PARSE,
                   _("The JSON is not valid UTF-8"));
      return NULL;
    }

  skip_space (&r);
  if (r.p >= r.end)
    {
      g_set_error (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_PARSE,
                   _("The JSON is empty"));
      return NULL;
    }

  root = read_value (&r);
  if (root != NULL)
    {
      skip_space (&r);
      if (r.p < r.end)
        g_clear_pointer (&root, json_node_unref);
    }

  if (root == NULL && r.too_deep)
    g_set_error (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_TOO_DEEP,
                 g_dngettext (GETTEXT_PACKAGE,
                              "The JSON nests deeper than %u level",
                              "The JSON nests deeper than %u levels",
                              MREZA_JSON_MAX_DEPTH),
                 MREZA_JSON_MAX_DEPTH);
  else if (root == NULL)
    g_set_error (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_PARSE,
                 _("The JSON is malformed at byte %lu"),
                 (gulong) (r.p - data));

  return root;
}
