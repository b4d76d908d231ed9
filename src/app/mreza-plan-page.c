/* mreza-plan-page.c: the action plan as a tree beside the chosen activity
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tree is a GtkTreeListModel over a MrezaRowList of goals; a goal's
 * activities and an activity's tasks are MrezaRowLists made only when a
 * row is expanded, and they load in a worker. The detail of the chosen
 * activity loads in a worker too; choosing another row cancels the load
 * still running, so a slow answer never replaces a newer one.
 */
#define G_LOG_DOMAIN "mreza-plan-page"

#include "config.h"

#include "mreza-plan-page.h"

#include "mreza-access.h"
#include "mreza-labels.h"
#include "mreza-plan-budget-form.h"
#include "mreza-plan-edit.h"
#include "mreza-plan-indicator-form.h"
#include "mreza-plan-part-form.h"
#include "mreza-plan-risk-form.h"
#include "mreza-plan-row.h"
#include "mreza-plan-task-form.h"
#include "mreza-queries.h"
#include "mreza-row-list.h"
#include "mreza-task-form.h"
#include "mreza-ui.h"

#include <glib/gi18n.h>

/* Show the spinner only for loads that take long enough to notice. */
#define LOADING_DELAY_MS 200

struct _MrezaPlanPage
{
  GtkWidget           parent_instance;

  AdwLeaflet         *leaflet;
  GtkListView        *list_view;
  GtkStack           *list_stack;
  AdwStatusPage      *list_error;
  GtkStack           *detail_stack;
  AdwStatusPage      *goal_status;
  GtkWidget          *edit_goal_button;
  GtkWidget          *add_activity_button;
  AdwStatusPage      *error_status;
  MrezaActivityView  *activity_view;

  MrezaStore         *store;
  MrezaRowList       *goals;
  GtkTreeListModel   *tree;
  GtkSingleSelection *selection;

  GCancellable       *cancellable;
  guint               loading_source;

  /* A row asked for by mreza_plan_page_select(): the ids from its goal
   * down to it, found one level at a time as the levels load. */
  GStrv               pending;
  guint               pending_depth;
  GtkTreeListRow     *pending_parent;
  GListModel         *pending_model;
  gulong              pending_handler;

  /* A task list reloading after a save, and the task to select again
   * once it has: the reload replaces the tree's rows. */
  GListModel         *reloading;
  gulong              reloading_handler;
  MrezaRowKind        reselect_kind;
  char               *reselect_id;

  MrezaUiUndo         undo;   /* of the last part of the plan deleted */
  char               *goal_id; /* the goal shown, for its buttons */
};

G_DEFINE_FINAL_TYPE (MrezaPlanPage, mreza_plan_page, GTK_TYPE_WIDGET)

typedef struct
{
  MrezaPlanPage *self;
  int            task_number;
} LoadData;

static void continue_pending (MrezaPlanPage *self);

static void
load_data_free (LoadData *data)
{
  g_object_unref (data->self);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadData, load_data_free)

static void
clear_pending (MrezaPlanPage *self)
{
  g_assert (MREZA_IS_PLAN_PAGE (self));

  if (self->pending_handler != 0)
    g_clear_signal_handler (&self->pending_handler, self->pending_model);
  g_clear_object (&self->pending_model);
  g_clear_object (&self->pending_parent);
  g_clear_pointer (&self->pending, g_strfreev);
  self->pending_depth = 0;
}

static void
stop_loading (MrezaPlanPage *self)
{
  g_assert (MREZA_IS_PLAN_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->loading_source, g_source_remove);
}

static gboolean
show_loading_cb (gpointer user_data)
{
  MrezaPlanPage *self = user_data;

  self->loading_source = 0;
  gtk_stack_set_visible_child_name (self->detail_stack, "loading");

  return G_SOURCE_REMOVE;
}

/* Read each time an activity shows: the device may have joined since
 * the page was built. */
static void
plan_access_update (MrezaPlanPage *self)
{
  g_autoptr(MrezaAccess) access = mreza_access_load (self->store);

  mreza_activity_view_set_plan_why_not (self->activity_view,
                                        access != NULL
                                        ? mreza_access_why_not (access, "task",
                                                                NULL)
                                        : NULL);
}

static void
activity_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(LoadData) data = user_data;
  g_autoptr(GError) error = NULL;
  MrezaPlanPage *self = data->self;
  MrezaActivityDetail *detail;

  detail = mreza_detail_load_finish (MREZA_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->loading_source, g_source_remove);

  if (detail == NULL)
    {
      adw_status_page_set_description (self->error_status, error->message);
      gtk_stack_set_visible_child_name (self->detail_stack, "error");
      return;
    }

  plan_access_update (self);
  mreza_activity_view_set_detail (self->activity_view, detail,
                                  data->task_number);
  gtk_stack_set_visible_child_name (self->detail_stack, "activity");
}

