/* mreza-report.c: the annual report's data, read from a replica
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything is aggregated in SQL: a national report on a replica of a
 * million rows reads a few thousand result rows (one per activity, team,
 * kind, source…), never the rows themselves. The late tasks are the one
 * list, and it is as long as the plan's unfinished tasks, not the data.
 *
 * Scope. The plan (tasks, indicators, budget lines, risks) is national:
 * its rows are global and a team's report shows the same plan. What a
 * team owns — indicator values and joint actions — is the team's alone
 * in a team report and summed over the teams in the network's.
 *
 * The period. A task belongs to the period when its deadline window
 * (its own, else its activity's, else its plan's) meets the period, or
 * when it is unfinished and its deadline passed before the period began,
 * so that a task late since last year is still reported. A plan that
 * does not meet the period contributes nothing, so a year without a
 * plan, values or actions gives an empty report that says so.
 */
#define G_LOG_DOMAIN "mreza-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "mreza-report-private.h"
#include "mreza-store-private.h"
#include "mreza-util.h"

#define PLAN_MEETS \
  "coalesce (p.start_date, '0000-01-01') <= :to" \
  " AND coalesce (p.end_date, '9999-12-31') >= :from"
#define TASK_FROM \
  "coalesce (t.deadline_from, a.deadline_from, p.start_date, '0000-01-01')"
#define TASK_TO \
  "coalesce (t.deadline_to, a.deadline_to, p.end_date, '9999-12-31')"
/* A team's report reads the team's own progress on a task where it
 * reported one (task_progress), the plan's national status otherwise;
 * the network's report reads the national status. */
#define TASK_STATUS "coalesce (tp.status, t.status)"
#define TASK_PROGRESS_JOIN \
  " LEFT JOIN task_progress tp ON tp.task_id = t.id AND tp.team_id = :team"
#define TASK_OPEN TASK_STATUS " IN ('not_started', 'in_progress')"
#define TASK_IN_SCOPE \
  "(" PLAN_MEETS " AND ((" TASK_FROM " <= :to AND " TASK_TO " >= :from)" \
  " OR (" TASK_OPEN " AND " TASK_TO " < :from)))"
#define TASK_LATE "(" TASK_OPEN " AND " TASK_TO " < :asof)"
#define PLAN_JOINS \
  " JOIN goal g ON g.id = a.goal_id JOIN plan p ON p.id = g.plan_id"
#define PLAN_ORDER "p.start_date, p.id, g.number, a.number"
#define JA_IN_SCOPE \
  "j.date BETWEEN :from AND :to AND (:team IS NULL OR j.team_id = :team)"
/* The period's joint actions, copied once: the tables that group them
 * by kind, team and activity then read a few MB of temp table instead
 * of each visiting the period's rows all over a large joint_action. */
#define JA_TEMP "temp.mreza_report_ja"

typedef struct
{
  MrezaReport *report;
  sqlite3     *db;
} Builder;

static const char *
status_label (int status)
{
  static const char * const labels[] = {
    N_("Done"), N_("In progress"), N_("Not started"), N_("Dropped"),
    N_("Late"),
  };

  return _(labels[status]);
}

static const char *
kind_label (const char *kind)
{
  static const struct { const char *code, *label; } kinds[] = {
    { "training", N_("Training") },
    { "campaign", N_("Campaign") },
    { "meeting", N_("Meeting") },
    { "joint_preventive_action", N_("Joint preventive action") },
    { "other", N_("Other") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kind, kinds[i].code) == 0)
      return _(kinds[i].label);
  return kind;
}

