/* mreza-import.c: reads the JSON import format into a replica
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The format is data/demo/FORMAT.md. An import is one transaction:
 * the first error names the file, the record and the field, rolls back
 * and leaves the replica as it was.
 */
#define G_LOG_DOMAIN "mreza-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "mreza-import.h"
#include "mreza-json.h"
#include "mreza-store-private.h"
#include "mreza-util.h"

/* Import files larger than this are refused before they are read. */
#define MAX_FILE_SIZE (64 * 1024 * 1024)

typedef struct
{
  MrezaStore *store;
  sqlite3    *db;
  const char *device_id;
  char       *now;
  GHashTable *seen;      /* "table/slug" of this import */
  GPtrArray  *files;     /* of ImportFile, in the order they are read */
  guint       n_records;
} Import;

typedef struct
{
  Import     *import;
  const char *file;
  const char *table;
  guint       index;
  const char *slug;
  JsonObject *obj;
  char       *uuid;
  /* The columns and values of the row being built. */
  GPtrArray  *cols;
  GPtrArray  *vals;   /* of GVariant, or NULL for SQL NULL */
  GError     *error;
} Record;

typedef gboolean (*ImportFunc) (Record *rec);

typedef struct
{
  const char          *name;     /* in the JSON file */
  const char          *sql;      /* its table */
  const char * const  *fields;   /* allowed fields */
  ImportFunc           func;
} TableSpec;

static void G_GNUC_PRINTF (4, 5)
record_fail (Record     *rec,
             const char *field,
             int         code,
             const char *format,
             ...)
{
  g_autofree char *what = NULL;
  va_list args;

  if (rec->error != NULL)
    return;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  if (field != NULL)
    rec->error = g_error_new (MREZA_INPUT_ERROR, code,
                              _("%s: %s[%u] (id “%s”), field “%s”: %s"),
                              rec->file, rec->table, rec->index,
                              rec->slug ? rec->slug : "?", field, what);
  else
    rec->error = g_error_new (MREZA_INPUT_ERROR, code,
                              _("%s: %s[%u] (id “%s”): %s"),
                              rec->file, rec->table, rec->index,
                              rec->slug ? rec->slug : "?", what);
}

static char *
slug_uuid (const char *table,
           const char *slug)
{
  g_autofree char *key = NULL;

  if (mreza_is_uuid (slug))
    return g_ascii_strdown (slug, -1);

  key = g_strconcat (table, "/", slug, NULL);
  return mreza_uuid_from_slug (key);
}

static gboolean
slug_is_valid (const char *slug)
{
  gsize len = strlen (slug);

  if (mreza_is_uuid (slug))
    return TRUE;
  if (len == 0 || len > 64)
    return FALSE;
  if (!g_ascii_isdigit (slug[0]) && !(slug[0] >= 'a' && slug[0] <= 'z'))
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      char c = slug[i];

      if (!g_ascii_isdigit (c) && !(c >= 'a' && c <= 'z') &&
          c != '.' && c != '_' && c != '-')
        return FALSE;
    }

  return TRUE;
}

/* Reading fields: each returns whether the field is present and of the
 * right type; a wrong type or a missing required field fails @rec. */

static JsonNode *
field_node (Record     *rec,
            const char *field,
            gboolean    required)
{
  JsonNode *node = json_object_get_member (rec->obj, field);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        record_fail (rec, field, MREZA_INPUT_ERROR_MISSING,
                     _("is required"));
      return NULL;
    }

  return node;
}

static const char *
field_string (Record     *rec,
              const char *field,
              gboolean    required)
{
  JsonNode *node = field_node (rec, field, required);

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    {
      record_fail (rec, field, MREZA_INPUT_ERROR_TYPE, _("must be a string"));
      return NULL;
    }
  if (required && *json_node_get_string (node) == '\0')
    {
      record_fail (rec, field, MREZA_INPUT_ERROR_VALUE,
                   _("must not be empty"));
      return NULL;
    }

  return json_node_get_string (node);
}

static gboolean
node_is_number (JsonNode *node)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);

  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

static gboolean
field_int (Record     *rec,
           const char *field,
           gboolean    required,
           gint64      min,
           gint64      max,
           gint64     *out)
{
  JsonNode *node = field_node (rec, field, required);

  if (node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    {
      record_fail (rec, field, MREZA_INPUT_ERROR_TYPE,
                   _("must be a whole number"));
      return FALSE;
    }

  *out = json_node_get_int (node);
  if (*out < min || *out > max)
    {
      /* Formatted first: xgettext cannot see through G_GINT64_FORMAT. */
      g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, *out);
      g_autofree char *low = g_strdup_printf ("%" G_GINT64_FORMAT, min);
      g_autofree char *high = g_strdup_printf ("%" G_GINT64_FORMAT, max);

      /* Translators: a number, then the smallest and largest allowed */
      record_fail (rec, field, MREZA_INPUT_ERROR_VALUE,
                   _("%s is out of range (%s–%s)"), value, low, high);
      return FALSE;
    }

  return TRUE;
}

static gboolean
field_bool (Record     *rec,
            const char *field,
            gboolean   *out)
{
  JsonNode *node = field_node (rec, field, FALSE);

  *out = FALSE;
  if (node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      record_fail (rec, field, MREZA_INPUT_ERROR_TYPE,
                   _("must be true or false"));
      return FALSE;
    }

  *out = json_node_get_boolean (node);
  return TRUE;
}

static JsonArray *
field_array (Record     *rec,
             const char *field,
             gboolean    required)
{
  JsonNode *node = field_node (rec, field, required);

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      record_fail (rec, field, MREZA_INPUT_ERROR_TYPE, _("must be an array"));
      return NULL;
    }

  return json_node_get_array (node);
}

static JsonObject *
field_object (Record     *rec,
              const char *field,
              gboolean    required)
{
  JsonNode *node = field_node (rec, field, required);

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      record_fail (rec, field, MREZA_INPUT_ERROR_TYPE, _("must be an object"));
      return NULL;
    }

  return json_node_get_object (node);
}

