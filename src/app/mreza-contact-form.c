/* mreza-contact-form.c: the form that adds or edits a team's contact
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A contact person of a local team: their name (or a role label), what
 * they do in the team, the member institution they come from, phone,
 * e-mail, and whether they are the team's secretary. Built on
 * MrezaForm; each field is checked by core as it is typed. Making
 * someone secretary here unsets the previous secretary in the same
 * save (mreza_contact_save()).
 */
#define G_LOG_DOMAIN "mreza-contact-form"

#include "config.h"

#include "mreza-contact-form-private.h"

#include "mreza-labels.h"
#include "mreza-ui.h"

#include <glib/gi18n.h>

G_DEFINE_FINAL_TYPE (MrezaContactForm, mreza_contact_form, MREZA_TYPE_FORM)

static const char *
institution_at (MrezaContactForm *self,
                guint             position)
{
  /* The first choice is "None". */
  if (position == 0 || position == GTK_INVALID_LIST_POSITION ||
      position > self->institutions->len)
    return NULL;
  return ((MrezaChoice *) g_ptr_array_index (self->institutions,
                                             position - 1))->id;
}

static void
read_fields (MrezaContactForm *self)
{
  MrezaContact *c = self->current;
  guint institution = adw_combo_row_get_selected (ADW_COMBO_ROW (self->institution_row));

  g_free (c->name);
  c->name = mreza_form_dup_text (self->name_row);
  g_free (c->role);
  c->role = mreza_form_dup_text (self->role_row);
  g_free (c->institution_id);
  c->institution_id = g_strdup (institution_at (self, institution));
  g_free (c->phone);
  c->phone = mreza_form_dup_text (self->phone_row);
  g_free (c->email);
  c->email = mreza_form_dup_text (self->email_row);
  c->secretary = gtk_switch_get_active (self->secretary_switch);
}

static gboolean
mreza_contact_form_check (MrezaForm *form)
{
  MrezaContactForm *self = MREZA_CONTACT_FORM (form);
  g_autofree char *name = NULL;
  g_autofree char *role = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *email = NULL;

  if (self->current == NULL)
    return FALSE;
  read_fields (self);

  /* A new form starts empty: a required field is not wrong before the
   * person has typed something and taken it away. */
  self->name_touched |= self->current->name != NULL;
  self->role_touched |= self->current->role != NULL;
  if (self->name_touched)
    name = mreza_contact_check (self->current, MREZA_CONTACT_FIELD_NAME);
  if (self->role_touched)
    role = mreza_contact_check (self->current, MREZA_CONTACT_FIELD_ROLE);
  phone = mreza_contact_check (self->current, MREZA_CONTACT_FIELD_PHONE);
  email = mreza_contact_check (self->current, MREZA_CONTACT_FIELD_EMAIL);

  mreza_form_show_problem (self->name_row, _("Name"), name);
  mreza_form_show_problem (self->role_row, _("Role in the Team"), role);
  mreza_form_show_problem (self->phone_row, _("Phone"), phone);
  mreza_form_show_problem (self->email_row, _("E-mail"), email);

  return mreza_contact_validate (self->current, NULL);
}

static gboolean
mreza_contact_form_has_changes (MrezaForm *form)
{
  MrezaContactForm *self = MREZA_CONTACT_FORM (form);

  return self->current != NULL &&
         !mreza_contact_equal (self->original, self->current);
}

static char *
mreza_contact_form_save (MrezaForm  *form,
                         GError    **error)
{
  MrezaContactForm *self = MREZA_CONTACT_FORM (form);

  read_fields (self);
  if (!mreza_contact_save (self->store, self->current, error))
    return NULL;
  return g_strdup (self->current->id);
}

static gpointer
mreza_contact_form_delete (MrezaForm  *form,
                           GError    **error)
{
  MrezaContactForm *self = MREZA_CONTACT_FORM (form);

  g_return_val_if_fail (self->original->id != NULL, NULL);

  return mreza_contact_delete (self->store, self->original->id, error);
}

