/* mreza-institution-form.c: the form that adds an institution to a team
 * or edits one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two uses, one form on MrezaForm:
 * - adding to a team: choose an institution of the directory that is
 *   not a member yet, or (where this device may change the directory)
 *   "New institution" and fill in its name, sector and town; the new
 *   institution and its membership are saved in one transaction;
 * - editing an institution: its name, short name, sector and town (a
 *   coordinator's change, as institutions are the whole network's),
 *   and, from a team's page, "Remove from Team", which ends the
 *   membership and leaves the institution in the directory.
 */
#define G_LOG_DOMAIN "mreza-institution-form"

#include "config.h"

#include "mreza-institution-form-private.h"

#include "mreza-labels.h"
#include "mreza-ui.h"

#include <glib/gi18n.h>

G_DEFINE_FINAL_TYPE (MrezaInstitutionForm, mreza_institution_form, MREZA_TYPE_FORM)

void
mreza_membership_free (MrezaMembership *membership)
{
  if (membership == NULL)
    return;

  g_free (membership->team_id);
  g_free (membership->institution_id);
  g_free (membership->name);
  g_free (membership);
}

/* The institution chosen to join the team, or NULL for a new one. */
static const char *
chosen_id (MrezaInstitutionForm *self)
{
  guint position;

  if (self->choice_row == NULL)
    return NULL;
  position = gtk_drop_down_get_selected (self->choice_drop);
  if (self->can_create)
    {
      if (position == 0)
        return NULL;
      position--;
    }
  if (position >= self->choices->len)
    return NULL;
  return ((MrezaChoice *) g_ptr_array_index (self->choices, position))->id;
}

static gboolean
creating (MrezaInstitutionForm *self)
{
  return self->choice_row == NULL || chosen_id (self) == NULL;
}

static void
read_fields (MrezaInstitutionForm *self)
{
  MrezaInstitution *inst = self->current;
  const char * const *sectors = mreza_institution_sectors ();
  guint sector = adw_combo_row_get_selected (ADW_COMBO_ROW (self->sector_row));

  g_free (inst->name);
  inst->name = mreza_form_dup_text (self->name_row);
  g_free (inst->short_name);
  inst->short_name = mreza_form_dup_text (self->short_name_row);
  g_free (inst->sector);
  inst->sector = sector < g_strv_length ((GStrv) sectors)
                 ? g_strdup (sectors[sector]) : NULL;
  g_free (inst->town);
  inst->town = mreza_form_dup_text (self->town_row);
}

static gboolean
mreza_institution_form_check (MrezaForm *form)
{
  MrezaInstitutionForm *self = MREZA_INSTITUTION_FORM (form);
  g_autofree char *name = NULL;
  gboolean create;

  if (self->current == NULL)
    return FALSE;
  read_fields (self);
  create = creating (self);
  gtk_widget_set_visible (self->details_group, create);
  if (!create)
    return TRUE;

  self->name_touched |= self->current->name != NULL;
  if (self->name_touched)
    name = mreza_institution_check (self->current,
                                    MREZA_INSTITUTION_FIELD_NAME);
  mreza_form_show_problem (self->name_row, _("Full Name"), name);
  return mreza_institution_validate (self->current, NULL);
}

static gboolean
mreza_institution_form_has_changes (MrezaForm *form)
{
  MrezaInstitutionForm *self = MREZA_INSTITUTION_FORM (form);

  if (self->current == NULL)
    return FALSE;
  if (!creating (self))
    return TRUE;
  return !mreza_institution_equal (self->original, self->current);
}

static char *
mreza_institution_form_save (MrezaForm  *form,
                             GError    **error)
{
  MrezaInstitutionForm *self = MREZA_INSTITUTION_FORM (form);
  const char *existing = chosen_id (self);
  g_autofree char *member_id = NULL;

  if (self->choice_row != NULL && existing != NULL)
    {
      member_id = mreza_team_member_add (self->store, self->team_id, existing,
                                         error);
      return member_id != NULL ? g_strdup (existing) : NULL;
    }

  read_fields (self);
  if (!mreza_institution_save (self->store, self->current,
                               self->choice_row != NULL ? self->team_id : NULL,
                               error))
    return NULL;
  return g_strdup (self->current->id);
}

