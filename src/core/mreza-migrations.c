/* mreza-migrations.c: the replica's schema, one migration per version
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mreza-migrations"

#include "config.h"

#include "mreza-store-private.h"

#include <glib/gi18n-lib.h>

/* Every synced row carries the same bookkeeping columns: a UUID primary
 * key, when it was created and last modified (ISO 8601, UTC), and the
 * device that changed it last. The sync layer relies on them. */
#define ROW_META \
  "id TEXT PRIMARY KEY NOT NULL CHECK (length (id) = 36)," \
  "created_at TEXT NOT NULL," \
  "modified_at TEXT NOT NULL," \
  "modified_by TEXT NOT NULL,"

#define DEADLINE_COLUMNS \
  "deadline_text TEXT," \
  "deadline_kind TEXT CHECK (deadline_kind IN ('date','period','continuous'))," \
  "deadline_from TEXT," \
  "deadline_to TEXT,"

/* "đ" has no Unicode decomposition, so FTS5's remove_diacritics cannot
 * fold it: the index and the query both spell it "dj" (see
 * mreza_fold_for_search()). Plain SQL, so writes through the sqlite3
 * shell keep the index true too. */
#define FOLD(x) "replace (replace (" x ", 'đ', 'dj'), 'Đ', 'Dj')"

#define SEARCH_TRIGGERS(table, kind, title, body) \
  "CREATE TRIGGER " table "_search_ai AFTER INSERT ON " table " BEGIN " \
  "  INSERT INTO search_doc (ref, kind) VALUES (new.id, '" kind "');" \
  "  INSERT INTO search (rowid, title, body, label) VALUES (" \
  "    (SELECT rid FROM search_doc WHERE ref = new.id)," \
  "    " FOLD ("new." title) ", " FOLD ("coalesce (" body ", '')") \
  "    , new." title ");" \
  "END;" \
  "CREATE TRIGGER " table "_search_au AFTER UPDATE ON " table " BEGIN " \
  "  UPDATE search SET title = " FOLD ("new." title) "," \
  "    body = " FOLD ("coalesce (" body ", '')") ", label = new." title \
  "  WHERE rowid = (SELECT rid FROM search_doc WHERE ref = old.id);" \
  "END;" \
  "CREATE TRIGGER " table "_search_ad AFTER DELETE ON " table " BEGIN " \
  "  DELETE FROM search" \
  "  WHERE rowid = (SELECT rid FROM search_doc WHERE ref = old.id);" \
  "  DELETE FROM search_doc WHERE ref = old.id;" \
  "END;"

/* The search index's content for the rows of a table that it lacks, as
 * the insert trigger above would have written it: a bulk load
 * (mreza-sync-bulk.c) drops the insert triggers and fills the index
 * once at its end. The table is named "new", like the trigger's row. */
#define SEARCH_REBUILD(table, kind, title, body) \
  "INSERT INTO search_doc (ref, kind) SELECT id, '" kind "' FROM " table \
  "  AS new WHERE NOT EXISTS (SELECT 1 FROM search_doc d" \
  "  WHERE d.ref = new.id);" \
  "INSERT INTO search (rowid, title, body, label) SELECT d.rid, " \
  "  " FOLD ("new." title) ", " FOLD ("coalesce (" body ", '')") \
  "  , new." title " FROM " table " AS new JOIN search_doc d" \
  "  ON d.ref = new.id WHERE NOT EXISTS (SELECT 1 FROM search s" \
  "  WHERE s.rowid = d.rid);"

