/* mreza-indicator-value-form.h: the form that adds or edits an
 * indicator's value for a team and period
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mreza-access.h"
#include "mreza-form.h"
#include "mreza-indicators.h"
#include "mreza-store.h"

G_BEGIN_DECLS

#define MREZA_TYPE_INDICATOR_VALUE_FORM (mreza_indicator_value_form_get_type ())

G_DECLARE_FINAL_TYPE (MrezaIndicatorValueForm, mreza_indicator_value_form, MREZA, INDICATOR_VALUE_FORM, MrezaForm)

MrezaIndicatorValueForm *mreza_indicator_value_form_new (GtkWindow            *parent,
                                                         MrezaStore           *store,
                                                         const MrezaAccess    *access,
                                                         const MrezaIndicator *indicator,
                                                         const char           *id,
                                                         GError              **error);
gboolean                 mreza_indicator_value_form_has_changes (MrezaIndicatorValueForm *self);

char *mreza_indicator_format_actions      (const MrezaDerivedCounts *counts);
char *mreza_indicator_format_participants (const MrezaDerivedCounts *counts);

G_END_DECLS
