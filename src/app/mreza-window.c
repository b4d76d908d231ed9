/* mreza-window.c: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window shows one replica in one of three states: a welcome page
 * when the replica is missing or empty, an error page when it could not
 * be opened (the file is then left exactly as it was), or the browser:
 * a sidebar of views beside the chosen view, which folds into one column
 * on narrow screens. The views with a list and a detail fold too; one
 * back button in the content header steps back through both levels.
 */
#define G_LOG_DOMAIN "mreza-window"

#include "config.h"

#include "mreza-window-private.h"

#include <glib/gi18n.h>

typedef struct
{
  const char *name;
  const char *title;
  const char *icon_name;
} View;

static const View views[] = {
  { "plan", N_("Action Plan"), "view-list-ordered-symbolic" },
  { "teams", N_("Teams and Institutions"), "system-users-symbolic" },
  { "actions", N_("Joint Actions"), "x-office-calendar-symbolic" },
  { "projects", N_("Projects"), "folder-documents-symbolic" },
  { "conflicts", N_("Conflicts"), "dialog-warning-symbolic" },
  { "report", N_("Annual Report"), "x-office-document-symbolic" },
  { "meetings", N_("Meetings"), "network-workgroup-symbolic" },
};

G_DEFINE_FINAL_TYPE (MrezaWindow, mreza_window, ADW_TYPE_APPLICATION_WINDOW)

static int
find_view (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      if (g_strcmp0 (views[i].name, name) == 0)
        return (int) i;
    }

  return -1;
}

static AdwLeaflet *
get_inner_leaflet (MrezaWindow *self)
{
  g_assert (MREZA_IS_WINDOW (self));

  if (g_strcmp0 (self->view, "plan") == 0)
    return mreza_plan_page_get_leaflet (self->plan_page);
  if (g_strcmp0 (self->view, "teams") == 0)
    return mreza_teams_page_get_leaflet (self->teams_page);
  if (g_strcmp0 (self->view, "projects") == 0)
    return mreza_projects_page_get_leaflet (self->projects_page);
  if (g_strcmp0 (self->view, "meetings") == 0)
    return mreza_meetings_page_get_leaflet (self->meetings_page);

  return NULL;
}

/* Whether the view shows its detail alone, with its list a step back. */
static gboolean
inner_is_forward (MrezaWindow *self)
{
  AdwLeaflet *inner = get_inner_leaflet (self);
  GtkWidget *visible;

  if (inner == NULL || !adw_leaflet_get_folded (inner))
    return FALSE;
  if (gtk_search_bar_get_search_mode (self->search_bar))
    return FALSE;

  visible = adw_leaflet_get_visible_child (inner);
  return visible != gtk_widget_get_first_child (GTK_WIDGET (inner)) &&
         adw_leaflet_get_adjacent_child (inner, ADW_NAVIGATION_DIRECTION_BACK) != NULL;
}

static void
update_back_button (MrezaWindow *self)
{
  gboolean outer = adw_leaflet_get_folded (self->leaflet) &&
                   adw_leaflet_get_visible_child (self->leaflet) == self->content_box;

  g_assert (MREZA_IS_WINDOW (self));

  gtk_widget_set_visible (GTK_WIDGET (self->back_button),
                          outer || inner_is_forward (self));
}

static gboolean
update_back_button_idle_cb (gpointer user_data)
{
  MrezaWindow *self = user_data;

  self->update_source = 0;
  update_back_button (self);

  return G_SOURCE_REMOVE;
}

/* A leaflet folds while it is being allocated; showing or hiding the
 * back button then would resize a header bar in the middle of layout,
 * so the change waits for the main loop. */
static void
leaflet_changed_cb (MrezaWindow *self)
{
  g_assert (MREZA_IS_WINDOW (self));

  if (self->update_source == 0)
    self->update_source = g_idle_add (update_back_button_idle_cb, self);
}

static void
back_clicked_cb (MrezaWindow *self)
{
  g_assert (MREZA_IS_WINDOW (self));

  if (inner_is_forward (self))
    adw_leaflet_navigate (get_inner_leaflet (self), ADW_NAVIGATION_DIRECTION_BACK);
  else
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static GtkWidget *
sidebar_row_new (const View *view)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *image = gtk_image_new_from_icon_name (view->icon_name);
  GtkWidget *label = gtk_label_new (_(view->title));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_accessible_update_property (GTK_ACCESSIBLE (image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "",
                                  -1);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, view->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(view->title),
                                  -1);

  return row;
}

