/* mreza-actions-page.h: the joint actions of the local teams
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mreza-joint-action-form.h"
#include "mreza-store.h"

G_BEGIN_DECLS

#define MREZA_TYPE_ACTIONS_PAGE (mreza_actions_page_get_type ())

G_DECLARE_FINAL_TYPE (MrezaActionsPage, mreza_actions_page, MREZA, ACTIONS_PAGE, GtkWidget)

void                  mreza_actions_page_set_store      (MrezaActionsPage *self,
                                                         MrezaStore       *store);
MrezaJointActionForm *mreza_actions_page_open_form      (MrezaActionsPage *self,
                                                         const char       *id);
GListModel           *mreza_actions_page_get_actions    (MrezaActionsPage *self);
AdwToast             *mreza_actions_page_get_undo_toast (MrezaActionsPage *self);

G_END_DECLS
