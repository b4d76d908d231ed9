/* mreza-plan-task-form.c: the form that edits a task of the plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small modal window over the main one: the task's number, its title,
 * its deadline as the plan words it and the dates it stands for. Built
 * on MrezaForm; every change is read back into a MrezaPlanTask and
 * checked by core field by field, each row saying inline what is wrong
 * with it. The plan is the coordinator's: on a member's device the form
 * is locked with the reason. Its progress is MrezaTaskForm's.
 */
#define G_LOG_DOMAIN "mreza-plan-task-form"

#include "config.h"

#include "mreza-plan-task-form-private.h"

#include "mreza-plan-form-rows.h"

#include <glib/gi18n.h>

G_DEFINE_FINAL_TYPE (MrezaPlanTaskForm, mreza_plan_task_form, MREZA_TYPE_FORM)

static void
read_fields (MrezaPlanTaskForm *self)
{
  MrezaPlanTask *t = self->current;

  t->number = mreza_plan_form_read_number (self->number_row);
  g_free (t->title);
  t->title = mreza_form_dup_text (self->title_row);
  g_free (t->deadline_text);
  t->deadline_text = mreza_form_dup_text (self->deadline_row);
  g_free (t->deadline_from);
  t->deadline_from = mreza_form_dup_text (self->from_row);
  g_free (t->deadline_to);
  t->deadline_to = mreza_form_dup_text (self->to_row);
}

static gboolean
mreza_plan_task_form_check (MrezaForm *form)
{
  MrezaPlanTaskForm *self = MREZA_PLAN_TASK_FORM (form);
  struct { GtkWidget *row; const char *title; } fields[] = {
    [MREZA_PLAN_TASK_FIELD_NUMBER] = { self->number_row, _("Number") },
    [MREZA_PLAN_TASK_FIELD_TITLE] = { self->title_row, _("Task") },
    [MREZA_PLAN_TASK_FIELD_DEADLINE_FROM] =
      { self->from_row, _("From (year-month-day)") },
    [MREZA_PLAN_TASK_FIELD_DEADLINE_TO] =
      { self->to_row, _("By (year-month-day)") },
  };

  if (self->current == NULL)
    return FALSE;
  read_fields (self);

  for (guint f = 0; f < MREZA_PLAN_TASK_N_FIELDS; f++)
    {
      g_autofree char *problem = mreza_plan_task_check (self->current, f);

      mreza_form_show_problem (fields[f].row, fields[f].title, problem);
    }
  return mreza_plan_task_validate (self->current, NULL);
}

static gboolean
mreza_plan_task_form_has_changes (MrezaForm *form)
{
  MrezaPlanTaskForm *self = MREZA_PLAN_TASK_FORM (form);

  return self->current != NULL &&
         !mreza_plan_task_equal (self->original, self->current);
}

static char *
mreza_plan_task_form_save (MrezaForm  *form,
                           GError    **error)
{
  MrezaPlanTaskForm *self = MREZA_PLAN_TASK_FORM (form);

  read_fields (self);
  if (!mreza_plan_task_save (self->store, self->current, error))
    return NULL;
  return g_strdup (self->current->id);
}

static gpointer
mreza_plan_task_form_delete (MrezaForm  *form,
                             GError    **error)
{
  MrezaPlanTaskForm *self = MREZA_PLAN_TASK_FORM (form);

  g_return_val_if_fail (self->original->id != NULL, NULL);

  return mreza_plan_task_delete (self->store, self->original->id, error);
}

static void
mreza_plan_task_form_dispose (GObject *object)
{
  MrezaPlanTaskForm *self = MREZA_PLAN_TASK_FORM (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (mreza_plan_task_form_parent_class)->dispose (object);
}

static void
mreza_plan_task_form_finalize (GObject *object)
{
  MrezaPlanTaskForm *self = MREZA_PLAN_TASK_FORM (object);

  g_clear_pointer (&self->original, mreza_plan_task_free);
  g_clear_pointer (&self->current, mreza_plan_task_free);

  G_OBJECT_CLASS (mreza_plan_task_form_parent_class)->finalize (object);
}

static void
mreza_plan_task_form_class_init (MrezaPlanTaskFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  MrezaFormClass *form_class = MREZA_FORM_CLASS (klass);

  object_class->dispose = mreza_plan_task_form_dispose;
  object_class->finalize = mreza_plan_task_form_finalize;
  form_class->check = mreza_plan_task_form_check;
  form_class->has_changes = mreza_plan_task_form_has_changes;
  form_class->save = mreza_plan_task_form_save;
  form_class->delete = mreza_plan_task_form_delete;
  form_class->free_snapshot = (GDestroyNotify) mreza_plan_task_free;
}

static void
mreza_plan_task_form_init (MrezaPlanTaskForm *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self), 520, 560);
}

