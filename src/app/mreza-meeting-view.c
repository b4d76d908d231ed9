/* mreza-meeting-view.c: one meeting, read, and its documents exported
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The meeting as the secretary checks it before sending the invitation:
 * when and where, the agenda in order with times and presenters, who is
 * invited and who came, the conclusions and the follow-up tasks. Above
 * them, Edit (on a device that may prepare meetings) and the two
 * documents, each one click and a file chooser away.
 *
 * THREAD SAFETY: an export's worker opens its own MrezaStore on the
 * replica's path and writes the file there; it shares nothing with the
 * UI thread but the copies in its Job.
 */
#define G_LOG_DOMAIN "mreza-meeting-view"

#include "config.h"

#include "mreza-meeting-view.h"

#include "mreza-labels.h"
#include "mreza-meeting.h"
#include "mreza-row.h"
#include "mreza-ui.h"
#include "mreza-ui-export.h"

#include <glib/gi18n.h>
#include <string.h>

enum {
  EDIT,
  SHOW_IN_PLAN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

struct _MrezaMeetingView
{
  GtkWidget             parent_instance;

  GtkScrolledWindow    *scroller;
  GtkBox               *content_box;

  MrezaStore           *store;
  char                 *id;
  char                 *title;
  gboolean              can_edit;

  MrezaUiExport         export;
  MrezaMeetingDocument  chooser_document;
};

G_DEFINE_FINAL_TYPE (MrezaMeetingView, mreza_meeting_view, GTK_TYPE_WIDGET)

static void actions_update (MrezaMeetingView *self);

/* Building -------------------------------------------------------------- */

static void
add_fact (GtkWidget  *group,
          const char *title,
          const char *value)
{
  GtkWidget *row;

  if (value == NULL || *value == '\0')
    return;
  row = mreza_ui_row_new (value, NULL);
  /* The value is what a person reads; the label says what it is. */
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), title);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

static GtkWidget *
button_new (const char *label,
            const char *action,
            const char *tooltip)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_tooltip_text (button, tooltip);
  return button;
}

static GtkWidget *
buttons_new (MrezaMeetingView *self)
{
  /* A flow box, so that the buttons go under each other on a phone. */
  GtkWidget *box = gtk_flow_box_new ();
  GtkWidget *edit;

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (box), GTK_SELECTION_NONE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (box), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (box), 6);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (box), 3);
  gtk_widget_set_focusable (box, FALSE);

  if (self->can_edit)
    {
      edit = button_new (_("_Edit…"), "meeting.edit",
                         _("Change the meeting, its agenda and who is "
                           "invited (Ctrl+E)"));
      gtk_widget_add_css_class (edit, "suggested-action");
      gtk_flow_box_append (GTK_FLOW_BOX (box), edit);
    }
  gtk_flow_box_append (GTK_FLOW_BOX (box),
                       button_new (_("Export _Agenda…"),
                                   "meeting.export-agenda",
                                   _("Save the agenda with the invitation "
                                     "list as a PDF document")));
  gtk_flow_box_append (GTK_FLOW_BOX (box),
                       button_new (_("Export _Invitation List…"),
                                   "meeting.export-invitations",
                                   _("Save whom to invite, with each "
                                     "contact person, as PDF or CSV")));
  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);
  return box;
}

static GtkWidget *
notice_new (const char *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name ("changes-prevent-symbolic");
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "read-only-notice");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_margin_start (icon, 12);
  gtk_widget_set_margin_top (icon, 12);
  gtk_widget_set_margin_top (label, 10);
  gtk_widget_set_margin_bottom (label, 10);
  gtk_widget_set_margin_end (label, 12);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

static void
plan_row_activated_cb (AdwActionRow     *row,
                       MrezaMeetingView *self)
{
  int kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "kind"));
  const char *id = g_object_get_data (G_OBJECT (row), "plan-id");

  g_signal_emit (self, signals[SHOW_IN_PLAN], 0, kind, id);
}

