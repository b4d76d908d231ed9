/* mreza-sync.c: replication with a coordinator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A sync pushes the outbox in batches, dropping each batch only after
 * the coordinator acknowledged it (it answers after its transaction
 * committed, and keeps each (device, sequence) once, so a batch resent
 * after a lost answer is harmless), then pulls pages of other devices'
 * changes after the cursor and applies each page in one transaction
 * with the new cursor. Killed at any point, the next sync resumes and
 * nothing is lost or applied twice.
 *
 * THREAD SAFETY: mreza_sync_run() and mreza_sync_join() block on the
 * network and the disk: the app calls them in a worker thread, on a
 * MrezaStore opened by that thread.
 */
#define G_LOG_DOMAIN "mreza-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "mreza-json.h"
#include "mreza-protocol.h"
#include "mreza-store-private.h"
#include "mreza-sync-private.h"
#include "mreza-sync.h"
#include "mreza-peers.h"
#include "mreza-util.h"

#define BATCH 5000
#define HTTP_TIMEOUT_S 60
/* The coordinator holds a long poll at most this long. */
#define MAX_WAIT_S 30

G_DEFINE_QUARK (mreza-sync-error-quark, mreza_sync_error)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrezaChange, _mreza_change_free)

void
_mreza_change_free (MrezaChange *change)
{
  if (change == NULL)
    return;

  g_free (change->device);
  g_free (change->row_id);
  g_free (change->hlc);
  for (guint i = 0; i < change->n_fields; i++)
    g_free (change->fields[i].s);
  g_free (change->fields);
  for (guint i = 0; i < change->n_bases; i++)
    g_free (change->bases[i].hlc);
  g_free (change->bases);
  g_free (change);
}

/**
 * _mreza_change_get_field:
 * @change: a change
 * @name: a column
 *
 * Returns: (nullable): the value @change gives @name, if it gives one
 */
const MrezaField *
_mreza_change_get_field (const MrezaChange *change,
                         const char        *name)
{
  for (guint i = 0; i < change->n_fields; i++)
    if (change->fields[i].name == name ||
        strcmp (change->fields[i].name, name) == 0)
      return &change->fields[i];
  return NULL;
}

const MrezaBase *
_mreza_change_get_base (const MrezaChange *change,
                        const char        *name)
{
  for (guint i = 0; i < change->n_bases; i++)
    if (change->bases[i].name == name ||
        strcmp (change->bases[i].name, name) == 0)
      return &change->bases[i];
  return NULL;
}

/* "%013d-%05d-<uuid>": 13 + 1 + 5 + 1 + 36 characters. */
gboolean
_mreza_hlc_is_valid (const char *hlc)
{
  if (hlc == NULL || strlen (hlc) != 56)
    return FALSE;
  for (guint i = 0; i < 19; i++)
    if (i == 13 ? hlc[i] != '-' : !g_ascii_isdigit (hlc[i]))
      return FALSE;

  return hlc[19] == '-' && g_uuid_string_is_valid (hlc + 20);
}

static gboolean
bad (GError     **error,
     guint        index,
     const char  *what)
{
  g_set_error (error, MREZA_SYNC_ERROR, MREZA_SYNC_ERROR_BAD_RESPONSE,
               _("The coordinator sent an invalid change (#%u: %s). Nothing "
                 "of its page was applied."), index, what);
  return FALSE;
}

/* One member of the fields object: a known column, with a value of its
 * type. A column given twice keeps the last value, as json-glib did. */
static gboolean
scan_field (MrezaJsonScan         *scan,
            const MrezaTableInfo  *table,
            MrezaChange           *change)
{
  const MrezaColumn *col = mreza_schema_find_column (table, scan->buf->str);
  MrezaJsonScalar v;
  MrezaField *f;

  if (col == NULL || !mreza_json_scan_char (scan, ':') ||
      !mreza_json_scan_scalar (scan, &v))
    return FALSE;

  f = (MrezaField *) _mreza_change_get_field (change, col->name);
  if (f != NULL)
    g_clear_pointer (&f->s, g_free);
  else
    f = &change->fields[change->n_fields++];
  f->name = col->name;

  switch (v.type)
    {
    case MREZA_JSON_NULL:
      f->type = SQLITE_NULL;
      return TRUE;
    case MREZA_JSON_STRING:
      f->type = SQLITE_TEXT;
      f->s = g_strndup (scan->buf->str, scan->buf->len);
      return col->type == MREZA_COL_TEXT;
    case MREZA_JSON_INT:
      f->type = SQLITE_INTEGER;
      f->i = v.i;
      return col->type != MREZA_COL_TEXT;
    case MREZA_JSON_DOUBLE:
      f->type = SQLITE_FLOAT;
      f->d = v.d;
      return col->type != MREZA_COL_TEXT;
    case MREZA_JSON_BOOL:
    default:
      return FALSE;
    }
}

static gboolean
scan_base (MrezaJsonScan         *scan,
           const MrezaTableInfo  *table,
           MrezaChange           *change)
{
  const MrezaColumn *col = mreza_schema_find_column (table, scan->buf->str);
  MrezaJsonScalar v;
  MrezaBase *b;

  if (col == NULL || !mreza_json_scan_char (scan, ':') ||
      !mreza_json_scan_scalar (scan, &v))
    return FALSE;
  if (v.type != MREZA_JSON_NULL &&
      (v.type != MREZA_JSON_STRING || !_mreza_hlc_is_valid (scan->buf->str)))
    return FALSE;

  b = (MrezaBase *) _mreza_change_get_base (change, col->name);
  if (b != NULL)
    g_clear_pointer (&b->hlc, g_free);
  else
    b = &change->bases[change->n_bases++];
  b->name = col->name;
  if (v.type == MREZA_JSON_STRING)
    b->hlc = g_strndup (scan->buf->str, scan->buf->len);
  return TRUE;
}

/* The fields or bases object of a change, its table known. */
static gboolean
scan_fields (MrezaJsonScan  *scan,
             MrezaChange    *change,
             gboolean        bases)
{
  const MrezaTableInfo *table = change->table;

  if (bases)
    change->bases = g_new0 (MrezaBase, table->n_columns);
  else
    change->fields = g_new0 (MrezaField, table->n_columns);

  if (!mreza_json_scan_char (scan, '{'))
    return FALSE;
  if (mreza_json_scan_char (scan, '}'))
    return TRUE;
  do
    {
      if (!mreza_json_scan_string (scan) ||
          !(bases ? scan_base (scan, table, change)
                  : scan_field (scan, table, change)))
        return FALSE;
    }
  while (mreza_json_scan_char (scan, ','));

  return mreza_json_scan_char (scan, '}');
}

/**
 * _mreza_change_set_json:
 * @change: a change whose table is set
 * @fields: its fields as a JSON object
 * @bases: its base HLCs as a JSON object
 *
 * For tests, which build changes from a replica's outbox.
 *
 * Returns: %TRUE if both are valid for the table
 */
gboolean
_mreza_change_set_json (MrezaChange *change,
                        const char  *fields,
                        const char  *bases)
{
  MrezaJsonScan scan;
  gboolean ok;

  g_return_val_if_fail (change != NULL && change->table != NULL, FALSE);

  mreza_json_scan_init (&scan, fields, strlen (fields));
  ok = scan_fields (&scan, change, FALSE) && mreza_json_scan_at_end (&scan);
  mreza_json_scan_clear (&scan);
  if (!ok)
    return FALSE;

  mreza_json_scan_init (&scan, bases, strlen (bases));
  ok = scan_fields (&scan, change, TRUE) && mreza_json_scan_at_end (&scan);
  mreza_json_scan_clear (&scan);
  return ok;
}

static gboolean
scan_int (MrezaJsonScan *scan,
          gint64        *value)
{
  MrezaJsonScalar v;

  if (!mreza_json_scan_scalar (scan, &v) || v.type != MREZA_JSON_INT)
    return FALSE;
  *value = v.i;
  return mreza_json_scan_char (scan, ',');
}

/* A string member of a change, then its comma. */
static char *
scan_text (MrezaJsonScan *scan)
{
  if (!mreza_json_scan_string (scan) || !mreza_json_scan_char (scan, ','))
    return NULL;
  return g_strndup (scan->buf->str, scan->buf->len);
}