static void
mreza_contact_form_dispose (GObject *object)
{
  MrezaContactForm *self = MREZA_CONTACT_FORM (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (mreza_contact_form_parent_class)->dispose (object);
}

static void
mreza_contact_form_finalize (GObject *object)
{
  MrezaContactForm *self = MREZA_CONTACT_FORM (object);

  g_clear_pointer (&self->institutions, g_ptr_array_unref);
  g_clear_pointer (&self->original, mreza_contact_free);
  g_clear_pointer (&self->current, mreza_contact_free);

  G_OBJECT_CLASS (mreza_contact_form_parent_class)->finalize (object);
}

static void
mreza_contact_form_class_init (MrezaContactFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  MrezaFormClass *form_class = MREZA_FORM_CLASS (klass);

  object_class->dispose = mreza_contact_form_dispose;
  object_class->finalize = mreza_contact_form_finalize;
  form_class->check = mreza_contact_form_check;
  form_class->has_changes = mreza_contact_form_has_changes;
  form_class->save = mreza_contact_form_save;
  form_class->delete = mreza_contact_form_delete;
  form_class->free_snapshot = (GDestroyNotify) mreza_contact_free;
}

static void
build_rows (MrezaContactForm *self)
{
  MrezaForm *form = MREZA_FORM (self);
  g_autoptr(GListModel) institutions = NULL;
  const char *none;
  GtkWidget *person = adw_preferences_group_new ();
  GtkWidget *reach = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (person), _("Person"));
  self->name_row = mreza_form_entry_row_new (form, _("Name"));
  self->role_row = mreza_form_entry_row_new (form, _("Role in the Team"));
  /* Translators: a contact who speaks for no single institution */
  none = C_("institution", "None");
  institutions = mreza_ui_choices_model_new (self->institutions, none);
  self->institution_row = mreza_form_combo_row_new (form, _("Institution"),
                                                    institutions);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->institution_row),
                               _("The member institution they come from"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (person), self->name_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (person), self->role_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (person), self->institution_row);
  mreza_form_add_group (form, person);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (reach),
                                   _("How to Reach Them"));
  self->phone_row = mreza_form_entry_row_new (form, _("Phone"));
  gtk_editable_set_max_width_chars (GTK_EDITABLE (self->phone_row), 40);
  self->email_row = mreza_form_entry_row_new (form, _("E-mail"));
  g_object_set (self->phone_row, "input-purpose", GTK_INPUT_PURPOSE_PHONE, NULL);
  g_object_set (self->email_row, "input-purpose", GTK_INPUT_PURPOSE_EMAIL, NULL);
  self->secretary_row = mreza_form_switch_row_new (form, _("Secretary of the Team"),
                                                   _("Each team has one secretary; "
                                                     "the previous one becomes an "
                                                     "ordinary contact"),
                                                   &self->secretary_switch);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (reach), self->phone_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (reach), self->email_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (reach), self->secretary_row);
  mreza_form_add_group (form, reach);
}

static void
mreza_contact_form_init (MrezaContactForm *self)
{
}

static guint
institution_position (MrezaContactForm *self,
                      const char       *id)
{
  for (guint i = 0; id != NULL && i < self->institutions->len; i++)
    if (g_strcmp0 (((MrezaChoice *) g_ptr_array_index (self->institutions, i))->id,
                   id) == 0)
      return i + 1;
  return 0;
}

static void
fill_fields (MrezaContactForm   *self,
             const MrezaContact *c)
{
  mreza_form_set_filling (MREZA_FORM (self), TRUE);
  mreza_form_set_text (self->name_row, c->name);
  mreza_form_set_text (self->role_row, c->role);
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->institution_row),
                              institution_position (self, c->institution_id));
  mreza_form_set_text (self->phone_row, c->phone);
  mreza_form_set_text (self->email_row, c->email);
  gtk_switch_set_active (self->secretary_switch, c->secretary);
}

/* An institution the contact names that is no longer a member of the
 * team stays a choice, so that opening the form changes nothing. */
