/* mreza-project-form.c: the form that creates or edits a project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A project of the network: title, status, period, budget, who
 * benefits, a summary, and its partners with their roles (lead,
 * partner, donor). Built on MrezaForm; each field is checked by core as
 * it is typed (a date that does not exist, an end before the start, an
 * amount that is not a number). The partners are kept in the record
 * itself; their rows are rebuilt from it when one is added or removed.
 * Projects are the whole network's, so only a device that may change
 * the directory saves them.
 */
#define G_LOG_DOMAIN "mreza-project-form"

#include "config.h"

#include "mreza-project-form-private.h"

#include "mreza-labels.h"
#include "mreza-ui.h"

#include <glib/gi18n.h>

G_DEFINE_FINAL_TYPE (MrezaProjectForm, mreza_project_form, MREZA_TYPE_FORM)

/* One partner's role; mreza_partner_role_label() names a group. */
static const char *
role_label (const char *role)
{
  if (g_strcmp0 (role, "lead") == 0)
    return C_("partner role", "Lead partner");
  if (g_strcmp0 (role, "donor") == 0)
    return C_("partner role", "Donor");
  return C_("partner role", "Partner");
}

static guint
strv_index (const char * const *strv,
            const char         *value,
            guint               fallback)
{
  for (guint i = 0; strv[i] != NULL; i++)
    if (g_strcmp0 (strv[i], value) == 0)
      return i;
  return fallback;
}

static char *
selected_code (GtkWidget          *combo,
               const char * const *codes)
{
  guint i = adw_combo_row_get_selected (ADW_COMBO_ROW (combo));

  return i < g_strv_length ((GStrv) codes) ? g_strdup (codes[i]) : NULL;
}

static void
read_fields (MrezaProjectForm *self)
{
  MrezaProject *p = self->current;

  g_free (p->title);
  p->title = mreza_form_dup_text (self->title_row);
  g_free (p->status);
  p->status = selected_code (self->status_row, mreza_project_statuses ());
  g_free (p->start_date);
  p->start_date = mreza_form_dup_text (self->start_row);
  g_free (p->end_date);
  p->end_date = mreza_form_dup_text (self->end_row);
  g_free (p->amount);
  p->amount = mreza_form_dup_text (self->amount_row);
  g_free (p->currency);
  p->currency = selected_code (self->currency_row, mreza_project_currencies ());
  g_free (p->beneficiaries);
  p->beneficiaries = mreza_form_dup_text (self->beneficiaries_row);
  g_free (p->beneficiaries_count);
  p->beneficiaries_count = mreza_form_dup_text (self->count_row);
  g_free (p->summary);
  p->summary = mreza_form_dup_text (self->summary_row);
}

static gboolean
mreza_project_form_check (MrezaForm *form)
{
  MrezaProjectForm *self = MREZA_PROJECT_FORM (form);
  static const struct {
    MrezaProjectField field;
    gsize             offset;
    const char       *title;
  } rows[] = {
    { MREZA_PROJECT_FIELD_START_DATE, G_STRUCT_OFFSET (MrezaProjectForm, start_row),
      N_("Start (year-month-day)") },
    { MREZA_PROJECT_FIELD_END_DATE, G_STRUCT_OFFSET (MrezaProjectForm, end_row),
      N_("End (year-month-day)") },
    { MREZA_PROJECT_FIELD_AMOUNT, G_STRUCT_OFFSET (MrezaProjectForm, amount_row),
      N_("Amount") },
    { MREZA_PROJECT_FIELD_BENEFICIARIES_COUNT, G_STRUCT_OFFSET (MrezaProjectForm, count_row),
      N_("Number of Beneficiaries") },
  };
  g_autofree char *title = NULL;
  g_autofree char *partners = NULL;

  if (self->current == NULL)
    return FALSE;
  read_fields (self);

  self->title_touched |= self->current->title != NULL;
  if (self->title_touched)
    title = mreza_project_check (self->current, MREZA_PROJECT_FIELD_TITLE);
  mreza_form_show_problem (self->title_row, _("Title"), title);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      GtkWidget *row = G_STRUCT_MEMBER (GtkWidget *, self, rows[i].offset);
      g_autofree char *problem = mreza_project_check (self->current,
                                                      rows[i].field);

      mreza_form_show_problem (row, _(rows[i].title), problem);
    }

  partners = mreza_project_check (self->current, MREZA_PROJECT_FIELD_PARTNERS);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->partners_group),
                                         partners != NULL ? partners
                                         : _("The institutions that lead, carry out or fund the project."));

  return mreza_project_validate (self->current, NULL);
}

