/* mreza-plan-budget-form.h: the form that edits a budget line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mreza-access.h"
#include "mreza-form.h"
#include "mreza-store.h"

G_BEGIN_DECLS

#define MREZA_TYPE_PLAN_BUDGET_FORM (mreza_plan_budget_form_get_type ())

G_DECLARE_FINAL_TYPE (MrezaPlanBudgetForm, mreza_plan_budget_form, MREZA,
                      PLAN_BUDGET_FORM, MrezaForm)

MrezaPlanBudgetForm *mreza_plan_budget_form_new (GtkWindow          *parent,
                                                 MrezaStore         *store,
                                                 const MrezaAccess  *access,
                                                 const char         *activity_id,
                                                 const char         *id,
                                                 GError            **error);

G_END_DECLS
