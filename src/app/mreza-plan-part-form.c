/* mreza-plan-part-form.c: the form that edits a goal or an activity
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A goal's number and title; an activity's number, title and the
 * deadline its tasks inherit. Built on MrezaForm like the task form:
 * every change is read back into a MrezaPlanPart and checked by core
 * field by field. Delete is off, with the reason, while anything hangs
 * on the goal or activity (mreza_plan_part_why_not_delete()); the plan
 * is the coordinator's, so a member's device sees the form locked.
 */
#define G_LOG_DOMAIN "mreza-plan-part-form"

#include "config.h"

#include "mreza-plan-part-form-private.h"

#include "mreza-plan-form-rows.h"
#include "mreza-ui.h"

#include <glib/gi18n.h>

G_DEFINE_FINAL_TYPE (MrezaPlanPartForm, mreza_plan_part_form, MREZA_TYPE_FORM)

static gboolean
is_goal (MrezaPlanPartForm *self)
{
  return self->current->kind == MREZA_PLAN_PART_GOAL;
}

static void
read_fields (MrezaPlanPartForm *self)
{
  MrezaPlanPart *p = self->current;

  p->number = mreza_plan_form_read_number (self->number_row);
  g_free (p->title);
  p->title = mreza_form_dup_text (self->title_row);
  if (is_goal (self))
    return;
  g_free (p->deadline_text);
  p->deadline_text = mreza_form_dup_text (self->deadline_row);
  g_free (p->deadline_from);
  p->deadline_from = mreza_form_dup_text (self->from_row);
  g_free (p->deadline_to);
  p->deadline_to = mreza_form_dup_text (self->to_row);
}

static gboolean
mreza_plan_part_form_check (MrezaForm *form)
{
  MrezaPlanPartForm *self = MREZA_PLAN_PART_FORM (form);
  struct { GtkWidget *row; const char *title; } fields[] = {
    [MREZA_PLAN_PART_FIELD_NUMBER] = { self->number_row, _("Number") },
    [MREZA_PLAN_PART_FIELD_TITLE] = { self->title_row, NULL },
    [MREZA_PLAN_PART_FIELD_DEADLINE_FROM] =
      { self->from_row, _("From (year-month-day)") },
    [MREZA_PLAN_PART_FIELD_DEADLINE_TO] =
      { self->to_row, _("By (year-month-day)") },
  };

  if (self->current == NULL)
    return FALSE;
  read_fields (self);
  fields[MREZA_PLAN_PART_FIELD_TITLE].title = is_goal (self) ? _("Goal")
                                                             : _("Activity");

  for (guint f = 0; f < MREZA_PLAN_PART_N_FIELDS; f++)
    {
      g_autofree char *problem = mreza_plan_part_check (self->current, f);

      if (fields[f].row != NULL)
        mreza_form_show_problem (fields[f].row, fields[f].title, problem);
    }
  return mreza_plan_part_validate (self->current, NULL);
}

static gboolean
mreza_plan_part_form_has_changes (MrezaForm *form)
{
  MrezaPlanPartForm *self = MREZA_PLAN_PART_FORM (form);

  return self->current != NULL &&
         !mreza_plan_part_equal (self->original, self->current);
}

static char *
mreza_plan_part_form_save (MrezaForm  *form,
                           GError    **error)
{
  MrezaPlanPartForm *self = MREZA_PLAN_PART_FORM (form);

  read_fields (self);
  if (!mreza_plan_part_save (self->store, self->current, error))
    return NULL;
  return g_strdup (self->current->id);
}

static gpointer
mreza_plan_part_form_delete (MrezaForm  *form,
                             GError    **error)
{
  MrezaPlanPartForm *self = MREZA_PLAN_PART_FORM (form);

  g_return_val_if_fail (self->original->id != NULL, NULL);

  return mreza_plan_part_delete (self->store, self->original->kind,
                                 self->original->id, error);
}

