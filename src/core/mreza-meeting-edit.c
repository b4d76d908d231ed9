/* mreza-meeting-edit.c: preparing a meeting of the network
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A meeting is one row of meeting and its children: agenda items,
 * invitees and follow-up tasks. The form edits a MrezaMeeting in
 * memory; saving writes the difference in one transaction on the
 * store's connection (a handful of rows, so the UI thread may call
 * it). Children keep their ids from save to save, and a child whose
 * fields did not change is not written at all: every write is a synced
 * change, and rewriting the whole agenda on each save would overwrite
 * a concurrent edit of another item on another device.
 */
#define G_LOG_DOMAIN "mreza-meeting"

#include "config.h"

#include "mreza-meeting.h"

#include "mreza-json.h"
#include "mreza-locale.h"
#include "mreza-store-private.h"
#include "mreza-util.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

/* Life ------------------------------------------------------------------ */

static void
item_free (gpointer data)
{
  MrezaMeetingItem *item = data;

  g_free (item->id);
  g_free (item->title);
  g_free (item->presenter_id);
  g_free (item->goal_id);
  g_free (item->activity_id);
  g_free (item->start_time);
  g_free (item);
}

static void
invitee_free (gpointer data)
{
  MrezaMeetingInvitee *invitee = data;

  g_free (invitee->id);
  g_free (invitee->team_id);
  g_free (invitee->institution_id);
  g_free (invitee);
}

static void
follow_up_free (gpointer data)
{
  MrezaMeetingFollowUp *follow_up = data;

  g_free (follow_up->id);
  g_free (follow_up->title);
  g_free (follow_up->responsible_id);
  g_free (follow_up->deadline);
  g_free (follow_up->task_id);
  g_free (follow_up);
}

MrezaMeeting *
mreza_meeting_new (void)
{
  MrezaMeeting *meeting = g_new0 (MrezaMeeting, 1);

  meeting->items = g_ptr_array_new_with_free_func (item_free);
  meeting->invitees = g_ptr_array_new_with_free_func (invitee_free);
  meeting->follow_ups = g_ptr_array_new_with_free_func (follow_up_free);
  return meeting;
}

void
mreza_meeting_free (MrezaMeeting *meeting)
{
  if (meeting == NULL)
    return;

  g_free (meeting->id);
  g_free (meeting->title);
  g_free (meeting->date);
  g_free (meeting->place);
  g_free (meeting->organiser_id);
  g_free (meeting->team_id);
  g_free (meeting->conclusions);
  g_ptr_array_unref (meeting->items);
  g_ptr_array_unref (meeting->invitees);
  g_ptr_array_unref (meeting->follow_ups);
  g_free (meeting);
}

/**
 * mreza_meeting_add_item:
 * @meeting: a meeting
 *
 * Returns: (transfer none): a new, empty item at the end of the agenda
 */
MrezaMeetingItem *
mreza_meeting_add_item (MrezaMeeting *meeting)
{
  MrezaMeetingItem *item;

  g_return_val_if_fail (meeting != NULL, NULL);

  item = g_new0 (MrezaMeetingItem, 1);
  g_ptr_array_add (meeting->items, item);
  return item;
}

/**
 * mreza_meeting_add_invitee:
 * @meeting: a meeting
 * @team_id: (nullable): the team invited
 * @institution_id: (nullable): or the institution invited
 *
 * Returns: (transfer none): the new invitee
 */
MrezaMeetingInvitee *
mreza_meeting_add_invitee (MrezaMeeting *meeting,
                           const char   *team_id,
                           const char   *institution_id)
{
  MrezaMeetingInvitee *invitee;

  g_return_val_if_fail (meeting != NULL, NULL);
  g_return_val_if_fail (team_id != NULL || institution_id != NULL, NULL);

  invitee = g_new0 (MrezaMeetingInvitee, 1);
  invitee->team_id = g_strdup (team_id);
  invitee->institution_id = g_strdup (institution_id);
  g_ptr_array_add (meeting->invitees, invitee);
  return invitee;
}

/**
 * mreza_meeting_add_follow_up:
 * @meeting: a meeting
 *
 * Returns: (transfer none): a new, empty follow-up task
 */
MrezaMeetingFollowUp *
mreza_meeting_add_follow_up (MrezaMeeting *meeting)
{
  MrezaMeetingFollowUp *follow_up;

  g_return_val_if_fail (meeting != NULL, NULL);

  follow_up = g_new0 (MrezaMeetingFollowUp, 1);
  g_ptr_array_add (meeting->follow_ups, follow_up);
  return follow_up;
}

MrezaMeeting *
mreza_meeting_copy (const MrezaMeeting *meeting)
{
  MrezaMeeting *copy;

  g_return_val_if_fail (meeting != NULL, NULL);

  copy = mreza_meeting_new ();
  copy->id = g_strdup (meeting->id);
  copy->title = g_strdup (meeting->title);
  copy->date = g_strdup (meeting->date);
  copy->place = g_strdup (meeting->place);
  copy->organiser_id = g_strdup (meeting->organiser_id);
  copy->team_id = g_strdup (meeting->team_id);
  copy->conclusions = g_strdup (meeting->conclusions);

  for (guint i = 0; i < meeting->items->len; i++)
    {
      const MrezaMeetingItem *from = meeting->items->pdata[i];
      MrezaMeetingItem *to = mreza_meeting_add_item (copy);

      to->id = g_strdup (from->id);
      to->title = g_strdup (from->title);
      to->presenter_id = g_strdup (from->presenter_id);
      to->goal_id = g_strdup (from->goal_id);
      to->activity_id = g_strdup (from->activity_id);
      to->start_time = g_strdup (from->start_time);
      to->duration_min = from->duration_min;
    }
  for (guint i = 0; i < meeting->invitees->len; i++)
    {
      const MrezaMeetingInvitee *from = meeting->invitees->pdata[i];
      MrezaMeetingInvitee *to = mreza_meeting_add_invitee (copy, from->team_id,
                                                           from->institution_id);

      to->id = g_strdup (from->id);
      to->attended = from->attended;
    }
  for (guint i = 0; i < meeting->follow_ups->len; i++)
    {
      const MrezaMeetingFollowUp *from = meeting->follow_ups->pdata[i];
      MrezaMeetingFollowUp *to = mreza_meeting_add_follow_up (copy);

      to->id = g_strdup (from->id);
      to->title = g_strdup (from->title);
      to->responsible_id = g_strdup (from->responsible_id);
      to->deadline = g_strdup (from->deadline);
      to->task_id = g_strdup (from->task_id);
    }

  return copy;
}

