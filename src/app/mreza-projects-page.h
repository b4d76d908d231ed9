/* mreza-projects-page.h: the projects the teams take part in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mreza-project-form.h"
#include "mreza-store.h"

G_BEGIN_DECLS

#define MREZA_TYPE_PROJECTS_PAGE (mreza_projects_page_get_type ())

G_DECLARE_FINAL_TYPE (MrezaProjectsPage, mreza_projects_page, MREZA, PROJECTS_PAGE, GtkWidget)

void        mreza_projects_page_set_store    (MrezaProjectsPage *self,
                                              MrezaStore        *store);
AdwLeaflet *mreza_projects_page_get_leaflet  (MrezaProjectsPage *self);
void        mreza_projects_page_select       (MrezaProjectsPage *self,
                                              const char        *project_id);

MrezaProjectForm *mreza_projects_page_open_form      (MrezaProjectsPage *self,
                                                     const char        *id);
GListModel       *mreza_projects_page_get_projects   (MrezaProjectsPage *self);
AdwToast         *mreza_projects_page_get_undo_toast (MrezaProjectsPage *self);

G_END_DECLS
