/* mreza-joint-action-form.h: the form that creates or edits a joint action
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mreza-form.h"
#include "mreza-store.h"

G_BEGIN_DECLS

#define MREZA_TYPE_JOINT_ACTION_FORM (mreza_joint_action_form_get_type ())

G_DECLARE_FINAL_TYPE (MrezaJointActionForm, mreza_joint_action_form, MREZA, JOINT_ACTION_FORM, MrezaForm)

MrezaJointActionForm *mreza_joint_action_form_new         (GtkWindow             *parent,
                                                           MrezaStore            *store,
                                                           const char            *id,
                                                           GError               **error);
const char           *mreza_joint_action_form_get_id      (MrezaJointActionForm  *self);
gboolean              mreza_joint_action_form_has_changes (MrezaJointActionForm  *self);

G_END_DECLS