static gboolean
mreza_project_form_has_changes (MrezaForm *form)
{
  MrezaProjectForm *self = MREZA_PROJECT_FORM (form);

  return self->current != NULL &&
         !mreza_project_equal (self->original, self->current);
}

static char *
mreza_project_form_save (MrezaForm  *form,
                         GError    **error)
{
  MrezaProjectForm *self = MREZA_PROJECT_FORM (form);

  read_fields (self);
  if (!mreza_project_save (self->store, self->current, error))
    return NULL;
  return g_strdup (self->current->id);
}

static gpointer
mreza_project_form_delete (MrezaForm  *form,
                           GError    **error)
{
  MrezaProjectForm *self = MREZA_PROJECT_FORM (form);

  g_return_val_if_fail (self->original->id != NULL, NULL);

  return mreza_project_delete (self->store, self->original->id, error);
}

static void
mreza_project_form_dispose (GObject *object)
{
  MrezaProjectForm *self = MREZA_PROJECT_FORM (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (mreza_project_form_parent_class)->dispose (object);
}

static void
mreza_project_form_finalize (GObject *object)
{
  MrezaProjectForm *self = MREZA_PROJECT_FORM (object);

  g_clear_pointer (&self->partner_rows, g_ptr_array_unref);
  g_clear_pointer (&self->institutions, g_ptr_array_unref);
  g_clear_pointer (&self->original, mreza_project_free);
  g_clear_pointer (&self->current, mreza_project_free);

  G_OBJECT_CLASS (mreza_project_form_parent_class)->finalize (object);
}

static void
mreza_project_form_class_init (MrezaProjectFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  MrezaFormClass *form_class = MREZA_FORM_CLASS (klass);

  object_class->dispose = mreza_project_form_dispose;
  object_class->finalize = mreza_project_form_finalize;
  form_class->check = mreza_project_form_check;
  form_class->has_changes = mreza_project_form_has_changes;
  form_class->save = mreza_project_form_save;
  form_class->delete = mreza_project_form_delete;
  form_class->free_snapshot = (GDestroyNotify) mreza_project_free;
}

static void
mreza_project_form_init (MrezaProjectForm *self)
{
  self->partner_rows = g_ptr_array_new ();
}

static const char *
institution_label (MrezaProjectForm *self,
                   const char       *id)
{
  for (guint i = 0; i < self->institutions->len; i++)
    {
      MrezaChoice *choice = g_ptr_array_index (self->institutions, i);

      if (g_strcmp0 (choice->id, id) == 0)
        return choice->label;
    }
  return id;
}

static void rebuild_partners (MrezaProjectForm *self);

static void
remove_partner_cb (GtkButton        *button,
                   MrezaProjectForm *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button),
                                                     "partner-index"));

  if (index >= self->current->partners->len)
    return;
  g_ptr_array_remove_index (self->current->partners, index);
  rebuild_partners (self);
  gtk_widget_grab_focus (self->partner_row);
  mreza_form_changed (MREZA_FORM (self));
}

static GtkWidget *
partner_row_new (MrezaProjectForm          *self,
                 const MrezaProjectPartner *partner,
                 guint                      index)
{
  g_autofree char *name = mreza_display_text (institution_label (self,
                                                                 partner->institution_id));
  g_autofree char *remove_label = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("list-remove-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), role_label (partner->role));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Remove Partner"));
  /* Translators: %s is an institution, for screen readers */
  remove_label = g_strdup_printf (_("Remove %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label,
                                  -1);
  g_object_set_data (G_OBJECT (button), "partner-index", GUINT_TO_POINTER (index));
  g_signal_connect_object (button, "clicked", G_CALLBACK (remove_partner_cb),
                           self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
rebuild_partners (MrezaProjectForm *self)
{
  for (guint i = 0; i < self->partner_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->partners_group),
                                  g_ptr_array_index (self->partner_rows, i));
  g_ptr_array_set_size (self->partner_rows, 0);

  for (guint i = 0; i < self->current->partners->len; i++)
    {
      GtkWidget *row = partner_row_new (self,
                                        g_ptr_array_index (self->current->partners, i),
                                        i);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->partners_group), row);
      g_ptr_array_add (self->partner_rows, row);
    }
}

