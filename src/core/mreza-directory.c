/* mreza-directory.c: a team's directory, read and edited
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The directory is the network's institutions (global rows), which of
 * them are members of each team (team_member), each team's contact
 * persons and its one secretary (contact), and the projects with their
 * partners. Every write here is one transaction on the store's
 * connection (_mreza_sql_transaction), so the UI thread may call these:
 * they touch a handful of rows. The sync triggers capture each
 * statement, so an ordinary INSERT, UPDATE or DELETE is the synced edit.
 *
 * Each record is checked field by field (the _check functions return a
 * translated sentence a form shows beside the field) and validated as a
 * whole before anything is written: a record that is wrong writes
 * nothing.
 */
#define G_LOG_DOMAIN "mreza-directory"

#include "config.h"

#include "mreza-directory.h"

#include "mreza-json.h"
#include "mreza-store-private.h"
#include "mreza-util.h"

#include <glib/gi18n-lib.h>
#include <string.h>

typedef MrezaSqlVal Val;

#define T(s) MREZA_SQL_TEXT (s)
#define I(n) MREZA_SQL_INT (n)

/* Runs one write; a constraint failure is told with @constraint, a
 * sentence for the person, anything else with SQLite's message. */
static gboolean
write_sql (sqlite3     *db,
           const char  *sql,
           const Val   *vals,
           guint        n_vals,
           const char  *constraint,
           GError     **error)
{
  return _mreza_sql_write (db, sql, vals, n_vals, constraint,
                           "Writing the directory failed", error);
}

static char *
strip_dup (const char *text)
{
  char *copy;

  if (_mreza_form_text_is_blank (text))
    return NULL;
  copy = g_strdup (text);
  return g_strstrip (copy);
}

static gboolean
set_validate_error (char    *problem,
                    GError **error)
{
  if (problem == NULL)
    return TRUE;
  g_set_error_literal (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_VALUE,
                       problem);
  g_free (problem);
  return FALSE;
}

static void
set_not_found (GError     **error,
               const char  *message)
{
  g_set_error_literal (error, MREZA_STORE_ERROR, MREZA_STORE_ERROR_NOT_FOUND,
                       message);
}

/* Steps @stmt to its one row, or says @missing. */
static gboolean
step_one (sqlite3       *db,
          sqlite3_stmt  *stmt,
          const char    *missing,
          GError       **error)
{
  return _mreza_sql_step_one (db, stmt, missing,
                              "Reading the directory failed", error);
}

/* Institutions ---------------------------------------------------------- */

static const char * const sectors[] = {
  "national_coordination", "police", "prosecution", "justice",
  "social_protection", "health", "education", "employment",
  "local_government", "youth_office", "red_cross", "civil_society",
  "government_office", "foreign_affairs", "finance", "media",
  "international", "research", "other", NULL,
};

/**
 * mreza_institution_sectors:
 *
 * Returns: (transfer none): the sector codes, in the order a form
 *   offers them
 */
const char * const *
mreza_institution_sectors (void)
{
  return sectors;
}

MrezaInstitution *
mreza_institution_new (void)
{
  return g_new0 (MrezaInstitution, 1);
}

MrezaInstitution *
mreza_institution_copy (const MrezaInstitution *institution)
{
  MrezaInstitution *copy;

  g_return_val_if_fail (institution != NULL, NULL);

  copy = mreza_institution_new ();
  copy->id = g_strdup (institution->id);
  copy->name = g_strdup (institution->name);
  copy->short_name = g_strdup (institution->short_name);
  copy->sector = g_strdup (institution->sector);
  copy->town = g_strdup (institution->town);
  return copy;
}

void
mreza_institution_free (MrezaInstitution *institution)
{
  if (institution == NULL)
    return;

  g_free (institution->id);
  g_free (institution->name);
  g_free (institution->short_name);
  g_free (institution->sector);
  g_free (institution->town);
  g_free (institution);
}

/**
 * mreza_institution_equal:
 *
 * Returns: %TRUE when @a and @b have the same fields (their ids aside)
 */
gboolean
mreza_institution_equal (const MrezaInstitution *a,
                         const MrezaInstitution *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return _mreza_form_text_equal (a->name, b->name) &&
         _mreza_form_text_equal (a->short_name, b->short_name) &&
         _mreza_form_text_equal (a->sector, b->sector) &&
         _mreza_form_text_equal (a->town, b->town);
}

/**
 * mreza_institution_check:
 * @institution: an institution
 * @field: one of its fields
 *
 * Returns: (transfer full) (nullable): what is wrong with @field, as a
 *   translated sentence, or %NULL when it is fine
 */
char *
mreza_institution_check (const MrezaInstitution *institution,
                         MrezaInstitutionField   field)
{
  g_return_val_if_fail (institution != NULL, NULL);

  switch (field)
    {
    case MREZA_INSTITUTION_FIELD_NAME:
      if (_mreza_form_text_is_blank (institution->name))
        return g_strdup (_("Enter the institution’s full name"));
      return NULL;
    case MREZA_INSTITUTION_FIELD_SECTOR:
      if (institution->sector == NULL ||
          !g_strv_contains (sectors, institution->sector))
        return g_strdup (_("Choose the institution’s sector"));
      return NULL;
    case MREZA_INSTITUTION_N_FIELDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * mreza_institution_validate:
 *
 * Returns: %TRUE when every field is fine; otherwise sets @error to the
 *   first problem (%MREZA_INPUT_ERROR_VALUE)
 */
gboolean
mreza_institution_validate (const MrezaInstitution  *institution,
                            GError                 **error)
{
  g_return_val_if_fail (institution != NULL, FALSE);

  for (guint f = 0; f < MREZA_INSTITUTION_N_FIELDS; f++)
    if (!set_validate_error (mreza_institution_check (institution, f), error))
      return FALSE;
  return TRUE;
}

/**
 * mreza_institution_load:
 * @db: a connection to the replica
 * @id: the institution's UUID
 *
 * Returns: (transfer full) (nullable): the institution, or %NULL with
 *   %MREZA_STORE_ERROR_NOT_FOUND when there is none with @id
 */
MrezaInstitution *
mreza_institution_load (sqlite3     *db,
                        const char  *id,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  MrezaInstitution *institution;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = _mreza_sql_prepare (db, "SELECT id, name, short_name, sector, town"
                             " FROM institution WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (!step_one (db, stmt, _("This institution is no longer in the replica; "
                             "it may have been deleted on another device."),
                 error))
    return NULL;

  institution = mreza_institution_new ();
  institution->id = _mreza_sql_dup_text (stmt, 0);
  institution->name = _mreza_sql_dup_text (stmt, 1);
  institution->short_name = _mreza_sql_dup_text (stmt, 2);
  institution->sector = _mreza_sql_dup_text (stmt, 3);
  institution->town = _mreza_sql_dup_text (stmt, 4);
  return institution;
}