#define TEXT_EQ(a, b) _mreza_form_text_equal ((a), (b))

static gboolean
item_equal (const MrezaMeetingItem *a,
            const MrezaMeetingItem *b)
{
  return TEXT_EQ (a->id, b->id) && TEXT_EQ (a->title, b->title) &&
         TEXT_EQ (a->presenter_id, b->presenter_id) &&
         TEXT_EQ (a->goal_id, b->goal_id) &&
         TEXT_EQ (a->activity_id, b->activity_id) &&
         TEXT_EQ (a->start_time, b->start_time) &&
         a->duration_min == b->duration_min;
}

static gboolean
invitee_equal (const MrezaMeetingInvitee *a,
               const MrezaMeetingInvitee *b)
{
  return TEXT_EQ (a->id, b->id) && TEXT_EQ (a->team_id, b->team_id) &&
         TEXT_EQ (a->institution_id, b->institution_id) &&
         !a->attended == !b->attended;
}

static gboolean
follow_up_equal (const MrezaMeetingFollowUp *a,
                 const MrezaMeetingFollowUp *b)
{
  return TEXT_EQ (a->id, b->id) && TEXT_EQ (a->title, b->title) &&
         TEXT_EQ (a->responsible_id, b->responsible_id) &&
         TEXT_EQ (a->deadline, b->deadline) &&
         TEXT_EQ (a->task_id, b->task_id);
}

typedef gboolean (*EqualFunc) (gconstpointer a, gconstpointer b);

static gboolean
arrays_equal (const GPtrArray *a,
              const GPtrArray *b,
              EqualFunc        equal)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!equal (a->pdata[i], b->pdata[i]))
      return FALSE;
  return TRUE;
}

/* Invitees have no order: the same set, in any order, is equal. */
static gboolean
invitees_equal (const GPtrArray *a,
                const GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < b->len && !found; j++)
        found = invitee_equal (a->pdata[i], b->pdata[j]);
      if (!found)
        return FALSE;
    }
  return TRUE;
}

/**
 * mreza_meeting_equal:
 *
 * Returns: %TRUE when @a and @b have the same fields and children, so
 *   that a form knows whether anything was changed
 */
gboolean
mreza_meeting_equal (const MrezaMeeting *a,
                     const MrezaMeeting *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return TEXT_EQ (a->title, b->title) && TEXT_EQ (a->date, b->date) &&
         TEXT_EQ (a->place, b->place) &&
         TEXT_EQ (a->organiser_id, b->organiser_id) &&
         TEXT_EQ (a->team_id, b->team_id) &&
         TEXT_EQ (a->conclusions, b->conclusions) &&
         arrays_equal (a->items, b->items, (EqualFunc) item_equal) &&
         invitees_equal (a->invitees, b->invitees) &&
         arrays_equal (a->follow_ups, b->follow_ups,
                       (EqualFunc) follow_up_equal);
}

/* Checks ---------------------------------------------------------------- */

static char *
check_date (const char *date,
            gboolean    required)
{
  if (required && (date == NULL || *date == '\0'))
    return g_strdup (_("Enter the date, for example 2024-03-15"));
  return _mreza_form_check_date (date);
}

/* Minutes after midnight of "HH:MM", or -1. */
static int
parse_time (const char *time)
{
  if (time == NULL || strlen (time) != 5 || time[2] != ':' ||
      !g_ascii_isdigit (time[0]) || !g_ascii_isdigit (time[1]) ||
      !g_ascii_isdigit (time[3]) || !g_ascii_isdigit (time[4]))
    return -1;
  if ((time[0] - '0') * 10 + time[1] - '0' > 23 || time[3] > '5')
    return -1;
  return ((time[0] - '0') * 10 + time[1] - '0') * 60 +
         (time[3] - '0') * 10 + time[4] - '0';
}

/**
 * mreza_meeting_check:
 * @meeting: a meeting
 * @field: one of its own fields
 *
 * Returns: (transfer full) (nullable): what is wrong with @field, as a
 *   translated sentence, or %NULL when it is fine
 */
