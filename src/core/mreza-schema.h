/* mreza-schema.h: what sync knows of the replica's tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one description of the synced tables that the client, the
 * coordinator and the wire validator share: each table's columns and
 * their types, and whose rows they are (the scope), which decides who
 * may write a row and who may read it.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  MREZA_COL_TEXT,
  MREZA_COL_INT,
  MREZA_COL_REAL,
} MrezaColType;

typedef struct
{
  const char   *name;
  MrezaColType  type;
  gboolean      nullable;
} MrezaColumn;

typedef enum
{
  /* The national plan and directory: written by coordinator-role
   * devices, read by every device. */
  MREZA_SCOPE_GLOBAL,
  /* The team row itself: its id is the team's id. */
  MREZA_SCOPE_TEAM_SELF,
  /* A column holds the team's id. */
  MREZA_SCOPE_TEAM_COLUMN,
  /* A column holds the id of a row of another team-scoped table. */
  MREZA_SCOPE_TEAM_PARENT,
} MrezaScope;

typedef struct
{
  const char        *name;
  MrezaScope         scope;
  const char        *scope_column;   /* for TEAM_COLUMN and TEAM_PARENT */
  const char        *parent_table;   /* for TEAM_PARENT */
  const MrezaColumn *columns;        /* excluding id and the bookkeeping */
  guint              n_columns;
} MrezaTableInfo;

/* The wire protocol's version. */
#define MREZA_PROTOCOL_VERSION 1

/* The version of the synced tables, sent as "schema" on the wire: the
 * replica schema (MREZA_SCHEMA_VERSION, mreza-store.h) of the last
 * migration that added or changed a synced table. A migration of local
 * tables only (6: the peers' tables) leaves it, so devices and servers
 * that differ only there still sync. Raise it with every migration that
 * changes what is synced, and the oldest accepted with it. */
#define MREZA_SYNC_SCHEMA 5

const MrezaTableInfo *mreza_schema_tables      (guint       *n_tables);
const MrezaTableInfo *mreza_schema_find_table  (const char  *name);
const MrezaColumn    *mreza_schema_find_column (const MrezaTableInfo *table,
                                                const char           *name);

G_END_DECLS