static const char *
source_label (const char *source)
{
  static const struct { const char *code, *label; } sources[] = {
    { "budget", N_("Budget") },
    { "donor", N_("Donor") },
    { "taiex", N_("TAIEX") },
    { "project", N_("Project") },
    { "no_cost", N_("No cost") },
    { "unknown", N_("Source not known") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    if (g_strcmp0 (source, sources[i].code) == 0)
      return _(sources[i].label);
  return source;
}

static const char *
status_code_label (const char *status)
{
  static const char * const codes[] = {
    "done", "in_progress", "not_started", "dropped",
  };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    if (g_strcmp0 (status, codes[i]) == 0)
      return status_label (i);
  return status;
}

/* Prepares @sql and binds whichever of :from, :to, :asof, :team and
 * :year it names. */
static sqlite3_stmt *
prepare (Builder     *b,
         const char  *sql,
         GError     **error)
{
  MrezaReport *r = b->report;
  sqlite3_stmt *stmt = _mreza_sql_prepare (b->db, sql, error);
  const struct { const char *name, *value; } texts[] = {
    { ":from", r->from }, { ":to", r->to }, { ":asof", r->as_of },
    { ":team", r->team_id },
  };
  int idx;

  if (stmt == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if ((idx = sqlite3_bind_parameter_index (stmt, texts[i].name)) > 0)
      sqlite3_bind_text (stmt, idx, texts[i].value, -1, SQLITE_STATIC);
  if ((idx = sqlite3_bind_parameter_index (stmt, ":year")) > 0)
    sqlite3_bind_int (stmt, idx, r->year);

  return stmt;
}

static gboolean
step_done (Builder       *b,
           int            rc,
           GError       **error)
{
  if (rc == SQLITE_DONE)
    return TRUE;

  _mreza_sql_set_error (b->db, rc, error, "Cannot read the replica");
  return FALSE;
}

static const char *
col_text (sqlite3_stmt *stmt,
          int           i)
{
  return (const char *) sqlite3_column_text (stmt, i);
}

static char *
goal_heading (sqlite3_stmt *stmt,
              int           number_col)
{
  /* TRANSLATORS: a heading: the goal's number and title */
  return g_strdup_printf (_("Goal %d: %s"),
                          sqlite3_column_int (stmt, number_col),
                          col_text (stmt, number_col + 1));
}

static void G_GNUC_PRINTF (3, 4)
cell_printf (MrezaReportTable *table,
             MrezaReportCell  *cell,
             const char       *format,
             ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  _mreza_report_cell_text (table, cell, text);
}

/* Tasks by activity: one row per activity with tasks in the period. */
static const char tasks_sql[] =
  "SELECT g.number, g.title, a.number, a.title,"
  " sum (" TASK_STATUS " = 'done'), sum (" TASK_STATUS " = 'in_progress'),"
  " sum (" TASK_STATUS " = 'not_started'), sum (" TASK_STATUS " = 'dropped'),"
  " sum (" TASK_LATE "), count (*)"
  " FROM task t JOIN activity a ON a.id = t.activity_id" PLAN_JOINS
  TASK_PROGRESS_JOIN
  " WHERE " TASK_IN_SCOPE
  " GROUP BY a.id ORDER BY " PLAN_ORDER;

static const MrezaReportColumn tasks_columns[] = {
  { N_("Activity"), MREZA_REPORT_CELL_TEXT, 0.6, 9 },
  { N_("Title"), MREZA_REPORT_CELL_TEXT, 4.0, 60 },
  { N_("Done"), MREZA_REPORT_CELL_INT, 0.9, 10 },
  { N_("In progress"), MREZA_REPORT_CELL_INT, 0.9, 12 },
  { N_("Not started"), MREZA_REPORT_CELL_INT, 0.9, 12 },
  { N_("Dropped"), MREZA_REPORT_CELL_INT, 0.9, 10 },
  { N_("Late"), MREZA_REPORT_CELL_INT, 0.8, 8 },
  { N_("Total"), MREZA_REPORT_CELL_INT, 0.8, 8 },
};

static gboolean
build_tasks (Builder  *b,
             GError  **error)
{
  MrezaReport *r = b->report;
  MrezaReportTable *table;
  MrezaReportCell *cells;
  g_autoptr(sqlite3_stmt) stmt = prepare (b, tasks_sql, error);
  g_autofree char *as_of = NULL;
  gint64 total = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;

  table = _mreza_report_table_new ("tasks", _("Tasks by activity"),
                                   tasks_columns,
                                   G_N_ELEMENTS (tasks_columns));
  /* The sentence ends with its own full stop; so does "31. 12. 2017.". */
  as_of = mreza_report_format_date (r->as_of);
  if (g_str_has_suffix (as_of, "."))
    as_of[strlen (as_of) - 1] = '\0';
  table->note = g_strdup_printf (_("Late: not done by its deadline, as of "
                                   "%s."), as_of);
  g_ptr_array_add (r->tables, table);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *group = goal_heading (stmt, 0);

      cells = _mreza_report_table_add_row (table, MREZA_REPORT_ROW_DATA,
                                           group);
      cell_printf (table, &cells[0], "%d.%d", sqlite3_column_int (stmt, 0),
                   sqlite3_column_int (stmt, 2));
      _mreza_report_cell_text (table, &cells[1], col_text (stmt, 3));
      for (int s = 0; s < 5; s++)
        {
          gint64 n = sqlite3_column_int64 (stmt, 4 + s);

          _mreza_report_cell_int (&cells[2 + s], n);
          r->n_tasks[s] += n;
        }
      _mreza_report_cell_int (&cells[7], sqlite3_column_int64 (stmt, 9));
      total += sqlite3_column_int64 (stmt, 9);
    }
  if (!step_done (b, rc, error))
    return FALSE;

  cells = _mreza_report_table_add_row (table, MREZA_REPORT_ROW_TOTAL, NULL);
  _mreza_report_cell_text (table, &cells[1], _("All activities"));
  for (int s = 0; s < 5; s++)
    _mreza_report_cell_int (&cells[2 + s], r->n_tasks[s]);
  _mreza_report_cell_int (&cells[7], total);

  return TRUE;
}

static const char late_sql[] =
  "SELECT g.number, g.title, a.number, t.number, t.title,"
  " coalesce (t.deadline_text, a.deadline_text), " TASK_TO ", " TASK_STATUS ","
  " CAST (julianday (:asof) - julianday (" TASK_TO ") AS INTEGER)"
  " FROM task t JOIN activity a ON a.id = t.activity_id" PLAN_JOINS
  TASK_PROGRESS_JOIN
  " WHERE " TASK_IN_SCOPE " AND " TASK_LATE
  " ORDER BY " PLAN_ORDER ", t.number";

static const MrezaReportColumn late_columns[] = {
  { N_("Task"), MREZA_REPORT_CELL_TEXT, 0.6, 9 },
  { N_("Title"), MREZA_REPORT_CELL_TEXT, 3.6, 60 },
  { N_("Deadline as planned"), MREZA_REPORT_CELL_TEXT, 1.6, 30 },
  { N_("Deadline"), MREZA_REPORT_CELL_DATE, 1.0, 12 },
  { N_("Status"), MREZA_REPORT_CELL_TEXT, 1.0, 14 },
  { N_("Days late"), MREZA_REPORT_CELL_INT, 0.7, 10 },
};

static gboolean
build_late (Builder  *b,
            GError  **error)
{
  MrezaReportTable *table;
  g_autoptr(sqlite3_stmt) stmt = prepare (b, late_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  table = _mreza_report_table_new ("late_tasks", _("Late tasks"),
                                   late_columns, G_N_ELEMENTS (late_columns));
  g_ptr_array_add (b->report->tables, table);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *group = goal_heading (stmt, 0);
      MrezaReportCell *cells =
        _mreza_report_table_add_row (table, MREZA_REPORT_ROW_DATA, group);

      cell_printf (table, &cells[0], "%d.%d.%d", sqlite3_column_int (stmt, 0),
                   sqlite3_column_int (stmt, 2), sqlite3_column_int (stmt, 3));
      _mreza_report_cell_text (table, &cells[1], col_text (stmt, 4));
      _mreza_report_cell_text (table, &cells[2], col_text (stmt, 5));
      _mreza_report_cell_date (table, &cells[3], col_text (stmt, 6));
      _mreza_report_cell_text (table, &cells[4],
                               status_code_label (col_text (stmt, 7)));
      _mreza_report_cell_int (&cells[5], sqlite3_column_int64 (stmt, 8));
    }

  return step_done (b, rc, error);
}

/* The first and last day of a period: YYYY, YYYY-Hn or YYYY-Qn. */
static gboolean
period_bounds (const char *period,
               char        from[11],
               char        to[11])
{
  static const char * const ends[] = { "03-31", "06-30", "09-30", "12-31" };
  int year = 0, n = 0, first_q, last_q;
  char kind = 0, tail = 0;

  if (period == NULL)
    return FALSE;
  if (strlen (period) == 4 && sscanf (period, "%4d%c", &year, &tail) == 1)
    first_q = 1, last_q = 4;
  else if (sscanf (period, "%4d-%c%d%c", &year, &kind, &n, &tail) == 3 &&
           strlen (period) == 7 &&
           ((kind == 'H' && n >= 1 && n <= 2) ||
            (kind == 'Q' && n >= 1 && n <= 4)))
    {
      first_q = kind == 'H' ? 2 * n - 1 : n;
      last_q = kind == 'H' ? 2 * n : n;
    }
  else
    return FALSE;

  if (year < 1900 || year > 2200)
    return FALSE;

  g_snprintf (from, 11, "%04d-%02d-01", year, 3 * first_q - 2);
  g_snprintf (to, 11, "%04d-%s", year, ends[last_q - 1]);
  return TRUE;
}

typedef struct
{
  char   *period;
  gint64  n_teams;
  double  sum;
  double  avg;
  gint64  n_numbers;
  char   *text;
} IndicatorValue;

static void
indicator_value_free (gpointer data)
{
  IndicatorValue *v = data;

  g_free (v->period);
  g_free (v->text);
  g_free (v);
}

static const char values_sql[] =
  "SELECT v.indicator_id, v.period, count (*), sum (v.value_num),"
  " avg (v.value_num), count (v.value_num),"
  " group_concat (v.value_text, '; ')"
  " FROM indicator_value v"
  " WHERE (v.period = CAST (:year AS TEXT)"
  "  OR v.period LIKE CAST (:year AS TEXT) || '-%')"
  " AND (:team IS NULL OR v.team_id = :team)"
  " GROUP BY v.indicator_id, v.period ORDER BY v.indicator_id, v.period";

/* Reads the period's values into indicator id → GPtrArray of
 * IndicatorValue, keeping those inside the report's period. */
static GHashTable *
read_values (Builder  *b,
             GError  **error)
{
  MrezaReport *r = b->report;
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(sqlite3_stmt) stmt = prepare (b, values_sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;

  values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                  (GDestroyNotify) g_ptr_array_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = col_text (stmt, 0);
      IndicatorValue *v;
      GPtrArray *list;
      char from[11], to[11];

      if (!period_bounds (col_text (stmt, 1), from, to) ||
          strcmp (from, r->from) < 0 || strcmp (to, r->to) > 0)
        continue;

      if (!(list = g_hash_table_lookup (values, id)))
        {
          list = g_ptr_array_new_with_free_func (indicator_value_free);
          g_hash_table_insert (values, g_strdup (id), list);
        }
      v = g_new0 (IndicatorValue, 1);
      v->period = g_strdup (col_text (stmt, 1));
      v->n_teams = sqlite3_column_int64 (stmt, 2);
      v->sum = sqlite3_column_double (stmt, 3);
      v->avg = sqlite3_column_double (stmt, 4);
      v->n_numbers = sqlite3_column_int64 (stmt, 5);
      v->text = g_strdup (col_text (stmt, 6));
      g_ptr_array_add (list, v);
    }
  if (!step_done (b, rc, error))
    return NULL;

  return g_steal_pointer (&values);
}

static const char linked_sql[] =
  "SELECT x.indicator_id, count (*),"
  " sum (j.women + j.men + j.girls + j.boys)"
  " FROM joint_action_indicator x"
  " JOIN " JA_TEMP " j ON j.id = x.joint_action_id"
  " GROUP BY x.indicator_id";

/* Indicator id → two gint64: linked joint actions, their participants. */
static GHashTable *
read_linked (Builder  *b,
             GError  **error)
{
  g_autoptr(GHashTable) linked = NULL;
  g_autoptr(sqlite3_stmt) stmt = prepare (b, linked_sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;

  linked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *n = g_new (gint64, 2);

      n[0] = sqlite3_column_int64 (stmt, 1);
      n[1] = sqlite3_column_int64 (stmt, 2);
      g_hash_table_insert (linked, g_strdup (col_text (stmt, 0)), n);
    }
  if (!step_done (b, rc, error))
    return NULL;

  return g_steal_pointer (&linked);
}

static const char indicators_sql[] =
  "SELECT i.id, g.number, g.title, a.number, i.number, i.text, i.kind,"
  " i.target_num, i.target_text"
  " FROM indicator i JOIN activity a ON a.id = i.activity_id" PLAN_JOINS
  " WHERE " PLAN_MEETS " ORDER BY " PLAN_ORDER ", i.number";

static const MrezaReportColumn indicator_columns[] = {
  { N_("Indicator"), MREZA_REPORT_CELL_TEXT, 0.7, 10 },
  { N_("Text"), MREZA_REPORT_CELL_TEXT, 3.2, 60 },
  { N_("Target"), MREZA_REPORT_CELL_TEXT, 1.3, 24 },
  { N_("Period"), MREZA_REPORT_CELL_TEXT, 0.8, 10 },
  { N_("Value"), MREZA_REPORT_CELL_REAL, 1.1, 12 },
  { N_("Teams reporting"), MREZA_REPORT_CELL_INT, 0.8, 10 },
  { N_("Linked joint actions"), MREZA_REPORT_CELL_INT, 0.8, 12 },
  { N_("Participants"), MREZA_REPORT_CELL_INT, 0.9, 12 },
};

static void
indicator_target (MrezaReportTable *table,
                  MrezaReportCell  *cell,
                  sqlite3_stmt     *stmt,
                  const char       *kind)
{
  double target = sqlite3_column_double (stmt, 7);

  if (sqlite3_column_type (stmt, 8) != SQLITE_NULL)
    _mreza_report_cell_text (table, cell, col_text (stmt, 8));
  else if (sqlite3_column_type (stmt, 7) == SQLITE_NULL)
    return;
  else if (g_strcmp0 (kind, "yes_no") == 0)
    _mreza_report_cell_text (table, cell, target != 0 ? _("Yes") : _("No"));
  else if (g_strcmp0 (kind, "percentage") == 0)
    cell_printf (table, cell, "%g %%", target);
  else
    _mreza_report_cell_real (cell, target);
}

/* The value a period shows: the team's own, or over the network the
 * sum of counts, the mean of percentages, how many teams said yes. */
static void
indicator_value (MrezaReport      *r,
                 MrezaReportTable *table,
                 MrezaReportCell  *cell,
                 const char       *kind,
                 IndicatorValue   *v)
{
  if (g_strcmp0 (kind, "text") == 0 || v->n_numbers == 0)
    _mreza_report_cell_text (table, cell, v->text);
  else if (g_strcmp0 (kind, "percentage") == 0)
    _mreza_report_cell_real (cell, v->avg);
  else if (g_strcmp0 (kind, "yes_no") == 0 && r->team_id != NULL)
    _mreza_report_cell_text (table, cell, v->sum != 0 ? _("Yes") : _("No"));
  else if (g_strcmp0 (kind, "yes_no") == 0)
    /* TRANSLATORS: how many teams answered yes, of how many answered */
    cell_printf (table, cell, _("Yes: %d of %d"), (int) v->sum,
                 (int) v->n_numbers);
  else
    _mreza_report_cell_real (cell, v->sum);
}

static void
add_chart (MrezaReport  *r,
           sqlite3_stmt *stmt,
           const char   *number,
           const char   *kind,
           GPtrArray    *list)
{
  MrezaReportChart *chart;
  gboolean percent = g_strcmp0 (kind, "percentage") == 0;

  if (list == NULL || (!percent && g_strcmp0 (kind, "count") != 0))
    return;

  chart = g_new0 (MrezaReportChart, 1);
  chart->label = g_strdup (number);
  chart->target = sqlite3_column_type (stmt, 7) == SQLITE_NULL
                    ? NAN : sqlite3_column_double (stmt, 7);
  chart->periods = g_new0 (char *, list->len + 1);
  chart->values = g_new0 (double, list->len);
  for (guint i = 0; i < list->len; i++)
    {
      IndicatorValue *v = list->pdata[i];

      if (v->n_numbers == 0)
        continue;
      chart->periods[chart->n_values] = g_strdup (v->period);
      chart->values[chart->n_values++] = percent ? v->avg : v->sum;
    }
  g_ptr_array_add (r->charts, chart);
}

static void
add_indicator_rows (Builder          *b,
                    MrezaReportTable *table,
                    sqlite3_stmt     *stmt,
                    GPtrArray        *list,
                    gint64           *linked)
{
  MrezaReport *r = b->report;
  g_autofree char *group = goal_heading (stmt, 1);
  g_autofree char *number = g_strdup_printf ("%d.%d.%d",
                                             sqlite3_column_int (stmt, 1),
                                             sqlite3_column_int (stmt, 3),
                                             sqlite3_column_int (stmt, 4));
  const char *kind = col_text (stmt, 6);
  guint n = list != NULL ? MAX (list->len, 1) : 1;
  guint charts_before = r->charts->len;

  add_chart (r, stmt, number, kind, list);
  for (guint i = 0; i < n; i++)
    {
      MrezaReportCell *cells =
        _mreza_report_table_add_row (table, MREZA_REPORT_ROW_DATA, group);
      IndicatorValue *v = list != NULL ? list->pdata[i] : NULL;

      _mreza_report_cell_text (table, &cells[0], number);
      _mreza_report_cell_text (table, &cells[1], col_text (stmt, 5));
      indicator_target (table, &cells[2], stmt, kind);
      if (v != NULL)
        {
          _mreza_report_cell_text (table, &cells[3], v->period);
          indicator_value (r, table, &cells[4], kind, v);
          _mreza_report_cell_int (&cells[5], v->n_teams);
        }
      /* The linked actions are the period's, not a value period's:
       * shown once, on the indicator's first row. */
      if (i == 0)
        {
          _mreza_report_cell_int (&cells[6], linked != NULL ? linked[0] : 0);
          _mreza_report_cell_int (&cells[7], linked != NULL ? linked[1] : 0);
        }
    }

  if (r->charts->len > charts_before)
    g_array_index (table->rows, MrezaReportRow, table->rows->len - 1).chart =
      r->charts->len;
}

static gboolean
build_indicators (Builder  *b,
                  gint64   *n_values,
                  GError  **error)
{
  MrezaReportTable *table;
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(GHashTable) linked = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!(values = read_values (b, error)) ||
      !(linked = read_linked (b, error)) ||
      !(stmt = prepare (b, indicators_sql, error)))
    return FALSE;

  table = _mreza_report_table_new ("indicators", _("Indicators"),
                                   indicator_columns,
                                   G_N_ELEMENTS (indicator_columns));
  table->note = g_strdup (b->report->team_id != NULL
    ? _("Values as the team entered them.")
    : _("Over the network: counts are summed, percentages averaged over "
        "the teams reporting."));
  g_ptr_array_add (b->report->tables, table);

  *n_values = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GPtrArray *list = g_hash_table_lookup (values, col_text (stmt, 0));

      if (list != NULL && list->len == 0)
        list = NULL;
      if (list != NULL)
        *n_values += list->len;
      add_indicator_rows (b, table, stmt, list,
                          g_hash_table_lookup (linked, col_text (stmt, 0)));
    }

  return step_done (b, rc, error);
}

