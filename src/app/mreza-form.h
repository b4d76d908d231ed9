/* mreza-form.h: the modal form every editor of a record is built on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MREZA_TYPE_FORM (mreza_form_get_type ())

G_DECLARE_DERIVABLE_TYPE (MrezaForm, mreza_form, MREZA, FORM, AdwWindow)

/**
 * MrezaFormClass:
 * @check: reads the widgets into the record being edited, shows each
 *   field's problem beside it (mreza_form_show_problem()) and returns
 *   whether the record may be saved
 * @has_changes: whether the record differs from what was loaded; call
 *   only after @check
 * @save: saves the record in one transaction; returns its id
 * @delete: deletes the record; returns what was deleted (for Undo),
 *   freed with @free_snapshot after ::deleted
 * @free_snapshot: frees what @delete returned
 *
 * A subclass is a real extension point: MrezaForm owns the window, the
 * header bar's Cancel and Save, the error and notice areas, Ctrl+S,
 * Escape, and "Discard changes?"; the subclass owns its fields.
 */
struct _MrezaFormClass
{
  AdwWindowClass parent_class;

  gboolean  (*check)         (MrezaForm  *self);
  gboolean  (*has_changes)   (MrezaForm  *self);
  char     *(*save)          (MrezaForm  *self,
                              GError    **error);
  gpointer  (*delete)        (MrezaForm  *self,
                              GError    **error);
  GDestroyNotify free_snapshot;

  gpointer padding[8];
};

void        mreza_form_set_heading     (MrezaForm   *self,
                                        const char  *title,
                                        const char  *subtitle);
void        mreza_form_set_is_new      (MrezaForm   *self,
                                        gboolean     is_new);
gboolean    mreza_form_get_is_new      (MrezaForm   *self);
void        mreza_form_set_discard_text (MrezaForm  *self,
                                         const char *body);
void        mreza_form_add_group       (MrezaForm   *self,
                                        GtkWidget   *group);
void        mreza_form_set_deletable   (MrezaForm   *self,
                                        const char  *label,
                                        const char  *why_not);
void        mreza_form_set_locked      (MrezaForm   *self,
                                        const char  *why);
gboolean    mreza_form_get_locked      (MrezaForm   *self);
void        mreza_form_set_filling     (MrezaForm   *self,
                                        gboolean     filling);
void        mreza_form_changed         (MrezaForm   *self);
gboolean    mreza_form_can_save        (MrezaForm   *self);
gboolean    mreza_form_has_changes     (MrezaForm   *self);
void        mreza_form_save            (MrezaForm   *self);
void        mreza_form_delete          (MrezaForm   *self);
void        mreza_form_show_error      (MrezaForm   *self,
                                        const GError *error);
const char *mreza_form_get_error       (MrezaForm   *self);
GtkWidget  *mreza_form_get_save_button (MrezaForm   *self);
GtkWidget  *mreza_form_get_delete_button (MrezaForm *self);

/* Builders and helpers for the subclasses' rows. */
void        mreza_form_show_problem    (GtkWidget   *row,
                                        const char  *title,
                                        const char  *problem);
char       *mreza_form_dup_text        (GtkWidget   *editable);
void        mreza_form_set_text        (GtkWidget   *editable,
                                        const char  *text);
GtkWidget  *mreza_form_entry_row_new   (MrezaForm   *self,
                                        const char  *title);
GtkWidget  *mreza_form_combo_row_new   (MrezaForm   *self,
                                        const char  *title,
                                        GListModel  *model);
GtkWidget  *mreza_form_switch_row_new  (MrezaForm   *self,
                                        const char  *title,
                                        const char  *subtitle,
                                        GtkSwitch  **out_switch);

G_END_DECLS
