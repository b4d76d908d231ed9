/* mreza-meeting.h: a meeting of the network, edited and as a document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "mreza-joint-actions.h"
#include "mreza-store.h"

G_BEGIN_DECLS

/* The documents (mreza-meeting.c) */

gboolean mreza_meeting_agenda_write      (sqlite3     *db,
                                          const char  *meeting_id,
                                          const char  *path,
                                          const char  *format,
                                          GError     **error);
gboolean mreza_meeting_invitations_write (sqlite3     *db,
                                          const char  *meeting_id,
                                          const char  *path,
                                          const char  *format,
                                          GError     **error);

/* Editing (mreza-meeting-edit.c) */

/* An agenda item longer than a working day is a typing mistake. */
#define MREZA_MEETING_MAX_MINUTES (12 * 60)

typedef enum
{
  MREZA_MEETING_FIELD_TITLE,
  MREZA_MEETING_FIELD_DATE,
  MREZA_MEETING_FIELD_ORGANISER,
  MREZA_MEETING_N_FIELDS,
} MrezaMeetingField;

/* One agenda item; its position is its index in the agenda + 1. */
typedef struct
{
  char   *id;             /* NULL until saved */
  char   *title;
  char   *presenter_id;   /* an institution, or NULL */
  char   *goal_id;        /* at most one of goal_id and activity_id */
  char   *activity_id;
  char   *start_time;     /* HH:MM, or NULL */
  gint64  duration_min;   /* 0: not given */
} MrezaMeetingItem;

/* A team or an institution invited, and whether it came. */
typedef struct
{
  char     *id;
  char     *team_id;
  char     *institution_id;
  gboolean  attended;
} MrezaMeetingInvitee;

/* A follow-up task, feeding a task of the plan (task_id) when given. */
typedef struct
{
  char *id;
  char *title;
  char *responsible_id;   /* an institution, or NULL */
  char *deadline;         /* YYYY-MM-DD, or NULL */
  char *task_id;
} MrezaMeetingFollowUp;

/* The editable fields of one meeting; strings may be NULL (empty). */
typedef struct
{
  char      *id;
  char      *title;
  char      *date;
  char      *place;
  char      *organiser_id;
  char      *team_id;       /* NULL: a meeting of the whole network */
  char      *conclusions;
  GPtrArray *items;         /* of MrezaMeetingItem, in agenda order */
  GPtrArray *invitees;      /* of MrezaMeetingInvitee */
  GPtrArray *follow_ups;    /* of MrezaMeetingFollowUp */
} MrezaMeeting;

/* A line of the meetings list. */
typedef struct
{
  char   *id;
  char   *title;
  char   *date;
  char   *place;
  char   *organiser;
  guint   n_items;
} MrezaMeetingSummary;

/* A part of the plan an agenda item may serve: a goal or an activity. */
typedef struct
{
  char *goal_id;
  char *activity_id;
  char *label;
} MrezaMeetingLink;

MrezaMeeting         *mreza_meeting_new             (void);
MrezaMeeting         *mreza_meeting_copy            (const MrezaMeeting  *meeting);
void                  mreza_meeting_free            (MrezaMeeting        *meeting);
gboolean              mreza_meeting_equal           (const MrezaMeeting  *a,
                                                     const MrezaMeeting  *b);
MrezaMeetingItem     *mreza_meeting_add_item        (MrezaMeeting        *meeting);
MrezaMeetingInvitee  *mreza_meeting_add_invitee     (MrezaMeeting        *meeting,
                                                     const char          *team_id,
                                                     const char          *institution_id);
MrezaMeetingFollowUp *mreza_meeting_add_follow_up   (MrezaMeeting        *meeting);

char                 *mreza_meeting_check           (const MrezaMeeting  *meeting,
                                                     MrezaMeetingField    field);
char                 *mreza_meeting_check_item      (const MrezaMeeting  *meeting,
                                                     guint                index);
char                 *mreza_meeting_check_follow_up (const MrezaMeeting  *meeting,
                                                     guint                index);
gboolean              mreza_meeting_validate        (const MrezaMeeting  *meeting,
                                                     GError             **error);

MrezaMeeting         *mreza_meeting_load            (sqlite3             *db,
                                                     const char          *id,
                                                     GError             **error);
gboolean              mreza_meeting_save            (MrezaStore          *store,
                                                     MrezaMeeting        *meeting,
                                                     GError             **error);
MrezaMeeting         *mreza_meeting_delete          (MrezaStore          *store,
                                                     const char          *id,
                                                     GError             **error);
char                 *mreza_meeting_restore         (MrezaStore          *store,
                                                     const MrezaMeeting  *snapshot,
                                                     GError             **error);

GHashTable           *mreza_meeting_dup_labels      (sqlite3             *db,
                                                     const MrezaMeeting  *meeting,
                                                     GError             **error);
GPtrArray            *mreza_meeting_list            (sqlite3             *db,
                                                     GError             **error);
void                  mreza_meeting_summary_free    (MrezaMeetingSummary *summary);
GPtrArray            *mreza_meeting_list_institutions (sqlite3           *db,
                                                       GError           **error);
GPtrArray            *mreza_meeting_list_tasks      (sqlite3             *db,
                                                     GError             **error);
GPtrArray            *mreza_meeting_list_links      (sqlite3             *db,
                                                     GError             **error);
void                  mreza_meeting_link_free       (MrezaMeetingLink    *link);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrezaMeeting, mreza_meeting_free)

G_END_DECLS
