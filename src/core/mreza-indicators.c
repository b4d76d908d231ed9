/* mreza-indicators.c: an indicator's values per team and period, and the
 * counts its joint actions give
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A value is what a team reports for an indicator of the plan in one
 * period (a year, a quarter, or a half as the import format allows),
 * with a note on the evidence. Some figures need not be typed at all:
 * the joint actions linked to the indicator (joint_action_indicator)
 * already say how many actions and trainings a team held and how many
 * women, men, girls and boys took part. Those derived counts are summed
 * in SQL for a team and period and shown beside the entered value.
 *
 * Each write is one transaction on the store's connection (the UI
 * thread's); the sync triggers capture it.
 */
#define G_LOG_DOMAIN "mreza-indicators"

#include "config.h"

#include "mreza-indicators.h"

#include "mreza-json.h"
#include "mreza-row.h"
#include "mreza-store-private.h"
#include "mreza-util.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void
mreza_indicator_free (MrezaIndicator *indicator)
{
  if (indicator == NULL)
    return;

  g_free (indicator->id);
  g_free (indicator->activity_id);
  g_free (indicator->text);
  g_free (indicator->activity_title);
  g_free (indicator->kind);
  g_free (indicator->target);
  g_free (indicator);
}

/* A number as the replica stores it (REAL), without a trailing ".0". */
static char *
dup_number (sqlite3_stmt *stmt,
            int           column)
{
  double v;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  v = sqlite3_column_double (stmt, column);
  if (v == floor (v) && fabs (v) < 1e15)
    return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) v);
  return g_strdup (g_ascii_dtostr (buf, sizeof buf, v));
}

/**
 * mreza_indicator_load:
 * @db: a connection to the replica
 * @id: the indicator's UUID
 *
 * Returns: (transfer full) (nullable): the indicator with its activity,
 *   or %NULL with %MREZA_STORE_ERROR_NOT_FOUND
 */
MrezaIndicator *
mreza_indicator_load (sqlite3     *db,
                      const char  *id,
                      GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  MrezaIndicator *ind;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = _mreza_sql_prepare (db, "SELECT i.id, i.activity_id, g.number,"
                             " a.number, i.number, i.text, a.title, i.kind,"
                             " i.target_num, i.target_text FROM indicator i"
                             " JOIN activity a ON a.id = i.activity_id"
                             " JOIN goal g ON g.id = a.goal_id"
                             " WHERE i.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (!_mreza_sql_step_one (db, stmt,
                            _("This indicator is no longer in the plan; "
                              "it may have been removed on another device."),
                            "Reading the indicator failed", error))
    return NULL;

  ind = g_new0 (MrezaIndicator, 1);
  ind->id = _mreza_sql_dup_text (stmt, 0);
  ind->activity_id = _mreza_sql_dup_text (stmt, 1);
  ind->goal_number = sqlite3_column_int (stmt, 2);
  ind->activity_number = sqlite3_column_int (stmt, 3);
  ind->number = sqlite3_column_int (stmt, 4);
  ind->text = _mreza_sql_dup_text (stmt, 5);
  ind->activity_title = _mreza_sql_dup_text (stmt, 6);
  ind->kind = _mreza_sql_dup_text (stmt, 7);
  ind->target = dup_number (stmt, 8);
  if (ind->target == NULL)
    ind->target = _mreza_sql_dup_text (stmt, 9);

  return ind;
}

/**
 * mreza_indicator_get_measure:
 * @indicator: an indicator
 *
 * Says which derived count a count indicator's value stands for, so
 * that a page can put the two side by side. The plan has no unit
 * column, so the indicator's own words decide: one that counts
 * participants ("učesnik", "lica", "osoba") is compared with the
 * participants of its joint actions, one that counts trainings
 * ("obuk") with the trainings, any other count with the number of
 * joint actions. Other kinds have no derived value.
 *
 * Returns: the derived count that matches @indicator
 */
