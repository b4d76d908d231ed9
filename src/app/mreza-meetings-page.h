/* mreza-meetings-page.h: the network's meetings, listed and prepared
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mreza-meeting-form.h"
#include "mreza-meeting-view.h"
#include "mreza-store.h"

G_BEGIN_DECLS

#define MREZA_TYPE_MEETINGS_PAGE (mreza_meetings_page_get_type ())

G_DECLARE_FINAL_TYPE (MrezaMeetingsPage, mreza_meetings_page, MREZA, MEETINGS_PAGE, GtkWidget)

void              mreza_meetings_page_set_store      (MrezaMeetingsPage *self,
                                                      MrezaStore        *store);
AdwLeaflet       *mreza_meetings_page_get_leaflet    (MrezaMeetingsPage *self);
MrezaMeetingView *mreza_meetings_page_get_view       (MrezaMeetingsPage *self);
MrezaMeetingForm *mreza_meetings_page_open_form      (MrezaMeetingsPage *self,
                                                      const char        *id);
void              mreza_meetings_page_select         (MrezaMeetingsPage *self,
                                                      const char        *id);
gboolean          mreza_meetings_page_is_loading     (MrezaMeetingsPage *self);
guint             mreza_meetings_page_get_n_meetings (MrezaMeetingsPage *self);
gboolean          mreza_meetings_page_get_can_edit   (MrezaMeetingsPage *self);
AdwToast         *mreza_meetings_page_get_undo_toast (MrezaMeetingsPage *self);

G_END_DECLS
