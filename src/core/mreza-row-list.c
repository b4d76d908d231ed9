/* mreza-row-list.c: a lazy GListModel of rows over SQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list holds only the rowids of its rows, read in one query by a
 * worker thread on a connection of its own; a row is built when the
 * view asks for it, with a point query by rowid. So a list of a million
 * joint actions costs 8 MB and one indexed scan off the main thread,
 * and scrolling costs a few microseconds a row.
 *
 * THREAD SAFETY: the list, its rowids and its prepared statement belong
 * to the main thread (the store's thread). The worker only sees its own
 * copy of the kind, parent id and filter, and hands back a new GArray;
 * with a long list's first rowids, the rows it built for them on its
 * own connection, which it no longer touches once handed over.
 *
 * A joint actions list may carry a filter (period, kind, institution,
 * sector) and an order: its rowid query is then built from fixed pieces
 * with bound parameters, so filtering and sorting a million rows is an
 * indexed SQL query too, never a GtkFilterListModel over all of them.
 */
#define G_LOG_DOMAIN "mreza-row-list"

#include "config.h"

#include "mreza-row-list.h"
#include "mreza-row-private.h"
#include "mreza-store-private.h"

typedef struct
{
  const char *ids_all;
  const char *ids_parent;
  const char *item;
} KindQueries;

static const KindQueries queries[MREZA_N_ROW_KINDS] = {
  [MREZA_ROW_PLAN] = {
    "SELECT rowid FROM plan ORDER BY start_date, title COLLATE mreza",
    NULL,
    "SELECT id, 0, title, start_date || ' – ' || end_date, NULL,"
    " (SELECT count(*) FROM goal WHERE plan_id = plan.id)"
    " FROM plan WHERE rowid = ?1",
  },
  [MREZA_ROW_GOAL] = {
    "SELECT rowid FROM goal ORDER BY number",
    "SELECT rowid FROM goal WHERE plan_id = ?1 ORDER BY number",
    "SELECT id, number, title, NULL, NULL,"
    " (SELECT count(*) FROM activity WHERE goal_id = goal.id)"
    " FROM goal WHERE rowid = ?1",
  },
  [MREZA_ROW_ACTIVITY] = {
    "SELECT a.rowid FROM activity a JOIN goal g ON g.id = a.goal_id"
    " ORDER BY g.number, a.number",
    "SELECT rowid FROM activity WHERE goal_id = ?1 ORDER BY number",
    "SELECT id, number, title, deadline_text, NULL,"
    " (SELECT count(*) FROM task WHERE activity_id = activity.id)"
    " FROM activity WHERE rowid = ?1",
  },
  [MREZA_ROW_TASK] = {
    "SELECT t.rowid FROM task t JOIN activity a ON a.id = t.activity_id"
    " JOIN goal g ON g.id = a.goal_id ORDER BY g.number, a.number, t.number",
    "SELECT rowid FROM task WHERE activity_id = ?1 ORDER BY number",
    "SELECT id, number, title,"
    " (SELECT group_concat (coalesce (i.short_name, i.name), ', ')"
    "  FROM task_institution ti JOIN institution i"
    "  ON i.id = ti.institution_id"
    "  WHERE ti.task_id = task.id AND ti.role = 'responsible'),"
    " (SELECT h.status FROM task_here h WHERE h.id = task.id), 0"
    " FROM task WHERE rowid = ?1",
  },
  [MREZA_ROW_INSTITUTION] = {
    "SELECT rowid FROM institution ORDER BY name COLLATE mreza",
    "SELECT i.rowid FROM team_member m JOIN institution i"
    " ON i.id = m.institution_id WHERE m.team_id = ?1"
    " ORDER BY i.sector, i.name COLLATE mreza",
    "SELECT id, 0, name, town, sector, 0 FROM institution WHERE rowid = ?1",
  },
  [MREZA_ROW_TEAM] = {
    "SELECT rowid FROM team ORDER BY name COLLATE mreza",
    NULL,
    "SELECT id, 0, name, town, NULL,"
    " (SELECT count(*) FROM team_member WHERE team_id = team.id)"
    " FROM team WHERE rowid = ?1",
  },
  [MREZA_ROW_PROJECT] = {
    "SELECT rowid FROM project ORDER BY start_date DESC, title COLLATE mreza",
    NULL,
    "SELECT id, 0, title,"
    " coalesce (start_date, '') || ' – ' || coalesce (end_date, ''),"
    " status, 0 FROM project WHERE rowid = ?1",
  },
  [MREZA_ROW_JOINT_ACTION] = {
    "SELECT rowid FROM joint_action ORDER BY date DESC",
    "SELECT rowid FROM joint_action WHERE team_id = ?1 ORDER BY date DESC",
    "SELECT ja.id, 0, ja.title,"
    " ja.date || coalesce (' · ' || ja.place, '') || ' · ' || t.name,"
    " ja.kind, ja.women + ja.men + ja.girls + ja.boys, ja.team_id"
    " FROM joint_action ja JOIN team t ON t.id = ja.team_id"
    " WHERE ja.rowid = ?1",
  },
  [MREZA_ROW_INDICATOR] = {
    "SELECT i.rowid FROM indicator i JOIN activity a ON a.id = i.activity_id"
    " JOIN goal g ON g.id = a.goal_id ORDER BY g.number, a.number, i.number",
    "SELECT rowid FROM indicator WHERE activity_id = ?1 ORDER BY number",
    "SELECT id, number, text, NULL, kind, 0 FROM indicator WHERE rowid = ?1",
  },
};

