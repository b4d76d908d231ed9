/* mreza-server.c: the coordinator's HTTPS endpoints
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * THREAD SAFETY: everything here runs on the main thread's main
 * context: libsoup's I/O, the handlers, the database (a commit costs
 * about an fsync) and the long-poll wake-ups. Nothing is shared with
 * another thread.
 *
 * Order of checks in a handler: the body's size (in the early handler,
 * before it is read), the token, then the body's versions and content,
 * then scope; so an unauthenticated client learns nothing about what
 * the server would accept.
 */
#define G_LOG_DOMAIN "mreza-server"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "mreza-server.h"

#include "mreza-protocol.h"
#include "mreza-store.h"

/* Wrong enrollment codes allowed per client address and window. */
#define RATE_MAX_FAILURES 5
#define RATE_WINDOW_USEC  (60 * G_USEC_PER_SEC)
#define RATE_MAX_ENTRIES  4096

#define PULL_DEFAULT_LIMIT 1000

struct _MrezaServer
{
  GObject        parent_instance;

  MrezaServerDb *db;      /* borrowed: main () owns it */
  SoupServer    *soup;
  /* SoupServerMessage → Waiter: paused long-poll pulls. */
  GHashTable    *waiters;
  /* client address → Attempts, for wrong enrollment codes */
  GHashTable    *attempts;
};

G_DEFINE_FINAL_TYPE (MrezaServer, mreza_server, G_TYPE_OBJECT)

typedef struct
{
  MrezaServer       *server;
  SoupServerMessage *msg;
  MrezaServerDevice *device;
  gint64             after;
  guint              limit;
  guint              timeout_id;
} Waiter;

typedef struct
{
  gint64 since;
  guint  failures;
} Attempts;

static void
waiter_free (Waiter *waiter)
{
  g_clear_handle_id (&waiter->timeout_id, g_source_remove);
  g_clear_object (&waiter->msg);
  mreza_server_device_free (waiter->device);
  g_free (waiter);
}

/* Answers */

static void
respond (SoupServerMessage *msg,
         guint              status,
         GBytes            *body)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_server_message_set_status (msg, status, NULL);
  soup_message_headers_set_content_type (headers, "application/json", NULL);
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg),
                                  body);
}

static void
respond_error (SoupServerMessage *msg,
               const GError      *error)
{
  g_autoptr(GBytes) body = mreza_protocol_encode_error (error);
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg));
  guint status = 500;

  if (error->domain == MREZA_PROTOCOL_ERROR)
    status = mreza_protocol_error_status (error->code);

  /* The message may quote a column name, never a value: safe to log. */
  if (status >= 500)
    g_message ("%s %s failed: %s", soup_server_message_get_method (msg),
               path, error->message);
  else
    g_debug ("%s %s: %u %s", soup_server_message_get_method (msg),
             path, status,
             mreza_protocol_error_name (error->code));

  respond (msg, status, body);
}

static void
respond_new_error (SoupServerMessage  *msg,
                   MrezaProtocolError  code,
                   const char         *message)
{
  g_autoptr(GError) error = g_error_new_literal (MREZA_PROTOCOL_ERROR, code,
                                                 message);

  respond_error (msg, error);
}

/* Body size, before the body is read */

/* libsoup reads a request's whole body after the early handlers unless
 * the client asked "Expect: 100-continue", whatever status they set. A
 * body refused for its size is therefore answered on the raw connection,
 * which is then closed, so that not one byte of it is read. */
