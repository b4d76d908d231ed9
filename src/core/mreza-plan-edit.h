/* mreza-plan-edit.h: the coordinator's edits of the plan's structure
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "mreza-store.h"

G_BEGIN_DECLS

typedef enum
{
  MREZA_PLAN_TASK_FIELD_NUMBER,
  MREZA_PLAN_TASK_FIELD_TITLE,
  MREZA_PLAN_TASK_FIELD_DEADLINE_FROM,
  MREZA_PLAN_TASK_FIELD_DEADLINE_TO,
  MREZA_PLAN_TASK_N_FIELDS,
} MrezaPlanTaskField;

/* A task as the plan states it; its progress is MrezaTaskProgress's. */
typedef struct
{
  char      *id;             /* NULL until a new task is saved */
  char      *activity_id;
  int        number;         /* > 0, unique in the activity */
  char      *title;
  char      *deadline_text;  /* as the plan words it; NULL when empty */
  char      *deadline_kind;  /* read back; the save derives it */
  char      *deadline_from;  /* ISO date or NULL */
  char      *deadline_to;    /* ISO date or NULL */
  GPtrArray *links;          /* "institution_id\nrole", for a restore */
} MrezaPlanTask;

MrezaPlanTask *mreza_plan_task_new         (const char           *activity_id);
MrezaPlanTask *mreza_plan_task_copy        (const MrezaPlanTask  *task);
void           mreza_plan_task_free        (MrezaPlanTask        *task);
gboolean       mreza_plan_task_equal       (const MrezaPlanTask  *a,
                                            const MrezaPlanTask  *b);
char          *mreza_plan_task_check       (const MrezaPlanTask  *task,
                                            MrezaPlanTaskField    field);
gboolean       mreza_plan_task_validate    (const MrezaPlanTask  *task,
                                            GError              **error);
int            mreza_plan_task_next_number (sqlite3              *db,
                                            const char           *activity_id);
MrezaPlanTask *mreza_plan_task_load        (sqlite3              *db,
                                            const char           *id,
                                            GError              **error);
gboolean       mreza_plan_task_save        (MrezaStore           *store,
                                            MrezaPlanTask        *task,
                                            GError              **error);
MrezaPlanTask *mreza_plan_task_delete      (MrezaStore           *store,
                                            const char           *id,
                                            GError              **error);
char          *mreza_plan_task_restore     (MrezaStore           *store,
                                            const MrezaPlanTask  *snapshot,
                                            GError              **error);

typedef enum
{
  MREZA_PLAN_INDICATOR_FIELD_NUMBER,
  MREZA_PLAN_INDICATOR_FIELD_TEXT,
  MREZA_PLAN_INDICATOR_FIELD_KIND,
  MREZA_PLAN_INDICATOR_FIELD_TARGET,
  MREZA_PLAN_INDICATOR_N_FIELDS,
} MrezaPlanIndicatorField;

/* An indicator as the plan states it; its values are MrezaIndicatorValue's. */
typedef struct
{
  char *id;             /* NULL until a new indicator is saved */
  char *activity_id;
  int   number;         /* > 0, unique in the activity */
  char *text;
  char *kind;           /* count, percentage, yes_no, text */
  char *target;         /* as typed: a number for count and percentage,
                         * any text for text; a yes/no indicator's
                         * target is always yes; NULL for none */
} MrezaPlanIndicator;

const char * const *mreza_plan_indicator_kinds   (void);
MrezaPlanIndicator *mreza_plan_indicator_new     (const char                *activity_id);
MrezaPlanIndicator *mreza_plan_indicator_copy    (const MrezaPlanIndicator  *ind);
void                mreza_plan_indicator_free    (MrezaPlanIndicator        *ind);
gboolean            mreza_plan_indicator_equal   (const MrezaPlanIndicator  *a,
                                                  const MrezaPlanIndicator  *b);
char               *mreza_plan_indicator_check   (const MrezaPlanIndicator  *ind,
                                                  MrezaPlanIndicatorField    field);
gboolean            mreza_plan_indicator_validate (const MrezaPlanIndicator *ind,
                                                   GError                  **error);
