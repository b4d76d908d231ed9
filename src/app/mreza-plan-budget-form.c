/* mreza-plan-budget-form.c: the form that edits a budget line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where an activity's money comes from: the source, the institution
 * whose budget it is (a searchable list of the directory, as in the
 * joint action and contact forms), a project, and how much for which
 * year, for the whole activity or one of its tasks. Built on MrezaForm
 * like the rest of the plan's forms; the amount is checked as typed
 * ("102.000", "4500,50") and Save stays off while it is wrong.
 */
#define G_LOG_DOMAIN "mreza-plan-budget-form"

#include "config.h"

#include "mreza-plan-budget-form-private.h"

#include "mreza-joint-actions.h"
#include "mreza-labels.h"
#include "mreza-meeting-choices.h"
#include "mreza-meeting.h"
#include "mreza-plan-form-rows.h"
#include "mreza-ui.h"

#include <glib/gi18n.h>

G_DEFINE_FINAL_TYPE (MrezaPlanBudgetForm, mreza_plan_budget_form,
                     MREZA_TYPE_FORM)

/* The code chosen in a combo row of @codes, or NULL. */
static char *
dup_code (GtkWidget          *row,
          const char * const *codes)
{
  guint i = adw_combo_row_get_selected (ADW_COMBO_ROW (row));

  return i < g_strv_length ((char **) codes) ? g_strdup (codes[i]) : NULL;
}

static void
select_code (GtkWidget          *row,
             const char * const *codes,
             const char         *code)
{
  for (guint i = 0; code != NULL && codes[i] != NULL; i++)
    if (g_str_equal (codes[i], code))
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);
}

/* The id chosen in a list with "None" first, or NULL. */
static char *
dup_choice (GPtrArray *choices,
            guint      selected)
{
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return NULL;
  return g_strdup (mreza_meeting_choices_id (choices, selected - 1));
}

static guint
choice_position (GPtrArray  *choices,
                 const char *id)
{
  guint i = mreza_meeting_choices_index (choices, id);

  return i == GTK_INVALID_LIST_POSITION ? 0 : i + 1;
}

static void
read_fields (MrezaPlanBudgetForm *self)
{
  MrezaPlanBudgetLine *l = self->current;

  g_free (l->source);
  l->source = dup_code (self->source_row, mreza_plan_budget_sources ());
  g_free (l->source_text);
  l->source_text = mreza_form_dup_text (self->source_text_row);
  g_free (l->institution_id);
  l->institution_id = dup_choice (self->institutions,
                                  gtk_drop_down_get_selected (self->institution_drop));
  g_free (l->project_id);
  l->project_id = dup_choice (self->projects,
                              adw_combo_row_get_selected (ADW_COMBO_ROW (self->project_row)));
  g_free (l->amount);
  l->amount = mreza_form_dup_text (self->amount_row);
  g_free (l->currency);
  l->currency = dup_code (self->currency_row,
                         (const char * const *) self->currencies);
  g_free (l->year);
  l->year = mreza_form_dup_text (self->year_row);
  g_free (l->task_id);
  l->task_id = dup_choice (self->tasks,
                           adw_combo_row_get_selected (ADW_COMBO_ROW (self->task_row)));
  g_free (l->note);
  l->note = mreza_form_dup_text (self->note_row);
}

static gboolean
mreza_plan_budget_form_check (MrezaForm *form)
{
  MrezaPlanBudgetForm *self = MREZA_PLAN_BUDGET_FORM (form);
  struct { GtkWidget *row; const char *title; } fields[] = {
    [MREZA_PLAN_BUDGET_FIELD_SOURCE] = { self->source_row, _("Source") },
    [MREZA_PLAN_BUDGET_FIELD_AMOUNT] = { self->amount_row, _("Amount") },
    [MREZA_PLAN_BUDGET_FIELD_CURRENCY] = { self->currency_row, _("Currency") },
    [MREZA_PLAN_BUDGET_FIELD_YEAR] = { self->year_row, _("Year") },
  };

  if (self->current == NULL)
    return FALSE;
  read_fields (self);

  for (guint f = 0; f < MREZA_PLAN_BUDGET_N_FIELDS; f++)
    {
      g_autofree char *problem = mreza_plan_budget_line_check (self->current, f);

      mreza_form_show_problem (fields[f].row, fields[f].title, problem);
    }
  return mreza_plan_budget_line_validate (self->current, NULL);
}

static gboolean
mreza_plan_budget_form_has_changes (MrezaForm *form)
{
  MrezaPlanBudgetForm *self = MREZA_PLAN_BUDGET_FORM (form);

  return self->current != NULL &&
         !mreza_plan_budget_line_equal (self->original, self->current);
}

static char *
mreza_plan_budget_form_save (MrezaForm  *form,
                             GError    **error)
{
  MrezaPlanBudgetForm *self = MREZA_PLAN_BUDGET_FORM (form);

  read_fields (self);
  if (!mreza_plan_budget_line_save (self->store, self->current, error))
    return NULL;
  return g_strdup (self->current->id);
}

