/* mreza-projects-page.c: the projects the teams take part in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A list of projects, newest first, beside the chosen project: its
 * period, status, budget, beneficiaries, summary and partners by role.
 * The project loads in a worker; choosing another cancels the load.
 */
#define G_LOG_DOMAIN "mreza-projects-page"

#include "config.h"

#include "mreza-projects-page.h"

#include "mreza-access.h"
#include "mreza-directory.h"
#include "mreza-labels.h"
#include "mreza-list-row.h"
#include "mreza-locale.h"
#include "mreza-queries.h"
#include "mreza-row-list.h"
#include "mreza-ui.h"

#include <glib/gi18n.h>

struct _MrezaProjectsPage
{
  GtkWidget           parent_instance;

  AdwLeaflet         *leaflet;
  GtkListView        *list_view;
  GtkStack           *detail_stack;
  GtkScrolledWindow  *detail_scroller;
  GtkBox             *detail_box;
  AdwStatusPage      *error_status;
  AdwStatusPage      *empty_status;
  GtkWidget          *new_button;

  MrezaStore         *store;
  MrezaAccess        *access;
  char               *shown_id;     /* the project shown */
  MrezaUiUndo         undo;         /* of the last delete */
  MrezaRowList       *projects;
  GtkSingleSelection *selection;
  GCancellable       *cancellable;
  char               *pending_id;
};

G_DEFINE_FINAL_TYPE (MrezaProjectsPage, mreza_projects_page, GTK_TYPE_WIDGET)

static const char *partner_roles[] = { "lead", "partner", "donor" };

static const char *
status_class (const char *status)
{
  if (g_strcmp0 (status, "ongoing") == 0)
    return "accent";
  if (g_strcmp0 (status, "planned") == 0)
    return "warning";
  return NULL;
}

static void
add_fact (GtkWidget  *group,
          const char *title,
          const char *value,
          gboolean    numeric)
{
  GtkWidget *row;

  g_assert (ADW_IS_PREFERENCES_GROUP (group));

  if (value == NULL || *value == '\0')
    return;

  row = mreza_ui_row_new (title, NULL);
  mreza_ui_row_add_value (row, value, numeric);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

static GtkWidget *
build_overview (MrezaProjectDetail *detail)
{
  GtkWidget *group = mreza_ui_group_new (_("Overview"), NULL);
  g_autofree char *period = mreza_format_period (detail->start_date,
                                                 detail->end_date);
  g_autofree char *money = NULL;

  g_assert (detail != NULL);

  if (detail->currency != NULL)
    money = mreza_locale_format_money (NULL, detail->amount_minor,
                                       detail->currency);

  add_fact (group, _("Status"), mreza_project_status_label (detail->status), FALSE);
  add_fact (group, _("Period"), period, FALSE);
  add_fact (group, _("Budget"), money, TRUE);

  if (detail->beneficiaries != NULL && *detail->beneficiaries != '\0')
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               mreza_ui_row_new (_("Beneficiaries"),
                                                 detail->beneficiaries));
  else if (detail->beneficiaries_count >= 0)
    {
      g_autofree char *count = mreza_locale_format_number (NULL,
                                                           detail->beneficiaries_count);

      add_fact (group, _("Beneficiaries"), count, TRUE);
    }

  return group;
}

static void
add_partners (MrezaProjectsPage  *self,
              MrezaProjectDetail *detail)
{
  g_assert (MREZA_IS_PROJECTS_PAGE (self));

  for (guint r = 0; r < G_N_ELEMENTS (partner_roles); r++)
    {
      GtkWidget *group = NULL;

      for (guint i = 0; i < detail->partners->len; i++)
        {
          const MrezaPartnerInfo *partner = g_ptr_array_index (detail->partners, i);

          if (g_strcmp0 (partner->role, partner_roles[r]) != 0)
            continue;

          if (group == NULL)
            {
              group = mreza_ui_group_new (mreza_partner_role_label (partner_roles[r]),
                                          NULL);
              gtk_box_append (self->detail_box, group);
            }
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                     mreza_ui_row_new (partner->name, NULL));
        }
    }
}

static const char *
why_not (MrezaProjectsPage *self)
{
  return self->access != NULL
         ? mreza_access_why_not (self->access, "project", NULL) : NULL;
}

static void
update_actions (MrezaProjectsPage *self)
{
  gboolean mapped = gtk_widget_get_mapped (GTK_WIDGET (self));
  const char *why = why_not (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "projects.new",
                                 mapped && self->store != NULL && why == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "projects.edit",
                                 mapped && self->shown_id != NULL);
  gtk_widget_set_tooltip_text (self->new_button,
                               why != NULL ? why : _("New Project (Ctrl+N)"));
}

