/* mreza-plan-risk-form.c: the form that edits a risk of the plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row, the risk as the plan words it, on MrezaForm like the task
 * form (mreza-plan-task-form.c); locked with the reason on a member's
 * device.
 */
#define G_LOG_DOMAIN "mreza-plan-risk-form"

#include "config.h"

#include "mreza-plan-risk-form-private.h"

#include "mreza-plan-form-rows.h"

#include <glib/gi18n.h>

G_DEFINE_FINAL_TYPE (MrezaPlanRiskForm, mreza_plan_risk_form, MREZA_TYPE_FORM)

static void
read_fields (MrezaPlanRiskForm *self)
{
  g_free (self->current->text);
  self->current->text = mreza_form_dup_text (self->text_row);
}

static gboolean
mreza_plan_risk_form_check (MrezaForm *form)
{
  MrezaPlanRiskForm *self = MREZA_PLAN_RISK_FORM (form);
  g_autofree char *problem = NULL;

  if (self->current == NULL)
    return FALSE;
  read_fields (self);
  problem = mreza_plan_risk_check (self->current);
  mreza_form_show_problem (self->text_row, _("Risk"), problem);
  return problem == NULL;
}

static gboolean
mreza_plan_risk_form_has_changes (MrezaForm *form)
{
  MrezaPlanRiskForm *self = MREZA_PLAN_RISK_FORM (form);

  return self->current != NULL &&
         !mreza_plan_risk_equal (self->original, self->current);
}

static char *
mreza_plan_risk_form_save (MrezaForm  *form,
                           GError    **error)
{
  MrezaPlanRiskForm *self = MREZA_PLAN_RISK_FORM (form);

  read_fields (self);
  if (!mreza_plan_risk_save (self->store, self->current, error))
    return NULL;
  return g_strdup (self->current->id);
}

static gpointer
mreza_plan_risk_form_delete (MrezaForm  *form,
                             GError    **error)
{
  MrezaPlanRiskForm *self = MREZA_PLAN_RISK_FORM (form);

  g_return_val_if_fail (self->original->id != NULL, NULL);

  return mreza_plan_risk_delete (self->store, self->original->id, error);
}

static void
mreza_plan_risk_form_dispose (GObject *object)
{
  MrezaPlanRiskForm *self = MREZA_PLAN_RISK_FORM (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (mreza_plan_risk_form_parent_class)->dispose (object);
}

static void
mreza_plan_risk_form_finalize (GObject *object)
{
  MrezaPlanRiskForm *self = MREZA_PLAN_RISK_FORM (object);

  g_clear_pointer (&self->original, mreza_plan_risk_free);
  g_clear_pointer (&self->current, mreza_plan_risk_free);

  G_OBJECT_CLASS (mreza_plan_risk_form_parent_class)->finalize (object);
}

static void
mreza_plan_risk_form_class_init (MrezaPlanRiskFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  MrezaFormClass *form_class = MREZA_FORM_CLASS (klass);

  object_class->dispose = mreza_plan_risk_form_dispose;
  object_class->finalize = mreza_plan_risk_form_finalize;
  form_class->check = mreza_plan_risk_form_check;
  form_class->has_changes = mreza_plan_risk_form_has_changes;
  form_class->save = mreza_plan_risk_form_save;
  form_class->delete = mreza_plan_risk_form_delete;
  form_class->free_snapshot = (GDestroyNotify) mreza_plan_risk_free;
}

static void
mreza_plan_risk_form_init (MrezaPlanRiskForm *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self), 520, 300);
}

static void
build_rows (MrezaPlanRiskForm *self)
{
  GtkWidget *group = adw_preferences_group_new ();

  self->text_row = mreza_form_entry_row_new (MREZA_FORM (self), _("Risk"));
  /* The title turns into what is wrong; the label stays the field. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Risk"),
                                  -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->text_row);
  mreza_form_add_group (MREZA_FORM (self), group);
}

static void
apply_access (MrezaPlanRiskForm *self,
              const MrezaAccess *access,
              gboolean           is_new)
{
  mreza_plan_form_apply_access (MREZA_FORM (self), access, "risk",
                                is_new ? NULL : _("_Delete Risk"), NULL,
                                &self->text_row, 1);
}

/**
 * mreza_plan_risk_form_new:
 * @parent: the window the form is modal for
 * @store: the replica
 * @access: (nullable): what this device may write; %NULL for anything
 * @activity_id: the activity a new risk is added to
 * @id: (nullable): the risk to edit, or %NULL for a new one
 * @error: return location for a #GError
 *
 * Returns: (transfer none) (nullable): the form, not yet presented
 */
MrezaPlanRiskForm *
mreza_plan_risk_form_new (GtkWindow          *parent,
                          MrezaStore         *store,
                          const MrezaAccess  *access,
                          const char         *activity_id,
                          const char         *id,
                          GError            **error)
{
  MrezaPlanRiskForm *self;
  g_autoptr(MrezaPlanRisk) risk = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (MREZA_IS_STORE (store), NULL);
  g_return_val_if_fail (activity_id != NULL || id != NULL, NULL);

  if (id != NULL)
    risk = mreza_plan_risk_load (mreza_store_get_db (store), id, error);
  else
    risk = mreza_plan_risk_new (activity_id);
  if (risk == NULL)
    return NULL;

  self = g_object_new (MREZA_TYPE_PLAN_RISK_FORM, "transient-for", parent,
                       NULL);
  if (parent != NULL && gtk_window_get_application (parent) != NULL)
    gtk_window_set_application (GTK_WINDOW (self),
                                gtk_window_get_application (parent));
  self->store = g_object_ref (store);

  mreza_form_set_filling (MREZA_FORM (self), TRUE);
  build_rows (self);
  mreza_form_set_heading (MREZA_FORM (self),
                          id != NULL ? _("Edit Risk") : _("New Risk"), NULL);
  mreza_form_set_discard_text (MREZA_FORM (self),
                               _("This risk has changes that are not saved. "
                                 "Discarded changes are lost."));
  mreza_form_set_text (self->text_row, risk->text);
  self->current = mreza_plan_risk_copy (risk);
  read_fields (self);
  self->original = mreza_plan_risk_copy (self->current);
  mreza_form_set_is_new (MREZA_FORM (self), id == NULL);
  apply_access (self, access, id == NULL);
  mreza_form_set_filling (MREZA_FORM (self), FALSE);

  return self;
}