/* [gseq, "device", dseq, "table", "row", "op", "hlc", {fields}, {bases}] */
static MrezaChange *
scan_change (MrezaJsonScan  *scan,
             guint           index,
             GError        **error)
{
  g_autoptr(MrezaChange) change = g_new0 (MrezaChange, 1);
  g_autofree char *table = NULL;
  g_autofree char *op = NULL;

  if (!mreza_json_scan_char (scan, '[') ||
      !scan_int (scan, &change->gseq) ||
      !(change->device = scan_text (scan)) ||
      !scan_int (scan, &change->dseq) ||
      !(table = scan_text (scan)) ||
      !(change->row_id = scan_text (scan)) ||
      !(op = scan_text (scan)) ||
      !(change->hlc = scan_text (scan)))
    return bad (error, index, "not an array of 9 of the right types"), NULL;

  change->table = mreza_schema_find_table (table);
  if (change->table == NULL)
    return bad (error, index, "an unknown table"), NULL;
  if (!g_uuid_string_is_valid (change->device) ||
      !g_uuid_string_is_valid (change->row_id))
    return bad (error, index, "an invalid id"), NULL;
  if (g_strcmp0 (op, "u") != 0 && g_strcmp0 (op, "d") != 0)
    return bad (error, index, "an unknown operation"), NULL;
  change->op = op[0];
  if (!_mreza_hlc_is_valid (change->hlc) || change->gseq < 1 ||
      change->dseq < 1)
    return bad (error, index, "an invalid clock or sequence"), NULL;

  if (!scan_fields (scan, change, FALSE) ||
      !mreza_json_scan_char (scan, ',') ||
      !scan_fields (scan, change, TRUE) ||
      !mreza_json_scan_char (scan, ']'))
    return bad (error, index, "an unknown column or a value of the wrong "
                              "type"), NULL;

  return g_steal_pointer (&change);
}

static GPtrArray *
scan_changes (MrezaJsonScan  *scan,
              GError        **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (
    (GDestroyNotify) _mreza_change_free);

  if (!mreza_json_scan_char (scan, '['))
    return NULL;
  if (mreza_json_scan_char (scan, ']'))
    return g_steal_pointer (&changes);
  do
    {
      MrezaChange *change = scan_change (scan, changes->len, error);

      if (change == NULL)
        return NULL;
      g_ptr_array_add (changes, change);
    }
  while (mreza_json_scan_char (scan, ','));

  if (!mreza_json_scan_char (scan, ']'))
    return NULL;
  return g_steal_pointer (&changes);
}

static gboolean
invalid_answer (GError     **error,
                const char  *why)
{
  if (error != NULL && *error != NULL)
    return FALSE;
  g_set_error (error, MREZA_SYNC_ERROR, MREZA_SYNC_ERROR_BAD_RESPONSE,
               _("The coordinator’s answer is not valid: %s"), why);
  return FALSE;
}

/* The members of a pull answer, in any order; unknown ones skipped. */
static gboolean
scan_pull_member (MrezaJsonScan  *scan,
                  GPtrArray     **changes,
                  gint64         *cursor,
                  gboolean       *has_cursor,
                  gboolean       *more,
                  GError        **error)
{
  MrezaJsonScalar v;

  if (!mreza_json_scan_string (scan) || !mreza_json_scan_char (scan, ':'))
    return FALSE;

  if (g_str_equal (scan->buf->str, "changes"))
    {
      g_clear_pointer (changes, g_ptr_array_unref);
      *changes = scan_changes (scan, error);
      return *changes != NULL;
    }
  if (g_str_equal (scan->buf->str, "cursor"))
    {
      *has_cursor = mreza_json_scan_scalar (scan, &v) &&
                    v.type == MREZA_JSON_INT;
      *cursor = v.i;
      return *has_cursor;
    }
  if (g_str_equal (scan->buf->str, "more"))
    {
      if (!mreza_json_scan_scalar (scan, &v))
        return FALSE;
      *more = v.type == MREZA_JSON_BOOL && v.b;
      return TRUE;
    }
  return mreza_json_scan_skip (scan);
}

/**
 * _mreza_sync_parse_pull:
 * @body: a pull answer
 * @length: its length
 * @cursor: (out): the coordinator's sequence after this page
 * @more: (out): whether more pages wait
 * @error: return location for a #GError
 *
 * Parses and validates a whole page before anything is applied: the
 * table and column names end up in SQL, so every one is checked against
 * the schema description. The page is scanned once, without a JSON
 * tree.
 *
 * Returns: (transfer full) (element-type MrezaChange): the changes
 */
GPtrArray *
_mreza_sync_parse_pull (const char  *body,
                        gsize        length,
                        gint64      *cursor,
                        gboolean    *more,
                        GError     **error)
{
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) local_error = NULL;
  MrezaJsonScan scan;
  gboolean has_cursor = FALSE, ok = FALSE;

  *more = FALSE;
  if (!g_utf8_validate_len (body, length, NULL))
    return invalid_answer (error, _("not UTF-8")), NULL;

  mreza_json_scan_init (&scan, body, length);
  if (mreza_json_scan_char (&scan, '{'))
    {
      if (mreza_json_scan_char (&scan, '}'))
        ok = TRUE;
      else
        {
          do
            ok = scan_pull_member (&scan, &changes, cursor, &has_cursor, more,
                                   &local_error);
          while (ok && mreza_json_scan_char (&scan, ','));
          ok = ok && mreza_json_scan_char (&scan, '}');
        }
      ok = ok && mreza_json_scan_at_end (&scan);
    }
  if (!ok && local_error == NULL)
    mreza_json_scan_set_error (&scan, body, &local_error);
  mreza_json_scan_clear (&scan);

  if (local_error != NULL && local_error->domain == MREZA_SYNC_ERROR)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!ok)
    return invalid_answer (error, local_error->message), NULL;
  if (changes == NULL || !has_cursor)
    return invalid_answer (error, _("it lacks changes or a cursor")), NULL;

  return g_steal_pointer (&changes);
}

static char *build_push_after (sqlite3     *db,
                               const char  *device,
                               gint64       after,
                               guint        limit,
                               gint64      *last_seq,
                               guint       *n_changes,
                               GError     **error);

/**
 * _mreza_sync_build_push:
 * @db: the replica
 * @device: this device's id
 * @limit: the most changes in the batch
 * @last_seq: (out): the outbox sequence of the batch's last change
 * @n_changes: (out): how many changes the batch holds
 * @error: return location for a #GError
 *
 * Writes the oldest changes of the outbox as a push body. The fields
 * are JSON already (the triggers wrote them with SQLite's json
 * functions), so they are copied, not parsed.
 *
 * Returns: (transfer full): the body
 */
char *
_mreza_sync_build_push (sqlite3     *db,
                        const char  *device,
                        guint        limit,
                        gint64      *last_seq,
                        guint       *n_changes,
                        GError     **error)
{
  return build_push_after (db, device, 0, limit, last_seq, n_changes, error);
}

/* The push body of the outbox's oldest changes after @after. */
static char *
build_push_after (sqlite3     *db,
                  const char  *device,
                  gint64       after,
                  guint        limit,
                  gint64      *last_seq,
                  guint       *n_changes,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GString *out = g_string_sized_new (256 * limit);
  int rc;

  *last_seq = 0;
  *n_changes = 0;
  stmt = _mreza_sql_prepare (db, "SELECT seq, tbl, row_id, op, hlc, fields,"
                                 " bases FROM sync_outbox WHERE seq > ?2"
                                 " ORDER BY seq LIMIT ?1", error);
  if (stmt == NULL)
    return (g_string_free (out, TRUE), NULL);
  sqlite3_bind_int (stmt, 1, limit);
  sqlite3_bind_int64 (stmt, 2, after);

  g_string_append_printf (out, "{\"protocol\":%d,\"schema\":%d,\"device\":",
                          MREZA_PROTOCOL_VERSION, MREZA_SYNC_SCHEMA);
  mreza_protocol_append_string (out, device);
  g_string_append (out, ",\"changes\":[");

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *last_seq = sqlite3_column_int64 (stmt, 0);
      g_string_append_printf (out, "%s[%" G_GINT64_FORMAT ",",
                              (*n_changes)++ ? "," : "", *last_seq);
      mreza_protocol_append_string (out, _mreza_sql_text (stmt, 1));
      g_string_append_c (out, ',');
      mreza_protocol_append_string (out, _mreza_sql_text (stmt, 2));
      g_string_append_c (out, ',');
      mreza_protocol_append_string (out, _mreza_sql_text (stmt, 3));
      g_string_append_c (out, ',');
      mreza_protocol_append_string (out, _mreza_sql_text (stmt, 4));
      g_string_append_printf (out, ",%s,%s]", _mreza_sql_text (stmt, 5),
                              _mreza_sql_text (stmt, 6));
    }
  g_string_append (out, "]}");

  if (rc != SQLITE_DONE)
    {
      _mreza_sql_set_error (db, rc, error, "Cannot read the outbox");
      return (g_string_free (out, TRUE), NULL);
    }

  return g_string_free (out, FALSE);
}

