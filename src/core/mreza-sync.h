/* mreza-sync.h: replication with a coordinator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mreza-store.h"

G_BEGIN_DECLS

#define MREZA_SYNC_ERROR (mreza_sync_error_quark ())

typedef enum
{
  MREZA_SYNC_ERROR_FAILED,
  MREZA_SYNC_ERROR_NOT_JOINED,
  MREZA_SYNC_ERROR_NETWORK,
  MREZA_SYNC_ERROR_TLS,
  MREZA_SYNC_ERROR_UNAUTHORIZED,
  MREZA_SYNC_ERROR_FORBIDDEN,
  MREZA_SYNC_ERROR_SERVER_TOO_OLD,
  MREZA_SYNC_ERROR_CLIENT_TOO_OLD,
  MREZA_SYNC_ERROR_BAD_RESPONSE,
  MREZA_SYNC_ERROR_RATE_LIMITED,
} MrezaSyncError;

/* What a sync did, for progress and for the status line. */
typedef struct
{
  gint64 pushed;
  gint64 pulled;
  gint64 conflicts;
  gint64 pending;     /* local changes still waiting */
  gint64 cursor;      /* the coordinator's sequence this replica has */
} MrezaSyncStats;

typedef void (*MrezaSyncProgress) (const MrezaSyncStats *stats,
                                   gpointer              user_data);

GQuark    mreza_sync_error_quark   (void);

gboolean  mreza_sync_join          (MrezaStore         *store,
                                    const char         *url,
                                    const char         *code,
                                    const char         *ca_file,
                                    const char         *pin_sha256,
                                    const char         *device_name,
                                    GCancellable       *cancellable,
                                    GError            **error);
gboolean  mreza_sync_join_full     (MrezaStore         *store,
                                    const char         *url,
                                    const char         *code,
                                    const char         *ca_file,
                                    const char         *pin_sha256,
                                    const char         *device_name,
                                    char              **token_out,
                                    GCancellable       *cancellable,
                                    GError            **error);
gboolean  mreza_sync_write_token_file (const char      *replica_path,
                                    const char         *token,
                                    GError            **error);
gboolean  mreza_sync_is_joined     (MrezaStore         *store);
gboolean  mreza_sync_run           (MrezaStore         *store,
                                    MrezaSyncProgress   progress,
                                    gpointer            user_data,
                                    MrezaSyncStats     *stats,
                                    GCancellable       *cancellable,
                                    GError            **error);
gboolean  mreza_sync_run_with_token (MrezaStore        *store,
                                    const char         *token,
                                    MrezaSyncProgress   progress,
                                    gpointer            user_data,
                                    MrezaSyncStats     *stats,
                                    GCancellable       *cancellable,
                                    GError            **error);
gboolean  mreza_sync_wait_for_changes (MrezaStore      *store,
                                    const char         *token,
                                    guint               wait_s,
                                    gboolean           *changes,
                                    GCancellable       *cancellable,
                                    GError            **error);
char     *mreza_sync_dup_state     (MrezaStore         *store,
                                    const char         *key);
gint64    mreza_sync_count_pending (MrezaStore         *store);
gint64    mreza_sync_count_conflicts (MrezaStore       *store);
char     *mreza_sync_token_path    (MrezaStore         *store);

/* A change of this replica the coordinator refused: see
 * mreza_sync_dup_refused(). */
typedef struct
{
  gint64    seq;         /* its place in the outbox */
  char     *table;
  char     *row_id;
  gboolean  deleted;     /* a delete, else an insert or an update */
  guint     n_waiting;   /* changes in the outbox, it included */
  char     *reason;      /* the coordinator's message */
} MrezaSyncRefused;

MrezaSyncRefused *mreza_sync_dup_refused   (MrezaStore       *store);
void              mreza_sync_refused_free  (MrezaSyncRefused *refused);
gboolean          mreza_sync_undo_refused  (MrezaStore       *store,
                                            const char       *token,
                                            GCancellable     *cancellable,
                                            GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrezaSyncRefused, mreza_sync_refused_free)

G_END_DECLS
