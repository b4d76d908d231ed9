/* mreza-report-pdf.c: the report laid out on pages, and its PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Laying out is one pass that measures every text with pango and
 * records what each page shows as a list of items (texts, filled and
 * stroked rectangles, rules), in points. Drawing a page replays its
 * items on any cairo context: the PDF surface here, the app's preview
 * and GtkPrintOperation's pages alike, so all three show the same
 * pages. Since the page count is known once the pass is done, every
 * footer can say "page N of M" and the table of contents (one page,
 * reserved up front) its page numbers.
 *
 * Text is measured and drawn at 72 dpi with metric hinting off, so that
 * one point is one unit at any scale and the layout does not depend on
 * the device.
 */
#define G_LOG_DOMAIN "mreza-report"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <cairo-pdf.h>
#include <stdio.h>
#include <string.h>

#include "mreza-report-private.h"

#define A4_WIDTH      595.276
#define A4_HEIGHT     841.890
#define MARGIN_X      48.0
#define MARGIN_TOP    54.0
#define MARGIN_BOTTOM 62.0
#define PAD           3.0
#define MAX_LINES     24
#define CHART_LABEL   96.0
#define CHART_ROW     13.0

typedef enum
{
  ITEM_TEXT,
  ITEM_FILL,
  ITEM_STROKE,
  ITEM_RULE,
} ItemKind;

typedef enum
{
  FONT_BODY,
  FONT_BOLD,
  FONT_SMALL,
  FONT_HEADER,
  FONT_H1,
  FONT_TITLE,
  FONT_SUBTITLE,
  FONT_NOTE,
  N_FONTS,
} Font;

static const char * const font_names[N_FONTS] = {
  "DejaVu Sans 8.5",
  "DejaVu Sans Bold 8.5",
  "DejaVu Sans 7.5",
  "DejaVu Sans Bold 7.5",
  "DejaVu Sans Bold 15",
  "DejaVu Sans Bold 26",
  "DejaVu Sans 15",
  "DejaVu Sans Oblique 8.5",
};

typedef enum
{
  COLOR_TEXT,
  COLOR_MUTED,
  COLOR_HEADER,
  COLOR_GROUP,
  COLOR_TOTAL,
  COLOR_BORDER,
  COLOR_BAR,
  COLOR_TARGET,
  COLOR_ACCENT,
  N_COLORS,
} Color;

static const double colors[N_COLORS][3] = {
  { 0.10, 0.10, 0.12 },
  { 0.38, 0.40, 0.44 },
  { 0.87, 0.90, 0.94 },
  { 0.94, 0.95, 0.97 },
  { 0.96, 0.93, 0.85 },
  { 0.62, 0.65, 0.70 },
  { 0.21, 0.45, 0.72 },
  { 0.70, 0.72, 0.76 },
  { 0.13, 0.29, 0.53 },
};

typedef struct
{
  guint8      kind;
  guint8      font;
  guint8      align;
  guint8      color;
  float       x, y, w, h;
  const char *text;
} Item;

typedef struct
{
  const char *text;
  guint       page;
} TocEntry;

struct _MrezaReportLayout
{
  double                width;
  double                height;
  GPtrArray            *pages;    /* GArray of Item */
  GStringChunk         *strings;
  const char           *footer;
  guint                 toc_page;

  /* Only while laying out. */
  PangoContext         *context;
  PangoLayout          *layout;
  PangoFontDescription *fonts[N_FONTS];
  double                line_height[N_FONTS];
  GArray               *page;
  double                y;
  GArray               *toc;
};

static double
content_width (MrezaReportLayout *l)
{
  return l->width - 2 * MARGIN_X;
}

static double
page_bottom (MrezaReportLayout *l)
{
  return l->height - MARGIN_BOTTOM;
}

static void
new_page (MrezaReportLayout *l)
{
  l->page = g_array_new (FALSE, FALSE, sizeof (Item));
  g_ptr_array_add (l->pages, l->page);
  l->y = MARGIN_TOP;
}

static void
add_item (MrezaReportLayout *l,
          ItemKind           kind,
          Font               font,
          PangoAlignment     align,
          Color              color,
          double             x,
          double             y,
          double             w,
          double             h,
          const char        *text)
{
  Item item = { kind, font, align, color, x, y, w, h, NULL };

  if (text != NULL)
    item.text = g_string_chunk_insert_const (l->strings, text);
  g_array_append_val (l->page, item);
}

