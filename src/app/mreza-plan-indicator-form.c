/* mreza-plan-indicator-form.c: the form that edits an indicator of the
 * plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The indicator's number, what it measures, its kind and its target,
 * on MrezaForm like the task form (mreza-plan-task-form.c): each row
 * says inline what is wrong with it, and a member's device sees the
 * form locked with the reason. A yes/no indicator's target is always
 * yes, so its target row is off. An indicator that teams have entered
 * values for is not deleted (mreza_plan_indicator_why_not_delete()).
 * Its values are MrezaIndicatorValueForm's.
 */
#define G_LOG_DOMAIN "mreza-plan-indicator-form"

#include "config.h"

#include "mreza-plan-indicator-form-private.h"

#include "mreza-labels.h"
#include "mreza-plan-form-rows.h"

#include <glib/gi18n.h>

G_DEFINE_FINAL_TYPE (MrezaPlanIndicatorForm, mreza_plan_indicator_form,
                     MREZA_TYPE_FORM)

static guint
kind_index (const char *kind)
{
  const char * const *kinds = mreza_plan_indicator_kinds ();

  for (guint i = 0; kinds[i] != NULL; i++)
    if (g_strcmp0 (kinds[i], kind) == 0)
      return i;
  return 0;
}

static void
read_fields (MrezaPlanIndicatorForm *self)
{
  MrezaPlanIndicator *ind = self->current;
  const char * const *kinds = mreza_plan_indicator_kinds ();
  guint kind = adw_combo_row_get_selected (ADW_COMBO_ROW (self->kind_row));

  ind->number = mreza_plan_form_read_number (self->number_row);
  g_free (ind->text);
  ind->text = mreza_form_dup_text (self->text_row);
  g_free (ind->kind);
  ind->kind = kind < g_strv_length ((GStrv) kinds) ? g_strdup (kinds[kind])
                                                   : NULL;
  g_free (ind->target);
  ind->target = g_strcmp0 (ind->kind, "yes_no") != 0
                ? mreza_form_dup_text (self->target_row) : NULL;
}

static gboolean
mreza_plan_indicator_form_check (MrezaForm *form)
{
  MrezaPlanIndicatorForm *self = MREZA_PLAN_INDICATOR_FORM (form);
  g_autofree char *number = NULL;
  g_autofree char *text = NULL;
  g_autofree char *target = NULL;

  if (self->current == NULL)
    return FALSE;
  read_fields (self);

  gtk_widget_set_sensitive (self->target_row,
                            !mreza_form_get_locked (form) &&
                            g_strcmp0 (self->current->kind, "yes_no") != 0);
  number = mreza_plan_indicator_check (self->current,
                                       MREZA_PLAN_INDICATOR_FIELD_NUMBER);
  mreza_form_show_problem (self->number_row, _("Number"), number);
  text = mreza_plan_indicator_check (self->current,
                                     MREZA_PLAN_INDICATOR_FIELD_TEXT);
  mreza_form_show_problem (self->text_row, _("Indicator"), text);
  target = mreza_plan_indicator_check (self->current,
                                       MREZA_PLAN_INDICATOR_FIELD_TARGET);
  mreza_form_show_problem (self->target_row, _("Target"), target);

  return mreza_plan_indicator_validate (self->current, NULL);
}

static gboolean
mreza_plan_indicator_form_has_changes (MrezaForm *form)
{
  MrezaPlanIndicatorForm *self = MREZA_PLAN_INDICATOR_FORM (form);

  return self->current != NULL &&
         !mreza_plan_indicator_equal (self->original, self->current);
}

static char *
mreza_plan_indicator_form_save (MrezaForm  *form,
                                GError    **error)
{
  MrezaPlanIndicatorForm *self = MREZA_PLAN_INDICATOR_FORM (form);

  read_fields (self);
  if (!mreza_plan_indicator_save (self->store, self->current, error))
    return NULL;
  return g_strdup (self->current->id);
}

static gpointer
mreza_plan_indicator_form_delete (MrezaForm  *form,
                                  GError    **error)
{
  MrezaPlanIndicatorForm *self = MREZA_PLAN_INDICATOR_FORM (form);

  g_return_val_if_fail (self->original->id != NULL, NULL);

  return mreza_plan_indicator_delete (self->store, self->original->id, error);
}

static void
mreza_plan_indicator_form_dispose (GObject *object)
{
  MrezaPlanIndicatorForm *self = MREZA_PLAN_INDICATOR_FORM (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (mreza_plan_indicator_form_parent_class)->dispose (object);
}

static void
mreza_plan_indicator_form_finalize (GObject *object)
{
  MrezaPlanIndicatorForm *self = MREZA_PLAN_INDICATOR_FORM (object);

  g_clear_pointer (&self->original, mreza_plan_indicator_free);
  g_clear_pointer (&self->current, mreza_plan_indicator_free);

  G_OBJECT_CLASS (mreza_plan_indicator_form_parent_class)->finalize (object);
}

static void
mreza_plan_indicator_form_class_init (MrezaPlanIndicatorFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  MrezaFormClass *form_class = MREZA_FORM_CLASS (klass);

  object_class->dispose = mreza_plan_indicator_form_dispose;
  object_class->finalize = mreza_plan_indicator_form_finalize;
  form_class->check = mreza_plan_indicator_form_check;
  form_class->has_changes = mreza_plan_indicator_form_has_changes;
  form_class->save = mreza_plan_indicator_form_save;
  form_class->delete = mreza_plan_indicator_form_delete;
  form_class->free_snapshot = (GDestroyNotify) mreza_plan_indicator_free;
}

static void
mreza_plan_indicator_form_init (MrezaPlanIndicatorForm *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self), 520, 460);
}

