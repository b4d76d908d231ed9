/* mreza-actions-page.h: the joint actions of the local teams
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mreza-store.h"

G_BEGIN_DECLS

#define MREZA_TYPE_ACTIONS_PAGE (mreza_actions_page_get_type ())

G_DECLARE_FINAL_TYPE (MrezaActionsPage, mreza_actions_page, MREZA, ACTIONS_PAGE, GtkWidget)

void mreza_actions_page_set_store (MrezaActionsPage *self,
                                   MrezaStore       *store);

G_END_DECLS