static const char *
field_enum (Record             *rec,
            const char         *field,
            gboolean            required,
            const char * const *allowed)
{
  const char *value = field_string (rec, field, required);
  g_autofree char *list = NULL;

  if (value == NULL || g_strv_contains (allowed, value))
    return value;

  list = g_strjoinv (", ", (char **) allowed);
  record_fail (rec, field, MREZA_INPUT_ERROR_VALUE,
               _("“%s” is not one of: %s"), value, list);
  return NULL;
}

static const char *
field_date (Record     *rec,
            const char *field,
            gboolean    required)
{
  const char *value = field_string (rec, field, required);

  if (value != NULL && !mreza_date_is_valid (value))
    {
      record_fail (rec, field, MREZA_INPUT_ERROR_VALUE,
                   _("“%s” is not a date (YYYY-MM-DD)"), value);
      return NULL;
    }

  return value;
}

static gboolean
row_exists (Import     *import,
            const char *table,
            const char *uuid)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;

  sql = g_strdup_printf ("SELECT 1 FROM %s WHERE id = ?1", table);
  stmt = _mreza_sql_prepare (import->db, sql, NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);

  return sqlite3_step (stmt) == SQLITE_ROW;
}

/* Resolves a reference to a record of @json_table (stored in
 * @sql_table): it must be in this import (already stored, since tables
 * are imported parents first) or already in the replica. */
static char *
resolve_ref (Record     *rec,
             const char *field,
             const char *slug,
             const char *json_table,
             const char *sql_table)
{
  g_autofree char *uuid = NULL;

  if (!slug_is_valid (slug))
    {
      record_fail (rec, field, MREZA_INPUT_ERROR_VALUE,
                   _("“%s” is not a valid id"), slug);
      return NULL;
    }

  uuid = slug_uuid (json_table, slug);
  if (!row_exists (rec->import, sql_table, uuid))
    {
      record_fail (rec, field, MREZA_INPUT_ERROR_REFERENCE,
                   _("there is no %s record with id “%s”"), json_table, slug);
      return NULL;
    }

  return g_steal_pointer (&uuid);
}

static char *
field_ref (Record     *rec,
           const char *field,
           gboolean    required,
           const char *json_table,
           const char *sql_table)
{
  const char *slug = field_string (rec, field, required);

  if (slug == NULL)
    return NULL;

  return resolve_ref (rec, field, slug, json_table, sql_table);
}

static void
set_text (Record     *rec,
          const char *col,
          const char *value)
{
  g_ptr_array_add (rec->cols, (gpointer) col);
  g_ptr_array_add (rec->vals,
                   value ? g_variant_ref_sink (g_variant_new_string (value))
                         : NULL);
}

static void
set_int (Record     *rec,
         const char *col,
         gint64      value)
{
  g_ptr_array_add (rec->cols, (gpointer) col);
  g_ptr_array_add (rec->vals, g_variant_ref_sink (g_variant_new_int64 (value)));
}

static void
set_double (Record     *rec,
            const char *col,
            double      value)
{
  g_ptr_array_add (rec->cols, (gpointer) col);
  g_ptr_array_add (rec->vals, g_variant_ref_sink (g_variant_new_double (value)));
}

static void
set_null (Record     *rec,
          const char *col)
{
  set_text (rec, col, NULL);
}

static void
clear_row (Record *rec)
{
  for (guint i = 0; i < rec->vals->len; i++)
    if (rec->vals->pdata[i] != NULL)
      g_variant_unref (rec->vals->pdata[i]);
  g_ptr_array_set_size (rec->vals, 0);
  g_ptr_array_set_size (rec->cols, 0);
}

static void
bind_value (sqlite3_stmt *stmt,
            int           pos,
            GVariant     *value)
{
  if (value == NULL)
    sqlite3_bind_null (stmt, pos);
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    sqlite3_bind_text (stmt, pos, g_variant_get_string (value, NULL), -1,
                       SQLITE_STATIC);
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    sqlite3_bind_int64 (stmt, pos, g_variant_get_int64 (value));
  else
    sqlite3_bind_double (stmt, pos, g_variant_get_double (value));
}

/* Writes the row built in @rec: a new id is inserted, a known one
 * updated in place, so that importing the same data twice is harmless. */
static gboolean
store_row (Record     *rec,
           const char *sql_table,
           const char *uuid,
           gboolean    link)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  Import *import = rec->import;
  int rc;

  g_string_append_printf (sql, "INSERT INTO %s (id, created_at, modified_at, "
                          "modified_by", sql_table);
  for (guint i = 0; i < rec->cols->len; i++)
    g_string_append_printf (sql, ", %s", (char *) rec->cols->pdata[i]);
  g_string_append (sql, ") VALUES (?1, ?2, ?2, ?3");
  for (guint i = 0; i < rec->cols->len; i++)
    g_string_append_printf (sql, ", ?%u", i + 4);
  if (link)
    g_string_append (sql, ") ON CONFLICT DO NOTHING");
  else
    {
      g_string_append (sql, ") ON CONFLICT (id) DO UPDATE SET "
                       "modified_at = excluded.modified_at, "
                       "modified_by = excluded.modified_by");
      for (guint i = 0; i < rec->cols->len; i++)
        g_string_append_printf (sql, ", %s = excluded.%s",
                                (char *) rec->cols->pdata[i],
                                (char *) rec->cols->pdata[i]);
    }

  stmt = _mreza_sql_prepare (import->db, sql->str, &rec->error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, import->now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, import->device_id, -1, SQLITE_STATIC);
  for (guint i = 0; i < rec->vals->len; i++)
    bind_value (stmt, i + 4, rec->vals->pdata[i]);

  rc = sqlite3_step (stmt);
  clear_row (rec);
  if (rc != SQLITE_DONE)
    {
      record_fail (rec, NULL, MREZA_INPUT_ERROR_VALUE,
                   _("cannot be stored: %s"), sqlite3_errmsg (import->db));
      return FALSE;
    }

  return TRUE;
}

