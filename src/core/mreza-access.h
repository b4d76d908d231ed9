/* mreza-access.h: what this replica's device may write
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The client's copy of the coordinator's scope rules (DESIGN.md, "Scope
 * rules"), so the app offers an edit only where the coordinator will
 * accept it: a change the coordinator refuses would stay in the outbox
 * and hold back every change after it.
 */
#pragma once

#include <glib.h>

#include "mreza-store.h"

G_BEGIN_DECLS

typedef struct
{
  gboolean  joined;        /* has enrolled with a coordinator */
  gboolean  coordinator;   /* joined with the coordinator role */
  char     *team_id;       /* the device's team; NULL when not joined */
  char     *team_name;
} MrezaAccess;

MrezaAccess *mreza_access_load          (MrezaStore        *store);
MrezaAccess *mreza_access_new_local     (void);
MrezaAccess *mreza_access_new           (gboolean           coordinator,
                                         const char        *team_id,
                                         const char        *team_name);
void         mreza_access_free          (MrezaAccess       *access);

gboolean     mreza_access_can_edit_plan (const MrezaAccess *access);
gboolean     mreza_access_can_write     (const MrezaAccess *access,
                                         const char        *table,
                                         const char        *row_team_id);
const char  *mreza_access_why_not       (const MrezaAccess *access,
                                         const char        *table,
                                         const char        *row_team_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrezaAccess, mreza_access_free)

G_END_DECLS