int                 mreza_plan_indicator_next_number (sqlite3               *db,
                                                      const char            *activity_id);
MrezaPlanIndicator *mreza_plan_indicator_load    (sqlite3                   *db,
                                                  const char                *id,
                                                  GError                   **error);
const char         *mreza_plan_indicator_why_not_delete (sqlite3            *db,
                                                         const char         *id);
gboolean            mreza_plan_indicator_save    (MrezaStore                *store,
                                                  MrezaPlanIndicator        *ind,
                                                  GError                   **error);
MrezaPlanIndicator *mreza_plan_indicator_delete  (MrezaStore                *store,
                                                  const char                *id,
                                                  GError                   **error);
char               *mreza_plan_indicator_restore (MrezaStore                *store,
                                                  const MrezaPlanIndicator  *snapshot,
                                                  GError                   **error);

/* A risk to an activity, as the plan words it. */
typedef struct
{
  char *id;             /* NULL until a new risk is saved */
  char *activity_id;
  char *text;
} MrezaPlanRisk;

MrezaPlanRisk *mreza_plan_risk_new     (const char           *activity_id);
MrezaPlanRisk *mreza_plan_risk_copy    (const MrezaPlanRisk  *risk);
void           mreza_plan_risk_free    (MrezaPlanRisk        *risk);
gboolean       mreza_plan_risk_equal   (const MrezaPlanRisk  *a,
                                        const MrezaPlanRisk  *b);
char          *mreza_plan_risk_check   (const MrezaPlanRisk  *risk);
MrezaPlanRisk *mreza_plan_risk_load    (sqlite3              *db,
                                        const char           *id,
                                        GError              **error);
gboolean       mreza_plan_risk_save    (MrezaStore           *store,
                                        MrezaPlanRisk        *risk,
                                        GError              **error);
MrezaPlanRisk *mreza_plan_risk_delete  (MrezaStore           *store,
                                        const char           *id,
                                        GError              **error);
char          *mreza_plan_risk_restore (MrezaStore           *store,
                                        const MrezaPlanRisk  *snapshot,
                                        GError              **error);

/* Goals and activities (mreza-plan-outline.c) ---------------------------- */

typedef enum
{
  MREZA_PLAN_PART_GOAL,
  MREZA_PLAN_PART_ACTIVITY,
} MrezaPlanPartKind;

typedef enum
{
  MREZA_PLAN_PART_FIELD_NUMBER,
  MREZA_PLAN_PART_FIELD_TITLE,
  MREZA_PLAN_PART_FIELD_DEADLINE_FROM,
  MREZA_PLAN_PART_FIELD_DEADLINE_TO,
  MREZA_PLAN_PART_N_FIELDS,
} MrezaPlanPartField;

/* A goal of the plan or an activity of a goal: a number and a title,
 * and for an activity the deadline its tasks inherit. */
typedef struct
{
  MrezaPlanPartKind  kind;
  char              *id;             /* NULL until a new one is saved */
  char              *parent_id;      /* a goal's plan, an activity's goal */
  int                number;         /* > 0, unique under the parent */
  char              *title;
  char              *deadline_text;  /* an activity's; NULL for a goal */
  char              *deadline_kind;
  char              *deadline_from;
  char              *deadline_to;
} MrezaPlanPart;

MrezaPlanPart *mreza_plan_part_new          (MrezaPlanPartKind     kind,
                                             const char           *parent_id);
MrezaPlanPart *mreza_plan_part_copy         (const MrezaPlanPart  *part);
void           mreza_plan_part_free         (MrezaPlanPart        *part);
gboolean       mreza_plan_part_equal        (const MrezaPlanPart  *a,
                                             const MrezaPlanPart  *b);
char          *mreza_plan_part_check        (const MrezaPlanPart  *part,
                                             MrezaPlanPartField    field);
gboolean       mreza_plan_part_validate     (const MrezaPlanPart  *part,
                                             GError              **error);
char          *mreza_plan_dup_plan_id       (sqlite3              *db);
int            mreza_plan_part_next_number  (sqlite3              *db,
                                             MrezaPlanPartKind     kind,
                                             const char           *parent_id);
