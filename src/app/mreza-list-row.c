/* mreza-list-row.c: one row of a list: a title, a dim line, a tag, a lock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lists of teams, projects, joint actions and search results recycle
 * these rows: a factory binds a MrezaRow to one by calling the setters.
 *
 * A row is one widget that draws its icon, its two lines, its tag and
 * its lock itself, a PangoLayout per text, instead of a box of labels
 * and images built from a template. GTK 4.8's list views keep some 200
 * rows alive and measure them all on every layout; a label measures
 * again (shapes its text) whenever it is given new text, and a tooltip
 * set on a widget asks the X server where the pointer is. This row's
 * height depends on its fonts alone and its width is measured once,
 * with what it first shows (mreza_list_row_measure), so binding it to
 * another item only queues a redraw: nothing is measured again, and
 * only the rows that are drawn shape their text. Its tooltip is
 * computed when asked for.
 *
 * It looks as the labels did: the title at style.css's weight, the
 * second line at libadwaita's .caption size and .dim-label opacity, the
 * tag as style.css's .tag.
 */
#define G_LOG_DOMAIN "mreza-list-row"

#include "config.h"

#include "mreza-list-row.h"

#include "mreza-labels.h"

#include <pango/pangocairo.h>

/* The layout, in pixels: as the template of labels had it. */
#define MARGIN_X      6
#define MARGIN_Y      8
#define SPACING       12
#define LINE_SPACING  2
#define ICON_SIZE     16
#define LOCK_SPACING  8
#define TAG_PADDING_X 10
#define TAG_PADDING_Y 2

/* libadwaita 1.2's .caption and .dim-label, style.css's .title and .tag */
#define CAPTION_SIZE  (9 * PANGO_SCALE)
#define DIM_ALPHA     0.55f
#define TAG_ALPHA     0.08f
#define TAG_CLASS_ALPHA 0.15f
#define TITLE_WEIGHT  500

struct _MrezaListRow
{
  GtkWidget         parent_instance;

  PangoLayout      *title;
  PangoLayout      *subtitle;
  PangoLayout      *tag;
  char             *icon_name;
  char             *tag_class;
  char             *lock_note;   /* why the row is read-only */

  /* Looked up when first drawn. */
  GtkIconPaintable *icon;
  GtkIconPaintable *lock_icon;
  int               icon_scale;
  guint             font_key;    /* of the font the layouts were made in */

  /* Where the last snapshot drew the lock, for its tooltip. */
  graphene_rect_t   lock_bounds;

  guint             has_title : 1;
  guint             has_subtitle : 1;
  guint             has_tag : 1;
};

G_DEFINE_FINAL_TYPE (MrezaListRow, mreza_list_row, GTK_TYPE_WIDGET)

/* The heights of the three kinds of text in one font: every row of a
 * list shares them, so they are measured once, not once per row. */
typedef struct
{
  guint  key;
  int    title;
  int    subtitle;
  int    tag;
  int    char_width;
} Metrics;

static Metrics metrics;

static PangoAttrList *
text_attributes (int size,
                 int weight)
{
  PangoAttrList *attrs = pango_attr_list_new ();

  if (size > 0)
    pango_attr_list_insert (attrs, pango_attr_size_new (size));
  if (weight > 0)
    pango_attr_list_insert (attrs, pango_attr_weight_new (weight));

  return attrs;
}

static PangoLayout *
new_layout (MrezaListRow *self,
            int           size,
            int           weight)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self),
                                                        NULL);
  g_autoptr(PangoAttrList) attrs = text_attributes (size, weight);

  pango_layout_set_attributes (layout, attrs);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  /* One line always: a title with a line break shows it as a glyph. */
  pango_layout_set_single_paragraph_mode (layout, TRUE);

  return layout;
}

static guint
font_key (PangoContext *context)
{
  const cairo_font_options_t *options;
  guint key;

  key = pango_font_description_hash (pango_context_get_font_description (context));
  key ^= (guint) (pango_cairo_context_get_resolution (context) * 64);
  options = pango_cairo_context_get_font_options (context);
  if (options != NULL)
    key = key * 31 + cairo_font_options_hash (options);

  /* Zero means "not measured yet". */
  return key != 0 ? key : 1;
}

static int
text_height (PangoContext *context,
             int           size,
             int           weight)
{
  g_autoptr(PangoLayout) layout = pango_layout_new (context);
  g_autoptr(PangoAttrList) attrs = text_attributes (size, weight);
  int height;

  pango_layout_set_attributes (layout, attrs);
  /* Accents above capitals and descenders, in both scripts. */
  pango_layout_set_text (layout, "ŠĐÁ Žgjy ЂЏЖ џђ", -1);
  pango_layout_get_pixel_size (layout, NULL, &height);

  return height;
}

