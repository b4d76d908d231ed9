/* mreza-tasks.h: a task's progress, read and saved
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
  MREZA_TASK_FIELD_STATUS,
  MREZA_TASK_FIELD_DONE_DATE,
  MREZA_TASK_N_FIELDS,
} MrezaTaskField;

/* What a member edits of a task; the plan's structure (title, deadline)
 * is the coordinator's and is only read here. On a member device the
 * progress is its team's own (team_id set: a task_progress row); on a
 * coordinator's device or a replica that never joined, it is the plan's
 * national status (team_id NULL: the task row). */
typedef struct
{
  char *id;
  int   number;
  char *title;
  char *deadline_to;     /* ISO date or NULL; read only */
  char *status;          /* not_started, in_progress, done, dropped */
  char *progress_note;   /* NULL when empty */
  char *done_date;       /* ISO 8601; required when done, else ignored */
  char *team_id;         /* whose progress; NULL for the national status */
  char *team_name;       /* read only */
} MrezaTaskProgress;

const char * const *mreza_task_statuses      (void);

MrezaTaskProgress  *mreza_task_progress_copy  (const MrezaTaskProgress  *progress);
void                mreza_task_progress_free  (MrezaTaskProgress        *progress);
gboolean            mreza_task_progress_equal (const MrezaTaskProgress  *a,
                                               const MrezaTaskProgress  *b);

char               *mreza_task_progress_check    (const MrezaTaskProgress  *progress,
                                                  MrezaTaskField            field,
                                                  const char               *today);
gboolean            mreza_task_progress_validate (const MrezaTaskProgress  *progress,
                                                  const char               *today,
                                                  GError                  **error);

MrezaTaskProgress  *mreza_task_progress_load  (sqlite3                  *db,
                                               const char               *id,
                                               GError                  **error);
gboolean            mreza_task_progress_save  (MrezaStore               *store,
                                               const MrezaTaskProgress  *progress,
                                               GError                  **error);

char               *mreza_task_progress_id    (const char               *task_id,
                                               const char               *team_id);

gboolean            mreza_task_is_late        (const char               *status,
                                               const char               *deadline_to,
                                               const char               *today);
char               *mreza_task_today          (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrezaTaskProgress, mreza_task_progress_free)

G_END_DECLS