static gpointer
mreza_institution_form_delete (MrezaForm  *form,
                               GError    **error)
{
  MrezaInstitutionForm *self = MREZA_INSTITUTION_FORM (form);
  MrezaMembership *membership;

  g_return_val_if_fail (self->team_id != NULL && self->original->id != NULL,
                        NULL);

  if (!mreza_team_member_remove (self->store, self->team_id,
                                 self->original->id, error))
    return NULL;

  membership = g_new0 (MrezaMembership, 1);
  membership->team_id = g_strdup (self->team_id);
  membership->institution_id = g_strdup (self->original->id);
  membership->name = g_strdup (self->original->name);
  return membership;
}

static void
mreza_institution_form_dispose (GObject *object)
{
  MrezaInstitutionForm *self = MREZA_INSTITUTION_FORM (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (mreza_institution_form_parent_class)->dispose (object);
}

static void
mreza_institution_form_finalize (GObject *object)
{
  MrezaInstitutionForm *self = MREZA_INSTITUTION_FORM (object);

  g_free (self->team_id);
  g_clear_pointer (&self->choices, g_ptr_array_unref);
  g_clear_pointer (&self->original, mreza_institution_free);
  g_clear_pointer (&self->current, mreza_institution_free);

  G_OBJECT_CLASS (mreza_institution_form_parent_class)->finalize (object);
}

static void
mreza_institution_form_class_init (MrezaInstitutionFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  MrezaFormClass *form_class = MREZA_FORM_CLASS (klass);

  object_class->dispose = mreza_institution_form_dispose;
  object_class->finalize = mreza_institution_form_finalize;
  form_class->check = mreza_institution_form_check;
  form_class->has_changes = mreza_institution_form_has_changes;
  form_class->save = mreza_institution_form_save;
  form_class->delete = mreza_institution_form_delete;
  form_class->free_snapshot = (GDestroyNotify) mreza_membership_free;
}

static void
mreza_institution_form_init (MrezaInstitutionForm *self)
{
}

static void
build_choice_row (MrezaInstitutionForm *self)
{
  MrezaForm *form = MREZA_FORM (self);
  g_autoptr(GListModel) names = NULL;
  GtkWidget *group = adw_preferences_group_new ();

  names = mreza_ui_choices_model_new (self->choices,
                                      self->can_create
                                      ? _("New institution…") : NULL);

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Choose an institution of the network’s directory, or describe a new one."));
  self->choice_row = mreza_form_search_row_new (form, _("Institution"),
                                                names,
                                                &self->choice_drop);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->choice_row);
  mreza_form_add_group (form, group);
}

static void
build_details (MrezaInstitutionForm *self)
{
  MrezaForm *form = MREZA_FORM (self);
  g_autoptr(GtkStringList) sectors = gtk_string_list_new (NULL);
  const char * const *codes = mreza_institution_sectors ();

  for (guint i = 0; codes[i] != NULL; i++)
    gtk_string_list_append (sectors, mreza_sector_label (codes[i]));

  self->details_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->details_group),
                                   self->choice_row != NULL
                                   ? _("New Institution") : _("Institution"));
  self->name_row = mreza_form_entry_row_new (form, _("Full Name"));
  self->short_name_row = mreza_form_entry_row_new (form, _("Short Name"));
  self->sector_row = mreza_form_combo_row_new (form, _("Sector"),
                                               G_LIST_MODEL (sectors));
  self->town_row = mreza_form_entry_row_new (form, _("Town"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->details_group), self->name_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->details_group), self->short_name_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->details_group), self->sector_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->details_group), self->town_row);
  mreza_form_add_group (form, self->details_group);
}

static void
fill_fields (MrezaInstitutionForm   *self,
             const MrezaInstitution *inst)
{
  const char * const *sectors = mreza_institution_sectors ();
  guint sector = g_strv_length ((GStrv) sectors) - 1;   /* "other" */

  for (guint i = 0; sectors[i] != NULL; i++)
    if (g_strcmp0 (sectors[i], inst->sector) == 0)
      sector = i;

  mreza_form_set_text (self->name_row, inst->name);
  mreza_form_set_text (self->short_name_row, inst->short_name);
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->sector_row), sector);
  mreza_form_set_text (self->town_row, inst->town);
}

