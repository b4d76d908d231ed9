/* test-meeting.c: preparing a meeting in the app, and its documents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens the real window on a fresh replica of the demo data, shows the
 * Meetings page, creates a meeting with agenda items through the form's
 * widgets, finds it in the list, exports its agenda (PDF, read back with
 * pdftotext) and its invitation list (CSV, parsed back; PDF), checks
 * that an impossible date or times out of order keep Save off and write
 * nothing, deletes the meeting and brings it back with Undo, and shows
 * the page read-only on a member's replica. Screenshots go to
 * build/tests/gui/meeting-*.png.
 */
#define G_LOG_DOMAIN "test-meeting"

#include "config.h"

#include "mreza-meeting-form-private.h"
#include "mreza-store-private.h"

#include <string.h>

#define WAIT_SECONDS 60

#include "gui-test-app.h"
#include "gui-test-shot.h"

static char *created_id;

static const char *title = "Sastanak mreže – Čačak, Šabac, Žitište, Đakovica";
static const char *item_titles[] = {
  "Otvaranje i pozdravna reč",
  "Izveštaji timova: Niš, Novi Sad, Kraljevo",
  "Zaključci i naredni koraci",
};

static gint64
count (const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (mreza_store_get_db (store), sql, -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static MrezaMeetingsPage *
page (void)
{
  return window->meetings_page;
}

static gboolean
page_ready (guint n)
{
  return !mreza_meetings_page_is_loading (page ()) &&
         mreza_meetings_page_get_n_meetings (page ()) == n;
}

static void
type_text (GtkWidget  *editable,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
}

static gboolean
save_enabled (MrezaMeetingForm *form)
{
  return mreza_form_can_save (MREZA_FORM (form));
}

static void
fill_item (GtkWidget  *row,
           const char *item_title,
           const char *start,
           int         minutes,
           guint       link)
{
  type_text (g_object_get_data (G_OBJECT (row), "title"), item_title);
  if (start != NULL)
    type_text (g_object_get_data (G_OBJECT (row), "start"), start);
  gtk_spin_button_set_value (g_object_get_data (G_OBJECT (row), "minutes"),
                             minutes);
  adw_combo_row_set_selected (g_object_get_data (G_OBJECT (row), "presenter"),
                              3);
  adw_combo_row_set_selected (g_object_get_data (G_OBJECT (row), "link"), link);
}

static void
test_list (void)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s",
                              "meetings");
  g_assert_cmpstr (mreza_window_get_view (window), ==, "meetings");
  WAIT_FOR (page_ready (1));
  g_assert_true (mreza_meetings_page_get_can_edit (page ()));
}

