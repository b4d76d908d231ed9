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
#include "mreza-access.h"
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
  MrezaTeamDirectory *directory;    /* the team shown */
  MrezaAccess        *access;
  gboolean            keep_scroll;  /* a reload after an edit */
  gboolean            relisting;    /* the list reloads its counts */

  MrezaUiUndo         undo;         /* of the last delete */
};

G_DEFINE_FINAL_TYPE (MrezaTeamsPage, mreza_teams_page, GTK_TYPE_WIDGET)

static void teams_loaded_cb (MrezaTeamsPage *self);
static gboolean select_now (MrezaTeamsPage *self,
                            const char     *team_id);
static void selection_changed_cb (MrezaTeamsPage *self);
static void load_team (MrezaTeamsPage *self,
                       const char     *team_id);

static const char *
why_not (MrezaTeamsPage *self,
         const char     *table)
{
  if (self->access == NULL || self->directory == NULL)
    return NULL;
  return mreza_access_why_not (self->access, table, self->directory->id);
}

static void
update_actions (MrezaTeamsPage *self)
{
  gboolean shown = self->directory != NULL &&
                   gtk_widget_get_mapped (GTK_WIDGET (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "teams.new-contact",
                                 shown && why_not (self, "contact") == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "teams.add-institution",
                                 shown && why_not (self, "team_member") == NULL);
}

static GtkWidget *
action_button_new (const char *action,
                   const char *icon,
                   const char *label,
                   const char *tooltip,
                   const char *why)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), icon);
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  /* A button that cannot be used says why in its tooltip. */
  gtk_widget_set_tooltip_text (button, why != NULL ? why : tooltip);
  return button;
}

static void
add_toolbar (MrezaTeamsPage *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  const char *contact_why = why_not (self, "contact");
  const char *member_why = why_not (self, "team_member");
  gboolean no_members = self->directory->members->len == 0;
  GtkWidget *button;

  button = action_button_new ("teams.new-contact", "contact-new-symbolic",
                              _("Add _Contact"), _("Add a contact person (Ctrl+N)"),
                              contact_why);
  /* A team without members starts with them: that button leads. */
  if (!no_members)
    gtk_widget_add_css_class (button, "suggested-action");
  gtk_box_append (GTK_BOX (bar), button);
  button = action_button_new ("teams.add-institution", "list-add-symbolic",
                              _("Add _Institution"),
                              _("Add a member institution (Shift+Ctrl+N)"),
                              member_why);
  if (no_members)
    {
      gtk_widget_add_css_class (button, "suggested-action");
      gtk_box_prepend (GTK_BOX (bar), button);
    }
  else
    gtk_box_append (GTK_BOX (bar), button);
  gtk_box_append (self->detail_box, bar);

  if (contact_why != NULL)
    {
      GtkWidget *label = gtk_label_new (contact_why);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (self->detail_box, label);
    }
}

