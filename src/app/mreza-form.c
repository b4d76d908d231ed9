/* mreza-form.c: the modal form every editor of a record is built on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What every form of a record would otherwise write out lives here:
 * a modal window over the main one with Cancel and Save in the header
 * bar, Save (and Ctrl+S) off while any field is wrong or, for a record
 * that exists, while nothing changed; Escape and closing ask "Discard
 * changes?" when there are changes; an error a save met is shown at the
 * top; a notice at the top says why a record cannot be changed from
 * this device. A subclass adds its groups of rows, reads its widgets in
 * ->check() and calls mreza_form_changed() whenever a field changes.
 *
 * The form emits ::saved with the record's id, or ::deleted with what
 * was deleted (for the page's Undo), then closes.
 */
#define G_LOG_DOMAIN "mreza-form"

#include "config.h"

#include "mreza-form.h"

#include <glib/gi18n.h>

typedef struct
{
  AdwWindowTitle      *window_title;
  GtkWidget           *save_button;
  AdwPreferencesPage  *page;
  AdwPreferencesGroup *notice_group;
  GtkLabel            *notice_label;
  AdwPreferencesGroup *error_group;
  GtkLabel            *error_label;
  GtkWidget           *delete_group;
  GtkWidget           *delete_button;

  char                *discard_text;
  char                *locked;        /* why this device may not save */
  gboolean             is_new;
  gboolean             filling;
  gboolean             close_confirmed;
} MrezaFormPrivate;

enum {
  SAVED,
  DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkBuildableIface *parent_buildable_iface;

static void mreza_form_buildable_init (GtkBuildableIface *iface);

G_DEFINE_TYPE_WITH_CODE (MrezaForm, mreza_form, ADW_TYPE_WINDOW,
                         G_ADD_PRIVATE (MrezaForm)
                         G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE,
                                                mreza_form_buildable_init))

#define PRIV(self) ((MrezaFormPrivate *) mreza_form_get_instance_private (self))

static gboolean
run_check (MrezaForm *self)
{
  MrezaFormClass *klass = MREZA_FORM_GET_CLASS (self);

  return klass->check == NULL || klass->check (self);
}

/**
 * mreza_form_has_changes:
 * @self: a form
 *
 * Returns: whether the widgets say something else than was loaded
 */
gboolean
mreza_form_has_changes (MrezaForm *self)
{
  MrezaFormClass *klass;

  g_return_val_if_fail (MREZA_IS_FORM (self), FALSE);

  klass = MREZA_FORM_GET_CLASS (self);
  run_check (self);
  return klass->has_changes != NULL && klass->has_changes (self);
}

static void
update_state (MrezaForm *self)
{
  MrezaFormPrivate *priv = PRIV (self);
  MrezaFormClass *klass = MREZA_FORM_GET_CLASS (self);
  gboolean valid = run_check (self);
  gboolean changed = klass->has_changes != NULL && klass->has_changes (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.save",
                                 priv->locked == NULL && valid &&
                                 (priv->is_new || changed));
}

/**
 * mreza_form_changed:
 * @self: a form
 *
 * Tells the form that a field changed: the fields are checked again
 * and Save is turned on or off. Does nothing while the form is being
 * filled (mreza_form_set_filling()).
 */
void
mreza_form_changed (MrezaForm *self)
{
  g_return_if_fail (MREZA_IS_FORM (self));

  if (PRIV (self)->filling)
    return;
  update_state (self);
}

/**
 * mreza_form_set_filling:
 * @self: a form
 * @filling: whether the subclass is setting its widgets
 *
 * While filling, changes are not checked; the end of filling checks
 * everything once.
 */
void
mreza_form_set_filling (MrezaForm *self,
                        gboolean   filling)
{
  g_return_if_fail (MREZA_IS_FORM (self));

  PRIV (self)->filling = filling;
  if (!filling)
    update_state (self);
}

/**
 * mreza_form_can_save:
 *
 * Returns: whether Save is on
 */
gboolean
mreza_form_can_save (MrezaForm *self)
{
  g_return_val_if_fail (MREZA_IS_FORM (self), FALSE);

  return gtk_widget_is_sensitive (PRIV (self)->save_button);
}

void
mreza_form_show_error (MrezaForm    *self,
                       const GError *error)
{
  MrezaFormPrivate *priv;

  g_return_if_fail (MREZA_IS_FORM (self));

  priv = PRIV (self);
  gtk_label_set_label (priv->error_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (priv->error_group), error != NULL);
}