static void
test_create (void)
{
  MrezaMeetingForm *form = mreza_meetings_page_open_form (page (), NULL);
  GtkWidget *row;
  gint64 before = count ("SELECT count(*) FROM meeting");

  g_assert_nonnull (form);
  settle (200);
  g_assert_false (save_enabled (form));

  type_text (GTK_WIDGET (form->title_row), title);
  type_text (GTK_WIDGET (form->date_row), "2019-06-11");
  type_text (GTK_WIDGET (form->place_row), "Kraljevo, Gradska kuća");
  g_assert_false (save_enabled (form));   /* no organiser yet */
  adw_combo_row_set_selected (form->organiser_row, 1);
  g_assert_true (save_enabled (form));

  row = _mreza_meeting_form_add_item (form);
  fill_item (row, item_titles[0], "10:00", 15, 1);
  row = _mreza_meeting_form_add_item (form);
  fill_item (row, item_titles[1], "10:15", 60, 2);
  row = _mreza_meeting_form_add_item (form);
  fill_item (row, item_titles[2], NULL, 0, 0);
  g_assert_true (save_enabled (form));

  /* Move the last item up and back down: the order is what is saved. */
  _mreza_meeting_form_move_item (form, 2, -1);
  g_assert_cmpstr (((MrezaMeetingItem *) form->current->items->pdata[1])->title,
                   ==, item_titles[2]);
  _mreza_meeting_form_move_item (form, 1, +1);

  _mreza_meeting_form_set_team_invited (form, 0, TRUE);
  _mreza_meeting_form_set_team_invited (form, 1, TRUE);
  row = _mreza_meeting_form_add_follow_up (form);
  type_text (g_object_get_data (G_OBJECT (row), "title"),
             "Poslati zapisnik svim timovima");
  type_text (g_object_get_data (G_OBJECT (row), "deadline"), "2019-07-01");
  adw_combo_row_set_selected (g_object_get_data (G_OBJECT (row), "task"), 3);
  g_assert_true (save_enabled (form));
  g_assert_true (mreza_meeting_form_has_changes (form));

  gtk_window_set_default_size (GTK_WINDOW (form), 620, 1100);
  settle (500);
  save_png (GTK_WIDGET (form), "meeting-form.png");
  {
    GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (form->teams_box),
                                                   GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

    gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
    settle (300);
    save_png (GTK_WIDGET (form), "meeting-form-end.png");

    /* On a phone's width nothing is cut off. */
    gtk_window_set_default_size (GTK_WINDOW (form), 360, 900);
    gtk_adjustment_set_value (adj, 0);
    settle (500);
    save_png (GTK_WIDGET (form), "meeting-form-narrow.png");
    g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (form)), <=, 400);
  }

  mreza_form_save (MREZA_FORM (form));
  g_assert_cmpint (count ("SELECT count(*) FROM meeting"), ==, before + 1);
  g_assert_cmpint (count ("SELECT count(*) FROM meeting_agenda_item a JOIN"
                          " meeting m ON m.id = a.meeting_id WHERE m.date ="
                          " '2019-06-11'"), ==, 3);
  g_assert_cmpint (count ("SELECT count(*) FROM meeting_invitee i JOIN"
                          " meeting m ON m.id = i.meeting_id WHERE m.date ="
                          " '2019-06-11'"), ==, 2);

  /* It is in the list, chosen, and shown. */
  WAIT_FOR (page_ready (2) &&
            mreza_meeting_view_get_id (mreza_meetings_page_get_view (page ())) != NULL);
  created_id = g_strdup (mreza_meeting_view_get_id (mreza_meetings_page_get_view (page ())));
  g_assert_cmpint (count ("SELECT count(*) FROM meeting WHERE date ="
                          " '2019-06-11'"), ==, 1);
  settle (500);
  save_png (GTK_WIDGET (window), "meeting-view.png");
}

static void
test_invalid (void)
{
  MrezaMeetingForm *form = mreza_meetings_page_open_form (page (), NULL);
  gint64 before = count ("SELECT count(*) FROM meeting");
  GtkWidget *first, *second;
  const char *shown;

  g_assert_nonnull (form);
  type_text (GTK_WIDGET (form->title_row), "Sastanak koji ne postoji");
  adw_combo_row_set_selected (form->organiser_row, 2);
  type_text (GTK_WIDGET (form->date_row), "2019-02-30");
  g_assert_false (save_enabled (form));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (form->date_row), "error"));
  shown = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (form->date_row));
  g_assert_nonnull (strstr (shown, "2019-02-30"));
  settle (300);
  save_png (GTK_WIDGET (form), "meeting-form-error.png");

  /* Saving anyway (Ctrl+S while wrong) writes nothing. */
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  mreza_form_save (MREZA_FORM (form));
  g_assert_cmpint (count ("SELECT count(*) FROM meeting"), ==, before);

  type_text (GTK_WIDGET (form->date_row), "2019-02-28");
  g_assert_true (save_enabled (form));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (form->date_row), "error"));

  /* Times out of order: the second item starts before the first ends. */
  first = _mreza_meeting_form_add_item (form);
  fill_item (first, "Prva tačka", "11:00", 30, 0);
  second = _mreza_meeting_form_add_item (form);
  fill_item (second, "Druga tačka", "11:15", 30, 0);
  /* Adding an item builds the agenda's rows anew. */
  first = g_ptr_array_index (form->item_rows, 0);
  g_assert_false (save_enabled (form));
  g_assert_true (gtk_widget_has_css_class (second, "error"));
  g_assert_false (gtk_widget_has_css_class (first, "error"));
  type_text (g_object_get_data (G_OBJECT (second), "start"), "11:30");
  g_assert_true (save_enabled (form));
  g_assert_false (gtk_widget_has_css_class (second, "error"));
  type_text (g_object_get_data (G_OBJECT (second), "start"), "9:7");
  g_assert_false (save_enabled (form));

  /* Escape with changes asks first; Discard closes without saving. */
  g_assert_true (mreza_meeting_form_has_changes (form));
  g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &form);
  gtk_widget_activate_action (GTK_WIDGET (form), "window.close", NULL);
  settle (200);
  g_assert_nonnull (form);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (form)));
  {
    g_autoptr(GList) toplevels = gtk_window_list_toplevels ();
    AdwMessageDialog *dialog = NULL;

    for (GList *l = toplevels; l != NULL; l = l->next)
      if (ADW_IS_MESSAGE_DIALOG (l->data) &&
          gtk_window_get_transient_for (l->data) == GTK_WINDOW (form))
        dialog = l->data;
    g_assert_nonnull (dialog);
    g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==,
                     "Discard Changes?");
    adw_message_dialog_response (dialog, "discard");
  }
  WAIT_FOR (form == NULL);
  g_assert_cmpint (count ("SELECT count(*) FROM meeting"), ==, before);
}

