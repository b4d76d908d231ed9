/* mreza-indicator-value-form.c: the form that adds or edits an
 * indicator's value for a team and period
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A MrezaForm over the indicator's page: the team (only those this
 * device may write for), the period, the value (a number, or yes/no,
 * or text, by the indicator's kind) and a note on the evidence. As in
 * the joint action form, every change is read back into a
 * MrezaIndicatorValue and checked by core field by field: a wrong row
 * turns red and says why in its title, and Save stays off. Below, the
 * counts the team's linked joint actions give for the period are shown
 * as they change, so that nobody types them twice.
 *
 * Emits ::saved with the value's id, or ::deleted with the deleted
 * value (for the page's Undo), then closes.
 */
#define G_LOG_DOMAIN "mreza-indicator-value-form"

#include "config.h"

#include "mreza-indicator-value-form-private.h"

#include "mreza-joint-actions.h"
#include "mreza-labels.h"
#include "mreza-locale.h"
#include "mreza-ui.h"

#include <glib/gi18n.h>

G_DEFINE_FINAL_TYPE (MrezaIndicatorValueForm, mreza_indicator_value_form, MREZA_TYPE_FORM)

/**
 * mreza_indicator_format_actions:
 *
 * Returns: (transfer full): "3 joint actions, of which 1 training"
 */
char *
mreza_indicator_format_actions (const MrezaDerivedCounts *counts)
{
  g_autofree char *n = mreza_locale_format_number (NULL, counts->actions);
  g_autofree char *t = mreza_locale_format_number (NULL, counts->trainings);
  g_autofree char *actions = NULL;
  g_autofree char *trainings = NULL;

  if (counts->actions == 0)
    return g_strdup (_("No linked joint actions in this period"));

  /* Translators: %s is a number */
  actions = g_strdup_printf (ngettext ("%s joint action", "%s joint actions",
                                       (gulong) counts->actions), n);
  if (counts->trainings == 0)
    return g_steal_pointer (&actions);
  /* Translators: %s is a number */
  trainings = g_strdup_printf (ngettext ("%s training", "%s trainings",
                                         (gulong) counts->trainings), t);
  /* Translators: joint actions, then how many of them were trainings */
  return g_strdup_printf (_("%s, of which %s"), actions, trainings);
}

/**
 * mreza_indicator_format_participants:
 *
 * Returns: (transfer full): "45 participants: 30 adults (20 women,
 *   10 men), 15 children (8 girls, 7 boys)"
 */
char *
mreza_indicator_format_participants (const MrezaDerivedCounts *counts)
{
  gint64 adults = counts->women + counts->men;
  gint64 children = counts->girls + counts->boys;
  g_autofree char *total = mreza_locale_format_number (NULL, adults + children);
  g_autofree char *a = mreza_locale_format_number (NULL, adults);
  g_autofree char *c = mreza_locale_format_number (NULL, children);
  g_autofree char *w = mreza_locale_format_number (NULL, counts->women);
  g_autofree char *m = mreza_locale_format_number (NULL, counts->men);
  g_autofree char *g = mreza_locale_format_number (NULL, counts->girls);
  g_autofree char *b = mreza_locale_format_number (NULL, counts->boys);
  g_autofree char *head = NULL;

  /* Translators: %s is a number */
  head = g_strdup_printf (ngettext ("%s participant", "%s participants",
                                    (gulong) (adults + children)), total);
  /* Translators: participants in all, then adults (women, men) and
   * children (girls, boys), each a number */
  return g_strdup_printf (_("%s: %s adults (%s women, %s men), %s children (%s girls, %s boys)"),
                          head, a, w, m, c, g, b);
}

static const char *
choice_id (GPtrArray *choices,
           guint      index)
{
  if (choices == NULL || index >= choices->len)
    return NULL;
  return ((MrezaChoice *) g_ptr_array_index (choices, index))->id;
}

static void
read_fields (MrezaIndicatorValueForm *self)
{
  MrezaIndicatorValue *v = self->current;

  g_free (v->team_id);
  v->team_id = g_strdup (choice_id (self->teams,
                                    adw_combo_row_get_selected (self->team_row)));
  g_free (v->period);
  v->period = mreza_form_dup_text ((GtkWidget *) self->period_row);
  g_free (v->value);
  if (g_strcmp0 (v->kind, "yes_no") == 0)
    {
      /* The choices are "not said", "yes" and "no". */
      guint sel = adw_combo_row_get_selected (self->yes_no_row);

      v->value = sel == 1 ? g_strdup ("yes") : sel == 2 ? g_strdup ("no") : NULL;
    }
  else
    v->value = mreza_form_dup_text ((GtkWidget *) self->value_row);
  g_free (v->note);
  v->note = mreza_form_dup_text ((GtkWidget *) self->note_row);
}

