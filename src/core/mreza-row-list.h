/* mreza-row-list.h: a lazy GListModel of rows over SQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mreza-row.h"
#include "mreza-store.h"

G_BEGIN_DECLS

#define MREZA_TYPE_ROW_LIST (mreza_row_list_get_type ())

G_DECLARE_FINAL_TYPE (MrezaRowList, mreza_row_list, MREZA, ROW_LIST, GObject)

MrezaRowList *mreza_row_list_new        (MrezaStore    *store,
                                         MrezaRowKind   kind,
                                         const char    *parent_id);
MrezaRowKind  mreza_row_list_get_kind   (MrezaRowList  *self);
gboolean      mreza_row_list_get_loaded (MrezaRowList  *self);
const GError *mreza_row_list_get_error  (MrezaRowList  *self);
gboolean      mreza_row_list_load_sync  (MrezaRowList  *self,
                                         GError       **error);
void          mreza_row_list_reload     (MrezaRowList  *self);

G_END_DECLS
