/* mreza-schema.c: what sync knows of the replica's tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Keep in step with mreza-migrations.c: test-schema checks that every
 * synced table and column here exists in a fresh replica and the
 * reverse.
 */
#define G_LOG_DOMAIN "mreza-schema"

#include "config.h"

#include <string.h>

#include "mreza-schema.h"

#define T MREZA_COL_TEXT
#define I MREZA_COL_INT
#define R MREZA_COL_REAL

static const MrezaColumn institution_cols[] = {
  { "name", T, FALSE }, { "short_name", T, TRUE }, { "sector", T, FALSE },
  { "town", T, TRUE },
};
static const MrezaColumn team_cols[] = {
  { "name", T, FALSE }, { "town", T, FALSE },
};
static const MrezaColumn team_member_cols[] = {
  { "team_id", T, FALSE }, { "institution_id", T, FALSE },
};
static const MrezaColumn contact_cols[] = {
  { "team_id", T, FALSE }, { "institution_id", T, TRUE }, { "name", T, TRUE },
  { "role", T, FALSE }, { "phone", T, TRUE }, { "email", T, TRUE },
  { "is_secretary", I, FALSE },
};
static const MrezaColumn plan_cols[] = {
  { "title", T, FALSE }, { "start_date", T, TRUE }, { "end_date", T, TRUE },
};
static const MrezaColumn goal_cols[] = {
  { "plan_id", T, FALSE }, { "number", I, FALSE }, { "title", T, FALSE },
};
static const MrezaColumn activity_cols[] = {
  { "goal_id", T, FALSE }, { "number", I, FALSE }, { "title", T, FALSE },
  { "deadline_text", T, TRUE }, { "deadline_kind", T, TRUE },
  { "deadline_from", T, TRUE }, { "deadline_to", T, TRUE },
};
static const MrezaColumn task_cols[] = {
  { "activity_id", T, FALSE }, { "number", I, FALSE }, { "title", T, FALSE },
  { "deadline_text", T, TRUE }, { "deadline_kind", T, TRUE },
  { "deadline_from", T, TRUE }, { "deadline_to", T, TRUE },
  { "other_partners", I, FALSE }, { "status", T, FALSE },
  { "progress_note", T, TRUE }, { "done_date", T, TRUE },
};
static const MrezaColumn task_progress_cols[] = {
  { "task_id", T, FALSE }, { "team_id", T, FALSE }, { "status", T, FALSE },
  { "progress_note", T, TRUE }, { "done_date", T, TRUE },
};
static const MrezaColumn task_institution_cols[] = {
  { "task_id", T, FALSE }, { "institution_id", T, FALSE }, { "role", T, FALSE },
};
static const MrezaColumn indicator_cols[] = {
  { "activity_id", T, FALSE }, { "number", I, FALSE }, { "text", T, FALSE },
  { "kind", T, FALSE }, { "target_num", R, TRUE }, { "target_text", T, TRUE },
};
static const MrezaColumn indicator_value_cols[] = {
  { "indicator_id", T, FALSE }, { "team_id", T, FALSE },
  { "period", T, FALSE }, { "value_num", R, TRUE }, { "value_text", T, TRUE },
  { "note", T, TRUE },
};
static const MrezaColumn project_cols[] = {
  { "title", T, FALSE }, { "start_date", T, TRUE }, { "end_date", T, TRUE },
  { "status", T, FALSE }, { "amount_minor", I, TRUE }, { "currency", T, TRUE },
  { "beneficiaries", T, TRUE }, { "beneficiaries_count", I, TRUE },
  { "summary", T, TRUE },
};
static const MrezaColumn project_partner_cols[] = {
  { "project_id", T, FALSE }, { "institution_id", T, FALSE },
  { "role", T, FALSE },
};
static const MrezaColumn budget_line_cols[] = {
  { "activity_id", T, FALSE }, { "task_id", T, TRUE }, { "source", T, FALSE },
  { "institution_id", T, TRUE }, { "project_id", T, TRUE },
  { "source_text", T, TRUE }, { "amount_minor", I, TRUE },
  { "currency", T, TRUE }, { "year", I, TRUE }, { "note", T, TRUE },
};
static const MrezaColumn risk_cols[] = {
  { "activity_id", T, FALSE }, { "text", T, FALSE },
};
static const MrezaColumn joint_action_cols[] = {
  { "team_id", T, FALSE }, { "date", T, FALSE }, { "kind", T, FALSE },
  { "title", T, FALSE }, { "place", T, TRUE }, { "activity_id", T, TRUE },
  { "women", I, FALSE }, { "men", I, FALSE }, { "girls", I, FALSE },
  { "boys", I, FALSE }, { "note", T, TRUE },
};
static const MrezaColumn joint_action_institution_cols[] = {
  { "joint_action_id", T, FALSE }, { "institution_id", T, FALSE },
};
static const MrezaColumn joint_action_indicator_cols[] = {
  { "joint_action_id", T, FALSE }, { "indicator_id", T, FALSE },
};

