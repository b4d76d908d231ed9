/* mreza-store-private.h: SQL helpers shared inside core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mreza-store.h"
#include "mreza-util.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

gboolean      _mreza_sql_exec         (sqlite3       *db,
                                       const char    *sql,
                                       GError       **error);
sqlite3_stmt *_mreza_sql_prepare      (sqlite3       *db,
                                       const char    *sql,
                                       GError       **error);
void          _mreza_sql_set_error    (sqlite3       *db,
                                       int            rc,
                                       GError       **error,
                                       const char    *what);
const char   *_mreza_sql_text         (sqlite3_stmt  *stmt,
                                       int            column);
char         *_mreza_sql_dup_text     (sqlite3_stmt  *stmt,
                                       int            column);
sqlite3_stmt *_mreza_sql_prepare_with_id (sqlite3     *db,
                                          const char  *sql,
                                          const char  *id,
                                          GError     **error);
GPtrArray    *_mreza_sql_list_choices (sqlite3       *db,
                                       const char    *sql,
                                       const char    *id,
                                       const char    *what,
                                       GError       **error);
void          _mreza_sql_bind_text_or_null (sqlite3_stmt *stmt,
                                            int           index,
                                            const char   *text);
/* A value bound to a statement by _mreza_sql_write(): text (NULL or ""
 * binds NULL) or an integer. */
typedef struct
{
  const char *text;
  gint64      num;
  gboolean    is_num;
} MrezaSqlVal;

#define MREZA_SQL_TEXT(s) ((MrezaSqlVal) { (s), 0, FALSE })
#define MREZA_SQL_INT(n)  ((MrezaSqlVal) { NULL, (n), TRUE })

gboolean      _mreza_sql_step_one     (sqlite3            *db,
                                       sqlite3_stmt       *stmt,
                                       const char         *missing,
                                       const char         *what,
                                       GError            **error);
gboolean      _mreza_sql_write        (sqlite3            *db,
                                       const char         *sql,
                                       const MrezaSqlVal  *vals,
                                       guint               n_vals,
                                       const char         *constraint,
                                       const char         *what,
                                       GError            **error);
gboolean      _mreza_form_text_equal  (const char    *a,
                                       const char    *b);
gboolean      _mreza_form_text_is_blank (const char  *text);
char         *_mreza_form_check_date  (const char    *date);
/* A record's check of one field (a type's _check(), cast): the
 * sentence a form shows beside it, or NULL. */
typedef char *(*MrezaFieldCheck) (gconstpointer  record,
                                  guint          field);
gboolean      _mreza_form_validate_fields (gconstpointer    record,
                                           MrezaFieldCheck  check,
                                           guint            n_fields,
                                           GError         **error);
gboolean      _mreza_store_migrate    (sqlite3       *db,
                                       int            from_version,
                                       GError       **error);
void          _mreza_store_close_db   (sqlite3       *db);
char         *_mreza_sync_capture_sql (void);
char         *_mreza_search_rebuild_sql (void);
char         *_mreza_sync_capture_tables_sql (const char * const *names);

/* Work done inside _mreza_sql_transaction(); returns FALSE with @error
 * set to have everything it wrote rolled back. */
typedef gboolean (*MrezaSqlWork) (sqlite3   *db,
                                  gpointer   data,
                                  GError   **error);

/* Runs @work in one BEGIN IMMEDIATE … COMMIT, and rolls back whatever
 * it wrote when it or the COMMIT fails: a save is all or nothing. */
static inline gboolean
_mreza_sql_transaction (sqlite3       *db,
                        MrezaSqlWork   work,
                        gpointer       data,
                        GError       **error)
{
  if (!_mreza_sql_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!work (db, data, error) || !_mreza_sql_exec (db, "COMMIT", error))
    {
      _mreza_sql_exec (db, "ROLLBACK", NULL);
      return FALSE;
    }
  return TRUE;
}

/* Saves a record in one transaction: a new one (*@id NULL) is given a
 * random UUID first, and loses it again when the save fails, so that
 * the form can save it once more. */
static inline gboolean
_mreza_sql_save_record (sqlite3       *db,
                        char         **id,
                        MrezaSqlWork   work,
                        gpointer       data,
                        GError       **error)
{
  gboolean is_new = *id == NULL;

  if (is_new)
    *id = mreza_uuid_new_random ();
  if (!_mreza_sql_transaction (db, work, data, error))
    {
      if (is_new)
        g_clear_pointer (id, g_free);
      return FALSE;
    }
  return TRUE;
}

/* Reads the row @id as it is, for an undo; casts of the types'
 * own _load() functions. */
typedef gpointer (*MrezaSqlLoad)   (sqlite3     *db,
                                    const char  *id,
                                    GError     **error);
/* Deletes the row @id, and what hangs on it, inside a transaction. */
typedef gboolean (*MrezaSqlDelete) (sqlite3     *db,
                                    const char  *id,
                                    GError     **error);

gpointer      _mreza_sql_delete_with_snapshot (sqlite3         *db,
                                               const char      *id,
                                               MrezaSqlLoad     load,
                                               MrezaSqlDelete   delete_row,
                                               GDestroyNotify   free_func,
                                               GError         **error);

G_END_DECLS
