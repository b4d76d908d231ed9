/* mreza-teams-page.c: the local teams and the institutions in each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A list of teams beside the chosen team: its member institutions in one
 * group per sector, and its contacts with the secretary first. The team
 * loads in a worker; choosing another team cancels the load running.
 */
#define G_LOG_DOMAIN "mreza-teams-page"

#include "config.h"

#include "mreza-teams-page.h"

#include "mreza-labels.h"
#include "mreza-list-row.h"
#include "mreza-queries.h"
#include "mreza-row-list.h"
#include "mreza-ui.h"

#include <glib/gi18n.h>

struct _MrezaTeamsPage
{
  GtkWidget           parent_instance;

  AdwLeaflet         *leaflet;
  GtkListView        *list_view;
  GtkStack           *detail_stack;
  GtkScrolledWindow  *detail_scroller;
  GtkBox             *detail_box;
  AdwStatusPage      *error_status;

  MrezaStore         *store;
  MrezaRowList       *teams;
  GtkSingleSelection *selection;
  GCancellable       *cancellable;
  char               *pending_id;
};

G_DEFINE_FINAL_TYPE (MrezaTeamsPage, mreza_teams_page, GTK_TYPE_WIDGET)

static void teams_loaded_cb (MrezaTeamsPage *self);

static void
add_members (MrezaTeamsPage  *self,
             MrezaTeamDetail *detail)
{
  AdwPreferencesGroup *group = NULL;
  const char *sector = NULL;

  g_assert (MREZA_IS_TEAMS_PAGE (self));

  for (guint i = 0; i < detail->members->len; i++)
    {
      const MrezaMemberInfo *member = g_ptr_array_index (detail->members, i);
      GtkWidget *row;

      if (group == NULL || g_strcmp0 (sector, member->sector) != 0)
        {
          sector = member->sector;
          group = ADW_PREFERENCES_GROUP (mreza_ui_group_new (mreza_sector_label (sector),
                                                            NULL));
          gtk_box_append (self->detail_box, GTK_WIDGET (group));
        }

      row = mreza_ui_row_new (member->name, member->town);
      adw_preferences_group_add (group, row);
    }
}

static char *
contact_subtitle (const MrezaContactInfo *contact)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new ();

  g_assert (contact != NULL);

  if (contact->name != NULL && *contact->name != '\0')
    g_ptr_array_add (lines, contact->role);
  if (contact->institution != NULL && *contact->institution != '\0')
    g_ptr_array_add (lines, contact->institution);
  if (contact->phone != NULL && *contact->phone != '\0')
    g_ptr_array_add (lines, contact->phone);
  if (contact->email != NULL && *contact->email != '\0')
    g_ptr_array_add (lines, contact->email);
  g_ptr_array_add (lines, NULL);

  return g_strjoinv ("\n", (char **) lines->pdata);
}

static void
add_contacts (MrezaTeamsPage  *self,
              MrezaTeamDetail *detail)
{
  GtkWidget *group;

  g_assert (MREZA_IS_TEAMS_PAGE (self));

  if (detail->contacts->len == 0)
    return;

  group = mreza_ui_group_new (_("Contacts"), NULL);
  for (guint i = 0; i < detail->contacts->len; i++)
    {
      const MrezaContactInfo *contact = g_ptr_array_index (detail->contacts, i);
      const char *title = contact->name;
      g_autofree char *subtitle = contact_subtitle (contact);
      GtkWidget *row;

      if (title == NULL || *title == '\0')
        title = contact->role;

      row = mreza_ui_row_new (title, subtitle);
      if (contact->secretary)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                   mreza_ui_tag_new (_("Secretary"), "accent"));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  gtk_box_append (self->detail_box, group);
}