/* Editing opens the form even where this device may not change the
 * project: the form then shows it locked and says why. */
static void
add_toolbar (MrezaProjectsPage *self)
{
  const char *why = why_not (self);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content),
                                    "document-edit-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content),
                                why == NULL ? _("_Edit Project") : _("_Show Details"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "projects.edit");
  gtk_widget_set_tooltip_text (button, _("Edit the project and its partners (Ctrl+E)"));
  gtk_box_append (GTK_BOX (bar), button);
  gtk_box_append (self->detail_box, bar);

  if (why != NULL)
    {
      GtkWidget *label = gtk_label_new (why);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (self->detail_box, label);
    }
}

static void
show_project (MrezaProjectsPage  *self,
              MrezaProjectDetail *detail)
{
  g_autofree char *period = NULL;

  g_assert (MREZA_IS_PROJECTS_PAGE (self));

  mreza_ui_box_clear (self->detail_box);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->detail_scroller), 0);

  period = mreza_format_period (detail->start_date, detail->end_date);
  gtk_box_append (self->detail_box,
                  mreza_ui_heading_new (_("Project"), detail->title, period));
  add_toolbar (self);

  if (detail->summary != NULL && *detail->summary != '\0')
    {
      g_autofree char *text = mreza_display_text (detail->summary);
      GtkWidget *summary = gtk_label_new (text);

      gtk_label_set_wrap (GTK_LABEL (summary), TRUE);
      gtk_label_set_xalign (GTK_LABEL (summary), 0);
      gtk_label_set_selectable (GTK_LABEL (summary), FALSE);
      gtk_widget_add_css_class (summary, "summary");
      gtk_box_append (self->detail_box, summary);
    }

  gtk_box_append (self->detail_box, build_overview (detail));
  add_partners (self, detail);

  g_free (self->shown_id);
  self->shown_id = g_strdup (detail->id);
  update_actions (self);
  gtk_stack_set_visible_child_name (self->detail_stack, "project");
}

static void
project_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(MrezaProjectsPage) self = user_data;
  g_autoptr(MrezaProjectDetail) detail = NULL;
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

  show_project (self, detail);
}

static void
selection_changed_cb (MrezaProjectsPage *self)
{
  MrezaRow *row;

  g_assert (MREZA_IS_PROJECTS_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  g_clear_pointer (&self->shown_id, g_free);
  update_actions (self);
  row = gtk_single_selection_get_selected_item (self->selection);
  if (row == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "empty");
      return;
    }

  self->cancellable = g_cancellable_new ();
  mreza_detail_load_async (self->store,
                           (MrezaDetailLoader) mreza_project_detail_load,
                           (GDestroyNotify) mreza_project_detail_free,
                           mreza_row_get_id (row),
                           self->cancellable,
                           project_loaded_cb,
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
  const char *status = mreza_row_get_tag (row);
  g_autofree char *subtitle = mreza_format_dates_in (mreza_row_get_subtitle (row));

  mreza_list_row_set_title (widget, mreza_row_get_title (row));
  mreza_list_row_set_subtitle (widget, subtitle);
  mreza_list_row_set_tag (widget, mreza_project_status_label (status),
                          status_class (status));
}

static void
mreza_projects_page_dispose (GObject *object)
{
  MrezaProjectsPage *self = MREZA_PROJECTS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), MREZA_TYPE_PROJECTS_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->projects);
  g_clear_object (&self->store);
  g_clear_pointer (&self->pending_id, g_free);
  g_clear_pointer (&self->shown_id, g_free);
  g_clear_pointer (&self->access, mreza_access_free);
  mreza_ui_undo_clear (&self->undo);

  G_OBJECT_CLASS (mreza_projects_page_parent_class)->dispose (object);
}

static void mreza_projects_page_map (GtkWidget *widget);

static void
mreza_projects_page_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (mreza_projects_page_parent_class)->unmap (widget);
  update_actions (MREZA_PROJECTS_PAGE (widget));
}

static void
projects_new_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  if (gtk_widget_get_mapped (widget))
    mreza_projects_page_open_form (MREZA_PROJECTS_PAGE (widget), NULL);
}

static void
projects_edit_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  MrezaProjectsPage *self = MREZA_PROJECTS_PAGE (widget);

  if (gtk_widget_get_mapped (widget) && self->shown_id != NULL)
    mreza_projects_page_open_form (self, self->shown_id);
}

