/* mreza-sync-status.h: the header bar's sync indicator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mreza-sync-client.h"

G_BEGIN_DECLS

#define MREZA_TYPE_SYNC_STATUS (mreza_sync_status_get_type ())

G_DECLARE_FINAL_TYPE (MrezaSyncStatus, mreza_sync_status, MREZA, SYNC_STATUS,
                      GtkWidget)

MrezaSyncClient *mreza_sync_status_get_client   (MrezaSyncStatus *self);
void             mreza_sync_status_set_client   (MrezaSyncStatus *self,
                                                 MrezaSyncClient *client);
void             mreza_sync_status_set_key_note (MrezaSyncStatus *self,
                                                 const char      *note);
const char      *mreza_sync_status_get_title    (MrezaSyncStatus *self);
const char      *mreza_sync_status_get_detail   (MrezaSyncStatus *self);
const char      *mreza_sync_status_get_icon_name (MrezaSyncStatus *self);
GtkMenuButton   *mreza_sync_status_get_button   (MrezaSyncStatus *self);
char            *mreza_sync_status_format_ago   (GDateTime       *when,
                                                 GDateTime       *now);

G_END_DECLS
