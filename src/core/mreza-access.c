/* mreza-access.c: what this replica's device may write
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A replica that never joined a coordinator is its owner's alone: every
 * row is writable, as nothing will refuse it. Once joined, the device's
 * role decides, as on the coordinator: a coordinator-role device writes
 * every row; a member writes only its own team's rows (team-scoped
 * tables whose team is the device's team).
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mreza-access.h"
#include "mreza-schema.h"
#include "mreza-sync.h"

/**
 * mreza_access_new:
 * @coordinator: whether the device has the coordinator role
 * @team_id: (nullable): the device's team
 * @team_name: (nullable): its name, for messages
 *
 * Returns: (transfer full): the access of a joined device
 */
MrezaAccess *
mreza_access_new (gboolean    coordinator,
                  const char *team_id,
                  const char *team_name)
{
  MrezaAccess *access = g_new0 (MrezaAccess, 1);

  access->joined = TRUE;
  access->coordinator = coordinator;
  access->team_id = g_strdup (team_id);
  access->team_name = g_strdup (team_name);

  return access;
}

/**
 * mreza_access_new_local:
 *
 * Returns: (transfer full): the access of a replica that never joined
 */
MrezaAccess *
mreza_access_new_local (void)
{
  return g_new0 (MrezaAccess, 1);
}

/**
 * mreza_access_load:
 * @store: a replica
 *
 * Reads the role and team the coordinator gave this device when it
 * joined. Cheap: two reads of sync_state.
 *
 * Returns: (transfer full): the device's access
 */
MrezaAccess *
mreza_access_load (MrezaStore *store)
{
  g_autofree char *role = NULL;
  g_autofree char *team = NULL;
  g_autofree char *team_name = NULL;

  g_return_val_if_fail (MREZA_IS_STORE (store), NULL);

  if (!mreza_sync_is_joined (store))
    return mreza_access_new_local ();

  role = mreza_sync_dup_state (store, "role");
  team = mreza_sync_dup_state (store, "team");
  team_name = mreza_sync_dup_state (store, "team_name");

  return mreza_access_new (g_strcmp0 (role, "coordinator") == 0, team,
                           team_name);
}

void
mreza_access_free (MrezaAccess *access)
{
  if (access == NULL)
    return;

  g_free (access->team_id);
  g_free (access->team_name);
  g_free (access);
}

/**
 * mreza_access_can_edit_plan:
 * @access: a device's access
 *
 * Returns: whether the device may change the national plan and
 *   directory (every global row)
 */
gboolean
mreza_access_can_edit_plan (const MrezaAccess *access)
{
  g_return_val_if_fail (access != NULL, FALSE);

  return !access->joined || access->coordinator;
}

/**
 * mreza_access_can_write:
 * @access: a device's access
 * @table: a synced table's name
 * @row_team_id: (nullable): the team the row belongs to (for a team
 *   row its own id; for a row whose parent is a team's row, the
 *   parent's team); ignored for global tables
 *
 * Returns: whether the coordinator would accept this device's insert,
 *   update or delete of such a row
 */
gboolean
mreza_access_can_write (const MrezaAccess *access,
                        const char        *table,
                        const char        *row_team_id)
{
  return mreza_access_why_not (access, table, row_team_id) == NULL;
}

/**
 * mreza_access_why_not:
 * @access: a device's access
 * @table: a synced table's name
 * @row_team_id: (nullable): as for mreza_access_can_write()
 *
 * Returns: (nullable): NULL when the device may write such a row,
 *   otherwise a sentence for the person saying why not
 */
const char *
mreza_access_why_not (const MrezaAccess *access,
                      const char        *table,
                      const char        *row_team_id)
{
  const MrezaTableInfo *info;

  g_return_val_if_fail (access != NULL, NULL);
  g_return_val_if_fail (table != NULL, NULL);

  info = mreza_schema_find_table (table);
  if (info == NULL)
    return _("This is not something Mreža keeps.");

  if (mreza_access_can_edit_plan (access))
    return NULL;

  if (info->scope == MREZA_SCOPE_GLOBAL)
    return _("The national plan and directory are changed from a "
             "coordinator’s device. Ask your network’s coordinator.");

  if (row_team_id == NULL || access->team_id == NULL ||
      g_strcmp0 (row_team_id, access->team_id) != 0)
    return _("This belongs to another team. Only its own members can "
             "change it.");

  return NULL;
}
