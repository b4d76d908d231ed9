/* mreza-meeting-choices.h: the answers a meeting's form and view name
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mreza-meeting.h"

G_BEGIN_DECLS

/* The directory and the plan as a meeting refers to them: read once
 * when a form or a view opens (a few hundred short rows), with the
 * string lists their drop-downs show. */
typedef struct
{
  GPtrArray  *institutions;       /* MrezaChoice */
  GPtrArray  *teams;              /* MrezaChoice */
  GPtrArray  *links;              /* MrezaMeetingLink */
  GPtrArray  *tasks;              /* MrezaChoice */
  GListModel *institution_names;  /* "None" first */
  GListModel *invite_names;       /* "Choose…" first */
  GListModel *team_names;         /* "Whole network" first */
  GListModel *link_names;         /* "None" first */
  GListModel *task_names;         /* "None" first */
} MrezaMeetingChoices;

MrezaMeetingChoices *mreza_meeting_choices_load    (sqlite3             *db,
                                                    GError             **error);
void                 mreza_meeting_choices_free    (MrezaMeetingChoices *choices);
const char          *mreza_meeting_choices_name    (GPtrArray           *choices,
                                                    const char          *id);
guint                mreza_meeting_choices_index   (GPtrArray           *choices,
                                                    const char          *id);
const char          *mreza_meeting_choices_id      (GPtrArray           *choices,
                                                    guint                index);
guint                mreza_meeting_choices_link_index (MrezaMeetingChoices *choices,
                                                       const char          *goal_id,
                                                       const char          *activity_id);
AdwComboRow         *mreza_meeting_combo_row_new   (const char          *title,
                                                    GListModel          *model);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrezaMeetingChoices, mreza_meeting_choices_free)

G_END_DECLS