static gpointer
mreza_plan_budget_form_delete (MrezaForm  *form,
                               GError    **error)
{
  MrezaPlanBudgetForm *self = MREZA_PLAN_BUDGET_FORM (form);

  g_return_val_if_fail (self->original->id != NULL, NULL);

  return mreza_plan_budget_line_delete (self->store, self->original->id,
                                        error);
}

static void
mreza_plan_budget_form_dispose (GObject *object)
{
  MrezaPlanBudgetForm *self = MREZA_PLAN_BUDGET_FORM (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (mreza_plan_budget_form_parent_class)->dispose (object);
}

static void
mreza_plan_budget_form_finalize (GObject *object)
{
  MrezaPlanBudgetForm *self = MREZA_PLAN_BUDGET_FORM (object);

  g_clear_pointer (&self->original, mreza_plan_budget_line_free);
  g_clear_pointer (&self->current, mreza_plan_budget_line_free);
  g_clear_pointer (&self->institutions, g_ptr_array_unref);
  g_clear_pointer (&self->projects, g_ptr_array_unref);
  g_clear_pointer (&self->tasks, g_ptr_array_unref);
  g_clear_pointer (&self->currencies, g_strfreev);

  G_OBJECT_CLASS (mreza_plan_budget_form_parent_class)->finalize (object);
}

static void
mreza_plan_budget_form_class_init (MrezaPlanBudgetFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  MrezaFormClass *form_class = MREZA_FORM_CLASS (klass);

  object_class->dispose = mreza_plan_budget_form_dispose;
  object_class->finalize = mreza_plan_budget_form_finalize;
  form_class->check = mreza_plan_budget_form_check;
  form_class->has_changes = mreza_plan_budget_form_has_changes;
  form_class->save = mreza_plan_budget_form_save;
  form_class->delete = mreza_plan_budget_form_delete;
  form_class->free_snapshot = (GDestroyNotify) mreza_plan_budget_line_free;
}

static void
mreza_plan_budget_form_init (MrezaPlanBudgetForm *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 720);
}

static GtkWidget *
code_combo_new (MrezaPlanBudgetForm *self,
                const char          *title,
                const char * const  *codes,
                const char *       (*label) (const char *code))
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  for (guint i = 0; codes[i] != NULL; i++)
    gtk_string_list_append (list, label != NULL ? label (codes[i]) : codes[i]);
  return mreza_form_combo_row_new (MREZA_FORM (self), title,
                                   G_LIST_MODEL (list));
}

static GtkWidget *
choice_combo_new (MrezaPlanBudgetForm *self,
                  const char          *title,
                  GPtrArray           *choices,
                  const char          *none)
{
  g_autoptr(GListModel) names = mreza_ui_choices_model_new (choices, none);
  AdwComboRow *row = mreza_meeting_combo_row_new (title, names);

  g_signal_connect_object (row, "notify::selected",
                           G_CALLBACK (mreza_form_changed), self,
                           G_CONNECT_SWAPPED);
  return GTK_WIDGET (row);
}

static GtkWidget *
add_group (MrezaPlanBudgetForm *self,
           const char          *title,
           const char          *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         description);
  mreza_form_add_group (MREZA_FORM (self), group);
  return group;
}

static void
build_source (MrezaPlanBudgetForm *self)
{
  MrezaForm *form = MREZA_FORM (self);
  GtkWidget *group = add_group (self, _("Source"), NULL);
  /* Translators: no institution, project or task chosen */
  g_autoptr(GListModel) institutions =
    mreza_ui_choices_model_new (self->institutions, _("None"));

  self->source_row = code_combo_new (self, _("Source"),
                                     mreza_plan_budget_sources (),
                                     mreza_budget_source_label);
  self->source_text_row = mreza_plan_form_row_new (form, _("Source as written"),
                                                   _("Source as written"),
                                                   FALSE);
  self->institution_row = mreza_form_search_row_new (form, _("Institution"),
                                                     institutions,
                                                     &self->institution_drop);
  self->project_row = choice_combo_new (self, _("Project"), self->projects,
                                        _("None"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->source_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             self->source_text_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             self->institution_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->project_row);
}

/* RSD and EUR, and the line's own currency should it be another: an
 * edit never changes it behind a person's back. */
static GStrv
currencies_new (const char *current)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char * const *offered = mreza_plan_budget_currencies ();

  g_strv_builder_addv (builder, (const char **) offered);
  if (current != NULL && !g_strv_contains (offered, current))
    g_strv_builder_add (builder, current);
  return g_strv_builder_end (builder);
}

