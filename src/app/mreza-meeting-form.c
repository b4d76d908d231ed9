/* mreza-meeting-form.c: the form that prepares a meeting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A MrezaForm (the modal scaffold every record's editor shares: Cancel
 * and Save, "Discard changes?", the error a save met), prepared offline
 * like every edit. The form keeps a MrezaMeeting (self->current) that
 * its widgets write into as they change: the meeting's own fields, then
 * one expander row per agenda item and per follow-up task, a row per
 * local team to tick, and the institutions invited in their own right.
 * Core checks every field, item and follow-up after each change: what
 * is wrong turns red and says why, and Save stays off until nothing is.
 * The rows that grow with the meeting are built in
 * mreza-meeting-form-rows.c; this file holds the meeting's own fields
 * and the form's life. Saving is one transaction (mreza_meeting_save).
 * ::deleted hands the page the MrezaMeeting that was deleted, for Undo.
 */
#define G_LOG_DOMAIN "mreza-meeting-form"

#include "config.h"

#include "mreza-meeting-form-private.h"

#include "mreza-access.h"
#include "mreza-labels.h"

#include <glib/gi18n.h>

G_DEFINE_FINAL_TYPE (MrezaMeetingForm, mreza_meeting_form, MREZA_TYPE_FORM)

static void update_state (MrezaMeetingForm *self);

/* The meeting's own fields ------------------------------------------------ */

static void
read_meeting_fields (MrezaMeetingForm *self)
{
  MrezaMeeting *m = self->current;
  g_autofree char *conclusions = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->conclusions_view);
  GtkTextIter start, end;
  guint team = adw_combo_row_get_selected (self->team_row);

  _mreza_meeting_form_set_text (&m->title, GTK_EDITABLE (self->title_row));
  _mreza_meeting_form_set_text (&m->date, GTK_EDITABLE (self->date_row));
  _mreza_meeting_form_set_text (&m->place, GTK_EDITABLE (self->place_row));
  g_free (m->organiser_id);
  m->organiser_id = g_strdup (_mreza_meeting_form_combo_id (self->organiser_row,
                                        self->choices->institutions));
  g_free (m->team_id);
  m->team_id = team > 0 ? g_strdup (mreza_meeting_choices_id (self->choices->teams,
                                                              team - 1))
                        : NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  conclusions = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end,
                                                      FALSE));
  g_free (m->conclusions);
  m->conclusions = *conclusions != '\0' ? g_steal_pointer (&conclusions) : NULL;
}

static void
field_changed_cb (MrezaMeetingForm *self)
{
  g_assert (MREZA_IS_MEETING_FORM (self));

  if (self->filling || self->current == NULL)
    return;
  self->touched = TRUE;
  read_meeting_fields (self);
  update_state (self);
}

static void
form_add_item_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  _mreza_meeting_form_add_item (MREZA_MEETING_FORM (widget));
}

static void
form_add_follow_up_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  _mreza_meeting_form_add_follow_up (MREZA_MEETING_FORM (widget));
}
/* State, saving, closing -------------------------------------------------- */


/* MrezaForm's ->check(): reads the meeting's own fields (the rows write
 * theirs as they change), shows what is wrong, and says whether the
 * meeting may be saved. */
static gboolean
mreza_meeting_form_check (MrezaForm *form)
{
  MrezaMeetingForm *self = MREZA_MEETING_FORM (form);
  g_autofree char *title = NULL;
  g_autofree char *date = NULL;
  g_autofree char *organiser = NULL;

  if (self->current == NULL)
    return FALSE;
  read_meeting_fields (self);

  /* A new form is not wrong before the person has started on it. */
  if (self->touched || self->original->id != NULL)
    {
      title = mreza_meeting_check (self->current, MREZA_MEETING_FIELD_TITLE);
      organiser = mreza_meeting_check (self->current,
                                       MREZA_MEETING_FIELD_ORGANISER);
    }
  date = mreza_meeting_check (self->current, MREZA_MEETING_FIELD_DATE);
  _mreza_meeting_form_show_problem (GTK_WIDGET (self->title_row), FALSE, _("Title"), title);
  _mreza_meeting_form_show_problem (GTK_WIDGET (self->date_row), FALSE, _("Date (year-month-day)"),
                date);
  _mreza_meeting_form_show_problem (GTK_WIDGET (self->organiser_row), FALSE, _("Organiser"),
                organiser);
  _mreza_meeting_form_update_children_state (self);

  return mreza_meeting_validate (self->current, NULL);
}

