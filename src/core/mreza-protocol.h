/* mreza-protocol.h: the sync wire format, shared by client and server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Parses and encodes the bodies of protocol v1 (DESIGN.md, "Sync").
 * Every parser bounds its input before json-glib sees it and validates
 * each node, types included, against mreza-schema before anything reads
 * it; a refusal is a MREZA_PROTOCOL_ERROR whose code maps to the HTTP
 * status the server answers with. No libsoup here: the fuzzer and the
 * unit tests run this code alone.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "mreza-schema.h"

G_BEGIN_DECLS

#define MREZA_PROTOCOL_ERROR (mreza_protocol_error_quark ())

/* Each code has one HTTP status (mreza_protocol_error_status ()) and
 * one machine name, the "code" of an error body. */
typedef enum
{
  MREZA_PROTOCOL_ERROR_INVALID,          /* 400 invalid */
  MREZA_PROTOCOL_ERROR_UNAUTHORIZED,     /* 401 unauthorized */
  MREZA_PROTOCOL_ERROR_REVOKED,          /* 401 revoked */
  MREZA_PROTOCOL_ERROR_BAD_CODE,         /* 401 bad_code */
  MREZA_PROTOCOL_ERROR_EXPIRED_CODE,     /* 401 expired_code */
  MREZA_PROTOCOL_ERROR_FORBIDDEN,        /* 403 forbidden */
  MREZA_PROTOCOL_ERROR_NOT_FOUND,        /* 404 not_found */
  MREZA_PROTOCOL_ERROR_METHOD,           /* 405 method_not_allowed */
  MREZA_PROTOCOL_ERROR_UPDATE_SERVER,    /* 409 update_server */
  MREZA_PROTOCOL_ERROR_LENGTH_REQUIRED,  /* 411 length_required */
  MREZA_PROTOCOL_ERROR_TOO_LARGE,        /* 413 too_large */
  MREZA_PROTOCOL_ERROR_UPDATE_CLIENT,    /* 426 update_client */
  MREZA_PROTOCOL_ERROR_RATE_LIMITED,     /* 429 rate_limited */
  MREZA_PROTOCOL_ERROR_FAILED,           /* 500 failed */
} MrezaProtocolError;

/* The oldest protocol and schema versions this build still speaks. A
 * device whose synced tables are older than this server's would receive
 * rows it cannot store: it is told to update instead (426), and keeps
 * its changes meanwhile. */
#define MREZA_PROTOCOL_MIN_VERSION 1
#define MREZA_PROTOCOL_MIN_SCHEMA  MREZA_SYNC_SCHEMA

#define MREZA_PROTOCOL_MAX_BODY    (8 * 1024 * 1024)
#define MREZA_PROTOCOL_MAX_CHANGES 5000
#define MREZA_PROTOCOL_MAX_TEXT    (64 * 1024)
#define MREZA_PROTOCOL_MAX_NAME    200
#define MREZA_PROTOCOL_MAX_WAIT    30
/* Integers on the wire stay within what a double holds exactly. */
#define MREZA_PROTOCOL_MAX_INT     G_GINT64_CONSTANT (9007199254740991)
/* "%013" ms "-" "%05" counter "-" device uuid */
#define MREZA_HLC_LENGTH           (13 + 1 + 5 + 1 + 36)

typedef enum
{
  MREZA_WIRE_UPDATE = 'u',
  MREZA_WIRE_DELETE = 'd',
} MrezaWireOp;

/* One row's change. In a push, gseq is 0 and device is %NULL (the
 * request names the device); from the server both are set. fields is
 * the parsed object, fields_json its compact text, and the same for
 * bases (each changed column's base HLC, DESIGN.md); either form may
 * be %NULL when the other is set (mreza_wire_change_ensure_json ()).
 * A parsed push has only the text forms, and texts: per column of the
 * table, the text value the change gives it (for
 * mreza_wire_change_get_string ()). */
typedef struct
{
  gint64                gseq;
  char                 *device;
  gint64                dseq;
  const MrezaTableInfo *table;
  char                 *row_id;
  MrezaWireOp         op;
  char                 *hlc;
  JsonObject           *fields;
  char                 *fields_json;
  JsonObject           *bases;
  char                 *bases_json;
  char                **texts;
} MrezaWireChange;

