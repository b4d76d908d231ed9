/* mreza-joint-actions.h: creating, editing and deleting a joint action
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "mreza-store.h"

G_BEGIN_DECLS

/* A count of participants above this is a typing mistake, not an
 * action: the largest campaign of the network reached a few thousand. */
#define MREZA_JOINT_ACTION_MAX_COUNT 100000

typedef enum
{
  MREZA_JOINT_ACTION_FIELD_DATE,
  MREZA_JOINT_ACTION_FIELD_KIND,
  MREZA_JOINT_ACTION_FIELD_TITLE,
  MREZA_JOINT_ACTION_FIELD_TEAM,
  MREZA_JOINT_ACTION_FIELD_WOMEN,
  MREZA_JOINT_ACTION_FIELD_MEN,
  MREZA_JOINT_ACTION_FIELD_GIRLS,
  MREZA_JOINT_ACTION_FIELD_BOYS,
  MREZA_JOINT_ACTION_N_FIELDS,
} MrezaJointActionField;

/* The editable fields of one joint action. @id is NULL until it is
 * saved the first time; the strings may be NULL (empty). */
typedef struct
{
  char      *id;
  char      *date;              /* ISO 8601, YYYY-MM-DD */
  char      *kind;              /* training, campaign, meeting,
                                 * joint_preventive_action, other */
  char      *title;
  char      *place;
  char      *team_id;
  char      *activity_id;
  GPtrArray *institution_ids;   /* of char *, never NULL */
  GPtrArray *indicator_ids;     /* of char *, never NULL */
  gint64     women;
  gint64     men;
  gint64     girls;
  gint64     boys;
  char      *note;
} MrezaJointAction;

MrezaJointAction *mreza_joint_action_new      (void);
MrezaJointAction *mreza_joint_action_copy     (const MrezaJointAction  *action);
void              mreza_joint_action_free     (MrezaJointAction        *action);
gboolean          mreza_joint_action_equal    (const MrezaJointAction  *a,
                                               const MrezaJointAction  *b);
const char * const *mreza_joint_action_kinds  (void);

char             *mreza_joint_action_check    (const MrezaJointAction  *action,
                                               MrezaJointActionField    field);
gboolean          mreza_joint_action_validate (const MrezaJointAction  *action,
                                               GError                 **error);

MrezaJointAction *mreza_joint_action_load     (sqlite3                 *db,
                                               const char              *id,
                                               GError                 **error);
gboolean          mreza_joint_action_save     (MrezaStore              *store,
                                               MrezaJointAction        *action,
                                               GError                 **error);
MrezaJointAction *mreza_joint_action_delete   (MrezaStore              *store,
                                               const char              *id,
                                               GError                 **error);
char             *mreza_joint_action_restore  (MrezaStore              *store,
                                               const MrezaJointAction  *snapshot,
                                               GError                 **error);

/* One answer a form offers for a reference: a team, an activity. */
typedef struct
{
  char *id;
  char *label;
} MrezaChoice;

void              mreza_choice_free           (MrezaChoice             *choice);
GPtrArray        *mreza_joint_action_list_teams      (sqlite3          *db,
                                                      GError          **error);
GPtrArray        *mreza_joint_action_list_activities (sqlite3          *db,
                                                      GError          **error);
GPtrArray        *mreza_joint_action_list_institutions (sqlite3        *db,
                                                        GError        **error);
GPtrArray        *mreza_joint_action_find_institutions (sqlite3        *db,
                                                        const char     *team_id,
                                                        const char     *text,
                                                        guint           limit,
                                                        GError        **error);
GPtrArray        *mreza_joint_action_list_indicators (sqlite3          *db,
                                                      const char       *activity_id,
                                                      GError          **error);
char             *mreza_joint_action_dup_label       (sqlite3          *db,
                                                      const char       *table,
                                                      const char       *id);
gboolean          mreza_joint_action_get_years       (sqlite3          *db,
                                                      int              *first,
                                                      int              *last,
                                                      GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrezaJointAction, mreza_joint_action_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrezaChoice, mreza_choice_free)

G_END_DECLS