static GtkWidget *
editable_row_new (const char *title,
                  const char *subtitle,
                  const char *tag)
{
  GtkWidget *row = mreza_ui_row_new (title, subtitle);
  GtkWidget *icon = gtk_image_new_from_icon_name ("go-next-symbolic");

  if (tag != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               mreza_ui_tag_new (tag, "accent"));

  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Edit"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

static void
member_activated_cb (AdwActionRow   *row,
                     MrezaTeamsPage *self)
{
  const char *id = g_object_get_data (G_OBJECT (row), "institution-id");

  mreza_teams_page_open_institution_form (self, id);
}

static void
add_members (MrezaTeamsPage     *self,
             MrezaTeamDirectory *directory)
{
  AdwPreferencesGroup *group = NULL;
  const char *sector = NULL;

  g_assert (MREZA_IS_TEAMS_PAGE (self));

  if (directory->members->len == 0)
    {
      gtk_box_append (self->detail_box,
                      mreza_ui_group_new (_("Member Institutions"),
                                          _("No member institutions yet. Add the institutions that work together in this team with Add Institution (Shift+Ctrl+N).")));
      return;
    }

  for (guint i = 0; i < directory->members->len; i++)
    {
      const MrezaDirectoryMember *member = g_ptr_array_index (directory->members, i);
      GtkWidget *row;

      if (group == NULL || g_strcmp0 (sector, member->sector) != 0)
        {
          sector = member->sector;
          group = ADW_PREFERENCES_GROUP (mreza_ui_group_new (mreza_sector_label (sector),
                                                            NULL));
          gtk_box_append (self->detail_box, GTK_WIDGET (group));
        }

      row = editable_row_new (member->name, member->town, NULL);
      g_object_set_data_full (G_OBJECT (row), "institution-id",
                              g_strdup (member->institution_id), g_free);
      g_signal_connect_object (row, "activated",
                               G_CALLBACK (member_activated_cb), self, 0);
      adw_preferences_group_add (group, row);
    }
}

static char *
contact_subtitle (MrezaTeamDirectory *directory,
                  const MrezaContact *contact)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new ();
  const char *institution = NULL;

  g_assert (contact != NULL);

  if (contact->institution_id != NULL)
    institution = g_hash_table_lookup (directory->institutions,
                                       contact->institution_id);
  if (contact->name != NULL && *contact->name != '\0')
    g_ptr_array_add (lines, contact->role);
  if (institution != NULL && *institution != '\0')
    g_ptr_array_add (lines, (gpointer) institution);
  if (contact->phone != NULL && *contact->phone != '\0')
    g_ptr_array_add (lines, contact->phone);
  if (contact->email != NULL && *contact->email != '\0')
    g_ptr_array_add (lines, contact->email);
  g_ptr_array_add (lines, NULL);

  return g_strjoinv ("\n", (char **) lines->pdata);
}

static void
contact_activated_cb (AdwActionRow   *row,
                      MrezaTeamsPage *self)
{
  const char *id = g_object_get_data (G_OBJECT (row), "contact-id");

  mreza_teams_page_open_contact_form (self, id);
}

static void
add_contacts (MrezaTeamsPage     *self,
              MrezaTeamDirectory *directory)
{
  GtkWidget *group;

  g_assert (MREZA_IS_TEAMS_PAGE (self));

  if (directory->contacts->len == 0)
    {
      gtk_box_append (self->detail_box,
                      mreza_ui_group_new (_("Contacts"),
                                          _("No contact persons yet. Add them with Add Contact (Ctrl+N), and mark who is the team’s secretary.")));
      return;
    }

  group = mreza_ui_group_new (_("Contacts"), NULL);
  for (guint i = 0; i < directory->contacts->len; i++)
    {
      const MrezaContact *contact = g_ptr_array_index (directory->contacts, i);
      const char *title = contact->name;
      g_autofree char *subtitle = contact_subtitle (directory, contact);
      GtkWidget *row;

      if (title == NULL || *title == '\0')
        title = contact->role;

      row = editable_row_new (title, subtitle,
                              contact->secretary ? _("Secretary") : NULL);
      g_object_set_data_full (G_OBJECT (row), "contact-id",
                              g_strdup (contact->id), g_free);
      g_signal_connect_object (row, "activated",
                               G_CALLBACK (contact_activated_cb), self, 0);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  gtk_box_append (self->detail_box, group);
}

static void
add_empty_state (MrezaTeamsPage *self)
{
  GtkWidget *status = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status),
                                 "system-users-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status),
                             _("Start the Team’s Directory"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                   _("First add the institutions that work together in this team, then their contact persons, and mark who is the team’s secretary."));
  gtk_widget_add_css_class (status, "compact");
  gtk_box_append (self->detail_box, status);
}