/**
 * mreza_form_get_error:
 *
 * Returns: (nullable): the error the form shows, if any
 */
const char *
mreza_form_get_error (MrezaForm *self)
{
  MrezaFormPrivate *priv;

  g_return_val_if_fail (MREZA_IS_FORM (self), NULL);

  priv = PRIV (self);
  if (!gtk_widget_get_visible (GTK_WIDGET (priv->error_group)))
    return NULL;
  return gtk_label_get_label (priv->error_label);
}

static void
close_confirmed (MrezaForm *self)
{
  PRIV (self)->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (self));
}

/**
 * mreza_form_save:
 * @self: a form
 *
 * Saves, as the Save button does: nothing happens while Save is off.
 * On success emits ::saved and closes; otherwise shows the error.
 */
void
mreza_form_save (MrezaForm *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  g_return_if_fail (MREZA_IS_FORM (self));

  update_state (self);
  if (!gtk_widget_is_sensitive (PRIV (self)->save_button) ||
      MREZA_FORM_GET_CLASS (self)->save == NULL)
    return;

  id = MREZA_FORM_GET_CLASS (self)->save (self, &error);
  if (id == NULL)
    {
      mreza_form_show_error (self, error);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, id);
  close_confirmed (self);
}

/**
 * mreza_form_delete:
 * @self: a form that can delete (mreza_form_set_deletable())
 *
 * Deletes the record; on success emits ::deleted and closes.
 */
void
mreza_form_delete (MrezaForm *self)
{
  MrezaFormClass *klass;
  g_autoptr(GError) error = NULL;
  gpointer snapshot;

  g_return_if_fail (MREZA_IS_FORM (self));

  klass = MREZA_FORM_GET_CLASS (self);
  if (klass->delete == NULL ||
      !gtk_widget_is_sensitive (GTK_WIDGET (PRIV (self)->delete_button)))
    return;

  snapshot = klass->delete (self, &error);
  if (snapshot == NULL)
    {
      mreza_form_show_error (self, error);
      return;
    }

  g_signal_emit (self, signals[DELETED], 0, snapshot);
  if (klass->free_snapshot != NULL)
    klass->free_snapshot (snapshot);
  close_confirmed (self);
}

static void
form_save_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  mreza_form_save (MREZA_FORM (widget));
}

static void
form_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  mreza_form_delete (MREZA_FORM (widget));
}

static gboolean
close_idle_cb (gpointer user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

static void
discard_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     MrezaForm        *self)
{
  if (g_strcmp0 (response, "discard") != 0)
    return;

  /* The form closes once the dialog, transient for it, has closed:
   * closing it from inside the dialog's response would free the
   * dialog's parent under it. */
  PRIV (self)->close_confirmed = TRUE;
  g_idle_add_full (G_PRIORITY_DEFAULT, close_idle_cb, g_object_ref (self),
                   g_object_unref);
}