static void
load_activity (MrezaPlanPage *self,
               const char    *activity_id,
               int            task_number)
{
  LoadData *data;

  g_assert (MREZA_IS_PLAN_PAGE (self));
  g_assert (activity_id != NULL);

  stop_loading (self);
  self->cancellable = g_cancellable_new ();
  self->loading_source = g_timeout_add (LOADING_DELAY_MS, show_loading_cb, self);

  data = g_new0 (LoadData, 1);
  data->self = g_object_ref (self);
  data->task_number = task_number;

  mreza_detail_load_async (self->store,
                           (MrezaDetailLoader) mreza_activity_detail_load,
                           (GDestroyNotify) mreza_activity_detail_free,
                           activity_id,
                           self->cancellable,
                           activity_loaded_cb,
                           data);
}

/* A goal's page offers to edit it and to add an activity to it; on a
 * member's device, insensitive, with the reason. */
static void
goal_buttons_update (MrezaPlanPage *self)
{
  g_autoptr(MrezaAccess) access = mreza_access_load (self->store);
  const char *why = access != NULL ? mreza_access_why_not (access, "goal", NULL)
                                   : NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.edit-goal",
                                 why == NULL && self->goal_id != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.add-activity",
                                 why == NULL && self->goal_id != NULL);
  gtk_widget_set_tooltip_text (self->edit_goal_button,
                               why != NULL ? why
                               : _("Edit the goal’s number and title"));
  gtk_widget_set_tooltip_text (self->add_activity_button,
                               why != NULL ? why
                               : _("Add an activity to this goal"));
}

static void
show_goal (MrezaPlanPage *self,
           MrezaRow      *goal)
{
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  g_autofree char *goal_title = mreza_display_text (mreza_row_get_title (goal));
  guint n = mreza_row_get_n_children (goal);

  g_assert (MREZA_IS_PLAN_PAGE (self));

  stop_loading (self);

  /* Translators: the title of a goal's page, "Cilj 1" */
  title = g_strdup_printf (_("Goal %d"), mreza_row_get_number (goal));
  if (n == 0)
    description = g_strdup_printf (_("%s\n\nThis goal has no activities "
                                     "yet."), goal_title);
  else
    description = g_strdup_printf (ngettext ("%s\n\nThis goal has %u activity. "
                                             "Expand it to choose one.",
                                             "%s\n\nThis goal has %u activities. "
                                             "Expand it to choose one.", n),
                                   goal_title, n);
  adw_status_page_set_title (self->goal_status, title);
  adw_status_page_set_description (self->goal_status, description);
  g_free (self->goal_id);
  self->goal_id = g_strdup (mreza_row_get_id (goal));
  goal_buttons_update (self);
  gtk_stack_set_visible_child_name (self->detail_stack, "goal");
}

static void
selection_changed_cb (MrezaPlanPage *self)
{
  g_autoptr(MrezaRow) row = NULL;
  GtkTreeListRow *list_row;

  g_assert (MREZA_IS_PLAN_PAGE (self));

  list_row = gtk_single_selection_get_selected_item (self->selection);
  /* The task's row goes for a moment while its list reloads. */
  if (list_row == NULL && self->reselect_id != NULL)
    return;
  if (list_row == NULL)
    {
      stop_loading (self);
      gtk_stack_set_visible_child_name (self->detail_stack, "empty");
      return;
    }

  row = gtk_tree_list_row_get_item (list_row);
  switch (mreza_row_get_kind (row))
    {
    case MREZA_ROW_GOAL:
      show_goal (self, row);
      break;

    case MREZA_ROW_ACTIVITY:
      load_activity (self, mreza_row_get_id (row), 0);
      break;

    case MREZA_ROW_TASK:
      {
        g_autoptr(GtkTreeListRow) parent = gtk_tree_list_row_get_parent (list_row);
        g_autoptr(MrezaRow) activity = gtk_tree_list_row_get_item (parent);

        load_activity (self, mreza_row_get_id (activity),
                       mreza_row_get_number (row));
      }
      break;

    case MREZA_ROW_PLAN:
    case MREZA_ROW_INSTITUTION:
    case MREZA_ROW_TEAM:
    case MREZA_ROW_PROJECT:
    case MREZA_ROW_JOINT_ACTION:
    case MREZA_ROW_INDICATOR:
    case MREZA_N_ROW_KINDS:
    default:
      g_warn_if_reached ();
      return;
    }

  adw_leaflet_set_visible_child (self->leaflet,
                                 GTK_WIDGET (self->detail_stack));
}

