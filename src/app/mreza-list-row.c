/* mreza-list-row.c: one row of a list: a title, a dim line and a tag
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lists of teams, projects, joint actions and search results recycle
 * these rows: a factory binds a MrezaRow to one by calling the setters,
 * which also hide what a row has nothing to say for.
 */
#define G_LOG_DOMAIN "mreza-list-row"

#include "config.h"

#include "mreza-list-row.h"

#include "mreza-labels.h"

struct _MrezaListRow
{
  GtkWidget  parent_instance;

  GtkImage  *icon;
  GtkLabel  *title;
  GtkLabel  *subtitle;
  GtkLabel  *tag;
  char      *tag_class;
};

G_DEFINE_FINAL_TYPE (MrezaListRow, mreza_list_row, GTK_TYPE_WIDGET)

static void
set_label (GtkLabel   *label,
           const char *text)
{
  g_assert (GTK_IS_LABEL (label));

  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

static void
mreza_list_row_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), MREZA_TYPE_LIST_ROW);

  /* GTK 4.8 unparents only the template children bound to a field. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (mreza_list_row_parent_class)->dispose (object);
}

static void
mreza_list_row_finalize (GObject *object)
{
  MrezaListRow *self = MREZA_LIST_ROW (object);

  g_free (self->tag_class);

  G_OBJECT_CLASS (mreza_list_row_parent_class)->finalize (object);
}

static void
mreza_list_row_class_init (MrezaListRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mreza_list_row_dispose;
  object_class->finalize = mreza_list_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/rs/mreza/Mreza/mreza-list-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MrezaListRow, icon);
  gtk_widget_class_bind_template_child (widget_class, MrezaListRow, title);
  gtk_widget_class_bind_template_child (widget_class, MrezaListRow, subtitle);
  gtk_widget_class_bind_template_child (widget_class, MrezaListRow, tag);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mreza-list-row");
}

static void
mreza_list_row_init (MrezaListRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
mreza_list_row_new (void)
{
  return g_object_new (MREZA_TYPE_LIST_ROW, NULL);
}

void
mreza_list_row_set_icon (MrezaListRow *self,
                         const char   *icon_name)
{
  g_return_if_fail (MREZA_IS_LIST_ROW (self));

  gtk_image_set_from_icon_name (self->icon, icon_name);
  gtk_widget_set_visible (GTK_WIDGET (self->icon), icon_name != NULL);
}

void
mreza_list_row_set_title (MrezaListRow *self,
                          const char   *title)
{
  g_autofree char *shown = mreza_display_text (title);

  g_return_if_fail (MREZA_IS_LIST_ROW (self));

  set_label (self->title, shown);
  /* One line, ellipsized: GTK 4.8's list views keep some 200 rows
   * alive and measure each on every layout, and a wrapping label costs
   * several text layouts per measure. The whole title is its tooltip. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title), shown);
}

void
mreza_list_row_set_subtitle (MrezaListRow *self,
                             const char   *subtitle)
{
  g_autofree char *shown = mreza_display_text (subtitle);

  g_return_if_fail (MREZA_IS_LIST_ROW (self));

  set_label (self->subtitle, shown);
}

/**
 * mreza_list_row_set_tag:
 * @self: a #MrezaListRow
 * @tag: (nullable): a short, translated word: a status, a kind
 * @style_class: (nullable): a CSS class that colours the tag
 */
void
mreza_list_row_set_tag (MrezaListRow *self,
                        const char   *tag,
                        const char   *style_class)
{
  g_return_if_fail (MREZA_IS_LIST_ROW (self));

  if (self->tag_class != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->tag), self->tag_class);
  g_free (self->tag_class);
  self->tag_class = g_strdup (style_class);
  if (style_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->tag), style_class);

  set_label (self->tag, tag);
}
