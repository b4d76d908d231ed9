/* mreza-indicator-value-form-private.h: the form's widgets, for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mreza-indicator-value-form.h"

G_BEGIN_DECLS

struct _MrezaIndicatorValueForm
{
  AdwWindow            parent_instance;

  AdwWindowTitle      *window_title;
  GtkButton           *save_button;
  AdwPreferencesGroup *error_group;
  GtkLabel            *error_label;
  AdwComboRow         *team_row;
  AdwEntryRow         *period_row;
  AdwEntryRow         *value_row;
  AdwComboRow         *yes_no_row;
  AdwEntryRow         *note_row;
  AdwPreferencesGroup *derived_group;
  AdwActionRow        *derived_actions_row;
  AdwActionRow        *derived_participants_row;
  AdwPreferencesGroup *delete_group;

  MrezaStore          *store;
  GPtrArray           *teams;        /* of MrezaChoice: those it may write */
  MrezaIndicatorValue *original;
  MrezaIndicatorValue *current;
  gboolean             filling;
  gboolean             period_touched;
  gboolean             value_touched;
  gboolean             close_confirmed;
};

void _mreza_indicator_value_form_save   (MrezaIndicatorValueForm *self);
void _mreza_indicator_value_form_delete (MrezaIndicatorValueForm *self);

G_END_DECLS
