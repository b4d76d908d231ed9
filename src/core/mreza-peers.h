/* mreza-peers.h: what the coordinator last told this replica of the
 * other devices and teams
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "mreza-store.h"

G_BEGIN_DECLS

gboolean  mreza_peers_save             (sqlite3     *db,
                                        const char  *data,
                                        gsize        length,
                                        GError     **error);
char     *mreza_peers_dup_device_name  (MrezaStore  *store,
                                        const char  *device_id);
char     *mreza_peers_dup_device_team  (MrezaStore  *store,
                                        const char  *device_id);

G_END_DECLS
