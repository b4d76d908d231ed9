/* mreza-ui.c: small builders shared by the detail views
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The detail views are built in code from what a loader returned, since
 * their shape (how many tasks, which sectors) is only known then. These
 * helpers keep them looking alike: plain text everywhere (the replica's
 * text is never parsed as markup), wrapping titles, dim secondary lines
 * and money in tabular figures.
 *
 * The list pages also share their Undo: after a delete, one toast offers
 * to put back the last thing deleted, and a later delete replaces it.
 * The strings stay with the pages, so that they are translated there.
 */
#define G_LOG_DOMAIN "mreza-ui"

#include "config.h"

#include "mreza-ui.h"

#include "mreza-joint-actions.h"
#include "mreza-labels.h"
#include "mreza-row.h"

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

/**
 * mreza_ui_choices_model_new:
 * @choices: (element-type MrezaChoice): what a drop-down offers
 * @first: (nullable): an entry before them, such as "None"
 *
 * Returns: (transfer full): the choices' labels as a #GtkStringList,
 *   shown as the replica's text is shown everywhere, with @first first
 */
GListModel *
mreza_ui_choices_model_new (GPtrArray  *choices,
                            const char *first)
{
  GtkStringList *list;

  g_return_val_if_fail (choices != NULL, NULL);

  list = gtk_string_list_new (NULL);
  if (first != NULL)
    gtk_string_list_append (list, first);
  for (guint i = 0; i < choices->len; i++)
    {
      MrezaChoice *choice = g_ptr_array_index (choices, i);
      g_autofree char *label = mreza_display_text (choice->label);

      gtk_string_list_append (list, label);
    }
  return G_LIST_MODEL (list);
}

/**
 * mreza_ui_window_new:
 * @type: a #GtkWindow type: a form or a page of its own
 * @parent: (nullable): the window it is transient for
 *
 * Returns: (transfer none) (type GtkWindow): a new window of @type,
 *   transient for @parent and of @parent's application, so that it
 *   counts as one of the application's windows
 */
gpointer
mreza_ui_window_new (GType      type,
                     GtkWindow *parent)
{
  GtkWindow *window;

  g_return_val_if_fail (g_type_is_a (type, GTK_TYPE_WINDOW), NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  window = g_object_new (type, "transient-for", parent, NULL);
  if (parent != NULL && gtk_window_get_application (parent) != NULL)
    gtk_window_set_application (window, gtk_window_get_application (parent));
  return window;
}

/**
 * mreza_ui_list_selection_new:
 * @model: (transfer full): the rows of a list that shows a detail
 *
 * Returns: (transfer full): a selection that starts with nothing
 *   selected and selects nothing by itself, so that a detail is read
 *   only for the row a person picks
 */
GtkSingleSelection *
mreza_ui_list_selection_new (GListModel *model)
{
  GtkSingleSelection *selection;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  selection = gtk_single_selection_new (model);
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
  return selection;
}

/**
 * mreza_ui_list_select_id:
 * @list_view: a list of #MrezaRow
 * @selection: (nullable): its selection, %NULL before the list is read
 * @id: the id of the row to select
 *
 * Selects the row with @id and scrolls it into view.
 *
 * Returns: %TRUE when the row is in the list
 */
gboolean
mreza_ui_list_select_id (GtkListView        *list_view,
                         GtkSingleSelection *selection,
                         const char         *id)
{
  GListModel *model;
  guint n;

  g_return_val_if_fail (GTK_IS_LIST_VIEW (list_view), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (selection == NULL)
    return FALSE;

  model = gtk_single_selection_get_model (selection);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MrezaRow) row = g_list_model_get_item (model, i);

      if (g_str_equal (mreza_row_get_id (row), id))
        {
          gtk_single_selection_set_selected (selection, i);
          gtk_widget_activate_action (GTK_WIDGET (list_view),
                                      "list.scroll-to-item", "u", i);
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * mreza_ui_add_page_shortcuts:
 * @page: a page of the window
 * @trigger: a shortcut, as gtk_shortcut_trigger_parse_string() reads it
 * @action: the action it activates
 * @...: more trigger and action pairs, then %NULL
 *
 * Gives @page shortcuts that work wherever the focus is in the window
 * while the page is shown: a shortcut controller skips unmapped
 * widgets, and a page turns its actions off while it is hidden.
 */
void
mreza_ui_add_page_shortcuts (GtkWidget  *page,
                             const char *trigger,
                             const char *action,
                             ...)
{
  GtkEventController *controller;
  va_list args;

  g_return_if_fail (GTK_IS_WIDGET (page));
  g_return_if_fail (trigger != NULL && action != NULL);

  controller = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller),
                                     GTK_SHORTCUT_SCOPE_GLOBAL);
  va_start (args, action);
  while (trigger != NULL)
    {
      GtkShortcutTrigger *parsed = gtk_shortcut_trigger_parse_string (trigger);
      GtkShortcutAction *named = gtk_named_action_new (action);

      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                            gtk_shortcut_new (parsed, named));
      trigger = va_arg (args, const char *);
      if (trigger != NULL)
        action = va_arg (args, const char *);
    }
  va_end (args);
  gtk_widget_add_controller (page, controller);
}

