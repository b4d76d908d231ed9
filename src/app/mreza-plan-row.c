/* mreza-plan-row.c: a goal, activity or task in the plan tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mreza-plan-row"

#include "config.h"

#include "mreza-plan-row.h"

#include "mreza-labels.h"

#include "mreza-row.h"

#include <glib/gi18n.h>

struct _MrezaPlanRow
{
  GtkWidget        parent_instance;

  GtkTreeExpander *expander;
  GtkLabel        *title;
  GtkLabel        *subtitle;
};

G_DEFINE_FINAL_TYPE (MrezaPlanRow, mreza_plan_row, GTK_TYPE_WIDGET)

static const char *level_classes[] = { "goal", "activity", "task" };

static void
mreza_plan_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MREZA_TYPE_PLAN_ROW);

  G_OBJECT_CLASS (mreza_plan_row_parent_class)->dispose (object);
}

static void
mreza_plan_row_class_init (MrezaPlanRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mreza_plan_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/rs/mreza/Mreza/mreza-plan-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MrezaPlanRow, expander);
  gtk_widget_class_bind_template_child (widget_class, MrezaPlanRow, title);
  gtk_widget_class_bind_template_child (widget_class, MrezaPlanRow, subtitle);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mreza-plan-row");
}

static void
mreza_plan_row_init (MrezaPlanRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
mreza_plan_row_new (void)
{
  return g_object_new (MREZA_TYPE_PLAN_ROW, NULL);
}

static char *
format_title (MrezaRow *row)
{
  g_autofree char *title = mreza_display_text (mreza_row_get_title (row));

  g_assert (MREZA_IS_ROW (row));

  if (mreza_row_get_kind (row) == MREZA_ROW_GOAL)
    /* Translators: a goal of the action plan in the plan tree, "Cilj 1: …" */
    return g_strdup_printf (_("Goal %d: %s"),
                            mreza_row_get_number (row), title);

  /* Translators: an activity or a task in the plan tree, "3. …" */
  return g_strdup_printf (_("%d. %s"), mreza_row_get_number (row), title);
}

/**
 * mreza_plan_row_set_list_row:
 * @self: a #MrezaPlanRow
 * @list_row: (nullable): the tree row to show, its item a #MrezaRow
 */
void
mreza_plan_row_set_list_row (MrezaPlanRow   *self,
                             GtkTreeListRow *list_row)
{
  g_autoptr(MrezaRow) row = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  guint depth;

  g_return_if_fail (MREZA_IS_PLAN_ROW (self));
  g_return_if_fail (list_row == NULL || GTK_IS_TREE_LIST_ROW (list_row));

  gtk_tree_expander_set_list_row (self->expander, list_row);
  for (guint i = 0; i < G_N_ELEMENTS (level_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self), level_classes[i]);

  if (list_row == NULL)
    return;

  row = gtk_tree_list_row_get_item (list_row);
  depth = MIN (gtk_tree_list_row_get_depth (list_row),
               G_N_ELEMENTS (level_classes) - 1);
  gtk_widget_add_css_class (GTK_WIDGET (self), level_classes[depth]);

  title = format_title (row);
  gtk_label_set_text (self->title, title);

  subtitle = mreza_display_text (mreza_row_get_subtitle (row));
  /* A task says how far it has come after who is responsible. */
  if (mreza_row_get_kind (row) == MREZA_ROW_TASK &&
      mreza_row_get_tag (row) != NULL)
    {
      const char *status = mreza_task_status_label (mreza_row_get_tag (row));
      char *with_status;

      if (subtitle != NULL && *subtitle != '\0')
        /* Translators: a task in the plan tree: who is responsible, its status */
        with_status = g_strdup_printf (_("%s · %s"), subtitle, status);
      else
        with_status = g_strdup (status);
      g_free (subtitle);
      subtitle = with_status;
    }
  gtk_label_set_text (self->subtitle, subtitle != NULL ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle),
                          subtitle != NULL && *subtitle != '\0');
}
