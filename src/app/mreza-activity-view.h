/* mreza-activity-view.h: an activity of the plan with all it holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "mreza-queries.h"

G_BEGIN_DECLS

#define MREZA_TYPE_ACTIVITY_VIEW (mreza_activity_view_get_type ())

G_DECLARE_FINAL_TYPE (MrezaActivityView, mreza_activity_view, MREZA, ACTIVITY_VIEW, GtkWidget)

GtkWidget                 *mreza_activity_view_new        (void);
void                       mreza_activity_view_set_detail (MrezaActivityView   *self,
                                                           MrezaActivityDetail *detail,
                                                           int                  task_number);
const MrezaActivityDetail *mreza_activity_view_get_detail (MrezaActivityView   *self);
void                       mreza_activity_view_set_plan_why_not (MrezaActivityView *self,
                                                                 const char        *why_not);

G_END_DECLS