/* sync_state: small facts about this replica's sync. */

static gboolean
set_state (sqlite3     *db,
           const char  *key,
           const char  *value,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _mreza_sql_prepare (db, "INSERT OR REPLACE INTO sync_state"
                                 " (key, value) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _mreza_sql_set_error (db, SQLITE_ERROR, error, "Cannot save sync state");
      return FALSE;
    }

  return TRUE;
}

/**
 * mreza_sync_dup_state:
 * @store: a replica
 * @key: url, team_name, role, cursor, last_sync, last_error…
 *
 * Returns: (transfer full) (nullable): the value
 */
char *
mreza_sync_dup_state (MrezaStore *store,
                      const char *key)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MREZA_IS_STORE (store), NULL);

  stmt = _mreza_sql_prepare (mreza_store_get_db (store),
                             "SELECT value FROM sync_state WHERE key = ?1",
                             NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  return g_strdup (_mreza_sql_text (stmt, 0));
}

gboolean
mreza_sync_is_joined (MrezaStore *store)
{
  g_autofree char *url = mreza_sync_dup_state (store, "url");

  return url != NULL;
}

static gint64
count (MrezaStore *store,
       const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _mreza_sql_prepare (mreza_store_get_db (store), sql, NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return -1;

  return sqlite3_column_int64 (stmt, 0);
}

gint64
mreza_sync_count_pending (MrezaStore *store)
{
  g_return_val_if_fail (MREZA_IS_STORE (store), -1);

  /* The outbox only ever loses a prefix (up to an acknowledged seq), so
   * its rows are contiguous: two rowid look-ups instead of a scan of a
   * possibly huge table, which the app's status polls. (One query with
   * both min() and max() would scan: SQLite optimizes only a lone one.) */
  return count (store, "SELECT coalesce ((SELECT max (seq) FROM sync_outbox)"
                       " - (SELECT min (seq) FROM sync_outbox) + 1, 0)");
}

gint64
mreza_sync_count_conflicts (MrezaStore *store)
{
  g_return_val_if_fail (MREZA_IS_STORE (store), -1);

  return count (store, "SELECT count(*) FROM sync_conflict"
                       " WHERE resolved_at IS NULL");
}

/**
 * mreza_sync_token_path:
 * @store: a replica
 *
 * The device token is a secret: it is kept beside the replica in a
 * file only its owner can read (the app keeps it with libsecret when a
 * secret service runs).
 *
 * Returns: (transfer full): the token file's path
 */
char *
mreza_sync_token_path (MrezaStore *store)
{
  g_return_val_if_fail (MREZA_IS_STORE (store), NULL);

  return g_strconcat (mreza_store_get_path (store), ".token", NULL);
}

static char *
read_token (MrezaStore  *store,
            GError     **error)
{
  g_autofree char *path = mreza_sync_token_path (store);
  g_autofree char *token = NULL;

  if (!g_file_get_contents (path, &token, NULL, NULL))
    {
      g_set_error (error, MREZA_SYNC_ERROR, MREZA_SYNC_ERROR_NOT_JOINED,
                   _("This replica has no device token: join a coordinator "
                     "first."));
      return NULL;
    }

  return g_strstrip (g_steal_pointer (&token));
}

typedef struct
{
  SoupSession *session;
  char        *url;
  char        *ca;
  char        *pin;
  char        *token;
} Client;

static void
client_clear (Client *client)
{
  g_clear_object (&client->session);
  g_clear_pointer (&client->url, g_free);
  g_clear_pointer (&client->ca, g_free);
  g_clear_pointer (&client->pin, g_free);
  g_clear_pointer (&client->token, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Client, client_clear)

/* A pinned certificate: accepted when its SHA-256 matches, whatever the
 * system's trust store says. Anything else is refused. */
static gboolean
accept_certificate_cb (SoupMessage          *msg,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       Client               *client)
{
  g_autoptr(GByteArray) der = NULL;
  g_autofree char *sum = NULL;

  if (client->pin == NULL)
    return FALSE;

  g_object_get (certificate, "certificate", &der, NULL);
  sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, der->data, der->len);

  return g_ascii_strcasecmp (sum, client->pin) == 0;
}

static gboolean
client_init (Client      *client,
             const char  *url,
             const char  *ca_file,
             const char  *pin,
             GError     **error)
{
  client->session = soup_session_new_with_options ("timeout", HTTP_TIMEOUT_S,
                                                   "user-agent",
                                                   "mreza/" PACKAGE_VERSION,
                                                   NULL);
  client->url = g_strdup (url);
  client->ca = g_strdup (ca_file);
  client->pin = g_strdup (pin);

  if (!g_str_has_prefix (url, "https://"))
    {
      g_set_error (error, MREZA_SYNC_ERROR, MREZA_SYNC_ERROR_TLS,
                   _("“%s” is not an https:// address: Mreža only talks to "
                     "a coordinator over a verified connection."), url);
      return FALSE;
    }

  if (ca_file != NULL && *ca_file != '\0')
    {
      g_autofree char *abs = g_canonicalize_filename (ca_file, NULL);
      g_autoptr(GTlsDatabase) db = g_tls_file_database_new (abs, error);

      if (db == NULL)
        return FALSE;
      soup_session_set_tls_database (client->session, db);
    }

  return TRUE;
}

/* A client for the coordinator this replica joined, with its token
 * (@token, or the one kept for it). */
static gboolean
client_open (Client      *client,
             MrezaStore  *store,
             const char  *token,
             GError     **error)
{
  g_autofree char *url = mreza_sync_dup_state (store, "url");
  g_autofree char *ca = mreza_sync_dup_state (store, "ca_file");
  g_autofree char *pin = mreza_sync_dup_state (store, "pin");

  if (url == NULL)
    {
      g_set_error (error, MREZA_SYNC_ERROR, MREZA_SYNC_ERROR_NOT_JOINED,
                   _("This replica has not joined a coordinator."));
      return FALSE;
    }
  if (!client_init (client, url, ca, pin, error))
    return FALSE;
  client->token = token ? g_strdup (token) : read_token (store, error);
  return client->token != NULL;
}

static gboolean
map_transport_error (GError **error)
{
  GError *e = *error;

  /* Only a certificate that was not trusted is a TLS refusal; a
   * connection cut in the middle of TLS records is the network's. */
  if (g_error_matches (e, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE) ||
      g_error_matches (e, G_TLS_ERROR, G_TLS_ERROR_CERTIFICATE_REQUIRED))
    {
      g_autofree char *message = g_strdup (e->message);

      g_clear_error (error);
      g_set_error (error, MREZA_SYNC_ERROR, MREZA_SYNC_ERROR_TLS,
                   _("The coordinator’s certificate could not be verified "
                     "(%s). Nothing was sent."), message);
    }
  else if (!g_error_matches (e, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = g_strdup (e->message);

      g_clear_error (error);
      g_set_error (error, MREZA_SYNC_ERROR, MREZA_SYNC_ERROR_NETWORK,
                   _("Cannot reach the coordinator (%s). Your changes are "
                     "kept and will be sent later."), message);
    }

  return FALSE;
}

static void
set_status_error (guint        status,
                  GBytes      *body,
                  GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  const char *message = NULL;
  int code = MREZA_SYNC_ERROR_FAILED;
  gsize len = 0;
  const char *data = body ? g_bytes_get_data (body, &len) : NULL;

  if (data != NULL && len > 0)
    root = mreza_json_parse_wire (data, len, NULL);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    message = json_object_get_string_member_with_default (
      json_node_get_object (root), "error", NULL);

  switch (status)
    {
    case 401: code = MREZA_SYNC_ERROR_UNAUTHORIZED; break;
    case 403: code = MREZA_SYNC_ERROR_FORBIDDEN; break;
    case 409: code = MREZA_SYNC_ERROR_SERVER_TOO_OLD; break;
    case 426: code = MREZA_SYNC_ERROR_CLIENT_TOO_OLD; break;
    case 429: code = MREZA_SYNC_ERROR_RATE_LIMITED; break;
    default: break;
    }

  g_set_error (error, MREZA_SYNC_ERROR, code,
               _("The coordinator refused (%u): %s"), status,
               message ? message : soup_status_get_phrase (status));
}

/* Sends one request and returns the 200 answer's body. */
static GBytes *
client_send (Client        *client,
             const char    *method,
             const char    *path,
             const char    *body,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autofree char *uri = g_strconcat (client->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GBytes) answer = NULL;
  guint status;

  if (msg == NULL)
    {
      g_set_error (error, MREZA_SYNC_ERROR, MREZA_SYNC_ERROR_NETWORK,
                   _("“%s” is not a valid address"), uri);
      return NULL;
    }

  g_signal_connect (msg, "accept-certificate",
                    G_CALLBACK (accept_certificate_cb), client);
  if (client->token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", client->token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg),
                                    "Authorization", auth);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json",
                                                bytes);
    }

  answer = soup_session_send_and_read (client->session, msg, cancellable,
                                       error);
  if (answer == NULL)
    return map_transport_error (error), NULL;

  status = soup_message_get_status (msg);
  if (status != SOUP_STATUS_OK)
    {
      set_status_error (status, answer, error);
      return NULL;
    }

  return g_steal_pointer (&answer);
}

