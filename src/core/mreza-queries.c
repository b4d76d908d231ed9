/* mreza-queries.c: the details a page shows, read off the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mreza-queries"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mreza-queries.h"
#include "mreza-store-private.h"

#define COL(stmt, i) g_strdup (_mreza_sql_text (stmt, i))

static void
task_info_free (MrezaTaskInfo *info)
{
  g_free (info->title);
  g_free (info->responsible);
  g_free (info->partners);
  g_free (info->deadline);
  g_free (info->deadline_to);
  g_free (info->status);
  g_free (info->id);
  g_free (info);
}

static void
indicator_info_free (MrezaIndicatorInfo *info)
{
  g_free (info->text);
  g_free (info->kind);
  g_free (info->target);
  g_free (info->id);
  g_free (info);
}

static void
budget_total_free (MrezaBudgetTotal *total)
{
  g_free (total->currency);
  g_free (total);
}

static void
budget_line_info_free (MrezaBudgetLineInfo *info)
{
  g_free (info->source);
  g_free (info->source_text);
  g_free (info->institution);
  g_free (info->currency);
  g_free (info->id);
  g_free (info);
}

void
mreza_activity_detail_free (MrezaActivityDetail *detail)
{
  if (detail == NULL)
    return;

  g_free (detail->id);
  g_free (detail->goal_title);
  g_free (detail->title);
  g_free (detail->deadline);
  g_clear_pointer (&detail->tasks, g_ptr_array_unref);
  g_clear_pointer (&detail->indicators, g_ptr_array_unref);
  g_clear_pointer (&detail->budget_totals, g_ptr_array_unref);
  g_clear_pointer (&detail->budget_lines, g_ptr_array_unref);
  g_strfreev (detail->risks);
  g_strfreev (detail->risk_ids);
  g_free (detail);
}

/* Reads the one row of @sql, with @id as ?1; a row that is not there
 * is told with @missing. Returns the statement on its row, or NULL. */
static sqlite3_stmt *
load_one (sqlite3     *db,
          const char  *sql,
          const char  *id,
          const char  *missing,
          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _mreza_sql_prepare_with_id (db, sql, id,
                                                             error);

  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error_literal (error, MREZA_STORE_ERROR,
                           MREZA_STORE_ERROR_NOT_FOUND, missing);
      return NULL;
    }
  return g_steal_pointer (&stmt);
}

/* Steps through the rows of @sql, with @id as ?1, calling @row for
 * each; reports a failed step as an error. */
