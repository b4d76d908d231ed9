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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrezaPlanTask, mreza_plan_task_free)

G_END_DECLS
