/* mreza-search-page.c: what a search found, as you type
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each change of the text starts a search in a worker and cancels the
 * one still running, so the list always answers the latest text.
 * Activating a result emits ::result-activated with its MrezaRow; the
 * window takes it from there.
 */
#define G_LOG_DOMAIN "mreza-search-page"

#include "config.h"

#include "mreza-search-page.h"

#include "mreza-labels.h"
#include "mreza-list-row.h"
#include "mreza-row.h"
#include "mreza-search.h"

#include <glib/gi18n.h>

#define MAX_RESULTS 50

struct _MrezaSearchPage
{
  GtkWidget      parent_instance;

  GtkStack      *stack;
  GtkListBox    *list_box;
  AdwStatusPage *error_status;

  MrezaStore    *store;
  GListStore    *results;
  GCancellable  *cancellable;
};

G_DEFINE_FINAL_TYPE (MrezaSearchPage, mreza_search_page, GTK_TYPE_WIDGET)

enum {
  RESULT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
kind_icon (MrezaRowKind kind)
{
  switch (kind)
    {
    case MREZA_ROW_GOAL:
      return "emblem-default-symbolic";
    case MREZA_ROW_ACTIVITY:
      return "view-list-ordered-symbolic";
    case MREZA_ROW_TASK:
      return "checkbox-checked-symbolic";
    case MREZA_ROW_INSTITUTION:
      return "user-home-symbolic";
    case MREZA_ROW_TEAM:
      return "system-users-symbolic";
    case MREZA_ROW_PROJECT:
      return "folder-documents-symbolic";
    case MREZA_ROW_JOINT_ACTION:
      return "x-office-calendar-symbolic";
    case MREZA_ROW_INDICATOR:
      return "x-office-spreadsheet-symbolic";
    case MREZA_ROW_PLAN:
    case MREZA_N_ROW_KINDS:
    default:
      return "text-x-generic-symbolic";
    }
}

static const char *
kind_label (MrezaRowKind kind)
{
  switch (kind)
    {
    case MREZA_ROW_GOAL:
      return _("Goal");
    case MREZA_ROW_ACTIVITY:
      return _("Activity");
    case MREZA_ROW_TASK:
      return _("Task");
    case MREZA_ROW_INSTITUTION:
      return _("Institution");
    case MREZA_ROW_TEAM:
      return _("Team");
    case MREZA_ROW_PROJECT:
      return _("Project");
    case MREZA_ROW_JOINT_ACTION:
      return _("Joint action");
    case MREZA_ROW_INDICATOR:
      return _("Indicator");
    case MREZA_ROW_PLAN:
    case MREZA_N_ROW_KINDS:
    default:
      return _("Action plan");
    }
}

static char *
result_title (MrezaRow *row)
{
  g_assert (MREZA_IS_ROW (row));

  switch (mreza_row_get_kind (row))
    {
    case MREZA_ROW_GOAL:
      return g_strdup_printf (_("Goal %d: %s"), mreza_row_get_number (row),
                              mreza_row_get_title (row));
    case MREZA_ROW_ACTIVITY:
    case MREZA_ROW_TASK:
      return g_strdup_printf (_("%d. %s"), mreza_row_get_number (row),
                              mreza_row_get_title (row));
    case MREZA_ROW_PLAN:
    case MREZA_ROW_INSTITUTION:
    case MREZA_ROW_TEAM:
    case MREZA_ROW_PROJECT:
    case MREZA_ROW_JOINT_ACTION:
    case MREZA_ROW_INDICATOR:
    case MREZA_N_ROW_KINDS:
    default:
      return g_strdup (mreza_row_get_title (row));
    }
}

/* At most MAX_RESULTS rows: a GtkListBox, styled as a boxed list. */
static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  MrezaRow *row = item;
  MrezaRowKind kind = mreza_row_get_kind (row);
  GtkWidget *widget = mreza_list_row_new ();
  g_autofree char *title = result_title (row);
  g_autofree char *where = mreza_format_dates_in (mreza_row_get_subtitle (row));
  g_autofree char *subtitle = NULL;

  if (kind == MREZA_ROW_INSTITUTION)
    subtitle = g_strdup_printf (_("%s · %s"),
                                mreza_sector_label (mreza_row_get_tag (row)),
                                where != NULL ? where : "");
  else if (where != NULL && *where != '\0')
    subtitle = g_strdup_printf (_("%s · %s"), kind_label (kind), where);
  else
    subtitle = g_strdup (kind_label (kind));