static GListModel *
create_child_model_cb (gpointer item,
                       gpointer user_data)
{
  MrezaPlanPage *self = user_data;
  MrezaRow *row = item;
  MrezaRowKind kind;

  switch (mreza_row_get_kind (row))
    {
    case MREZA_ROW_GOAL:
      kind = MREZA_ROW_ACTIVITY;
      break;

    case MREZA_ROW_ACTIVITY:
      kind = MREZA_ROW_TASK;
      break;

    case MREZA_ROW_PLAN:
    case MREZA_ROW_TASK:
    case MREZA_ROW_INSTITUTION:
    case MREZA_ROW_TEAM:
    case MREZA_ROW_PROJECT:
    case MREZA_ROW_JOINT_ACTION:
    case MREZA_ROW_INDICATOR:
    case MREZA_N_ROW_KINDS:
    default:
      return NULL;
    }

  if (mreza_row_get_n_children (row) == 0)
    return NULL;

  return G_LIST_MODEL (mreza_row_list_new (self->store, kind,
                                           mreza_row_get_id (row)));
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (item, mreza_plan_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  mreza_plan_row_set_list_row (MREZA_PLAN_ROW (gtk_list_item_get_child (item)),
                               gtk_list_item_get_item (item));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  mreza_plan_row_set_list_row (MREZA_PLAN_ROW (gtk_list_item_get_child (item)),
                               NULL);
}

/* Enter or a double click on a goal or an activity opens or closes it. */
static void
list_activate_cb (MrezaPlanPage *self,
                  guint          position)
{
  g_autoptr(GtkTreeListRow) list_row = NULL;

  g_assert (MREZA_IS_PLAN_PAGE (self));

  list_row = g_list_model_get_item (G_LIST_MODEL (self->tree), position);
  if (list_row != NULL && gtk_tree_list_row_is_expandable (list_row))
    gtk_tree_list_row_set_expanded (list_row,
                                    !gtk_tree_list_row_get_expanded (list_row));
}

static void
goals_loaded_cb (MrezaPlanPage *self)
{
  const GError *error;

  g_assert (MREZA_IS_PLAN_PAGE (self));

  if (!mreza_row_list_get_loaded (self->goals))
    return;

  error = mreza_row_list_get_error (self->goals);
  if (error != NULL)
    {
      adw_status_page_set_description (self->list_error, error->message);
      gtk_stack_set_visible_child_name (self->list_stack, "error");
      return;
    }

  if (g_list_model_get_n_items (G_LIST_MODEL (self->goals)) == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "tree");
}

static void
clear_reloading (MrezaPlanPage *self)
{
  g_assert (MREZA_IS_PLAN_PAGE (self));

  if (self->reloading_handler != 0)
    g_clear_signal_handler (&self->reloading_handler, self->reloading);
  g_clear_object (&self->reloading);
  g_clear_pointer (&self->reselect_id, g_free);
}

static void
reloaded_cb (MrezaPlanPage *self)
{
  g_autofree char *id = g_steal_pointer (&self->reselect_id);

  g_assert (MREZA_IS_PLAN_PAGE (self));

  clear_reloading (self);
  if (id != NULL)
    mreza_plan_page_select (self, self->reselect_kind, id);
}

/* After a task's progress was saved: the activity shown and the tree's
 * rows of its tasks (their subtitles show the status) read it again. */
static void
refresh_activity (MrezaPlanPage *self,
                  const char    *gone_id)
{
  const MrezaActivityDetail *detail;
  GtkTreeListRow *selected;
  g_autoptr(GtkTreeListRow) activity = NULL;
  g_autoptr(MrezaRow) row = NULL;
  GListModel *tasks;

  g_assert (MREZA_IS_PLAN_PAGE (self));

  detail = mreza_activity_view_get_detail (self->activity_view);
  selected = gtk_single_selection_get_selected_item (self->selection);
  if (detail == NULL || selected == NULL)
    return;

  row = gtk_tree_list_row_get_item (selected);
  if (mreza_row_get_kind (row) == MREZA_ROW_TASK)
    activity = gtk_tree_list_row_get_parent (selected);
  else
    activity = g_object_ref (selected);

  /* A task just deleted is neither pointed out nor selected again. */
  load_activity (self, detail->id,
                 mreza_row_get_kind (row) == MREZA_ROW_TASK &&
                 gone_id == NULL ? mreza_row_get_number (row) : 0);

  tasks = activity != NULL ? gtk_tree_list_row_get_children (activity) : NULL;
  if (!MREZA_IS_ROW_LIST (tasks))
    return;

  clear_reloading (self);
  if (mreza_row_get_kind (row) == MREZA_ROW_TASK &&
      g_strcmp0 (mreza_row_get_id (row), gone_id) != 0)
    {
      self->reselect_kind = MREZA_ROW_TASK;
      self->reselect_id = g_strdup (mreza_row_get_id (row));
    }
  self->reloading = g_object_ref (tasks);
  self->reloading_handler =
    g_signal_connect_swapped (tasks, "items-changed",
                              G_CALLBACK (reloaded_cb), self);
  mreza_row_list_reload (MREZA_ROW_LIST (tasks));
}

static void
task_saved_cb (MrezaForm     *form,
               const char    *id,
               MrezaPlanPage *self)
{
  refresh_activity (self, NULL);
}

static void
restore_task (gpointer owner,
              gpointer data)
{
  MrezaPlanPage *self = owner;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = mreza_plan_task_restore (self->store, data, &error);

  if (id == NULL)
    mreza_ui_add_toast (GTK_WIDGET (self), adw_toast_new (error->message));
  refresh_activity (self, NULL);
}

static void
plan_task_deleted_cb (MrezaForm           *form,
                      const MrezaPlanTask *snapshot,
                      MrezaPlanPage       *self)
{
  mreza_ui_undo_offer (&self->undo,
                       mreza_ui_find_toast_overlay (GTK_WIDGET (self)),
                       _("Task deleted"), _("_Undo"), restore_task, self,
                       mreza_plan_task_copy (snapshot),
                       (GDestroyNotify) mreza_plan_task_free);
  refresh_activity (self, snapshot->id);
}

/* Shows a form of the plan, or the @error that kept it from opening; a
 * save calls @saved_cb, a delete @deleted_cb, which offers Undo. */
static gpointer
present_form (MrezaPlanPage *self,
              gpointer       form,
              const GError  *error,
              GCallback      saved_cb,
              GCallback      deleted_cb)
{
  g_assert (MREZA_IS_PLAN_PAGE (self));

  if (form == NULL)
    {
      mreza_ui_add_toast (GTK_WIDGET (self), adw_toast_new (error->message));
      return NULL;
    }

  g_signal_connect_object (form, "saved", saved_cb, self, 0);
  g_signal_connect_object (form, "deleted", deleted_cb, self, 0);
  gtk_window_present (GTK_WINDOW (form));
  return form;
}

/* The forms that edit a task, an indicator, a risk or a budget line of
 * the plan take the same arguments. */
typedef gpointer (*PlanFormNew) (GtkWindow          *parent,
                                 MrezaStore         *store,
                                 const MrezaAccess  *access,
                                 const char         *activity_id,
                                 const char         *id,
                                 GError            **error);

/* Opens one of them on the row @id (or a new row of the activity
 * shown), with this device's access; a save refreshes the activity,
 * a delete offers Undo through @deleted_cb. */
static gpointer
open_plan_form (MrezaPlanPage *self,
                PlanFormNew    form_new,
                const char    *id,
                GCallback      deleted_cb)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrezaAccess) access = NULL;
  const MrezaActivityDetail *detail;
  gpointer form;
  GtkRoot *root;

  detail = mreza_activity_view_get_detail (self->activity_view);
  g_return_val_if_fail (id != NULL || detail != NULL, NULL);

  access = mreza_access_load (self->store);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  form = form_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                   self->store, access, detail != NULL ? detail->id : NULL,
                   id, &error);
  return present_form (self, form, error, G_CALLBACK (task_saved_cb),
                       deleted_cb);
}