#define JA_SUMS \
  "count (*), sum (j.women), sum (j.men), sum (j.girls), sum (j.boys)"

static const MrezaReportColumn ja_count_columns[] = {
  { N_("Joint actions"), MREZA_REPORT_CELL_INT, 0.9, 12 },
  { N_("Women"), MREZA_REPORT_CELL_INT, 0.8, 9 },
  { N_("Men"), MREZA_REPORT_CELL_INT, 0.8, 9 },
  { N_("Girls"), MREZA_REPORT_CELL_INT, 0.8, 9 },
  { N_("Boys"), MREZA_REPORT_CELL_INT, 0.8, 9 },
  { N_("Adults"), MREZA_REPORT_CELL_INT, 0.8, 9 },
  { N_("Children"), MREZA_REPORT_CELL_INT, 0.8, 9 },
  { N_("Participants"), MREZA_REPORT_CELL_INT, 0.9, 12 },
};

/* A joint-action table: @lead columns that name the row, then the
 * counts of ja_count_columns. */
static MrezaReportTable *
ja_table_new (const char              *name,
              const char              *title,
              const MrezaReportColumn *lead,
              guint                    n_lead)
{
  g_autofree MrezaReportColumn *columns =
    g_new (MrezaReportColumn, n_lead + G_N_ELEMENTS (ja_count_columns));

  memcpy (columns, lead, n_lead * sizeof *lead);
  memcpy (columns + n_lead, ja_count_columns, sizeof ja_count_columns);
  return _mreza_report_table_new (name, title, columns,
                                  n_lead + G_N_ELEMENTS (ja_count_columns));
}