/**
 * _mreza_project_form_add_partner:
 * @self: the form
 *
 * Adds the institution and role chosen in the "Add a Partner" rows.
 */
void
_mreza_project_form_add_partner (MrezaProjectForm *self)
{
  guint institution = gtk_drop_down_get_selected (self->partner_drop);
  g_autofree char *role = selected_code (self->role_row,
                                         mreza_project_partner_roles ());
  MrezaChoice *choice;

  g_return_if_fail (MREZA_IS_PROJECT_FORM (self));

  if (institution >= self->institutions->len || role == NULL)
    return;
  choice = g_ptr_array_index (self->institutions, institution);
  mreza_project_add_partner (self->current, choice->id, role);
  rebuild_partners (self);
  mreza_form_changed (MREZA_FORM (self));
}

static GtkWidget *
string_combo (MrezaProjectForm   *self,
              const char         *title,
              const char * const *codes,
              const char *      (*label) (const char *code))
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  for (guint i = 0; codes[i] != NULL; i++)
    gtk_string_list_append (list, label != NULL ? label (codes[i]) : codes[i]);
  return mreza_form_combo_row_new (MREZA_FORM (self), title, G_LIST_MODEL (list));
}

static GtkWidget *
add_group (MrezaProjectForm *self,
           const char       *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  mreza_form_add_group (MREZA_FORM (self), group);
  return group;
}

static void
add_rows (GtkWidget *group,
          ...)
{
  va_list args;
  GtkWidget *row;

  va_start (args, group);
  while ((row = va_arg (args, GtkWidget *)) != NULL)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  va_end (args);
}

static void
build_partner_adder (MrezaProjectForm *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *group = add_group (self, _("Add a Partner"));
  GtkWidget *icon = gtk_image_new_from_icon_name ("list-add-symbolic");

  self->adder_group = group;
  for (guint i = 0; i < self->institutions->len; i++)
    {
      MrezaChoice *choice = g_ptr_array_index (self->institutions, i);
      g_autofree char *label = mreza_display_text (choice->label);

      gtk_string_list_append (names, label);
    }
  self->partner_row = mreza_form_search_row_new (MREZA_FORM (self), _("Institution"),
                                                 G_LIST_MODEL (names),
                                                 &self->partner_drop);
  self->role_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->role_row), _("Role"));
  {
    g_autoptr(GtkStringList) roles = gtk_string_list_new (NULL);

    for (const char * const *r = mreza_project_partner_roles (); *r; r++)
      gtk_string_list_append (roles, role_label (*r));
    adw_combo_row_set_model (ADW_COMBO_ROW (self->role_row), G_LIST_MODEL (roles));
    adw_combo_row_set_selected (ADW_COMBO_ROW (self->role_row), 1);
  }
  self->add_partner_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->add_partner_row),
                                 _("_Add Partner"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->add_partner_row),
                                         TRUE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->add_partner_row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->add_partner_row), icon);
  g_signal_connect_object (self->add_partner_row, "activated",
                           G_CALLBACK (_mreza_project_form_add_partner), self,
                           G_CONNECT_SWAPPED);
  add_rows (group, self->partner_row, self->role_row, self->add_partner_row, NULL);
}

static void
build_rows (MrezaProjectForm *self)
{
  MrezaForm *form = MREZA_FORM (self);
  GtkWidget *group;

  group = add_group (self, _("Project"));
  self->title_row = mreza_form_entry_row_new (form, _("Title"));
  self->status_row = string_combo (self, _("Status"), mreza_project_statuses (),
                                   mreza_project_status_label);
  self->start_row = mreza_form_entry_row_new (form, _("Start (year-month-day)"));
  self->end_row = mreza_form_entry_row_new (form, _("End (year-month-day)"));
  add_rows (group, self->title_row, self->status_row, self->start_row,
            self->end_row, NULL);

  group = add_group (self, _("Budget and Beneficiaries"));
  self->amount_row = mreza_form_entry_row_new (form, _("Amount"));
  self->currency_row = string_combo (self, _("Currency"),
                                     mreza_project_currencies (), NULL);
  self->beneficiaries_row = mreza_form_entry_row_new (form, _("Who Benefits"));
  self->count_row = mreza_form_entry_row_new (form, _("Number of Beneficiaries"));
  self->summary_row = mreza_form_entry_row_new (form, _("Summary"));
  add_rows (group, self->amount_row, self->currency_row,
            self->beneficiaries_row, self->count_row, self->summary_row, NULL);

  self->partners_group = add_group (self, _("Partners"));
  build_partner_adder (self);
}

