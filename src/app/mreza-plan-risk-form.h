/* mreza-plan-risk-form.h: the form that edits a risk of the plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mreza-access.h"
#include "mreza-form.h"
#include "mreza-store.h"

G_BEGIN_DECLS

#define MREZA_TYPE_PLAN_RISK_FORM (mreza_plan_risk_form_get_type ())

G_DECLARE_FINAL_TYPE (MrezaPlanRiskForm, mreza_plan_risk_form, MREZA,
                      PLAN_RISK_FORM, MrezaForm)

MrezaPlanRiskForm *mreza_plan_risk_form_new (GtkWindow          *parent,
                                             MrezaStore         *store,
                                             const MrezaAccess  *access,
                                             const char         *activity_id,
                                             const char         *id,
                                             GError            **error);

G_END_DECLS