typedef struct
{
  MrezaStore             *store;
  const MrezaInstitution *institution;
  const char             *team_id;
} InstitutionWrite;

static gboolean
is_member (sqlite3    *db,
           const char *team_id,
           const char *institution_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM team_member WHERE team_id = ?1"
                          " AND institution_id = ?2", -1, &stmt,
                          NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_text (stmt, 1, team_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, institution_id, -1, SQLITE_TRANSIENT);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

static gboolean
insert_member (MrezaStore  *store,
               const char  *id,
               const char  *team_id,
               const char  *institution_id,
               GError     **error)
{
  sqlite3 *db = mreza_store_get_db (store);
  g_autofree char *now = mreza_now_iso8601 ();
  Val vals[] = { T (id), T (now), T (mreza_store_get_device_id (store)),
                 T (team_id), T (institution_id) };

  if (is_member (db, team_id, institution_id))
    {
      g_set_error_literal (error, MREZA_INPUT_ERROR,
                           MREZA_INPUT_ERROR_DUPLICATE,
                           _("This institution is already a member of the team."));
      return FALSE;
    }

  return write_sql (db, "INSERT INTO team_member (id, created_at,"
                    " modified_at, modified_by, team_id, institution_id)"
                    " VALUES (?1, ?2, ?2, ?3, ?4, ?5)", vals,
                    G_N_ELEMENTS (vals),
                    _("The team or the institution is no longer in the "
                      "replica; it may have been deleted on another device."),
                    error);
}

static gboolean
write_institution (sqlite3   *db,
                   gpointer   data,
                   GError   **error)
{
  InstitutionWrite *w = data;
  const MrezaInstitution *inst = w->institution;
  g_autofree char *now = mreza_now_iso8601 ();
  g_autofree char *name = strip_dup (inst->name);
  g_autofree char *short_name = strip_dup (inst->short_name);
  g_autofree char *town = strip_dup (inst->town);
  g_autofree char *member_id = NULL;
  Val vals[] = { T (inst->id), T (now),
                 T (mreza_store_get_device_id (w->store)), T (name),
                 T (short_name), T (inst->sector), T (town) };

  if (!write_sql (db, "INSERT INTO institution (id, created_at, modified_at,"
                  " modified_by, name, short_name, sector, town)"
                  " VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7)"
                  " ON CONFLICT (id) DO UPDATE SET"
                  " modified_at = excluded.modified_at,"
                  " modified_by = excluded.modified_by,"
                  " name = excluded.name, short_name = excluded.short_name,"
                  " sector = excluded.sector, town = excluded.town",
                  vals, G_N_ELEMENTS (vals), NULL, error))
    return FALSE;

  if (w->team_id == NULL || is_member (db, w->team_id, inst->id))
    return TRUE;
  member_id = mreza_uuid_new_random ();
  return insert_member (w->store, member_id, w->team_id, inst->id, error);
}

/**
 * mreza_institution_save:
 * @store: the replica
 * @institution: the institution; a new one (no id) is given one
 * @team_id: (nullable): a team the institution is to be a member of
 * @error: return location for a #GError
 *
 * Validates @institution, then writes it, and makes it a member of
 * @team_id if it is not yet, in one transaction.
 *
 * Returns: %TRUE on success
 */
gboolean
mreza_institution_save (MrezaStore        *store,
                        MrezaInstitution  *institution,
                        const char        *team_id,
                        GError           **error)
{
  InstitutionWrite w = { store, institution, team_id };
  gboolean is_new;

  g_return_val_if_fail (MREZA_IS_STORE (store), FALSE);
  g_return_val_if_fail (institution != NULL, FALSE);

  if (!mreza_institution_validate (institution, error))
    return FALSE;

  is_new = institution->id == NULL;
  if (is_new)
    institution->id = mreza_uuid_new_random ();
  if (!_mreza_sql_transaction (mreza_store_get_db (store), write_institution,
                               &w, error))
    {
      /* A new institution that was not saved stays new. */
      if (is_new)
        g_clear_pointer (&institution->id, g_free);
      return FALSE;
    }
  return TRUE;
}

static gboolean
delete_institution (sqlite3     *db,
                    const char  *id,
                    GError     **error)
{
  Val vals[] = { T (id) };

  return write_sql (db, "DELETE FROM institution WHERE id = ?1", vals, 1,
                    _("This institution is still named by a team, a task, "
                      "a project or a joint action. Remove it from those "
                      "first."),
                    error);
}

/**
 * mreza_institution_delete:
 * @store: the replica
 * @id: the institution's UUID
 * @error: return location for a #GError
 *
 * Deletes an institution that nothing names any more (no team, task,
 * project, budget line, joint action or meeting); one that is still
 * named is refused, with a message saying so, and nothing is written.
 *
 * Returns: (transfer full) (nullable): what was deleted, or %NULL
 */
MrezaInstitution *
mreza_institution_delete (MrezaStore  *store,
                          const char  *id,
                          GError     **error)
{
  g_return_val_if_fail (MREZA_IS_STORE (store), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return _mreza_sql_delete_with_snapshot (mreza_store_get_db (store), id,
                                          (MrezaSqlLoad) mreza_institution_load,
                                          delete_institution,
                                          (GDestroyNotify) mreza_institution_free,
                                          error);
}

/* Team membership ------------------------------------------------------- */

typedef struct
{
  MrezaStore *store;
  const char *team_id;
  const char *institution_id;
  char       *id;
} MemberWrite;

static gboolean
add_member (sqlite3   *db,
            gpointer   data,
            GError   **error)
{
  MemberWrite *w = data;

  w->id = mreza_uuid_new_random ();
  return insert_member (w->store, w->id, w->team_id, w->institution_id,
                        error);
}

/**
 * mreza_team_member_add:
 * @store: the replica
 * @team_id: a team
 * @institution_id: an institution that is not yet a member
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the new team_member row's id
 */
char *
mreza_team_member_add (MrezaStore  *store,
                       const char  *team_id,
                       const char  *institution_id,
                       GError     **error)
{
  MemberWrite w = { store, team_id, institution_id, NULL };

  g_return_val_if_fail (MREZA_IS_STORE (store), NULL);
  g_return_val_if_fail (team_id != NULL && institution_id != NULL, NULL);

  if (!_mreza_sql_transaction (mreza_store_get_db (store), add_member, &w,
                               error))
    {
      g_free (w.id);
      return NULL;
    }
  return w.id;
}

static gboolean
remove_member (sqlite3   *db,
               gpointer   data,
               GError   **error)
{
  MemberWrite *w = data;
  Val vals[] = { T (w->team_id), T (w->institution_id) };

  if (!write_sql (db, "DELETE FROM team_member WHERE team_id = ?1"
                  " AND institution_id = ?2", vals, G_N_ELEMENTS (vals),
                  NULL, error))
    return FALSE;
  if (sqlite3_changes (db) == 0)
    {
      set_not_found (error, _("This institution is no longer a member of the "
                              "team; it may have been removed on another "
                              "device."));
      return FALSE;
    }
  return TRUE;
}

/**
 * mreza_team_member_remove:
 * @store: the replica
 * @team_id: a team
 * @institution_id: one of its member institutions
 * @error: return location for a #GError
 *
 * Ends the institution's membership of the team. The institution stays
 * in the directory, and so do the team's contacts from it. Undo is
 * mreza_team_member_add(), which writes a new row: the delete's
 * tombstone may already have reached the coordinator.
 *
 * Returns: %TRUE on success
 */
gboolean
mreza_team_member_remove (MrezaStore  *store,
                          const char  *team_id,
                          const char  *institution_id,
                          GError     **error)
{
  MemberWrite w = { store, team_id, institution_id, NULL };

  g_return_val_if_fail (MREZA_IS_STORE (store), FALSE);
  g_return_val_if_fail (team_id != NULL && institution_id != NULL, FALSE);

  return _mreza_sql_transaction (mreza_store_get_db (store), remove_member,
                                 &w, error);
}

/* Contacts -------------------------------------------------------------- */

MrezaContact *
mreza_contact_new (void)
{
  return g_new0 (MrezaContact, 1);
}

MrezaContact *
mreza_contact_copy (const MrezaContact *contact)
{
  MrezaContact *copy;

  g_return_val_if_fail (contact != NULL, NULL);

  copy = mreza_contact_new ();
  copy->id = g_strdup (contact->id);
  copy->team_id = g_strdup (contact->team_id);
  copy->institution_id = g_strdup (contact->institution_id);
  copy->name = g_strdup (contact->name);
  copy->role = g_strdup (contact->role);
  copy->phone = g_strdup (contact->phone);
  copy->email = g_strdup (contact->email);
  copy->secretary = contact->secretary;
  return copy;
}

void
mreza_contact_free (MrezaContact *contact)
{
  if (contact == NULL)
    return;

  g_free (contact->id);
  g_free (contact->team_id);
  g_free (contact->institution_id);
  g_free (contact->name);
  g_free (contact->role);
  g_free (contact->phone);
  g_free (contact->email);
  g_free (contact);
}

/**
 * mreza_contact_equal:
 *
 * Returns: %TRUE when @a and @b have the same fields (their ids aside)
 */
gboolean
mreza_contact_equal (const MrezaContact *a,
                     const MrezaContact *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return _mreza_form_text_equal (a->team_id, b->team_id) &&
         _mreza_form_text_equal (a->institution_id, b->institution_id) &&
         _mreza_form_text_equal (a->name, b->name) &&
         _mreza_form_text_equal (a->role, b->role) &&
         _mreza_form_text_equal (a->phone, b->phone) &&
         _mreza_form_text_equal (a->email, b->email) &&
         !a->secretary == !b->secretary;
}

/* A phone number is digits with the usual separators and an optional
 * leading +; letters are a typing mistake. */
static char *
check_phone (const char *phone)
{
  guint digits = 0;

  if (_mreza_form_text_is_blank (phone))
    return NULL;
  for (const char *p = phone; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isdigit (c))
        digits++;
      else if (c == '+' && digits == 0)
        continue;
      else if (c >= 128 || strchr (" -/().", (int) c) == NULL)
        return g_strdup (_("A phone number has only digits, spaces and + - / ( ), "
                           "for example 018 504 000 or +381 18 504 000"));
    }
  if (digits < 6)
    return g_strdup (_("This phone number is too short; write it with its "
                       "area code, for example 018 504 000"));
  return NULL;
}

static char *
check_email (const char *email)
{
  const char *at;

  if (_mreza_form_text_is_blank (email))
    return NULL;
  for (const char *p = email; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isspace (g_utf8_get_char (p)))
      return g_strdup (_("An e-mail address has no spaces"));
  at = strchr (email, '@');
  if (at == NULL || at == email || strchr (at + 1, '@') != NULL)
    return g_strdup (_("An e-mail address has one @, as in ime@primer.rs"));
  if (at[1] == '\0' || strchr (at + 1, '.') == NULL ||
      at[1] == '.' || g_str_has_suffix (email, "."))
    return g_strdup (_("Write the address’s domain after the @, as in ime@primer.rs"));
  return NULL;
}

/**
 * mreza_contact_check:
 * @contact: a contact person
 * @field: one of its fields
 *
 * Returns: (transfer full) (nullable): what is wrong with @field, as a
 *   translated sentence, or %NULL when it is fine
 */
char *
mreza_contact_check (const MrezaContact *contact,
                     MrezaContactField   field)
{
  g_return_val_if_fail (contact != NULL, NULL);

  switch (field)
    {
    case MREZA_CONTACT_FIELD_NAME:
      if (_mreza_form_text_is_blank (contact->name))
        return g_strdup (_("Enter the person’s name, or a label such as "
                           "“programme coordinator”"));
      return NULL;
    case MREZA_CONTACT_FIELD_ROLE:
      if (_mreza_form_text_is_blank (contact->role))
        return g_strdup (_("Say what the person does in the team"));
      return NULL;
    case MREZA_CONTACT_FIELD_PHONE:
      return check_phone (contact->phone);
    case MREZA_CONTACT_FIELD_EMAIL:
      return check_email (contact->email);
    case MREZA_CONTACT_FIELD_TEAM:
      if (contact->team_id == NULL || *contact->team_id == '\0')
        return g_strdup (_("Choose the contact’s team"));
      return NULL;
    case MREZA_CONTACT_N_FIELDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * mreza_contact_validate:
 *
 * Returns: %TRUE when every field is fine; otherwise sets @error to the
 *   first problem (%MREZA_INPUT_ERROR_VALUE)
 */
gboolean
mreza_contact_validate (const MrezaContact  *contact,
                        GError             **error)
{
  g_return_val_if_fail (contact != NULL, FALSE);

  for (guint f = 0; f < MREZA_CONTACT_N_FIELDS; f++)
    if (!set_validate_error (mreza_contact_check (contact, f), error))
      return FALSE;
  return TRUE;
}

#define CONTACT_COLUMNS \
  "id, team_id, institution_id, name, role, phone, email, is_secretary"

static MrezaContact *
contact_from_row (sqlite3_stmt *stmt)
{
  MrezaContact *contact = mreza_contact_new ();

  contact->id = _mreza_sql_dup_text (stmt, 0);
  contact->team_id = _mreza_sql_dup_text (stmt, 1);
  contact->institution_id = _mreza_sql_dup_text (stmt, 2);
  contact->name = _mreza_sql_dup_text (stmt, 3);
  contact->role = _mreza_sql_dup_text (stmt, 4);
  contact->phone = _mreza_sql_dup_text (stmt, 5);
  contact->email = _mreza_sql_dup_text (stmt, 6);
  contact->secretary = sqlite3_column_int (stmt, 7) != 0;
  return contact;
}

/**
 * mreza_contact_load:
 * @db: a connection to the replica
 * @id: the contact's UUID
 *
 * Returns: (transfer full) (nullable): the contact, or %NULL with
 *   %MREZA_STORE_ERROR_NOT_FOUND when there is none with @id
 */
MrezaContact *
mreza_contact_load (sqlite3     *db,
                    const char  *id,
                    GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = _mreza_sql_prepare (db, "SELECT " CONTACT_COLUMNS
                             " FROM contact WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (!step_one (db, stmt, _("This contact is no longer in the replica; "
                             "it may have been deleted on another device."),
                 error))
    return NULL;
  return contact_from_row (stmt);
}

typedef struct
{
  MrezaStore         *store;
  const MrezaContact *contact;
} ContactWrite;

/* The team has one secretary at most (a partial unique index): whoever
 * was secretary stops being one in the same transaction. */
static gboolean
unset_secretary (MrezaStore  *store,
                 const char  *team_id,
                 const char  *except_id,
                 const char  *now,
                 GError     **error)
{
  Val vals[] = { T (team_id), T (except_id), T (now),
                 T (mreza_store_get_device_id (store)) };

  return write_sql (mreza_store_get_db (store),
                    "UPDATE contact SET is_secretary = 0, modified_at = ?3,"
                    " modified_by = ?4 WHERE team_id = ?1 AND is_secretary"
                    " AND id <> ?2", vals, G_N_ELEMENTS (vals), NULL, error);
}

static gboolean
write_contact (sqlite3   *db,
               gpointer   data,
               GError   **error)
{
  ContactWrite *w = data;
  const MrezaContact *c = w->contact;
  g_autofree char *now = mreza_now_iso8601 ();
  g_autofree char *name = strip_dup (c->name);
  g_autofree char *role = strip_dup (c->role);
  g_autofree char *phone = strip_dup (c->phone);
  g_autofree char *email = strip_dup (c->email);
  Val vals[] = { T (c->id), T (now), T (mreza_store_get_device_id (w->store)),
                 T (c->team_id), T (c->institution_id), T (name), T (role),
                 T (phone), T (email), I (c->secretary ? 1 : 0) };

  if (c->secretary &&
      !unset_secretary (w->store, c->team_id, c->id, now, error))
    return FALSE;

  return write_sql (db, "INSERT INTO contact (id, created_at, modified_at,"
                    " modified_by, team_id, institution_id, name, role,"
                    " phone, email, is_secretary)"
                    " VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
                    " ON CONFLICT (id) DO UPDATE SET"
                    " modified_at = excluded.modified_at,"
                    " modified_by = excluded.modified_by,"
                    " team_id = excluded.team_id,"
                    " institution_id = excluded.institution_id,"
                    " name = excluded.name, role = excluded.role,"
                    " phone = excluded.phone, email = excluded.email,"
                    " is_secretary = excluded.is_secretary",
                    vals, G_N_ELEMENTS (vals),
                    _("The contact names a team or an institution that is "
                      "no longer in the replica. Choose again and save."),
                    error);
}

/**
 * mreza_contact_save:
 * @store: the replica
 * @contact: the contact; a new one (no id) is given one
 * @error: return location for a #GError
 *
 * Validates @contact, then writes it in one transaction. A contact
 * saved as secretary takes the place of the team's previous secretary,
 * in the same transaction.
 *
 * Returns: %TRUE on success
 */
gboolean
mreza_contact_save (MrezaStore    *store,
                    MrezaContact  *contact,
                    GError       **error)
{
  ContactWrite w = { store, contact };
  gboolean is_new;

  g_return_val_if_fail (MREZA_IS_STORE (store), FALSE);
  g_return_val_if_fail (contact != NULL, FALSE);

  if (!mreza_contact_validate (contact, error))
    return FALSE;

  is_new = contact->id == NULL;
  if (is_new)
    contact->id = mreza_uuid_new_random ();
  if (!_mreza_sql_transaction (mreza_store_get_db (store), write_contact, &w,
                               error))
    {
      if (is_new)
        g_clear_pointer (&contact->id, g_free);
      return FALSE;
    }
  return TRUE;
}

/**
 * mreza_contact_make_secretary:
 * @store: the replica
 * @id: a contact's UUID
 * @error: return location for a #GError
 *
 * Makes the contact its team's secretary, and whoever was secretary
 * before an ordinary contact, in one transaction.
 *
 * Returns: %TRUE on success
 */
gboolean
mreza_contact_make_secretary (MrezaStore  *store,
                              const char  *id,
                              GError     **error)
{
  g_autoptr(MrezaContact) contact = NULL;

  g_return_val_if_fail (MREZA_IS_STORE (store), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  contact = mreza_contact_load (mreza_store_get_db (store), id, error);
  if (contact == NULL)
    return FALSE;
  if (contact->secretary)
    return TRUE;
  contact->secretary = TRUE;
  return mreza_contact_save (store, contact, error);
}

static gboolean
delete_contact (sqlite3     *db,
                const char  *id,
                GError     **error)
{
  Val vals[] = { T (id) };

  return write_sql (db, "DELETE FROM contact WHERE id = ?1", vals, 1, NULL,
                    error);
}

/**
 * mreza_contact_delete:
 * @store: the replica
 * @id: the contact's UUID
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): what was deleted, for
 *   mreza_contact_restore(), or %NULL on error
 */
MrezaContact *
mreza_contact_delete (MrezaStore  *store,
                      const char  *id,
                      GError     **error)
{
  g_return_val_if_fail (MREZA_IS_STORE (store), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return _mreza_sql_delete_with_snapshot (mreza_store_get_db (store), id,
                                          (MrezaSqlLoad) mreza_contact_load,
                                          delete_contact,
                                          (GDestroyNotify) mreza_contact_free,
                                          error);
}

/**
 * mreza_contact_restore:
 * @store: the replica
 * @snapshot: what mreza_contact_delete() returned
 * @error: return location for a #GError
 *
 * Brings a deleted contact back as a new row: the delete's tombstone
 * may already have reached the coordinator, and a tombstone wins over
 * every later write of the same row. A secretary comes back as
 * secretary, taking the place of anyone made secretary meanwhile.
 *
 * Returns: (transfer full) (nullable): the restored contact's id
 */
char *
mreza_contact_restore (MrezaStore          *store,
                       const MrezaContact  *snapshot,
                       GError             **error)
{
  g_autoptr(MrezaContact) contact = NULL;

  g_return_val_if_fail (MREZA_IS_STORE (store), NULL);
  g_return_val_if_fail (snapshot != NULL, NULL);

  contact = mreza_contact_copy (snapshot);
  g_clear_pointer (&contact->id, g_free);
  if (!mreza_contact_save (store, contact, error))
    return NULL;
  return g_steal_pointer (&contact->id);
}

/* Projects -------------------------------------------------------------- */

static const char * const statuses[] = { "planned", "ongoing", "finished", NULL };
static const char * const currencies[] = { "RSD", "EUR", "USD", NULL };
static const char * const partner_roles[] = { "lead", "partner", "donor", NULL };

/**
 * mreza_project_statuses:
 *
 * Returns: (transfer none): a project's statuses, in a form's order
 */
const char * const *
mreza_project_statuses (void)
{
  return statuses;
}

/**
 * mreza_project_currencies:
 *
 * Returns: (transfer none): the currencies a project's budget may be in
 */
const char * const *
mreza_project_currencies (void)
{
  return currencies;
}

/**
 * mreza_project_partner_roles:
 *
 * Returns: (transfer none): the roles of a project's partners
 */
const char * const *
mreza_project_partner_roles (void)
{
  return partner_roles;
}

/**
 * mreza_project_parse_amount:
 * @text: an amount as typed: "102000", "102.000", "4500,50", "4500.5"
 * @minor: (out) (optional): the amount in minor units (cents, pare)
 *
 * Reads an amount in major units with at most two decimals, a comma or
 * a point as the decimal separator, and points or spaces grouping
 * thousands ("102.000,50"); a point followed by exactly three digits
 * groups thousands, as in Serbian.
 *
 * Returns: %TRUE when @text is such an amount, not negative
 */
gboolean
mreza_project_parse_amount (const char *text,
                            gint64     *minor)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *decimal = NULL;
  guint n_decimals = 0;
  gint64 value = 0;

  if (_mreza_form_text_is_blank (text))
    return FALSE;
  /* The decimal separator is the last comma, or a last point that is
   * not followed by exactly three digits. */
  decimal = strrchr (text, ',');
  if (decimal == NULL)
    {
      const char *point = strrchr (text, '.');

      if (point != NULL && strspn (point + 1, "0123456789") != 3)
        decimal = point;
      else if (point != NULL && point[4] != '\0')
        decimal = point;
    }

  for (const char *p = text; *p != '\0'; p++)
    {
      if (p == decimal)
        continue;
      if (g_ascii_isdigit (*p))
        {
          g_string_append_c (digits, *p);
          if (decimal != NULL && p > decimal)
            n_decimals++;
        }
      else if ((*p == '.' || *p == ' ') && (decimal == NULL || p < decimal))
        continue;
      else
        return FALSE;
    }
  if (digits->len == 0 || n_decimals > 2 || digits->len > 15)
    return FALSE;

  value = g_ascii_strtoll (digits->str, NULL, 10);
  for (; n_decimals < 2; n_decimals++)
    value *= 10;
  if (minor != NULL)
    *minor = value;
  return TRUE;
}

/**
 * mreza_project_format_amount:
 * @minor: an amount in minor units
 *
 * Returns: (transfer full): the amount as a form shows it, to be read
 *   back by mreza_project_parse_amount(): "102000", "4500,50"
 */
char *
mreza_project_format_amount (gint64 minor)
{
  if (minor % 100 == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, minor / 100);
  return g_strdup_printf ("%" G_GINT64_FORMAT ",%02d", minor / 100,
                          (int) (minor % 100));
}

static void
partner_free (MrezaProjectPartner *partner)
{
  g_free (partner->institution_id);
  g_free (partner->role);
  g_free (partner);
}

MrezaProject *
mreza_project_new (void)
{
  MrezaProject *project = g_new0 (MrezaProject, 1);

  project->partners = g_ptr_array_new_with_free_func ((GDestroyNotify) partner_free);
  return project;
}

/**
 * mreza_project_add_partner:
 * @project: a project
 * @institution_id: the partner institution
 * @role: lead, partner or donor
 */
void
mreza_project_add_partner (MrezaProject *project,
                           const char   *institution_id,
                           const char   *role)
{
  MrezaProjectPartner *partner;

  g_return_if_fail (project != NULL);

  partner = g_new0 (MrezaProjectPartner, 1);
  partner->institution_id = g_strdup (institution_id);
  partner->role = g_strdup (role);
  g_ptr_array_add (project->partners, partner);
}

MrezaProject *
mreza_project_copy (const MrezaProject *project)
{
  MrezaProject *copy;

  g_return_val_if_fail (project != NULL, NULL);

  copy = mreza_project_new ();
  copy->id = g_strdup (project->id);
  copy->title = g_strdup (project->title);
  copy->status = g_strdup (project->status);
  copy->start_date = g_strdup (project->start_date);
  copy->end_date = g_strdup (project->end_date);
  copy->amount = g_strdup (project->amount);
  copy->currency = g_strdup (project->currency);
  copy->beneficiaries = g_strdup (project->beneficiaries);
  copy->beneficiaries_count = g_strdup (project->beneficiaries_count);
  copy->summary = g_strdup (project->summary);
  for (guint i = 0; i < project->partners->len; i++)
    {
      MrezaProjectPartner *p = g_ptr_array_index (project->partners, i);

      mreza_project_add_partner (copy, p->institution_id, p->role);
    }
  return copy;
}

void
mreza_project_free (MrezaProject *project)
{
  if (project == NULL)
    return;

  g_free (project->id);
  g_free (project->title);
  g_free (project->status);
  g_free (project->start_date);
  g_free (project->end_date);
  g_free (project->amount);
  g_free (project->currency);
  g_free (project->beneficiaries);
  g_free (project->beneficiaries_count);
  g_free (project->summary);
  g_ptr_array_unref (project->partners);
  g_free (project);
}

static gboolean
has_partner (const GPtrArray *partners,
             const char      *institution_id,
             const char      *role)
{
  for (guint i = 0; i < partners->len; i++)
    {
      const MrezaProjectPartner *p = g_ptr_array_index (partners, i);

      if (g_strcmp0 (p->institution_id, institution_id) == 0 &&
          g_strcmp0 (p->role, role) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
partners_equal (const GPtrArray *a,
                const GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      const MrezaProjectPartner *p = g_ptr_array_index (a, i);
      const MrezaProjectPartner *q = g_ptr_array_index (b, i);

      if (g_strcmp0 (p->institution_id, q->institution_id) != 0 ||
          g_strcmp0 (p->role, q->role) != 0)
        return FALSE;
    }
  return TRUE;
}

/**
 * mreza_project_equal:
 *
 * Returns: %TRUE when @a and @b have the same fields (their ids aside)
 */
gboolean
mreza_project_equal (const MrezaProject *a,
                     const MrezaProject *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return _mreza_form_text_equal (a->title, b->title) &&
         _mreza_form_text_equal (a->status, b->status) &&
         _mreza_form_text_equal (a->start_date, b->start_date) &&
         _mreza_form_text_equal (a->end_date, b->end_date) &&
         _mreza_form_text_equal (a->amount, b->amount) &&
         (_mreza_form_text_is_blank (a->amount) ||
          _mreza_form_text_equal (a->currency, b->currency)) &&
         _mreza_form_text_equal (a->beneficiaries, b->beneficiaries) &&
         _mreza_form_text_equal (a->beneficiaries_count,
                                 b->beneficiaries_count) &&
         _mreza_form_text_equal (a->summary, b->summary) &&
         partners_equal (a->partners, b->partners);
}

static char *
check_end_date (const MrezaProject *project)
{
  char *problem = _mreza_form_check_date (project->end_date);

  if (problem != NULL)
    return problem;
  if (!_mreza_form_text_is_blank (project->end_date) &&
      !_mreza_form_text_is_blank (project->start_date) &&
      mreza_date_is_valid (project->start_date) &&
      strcmp (project->end_date, project->start_date) < 0)
    return g_strdup (_("The project cannot end before it starts"));
  return NULL;
}

static char *
check_count_text (const char *text)
{
  const char *p = text;

  if (_mreza_form_text_is_blank (text))
    return NULL;
  while (g_ascii_isspace (*p))
    p++;
  if (*p == '-')
    return g_strdup (_("A number of people cannot be negative"));
  for (; *p != '\0' && g_ascii_isdigit (*p); p++)
    ;
  while (g_ascii_isspace (*p))
    p++;
  if (*p != '\0' || strlen (text) > 12)
    return g_strdup (_("Write the number of beneficiaries in digits, for example 27"));
  return NULL;
}

static char *
check_partners (const GPtrArray *partners)
{
  for (guint i = 0; i < partners->len; i++)
    {
      const MrezaProjectPartner *p = g_ptr_array_index (partners, i);

      if (p->institution_id == NULL || p->role == NULL ||
          !g_strv_contains (partner_roles, p->role))
        return g_strdup (_("Choose each partner’s institution and role"));
      for (guint j = 0; j < i; j++)
        {
          const MrezaProjectPartner *q = g_ptr_array_index (partners, j);

          if (g_strcmp0 (p->institution_id, q->institution_id) == 0 &&
              g_strcmp0 (p->role, q->role) == 0)
            return g_strdup (_("A partner is listed twice in the same role"));
        }
    }
  return NULL;
}

/**
 * mreza_project_check:
 * @project: a project
 * @field: one of its fields
 *
 * Returns: (transfer full) (nullable): what is wrong with @field, as a
 *   translated sentence, or %NULL when it is fine
 */
char *
mreza_project_check (const MrezaProject *project,
                     MrezaProjectField   field)
{
  g_return_val_if_fail (project != NULL, NULL);

  switch (field)
    {
    case MREZA_PROJECT_FIELD_TITLE:
      if (_mreza_form_text_is_blank (project->title))
        return g_strdup (_("Give the project a title"));
      return NULL;
    case MREZA_PROJECT_FIELD_STATUS:
      if (project->status == NULL || !g_strv_contains (statuses, project->status))
        return g_strdup (_("Choose the project’s status"));
      return NULL;
    case MREZA_PROJECT_FIELD_START_DATE:
      return _mreza_form_check_date (project->start_date);
    case MREZA_PROJECT_FIELD_END_DATE:
      return check_end_date (project);
    case MREZA_PROJECT_FIELD_AMOUNT:
      if (!_mreza_form_text_is_blank (project->amount) &&
          !mreza_project_parse_amount (project->amount, NULL))
        return g_strdup (_("Write the amount as a number, for example 102000 or 4500,50"));
      return NULL;
    case MREZA_PROJECT_FIELD_CURRENCY:
      if (!_mreza_form_text_is_blank (project->amount) &&
          (project->currency == NULL ||
           !g_strv_contains (currencies, project->currency)))
        return g_strdup (_("Choose the amount’s currency"));
      return NULL;
    case MREZA_PROJECT_FIELD_BENEFICIARIES_COUNT:
      return check_count_text (project->beneficiaries_count);
    case MREZA_PROJECT_FIELD_PARTNERS:
      return check_partners (project->partners);
    case MREZA_PROJECT_N_FIELDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * mreza_project_validate:
 *
 * Returns: %TRUE when every field is fine; otherwise sets @error to the
 *   first problem (%MREZA_INPUT_ERROR_VALUE)
 */
gboolean
mreza_project_validate (const MrezaProject  *project,
                        GError             **error)
{
  g_return_val_if_fail (project != NULL, FALSE);

  for (guint f = 0; f < MREZA_PROJECT_N_FIELDS; f++)
    if (!set_validate_error (mreza_project_check (project, f), error))
      return FALSE;
  return TRUE;
}

static gboolean
load_partners (sqlite3       *db,
               MrezaProject  *project,
               GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _mreza_sql_prepare (db, "SELECT institution_id, role FROM"
                             " project_partner WHERE project_id = ?1"
                             " ORDER BY CASE role WHEN 'lead' THEN 0"
                             " WHEN 'partner' THEN 1 ELSE 2 END, rowid",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, project->id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    mreza_project_add_partner (project, _mreza_sql_text (stmt, 0),
                               _mreza_sql_text (stmt, 1));
  if (rc != SQLITE_DONE)
    {
      _mreza_sql_set_error (db, rc, error, "Reading the partners failed");
      return FALSE;
    }
  return TRUE;
}

/**
 * mreza_project_load:
 * @db: a connection to the replica
 * @id: the project's UUID
 *
 * Returns: (transfer full) (nullable): the project with its partners,
 *   or %NULL with %MREZA_STORE_ERROR_NOT_FOUND when there is none
 */
MrezaProject *
mreza_project_load (sqlite3     *db,
                    const char  *id,
                    GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(MrezaProject) project = NULL;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = _mreza_sql_prepare (db, "SELECT id, title, status, start_date,"
                             " end_date, amount_minor, currency,"
                             " beneficiaries, beneficiaries_count, summary"
                             " FROM project WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (!step_one (db, stmt, _("This project is no longer in the replica; "
                             "it may have been deleted on another device."),
                 error))
    return NULL;

  project = mreza_project_new ();
  project->id = _mreza_sql_dup_text (stmt, 0);
  project->title = _mreza_sql_dup_text (stmt, 1);
  project->status = _mreza_sql_dup_text (stmt, 2);
  project->start_date = _mreza_sql_dup_text (stmt, 3);
  project->end_date = _mreza_sql_dup_text (stmt, 4);
  if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
    project->amount = mreza_project_format_amount (sqlite3_column_int64 (stmt, 5));
  project->currency = _mreza_sql_dup_text (stmt, 6);
  project->beneficiaries = _mreza_sql_dup_text (stmt, 7);
  project->beneficiaries_count = _mreza_sql_dup_text (stmt, 8);
  project->summary = _mreza_sql_dup_text (stmt, 9);

  if (!load_partners (db, project, error))
    return NULL;
  return g_steal_pointer (&project);
}

typedef struct
{
  MrezaStore         *store;
  const MrezaProject *project;
} ProjectWrite;

static gboolean
upsert_project (sqlite3             *db,
                ProjectWrite        *w,
                const char          *now,
                GError             **error)
{
  const MrezaProject *p = w->project;
  g_autofree char *title = strip_dup (p->title);
  g_autofree char *beneficiaries = strip_dup (p->beneficiaries);
  g_autofree char *summary = strip_dup (p->summary);
  gint64 minor = 0;
  gboolean has_amount = mreza_project_parse_amount (p->amount, &minor);
  gboolean has_count = !_mreza_form_text_is_blank (p->beneficiaries_count);
  Val vals[] = { T (p->id), T (now), T (mreza_store_get_device_id (w->store)),
                 T (title), T (p->start_date), T (p->end_date), T (p->status),
                 has_amount ? I (minor) : T (NULL),
                 T (has_amount ? p->currency : NULL), T (beneficiaries),
                 has_count ? I (g_ascii_strtoll (p->beneficiaries_count, NULL, 10))
                           : T (NULL),
                 T (summary) };

  return write_sql (db, "INSERT INTO project (id, created_at, modified_at,"
                    " modified_by, title, start_date, end_date, status,"
                    " amount_minor, currency, beneficiaries,"
                    " beneficiaries_count, summary) VALUES (?1, ?2, ?2, ?3,"
                    " ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
                    " ON CONFLICT (id) DO UPDATE SET"
                    " modified_at = excluded.modified_at,"
                    " modified_by = excluded.modified_by,"
                    " title = excluded.title,"
                    " start_date = excluded.start_date,"
                    " end_date = excluded.end_date, status = excluded.status,"
                    " amount_minor = excluded.amount_minor,"
                    " currency = excluded.currency,"
                    " beneficiaries = excluded.beneficiaries,"
                    " beneficiaries_count = excluded.beneficiaries_count,"
                    " summary = excluded.summary",
                    vals, G_N_ELEMENTS (vals), NULL, error);
}

/* Partners that stay are left alone and only the difference is written:
 * rewriting every partner would send a tombstone and a new row per
 * partner to every device, and a tombstone wins over a concurrent edit. */
static gboolean
write_partners (sqlite3       *db,
                ProjectWrite  *w,
                const char    *now,
                GError       **error)
{
  const MrezaProject *p = w->project;
  g_autoptr(MrezaProject) old = mreza_project_new ();

  old->id = g_strdup (p->id);
  if (!load_partners (db, old, error))
    return FALSE;

  for (guint i = 0; i < old->partners->len; i++)
    {
      MrezaProjectPartner *o = g_ptr_array_index (old->partners, i);
      Val vals[] = { T (p->id), T (o->institution_id), T (o->role) };

      if (!has_partner (p->partners, o->institution_id, o->role) &&
          !write_sql (db, "DELETE FROM project_partner WHERE project_id = ?1"
                      " AND institution_id = ?2 AND role = ?3", vals,
                      G_N_ELEMENTS (vals), NULL, error))
        return FALSE;
    }

  for (guint i = 0; i < p->partners->len; i++)
    {
      MrezaProjectPartner *n = g_ptr_array_index (p->partners, i);
      g_autofree char *uuid = NULL;

      if (has_partner (old->partners, n->institution_id, n->role))
        continue;
      uuid = mreza_uuid_new_random ();
      {
        Val vals[] = { T (uuid), T (now),
                       T (mreza_store_get_device_id (w->store)), T (p->id),
                       T (n->institution_id), T (n->role) };

        if (!write_sql (db, "INSERT INTO project_partner (id, created_at,"
                        " modified_at, modified_by, project_id,"
                        " institution_id, role) VALUES (?1, ?2, ?2, ?3, ?4,"
                        " ?5, ?6)", vals, G_N_ELEMENTS (vals),
                        _("A partner of the project is no longer in the "
                          "replica. Choose the partners again and save."),
                        error))
          return FALSE;
      }
    }
  return TRUE;
}

static gboolean
write_project (sqlite3   *db,
               gpointer   data,
               GError   **error)
{
  g_autofree char *now = mreza_now_iso8601 ();

  return upsert_project (db, data, now, error) &&
         write_partners (db, data, now, error);
}

/**
 * mreza_project_save:
 * @store: the replica
 * @project: the project; a new one (no id) is given one
 * @error: return location for a #GError
 *
 * Validates @project, then writes it and its partners in one
 * transaction: either all of it is saved or nothing is.
 *
 * Returns: %TRUE on success
 */
gboolean
mreza_project_save (MrezaStore    *store,
                    MrezaProject  *project,
                    GError       **error)
{
  ProjectWrite w = { store, project };
  gboolean is_new;

  g_return_val_if_fail (MREZA_IS_STORE (store), FALSE);
  g_return_val_if_fail (project != NULL, FALSE);

  if (!mreza_project_validate (project, error))
    return FALSE;

  is_new = project->id == NULL;
  if (is_new)
    project->id = mreza_uuid_new_random ();
  if (!_mreza_sql_transaction (mreza_store_get_db (store), write_project, &w,
                               error))
    {
      if (is_new)
        g_clear_pointer (&project->id, g_free);
      return FALSE;
    }
  return TRUE;
}

static gboolean
delete_project (sqlite3     *db,
                const char  *id,
                GError     **error)
{
  Val vals[] = { T (id) };

  /* The partners go first and by name, rather than by ON DELETE
   * CASCADE, so that each gets its own captured tombstone. */
  return write_sql (db, "DELETE FROM project_partner WHERE project_id = ?1",
                    vals, 1, NULL, error) &&
         write_sql (db, "DELETE FROM project WHERE id = ?1", vals, 1,
                    _("A budget line of the plan still names this project "
                      "as its source. Change that line first."),
                    error);
}

/**
 * mreza_project_delete:
 * @store: the replica
 * @id: the project's UUID
 * @error: return location for a #GError
 *
 * Deletes the project and its partners in one transaction.
 *
 * Returns: (transfer full) (nullable): what was deleted, for
 *   mreza_project_restore(), or %NULL on error
 */
MrezaProject *
mreza_project_delete (MrezaStore  *store,
                      const char  *id,
                      GError     **error)
{
  g_return_val_if_fail (MREZA_IS_STORE (store), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return _mreza_sql_delete_with_snapshot (mreza_store_get_db (store), id,
                                          (MrezaSqlLoad) mreza_project_load,
                                          delete_project,
                                          (GDestroyNotify) mreza_project_free,
                                          error);
}

/**
 * mreza_project_restore:
 * @store: the replica
 * @snapshot: what mreza_project_delete() returned
 * @error: return location for a #GError
 *
 * Brings a deleted project back as a new row with new partner rows.
 *
 * Returns: (transfer full) (nullable): the restored project's id
 */
char *
mreza_project_restore (MrezaStore          *store,
                       const MrezaProject  *snapshot,
                       GError             **error)
{
  g_autoptr(MrezaProject) project = NULL;

  g_return_val_if_fail (MREZA_IS_STORE (store), NULL);
  g_return_val_if_fail (snapshot != NULL, NULL);

  project = mreza_project_copy (snapshot);
  g_clear_pointer (&project->id, g_free);
  if (!mreza_project_save (store, project, error))
    return NULL;
  return g_steal_pointer (&project->id);
}

/* A team's directory ------------------------------------------------- */

static void
member_free (MrezaDirectoryMember *member)
{
  g_free (member->institution_id);
  g_free (member->name);
  g_free (member->short_name);
  g_free (member->sector);
  g_free (member->town);
  g_free (member);
}

void
mreza_team_directory_free (MrezaTeamDirectory *directory)
{
  if (directory == NULL)
    return;

  g_free (directory->id);
  g_free (directory->name);
  g_free (directory->town);
  g_clear_pointer (&directory->members, g_ptr_array_unref);
  g_clear_pointer (&directory->contacts, g_ptr_array_unref);
  g_clear_pointer (&directory->institutions, g_hash_table_unref);
  g_free (directory);
}

/* Members come in groups by sector, in the order of sectors[] (the
 * network's coordination and the police first, as the plan lists
 * them), found by the sector's place in ",code,code,…,". */
static gboolean
load_members (sqlite3             *db,
              MrezaTeamDirectory  *directory,
              GError             **error)
{
  static const char sql[] =
    "SELECT i.id, i.name, i.short_name, i.sector,"
    " i.town FROM team_member m JOIN institution i"
    " ON i.id = m.institution_id WHERE m.team_id = ?1"
    " ORDER BY instr (?2, ',' || i.sector || ','),"
    " i.name COLLATE mreza, i.id";
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *codes = g_strjoinv (",", (GStrv) sectors);
  g_autofree char *sector_order = g_strconcat (",", codes, ",", NULL);
  int rc;

  stmt = _mreza_sql_prepare_with_id (db, sql, directory->id, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 2, sector_order, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MrezaDirectoryMember *member = g_new0 (MrezaDirectoryMember, 1);

      member->institution_id = _mreza_sql_dup_text (stmt, 0);
      member->name = _mreza_sql_dup_text (stmt, 1);
      member->short_name = _mreza_sql_dup_text (stmt, 2);
      member->sector = _mreza_sql_dup_text (stmt, 3);
      member->town = _mreza_sql_dup_text (stmt, 4);
      g_ptr_array_add (directory->members, member);
    }
  if (rc != SQLITE_DONE)
    {
      _mreza_sql_set_error (db, rc, error, "Reading the members failed");
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_contacts (sqlite3             *db,
               MrezaTeamDirectory  *directory,
               GError             **error)
{
  static const char sql[] =
    "SELECT c.id, c.team_id, c.institution_id,"
    " c.name, c.role, c.phone, c.email, c.is_secretary,"
    " coalesce (i.short_name, i.name) FROM contact c"
    " LEFT JOIN institution i ON i.id = c.institution_id"
    " WHERE c.team_id = ?1 ORDER BY c.is_secretary DESC,"
    " coalesce (c.name, c.role) COLLATE mreza, c.id";
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _mreza_sql_prepare_with_id (db, sql, directory->id, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MrezaContact *contact = contact_from_row (stmt);

      if (contact->institution_id != NULL)
        g_hash_table_replace (directory->institutions,
                              g_strdup (contact->institution_id),
                              _mreza_sql_dup_text (stmt, 8));
      g_ptr_array_add (directory->contacts, contact);
    }
  if (rc != SQLITE_DONE)
    {
      _mreza_sql_set_error (db, rc, error, "Reading the contacts failed");
      return FALSE;
    }
  return TRUE;
}

/**
 * mreza_team_directory_load:
 * @db: a connection to a replica
 * @team_id: a team's UUID
 * @error: return location for a #GError
 *
 * Reads what the Teams page shows and edits of a team: its member
 * institutions by sector and its contacts, the secretary first, with
 * the ids an edit needs. Fit for mreza_detail_load_async().
 *
 * Returns: (transfer full) (nullable): the team's directory
 */
MrezaTeamDirectory *
mreza_team_directory_load (sqlite3     *db,
                           const char  *team_id,
                           GError     **error)
{
  g_autoptr(MrezaTeamDirectory) directory = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (team_id != NULL, NULL);

  stmt = _mreza_sql_prepare_with_id (db, "SELECT id, name, town FROM team"
                                     " WHERE id = ?1", team_id, error);
  if (stmt == NULL ||
      !step_one (db, stmt, _("The team is no longer in the replica."), error))
    return NULL;

  directory = g_new0 (MrezaTeamDirectory, 1);
  directory->id = _mreza_sql_dup_text (stmt, 0);
  directory->name = _mreza_sql_dup_text (stmt, 1);
  directory->town = _mreza_sql_dup_text (stmt, 2);
  directory->members = g_ptr_array_new_with_free_func ((GDestroyNotify) member_free);
  directory->contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) mreza_contact_free);
  directory->institutions = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                   g_free, g_free);

  if (!load_members (db, directory, error) ||
      !load_contacts (db, directory, error))
    return NULL;
  return g_steal_pointer (&directory);
}

static GPtrArray *
list_choices (sqlite3     *db,
              const char  *sql,
              const char  *id,
              GError     **error)
{
  return _mreza_sql_list_choices (db, sql, id,
                                  "Reading the institutions failed", error);
}

/**
 * mreza_directory_list_institutions:
 * @db: a connection to a replica
 * @not_in_team_id: (nullable): leave out this team's members
 *
 * Returns: (transfer full) (element-type MrezaChoice): the institutions
 *   in Serbian alphabetical order, labelled "Name (Town)"
 */
GPtrArray *
mreza_directory_list_institutions (sqlite3     *db,
                                   const char  *not_in_team_id,
                                   GError     **error)
{
  g_return_val_if_fail (db != NULL, NULL);

  return list_choices (db, "SELECT id, name || coalesce (' (' || town || ')',"
                       " '') FROM institution WHERE ?1 IS NULL OR id NOT IN"
                       " (SELECT institution_id FROM team_member"
                       " WHERE team_id = ?1) ORDER BY name COLLATE mreza, id",
                       not_in_team_id, error);
}

/**
 * mreza_directory_list_team_institutions:
 * @db: a connection to a replica
 * @team_id: a team
 *
 * Returns: (transfer full) (element-type MrezaChoice): the team's member
 *   institutions by name, labelled with their short name or name
 */
GPtrArray *
mreza_directory_list_team_institutions (sqlite3     *db,
                                        const char  *team_id,
                                        GError     **error)
{
  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (team_id != NULL, NULL);

  return list_choices (db, "SELECT i.id, coalesce (i.short_name, i.name)"
                       " FROM team_member m JOIN institution i"
                       " ON i.id = m.institution_id WHERE m.team_id = ?1"
                       " ORDER BY 2 COLLATE mreza, i.id", team_id, error);
}
