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

/* A JSON scanner for the sync protocol's bodies.
 *
 * json-glib 1.6 parses 18–29 MB/s and recurses without bound; worse, a
 * tree of JsonNodes costs about half a microsecond per node to build
 * and free, which is most of a sync page's time. The scanner reads the
 * text once and lets the protocol's parsers pull values as they go,
 * without a tree (mreza_json_parse_wire () builds one for the small
 * bodies). It refuses what RFC 8259 refuses (control characters in
 * strings, lone surrogates, escaped NULs, leading zeros) and nesting
 * deeper than MREZA_JSON_MAX_DEPTH. */

/**
 * mreza_json_scan_init:
 * @scan: a scanner to set up
 * @data: JSON text, valid UTF-8, not necessarily NUL-terminated
 * @length: its length in bytes
 *
 * Clear it with mreza_json_scan_clear ().
 */
void
mreza_json_scan_init (MrezaJsonScan *scan,
                      const char    *data,
                      gsize          length)
{
  g_return_if_fail (scan != NULL);

  scan->p = data;
  scan->end = data + length;
  scan->buf = g_string_sized_new (256);
  scan->depth = 0;
  scan->too_deep = FALSE;
}

void
mreza_json_scan_clear (MrezaJsonScan *scan)
{
  if (scan->buf != NULL)
    g_string_free (scan->buf, TRUE);
  scan->buf = NULL;
}

static void
skip_space (MrezaJsonScan *r)
{
  while (r->p < r->end &&
         (*r->p == ' ' || *r->p == '\n' || *r->p == '\r' || *r->p == '\t'))
    r->p++;
}

/**
 * mreza_json_scan_char:
 * @scan: a scanner
 * @c: a structural character: `{}[]:,`
 *
 * Returns: %TRUE if @c came next (after white space), and was consumed
 */
gboolean
mreza_json_scan_char (MrezaJsonScan *scan,
                      char           c)
{
  skip_space (scan);
  if (scan->p < scan->end && *scan->p == c)
    {
      scan->p++;
      return TRUE;
    }
  return FALSE;
}

/**
 * mreza_json_scan_at_end:
 * @scan: a scanner
 *
 * Returns: %TRUE if only white space is left
 */
