/* mreza-report-page.c: the annual report, previewed, exported, printed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A year, a period of it (the whole year, a half, a quarter) and a team
 * (or the whole network) above a preview of the report's A4 pages,
 * drawn at the width of the view, and an action bar to export or print
 * them. On a narrow window the choices wrap onto more lines and the
 * action bar keeps Print and Export PDF, with the other formats in a
 * menu (an AdwSqueezer picks what fits), so nothing is cut off.
 *
 * THREAD SAFETY: every worker opens its own MrezaStore on the replica's
 * path and builds its own MrezaReport, which die with the worker. The
 * preview's MrezaReportLayout is built in the worker too, and handed to
 * the UI thread when the task returns; from then on only the UI thread
 * touches it (the layout keeps no pango context: drawing makes one for
 * the cairo context it draws on, on the thread that draws).
 */
#define G_LOG_DOMAIN "mreza-report-page"

#include "config.h"

#include "mreza-report-page.h"

#include "mreza-report.h"
#include "mreza-ui.h"
#include "mreza-ui-export.h"

#include <glib/gi18n.h>

/* A4 in points, as the PDF. */
#define PAGE_WIDTH  595.276
#define PAGE_HEIGHT 841.890

struct _MrezaReportPage
{
  GtkWidget             parent_instance;

  GtkDropDown          *year_dropdown;
  GtkDropDown          *period_dropdown;
  AdwSqueezer          *export_squeezer;
  GtkWidget            *wide_exports;
  GtkDropDown          *team_dropdown;
  GtkSpinner           *spinner;
  GtkSpinner           *big_spinner;
  GtkStack             *stack;
  GtkScrolledWindow    *scroller;
  GtkBox               *pages_box;
  AdwStatusPage        *error_status;

  MrezaStore           *store;
  GArray               *years;      /* int, newest first */
  GPtrArray            *team_ids;   /* NULL first: the whole network */
  int                   pending_year;
  gboolean              stale;
  gboolean              filling;

  GCancellable         *cancellable;
  MrezaReportLayout    *layout;
  guint                 resize_source;

  MrezaUiExport         export;
  MrezaReportFormat     chooser_format;
  GtkPrintOperation    *print;
};

G_DEFINE_FINAL_TYPE (MrezaReportPage, mreza_report_page, GTK_TYPE_WIDGET)

static void start_loading (MrezaReportPage *self);

/* What a worker needs: plain copies, nothing shared. */
typedef struct
{
  char              *path;
  int                year;
  char              *period;
  char              *team_id;
  MrezaReportFormat  format;
} Job;

static void
job_free (Job *job)
{
  g_free (job->path);
  g_free (job->period);
  g_free (job->team_id);
  g_free (job);
}

typedef struct
{
  GArray    *years;
  GPtrArray *ids;
  GPtrArray *names;
} Choices;

static void
choices_free (Choices *choices)
{
  g_clear_pointer (&choices->years, g_array_unref);
  g_clear_pointer (&choices->ids, g_ptr_array_unref);
  g_clear_pointer (&choices->names, g_ptr_array_unref);
  g_free (choices);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Choices, choices_free)

static int
selected_year (MrezaReportPage *self)
{
  guint i = gtk_drop_down_get_selected (self->year_dropdown);

  g_assert (MREZA_IS_REPORT_PAGE (self));

  if (self->years == NULL || i >= self->years->len)
    return 0;
  return g_array_index (self->years, int, i);
}

/* The period codes of the period drop-down's choices, in its order. */
static const char * const period_codes[] = {
  NULL, "H1", "H2", "Q1", "Q2", "Q3", "Q4",
};

/* "2018-H1", or NULL for the whole year. */
static char *
dup_selected_period (MrezaReportPage *self)
{
  guint i = gtk_drop_down_get_selected (self->period_dropdown);

  g_assert (MREZA_IS_REPORT_PAGE (self));

  if (i == 0 || i >= G_N_ELEMENTS (period_codes))
    return NULL;
  return g_strdup_printf ("%d-%s", selected_year (self), period_codes[i]);
}

