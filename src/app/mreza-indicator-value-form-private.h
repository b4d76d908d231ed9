/* mreza-indicator-value-form-private.h: the form's widgets, for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mreza-indicator-value-form.h"

G_BEGIN_DECLS

struct _MrezaIndicatorValueForm
{
  MrezaForm            parent_instance;

  AdwPreferencesGroup *value_group;
  AdwComboRow         *team_row;
  AdwEntryRow         *period_row;
  AdwEntryRow         *value_row;
  AdwComboRow         *yes_no_row;
  AdwEntryRow         *note_row;
  AdwPreferencesGroup *derived_group;
  AdwActionRow        *derived_actions_row;
  AdwActionRow        *derived_participants_row;

  MrezaStore          *store;
  GPtrArray           *teams;        /* of MrezaChoice: those it may write */
  MrezaIndicatorValue *original;
  MrezaIndicatorValue *current;
  gboolean             period_touched;
  gboolean             value_touched;
};

G_END_DECLS
