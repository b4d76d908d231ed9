/* test-directory.c: editing a team's directory and the projects through
 * their forms
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real window in-process on a fresh replica of the demo data
 * and drives the forms' widgets as a person would: a contact with a bad
 * e-mail is refused inline and writes nothing; fixed, it is saved and
 * listed; made secretary, the previous secretary is unset; deleted, it
 * comes back with Undo. The same for a member institution and for a
 * project with partners. The forms and the edited pages are rendered to
 * PNGs in the build folder (data/screenshots/ keeps copies).
 */
#define G_LOG_DOMAIN "test-directory"

#include "config.h"

#include "mreza-contact-form-private.h"
#include "mreza-directory.h"
#include "mreza-institution-form-private.h"
#include "mreza-project-form-private.h"
#include "mreza-row-list.h"
#include "mreza-util.h"

#include <string.h>

#define WAIT_SECONDS 30

#include "gui-test-app.h"
#include "gui-test-shot.h"

#define NAME "Dragana Đorđević"
#define ROLE "kontakt osoba Centra za socijalni rad"
#define PROJECT "Sigurna kuća za žrtve – Šabac"

#define EMPTY_TEAM "Lokalni tim Šabac"

static char *team_id;
static char *empty_team_id;

static const MrezaTeamDirectory *
directory (void)
{
  return mreza_teams_page_get_directory (window->teams_page);
}

/* The page shows the team, read after the last edit. */
static gboolean
team_shown (void)
{
  return directory () != NULL &&
         !mreza_teams_page_get_loading (window->teams_page) &&
         g_strcmp0 (directory ()->id, team_id) == 0;
}

static const MrezaContact *
find_contact (const char *name)
{
  for (guint i = 0; directory () != NULL && i < directory ()->contacts->len; i++)
    {
      const MrezaContact *c = g_ptr_array_index (directory ()->contacts, i);

      if (g_strcmp0 (c->name, name) == 0)
        return c;
    }
  return NULL;
}

static gboolean
has_member (const char *name)
{
  for (guint i = 0; directory () != NULL && i < directory ()->members->len; i++)
    {
      const MrezaDirectoryMember *m = g_ptr_array_index (directory ()->members, i);

      if (g_strcmp0 (m->name, name) == 0)
        return TRUE;
    }
  return FALSE;
}

/* A row of the page titled @title, as a person sees the list. */
static GtkWidget *
find_row (GtkWidget  *widget,
          const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)),
                 title) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
type_text (GtkWidget  *row,
           const char *text)
{
  gtk_widget_grab_focus (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
show_team (void)
{
  mreza_window_set_view (window, "teams");
  mreza_teams_page_select_team (window->teams_page, team_id);
  WAIT_FOR (team_shown ());
}

static MrezaContactForm *
active_contact_form (void)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_true (MREZA_IS_CONTACT_FORM (active));
  return MREZA_CONTACT_FORM (active);
}

static void
test_bad_email (void)
{
  MrezaContactForm *form;
  gint64 contacts = count_rows ("contact");
  gint64 outbox = count_rows ("sync_outbox");

  show_team ();
  save_png (GTK_WIDGET (window), "team-directory-before.png");

  /* Ctrl+N's action opens an empty form; Save waits for a name. */
  gtk_widget_activate_action (GTK_WIDGET (window->teams_page),
                              "teams.new-contact", NULL);
  form = active_contact_form ();
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (form)));
  g_assert_false (mreza_form_can_save (MREZA_FORM (form)));
  g_assert_false (gtk_widget_has_css_class (form->name_row, "error"));

  type_text (form->name_row, NAME);
  type_text (form->role_row, ROLE);
  type_text (form->phone_row, "+381 15 350-220");
  g_assert_true (mreza_form_can_save (MREZA_FORM (form)));

  type_text (form->email_row, "dragana.djordjevic.csrsabac.rs");
  g_assert_false (mreza_form_can_save (MREZA_FORM (form)));
  g_assert_true (gtk_widget_has_css_class (form->email_row, "error"));
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (form->email_row)),
                            "@"));
  settle (300);
  save_png (GTK_WIDGET (form), "contact-form-invalid.png");

  /* Even asked directly (Ctrl+S), the form writes nothing. */
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  settle (100);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (form)));
  g_assert_cmpint (count_rows ("contact"), ==, contacts);
  g_assert_cmpint (count_rows ("sync_outbox"), ==, outbox);
  g_assert_null (find_contact (NAME));

  /* Fixed, it is saved, and the page lists it. */
  type_text (form->email_row, "dragana.djordjevic@csrsabac.rs");
  g_assert_false (gtk_widget_has_css_class (form->email_row, "error"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (form->email_row)),
                   ==, "E-mail");
  g_assert_true (mreza_form_can_save (MREZA_FORM (form)));
  adw_combo_row_set_selected (ADW_COMBO_ROW (form->institution_row), 1);
  settle (300);
  save_png (GTK_WIDGET (form), "contact-form.png");

  g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &form);
  gtk_widget_activate (mreza_form_get_save_button (MREZA_FORM (form)));
  WAIT_FOR (form == NULL);
  WAIT_FOR (team_shown () && find_contact (NAME) != NULL);
  g_assert_cmpint (count_rows ("contact"), ==, contacts + 1);
  g_assert_nonnull (find_row (GTK_WIDGET (window->teams_page), NAME));
}

