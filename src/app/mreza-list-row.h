/* mreza-list-row.h: one row of a list: a title, a dim line, a tag, a lock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MREZA_TYPE_LIST_ROW (mreza_list_row_get_type ())

G_DECLARE_FINAL_TYPE (MrezaListRow, mreza_list_row, MREZA, LIST_ROW, GtkWidget)

GtkWidget *mreza_list_row_new          (void);
void       mreza_list_row_set_icon     (MrezaListRow *self,
                                        const char   *icon_name);
void       mreza_list_row_set_title    (MrezaListRow *self,
                                        const char   *title);
void       mreza_list_row_set_subtitle (MrezaListRow *self,
                                        const char   *subtitle);
void       mreza_list_row_set_tag      (MrezaListRow *self,
                                        const char   *tag,
                                        const char   *style_class);
void       mreza_list_row_set_lock     (MrezaListRow *self,
                                        const char   *note);
const char *mreza_list_row_get_lock    (MrezaListRow *self);
const char *mreza_list_row_get_title   (MrezaListRow *self);

G_END_DECLS
