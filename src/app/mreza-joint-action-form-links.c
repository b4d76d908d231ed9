/* mreza-joint-action-form-links.c: choosing a joint action's
 * institutions and indicators
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each list of links is a preferences group: one row per chosen
 * institution or indicator with a button that removes it, and an Add
 * button in the group's header opening a popover with a search entry
 * and check rows. The popover shows at most a page of answers, asked of
 * SQL for each search, so a directory of any size costs the same. The
 * form reads the chosen ids when it validates and saves, with the rest
 * of the joint action, in one transaction.
 */
#define G_LOG_DOMAIN "mreza-joint-action-form"

#include "config.h"

#include "mreza-joint-action-form-private.h"

#include "mreza-labels.h"

#include <glib/gi18n.h>

static void
notify_changed (MrezaLinkPicker *picker)
{
  if (picker->changed != NULL)
    ((void (*) (gpointer)) picker->changed) (picker->user_data);
}

static gint
find_chosen (MrezaLinkPicker *picker,
             const char      *id)
{
  for (guint i = 0; i < picker->chosen->len; i++)
    if (g_strcmp0 (((MrezaChoice *) g_ptr_array_index (picker->chosen, i))->id, id) == 0)
      return (gint) i;
  return -1;
}

static void
update_empty (MrezaLinkPicker *picker)
{
  gtk_widget_set_visible (picker->empty_row, picker->chosen->len == 0);
}

static void
remove_clicked_cb (GtkButton       *button,
                   MrezaLinkPicker *picker)
{
  const char *id = g_object_get_data (G_OBJECT (button), "link-id");

  _mreza_link_picker_toggle (picker, id, NULL, FALSE);
}

static GtkWidget *
chosen_row_new (MrezaLinkPicker   *picker,
                const MrezaChoice *choice)
{
  g_autofree char *shown = mreza_display_text (choice->label);
  g_autofree char *remove = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("list-remove-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), shown);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);

  /* Translators: the button that takes an institution or indicator off
   * a joint action; %s is its name */
  remove = g_strdup_printf (_("Remove %s"), shown);
  gtk_widget_set_tooltip_text (button, remove);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data_full (G_OBJECT (button), "link-id", g_strdup (choice->id),
                          g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (remove_clicked_cb), picker);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

/**
 * _mreza_link_picker_toggle:
 * @label: (nullable): the label of a row being chosen
 *
 * Chooses or un-chooses one row, then tells the form.
 */
void
_mreza_link_picker_toggle (MrezaLinkPicker *picker,
                           const char      *id,
                           const char      *label,
                           gboolean         chosen)
{
  gint index = find_chosen (picker, id);

  if (chosen && index < 0)
    {
      MrezaChoice *choice = g_new0 (MrezaChoice, 1);
      GtkWidget *row;

      choice->id = g_strdup (id);
      choice->label = g_strdup (label);
      g_ptr_array_add (picker->chosen, choice);
      row = chosen_row_new (picker, choice);
      g_ptr_array_add (picker->rows, row);
      adw_preferences_group_add (picker->group, row);
    }
  else if (!chosen && index >= 0)
    {
      adw_preferences_group_remove (picker->group,
                                    g_ptr_array_index (picker->rows, index));
      g_ptr_array_remove_index (picker->rows, index);
      g_ptr_array_remove_index (picker->chosen, index);
    }
  else
    return;

  update_empty (picker);
  if (!picker->filling)
    notify_changed (picker);
}

static void
check_toggled_cb (GtkCheckButton  *check,
                  MrezaLinkPicker *picker)
{
  if (picker->filling)
    return;

  _mreza_link_picker_toggle (picker,
                             g_object_get_data (G_OBJECT (check), "link-id"),
                             g_object_get_data (G_OBJECT (check), "link-label"),
                             gtk_check_button_get_active (check));
}

static GtkWidget *
answer_row_new (MrezaLinkPicker   *picker,
                const MrezaChoice *choice)
{
  g_autofree char *shown = mreza_display_text (choice->label);
  GtkWidget *check = gtk_check_button_new_with_label (shown);
  GtkWidget *label = gtk_widget_get_last_child (check);

  if (GTK_IS_LABEL (label))
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
    }
  gtk_widget_set_margin_top (check, 6);
  gtk_widget_set_margin_bottom (check, 6);
  gtk_widget_set_margin_start (check, 6);
  gtk_widget_set_margin_end (check, 6);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                               find_chosen (picker, choice->id) >= 0);
  g_object_set_data_full (G_OBJECT (check), "link-id", g_strdup (choice->id),
                          g_free);
  g_object_set_data_full (G_OBJECT (check), "link-label",
                          g_strdup (choice->label), g_free);
  g_signal_connect (check, "toggled", G_CALLBACK (check_toggled_cb), picker);
  return check;
}