char *
mreza_meeting_check (const MrezaMeeting *meeting,
                     MrezaMeetingField   field)
{
  g_return_val_if_fail (meeting != NULL, NULL);

  switch (field)
    {
    case MREZA_MEETING_FIELD_TITLE:
      if (_mreza_form_text_is_blank (meeting->title))
        return g_strdup (_("Give the meeting a title"));
      return NULL;
    case MREZA_MEETING_FIELD_DATE:
      return check_date (meeting->date, TRUE);
    case MREZA_MEETING_FIELD_ORGANISER:
      if (meeting->organiser_id == NULL || *meeting->organiser_id == '\0')
        return g_strdup (_("Choose the institution that organises it"));
      return NULL;
    case MREZA_MEETING_N_FIELDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The end, in minutes, of the last timed item before @index, or -1. */
static int
previous_end (const MrezaMeeting *meeting,
              guint               index)
{
  for (guint i = index; i-- > 0;)
    {
      const MrezaMeetingItem *item = meeting->items->pdata[i];
      int start = parse_time (item->start_time);

      if (start >= 0)
        return start + (int) CLAMP (item->duration_min, 0,
                                    MREZA_MEETING_MAX_MINUTES);
    }
  return -1;
}

/**
 * mreza_meeting_check_item:
 * @meeting: a meeting
 * @index: an agenda item's index
 *
 * Checks an item on its own and against the one before it: an item
 * may not start before the previous timed item has ended.
 *
 * Returns: (transfer full) (nullable): what is wrong, or %NULL
 */
char *
mreza_meeting_check_item (const MrezaMeeting *meeting,
                          guint               index)
{
  const MrezaMeetingItem *item;
  int start, end;

  g_return_val_if_fail (meeting != NULL, NULL);
  g_return_val_if_fail (index < meeting->items->len, NULL);

  item = meeting->items->pdata[index];
  if (_mreza_form_text_is_blank (item->title))
    return g_strdup (_("Give the agenda item a title"));
  if (item->goal_id != NULL && item->activity_id != NULL)
    return g_strdup (_("Link the item to a goal or an activity, not both"));
  if (item->duration_min < 0 || item->duration_min > MREZA_MEETING_MAX_MINUTES)
    /* Translators: %d is a number of minutes, 720 */
    return g_strdup_printf (_("An item takes between 1 and %d minutes"),
                            MREZA_MEETING_MAX_MINUTES);
  if (item->start_time == NULL)
    return item->duration_min > 0
      ? g_strdup (_("Give the start time too, or no duration")) : NULL;

  start = parse_time (item->start_time);
  if (start < 0)
    return g_strdup (_("Write the time as hours:minutes, for example 09:30"));
  end = previous_end (meeting, index);
  if (end > start)
    /* Translators: %02d:%02d is the time the previous item ends */
    return g_strdup_printf (_("Starts before the item above ends (%02d:%02d)"),
                            end / 60 % 24, end % 60);
  if (start + item->duration_min > 24 * 60)
    return g_strdup (_("Ends after midnight; check the time and duration"));
  return NULL;
}

/**
 * mreza_meeting_check_follow_up:
 * @meeting: a meeting
 * @index: a follow-up task's index
 *
 * Returns: (transfer full) (nullable): what is wrong, or %NULL
 */
char *
mreza_meeting_check_follow_up (const MrezaMeeting *meeting,
                               guint               index)
{
  const MrezaMeetingFollowUp *follow_up;

  g_return_val_if_fail (meeting != NULL, NULL);
  g_return_val_if_fail (index < meeting->follow_ups->len, NULL);

  follow_up = meeting->follow_ups->pdata[index];
  if (_mreza_form_text_is_blank (follow_up->title))
    return g_strdup (_("Say what is to be done"));
  return check_date (follow_up->deadline, FALSE);
}

static gboolean
set_problem (GError **error,
             char    *problem)
{
  g_autofree char *owned = problem;

  if (owned == NULL)
    return TRUE;
  g_set_error_literal (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_VALUE,
                       owned);
  return FALSE;
}

/**
 * mreza_meeting_validate:
 *
 * Returns: %TRUE when every field, item and follow-up is fine;
 *   otherwise sets @error to the first problem
 *   (%MREZA_INPUT_ERROR_VALUE)
 */
gboolean
mreza_meeting_validate (const MrezaMeeting  *meeting,
                        GError             **error)
{
  g_return_val_if_fail (meeting != NULL, FALSE);

  for (guint f = 0; f < MREZA_MEETING_N_FIELDS; f++)
    if (!set_problem (error, mreza_meeting_check (meeting, f)))
      return FALSE;
  for (guint i = 0; i < meeting->items->len; i++)
    if (!set_problem (error, mreza_meeting_check_item (meeting, i)))
      return FALSE;
  for (guint i = 0; i < meeting->follow_ups->len; i++)
    if (!set_problem (error, mreza_meeting_check_follow_up (meeting, i)))
      return FALSE;
  for (guint i = 0; i < meeting->invitees->len; i++)
    {
      const MrezaMeetingInvitee *invitee = meeting->invitees->pdata[i];

      if ((invitee->team_id == NULL) == (invitee->institution_id == NULL))
        return set_problem (error, g_strdup (_("Invite a team or an "
                                                "institution")));
    }

  return TRUE;
}

/* Loading --------------------------------------------------------------- */

static gboolean
step_done (sqlite3     *db,
           int          rc,
           GError     **error)
{
  if (rc == SQLITE_DONE)
    return TRUE;
  _mreza_sql_set_error (db, rc, error, "Reading the meeting failed");
  return FALSE;
}

static gboolean
load_items (sqlite3       *db,
            MrezaMeeting  *meeting,
            GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = _mreza_sql_prepare_with_id (db,
    "SELECT id, title, presenter_institution_id, goal_id, activity_id,"
    " start_time, duration_min FROM meeting_agenda_item"
    " WHERE meeting_id = ?1 ORDER BY position, start_time, title, id",
    meeting->id, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MrezaMeetingItem *item = mreza_meeting_add_item (meeting);

      item->id = _mreza_sql_dup_text (stmt, 0);
      item->title = _mreza_sql_dup_text (stmt, 1);
      item->presenter_id = _mreza_sql_dup_text (stmt, 2);
      item->goal_id = _mreza_sql_dup_text (stmt, 3);
      item->activity_id = _mreza_sql_dup_text (stmt, 4);
      item->start_time = _mreza_sql_dup_text (stmt, 5);
      item->duration_min = sqlite3_column_int64 (stmt, 6);
    }
  return step_done (db, rc, error);
}

static gboolean
load_invitees (sqlite3       *db,
               MrezaMeeting  *meeting,
               GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = _mreza_sql_prepare_with_id (db,
    "SELECT id, team_id, institution_id, attended FROM meeting_invitee"
    " WHERE meeting_id = ?1 ORDER BY team_id IS NULL, rowid",
    meeting->id, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MrezaMeetingInvitee *invitee = g_new0 (MrezaMeetingInvitee, 1);

      invitee->id = _mreza_sql_dup_text (stmt, 0);
      invitee->team_id = _mreza_sql_dup_text (stmt, 1);
      invitee->institution_id = _mreza_sql_dup_text (stmt, 2);
      invitee->attended = sqlite3_column_int (stmt, 3) != 0;
      g_ptr_array_add (meeting->invitees, invitee);
    }
  return step_done (db, rc, error);
}

static gboolean
load_follow_ups (sqlite3       *db,
                 MrezaMeeting  *meeting,
                 GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = _mreza_sql_prepare_with_id (db,
    "SELECT id, title, responsible_institution_id, deadline, task_id"
    " FROM meeting_follow_up WHERE meeting_id = ?1 ORDER BY rowid",
    meeting->id, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MrezaMeetingFollowUp *follow_up = mreza_meeting_add_follow_up (meeting);

      follow_up->id = _mreza_sql_dup_text (stmt, 0);
      follow_up->title = _mreza_sql_dup_text (stmt, 1);
      follow_up->responsible_id = _mreza_sql_dup_text (stmt, 2);
      follow_up->deadline = _mreza_sql_dup_text (stmt, 3);
      follow_up->task_id = _mreza_sql_dup_text (stmt, 4);
    }
  return step_done (db, rc, error);
}

/**
 * mreza_meeting_load:
 * @db: a connection to the replica
 * @id: the meeting's UUID
 *
 * Returns: (transfer full) (nullable): the meeting with its agenda,
 *   invitees and follow-ups, or %NULL with %MREZA_STORE_ERROR_NOT_FOUND
 */
MrezaMeeting *
mreza_meeting_load (sqlite3     *db,
                    const char  *id,
                    GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(MrezaMeeting) meeting = NULL;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = _mreza_sql_prepare_with_id (db, "SELECT id, title, date, place,"
                          " organiser_institution_id, team_id, conclusions"
                          " FROM meeting WHERE id = ?1", id, error);
  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, MREZA_STORE_ERROR,
                           MREZA_STORE_ERROR_NOT_FOUND,
                           _("This meeting is no longer in the replica; it "
                             "may have been deleted on another device."));
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _mreza_sql_set_error (db, rc, error, "Reading the meeting failed");
      return NULL;
    }

  meeting = mreza_meeting_new ();
  meeting->id = _mreza_sql_dup_text (stmt, 0);
  meeting->title = _mreza_sql_dup_text (stmt, 1);
  meeting->date = _mreza_sql_dup_text (stmt, 2);
  meeting->place = _mreza_sql_dup_text (stmt, 3);
  meeting->organiser_id = _mreza_sql_dup_text (stmt, 4);
  meeting->team_id = _mreza_sql_dup_text (stmt, 5);
  meeting->conclusions = _mreza_sql_dup_text (stmt, 6);

  if (!load_items (db, meeting, error) ||
      !load_invitees (db, meeting, error) ||
      !load_follow_ups (db, meeting, error))
    return NULL;

  return g_steal_pointer (&meeting);
}

