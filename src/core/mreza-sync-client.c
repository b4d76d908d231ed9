/* mreza-sync-client.c: background sync of one replica
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MrezaSyncClient decides when a replica syncs and tells the UI how it
 * went, as properties to bind to: after a local change (debounced),
 * when the network comes back, on a timer while online, and on "Sync
 * now". A failure that may heal by itself (the coordinator is down, the
 * network flaps) is retried with exponential backoff and jitter; one
 * that needs a person (a revoked device, a version mismatch, a changed
 * certificate) waits for them, with a message that says what to do.
 *
 * THREAD SAFETY: the object lives on the thread that made it (the main
 * thread in the app); its properties change and its signals are emitted
 * there only. Each sync runs mreza_sync_run_with_token() in a GTask
 * worker that opens a MrezaStore of its own on the replica's path (a
 * connection belongs to the thread that opened it) and hands progress
 * back with g_main_context_invoke(). The worker only reads the copies
 * of the path and token it was given. While all is well, a second
 * worker holds a long poll open on the coordinator (on a connection of
 * its own too), so that other devices' changes arrive in about a
 * second instead of at the next periodic sync. The client also keeps a
 * connection of its own on its thread, for cheap polls of
 * `PRAGMA data_version` that notice writes by anyone (the app, the
 * sqlite3 shell), and the counts of pending changes and conflicts.
 */
#define G_LOG_DOMAIN "mreza-sync-client"

#include "config.h"

#include "mreza-sync-client.h"

#include "mreza-store.h"
#include "mreza-sync.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#define POLL_MS         2000
#define PERIODIC_MS     60000
#define DEBOUNCE_MS     2000
#define BACKOFF_MIN_MS  2000
#define BACKOFF_MAX_MS  (10 * 60 * 1000)
#define WATCH_S         25

struct _MrezaSyncClient
{
  GObject          parent_instance;

  char            *path;
  char            *token;
  GMainContext    *context;
  GNetworkMonitor *monitor;
  MrezaStore      *poll_store;     /* this thread's connection */
  GCancellable    *cancellable;    /* the running sync's */
  GCancellable    *watch;          /* the running long poll's */

  MrezaSyncState   state;
  char            *message;
  GDateTime       *last_sync;
  gint64           pushed;
  gint64           pulled;
  gint64           pending;
  gint64           conflicts;
  gint64           data_version;
  int              error_code;

  guint            periodic_ms;
  guint            debounce_ms;
  guint            backoff_min_ms;
  guint            backoff_max_ms;
  guint            failures;
  guint            retry_delay;

  guint            poll_id;
  guint            next_id;
  guint            debounce_id;
  gboolean         started;
  gboolean         again;
};

enum {
  PROP_0,
  PROP_PATH,
  PROP_STATE,
  PROP_MESSAGE,
  PROP_LAST_SYNC,
  PROP_PUSHED,
  PROP_PULLED,
  PROP_PENDING,
  PROP_CONFLICTS,
  PROP_RETRY_DELAY,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MrezaSyncClient, mreza_sync_client, G_TYPE_OBJECT)

GType
mreza_sync_state_get_type (void)
{
  static gsize type_id = 0;
  static const GEnumValue values[] = {
    { MREZA_SYNC_STATE_NOT_JOINED, "MREZA_SYNC_STATE_NOT_JOINED", "not-joined" },
    { MREZA_SYNC_STATE_OFFLINE, "MREZA_SYNC_STATE_OFFLINE", "offline" },
    { MREZA_SYNC_STATE_SYNCING, "MREZA_SYNC_STATE_SYNCING", "syncing" },
    { MREZA_SYNC_STATE_UP_TO_DATE, "MREZA_SYNC_STATE_UP_TO_DATE", "up-to-date" },
    { MREZA_SYNC_STATE_NEEDS_ATTENTION, "MREZA_SYNC_STATE_NEEDS_ATTENTION",
      "needs-attention" },
    { 0, NULL, NULL }
  };

  if (g_once_init_enter (&type_id))
    {
      GType id = g_enum_register_static (g_intern_static_string ("MrezaSyncState"),
                                         values);

      g_once_init_leave (&type_id, id);
    }

  return type_id;
}

static void run_sync    (MrezaSyncClient *self);
static void start_watch (MrezaSyncClient *self);
static void stop_watch  (MrezaSyncClient *self);

/* Setters: compare, store, notify. */

static void
set_state (MrezaSyncClient *self,
           MrezaSyncState   state,
           const char      *message)
{
  g_assert (MREZA_IS_SYNC_CLIENT (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (g_strcmp0 (self->message, message) != 0)
    {
      g_free (self->message);
      self->message = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
    }
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static void
set_int64 (MrezaSyncClient *self,
           gint64          *field,
           gint64           value,
           guint            prop)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_retry_delay (MrezaSyncClient *self,
                 guint            delay)
{
  if (self->retry_delay == delay)
    return;
  self->retry_delay = delay;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETRY_DELAY]);
}

static void
set_last_sync_iso (MrezaSyncClient *self,
                   const char      *iso)
{
  g_autoptr(GDateTime) parsed = NULL;

  if (iso != NULL)
    parsed = g_date_time_new_from_iso8601 (iso, NULL);
  if (parsed == NULL)
    return;
  if (self->last_sync != NULL && g_date_time_equal (self->last_sync, parsed))
    return;

  g_clear_pointer (&self->last_sync, g_date_time_unref);
  self->last_sync = g_steal_pointer (&parsed);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNC]);
}