static gboolean
mreza_form_close_request (GtkWindow *window)
{
  MrezaForm *self = MREZA_FORM (window);
  MrezaFormPrivate *priv = PRIV (self);
  GtkWidget *dialog;

  if (priv->close_confirmed || priv->locked != NULL ||
      !mreza_form_has_changes (self))
    return GTK_WINDOW_CLASS (mreza_form_parent_class)->close_request (window);

  dialog = adw_message_dialog_new (window, _("Discard Changes?"),
                                   priv->discard_text != NULL
                                   ? priv->discard_text
                                   : _("The form has changes that are not "
                                       "saved. Discarded changes are lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog),
                                              "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog),
                                           "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog),
                                         "cancel");
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

static void
mreza_form_finalize (GObject *object)
{
  MrezaFormPrivate *priv = PRIV (MREZA_FORM (object));

  g_free (priv->discard_text);
  g_free (priv->locked);

  G_OBJECT_CLASS (mreza_form_parent_class)->finalize (object);
}

static void
mreza_form_class_init (MrezaFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  /* No gtk_widget_dispose_template() here: GTK 4.8 looks the template
   * up in the instance's class, a subclass without one, and fails. The
   * window's content goes with the window all the same. */
  object_class->finalize = mreza_form_finalize;
  window_class->close_request = mreza_form_close_request;

  /**
   * MrezaForm::saved:
   * @id: the saved record's id
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass),
                                 G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * MrezaForm::deleted:
   * @snapshot: (type gpointer): what was deleted, as the subclass's
   *   ->delete() returned it, borrowed for the emission
   */
  signals[DELETED] = g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_POINTER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/rs/mreza/Mreza/mreza-form.ui");
  gtk_widget_class_bind_template_child_private (widget_class, MrezaForm, window_title);
  gtk_widget_class_bind_template_child_private (widget_class, MrezaForm, save_button);
  gtk_widget_class_bind_template_child_private (widget_class, MrezaForm, page);
  gtk_widget_class_bind_template_child_private (widget_class, MrezaForm, notice_group);
  gtk_widget_class_bind_template_child_private (widget_class, MrezaForm, notice_label);
  gtk_widget_class_bind_template_child_private (widget_class, MrezaForm, error_group);
  gtk_widget_class_bind_template_child_private (widget_class, MrezaForm, error_label);

  gtk_widget_class_install_action (widget_class, "form.save", NULL,
                                   form_save_action);
  gtk_widget_class_install_action (widget_class, "form.delete", NULL,
                                   form_delete_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s,
                                       GDK_CONTROL_MASK, "form.save", NULL);
}

/* A subclass's template may list its groups as the form's children:
 * they go on the form's page, below the notice and the error, as
 * mreza_form_add_group() puts them. Anything else is the window's. */
static void
mreza_form_buildable_add_child (GtkBuildable *buildable,
                                GtkBuilder   *builder,
                                GObject      *child,
                                const char   *type)
{
  if (type == NULL && ADW_IS_PREFERENCES_GROUP (child))
    mreza_form_add_group (MREZA_FORM (buildable), GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
mreza_form_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = mreza_form_buildable_add_child;
}

static void
mreza_form_init (MrezaForm *self)
{
  MrezaFormPrivate *priv = PRIV (self);

  gtk_widget_init_template (GTK_WIDGET (self));
  priv->is_new = TRUE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.save", FALSE);
}

/**
 * mreza_form_set_heading:
 * @self: a form
 * @title: the window's title, "New Contact"
 * @subtitle: (nullable): what it belongs to, "Lokalni tim Niš"
 */
void
mreza_form_set_heading (MrezaForm  *self,
                        const char *title,
                        const char *subtitle)
{
  MrezaFormPrivate *priv;

  g_return_if_fail (MREZA_IS_FORM (self));

  priv = PRIV (self);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (priv->window_title, title);
  adw_window_title_set_subtitle (priv->window_title,
                                 subtitle != NULL ? subtitle : "");
}

/**
 * mreza_form_set_is_new:
 * @self: a form
 * @is_new: whether the record is not saved yet
 *
 * A new record may be saved as soon as it is valid; one that exists
 * only once something changed.
 */
void
mreza_form_set_is_new (MrezaForm *self,
                       gboolean   is_new)
{
  g_return_if_fail (MREZA_IS_FORM (self));

  PRIV (self)->is_new = is_new;
  update_state (self);
}

gboolean
mreza_form_get_is_new (MrezaForm *self)
{
  g_return_val_if_fail (MREZA_IS_FORM (self), FALSE);

  return PRIV (self)->is_new;
}

/**
 * mreza_form_set_discard_text:
 * @self: a form
 * @body: what "Discard Changes?" says, naming the record
 */
void
mreza_form_set_discard_text (MrezaForm  *self,
                             const char *body)
{
  MrezaFormPrivate *priv;

  g_return_if_fail (MREZA_IS_FORM (self));

  priv = PRIV (self);
  g_free (priv->discard_text);
  priv->discard_text = g_strdup (body);
}

/**
 * mreza_form_add_group:
 * @self: a form
 * @group: an #AdwPreferencesGroup of the subclass's rows
 *
 * Adds @group below the ones added before; call before
 * mreza_form_set_deletable(). A subclass's template may instead list
 * its groups as `<child>`ren of its `<template>`.
 */
void
mreza_form_add_group (MrezaForm *self,
                      GtkWidget *group)
{
  g_return_if_fail (MREZA_IS_FORM (self));
  g_return_if_fail (ADW_IS_PREFERENCES_GROUP (group));

  adw_preferences_page_add (PRIV (self)->page, ADW_PREFERENCES_GROUP (group));
}

/**
 * mreza_form_set_deletable:
 * @self: a form
 * @label: the delete button's label, with a mnemonic
 * @why_not: (nullable): why this device may not delete, for the
 *   button's tooltip; %NULL when it may
 *
 * Adds the destructive button at the bottom of the form.
 */
void
mreza_form_set_deletable (MrezaForm  *self,
                          const char *label,
                          const char *why_not)
{
  MrezaFormPrivate *priv;

  g_return_if_fail (MREZA_IS_FORM (self));
  g_return_if_fail (label != NULL);

  priv = PRIV (self);
  if (priv->delete_group == NULL)
    {
      priv->delete_group = adw_preferences_group_new ();
      priv->delete_button = gtk_button_new_with_mnemonic (label);
      gtk_widget_set_halign (priv->delete_button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (priv->delete_button),
                                      "form.delete");
      gtk_widget_add_css_class (priv->delete_button, "destructive-action");
      gtk_widget_add_css_class (priv->delete_button, "pill");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (priv->delete_group),
                                 priv->delete_button);
      adw_preferences_page_add (priv->page,
                                ADW_PREFERENCES_GROUP (priv->delete_group));
    }
  else
    gtk_button_set_label (GTK_BUTTON (priv->delete_button), label);

  /* A button that cannot be used still says why, in its tooltip: an
   * insensitive widget keeps its tooltip, and the group around it
   * shows the same words to a screen reader. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.delete",
                                 why_not == NULL);
  gtk_widget_set_tooltip_text (priv->delete_button, why_not);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (priv->delete_group),
                                         why_not);
}

/**
 * mreza_form_set_locked:
 * @self: a form
 * @why: (nullable): why this device may not save the record, shown at
 *   the top of the form; %NULL to allow saving
 *
 * A locked form shows the record but never saves it.
 */
void
mreza_form_set_locked (MrezaForm  *self,
                       const char *why)
{
  MrezaFormPrivate *priv;

  g_return_if_fail (MREZA_IS_FORM (self));

  priv = PRIV (self);
  g_free (priv->locked);
  priv->locked = g_strdup (why);
  gtk_label_set_label (priv->notice_label, why != NULL ? why : "");
  gtk_widget_set_visible (GTK_WIDGET (priv->notice_group), why != NULL);
  gtk_widget_set_tooltip_text (priv->save_button, why != NULL ? why
                                                  : _("Save (Ctrl+S)"));
  update_state (self);
}

gboolean
mreza_form_get_locked (MrezaForm *self)
{
  g_return_val_if_fail (MREZA_IS_FORM (self), FALSE);

  return PRIV (self)->locked != NULL;
}

GtkWidget *
mreza_form_get_save_button (MrezaForm *self)
{
  g_return_val_if_fail (MREZA_IS_FORM (self), NULL);

  return PRIV (self)->save_button;
}

/**
 * mreza_form_get_delete_button:
 *
 * Returns: (nullable) (transfer none): the delete button, once
 *   mreza_form_set_deletable() added it
 */
GtkWidget *
mreza_form_get_delete_button (MrezaForm *self)
{
  g_return_val_if_fail (MREZA_IS_FORM (self), NULL);

  return PRIV (self)->delete_button;
}

/**
 * mreza_form_show_problem:
 * @row: an #AdwPreferencesRow
 * @title: the row's title when nothing is wrong
 * @problem: (nullable): what is wrong, or %NULL
 *
 * Shows @problem in the row's title, where the eye already is, in the
 * error colour, and to screen readers as the row's description.
 */
void
mreza_form_show_problem (GtkWidget  *row,
                         const char *title,
                         const char *problem)
{
  g_return_if_fail (ADW_IS_PREFERENCES_ROW (row));

  if (problem != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), problem);
      gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                                   GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      problem, -1);
    }
  else
    {
      gtk_widget_remove_css_class (row, "error");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

/**
 * mreza_form_dup_text:
 * @editable: a #GtkEditable, such as an #AdwEntryRow
 *
 * Returns: (transfer full) (nullable): its text without surrounding
 *   space, or %NULL when that leaves nothing
 */
char *
mreza_form_dup_text (GtkWidget *editable)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (GTK_IS_EDITABLE (editable), NULL);

  text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable)));
  g_strstrip (text);
  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

