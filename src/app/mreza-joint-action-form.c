/* mreza-joint-action-form.c: the form that creates or edits a joint action
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A modal window over the main one. Every change of a field is read
 * back into a MrezaJointAction and checked by core field by field: the
 * row that is wrong turns red and says why in its title, and Save stays
 * off until nothing is wrong, so that nothing is saved half-way. The
 * save itself is one small transaction on the UI thread's connection.
 * Closing with changes that are not saved asks first.
 *
 * The form emits ::saved with the joint action's id, or ::deleted with
 * what was deleted (for the page's Undo), then closes.
 */
#define G_LOG_DOMAIN "mreza-joint-action-form"

#include "config.h"

#include "mreza-joint-action-form-private.h"

#include "mreza-labels.h"
#include "mreza-ui.h"
#include "mreza-util.h"

#include <glib/gi18n.h>

enum {
  SAVED,
  DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MrezaJointActionForm, mreza_joint_action_form, ADW_TYPE_WINDOW)

static const char *
choice_id (GPtrArray *choices,
           guint      index)
{
  if (choices == NULL || index >= choices->len)
    return NULL;
  return ((MrezaChoice *) g_ptr_array_index (choices, index))->id;
}

static guint
choice_index (GPtrArray  *choices,
              const char *id)
{
  for (guint i = 0; choices != NULL && i < choices->len; i++)
    if (g_strcmp0 (((MrezaChoice *) g_ptr_array_index (choices, i))->id, id) == 0)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

static char *
dup_entry_text (AdwEntryRow *row)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  g_strstrip (text);
  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

/* The widgets' values, into self->current. */
static void
read_fields (MrezaJointActionForm *self)
{
  MrezaJointAction *a = self->current;
  const char * const *kinds = mreza_joint_action_kinds ();
  guint kind = adw_combo_row_get_selected (self->kind_row);
  guint activity = adw_combo_row_get_selected (self->activity_row);

  g_free (a->date);
  a->date = dup_entry_text (self->date_row);
  g_free (a->kind);
  a->kind = kind < g_strv_length ((GStrv) kinds) ? g_strdup (kinds[kind]) : NULL;
  g_free (a->title);
  a->title = dup_entry_text (self->title_row);
  g_free (a->place);
  a->place = dup_entry_text (self->place_row);
  g_free (a->team_id);
  a->team_id = g_strdup (choice_id (self->teams,
                                    adw_combo_row_get_selected (self->team_row)));
  /* The first activity choice is "None". */
  g_free (a->activity_id);
  a->activity_id = activity > 0 ? g_strdup (choice_id (self->activities,
                                                       activity - 1))
                                : NULL;
  a->women = gtk_spin_button_get_value_as_int (self->women_spin);
  a->men = gtk_spin_button_get_value_as_int (self->men_spin);
  a->girls = gtk_spin_button_get_value_as_int (self->girls_spin);
  a->boys = gtk_spin_button_get_value_as_int (self->boys_spin);
  g_free (a->note);
  a->note = dup_entry_text (self->note_row);
  _mreza_link_picker_read (&self->institutions, a->institution_ids);
  _mreza_link_picker_read (&self->indicators, a->indicator_ids);
}

/* Shows @problem in the row's title, where the eye already is, and to
 * screen readers as the row's description. */
static void
show_problem (GtkWidget  *row,
              const char *title,
              const char *problem)
{
  if (problem != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), problem);
      gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                                   GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      problem, -1);
    }
  else
    {
      gtk_widget_remove_css_class (row, "error");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

static void
update_state (MrezaJointActionForm *self)
{
  g_autofree char *date = NULL;
  g_autofree char *title = NULL;
  gboolean valid;

  read_fields (self);
  valid = mreza_joint_action_validate (self->current, NULL);

  date = mreza_joint_action_check (self->current, MREZA_JOINT_ACTION_FIELD_DATE);
  show_problem (GTK_WIDGET (self->date_row), _("Date (year-month-day)"), date);
  /* A new form starts without a title: it is not wrong before the
   * person has typed one and taken it away. */
  if (self->title_touched)
    title = mreza_joint_action_check (self->current,
                                      MREZA_JOINT_ACTION_FIELD_TITLE);
  show_problem (GTK_WIDGET (self->title_row), _("Title"), title);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.save",
                                 valid && self->read_only == NULL &&
                                 (self->original->id == NULL ||
                                  mreza_joint_action_form_has_changes (self)));
}

