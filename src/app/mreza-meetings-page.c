/* mreza-meetings-page.c: the network's meetings, listed and prepared
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The meetings, newest first, beside the one chosen (MrezaMeetingView);
 * the two fold into one column on a narrow window. Meetings are global
 * rows, prepared on the network coordinator's device: elsewhere the
 * page reads them, says why it cannot change them, and offers only the
 * documents. Deleting one shows a toast with Undo.
 *
 * THREAD SAFETY: the list is read by a worker on a store of its own;
 * the worker returns plain MrezaMeetingSummary copies to the UI thread.
 */
#define G_LOG_DOMAIN "mreza-meetings-page"

#include "config.h"

#include "mreza-meetings-page.h"

#include "mreza-access.h"
#include "mreza-labels.h"
#include "mreza-meeting.h"

#include <glib/gi18n.h>

struct _MrezaMeetingsPage
{
  GtkWidget         parent_instance;

  GtkStack         *stack;
  GtkSpinner       *spinner;
  AdwStatusPage    *empty_status;
  GtkWidget        *empty_button;
  AdwStatusPage    *error_status;
  AdwLeaflet       *leaflet;
  GtkWidget        *new_button;
  GtkLabel         *read_only_label;
  GtkListBox       *list_box;
  GtkStack         *detail_stack;
  MrezaMeetingView *meeting_view;

  MrezaStore       *store;
  MrezaAccess      *access;
  GCancellable     *cancellable;
  GPtrArray        *meetings;      /* MrezaMeetingSummary */
  char             *pending_id;    /* to select once the list is read */
  gboolean          stale;
  gboolean          filling;

  AdwToast         *undo_toast;
  MrezaMeeting     *deleted;
};

enum {
  SHOW_IN_PLAN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MrezaMeetingsPage, mreza_meetings_page, GTK_TYPE_WIDGET)

static void reload (MrezaMeetingsPage *self);

/* Why this device may not prepare meetings, or NULL. Meetings are
 * global rows (DESIGN.md, "Scope rules"): core says whether this device
 * may write them; the sentence here says it of meetings. */
static const char *
read_only_why (MrezaMeetingsPage *self)
{
  if (self->access == NULL ||
      mreza_access_why_not (self->access, "meeting", NULL) == NULL)
    return NULL;
  return _("Meetings are prepared on the network coordinator’s device; this "
           "device reads them and exports their documents. Ask your "
           "network’s coordinator for a change.");
}

static void
toast_show (MrezaMeetingsPage *self,
            AdwToast          *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self),
                                                ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay),
                                 g_object_ref (toast));
}

static void
update_access (MrezaMeetingsPage *self)
{
  const char *why;

  g_clear_pointer (&self->access, mreza_access_free);
  if (self->store != NULL)
    self->access = mreza_access_load (self->store);
  why = read_only_why (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meetings.new",
                                 self->store != NULL && why == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meetings.edit",
                                 self->store != NULL && why == NULL);
  gtk_widget_set_visible (self->new_button, why == NULL);
  gtk_widget_set_visible (self->empty_button, why == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->read_only_label), why != NULL);
  gtk_label_set_label (self->read_only_label, why != NULL ? why : "");

  if (why == NULL)
    adw_status_page_set_description (self->empty_status,
                                     _("Prepare the annual meeting of the "
                                       "local teams: its date and place, the "
                                       "agenda and whom to invite. The agenda "
                                       "and the invitation list are then one "
                                       "click away."));
  else
    {
      adw_status_page_set_description (self->empty_status,
                                       _("The meetings the network’s "
                                         "coordinator prepares are listed "
                                         "here once this device has synced."));
    }
}

/* The list ---------------------------------------------------------------- */