/* The poll connection: opened lazily, since the replica may not exist
 * until the person joins or opens the demo. */
static MrezaStore *
get_poll_store (MrezaSyncClient *self)
{
  g_autoptr(GError) error = NULL;

  if (self->poll_store != NULL)
    return self->poll_store;
  if (!g_file_test (self->path, G_FILE_TEST_EXISTS))
    return NULL;

  self->poll_store = mreza_store_open (self->path, MREZA_STORE_OPEN_DEFAULT,
                                       &error);
  if (self->poll_store == NULL)
    g_debug ("Cannot open %s to poll: %s", self->path, error->message);

  return self->poll_store;
}

static gint64
read_data_version (MrezaStore *store)
{
  sqlite3_stmt *stmt = NULL;
  gint64 version = -1;

  if (sqlite3_prepare_v2 (mreza_store_get_db (store), "PRAGMA data_version",
                          -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return version;
}

static gboolean
is_joined (MrezaSyncClient *self)
{
  MrezaStore *store = get_poll_store (self);

  return store != NULL && mreza_sync_is_joined (store);
}

/* Reads the counts; returns whether local changes were added. */
static gboolean
read_counts (MrezaSyncClient *self)
{
  MrezaStore *store = get_poll_store (self);
  g_autofree char *last = NULL;
  gint64 pending;
  gboolean grew;

  if (store == NULL)
    return FALSE;

  pending = MAX (mreza_sync_count_pending (store), 0);
  grew = pending > self->pending;
  set_int64 (self, &self->pending, pending, PROP_PENDING);
  set_int64 (self, &self->conflicts,
             MAX (mreza_sync_count_conflicts (store), 0), PROP_CONFLICTS);
  last = mreza_sync_dup_state (store, "last_sync");
  set_last_sync_iso (self, last);

  return grew;
}

static gboolean
host_is_local (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *host = uri ? g_uri_get_host (uri) : NULL;

  return host != NULL &&
         (g_str_equal (host, "localhost") || g_str_has_prefix (host, "127.") ||
          g_str_equal (host, "::1"));
}

/* A coordinator on this machine is reachable whatever the network. */
static gboolean
is_online (MrezaSyncClient *self)
{
  g_autofree char *url = NULL;

  if (g_network_monitor_get_network_available (self->monitor))
    return TRUE;
  if (get_poll_store (self) != NULL)
    url = mreza_sync_dup_state (self->poll_store, "url");

  return url != NULL && host_is_local (url);
}

static gboolean
next_cb (gpointer user_data)
{
  MrezaSyncClient *self = user_data;

  self->next_id = 0;
  run_sync (self);

  return G_SOURCE_REMOVE;
}

static void
schedule (MrezaSyncClient *self,
          guint            delay_ms)
{
  g_clear_handle_id (&self->next_id, g_source_remove);
  if (self->started)
    self->next_id = g_timeout_add_full (G_PRIORITY_DEFAULT, delay_ms, next_cb,
                                        self, NULL);
}

/* 2 s, 4 s, 8 s… up to 10 min, each ±20 %. */
static guint
next_backoff (MrezaSyncClient *self)
{
  guint shift = MIN (self->failures, 20u) - 1;
  double delay = MIN ((double) self->backoff_min_ms * (1u << shift),
                      (double) self->backoff_max_ms);

  return (guint) (delay * g_random_double_range (0.8, 1.2));
}

typedef struct
{
  MrezaSyncClient *self;
  MrezaSyncStats   stats;
} Progress;

static void
progress_free (gpointer data)
{
  Progress *p = data;

  g_object_unref (p->self);
  g_free (p);
}

static gboolean
progress_idle_cb (gpointer data)
{
  Progress *p = data;

  if (p->self->state == MREZA_SYNC_STATE_SYNCING)
    {
      set_int64 (p->self, &p->self->pushed, p->stats.pushed, PROP_PUSHED);
      set_int64 (p->self, &p->self->pulled, p->stats.pulled, PROP_PULLED);
    }

  return G_SOURCE_REMOVE;
}

typedef struct
{
  char            *path;
  char            *token;
  GMainContext    *context;
  MrezaSyncClient *self;    /* for progress only; the task holds a ref */
} SyncData;

static void
sync_data_free (gpointer data)
{
  SyncData *d = data;

  g_free (d->path);
  g_free (d->token);
  g_main_context_unref (d->context);
  g_free (d);
}

/* Runs in the worker thread. */
static void
worker_progress_cb (const MrezaSyncStats *stats,
                    gpointer              user_data)
{
  SyncData *d = user_data;
  Progress *p = g_new0 (Progress, 1);

  p->self = g_object_ref (d->self);
  p->stats = *stats;
  g_main_context_invoke_full (d->context, G_PRIORITY_DEFAULT,
                              progress_idle_cb, p, progress_free);
}

/* Runs in the worker thread, on a connection of its own. */
static void
sync_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SyncData *d = task_data;
  g_autoptr(MrezaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  MrezaSyncStats *stats = g_new0 (MrezaSyncStats, 1);

  store = mreza_store_open (d->path, MREZA_STORE_OPEN_DEFAULT, &error);
  if (store == NULL ||
      !mreza_sync_run_with_token (store, d->token, worker_progress_cb, d,
                                  stats, cancellable, &error))
    {
      g_free (stats);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, stats, g_free);
}

/* What the person reads, and whether to try again by ourselves. */
static char *
describe_error (const GError *error,
                gboolean     *retry)
{
  *retry = FALSE;

  if (error->domain != MREZA_SYNC_ERROR)
    {
      *retry = TRUE;
      return g_strdup (error->message);
    }

  switch ((MrezaSyncError) error->code)
    {
    case MREZA_SYNC_ERROR_UNAUTHORIZED:
      return g_strdup (_("This device was revoked on the coordinator, or its "
                         "key is no longer valid. Every edit made here is "
                         "kept on this computer and waits to be sent: ask "
                         "your coordinator’s administrator for a new "
                         "enrollment code and join again."));
    case MREZA_SYNC_ERROR_CLIENT_TOO_OLD:
      return g_strdup (_("The coordinator needs a newer Mreža. Update Mreža "
                         "on this computer; your edits are kept and will be "
                         "sent then."));
    case MREZA_SYNC_ERROR_SERVER_TOO_OLD:
      return g_strdup (_("The coordinator runs an older version than this "
                         "Mreža. Its administrator must update the server; "
                         "your edits are kept and will be sent then."));
    case MREZA_SYNC_ERROR_FORBIDDEN:
      /* Translators: %s is the coordinator's reason */
      return g_strdup_printf (_("The coordinator refused a change made on "
                                "this computer (%s). The changes made after "
                                "it wait; changes from the others still "
                                "arrive. Open Conflicts to undo it."),
                              error->message);
    case MREZA_SYNC_ERROR_NOT_JOINED:
    case MREZA_SYNC_ERROR_TLS:
      return g_strdup (error->message);
    case MREZA_SYNC_ERROR_NETWORK:
    case MREZA_SYNC_ERROR_RATE_LIMITED:
    case MREZA_SYNC_ERROR_BAD_RESPONSE:
    case MREZA_SYNC_ERROR_FAILED:
    default:
      *retry = TRUE;
      /* Translators: an error message, then this */
      return g_strdup_printf (_("%s Mreža tries again by itself."),
                              error->message);
    }
}

static void
sync_failed (MrezaSyncClient *self,
             const GError    *error)
{
  g_autofree char *message = NULL;
  gboolean retry;

  self->error_code = error->domain == MREZA_SYNC_ERROR ? error->code : -1;
  message = describe_error (error, &retry);

  if (error->domain == MREZA_SYNC_ERROR &&
      error->code == MREZA_SYNC_ERROR_NETWORK && !is_online (self))
    {
      set_state (self, MREZA_SYNC_STATE_OFFLINE,
                 _("This computer is offline. Your edits are kept and are "
                   "sent when it is back online."));
      set_retry_delay (self, 0);
      return;
    }

  set_state (self, MREZA_SYNC_STATE_NEEDS_ATTENTION, message);
  if (!retry)
    {
      set_retry_delay (self, 0);
      return;
    }

  self->failures++;
  set_retry_delay (self, next_backoff (self));
  g_debug ("Sync failed (%u in a row), again in %u ms: %s", self->failures,
           self->retry_delay, error->message);
  schedule (self, self->retry_delay);
}

/* Runs on the client's thread, which holds the last reference to the
 * client the sync took: the client is never finalized in a worker. */
static void
sync_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(MrezaSyncClient) self = user_data;
  g_autofree MrezaSyncStats *stats = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->cancellable);
  stats = g_task_propagate_pointer (G_TASK (result), &error);
  read_counts (self);

  if (stats == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_state (self, MREZA_SYNC_STATE_OFFLINE, NULL);
      else
        sync_failed (self, error);
    }
  else
    {
      self->failures = 0;
      self->error_code = -1;
      set_retry_delay (self, 0);
      set_int64 (self, &self->pushed, stats->pushed, PROP_PUSHED);
      set_int64 (self, &self->pulled, stats->pulled, PROP_PULLED);
      set_state (self, MREZA_SYNC_STATE_UP_TO_DATE, NULL);
      schedule (self, self->periodic_ms);
      if (!self->again)
        start_watch (self);
      if (stats->pulled > 0 || stats->conflicts > 0)
        g_signal_emit (self, signals[CHANGED], 0);
    }

  if (self->again && self->started)
    {
      self->again = FALSE;
      run_sync (self);
    }
}

