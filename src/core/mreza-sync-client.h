/* mreza-sync-client.h: background sync of one replica
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  MREZA_SYNC_STATE_NOT_JOINED,
  MREZA_SYNC_STATE_OFFLINE,
  MREZA_SYNC_STATE_SYNCING,
  MREZA_SYNC_STATE_UP_TO_DATE,
  MREZA_SYNC_STATE_NEEDS_ATTENTION,
} MrezaSyncState;

#define MREZA_TYPE_SYNC_STATE (mreza_sync_state_get_type ())
#define MREZA_TYPE_SYNC_CLIENT (mreza_sync_client_get_type ())

GType mreza_sync_state_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (MrezaSyncClient, mreza_sync_client, MREZA, SYNC_CLIENT,
                      GObject)

MrezaSyncClient *mreza_sync_client_new             (const char        *replica_path);
const char      *mreza_sync_client_get_path        (MrezaSyncClient   *self);
MrezaSyncState   mreza_sync_client_get_state       (MrezaSyncClient   *self);
const char      *mreza_sync_client_get_message     (MrezaSyncClient   *self);
GDateTime       *mreza_sync_client_get_last_sync   (MrezaSyncClient   *self);
gint64           mreza_sync_client_get_pushed      (MrezaSyncClient   *self);
gint64           mreza_sync_client_get_pulled      (MrezaSyncClient   *self);
gint64           mreza_sync_client_get_pending     (MrezaSyncClient   *self);
gint64           mreza_sync_client_get_conflicts   (MrezaSyncClient   *self);
guint            mreza_sync_client_get_retry_delay (MrezaSyncClient   *self);
int              mreza_sync_client_get_error_code  (MrezaSyncClient   *self);
void             mreza_sync_client_set_token       (MrezaSyncClient   *self,
                                                    const char        *token);
void             mreza_sync_client_set_timing      (MrezaSyncClient   *self,
                                                    guint              periodic_ms,
                                                    guint              debounce_ms,
                                                    guint              backoff_min_ms,
                                                    guint              backoff_max_ms);
void             mreza_sync_client_start           (MrezaSyncClient   *self);
void             mreza_sync_client_stop            (MrezaSyncClient   *self);
void             mreza_sync_client_sync_now        (MrezaSyncClient   *self);
void             mreza_sync_client_local_change    (MrezaSyncClient   *self);
void             mreza_sync_client_refresh         (MrezaSyncClient   *self);
void             mreza_sync_client_join_async      (MrezaSyncClient   *self,
                                                    const char        *url,
                                                    const char        *code,
                                                    const char        *ca_file,
                                                    const char        *pin_sha256,
                                                    const char        *device_name,
                                                    GCancellable      *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer           user_data);
char            *mreza_sync_client_join_finish     (MrezaSyncClient   *self,
                                                    GAsyncResult      *result,
                                                    GError           **error);

void             mreza_sync_client_undo_refused_async  (MrezaSyncClient     *self,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean         mreza_sync_client_undo_refused_finish (MrezaSyncClient     *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
void             mreza_sync_fetch_certificate_async  (const char          *url,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
GTlsCertificate *mreza_sync_fetch_certificate_finish (GAsyncResult        *result,
                                                      GTlsCertificateFlags *errors,
                                                      GError             **error);
char            *mreza_sync_certificate_sha256       (GTlsCertificate     *certificate);
char            *mreza_sync_format_fingerprint       (const char          *sha256);

G_END_DECLS