static const char migration_1[] =
  "CREATE TABLE replica_meta ("
  "  key TEXT PRIMARY KEY NOT NULL,"
  "  value TEXT NOT NULL"
  ");"

  "CREATE TABLE institution (" ROW_META
  "  name TEXT NOT NULL CHECK (name <> ''),"
  "  short_name TEXT,"
  "  sector TEXT NOT NULL CHECK (sector IN ('police','prosecution',"
  "    'justice','social_protection','health','education','employment',"
  "    'local_government','youth_office','red_cross','civil_society',"
  "    'national_coordination','government_office','media',"
  "    'foreign_affairs','finance','international','research','other')),"
  "  town TEXT"
  ");"
  "CREATE INDEX institution_name ON institution (name);"

  "CREATE TABLE team (" ROW_META
  "  name TEXT NOT NULL CHECK (name <> ''),"
  "  town TEXT NOT NULL"
  ");"

  "CREATE TABLE team_member (" ROW_META
  "  team_id TEXT NOT NULL REFERENCES team (id) ON DELETE CASCADE,"
  "  institution_id TEXT NOT NULL REFERENCES institution (id),"
  "  UNIQUE (team_id, institution_id)"
  ");"
  "CREATE INDEX team_member_institution ON team_member (institution_id);"

  "CREATE TABLE contact (" ROW_META
  "  team_id TEXT NOT NULL REFERENCES team (id) ON DELETE CASCADE,"
  "  institution_id TEXT REFERENCES institution (id),"
  "  name TEXT,"
  "  role TEXT NOT NULL,"
  "  phone TEXT,"
  "  email TEXT CHECK (email IS NULL OR email LIKE '%_@_%'),"
  "  is_secretary INTEGER NOT NULL DEFAULT 0 CHECK (is_secretary IN (0, 1))"
  ");"
  "CREATE INDEX contact_team ON contact (team_id);"
  "CREATE UNIQUE INDEX contact_secretary ON contact (team_id)"
  "  WHERE is_secretary;"

  "CREATE TABLE plan (" ROW_META
  "  title TEXT NOT NULL,"
  "  start_date TEXT,"
  "  end_date TEXT"
  ");"

  "CREATE TABLE goal (" ROW_META
  "  plan_id TEXT NOT NULL REFERENCES plan (id) ON DELETE CASCADE,"
  "  number INTEGER NOT NULL CHECK (number > 0),"
  "  title TEXT NOT NULL,"
  "  UNIQUE (plan_id, number)"
  ");"

  "CREATE TABLE activity (" ROW_META
  "  goal_id TEXT NOT NULL REFERENCES goal (id) ON DELETE CASCADE,"
  "  number INTEGER NOT NULL CHECK (number > 0),"
  "  title TEXT NOT NULL,"
  DEADLINE_COLUMNS
  "  UNIQUE (goal_id, number)"
  ");"

  "CREATE TABLE task (" ROW_META
  "  activity_id TEXT NOT NULL REFERENCES activity (id) ON DELETE CASCADE,"
  "  number INTEGER NOT NULL CHECK (number > 0),"
  "  title TEXT NOT NULL,"
  DEADLINE_COLUMNS
  "  other_partners INTEGER NOT NULL DEFAULT 0,"
  "  status TEXT NOT NULL DEFAULT 'not_started' CHECK (status IN"
  "    ('not_started','in_progress','done','dropped')),"
  "  progress_note TEXT,"
  "  done_date TEXT,"
  "  UNIQUE (activity_id, number)"
  ");"

  "CREATE TABLE task_institution (" ROW_META
  "  task_id TEXT NOT NULL REFERENCES task (id) ON DELETE CASCADE,"
  "  institution_id TEXT NOT NULL REFERENCES institution (id),"
  "  role TEXT NOT NULL CHECK (role IN ('responsible','partner')),"
  "  UNIQUE (task_id, institution_id, role)"
  ");"
  "CREATE INDEX task_institution_institution"
  "  ON task_institution (institution_id);"

  "CREATE TABLE indicator (" ROW_META
  "  activity_id TEXT NOT NULL REFERENCES activity (id) ON DELETE CASCADE,"
  "  number INTEGER NOT NULL CHECK (number > 0),"
  "  text TEXT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('count','percentage','yes_no','text')),"
  "  target_num REAL,"
  "  target_text TEXT,"
  "  UNIQUE (activity_id, number)"
  ");"

  "CREATE TABLE indicator_value (" ROW_META
  "  indicator_id TEXT NOT NULL REFERENCES indicator (id) ON DELETE CASCADE,"
  "  team_id TEXT NOT NULL REFERENCES team (id) ON DELETE CASCADE,"
  "  period TEXT NOT NULL,"
  "  value_num REAL,"
  "  value_text TEXT,"
  "  note TEXT,"
  "  UNIQUE (indicator_id, team_id, period)"
  ");"
  "CREATE INDEX indicator_value_team ON indicator_value (team_id, period);"

  "CREATE TABLE project (" ROW_META
  "  title TEXT NOT NULL CHECK (title <> ''),"
  "  start_date TEXT,"
  "  end_date TEXT,"
  "  status TEXT NOT NULL CHECK (status IN ('planned','ongoing','finished')),"
  "  amount_minor INTEGER,"
  "  currency TEXT CHECK (currency IN ('RSD','EUR','USD')),"
  "  beneficiaries TEXT,"
  "  beneficiaries_count INTEGER CHECK (beneficiaries_count >= 0),"
  "  summary TEXT,"
  "  CHECK ((amount_minor IS NULL) = (currency IS NULL))"
  ");"

  "CREATE TABLE project_partner (" ROW_META
  "  project_id TEXT NOT NULL REFERENCES project (id) ON DELETE CASCADE,"
  "  institution_id TEXT NOT NULL REFERENCES institution (id),"
  "  role TEXT NOT NULL CHECK (role IN ('lead','partner','donor')),"
  "  UNIQUE (project_id, institution_id, role)"
  ");"

  "CREATE TABLE budget_line (" ROW_META
  "  activity_id TEXT NOT NULL REFERENCES activity (id) ON DELETE CASCADE,"
  "  task_id TEXT REFERENCES task (id) ON DELETE CASCADE,"
  "  source TEXT NOT NULL CHECK (source IN ('budget','donor','taiex',"
  "    'project','no_cost','unknown')),"
  "  institution_id TEXT REFERENCES institution (id),"
  "  project_id TEXT REFERENCES project (id),"
  "  source_text TEXT,"
  "  amount_minor INTEGER CHECK (amount_minor >= 0),"
  "  currency TEXT CHECK (currency IN ('RSD','EUR','USD')),"
  "  year INTEGER CHECK (year BETWEEN 1900 AND 2200),"
  "  note TEXT,"
  "  CHECK ((amount_minor IS NULL) = (currency IS NULL))"
  ");"
  "CREATE INDEX budget_line_activity ON budget_line (activity_id);"
  "CREATE INDEX budget_line_task ON budget_line (task_id);"

  "CREATE TABLE risk (" ROW_META
  "  activity_id TEXT NOT NULL REFERENCES activity (id) ON DELETE CASCADE,"
  "  text TEXT NOT NULL"
  ");"
  "CREATE INDEX risk_activity ON risk (activity_id);"

  "CREATE TABLE joint_action (" ROW_META
  "  team_id TEXT NOT NULL REFERENCES team (id) ON DELETE CASCADE,"
  "  date TEXT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('training','campaign','meeting',"
  "    'joint_preventive_action','other')),"
  "  title TEXT NOT NULL CHECK (title <> ''),"
  "  place TEXT,"
  "  activity_id TEXT REFERENCES activity (id) ON DELETE SET NULL,"
  "  women INTEGER NOT NULL DEFAULT 0 CHECK (women >= 0),"
  "  men INTEGER NOT NULL DEFAULT 0 CHECK (men >= 0),"
  "  girls INTEGER NOT NULL DEFAULT 0 CHECK (girls >= 0),"
  "  boys INTEGER NOT NULL DEFAULT 0 CHECK (boys >= 0),"
  "  note TEXT"
  ");"
  "CREATE INDEX joint_action_date ON joint_action (date);"
  "CREATE INDEX joint_action_team ON joint_action (team_id, date);"
  "CREATE INDEX joint_action_activity ON joint_action (activity_id);"

  "CREATE TABLE joint_action_institution (" ROW_META
  "  joint_action_id TEXT NOT NULL REFERENCES joint_action (id)"
  "    ON DELETE CASCADE,"
  "  institution_id TEXT NOT NULL REFERENCES institution (id),"
  "  UNIQUE (joint_action_id, institution_id)"
  ");"
  "CREATE INDEX joint_action_institution_institution"
  "  ON joint_action_institution (institution_id);"

  "CREATE TABLE joint_action_indicator (" ROW_META
  "  joint_action_id TEXT NOT NULL REFERENCES joint_action (id)"
  "    ON DELETE CASCADE,"
  "  indicator_id TEXT NOT NULL REFERENCES indicator (id) ON DELETE CASCADE,"
  "  UNIQUE (joint_action_id, indicator_id)"
  ");"
  "CREATE INDEX joint_action_indicator_indicator"
  "  ON joint_action_indicator (indicator_id);"

  /* Full-text search: search_doc maps a row's UUID to a stable FTS
   * rowid (so that deletes and updates are point operations, not scans
   * of the index), search holds the folded text and the label shown. */
  "CREATE TABLE search_doc ("
  "  rid INTEGER PRIMARY KEY,"
  "  ref TEXT NOT NULL UNIQUE,"
  "  kind TEXT NOT NULL"
  ");"
  "CREATE VIRTUAL TABLE search USING fts5 ("
  "  title, body, label UNINDEXED,"
  "  tokenize = 'unicode61 remove_diacritics 2',"
  "  prefix = '2 3'"
  ");"
  SEARCH_TRIGGERS ("goal", "goal", "title", "NULL")
  SEARCH_TRIGGERS ("activity", "activity", "title", "NULL")
  SEARCH_TRIGGERS ("task", "task", "title", "new.progress_note")
  SEARCH_TRIGGERS ("institution", "institution", "name",
                   "coalesce (new.short_name, '') || ' ' || coalesce (new.town, '')")
  SEARCH_TRIGGERS ("project", "project", "title", "new.summary")
  ;

