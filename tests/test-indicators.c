/* test-indicators.c: indicator values per team and period, and the
 * counts derived from joint actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On a fresh replica of the demo data: every field's check, a save in
 * one captured transaction, bad input and a failing write leaving
 * nothing behind, delete and restore, and the derived counts following
 * the joint actions linked to an indicator.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "mreza-indicators.h"
#include "mreza-joint-actions.h"
#include "mreza-json.h"
#include "mreza-row.h"
#include "mreza-test-utils.h"
#include "mreza-util.h"

typedef struct
{
  char       *dir;
  MrezaStore *store;
  char       *nis;          /* tim-nis */
  char       *actions;      /* g1.a1.i2, a count of joint actions */
  char       *participants; /* g1.a1.i3, a count of participants */
  char       *yes_no;       /* g1.a1.i1 */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = test_make_dir ();
  f->store = test_open_demo (f->dir);
  f->nis = mreza_uuid_from_slug ("teams/tim-nis");
  f->actions = mreza_uuid_from_slug ("indicators/g1.a1.i2");
  f->participants = mreza_uuid_from_slug ("indicators/g1.a1.i3");
  f->yes_no = mreza_uuid_from_slug ("indicators/g1.a1.i1");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_free (f->dir);
  g_free (f->nis);
  g_free (f->actions);
  g_free (f->participants);
  g_free (f->yes_no);
}

static MrezaIndicatorValue *
make_value (Fixture    *f,
            const char *indicator_id,
            const char *period,
            const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrezaIndicator) ind = mreza_indicator_load (mreza_store_get_db (f->store),
                                                        indicator_id, &error);
  MrezaIndicatorValue *v;

  g_assert_no_error (error);
  v = mreza_indicator_value_new (ind);
  v->team_id = g_strdup (f->nis);
  v->period = g_strdup (period);
  v->value = g_strdup (value);
  v->note = g_strdup ("Zapisnik sa sastanka tima, Đurđevdan");
  return v;
}

static gboolean
field_ok (MrezaIndicatorValue      *v,
          MrezaIndicatorValueField  field)
{
  g_autofree char *problem = mreza_indicator_value_check (v, field);

  return problem == NULL;
}