static JsonObject *
answer_object (GBytes  *answer,
               GError **error)
{
  g_autoptr(JsonNode) root = NULL;
  gsize len;
  const char *data = g_bytes_get_data (answer, &len);

  root = mreza_json_parse_wire (data, len, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, MREZA_SYNC_ERROR, MREZA_SYNC_ERROR_BAD_RESPONSE,
                   _("The coordinator’s answer is not valid JSON"));
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

/**
 * mreza_sync_write_token_file:
 * @replica_path: the replica's file
 * @token: the device token
 * @error: return location for a #GError
 *
 * Keeps @token beside the replica in a file only its owner can read:
 * what the CLI always does, and the app when no secret service runs.
 *
 * Returns: %TRUE on success
 */
gboolean
mreza_sync_write_token_file (const char  *replica_path,
                             const char  *token,
                             GError     **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (replica_path != NULL, FALSE);
  g_return_val_if_fail (token != NULL, FALSE);

  path = g_strconcat (replica_path, ".token", NULL);
  return g_file_set_contents_full (path, token, -1,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                   error);
}

/**
 * mreza_sync_join_full:
 * @store: a replica
 * @url: the coordinator, `https://host:port`
 * @code: the one-time enrollment code
 * @ca_file: (nullable): a CA or certificate file to trust
 * @pin_sha256: (nullable): the SHA-256 of the coordinator's certificate
 *   to accept, as hex (the fingerprint a person confirmed)
 * @device_name: (nullable): how the coordinator lists this device
 * @token_out: (out) (optional): where to return the device token
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Exchanges the code for a device token and remembers the coordinator.
 * This replica then takes the device id the coordinator gave it. With
 * @token_out the token is returned for the caller to keep (the app
 * keeps it with libsecret); without, it is written to the token file.
 *
 * Returns: %TRUE on success
 */
gboolean
mreza_sync_join_full (MrezaStore    *store,
                      const char    *url,
                      const char    *code,
                      const char    *ca_file,
                      const char    *pin_sha256,
                      const char    *device_name,
                      char         **token_out,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_auto(Client) client = { 0 };
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(JsonObject) obj = NULL;
  g_autofree char *abs_ca = NULL;
  sqlite3 *db;
  const char *device, *token;

  g_return_val_if_fail (MREZA_IS_STORE (store), FALSE);
  g_return_val_if_fail (url != NULL && code != NULL, FALSE);

  if (!client_init (&client, url, ca_file, pin_sha256, error))
    return FALSE;

  g_string_append_printf (body, "{\"protocol\":%d,\"code\":",
                          MREZA_PROTOCOL_VERSION);
  mreza_protocol_append_string (body, code);
  g_string_append (body, ",\"name\":");
  mreza_protocol_append_string (body, device_name ? device_name : g_get_host_name ());
  g_string_append_c (body, '}');

  answer = client_send (&client, "POST", "/v1/enroll", body->str, cancellable,
                        error);
  if (answer == NULL || !(obj = answer_object (answer, error)))
    return FALSE;

  device = json_object_get_string_member_with_default (obj, "device", NULL);
  token = json_object_get_string_member_with_default (obj, "token", NULL);
  if (!g_uuid_string_is_valid (device) || token == NULL || *token == '\0')
    {
      g_set_error (error, MREZA_SYNC_ERROR, MREZA_SYNC_ERROR_BAD_RESPONSE,
                   _("The coordinator’s answer lacks a device or a token"));
      return FALSE;
    }

  if (token_out == NULL &&
      !mreza_sync_write_token_file (mreza_store_get_path (store), token,
                                    error))
    return FALSE;

  db = mreza_store_get_db (store);
  if (ca_file != NULL)
    abs_ca = g_canonicalize_filename (ca_file, NULL);
  if (!_mreza_sql_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!set_state (db, "url", url, error) ||
      !set_state (db, "ca_file", abs_ca, error) ||
      !set_state (db, "pin", pin_sha256, error) ||
      !set_state (db, "device", device, error) ||
      !set_state (db, "team", json_object_get_string_member_with_default (
                    obj, "team", NULL), error) ||
      !set_state (db, "team_name", json_object_get_string_member_with_default (
                    obj, "team_name", NULL), error) ||
      !set_state (db, "role", json_object_get_string_member_with_default (
                    obj, "role", NULL), error) ||
      !_mreza_sql_exec (db, "INSERT OR REPLACE INTO sync_state (key, value)"
                            " VALUES ('cursor', 0)", error) ||
      !_mreza_sql_exec (db, "COMMIT", error))
    {
      _mreza_sql_exec (db, "ROLLBACK", NULL);
      return FALSE;
    }

  if (token_out != NULL)
    *token_out = g_strdup (token);
  return TRUE;
}

/**
 * mreza_sync_join:
 * @store: a replica
 * @url: the coordinator, `https://host:port`
 * @code: the one-time enrollment code
 * @ca_file: (nullable): a CA or certificate file to trust
 * @pin_sha256: (nullable): the SHA-256 of the coordinator's certificate
 * @device_name: (nullable): how the coordinator lists this device
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * mreza_sync_join_full() keeping the token in the token file.
 *
 * Returns: %TRUE on success
 */
gboolean
mreza_sync_join (MrezaStore    *store,
                 const char    *url,
                 const char    *code,
                 const char    *ca_file,
                 const char    *pin_sha256,
                 const char    *device_name,
                 GCancellable  *cancellable,
                 GError       **error)
{
  return mreza_sync_join_full (store, url, code, ca_file, pin_sha256,
                               device_name, NULL, cancellable, error);
}

/* The sync's cancellable also cancels a helper thread's request. */
static void
outer_cancelled_cb (GCancellable *outer,
                    GCancellable *inner)
{
  g_cancellable_cancel (inner);
}

/* A push batch is sent by a thread of its own while the next one is
 * read from the outbox, so that the coordinator finds the next batch
 * waiting as soon as it answered. Batches still go one at a time, in
 * order: the coordinator must commit a device's changes in sequence.
 *
 * THREAD SAFETY: the courier owns its Client (a SoupSession made and
 * used on its thread). Bodies pass to it through @bodies and answers
 * come back through @answers; the store's connection stays on the
 * calling thread, which stops and joins the courier before returning. */
typedef struct
{
  GBytes *answer;   /* NULL on error */
  GError *error;
} Answer;

typedef struct
{
  Client        client;
  GCancellable *cancellable;
  gulong        chained;
  GCancellable *outer;
  GAsyncQueue  *bodies;   /* char *, or "" to stop */
  GAsyncQueue  *answers;  /* Answer * */
  GThread      *thread;
} Courier;

static char courier_stop_body[] = "";

static void
answer_free (Answer *answer)
{
  g_clear_pointer (&answer->answer, g_bytes_unref);
  g_clear_error (&answer->error);
  g_free (answer);
}

/* Once a batch failed, the batches queued after it are not sent: the
 * coordinator must not commit a later batch of this device without the
 * earlier one. A 200 answer comes only after the batch committed. */
static gpointer
courier_thread (gpointer data)
{
  Courier *c = data;
  gboolean failed = FALSE;

  for (;;)
    {
      g_autofree char *body = g_async_queue_pop (c->bodies);
      Answer *answer;

      if (body == courier_stop_body)
        {
          g_steal_pointer (&body);
          break;
        }
      answer = g_new0 (Answer, 1);
      if (failed)
        g_set_error_literal (&answer->error, MREZA_SYNC_ERROR,
                             MREZA_SYNC_ERROR_NETWORK,
                             _("Changes were not sent after a batch that "
                               "failed. They are kept and will be sent "
                               "later."));
      else
        answer->answer = client_send (&c->client, "POST", "/v1/push", body,
                                      c->cancellable, &answer->error);
      failed = answer->answer == NULL;
      g_async_queue_push (c->answers, answer);
    }

  return NULL;
}

static gboolean
courier_start (Courier       *c,
               Client        *client,
               GCancellable  *cancellable,
               GError       **error)
{
  if (!client_init (&c->client, client->url, client->ca, client->pin, error))
    return FALSE;
  c->client.token = g_strdup (client->token);
  c->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      c->outer = g_object_ref (cancellable);
      c->chained = g_cancellable_connect (cancellable,
                                          G_CALLBACK (outer_cancelled_cb),
                                          c->cancellable, NULL);
    }
  c->bodies = g_async_queue_new ();
  c->answers = g_async_queue_new_full ((GDestroyNotify) answer_free);
  c->thread = g_thread_new ("mreza-push", courier_thread, c);

  return TRUE;
}

