/* mreza-ui.c: small builders shared by the detail views
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The detail views are built in code from what a loader returned, since
 * their shape (how many tasks, which sectors) is only known then. These
 * helpers keep them looking alike: plain text everywhere (the replica's
 * text is never parsed as markup), wrapping titles, dim secondary lines
 * and money in tabular figures.
 */
#define G_LOG_DOMAIN "mreza-ui"

#include "config.h"

#include "mreza-ui.h"

#include "mreza-labels.h"

void
mreza_ui_box_clear (GtkBox *box)
{
  GtkWidget *child;

  g_return_if_fail (GTK_IS_BOX (box));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static GtkWidget *
label_new (const char *text,
           const char *style_class)
{
  g_autofree char *shown = mreza_display_text (text);
  GtkWidget *label = gtk_label_new (shown);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  if (style_class != NULL)
    gtk_widget_add_css_class (label, style_class);

  return label;
}

/**
 * mreza_ui_heading_new:
 * @overline: (nullable): a dim line above the title: what it belongs to
 * @title: the title
 * @subtitle: (nullable): a dim line below it
 *
 * Returns: (transfer floating): a box with the lines that are set
 */
GtkWidget *
mreza_ui_heading_new (const char *overline,
                      const char *title,
                      const char *subtitle)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_autofree char *shown = mreza_display_text (title);
  GtkWidget *label;

  gtk_widget_add_css_class (box, "detail-heading");

  if (overline != NULL && *overline != '\0')
    {
      label = label_new (overline, "dim-label");
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_box_append (GTK_BOX (box), label);
    }

  label = g_object_new (GTK_TYPE_LABEL,
                        "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING,
                        "label", shown,
                        "xalign", 0.0f,
                        "wrap", TRUE,
                        "wrap-mode", PANGO_WRAP_WORD_CHAR,
                        "selectable", FALSE,
                        NULL);
  gtk_widget_add_css_class (label, "title-2");
  gtk_box_append (GTK_BOX (box), label);

  if (subtitle != NULL && *subtitle != '\0')
    {
      label = label_new (subtitle, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
    }

  return box;
}

GtkWidget *
mreza_ui_group_new (const char *title,
                    const char *description)
{
  g_autofree char *shown = mreza_display_text (title);

  return g_object_new (ADW_TYPE_PREFERENCES_GROUP,
                       "title", shown,
                       "description", description,
                       NULL);
}

/**
 * mreza_ui_row_new:
 * @title: the row's title, plain text
 * @subtitle: (nullable): a dim line or lines below it, plain text
 *
 * Returns: (transfer floating): an #AdwActionRow that wraps its text
 */
GtkWidget *
mreza_ui_row_new (const char *title,
                  const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *shown_title = mreza_display_text (title);
  g_autofree char *shown_subtitle = mreza_display_text (subtitle);

  /* The replica's text is data, not markup: "Rad & zaposlenje" must
   * show its ampersand, not break the row. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 shown_title != NULL ? shown_title : "");
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  if (shown_subtitle != NULL && *shown_subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), shown_subtitle);

  return row;
}

/**
 * mreza_ui_row_add_value:
 * @row: an #AdwActionRow
 * @value: the text at the end of the row
 * @numeric: whether it is a figure, to be aligned in tabular digits
 *
 * Returns: (transfer none): the label added
 */
GtkWidget *
mreza_ui_row_add_value (GtkWidget  *row,
                        const char *value,
                        gboolean    numeric)
{
  g_autofree char *shown = mreza_display_text (value);
  GtkWidget *label;

  g_return_val_if_fail (ADW_IS_ACTION_ROW (row), NULL);

  label = gtk_label_new (shown);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, numeric ? "numeric" : "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

  return label;
}

/**
 * mreza_ui_tag_new:
 * @text: a short word: a status, a kind
 * @style_class: (nullable): a class that colours it
 *
 * Returns: (transfer floating): a pill-shaped label
 */
GtkWidget *
mreza_ui_tag_new (const char *text,
                  const char *style_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "tag");
  gtk_widget_add_css_class (label, "caption");
  if (style_class != NULL)
    gtk_widget_add_css_class (label, style_class);

  return label;
}