static void
test_secretary (void)
{
  const MrezaContact *contact = find_contact (NAME);
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM contact WHERE"
                                          " team_id = '%s' AND is_secretary",
                                          team_id);
  g_autofree char *previous = query_text (sql);
  g_autofree char *id = NULL;
  g_autofree char *now = NULL;
  MrezaContactForm *form;
  GtkWindow *dialog;

  g_assert_nonnull (contact);
  g_assert_nonnull (previous);
  id = g_strdup (contact->id);

  /* Enter on the row opens its form, with nothing changed. */
  g_signal_emit_by_name (find_row (GTK_WIDGET (window->teams_page), NAME),
                         "activated");
  form = active_contact_form ();
  g_assert_false (mreza_form_has_changes (MREZA_FORM (form)));
  g_assert_false (mreza_form_can_save (MREZA_FORM (form)));
  g_assert_nonnull (mreza_form_get_delete_button (MREZA_FORM (form)));

  /* A change, then Escape: the form asks; Keep Editing keeps it. */
  gtk_switch_set_active (form->secretary_switch, TRUE);
  g_assert_true (mreza_form_can_save (MREZA_FORM (form)));
  gtk_widget_activate_action (GTK_WIDGET (form), "window.close", NULL);
  WAIT_FOR ((dialog = find_message_dialog ()) != NULL);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  settle (100);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (form)));

  g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &form);
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  WAIT_FOR (form == NULL);
  WAIT_FOR (team_shown () && find_contact (NAME) != NULL &&
            find_contact (NAME)->secretary);

  /* One secretary: the new one; the previous one is an ordinary contact. */
  now = query_text (sql);
  g_assert_cmpstr (now, ==, id);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM contact WHERE team_id = '%s'"
                         " AND is_secretary", team_id);
  g_assert_cmpint (query_int (sql), ==, 1);
  g_free (sql);
  sql = g_strdup_printf ("SELECT is_secretary FROM contact WHERE id = '%s'",
                         previous);
  g_assert_cmpint (query_int (sql), ==, 0);
  /* The secretary comes first. */
  g_assert_cmpstr (((MrezaContact *) g_ptr_array_index (directory ()->contacts, 0))->id,
                   ==, id);
  settle (300);
  save_png (GTK_WIDGET (window), "team-directory.png");
}

static void
test_delete_undo (void)
{
  g_autofree char *id = g_strdup (find_contact (NAME)->id);
  gint64 contacts = count_rows ("contact");
  MrezaContactForm *form;
  AdwToast *toast;

  form = mreza_teams_page_open_contact_form (window->teams_page, id);
  g_assert_nonnull (form);
  gtk_widget_activate (mreza_form_get_delete_button (MREZA_FORM (form)));
  WAIT_FOR (team_shown () && find_contact (NAME) == NULL);
  g_assert_cmpint (count_rows ("contact"), ==, contacts - 1);
  g_assert_null (find_row (GTK_WIDGET (window->teams_page), NAME));

  toast = mreza_teams_page_get_undo_toast (window->teams_page);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Contact deleted");
  settle (300);
  save_png (GTK_WIDGET (window), "team-contact-deleted.png");

  g_signal_emit_by_name (toast, "button-clicked");
  WAIT_FOR (team_shown () && find_contact (NAME) != NULL);
  g_assert_cmpint (count_rows ("contact"), ==, contacts);
  /* It comes back as it was: the team's secretary. */
  g_assert_true (find_contact (NAME)->secretary);
  g_assert_nonnull (find_row (GTK_WIDGET (window->teams_page), NAME));
}