/**
 * _mreza_link_picker_refresh:
 *
 * Asks for the answers to the search entry's text again.
 */
void
_mreza_link_picker_refresh (MrezaLinkPicker *picker)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (picker->search));
  g_autoptr(GPtrArray) answers = picker->search_func (picker->user_data, text);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (picker->list))) != NULL)
    gtk_list_box_remove (picker->list, child);

  picker->filling = TRUE;
  for (guint i = 0; answers != NULL && i < answers->len; i++)
    gtk_list_box_append (picker->list,
                         answer_row_new (picker, g_ptr_array_index (answers, i)));
  picker->filling = FALSE;

  if (answers == NULL || answers->len == 0)
    {
      GtkWidget *none = gtk_label_new (_("Nothing found; try another word"));

      gtk_widget_add_css_class (none, "dim-label");
      gtk_widget_set_margin_top (none, 12);
      gtk_widget_set_margin_bottom (none, 12);
      gtk_list_box_append (picker->list, none);
    }
}

static void
search_changed_cb (GtkSearchEntry  *entry,
                   MrezaLinkPicker *picker)
{
  _mreza_link_picker_refresh (picker);
}

static void
popover_shown_cb (GtkPopover      *popover,
                  MrezaLinkPicker *picker)
{
  _mreza_link_picker_refresh (picker);
  gtk_widget_grab_focus (GTK_WIDGET (picker->search));
}

/* Enter in the search chooses the first answer, as search does. */
static void
search_activate_cb (GtkSearchEntry  *entry,
                    MrezaLinkPicker *picker)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (picker->list, 0);
  GtkWidget *check = row != NULL ? gtk_list_box_row_get_child (row) : NULL;

  if (GTK_IS_CHECK_BUTTON (check))
    gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
}

void
_mreza_link_picker_init (MrezaLinkPicker     *picker,
                         const char          *table,
                         MrezaLinkSearchFunc  search_func,
                         GCallback            changed,
                         gpointer             user_data)
{
  picker->table = table;
  picker->search_func = search_func;
  picker->changed = changed;
  picker->user_data = user_data;
  picker->chosen = g_ptr_array_new_with_free_func ((GDestroyNotify) mreza_choice_free);
  picker->rows = g_ptr_array_new ();

  picker->empty_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (picker->empty_row),
                                 g_str_equal (table, "institution")
                                 ? _("No institution chosen")
                                 : _("No indicator linked"));
  gtk_widget_add_css_class (picker->empty_row, "dim-label");
  adw_preferences_group_add (picker->group, picker->empty_row);

  g_signal_connect (picker->search, "search-changed",
                    G_CALLBACK (search_changed_cb), picker);
  g_signal_connect (picker->search, "activate",
                    G_CALLBACK (search_activate_cb), picker);
  g_signal_connect (picker->popover, "show",
                    G_CALLBACK (popover_shown_cb), picker);
}

void
_mreza_link_picker_clear (MrezaLinkPicker *picker)
{
  g_clear_pointer (&picker->chosen, g_ptr_array_unref);
  g_clear_pointer (&picker->rows, g_ptr_array_unref);
}

/**
 * _mreza_link_picker_set:
 *
 * Shows @ids as chosen, each labelled as the lists label it.
 */
void
_mreza_link_picker_set (MrezaLinkPicker *picker,
                        sqlite3         *db,
                        const GPtrArray *ids)
{
  picker->filling = TRUE;
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      g_autofree char *label = mreza_joint_action_dup_label (db, picker->table, id);

      _mreza_link_picker_toggle (picker, id, label != NULL ? label : id, TRUE);
    }
  picker->filling = FALSE;
  update_empty (picker);
}

/**
 * _mreza_link_picker_read:
 * @ids: emptied, then filled with the chosen ids
 */
void
_mreza_link_picker_read (MrezaLinkPicker *picker,
                         GPtrArray       *ids)
{
  g_ptr_array_set_size (ids, 0);
  for (guint i = 0; i < picker->chosen->len; i++)
    g_ptr_array_add (ids, g_strdup (((MrezaChoice *) g_ptr_array_index (picker->chosen, i))->id));
}