static void
refuse_body (SoupServerMessage  *msg,
             MrezaProtocolError  code,
             const char         *message)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr(GError) error = g_error_new_literal (MREZA_PROTOCOL_ERROR, code,
                                                 message);
  g_autoptr(GBytes) body = mreza_protocol_encode_error (error);
  g_autoptr(GIOStream) stream = NULL;
  g_autofree char *head = NULL;
  guint status = mreza_protocol_error_status (code);

  g_debug ("%s: %u %s, refused before its body",
           soup_server_message_get_method (msg), status,
           mreza_protocol_error_name (code));

  if (soup_message_headers_get_expectations (headers) &
      SOUP_EXPECTATION_CONTINUE)
    {
      respond (msg, status, body);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Connection", "close");
      return;
    }

  head = g_strdup_printf ("HTTP/1.1 %u %s\r\n"
                          "Content-Type: application/json\r\n"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                          "Connection: close\r\n\r\n",
                          status, soup_status_get_phrase (status),
                          g_bytes_get_size (body));
  stream = soup_server_message_steal_connection (msg);
  if (stream == NULL)
    return;
  /* A few hundred bytes: they fit the socket buffer, so this does not
   * block the main loop. */
  if (g_output_stream_write_all (g_io_stream_get_output_stream (stream), head,
                                 strlen (head), NULL, NULL, NULL))
    g_output_stream_write_all (g_io_stream_get_output_stream (stream),
                               g_bytes_get_data (body, NULL),
                               g_bytes_get_size (body), NULL, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

static void
server_early_cb (SoupServer        *soup,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupEncoding encoding = soup_message_headers_get_encoding (headers);

  /* A chunked body has no length to check up front; Mreža's client
   * sends a Content-Length, so chunks are refused instead of counted. */
  if (encoding == SOUP_ENCODING_CHUNKED)
    refuse_body (msg, MREZA_PROTOCOL_ERROR_LENGTH_REQUIRED,
                 _("A request body needs a Content-Length"));
  else if (encoding == SOUP_ENCODING_CONTENT_LENGTH &&
           soup_message_headers_get_content_length (headers) >
           MREZA_PROTOCOL_MAX_BODY)
    refuse_body (msg, MREZA_PROTOCOL_ERROR_TOO_LARGE,
                 _("The request body is larger than 8 MiB; send smaller "
                   "batches"));
}

static GBytes *
request_body (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  return soup_message_body_flatten (body);
}

/* Tokens */

static MrezaServerDevice *
authenticate (MrezaServer       *self,
              SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *auth = soup_message_headers_get_one (headers, "Authorization");
  g_autoptr(GError) error = NULL;
  MrezaServerDevice *device;
  const char *token = NULL;

  if (auth != NULL && g_ascii_strncasecmp (auth, "Bearer ", 7) == 0)
    token = auth + 7;

  device = mreza_server_db_authenticate (self->db, token, &error);
  if (device == NULL)
    {
      respond_error (msg, error);
      return NULL;
    }

  mreza_server_db_touch (self->db, device->id);
  return device;
}

/* Enrollment, rate-limited per client address */

static gboolean
rate_limited (MrezaServer *self,
              const char  *address)
{
  Attempts *attempts = g_hash_table_lookup (self->attempts, address);

  if (attempts == NULL)
    return FALSE;
  if (g_get_monotonic_time () - attempts->since > RATE_WINDOW_USEC)
    {
      g_hash_table_remove (self->attempts, address);
      return FALSE;
    }
  return attempts->failures >= RATE_MAX_FAILURES;
}

static void
record_failure (MrezaServer *self,
                const char  *address)
{
  gint64 now = g_get_monotonic_time ();
  Attempts *attempts = g_hash_table_lookup (self->attempts, address);

  if (attempts == NULL || now - attempts->since > RATE_WINDOW_USEC)
    {
      /* A flood of addresses must not grow the table without bound. */
      if (g_hash_table_size (self->attempts) >= RATE_MAX_ENTRIES)
        g_hash_table_remove_all (self->attempts);
      attempts = g_new0 (Attempts, 1);
      attempts->since = now;
      g_hash_table_insert (self->attempts, g_strdup (address), attempts);
    }
  attempts->failures++;
}

static void
handle_enroll (MrezaServer       *self,
               SoupServerMessage *msg)
{
  const char *address = soup_server_message_get_remote_host (msg);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(MrezaEnrollRequest) request = NULL;
  g_autoptr(MrezaEnrollReply) reply = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;

  if (address == NULL)
    address = "";
  if (rate_limited (self, address))
    {
      respond_new_error (msg, MREZA_PROTOCOL_ERROR_RATE_LIMITED,
                         _("Too many wrong enrollment codes; wait a minute "
                           "and try again"));
      return;
    }

  body = request_body (msg);
  request = mreza_enroll_request_parse (g_bytes_get_data (body, NULL),
                                        g_bytes_get_size (body), &error);
  if (request != NULL)
    reply = mreza_server_db_enroll (self->db, request->code, request->name,
                                    &error);
  if (reply == NULL)
    {
      if (g_error_matches (error, MREZA_PROTOCOL_ERROR,
                           MREZA_PROTOCOL_ERROR_BAD_CODE) ||
          g_error_matches (error, MREZA_PROTOCOL_ERROR,
                           MREZA_PROTOCOL_ERROR_EXPIRED_CODE))
        record_failure (self, address);
      respond_error (msg, error);
      return;
    }

  g_message ("Enrolled device %s in team %s as %s", reply->device,
             reply->team, reply->role);
  answer = mreza_protocol_encode_enroll_reply (reply);
  respond (msg, 200, answer);
}

/* Pull, and long-poll */

static gboolean
answer_pull (MrezaServer       *self,
             SoupServerMessage *msg,
             MrezaServerDevice *device,
             gint64             after,
             guint              limit,
             gboolean           only_if_any)
{
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  gint64 cursor;
  gboolean more;

  changes = mreza_server_db_pull (self->db, device, after, limit, &cursor,
                                  &more, &error);
  if (changes == NULL)
    {
      respond_error (msg, error);
      return TRUE;
    }
  if (changes->len == 0 && only_if_any)
    return FALSE;

  answer = mreza_protocol_encode_pull_reply ((MrezaWireChange **) changes->pdata,
                                             changes->len, cursor, more);
  respond (msg, 200, answer);
  g_debug ("pull by %s: %u changes", device->id, changes->len);
  return TRUE;
}

static gboolean
waiter_timeout_cb (gpointer user_data)
{
  Waiter *waiter = user_data;
  MrezaServer *self = waiter->server;
  SoupServerMessage *msg = waiter->msg;

  waiter->timeout_id = 0;
  answer_pull (self, msg, waiter->device, waiter->after, waiter->limit, FALSE);
  soup_server_message_unpause (msg);
  g_hash_table_remove (self->waiters, msg);

  return G_SOURCE_REMOVE;
}

/* After a push committed: each waiting pull that now has something to
 * read is answered; the others keep waiting. */
static void
wake_waiters (MrezaServer *self)
{
  GHashTableIter iter;
  Waiter *waiter;

  g_hash_table_iter_init (&iter, self->waiters);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &waiter))
    {
      if (!answer_pull (self, waiter->msg, waiter->device, waiter->after,
                        waiter->limit, TRUE))
        continue;
      soup_server_message_unpause (waiter->msg);
      g_hash_table_iter_remove (&iter);
    }
}

