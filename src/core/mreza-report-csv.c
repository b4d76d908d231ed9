/* mreza-report-csv.c: the report as one CSV file per table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RFC 4180: CRLF line ends, every field with a comma, a quote, CR or LF
 * quoted, quotes doubled; UTF-8 without a byte-order mark. Numbers are
 * written for machines (2522780.00, not 2.522.780), dates ISO 8601. A
 * table whose rows fall under goals gets a first "Goal" column, which
 * the PDF shows as headings.
 */
#define G_LOG_DOMAIN "mreza-report"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "mreza-report-private.h"

static void
put_field (GString    *line,
           const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (line, text);
      return;
    }

  g_string_append_c (line, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

static void
put_cell (GString               *line,
          const MrezaReportCell *cell)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  switch (cell->type)
    {
    case MREZA_REPORT_CELL_TEXT:
    case MREZA_REPORT_CELL_DATE:
      put_field (line, cell->v.text);
      break;
    case MREZA_REPORT_CELL_INT:
      g_string_append_printf (line, "%" G_GINT64_FORMAT, cell->v.i);
      break;
    case MREZA_REPORT_CELL_MONEY:
      g_string_append_printf (line, "%s%" G_GINT64_FORMAT ".%02d",
                              cell->v.i < 0 ? "-" : "", ABS (cell->v.i) / 100,
                              (int) (ABS (cell->v.i) % 100));
      break;
    case MREZA_REPORT_CELL_REAL:
      g_string_append (line, g_ascii_dtostr (buf, sizeof buf, cell->v.d));
      break;
    case MREZA_REPORT_CELL_EMPTY:
    default:
      break;
    }
}

gboolean
_mreza_report_table_has_groups (MrezaReportTable *table)
{
  for (guint i = 0; i < table->rows->len; i++)
    if (g_array_index (table->rows, MrezaReportRow, i).group != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
write_table (MrezaReportTable  *table,
             const char        *path,
             GError           **error)
{
  g_autoptr(GString) line = g_string_sized_new (1024);
  gboolean groups = _mreza_report_table_has_groups (table);
  FILE *file = fopen (path, "wb");
  int saved_errno;

  if (file == NULL)
    return _mreza_report_set_write_error (error, path, errno);

  if (groups)
    g_string_append_printf (line, "%s,", _("Goal"));
  for (guint c = 0; c < table->n_columns; c++)
    {
      if (c > 0)
        g_string_append_c (line, ',');
      put_field (line, table->columns[c].title);
    }
  g_string_append (line, "\r\n");

  for (guint r = 0; r < table->rows->len; r++)
    {
      const MrezaReportRow *row = &g_array_index (table->rows,
                                                  MrezaReportRow, r);

      if (groups)
        {
          put_field (line, row->group != NULL ? row->group : "");
          g_string_append_c (line, ',');
        }
      for (guint c = 0; c < table->n_columns; c++)
        {
          if (c > 0)
            g_string_append_c (line, ',');
          put_cell (line, _mreza_report_table_cell (table, r, c));
        }
      g_string_append (line, "\r\n");

      if (line->len > 60000)
        {
          fwrite (line->str, 1, line->len, file);
          g_string_truncate (line, 0);
        }
    }
  fwrite (line->str, 1, line->len, file);

  saved_errno = ferror (file) ? errno : 0;
  if (fclose (file) != 0 && saved_errno == 0)
    saved_errno = errno;
  if (saved_errno != 0)
    {
      g_unlink (path);
      return _mreza_report_set_write_error (error, path, saved_errno);
    }

  return TRUE;
}

/**
 * mreza_report_write_csv:
 * @report: a report
 * @dir: a folder, created if missing
 * @error: return location for a #GError
 *
 * Writes one file per table into @dir, named after the table:
 * summary.csv, tasks.csv, late_tasks.csv, indicators.csv,
 * joint_actions.csv, joint_actions_by_team.csv (the network's report),
 * joint_actions_by_activity.csv, budget.csv, budget_totals.csv,
 * risks.csv, coverage.csv. Files of the same names are replaced.
 *
 * Returns: %TRUE on success
 */
gboolean
mreza_report_write_csv (MrezaReport  *report,
                        const char   *dir,
                        GError      **error)
{
  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_mkdir_with_parents (dir, 0755) != 0)
    return _mreza_report_set_write_error (error, dir, errno);

  for (guint i = 0; i < report->tables->len; i++)
    {
      MrezaReportTable *table = report->tables->pdata[i];
      g_autofree char *name = g_strconcat (table->name, ".csv", NULL);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (!write_table (table, path, error))
        return FALSE;
    }

  return TRUE;
}