/**
 * mreza_plan_page_edit_plan_task:
 * @self: a #MrezaPlanPage
 * @id: (nullable): the task's id, or %NULL for a new task of the
 *   activity shown
 *
 * Opens the form that edits a task of the plan itself: its number,
 * title and deadline.
 *
 * Returns: (transfer none) (nullable): the form, presented
 */
MrezaPlanTaskForm *
mreza_plan_page_edit_plan_task (MrezaPlanPage *self,
                                const char    *id)
{
  g_return_val_if_fail (MREZA_IS_PLAN_PAGE (self), NULL);

  return open_plan_form (self, (PlanFormNew) mreza_plan_task_form_new, id,
                         G_CALLBACK (plan_task_deleted_cb));
}

static void
restore_indicator (gpointer owner,
                   gpointer data)
{
  MrezaPlanPage *self = owner;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = mreza_plan_indicator_restore (self->store, data,
                                                      &error);

  if (id == NULL)
    mreza_ui_add_toast (GTK_WIDGET (self), adw_toast_new (error->message));
  refresh_activity (self, NULL);
}

static void
plan_indicator_deleted_cb (MrezaForm                *form,
                           const MrezaPlanIndicator *snapshot,
                           MrezaPlanPage            *self)
{
  mreza_ui_undo_offer (&self->undo,
                       mreza_ui_find_toast_overlay (GTK_WIDGET (self)),
                       _("Indicator deleted"), _("_Undo"), restore_indicator,
                       self, mreza_plan_indicator_copy (snapshot),
                       (GDestroyNotify) mreza_plan_indicator_free);
  refresh_activity (self, NULL);
}

/**
 * mreza_plan_page_edit_plan_indicator:
 * @self: a #MrezaPlanPage
 * @id: (nullable): the indicator's id, or %NULL for a new indicator of
 *   the activity shown
 *
 * Opens the form that edits an indicator of the plan itself.
 *
 * Returns: (transfer none) (nullable): the form, presented
 */
MrezaPlanIndicatorForm *
mreza_plan_page_edit_plan_indicator (MrezaPlanPage *self,
                                     const char    *id)
{
  g_return_val_if_fail (MREZA_IS_PLAN_PAGE (self), NULL);

  return open_plan_form (self, (PlanFormNew) mreza_plan_indicator_form_new, id,
                         G_CALLBACK (plan_indicator_deleted_cb));
}

static void
edit_plan_indicator_cb (MrezaActivityView *view,
                        const char        *id,
                        MrezaPlanPage     *self)
{
  mreza_plan_page_edit_plan_indicator (self, id);
}

static void
restore_risk (gpointer owner,
              gpointer data)
{
  MrezaPlanPage *self = owner;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = mreza_plan_risk_restore (self->store, data, &error);

  if (id == NULL)
    mreza_ui_add_toast (GTK_WIDGET (self), adw_toast_new (error->message));
  refresh_activity (self, NULL);
}

