/* mreza-indicator-page.h: one indicator of the plan with its values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mreza-indicator-value-form.h"
#include "mreza-indicators.h"
#include "mreza-store.h"

G_BEGIN_DECLS

#define MREZA_TYPE_INDICATOR_PAGE (mreza_indicator_page_get_type ())

G_DECLARE_FINAL_TYPE (MrezaIndicatorPage, mreza_indicator_page, MREZA, INDICATOR_PAGE, AdwWindow)

MrezaIndicatorPage      *mreza_indicator_page_open          (GtkWindow          *parent,
                                                             MrezaStore         *store,
                                                             const char         *id,
                                                             GError            **error);
MrezaIndicatorValueForm *mreza_indicator_page_open_form     (MrezaIndicatorPage *self,
                                                             const char         *id);
const MrezaIndicator    *mreza_indicator_page_get_indicator (MrezaIndicatorPage *self);
GPtrArray               *mreza_indicator_page_get_lines     (MrezaIndicatorPage *self);
gboolean                 mreza_indicator_page_is_loading    (MrezaIndicatorPage *self);
AdwToast                *mreza_indicator_page_get_undo_toast (MrezaIndicatorPage *self);
void                     mreza_indicator_page_reload        (MrezaIndicatorPage *self);

G_END_DECLS