/* Saving ---------------------------------------------------------------- */

typedef struct
{
  MrezaStore   *store;
  sqlite3      *db;
  const char   *meeting_id;
  char         *now;
} Writer;

/* A reference to a row that is gone (an institution deleted on another
 * device meanwhile) is the one failure a person can act on. */
static gboolean
write_error (Writer  *w,
             int      rc,
             GError **error)
{
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    g_set_error_literal (error, MREZA_STORE_ERROR, MREZA_STORE_ERROR_FAILED,
                         _("The meeting names an institution, team or part "
                           "of the plan that is no longer in the replica. "
                           "Choose again and save."));
  else
    _mreza_sql_set_error (w->db, rc, error, "Saving the meeting failed");
  return FALSE;
}

/* Binds ?1 id, ?2 now, ?3 device, ?4 meeting; the caller binds from ?5. */
static sqlite3_stmt *
prepare_write (Writer      *w,
               const char  *sql,
               const char  *id,
               GError     **error)
{
  sqlite3_stmt *stmt = _mreza_sql_prepare (w->db, sql, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, w->now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, mreza_store_get_device_id (w->store), -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, w->meeting_id, -1, SQLITE_TRANSIENT);
  return stmt;
}

static gboolean
run_write (Writer        *w,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  return rc == SQLITE_DONE || write_error (w, rc, error);
}