static const Metrics *
get_metrics (MrezaListRow *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  guint key = font_key (context);
  PangoFontDescription *desc;
  PangoFontMetrics *font;
  int width;

  if (metrics.key == key)
    return &metrics;

  metrics.key = key;
  metrics.title = text_height (context, 0, TITLE_WEIGHT);
  metrics.subtitle = text_height (context, CAPTION_SIZE, 0);
  metrics.tag = text_height (context, CAPTION_SIZE, PANGO_WEIGHT_BOLD);
  /* A character as GtkLabel counts one for its width-chars: the wider
   * of a letter and a digit, in the title's font. */
  desc = pango_font_description_copy (pango_context_get_font_description (context));
  pango_font_description_set_weight (desc, TITLE_WEIGHT);
  font = pango_context_get_metrics (context, desc, NULL);
  width = MAX (pango_font_metrics_get_approximate_char_width (font),
               pango_font_metrics_get_approximate_digit_width (font));
  metrics.char_width = PANGO_PIXELS_CEIL (width);
  pango_font_metrics_unref (font);
  pango_font_description_free (desc);

  return &metrics;
}

static int
row_height (const Metrics *m)
{
  /* The second line's room is kept when a row has none, so that every
   * row of a list is as tall and binding never changes a row's size. */
  int text = m->title + LINE_SPACING + m->subtitle;
  int tag = m->tag + 2 * TAG_PADDING_Y;

  return 2 * MARGIN_Y + MAX (ICON_SIZE, MAX (text, tag));
}

static int
count_chars (PangoLayout *layout)
{
  return g_utf8_strlen (pango_layout_get_text (layout), -1);
}

static void
mreza_list_row_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  MrezaListRow *self = MREZA_LIST_ROW (widget);
  const Metrics *m = get_metrics (self);
  int extra, chars;

  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      *minimum = *natural = row_height (m);
      return;
    }

  /* As the labels did: the title 20 characters at least, as long as
   * the longer line up to 60, with the icon and the tag beside it.
   * Measured with what the row shows when first laid out, and not
   * again when it is bound to another item: characters are counted,
   * not shaped, and a longer tag later takes its room from the title
   * (draw_tag), as a lock does. */
  extra = 2 * MARGIN_X;
  if (self->icon_name != NULL)
    extra += ICON_SIZE + SPACING;
  if (self->has_tag)
    {
      int tag_width;

      pango_layout_get_pixel_size (self->tag, &tag_width, NULL);
      extra += tag_width + 2 * TAG_PADDING_X + SPACING;
    }
  chars = MAX (count_chars (self->title), count_chars (self->subtitle) * 9 / 10);

  *minimum = extra + 20 * m->char_width;
  *natural = extra + CLAMP (chars, 20, 60) * m->char_width;
}

static GtkIconPaintable *
lookup_icon (MrezaListRow *self,
             const char   *name)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));

  return gtk_icon_theme_lookup_icon (theme, name, NULL, ICON_SIZE,
                                     gtk_widget_get_scale_factor (widget),
                                     gtk_widget_get_direction (widget), 0);
}

/* The x at which to draw something @width wide that sits @x from the
 * start of the row, in the reading direction. */
static float
flip (MrezaListRow *self,
      float         x,
      float         width)
{
  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    return gtk_widget_get_width (GTK_WIDGET (self)) - x - width;
  return x;
}

static void
draw_icon (GtkSnapshot      *snapshot,
           GtkIconPaintable *icon,
           float             x,
           float             y,
           const GdkRGBA    *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (icon),
                                            snapshot, ICON_SIZE, ICON_SIZE,
                                            color, 1);
  gtk_snapshot_restore (snapshot);
}

static void
draw_text (GtkSnapshot   *snapshot,
           PangoLayout   *layout,
           float          x,
           float          y,
           const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

/* The colours of a tag with @style_class, as style.css gives them. */
static void
tag_colors (MrezaListRow  *self,
            const GdkRGBA *fg,
            GdkRGBA       *text,
            GdkRGBA       *background)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  char name[32], bg_name[32];

  *text = *fg;
  *background = *fg;
  background->alpha *= TAG_ALPHA;
  if (self->tag_class == NULL)
    return;

  g_snprintf (name, sizeof name, "%s_color", self->tag_class);
  g_snprintf (bg_name, sizeof bg_name, "%s_bg_color", self->tag_class);
  if (gtk_style_context_lookup_color (context, name, text) &&
      gtk_style_context_lookup_color (context, bg_name, background))
    background->alpha *= TAG_CLASS_ALPHA;
}

