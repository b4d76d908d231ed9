/* mreza-window-sync.c: the window's part of sync
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window keeps one MrezaSyncClient for the replica it shows, and
 * the device key (the token the coordinator gave at enrollment) in the
 * secret service, as schema rs.mreza.Mreza.Token with the replica's
 * path as attribute. When no secret service runs, the key stays in the
 * 0600 file beside the replica that core reads, and the sync status
 * says so. A token file found beside a replica (joined by mreza-cli)
 * is used as it is.
 */
#define G_LOG_DOMAIN "mreza-window-sync"

#include "config.h"

#include "mreza-join-dialog.h"
#include "mreza-sync.h"
#include "mreza-ui.h"
#include "mreza-window-private.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

static const SecretSchema *
token_schema (void)
{
  static const SecretSchema schema = {
    "rs.mreza.Mreza.Token", SECRET_SCHEMA_NONE,
    {
      { "replica", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

static void
update_key_note (MrezaWindow *self)
{
  const char *note = NULL;

  g_assert (MREZA_IS_WINDOW (self));

  if (self->sync_client != NULL &&
      mreza_sync_client_get_state (self->sync_client) != MREZA_SYNC_STATE_NOT_JOINED)
    note = self->token_in_file
      ? _("The device key is kept in a file only you can read, because no "
          "secret service is running.")
      : _("The device key is kept in your keyring.");

  mreza_sync_status_set_key_note (self->sync_status, note);
  mreza_sync_status_set_key_note (self->welcome_sync_status, note);
}

static void client_changed_cb (MrezaWindow *self);

static void
client_state_cb (MrezaWindow *self)
{
  update_key_note (self);
  _mreza_window_actions_update (self);
  /* A sync may have met a change the coordinator refuses, or sent it. */
  mreza_conflicts_page_refresh_refused (self->conflicts_page);
}

static void
undone_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(MrezaWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!mreza_sync_client_undo_refused_finish (MREZA_SYNC_CLIENT (object),
                                              result, &error))
    mreza_ui_add_toast (GTK_WIDGET (self), adw_toast_new (error->message));
  else
    mreza_ui_add_toast (GTK_WIDGET (self),
                        adw_toast_new (_("The record is back as the "
                                         "coordinator has it")));

  /* The row changed under the pages: they read again. */
  client_changed_cb (self);
  mreza_conflicts_page_reload (self->conflicts_page);
}

/* From the Conflicts page: undo the change the coordinator refused. */
void
_mreza_window_undo_refused (MrezaWindow *self)
{
  g_return_if_fail (MREZA_IS_WINDOW (self));

  if (self->sync_client == NULL)
    return;
  mreza_sync_client_undo_refused_async (self->sync_client, NULL, undone_cb,
                                        g_object_ref (self));
}

/* Other devices' changes arrived: every list reads again. A replica
 * that was empty (joined from the welcome page) now has something to
 * browse. */
static void
client_changed_cb (MrezaWindow *self)
{
  g_autoptr(MrezaStore) store = NULL;

  g_assert (MREZA_IS_WINDOW (self));

  if (self->store != NULL)
    store = g_object_ref (self->store);
  else if (self->replica_path != NULL)
    store = mreza_store_open (self->replica_path, MREZA_STORE_OPEN_DEFAULT, NULL);

  if (store != NULL)
    mreza_window_set_store (self, store);
}

static void
token_looked_up_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(MrezaWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  char *token;

  token = secret_password_lookup_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      self->sync_client == NULL)
    {
      secret_password_free (token);
      return;
    }
  if (error != NULL)
    g_debug ("No secret service: %s", error->message);

  mreza_sync_client_set_token (self->sync_client, token);
  secret_password_free (token);
  mreza_sync_client_start (self->sync_client);
  update_key_note (self);
}

static void
start_client (MrezaWindow *self)
{
  g_autofree char *file = NULL;

  g_assert (MREZA_IS_WINDOW (self));

  file = g_strconcat (self->replica_path, ".token", NULL);
  self->token_in_file = g_file_test (file, G_FILE_TEST_EXISTS);
  if (self->token_in_file)
    {
      mreza_sync_client_start (self->sync_client);
      return;
    }

  self->secret_cancellable = g_cancellable_new ();
  secret_password_lookup (token_schema (), self->secret_cancellable,
                          token_looked_up_cb, g_object_ref (self),
                          "replica", self->replica_path, NULL);
}

/* Makes the client of the replica shown, once per replica. */
void
_mreza_window_sync_setup (MrezaWindow *self)
{
  g_return_if_fail (MREZA_IS_WINDOW (self));

  if (self->replica_path == NULL)
    return;
  if (self->sync_client != NULL &&
      g_strcmp0 (mreza_sync_client_get_path (self->sync_client),
                 self->replica_path) == 0)
    return;

  _mreza_window_sync_dispose (self);
  self->sync_client = mreza_sync_client_new (self->replica_path);
  g_signal_connect_object (self->sync_client, "notify::state",
                           G_CALLBACK (client_state_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync_client, "changed",
                           G_CALLBACK (client_changed_cb), self,
                           G_CONNECT_SWAPPED);
  mreza_sync_status_set_client (self->sync_status, self->sync_client);
  mreza_sync_status_set_client (self->welcome_sync_status, self->sync_client);
  start_client (self);
  update_key_note (self);
}

void
_mreza_window_sync_dispose (MrezaWindow *self)
{
  g_return_if_fail (MREZA_IS_WINDOW (self));

  g_cancellable_cancel (self->secret_cancellable);
  g_clear_object (&self->secret_cancellable);
  if (self->sync_client == NULL)
    return;

  mreza_sync_client_stop (self->sync_client);
  g_signal_handlers_disconnect_by_data (self->sync_client, self);
  if (self->sync_status != NULL)
    mreza_sync_status_set_client (self->sync_status, NULL);
  if (self->welcome_sync_status != NULL)
    mreza_sync_status_set_client (self->welcome_sync_status, NULL);
  g_clear_object (&self->sync_client);
}

static void
dialog_joined_cb (MrezaJoinDialog *dialog,
                  const char      *token,
                  MrezaWindow     *self)
{
  _mreza_window_joined (self, token);
}

void
_mreza_window_show_join (MrezaWindow *self)
{
  MrezaJoinDialog *dialog;

  g_return_if_fail (MREZA_IS_WINDOW (self));

  _mreza_window_sync_setup (self);
  if (self->sync_client == NULL)
    return;

  dialog = mreza_join_dialog_new (GTK_WINDOW (self), self->sync_client);
  g_signal_connect_object (dialog, "joined", G_CALLBACK (dialog_joined_cb),
                           self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
toast_joined (MrezaWindow *self)
{
  g_autoptr(MrezaStore) store = NULL;
  g_autofree char *team = NULL;
  g_autofree char *role = NULL;
  g_autofree char *title = NULL;
  const char *shown_role;

  store = mreza_store_open (self->replica_path, MREZA_STORE_OPEN_DEFAULT, NULL);
  if (store != NULL)
    {
      team = mreza_sync_dup_state (store, "team_name");
      role = mreza_sync_dup_state (store, "role");
    }

  shown_role = g_strcmp0 (role, "coordinator") == 0
    /* Translators: a device's role, in "Joined TEAM as ROLE" */
    ? C_("role", "coordinator") : C_("role", "member");
  /* Translators: the team, then the device's role */
  title = g_strdup_printf (_("Joined %s as %s"), team ? team : "", shown_role);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

typedef struct
{
  MrezaWindow *self;
  char        *token;
} Stored;

static void
token_stored_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Stored *s = user_data;
  MrezaWindow *self = s->self;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      g_autoptr(GError) file_error = NULL;

      g_debug ("No secret service, keeping the key in a file: %s",
               error->message);
      if (!mreza_sync_write_token_file (self->replica_path, s->token,
                                        &file_error))
        g_warning ("Cannot keep the device key: %s", file_error->message);
      self->token_in_file = TRUE;
    }

  if (self->sync_client != NULL)
    {
      mreza_sync_client_set_token (self->sync_client, s->token);
      mreza_sync_client_sync_now (self->sync_client);
    }
  toast_joined (self);
  update_key_note (self);
  _mreza_window_actions_update (self);

  g_object_unref (s->self);
  g_free (s->token);
  g_free (s);
}

/* The coordinator enrolled this replica: keep its key, and sync. */
void
_mreza_window_joined (MrezaWindow *self,
                      const char  *token)
{
  g_autofree char *label = NULL;
  Stored *s;

  g_return_if_fail (MREZA_IS_WINDOW (self));
  g_return_if_fail (token != NULL);

  s = g_new0 (Stored, 1);
  s->self = g_object_ref (self);
  s->token = g_strdup (token);
  self->token_in_file = FALSE;
  /* Translators: the keyring's label of the key; the replica's file */
  label = g_strdup_printf (_("Mreža device key for %s"), self->replica_path);
  secret_password_store (token_schema (), SECRET_COLLECTION_DEFAULT, label,
                         token, NULL, token_stored_cb, s,
                         "replica", self->replica_path, NULL);
}