/**
 * mreza_ui_find_toast_overlay:
 * @widget: a widget in a window
 *
 * Returns: (transfer none) (nullable): the toast overlay @widget is
 *   inside, or %NULL when it is in none (yet)
 */
AdwToastOverlay *
mreza_ui_find_toast_overlay (GtkWidget *widget)
{
  GtkWidget *overlay;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  return overlay != NULL ? ADW_TOAST_OVERLAY (overlay) : NULL;
}

/**
 * mreza_ui_add_toast:
 * @widget: a widget in a window
 * @toast: (transfer full): the toast
 *
 * Shows @toast in the toast overlay @widget is inside; in none, the
 * toast is dropped.
 */
void
mreza_ui_add_toast (GtkWidget *widget,
                    AdwToast  *toast)
{
  AdwToastOverlay *overlay;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ADW_IS_TOAST (toast));

  overlay = mreza_ui_find_toast_overlay (widget);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (overlay, toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

/* Forgets the toast and the data without undoing. The toast's handlers
 * go too: the overlay may keep the toast after the page is gone. */
static void
undo_forget (MrezaUiUndo *undo)
{
  if (undo->data != NULL && undo->data_free != NULL)
    undo->data_free (undo->data);
  undo->data = NULL;
  undo->data_free = NULL;
  undo->func = NULL;
  undo->owner = NULL;
  if (undo->toast != NULL)
    g_signal_handlers_disconnect_by_data (undo->toast, undo);
  g_clear_object (&undo->toast);
}

static void
undo_clicked_cb (AdwToast    *toast,
                 MrezaUiUndo *undo)
{
  g_autoptr(AdwToast) own = NULL;
  MrezaUiUndoFunc func = undo->func;
  gpointer owner = undo->owner;
  gpointer data = undo->data;
  GDestroyNotify data_free = undo->data_free;

  if (toast != undo->toast || func == NULL)
    return;

  /* Taken from the undo first: dismissing the toast clears it. */
  g_signal_handlers_disconnect_by_data (undo->toast, undo);
  own = g_steal_pointer (&undo->toast);
  undo->func = NULL;
  undo->owner = NULL;
  undo->data = NULL;
  undo->data_free = NULL;

  func (owner, data);
  if (data_free != NULL)
    data_free (data);
  /* Also when Undo came from elsewhere than the toast's button. */
  adw_toast_dismiss (own);
}

static void
undo_dismissed_cb (AdwToast    *toast,
                   MrezaUiUndo *undo)
{
  if (toast == undo->toast)
    undo_forget (undo);
}

/**
 * mreza_ui_undo_offer:
 * @undo: the page's undo
 * @overlay: (nullable): where to show the toast
 * @title: what was done, shown in the toast
 * @button_label: the toast's button, with a mnemonic
 * @func: what the button does
 * @owner: the page, passed to @func
 * @data: (transfer full): what @func needs, passed to it
 * @data_free: (nullable): frees @data
 *
 * Offers to undo a delete in a toast, dismissing the offer for an
 * earlier one: only the last delete can be undone.
 */
void
mreza_ui_undo_offer (MrezaUiUndo     *undo,
                     AdwToastOverlay *overlay,
                     const char      *title,
                     const char      *button_label,
                     MrezaUiUndoFunc  func,
                     gpointer         owner,
                     gpointer         data,
                     GDestroyNotify   data_free)
{
  g_return_if_fail (undo != NULL);
  g_return_if_fail (overlay == NULL || ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (title != NULL && button_label != NULL && func != NULL);

  if (undo->toast != NULL)
    adw_toast_dismiss (undo->toast);
  undo_forget (undo);

  undo->func = func;
  undo->owner = owner;
  undo->data = data;
  undo->data_free = data_free;
  undo->toast = g_object_ref_sink (adw_toast_new (title));
  adw_toast_set_button_label (undo->toast, button_label);
  adw_toast_set_priority (undo->toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect (undo->toast, "button-clicked",
                    G_CALLBACK (undo_clicked_cb), undo);
  g_signal_connect (undo->toast, "dismissed",
                    G_CALLBACK (undo_dismissed_cb), undo);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (overlay, g_object_ref (undo->toast));
}

/**
 * mreza_ui_undo_clear:
 * @undo: the page's undo
 *
 * Drops the offer without undoing; for the page's dispose.
 */
void
mreza_ui_undo_clear (MrezaUiUndo *undo)
{
  g_return_if_fail (undo != NULL);

  undo_forget (undo);
}