/* Draws the tag at the end of the row; returns the room it took. */
static float
draw_tag (MrezaListRow  *self,
          GtkSnapshot   *snapshot,
          const Metrics *m,
          float          start,
          float          end,
          const GdkRGBA *fg)
{
  float height = gtk_widget_get_height (GTK_WIDGET (self));
  /* At most half of what the title and tag share. */
  int most = MAX ((end - start) / 2 - 2 * TAG_PADDING_X, m->char_width);
  GdkRGBA text, background;
  GskRoundedRect pill;
  int text_width;
  float width, pill_height, x, y;

  pango_layout_set_width (self->tag, -1);
  pango_layout_get_pixel_size (self->tag, &text_width, NULL);
  if (text_width > most)
    {
      pango_layout_set_width (self->tag, most * PANGO_SCALE);
      pango_layout_get_pixel_size (self->tag, &text_width, NULL);
    }
  width = text_width + 2 * TAG_PADDING_X;
  pill_height = m->tag + 2 * TAG_PADDING_Y;
  x = flip (self, end - width, width);
  y = floorf ((height - pill_height) / 2);

  tag_colors (self, fg, &text, &background);
  gsk_rounded_rect_init_from_rect (&pill,
                                   &GRAPHENE_RECT_INIT (x, y, width,
                                                        pill_height),
                                   pill_height / 2);
  gtk_snapshot_push_rounded_clip (snapshot, &pill);
  gtk_snapshot_append_color (snapshot, &background, &pill.bounds);
  gtk_snapshot_pop (snapshot);
  draw_text (snapshot, self->tag, x + TAG_PADDING_X, y + TAG_PADDING_Y, &text);

  return width + SPACING;
}

static void
mreza_list_row_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  MrezaListRow *self = MREZA_LIST_ROW (widget);
  const Metrics *m = get_metrics (self);
  float width = gtk_widget_get_width (widget);
  float height = gtk_widget_get_height (widget);
  float start = MARGIN_X, end = width - MARGIN_X;
  float icon_y = floorf ((height - ICON_SIZE) / 2);
  float text_width, y;
  GdkRGBA fg, dim;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  dim = fg;
  dim.alpha *= DIM_ALPHA;

  if (self->icon_scale != gtk_widget_get_scale_factor (widget))
    {
      g_clear_object (&self->icon);
      g_clear_object (&self->lock_icon);
      self->icon_scale = gtk_widget_get_scale_factor (widget);
    }

  if (self->icon_name != NULL)
    {
      if (self->icon == NULL)
        self->icon = lookup_icon (self, self->icon_name);
      draw_icon (snapshot, self->icon, flip (self, start, ICON_SIZE), icon_y,
                 &fg);
      start += ICON_SIZE + SPACING;
    }

  if (self->has_tag)
    end -= draw_tag (self, snapshot, m, start, end, &fg);

  if (self->lock_note != NULL)
    {
      if (self->lock_icon == NULL)
        self->lock_icon = lookup_icon (self, "changes-prevent-symbolic");
      end -= ICON_SIZE;
      self->lock_bounds = GRAPHENE_RECT_INIT (flip (self, end, ICON_SIZE),
                                              icon_y, ICON_SIZE, ICON_SIZE);
      draw_icon (snapshot, self->lock_icon, self->lock_bounds.origin.x,
                 icon_y, &dim);
      end -= LOCK_SPACING;
    }

  text_width = MAX (end - start, 0);
  pango_layout_set_width (self->title, text_width * PANGO_SCALE);
  pango_layout_set_width (self->subtitle, text_width * PANGO_SCALE);

  y = floorf ((height - m->title - (self->has_subtitle
                                    ? LINE_SPACING + m->subtitle : 0)) / 2);
  if (self->has_title)
    draw_text (snapshot, self->title, flip (self, start, text_width), y, &fg);
  if (self->has_subtitle)
    draw_text (snapshot, self->subtitle, flip (self, start, text_width),
               y + m->title + LINE_SPACING, &dim);
}

/* The whole title (and second line) when the row had to shorten them,
 * and over the lock, why the row is read-only. */
