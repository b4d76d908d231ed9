/* mreza-actions-page.c: the joint actions of the local teams
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Trainings, campaigns, meetings and joint preventive actions, newest
 * first, with when, where, which team and how many took part. A filter
 * bar narrows them by period, kind, sector and institution and sorts
 * them; the list does both in SQL (mreza_row_list_set_joint_action_filter).
 */
#define G_LOG_DOMAIN "mreza-actions-page"

#include "config.h"

#include "mreza-actions-page.h"

#include "mreza-access.h"
#include "mreza-joint-action-form.h"
#include "mreza-joint-actions.h"
#include "mreza-labels.h"
#include "mreza-list-row.h"
#include "mreza-row-list.h"
#include "mreza-ui.h"

#include <glib/gi18n.h>

/* The sector drop-down's choices after "All sectors", in its order;
 * the kinds are mreza_joint_action_kinds(). */
static const char * const sectors[] = {
  "national_coordination", "police", "prosecution", "justice",
  "social_protection", "health", "education", "employment",
  "local_government", "youth_office", "red_cross", "civil_society",
  "government_office", "foreign_affairs", "finance", "media",
  "international", "research", "other",
};

typedef struct
{
  int year;
  int quarter;
} Period;

struct _MrezaActionsPage
{
  GtkWidget      parent_instance;

  GtkStack      *stack;
  GtkListView   *list_view;
  GtkWidget     *list_scroller;
  AdwStatusPage *error_status;
  AdwStatusPage *no_match;
  GtkDropDown   *period_drop;
  GtkDropDown   *kind_drop;
  GtkDropDown   *sector_drop;
  GtkDropDown   *institution_drop;
  GtkDropDown   *sort_drop;

  /* What the period and institution drop-downs' items stand for. */
  GArray        *periods;
  GPtrArray     *institution_ids;
  guint          filling : 1;

  MrezaStore    *store;
  MrezaRowList  *actions;
  /* What this device may change: another team's rows show a lock. */
  MrezaAccess   *access;

  MrezaUiUndo    undo;   /* of the last delete */
  guint          spinner_id;
};

G_DEFINE_FINAL_TYPE (MrezaActionsPage, mreza_actions_page, GTK_TYPE_WIDGET)

static const char *
kind_icon (const char *kind)
{
  if (g_strcmp0 (kind, "training") == 0)
    return "user-info-symbolic";
  if (g_strcmp0 (kind, "campaign") == 0)
    return "mail-send-symbolic";
  if (g_strcmp0 (kind, "meeting") == 0)
    return "system-users-symbolic";
  if (g_strcmp0 (kind, "joint_preventive_action") == 0)
    return "emblem-shared-symbolic";
  return "x-office-calendar-symbolic";
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (item, mreza_list_row_new ());
  gtk_list_item_set_activatable (item, TRUE);
}

/* Why @row opens read-only on this device (a member's device and
 * another team's joint action, as the form decides), or NULL. */
static const char *
lock_note (MrezaActionsPage *self,
           MrezaRow         *row)
{
  if (self->access == NULL || *mreza_row_get_id (row) == '\0' ||
      mreza_access_can_write (self->access, "joint_action",
                              mreza_row_get_team_id (row)))
    return NULL;

  return _("Another team’s joint action: read-only");
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             MrezaActionsPage         *self)
{
  MrezaListRow *widget = MREZA_LIST_ROW (gtk_list_item_get_child (item));
  MrezaRow *row = gtk_list_item_get_item (item);
  const char *kind = mreza_row_get_tag (row);
  guint n = mreza_row_get_n_children (row);
  g_autofree char *where = mreza_format_dates_in (mreza_row_get_subtitle (row));
  g_autofree char *subtitle = NULL;

  if (n > 0)
    /* Translators: when and where a joint action was, then how many
     * people took part */
    subtitle = g_strdup_printf (ngettext ("%s · %u participant",
                                          "%s · %u participants", n),
                                where, n);
  else
    subtitle = g_steal_pointer (&where);

  mreza_list_row_set_icon (widget, kind_icon (kind));
  mreza_list_row_set_title (widget, mreza_row_get_title (row));
  mreza_list_row_set_subtitle (widget, subtitle);
  mreza_list_row_set_tag (widget, mreza_action_kind_label (kind), NULL);
  mreza_list_row_set_lock (widget, lock_note (self, row));
}