static const char *
selected_team (MrezaReportPage *self)
{
  guint i = gtk_drop_down_get_selected (self->team_dropdown);

  g_assert (MREZA_IS_REPORT_PAGE (self));

  if (self->team_ids == NULL || i >= self->team_ids->len)
    return NULL;
  return g_ptr_array_index (self->team_ids, i);
}

static void
actions_update (MrezaReportPage *self)
{
  gboolean ready = self->layout != NULL && self->cancellable == NULL;

  g_assert (MREZA_IS_REPORT_PAGE (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.export",
                                 ready && !mreza_ui_export_is_choosing (&self->export));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.print",
                                 ready && self->print == NULL);
  /* Printing draws the preview's layout: it stays while printing. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->year_dropdown),
                            self->years != NULL && self->print == NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->team_dropdown),
                            self->years != NULL && self->print == NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->period_dropdown),
                            self->years != NULL && self->print == NULL);
}

static void
set_busy (MrezaReportPage *self,
          gboolean         busy)
{
  gboolean exporting = mreza_ui_export_is_running (&self->export);

  g_assert (MREZA_IS_REPORT_PAGE (self));

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy || exporting);
  gtk_spinner_set_spinning (self->spinner, busy || exporting);
  gtk_spinner_set_spinning (self->big_spinner, busy);
  actions_update (self);
}

static void
show_error (MrezaReportPage *self,
            const GError    *error)
{
  g_assert (MREZA_IS_REPORT_PAGE (self));

  adw_status_page_set_description (self->error_status, error->message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

/* Choices --------------------------------------------------------------- */

/* The years something happened in: budget lines, joint actions,
 * indicator values, tasks done. */
static const char years_sql[] =
  "SELECT DISTINCT y FROM ("
  "  SELECT year AS y FROM budget_line"
  "  UNION SELECT CAST (substr (date, 1, 4) AS INTEGER) FROM joint_action"
  "  UNION SELECT CAST (substr (period, 1, 4) AS INTEGER) FROM indicator_value"
  "  UNION SELECT CAST (substr (done_date, 1, 4) AS INTEGER) FROM task)"
  " WHERE y BETWEEN 1900 AND 2200 ORDER BY y DESC";

static gboolean
query_choices (sqlite3  *db,
               Choices  *choices,
               GError  **error)
{
  sqlite3_stmt *stmt = NULL;

  g_assert (db != NULL);

  if (sqlite3_prepare_v2 (db, years_sql, -1, &stmt, NULL) != SQLITE_OK)
    goto failed;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      int year = sqlite3_column_int (stmt, 0);

      g_array_append_val (choices->years, year);
    }
  sqlite3_finalize (stmt);

  if (sqlite3_prepare_v2 (db, "SELECT id, name FROM team ORDER BY name",
                          -1, &stmt, NULL) != SQLITE_OK)
    goto failed;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_ptr_array_add (choices->ids,
                       g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (choices->names,
                       g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_finalize (stmt);

  return TRUE;

failed:
  g_set_error (error, MREZA_REPORT_ERROR, MREZA_REPORT_ERROR_INPUT,
               _("Cannot read the replica: %s"), sqlite3_errmsg (db));
  return FALSE;
}

static void
load_choices_worker (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(MrezaStore) store = NULL;
  g_autoptr(Choices) choices = g_new0 (Choices, 1);
  GError *error = NULL;

  choices->years = g_array_new (FALSE, FALSE, sizeof (int));
  choices->ids = g_ptr_array_new_with_free_func (g_free);
  choices->names = g_ptr_array_new_with_free_func (g_free);

  store = mreza_store_open (job->path, MREZA_STORE_OPEN_DEFAULT, &error);
  if (store == NULL ||
      !query_choices (mreza_store_get_db (store), choices, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&choices),
                         (GDestroyNotify) choices_free);
}

static void
fill_choices (MrezaReportPage *self,
              Choices         *choices)
{
  g_autoptr(GtkStringList) years = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) teams = gtk_string_list_new (NULL);
  guint year_index = 0;

  g_assert (MREZA_IS_REPORT_PAGE (self));

  /* A replica without dated data still gets a report that says so. */
  if (choices->years->len == 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      int year = g_date_time_get_year (now);

      g_array_append_val (choices->years, year);
    }

  for (guint i = 0; i < choices->years->len; i++)
    {
      int year = g_array_index (choices->years, int, i);
      g_autofree char *text = g_strdup_printf ("%d", year);

      gtk_string_list_append (years, text);
      if (year == self->pending_year)
        year_index = i;
    }

  gtk_string_list_append (teams, _("Whole network"));
  g_ptr_array_insert (choices->ids, 0, NULL);
  for (guint i = 0; i < choices->names->len; i++)
    gtk_string_list_append (teams, g_ptr_array_index (choices->names, i));

  g_clear_pointer (&self->years, g_array_unref);
  g_clear_pointer (&self->team_ids, g_ptr_array_unref);
  self->years = g_steal_pointer (&choices->years);
  self->team_ids = g_steal_pointer (&choices->ids);
  self->pending_year = 0;

  self->filling = TRUE;
  gtk_drop_down_set_model (self->year_dropdown, G_LIST_MODEL (years));
  gtk_drop_down_set_selected (self->year_dropdown, year_index);
  gtk_drop_down_set_model (self->team_dropdown, G_LIST_MODEL (teams));
  gtk_drop_down_set_selected (self->team_dropdown, 0);
  self->filling = FALSE;
}

static void
choices_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(MrezaReportPage) self = user_data;
  g_autoptr(Choices) choices = NULL;
  g_autoptr(GError) error = NULL;

  choices = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
  if (choices == NULL)
    {
      show_error (self, error);
      return;
    }

  fill_choices (self, choices);
  start_loading (self);
}

