/* mreza-join-dialog.c: joining a team's coordinator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The person types the coordinator's address and the one-time code the
 * administrator gave them. Trust comes from one of two places: the
 * certificate's fingerprint, fetched once without trusting it and
 * confirmed by the person against the administrator's (the pin core
 * then checks on every connection), or a CA file they choose. Errors
 * stay in the dialog, beside what caused them; on success the dialog
 * emits ::joined with the device token, for the window to keep, and
 * closes.
 */
#define G_LOG_DOMAIN "mreza-join-dialog"

#include "config.h"

#include "mreza-join-dialog.h"

#include "mreza-sync.h"

#include <glib/gi18n.h>
#include <string.h>

struct _MrezaJoinDialog
{
  AdwWindow        parent_instance;

  AdwEntryRow     *url_row;
  AdwEntryRow     *code_row;
  AdwEntryRow     *name_row;
  AdwActionRow    *fingerprint_row;
  AdwActionRow    *confirm_row;
  GtkCheckButton  *confirm_check;
  AdwActionRow    *ca_row;
  GtkButton       *ca_clear_button;
  GtkButton       *fetch_button;
  GtkButton       *join_button;
  GtkSpinner      *spinner;
  GtkLabel        *error_label;

  MrezaSyncClient *client;
  GCancellable    *cancellable;
  char            *sha256;
  char            *fingerprint;
  char            *fetched_url;
  char            *ca_file;
  gboolean         trusted;
  gboolean         join_after_fetch;
};

enum {
  JOINED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MrezaJoinDialog, mreza_join_dialog, ADW_TYPE_WINDOW)

/**
 * mreza_join_dialog_validate:
 * @url: what the person typed as the address
 * @code: what they typed as the code
 * @error: return location for a #GError
 *
 * Returns: whether both are worth sending
 */
gboolean
mreza_join_dialog_validate (const char  *url,
                            const char  *code,
                            GError     **error)
{
  g_autoptr(GUri) uri = NULL;

  if (url == NULL || *url == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Type the coordinator’s address, as its administrator "
                     "gave it to you."));
      return FALSE;
    }
  if (!g_str_has_prefix (url, "https://"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The address must start with https://: Mreža only "
                     "talks to a coordinator over an encrypted, verified "
                     "connection."));
      return FALSE;
    }
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL ||
      *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a valid address."), url);
      return FALSE;
    }
  if (code == NULL || *code == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Type the enrollment code the administrator gave you."));
      return FALSE;
    }

  return TRUE;
}

static void
show_message (MrezaJoinDialog *self,
              const char      *message,
              gboolean         is_error)
{
  g_assert (MREZA_IS_JOIN_DIALOG (self));

  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (is_error)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->error_label), "accent");
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "accent");
      gtk_widget_remove_css_class (GTK_WIDGET (self->error_label), "error");
    }
}

static void
clear_error_cb (MrezaJoinDialog *self)
{
  if (gtk_widget_has_css_class (GTK_WIDGET (self->error_label), "error"))
    show_message (self, NULL, TRUE);
}

static void
set_busy (MrezaJoinDialog *self,
          gboolean         busy)
{
  g_assert (MREZA_IS_JOIN_DIALOG (self));

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->join_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->fetch_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->url_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->code_row), !busy);
}

static void
forget_certificate (MrezaJoinDialog *self)
{
  g_assert (MREZA_IS_JOIN_DIALOG (self));

  g_clear_pointer (&self->sha256, g_free);
  g_clear_pointer (&self->fingerprint, g_free);
  g_clear_pointer (&self->fetched_url, g_free);
  self->trusted = FALSE;
  adw_action_row_set_subtitle (self->fingerprint_row, _("Not fetched yet"));
  gtk_check_button_set_active (self->confirm_check, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->confirm_row), FALSE);
}

static void
url_changed_cb (MrezaJoinDialog *self)
{
  clear_error_cb (self);
  if (self->fetched_url != NULL &&
      g_strcmp0 (self->fetched_url,
                 gtk_editable_get_text (GTK_EDITABLE (self->url_row))) != 0)
    forget_certificate (self);
}

static char *
dup_url (MrezaJoinDialog *self)
{
  g_autofree char *url = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row)));

  g_strstrip (url);
  /* "https://host:port/" and "https://host:port" are one coordinator. */
  while (g_str_has_suffix (url, "/"))
    url[strlen (url) - 1] = '\0';

  return g_steal_pointer (&url);
}

static void
joined_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(MrezaJoinDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  token = mreza_sync_client_join_finish (self->client, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  if (token == NULL)
    {
      show_message (self, error->message, TRUE);
      return;
    }

  g_signal_emit (self, signals[JOINED], 0, token);
  gtk_window_close (GTK_WINDOW (self));
}

static void
join (MrezaJoinDialog *self,
      const char      *url,
      const char      *code)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));

  g_assert (MREZA_IS_JOIN_DIALOG (self));

  show_message (self, NULL, TRUE);
  set_busy (self, TRUE);
  mreza_sync_client_join_async (self->client, url, code, self->ca_file,
                                self->ca_file ? NULL : self->sha256,
                                *name != '\0' ? name : NULL,
                                self->cancellable, joined_cb,
                                g_object_ref (self));
}