static void
add_text (MrezaReportLayout *l,
          Font               font,
          PangoAlignment     align,
          Color              color,
          double             x,
          double             y,
          double             w,
          const char        *text)
{
  add_item (l, ITEM_TEXT, font, align, color, x, y, w, 0, text);
}

/* Sets up @layout to show @text in @w points: the same calls when
 * measuring and drawing, so both agree on where lines break. */
static void
prepare_layout (PangoLayout                *layout,
                const PangoFontDescription *font,
                PangoAlignment              align,
                double                      w,
                const char                 *text)
{
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (w * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height (layout, -MAX_LINES);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, align);
  pango_layout_set_text (layout, text, -1);
}

static double
measure (MrezaReportLayout *l,
         Font               font,
         double             w,
         const char        *text)
{
  int height;

  if (text == NULL || *text == '\0')
    return l->line_height[font];

  prepare_layout (l->layout, l->fonts[font], PANGO_ALIGN_LEFT, w, text);
  pango_layout_get_size (l->layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

static void
setup_context (PangoContext *context)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  pango_cairo_context_set_resolution (context, 72);
  cairo_font_options_destroy (options);
}

/* Moves to a new page unless @h points still fit on this one. */
static gboolean
ensure_space (MrezaReportLayout *l,
              double             h)
{
  if (l->y + h <= page_bottom (l) || l->y <= MARGIN_TOP)
    return FALSE;

  new_page (l);
  return TRUE;
}

static void
add_paragraph (MrezaReportLayout *l,
               Font               font,
               Color              color,
               const char        *text,
               double             gap)
{
  double h = measure (l, font, content_width (l), text);

  ensure_space (l, h);
  add_text (l, font, PANGO_ALIGN_LEFT, color, MARGIN_X, l->y,
            content_width (l), text);
  l->y += h + gap;
}

/* Table layout ---------------------------------------------------------- */

typedef struct
{
  MrezaReportTable *table;
  double           *x;
  double           *w;
  double            header_h;
} TableGeometry;

static gboolean
is_numeric (MrezaReportCellType type)
{
  return type == MREZA_REPORT_CELL_INT || type == MREZA_REPORT_CELL_MONEY ||
         type == MREZA_REPORT_CELL_REAL;
}

static void
lay_header (MrezaReportLayout *l,
            TableGeometry     *g)
{
  MrezaReportTable *t = g->table;

  for (guint c = 0; c < t->n_columns; c++)
    {
      PangoAlignment align = is_numeric (t->columns[c].type)
                               ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;

      add_item (l, ITEM_FILL, 0, 0, COLOR_HEADER, g->x[c], l->y, g->w[c],
                g->header_h, NULL);
      add_item (l, ITEM_STROKE, 0, 0, COLOR_BORDER, g->x[c], l->y, g->w[c],
                g->header_h, NULL);
      add_text (l, FONT_HEADER, align, COLOR_TEXT, g->x[c] + PAD, l->y + PAD,
                g->w[c] - 2 * PAD, t->columns[c].title);
    }
  l->y += g->header_h;
}

static double
group_height (MrezaReportLayout *l,
              const char        *group)
{
  return measure (l, FONT_BOLD, content_width (l) - 2 * PAD, group) + 2 * PAD;
}

static void
lay_group (MrezaReportLayout *l,
           const char        *group,
           double             h)
{
  add_item (l, ITEM_FILL, 0, 0, COLOR_GROUP, MARGIN_X, l->y,
            content_width (l), h, NULL);
  add_item (l, ITEM_STROKE, 0, 0, COLOR_BORDER, MARGIN_X, l->y,
            content_width (l), h, NULL);
  add_text (l, FONT_BOLD, PANGO_ALIGN_LEFT, COLOR_TEXT, MARGIN_X + PAD,
            l->y + PAD, content_width (l) - 2 * PAD, group);
  l->y += h;
}

static double
chart_height (const MrezaReportChart *chart)
{
  return (chart->n_values + !isnan (chart->target)) * CHART_ROW + 2 * PAD + 4;
}

static void
lay_bar (MrezaReportLayout *l,
         const char        *label,
         double             value,
         double             max,
         Color              color,
         double             y)
{
  double bar_x = MARGIN_X + CHART_LABEL;
  double bar_w = content_width (l) - CHART_LABEL - 70;
  double w = max > 0 ? MAX (value, 0) / max * bar_w : 0;
  g_autofree char *number = NULL;

  if (value == floor (value) && fabs (value) < 1e12)
    number = _mreza_report_format_int ((gint64) value);
  else
    number = g_strdup_printf ("%.1f", value);

  add_text (l, FONT_SMALL, PANGO_ALIGN_RIGHT, COLOR_MUTED, MARGIN_X + PAD, y,
            CHART_LABEL - 3 * PAD, label);
  add_item (l, ITEM_FILL, 0, 0, color, bar_x, y + 1.5, MAX (w, 0.8),
            CHART_ROW - 4, NULL);
  add_text (l, FONT_SMALL, PANGO_ALIGN_LEFT, COLOR_TEXT, bar_x + w + 4, y,
            66, number);
}

/* A small horizontal bar chart: the target, then each period's value,
 * on one scale. */
static void
lay_chart (MrezaReportLayout      *l,
           const MrezaReportChart *chart)
{
  double h = chart_height (chart);
  double max = isnan (chart->target) ? 0 : chart->target;
  double y;

  for (guint i = 0; i < chart->n_values; i++)
    max = MAX (max, chart->values[i]);

  ensure_space (l, h);
  add_item (l, ITEM_STROKE, 0, 0, COLOR_BORDER, MARGIN_X, l->y,
            content_width (l), h, NULL);
  y = l->y + PAD + 2;
  if (!isnan (chart->target))
    {
      lay_bar (l, _("Target"), chart->target, max, COLOR_TARGET, y);
      y += CHART_ROW;
    }
  for (guint i = 0; i < chart->n_values; i++, y += CHART_ROW)
    lay_bar (l, chart->periods[i], chart->values[i], max, COLOR_BAR, y);
  l->y += h;
}

static double
row_height (MrezaReportLayout *l,
            TableGeometry     *g,
            guint              r,
            Font               font)
{
  MrezaReportTable *t = g->table;
  double h = l->line_height[font];

  for (guint c = 0; c < t->n_columns; c++)
    {
      const MrezaReportCell *cell = _mreza_report_table_cell (t, r, c);

      if (cell->type == MREZA_REPORT_CELL_TEXT)
        h = MAX (h, measure (l, font, g->w[c] - 2 * PAD, cell->v.text));
    }

  return h + 2 * PAD;
}

static void
lay_row (MrezaReportLayout *l,
         TableGeometry     *g,
         guint              r,
         Font               font,
         double             h)
{
  MrezaReportTable *t = g->table;
  gboolean total = font == FONT_BOLD;

  for (guint c = 0; c < t->n_columns; c++)
    {
      const MrezaReportCell *cell = _mreza_report_table_cell (t, r, c);
      g_autofree char *text = _mreza_report_cell_to_text (cell);

      if (total)
        add_item (l, ITEM_FILL, 0, 0, COLOR_TOTAL, g->x[c], l->y, g->w[c], h,
                  NULL);
      add_item (l, ITEM_STROKE, 0, 0, COLOR_BORDER, g->x[c], l->y, g->w[c], h,
                NULL);
      /* Aligned by the column, so that a "no year" or "Yes: 2 of 3"
       * among numbers lines up with them. */
      if (*text != '\0')
        add_text (l, font, is_numeric (t->columns[c].type) &&
                           cell->type != MREZA_REPORT_CELL_DATE
                             ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT,
                  COLOR_TEXT, g->x[c] + PAD, l->y + PAD, g->w[c] - 2 * PAD,
                  text);
    }
  l->y += h;
}

/* The width of the longest word of @text: a column narrower than that
 * would break a word of its header. */
static double
longest_word (MrezaReportLayout *l,
              Font               font,
              const char        *text)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  double widest = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      int w;

      pango_layout_set_font_description (l->layout, l->fonts[font]);
      pango_layout_set_width (l->layout, -1);
      pango_layout_set_height (l->layout, -1);
      pango_layout_set_text (l->layout, words[i], -1);
      pango_layout_get_size (l->layout, &w, NULL);
      widest = MAX (widest, (double) w / PANGO_SCALE);
    }

  return widest;
}