/* Schema version 3: the meetings of the network (the annual meeting of
 * the local teams, task 1.1.3 of the plan). Synced like every table: the
 * capture triggers come from mreza-sync-capture.c. */
static const char migration_3[] =
  "CREATE TABLE meeting (" ROW_META
  "  date TEXT NOT NULL CHECK (date <> ''),"
  "  place TEXT,"
  "  organiser_institution_id TEXT NOT NULL REFERENCES institution (id),"
  "  title TEXT NOT NULL CHECK (title <> ''),"
  "  conclusions TEXT,"
  "  team_id TEXT REFERENCES team (id) ON DELETE CASCADE"
  ");"
  "CREATE INDEX meeting_date ON meeting (date);"
  "CREATE INDEX meeting_organiser ON meeting (organiser_institution_id);"
  "CREATE INDEX meeting_team ON meeting (team_id);"

  /* No UNIQUE (meeting_id, position): two devices reordering the agenda
   * offline merge field by field, and must not fail on a passing tie. */
  "CREATE TABLE meeting_agenda_item (" ROW_META
  "  meeting_id TEXT NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL CHECK (position > 0),"
  "  title TEXT NOT NULL CHECK (title <> ''),"
  "  presenter_institution_id TEXT REFERENCES institution (id)"
  "    ON DELETE SET NULL,"
  "  goal_id TEXT REFERENCES goal (id) ON DELETE SET NULL,"
  "  activity_id TEXT REFERENCES activity (id) ON DELETE SET NULL,"
  "  start_time TEXT CHECK (start_time IS NULL OR"
  "    start_time GLOB '[0-2][0-9]:[0-5][0-9]'),"
  "  duration_min INTEGER CHECK (duration_min IS NULL OR duration_min > 0)"
  ");"
  "CREATE INDEX meeting_agenda_item_meeting"
  "  ON meeting_agenda_item (meeting_id, position);"
  "CREATE INDEX meeting_agenda_item_presenter"
  "  ON meeting_agenda_item (presenter_institution_id);"
  "CREATE INDEX meeting_agenda_item_goal ON meeting_agenda_item (goal_id);"
  "CREATE INDEX meeting_agenda_item_activity"
  "  ON meeting_agenda_item (activity_id);"

  "CREATE TABLE meeting_invitee (" ROW_META
  "  meeting_id TEXT NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,"
  "  team_id TEXT REFERENCES team (id) ON DELETE CASCADE,"
  "  institution_id TEXT REFERENCES institution (id) ON DELETE CASCADE,"
  "  attended INTEGER NOT NULL DEFAULT 0 CHECK (attended IN (0, 1)),"
  "  CHECK (team_id IS NOT NULL OR institution_id IS NOT NULL)"
  ");"
  "CREATE INDEX meeting_invitee_meeting ON meeting_invitee (meeting_id);"
  "CREATE INDEX meeting_invitee_team ON meeting_invitee (team_id);"
  "CREATE INDEX meeting_invitee_institution"
  "  ON meeting_invitee (institution_id);"

  "CREATE TABLE meeting_follow_up (" ROW_META
  "  meeting_id TEXT NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,"
  "  task_id TEXT REFERENCES task (id) ON DELETE SET NULL,"
  "  title TEXT NOT NULL CHECK (title <> ''),"
  "  responsible_institution_id TEXT REFERENCES institution (id)"
  "    ON DELETE SET NULL,"
  "  deadline TEXT"
  ");"
  "CREATE INDEX meeting_follow_up_meeting ON meeting_follow_up (meeting_id);"
  "CREATE INDEX meeting_follow_up_task ON meeting_follow_up (task_id);"
  "CREATE INDEX meeting_follow_up_responsible"
  "  ON meeting_follow_up (responsible_institution_id);"
  ;