static void
courier_stop (Courier *c)
{
  if (c->thread != NULL)
    {
      g_cancellable_cancel (c->cancellable);
      g_async_queue_push (c->bodies, courier_stop_body);
      g_thread_join (g_steal_pointer (&c->thread));
    }
  if (c->outer != NULL)
    g_cancellable_disconnect (c->outer, c->chained);
  g_clear_object (&c->outer);
  g_clear_object (&c->cancellable);
  g_clear_pointer (&c->bodies, g_async_queue_unref);
  g_clear_pointer (&c->answers, g_async_queue_unref);
  client_clear (&c->client);
}

/* Drops the acknowledged changes, and checks the answer names one of
 * those sent (up to @last_seq). */
static gboolean
take_ack (sqlite3         *db,
          Answer          *answer,
          gint64           last_seq,
          gint64          *acked,
          MrezaSyncStats  *stats,
          GError         **error)
{
  g_autoptr(JsonObject) obj = NULL;
  g_autoptr(sqlite3_stmt) drop = NULL;

  if (answer->answer == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&answer->error));
      return FALSE;
    }
  if (!(obj = answer_object (answer->answer, error)))
    return FALSE;

  *acked = json_object_get_int_member_with_default (obj, "acked", -1);
  if (*acked < 1 || *acked > last_seq)
    {
      g_set_error (error, MREZA_SYNC_ERROR, MREZA_SYNC_ERROR_BAD_RESPONSE,
                   _("The coordinator acknowledged changes it was not "
                     "sent"));
      return FALSE;
    }

  /* Only now, after the coordinator committed them. */
  drop = _mreza_sql_prepare (db, "DELETE FROM sync_outbox WHERE seq <= ?1",
                             error);
  if (drop == NULL)
    return FALSE;
  sqlite3_bind_int64 (drop, 1, *acked);
  if (sqlite3_step (drop) != SQLITE_DONE)
    {
      _mreza_sql_set_error (db, SQLITE_ERROR, error, "Cannot clear the "
                            "outbox");
      return FALSE;
    }
  stats->pushed += sqlite3_changes (db);
  return TRUE;
}

/* Pushes the oldest @limit changes of the outbox and waits for the
 * answer (@n_sent: how many there were; none is no error): the slow,
 * plain way, for finding a refused change. */
static gboolean
push_batch (Client          *client,
            sqlite3         *db,
            const char      *device,
            guint            limit,
            MrezaSyncStats  *stats,
            guint           *n_sent,
            GCancellable    *cancellable,
            GError         **error)
{
  g_autofree char *body = NULL;
  Answer answer = { NULL, NULL };
  gint64 last_seq, acked;
  gboolean ok;

  body = _mreza_sync_build_push (db, device, limit, &last_seq, n_sent, error);
  if (body == NULL)
    return FALSE;
  if (*n_sent == 0)
    return TRUE;

  answer.answer = client_send (client, "POST", "/v1/push", body, cancellable,
                               &answer.error);
  ok = take_ack (db, &answer, last_seq, &acked, stats, error);
  g_clear_pointer (&answer.answer, g_bytes_unref);
  g_clear_error (&answer.error);
  return ok;
}

static gboolean push_until_refused (Client          *client,
                                    sqlite3         *db,
                                    const char      *device,
                                    guint            n,
                                    MrezaSyncStats  *stats,
                                    GCancellable    *cancellable,
                                    GError         **error);

/* The outbox's changes up to @last_seq: after the batches before it
 * were acknowledged, the batch that ends there. */
static guint
count_up_to (sqlite3 *db,
             gint64   last_seq)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _mreza_sql_prepare (db, "SELECT count (*) FROM sync_outbox"
                                 " WHERE seq <= ?1", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, last_seq);
  return sqlite3_step (stmt) == SQLITE_ROW
    ? (guint) sqlite3_column_int64 (stmt, 0) : 0;
}

/* At most this many batches are handed to the courier at once: one
 * sent, the next waiting to go as soon as the answer came. */
#define BATCHES_AHEAD 2

static gboolean
push_all (Client          *client,
          MrezaStore      *store,
          const char      *device,
          MrezaSyncStats  *stats,
          MrezaSyncProgress progress,
          gpointer         user_data,
          GCancellable    *cancellable,
          GError         **error)
{
  sqlite3 *db = mreza_store_get_db (store);
  Courier courier = { 0 };
  gint64 sent[BATCHES_AHEAD];
  gint64 after = 0, failed_seq = 0;
  guint first = 0, outstanding = 0;
  gboolean exhausted = FALSE, ok = TRUE;

  while (ok)
    {
      Answer *answer;
      gint64 acked = 0;

      /* The next batches, read while the coordinator takes this one. */
      while (ok && !exhausted && outstanding < BATCHES_AHEAD)
        {
          g_autofree char *body = NULL;
          gint64 last_seq;
          guint n;

          body = build_push_after (db, device, after, BATCH, &last_seq, &n,
                                   error);
          if (body == NULL)
            ok = FALSE;
          else if (n == 0)
            exhausted = TRUE;
          else if (courier.thread == NULL &&
                   !courier_start (&courier, client, cancellable, error))
            ok = FALSE;
          else
            {
              g_async_queue_push (courier.bodies, g_steal_pointer (&body));
              sent[(first + outstanding++) % BATCHES_AHEAD] = last_seq;
              after = last_seq;
            }
        }
      if (!ok || outstanding == 0)
        break;

      answer = g_async_queue_pop (courier.answers);
      ok = take_ack (db, answer, sent[first], &acked, stats, error);
      answer_free (answer);
      if (!ok)
        failed_seq = sent[first];
      /* The whole batch, or the next batch may have gone already. */
      if (ok && acked != sent[first])
        {
          g_set_error (error, MREZA_SYNC_ERROR, MREZA_SYNC_ERROR_BAD_RESPONSE,
                       _("The coordinator acknowledged part of a batch"));
          ok = FALSE;
        }
      first = (first + 1) % BATCHES_AHEAD;
      outstanding--;
      if (ok && progress != NULL)
        progress (stats, user_data);
    }

  courier_stop (&courier);

  /* A refused batch: the changes before the refused one still go. */
  if (!ok && failed_seq > 0 && error != NULL &&
      g_error_matches (*error, MREZA_SYNC_ERROR, MREZA_SYNC_ERROR_FORBIDDEN))
    return push_until_refused (client, db, device,
                               count_up_to (db, failed_seq), stats,
                               cancellable, error);
  return ok;
}

/* Pages are committed together up to this many changes (and always at
 * the end of a sync, or when the network fails): see MrezaSyncApply. */
#define APPLY_RUN 50000
/* In a bulk load, whose rows go to the ends of their tables, the one
 * index still written at random (each table's id) is rewritten whole at
 * every commit: longer runs write it fewer times. A kill loses at most
 * the run in progress, pulled again by the next sync. */
#define APPLY_RUN_BULK 100000
/* The page cache while pulling, in KiB: random UUID keys touch b-tree
 * leaves all over the replica, and a leaf evicted mid-run is written
 * and read back. Peak memory stays far below what an initial pull of a
 * million rows may use (300 MB). */
#define PULL_CACHE_KIB 131072

static gboolean
commit_run (MrezaSyncApply **run,
            GError         **error)
{
  if (*run == NULL)
    return TRUE;
  return _mreza_sync_apply_commit (g_steal_pointer (run), error);
}