static const char *
value_title (MrezaIndicatorValueForm *self)
{
  if (g_strcmp0 (self->current->kind, "percentage") == 0)
    return _("Value (percent, 0 to 100)");
  if (g_strcmp0 (self->current->kind, "text") == 0)
    return _("What was achieved");
  return _("Value (a whole number)");
}

/* The counts of the linked joint actions for the team and period the
 * form names; one indexed aggregate, cheap enough for every change. */
static void
update_derived (MrezaIndicatorValueForm *self)
{
  g_autofree char *period = mreza_indicator_period_normalize (self->current->period);
  MrezaDerivedCounts counts = { 0 };
  g_autofree char *actions = NULL;
  g_autofree char *participants = NULL;
  g_autoptr(GError) error = NULL;

  if (period == NULL || self->current->team_id == NULL)
    {
      adw_action_row_set_subtitle (self->derived_actions_row,
                                   _("Choose the team and period first"));
      gtk_widget_set_visible (GTK_WIDGET (self->derived_participants_row), FALSE);
      return;
    }
  if (!mreza_indicator_count (mreza_store_get_db (self->store),
                              self->current->indicator_id,
                              self->current->team_id, period, &counts, &error))
    g_warning ("Cannot count the joint actions: %s", error->message);

  actions = mreza_indicator_format_actions (&counts);
  participants = mreza_indicator_format_participants (&counts);
  adw_action_row_set_subtitle (self->derived_actions_row, actions);
  adw_action_row_set_subtitle (self->derived_participants_row, participants);
  gtk_widget_set_visible (GTK_WIDGET (self->derived_participants_row),
                          counts.actions > 0);
}

static gboolean
mreza_indicator_value_form_check (MrezaForm *form)
{
  MrezaIndicatorValueForm *self = MREZA_INDICATOR_VALUE_FORM (form);
  g_autofree char *period = NULL;
  g_autofree char *value = NULL;
  g_autofree char *unique = NULL;
  gboolean valid;

  /* Before the form has a value at all. */
  if (self->current == NULL)
    return FALSE;
  read_fields (self);
  valid = mreza_indicator_value_validate (self->current, NULL);
  if (valid)
    unique = mreza_indicator_value_check_unique (mreza_store_get_db (self->store),
                                                 self->current);

  /* A field nobody has typed in yet is not wrong. */
  if (self->period_touched)
    period = mreza_indicator_value_check (self->current,
                                          MREZA_INDICATOR_VALUE_FIELD_PERIOD);
  if (period == NULL && unique != NULL)
    period = g_strdup (unique);
  mreza_form_show_problem (GTK_WIDGET (self->period_row),
                           _("Period (a year such as 2019, or a quarter such as 2019-Q3)"),
                           period);
  if (self->value_touched)
    value = mreza_indicator_value_check (self->current,
                                         MREZA_INDICATOR_VALUE_FIELD_VALUE);
  if (g_strcmp0 (self->current->kind, "yes_no") == 0)
    mreza_form_show_problem (GTK_WIDGET (self->yes_no_row), _("Achieved"), value);
  else
    mreza_form_show_problem (GTK_WIDGET (self->value_row), value_title (self),
                             value);

  update_derived (self);
  return valid && unique == NULL;
}

static gboolean
mreza_indicator_value_form_real_has_changes (MrezaForm *form)
{
  MrezaIndicatorValueForm *self = MREZA_INDICATOR_VALUE_FORM (form);

  return self->current != NULL &&
         !mreza_indicator_value_equal (self->original, self->current);
}

static char *
mreza_indicator_value_form_save (MrezaForm  *form,
                                 GError    **error)
{
  MrezaIndicatorValueForm *self = MREZA_INDICATOR_VALUE_FORM (form);

  read_fields (self);
  if (!mreza_indicator_value_save (self->store, self->current, error))
    return NULL;
  return g_strdup (self->current->id);
}

static gpointer
mreza_indicator_value_form_delete (MrezaForm  *form,
                                   GError    **error)
{
  MrezaIndicatorValueForm *self = MREZA_INDICATOR_VALUE_FORM (form);

  g_assert (self->original->id != NULL);

  return mreza_indicator_value_delete (self->store, self->original->id, error);
}