static void
list_view_activate_cb (GtkListView       *list_view,
                       guint              position,
                       MrezaProjectsPage *self)
{
  g_autoptr(MrezaRow) row = NULL;

  if (self->projects == NULL)
    return;
  row = g_list_model_get_item (G_LIST_MODEL (self->projects), position);
  if (row != NULL)
    mreza_projects_page_open_form (self, mreza_row_get_id (row));
}

static void
mreza_projects_page_class_init (MrezaProjectsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mreza_projects_page_dispose;
  widget_class->map = mreza_projects_page_map;
  widget_class->unmap = mreza_projects_page_unmap;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/rs/mreza/Mreza/mreza-projects-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MrezaProjectsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, MrezaProjectsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, MrezaProjectsPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, MrezaProjectsPage, detail_scroller);
  gtk_widget_class_bind_template_child (widget_class, MrezaProjectsPage, detail_box);
  gtk_widget_class_bind_template_child (widget_class, MrezaProjectsPage, error_status);
  gtk_widget_class_bind_template_callback (widget_class, setup_row_cb);
  gtk_widget_class_bind_template_child (widget_class, MrezaProjectsPage, empty_status);
  gtk_widget_class_bind_template_child (widget_class, MrezaProjectsPage, new_button);
  gtk_widget_class_bind_template_callback (widget_class, bind_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_view_activate_cb);
  gtk_widget_class_install_action (widget_class, "projects.new", NULL,
                                   projects_new_action);
  gtk_widget_class_install_action (widget_class, "projects.edit", NULL,
                                   projects_edit_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
mreza_projects_page_init (MrezaProjectsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_actions (self);

  mreza_ui_add_page_shortcuts (GTK_WIDGET (self),
                               "<Control>n", "projects.new",
                               "<Control>e", "projects.edit",
                               NULL);
}

static gboolean
select_now (MrezaProjectsPage *self,
            const char        *project_id)
{
  g_assert (MREZA_IS_PROJECTS_PAGE (self));

  return mreza_ui_list_select_id (self->list_view, self->selection,
                                  project_id);
}

/* With no project at all, the empty page says how to add the first. */
static void
update_empty_state (MrezaProjectsPage *self)
{
  gboolean none = g_list_model_get_n_items (G_LIST_MODEL (self->projects)) == 0;

  adw_status_page_set_title (self->empty_status,
                             none ? _("No Projects Yet") : _("Choose a Project"));
  adw_status_page_set_description (self->empty_status,
                                   none
                                   ? _("Add the projects the network runs or takes part in with New Project (Ctrl+N): their period, budget, beneficiaries and partners.")
                                   : _("Choose a project to see its period, budget, beneficiaries and partners."));
}

static void
projects_loaded_cb (MrezaProjectsPage *self)
{
  g_autofree char *id = NULL;

  g_assert (MREZA_IS_PROJECTS_PAGE (self));

  if (self->projects != NULL && mreza_row_list_get_loaded (self->projects))
    update_empty_state (self);
  if (self->pending_id == NULL || self->projects == NULL ||
      !mreza_row_list_get_loaded (self->projects))
    return;

  id = g_steal_pointer (&self->pending_id);
  select_now (self, id);
}

static gboolean
projects_changed_idle_cb (gpointer user_data)
{
  projects_loaded_cb (user_data);
  return G_SOURCE_REMOVE;
}

static void
projects_changed_cb (MrezaProjectsPage *self)
{
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, projects_changed_idle_cb,
                   g_object_ref (self), g_object_unref);
}

/* The list is read the first time the page is shown, so that a page
 * nobody opened costs nothing at start-up, however large the replica. */
static void
load_list (MrezaProjectsPage *self)
{
  g_assert (self->store != NULL);

  self->projects = mreza_row_list_new (self->store, MREZA_ROW_PROJECT, NULL);
  g_signal_connect_object (self->projects, "notify::loaded",
                           G_CALLBACK (projects_loaded_cb), self,
                           G_CONNECT_SWAPPED);
  /* A reload after an edit: select the edited project again, once the
   * list view has taken in the new items. */
  g_signal_connect_object (self->projects, "items-changed",
                           G_CALLBACK (projects_changed_cb), self,
                           G_CONNECT_SWAPPED);
  self->selection =
    mreza_ui_list_selection_new (g_object_ref (G_LIST_MODEL (self->projects)));
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (selection_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  gtk_stack_set_visible_child_name (self->detail_stack, "empty");
}

static void
mreza_projects_page_map (GtkWidget *widget)
{
  MrezaProjectsPage *self = MREZA_PROJECTS_PAGE (widget);

  GTK_WIDGET_CLASS (mreza_projects_page_parent_class)->map (widget);

  if (self->store != NULL && self->projects == NULL)
    load_list (self);
  g_clear_pointer (&self->access, mreza_access_free);
  if (self->store != NULL)
    self->access = mreza_access_load (self->store);
  update_actions (self);
}

void
mreza_projects_page_set_store (MrezaProjectsPage *self,
                               MrezaStore        *store)
{
  g_return_if_fail (MREZA_IS_PROJECTS_PAGE (self));
  g_return_if_fail (MREZA_IS_STORE (store));

  gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->projects);
  g_set_object (&self->store, store);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load_list (self);
}