static void
plan_risk_deleted_cb (MrezaForm           *form,
                      const MrezaPlanRisk *snapshot,
                      MrezaPlanPage       *self)
{
  mreza_ui_undo_offer (&self->undo,
                       mreza_ui_find_toast_overlay (GTK_WIDGET (self)),
                       _("Risk deleted"), _("_Undo"), restore_risk, self,
                       mreza_plan_risk_copy (snapshot),
                       (GDestroyNotify) mreza_plan_risk_free);
  refresh_activity (self, NULL);
}

/**
 * mreza_plan_page_edit_plan_risk:
 * @self: a #MrezaPlanPage
 * @id: (nullable): the risk's id, or %NULL for a new risk of the
 *   activity shown
 *
 * Returns: (transfer none) (nullable): the form, presented
 */
MrezaPlanRiskForm *
mreza_plan_page_edit_plan_risk (MrezaPlanPage *self,
                                const char    *id)
{
  g_return_val_if_fail (MREZA_IS_PLAN_PAGE (self), NULL);

  return open_plan_form (self, (PlanFormNew) mreza_plan_risk_form_new, id,
                         G_CALLBACK (plan_risk_deleted_cb));
}

static void
edit_plan_risk_cb (MrezaActivityView *view,
                   const char        *id,
                   MrezaPlanPage     *self)
{
  mreza_plan_page_edit_plan_risk (self, id);
}

static void
edit_plan_task_cb (MrezaActivityView *view,
                   const char        *id,
                   MrezaPlanPage     *self)
{
  mreza_plan_page_edit_plan_task (self, id);
}

static void
restore_budget_line (gpointer owner,
                     gpointer data)
{
  MrezaPlanPage *self = owner;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = mreza_plan_budget_line_restore (self->store, data,
                                                        &error);

  if (id == NULL)
    mreza_ui_add_toast (GTK_WIDGET (self), adw_toast_new (error->message));
  refresh_activity (self, NULL);
}

static void
plan_budget_line_deleted_cb (MrezaForm                 *form,
                             const MrezaPlanBudgetLine *snapshot,
                             MrezaPlanPage             *self)
{
  mreza_ui_undo_offer (&self->undo,
                       mreza_ui_find_toast_overlay (GTK_WIDGET (self)),
                       _("Budget line deleted"), _("_Undo"),
                       restore_budget_line, self,
                       mreza_plan_budget_line_copy (snapshot),
                       (GDestroyNotify) mreza_plan_budget_line_free);
  refresh_activity (self, NULL);
}

/**
 * mreza_plan_page_edit_plan_budget_line:
 * @self: a #MrezaPlanPage
 * @id: (nullable): the budget line's id, or %NULL for a new line of the
 *   activity shown
 *
 * Returns: (transfer none) (nullable): the form, presented
 */
MrezaPlanBudgetForm *
mreza_plan_page_edit_plan_budget_line (MrezaPlanPage *self,
                                       const char    *id)
{
  g_return_val_if_fail (MREZA_IS_PLAN_PAGE (self), NULL);

  return open_plan_form (self, (PlanFormNew) mreza_plan_budget_form_new, id,
                         G_CALLBACK (plan_budget_line_deleted_cb));
}

static void
edit_plan_budget_line_cb (MrezaActivityView *view,
                          const char        *id,
                          MrezaPlanPage     *self)
{
  mreza_plan_page_edit_plan_budget_line (self, id);
}

static MrezaRowKind
row_kind (MrezaPlanPartKind kind)
{
  return kind == MREZA_PLAN_PART_GOAL ? MREZA_ROW_GOAL : MREZA_ROW_ACTIVITY;
}

/* After a goal or an activity changed: the tree reads its goals again
 * (which closes it), then opens down to @kind @id and selects it. */
static void
reload_outline (MrezaPlanPage *self,
                MrezaRowKind   kind,
                const char    *id)
{
  g_assert (MREZA_IS_PLAN_PAGE (self));

  clear_reloading (self);
  clear_pending (self);
  self->reselect_kind = kind;
  self->reselect_id = g_strdup (id);
  self->reloading = g_object_ref (G_LIST_MODEL (self->goals));
  self->reloading_handler =
    g_signal_connect_swapped (self->goals, "items-changed",
                              G_CALLBACK (reloaded_cb), self);
  mreza_row_list_reload (self->goals);
}

static void
part_saved_cb (MrezaForm     *form,
               const char    *id,
               MrezaPlanPage *self)
{
  reload_outline (self,
                  row_kind (mreza_plan_part_form_get_kind (MREZA_PLAN_PART_FORM (form))),
                  id);
}

static void
restore_part (gpointer owner,
              gpointer data)
{
  MrezaPlanPage *self = owner;
  const MrezaPlanPart *snapshot = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = mreza_plan_part_restore (self->store, snapshot,
                                                 &error);

  if (id == NULL)
    mreza_ui_add_toast (GTK_WIDGET (self), adw_toast_new (error->message));
  reload_outline (self, row_kind (snapshot->kind), id);
}

