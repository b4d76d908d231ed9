/* mreza-plan-budget.c: the coordinator's edits of an activity's budget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A budget line says where money for an activity (or one of its tasks)
 * comes from, whose budget it is, and how much for which year. The
 * amount is read as people here write it ("102.000", "4500,50": see
 * mreza_project_parse_amount()) and stored, as the importer stores it,
 * in minor units beside its currency; a line without an amount ("no
 * cost", "not yet known") has neither. Checked field by field, saved in
 * one transaction, restored after a delete as a new row, like the rest
 * of the plan (mreza-plan-edit.c).
 */
#define G_LOG_DOMAIN "mreza-plan-budget"

#include "config.h"

#include "mreza-plan-edit.h"

#include "mreza-directory.h"
#include "mreza-joint-actions.h"
#include "mreza-json.h"
#include "mreza-store-private.h"
#include "mreza-util.h"

#include <glib/gi18n-lib.h>

#define T(s) MREZA_SQL_TEXT (s)
#define I(n) MREZA_SQL_INT (n)

static const char * const sources[] = {
  "budget", "donor", "taiex", "project", "no_cost", "unknown", NULL,
};

/* The plan budgets in dinars and euros; a line imported in dollars (the
 * schema takes them, as for a project's total) keeps them when edited. */
static const char * const currencies[] = { "RSD", "EUR", NULL };

/**
 * mreza_plan_budget_sources:
 *
 * Returns: (transfer none): where a budget line's money may come from,
 *   in the order a form offers them
 */
const char * const *
mreza_plan_budget_sources (void)
{
  return sources;
}

/**
 * mreza_plan_budget_currencies:
 *
 * Returns: (transfer none): the currencies a form offers for a budget
 *   line; one already in another currency the schema takes keeps it
 */
const char * const *
mreza_plan_budget_currencies (void)
{
  return currencies;
}

/**
 * mreza_plan_budget_line_new:
 * @activity_id: the activity the line belongs to
 *
 * Returns: (transfer full): an empty line from the state budget in
 *   dinars, not yet saved
 */
MrezaPlanBudgetLine *
mreza_plan_budget_line_new (const char *activity_id)
{
  MrezaPlanBudgetLine *line = g_new0 (MrezaPlanBudgetLine, 1);

  line->activity_id = g_strdup (activity_id);
  line->source = g_strdup ("budget");
  line->currency = g_strdup ("RSD");
  return line;
}

MrezaPlanBudgetLine *
mreza_plan_budget_line_copy (const MrezaPlanBudgetLine *line)
{
  MrezaPlanBudgetLine *copy;

  g_return_val_if_fail (line != NULL, NULL);

  copy = g_new0 (MrezaPlanBudgetLine, 1);
  copy->id = g_strdup (line->id);
  copy->activity_id = g_strdup (line->activity_id);
  copy->task_id = g_strdup (line->task_id);
  copy->source = g_strdup (line->source);
  copy->institution_id = g_strdup (line->institution_id);
  copy->project_id = g_strdup (line->project_id);
  copy->source_text = g_strdup (line->source_text);
  copy->amount = g_strdup (line->amount);
  copy->currency = g_strdup (line->currency);
  copy->year = g_strdup (line->year);
  copy->note = g_strdup (line->note);
  return copy;
}

void
mreza_plan_budget_line_free (MrezaPlanBudgetLine *line)
{
  if (line == NULL)
    return;
  g_free (line->id);
  g_free (line->activity_id);
  g_free (line->task_id);
  g_free (line->source);
  g_free (line->institution_id);
  g_free (line->project_id);
  g_free (line->source_text);
  g_free (line->amount);
  g_free (line->currency);
  g_free (line->year);
  g_free (line->note);
  g_free (line);
}

/**
 * mreza_plan_budget_line_equal:
 *
 * Returns: %TRUE when @a and @b state the same line (ids aside); the
 *   currency of a line without an amount does not count
 */