static void
server_request_aborted_cb (SoupServer        *soup,
                           SoupServerMessage *msg,
                           MrezaServer       *self)
{
  g_hash_table_remove (self->waiters, msg);
}

static gboolean
query_int (GHashTable         *query,
           const char         *name,
           gint64              min,
           gint64              max,
           gint64             *value,
           SoupServerMessage  *msg)
{
  const char *str = query != NULL ? g_hash_table_lookup (query, name) : NULL;
  g_autoptr(GError) error = NULL;
  guint64 parsed;

  if (str == NULL)
    return TRUE;

  if (!g_ascii_string_to_unsigned (str, 10, (guint64) min, (guint64) max,
                                   &parsed, &error))
    {
      g_autofree char *lo = g_strdup_printf ("%" G_GINT64_FORMAT, min);
      g_autofree char *hi = g_strdup_printf ("%" G_GINT64_FORMAT, max);
      g_autofree char *message =
        g_strdup_printf (_("The parameter “%s” must be a whole number from "
                           "%s to %s"), name, lo, hi);

      respond_new_error (msg, MREZA_PROTOCOL_ERROR_INVALID, message);
      return FALSE;
    }

  *value = (gint64) parsed;
  return TRUE;
}

static void
handle_pull (MrezaServer       *self,
             SoupServerMessage *msg,
             GHashTable        *query)
{
  g_autoptr(MrezaServerDevice) device = NULL;
  g_autoptr(GError) error = NULL;
  gint64 after = 0, limit = PULL_DEFAULT_LIMIT, wait = 0;
  gint64 protocol = MREZA_PROTOCOL_VERSION, schema = MREZA_SYNC_SCHEMA;
  Waiter *waiter;

  device = authenticate (self, msg);
  if (device == NULL)
    return;

  if (!query_int (query, "after", 0, MREZA_PROTOCOL_MAX_INT, &after, msg) ||
      !query_int (query, "limit", 1, MREZA_PROTOCOL_MAX_CHANGES, &limit, msg) ||
      !query_int (query, "wait", 0, MREZA_PROTOCOL_MAX_WAIT, &wait, msg) ||
      !query_int (query, "protocol", 0, G_MAXINT32, &protocol, msg) ||
      !query_int (query, "schema", 0, G_MAXINT32, &schema, msg))
    return;

  if (!mreza_protocol_check_versions (protocol, schema, &error))
    {
      respond_error (msg, error);
      return;
    }

  if (answer_pull (self, msg, device, after, (guint) limit, wait > 0))
    return;

  waiter = g_new0 (Waiter, 1);
  waiter->server = self;
  waiter->msg = g_object_ref (msg);
  waiter->device = g_steal_pointer (&device);
  waiter->after = after;
  waiter->limit = (guint) limit;
  waiter->timeout_id = g_timeout_add ((guint) wait * 1000, waiter_timeout_cb,
                                      waiter);
  g_hash_table_insert (self->waiters, msg, waiter);
  soup_server_message_pause (msg);
}