static void
field_changed_cb (MrezaJointActionForm *self)
{
  g_assert (MREZA_IS_JOINT_ACTION_FORM (self));

  /* Filling the widgets, or before the form has an action at all. */
  if (self->filling || self->current == NULL)
    return;
  if (gtk_editable_get_text (GTK_EDITABLE (self->title_row))[0] != '\0')
    self->title_touched = TRUE;
  update_state (self);
}

static void
show_error (MrezaJointActionForm *self,
            const GError         *error)
{
  gtk_label_set_label (self->error_label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_group), TRUE);
}

void
_mreza_joint_action_form_save (MrezaJointActionForm *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (MREZA_IS_JOINT_ACTION_FORM (self));

  read_fields (self);
  if (!mreza_joint_action_save (self->store, self->current, &error))
    {
      show_error (self, error);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, self->current->id);
  self->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (self));
}

void
_mreza_joint_action_form_delete (MrezaJointActionForm *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrezaJointAction) snapshot = NULL;

  g_return_if_fail (MREZA_IS_JOINT_ACTION_FORM (self));
  g_return_if_fail (self->original->id != NULL);

  snapshot = mreza_joint_action_delete (self->store, self->original->id,
                                        &error);
  if (snapshot == NULL)
    {
      show_error (self, error);
      return;
    }

  g_signal_emit (self, signals[DELETED], 0, snapshot);
  self->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
form_save_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  _mreza_joint_action_form_save (MREZA_JOINT_ACTION_FORM (widget));
}

static void
form_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  _mreza_joint_action_form_delete (MREZA_JOINT_ACTION_FORM (widget));
}