/* An owned copy of a MrezaJointActionFilter. */
typedef struct
{
  int                   year;
  int                   quarter;
  char                 *kind;
  char                 *institution_id;
  char                 *sector;
  MrezaJointActionSort  sort;
} ActionFilter;

static ActionFilter *
action_filter_new (const MrezaJointActionFilter *filter)
{
  ActionFilter *copy = g_new0 (ActionFilter, 1);

  copy->year = filter->year;
  copy->quarter = filter->year > 0 ? filter->quarter : 0;
  copy->kind = g_strdup (filter->kind);
  copy->institution_id = g_strdup (filter->institution_id);
  copy->sector = g_strdup (filter->sector);
  copy->sort = filter->sort;

  return copy;
}

static ActionFilter *
action_filter_copy (const ActionFilter *filter)
{
  MrezaJointActionFilter view = {
    filter->year, filter->quarter, filter->kind, filter->institution_id,
    filter->sector, filter->sort,
  };

  return action_filter_new (&view);
}

static void
action_filter_free (ActionFilter *filter)
{
  g_free (filter->kind);
  g_free (filter->institution_id);
  g_free (filter->sector);
  g_free (filter);
}

struct _MrezaRowList
{
  GObject        parent_instance;

  MrezaStore    *store;
  MrezaRowKind   kind;
  char          *parent_id;
  ActionFilter  *filter;
  GArray        *rowids;
  sqlite3_stmt  *item_stmt;
  GCancellable  *cancellable;
  GError        *error;
  guint          partial;      /* rows shown before the load ended */
  GPtrArray     *first_items;  /* the first rows, read by the worker */
  guint          loaded : 1;
};

enum {
  PROP_0,
  PROP_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
mreza_row_list_get_item_type (GListModel *model)
{
  return MREZA_TYPE_ROW;
}

static guint
mreza_row_list_get_n_items (GListModel *model)
{
  MrezaRowList *self = MREZA_ROW_LIST (model);

  return self->rowids->len;
}

/* Builds the row at @rowid with @stmt, the kind's item query; %NULL
 * when the row is gone. */
static MrezaRow *
read_item (sqlite3_stmt *stmt,
           MrezaRowKind  kind,
           gint64        rowid)
{
  MrezaRow *row = NULL;

  sqlite3_bind_int64 (stmt, 1, rowid);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      row = mreza_row_new (kind,
                           _mreza_sql_text (stmt, 0),
                           sqlite3_column_int (stmt, 1),
                           _mreza_sql_text (stmt, 2),
                           _mreza_sql_text (stmt, 3),
                           _mreza_sql_text (stmt, 4),
                           sqlite3_column_int (stmt, 5));
      /* A seventh column, where a kind has one, is the row's team. */
      if (sqlite3_column_count (stmt) > 6)
        _mreza_row_set_team_id (row, _mreza_sql_text (stmt, 6));
    }
  sqlite3_reset (stmt);