/* Fills the count cells from @stmt's columns @first…@first + 4 (count,
 * women, men, girls, boys), adding them into @sums when given. */
static void
ja_cells (MrezaReportCell *cells,
          sqlite3_stmt    *stmt,
          int              first,
          gint64           sums[5])
{
  gint64 n[5];

  for (int i = 0; i < 5; i++)
    {
      n[i] = stmt != NULL ? sqlite3_column_int64 (stmt, first + i) : sums[i];
      if (stmt != NULL && sums != NULL)
        sums[i] += n[i];
    }
  for (int i = 0; i < 5; i++)
    _mreza_report_cell_int (&cells[i], n[i]);
  _mreza_report_cell_int (&cells[5], n[1] + n[2]);
  _mreza_report_cell_int (&cells[6], n[3] + n[4]);
  _mreza_report_cell_int (&cells[7], n[1] + n[2] + n[3] + n[4]);
}

static gboolean
build_ja_by_kind (Builder  *b,
                  GError  **error)
{
  static const MrezaReportColumn lead[] = {
    { N_("Kind"), MREZA_REPORT_CELL_TEXT, 2.4, 28 },
  };
  MrezaReport *r = b->report;
  MrezaReportTable *table;
  MrezaReportCell *cells;
  g_autoptr(sqlite3_stmt) stmt = prepare (b,
    "SELECT j.kind, " JA_SUMS " FROM " JA_TEMP " j"
    " GROUP BY j.kind ORDER BY j.kind", error);
  gint64 sums[5] = { 0 };
  int rc;

  if (stmt == NULL)
    return FALSE;

  table = ja_table_new ("joint_actions", _("Joint actions by kind"), lead,
                        G_N_ELEMENTS (lead));
  table->note = g_strdup (_("Adults are women and men; children are girls "
                            "and boys."));
  g_ptr_array_add (r->tables, table);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      cells = _mreza_report_table_add_row (table, MREZA_REPORT_ROW_DATA, NULL);
      _mreza_report_cell_text (table, &cells[0], kind_label (col_text (stmt, 0)));
      ja_cells (&cells[1], stmt, 1, sums);
    }
  if (!step_done (b, rc, error))
    return FALSE;

  cells = _mreza_report_table_add_row (table, MREZA_REPORT_ROW_TOTAL, NULL);
  _mreza_report_cell_text (table, &cells[0], _("All joint actions"));
  ja_cells (&cells[1], NULL, 0, sums);

  r->n_joint_actions = sums[0];
  memcpy (r->participants, sums + 1, sizeof r->participants);
  return TRUE;
}