/* Link rows (a team's member, a task's institution) get an id derived
 * from what they link, so that a second import finds the same row. */
static gboolean
store_link (Record     *rec,
            const char *sql_table,
            const char *a,
            const char *b,
            const char *extra)
{
  g_autofree char *key = NULL;
  g_autofree char *uuid = NULL;

  key = g_strconcat (sql_table, "/", a, "/", b, "/", extra ? extra : "",
                     NULL);
  uuid = mreza_uuid_from_slug (key);

  return store_row (rec, sql_table, uuid, TRUE);
}

static gboolean
store_ref_links (Record     *rec,
                 const char *field,
                 const char *json_table,
                 const char *target_sql,
                 const char *link_table,
                 const char *parent_col,
                 const char *child_col,
                 const char *role)
{
  JsonArray *array = field_array (rec, field, FALSE);

  if (array == NULL)
    return rec->error == NULL;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *child = NULL;
      g_autofree char *where = g_strdup_printf ("%s[%u]", field, i);

      if (!JSON_NODE_HOLDS_VALUE (node) ||
          json_node_get_value_type (node) != G_TYPE_STRING)
        {
          record_fail (rec, where, MREZA_INPUT_ERROR_TYPE,
                       _("must be a string id"));
          return FALSE;
        }

      child = resolve_ref (rec, where, json_node_get_string (node),
                           json_table, target_sql);
      if (child == NULL)
        return FALSE;

      set_text (rec, parent_col, rec->uuid);
      set_text (rec, child_col, child);
      if (role != NULL)
        set_text (rec, "role", role);
      if (!store_link (rec, link_table, rec->uuid, child, role))
        return FALSE;
    }

  return TRUE;
}

static const char * const currencies[] = { "RSD", "EUR", "USD", NULL };

/* Money in major units, at most two decimals, into minor units. */
static gboolean
field_money (Record     *rec,
             const char *field,
             gint64     *out_minor)
{
  JsonNode *node = field_node (rec, field, FALSE);
  double value, minor;

  if (node == NULL)
    return FALSE;
  if (!node_is_number (node))
    {
      record_fail (rec, field, MREZA_INPUT_ERROR_TYPE, _("must be a number"));
      return FALSE;
    }

  value = json_node_get_double (node);
  minor = round (value * 100.0);
  if (!isfinite (value) || value < 0 || value > 1e13 ||
      fabs (minor - value * 100.0) > 1e-6 * MAX (1.0, fabs (value)))
    {
      record_fail (rec, field, MREZA_INPUT_ERROR_VALUE,
                   _("must be an amount ≥ 0 with at most two decimals"));
      return FALSE;
    }

  *out_minor = (gint64) minor;
  return TRUE;
}

static gboolean
money_columns (Record *rec)
{
  gint64 minor = 0;
  gboolean has_amount = field_money (rec, "amount", &minor);
  const char *currency = field_enum (rec, "currency", FALSE, currencies);

  if (rec->error)
    return FALSE;
  if (has_amount != (currency != NULL))
    {
      record_fail (rec, has_amount ? "currency" : "amount",
                   MREZA_INPUT_ERROR_MISSING,
                   _("amount and currency go together"));
      return FALSE;
    }

  if (has_amount)
    set_int (rec, "amount_minor", minor);
  else
    set_null (rec, "amount_minor");
  set_text (rec, "currency", currency);

  return TRUE;
}

static gboolean
deadline_columns (Record   *rec,
                  gboolean  required)
{
  static const char * const kinds[] = { "date", "period", "continuous", NULL };
  static const char * const fields[] = { "text", "kind", "from", "to", NULL };
  JsonObjectIter iter;
  const char *name;
  JsonObject *deadline = field_object (rec, "deadline", required);
  JsonObject *saved = rec->obj;
  const char *text, *kind, *from, *to;

  if (deadline == NULL)
    return rec->error == NULL;

  rec->obj = deadline;
  text = field_string (rec, "text", TRUE);
  kind = field_enum (rec, "kind", TRUE, kinds);
  from = field_date (rec, "from", FALSE);
  to = field_date (rec, "to", TRUE);
  json_object_iter_init (&iter, deadline);
  while (json_object_iter_next (&iter, &name, NULL))
    if (!g_strv_contains (fields, name))
      record_fail (rec, name, MREZA_INPUT_ERROR_UNKNOWN,
                   _("is not a field of a deadline"));
  rec->obj = saved;

  if (rec->error)
    return FALSE;
  if (from != NULL && strcmp (from, to) > 0)
    {
      record_fail (rec, "deadline", MREZA_INPUT_ERROR_VALUE,
                   _("“from” is after “to”"));
      return FALSE;
    }

  set_text (rec, "deadline_text", text);
  set_text (rec, "deadline_kind", kind);
  set_text (rec, "deadline_from", from);
  set_text (rec, "deadline_to", to);
  return TRUE;
}

static gboolean
import_institution (Record *rec)
{
  static const char * const sectors[] = {
    "police", "prosecution", "justice", "social_protection", "health",
    "education", "employment", "local_government", "youth_office",
    "red_cross", "civil_society", "national_coordination",
    "government_office", "media", "foreign_affairs", "finance",
    "international", "research", "other", NULL,
  };

  set_text (rec, "name", field_string (rec, "name", TRUE));
  set_text (rec, "short_name", field_string (rec, "short_name", FALSE));
  set_text (rec, "sector", field_enum (rec, "sector", TRUE, sectors));
  set_text (rec, "town", field_string (rec, "town", FALSE));

  return rec->error == NULL &&
         store_row (rec, "institution", rec->uuid, FALSE);
}

static gboolean
import_team (Record *rec)
{
  set_text (rec, "name", field_string (rec, "name", TRUE));
  set_text (rec, "town", field_string (rec, "town", TRUE));

  return rec->error == NULL &&
         store_row (rec, "team", rec->uuid, FALSE) &&
         store_ref_links (rec, "institutions", "institutions", "institution",
                          "team_member", "team_id", "institution_id", NULL);
}