static char *
build_migration_3 (void)
{
  static const char * const synced[] = {
    "meeting", "meeting_agenda_item", "meeting_invitee", "meeting_follow_up",
    NULL,
  };
  g_autofree char *triggers = _mreza_sync_capture_tables_sql (synced);

  return g_strconcat (migration_3, triggers, NULL);
}

/* Version 4: the joint actions list filters by kind and period; with
 * (kind, date) a filter on both reads only the matching index range,
 * already in date order, instead of a year's rows from the table. IF
 * NOT EXISTS, because a replica moved back to an older version by hand
 * keeps its indexes. */
static const char migration_4[] =
  "CREATE INDEX IF NOT EXISTS joint_action_kind"
  "  ON joint_action (kind, date);"
  ;

/* Version 5: each local team's progress on the plan's tasks. The task
 * row is the national plan (the coordinator's); a member device reports
 * its own team's status, note and date here, one row per task and team.
 * The row's id is derived from (task, team) (mreza_task_progress_id()),
 * so two members of a team who report offline write the same row and
 * merge field by field instead of colliding on the UNIQUE index.
 *
 * task_here is what this replica shows of a task: its team's progress
 * on a member device once reported, the national status otherwise. */
static const char migration_5[] =
  "CREATE TABLE task_progress (" ROW_META
  "  task_id TEXT NOT NULL REFERENCES task (id) ON DELETE CASCADE,"
  "  team_id TEXT NOT NULL REFERENCES team (id) ON DELETE CASCADE,"
  "  status TEXT NOT NULL CHECK (status IN"
  "    ('not_started', 'in_progress', 'done', 'dropped')),"
  "  progress_note TEXT,"
  "  done_date TEXT,"
  "  UNIQUE (task_id, team_id)"
  ");"
  "CREATE INDEX task_progress_team ON task_progress (team_id);"
  "CREATE VIEW task_here AS"
  "  SELECT t.id AS id, t.rowid AS task_rowid, p.id AS progress_id,"
  "    p.team_id AS team_id,"
  "    CASE WHEN p.id IS NULL THEN t.status ELSE p.status END AS status,"
  "    CASE WHEN p.id IS NULL THEN t.progress_note"
  "      ELSE p.progress_note END AS progress_note,"
  "    CASE WHEN p.id IS NULL THEN t.done_date ELSE p.done_date END"
  "      AS done_date"
  "  FROM task t LEFT JOIN task_progress p ON p.task_id = t.id"
  "    AND p.team_id = (SELECT value FROM sync_state WHERE key = 'team')"
  "    AND (SELECT value FROM sync_state WHERE key = 'role') = 'member';"
  ;