static void
run_sync (MrezaSyncClient *self)
{
  g_autoptr(GTask) task = NULL;
  SyncData *d;

  g_assert (MREZA_IS_SYNC_CLIENT (self));

  if (!self->started)
    return;
  if (self->cancellable != NULL)
    {
      self->again = TRUE;
      return;
    }

  g_clear_handle_id (&self->next_id, g_source_remove);
  g_clear_handle_id (&self->debounce_id, g_source_remove);

  if (!is_joined (self))
    {
      set_state (self, MREZA_SYNC_STATE_NOT_JOINED, NULL);
      return;
    }
  if (!is_online (self))
    {
      set_state (self, MREZA_SYNC_STATE_OFFLINE,
                 _("This computer is offline. Your edits are kept and are "
                   "sent when it is back online."));
      return;
    }

  /* The sync pulls what the long poll waits for: it restarts after. */
  stop_watch (self);
  g_object_freeze_notify (G_OBJECT (self));
  set_int64 (self, &self->pushed, 0, PROP_PUSHED);
  set_int64 (self, &self->pulled, 0, PROP_PULLED);
  set_state (self, MREZA_SYNC_STATE_SYNCING, NULL);
  g_object_thaw_notify (G_OBJECT (self));

  d = g_new0 (SyncData, 1);
  d->path = g_strdup (self->path);
  d->token = g_strdup (self->token);
  d->context = g_main_context_ref (self->context);
  d->self = self;

  self->cancellable = g_cancellable_new ();
  /* The task has no source object: GTask may drop its last reference
   * in the worker, and the client must die on its own thread. */
  task = g_task_new (NULL, self->cancellable, sync_done_cb,
                     g_object_ref (self));
  g_task_set_source_tag (task, run_sync);
  g_task_set_task_data (task, d, sync_data_free);
  g_task_run_in_thread (task, sync_thread);
}

