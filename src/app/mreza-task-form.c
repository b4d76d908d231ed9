/* mreza-task-form.c: the form that edits a task's progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small modal window over the main one: the task's status, the date
 * it was done and a progress note. Built on MrezaForm; every change is
 * read back into a MrezaTaskProgress and checked by core field by
 * field, and the done date says inline what is wrong with it. The save
 * is one write on the UI thread's connection.
 *
 * Whose progress it is depends on the device (mreza_task_progress_load()):
 * a member's device reports its own team's progress, a task_progress
 * row of that team; a coordinator's device, or a replica that never
 * joined, the plan's national status on the task row. The form saves
 * only what the coordinator would accept from this device.
 */
#define G_LOG_DOMAIN "mreza-task-form"

#include "config.h"

#include "mreza-task-form-private.h"

#include "mreza-labels.h"

#include <glib/gi18n.h>

G_DEFINE_FINAL_TYPE (MrezaTaskForm, mreza_task_form, MREZA_TYPE_FORM)

static guint
status_index (const char *status)
{
  const char * const *statuses = mreza_task_statuses ();

  for (guint i = 0; statuses[i] != NULL; i++)
    if (g_strcmp0 (statuses[i], status) == 0)
      return i;
  return 0;
}

static void
read_fields (MrezaTaskForm *self)
{
  MrezaTaskProgress *p = self->current;
  const char * const *statuses = mreza_task_statuses ();
  guint status = adw_combo_row_get_selected (ADW_COMBO_ROW (self->status_row));

  g_free (p->status);
  p->status = status < g_strv_length ((GStrv) statuses)
              ? g_strdup (statuses[status]) : NULL;
  /* A task that is not done has no date it was done. */
  g_free (p->done_date);
  p->done_date = g_strcmp0 (p->status, "done") == 0
                 ? mreza_form_dup_text (self->done_row) : NULL;
  g_free (p->progress_note);
  p->progress_note = mreza_form_dup_text (self->note_row);
}

static gboolean
mreza_task_form_check (MrezaForm *form)
{
  MrezaTaskForm *self = MREZA_TASK_FORM (form);
  g_autofree char *problem = NULL;

  if (self->current == NULL)
    return FALSE;
  read_fields (self);

  /* The date it was done only means something once it is done. */
  gtk_widget_set_sensitive (self->done_row,
                            !mreza_form_get_locked (form) &&
                            g_strcmp0 (self->current->status, "done") == 0);
  problem = mreza_task_progress_check (self->current,
                                       MREZA_TASK_FIELD_DONE_DATE, NULL);
  mreza_form_show_problem (self->done_row, _("Done on (year-month-day)"),
                           problem);

  return mreza_task_progress_validate (self->current, NULL, NULL);
}

static gboolean
mreza_task_form_real_has_changes (MrezaForm *form)
{
  MrezaTaskForm *self = MREZA_TASK_FORM (form);

  return self->current != NULL &&
         !mreza_task_progress_equal (self->original, self->current);
}

static char *
mreza_task_form_save (MrezaForm  *form,
                      GError    **error)
{
  MrezaTaskForm *self = MREZA_TASK_FORM (form);

  read_fields (self);
  if (!mreza_task_progress_save (self->store, self->current, error))
    return NULL;
  return g_strdup (self->current->id);
}