static void
mreza_plan_part_form_dispose (GObject *object)
{
  MrezaPlanPartForm *self = MREZA_PLAN_PART_FORM (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (mreza_plan_part_form_parent_class)->dispose (object);
}

static void
mreza_plan_part_form_finalize (GObject *object)
{
  MrezaPlanPartForm *self = MREZA_PLAN_PART_FORM (object);

  g_clear_pointer (&self->original, mreza_plan_part_free);
  g_clear_pointer (&self->current, mreza_plan_part_free);

  G_OBJECT_CLASS (mreza_plan_part_form_parent_class)->finalize (object);
}

static void
mreza_plan_part_form_class_init (MrezaPlanPartFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  MrezaFormClass *form_class = MREZA_FORM_CLASS (klass);

  object_class->dispose = mreza_plan_part_form_dispose;
  object_class->finalize = mreza_plan_part_form_finalize;
  form_class->check = mreza_plan_part_form_check;
  form_class->has_changes = mreza_plan_part_form_has_changes;
  form_class->save = mreza_plan_part_form_save;
  form_class->delete = mreza_plan_part_form_delete;
  form_class->free_snapshot = (GDestroyNotify) mreza_plan_part_free;
}

static void
mreza_plan_part_form_init (MrezaPlanPartForm *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self), 520, 560);
}

static void
build_rows (MrezaPlanPartForm *self,
            MrezaPlanPartKind  kind)
{
  MrezaForm *form = MREZA_FORM (self);
  GtkWidget *group = adw_preferences_group_new ();
  gboolean goal = kind == MREZA_PLAN_PART_GOAL;

  self->number_row = mreza_plan_form_row_new (form, _("Number"),
                                              goal ? _("Goal number")
                                                   : _("Activity number"),
                                              TRUE);
  self->title_row = mreza_plan_form_row_new (form,
                                             goal ? _("Goal") : _("Activity"),
                                             goal ? _("Goal") : _("Activity"),
                                             FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->number_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->title_row);
  mreza_form_add_group (form, group);
  if (goal)
    return;

  mreza_plan_form_add_deadline (form, _("As the plan words it, and the "
                                        "days it means. A task without a "
                                        "deadline of its own has the "
                                        "activity’s."),
                                &self->deadline_row, &self->from_row,
                                &self->to_row);
}

static void
fill_fields (MrezaPlanPartForm   *self,
             const MrezaPlanPart *part)
{
  mreza_plan_form_set_number (self->number_row, part->number);
  mreza_form_set_text (self->title_row, part->title);
  if (part->kind == MREZA_PLAN_PART_GOAL)
    return;
  mreza_form_set_text (self->deadline_row, part->deadline_text);
  mreza_form_set_text (self->from_row, part->deadline_from);
  mreza_form_set_text (self->to_row, part->deadline_to);
}

static void
apply_access (MrezaPlanPartForm *self,
              const MrezaAccess *access,
              gboolean           is_new)
{
  GtkWidget *rows[] = { self->number_row, self->title_row,
                        self->deadline_row, self->from_row, self->to_row };
  const MrezaPlanPart *p = self->original;
  gboolean goal = p->kind == MREZA_PLAN_PART_GOAL;
  const char *why_not_delete = NULL;

  if (!is_new)
    why_not_delete = mreza_plan_part_why_not_delete (mreza_store_get_db (self->store),
                                                     p->kind, p->id);
  mreza_plan_form_apply_access (MREZA_FORM (self), access,
                                goal ? "goal" : "activity",
                                is_new ? NULL : goal ? _("_Delete Goal")
                                                     : _("_Delete Activity"),
                                why_not_delete, rows, goal ? 2 : 5);
}