static void
apply_access (MrezaInstitutionForm *self,
              const MrezaAccess    *access,
              const char           *team_id,
              gboolean              adding)
{
  const char *plan = access != NULL
                     ? mreza_access_why_not (access, "institution", NULL) : NULL;
  const char *team = access != NULL && team_id != NULL
                     ? mreza_access_why_not (access, "team_member", team_id)
                     : NULL;

  if (adding)
    {
      if (team == NULL && !self->can_create && self->choices->len == 0)
        team = _("Every institution of the directory is already a member. "
                 "New institutions are added from a coordinator’s device.");
      mreza_form_set_locked (MREZA_FORM (self), team);
      return;
    }

  mreza_form_set_locked (MREZA_FORM (self), plan);
  gtk_widget_set_sensitive (self->details_group, plan == NULL);
  if (team_id != NULL)
    mreza_form_set_deletable (MREZA_FORM (self), _("_Remove from Team"), team);
}

static gboolean
load_record (MrezaStore         *store,
             const MrezaAccess  *access,
             const char         *team_id,
             const char         *id,
             MrezaInstitution  **inst,
             GPtrArray         **choices,
             GError            **error)
{
  sqlite3 *db = mreza_store_get_db (store);

  if (id != NULL)
    {
      *inst = mreza_institution_load (db, id, error);
      return *inst != NULL;
    }

  *inst = mreza_institution_new ();
  (*inst)->sector = g_strdup ("other");
  *choices = mreza_directory_list_institutions (db, team_id, error);
  return *choices != NULL;
}

/**
 * mreza_institution_form_new:
 * @parent: the window the form is modal for
 * @store: the replica
 * @access: (nullable): what this device may write; %NULL for anything
 * @team_id: (nullable): the team whose directory is edited
 * @team_name: (nullable): its name, for the form's subtitle
 * @id: (nullable): the institution to edit; %NULL to add one to
 *   @team_id
 * @error: return location for a #GError
 *
 * Returns: (transfer none) (nullable): the form, not yet presented
 */
MrezaInstitutionForm *
mreza_institution_form_new (GtkWindow          *parent,
                            MrezaStore         *store,
                            const MrezaAccess  *access,
                            const char         *team_id,
                            const char         *team_name,
                            const char         *id,
                            GError            **error)
{
  MrezaInstitutionForm *self;
  g_autoptr(MrezaInstitution) inst = NULL;
  g_autoptr(GPtrArray) choices = NULL;
  g_autofree char *team = mreza_display_text (team_name);
  gboolean adding = id == NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (MREZA_IS_STORE (store), NULL);
  g_return_val_if_fail (id != NULL || team_id != NULL, NULL);

  if (!load_record (store, access, team_id, id, &inst, &choices, error))
    return NULL;

  self = mreza_ui_window_new (MREZA_TYPE_INSTITUTION_FORM, parent);
  self->store = g_object_ref (store);
  self->team_id = g_strdup (team_id);
  self->choices = choices != NULL ? g_steal_pointer (&choices)
                                  : g_ptr_array_new ();
  self->can_create = access == NULL || mreza_access_can_edit_plan (access);

  mreza_form_set_filling (MREZA_FORM (self), TRUE);
  if (adding)
    build_choice_row (self);
  build_details (self);
  mreza_form_set_heading (MREZA_FORM (self),
                          adding ? _("Add Institution to Team")
                                 : _("Edit Institution"),
                          team);
  mreza_form_set_discard_text (MREZA_FORM (self),
                               _("This institution has changes that are not saved. Discarded changes are lost."));

  fill_fields (self, inst);
  self->current = mreza_institution_copy (inst);
  read_fields (self);
  self->original = mreza_institution_copy (self->current);
  self->name_touched = !adding;
  mreza_form_set_is_new (MREZA_FORM (self), adding);
  apply_access (self, access, team_id, adding);
  mreza_form_set_filling (MREZA_FORM (self), FALSE);

  return self;
}
