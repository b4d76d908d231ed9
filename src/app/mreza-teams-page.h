/* mreza-teams-page.h: the local teams and the institutions in each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mreza-contact-form.h"
#include "mreza-directory.h"
#include "mreza-institution-form.h"
#include "mreza-row.h"
#include "mreza-store.h"

G_BEGIN_DECLS

#define MREZA_TYPE_TEAMS_PAGE (mreza_teams_page_get_type ())

G_DECLARE_FINAL_TYPE (MrezaTeamsPage, mreza_teams_page, MREZA, TEAMS_PAGE, GtkWidget)

void        mreza_teams_page_set_store          (MrezaTeamsPage *self,
                                                 MrezaStore     *store);
AdwLeaflet *mreza_teams_page_get_leaflet        (MrezaTeamsPage *self);
void        mreza_teams_page_select_team        (MrezaTeamsPage *self,
                                                 const char     *team_id);
void        mreza_teams_page_show_institution   (MrezaTeamsPage *self,
                                                 MrezaRow       *institution);

MrezaContactForm     *mreza_teams_page_open_contact_form     (MrezaTeamsPage *self,
                                                              const char     *id);
MrezaInstitutionForm *mreza_teams_page_open_institution_form (MrezaTeamsPage *self,
                                                              const char     *id);
const MrezaTeamDirectory *mreza_teams_page_get_directory     (MrezaTeamsPage *self);
gboolean              mreza_teams_page_get_loading           (MrezaTeamsPage *self);
AdwToast             *mreza_teams_page_get_undo_toast        (MrezaTeamsPage *self);

G_END_DECLS
