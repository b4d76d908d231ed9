/* mreza-report-private.h: helpers shared by the report's files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mreza-report.h"

G_BEGIN_DECLS

MrezaReportTable *_mreza_report_table_new     (const char              *name,
                                               const char              *title,
                                               const MrezaReportColumn *columns,
                                               guint                    n_columns);
void              _mreza_report_table_free    (MrezaReportTable        *table);
MrezaReportCell  *_mreza_report_table_add_row (MrezaReportTable        *table,
                                               MrezaReportRowKind       kind,
                                               const char              *group);
void              _mreza_report_cell_text     (MrezaReportTable        *table,
                                               MrezaReportCell         *cell,
                                               const char              *text);
void              _mreza_report_cell_date     (MrezaReportTable        *table,
                                               MrezaReportCell         *cell,
                                               const char              *iso_date);
void              _mreza_report_cell_int      (MrezaReportCell         *cell,
                                               gint64                   value);
void              _mreza_report_cell_real     (MrezaReportCell         *cell,
                                               double                   value);
void              _mreza_report_cell_money    (MrezaReportCell         *cell,
                                               gint64                   minor);
gboolean          _mreza_report_table_has_groups (MrezaReportTable    *table);
char             *_mreza_report_cell_to_text  (const MrezaReportCell   *cell);
char             *_mreza_report_format_int    (gint64                   value);
gboolean          _mreza_report_set_write_error (GError               **error,
                                                 const char            *path,
                                                 int                    saved_errno);
void              _mreza_report_coverage_lines (MrezaReport            *report,
                                                GPtrArray              *lines);

static inline MrezaReportCell *
_mreza_report_table_cell (MrezaReportTable *table,
                          guint             row,
                          guint             column)
{
  return &g_array_index (table->cells, MrezaReportCell,
                         row * table->n_columns + column);
}

G_END_DECLS
