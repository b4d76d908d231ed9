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
 * copy of the kind and parent id, and hands back a new GArray.
 */
#define G_LOG_DOMAIN "mreza-row-list"

#include "config.h"

#include "mreza-row-list.h"
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
    " status, 0 FROM task WHERE rowid = ?1",
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
    " ja.kind, ja.women + ja.men + ja.girls + ja.boys"
    " FROM joint_action ja JOIN team t ON t.id = ja.team_id"
    " WHERE ja.rowid = ?1",
  },
};

struct _MrezaRowList
{
  GObject        parent_instance;

  MrezaStore    *store;
  MrezaRowKind   kind;
  char          *parent_id;
  GArray        *rowids;
  sqlite3_stmt  *item_stmt;
  GCancellable  *cancellable;
  GError        *error;
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

static gpointer
mreza_row_list_get_item (GListModel *model,
                         guint       position)
{
  MrezaRowList *self = MREZA_ROW_LIST (model);
  sqlite3_stmt *stmt;
  MrezaRow *row = NULL;

  if (position >= self->rowids->len)
    return NULL;

  if (self->item_stmt == NULL)
    self->item_stmt = _mreza_sql_prepare (mreza_store_get_db (self->store),
                                          queries[self->kind].item, NULL);
  if ((stmt = self->item_stmt) == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, g_array_index (self->rowids, gint64, position));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    row = mreza_row_new (self->kind,
                         _mreza_sql_text (stmt, 0),
                         sqlite3_column_int (stmt, 1),
                         _mreza_sql_text (stmt, 2),
                         _mreza_sql_text (stmt, 3),
                         _mreza_sql_text (stmt, 4),
                         sqlite3_column_int (stmt, 5));
  sqlite3_reset (stmt);

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
  g_clear_error (&self->error);
  g_free (self->parent_id);

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
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->parent_id);
  g_free (data);
}

static GArray *
read_rowids (sqlite3       *db,
             MrezaRowKind   kind,
             const char    *parent_id,
             GCancellable  *cancellable,
             GError       **error)
{
  const char *sql = parent_id ? queries[kind].ids_parent : queries[kind].ids_all;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (sql == NULL)
    {
      /* A programming error, not translated. */
      g_set_error (error, MREZA_STORE_ERROR, MREZA_STORE_ERROR_FAILED,
                   "A %s list has no parent", mreza_row_kind_to_string (kind));
      return NULL;
    }

  if (!(stmt = _mreza_sql_prepare (db, sql, error)))
    return NULL;
  if (parent_id != NULL)
    sqlite3_bind_text (stmt, 1, parent_id, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (rowids, rowid);
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

  rowids = read_rowids (db, data->kind, data->parent_id, cancellable, &error);
  _mreza_store_close_db (db);

  if (rowids == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, rowids, (GDestroyNotify) g_array_unref);
}

static void
replace_rowids (MrezaRowList *self,
                GArray       *rowids)
{
  guint old_n = self->rowids->len;
  gboolean was_loaded = self->loaded;

  g_clear_pointer (&self->rowids, g_array_unref);
  self->rowids = rowids;
  self->loaded = TRUE;

  if (old_n > 0 || rowids->len > 0)
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
  data->kind = self->kind;
  data->parent_id = g_strdup (self->parent_id);

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
                        self->parent_id, NULL, error);
  if (rowids == NULL)
    return FALSE;

  replace_rowids (self, rowids);
  return TRUE;
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
