/* mreza-plan-indicator-form.h: the form that edits an indicator of the
 * plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mreza-access.h"
#include "mreza-form.h"
#include "mreza-store.h"

G_BEGIN_DECLS

#define MREZA_TYPE_PLAN_INDICATOR_FORM (mreza_plan_indicator_form_get_type ())

G_DECLARE_FINAL_TYPE (MrezaPlanIndicatorForm, mreza_plan_indicator_form,
                      MREZA, PLAN_INDICATOR_FORM, MrezaForm)

MrezaPlanIndicatorForm *mreza_plan_indicator_form_new (GtkWindow          *parent,
                                                       MrezaStore         *store,
                                                       const MrezaAccess  *access,
                                                       const char         *activity_id,
                                                       const char         *id,
                                                       GError            **error);

G_END_DECLS
