/* mreza-search.c: full-text search over the replica
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The index is the FTS5 table "search" that triggers keep true (see
 * mreza-migrations.c). Results are not ordered by rank: on a frequent
 * term over a million rows `ORDER BY rank` scores every match (about
 * 190 ms here), while LIMIT on the index order stops after the first
 * few; the results are then grouped by kind for display.
 */
#define G_LOG_DOMAIN "mreza-search"

#include "config.h"

#include "mreza-search.h"

#include "mreza-indicators.h"
#include "mreza-store-private.h"
#include "mreza-util.h"

/* The second line of a result: where it stands in the plan (a task's
 * activity, an activity's goal), or an institution's town. */
static const char search_sql[] =
  "SELECT d.kind, d.ref, s.label,"
  " CASE d.kind"
  "  WHEN 'activity' THEN (SELECT g.title FROM activity a"
  "    JOIN goal g ON g.id = a.goal_id WHERE a.id = d.ref)"
  "  WHEN 'task' THEN (SELECT a.title FROM task t"
  "    JOIN activity a ON a.id = t.activity_id WHERE t.id = d.ref)"
  "  WHEN 'institution' THEN (SELECT town FROM institution WHERE id = d.ref)"
  "  WHEN 'project' THEN (SELECT coalesce (start_date, '') || ' – ' ||"
  "    coalesce (end_date, '') FROM project WHERE id = d.ref)"
  "  END,"
  " CASE d.kind"
  "  WHEN 'goal' THEN (SELECT number FROM goal WHERE id = d.ref)"
  "  WHEN 'activity' THEN (SELECT number FROM activity WHERE id = d.ref)"
  "  WHEN 'task' THEN (SELECT number FROM task WHERE id = d.ref)"
  "  ELSE 0 END,"
  " CASE d.kind"
  "  WHEN 'institution' THEN (SELECT sector FROM institution WHERE id = d.ref)"
  "  WHEN 'project' THEN (SELECT status FROM project WHERE id = d.ref)"
  "  WHEN 'task' THEN (SELECT status FROM task_here WHERE id = d.ref)"
  "  END"
  " FROM search s JOIN search_doc d ON d.rid = s.rowid"
  " WHERE search MATCH ?1 LIMIT ?2";

static int
compare_kind (gconstpointer a,
              gconstpointer b)
{
  MrezaRow *ra = *(MrezaRow **) a;
  MrezaRow *rb = *(MrezaRow **) b;
  MrezaRowKind ka = mreza_row_get_kind (ra);
  MrezaRowKind kb = mreza_row_get_kind (rb);

  if (ka != kb)
    return ka < kb ? -1 : 1;

  return 0;
}

/**
 * mreza_search_run_sync:
 * @db: a connection to a replica
 * @text: what the person typed
 * @limit: the most results to return
 * @error: return location for a #GError
 *
 * Finds goals, activities, tasks, institutions and projects whose words
 * start with the words of @text, ignoring case and diacritics, in Latin
 * or Cyrillic. Results come grouped by kind (goals first).
 *
 * Returns: (transfer full) (element-type MrezaRow): the results, or
 *   %NULL on error
 */
GPtrArray *
mreza_search_run_sync (sqlite3     *db,
                       const char  *text,
                       guint        limit,
                       GError     **error)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *query = NULL;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  query = mreza_search_build_query (text);
  if (query == NULL || limit == 0)
    return g_steal_pointer (&results);

  if (!(stmt = _mreza_sql_prepare (db, search_sql, error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, query, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, limit);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MrezaRowKind kind;

      if (!mreza_row_kind_from_string (_mreza_sql_text (stmt, 0), &kind))
        continue;
      g_ptr_array_add (results,
                       mreza_row_new (kind,
                                      _mreza_sql_text (stmt, 1),
                                      sqlite3_column_int (stmt, 4),
                                      _mreza_sql_text (stmt, 2),
                                      _mreza_sql_text (stmt, 3),
                                      _mreza_sql_text (stmt, 5),
                                      0));
    }

  if (rc != SQLITE_DONE)
    {
      _mreza_sql_set_error (db, rc, error, "Search failed");
      return NULL;
    }

  /* Indicators are not in the index (see mreza_indicator_search()). */
  if (results->len < limit)
    {
      g_autoptr(GPtrArray) indicators = NULL;

      indicators = mreza_indicator_search (db, text, limit - results->len,
                                           error);
      if (indicators == NULL)
        return NULL;
      for (guint i = 0; i < indicators->len; i++)
        g_ptr_array_add (results, g_object_ref (g_ptr_array_index (indicators, i)));
    }

  /* A stable sort (g_qsort_with_data): the index order stays within a
   * kind. */
  g_ptr_array_sort (results, compare_kind);

  return g_steal_pointer (&results);
}

typedef struct
{
  char  *text;
  guint  limit;
} SearchData;

static void
search_data_free (SearchData *data)
{
  g_free (data->text);
  g_free (data);
}

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SearchData *data = task_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *results;
  sqlite3 *db;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (!(db = mreza_store_open_reader (source_object, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  results = mreza_search_run_sync (db, data->text, data->limit, &error);
  mreza_store_release_reader (source_object, db);

  if (results == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, results, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * mreza_search_run_async:
 * @store: the replica
 * @text: what the person typed
 * @limit: the most results to return
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the calling thread with the results
 * @user_data: for @callback
 *
 * Runs mreza_search_run_sync() in a worker thread.
 */
void
mreza_search_run_async (MrezaStore          *store,
                        const char          *text,
                        guint                limit,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SearchData *data;

  g_return_if_fail (MREZA_IS_STORE (store));
  g_return_if_fail (text != NULL);

  data = g_new0 (SearchData, 1);
  data->text = g_strdup (text);
  data->limit = limit;

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, mreza_search_run_async);
  g_task_set_task_data (task, data, (GDestroyNotify) search_data_free);
  g_task_run_in_thread (task, search_thread);
}

/**
 * mreza_search_run_finish:
 * @store: the replica
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type MrezaRow): the results
 */
GPtrArray *
mreza_search_run_finish (MrezaStore    *store,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