static gboolean
mreza_meeting_form_has_changes_vfunc (MrezaForm *form)
{
  MrezaMeetingForm *self = MREZA_MEETING_FORM (form);

  return self->current != NULL &&
         !mreza_meeting_equal (self->original, self->current);
}

static void
update_state (MrezaMeetingForm *self)
{
  mreza_form_changed (MREZA_FORM (self));
}

static char *
mreza_meeting_form_save (MrezaForm  *form,
                         GError    **error)
{
  MrezaMeetingForm *self = MREZA_MEETING_FORM (form);

  read_meeting_fields (self);
  if (!mreza_meeting_save (self->store, self->current, error))
    return NULL;
  return g_strdup (self->current->id);
}

static gpointer
mreza_meeting_form_delete (MrezaForm  *form,
                           GError    **error)
{
  MrezaMeetingForm *self = MREZA_MEETING_FORM (form);

  g_return_val_if_fail (self->original->id != NULL, NULL);

  return mreza_meeting_delete (self->store, self->original->id, error);
}

static void
mreza_meeting_form_dispose (GObject *object)
{
  MrezaMeetingForm *self = MREZA_MEETING_FORM (object);

  /* Rows point into self->current: their handlers stop first. */
  self->filling = TRUE;
  g_clear_object (&self->store);

  G_OBJECT_CLASS (mreza_meeting_form_parent_class)->dispose (object);
}

static void
mreza_meeting_form_finalize (GObject *object)
{
  MrezaMeetingForm *self = MREZA_MEETING_FORM (object);

  g_clear_pointer (&self->item_rows, g_ptr_array_unref);
  g_clear_pointer (&self->follow_up_rows, g_ptr_array_unref);
  g_clear_pointer (&self->choices, mreza_meeting_choices_free);
  g_clear_pointer (&self->original, mreza_meeting_free);
  g_clear_pointer (&self->current, mreza_meeting_free);

  G_OBJECT_CLASS (mreza_meeting_form_parent_class)->finalize (object);
}

static void
mreza_meeting_form_class_init (MrezaMeetingFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MrezaFormClass *form_class = MREZA_FORM_CLASS (klass);

  object_class->dispose = mreza_meeting_form_dispose;
  object_class->finalize = mreza_meeting_form_finalize;
  form_class->check = mreza_meeting_form_check;
  form_class->has_changes = mreza_meeting_form_has_changes_vfunc;
  form_class->save = mreza_meeting_form_save;
  form_class->delete = mreza_meeting_form_delete;
  form_class->free_snapshot = (GDestroyNotify) mreza_meeting_free;


  gtk_widget_class_install_action (widget_class, "form.add-item", NULL,
                                   form_add_item_action);
  gtk_widget_class_install_action (widget_class, "form.add-follow-up", NULL,
                                   form_add_follow_up_action);
}

static GtkWidget *
add_button_new (const char *label,
                const char *action,
                const char *tooltip)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content),
                                    "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static GtkListBox *
boxed_list_new (const char *label,
                const char *placeholder)
{
  GtkWidget *box = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (box, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (box),
                                _mreza_meeting_form_placeholder_new (placeholder));
  return GTK_LIST_BOX (box);
}

static GtkWidget *
meeting_entry_new (MrezaMeetingForm *self,
                   const char       *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  g_signal_connect_object (row, "changed", G_CALLBACK (field_changed_cb),
                           self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (self->meeting_group, row);
  return row;
}

static void
build_meeting_group (MrezaMeetingForm *self)
{
  self->meeting_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->meeting_group, _("The Meeting"));
  self->title_row = ADW_ENTRY_ROW (meeting_entry_new (self, _("Title")));
  self->date_row = ADW_ENTRY_ROW (meeting_entry_new (self,
                                                     _("Date (year-month-day)")));
  adw_entry_row_set_input_purpose (self->date_row, GTK_INPUT_PURPOSE_DIGITS);
  self->place_row = ADW_ENTRY_ROW (meeting_entry_new (self, _("Place")));
  mreza_form_add_group (MREZA_FORM (self), GTK_WIDGET (self->meeting_group));
}

