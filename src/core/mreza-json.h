/* mreza-json.h: bounded JSON input
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MREZA_INPUT_ERROR (mreza_input_error_quark ())

typedef enum
{
  MREZA_INPUT_ERROR_PARSE,
  MREZA_INPUT_ERROR_TOO_DEEP,
  MREZA_INPUT_ERROR_TOO_LARGE,
  MREZA_INPUT_ERROR_TYPE,
  MREZA_INPUT_ERROR_MISSING,
  MREZA_INPUT_ERROR_UNKNOWN,
  MREZA_INPUT_ERROR_VALUE,
  MREZA_INPUT_ERROR_REFERENCE,
  MREZA_INPUT_ERROR_DUPLICATE,
  MREZA_INPUT_ERROR_IO,
} MrezaInputError;

/* Deeper JSON than this is refused before json-glib, which has no
 * nesting limit and recurses, sees it. */
#define MREZA_JSON_MAX_DEPTH 32

/* A scanner over JSON text: see mreza-json.c. */
typedef struct
{
  const char *p;
  const char *end;
  GString    *buf;        /* the last string read, decoded */
  guint       depth;
  gboolean    too_deep;
} MrezaJsonScan;

typedef enum
{
  MREZA_JSON_NULL,
  MREZA_JSON_BOOL,
  MREZA_JSON_INT,
  MREZA_JSON_DOUBLE,
  MREZA_JSON_STRING,
} MrezaJsonType;

typedef struct
{
  MrezaJsonType type;
  gboolean      b;
  gint64        i;
  double        d;
} MrezaJsonScalar;

GQuark      mreza_input_error_quark (void);
gboolean    mreza_json_check_depth  (const char  *data,
                                     gsize        length,
                                     guint        max_depth,
                                     GError     **error);
JsonNode   *mreza_json_parse        (const char  *data,
                                     gsize        length,
                                     GError     **error);
JsonNode   *mreza_json_parse_wire   (const char  *data,
                                     gsize        length,
                                     GError     **error);

void        mreza_json_scan_init      (MrezaJsonScan    *scan,
                                       const char       *data,
                                       gsize             length);
void        mreza_json_scan_clear     (MrezaJsonScan    *scan);
gboolean    mreza_json_scan_char      (MrezaJsonScan    *scan,
                                       char              c);
gboolean    mreza_json_scan_at_end    (MrezaJsonScan    *scan);
gboolean    mreza_json_scan_string    (MrezaJsonScan    *scan);
gboolean    mreza_json_scan_scalar    (MrezaJsonScan    *scan,
                                       MrezaJsonScalar  *out);
gboolean    mreza_json_scan_skip      (MrezaJsonScan    *scan);
void        mreza_json_scan_set_error (MrezaJsonScan    *scan,
                                       const char       *data,
                                       GError          **error);

G_END_DECLS