/* GET /v1/row?table=T&id=UUID: every change of one row this device may
 * read, its own included, as a pull page; for putting back a row whose
 * change the coordinator refused. */
static void
handle_row (MrezaServer       *self,
            SoupServerMessage *msg,
            GHashTable        *query)
{
  g_autoptr(MrezaServerDevice) device = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  const char *table = query ? g_hash_table_lookup (query, "table") : NULL;
  const char *id = query ? g_hash_table_lookup (query, "id") : NULL;

  device = authenticate (self, msg);
  if (device == NULL)
    return;

  if (table == NULL || mreza_schema_find_table (table) == NULL ||
      id == NULL || !mreza_protocol_is_uuid (id))
    {
      respond_new_error (msg, MREZA_PROTOCOL_ERROR_INVALID,
                         _("Name a table of the schema and a row’s UUID"));
      return;
    }

  changes = mreza_server_db_row (self->db, device, table, id, &error);
  if (changes == NULL)
    {
      respond_error (msg, error);
      return;
    }

  answer = mreza_protocol_encode_pull_reply ((MrezaWireChange **) changes->pdata,
                                             changes->len, 0, FALSE);
  respond (msg, 200, answer);
  g_debug ("row read by %s: %u changes", device->id, changes->len);
}

/* Push and status */

static void
handle_push (MrezaServer       *self,
             SoupServerMessage *msg)
{
  g_autoptr(MrezaServerDevice) device = NULL;
  g_autoptr(MrezaPushRequest) request = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  gint64 acked, cursor;
  guint n_new;

  device = authenticate (self, msg);
  if (device == NULL)
    return;

  body = request_body (msg);
  request = mreza_push_request_parse (g_bytes_get_data (body, NULL),
                                      g_bytes_get_size (body), &error);
  if (request == NULL ||
      !mreza_server_db_push (self->db, device, request, &acked, &cursor,
                             &n_new, &error))
    {
      respond_error (msg, error);
      return;
    }

  answer = mreza_protocol_encode_push_reply (acked, cursor);
  respond (msg, 200, answer);
  g_debug ("push by %s: %u changes, %u new", device->id,
           request->changes->len, n_new);

  if (n_new > 0)
    wake_waiters (self);
}

static void
handle_status (MrezaServer       *self,
               SoupServerMessage *msg)
{
  g_autoptr(MrezaServerDevice) device = NULL;
  g_autoptr(GBytes) answer = NULL;
  MrezaStatusReply reply = { 0 };

  device = authenticate (self, msg);
  if (device == NULL)
    return;

  reply.protocol = MREZA_PROTOCOL_VERSION;
  reply.schema = MREZA_SYNC_SCHEMA;
  reply.cursor = mreza_server_db_get_cursor (self->db);
  reply.device = device->id;
  reply.team = device->team_id;
  reply.role = device->role;
  answer = mreza_protocol_encode_status_reply (&reply);
  respond (msg, 200, answer);
}

/* GET /v1/peers?pending=N: the device reports the changes it still
 * holds after a sync, and learns the sync state of the teams it may see
 * and their devices' names. */
static void
handle_peers (MrezaServer       *self,
              SoupServerMessage *msg,
              GHashTable        *query)
{
  g_autoptr(MrezaServerDevice) device = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  gint64 pending = 0;

  device = authenticate (self, msg);
  if (device == NULL)
    return;
  if (!query_int (query, "pending", 0, MREZA_PROTOCOL_MAX_INT, &pending, msg))
    return;
  if (!mreza_server_db_report_sync (self->db, device, pending, out, &error))
    {
      respond_error (msg, error);
      return;
    }
  answer = g_string_free_to_bytes (g_steal_pointer (&out));
  respond (msg, 200, answer);
}

static gboolean
check_method (SoupServerMessage *msg,
              const char        *method)
{
  if (g_str_equal (soup_server_message_get_method (msg), method))
    return TRUE;

  respond_new_error (msg, MREZA_PROTOCOL_ERROR_METHOD,
                     _("This endpoint does not take that method"));
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Allow", method);
  return FALSE;
}