/* Preview --------------------------------------------------------------- */

static void
build_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Job *job = task_data;
  MrezaReportOptions options = { job->year, job->period, job->team_id };
  g_autoptr(MrezaStore) store = NULL;
  g_autoptr(MrezaReport) report = NULL;
  GError *error = NULL;

  store = mreza_store_open (job->path, MREZA_STORE_OPEN_DEFAULT, &error);
  if (store != NULL)
    report = mreza_report_build (mreza_store_get_db (store), &options, &error);
  if (report == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task,
                         mreza_report_layout_new (report, PAGE_WIDTH, PAGE_HEIGHT),
                         (GDestroyNotify) mreza_report_layout_free);
}

static void
draw_page_cb (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  MrezaReportPage *self = user_data;
  guint page = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (area), "page"));

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  if (self->layout == NULL || page >= mreza_report_layout_get_n_pages (self->layout))
    return;

  cairo_scale (cr, width / PAGE_WIDTH, height / PAGE_HEIGHT);
  mreza_report_layout_draw_page (self->layout, cr, page);
}

static int
page_height_for (int width)
{
  return (int) (width * PAGE_HEIGHT / PAGE_WIDTH + 0.5);
}

static gboolean
resize_pages_cb (gpointer user_data)
{
  MrezaReportPage *self = user_data;
  GtkWidget *first = gtk_widget_get_first_child (GTK_WIDGET (self->pages_box));
  int height;

  self->resize_source = 0;
  if (first == NULL)
    return G_SOURCE_REMOVE;

  height = page_height_for (gtk_widget_get_width (first));
  for (GtkWidget *child = first; child; child = gtk_widget_get_next_sibling (child))
    gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (child), height);

  return G_SOURCE_REMOVE;
}

/* The pages keep the paper's proportions at the width they are given.
 * The height follows the width after the allocation, from an idle: a
 * resize queued in the middle of one would be lost. */
static void
page_resize_cb (GtkDrawingArea  *area,
                int              width,
                int              height,
                MrezaReportPage *self)
{
  if (ABS (page_height_for (width) - height) <= 1 || self->resize_source != 0)
    return;

  self->resize_source = g_idle_add (resize_pages_cb, self);
}

