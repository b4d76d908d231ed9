/* mreza-server-db.h: the coordinator's own database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * THREAD SAFETY: a MrezaServerDb and its connection belong to the
 * thread that opened it (the main thread of mreza-coordinator). Other
 * processes (the CLI commands) open their own; WAL and a busy timeout
 * let them write while the server runs.
 */
#pragma once

#include <gio/gio.h>

#include "mreza-protocol.h"

G_BEGIN_DECLS

typedef struct _MrezaServerDb MrezaServerDb;

/* An authenticated device. */
typedef struct
{
  char     *id;
  char     *team_id;
  char     *role;
  gboolean  coordinator;
} MrezaServerDevice;

/* The default lifetime of an enrollment code. */
#define MREZA_SERVER_CODE_TTL (24 * 60 * 60)

MrezaServerDb     *mreza_server_db_open           (const char         *path,
                                                   GError            **error);
void               mreza_server_db_free           (MrezaServerDb      *db);
char              *mreza_server_db_add_team       (MrezaServerDb      *db,
                                                   const char         *name,
                                                   const char         *id,
                                                   GError            **error);
char              *mreza_server_db_new_code       (MrezaServerDb      *db,
                                                   const char         *team,
                                                   const char         *role,
                                                   gint64              ttl,
                                                   GError            **error);
gboolean           mreza_server_db_print_devices  (MrezaServerDb      *db,
                                                   GString            *out,
                                                   GError            **error);
gboolean           mreza_server_db_revoke         (MrezaServerDb      *db,
                                                   const char         *device,
                                                   GError            **error);
MrezaEnrollReply  *mreza_server_db_enroll         (MrezaServerDb      *db,
                                                   const char         *code,
                                                   const char         *name,
                                                   GError            **error);
MrezaServerDevice *mreza_server_db_authenticate   (MrezaServerDb      *db,
                                                   const char         *token,
                                                   GError            **error);
void               mreza_server_db_touch          (MrezaServerDb      *db,
                                                   const char         *device);
gboolean           mreza_server_db_push           (MrezaServerDb      *db,
                                                   MrezaServerDevice  *device,
                                                   MrezaPushRequest   *request,
                                                   gint64             *acked,
                                                   gint64             *cursor,
                                                   guint              *n_new,
                                                   GError            **error);
GPtrArray         *mreza_server_db_pull           (MrezaServerDb      *db,
                                                   MrezaServerDevice  *device,
                                                   gint64              after,
                                                   guint               limit,
                                                   gint64             *cursor,
                                                   gboolean           *more,
                                                   GError            **error);
gboolean           mreza_server_db_report_sync    (MrezaServerDb      *db,
                                                   const MrezaServerDevice *device,
                                                   gint64              pending,
                                                   GString            *out,
                                                   GError            **error);
gint64             mreza_server_db_get_cursor     (MrezaServerDb      *db);
GPtrArray         *mreza_server_db_row            (MrezaServerDb      *db,
                                                   MrezaServerDevice  *device,
                                                   const char         *table,
                                                   const char         *row_id,
                                                   GError            **error);
void               mreza_server_device_free       (MrezaServerDevice  *device);
char              *mreza_server_hash_secret       (const char         *secret);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrezaServerDevice, mreza_server_device_free)

G_END_DECLS
