/* mreza-conflicts-page.h: the conflicts sync kept for a person to decide
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mreza-store.h"

G_BEGIN_DECLS

#define MREZA_TYPE_CONFLICTS_PAGE (mreza_conflicts_page_get_type ())

G_DECLARE_FINAL_TYPE (MrezaConflictsPage, mreza_conflicts_page, MREZA,
                      CONFLICTS_PAGE, GtkWidget)

void        mreza_conflicts_page_set_store  (MrezaConflictsPage *self,
                                             MrezaStore         *store);
void        mreza_conflicts_page_reload     (MrezaConflictsPage *self);
guint       mreza_conflicts_page_get_n_open (MrezaConflictsPage *self);
GtkListBox *mreza_conflicts_page_get_list   (MrezaConflictsPage *self);

void        mreza_conflicts_page_refresh_refused (MrezaConflictsPage *self);
gboolean    mreza_conflicts_page_has_refused     (MrezaConflictsPage *self);

G_END_DECLS