gboolean
mreza_plan_budget_line_equal (const MrezaPlanBudgetLine *a,
                              const MrezaPlanBudgetLine *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return _mreza_form_text_equal (a->activity_id, b->activity_id) &&
         _mreza_form_text_equal (a->task_id, b->task_id) &&
         _mreza_form_text_equal (a->source, b->source) &&
         _mreza_form_text_equal (a->institution_id, b->institution_id) &&
         _mreza_form_text_equal (a->project_id, b->project_id) &&
         _mreza_form_text_equal (a->source_text, b->source_text) &&
         _mreza_form_text_equal (a->amount, b->amount) &&
         (_mreza_form_text_is_blank (a->amount) ||
          _mreza_form_text_equal (a->currency, b->currency)) &&
         _mreza_form_text_equal (a->year, b->year) &&
         _mreza_form_text_equal (a->note, b->note);
}

static char *
check_amount (const char *amount)
{
  g_autofree char *text = g_strstrip (g_strdup (amount));

  if (mreza_project_parse_amount (text, NULL))
    return NULL;
  if (text[0] == '-' && mreza_project_parse_amount (text + 1, NULL))
    return g_strdup (_("An amount cannot be below 0"));
  return g_strdup (_("Write the amount as a number with at most two "
                     "decimals, for example 102.000 or 4500,50"));
}

/* Returns: whether @text is a year a budget may name; sets @year. */
static gboolean
parse_year (const char *text,
            gint64     *year)
{
  g_autofree char *copy = NULL;

  if (text == NULL)
    return FALSE;
  copy = g_strstrip (g_strdup (text));
  return g_ascii_string_to_signed (copy, 10, 1900, 2200, year, NULL);
}

/**
 * mreza_plan_budget_line_check:
 * @line: a budget line
 * @field: one of its fields
 *
 * Returns: (transfer full) (nullable): what is wrong with @field, as a
 *   translated sentence, or %NULL when it is fine
 */
