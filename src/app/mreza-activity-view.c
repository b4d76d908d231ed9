/* mreza-activity-view.c: an activity of the plan with all it holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows one MrezaActivityDetail: its tasks (who is responsible, who
 * helps, by when), its indicators, its budget in totals and in lines,
 * and its risks. The view owns the detail it shows.
 */
#define G_LOG_DOMAIN "mreza-activity-view"

#include "config.h"

#include "mreza-activity-view.h"

#include "mreza-labels.h"
#include "mreza-locale.h"
#include "mreza-tasks.h"
#include "mreza-ui.h"

#include <glib/gi18n.h>

struct _MrezaActivityView
{
  GtkWidget            parent_instance;

  GtkScrolledWindow   *scroller;
  GtkBox              *content;

  MrezaActivityDetail *detail;
  /* Why this device may not edit the plan's structure; NULL when it
   * may (a coordinator's device, or a replica that never joined). */
  char                *plan_why_not;
};

G_DEFINE_FINAL_TYPE (MrezaActivityView, mreza_activity_view, GTK_TYPE_WIDGET)

enum {
  EDIT_TASK,
  EDIT_PLAN_TASK,
  EDIT_PLAN_INDICATOR,
  EDIT_PLAN_RISK,
  EDIT_PLAN_BUDGET_LINE,
  EDIT_PLAN_ACTIVITY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The names of the buttons that edit a part of the plan, and of those
 * that add one, by the signal they emit (for the tests, and CSS). */
static const char * const edit_names[N_SIGNALS] = {
  [EDIT_PLAN_TASK] = "edit-plan-task",
  [EDIT_PLAN_INDICATOR] = "edit-plan-indicator",
  [EDIT_PLAN_RISK] = "edit-plan-risk",
  [EDIT_PLAN_BUDGET_LINE] = "edit-plan-budget-line",
  [EDIT_PLAN_ACTIVITY] = "edit-plan-activity",
};
static const char * const add_names[N_SIGNALS] = {
  [EDIT_PLAN_TASK] = "add-task",
  [EDIT_PLAN_INDICATOR] = "add-indicator",
  [EDIT_PLAN_RISK] = "add-risk",
  [EDIT_PLAN_BUDGET_LINE] = "add-budget-line",
};

static void
mreza_activity_view_dispose (GObject *object)
{
  MrezaActivityView *self = MREZA_ACTIVITY_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MREZA_TYPE_ACTIVITY_VIEW);
  g_clear_pointer (&self->detail, mreza_activity_detail_free);
  g_clear_pointer (&self->plan_why_not, g_free);

  G_OBJECT_CLASS (mreza_activity_view_parent_class)->dispose (object);
}

