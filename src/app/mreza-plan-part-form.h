/* mreza-plan-part-form.h: the form that edits a goal or an activity
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mreza-access.h"
#include "mreza-form.h"
#include "mreza-plan-edit.h"
#include "mreza-store.h"

G_BEGIN_DECLS

#define MREZA_TYPE_PLAN_PART_FORM (mreza_plan_part_form_get_type ())

G_DECLARE_FINAL_TYPE (MrezaPlanPartForm, mreza_plan_part_form, MREZA,
                      PLAN_PART_FORM, MrezaForm)

MrezaPlanPartForm *mreza_plan_part_form_new  (GtkWindow          *parent,
                                              MrezaStore         *store,
                                              const MrezaAccess  *access,
                                              MrezaPlanPartKind   kind,
                                              const char         *parent_id,
                                              const char         *id,
                                              GError            **error);
MrezaPlanPartKind  mreza_plan_part_form_get_kind (MrezaPlanPartForm *self);

G_END_DECLS