static gboolean
close_idle_cb (gpointer user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

static void
discard_response_cb (AdwMessageDialog     *dialog,
                     const char           *response,
                     MrezaJointActionForm *self)
{
  if (g_strcmp0 (response, "discard") != 0)
    return;

  /* The form closes once the dialog, transient for it, has closed:
   * closing it from inside the dialog's response would free the
   * dialog's parent under it. */
  self->close_confirmed = TRUE;
  g_idle_add_full (G_PRIORITY_DEFAULT, close_idle_cb, g_object_ref (self),
                   g_object_unref);
}

static gboolean
mreza_joint_action_form_close_request (GtkWindow *window)
{
  MrezaJointActionForm *self = MREZA_JOINT_ACTION_FORM (window);
  GtkWidget *dialog;

  if (self->close_confirmed || !mreza_joint_action_form_has_changes (self))
    return GTK_WINDOW_CLASS (mreza_joint_action_form_parent_class)->close_request (window);

  dialog = adw_message_dialog_new (window, _("Discard Changes?"),
                                   _("This joint action has changes that are not saved. Discarded changes are lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog),
                                              "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog),
                                           "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog),
                                         "cancel");
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

static void
mreza_joint_action_form_dispose (GObject *object)
{
  MrezaJointActionForm *self = MREZA_JOINT_ACTION_FORM (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MREZA_TYPE_JOINT_ACTION_FORM);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (mreza_joint_action_form_parent_class)->dispose (object);
}

static void
mreza_joint_action_form_finalize (GObject *object)
{
  MrezaJointActionForm *self = MREZA_JOINT_ACTION_FORM (object);

  g_clear_pointer (&self->teams, g_ptr_array_unref);
  g_clear_pointer (&self->activities, g_ptr_array_unref);
  g_clear_pointer (&self->original, mreza_joint_action_free);
  g_clear_pointer (&self->current, mreza_joint_action_free);
  g_clear_pointer (&self->access, mreza_access_free);
  g_clear_pointer (&self->all_indicators, g_ptr_array_unref);
  g_clear_pointer (&self->indicators_for, g_free);
  _mreza_link_picker_clear (&self->institutions);
  _mreza_link_picker_clear (&self->indicators);

  G_OBJECT_CLASS (mreza_joint_action_form_parent_class)->finalize (object);
}

static void
mreza_joint_action_form_class_init (MrezaJointActionFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = mreza_joint_action_form_dispose;
  object_class->finalize = mreza_joint_action_form_finalize;
  window_class->close_request = mreza_joint_action_form_close_request;

  /**
   * MrezaJointActionForm::saved:
   * @id: the joint action's id
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass),
                                 G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * MrezaJointActionForm::deleted:
   * @snapshot: (type gpointer): the MrezaJointAction that was deleted,
   *   borrowed for the emission
   */
  signals[DELETED] = g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_POINTER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/rs/mreza/Mreza/mreza-joint-action-form.ui");
  gtk_widget_class_bind_template_child (widget_class, MrezaJointActionForm, window_title);
  gtk_widget_class_bind_template_child (widget_class, MrezaJointActionForm, save_button);
  gtk_widget_class_bind_template_child (widget_class, MrezaJointActionForm, error_group);
  gtk_widget_class_bind_template_child (widget_class, MrezaJointActionForm, error_label);
  gtk_widget_class_bind_template_child (widget_class, MrezaJointActionForm, date_row);
  gtk_widget_class_bind_template_child (widget_class, MrezaJointActionForm, kind_row);
  gtk_widget_class_bind_template_child (widget_class, MrezaJointActionForm, title_row);
  gtk_widget_class_bind_template_child (widget_class, MrezaJointActionForm, place_row);
  gtk_widget_class_bind_template_child (widget_class, MrezaJointActionForm, team_row);
  gtk_widget_class_bind_template_child (widget_class, MrezaJointActionForm, women_spin);
  gtk_widget_class_bind_template_child (widget_class, MrezaJointActionForm, men_spin);
  gtk_widget_class_bind_template_child (widget_class, MrezaJointActionForm, girls_spin);
  gtk_widget_class_bind_template_child (widget_class, MrezaJointActionForm, boys_spin);
  gtk_widget_class_bind_template_child (widget_class, MrezaJointActionForm, activity_row);
  gtk_widget_class_bind_template_child (widget_class, MrezaJointActionForm, note_row);
  gtk_widget_class_bind_template_child (widget_class, MrezaJointActionForm, delete_group);
  gtk_widget_class_bind_template_child (widget_class, MrezaJointActionForm, when_group);
  gtk_widget_class_bind_template_child (widget_class, MrezaJointActionForm, who_group);
  gtk_widget_class_bind_template_child (widget_class, MrezaJointActionForm, plan_group);
#define BIND_PICKER(name, field) \
  gtk_widget_class_bind_template_child_full (widget_class, #name "_" #field, FALSE, \
                                             G_STRUCT_OFFSET (MrezaJointActionForm, name.field))
  BIND_PICKER (institutions, group);
  BIND_PICKER (institutions, button);
  BIND_PICKER (institutions, popover);
  BIND_PICKER (institutions, search);
  BIND_PICKER (institutions, list);
  BIND_PICKER (indicators, group);
  BIND_PICKER (indicators, button);
  BIND_PICKER (indicators, popover);
  BIND_PICKER (indicators, search);
  BIND_PICKER (indicators, list);
#undef BIND_PICKER
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);

  gtk_widget_class_install_action (widget_class, "form.save", NULL,
                                   form_save_action);
  gtk_widget_class_install_action (widget_class, "form.delete", NULL,
                                   form_delete_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s,
                                       GDK_CONTROL_MASK, "form.save", NULL);
}

/* Without a search, the team's own members; with one, the directory. */
static GPtrArray *
institutions_search (gpointer    user_data,
                     const char *text)
{
  MrezaJointActionForm *self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *answers;

  answers = mreza_joint_action_find_institutions (mreza_store_get_db (self->store),
                                                  self->current ? self->current->team_id : NULL,
                                                  text, 50, &error);
  if (answers == NULL)
    g_warning ("Cannot search the institutions: %s", error->message);
  return answers;
}

/* The plan has a few hundred indicators: read once per linked activity
 * (whose own come first), matched here as the person types. */
static GPtrArray *
indicators_search (gpointer    user_data,
                   const char *text)
{
  MrezaJointActionForm *self = user_data;
  const char *activity = self->current ? self->current->activity_id : NULL;
  g_autofree char *query = mreza_fold_for_search (text);
  GPtrArray *answers = g_ptr_array_new ();

  if (self->all_indicators == NULL ||
      g_strcmp0 (self->indicators_for, activity) != 0)
    {
      g_autoptr(GError) error = NULL;

      g_clear_pointer (&self->all_indicators, g_ptr_array_unref);
      self->all_indicators = mreza_joint_action_list_indicators (mreza_store_get_db (self->store),
                                                                 activity, &error);
      if (self->all_indicators == NULL)
        {
          g_warning ("Cannot read the indicators: %s", error->message);
          return answers;
        }
      g_free (self->indicators_for);
      self->indicators_for = g_strdup (activity);
    }

  for (guint i = 0; i < self->all_indicators->len && answers->len < 100; i++)
    {
      MrezaChoice *choice = g_ptr_array_index (self->all_indicators, i);
      g_autofree char *folded = mreza_fold_for_search (choice->label);

      if (*query == '\0' || g_str_match_string (query, folded, TRUE))
        g_ptr_array_add (answers, choice);
    }
  return answers;
}

static void
mreza_joint_action_form_init (MrezaJointActionForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.save", FALSE);

  _mreza_link_picker_init (&self->institutions, "institution",
                           institutions_search, G_CALLBACK (field_changed_cb),
                           self);
  _mreza_link_picker_init (&self->indicators, "indicator", indicators_search,
                           G_CALLBACK (field_changed_cb), self);
}

static gboolean
load_choices (MrezaJointActionForm  *self,
              GError               **error)
{
  sqlite3 *db = mreza_store_get_db (self->store);
  const char * const *kinds = mreza_joint_action_kinds ();
  g_autoptr(GtkStringList) kind_list = gtk_string_list_new (NULL);
  g_autoptr(GListModel) teams = NULL;
  g_autoptr(GListModel) activities = NULL;
  const char *none;

  self->teams = mreza_joint_action_list_teams (db, error);
  if (self->teams == NULL)
    return FALSE;
  /* Only the teams the coordinator will accept this device's joint
   * actions for: a member's own. A form that only shows keeps all. */
  for (guint i = self->teams->len; self->read_only == NULL && i > 0; i--)
    if (!mreza_access_can_write (self->access, "joint_action",
                                 choice_id (self->teams, i - 1)))
      g_ptr_array_remove_index (self->teams, i - 1);
  self->activities = mreza_joint_action_list_activities (db, error);
  if (self->activities == NULL)
    return FALSE;

  for (guint i = 0; kinds[i] != NULL; i++)
    gtk_string_list_append (kind_list, mreza_action_kind_label (kinds[i]));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kind_list));
  teams = mreza_ui_choices_model_new (self->teams, NULL);
  adw_combo_row_set_model (self->team_row, teams);
  /* Translators: the linked activity of a joint action, when none */
  none = C_("activity", "None");
  activities = mreza_ui_choices_model_new (self->activities, none);
  adw_combo_row_set_model (self->activity_row, activities);

  return TRUE;
}