/* Applies a page in the current run, opening one if needed, and
 * commits the run when it is long enough or the pull ends. */
static gboolean
apply_pulled (MrezaStore      *store,
              MrezaSyncApply **run,
              GPtrArray       *changes,
              gint64           next,
              gboolean         more,
              gint64          *in_run,
              gint64          *conflicts,
              MrezaSyncStats  *stats,
              GError         **error)
{
  /* A first page that is not the last into an empty replica: an
   * initial pull worth loading in bulk (mreza-sync-bulk.c). */
  if (stats->pulled == 0 && more && *run == NULL &&
      !_mreza_sync_bulk_try_begin (mreza_store_get_db (store), error))
    return FALSE;
  if (*run == NULL &&
      !(*run = _mreza_sync_apply_begin (mreza_store_get_db (store), error)))
    return FALSE;
  if (!_mreza_sync_apply_page (*run, changes, next, conflicts, error))
    {
      _mreza_sync_apply_rollback (g_steal_pointer (run));
      return FALSE;
    }
  *in_run += changes->len;
  if (*in_run >= (_mreza_sync_apply_is_bulk (*run) ? APPLY_RUN_BULK
                                                   : APPLY_RUN) ||
      !more || changes->len == 0)
    {
      if (!commit_run (run, error))
        return FALSE;
      *in_run = 0;
    }
  return TRUE;
}

/* Pages are fetched and parsed by a thread of its own while the
 * previous page is applied, so that the coordinator's work, the
 * transfer and the parse overlap with the writes.
 *
 * THREAD SAFETY: the fetcher owns its Client (a SoupSession made and
 * used on its thread) and its cursor; pages pass to the applying
 * thread through @pages, which then owns them; @credits bounds how many
 * pages are fetched ahead. The applier cancels @cancellable and joins
 * the thread before it returns. */
typedef struct
{
  GPtrArray *changes;   /* NULL on error */
  gint64     cursor;
  gboolean   more;
  GError    *error;
} Page;

#define PAGES_AHEAD 2

typedef struct
{
  Client        client;
  gint64        after;
  GCancellable *cancellable;
  gulong        chained;
  GCancellable *outer;
  GAsyncQueue  *pages;    /* Page *, fetcher → applier */
  GAsyncQueue  *credits;  /* pages the fetcher may fetch, applier → fetcher */
  GThread      *thread;
} Fetcher;

static void
page_free (Page *page)
{
  g_clear_pointer (&page->changes, g_ptr_array_unref);
  g_clear_error (&page->error);
  g_free (page);
}

static Page *
fetch_page (Fetcher *f)
{
  g_autofree char *path = NULL;
  g_autoptr(GBytes) answer = NULL;
  Page *page = g_new0 (Page, 1);
  const char *data;
  gsize len;

  path = g_strdup_printf ("/v1/pull?after=%" G_GINT64_FORMAT "&limit=%d"
                          "&protocol=%d&schema=%d", f->after, BATCH,
                          MREZA_PROTOCOL_VERSION, MREZA_SYNC_SCHEMA);
  answer = client_send (&f->client, "GET", path, NULL, f->cancellable,
                        &page->error);
  if (answer == NULL)
    return page;

  data = g_bytes_get_data (answer, &len);
  page->changes = _mreza_sync_parse_pull (data, len, &page->cursor,
                                          &page->more, &page->error);
  if (page->changes != NULL && page->cursor < f->after)
    {
      g_clear_pointer (&page->changes, g_ptr_array_unref);
      g_set_error (&page->error, MREZA_SYNC_ERROR,
                   MREZA_SYNC_ERROR_BAD_RESPONSE,
                   _("The coordinator’s cursor went backwards"));
    }
  return page;
}

static gpointer
fetch_thread (gpointer data)
{
  Fetcher *f = data;

  for (;;)
    {
      Page *page;
      gboolean last;

      g_async_queue_pop (f->credits);
      if (g_cancellable_is_cancelled (f->cancellable))
        break;

      page = fetch_page (f);
      last = page->changes == NULL || !page->more || page->changes->len == 0;
      f->after = page->cursor;
      g_async_queue_push (f->pages, page);
      if (last)
        break;
    }

  return NULL;
}

static gboolean
fetcher_start (Fetcher       *f,
               Client        *client,
               gint64         after,
               GCancellable  *cancellable,
               GError       **error)
{
  if (!client_init (&f->client, client->url, client->ca, client->pin, error))
    return FALSE;
  f->client.token = g_strdup (client->token);
  f->after = after;
  f->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      f->outer = g_object_ref (cancellable);
      f->chained = g_cancellable_connect (cancellable,
                                          G_CALLBACK (outer_cancelled_cb),
                                          f->cancellable, NULL);
    }
  f->pages = g_async_queue_new_full ((GDestroyNotify) page_free);
  f->credits = g_async_queue_new ();
  for (guint i = 0; i < PAGES_AHEAD; i++)
    g_async_queue_push (f->credits, GINT_TO_POINTER (1));
  f->thread = g_thread_new ("mreza-pull", fetch_thread, f);

  return TRUE;
}

static void
fetcher_stop (Fetcher *f)
{
  if (f->thread != NULL)
    {
      g_cancellable_cancel (f->cancellable);
      g_async_queue_push (f->credits, GINT_TO_POINTER (1));
      g_thread_join (g_steal_pointer (&f->thread));
    }
  if (f->outer != NULL)
    g_cancellable_disconnect (f->outer, f->chained);
  g_clear_object (&f->outer);
  g_clear_object (&f->cancellable);
  g_clear_pointer (&f->pages, g_async_queue_unref);
  g_clear_pointer (&f->credits, g_async_queue_unref);
  client_clear (&f->client);
}

static gboolean
pull_pages (Client          *client,
            MrezaStore      *store,
            MrezaSyncApply **run,
            MrezaSyncStats  *stats,
            MrezaSyncProgress progress,
            gpointer         user_data,
            GCancellable    *cancellable,
            GError         **error)
{
  g_autofree char *saved = mreza_sync_dup_state (store, "cursor");
  gint64 cursor = saved ? g_ascii_strtoll (saved, NULL, 10) : 0;
  gint64 in_run = 0;
  gboolean more = TRUE;
  gboolean ok = TRUE;
  Fetcher fetcher = { 0 };

  if (!fetcher_start (&fetcher, client, cursor, cancellable, error))
    {
      fetcher_stop (&fetcher);
      return FALSE;
    }

  while (ok && more)
    {
      Page *page = g_async_queue_pop (fetcher.pages);
      GPtrArray *changes = page->changes;
      gint64 next = page->cursor, conflicts = 0;

      if (changes == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&page->error));
          page_free (page);
          ok = FALSE;
          break;
        }
      more = page->more;
      /* The next page is fetched while this one is applied. */
      g_async_queue_push (fetcher.credits, GINT_TO_POINTER (1));

      ok = apply_pulled (store, run, changes, next, more, &in_run, &conflicts,
                         stats, error);
      if (ok)
        {
          cursor = next;
          stats->pulled += changes->len;
          stats->conflicts += conflicts;
          stats->cursor = cursor;
          if (progress != NULL)
            progress (stats, user_data);
          if (changes->len == 0)
            more = FALSE;
        }
      page_free (page);
    }

  fetcher_stop (&fetcher);
  return ok;
}

static gboolean
pull_all (Client          *client,
          MrezaStore      *store,
          MrezaSyncStats  *stats,
          MrezaSyncProgress progress,
          gpointer         user_data,
          GCancellable    *cancellable,
          GError         **error)
{
  sqlite3 *db = mreza_store_get_db (store);
  MrezaSyncApply *run = NULL;
  g_autofree char *restore = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  stmt = _mreza_sql_prepare (db, "SELECT cache_size, temp_store"
                                 " FROM pragma_cache_size, pragma_temp_store",
                             error);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  restore = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT ";"
                             "PRAGMA temp_store = %d",
                             (gint64) sqlite3_column_int64 (stmt, 0),
                             sqlite3_column_int (stmt, 1));
  g_clear_pointer (&stmt, sqlite3_finalize);
  /* Checkpoints wait for the end of the pull: each would copy the run
   * just committed into the database file and sync it, while the next
   * run rewrites many of the same pages. Statement journals stay in
   * memory: every insert of a row with triggers copies the pages it
   * touches into one, and once a journal outgrew 64 KiB SQLite wrote
   * every later copy of the run to a temporary file (a third of the
   * pull's time went to those writes). One statement's pages at a time,
   * freed when it ends. */
  _mreza_sql_exec (db, "PRAGMA cache_size = -" G_STRINGIFY (PULL_CACHE_KIB) ";"
                       "PRAGMA wal_autocheckpoint = 0;"
                       "PRAGMA temp_store = MEMORY", NULL);

  ok = pull_pages (client, store, &run, stats, progress, user_data,
                   cancellable, &local_error);
  /* The pages applied before a network failure stay applied, with their
   * cursor: the next sync goes on from there. */
  if (!commit_run (&run, ok ? &local_error : NULL))
    ok = FALSE;

  _mreza_sql_exec (db, restore, NULL);
  /* After the pull, failed or not, with the connection's own cache: a
   * sort that outgrows it spills to a temporary file, not to memory. */
  if (!_mreza_sync_bulk_finish (db, ok ? &local_error : NULL))
    ok = FALSE;
  _mreza_sql_exec (db, "PRAGMA wal_autocheckpoint = 1000;"
                       "PRAGMA wal_checkpoint (PASSIVE)", NULL);
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return ok;
}

