/* mreza-plan-task-form-private.h: the form's widgets, for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mreza-plan-edit.h"
#include "mreza-plan-task-form.h"

G_BEGIN_DECLS

struct _MrezaPlanTaskForm
{
  MrezaForm      parent_instance;

  GtkWidget     *number_row;
  GtkWidget     *title_row;
  GtkWidget     *deadline_row;
  GtkWidget     *from_row;
  GtkWidget     *to_row;

  MrezaStore    *store;
  MrezaPlanTask *original;   /* as loaded, read back from the widgets */
  MrezaPlanTask *current;    /* what the widgets say */
};

G_END_DECLS
