/* mreza-row-list.h: a lazy GListModel of rows over SQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mreza-row.h"
#include "mreza-store.h"

G_BEGIN_DECLS

/* How a joint actions list is ordered. */
typedef enum
{
  MREZA_JOINT_ACTION_SORT_NEWEST,
  MREZA_JOINT_ACTION_SORT_OLDEST,
  MREZA_JOINT_ACTION_SORT_TITLE,
} MrezaJointActionSort;

/* Which joint actions a list shows; zero and NULL fields match any. A
 * quarter (1–4) counts only with a year. */
typedef struct
{
  int                   year;
  int                   quarter;
  const char           *kind;
  const char           *institution_id;
  const char           *sector;
  MrezaJointActionSort  sort;
} MrezaJointActionFilter;

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
void          mreza_row_list_set_joint_action_filter
                                        (MrezaRowList                 *self,
                                         const MrezaJointActionFilter *filter);

G_END_DECLS