static void
mreza_activity_view_class_init (MrezaActivityViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mreza_activity_view_dispose;

  /**
   * MrezaActivityView::edit-task:
   * @id: the task whose progress a person asked to edit
   */
  signals[EDIT_TASK] = g_signal_new ("edit-task", G_TYPE_FROM_CLASS (klass),
                                     G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                     G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * MrezaActivityView::edit-plan-task:
   * @id: (nullable): the task of the plan a person asked to edit, or
   *   %NULL to add one to the activity shown
   */
  signals[EDIT_PLAN_TASK] = g_signal_new ("edit-plan-task",
                                          G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                          NULL, G_TYPE_NONE, 1,
                                          G_TYPE_STRING);
  /**
   * MrezaActivityView::edit-plan-indicator:
   * @id: (nullable): the indicator a person asked to edit, or %NULL to
   *   add one to the activity shown
   */
  signals[EDIT_PLAN_INDICATOR] = g_signal_new ("edit-plan-indicator",
                                               G_TYPE_FROM_CLASS (klass),
                                               G_SIGNAL_RUN_LAST, 0, NULL,
                                               NULL, NULL, G_TYPE_NONE, 1,
                                               G_TYPE_STRING);
  /**
   * MrezaActivityView::edit-plan-risk:
   * @id: (nullable): the risk a person asked to edit, or %NULL to add
   *   one to the activity shown
   */
  signals[EDIT_PLAN_RISK] = g_signal_new ("edit-plan-risk",
                                          G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                          NULL, G_TYPE_NONE, 1,
                                          G_TYPE_STRING);
  /**
   * MrezaActivityView::edit-plan-budget-line:
   * @id: (nullable): the budget line a person asked to edit, or %NULL
   *   to add one to the activity shown
   */
  signals[EDIT_PLAN_BUDGET_LINE] = g_signal_new ("edit-plan-budget-line",
                                                 G_TYPE_FROM_CLASS (klass),
                                                 G_SIGNAL_RUN_LAST, 0, NULL,
                                                 NULL, NULL, G_TYPE_NONE, 1,
                                                 G_TYPE_STRING);
  /**
   * MrezaActivityView::edit-plan-activity:
   * @id: the activity shown, whose number, title and deadline a person
   *   asked to edit
   */
  signals[EDIT_PLAN_ACTIVITY] = g_signal_new ("edit-plan-activity",
                                              G_TYPE_FROM_CLASS (klass),
                                              G_SIGNAL_RUN_LAST, 0, NULL,
                                              NULL, NULL, G_TYPE_NONE, 1,
                                              G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/rs/mreza/Mreza/mreza-activity-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MrezaActivityView, scroller);
  gtk_widget_class_bind_template_child (widget_class, MrezaActivityView, content);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
mreza_activity_view_init (MrezaActivityView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
mreza_activity_view_new (void)
{
  return g_object_new (MREZA_TYPE_ACTIVITY_VIEW, NULL);
}

static const char *
status_class (const char *status)
{
  if (g_strcmp0 (status, "done") == 0)
    return "success";
  if (g_strcmp0 (status, "in_progress") == 0)
    return "accent";
  if (g_strcmp0 (status, "dropped") == 0)
    return "dim-label";
  return NULL;
}

static char *
task_subtitle (const MrezaTaskInfo *task)
{
  GString *str = g_string_new (NULL);

  g_assert (task != NULL);

  if (task->responsible != NULL && *task->responsible != '\0')
    g_string_append_printf (str, _("Responsible: %s"), task->responsible);
  else
    g_string_append (str, _("No responsible institution named"));

  if (task->partners != NULL && task->other_partners)
    {
      g_string_append_c (str, '\n');
      g_string_append_printf (str, _("Partners: %s and others not named in "
                                     "the plan"), task->partners);
    }
  else if (task->partners != NULL)
    {
      g_string_append_c (str, '\n');
      g_string_append_printf (str, _("Partners: %s"), task->partners);
    }
  else if (task->other_partners)
    {
      g_string_append_c (str, '\n');
      g_string_append (str, _("Partners: not named in the plan"));
    }

  if (task->deadline != NULL && *task->deadline != '\0')
    {
      g_string_append_c (str, '\n');
      g_string_append_printf (str, _("Deadline: %s"), task->deadline);
    }

  return g_string_free (str, FALSE);
}

static void
edit_clicked_cb (GtkButton         *button,
                 MrezaActivityView *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "task-id");

  g_assert (MREZA_IS_ACTIVITY_VIEW (self));

  g_signal_emit (self, signals[EDIT_TASK], 0, id);
}

static GtkWidget *
edit_button_new (MrezaActivityView   *self,
                 const MrezaTaskInfo *task)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("object-select-symbolic");
  g_autofree char *label = NULL;

  /* Translators: the edit button of a task's row; %d is its number */
  label = g_strdup_printf (_("Edit progress of task %d"), task->number);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data_full (G_OBJECT (button), "task-id", g_strdup (task->id),
                          g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (edit_clicked_cb),
                           self, 0);
  return button;
}

/* The buttons that edit the plan: which signal in "signal", and the
 * record in "task-id" (NULL to add one). */
static void
edit_plan_clicked_cb (GtkButton         *button,
                      MrezaActivityView *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "task-id");
  guint signal = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button),
                                                      "signal"));

  g_assert (MREZA_IS_ACTIVITY_VIEW (self));

  g_signal_emit (self, signals[signal], 0, id);
}

/* The plan's side of a task (its number, title, deadline), apart from
 * its progress: only where the device may edit the plan. */
static GtkWidget *
edit_plan_button_new (MrezaActivityView *self,
                      guint              signal,
                      const char        *id,
                      const char        *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("document-edit-symbolic");

  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_name (button, edit_names[signal]);
  g_object_set_data (G_OBJECT (button), "signal", GUINT_TO_POINTER (signal));
  g_object_set_data_full (G_OBJECT (button), "task-id", g_strdup (id),
                          g_free);
  g_signal_connect_object (button, "clicked",
                           G_CALLBACK (edit_plan_clicked_cb), self, 0);
  return button;
}

/* Offered on a member's device too, insensitive, so that it can say
 * why it is not there to use. */