static void
show_team (MrezaTeamsPage  *self,
           MrezaTeamDetail *detail)
{
  g_autofree char *subtitle = NULL;

  g_assert (MREZA_IS_TEAMS_PAGE (self));

  mreza_ui_box_clear (self->detail_box);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->detail_scroller), 0);

  subtitle = g_strdup_printf (ngettext ("%s · %u member institution",
                                        "%s · %u member institutions",
                                        detail->members->len),
                              detail->town, detail->members->len);
  gtk_box_append (self->detail_box,
                  mreza_ui_heading_new (_("Local team"), detail->name, subtitle));
  add_contacts (self, detail);
  add_members (self, detail);

  gtk_stack_set_visible_child_name (self->detail_stack, "team");
}

static void
team_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(MrezaTeamsPage) self = user_data;
  g_autoptr(MrezaTeamDetail) detail = NULL;
  g_autoptr(GError) error = NULL;

  detail = mreza_detail_load_finish (MREZA_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);

  if (detail == NULL)
    {
      adw_status_page_set_description (self->error_status, error->message);
      gtk_stack_set_visible_child_name (self->detail_stack, "error");
      return;
    }

  show_team (self, detail);
}

static void
selection_changed_cb (MrezaTeamsPage *self)
{
  MrezaRow *row;

  g_assert (MREZA_IS_TEAMS_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  row = gtk_single_selection_get_selected_item (self->selection);
  if (row == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "empty");
      return;
    }

  self->cancellable = g_cancellable_new ();
  mreza_detail_load_async (self->store,
                           (MrezaDetailLoader) mreza_team_detail_load,
                           (GDestroyNotify) mreza_team_detail_free,
                           mreza_row_get_id (row),
                           self->cancellable,
                           team_loaded_cb,
                           g_object_ref (self));
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->detail_stack));
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (item, mreza_list_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  MrezaListRow *widget = MREZA_LIST_ROW (gtk_list_item_get_child (item));
  MrezaRow *row = gtk_list_item_get_item (item);
  guint n = mreza_row_get_n_children (row);
  g_autofree char *members = NULL;
  g_autofree char *subtitle = NULL;

  members = g_strdup_printf (ngettext ("%u institution", "%u institutions", n), n);
  subtitle = g_strdup_printf (_("%s · %s"), mreza_row_get_subtitle (row), members);
  mreza_list_row_set_icon (widget, "system-users-symbolic");
  mreza_list_row_set_title (widget, mreza_row_get_title (row));
  mreza_list_row_set_subtitle (widget, subtitle);
}

static void
mreza_teams_page_dispose (GObject *object)
{
  MrezaTeamsPage *self = MREZA_TEAMS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), MREZA_TYPE_TEAMS_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->teams);
  g_clear_object (&self->store);
  g_clear_pointer (&self->pending_id, g_free);

  G_OBJECT_CLASS (mreza_teams_page_parent_class)->dispose (object);
}

static void mreza_teams_page_map (GtkWidget *widget);

