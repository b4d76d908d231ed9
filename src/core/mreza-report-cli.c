/* mreza-report-cli.c: `mreza-cli report`, for a coordinator's scheduled job
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mreza-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mreza-report.h"

typedef enum
{
  FORMAT_NONE,
  FORMAT_PDF,
  FORMAT_XLSX,
  FORMAT_CSV,
} Format;

static Format
parse_format (const char *format,
              const char *output)
{
  static const char * const names[] = { NULL, "pdf", "xlsx", "csv" };

  if (format == NULL && output != NULL)
    {
      if (g_str_has_suffix (output, ".pdf"))
        return FORMAT_PDF;
      if (g_str_has_suffix (output, ".xlsx"))
        return FORMAT_XLSX;
      return FORMAT_NONE;
    }

  for (guint i = 1; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (format, names[i]) == 0)
      return i;
  return FORMAT_NONE;
}

static gboolean
write_report (MrezaReport  *report,
              Format        format,
              const char   *output,
              GError      **error)
{
  switch (format)
    {
    case FORMAT_PDF:
      return mreza_report_write_pdf (report, output, error);
    case FORMAT_XLSX:
      return mreza_report_write_xlsx (report, output, error);
    case FORMAT_CSV:
      return mreza_report_write_csv (report, output, error);
    case FORMAT_NONE:
    default:
      g_assert_not_reached ();
    }
}

/**
 * mreza_report_cli:
 * @store: the replica
 * @argc: the number of arguments
 * @argv: the arguments, starting with the subcommand's name ("report")
 *
 * `report --year YEAR [--period P] [--team NAME] --format pdf|xlsx|csv
 * --output FILE`. With `csv`, FILE is a folder (created if missing) that
 * receives one `<table>.csv` per table. Without --format, a FILE ending
 * in .pdf or .xlsx says which. Errors are one line on stderr.
 *
 * Returns: the exit status: 0 on success, 1 when the report cannot be
 *   read or written, 2 for a usage error
 */
int
mreza_report_cli (MrezaStore  *store,
                  int          argc,
                  char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MrezaReport) report = NULL;
  g_auto(GStrv) args = NULL;
  g_autofree char *team = NULL;
  g_autofree char *period = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *output = NULL;
  MrezaReportOptions options = { 0 };
  int year = 0;
  Format format;
  GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_INT, &year, N_("The year"), N_("YEAR") },
    { "period", 0, 0, G_OPTION_ARG_STRING, &period,
      N_("Part of the year: YYYY-H1…H2 or YYYY-Q1…Q4"), N_("PERIOD") },
    { "team", 0, 0, G_OPTION_ARG_STRING, &team,
      N_("One team (default: the whole network)"), N_("NAME") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name,
      N_("pdf, xlsx or csv"), N_("FORMAT") },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output,
      N_("The file to write; for csv, a folder"), N_("FILE") },
    { NULL }
  };

  g_return_val_if_fail (MREZA_IS_STORE (store), 1);
  g_return_val_if_fail (argc >= 1 && argv != NULL, 2);

  /* GOptionContext rearranges the vector it parses: parse a copy. */
  args = g_new0 (char *, argc + 1);
  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);

  context = g_option_context_new (_("— write the annual report"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  /* parse_strv frees the arguments it removes; parse would leak them. */
  if (!g_option_context_parse_strv (context, &args, &error))
    {
      g_printerr ("mreza-cli report: %s\n", error->message);
      return 2;
    }

  format = parse_format (format_name, output);
  if (year == 0 || output == NULL || format == FORMAT_NONE ||
      g_strv_length (args) > 1)
    {
      g_printerr ("mreza-cli report: %s\n",
                  _("Usage: report --year YEAR [--period PERIOD] "
                    "[--team NAME] --format pdf|xlsx|csv --output FILE"));
      return 2;
    }

  options.year = year;
  options.period = period;
  options.team = team;
  if (!(report = mreza_report_build (mreza_store_get_db (store), &options,
                                     &error)) ||
      !write_report (report, format, output, &error))
    {
      g_printerr ("mreza-cli report: %s\n", error->message);
      return 1;
    }

  return 0;
}