/* The part of the plan an item or a follow-up serves, one click away. */
static void
link_to_plan (MrezaMeetingView *self,
              GtkWidget        *row,
              MrezaRowKind      kind,
              const char       *id)
{
  if (id == NULL)
    return;
  g_object_set_data (G_OBJECT (row), "kind", GINT_TO_POINTER (kind));
  g_object_set_data_full (G_OBJECT (row), "plan-id", g_strdup (id), g_free);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, _("Show in the Action Plan"));
  g_signal_connect_object (row, "activated",
                           G_CALLBACK (plan_row_activated_cb), self, 0);
}

/* "Activity 1.2 Title", "Goal 1 Title", or NULL */
static char *
link_label (GHashTable             *labels,
            const MrezaMeetingItem *item)
{
  const char *activity = item->activity_id
    ? g_hash_table_lookup (labels, item->activity_id) : NULL;
  const char *goal = item->goal_id
    ? g_hash_table_lookup (labels, item->goal_id) : NULL;

  if (activity != NULL)
    /* Translators: an activity of the plan, "1.2 Title" */
    return g_strdup_printf (_("Activity %s"), activity);
  if (goal != NULL)
    /* Translators: a goal of the plan, "1 Title" */
    return g_strdup_printf (_("Goal %s"), goal);
  return NULL;
}

static const char *
lookup_label (GHashTable *labels,
              const char *id)
{
  return id != NULL ? g_hash_table_lookup (labels, id) : NULL;
}

static char *
item_subtitle (GHashTable             *labels,
               const MrezaMeetingItem *item)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *presenter = lookup_label (labels, item->presenter_id);
  char *link = link_label (labels, item);

  if (presenter != NULL)
    g_ptr_array_add (parts, g_strdup (presenter));
  if (link != NULL)
    g_ptr_array_add (parts, link);
  g_ptr_array_add (parts, NULL);
  return g_strjoinv ("\n", (char **) parts->pdata);
}

/* "10:00–10:45", "10:00", or NULL */
static char *
item_time (const MrezaMeetingItem *item)
{
  int start, end;

  if (item->start_time == NULL)
    return NULL;
  if (item->duration_min <= 0)
    return g_strdup (item->start_time);
  start = (int) g_ascii_strtoll (item->start_time, NULL, 10) * 60 +
          (int) g_ascii_strtoll (item->start_time + 3, NULL, 10);
  end = (start + (int) item->duration_min) % (24 * 60);
  return g_strdup_printf ("%s–%02d:%02d", item->start_time, end / 60, end % 60);
}

static GtkWidget *
agenda_group_new (MrezaMeetingView    *self,
                  GHashTable          *labels,
                  const MrezaMeeting  *m)
{
  GtkWidget *group = mreza_ui_group_new (_("Agenda"), NULL);

  if (m->items->len == 0)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                           _("The agenda has no items yet."));
  for (guint i = 0; i < m->items->len; i++)
    {
      const MrezaMeetingItem *item = m->items->pdata[i];
      g_autofree char *title = g_strdup_printf ("%u. %s", i + 1, item->title);
      g_autofree char *subtitle = item_subtitle (labels, item);
      g_autofree char *time = item_time (item);
      GtkWidget *row = mreza_ui_row_new (title, subtitle);

      if (time != NULL)
        mreza_ui_row_add_value (row, time, TRUE);
      if (item->activity_id != NULL)
        link_to_plan (self, row, MREZA_ROW_ACTIVITY, item->activity_id);
      else
        link_to_plan (self, row, MREZA_ROW_GOAL, item->goal_id);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  return group;
}

static GtkWidget *
invited_group_new (GHashTable          *labels,
                   const MrezaMeeting  *m)
{
  GtkWidget *group = mreza_ui_group_new (_("Invited"), NULL);
  guint came = 0;

  if (m->invitees->len == 0)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                           _("Nobody is invited yet."));
  for (guint i = 0; i < m->invitees->len; i++)
    {
      const MrezaMeetingInvitee *invitee = m->invitees->pdata[i];
      const char *name = invitee->team_id != NULL
        ? lookup_label (labels, invitee->team_id)
        : lookup_label (labels, invitee->institution_id);
      GtkWidget *row = mreza_ui_row_new (name ? name : "",
                                         invitee->team_id != NULL
                                           ? _("Local team") : _("Institution"));

      if (invitee->attended)
        {
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     mreza_ui_tag_new (_("Came"), "success"));
          came++;
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  if (came > 0)
    {
      g_autofree char *text = NULL;

      /* Translators: how many of those invited came to the meeting */
      text = g_strdup_printf (ngettext ("%u of %u invited came",
                                        "%u of %u invited came",
                                        m->invitees->len),
                              came, m->invitees->len);
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                             text);
    }
  return group;
}