static GtkWidget *
meeting_row_new (const MrezaMeetingSummary *m)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  g_autofree char *title = mreza_display_text (m->title);
  g_autofree char *date = mreza_format_date (m->date);
  g_autofree char *place = mreza_display_text (m->place);
  g_autofree char *subtitle = NULL;
  GtkWidget *label;

  if (place != NULL)
    /* Translators: a meeting's date, then its place */
    subtitle = g_strdup_printf (_("%s · %s"), date ? date : m->date, place);
  else
    subtitle = g_strdup (date ? date : m->date);

  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (label), 3);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), label);

  label = gtk_label_new (subtitle);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), label);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "id", g_strdup (m->id), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  return row;
}

static void
show_meeting (MrezaMeetingsPage *self,
              const char        *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AdwToast) toast = NULL;

  if (mreza_meeting_view_show (self->meeting_view, self->store, id,
                               read_only_why (self), &error))
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "meeting");
      adw_leaflet_set_visible_child (self->leaflet,
                                     GTK_WIDGET (self->detail_stack));
      return;
    }

  toast = g_object_ref_sink (adw_toast_new (error->message));
  toast_show (self, toast);
  gtk_stack_set_visible_child_name (self->detail_stack, "none");
  /* Deleted on another device meanwhile: the list reads again. Any
   * other failure would only fail again. */
  if (g_error_matches (error, MREZA_STORE_ERROR, MREZA_STORE_ERROR_NOT_FOUND))
    reload (self);
}

static void
row_selected_cb (MrezaMeetingsPage *self,
                 GtkListBoxRow     *row)
{
  g_assert (MREZA_IS_MEETINGS_PAGE (self));

  if (self->filling || row == NULL)
    return;
  show_meeting (self, g_object_get_data (G_OBJECT (row), "id"));
}

/* A click on the meeting already chosen, after stepping back to the
 * list of a folded page, shows it again: that selects nothing new. */
static void
row_activated_cb (MrezaMeetingsPage *self,
                  GtkListBoxRow     *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), "id");

  g_assert (MREZA_IS_MEETINGS_PAGE (self));

  if (g_strcmp0 (mreza_meeting_view_get_id (self->meeting_view), id) == 0 &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->detail_stack),
                 "meeting") == 0)
    adw_leaflet_set_visible_child (self->leaflet,
                                   GTK_WIDGET (self->detail_stack));
  else
    show_meeting (self, id);
}

static gboolean
select_row (MrezaMeetingsPage *self,
            const char        *id)
{
  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list_box, i);

      if (row == NULL)
        return FALSE;
      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "id"), id) == 0)
        {
          gtk_list_box_select_row (self->list_box, row);
          return TRUE;
        }
    }
}

static void
fill_list (MrezaMeetingsPage *self,
           GPtrArray         *meetings)
{
  const char *shown = mreza_meeting_view_get_id (self->meeting_view);
  g_autofree char *keep = NULL;
  GtkWidget *child;

  g_clear_pointer (&self->meetings, g_ptr_array_unref);
  self->meetings = g_ptr_array_ref (meetings);

  keep = g_strdup (self->pending_id != NULL ? self->pending_id : shown);
  g_clear_pointer (&self->pending_id, g_free);

  self->filling = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))))
    gtk_list_box_remove (self->list_box, child);
  for (guint i = 0; i < meetings->len; i++)
    gtk_list_box_append (self->list_box, meeting_row_new (meetings->pdata[i]));
  self->filling = FALSE;

  if (meetings->len == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "browse");
  if (keep == NULL || !select_row (self, keep))
    gtk_stack_set_visible_child_name (self->detail_stack, "none");
}

static void
list_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(MrezaStore) store = NULL;
  GPtrArray *meetings = NULL;
  GError *error = NULL;

  store = mreza_store_open (path, MREZA_STORE_OPEN_DEFAULT, &error);
  if (store != NULL)
    meetings = mreza_meeting_list (mreza_store_get_db (store), &error);
  if (meetings == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, meetings, (GDestroyNotify) g_ptr_array_unref);
}