static gboolean
write_meeting (Writer              *w,
               const MrezaMeeting  *m,
               GError             **error)
{
  g_autofree char *title = g_strstrip (g_strdup (m->title));
  g_autoptr(sqlite3_stmt) stmt = prepare_write (w,
    "INSERT INTO meeting (id, created_at, modified_at, modified_by, title,"
    " date, place, organiser_institution_id, team_id, conclusions)"
    " VALUES (?4, ?2, ?2, ?3, ?5, ?6, ?7, ?8, ?9, ?10)"
    " ON CONFLICT (id) DO UPDATE SET modified_at = excluded.modified_at,"
    " modified_by = excluded.modified_by, title = excluded.title,"
    " date = excluded.date, place = excluded.place,"
    " organiser_institution_id = excluded.organiser_institution_id,"
    " team_id = excluded.team_id, conclusions = excluded.conclusions"
    " WHERE title IS NOT excluded.title OR date IS NOT excluded.date"
    " OR place IS NOT excluded.place"
    " OR organiser_institution_id IS NOT excluded.organiser_institution_id"
    " OR team_id IS NOT excluded.team_id"
    " OR conclusions IS NOT excluded.conclusions",
    NULL, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 5, title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, m->date, -1, SQLITE_TRANSIENT);
  _mreza_sql_bind_text_or_null (stmt, 7, m->place);
  sqlite3_bind_text (stmt, 8, m->organiser_id, -1, SQLITE_TRANSIENT);
  _mreza_sql_bind_text_or_null (stmt, 9, m->team_id);
  _mreza_sql_bind_text_or_null (stmt, 10, m->conclusions);
  return run_write (w, stmt, error);
}

static gboolean
write_item (Writer                  *w,
            const MrezaMeetingItem  *item,
            gint64                   position,
            GError                 **error)
{
  g_autofree char *title = g_strstrip (g_strdup (item->title));
  g_autoptr(sqlite3_stmt) stmt = prepare_write (w,
    "INSERT INTO meeting_agenda_item (id, created_at, modified_at,"
    " modified_by, meeting_id, position, title, presenter_institution_id,"
    " goal_id, activity_id, start_time, duration_min)"
    " VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
    " ON CONFLICT (id) DO UPDATE SET modified_at = excluded.modified_at,"
    " modified_by = excluded.modified_by, position = excluded.position,"
    " title = excluded.title,"
    " presenter_institution_id = excluded.presenter_institution_id,"
    " goal_id = excluded.goal_id, activity_id = excluded.activity_id,"
    " start_time = excluded.start_time,"
    " duration_min = excluded.duration_min"
    " WHERE position IS NOT excluded.position"
    " OR title IS NOT excluded.title"
    " OR presenter_institution_id IS NOT excluded.presenter_institution_id"
    " OR goal_id IS NOT excluded.goal_id"
    " OR activity_id IS NOT excluded.activity_id"
    " OR start_time IS NOT excluded.start_time"
    " OR duration_min IS NOT excluded.duration_min",
    item->id, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 5, position);
  sqlite3_bind_text (stmt, 6, title, -1, SQLITE_TRANSIENT);
  _mreza_sql_bind_text_or_null (stmt, 7, item->presenter_id);
  _mreza_sql_bind_text_or_null (stmt, 8, item->goal_id);
  _mreza_sql_bind_text_or_null (stmt, 9, item->activity_id);
  _mreza_sql_bind_text_or_null (stmt, 10, item->start_time);
  if (item->duration_min > 0)
    sqlite3_bind_int64 (stmt, 11, item->duration_min);
  return run_write (w, stmt, error);
}

static gboolean
write_invitee (Writer                     *w,
               const MrezaMeetingInvitee  *invitee,
               GError                    **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare_write (w,
    "INSERT INTO meeting_invitee (id, created_at, modified_at, modified_by,"
    " meeting_id, team_id, institution_id, attended)"
    " VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7)"
    " ON CONFLICT (id) DO UPDATE SET modified_at = excluded.modified_at,"
    " modified_by = excluded.modified_by, team_id = excluded.team_id,"
    " institution_id = excluded.institution_id,"
    " attended = excluded.attended"
    " WHERE team_id IS NOT excluded.team_id"
    " OR institution_id IS NOT excluded.institution_id"
    " OR attended IS NOT excluded.attended",
    invitee->id, error);

  if (stmt == NULL)
    return FALSE;
  _mreza_sql_bind_text_or_null (stmt, 5, invitee->team_id);
  _mreza_sql_bind_text_or_null (stmt, 6, invitee->institution_id);
  sqlite3_bind_int (stmt, 7, invitee->attended ? 1 : 0);
  return run_write (w, stmt, error);
}

static gboolean
write_follow_up (Writer                      *w,
                 const MrezaMeetingFollowUp  *follow_up,
                 GError                     **error)
{
  g_autofree char *title = g_strstrip (g_strdup (follow_up->title));
  g_autoptr(sqlite3_stmt) stmt = prepare_write (w,
    "INSERT INTO meeting_follow_up (id, created_at, modified_at,"
    " modified_by, meeting_id, title, responsible_institution_id,"
    " deadline, task_id) VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
    " ON CONFLICT (id) DO UPDATE SET modified_at = excluded.modified_at,"
    " modified_by = excluded.modified_by, title = excluded.title,"
    " responsible_institution_id = excluded.responsible_institution_id,"
    " deadline = excluded.deadline, task_id = excluded.task_id"
    " WHERE title IS NOT excluded.title"
    " OR responsible_institution_id IS NOT"
    "  excluded.responsible_institution_id"
    " OR deadline IS NOT excluded.deadline"
    " OR task_id IS NOT excluded.task_id",
    follow_up->id, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 5, title, -1, SQLITE_TRANSIENT);
  _mreza_sql_bind_text_or_null (stmt, 6, follow_up->responsible_id);
  _mreza_sql_bind_text_or_null (stmt, 7, follow_up->deadline);
  _mreza_sql_bind_text_or_null (stmt, 8, follow_up->task_id);
  return run_write (w, stmt, error);
}

/* Deletes @table's rows of the meeting that are not in @keep, each by
 * its id so that each gets its own captured tombstone. */