static GtkWidget *
follow_ups_group_new (MrezaMeetingView    *self,
                      GHashTable          *labels,
                      const MrezaMeeting  *m)
{
  GtkWidget *group = mreza_ui_group_new (_("Follow-up Tasks"), NULL);

  for (guint i = 0; i < m->follow_ups->len; i++)
    {
      const MrezaMeetingFollowUp *f = m->follow_ups->pdata[i];
      const char *who = lookup_label (labels, f->responsible_id);
      const char *task = lookup_label (labels, f->task_id);
      g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *subtitle = NULL;
      g_autofree char *deadline = mreza_format_date (f->deadline);
      GtkWidget *row;

      if (who != NULL)
        g_ptr_array_add (parts, g_strdup (who));
      if (task != NULL)
        /* Translators: the task of the Action Plan a follow-up feeds */
        g_ptr_array_add (parts, g_strdup_printf (_("Plan task %s"), task));
      g_ptr_array_add (parts, NULL);
      subtitle = g_strjoinv ("\n", (char **) parts->pdata);
      row = mreza_ui_row_new (f->title, subtitle);
      if (deadline != NULL)
        mreza_ui_row_add_value (row, deadline, TRUE);
      link_to_plan (self, row, MREZA_ROW_TASK, f->task_id);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  return group;
}

static void
build (MrezaMeetingView    *self,
       GHashTable          *labels,
       const MrezaMeeting  *m,
       const char          *read_only_why)
{
  g_autofree char *date = mreza_format_date (m->date);
  GtkWidget *facts = mreza_ui_group_new (_("Details"), NULL);
  const char *team = lookup_label (labels, m->team_id);

  mreza_ui_box_clear (self->content_box);
  gtk_box_append (self->content_box,
                  mreza_ui_heading_new (date, m->title, m->place));
  gtk_box_append (self->content_box, buttons_new (self));
  if (read_only_why != NULL)
    gtk_box_append (self->content_box, notice_new (read_only_why));

  /* The date and the place are in the heading. */
  add_fact (facts, _("Organiser"),
            lookup_label (labels, m->organiser_id));
  add_fact (facts, _("Meeting of"),
            team != NULL ? team : _("The network of local teams"));
  gtk_box_append (self->content_box, facts);
  gtk_box_append (self->content_box, agenda_group_new (self, labels, m));
  gtk_box_append (self->content_box, invited_group_new (labels, m));

  if (m->conclusions != NULL)
    {
      GtkWidget *group = mreza_ui_group_new (_("Conclusions"), NULL);
      g_autofree char *shown = mreza_display_text (m->conclusions);
      GtkWidget *label = gtk_label_new (shown);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), label);
      gtk_box_append (self->content_box, group);
    }
  if (m->follow_ups->len > 0)
    gtk_box_append (self->content_box, follow_ups_group_new (self, labels, m));
}

/**
 * mreza_meeting_view_show:
 * @self: the view
 * @store: the replica
 * @id: the meeting's id
 * @read_only_why: (nullable): why this device may not change it, or
 *   %NULL when it may
 * @error: return location for a #GError
 *
 * Reads the meeting (a handful of point queries) and shows it.
 *
 * Returns: %TRUE if the meeting is there
 */