void
mreza_form_set_text (GtkWidget  *editable,
                     const char *text)
{
  g_return_if_fail (GTK_IS_EDITABLE (editable));

  gtk_editable_set_text (GTK_EDITABLE (editable), text != NULL ? text : "");
}

/**
 * mreza_form_entry_row_new:
 * @self: the form whose state the row's changes update
 * @title: the row's title, also its accessible label
 *
 * Returns: (transfer floating): an #AdwEntryRow
 */
GtkWidget *
mreza_form_entry_row_new (MrezaForm  *self,
                          const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  g_signal_connect_object (row, "changed", G_CALLBACK (mreza_form_changed),
                           self, G_CONNECT_SWAPPED);
  return row;
}

/**
 * mreza_form_combo_row_new:
 * @self: the form whose state the row's changes update
 * @title: the row's title
 * @model: (transfer none): a #GtkStringList of the choices
 *
 * Returns: (transfer floating): an #AdwComboRow
 */
GtkWidget *
mreza_form_combo_row_new (MrezaForm  *self,
                          const char *title,
                          GListModel *model)
{
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), model);
  g_signal_connect_object (row, "notify::selected",
                           G_CALLBACK (mreza_form_changed), self,
                           G_CONNECT_SWAPPED);
  return row;
}

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (user_data))
    {
      /* The button: one line, cut short. */
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
    }
  else
    {
      /* The list: the whole name, wrapped. */
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_label_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)),
                       gtk_string_object_get_string (string));
}