static void
field_changed_cb (MrezaIndicatorValueForm *self)
{
  g_assert (MREZA_IS_INDICATOR_VALUE_FORM (self));

  if (self->current == NULL)
    return;
  if (gtk_editable_get_text (GTK_EDITABLE (self->period_row))[0] != '\0')
    self->period_touched = TRUE;
  if (gtk_editable_get_text (GTK_EDITABLE (self->value_row))[0] != '\0' ||
      adw_combo_row_get_selected (self->yes_no_row) > 0)
    self->value_touched = TRUE;
  mreza_form_changed (MREZA_FORM (self));
}

static void
mreza_indicator_value_form_dispose (GObject *object)
{
  MrezaIndicatorValueForm *self = MREZA_INDICATOR_VALUE_FORM (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MREZA_TYPE_INDICATOR_VALUE_FORM);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (mreza_indicator_value_form_parent_class)->dispose (object);
}

static void
mreza_indicator_value_form_finalize (GObject *object)
{
  MrezaIndicatorValueForm *self = MREZA_INDICATOR_VALUE_FORM (object);

  g_clear_pointer (&self->teams, g_ptr_array_unref);
  g_clear_pointer (&self->original, mreza_indicator_value_free);
  g_clear_pointer (&self->current, mreza_indicator_value_free);

  G_OBJECT_CLASS (mreza_indicator_value_form_parent_class)->finalize (object);
}

static void
mreza_indicator_value_form_class_init (MrezaIndicatorValueFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MrezaFormClass *form_class = MREZA_FORM_CLASS (klass);

  object_class->dispose = mreza_indicator_value_form_dispose;
  object_class->finalize = mreza_indicator_value_form_finalize;
  form_class->check = mreza_indicator_value_form_check;
  form_class->has_changes = mreza_indicator_value_form_real_has_changes;
  form_class->save = mreza_indicator_value_form_save;
  form_class->delete = mreza_indicator_value_form_delete;
  form_class->free_snapshot = (GDestroyNotify) mreza_indicator_value_free;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/rs/mreza/Mreza/mreza-indicator-value-form.ui");
  gtk_widget_class_bind_template_child (widget_class, MrezaIndicatorValueForm, value_group);
  gtk_widget_class_bind_template_child (widget_class, MrezaIndicatorValueForm, team_row);
  gtk_widget_class_bind_template_child (widget_class, MrezaIndicatorValueForm, period_row);
  gtk_widget_class_bind_template_child (widget_class, MrezaIndicatorValueForm, value_row);
  gtk_widget_class_bind_template_child (widget_class, MrezaIndicatorValueForm, yes_no_row);
  gtk_widget_class_bind_template_child (widget_class, MrezaIndicatorValueForm, note_row);
  gtk_widget_class_bind_template_child (widget_class, MrezaIndicatorValueForm, derived_group);
  gtk_widget_class_bind_template_child (widget_class, MrezaIndicatorValueForm, derived_actions_row);
  gtk_widget_class_bind_template_child (widget_class, MrezaIndicatorValueForm, derived_participants_row);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
}

static void
mreza_indicator_value_form_init (MrezaIndicatorValueForm *self)
{
  g_autoptr(GtkStringList) yes_no = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Translators: a yes/no indicator's value before one is chosen */
  gtk_string_list_append (yes_no, _("Choose"));
  gtk_string_list_append (yes_no, _("Yes"));
  gtk_string_list_append (yes_no, _("No"));
  adw_combo_row_set_model (self->yes_no_row, G_LIST_MODEL (yes_no));
}

/* The teams this device may enter values for: its own when it is a
 * member's, every team otherwise. */
static gboolean
load_teams (MrezaIndicatorValueForm  *self,
            const MrezaAccess        *access,
            GError                  **error)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  all = mreza_joint_action_list_teams (mreza_store_get_db (self->store), error);
  if (all == NULL)
    return FALSE;

  self->teams = g_ptr_array_new_with_free_func ((GDestroyNotify) mreza_choice_free);
  for (guint i = 0; i < all->len; i++)
    {
      MrezaChoice *choice = g_ptr_array_index (all, i);
      g_autofree char *label = NULL;

      if (!mreza_access_can_write (access, "indicator_value", choice->id))
        continue;
      label = mreza_display_text (choice->label);
      gtk_string_list_append (names, label);
      g_ptr_array_add (self->teams, g_steal_pointer (&all->pdata[i]));
    }
  adw_combo_row_set_model (self->team_row, G_LIST_MODEL (names));
  return TRUE;
}

