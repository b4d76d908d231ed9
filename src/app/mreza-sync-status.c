/* mreza-sync-status.c: the header bar's sync indicator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An icon that follows MrezaSyncClient's state, with a tooltip that
 * says it in words; clicked, a popover tells what happened and what to
 * do, and offers Sync Now, the conflicts, or joining a coordinator.
 * "2 minutes ago" is refreshed every 30 s while the widget is mapped.
 */
#define G_LOG_DOMAIN "mreza-sync-status"

#include "config.h"

#include "mreza-sync-status.h"

#include "mreza-locale.h"

#include <glib/gi18n.h>

struct _MrezaSyncStatus
{
  GtkWidget        parent_instance;

  GtkMenuButton   *button;
  GtkImage        *big_icon;
  GtkLabel        *title_label;
  GtkLabel        *detail_label;
  GtkLabel        *message_label;
  GtkLabel        *counts_label;
  GtkLabel        *key_label;
  GtkButton       *conflicts_button;
  GtkButton       *join_button;
  GtkButton       *sync_button;

  MrezaSyncClient *client;
  char            *title;
  char            *detail;
  const char      *icon_name;
  guint            tick_id;
};

enum {
  PROP_0,
  PROP_CLIENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MrezaSyncStatus, mreza_sync_status, GTK_TYPE_WIDGET)

/**
 * mreza_sync_status_format_ago:
 * @when: a moment in the past
 * @now: now
 *
 * Returns: (transfer full): "just now", "5 minutes ago", "3 hours ago",
 *   or the date and time
 */
char *
mreza_sync_status_format_ago (GDateTime *when,
                              GDateTime *now)
{
  GTimeSpan span = g_date_time_difference (now, when);
  gint64 minutes = span / G_TIME_SPAN_MINUTE;
  gint64 hours = span / G_TIME_SPAN_HOUR;
  g_autoptr(GDateTime) local = NULL;

  if (minutes < 1)
    return g_strdup (_("just now"));
  if (minutes < 60)
    return g_strdup_printf (ngettext ("%d minute ago", "%d minutes ago",
                                      (gulong) minutes), (int) minutes);
  if (hours < 24)
    return g_strdup_printf (ngettext ("%d hour ago", "%d hours ago",
                                      (gulong) hours), (int) hours);

  local = g_date_time_to_local (when);
  /* Translators: a date and time, see g_date_time_format() */
  return g_date_time_format (local, _("%-d %B %Y, %H:%M"));
}

static char *
format_progress (MrezaSyncClient *client)
{
  const char *lang = mreza_locale_get_language ();
  g_autofree char *sent = mreza_locale_format_number (
    lang, mreza_sync_client_get_pushed (client));
  g_autofree char *received = mreza_locale_format_number (
    lang, mreza_sync_client_get_pulled (client));

  /* Translators: changes sent and received so far; numbers as text */
  return g_strdup_printf (_("%s sent, %s received"), sent, received);
}

static char *
format_counts (MrezaSyncClient *client)
{
  gint64 pending = mreza_sync_client_get_pending (client);
  gint64 conflicts = mreza_sync_client_get_conflicts (client);
  const char *lang = mreza_locale_get_language ();
  g_autofree char *p = mreza_locale_format_number (lang, pending);
  g_autofree char *c = mreza_locale_format_number (lang, conflicts);
  g_autoptr(GString) out = g_string_new (NULL);

  if (pending > 0)
    g_string_append_printf (out, ngettext ("%s edit waits to be sent.",
                                           "%s edits wait to be sent.",
                                           (gulong) pending), p);
  if (conflicts > 0)
    {
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append_printf (out, ngettext ("%s conflict to look at.",
                                             "%s conflicts to look at.",
                                             (gulong) conflicts), c);
    }

  return g_string_free (g_steal_pointer (&out), out->len == 0);
}

static void
set_texts (MrezaSyncStatus *self,
           const char      *icon_name,
           const char      *title,
           char            *detail)
{
  g_free (self->title);
  self->title = g_strdup (title);
  g_free (self->detail);
  self->detail = detail;
  self->icon_name = icon_name;
}