static gboolean
build_ja_by_team (Builder  *b,
                  GError  **error)
{
  static const MrezaReportColumn lead[] = {
    { N_("Team"), MREZA_REPORT_CELL_TEXT, 2.4, 32 },
  };
  MrezaReportTable *table;
  g_autoptr(sqlite3_stmt) stmt = prepare (b,
    "SELECT tm.name, " JA_SUMS " FROM " JA_TEMP " j"
    " JOIN team tm ON tm.id = j.team_id"
    " GROUP BY j.team_id ORDER BY tm.name, tm.id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  table = ja_table_new ("joint_actions_by_team", _("Joint actions by team"),
                        lead, G_N_ELEMENTS (lead));
  g_ptr_array_add (b->report->tables, table);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MrezaReportCell *cells =
        _mreza_report_table_add_row (table, MREZA_REPORT_ROW_DATA, NULL);

      _mreza_report_cell_text (table, &cells[0], col_text (stmt, 0));
      ja_cells (&cells[1], stmt, 1, NULL);
    }

  return step_done (b, rc, error);
}

static gboolean
build_ja_by_activity (Builder  *b,
                      GError  **error)
{
  static const MrezaReportColumn lead[] = {
    { N_("Activity"), MREZA_REPORT_CELL_TEXT, 0.6, 9 },
    { N_("Title"), MREZA_REPORT_CELL_TEXT, 2.4, 50 },
  };
  MrezaReportTable *table;
  g_autoptr(sqlite3_stmt) stmt = prepare (b,
    "SELECT g.number, g.title, a.number, a.title, " JA_SUMS
    " FROM " JA_TEMP " j LEFT JOIN activity a ON a.id = j.activity_id"
    " LEFT JOIN goal g ON g.id = a.goal_id"
    " LEFT JOIN plan p ON p.id = g.plan_id"
    " GROUP BY a.id ORDER BY a.id IS NULL, " PLAN_ORDER, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  table = ja_table_new ("joint_actions_by_activity",
                        _("Joint actions by activity"), lead,
                        G_N_ELEMENTS (lead));
  g_ptr_array_add (b->report->tables, table);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gboolean linked = sqlite3_column_type (stmt, 0) != SQLITE_NULL;
      g_autofree char *group = linked ? goal_heading (stmt, 0) : NULL;
      MrezaReportCell *cells = _mreza_report_table_add_row (
        table, MREZA_REPORT_ROW_DATA,
        linked ? group : _("Not linked to an activity"));

      if (linked)
        {
          cell_printf (table, &cells[0], "%d.%d", sqlite3_column_int (stmt, 0),
                       sqlite3_column_int (stmt, 2));
          _mreza_report_cell_text (table, &cells[1], col_text (stmt, 3));
        }
      else
        _mreza_report_cell_text (table, &cells[1],
                                 _("Not linked to an activity"));
      ja_cells (&cells[2], stmt, 4, NULL);
    }

  return step_done (b, rc, error);
}

typedef struct
{
  char   *currency;
  int     year;      /* 0: no year */
  gint64  lines;
  gint64  minor;
} BudgetTotal;

static void
budget_total_free (gpointer data)
{
  BudgetTotal *t = data;

  g_free (t->currency);
  g_free (t);
}

static int
budget_total_compare (gconstpointer a,
                      gconstpointer b)
{
  const BudgetTotal *x = *(BudgetTotal * const *) a;
  const BudgetTotal *y = *(BudgetTotal * const *) b;
  int cmp = strcmp (x->currency, y->currency);
  /* Years in order, then the lines that name none. */
  int xy = x->year == 0 ? G_MAXINT : x->year;
  int yy = y->year == 0 ? G_MAXINT : y->year;

  if (cmp != 0)
    return cmp;
  return (xy > yy) - (xy < yy);
}

static void
add_budget_total (GPtrArray  *totals,
                  const char *currency,
                  int         year,
                  gint64      lines,
                  gint64      minor)
{
  BudgetTotal *t;

  for (guint i = 0; i < totals->len; i++)
    {
      t = totals->pdata[i];
      if (t->year == year && strcmp (t->currency, currency) == 0)
        {
          t->lines += lines;
          t->minor += minor;
          return;
        }
    }
  t = g_new0 (BudgetTotal, 1);
  t->currency = g_strdup (currency);
  t->year = year;
  t->lines = lines;
  t->minor = minor;
  g_ptr_array_add (totals, t);
}

static void
year_cell (MrezaReportTable *table,
           MrezaReportCell  *cell,
           int               year)
{
  if (year != 0)
    _mreza_report_cell_int (cell, year);
  else
    _mreza_report_cell_text (table, cell, _("no year"));
}

static const MrezaReportColumn budget_columns[] = {
  { N_("Source"), MREZA_REPORT_CELL_TEXT, 2.0, 24 },
  { N_("Year"), MREZA_REPORT_CELL_TEXT, 0.8, 10 },
  { N_("Currency"), MREZA_REPORT_CELL_TEXT, 0.8, 10 },
  { N_("Lines"), MREZA_REPORT_CELL_INT, 0.7, 8 },
  { N_("Amount"), MREZA_REPORT_CELL_MONEY, 1.4, 18 },
};