static GtkWidget *
add_button_new (MrezaActivityView *self,
                guint              signal,
                const char        *label,
                const char        *tooltip)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content),
                                    "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_name (button, add_names[signal]);
  gtk_widget_set_sensitive (button, self->plan_why_not == NULL);
  gtk_widget_set_tooltip_text (button, self->plan_why_not != NULL
                                       ? self->plan_why_not : tooltip);
  g_object_set_data (G_OBJECT (button), "signal", GUINT_TO_POINTER (signal));
  g_signal_connect_object (button, "clicked",
                           G_CALLBACK (edit_plan_clicked_cb), self, 0);
  return button;
}

/* A group of the activity that a device editing the plan adds to. */
static GtkWidget *
group_new (MrezaActivityView *self,
           const char        *title,
           const char        *description,
           guint              signal,
           const char        *add_label,
           const char        *add_tooltip)
{
  GtkWidget *group = mreza_ui_group_new (title, description);

  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group),
                                           add_button_new (self, signal,
                                                           add_label,
                                                           add_tooltip));
  return group;
}

static GtkWidget *
build_tasks (MrezaActivityView   *self,
             MrezaActivityDetail *detail,
             int                  task_number)
{
  GtkWidget *group = group_new (self, _("Tasks"), NULL, EDIT_PLAN_TASK,
                                _("Add _Task"),
                                _("Add a task to this activity"));

  g_assert (detail != NULL);

  for (guint i = 0; i < detail->tasks->len; i++)
    {
      const MrezaTaskInfo *task = g_ptr_array_index (detail->tasks, i);
      g_autofree char *title = g_strdup_printf (_("%d. %s"), task->number,
                                                task->title);
      g_autofree char *subtitle = task_subtitle (task);
      GtkWidget *row = mreza_ui_row_new (title, subtitle);

      if (mreza_task_is_late (task->status, task->deadline_to, NULL))
        /* Translators: a task whose deadline has passed */
        adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                   mreza_ui_tag_new (_("Late"), "error"));
      if (task->status != NULL)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                   mreza_ui_tag_new (mreza_task_status_label (task->status),
                                                     status_class (task->status)));
      if (task->id != NULL)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                   edit_button_new (self, task));
      if (task->id != NULL && self->plan_why_not == NULL)
        {
          /* Translators: a task row's button that edits the task
           * itself; %d is its number */
          g_autofree char *label = g_strdup_printf (_("Edit task %d of the plan"),
                                                    task->number);

          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     edit_plan_button_new (self, EDIT_PLAN_TASK,
                                                           task->id, label));
        }
      if (task->number == task_number)
        gtk_widget_add_css_class (row, "highlighted");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  if (detail->tasks->len == 0)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               mreza_ui_row_new (_("This activity has no tasks"), NULL));

  return group;
}

static GtkWidget *
build_indicators (MrezaActivityView   *self,
                  MrezaActivityDetail *detail)
{
  GtkWidget *group = group_new (self, _("Indicators"),
                                _("Open an indicator to see and enter its values per team and period."),
                                EDIT_PLAN_INDICATOR, _("Add _Indicator"),
                                _("Add an indicator to this activity"));

  g_assert (detail != NULL);
  if (detail->indicators->len == 0)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               mreza_ui_row_new (_("This activity has no indicators"),
                                                 NULL));

  for (guint i = 0; i < detail->indicators->len; i++)
    {
      const MrezaIndicatorInfo *ind = g_ptr_array_index (detail->indicators, i);
      g_autofree char *title = g_strdup_printf (_("%d. %s"), ind->number,
                                                ind->text);
      g_autofree char *target = mreza_format_target (ind->kind, ind->target);
      GtkWidget *row = mreza_ui_row_new (title, NULL);

      if (target != NULL)
        {
          g_autofree char *value = g_strdup_printf (_("Target: %s"), target);

          mreza_ui_row_add_value (row, value, TRUE);
        }
      else
        {
          /* Without a target, say at least what is measured. */
          mreza_ui_row_add_value (row, mreza_indicator_kind_label (ind->kind),
                                  FALSE);
        }
      /* The indicator's page: its values per team and period. */
      if (ind->id != NULL)
        {
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (row),
                                          "win.show-indicator");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", ind->id);
          gtk_widget_set_tooltip_text (row, _("Show the values of this indicator"));
          if (self->plan_why_not == NULL)
            {
              /* Translators: an indicator row's button that edits the
               * indicator itself; %d is its number */
              g_autofree char *label = g_strdup_printf (_("Edit indicator %d of the plan"),
                                                        ind->number);

              adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                         edit_plan_button_new (self,
                                                               EDIT_PLAN_INDICATOR,
                                                               ind->id, label));
            }
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     gtk_image_new_from_icon_name ("go-next-symbolic"));
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  return group;
}