static void
mreza_task_form_dispose (GObject *object)
{
  MrezaTaskForm *self = MREZA_TASK_FORM (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (mreza_task_form_parent_class)->dispose (object);
}

static void
mreza_task_form_finalize (GObject *object)
{
  MrezaTaskForm *self = MREZA_TASK_FORM (object);

  g_clear_pointer (&self->original, mreza_task_progress_free);
  g_clear_pointer (&self->current, mreza_task_progress_free);

  G_OBJECT_CLASS (mreza_task_form_parent_class)->finalize (object);
}

static void
mreza_task_form_class_init (MrezaTaskFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  MrezaFormClass *form_class = MREZA_FORM_CLASS (klass);

  object_class->dispose = mreza_task_form_dispose;
  object_class->finalize = mreza_task_form_finalize;
  form_class->check = mreza_task_form_check;
  form_class->has_changes = mreza_task_form_real_has_changes;
  form_class->save = mreza_task_form_save;
}

static void
mreza_task_form_init (MrezaTaskForm *self)
{
  /* Three rows: the scaffold's tall default would be mostly empty. */
  gtk_window_set_default_size (GTK_WINDOW (self), 520, 460);
}

static void
status_changed_cb (MrezaTaskForm *self)
{
  g_assert (MREZA_IS_TASK_FORM (self));

  /* While the form is filled there is nothing to compare with yet. */
  if (self->current == NULL)
    return;

  /* Choosing Done offers today, the usual answer. Only then: while the
   * date is retyped, an empty entry is a step, not a request. */
  if (g_strcmp0 (self->current->status, "done") != 0 &&
      adw_combo_row_get_selected (ADW_COMBO_ROW (self->status_row)) ==
      status_index ("done") &&
      gtk_editable_get_text (GTK_EDITABLE (self->done_row))[0] == '\0')
    {
      g_autofree char *today = mreza_task_today ();

      /* Filled in as one change: the end of filling checks once. */
      mreza_form_set_filling (MREZA_FORM (self), TRUE);
      mreza_form_set_text (self->done_row, today);
      mreza_form_set_filling (MREZA_FORM (self), FALSE);
      return;
    }
  mreza_form_changed (MREZA_FORM (self));
}

static GtkWidget *
status_row_new (MrezaTaskForm *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  const char * const *codes = mreza_task_statuses ();
  GtkWidget *row = adw_combo_row_new ();

  for (guint i = 0; codes[i] != NULL; i++)
    gtk_string_list_append (labels, mreza_task_status_label (codes[i]));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Status"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Status"),
                                  -1);
  /* Not mreza_form_combo_row_new(): Done may fill in the date first. */
  g_signal_connect_object (row, "notify::selected",
                           G_CALLBACK (status_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return row;
}

static void
build_rows (MrezaTaskForm *self)
{
  MrezaForm *form = MREZA_FORM (self);
  AdwPreferencesGroup *group;

  self->progress_group = adw_preferences_group_new ();
  group = ADW_PREFERENCES_GROUP (self->progress_group);
  adw_preferences_group_set_title (group, _("Progress"));

  self->status_row = status_row_new (self);
  self->done_row = mreza_form_entry_row_new (form, _("Done on (year-month-day)"));
  g_object_set (self->done_row, "input-purpose", GTK_INPUT_PURPOSE_DIGITS, NULL);
  /* The row's title turns into what is wrong with the date; its
   * accessible label stays what the field is. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->done_row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Date the task was done"), -1);
  self->note_row = mreza_form_entry_row_new (form, _("Progress note"));

  adw_preferences_group_add (group, self->status_row);
  adw_preferences_group_add (group, self->done_row);
  adw_preferences_group_add (group, self->note_row);
  mreza_form_add_group (form, self->progress_group);
}

/* Says whose progress the form edits: a member's team's own, or the
 * plan's national status. */
static void
describe_progress (MrezaTaskForm           *self,
                   const MrezaTaskProgress *progress)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (self->progress_group);
  g_autofree char *whose = NULL;

  if (progress->team_id != NULL)
    /* Translators: %s is the name of the member's local team */
    whose = g_strdup_printf (_("Your team’s own progress (%s). The plan’s "
                               "national status is the coordinator’s."),
                             progress->team_name ? progress->team_name : "");
  else
    whose = g_strdup (_("The plan’s national status. Each local team may "
                        "report its own progress from a member’s device."));
  adw_preferences_group_set_description (group, whose);
}

/* A team's progress is a task_progress row of that team, which only
 * its members write; the national status is the task row itself, the
 * plan's, which only a coordinator's device (or a replica that never
 * joined) writes. */
static void
apply_access (MrezaTaskForm           *self,
              const MrezaAccess       *access,
              const MrezaTaskProgress *progress)
{
  const char *why = NULL;

  if (access != NULL)
    why = mreza_access_why_not (access,
                                progress->team_id != NULL ? "task_progress"
                                                          : "task",
                                progress->team_id);

  /* The rows, not the group: its description, whose progress this
   * is, stays as readable as the notice. The done row follows in
   * ->check(). */
  mreza_form_set_locked (MREZA_FORM (self), why);
  gtk_widget_set_sensitive (self->status_row, why == NULL);
  gtk_widget_set_sensitive (self->note_row, why == NULL);
}

static void
fill_fields (MrezaTaskForm           *self,
             const MrezaTaskProgress *p)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->status_row),
                              status_index (p->status));
  mreza_form_set_text (self->done_row, p->done_date);
  mreza_form_set_text (self->note_row, p->progress_note);
}

/**
 * mreza_task_form_new:
 * @parent: the window the form is modal for
 * @store: the replica
 * @access: (nullable): what this device may write; %NULL for anything
 * @id: the task to edit
 * @error: return location for a #GError
 *
 * Returns: (transfer none) (nullable): the form, not yet presented; it
 *   is owned by GTK's list of toplevels and goes when it closes
 */
MrezaTaskForm *
mreza_task_form_new (GtkWindow          *parent,
                     MrezaStore         *store,
                     const MrezaAccess  *access,
                     const char         *id,
                     GError            **error)
{
  MrezaTaskForm *self;
  g_autoptr(MrezaTaskProgress) progress = NULL;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (MREZA_IS_STORE (store), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  progress = mreza_task_progress_load (mreza_store_get_db (store), id, error);
  if (progress == NULL)
    return NULL;

  self = g_object_new (MREZA_TYPE_TASK_FORM, "transient-for", parent, NULL);
  if (parent != NULL && gtk_window_get_application (parent) != NULL)
    gtk_window_set_application (GTK_WINDOW (self),
                                gtk_window_get_application (parent));
  self->store = g_object_ref (store);

  mreza_form_set_filling (MREZA_FORM (self), TRUE);
  build_rows (self);
  /* Translators: the form's subtitle, "Task 3. Title" */
  subtitle = g_strdup_printf (_("Task %d. %s"), progress->number,
                              progress->title);
  mreza_form_set_heading (MREZA_FORM (self), _("Task Progress"), subtitle);
  mreza_form_set_discard_text (MREZA_FORM (self),
                               _("This task's progress has changes that are "
                                 "not saved. Discarded changes are lost."));
  describe_progress (self, progress);

  fill_fields (self, progress);
  /* The original is read back from the widgets, so that a form nobody
   * touched compares equal whatever the widgets normalised. */
  self->current = mreza_task_progress_copy (progress);
  read_fields (self);
  self->original = mreza_task_progress_copy (self->current);
  mreza_form_set_is_new (MREZA_FORM (self), FALSE);
  apply_access (self, access, progress);
  mreza_form_set_filling (MREZA_FORM (self), FALSE);

  return self;
}

const char *
mreza_task_form_get_id (MrezaTaskForm *self)
{
  g_return_val_if_fail (MREZA_IS_TASK_FORM (self), NULL);

  return self->original->id;
}

gboolean
mreza_task_form_has_changes (MrezaTaskForm *self)
{
  g_return_val_if_fail (MREZA_IS_TASK_FORM (self), FALSE);

  return mreza_form_has_changes (MREZA_FORM (self));
}
