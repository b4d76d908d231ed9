/* mreza-indicator-page.c: one indicator of the plan with its values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A window beside the main one, opened from an activity's indicators or
 * from search: the indicator's definition (its activity, what it
 * measures, its target), then one row per team and period with the
 * value the team entered and, beside it, what the team's joint actions
 * linked to the indicator add up to in that period. Values are added,
 * edited and deleted (with Undo) in MrezaIndicatorValueForm; rows of
 * teams this device may not write for are shown read-only, with the
 * reason. The page is rebuilt after each edit: an indicator has a few
 * dozen rows.
 */
#define G_LOG_DOMAIN "mreza-indicator-page"

#include "config.h"

#include "mreza-indicator-page.h"

#include "mreza-indicator-value-form.h"
#include "mreza-labels.h"
#include "mreza-locale.h"
#include "mreza-queries.h"
#include "mreza-ui.h"

#include <glib/gi18n.h>

struct _MrezaIndicatorPage
{
  AdwWindow            parent_instance;

  AdwToastOverlay     *toast_overlay;
  AdwWindowTitle      *window_title;
  GtkButton           *add_button;
  GtkBox              *content;

  MrezaStore          *store;
  MrezaAccess         *access;
  MrezaIndicator      *indicator;
  GPtrArray           *lines;        /* of MrezaIndicatorLine */
  GtkWidget           *values_group; /* or the empty state */
  GCancellable        *cancellable;  /* the load under way */

  MrezaUiUndo          undo;         /* of the last delete */
};

G_DEFINE_FINAL_TYPE (MrezaIndicatorPage, mreza_indicator_page, ADW_TYPE_WINDOW)

static void rebuild (MrezaIndicatorPage *self);

static gboolean
can_add (MrezaIndicatorPage *self)
{
  /* A member adds values for its own team; a replica that never joined,
   * or the coordinator's, for any. */
  if (!self->access->joined || self->access->coordinator)
    return TRUE;
  return mreza_access_can_write (self->access, "indicator_value",
                                 self->access->team_id);
}

static void
form_saved_cb (MrezaIndicatorValueForm *form,
               const char              *id,
               MrezaIndicatorPage      *self)
{
  rebuild (self);
}

static void
restore_value (gpointer owner,
               gpointer data)
{
  MrezaIndicatorPage *self = owner;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  id = mreza_indicator_value_restore (self->store, data, &error);
  if (id == NULL)
    adw_toast_overlay_add_toast (self->toast_overlay,
                                 adw_toast_new (error->message));
  rebuild (self);
}

static void
form_deleted_cb (MrezaIndicatorValueForm   *form,
                 const MrezaIndicatorValue *snapshot,
                 MrezaIndicatorPage        *self)
{
  mreza_ui_undo_offer (&self->undo, self->toast_overlay,
                       _("Value deleted"), _("_Undo"),
                       restore_value, self,
                       mreza_indicator_value_copy (snapshot),
                       (GDestroyNotify) mreza_indicator_value_free);
  rebuild (self);
}

/**
 * mreza_indicator_page_open_form:
 * @self: the page
 * @id: (nullable): the value to edit, or %NULL for a new one
 *
 * Returns: (transfer none) (nullable): the presented form
 */
MrezaIndicatorValueForm *
mreza_indicator_page_open_form (MrezaIndicatorPage *self,
                                const char         *id)
{
  g_autoptr(GError) error = NULL;
  MrezaIndicatorValueForm *form;

  g_return_val_if_fail (MREZA_IS_INDICATOR_PAGE (self), NULL);

  form = mreza_indicator_value_form_new (GTK_WINDOW (self), self->store,
                                         self->access, self->indicator, id,
                                         &error);
  if (form == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (error->message));
      rebuild (self);
      return NULL;
    }

  g_signal_connect_object (form, "saved", G_CALLBACK (form_saved_cb), self, 0);
  g_signal_connect_object (form, "deleted", G_CALLBACK (form_deleted_cb),
                           self, 0);
  gtk_window_present (GTK_WINDOW (form));
  return form;
}

static void
indicator_add_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  mreza_indicator_page_open_form (MREZA_INDICATOR_PAGE (widget), NULL);
}

static void
indicator_edit_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  mreza_indicator_page_open_form (MREZA_INDICATOR_PAGE (widget),
                                  g_variant_get_string (param, NULL));
}