static GtkWidget *
page_area_new (MrezaReportPage *self,
               guint            page,
               guint            n_pages,
               int              width)
{
  GtkWidget *area = gtk_drawing_area_new ();
  g_autofree char *label = NULL;

  g_assert (MREZA_IS_REPORT_PAGE (self));

  g_object_set_data (G_OBJECT (area), "page", GUINT_TO_POINTER (page));
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_page_cb,
                                  self, NULL);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area),
                                       page_height_for (width));
  gtk_widget_set_hexpand (area, TRUE);
  gtk_widget_set_overflow (area, GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (area, "card");
  g_signal_connect (area, "resize", G_CALLBACK (page_resize_cb), self);

  /* Translators: the preview of one page of the report */
  label = g_strdup_printf (_("Page %u of %u"), page + 1, n_pages);
  gtk_accessible_update_property (GTK_ACCESSIBLE (area),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);

  return area;
}

static void
clear_pages (MrezaReportPage *self)
{
  GtkWidget *child;

  g_assert (MREZA_IS_REPORT_PAGE (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->pages_box))))
    gtk_box_remove (self->pages_box, child);
  g_clear_pointer (&self->layout, mreza_report_layout_free);
}

static void
show_pages (MrezaReportPage   *self,
            MrezaReportLayout *layout)
{
  guint n_pages = mreza_report_layout_get_n_pages (layout);
  /* Until the first allocation, a guess from the view's width. */
  int width = CLAMP (gtk_widget_get_width (GTK_WIDGET (self->scroller)) - 36,
                     200, 860 - 36);

  g_assert (MREZA_IS_REPORT_PAGE (self));

  clear_pages (self);
  self->layout = layout;
  for (guint i = 0; i < n_pages; i++)
    gtk_box_append (self->pages_box, page_area_new (self, i, n_pages, width));

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  gtk_stack_set_visible_child_name (self->stack, "preview");
}

static void
built_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(MrezaReportPage) self = user_data;
  g_autoptr(GError) error = NULL;
  MrezaReportLayout *layout;

  layout = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  if (layout == NULL)
    show_error (self, error);
  else
    show_pages (self, layout);
  set_busy (self, FALSE);
}

static void
run_job (MrezaReportPage *self,
         GTaskThreadFunc  worker,
         GAsyncReadyCallback callback)
{
  g_autoptr(GTask) task = NULL;
  Job *job = g_new0 (Job, 1);

  g_assert (MREZA_IS_REPORT_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  job->path = g_strdup (mreza_store_get_path (self->store));
  job->year = selected_year (self);
  job->period = dup_selected_period (self);
  job->team_id = g_strdup (selected_team (self));

  task = g_task_new (NULL, self->cancellable, callback, g_object_ref (self));
  g_task_set_source_tag (task, run_job);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, worker);

  gtk_stack_set_visible_child_name (self->stack, "loading");
  set_busy (self, TRUE);
}

/* The report is built the first time the page is shown, and again when
 * the year or the team changes. */
static void
start_loading (MrezaReportPage *self)
{
  g_assert (MREZA_IS_REPORT_PAGE (self));

  if (self->store == NULL)
    return;

  self->stale = FALSE;
  if (self->years == NULL)
    run_job (self, load_choices_worker, choices_loaded_cb);
  else
    run_job (self, build_worker, built_cb);
}

static void
choice_changed_cb (MrezaReportPage *self)
{
  g_assert (MREZA_IS_REPORT_PAGE (self));

  if (self->filling)
    return;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    start_loading (self);
  else
    self->stale = TRUE;
}

/* Export ---------------------------------------------------------------- */

/* In a worker, on its own connection. */
static gboolean
export_write (gpointer     data,
              const char  *output,
              GError     **error)
{
  Job *job = data;
  MrezaReportOptions options = { job->year, job->period, job->team_id };
  g_autoptr(MrezaStore) store = NULL;
  g_autoptr(MrezaReport) report = NULL;

  store = mreza_store_open (job->path, MREZA_STORE_OPEN_DEFAULT, error);
  if (store == NULL ||
      !(report = mreza_report_build (mreza_store_get_db (store), &options,
                                     error)))
    return FALSE;

  switch (job->format)
    {
    case MREZA_REPORT_FORMAT_PDF:
      return mreza_report_write_pdf (report, output, error);
    case MREZA_REPORT_FORMAT_XLSX:
      return mreza_report_write_xlsx (report, output, error);
    case MREZA_REPORT_FORMAT_CSV:
    default:
      return mreza_report_write_csv (report, output, error);
    }
}