static gboolean
filters_active (MrezaActionsPage *self)
{
  return gtk_drop_down_get_selected (self->period_drop) > 0 ||
         gtk_drop_down_get_selected (self->kind_drop) > 0 ||
         gtk_drop_down_get_selected (self->sector_drop) > 0 ||
         gtk_drop_down_get_selected (self->institution_drop) > 0;
}

static guint
selected (GtkDropDown *drop)
{
  guint pos = gtk_drop_down_get_selected (drop);

  return pos == GTK_INVALID_LIST_POSITION ? 0 : pos;
}

static void
filter_changed_cb (MrezaActionsPage *self)
{
  MrezaJointActionFilter filter = { 0 };
  guint pos;

  if (self->actions == NULL || self->filling)
    return;

  if ((pos = selected (self->period_drop)) > 0 && pos <= self->periods->len)
    {
      Period *period = &g_array_index (self->periods, Period, pos - 1);

      filter.year = period->year;
      filter.quarter = period->quarter;
    }
  if ((pos = selected (self->kind_drop)) > 0)
    filter.kind = mreza_joint_action_kinds ()[pos - 1];
  if ((pos = selected (self->sector_drop)) > 0)
    filter.sector = sectors[pos - 1];
  if ((pos = selected (self->institution_drop)) > 0 &&
      pos <= self->institution_ids->len)
    filter.institution_id = g_ptr_array_index (self->institution_ids, pos - 1);
  switch (selected (self->sort_drop))
    {
    case 1:
      filter.sort = MREZA_JOINT_ACTION_SORT_OLDEST;
      break;
    case 2:
      filter.sort = MREZA_JOINT_ACTION_SORT_TITLE;
      break;
    default:
      filter.sort = MREZA_JOINT_ACTION_SORT_NEWEST;
      break;
    }

  mreza_row_list_set_joint_action_filter (self->actions, &filter);
}

static void
actions_clear_filters_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  MrezaActionsPage *self = MREZA_ACTIONS_PAGE (widget);

  self->filling = TRUE;
  gtk_drop_down_set_selected (self->period_drop, 0);
  gtk_drop_down_set_selected (self->kind_drop, 0);
  gtk_drop_down_set_selected (self->sector_drop, 0);
  gtk_drop_down_set_selected (self->institution_drop, 0);
  self->filling = FALSE;
  filter_changed_cb (self);
}

static void
actions_loaded_cb (MrezaActionsPage *self)
{
  const GError *error;

  g_assert (MREZA_IS_ACTIONS_PAGE (self));

  /* A long list's first rows come before the end of its load. */
  if (!mreza_row_list_get_loaded (self->actions) &&
      g_list_model_get_n_items (G_LIST_MODEL (self->actions)) == 0)
    return;

  g_clear_handle_id (&self->spinner_id, g_source_remove);

  error = mreza_row_list_get_error (self->actions);
  if (error != NULL)
    {
      adw_status_page_set_description (self->error_status, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
    }
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->actions)) > 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->no_match), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->list_scroller), TRUE);
      gtk_stack_set_visible_child_name (self->stack, "list");
    }
  else if (filters_active (self))
    {
      /* The bar stays, so that the filters can be changed or cleared. */
      gtk_widget_set_visible (GTK_WIDGET (self->list_scroller), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->no_match), TRUE);
      gtk_stack_set_visible_child_name (self->stack, "list");
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "empty");
}

/* The load takes long enough to say so. */
static gboolean
show_spinner_cb (gpointer user_data)
{
  MrezaActionsPage *self = user_data;

  self->spinner_id = 0;
  gtk_stack_set_visible_child_name (self->stack, "loading");
  return G_SOURCE_REMOVE;
}

static void
actions_changed_cb (MrezaActionsPage *self)
{
  /* The first rows of a long list, or a reload: the same checks. */
  actions_loaded_cb (self);
}