static void
mreza_indicator_page_dispose (GObject *object)
{
  MrezaIndicatorPage *self = MREZA_INDICATOR_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), MREZA_TYPE_INDICATOR_PAGE);
  g_clear_object (&self->store);
  mreza_ui_undo_clear (&self->undo);

  G_OBJECT_CLASS (mreza_indicator_page_parent_class)->dispose (object);
}

static void
mreza_indicator_page_finalize (GObject *object)
{
  MrezaIndicatorPage *self = MREZA_INDICATOR_PAGE (object);

  g_clear_pointer (&self->access, mreza_access_free);
  g_clear_pointer (&self->indicator, mreza_indicator_free);
  g_clear_pointer (&self->lines, g_ptr_array_unref);

  G_OBJECT_CLASS (mreza_indicator_page_parent_class)->finalize (object);
}

static void
mreza_indicator_page_class_init (MrezaIndicatorPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mreza_indicator_page_dispose;
  object_class->finalize = mreza_indicator_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/rs/mreza/Mreza/mreza-indicator-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MrezaIndicatorPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MrezaIndicatorPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, MrezaIndicatorPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, MrezaIndicatorPage, content);

  gtk_widget_class_install_action (widget_class, "indicator.add", NULL,
                                   indicator_add_action);
  gtk_widget_class_install_action (widget_class, "indicator.edit", "s",
                                   indicator_edit_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n,
                                       GDK_CONTROL_MASK, "indicator.add", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w,
                                       GDK_CONTROL_MASK, "window.close", NULL);
}

/* Joint actions are edited in the main window: coming back to the page
 * reads the counts again. */
static void
is_active_cb (MrezaIndicatorPage *self)
{
  if (self->indicator != NULL && gtk_window_is_active (GTK_WINDOW (self)))
    rebuild (self);
}

static void
mreza_indicator_page_init (MrezaIndicatorPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "notify::is-active", G_CALLBACK (is_active_cb), NULL);
}

static const char *
measure_label (MrezaDerivedMeasure measure)
{
  switch (measure)
    {
    case MREZA_DERIVED_ACTIONS:
      return _("The number of linked joint actions");
    case MREZA_DERIVED_PARTICIPANTS:
      return _("The participants of linked joint actions");
    case MREZA_DERIVED_TRAININGS:
      return _("The linked joint actions that were trainings");
    case MREZA_DERIVED_NONE:
    default:
      return _("Nothing: the value is entered by the team");
    }
}