static void
export_changed (GtkWidget *owner)
{
  MrezaReportPage *self = MREZA_REPORT_PAGE (owner);

  set_busy (self, self->cancellable != NULL);
}

/**
 * mreza_report_page_export:
 * @self: a #MrezaReportPage
 * @format: the format to write
 * @file: a local file (a folder for %MREZA_REPORT_FORMAT_CSV)
 *
 * Writes the report for the year and team chosen, in a worker; a toast
 * says when it is done or why it failed.
 */
void
mreza_report_page_export (MrezaReportPage   *self,
                          MrezaReportFormat  format,
                          GFile             *file)
{
  Job *job;

  g_return_if_fail (MREZA_IS_REPORT_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->store != NULL && self->years != NULL);

  job = g_new0 (Job, 1);
  job->path = g_strdup (mreza_store_get_path (self->store));
  job->year = selected_year (self);
  job->period = dup_selected_period (self);
  job->team_id = g_strdup (selected_team (self));
  job->format = format;

  mreza_ui_export_run (&self->export, file,
                       /* Translators: %s is the name of the file or folder
                        * written */
                       _("Report saved as “%s”"),
                       export_write, job, (GDestroyNotify) job_free);
}

static void
export_chosen (GtkWidget *owner,
               GFile     *file)
{
  MrezaReportPage *self = MREZA_REPORT_PAGE (owner);

  mreza_report_page_export (self, self->chooser_format, file);
}

static void
report_export_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  MrezaReportPage *self = MREZA_REPORT_PAGE (widget);
  const char *kind = g_variant_get_string (param, NULL);
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autofree char *name = NULL;
  g_autofree char *period = dup_selected_period (self);
  const char *title;

  if (mreza_ui_export_is_choosing (&self->export))
    return;

  if (period != NULL)
    /* Translators: the suggested file name; %s is a period: 2018-H1 */
    name = g_strdup_printf (_("report-%s"), period);
  else
    /* Translators: the suggested file name; %d is the year */
    name = g_strdup_printf (_("annual-report-%d"), selected_year (self));
  if (g_str_equal (kind, "pdf"))
    {
      self->chooser_format = MREZA_REPORT_FORMAT_PDF;
      title = _("Export the Report as PDF");
      filter = mreza_ui_export_filter_new (_("PDF documents"),
                                           "application/pdf", "pdf");
    }
  else if (g_str_equal (kind, "xlsx"))
    {
      self->chooser_format = MREZA_REPORT_FORMAT_XLSX;
      title = _("Export the Report as a Spreadsheet");
      filter = mreza_ui_export_filter_new (_("Spreadsheets"),
                                           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                           "xlsx");
    }
  else
    {
      self->chooser_format = MREZA_REPORT_FORMAT_CSV;
      title = _("Export the Report as CSV Files in a New Folder");
    }

  if (filter != NULL)
    {
      g_autofree char *with_ext = g_strconcat (name, ".", kind, NULL);

      g_free (name);
      name = g_steal_pointer (&with_ext);
    }

  mreza_ui_export_choose (&self->export, title, name, filter, NULL);
}

/* Printing -------------------------------------------------------------- */

static void
print_begin_cb (GtkPrintOperation *print,
                GtkPrintContext   *context,
                MrezaReportPage   *self)
{
  gtk_print_operation_set_n_pages (print,
                                   mreza_report_layout_get_n_pages (self->layout));
}

/* The same pages as the PDF, scaled to the printable area. */
static void
print_draw_page_cb (GtkPrintOperation *print,
                    GtkPrintContext   *context,
                    int                page,
                    MrezaReportPage   *self)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double scale = MIN (gtk_print_context_get_width (context) / PAGE_WIDTH,
                      gtk_print_context_get_height (context) / PAGE_HEIGHT);

  cairo_scale (cr, scale, scale);
  mreza_report_layout_draw_page (self->layout, cr, page);
}

