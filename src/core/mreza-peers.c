/* mreza-peers.c: what the coordinator last told this replica of the
 * other devices and teams
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * After a sync the client reports how many changes it still holds and
 * the coordinator answers with the sync state of the teams this device
 * may see (when each last synced, how many changes its devices still
 * held then) and their devices' names (GET /v1/peers, DESIGN.md). They
 * are kept in the local tables sync_peer_team and sync_peer_device,
 * replaced whole by each answer, for the reports' sync-coverage stamp
 * and the conflicts' "who". Nothing in them is synced.
 */
#define G_LOG_DOMAIN "mreza-peers"

#include "config.h"

#include "mreza-peers.h"

#include "mreza-json.h"
#include "mreza-protocol.h"
#include "mreza-store-private.h"
#include "mreza-sync.h"
#include "mreza-util.h"

#include <glib/gi18n-lib.h>

static gboolean
bad_answer (GError **error)
{
  g_set_error (error, MREZA_SYNC_ERROR, MREZA_SYNC_ERROR_BAD_RESPONSE,
               _("The coordinator’s list of teams and devices is not valid"));
  return FALSE;
}

/* A member's string: present, a string, at most 64 KiB. */
static const char *
member_string (JsonObject *object,
               const char *name,
               gboolean    nullable)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return nullable ? "" : NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
save_team (sqlite3_stmt  *stmt,
           JsonNode      *node,
           const char    *now)
{
  JsonObject *team;
  const char *id, *name, *synced_at;
  JsonNode *pending, *devices;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  team = json_node_get_object (node);
  id = member_string (team, "team", FALSE);
  name = member_string (team, "name", FALSE);
  synced_at = member_string (team, "synced_at", TRUE);
  pending = json_object_get_member (team, "pending");
  devices = json_object_get_member (team, "devices");
  if (!mreza_protocol_is_uuid (id) || name == NULL || synced_at == NULL ||
      strlen (name) > 65536 || (*synced_at != '\0' &&
                                !g_str_has_prefix (synced_at, "2")) ||
      (pending != NULL && !JSON_NODE_HOLDS_NULL (pending) &&
       json_node_get_value_type (pending) != G_TYPE_INT64) ||
      devices == NULL || json_node_get_value_type (devices) != G_TYPE_INT64)
    return FALSE;

  sqlite3_reset (stmt);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  _mreza_sql_bind_text_or_null (stmt, 3, *synced_at ? synced_at : NULL);
  if (pending == NULL || JSON_NODE_HOLDS_NULL (pending))
    sqlite3_bind_null (stmt, 4);
  else
    sqlite3_bind_int64 (stmt, 4, MAX (0, json_node_get_int (pending)));
  sqlite3_bind_int64 (stmt, 5, MAX (0, json_node_get_int (devices)));
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_TRANSIENT);
  return sqlite3_step (stmt) == SQLITE_DONE;
}

static gboolean
save_device (sqlite3_stmt *stmt,
             JsonNode     *node)
{
  JsonObject *device;
  const char *id, *name, *team;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  device = json_node_get_object (node);
  id = member_string (device, "device", FALSE);
  name = member_string (device, "name", FALSE);
  team = member_string (device, "team", FALSE);
  if (!mreza_protocol_is_uuid (id) || !mreza_protocol_is_uuid (team) ||
      name == NULL || strlen (name) > 65536)
    return FALSE;

  sqlite3_reset (stmt);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, team, -1, SQLITE_TRANSIENT);
  return sqlite3_step (stmt) == SQLITE_DONE;
}

/* An MrezaSqlWork: @data is the answer's root JsonObject. */
static gboolean
save_all (sqlite3   *db,
          gpointer   data,
          GError   **error)
{
  JsonObject *root = data;
  g_autoptr(sqlite3_stmt) team_stmt = NULL;
  g_autoptr(sqlite3_stmt) device_stmt = NULL;
  g_autofree char *now = mreza_now_iso8601 ();
  JsonNode *teams = json_object_get_member (root, "teams");
  JsonNode *devices = json_object_get_member (root, "devices");
  JsonArray *array;

  if (teams == NULL || !JSON_NODE_HOLDS_ARRAY (teams) ||
      devices == NULL || !JSON_NODE_HOLDS_ARRAY (devices))
    return bad_answer (error);

  if (!_mreza_sql_exec (db, "DELETE FROM sync_peer_team;"
                            "DELETE FROM sync_peer_device", error))
    return FALSE;
  team_stmt = _mreza_sql_prepare (db, "INSERT OR REPLACE INTO sync_peer_team"
                                  " (team_id, name, synced_at, pending,"
                                  " devices, told_at)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  device_stmt = _mreza_sql_prepare (db, "INSERT OR REPLACE INTO"
                                    " sync_peer_device (device_id, name,"
                                    " team_id) VALUES (?1, ?2, ?3)", error);
  if (team_stmt == NULL || device_stmt == NULL)
    return FALSE;

  array = json_node_get_array (teams);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!save_team (team_stmt, json_array_get_element (array, i), now))
      return bad_answer (error);
  array = json_node_get_array (devices);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!save_device (device_stmt, json_array_get_element (array, i)))
      return bad_answer (error);
  return TRUE;
}

/**
 * mreza_peers_save:
 * @db: the replica's connection
 * @data: the coordinator's answer to GET /v1/peers
 * @length: its length
 * @error: return location for a #GError
 *
 * Replaces what this replica knows of the teams and devices with
 * @data, in one transaction; a malformed answer changes nothing.
 *
 * Returns: %TRUE on success
 */
gboolean
mreza_peers_save (sqlite3     *db,
                  const char  *data,
                  gsize        length,
                  GError     **error)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (db != NULL && data != NULL, FALSE);

  root = mreza_json_parse_wire (data, length, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return bad_answer (error);

  return _mreza_sql_transaction (db, save_all, json_node_get_object (root),
                                 error);
}

static char *
device_column (MrezaStore *store,
               const char *sql,
               const char *device_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MREZA_IS_STORE (store), NULL);

  if (device_id == NULL)
    return NULL;
  stmt = _mreza_sql_prepare (mreza_store_get_db (store), sql, NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, device_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup (_mreza_sql_text (stmt, 0));
}

/**
 * mreza_peers_dup_device_name:
 * @store: a replica
 * @device_id: a device's id
 *
 * Returns: (transfer full) (nullable): the name the device was enrolled
 *   with, as the coordinator last told this replica, or %NULL
 */
char *
mreza_peers_dup_device_name (MrezaStore *store,
                             const char *device_id)
{
  return device_column (store, "SELECT name FROM sync_peer_device"
                               " WHERE device_id = ?1", device_id);
}

/**
 * mreza_peers_dup_device_team:
 * @store: a replica
 * @device_id: a device's id
 *
 * Returns: (transfer full) (nullable): the name of the device's team,
 *   as the coordinator last told this replica, or %NULL
 */
char *
mreza_peers_dup_device_team (MrezaStore *store,
                             const char *device_id)
{
  return device_column (store, "SELECT t.name FROM sync_peer_device d"
                               " JOIN sync_peer_team t"
                               " ON t.team_id = d.team_id"
                               " WHERE d.device_id = ?1", device_id);
}