  return row;
}

static gpointer
mreza_row_list_get_item (GListModel *model,
                         guint       position)
{
  MrezaRowList *self = MREZA_ROW_LIST (model);
  MrezaRow *row = NULL;

  if (position >= self->rowids->len)
    return NULL;

  /* The first screenfuls were read by the worker with the rowids. */
  if (self->first_items != NULL && position < self->first_items->len &&
      g_ptr_array_index (self->first_items, position) != NULL)
    return g_object_ref (g_ptr_array_index (self->first_items, position));

  if (self->item_stmt == NULL)
    self->item_stmt = _mreza_sql_prepare (mreza_store_get_db (self->store),
                                          queries[self->kind].item, NULL);
  if (self->item_stmt == NULL)
    return NULL;

  row = read_item (self->item_stmt, self->kind,
                   g_array_index (self->rowids, gint64, position));

  /* A row deleted since the list loaded: an empty placeholder keeps the
   * model's promise of n_items until the next reload. */
  if (row == NULL)
    row = mreza_row_new (self->kind, "", 0, "", NULL, NULL, 0);

  return row;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = mreza_row_list_get_item_type;
  iface->get_n_items = mreza_row_list_get_n_items;
  iface->get_item = mreza_row_list_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (MrezaRowList, mreza_row_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      list_model_iface_init))

static void
mreza_row_list_dispose (GObject *object)
{
  MrezaRowList *self = (MrezaRowList *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->item_stmt, sqlite3_finalize);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (mreza_row_list_parent_class)->dispose (object);
}

static void
mreza_row_list_finalize (GObject *object)
{
  MrezaRowList *self = (MrezaRowList *)object;

  g_clear_pointer (&self->rowids, g_array_unref);
  g_clear_pointer (&self->first_items, g_ptr_array_unref);
  g_clear_error (&self->error);
  g_free (self->parent_id);
  g_clear_pointer (&self->filter, action_filter_free);

  G_OBJECT_CLASS (mreza_row_list_parent_class)->finalize (object);
}