static void
server_handle_cb (SoupServer        *soup,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  MrezaServer *self = user_data;

  if (g_str_equal (path, "/v1/enroll"))
    {
      if (check_method (msg, SOUP_METHOD_POST))
        handle_enroll (self, msg);
    }
  else if (g_str_equal (path, "/v1/push"))
    {
      if (check_method (msg, SOUP_METHOD_POST))
        handle_push (self, msg);
    }
  else if (g_str_equal (path, "/v1/pull"))
    {
      if (check_method (msg, SOUP_METHOD_GET))
        handle_pull (self, msg, query);
    }
  else if (g_str_equal (path, "/v1/status"))
    {
      if (check_method (msg, SOUP_METHOD_GET))
        handle_status (self, msg);
    }
  else if (g_str_equal (path, "/v1/row"))
    {
      if (check_method (msg, SOUP_METHOD_GET))
        handle_row (self, msg, query);
    }
  else if (g_str_equal (path, "/v1/peers"))
    {
      if (check_method (msg, SOUP_METHOD_GET))
        handle_peers (self, msg, query);
    }
  else
    respond_new_error (msg, MREZA_PROTOCOL_ERROR_NOT_FOUND,
                       _("There is no such endpoint; is this a Mreža "
                         "coordinator of protocol 1?"));
}

static void
mreza_server_dispose (GObject *object)
{
  MrezaServer *self = MREZA_SERVER (object);

  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  g_hash_table_remove_all (self->waiters);
  g_clear_object (&self->soup);

  G_OBJECT_CLASS (mreza_server_parent_class)->dispose (object);
}

static void
mreza_server_finalize (GObject *object)
{
  MrezaServer *self = MREZA_SERVER (object);

  g_hash_table_unref (self->waiters);
  g_hash_table_unref (self->attempts);

  G_OBJECT_CLASS (mreza_server_parent_class)->finalize (object);
}

static void
mreza_server_class_init (MrezaServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mreza_server_dispose;
  object_class->finalize = mreza_server_finalize;
}

static void
mreza_server_init (MrezaServer *self)
{
  self->waiters = g_hash_table_new_full (NULL, NULL, NULL,
                                         (GDestroyNotify) waiter_free);
  self->attempts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          g_free);
}

/**
 * mreza_server_new:
 * @db: the coordinator's database, which must outlive the server
 * @certificate: the TLS certificate and key the server presents
 *
 * Returns: (transfer full): a server, not yet listening
 */
MrezaServer *
mreza_server_new (MrezaServerDb   *db,
                  GTlsCertificate *certificate)
{
  MrezaServer *self;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (certificate), NULL);

  self = g_object_new (MREZA_TYPE_SERVER, NULL);
  self->db = db;
  self->soup = soup_server_new ("tls-certificate", certificate,
                                "server-header", "mreza-coordinator ",
                                NULL);
  soup_server_add_early_handler (self->soup, NULL, server_early_cb, self, NULL);
  soup_server_add_handler (self->soup, NULL, server_handle_cb, self, NULL);
  g_signal_connect_object (self->soup, "request-aborted",
                           G_CALLBACK (server_request_aborted_cb), self, 0);

  return self;
}

/**
 * mreza_server_listen:
 * @self: a server
 * @address: where to listen; port 0 picks a free port
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the server listens, over HTTPS only
 */
gboolean
mreza_server_listen (MrezaServer     *self,
                     GSocketAddress  *address,
                     GError         **error)
{
  g_return_val_if_fail (MREZA_IS_SERVER (self), FALSE);
  g_return_val_if_fail (G_IS_SOCKET_ADDRESS (address), FALSE);

  return soup_server_listen (self->soup, address, SOUP_SERVER_LISTEN_HTTPS,
                             error);
}

/**
 * mreza_server_dup_uri:
 * @self: a listening server
 *
 * Returns: (transfer full) (nullable): `https://ADDR:PORT`, with the
 *   port the system picked when asked for port 0
 */
char *
mreza_server_dup_uri (MrezaServer *self)
{
  GSList *uris;
  GUri *uri;
  const char *host;
  char *result;

  g_return_val_if_fail (MREZA_IS_SERVER (self), NULL);

  uris = soup_server_get_uris (self->soup);
  if (uris == NULL)
    return NULL;

  uri = uris->data;
  host = g_uri_get_host (uri);
  if (strchr (host, ':') != NULL && host[0] != '[')
    result = g_strdup_printf ("https://[%s]:%d", host, g_uri_get_port (uri));
  else
    result = g_strdup_printf ("https://%s:%d", host, g_uri_get_port (uri));

  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return result;
}
