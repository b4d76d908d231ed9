/* mreza-meeting-choices.c: the answers a meeting's form and view name
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mreza-meeting-choices"

#include "config.h"

#include "mreza-meeting-choices.h"

#include "mreza-labels.h"

#include <glib/gi18n.h>

static GListModel *
names_new (GPtrArray  *choices,
           const char *first)
{
  GtkStringList *list = gtk_string_list_new (NULL);

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

static GListModel *
link_names_new (GPtrArray *links)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  /* Translators: an agenda item linked to no part of the plan */
  gtk_string_list_append (list, _("None"));
  for (guint i = 0; i < links->len; i++)
    {
      MrezaMeetingLink *link = g_ptr_array_index (links, i);
      g_autofree char *label = mreza_display_text (link->label);
      g_autofree char *text = NULL;

      if (link->activity_id != NULL)
        /* Translators: an activity of the plan, "1.2 Title" */
        text = g_strdup_printf (_("Activity %s"), label);
      else
        /* Translators: a goal of the plan, "1 Title" */
        text = g_strdup_printf (_("Goal %s"), label);
      gtk_string_list_append (list, text);
    }
  return G_LIST_MODEL (list);
}

/**
 * mreza_meeting_choices_load:
 * @db: the UI thread's connection
 *
 * Returns: (transfer full) (nullable): the choices, or %NULL with @error
 */
MrezaMeetingChoices *
mreza_meeting_choices_load (sqlite3  *db,
                            GError  **error)
{
  g_autoptr(MrezaMeetingChoices) c = g_new0 (MrezaMeetingChoices, 1);

  g_return_val_if_fail (db != NULL, NULL);

  if ((c->institutions = mreza_meeting_list_institutions (db, error)) == NULL ||
      (c->teams = mreza_joint_action_list_teams (db, error)) == NULL ||
      (c->links = mreza_meeting_list_links (db, error)) == NULL ||
      (c->tasks = mreza_meeting_list_tasks (db, error)) == NULL)
    return NULL;

  /* Translators: no institution chosen */
  c->institution_names = names_new (c->institutions, _("None"));
  /* Translators: the first line of a list of institutions to invite */
  c->invite_names = names_new (c->institutions, _("Choose…"));
  /* Translators: a meeting of every local team, not of one */
  c->team_names = names_new (c->teams, _("Whole network"));
  c->link_names = link_names_new (c->links);
  /* Translators: a follow-up task that feeds no task of the plan */
  c->task_names = names_new (c->tasks, _("None"));

  return g_steal_pointer (&c);
}

void
mreza_meeting_choices_free (MrezaMeetingChoices *choices)
{
  if (choices == NULL)
    return;

  g_clear_pointer (&choices->institutions, g_ptr_array_unref);
  g_clear_pointer (&choices->teams, g_ptr_array_unref);
  g_clear_pointer (&choices->links, g_ptr_array_unref);
  g_clear_pointer (&choices->tasks, g_ptr_array_unref);
  g_clear_object (&choices->institution_names);
  g_clear_object (&choices->invite_names);
  g_clear_object (&choices->team_names);
  g_clear_object (&choices->link_names);
  g_clear_object (&choices->task_names);
  g_free (choices);
}

/* The index of @id in @choices, or GTK_INVALID_LIST_POSITION. */
guint
mreza_meeting_choices_index (GPtrArray  *choices,
                             const char *id)
{
  g_return_val_if_fail (choices != NULL, GTK_INVALID_LIST_POSITION);

  for (guint i = 0; id != NULL && i < choices->len; i++)
    if (g_strcmp0 (((MrezaChoice *) g_ptr_array_index (choices, i))->id, id) == 0)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

const char *
mreza_meeting_choices_id (GPtrArray *choices,
                          guint      index)
{
  g_return_val_if_fail (choices != NULL, NULL);

  if (index >= choices->len)
    return NULL;
  return ((MrezaChoice *) g_ptr_array_index (choices, index))->id;
}

/* The label of @id, or NULL; as stored, not yet for display. */
const char *
mreza_meeting_choices_name (GPtrArray  *choices,
                            const char *id)
{
  guint i = mreza_meeting_choices_index (choices, id);

  if (i == GTK_INVALID_LIST_POSITION)
    return NULL;
  return ((MrezaChoice *) g_ptr_array_index (choices, i))->label;
}

/* The index in @choices->links of a goal or an activity, or
 * GTK_INVALID_LIST_POSITION. */
guint
mreza_meeting_choices_link_index (MrezaMeetingChoices *choices,
                                  const char          *goal_id,
                                  const char          *activity_id)
{
  g_return_val_if_fail (choices != NULL, GTK_INVALID_LIST_POSITION);

  for (guint i = 0; i < choices->links->len; i++)
    {
      MrezaMeetingLink *link = g_ptr_array_index (choices->links, i);

      if ((activity_id != NULL && g_strcmp0 (link->activity_id, activity_id) == 0) ||
          (activity_id == NULL && goal_id != NULL &&
           g_strcmp0 (link->goal_id, goal_id) == 0))
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_label_set_width_chars (GTK_LABEL (label), 20);
  gtk_list_item_set_child (item, label);
}

static void
bind_label_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)),
                       gtk_string_object_get_string (string));
}

/**
 * mreza_meeting_combo_row_new:
 * @title: the row's title
 * @model: a GtkStringList
 *
 * A combo row for long names (an activity's title, a ministry's name):
 * the choice shows as the row's subtitle, which wraps, and the list
 * wraps too, so that neither widens the form past a phone's width.
 *
 * Returns: (transfer floating): the row
 */
AdwComboRow *
mreza_meeting_combo_row_new (const char *title,
                             GListModel *model)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());

  g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label_cb), NULL);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_combo_row_set_use_subtitle (row, TRUE);
  adw_combo_row_set_list_factory (row, factory);
  adw_combo_row_set_model (row, model);
  return row;
}