static gboolean
mreza_list_row_query_tooltip (GtkWidget  *widget,
                              int         x,
                              int         y,
                              gboolean    keyboard,
                              GtkTooltip *tooltip)
{
  MrezaListRow *self = MREZA_LIST_ROW (widget);
  gboolean title_cut = self->has_title && pango_layout_is_ellipsized (self->title);
  gboolean subtitle_cut = self->has_subtitle &&
                          pango_layout_is_ellipsized (self->subtitle);

  if (self->lock_note != NULL &&
      (keyboard || graphene_rect_contains_point (&self->lock_bounds,
                                                 &GRAPHENE_POINT_INIT (x, y))))
    {
      gtk_tooltip_set_text (tooltip, self->lock_note);
      return TRUE;
    }

  if (title_cut && subtitle_cut)
    {
      g_autofree char *both = g_strconcat (pango_layout_get_text (self->title),
                                           "\n",
                                           pango_layout_get_text (self->subtitle),
                                           NULL);

      gtk_tooltip_set_text (tooltip, both);
      return TRUE;
    }
  if (title_cut || subtitle_cut)
    {
      gtk_tooltip_set_text (tooltip,
                            pango_layout_get_text (title_cut ? self->title
                                                             : self->subtitle));
      return TRUE;
    }

  return FALSE;
}

/* The layouts keep what they shaped in the context's previous font
 * until told; a hover or a colour leaves the font as it was. */
static void
fonts_changed (MrezaListRow *self)
{
  guint key = font_key (gtk_widget_get_pango_context (GTK_WIDGET (self)));

  if (key == self->font_key)
    return;

  self->font_key = key;
  pango_layout_context_changed (self->title);
  pango_layout_context_changed (self->subtitle);
  pango_layout_context_changed (self->tag);
}

static void
mreza_list_row_css_changed (GtkWidget         *widget,
                            GtkCssStyleChange *change)
{
  MrezaListRow *self = MREZA_LIST_ROW (widget);

  /* The parent class updates the widget's font and queues what the
   * change needs: a redraw, or a new size for another font. */
  GTK_WIDGET_CLASS (mreza_list_row_parent_class)->css_changed (widget, change);
  fonts_changed (self);
  /* Another icon theme, perhaps: looking the icons up again is cheap. */
  g_clear_object (&self->icon);
  g_clear_object (&self->lock_icon);
}

static void
mreza_list_row_system_setting_changed (GtkWidget        *widget,
                                       GtkSystemSetting  setting)
{
  GTK_WIDGET_CLASS (mreza_list_row_parent_class)->system_setting_changed (widget,
                                                                          setting);
  /* Fonts installed, another resolution or hinting: measure anew. */
  MREZA_LIST_ROW (widget)->font_key = 0;
  metrics.key = 0;
  fonts_changed (MREZA_LIST_ROW (widget));
  gtk_widget_queue_resize (widget);
}

static void
mreza_list_row_dispose (GObject *object)
{
  MrezaListRow *self = MREZA_LIST_ROW (object);

  g_clear_object (&self->title);
  g_clear_object (&self->subtitle);
  g_clear_object (&self->tag);
  g_clear_object (&self->icon);
  g_clear_object (&self->lock_icon);

  G_OBJECT_CLASS (mreza_list_row_parent_class)->dispose (object);
}

static void
mreza_list_row_finalize (GObject *object)
{
  MrezaListRow *self = MREZA_LIST_ROW (object);

  g_free (self->icon_name);
  g_free (self->tag_class);
  g_free (self->lock_note);

  G_OBJECT_CLASS (mreza_list_row_parent_class)->finalize (object);
}