MrezaPlanPart *mreza_plan_part_load         (sqlite3              *db,
                                             MrezaPlanPartKind     kind,
                                             const char           *id,
                                             GError              **error);
const char    *mreza_plan_part_why_not_delete (sqlite3            *db,
                                               MrezaPlanPartKind   kind,
                                               const char         *id);
gboolean       mreza_plan_part_save         (MrezaStore           *store,
                                             MrezaPlanPart        *part,
                                             GError              **error);
MrezaPlanPart *mreza_plan_part_delete       (MrezaStore           *store,
                                             MrezaPlanPartKind     kind,
                                             const char           *id,
                                             GError              **error);
char          *mreza_plan_part_restore      (MrezaStore           *store,
                                             const MrezaPlanPart  *snapshot,
                                             GError              **error);

/* Budget lines (mreza-plan-budget.c) ------------------------------------- */

typedef enum
{
  MREZA_PLAN_BUDGET_FIELD_SOURCE,
  MREZA_PLAN_BUDGET_FIELD_AMOUNT,
  MREZA_PLAN_BUDGET_FIELD_CURRENCY,
  MREZA_PLAN_BUDGET_FIELD_YEAR,
  MREZA_PLAN_BUDGET_N_FIELDS,
} MrezaPlanBudgetField;

/* A budget line of an activity. The amount and the year are kept as
 * typed, so that a form can say what is wrong with them; the save
 * stores the amount in minor units (pare, cents). */
typedef struct
{
  char *id;              /* NULL until a new line is saved */
  char *activity_id;
  char *task_id;         /* NULL for the whole activity */
  char *source;          /* budget, donor, taiex, project, no_cost, unknown */
  char *institution_id;  /* whose budget or who gives; may be NULL */
  char *project_id;      /* may be NULL */
  char *source_text;     /* as the plan words it; may be NULL */
  char *amount;          /* "102.000", "4500,50"; NULL for none */
  char *currency;        /* RSD or EUR; needed with an amount */
  char *year;            /* "2018", or NULL */
  char *note;
} MrezaPlanBudgetLine;

const char * const  *mreza_plan_budget_sources      (void);
const char * const  *mreza_plan_budget_currencies   (void);
MrezaPlanBudgetLine *mreza_plan_budget_line_new     (const char                 *activity_id);
MrezaPlanBudgetLine *mreza_plan_budget_line_copy    (const MrezaPlanBudgetLine  *line);
void                 mreza_plan_budget_line_free    (MrezaPlanBudgetLine        *line);
gboolean             mreza_plan_budget_line_equal   (const MrezaPlanBudgetLine  *a,
                                                     const MrezaPlanBudgetLine  *b);
char                *mreza_plan_budget_line_check   (const MrezaPlanBudgetLine  *line,
                                                     MrezaPlanBudgetField        field);
gboolean             mreza_plan_budget_line_validate (const MrezaPlanBudgetLine *line,
                                                      GError                   **error);
GPtrArray           *mreza_plan_budget_list_tasks   (sqlite3                    *db,
                                                     const char                 *activity_id,
                                                     GError                    **error);
GPtrArray           *mreza_plan_budget_list_projects (sqlite3                   *db,
                                                      GError                   **error);
MrezaPlanBudgetLine *mreza_plan_budget_line_load    (sqlite3                    *db,
                                                     const char                 *id,
                                                     GError                    **error);
gboolean             mreza_plan_budget_line_save    (MrezaStore                 *store,
                                                     MrezaPlanBudgetLine        *line,
                                                     GError                    **error);
MrezaPlanBudgetLine *mreza_plan_budget_line_delete  (MrezaStore                 *store,
                                                     const char                 *id,
                                                     GError                    **error);
char                *mreza_plan_budget_line_restore (MrezaStore                 *store,
                                                     const MrezaPlanBudgetLine  *snapshot,
                                                     GError                    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrezaPlanTask, mreza_plan_task_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrezaPlanRisk, mreza_plan_risk_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrezaPlanIndicator, mreza_plan_indicator_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrezaPlanPart, mreza_plan_part_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrezaPlanBudgetLine, mreza_plan_budget_line_free)

G_END_DECLS