static gboolean
import_contact (Record *rec)
{
  g_autofree char *team = field_ref (rec, "team", TRUE, "teams", "team");
  g_autofree char *institution = field_ref (rec, "institution", FALSE,
                                            "institutions", "institution");
  const char *email = field_string (rec, "email", FALSE);
  gboolean secretary;

  field_bool (rec, "secretary", &secretary);
  if (email != NULL && strchr (email, '@') == NULL)
    record_fail (rec, "email", MREZA_INPUT_ERROR_VALUE,
                 _("“%s” is not an e-mail address"), email);

  set_text (rec, "team_id", team);
  set_text (rec, "institution_id", institution);
  set_text (rec, "name", field_string (rec, "name", FALSE));
  set_text (rec, "role", field_string (rec, "role", TRUE));
  set_text (rec, "phone", field_string (rec, "phone", FALSE));
  set_text (rec, "email", email);
  set_int (rec, "is_secretary", secretary);

  return rec->error == NULL && store_row (rec, "contact", rec->uuid, FALSE);
}

static gboolean
import_plan (Record *rec)
{
  set_text (rec, "title", field_string (rec, "title", TRUE));
  set_text (rec, "start_date", field_date (rec, "start", FALSE));
  set_text (rec, "end_date", field_date (rec, "end", FALSE));

  return rec->error == NULL && store_row (rec, "plan", rec->uuid, FALSE);
}

static gboolean
number_title (Record     *rec,
              const char *title_field)
{
  gint64 number = 0;

  if (field_int (rec, "number", TRUE, 1, 10000, &number))
    set_int (rec, "number", number);
  set_text (rec, title_field, field_string (rec, title_field, TRUE));

  return rec->error == NULL;
}

static gboolean
import_goal (Record *rec)
{
  g_autofree char *plan = field_ref (rec, "plan", TRUE, "plans", "plan");

  set_text (rec, "plan_id", plan);

  return number_title (rec, "title") &&
         store_row (rec, "goal", rec->uuid, FALSE);
}

static gboolean
import_activity (Record *rec)
{
  g_autofree char *goal = field_ref (rec, "goal", TRUE, "goals", "goal");

  set_text (rec, "goal_id", goal);

  return number_title (rec, "title") &&
         deadline_columns (rec, TRUE) &&
         store_row (rec, "activity", rec->uuid, FALSE);
}

static gboolean
import_task (Record *rec)
{
  g_autofree char *activity = field_ref (rec, "activity", TRUE,
                                         "activities", "activity");
  gboolean other_partners;

  set_text (rec, "activity_id", activity);
  field_bool (rec, "other_partners", &other_partners);
  set_int (rec, "other_partners", other_partners);
  field_array (rec, "responsible", TRUE);

  return number_title (rec, "title") &&
         deadline_columns (rec, FALSE) &&
         store_row (rec, "task", rec->uuid, FALSE) &&
         store_ref_links (rec, "responsible", "institutions", "institution",
                          "task_institution", "task_id", "institution_id",
                          "responsible") &&
         store_ref_links (rec, "partners", "institutions", "institution",
                          "task_institution", "task_id", "institution_id",
                          "partner");
}

