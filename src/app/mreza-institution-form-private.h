/* mreza-institution-form-private.h: the form's widgets, for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mreza-directory.h"
#include "mreza-institution-form.h"

G_BEGIN_DECLS

struct _MrezaInstitutionForm
{
  MrezaForm         parent_instance;

  GtkWidget        *choice_row;     /* only when adding to a team */
  GtkWidget        *details_group;
  GtkWidget        *name_row;
  GtkWidget        *short_name_row;
  GtkWidget        *sector_row;
  GtkWidget        *town_row;

  MrezaStore       *store;
  char             *team_id;
  GPtrArray        *choices;        /* of MrezaChoice: not yet members */
  gboolean          can_create;     /* "New institution" is the first choice */
  MrezaInstitution *original;
  MrezaInstitution *current;
  gboolean          name_touched;
};

G_END_DECLS