static void
sidebar_row_selected_cb (MrezaWindow   *self,
                         GtkListBoxRow *row)
{
  g_assert (MREZA_IS_WINDOW (self));

  if (row != NULL)
    mreza_window_set_view (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

static void
sidebar_row_activated_cb (MrezaWindow   *self,
                          GtkListBoxRow *row)
{
  g_assert (MREZA_IS_WINDOW (self));

  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  adw_leaflet_set_visible_child (self->leaflet, self->content_box);
}

static void
show_current_view (MrezaWindow *self)
{
  int i = find_view (self->view);

  g_assert (MREZA_IS_WINDOW (self));

  gtk_stack_set_visible_child_name (self->content_stack, self->view);
  adw_window_title_set_title (self->page_title, i >= 0 ? _(views[i].title) : "");
  update_back_button (self);
}

static void
search_changed_cb (MrezaWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  g_assert (MREZA_IS_WINDOW (self));

  mreza_search_page_set_text (self->search_page, text);
  if (*text == '\0')
    {
      show_current_view (self);
      return;
    }

  gtk_stack_set_visible_child_name (self->content_stack, "search");
  adw_window_title_set_title (self->page_title, _("Search"));
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->content_box);
  update_back_button (self);
}

static void
search_activate_cb (MrezaWindow *self)
{
  g_assert (MREZA_IS_WINDOW (self));

  mreza_search_page_activate_first (self->search_page);
}

static void
search_mode_cb (MrezaWindow *self)
{
  g_assert (MREZA_IS_WINDOW (self));

  if (gtk_search_bar_get_search_mode (self->search_bar))
    return;

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  show_current_view (self);
}

static void
result_activated_cb (MrezaWindow *self,
                     MrezaRow    *row)
{
  const char *id = mreza_row_get_id (row);

  g_assert (MREZA_IS_WINDOW (self));

  gtk_search_bar_set_search_mode (self->search_bar, FALSE);

  switch (mreza_row_get_kind (row))
    {
    case MREZA_ROW_GOAL:
    case MREZA_ROW_ACTIVITY:
    case MREZA_ROW_TASK:
      mreza_window_set_view (self, "plan");
      mreza_plan_page_select (self->plan_page, mreza_row_get_kind (row), id);
      break;

    case MREZA_ROW_INSTITUTION:
      mreza_window_set_view (self, "teams");
      mreza_teams_page_show_institution (self->teams_page, row);
      break;

    case MREZA_ROW_TEAM:
      mreza_window_set_view (self, "teams");
      mreza_teams_page_select_team (self->teams_page, id);
      break;

    case MREZA_ROW_PROJECT:
      mreza_window_set_view (self, "projects");
      mreza_projects_page_select (self->projects_page, id);
      break;

    case MREZA_ROW_JOINT_ACTION:
      mreza_window_set_view (self, "actions");
      break;

    case MREZA_ROW_INDICATOR:
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-indicator",
                                  "s", id);
      break;

    case MREZA_ROW_PLAN:
    case MREZA_N_ROW_KINDS:
    default:
      break;
    }
}

/* A meeting's agenda item or follow-up, shown where it belongs. */
static void
show_in_plan_cb (MrezaWindow *self,
                 int          kind,
                 const char  *id)
{
  g_assert (MREZA_IS_WINDOW (self));

  mreza_window_set_view (self, "plan");
  mreza_plan_page_select (self->plan_page, (MrezaRowKind) kind, id);
}

/* "Use the other value" is an edit like any other: it syncs soon. */
static void
conflict_resolved_cb (MrezaWindow *self,
                      gboolean     edited)
{
  g_assert (MREZA_IS_WINDOW (self));

  if (self->sync_client == NULL)
    return;
  mreza_sync_client_refresh (self->sync_client);
  if (edited)
    mreza_sync_client_local_change (self->sync_client);
}