static void
fill_fields (MrezaIndicatorValueForm   *self,
             const MrezaIndicatorValue *v)
{
  guint team = 0;

  for (guint i = 0; i < self->teams->len; i++)
    if (g_strcmp0 (choice_id (self->teams, i), v->team_id) == 0)
      team = i;

  adw_combo_row_set_selected (self->team_row, team);
  mreza_form_set_text (GTK_WIDGET (self->period_row), v->period);
  mreza_form_set_text (GTK_WIDGET (self->value_row),
                       g_strcmp0 (v->kind, "yes_no") != 0 ? v->value : NULL);
  adw_combo_row_set_selected (self->yes_no_row,
                              g_strcmp0 (v->value, "yes") == 0 ? 1 :
                              g_strcmp0 (v->value, "no") == 0 ? 2 : 0);
  mreza_form_set_text (GTK_WIDGET (self->note_row), v->note);

  gtk_widget_set_visible (GTK_WIDGET (self->value_row),
                          g_strcmp0 (v->kind, "yes_no") != 0);
  gtk_widget_set_visible (GTK_WIDGET (self->yes_no_row),
                          g_strcmp0 (v->kind, "yes_no") == 0);
}

static MrezaIndicatorValue *
new_value_defaults (const MrezaIndicator *indicator,
                    const MrezaAccess    *access)
{
  MrezaIndicatorValue *value = mreza_indicator_value_new (indicator);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  /* The year that is ending is the one usually reported. */
  value->period = g_date_time_format (now, "%Y");
  value->team_id = g_strdup (access->team_id);
  return value;
}

/* Another team's value is shown, not edited: the coordinator would
 * refuse the change. The page offers no such edit; this is the form's
 * own guard, with the reason at the top. */
static void
apply_access (MrezaIndicatorValueForm *self,
              const MrezaAccess       *access,
              const char              *team_id)
{
  const char *why = mreza_access_why_not (access, "indicator_value", team_id);

  if (why == NULL)
    {
      mreza_form_set_deletable (MREZA_FORM (self), _("_Delete Value"), NULL);
      return;
    }
  mreza_form_set_locked (MREZA_FORM (self), why);
  gtk_widget_set_sensitive (GTK_WIDGET (self->value_group), FALSE);
}

/**
 * mreza_indicator_value_form_new:
 * @parent: the window the form is modal for
 * @store: the replica
 * @access: what this device may write
 * @indicator: the indicator
 * @id: (nullable): the value to edit, or %NULL for a new one
 * @error: return location for a #GError
 *
 * Returns: (transfer none) (nullable): the form, not yet presented
 */
MrezaIndicatorValueForm *
mreza_indicator_value_form_new (GtkWindow            *parent,
                                MrezaStore           *store,
                                const MrezaAccess    *access,
                                const MrezaIndicator *indicator,
                                const char           *id,
                                GError              **error)
{
  MrezaIndicatorValueForm *self;
  g_autoptr(MrezaIndicatorValue) value = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (MREZA_IS_STORE (store), NULL);
  g_return_val_if_fail (access != NULL && indicator != NULL, NULL);

  if (id != NULL)
    {
      value = mreza_indicator_value_load (mreza_store_get_db (store), id, error);
      if (value == NULL)
        return NULL;
    }
  else
    value = new_value_defaults (indicator, access);

  self = mreza_ui_window_new (MREZA_TYPE_INDICATOR_VALUE_FORM, parent);
  self->store = g_object_ref (store);
  mreza_form_set_filling (MREZA_FORM (self), TRUE);
  if (!load_teams (self, access, error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }

  fill_fields (self, value);
  /* The original is read back from the widgets, so that a form nobody
   * touched compares equal whatever the widgets normalised. */
  self->current = mreza_indicator_value_copy (value);
  read_fields (self);
  self->original = mreza_indicator_value_copy (self->current);

  mreza_form_set_discard_text (MREZA_FORM (self),
                               _("This value has changes that are not saved. "
                                 "Discarded changes are lost."));
  mreza_form_set_is_new (MREZA_FORM (self), id == NULL);
  if (id != NULL)
    {
      mreza_form_set_heading (MREZA_FORM (self), _("Edit Value"),
                              indicator->text);
      apply_access (self, access, value->team_id);
      self->period_touched = self->value_touched = TRUE;
    }
  else
    mreza_form_set_heading (MREZA_FORM (self), _("New Value"),
                            indicator->text);
  mreza_form_set_filling (MREZA_FORM (self), FALSE);

  return self;
}

gboolean
mreza_indicator_value_form_has_changes (MrezaIndicatorValueForm *self)
{
  g_return_val_if_fail (MREZA_IS_INDICATOR_VALUE_FORM (self), FALSE);

  return mreza_form_has_changes (MREZA_FORM (self));
}
