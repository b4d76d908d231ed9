/* mreza-report.h: the annual report, its data and its renderings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>
#include <sqlite3.h>

#include "mreza-store.h"

G_BEGIN_DECLS

#define MREZA_REPORT_ERROR (mreza_report_error_quark ())

typedef enum
{
  MREZA_REPORT_ERROR_INPUT,
  MREZA_REPORT_ERROR_WRITE,
} MrezaReportError;

typedef enum
{
  MREZA_REPORT_CELL_EMPTY,
  MREZA_REPORT_CELL_TEXT,
  MREZA_REPORT_CELL_INT,
  MREZA_REPORT_CELL_MONEY,  /* integer minor units, two decimals */
  MREZA_REPORT_CELL_REAL,
  MREZA_REPORT_CELL_DATE,   /* text, YYYY-MM-DD */
} MrezaReportCellType;

typedef struct
{
  MrezaReportCellType type;
  union
  {
    const char *text;
    gint64      i;
    double      d;
  } v;
} MrezaReportCell;

typedef enum
{
  MREZA_REPORT_ROW_DATA,
  MREZA_REPORT_ROW_TOTAL,
} MrezaReportRowKind;

typedef struct
{
  MrezaReportRowKind  kind;
  /* A heading the PDF shows when it changes (a goal); NULL for none.
   * XLSX and CSV carry the same information in a column. */
  const char         *group;
  /* 1 + an index into MrezaReport.charts drawn after this row, or 0. */
  guint               chart;
} MrezaReportRow;

typedef struct
{
  const char          *title;   /* translated */
  MrezaReportCellType  type;    /* the usual type; a cell may be EMPTY */
  double               width;   /* relative width in the PDF */
  double               xlsx_width;
} MrezaReportColumn;

/**
 * MrezaReportTable:
 *
 * One table of the report, the unit every format shares: a PDF table,
 * an XLSX sheet, a CSV file (named @name). Cells are row-major, typed;
 * their strings live in @strings and die with the table.
 */
typedef struct
{
  const char        *name;
  char              *title;
  char              *note;
  guint              n_columns;
  MrezaReportColumn *columns;
  GArray            *rows;    /* MrezaReportRow */
  GArray            *cells;   /* MrezaReportCell, rows->len * n_columns */
  GStringChunk      *strings;
} MrezaReportTable;

/* A small horizontal bar chart: an indicator's target against its
 * values per period. NAN where there is no number. */
typedef struct
{
  char    *label;
  double   target;
  guint    n_values;
  char   **periods;
  double  *values;
} MrezaReportChart;

/**
 * MrezaReportCoverage:
 *
 * What this replica knows of how complete its figures are. Filled from
 * the sync tables where they exist; @synced is %FALSE until the replica
 * has pulled from a coordinator at least once.
 */
typedef struct
{
  gboolean  sync_schema;   /* the replica has the sync tables */
  gboolean  synced;        /* it has pulled at least once */
  char     *last_sync;     /* ISO 8601 or NULL when unknown */
  gint64    pending;       /* local changes not yet sent; -1: unknown */
} MrezaReportCoverage;

typedef struct
{
  int         year;
  const char *period;  /* NULL, "YYYY", "YYYY-Hn" or "YYYY-Qn" */
  const char *team;    /* a team's name or id; NULL for the whole network */
} MrezaReportOptions;

typedef struct
{
  int                  year;
  char                *period;        /* as asked, or the year */
  char                *from;          /* first day, YYYY-MM-DD */
  char                *to;            /* last day */
  char                *as_of;         /* lateness is judged on this day */
  char                *team_id;       /* NULL for the whole network */
  char                *team_name;
  char                *generated_at;  /* local time, ISO 8601 */
  gboolean             empty;         /* nothing at all in the period */
  gint64               n_tasks[5];    /* done, in progress, not started,
                                       * dropped, late */
  gint64               n_joint_actions;
  gint64               participants[4]; /* women, men, girls, boys */
  MrezaReportCoverage  coverage;
  GPtrArray           *tables;        /* MrezaReportTable */
  GPtrArray           *charts;        /* MrezaReportChart */
} MrezaReport;

enum
{
  MREZA_REPORT_DONE,
  MREZA_REPORT_IN_PROGRESS,
  MREZA_REPORT_NOT_STARTED,
  MREZA_REPORT_DROPPED,
  MREZA_REPORT_LATE,
};

GQuark            mreza_report_error_quark (void);
MrezaReport      *mreza_report_build       (sqlite3                  *db,
                                            const MrezaReportOptions *options,
                                            GError                  **error);
void              mreza_report_free        (MrezaReport              *report);
MrezaReportTable *mreza_report_get_table   (MrezaReport              *report,
                                            const char               *name);
char             *mreza_report_dup_title   (MrezaReport              *report);
char             *mreza_report_format_money (gint64                   minor);
char             *mreza_report_format_date  (const char              *iso_date);

gboolean mreza_report_write_pdf  (MrezaReport  *report,
                                  const char   *path,
                                  GError      **error);
gboolean mreza_report_write_xlsx (MrezaReport  *report,
                                  const char   *path,
                                  GError      **error);
gboolean mreza_report_write_csv  (MrezaReport  *report,
                                  const char   *dir,
                                  GError      **error);

/**
 * MrezaReportLayout:
 *
 * The report laid out on pages of a given size (points), for the PDF,
 * an on-screen preview and printing alike. Owns copies of everything it
 * draws, so the report may be freed once the layout exists. Not thread
 * safe: lay out and draw on one thread (pango's font map is per thread).
 */
typedef struct _MrezaReportLayout MrezaReportLayout;

MrezaReportLayout *mreza_report_layout_new         (MrezaReport       *report,
                                                    double             width,
                                                    double             height);
void               mreza_report_layout_free        (MrezaReportLayout *layout);
guint              mreza_report_layout_get_n_pages (MrezaReportLayout *layout);
void               mreza_report_layout_draw_page   (MrezaReportLayout *layout,
                                                    cairo_t           *cr,
                                                    guint              page);

int mreza_report_cli (MrezaStore  *store,
                      int          argc,
                      char       **argv);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrezaReport, mreza_report_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrezaReportLayout, mreza_report_layout_free)

G_END_DECLS