static void
fill_fields (MrezaJointActionForm   *self,
             const MrezaJointAction *a)
{
  const char * const *kinds = mreza_joint_action_kinds ();
  guint kind = 0;
  guint team = choice_index (self->teams, a->team_id);
  guint activity = choice_index (self->activities, a->activity_id);

  for (guint i = 0; kinds[i] != NULL; i++)
    if (g_strcmp0 (kinds[i], a->kind) == 0)
      kind = i;

  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), a->date ? a->date : "");
  adw_combo_row_set_selected (self->kind_row, kind);
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), a->title ? a->title : "");
  gtk_editable_set_text (GTK_EDITABLE (self->place_row), a->place ? a->place : "");
  adw_combo_row_set_selected (self->team_row,
                              team != GTK_INVALID_LIST_POSITION ? team : 0);
  adw_combo_row_set_selected (self->activity_row,
                              activity != GTK_INVALID_LIST_POSITION ? activity + 1 : 0);
  gtk_spin_button_set_value (self->women_spin, a->women);
  gtk_spin_button_set_value (self->men_spin, a->men);
  gtk_spin_button_set_value (self->girls_spin, a->girls);
  gtk_spin_button_set_value (self->boys_spin, a->boys);
  gtk_editable_set_text (GTK_EDITABLE (self->note_row), a->note ? a->note : "");
  self->filling = FALSE;
}

