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

  MrezaStore         *store;
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

  G_OBJECT_CLASS (mreza_projects_page_parent_class)->dispose (object);
}

static void mreza_projects_page_map (GtkWidget *widget);

static void
mreza_projects_page_class_init (MrezaProjectsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mreza_projects_page_dispose;
  widget_class->map = mreza_projects_page_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/rs/mreza/Mreza/mreza-projects-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MrezaProjectsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, MrezaProjectsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, MrezaProjectsPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, MrezaProjectsPage, detail_scroller);
  gtk_widget_class_bind_template_child (widget_class, MrezaProjectsPage, detail_box);
  gtk_widget_class_bind_template_child (widget_class, MrezaProjectsPage, error_status);
  gtk_widget_class_bind_template_callback (widget_class, setup_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_row_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
mreza_projects_page_init (MrezaProjectsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static gboolean
select_now (MrezaProjectsPage *self,
            const char        *project_id)
{
  GListModel *model = G_LIST_MODEL (self->projects);
  guint n;

  g_assert (MREZA_IS_PROJECTS_PAGE (self));

  if (model == NULL)
    return FALSE;

  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MrezaRow) row = g_list_model_get_item (model, i);

      if (g_str_equal (mreza_row_get_id (row), project_id))
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
projects_loaded_cb (MrezaProjectsPage *self)
{
  g_autofree char *id = NULL;

  g_assert (MREZA_IS_PROJECTS_PAGE (self));

  if (self->pending_id == NULL || self->projects == NULL ||
      !mreza_row_list_get_loaded (self->projects))
    return;

  id = g_steal_pointer (&self->pending_id);
  select_now (self, id);
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
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->projects)));
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
mreza_projects_page_map (GtkWidget *widget)
{
  MrezaProjectsPage *self = MREZA_PROJECTS_PAGE (widget);

  GTK_WIDGET_CLASS (mreza_projects_page_parent_class)->map (widget);

  if (self->store != NULL && self->projects == NULL)
    load_list (self);
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