static void
build_groups (MrezaMeetingForm *self)
{
  GtkWidget *group;
  GtkWidget *frame;

  build_meeting_group (self);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Agenda"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("In the order of the day. Times "
                                           "are optional; an item may not "
                                           "start before the one above it "
                                           "ends."));
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group),
                                           add_button_new (_("_Add Item"),
                                                           "form.add-item",
                                                           _("Add an agenda item")));
  self->items_box = boxed_list_new (_("Agenda items"),
                                    _("No agenda items yet"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             GTK_WIDGET (self->items_box));
  mreza_form_add_group (MREZA_FORM (self), group);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Invited"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Tick the teams and add the "
                                           "institutions to invite; after the "
                                           "meeting, tick who came."));
  self->teams_box = boxed_list_new (_("Local teams invited"),
                                    _("No local teams in the directory"));
  self->institutions_box = boxed_list_new (_("Institutions invited"), "");
  gtk_widget_set_margin_top (GTK_WIDGET (self->institutions_box), 12);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             GTK_WIDGET (self->teams_box));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             GTK_WIDGET (self->institutions_box));
  mreza_form_add_group (MREZA_FORM (self), group);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group),
                                   _("Conclusions"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("What the meeting agreed, written "
                                           "after it."));
  self->conclusions_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  g_object_set (self->conclusions_view, "wrap-mode", GTK_WRAP_WORD_CHAR,
                "height-request", 96, "top-margin", 8, "bottom-margin", 8,
                "left-margin", 10, "right-margin", 10, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->conclusions_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Conclusions"), -1);
  g_signal_connect_object (gtk_text_view_get_buffer (self->conclusions_view),
                           "changed", G_CALLBACK (field_changed_cb), self,
                           G_CONNECT_SWAPPED);
  frame = gtk_frame_new (NULL);
  gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (self->conclusions_view));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), frame);
  mreza_form_add_group (MREZA_FORM (self), group);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group),
                                   _("Follow-up Tasks"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("What is to be done after the "
                                           "meeting, by whom and when, and "
                                           "the task of the Action Plan it "
                                           "feeds."));
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group),
                                           add_button_new (_("Add _Task"),
                                                           "form.add-follow-up",
                                                           _("Add a follow-up task")));
  self->follow_ups_box = boxed_list_new (_("Follow-up tasks"),
                                         _("No follow-up tasks yet"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             GTK_WIDGET (self->follow_ups_box));
  mreza_form_add_group (MREZA_FORM (self), group);
}

static void
mreza_meeting_form_init (MrezaMeetingForm *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self), 620, 800);
  self->item_rows = g_ptr_array_new ();
  self->follow_up_rows = g_ptr_array_new ();
  build_groups (self);
}