static void
show_team (MrezaTeamsPage     *self,
           MrezaTeamDirectory *directory)
{
  g_autofree char *subtitle = NULL;

  g_assert (MREZA_IS_TEAMS_PAGE (self));

  g_clear_pointer (&self->directory, mreza_team_directory_free);
  self->directory = directory;
  g_clear_pointer (&self->access, mreza_access_free);
  self->access = mreza_access_load (self->store);

  mreza_ui_box_clear (self->detail_box);
  if (!self->keep_scroll)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->detail_scroller), 0);
  self->keep_scroll = FALSE;

  subtitle = g_strdup_printf (ngettext ("%s · %u member institution",
                                        "%s · %u member institutions",
                                        directory->members->len),
                              directory->town, directory->members->len);
  gtk_box_append (self->detail_box,
                  mreza_ui_heading_new (_("Local team"), directory->name, subtitle));
  add_toolbar (self);
  if (directory->members->len == 0 && directory->contacts->len == 0)
    add_empty_state (self);
  else
    {
      add_contacts (self, directory);
      add_members (self, directory);
    }

  update_actions (self);
  gtk_stack_set_visible_child_name (self->detail_stack, "team");
}

static void
team_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(MrezaTeamsPage) self = user_data;
  MrezaTeamDirectory *directory = NULL;
  g_autoptr(GError) error = NULL;

  directory = mreza_detail_load_finish (MREZA_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);

  if (directory == NULL)
    {
      g_clear_pointer (&self->directory, mreza_team_directory_free);
      update_actions (self);
      adw_status_page_set_description (self->error_status, error->message);
      gtk_stack_set_visible_child_name (self->detail_stack, "error");
      return;
    }

  show_team (self, directory);
}

static void
load_team (MrezaTeamsPage *self,
           const char     *team_id)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  self->cancellable = g_cancellable_new ();
  mreza_detail_load_async (self->store,
                           (MrezaDetailLoader) mreza_team_directory_load,
                           (GDestroyNotify) mreza_team_directory_free,
                           team_id,
                           self->cancellable,
                           team_loaded_cb,
                           g_object_ref (self));
}

/* After an edit: the same team again, where the person was. */
static void
reload_team (MrezaTeamsPage *self)
{
  g_autofree char *id = NULL;

  if (self->directory == NULL)
    return;
  id = g_strdup (self->directory->id);
  self->keep_scroll = TRUE;
  load_team (self, id);
}

/* After a change of membership: the list's counts of institutions are
 * read again, and the team selected again once they are. */
static void
relist_teams (MrezaTeamsPage *self)
{
  if (self->teams == NULL || self->directory == NULL)
    {
      reload_team (self);
      return;
    }
  g_free (self->pending_id);
  self->pending_id = g_strdup (self->directory->id);
  self->relisting = TRUE;
  mreza_row_list_reload (self->teams);
}

static gboolean
teams_changed_idle_cb (gpointer user_data)
{
  MrezaTeamsPage *self = user_data;
  g_autofree char *id = g_steal_pointer (&self->pending_id);

  if (!self->relisting)
    return G_SOURCE_REMOVE;
  self->relisting = FALSE;
  self->keep_scroll = TRUE;
  if (id == NULL || !select_now (self, id))
    selection_changed_cb (self);
  return G_SOURCE_REMOVE;
}

/* Runs once the list view has taken in the new items. */
static void
teams_changed_cb (MrezaTeamsPage *self)
{
  if (self->relisting)
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, teams_changed_idle_cb,
                     g_object_ref (self), g_object_unref);
}

static void
selection_changed_cb (MrezaTeamsPage *self)
{
  MrezaRow *row;

  g_assert (MREZA_IS_TEAMS_PAGE (self));

  /* The list is being read again for its counts: the team shown stays
   * until it is selected again (teams_changed_cb). */
  if (self->relisting)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  row = gtk_single_selection_get_selected_item (self->selection);
  if (row == NULL)
    {
      g_clear_pointer (&self->directory, mreza_team_directory_free);
      update_actions (self);
      gtk_stack_set_visible_child_name (self->detail_stack, "empty");
      return;
    }

  load_team (self, mreza_row_get_id (row));
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->detail_stack));
}