static void
describe (MrezaSyncStatus *self)
{
  MrezaSyncClient *c = self->client;
  GDateTime *last = c ? mreza_sync_client_get_last_sync (c) : NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *ago = last ? mreza_sync_status_format_ago (last, now) : NULL;

  switch (c ? mreza_sync_client_get_state (c) : MREZA_SYNC_STATE_NOT_JOINED)
    {
    case MREZA_SYNC_STATE_OFFLINE:
      set_texts (self, "network-offline-symbolic", _("Offline"),
                 ago ? g_strdup_printf (_("Last synced %s"), ago) : NULL);
      break;
    case MREZA_SYNC_STATE_SYNCING:
      set_texts (self, "emblem-synchronizing-symbolic", _("Syncing…"),
                 format_progress (c));
      break;
    case MREZA_SYNC_STATE_UP_TO_DATE:
      set_texts (self, "emblem-ok-symbolic", _("Up to Date"),
                 ago ? g_strdup_printf (_("Last synced %s"), ago) : NULL);
      break;
    case MREZA_SYNC_STATE_NEEDS_ATTENTION:
      set_texts (self, "dialog-warning-symbolic", _("Needs Attention"),
                 ago ? g_strdup_printf (_("Last synced %s"), ago)
                     : g_strdup (_("Never synced")));
      break;
    case MREZA_SYNC_STATE_NOT_JOINED:
    default:
      set_texts (self, "network-workgroup-symbolic", _("Not Joined"),
                 g_strdup (_("This replica stays on this computer until it "
                             "joins your team’s coordinator.")));
      break;
    }
}

static void
update (MrezaSyncStatus *self)
{
  MrezaSyncState state;
  g_autofree char *counts = NULL;
  g_autofree char *tooltip = NULL;
  const char *message;

  g_assert (MREZA_IS_SYNC_STATUS (self));

  describe (self);
  state = self->client ? mreza_sync_client_get_state (self->client)
                       : MREZA_SYNC_STATE_NOT_JOINED;
  message = self->client ? mreza_sync_client_get_message (self->client) : NULL;
  counts = self->client ? format_counts (self->client) : NULL;

  gtk_menu_button_set_icon_name (self->button, self->icon_name);
  gtk_image_set_from_icon_name (self->big_icon, self->icon_name);
  gtk_label_set_text (self->title_label, self->title);
  gtk_label_set_text (self->detail_label, self->detail ? self->detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), self->detail != NULL);
  gtk_label_set_text (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label),
                          message != NULL && *message != '\0');
  gtk_label_set_text (self->counts_label, counts ? counts : "");
  gtk_widget_set_visible (GTK_WIDGET (self->counts_label), counts != NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->conflicts_button),
                          self->client != NULL &&
                          mreza_sync_client_get_conflicts (self->client) > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->join_button),
                          state == MREZA_SYNC_STATE_NOT_JOINED);
  gtk_widget_set_visible (GTK_WIDGET (self->sync_button),
                          state != MREZA_SYNC_STATE_NOT_JOINED);

  if (state == MREZA_SYNC_STATE_NEEDS_ATTENTION)
    gtk_widget_add_css_class (GTK_WIDGET (self->button), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->button), "warning");

  /* Translators: the sync state, then what it means */
  tooltip = self->detail ? g_strdup_printf (_("%s: %s"), self->title,
                                            self->detail)
                         : g_strdup (self->title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
}

static gboolean
tick_cb (gpointer user_data)
{
  update (user_data);
  return G_SOURCE_CONTINUE;
}

