/* mreza-report-xlsx.c: the report as a spreadsheet, one sheet per table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sheets are named after the tables (as the CSV files are), start with
 * the table's title and the report's scope, then a frozen header row.
 * Numbers are numbers, money a number with a number format next to its
 * currency column, dates real Excel dates. libxlsxwriter's
 * constant_memory mode streams each row to a temporary file, so a big
 * sheet costs no more memory than a small one.
 */
#define G_LOG_DOMAIN "mreza-report"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <xlsxwriter.h>

#include "mreza-report-private.h"

typedef struct
{
  lxw_format *title;
  lxw_format *header;
  lxw_format *group;
  lxw_format *date[2];   /* [0] a data row, [1] a total row */
  lxw_format *money[2];
  lxw_format *plain[2];
  lxw_format *wrap;
} Formats;

static lxw_format *
new_format (lxw_workbook *wb,
            gboolean      bold,
            const char   *num_format)
{
  lxw_format *format = workbook_add_format (wb);

  if (bold)
    format_set_bold (format);
  if (num_format != NULL)
    format_set_num_format (format, num_format);
  format_set_align (format, LXW_ALIGN_VERTICAL_TOP);
  return format;
}

static void
make_formats (lxw_workbook *wb,
              Formats      *f)
{
  f->title = workbook_add_format (wb);
  format_set_bold (f->title);
  format_set_font_size (f->title, 14);
  f->header = new_format (wb, TRUE, NULL);
  format_set_bg_color (f->header, 0xE4E8EE);
  format_set_bottom (f->header, LXW_BORDER_THIN);
  format_set_text_wrap (f->header);
  f->group = new_format (wb, TRUE, NULL);
  f->wrap = new_format (wb, FALSE, NULL);
  format_set_text_wrap (f->wrap);
  for (int bold = 0; bold < 2; bold++)
    {
      f->date[bold] = new_format (wb, bold, "dd.mm.yyyy");
      f->money[bold] = new_format (wb, bold, "#,##0.00");
      f->plain[bold] = new_format (wb, bold, NULL);
    }
}

static void
write_cell (lxw_worksheet         *ws,
            Formats               *f,
            lxw_row_t              row,
            lxw_col_t              col,
            const MrezaReportCell *cell,
            gboolean               bold)
{
  lxw_datetime dt = { 0 };

  switch (cell->type)
    {
    case MREZA_REPORT_CELL_TEXT:
      worksheet_write_string (ws, row, col, cell->v.text,
                              bold ? f->plain[1] : f->wrap);
      break;
    case MREZA_REPORT_CELL_INT:
      worksheet_write_number (ws, row, col, (double) cell->v.i,
                              f->plain[bold]);
      break;
    case MREZA_REPORT_CELL_MONEY:
      worksheet_write_number (ws, row, col, cell->v.i / 100.0,
                              f->money[bold]);
      break;
    case MREZA_REPORT_CELL_REAL:
      worksheet_write_number (ws, row, col, cell->v.d, f->plain[bold]);
      break;
    case MREZA_REPORT_CELL_DATE:
      if (sscanf (cell->v.text, "%4d-%2d-%2d", &dt.year, &dt.month,
                  &dt.day) == 3)
        worksheet_write_datetime (ws, row, col, &dt, f->date[bold]);
      break;
    case MREZA_REPORT_CELL_EMPTY:
    default:
      break;
    }
}

static char *
scope_line (MrezaReport *report)
{
  g_autofree char *title = mreza_report_dup_title (report);

  return g_strdup_printf ("%s · %s", title,
                          report->team_name != NULL
                            ? report->team_name : _("The whole network"));
}

static void
write_sheet (lxw_workbook     *wb,
             Formats          *f,
             MrezaReport      *report,
             MrezaReportTable *table)
{
  lxw_worksheet *ws = workbook_add_worksheet (wb, table->name);
  g_autofree char *scope = scope_line (report);
  gboolean groups = _mreza_report_table_has_groups (table);
  lxw_col_t first = groups ? 1 : 0;
  lxw_row_t header = table->note != NULL ? 3 : 2;

  /* Widths before any row: constant_memory writes rows as they come. */
  if (groups)
    worksheet_set_column (ws, 0, 0, 40, f->wrap);
  for (guint c = 0; c < table->n_columns; c++)
    worksheet_set_column (ws, first + c, first + c,
                          table->columns[c].xlsx_width, NULL);
  worksheet_freeze_panes (ws, header + 1, 0);

  worksheet_write_string (ws, 0, 0, table->title, f->title);
  worksheet_write_string (ws, 1, 0, scope, NULL);
  if (table->note != NULL)
    worksheet_write_string (ws, 2, 0, table->note, NULL);

  if (groups)
    worksheet_write_string (ws, header, 0, _("Goal"), f->header);
  for (guint c = 0; c < table->n_columns; c++)
    worksheet_write_string (ws, header, first + c, table->columns[c].title,
                            f->header);

  for (guint r = 0; r < table->rows->len; r++)
    {
      const MrezaReportRow *row = &g_array_index (table->rows,
                                                  MrezaReportRow, r);
      gboolean bold = row->kind == MREZA_REPORT_ROW_TOTAL;
      lxw_row_t at = header + 1 + r;

      if (groups && row->group != NULL)
        worksheet_write_string (ws, at, 0, row->group, f->wrap);
      for (guint c = 0; c < table->n_columns; c++)
        write_cell (ws, f, at, first + c,
                    _mreza_report_table_cell (table, r, c), bold);
    }
}

/**
 * mreza_report_write_xlsx:
 * @report: a report
 * @path: the .xlsx file to write (replaced if it exists)
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
mreza_report_write_xlsx (MrezaReport  *report,
                         const char   *path,
                         GError      **error)
{
  lxw_workbook_options options = { .constant_memory = LXW_TRUE };
  lxw_workbook *wb;
  lxw_error rc;
  Formats formats;
  FILE *probe;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* libxlsxwriter opens the file only when closing the workbook; find
   * an unwritable path before doing the work. */
  if ((probe = fopen (path, "wb")) == NULL)
    return _mreza_report_set_write_error (error, path, errno);
  fclose (probe);

  if ((wb = workbook_new_opt (path, &options)) == NULL)
    return _mreza_report_set_write_error (error, path, errno);

  make_formats (wb, &formats);
  for (guint i = 0; i < report->tables->len; i++)
    write_sheet (wb, &formats, report, report->tables->pdata[i]);

  if ((rc = workbook_close (wb)) != LXW_NO_ERROR)
    {
      g_unlink (path);
      g_set_error (error, MREZA_REPORT_ERROR, MREZA_REPORT_ERROR_WRITE,
                   _("Cannot write the report to “%s”: %s."), path,
                   lxw_strerror (rc));
      return FALSE;
    }

  return TRUE;
}