static gboolean
load_rows (sqlite3       *db,
           const char    *sql,
           const char    *id,
           void         (*row) (sqlite3_stmt *stmt, gpointer data),
           gpointer       data,
           GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = _mreza_sql_prepare_with_id (db, sql, id,
                                                             error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    row (stmt, data);

  if (rc != SQLITE_DONE)
    {
      _mreza_sql_set_error (db, rc, error, "Cannot read the replica");
      return FALSE;
    }

  return TRUE;
}

static void
add_task (sqlite3_stmt *stmt,
          gpointer      data)
{
  MrezaTaskInfo *info = g_new0 (MrezaTaskInfo, 1);

  info->number = sqlite3_column_int (stmt, 0);
  info->title = COL (stmt, 1);
  info->responsible = COL (stmt, 2);
  info->partners = COL (stmt, 3);
  info->other_partners = sqlite3_column_int (stmt, 4);
  info->deadline = COL (stmt, 5);
  info->deadline_to = COL (stmt, 6);
  info->status = COL (stmt, 7);
  info->id = COL (stmt, 8);
  g_ptr_array_add (data, info);
}

static void
add_indicator (sqlite3_stmt *stmt,
               gpointer      data)
{
  MrezaIndicatorInfo *info = g_new0 (MrezaIndicatorInfo, 1);

  info->number = sqlite3_column_int (stmt, 0);
  info->text = COL (stmt, 1);
  info->kind = COL (stmt, 2);
  info->id = COL (stmt, 5);
  if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
    info->target = COL (stmt, 4);
  else if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
    {
      double v = sqlite3_column_double (stmt, 3);

      if (g_strcmp0 (info->kind, "yes_no") == 0)
        info->target = g_strdup (v != 0 ? _("Yes") : _("No"));
      else if (g_strcmp0 (info->kind, "percentage") == 0)
        info->target = g_strdup_printf ("%g %%", v);
      else
        info->target = g_strdup_printf ("%g", v);
    }
  g_ptr_array_add (data, info);
}

static void
add_budget_total (sqlite3_stmt *stmt,
                  gpointer      data)
{
  MrezaBudgetTotal *total = g_new0 (MrezaBudgetTotal, 1);

  total->year = sqlite3_column_int (stmt, 0);
  total->currency = COL (stmt, 1);
  total->amount_minor = sqlite3_column_int64 (stmt, 2);
  g_ptr_array_add (data, total);
}

static void
add_budget_line (sqlite3_stmt *stmt,
                 gpointer      data)
{
  MrezaBudgetLineInfo *info = g_new0 (MrezaBudgetLineInfo, 1);

  info->task_number = sqlite3_column_int (stmt, 0);
  info->source = COL (stmt, 1);
  info->source_text = COL (stmt, 2);
  info->institution = COL (stmt, 3);
  info->year = sqlite3_column_int (stmt, 4);
  info->currency = COL (stmt, 5);
  info->amount_minor = sqlite3_column_int64 (stmt, 6);
  info->id = COL (stmt, 7);
  g_ptr_array_add (data, info);
}

static const char activity_sql[] =
  "SELECT a.id, g.number, g.title, a.number, a.title, a.deadline_text"
  " FROM activity a JOIN goal g ON g.id = a.goal_id WHERE a.id = ?1";

static const char tasks_sql[] =
  "SELECT t.number, t.title,"
  " (SELECT group_concat (i.name, ', ') FROM task_institution ti"
  "  JOIN institution i ON i.id = ti.institution_id"
  "  WHERE ti.task_id = t.id AND ti.role = 'responsible'),"
  " (SELECT group_concat (i.name, ', ') FROM task_institution ti"
  "  JOIN institution i ON i.id = ti.institution_id"
  "  WHERE ti.task_id = t.id AND ti.role = 'partner'),"
  " t.other_partners,"
  " coalesce (t.deadline_text, a.deadline_text),"
  " coalesce (t.deadline_to, a.deadline_to), h.status, t.id"
  " FROM task t JOIN activity a ON a.id = t.activity_id"
  " JOIN task_here h ON h.id = t.id"
  " WHERE t.activity_id = ?1 ORDER BY t.number";

static const char indicators_sql[] =
  "SELECT number, text, kind, target_num, target_text, id FROM indicator"
  " WHERE activity_id = ?1 ORDER BY number";

static const char budget_totals_sql[] =
  "SELECT coalesce (year, 0), currency, sum (amount_minor) FROM budget_line"
  " WHERE activity_id = ?1 AND amount_minor IS NOT NULL"
  " GROUP BY 1, 2 ORDER BY 1, 2";

static const char budget_lines_sql[] =
  "SELECT coalesce (t.number, 0), b.source, b.source_text, i.name,"
  " coalesce (b.year, 0), b.currency, coalesce (b.amount_minor, 0), b.id"
  " FROM budget_line b LEFT JOIN task t ON t.id = b.task_id"
  " LEFT JOIN institution i ON i.id = b.institution_id"
  " WHERE b.activity_id = ?1 ORDER BY 1, b.year, b.currency, b.rowid";

static const char risks_sql[] =
  "SELECT text, id FROM risk WHERE activity_id = ?1 ORDER BY rowid";

/* A risk's text and id, side by side in two arrays. */
static void
add_risk (sqlite3_stmt *stmt,
          gpointer      data)
{
  GPtrArray **arrays = data;

  g_ptr_array_add (arrays[0], COL (stmt, 0));
  g_ptr_array_add (arrays[1], COL (stmt, 1));
}

/**
 * mreza_activity_detail_load:
 * @db: a connection to a replica
 * @id: an activity's UUID
 * @error: return location for a #GError
 *
 * Reads what the activity page shows: its tasks with their responsible
 * institutions and deadlines, indicators, budget totals by year and
 * currency, budget lines and risks.
 *
 * Returns: (transfer full): the detail, or %NULL on error
 */
MrezaActivityDetail *
mreza_activity_detail_load (sqlite3     *db,
                            const char  *id,
                            GError     **error)
{
  g_autoptr(MrezaActivityDetail) detail = g_new0 (MrezaActivityDetail, 1);
  g_autoptr(GPtrArray) risks = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) risk_ids = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *risk_arrays[] = { risks, risk_ids };
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = load_one (db, activity_sql, id,
                   _("The activity is no longer in the replica."), error);
  if (stmt == NULL)
    return NULL;

  detail->id = COL (stmt, 0);
  detail->goal_number = sqlite3_column_int (stmt, 1);
  detail->goal_title = COL (stmt, 2);
  detail->number = sqlite3_column_int (stmt, 3);
  detail->title = COL (stmt, 4);
  detail->deadline = COL (stmt, 5);

  detail->tasks = g_ptr_array_new_with_free_func ((GDestroyNotify) task_info_free);
  detail->indicators =
    g_ptr_array_new_with_free_func ((GDestroyNotify) indicator_info_free);
  detail->budget_totals =
    g_ptr_array_new_with_free_func ((GDestroyNotify) budget_total_free);
  detail->budget_lines =
    g_ptr_array_new_with_free_func ((GDestroyNotify) budget_line_info_free);

  if (!load_rows (db, tasks_sql, id, add_task, detail->tasks, error) ||
      !load_rows (db, indicators_sql, id, add_indicator, detail->indicators,
                  error) ||
      !load_rows (db, budget_totals_sql, id, add_budget_total,
                  detail->budget_totals, error) ||
      !load_rows (db, budget_lines_sql, id, add_budget_line,
                  detail->budget_lines, error) ||
      !load_rows (db, risks_sql, id, add_risk, risk_arrays, error))
    return NULL;

  g_ptr_array_set_free_func (risks, NULL);
  g_ptr_array_add (risks, NULL);
  detail->risks = (GStrv) g_ptr_array_free (g_steal_pointer (&risks), FALSE);
  g_ptr_array_set_free_func (risk_ids, NULL);
  g_ptr_array_add (risk_ids, NULL);
  detail->risk_ids = (GStrv) g_ptr_array_free (g_steal_pointer (&risk_ids),
                                               FALSE);

  return g_steal_pointer (&detail);
}