static void
print_done_cb (GtkPrintOperation       *print,
               GtkPrintOperationResult  result,
               MrezaReportPage         *self)
{
  g_autoptr(GtkPrintOperation) op = g_steal_pointer (&self->print);

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (print, &error);
      if (error != NULL)
        mreza_ui_add_toast (GTK_WIDGET (self), adw_toast_new (error->message));
    }
  actions_update (self);
}

static void
report_print_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  MrezaReportPage *self = MREZA_REPORT_PAGE (widget);
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  if (self->layout == NULL || self->print != NULL)
    return;

  gtk_page_setup_set_paper_size (setup, a4);
  self->print = gtk_print_operation_new ();
  gtk_print_operation_set_default_page_setup (self->print, setup);
  gtk_print_operation_set_job_name (self->print, _("Annual Report"));
  gtk_print_operation_set_allow_async (self->print, TRUE);
  g_signal_connect_object (self->print, "begin-print",
                           G_CALLBACK (print_begin_cb), self, 0);
  g_signal_connect_object (self->print, "draw-page",
                           G_CALLBACK (print_draw_page_cb), self, 0);
  g_signal_connect_object (self->print, "done",
                           G_CALLBACK (print_done_cb), self, 0);
  actions_update (self);

  result = gtk_print_operation_run (self->print,
                                    GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_WINDOW (gtk_widget_get_root (widget)),
                                    &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      mreza_ui_add_toast (GTK_WIDGET (self), adw_toast_new (error->message));
      g_clear_object (&self->print);
      actions_update (self);
    }
}

/* Life ------------------------------------------------------------------ */

static void
mreza_report_page_map (GtkWidget *widget)
{
  MrezaReportPage *self = MREZA_REPORT_PAGE (widget);

  GTK_WIDGET_CLASS (mreza_report_page_parent_class)->map (widget);

  if (self->stale)
    start_loading (self);
}

static void
mreza_report_page_dispose (GObject *object)
{
  MrezaReportPage *self = MREZA_REPORT_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->resize_source, g_source_remove);
  mreza_ui_export_clear (&self->export);
  if (self->print != NULL)
    gtk_print_operation_cancel (self->print);
  g_clear_object (&self->print);
  gtk_widget_dispose_template (GTK_WIDGET (self), MREZA_TYPE_REPORT_PAGE);
  /* The template's outer box has no id, so the template leaves it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (mreza_report_page_parent_class)->dispose (object);
}

static void
mreza_report_page_finalize (GObject *object)
{
  MrezaReportPage *self = MREZA_REPORT_PAGE (object);

  g_clear_pointer (&self->layout, mreza_report_layout_free);
  g_clear_pointer (&self->years, g_array_unref);
  g_clear_pointer (&self->team_ids, g_ptr_array_unref);
  mreza_ui_export_clear (&self->export);

  G_OBJECT_CLASS (mreza_report_page_parent_class)->finalize (object);
}

static void
mreza_report_page_class_init (MrezaReportPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mreza_report_page_dispose;
  object_class->finalize = mreza_report_page_finalize;
  widget_class->map = mreza_report_page_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/rs/mreza/Mreza/mreza-report-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MrezaReportPage, year_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MrezaReportPage, team_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MrezaReportPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MrezaReportPage, export_squeezer);
  gtk_widget_class_bind_template_child (widget_class, MrezaReportPage, wide_exports);
  gtk_widget_class_bind_template_child (widget_class, MrezaReportPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, MrezaReportPage, big_spinner);
  gtk_widget_class_bind_template_child (widget_class, MrezaReportPage, stack);
  gtk_widget_class_bind_template_child (widget_class, MrezaReportPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, MrezaReportPage, pages_box);
  gtk_widget_class_bind_template_child (widget_class, MrezaReportPage, error_status);
  gtk_widget_class_bind_template_callback (widget_class, choice_changed_cb);

  gtk_widget_class_install_action (widget_class, "report.export", "s",
                                   report_export_action);
  gtk_widget_class_install_action (widget_class, "report.print", NULL,
                                   report_print_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
mreza_report_page_init (MrezaReportPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  mreza_ui_export_init (&self->export, GTK_WIDGET (self), export_chosen,
                        export_changed);
  actions_update (self);
}

/**
 * mreza_report_page_set_store:
 * @self: a #MrezaReportPage
 * @store: the replica to report on
 *
 * The report is prepared when the page is next shown.
 */