static void
set_str (char       **field,
         const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static void
test_checks (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(MrezaIndicatorValue) v = make_value (f, f->actions, "2019", "3");
  static const char * const bad_periods[] = {
    "", "20x9", "1850", "2101", "2019-Q5", "2019-Q0", "2019-M3", "Q3", NULL,
  };
  static const char * const good_periods[] = {
    "2019", "2019-Q3", "2019 q3", "Q3 2019", "2019-H2", "2000", "2100", NULL,
  };
  g_autofree char *normal = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  g_assert_true (mreza_indicator_value_validate (v, NULL));
  for (guint i = 0; bad_periods[i] != NULL; i++)
    {
      set_str (&v->period, bad_periods[i]);
      g_assert_false (field_ok (v, MREZA_INDICATOR_VALUE_FIELD_PERIOD));
    }
  for (guint i = 0; good_periods[i] != NULL; i++)
    {
      set_str (&v->period, good_periods[i]);
      g_assert_true (field_ok (v, MREZA_INDICATOR_VALUE_FIELD_PERIOD));
    }
  normal = mreza_indicator_period_normalize ("Q3 2019");
  g_assert_cmpstr (normal, ==, "2019-Q3");
  g_assert_true (mreza_indicator_period_range ("2019-Q2", &first, &last));
  g_assert_cmpstr (first, ==, "2019-04-01");
  g_assert_cmpstr (last, ==, "2019-06-30");

  /* A count: a whole number, not negative. */
  set_str (&v->value, "-3");
  g_assert_false (field_ok (v, MREZA_INDICATOR_VALUE_FIELD_VALUE));
  set_str (&v->value, "tri");
  g_assert_false (field_ok (v, MREZA_INDICATOR_VALUE_FIELD_VALUE));
  set_str (&v->value, "2,5");
  g_assert_false (field_ok (v, MREZA_INDICATOR_VALUE_FIELD_VALUE));
  set_str (&v->value, NULL);
  g_assert_false (field_ok (v, MREZA_INDICATOR_VALUE_FIELD_VALUE));
  set_str (&v->value, "12");
  g_assert_true (field_ok (v, MREZA_INDICATOR_VALUE_FIELD_VALUE));

  /* A percentage: up to 100, with a decimal comma. */
  set_str (&v->kind, "percentage");
  set_str (&v->value, "55,5");
  g_assert_true (field_ok (v, MREZA_INDICATOR_VALUE_FIELD_VALUE));
  set_str (&v->value, "120");
  g_assert_false (field_ok (v, MREZA_INDICATOR_VALUE_FIELD_VALUE));

  set_str (&v->kind, "yes_no");
  set_str (&v->value, "maybe");
  g_assert_false (field_ok (v, MREZA_INDICATOR_VALUE_FIELD_VALUE));
  set_str (&v->value, "yes");
  g_assert_true (field_ok (v, MREZA_INDICATOR_VALUE_FIELD_VALUE));

  set_str (&v->kind, "text");
  set_str (&v->value, "   ");
  g_assert_false (field_ok (v, MREZA_INDICATOR_VALUE_FIELD_VALUE));

  set_str (&v->team_id, NULL);
  g_assert_false (field_ok (v, MREZA_INDICATOR_VALUE_FIELD_TEAM));
}

static void
test_save (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(MrezaIndicatorValue) v = make_value (f, f->actions, "2019 q3", "4");
  g_autoptr(MrezaIndicatorValue) loaded = NULL;
  g_autoptr(MrezaIndicatorValue) dup = NULL;
  g_autofree char *problem = NULL;
  g_autoptr(GError) error = NULL;
  gint64 values = test_count (f->store, "indicator_value");
  gint64 outbox = test_count (f->store, "sync_outbox");

  g_assert_true (mreza_indicator_value_save (f->store, v, &error));
  g_assert_no_error (error);
  g_assert_true (mreza_is_uuid (v->id));
  g_assert_cmpstr (v->period, ==, "2019-Q3");
  g_assert_cmpint (test_count (f->store, "indicator_value"), ==, values + 1);
  g_assert_cmpint (test_count (f->store, "sync_outbox"), ==, outbox + 1);

  loaded = mreza_indicator_value_load (mreza_store_get_db (f->store), v->id,
                                       &error);
  g_assert_no_error (error);
  g_assert_true (mreza_indicator_value_equal (v, loaded));
  g_assert_cmpstr (loaded->value, ==, "4");

  /* An edit is one captured update. */
  set_str (&loaded->value, "5");
  g_assert_true (mreza_indicator_value_save (f->store, loaded, &error));
  g_assert_cmpint (test_count (f->store, "indicator_value"), ==, values + 1);
  g_assert_cmpint (test_count (f->store, "sync_outbox"), ==, outbox + 2);

  /* A second value for the same team and period is refused. */
  dup = make_value (f, f->actions, "2019-Q3", "7");
  problem = mreza_indicator_value_check_unique (mreza_store_get_db (f->store), dup);
  g_assert_nonnull (problem);
  g_assert_false (mreza_indicator_value_save (f->store, dup, &error));
  g_assert_error (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_VALUE);
  g_assert_null (dup->id);
  g_assert_cmpint (test_count (f->store, "indicator_value"), ==, values + 1);
  g_assert_cmpint (test_count (f->store, "sync_outbox"), ==, outbox + 2);
  g_assert_true (sqlite3_get_autocommit (mreza_store_get_db (f->store)));

  /* A yes/no value is stored as 1 or 0 and read back as said. */
  g_clear_pointer (&v, mreza_indicator_value_free);
  v = make_value (f, f->yes_no, "2019", "yes");
  g_assert_true (mreza_indicator_value_save (f->store, v, &error));
  g_clear_pointer (&loaded, mreza_indicator_value_free);
  loaded = mreza_indicator_value_load (mreza_store_get_db (f->store), v->id, &error);
  g_assert_cmpstr (loaded->value, ==, "yes");
}

static void
test_invalid_writes_nothing (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(MrezaIndicatorValue) v = make_value (f, f->actions, "1850", "4");
  g_autoptr(GError) error = NULL;
  gint64 values = test_count (f->store, "indicator_value");
  gint64 outbox = test_count (f->store, "sync_outbox");

  g_assert_false (mreza_indicator_value_save (f->store, v, &error));
  g_assert_error (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_VALUE);
  g_assert_nonnull (strstr (error->message, "1850"));
  g_assert_null (v->id);
  g_clear_error (&error);

  set_str (&v->period, "2019");
  set_str (&v->value, "-1");
  g_assert_false (mreza_indicator_value_save (f->store, v, &error));
  g_assert_error (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_VALUE);
  g_assert_null (v->id);

  g_assert_cmpint (test_count (f->store, "indicator_value"), ==, values);
  g_assert_cmpint (test_count (f->store, "sync_outbox"), ==, outbox);
}

static void
test_one_transaction (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(MrezaIndicatorValue) v = make_value (f, f->actions, "2019", "4");
  g_autoptr(GError) error = NULL;
  gint64 values = test_count (f->store, "indicator_value");
  gint64 outbox = test_count (f->store, "sync_outbox");

  /* Valid to the checks, refused by the foreign key: rolled back. */
  set_str (&v->team_id, "00000000-0000-4000-8000-000000000000");
  g_assert_false (mreza_indicator_value_save (f->store, v, &error));
  g_assert_error (error, MREZA_STORE_ERROR, MREZA_STORE_ERROR_FAILED);
  g_assert_null (v->id);
  g_assert_cmpint (test_count (f->store, "indicator_value"), ==, values);
  g_assert_cmpint (test_count (f->store, "sync_outbox"), ==, outbox);
  g_assert_true (sqlite3_get_autocommit (mreza_store_get_db (f->store)));
}

static void
test_delete_restore (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(MrezaIndicatorValue) v = make_value (f, f->participants, "2019", "120");
  g_autoptr(MrezaIndicatorValue) snapshot = NULL;
  g_autoptr(MrezaIndicatorValue) restored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *new_id = NULL;
  gint64 values;

  g_assert_true (mreza_indicator_value_save (f->store, v, &error));
  values = test_count (f->store, "indicator_value");

  snapshot = mreza_indicator_value_delete (f->store, v->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_count (f->store, "indicator_value"), ==, values - 1);

  new_id = mreza_indicator_value_restore (f->store, snapshot, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (new_id, !=, v->id);
  restored = mreza_indicator_value_load (mreza_store_get_db (f->store), new_id, &error);
  g_assert_true (mreza_indicator_value_equal (restored, v));

  g_clear_pointer (&snapshot, mreza_indicator_value_free);
  snapshot = mreza_indicator_value_delete (f->store, v->id, &error);
  g_assert_null (snapshot);
  g_assert_error (error, MREZA_STORE_ERROR, MREZA_STORE_ERROR_NOT_FOUND);
  g_assert_true (sqlite3_get_autocommit (mreza_store_get_db (f->store)));
}

static MrezaJointAction *
make_action (Fixture    *f,
             const char *date,
             const char *kind)
{
  MrezaJointAction *a = mreza_joint_action_new ();

  a->date = g_strdup (date);
  a->kind = g_strdup (kind);
  a->title = g_strdup ("Radionica u školi „Čegar“");
  a->team_id = g_strdup (f->nis);
  g_ptr_array_add (a->indicator_ids, g_strdup (f->actions));
  g_ptr_array_add (a->indicator_ids, g_strdup (f->participants));
  a->women = 3;
  a->men = 2;
  a->girls = 11;
  a->boys = 9;
  return a;
}

static void
test_derived_counts (Fixture       *f,
                     gconstpointer  data)
{
  sqlite3 *db = mreza_store_get_db (f->store);
  g_autoptr(MrezaJointAction) training = make_action (f, "2019-10-18", "training");
  g_autoptr(MrezaJointAction) campaign = make_action (f, "2019-05-02", "campaign");
  g_autoptr(MrezaIndicator) ind = NULL;
  g_autoptr(GError) error = NULL;
  MrezaDerivedCounts c, before;
  g_autofree char *sql = NULL;
  gint64 expected;

  /* The demo's own: the team's linked actions of 2017, as SQL sees them. */
  g_assert_true (mreza_indicator_count (db, f->actions, f->nis, "2017", &c, &error));
  g_assert_no_error (error);
  sql = g_strdup_printf ("SELECT count(*) FROM joint_action_indicator l"
                         " JOIN joint_action j ON j.id = l.joint_action_id"
                         " WHERE l.indicator_id = '%s' AND j.team_id = '%s'"
                         " AND j.date LIKE '2017-%%'", f->actions, f->nis);
  expected = test_query_int (f->store, sql);
  g_assert_cmpint (expected, >, 0);
  g_assert_cmpint (c.actions, ==, expected);

  g_assert_true (mreza_indicator_count (db, f->actions, f->nis, "2019", &before, &error));
  g_assert_true (mreza_joint_action_save (f->store, training, &error));
  g_assert_true (mreza_joint_action_save (f->store, campaign, &error));
  g_assert_no_error (error);

  g_assert_true (mreza_indicator_count (db, f->actions, f->nis, "2019", &c, &error));
  g_assert_cmpint (c.actions, ==, before.actions + 2);
  g_assert_cmpint (c.trainings, ==, before.trainings + 1);
  g_assert_cmpint (c.women, ==, before.women + 6);
  g_assert_cmpint (c.girls + c.boys, ==, before.girls + before.boys + 40);

  /* A quarter counts only its own months. */
  g_assert_true (mreza_indicator_count (db, f->actions, f->nis, "2019-Q4", &c, &error));
  g_assert_cmpint (c.actions, ==, 1);
  g_assert_cmpint (c.trainings, ==, 1);
  g_assert_true (mreza_indicator_count (db, f->actions, f->nis, "2019-Q3", &c, &error));
  g_assert_cmpint (c.actions, ==, 0);

  /* Which count goes with which indicator. */
  ind = mreza_indicator_load (db, f->participants, &error);
  g_assert_cmpint (mreza_indicator_get_measure (ind), ==, MREZA_DERIVED_PARTICIPANTS);
  g_assert_cmpint (mreza_derived_counts_get (&c, MREZA_DERIVED_PARTICIPANTS), ==, 0);
  g_clear_pointer (&ind, mreza_indicator_free);
  ind = mreza_indicator_load (db, f->actions, &error);
  g_assert_cmpint (mreza_indicator_get_measure (ind), ==, MREZA_DERIVED_ACTIONS);
  g_clear_pointer (&ind, mreza_indicator_free);
  ind = mreza_indicator_load (db, f->yes_no, &error);
  g_assert_cmpint (mreza_indicator_get_measure (ind), ==, MREZA_DERIVED_NONE);
}

static const MrezaIndicatorLine *
find_line (GPtrArray  *lines,
           const char *team_id,
           const char *period)
{
  for (guint i = 0; i < lines->len; i++)
    {
      const MrezaIndicatorLine *line = g_ptr_array_index (lines, i);

      if (g_str_equal (line->team_id, team_id) && g_str_equal (line->period, period))
        return line;
    }
  return NULL;
}

static void
test_lines (Fixture       *f,
            gconstpointer  data)
{
  sqlite3 *db = mreza_store_get_db (f->store);
  g_autoptr(MrezaJointAction) training = make_action (f, "2019-10-18", "training");
  g_autoptr(MrezaIndicatorValue) v = make_value (f, f->actions, "2019-Q4", "1");
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;
  const MrezaIndicatorLine *line;

  /* The demo's values of Niš for 2017, with their counts. */
  lines = mreza_indicator_list_lines (db, f->actions, &error);
  g_assert_no_error (error);
  line = find_line (lines, f->nis, "2017");
  g_assert_nonnull (line);
  g_assert_nonnull (line->value);
  g_assert_cmpstr (line->value->value, ==, "3");
  g_assert_cmpstr (line->team_name, ==, "Lokalni tim Niš");
  g_assert_null (find_line (lines, f->nis, "2019"));

  /* A linked action of 2019 without a value shows the year, no value. */
  g_assert_true (mreza_joint_action_save (f->store, training, &error));
  g_clear_pointer (&lines, g_ptr_array_unref);
  lines = mreza_indicator_list_lines (db, f->actions, &error);
  line = find_line (lines, f->nis, "2019");
  g_assert_nonnull (line);
  g_assert_null (line->value);
  g_assert_cmpint (line->counts.actions, ==, 1);

  /* A quarter's value stands beside the year's counts. */
  g_assert_true (mreza_indicator_value_save (f->store, v, &error));
  g_clear_pointer (&lines, g_ptr_array_unref);
  lines = mreza_indicator_list_lines (db, f->actions, &error);
  line = find_line (lines, f->nis, "2019-Q4");
  g_assert_nonnull (line);
  g_assert_cmpint (line->counts.actions, ==, 1);
  g_assert_cmpint (line->counts.girls, ==, 11);
  /* Each line's counts are those of one aggregate for its period. */
  for (guint i = 0; i < lines->len; i++)
    {
      const MrezaIndicatorLine *l = g_ptr_array_index (lines, i);
      MrezaDerivedCounts c;

      g_assert_true (mreza_indicator_count (db, f->actions, l->team_id,
                                            l->period, &c, &error));
      g_assert_cmpmem (&c, sizeof c, &l->counts, sizeof l->counts);
    }
  /* Newest first. */
  g_assert_cmpstr (((MrezaIndicatorLine *) g_ptr_array_index (lines, 0))->period,
                   >=, "2019");
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  sqlite3 *db = mreza_store_get_db (f->store);
  static const char * const queries[] = { "ucesnika", "Učesnika obuhv", "учесника", NULL };

  for (guint q = 0; queries[q] != NULL; q++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) rows = mreza_indicator_search (db, queries[q], 50, &error);
      gboolean found = FALSE;

      g_assert_no_error (error);
      for (guint i = 0; i < rows->len; i++)
        {
          MrezaRow *row = g_ptr_array_index (rows, i);

          g_assert_cmpint (mreza_row_get_kind (row), ==, MREZA_ROW_INDICATOR);
          if (g_str_equal (mreza_row_get_id (row), f->participants))
            found = TRUE;
        }
      g_assert_true (found);
    }
}

static void
test_pickers (Fixture       *f,
              gconstpointer  data)
{
  sqlite3 *db = mreza_store_get_db (f->store);
  g_autofree char *activity = mreza_uuid_from_slug ("activities/g1.a2");
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) indicators = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  MrezaChoice *first;

  /* Without a search, the team's own member institutions. */
  members = mreza_joint_action_find_institutions (db, f->nis, NULL, 50, &error);
  g_assert_no_error (error);
  g_assert_cmpint (members->len, ==,
                   test_query_int (f->store, "SELECT count(*) FROM team_member"
                                   " m JOIN team t ON t.id = m.team_id"
                                   " WHERE t.name = 'Lokalni tim Niš'"));
  /* With one, the whole directory. */
  found = mreza_joint_action_find_institutions (db, f->nis, "crveni krst", 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, >, 1);

  /* The linked activity's indicators come first. */
  indicators = mreza_joint_action_list_indicators (db, activity, &error);
  g_assert_no_error (error);
  g_assert_cmpint (indicators->len, ==, test_count (f->store, "indicator"));
  first = g_ptr_array_index (indicators, 0);
  g_assert_true (g_str_has_prefix (first->label, "1.2.1 "));

  label = mreza_joint_action_dup_label (db, "indicator", f->participants);
  g_assert_cmpstr (label, ==, "1.1.3 Broj učesnika obuhvaćenih zajedničkim akcijama");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/indicators/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)
  ADD ("checks", test_checks);
  ADD ("save", test_save);
  ADD ("invalid-writes-nothing", test_invalid_writes_nothing);
  ADD ("one-transaction", test_one_transaction);
  ADD ("delete-restore", test_delete_restore);
  ADD ("derived-counts", test_derived_counts);
  ADD ("lines", test_lines);
  ADD ("search", test_search);
  ADD ("pickers", test_pickers);
#undef ADD

  return g_test_run ();
}
