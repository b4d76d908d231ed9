/* mreza-plan-form-rows.h: rows the forms of the plan's structure share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mreza-access.h"
#include "mreza-form.h"

G_BEGIN_DECLS

GtkWidget *mreza_plan_form_row_new      (MrezaForm          *form,
                                         const char         *title,
                                         const char         *label,
                                         gboolean            digits);
int        mreza_plan_form_read_number  (GtkWidget          *row);
void       mreza_plan_form_set_number   (GtkWidget          *row,
                                         int                 number);
void       mreza_plan_form_add_deadline (MrezaForm          *form,
                                         const char         *description,
                                         GtkWidget         **text_row,
                                         GtkWidget         **from_row,
                                         GtkWidget         **to_row);
void       mreza_plan_form_apply_access (MrezaForm          *form,
                                         const MrezaAccess  *access,
                                         const char         *table,
                                         const char         *delete_label,
                                         const char         *why_not_delete,
                                         GtkWidget         **rows,
                                         guint               n_rows);

G_END_DECLS