/* The count of institutions the teams list shows beside the team. */
static guint
listed_members (void)
{
  GObject *view = gtk_widget_get_template_child (GTK_WIDGET (window->teams_page),
                                                 MREZA_TYPE_TEAMS_PAGE,
                                                 "list_view");
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (view)));

  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(MrezaRow) row = g_list_model_get_item (model, i);

      if (g_strcmp0 (mreza_row_get_id (row), team_id) == 0)
        return mreza_row_get_n_children (row);
    }
  return G_MAXUINT;
}

static void
test_member (void)
{
  const char *name = "Sigurna kuća Šabac";
  gint64 members = count_rows ("team_member");
  MrezaInstitutionForm *form;
  g_autofree char *id = NULL;
  g_autofree char *sql = NULL;
  AdwToast *toast;

  gtk_widget_activate_action (GTK_WIDGET (window->teams_page),
                              "teams.add-institution", NULL);
  form = MREZA_INSTITUTION_FORM (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_true (MREZA_IS_INSTITUTION_FORM (form));

  /* "New institution…" is the first choice: its details show. */
  g_assert_cmpuint (gtk_drop_down_get_selected (form->choice_drop), ==, 0);
  g_assert_true (gtk_widget_get_visible (form->details_group));
  g_assert_false (mreza_form_can_save (MREZA_FORM (form)));
  type_text (form->name_row, "S");
  type_text (form->name_row, "");
  g_assert_true (gtk_widget_has_css_class (form->name_row, "error"));
  type_text (form->name_row, name);
  type_text (form->town_row, "Šabac");
  adw_combo_row_set_selected (ADW_COMBO_ROW (form->sector_row), 11);
  g_assert_true (mreza_form_can_save (MREZA_FORM (form)));
  settle (300);
  save_png (GTK_WIDGET (form), "institution-form.png");

  mreza_form_save (MREZA_FORM (form));
  WAIT_FOR (team_shown () && has_member (name));
  g_assert_cmpint (count_rows ("team_member"), ==, members + 1);
  /* The teams list counts it too, and the team stays shown. */
  WAIT_FOR (listed_members () == directory ()->members->len);
  g_assert_true (team_shown ());
  sql = g_strdup_printf ("SELECT sector FROM institution WHERE name = '%s'", name);
  g_free (id);
  id = query_text (sql);
  g_assert_cmpstr (id, ==, "civil_society");
  g_free (sql);
  sql = g_strdup_printf ("SELECT id FROM institution WHERE name = '%s'", name);
  g_free (id);
  id = query_text (sql);

  /* Remove from Team, then Undo. */
  form = mreza_teams_page_open_institution_form (window->teams_page, id);
  g_assert_nonnull (form);
  g_assert_null (form->choice_row);
  g_assert_false (mreza_form_can_save (MREZA_FORM (form)));
  mreza_form_delete (MREZA_FORM (form));
  WAIT_FOR (team_shown () && !has_member (name));
  g_assert_cmpint (count_rows ("team_member"), ==, members);
  WAIT_FOR (listed_members () == directory ()->members->len);
  toast = mreza_teams_page_get_undo_toast (window->teams_page);
  g_assert_nonnull (toast);
  g_signal_emit_by_name (toast, "button-clicked");
  WAIT_FOR (team_shown () && has_member (name));
  g_assert_cmpint (count_rows ("team_member"), ==, members + 1);

  /* Edited outside a team (as from a search): no Remove from Team. */
  form = mreza_institution_form_new (GTK_WINDOW (window), store, NULL, NULL,
                                     NULL, id, NULL);
  g_assert_nonnull (form);
  g_assert_null (mreza_form_get_delete_button (MREZA_FORM (form)));
  type_text (form->town_row, "Šabac, Srbija");
  g_assert_true (mreza_form_can_save (MREZA_FORM (form)));
  mreza_form_save (MREZA_FORM (form));
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM institution WHERE id = '%s'"
                         " AND town = 'Šabac, Srbija'", id);
  g_assert_cmpint (query_int (sql), ==, 1);
}

/* A member of another team sees the directory but is offered no edit,
 * and is told why. */
