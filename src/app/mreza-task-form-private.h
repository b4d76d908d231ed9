/* mreza-task-form-private.h: the form's widgets, for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mreza-task-form.h"
#include "mreza-tasks.h"

G_BEGIN_DECLS

struct _MrezaTaskForm
{
  AdwWindow            parent_instance;

  AdwWindowTitle      *window_title;
  AdwPreferencesGroup *progress_group;
  GtkButton           *save_button;
  AdwPreferencesGroup *error_group;
  GtkLabel            *error_label;
  AdwComboRow         *status_row;
  AdwEntryRow         *done_row;
  AdwEntryRow         *note_row;

  MrezaStore          *store;
  MrezaTaskProgress   *original;   /* as loaded, read back from the widgets */
  MrezaTaskProgress   *current;    /* what the widgets say */
  gboolean             filling;    /* the widgets are being set */
  gboolean             close_confirmed;
};

void _mreza_task_form_save (MrezaTaskForm *self);

G_END_DECLS