static GtkWidget *
build_budget_totals (MrezaActivityDetail *detail)
{
  GtkWidget *group = mreza_ui_group_new (_("Budget"), NULL);

  g_assert (detail != NULL);

  for (guint i = 0; i < detail->budget_totals->len; i++)
    {
      const MrezaBudgetTotal *total = g_ptr_array_index (detail->budget_totals, i);
      g_autofree char *money = mreza_locale_format_money (NULL,
                                                          total->amount_minor,
                                                          total->currency);
      g_autofree char *year = NULL;
      GtkWidget *row;

      if (total->year > 0)
        /* Translators: the budget total of one year */
        year = g_strdup_printf (_("Total for %d"), total->year);
      else
        year = g_strdup (_("Total, year not given"));

      row = mreza_ui_row_new (year, NULL);
      mreza_ui_row_add_value (row, money, TRUE);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  return group;
}

static char *
budget_line_subtitle (const MrezaBudgetLineInfo *line)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  g_assert (line != NULL);

  if (line->institution != NULL && *line->institution != '\0')
    g_ptr_array_add (parts, g_strdup (line->institution));
  if (line->task_number > 0)
    g_ptr_array_add (parts, g_strdup_printf (_("Task %d"), line->task_number));
  else
    g_ptr_array_add (parts, g_strdup (_("Whole activity")));
  if (line->year > 0)
    g_ptr_array_add (parts, g_strdup_printf ("%d", line->year));
  g_ptr_array_add (parts, NULL);

  /* Translators: separates the facts about a budget line */
  return g_strjoinv (_(" · "), (char **) parts->pdata);
}

static GtkWidget *
budget_line_row_new (MrezaActivityView         *self,
                     const MrezaBudgetLineInfo *line)
{
  const char *source = line->source_text;
  g_autofree char *subtitle = budget_line_subtitle (line);
  GtkWidget *row;

  if (source == NULL || *source == '\0')
    source = mreza_budget_source_label (line->source);

  row = mreza_ui_row_new (source, subtitle);
  if (line->currency != NULL)
    {
      g_autofree char *money = mreza_locale_format_money (NULL,
                                                          line->amount_minor,
                                                          line->currency);

      mreza_ui_row_add_value (row, money, TRUE);
    }
  else
    {
      mreza_ui_row_add_value (row, _("No amount"), FALSE);
    }
  if (line->id != NULL && self->plan_why_not == NULL)
    {
      /* Translators: a budget line's edit button; %s is its source */
      g_autofree char *label = g_strdup_printf (_("Edit budget line “%s”"),
                                                source);

      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 edit_plan_button_new (self,
                                                       EDIT_PLAN_BUDGET_LINE,
                                                       line->id, label));
    }
  return row;
}

static GtkWidget *
build_budget_lines (MrezaActivityView   *self,
                    MrezaActivityDetail *detail)
{
  GtkWidget *group = group_new (self, _("Budget Lines"), NULL,
                                EDIT_PLAN_BUDGET_LINE, _("Add _Budget Line"),
                                _("Add a budget line to this activity"));

  g_assert (detail != NULL);
  for (guint i = 0; i < detail->budget_lines->len; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               budget_line_row_new (self,
                                                    g_ptr_array_index (detail->budget_lines, i)));
  if (detail->budget_lines->len == 0)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               mreza_ui_row_new (_("No budget lines"), NULL));

  return group;
}

static GtkWidget *
build_risks (MrezaActivityView   *self,
             MrezaActivityDetail *detail)
{
  GtkWidget *group = group_new (self, _("Risks"), NULL, EDIT_PLAN_RISK,
                                _("Add _Risk"),
                                _("Add a risk to this activity"));

  g_assert (detail != NULL);
  for (guint i = 0; detail->risks != NULL && detail->risks[i] != NULL; i++)
    {
      GtkWidget *row = mreza_ui_row_new (detail->risks[i], NULL);

      if (self->plan_why_not == NULL && detail->risk_ids != NULL)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                   edit_plan_button_new (self, EDIT_PLAN_RISK,
                                                         detail->risk_ids[i],
                                                         _("Edit this risk")));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  if (detail->risks == NULL || detail->risks[0] == NULL)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               mreza_ui_row_new (_("No risks named"), NULL));

  return group;
}

/* The activity's heading, and the button that edits its number, title
 * and deadline: offered on a member's device too, insensitive, with
 * the reason. */