static void
test_access (void)
{
  g_autoptr(MrezaAccess) access = mreza_access_new (FALSE, "00000000-0000-4000-8000-000000000001",
                                                    "Lokalni tim Vranje");
  g_autoptr(GError) error = NULL;
  MrezaContactForm *form;

  form = mreza_contact_form_new (GTK_WINDOW (window), store, access, team_id,
                                 "Lokalni tim", find_contact (NAME)->id,
                                 &error);
  g_assert_no_error (error);
  g_assert_true (mreza_form_get_locked (MREZA_FORM (form)));
  gtk_switch_set_active (form->secretary_switch, FALSE);
  g_assert_false (mreza_form_can_save (MREZA_FORM (form)));
  g_assert_false (gtk_widget_is_sensitive (mreza_form_get_delete_button (MREZA_FORM (form))));
  g_assert_nonnull (gtk_widget_get_tooltip_text (mreza_form_get_delete_button (MREZA_FORM (form))));
  gtk_window_destroy (GTK_WINDOW (form));
}

/* A member of the team may add an institution of the directory to it,
 * but not describe a new one, nor edit one: those are the coordinator's. */
static void
test_member_access (void)
{
  g_autoptr(MrezaAccess) access = mreza_access_new (FALSE, team_id, "Lokalni tim");
  g_autoptr(GError) error = NULL;
  MrezaInstitutionForm *form;
  const MrezaDirectoryMember *member = g_ptr_array_index (directory ()->members, 0);
  GListModel *choices;
  g_autoptr(GtkStringObject) first = NULL;

  form = mreza_institution_form_new (GTK_WINDOW (window), store, access,
                                     team_id, "Lokalni tim", NULL, &error);
  g_assert_no_error (error);
  g_assert_false (mreza_form_get_locked (MREZA_FORM (form)));
  choices = gtk_drop_down_get_model (form->choice_drop);
  first = g_list_model_get_item (choices, 0);
  g_assert_cmpstr (gtk_string_object_get_string (first), !=, "New institution…");
  g_assert_false (gtk_widget_get_visible (form->details_group));
  g_assert_true (mreza_form_can_save (MREZA_FORM (form)));
  gtk_window_destroy (GTK_WINDOW (form));

  form = mreza_institution_form_new (GTK_WINDOW (window), store, access,
                                     team_id, "Lokalni tim",
                                     member->institution_id, &error);
  g_assert_no_error (error);
  g_assert_true (mreza_form_get_locked (MREZA_FORM (form)));
  g_assert_false (gtk_widget_is_sensitive (form->details_group));
  g_assert_true (gtk_widget_is_sensitive (mreza_form_get_delete_button (MREZA_FORM (form))));
  gtk_window_destroy (GTK_WINDOW (form));
}

static GtkWidget *
find_status_page (GtkWidget *widget)
{
  if (ADW_IS_STATUS_PAGE (widget) && gtk_widget_get_mapped (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_status_page (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A team with nothing in its directory says what to do first. */
static void
test_empty_team (void)
{
  GtkWidget *status;

  mreza_window_set_view (window, "teams");
  mreza_teams_page_select_team (window->teams_page, empty_team_id);
  WAIT_FOR (directory () != NULL && !mreza_teams_page_get_loading (window->teams_page) &&
            g_strcmp0 (directory ()->id, empty_team_id) == 0);
  status = find_status_page (GTK_WIDGET (window->teams_page));
  g_assert_nonnull (status);
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (status)),
                            "institutions"));
  settle (300);
  save_png (GTK_WIDGET (window), "team-empty.png");
}

static guint
count_projects (const char *title)
{
  GListModel *model = mreza_projects_page_get_projects (window->projects_page);
  guint found = 0;

  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(MrezaRow) row = g_list_model_get_item (model, i);

      if (g_strcmp0 (mreza_row_get_title (row), title) == 0)
        found++;
    }
  return found;
}