static void
part_deleted_cb (MrezaForm           *form,
                 const MrezaPlanPart *snapshot,
                 MrezaPlanPage       *self)
{
  gboolean goal = snapshot->kind == MREZA_PLAN_PART_GOAL;

  mreza_ui_undo_offer (&self->undo,
                       mreza_ui_find_toast_overlay (GTK_WIDGET (self)),
                       goal ? _("Goal deleted") : _("Activity deleted"),
                       _("_Undo"), restore_part, self,
                       mreza_plan_part_copy (snapshot),
                       (GDestroyNotify) mreza_plan_part_free);
  /* An activity's goal shows instead. */
  reload_outline (self, MREZA_ROW_GOAL, goal ? NULL : snapshot->parent_id);
}

/**
 * mreza_plan_page_edit_part:
 * @self: a #MrezaPlanPage
 * @kind: a goal or an activity
 * @parent_id: (nullable): the goal a new activity goes to
 * @id: (nullable): the goal or activity to edit, or %NULL for a new one
 *
 * Opens the form that edits a goal or an activity of the plan: its
 * number and title, and an activity's deadline.
 *
 * Returns: (transfer none) (nullable): the form, presented
 */
MrezaPlanPartForm *
mreza_plan_page_edit_part (MrezaPlanPage     *self,
                           MrezaPlanPartKind  kind,
                           const char        *parent_id,
                           const char        *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrezaAccess) access = NULL;
  GtkRoot *root;
  gpointer form;

  g_return_val_if_fail (MREZA_IS_PLAN_PAGE (self), NULL);
  g_return_val_if_fail (self->store != NULL, NULL);

  access = mreza_access_load (self->store);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  form = mreza_plan_part_form_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                        : NULL,
                                   self->store, access, kind, parent_id, id,
                                   &error);
  return present_form (self, form, error, G_CALLBACK (part_saved_cb),
                       G_CALLBACK (part_deleted_cb));
}

static void
edit_plan_activity_cb (MrezaActivityView *view,
                       const char        *id,
                       MrezaPlanPage     *self)
{
  mreza_plan_page_edit_part (self, MREZA_PLAN_PART_ACTIVITY, NULL, id);
}

static void
plan_add_goal_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  mreza_plan_page_edit_part (MREZA_PLAN_PAGE (widget), MREZA_PLAN_PART_GOAL,
                             NULL, NULL);
}

static void
plan_edit_goal_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  MrezaPlanPage *self = MREZA_PLAN_PAGE (widget);

  if (self->goal_id != NULL)
    mreza_plan_page_edit_part (self, MREZA_PLAN_PART_GOAL, NULL,
                               self->goal_id);
}

static void
plan_add_activity_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  MrezaPlanPage *self = MREZA_PLAN_PAGE (widget);

  if (self->goal_id != NULL)
    mreza_plan_page_edit_part (self, MREZA_PLAN_PART_ACTIVITY, self->goal_id,
                               NULL);
}

/* Ctrl+E: the goal or the activity shown. */
static void
plan_edit_shown_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  MrezaPlanPage *self = MREZA_PLAN_PAGE (widget);
  const char *shown = gtk_stack_get_visible_child_name (self->detail_stack);
  const MrezaActivityDetail *detail =
    mreza_activity_view_get_detail (self->activity_view);

  if (g_strcmp0 (shown, "goal") == 0 && self->goal_id != NULL)
    mreza_plan_page_edit_part (self, MREZA_PLAN_PART_GOAL, NULL,
                               self->goal_id);
  else if (g_strcmp0 (shown, "activity") == 0 && detail != NULL)
    mreza_plan_page_edit_part (self, MREZA_PLAN_PART_ACTIVITY, NULL,
                               detail->id);
}

/* The page's shortcuts work wherever the focus is while it shows; a
 * hidden page's are off. */
static void
shortcut_actions_update (MrezaPlanPage *self)
{
  gboolean mapped = gtk_widget_get_mapped (GTK_WIDGET (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.add-goal",
                                 mapped && self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.edit-shown",
                                 mapped && self->store != NULL);
}

static void
mreza_plan_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (mreza_plan_page_parent_class)->map (widget);
  shortcut_actions_update (MREZA_PLAN_PAGE (widget));
}

static void
mreza_plan_page_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (mreza_plan_page_parent_class)->unmap (widget);
  shortcut_actions_update (MREZA_PLAN_PAGE (widget));
}

/**
 * mreza_plan_page_edit_task:
 * @self: a #MrezaPlanPage
 * @id: the task's id
 *
 * Opens the form that edits the task's progress.
 *
 * Returns: (transfer none) (nullable): the form, presented
 */
MrezaTaskForm *
mreza_plan_page_edit_task (MrezaPlanPage *self,
                           const char    *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrezaAccess) access = NULL;
  MrezaTaskForm *form;
  GtkRoot *root;

  g_return_val_if_fail (MREZA_IS_PLAN_PAGE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  /* Read now: the device may have joined since the page was built. */
  access = mreza_access_load (self->store);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  form = mreza_task_form_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                              self->store, access, id, &error);
  if (form == NULL)
    {
      adw_status_page_set_description (self->error_status, error->message);
      gtk_stack_set_visible_child_name (self->detail_stack, "error");
      return NULL;
    }

  g_signal_connect_object (form, "saved", G_CALLBACK (task_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (form));
  return form;
}