static gboolean
delete_others (Writer      *w,
               const char  *table,
               GHashTable  *keep,
               GError     **error)
{
  g_autofree char *select = g_strdup_printf ("SELECT id FROM %s"
                                             " WHERE meeting_id = ?1", table);
  g_autofree char *delete = g_strdup_printf ("DELETE FROM %s WHERE id = ?1",
                                             table);
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = _mreza_sql_prepare_with_id (w->db, select,
                                                  w->meeting_id, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (keep == NULL || !g_hash_table_contains (keep, _mreza_sql_text (stmt, 0)))
      g_ptr_array_add (gone, _mreza_sql_dup_text (stmt, 0));
  if (!step_done (w->db, rc, error))
    return FALSE;

  for (guint i = 0; i < gone->len; i++)
    {
      g_autoptr(sqlite3_stmt) del = _mreza_sql_prepare_with_id (w->db, delete,
                                                     gone->pdata[i], error);

      if (del == NULL || !run_write (w, del, error))
        return FALSE;
    }
  return TRUE;
}

/* Gives every child without an id a new one, and collects the ids. */
static GHashTable *
assign_ids (GPtrArray *children,
            gsize      id_offset)
{
  GHashTable *ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < children->len; i++)
    {
      char **id = (char **) ((guint8 *) children->pdata[i] + id_offset);

      if (*id == NULL)
        *id = mreza_uuid_new_random ();
      g_hash_table_add (ids, *id);
    }
  return ids;
}

static gboolean
write_all (Writer              *w,
           const MrezaMeeting  *m,
           GError             **error)
{
  g_autoptr(GHashTable) items = NULL;
  g_autoptr(GHashTable) invitees = NULL;
  g_autoptr(GHashTable) follow_ups = NULL;

  items = assign_ids (m->items, G_STRUCT_OFFSET (MrezaMeetingItem, id));
  invitees = assign_ids (m->invitees,
                         G_STRUCT_OFFSET (MrezaMeetingInvitee, id));
  follow_ups = assign_ids (m->follow_ups,
                           G_STRUCT_OFFSET (MrezaMeetingFollowUp, id));

  if (!write_meeting (w, m, error) ||
      !delete_others (w, "meeting_agenda_item", items, error) ||
      !delete_others (w, "meeting_invitee", invitees, error) ||
      !delete_others (w, "meeting_follow_up", follow_ups, error))
    return FALSE;

  for (guint i = 0; i < m->items->len; i++)
    if (!write_item (w, m->items->pdata[i], i + 1, error))
      return FALSE;
  for (guint i = 0; i < m->invitees->len; i++)
    if (!write_invitee (w, m->invitees->pdata[i], error))
      return FALSE;
  for (guint i = 0; i < m->follow_ups->len; i++)
    if (!write_follow_up (w, m->follow_ups->pdata[i], error))
      return FALSE;
  return TRUE;
}

static void
forget_new_ids (MrezaMeeting     *meeting,
                const MrezaMeeting *before)
{
  /* A save that failed leaves the meeting as it was given: children
   * that had no id have none again. */
  for (guint i = 0; i < meeting->items->len; i++)
    if (((MrezaMeetingItem *) before->items->pdata[i])->id == NULL)
      g_clear_pointer (&((MrezaMeetingItem *) meeting->items->pdata[i])->id,
                       g_free);
  for (guint i = 0; i < meeting->invitees->len; i++)
    if (((MrezaMeetingInvitee *) before->invitees->pdata[i])->id == NULL)
      g_clear_pointer (&((MrezaMeetingInvitee *) meeting->invitees->pdata[i])->id,
                       g_free);
  for (guint i = 0; i < meeting->follow_ups->len; i++)
    if (((MrezaMeetingFollowUp *) before->follow_ups->pdata[i])->id == NULL)
      g_clear_pointer (&((MrezaMeetingFollowUp *) meeting->follow_ups->pdata[i])->id,
                       g_free);
  if (before->id == NULL)
    g_clear_pointer (&meeting->id, g_free);
}

typedef struct
{
  Writer             *w;
  const MrezaMeeting *meeting;
} SaveWork;

static gboolean
save_work (sqlite3   *db,
           gpointer   data,
           GError   **error)
{
  SaveWork *work = data;

  return write_all (work->w, work->meeting, error);
}

static gboolean
delete_meeting_row (sqlite3     *db,
                    const char  *id,
                    GError     **error)
{
  Writer w = { NULL, db, id, NULL };
  g_autoptr(sqlite3_stmt) stmt = NULL;

  return delete_others (&w, "meeting_agenda_item", NULL, error) &&
         delete_others (&w, "meeting_invitee", NULL, error) &&
         delete_others (&w, "meeting_follow_up", NULL, error) &&
         (stmt = _mreza_sql_prepare_with_id (db, "DELETE FROM meeting"
                                             " WHERE id = ?1", id,
                                             error)) != NULL &&
         run_write (&w, stmt, error);
}

/**
 * mreza_meeting_save:
 * @store: the replica
 * @meeting: the meeting; a new one (no id) and its new children are
 *   given ids
 * @error: return location for a #GError
 *
 * Validates @meeting, then writes it, its agenda (positions 1, 2, 3…
 * in the order of @meeting->items), invitees and follow-ups in one
 * transaction: either all of it is saved or nothing is. Children no
 * longer in @meeting are deleted.
 *
 * Returns: %TRUE on success
 */