static void
member_info_free (MrezaMemberInfo *info)
{
  g_free (info->sector);
  g_free (info->name);
  g_free (info->town);
  g_free (info);
}

static void
contact_info_free (MrezaContactInfo *info)
{
  g_free (info->name);
  g_free (info->role);
  g_free (info->institution);
  g_free (info->phone);
  g_free (info->email);
  g_free (info);
}

void
mreza_team_detail_free (MrezaTeamDetail *detail)
{
  if (detail == NULL)
    return;

  g_free (detail->id);
  g_free (detail->name);
  g_free (detail->town);
  g_clear_pointer (&detail->members, g_ptr_array_unref);
  g_clear_pointer (&detail->contacts, g_ptr_array_unref);
  g_free (detail);
}

static void
add_member (sqlite3_stmt *stmt,
            gpointer      data)
{
  MrezaMemberInfo *info = g_new0 (MrezaMemberInfo, 1);

  info->sector = COL (stmt, 0);
  info->name = COL (stmt, 1);
  info->town = COL (stmt, 2);
  g_ptr_array_add (data, info);
}

static void
add_contact (sqlite3_stmt *stmt,
             gpointer      data)
{
  MrezaContactInfo *info = g_new0 (MrezaContactInfo, 1);

  info->name = COL (stmt, 0);
  info->role = COL (stmt, 1);
  info->institution = COL (stmt, 2);
  info->phone = COL (stmt, 3);
  info->email = COL (stmt, 4);
  info->secretary = sqlite3_column_int (stmt, 5);
  g_ptr_array_add (data, info);
}

static const char team_sql[] =
  "SELECT id, name, town FROM team WHERE id = ?1";

static const char members_sql[] =
  "SELECT i.sector, i.name, i.town FROM team_member m"
  " JOIN institution i ON i.id = m.institution_id WHERE m.team_id = ?1"
  " ORDER BY i.sector, i.name";

static const char contacts_sql[] =
  "SELECT c.name, c.role, i.name, c.phone, c.email, c.is_secretary"
  " FROM contact c LEFT JOIN institution i ON i.id = c.institution_id"
  " WHERE c.team_id = ?1 ORDER BY c.is_secretary DESC, c.role, c.name";