/**
 * mreza_sync_run:
 * @store: a joined replica, opened on the calling thread
 * @progress: (nullable) (scope call): called after each batch
 * @user_data: for @progress
 * @stats: (out) (optional): what the sync did
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Pushes every local change, then pulls and applies every change of the
 * team after the cursor. Blocks: call it from a worker thread in a UI.
 * On error every local change not acknowledged stays in the outbox, and
 * every page applied stays applied: the next sync goes on from there.
 *
 * Returns: %TRUE on success
 */
gboolean
mreza_sync_run (MrezaStore         *store,
                MrezaSyncProgress   progress,
                gpointer            user_data,
                MrezaSyncStats     *stats,
                GCancellable       *cancellable,
                GError            **error)
{
  return mreza_sync_run_with_token (store, NULL, progress, user_data, stats,
                                    cancellable, error);
}

/* After a sync: tells the coordinator how many changes this device
 * still holds, and keeps what it answers of the teams' sync state and
 * the devices' names (mreza-peers.c). At most once a minute while that
 * count stays the same; a coordinator without /v1/peers is no error. */
static void
exchange_peers (Client        *client,
                MrezaStore    *store,
                gint64         pending,
                GCancellable  *cancellable)
{
  sqlite3 *db = mreza_store_get_db (store);
  g_autofree char *told_at = mreza_sync_dup_state (store, "peers_told_at");
  g_autofree char *told_pending = mreza_sync_dup_state (store,
                                                        "peers_pending");
  g_autofree char *path = NULL;
  g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, pending);
  g_autofree char *now = mreza_now_iso8601 ();
  g_autoptr(GDateTime) last = NULL;
  g_autoptr(GDateTime) current = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data;

  last = told_at != NULL ? g_date_time_new_from_iso8601 (told_at, NULL) : NULL;
  current = g_date_time_new_from_iso8601 (now, NULL);
  if (last != NULL && current != NULL &&
      g_strcmp0 (told_pending, count) == 0 &&
      g_date_time_difference (current, last) < 60 * G_TIME_SPAN_SECOND &&
      g_date_time_difference (current, last) >= 0)
    return;

  path = g_strdup_printf ("/v1/peers?pending=%s", count);
  answer = client_send (client, "GET", path, NULL, cancellable, &error);
  data = answer != NULL ? g_bytes_get_data (answer, &len) : NULL;
  if (data == NULL || !mreza_peers_save (db, data, len, &error))
    {
      g_debug ("The coordinator did not tell its teams: %s",
               error ? error->message : "empty answer");
      return;
    }
  set_state (db, "peers_told_at", now, NULL);
  set_state (db, "peers_pending", count, NULL);
}

/**
 * mreza_sync_run_with_token:
 * @store: a joined replica, opened on the calling thread
 * @token: (nullable): the device token, or %NULL to read the token file
 * @progress: (nullable) (scope call): called after each batch
 * @user_data: for @progress
 * @stats: (out) (optional): what the sync did
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * mreza_sync_run() with a token the caller keeps elsewhere (the app
 * reads it from the secret service).
 *
 * Returns: %TRUE on success
 */
gboolean
mreza_sync_run_with_token (MrezaStore         *store,
                           const char         *token,
                           MrezaSyncProgress   progress,
                           gpointer            user_data,
                           MrezaSyncStats     *stats,
                           GCancellable       *cancellable,
                           GError            **error)
{
  g_auto(Client) client = { 0 };
  g_autofree char *device = NULL;
  g_autofree char *now = NULL;
  g_autoptr(GError) local_error = NULL;
  MrezaSyncStats local_stats = { 0 };
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (MREZA_IS_STORE (store), FALSE);

  db = mreza_store_get_db (store);
  if (!mreza_sync_is_joined (store))
    {
      g_set_error (error, MREZA_SYNC_ERROR, MREZA_SYNC_ERROR_NOT_JOINED,
                   _("This replica has not joined a coordinator."));
      return FALSE;
    }
  device = mreza_sync_dup_state (store, "device");

  ok = client_open (&client, store, token, &local_error) &&
       push_all (&client, store, device, &local_stats, progress, user_data,
                 cancellable, &local_error) &&
       pull_all (&client, store, &local_stats, progress, user_data,
                 cancellable, &local_error);

  /* A change the coordinator refuses waits for a person, and the changes
   * after it with it; what the others sent still arrives. */
  if (!ok && g_error_matches (local_error, MREZA_SYNC_ERROR,
                              MREZA_SYNC_ERROR_FORBIDDEN))
    {
      g_autoptr(GError) pull_error = NULL;

      if (!pull_all (&client, store, &local_stats, progress, user_data,
                     cancellable, &pull_error))
        g_debug ("Pulling after a refused change failed: %s",
                 pull_error->message);
    }

  local_stats.pending = mreza_sync_count_pending (store);
  if (stats != NULL)
    *stats = local_stats;

  now = mreza_now_iso8601 ();
  if (ok)
    {
      exchange_peers (&client, store, local_stats.pending, cancellable);
      set_state (db, "last_sync", now, NULL);
      _mreza_sql_exec (db, "DELETE FROM sync_state WHERE key = 'last_error'",
                       NULL);
      return TRUE;
    }

  set_state (db, "last_error", local_error->message, NULL);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/**
 * mreza_sync_wait_for_changes:
 * @store: a joined replica, opened on the calling thread
 * @token: (nullable): the device token, or %NULL to read the token file
 * @wait_s: how long the coordinator may hold the request, in seconds
 * @changes: (out): whether changes wait to be pulled
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * A long poll: asks for the first change after this replica's cursor,
 * which the coordinator answers as soon as one exists, or empty after
 * @wait_s. Nothing is applied: the caller syncs when @changes is set,
 * so that a change saved on one laptop reaches the others in about a
 * second. Blocks: call it from a worker thread.
 *
 * Returns: %TRUE on success
 */
gboolean
mreza_sync_wait_for_changes (MrezaStore    *store,
                             const char    *token,
                             guint          wait_s,
                             gboolean      *changes,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_auto(Client) client = { 0 };
  g_autofree char *url = NULL;
  g_autofree char *ca = NULL;
  g_autofree char *pin = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GPtrArray) page = NULL;
  const char *data;
  gint64 next;
  gboolean more;
  gsize len;

  g_return_val_if_fail (MREZA_IS_STORE (store), FALSE);
  g_return_val_if_fail (changes != NULL, FALSE);

  *changes = FALSE;
  url = mreza_sync_dup_state (store, "url");
  if (url == NULL)
    {
      g_set_error (error, MREZA_SYNC_ERROR, MREZA_SYNC_ERROR_NOT_JOINED,
                   _("This replica has not joined a coordinator."));
      return FALSE;
    }
  ca = mreza_sync_dup_state (store, "ca_file");
  pin = mreza_sync_dup_state (store, "pin");
  saved = mreza_sync_dup_state (store, "cursor");

  if (!client_init (&client, url, ca, pin, error))
    return FALSE;
  client.token = token ? g_strdup (token) : read_token (store, error);
  if (client.token == NULL)
    return FALSE;

  path = g_strdup_printf ("/v1/pull?after=%" G_GINT64_FORMAT "&limit=1"
                          "&wait=%u&protocol=%d&schema=%d",
                          saved ? g_ascii_strtoll (saved, NULL, 10) : 0,
                          MIN (wait_s, (guint) MAX_WAIT_S),
                          MREZA_PROTOCOL_VERSION, MREZA_SYNC_SCHEMA);
  answer = client_send (&client, "GET", path, NULL, cancellable, error);
  if (answer == NULL)
    return FALSE;

  data = g_bytes_get_data (answer, &len);
  page = _mreza_sync_parse_pull (data, len, &next, &more, error);
  if (page == NULL)
    return FALSE;

  *changes = page->len > 0;
  return TRUE;
}