static GtkWidget *
build_heading (MrezaActivityView *self,
               const char        *overline,
               const char        *title,
               const char        *deadline)
{
  GtkWidget *heading = mreza_ui_heading_new (overline, title, deadline);
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Edit Activity"));

  gtk_widget_set_name (button, edit_names[EDIT_PLAN_ACTIVITY]);
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_sensitive (button, self->plan_why_not == NULL);
  gtk_widget_set_tooltip_text (button, self->plan_why_not != NULL
                                       ? self->plan_why_not
                                       : _("Edit the activity’s number, "
                                           "title and deadline"));
  g_object_set_data (G_OBJECT (button), "signal",
                     GUINT_TO_POINTER (EDIT_PLAN_ACTIVITY));
  g_object_set_data_full (G_OBJECT (button), "task-id",
                          g_strdup (self->detail->id), g_free);
  g_signal_connect_object (button, "clicked",
                           G_CALLBACK (edit_plan_clicked_cb), self, 0);
  gtk_box_append (GTK_BOX (heading), button);
  return heading;
}

static void
build (MrezaActivityView *self,
       int                task_number)
{
  MrezaActivityDetail *detail = self->detail;
  g_autofree char *overline = NULL;
  g_autofree char *title = NULL;
  g_autofree char *deadline = NULL;

  g_assert (MREZA_IS_ACTIVITY_VIEW (self));

  /* Translators: above an activity's title: the goal it serves */
  overline = g_strdup_printf (_("Goal %d: %s"), detail->goal_number,
                              detail->goal_title);
  /* Translators: an activity's title, "Activity 1. …" */
  title = g_strdup_printf (_("Activity %d. %s"), detail->number, detail->title);
  if (detail->deadline != NULL && *detail->deadline != '\0')
    deadline = g_strdup_printf (_("Deadline: %s"), detail->deadline);

  gtk_box_append (self->content, build_heading (self, overline, title,
                                               deadline));
  gtk_box_append (self->content, build_tasks (self, detail, task_number));
  /* Empty, the group is there only to add to. */
  if (detail->indicators->len > 0 || self->plan_why_not == NULL)
    gtk_box_append (self->content, build_indicators (self, detail));
  if (detail->budget_totals->len > 0)
    gtk_box_append (self->content, build_budget_totals (detail));
  if (detail->budget_lines->len > 0 || self->plan_why_not == NULL)
    gtk_box_append (self->content, build_budget_lines (self, detail));
  if ((detail->risks != NULL && detail->risks[0] != NULL) ||
      self->plan_why_not == NULL)
    gtk_box_append (self->content, build_risks (self, detail));
}

/**
 * mreza_activity_view_set_detail:
 * @self: a #MrezaActivityView
 * @detail: (transfer full) (nullable): the activity to show
 * @task_number: the task to point out, or 0
 */
void
mreza_activity_view_set_detail (MrezaActivityView   *self,
                                MrezaActivityDetail *detail,
                                int                  task_number)
{
  GtkAdjustment *vadj;

  g_return_if_fail (MREZA_IS_ACTIVITY_VIEW (self));

  mreza_ui_box_clear (self->content);
  g_clear_pointer (&self->detail, mreza_activity_detail_free);
  self->detail = detail;

  vadj = gtk_scrolled_window_get_vadjustment (self->scroller);
  gtk_adjustment_set_value (vadj, 0);

  if (detail != NULL)
    build (self, task_number);
}

/**
 * mreza_activity_view_get_detail:
 * @self: a #MrezaActivityView
 *
 * Returns: (transfer none) (nullable): the activity shown
 */
const MrezaActivityDetail *
mreza_activity_view_get_detail (MrezaActivityView *self)
{
  g_return_val_if_fail (MREZA_IS_ACTIVITY_VIEW (self), NULL);

  return self->detail;
}

/**
 * mreza_activity_view_set_plan_why_not:
 * @self: a #MrezaActivityView
 * @why_not: (nullable): why this device may not edit the plan's
 *   structure, or %NULL when it may
 *
 * Takes effect with the next mreza_activity_view_set_detail().
 */
void
mreza_activity_view_set_plan_why_not (MrezaActivityView *self,
                                      const char        *why_not)
{
  g_return_if_fail (MREZA_IS_ACTIVITY_VIEW (self));

  if (g_strcmp0 (self->plan_why_not, why_not) == 0)
    return;
  g_free (self->plan_why_not);
  self->plan_why_not = g_strdup (why_not);
}