static void fetch (MrezaJoinDialog *self,
                   const char      *url);

/* The whole decision of the Join button, one step at a time. */
void
mreza_join_dialog_submit (MrezaJoinDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *code = NULL;

  g_return_if_fail (MREZA_IS_JOIN_DIALOG (self));

  url = dup_url (self);
  code = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->code_row))));

  if (!mreza_join_dialog_validate (url, code, &error))
    {
      show_message (self, error->message, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (*url == '\0' || !g_str_has_prefix (url, "https://")
                                         ? self->url_row : self->code_row));
      return;
    }

  if (self->ca_file != NULL || self->trusted)
    join (self, url, code);
  else if (self->sha256 == NULL || g_strcmp0 (self->fetched_url, url) != 0)
    {
      self->join_after_fetch = TRUE;
      fetch (self, url);
    }
  else if (!gtk_check_button_get_active (self->confirm_check))
    show_message (self, _("Compare the fingerprint below with the one the "
                          "administrator gave you. If they match, confirm it "
                          "and choose Join; if not, do not join: you may not "
                          "be talking to your coordinator."), TRUE);
  else
    join (self, url, code);
}

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(MrezaJoinDialog) self = user_data;
  g_autoptr(GTlsCertificate) cert = NULL;
  g_autoptr(GError) error = NULL;
  GTlsCertificateFlags errors = 0;
  gboolean then_join = self->join_after_fetch;

  cert = mreza_sync_fetch_certificate_finish (result, &errors, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  self->join_after_fetch = FALSE;
  if (cert == NULL)
    {
      show_message (self, error->message, TRUE);
      return;
    }

  self->sha256 = mreza_sync_certificate_sha256 (cert);
  self->fingerprint = mreza_sync_format_fingerprint (self->sha256);
  self->trusted = errors == 0;
  adw_action_row_set_subtitle (self->fingerprint_row, self->fingerprint);
  gtk_widget_set_sensitive (GTK_WIDGET (self->confirm_row), !self->trusted);

  if (self->trusted && then_join)
    mreza_join_dialog_submit (self);
  else if (self->trusted)
    show_message (self, _("This computer trusts the coordinator’s "
                          "certificate."), FALSE);
  else
    show_message (self, _("Compare the fingerprint below with the one the "
                          "administrator gave you. If they match, confirm it "
                          "and choose Join."), FALSE);
}

static void
fetch (MrezaJoinDialog *self,
       const char      *url)
{
  g_assert (MREZA_IS_JOIN_DIALOG (self));

  forget_certificate (self);
  self->fetched_url = g_strdup (url);
  show_message (self, NULL, TRUE);
  set_busy (self, TRUE);
  mreza_sync_fetch_certificate_async (url, self->cancellable, fetched_cb,
                                      g_object_ref (self));
}

static void
fetch_clicked_cb (MrezaJoinDialog *self)
{
  g_autofree char *url = dup_url (self);
  g_autoptr(GError) error = NULL;

  /* Only the address matters here; a placeholder stands for the code. */
  if (!mreza_join_dialog_validate (url, "-", &error))
    {
      show_message (self, error->message, TRUE);
      return;
    }

  self->join_after_fetch = FALSE;
  fetch (self, url);
}

static void
join_clicked_cb (MrezaJoinDialog *self)
{
  mreza_join_dialog_submit (self);
}

