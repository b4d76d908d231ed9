/* mreza-sync-private.h: sync internals shared inside core and tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "mreza-schema.h"

G_BEGIN_DECLS

/* One change as the coordinator sends it. */
typedef struct
{
  gint64                gseq;
  char                 *device;
  gint64                dseq;
  const MrezaTableInfo *table;
  char                 *row_id;
  char                  op;       /* 'u' or 'd' */
  char                 *hlc;
  JsonObject           *fields;
  JsonObject           *bases;
} MrezaChange;

void       _mreza_change_free         (MrezaChange  *change);
gboolean   _mreza_hlc_is_valid        (const char   *hlc);
GPtrArray *_mreza_sync_parse_pull     (const char   *body,
                                       gsize         length,
                                       gint64       *cursor,
                                       gboolean     *more,
                                       GError      **error);
gboolean   _mreza_sync_apply_changes  (sqlite3      *db,
                                       GPtrArray    *changes,
                                       gint64        cursor,
                                       gint64       *conflicts,
                                       GError      **error);
char      *_mreza_sync_build_push     (sqlite3      *db,
                                       const char   *device,
                                       guint         limit,
                                       gint64       *last_seq,
                                       guint        *n_changes,
                                       GError      **error);

G_END_DECLS
