/* mreza-project-form-private.h: the form's widgets, for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mreza-directory.h"
#include "mreza-project-form.h"

G_BEGIN_DECLS

struct _MrezaProjectForm
{
  MrezaForm     parent_instance;

  GtkWidget    *title_row;
  GtkWidget    *status_row;
  GtkWidget    *start_row;
  GtkWidget    *end_row;
  GtkWidget    *amount_row;
  GtkWidget    *currency_row;
  GtkWidget    *beneficiaries_row;
  GtkWidget    *count_row;
  GtkWidget    *summary_row;
  GtkWidget    *partners_group;
  GPtrArray    *partner_rows;      /* of GtkWidget, shown in partners_group */
  GtkWidget    *partner_row;       /* the institution to add */
  GtkWidget    *role_row;          /* its role */
  GtkWidget    *add_partner_row;
  GtkWidget    *adder_group;

  MrezaStore   *store;
  GPtrArray    *institutions;      /* of MrezaChoice, every institution */
  MrezaProject *original;
  MrezaProject *current;
  gboolean      title_touched;
};

void _mreza_project_form_add_partner (MrezaProjectForm *self);

G_END_DECLS
