/* mreza-actions-page.c: the joint actions of the local teams
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Trainings, campaigns, meetings and joint preventive actions, newest
 * first, with when, where, which team and how many took part.
 */
#define G_LOG_DOMAIN "mreza-actions-page"

#include "config.h"

#include "mreza-actions-page.h"

#include "mreza-labels.h"
#include "mreza-list-row.h"
#include "mreza-row-list.h"

#include <glib/gi18n.h>

struct _MrezaActionsPage
{
  GtkWidget      parent_instance;

  GtkStack      *stack;
  GtkListView   *list_view;
  AdwStatusPage *error_status;

  MrezaStore    *store;
  MrezaRowList  *actions;
};

G_DEFINE_FINAL_TYPE (MrezaActionsPage, mreza_actions_page, GTK_TYPE_WIDGET)

static const char *
kind_icon (const char *kind)
{
  if (g_strcmp0 (kind, "training") == 0)
    return "user-info-symbolic";
  if (g_strcmp0 (kind, "campaign") == 0)
    return "mail-send-symbolic";
  if (g_strcmp0 (kind, "meeting") == 0)
    return "system-users-symbolic";
  if (g_strcmp0 (kind, "joint_preventive_action") == 0)
    return "emblem-shared-symbolic";
  return "x-office-calendar-symbolic";
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (item, mreza_list_row_new ());
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  MrezaListRow *widget = MREZA_LIST_ROW (gtk_list_item_get_child (item));
  MrezaRow *row = gtk_list_item_get_item (item);
  const char *kind = mreza_row_get_tag (row);
  guint n = mreza_row_get_n_children (row);
  g_autofree char *where = mreza_format_dates_in (mreza_row_get_subtitle (row));
  g_autofree char *subtitle = NULL;

  if (n > 0)
    /* Translators: when and where a joint action was, then how many
     * people took part */
    subtitle = g_strdup_printf (ngettext ("%s · %u participant",
                                          "%s · %u participants", n),
                                where, n);
  else
    subtitle = g_steal_pointer (&where);

  mreza_list_row_set_icon (widget, kind_icon (kind));
  mreza_list_row_set_title (widget, mreza_row_get_title (row));
  mreza_list_row_set_subtitle (widget, subtitle);
  mreza_list_row_set_tag (widget, mreza_action_kind_label (kind), NULL);
}

static void
actions_loaded_cb (MrezaActionsPage *self)
{
  const GError *error;

  g_assert (MREZA_IS_ACTIONS_PAGE (self));

  if (!mreza_row_list_get_loaded (self->actions))
    return;

  error = mreza_row_list_get_error (self->actions);
  if (error != NULL)
    {
      adw_status_page_set_description (self->error_status, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
    }
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->actions)) == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->stack, "list");
}

static void mreza_actions_page_map (GtkWidget *widget);

static void
mreza_actions_page_dispose (GObject *object)
{
  MrezaActionsPage *self = MREZA_ACTIONS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MREZA_TYPE_ACTIONS_PAGE);
  g_clear_object (&self->actions);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (mreza_actions_page_parent_class)->dispose (object);
}

static void
mreza_actions_page_class_init (MrezaActionsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mreza_actions_page_dispose;
  widget_class->map = mreza_actions_page_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/rs/mreza/Mreza/mreza-actions-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MrezaActionsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, MrezaActionsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, MrezaActionsPage, error_status);
  gtk_widget_class_bind_template_callback (widget_class, setup_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_row_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
mreza_actions_page_init (MrezaActionsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* The list is read the first time the page is shown: a replica may
 * hold a million joint actions, and a page nobody opened should not
 * cost a scan at start-up. */
static void
load_actions (MrezaActionsPage *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  g_assert (self->store != NULL);

  self->actions = mreza_row_list_new (self->store, MREZA_ROW_JOINT_ACTION,
                                      NULL);
  g_signal_connect_object (self->actions, "notify::loaded",
                           G_CALLBACK (actions_loaded_cb), self,
                           G_CONNECT_SWAPPED);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->actions)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  gtk_stack_set_visible_child_name (self->stack, "loading");
  actions_loaded_cb (self);
}

static void
mreza_actions_page_map (GtkWidget *widget)
{
  MrezaActionsPage *self = MREZA_ACTIONS_PAGE (widget);

  GTK_WIDGET_CLASS (mreza_actions_page_parent_class)->map (widget);

  if (self->store != NULL && self->actions == NULL)
    load_actions (self);
}

void
mreza_actions_page_set_store (MrezaActionsPage *self,
                              MrezaStore       *store)
{
  g_return_if_fail (MREZA_IS_ACTIONS_PAGE (self));
  g_return_if_fail (MREZA_IS_STORE (store));

  gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->actions);
  g_set_object (&self->store, store);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load_actions (self);
}