static const MrezaColumn meeting_cols[] = {
  { "date", T, FALSE }, { "place", T, TRUE },
  { "organiser_institution_id", T, FALSE }, { "title", T, FALSE },
  { "conclusions", T, TRUE }, { "team_id", T, TRUE },
};
static const MrezaColumn meeting_agenda_item_cols[] = {
  { "meeting_id", T, FALSE }, { "position", I, FALSE }, { "title", T, FALSE },
  { "presenter_institution_id", T, TRUE }, { "goal_id", T, TRUE },
  { "activity_id", T, TRUE }, { "start_time", T, TRUE },
  { "duration_min", I, TRUE },
};
static const MrezaColumn meeting_invitee_cols[] = {
  { "meeting_id", T, FALSE }, { "team_id", T, TRUE },
  { "institution_id", T, TRUE }, { "attended", I, FALSE },
};
static const MrezaColumn meeting_follow_up_cols[] = {
  { "meeting_id", T, FALSE }, { "task_id", T, TRUE }, { "title", T, FALSE },
  { "responsible_institution_id", T, TRUE }, { "deadline", T, TRUE },
};

#undef T
#undef I
#undef R

#define COLS(c) c, G_N_ELEMENTS (c)

/* Parents before children: applying a page of changes in this order
 * meets foreign keys where it can. */
static const MrezaTableInfo tables[] = {
  { "institution", MREZA_SCOPE_GLOBAL, NULL, NULL, COLS (institution_cols) },
  { "team", MREZA_SCOPE_TEAM_SELF, NULL, NULL, COLS (team_cols) },
  { "team_member", MREZA_SCOPE_TEAM_COLUMN, "team_id", NULL,
    COLS (team_member_cols) },
  { "contact", MREZA_SCOPE_TEAM_COLUMN, "team_id", NULL, COLS (contact_cols) },
  { "plan", MREZA_SCOPE_GLOBAL, NULL, NULL, COLS (plan_cols) },
  { "goal", MREZA_SCOPE_GLOBAL, NULL, NULL, COLS (goal_cols) },
  { "activity", MREZA_SCOPE_GLOBAL, NULL, NULL, COLS (activity_cols) },
  { "project", MREZA_SCOPE_GLOBAL, NULL, NULL, COLS (project_cols) },
  { "project_partner", MREZA_SCOPE_GLOBAL, NULL, NULL,
    COLS (project_partner_cols) },
  { "task", MREZA_SCOPE_GLOBAL, NULL, NULL, COLS (task_cols) },
  { "task_institution", MREZA_SCOPE_GLOBAL, NULL, NULL,
    COLS (task_institution_cols) },
  { "indicator", MREZA_SCOPE_GLOBAL, NULL, NULL, COLS (indicator_cols) },
  { "budget_line", MREZA_SCOPE_GLOBAL, NULL, NULL, COLS (budget_line_cols) },
  { "risk", MREZA_SCOPE_GLOBAL, NULL, NULL, COLS (risk_cols) },
  { "indicator_value", MREZA_SCOPE_TEAM_COLUMN, "team_id", NULL,
    COLS (indicator_value_cols) },
  { "joint_action", MREZA_SCOPE_TEAM_COLUMN, "team_id", NULL,
    COLS (joint_action_cols) },
  { "joint_action_institution", MREZA_SCOPE_TEAM_PARENT, "joint_action_id",
    "joint_action", COLS (joint_action_institution_cols) },
  { "joint_action_indicator", MREZA_SCOPE_TEAM_PARENT, "joint_action_id",
    "joint_action", COLS (joint_action_indicator_cols) },
  /* Schema version 3. Meetings are the network's, prepared by the
   * network secretary's coordinator-role device: global, even the
   * meeting of one team (team_id), which every device may read. */
  { "meeting", MREZA_SCOPE_GLOBAL, NULL, NULL, COLS (meeting_cols) },
  { "meeting_agenda_item", MREZA_SCOPE_GLOBAL, NULL, NULL,
    COLS (meeting_agenda_item_cols) },
  { "meeting_invitee", MREZA_SCOPE_GLOBAL, NULL, NULL,
    COLS (meeting_invitee_cols) },
  { "meeting_follow_up", MREZA_SCOPE_GLOBAL, NULL, NULL,
    COLS (meeting_follow_up_cols) },
  /* Schema version 5: a team's own progress on a task of the plan. */
  { "task_progress", MREZA_SCOPE_TEAM_COLUMN, "team_id", NULL,
    COLS (task_progress_cols) },
};

#undef COLS

/**
 * mreza_schema_tables:
 * @n_tables: (out): how many
 *
 * Returns: (transfer none) (array length=n_tables): the synced tables,
 *   parents before children
 */
const MrezaTableInfo *
mreza_schema_tables (guint *n_tables)
{
  *n_tables = G_N_ELEMENTS (tables);
  return tables;
}

/**
 * mreza_schema_find_table:
 * @name: a table name, from anywhere (the wire included)
 *
 * Returns: (nullable): the table, or %NULL if it is not synced
 */
const MrezaTableInfo *
mreza_schema_find_table (const char *name)
{
  if (name == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (strcmp (tables[i].name, name) == 0)
      return &tables[i];

  return NULL;
}

/**
 * mreza_schema_find_column:
 * @table: a synced table
 * @name: a column name
 *
 * Returns: (nullable): the column, or %NULL if @table has no such
 *   synced column (id and the bookkeeping columns are not synced as
 *   fields)
 */
const MrezaColumn *
mreza_schema_find_column (const MrezaTableInfo *table,
                          const char           *name)
{
  g_return_val_if_fail (table != NULL, NULL);

  if (name == NULL)
    return NULL;

  /* Callers often pass the schema's own name back. */
  for (guint i = 0; i < table->n_columns; i++)
    if (table->columns[i].name == name)
      return &table->columns[i];
  for (guint i = 0; i < table->n_columns; i++)
    if (strcmp (table->columns[i].name, name) == 0)
      return &table->columns[i];

  return NULL;
}