/* The long poll */

static void
watch_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  SyncData *d = task_data;
  g_autoptr(MrezaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean changes = FALSE;

  store = mreza_store_open (d->path, MREZA_STORE_OPEN_DEFAULT, &error);
  if (store == NULL ||
      !mreza_sync_wait_for_changes (store, d->token, WATCH_S, &changes,
                                    cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, changes);
}

static void
watch_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(MrezaSyncClient) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean changes;

  /* A poll stopped since (a sync began, or the client stopped) is over,
   * whatever it found; another may be running already. */
  changes = g_task_propagate_boolean (G_TASK (result), &error);
  if (self->watch == NULL ||
      g_task_get_cancellable (G_TASK (result)) != self->watch)
    return;
  g_clear_object (&self->watch);

  if (error != NULL)
    {
      /* The periodic sync notices what is wrong and says it. */
      g_debug ("Long poll failed: %s", error->message);
      return;
    }
  if (changes)
    run_sync (self);
  else
    start_watch (self);
}

static void
start_watch (MrezaSyncClient *self)
{
  g_autoptr(GTask) task = NULL;
  SyncData *d;

  g_assert (MREZA_IS_SYNC_CLIENT (self));

  if (!self->started || self->watch != NULL || self->cancellable != NULL ||
      self->state != MREZA_SYNC_STATE_UP_TO_DATE)
    return;

  d = g_new0 (SyncData, 1);
  d->path = g_strdup (self->path);
  d->token = g_strdup (self->token);
  d->context = g_main_context_ref (self->context);

  self->watch = g_cancellable_new ();
  /* No source object, for the same reason as run_sync()'s. */
  task = g_task_new (NULL, self->watch, watch_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_watch);
  g_task_set_task_data (task, d, sync_data_free);
  g_task_run_in_thread (task, watch_thread);
}

static void
stop_watch (MrezaSyncClient *self)
{
  if (self->watch == NULL)
    return;

  g_cancellable_cancel (self->watch);
  g_clear_object (&self->watch);
}

static gboolean
debounce_cb (gpointer user_data)
{
  MrezaSyncClient *self = user_data;

  self->debounce_id = 0;
  run_sync (self);

  return G_SOURCE_REMOVE;
}

static gboolean
has_token (MrezaSyncClient *self)
{
  g_autofree char *file = g_strconcat (self->path, ".token", NULL);

  return self->token != NULL || g_file_test (file, G_FILE_TEST_EXISTS);
}

static gboolean
poll_cb (gpointer user_data)
{
  MrezaSyncClient *self = user_data;
  MrezaStore *store = get_poll_store (self);
  gint64 version;

  if (store == NULL)
    return G_SOURCE_CONTINUE;

  /* data_version moves when another connection committed: cheap to ask,
   * and only then are the counts read again. */
  version = read_data_version (store);
  if (version == self->data_version)
    return G_SOURCE_CONTINUE;
  self->data_version = version;

  /* Joined meanwhile (by the app's dialog, or mreza-cli): the app
   * hands the token over right after, so a sync waits for a token. */
  if (self->state == MREZA_SYNC_STATE_NOT_JOINED)
    {
      read_counts (self);
      if (is_joined (self) && has_token (self))
        run_sync (self);
    }
  else if (read_counts (self))
    mreza_sync_client_local_change (self);

  return G_SOURCE_CONTINUE;
}

static void
network_changed_cb (GNetworkMonitor *monitor,
                    gboolean         available,
                    MrezaSyncClient *self)
{
  if (!self->started || self->state == MREZA_SYNC_STATE_NOT_JOINED)
    return;

  if (is_online (self))
    {
      if (self->state == MREZA_SYNC_STATE_OFFLINE ||
          self->state == MREZA_SYNC_STATE_NEEDS_ATTENTION)
        run_sync (self);
    }
  else if (self->cancellable == NULL)
    {
      stop_watch (self);
      g_clear_handle_id (&self->next_id, g_source_remove);
      set_state (self, MREZA_SYNC_STATE_OFFLINE,
                 _("This computer is offline. Your edits are kept and are "
                   "sent when it is back online."));
    }
}

