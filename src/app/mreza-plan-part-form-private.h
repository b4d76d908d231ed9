/* mreza-plan-part-form-private.h: the form's widgets, for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mreza-plan-part-form.h"

G_BEGIN_DECLS

struct _MrezaPlanPartForm
{
  MrezaForm      parent_instance;

  GtkWidget     *number_row;
  GtkWidget     *title_row;
  GtkWidget     *deadline_row;   /* an activity's; NULL for a goal */
  GtkWidget     *from_row;
  GtkWidget     *to_row;

  MrezaStore    *store;
  MrezaPlanPart *original;   /* as loaded, read back from the widgets */
  MrezaPlanPart *current;    /* what the widgets say */
};

G_END_DECLS
