/* mreza-search.h: full-text search over the replica
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mreza-row.h"
#include "mreza-store.h"

G_BEGIN_DECLS

GPtrArray *mreza_search_run_sync   (sqlite3              *db,
                                    const char           *text,
                                    guint                 limit,
                                    GError              **error);
void       mreza_search_run_async  (MrezaStore           *store,
                                    const char           *text,
                                    guint                 limit,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
GPtrArray *mreza_search_run_finish (MrezaStore           *store,
                                    GAsyncResult         *result,
                                    GError              **error);

G_END_DECLS