/* Widths in proportion to the columns' weights, except that no column
 * is narrower than its header's longest word: what those need is taken
 * from the others in proportion. */
static void
table_geometry (MrezaReportLayout *l,
                TableGeometry     *g)
{
  MrezaReportTable *t = g->table;
  g_autofree double *min = g_new (double, t->n_columns);
  double sum = 0, flexible = 0, fixed = 0, x = MARGIN_X;

  g->x = g_new (double, t->n_columns);
  g->w = g_new (double, t->n_columns);
  for (guint c = 0; c < t->n_columns; c++)
    {
      sum += t->columns[c].width;
      min[c] = longest_word (l, FONT_HEADER, t->columns[c].title) + 2 * PAD + 1;
    }
  for (guint c = 0; c < t->n_columns; c++)
    g->w[c] = content_width (l) * t->columns[c].width / sum;

  /* Shrinking the others may push one of them under its minimum in
   * turn: repeat until no column is under. */
  for (guint round = 0; round < t->n_columns; round++)
    {
      gboolean changed = FALSE;

      fixed = flexible = 0;
      for (guint c = 0; c < t->n_columns; c++)
        {
          if (g->w[c] <= min[c])
            fixed += min[c];
          else
            flexible += g->w[c];
        }
      for (guint c = 0; c < t->n_columns; c++)
        {
          if (g->w[c] < min[c])
            {
              g->w[c] = min[c];
              changed = TRUE;
            }
          else if (g->w[c] > min[c] && flexible > 0)
            g->w[c] *= (content_width (l) - fixed) / flexible;
        }
      if (!changed)
        break;
    }

  g->header_h = 0;
  for (guint c = 0; c < t->n_columns; c++)
    {
      g->x[c] = x;
      x += g->w[c];
      g->header_h = MAX (g->header_h,
                         measure (l, FONT_HEADER, g->w[c] - 2 * PAD,
                                  t->columns[c].title));
    }
  g->header_h += 2 * PAD;
}

