/* mreza-plan-risk-form-private.h: the form's widgets, for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mreza-plan-edit.h"
#include "mreza-plan-risk-form.h"

G_BEGIN_DECLS

struct _MrezaPlanRiskForm
{
  MrezaForm      parent_instance;

  GtkWidget     *text_row;

  MrezaStore    *store;
  MrezaPlanRisk *original;   /* as loaded, read back from the widgets */
  MrezaPlanRisk *current;    /* what the widgets say */
};

G_END_DECLS
