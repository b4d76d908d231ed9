/* mreza-sync-private.h: sync internals shared inside core and tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "mreza-schema.h"

G_BEGIN_DECLS

/* One field of a change: the column (the schema's own name, so that
 * it lives as long as the program) and its value. */
typedef struct
{
  const char *name;
  int         type;       /* SQLITE_NULL, _INTEGER, _FLOAT or _TEXT */
  gint64      i;
  double      d;
  char       *s;
} MrezaField;

/* The HLC of the value a change replaced, per column (%NULL: none). */
typedef struct
{
  const char *name;
  char       *hlc;
} MrezaBase;

/* One change as the coordinator sends it. Fields and bases are plain
 * arrays, not JSON trees: a page holds thousands of changes, and
 * building and freeing JsonNodes cost more than applying them. */
typedef struct
{
  gint64                gseq;
  char                 *device;
  gint64                dseq;
  const MrezaTableInfo *table;
  char                 *row_id;
  char                  op;       /* 'u' or 'd' */
  char                 *hlc;
  MrezaField           *fields;
  guint                 n_fields;
  MrezaBase            *bases;
  guint                 n_bases;
} MrezaChange;

void       _mreza_change_free         (MrezaChange  *change);
gboolean   _mreza_change_set_json     (MrezaChange  *change,
                                       const char   *fields,
                                       const char   *bases);
const MrezaField *_mreza_change_get_field (const MrezaChange *change,
                                           const char        *name);
const MrezaBase  *_mreza_change_get_base  (const MrezaChange *change,
                                           const char        *name);
gboolean   _mreza_hlc_is_valid        (const char   *hlc);
GPtrArray *_mreza_sync_parse_pull     (const char   *body,
                                       gsize         length,
                                       gint64       *cursor,
                                       gboolean     *more,
                                       GError      **error);
typedef struct _MrezaSyncApply MrezaSyncApply;

MrezaSyncApply *_mreza_sync_apply_begin    (sqlite3         *db,
                                            GError         **error);
gboolean        _mreza_sync_apply_page     (MrezaSyncApply  *run,
                                            GPtrArray       *changes,
                                            gint64           cursor,
                                            gint64          *conflicts,
                                            GError         **error);
gboolean        _mreza_sync_apply_commit   (MrezaSyncApply  *run,
                                            GError         **error);
void            _mreza_sync_apply_rollback (MrezaSyncApply  *run);
gboolean        _mreza_sync_apply_is_bulk  (MrezaSyncApply  *run);
gboolean   _mreza_sync_apply_changes  (sqlite3      *db,
                                       GPtrArray    *changes,
                                       gint64        cursor,
                                       gint64       *conflicts,
                                       GError      **error);
gboolean   _mreza_sync_bulk_is_pending (sqlite3     *db);
gboolean   _mreza_sync_bulk_try_begin (sqlite3      *db,
                                       GError      **error);
gboolean   _mreza_sync_bulk_flush_rows (sqlite3     *db,
                                        GError     **error);
gboolean   _mreza_sync_bulk_finish    (sqlite3      *db,
                                       GError      **error);
char      *_mreza_sync_build_push     (sqlite3      *db,
                                       const char   *device,
                                       guint         limit,
                                       gint64       *last_seq,
                                       guint        *n_changes,
                                       GError      **error);

G_END_DECLS