/* Rows flow down the page; a row that does not fit starts a new page
 * with the header (and the goal it is under) repeated. A goal heading
 * is kept with the row after it. */
static void
lay_table_rows (MrezaReportLayout *l,
                TableGeometry     *g,
                MrezaReport       *report)
{
  MrezaReportTable *t = g->table;
  const char *group = NULL;

  lay_header (l, g);
  for (guint r = 0; r < t->rows->len; r++)
    {
      const MrezaReportRow *row = &g_array_index (t->rows, MrezaReportRow, r);
      Font font = row->kind == MREZA_REPORT_ROW_TOTAL ? FONT_BOLD : FONT_BODY;
      double h = row_height (l, g, r, font);
      gboolean new_group = row->group != NULL && g_strcmp0 (row->group, group);
      double gh = row->group != NULL ? group_height (l, row->group) : 0;

      if (ensure_space (l, h + (new_group ? gh : 0)))
        {
          lay_header (l, g);
          if (row->group != NULL)
            lay_group (l, row->group, gh);
        }
      else if (new_group)
        lay_group (l, row->group, gh);
      group = row->group;

      lay_row (l, g, r, font, h);
      if (row->chart > 0)
        lay_chart (l, report->charts->pdata[row->chart - 1]);
    }
}

static void
lay_section_heading (MrezaReportLayout *l,
                     const char        *text,
                     double             keep)
{
  TocEntry entry;
  double h = measure (l, FONT_H1, content_width (l), text);

  if (l->y > MARGIN_TOP)
    l->y += 14;
  ensure_space (l, h + 6 + keep);
  add_text (l, FONT_H1, PANGO_ALIGN_LEFT, COLOR_ACCENT, MARGIN_X, l->y,
            content_width (l), text);
  l->y += h + 6;

  entry.text = g_string_chunk_insert_const (l->strings, text);
  entry.page = l->pages->len;
  g_array_append_val (l->toc, entry);
}