/* A target or a value: a number, a yes/no or a text, matching @kind. */
static gboolean
value_columns (Record     *rec,
               const char *field,
               const char *kind,
               gboolean    required,
               const char *num_col,
               const char *text_col)
{
  JsonNode *node = field_node (rec, field, required);

  if (node == NULL)
    {
      set_null (rec, num_col);
      set_null (rec, text_col);
      return rec->error == NULL;
    }

  if (g_strcmp0 (kind, "yes_no") == 0)
    {
      if (!JSON_NODE_HOLDS_VALUE (node) ||
          json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        {
          record_fail (rec, field, MREZA_INPUT_ERROR_TYPE,
                       _("must be true or false for a yes/no indicator"));
          return FALSE;
        }
      set_double (rec, num_col, json_node_get_boolean (node) ? 1 : 0);
      set_null (rec, text_col);
    }
  else if (g_strcmp0 (kind, "text") == 0)
    {
      if (!JSON_NODE_HOLDS_VALUE (node) ||
          json_node_get_value_type (node) != G_TYPE_STRING)
        {
          record_fail (rec, field, MREZA_INPUT_ERROR_TYPE,
                       _("must be a string for a text indicator"));
          return FALSE;
        }
      set_null (rec, num_col);
      set_text (rec, text_col, json_node_get_string (node));
    }
  else
    {
      double v;

      if (!node_is_number (node))
        {
          record_fail (rec, field, MREZA_INPUT_ERROR_TYPE,
                       _("must be a number for a %s indicator"), kind);
          return FALSE;
        }
      v = json_node_get_double (node);
      if (!isfinite (v) || v < 0 ||
          (g_str_equal (kind, "percentage") && v > 100))
        {
          record_fail (rec, field, MREZA_INPUT_ERROR_VALUE,
                       _("%g is out of range"), v);
          return FALSE;
        }
      set_double (rec, num_col, v);
      set_null (rec, text_col);
    }

  return TRUE;
}

static gboolean
import_indicator (Record *rec)
{
  static const char * const kinds[] = {
    "count", "percentage", "yes_no", "text", NULL,
  };
  g_autofree char *activity = field_ref (rec, "activity", TRUE,
                                         "activities", "activity");
  const char *kind = field_enum (rec, "kind", TRUE, kinds);
  gint64 number = 0;

  set_text (rec, "activity_id", activity);
  if (field_int (rec, "number", TRUE, 1, 10000, &number))
    set_int (rec, "number", number);
  set_text (rec, "text", field_string (rec, "text", TRUE));
  set_text (rec, "kind", kind);
  if (rec->error)
    return FALSE;

  return value_columns (rec, "target", kind, FALSE, "target_num",
                        "target_text") &&
         store_row (rec, "indicator", rec->uuid, FALSE);
}

static gboolean
import_budget_line (Record *rec)
{
  static const char * const sources[] = {
    "budget", "donor", "taiex", "project", "no_cost", "unknown", NULL,
  };
  g_autofree char *activity = field_ref (rec, "activity", TRUE,
                                         "activities", "activity");
  g_autofree char *task = field_ref (rec, "task", FALSE, "tasks", "task");
  g_autofree char *institution = field_ref (rec, "institution", FALSE,
                                            "institutions", "institution");
  g_autofree char *project = field_ref (rec, "project", FALSE,
                                        "projects", "project");
  gint64 year = 0;
  gboolean has_year;

  set_text (rec, "activity_id", activity);
  set_text (rec, "task_id", task);
  set_text (rec, "source", field_enum (rec, "source", TRUE, sources));
  set_text (rec, "institution_id", institution);
  set_text (rec, "project_id", project);
  set_text (rec, "source_text", field_string (rec, "source_text", FALSE));
  set_text (rec, "note", field_string (rec, "note", FALSE));
  has_year = field_int (rec, "year", FALSE, 1900, 2200, &year);
  if (has_year)
    set_int (rec, "year", year);
  else
    set_null (rec, "year");

  return rec->error == NULL && money_columns (rec) &&
         store_row (rec, "budget_line", rec->uuid, FALSE);
}

static gboolean
import_risk (Record *rec)
{
  g_autofree char *activity = field_ref (rec, "activity", TRUE,
                                         "activities", "activity");

  set_text (rec, "activity_id", activity);
  set_text (rec, "text", field_string (rec, "text", TRUE));

  return rec->error == NULL && store_row (rec, "risk", rec->uuid, FALSE);
}

static char *
indicator_kind (Import     *import,
                const char *uuid)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _mreza_sql_prepare (import->db,
                             "SELECT kind FROM indicator WHERE id = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  return g_strdup (_mreza_sql_text (stmt, 0));
}

static gboolean
import_indicator_value (Record *rec)
{
  g_autofree char *indicator = field_ref (rec, "indicator", TRUE,
                                          "indicators", "indicator");
  g_autofree char *team = field_ref (rec, "team", TRUE, "teams", "team");
  const char *period = field_string (rec, "period", TRUE);
  g_autofree char *kind = NULL;

  if (period != NULL && !mreza_period_is_valid (period))
    record_fail (rec, "period", MREZA_INPUT_ERROR_VALUE,
                 _("“%s” is not a period (YYYY, YYYY-Hn or YYYY-Qn)"), period);
  if (rec->error)
    return FALSE;

  kind = indicator_kind (rec->import, indicator);
  set_text (rec, "indicator_id", indicator);
  set_text (rec, "team_id", team);
  set_text (rec, "period", period);
  set_text (rec, "note", field_string (rec, "note", FALSE));

  return rec->error == NULL &&
         value_columns (rec, "value", kind, TRUE, "value_num", "value_text") &&
         store_row (rec, "indicator_value", rec->uuid, FALSE);
}

static gboolean
participant_columns (Record *rec)
{
  static const char * const groups[] = {
    "women", "men", "girls", "boys", NULL,
  };
  JsonObject *participants = field_object (rec, "participants", FALSE);
  JsonObject *saved = rec->obj;
  JsonObjectIter iter;
  const char *name;

  if (participants == NULL)
    return rec->error == NULL;

  rec->obj = participants;
  for (guint i = 0; groups[i]; i++)
    {
      gint64 n = 0;

      if (field_int (rec, groups[i], FALSE, 0, 10000000, &n))
        set_int (rec, groups[i], n);
    }
  json_object_iter_init (&iter, participants);
  while (json_object_iter_next (&iter, &name, NULL))
    if (!g_strv_contains (groups, name))
      record_fail (rec, name, MREZA_INPUT_ERROR_UNKNOWN,
                   _("is not a group of participants (women, men, girls, "
                     "boys)"));
  rec->obj = saved;

  return rec->error == NULL;
}

static gboolean
import_joint_action (Record *rec)
{
  static const char * const kinds[] = {
    "training", "campaign", "meeting", "joint_preventive_action", "other",
    NULL,
  };
  g_autofree char *team = field_ref (rec, "team", TRUE, "teams", "team");
  g_autofree char *activity = field_ref (rec, "activity", FALSE,
                                         "activities", "activity");

  set_text (rec, "team_id", team);
  set_text (rec, "activity_id", activity);
  set_text (rec, "date", field_date (rec, "date", TRUE));
  set_text (rec, "kind", field_enum (rec, "kind", TRUE, kinds));
  set_text (rec, "title", field_string (rec, "title", TRUE));
  set_text (rec, "place", field_string (rec, "place", FALSE));
  set_text (rec, "note", field_string (rec, "note", FALSE));

  return participant_columns (rec) &&
         store_row (rec, "joint_action", rec->uuid, FALSE) &&
         store_ref_links (rec, "institutions", "institutions", "institution",
                          "joint_action_institution", "joint_action_id",
                          "institution_id", NULL) &&
         store_ref_links (rec, "indicators", "indicators", "indicator",
                          "joint_action_indicator", "joint_action_id",
                          "indicator_id", NULL);
}

static gboolean
import_project_partners (Record *rec)
{
  static const char * const roles[] = { "lead", "partner", "donor", NULL };
  JsonArray *partners = field_array (rec, "partners", FALSE);
  JsonObject *saved = rec->obj;

  if (partners == NULL)
    return rec->error == NULL;

  for (guint i = 0; i < json_array_get_length (partners); i++)
    {
      JsonNode *node = json_array_get_element (partners, i);
      g_autofree char *institution = NULL;
      const char *role;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_autofree char *where = g_strdup_printf ("partners[%u]", i);

          record_fail (rec, where, MREZA_INPUT_ERROR_TYPE,
                       _("must be an object"));
          return FALSE;
        }

      rec->obj = json_node_get_object (node);
      institution = field_ref (rec, "institution", TRUE, "institutions",
                               "institution");
      role = field_enum (rec, "role", TRUE, roles);
      rec->obj = saved;
      if (rec->error)
        return FALSE;

      set_text (rec, "project_id", rec->uuid);
      set_text (rec, "institution_id", institution);
      set_text (rec, "role", role);
      if (!store_link (rec, "project_partner", rec->uuid, institution, role))
        return FALSE;
    }

  return TRUE;
}