static void
edit_task_cb (MrezaActivityView *view,
              const char        *id,
              MrezaPlanPage     *self)
{
  mreza_plan_page_edit_task (self, id);
}

static void
mreza_plan_page_dispose (GObject *object)
{
  MrezaPlanPage *self = MREZA_PLAN_PAGE (object);

  stop_loading (self);
  clear_pending (self);
  clear_reloading (self);
  mreza_ui_undo_clear (&self->undo);
  g_clear_pointer (&self->goal_id, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), MREZA_TYPE_PLAN_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->tree);
  g_clear_object (&self->goals);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (mreza_plan_page_parent_class)->dispose (object);
}

static void
mreza_plan_page_class_init (MrezaPlanPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mreza_plan_page_dispose;
  widget_class->map = mreza_plan_page_map;
  widget_class->unmap = mreza_plan_page_unmap;

  g_type_ensure (MREZA_TYPE_ACTIVITY_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/rs/mreza/Mreza/mreza-plan-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MrezaPlanPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, MrezaPlanPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, MrezaPlanPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, MrezaPlanPage, list_error);
  gtk_widget_class_bind_template_child (widget_class, MrezaPlanPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, MrezaPlanPage, goal_status);
  gtk_widget_class_bind_template_child (widget_class, MrezaPlanPage, edit_goal_button);
  gtk_widget_class_bind_template_child (widget_class, MrezaPlanPage, add_activity_button);
  gtk_widget_class_bind_template_child (widget_class, MrezaPlanPage, error_status);
  gtk_widget_class_bind_template_child (widget_class, MrezaPlanPage, activity_view);
  gtk_widget_class_bind_template_callback (widget_class, setup_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, unbind_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "plan.add-goal", NULL,
                                   plan_add_goal_action);
  gtk_widget_class_install_action (widget_class, "plan.edit-goal", NULL,
                                   plan_edit_goal_action);
  gtk_widget_class_install_action (widget_class, "plan.add-activity", NULL,
                                   plan_add_activity_action);
  gtk_widget_class_install_action (widget_class, "plan.edit-shown", NULL,
                                   plan_edit_shown_action);
}

static void
mreza_plan_page_init (MrezaPlanPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.edit-goal", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.add-activity",
                                 FALSE);
  shortcut_actions_update (self);
  mreza_ui_add_page_shortcuts (GTK_WIDGET (self),
                               "<Control>n", "plan.add-goal",
                               "<Control>e", "plan.edit-shown",
                               NULL);
  g_signal_connect_object (self->activity_view, "edit-task",
                           G_CALLBACK (edit_task_cb), self, 0);
  g_signal_connect_object (self->activity_view, "edit-plan-task",
                           G_CALLBACK (edit_plan_task_cb), self, 0);
  g_signal_connect_object (self->activity_view, "edit-plan-indicator",
                           G_CALLBACK (edit_plan_indicator_cb), self, 0);
  g_signal_connect_object (self->activity_view, "edit-plan-risk",
                           G_CALLBACK (edit_plan_risk_cb), self, 0);
  g_signal_connect_object (self->activity_view, "edit-plan-budget-line",
                           G_CALLBACK (edit_plan_budget_line_cb), self, 0);
  g_signal_connect_object (self->activity_view, "edit-plan-activity",
                           G_CALLBACK (edit_plan_activity_cb), self, 0);
}

/**
 * mreza_plan_page_set_store:
 * @self: a #MrezaPlanPage
 * @store: the replica to show the plan of
 */
void
mreza_plan_page_set_store (MrezaPlanPage *self,
                           MrezaStore    *store)
{
  g_return_if_fail (MREZA_IS_PLAN_PAGE (self));
  g_return_if_fail (MREZA_IS_STORE (store));

  stop_loading (self);
  clear_pending (self);
  clear_reloading (self);
  gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->tree);
  g_clear_object (&self->goals);
  g_set_object (&self->store, store);

  self->goals = mreza_row_list_new (store, MREZA_ROW_GOAL, NULL);
  g_signal_connect_object (self->goals, "notify::loaded",
                           G_CALLBACK (goals_loaded_cb), self,
                           G_CONNECT_SWAPPED);
  self->tree = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->goals)),
                                        FALSE, FALSE,
                                        create_child_model_cb, self, NULL);
  self->selection =
    mreza_ui_list_selection_new (g_object_ref (G_LIST_MODEL (self->tree)));
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (selection_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  gtk_stack_set_visible_child_name (self->detail_stack, "empty");
  goals_loaded_cb (self);
  shortcut_actions_update (self);
}

AdwLeaflet *
mreza_plan_page_get_leaflet (MrezaPlanPage *self)
{
  g_return_val_if_fail (MREZA_IS_PLAN_PAGE (self), NULL);

  return self->leaflet;
}

GtkSingleSelection *
mreza_plan_page_get_selection (MrezaPlanPage *self)
{
  g_return_val_if_fail (MREZA_IS_PLAN_PAGE (self), NULL);

  return self->selection;
}

