/* mreza-joint-action-form-private.h: the form's widgets, for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mreza-joint-action-form.h"
#include "mreza-joint-actions.h"

G_BEGIN_DECLS

struct _MrezaJointActionForm
{
  AdwWindow            parent_instance;

  AdwWindowTitle      *window_title;
  GtkButton           *save_button;
  AdwPreferencesGroup *error_group;
  GtkLabel            *error_label;
  AdwEntryRow         *date_row;
  AdwComboRow         *kind_row;
  AdwEntryRow         *title_row;
  AdwEntryRow         *place_row;
  AdwComboRow         *team_row;
  GtkSpinButton       *women_spin;
  GtkSpinButton       *men_spin;
  GtkSpinButton       *girls_spin;
  GtkSpinButton       *boys_spin;
  AdwComboRow         *activity_row;
  AdwEntryRow         *note_row;
  AdwPreferencesGroup *delete_group;

  MrezaStore          *store;
  GPtrArray           *teams;        /* of MrezaChoice */
  GPtrArray           *activities;   /* of MrezaChoice */
  MrezaJointAction    *original;     /* as loaded, or the new defaults */
  MrezaJointAction    *current;      /* what the widgets say */
  gboolean             filling;      /* the widgets are being set */
  gboolean             title_touched;
  gboolean             close_confirmed;
};

void _mreza_joint_action_form_save   (MrezaJointActionForm *self);
void _mreza_joint_action_form_delete (MrezaJointActionForm *self);

G_END_DECLS
