/* mreza-joint-action-form.c: the form that creates or edits a joint action
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built on MrezaForm, its groups listed in its own template. Every
 * change of a field is read back into a MrezaJointAction and checked by
 * core field by field: the row that is wrong turns red and says why in
 * its title, and Save stays off until nothing is wrong, so that nothing
 * is saved half-way. The save itself is one small transaction on the UI
 * thread's connection. Closing with changes that are not saved asks
 * first (MrezaForm).
 *
 * The form emits ::saved with the joint action's id, or ::deleted with
 * the MrezaJointAction deleted (for the page's Undo), then closes.
 */
#define G_LOG_DOMAIN "mreza-joint-action-form"

#include "config.h"

#include "mreza-joint-action-form-private.h"

#include "mreza-labels.h"
#include "mreza-ui.h"
#include "mreza-util.h"

#include <glib/gi18n.h>

G_DEFINE_FINAL_TYPE (MrezaJointActionForm, mreza_joint_action_form, MREZA_TYPE_FORM)

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

/* The widgets' values, into self->current. */
static void
read_fields (MrezaJointActionForm *self)
{
  MrezaJointAction *a = self->current;
  const char * const *kinds = mreza_joint_action_kinds ();
  guint kind = adw_combo_row_get_selected (self->kind_row);
  guint activity = adw_combo_row_get_selected (self->activity_row);

  g_free (a->date);
  a->date = mreza_form_dup_text ((GtkWidget *) self->date_row);
  g_free (a->kind);
  a->kind = kind < g_strv_length ((GStrv) kinds) ? g_strdup (kinds[kind]) : NULL;
  g_free (a->title);
  a->title = mreza_form_dup_text ((GtkWidget *) self->title_row);
  g_free (a->place);
  a->place = mreza_form_dup_text ((GtkWidget *) self->place_row);
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
  a->note = mreza_form_dup_text ((GtkWidget *) self->note_row);
  _mreza_link_picker_read (&self->institutions, a->institution_ids);
  _mreza_link_picker_read (&self->indicators, a->indicator_ids);
}

static gboolean
mreza_joint_action_form_check (MrezaForm *form)
{
  MrezaJointActionForm *self = MREZA_JOINT_ACTION_FORM (form);
  g_autofree char *date = NULL;
  g_autofree char *title = NULL;

  /* Before the form has an action at all. */
  if (self->current == NULL)
    return FALSE;
  read_fields (self);

  date = mreza_joint_action_check (self->current, MREZA_JOINT_ACTION_FIELD_DATE);
  mreza_form_show_problem (GTK_WIDGET (self->date_row),
                           _("Date (year-month-day)"), date);
  /* A new form starts without a title: it is not wrong before the
   * person has typed one and taken it away. */
  if (self->title_touched)
    title = mreza_joint_action_check (self->current,
                                      MREZA_JOINT_ACTION_FIELD_TITLE);
  mreza_form_show_problem (GTK_WIDGET (self->title_row), _("Title"), title);

  return mreza_joint_action_validate (self->current, NULL);
}

static gboolean
mreza_joint_action_form_real_has_changes (MrezaForm *form)
{
  MrezaJointActionForm *self = MREZA_JOINT_ACTION_FORM (form);

  return self->current != NULL &&
         !mreza_joint_action_equal (self->original, self->current);
}

static char *
mreza_joint_action_form_save (MrezaForm  *form,
                              GError    **error)
{
  MrezaJointActionForm *self = MREZA_JOINT_ACTION_FORM (form);

  read_fields (self);
  if (!mreza_joint_action_save (self->store, self->current, error))
    return NULL;
  return g_strdup (self->current->id);
}

static gpointer
mreza_joint_action_form_delete (MrezaForm  *form,
                                GError    **error)
{
  MrezaJointActionForm *self = MREZA_JOINT_ACTION_FORM (form);

  g_assert (self->original->id != NULL);

  return mreza_joint_action_delete (self->store, self->original->id, error);
}