static void
lay_table (MrezaReportLayout *l,
           MrezaReport       *report,
           MrezaReportTable  *t,
           guint              number)
{
  g_autofree char *heading = g_strdup_printf ("%u. %s", number, t->title);
  TableGeometry g = { t, NULL, NULL, 0 };
  double keep;

  table_geometry (l, &g);
  keep = g.header_h + 3 * l->line_height[FONT_BODY];
  if (t->note != NULL)
    keep += measure (l, FONT_NOTE, content_width (l), t->note) + 6;
  lay_section_heading (l, heading, keep);
  if (t->note != NULL)
    add_paragraph (l, FONT_NOTE, COLOR_MUTED, t->note, 6);

  if (t->rows->len == 0)
    add_paragraph (l, FONT_NOTE, COLOR_MUTED,
                   _("Nothing to show for this period."), 4);
  else
    lay_table_rows (l, &g, report);

  g_free (g.x);
  g_free (g.w);
}

/* Cover, contents ------------------------------------------------------- */

static void
lay_cover (MrezaReportLayout *l,
           MrezaReport       *report)
{
  g_autofree char *title = mreza_report_dup_title (report);
  g_autofree char *from = mreza_report_format_date (report->from);
  g_autofree char *to = mreza_report_format_date (report->to);
  g_autofree char *day = mreza_report_format_date (report->generated_at);
  g_autofree char *period = g_strdup_printf (_("Period: %s – %s"), from, to);
  g_autofree char *generated = g_strdup_printf (_("Generated on %s at %.5s"),
                                                day,
                                                report->generated_at + 11);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  double w = content_width (l);

  new_page (l);
  add_item (l, ITEM_FILL, 0, 0, COLOR_ACCENT, 0, 0, l->width, 14, NULL);
  l->y = 190;
  add_paragraph (l, FONT_SUBTITLE, COLOR_MUTED,
                 _("Network of local teams against human trafficking"), 18);
  add_paragraph (l, FONT_TITLE, COLOR_ACCENT, title, 14);
  add_paragraph (l, FONT_SUBTITLE, COLOR_TEXT,
                 report->team_name != NULL ? report->team_name
                                           : _("The whole network"), 30);
  add_item (l, ITEM_RULE, 0, 0, COLOR_BORDER, MARGIN_X, l->y, w, 0, NULL);
  l->y += 12;
  add_paragraph (l, FONT_BODY, COLOR_TEXT, period, 4);
  add_paragraph (l, FONT_BODY, COLOR_TEXT, generated, 4);
  if (report->empty)
    {
      l->y += 18;
      add_paragraph (l, FONT_BOLD, COLOR_TEXT,
                     _("There is no data for this period: the replica holds "
                       "no tasks, indicator values, joint actions or budget "
                       "lines for it."), 4);
    }

  _mreza_report_coverage_lines (report, lines);
  l->y = page_bottom (l) - 16.0 * lines->len - 24;
  add_item (l, ITEM_RULE, 0, 0, COLOR_BORDER, MARGIN_X, l->y, w, 0, NULL);
  l->y += 8;
  for (guint i = 0; i < lines->len; i++)
    add_paragraph (l, FONT_SMALL, COLOR_MUTED, lines->pdata[i], 4);
}

static void
lay_toc (MrezaReportLayout *l)
{
  double w = content_width (l);
  guint last = l->pages->len;

  l->page = l->pages->pdata[l->toc_page];
  l->y = MARGIN_TOP;
  add_text (l, FONT_H1, PANGO_ALIGN_LEFT, COLOR_ACCENT, MARGIN_X, l->y, w,
            _("Contents"));
  l->y += 36;

  for (guint i = 0; i < l->toc->len; i++)
    {
      TocEntry *entry = &g_array_index (l->toc, TocEntry, i);
      g_autofree char *page = g_strdup_printf ("%u", entry->page);
      double h = measure (l, FONT_BODY, w - 60, entry->text);

      /* The contents fit one page: at most a dozen sections. */
      if (l->y + h > page_bottom (l))
        break;
      add_text (l, FONT_BODY, PANGO_ALIGN_LEFT, COLOR_TEXT, MARGIN_X, l->y,
                w - 60, entry->text);
      add_text (l, FONT_BODY, PANGO_ALIGN_RIGHT, COLOR_TEXT,
                MARGIN_X + w - 50, l->y, 50, page);
      add_item (l, ITEM_RULE, 0, 0, COLOR_GROUP, MARGIN_X, l->y + h + 3, w, 0,
                NULL);
      l->y += h + 9;
    }

  l->page = l->pages->pdata[last - 1];
}