MrezaDerivedMeasure
mreza_indicator_get_measure (const MrezaIndicator *indicator)
{
  static const char * const participants[] = {
    "ucesnik", "ucesnic", "lica", "osoba", "participant", NULL,
  };
  g_autofree char *folded = NULL;
  g_autofree char *lower = NULL;

  g_return_val_if_fail (indicator != NULL, MREZA_DERIVED_NONE);

  if (g_strcmp0 (indicator->kind, "count") != 0 || indicator->text == NULL)
    return MREZA_DERIVED_NONE;

  folded = mreza_fold_for_search (indicator->text);
  lower = g_utf8_strdown (folded, -1);
  g_free (folded);
  folded = g_str_to_ascii (lower, "C");

  for (guint i = 0; participants[i] != NULL; i++)
    if (strstr (folded, participants[i]) != NULL)
      return MREZA_DERIVED_PARTICIPANTS;
  if (strstr (folded, "obuk") != NULL || strstr (folded, "training") != NULL)
    return MREZA_DERIVED_TRAININGS;

  return MREZA_DERIVED_ACTIONS;
}

/**
 * mreza_derived_counts_get:
 *
 * Returns: the count of @counts that @measure names, or -1 for
 *   %MREZA_DERIVED_NONE
 */
gint64
mreza_derived_counts_get (const MrezaDerivedCounts *counts,
                          MrezaDerivedMeasure       measure)
{
  g_return_val_if_fail (counts != NULL, -1);

  switch (measure)
    {
    case MREZA_DERIVED_ACTIONS:
      return counts->actions;
    case MREZA_DERIVED_PARTICIPANTS:
      return counts->women + counts->men + counts->girls + counts->boys;
    case MREZA_DERIVED_TRAININGS:
      return counts->trainings;
    case MREZA_DERIVED_NONE:
    default:
      return -1;
    }
}

MrezaIndicatorValue *
mreza_indicator_value_new (const MrezaIndicator *indicator)
{
  MrezaIndicatorValue *value = g_new0 (MrezaIndicatorValue, 1);

  if (indicator != NULL)
    {
      value->indicator_id = g_strdup (indicator->id);
      value->kind = g_strdup (indicator->kind);
    }
  return value;
}

MrezaIndicatorValue *
mreza_indicator_value_copy (const MrezaIndicatorValue *value)
{
  MrezaIndicatorValue *copy;

  g_return_val_if_fail (value != NULL, NULL);

  copy = g_new0 (MrezaIndicatorValue, 1);
  copy->id = g_strdup (value->id);
  copy->indicator_id = g_strdup (value->indicator_id);
  copy->kind = g_strdup (value->kind);
  copy->team_id = g_strdup (value->team_id);
  copy->period = g_strdup (value->period);
  copy->value = g_strdup (value->value);
  copy->note = g_strdup (value->note);
  return copy;
}

void
mreza_indicator_value_free (MrezaIndicatorValue *value)
{
  if (value == NULL)
    return;

  g_free (value->id);
  g_free (value->indicator_id);
  g_free (value->kind);
  g_free (value->team_id);
  g_free (value->period);
  g_free (value->value);
  g_free (value->note);
  g_free (value);
}

/**
 * mreza_indicator_value_equal:
 *
 * Returns: %TRUE when @a and @b have the same fields (their ids aside)
 */
gboolean
mreza_indicator_value_equal (const MrezaIndicatorValue *a,
                             const MrezaIndicatorValue *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return _mreza_form_text_equal (a->indicator_id, b->indicator_id) &&
         _mreza_form_text_equal (a->team_id, b->team_id) &&
         _mreza_form_text_equal (a->period, b->period) &&
         _mreza_form_text_equal (a->value, b->value) &&
         _mreza_form_text_equal (a->note, b->note);
}

/**
 * mreza_indicator_period_normalize:
 * @text: a period as typed: "2019", "2019-Q3", "2019 q3", "Q3 2019"
 *
 * Returns: (transfer full) (nullable): the period as stored (`YYYY`,
 *   `YYYY-Qn`, `YYYY-Hn`), or %NULL when @text is not one in that form
 */
char *
mreza_indicator_period_normalize (const char *text)
{
  g_autofree char *up = NULL;
  g_autofree char *joined = NULL;
  g_auto(GStrv) parts = NULL;
  char *period;

  if (text == NULL)
    return NULL;

  up = g_ascii_strup (text, -1);
  g_strstrip (up);
  parts = g_regex_split_simple ("[\\s\\-/.]+", up, 0, 0);
  if (g_strv_length (parts) == 1)
    joined = g_strdup (parts[0]);
  else if (g_strv_length (parts) == 2 && strlen (parts[1]) == 4)
    /* "Q3 2019": the quarter first, as English writes it. */
    joined = g_strdup_printf ("%s-%s", parts[1], parts[0]);
  else if (g_strv_length (parts) == 2)
    joined = g_strdup_printf ("%s-%s", parts[0], parts[1]);
  else
    return NULL;

  period = g_steal_pointer (&joined);
  if (!mreza_period_is_valid (period))
    {
      g_free (period);
      return NULL;
    }
  return period;
}