static GtkWidget *
build_definition (MrezaIndicatorPage *self)
{
  const MrezaIndicator *ind = self->indicator;
  GtkWidget *group = mreza_ui_group_new (_("Definition"), NULL);
  g_autofree char *activity = NULL;
  g_autofree char *target = mreza_format_target (ind->kind, ind->target);
  GtkWidget *row;

  /* Translators: an activity of the plan, "Activity 1.2. Title" */
  activity = g_strdup_printf (_("Activity %d.%d. %s"), ind->goal_number,
                              ind->activity_number, ind->activity_title);
  row = mreza_ui_row_new (_("Activity"), activity);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  row = mreza_ui_row_new (_("Measured as"), NULL);
  mreza_ui_row_add_value (row, mreza_indicator_kind_label (ind->kind), FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  row = mreza_ui_row_new (_("Target"), NULL);
  mreza_ui_row_add_value (row, target != NULL ? target : _("Not set in the plan"),
                          target != NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  row = mreza_ui_row_new (_("Compared with"),
                          measure_label (mreza_indicator_get_measure (ind)));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  return group;
}

static char *
format_value (const MrezaIndicator      *ind,
              const MrezaIndicatorValue *value)
{
  if (value == NULL)
    return g_strdup (_("No value entered"));
  if (g_strcmp0 (ind->kind, "yes_no") == 0)
    return g_strdup (g_strcmp0 (value->value, "yes") == 0 ? _("Yes") : _("No"));
  if (g_strcmp0 (ind->kind, "percentage") == 0)
    return mreza_format_target ("percentage", value->value);
  return g_strdup (value->value);
}

static char *
line_subtitle (MrezaIndicatorPage       *self,
               const MrezaIndicatorLine *line,
               const char               *why_not)
{
  g_autoptr(GString) str = g_string_new (NULL);
  g_autofree char *actions = mreza_indicator_format_actions (&line->counts);
  g_autofree char *participants = mreza_indicator_format_participants (&line->counts);

  /* Translators: what a team's linked joint actions add up to */
  g_string_append_printf (str, _("From joint actions: %s"), actions);
  if (line->counts.actions > 0)
    {
      g_string_append_c (str, '\n');
      g_string_append (str, participants);
    }
  if (line->value != NULL && line->value->note != NULL)
    {
      g_string_append_c (str, '\n');
      /* Translators: the note on where a value comes from */
      g_string_append_printf (str, _("Evidence: %s"), line->value->note);
    }
  if (why_not != NULL)
    {
      g_string_append_c (str, '\n');
      g_string_append (str, why_not);
    }
  return g_string_free (g_steal_pointer (&str), FALSE);
}

static GtkWidget *
line_row_new (MrezaIndicatorPage       *self,
              const MrezaIndicatorLine *line)
{
  const char *why_not = mreza_access_why_not (self->access, "indicator_value",
                                              line->team_id);
  g_autofree char *period = mreza_locale_format_period (NULL, line->period);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = line_subtitle (self, line, why_not);
  g_autofree char *value = format_value (self->indicator, line->value);
  MrezaDerivedMeasure measure = mreza_indicator_get_measure (self->indicator);
  GtkWidget *row;
  GtkWidget *label;

  /* Translators: a team and a reporting period, "Lokalni tim Niš · 2019." */
  title = g_strdup_printf (_("%s · %s"), line->team_name ? line->team_name : "",
                           period ? period : line->period);
  row = mreza_ui_row_new (title, subtitle);
  label = mreza_ui_row_add_value (row, value, line->value != NULL);
  if (line->value == NULL)
    gtk_widget_add_css_class (label, "dim-label");

  if (measure != MREZA_DERIVED_NONE)
    {
      gint64 n = mreza_derived_counts_get (&line->counts, measure);
      g_autofree char *num = mreza_locale_format_number (NULL, n);
      /* Translators: beside a team's value: the count its joint actions
       * give, %s is a number */
      g_autofree char *derived = g_strdup_printf (_("counted: %s"), num);
      g_autofree char *entered = NULL;
      gboolean differs;

      /* A value that disagrees with its joint actions is worth a look. */
      if (line->value != NULL)
        entered = g_strdup_printf ("%" G_GINT64_FORMAT, n);
      differs = entered != NULL && g_strcmp0 (entered, line->value->value) != 0;
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 mreza_ui_tag_new (derived,
                                                   differs ? "warning" : "accent"));
    }

  if (why_not != NULL)
    {
      GtkWidget *lock = gtk_image_new_from_icon_name ("changes-prevent-symbolic");

      gtk_widget_set_tooltip_text (lock, why_not);
      gtk_accessible_update_property (GTK_ACCESSIBLE (lock),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, why_not, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), lock);
    }
  else if (line->value != NULL)
    {
      g_autofree char *edit = g_strdup_printf (_("Edit the value of %s"), title);

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "indicator.edit");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s",
                                        line->value->id);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_widget_set_tooltip_text (row, edit);
    }
  return row;
}

static GtkWidget *
build_empty (MrezaIndicatorPage *self)
{
  GtkWidget *status = adw_status_page_new ();
  GtkWidget *button;

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status),
                                 "x-office-spreadsheet-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No Values Yet"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                   can_add (self)
                                   ? _("Add what your team reports for this indicator: choose the period, enter the value and say where it comes from. Joint actions you link to this indicator are counted here by themselves.")
                                   : _("No team has reported a value for this indicator yet, and this device may not add one."));
  gtk_widget_add_css_class (status, "compact");
  if (can_add (self))
    {
      button = gtk_button_new_with_mnemonic (_("_Add Value"));
      gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "pill");
      gtk_widget_add_css_class (button, "suggested-action");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "indicator.add");
      adw_status_page_set_child (ADW_STATUS_PAGE (status), button);
    }
  return status;
}

static GtkWidget *
build_values (MrezaIndicatorPage *self)
{
  GtkWidget *group;

  if (self->lines->len == 0)
    return build_empty (self);

  group = mreza_ui_group_new (_("Values by Team and Period"),
                              _("The value each team entered, beside what its joint actions linked to this indicator add up to."));
  for (guint i = 0; i < self->lines->len; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               line_row_new (self, g_ptr_array_index (self->lines, i)));
  return group;
}