static MrezaPlanPart *
load_part (MrezaStore         *store,
           MrezaPlanPartKind   kind,
           const char         *parent_id,
           const char         *id,
           GError            **error)
{
  sqlite3 *db = mreza_store_get_db (store);
  g_autofree char *plan_id = NULL;
  MrezaPlanPart *part;

  if (id != NULL)
    return mreza_plan_part_load (db, kind, id, error);
  if (kind == MREZA_PLAN_PART_GOAL && parent_id == NULL)
    parent_id = plan_id = mreza_plan_dup_plan_id (db);
  if (parent_id == NULL)
    {
      g_set_error_literal (error, MREZA_STORE_ERROR,
                           MREZA_STORE_ERROR_NOT_FOUND,
                           _("This replica holds no action plan to add a "
                             "goal to. Import the plan first."));
      return NULL;
    }
  part = mreza_plan_part_new (kind, parent_id);
  part->number = mreza_plan_part_next_number (db, kind, parent_id);
  return part;
}

static void
set_heading (MrezaPlanPartForm   *self,
             const MrezaPlanPart *part,
             gboolean             is_new)
{
  gboolean goal = part->kind == MREZA_PLAN_PART_GOAL;
  g_autofree char *subtitle = NULL;

  if (!is_new)
    /* Translators: the form's subtitle, "Goal 2. Title", "Activity 3. Title" */
    subtitle = g_strdup_printf (goal ? _("Goal %d. %s") : _("Activity %d. %s"),
                                part->number, part->title);
  mreza_form_set_heading (MREZA_FORM (self),
                          is_new ? (goal ? _("New Goal") : _("New Activity"))
                                 : (goal ? _("Edit Goal") : _("Edit Activity")),
                          subtitle);
  mreza_form_set_discard_text (MREZA_FORM (self),
                               goal ? _("This goal has changes that are not "
                                        "saved. Discarded changes are lost.")
                                    : _("This activity has changes that are "
                                        "not saved. Discarded changes are "
                                        "lost."));
}

/**
 * mreza_plan_part_form_new:
 * @parent: the window the form is modal for
 * @store: the replica
 * @access: (nullable): what this device may write; %NULL for anything
 * @kind: a goal or an activity
 * @parent_id: (nullable): the goal a new activity is added to; a new
 *   goal goes to the replica's plan
 * @id: (nullable): the goal or activity to edit, or %NULL for a new one
 * @error: return location for a #GError
 *
 * Returns: (transfer none) (nullable): the form, not yet presented; it
 *   is owned by GTK's list of toplevels and goes when it closes
 */
MrezaPlanPartForm *
mreza_plan_part_form_new (GtkWindow          *parent,
                          MrezaStore         *store,
                          const MrezaAccess  *access,
                          MrezaPlanPartKind   kind,
                          const char         *parent_id,
                          const char         *id,
                          GError            **error)
{
  MrezaPlanPartForm *self;
  g_autoptr(MrezaPlanPart) part = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (MREZA_IS_STORE (store), NULL);
  g_return_val_if_fail (kind == MREZA_PLAN_PART_GOAL || parent_id != NULL ||
                        id != NULL, NULL);

  part = load_part (store, kind, parent_id, id, error);
  if (part == NULL)
    return NULL;

  self = mreza_ui_window_new (MREZA_TYPE_PLAN_PART_FORM, parent);
  self->store = g_object_ref (store);

  mreza_form_set_filling (MREZA_FORM (self), TRUE);
  build_rows (self, kind);
  set_heading (self, part, id == NULL);
  fill_fields (self, part);
  /* The original is read back from the widgets, so that a form nobody
   * touched compares equal whatever the widgets normalised. */
  self->current = mreza_plan_part_copy (part);
  read_fields (self);
  self->original = mreza_plan_part_copy (self->current);
  mreza_form_set_is_new (MREZA_FORM (self), id == NULL);
  apply_access (self, access, id == NULL);
  mreza_form_set_filling (MREZA_FORM (self), FALSE);

  return self;
}

MrezaPlanPartKind
mreza_plan_part_form_get_kind (MrezaPlanPartForm *self)
{
  g_return_val_if_fail (MREZA_IS_PLAN_PART_FORM (self), MREZA_PLAN_PART_GOAL);

  return self->original->kind;
}