static void
mreza_sync_status_map (GtkWidget *widget)
{
  MrezaSyncStatus *self = MREZA_SYNC_STATUS (widget);

  GTK_WIDGET_CLASS (mreza_sync_status_parent_class)->map (widget);
  update (self);
  if (self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (30, tick_cb, self);
}

static void
mreza_sync_status_unmap (GtkWidget *widget)
{
  MrezaSyncStatus *self = MREZA_SYNC_STATUS (widget);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  GTK_WIDGET_CLASS (mreza_sync_status_parent_class)->unmap (widget);
}

static void
mreza_sync_status_dispose (GObject *object)
{
  MrezaSyncStatus *self = MREZA_SYNC_STATUS (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->client != NULL)
    g_signal_handlers_disconnect_by_data (self->client, self);
  g_clear_object (&self->client);
  gtk_widget_dispose_template (GTK_WIDGET (self), MREZA_TYPE_SYNC_STATUS);

  G_OBJECT_CLASS (mreza_sync_status_parent_class)->dispose (object);
}

static void
mreza_sync_status_finalize (GObject *object)
{
  MrezaSyncStatus *self = MREZA_SYNC_STATUS (object);

  g_free (self->title);
  g_free (self->detail);

  G_OBJECT_CLASS (mreza_sync_status_parent_class)->finalize (object);
}

static void
mreza_sync_status_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MrezaSyncStatus *self = MREZA_SYNC_STATUS (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mreza_sync_status_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  MrezaSyncStatus *self = MREZA_SYNC_STATUS (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      mreza_sync_status_set_client (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mreza_sync_status_class_init (MrezaSyncStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mreza_sync_status_dispose;
  object_class->finalize = mreza_sync_status_finalize;
  object_class->get_property = mreza_sync_status_get_property;
  object_class->set_property = mreza_sync_status_set_property;
  widget_class->map = mreza_sync_status_map;
  widget_class->unmap = mreza_sync_status_unmap;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, MREZA_TYPE_SYNC_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mreza-sync-status");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/rs/mreza/Mreza/mreza-sync-status.ui");
  gtk_widget_class_bind_template_child (widget_class, MrezaSyncStatus, button);
  gtk_widget_class_bind_template_child (widget_class, MrezaSyncStatus, big_icon);
  gtk_widget_class_bind_template_child (widget_class, MrezaSyncStatus, title_label);
  gtk_widget_class_bind_template_child (widget_class, MrezaSyncStatus, detail_label);
  gtk_widget_class_bind_template_child (widget_class, MrezaSyncStatus, message_label);
  gtk_widget_class_bind_template_child (widget_class, MrezaSyncStatus, counts_label);
  gtk_widget_class_bind_template_child (widget_class, MrezaSyncStatus, key_label);
  gtk_widget_class_bind_template_child (widget_class, MrezaSyncStatus, conflicts_button);
  gtk_widget_class_bind_template_child (widget_class, MrezaSyncStatus, join_button);
  gtk_widget_class_bind_template_child (widget_class, MrezaSyncStatus, sync_button);
}

static void
mreza_sync_status_init (MrezaSyncStatus *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}

MrezaSyncClient *
mreza_sync_status_get_client (MrezaSyncStatus *self)
{
  g_return_val_if_fail (MREZA_IS_SYNC_STATUS (self), NULL);

  return self->client;
}

/**
 * mreza_sync_status_set_client:
 * @self: a #MrezaSyncStatus
 * @client: (nullable): the client to show
 */
void
mreza_sync_status_set_client (MrezaSyncStatus *self,
                              MrezaSyncClient *client)
{
  static const char *watched[] = {
    "notify::state", "notify::message", "notify::last-sync",
    "notify::pushed", "notify::pulled", "notify::pending",
    "notify::conflicts",
  };

  g_return_if_fail (MREZA_IS_SYNC_STATUS (self));
  g_return_if_fail (client == NULL || MREZA_IS_SYNC_CLIENT (client));

  if (self->client == client)
    return;

  if (self->client != NULL)
    g_signal_handlers_disconnect_by_data (self->client, self);
  g_set_object (&self->client, client);
  if (client != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (watched); i++)
      g_signal_connect_swapped (client, watched[i], G_CALLBACK (update), self);

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

/**
 * mreza_sync_status_set_key_note:
 * @self: a #MrezaSyncStatus
 * @note: (nullable): where the device key is kept, when a person
 *   should know
 */
void
mreza_sync_status_set_key_note (MrezaSyncStatus *self,
                                const char      *note)
{
  g_return_if_fail (MREZA_IS_SYNC_STATUS (self));

  gtk_label_set_text (self->key_label, note ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->key_label), note != NULL);
}

const char *
mreza_sync_status_get_title (MrezaSyncStatus *self)
{
  g_return_val_if_fail (MREZA_IS_SYNC_STATUS (self), NULL);
  return self->title;
}

const char *
mreza_sync_status_get_detail (MrezaSyncStatus *self)
{
  g_return_val_if_fail (MREZA_IS_SYNC_STATUS (self), NULL);
  return self->detail;
}

const char *
mreza_sync_status_get_icon_name (MrezaSyncStatus *self)
{
  g_return_val_if_fail (MREZA_IS_SYNC_STATUS (self), NULL);
  return self->icon_name;
}

/**
 * mreza_sync_status_get_button:
 * @self: a #MrezaSyncStatus
 *
 * Returns: (transfer none): the menu button (for the window's shortcut
 *   and for tests)
 */
GtkMenuButton *
mreza_sync_status_get_button (MrezaSyncStatus *self)
{
  g_return_val_if_fail (MREZA_IS_SYNC_STATUS (self), NULL);
  return self->button;
}