/**
 * mreza_team_detail_load:
 * @db: a connection to a replica
 * @id: a team's UUID
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the team with its member institutions by
 *   sector and its contacts, or %NULL on error
 */
MrezaTeamDetail *
mreza_team_detail_load (sqlite3     *db,
                        const char  *id,
                        GError     **error)
{
  g_autoptr(MrezaTeamDetail) detail = g_new0 (MrezaTeamDetail, 1);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = load_one (db, team_sql, id,
                   _("The team is no longer in the replica."), error);
  if (stmt == NULL)
    return NULL;

  detail->id = COL (stmt, 0);
  detail->name = COL (stmt, 1);
  detail->town = COL (stmt, 2);
  detail->members =
    g_ptr_array_new_with_free_func ((GDestroyNotify) member_info_free);
  detail->contacts =
    g_ptr_array_new_with_free_func ((GDestroyNotify) contact_info_free);

  if (!load_rows (db, members_sql, id, add_member, detail->members, error) ||
      !load_rows (db, contacts_sql, id, add_contact, detail->contacts, error))
    return NULL;

  return g_steal_pointer (&detail);
}

static void
partner_info_free (MrezaPartnerInfo *info)
{
  g_free (info->name);
  g_free (info->role);
  g_free (info);
}

void
mreza_project_detail_free (MrezaProjectDetail *detail)
{
  if (detail == NULL)
    return;

  g_free (detail->id);
  g_free (detail->title);
  g_free (detail->start_date);
  g_free (detail->end_date);
  g_free (detail->status);
  g_free (detail->currency);
  g_free (detail->beneficiaries);
  g_free (detail->summary);
  g_clear_pointer (&detail->partners, g_ptr_array_unref);
  g_free (detail);
}

static void
add_partner (sqlite3_stmt *stmt,
             gpointer      data)
{
  MrezaPartnerInfo *info = g_new0 (MrezaPartnerInfo, 1);

  info->name = COL (stmt, 0);
  info->role = COL (stmt, 1);
  g_ptr_array_add (data, info);
}

static const char project_sql[] =
  "SELECT id, title, start_date, end_date, status, currency,"
  " coalesce (amount_minor, 0), beneficiaries,"
  " coalesce (beneficiaries_count, -1), summary FROM project WHERE id = ?1";

static const char partners_sql[] =
  "SELECT i.name, p.role FROM project_partner p"
  " JOIN institution i ON i.id = p.institution_id WHERE p.project_id = ?1"
  " ORDER BY CASE p.role WHEN 'lead' THEN 0 WHEN 'partner' THEN 1 ELSE 2 END,"
  " i.name";

/**
 * mreza_project_detail_load:
 * @db: a connection to a replica
 * @id: a project's UUID
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the project with its partners, or %NULL on
 *   error
 */
MrezaProjectDetail *
mreza_project_detail_load (sqlite3     *db,
                           const char  *id,
                           GError     **error)
{
  g_autoptr(MrezaProjectDetail) detail = g_new0 (MrezaProjectDetail, 1);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = load_one (db, project_sql, id,
                   _("The project is no longer in the replica."), error);
  if (stmt == NULL)
    return NULL;

  detail->id = COL (stmt, 0);
  detail->title = COL (stmt, 1);
  detail->start_date = COL (stmt, 2);
  detail->end_date = COL (stmt, 3);
  detail->status = COL (stmt, 4);
  detail->currency = COL (stmt, 5);
  detail->amount_minor = sqlite3_column_int64 (stmt, 6);
  detail->beneficiaries = COL (stmt, 7);
  detail->beneficiaries_count = sqlite3_column_int64 (stmt, 8);
  detail->summary = COL (stmt, 9);
  detail->partners =
    g_ptr_array_new_with_free_func ((GDestroyNotify) partner_info_free);

  if (!load_rows (db, partners_sql, id, add_partner, detail->partners, error))
    return NULL;

  return g_steal_pointer (&detail);
}

typedef struct
{
  MrezaDetailLoader  loader;
  GDestroyNotify     free_func;
  char              *id;
} DetailData;

static void
detail_data_free (DetailData *data)
{
  g_free (data->id);
  g_free (data);
}