static void mreza_actions_page_map (GtkWidget *widget);

static gboolean
same_access (const MrezaAccess *a,
             const MrezaAccess *b)
{
  return a->joined == b->joined && a->coordinator == b->coordinator &&
         g_strcmp0 (a->team_id, b->team_id) == 0;
}

/* The device joined, or its role changed, while the list stayed
 * loaded: its rows are bound again with their locks. */
static void
update_access (MrezaActionsPage *self)
{
  g_autoptr(MrezaAccess) access = mreza_access_load (self->store);

  if (self->access != NULL && same_access (self->access, access))
    return;

  g_clear_pointer (&self->access, mreza_access_free);
  self->access = g_steal_pointer (&access);
  mreza_row_list_reload (self->actions);
}

static void
reload (MrezaActionsPage *self)
{
  if (self->actions != NULL)
    mreza_row_list_reload (self->actions);
}

static void
form_saved_cb (MrezaJointActionForm *form,
               const char           *id,
               MrezaActionsPage     *self)
{
  reload (self);
}

static void
restore_action (gpointer owner,
                gpointer data)
{
  MrezaActionsPage *self = owner;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  id = mreza_joint_action_restore (self->store, data, &error);
  if (id == NULL)
    g_warning ("Could not restore a joint action: %s", error->message);
  reload (self);
}

static void
form_deleted_cb (MrezaJointActionForm   *form,
                 const MrezaJointAction *snapshot,
                 MrezaActionsPage       *self)
{
  mreza_ui_undo_offer (&self->undo,
                       mreza_ui_find_toast_overlay (GTK_WIDGET (self)),
                       _("Joint action deleted"), _("_Undo"),
                       restore_action, self,
                       mreza_joint_action_copy (snapshot),
                       (GDestroyNotify) mreza_joint_action_free);
  reload (self);
}

/**
 * mreza_actions_page_open_form:
 * @self: the page
 * @id: (nullable): the joint action to edit, or %NULL for a new one
 *
 * Returns: (transfer none) (nullable): the presented form, or %NULL
 *   when the joint action could not be read (a toast says why)
 */
MrezaJointActionForm *
mreza_actions_page_open_form (MrezaActionsPage *self,
                              const char       *id)
{
  g_autoptr(GError) error = NULL;
  MrezaJointActionForm *form;
  GtkRoot *root;

  g_return_val_if_fail (MREZA_IS_ACTIONS_PAGE (self), NULL);
  g_return_val_if_fail (self->store != NULL, NULL);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  form = mreza_joint_action_form_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                      self->store, id, &error);
  if (form == NULL)
    {
      mreza_ui_add_toast (GTK_WIDGET (self), adw_toast_new (error->message));
      reload (self);
      return NULL;
    }

  g_signal_connect_object (form, "saved", G_CALLBACK (form_saved_cb), self, 0);
  g_signal_connect_object (form, "deleted", G_CALLBACK (form_deleted_cb),
                           self, 0);
  gtk_window_present (GTK_WINDOW (form));

  return form;
}

static void
actions_new_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  MrezaActionsPage *self = MREZA_ACTIONS_PAGE (widget);

  /* The shortcut is the window's while this page shows, no longer. */
  if (self->store == NULL || !gtk_widget_get_mapped (widget))
    return;

  mreza_actions_page_open_form (self, NULL);
}

static void
list_view_activate_cb (GtkListView      *list_view,
                       guint             position,
                       MrezaActionsPage *self)
{
  g_autoptr(MrezaRow) row = NULL;

  if (self->actions == NULL)
    return;

  row = g_list_model_get_item (G_LIST_MODEL (self->actions), position);
  if (row != NULL)
    mreza_actions_page_open_form (self, mreza_row_get_id (row));
}

static void
mreza_actions_page_dispose (GObject *object)
{
  MrezaActionsPage *self = MREZA_ACTIONS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MREZA_TYPE_ACTIONS_PAGE);
  g_clear_handle_id (&self->spinner_id, g_source_remove);
  g_clear_object (&self->actions);
  g_clear_pointer (&self->periods, g_array_unref);
  g_clear_pointer (&self->institution_ids, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_pointer (&self->access, mreza_access_free);
  mreza_ui_undo_clear (&self->undo);

  G_OBJECT_CLASS (mreza_actions_page_parent_class)->dispose (object);
}