static void
build_rows (MrezaPlanTaskForm *self)
{
  MrezaForm *form = MREZA_FORM (self);
  GtkWidget *task = adw_preferences_group_new ();

  self->number_row = mreza_plan_form_row_new (form, _("Number"),
                                              _("Task number"), TRUE);
  self->title_row = mreza_plan_form_row_new (form, _("Task"), _("Task"),
                                             FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (task), self->number_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (task), self->title_row);
  mreza_form_add_group (form, task);

  mreza_plan_form_add_deadline (form, _("As the plan words it, and the "
                                        "days it means: one day for a "
                                        "date, both for a period. A task "
                                        "still open after the last day "
                                        "is late."),
                                &self->deadline_row, &self->from_row,
                                &self->to_row);
}

static void
fill_fields (MrezaPlanTaskForm   *self,
             const MrezaPlanTask *task)
{
  mreza_plan_form_set_number (self->number_row, task->number);
  mreza_form_set_text (self->title_row, task->title);
  mreza_form_set_text (self->deadline_row, task->deadline_text);
  mreza_form_set_text (self->from_row, task->deadline_from);
  mreza_form_set_text (self->to_row, task->deadline_to);
}

static void
apply_access (MrezaPlanTaskForm *self,
              const MrezaAccess *access,
              gboolean           is_new)
{
  GtkWidget *rows[] = { self->number_row, self->title_row,
                        self->deadline_row, self->from_row, self->to_row };

  mreza_plan_form_apply_access (MREZA_FORM (self), access, "task",
                                is_new ? NULL : _("_Delete Task"), NULL,
                                rows, G_N_ELEMENTS (rows));
}

static MrezaPlanTask *
load_task (MrezaStore  *store,
           const char  *activity_id,
           const char  *id,
           GError     **error)
{
  sqlite3 *db = mreza_store_get_db (store);
  MrezaPlanTask *task;

  if (id != NULL)
    return mreza_plan_task_load (db, id, error);
  task = mreza_plan_task_new (activity_id);
  task->number = mreza_plan_task_next_number (db, activity_id);
  return task;
}

/**
 * mreza_plan_task_form_new:
 * @parent: the window the form is modal for
 * @store: the replica
 * @access: (nullable): what this device may write; %NULL for anything
 * @activity_id: the activity a new task is added to
 * @id: (nullable): the task to edit, or %NULL for a new one
 * @error: return location for a #GError
 *
 * Returns: (transfer none) (nullable): the form, not yet presented; it
 *   is owned by GTK's list of toplevels and goes when it closes
 */
MrezaPlanTaskForm *
mreza_plan_task_form_new (GtkWindow          *parent,
                          MrezaStore         *store,
                          const MrezaAccess  *access,
                          const char         *activity_id,
                          const char         *id,
                          GError            **error)
{
  MrezaPlanTaskForm *self;
  g_autoptr(MrezaPlanTask) task = NULL;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (MREZA_IS_STORE (store), NULL);
  g_return_val_if_fail (activity_id != NULL || id != NULL, NULL);

  task = load_task (store, activity_id, id, error);
  if (task == NULL)
    return NULL;

  self = g_object_new (MREZA_TYPE_PLAN_TASK_FORM, "transient-for", parent,
                       NULL);
  if (parent != NULL && gtk_window_get_application (parent) != NULL)
    gtk_window_set_application (GTK_WINDOW (self),
                                gtk_window_get_application (parent));
  self->store = g_object_ref (store);

  mreza_form_set_filling (MREZA_FORM (self), TRUE);
  build_rows (self);
  if (id != NULL)
    /* Translators: the form's subtitle, "Task 3. Title" */
    subtitle = g_strdup_printf (_("Task %d. %s"), task->number, task->title);
  mreza_form_set_heading (MREZA_FORM (self),
                          id != NULL ? _("Edit Task") : _("New Task"),
                          subtitle);
  mreza_form_set_discard_text (MREZA_FORM (self),
                               _("This task has changes that are not saved. "
                                 "Discarded changes are lost."));
  fill_fields (self, task);
  /* The original is read back from the widgets, so that a form nobody
   * touched compares equal whatever the widgets normalised. */
  self->current = mreza_plan_task_copy (task);
  read_fields (self);
  self->original = mreza_plan_task_copy (self->current);
  mreza_form_set_is_new (MREZA_FORM (self), id == NULL);
  apply_access (self, access, id == NULL);
  mreza_form_set_filling (MREZA_FORM (self), FALSE);

  return self;
}
