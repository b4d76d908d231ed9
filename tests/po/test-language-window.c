/* test-language-window.c: the window in Serbian Cyrillic and Latin
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Builds the real window on the demo data under --language=sr or
 * --language=sr@latin with the build's catalogs (MREZA_LOCALEDIR),
 * opens the first activity of the plan, checks that what it shows is
 * in the script asked for (the sidebar, the titles, and with the
 * interface in Cyrillic the names typed in Latin too), and renders it to
 * window-LANGUAGE.png in the build folder and $MREZA_SCREENSHOT_DIR.
 */
#define G_LOG_DOMAIN "test-language-window"

#include "config.h"

#include "mreza-application.h"
#include "mreza-import.h"
#include "mreza-labels.h"
#include "mreza-locale.h"
#include "mreza-window-private.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#define WAIT_SECONDS 30

#include "mreza-test-loop.h"

static const char *language;
static MrezaWindow *window;

static gboolean
is_cyrillic (gunichar c)
{
  return c >= 0x0400 && c <= 0x04FF;
}

static gboolean
has_script (const char *text,
            gboolean    cyrillic)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (cyrillic ? is_cyrillic (c) : (c < 0x80 && g_ascii_isalpha (c)))
        return TRUE;
    }

  return FALSE;
}

static void
collect_labels (GtkWidget *widget,
                GPtrArray *texts)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (texts, (gpointer) gtk_label_get_text (GTK_LABEL (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, texts);
}

static gboolean
detail_shown (void)
{
  MrezaActivityView *view = mreza_plan_page_get_activity_view (window->plan_page);

  return !mreza_plan_page_is_loading (window->plan_page) &&
         mreza_activity_view_get_detail (view) != NULL;
}

static void
open_first_activity (void)
{
  GtkSingleSelection *selection = mreza_plan_page_get_selection (window->plan_page);
  GtkTreeListModel *tree = GTK_TREE_LIST_MODEL (gtk_single_selection_get_model (selection));
  g_autoptr(GtkTreeListRow) goal = NULL;

  WAIT_FOR (g_list_model_get_n_items (G_LIST_MODEL (tree)) > 0);
  goal = gtk_tree_list_model_get_row (tree, 0);
  gtk_tree_list_row_set_expanded (goal, TRUE);
  WAIT_FOR (g_list_model_get_n_items (G_LIST_MODEL (tree)) > 5);
  gtk_single_selection_set_selected (selection, 1);
  WAIT_FOR (detail_shown ());
  settle (500);
}

static void
painted_cb (GdkFrameClock *clock,
            gboolean      *saved)
{
  GtkWidget *widget = GTK_WIDGET (window);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *name = g_strdup_printf ("window-%s.png", language);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);
  const char *dir = g_getenv ("MREZA_SCREENSHOT_DIR");
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (widget));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (*saved)
    return;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Wrote %s", path);
  if (dir != NULL && *dir != '\0')
    {
      g_autofree char *copy = g_build_filename (dir, name, NULL);

      g_mkdir_with_parents (dir, 0755);
      g_assert_true (gdk_texture_save_to_png (texture, copy));
    }
  *saved = TRUE;
}

static void
save_png (void)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  gboolean saved = FALSE;
  gulong id;

  id = g_signal_connect (clock, "after-paint", G_CALLBACK (painted_cb), &saved);
  gtk_widget_queue_draw (GTK_WIDGET (window));
  WAIT_FOR (saved);
  g_signal_handler_disconnect (clock, id);
}

static void
test_window_script (void)
{
  gboolean cyrillic = g_str_equal (language, "sr");
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  const char *plan = cyrillic ? "Акциони план" : "Akcioni plan";
  const char *goal = cyrillic ? "Циљ 1: " : "Cilj 1: ";
  gboolean sidebar_seen = FALSE;
  gboolean goal_seen = FALSE;

  g_assert_cmpstr (mreza_locale_get_language (), ==, language);
  g_assert_cmpint (mreza_labels_get_show_cyrillic (), ==, cyrillic);

  open_first_activity ();
  save_png ();

  collect_labels (GTK_WIDGET (window), texts);
  g_assert_cmpuint (texts->len, >, 20);
  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = texts->pdata[i];

      sidebar_seen |= g_str_equal (text, plan);
      if (g_str_has_prefix (text, goal))
        {
          goal_seen = TRUE;
          /* The goal's title, typed in Latin, is shown in the script of
           * the interface. */
          g_assert_false (has_script (text + strlen (goal), !cyrillic));
        }
      /* Nothing of the Cyrillic interface is left in Latin but what is
       * not Serbian (RSD, IOM…); the Latin one has no Cyrillic at all. */
      if (!cyrillic)
        g_assert_false (has_script (text, TRUE));
    }
  g_assert_true (sidebar_seen);
  g_assert_true (goal_seen);
  g_assert_cmpstr (adw_window_title_get_title (window->page_title), ==, plan);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrezaApplication) app = NULL;
  g_autoptr(MrezaStore) store = NULL;
  g_autofree char *tmp_dir = NULL;
  g_autofree char *replica = NULL;
  g_autofree char *demo_dir = NULL;
  const char *localedir = g_getenv ("MREZA_LOCALEDIR");
  int ret;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_has_prefix (argv[i], "--language="))
        language = argv[i] + strlen ("--language=");
    }
  if (language == NULL)
    language = "sr";

  /* gettext ignores LANGUAGE in the C locale. */
  g_setenv ("LANGUAGE", language, TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GDK_DEBUG", "gl-disable", FALSE);

  gtk_test_init (&argc, &argv, NULL);
  /* gtk_test_init() keeps the C locale; this test is about the other. */
  setlocale (LC_ALL, "");
  adw_init ();
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  tmp_dir = g_dir_make_tmp ("mreza-language-XXXXXX", &error);
  g_assert_no_error (error);
  replica = g_build_filename (tmp_dir, "replica.db", NULL);
  store = mreza_store_open (replica, MREZA_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  demo_dir = mreza_application_find_demo_dir ();
  mreza_import_path (store, demo_dir, NULL, &error);
  g_assert_no_error (error);

  app = mreza_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  window = mreza_window_new (GTK_APPLICATION (app), store);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  mreza_window_set_view (window, "plan");
  gtk_window_present (GTK_WINDOW (window));

  g_test_add_func ("/po/window-script", test_window_script);
  ret = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
  for (guint i = 0; i < 3; i++)
    {
      static const char *suffixes[] = { "", "-wal", "-shm" };
      g_autofree char *path = g_strconcat (replica, suffixes[i], NULL);

      g_unlink (path);
    }
  g_rmdir (tmp_dir);

  return ret;
}