static void
listed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(MrezaMeetingsPage) self = user_data;
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(GError) error = NULL;

  meetings = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  gtk_spinner_set_spinning (self->spinner, FALSE);
  if (meetings == NULL)
    {
      adw_status_page_set_description (self->error_status, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  fill_list (self, meetings);
}

static void
reload (MrezaMeetingsPage *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->store == NULL)
    return;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }

  self->stale = FALSE;
  update_access (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  task = g_task_new (NULL, self->cancellable, listed_cb, g_object_ref (self));
  g_task_set_source_tag (task, reload);
  g_task_set_task_data (task, g_strdup (mreza_store_get_path (self->store)),
                        g_free);
  g_task_run_in_thread (task, list_worker);

  if (self->meetings == NULL)
    {
      gtk_spinner_set_spinning (self->spinner, TRUE);
      gtk_stack_set_visible_child_name (self->stack, "loading");
    }
}

/* The form and Undo ------------------------------------------------------- */

static void
form_saved_cb (MrezaMeetingForm  *form,
               const char        *id,
               MrezaMeetingsPage *self)
{
  g_free (self->pending_id);
  self->pending_id = g_strdup (id);
  /* The view shows the saved meeting at once; the list follows. */
  if (g_strcmp0 (mreza_meeting_view_get_id (self->meeting_view), id) == 0)
    show_meeting (self, id);
  reload (self);
}

static void
undo_clicked_cb (AdwToast          *toast,
                 MrezaMeetingsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  if (toast != self->undo_toast || self->deleted == NULL)
    return;

  id = mreza_meeting_restore (self->store, self->deleted, &error);
  if (id == NULL)
    {
      g_autoptr(AdwToast) failed = g_object_ref_sink (adw_toast_new (error->message));

      toast_show (self, failed);
    }
  g_clear_pointer (&self->deleted, mreza_meeting_free);
  g_clear_object (&self->undo_toast);
  g_free (self->pending_id);
  self->pending_id = g_steal_pointer (&id);
  reload (self);
}

static void
undo_dismissed_cb (AdwToast          *toast,
                   MrezaMeetingsPage *self)
{
  if (toast != self->undo_toast)
    return;

  g_clear_pointer (&self->deleted, mreza_meeting_free);
  g_clear_object (&self->undo_toast);
}

static void
form_deleted_cb (MrezaMeetingForm   *form,
                 const MrezaMeeting *snapshot,
                 MrezaMeetingsPage  *self)
{
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  g_clear_object (&self->undo_toast);
  g_clear_pointer (&self->deleted, mreza_meeting_free);

  self->deleted = mreza_meeting_copy (snapshot);
  self->undo_toast = g_object_ref_sink (adw_toast_new (_("Meeting deleted")));
  adw_toast_set_button_label (self->undo_toast, _("_Undo"));
  adw_toast_set_priority (self->undo_toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (self->undo_toast, "button-clicked",
                           G_CALLBACK (undo_clicked_cb), self, 0);
  g_signal_connect_object (self->undo_toast, "dismissed",
                           G_CALLBACK (undo_dismissed_cb), self, 0);
  toast_show (self, self->undo_toast);

  gtk_stack_set_visible_child_name (self->detail_stack, "none");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  reload (self);
}

/**
 * mreza_meetings_page_open_form:
 * @self: the page
 * @id: (nullable): the meeting to edit, or %NULL for a new one
 *
 * Returns: (transfer none) (nullable): the presented form, or %NULL
 *   when this device may not prepare meetings or the meeting could not
 *   be read (a toast says why)
 */
MrezaMeetingForm *
mreza_meetings_page_open_form (MrezaMeetingsPage *self,
                               const char        *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AdwToast) toast = NULL;
  MrezaMeetingForm *form;
  GtkRoot *root;

  g_return_val_if_fail (MREZA_IS_MEETINGS_PAGE (self), NULL);
  g_return_val_if_fail (self->store != NULL, NULL);

  update_access (self);
  if (read_only_why (self) != NULL)
    {
      toast = g_object_ref_sink (adw_toast_new (read_only_why (self)));
      toast_show (self, toast);
      return NULL;
    }

  root = gtk_widget_get_root (GTK_WIDGET (self));
  form = mreza_meeting_form_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 self->store, id, &error);
  if (form == NULL)
    {
      toast = g_object_ref_sink (adw_toast_new (error->message));
      toast_show (self, toast);
      reload (self);
      return NULL;
    }

  g_signal_connect_object (form, "saved", G_CALLBACK (form_saved_cb), self, 0);
  g_signal_connect_object (form, "deleted", G_CALLBACK (form_deleted_cb),
                           self, 0);
  gtk_window_present (GTK_WINDOW (form));
  return form;
}