gboolean
mreza_meeting_save (MrezaStore    *store,
                    MrezaMeeting  *meeting,
                    GError       **error)
{
  g_autoptr(MrezaMeeting) before = NULL;
  Writer w = { 0 };
  gboolean ok;

  g_return_val_if_fail (MREZA_IS_STORE (store), FALSE);
  g_return_val_if_fail (meeting != NULL, FALSE);

  if (!mreza_meeting_validate (meeting, error))
    return FALSE;

  before = mreza_meeting_copy (meeting);
  if (meeting->id == NULL)
    meeting->id = mreza_uuid_new_random ();

  w.store = store;
  w.db = mreza_store_get_db (store);
  w.meeting_id = meeting->id;
  w.now = mreza_now_iso8601 ();

  ok = _mreza_sql_transaction (w.db, save_work,
                               &(SaveWork) { &w, meeting }, error);
  if (!ok)
    forget_new_ids (meeting, before);

  g_free (w.now);
  return ok;
}

/**
 * mreza_meeting_delete:
 * @store: the replica
 * @id: the meeting's UUID
 * @error: return location for a #GError
 *
 * Deletes the meeting and its children in one transaction, the
 * children first and by name rather than by ON DELETE CASCADE, so that
 * each gets its own captured tombstone.
 *
 * Returns: (transfer full) (nullable): what was deleted, for
 *   mreza_meeting_restore(), or %NULL on error
 */
MrezaMeeting *
mreza_meeting_delete (MrezaStore  *store,
                      const char  *id,
                      GError     **error)
{
  g_return_val_if_fail (MREZA_IS_STORE (store), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return _mreza_sql_delete_with_snapshot (mreza_store_get_db (store), id,
                                          (MrezaSqlLoad) mreza_meeting_load,
                                          delete_meeting_row,
                                          (GDestroyNotify) mreza_meeting_free,
                                          error);
}

/**
 * mreza_meeting_restore:
 * @store: the replica
 * @snapshot: what mreza_meeting_delete() returned
 * @error: return location for a #GError
 *
 * Brings a deleted meeting back as new rows: the old ids may already
 * carry tombstones at the coordinator, and a tombstone wins over every
 * later write of the same row (DESIGN.md, "Changes").
 *
 * Returns: (transfer full) (nullable): the restored meeting's id
 */
char *
mreza_meeting_restore (MrezaStore          *store,
                       const MrezaMeeting  *snapshot,
                       GError             **error)
{
  g_autoptr(MrezaMeeting) meeting = NULL;

  g_return_val_if_fail (MREZA_IS_STORE (store), NULL);
  g_return_val_if_fail (snapshot != NULL, NULL);

  meeting = mreza_meeting_copy (snapshot);
  g_clear_pointer (&meeting->id, g_free);
  for (guint i = 0; i < meeting->items->len; i++)
    g_clear_pointer (&((MrezaMeetingItem *) meeting->items->pdata[i])->id,
                     g_free);
  for (guint i = 0; i < meeting->invitees->len; i++)
    g_clear_pointer (&((MrezaMeetingInvitee *) meeting->invitees->pdata[i])->id,
                     g_free);
  for (guint i = 0; i < meeting->follow_ups->len; i++)
    g_clear_pointer (&((MrezaMeetingFollowUp *) meeting->follow_ups->pdata[i])->id,
                     g_free);
  if (!mreza_meeting_save (store, meeting, error))
    return NULL;

  return g_steal_pointer (&meeting->id);
}

/* Lists ----------------------------------------------------------------- */

void
mreza_meeting_summary_free (MrezaMeetingSummary *summary)
{
  if (summary == NULL)
    return;

  g_free (summary->id);
  g_free (summary->title);
  g_free (summary->date);
  g_free (summary->place);
  g_free (summary->organiser);
  g_free (summary);
}

/**
 * mreza_meeting_list:
 * @db: a connection to the replica
 *
 * The network holds a few meetings a year: one query reads them all.
 *
 * Returns: (transfer full) (element-type MrezaMeetingSummary): the
 *   meetings, newest first
 */
GPtrArray *
mreza_meeting_list (sqlite3  *db,
                    GError  **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);

  stmt = _mreza_sql_prepare (db, "SELECT m.id, m.title, m.date, m.place,"
                             " o.name, (SELECT count (*) FROM"
                             " meeting_agenda_item a WHERE a.meeting_id ="
                             " m.id) FROM meeting m LEFT JOIN institution o"
                             " ON o.id = m.organiser_institution_id"
                             " ORDER BY m.date DESC, m.title, m.id", error);
  if (stmt == NULL)
    return NULL;

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) mreza_meeting_summary_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MrezaMeetingSummary *summary = g_new0 (MrezaMeetingSummary, 1);

      summary->id = _mreza_sql_dup_text (stmt, 0);
      summary->title = _mreza_sql_dup_text (stmt, 1);
      summary->date = _mreza_sql_dup_text (stmt, 2);
      summary->place = _mreza_sql_dup_text (stmt, 3);
      summary->organiser = _mreza_sql_dup_text (stmt, 4);
      summary->n_items = (guint) sqlite3_column_int (stmt, 5);
      g_ptr_array_add (list, summary);
    }
  if (!step_done (db, rc, error))
    return NULL;

  return g_steal_pointer (&list);
}

/**
 * mreza_meeting_list_institutions:
 *
 * Returns: (transfer full) (element-type MrezaChoice): every
 *   institution of the directory, in Serbian alphabetical order,
 *   labelled with its name
 */
GPtrArray *
mreza_meeting_list_institutions (sqlite3  *db,
                                 GError  **error)
{
  g_return_val_if_fail (db != NULL, NULL);

  return _mreza_sql_list_choices (db, "SELECT id, name FROM institution"
                                  " ORDER BY name COLLATE " MREZA_COLLATION
                                  ", id", NULL, "Reading the meeting failed",
                                  error);
}

/**
 * mreza_meeting_list_tasks:
 *
 * Returns: (transfer full) (element-type MrezaChoice): the plan's
 *   tasks in the plan's order, labelled "1.1.3 Title"
 */