static void
mreza_sync_client_dispose (GObject *object)
{
  MrezaSyncClient *self = MREZA_SYNC_CLIENT (object);

  mreza_sync_client_stop (self);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_object (&self->monitor);
  g_clear_object (&self->poll_store);

  G_OBJECT_CLASS (mreza_sync_client_parent_class)->dispose (object);
}

static void
mreza_sync_client_finalize (GObject *object)
{
  MrezaSyncClient *self = MREZA_SYNC_CLIENT (object);

  g_free (self->path);
  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_free (self->token);
  g_free (self->message);
  g_clear_pointer (&self->last_sync, g_date_time_unref);
  g_main_context_unref (self->context);

  G_OBJECT_CLASS (mreza_sync_client_parent_class)->finalize (object);
}

static void
mreza_sync_client_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MrezaSyncClient *self = MREZA_SYNC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_LAST_SYNC:
      g_value_set_boxed (value, self->last_sync);
      break;
    case PROP_PUSHED:
      g_value_set_int64 (value, self->pushed);
      break;
    case PROP_PULLED:
      g_value_set_int64 (value, self->pulled);
      break;
    case PROP_PENDING:
      g_value_set_int64 (value, self->pending);
      break;
    case PROP_CONFLICTS:
      g_value_set_int64 (value, self->conflicts);
      break;
    case PROP_RETRY_DELAY:
      g_value_set_uint (value, self->retry_delay);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mreza_sync_client_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  MrezaSyncClient *self = MREZA_SYNC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
int64_param (const char *name)
{
  return g_param_spec_int64 (name, NULL, NULL, 0, G_MAXINT64, 0,
                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                             G_PARAM_EXPLICIT_NOTIFY);
}