static void
view_show_in_plan_cb (MrezaMeetingsPage *self,
                      int                kind,
                      const char        *id)
{
  g_signal_emit (self, signals[SHOW_IN_PLAN], 0, kind, id);
}

static void
view_edit_cb (MrezaMeetingsPage *self,
              const char        *id)
{
  mreza_meetings_page_open_form (self, id);
}

static void
meetings_new_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  MrezaMeetingsPage *self = MREZA_MEETINGS_PAGE (widget);

  /* The shortcut is the window's while this page shows, no longer. */
  if (self->store == NULL || !gtk_widget_get_mapped (widget))
    return;
  mreza_meetings_page_open_form (self, NULL);
}

static void
meetings_edit_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  MrezaMeetingsPage *self = MREZA_MEETINGS_PAGE (widget);
  const char *id = mreza_meeting_view_get_id (self->meeting_view);

  if (self->store == NULL || id == NULL || !gtk_widget_get_mapped (widget) ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->detail_stack),
                 "meeting") != 0)
    return;
  mreza_meetings_page_open_form (self, id);
}

/* Life -------------------------------------------------------------------- */

static void
mreza_meetings_page_map (GtkWidget *widget)
{
  MrezaMeetingsPage *self = MREZA_MEETINGS_PAGE (widget);

  GTK_WIDGET_CLASS (mreza_meetings_page_parent_class)->map (widget);

  if (self->stale)
    reload (self);
}

static void
mreza_meetings_page_dispose (GObject *object)
{
  MrezaMeetingsPage *self = MREZA_MEETINGS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), MREZA_TYPE_MEETINGS_PAGE);
  g_clear_object (&self->store);
  g_clear_object (&self->undo_toast);
  g_clear_pointer (&self->deleted, mreza_meeting_free);

  G_OBJECT_CLASS (mreza_meetings_page_parent_class)->dispose (object);
}

static void
mreza_meetings_page_finalize (GObject *object)
{
  MrezaMeetingsPage *self = MREZA_MEETINGS_PAGE (object);

  g_clear_pointer (&self->access, mreza_access_free);
  g_clear_pointer (&self->meetings, g_ptr_array_unref);
  g_free (self->pending_id);

  G_OBJECT_CLASS (mreza_meetings_page_parent_class)->finalize (object);
}