static void
build_amount (MrezaPlanBudgetForm       *self,
              const MrezaPlanBudgetLine *line)
{
  MrezaForm *form = MREZA_FORM (self);
  GtkWidget *group = add_group (self, _("Amount"),
                                _("Thousands with a dot or a space and at "
                                  "most two decimals after a comma, as in "
                                  "1.234.000 or 4500,50. Leave the amount "
                                  "empty for no cost or a cost not yet "
                                  "known."));

  self->amount_row = mreza_plan_form_row_new (form, _("Amount"), _("Amount"),
                                              TRUE);
  self->currencies = currencies_new (line->currency);
  self->currency_row = code_combo_new (self, _("Currency"),
                                       (const char * const *) self->currencies,
                                       NULL);
  self->year_row = mreza_plan_form_row_new (form, _("Year"),
                                            _("Year of the amount"), TRUE);
  self->task_row = choice_combo_new (self, _("For"), self->tasks,
                                     /* Translators: a budget line for no
                                      * task in particular */
                                     _("Whole activity"));
  self->note_row = mreza_plan_form_row_new (form, _("Note"), _("Note"), FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->amount_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->currency_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->year_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->task_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->note_row);
}

static void
fill_fields (MrezaPlanBudgetForm       *self,
             const MrezaPlanBudgetLine *line)
{
  select_code (self->source_row, mreza_plan_budget_sources (), line->source);
  mreza_form_set_text (self->source_text_row, line->source_text);
  gtk_drop_down_set_selected (self->institution_drop,
                              choice_position (self->institutions,
                                               line->institution_id));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->project_row),
                              choice_position (self->projects,
                                               line->project_id));
  mreza_form_set_text (self->amount_row, line->amount);
  select_code (self->currency_row, (const char * const *) self->currencies,
               line->currency);
  mreza_form_set_text (self->year_row, line->year);
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->task_row),
                              choice_position (self->tasks, line->task_id));
  mreza_form_set_text (self->note_row, line->note);
}

static gboolean
load_choices (MrezaPlanBudgetForm  *self,
              const char           *activity_id,
              GError              **error)
{
  sqlite3 *db = mreza_store_get_db (self->store);

  return (self->institutions = mreza_meeting_list_institutions (db, error)) &&
         (self->projects = mreza_plan_budget_list_projects (db, error)) &&
         (self->tasks = mreza_plan_budget_list_tasks (db, activity_id, error));
}

/**
 * mreza_plan_budget_form_new:
 * @parent: the window the form is modal for
 * @store: the replica
 * @access: (nullable): what this device may write; %NULL for anything
 * @activity_id: the activity a new line is added to
 * @id: (nullable): the line to edit, or %NULL for a new one
 * @error: return location for a #GError
 *
 * Returns: (transfer none) (nullable): the form, not yet presented; it
 *   is owned by GTK's list of toplevels and goes when it closes
 */
MrezaPlanBudgetForm *
mreza_plan_budget_form_new (GtkWindow          *parent,
                            MrezaStore         *store,
                            const MrezaAccess  *access,
                            const char         *activity_id,
                            const char         *id,
                            GError            **error)
{
  MrezaPlanBudgetForm *self;
  g_autoptr(MrezaPlanBudgetLine) line = NULL;
  GtkWidget *rows[9];

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (MREZA_IS_STORE (store), NULL);
  g_return_val_if_fail (activity_id != NULL || id != NULL, NULL);

  if (id != NULL)
    line = mreza_plan_budget_line_load (mreza_store_get_db (store), id, error);
  else
    line = mreza_plan_budget_line_new (activity_id);
  if (line == NULL)
    return NULL;

  self = mreza_ui_window_new (MREZA_TYPE_PLAN_BUDGET_FORM, parent);
  self->store = g_object_ref (store);
  if (!load_choices (self, line->activity_id, error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }

  mreza_form_set_filling (MREZA_FORM (self), TRUE);
  build_source (self);
  build_amount (self, line);
  mreza_form_set_heading (MREZA_FORM (self),
                          id != NULL ? _("Edit Budget Line")
                                     : _("New Budget Line"), NULL);
  mreza_form_set_discard_text (MREZA_FORM (self),
                               _("This budget line has changes that are not "
                                 "saved. Discarded changes are lost."));
  fill_fields (self, line);
  self->current = mreza_plan_budget_line_copy (line);
  read_fields (self);
  self->original = mreza_plan_budget_line_copy (self->current);
  mreza_form_set_is_new (MREZA_FORM (self), id == NULL);
  rows[0] = self->source_row;
  rows[1] = self->source_text_row;
  rows[2] = self->institution_row;
  rows[3] = self->project_row;
  rows[4] = self->amount_row;
  rows[5] = self->currency_row;
  rows[6] = self->year_row;
  rows[7] = self->task_row;
  rows[8] = self->note_row;
  mreza_plan_form_apply_access (MREZA_FORM (self), access, "budget_line",
                                id != NULL ? _("_Delete Budget Line") : NULL,
                                NULL, rows, G_N_ELEMENTS (rows));
  mreza_form_set_filling (MREZA_FORM (self), FALSE);

  return self;
}