MrezaActivityView *
mreza_plan_page_get_activity_view (MrezaPlanPage *self)
{
  g_return_val_if_fail (MREZA_IS_PLAN_PAGE (self), NULL);

  return self->activity_view;
}

/* Returns: whether a detail or a selection asked for is still coming. */
gboolean
mreza_plan_page_is_loading (MrezaPlanPage *self)
{
  g_return_val_if_fail (MREZA_IS_PLAN_PAGE (self), FALSE);

  return self->cancellable != NULL || self->pending != NULL;
}

/* Where the row @id is among the children of @parent (the goals when
 * @parent is %NULL), or -1. */
static int
find_child (GListModel *model,
            const char *id)
{
  guint n = g_list_model_get_n_items (model);

  g_assert (G_IS_LIST_MODEL (model));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MrezaRow) row = g_list_model_get_item (model, i);

      if (g_strcmp0 (mreza_row_get_id (row), id) == 0)
        return (int) i;
    }

  return -1;
}

static GtkTreeListRow *
get_row (MrezaPlanPage  *self,
         GtkTreeListRow *parent,
         guint           index)
{
  g_assert (MREZA_IS_PLAN_PAGE (self));

  if (parent == NULL)
    return gtk_tree_list_model_get_child_row (self->tree, index);

  return gtk_tree_list_row_get_child_row (parent, index);
}

static void
pending_loaded_cb (MrezaPlanPage *self)
{
  g_assert (MREZA_IS_PLAN_PAGE (self));

  if (!mreza_row_list_get_loaded (MREZA_ROW_LIST (self->pending_model)))
    return;

  g_clear_signal_handler (&self->pending_handler, self->pending_model);
  continue_pending (self);
}

static void
select_row (MrezaPlanPage  *self,
            GtkTreeListRow *row)
{
  guint position = gtk_tree_list_row_get_position (row);

  g_assert (MREZA_IS_PLAN_PAGE (self));

  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view),
                              "list.scroll-to-item", "u", position);
}

/* Finds the next level of a row asked for: waits for its list to load,
 * expands the row above it, and selects it at the last level. */
static void
continue_pending (MrezaPlanPage *self)
{
  g_autoptr(GtkTreeListRow) row = NULL;
  g_autoptr(GListModel) model = NULL;
  int index;

  g_assert (MREZA_IS_PLAN_PAGE (self));

  if (self->pending_parent == NULL)
    model = g_object_ref (G_LIST_MODEL (self->goals));
  else if (gtk_tree_list_row_get_children (self->pending_parent) != NULL)
    model = g_object_ref (gtk_tree_list_row_get_children (self->pending_parent));

  if (model == NULL)
    {
      clear_pending (self);
      return;
    }

  if (MREZA_IS_ROW_LIST (model) && !mreza_row_list_get_loaded (MREZA_ROW_LIST (model)))
    {
      g_set_object (&self->pending_model, model);
      self->pending_handler =
        g_signal_connect_swapped (model, "notify::loaded",
                                  G_CALLBACK (pending_loaded_cb), self);
      return;
    }

  index = find_child (model, self->pending[self->pending_depth]);
  if (index < 0 || (row = get_row (self, self->pending_parent, index)) == NULL)
    {
      g_debug ("Row %s is not in the plan", self->pending[self->pending_depth]);
      clear_pending (self);
      return;
    }

  if (self->pending[self->pending_depth + 1] == NULL)
    {
      clear_pending (self);
      select_row (self, row);
      return;
    }

  gtk_tree_list_row_set_expanded (row, TRUE);
  g_set_object (&self->pending_parent, row);
  self->pending_depth++;
  continue_pending (self);
}


/**
 * mreza_plan_page_select:
 * @self: a #MrezaPlanPage
 * @kind: %MREZA_ROW_GOAL, %MREZA_ROW_ACTIVITY or %MREZA_ROW_TASK
 * @id: the row's id
 *
 * Opens the goals and activities above the row and selects it, which
 * shows its detail. The levels load as needed, so this finishes later.
 */
void
mreza_plan_page_select (MrezaPlanPage *self,
                        MrezaRowKind   kind,
                        const char    *id)
{
  g_return_if_fail (MREZA_IS_PLAN_PAGE (self));
  g_return_if_fail (id != NULL);
  g_return_if_fail (self->store != NULL);

  clear_pending (self);
  /* Point queries by primary key: microseconds, fine on this thread. */
  self->pending = mreza_plan_path_lookup (mreza_store_get_db (self->store),
                                          kind, id);
  if (self->pending == NULL)
    {
      g_debug ("No path to %s %s", mreza_row_kind_to_string (kind), id);
      return;
    }

  continue_pending (self);
}

/**
 * mreza_plan_page_get_undo_toast:
 * @self: a #MrezaPlanPage
 *
 * Returns: (transfer none) (nullable): the toast offering to undo the
 *   last task deleted, while it shows
 */
AdwToast *
mreza_plan_page_get_undo_toast (MrezaPlanPage *self)
{
  g_return_val_if_fail (MREZA_IS_PLAN_PAGE (self), NULL);

  return self->undo.toast;
}