static void
mreza_sync_client_class_init (MrezaSyncClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                   G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = mreza_sync_client_dispose;
  object_class->finalize = mreza_sync_client_finalize;
  object_class->get_property = mreza_sync_client_get_property;
  object_class->set_property = mreza_sync_client_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, MREZA_TYPE_SYNC_STATE,
                       MREZA_SYNC_STATE_NOT_JOINED, ro);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL, ro);
  properties[PROP_LAST_SYNC] =
    g_param_spec_boxed ("last-sync", NULL, NULL, G_TYPE_DATE_TIME, ro);
  properties[PROP_PUSHED] = int64_param ("pushed");
  properties[PROP_PULLED] = int64_param ("pulled");
  properties[PROP_PENDING] = int64_param ("pending");
  properties[PROP_CONFLICTS] = int64_param ("conflicts");
  properties[PROP_RETRY_DELAY] =
    g_param_spec_uint ("retry-delay", NULL, NULL, 0, G_MAXUINT, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MrezaSyncClient::changed:
   *
   * A sync brought other devices' changes: lists should read again.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
mreza_sync_client_init (MrezaSyncClient *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->monitor = g_object_ref (g_network_monitor_get_default ());
  self->state = MREZA_SYNC_STATE_NOT_JOINED;
  self->data_version = -1;
  self->error_code = -1;
  self->periodic_ms = PERIODIC_MS;
  self->debounce_ms = DEBOUNCE_MS;
  self->backoff_min_ms = BACKOFF_MIN_MS;
  self->backoff_max_ms = BACKOFF_MAX_MS;
  g_signal_connect (self->monitor, "network-changed",
                    G_CALLBACK (network_changed_cb), self);
}

/**
 * mreza_sync_client_new:
 * @replica_path: the replica's file (it may not exist yet)
 *
 * Returns: (transfer full): a client, stopped until
 *   mreza_sync_client_start()
 */
MrezaSyncClient *
mreza_sync_client_new (const char *replica_path)
{
  g_return_val_if_fail (replica_path != NULL, NULL);

  return g_object_new (MREZA_TYPE_SYNC_CLIENT, "path", replica_path, NULL);
}

const char *
mreza_sync_client_get_path (MrezaSyncClient *self)
{
  g_return_val_if_fail (MREZA_IS_SYNC_CLIENT (self), NULL);
  return self->path;
}

MrezaSyncState
mreza_sync_client_get_state (MrezaSyncClient *self)
{
  g_return_val_if_fail (MREZA_IS_SYNC_CLIENT (self), 0);
  return self->state;
}

/**
 * mreza_sync_client_get_message:
 * @self: a #MrezaSyncClient
 *
 * Returns: (nullable): what went wrong and what to do, translated
 */
const char *
mreza_sync_client_get_message (MrezaSyncClient *self)
{
  g_return_val_if_fail (MREZA_IS_SYNC_CLIENT (self), NULL);
  return self->message;
}

/**
 * mreza_sync_client_get_last_sync:
 * @self: a #MrezaSyncClient
 *
 * Returns: (transfer none) (nullable): when the replica last synced
 */
GDateTime *
mreza_sync_client_get_last_sync (MrezaSyncClient *self)
{
  g_return_val_if_fail (MREZA_IS_SYNC_CLIENT (self), NULL);
  return self->last_sync;
}

gint64
mreza_sync_client_get_pushed (MrezaSyncClient *self)
{
  g_return_val_if_fail (MREZA_IS_SYNC_CLIENT (self), 0);
  return self->pushed;
}

gint64
mreza_sync_client_get_pulled (MrezaSyncClient *self)
{
  g_return_val_if_fail (MREZA_IS_SYNC_CLIENT (self), 0);
  return self->pulled;
}

gint64
mreza_sync_client_get_pending (MrezaSyncClient *self)
{
  g_return_val_if_fail (MREZA_IS_SYNC_CLIENT (self), 0);
  return self->pending;
}

gint64
mreza_sync_client_get_conflicts (MrezaSyncClient *self)
{
  g_return_val_if_fail (MREZA_IS_SYNC_CLIENT (self), 0);
  return self->conflicts;
}

/**
 * mreza_sync_client_get_retry_delay:
 * @self: a #MrezaSyncClient
 *
 * Returns: in how many milliseconds a failed sync is tried again, or 0
 *   when none is planned
 */
guint
mreza_sync_client_get_retry_delay (MrezaSyncClient *self)
{
  g_return_val_if_fail (MREZA_IS_SYNC_CLIENT (self), 0);
  return self->retry_delay;
}

/**
 * mreza_sync_client_get_error_code:
 * @self: a #MrezaSyncClient
 *
 * Returns: the #MrezaSyncError of the last failed sync, or -1
 */
int
mreza_sync_client_get_error_code (MrezaSyncClient *self)
{
  g_return_val_if_fail (MREZA_IS_SYNC_CLIENT (self), -1);
  return self->error_code;
}

/**
 * mreza_sync_client_set_token:
 * @self: a #MrezaSyncClient
 * @token: (nullable): the device token, or %NULL to use the token file
 *
 * The app keeps the token with libsecret and hands it over here.
 */
void
mreza_sync_client_set_token (MrezaSyncClient *self,
                             const char      *token)
{
  g_return_if_fail (MREZA_IS_SYNC_CLIENT (self));

  g_free (self->token);
  self->token = g_strdup (token);
}

/**
 * mreza_sync_client_set_timing:
 * @self: a #MrezaSyncClient
 * @periodic_ms: between two syncs while all is well
 * @debounce_ms: after a local change, before the sync
 * @backoff_min_ms: the first retry after a failure
 * @backoff_max_ms: the longest wait between retries
 *
 * The defaults are 60 s, 2 s, 2 s and 10 min; tests go faster.
 */
void
mreza_sync_client_set_timing (MrezaSyncClient *self,
                              guint            periodic_ms,
                              guint            debounce_ms,
                              guint            backoff_min_ms,
                              guint            backoff_max_ms)
{
  g_return_if_fail (MREZA_IS_SYNC_CLIENT (self));
  g_return_if_fail (backoff_min_ms > 0 && backoff_min_ms <= backoff_max_ms);

  self->periodic_ms = periodic_ms;
  self->debounce_ms = debounce_ms;
  self->backoff_min_ms = backoff_min_ms;
  self->backoff_max_ms = backoff_max_ms;
}

/**
 * mreza_sync_client_start:
 * @self: a #MrezaSyncClient
 *
 * Starts watching the replica and the network, and syncs at once when
 * the replica has joined a coordinator.
 */
void
mreza_sync_client_start (MrezaSyncClient *self)
{
  g_return_if_fail (MREZA_IS_SYNC_CLIENT (self));

  if (self->started)
    return;

  self->started = TRUE;
  read_counts (self);
  if (self->poll_store != NULL)
    self->data_version = read_data_version (self->poll_store);
  self->poll_id = g_timeout_add (POLL_MS, poll_cb, self);
  run_sync (self);
}

/**
 * mreza_sync_client_stop:
 * @self: a #MrezaSyncClient
 *
 * Stops every timer and cancels the running sync (whatever it sent
 * stays sent; what it did not stays in the outbox).
 */
void
mreza_sync_client_stop (MrezaSyncClient *self)
{
  g_return_if_fail (MREZA_IS_SYNC_CLIENT (self));

  self->started = FALSE;
  self->again = FALSE;
  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_clear_handle_id (&self->next_id, g_source_remove);
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  stop_watch (self);
}

/**
 * mreza_sync_client_sync_now:
 * @self: a #MrezaSyncClient
 *
 * Syncs at once (after the running sync, if one runs), whatever the
 * backoff: a person asked.
 */
void
mreza_sync_client_sync_now (MrezaSyncClient *self)
{
  g_return_if_fail (MREZA_IS_SYNC_CLIENT (self));

  if (!self->started)
    mreza_sync_client_start (self);
  else
    run_sync (self);
}

/**
 * mreza_sync_client_local_change:
 * @self: a #MrezaSyncClient
 *
 * Says the replica was edited: a sync follows once the edits pause.
 */
void
mreza_sync_client_local_change (MrezaSyncClient *self)
{
  g_return_if_fail (MREZA_IS_SYNC_CLIENT (self));

  if (!self->started)
    return;

  read_counts (self);
  /* A failure waits for its backoff, or for a person. */
  if (self->state == MREZA_SYNC_STATE_NEEDS_ATTENTION)
    return;

  g_clear_handle_id (&self->debounce_id, g_source_remove);
  self->debounce_id = g_timeout_add (self->debounce_ms, debounce_cb, self);
}

/**
 * mreza_sync_client_refresh:
 * @self: a #MrezaSyncClient
 *
 * Reads the counts again now (after the app resolved a conflict).
 */
void
mreza_sync_client_refresh (MrezaSyncClient *self)
{
  g_return_if_fail (MREZA_IS_SYNC_CLIENT (self));

  read_counts (self);
}

/* Joining */

typedef struct
{
  char *path;
  char *url;
  char *code;
  char *ca_file;
  char *pin;
  char *name;
} JoinData;

static void
join_data_free (gpointer data)
{
  JoinData *d = data;

  g_free (d->path);
  g_free (d->url);
  g_free (d->code);
  g_free (d->ca_file);
  g_free (d->pin);
  g_free (d->name);
  g_free (d);
}

static void
join_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  JoinData *d = task_data;
  g_autoptr(MrezaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (d->path);
  char *token = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved),
                               _("Could not create the folder “%s”: %s"),
                               dir, g_strerror (saved));
      return;
    }

  store = mreza_store_open (d->path, MREZA_STORE_OPEN_CREATE, &error);
  if (store == NULL ||
      !mreza_sync_join_full (store, d->url, d->code, d->ca_file, d->pin,
                             d->name, &token, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, token, g_free);
}