/**
 * mreza_indicator_period_range:
 * @period: a valid period
 * @first_day: (out): its first day, `YYYY-MM-DD`
 * @last_day: (out): its last day
 *
 * Returns: %TRUE when @period is valid
 */
gboolean
mreza_indicator_period_range (const char  *period,
                              char       **first_day,
                              char       **last_day)
{
  static const int last_days[] = { 31, 30, 30, 31 };
  int year, first = 1, n = 12;

  g_return_val_if_fail (first_day != NULL && last_day != NULL, FALSE);

  if (!mreza_period_is_valid (period))
    return FALSE;

  year = (int) g_ascii_strtoll (period, NULL, 10);
  if (period[4] == '-' && period[5] == 'Q')
    {
      first = (period[6] - '1') * 3 + 1;
      n = 3;
    }
  else if (period[4] == '-')
    {
      first = (period[6] - '1') * 6 + 1;
      n = 6;
    }

  *first_day = g_strdup_printf ("%04d-%02d-01", year, first);
  *last_day = g_strdup_printf ("%04d-%02d-%02d", year, first + n - 1,
                               last_days[(first + n - 2) / 3]);
  return TRUE;
}

static char *
check_period (const char *period)
{
  g_autofree char *normal = NULL;
  int year;

  if (period == NULL || *period == '\0')
    return g_strdup (_("Enter the period: a year such as 2019, or a quarter such as 2019-Q3"));
  normal = mreza_indicator_period_normalize (period);
  if (normal == NULL)
    /* Translators: %s is what someone typed as a reporting period */
    return g_strdup_printf (_("“%s” is not a period; write a year such as 2019, or a quarter such as 2019-Q3"),
                            period);
  year = (int) g_ascii_strtoll (normal, NULL, 10);
  if (year < MREZA_INDICATOR_FIRST_YEAR || year > MREZA_INDICATOR_LAST_YEAR)
    /* Translators: the first %d is a year typed, the others the first
     * and last years allowed */
    return g_strdup_printf (_("The year %d is out of range; write a year from %d to %d"),
                            year, MREZA_INDICATOR_FIRST_YEAR,
                            MREZA_INDICATOR_LAST_YEAR);
  return NULL;
}

static gboolean
parse_number (const char *text,
              double     *out)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *end = NULL;

  /* A decimal comma is what Serbian writes. */
  g_strdelimit (copy, ",", '.');
  if (*copy == '\0')
    return FALSE;
  *out = g_ascii_strtod (copy, &end);
  return end != NULL && *end == '\0' && isfinite (*out);
}

static char *
check_value (const char *kind,
             const char *value)
{
  double v;

  if (g_strcmp0 (kind, "text") == 0)
    return _mreza_form_text_is_blank (value) ?
           g_strdup (_("Write what was achieved")) : NULL;
  if (g_strcmp0 (kind, "yes_no") == 0)
    {
      if (g_strcmp0 (value, "yes") == 0 || g_strcmp0 (value, "no") == 0)
        return NULL;
      return g_strdup (_("Choose yes or no"));
    }

  if (_mreza_form_text_is_blank (value))
    return g_strdup (_("Enter the value, a number"));
  if (!parse_number (value, &v))
    /* Translators: %s is what someone typed as a value */
    return g_strdup_printf (_("“%s” is not a number"), value);
  if (v < 0)
    return g_strdup (_("The value cannot be negative"));
  if (g_strcmp0 (kind, "percentage") == 0 && v > 100)
    return g_strdup (_("A percentage is at most 100"));
  if (g_strcmp0 (kind, "count") == 0 && v != floor (v))
    return g_strdup (_("A count is a whole number"));
  if (v > MREZA_INDICATOR_MAX_COUNT)
    return g_strdup (_("The number is too large; check it"));
  return NULL;
}

/**
 * mreza_indicator_value_check:
 * @value: a value
 * @field: one of its fields
 *
 * Returns: (transfer full) (nullable): what is wrong with @field, as a
 *   translated sentence, or %NULL when it is fine
 */