static void
build_budget_totals (Builder   *b,
                     GPtrArray *totals)
{
  MrezaReportTable *table;
  const char *currency = NULL;
  gint64 lines = 0, minor = 0;

  table = _mreza_report_table_new ("budget_totals",
                                   _("Budget totals by year and currency"),
                                   budget_columns + 1,
                                   G_N_ELEMENTS (budget_columns) - 1);
  g_ptr_array_add (b->report->tables, table);

  g_ptr_array_sort (totals, budget_total_compare);
  for (guint i = 0; i <= totals->len; i++)
    {
      BudgetTotal *t = i < totals->len ? totals->pdata[i] : NULL;
      MrezaReportCell *cells;

      /* A total over the years after each currency's rows. */
      if (currency != NULL && (t == NULL || strcmp (t->currency, currency)))
        {
          cells = _mreza_report_table_add_row (table, MREZA_REPORT_ROW_TOTAL,
                                               NULL);
          _mreza_report_cell_text (table, &cells[0], _("all years"));
          _mreza_report_cell_text (table, &cells[1], currency);
          _mreza_report_cell_int (&cells[2], lines);
          _mreza_report_cell_money (&cells[3], minor);
          lines = minor = 0;
        }
      if (t == NULL)
        break;

      cells = _mreza_report_table_add_row (table, MREZA_REPORT_ROW_DATA, NULL);
      year_cell (table, &cells[0], t->year);
      _mreza_report_cell_text (table, &cells[1], t->currency);
      _mreza_report_cell_int (&cells[2], t->lines);
      _mreza_report_cell_money (&cells[3], t->minor);
      currency = t->currency;
      lines += t->lines;
      minor += t->minor;
    }
}

static const char budget_sql[] =
  "SELECT b.source, b.year, b.currency, count (*), sum (b.amount_minor)"
  " FROM budget_line b JOIN activity a ON a.id = b.activity_id" PLAN_JOINS
  " WHERE b.year = :year OR (b.year IS NULL AND " PLAN_MEETS ")"
  " GROUP BY b.source, b.currency, b.year"
  " ORDER BY CASE b.source WHEN 'budget' THEN 0 WHEN 'donor' THEN 1"
  "  WHEN 'taiex' THEN 2 WHEN 'project' THEN 3 WHEN 'no_cost' THEN 4"
  "  ELSE 5 END, b.currency IS NULL, b.currency, b.year IS NULL, b.year";

static gboolean
build_budget (Builder  *b,
              gint64   *n_lines,
              GError  **error)
{
  MrezaReportTable *table;
  g_autoptr(GPtrArray) totals = g_ptr_array_new_with_free_func (
    budget_total_free);
  g_autoptr(sqlite3_stmt) stmt = prepare (b, budget_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  table = _mreza_report_table_new ("budget", _("Budget lines by source"),
                                   budget_columns,
                                   G_N_ELEMENTS (budget_columns));
  table->note = g_strdup_printf (_("Lines for %d and the plan's lines that "
                                   "name no year."), b->report->year);
  g_ptr_array_add (b->report->tables, table);

  *n_lines = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MrezaReportCell *cells =
        _mreza_report_table_add_row (table, MREZA_REPORT_ROW_DATA, NULL);
      gboolean has_amount = sqlite3_column_type (stmt, 2) != SQLITE_NULL;
      int year = sqlite3_column_int (stmt, 1);

      _mreza_report_cell_text (table, &cells[0],
                               source_label (col_text (stmt, 0)));
      year_cell (table, &cells[1], year);
      _mreza_report_cell_text (table, &cells[2], col_text (stmt, 2));
      _mreza_report_cell_int (&cells[3], sqlite3_column_int64 (stmt, 3));
      if (has_amount)
        {
          _mreza_report_cell_money (&cells[4], sqlite3_column_int64 (stmt, 4));
          add_budget_total (totals, col_text (stmt, 2), year,
                            sqlite3_column_int64 (stmt, 3),
                            sqlite3_column_int64 (stmt, 4));
        }
      *n_lines += sqlite3_column_int64 (stmt, 3);
    }
  if (!step_done (b, rc, error))
    return FALSE;

  build_budget_totals (b, totals);
  return TRUE;
}

static gboolean
build_risks (Builder  *b,
             GError  **error)
{
  static const MrezaReportColumn columns[] = {
    { N_("Activity"), MREZA_REPORT_CELL_TEXT, 0.6, 9 },
    { N_("Title"), MREZA_REPORT_CELL_TEXT, 2.2, 50 },
    { N_("Risk"), MREZA_REPORT_CELL_TEXT, 3.4, 70 },
  };
  MrezaReportTable *table;
  g_autoptr(sqlite3_stmt) stmt = prepare (b,
    "SELECT g.number, g.title, a.number, a.title, r.text"
    " FROM risk r JOIN activity a ON a.id = r.activity_id" PLAN_JOINS
    " WHERE " PLAN_MEETS " ORDER BY " PLAN_ORDER ", r.rowid", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  table = _mreza_report_table_new ("risks", _("Risks"), columns,
                                   G_N_ELEMENTS (columns));
  g_ptr_array_add (b->report->tables, table);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *group = goal_heading (stmt, 0);
      MrezaReportCell *cells =
        _mreza_report_table_add_row (table, MREZA_REPORT_ROW_DATA, group);

      cell_printf (table, &cells[0], "%d.%d", sqlite3_column_int (stmt, 0),
                   sqlite3_column_int (stmt, 2));
      _mreza_report_cell_text (table, &cells[1], col_text (stmt, 3));
      _mreza_report_cell_text (table, &cells[2], col_text (stmt, 4));
    }

  return step_done (b, rc, error);
}