static char *
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH |
                G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static void
export (MrezaMeetingDocument  document,
        const char           *path)
{
  MrezaMeetingView *view = mreza_meetings_page_get_view (page ());
  g_autoptr(GFile) file = g_file_new_for_path (path);

  mreza_meeting_view_export (view, document, file);
  g_assert_true (mreza_meeting_view_is_exporting (view));
  WAIT_FOR (!mreza_meeting_view_is_exporting (view));
}

static void
test_export (void)
{
  MrezaMeetingView *view = mreza_meetings_page_get_view (page ());
  g_autofree char *pdf = g_build_filename (tmp_dir, "agenda.pdf", NULL);
  g_autofree char *csv = g_build_filename (tmp_dir, "invitations.csv", NULL);
  g_autofree char *list_pdf = g_build_filename (tmp_dir, "invitations.pdf",
                                                NULL);
  g_autofree char *bad = g_build_filename (tmp_dir, "missing", "agenda.pdf",
                                           NULL);
  g_autofree char *text = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_cmpstr (mreza_meeting_view_get_id (view), ==, created_id);

  export (MREZA_MEETING_DOCUMENT_AGENDA, pdf);
  g_assert_null (mreza_meeting_view_get_last_error (view));
  {
    const char *argv[] = { "pdftotext", pdf, "-", NULL };
    text = run (argv);
  }
  g_strdelimit (text, "\n", ' ');
  for (guint i = 0; i < G_N_ELEMENTS (item_titles); i++)
    if (strstr (text, item_titles[i]) == NULL)
      g_error ("“%s” is not in the agenda: %s", item_titles[i], text);
  g_assert_nonnull (strstr (text, "Čačak, Šabac, Žitište"));
  g_assert_nonnull (strstr (text, "10:00–10:15"));

  /* The invitation list: one line per team, RFC 4180, UTF-8. */
  export (MREZA_MEETING_DOCUMENT_INVITATIONS, csv);
  g_assert_null (mreza_meeting_view_get_last_error (view));
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  g_assert_true (g_utf8_validate (contents, -1, NULL));
  g_assert_true (g_str_has_suffix (contents, "\r\n"));
  lines = g_strsplit (contents, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 2 + 1);
  g_assert_true (g_str_has_prefix (lines[0], "Invited,Name,Contact person,"));
  for (guint i = 1; i <= 2; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], ",", -1);

      g_assert_cmpuint (g_strv_length (fields), ==, 7);
      g_assert_cmpstr (fields[0], ==, "Local team");
      g_assert_true (g_str_has_prefix (fields[1], "Lokalni tim"));
    }

  export (MREZA_MEETING_DOCUMENT_INVITATIONS, list_pdf);
  g_assert_null (mreza_meeting_view_get_last_error (view));
  g_clear_pointer (&text, g_free);
  {
    const char *argv[] = { "pdftotext", list_pdf, "-", NULL };
    text = run (argv);
  }
  g_assert_nonnull (strstr (text, "INVITATION LIST"));

  /* A folder that is not there: a clear error, and no file. */
  export (MREZA_MEETING_DOCUMENT_AGENDA, bad);
  g_assert_nonnull (mreza_meeting_view_get_last_error (view));
  g_assert_nonnull (strstr (mreza_meeting_view_get_last_error (view), bad));
  g_test_message ("Error: %s", mreza_meeting_view_get_last_error (view));
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
}