static char *
build_migration_5 (void)
{
  static const char * const synced[] = { "task_progress", NULL };
  g_autofree char *triggers = _mreza_sync_capture_tables_sql (synced);

  return g_strconcat (migration_5, triggers, NULL);
}

/* Version 6: local, never synced: what the coordinator last told this
 * replica of the teams it may see (when each last synced, how many
 * changes its devices still held then) and of their devices' names, for
 * the reports' sync-coverage stamp and the conflicts' "who"
 * (mreza-peers.c). */
static const char migration_6[] =
  "CREATE TABLE IF NOT EXISTS sync_peer_team ("
  "  team_id TEXT PRIMARY KEY NOT NULL,"
  "  name TEXT NOT NULL,"
  "  synced_at TEXT,"
  "  pending INTEGER,"
  "  devices INTEGER NOT NULL DEFAULT 0,"
  "  told_at TEXT NOT NULL"
  ");"
  "CREATE TABLE IF NOT EXISTS sync_peer_device ("
  "  device_id TEXT PRIMARY KEY NOT NULL,"
  "  name TEXT NOT NULL,"
  "  team_id TEXT NOT NULL"
  ");"
  ;

/* Kept beside migration 1's SEARCH_TRIGGERS, with the same arguments. */
static const char search_rebuild[] =
  SEARCH_REBUILD ("goal", "goal", "title", "NULL")
  SEARCH_REBUILD ("activity", "activity", "title", "NULL")
  SEARCH_REBUILD ("task", "task", "title", "new.progress_note")
  SEARCH_REBUILD ("institution", "institution", "name",
                  "coalesce (new.short_name, '') || ' ' || coalesce (new.town, '')")
  SEARCH_REBUILD ("project", "project", "title", "new.summary")
  ;