static void
build_rows (MrezaPlanIndicatorForm *self)
{
  MrezaForm *form = MREZA_FORM (self);
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  const char * const *codes = mreza_plan_indicator_kinds ();

  for (guint i = 0; codes[i] != NULL; i++)
    gtk_string_list_append (kinds, mreza_indicator_kind_label (codes[i]));

  self->number_row = mreza_plan_form_row_new (form, _("Number"),
                                              _("Indicator number"), TRUE);
  self->text_row = mreza_plan_form_row_new (form, _("Indicator"),
                                            _("Indicator"), FALSE);
  self->kind_row = mreza_form_combo_row_new (form, _("Kind"),
                                             G_LIST_MODEL (kinds));
  self->target_row = mreza_plan_form_row_new (form, _("Target"), _("Target"),
                                              FALSE);
  gtk_widget_set_tooltip_text (self->target_row,
                               _("A number for a count or a percentage; a "
                                 "yes/no indicator’s target is yes"));

  adw_preferences_group_add (group, self->number_row);
  adw_preferences_group_add (group, self->text_row);
  adw_preferences_group_add (group, self->kind_row);
  adw_preferences_group_add (group, self->target_row);
  mreza_form_add_group (form, GTK_WIDGET (group));
}

static void
fill_fields (MrezaPlanIndicatorForm   *self,
             const MrezaPlanIndicator *ind)
{
  mreza_plan_form_set_number (self->number_row, ind->number);
  mreza_form_set_text (self->text_row, ind->text);
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->kind_row),
                              kind_index (ind->kind));
  mreza_form_set_text (self->target_row, ind->target);
}

static void
apply_access (MrezaPlanIndicatorForm *self,
              const MrezaAccess      *access,
              const char             *id)
{
  GtkWidget *rows[] = { self->number_row, self->text_row, self->kind_row,
                        self->target_row };

  mreza_plan_form_apply_access (MREZA_FORM (self), access, "indicator",
                                id != NULL ? _("_Delete Indicator") : NULL,
                                id != NULL
                                ? mreza_plan_indicator_why_not_delete (mreza_store_get_db (self->store),
                                                                       id)
                                : NULL,
                                rows, G_N_ELEMENTS (rows));
}

static MrezaPlanIndicator *
load_indicator (MrezaStore  *store,
                const char  *activity_id,
                const char  *id,
                GError     **error)
{
  sqlite3 *db = mreza_store_get_db (store);
  MrezaPlanIndicator *ind;

  if (id != NULL)
    return mreza_plan_indicator_load (db, id, error);
  ind = mreza_plan_indicator_new (activity_id);
  ind->number = mreza_plan_indicator_next_number (db, activity_id);
  return ind;
}

/**
 * mreza_plan_indicator_form_new:
 * @parent: the window the form is modal for
 * @store: the replica
 * @access: (nullable): what this device may write; %NULL for anything
 * @activity_id: the activity a new indicator is added to
 * @id: (nullable): the indicator to edit, or %NULL for a new one
 * @error: return location for a #GError
 *
 * Returns: (transfer none) (nullable): the form, not yet presented
 */
MrezaPlanIndicatorForm *
mreza_plan_indicator_form_new (GtkWindow          *parent,
                               MrezaStore         *store,
                               const MrezaAccess  *access,
                               const char         *activity_id,
                               const char         *id,
                               GError            **error)
{
  MrezaPlanIndicatorForm *self;
  g_autoptr(MrezaPlanIndicator) ind = NULL;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (MREZA_IS_STORE (store), NULL);
  g_return_val_if_fail (activity_id != NULL || id != NULL, NULL);

  ind = load_indicator (store, activity_id, id, error);
  if (ind == NULL)
    return NULL;

  self = g_object_new (MREZA_TYPE_PLAN_INDICATOR_FORM, "transient-for",
                       parent, NULL);
  if (parent != NULL && gtk_window_get_application (parent) != NULL)
    gtk_window_set_application (GTK_WINDOW (self),
                                gtk_window_get_application (parent));
  self->store = g_object_ref (store);

  mreza_form_set_filling (MREZA_FORM (self), TRUE);
  build_rows (self);
  if (id != NULL)
    /* Translators: the form's subtitle, "Indicator 2. Text" */
    subtitle = g_strdup_printf (_("Indicator %d. %s"), ind->number,
                                ind->text);
  mreza_form_set_heading (MREZA_FORM (self),
                          id != NULL ? _("Edit Indicator")
                                     : _("New Indicator"),
                          subtitle);
  mreza_form_set_discard_text (MREZA_FORM (self),
                               _("This indicator has changes that are not "
                                 "saved. Discarded changes are lost."));
  fill_fields (self, ind);
  self->current = mreza_plan_indicator_copy (ind);
  read_fields (self);
  self->original = mreza_plan_indicator_copy (self->current);
  mreza_form_set_is_new (MREZA_FORM (self), id == NULL);
  apply_access (self, access, id);
  mreza_form_set_filling (MREZA_FORM (self), FALSE);

  return self;
}