static void
test_delete_undo (void)
{
  MrezaMeetingForm *form = mreza_meetings_page_open_form (page (), created_id);
  AdwToast *toast;

  g_assert_nonnull (form);
  g_assert_false (mreza_meeting_form_has_changes (form));
  g_assert_false (save_enabled (form));
  g_assert_cmpuint (form->current->items->len, ==, 3);
  mreza_form_delete (MREZA_FORM (form));
  g_assert_cmpint (count ("SELECT count(*) FROM meeting WHERE date ="
                          " '2019-06-11'"), ==, 0);
  toast = mreza_meetings_page_get_undo_toast (page ());
  g_assert_nonnull (toast);
  WAIT_FOR (page_ready (1));

  g_signal_emit_by_name (toast, "button-clicked");
  g_assert_cmpint (count ("SELECT count(*) FROM meeting WHERE date ="
                          " '2019-06-11'"), ==, 1);
  g_assert_cmpint (count ("SELECT count(*) FROM meeting_agenda_item a JOIN"
                          " meeting m ON m.id = a.meeting_id WHERE m.date ="
                          " '2019-06-11'"), ==, 3);
  WAIT_FOR (page_ready (2));
}

/* A member's replica: the page reads the meetings and says why it
 * cannot change them. On a page of its own, away from the window's sync
 * client, since the replica only pretends to have joined. */
static void
test_read_only (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "member.db", NULL);
  g_autoptr(MrezaStore) member = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *demo_dir = mreza_application_find_demo_dir ();
  MrezaMeetingsPage *member_page;
  GtkWidget *overlay = adw_toast_overlay_new ();
  GtkWidget *win = adw_window_new ();

  member = mreza_store_open (path, MREZA_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  mreza_import_path (member, demo_dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (_mreza_sql_exec (mreza_store_get_db (member),
                                  "INSERT INTO sync_state (key, value) VALUES"
                                  " ('url', 'https://127.0.0.1:9'),"
                                  " ('role', 'member'), ('team_name',"
                                  " 'Lokalni tim Niš')", &error));

  member_page = g_object_new (MREZA_TYPE_MEETINGS_PAGE, NULL);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay),
                               GTK_WIDGET (member_page));
  adw_window_set_content (ADW_WINDOW (win), overlay);
  gtk_window_set_default_size (GTK_WINDOW (win), 900, 700);
  gtk_window_present (GTK_WINDOW (win));
  mreza_meetings_page_set_store (member_page, member);
  WAIT_FOR (!mreza_meetings_page_is_loading (member_page) &&
            mreza_meetings_page_get_n_meetings (member_page) == 1);

  g_assert_false (mreza_meetings_page_get_can_edit (member_page));

  /* The meeting reads as it is, and its documents are there to export. */
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (mreza_store_get_db (member),
                                         "SELECT id FROM meeting", -1, &stmt,
                                         NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    mreza_meetings_page_select (member_page,
                                (const char *) sqlite3_column_text (stmt, 0));
    sqlite3_finalize (stmt);
  }
  g_assert_nonnull (mreza_meeting_view_get_id (mreza_meetings_page_get_view (member_page)));
  settle (500);
  save_png (win, "meeting-read-only.png");

  /* Asking for the form anyway gives a toast saying why, not a form. */
  g_assert_null (mreza_meetings_page_open_form (member_page, NULL));

  /* A form opened some other way is locked: it says why, and Save is
   * off whatever is typed. */
  {
    MrezaMeetingForm *form = mreza_meeting_form_new (GTK_WINDOW (win), member,
                                                     NULL, &error);

    g_assert_no_error (error);
    g_assert_true (mreza_form_get_locked (MREZA_FORM (form)));
    type_text (GTK_WIDGET (form->title_row), "Sastanak");
    adw_combo_row_set_selected (form->organiser_row, 1);
    g_assert_false (save_enabled (form));
    gtk_window_destroy (GTK_WINDOW (form));
  }

  gtk_window_destroy (GTK_WINDOW (win));
  settle (100);
}

