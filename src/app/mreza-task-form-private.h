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
  MrezaForm          parent_instance;

  GtkWidget         *progress_group;
  GtkWidget         *status_row;
  GtkWidget         *done_row;
  GtkWidget         *note_row;

  MrezaStore        *store;
  MrezaTaskProgress *original;   /* as loaded, read back from the widgets */
  MrezaTaskProgress *current;    /* what the widgets say */
};

G_END_DECLS
