/* test-report-page.c: the Annual Report page on the demo data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens the real window on a fresh replica of the demo data, shows the
 * report for 2018 and for its second quarter, exports it as a PDF past
 * the file chooser, and renders the page to report-page.png in the
 * build folder (and to $MREZA_SCREENSHOT_DIR when set); then folds the
 * window to 360 px and checks that no control is cut off
 * (report-page-narrow.png).
 */
#define G_LOG_DOMAIN "test-report-page"

#include "config.h"

#include <string.h>

#define WAIT_SECONDS 60

#include "gui-test-app.h"
#include "gui-test-shot.h"

static gboolean
shows_year (int year)
{
  MrezaReportPage *page = window->report_page;

  return !mreza_report_page_is_busy (page) &&
         mreza_report_page_get_year (page) == year &&
         mreza_report_page_get_n_pages (page) > 0;
}

static void
test_preview (void)
{
  MrezaReportPage *page = window->report_page;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "report");
  g_assert_cmpstr (mreza_window_get_view (window), ==, "report");

  /* The latest year with data comes first. */
  WAIT_FOR (!mreza_report_page_is_busy (page) &&
            mreza_report_page_get_n_pages (page) > 0);
  g_assert_cmpint (mreza_report_page_get_year (page), >=, 2018);

  mreza_report_page_set_year (page, 2018);
  WAIT_FOR (shows_year (2018));
  g_test_message ("2018: %u pages", mreza_report_page_get_n_pages (page));
}

static void
test_export_pdf (void)
{
  MrezaReportPage *page = window->report_page;
  g_autofree char *path = g_build_filename (tmp_dir, "report.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  gsize length = 0;

  mreza_report_page_export (page, MREZA_REPORT_FORMAT_PDF, file);
  g_assert_true (mreza_report_page_is_exporting (page));
  WAIT_FOR (!mreza_report_page_is_exporting (page));
  g_assert_null (mreza_report_page_get_last_error (page));

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
  g_unlink (path);
}

static void
test_export_error (void)
{
  MrezaReportPage *page = window->report_page;
  g_autofree char *path = g_build_filename (tmp_dir, "missing", "report.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  mreza_report_page_export (page, MREZA_REPORT_FORMAT_PDF, file);
  WAIT_FOR (!mreza_report_page_is_exporting (page));
  g_assert_nonnull (mreza_report_page_get_last_error (page));
  g_test_message ("Error: %s", mreza_report_page_get_last_error (page));
}

static void
test_period (void)
{
  MrezaReportPage *page = window->report_page;
  g_autofree char *period = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "q2.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftotext", path, "-", NULL };
  int status = 0;

  mreza_report_page_set_period (page, 4);
  period = mreza_report_page_dup_period (page);
  g_assert_cmpstr (period, ==, "2018-Q2");
  WAIT_FOR (shows_year (2018));

  mreza_report_page_export (page, MREZA_REPORT_FORMAT_PDF, file);
  WAIT_FOR (!mreza_report_page_is_exporting (page));
  g_assert_null (mreza_report_page_get_last_error (page));
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH |
                G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &text, NULL, &status,
                &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "2018-Q2"));
  g_unlink (path);

  mreza_report_page_set_period (page, 0);
  g_clear_pointer (&period, g_free);
  period = mreza_report_page_dup_period (page);
  g_assert_null (period);
  WAIT_FOR (shows_year (2018));
}

/* Every button of @widget's tree that is drawn lies inside @window. */
static void
assert_inside (GtkWidget *widget,
               GtkWidget *window_widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;

      if (!gtk_widget_get_mapped (child))
        continue;
      if (GTK_IS_BUTTON (child) || GTK_IS_MENU_BUTTON (child) ||
          GTK_IS_DROP_DOWN (child))
        {
          g_assert_true (gtk_widget_compute_bounds (child, window_widget,
                                                    &bounds));
          g_test_message ("%s at %.0f..%.0f", G_OBJECT_TYPE_NAME (child),
                          bounds.origin.x,
                          bounds.origin.x + bounds.size.width);
          g_assert_cmpfloat (bounds.origin.x, >=, 0);
          g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=,
                             gtk_widget_get_width (window_widget));
          /* Not squeezed below what it needs to show its label. */
          {
            int min = 0;

            gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min,
                                NULL, NULL, NULL);
            g_assert_cmpfloat (bounds.size.width, >=, min);
          }
        }
      assert_inside (child, window_widget);
    }
}

/* The window folded to a phone's width: nothing of the page is cut
 * off; the exports other than PDF move into a menu. */
static void
test_narrow (void)
{
  MrezaReportPage *page = window->report_page;

  g_assert_true (mreza_report_page_shows_all_exports (page));
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "report");
  settle (800);
  WAIT_FOR (gtk_widget_get_width (GTK_WIDGET (window)) <= 400);
  settle (300);
  g_assert_false (mreza_report_page_shows_all_exports (page));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  assert_inside (GTK_WIDGET (page), GTK_WIDGET (window));
  save_png (GTK_WIDGET (window), "report-page-narrow.png");

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  WAIT_FOR (gtk_widget_get_width (GTK_WIDGET (window)) >= 1200);
  settle (300);
  g_assert_true (mreza_report_page_shows_all_exports (page));
}

static void
test_screenshot (void)
{
  GtkWidget *first;

  settle (600);
  first = gtk_widget_get_first_child (GTK_WIDGET (window->report_page));
  g_assert_nonnull (first);
  save_png (GTK_WIDGET (window), "report-page.png");
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  setup_gui (&argc, &argv);
  open_demo_replica ();
  open_main_window ("plan");

  g_test_add_func ("/ui/report-page/preview", test_preview);
  /* Before the exports, whose toasts would cover the action bar. */
  g_test_add_func ("/ui/report-page/narrow", test_narrow);
  g_test_add_func ("/ui/report-page/export-pdf", test_export_pdf);
  g_test_add_func ("/ui/report-page/export-error", test_export_error);
  g_test_add_func ("/ui/report-page/period", test_period);
  g_test_add_func ("/ui/report-page/screenshot", test_screenshot);

  ret = g_test_run ();

  tear_down_gui ();

  return ret;
}
