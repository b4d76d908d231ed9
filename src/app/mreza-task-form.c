/* mreza-task-form.c: the form that edits a task's progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small modal window over the main one: the task's status, the date
 * it was done and a progress note. Every change is read back into a
 * MrezaTaskProgress and checked by core field by field; the done date
 * says inline what is wrong with it, and Save stays off until nothing
 * is. The save is one UPDATE on the UI thread's connection. Closing
 * with changes that are not saved asks first.
 *
 * The form emits ::saved with the task's id, then closes.
 */
#define G_LOG_DOMAIN "mreza-task-form"

#include "config.h"

#include "mreza-task-form-private.h"

#include "mreza-labels.h"

#include <glib/gi18n.h>

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MrezaTaskForm, mreza_task_form, ADW_TYPE_WINDOW)

static char *
dup_entry_text (AdwEntryRow *row)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  g_strstrip (text);
  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static void
read_fields (MrezaTaskForm *self)
{
  MrezaTaskProgress *p = self->current;
  const char * const *statuses = mreza_task_statuses ();
  guint status = adw_combo_row_get_selected (self->status_row);

  g_free (p->status);
  p->status = status < g_strv_length ((GStrv) statuses)
              ? g_strdup (statuses[status]) : NULL;
  /* A task that is not done has no date it was done. */
  g_free (p->done_date);
  p->done_date = g_strcmp0 (p->status, "done") == 0
                 ? dup_entry_text (self->done_row) : NULL;
  g_free (p->progress_note);
  p->progress_note = dup_entry_text (self->note_row);
}

/* Shows @problem in the row's title, where the eye already is, and to
 * screen readers as the row's description. */
static void
show_problem (GtkWidget  *row,
              const char *title,
              const char *problem)
{
  if (problem != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), problem);
      gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                                   GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      problem, -1);
    }
  else
    {
      gtk_widget_remove_css_class (row, "error");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

static void
update_state (MrezaTaskForm *self)
{
  g_autofree char *problem = NULL;
  gboolean done;
  gboolean valid;

  read_fields (self);
  done = g_strcmp0 (self->current->status, "done") == 0;
  valid = mreza_task_progress_validate (self->current, NULL, NULL);

  /* The date it was done only means something once it is done. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->done_row), done);
  problem = mreza_task_progress_check (self->current,
                                       MREZA_TASK_FIELD_DONE_DATE, NULL);
  show_problem (GTK_WIDGET (self->done_row),
                _("Done on (year-month-day)"), problem);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.save",
                                 valid && mreza_task_form_has_changes (self));
}

static void
field_changed_cb (MrezaTaskForm *self)
{
  g_assert (MREZA_IS_TASK_FORM (self));

  if (self->filling || self->current == NULL)
    return;

  /* Choosing Done offers today, the usual answer. Only then: while the
   * date is retyped, an empty entry is a step, not a request. */
  if (g_strcmp0 (self->current->status, "done") != 0 &&
      adw_combo_row_get_selected (self->status_row) == 2 &&
      gtk_editable_get_text (GTK_EDITABLE (self->done_row))[0] == '\0')
    {
      g_autofree char *today = mreza_task_today ();

      self->filling = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->done_row), today);
      self->filling = FALSE;
    }
  update_state (self);
}

void
_mreza_task_form_save (MrezaTaskForm *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (MREZA_IS_TASK_FORM (self));

  read_fields (self);
  if (!mreza_task_progress_save (self->store, self->current, &error))
    {
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_group), TRUE);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, self->current->id);
  self->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
form_save_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  _mreza_task_form_save (MREZA_TASK_FORM (widget));
}

static gboolean
close_idle_cb (gpointer user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

static void
discard_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     MrezaTaskForm    *self)
{
  if (g_strcmp0 (response, "discard") != 0)
    return;

  /* Closed once the dialog, transient for the form, has gone. */
  self->close_confirmed = TRUE;
  g_idle_add_full (G_PRIORITY_DEFAULT, close_idle_cb, g_object_ref (self),
                   g_object_unref);
}