static void
add_choice_rows (MrezaMeetingForm *self)
{
  MrezaMeetingChoices *c = self->choices;

  self->organiser_row = mreza_meeting_combo_row_new (_("Organiser"),
                                                     c->institution_names);
  self->team_row = mreza_meeting_combo_row_new (_("Meeting of"),
                                                c->team_names);
  adw_preferences_group_add (self->meeting_group,
                             GTK_WIDGET (self->organiser_row));
  adw_preferences_group_add (self->meeting_group, GTK_WIDGET (self->team_row));
  g_signal_connect_object (self->organiser_row, "notify::selected",
                           G_CALLBACK (field_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->team_row, "notify::selected",
                           G_CALLBACK (field_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
fill_fields (MrezaMeetingForm   *self,
             const MrezaMeeting *m)
{
  guint team = mreza_meeting_choices_index (self->choices->teams, m->team_id);

  self->filling = TRUE;
  _mreza_meeting_form_set_editable (GTK_WIDGET (self->title_row), m->title);
  _mreza_meeting_form_set_editable (GTK_WIDGET (self->date_row), m->date);
  _mreza_meeting_form_set_editable (GTK_WIDGET (self->place_row), m->place);
  _mreza_meeting_form_combo_select (self->organiser_row, self->choices->institutions,
                m->organiser_id);
  adw_combo_row_set_selected (self->team_row,
                              team == GTK_INVALID_LIST_POSITION ? 0 : team + 1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->conclusions_view),
                            m->conclusions ? m->conclusions : "", -1);
  self->filling = FALSE;

  _mreza_meeting_form_rebuild_items (self, NULL);
  _mreza_meeting_form_build_teams (self);
  _mreza_meeting_form_rebuild_institutions (self);
  _mreza_meeting_form_rebuild_follow_ups (self, NULL);
}

static MrezaMeeting *
new_meeting_defaults (void)
{
  MrezaMeeting *m = mreza_meeting_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  m->date = g_date_time_format (now, "%Y-%m-%d");
  return m;
}

/**
 * mreza_meeting_form_new:
 * @parent: the window the form is modal for
 * @store: the replica
 * @id: (nullable): the meeting to edit, or %NULL for a new one
 * @error: return location for a #GError
 *
 * Returns: (transfer none) (nullable): the form, not yet presented; it
 *   is owned by GTK's list of toplevels and goes when it closes
 */
MrezaMeetingForm *
mreza_meeting_form_new (GtkWindow   *parent,
                        MrezaStore  *store,
                        const char  *id,
                        GError     **error)
{
  MrezaMeetingForm *self;
  g_autoptr(MrezaMeeting) meeting = NULL;
  g_autoptr(MrezaMeetingChoices) choices = NULL;
  sqlite3 *db;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (MREZA_IS_STORE (store), NULL);

  db = mreza_store_get_db (store);
  meeting = id != NULL ? mreza_meeting_load (db, id, error)
                       : new_meeting_defaults ();
  if (meeting == NULL)
    return NULL;
  choices = mreza_meeting_choices_load (db, error);
  if (choices == NULL)
    return NULL;

  self = g_object_new (MREZA_TYPE_MEETING_FORM, "transient-for", parent, NULL);
  if (parent != NULL && gtk_window_get_application (parent) != NULL)
    gtk_window_set_application (GTK_WINDOW (self),
                                gtk_window_get_application (parent));
  self->store = g_object_ref (store);
  self->choices = g_steal_pointer (&choices);
  add_choice_rows (self);

  self->original = mreza_meeting_copy (meeting);
  self->current = g_steal_pointer (&meeting);
  fill_fields (self, self->current);
  /* The original is what the widgets show, so that a form nobody
   * touched compares equal whatever the widgets normalised. */
  read_meeting_fields (self);
  mreza_meeting_free (self->original);
  self->original = mreza_meeting_copy (self->current);

  mreza_form_set_heading (MREZA_FORM (self),
                          id != NULL ? _("Edit Meeting") : _("New Meeting"),
                          NULL);
  mreza_form_set_discard_text (MREZA_FORM (self),
                               _("This meeting has changes that are not "
                                 "saved. Discarded changes are lost."));
  if (id != NULL)
    mreza_form_set_deletable (MREZA_FORM (self), _("_Delete Meeting"), NULL);
  mreza_form_set_is_new (MREZA_FORM (self), id == NULL);
  /* The page does not offer the form where meetings cannot be changed;
   * should it be opened anyway, it says why and does not save. */
  {
    g_autoptr(MrezaAccess) access = mreza_access_load (store);

    mreza_form_set_locked (MREZA_FORM (self),
                           mreza_access_why_not (access, "meeting", NULL));
  }
  update_state (self);

  return self;
}

const char *
mreza_meeting_form_get_id (MrezaMeetingForm *self)
{
  g_return_val_if_fail (MREZA_IS_MEETING_FORM (self), NULL);

  return self->original->id;
}

gboolean
mreza_meeting_form_has_changes (MrezaMeetingForm *self)
{
  g_return_val_if_fail (MREZA_IS_MEETING_FORM (self), FALSE);

  return mreza_form_has_changes (MREZA_FORM (self));
}
