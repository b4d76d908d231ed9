/* bench-report.c: the national report's figures, as one JSON line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-report --dir DIR [--rows N] [--year YEAR]
 * bench-report generate PATH ROWS
 *
 * On a replica of N rows (1,000,000 by default) made by the foundation's
 * generator and kept in DIR, times the whole-network report for YEAR
 * (2018, the plan's last year) from the replica to a file, once per
 * format: reading the data counts, every time. The generator runs in a
 * child process so that its memory does not count in the peak, which
 * is this process's VmHWM from /proc/self/status.
 */
#define G_LOG_DOMAIN "mreza-bench-report"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mreza-bench-gen.h"
#include "mreza-report.h"

static double
peak_rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmHWM:")) == NULL)
    return -1;
  return g_ascii_strtod (line + 6, NULL) / 1024.0;
}

static void
ensure_replica (const char *self,
                const char *path,
                gint64      rows)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *n = g_strdup_printf ("%" G_GINT64_FORMAT, rows);
  const char *argv[] = { self, "generate", path, n, NULL };
  int status = 0;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return;

  g_printerr ("Generating %s rows into %s…\n", n, path);
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("Cannot generate the replica: %s", error->message);
}

typedef gboolean (*WriteFunc) (MrezaReport *, const char *, GError **);

/* Seconds from the replica to the written file. */
static double
time_format (MrezaStore *store,
             int         year,
             WriteFunc   write,
             const char *out,
             guint      *n_pages)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrezaReport) report = NULL;
  MrezaReportOptions options = { year, NULL, NULL };
  gint64 start = g_get_monotonic_time ();

  report = mreza_report_build (mreza_store_get_db (store), &options, &error);
  if (report == NULL || !write (report, out, &error))
    g_error ("Report failed: %s", error->message);

  if (n_pages != NULL)
    {
      g_autoptr(MrezaReportLayout) layout =
        mreza_report_layout_new (report, 595.276, 841.890);

      *n_pages = mreza_report_layout_get_n_pages (layout);
    }

  return (g_get_monotonic_time () - start) / 1e6;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrezaStore) store = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *xlsx = NULL;
  g_autofree char *csv = NULL;
  gint64 rows = 1000000;
  int year = 2018;
  guint n_pages = 0;
  double pdf_s, xlsx_s, csv_s;
  GOptionEntry entries[] = {
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, "Where the replica is kept",
      "DIR" },
    { "rows", 0, 0, G_OPTION_ARG_INT64, &rows, "Rows in the replica", "N" },
    { "year", 0, 0, G_OPTION_ARG_INT, &year, "The report's year", "YEAR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);

  setlocale (LC_ALL, "");

  if (argc == 4 && strcmp (argv[1], "generate") == 0)
    {
      if (!mreza_bench_generate (argv[2], g_ascii_strtoll (argv[3], NULL, 10),
                                 &error))
        g_error ("%s", error->message);
      return 0;
    }

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || dir == NULL)
    {
      g_printerr ("Usage: bench-report --dir DIR [--rows N] [--year YEAR]\n");
      return 2;
    }

  g_mkdir_with_parents (dir, 0755);
  path = g_strdup_printf ("%s/report-%" G_GINT64_FORMAT ".db", dir, rows);
  pdf = g_build_filename (dir, "national.pdf", NULL);
  xlsx = g_build_filename (dir, "national.xlsx", NULL);
  csv = g_build_filename (dir, "national-csv", NULL);
  ensure_replica (argv[0], path, rows);

  if (!(store = mreza_store_open (path, MREZA_STORE_OPEN_DEFAULT, &error)))
    g_error ("%s", error->message);

  pdf_s = time_format (store, year, mreza_report_write_pdf, pdf, NULL);
  xlsx_s = time_format (store, year, mreza_report_write_xlsx, xlsx, NULL);
  csv_s = time_format (store, year, mreza_report_write_csv, csv, NULL);
  time_format (store, year, mreza_report_write_csv, csv, &n_pages);

  printf ("{\"rows\": %" G_GINT64_FORMAT ", \"year\": %d, "
          "\"pdf_s\": %.2f, \"pdf_pages\": %u, \"xlsx_s\": %.2f, "
          "\"csv_s\": %.2f, \"peak_rss_mb\": %.1f}\n",
          rows, year, pdf_s, n_pages, xlsx_s, csv_s, peak_rss_mb ());
  return 0;
}