/* Refused changes ------------------------------------------------------- */

/* After a 403 on a batch of @n changes (@error holds it): pushes the
 * longest run of the oldest changes the coordinator accepts, halving
 * the batch (a batch is all or nothing, and each (device, sequence) is
 * stored once, so trying again is safe), and keeps the one it refuses
 * — the outbox's oldest then — in sync_state for a person to look at.
 * Returns FALSE, with the refusal in @error. */
static gboolean
push_until_refused (Client          *client,
                    sqlite3         *db,
                    const char      *device,
                    guint            n,
                    MrezaSyncStats  *stats,
                    GCancellable    *cancellable,
                    GError         **error)
{
  g_autoptr(GError) refusal = NULL;
  g_autoptr(sqlite3_stmt) head = NULL;
  g_autofree char *seq = NULL;

  g_assert (error != NULL && *error != NULL);
  refusal = g_steal_pointer (error);

  while (n > 1)
    {
      GError *local_error = NULL;
      guint half = n / 2, sent = 0;

      if (push_batch (client, db, device, half, stats, &sent, cancellable,
                      &local_error))
        n -= sent;
      else if (g_error_matches (local_error, MREZA_SYNC_ERROR,
                                MREZA_SYNC_ERROR_FORBIDDEN))
        {
          g_clear_error (&refusal);
          refusal = local_error;
          n = half;
        }
      else
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
    }

  head = _mreza_sql_prepare (db, "SELECT min (seq) FROM sync_outbox", error);
  if (head == NULL)
    return FALSE;
  if (sqlite3_step (head) == SQLITE_ROW &&
      sqlite3_column_type (head, 0) != SQLITE_NULL)
    {
      seq = g_strdup_printf ("%" G_GINT64_FORMAT,
                             (gint64) sqlite3_column_int64 (head, 0));
      set_state (db, "refused", seq, NULL);
      set_state (db, "refused_reason", refusal->message, NULL);
    }

  g_propagate_error (error, g_steal_pointer (&refusal));
  return FALSE;
}

void
mreza_sync_refused_free (MrezaSyncRefused *refused)
{
  if (refused == NULL)
    return;
  g_free (refused->table);
  g_free (refused->row_id);
  g_free (refused->reason);
  g_free (refused);
}

/**
 * mreza_sync_dup_refused:
 * @store: a replica
 *
 * The change of this replica the coordinator refused at the last sync
 * (a row this device may not write, made with the sqlite3 shell or
 * before the device's role changed): it, and every change after it,
 * waits in the outbox until a person undoes it with
 * mreza_sync_undo_refused().
 *
 * Returns: (transfer full) (nullable): the refused change, or %NULL
 *   when the outbox holds none
 */
MrezaSyncRefused *
mreza_sync_dup_refused (MrezaStore *store)
{
  g_autofree char *seq = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  MrezaSyncRefused *refused;
  sqlite3 *db;

  g_return_val_if_fail (MREZA_IS_STORE (store), NULL);

  seq = mreza_sync_dup_state (store, "refused");
  if (seq == NULL)
    return NULL;

  db = mreza_store_get_db (store);
  stmt = _mreza_sql_prepare (db, "SELECT tbl, row_id, op,"
                                 " (SELECT count (*) FROM sync_outbox)"
                                 " FROM sync_outbox WHERE seq = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, g_ascii_strtoll (seq, NULL, 10));
  /* Sent since (the device's role changed): nothing waits any more. */
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  refused = g_new0 (MrezaSyncRefused, 1);
  refused->seq = g_ascii_strtoll (seq, NULL, 10);
  refused->table = _mreza_sql_dup_text (stmt, 0);
  refused->row_id = _mreza_sql_dup_text (stmt, 1);
  refused->deleted = g_strcmp0 (_mreza_sql_text (stmt, 2), "d") == 0;
  refused->n_waiting = (guint) sqlite3_column_int64 (stmt, 3);
  refused->reason = mreza_sync_dup_state (store, "refused_reason");
  return refused;
}

/**
 * mreza_sync_undo_refused:
 * @store: a replica whose last sync met a refused change
 * @token: (nullable): the device token, or %NULL for the one kept
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Undoes this replica's changes of the row the coordinator refused:
 * asks the coordinator for the row as it has it (`GET /v1/row`), then,
 * in one transaction, drops the row's changes from the outbox and puts
 * the row back from the coordinator's changes — or removes it, when the
 * coordinator never had it. Nothing is captured: the row is again what
 * every other replica holds. The next sync sends the changes that
 * waited behind it.
 *
 * Returns: %TRUE on success; on error the replica is as it was
 */
gboolean
mreza_sync_undo_refused (MrezaStore    *store,
                         const char    *token,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(MrezaSyncRefused) refused = NULL;
  g_auto(Client) client = { 0 };
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *path = NULL;
  g_autofree char *table_q = NULL;
  g_autofree char *row_q = NULL;
  g_autofree char *delete_sql = NULL;
  const char *forget[4];
  MrezaSqlVal vals[2];
  g_autofree char *cursor = NULL;
  const MrezaTableInfo *table;
  MrezaSyncApply *run;
  sqlite3 *db;
  const char *data;
  gsize length;
  gint64 unused_cursor;
  gboolean more;

  g_return_val_if_fail (MREZA_IS_STORE (store), FALSE);

  refused = mreza_sync_dup_refused (store);
  if (refused == NULL)
    {
      g_set_error_literal (error, MREZA_SYNC_ERROR, MREZA_SYNC_ERROR_FAILED,
                           _("No change of this computer waits refused."));
      return FALSE;
    }
  table = mreza_schema_find_table (refused->table);
  if (table == NULL)
    {
      g_set_error (error, MREZA_SYNC_ERROR, MREZA_SYNC_ERROR_FAILED,
                   _("The refused change names an unknown table “%s”."),
                   refused->table);
      return FALSE;
    }

  table_q = g_uri_escape_string (refused->table, NULL, FALSE);
  row_q = g_uri_escape_string (refused->row_id, NULL, FALSE);
  path = g_strdup_printf ("/v1/row?table=%s&id=%s", table_q, row_q);
  if (!client_open (&client, store, token, error) ||
      !(answer = client_send (&client, "GET", path, NULL, cancellable,
                              error)))
    return FALSE;
  data = g_bytes_get_data (answer, &length);
  changes = _mreza_sync_parse_pull (data, length, &unused_cursor, &more,
                                    error);
  if (changes == NULL)
    return FALSE;

  db = mreza_store_get_db (store);
  cursor = mreza_sync_dup_state (store, "cursor");
  /* Each with ?1 the table and ?2 the row. */
  delete_sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?2", table->name);
  forget[0] = "DELETE FROM sync_outbox WHERE tbl = ?1 AND row_id = ?2";
  forget[1] = delete_sql;
  forget[2] = "DELETE FROM sync_row WHERE tbl = ?1 AND row_id = ?2";
  forget[3] = "DELETE FROM sync_tombstone WHERE tbl = ?1 AND row_id = ?2";
  vals[0] = MREZA_SQL_TEXT (table->name);
  vals[1] = MREZA_SQL_TEXT (refused->row_id);

  run = _mreza_sync_apply_begin (db, error);
  if (run == NULL)
    return FALSE;
  /* Inside the run: "applying" is set, so none of this is captured. */
  for (guint i = 0; i < G_N_ELEMENTS (forget); i++)
    if (!_mreza_sql_write (db, forget[i], vals, G_N_ELEMENTS (vals), NULL,
                           "Cannot undo the change", error))
      {
        _mreza_sync_apply_rollback (run);
        return FALSE;
      }
  if (!_mreza_sql_exec (db, "DELETE FROM sync_state"
                            " WHERE key IN ('refused', 'refused_reason')",
                        error) ||
      !_mreza_sync_apply_page (run, changes,
                               cursor ? g_ascii_strtoll (cursor, NULL, 10) : 0,
                               NULL, error))
    {
      _mreza_sync_apply_rollback (run);
      return FALSE;
    }
  if (!_mreza_sync_apply_commit (run, error))
    return FALSE;

  g_message ("Undid a refused change: %u change(s) of the row from the "
             "coordinator", changes->len);
  return TRUE;
}