gboolean
mreza_meeting_view_show (MrezaMeetingView  *self,
                         MrezaStore        *store,
                         const char        *id,
                         const char        *read_only_why,
                         GError           **error)
{
  g_autoptr(MrezaMeeting) meeting = NULL;
  g_autoptr(GHashTable) labels = NULL;
  sqlite3 *db;

  g_return_val_if_fail (MREZA_IS_MEETING_VIEW (self), FALSE);
  g_return_val_if_fail (MREZA_IS_STORE (store), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  db = mreza_store_get_db (store);
  if ((meeting = mreza_meeting_load (db, id, error)) == NULL ||
      (labels = mreza_meeting_dup_labels (db, meeting, error)) == NULL)
    return FALSE;

  g_set_object (&self->store, store);
  g_free (self->id);
  self->id = g_strdup (id);
  g_free (self->title);
  self->title = g_strdup (meeting->title);
  self->can_edit = read_only_why == NULL;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meeting.edit",
                                 self->can_edit);
  build (self, labels, meeting, read_only_why);
  actions_update (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  return TRUE;
}

const char *
mreza_meeting_view_get_id (MrezaMeetingView *self)
{
  g_return_val_if_fail (MREZA_IS_MEETING_VIEW (self), NULL);

  return self->id;
}

/* Export ---------------------------------------------------------------- */

typedef struct
{
  char                 *path;
  char                 *id;
  MrezaMeetingDocument  document;
  char                 *format;
} Job;

static void
job_free (Job *job)
{
  g_free (job->path);
  g_free (job->id);
  g_free (job->format);
  g_free (job);
}

/* In a worker, on its own connection. */
static gboolean
export_write (gpointer     data,
              const char  *output,
              GError     **error)
{
  Job *job = data;
  g_autoptr(MrezaStore) store = NULL;

  store = mreza_store_open (job->path, MREZA_STORE_OPEN_DEFAULT, error);
  if (store == NULL)
    return FALSE;
  if (job->document == MREZA_MEETING_DOCUMENT_AGENDA)
    return mreza_meeting_agenda_write (mreza_store_get_db (store), job->id,
                                       output, job->format, error);
  return mreza_meeting_invitations_write (mreza_store_get_db (store), job->id,
                                          output, job->format, error);
}

static void
actions_update (MrezaMeetingView *self)
{
  gboolean ready = self->id != NULL &&
                   !mreza_ui_export_is_choosing (&self->export);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meeting.export-agenda",
                                 ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self),
                                 "meeting.export-invitations", ready);
}

static void
export_changed (GtkWidget *owner)
{
  actions_update (MREZA_MEETING_VIEW (owner));
}

/**
 * mreza_meeting_view_export:
 * @self: a #MrezaMeetingView showing a meeting
 * @document: the agenda or the invitation list
 * @file: a local file; a name ending in ".csv" is written as CSV,
 *   anything else as PDF
 *
 * Writes the document in a worker; a toast says when it is done or why
 * it failed.
 */
void
mreza_meeting_view_export (MrezaMeetingView     *self,
                           MrezaMeetingDocument  document,
                           GFile                *file)
{
  g_autofree char *name = NULL;
  Job *job;

  g_return_if_fail (MREZA_IS_MEETING_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->store != NULL && self->id != NULL);

  name = g_file_get_basename (file);
  job = g_new0 (Job, 1);
  job->path = g_strdup (mreza_store_get_path (self->store));
  job->id = g_strdup (self->id);
  job->document = document;
  job->format = g_strdup (name != NULL && (g_str_has_suffix (name, ".csv") ||
                                           g_str_has_suffix (name, ".CSV"))
                            ? "csv" : "pdf");

  mreza_ui_export_run (&self->export, file,
                       document == MREZA_MEETING_DOCUMENT_AGENDA
                         /* Translators: %s is the file written */
                         ? _("Agenda saved as “%s”")
                         /* Translators: %s is the file written */
                         : _("Invitation list saved as “%s”"),
                       export_write, job, (GDestroyNotify) job_free);
}

gboolean
mreza_meeting_view_is_exporting (MrezaMeetingView *self)
{
  g_return_val_if_fail (MREZA_IS_MEETING_VIEW (self), FALSE);

  return mreza_ui_export_is_running (&self->export);
}

/* The message of the last export that failed, or %NULL. */
const char *
mreza_meeting_view_get_last_error (MrezaMeetingView *self)
{
  g_return_val_if_fail (MREZA_IS_MEETING_VIEW (self), NULL);

  return mreza_ui_export_get_last_error (&self->export);
}

static void
export_chosen (GtkWidget *owner,
               GFile     *file)
{
  MrezaMeetingView *self = MREZA_MEETING_VIEW (owner);

  mreza_meeting_view_export (self, self->chooser_document, file);
}