static void
field_changed_cb (MrezaJointActionForm *self)
{
  g_assert (MREZA_IS_JOINT_ACTION_FORM (self));

  if (gtk_editable_get_text (GTK_EDITABLE (self->title_row))[0] != '\0')
    self->title_touched = TRUE;
  mreza_form_changed (MREZA_FORM (self));
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
  MrezaFormClass *form_class = MREZA_FORM_CLASS (klass);

  object_class->dispose = mreza_joint_action_form_dispose;
  object_class->finalize = mreza_joint_action_form_finalize;
  form_class->check = mreza_joint_action_form_check;
  form_class->has_changes = mreza_joint_action_form_real_has_changes;
  form_class->save = mreza_joint_action_form_save;
  form_class->delete = mreza_joint_action_form_delete;
  form_class->free_snapshot = (GDestroyNotify) mreza_joint_action_free;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/rs/mreza/Mreza/mreza-joint-action-form.ui");
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

  mreza_form_set_text (GTK_WIDGET (self->date_row), a->date);
  adw_combo_row_set_selected (self->kind_row, kind);
  mreza_form_set_text (GTK_WIDGET (self->title_row), a->title);
  mreza_form_set_text (GTK_WIDGET (self->place_row), a->place);
  adw_combo_row_set_selected (self->team_row,
                              team != GTK_INVALID_LIST_POSITION ? team : 0);
  adw_combo_row_set_selected (self->activity_row,
                              activity != GTK_INVALID_LIST_POSITION ? activity + 1 : 0);
  gtk_spin_button_set_value (self->women_spin, a->women);
  gtk_spin_button_set_value (self->men_spin, a->men);
  gtk_spin_button_set_value (self->girls_spin, a->girls);
  gtk_spin_button_set_value (self->boys_spin, a->boys);
  mreza_form_set_text (GTK_WIDGET (self->note_row), a->note);
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
 * would refuse the change, and it would hold back the outbox. The form
 * says why at the top, and has neither Save nor Delete. */
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
  mreza_form_set_locked (MREZA_FORM (self), self->read_only);
  gtk_widget_set_visible (mreza_form_get_save_button (MREZA_FORM (self)),
                          FALSE);
  mreza_form_set_heading (MREZA_FORM (self), _("Joint Action"),
                          _("Read only"));
}

/* Loads the choices and fills the widgets from @action; the original
 * is then read back from the widgets, so that a form nobody touched
 * compares equal whatever the widgets normalised. */
static gboolean
fill_form (MrezaJointActionForm    *self,
           const MrezaJointAction  *action,
           GError                 **error)
{
  sqlite3 *db = mreza_store_get_db (self->store);

  mreza_form_set_filling (MREZA_FORM (self), TRUE);
  if (!load_choices (self, error))
    return FALSE;
  fill_fields (self, action);
  _mreza_link_picker_set (&self->institutions, db, action->institution_ids);
  _mreza_link_picker_set (&self->indicators, db, action->indicator_ids);
  self->current = mreza_joint_action_copy (action);
  read_fields (self);
  self->original = mreza_joint_action_copy (self->current);
  return TRUE;
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
  if (!fill_form (self, action, error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }

  mreza_form_set_discard_text (MREZA_FORM (self),
                               _("This joint action has changes that are not "
                                 "saved. Discarded changes are lost."));
  mreza_form_set_is_new (MREZA_FORM (self), id == NULL);
  if (self->read_only != NULL)
    show_read_only (self);
  else if (id != NULL)
    {
      mreza_form_set_heading (MREZA_FORM (self), _("Edit Joint Action"), NULL);
      mreza_form_set_deletable (MREZA_FORM (self), _("_Delete Joint Action"),
                                NULL);
    }
  else
    mreza_form_set_heading (MREZA_FORM (self), _("New Joint Action"), NULL);
  self->title_touched = id != NULL;
  mreza_form_set_filling (MREZA_FORM (self), FALSE);

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

  return mreza_form_has_changes (MREZA_FORM (self));
}