static void
cancel_clicked_cb (MrezaJoinDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
set_ca_file (MrezaJoinDialog *self,
             const char      *path)
{
  g_autofree char *name = path ? g_filename_display_basename (path) : NULL;

  g_free (self->ca_file);
  self->ca_file = g_strdup (path);
  adw_action_row_set_subtitle (self->ca_row, name ? name : _("None chosen"));
  gtk_widget_set_visible (GTK_WIDGET (self->ca_clear_button), path != NULL);
  /* A CA file replaces the fingerprint. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->fingerprint_row), path == NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->confirm_row),
                            path == NULL && self->sha256 != NULL &&
                            !self->trusted);
  clear_error_cb (self);
}

static void
ca_response_cb (GtkNativeDialog *native,
                int              response,
                MrezaJoinDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        set_ca_file (self, path);
    }

  g_object_unref (native);
}

static void
ca_clicked_cb (MrezaJoinDialog *self)
{
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  native = gtk_file_chooser_native_new (_("Choose the Coordinator’s CA File"),
                                        GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Choose"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Certificates (PEM)"));
  gtk_file_filter_add_pattern (filter, "*.pem");
  gtk_file_filter_add_pattern (filter, "*.crt");
  gtk_file_filter_add_mime_type (filter, "application/x-x509-ca-cert");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (ca_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
ca_clear_clicked_cb (MrezaJoinDialog *self)
{
  set_ca_file (self, NULL);
}

static gboolean
mreza_join_dialog_close_request (GtkWindow *window)
{
  MrezaJoinDialog *self = MREZA_JOIN_DIALOG (window);

  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (mreza_join_dialog_parent_class)->close_request (window);
}

static void
mreza_join_dialog_dispose (GObject *object)
{
  MrezaJoinDialog *self = MREZA_JOIN_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  gtk_widget_dispose_template (GTK_WIDGET (self), MREZA_TYPE_JOIN_DIALOG);

  G_OBJECT_CLASS (mreza_join_dialog_parent_class)->dispose (object);
}

static void
mreza_join_dialog_finalize (GObject *object)
{
  MrezaJoinDialog *self = MREZA_JOIN_DIALOG (object);

  g_free (self->sha256);
  g_free (self->fingerprint);
  g_free (self->fetched_url);
  g_free (self->ca_file);

  G_OBJECT_CLASS (mreza_join_dialog_parent_class)->finalize (object);
}

static void
mreza_join_dialog_class_init (MrezaJoinDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = mreza_join_dialog_dispose;
  object_class->finalize = mreza_join_dialog_finalize;
  window_class->close_request = mreza_join_dialog_close_request;

  /**
   * MrezaJoinDialog::joined:
   * @token: the device token, for the caller to keep
   */
  signals[JOINED] = g_signal_new ("joined", G_TYPE_FROM_CLASS (klass),
                                  G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/rs/mreza/Mreza/mreza-join-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MrezaJoinDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, MrezaJoinDialog, code_row);
  gtk_widget_class_bind_template_child (widget_class, MrezaJoinDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, MrezaJoinDialog, fingerprint_row);
  gtk_widget_class_bind_template_child (widget_class, MrezaJoinDialog, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, MrezaJoinDialog, confirm_check);
  gtk_widget_class_bind_template_child (widget_class, MrezaJoinDialog, ca_row);
  gtk_widget_class_bind_template_child (widget_class, MrezaJoinDialog, ca_clear_button);
  gtk_widget_class_bind_template_child (widget_class, MrezaJoinDialog, fetch_button);
  gtk_widget_class_bind_template_child (widget_class, MrezaJoinDialog, join_button);
  gtk_widget_class_bind_template_child (widget_class, MrezaJoinDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, MrezaJoinDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, url_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_error_cb);
  gtk_widget_class_bind_template_callback (widget_class, join_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, fetch_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, ca_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, ca_clear_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "window.close", NULL);
}

static void
mreza_join_dialog_init (MrezaJoinDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), g_get_host_name ());
  gtk_widget_add_css_class (GTK_WIDGET (self->fingerprint_row), "fingerprint");
}

/**
 * mreza_join_dialog_new:
 * @parent: the window it belongs to
 * @client: the replica's sync client
 *
 * Returns: (transfer floating): a dialog, not shown yet
 */
MrezaJoinDialog *
mreza_join_dialog_new (GtkWindow       *parent,
                       MrezaSyncClient *client)
{
  MrezaJoinDialog *self;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (MREZA_IS_SYNC_CLIENT (client), NULL);

  self = g_object_new (MREZA_TYPE_JOIN_DIALOG, "transient-for", parent, NULL);
  self->client = g_object_ref (client);

  return self;
}

void
mreza_join_dialog_set_fields (MrezaJoinDialog *self,
                              const char      *url,
                              const char      *code)
{
  g_return_if_fail (MREZA_IS_JOIN_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url ? url : "");
  gtk_editable_set_text (GTK_EDITABLE (self->code_row), code ? code : "");
}

/* What a person does by ticking the box. */
void
mreza_join_dialog_confirm (MrezaJoinDialog *self)
{
  g_return_if_fail (MREZA_IS_JOIN_DIALOG (self));

  gtk_check_button_set_active (self->confirm_check, TRUE);
}

/**
 * mreza_join_dialog_get_error:
 * @self: a #MrezaJoinDialog
 *
 * Returns: (nullable): the error shown, if one is
 */
const char *
mreza_join_dialog_get_error (MrezaJoinDialog *self)
{
  g_return_val_if_fail (MREZA_IS_JOIN_DIALOG (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ||
      !gtk_widget_has_css_class (GTK_WIDGET (self->error_label), "error"))
    return NULL;

  return gtk_label_get_text (self->error_label);
}

/**
 * mreza_join_dialog_get_fingerprint:
 * @self: a #MrezaJoinDialog
 *
 * Returns: (nullable): the fingerprint shown, "AB:CD:…"
 */
const char *
mreza_join_dialog_get_fingerprint (MrezaJoinDialog *self)
{
  g_return_val_if_fail (MREZA_IS_JOIN_DIALOG (self), NULL);
  return self->fingerprint;
}

gboolean
mreza_join_dialog_is_busy (MrezaJoinDialog *self)
{
  g_return_val_if_fail (MREZA_IS_JOIN_DIALOG (self), FALSE);
  return gtk_widget_get_visible (GTK_WIDGET (self->spinner));
}