void
mreza_report_page_set_store (MrezaReportPage *self,
                             MrezaStore      *store)
{
  g_return_if_fail (MREZA_IS_REPORT_PAGE (self));
  g_return_if_fail (MREZA_IS_STORE (store));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  clear_pages (self);
  g_clear_pointer (&self->years, g_array_unref);
  g_clear_pointer (&self->team_ids, g_ptr_array_unref);
  g_set_object (&self->store, store);
  self->stale = TRUE;
  set_busy (self, FALSE);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    start_loading (self);
}

int
mreza_report_page_get_year (MrezaReportPage *self)
{
  g_return_val_if_fail (MREZA_IS_REPORT_PAGE (self), 0);

  return selected_year (self);
}

/**
 * mreza_report_page_set_year:
 * @self: a #MrezaReportPage
 * @year: a year with data
 *
 * Chooses the year, now or once the years are known.
 */
void
mreza_report_page_set_year (MrezaReportPage *self,
                            int              year)
{
  g_return_if_fail (MREZA_IS_REPORT_PAGE (self));

  if (self->years == NULL)
    {
      self->pending_year = year;
      return;
    }

  for (guint i = 0; i < self->years->len; i++)
    {
      if (g_array_index (self->years, int, i) == year)
        gtk_drop_down_set_selected (self->year_dropdown, i);
    }
}

/* Whether the report or its choices are being read. */
gboolean
mreza_report_page_is_busy (MrezaReportPage *self)
{
  g_return_val_if_fail (MREZA_IS_REPORT_PAGE (self), FALSE);

  return self->cancellable != NULL;
}

/* The pages the preview shows. */
guint
mreza_report_page_get_n_pages (MrezaReportPage *self)
{
  guint n = 0;

  g_return_val_if_fail (MREZA_IS_REPORT_PAGE (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->pages_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;

  return n;
}

gboolean
mreza_report_page_is_exporting (MrezaReportPage *self)
{
  g_return_val_if_fail (MREZA_IS_REPORT_PAGE (self), FALSE);

  return mreza_ui_export_is_running (&self->export);
}

/* The message of the last export that failed, or %NULL. */
const char *
mreza_report_page_get_last_error (MrezaReportPage *self)
{
  g_return_val_if_fail (MREZA_IS_REPORT_PAGE (self), NULL);

  return mreza_ui_export_get_last_error (&self->export);
}

/**
 * mreza_report_page_set_period:
 * @self: a #MrezaReportPage
 * @index: 0 for the whole year, 1–2 a half, 3–6 a quarter
 *
 * Chooses the part of the year the report covers.
 */
void
mreza_report_page_set_period (MrezaReportPage *self,
                              guint            index)
{
  g_return_if_fail (MREZA_IS_REPORT_PAGE (self));
  g_return_if_fail (index < G_N_ELEMENTS (period_codes));

  gtk_drop_down_set_selected (self->period_dropdown, index);
}

/* "2018-Q3", or %NULL for the whole year. */
char *
mreza_report_page_dup_period (MrezaReportPage *self)
{
  g_return_val_if_fail (MREZA_IS_REPORT_PAGE (self), NULL);

  return dup_selected_period (self);
}

/* Whether the action bar shows every export button, or PDF and a menu. */
gboolean
mreza_report_page_shows_all_exports (MrezaReportPage *self)
{
  g_return_val_if_fail (MREZA_IS_REPORT_PAGE (self), FALSE);

  return adw_squeezer_get_visible_child (self->export_squeezer) ==
         self->wide_exports;
}