static void
show_lines (MrezaIndicatorPage *self)
{
  g_autofree char *overline = NULL;

  mreza_ui_box_clear (self->content);
  /* Translators: above an indicator's text, "Indicator 1.2.3" */
  overline = g_strdup_printf (_("Indicator %d.%d.%d"), self->indicator->goal_number,
                              self->indicator->activity_number,
                              self->indicator->number);
  gtk_box_append (self->content,
                  mreza_ui_heading_new (overline, self->indicator->text, NULL));
  gtk_box_append (self->content, build_definition (self));
  self->values_group = build_values (self);
  gtk_box_append (self->content, self->values_group);
}

static void
lines_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MrezaIndicatorPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *lines;

  lines = mreza_detail_load_finish (MREZA_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  if (lines == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (error->message));
      lines = g_ptr_array_new_with_free_func ((GDestroyNotify) mreza_indicator_line_free);
    }
  g_clear_pointer (&self->lines, g_ptr_array_unref);
  self->lines = lines;
  show_lines (self);
}

/* The lines are read in a worker, on a connection of its own: an
 * indicator linked to many joint actions costs a scan of its links,
 * and the UI thread never waits on disk. A newer load replaces an
 * older one. */
static void
rebuild (MrezaIndicatorPage *self)
{
  g_assert (MREZA_IS_INDICATOR_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  mreza_detail_load_async (self->store,
                           (MrezaDetailLoader) mreza_indicator_list_lines,
                           (GDestroyNotify) g_ptr_array_unref,
                           self->indicator->id, self->cancellable,
                           lines_loaded_cb, g_object_ref (self));
}

/**
 * mreza_indicator_page_open:
 * @parent: (nullable): the main window
 * @store: the replica
 * @id: the indicator's UUID
 * @error: return location for a #GError
 *
 * Returns: (transfer none) (nullable): the presented page
 */
MrezaIndicatorPage *
mreza_indicator_page_open (GtkWindow   *parent,
                           MrezaStore  *store,
                           const char  *id,
                           GError     **error)
{
  MrezaIndicatorPage *self;
  g_autoptr(MrezaIndicator) indicator = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (MREZA_IS_STORE (store), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  indicator = mreza_indicator_load (mreza_store_get_db (store), id, error);
  if (indicator == NULL)
    return NULL;

  self = mreza_ui_window_new (MREZA_TYPE_INDICATOR_PAGE, parent);
  self->store = g_object_ref (store);
  self->access = mreza_access_load (store);
  self->indicator = g_steal_pointer (&indicator);

  title = g_strdup_printf (_("Indicator %d.%d.%d"), self->indicator->goal_number,
                           self->indicator->activity_number,
                           self->indicator->number);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title,
                                 mreza_indicator_kind_label (self->indicator->kind));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "indicator.add",
                                 can_add (self));
  if (!can_add (self))
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->add_button),
                                 mreza_access_why_not (self->access,
                                                       "indicator_value", NULL));
  rebuild (self);
  gtk_window_present (GTK_WINDOW (self));

  return self;
}

const MrezaIndicator *
mreza_indicator_page_get_indicator (MrezaIndicatorPage *self)
{
  g_return_val_if_fail (MREZA_IS_INDICATOR_PAGE (self), NULL);

  return self->indicator;
}

GPtrArray *
mreza_indicator_page_get_lines (MrezaIndicatorPage *self)
{
  g_return_val_if_fail (MREZA_IS_INDICATOR_PAGE (self), NULL);

  return self->lines;
}

/**
 * mreza_indicator_page_is_loading:
 *
 * Returns: whether the values are being read
 */
gboolean
mreza_indicator_page_is_loading (MrezaIndicatorPage *self)
{
  g_return_val_if_fail (MREZA_IS_INDICATOR_PAGE (self), FALSE);

  return self->cancellable != NULL;
}

AdwToast *
mreza_indicator_page_get_undo_toast (MrezaIndicatorPage *self)
{
  g_return_val_if_fail (MREZA_IS_INDICATOR_PAGE (self), NULL);

  return self->undo.toast;
}

/**
 * mreza_indicator_page_reload:
 *
 * Reads the values and counts again (after a joint action changed),
 * in a worker.
 */
void
mreza_indicator_page_reload (MrezaIndicatorPage *self)
{
  g_return_if_fail (MREZA_IS_INDICATOR_PAGE (self));

  rebuild (self);
}