static void
mreza_actions_page_class_init (MrezaActionsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mreza_actions_page_dispose;
  widget_class->map = mreza_actions_page_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/rs/mreza/Mreza/mreza-actions-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MrezaActionsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, MrezaActionsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, MrezaActionsPage, list_scroller);
  gtk_widget_class_bind_template_child (widget_class, MrezaActionsPage, error_status);
  gtk_widget_class_bind_template_child (widget_class, MrezaActionsPage, no_match);
  gtk_widget_class_bind_template_child (widget_class, MrezaActionsPage, period_drop);
  gtk_widget_class_bind_template_child (widget_class, MrezaActionsPage, kind_drop);
  gtk_widget_class_bind_template_child (widget_class, MrezaActionsPage, sector_drop);
  gtk_widget_class_bind_template_child (widget_class, MrezaActionsPage, institution_drop);
  gtk_widget_class_bind_template_child (widget_class, MrezaActionsPage, sort_drop);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_view_activate_cb);
  gtk_widget_class_install_action (widget_class, "actions.new", NULL,
                                   actions_new_action);
  gtk_widget_class_install_action (widget_class, "actions.clear-filters", NULL,
                                   actions_clear_filters_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

/* The years (and their quarters) from the first joint action to the
 * last, newest first. */
static void
fill_periods (MrezaActionsPage *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  int first = 0, last = -1;

  g_array_set_size (self->periods, 0);
  gtk_string_list_append (names, _("Any time"));

  if (self->store != NULL &&
      !mreza_joint_action_get_years (mreza_store_get_db (self->store),
                                     &first, &last, &error))
    {
      if (error != NULL)
        g_warning ("Cannot read the years of the joint actions: %s",
                   error->message);
      first = 0;
      last = -1;
    }

  for (int year = last; year >= first && year > 0; year--)
    for (int quarter = 0; quarter <= 4; quarter++)
      {
        Period period = { year, quarter };
        g_autofree char *name = NULL;

        if (quarter == 0)
          name = g_strdup_printf ("%d", year);
        else
          /* Translators: a quarter of a year, as in "Q1 2018" */
          name = g_strdup_printf (_("Q%d %d"), quarter, year);
        gtk_string_list_append (names, name);
        g_array_append_val (self->periods, period);
      }

  gtk_drop_down_set_model (self->period_drop, G_LIST_MODEL (names));
}

/* The institutions that took part in a joint action, by name. */
static void
fill_institutions (MrezaActionsPage *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) choices = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_set_size (self->institution_ids, 0);
  gtk_string_list_append (names, _("All institutions"));

  if (self->store != NULL)
    {
      choices = mreza_joint_action_list_institutions (mreza_store_get_db (self->store),
                                                      &error);
      if (choices == NULL)
        g_warning ("Cannot read the institutions of the joint actions: %s",
                   error->message);
    }

  for (guint i = 0; choices != NULL && i < choices->len; i++)
    {
      MrezaChoice *choice = g_ptr_array_index (choices, i);

      g_ptr_array_add (self->institution_ids, g_strdup (choice->id));
      gtk_string_list_append (names, choice->label);
    }

  gtk_drop_down_set_model (self->institution_drop, G_LIST_MODEL (names));
}

