/* mreza-project-form.h: the form that creates or edits a project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mreza-access.h"
#include "mreza-form.h"
#include "mreza-store.h"

G_BEGIN_DECLS

#define MREZA_TYPE_PROJECT_FORM (mreza_project_form_get_type ())

G_DECLARE_FINAL_TYPE (MrezaProjectForm, mreza_project_form, MREZA, PROJECT_FORM, MrezaForm)

MrezaProjectForm *mreza_project_form_new (GtkWindow          *parent,
                                          MrezaStore         *store,
                                          const MrezaAccess  *access,
                                          const char         *id,
                                          GError            **error);

G_END_DECLS
