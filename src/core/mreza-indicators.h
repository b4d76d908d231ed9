/* mreza-indicators.h: an indicator's values per team and period, and the
 * counts its joint actions give
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "mreza-store.h"

G_BEGIN_DECLS

/* The years a period may name: the network began in 2000s, and a year
 * past 2100 is a typing mistake. */
#define MREZA_INDICATOR_FIRST_YEAR 2000
#define MREZA_INDICATOR_LAST_YEAR  2100
/* A count above this is a typing mistake. */
#define MREZA_INDICATOR_MAX_COUNT  1000000000

/* One indicator of the plan, as its page shows it. */
typedef struct
{
  char *id;
  char *activity_id;
  int   goal_number;
  int   activity_number;
  int   number;
  char *text;
  char *activity_title;
  char *kind;            /* count, percentage, yes_no, text */
  char *target;          /* as text, or NULL */
} MrezaIndicator;

typedef enum
{
  MREZA_INDICATOR_VALUE_FIELD_TEAM,
  MREZA_INDICATOR_VALUE_FIELD_PERIOD,
  MREZA_INDICATOR_VALUE_FIELD_VALUE,
  MREZA_INDICATOR_VALUE_N_FIELDS,
} MrezaIndicatorValueField;

/* The editable fields of one value. @id is NULL until it is saved the
 * first time. @value is as a person writes it: a number ("12", "12,5")
 * for count and percentage, "yes" or "no" for yes_no, text for text.
 * @kind is the indicator's, read with it, never written. */
typedef struct
{
  char *id;
  char *indicator_id;
  char *kind;
  char *team_id;
  char *period;          /* YYYY, YYYY-Qn or YYYY-Hn */
  char *value;
  char *note;            /* the evidence */
} MrezaIndicatorValue;

/* What the joint actions linked to an indicator, of one team and
 * within one period, add up to. */
typedef struct
{
  gint64 actions;
  gint64 trainings;
  gint64 women;
  gint64 men;
  gint64 girls;
  gint64 boys;
} MrezaDerivedCounts;

/* Which derived count an indicator's own value counts too. */
typedef enum
{
  MREZA_DERIVED_NONE,          /* yes/no, text, percentage */
  MREZA_DERIVED_ACTIONS,
  MREZA_DERIVED_PARTICIPANTS,
  MREZA_DERIVED_TRAININGS,
} MrezaDerivedMeasure;

/* One line of an indicator's table: a team and period with a value
 * entered (@value), or with linked joint actions but no value yet. */
typedef struct
{
  MrezaIndicatorValue *value;     /* NULL when none was entered */
  char                *team_id;
  char                *team_name;
  char                *period;
  MrezaDerivedCounts   counts;
} MrezaIndicatorLine;

void                 mreza_indicator_free         (MrezaIndicator            *indicator);
MrezaIndicator      *mreza_indicator_load         (sqlite3                   *db,
                                                   const char                *id,
                                                   GError                   **error);
MrezaDerivedMeasure  mreza_indicator_get_measure  (const MrezaIndicator      *indicator);

MrezaIndicatorValue *mreza_indicator_value_new    (const MrezaIndicator      *indicator);
MrezaIndicatorValue *mreza_indicator_value_copy   (const MrezaIndicatorValue *value);
void                 mreza_indicator_value_free   (MrezaIndicatorValue       *value);
gboolean             mreza_indicator_value_equal  (const MrezaIndicatorValue *a,
                                                   const MrezaIndicatorValue *b);
char                *mreza_indicator_value_check  (const MrezaIndicatorValue *value,
                                                   MrezaIndicatorValueField   field);
char                *mreza_indicator_value_check_unique (sqlite3             *db,
                                                   const MrezaIndicatorValue *value);
gboolean             mreza_indicator_value_validate (const MrezaIndicatorValue *value,
                                                   GError                   **error);
MrezaIndicatorValue *mreza_indicator_value_load   (sqlite3                   *db,
                                                   const char                *id,
                                                   GError                   **error);
gboolean             mreza_indicator_value_save   (MrezaStore                *store,
                                                   MrezaIndicatorValue       *value,
                                                   GError                   **error);
MrezaIndicatorValue *mreza_indicator_value_delete (MrezaStore                *store,
                                                   const char                *id,
                                                   GError                   **error);
char                *mreza_indicator_value_restore (MrezaStore               *store,
                                                   const MrezaIndicatorValue *snapshot,
                                                   GError                   **error);
char                *mreza_indicator_period_normalize (const char            *text);
gboolean             mreza_indicator_period_range (const char                *period,
                                                   char                     **first_day,
                                                   char                     **last_day);

gboolean             mreza_indicator_count        (sqlite3                   *db,
                                                   const char                *indicator_id,
                                                   const char                *team_id,
                                                   const char                *period,
                                                   MrezaDerivedCounts        *counts,
                                                   GError                   **error);
gint64               mreza_derived_counts_get     (const MrezaDerivedCounts  *counts,
                                                   MrezaDerivedMeasure        measure);
GPtrArray           *mreza_indicator_list_lines   (sqlite3                   *db,
                                                   const char                *indicator_id,
                                                   GError                   **error);
void                 mreza_indicator_line_free    (MrezaIndicatorLine        *line);
GPtrArray           *mreza_indicator_search       (sqlite3                   *db,
                                                   const char                *text,
                                                   guint                      limit,
                                                   GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrezaIndicator, mreza_indicator_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrezaIndicatorValue, mreza_indicator_value_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrezaIndicatorLine, mreza_indicator_line_free)

G_END_DECLS
