/* mreza-window-actions.c: what the window's actions and shortcuts do
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mreza-window-actions"

#include "config.h"

#include "mreza-application.h"
#include "mreza-import.h"
#include "mreza-indicator-page.h"
#include "mreza-window-private.h"

#include <errno.h>
#include <glib/gi18n.h>

static void
mreza_window_search_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  MrezaWindow *self = MREZA_WINDOW (widget);
  gboolean active = gtk_search_bar_get_search_mode (self->search_bar);

  gtk_search_bar_set_search_mode (self->search_bar, !active);
  if (!active)
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
mreza_window_show_view_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  MrezaWindow *self = MREZA_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  mreza_window_set_view (self, g_variant_get_string (param, NULL));
  adw_leaflet_set_visible_child (self->leaflet, self->content_box);
}

static void
mreza_window_show_indicator_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  MrezaWindow *self = MREZA_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  if (mreza_indicator_page_open (GTK_WINDOW (self), self->store,
                                 g_variant_get_string (param, NULL),
                                 &error) == NULL)
    adw_toast_overlay_add_toast (self->toast_overlay,
                                 adw_toast_new (error->message));
}

static void
mreza_window_open_demo_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  _mreza_window_import_demo (MREZA_WINDOW (widget));
}

static void
show_import_error (MrezaWindow  *self,
                   const GError *error)
{
  GtkWidget *dialog;

  g_assert (MREZA_IS_WINDOW (self));

  dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                   _("Could Not Open the Demo Data"),
                                   error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close",
                                   _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_importing (MrezaWindow *self,
               gboolean     importing)
{
  g_assert (MREZA_IS_WINDOW (self));

  self->importing = importing;
  gtk_widget_set_visible (GTK_WIDGET (self->welcome_spinner), importing);
  gtk_spinner_set_spinning (self->welcome_spinner, importing);
  _mreza_window_actions_update (self);
}

static void
demo_imported_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MrezaWindow) self = user_data;
  MrezaStore *store = MREZA_STORE (object);
  g_autoptr(GError) error = NULL;
  MrezaImportStats stats = { 0 };

  set_importing (self, FALSE);

  if (!mreza_import_path_finish (store, result, &stats, &error))
    {
      show_import_error (self, error);
      return;
    }

  g_debug ("Imported %u records from %u files", stats.n_records, stats.n_files);
  g_clear_object (&self->store);
  mreza_window_set_store (self, store);
  mreza_window_set_view (self, "plan");
}

/* Imports the demo data into the window's replica, creating the file if
 * there is none yet; the import runs in a worker. */
void
_mreza_window_import_demo (MrezaWindow *self)
{
  g_autoptr(MrezaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *demo_dir = mreza_application_find_demo_dir ();
  g_autofree char *dir = NULL;

  g_return_if_fail (MREZA_IS_WINDOW (self));

  if (self->importing)
    return;

  if (self->store != NULL)
    store = g_object_ref (self->store);
  else if (self->replica_path != NULL)
    {
      dir = g_path_get_dirname (self->replica_path);
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved = errno;

          g_set_error (&error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Could not create the folder “%s”: %s"),
                       dir, g_strerror (saved));
          show_import_error (self, error);
          return;
        }
      store = mreza_store_open (self->replica_path, MREZA_STORE_OPEN_CREATE,
                                &error);
    }

  if (store == NULL)
    {
      if (error != NULL)
        show_import_error (self, error);
      return;
    }

  set_importing (self, TRUE);
  mreza_import_path_async (store, demo_dir, NULL, demo_imported_cb,
                           g_object_ref (self));
}

static void
mreza_window_sync_now_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  MrezaWindow *self = MREZA_WINDOW (widget);

  if (self->sync_client != NULL)
    mreza_sync_client_sync_now (self->sync_client);
}

static void
mreza_window_join_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  _mreza_window_show_join (MREZA_WINDOW (widget));
}

static void
mreza_window_show_conflicts_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  MrezaWindow *self = MREZA_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  mreza_window_set_view (self, "conflicts");
  adw_leaflet_set_visible_child (self->leaflet, self->content_box);
}

/* The menu's way to a new goal: the plan's own buttons are on a goal's
 * page, and a plan without goals has none. */
static void
mreza_window_add_goal_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  MrezaWindow *self = MREZA_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  mreza_window_set_view (self, "plan");
  adw_leaflet_set_visible_child (self->leaflet, self->content_box);
  mreza_plan_page_edit_part (self->plan_page, MREZA_PLAN_PART_GOAL, NULL,
                             NULL);
}

void
_mreza_window_actions_update (MrezaWindow *self)
{
  MrezaSyncState state = MREZA_SYNC_STATE_NOT_JOINED;
  gboolean browsing;

  g_assert (MREZA_IS_WINDOW (self));

  browsing = g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack),
                        "browse") == 0;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", browsing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-view", browsing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-demo",
                                 !browsing && !self->importing &&
                                 (self->store != NULL || self->replica_path != NULL));

  if (self->sync_client != NULL)
    state = mreza_sync_client_get_state (self->sync_client);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync-now",
                                 state != MREZA_SYNC_STATE_NOT_JOINED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.join",
                                 self->sync_client != NULL && !self->importing &&
                                 state == MREZA_SYNC_STATE_NOT_JOINED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-conflicts",
                                 browsing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-goal", browsing);
}

void
_mreza_window_class_actions_init (MrezaWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const char *view_names[] = { "plan", "teams", "actions", "projects",
                                      "conflicts", "report", "meetings" };
  static const guint view_keys[] = { GDK_KEY_1, GDK_KEY_2, GDK_KEY_3, GDK_KEY_4,
                                     GDK_KEY_5, GDK_KEY_6, GDK_KEY_7 };

  gtk_widget_class_install_action (widget_class, "win.search", NULL,
                                   mreza_window_search_action);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s",
                                   mreza_window_show_view_action);
  gtk_widget_class_install_action (widget_class, "win.show-indicator", "s",
                                   mreza_window_show_indicator_action);
  gtk_widget_class_install_action (widget_class, "win.open-demo", NULL,
                                   mreza_window_open_demo_action);

  gtk_widget_class_install_action (widget_class, "win.sync-now", NULL,
                                   mreza_window_sync_now_action);
  gtk_widget_class_install_action (widget_class, "win.join", NULL,
                                   mreza_window_join_action);
  gtk_widget_class_install_action (widget_class, "win.show-conflicts", NULL,
                                   mreza_window_show_conflicts_action);
  gtk_widget_class_install_action (widget_class, "win.add-goal", NULL,
                                   mreza_window_add_goal_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "win.sync-now", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (view_names); i++)
    gtk_widget_class_add_binding_action (widget_class, view_keys[i], GDK_ALT_MASK,
                                         "win.show-view", "s", view_names[i]);
}
