/* mreza-conflicts.h: the values sync kept aside, for a person to decide
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mreza-store.h"

G_BEGIN_DECLS

/* One open conflict: a field two devices changed concurrently. The
 * replica holds the kept value; the lost one waits here. Values are
 * text as SQLite writes them, %NULL for an empty field. */
typedef struct
{
  gint64  id;
  char   *table;
  char   *row_id;
  char   *column;
  char   *row_title;     /* nullable: the row's title, name or text */
  char   *kept_value;
  char   *kept_hlc;
  char   *lost_value;
  char   *lost_hlc;
  char   *detected_at;
} MrezaConflict;

void        mreza_conflict_free               (MrezaConflict  *conflict);
GPtrArray  *mreza_conflicts_list_open         (MrezaStore     *store,
                                               GError        **error);
gboolean    mreza_conflicts_resolve_accept    (MrezaStore     *store,
                                               gint64          id,
                                               GError        **error);
gboolean    mreza_conflicts_resolve_use_lost  (MrezaStore     *store,
                                               gint64          id,
                                               GError        **error);
const char *mreza_conflicts_table_label       (const char     *table);
char       *mreza_conflicts_dup_row_title     (MrezaStore     *store,
                                               const char     *table,
                                               const char     *row_id);
char       *mreza_conflicts_column_label      (const char     *column);
gint64      mreza_hlc_get_unix_ms             (const char     *hlc);
char       *mreza_hlc_dup_device              (const char     *hlc);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrezaConflict, mreza_conflict_free)

G_END_DECLS