AdwLeaflet *
mreza_projects_page_get_leaflet (MrezaProjectsPage *self)
{
  g_return_val_if_fail (MREZA_IS_PROJECTS_PAGE (self), NULL);

  return self->leaflet;
}

/**
 * mreza_projects_page_select:
 * @self: a #MrezaProjectsPage
 * @project_id: the project to show
 *
 * Selects the project, now or as soon as the list has loaded.
 */
void
mreza_projects_page_select (MrezaProjectsPage *self,
                            const char        *project_id)
{
  g_return_if_fail (MREZA_IS_PROJECTS_PAGE (self));
  g_return_if_fail (project_id != NULL);

  g_clear_pointer (&self->pending_id, g_free);
  if (!select_now (self, project_id) &&
      (self->projects == NULL || !mreza_row_list_get_loaded (self->projects)))
    self->pending_id = g_strdup (project_id);
}

static void
reload (MrezaProjectsPage *self,
        const char        *select_id)
{
  g_free (self->pending_id);
  self->pending_id = g_strdup (select_id);
  if (self->projects != NULL)
    mreza_row_list_reload (self->projects);
}

static void
form_saved_cb (MrezaForm         *form,
               const char        *id,
               MrezaProjectsPage *self)
{
  reload (self, id);
}

static void
restore_project (gpointer owner,
                 gpointer data)
{
  MrezaProjectsPage *self = owner;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  id = mreza_project_restore (self->store, data, &error);
  if (id == NULL)
    g_warning ("Could not restore a project: %s", error->message);
  reload (self, id);
}

static void
form_deleted_cb (MrezaForm          *form,
                 const MrezaProject *snapshot,
                 MrezaProjectsPage  *self)
{
  mreza_ui_undo_offer (&self->undo,
                       mreza_ui_find_toast_overlay (GTK_WIDGET (self)),
                       _("Project deleted"), _("_Undo"),
                       restore_project, self,
                       mreza_project_copy (snapshot),
                       (GDestroyNotify) mreza_project_free);
  reload (self, NULL);
}

/**
 * mreza_projects_page_open_form:
 * @self: the page
 * @id: (nullable): the project to edit, or %NULL for a new one
 *
 * Returns: (transfer none) (nullable): the presented form, or %NULL
 *   when the project could not be read (a toast says why)
 */
MrezaProjectForm *
mreza_projects_page_open_form (MrezaProjectsPage *self,
                               const char        *id)
{
  g_autoptr(GError) error = NULL;
  MrezaProjectForm *form;
  GtkRoot *root;

  g_return_val_if_fail (MREZA_IS_PROJECTS_PAGE (self), NULL);
  g_return_val_if_fail (self->store != NULL, NULL);

  if (self->access == NULL)
    self->access = mreza_access_load (self->store);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  form = mreza_project_form_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 self->store, self->access, id, &error);
  if (form == NULL)
    {
      mreza_ui_add_toast (GTK_WIDGET (self), adw_toast_new (error->message));
      reload (self, NULL);
      return NULL;
    }

  g_signal_connect_object (form, "saved", G_CALLBACK (form_saved_cb), self, 0);
  g_signal_connect_object (form, "deleted", G_CALLBACK (form_deleted_cb),
                           self, 0);
  gtk_window_present (GTK_WINDOW (form));
  return form;
}

GListModel *
mreza_projects_page_get_projects (MrezaProjectsPage *self)
{
  g_return_val_if_fail (MREZA_IS_PROJECTS_PAGE (self), NULL);

  return G_LIST_MODEL (self->projects);
}

AdwToast *
mreza_projects_page_get_undo_toast (MrezaProjectsPage *self)
{
  g_return_val_if_fail (MREZA_IS_PROJECTS_PAGE (self), NULL);

  return self->undo.toast;
}