static gboolean
table_exists (sqlite3    *db,
              const char *name)
{
  g_autoptr(sqlite3_stmt) stmt = _mreza_sql_prepare (db,
    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1", NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

static gint64
query_int (sqlite3    *db,
           const char *sql,
           gint64      fallback)
{
  g_autoptr(sqlite3_stmt) stmt = _mreza_sql_prepare (db, sql, NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW ||
      sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return fallback;
  return sqlite3_column_int64 (stmt, 0);
}

/* What the sync tables say, where the replica has them: a pull cursor
 * means it has synced; the outbox holds the changes not yet sent. The
 * time of the last sync is read from sync_state's "last_sync" once the
 * sync client records it. */
static void
read_coverage (Builder *b)
{
  MrezaReportCoverage *c = &b->report->coverage;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  c->pending = -1;
  c->sync_schema = table_exists (b->db, "sync_state") &&
                   table_exists (b->db, "sync_outbox");
  if (!c->sync_schema)
    return;

  c->synced = query_int (b->db, "SELECT value FROM sync_state"
                                " WHERE key = 'cursor'", 0) > 0;
  c->pending = query_int (b->db, "SELECT count (*) FROM sync_outbox", -1);
  stmt = _mreza_sql_prepare (b->db, "SELECT value FROM sync_state"
                                    " WHERE key = 'last_sync'", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW &&
      sqlite3_column_type (stmt, 0) == SQLITE_TEXT)
    c->last_sync = g_strdup (col_text (stmt, 0));
}

void
_mreza_report_coverage_lines (MrezaReport *r,
                              GPtrArray   *lines)
{
  MrezaReportCoverage *c = &r->coverage;

  if (!c->synced)
    g_ptr_array_add (lines, g_strdup (
      _("Sync coverage: this replica has not synced yet. The figures are "
        "what this replica holds; changes made on other replicas are not "
        "included.")));
  else if (c->last_sync != NULL)
    g_ptr_array_add (lines, g_strdup_printf (
      _("Sync coverage: this replica last synced at %s. Changes made "
        "elsewhere since then are not included."), c->last_sync));
  else
    g_ptr_array_add (lines, g_strdup (
      _("Sync coverage: this replica has synced, but does not know when it "
        "last did. Changes made elsewhere since then are not included.")));

  if (c->pending > 0)
    {
      g_autofree char *n = _mreza_report_format_int (c->pending);

      g_ptr_array_add (lines, g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE,
                     "%s change made on this replica has not been sent yet.",
                     "%s changes made on this replica have not been sent "
                     "yet.", (gulong) c->pending), n));
    }
  else if (c->pending == 0)
    g_ptr_array_add (lines, g_strdup (
      _("Every change made on this replica has been sent.")));
}

/* Per team, the latest joint action and indicator period this replica
 * holds: how fresh the team's figures here are, whether or not sync has
 * run. Both are read off the (team_id, date|period) indexes, a lookup
 * per team; the newest modified_at would scan every row of the team. */
static gboolean
build_coverage (Builder  *b,
                GError  **error)
{
  static const MrezaReportColumn columns[] = {
    { N_("Team"), MREZA_REPORT_CELL_TEXT, 3.0, 36 },
    { N_("Town"), MREZA_REPORT_CELL_TEXT, 1.6, 20 },
    { N_("Latest joint action here"), MREZA_REPORT_CELL_DATE, 1.5, 22 },
    { N_("Latest indicator period here"), MREZA_REPORT_CELL_TEXT, 1.5, 22 },
  };
  MrezaReportTable *table;
  g_autoptr(sqlite3_stmt) stmt = prepare (b,
    "SELECT tm.name, tm.town,"
    " (SELECT max (j.date) FROM joint_action j WHERE j.team_id = tm.id),"
    " (SELECT max (v.period) FROM indicator_value v"
    "  WHERE v.team_id = tm.id)"
    " FROM team tm WHERE :team IS NULL OR tm.id = :team"
    " ORDER BY tm.name, tm.id", error);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (stmt == NULL)
    return FALSE;

  read_coverage (b);
  _mreza_report_coverage_lines (b->report, lines);
  g_ptr_array_add (lines, NULL);

  table = _mreza_report_table_new ("coverage", _("Sync coverage"), columns,
                                   G_N_ELEMENTS (columns));
  table->note = g_strjoinv (" ", (char **) lines->pdata);
  g_ptr_array_add (b->report->tables, table);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MrezaReportCell *cells =
        _mreza_report_table_add_row (table, MREZA_REPORT_ROW_DATA, NULL);

      _mreza_report_cell_text (table, &cells[0], col_text (stmt, 0));
      _mreza_report_cell_text (table, &cells[1], col_text (stmt, 1));
      _mreza_report_cell_date (table, &cells[2], col_text (stmt, 2));
      _mreza_report_cell_text (table, &cells[3], col_text (stmt, 3));
    }

  return step_done (b, rc, error);
}

static void
summary_text (MrezaReportTable *table,
              const char       *item,
              const char       *value)
{
  MrezaReportCell *cells =
    _mreza_report_table_add_row (table, MREZA_REPORT_ROW_DATA, NULL);

  _mreza_report_cell_text (table, &cells[0], item);
  _mreza_report_cell_text (table, &cells[1], value);
}

static void
summary_int (MrezaReportTable *table,
             const char       *item,
             gint64            value)
{
  MrezaReportCell *cells =
    _mreza_report_table_add_row (table, MREZA_REPORT_ROW_DATA, NULL);

  _mreza_report_cell_text (table, &cells[0], item);
  _mreza_report_cell_int (&cells[1], value);
}

/* The summary comes first in every format; it is built last, from the
 * other tables' totals, and moved to the front. */
static void
build_summary (Builder *b)
{
  static const MrezaReportColumn columns[] = {
    { N_("Item"), MREZA_REPORT_CELL_TEXT, 2.0, 40 },
    { N_("Value"), MREZA_REPORT_CELL_TEXT, 3.0, 60 },
  };
  MrezaReport *r = b->report;
  MrezaReportTable *table = _mreza_report_table_new ("summary", _("Summary"),
                                                     columns,
                                                     G_N_ELEMENTS (columns));
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *from = mreza_report_format_date (r->from);
  g_autofree char *to = mreza_report_format_date (r->to);
  g_autofree char *span = g_strdup_printf ("%s – %s", from, to);
  gint64 total = 0;
  MrezaReportCell *cells;

  summary_text (table, _("Report for"),
                r->team_name != NULL ? r->team_name : _("The whole network"));
  summary_int (table, _("Year"), r->year);
  summary_text (table, _("Period"), span);
  cells = _mreza_report_table_add_row (table, MREZA_REPORT_ROW_DATA, NULL);
  _mreza_report_cell_text (table, &cells[0], _("Generated"));
  _mreza_report_cell_date (table, &cells[1], r->generated_at);
  if (r->empty)
    summary_text (table, _("Note"), _("There is no data for this period."));

  for (int s = MREZA_REPORT_DONE; s <= MREZA_REPORT_DROPPED; s++)
    total += r->n_tasks[s];
  summary_int (table, _("Tasks in the period"), total);
  for (int s = MREZA_REPORT_DONE; s <= MREZA_REPORT_LATE; s++)
    summary_int (table, status_label (s), r->n_tasks[s]);
  summary_int (table, _("Joint actions"), r->n_joint_actions);
  summary_int (table, _("Women"), r->participants[0]);
  summary_int (table, _("Men"), r->participants[1]);
  summary_int (table, _("Girls"), r->participants[2]);
  summary_int (table, _("Boys"), r->participants[3]);

  _mreza_report_coverage_lines (r, lines);
  for (guint i = 0; i < lines->len; i++)
    summary_text (table, i == 0 ? _("Sync coverage") : "", lines->pdata[i]);

  g_ptr_array_insert (r->tables, 0, table);
}

static gboolean
find_team (Builder     *b,
           const char  *team,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _mreza_sql_prepare (b->db,
    "SELECT id, name FROM team WHERE id = ?1 OR id = ?2 OR name = ?1"
    " OR lower (name) = lower (?1) ORDER BY name = ?1 DESC LIMIT 1", error);
  /* The import format's slug ("tim-nis") names the same row. */
  g_autofree char *slug = g_strconcat ("teams/", team, NULL);
  g_autofree char *slug_id = mreza_uuid_from_slug (slug);
  g_autoptr(sqlite3_stmt) names = NULL;
  g_autoptr(GString) known = g_string_new (NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, team, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, slug_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      b->report->team_id = g_strdup (col_text (stmt, 0));
      b->report->team_name = g_strdup (col_text (stmt, 1));
      return TRUE;
    }

  names = _mreza_sql_prepare (b->db, "SELECT name FROM team ORDER BY name"
                                     " LIMIT 6", NULL);
  for (int i = 0; names != NULL && sqlite3_step (names) == SQLITE_ROW; i++)
    g_string_append_printf (known, "%s%s", i > 0 ? ", " : "",
                            i < 5 ? col_text (names, 0) : "…");
  g_set_error (error, MREZA_REPORT_ERROR, MREZA_REPORT_ERROR_INPUT,
               _("No team is named “%s”. Give a team’s name as the replica "
                 "has it (%s)."),
               team, known->len > 0 ? known->str : _("this replica has none"));
  return FALSE;
}

