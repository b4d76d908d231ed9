/* mreza-search-page.h: what a search found, as you type
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mreza-store.h"

G_BEGIN_DECLS

#define MREZA_TYPE_SEARCH_PAGE (mreza_search_page_get_type ())

G_DECLARE_FINAL_TYPE (MrezaSearchPage, mreza_search_page, MREZA, SEARCH_PAGE, GtkWidget)

void        mreza_search_page_set_store      (MrezaSearchPage *self,
                                              MrezaStore      *store);
void        mreza_search_page_set_text       (MrezaSearchPage *self,
                                              const char      *text);
gboolean    mreza_search_page_activate_first (MrezaSearchPage *self);
GListModel *mreza_search_page_get_results    (MrezaSearchPage *self);
gboolean    mreza_search_page_is_busy        (MrezaSearchPage *self);

G_END_DECLS