static void
offer_undo (MrezaTeamsPage  *self,
            const char      *title,
            MrezaUiUndoFunc  func,
            gpointer         data,
            GDestroyNotify   free_func)
{
  mreza_ui_undo_offer (&self->undo,
                       mreza_ui_find_toast_overlay (GTK_WIDGET (self)),
                       title, _("_Undo"), func, self, data, free_func);
}

static void
restore_contact (gpointer owner,
                 gpointer data)
{
  MrezaTeamsPage *self = owner;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = mreza_contact_restore (self->store, data, &error);

  if (id == NULL)
    g_warning ("Could not undo a change of the directory: %s", error->message);
  reload_team (self);
}

static void
restore_member (gpointer owner,
                gpointer data)
{
  MrezaTeamsPage *self = owner;
  MrezaMembership *membership = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = mreza_team_member_add (self->store,
                                               membership->team_id,
                                               membership->institution_id,
                                               &error);

  if (id == NULL)
    g_warning ("Could not undo a change of the directory: %s", error->message);
  relist_teams (self);
}

static void
form_saved_cb (MrezaForm      *form,
               const char     *id,
               MrezaTeamsPage *self)
{
  reload_team (self);
}

static void
institution_saved_cb (MrezaForm      *form,
                      const char     *id,
                      MrezaTeamsPage *self)
{
  relist_teams (self);
}

static void
contact_deleted_cb (MrezaForm          *form,
                    const MrezaContact *snapshot,
                    MrezaTeamsPage     *self)
{
  offer_undo (self, _("Contact deleted"), restore_contact,
              mreza_contact_copy (snapshot),
              (GDestroyNotify) mreza_contact_free);
  reload_team (self);
}

static void
member_removed_cb (MrezaForm             *form,
                   const MrezaMembership *membership,
                   MrezaTeamsPage        *self)
{
  MrezaMembership *copy = g_new0 (MrezaMembership, 1);
  g_autofree char *name = mreza_display_text (membership->name);
  g_autofree char *title = NULL;

  copy->team_id = g_strdup (membership->team_id);
  copy->institution_id = g_strdup (membership->institution_id);
  copy->name = g_strdup (membership->name);
  /* Translators: %s is an institution's name */
  title = g_strdup_printf (_("%s removed from the team"), name);
  offer_undo (self, title, restore_member, copy,
              (GDestroyNotify) mreza_membership_free);
  relist_teams (self);
}

static void
show_open_error (MrezaTeamsPage *self,
                 const GError   *error)
{
  mreza_ui_add_toast (GTK_WIDGET (self), adw_toast_new (error->message));
  reload_team (self);
}

static GtkWindow *
parent_window (MrezaTeamsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/**
 * mreza_teams_page_open_contact_form:
 * @self: the page, showing a team
 * @id: (nullable): the contact to edit, or %NULL for a new one
 *
 * Returns: (transfer none) (nullable): the presented form, or %NULL
 *   when the contact could not be read (a toast says why)
 */
MrezaContactForm *
mreza_teams_page_open_contact_form (MrezaTeamsPage *self,
                                    const char     *id)
{
  g_autoptr(GError) error = NULL;
  MrezaContactForm *form;

  g_return_val_if_fail (MREZA_IS_TEAMS_PAGE (self), NULL);
  g_return_val_if_fail (self->directory != NULL, NULL);

  form = mreza_contact_form_new (parent_window (self), self->store,
                                 self->access, self->directory->id,
                                 self->directory->name, id, &error);
  if (form == NULL)
    {
      show_open_error (self, error);
      return NULL;
    }

  g_signal_connect_object (form, "saved", G_CALLBACK (form_saved_cb), self, 0);
  g_signal_connect_object (form, "deleted", G_CALLBACK (contact_deleted_cb),
                           self, 0);
  gtk_window_present (GTK_WINDOW (form));
  return form;
}

/**
 * mreza_teams_page_open_institution_form:
 * @self: the page, showing a team
 * @id: (nullable): a member institution to edit, or %NULL to add one
 *
 * Returns: (transfer none) (nullable): the presented form
 */
MrezaInstitutionForm *
mreza_teams_page_open_institution_form (MrezaTeamsPage *self,
                                        const char     *id)
{
  g_autoptr(GError) error = NULL;
  MrezaInstitutionForm *form;

  g_return_val_if_fail (MREZA_IS_TEAMS_PAGE (self), NULL);
  g_return_val_if_fail (self->directory != NULL, NULL);

  form = mreza_institution_form_new (parent_window (self), self->store,
                                     self->access, self->directory->id,
                                     self->directory->name, id, &error);
  if (form == NULL)
    {
      show_open_error (self, error);
      return NULL;
    }

  g_signal_connect_object (form, "saved", G_CALLBACK (institution_saved_cb),
                           self, 0);
  g_signal_connect_object (form, "deleted", G_CALLBACK (member_removed_cb),
                           self, 0);
  gtk_window_present (GTK_WINDOW (form));
  return form;
}

static void
teams_new_contact_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  MrezaTeamsPage *self = MREZA_TEAMS_PAGE (widget);

  if (self->directory != NULL && gtk_widget_get_mapped (widget))
    mreza_teams_page_open_contact_form (self, NULL);
}

