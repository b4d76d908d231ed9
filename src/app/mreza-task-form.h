/* mreza-task-form.h: the form that edits a task's progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mreza-access.h"
#include "mreza-form.h"
#include "mreza-store.h"

G_BEGIN_DECLS

#define MREZA_TYPE_TASK_FORM (mreza_task_form_get_type ())

G_DECLARE_FINAL_TYPE (MrezaTaskForm, mreza_task_form, MREZA, TASK_FORM, MrezaForm)

MrezaTaskForm *mreza_task_form_new         (GtkWindow          *parent,
                                            MrezaStore         *store,
                                            const MrezaAccess  *access,
                                            const char         *id,
                                            GError            **error);
const char    *mreza_task_form_get_id      (MrezaTaskForm      *self);
gboolean       mreza_task_form_has_changes (MrezaTaskForm      *self);

G_END_DECLS
