/* mreza-plan-row.h: a goal, activity or task in the plan tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MREZA_TYPE_PLAN_ROW (mreza_plan_row_get_type ())

G_DECLARE_FINAL_TYPE (MrezaPlanRow, mreza_plan_row, MREZA, PLAN_ROW, GtkWidget)

GtkWidget *mreza_plan_row_new          (void);
void       mreza_plan_row_set_list_row (MrezaPlanRow   *self,
                                        GtkTreeListRow *list_row);

G_END_DECLS