static gboolean
import_project (Record *rec)
{
  static const char * const statuses[] = {
    "planned", "ongoing", "finished", NULL,
  };
  const char *start = field_date (rec, "start", FALSE);
  const char *end = field_date (rec, "end", FALSE);
  gint64 count = 0;

  set_text (rec, "title", field_string (rec, "title", TRUE));
  set_text (rec, "start_date", start);
  set_text (rec, "end_date", end);
  set_text (rec, "status", field_enum (rec, "status", TRUE, statuses));
  set_text (rec, "beneficiaries", field_string (rec, "beneficiaries", FALSE));
  set_text (rec, "summary", field_string (rec, "summary", FALSE));
  if (field_int (rec, "beneficiaries_count", FALSE, 0, G_MAXINT32, &count))
    set_int (rec, "beneficiaries_count", count);
  else
    set_null (rec, "beneficiaries_count");
  if (start && end && strcmp (start, end) > 0)
    record_fail (rec, "end", MREZA_INPUT_ERROR_VALUE,
                 _("the project ends before it starts"));

  return rec->error == NULL && money_columns (rec) &&
         store_row (rec, "project", rec->uuid, FALSE) &&
         import_project_partners (rec);
}

static gboolean
import_meeting (Record *rec)
{
  g_autofree char *organiser = field_ref (rec, "organiser", TRUE,
                                          "institutions", "institution");
  g_autofree char *team = field_ref (rec, "team", FALSE, "teams", "team");

  set_text (rec, "date", field_date (rec, "date", TRUE));
  set_text (rec, "place", field_string (rec, "place", FALSE));
  set_text (rec, "organiser_institution_id", organiser);
  set_text (rec, "title", field_string (rec, "title", TRUE));
  set_text (rec, "conclusions", field_string (rec, "conclusions", FALSE));
  set_text (rec, "team_id", team);

  return rec->error == NULL && store_row (rec, "meeting", rec->uuid, FALSE);
}

/* "HH:MM", 00:00 to 23:59. */
static const char *
field_time (Record     *rec,
            const char *field)
{
  const char *value = field_string (rec, field, FALSE);

  if (value == NULL)
    return NULL;
  if (strlen (value) != 5 || value[2] != ':' ||
      !g_ascii_isdigit (value[0]) || !g_ascii_isdigit (value[1]) ||
      !g_ascii_isdigit (value[3]) || !g_ascii_isdigit (value[4]) ||
      (value[0] - '0') * 10 + (value[1] - '0') > 23 || value[3] > '5')
    {
      record_fail (rec, field, MREZA_INPUT_ERROR_VALUE,
                   _("“%s” is not a time of day (HH:MM)"), value);
      return NULL;
    }

  return value;
}

static gboolean
import_meeting_agenda_item (Record *rec)
{
  g_autofree char *meeting = field_ref (rec, "meeting", TRUE, "meetings",
                                        "meeting");
  g_autofree char *presenter = field_ref (rec, "presenter", FALSE,
                                          "institutions", "institution");
  g_autofree char *goal = field_ref (rec, "goal", FALSE, "goals", "goal");
  g_autofree char *activity = field_ref (rec, "activity", FALSE,
                                         "activities", "activity");
  gint64 position = 0, duration = 0;

  set_text (rec, "meeting_id", meeting);
  if (field_int (rec, "position", TRUE, 1, 1000, &position))
    set_int (rec, "position", position);
  set_text (rec, "title", field_string (rec, "title", TRUE));
  set_text (rec, "presenter_institution_id", presenter);
  set_text (rec, "goal_id", goal);
  set_text (rec, "activity_id", activity);
  set_text (rec, "start_time", field_time (rec, "start_time"));
  if (field_int (rec, "duration", FALSE, 1, 24 * 60, &duration))
    set_int (rec, "duration_min", duration);
  else
    set_null (rec, "duration_min");

  return rec->error == NULL &&
         store_row (rec, "meeting_agenda_item", rec->uuid, FALSE);
}

static gboolean
import_meeting_invitee (Record *rec)
{
  g_autofree char *meeting = field_ref (rec, "meeting", TRUE, "meetings",
                                        "meeting");
  g_autofree char *team = field_ref (rec, "team", FALSE, "teams", "team");
  g_autofree char *institution = field_ref (rec, "institution", FALSE,
                                            "institutions", "institution");
  gboolean attended;

  field_bool (rec, "attended", &attended);
  if (rec->error == NULL && team == NULL && institution == NULL)
    record_fail (rec, NULL, MREZA_INPUT_ERROR_MISSING,
                 _("an invitee needs a “team” or an “institution”"));

  set_text (rec, "meeting_id", meeting);
  set_text (rec, "team_id", team);
  set_text (rec, "institution_id", institution);
  set_int (rec, "attended", attended);

  return rec->error == NULL &&
         store_row (rec, "meeting_invitee", rec->uuid, FALSE);
}

static gboolean
import_meeting_follow_up (Record *rec)
{
  g_autofree char *meeting = field_ref (rec, "meeting", TRUE, "meetings",
                                        "meeting");
  g_autofree char *task = field_ref (rec, "task", FALSE, "tasks", "task");
  g_autofree char *responsible = field_ref (rec, "responsible", FALSE,
                                            "institutions", "institution");

  set_text (rec, "meeting_id", meeting);
  set_text (rec, "task_id", task);
  set_text (rec, "title", field_string (rec, "title", TRUE));
  set_text (rec, "responsible_institution_id", responsible);
  set_text (rec, "deadline", field_date (rec, "deadline", FALSE));

  return rec->error == NULL &&
         store_row (rec, "meeting_follow_up", rec->uuid, FALSE);
}

#define F(...) (const char * const[]) { "id", __VA_ARGS__, NULL }

