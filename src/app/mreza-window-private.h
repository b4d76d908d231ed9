/* mreza-window-private.h: what mreza-window*.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mreza-actions-page.h"
#include "mreza-conflicts-page.h"
#include "mreza-meetings-page.h"
#include "mreza-plan-page.h"
#include "mreza-projects-page.h"
#include "mreza-report-page.h"
#include "mreza-search-page.h"
#include "mreza-sync-client.h"
#include "mreza-sync-status.h"
#include "mreza-teams-page.h"
#include "mreza-window.h"

G_BEGIN_DECLS

struct _MrezaWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  MrezaSyncStatus      *welcome_sync_status;
  MrezaSyncStatus      *sync_status;
  MrezaConflictsPage   *conflicts_page;
  AdwStatusPage        *error_page;
  GtkSpinner           *welcome_spinner;
  AdwLeaflet           *leaflet;
  GtkListBox           *sidebar;
  GtkWidget            *content_box;
  GtkButton            *back_button;
  AdwWindowTitle       *page_title;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkStack             *content_stack;
  MrezaPlanPage        *plan_page;
  MrezaTeamsPage       *teams_page;
  MrezaActionsPage     *actions_page;
  MrezaProjectsPage    *projects_page;
  MrezaReportPage      *report_page;
  MrezaMeetingsPage    *meetings_page;
  MrezaSearchPage      *search_page;

  GSettings            *settings;
  MrezaStore           *store;
  char                 *replica_path;
  char                 *view;
  gboolean              importing;
  guint                 update_source;

  /* Sync: the client of the replica shown, and where its key is kept. */
  MrezaSyncClient      *sync_client;
  GCancellable         *secret_cancellable;
  gboolean              token_in_file;
};

void _mreza_window_class_actions_init (MrezaWindowClass *klass);
void _mreza_window_actions_update     (MrezaWindow      *self);
void _mreza_window_import_demo        (MrezaWindow      *self);
void _mreza_window_sync_setup         (MrezaWindow      *self);
void _mreza_window_sync_dispose       (MrezaWindow      *self);
void _mreza_window_show_join          (MrezaWindow      *self);
void _mreza_window_undo_refused       (MrezaWindow      *self);
void _mreza_window_joined             (MrezaWindow      *self,
                                       const char       *token);

G_END_DECLS