gboolean
mreza_json_scan_at_end (MrezaJsonScan *scan)
{
  skip_space (scan);
  return scan->p >= scan->end;
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
read_escape (MrezaJsonScan *r)
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

/**
 * mreza_json_scan_string:
 * @scan: a scanner
 *
 * Reads a string into @scan's buf, decoded.
 *
 * Returns: %TRUE if a valid string came next
 */
gboolean
mreza_json_scan_string (MrezaJsonScan *scan)
{
  MrezaJsonScan *r = scan;
  const char *start;

  skip_space (r);
  if (r->p >= r->end || *r->p != '"')
    return FALSE;
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

static gboolean
read_number (MrezaJsonScan   *r,
             MrezaJsonScalar *out)
{
  const char *start = r->p;
  gboolean integer = TRUE;
  char text[64];

  if (r->p < r->end && *r->p == '-')
    r->p++;
  if (r->p >= r->end || !g_ascii_isdigit (*r->p))
    return FALSE;
  if (*r->p == '0' && r->p + 1 < r->end && g_ascii_isdigit (r->p[1]))
    return FALSE;
  while (r->p < r->end && g_ascii_isdigit (*r->p))
    r->p++;
  if (r->p < r->end && *r->p == '.')
    {
      integer = FALSE;
      if (++r->p >= r->end || !g_ascii_isdigit (*r->p))
        return FALSE;
      while (r->p < r->end && g_ascii_isdigit (*r->p))
        r->p++;
    }
  if (r->p < r->end && (*r->p == 'e' || *r->p == 'E'))
    {
      integer = FALSE;
      if (++r->p < r->end && (*r->p == '+' || *r->p == '-'))
        r->p++;
      if (r->p >= r->end || !g_ascii_isdigit (*r->p))
        return FALSE;
      while (r->p < r->end && g_ascii_isdigit (*r->p))
        r->p++;
    }

  if ((gsize) (r->p - start) < sizeof text)
    {
      memcpy (text, start, r->p - start);
      text[r->p - start] = '\0';
      errno = 0;
      if (integer)
        {
          out->i = g_ascii_strtoll (text, NULL, 10);
          out->type = MREZA_JSON_INT;
          if (errno == 0)
            return TRUE;
        }
      out->d = g_ascii_strtod (text, NULL);
    }
  else
    {
      g_autofree char *copy = g_strndup (start, r->p - start);

      out->d = g_ascii_strtod (copy, NULL);
    }
  /* An integer too large for 64 bits is kept as a double, which the
   * validators refuse as out of range. */
  out->type = MREZA_JSON_DOUBLE;
  return TRUE;
}

static gboolean
read_literal (MrezaJsonScan *r,
              const char    *word)
{
  gsize len = strlen (word);

  if ((gsize) (r->end - r->p) < len || memcmp (r->p, word, len) != 0)
    return FALSE;
  r->p += len;
  return TRUE;
}

/**
 * mreza_json_scan_scalar:
 * @scan: a scanner
 * @out: (out): the value; a string's text is in @scan's buf
 *
 * Returns: %TRUE if a string, number, boolean or null came next
 */
gboolean
mreza_json_scan_scalar (MrezaJsonScan   *scan,
                        MrezaJsonScalar *out)
{
  skip_space (scan);
  if (scan->p >= scan->end)
    return FALSE;

  switch (*scan->p)
    {
    case '"':
      out->type = MREZA_JSON_STRING;
      return mreza_json_scan_string (scan);
    case 't':
      out->type = MREZA_JSON_BOOL;
      out->b = TRUE;
      return read_literal (scan, "true");
    case 'f':
      out->type = MREZA_JSON_BOOL;
      out->b = FALSE;
      return read_literal (scan, "false");
    case 'n':
      out->type = MREZA_JSON_NULL;
      return read_literal (scan, "null");
    default:
      return read_number (scan, out);
    }
}

/**
 * mreza_json_scan_skip:
 * @scan: a scanner
 *
 * Skips one value of any kind, checking it as it goes.
 *
 * Returns: %TRUE if a valid value came next
 */
gboolean
mreza_json_scan_skip (MrezaJsonScan *scan)
{
  MrezaJsonScalar scalar;
  gboolean object;

  skip_space (scan);
  if (scan->p >= scan->end)
    return FALSE;
  if (*scan->p != '{' && *scan->p != '[')
    return mreza_json_scan_scalar (scan, &scalar);

  object = *scan->p++ == '{';
  if (++scan->depth > MREZA_JSON_MAX_DEPTH)
    {
      scan->too_deep = TRUE;
      return FALSE;
    }
  if (!mreza_json_scan_char (scan, object ? '}' : ']'))
    {
      do
        {
          if (object && (!mreza_json_scan_string (scan) ||
                         !mreza_json_scan_char (scan, ':')))
            return FALSE;
          if (!mreza_json_scan_skip (scan))
            return FALSE;
        }
      while (mreza_json_scan_char (scan, ','));
      if (!mreza_json_scan_char (scan, object ? '}' : ']'))
        return FALSE;
    }
  scan->depth--;
  return TRUE;
}

/**
 * mreza_json_scan_set_error:
 * @scan: a scanner that failed
 * @data: the text it scanned
 * @error: return location for a #GError
 *
 * Sets the #MREZA_INPUT_ERROR that the scanner's failure calls for.
 */
void
mreza_json_scan_set_error (MrezaJsonScan  *scan,
                           const char     *data,
                           GError        **error)
{
  if (scan->too_deep)
    g_set_error (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_TOO_DEEP,
                 g_dngettext (GETTEXT_PACKAGE,
                              "The JSON nests deeper than %u level",
                              "The JSON nests deeper than %u levels",
                              MREZA_JSON_MAX_DEPTH),
                 MREZA_JSON_MAX_DEPTH);
  else
    g_set_error (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_PARSE,
                 _("The JSON is malformed at byte %lu"),
                 (gulong) (scan->p - data));
}

static JsonNode *read_value (MrezaJsonScan *r);

static JsonNode *
read_object (MrezaJsonScan *r)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonNode *node;

  if (!mreza_json_scan_char (r, '}'))
    {
      do
        {
          g_autofree char *name = NULL;
          JsonNode *member;

          if (!mreza_json_scan_string (r))
            return NULL;
          name = g_strndup (r->buf->str, r->buf->len);
          if (!mreza_json_scan_char (r, ':') ||
              (member = read_value (r)) == NULL)
            return NULL;
          json_object_set_member (object, name, member);
        }
      while (mreza_json_scan_char (r, ','));
      if (!mreza_json_scan_char (r, '}'))
        return NULL;
    }

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, g_steal_pointer (&object));
  return node;
}