static void
fill_fields (MrezaProjectForm   *self,
             const MrezaProject *p)
{
  mreza_form_set_text (self->title_row, p->title);
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->status_row),
                              strv_index (mreza_project_statuses (), p->status, 0));
  mreza_form_set_text (self->start_row, p->start_date);
  mreza_form_set_text (self->end_row, p->end_date);
  mreza_form_set_text (self->amount_row, p->amount);
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->currency_row),
                              strv_index (mreza_project_currencies (), p->currency, 0));
  mreza_form_set_text (self->beneficiaries_row, p->beneficiaries);
  mreza_form_set_text (self->count_row, p->beneficiaries_count);
  mreza_form_set_text (self->summary_row, p->summary);
}

static void
apply_access (MrezaProjectForm  *self,
              const MrezaAccess *access,
              gboolean           is_new)
{
  const char *why = access != NULL
                    ? mreza_access_why_not (access, "project", NULL) : NULL;

  mreza_form_set_locked (MREZA_FORM (self), why);
  if (!is_new)
    mreza_form_set_deletable (MREZA_FORM (self), _("_Delete Project"), why);
  if (why != NULL)
    {
      gtk_widget_set_sensitive (self->title_row, FALSE);
      gtk_widget_set_sensitive (self->status_row, FALSE);
      gtk_widget_set_sensitive (self->start_row, FALSE);
      gtk_widget_set_sensitive (self->end_row, FALSE);
      gtk_widget_set_sensitive (self->amount_row, FALSE);
      gtk_widget_set_sensitive (self->currency_row, FALSE);
      gtk_widget_set_sensitive (self->beneficiaries_row, FALSE);
      gtk_widget_set_sensitive (self->count_row, FALSE);
      gtk_widget_set_sensitive (self->summary_row, FALSE);
      gtk_widget_set_sensitive (self->partners_group, FALSE);
      gtk_widget_set_sensitive (self->adder_group, FALSE);
    }
}

/**
 * mreza_project_form_new:
 * @parent: the window the form is modal for
 * @store: the replica
 * @access: (nullable): what this device may write; %NULL for anything
 * @id: (nullable): the project to edit, or %NULL for a new one
 * @error: return location for a #GError
 *
 * Returns: (transfer none) (nullable): the form, not yet presented
 */
MrezaProjectForm *
mreza_project_form_new (GtkWindow          *parent,
                        MrezaStore         *store,
                        const MrezaAccess  *access,
                        const char         *id,
                        GError            **error)
{
  MrezaProjectForm *self;
  g_autoptr(MrezaProject) project = NULL;
  g_autoptr(GPtrArray) institutions = NULL;
  sqlite3 *db;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (MREZA_IS_STORE (store), NULL);

  db = mreza_store_get_db (store);
  if (id != NULL)
    project = mreza_project_load (db, id, error);
  else
    {
      project = mreza_project_new ();
      project->status = g_strdup ("planned");
      project->currency = g_strdup ("RSD");
    }
  if (project == NULL)
    return NULL;
  institutions = mreza_directory_list_institutions (db, NULL, error);
  if (institutions == NULL)
    return NULL;

  self = mreza_ui_window_new (MREZA_TYPE_PROJECT_FORM, parent);
  self->store = g_object_ref (store);
  self->institutions = g_steal_pointer (&institutions);

  mreza_form_set_filling (MREZA_FORM (self), TRUE);
  build_rows (self);
  mreza_form_set_heading (MREZA_FORM (self),
                          id != NULL ? _("Edit Project") : _("New Project"),
                          NULL);
  mreza_form_set_discard_text (MREZA_FORM (self),
                               _("This project has changes that are not saved. Discarded changes are lost."));

  fill_fields (self, project);
  self->current = mreza_project_copy (project);
  read_fields (self);
  self->original = mreza_project_copy (self->current);
  rebuild_partners (self);
  self->title_touched = id != NULL;
  mreza_form_set_is_new (MREZA_FORM (self), id == NULL);
  apply_access (self, access, id == NULL);
  mreza_form_set_filling (MREZA_FORM (self), FALSE);

  return self;
}
