/* mreza-import.h: reads the JSON import format into a replica
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mreza-store.h"

G_BEGIN_DECLS

typedef struct
{
  guint n_files;
  guint n_records;
} MrezaImportStats;

gboolean mreza_import_path (MrezaStore        *store,
                            const char        *path,
                            MrezaImportStats  *stats,
                            GError           **error);
void     mreza_import_path_async  (MrezaStore          *store,
                                   const char          *path,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
gboolean mreza_import_path_finish (MrezaStore          *store,
                                   GAsyncResult        *result,
                                   MrezaImportStats    *stats,
                                   GError             **error);

G_END_DECLS
