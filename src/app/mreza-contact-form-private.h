/* mreza-contact-form-private.h: the form's widgets, for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mreza-contact-form.h"
#include "mreza-directory.h"

G_BEGIN_DECLS

struct _MrezaContactForm
{
  MrezaForm     parent_instance;

  GtkWidget    *name_row;
  GtkWidget    *role_row;
  GtkWidget    *institution_row;
  GtkWidget    *phone_row;
  GtkWidget    *email_row;
  GtkWidget    *secretary_row;
  GtkSwitch    *secretary_switch;

  MrezaStore   *store;
  GPtrArray    *institutions;   /* of MrezaChoice, the team's members */
  MrezaContact *original;       /* as loaded, or the new defaults */
  MrezaContact *current;        /* what the widgets say */
  gboolean      name_touched;
  gboolean      role_touched;
};

G_END_DECLS