  mreza_list_row_set_icon (MREZA_LIST_ROW (widget), kind_icon (kind));
  mreza_list_row_set_title (MREZA_LIST_ROW (widget), title);
  mreza_list_row_set_subtitle (MREZA_LIST_ROW (widget), subtitle);

  return g_object_new (GTK_TYPE_LIST_BOX_ROW,
                       "child", widget,
                       "activatable", TRUE,
                       NULL);
}

static void
row_activated_cb (MrezaSearchPage *self,
                  GtkListBoxRow   *row)
{
  g_autoptr(MrezaRow) item = NULL;

  g_assert (MREZA_IS_SEARCH_PAGE (self));

  item = g_list_model_get_item (G_LIST_MODEL (self->results),
                                gtk_list_box_row_get_index (row));
  if (item != NULL)
    g_signal_emit (self, signals[RESULT_ACTIVATED], 0, item);
}

static void
search_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(MrezaSearchPage) self = user_data;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  rows = mreza_search_run_finish (MREZA_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);

  if (rows == NULL)
    {
      g_list_store_remove_all (self->results);
      adw_status_page_set_description (self->error_status, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  g_list_store_splice (self->results, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->results)),
                       rows->pdata, rows->len);
  gtk_stack_set_visible_child_name (self->stack,
                                    rows->len > 0 ? "results" : "none");
}

static void
mreza_search_page_dispose (GObject *object)
{
  MrezaSearchPage *self = MREZA_SEARCH_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), MREZA_TYPE_SEARCH_PAGE);
  g_clear_object (&self->results);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (mreza_search_page_parent_class)->dispose (object);
}

static void
mreza_search_page_class_init (MrezaSearchPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mreza_search_page_dispose;

  /**
   * MrezaSearchPage::result-activated:
   * @self: a #MrezaSearchPage
   * @row: the #MrezaRow found
   *
   * Someone chose a result: the window shows it where it belongs.
   */
  signals[RESULT_ACTIVATED] =
    g_signal_new ("result-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, MREZA_TYPE_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/rs/mreza/Mreza/mreza-search-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MrezaSearchPage, stack);
  gtk_widget_class_bind_template_child (widget_class, MrezaSearchPage, list_box);
  gtk_widget_class_bind_template_child (widget_class, MrezaSearchPage, error_status);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
mreza_search_page_init (MrezaSearchPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->results = g_list_store_new (MREZA_TYPE_ROW);
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->results),
                           create_row_cb, self, NULL);
}

void
mreza_search_page_set_store (MrezaSearchPage *self,
                             MrezaStore      *store)
{
  g_return_if_fail (MREZA_IS_SEARCH_PAGE (self));
  g_return_if_fail (MREZA_IS_STORE (store));

  g_set_object (&self->store, store);
  mreza_search_page_set_text (self, NULL);
}

/**
 * mreza_search_page_set_text:
 * @self: a #MrezaSearchPage
 * @text: (nullable): what to look for
 *
 * Starts a search for @text, cancelling the one running.
 */
void
mreza_search_page_set_text (MrezaSearchPage *self,
                            const char      *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));

  g_return_if_fail (MREZA_IS_SEARCH_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (*stripped == '\0' || self->store == NULL)
    {
      g_list_store_remove_all (self->results);
      gtk_stack_set_visible_child_name (self->stack, "hint");
      return;
    }

  self->cancellable = g_cancellable_new ();
  mreza_search_run_async (self->store, stripped, MAX_RESULTS,
                          self->cancellable, search_done_cb,
                          g_object_ref (self));
}

/* Enter in the search entry opens the first result. */
gboolean
mreza_search_page_activate_first (MrezaSearchPage *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (MREZA_IS_SEARCH_PAGE (self), FALSE);

  row = gtk_list_box_get_row_at_index (self->list_box, 0);
  if (row == NULL)
    return FALSE;

  row_activated_cb (self, row);
  return TRUE;
}

/**
 * mreza_search_page_get_results:
 * @self: a #MrezaSearchPage
 *
 * Returns: (transfer none): the rows found for the latest text
 */
GListModel *
mreza_search_page_get_results (MrezaSearchPage *self)
{
  g_return_val_if_fail (MREZA_IS_SEARCH_PAGE (self), NULL);

  return G_LIST_MODEL (self->results);
}

gboolean
mreza_search_page_is_busy (MrezaSearchPage *self)
{
  g_return_val_if_fail (MREZA_IS_SEARCH_PAGE (self), FALSE);

  return self->cancellable != NULL;
}