/**
 * _mreza_search_rebuild_sql:
 *
 * Returns: (transfer full): the SQL that adds to the search index every
 *   searchable row it lacks
 */
char *
_mreza_search_rebuild_sql (void)
{
  return g_strdup (search_rebuild);
}

/* A migration is SQL, or a function that builds it (from the schema
 * description, for the sync triggers). */
typedef struct
{
  const char  *sql;
  char       *(*build) (void);
} Migration;

static const Migration migrations[] = {
  { migration_1, NULL },
  { NULL, _mreza_sync_capture_sql },
  { NULL, build_migration_3 },
  { migration_4, NULL },
  { NULL, build_migration_5 },
  { migration_6, NULL },
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == MREZA_SCHEMA_VERSION);

/* Runs every migration after @from_version, each in a transaction of its
 * own that also moves PRAGMA user_version, so a crash leaves the replica
 * at the last version that completed. */
gboolean
_mreza_store_migrate (sqlite3  *db,
                      int       from_version,
                      GError  **error)
{
  g_assert (db != NULL);

  for (int v = from_version; v < MREZA_SCHEMA_VERSION; v++)
    {
      g_autofree char *bump = NULL;
      g_autofree char *built = NULL;
      const char *sql = migrations[v].sql;

      if (sql == NULL)
        sql = built = migrations[v].build ();

      if (!_mreza_sql_exec (db, "BEGIN IMMEDIATE", error))
        return FALSE;

      bump = g_strdup_printf ("PRAGMA user_version = %d", v + 1);
      if (!_mreza_sql_exec (db, sql, error) ||
          !_mreza_sql_exec (db, bump, error) ||
          !_mreza_sql_exec (db, "COMMIT", error))
        {
          _mreza_sql_exec (db, "ROLLBACK", NULL);
          g_prefix_error (error, _("Migration to schema version %d failed: "),
                          v + 1);
          return FALSE;
        }
    }

  return TRUE;
}