static GtkListItemFactory *
label_factory_new (gboolean button)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb),
                    GINT_TO_POINTER (button));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label_cb), NULL);
  return factory;
}

/**
 * mreza_form_search_row_new:
 * @self: the form whose state the choice updates
 * @title: the row's title, also the drop-down's accessible label
 * @strings: (transfer none): a #GtkStringList of the choices
 * @out_drop: (out) (transfer none): the drop-down
 *
 * A row to choose one of many (the network's hundred institutions):
 * a #GtkDropDown whose list filters as one types, since libadwaita
 * 1.2's combo row cannot search.
 *
 * Returns: (transfer floating): an #AdwActionRow
 */
GtkWidget *
mreza_form_search_row_new (MrezaForm    *self,
                           const char   *title,
                           GListModel   *strings,
                           GtkDropDown **out_drop)
{
  GtkWidget *row = adw_action_row_new ();
  GtkExpression *expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT,
                                                           NULL, "string");
  GtkWidget *drop = gtk_drop_down_new (g_object_ref (strings), expression);
  g_autoptr(GtkListItemFactory) button = label_factory_new (TRUE);
  g_autoptr(GtkListItemFactory) list = label_factory_new (FALSE);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (drop), TRUE);
  gtk_drop_down_set_factory (GTK_DROP_DOWN (drop), button);
  gtk_drop_down_set_list_factory (GTK_DROP_DOWN (drop), list);
  gtk_widget_set_valign (drop, GTK_ALIGN_CENTER);
  /* Flat, as an AdwComboRow's choice is: the row is the control. */
  gtk_widget_add_css_class (drop, "flat");
  if (GTK_IS_BUTTON (gtk_widget_get_first_child (drop)))
    gtk_widget_add_css_class (gtk_widget_get_first_child (drop), "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), drop);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), drop);
  g_signal_connect_object (drop, "notify::selected",
                           G_CALLBACK (mreza_form_changed), self,
                           G_CONNECT_SWAPPED);
  *out_drop = GTK_DROP_DOWN (drop);
  return row;
}

/**
 * mreza_form_switch_row_new:
 * @self: the form whose state the switch updates
 * @title: the row's title, also the switch's accessible label
 * @subtitle: (nullable): what it means
 * @out_switch: (out) (transfer none): the switch
 *
 * An #AdwActionRow with a #GtkSwitch (libadwaita 1.2 has no switch
 * row): activating the row toggles the switch.
 *
 * Returns: (transfer floating): the row
 */
GtkWidget *
mreza_form_switch_row_new (MrezaForm   *self,
                           const char  *title,
                           const char  *subtitle,
                           GtkSwitch  **out_switch)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  g_signal_connect_object (toggle, "notify::active",
                           G_CALLBACK (mreza_form_changed), self,
                           G_CONNECT_SWAPPED);
  *out_switch = GTK_SWITCH (toggle);
  return row;
}
