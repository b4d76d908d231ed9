/* mreza-contact-form.h: the form that adds or edits a team's contact
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mreza-access.h"
#include "mreza-form.h"
#include "mreza-store.h"

G_BEGIN_DECLS

#define MREZA_TYPE_CONTACT_FORM (mreza_contact_form_get_type ())

G_DECLARE_FINAL_TYPE (MrezaContactForm, mreza_contact_form, MREZA, CONTACT_FORM, MrezaForm)

MrezaContactForm *mreza_contact_form_new (GtkWindow          *parent,
                                          MrezaStore         *store,
                                          const MrezaAccess  *access,
                                          const char         *team_id,
                                          const char         *team_name,
                                          const char         *id,
                                          GError            **error);

G_END_DECLS