static void
keep_own_institution (MrezaContactForm   *self,
                      const MrezaContact *contact,
                      sqlite3            *db)
{
  g_autoptr(MrezaInstitution) inst = NULL;
  MrezaChoice *choice;

  if (contact->institution_id == NULL ||
      institution_position (self, contact->institution_id) != 0)
    return;
  inst = mreza_institution_load (db, contact->institution_id, NULL);
  if (inst == NULL)
    return;
  choice = g_new0 (MrezaChoice, 1);
  choice->id = g_strdup (inst->id);
  choice->label = g_strdup (inst->short_name != NULL ? inst->short_name
                                                     : inst->name);
  g_ptr_array_add (self->institutions, choice);
}

static void
apply_access (MrezaContactForm  *self,
              const MrezaAccess *access,
              const char        *team_id,
              gboolean           is_new)
{
  const char *why = access != NULL
                    ? mreza_access_why_not (access, "contact", team_id)
                    : NULL;

  mreza_form_set_locked (MREZA_FORM (self), why);
  if (!is_new)
    mreza_form_set_deletable (MREZA_FORM (self), _("_Delete Contact"), why);
  if (why != NULL)
    {
      GtkWidget *rows[] = { self->name_row, self->role_row,
                            self->institution_row, self->phone_row,
                            self->email_row, self->secretary_row };

      for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
        gtk_widget_set_sensitive (rows[i], FALSE);
    }
}

/**
 * mreza_contact_form_new:
 * @parent: the window the form is modal for
 * @store: the replica
 * @access: (nullable): what this device may write; %NULL for anything
 * @team_id: the contact's team
 * @team_name: its name, for the form's subtitle
 * @id: (nullable): the contact to edit, or %NULL for a new one
 * @error: return location for a #GError
 *
 * Returns: (transfer none) (nullable): the form, not yet presented; it
 *   is owned by GTK's list of toplevels and goes when it closes
 */
MrezaContactForm *
mreza_contact_form_new (GtkWindow          *parent,
                        MrezaStore         *store,
                        const MrezaAccess  *access,
                        const char         *team_id,
                        const char         *team_name,
                        const char         *id,
                        GError            **error)
{
  MrezaContactForm *self;
  g_autoptr(MrezaContact) contact = NULL;
  g_autoptr(GPtrArray) institutions = NULL;
  g_autofree char *team = NULL;
  sqlite3 *db;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (MREZA_IS_STORE (store), NULL);
  g_return_val_if_fail (team_id != NULL, NULL);

  db = mreza_store_get_db (store);
  if (id != NULL)
    {
      contact = mreza_contact_load (db, id, error);
      if (contact == NULL)
        return NULL;
    }
  else
    {
      contact = mreza_contact_new ();
      contact->team_id = g_strdup (team_id);
    }
  institutions = mreza_directory_list_team_institutions (db, contact->team_id,
                                                         error);
  if (institutions == NULL)
    return NULL;

  self = mreza_ui_window_new (MREZA_TYPE_CONTACT_FORM, parent);
  self->store = g_object_ref (store);
  self->institutions = g_steal_pointer (&institutions);
  keep_own_institution (self, contact, db);
  build_rows (self);

  team = mreza_display_text (team_name);
  mreza_form_set_heading (MREZA_FORM (self),
                          id != NULL ? _("Edit Contact") : _("New Contact"),
                          team);
  mreza_form_set_discard_text (MREZA_FORM (self),
                               _("This contact has changes that are not saved. Discarded changes are lost."));

  fill_fields (self, contact);
  /* The original is read back from the widgets, so that a form nobody
   * touched compares equal whatever the widgets normalised. */
  self->current = mreza_contact_copy (contact);
  read_fields (self);
  self->original = mreza_contact_copy (self->current);
  self->name_touched = self->role_touched = id != NULL;
  mreza_form_set_is_new (MREZA_FORM (self), id == NULL);
  apply_access (self, access, contact->team_id, id == NULL);
  mreza_form_set_filling (MREZA_FORM (self), FALSE);

  return self;
}
