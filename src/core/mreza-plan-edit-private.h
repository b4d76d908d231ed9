/* mreza-plan-edit-private.h: what the plan's editors share inside core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A task's and an activity's deadline: the same columns, the same
 * checks (mreza-plan-edit.c). */
char       *_mreza_plan_check_deadline_to (const char *from,
                                           const char *to);
const char *_mreza_plan_deadline_kind     (const char *from,
                                           const char *to,
                                           const char *was);

G_END_DECLS
