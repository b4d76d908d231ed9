/* mreza-report-table.c: the typed tables every report format shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mreza-report"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "mreza-report-private.h"

G_DEFINE_QUARK (mreza-report-error-quark, mreza_report_error)

MrezaReportTable *
_mreza_report_table_new (const char              *name,
                         const char              *title,
                         const MrezaReportColumn *columns,
                         guint                    n_columns)
{
  MrezaReportTable *table = g_new0 (MrezaReportTable, 1);

  g_assert (n_columns > 0);

  table->strings = g_string_chunk_new (4096);
  table->name = g_string_chunk_insert_const (table->strings, name);
  table->title = g_strdup (title);
  table->n_columns = n_columns;
  table->columns = g_new0 (MrezaReportColumn, n_columns);
  for (guint i = 0; i < n_columns; i++)
    {
      table->columns[i] = columns[i];
      table->columns[i].title =
        g_string_chunk_insert_const (table->strings, _(columns[i].title));
    }
  table->rows = g_array_new (FALSE, TRUE, sizeof (MrezaReportRow));
  table->cells = g_array_new (FALSE, TRUE, sizeof (MrezaReportCell));

  return table;
}

void
_mreza_report_table_free (MrezaReportTable *table)
{
  if (table == NULL)
    return;

  g_free (table->title);
  g_free (table->note);
  g_free (table->columns);
  g_array_unref (table->rows);
  g_array_unref (table->cells);
  g_string_chunk_free (table->strings);
  g_free (table);
}

/* Returns the new row's cells, all EMPTY; the pointer is valid until
 * the next row is added. */
MrezaReportCell *
_mreza_report_table_add_row (MrezaReportTable   *table,
                             MrezaReportRowKind  kind,
                             const char         *group)
{
  MrezaReportRow row = { kind, NULL, 0 };
  guint first = table->cells->len;

  if (group != NULL)
    row.group = g_string_chunk_insert_const (table->strings, group);
  g_array_append_val (table->rows, row);
  g_array_set_size (table->cells, first + table->n_columns);

  return &g_array_index (table->cells, MrezaReportCell, first);
}

void
_mreza_report_cell_text (MrezaReportTable *table,
                         MrezaReportCell  *cell,
                         const char       *text)
{
  if (text == NULL)
    return;

  cell->type = MREZA_REPORT_CELL_TEXT;
  cell->v.text = g_string_chunk_insert_const (table->strings, text);
}

void
_mreza_report_cell_date (MrezaReportTable *table,
                         MrezaReportCell  *cell,
                         const char       *iso_date)
{
  if (iso_date == NULL || strlen (iso_date) < 10)
    return;

  cell->type = MREZA_REPORT_CELL_DATE;
  cell->v.text = g_string_chunk_insert_len (table->strings, iso_date, 10);
}

void
_mreza_report_cell_int (MrezaReportCell *cell,
                        gint64           value)
{
  cell->type = MREZA_REPORT_CELL_INT;
  cell->v.i = value;
}

void
_mreza_report_cell_real (MrezaReportCell *cell,
                         double           value)
{
  if (isnan (value))
    return;

  cell->type = MREZA_REPORT_CELL_REAL;
  cell->v.d = value;
}

void
_mreza_report_cell_money (MrezaReportCell *cell,
                          gint64           minor)
{
  cell->type = MREZA_REPORT_CELL_MONEY;
  cell->v.i = minor;
}

/* Groups thousands with a dot, as Serbian writes numbers (2.522.780). */
char *
_mreza_report_format_int (gint64 value)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                             (guint64) ABS (value));
  GString *out = g_string_new (value < 0 ? "-" : "");
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, '.');
      g_string_append_c (out, digits[i]);
    }

  return g_string_free (out, FALSE);
}

/**
 * mreza_report_format_money:
 * @minor: an amount in minor units
 *
 * Formats an amount the Serbian way: thousands grouped with dots and,
 * only when there are any, the minor units after a comma
 * ("2.522.780", "4.500,50").
 *
 * Returns: (transfer full): the amount as text
 */
char *
mreza_report_format_money (gint64 minor)
{
  g_autofree char *major = _mreza_report_format_int (minor / 100);
  gint64 cents = ABS (minor % 100);

  if (cents == 0)
    return g_steal_pointer (&major);
  if (minor < 0 && minor > -100)
    return g_strdup_printf ("-0,%02" G_GINT64_FORMAT, cents);
  return g_strdup_printf ("%s,%02" G_GINT64_FORMAT, major, cents);
}

/**
 * mreza_report_format_date:
 * @iso_date: a date, YYYY-MM-DD
 *
 * Returns: (transfer full): the date as Serbian writes it ("14. 3. 2017.")
 */
char *
mreza_report_format_date (const char *iso_date)
{
  int y = 0, m = 0, d = 0;

  if (iso_date == NULL ||
      sscanf (iso_date, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return g_strdup (iso_date != NULL ? iso_date : "");

  /* TRANSLATORS: a date: day, month, year */
  return g_strdup_printf (_("%d. %d. %d."), d, m, y);
}

static char *
format_real (double value)
{
  if (value == floor (value) && fabs (value) < 1e15)
    return _mreza_report_format_int ((gint64) value);
  return g_strdup_printf ("%.2f", value);
}

/* The text of a cell as the PDF shows it. */
char *
_mreza_report_cell_to_text (const MrezaReportCell *cell)
{
  switch (cell->type)
    {
    case MREZA_REPORT_CELL_TEXT:
      return g_strdup (cell->v.text);
    case MREZA_REPORT_CELL_INT:
      /* Four digits stay together: years, and counts read like them. */
      if (ABS (cell->v.i) < 10000)
        return g_strdup_printf ("%" G_GINT64_FORMAT, cell->v.i);
      return _mreza_report_format_int (cell->v.i);
    case MREZA_REPORT_CELL_MONEY:
      return mreza_report_format_money (cell->v.i);
    case MREZA_REPORT_CELL_REAL:
      return format_real (cell->v.d);
    case MREZA_REPORT_CELL_DATE:
      return mreza_report_format_date (cell->v.text);
    case MREZA_REPORT_CELL_EMPTY:
    default:
      return g_strdup ("");
    }
}

gboolean
_mreza_report_set_write_error (GError     **error,
                               const char  *path,
                               int          saved_errno)
{
  g_set_error (error, MREZA_REPORT_ERROR, MREZA_REPORT_ERROR_WRITE,
               _("Cannot write the report to “%s”: %s. Choose a folder "
                 "you can write to."),
               path, g_strerror (saved_errno));
  return FALSE;
}