typedef struct
{
  gint64     protocol;
  gint64     schema;
  char      *device;
  GPtrArray *changes;   /* (element-type MrezaWireChange) */
} MrezaPushRequest;

typedef struct
{
  GPtrArray *changes;   /* (element-type MrezaWireChange) */
  gint64     cursor;
  gboolean   more;
} MrezaPullReply;

typedef struct
{
  gint64  protocol;
  char   *code;
  char   *name;
} MrezaEnrollRequest;

typedef struct
{
  char *device;
  char *token;
  char *team;
  char *team_name;
  char *role;
} MrezaEnrollReply;

typedef struct
{
  gint64  protocol;
  gint64  schema;
  gint64  cursor;
  char   *device;
  char   *team;
  char   *role;
} MrezaStatusReply;

GQuark              mreza_protocol_error_quark          (void);
guint               mreza_protocol_error_status         (int            code);
const char         *mreza_protocol_error_name           (int            code);
gboolean            mreza_protocol_check_versions       (gint64         protocol,
                                                         gint64         schema,
                                                         GError       **error);
GBytes             *mreza_protocol_encode_error         (const GError  *error);
void                mreza_protocol_set_error_from_reply (GError       **error,
                                                         guint          status,
                                                         const char    *data,
                                                         gsize          length);
gboolean            mreza_protocol_is_hlc               (const char    *str);
gboolean            mreza_protocol_is_uuid              (const char    *str);

MrezaWireChange        *mreza_wire_change_new                    (void);
void                mreza_wire_change_free                   (MrezaWireChange   *change);
void                mreza_wire_change_ensure_json       (MrezaWireChange *change);
const char         *mreza_wire_change_get_string             (const MrezaWireChange *change,
                                                         const char    *column);
void                mreza_protocol_append_string        (GString       *out,
                                                         const char    *str);
void                mreza_protocol_append_change        (GString       *out,
                                                         MrezaWireChange   *change);

MrezaPushRequest   *mreza_push_request_parse            (const char    *data,
                                                         gsize          length,
                                                         GError       **error);
void                mreza_push_request_free             (MrezaPushRequest *request);
GBytes             *mreza_protocol_encode_push          (const char    *device,
                                                         MrezaWireChange  **changes,
                                                         guint          n_changes);
GBytes             *mreza_protocol_encode_push_reply    (gint64         acked,
                                                         gint64         cursor);
gboolean            mreza_protocol_parse_push_reply     (const char    *data,
                                                         gsize          length,
                                                         gint64        *acked,
                                                         gint64        *cursor,
                                                         GError       **error);

GBytes             *mreza_protocol_encode_pull_reply    (MrezaWireChange  **changes,
                                                         guint          n_changes,
                                                         gint64         cursor,
                                                         gboolean       more);
MrezaPullReply     *mreza_pull_reply_parse              (const char    *data,
                                                         gsize          length,
                                                         GError       **error);
void                mreza_pull_reply_free               (MrezaPullReply *reply);

GBytes             *mreza_protocol_encode_enroll        (const char    *code,
                                                         const char    *name);
MrezaEnrollRequest *mreza_enroll_request_parse          (const char    *data,
                                                         gsize          length,
                                                         GError       **error);
void                mreza_enroll_request_free           (MrezaEnrollRequest *request);
GBytes             *mreza_protocol_encode_enroll_reply  (const MrezaEnrollReply *reply);
MrezaEnrollReply   *mreza_enroll_reply_parse            (const char    *data,
                                                         gsize          length,
                                                         GError       **error);
void                mreza_enroll_reply_free             (MrezaEnrollReply *reply);

GBytes             *mreza_protocol_encode_status_reply  (const MrezaStatusReply *reply);
MrezaStatusReply   *mreza_status_reply_parse            (const char    *data,
                                                         gsize          length,
                                                         GError       **error);
void                mreza_status_reply_free             (MrezaStatusReply *reply);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrezaWireChange, mreza_wire_change_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrezaPushRequest, mreza_push_request_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrezaPullReply, mreza_pull_reply_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrezaEnrollRequest, mreza_enroll_request_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrezaEnrollReply, mreza_enroll_reply_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrezaStatusReply, mreza_status_reply_free)

G_END_DECLS