/* Parents before children, so that references resolve in one pass. */
static const TableSpec tables[] = {
  { "institutions", "institution",
    F ("name", "short_name", "sector", "town"), import_institution },
  { "teams", "team", F ("name", "town", "institutions"), import_team },
  { "contacts", "contact",
    F ("team", "institution", "name", "role", "phone", "email", "secretary"),
    import_contact },
  { "plans", "plan", F ("title", "start", "end"), import_plan },
  { "goals", "goal", F ("plan", "number", "title"), import_goal },
  { "activities", "activity",
    F ("goal", "number", "title", "deadline"), import_activity },
  { "projects", "project",
    F ("title", "start", "end", "status", "amount", "currency",
       "beneficiaries", "beneficiaries_count", "summary", "partners"),
    import_project },
  { "tasks", "task",
    F ("activity", "number", "title", "responsible", "partners",
       "other_partners", "deadline"), import_task },
  { "indicators", "indicator",
    F ("activity", "number", "text", "kind", "target"), import_indicator },
  { "budget_lines", "budget_line",
    F ("activity", "task", "source", "institution", "project", "source_text",
       "amount", "currency", "year", "note"), import_budget_line },
  { "risks", "risk", F ("activity", "text"), import_risk },
  { "indicator_values", "indicator_value",
    F ("indicator", "team", "period", "value", "note"),
    import_indicator_value },
  { "joint_actions", "joint_action",
    F ("team", "date", "kind", "title", "place", "activity", "indicators",
       "institutions", "participants", "note"), import_joint_action },
  { "meetings", "meeting",
    F ("date", "place", "organiser", "title", "conclusions", "team"),
    import_meeting },
  { "meeting_agenda_items", "meeting_agenda_item",
    F ("meeting", "position", "title", "presenter", "goal", "activity",
       "start_time", "duration"), import_meeting_agenda_item },
  { "meeting_invitees", "meeting_invitee",
    F ("meeting", "team", "institution", "attended"), import_meeting_invitee },
  { "meeting_follow_ups", "meeting_follow_up",
    F ("meeting", "task", "title", "responsible", "deadline"),
    import_meeting_follow_up },
};

#undef F

typedef struct
{
  char     *name;   /* the file's base name, for messages */
  JsonNode *root;
} ImportFile;

static void
import_file_free (gpointer data)
{
  ImportFile *file = data;

  g_free (file->name);
  json_node_unref (file->root);
  g_free (file);
}

static ImportFile *
load_file (const char  *path,
           GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = g_path_get_basename (path);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;
  GStatBuf st;
  gsize length = 0;
  ImportFile *file;

  if (g_stat (path, &st) == 0 && st.st_size > MAX_FILE_SIZE)
    {
      g_set_error (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_TOO_LARGE,
                   _("%s: the file is larger than %d MB"), name,
                   MAX_FILE_SIZE / (1024 * 1024));
      return NULL;
    }

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_IO,
                   "%s", local_error->message);
      return NULL;
    }

  root = mreza_json_parse (contents, length, &local_error);
  if (root == NULL)
    {
      g_set_error (error, MREZA_INPUT_ERROR, local_error->code,
                   "%s: %s", name, local_error->message);
      return NULL;
    }

  file = g_new0 (ImportFile, 1);
  file->name = g_steal_pointer (&name);
  file->root = g_steal_pointer (&root);
  return file;
}

static const TableSpec *
find_table (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (g_str_equal (tables[i].name, name))
      return &tables[i];

  return NULL;
}

/* Checks a file's shape: an object with mreza_format 1 and arrays of
 * objects under known table names. */