static void
mreza_list_row_class_init (MrezaListRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mreza_list_row_dispose;
  object_class->finalize = mreza_list_row_finalize;
  widget_class->measure = mreza_list_row_measure;
  widget_class->snapshot = mreza_list_row_snapshot;
  widget_class->query_tooltip = mreza_list_row_query_tooltip;
  widget_class->css_changed = mreza_list_row_css_changed;
  widget_class->system_setting_changed = mreza_list_row_system_setting_changed;

  gtk_widget_class_set_css_name (widget_class, "mreza-list-row");
  /* It reads as the labels it replaces: its accessible label is the
   * title, its description the rest of what it shows. */
  gtk_widget_class_set_accessible_role (widget_class,
                                        GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
mreza_list_row_init (MrezaListRow *self)
{
  self->title = new_layout (self, 0, TITLE_WEIGHT);
  self->subtitle = new_layout (self, CAPTION_SIZE, 0);
  self->tag = new_layout (self, CAPTION_SIZE, PANGO_WEIGHT_BOLD);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

GtkWidget *
mreza_list_row_new (void)
{
  return g_object_new (MREZA_TYPE_LIST_ROW, NULL);
}

/* The accessible description: the second line, the tag and the lock's
 * reason, as a screen reader should read them after the title. */
static void
update_description (MrezaListRow *self)
{
  const char *parts[4];
  g_autofree char *description = NULL;
  guint n = 0;

  if (self->has_subtitle)
    parts[n++] = pango_layout_get_text (self->subtitle);
  if (self->has_tag)
    parts[n++] = pango_layout_get_text (self->tag);
  if (self->lock_note != NULL)
    parts[n++] = self->lock_note;
  parts[n] = NULL;

  description = g_strjoinv (", ", (char **) parts);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description, -1);
}

/* Sets @layout's text; returns whether the row has any. Only a redraw
 * is queued: the row's size does not depend on its text. */
static gboolean
set_text (MrezaListRow *self,
          PangoLayout  *layout,
          const char   *text)
{
  gboolean shown = text != NULL && *text != '\0';

  if (g_strcmp0 (pango_layout_get_text (layout), shown ? text : "") != 0)
    {
      pango_layout_set_text (layout, shown ? text : "", -1);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }

  return shown;
}

void
mreza_list_row_set_icon (MrezaListRow *self,
                         const char   *icon_name)
{
  g_return_if_fail (MREZA_IS_LIST_ROW (self));

  if (g_strcmp0 (self->icon_name, icon_name) == 0)
    return;

  /* A list's rows all have an icon or none: only the first bind of a
   * row can change its width. */
  if ((self->icon_name == NULL) != (icon_name == NULL))
    gtk_widget_queue_resize (GTK_WIDGET (self));
  g_free (self->icon_name);
  self->icon_name = g_strdup (icon_name);
  g_clear_object (&self->icon);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
mreza_list_row_set_title (MrezaListRow *self,
                          const char   *title)
{
  g_autofree char *shown = mreza_display_text (title);

  g_return_if_fail (MREZA_IS_LIST_ROW (self));

  /* One line, shortened at the end; the tooltip has the whole title. */
  self->has_title = set_text (self, self->title, shown);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  shown != NULL ? shown : "", -1);
}

void
mreza_list_row_set_subtitle (MrezaListRow *self,
                             const char   *subtitle)
{
  g_autofree char *shown = mreza_display_text (subtitle);

  g_return_if_fail (MREZA_IS_LIST_ROW (self));

  self->has_subtitle = set_text (self, self->subtitle, shown);
  update_description (self);
}

/**
 * mreza_list_row_set_tag:
 * @self: a #MrezaListRow
 * @tag: (nullable): a short, translated word: a status, a kind
 * @style_class: (nullable): what colours the tag, as style.css's .tag
 *   classes: "accent", "success", "warning" or "error"
 */
void
mreza_list_row_set_tag (MrezaListRow *self,
                        const char   *tag,
                        const char   *style_class)
{
  g_return_if_fail (MREZA_IS_LIST_ROW (self));

  if (g_strcmp0 (self->tag_class, style_class) != 0)
    {
      g_free (self->tag_class);
      self->tag_class = g_strdup (style_class);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }

  self->has_tag = set_text (self, self->tag, tag);
  update_description (self);
}

/**
 * mreza_list_row_set_lock:
 * @self: a #MrezaListRow
 * @note: (nullable): why this device may not change what the row
 *   shows, or %NULL when it may
 *
 * Shows a lock beside the tag, with @note as its tooltip and in the
 * row's accessible description.
 */
void
mreza_list_row_set_lock (MrezaListRow *self,
                         const char   *note)
{
  g_return_if_fail (MREZA_IS_LIST_ROW (self));

  if (g_strcmp0 (self->lock_note, note) == 0)
    return;

  g_free (self->lock_note);
  self->lock_note = g_strdup (note);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  update_description (self);
}

/**
 * mreza_list_row_get_lock:
 * @self: a #MrezaListRow
 *
 * Returns: (nullable): why the row shows a lock, or %NULL when it
 *   shows none
 */
const char *
mreza_list_row_get_lock (MrezaListRow *self)
{
  g_return_val_if_fail (MREZA_IS_LIST_ROW (self), NULL);

  return self->lock_note;
}

/**
 * mreza_list_row_get_title:
 * @self: a #MrezaListRow
 *
 * Returns: the title the row shows, as shown
 */
const char *
mreza_list_row_get_title (MrezaListRow *self)
{
  g_return_val_if_fail (MREZA_IS_LIST_ROW (self), NULL);

  return pango_layout_get_text (self->title);
}