static gboolean
mreza_task_form_close_request (GtkWindow *window)
{
  MrezaTaskForm *self = MREZA_TASK_FORM (window);
  GtkWidget *dialog;

  if (self->close_confirmed || !mreza_task_form_has_changes (self))
    return GTK_WINDOW_CLASS (mreza_task_form_parent_class)->close_request (window);

  dialog = adw_message_dialog_new (window, _("Discard Changes?"),
                                   _("This task's progress has changes that are not saved. Discarded changes are lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog),
                                              "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog),
                                           "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog),
                                         "cancel");
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

static void
mreza_task_form_dispose (GObject *object)
{
  MrezaTaskForm *self = MREZA_TASK_FORM (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MREZA_TYPE_TASK_FORM);
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
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = mreza_task_form_dispose;
  object_class->finalize = mreza_task_form_finalize;
  window_class->close_request = mreza_task_form_close_request;

  /**
   * MrezaTaskForm::saved:
   * @id: the task's id
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass),
                                 G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/rs/mreza/Mreza/mreza-task-form.ui");
  gtk_widget_class_bind_template_child (widget_class, MrezaTaskForm, window_title);
  gtk_widget_class_bind_template_child (widget_class, MrezaTaskForm, progress_group);
  gtk_widget_class_bind_template_child (widget_class, MrezaTaskForm, save_button);
  gtk_widget_class_bind_template_child (widget_class, MrezaTaskForm, error_group);
  gtk_widget_class_bind_template_child (widget_class, MrezaTaskForm, error_label);
  gtk_widget_class_bind_template_child (widget_class, MrezaTaskForm, status_row);
  gtk_widget_class_bind_template_child (widget_class, MrezaTaskForm, done_row);
  gtk_widget_class_bind_template_child (widget_class, MrezaTaskForm, note_row);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);

  gtk_widget_class_install_action (widget_class, "form.save", NULL,
                                   form_save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s,
                                       GDK_CONTROL_MASK, "form.save", NULL);
}

static void
mreza_task_form_init (MrezaTaskForm *self)
{
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  const char * const *codes = mreza_task_statuses ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.save", FALSE);

  for (guint i = 0; codes[i] != NULL; i++)
    gtk_string_list_append (statuses, mreza_task_status_label (codes[i]));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));
}

static void
fill_fields (MrezaTaskForm           *self,
             const MrezaTaskProgress *p)
{
  const char * const *statuses = mreza_task_statuses ();
  guint status = 0;

  for (guint i = 0; statuses[i] != NULL; i++)
    if (g_strcmp0 (statuses[i], p->status) == 0)
      status = i;

  self->filling = TRUE;
  adw_combo_row_set_selected (self->status_row, status);
  gtk_editable_set_text (GTK_EDITABLE (self->done_row),
                         p->done_date != NULL ? p->done_date : "");
  gtk_editable_set_text (GTK_EDITABLE (self->note_row),
                         p->progress_note != NULL ? p->progress_note : "");
  self->filling = FALSE;
}

/**
 * mreza_task_form_new:
 * @parent: the window the form is modal for
 * @store: the replica
 * @id: the task to edit
 * @error: return location for a #GError
 *
 * Returns: (transfer none) (nullable): the form, not yet presented; it
 *   is owned by GTK's list of toplevels and goes when it closes
 */
MrezaTaskForm *
mreza_task_form_new (GtkWindow   *parent,
                     MrezaStore  *store,
                     const char  *id,
                     GError     **error)
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

  /* Translators: the form's subtitle, "Task 3. Title" */
  subtitle = g_strdup_printf (_("Task %d. %s"), progress->number,
                              progress->title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  if (progress->team_id != NULL)
    {
      g_autofree char *whose = NULL;

      /* Translators: %s is the name of the member's local team */
      whose = g_strdup_printf (_("Your team’s own progress (%s). The plan’s "
                                 "national status is the coordinator’s."),
                               progress->team_name ? progress->team_name : "");
      adw_preferences_group_set_description (self->progress_group, whose);
    }
  else
    adw_preferences_group_set_description (self->progress_group,
      _("The plan’s national status. Each local team may report its own "
        "progress from a member’s device."));

  fill_fields (self, progress);
  /* The original is read back from the widgets, so that a form nobody
   * touched compares equal whatever the widgets normalised. */
  self->current = mreza_task_progress_copy (progress);
  read_fields (self);
  self->original = mreza_task_progress_copy (self->current);
  update_state (self);

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

  read_fields (self);
  return !mreza_task_progress_equal (self->original, self->current);
}