static gboolean
check_file (ImportFile  *file,
            GError     **error)
{
  JsonObject *root;
  JsonNode *format;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  if (!JSON_NODE_HOLDS_OBJECT (file->root))
    {
      g_set_error (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_TYPE,
                   _("%s: the file must hold a JSON object"), file->name);
      return FALSE;
    }

  root = json_node_get_object (file->root);
  format = json_object_get_member (root, "mreza_format");
  if (format == NULL || !JSON_NODE_HOLDS_VALUE (format) ||
      json_node_get_value_type (format) != G_TYPE_INT64 ||
      json_node_get_int (format) != 1)
    {
      g_set_error (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_MISSING,
                   _("%s: field “mreza_format”: must be 1 (this version of "
                     "Mreža reads format 1)"), file->name);
      return FALSE;
    }

  json_object_iter_init (&iter, root);
  while (json_object_iter_next (&iter, &name, &member))
    {
      if (g_str_equal (name, "mreza_format"))
        continue;
      if (find_table (name) == NULL)
        {
          g_set_error (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_UNKNOWN,
                       _("%s: “%s” is not a table of the import format"),
                       file->name, name);
          return FALSE;
        }
      if (!JSON_NODE_HOLDS_ARRAY (member))
        {
          g_set_error (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_TYPE,
                       _("%s: “%s” must be an array of records"),
                       file->name, name);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
import_record (Import          *import,
               const TableSpec *spec,
               ImportFile      *file,
               guint            index,
               JsonNode        *node,
               GError         **error)
{
  g_autoptr(GPtrArray) cols = g_ptr_array_new ();
  g_autoptr(GPtrArray) vals = NULL;
  g_autofree char *key = NULL;
  Record rec = {
    .import = import,
    .file = file->name,
    .table = spec->name,
    .index = index,
  };
  JsonObjectIter iter;
  const char *name;

  /* No free func: NULL stands for SQL NULL, which g_variant_unref()
   * does not take; values are dropped by hand below. */
  vals = g_ptr_array_new ();
  rec.cols = cols;
  rec.vals = vals;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_TYPE,
                   _("%s: %s[%u]: must be an object"), file->name,
                   spec->name, index);
      return FALSE;
    }
  rec.obj = json_node_get_object (node);
  rec.slug = field_string (&rec, "id", TRUE);

  json_object_iter_init (&iter, rec.obj);
  while (json_object_iter_next (&iter, &name, NULL))
    if (!g_strv_contains (spec->fields, name))
      record_fail (&rec, name, MREZA_INPUT_ERROR_UNKNOWN,
                   _("is not a field of %s"), spec->name);

  if (rec.error == NULL && !slug_is_valid (rec.slug))
    record_fail (&rec, "id", MREZA_INPUT_ERROR_VALUE,
                 _("“%s” is not a valid id (a-z, 0-9, “.”, “_”, “-”, at "
                   "most 64 characters, or a UUID)"), rec.slug);

  if (rec.error == NULL)
    {
      key = g_strconcat (spec->name, "/", rec.slug, NULL);
      if (g_hash_table_contains (import->seen, key))
        record_fail (&rec, "id", MREZA_INPUT_ERROR_DUPLICATE,
                     _("another record of this import has the same id"));
      else
        g_hash_table_add (import->seen, g_steal_pointer (&key));
    }

  if (rec.error == NULL)
    {
      rec.uuid = slug_uuid (spec->name, rec.slug);
      spec->func (&rec);
    }

  clear_row (&rec);
  g_free (rec.uuid);

  if (rec.error != NULL)
    {
      g_propagate_error (error, rec.error);
      return FALSE;
    }

  import->n_records++;
  return TRUE;
}

/* An MrezaSqlWork: @data is the Import. */
static gboolean
import_files (sqlite3   *db,
              gpointer   data,
              GError   **error)
{
  Import *import = data;
  GPtrArray *files = import->files;

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    for (guint f = 0; f < files->len; f++)
      {
        ImportFile *file = files->pdata[f];
        JsonObject *root = json_node_get_object (file->root);
        JsonArray *records;

        if (!json_object_has_member (root, tables[t].name))
          continue;

        records = json_object_get_array_member (root, tables[t].name);
        for (guint i = 0; i < json_array_get_length (records); i++)
          if (!import_record (import, &tables[t], file, i,
                              json_array_get_element (records, i), error))
            return FALSE;
      }

  return TRUE;
}

static gboolean
collect_paths (const char  *path,
               GPtrArray   *paths,
               GError     **error)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_set_error (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_IO,
                       _("There is no file or folder “%s” to import"), path);
          return FALSE;
        }
      g_ptr_array_add (paths, g_strdup (path));
      return TRUE;
    }

  if (!(dir = g_dir_open (path, 0, error)))
    return FALSE;

  while ((name = g_dir_read_name (dir)))
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (paths, g_build_filename (path, name, NULL));

  if (paths->len == 0)
    {
      g_set_error (error, MREZA_INPUT_ERROR, MREZA_INPUT_ERROR_IO,
                   _("The folder “%s” holds no .json file to import"), path);
      return FALSE;
    }

  return TRUE;
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char **) a, *(char **) b);
}

/**
 * mreza_import_path:
 * @store: the replica to import into
 * @path: a file, or a folder of `*.json` files, in the import format
 * @stats: (out) (optional): what was imported
 * @error: return location for a #GError
 *
 * Imports @path in one transaction. Any error (malformed JSON, a wrong
 * type, a missing field, a dangling reference, a value out of range)
 * is a #MREZA_INPUT_ERROR naming the file, the record and the field,
 * and leaves the replica as it was. Records already in the replica
 * (the same id) are updated.
 *
 * Returns: %TRUE on success
 */
gboolean
mreza_import_path (MrezaStore        *store,
                   const char        *path,
                   MrezaImportStats  *stats,
                   GError           **error)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autofree char *now = NULL;
  Import import = { 0 };

  g_return_val_if_fail (MREZA_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!collect_paths (path, paths, error))
    return FALSE;
  g_ptr_array_sort (paths, compare_paths);

  files = g_ptr_array_new_with_free_func (import_file_free);
  for (guint i = 0; i < paths->len; i++)
    {
      ImportFile *file = load_file (paths->pdata[i], error);

      if (file == NULL)
        return FALSE;
      g_ptr_array_add (files, file);
      if (!check_file (file, error))
        return FALSE;
    }

  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  now = mreza_now_iso8601 ();
  import.store = store;
  import.db = mreza_store_get_db (store);
  import.device_id = mreza_store_get_device_id (store);
  import.now = now;
  import.seen = seen;
  import.files = files;

  if (!_mreza_sql_transaction (import.db, import_files, &import, error))
    return FALSE;

  if (stats != NULL)
    {
      stats->n_files = files->len;
      stats->n_records = import.n_records;
    }

  return TRUE;
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  MrezaStore *store = source_object;
  g_autoptr(MrezaStore) writer = NULL;
  g_autoptr(GError) error = NULL;
  MrezaImportStats *stats = g_new0 (MrezaImportStats, 1);

  /* A connection of the worker's own: the store's belongs to its
   * thread. WAL and the busy timeout let both work on the file. */
  writer = mreza_store_open (mreza_store_get_path (store),
                             MREZA_STORE_OPEN_DEFAULT, &error);
  if (writer == NULL ||
      !mreza_import_path (writer, task_data, stats, &error))
    {
      g_free (stats);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, stats, g_free);
}

/**
 * mreza_import_path_async:
 * @store: the replica to import into
 * @path: a file, or a folder of `*.json` files
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the calling thread when the import is done
 * @user_data: for @callback
 *
 * Runs mreza_import_path() in a worker thread, on a connection of its
 * own, so that the UI does not wait on the disk.
 */
void
mreza_import_path_async (MrezaStore          *store,
                         const char          *path,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MREZA_IS_STORE (store));
  g_return_if_fail (path != NULL);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, mreza_import_path_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, import_thread);
}

/**
 * mreza_import_path_finish:
 * @store: the replica
 * @result: the #GAsyncResult
 * @stats: (out) (optional): what was imported
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
mreza_import_path_finish (MrezaStore        *store,
                          GAsyncResult      *result,
                          MrezaImportStats  *stats,
                          GError           **error)
{
  g_autofree MrezaImportStats *done = NULL;

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  done = g_task_propagate_pointer (G_TASK (result), error);
  if (done == NULL)
    return FALSE;
  if (stats != NULL)
    *stats = *done;

  return TRUE;
}