static void
mreza_row_list_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MrezaRowList *self = MREZA_ROW_LIST (object);

  switch (prop_id)
    {
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mreza_row_list_class_init (MrezaRowListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mreza_row_list_dispose;
  object_class->finalize = mreza_row_list_finalize;
  object_class->get_property = mreza_row_list_get_property;

  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mreza_row_list_init (MrezaRowList *self)
{
  self->rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

typedef struct
{
  MrezaRowKind  kind;
  char         *parent_id;
  ActionFilter *filter;
  /* Not a reference: the task's callback holds one until the load
   * ended, and the first rows are shown before that (see first_rows). */
  MrezaRowList *list;
  /* Whether this is the list's first load: only then are its first
   * rows shown before the end of the load (show_first_rows), so only
   * then does the worker post them, rows built. */
  gboolean      first_rows;
} LoadData;

/* A long list shows its first screenfuls while the worker still reads
 * the rest (842,000 rowids take about 80 ms). */
#define FIRST_ROWS 256

typedef struct
{
  GTask     *task;
  GArray    *rowids;
  GPtrArray *items;   /* the rows at those rowids, built by the worker */
} FirstRows;

static void
load_data_free (LoadData *data)
{
  g_free (data->parent_id);
  g_clear_pointer (&data->filter, action_filter_free);
  g_free (data);
}

/* The rowid query of a filtered joint actions list: only fixed SQL is
 * pasted, every value is a named parameter (bind_action_filter). With a
 * kind, joint_action_kind (kind, date) serves the filter and the date
 * order; without, joint_action_date does. */
static char *
action_filter_sql (const ActionFilter *filter,
                   const char         *parent_id)
{
  GString *sql = g_string_new ("SELECT ja.rowid FROM joint_action ja"
                               " WHERE 1");

  if (parent_id != NULL)
    g_string_append (sql, " AND ja.team_id = :team");
  if (filter->year > 0)
    g_string_append (sql, " AND ja.date >= :from AND ja.date < :to");
  if (filter->kind != NULL)
    g_string_append (sql, " AND ja.kind = :kind");
  if (filter->institution_id != NULL)
    g_string_append (sql, " AND ja.id IN (SELECT joint_action_id"
                          " FROM joint_action_institution"
                          " WHERE institution_id = :institution)");
  if (filter->sector != NULL)
    g_string_append (sql, " AND ja.id IN (SELECT jai.joint_action_id"
                          " FROM joint_action_institution jai"
                          " JOIN institution i ON i.id = jai.institution_id"
                          " WHERE i.sector = :sector)");

  switch (filter->sort)
    {
    case MREZA_JOINT_ACTION_SORT_OLDEST:
      g_string_append (sql, " ORDER BY ja.date, ja.rowid");
      break;
    case MREZA_JOINT_ACTION_SORT_TITLE:
      g_string_append (sql, " ORDER BY ja.title COLLATE mreza, ja.date DESC");
      break;
    case MREZA_JOINT_ACTION_SORT_NEWEST:
    default:
      g_string_append (sql, " ORDER BY ja.date DESC, ja.rowid DESC");
      break;
    }

  return g_string_free (sql, FALSE);
}

static void
bind_named (sqlite3_stmt *stmt,
            const char   *name,
            const char   *value)
{
  int pos = sqlite3_bind_parameter_index (stmt, name);

  if (pos > 0)
    sqlite3_bind_text (stmt, pos, value, -1, SQLITE_TRANSIENT);
}

static void
bind_action_filter (sqlite3_stmt       *stmt,
                    const ActionFilter *filter,
                    const char         *parent_id)
{
  bind_named (stmt, ":team", parent_id);
  if (filter->year > 0)
    {
      int first = filter->quarter >= 1 && filter->quarter <= 4
                  ? (filter->quarter - 1) * 3 + 1 : 1;
      int months = first == 1 && filter->quarter == 0 ? 12 : 3;
      int end_year = filter->year + (first + months > 12 ? 1 : 0);
      int end_month = (first + months - 1) % 12 + 1;
      char from[16], to[16];

      g_snprintf (from, sizeof from, "%04d-%02d-01", filter->year, first);
      g_snprintf (to, sizeof to, "%04d-%02d-01", end_year, end_month);
      bind_named (stmt, ":from", from);
      bind_named (stmt, ":to", to);
    }
  bind_named (stmt, ":kind", filter->kind);
  bind_named (stmt, ":institution", filter->institution_id);
  bind_named (stmt, ":sector", filter->sector);
}

static GArray *
read_rowids (sqlite3             *db,
             MrezaRowKind         kind,
             const char          *parent_id,
             const ActionFilter  *filter,
             GCancellable        *cancellable,
             void               (*first_rows) (sqlite3  *db,
                                               GArray   *rowids,
                                               gpointer  user_data),
             gpointer             user_data,
             GError             **error)
{
  const char *sql = parent_id ? queries[kind].ids_parent : queries[kind].ids_all;
  g_autofree char *filter_sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (filter != NULL && kind == MREZA_ROW_JOINT_ACTION)
    sql = filter_sql = action_filter_sql (filter, parent_id);

  if (sql == NULL)
    {
      /* A programming error, not translated. */
      g_set_error (error, MREZA_STORE_ERROR, MREZA_STORE_ERROR_FAILED,
                   "A %s list has no parent", mreza_row_kind_to_string (kind));
      return NULL;
    }

  if (!(stmt = _mreza_sql_prepare (db, sql, error)))
    return NULL;
  if (filter_sql != NULL)
    bind_action_filter (stmt, filter, parent_id);
  else if (parent_id != NULL)
    sqlite3_bind_text (stmt, 1, parent_id, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (rowids, rowid);
      if (rowids->len == FIRST_ROWS && first_rows != NULL)
        first_rows (db, rowids, user_data);
      if ((rowids->len & 0xffff) == 0 &&
          g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
    }

  if (rc != SQLITE_DONE)
    {
      _mreza_sql_set_error (db, rc, error, "Cannot read the list");
      return NULL;
    }

  return g_steal_pointer (&rowids);
}

static void first_rows_free (FirstRows *first);

static void
unref_row (gpointer row)
{
  g_clear_object (&row);
}

static gboolean show_first_rows (gpointer user_data);

/* On the worker: hands a copy of the first rowids to the list's thread,
 * with their rows. The view builds a widget for each of them as soon
 * as they arrive; read here, they cost the UI thread no disk reads. */
static void
post_first_rows (sqlite3  *db,
                 GArray   *rowids,
                 gpointer  user_data)
{
  GTask *task = user_data;
  LoadData *data = g_task_get_task_data (task);
  FirstRows *first = g_new0 (FirstRows, 1);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  first->task = g_object_ref (task);
  first->rowids = g_array_sized_new (FALSE, FALSE, sizeof (gint64),
                                     rowids->len);
  g_array_append_vals (first->rowids, rowids->data, rowids->len);
  stmt = _mreza_sql_prepare (db, queries[data->kind].item, NULL);
  if (stmt != NULL)
    {
      first->items = g_ptr_array_new_full (rowids->len, unref_row);
      for (guint i = 0; i < rowids->len; i++)
        g_ptr_array_add (first->items,
                         read_item (stmt, data->kind,
                                    g_array_index (rowids, gint64, i)));
    }
  g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT,
                              show_first_rows, first,
                              (GDestroyNotify) first_rows_free);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  MrezaStore *store = source_object;
  LoadData *data = task_data;
  g_autoptr(GError) error = NULL;
  GArray *rowids;
  sqlite3 *db;

  if (!(db = mreza_store_open_reader (store, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  rowids = read_rowids (db, data->kind, data->parent_id, data->filter,
                        cancellable,
                        data->first_rows ? post_first_rows : NULL, task,
                        &error);
  mreza_store_release_reader (store, db);

  if (rowids == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, rowids, (GDestroyNotify) g_array_unref);
}

static void
first_rows_free (FirstRows *first)
{
  g_object_unref (first->task);
  g_array_unref (first->rowids);
  g_clear_pointer (&first->items, g_ptr_array_unref);
  g_free (first);
}

/* On the list's thread: the first rows of its first load, shown while
 * the worker reads on. The same statement reads the whole list, so
 * they are its start, and the end of the load only appends. */
static gboolean
show_first_rows (gpointer user_data)
{
  FirstRows *first = user_data;
  LoadData *data = g_task_get_task_data (first->task);
  MrezaRowList *self = data->list;

  if (g_task_get_completed (first->task) ||
      g_cancellable_is_cancelled (g_task_get_cancellable (first->task)) ||
      self->loaded || self->rowids->len > 0)
    return G_SOURCE_REMOVE;

  g_array_append_vals (self->rowids, first->rowids->data, first->rowids->len);
  self->first_items = g_steal_pointer (&first->items);
  self->partial = first->rowids->len;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, self->partial);
  return G_SOURCE_REMOVE;
}

static void
replace_rowids (MrezaRowList *self,
                GArray       *rowids)
{
  guint old_n = self->rowids->len;
  guint partial = self->partial;
  gboolean was_loaded = self->loaded;

  g_clear_pointer (&self->rowids, g_array_unref);
  self->rowids = rowids;
  self->loaded = TRUE;
  self->partial = 0;

  /* The worker's first rows stay true only for the load they began. */
  if (!(partial > 0 && partial == old_n && rowids->len >= partial))
    g_clear_pointer (&self->first_items, g_ptr_array_unref);

  if (partial > 0 && partial == old_n && rowids->len >= partial)
    {
      /* The first rows are on screen already: the rest follows them. */
      if (rowids->len > partial)
        g_list_model_items_changed (G_LIST_MODEL (self), partial, 0,
                                    rowids->len - partial);
    }
  else if (old_n > 0 || rowids->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, rowids->len);
  if (!was_loaded)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(MrezaRowList) self = user_data;
  g_autoptr(GError) error = NULL;
  GArray *rowids;

  rowids = g_task_propagate_pointer (G_TASK (result), &error);
  if (rowids == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Cannot load a %s list: %s",
                 mreza_row_kind_to_string (self->kind), error->message);
      g_clear_error (&self->error);
      self->error = g_steal_pointer (&error);
      rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
    }

  replace_rowids (self, rowids);
}

/**
 * mreza_row_list_reload:
 * @self: a #MrezaRowList
 *
 * Reads the list's rows again in a worker thread; the list changes when
 * they are there, and keeps its current rows until then.
 */
void
mreza_row_list_reload (MrezaRowList *self)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (MREZA_IS_ROW_LIST (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  data = g_new0 (LoadData, 1);
  data->list = self;
  data->first_rows = !self->loaded && self->rowids->len == 0;
  data->kind = self->kind;
  data->parent_id = g_strdup (self->parent_id);
  if (self->filter != NULL)
    data->filter = action_filter_copy (self->filter);

  task = g_task_new (self->store, self->cancellable, load_cb,
                     g_object_ref (self));
  g_task_set_source_tag (task, mreza_row_list_reload);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_thread);
}

/**
 * mreza_row_list_new:
 * @store: the replica
 * @kind: the kind of rows
 * @parent_id: (nullable): only the rows of this parent (a goal's
 *   activities, a team's institutions…), or %NULL for all
 *
 * Creates the list and starts loading it in a worker thread; it is
 * empty until #MrezaRowList:loaded turns %TRUE.
 *
 * Returns: (transfer full): a new list
 */
MrezaRowList *
mreza_row_list_new (MrezaStore   *store,
                    MrezaRowKind  kind,
                    const char   *parent_id)
{
  MrezaRowList *self;

  g_return_val_if_fail (MREZA_IS_STORE (store), NULL);
  g_return_val_if_fail (kind < MREZA_N_ROW_KINDS, NULL);

  self = g_object_new (MREZA_TYPE_ROW_LIST, NULL);
  self->store = g_object_ref (store);
  self->kind = kind;
  self->parent_id = g_strdup (parent_id);

  mreza_row_list_reload (self);

  return self;
}

/**
 * mreza_row_list_load_sync:
 * @self: a #MrezaRowList
 * @error: return location for a #GError
 *
 * Reads the rows now, on the calling (the store's) thread: for tools
 * and tests, never for the UI.
 *
 * Returns: %TRUE on success
 */
gboolean
mreza_row_list_load_sync (MrezaRowList  *self,
                          GError       **error)
{
  GArray *rowids;

  g_return_val_if_fail (MREZA_IS_ROW_LIST (self), FALSE);

  g_cancellable_cancel (self->cancellable);
  rowids = read_rowids (mreza_store_get_db (self->store), self->kind,
                        self->parent_id, self->filter, NULL, NULL, NULL, error);
  if (rowids == NULL)
    return FALSE;

  replace_rowids (self, rowids);
  return TRUE;
}

/**
 * mreza_row_list_set_joint_action_filter:
 * @self: a #MrezaRowList of %MREZA_ROW_JOINT_ACTION rows
 * @filter: (nullable): which joint actions to show and in what order,
 *   or %NULL for all, newest first
 *
 * Keeps a copy of @filter and reloads the list in a worker thread, as
 * mreza_row_list_reload() does.
 */
void
mreza_row_list_set_joint_action_filter (MrezaRowList                 *self,
                                        const MrezaJointActionFilter *filter)
{
  g_return_if_fail (MREZA_IS_ROW_LIST (self));
  g_return_if_fail (self->kind == MREZA_ROW_JOINT_ACTION);
  g_return_if_fail (filter == NULL || (filter->quarter >= 0 &&
                                       filter->quarter <= 4));

  g_clear_pointer (&self->filter, action_filter_free);
  if (filter != NULL)
    self->filter = action_filter_new (filter);

  mreza_row_list_reload (self);
}

MrezaRowKind
mreza_row_list_get_kind (MrezaRowList *self)
{
  g_return_val_if_fail (MREZA_IS_ROW_LIST (self), 0);

  return self->kind;
}

gboolean
mreza_row_list_get_loaded (MrezaRowList *self)
{
  g_return_val_if_fail (MREZA_IS_ROW_LIST (self), FALSE);

  return self->loaded;
}

/**
 * mreza_row_list_get_error:
 * @self: a #MrezaRowList
 *
 * Returns: (nullable): why the last load failed, if it did
 */
const GError *
mreza_row_list_get_error (MrezaRowList *self)
{
  g_return_val_if_fail (MREZA_IS_ROW_LIST (self), NULL);

  return self->error;
}