static void
mreza_meetings_page_class_init (MrezaMeetingsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mreza_meetings_page_dispose;
  object_class->finalize = mreza_meetings_page_finalize;
  widget_class->map = mreza_meetings_page_map;

  g_type_ensure (MREZA_TYPE_MEETING_VIEW);

  /**
   * MrezaMeetingsPage::show-in-plan:
   * @kind: a #MrezaRowKind: a goal, an activity or a task
   * @id: its id
   *
   * The part of the plan a meeting's agenda item or follow-up serves,
   * for the window to show.
   */
  signals[SHOW_IN_PLAN] = g_signal_new ("show-in-plan",
                                        G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                        NULL, G_TYPE_NONE, 2, G_TYPE_INT,
                                        G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/rs/mreza/Mreza/mreza-meetings-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MrezaMeetingsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, MrezaMeetingsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, MrezaMeetingsPage, empty_status);
  gtk_widget_class_bind_template_child (widget_class, MrezaMeetingsPage, empty_button);
  gtk_widget_class_bind_template_child (widget_class, MrezaMeetingsPage, error_status);
  gtk_widget_class_bind_template_child (widget_class, MrezaMeetingsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, MrezaMeetingsPage, new_button);
  gtk_widget_class_bind_template_child (widget_class, MrezaMeetingsPage, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, MrezaMeetingsPage, list_box);
  gtk_widget_class_bind_template_child (widget_class, MrezaMeetingsPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, MrezaMeetingsPage, meeting_view);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_edit_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_show_in_plan_cb);

  gtk_widget_class_install_action (widget_class, "meetings.new", NULL,
                                   meetings_new_action);
  gtk_widget_class_install_action (widget_class, "meetings.edit", NULL,
                                   meetings_edit_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n,
                                       GDK_CONTROL_MASK, "meetings.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e,
                                       GDK_CONTROL_MASK, "meetings.edit", NULL);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
mreza_meetings_page_init (MrezaMeetingsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meetings.new", FALSE);
}

/**
 * mreza_meetings_page_set_store:
 * @self: the page
 * @store: the replica
 *
 * The meetings are read when the page is next shown.
 */
void
mreza_meetings_page_set_store (MrezaMeetingsPage *self,
                               MrezaStore        *store)
{
  g_return_if_fail (MREZA_IS_MEETINGS_PAGE (self));
  g_return_if_fail (MREZA_IS_STORE (store));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->meetings, g_ptr_array_unref);
  g_set_object (&self->store, store);
  update_access (self);
  gtk_stack_set_visible_child_name (self->detail_stack, "none");
  self->stale = TRUE;
  reload (self);
}

AdwLeaflet *
mreza_meetings_page_get_leaflet (MrezaMeetingsPage *self)
{
  g_return_val_if_fail (MREZA_IS_MEETINGS_PAGE (self), NULL);

  return self->leaflet;
}

MrezaMeetingView *
mreza_meetings_page_get_view (MrezaMeetingsPage *self)
{
  g_return_val_if_fail (MREZA_IS_MEETINGS_PAGE (self), NULL);

  return self->meeting_view;
}

/**
 * mreza_meetings_page_select:
 * @self: the page
 * @id: a meeting's id
 *
 * Shows the meeting, now or once the list has been read.
 */
void
mreza_meetings_page_select (MrezaMeetingsPage *self,
                            const char        *id)
{
  g_return_if_fail (MREZA_IS_MEETINGS_PAGE (self));
  g_return_if_fail (id != NULL);

  if (self->meetings != NULL && self->cancellable == NULL &&
      select_row (self, id))
    return;
  g_free (self->pending_id);
  self->pending_id = g_strdup (id);
}

/* Whether the list is being read. */
gboolean
mreza_meetings_page_is_loading (MrezaMeetingsPage *self)
{
  g_return_val_if_fail (MREZA_IS_MEETINGS_PAGE (self), FALSE);

  return self->cancellable != NULL || self->stale;
}

guint
mreza_meetings_page_get_n_meetings (MrezaMeetingsPage *self)
{
  g_return_val_if_fail (MREZA_IS_MEETINGS_PAGE (self), 0);

  return self->meetings != NULL ? self->meetings->len : 0;
}

/* Whether this device may prepare meetings. */
gboolean
mreza_meetings_page_get_can_edit (MrezaMeetingsPage *self)
{
  g_return_val_if_fail (MREZA_IS_MEETINGS_PAGE (self), FALSE);

  return self->store != NULL && read_only_why (self) == NULL;
}

AdwToast *
mreza_meetings_page_get_undo_toast (MrezaMeetingsPage *self)
{
  g_return_val_if_fail (MREZA_IS_MEETINGS_PAGE (self), NULL);

  return self->undo_toast;
}