char *
mreza_plan_budget_line_check (const MrezaPlanBudgetLine *line,
                              MrezaPlanBudgetField       field)
{
  g_return_val_if_fail (line != NULL, NULL);

  switch (field)
    {
    case MREZA_PLAN_BUDGET_FIELD_SOURCE:
      if (line->source == NULL || !g_strv_contains (sources, line->source))
        return g_strdup (_("Choose where the money comes from"));
      return NULL;
    case MREZA_PLAN_BUDGET_FIELD_AMOUNT:
      return _mreza_form_text_is_blank (line->amount)
             ? NULL : check_amount (line->amount);
    case MREZA_PLAN_BUDGET_FIELD_CURRENCY:
      if (!_mreza_form_text_is_blank (line->amount) &&
          (line->currency == NULL ||
           !g_strv_contains (mreza_project_currencies (), line->currency)))
        return g_strdup (_("Choose the amount’s currency, RSD or EUR"));
      return NULL;
    case MREZA_PLAN_BUDGET_FIELD_YEAR:
      if (!_mreza_form_text_is_blank (line->year) &&
          !parse_year (line->year, NULL))
        return g_strdup (_("Write the year in four digits, such as 2018"));
      return NULL;
    case MREZA_PLAN_BUDGET_N_FIELDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * mreza_plan_budget_line_validate:
 *
 * Returns: %TRUE when every field is fine; otherwise sets @error to the
 *   first problem (%MREZA_INPUT_ERROR_VALUE)
 */
gboolean
mreza_plan_budget_line_validate (const MrezaPlanBudgetLine  *line,
                                 GError                    **error)
{
  g_return_val_if_fail (line != NULL, FALSE);

  if (line->activity_id == NULL)
    {
      g_set_error_literal (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_VALUE,
                           _("The budget line belongs to no activity"));
      return FALSE;
    }
  return _mreza_form_validate_fields (line, (MrezaFieldCheck) mreza_plan_budget_line_check,
                                      MREZA_PLAN_BUDGET_N_FIELDS, error);
}

/**
 * mreza_plan_budget_list_tasks:
 * @db: a connection to the replica
 * @activity_id: an activity's UUID
 *
 * Returns: (transfer full) (element-type MrezaChoice): the activity's
 *   tasks a line may be for, by number, labelled "3. Title"
 */
GPtrArray *
mreza_plan_budget_list_tasks (sqlite3     *db,
                              const char  *activity_id,
                              GError     **error)
{
  g_return_val_if_fail (db != NULL && activity_id != NULL, NULL);

  return _mreza_sql_list_choices (db, "SELECT id, number || '. ' || title"
                                  " FROM task WHERE activity_id = ?1"
                                  " ORDER BY number", activity_id,
                                  "Reading the activity’s tasks failed",
                                  error);
}

/**
 * mreza_plan_budget_list_projects:
 * @db: a connection to the replica
 *
 * Returns: (transfer full) (element-type MrezaChoice): the projects a
 *   line may be funded by, by title
 */
GPtrArray *
mreza_plan_budget_list_projects (sqlite3  *db,
                                 GError  **error)
{
  g_return_val_if_fail (db != NULL, NULL);

  return _mreza_sql_list_choices (db, "SELECT id, title FROM project"
                                  " ORDER BY title COLLATE mreza, id", NULL,
                                  "Reading the projects failed", error);
}

/**
 * mreza_plan_budget_line_load:
 * @db: a connection to the replica
 * @id: the line's UUID
 *
 * Returns: (transfer full) (nullable): the line, or %NULL with
 *   %MREZA_STORE_ERROR_NOT_FOUND when there is none
 */
MrezaPlanBudgetLine *
mreza_plan_budget_line_load (sqlite3     *db,
                             const char  *id,
                             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  MrezaPlanBudgetLine *line;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = _mreza_sql_prepare_with_id (db, "SELECT id, activity_id, task_id,"
                                     " source, institution_id, project_id,"
                                     " source_text, amount_minor, currency,"
                                     " year, note FROM budget_line"
                                     " WHERE id = ?1", id, error);
  if (stmt == NULL ||
      !_mreza_sql_step_one (db, stmt,
                            _("This budget line is no longer in the plan; it "
                              "may have been removed on another device."),
                            "Reading the budget line failed", error))
    return NULL;

  line = g_new0 (MrezaPlanBudgetLine, 1);
  line->id = _mreza_sql_dup_text (stmt, 0);
  line->activity_id = _mreza_sql_dup_text (stmt, 1);
  line->task_id = _mreza_sql_dup_text (stmt, 2);
  line->source = _mreza_sql_dup_text (stmt, 3);
  line->institution_id = _mreza_sql_dup_text (stmt, 4);
  line->project_id = _mreza_sql_dup_text (stmt, 5);
  line->source_text = _mreza_sql_dup_text (stmt, 6);
  if (sqlite3_column_type (stmt, 7) != SQLITE_NULL)
    line->amount = mreza_project_format_amount (sqlite3_column_int64 (stmt, 7));
  line->currency = _mreza_sql_dup_text (stmt, 8);
  if (sqlite3_column_type (stmt, 9) != SQLITE_NULL)
    line->year = g_strdup_printf ("%d", sqlite3_column_int (stmt, 9));
  line->note = _mreza_sql_dup_text (stmt, 10);
  return line;
}

typedef struct
{
  MrezaStore                *store;
  const MrezaPlanBudgetLine *line;
} BudgetWrite;

static char *
dup_stripped (const char *text)
{
  return text != NULL ? g_strstrip (g_strdup (text)) : NULL;
}

static gboolean
write_line (sqlite3   *db,
            gpointer   data,
            GError   **error)
{
  BudgetWrite *w = data;
  const MrezaPlanBudgetLine *l = w->line;
  g_autofree char *now = mreza_now_iso8601 ();
  g_autofree char *source_text = dup_stripped (l->source_text);
  g_autofree char *note = dup_stripped (l->note);
  g_autofree char *amount = dup_stripped (l->amount);
  gint64 minor = 0, year = 0;
  gboolean has_amount = mreza_project_parse_amount (amount, &minor);
  gboolean has_year = parse_year (l->year, &year);
  MrezaSqlVal vals[] = { T (l->id), T (now),
                         T (mreza_store_get_device_id (w->store)),
                         T (l->activity_id), T (l->task_id), T (l->source),
                         T (l->institution_id), T (l->project_id),
                         T (source_text),
                         has_amount ? I (minor) : T (NULL),
                         T (has_amount ? l->currency : NULL),
                         has_year ? I (year) : T (NULL), T (note) };

  return _mreza_sql_write (db, "INSERT INTO budget_line (id, created_at,"
                           " modified_at, modified_by, activity_id, task_id,"
                           " source, institution_id, project_id, source_text,"
                           " amount_minor, currency, year, note)"
                           " VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
                           " ?10, ?11, ?12, ?13) ON CONFLICT (id) DO UPDATE SET"
                           " modified_at = excluded.modified_at,"
                           " modified_by = excluded.modified_by,"
                           " task_id = excluded.task_id,"
                           " source = excluded.source,"
                           " institution_id = excluded.institution_id,"
                           " project_id = excluded.project_id,"
                           " source_text = excluded.source_text,"
                           " amount_minor = excluded.amount_minor,"
                           " currency = excluded.currency,"
                           " year = excluded.year, note = excluded.note",
                           vals, G_N_ELEMENTS (vals),
                           _("The activity, its task, the institution or the "
                             "project is no longer in the replica. Choose "
                             "again and save."),
                           "Saving the budget line failed", error);
}

/**
 * mreza_plan_budget_line_save:
 * @store: the replica
 * @line: the line; a new one (no id) is given one
 * @error: return location for a #GError
 *
 * Validates @line, then writes it in one transaction.
 *
 * Returns: %TRUE on success
 */
gboolean
mreza_plan_budget_line_save (MrezaStore           *store,
                             MrezaPlanBudgetLine  *line,
                             GError              **error)
{
  BudgetWrite w = { store, line };

  g_return_val_if_fail (MREZA_IS_STORE (store), FALSE);
  g_return_val_if_fail (line != NULL, FALSE);

  if (!mreza_plan_budget_line_validate (line, error))
    return FALSE;
  return _mreza_sql_save_record (mreza_store_get_db (store), &line->id,
                                 write_line, &w, error);
}

static gboolean
delete_line (sqlite3     *db,
             const char  *id,
             GError     **error)
{
  MrezaSqlVal vals[] = { T (id) };

  return _mreza_sql_write (db, "DELETE FROM budget_line WHERE id = ?1", vals,
                           1, NULL, "Deleting the budget line failed", error);
}

/**
 * mreza_plan_budget_line_delete:
 *
 * Returns: (transfer full) (nullable): what was deleted, for
 *   mreza_plan_budget_line_restore(), or %NULL on error
 */
MrezaPlanBudgetLine *
mreza_plan_budget_line_delete (MrezaStore  *store,
                               const char  *id,
                               GError     **error)
{
  g_return_val_if_fail (MREZA_IS_STORE (store), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return _mreza_sql_delete_with_snapshot (mreza_store_get_db (store), id,
                                          (MrezaSqlLoad) mreza_plan_budget_line_load,
                                          delete_line,
                                          (GDestroyNotify) mreza_plan_budget_line_free,
                                          error);
}

/**
 * mreza_plan_budget_line_restore:
 *
 * Returns: (transfer full) (nullable): the id of the line, back as a
 *   new row
 */
char *
mreza_plan_budget_line_restore (MrezaStore                 *store,
                                const MrezaPlanBudgetLine  *snapshot,
                                GError                    **error)
{
  g_autoptr(MrezaPlanBudgetLine) line = NULL;

  g_return_val_if_fail (MREZA_IS_STORE (store), NULL);
  g_return_val_if_fail (snapshot != NULL, NULL);

  line = mreza_plan_budget_line_copy (snapshot);
  g_clear_pointer (&line->id, g_free);
  if (!mreza_plan_budget_line_save (store, line, error))
    return NULL;
  return g_steal_pointer (&line->id);
}
