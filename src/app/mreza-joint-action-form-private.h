/* mreza-joint-action-form-private.h: the form's widgets, for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mreza-joint-action-form.h"
#include "mreza-access.h"
#include "mreza-joint-actions.h"

G_BEGIN_DECLS

/* Chooses several rows of the directory or the plan: a popover with a
 * search entry and check rows, the chosen shown as removable rows of
 * their group (mreza-joint-action-form-links.c). */
typedef GPtrArray *(*MrezaLinkSearchFunc) (gpointer    user_data,
                                           const char *text);

typedef struct
{
  AdwPreferencesGroup *group;
  GtkMenuButton       *button;
  GtkPopover          *popover;
  GtkSearchEntry      *search;
  GtkListBox          *list;
  GtkWidget           *empty_row;
  GPtrArray           *chosen;      /* of MrezaChoice, in the order chosen */
  GPtrArray           *rows;        /* the group's rows, as chosen */
  const char          *table;       /* institution or indicator */
  MrezaLinkSearchFunc  search_func;
  GCallback            changed;     /* void (*) (gpointer user_data) */
  gpointer             user_data;
  gboolean             filling;
} MrezaLinkPicker;

void       _mreza_link_picker_init     (MrezaLinkPicker     *picker,
                                        const char          *table,
                                        MrezaLinkSearchFunc  search_func,
                                        GCallback            changed,
                                        gpointer             user_data);
void       _mreza_link_picker_clear    (MrezaLinkPicker     *picker);
void       _mreza_link_picker_set      (MrezaLinkPicker     *picker,
                                        sqlite3             *db,
                                        const GPtrArray     *ids);
void       _mreza_link_picker_read     (MrezaLinkPicker     *picker,
                                        GPtrArray           *ids);
void       _mreza_link_picker_toggle   (MrezaLinkPicker     *picker,
                                        const char          *id,
                                        const char          *label,
                                        gboolean             chosen);
void       _mreza_link_picker_refresh  (MrezaLinkPicker     *picker);

struct _MrezaJointActionForm
{
  MrezaForm            parent_instance;

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
  AdwPreferencesGroup *when_group;
  AdwPreferencesGroup *who_group;
  AdwPreferencesGroup *plan_group;
  MrezaLinkPicker      institutions;
  MrezaLinkPicker      indicators;

  MrezaStore          *store;
  MrezaAccess         *access;
  GPtrArray           *all_indicators; /* of MrezaChoice, for the activity */
  char                *indicators_for; /* the activity they were read for */
  const char          *read_only;      /* why, when this device may not write */
  GPtrArray           *teams;        /* of MrezaChoice */
  GPtrArray           *activities;   /* of MrezaChoice */
  MrezaJointAction    *original;     /* as loaded, or the new defaults */
  MrezaJointAction    *current;      /* what the widgets say */
  gboolean             title_touched;
};

G_END_DECLS