static char *
suggested_name (MrezaMeetingView *self,
                const char       *what)
{
  g_autoptr(GString) name = g_string_new (what);

  /* A file name a person can read back: "agenda - Sastanak mreže.pdf" */
  if (self->title != NULL)
    {
      g_autofree char *title = g_strndup (self->title, 60);

      g_strdelimit (title, "/\\:*?\"<>|", '-');
      g_string_append_printf (name, " - %s", title);
    }
  g_string_append (name, ".pdf");
  return g_string_free (g_steal_pointer (&name), FALSE);
}

static void
meeting_export_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  MrezaMeetingView *self = MREZA_MEETING_VIEW (widget);
  gboolean agenda = g_str_equal (action_name, "meeting.export-agenda");
  g_autoptr(GtkFileFilter) pdf = NULL;
  g_autoptr(GtkFileFilter) csv = NULL;
  g_autofree char *name = NULL;

  if (self->id == NULL || mreza_ui_export_is_choosing (&self->export))
    return;

  pdf = mreza_ui_export_filter_new (_("PDF documents"), "application/pdf",
                                    "pdf");
  csv = mreza_ui_export_filter_new (_("CSV tables"), "text/csv", "csv");
  /* Translators: the start of a suggested file name */
  name = suggested_name (self, agenda ? _("agenda") : _("invitation list"));
  self->chooser_document = agenda ? MREZA_MEETING_DOCUMENT_AGENDA
                                  : MREZA_MEETING_DOCUMENT_INVITATIONS;
  mreza_ui_export_choose (&self->export,
                          agenda ? _("Export the Agenda")
                                 : _("Export the Invitation List"),
                          name, pdf, csv, NULL);
}

static void
meeting_edit_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  MrezaMeetingView *self = MREZA_MEETING_VIEW (widget);

  if (self->id != NULL && self->can_edit)
    g_signal_emit (self, signals[EDIT], 0, self->id);
}

/* Life ------------------------------------------------------------------ */

static void
mreza_meeting_view_dispose (GObject *object)
{
  MrezaMeetingView *self = MREZA_MEETING_VIEW (object);

  mreza_ui_export_clear (&self->export);
  gtk_widget_dispose_template (GTK_WIDGET (self), MREZA_TYPE_MEETING_VIEW);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (mreza_meeting_view_parent_class)->dispose (object);
}

static void
mreza_meeting_view_finalize (GObject *object)
{
  MrezaMeetingView *self = MREZA_MEETING_VIEW (object);

  g_free (self->id);
  g_free (self->title);
  mreza_ui_export_clear (&self->export);

  G_OBJECT_CLASS (mreza_meeting_view_parent_class)->finalize (object);
}

static void
mreza_meeting_view_class_init (MrezaMeetingViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mreza_meeting_view_dispose;
  object_class->finalize = mreza_meeting_view_finalize;

  /**
   * MrezaMeetingView::edit:
   * @id: the meeting's id
   *
   * The person asked to change the meeting.
   */
  signals[EDIT] = g_signal_new ("edit", G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * MrezaMeetingView::show-in-plan:
   * @kind: a #MrezaRowKind: a goal, an activity or a task
   * @id: its id
   *
   * The person asked to see the part of the plan an agenda item or a
   * follow-up task serves.
   */
  signals[SHOW_IN_PLAN] = g_signal_new ("show-in-plan",
                                        G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                        NULL, G_TYPE_NONE, 2, G_TYPE_INT,
                                        G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/rs/mreza/Mreza/mreza-meeting-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MrezaMeetingView, scroller);
  gtk_widget_class_bind_template_child (widget_class, MrezaMeetingView, content_box);
  gtk_widget_class_install_action (widget_class, "meeting.edit", NULL,
                                   meeting_edit_action);
  gtk_widget_class_install_action (widget_class, "meeting.export-agenda", NULL,
                                   meeting_export_action);
  gtk_widget_class_install_action (widget_class, "meeting.export-invitations",
                                   NULL, meeting_export_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
mreza_meeting_view_init (MrezaMeetingView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  mreza_ui_export_init (&self->export, GTK_WIDGET (self), export_chosen,
                        export_changed);
  actions_update (self);
}