static void
teams_add_institution_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  MrezaTeamsPage *self = MREZA_TEAMS_PAGE (widget);

  if (self->directory != NULL && gtk_widget_get_mapped (widget))
    mreza_teams_page_open_institution_form (self, NULL);
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
  g_clear_pointer (&self->directory, mreza_team_directory_free);
  g_clear_pointer (&self->access, mreza_access_free);
  mreza_ui_undo_clear (&self->undo);

  G_OBJECT_CLASS (mreza_teams_page_parent_class)->dispose (object);
}

static void mreza_teams_page_map (GtkWidget *widget);

static void
mreza_teams_page_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (mreza_teams_page_parent_class)->unmap (widget);
  update_actions (MREZA_TEAMS_PAGE (widget));
}

static void
mreza_teams_page_class_init (MrezaTeamsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mreza_teams_page_dispose;
  widget_class->map = mreza_teams_page_map;
  widget_class->unmap = mreza_teams_page_unmap;

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
  gtk_widget_class_install_action (widget_class, "teams.new-contact", NULL,
                                   teams_new_contact_action);
  gtk_widget_class_install_action (widget_class, "teams.add-institution", NULL,
                                   teams_add_institution_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
mreza_teams_page_init (MrezaTeamsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_actions (self);

  mreza_ui_add_page_shortcuts (GTK_WIDGET (self),
                               "<Control>n", "teams.new-contact",
                               "<Control><Shift>n", "teams.add-institution",
                               NULL);
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
  g_signal_connect_object (self->teams, "items-changed",
                           G_CALLBACK (teams_changed_cb), self,
                           G_CONNECT_SWAPPED);
  self->selection =
    mreza_ui_list_selection_new (g_object_ref (G_LIST_MODEL (self->teams)));
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
  update_actions (self);
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
  g_assert (MREZA_IS_TEAMS_PAGE (self));

  return mreza_ui_list_select_id (self->list_view, self->selection, team_id);
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

static void show_institution_by_id (MrezaTeamsPage *self,
                                    const char     *id);

static void
shown_institution_saved_cb (MrezaForm      *form,
                            const char     *id,
                            MrezaTeamsPage *self)
{
  show_institution_by_id (self, id);
}

static void
edit_institution_clicked_cb (GtkButton      *button,
                             MrezaTeamsPage *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "institution-id");
  g_autoptr(GError) error = NULL;
  MrezaInstitutionForm *form;

  if (self->access == NULL)
    self->access = mreza_access_load (self->store);
  form = mreza_institution_form_new (parent_window (self), self->store,
                                     self->access, NULL, NULL, id, &error);
  if (form == NULL)
    {
      mreza_ui_add_toast (GTK_WIDGET (self), adw_toast_new (error->message));
      return;
    }
  g_signal_connect_object (form, "saved",
                           G_CALLBACK (shown_institution_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (form));
}

static void
show_fact (GtkWidget  *group,
           const char *title,
           const char *value)
{
  GtkWidget *row;

  if (value == NULL || *value == '\0')
    return;
  row = mreza_ui_row_new (title, NULL);
  mreza_ui_row_add_value (row, value, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

/* An institution found by a search: its name, sector and town, and
 * (where this device may change the directory) a button to edit them. */
static void
show_institution_details (MrezaTeamsPage         *self,
                          const MrezaInstitution *inst)
{
  const char *why;
  GtkWidget *group;
  GtkWidget *button;

  g_clear_pointer (&self->access, mreza_access_free);
  self->access = mreza_access_load (self->store);
  why = mreza_access_why_not (self->access, "institution", NULL);

  mreza_ui_box_clear (self->detail_box);
  gtk_box_append (self->detail_box,
                  mreza_ui_heading_new (_("Institution"), inst->name,
                                        inst->short_name));

  button = gtk_button_new_with_mnemonic (_("_Edit Institution"));
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_sensitive (button, why == NULL);
  gtk_widget_set_tooltip_text (button, why != NULL ? why
                               : _("Edit its name, sector and town"));
  g_object_set_data_full (G_OBJECT (button), "institution-id",
                          g_strdup (inst->id), g_free);
  g_signal_connect_object (button, "clicked",
                           G_CALLBACK (edit_institution_clicked_cb), self, 0);
  gtk_box_append (self->detail_box, button);

  group = mreza_ui_group_new (NULL, _("Choose a team to see the institutions "
                                      "that work together in it."));
  show_fact (group, _("Sector"), mreza_sector_label (inst->sector));
  show_fact (group, _("Town"), inst->town);
  gtk_box_append (self->detail_box, group);

  gtk_stack_set_visible_child_name (self->detail_stack, "team");
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->detail_stack));
}

static void
show_institution_by_id (MrezaTeamsPage *self,
                        const char     *id)
{
  g_autoptr(MrezaInstitution) inst = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->selection != NULL)
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_clear_pointer (&self->directory, mreza_team_directory_free);
  update_actions (self);

  inst = mreza_institution_load (mreza_store_get_db (self->store), id, &error);
  if (inst == NULL)
    {
      adw_status_page_set_description (self->error_status, error->message);
      gtk_stack_set_visible_child_name (self->detail_stack, "error");
      return;
    }
  show_institution_details (self, inst);
}

/**
 * mreza_teams_page_show_institution:
 * @self: a #MrezaTeamsPage
 * @institution: a row of kind %MREZA_ROW_INSTITUTION, from a search
 *
 * Shows the institution: its name, sector and town, with a button to
 * edit them where this device may.
 */
void
mreza_teams_page_show_institution (MrezaTeamsPage *self,
                                   MrezaRow       *institution)
{
  g_return_if_fail (MREZA_IS_TEAMS_PAGE (self));
  g_return_if_fail (MREZA_IS_ROW (institution));

  show_institution_by_id (self, mreza_row_get_id (institution));
}

const MrezaTeamDirectory *
mreza_teams_page_get_directory (MrezaTeamsPage *self)
{
  g_return_val_if_fail (MREZA_IS_TEAMS_PAGE (self), NULL);

  return self->directory;
}

/**
 * mreza_teams_page_get_loading:
 *
 * Returns: whether a team is being read
 */
gboolean
mreza_teams_page_get_loading (MrezaTeamsPage *self)
{
  g_return_val_if_fail (MREZA_IS_TEAMS_PAGE (self), FALSE);

  return self->cancellable != NULL;
}

AdwToast *
mreza_teams_page_get_undo_toast (MrezaTeamsPage *self)
{
  g_return_val_if_fail (MREZA_IS_TEAMS_PAGE (self), NULL);

  return self->undo.toast;
}
