/* mreza-ui.h: small builders and toasts shared by the pages
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

/* Lists, drop-downs and windows. */
GListModel         *mreza_ui_choices_model_new  (GPtrArray          *choices,
                                                 const char         *first);
GtkSingleSelection *mreza_ui_list_selection_new (GListModel         *model);
gboolean            mreza_ui_list_select_id     (GtkListView        *list_view,
                                                 GtkSingleSelection *selection,
                                                 const char         *id);
gpointer            mreza_ui_window_new         (GType               type,
                                                 GtkWindow          *parent);
void                mreza_ui_add_page_shortcuts (GtkWidget          *page,
                                                 const char         *trigger,
                                                 const char         *action,
                                                 ...) G_GNUC_NULL_TERMINATED;

/* Puts back what a delete took, with the data given to
 * mreza_ui_undo_offer(), and reloads what shows it; the data is freed
 * after it returns. */
typedef void (*MrezaUiUndoFunc) (gpointer owner,
                                 gpointer data);

/* A page's Undo for its last delete: the toast offering it and what
 * it takes to undo. Embedded in the page, and cleared in its dispose. */
typedef struct
{
  AdwToast        *toast;
  MrezaUiUndoFunc  func;
  gpointer         owner;
  gpointer         data;
  GDestroyNotify   data_free;
} MrezaUiUndo;

/* Toasts, and the Undo of the last delete. */
AdwToastOverlay *mreza_ui_find_toast_overlay (GtkWidget       *widget);
void             mreza_ui_add_toast          (GtkWidget       *widget,
                                              AdwToast        *toast);
void             mreza_ui_undo_offer         (MrezaUiUndo     *undo,
                                              AdwToastOverlay *overlay,
                                              const char      *title,
                                              const char      *button_label,
                                              MrezaUiUndoFunc  func,
                                              gpointer         owner,
                                              gpointer         data,
                                              GDestroyNotify   data_free);
void             mreza_ui_undo_clear         (MrezaUiUndo     *undo);

G_END_DECLS