/**
 * mreza_sync_client_join_async:
 * @self: a #MrezaSyncClient
 * @url: the coordinator, `https://host:port`
 * @code: the one-time enrollment code
 * @ca_file: (nullable): a CA file to trust
 * @pin_sha256: (nullable): the certificate's SHA-256 a person confirmed
 * @device_name: (nullable): how the coordinator lists this device
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Joins the replica (created if missing) to a coordinator, in a worker.
 * The token is returned, not written: the caller keeps it.
 */
void
mreza_sync_client_join_async (MrezaSyncClient     *self,
                              const char          *url,
                              const char          *code,
                              const char          *ca_file,
                              const char          *pin_sha256,
                              const char          *device_name,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  JoinData *d;

  g_return_if_fail (MREZA_IS_SYNC_CLIENT (self));
  g_return_if_fail (url != NULL && code != NULL);

  d = g_new0 (JoinData, 1);
  d->path = g_strdup (self->path);
  d->url = g_strdup (url);
  d->code = g_strdup (code);
  d->ca_file = g_strdup (ca_file);
  d->pin = g_strdup (pin_sha256);
  d->name = g_strdup (device_name);

  /* No source object, as for a sync: see run_sync(). */
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mreza_sync_client_join_async);
  g_task_set_task_data (task, d, join_data_free);
  g_task_run_in_thread (task, join_thread);
}

/**
 * mreza_sync_client_join_finish:
 * @self: a #MrezaSyncClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the device token, or %NULL on error
 */