static void
test_project (void)
{
  gint64 projects = count_rows ("project");
  gint64 partners = count_rows ("project_partner");
  MrezaProjectForm *form;
  g_autofree char *id = NULL;
  AdwToast *toast;

  mreza_window_set_view (window, "projects");
  WAIT_FOR (mreza_projects_page_get_projects (window->projects_page) != NULL &&
            mreza_row_list_get_loaded (MREZA_ROW_LIST (mreza_projects_page_get_projects (window->projects_page))));

  gtk_widget_activate_action (GTK_WIDGET (window->projects_page), "projects.new", NULL);
  form = MREZA_PROJECT_FORM (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_true (MREZA_IS_PROJECT_FORM (form));
  type_text (form->title_row, PROJECT);
  adw_combo_row_set_selected (ADW_COMBO_ROW (form->status_row), 1);
  type_text (form->start_row, "2019-02-29");
  g_assert_true (gtk_widget_has_css_class (form->start_row, "error"));
  g_assert_false (mreza_form_can_save (MREZA_FORM (form)));
  type_text (form->start_row, "2019-03-01");
  type_text (form->end_row, "2019-01-31");
  g_assert_true (gtk_widget_has_css_class (form->end_row, "error"));
  type_text (form->end_row, "2020-02-29");
  type_text (form->amount_row, "dvesta hiljada");
  g_assert_true (gtk_widget_has_css_class (form->amount_row, "error"));
  g_assert_false (mreza_form_can_save (MREZA_FORM (form)));
  type_text (form->amount_row, "1.250.000,50");
  type_text (form->count_row, "27");
  type_text (form->beneficiaries_row, "27 žrtava trgovine ljudima smešteno");
  gtk_drop_down_set_selected (form->partner_drop, 3);
  adw_combo_row_set_selected (ADW_COMBO_ROW (form->role_row), 0);
  _mreza_project_form_add_partner (form);
  gtk_drop_down_set_selected (form->partner_drop, 5);
  adw_combo_row_set_selected (ADW_COMBO_ROW (form->role_row), 2);
  _mreza_project_form_add_partner (form);
  g_assert_cmpuint (form->partner_rows->len, ==, 2);
  g_assert_true (mreza_form_can_save (MREZA_FORM (form)));
  settle (300);
  save_png (GTK_WIDGET (form), "project-form.png");
  /* The partners are further down: the page scrolls to the focus. */
  gtk_widget_grab_focus (form->add_partner_row);
  settle (400);
  save_png (GTK_WIDGET (form), "project-form-partners.png");

  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  WAIT_FOR (count_projects (PROJECT) == 1);
  g_assert_cmpint (count_rows ("project"), ==, projects + 1);
  g_assert_cmpint (count_rows ("project_partner"), ==, partners + 2);
  g_assert_cmpint (query_int ("SELECT amount_minor FROM project WHERE title = '"
                              PROJECT "'"), ==, 125000050);
  settle (500);
  save_png (GTK_WIDGET (window), "projects-page.png");

  id = query_text ("SELECT id FROM project WHERE title = '" PROJECT "'");
  form = mreza_projects_page_open_form (window->projects_page, id);
  g_assert_nonnull (form);
  g_assert_false (mreza_form_has_changes (MREZA_FORM (form)));
  mreza_form_delete (MREZA_FORM (form));
  WAIT_FOR (count_projects (PROJECT) == 0);
  g_assert_cmpint (count_rows ("project_partner"), ==, partners);
  toast = mreza_projects_page_get_undo_toast (window->projects_page);
  g_assert_nonnull (toast);
  g_signal_emit_by_name (toast, "button-clicked");
  WAIT_FOR (count_projects (PROJECT) == 1);
  g_assert_cmpint (count_rows ("project_partner"), ==, partners + 2);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  setup_gui (&argc, &argv);

  open_demo_replica ();
  team_id = query_text ("SELECT id FROM team ORDER BY name LIMIT 1");
  empty_team_id = mreza_uuid_new_random ();
  {
    g_autofree char *now = mreza_now_iso8601 ();
    g_autofree char *sql = g_strdup_printf ("INSERT INTO team (id, created_at,"
                                            " modified_at, modified_by, name,"
                                            " town) VALUES ('%s', '%s', '%s',"
                                            " 'test', '" EMPTY_TEAM "',"
                                            " 'Šabac')", empty_team_id, now,
                                            now);

    exec_sql (sql);
  }

  open_main_window (NULL);

  g_test_add_func ("/ui/directory/bad-email", test_bad_email);
  g_test_add_func ("/ui/directory/secretary", test_secretary);
  g_test_add_func ("/ui/directory/delete-undo", test_delete_undo);
  g_test_add_func ("/ui/directory/member", test_member);
  g_test_add_func ("/ui/directory/access", test_access);
  g_test_add_func ("/ui/directory/member-access", test_member_access);
  g_test_add_func ("/ui/directory/empty-team", test_empty_team);
  g_test_add_func ("/ui/directory/project", test_project);

  ret = g_test_run ();

  tear_down_gui ();
  g_free (team_id);
  g_free (empty_team_id);

  return ret;
}
