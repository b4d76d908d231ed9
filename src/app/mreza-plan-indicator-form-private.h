/* mreza-plan-indicator-form-private.h: the form's widgets, for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mreza-plan-edit.h"
#include "mreza-plan-indicator-form.h"

G_BEGIN_DECLS

struct _MrezaPlanIndicatorForm
{
  MrezaForm           parent_instance;

  GtkWidget          *number_row;
  GtkWidget          *text_row;
  GtkWidget          *kind_row;
  GtkWidget          *target_row;

  MrezaStore         *store;
  MrezaPlanIndicator *original;   /* as loaded, read back from the widgets */
  MrezaPlanIndicator *current;    /* what the widgets say */
};

G_END_DECLS