static void
lay_report (MrezaReportLayout *l,
            MrezaReport       *report)
{
  guint number = 1;

  lay_cover (l, report);
  new_page (l);
  l->toc_page = l->pages->len - 1;
  new_page (l);

  for (guint i = 0; i < report->tables->len; i++)
    {
      MrezaReportTable *t = report->tables->pdata[i];

      /* An empty report says so once, after its summary, instead of a
       * row of empty tables. */
      if (report->empty && i > 0 && strcmp (t->name, "coverage") != 0)
        continue;
      lay_table (l, report, t, number++);
      if (report->empty && i == 0)
        add_paragraph (l, FONT_BOLD, COLOR_TEXT,
                       _("There is no data for this period: the replica "
                         "holds no tasks, indicator values, joint actions or "
                         "budget lines for it."), 4);
    }

  lay_toc (l);
}

/**
 * mreza_report_layout_new:
 * @report: a report
 * @width: the page's width in points (A4: 595.276)
 * @height: the page's height in points (A4: 841.890)
 *
 * Returns: (transfer full): the report laid out on pages
 */
MrezaReportLayout *
mreza_report_layout_new (MrezaReport *report,
                         double       width,
                         double       height)
{
  MrezaReportLayout *l = g_new0 (MrezaReportLayout, 1);
  g_autofree char *title = NULL;

  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (width > 200 && height > 200, NULL);

  l->width = width;
  l->height = height;
  l->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  l->strings = g_string_chunk_new (64 * 1024);
  l->toc = g_array_new (FALSE, FALSE, sizeof (TocEntry));
  l->context = pango_font_map_create_context (
    pango_cairo_font_map_get_default ());
  setup_context (l->context);
  l->layout = pango_layout_new (l->context);
  for (int f = 0; f < N_FONTS; f++)
    {
      l->fonts[f] = pango_font_description_from_string (font_names[f]);
      l->line_height[f] = measure (l, f, 1000, "Ág");
    }

  title = mreza_report_dup_title (report);
  l->footer = g_string_chunk_insert_const (l->strings, title);
  if (report->team_name != NULL)
    {
      g_autofree char *footer = g_strdup_printf ("%s · %s", title,
                                                 report->team_name);

      l->footer = g_string_chunk_insert_const (l->strings, footer);
    }

  lay_report (l, report);

  for (int f = 0; f < N_FONTS; f++)
    pango_font_description_free (l->fonts[f]);
  g_clear_object (&l->layout);
  g_clear_object (&l->context);
  g_clear_pointer (&l->toc, g_array_unref);

  return l;
}

void
mreza_report_layout_free (MrezaReportLayout *layout)
{
  if (layout == NULL)
    return;

  g_ptr_array_unref (layout->pages);
  g_string_chunk_free (layout->strings);
  g_free (layout);
}

guint
mreza_report_layout_get_n_pages (MrezaReportLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);

  return layout->pages->len;
}

/* Drawing --------------------------------------------------------------- */