GPtrArray *
mreza_meeting_list_tasks (sqlite3  *db,
                          GError  **error)
{
  g_return_val_if_fail (db != NULL, NULL);

  return _mreza_sql_list_choices (db, "SELECT t.id, g.number || '.'"
                                  " || a.number || '.' || t.number || ' '"
                                  " || t.title FROM task t"
                                  " JOIN activity a ON a.id = t.activity_id"
                                  " JOIN goal g ON g.id = a.goal_id"
                                  " ORDER BY g.number, a.number, t.number",
                                  NULL, "Reading the meeting failed", error);
}

void
mreza_meeting_link_free (MrezaMeetingLink *link)
{
  if (link == NULL)
    return;

  g_free (link->goal_id);
  g_free (link->activity_id);
  g_free (link->label);
  g_free (link);
}

/**
 * mreza_meeting_list_links:
 *
 * Returns: (transfer full) (element-type MrezaMeetingLink): the goals,
 *   each followed by its activities, labelled "1 Title" and "1.2 Title"
 */
GPtrArray *
mreza_meeting_list_links (sqlite3  *db,
                          GError  **error)
{
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);

  stmt = _mreza_sql_prepare (db,
    "SELECT g.id, NULL, g.number || ' ' || g.title, g.number, 0 FROM goal g"
    " UNION ALL SELECT a.goal_id, a.id, g.number || '.' || a.number || ' '"
    " || a.title, g.number, a.number FROM activity a JOIN goal g"
    " ON g.id = a.goal_id ORDER BY 4, 5", error);
  if (stmt == NULL)
    return NULL;

  links = g_ptr_array_new_with_free_func ((GDestroyNotify) mreza_meeting_link_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MrezaMeetingLink *link = g_new0 (MrezaMeetingLink, 1);

      link->activity_id = _mreza_sql_dup_text (stmt, 1);
      link->goal_id = link->activity_id == NULL ? _mreza_sql_dup_text (stmt, 0) : NULL;
      link->label = _mreza_sql_dup_text (stmt, 2);
      g_ptr_array_add (links, link);
    }
  if (!step_done (db, rc, error))
    return NULL;

  return g_steal_pointer (&links);
}

/* Every row a meeting names, by id; row ids are random UUIDs, unique
 * across tables, so one lookup by primary key finds any of them. */
static const char label_sql[] =
  "SELECT name FROM institution WHERE id = ?1"
  " UNION ALL SELECT name FROM team WHERE id = ?1"
  " UNION ALL SELECT number || ' ' || title FROM goal WHERE id = ?1"
  " UNION ALL SELECT g.number || '.' || a.number || ' ' || a.title"
  "  FROM activity a JOIN goal g ON g.id = a.goal_id WHERE a.id = ?1"
  " UNION ALL SELECT g.number || '.' || a.number || '.' || t.number || ' '"
  "  || t.title FROM task t JOIN activity a ON a.id = t.activity_id"
  "  JOIN goal g ON g.id = a.goal_id WHERE t.id = ?1"
  " LIMIT 1";

static gboolean
add_label (sqlite3       *db,
           sqlite3_stmt  *stmt,
           GHashTable    *labels,
           const char    *id,
           GError       **error)
{
  int rc;

  if (id == NULL || g_hash_table_contains (labels, id))
    return TRUE;

  sqlite3_reset (stmt);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    g_hash_table_insert (labels, g_strdup (id), _mreza_sql_dup_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    {
      _mreza_sql_set_error (db, rc, error, "Reading a meeting's names failed");
      return FALSE;
    }
  return TRUE;
}

/**
 * mreza_meeting_dup_labels:
 * @db: a connection to the replica
 * @meeting: a meeting
 *
 * The names of what @meeting refers to, for a view that shows it: its
 * organiser, team, presenters, invitees and responsible institutions by
 * name, goals as "1 Title", activities as "1.2 Title" and tasks as
 * "1.2.3 Title". A point query each, however large the directory.
 *
 * Returns: (transfer full) (element-type utf8 utf8): id → label; an id
 *   no longer in the replica has no entry
 */
GHashTable *
mreza_meeting_dup_labels (sqlite3             *db,
                          const MrezaMeeting  *meeting,
                          GError             **error)
{
  g_autoptr(GHashTable) labels = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (meeting != NULL, NULL);

  if ((stmt = _mreza_sql_prepare (db, label_sql, error)) == NULL)
    return NULL;
  labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  ok = add_label (db, stmt, labels, meeting->organiser_id, error) &&
       add_label (db, stmt, labels, meeting->team_id, error);
  for (guint i = 0; ok && i < meeting->items->len; i++)
    {
      const MrezaMeetingItem *item = meeting->items->pdata[i];

      ok = add_label (db, stmt, labels, item->presenter_id, error) &&
           add_label (db, stmt, labels, item->goal_id, error) &&
           add_label (db, stmt, labels, item->activity_id, error);
    }
  for (guint i = 0; ok && i < meeting->invitees->len; i++)
    {
      const MrezaMeetingInvitee *invitee = meeting->invitees->pdata[i];

      ok = add_label (db, stmt, labels, invitee->team_id, error) &&
           add_label (db, stmt, labels, invitee->institution_id, error);
    }
  for (guint i = 0; ok && i < meeting->follow_ups->len; i++)
    {
      const MrezaMeetingFollowUp *f = meeting->follow_ups->pdata[i];

      ok = add_label (db, stmt, labels, f->responsible_id, error) &&
           add_label (db, stmt, labels, f->task_id, error);
    }

  return ok ? g_steal_pointer (&labels) : NULL;
}
