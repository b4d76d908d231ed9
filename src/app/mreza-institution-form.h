/* mreza-institution-form.h: the form that adds an institution to a team
 * or edits one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mreza-access.h"
#include "mreza-form.h"
#include "mreza-store.h"

G_BEGIN_DECLS

#define MREZA_TYPE_INSTITUTION_FORM (mreza_institution_form_get_type ())

G_DECLARE_FINAL_TYPE (MrezaInstitutionForm, mreza_institution_form, MREZA, INSTITUTION_FORM, MrezaForm)

/* What "Remove from Team" removed, for the page's Undo. */
typedef struct
{
  char *team_id;
  char *institution_id;
  char *name;
} MrezaMembership;

void                  mreza_membership_free       (MrezaMembership    *membership);

MrezaInstitutionForm *mreza_institution_form_new  (GtkWindow          *parent,
                                                   MrezaStore         *store,
                                                   const MrezaAccess  *access,
                                                   const char         *team_id,
                                                   const char         *team_name,
                                                   const char         *id,
                                                   GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrezaMembership, mreza_membership_free)

G_END_DECLS
