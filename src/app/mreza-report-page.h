/* mreza-report-page.h: the annual report, previewed, exported, printed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mreza-store.h"

G_BEGIN_DECLS

typedef enum
{
  MREZA_REPORT_FORMAT_PDF,
  MREZA_REPORT_FORMAT_XLSX,
  MREZA_REPORT_FORMAT_CSV,
} MrezaReportFormat;

#define MREZA_TYPE_REPORT_PAGE (mreza_report_page_get_type ())

G_DECLARE_FINAL_TYPE (MrezaReportPage, mreza_report_page, MREZA, REPORT_PAGE, GtkWidget)

void     mreza_report_page_set_store     (MrezaReportPage   *self,
                                          MrezaStore        *store);
int      mreza_report_page_get_year      (MrezaReportPage   *self);
void     mreza_report_page_set_year      (MrezaReportPage   *self,
                                          int                year);
gboolean mreza_report_page_is_busy       (MrezaReportPage   *self);
guint    mreza_report_page_get_n_pages   (MrezaReportPage   *self);
void     mreza_report_page_export        (MrezaReportPage   *self,
                                          MrezaReportFormat  format,
                                          GFile             *file);
gboolean mreza_report_page_is_exporting  (MrezaReportPage   *self);
const char *mreza_report_page_get_last_error (MrezaReportPage *self);
void     mreza_report_page_set_period    (MrezaReportPage   *self,
                                          guint              index);
char    *mreza_report_page_dup_period    (MrezaReportPage   *self);
gboolean mreza_report_page_shows_all_exports (MrezaReportPage *self);

G_END_DECLS