static void
draw_text (cairo_t                    *cr,
           PangoLayout                *layout,
           const PangoFontDescription *font,
           const Item                 *item)
{
  prepare_layout (layout, font, item->align, item->w, item->text);
  cairo_move_to (cr, item->x, item->y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_item (cairo_t                     *cr,
           PangoLayout                 *layout,
           PangoFontDescription *const *fonts,
           const Item                  *item)
{
  const double *rgb = colors[item->color];

  cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
  switch ((ItemKind) item->kind)
    {
    case ITEM_TEXT:
      draw_text (cr, layout, fonts[item->font], item);
      break;
    case ITEM_FILL:
      cairo_rectangle (cr, item->x, item->y, item->w, item->h);
      cairo_fill (cr);
      break;
    case ITEM_STROKE:
      cairo_rectangle (cr, item->x, item->y, item->w, item->h);
      cairo_stroke (cr);
      break;
    case ITEM_RULE:
      cairo_move_to (cr, item->x, item->y);
      cairo_line_to (cr, item->x + item->w, item->y);
      cairo_stroke (cr);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
draw_footer (MrezaReportLayout           *l,
             cairo_t                     *cr,
             PangoLayout                 *layout,
             PangoFontDescription *const *fonts,
             guint                        page)
{
  /* TRANSLATORS: the footer of every page of the report */
  g_autofree char *number = g_strdup_printf (_("page %u of %u"), page + 1,
                                             l->pages->len);
  double y = l->height - MARGIN_BOTTOM + 26;
  Item footer = { ITEM_TEXT, FONT_SMALL, PANGO_ALIGN_LEFT, COLOR_MUTED,
                  MARGIN_X, y, content_width (l) - 110, 0, l->footer };
  Item pages = { ITEM_TEXT, FONT_SMALL, PANGO_ALIGN_RIGHT, COLOR_MUTED,
                 l->width - MARGIN_X - 100, y, 100, 0, number };
  Item rule = { ITEM_RULE, 0, 0, COLOR_BORDER, MARGIN_X, y - 6,
                content_width (l), 0, NULL };

  draw_item (cr, layout, fonts, &rule);
  draw_item (cr, layout, fonts, &footer);
  draw_item (cr, layout, fonts, &pages);
}

/**
 * mreza_report_layout_draw_page:
 * @layout: a laid out report
 * @cr: where to draw, in points from the page's top left corner
 * @page: the page, from 0
 *
 * Draws one page, footer included. The caller scales @cr for a preview.
 */
void
mreza_report_layout_draw_page (MrezaReportLayout *layout,
                               cairo_t           *cr,
                               guint              page)
{
  PangoContext *context;
  PangoLayout *pango_layout;
  PangoFontDescription *fonts[N_FONTS];
  GArray *items;

  g_return_if_fail (layout != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < layout->pages->len);

  items = layout->pages->pdata[page];
  context = pango_cairo_create_context (cr);
  setup_context (context);
  pango_layout = pango_layout_new (context);
  for (int f = 0; f < N_FONTS; f++)
    fonts[f] = pango_font_description_from_string (font_names[f]);

  cairo_save (cr);
  cairo_set_line_width (cr, 0.5);
  for (guint i = 0; i < items->len; i++)
    draw_item (cr, pango_layout, fonts, &g_array_index (items, Item, i));
  draw_footer (layout, cr, pango_layout, fonts, page);
  cairo_restore (cr);

  for (int f = 0; f < N_FONTS; f++)
    pango_font_description_free (fonts[f]);
  g_object_unref (pango_layout);
  g_object_unref (context);
}

static cairo_status_t
write_to_file (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  FILE *file = closure;

  return fwrite (data, 1, length, file) == length
           ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static void
set_metadata (cairo_surface_t *surface,
              MrezaReport     *report)
{
  g_autofree char *title = mreza_report_dup_title (report);

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR,
                                  "Mreža " PACKAGE_VERSION);
}

/**
 * mreza_report_write_pdf:
 * @report: a report
 * @path: the PDF file to write (replaced if it exists)
 * @error: return location for a #GError
 *
 * Writes the report on A4 pages. Cairo embeds (subsets of) the fonts.
 *
 * Returns: %TRUE on success
 */
gboolean
mreza_report_write_pdf (MrezaReport  *report,
                        const char   *path,
                        GError      **error)
{
  g_autoptr(MrezaReportLayout) layout = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  FILE *file;
  int saved_errno = 0;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((file = fopen (path, "wb")) == NULL)
    return _mreza_report_set_write_error (error, path, errno);

  layout = mreza_report_layout_new (report, A4_WIDTH, A4_HEIGHT);
  surface = cairo_pdf_surface_create_for_stream (write_to_file, file,
                                                 A4_WIDTH, A4_HEIGHT);
  set_metadata (surface, report);
  cr = cairo_create (surface);
  for (guint i = 0; i < layout->pages->len; i++)
    {
      mreza_report_layout_draw_page (layout, cr, i);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (ferror (file))
    saved_errno = errno != 0 ? errno : EIO;
  if (fclose (file) != 0 && saved_errno == 0)
    saved_errno = errno;
  if (status != CAIRO_STATUS_SUCCESS && saved_errno == 0)
    saved_errno = EIO;
  if (saved_errno != 0)
    {
      g_unlink (path);
      return _mreza_report_set_write_error (error, path, saved_errno);
    }

  return TRUE;
}
