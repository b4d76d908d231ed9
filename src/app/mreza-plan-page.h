/* mreza-plan-page.h: the action plan as a tree beside the chosen activity
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mreza-activity-view.h"
#include "mreza-plan-budget-form.h"
#include "mreza-plan-indicator-form.h"
#include "mreza-plan-part-form.h"
#include "mreza-plan-risk-form.h"
#include "mreza-plan-task-form.h"
#include "mreza-row.h"
#include "mreza-store.h"
#include "mreza-task-form.h"

G_BEGIN_DECLS

#define MREZA_TYPE_PLAN_PAGE (mreza_plan_page_get_type ())

G_DECLARE_FINAL_TYPE (MrezaPlanPage, mreza_plan_page, MREZA, PLAN_PAGE, GtkWidget)

void                mreza_plan_page_set_store         (MrezaPlanPage *self,
                                                       MrezaStore    *store);
AdwLeaflet         *mreza_plan_page_get_leaflet       (MrezaPlanPage *self);
void                mreza_plan_page_select            (MrezaPlanPage *self,
                                                       MrezaRowKind   kind,
                                                       const char    *id);

/* For the GUI test. */
GtkSingleSelection *mreza_plan_page_get_selection     (MrezaPlanPage *self);
MrezaActivityView  *mreza_plan_page_get_activity_view (MrezaPlanPage *self);
gboolean            mreza_plan_page_is_loading        (MrezaPlanPage *self);
MrezaTaskForm      *mreza_plan_page_edit_task         (MrezaPlanPage *self,
                                                       const char    *id);
MrezaPlanTaskForm  *mreza_plan_page_edit_plan_task    (MrezaPlanPage *self,
                                                       const char    *id);
MrezaPlanIndicatorForm *mreza_plan_page_edit_plan_indicator (MrezaPlanPage *self,
                                                             const char    *id);
MrezaPlanRiskForm  *mreza_plan_page_edit_plan_risk    (MrezaPlanPage *self,
                                                       const char    *id);
MrezaPlanBudgetForm *mreza_plan_page_edit_plan_budget_line (MrezaPlanPage *self,
                                                            const char    *id);
MrezaPlanPartForm  *mreza_plan_page_edit_part         (MrezaPlanPage     *self,
                                                       MrezaPlanPartKind  kind,
                                                       const char        *parent_id,
                                                       const char        *id);
AdwToast           *mreza_plan_page_get_undo_toast    (MrezaPlanPage *self);

G_END_DECLS
