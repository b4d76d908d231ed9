/* mreza-json.c: bounded JSON input
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mreza-json"

#include "config.h"

#include <glib/gi18n-lib.h>

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