static void
watch_leaflet (MrezaWindow *self,
               AdwLeaflet  *leaflet)
{
  g_assert (MREZA_IS_WINDOW (self));

  g_signal_connect_object (leaflet, "notify::folded",
                           G_CALLBACK (leaflet_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (leaflet, "notify::visible-child",
                           G_CALLBACK (leaflet_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
save_window_state (MrezaWindow *self)
{
  int width;
  int height;

  g_assert (MREZA_IS_WINDOW (self));

  if (self->settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
}

static void
restore_window_state (MrezaWindow *self)
{
  g_autofree char *view = NULL;

  g_assert (MREZA_IS_WINDOW (self));

  if (self->settings == NULL)
    {
      mreza_window_set_view (self, "plan");
      return;
    }

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  view = g_settings_get_string (self->settings, "last-view");
  mreza_window_set_view (self, view);
}

/* The schema is missing when mreza runs from the build tree without
 * GSETTINGS_SCHEMA_DIR; the window then only forgets its state. */
static GSettings *
settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("No GSettings schema %s; window state is not kept", APP_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

static gboolean
mreza_window_close_request (GtkWindow *window)
{
  save_window_state (MREZA_WINDOW (window));

  return GTK_WINDOW_CLASS (mreza_window_parent_class)->close_request (window);
}

static void
mreza_window_dispose (GObject *object)
{
  MrezaWindow *self = MREZA_WINDOW (object);

  g_clear_handle_id (&self->update_source, g_source_remove);
  _mreza_window_sync_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), MREZA_TYPE_WINDOW);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (mreza_window_parent_class)->dispose (object);
}

static void
mreza_window_finalize (GObject *object)
{
  MrezaWindow *self = MREZA_WINDOW (object);

  g_free (self->replica_path);
  g_free (self->view);

  G_OBJECT_CLASS (mreza_window_parent_class)->finalize (object);
}

static void
mreza_window_class_init (MrezaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = mreza_window_dispose;
  object_class->finalize = mreza_window_finalize;
  window_class->close_request = mreza_window_close_request;

  g_type_ensure (MREZA_TYPE_ACTIONS_PAGE);
  g_type_ensure (MREZA_TYPE_CONFLICTS_PAGE);
  g_type_ensure (MREZA_TYPE_MEETINGS_PAGE);
  g_type_ensure (MREZA_TYPE_SYNC_STATUS);
  g_type_ensure (MREZA_TYPE_PLAN_PAGE);
  g_type_ensure (MREZA_TYPE_PROJECTS_PAGE);
  g_type_ensure (MREZA_TYPE_REPORT_PAGE);
  g_type_ensure (MREZA_TYPE_SEARCH_PAGE);
  g_type_ensure (MREZA_TYPE_TEAMS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/rs/mreza/Mreza/mreza-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MrezaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MrezaWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, MrezaWindow, welcome_sync_status);
  gtk_widget_class_bind_template_child (widget_class, MrezaWindow, sync_status);
  gtk_widget_class_bind_template_child (widget_class, MrezaWindow, conflicts_page);
  gtk_widget_class_bind_template_child (widget_class, MrezaWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, MrezaWindow, welcome_spinner);
  gtk_widget_class_bind_template_child (widget_class, MrezaWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, MrezaWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, MrezaWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, MrezaWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, MrezaWindow, page_title);
  gtk_widget_class_bind_template_child (widget_class, MrezaWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, MrezaWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MrezaWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, MrezaWindow, plan_page);
  gtk_widget_class_bind_template_child (widget_class, MrezaWindow, teams_page);
  gtk_widget_class_bind_template_child (widget_class, MrezaWindow, actions_page);
  gtk_widget_class_bind_template_child (widget_class, MrezaWindow, projects_page);
  gtk_widget_class_bind_template_child (widget_class, MrezaWindow, report_page);
  gtk_widget_class_bind_template_child (widget_class, MrezaWindow, meetings_page);
  gtk_widget_class_bind_template_child (widget_class, MrezaWindow, search_page);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_mode_cb);
  gtk_widget_class_bind_template_callback (widget_class, result_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, conflict_resolved_cb);
  gtk_widget_class_bind_template_callback (widget_class, _mreza_window_undo_refused);
  gtk_widget_class_bind_template_callback (widget_class, show_in_plan_cb);

  _mreza_window_class_actions_init (klass);
}

static void
mreza_window_init (MrezaWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    gtk_list_box_append (self->sidebar, sidebar_row_new (&views[i]));

  watch_leaflet (self, self->leaflet);
  watch_leaflet (self, mreza_plan_page_get_leaflet (self->plan_page));
  watch_leaflet (self, mreza_teams_page_get_leaflet (self->teams_page));
  watch_leaflet (self, mreza_projects_page_get_leaflet (self->projects_page));
  watch_leaflet (self, mreza_meetings_page_get_leaflet (self->meetings_page));
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));

  self->settings = settings_new ();
  restore_window_state (self);
  _mreza_window_actions_update (self);
}

/**
 * mreza_window_new:
 * @application: the application
 * @store: (nullable): the replica to show, or %NULL to show none yet
 *
 * Returns: (transfer full): a new window
 */
MrezaWindow *
mreza_window_new (GtkApplication *application,
                  MrezaStore     *store)
{
  MrezaWindow *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (store == NULL || MREZA_IS_STORE (store), NULL);

  self = g_object_new (MREZA_TYPE_WINDOW,
                       "application", application,
                       NULL);
  if (store != NULL)
    mreza_window_set_store (self, store);

  return self;
}

static void
show_welcome (MrezaWindow *self)
{
  g_assert (MREZA_IS_WINDOW (self));

  gtk_search_bar_set_key_capture_widget (self->search_bar, NULL);
  gtk_stack_set_visible_child_name (self->main_stack, "welcome");
  _mreza_window_sync_setup (self);
  _mreza_window_actions_update (self);
}

static void
show_error (MrezaWindow  *self,
            const GError *error)
{
  g_autofree char *description = NULL;

  g_assert (MREZA_IS_WINDOW (self));

  /* Translators: the error, then the file it is about */
  description = g_strdup_printf (_("%s\n\nThe file was left as it was: %s"),
                                 error->message, self->replica_path);
  adw_status_page_set_description (self->error_page, description);
  gtk_search_bar_set_key_capture_widget (self->search_bar, NULL);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
  _mreza_window_actions_update (self);
}

/**
 * mreza_window_open_replica:
 * @self: a #MrezaWindow
 * @path: the replica's file
 *
 * Opens the replica at @path and shows it; a missing file shows the
 * welcome page (and is only created when the person asks for the demo
 * data), a file that cannot be opened shows why.
 */
void
mreza_window_open_replica (MrezaWindow *self,
                           const char  *path)
{
  g_autoptr(MrezaStore) store = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (MREZA_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  g_free (self->replica_path);
  self->replica_path = g_strdup (path);
  g_clear_object (&self->store);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      show_welcome (self);
      return;
    }

  store = mreza_store_open (path, MREZA_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      show_error (self, error);
      return;
    }

  mreza_window_set_store (self, store);
}

/**
 * mreza_window_set_store:
 * @self: a #MrezaWindow
 * @store: an open replica
 *
 * Shows @store: its views, or the welcome page when it holds nothing.
 */
void
mreza_window_set_store (MrezaWindow *self,
                        MrezaStore  *store)
{
  g_return_if_fail (MREZA_IS_WINDOW (self));
  g_return_if_fail (MREZA_IS_STORE (store));

  g_set_object (&self->store, store);
  if (self->replica_path == NULL ||
      g_strcmp0 (self->replica_path, mreza_store_get_path (store)) != 0)
    {
      g_free (self->replica_path);
      self->replica_path = g_strdup (mreza_store_get_path (store));
    }

  if (mreza_store_is_empty (store))
    {
      show_welcome (self);
      return;
    }

  mreza_plan_page_set_store (self->plan_page, store);
  mreza_teams_page_set_store (self->teams_page, store);
  mreza_actions_page_set_store (self->actions_page, store);
  mreza_projects_page_set_store (self->projects_page, store);
  mreza_report_page_set_store (self->report_page, store);
  mreza_meetings_page_set_store (self->meetings_page, store);
  mreza_search_page_set_store (self->search_page, store);
  mreza_conflicts_page_set_store (self->conflicts_page, store);

  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  gtk_stack_set_visible_child_name (self->main_stack, "browse");
  _mreza_window_sync_setup (self);
  _mreza_window_actions_update (self);
}

/**
 * mreza_window_get_store:
 * @self: a #MrezaWindow
 *
 * Returns: (transfer none) (nullable): the replica shown
 */
MrezaStore *
mreza_window_get_store (MrezaWindow *self)
{
  g_return_val_if_fail (MREZA_IS_WINDOW (self), NULL);

  return self->store;
}

const char *
mreza_window_get_view (MrezaWindow *self)
{
  g_return_val_if_fail (MREZA_IS_WINDOW (self), NULL);

  return self->view;
}

/**
 * mreza_window_set_view:
 * @self: a #MrezaWindow
 * @view: "plan", "teams", "actions", "projects", "conflicts", "report"
 *   or "meetings"
 *
 * Shows a view and remembers it for the next start.
 */
void
mreza_window_set_view (MrezaWindow *self,
                       const char  *view)
{
  GtkListBoxRow *row;
  int i;

  g_return_if_fail (MREZA_IS_WINDOW (self));

  i = find_view (view);
  if (i < 0)
    i = 0;

  if (g_strcmp0 (self->view, views[i].name) != 0)
    {
      g_free (self->view);
      self->view = g_strdup (views[i].name);
      /* Conflicts are a passing matter: the next start opens a view of
       * the data instead. */
      if (self->settings != NULL && !g_str_equal (self->view, "conflicts"))
        g_settings_set_string (self->settings, "last-view", self->view);
    }

  row = gtk_list_box_get_row_at_index (self->sidebar, i);
  if (row != NULL && gtk_list_box_get_selected_row (self->sidebar) != row)
    gtk_list_box_select_row (self->sidebar, row);

  if (!gtk_search_bar_get_search_mode (self->search_bar))
    show_current_view (self);
}
