/* mreza-store.h: one replica, a SQLite file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define MREZA_STORE_ERROR (mreza_store_error_quark ())

typedef enum
{
  MREZA_STORE_ERROR_FAILED,
  MREZA_STORE_ERROR_NOT_FOUND,
  MREZA_STORE_ERROR_NOT_A_DATABASE,
  MREZA_STORE_ERROR_NOT_A_REPLICA,
  MREZA_STORE_ERROR_TOO_NEW,
  MREZA_STORE_ERROR_CORRUPT,
  MREZA_STORE_ERROR_BUSY,
} MrezaStoreError;

typedef enum
{
  MREZA_STORE_OPEN_DEFAULT = 0,
  MREZA_STORE_OPEN_CREATE  = 1 << 0,
} MrezaStoreOpenFlags;

/* The schema version this build writes; a replica with a higher one was
 * written by a newer Mreža and is refused. */
#define MREZA_SCHEMA_VERSION 6

#define MREZA_TYPE_STORE (mreza_store_get_type ())

G_DECLARE_FINAL_TYPE (MrezaStore, mreza_store, MREZA, STORE, GObject)

GQuark       mreza_store_error_quark        (void);
char        *mreza_store_default_path       (void);
MrezaStore  *mreza_store_open               (const char           *path,
                                             MrezaStoreOpenFlags   flags,
                                             GError              **error);
const char  *mreza_store_get_path           (MrezaStore           *self);
const char  *mreza_store_get_device_id      (MrezaStore           *self);
int          mreza_store_get_schema_version (MrezaStore           *self);
sqlite3     *mreza_store_get_db             (MrezaStore           *self);
sqlite3     *mreza_store_open_reader        (MrezaStore           *self,
                                             GError              **error);
void         mreza_store_release_reader     (MrezaStore           *self,
                                             sqlite3              *db);
gint64       mreza_store_count              (MrezaStore           *self,
                                             const char           *table,
                                             GError              **error);
gboolean     mreza_store_is_empty           (MrezaStore           *self);

G_END_DECLS