static void
mreza_teams_page_class_init (MrezaTeamsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mreza_teams_page_dispose;
  widget_class->map = mreza_teams_page_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/rs/mreza/Mreza/mreza-teams-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MrezaTeamsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, MrezaTeamsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, MrezaTeamsPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, MrezaTeamsPage, detail_scroller);
  gtk_widget_class_bind_template_child (widget_class, MrezaTeamsPage, detail_box);
  gtk_widget_class_bind_template_child (widget_class, MrezaTeamsPage, error_status);
  gtk_widget_class_bind_template_callback (widget_class, setup_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_row_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
mreza_teams_page_init (MrezaTeamsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* The list is read the first time the page is shown, so that a page
 * nobody opened costs nothing at start-up, however large the replica. */
static void
load_list (MrezaTeamsPage *self)
{
  g_assert (self->store != NULL);

  self->teams = mreza_row_list_new (self->store, MREZA_ROW_TEAM, NULL);
  g_signal_connect_object (self->teams, "notify::loaded",
                           G_CALLBACK (teams_loaded_cb), self,
                           G_CONNECT_SWAPPED);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->teams)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (selection_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  gtk_stack_set_visible_child_name (self->detail_stack, "empty");
}

static void
mreza_teams_page_map (GtkWidget *widget)
{
  MrezaTeamsPage *self = MREZA_TEAMS_PAGE (widget);

  GTK_WIDGET_CLASS (mreza_teams_page_parent_class)->map (widget);

  if (self->store != NULL && self->teams == NULL)
    load_list (self);
}

void
mreza_teams_page_set_store (MrezaTeamsPage *self,
                            MrezaStore     *store)
{
  g_return_if_fail (MREZA_IS_TEAMS_PAGE (self));
  g_return_if_fail (MREZA_IS_STORE (store));

  gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->teams);
  g_set_object (&self->store, store);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load_list (self);
}

AdwLeaflet *
mreza_teams_page_get_leaflet (MrezaTeamsPage *self)
{
  g_return_val_if_fail (MREZA_IS_TEAMS_PAGE (self), NULL);

  return self->leaflet;
}

static gboolean
select_now (MrezaTeamsPage *self,
            const char     *team_id)
{
  GListModel *model = G_LIST_MODEL (self->teams);
  guint n;

  g_assert (MREZA_IS_TEAMS_PAGE (self));

  if (model == NULL)
    return FALSE;

  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MrezaRow) row = g_list_model_get_item (model, i);

      if (g_str_equal (mreza_row_get_id (row), team_id))
        {
          gtk_single_selection_set_selected (self->selection, i);
          gtk_widget_activate_action (GTK_WIDGET (self->list_view),
                                      "list.scroll-to-item", "u", i);
          return TRUE;
        }
    }

  return FALSE;
}

static void
teams_loaded_cb (MrezaTeamsPage *self)
{
  g_autofree char *id = NULL;

  g_assert (MREZA_IS_TEAMS_PAGE (self));

  if (self->pending_id == NULL || self->teams == NULL ||
      !mreza_row_list_get_loaded (self->teams))
    return;

  id = g_steal_pointer (&self->pending_id);
  select_now (self, id);
}

/**
 * mreza_teams_page_select_team:
 * @self: a #MrezaTeamsPage
 * @team_id: the team to show
 *
 * Selects the team, now or as soon as the list has loaded.
 */
void
mreza_teams_page_select_team (MrezaTeamsPage *self,
                              const char     *team_id)
{
  g_return_if_fail (MREZA_IS_TEAMS_PAGE (self));
  g_return_if_fail (team_id != NULL);

  g_clear_pointer (&self->pending_id, g_free);
  if (!select_now (self, team_id) &&
      (self->teams == NULL || !mreza_row_list_get_loaded (self->teams)))
    self->pending_id = g_strdup (team_id);
}

/**
 * mreza_teams_page_show_institution:
 * @self: a #MrezaTeamsPage
 * @institution: a row of kind %MREZA_ROW_INSTITUTION, from a search
 *
 * Shows what the row says of the institution: its name, sector and town.
 */
void
mreza_teams_page_show_institution (MrezaTeamsPage *self,
                                   MrezaRow       *institution)
{
  GtkWidget *group;
  GtkWidget *row;

  g_return_if_fail (MREZA_IS_TEAMS_PAGE (self));
  g_return_if_fail (MREZA_IS_ROW (institution));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);

  mreza_ui_box_clear (self->detail_box);
  gtk_box_append (self->detail_box,
                  mreza_ui_heading_new (_("Institution"),
                                        mreza_row_get_title (institution),
                                        NULL));

  group = mreza_ui_group_new (NULL, _("Choose a team to see the institutions "
                                      "that work together in it."));
  row = mreza_ui_row_new (_("Sector"), NULL);
  mreza_ui_row_add_value (row, mreza_sector_label (mreza_row_get_tag (institution)),
                          FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  if (mreza_row_get_subtitle (institution) != NULL)
    {
      row = mreza_ui_row_new (_("Town"), NULL);
      mreza_ui_row_add_value (row, mreza_row_get_subtitle (institution), FALSE);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  gtk_box_append (self->detail_box, group);

  gtk_stack_set_visible_child_name (self->detail_stack, "team");
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->detail_stack));
}