char *
mreza_indicator_value_check (const MrezaIndicatorValue *value,
                             MrezaIndicatorValueField   field)
{
  g_return_val_if_fail (value != NULL, NULL);

  switch (field)
    {
    case MREZA_INDICATOR_VALUE_FIELD_TEAM:
      if (value->team_id == NULL || *value->team_id == '\0')
        return g_strdup (_("Choose the team the value is for"));
      return NULL;
    case MREZA_INDICATOR_VALUE_FIELD_PERIOD:
      return check_period (value->period);
    case MREZA_INDICATOR_VALUE_FIELD_VALUE:
      return check_value (value->kind, value->value);
    case MREZA_INDICATOR_VALUE_N_FIELDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * mreza_indicator_value_validate:
 *
 * Returns: %TRUE when every field is fine; otherwise sets @error to the
 *   first problem (%MREZA_INPUT_ERROR_VALUE)
 */
gboolean
mreza_indicator_value_validate (const MrezaIndicatorValue  *value,
                                GError                    **error)
{
  g_return_val_if_fail (value != NULL, FALSE);

  if (value->indicator_id == NULL || value->kind == NULL)
    {
      g_set_error_literal (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_VALUE,
                           _("The value names no indicator"));
      return FALSE;
    }

  for (guint f = 0; f < MREZA_INDICATOR_VALUE_N_FIELDS; f++)
    {
      g_autofree char *problem = mreza_indicator_value_check (value, f);

      if (problem != NULL)
        {
          g_set_error_literal (error, MREZA_INPUT_ERROR,
                               MREZA_INPUT_ERROR_VALUE, problem);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * mreza_indicator_value_check_unique:
 * @db: a connection to the replica
 * @value: a value whose fields are valid
 *
 * A team reports one value per indicator and period.
 *
 * Returns: (transfer full) (nullable): a sentence when another value of
 *   the same indicator, team and period exists, else %NULL
 */
char *
mreza_indicator_value_check_unique (sqlite3                   *db,
                                    const MrezaIndicatorValue *value)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *period = NULL;

  g_return_val_if_fail (db != NULL && value != NULL, NULL);

  period = mreza_indicator_period_normalize (value->period);
  if (period == NULL || value->team_id == NULL)
    return NULL;

  stmt = _mreza_sql_prepare (db, "SELECT 1 FROM indicator_value"
                             " WHERE indicator_id = ?1 AND team_id = ?2"
                             " AND period = ?3 AND id IS NOT ?4", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, value->indicator_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value->team_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, period, -1, SQLITE_TRANSIENT);
  _mreza_sql_bind_text_or_null (stmt, 4, value->id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  return g_strdup (_("This team already has a value for this period; edit that one instead"));
}

static const char value_select[] =
  "SELECT v.id, v.indicator_id, i.kind, v.team_id, v.period, v.value_num,"
  " v.value_text, v.note FROM indicator_value v"
  " JOIN indicator i ON i.id = v.indicator_id";

static MrezaIndicatorValue *
value_from_stmt (sqlite3_stmt *stmt)
{
  MrezaIndicatorValue *value = g_new0 (MrezaIndicatorValue, 1);

  value->id = _mreza_sql_dup_text (stmt, 0);
  value->indicator_id = _mreza_sql_dup_text (stmt, 1);
  value->kind = _mreza_sql_dup_text (stmt, 2);
  value->team_id = _mreza_sql_dup_text (stmt, 3);
  value->period = _mreza_sql_dup_text (stmt, 4);
  if (g_strcmp0 (value->kind, "yes_no") == 0 &&
      sqlite3_column_type (stmt, 5) != SQLITE_NULL)
    value->value = g_strdup (sqlite3_column_double (stmt, 5) != 0 ? "yes" : "no");
  else if (g_strcmp0 (value->kind, "text") == 0)
    value->value = _mreza_sql_dup_text (stmt, 6);
  else
    value->value = dup_number (stmt, 5);
  value->note = _mreza_sql_dup_text (stmt, 7);
  return value;
}

/**
 * mreza_indicator_value_load:
 *
 * Returns: (transfer full) (nullable): the value, or %NULL with
 *   %MREZA_STORE_ERROR_NOT_FOUND
 */
MrezaIndicatorValue *
mreza_indicator_value_load (sqlite3     *db,
                            const char  *id,
                            GError     **error)
{
  g_autofree char *sql = g_strconcat (value_select, " WHERE v.id = ?1", NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if ((stmt = _mreza_sql_prepare (db, sql, error)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (!_mreza_sql_step_one (db, stmt,
                            _("This value is no longer in the replica; "
                              "it may have been deleted on another device."),
                            "Reading the value failed", error))
    return NULL;
  return value_from_stmt (stmt);
}

static void
bind_value (sqlite3_stmt              *stmt,
            const MrezaIndicatorValue *value)
{
  double v = 0;

  if (g_strcmp0 (value->kind, "text") == 0)
    {
      g_autofree char *text = g_strstrip (g_strdup (value->value));

      sqlite3_bind_null (stmt, 7);
      sqlite3_bind_text (stmt, 8, text, -1, SQLITE_TRANSIENT);
      return;
    }

  if (g_strcmp0 (value->kind, "yes_no") == 0)
    v = g_strcmp0 (value->value, "yes") == 0 ? 1 : 0;
  else
    parse_number (value->value, &v);
  sqlite3_bind_double (stmt, 7, v);
  sqlite3_bind_null (stmt, 8);
}

static gboolean
upsert_value (MrezaStore                 *store,
              const MrezaIndicatorValue  *value,
              const char                 *period,
              GError                    **error)
{
  sqlite3 *db = mreza_store_get_db (store);
  g_autofree char *now = mreza_now_iso8601 ();
  g_autofree char *note = value->note ? g_strstrip (g_strdup (value->note)) : NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _mreza_sql_prepare (db,
    "INSERT INTO indicator_value (id, created_at, modified_at, modified_by,"
    " indicator_id, team_id, period, value_num, value_text, note)"
    " VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
    " ON CONFLICT (id) DO UPDATE SET modified_at = excluded.modified_at,"
    " modified_by = excluded.modified_by, team_id = excluded.team_id,"
    " period = excluded.period, value_num = excluded.value_num,"
    " value_text = excluded.value_text, note = excluded.note", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, value->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, mreza_store_get_device_id (store), -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, value->indicator_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, value->team_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, period, -1, SQLITE_TRANSIENT);
  bind_value (stmt, value);
  _mreza_sql_bind_text_or_null (stmt, 9, note != NULL && *note ? note : NULL);

  rc = sqlite3_step (stmt);
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    {
      g_set_error_literal (error, MREZA_STORE_ERROR, MREZA_STORE_ERROR_FAILED,
                           _("The value names a team or indicator that is no longer in the replica, or the team already has a value for this period."));
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      _mreza_sql_set_error (db, rc, error, "Saving the value failed");
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  MrezaStore                *store;
  const MrezaIndicatorValue *value;
  const char                *period;
} ValueWrite;

static gboolean
write_value (sqlite3   *db,
             gpointer   data,
             GError   **error)
{
  ValueWrite *w = data;
  g_autofree char *dup = mreza_indicator_value_check_unique (db, w->value);

  if (dup != NULL)
    {
      g_set_error_literal (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_VALUE,
                           dup);
      return FALSE;
    }
  return upsert_value (w->store, w->value, w->period, error);
}

/**
 * mreza_indicator_value_save:
 * @store: the replica
 * @value: the value; a new one (no id) is given one, and its period is
 *   normalized ("2019 q3" becomes "2019-Q3")
 * @error: return location for a #GError
 *
 * Validates @value, checks that its team has no other value for the
 * indicator and period, and writes it, in one transaction.
 *
 * Returns: %TRUE on success
 */
gboolean
mreza_indicator_value_save (MrezaStore           *store,
                            MrezaIndicatorValue  *value,
                            GError              **error)
{
  g_autofree char *period = NULL;
  g_autofree char *new_id = NULL;
  ValueWrite w = { store, value, NULL };

  g_return_val_if_fail (MREZA_IS_STORE (store), FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (!mreza_indicator_value_validate (value, error))
    return FALSE;
  w.period = period = mreza_indicator_period_normalize (value->period);

  if (value->id == NULL)
    value->id = new_id = mreza_uuid_new_random ();

  if (!_mreza_sql_transaction (mreza_store_get_db (store), write_value, &w,
                               error))
    {
      if (new_id != NULL)
        value->id = NULL;
      return FALSE;
    }

  g_free (value->period);
  value->period = g_steal_pointer (&period);
  g_steal_pointer (&new_id);
  return TRUE;
}

static gboolean
delete_value (sqlite3     *db,
              const char  *id,
              GError     **error)
{
  MrezaSqlVal vals[] = { MREZA_SQL_TEXT (id) };

  return _mreza_sql_write (db, "DELETE FROM indicator_value WHERE id = ?1",
                           vals, G_N_ELEMENTS (vals), NULL,
                           "Deleting the value failed", error);
}

/**
 * mreza_indicator_value_delete:
 * @store: the replica
 * @id: the value's UUID
 *
 * Returns: (transfer full) (nullable): what was deleted, for
 *   mreza_indicator_value_restore(), or %NULL on error
 */
MrezaIndicatorValue *
mreza_indicator_value_delete (MrezaStore  *store,
                              const char  *id,
                              GError     **error)
{
  g_return_val_if_fail (MREZA_IS_STORE (store), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return _mreza_sql_delete_with_snapshot (mreza_store_get_db (store), id,
                                          (MrezaSqlLoad) mreza_indicator_value_load,
                                          delete_value,
                                          (GDestroyNotify) mreza_indicator_value_free,
                                          error);
}

/**
 * mreza_indicator_value_restore:
 * @store: the replica
 * @snapshot: what mreza_indicator_value_delete() returned
 *
 * Brings a deleted value back as a new row: the old id's tombstone may
 * already be on its way, and a tombstone wins over every later write.
 *
 * Returns: (transfer full) (nullable): the restored value's id
 */
char *
mreza_indicator_value_restore (MrezaStore                 *store,
                               const MrezaIndicatorValue  *snapshot,
                               GError                    **error)
{
  g_autoptr(MrezaIndicatorValue) value = NULL;

  g_return_val_if_fail (MREZA_IS_STORE (store), NULL);
  g_return_val_if_fail (snapshot != NULL, NULL);

  value = mreza_indicator_value_copy (snapshot);
  g_clear_pointer (&value->id, g_free);
  if (!mreza_indicator_value_save (store, value, error))
    return NULL;

  return g_steal_pointer (&value->id);
}

/**
 * mreza_indicator_count:
 * @db: a connection to the replica
 * @indicator_id: the indicator
 * @team_id: the team
 * @period: a valid period
 * @counts: (out): what the team's joint actions linked to the
 *   indicator, dated within @period, add up to
 *
 * One aggregate over the indicator's links (indexed by indicator).
 *
 * Returns: %TRUE on success
 */
gboolean
mreza_indicator_count (sqlite3             *db,
                       const char          *indicator_id,
                       const char          *team_id,
                       const char          *period,
                       MrezaDerivedCounts  *counts,
                       GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  int rc;

  g_return_val_if_fail (db != NULL && counts != NULL, FALSE);

  memset (counts, 0, sizeof *counts);
  if (!mreza_indicator_period_range (period, &first, &last))
    return TRUE;

  stmt = _mreza_sql_prepare (db, "SELECT count(*),"
                             " coalesce (sum (ja.kind = 'training'), 0),"
                             " coalesce (sum (ja.women), 0),"
                             " coalesce (sum (ja.men), 0),"
                             " coalesce (sum (ja.girls), 0),"
                             " coalesce (sum (ja.boys), 0)"
                             " FROM joint_action_indicator l"
                             " JOIN joint_action ja ON ja.id = l.joint_action_id"
                             " WHERE l.indicator_id = ?1 AND ja.team_id = ?2"
                             " AND ja.date BETWEEN ?3 AND ?4", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, indicator_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, team_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, first, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, last, -1, SQLITE_TRANSIENT);
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    {
      _mreza_sql_set_error (db, rc, error, "Counting the joint actions failed");
      return FALSE;
    }
  counts->actions = sqlite3_column_int64 (stmt, 0);
  counts->trainings = sqlite3_column_int64 (stmt, 1);
  counts->women = sqlite3_column_int64 (stmt, 2);
  counts->men = sqlite3_column_int64 (stmt, 3);
  counts->girls = sqlite3_column_int64 (stmt, 4);
  counts->boys = sqlite3_column_int64 (stmt, 5);
  return TRUE;
}

void
mreza_indicator_line_free (MrezaIndicatorLine *line)
{
  if (line == NULL)
    return;

  mreza_indicator_value_free (line->value);
  g_free (line->team_id);
  g_free (line->team_name);
  g_free (line->period);
  g_free (line);
}

/* What the linked joint actions add up to, by team, year and quarter:
 * one pass over the indicator's links, however many lines there are. */
static const char buckets_sql[] =
  "SELECT ja.team_id, CAST (substr (ja.date, 1, 4) AS INTEGER),"
  " (CAST (substr (ja.date, 6, 2) AS INTEGER) + 2) / 3, count(*),"
  " coalesce (sum (ja.kind = 'training'), 0), coalesce (sum (ja.women), 0),"
  " coalesce (sum (ja.men), 0), coalesce (sum (ja.girls), 0),"
  " coalesce (sum (ja.boys), 0)"
  " FROM joint_action_indicator l"
  " JOIN joint_action ja ON ja.id = l.joint_action_id"
  " WHERE l.indicator_id = ?1 GROUP BY 1, 2, 3";

static char *
bucket_key (const char *team_id,
            int         year,
            int         quarter)
{
  return g_strdup_printf ("%s/%04d/%d", team_id, year, quarter);
}

static void
add_counts (MrezaDerivedCounts       *to,
            const MrezaDerivedCounts *from)
{
  to->actions += from->actions;
  to->trainings += from->trainings;
  to->women += from->women;
  to->men += from->men;
  to->girls += from->girls;
  to->boys += from->boys;
}

/* Fills @buckets (key → MrezaDerivedCounts) and @years (team/year of
 * every bucket, for the team-years without a value). */
static gboolean
read_buckets (sqlite3     *db,
              const char  *indicator_id,
              GHashTable  *buckets,
              GHashTable  *years,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _mreza_sql_prepare (db, buckets_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, indicator_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *team = _mreza_sql_text (stmt, 0);
      int year = sqlite3_column_int (stmt, 1);
      MrezaDerivedCounts *c = g_new0 (MrezaDerivedCounts, 1);

      c->actions = sqlite3_column_int64 (stmt, 3);
      c->trainings = sqlite3_column_int64 (stmt, 4);
      c->women = sqlite3_column_int64 (stmt, 5);
      c->men = sqlite3_column_int64 (stmt, 6);
      c->girls = sqlite3_column_int64 (stmt, 7);
      c->boys = sqlite3_column_int64 (stmt, 8);
      g_hash_table_insert (buckets,
                           bucket_key (team, year, sqlite3_column_int (stmt, 2)),
                           c);
      g_hash_table_add (years, g_strdup_printf ("%s/%04d", team, year));
    }
  if (rc != SQLITE_DONE)
    {
      _mreza_sql_set_error (db, rc, error, "Counting the joint actions failed");
      return FALSE;
    }
  return TRUE;
}

/* A line's counts: the buckets of its team, year and quarters. */
static void
sum_buckets (GHashTable         *buckets,
             MrezaIndicatorLine *line)
{
  int year = (int) g_ascii_strtoll (line->period, NULL, 10);
  int first = 1, last = 4;

  if (line->period[4] == '-' && line->period[5] == 'Q')
    first = last = line->period[6] - '0';
  else if (line->period[4] == '-')
    {
      first = (line->period[6] - '1') * 2 + 1;
      last = first + 1;
    }

  for (int q = first; q <= last; q++)
    {
      g_autofree char *key = bucket_key (line->team_id, year, q);
      const MrezaDerivedCounts *c = g_hash_table_lookup (buckets, key);

      if (c != NULL)
        add_counts (&line->counts, c);
    }
}

static char *
dup_team_name (sqlite3    *db,
               const char *team_id)
{
  g_autoptr(sqlite3_stmt) stmt = _mreza_sql_prepare (db, "SELECT name FROM team"
                                                     " WHERE id = ?1", NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, team_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return _mreza_sql_dup_text (stmt, 0);
}

/* The values entered for the indicator, each as a line. */
static gboolean
read_value_lines (sqlite3     *db,
                  const char  *indicator_id,
                  GPtrArray   *lines,
                  GError     **error)
{
  g_autofree char *sql = g_strconcat (value_select, " WHERE v.indicator_id = ?1",
                                      NULL);
  g_autoptr(sqlite3_stmt) stmt = _mreza_sql_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, indicator_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MrezaIndicatorLine *line = g_new0 (MrezaIndicatorLine, 1);

      line->value = value_from_stmt (stmt);
      line->team_id = g_strdup (line->value->team_id);
      line->period = g_strdup (line->value->period);
      g_ptr_array_add (lines, line);
    }
  if (rc != SQLITE_DONE)
    {
      _mreza_sql_set_error (db, rc, error, "Reading the values failed");
      return FALSE;
    }
  return TRUE;
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  const MrezaIndicatorLine *la = *(MrezaIndicatorLine **) a;
  const MrezaIndicatorLine *lb = *(MrezaIndicatorLine **) b;
  int c = g_strcmp0 (lb->period, la->period);

  if (c != 0)
    return c;
  return g_utf8_collate (la->team_name ? la->team_name : "",
                         lb->team_name ? lb->team_name : "");
}

/**
 * mreza_indicator_list_lines:
 * @db: a connection to the replica
 * @indicator_id: the indicator
 *
 * Lists an indicator's values with the derived counts of each team and
 * period, and the team-years that have linked joint actions but no
 * value yet, newest period first. The counts come from one grouped
 * pass over the indicator's links (by team, year and quarter), summed
 * here for each line. Safe to call from a worker on a connection of
 * its own (mreza_detail_load_async()).
 *
 * Returns: (transfer full) (element-type MrezaIndicatorLine): the lines
 */
GPtrArray *
mreza_indicator_list_lines (sqlite3     *db,
                            const char  *indicator_id,
                            GError     **error)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) mreza_indicator_line_free);
  g_autoptr(GHashTable) buckets = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                         g_free, g_free);
  g_autoptr(GHashTable) years = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                       g_free, NULL);
  GHashTableIter iter;
  const char *team_year;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (indicator_id != NULL, NULL);

  if (!read_buckets (db, indicator_id, buckets, years, error) ||
      !read_value_lines (db, indicator_id, lines, error))
    return NULL;

  /* A year with linked joint actions and no value of its own. */
  for (guint i = 0; i < lines->len; i++)
    {
      const MrezaIndicatorLine *line = g_ptr_array_index (lines, i);
      g_autofree char *key = g_strdup_printf ("%s/%s", line->team_id, line->period);

      g_hash_table_remove (years, key);
    }
  g_hash_table_iter_init (&iter, years);
  while (g_hash_table_iter_next (&iter, (gpointer *) &team_year, NULL))
    {
      MrezaIndicatorLine *line = g_new0 (MrezaIndicatorLine, 1);
      const char *slash = strrchr (team_year, '/');

      line->team_id = g_strndup (team_year, slash - team_year);
      line->period = g_strdup (slash + 1);
      g_ptr_array_add (lines, line);
    }

  for (guint i = 0; i < lines->len; i++)
    {
      MrezaIndicatorLine *line = g_ptr_array_index (lines, i);

      line->team_name = dup_team_name (db, line->team_id);
      if (mreza_period_is_valid (line->period))
        sum_buckets (buckets, line);
    }

  g_ptr_array_sort (lines, compare_lines);
  return g_steal_pointer (&lines);
}

/**
 * mreza_indicator_search:
 * @db: a connection to the replica
 * @text: what the person typed
 * @limit: the most results to return
 *
 * Finds indicators whose words start with the words of @text, ignoring
 * case and diacritics, in either script. The plan has a few hundred
 * indicators, so they are matched here rather than through the search
 * index, whose schema they are not part of.
 *
 * Returns: (transfer full) (element-type MrezaRow): the indicators, as
 *   rows of kind %MREZA_ROW_INDICATOR labelled "1.2.3 Text"
 */
GPtrArray *
mreza_indicator_search (sqlite3     *db,
                        const char  *text,
                        guint        limit,
                        GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *query = NULL;
  int rc;

  g_return_val_if_fail (db != NULL && text != NULL, NULL);

  query = mreza_fold_for_search (text);
  if (_mreza_form_text_is_blank (query) || limit == 0)
    return g_steal_pointer (&rows);

  stmt = _mreza_sql_prepare (db, "SELECT i.id, i.number, g.number || '.' ||"
                             " a.number || '.' || i.number || ' ' || i.text,"
                             " a.title, i.kind, i.text FROM indicator i"
                             " JOIN activity a ON a.id = i.activity_id"
                             " JOIN goal g ON g.id = a.goal_id"
                             " ORDER BY g.number, a.number, i.number", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW && rows->len < limit)
    {
      g_autofree char *folded = mreza_fold_for_search (_mreza_sql_text (stmt, 5));

      if (g_str_match_string (query, folded, TRUE))
        g_ptr_array_add (rows, mreza_row_new (MREZA_ROW_INDICATOR,
                                              _mreza_sql_text (stmt, 0),
                                              sqlite3_column_int (stmt, 1),
                                              _mreza_sql_text (stmt, 2),
                                              _mreza_sql_text (stmt, 3),
                                              _mreza_sql_text (stmt, 4), 0));
    }
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _mreza_sql_set_error (db, rc, error, "Searching the indicators failed");
      return NULL;
    }
  return g_steal_pointer (&rows);
}
