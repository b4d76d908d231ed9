/* mreza-plan-budget-form-private.h: the form's widgets, for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mreza-plan-budget-form.h"
#include "mreza-plan-edit.h"

G_BEGIN_DECLS

struct _MrezaPlanBudgetForm
{
  MrezaForm            parent_instance;

  GtkWidget           *source_row;
  GtkWidget           *source_text_row;
  GtkWidget           *institution_row;
  GtkDropDown         *institution_drop;   /* "None" first */
  GtkWidget           *project_row;        /* "None" first */
  GtkWidget           *amount_row;
  GtkWidget           *currency_row;
  GStrv                currencies;         /* the row's codes */
  GtkWidget           *year_row;
  GtkWidget           *task_row;           /* "Whole activity" first */
  GtkWidget           *note_row;

  GPtrArray           *institutions;       /* of MrezaChoice */
  GPtrArray           *projects;
  GPtrArray           *tasks;

  MrezaStore          *store;
  MrezaPlanBudgetLine *original;   /* as loaded, read back from the widgets */
  MrezaPlanBudgetLine *current;    /* what the widgets say */
};

G_END_DECLS