static MrezaJointAction *
new_action_defaults (const MrezaAccess *access)
{
  MrezaJointAction *action = mreza_joint_action_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  action->date = g_date_time_format (now, "%Y-%m-%d");
  action->kind = g_strdup ("training");
  /* A member's device records its own team's actions. */
  action->team_id = g_strdup (access->team_id);
  return action;
}

/* Another team's joint action is shown, not edited: the coordinator
 * would refuse the change, and it would hold back the outbox. */
static void
show_read_only (MrezaJointActionForm *self)
{
  GtkWidget *groups[] = {
    GTK_WIDGET (self->when_group), GTK_WIDGET (self->who_group),
    GTK_WIDGET (self->plan_group), GTK_WIDGET (self->institutions.group),
    GTK_WIDGET (self->indicators.group),
  };

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    gtk_widget_set_sensitive (groups[i], FALSE);
  gtk_label_set_label (self->error_label, self->read_only);
  gtk_widget_remove_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_group), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->save_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->delete_group), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.delete", FALSE);
  gtk_window_set_title (GTK_WINDOW (self), _("Joint Action"));
  adw_window_title_set_title (self->window_title, _("Joint Action"));
  adw_window_title_set_subtitle (self->window_title, _("Read only"));
}

/**
 * mreza_joint_action_form_new:
 * @parent: the window the form is modal for
 * @store: the replica
 * @id: (nullable): the joint action to edit, or %NULL for a new one
 * @error: return location for a #GError
 *
 * Returns: (transfer none) (nullable): the form, not yet presented; it
 *   is owned by GTK's list of toplevels and goes when it closes
 */
MrezaJointActionForm *
mreza_joint_action_form_new (GtkWindow   *parent,
                             MrezaStore  *store,
                             const char  *id,
                             GError     **error)
{
  MrezaJointActionForm *self;
  g_autoptr(MrezaJointAction) action = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (MREZA_IS_STORE (store), NULL);

  if (id != NULL)
    {
      action = mreza_joint_action_load (mreza_store_get_db (store), id, error);
      if (action == NULL)
        return NULL;
    }

  self = mreza_ui_window_new (MREZA_TYPE_JOINT_ACTION_FORM, parent);
  self->store = g_object_ref (store);
  self->access = mreza_access_load (store);
  if (action == NULL)
    action = new_action_defaults (self->access);
  else
    self->read_only = mreza_access_why_not (self->access, "joint_action",
                                            action->team_id);
  if (!load_choices (self, error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }

  fill_fields (self, action);
  self->filling = TRUE;
  _mreza_link_picker_set (&self->institutions, mreza_store_get_db (store),
                          action->institution_ids);
  _mreza_link_picker_set (&self->indicators, mreza_store_get_db (store),
                          action->indicator_ids);
  self->filling = FALSE;
  /* The original is read back from the widgets, so that a form nobody
   * touched compares equal whatever the widgets normalised. */
  self->current = mreza_joint_action_copy (action);
  read_fields (self);
  self->original = mreza_joint_action_copy (self->current);

  if (id != NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Joint Action"));
      adw_window_title_set_title (self->window_title, _("Edit Joint Action"));
      gtk_widget_set_visible (GTK_WIDGET (self->delete_group), TRUE);
      self->title_touched = TRUE;
    }
  if (self->read_only != NULL)
    show_read_only (self);
  update_state (self);

  return self;
}

const char *
mreza_joint_action_form_get_id (MrezaJointActionForm *self)
{
  g_return_val_if_fail (MREZA_IS_JOINT_ACTION_FORM (self), NULL);

  return self->original->id;
}

gboolean
mreza_joint_action_form_has_changes (MrezaJointActionForm *self)
{
  g_return_val_if_fail (MREZA_IS_JOINT_ACTION_FORM (self), FALSE);

  read_fields (self);
  return !mreza_joint_action_equal (self->original, self->current);
}
