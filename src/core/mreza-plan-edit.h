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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrezaPlanTask, mreza_plan_task_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrezaPlanRisk, mreza_plan_risk_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrezaPlanIndicator, mreza_plan_indicator_free)

G_END_DECLS