static void
mreza_actions_page_init (MrezaActionsPage *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) sector_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) sorts = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->periods = g_array_new (FALSE, FALSE, sizeof (Period));
  self->institution_ids = g_ptr_array_new_with_free_func (g_free);

  self->filling = TRUE;
  gtk_string_list_append (kinds, _("All kinds"));
  for (const char * const *kind = mreza_joint_action_kinds (); *kind; kind++)
    gtk_string_list_append (kinds, mreza_action_kind_label (*kind));
  gtk_drop_down_set_model (self->kind_drop, G_LIST_MODEL (kinds));
  gtk_string_list_append (sector_names, _("All sectors"));
  for (guint i = 0; i < G_N_ELEMENTS (sectors); i++)
    gtk_string_list_append (sector_names, mreza_sector_label (sectors[i]));
  gtk_drop_down_set_model (self->sector_drop, G_LIST_MODEL (sector_names));
  gtk_string_list_append (sorts, _("Newest first"));
  gtk_string_list_append (sorts, _("Oldest first"));
  gtk_string_list_append (sorts, _("By title"));
  gtk_drop_down_set_model (self->sort_drop, G_LIST_MODEL (sorts));
  fill_periods (self);
  fill_institutions (self);
  self->filling = FALSE;

  /* Ctrl+N works wherever the focus is in the window, not only inside
   * the page, as long as the page is shown (actions_new_action). */
  mreza_ui_add_page_shortcuts (GTK_WIDGET (self),
                               "<Control>n", "actions.new",
                               NULL);
}

/* The list is read the first time the page is shown: a replica may
 * hold a million joint actions, and a page nobody opened should not
 * cost a scan at start-up. */
static void
load_actions (MrezaActionsPage *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  g_assert (self->store != NULL);

  self->filling = TRUE;
  fill_periods (self);
  fill_institutions (self);
  gtk_drop_down_set_selected (self->period_drop, 0);
  gtk_drop_down_set_selected (self->kind_drop, 0);
  gtk_drop_down_set_selected (self->sector_drop, 0);
  gtk_drop_down_set_selected (self->institution_drop, 0);
  gtk_drop_down_set_selected (self->sort_drop, 0);
  self->filling = FALSE;

  /* Read with the list: a sync that changes the device's role or team
   * gives the page its store again (mreza_actions_page_set_store). */
  g_clear_pointer (&self->access, mreza_access_free);
  self->access = mreza_access_load (self->store);
  self->actions = mreza_row_list_new (self->store, MREZA_ROW_JOINT_ACTION,
                                      NULL);
  g_signal_connect_object (self->actions, "notify::loaded",
                           G_CALLBACK (actions_loaded_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->actions, "items-changed",
                           G_CALLBACK (actions_changed_cb), self,
                           G_CONNECT_SWAPPED);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->actions)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));

  /* The heading and filters at once, the rows below them when they
   * come: on a large replica some 20 ms later, too soon for a spinner
   * to be more than a flash, and a cross-fade would draw both pages
   * for its 200 ms. The spinner shows if the rows keep us waiting. */
  gtk_widget_set_visible (GTK_WIDGET (self->list_scroller), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->no_match), FALSE);
  gtk_stack_set_visible_child_full (self->stack, "list",
                                    GTK_STACK_TRANSITION_TYPE_NONE);
  g_clear_handle_id (&self->spinner_id, g_source_remove);
  self->spinner_id = g_timeout_add (300, show_spinner_cb, self);
  actions_loaded_cb (self);
}

static void
mreza_actions_page_map (GtkWidget *widget)
{
  MrezaActionsPage *self = MREZA_ACTIONS_PAGE (widget);

  GTK_WIDGET_CLASS (mreza_actions_page_parent_class)->map (widget);

  if (self->store != NULL && self->actions == NULL)
    load_actions (self);
  else if (self->store != NULL)
    update_access (self);
}

void
mreza_actions_page_set_store (MrezaActionsPage *self,
                              MrezaStore       *store)
{
  g_return_if_fail (MREZA_IS_ACTIONS_PAGE (self));
  g_return_if_fail (MREZA_IS_STORE (store));

  gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->actions);
  g_set_object (&self->store, store);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load_actions (self);
}

GListModel *
mreza_actions_page_get_actions (MrezaActionsPage *self)
{
  g_return_val_if_fail (MREZA_IS_ACTIONS_PAGE (self), NULL);

  return self->actions != NULL ? G_LIST_MODEL (self->actions) : NULL;
}

AdwToast *
mreza_actions_page_get_undo_toast (MrezaActionsPage *self)
{
  g_return_val_if_fail (MREZA_IS_ACTIONS_PAGE (self), NULL);

  return self->undo.toast;
}