static GtkWidget *
find_plan_row (GtkWidget *widget,
               int        kind)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_object_get_data (G_OBJECT (child), "plan-id") != NULL &&
          GPOINTER_TO_INT (g_object_get_data (G_OBJECT (child), "kind")) == kind)
        return child;
      if ((found = find_plan_row (child, kind)) != NULL)
        return found;
    }
  return NULL;
}

/* A follow-up task goes back into the plan: one click shows its task. */
static void
test_show_in_plan (void)
{
  GtkWidget *row;

  mreza_meetings_page_select (page (), created_id);
  WAIT_FOR (g_strcmp0 (mreza_meeting_view_get_id (mreza_meetings_page_get_view (page ())),
                       created_id) == 0);
  row = find_plan_row (GTK_WIDGET (mreza_meetings_page_get_view (page ())),
                       MREZA_ROW_TASK);
  g_assert_nonnull (row);
  g_signal_emit_by_name (row, "activated");
  g_assert_cmpstr (mreza_window_get_view (window), ==, "plan");
  settle (300);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s",
                              "meetings");
  g_assert_cmpstr (mreza_window_get_view (window), ==, "meetings");
}

/* The window folded to a phone's width: the list, then the meeting. */
static void
test_narrow (void)
{
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  mreza_meetings_page_select (page (), created_id);
  settle (800);
  save_png (GTK_WIDGET (window), "meeting-view-narrow.png");
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  settle (300);
}

/* With no meeting, the page says what to do first. */
static void
test_empty (void)
{
  g_autoptr(GError) error = NULL;

  while (count ("SELECT count(*) FROM meeting") > 0)
    {
      sqlite3_stmt *stmt = NULL;
      g_autoptr(MrezaMeeting) gone = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (mreza_store_get_db (store),
                                           "SELECT id FROM meeting", -1,
                                           &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      gone = mreza_meeting_delete (store,
                                   (const char *) sqlite3_column_text (stmt, 0),
                                   &error);
      sqlite3_finalize (stmt);
      g_assert_no_error (error);
    }

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s",
                              "meetings");
  mreza_meetings_page_set_store (page (), store);
  WAIT_FOR (page_ready (0));
  settle (1000);
  save_png (GTK_WIDGET (window), "meeting-empty.png");
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  setup_gui (&argc, &argv);
  open_demo_replica ();
  open_main_window ("plan");

  g_test_add_func ("/ui/meeting/list", test_list);
  g_test_add_func ("/ui/meeting/create", test_create);
  g_test_add_func ("/ui/meeting/invalid", test_invalid);
  /* Before the exports and the delete, whose toasts would cover it. */
  g_test_add_func ("/ui/meeting/narrow", test_narrow);
  g_test_add_func ("/ui/meeting/export", test_export);
  g_test_add_func ("/ui/meeting/show-in-plan", test_show_in_plan);
  g_test_add_func ("/ui/meeting/delete-undo", test_delete_undo);
  g_test_add_func ("/ui/meeting/read-only", test_read_only);
  g_test_add_func ("/ui/meeting/empty", test_empty);

  ret = g_test_run ();

  tear_down_gui ();
  g_free (created_id);

  return ret;
}
