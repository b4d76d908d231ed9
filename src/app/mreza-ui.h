/* mreza-ui.h: small builders shared by the detail views
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void       mreza_ui_box_clear        (GtkBox     *box);
GtkWidget *mreza_ui_heading_new      (const char *overline,
                                      const char *title,
                                      const char *subtitle);
GtkWidget *mreza_ui_group_new        (const char *title,
                                      const char *description);
GtkWidget *mreza_ui_row_new          (const char *title,
                                      const char *subtitle);
GtkWidget *mreza_ui_row_add_value    (GtkWidget  *row,
                                      const char *value,
                                      gboolean    numeric);
GtkWidget *mreza_ui_tag_new          (const char *text,
                                      const char *style_class);

G_END_DECLS