char *
mreza_sync_client_join_finish (MrezaSyncClient  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (MREZA_IS_SYNC_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Undoing a refused change */

typedef struct
{
  char *path;
  char *token;
} UndoData;

static void
undo_data_free (gpointer data)
{
  UndoData *d = data;

  g_free (d->path);
  if (d->token != NULL)
    memset (d->token, 0, strlen (d->token));
  g_free (d->token);
  g_free (d);
}

/* Runs in the worker thread, on a connection of its own. */
static void
undo_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  UndoData *d = task_data;
  g_autoptr(MrezaStore) store = NULL;
  GError *error = NULL;

  store = mreza_store_open (d->path, MREZA_STORE_OPEN_DEFAULT, &error);
  if (store == NULL ||
      !mreza_sync_undo_refused (store, d->token, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
undo_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  MrezaSyncClient *self = g_task_get_source_object (outer);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (outer, error);
      return;
    }

  /* What waited behind the refused change goes out now. */
  mreza_sync_client_sync_now (self);
  g_task_return_boolean (outer, TRUE);
}

/**
 * mreza_sync_client_undo_refused_async:
 * @self: a #MrezaSyncClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Undoes the change the coordinator refused (mreza_sync_undo_refused ())
 * in a worker, with this client's token, then syncs what waited.
 */
void
mreza_sync_client_undo_refused_async (MrezaSyncClient     *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GTask *outer;
  UndoData *d;

  g_return_if_fail (MREZA_IS_SYNC_CLIENT (self));

  d = g_new0 (UndoData, 1);
  d->path = g_strdup (self->path);
  d->token = g_strdup (self->token);

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, mreza_sync_client_undo_refused_async);
  /* No source object for the worker's task, as for a sync. */
  task = g_task_new (NULL, cancellable, undo_done_cb, outer);
  g_task_set_task_data (task, d, undo_data_free);
  g_task_run_in_thread (task, undo_thread);
}

gboolean
mreza_sync_client_undo_refused_finish (MrezaSyncClient  *self,
                                       GAsyncResult     *result,
                                       GError          **error)
{
  g_return_val_if_fail (MREZA_IS_SYNC_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The coordinator's certificate, fetched for a person to confirm */

typedef struct
{
  GTlsCertificate      *certificate;
  GTlsCertificateFlags  errors;
} Fetch;

static void
fetch_free (gpointer data)
{
  Fetch *f = data;

  g_clear_object (&f->certificate);
  g_free (f);
}

/* Keeps the certificate and refuses it: nothing is sent to a server
 * nobody confirmed yet. */
static gboolean
fetch_accept_certificate_cb (GTlsConnection       *conn,
                             GTlsCertificate      *certificate,
                             GTlsCertificateFlags  errors,
                             Fetch                *f)
{
  g_set_object (&f->certificate, certificate);
  f->errors = errors;

  return FALSE;
}

static void
fetch_event_cb (GSocketClient      *client,
                GSocketClientEvent  event,
                GSocketConnectable *connectable,
                GIOStream          *connection,
                Fetch              *f)
{
  if (event == G_SOCKET_CLIENT_TLS_HANDSHAKING &&
      G_IS_TLS_CONNECTION (connection))
    g_signal_connect (connection, "accept-certificate",
                      G_CALLBACK (fetch_accept_certificate_cb), f);
}

static void
fetch_connected_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Fetch *f = g_task_get_task_data (task);
  g_autoptr(GSocketConnection) conn = NULL;
  g_autoptr(GError) error = NULL;

  conn = g_socket_client_connect_finish (G_SOCKET_CLIENT (object), result,
                                         &error);
  if (conn != NULL)
    {
      GIOStream *base = G_IO_STREAM (conn);

      /* Trusted by this computer: the handshake never asked. */
      if (G_IS_TCP_WRAPPER_CONNECTION (conn))
        base = g_tcp_wrapper_connection_get_base_io_stream (
          G_TCP_WRAPPER_CONNECTION (conn));
      if (G_IS_TLS_CONNECTION (base))
        {
          g_set_object (&f->certificate,
                        g_tls_connection_get_peer_certificate (
                          G_TLS_CONNECTION (base)));
          f->errors = 0;
        }
      g_io_stream_close (G_IO_STREAM (conn), NULL, NULL);
    }

  if (f->certificate != NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_task_return_new_error (task, MREZA_SYNC_ERROR, MREZA_SYNC_ERROR_NETWORK,
                           _("Cannot reach the coordinator (%s). Check the "
                             "address and that this computer is online."),
                           error ? error->message : _("no certificate"));
}

/**
 * mreza_sync_fetch_certificate_async:
 * @url: the coordinator, `https://host:port`
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Connects once to read the coordinator's certificate without trusting
 * it, so that a person can compare its fingerprint with the one the
 * coordinator's administrator gave them.
 */
void
mreza_sync_fetch_certificate_async (const char          *url,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GSocketConnectable) address = NULL;
  g_autoptr(GSocketClient) client = NULL;
  g_autoptr(GError) error = NULL;
  GTask *task;
  Fetch *f;

  g_return_if_fail (url != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mreza_sync_fetch_certificate_async);
  f = g_new0 (Fetch, 1);
  g_task_set_task_data (task, f, fetch_free);

  address = g_network_address_parse_uri (url, 443, &error);
  if (address == NULL)
    {
      g_task_return_new_error (task, MREZA_SYNC_ERROR,
                               MREZA_SYNC_ERROR_NETWORK,
                               _("“%s” is not a valid address"), url);
      g_object_unref (task);
      return;
    }

  client = g_socket_client_new ();
  g_socket_client_set_tls (client, TRUE);
  g_socket_client_set_timeout (client, 20);
  g_signal_connect (client, "event", G_CALLBACK (fetch_event_cb), f);
  g_socket_client_connect_async (client, address, cancellable,
                                 fetch_connected_cb, task);
}

/**
 * mreza_sync_fetch_certificate_finish:
 * @result: the result
 * @errors: (out) (optional): why this computer does not trust it, or 0
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the coordinator's certificate
 */
GTlsCertificate *
mreza_sync_fetch_certificate_finish (GAsyncResult          *result,
                                     GTlsCertificateFlags  *errors,
                                     GError               **error)
{
  Fetch *f;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  f = g_task_get_task_data (G_TASK (result));
  if (errors != NULL)
    *errors = f->errors;
  return g_object_ref (f->certificate);
}

/**
 * mreza_sync_certificate_sha256:
 * @certificate: a certificate
 *
 * Returns: (transfer full): the SHA-256 of its DER form, in lowercase
 *   hex: what mreza_sync_join() takes as a pin
 */
char *
mreza_sync_certificate_sha256 (GTlsCertificate *certificate)
{
  g_autoptr(GByteArray) der = NULL;

  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (certificate), NULL);

  g_object_get (certificate, "certificate", &der, NULL);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, der->data, der->len);
}

/**
 * mreza_sync_format_fingerprint:
 * @sha256: a hex digest
 *
 * Returns: (transfer full): "AB:CD:…", eight bytes a line, as
 *   `openssl x509 -fingerprint -sha256` prints it, in lines that are
 *   easier to compare
 */
char *
mreza_sync_format_fingerprint (const char *sha256)
{
  GString *out = g_string_new (NULL);
  gsize len;

  g_return_val_if_fail (sha256 != NULL, NULL);

  len = strlen (sha256);
  for (gsize i = 0; i + 1 < len; i += 2)
    {
      if (i > 0)
        g_string_append_c (out, i % 16 == 0 ? '\n' : ':');
      g_string_append_c (out, g_ascii_toupper (sha256[i]));
      g_string_append_c (out, g_ascii_toupper (sha256[i + 1]));
    }

  return g_string_free (out, FALSE);
}