static void
detail_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  DetailData *data = task_data;
  g_autoptr(GError) error = NULL;
  gpointer detail;
  sqlite3 *db;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (!(db = mreza_store_open_reader (source_object, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  detail = data->loader (db, data->id, &error);
  mreza_store_release_reader (source_object, db);

  if (detail == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, detail, data->free_func);
}

/**
 * mreza_detail_load_async:
 * @store: the replica
 * @loader: (scope async): one of the mreza_*_detail_load() functions
 * @free_func: what frees its result
 * @id: the row's UUID
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the calling thread when the detail is read
 * @user_data: for @callback
 *
 * Runs @loader in a worker thread on a read-only connection of its own.
 */
void
mreza_detail_load_async (MrezaStore          *store,
                         MrezaDetailLoader    loader,
                         GDestroyNotify       free_func,
                         const char          *id,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  DetailData *data;

  g_return_if_fail (MREZA_IS_STORE (store));
  g_return_if_fail (loader != NULL);
  g_return_if_fail (id != NULL);

  data = g_new0 (DetailData, 1);
  data->loader = loader;
  data->free_func = free_func;
  data->id = g_strdup (id);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, mreza_detail_load_async);
  g_task_set_task_data (task, data, (GDestroyNotify) detail_data_free);
  g_task_run_in_thread (task, detail_thread);
}

/**
 * mreza_detail_load_finish:
 * @store: the replica
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full): what the loader returned; free it with the
 *   free_func given to mreza_detail_load_async()
 */
gpointer
mreza_detail_load_finish (MrezaStore    *store,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * mreza_plan_path_lookup:
 * @db: a connection to a replica
 * @kind: %MREZA_ROW_GOAL, %MREZA_ROW_ACTIVITY or %MREZA_ROW_TASK
 * @id: the row's UUID
 *
 * Finds where a row stands in the plan, for opening the tree down to
 * it: point queries by primary key.
 *
 * Returns: (transfer full) (nullable): the ids from the goal down to
 *   @id, or %NULL if a row on the way is not in the replica
 */
GStrv
mreza_plan_path_lookup (sqlite3      *db,
                        MrezaRowKind  kind,
                        const char   *id)
{
  static const char * const parent_sql[] = {
    [MREZA_ROW_ACTIVITY] = "SELECT goal_id FROM activity WHERE id = ?1",
    [MREZA_ROW_TASK] = "SELECT activity_id FROM task WHERE id = ?1",
  };
  g_autoptr(GPtrArray) path = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  g_ptr_array_add (path, g_strdup (id));
  while (kind == MREZA_ROW_TASK || kind == MREZA_ROW_ACTIVITY)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;
      const char *child = path->pdata[0];

      if (!(stmt = _mreza_sql_prepare_with_id (db, parent_sql[kind], child, NULL)) ||
          sqlite3_step (stmt) != SQLITE_ROW)
        return NULL;

      g_ptr_array_insert (path, 0, COL (stmt, 0));
      kind = kind == MREZA_ROW_TASK ? MREZA_ROW_ACTIVITY : MREZA_ROW_GOAL;
    }

  g_ptr_array_add (path, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&path), FALSE);
}

/**
 * mreza_format_money:
 * @amount_minor: an amount in minor units
 * @currency: its ISO 4217 code
 *
 * Formats money the way Serbian writes it: a dot between thousands, a
 * comma before the decimals, which are left out when zero
 * ("102.000 RSD", "4.500,50 EUR").
 *
 * Returns: (transfer full): the text
 */
char *
mreza_format_money (gint64      amount_minor,
                    const char *currency)
{
  g_autoptr(GString) digits = NULL;
  gboolean negative = amount_minor < 0;
  guint64 abs_minor = negative ? -(guint64) amount_minor : (guint64) amount_minor;
  guint64 major = abs_minor / 100;
  guint cents = abs_minor % 100;
  g_autoptr(GString) out = g_string_new (negative ? "−" : "");
  guint len;

  digits = g_string_new (NULL);
  g_string_printf (digits, "%" G_GUINT64_FORMAT, major);
  len = digits->len;
  for (guint i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, '.');
      g_string_append_c (out, digits->str[i]);
    }
  if (cents != 0)
    g_string_append_printf (out, ",%02u", cents);
  if (currency != NULL)
    g_string_append_printf (out, " %s", currency);

  return g_string_free (g_steal_pointer (&out), FALSE);
}