static gboolean
set_period (MrezaReport               *r,
            const MrezaReportOptions  *options,
            GError                   **error)
{
  char from[11], to[11];
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *year = g_strdup_printf ("%d", options->year);
  const char *period = options->period != NULL ? options->period : year;

  if (options->year < 1900 || options->year > 2200 ||
      !period_bounds (period, from, to) ||
      strncmp (period, year, 4) != 0)
    {
      g_set_error (error, MREZA_REPORT_ERROR, MREZA_REPORT_ERROR_INPUT,
                   _("“%s” is not a period of the year %d. Give a year such "
                     "as 2018 and, if you want part of it, a period such as "
                     "2018-H1 or 2018-Q3."), period, options->year);
      return FALSE;
    }

  r->year = options->year;
  r->period = g_strdup (period);
  r->from = g_strdup (from);
  r->to = g_strdup (to);
  r->as_of = g_strdup (strcmp (today, to) < 0 ? today : to);
  r->generated_at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");
  return TRUE;
}

static gboolean
copy_joint_actions (Builder  *b,
                    GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!_mreza_sql_exec (b->db, "DROP TABLE IF EXISTS " JA_TEMP, error) ||
      !(stmt = prepare (b, "CREATE TEMP TABLE mreza_report_ja AS"
                           " SELECT j.id, j.team_id, j.kind, j.activity_id,"
                           " j.women, j.men, j.girls, j.boys"
                           " FROM joint_action j WHERE " JA_IN_SCOPE, error)))
    return FALSE;

  return step_done (b, sqlite3_step (stmt), error);
}

static gboolean
build_tables (Builder  *b,
              gint64   *n_values,
              gint64   *n_lines,
              GError  **error)
{
  return build_tasks (b, error) &&
         build_late (b, error) &&
         build_indicators (b, n_values, error) &&
         build_ja_by_kind (b, error) &&
         (b->report->team_id != NULL || build_ja_by_team (b, error)) &&
         build_ja_by_activity (b, error) &&
         build_budget (b, n_lines, error) &&
         build_risks (b, error) &&
         build_coverage (b, error);
}

static gboolean
build_all (Builder  *b,
           GError  **error)
{
  MrezaReport *r = b->report;
  gint64 n_values = 0, n_lines = 0, total = 0;
  gboolean ok;

  if (!copy_joint_actions (b, error))
    return FALSE;
  ok = build_tables (b, &n_values, &n_lines, error);
  _mreza_sql_exec (b->db, "DROP TABLE IF EXISTS " JA_TEMP, NULL);
  if (!ok)
    return FALSE;

  for (int s = MREZA_REPORT_DONE; s <= MREZA_REPORT_DROPPED; s++)
    total += r->n_tasks[s];
  r->empty = total == 0 && n_values == 0 && n_lines == 0 &&
             r->n_joint_actions == 0;
  build_summary (b);
  return TRUE;
}

/**
 * mreza_report_build:
 * @db: a connection to a replica
 * @options: the year, optional period and team
 * @error: return location for a #GError
 *
 * Reads the report for @options off @db in one read transaction, so its
 * figures agree with each other even while another connection writes.
 * Blocking: call it in a worker with a connection of its own
 * (mreza_store_open_reader()) from the UI.
 *
 * Returns: (transfer full): the report, or %NULL with @error set
 */
MrezaReport *
mreza_report_build (sqlite3                   *db,
                    const MrezaReportOptions  *options,
                    GError                   **error)
{
  g_autoptr(MrezaReport) report = g_new0 (MrezaReport, 1);
  Builder b = { report, db };
  gboolean own_txn;
  gboolean ok;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  report->tables = g_ptr_array_new_with_free_func (
    (GDestroyNotify) _mreza_report_table_free);
  report->charts = g_ptr_array_new ();

  if (!set_period (report, options, error))
    return NULL;

  own_txn = sqlite3_get_autocommit (db);
  if (own_txn && !_mreza_sql_exec (db, "BEGIN", error))
    return NULL;

  ok = (options->team == NULL || find_team (&b, options->team, error)) &&
       build_all (&b, error);

  if (own_txn)
    _mreza_sql_exec (db, "COMMIT", NULL);

  return ok ? g_steal_pointer (&report) : NULL;
}

static void
chart_free (MrezaReportChart *chart)
{
  g_free (chart->label);
  g_strfreev (chart->periods);
  g_free (chart->values);
  g_free (chart);
}

void
mreza_report_free (MrezaReport *report)
{
  if (report == NULL)
    return;

  g_free (report->period);
  g_free (report->from);
  g_free (report->to);
  g_free (report->as_of);
  g_free (report->team_id);
  g_free (report->team_name);
  g_free (report->generated_at);
  g_free (report->coverage.last_sync);
  if (report->charts != NULL)
    g_ptr_array_foreach (report->charts, (GFunc) chart_free, NULL);
  g_clear_pointer (&report->charts, g_ptr_array_unref);
  g_clear_pointer (&report->tables, g_ptr_array_unref);
  g_free (report);
}

/**
 * mreza_report_get_table:
 * @report: a report
 * @name: a table's name ("tasks", "budget_totals"…)
 *
 * Returns: (transfer none) (nullable): the table
 */
MrezaReportTable *
mreza_report_get_table (MrezaReport *report,
                        const char  *name)
{
  g_return_val_if_fail (report != NULL, NULL);

  for (guint i = 0; i < report->tables->len; i++)
    {
      MrezaReportTable *table = report->tables->pdata[i];

      if (strcmp (table->name, name) == 0)
        return table;
    }

  return NULL;
}

/**
 * mreza_report_dup_title:
 * @report: a report
 *
 * Returns: (transfer full): "Report for 2018", or with a period
 */
char *
mreza_report_dup_title (MrezaReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);

  if (strlen (report->period) > 4)
    /* TRANSLATORS: the report's title, with a period such as 2018-H1 */
    return g_strdup_printf (_("Annual report %d, period %s"), report->year,
                            report->period);
  /* TRANSLATORS: the report's title */
  return g_strdup_printf (_("Annual report %d"), report->year);
}