static JsonNode *
read_array (MrezaJsonScan *r)
{
  g_autoptr(JsonArray) array = json_array_new ();
  JsonNode *node;

  if (!mreza_json_scan_char (r, ']'))
    {
      do
        {
          JsonNode *element = read_value (r);

          if (element == NULL)
            return NULL;
          json_array_add_element (array, element);
        }
      while (mreza_json_scan_char (r, ','));
      if (!mreza_json_scan_char (r, ']'))
        return NULL;
    }

  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, g_steal_pointer (&array));
  return node;
}

static JsonNode *
read_value (MrezaJsonScan *r)
{
  MrezaJsonScalar scalar;
  JsonNode *node;

  if (mreza_json_scan_char (r, '{') || mreza_json_scan_char (r, '['))
    {
      if (++r->depth > MREZA_JSON_MAX_DEPTH)
        {
          r->too_deep = TRUE;
          return NULL;
        }
      node = r->p[-1] == '{' ? read_object (r) : read_array (r);
      r->depth--;
      return node;
    }

  if (!mreza_json_scan_scalar (r, &scalar))
    return NULL;
  if (scalar.type == MREZA_JSON_NULL)
    return json_node_new (JSON_NODE_NULL);

  node = json_node_new (JSON_NODE_VALUE);
  switch (scalar.type)
    {
    case MREZA_JSON_STRING:
      json_node_set_string (node, r->buf->str);
      break;
    case MREZA_JSON_INT:
      json_node_set_int (node, scalar.i);
      break;
    case MREZA_JSON_DOUBLE:
      json_node_set_double (node, scalar.d);
      break;
    case MREZA_JSON_BOOL:
      json_node_set_boolean (node, scalar.b);
      break;
    case MREZA_JSON_NULL:
    default:
      g_assert_not_reached ();
    }
  return node;
}

/**
 * mreza_json_parse_wire:
 * @data: JSON text, not necessarily NUL-terminated
 * @length: its length in bytes
 * @error: return location for a #GError
 *
 * Parses a sync body into a tree: the same tree and the same refusals
 * as mreza_json_parse() (too deep, invalid UTF-8, malformed, empty),
 * without json-glib's recursion.
 *
 * Returns: (transfer full): the root node, or %NULL on error
 */
JsonNode *
mreza_json_parse_wire (const char  *data,
                       gsize        length,
                       GError     **error)
{
  MrezaJsonScan scan;
  JsonNode *root;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_set_error (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_PARSE,
                   _("The JSON is not valid UTF-8"));
      return NULL;
    }

  mreza_json_scan_init (&scan, data, length);
  if (mreza_json_scan_at_end (&scan))
    {
      mreza_json_scan_clear (&scan);
      g_set_error (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_PARSE,
                   _("The JSON is empty"));
      return NULL;
    }

  root = read_value (&scan);
  if (root != NULL && !mreza_json_scan_at_end (&scan))
    g_clear_pointer (&root, json_node_unref);
  if (root == NULL)
    mreza_json_scan_set_error (&scan, data, error);

  mreza_json_scan_clear (&scan);
  return root;
}
